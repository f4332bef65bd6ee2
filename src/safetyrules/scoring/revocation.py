"""Revocation (撤销) of a standardization level, and re-application without review (免评审复核),
under the 2021《企业安全生产标准化建设定级办法》(应急〔2021〕83号).

The original 定级部门 revokes a level, with a 公告, when a trigger occurs. Three triggers are
stated in a 2025 provincial 通告 (secondary): a fatal accident, a 重大事故隐患 not rectified
within the set period, and the 标准化管理体系 not run continuously and effectively. The others
(accidents in 12 consecutive months totalling ≥3 serious injuries or ≥1,000,000 元, a major
adverse social event, 瞒报谎报迟报漏报, the 失信 list, false material, a licence lost or the
industry left) are unverified and flagged. Accidents considered are those from the day the level
was announced (``granted_on``) to ``as_of``, both included.

On re-applying for the same level near expiry, the level is confirmed and goes straight to
公示 and 公告 when the conditions hold (the mechanism secondary, every threshold unverified).

Data: the ``revocation_trigger`` and ``reapplication_condition`` tables of
``safetyrules/data/scoring/grading.toml``.

>>> from datetime import date
>>> from safetyrules.accidents.record import AccidentRecord
>>> fatal = AccidentRecord(occurred_on=date(2024, 5, 3), summary="高处坠落", deaths=1)
>>> r = revocation_check(GradingRecord(accidents=(fatal,)), level=2,
...                      granted_on=date(2023, 1, 10), as_of=date(2024, 6, 1))
>>> r.revoked, r.fired
(True, ('fatal-accident',))
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from safetyrules import checks
from safetyrules.errors import InvalidInput, NotInForce
from safetyrules.law.citation import Citation
from safetyrules.law.confidence import Confidence
from safetyrules.law.reason import Explanation, Reason
from safetyrules.scoring.conditions import (
    ConditionOutcome,
    ConditionResult,
    Context,
    check_all,
    classified,
    evaluate,
)
from safetyrules.scoring.grading_data import grading_regime, grading_regimes
from safetyrules.scoring.grading_record import GradingRecord
from safetyrules.scoring.grading_record import ReapplicationEvents as ReapplicationEvents
from safetyrules.scoring.grading_record import RevocationEvents as RevocationEvents
from safetyrules.scoring.grading_rules import GradingRegime, caveat_reason, regime_reason
from safetyrules.scoring.level import StandardizationLevel, checked_level
from safetyrules.scoring.validity import last_valid_day

# The events models live with the other facts in grading_record; they are imported above as
# themselves (``X as X``) so that they can be imported from here too.
__all__ = [
    "ReapplicationResult",
    "RevocationResult",
    "TriggerOutcome",
    "TriggerResult",
    "reapplication_without_review",
    "revocation_check",
]


class TriggerOutcome(StrEnum):
    """Whether a revocation trigger occurred (撤销情形判定结果).

    >>> TriggerOutcome.FIRED.value
    '已触发'
    """

    FIRED = "已触发"
    NOT_FIRED = "未触发"
    UNKNOWN = "事实不明"


class TriggerResult(BaseModel):
    """One revocation trigger checked against the facts (撤销情形判定).

    >>> r = revocation_check(GradingRecord(), level=3, granted_on=date(2023, 1, 10),
    ...                      as_of=date(2024, 6, 1))
    >>> t = r.triggers[0]
    >>> t.id, t.outcome.value, t.missing_facts, t.confidence.value
    ('fatal-accident', '事实不明', ('accidents',), 'secondary')
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    text: str
    outcome: TriggerOutcome
    detail: str
    citation: Citation
    confidence: Confidence
    missing_facts: tuple[str, ...] = ()


