"""Grading (定级): from a standardization score and an enterprise's record to a level.

Two regimes are data, each in force from its instrument's effective date until the day before
the next one takes effect (``safetyrules/data/scoring/grading.toml``):

* 2011《全国冶金等工贸企业安全生产标准化考评办法》(安监总管四〔2011〕84号): 一级 ≥90, 二级 ≥75,
  三级 ≥60 points, laid down by the 考评办法 itself, and accident conditions per level;
* 2021《企业安全生产标准化建设定级办法》(应急〔2021〕83号): the 办法 sets no points — they come
  from the industry 定级标准 (the scoring standard); when the standard gives none, 90/75/60
  is used as the common default and the explanation says so. Applicants certify the
  conditions of 第八条; 一级 has extra conditions.

A level is reached when the score reaches its threshold (以上 includes the number) **and** every
application condition of that level holds; a failed 必备条件/否决项 gate of the scoring standard
blocks every level. A condition whose facts were not provided is *unknown* and blocks too; the
result names the facts needed. The level reached is never above the level applied for.

Accident windows are explicit: "the N years before applying" is ``[as_of - N years, as_of)``,
the day of ``as_of`` itself excluded; missing persons count with deaths, as
:mod:`safetyrules.accidents.grade` does (an unverified choice, flagged).

>>> from datetime import date
>>> from decimal import Decimal
>>> record = GradingRecord(
...     accidents=(), licences_valid=True, safety_organisation_set_up=True,
...     certificates_held=True, major_social_event=False, on_serious_dishonesty_list=False,
...     unrectified_major_hazards=0, last_failed_application_notified_on="never",
...     last_revoked_on="never")
>>> result = grade(ScoreSummary(score=Decimal("88.5")), record, StandardizationLevel.SECOND,
...                date(2024, 6, 1))
>>> result.regime, result.score_level.label, result.reachable_level.label, result.granted
('grading-2021', '二级', '二级', True)
>>> result.authority, result.valid_until
('省级应急管理部门', datetime.date(2027, 5, 31))
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import IntEnum, StrEnum
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Annotated, Any, Final, Literal, Protocol, Self, TypeVar, runtime_checkable

import attrs
from dateutil.relativedelta import relativedelta
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from safetyrules import checks
from safetyrules.accidents.grade import AccidentClassification, AccidentGrade, yuan_text
from safetyrules.accidents.record import AccidentRecord
from safetyrules.errors import InvalidInput, NotInForce, RuleDataError, UnknownReference
from safetyrules.law.catalogue import instrument, require_in_force
from safetyrules.law.citation import Citation
from safetyrules.law.confidence import Confidence
from safetyrules.law.data_files import enumerate_tables, read_toml, validated
from safetyrules.law.reason import Explanation, InputValue, Reason
from safetyrules.quantities import Headcount

__all__ = [
    "NEVER",
    "AccidentMeasure",
    "AccidentWindow",
    "Applicability",
    "Caveat",
    "CheckKind",
    "ConditionOutcome",
    "ConditionResult",
    "EnterpriseKind",
    "GradingCondition",
    "GradingRecord",
    "GradingRegime",
    "GradingResult",
    "GroupMember",
    "LevelRule",
    "ScoreSummary",
    "ScoredAssessment",
    "StandardizationLevel",
    "ThresholdSource",
    "Validity",
    "grade",
    "grading_regime",
    "grading_regimes",
    "last_valid_day",
    "read_grading_regimes",
    "valid_until",
]

DATA_FILE = "scoring/grading.toml"

NEVER: Final = "never"
"""The value of a date fact when the event never happened (从未发生), as opposed to ``None``,
which means the fact was not provided."""

Never = Literal["never"]

_T = TypeVar("_T")

_HUNDRED = Decimal(100)
_ONE_DECIMAL = Decimal("0.1")


# --- vocabularies ---------------------------------------------------------------------------


class StandardizationLevel(IntEnum):
    """A standardization level (安全生产标准化等级): 一级 is the highest.

    As integers a smaller number is a *higher* level; :meth:`at_least` compares by rank.

    >>> StandardizationLevel.FIRST.label
    '一级'
    >>> StandardizationLevel.FIRST.at_least(StandardizationLevel.SECOND)
    True
    >>> StandardizationLevel(3).label
    '三级'
    """

    FIRST = 1
    SECOND = 2
    THIRD = 3

    @property
    def label(self) -> str:
        """The level as Chinese text writes it: 一级, 二级, 三级."""
        return _LEVEL_LABELS[self]

    def at_least(self, other: StandardizationLevel) -> bool:
        """Whether this level is as high as ``other`` or higher (不低于)."""
        return self.value <= other.value


_LEVEL_LABELS = {
    StandardizationLevel.FIRST: "一级",
    StandardizationLevel.SECOND: "二级",
    StandardizationLevel.THIRD: "三级",
}
_LEVELS = tuple(StandardizationLevel)


class EnterpriseKind(StrEnum):
    """The kind of enterprise that may apply for 一级 under the 2011 考评办法 (企业类型).

    >>> EnterpriseKind("上市公司").name
    'LISTED_COMPANY'
    """

    LARGE_GROUP = "大型企业集团"
    LISTED_COMPANY = "上市公司"
    INDUSTRY_LEADER = "行业领先企业"
    OTHER = "其他企业"


class ConditionOutcome(StrEnum):
    """The outcome of one application condition (申请条件判定结果).

    >>> ConditionOutcome.UNKNOWN.value
    '事实不明'
    """

    MET = "符合"
    NOT_MET = "不符合"
    UNKNOWN = "事实不明"
    NOT_APPLICABLE = "不适用"

    @property
    def holds(self) -> bool:
        """Whether the condition does not stand in the way (符合 or 不适用)."""
        return self in (ConditionOutcome.MET, ConditionOutcome.NOT_APPLICABLE)


class ThresholdSource(StrEnum):
    """Where the score thresholds used came from (分数线来源).

    >>> ThresholdSource.COMMON_DEFAULT.value
    '通行缺省分数线'
    """

    REGIME = "定级制度规定"
    STANDARD = "评分标准规定"
    COMMON_DEFAULT = "通行缺省分数线"


class CheckKind(StrEnum):
    """How a condition is checked against the facts (检查方式); the data file's ``check``.

    >>> CheckKind("waiting-period").label
    '间隔期'
    """

    FACT = "fact"
    COUNT = "count"
    WAITING_PERIOD = "waiting-period"
    ACCIDENTS = "accidents"
    PREVIOUS_GRADING = "previous-grading"
    ENTERPRISE_KIND = "enterprise-kind"
    MEMBER_DEATHS = "member-deaths"
    MEMBER_SCORES = "member-scores"
    APPLICATION_WINDOW = "application-window"

    @property
    def label(self) -> str:
        """The check in Chinese."""
        return _CHECK_LABELS[self]


_CHECK_LABELS = {
    CheckKind.FACT: "事实判断",
    CheckKind.COUNT: "数量判断",
    CheckKind.WAITING_PERIOD: "间隔期",
    CheckKind.ACCIDENTS: "事故统计",
    CheckKind.PREVIOUS_GRADING: "既往定级",
    CheckKind.ENTERPRISE_KIND: "企业类型",
    CheckKind.MEMBER_DEATHS: "成员企业死亡事故比例",
    CheckKind.MEMBER_SCORES: "成员企业评分比例",
    CheckKind.APPLICATION_WINDOW: "申请期间",
}


class AccidentMeasure(StrEnum):
    """What an accident condition totals over its window (事故统计指标).

    >>> AccidentMeasure.DIRECT_LOSS.label
    '直接经济损失'
    """

    DEATHS = "deaths"
    SERIOUS_INJURIES = "serious-injuries"
    DIRECT_LOSS = "direct-loss"
    GRADE = "grade"

    @property
    def label(self) -> str:
        """The measure in Chinese."""
        return _MEASURE_LABELS[self]


_MEASURE_LABELS = {
    AccidentMeasure.DEATHS: "死亡人数",
    AccidentMeasure.SERIOUS_INJURIES: "重伤人数",
    AccidentMeasure.DIRECT_LOSS: "直接经济损失",
    AccidentMeasure.GRADE: "事故等级",
}


class AccidentWindow(StrEnum):
    """Which accidents an accident condition looks at (事故考察期).

    ``years-before``: ``[as_of - N years, as_of)``; ``all-before``: every accident before
    ``as_of``; ``since-granted``: from the day the level was announced to ``as_of``, both included.

    >>> AccidentWindow.SINCE_GRANTED.label
    '取得等级以来'
    """

    YEARS_BEFORE = "years-before"
    ALL_BEFORE = "all-before"
    SINCE_GRANTED = "since-granted"

    @property
    def label(self) -> str:
        """The window in Chinese."""
        return _WINDOW_LABELS[self]


_WINDOW_LABELS = {
    AccidentWindow.YEARS_BEFORE: "申请前若干年内",
    AccidentWindow.ALL_BEFORE: "申请前的全部期间",
    AccidentWindow.SINCE_GRANTED: "取得等级以来",
}


class Applicability(StrEnum):
    """Which applicants a condition applies to (适用对象): all, groups only, or non-groups only.

    >>> Applicability.GROUP.label
    '集团企业'
    """

    ALL = "all"
    GROUP = "group"
    SINGLE = "single"

    @property
    def label(self) -> str:
        """The applicants in Chinese."""
        return _APPLICABILITY_LABELS[self]


_APPLICABILITY_LABELS = {
    Applicability.ALL: "全部企业",
    Applicability.GROUP: "集团企业",
    Applicability.SINGLE: "非集团企业",
}


# --- inputs ---------------------------------------------------------------------------------


@runtime_checkable
class ScoredAssessment(Protocol):
    """What grading needs from a scoring result (评分结果): the score, the standard's own level
    thresholds (None when it gives none) and the texts of failed 必备条件/否决项 gates.

    >>> isinstance(ScoreSummary(score=Decimal("80")), ScoredAssessment)
    True
    """

    @property
    def score(self) -> Decimal: ...

    @property
    def thresholds(self) -> Mapping[int, Decimal] | None: ...

    @property
    def failed_gates(self) -> tuple[str, ...]: ...


def _exact_number(value: Any) -> Any:
    # Scores and thresholds are exact: a float's binary value is not the number written.
    if isinstance(value, float | bool):
        raise ValueError("须写成整数或字符串形式的精确数（不接受浮点数或布尔值）")
    return value


_Points = Annotated[
    Decimal, BeforeValidator(_exact_number), Field(ge=0, le=100, allow_inf_nan=False)
]
# A score on the 100-point scale (百分制得分), exact.

_Exact = Annotated[Decimal, BeforeValidator(_exact_number), Field(ge=0, allow_inf_nan=False)]


class ScoreSummary(BaseModel):
    """A score obtained elsewhere, in the shape grading needs (评分结果摘要).

    Any object with ``score``, ``thresholds`` and ``failed_gates`` will do (see
    :class:`ScoredAssessment`); this one is for callers with only the numbers.

    >>> ScoreSummary(score="91.5", thresholds={1: 90, 2: 75, 3: 60}).thresholds[1]
    Decimal('90')
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    score: _Points = Field(description="标准化得分（百分制）")
    thresholds: dict[int, Decimal] | None = Field(
        default=None, description="评分标准规定的各级分数线；未规定为 None"
    )
    failed_gates: tuple[str, ...] = Field(default=(), description="未满足的必备条件或否决项")


