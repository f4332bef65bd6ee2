"""Accident investigation and reply (事故调查和批复): who investigates and by when.

《生产安全事故报告和调查处理条例》（国务院令第493号）:

- 第十九条: 特别重大事故 — the State Council or a department it authorises; 重大、较大、一般事故 —
  the 省级、设区的市级、县级 government where the accident happened, directly or by authorising or
  entrusting a department; a 一般事故 without casualties may be entrusted by the county
  government to the unit itself (第十九条第三款).
- 第二十条第一款: a higher government may investigate an accident a lower one is responsible for.
- 第二十九条: the investigation report is due within 60 days of the accident, extendable with
  the investigating government's approval by at most 60 days; 第二十七条: technical appraisal
  time (技术鉴定) is not counted.
- 第三十二条第一款: reply (批复) within 15 days of receiving the report; 特别重大事故 30 days,
  extendable by at most 30 days.
- 《安全生产法》（2021）第八十六条第三款: within one year of the reply, the investigating
  authority evaluates whether the corrective and preventive measures were carried out.

Periods are counted as :mod:`safetyrules.accidents.deadline` explains (starting day not
counted; unverified choice).

>>> from datetime import date
>>> investigation_report_deadline(date(2024, 1, 1)).due
datetime.date(2024, 3, 1)
"""

from __future__ import annotations

from datetime import date
from enum import Enum

from pydantic import BaseModel, ConfigDict

from safetyrules import checks
from safetyrules.accidents import _rules
from safetyrules.accidents.deadline import Deadline, last_day
from safetyrules.accidents.grade import AccidentGrade
from safetyrules.errors import InvalidInput, RuleDataError
from safetyrules.law.catalogue import require_in_force
from safetyrules.law.citation import Citation
from safetyrules.law.confidence import Confidence
from safetyrules.law.reason import Explanation, Reason


class InvestigationLevel(Enum):
    """The level of government responsible for an investigation (负责事故调查的人民政府).

    Levels compare by rank: county < city < province < State Council.

    >>> InvestigationLevel.CITY < InvestigationLevel.PROVINCE
    True
    """

    COUNTY = "县级人民政府"
    CITY = "设区的市级人民政府"
    PROVINCE = "省级人民政府"
    STATE_COUNCIL = "国务院"

    @property
    def rank(self) -> int:
        """0 for the county up to 3 for the State Council."""
        return list(InvestigationLevel).index(self)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, InvestigationLevel):
            return NotImplemented
        return self.rank < other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, InvestigationLevel):
            return NotImplemented
        return self.rank > other.rank


_LEVELS = {
    "县级": InvestigationLevel.COUNTY,
    "设区的市级": InvestigationLevel.CITY,
    "省级": InvestigationLevel.PROVINCE,
    "国务院": InvestigationLevel.STATE_COUNCIL,
}