class RevocationResult(BaseModel):
    """Whether a level is revoked (撤销等级判定) and why.

    ``revoked`` is True when any trigger fired, False when none did and all were decided, and
    None when none fired but some lacked facts (``needed_facts`` names them). ``authority`` is
    the 定级部门 of the level, which revokes it.

    >>> r = revocation_check(GradingRecord(accidents=()), level=1, granted_on=date(2023, 1, 10),
    ...                      as_of=date(2024, 6, 1), events=RevocationEvents(false_material=False))
    >>> r.revoked, r.authority
    (None, '应急管理部')
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    regime: str
    level: StandardizationLevel
    granted_on: date
    as_of: date
    revoked: bool | None
    triggers: tuple[TriggerResult, ...]
    authority: str
    needed_facts: tuple[str, ...]
    explanation: Explanation

    @property
    def fired(self) -> tuple[str, ...]:
        """The ids of the triggers that fired."""
        return tuple(t.id for t in self.triggers if t.outcome is TriggerOutcome.FIRED)

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """The reasons behind the result, in order."""
        return self.explanation.reasons

    @property
    def unverified(self) -> bool:
        """Whether the result rests on an unverified rule."""
        return self.explanation.unverified


def revocation_check(
    record: GradingRecord,
    *,
    level: StandardizationLevel | int,
    granted_on: date,
    as_of: date,
    events: RevocationEvents | None = None,
) -> RevocationResult:
    """Check whether a level granted on ``granted_on`` is to be revoked (撤销标准化等级).

    ``granted_on`` is the 通告 date of the level; accidents from that day to ``as_of`` (both
    included) count, earlier and later ones do not. "12 consecutive months" is any window
    ``[d, d + 12 months)``. Missing persons count with deaths, as the accidents module does.
    A date before the 2021 办法 raises :class:`~safetyrules.errors.NotInForce`.

    >>> r = revocation_check(GradingRecord(accidents=(), on_serious_dishonesty_list=False),
    ...                      level=2, granted_on=date(2023, 1, 10), as_of=date(2024, 6, 1),
    ...                      events=RevocationEvents(major_hazard_overdue=True))
    >>> r.revoked, r.fired
    (True, ('major-hazard-overdue',))
    """
    as_of = checks.day("as_of", as_of)
    granted_on = checks.day("granted_on", granted_on)
    chosen = checked_level(level)
    if not isinstance(record, GradingRecord):
        raise InvalidInput("record", record, "必须是 GradingRecord")
    if granted_on > as_of:
        raise InvalidInput("granted_on", granted_on, f"不能晚于评估日 {as_of.isoformat()}")
    events = events if events is not None else RevocationEvents()
    regime = _regime_with(as_of, "revocation_triggers", "撤销情形")
    reasons = [regime_reason(regime, as_of)]
    reasons += _accident_scope(record, granted_on, as_of)
    context = _context(record, events, as_of, granted_on)
    results = []
    for trigger in regime.revocation_triggers:
        finding = evaluate(trigger, context)
        outcome = (
            TriggerOutcome.UNKNOWN
            if finding.breached is None
            else TriggerOutcome.FIRED
            if finding.breached
            else TriggerOutcome.NOT_FIRED
        )
        confidence = Confidence.UNVERIFIED if finding.unverified else trigger.confidence
        result = TriggerResult(
            id=trigger.id,
            text=trigger.text,
            outcome=outcome,
            detail=finding.detail,
            citation=trigger.citation,
            confidence=confidence,
            missing_facts=finding.missing,
        )
        results.append(result)
        message = f"撤销情形“{trigger.text}”：{finding.detail}；{outcome.value}"
        if finding.missing:
            message += f"，需提供：{'、'.join(finding.missing)}"
        reasons.append(
            Reason(
                rule=f"standardization.revocation.{regime.id}.{trigger.id}",
                message=message,
                citation=trigger.citation,
                inputs=dict(finding.inputs),
                confidence=confidence,
            )
        )
        reasons += [caveat_reason(trigger.id, c) for c in trigger.caveats if c.applies(as_of)]
    fired = [r for r in results if r.outcome is TriggerOutcome.FIRED]
    unknown = [r for r in results if r.outcome is TriggerOutcome.UNKNOWN]
    revoked = True if fired else None if unknown else False
    needed = () if fired else _facts(r.missing_facts for r in unknown)
    authority = regime.level(chosen).authority
    if fired:
        message = f"{chosen.label}等级应由原定级部门（{authority}）撤销并公告：{'、'.join(r.id for r in fired)}"
    elif unknown:
        message = f"未发现已触发的撤销情形，但{len(unknown)}项事实不明，需提供：{'、'.join(needed)}"
    else:
        message = f"未触发任何撤销情形，{chosen.label}等级继续有效"
    reasons.append(
        Reason(
            rule=f"standardization.revocation.{regime.id}.conclusion",
            message=message,
            citation=regime.level(chosen).authority_citation,
            inputs={"level": int(chosen), "revoked": revoked},
            confidence=Confidence.weakest(
                [r.confidence for r in (fired or results)]
                + [regime.level(chosen).authority_confidence]
            ),
        )
    )
    return RevocationResult(
        regime=regime.id,
        level=chosen,
        granted_on=granted_on,
        as_of=as_of,
        revoked=revoked,
        triggers=tuple(results),
        authority=authority,
        needed_facts=needed,
        explanation=Explanation(reasons=tuple(reasons)),
    )


class ReapplicationResult(BaseModel):
    """Whether a re-application for the same level goes straight to 公示 and 公告 without a
    new review (申请同一等级免于评审).

    ``eligible`` is True when every condition of the level holds, False when one fails, None
    when none fails but facts are missing (``needed_facts``).

    >>> r = reapplication_without_review(GradingRecord(accidents=()), level=2,
    ...     granted_on=date(2021, 12, 20), as_of=date(2024, 11, 1),
    ...     events=ReapplicationEvents(major_social_event=False, rules_revised=False,
    ...                                major_change=False, self_assessment_submitted=True))
    >>> r.eligible, r.valid_until
    (True, datetime.date(2024, 12, 19))
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    regime: str
    level: StandardizationLevel
    granted_on: date
    as_of: date
    valid_until: date
    eligible: bool | None
    conditions: tuple[ConditionResult, ...]
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


