"""Tests of overdue rectification (逾期未整改).

Convention (documented in safetyrules.hazards.overdue): the deadline day itself is not overdue;
overdue from the next day; a hazard 销号 on a day is not overdue that day; as-of evaluation
ignores later steps. Expected day counts are calendar differences, by hand.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from safetyrules.errors import InvalidInput
from safetyrules.hazards import close, days_overdue, is_overdue, start_rectification
from tests.hazards.builders import at, general

DEADLINE = date(2024, 3, 8)


@pytest.mark.parametrize(
    ("on", "overdue", "days"),
    [
        (date(2024, 3, 1), False, 0),  # the day found
        (date(2024, 3, 7), False, 0),
        (date(2024, 3, 8), False, 0),  # the deadline day itself
        (date(2024, 3, 9), True, 1),
        (date(2024, 3, 31), True, 23),
        (date(2024, 4, 8), True, 31),
    ],
)
def test_overdue_across_the_deadline(on: date, overdue: bool, days: int) -> None:
    r = general(deadline=DEADLINE)
    assert is_overdue(r, on) is overdue
    assert days_overdue(r, on) == days


def test_rectifying_is_not_enough_only_closing_stops_the_count() -> None:
    r = start_rectification(general(deadline=DEADLINE), at(3, 2), "车间主任")
    assert days_overdue(r, date(2024, 3, 10)) == 2
    r = close(r, at(3, 12, 17), "车间主任")
    assert days_overdue(r, date(2024, 3, 11)) == 3  # as of 3-11 it was still open
    assert days_overdue(r, date(2024, 3, 12)) == 0  # closed that day
    assert not is_overdue(r, date(2024, 6, 1))


def test_closed_in_time_is_never_overdue() -> None:
    r = close(
        start_rectification(general(deadline=DEADLINE), at(3, 1, 9), "车间主任"),
        at(3, 1, 10),
        "车间主任",
    )
    assert not is_overdue(r, date(2025, 1, 1))


def test_no_deadline_no_overdue() -> None:
    assert days_overdue(general(), date(2030, 1, 1)) == 0


def test_on_must_be_a_date() -> None:
    with pytest.raises(InvalidInput, match="必须是日期"):
        is_overdue(general(deadline=DEADLINE), datetime(2024, 3, 9, 9))  # type: ignore[arg-type]
