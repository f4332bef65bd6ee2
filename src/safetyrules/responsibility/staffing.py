"""Staffing thresholds (安全生产管理机构和安全生产管理人员的配备): organisation, full-time and
part-time safety managers, 注册安全工程师.

National rules, 《中华人民共和国安全生产法》（2021年修正）:

- 第二十四条第一款: 矿山、金属冶炼、建筑施工、运输单位和危险物品的生产、经营、储存、装卸单位 set up a
  安全生产管理机构 or employ full-time (专职) safety managers;
- 第二十四条第二款: other units with more than 100 employees (超过一百人) likewise; with 100 or fewer
  (一百人以下, which here includes 100) full-time or part-time (兼职) safety managers;
- 第二十七条第三款: 危险物品的生产、储存、装卸单位以及矿山、金属冶炼单位 must have a 注册安全工程师
  doing safety management (经营 and 建筑施工、运输 are not in this list).

Provinces add their own rules on top, as a jurisdiction overlay: 浙江 (330000 and below) adds
《浙江省安全生产条例》（2016年修订）第十一条, tiers by headcount (300+ / 100–299 / 50–99 / under 50:
an organisation and at least 1% / 3 / 2 full-time staff; under 50, full-time staff). That
regulation was revised in 2022 (in force 2023-03-01, secondary source); the revised text is
unseen, so from 2023-03-01 the 2016 text is applied and flagged unverified.

Which categories a unit belongs to (危险物品的储存单位 …) is a fact the caller gives: as
:class:`UnitCategory` values or as enterprise flags (危险化学品生产/经营/储存 → 危险物品, by
第一百一十七条; 金属冶炼). It is never guessed from the industry code. A category derived from a
flag is a presumption (推定), not a finding of fact: whether, say, an enterprise that keeps
hazardous chemicals for its own use is a "危险物品的……储存单位" has no authoritative reading seen
(未见来源). Every reason and clause resting on a flag-derived category is therefore marked
``unverified`` and says the category must be confirmed; categories the caller gives explicitly
are taken as established.
Data: ``safetyrules/data/responsibility/staffing.toml``.

>>> from datetime import date
>>> need = staffing_requirement(
...     StaffingInputs(employees=350, jurisdiction="330402", categories={"危险物品的储存"}),
...     on=date(2022, 6, 1),
... )
>>> need.organisation_required, need.full_time_minimum, need.registered_engineer_minimum
(True, 4, 1)
>>> need.summary()
'设置安全生产管理机构，配备专职安全生产管理人员不少于4人，有注册安全工程师从事安全生产管理工作（不少于1人）'
>>> check = check_staffing(StaffingActual(organisation=True, full_time=3), need)
>>> [s.message for s in check.shortfalls]
['专职安全生产管理人员3人，少于4人', '没有注册安全工程师从事安全生产管理工作']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import ROUND_CEILING, Decimal
from enum import StrEnum
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Annotated, Any, Literal, Self, cast

import attrs
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    model_validator,
)

from safetyrules.enterprise import Enterprise, EnterpriseFlag
from safetyrules.errors import (
    InvalidInput,
    InvalidRule,
    RuleDataError,
    SafetyRulesError,
    UnknownReference,
)
from safetyrules.law.band import Band, BandTable
from safetyrules.law.citation import Citation
from safetyrules.law.confidence import Confidence
from safetyrules.law.data_files import enumerate_tables, read_toml, validated
from safetyrules.law.jurisdiction import NATION_CODE, jurisdiction
from safetyrules.law.overlay import Overlay
from safetyrules.law.provision import Provision
from safetyrules.law.reason import Explanation, Reason
from safetyrules.law.timeline import Dated, Timeline
from safetyrules.quantities import Headcount
from safetyrules.responsibility._data import WORK_SAFETY_LAW, require_work_safety_law

DATA_FILE = "responsibility/staffing.toml"
"""The packaged staffing rules (配备规则数据文件), read by :func:`read_staffing_rules`."""


class UnitCategory(StrEnum):
    """A kind of unit the staffing rules list (配备规则所列单位类别), given by the caller.

    ``ROAD_TRANSPORT`` (道路运输, listed in 浙江) implies ``TRANSPORT`` (运输, listed nationally).

    >>> UnitCategory("危险物品的储存").name
    'HAZARDOUS_GOODS_STORAGE'
    """

    MINE = "矿山"
    METAL_SMELTING = "金属冶炼"
    CONSTRUCTION = "建筑施工"
    TRANSPORT = "运输"
    ROAD_TRANSPORT = "道路运输"
    SHIPBUILDING_OR_BREAKING = "船舶修造或者拆解"
    HAZARDOUS_GOODS_PRODUCTION = "危险物品的生产"
    HAZARDOUS_GOODS_OPERATION = "危险物品的经营"
    HAZARDOUS_GOODS_STORAGE = "危险物品的储存"
    HAZARDOUS_GOODS_HANDLING = "危险物品的装卸"
    MAJOR_HAZARD_CHEMICAL_USE = "使用危险化学品数量构成重大危险源的生产单位"


_IMPLIED = {UnitCategory.ROAD_TRANSPORT: UnitCategory.TRANSPORT}

_HAZARDOUS_GOODS_DEFINITION = Citation(
    instrument=WORK_SAFETY_LAW, provision=Provision(article=117, paragraph=2)
)
_OWN_USE_STORAGE = "为自用而储存危险化学品的单位是否属于“危险物品的……储存单位”，未见权威解释"
# Enterprise flags that name a listed category: 第一百一十七条 counts 危险化学品 among 危险物品.
# The category so derived is a presumption to be confirmed (see the module docstring); the
# third item is a caveat added to the flag's reason.
_FLAGS: dict[EnterpriseFlag, tuple[UnitCategory, Citation | None, str]] = {
    EnterpriseFlag.HAZARDOUS_CHEMICALS_PRODUCTION: (
        UnitCategory.HAZARDOUS_GOODS_PRODUCTION,
        _HAZARDOUS_GOODS_DEFINITION,
        "",
    ),
    EnterpriseFlag.HAZARDOUS_CHEMICALS_OPERATION: (
        UnitCategory.HAZARDOUS_GOODS_OPERATION,
        _HAZARDOUS_GOODS_DEFINITION,
        "",
    ),
    EnterpriseFlag.HAZARDOUS_CHEMICALS_STORAGE: (
        UnitCategory.HAZARDOUS_GOODS_STORAGE,
        _HAZARDOUS_GOODS_DEFINITION,
        _OWN_USE_STORAGE,
    ),
    EnterpriseFlag.METAL_SMELTING: (UnitCategory.METAL_SMELTING, None, ""),
}


class StaffingKind(StrEnum):
    """What a staffing clause requires (配备要求的种类).

    >>> StaffingKind.FULL_TIME_OR_PART_TIME.value
    '配备专职或者兼职的安全生产管理人员'
    """

    ORGANISATION_OR_FULL_TIME = "设置安全生产管理机构或者配备专职安全生产管理人员"
    ORGANISATION = "设置安全生产管理机构"
    FULL_TIME = "配备专职安全生产管理人员"
    FULL_TIME_OR_PART_TIME = "配备专职或者兼职的安全生产管理人员"
    REGISTERED_SAFETY_ENGINEER = "有注册安全工程师从事安全生产管理工作"


# ---------------------------------------------------------------------------
# Rule data (attrs inside)
# ---------------------------------------------------------------------------


@attrs.frozen
class ClauseSpec:
    """A clause as the data file writes it: a kind and a fixed minimum or a ratio (配备要求).

    >>> ClauseSpec(StaffingKind.FULL_TIME, ratio=Decimal("0.01")).minimum_for(350)
    4
    """

    kind: StaffingKind
    minimum: int | None = None
    ratio: Decimal | None = None

    def minimum_for(self, employees: int) -> int:
        """The number of persons required for a headcount (最少人数); a ratio rounds up,
        as "不低于从业人员百分之一" admits no fraction of a person below it.

        >>> ClauseSpec(StaffingKind.FULL_TIME, minimum=3).minimum_for(150)
        3
        """
        if self.ratio is not None:
            return int((Decimal(employees) * self.ratio).to_integral_value(ROUND_CEILING))
        return self.minimum or 0


@attrs.frozen
class StaffingTier:
    """One headcount tier of a group (按从业人员数的分档) with the statute's words.

    >>> rule = staffing_rule("organisation-and-staff", "330000", date(2022, 1, 1))
    >>> rule.groups[0].tiers.value_for(50).quote[:15]
    '从业人员五十人以上不足一百人的'
    """

    quote: str
    citation: Citation
    clauses: tuple[ClauseSpec, ...]


@attrs.frozen
class StaffingGroup:
    """The units a part of a rule applies to (适用单位): the listed categories, or all others.

    >>> rule = staffing_rule("organisation-and-staff", "000000", date(2022, 1, 1))
    >>> [g.scope for g in rule.groups]
    ['listed', 'others']
    """

    scope: Literal["listed", "others"]
    categories: frozenset[UnitCategory]
    who: str
    citation: Citation
    tiers: BandTable[StaffingTier]


@attrs.frozen
class StaffingRemark:
    """A provision that adds no requirement but belongs in the explanation (说明性条文).

    >>> rule = staffing_rule("registered-safety-engineer", "000000", date(2022, 1, 1))
    >>> rule.remarks[0].scope, rule.remarks[0].quote[:2]
    ('others', '鼓励')
    """

    scope: Literal["all", "listed", "others"]
    quote: str
    citation: Citation


@attrs.frozen
class StaffingRule:
    """One version of a staffing rule of one jurisdiction (某地某时的配备规则).

    >>> rule = staffing_rule("registered-safety-engineer", "000000", date(2022, 1, 1))
    >>> rule.name, str(rule.groups[0].citation.provision)
    ('注册安全工程师', '第二十七条第三款')
    """

    id: str
    name: str
    groups: tuple[StaffingGroup, ...]
    remarks: tuple[StaffingRemark, ...]

    @property
    def listed(self) -> frozenset[UnitCategory]:
        """Every category this version lists (所列单位类别)."""
        return frozenset(c for g in self.groups if g.scope == "listed" for c in g.categories)


# ---------------------------------------------------------------------------
# Inputs and results (pydantic at the boundary)
# ---------------------------------------------------------------------------


def _known_place(value: str) -> str:
    try:
        return jurisdiction(value).code
    except UnknownReference as error:
        # A ValueError, so that pydantic reports it against the field.
        raise ValueError(str(error)) from None


def _categories(value: Any) -> Any:
    if isinstance(value, str):
        return [value]
    if isinstance(value, Iterable):
        return _ordered(UnitCategory(v) for v in value)
    return value


def _ordered(categories: Iterable[UnitCategory]) -> tuple[UnitCategory, ...]:
    wanted = set(categories)
    return tuple(c for c in UnitCategory if c in wanted)


Categories = Annotated[tuple[UnitCategory, ...], BeforeValidator(_categories)]
"""A field of unit categories (单位类别): one value or several, kept in the order of
:class:`UnitCategory`, without repeats."""


class StaffingInputs(BaseModel):
    """What the staffing rules need to know of a unit (配备要求的输入): headcount, place, and
    the listed categories it belongs to (none: 其他生产经营单位).

    >>> StaffingInputs(employees=80, jurisdiction="110105", categories=["矿山"]).categories
    (<UnitCategory.MINE: '矿山'>,)
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    employees: Headcount = Field(description="从业人员数（人）")
    jurisdiction: Annotated[str, AfterValidator(_known_place)] = Field(
        default=NATION_CODE, pattern=r"^\d{6}$", description="所在地行政区划代码"
    )
    categories: Categories = Field(default=(), description="所属单位类别（调用方认定）")