class InvestigationAuthority(BaseModel):
    """Who investigates an accident (事故调查的组织者) and what they may delegate.

    >>> a = investigating_authority(AccidentGrade.GENERAL, has_casualties=False)
    >>> a.level.value, a.unit_may_be_entrusted, a.higher_level_may_take_over
    ('县级人民政府', True, True)
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    grade: AccidentGrade
    level: InvestigationLevel
    may_authorise_department: bool
    may_entrust_department: bool
    unit_may_be_entrusted: bool
    higher_level_may_take_over: bool
    explanation: Explanation


def _cite(provision: str) -> Citation:
    return Citation(instrument=_rules.REGULATION, provision=provision)


def investigation_level(
    grade: AccidentGrade, occurred_on: date | None = None
) -> InvestigationLevel:
    """The government level responsible for investigating a grade (负责调查的层级, 第十九条).

    >>> investigation_level(AccidentGrade.MAJOR).value
    '省级人民政府'
    """
    if not isinstance(grade, AccidentGrade):
        raise InvalidInput("grade", grade, "必须是 AccidentGrade")
    value = _rules.entry(f"accident.investigation.authority.{grade.key}", occurred_on).value
    try:
        return _LEVELS[value]
    except KeyError:
        raise RuleDataError(
            "accidents/investigation.toml",
            f"parameter[id=accident.investigation.authority.{grade.key}]",
            f"未知的层级 {value!r}",
        ) from None


def investigating_authority(
    grade: AccidentGrade, *, has_casualties: bool, occurred_on: date | None = None
) -> InvestigationAuthority:
    """Who investigates an accident of ``grade`` (事故调查由谁负责) under 第十九条、第二十条.

    ``has_casualties`` says whether the accident caused any casualty (人员伤亡, including light
    injuries, which the grade does not record). ``occurred_on`` selects the rules in force;
    None means today's law.

    >>> a = investigating_authority(AccidentGrade.ESPECIALLY_MAJOR, has_casualties=True)
    >>> a.level.value, a.may_entrust_department, a.higher_level_may_take_over
    ('国务院', False, False)
    >>> print(a.explanation.reasons[0].text())
    特别重大事故由国务院或者国务院授权有关部门组织事故调查组进行调查。依据：《生产安全事故报告和调查处理条例》（国务院令第493号）第十九条第一款
    """
    if not isinstance(has_casualties, bool):
        raise InvalidInput("has_casualties", has_casualties, "必须是布尔值")
    if occurred_on is not None:
        occurred_on = checks.day("occurred_on", occurred_on)
    _rules.require_regulation(occurred_on)
    level = investigation_level(grade, occurred_on)
    entry = _rules.entry(f"accident.investigation.authority.{grade.key}", occurred_on)
    reasons = []
    if level is InvestigationLevel.STATE_COUNCIL:
        message = f"{grade.value}由国务院或者国务院授权有关部门组织事故调查组进行调查"
    else:
        message = (
            f"{grade.value}由事故发生地{level.value}负责调查，可以直接组织事故调查组，"
            "也可以授权或者委托有关部门组织事故调查组"
        )
    reasons.append(
        Reason(
            rule="accident.investigation.authority",
            message=message,
            citation=entry.citation,
            inputs={"grade": grade.value},
            confidence=entry.confidence,
        )
    )
    unit_rule = _rules.entry(
        "accident.investigation.unit_may_investigate_without_casualties", occurred_on
    )
    unit_may = bool(unit_rule.value) and grade is AccidentGrade.GENERAL and not has_casualties
    if unit_may:
        reasons.append(
            Reason(
                rule="accident.investigation.entrust_unit",
                message="未造成人员伤亡的一般事故，县级人民政府也可以委托事故发生单位组织事故调查组进行调查",
                citation=unit_rule.citation,
                inputs={"grade": grade.value, "has_casualties": has_casualties},
                confidence=unit_rule.confidence,
            )
        )
    higher = level is not InvestigationLevel.STATE_COUNCIL
    if higher:
        reasons.append(
            Reason(
                rule="accident.investigation.take_over",
                message="上级人民政府认为必要时，可以调查由下级人民政府负责调查的事故",
                citation=_cite("第二十条第一款"),
                inputs={"level": level.value},
            )
        )
    return InvestigationAuthority(
        grade=grade,
        level=level,
        may_authorise_department=True,
        may_entrust_department=level is not InvestigationLevel.STATE_COUNCIL,
        unit_may_be_entrusted=unit_may,
        higher_level_may_take_over=higher,
        explanation=Explanation(reasons=tuple(reasons)),
    )


class InvestigationDeadline(BaseModel):
    """When the investigation report is due (事故调查报告提交期限).

    ``due`` includes the granted extension and the excluded appraisal days; ``latest_possible``
    is the due date with the longest extension the law allows.

    >>> d = investigation_report_deadline(date(2024, 1, 1), extension_days=10, appraisal_days=5)
    >>> d.due, d.latest_possible
    (datetime.date(2024, 3, 16), datetime.date(2024, 5, 5))
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    occurred_on: date
    extension_days: int
    appraisal_days: int
    due: date
    latest_possible: date
    explanation: Explanation

    def is_met(self, submitted_on: date) -> bool:
        """Whether a report submitted on ``submitted_on`` is in time (是否按期提交)."""
        return submitted_on <= self.due


def investigation_report_deadline(
    occurred_on: date, *, extension_days: int = 0, appraisal_days: int = 0
) -> InvestigationDeadline:
    """The due date of the investigation report (事故调查报告提交期限, 第二十九条、第二十七条).

    60 days from the accident (the accident day not counted), plus an approved extension of at
    most 60 days, plus the days spent on technical appraisal (技术鉴定), which do not count.

    >>> investigation_report_deadline(date(2023, 12, 31)).due   # 31 Dec + 60 days
    datetime.date(2024, 2, 29)
    >>> investigation_report_deadline(date(2024, 1, 1), extension_days=61)
    Traceback (most recent call last):
    ...
    safetyrules.errors.InvalidInput: extension_days = 61: 不能超过60日
    """
    occurred_on = checks.day("occurred_on", occurred_on)
    _rules.require_regulation(occurred_on)
    base = _rules.entry("accident.investigation.report_days", occurred_on)
    maximum = _rules.entry("accident.investigation.max_extension_days", occurred_on)
    excluded = _rules.entry("accident.investigation.appraisal_excluded", occurred_on)
    counting = _rules.entry("accident.deadline.day_counting", occurred_on)
    extension_days = checks.days("extension_days", extension_days, maximum.value)
    appraisal_days = checks.days("appraisal_days", appraisal_days)
    added = appraisal_days if excluded.value else 0
    due = last_day(occurred_on, days=base.value + extension_days + added)
    latest = last_day(occurred_on, days=base.value + maximum.value + added)
    reasons = [
        Reason(
            rule="accident.investigation.report_days",
            message=f"事故调查组应当自事故发生之日起{base.value}日内提交事故调查报告"
            f"（{counting.value}，自{occurred_on.isoformat()}起算）",
            citation=base.citation,
            inputs={"occurred_on": occurred_on},
            confidence=Confidence.weakest([base.confidence, counting.confidence]),
        )
    ]
    if extension_days:
        reasons.append(
            Reason(
                rule="accident.investigation.extension",
                message=f"经负责事故调查的人民政府批准延长{extension_days}日"
                f"（最长不超过{maximum.value}日）",
                citation=maximum.citation,
                inputs={"extension_days": extension_days},
                confidence=maximum.confidence,
            )
        )
    if added:
        reasons.append(
            Reason(
                rule="accident.investigation.appraisal",
                message=f"技术鉴定所需时间{added}日不计入事故调查期限",
                citation=excluded.citation,
                inputs={"appraisal_days": added},
                confidence=excluded.confidence,
            )
        )
    reasons.append(
        Reason(
            rule="accident.investigation.due",
            message=f"事故调查报告应当于{due.isoformat()}前提交",
            inputs={"due": due},
            confidence=counting.confidence,
        )
    )
    return InvestigationDeadline(
        occurred_on=occurred_on,
        extension_days=extension_days,
        appraisal_days=appraisal_days,
        due=due,
        latest_possible=latest,
        explanation=Explanation(reasons=tuple(reasons)),
    )


