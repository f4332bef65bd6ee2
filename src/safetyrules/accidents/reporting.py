"""Accident reporting (事故报告): the chain of reports, their deadlines and 迟报.

《生产安全事故报告和调查处理条例》（国务院令第493号）:

- 第九条第一款: the people on site report to the head of their unit at once (立即); the unit head
  reports within 1 hour of receiving the report to the 安全生产监督管理部门 (now 应急管理部门) and
  the departments with safety-supervision duties of the county-level-or-higher government
  where the accident happened. 第九条第二款: in an emergency the people on site may report to
  those departments directly.
- 第十条第一款: the departments report upward level by level — 一般事故 to 设区的市级,
  较大事故 to 省级, 重大事故 and 特别重大事故 to the State Council's departments — notifying
  公安机关、劳动保障行政部门、工会和人民检察院 and (第十条第二款) their own government at the same
  time; the State Council's departments and the provincial government report 重大/特别重大
  accidents to the State Council at once. 第十条第三款: levels may be skipped (越级上报).
- 第十一条: each level has at most 2 hours.

Each step's clock starts when its reporter received the report: the actual time of the previous
report when it is known, otherwise the previous step's deadline. All times are in Asia/Shanghai.

>>> from datetime import datetime
>>> from safetyrules.accidents import SHANGHAI
>>> from safetyrules.accidents import AccidentGrade
>>> at = datetime(2024, 3, 31, 23, 30, tzinfo=SHANGHAI)
>>> for step in reporting_chain(at, AccidentGrade.LARGER):
...     print(step.recipient.name, step.due.isoformat())
UNIT_HEAD 2024-03-31T23:30:00+08:00
COUNTY 2024-04-01T00:30:00+08:00
CITY 2024-04-01T02:30:00+08:00
PROVINCE 2024-04-01T04:30:00+08:00
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import datetime, timedelta
from enum import Enum

from pydantic import BaseModel, ConfigDict

from safetyrules import checks
from safetyrules.accidents import _rules
from safetyrules.accidents.grade import AccidentGrade
from safetyrules.errors import InvalidInput, RuleDataError
from safetyrules.law.citation import Citation
from safetyrules.law.confidence import Confidence
from safetyrules.law.reason import Explanation, Reason


class ReportRecipient(Enum):
    """Who receives a report in the chain (事故报告的接收者), from the unit up.

    >>> ReportRecipient.CITY.value
    '设区的市级人民政府应急管理部门和负有安全生产监督管理职责的有关部门'
    """

    UNIT_HEAD = "本单位负责人"
    COUNTY = "事故发生地县级人民政府应急管理部门和负有安全生产监督管理职责的有关部门"
    CITY = "设区的市级人民政府应急管理部门和负有安全生产监督管理职责的有关部门"
    PROVINCE = "省级人民政府应急管理部门和负有安全生产监督管理职责的有关部门"
    STATE_COUNCIL_DEPARTMENT = "国务院应急管理部门和负有安全生产监督管理职责的有关部门"
    STATE_COUNCIL = "国务院"


_REPORTER = {
    ReportRecipient.UNIT_HEAD: "事故现场有关人员",
    ReportRecipient.COUNTY: "事故发生单位负责人",
    ReportRecipient.CITY: "县级人民政府应急管理部门和负有安全生产监督管理职责的有关部门",
    ReportRecipient.PROVINCE: ReportRecipient.CITY.value,
    ReportRecipient.STATE_COUNCIL_DEPARTMENT: ReportRecipient.PROVINCE.value,
    ReportRecipient.STATE_COUNCIL: "国务院应急管理部门和负有安全生产监督管理职责的有关部门，以及省级人民政府",
}
_LEVELS = {
    "设区的市级": ReportRecipient.CITY,
    "省级": ReportRecipient.PROVINCE,
    "国务院": ReportRecipient.STATE_COUNCIL_DEPARTMENT,
}
_UPWARD = [ReportRecipient.CITY, ReportRecipient.PROVINCE, ReportRecipient.STATE_COUNCIL_DEPARTMENT]
_ALSO = (
    "同时报告本级人民政府（第十条第二款）",
    "通知公安机关、劳动保障行政部门、工会和人民检察院（第十条第一款）",
)


class ReportingStep(BaseModel):
    """One report in the chain (逐级上报的一步) and its deadline.

    ``within`` is None for a report due at once (立即); ``due`` is then the moment the reporter
    received the report. ``clock_starts`` is when the reporter received the report.

    >>> from datetime import datetime
    >>> from safetyrules.accidents import SHANGHAI
    >>> step = reporting_chain(datetime(2024, 1, 1, 8, tzinfo=SHANGHAI), AccidentGrade.GENERAL)[1]
    >>> step.reporter, step.within, step.due.hour
    ('事故发生单位负责人', datetime.timedelta(seconds=3600), 9)
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    recipient: ReportRecipient
    reporter: str
    clock_starts: datetime
    within: timedelta | None
    due: datetime
    citations: tuple[Citation, ...]
    notes: tuple[str, ...] = ()
    confidence: Confidence = Confidence.OFFICIAL

    @property
    def immediate(self) -> bool:
        """Whether the law says 立即 rather than a number of hours."""
        return self.within is None


