"""An enterprise's responsibility system (全员安全生产责任制): posts, their holders, scopes,
assessment standards and duties, checked against the statute.

《中华人民共和国安全生产法》（2021年修正）第二十二条 requires the 全员安全生产责任制 to name, for
every post (岗位), its 责任人员、责任范围和考核标准. :func:`check_system` reports every statutory
duty not carried by a post of its legal holder (with the duty's citation), every post missing
a person, scope or assessment standard, staffing below the thresholds of
:mod:`~safetyrules.responsibility.staffing`, and — when the enterprise has chosen to set one up —
a missing 首席安全官. Unknown duty ids are input errors, listed apart from the findings.

首席安全官 is not a statutory post: it is an enterprise role (企业自设岗位) promoted by policy
("在有关重点企业设立首席安全官并由企业副职担任", 嘉兴市 (330400)《全市2018年安全生产工作要点》,
a yearly work plan), which is not in the catalogue; its findings carry no legal citation. The role
is checked only when the enterprise says it has one or must have one
(``chief_safety_officer_required``). For an enterprise outside 嘉兴市, or a date outside 2018, the
finding says that the rule is a local policy of that place and year and is marked unverified.
Data: ``safetyrules/data/responsibility/roles.toml``.

>>> from datetime import date
>>> from safetyrules.enterprise import Enterprise
>>> system = ResponsibilitySystem(
...     enterprise=Enterprise(name="示例公司", uscc="91330402MA2B00000H", industry="1432",
...                           jurisdiction="110105", employees=40),
...     posts=[Post(id="gm", name="总经理", role="主要负责人", person="张三",
...                 scope="全面负责", assessment_standard="年度考核",
...                 duties=[d.id for d in statutory_duties(on=date(2024, 1, 1), holder="主要负责人")])],
... )
>>> result = check_system(system, on=date(2024, 1, 1))
>>> len(result.findings), result.findings[0].kind.value
(9, '法定职责未落实到岗位')
>>> print(result.findings[0].text())
安全生产管理机构以及安全生产管理人员的法定职责“组织或者参与拟订本单位安全生产规章制度、操作规程和生产安全事故应急救援预案”未落实到任何安全生产管理人员岗位。依据：《中华人民共和国安全生产法》（2021年修正）第二十五条第一款第（一）项
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from functools import cache
from types import MappingProxyType
from typing import Annotated, Literal, Self

import attrs
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictBool, model_validator

from safetyrules.enterprise import Enterprise
from safetyrules.errors import RuleDataError, UnknownReference
from safetyrules.law.citation import Citation
from safetyrules.law.confidence import Confidence
from safetyrules.law.data_files import enumerate_tables, read_toml, validated
from safetyrules.law.jurisdiction import jurisdiction
from safetyrules.responsibility.duties import (
    Coverage,
    DutyHolder,
    StatutoryDuty,
    statutory_duties,
)
from safetyrules.responsibility.rows import Column, Language, export
from safetyrules.responsibility.staffing import (
    Categories,
    StaffingActual,
    StaffingCheck,
    check_staffing,
    staffing_requirement,
)

ROLES_FILE = "responsibility/roles.toml"
"""The packaged enterprise roles (企业自设岗位数据文件), read by :func:`enterprise_role`."""
CHIEF_SAFETY_OFFICER = "chief-safety-officer"
"""The id of the 首席安全官 role in ``roles.toml``."""


class PostRole(StrEnum):
    """The kind of holder of a post (岗位类别).

    >>> PostRole("其他负责人").name
    'OTHER_LEADER'
    """

    PRINCIPAL = "主要负责人"
    OTHER_LEADER = "其他负责人"
    SAFETY_MANAGER = "安全生产管理人员"
    GENERAL = "一般岗位"


class SafetyStaffing(StrEnum):
    """Whether a post's safety management work is full-time or part-time (专职 / 兼职).

    >>> SafetyStaffing.PART_TIME.value
    '兼职'
    """

    FULL_TIME = "专职"
    PART_TIME = "兼职"


class Post(BaseModel):
    """A post of the responsibility system (岗位) and what it answers for.

    One post is one person: a post held by several people is entered once per person.
    A 专职 safety manager holds a 安全生产管理人员 post; a 兼职 one may hold any post. Only
    posts that do safety management may be marked 注册安全工程师 (第二十七条第三款 counts those).

    >>> Post(id="safety", name="安全员", role="安全生产管理人员")
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.ValidationError: 1 validation error for Post
    ...
    """

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    id: str = Field(min_length=1, pattern=r"^\S+$", description="岗位编号")
    name: str = Field(min_length=1, description="岗位名称")
    role: PostRole = Field(description="岗位类别")
    person: str = Field(default="", description="责任人员")
    scope: str = Field(default="", description="责任范围")
    assessment_standard: str = Field(default="", description="考核标准")
    duties: tuple[str, ...] = Field(default=(), description="承担的法定职责 id")
    safety_staff: SafetyStaffing | None = Field(
        default=None, description="安全生产管理人员（专职/兼职）"
    )
    registered_safety_engineer: StrictBool = Field(default=False, description="注册安全工程师")
    chief_safety_officer: StrictBool = Field(
        default=False, description="首席安全官（企业自设岗位）"
    )

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if len(set(self.duties)) != len(self.duties):
            raise ValueError(f"duties: 岗位 {self.id} 的职责 id 有重复")
        if self.role is PostRole.SAFETY_MANAGER and self.safety_staff is None:
            raise ValueError(f"safety_staff: 安全生产管理人员岗位 {self.id} 须注明专职或兼职")
        if (
            self.safety_staff is SafetyStaffing.FULL_TIME
            and self.role is not PostRole.SAFETY_MANAGER
        ):
            raise ValueError(
                f"role: 专职安全生产管理人员岗位 {self.id} 的岗位类别应为安全生产管理人员"
            )
        if self.registered_safety_engineer and self.safety_staff is None:
            raise ValueError(
                f"registered_safety_engineer: 岗位 {self.id} 不从事安全生产管理工作，"
                "不计为注册安全工程师（第二十七条第三款）"
            )
        return self

    def holds(self, holder: DutyHolder) -> bool:
        """Whether this post is of the legal holder of a duty (是否属于法定职责主体).

        >>> p = Post(id="vp", name="副总经理", role="其他负责人", safety_staff="兼职")
        >>> p.holds(DutyHolder.OTHER_LEADER), p.holds(DutyHolder.SAFETY_MANAGEMENT)
        (True, True)
        """
        if holder is DutyHolder.PRINCIPAL:
            return self.role is PostRole.PRINCIPAL
        if holder is DutyHolder.OTHER_LEADER:
            return self.role is PostRole.OTHER_LEADER
        if holder is DutyHolder.SAFETY_MANAGEMENT:
            return self.safety_staff is not None
        return True


POST_COLUMNS = (
    Column("post_id", "岗位编号", "post_id"),
    Column("post", "岗位", "post"),
    Column("role", "岗位类别", "role"),
    Column("person", "责任人员", "responsible_person"),
    Column("scope", "责任范围", "scope"),
    Column("assessment_standard", "考核标准", "assessment_standard"),
    Column("duties", "法定职责", "statutory_duties"),
    Column("safety_staff", "安全生产管理人员", "safety_staff"),
    Column("registered_safety_engineer", "注册安全工程师", "registered_safety_engineer"),
    Column("chief_safety_officer", "首席安全官", "chief_safety_officer"),
)
"""The columns of :meth:`ResponsibilitySystem.to_rows`, in order (岗位清单列)."""


class ResponsibilitySystem(BaseModel):
    """An enterprise's 全员安全生产责任制: its posts and its safety organisation.

    ``categories`` are the staffing categories (危险物品的储存 …) the enterprise belongs to,
    beyond those its flags already say; a category given here is taken as established, while
    one presumed from a flag is marked unverified. ``chief_safety_officer_required`` says the
    enterprise has set up, or must under a local policy set up, a 首席安全官; only then is the
    role checked. The yes/no fields take ``True`` or ``False`` only (no ``1`` or ``"yes"``).

    >>> from safetyrules.enterprise import Enterprise
    >>> e = Enterprise(name="示例公司", uscc="91330402MA2B00000H", industry="1432",
    ...                jurisdiction="330402", employees=40)
    >>> s = ResponsibilitySystem(enterprise=e, posts=[Post(id="gm", name="总经理", role="主要负责人")])
    >>> s.to_rows("en")[0]["post"], s.to_rows()[0]["岗位类别"]
    ('总经理', '主要负责人')
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    enterprise: Enterprise
    posts: tuple[Post, ...] = ()
    safety_organisation: StrictBool = Field(default=False, description="已设置安全生产管理机构")
    categories: Categories = Field(default=(), description="所属单位类别（调用方认定）")
    chief_safety_officer_required: StrictBool = Field(
        default=False, description="设首席安全官（企业自设或当地政策要求）"
    )

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.enterprise.employees is None:
            raise ValueError("enterprise.employees: 检查全员安全生产责任制须给出从业人员数")
        seen: set[str] = set()
        for post in self.posts:
            if post.id in seen:
                raise ValueError(f"posts: 岗位编号 {post.id} 重复")
            seen.add(post.id)
        return self

    def staffing_actual(self) -> StaffingActual:
        """The staffing the posts add up to (实际配备), one person per post.

        >>> from safetyrules.enterprise import Enterprise
        >>> e = Enterprise(name="示例公司", uscc="91330402MA2B00000H", industry="1432",
        ...                jurisdiction="330402", employees=40)
        >>> ResponsibilitySystem(enterprise=e, posts=[
        ...     Post(id="s1", name="安全员", role="安全生产管理人员", safety_staff="专职",
        ...          registered_safety_engineer=True)]).staffing_actual()
        StaffingActual(organisation=False, full_time=1, part_time=0, registered_safety_engineers=1)
        """
        return StaffingActual(
            organisation=self.safety_organisation,
            full_time=sum(p.safety_staff is SafetyStaffing.FULL_TIME for p in self.posts),
            part_time=sum(p.safety_staff is SafetyStaffing.PART_TIME for p in self.posts),
            registered_safety_engineers=sum(p.registered_safety_engineer for p in self.posts),
        )

    def to_rows(self, language: Language = "zh") -> list[dict[str, object]]:
        """The posts as rows (岗位清单), keyed by the Chinese or English names of
        :data:`POST_COLUMNS`; the values are the same in both (导出为行).

        >>> from safetyrules.enterprise import Enterprise
        >>> e = Enterprise(name="示例公司", uscc="91330402MA2B00000H", industry="1432",
        ...                jurisdiction="330402", employees=40)
        >>> s = ResponsibilitySystem(enterprise=e, posts=[
        ...     Post(id="gm", name="总经理", role="主要负责人", duties=["principal.investment"])])
        >>> s.to_rows()[0]["法定职责"], s.to_rows("en")[0]["statutory_duties"]
        ('principal.investment', 'principal.investment')
        """
        records = [
            {
                "post_id": p.id,
                "post": p.name,
                "role": p.role.value,
                "person": p.person,
                "scope": p.scope,
                "assessment_standard": p.assessment_standard,
                "duties": "；".join(p.duties),
                "safety_staff": "" if p.safety_staff is None else p.safety_staff.value,
                "registered_safety_engineer": p.registered_safety_engineer,
                "chief_safety_officer": p.chief_safety_officer,
            }
            for p in self.posts
        ]
        return export(records, POST_COLUMNS, language)


