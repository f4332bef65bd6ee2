"""Supplementary reports and re-grading (事故补报和等级变化).

《生产安全事故报告和调查处理条例》（国务院令第493号）:

- 第十三条第二款: if the number of casualties changes within 30 days of the accident — 7 days
  for 道路交通事故 and 火灾事故 — it is reported again promptly (及时补报). 第十三条第一款: any
  other new circumstance after the report is also reported promptly, with no period set.
- 第二十条第二款: if within the same period a change in casualties changes the grade so that a
  higher government is responsible for the investigation under the regulation, that government
  may form its own investigation team.

Periods are counted with the starting day not counted (see :mod:`safetyrules.accidents.deadline`).

>>> from datetime import date
>>> supplementary_report_deadline(date(2024, 1, 31)).last_day
datetime.date(2024, 3, 1)
>>> supplementary_report_deadline(date(2024, 2, 25), AccidentKind.FIRE).last_day
datetime.date(2024, 3, 3)
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import Enum

from pydantic import BaseModel, ConfigDict

from safetyrules import checks
from safetyrules.accidents import _rules
from safetyrules.accidents.deadline import Deadline, last_day
from safetyrules.accidents.grade import AccidentClassification, classify
from safetyrules.accidents.investigation import InvestigationLevel, investigation_level
from safetyrules.errors import InvalidInput
from safetyrules.law.confidence import Confidence
from safetyrules.law.reason import Explanation, Reason


class AccidentKind(Enum):
    """Kinds of accident with their own supplementary-report period (补报期间的事故类型).

    >>> AccidentKind.ROAD_TRAFFIC.value
    '道路交通事故'
    """

    OTHER = "其他生产安全事故"
    ROAD_TRAFFIC = "道路交通事故"
    FIRE = "火灾事故"

    @property
    def short_period(self) -> bool:
        """Whether the 7-day period of 第十三条第二款 and 第二十条第二款 applies."""
        return self is not AccidentKind.OTHER


def _window(rule: str, occurred_on: date, kind: AccidentKind) -> tuple[int, Reason]:
    suffix = "_road_traffic_fire" if kind.short_period else ""
    entry = _rules.entry(f"{rule}{suffix}", occurred_on)
    counting = _rules.entry("accident.deadline.day_counting", occurred_on)
    reason = Reason(
        rule=rule,
        message=f"{kind.value}自事故发生之日起{entry.value}日内（{counting.value}）",
        citation=entry.citation,
        inputs={"occurred_on": occurred_on, "kind": kind.value},
        confidence=Confidence.weakest([entry.confidence, counting.confidence]),
    )
    return entry.value, reason


def supplementary_report_deadline(
    occurred_on: date, kind: AccidentKind = AccidentKind.OTHER
) -> Deadline:
    """The last day on which a change in casualties must be reported again (伤亡人数变化补报期间).

    30 days from the accident, 7 for 道路交通事故 and 火灾事故 (第十三条第二款).

    >>> supplementary_report_deadline(date(2023, 12, 28), AccidentKind.ROAD_TRAFFIC).last_day
    datetime.date(2024, 1, 4)
    """
    occurred_on = checks.day("occurred_on", occurred_on)
    if not isinstance(kind, AccidentKind):
        raise InvalidInput("kind", kind, "必须是 AccidentKind")
    _rules.require_regulation(occurred_on)
    days, reason = _window("accident.supplementary.days", occurred_on, kind)
    end = last_day(occurred_on, days=days)
    reason = reason.model_copy(
        update={
            "message": reason.message
            + f"伤亡人数发生变化的，应当及时补报；期间至{end.isoformat()}止"
        }
    )
    return Deadline(
        label="伤亡人数变化补报期间",
        start=occurred_on,
        days=days,
        last_day=end,
        explanation=Explanation(reasons=(reason,)),
    )


class Regrading(BaseModel):
    """The effect of new casualty or loss figures (伤亡人数变化后的重新定级).

    ``must_report_again``: the casualties changed within the period of 第十三条第二款.
    ``higher_level_may_investigate``: within the period of 第二十条第二款 the change in casualties
    moved the investigation to a higher government, which may form its own team.

    >>> first = classify(serious_injuries=9, occurred_on=date(2024, 1, 1))
    >>> r = regrade(first, serious_injuries=10, changed_on=date(2024, 1, 20))
    >>> r.grade_changed, r.investigation_before.value, r.investigation_after.value
    (True, '县级人民政府', '设区的市级人民政府')
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    before: AccidentClassification
    after: AccidentClassification
    kind: AccidentKind
    occurred_on: date
    changed_on: date
    within_period: bool
    casualties_changed: bool
    must_report_again: bool
    grade_changed: bool
    investigation_before: InvestigationLevel
    investigation_after: InvestigationLevel
    higher_level_may_investigate: bool
    explanation: Explanation