class GroupMember(BaseModel):
    """A member enterprise of a group, for the 2011 一级/二级 group conditions (集团成员企业).

    >>> GroupMember(score="92", deaths=0).score
    Decimal('92')
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str | None = Field(default=None, description="成员企业名称")
    score: _Points = Field(description="成员企业的标准化得分（百分制）")
    deaths: Headcount = Field(description="申请前1年内死亡人数")


class GradingRecord(BaseModel):
    """The facts about an enterprise that grading checks (定级申请条件事实).

    Every fact may be ``None``: *not provided*. A condition that needs a missing fact is
    unknown and blocks the level. A date fact is ``"never"`` (:data:`NEVER`) when the event
    never happened. ``accidents`` lists the enterprise's production-safety accidents; an empty
    tuple says there were none.

    >>> GradingRecord(last_revoked_on="never").last_revoked_on
    'never'
    >>> GradingRecord(current_level=2, current_level_since=date(2020, 3, 1)).current_level.label
    '二级'
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    accidents: tuple[AccidentRecord, ...] | None = Field(
        default=None, description="生产安全事故记录（空元组表示未发生事故）"
    )
    licences_valid: bool | None = Field(
        default=None, description="依法应当取得的安全生产行政许可齐全有效"
    )
    safety_organisation_set_up: bool | None = Field(
        default=None, description="依法设置安全生产管理机构或者配备安全生产管理人员"
    )
    certificates_held: bool | None = Field(
        default=None, description="主要负责人、安全生产管理人员、特种作业人员依法持证"
    )
    major_social_event: bool | None = Field(
        default=None, description="发生过造成重大社会不良影响的事件"
    )
    on_serious_dishonesty_list: bool | None = Field(
        default=None, description="被列入安全生产失信惩戒名单（严重失信主体名单）"
    )
    unrectified_major_hazards: Headcount | None = Field(
        default=None, description="未完成整改的重大事故隐患项数"
    )
    last_failed_application_notified_on: date | Never | None = Field(
        default=None, description="最近一次被告知申请定级未通过的日期；从未为 never"
    )
    last_revoked_on: date | Never | None = Field(
        default=None, description="最近一次被撤销标准化等级的日期；从未为 never"
    )
    current_level: StandardizationLevel | Never | None = Field(
        default=None, description="现有标准化等级；从未定级为 never"
    )
    current_level_since: date | None = Field(default=None, description="取得现有等级的通告日期")
    statistics_not_rising: bool | None = Field(
        default=None,
        description="按 GB 6441、GB/T 15499 统计，自上次定级以来各项指标逐年持平或下降",
    )
    enterprise_kind: EnterpriseKind | None = Field(
        default=None, description="企业类型（2011年考评办法一级条件）"
    )
    is_group: bool | None = Field(
        default=None, description="是否以集团（含上市集团）名义申请（2011年考评办法）"
    )
    members: tuple[GroupMember, ...] | None = Field(
        default=None, min_length=1, description="集团成员企业（2011年考评办法集团条件）"
    )

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.enterprise_kind is EnterpriseKind.LARGE_GROUP and self.is_group is False:
            raise ValueError("enterprise_kind 为大型企业集团时 is_group 不能为 False")
        if self.members is not None and self.is_group is False:
            raise ValueError("members 只适用于集团（is_group 为 True）")
        return self


# --- rule data ------------------------------------------------------------------------------


@attrs.frozen
class Caveat:
    """A related provision shown when its instrument is in force on the date (相关提示).

    >>> regime = grading_regime(date(2026, 1, 1))
    >>> regime.caveats[0].citation.instrument
    'gbt-33000-2025'
    """

    text: str
    citation: Citation
    confidence: Confidence

    def applies(self, on: date) -> bool:
        """Whether the cited instrument is in force on ``on``."""
        return instrument(self.citation.instrument).in_force(on)