# ---------------------------------------------------------------------------
# Enterprise roles that are not statutory (企业自设岗位)
# ---------------------------------------------------------------------------


@attrs.frozen
class EnterpriseRole:
    """A role an enterprise sets up itself, with the policy behind it (企业自设岗位).

    It has no legal citation: ``citation`` is always ``None`` and ``policy_source`` names the
    policy document in words. ``policy_jurisdiction`` and ``policy_year`` are the place and
    year of the policy (政策的地域和年度).

    >>> r = enterprise_role(CHIEF_SAFETY_OFFICER)
    >>> r.name, r.kind, r.held_by.value, r.citation
    ('首席安全官', '企业自设岗位', '其他负责人', None)
    >>> r.policy_jurisdiction, r.policy_year, r.policy_confidence.value
    ('330400', 2018, 'secondary')
    """

    id: str
    name: str
    kind: str
    held_by: PostRole
    held_by_confidence: Confidence
    policy: str
    policy_source: str
    policy_jurisdiction: str
    policy_year: int
    policy_confidence: Confidence
    policy_url: str | None = None
    citation: Citation | None = None

    @property
    def statutory(self) -> bool:
        """Always ``False``: not a statutory post (非法定岗位)."""
        return False

    def policy_scope(self, place: str, on: date) -> str | None:
        """Why the policy may not reach an enterprise (政策适用范围说明): ``None`` when the
        place lies within the policy's jurisdiction and the date within its year, otherwise
        a Chinese sentence naming the policy's place and year.

        >>> r = enterprise_role(CHIEF_SAFETY_OFFICER)
        >>> r.policy_scope("330402", date(2018, 6, 1)) is None
        True
        >>> r.policy_scope("110105", date(2024, 6, 1))
        '首席安全官的要求是浙江省嘉兴市2018年度安全生产工作要点提出的地方政策：企业所在地北京市朝阳区不在浙江省嘉兴市，检查日期2024-06-01不在2018年度内；该政策是否适用于本企业，未见来源'
        """
        area = jurisdiction(self.policy_jurisdiction)
        here = jurisdiction(place)
        gaps = []
        if all(j.code != area.code for j in here.chain()):
            gaps.append(f"企业所在地{here.full_name or here.name}不在{area.full_name}")
        if on.year != self.policy_year:
            gaps.append(f"检查日期{on.isoformat()}不在{self.policy_year}年度内")
        if not gaps:
            return None
        return (
            f"{self.name}的要求是{area.full_name}{self.policy_year}年度安全生产工作要点提出的"
            f"地方政策：{'，'.join(gaps)}；该政策是否适用于本企业，未见来源"
        )