def regrade(
    before: AccidentClassification,
    *,
    changed_on: date,
    deaths: int | None = None,
    missing: int | None = None,
    serious_injuries: int | None = None,
    direct_economic_loss: Decimal | int | None = None,
    kind: AccidentKind = AccidentKind.OTHER,
    occurred_on: date | None = None,
) -> Regrading:
    """Re-grade an accident with new figures (重新定级) and say what follows.

    Figures left as None keep their earlier value. ``occurred_on`` defaults to the earlier
    classification's date; one of them is needed. ``changed_on`` is the day the new figures
    became known.

    >>> from datetime import date
    >>> first = classify(deaths=2, serious_injuries=5, occurred_on=date(2024, 3, 10))
    >>> r = regrade(first, deaths=3, changed_on=date(2024, 4, 9))
    >>> r.after.grade.value, r.must_report_again, r.investigation_after.value
    ('较大事故', True, '设区的市级人民政府')
    >>> r.higher_level_may_investigate
    True
    >>> regrade(first, deaths=3, changed_on=date(2024, 4, 10)).higher_level_may_investigate
    False
    """
    if not isinstance(before, AccidentClassification):
        raise InvalidInput("before", before, "必须是 AccidentClassification")
    start = occurred_on if occurred_on is not None else before.occurred_on
    if start is None:
        raise InvalidInput("occurred_on", None, "需要事故发生日期以计算补报期间")
    start = checks.day("occurred_on", start)
    changed_on = checks.day("changed_on", changed_on)
    if changed_on < start:
        raise InvalidInput("changed_on", changed_on, "不能早于事故发生日期")
    if not isinstance(kind, AccidentKind):
        raise InvalidInput("kind", kind, "必须是 AccidentKind")
    new_deaths = before.deaths if deaths is None else deaths
    new_missing = before.missing if missing is None else missing
    new_injuries = before.serious_injuries if serious_injuries is None else serious_injuries
    new_loss = before.direct_economic_loss if direct_economic_loss is None else direct_economic_loss
    after = classify(new_deaths, new_injuries, new_loss, missing=new_missing, occurred_on=start)
    # 第二十条第二款 speaks of a grade change caused by casualties: grade the new casualties
    # with the earlier loss.
    by_casualties = classify(
        new_deaths,
        new_injuries,
        before.direct_economic_loss,
        missing=new_missing,
        occurred_on=start,
    )
    casualties_changed = (after.deaths, after.missing, after.serious_injuries) != (
        before.deaths,
        before.missing,
        before.serious_injuries,
    )
    report_days, report_reason = _window("accident.supplementary.days", start, kind)
    change_days, change_reason = _window("accident.grade_change.days", start, kind)
    in_report_period = changed_on <= last_day(start, days=report_days)
    in_change_period = changed_on <= last_day(start, days=change_days)
    level_before = investigation_level(before.grade, start)
    level_after = investigation_level(after.grade, start)
    level_by_casualties = investigation_level(by_casualties.grade, start)
    must_report = casualties_changed and in_report_period
    higher_may = in_change_period and casualties_changed and level_by_casualties > level_before

    reasons = [
        Reason(
            rule="accident.regrade",
            message=f"按新的数据重新定级：{before.grade.value}→{after.grade.value}",
            inputs={"before": before.grade.value, "after": after.grade.value},
            confidence=after.explanation.reasons[-1].confidence,
        )
    ]
    if casualties_changed:
        verb = "应当及时补报" if must_report else "已超过该期间，不适用该款的补报规定"
        reasons.append(
            report_reason.model_copy(
                update={
                    "message": report_reason.message
                    + f"伤亡人数发生变化的，应当及时补报；本次变化于{changed_on.isoformat()}，{verb}"
                }
            )
        )
    if after.grade is not before.grade and casualties_changed:
        if higher_may:
            tail = f"等级变化后应由{level_by_casualties.value}负责调查，上级人民政府可以另行组织事故调查组进行调查"
        elif not in_change_period:
            tail = "等级变化发生在该期间之后，不适用该款"
        else:
            tail = "等级变化未使负责调查的人民政府升级"
        reasons.append(
            change_reason.model_copy(
                update={
                    "message": change_reason.message
                    + "因伤亡人数变化导致事故等级发生变化的，"
                    + tail
                }
            )
        )
    return Regrading(
        before=before,
        after=after,
        kind=kind,
        occurred_on=start,
        changed_on=changed_on,
        within_period=in_report_period,
        casualties_changed=casualties_changed,
        must_report_again=must_report,
        grade_changed=after.grade is not before.grade,
        investigation_before=level_before,
        investigation_after=level_after,
        higher_level_may_investigate=higher_may,
        explanation=Explanation(reasons=tuple(reasons)),
    )