@attrs.frozen
class GradingCondition:
    """One condition of a regime (定级条件), as data: its text, the levels it applies to, its
    check and parameters, citation and confidence.

    Revocation triggers (撤销情形) and re-application conditions use the same form: a trigger
    *fires* when its check finds the adverse fact, a condition is *not met* then.

    >>> c = grading_regime(date(2024, 1, 1)).condition("direct-loss-1y")
    >>> c.check.value, c.measure.value, c.limit, c.years, c.confidence.value
    ('accidents', 'direct-loss', Decimal('1000000'), 1, 'unverified')
    """

    id: str
    text: str
    levels: tuple[StandardizationLevel, ...]
    check: CheckKind
    citation: Citation
    confidence: Confidence
    applies_to: Applicability = Applicability.ALL
    fact: str | None = None
    breached_when: bool | None = None
    measure: AccidentMeasure | None = None
    limit: Decimal | None = None
    limit_grade: AccidentGrade | None = None
    window: AccidentWindow | None = None
    years: int | None = None
    rolling_months: int | None = None
    months: int | None = None
    share: Decimal | None = None
    min_score: Decimal | None = None
    allowed: tuple[EnterpriseKind, ...] = ()
    caveats: tuple[Caveat, ...] = ()
    note: str = ""


@attrs.frozen
class LevelRule:
    """What a regime says of one level (等级规则): who grants it and its default threshold.

    >>> rule = grading_regime(date(2015, 1, 1)).level(StandardizationLevel.FIRST)
    >>> rule.authority, rule.threshold, rule.authority_confidence.value
    ('国家安全监管总局', Decimal('90'), 'secondary')
    """

    level: StandardizationLevel
    authority: str
    authority_citation: Citation
    authority_confidence: Confidence
    threshold: Decimal
    threshold_citation: Citation
    threshold_confidence: Confidence


@attrs.frozen
class Validity:
    """How long a level is valid (等级有效期) and on what basis.

    >>> grading_regime(date(2024, 1, 1)).validity.years
    3
    """

    years: int
    citation: Citation
    confidence: Confidence
    note: str = ""


@attrs.frozen
class GradingRegime:
    """A grading regime (定级制度) in force from ``start`` until the day before ``end``.

    ``thresholds_binding`` is True when the regime itself lays down the score thresholds (2011);
    otherwise its thresholds apply only when the scoring standard gives none (2021).

    >>> r = grading_regime(date(2021, 11, 1))
    >>> r.id, r.start, r.end, r.thresholds_binding
    ('grading-2021', datetime.date(2021, 11, 1), None, False)
    """

    id: str
    name: str
    instrument: str
    start: date
    end: date | None
    thresholds_binding: bool
    levels: tuple[LevelRule, ...]
    validity: Validity
    conditions: tuple[GradingCondition, ...]
    revocation_triggers: tuple[GradingCondition, ...] = ()
    reapplication_conditions: tuple[GradingCondition, ...] = ()
    caveats: tuple[Caveat, ...] = ()
    sources: tuple[str, ...] = ()
    note: str = ""

    def in_force(self, on: date) -> bool:
        """Whether the regime governs grading on ``on``."""
        return self.start <= on and (self.end is None or on < self.end)

    def level(self, level: StandardizationLevel) -> LevelRule:
        """The rule for one level."""
        for rule in self.levels:
            if rule.level is level:
                return rule
        raise UnknownReference(f"{self.id} 的等级", level)

    def condition(self, condition_id: str) -> GradingCondition:
        """The application condition with this id."""
        for condition in self.conditions:
            if condition.id == condition_id:
                return condition
        raise UnknownReference(f"{self.id} 的定级条件", condition_id)

    @property
    def period_confidence(self) -> Confidence:
        """How sure the start date is (its instrument's effective date)."""
        return instrument(self.instrument).confidence


def grading_regimes() -> tuple[GradingRegime, ...]:
    """The packaged regimes, oldest first (定级制度).

    >>> [r.id for r in grading_regimes()]
    ['metallurgy-trade-2011', 'grading-2021']
    """
    return _shipped()


def grading_regime(on: date) -> GradingRegime:
    """The regime in force on a date (某日适用的定级制度); before the first, NotInForce.

    >>> grading_regime(date(2021, 10, 31)).id, grading_regime(date(2021, 11, 1)).id
    ('metallurgy-trade-2011', 'grading-2021')
    >>> grading_regime(date(2011, 6, 8))
    Traceback (most recent call last):
    ...
    safetyrules.errors.NotInForce: metallurgy-trade-standardization-assessment-measures-2011 于 2011-06-08 不在有效期内: 2011-06-09 起施行
    """
    on = checks.day("on", on)
    regimes = _shipped()
    for regime in regimes:
        if regime.in_force(on):
            require_in_force(regime.instrument, on)
            return regime
    require_in_force(regimes[0].instrument, on)
    raise NotInForce(regimes[-1].instrument, on, "没有适用的定级制度")


def valid_until(announced_on: date) -> date:
    """The last day a level announced on ``announced_on`` is valid (等级有效期届满日).

    The level is valid for the regime's years (3), counted from the 通告 date, that day
    included: the last day is the day before the third anniversary. The anniversary of
    29 February in a common year is 1 March, so the last day is 28 February.

    >>> valid_until(date(2024, 2, 29))
    datetime.date(2027, 2, 28)
    >>> valid_until(date(2024, 3, 1))
    datetime.date(2027, 2, 28)
    >>> valid_until(date(2025, 3, 1))
    datetime.date(2028, 2, 29)
    """
    announced_on = checks.day("announced_on", announced_on)
    return last_valid_day(announced_on, grading_regime(announced_on).validity.years)


def last_valid_day(start: date, years: int) -> date:
    """The last day of a period of ``years`` years that includes its first day (期间末日).

    >>> last_valid_day(date(2023, 6, 30), 1)
    datetime.date(2024, 6, 29)
    """
    anniversary = start + relativedelta(years=years)
    if (start.month, start.day) == (2, 29) and anniversary.day == 28:
        anniversary += timedelta(days=1)
    return anniversary - timedelta(days=1)


def read_grading_regimes(source: str | Path) -> tuple[GradingRegime, ...]:
    """Read and check a grading file (读取定级制度文件) without using it.

    Every defect is a :class:`~safetyrules.errors.RuleDataError` naming the file and key: an
    unknown instrument, a float threshold, a duplicate condition id, a check without its
    parameters, a fact no model has, regimes out of order.

    >>> [len(r.conditions) for r in read_grading_regimes(DATA_FILE)]
    [11, 16]
    """
    file, document = read_toml(source)
    extra = set(document) - {"regime"}
    if extra:
        raise RuleDataError(file, sorted(extra)[0], "未知的顶层键")
    entries = [
        (f"regime[{index}]", validated(_RegimeEntry, raw, file, f"regime[{index}]"))
        for index, raw in enumerate_tables(document, "regime", file)
    ]
    starts: list[date] = []
    for key, entry in entries:
        try:
            starts.append(instrument(entry.instrument).effective_from)
        except UnknownReference as error:
            raise RuleDataError(file, f"{key}.instrument", str(error)) from error
    ids = [entry.id for _, entry in entries]
    for position, (key, entry) in enumerate(entries):
        if ids.index(entry.id) != position:
            raise RuleDataError(file, f"{key}.id", f"重复的定级制度 id {entry.id!r}")
        if position and starts[position] <= starts[position - 1]:
            raise RuleDataError(file, f"{key}.instrument", "定级制度须按施行日期先后排列")
    regimes = []
    for position, (key, entry) in enumerate(entries):
        repealed = instrument(entry.instrument).repealed_on
        following = starts[position + 1] if position + 1 < len(entries) else None
        end = min((d for d in (repealed, following) if d is not None), default=None)
        if following is not None and repealed is not None and repealed < following:
            raise RuleDataError(
                file, f"{key}.instrument", "该文件失效后、下一制度施行前没有定级制度"
            )
        regimes.append(_build(entry, starts[position], end, file, key))
    return tuple(regimes)


@cache
def _shipped() -> tuple[GradingRegime, ...]:
    return read_grading_regimes(DATA_FILE)


_ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"

