"""Deadlines in days, months and years (期限) as the accidents module counts them.

《生产安全事故报告和调查处理条例》 writes its periods as "自事故发生之日起30日内", "自收到事故调查
报告之日起15日内". It does not say how to count them. This library counts them as
《中华人民共和国民法典》第二百零一条、第二百零二条 do: the starting day is not counted (开始的当日不
计入), so the last day of an N-day period is the start date plus N days; a period in years ends
on the corresponding day, or on the last day of the month when there is none. The last day is
not moved past public holidays. The choice is recorded in the data
(``accident.deadline.day_counting``) as *unverified*.

>>> from datetime import date
>>> last_day(date(2024, 1, 1), days=60)
datetime.date(2024, 3, 1)
>>> last_day(date(2024, 2, 29), years=1)
datetime.date(2025, 2, 28)
"""

from __future__ import annotations

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from pydantic import BaseModel, ConfigDict

from safetyrules.law.reason import Explanation


def last_day(start: date, *, days: int = 0, years: int = 0) -> date:
    """The last day of a period of ``days`` days or ``years`` years from ``start`` (期限末日).

    The starting day is not counted.

    >>> last_day(date(2023, 12, 31), days=30)
    datetime.date(2024, 1, 30)
    """
    return start + timedelta(days=days) + relativedelta(years=years)


class Deadline(BaseModel):
    """A deadline (期限) with its start, length, last day and the rules behind it.

    ``last_day`` is the last day on which the act is still in time.

    >>> from safetyrules.accidents import reply_deadline, AccidentGrade
    >>> d = reply_deadline(date(2024, 2, 20), AccidentGrade.GENERAL)
    >>> d.last_day, d.days
    (datetime.date(2024, 3, 6), 15)
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    label: str
    start: date
    days: int
    last_day: date
    explanation: Explanation

    def is_met(self, done_on: date) -> bool:
        """Whether an act done on ``done_on`` is in time (是否在期限内)."""
        return done_on <= self.last_day
