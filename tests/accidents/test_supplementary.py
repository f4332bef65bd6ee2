"""Tests of safetyrules.accidents.supplementary (补报, 条例第十三条、第二十条)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from safetyrules.accidents import (
    AccidentGrade,
    AccidentKind,
    InvestigationLevel,
    classify,
    regrade,
    supplementary_report_deadline,
)
from safetyrules.errors import InvalidInput

# 第十三条第二款：自事故发生之日起30日内，事故造成的伤亡人数发生变化的，应当及时补报。道路交通事故、
# 火灾事故自发生之日起7日内，事故造成的伤亡人数发生变化的，应当及时补报。
# Counting: the accident day is not counted, the last day is the accident date + N days.


@pytest.mark.parametrize(
    ("occurred", "kind", "last"),
    [
        # 2024-01-31 + 30 days: Feb has 29 days in 2024, so Feb 29 is day 29 and Mar 1 day 30.
        (date(2024, 1, 31), AccidentKind.OTHER, date(2024, 3, 1)),
        # 2023-01-31 + 30 days: Feb 28 is day 28, Mar 2 is day 30.
        (date(2023, 1, 31), AccidentKind.OTHER, date(2023, 3, 2)),
        # 2024-02-25 + 7 days (fire): Feb 26..29 are days 1..4, Mar 3 is day 7.
        (date(2024, 2, 25), AccidentKind.FIRE, date(2024, 3, 3)),
        # 2023-12-28 + 7 days (road traffic): Dec 31 is day 3, Jan 4 is day 7.
        (date(2023, 12, 28), AccidentKind.ROAD_TRAFFIC, date(2024, 1, 4)),
    ],
)
def test_periods(occurred: date, kind: AccidentKind, last: date) -> None:
    deadline = supplementary_report_deadline(occurred, kind)
    assert deadline.last_day == last
    assert deadline.is_met(last)
    assert not deadline.is_met(date.fromordinal(last.toordinal() + 1))
    assert "第十三条第二款" in deadline.explanation.text()


def test_change_on_the_last_day_and_the_day_after() -> None:
    # 一般事故 (2 deaths) on 2024-03-10; a third death makes it 较大事故, investigated by the
    # 设区的市级 government instead of the county (第十九条第二款). Period: 2024-03-10 + 30 days
    # = 2024-04-09 (Mar 31 is day 21, Apr 9 is day 30).
    first = classify(deaths=2, occurred_on=date(2024, 3, 10))
    inside = regrade(first, deaths=3, changed_on=date(2024, 4, 9))
    assert inside.grade_changed
    assert inside.after.grade is AccidentGrade.LARGER
    assert inside.must_report_again
    assert inside.investigation_before is InvestigationLevel.COUNTY
    assert inside.investigation_after is InvestigationLevel.CITY
    assert inside.higher_level_may_investigate
    outside = regrade(first, deaths=3, changed_on=date(2024, 4, 10))
    assert not outside.must_report_again
    assert not outside.higher_level_may_investigate


def test_road_traffic_seven_days() -> None:
    # Road accident on 2024-02-27: period ends 2024-03-05 (Feb 29 day 2, Mar 5 day 7).
    first = classify(deaths=9, occurred_on=date(2024, 2, 27))
    kind = AccidentKind.ROAD_TRAFFIC
    assert regrade(
        first, deaths=10, changed_on=date(2024, 3, 5), kind=kind
    ).higher_level_may_investigate
    late = regrade(first, deaths=10, changed_on=date(2024, 3, 6), kind=kind)
    assert late.after.grade is AccidentGrade.MAJOR
    assert not late.higher_level_may_investigate
    assert not late.must_report_again


def test_loss_change_alone_does_not_trigger_article_20() -> None:
    first = classify(deaths=1, occurred_on=date(2024, 1, 1))
    result = regrade(first, direct_economic_loss=Decimal("20000000"), changed_on=date(2024, 1, 5))
    assert result.grade_changed
    assert not result.casualties_changed
    assert not result.must_report_again
    assert not result.higher_level_may_investigate


def test_no_date_and_bad_dates() -> None:
    first = classify(deaths=1)
    with pytest.raises(InvalidInput) as error:
        regrade(first, deaths=2, changed_on=date(2024, 1, 1))
    assert error.value.field == "occurred_on"
    dated = classify(deaths=1, occurred_on=date(2024, 1, 10))
    with pytest.raises(InvalidInput) as error:
        regrade(dated, deaths=2, changed_on=date(2024, 1, 9))
    assert error.value.field == "changed_on"