# Which parameters each check needs (beyond id, text, levels, citation, confidence).
_REQUIRED: Mapping[CheckKind, frozenset[str]] = {
    CheckKind.FACT: frozenset({"fact", "breached_when"}),
    CheckKind.COUNT: frozenset({"fact", "limit"}),
    CheckKind.WAITING_PERIOD: frozenset({"fact", "years"}),
    CheckKind.ACCIDENTS: frozenset({"measure", "window"}),
    CheckKind.PREVIOUS_GRADING: frozenset({"years"}),
    CheckKind.ENTERPRISE_KIND: frozenset({"allowed"}),
    CheckKind.MEMBER_DEATHS: frozenset({"share"}),
    CheckKind.MEMBER_SCORES: frozenset({"share", "min_score"}),
    CheckKind.APPLICATION_WINDOW: frozenset({"months"}),
}
_OPTIONAL: Mapping[CheckKind, frozenset[str]] = {
    CheckKind.ACCIDENTS: frozenset({"limit", "limit_grade", "years", "rolling_months"}),
}
_PARAMETERS = (
    "fact",
    "breached_when",
    "measure",
    "limit",
    "limit_grade",
    "window",
    "years",
    "rolling_months",
    "months",
    "share",
    "min_score",
    "allowed",
)


class _CitationEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1)
    citation: Citation
    confidence: Confidence


class _ConditionEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=_ID_PATTERN)
    text: str = Field(min_length=1)
    levels: list[StandardizationLevel] = Field(default_factory=lambda: list(_LEVELS), min_length=1)
    applies_to: Applicability = Applicability.ALL
    check: CheckKind
    fact: str | None = None
    breached_when: bool | None = None
    measure: AccidentMeasure | None = None
    limit: _Exact | None = None
    limit_grade: AccidentGrade | None = None
    window: AccidentWindow | None = None
    years: int | None = Field(default=None, ge=1)
    rolling_months: int | None = Field(default=None, ge=1)
    months: int | None = Field(default=None, ge=1)
    share: _Exact | None = Field(default=None, le=100)
    min_score: _Points | None = None
    allowed: list[EnterpriseKind] | None = Field(default=None, min_length=1)
    citation: Citation
    confidence: Confidence
    caveat: list[_CitationEntry] = []
    note: str = ""

    @model_validator(mode="after")
    def _parameters(self) -> Self:
        given = {name for name in _PARAMETERS if getattr(self, name) is not None}
        required = _REQUIRED[self.check]
        if self.check is CheckKind.ACCIDENTS:
            required = required | (
                {"limit_grade"} if self.measure is AccidentMeasure.GRADE else {"limit"}
            )
            if self.window is AccidentWindow.YEARS_BEFORE:
                required = required | {"years"}
        allowed = required | (_OPTIONAL.get(self.check, frozenset()) & self._accident_options())
        missing = sorted(required - given)
        if missing:
            raise ValueError(f"检查方式 {self.check.value} 须给出参数：{'、'.join(missing)}")
        unexpected = sorted(given - allowed)
        if unexpected:
            raise ValueError(f"检查方式 {self.check.value} 不接受参数：{'、'.join(unexpected)}")
        if len(set(self.levels)) != len(self.levels):
            raise ValueError("levels 不能重复")
        return self

    def _accident_options(self) -> set[str]:
        options = {"limit_grade"} if self.measure is AccidentMeasure.GRADE else {"limit"}
        if self.window is AccidentWindow.YEARS_BEFORE:
            options.add("years")
        if self.window is AccidentWindow.SINCE_GRANTED:
            options.add("rolling_months")
        return options


class _LevelEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    level: StandardizationLevel
    authority: str = Field(min_length=1)
    authority_citation: Citation
    authority_confidence: Confidence
    threshold: _Points
    threshold_citation: Citation
    threshold_confidence: Confidence


class _RegimeEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=_ID_PATTERN)
    name: str = Field(min_length=1)
    instrument: str
    threshold_role: Literal["binding", "fallback"]
    validity_years: int = Field(ge=1)
    validity_citation: Citation
    validity_confidence: Confidence
    validity_note: str = ""
    sources: list[str] = Field(min_length=1)
    note: str = ""
    caveat: list[_CitationEntry] = []
    level: list[_LevelEntry] = Field(min_length=1)
    condition: list[_ConditionEntry] = Field(min_length=1)
    revocation_trigger: list[_ConditionEntry] = []
    reapplication_condition: list[_ConditionEntry] = []


# The facts each section may name, by the kind of value the check needs.
_GRADING_FACTS: Mapping[CheckKind, frozenset[str]] = {
    CheckKind.FACT: frozenset(
        {
            "licences_valid",
            "safety_organisation_set_up",
            "certificates_held",
            "major_social_event",
            "on_serious_dishonesty_list",
            "statistics_not_rising",
        }
    ),
    CheckKind.COUNT: frozenset({"unrectified_major_hazards"}),
    CheckKind.WAITING_PERIOD: frozenset({"last_failed_application_notified_on", "last_revoked_on"}),
}
_SECTIONS: Mapping[str, frozenset[CheckKind]] = {
    "condition": frozenset(CheckKind) - {CheckKind.APPLICATION_WINDOW},
    "revocation_trigger": frozenset({CheckKind.FACT, CheckKind.ACCIDENTS}),
    "reapplication_condition": frozenset(
        {CheckKind.FACT, CheckKind.ACCIDENTS, CheckKind.APPLICATION_WINDOW}
    ),
}


def _section_facts(section: str) -> Mapping[CheckKind, frozenset[str]]:
    if section == "condition":
        return _GRADING_FACTS
    # The events models live beside the functions that use them.
    from safetyrules.scoring.revocation import ReapplicationEvents, RevocationEvents

    if section == "revocation_trigger":
        names = frozenset(RevocationEvents.model_fields) | {"on_serious_dishonesty_list"}
    else:
        names = frozenset(ReapplicationEvents.model_fields)
    return {CheckKind.FACT: names}


def _build(
    entry: _RegimeEntry, start: date, end: date | None, file: str, key: str
) -> GradingRegime:
    levels = [rule.level for rule in entry.level]
    for position, rule in enumerate(entry.level):
        if levels.index(rule.level) != position:
            raise RuleDataError(file, f"{key}.level[{position}].level", "等级重复")
    if sorted(levels) != list(_LEVELS):
        raise RuleDataError(file, f"{key}.level", "须给出一级、二级、三级各一条")
    by_level = sorted(entry.level, key=lambda rule: rule.level)
    for position in range(1, len(by_level)):
        if by_level[position].threshold >= by_level[position - 1].threshold:
            index = entry.level.index(by_level[position])
            raise RuleDataError(file, f"{key}.level[{index}].threshold", "等级越低，分数线须越低")
    sections = {name: _conditions(getattr(entry, name), name, file, key) for name in _SECTIONS}
    return GradingRegime(
        id=entry.id,
        name=entry.name,
        instrument=entry.instrument,
        start=start,
        end=end,
        thresholds_binding=entry.threshold_role == "binding",
        levels=tuple(
            LevelRule(
                level=rule.level,
                authority=rule.authority,
                authority_citation=rule.authority_citation,
                authority_confidence=rule.authority_confidence,
                threshold=rule.threshold,
                threshold_citation=rule.threshold_citation,
                threshold_confidence=rule.threshold_confidence,
            )
            for rule in by_level
        ),
        validity=Validity(
            years=entry.validity_years,
            citation=entry.validity_citation,
            confidence=entry.validity_confidence,
            note=entry.validity_note,
        ),
        conditions=sections["condition"],
        revocation_triggers=sections["revocation_trigger"],
        reapplication_conditions=sections["reapplication_condition"],
        caveats=tuple(_caveat(c) for c in entry.caveat),
        sources=tuple(entry.sources),
        note=entry.note,
    )


def _caveat(entry: _CitationEntry) -> Caveat:
    return Caveat(text=entry.text, citation=entry.citation, confidence=entry.confidence)