def enterprise_role(role_id: str) -> EnterpriseRole:
    """A non-statutory enterprise role by id (按 id 查找企业自设岗位).

    >>> enterprise_role("safety-director")
    Traceback (most recent call last):
    ...
    safetyrules.errors.UnknownReference: 未知的企业自设岗位: 'safety-director'
    """
    try:
        return _roles()[role_id]
    except KeyError:
        raise UnknownReference("企业自设岗位", role_id) from None


def _known_place(value: str) -> str:
    try:
        return jurisdiction(value).code
    except UnknownReference as error:
        raise ValueError(str(error)) from None


class _RoleEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    name: str = Field(min_length=1)
    kind: Literal["企业自设岗位"]
    held_by: PostRole
    held_by_confidence: Confidence
    policy: str = Field(min_length=1)
    policy_source: str = Field(min_length=1)
    policy_url: str | None = Field(default=None, pattern=r"^https?://\S+$")
    policy_jurisdiction: Annotated[str, AfterValidator(_known_place)] = Field(pattern=r"^\d{6}$")
    policy_year: int = Field(ge=1949, le=2100)
    policy_confidence: Confidence


@cache
def _roles() -> Mapping[str, EnterpriseRole]:
    file, document = read_toml(ROLES_FILE)
    found: dict[str, EnterpriseRole] = {}
    for index, raw in enumerate_tables(document, "role", file):
        entry = validated(_RoleEntry, raw, file, f"role[{index}]")
        if entry.id in found:
            raise RuleDataError(file, f"role[{index}].id", f"重复的 id {entry.id!r}")
        found[entry.id] = EnterpriseRole(**entry.model_dump())
    if CHIEF_SAFETY_OFFICER not in found:
        raise RuleDataError(file, "role", f"缺少 {CHIEF_SAFETY_OFFICER}")
    return MappingProxyType(found)


