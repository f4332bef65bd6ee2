"""Overdue rectification (逾期未整改): a hazard past its 整改期限 and not yet 销号.

Convention: ``deadline`` is the last day allowed (整改期限 inclusive), so the deadline day itself
is not overdue; a hazard is overdue from the next day on, until the day it is 销号 (a hazard
closed on a day is not overdue that day). Days overdue count calendar days after the
deadline. The check is "as of" a day: a step taken after ``on`` does not count, so the answer
for a past day does not change when the hazard is closed later.

>>> from datetime import date, datetime
>>> from safetyrules.checks import SHANGHAI
>>> from safetyrules.hazards.record import HazardRecord
>>> r = HazardRecord(id="YH-2024-031", description="二层平台防护栏缺失", level="一般事故隐患",
...                  location="原料车间二层平台", found_by="安全管理部",
...                  found_on=datetime(2024, 3, 1, 9, 30, tzinfo=SHANGHAI), deadline=date(2024, 3, 8))
>>> is_overdue(r, date(2024, 3, 8)), is_overdue(r, date(2024, 3, 9)), days_overdue(r, date(2024, 3, 11))
(False, True, 3)
"""

from __future__ import annotations

from datetime import date

from safetyrules import checks
from safetyrules.errors import InvalidInput
from safetyrules.hazards.lifecycle import status
from safetyrules.hazards.machine import HazardStatus
from safetyrules.hazards.record import HazardRecord


def is_overdue(record: HazardRecord, on: date) -> bool:
    """Whether the hazard is overdue on ``on`` (是否逾期未整改): past its deadline, not 销号.

    A hazard without a deadline is never overdue.

    >>> from datetime import date
    >>> from safetyrules.hazards.lifecycle import _example
    >>> is_overdue(_example(), date(2030, 1, 1))
    False
    """
    return days_overdue(record, on) > 0


def days_overdue(record: HazardRecord, on: date) -> int:
    """How many days past the deadline the hazard is on ``on`` (逾期天数); 0 if not overdue.

    >>> from datetime import date, datetime
    >>> from safetyrules.checks import SHANGHAI
    >>> from safetyrules.hazards.lifecycle import start_rectification, close
    >>> r = HazardRecord(id="YH-2024-031", description="二层平台防护栏缺失", level="一般事故隐患",
    ...                  location="原料车间二层平台", found_by="安全管理部", deadline=date(2024, 3, 8),
    ...                  found_on=datetime(2024, 3, 1, 9, 30, tzinfo=SHANGHAI))
    >>> r = start_rectification(r, datetime(2024, 3, 1, 10, tzinfo=SHANGHAI), "车间主任")
    >>> r = close(r, datetime(2024, 3, 12, 16, tzinfo=SHANGHAI), "车间主任")
    >>> days_overdue(r, date(2024, 3, 11)), days_overdue(r, date(2024, 3, 12))
    (3, 0)
    """
    if not isinstance(record, HazardRecord):
        raise InvalidInput("record", record, "必须是 HazardRecord")
    day = checks.day("on", on)
    if record.deadline is None or day <= record.deadline:
        return 0
    if status(record, day) is HazardStatus.CLOSED:
        return 0
    return (day - record.deadline).days