class StaffingClause(BaseModel):
    """One requirement that applies to a unit (一项配备要求), with its rule and citation.

    >>> need = staffing_requirement(StaffingInputs(employees=30), on=date(2022, 1, 1))
    >>> c = need.clauses[0]
    >>> c.kind.value, c.minimum, str(c.citation.provision)
    ('配备专职或者兼职的安全生产管理人员', 1, '第二十四条第二款')
    >>> c.describe()
    '配备专职或者兼职的安全生产管理人员不少于1人'
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: StaffingKind
    minimum: int = Field(ge=0, description="最少人数；设置机构为 0")
    rule: str
    jurisdiction: str
    citation: Citation
    quote: str
    confidence: Confidence
    note: str | None = Field(
        default=None, description="依据说明（如单位类别由企业标识推定，须确认）"
    )

    def satisfied_by(self, actual: StaffingActual) -> bool:
        """Whether the actual staffing meets this clause (是否满足).

        >>> need = staffing_requirement(StaffingInputs(employees=101), on=date(2022, 1, 1))
        >>> need.clauses[0].satisfied_by(StaffingActual(organisation=True))
        True
        """
        return _count(self.kind, actual) >= self.minimum and (
            self.kind is not StaffingKind.ORGANISATION or actual.organisation
        )

    def describe(self) -> str:
        """The clause as a Chinese requirement (要求的中文表述)."""
        if self.kind in (StaffingKind.ORGANISATION, StaffingKind.ORGANISATION_OR_FULL_TIME):
            return self.kind.value
        if self.kind is StaffingKind.REGISTERED_SAFETY_ENGINEER:
            return f"{self.kind.value}（不少于{self.minimum}人）"
        return f"{self.kind.value}不少于{self.minimum}人"


class StaffingActual(BaseModel):
    """What a unit actually has (实际配备): organisation, full-time and part-time safety
    managers, and how many of them are 注册安全工程师.

    >>> StaffingActual(full_time=1, registered_safety_engineers=2)
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.ValidationError: 1 validation error for StaffingActual
    ...
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    organisation: StrictBool = Field(default=False, description="已设置安全生产管理机构")
    full_time: Headcount = Field(default=0, description="专职安全生产管理人员数")
    part_time: Headcount = Field(default=0, description="兼职安全生产管理人员数")
    registered_safety_engineers: Headcount = Field(
        default=0, description="从事安全生产管理工作的注册安全工程师数（计入专职或兼职人员）"
    )

    @model_validator(mode="after")
    def _engineers_are_staff(self) -> Self:
        if self.registered_safety_engineers > self.full_time + self.part_time:
            raise ValueError(
                "registered_safety_engineers: 注册安全工程师须从事安全生产管理工作，"
                "人数不能多于专职与兼职安全生产管理人员之和"
            )
        return self