def _conditions(
    entries: list[_ConditionEntry], section: str, file: str, key: str
) -> tuple[GradingCondition, ...]:
    seen: set[str] = set()
    built = []
    facts = _section_facts(section) if entries else {}
    for position, entry in enumerate(entries):
        where = f"{key}.{section}[{position}]"
        if entry.id in seen:
            raise RuleDataError(file, f"{where}.id", f"重复的条件 id {entry.id!r}")
        seen.add(entry.id)
        if entry.check not in _SECTIONS[section]:
            raise RuleDataError(file, f"{where}.check", f"此处不能使用检查方式 {entry.check.value}")
        if entry.fact is not None and entry.fact not in facts.get(entry.check, frozenset()):
            known = "、".join(sorted(facts.get(entry.check, frozenset())))
            raise RuleDataError(
                file, f"{where}.fact", f"未知的事实 {entry.fact!r}（此处可用：{known}）"
            )
        if entry.window is not None and (section == "condition") == (
            entry.window is AccidentWindow.SINCE_GRANTED
        ):
            raise RuleDataError(file, f"{where}.window", f"此处不能使用考察期 {entry.window.value}")
        built.append(
            GradingCondition(
                id=entry.id,
                text=entry.text,
                levels=tuple(sorted(entry.levels)),
                check=entry.check,
                citation=entry.citation,
                confidence=entry.confidence,
                applies_to=entry.applies_to,
                fact=entry.fact,
                breached_when=entry.breached_when,
                measure=entry.measure,
                limit=entry.limit,
                limit_grade=entry.limit_grade,
                window=entry.window,
                years=entry.years,
                rolling_months=entry.rolling_months,
                months=entry.months,
                share=entry.share,
                min_score=entry.min_score,
                allowed=tuple(entry.allowed or ()),
                caveats=tuple(_caveat(c) for c in entry.caveat),
                note=entry.note,
            )
        )
    return tuple(built)


# --- evaluation -----------------------------------------------------------------------------


@attrs.frozen
class _Accident:
    record: AccidentRecord
    classification: AccidentClassification | None  # None: before 条例 was in force

    @property
    def deaths(self) -> int:
        if self.classification is None:
            return self.record.deaths + self.record.missing
        return self.classification.graded_deaths

    @property
    def missing_counted(self) -> bool:
        return self.deaths > self.record.deaths


def _classified(accidents: Iterable[AccidentRecord]) -> tuple[_Accident, ...]:
    tallied = []
    for record in accidents:
        try:
            classification: AccidentClassification | None = record.classify()
        except NotInForce:
            classification = None
        tallied.append(_Accident(record, classification))
    return tuple(tallied)


@attrs.frozen
class _Context:
    as_of: date
    lookup: Callable[[str], Any]
    accidents: tuple[_Accident, ...] | None
    granted_on: date | None = None
    valid_until: date | None = None


@attrs.frozen
class _Finding:
    breached: bool | None
    detail: str
    applicable: bool = True
    missing: tuple[str, ...] = ()
    inputs: Mapping[str, InputValue] = attrs.field(factory=dict)
    unverified: bool = False


def _evaluate(condition: GradingCondition, context: _Context) -> _Finding:
    if condition.applies_to is not Applicability.ALL:
        is_group = context.lookup("is_group")
        if is_group is None:
            return _Finding(None, "未说明是否以集团名义申请", missing=("is_group",))
        if is_group != (condition.applies_to is Applicability.GROUP):
            return _Finding(False, f"仅适用于{condition.applies_to.label}", applicable=False)
    return _CHECKS[condition.check](condition, context)


def _fact_label(name: str) -> str:
    return _FACT_LABELS.get(name, name)


_FACT_LABELS = {
    "licences_valid": "安全生产行政许可齐全有效",
    "safety_organisation_set_up": "已设置安全生产管理机构或配备安全生产管理人员",
    "certificates_held": "有关人员依法持证",
    "major_social_event": "发生造成重大社会不良影响的事件",
    "on_serious_dishonesty_list": "被列入失信惩戒名单",
    "statistics_not_rising": "事故统计指标逐年持平或下降",
    "unrectified_major_hazards": "未完成整改的重大事故隐患",
    "last_failed_application_notified_on": "前次申请未通过的告知日期",
    "last_revoked_on": "前次被撤销等级的日期",
    "accident_concealed": "瞒报、谎报、迟报、漏报事故",
    "false_material": "提供虚假材料或以不正当手段取得等级",
    "licence_revoked_or_left_industry": "行政许可被注销、撤销、吊销或不再从事相关行业",
    "major_hazard_overdue": "重大事故隐患未在规定期限内完成整改",
    "management_system_not_running": "标准化管理体系未持续有效运行",
    "rules_revised": "有关法律法规、标准或行业定级标准重大修订",
    "major_change": "生产工艺、设备、产品、原辅材料重大变化或新建、改建、扩建",
    "self_assessment_submitted": "按规定开展自评并提交自评报告",
}


def _check_fact(condition: GradingCondition, context: _Context) -> _Finding:
    name = _required(condition.fact)
    value = context.lookup(name)
    if value is None:
        return _Finding(None, f"未提供“{_fact_label(name)}”", missing=(name,))
    return _Finding(
        value == condition.breached_when,
        f"{_fact_label(name)}：{'是' if value else '否'}",
        inputs={name: value},
    )


def _check_count(condition: GradingCondition, context: _Context) -> _Finding:
    name = _required(condition.fact)
    value = context.lookup(name)
    limit = _required(condition.limit)
    if value is None:
        return _Finding(None, f"未提供“{_fact_label(name)}”", missing=(name,))
    return _Finding(value >= limit, f"{_fact_label(name)}{value}项", inputs={name: value})


def _check_waiting(condition: GradingCondition, context: _Context) -> _Finding:
    name = _required(condition.fact)
    value = context.lookup(name)
    years = _required(condition.years)
    if value is None:
        return _Finding(None, f"未提供“{_fact_label(name)}”（从未发生的写 never）", missing=(name,))
    if value == NEVER:
        return _Finding(False, f"{_fact_label(name)}：从未发生", inputs={name: NEVER})
    ends = value + relativedelta(years=years)
    return _Finding(
        context.as_of < ends,
        f"{_fact_label(name)}为{value.isoformat()}，满{years}年之日为{ends.isoformat()}",
        inputs={name: value},
    )


def _check_previous_grading(condition: GradingCondition, context: _Context) -> _Finding:
    years = _required(condition.years)
    level = context.lookup("current_level")
    if level is None:
        return _Finding(None, "未提供现有等级", missing=("current_level",))
    if level == NEVER:
        return _Finding(True, "从未取得标准化等级", inputs={"current_level": NEVER})
    if level is StandardizationLevel.FIRST:
        return _Finding(False, "现为一级", inputs={"current_level": int(level)})
    since = context.lookup("current_level_since")
    if since is None:
        return _Finding(
            None, f"现为{level.label}，未提供取得日期", missing=("current_level_since",)
        )
    enough = since + relativedelta(years=years)
    return _Finding(
        context.as_of < enough,
        f"现为{level.label}，自{since.isoformat()}起，满{years}年之日为{enough.isoformat()}",
        inputs={"current_level": int(level), "current_level_since": since},
    )


def _check_enterprise_kind(condition: GradingCondition, context: _Context) -> _Finding:
    kind = context.lookup("enterprise_kind")
    if kind is None:
        return _Finding(None, "未提供企业类型", missing=("enterprise_kind",))
    return _Finding(
        kind not in condition.allowed,
        f"企业类型：{kind.value}",
        inputs={"enterprise_kind": kind.value},
    )


def _check_members(condition: GradingCondition, context: _Context) -> _Finding:
    members = context.lookup("members")
    if members is None:
        return _Finding(None, "未提供集团成员企业情况", missing=("members",))
    share = _required(condition.share)
    if condition.check is CheckKind.MEMBER_DEATHS:
        count = sum(1 for m in members if m.deaths == 0)
        what = "申请前1年内未发生死亡事故"
    else:
        floor = _required(condition.min_score)
        count = sum(1 for m in members if m.score >= floor)
        what = f"评分{_number(floor)}分以上"
    percent = (Decimal(count) * _HUNDRED / len(members)).quantize(_ONE_DECIMAL, ROUND_HALF_UP)
    return _Finding(
        Decimal(count) * _HUNDRED < share * len(members),
        f"成员企业{len(members)}家，{what}的{count}家，占{percent}%（须{_number(share)}%以上）",
        inputs={"members": len(members), "counted": count},
    )