# ---------------------------------------------------------------------------
# The check
# ---------------------------------------------------------------------------


class FindingKind(StrEnum):
    """What a finding about a responsibility system is (问题类别).

    >>> FindingKind.SCOPE_MISSING.value
    '岗位未明确责任范围'
    """

    DUTY_UNASSIGNED = "法定职责未落实到岗位"
    PERSON_MISSING = "岗位未明确责任人员"
    SCOPE_MISSING = "岗位未明确责任范围"
    STANDARD_MISSING = "岗位未明确考核标准"
    STAFFING_SHORTFALL = "安全生产管理机构或人员配备不足"
    CHIEF_SAFETY_OFFICER_MISSING = "未设首席安全官"
    CHIEF_SAFETY_OFFICER_HOLDER = "首席安全官未由企业副职担任"


class Finding(BaseModel):
    """One gap in a responsibility system (问题), with its basis.

    ``citation`` is the legal basis; a finding from a policy (首席安全官) has none and says
    why in ``basis``.

    >>> f = Finding(kind="岗位未明确责任范围", message="岗位“安全员”未明确责任范围", post_id="s1")
    >>> f.key
    ('岗位未明确责任范围', 's1', None)
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: FindingKind
    message: str
    post_id: str | None = None
    duty_id: str | None = None
    citation: Citation | None = None
    basis: str | None = None
    confidence: Confidence = Confidence.OFFICIAL

    @property
    def key(self) -> tuple[str, str | None, str | None]:
        """What the finding is about, without its wording (问题标识)."""
        return (self.kind.value, self.post_id, self.duty_id)

    def text(self) -> str:
        """The finding as a Chinese sentence with its basis (问题说明).

        >>> Finding(kind="未设首席安全官", message="未设首席安全官", basis="（政策要求，无法律依据）").text()
        '未设首席安全官。（政策要求，无法律依据）'
        """
        sentence = self.message.rstrip("。") + "。"
        if self.citation is not None:
            sentence += f"依据：{self.citation}"
        elif self.basis:
            sentence += self.basis
        if self.confidence is Confidence.UNVERIFIED:
            sentence += "（注意：该依据未经官方文本核实）"
        return sentence


class InputProblem(BaseModel):
    """A bad value in the system as sent in (输入错误), naming the field and the value.

    >>> InputProblem(field="posts[0].duties", post_id="gm", value="x", message="未知的法定职责 id").text()
    "posts[0].duties = 'x': 未知的法定职责 id"
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    field: str
    post_id: str
    value: str
    message: str

    def text(self) -> str:
        """The problem as one line (输入错误说明: field = value: message)."""
        return f"{self.field} = {self.value!r}: {self.message}"


