"""The rules of a grading regime, as data (定级制度规则).

A regime (:class:`GradingRegime`) states, per level, the 定级部门 and the default score threshold
(:class:`LevelRule`), how long a level is valid (:class:`Validity`), and its conditions
(:class:`GradingCondition`): the application conditions (定级条件), the revocation triggers
(撤销情形) and the re-application conditions (复核免评审条件), each with its check
(:class:`CheckKind`), parameters, citation and confidence. The regimes shipped with the library
are read from ``safetyrules/data/scoring/grading.toml`` by
:mod:`~safetyrules.scoring.grading_data`.

>>> CheckKind("accidents").label, AccidentWindow.YEARS_BEFORE.label
('事故统计', '申请前若干年内')
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

import attrs

from safetyrules.accidents.grade import AccidentGrade
from safetyrules.errors import UnknownReference
from safetyrules.law.catalogue import instrument
from safetyrules.law.citation import Citation
from safetyrules.law.confidence import Confidence
from safetyrules.law.reason import Reason
from safetyrules.scoring.grading_record import EnterpriseKind
from safetyrules.scoring.level import StandardizationLevel

__all__ = [
    "AccidentMeasure",
    "AccidentWindow",
    "Applicability",
    "Caveat",
    "CheckKind",
    "GradingCondition",
    "GradingRegime",
    "LevelRule",
    "Validity",
]


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


@attrs.frozen
class Caveat:
    """A related provision shown when its instrument is in force on the date (相关提示).

    >>> from safetyrules.scoring.grading_data import grading_regime
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

    >>> from safetyrules.scoring.grading_data import grading_regime
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

    >>> from safetyrules.scoring.grading_data import grading_regime
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

    >>> from safetyrules.scoring.grading_data import grading_regime
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

    >>> from safetyrules.scoring.grading_data import grading_regime
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


def regime_reason(regime: GradingRegime, on: date) -> Reason:
    """The reason naming the grading regime (定级制度) that applies on ``on``, and its period.

    >>> from safetyrules.scoring.grading_data import grading_regime
    >>> print(regime_reason(grading_regime(date(2015, 1, 1)), date(2015, 1, 1)).message)
    2015-01-01适用冶金等工贸企业安全生产标准化考评（2011年考评办法）（2011-06-09至2021-10-31）
    """
    source = instrument(regime.instrument)
    end = f"至{(regime.end - timedelta(days=1)).isoformat()}" if regime.end else "起"
    return Reason(
        rule=f"standardization.grading.{regime.id}",
        message=f"{on.isoformat()}适用{regime.name}（{regime.start.isoformat()}{end}）",
        citation=Citation(instrument=source.id),
        inputs={"as_of": on},
        confidence=regime.period_confidence,
    )


def caveat_reason(rule: str, caveat: Caveat) -> Reason:
    """The reason showing a related provision (相关提示) of the regime or condition ``rule``.

    >>> from safetyrules.scoring.grading_data import grading_regime
    >>> regime = grading_regime(date(2026, 1, 1))
    >>> reason = caveat_reason(regime.id, regime.caveats[0])
    >>> reason.rule, reason.citation.text
    ('standardization.grading.grading-2021.caveat', '《大中型企业安全生产标准化管理体系要求》（GB/T 33000—2025）')
    """
    return Reason(
        rule=f"standardization.grading.{rule}.caveat",
        message=caveat.text,
        citation=caveat.citation,
        confidence=caveat.confidence,
    )