def _check_application_window(condition: GradingCondition, context: _Context) -> _Finding:
    last_day = context.valid_until
    if last_day is None:  # pragma: no cover - the caller always sets it for this section
        raise InvalidInput("valid_until", None, "缺少有效期届满日")
    months = _required(condition.months)
    opens = last_day + timedelta(days=1) - relativedelta(months=months)
    return _Finding(
        not opens <= context.as_of <= last_day,
        f"有效期至{last_day.isoformat()}，可申请期间为{opens.isoformat()}至{last_day.isoformat()}",
        inputs={"valid_until": last_day},
    )


def _check_accidents(condition: GradingCondition, context: _Context) -> _Finding:
    if context.accidents is None:
        return _Finding(None, "未提供事故记录", missing=("accidents",))
    start, last, label = _window(condition, context)
    chosen = [
        a
        for a in context.accidents
        if (start is None or start <= a.record.occurred_on) and a.record.occurred_on <= last
    ]
    measure = _required(condition.measure)
    if measure is AccidentMeasure.GRADE:
        return _grade_finding(condition, chosen, label)
    if condition.rolling_months is not None:
        chosen, label = _worst_window(condition, chosen, measure)
    total = sum((_amount(a, measure) for a in chosen), Decimal(0))
    limit = _required(condition.limit)
    missing_counted = measure is AccidentMeasure.DEATHS and any(a.missing_counted for a in chosen)
    detail = f"{label}事故{len(chosen)}起，{_measure_text(measure, total)}"
    if missing_counted:
        detail += "（含失踪（下落不明）人数，按事故分级的做法与死亡合计）"
    reached = total >= limit
    detail += f"，{'已达到' if reached else '未达到'}{_measure_text(measure, limit, bare=True)}"
    return _Finding(
        reached,
        detail,
        inputs={"accidents": len(chosen), measure.value: total},
        unverified=missing_counted,
    )


def _window(condition: GradingCondition, context: _Context) -> tuple[date | None, date, str]:
    window = _required(condition.window)
    if window is AccidentWindow.SINCE_GRANTED:
        granted_on = _required(context.granted_on)
        return granted_on, context.as_of, f"{granted_on.isoformat()}至{context.as_of.isoformat()}"
    last = context.as_of - timedelta(days=1)
    if window is AccidentWindow.ALL_BEFORE:
        return None, last, f"{last.isoformat()}以前"
    start = context.as_of - relativedelta(years=_required(condition.years))
    return start, last, f"{start.isoformat()}至{last.isoformat()}"


def _worst_window(
    condition: GradingCondition, chosen: list[_Accident], measure: AccidentMeasure
) -> tuple[list[_Accident], str]:
    # Any N consecutive months: a worst window starts on an accident's date.
    months = _required(condition.rolling_months)
    best: list[_Accident] = []
    best_total = Decimal(-1)
    best_label = f"任意连续{months}个月内"
    for first in sorted(chosen, key=lambda a: a.record.occurred_on):
        opens = first.record.occurred_on
        closes = opens + relativedelta(months=months)
        inside = [a for a in chosen if opens <= a.record.occurred_on < closes]
        total = sum((_amount(a, measure) for a in inside), Decimal(0))
        if total > best_total:
            best, best_total = inside, total
            last = closes - timedelta(days=1)
            best_label = f"连续{months}个月（{opens.isoformat()}至{last.isoformat()}）内"
    return best, best_label


def _grade_finding(condition: GradingCondition, chosen: list[_Accident], label: str) -> _Finding:
    limit = _required(condition.limit_grade)
    graded = [a.classification for a in chosen if a.classification is not None]
    worst = max((c.grade for c in graded), default=None)
    reached = worst is not None and worst >= limit
    unverified = any(c.unverified for c in graded)
    ungraded = [a for a in chosen if a.classification is None]
    detail = f"{label}事故{len(chosen)}起"
    if worst is not None:
        detail += f"，最高等级为{worst.value}"
    if ungraded and not reached:
        dates = "、".join(a.record.occurred_on.isoformat() for a in ungraded)
        return _Finding(
            None,
            detail + f"；{dates}的事故发生在《生产安全事故报告和调查处理条例》施行前，无法定级",
        )
    detail += f"，{'已发生' if reached else '未发生'}{limit.value}及以上等级的事故"
    return _Finding(
        reached,
        detail,
        inputs={"accidents": len(chosen), "grade": worst.value if worst else None},
        unverified=unverified,
    )


def _amount(accident: _Accident, measure: AccidentMeasure) -> Decimal:
    if measure is AccidentMeasure.DEATHS:
        return Decimal(accident.deaths)
    if measure is AccidentMeasure.SERIOUS_INJURIES:
        return Decimal(accident.record.serious_injuries)
    return accident.record.direct_economic_loss


def _measure_text(measure: AccidentMeasure, value: Decimal, *, bare: bool = False) -> str:
    if measure is AccidentMeasure.DIRECT_LOSS:
        amount = yuan_text(value)
        return f"{amount}以上" if bare else f"直接经济损失合计{amount}"
    unit = "死亡" if measure is AccidentMeasure.DEATHS else "重伤"
    return f"{_number(value)}人以上" if bare else f"{unit}{_number(value)}人"


def _number(value: Decimal) -> str:
    return format(value.normalize(), "f") if value == value.to_integral_value() else str(value)


def _required(value: _T | None) -> _T:
    if value is None:  # pragma: no cover - the loader guarantees the parameters of each check
        raise RuleDataError(DATA_FILE, "condition", "检查参数缺失")
    return value


_CHECKS: Mapping[CheckKind, Callable[[GradingCondition, _Context], _Finding]] = {
    CheckKind.FACT: _check_fact,
    CheckKind.COUNT: _check_count,
    CheckKind.WAITING_PERIOD: _check_waiting,
    CheckKind.ACCIDENTS: _check_accidents,
    CheckKind.PREVIOUS_GRADING: _check_previous_grading,
    CheckKind.ENTERPRISE_KIND: _check_enterprise_kind,
    CheckKind.MEMBER_DEATHS: _check_members,
    CheckKind.MEMBER_SCORES: _check_members,
    CheckKind.APPLICATION_WINDOW: _check_application_window,
}


# --- results --------------------------------------------------------------------------------


class ConditionResult(BaseModel):
    """One condition checked against the facts (申请条件判定), with its basis.

    >>> r = grade(ScoreSummary(score=Decimal("80")), GradingRecord(), 2, date(2024, 6, 1))
    >>> c = r.conditions[0]
    >>> c.id, c.outcome.value, c.missing_facts, c.confidence.value
    ('licences-valid', '事实不明', ('licences_valid',), 'unverified')
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    text: str
    levels: tuple[StandardizationLevel, ...]
    outcome: ConditionOutcome
    detail: str
    citation: Citation
    confidence: Confidence
    missing_facts: tuple[str, ...] = ()


class GradingResult(BaseModel):
    """The grading of one application (定级结论) and how it was reached.

    ``reachable_level`` is the highest level the application can reach: its threshold met, its
    conditions all holding, no failed gate — and never above ``applied_level`` (an enterprise is
    graded at the level it applied for, or accepts a lower one). ``granted`` says whether that
    is the level applied for. ``authority`` and ``valid_until`` belong to ``reachable_level``.
    ``needed_facts`` names the missing facts that kept a higher level (up to the one applied
    for) undecided.

    >>> r = grade(ScoreSummary(score=Decimal("95")), GradingRecord(), 1, date(2024, 6, 1))
    >>> r.reachable_level is None, r.granted, "accidents" in r.needed_facts
    (True, False, True)
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    regime: str
    instrument: str
    as_of: date
    applied_level: StandardizationLevel
    score: Decimal
    thresholds: dict[int, Decimal]
    threshold_source: ThresholdSource
    score_level: StandardizationLevel | None
    failed_gates: tuple[str, ...]
    conditions: tuple[ConditionResult, ...]
    levels_meeting_conditions: tuple[StandardizationLevel, ...]
    reachable_level: StandardizationLevel | None
    granted: bool
    authority: str | None
    valid_until: date | None
    needed_facts: tuple[str, ...]
    explanation: Explanation

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """The reasons behind the result, in order."""
        return self.explanation.reasons

    @property
    def unverified(self) -> bool:
        """Whether the result rests on an unverified rule."""
        return self.explanation.unverified