class ReportCheck(BaseModel):
    """A step checked against the actual report time (报告时限核查).

    ``late`` is None when no time was recorded or the law says only 立即 (no measurable
    deadline); ``minutes_late`` counts started minutes (30 seconds late is 1 minute).

    >>> from datetime import datetime
    >>> from safetyrules.accidents import SHANGHAI
    >>> at = datetime(2024, 1, 1, 8, 0, tzinfo=SHANGHAI)
    >>> late = datetime(2024, 1, 1, 9, 0, 30, tzinfo=SHANGHAI)
    >>> check = check_reporting(at, AccidentGrade.GENERAL, {ReportRecipient.COUNTY: late}).checks[1]
    >>> check.late, check.minutes_late
    (True, 1)
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    step: ReportingStep
    reported_at: datetime | None
    late: bool | None
    minutes_late: int


class ReportingCheck(BaseModel):
    """The reporting chain checked for 迟报 (事故报告是否迟报).

    >>> from datetime import datetime
    >>> from safetyrules.accidents import SHANGHAI
    >>> at = datetime(2024, 1, 1, 8, 0, tzinfo=SHANGHAI)
    >>> result = check_reporting(at, AccidentGrade.GENERAL, {
    ...     ReportRecipient.UNIT_HEAD: datetime(2024, 1, 1, 8, 5, tzinfo=SHANGHAI),
    ...     ReportRecipient.COUNTY: datetime(2024, 1, 1, 9, 35, tzinfo=SHANGHAI),
    ... })
    >>> result.late, [c.minutes_late for c in result.checks]
    (True, [0, 30, 0])
    >>> print(result.explanation.reasons[0].message)
    迟报：事故发生单位负责人应于2024-01-01 09:05前向事故发生地县级人民政府应急管理部门和负有安全生产监督管理职责的有关部门报告，实际于2024-01-01 09:35报告，迟报30分钟
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    checks: tuple[ReportCheck, ...]
    explanation: Explanation

    @property
    def late(self) -> bool:
        """Whether any report was late (是否存在迟报)."""
        return any(check.late for check in self.checks)


def _cite(provision: str) -> Citation:
    return Citation(instrument=_rules.REGULATION, provision=provision)


def _chain(
    occurred_at: datetime,
    grade: AccidentGrade,
    reported_at: Mapping[ReportRecipient, datetime],
) -> list[ReportingStep]:
    on = occurred_at.date()
    _rules.require_regulation(on)
    unit_hours = _rules.entry("accident.report.unit_head_hours", on)
    level_hours = _rules.entry("accident.report.per_level_hours", on)
    highest = _rules.entry(f"accident.report.highest_level.{grade.key}", on)
    try:
        top = _LEVELS[highest.value]
    except KeyError:
        raise RuleDataError(
            "accidents/reporting.toml",
            f"parameter[id=accident.report.highest_level.{grade.key}]",
            f"未知的层级 {highest.value!r}，应为 {sorted(_LEVELS)} 之一",
        ) from None

    steps: list[ReportingStep] = []

    def add(
        recipient: ReportRecipient,
        starts: datetime,
        within: timedelta | None,
        citations: tuple[Citation, ...],
        notes: tuple[str, ...] = (),
        confidence: Confidence = Confidence.OFFICIAL,
    ) -> datetime:
        due = starts if within is None else starts + within
        steps.append(
            ReportingStep(
                recipient=recipient,
                reporter=_REPORTER[recipient],
                clock_starts=starts,
                within=within,
                due=due,
                citations=citations,
                notes=notes,
                confidence=confidence,
            )
        )
        # The next reporter received the report when this one was made, or at the latest at
        # this step's deadline.
        return reported_at.get(recipient, due)

    received = add(
        ReportRecipient.UNIT_HEAD,
        occurred_at,
        None,
        (_cite("第九条第一款"),),
        (
            "情况紧急时，事故现场有关人员可以直接向事故发生地县级以上人民政府有关部门报告（第九条第二款）",
        ),
    )
    received = add(
        ReportRecipient.COUNTY,
        received,
        timedelta(hours=unit_hours.value),
        (unit_hours.citation,),
        ("事故发生地县级以上人民政府有关部门均可接收（第九条第一款）",),
        unit_hours.confidence,
    )
    for recipient in _UPWARD[: _UPWARD.index(top) + 1]:
        received_here = add(
            recipient,
            received,
            timedelta(hours=level_hours.value),
            (level_hours.citation, highest.citation),
            (*_ALSO, "必要时可以越级上报（第十条第三款）"),
            Confidence.weakest([level_hours.confidence, highest.confidence]),
        )
        if recipient is ReportRecipient.PROVINCE:
            province_received = received_here
        received = received_here
    if top is ReportRecipient.STATE_COUNCIL_DEPARTMENT:
        # 第十条第二款: the provincial government hears of it when the provincial departments do
        # (they report to their own government at the same time) and reports at once.
        add(
            ReportRecipient.STATE_COUNCIL,
            min(province_received, received),
            None,
            (_cite("第十条第二款"),),
            ("国务院应急管理部门和有关部门以及省级人民政府接到报告后应当立即报告国务院",),
        )
    return steps