class StaffingRequirement(BaseModel):
    """What the staffing rules require of a unit on a date (配备要求), with the reasons.

    >>> need = staffing_requirement(StaffingInputs(employees=101), on=date(2022, 1, 1))
    >>> need.organisation_or_full_time, need.summary()
    (True, '设置安全生产管理机构或者配备专职安全生产管理人员')
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    on: date
    jurisdiction: str
    employees: int
    categories: tuple[UnitCategory, ...]
    clauses: tuple[StaffingClause, ...]
    reasons: Explanation

    @property
    def organisation_required(self) -> bool:
        """Whether a 安全生产管理机构 must be set up (必须设置机构)."""
        return any(c.kind is StaffingKind.ORGANISATION for c in self.clauses)

    @property
    def full_time_minimum(self) -> int:
        """The fewest full-time safety managers (专职安全生产管理人员最少人数)."""
        return max((c.minimum for c in self.clauses if c.kind is StaffingKind.FULL_TIME), default=0)

    @property
    def organisation_or_full_time(self) -> bool:
        """Whether an either-or (机构或者专职) requirement is left that the stricter ones do
        not already meet."""
        either = any(c.kind is StaffingKind.ORGANISATION_OR_FULL_TIME for c in self.clauses)
        return either and not (self.organisation_required or self.full_time_minimum >= 1)

    @property
    def staff_minimum(self) -> int:
        """The fewest safety managers, full-time and part-time together (专职或者兼职人员
        最少人数), when no full-time requirement already covers it."""
        either = max(
            (c.minimum for c in self.clauses if c.kind is StaffingKind.FULL_TIME_OR_PART_TIME),
            default=0,
        )
        return 0 if either <= self.full_time_minimum else either

    @property
    def registered_engineer_minimum(self) -> int:
        """The fewest 注册安全工程师 doing safety management (注册安全工程师最少人数)."""
        return max(
            (c.minimum for c in self.clauses if c.kind is StaffingKind.REGISTERED_SAFETY_ENGINEER),
            default=0,
        )

    @property
    def unverified(self) -> bool:
        """Whether any clause rests on an unverified rule (依据未核实)."""
        return any(c.confidence is Confidence.UNVERIFIED for c in self.clauses)

    def summary(self) -> str:
        """The combined requirement in one Chinese sentence (配备要求摘要).

        >>> staffing_requirement(
        ...     StaffingInputs(employees=60, jurisdiction="330402", categories=["矿山"]),
        ...     on=date(2022, 1, 1),
        ... ).summary()
        '设置安全生产管理机构，配备专职安全生产管理人员不少于2人，有注册安全工程师从事安全生产管理工作（不少于1人）'
        """
        parts = []
        if self.organisation_required:
            parts.append(StaffingKind.ORGANISATION.value)
        if self.organisation_or_full_time:
            parts.append(StaffingKind.ORGANISATION_OR_FULL_TIME.value)
        if self.full_time_minimum:
            parts.append(f"{StaffingKind.FULL_TIME.value}不少于{self.full_time_minimum}人")
        if self.staff_minimum:
            parts.append(f"{StaffingKind.FULL_TIME_OR_PART_TIME.value}不少于{self.staff_minimum}人")
        if self.registered_engineer_minimum:
            parts.append(
                f"{StaffingKind.REGISTERED_SAFETY_ENGINEER.value}"
                f"（不少于{self.registered_engineer_minimum}人）"
            )
        return "，".join(parts) or "无配备要求"


class StaffingShortfall(BaseModel):
    """A clause the actual staffing does not meet (配备不足).

    >>> need = staffing_requirement(StaffingInputs(employees=30), on=date(2022, 1, 1))
    >>> print(check_staffing(StaffingActual(), need).shortfalls[0].text())
    未配备专职或者兼职的安全生产管理人员。依据：《中华人民共和国安全生产法》（2021年修正）第二十四条第二款
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    clause: StaffingClause
    actual: int
    message: str

    @property
    def citation(self) -> Citation:
        """The clause's citation (依据)."""
        return self.clause.citation

    def text(self) -> str:
        """The shortfall as a Chinese sentence with its basis (配备不足说明), and the clause's
        note when it has one (单位类别由企业标识推定 …)."""
        note = "" if self.clause.note is None else f"（{self.clause.note}）"
        sentence = f"{self.message}{note}。依据：{self.citation}"
        if self.clause.confidence is Confidence.UNVERIFIED:
            sentence += "（注意：该依据未经官方文本核实）"
        return sentence