def reapplication_without_review(
    record: GradingRecord,
    *,
    level: StandardizationLevel | int,
    granted_on: date,
    as_of: date,
    events: ReapplicationEvents | None = None,
) -> ReapplicationResult:
    """Check re-application for the same level without a new review (复核：直接予以公示和公告).

    ``granted_on`` is the 通告 date of the current level; its validity ends on
    :func:`~safetyrules.scoring.validity.last_valid_day`. ``as_of`` is the date of the new
    application, which must fall in the last 3 months of the validity. Accidents from
    ``granted_on`` to ``as_of`` (both included) are totalled over the whole period.

    >>> from safetyrules.accidents.record import AccidentRecord
    >>> hurt = AccidentRecord(occurred_on=date(2023, 4, 2), summary="机械伤害", serious_injuries=4)
    >>> events = ReapplicationEvents(major_social_event=False, rules_revised=False,
    ...                              major_change=False, self_assessment_submitted=True)
    >>> for lv in (1, 3):
    ...     r = reapplication_without_review(GradingRecord(accidents=(hurt,)), level=lv,
    ...         granted_on=date(2021, 12, 20), as_of=date(2024, 11, 1), events=events)
    ...     print(lv, r.eligible)
    1 False
    3 True
    """
    as_of = checks.day("as_of", as_of)
    granted_on = checks.day("granted_on", granted_on)
    chosen = checked_level(level)
    if not isinstance(record, GradingRecord):
        raise InvalidInput("record", record, "必须是 GradingRecord")
    if granted_on > as_of:
        raise InvalidInput("granted_on", granted_on, f"不能晚于申请日 {as_of.isoformat()}")
    events = events if events is not None else ReapplicationEvents()
    regime = _regime_with(as_of, "reapplication_conditions", "免评审复核")
    granted_regime = next((r for r in grading_regimes() if r.in_force(granted_on)), regime)
    until = last_valid_day(granted_on, granted_regime.validity.years)
    reasons = [regime_reason(regime, as_of)]
    reasons.append(
        Reason(
            rule=f"standardization.reapplication.{regime.id}.validity",
            message=f"现有{chosen.label}等级自{granted_on.isoformat()}通告，有效期至{until.isoformat()}",
            citation=granted_regime.validity.citation,
            inputs={"granted_on": granted_on, "valid_until": until},
            confidence=granted_regime.validity.confidence,
        )
    )
    reasons += _accident_scope(record, granted_on, as_of)
    context = _context(record, events, as_of, granted_on, until)
    relevant = [c for c in regime.reapplication_conditions if chosen in c.levels]
    results, condition_reasons = check_all(relevant, context, regime, as_of)
    reasons += condition_reasons
    failed = [r for r in results if r.outcome is ConditionOutcome.NOT_MET]
    unknown = [r for r in results if r.outcome is ConditionOutcome.UNKNOWN]
    eligible = False if failed else None if unknown else True
    needed = () if failed else _facts(r.missing_facts for r in unknown)
    if failed:
        message = f"不符合免于评审的条件（{'、'.join(r.id for r in failed)}），须重新评审"
    elif unknown:
        message = f"未发现不符合的条件，但{len(unknown)}项事实不明，需提供：{'、'.join(needed)}"
    else:
        message = f"符合条件，{chosen.label}等级由定级部门确认后直接予以公示和公告"
    reasons.append(
        Reason(
            rule=f"standardization.reapplication.{regime.id}.conclusion",
            message=message,
            citation=Citation(
                instrument=regime.instrument, note="申请同一等级，直接予以公示和公告"
            ),
            inputs={"level": int(chosen), "eligible": eligible},
            confidence=Confidence.weakest([r.confidence for r in results]),
        )
    )
    return ReapplicationResult(
        regime=regime.id,
        level=chosen,
        granted_on=granted_on,
        as_of=as_of,
        valid_until=until,
        eligible=eligible,
        conditions=results,
        needed_facts=needed,
        explanation=Explanation(reasons=tuple(reasons)),
    )