def grade(
    assessment: ScoredAssessment,
    record: GradingRecord,
    applied_level: StandardizationLevel | int,
    as_of: date,
    *,
    announced_on: date | None = None,
) -> GradingResult:
    """Grade an application (安全生产标准化定级) under the regime in force on ``as_of``.

    ``as_of`` is the application date: accident windows end the day before it. ``announced_on``
    is the 通告 date, from which the validity runs; without it ``as_of`` stands in. The level
    is valid to :func:`last_valid_day` (3 years, the first day included: announced 2024-02-29,
    valid to 2027-02-28). A date before the 2011 考评办法 raises
    :class:`~safetyrules.errors.NotInForce`.

    >>> record = GradingRecord(
    ...     accidents=(), licences_valid=True, safety_organisation_set_up=True,
    ...     certificates_held=True, major_social_event=False, on_serious_dishonesty_list=False,
    ...     unrectified_major_hazards=0, last_failed_application_notified_on="never",
    ...     last_revoked_on="never", current_level=2, current_level_since=date(2022, 1, 10),
    ...     statistics_not_rising=True)
    >>> r = grade(ScoreSummary(score=Decimal("93")), record, 1, date(2024, 6, 1))
    >>> r.score_level.label, r.reachable_level.label, r.granted
    ('一级', '二级', False)
    >>> [c.id for c in r.conditions if c.outcome is ConditionOutcome.NOT_MET]
    ['level1-previous-grading']
    >>> print(r.reasons[-3].message)
    申请一级未获通过：一级条件不符合（level1-previous-grading）；可达到二级
    """
    as_of = checks.day("as_of", as_of)
    level = _applied(applied_level)
    if not isinstance(record, GradingRecord):
        raise InvalidInput("record", record, "必须是 GradingRecord")
    _facts_not_after(record, as_of)
    if announced_on is not None:
        announced_on = checks.day("announced_on", announced_on)
        if announced_on < as_of:
            raise InvalidInput("announced_on", announced_on, "通告日期不能早于申请（评估）日")
    regime = grading_regime(as_of)
    score = _score(assessment.score)
    reasons = [_regime_reason(regime, as_of)]
    reasons += [_caveat_reason(regime.id, c) for c in regime.caveats if c.applies(as_of)]
    thresholds, source, threshold_reason = _thresholds(assessment.thresholds, regime)
    reasons.append(threshold_reason)
    qualifying = tuple(lv for lv in _LEVELS if lv in thresholds and score >= thresholds[lv])
    score_level = qualifying[0] if qualifying else None
    reasons.append(_score_reason(score, thresholds, score_level, source, regime))
    gates = tuple(str(g) for g in assessment.failed_gates)
    reasons += [_gate_reason(gate) for gate in gates]

    accidents = None if record.accidents is None else _classified(record.accidents)
    later = [a for a in record.accidents or () if a.occurred_on >= as_of]
    if later:
        reasons.append(
            Reason(
                rule="standardization.grading.accidents.after_as_of",
                message=f"{len(later)}起事故发生在申请（评估）日{as_of.isoformat()}当日或之后，不在考察期内",
                inputs={"accidents": len(later)},
            )
        )
    context = _Context(as_of=as_of, lookup=lambda name: getattr(record, name), accidents=accidents)
    results, condition_reasons = _check_all(regime.conditions, context, regime, as_of)
    reasons += condition_reasons

    meeting = tuple(lv for lv in _LEVELS if all(r.outcome.holds for r in results if lv in r.levels))
    candidates = [lv for lv in qualifying if lv in meeting and not gates and lv >= level]
    reachable = candidates[0] if candidates else None
    granted = reachable is level
    needed = _needed(results, qualifying, level, reachable, gates)
    reasons.append(_conclusion(level, reachable, results, score_level, qualifying, gates, needed))

    authority = until = None
    if reachable is not None:
        rule = regime.level(reachable)
        authority = rule.authority
        reasons.append(
            Reason(
                rule=f"standardization.grading.{regime.id}.authority",
                message=f"{reachable.label}由{authority}定级（审核公告）",
                citation=rule.authority_citation,
                inputs={"level": int(reachable)},
                confidence=rule.authority_confidence,
            )
        )
        start = announced_on or as_of
        until = last_valid_day(start, regime.validity.years)
        basis = (
            "通告日期" if announced_on else "申请（评估）日（未给出通告日期，实际以通告日期为准）"
        )
        reasons.append(
            Reason(
                rule=f"standardization.grading.{regime.id}.validity",
                message=f"等级有效期{regime.validity.years}年，自{basis}{start.isoformat()}起算（当日计入），"
                f"至{until.isoformat()}止",
                citation=regime.validity.citation,
                inputs={"from": start, "valid_until": until},
                confidence=regime.validity.confidence,
            )
        )
    return GradingResult(
        regime=regime.id,
        instrument=regime.instrument,
        as_of=as_of,
        applied_level=level,
        score=score,
        thresholds={int(lv): t for lv, t in thresholds.items()},
        threshold_source=source,
        score_level=score_level,
        failed_gates=gates,
        conditions=results,
        levels_meeting_conditions=meeting,
        reachable_level=reachable,
        granted=granted,
        authority=authority,
        valid_until=until,
        needed_facts=needed,
        explanation=Explanation(reasons=tuple(reasons)),
    )


def _check_all(
    conditions: Iterable[GradingCondition], context: _Context, regime: GradingRegime, on: date
) -> tuple[tuple[ConditionResult, ...], list[Reason]]:
    results = []
    reasons = []
    for condition in conditions:
        finding = _evaluate(condition, context)
        outcome = _outcome(finding)
        confidence = condition.confidence
        if finding.unverified:
            confidence = Confidence.UNVERIFIED
        result = ConditionResult(
            id=condition.id,
            text=condition.text,
            levels=condition.levels,
            outcome=outcome,
            detail=finding.detail,
            citation=condition.citation,
            confidence=confidence,
            missing_facts=finding.missing,
        )
        results.append(result)
        reasons.append(_condition_reason(regime, condition, result, finding.inputs))
        if outcome is not ConditionOutcome.NOT_APPLICABLE:
            reasons += [_caveat_reason(condition.id, c) for c in condition.caveats if c.applies(on)]
    return tuple(results), reasons


def _outcome(finding: _Finding) -> ConditionOutcome:
    if not finding.applicable:
        return ConditionOutcome.NOT_APPLICABLE
    if finding.breached is None:
        return ConditionOutcome.UNKNOWN
    return ConditionOutcome.NOT_MET if finding.breached else ConditionOutcome.MET


def _condition_reason(
    regime: GradingRegime,
    condition: GradingCondition,
    result: ConditionResult,
    inputs: Mapping[str, InputValue],
) -> Reason:
    """The reason recording one condition's outcome (条件判定理由)."""
    levels = "、".join(lv.label for lv in condition.levels)
    message = f"{levels}条件“{condition.text}”：{result.detail}；{result.outcome.value}"
    if result.missing_facts:
        message += f"，需提供：{'、'.join(result.missing_facts)}"
    return Reason(
        rule=f"standardization.grading.{regime.id}.{condition.id}",
        message=message,
        citation=condition.citation,
        inputs=dict(inputs),
        confidence=result.confidence,
    )


