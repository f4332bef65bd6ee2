"""The validity of a standardization level (等级有效期): a number of years (3 under both regimes)
from the 通告 date, that day included.

>>> valid_until(date(2024, 6, 1))
datetime.date(2027, 5, 31)
"""

from __future__ import annotations

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from safetyrules import checks
from safetyrules.scoring.grading_data import grading_regime

__all__ = ["last_valid_day", "valid_until"]


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