class StaffingCheck(BaseModel):
    """The actual staffing against the requirement (配备情况检查结果).

    >>> need = staffing_requirement(StaffingInputs(employees=30), on=date(2022, 1, 1))
    >>> check_staffing(StaffingActual(part_time=1), need).ok
    True
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    requirement: StaffingRequirement
    actual: StaffingActual
    shortfalls: tuple[StaffingShortfall, ...]

    @property
    def ok(self) -> bool:
        """Whether every clause is met (配备符合要求)."""
        return not self.shortfalls


# ---------------------------------------------------------------------------
# Functions
# ---------------------------------------------------------------------------


def staffing_requirement(
    subject: Enterprise | StaffingInputs,
    *,
    on: date,
    categories: UnitCategory | str | Iterable[UnitCategory | str] = (),
    rules: Mapping[str, Overlay[StaffingRule]] | None = None,
) -> StaffingRequirement:
    """The staffing a unit needs on a date (安全生产管理机构和人员配备要求).

    ``subject`` is an :class:`~safetyrules.enterprise.Enterprise` (its ``employees`` must be
    given; its flags 危险化学品生产/经营/储存 and 金属冶炼 count as categories, presumed and
    marked ``unverified`` unless the caller also gives them) or :class:`StaffingInputs`;
    ``categories`` adds categories the caller has established: one category (a string) or
    several.
    National rules always apply; the rules of every level above the unit's place are added.
    ``rules`` replaces the shipped rules (see :func:`read_staffing_rules`).

    >>> from datetime import date
    >>> need = staffing_requirement(StaffingInputs(employees=100, jurisdiction="330402"), on=date(2022, 1, 1))
    >>> need.full_time_minimum, need.organisation_required
    (1, False)
    >>> print(need.reasons.text())
    1. 未声明属于所列单位，按“前款规定以外的其他生产经营单位”处理；从业人员100人（100人以下（含））：从业人员在一百人以下的，应当配备专职或者兼职的安全生产管理人员。依据：《中华人民共和国安全生产法》（2021年修正）第二十四条第二款
    2. 未声明属于所列单位，按“前款规定以外的其他生产经营单位”处理；从业人员100人（100人以上300人以下）：从业人员一百人以上不足三百人的，应当配备专职安全生产管理人员。依据：《浙江省安全生产条例》（2016年修订）第十一条第二款
    3. 国家有关行业管理部门的规定严于本条例规定的，从其规定（本库未收录行业管理部门的配备规定）。依据：《浙江省安全生产条例》（2016年修订）第十一条第三款
    4. 鼓励其他生产经营单位聘用注册安全工程师从事安全生产管理工作（不是强制要求）。依据：《中华人民共和国安全生产法》（2021年修正）第二十七条第三款
    """
    checked = require_work_safety_law(on)
    inputs, reasons, presumed = _inputs(subject, categories)
    place = jurisdiction(inputs.jurisdiction)
    overlays = staffing_overlays() if rules is None else rules
    clauses: list[StaffingClause] = []
    remarks: list[Reason] = []
    for rule_id, overlay in overlays.items():
        for level in reversed(place.chain()):
            timeline = overlay.timelines.get(level.code)
            if timeline is None or not timeline.in_force(checked):
                continue
            found, why, noted = _apply(
                timeline.entry_at(checked),
                f"{rule_id}@{level.code}",
                level.code,
                inputs.employees,
                inputs.categories,
                presumed,
            )
            clauses += found
            reasons += why
            remarks += noted
    return StaffingRequirement(
        on=checked,
        jurisdiction=inputs.jurisdiction,
        employees=inputs.employees,
        categories=inputs.categories,
        clauses=tuple(clauses),
        reasons=Explanation(reasons=(*reasons, *remarks)),
    )


def check_staffing(actual: StaffingActual, requirement: StaffingRequirement) -> StaffingCheck:
    """Compare the actual staffing with a requirement (检查配备是否达标).

    Every clause not met is a shortfall, in the requirement's order, with its citation.

    >>> from datetime import date
    >>> need = staffing_requirement(
    ...     StaffingInputs(employees=120, categories=["矿山"]), on=date(2022, 1, 1)
    ... )
    >>> [s.message for s in check_staffing(StaffingActual(part_time=2), need).shortfalls]
    ['未设置安全生产管理机构，也未配备专职安全生产管理人员', '没有注册安全工程师从事安全生产管理工作']
    """
    shortfalls = []
    for clause in requirement.clauses:
        if clause.satisfied_by(actual):
            continue
        count = _count(clause.kind, actual)
        shortfalls.append(
            StaffingShortfall(clause=clause, actual=count, message=_shortfall(clause, count))
        )
    return StaffingCheck(requirement=requirement, actual=actual, shortfalls=tuple(shortfalls))


def staffing_overlays() -> Mapping[str, Overlay[StaffingRule]]:
    """The shipped staffing rules, one overlay per rule id (配备规则), loaded once.

    >>> sorted(staffing_overlays())
    ['organisation-and-staff', 'registered-safety-engineer']
    >>> sorted(staffing_overlays()["organisation-and-staff"].timelines)
    ['000000', '330000']
    """
    return _shipped()


def staffing_rule(rule_id: str, place: str, on: date) -> StaffingRule:
    """The version of a rule that a jurisdiction itself defines on a date (某地的配备规则).

    >>> staffing_rule("organisation-and-staff", "330000", date(2023, 3, 1)).name
    '安全生产管理机构和安全生产管理人员的配备（浙江省）'
    """
    try:
        overlay = _shipped()[rule_id]
    except KeyError:
        raise InvalidInput("rule_id", rule_id, "没有这一配备规则") from None
    timeline = overlay.timelines.get(place)
    if timeline is None:
        raise InvalidInput("place", place, f"该地没有自己的 {rule_id} 规则")
    return timeline.at(on)


def read_staffing_rules(source: str | Path) -> Mapping[str, Overlay[StaffingRule]]:
    """Read and check a staffing rule file in the packaged format (读取配备规则文件).

    Every defect is a :class:`~safetyrules.errors.RuleDataError` naming the file and key.

    >>> rules = read_staffing_rules(DATA_FILE)
    >>> rules["organisation-and-staff"].timelines["330000"].entries[1].confidence.value
    'unverified'
    """
    file, document = read_toml(source)
    extra = set(document) - {"rule"}
    if extra:
        raise RuleDataError(file, sorted(extra)[0], "未知的顶层键")
    timelines: dict[str, dict[str, Timeline[StaffingRule]]] = {}
    for index, raw in enumerate_tables(document, "rule", file):
        key = f"rule[{index}]"
        entry = validated(_RuleEntry, raw, file, key)
        per_place = timelines.setdefault(entry.id, {})
        if entry.jurisdiction in per_place:
            raise RuleDataError(file, f"{key}.jurisdiction", "同一规则在同一地区重复定义")
        per_place[entry.jurisdiction] = _timeline(entry, file, key)
    result = {}
    for rule_id, per_place in timelines.items():
        try:
            result[rule_id] = Overlay(f"responsibility.staffing.{rule_id}", per_place)
        except SafetyRulesError as error:
            raise RuleDataError(file, "rule", str(error)) from error
    return MappingProxyType(result)


# ---------------------------------------------------------------------------
# Internals
# ---------------------------------------------------------------------------


def _count(kind: StaffingKind, actual: StaffingActual) -> int:
    if kind is StaffingKind.ORGANISATION:
        return int(actual.organisation)
    if kind is StaffingKind.ORGANISATION_OR_FULL_TIME:
        return 1 if actual.organisation else actual.full_time
    if kind is StaffingKind.FULL_TIME:
        return actual.full_time
    if kind is StaffingKind.FULL_TIME_OR_PART_TIME:
        return actual.full_time + actual.part_time
    return actual.registered_safety_engineers


def _shortfall(clause: StaffingClause, count: int) -> str:
    if clause.kind is StaffingKind.ORGANISATION:
        return "未设置安全生产管理机构"
    if clause.kind is StaffingKind.ORGANISATION_OR_FULL_TIME:
        return "未设置安全生产管理机构，也未配备专职安全生产管理人员"
    label = {
        StaffingKind.FULL_TIME: "专职安全生产管理人员",
        StaffingKind.FULL_TIME_OR_PART_TIME: "专职或者兼职的安全生产管理人员",
        StaffingKind.REGISTERED_SAFETY_ENGINEER: "从事安全生产管理工作的注册安全工程师",
    }[clause.kind]
    if count == 0 and clause.minimum == 1:
        if clause.kind is StaffingKind.REGISTERED_SAFETY_ENGINEER:
            return "没有注册安全工程师从事安全生产管理工作"
        return f"未配备{label}"
    return f"{label}{count}人，少于{clause.minimum}人"


def _explicit(value: object) -> list[UnitCategory]:
    """The categories the caller gives: one string is one category; an iterable is read once."""
    if isinstance(value, str):
        items: list[object] = [value]
    elif isinstance(value, Iterable):
        items = list(cast("Iterable[object]", value))
    else:
        raise InvalidInput("categories", value, "应为单位类别或单位类别的列表")
    try:
        return [UnitCategory(cast("str", c)) for c in items]
    except ValueError:
        allowed = "、".join(c.value for c in UnitCategory)
        shown = value if isinstance(value, str) else items
        raise InvalidInput("categories", shown, f"应为 {allowed} 中的值") from None


def _inputs(
    subject: Enterprise | StaffingInputs, extra: object
) -> tuple[StaffingInputs, list[Reason], dict[UnitCategory, str]]:
    """The inputs, the reasons for added categories, and the categories presumed from
    enterprise flags (with the flag's name), which the caller did not give."""
    added = _explicit(extra)
    reasons: list[Reason] = []
    presumed: dict[UnitCategory, str] = {}
    if isinstance(subject, Enterprise):
        if subject.employees is None:
            raise InvalidInput("employees", None, "确定配备要求须给出从业人员数")
        base = StaffingInputs(employees=subject.employees, jurisdiction=subject.jurisdiction)
    elif isinstance(subject, StaffingInputs):
        base = subject
    else:
        raise InvalidInput("subject", subject, "应为 Enterprise 或 StaffingInputs")
    explicit = set(base.categories) | set(added)
    if isinstance(subject, Enterprise):
        for flag in sorted(subject.flags & _FLAGS.keys(), key=list(EnterpriseFlag).index):
            category, citation, caveat = _FLAGS[flag]
            why = "危险化学品属于危险物品，" if citation is not None else ""
            if category in explicit:
                reasons.append(
                    Reason(
                        rule="responsibility.staffing.flag",
                        message=(
                            f"企业标识“{flag.value}”：{why}对应“{category.value}”单位；"
                            "调用方已明确给出该类别"
                        ),
                        citation=citation,
                        inputs={"flag": flag.value},
                    )
                )
                continue
            message = (
                f"企业标识“{flag.value}”：{why}按“{category.value}”单位确定配备要求；"
                "该单位类别由企业标识推定，须确认"
            )
            if caveat:
                message += f"（{caveat}）"
            reasons.append(
                Reason(
                    rule="responsibility.staffing.flag",
                    message=message,
                    citation=citation,
                    inputs={"flag": flag.value},
                    confidence=Confidence.UNVERIFIED,
                )
            )
            presumed.setdefault(category, flag.value)
    given = explicit | presumed.keys()
    for category in sorted(given & _IMPLIED.keys(), key=list(UnitCategory).index):
        implied = _IMPLIED[category]
        if implied not in given:
            from_flag = presumed.get(category)
            reasons.append(
                Reason(
                    rule="responsibility.staffing.implied",
                    message=f"“{category.value}”单位也是“{implied.value}”单位",
                    inputs={"category": category.value},
                    confidence=Confidence.OFFICIAL if from_flag is None else Confidence.UNVERIFIED,
                )
            )
            given.add(implied)
            if from_flag is not None:
                presumed[implied] = from_flag
    return base.model_copy(update={"categories": _ordered(given)}), reasons, presumed


def _presumption(categories: Iterable[UnitCategory], presumed: Mapping[UnitCategory, str]) -> str:
    """The note for a group matched only by categories presumed from enterprise flags."""
    names = "、".join(f"“{c.value}”" for c in categories)
    flags = "、".join(dict.fromkeys(f"“{presumed[c]}”" for c in categories))
    return f"单位类别{names}由企业标识{flags}推定，须确认"


def _apply(
    entry: Dated[StaffingRule],
    rule_name: str,
    place: str,
    employees: int,
    categories: tuple[UnitCategory, ...],
    presumed: Mapping[UnitCategory, str],
) -> tuple[list[StaffingClause], list[Reason], list[Reason]]:
    """The clauses of one rule version for a unit, the reasons, and the remarks.

    A listed group matched only by categories presumed from enterprise flags gives clauses
    and a reason marked unverified, with a note that the category must be confirmed."""
    rule = entry.value
    clauses: list[StaffingClause] = []
    reasons: list[Reason] = []
    listed = [c for c in categories if c in rule.listed]
    listed_note = (
        _presumption(listed, presumed) if listed and all(c in presumed for c in listed) else None
    )
    for group in rule.groups:
        note: str | None = None
        if group.scope == "listed":
            matched = [c for c in categories if c in group.categories]
            if not matched:
                continue
            who = f"属于“{group.who}”（{'、'.join(c.value for c in matched)}）"
            if all(c in presumed for c in matched):
                note = _presumption(matched, presumed)
        elif listed:
            continue
        else:
            who = f"未声明属于所列单位，按“{group.who}”处理"
        confidence = (
            entry.confidence
            if note is None
            else Confidence.weakest([entry.confidence, Confidence.UNVERIFIED])
        )
        band = group.tiers.band_for(employees)
        tier = band.value
        span = "不分人数" if len(group.tiers.bands) == 1 else band.describe("人")
        message = f"{who}；从业人员{employees}人（{span}）：{tier.quote}"
        for spec in tier.clauses:
            minimum = spec.minimum_for(employees)
            if spec.ratio is not None:
                share = (Decimal(employees) * spec.ratio).normalize()
                percent = (spec.ratio * 100).normalize()
                message += f"；{employees}人×{percent:f}%={share:f}人，向上取整为{minimum}人"
            clauses.append(
                StaffingClause(
                    kind=spec.kind,
                    minimum=minimum,
                    rule=rule_name,
                    jurisdiction=place,
                    citation=tier.citation,
                    quote=tier.quote,
                    confidence=confidence,
                    note=note,
                )
            )
        if entry.note:
            message += f"（{entry.note}）"
        if note:
            message += f"（{note}）"
        reasons.append(
            Reason(
                rule=f"responsibility.staffing.{rule_name}",
                message=message,
                citation=tier.citation,
                inputs={
                    "employees": employees,
                    "categories": "、".join(c.value for c in categories),
                },
                confidence=confidence,
                jurisdiction=place,
            )
        )
    remarks = []
    for remark in rule.remarks:
        if remark.scope != "all" and (remark.scope == "listed") != bool(listed):
            continue
        message = remark.quote + _remark_suffix(remark)
        confidence = entry.confidence
        if remark.scope == "listed" and listed_note is not None:
            message += f"（{listed_note}）"
            confidence = Confidence.weakest([confidence, Confidence.UNVERIFIED])
        remarks.append(
            Reason(
                rule=f"responsibility.staffing.{rule_name}.remark",
                message=message,
                citation=remark.citation,
                confidence=confidence,
                jurisdiction=place,
            )
        )
    return clauses, reasons, remarks


def _remark_suffix(remark: StaffingRemark) -> str:
    if "鼓励" in remark.quote:
        return "（不是强制要求）"
    if "从其规定" in remark.quote:
        return "（本库未收录行业管理部门的配备规定）"
    return ""


# ---------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------


def _no_float(value: Any) -> Any:
    if isinstance(value, float):
        raise ValueError('不接受浮点数：比例请写成字符串，如 "0.01"')
    return value


class _ClauseEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: StaffingKind
    minimum: int | None = Field(default=None, ge=1)
    ratio: Annotated[Decimal | None, BeforeValidator(_no_float)] = Field(default=None, gt=0, le=1)

    @model_validator(mode="after")
    def _one_number(self) -> Self:
        if self.kind is StaffingKind.ORGANISATION:
            if self.minimum is not None or self.ratio is not None:
                raise ValueError("设置机构的要求不写人数")
        elif (self.minimum is None) == (self.ratio is None):
            raise ValueError("须写 minimum 或 ratio 之一")
        return self


class _TierEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    lower: int = Field(ge=0)
    lower_inclusive: StrictBool = True
    item: int | None = Field(default=None, ge=1)
    quote: str = Field(min_length=1)
    clauses: list[_ClauseEntry] = Field(min_length=1)


class _GroupEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    scope: Literal["listed", "others"]
    categories: list[UnitCategory] = []
    citation: Citation
    who: str = Field(min_length=1)
    tier: list[_TierEntry] = Field(min_length=1)

    @model_validator(mode="after")
    def _scope(self) -> Self:
        if (self.scope == "listed") != bool(self.categories):
            raise ValueError("listed 组须列出 categories，others 组不能列出")
        if len(set(self.categories)) != len(self.categories):
            raise ValueError("categories 有重复")
        return self


class _RemarkEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    scope: Literal["all", "listed", "others"]
    citation: Citation
    quote: str = Field(min_length=1)


class _VersionEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    start: date = Field(alias="from")
    confidence: Confidence
    note: str | None = None
    carry_over: StrictBool = False
    group: list[_GroupEntry] = []
    remark: list[_RemarkEntry] = []

    @model_validator(mode="after")
    def _groups(self) -> Self:
        if self.carry_over and (self.group or self.remark):
            raise ValueError("carry_over 的版本不能再写 group 或 remark")
        if not self.carry_over and not self.group:
            raise ValueError("须至少有一组 group")
        scopes = [g.scope for g in self.group]
        if len(set(scopes)) != len(scopes):
            raise ValueError("同一版本中 listed 与 others 各至多一组")
        return self


class _RuleEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    jurisdiction: Annotated[str, AfterValidator(_known_place)] = Field(pattern=r"^\d{6}$")
    name: str = Field(min_length=1)
    version: list[_VersionEntry] = Field(min_length=1)


def _timeline(entry: _RuleEntry, file: str, key: str) -> Timeline[StaffingRule]:
    dated: list[Dated[StaffingRule]] = []
    for number, version in enumerate(entry.version):
        where = f"{key}.version[{number}]"
        if version.carry_over:
            if not dated:
                raise RuleDataError(file, f"{where}.carry_over", "第一个版本不能沿用上一版本")
            previous = dated[-1]
            dated.append(
                Dated(
                    version.start,
                    previous.value,
                    previous.citation,
                    version.confidence,
                    version.note,
                )
            )
            continue
        groups = tuple(_group(g, file, f"{where}.group[{i}]") for i, g in enumerate(version.group))
        rule = StaffingRule(
            id=entry.id,
            name=entry.name,
            groups=groups,
            remarks=tuple(
                StaffingRemark(scope=r.scope, quote=r.quote, citation=r.citation)
                for r in version.remark
            ),
        )
        first = groups[0].citation
        assert first.provision is not None
        article = Citation(
            instrument=first.instrument, provision=Provision(article=first.provision.article)
        )
        dated.append(Dated(version.start, rule, article, version.confidence, version.note))
    try:
        return Timeline(f"responsibility.staffing.{entry.id}@{entry.jurisdiction}", dated)
    except InvalidRule as error:
        raise RuleDataError(file, f"{key}.version", str(error)) from error


def _group(entry: _GroupEntry, file: str, key: str) -> StaffingGroup:
    provision = entry.citation.provision
    if provision is None or provision.article is None or provision.paragraph is None:
        raise RuleDataError(file, f"{key}.citation", "须写明条和款（如 第二十四条第一款）")
    first = entry.tier[0]
    if first.lower != 0 or not first.lower_inclusive:
        raise RuleDataError(file, f"{key}.tier[0].lower", "第一档须从 0 人（含）起")
    bands = []
    for index, tier in enumerate(entry.tier):
        following = entry.tier[index + 1] if index + 1 < len(entry.tier) else None
        citation = entry.citation
        if tier.item is not None:
            citation = Citation(
                instrument=citation.instrument,
                provision=provision.model_copy(update={"item": tier.item}),
            )
        value = StaffingTier(
            quote=tier.quote,
            citation=citation,
            clauses=tuple(
                ClauseSpec(kind=c.kind, minimum=c.minimum, ratio=c.ratio) for c in tier.clauses
            ),
        )
        try:
            bands.append(
                Band(
                    value,
                    tier.lower,
                    None if following is None else following.lower,
                    lower_inclusive=tier.lower_inclusive,
                    upper_inclusive=following is not None and not following.lower_inclusive,
                )
            )
        except InvalidRule as error:
            raise RuleDataError(file, f"{key}.tier[{index}].lower", str(error)) from error
    try:
        table = BandTable(f"{entry.who}（从业人员数）", bands)
    except InvalidRule as error:
        raise RuleDataError(file, f"{key}.tier", str(error)) from error
    return StaffingGroup(
        scope=entry.scope,
        categories=frozenset(entry.categories),
        who=entry.who,
        citation=entry.citation,
        tiers=table,
    )


@cache
def _shipped() -> Mapping[str, Overlay[StaffingRule]]:
    return read_staffing_rules(DATA_FILE)
