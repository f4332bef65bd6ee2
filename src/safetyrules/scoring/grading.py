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

Each part has its own module: the facts checked (:mod:`~safetyrules.scoring.grading_record`),
the levels (:mod:`~safetyrules.scoring.level`), a regime as data
(:mod:`~safetyrules.scoring.grading_rules`) and the shipped regimes
(:mod:`~safetyrules.scoring.grading_data`), the score thresholds
(:mod:`~safetyrules.scoring.thresholds`), the checking of conditions
(:mod:`~safetyrules.scoring.conditions`) and the validity of a level
(:mod:`~safetyrules.scoring.validity`).

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

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import Protocol, runtime_checkable

from pydantic import BaseModel, ConfigDict, Field

from safetyrules import checks
from safetyrules.errors import InvalidInput
from safetyrules.law.confidence import Confidence
from safetyrules.law.reason import Explanation, Reason
from safetyrules.scoring._points import Points, checked_score
from safetyrules.scoring.conditions import ConditionOutcome as ConditionOutcome
from safetyrules.scoring.conditions import ConditionResult as ConditionResult
from safetyrules.scoring.conditions import Context, check_all, classified
from safetyrules.scoring.grading_data import DATA_FILE as DATA_FILE
from safetyrules.scoring.grading_data import grading_regime as grading_regime
from safetyrules.scoring.grading_data import grading_regimes as grading_regimes
from safetyrules.scoring.grading_data import read_grading_regimes as read_grading_regimes
from safetyrules.scoring.grading_record import NEVER as NEVER
from safetyrules.scoring.grading_record import EnterpriseKind as EnterpriseKind
from safetyrules.scoring.grading_record import GradingRecord as GradingRecord
from safetyrules.scoring.grading_record import GroupMember as GroupMember
from safetyrules.scoring.grading_record import Never as Never
from safetyrules.scoring.grading_rules import AccidentMeasure as AccidentMeasure
from safetyrules.scoring.grading_rules import AccidentWindow as AccidentWindow
from safetyrules.scoring.grading_rules import Applicability as Applicability
from safetyrules.scoring.grading_rules import Caveat as Caveat
from safetyrules.scoring.grading_rules import CheckKind as CheckKind
from safetyrules.scoring.grading_rules import GradingCondition as GradingCondition
from safetyrules.scoring.grading_rules import GradingRegime as GradingRegime
from safetyrules.scoring.grading_rules import LevelRule as LevelRule
from safetyrules.scoring.grading_rules import Validity as Validity
from safetyrules.scoring.grading_rules import caveat_reason, regime_reason
from safetyrules.scoring.level import LEVELS, checked_level
from safetyrules.scoring.level import StandardizationLevel as StandardizationLevel
from safetyrules.scoring.thresholds import ThresholdSource as ThresholdSource
from safetyrules.scoring.thresholds import applicable_thresholds, score_reason
from safetyrules.scoring.validity import last_valid_day as last_valid_day
from safetyrules.scoring.validity import valid_until as valid_until

# The parts of grading live in their own modules; their public names are imported above as
# themselves (``X as X``) so that they can be imported from here too.
__all__ = ["GradingResult", "ScoreSummary", "ScoredAssessment", "grade"]


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


class ScoreSummary(BaseModel):
    """A score obtained elsewhere, in the shape grading needs (评分结果摘要).

    Any object with ``score``, ``thresholds`` and ``failed_gates`` will do (see
    :class:`ScoredAssessment`); this one is for callers with only the numbers.

    >>> ScoreSummary(score="91.5", thresholds={1: 90, 2: 75, 3: 60}).thresholds[1]
    Decimal('90')
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    score: Points = Field(description="标准化得分（百分制）")
    thresholds: dict[int, Decimal] | None = Field(
        default=None, description="评分标准规定的各级分数线；未规定为 None"
    )
    failed_gates: tuple[str, ...] = Field(default=(), description="未满足的必备条件或否决项")


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
    level = checked_level(applied_level)
    if not isinstance(record, GradingRecord):
        raise InvalidInput("record", record, "必须是 GradingRecord")
    _facts_not_after(record, as_of)
    if announced_on is not None:
        announced_on = checks.day("announced_on", announced_on)
        if announced_on < as_of:
            raise InvalidInput("announced_on", announced_on, "通告日期不能早于申请（评估）日")
    regime = grading_regime(as_of)
    score = checked_score(assessment.score)
    reasons = [regime_reason(regime, as_of)]
    reasons += [caveat_reason(regime.id, c) for c in regime.caveats if c.applies(as_of)]
    thresholds, source, threshold_reason = applicable_thresholds(assessment.thresholds, regime)
    reasons.append(threshold_reason)
    qualifying = tuple(lv for lv in LEVELS if lv in thresholds and score >= thresholds[lv])
    score_level = qualifying[0] if qualifying else None
    reasons.append(score_reason(score, thresholds, score_level, source, regime))
    gates = tuple(str(g) for g in assessment.failed_gates)
    reasons += [_gate_reason(gate) for gate in gates]

    accidents = None if record.accidents is None else classified(record.accidents)
    later = [a for a in record.accidents or () if a.occurred_on >= as_of]
    if later:
        reasons.append(
            Reason(
                rule="standardization.grading.accidents.after_as_of",
                message=f"{len(later)}起事故发生在申请（评估）日{as_of.isoformat()}当日或之后，不在考察期内",
                inputs={"accidents": len(later)},
            )
        )
    context = Context(as_of=as_of, lookup=lambda name: getattr(record, name), accidents=accidents)
    results, condition_reasons = check_all(regime.conditions, context, regime, as_of)
    reasons += condition_reasons

    meeting = tuple(lv for lv in LEVELS if all(r.outcome.holds for r in results if lv in r.levels))
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


def _gate_reason(gate: str) -> Reason:
    return Reason(
        rule="standardization.grading.gate",
        message=f"评分标准的必备条件/否决项未满足：{gate}；不予定级（任何等级）",
        inputs={"gate": gate},
        confidence=Confidence.SECONDARY,
    )


def _facts_not_after(record: GradingRecord, as_of: date) -> None:
    for name in ("last_failed_application_notified_on", "last_revoked_on", "current_level_since"):
        value = getattr(record, name)
        if isinstance(value, date) and value > as_of:
            raise InvalidInput(name, value, f"不能晚于申请（评估）日 {as_of.isoformat()}")