FINDING_COLUMNS = (
    Column("kind", "问题类别", "kind"),
    Column("post_id", "岗位编号", "post_id"),
    Column("duty_id", "职责编号", "duty_id"),
    Column("message", "说明", "message"),
    Column("citation", "依据", "basis"),
    Column("confidence", "可信度", "confidence"),
)
"""The columns of :meth:`SystemCheck.to_rows`, in order (检查结果列)."""

INPUT_ERROR = "输入错误"
"""The ``kind`` of an input problem's row in :meth:`SystemCheck.to_rows` (输入错误)."""


class SystemCheck(BaseModel):
    """The result of checking a responsibility system on a date (责任制检查结果).

    ``findings`` come in a fixed order: statutory duties (in the order of the duties data,
    posts in the order given), staffing, then the 首席安全官.

    >>> from datetime import date
    >>> from safetyrules.enterprise import Enterprise
    >>> e = Enterprise(name="示例公司", uscc="91330402MA2B00000H", industry="1432",
    ...                jurisdiction="110105", employees=40)
    >>> r = check_system(ResponsibilitySystem(enterprise=e), on=date(2024, 1, 1))
    >>> r.ok, len(r.findings), r.findings[-1].message
    (False, 16, '未配备专职或者兼职的安全生产管理人员')
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    on: date
    enterprise: str
    findings: tuple[Finding, ...]
    errors: tuple[InputProblem, ...]
    staffing: StaffingCheck

    @property
    def ok(self) -> bool:
        """No finding and no input error (责任制符合要求)."""
        return not self.findings and not self.errors

    @property
    def unverified(self) -> bool:
        """Whether a finding rests on an unverified basis (依据未核实)."""
        return any(f.confidence is Confidence.UNVERIFIED for f in self.findings)

    def text(self) -> str:
        """The findings and input errors as numbered Chinese lines (检查结论).

        >>> from datetime import date
        >>> from safetyrules.enterprise import Enterprise
        >>> e = Enterprise(name="示例公司", uscc="91330402MA2B00000H", industry="1432",
        ...                jurisdiction="110105", employees=40)
        >>> print(check_system(ResponsibilitySystem(enterprise=e), on=date(2024, 1, 1)).text().splitlines()[-1])
        16. 未配备专职或者兼职的安全生产管理人员。依据：《中华人民共和国安全生产法》（2021年修正）第二十四条第二款
        """
        lines = [f.text() for f in self.findings] + [
            f"{INPUT_ERROR}：{e.text()}" for e in self.errors
        ]
        if not lines:
            return f"{self.enterprise}的全员安全生产责任制未发现问题。"
        return "\n".join(f"{n}. {line}" for n, line in enumerate(lines, start=1))

    def to_rows(self, language: Language = "zh") -> list[dict[str, object]]:
        """The findings, then the input errors, as rows keyed by the Chinese or English names
        of :data:`FINDING_COLUMNS`; citations as text, a policy finding's basis in words
        (导出为行).

        >>> from datetime import date
        >>> from safetyrules.enterprise import Enterprise
        >>> e = Enterprise(name="示例公司", uscc="91330402MA2B00000H", industry="1432",
        ...                jurisdiction="110105", employees=40)
        >>> rows = check_system(ResponsibilitySystem(enterprise=e), on=date(2024, 1, 1)).to_rows("en")
        >>> rows[0]["kind"], rows[0]["duty_id"], rows[0]["basis"]
        ('法定职责未落实到岗位', 'principal.responsibility-system', '《中华人民共和国安全生产法》（2021年修正）第二十一条第（一）项')
        """
        records: list[dict[str, object]] = [
            {
                "kind": f.kind.value,
                "post_id": f.post_id or "",
                "duty_id": f.duty_id or "",
                "message": f.message,
                "citation": f.basis or "" if f.citation is None else f.citation.text,
                "confidence": f.confidence.label,
            }
            for f in self.findings
        ]
        records += [
            {
                "kind": INPUT_ERROR,
                "post_id": e.post_id,
                "duty_id": e.value,
                "message": e.text(),
                "citation": "",
                "confidence": "",
            }
            for e in self.errors
        ]
        return export(records, FINDING_COLUMNS, language)


def check_system(system: ResponsibilitySystem, *, on: date) -> SystemCheck:
    """Check a 全员安全生产责任制 against the statute on a date (检查全员安全生产责任制).

    >>> from datetime import date
    >>> from safetyrules.enterprise import Enterprise
    >>> e = Enterprise(name="示例公司", uscc="91330402MA2B00000H", industry="1432",
    ...                jurisdiction="110105", employees=40)
    >>> r = check_system(ResponsibilitySystem(enterprise=e, posts=[
    ...     Post(id="gm", name="总经理", role="主要负责人", duties=["principal.unknown"])]),
    ...     on=date(2024, 1, 1))
    >>> [e.text() for e in r.errors]
    ["posts[0].duties = 'principal.unknown': 未知的法定职责 id"]
    >>> [f.message for f in r.findings if f.post_id == "gm"]
    ['岗位“总经理”未明确责任人员', '岗位“总经理”未明确责任范围', '岗位“总经理”未明确考核标准']
    """
    duties = statutory_duties(on=on)
    findings: list[Finding] = []
    for duty in duties:
        findings += _duty_findings(duty, system.posts)
    staffing = check_staffing(
        system.staffing_actual(),
        staffing_requirement(system.enterprise, on=on, categories=system.categories),
    )
    findings += [
        Finding(
            kind=FindingKind.STAFFING_SHORTFALL,
            message=s.message if s.clause.note is None else f"{s.message}（{s.clause.note}）",
            citation=s.citation,
            confidence=s.clause.confidence,
        )
        for s in staffing.shortfalls
    ]
    findings += _chief_safety_officer(system, on)
    return SystemCheck(
        on=on,
        enterprise=system.enterprise.name,
        findings=tuple(findings),
        errors=_input_problems(system.posts, duties),
        staffing=staffing,
    )


_HOLDER_POSTS = {
    DutyHolder.PRINCIPAL: "主要负责人",
    DutyHolder.OTHER_LEADER: "其他负责人",
    DutyHolder.SAFETY_MANAGEMENT: "安全生产管理人员",
    DutyHolder.UNIT: "",
}


def _duty_findings(duty: StatutoryDuty, posts: tuple[Post, ...]) -> list[Finding]:
    def finding(kind: FindingKind, message: str, post: Post | None = None) -> Finding:
        return Finding(
            kind=kind,
            message=message,
            post_id=None if post is None else post.id,
            duty_id=duty.id,
            citation=duty.citation,
            confidence=duty.confidence,
        )

    if duty.coverage is Coverage.POST_CONTENTS:
        found = []
        for post in posts:
            for kind, value, what in (
                (FindingKind.PERSON_MISSING, post.person, "责任人员"),
                (FindingKind.SCOPE_MISSING, post.scope, "责任范围"),
                (FindingKind.STANDARD_MISSING, post.assessment_standard, "考核标准"),
            ):
                if not value:
                    found.append(finding(kind, f"岗位“{post.name}”未明确{what}", post))
        return found
    if duty.coverage is Coverage.EACH:
        return [
            finding(
                FindingKind.DUTY_UNASSIGNED,
                f"{post.role.value}岗位“{post.name}”未明确“{duty.text}”",
                post,
            )
            for post in posts
            if post.holds(duty.holder) and duty.id not in post.duties
        ]
    if any(duty.id in p.duties and p.holds(duty.holder) for p in posts):
        return []
    elsewhere = [p.name for p in posts if duty.id in p.duties]
    where = f"任何{_HOLDER_POSTS[duty.holder]}岗位"
    message = f"{duty.holder.value}的法定职责“{duty.text}”未落实到{where}"
    if elsewhere:
        message += (
            f"（已分配给{'、'.join(elsewhere)}，但这些岗位不是{_HOLDER_POSTS[duty.holder]}岗位）"
        )
    return [finding(FindingKind.DUTY_UNASSIGNED, message)]


def _chief_safety_officer(system: ResponsibilitySystem, on: date) -> list[Finding]:
    """The 首席安全官 findings, only when the enterprise asked for the role."""
    if not system.chief_safety_officer_required:
        return []
    role = enterprise_role(CHIEF_SAFETY_OFFICER)
    basis = f"政策要求（{role.kind}，无法律依据）：“{role.policy}”，见{role.policy_source}"
    if role.policy_url:
        basis += f"（{role.policy_url}）"
    scope = role.policy_scope(system.enterprise.jurisdiction, on)
    suffix = "" if scope is None else f"（{scope}）"
    policy = [role.policy_confidence] + ([] if scope is None else [Confidence.UNVERIFIED])
    holders = [p for p in system.posts if p.chief_safety_officer]
    found = []
    if not holders:
        found.append(
            Finding(
                kind=FindingKind.CHIEF_SAFETY_OFFICER_MISSING,
                message=f"未设{role.name}{suffix}",
                basis=basis,
                confidence=Confidence.weakest(policy),
            )
        )
    found += [
        Finding(
            kind=FindingKind.CHIEF_SAFETY_OFFICER_HOLDER,
            message=(
                f"{role.name}由{post.role.value}岗位“{post.name}”担任，"
                f"应由企业副职（本库按{role.held_by.value}认定）担任{suffix}"
            ),
            post_id=post.id,
            basis=basis,
            confidence=Confidence.weakest([*policy, role.held_by_confidence]),
        )
        for post in holders
        if post.role is not role.held_by
    ]
    return found


def _input_problems(
    posts: tuple[Post, ...], duties: tuple[StatutoryDuty, ...]
) -> tuple[InputProblem, ...]:
    by_id = {d.id: d for d in duties}
    problems = []
    for index, post in enumerate(posts):
        for duty_id in post.duties:
            known = by_id.get(duty_id)
            if known is None:
                message = "未知的法定职责 id"
            elif not known.assignable:
                message = "该职责按岗位内容（责任人员、责任范围、考核标准）检查，不分配给岗位"
            else:
                continue
            problems.append(
                InputProblem(
                    field=f"posts[{index}].duties", post_id=post.id, value=duty_id, message=message
                )
            )
    return tuple(problems)