def _regime_with(as_of: date, section: str, what: str) -> GradingRegime:
    regime = grading_regime(as_of)
    if getattr(regime, section):
        return regime
    first = next((r for r in grading_regimes() if getattr(r, section)), None)
    if first is None:  # pragma: no cover - the packaged data has both sections
        raise NotInForce(regime.instrument, as_of, f"没有规定{what}的定级制度")
    raise NotInForce(first.instrument, as_of, f"{what}自 {first.start.isoformat()} 起适用")


def _context(
    record: GradingRecord,
    events: BaseModel,
    as_of: date,
    granted_on: date,
    valid_until: date | None = None,
) -> Context:
    names = set(type(events).model_fields)

    def lookup(name: str) -> object:
        return getattr(events, name) if name in names else getattr(record, name)

    return Context(
        as_of=as_of,
        lookup=lookup,
        accidents=None if record.accidents is None else classified(record.accidents),
        granted_on=granted_on,
        valid_until=valid_until,
    )


def _accident_scope(record: GradingRecord, granted_on: date, as_of: date) -> list[Reason]:
    accidents = record.accidents or ()
    before = sum(1 for a in accidents if a.occurred_on < granted_on)
    after = sum(1 for a in accidents if a.occurred_on > as_of)
    reasons = []
    if before:
        reasons.append(
            Reason(
                rule="standardization.revocation.accidents.before_granted",
                message=f"{before}起事故发生在取得等级（{granted_on.isoformat()}）之前，不计入",
                inputs={"accidents": before},
            )
        )
    if after:
        reasons.append(
            Reason(
                rule="standardization.revocation.accidents.after_as_of",
                message=f"{after}起事故发生在评估日（{as_of.isoformat()}）之后，不计入",
                inputs={"accidents": after},
            )
        )
    return reasons


def _facts(groups: Iterable[tuple[str, ...]]) -> tuple[str, ...]:
    needed: list[str] = []
    for group in groups:
        for name in group:
            if name not in needed:
                needed.append(name)
    return tuple(needed)