def reporting_chain(
    occurred_at: datetime,
    grade: AccidentGrade,
    reported_at: Mapping[ReportRecipient, datetime] | None = None,
) -> tuple[ReportingStep, ...]:
    """The reports due after an accident and their deadlines (事故报告程序和时限).

    ``occurred_at`` must be timezone-aware; results are in Asia/Shanghai. The rules in force
    on the accident's date (in Asia/Shanghai) apply. ``reported_at`` gives the actual time of
    the reports already made, keyed by recipient; later deadlines run from them.

    >>> from datetime import datetime
    >>> from safetyrules.accidents import SHANGHAI
    >>> chain = reporting_chain(datetime(2024, 1, 1, 8, tzinfo=SHANGHAI), AccidentGrade.MAJOR)
    >>> [(s.recipient.name, s.due.strftime("%H:%M")) for s in chain]  # doctest: +NORMALIZE_WHITESPACE
    [('UNIT_HEAD', '08:00'), ('COUNTY', '09:00'), ('CITY', '11:00'), ('PROVINCE', '13:00'),
     ('STATE_COUNCIL_DEPARTMENT', '15:00'), ('STATE_COUNCIL', '13:00')]
    >>> reporting_chain(datetime(2024, 1, 1, 8), AccidentGrade.MAJOR)
    Traceback (most recent call last):
    ...
    safetyrules.errors.InvalidInput: occurred_at = datetime.datetime(2024, 1, 1, 8, 0): 时间必须带时区（如 Asia/Shanghai）
    """
    start = checks.aware("occurred_at", occurred_at)
    if not isinstance(grade, AccidentGrade):
        raise InvalidInput("grade", grade, "必须是 AccidentGrade")
    actual = _actual(reported_at or {})
    return tuple(_chain(start, grade, actual))


def _actual(reported_at: Mapping[ReportRecipient, datetime]) -> dict[ReportRecipient, datetime]:
    result = {}
    for recipient, moment in reported_at.items():
        if not isinstance(recipient, ReportRecipient):
            raise InvalidInput("reported_at", recipient, "键必须是 ReportRecipient")
        result[recipient] = checks.aware(f"reported_at[{recipient.name}]", moment)
    return result


def _clock(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


def check_reporting(
    occurred_at: datetime,
    grade: AccidentGrade,
    reported_at: Mapping[ReportRecipient, datetime],
) -> ReportingCheck:
    """Check the actual report times against the deadlines (迟报核查).

    A report made after its deadline is 迟报 (条例第四条: 不得迟报), with the minutes late
    (started minutes). Steps whose law says only 立即, and steps with no recorded time, are not
    judged (``late`` is None).

    >>> from datetime import datetime
    >>> from safetyrules.accidents import SHANGHAI
    >>> at = datetime(2024, 1, 1, 8, tzinfo=SHANGHAI)
    >>> check_reporting(at, AccidentGrade.GENERAL, {}).late
    False
    """
    start = checks.aware("occurred_at", occurred_at)
    actual = _actual(reported_at)
    steps = reporting_chain(start, grade, actual)
    results = []
    reasons = []
    for step in steps:
        made = actual.get(step.recipient)
        if made is None or step.immediate:
            results.append(ReportCheck(step=step, reported_at=made, late=None, minutes_late=0))
            continue
        delay = made - step.due
        late = delay > timedelta(0)
        minutes = math.ceil(delay.total_seconds() / 60) if late else 0
        results.append(ReportCheck(step=step, reported_at=made, late=late, minutes_late=minutes))
        if late:
            reasons.append(
                Reason(
                    rule="accident.report.late",
                    message=f"迟报：{step.reporter}应于{_clock(step.due)}前向{step.recipient.value}"
                    f"报告，实际于{_clock(made)}报告，迟报{minutes}分钟",
                    citation=step.citations[0],
                    inputs={"recipient": step.recipient.name, "minutes_late": minutes},
                    confidence=step.confidence,
                )
            )
    return ReportingCheck(checks=tuple(results), explanation=Explanation(reasons=tuple(reasons)))