def reply_deadline(
    report_received_on: date, grade: AccidentGrade, *, extension_days: int = 0
) -> Deadline:
    """The deadline of the reply to the investigation report (批复期限, 第三十二条第一款).

    15 days from receipt for 重大、较大、一般事故; 30 days for 特别重大事故, which alone may be
    extended, by at most 30 days. The rules in force on the day of receipt apply.

    >>> reply_deadline(date(2024, 2, 14), AccidentGrade.ESPECIALLY_MAJOR, extension_days=30).last_day
    datetime.date(2024, 4, 14)
    >>> reply_deadline(date(2024, 2, 14), AccidentGrade.MAJOR, extension_days=1)
    Traceback (most recent call last):
    ...
    safetyrules.errors.InvalidInput: extension_days = 1: 只有特别重大事故的批复时间可以延长
    """
    received = checks.day("report_received_on", report_received_on)
    if not isinstance(grade, AccidentGrade):
        raise InvalidInput("grade", grade, "必须是 AccidentGrade")
    _rules.require_regulation(received)
    counting = _rules.entry("accident.deadline.day_counting", received)
    if grade is AccidentGrade.ESPECIALLY_MAJOR:
        base = _rules.entry("accident.reply.days_especially_major", received)
        maximum = _rules.entry("accident.reply.max_extension_days_especially_major", received)
        extension_days = checks.days("extension_days", extension_days, maximum.value)
    else:
        base = _rules.entry("accident.reply.days", received)
        extension_days = checks.days("extension_days", extension_days)
        if extension_days:
            raise InvalidInput(
                "extension_days", extension_days, "只有特别重大事故的批复时间可以延长"
            )
    total = base.value + extension_days
    end = last_day(received, days=total)
    message = (
        f"{grade.value}，负责事故调查的人民政府应当自收到事故调查报告之日起{base.value}日内做出批复"
    )
    if extension_days:
        message += f"，经延长{extension_days}日"
    message += f"（{counting.value}），即于{end.isoformat()}前批复"
    reason = Reason(
        rule="accident.reply.days",
        message=message,
        citation=base.citation,
        inputs={"report_received_on": received, "grade": grade.value},
        confidence=Confidence.weakest([base.confidence, counting.confidence]),
    )
    return Deadline(
        label="事故调查报告批复期限",
        start=received,
        days=total,
        last_day=end,
        explanation=Explanation(reasons=(reason,)),
    )


def follow_up_evaluation_deadline(replied_on: date) -> Deadline:
    """The deadline of the follow-up evaluation (整改和防范措施落实情况评估, 安全生产法第八十六条第三款).

    Within one year of the reply (批复), the authority that investigated evaluates whether the
    corrective and preventive measures were carried out and publishes the result. The rule
    exists from the 2021 amendment (in force 2021-09-01); an earlier reply date raises
    :class:`~safetyrules.errors.NotInForce`.

    >>> follow_up_evaluation_deadline(date(2024, 2, 29)).last_day
    datetime.date(2025, 2, 28)
    >>> follow_up_evaluation_deadline(date(2021, 8, 31))
    Traceback (most recent call last):
    ...
    safetyrules.errors.NotInForce: work-safety-law-2021 于 2021-08-31 不在有效期内: 2021-09-01 起施行
    """
    replied_on = checks.day("replied_on", replied_on)
    require_in_force("work-safety-law-2021", replied_on)
    years = _rules.entry("accident.follow_up.years", replied_on)
    counting = _rules.entry("accident.deadline.day_counting", replied_on)
    end = last_day(replied_on, years=years.value)
    reason = Reason(
        rule="accident.follow_up.years",
        message=f"负责事故调查处理的国务院有关部门和地方人民政府应当在批复事故调查报告后{years.value}年内"
        f"组织评估事故整改和防范措施落实情况并公开评估结果，即于{end.isoformat()}前完成",
        citation=years.citation,
        inputs={"replied_on": replied_on},
        confidence=Confidence.weakest([years.confidence, counting.confidence]),
    )
    return Deadline(
        label="事故整改和防范措施落实情况评估期限",
        start=replied_on,
        days=(end - replied_on).days,
        last_day=end,
        explanation=Explanation(reasons=(reason,)),
    )
