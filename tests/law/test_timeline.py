"""Dated values: selection at boundaries, repeal and load-time consistency."""

from datetime import date, timedelta

import pytest
from hypothesis import given

from safetyrules.errors import InvalidRule, NotInForce
from safetyrules.law.citation import Citation
from safetyrules.law.timeline import Dated, Timeline
from safetyrules.testing import dates

CITE = Citation(instrument="accident-reporting-regulation", provision="第三条")

# The 2014 and 2021 amendments of 安全生产法 took effect on 2014-12-01 and 2021-09-01.
TWO_VERSIONS = Timeline(
    "work-safety-law",
    [Dated(date(2014, 12, 1), "2014", CITE), Dated(date(2021, 9, 1), "2021", CITE)],
)


def test_effective_date_itself_is_in_force() -> None:
    assert TWO_VERSIONS.at(date(2014, 12, 1)) == "2014"
    assert TWO_VERSIONS.at(date(2021, 9, 1)) == "2021"


def test_day_before_a_change_keeps_the_old_value() -> None:
    assert TWO_VERSIONS.at(date(2021, 8, 31)) == "2014"


def test_date_before_the_first_rule_is_an_error() -> None:
    with pytest.raises(NotInForce, match="2014-12-01"):
        TWO_VERSIONS.at(date(2014, 11, 30))


def test_repealed_rule_names_its_successor() -> None:
    ended = Timeline(
        "old-rule", [Dated(date(2017, 1, 1), 59, CITE)], end=date(2023, 5, 15), successor="new"
    )
    assert ended.at(date(2023, 5, 14)) == 59
    with pytest.raises(NotInForce) as caught:
        ended.at(date(2023, 5, 15))
    assert caught.value.successor == "new"
    assert ended.last_day(ended.entries[0]) == date(2023, 5, 14)


@pytest.mark.parametrize(
    "starts",
    [
        [date(2021, 9, 1), date(2014, 12, 1)],  # out of order
        [date(2021, 9, 1), date(2021, 9, 1)],  # the same day twice
    ],
)
def test_unordered_or_overlapping_periods_are_rejected(starts: list[date]) -> None:
    with pytest.raises(InvalidRule):
        Timeline("bad", [Dated(start, n, CITE) for n, start in enumerate(starts)])


def test_end_before_last_start_is_rejected() -> None:
    with pytest.raises(InvalidRule):
        Timeline("bad", [Dated(date(2021, 9, 1), 1, CITE)], end=date(2021, 9, 1))


def test_empty_timeline_is_rejected() -> None:
    with pytest.raises(InvalidRule):
        Timeline("empty", [])


@given(dates(min_value=date(2014, 12, 1)))
def test_value_is_that_of_the_latest_start_not_after_the_date(on: date) -> None:
    expected = "2021" if on >= date(2021, 9, 1) else "2014"
    assert TWO_VERSIONS.at(on) == expected
    assert TWO_VERSIONS.entry_at(on).start <= on
    assert TWO_VERSIONS.in_force(on)
    assert not TWO_VERSIONS.in_force(date(2014, 12, 1) - timedelta(days=1))