def _needed(
    results: Iterable[ConditionResult],
    qualifying: tuple[StandardizationLevel, ...],
    applied: StandardizationLevel,
    reachable: StandardizationLevel | None,
    gates: tuple[str, ...],
) -> tuple[str, ...]:
    # Facts whose absence left a better level (up to the one applied for) undecided.
    if gates:
        return ()
    better = [lv for lv in qualifying if lv >= applied and (reachable is None or lv < reachable)]
    needed: list[str] = []
    for lv in better:
        relevant = [r for r in results if lv in r.levels]
        if any(r.outcome is ConditionOutcome.NOT_MET for r in relevant):
            continue
        for r in relevant:
            for name in r.missing_facts:
                if name not in needed:
                    needed.append(name)
    return tuple(needed)


def _conclusion(
    applied: StandardizationLevel,
    reachable: StandardizationLevel | None,
    results: tuple[ConditionResult, ...],
    score_level: StandardizationLevel | None,
    qualifying: tuple[StandardizationLevel, ...],
    gates: tuple[str, ...],
    needed: tuple[str, ...],
) -> Reason:
    if reachable is applied:
        message = f"申请{applied.label}：分数和申请条件均符合，予以{applied.label}"
    else:
        why = []
        if gates:
            why.append("必备条件/否决项未满足")
        elif applied not in qualifying:
            why.append(f"得分未达到{applied.label}分数线")
        else:
            failed = [
                r.id
                for r in results
                if applied in r.levels and r.outcome is ConditionOutcome.NOT_MET
            ]
            unknown = [
                r.id
                for r in results
                if applied in r.levels and r.outcome is ConditionOutcome.UNKNOWN
            ]
            if failed:
                why.append(f"{applied.label}条件不符合（{'、'.join(failed)}）")
            if unknown:
                why.append(f"{applied.label}条件事实不明（{'、'.join(unknown)}）")
        outcome = f"可达到{reachable.label}" if reachable else "不能定级"
        message = f"申请{applied.label}未获通过：{'；'.join(why)}；{outcome}"
        if needed:
            message += f"。需补充的事实：{'、'.join(needed)}"
    return Reason(
        rule="standardization.grading.conclusion",
        message=message,
        inputs={
            "applied_level": int(applied),
            "score_level": int(score_level) if score_level else None,
            "reachable_level": int(reachable) if reachable else None,
        },
        confidence=Confidence.weakest(
            [r.confidence for r in results if r.outcome is not ConditionOutcome.NOT_APPLICABLE]
        ),
    )


def _regime_reason(regime: GradingRegime, on: date) -> Reason:
    source = instrument(regime.instrument)
    end = f"至{(regime.end - timedelta(days=1)).isoformat()}" if regime.end else "起"
    return Reason(
        rule=f"standardization.grading.{regime.id}",
        message=f"{on.isoformat()}适用{regime.name}（{regime.start.isoformat()}{end}）",
        citation=Citation(instrument=source.id),
        inputs={"as_of": on},
        confidence=regime.period_confidence,
    )


def _caveat_reason(rule: str, caveat: Caveat) -> Reason:
    return Reason(
        rule=f"standardization.grading.{rule}.caveat",
        message=caveat.text,
        citation=caveat.citation,
        confidence=caveat.confidence,
    )


def _gate_reason(gate: str) -> Reason:
    return Reason(
        rule="standardization.grading.gate",
        message=f"评分标准的必备条件/否决项未满足：{gate}；不予定级（任何等级）",
        inputs={"gate": gate},
        confidence=Confidence.SECONDARY,
    )


def _thresholds(
    given: Mapping[int, Decimal] | None, regime: GradingRegime
) -> tuple[dict[StandardizationLevel, Decimal], ThresholdSource, Reason]:
    own = {rule.level: rule.threshold for rule in regime.levels}
    checked = None if given is None else _check_thresholds(given)
    listed = "、".join(f"{lv.label}{_number(t)}分" for lv, t in own.items())
    rule_id = f"standardization.grading.{regime.id}.thresholds"
    weakest = Confidence.weakest([rule.threshold_confidence for rule in regime.levels])
    if regime.thresholds_binding:
        message = f"分数线由{regime.name}规定：{listed}（以上，含本数）"
        if checked is not None and checked != own:
            message += "；评分标准另列的分数线不适用"
        reason = Reason(
            rule=rule_id,
            message=message,
            citation=Citation(instrument=regime.instrument, note="各级分数线"),
            inputs={f"threshold_{int(lv)}": t for lv, t in own.items()},
            confidence=weakest,
        )
        return own, ThresholdSource.REGIME, reason
    if checked is not None:
        shown = "、".join(f"{lv.label}{_number(t)}分" for lv, t in checked.items())
        reason = Reason(
            rule=rule_id,
            message=f"{regime.name}本身不规定分数线，按评分（定级）标准规定的分数线：{shown}（以上，含本数）",
            citation=Citation(instrument=regime.instrument, note="分数线由行业定级标准规定"),
            inputs={f"threshold_{int(lv)}": t for lv, t in checked.items()},
            confidence=Confidence.UNVERIFIED,
        )
        return checked, ThresholdSource.STANDARD, reason
    reason = Reason(
        rule=rule_id,
        message=f"{regime.name}本身不规定分数线，评分标准也未给出；按通行缺省分数线（2011年考评办法的分档）："
        f"{listed}（以上，含本数）",
        citation=regime.levels[0].threshold_citation,
        inputs={f"threshold_{int(lv)}": t for lv, t in own.items()},
        confidence=weakest,
    )
    return own, ThresholdSource.COMMON_DEFAULT, reason


def _check_thresholds(given: Mapping[int, Decimal]) -> dict[StandardizationLevel, Decimal]:
    if not given:
        raise InvalidInput("thresholds", given, "分数线不能为空；评分标准未规定时应为 None")
    checked: dict[StandardizationLevel, Decimal] = {}
    for key, value in given.items():
        if isinstance(key, bool) or key not in (1, 2, 3):
            raise InvalidInput("thresholds", dict(given), f"等级 {key!r} 不是 1、2、3 之一")
        checked[StandardizationLevel(key)] = _score(value, "thresholds")
    ordered = sorted(checked.items())
    for (higher, upper), (lower, below) in pairwise(ordered):
        if below >= upper:
            raise InvalidInput(
                "thresholds",
                dict(given),
                f"{lower.label}分数线须低于{higher.label}分数线",
            )
    return dict(ordered)


def _score_reason(
    score: Decimal,
    thresholds: Mapping[StandardizationLevel, Decimal],
    level: StandardizationLevel | None,
    source: ThresholdSource,
    regime: GradingRegime,
) -> Reason:
    if level is None:
        lowest = max(thresholds)
        message = f"得分{_number(score)}分，低于{lowest.label}分数线{_number(thresholds[lowest])}分，分数不够任何等级"
    else:
        message = f"得分{_number(score)}分，达到{level.label}分数线{_number(thresholds[level])}分"
    return Reason(
        rule=f"standardization.grading.{regime.id}.score_level",
        message=message,
        inputs={"score": score, "score_level": int(level) if level else None},
        confidence=Confidence.OFFICIAL,
    )


def _score(value: object, field: str = "score") -> Decimal:
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise InvalidInput(field, value, "分数必须是 Decimal 或整数（不接受浮点数）")
    number = Decimal(value)
    if not number.is_finite() or not 0 <= number <= _HUNDRED:
        raise InvalidInput(field, value, "分数必须在0到100之间")
    return number


def _applied(value: object) -> StandardizationLevel:
    if isinstance(value, bool) or not isinstance(value, int) or value not in (1, 2, 3):
        raise InvalidInput("applied_level", value, "申请等级必须是一级、二级或三级（1、2、3）")
    return StandardizationLevel(value)


def _facts_not_after(record: GradingRecord, as_of: date) -> None:
    for name in ("last_failed_application_notified_on", "last_revoked_on", "current_level_since"):
        value = getattr(record, name)
        if isinstance(value, date) and value > as_of:
            raise InvalidInput(name, value, f"不能晚于申请（评估）日 {as_of.isoformat()}")
