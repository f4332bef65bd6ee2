"""Tests of safetyrules.accidents.reporting (事故报告, 条例第九条至第十一条)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from safetyrules.accidents import (
    SHANGHAI,
    AccidentGrade,
    ReportRecipient,
    check_reporting,
    reporting_chain,
)
from safetyrules.errors import InvalidInput, NotInForce

R = ReportRecipient

# 第九条第一款：现场有关人员立即报告本单位负责人；单位负责人接到报告后1小时内报告县级以上有关部门。
# 第十条第一款：一般事故上报至设区的市级；较大事故逐级上报至省级；重大、特别重大事故逐级上报至国务院有关部门。
# 第十一条：每级上报的时间不得超过2小时。


@pytest.mark.parametrize(
    ("grade", "recipients"),
    [
        (AccidentGrade.GENERAL, [R.UNIT_HEAD, R.COUNTY, R.CITY]),
        (AccidentGrade.LARGER, [R.UNIT_HEAD, R.COUNTY, R.CITY, R.PROVINCE]),
        (
            AccidentGrade.MAJOR,
            [
                R.UNIT_HEAD,
                R.COUNTY,
                R.CITY,
                R.PROVINCE,
                R.STATE_COUNCIL_DEPARTMENT,
                R.STATE_COUNCIL,
            ],
        ),
        (
            AccidentGrade.ESPECIALLY_MAJOR,
            [
                R.UNIT_HEAD,
                R.COUNTY,
                R.CITY,
                R.PROVINCE,
                R.STATE_COUNCIL_DEPARTMENT,
                R.STATE_COUNCIL,
            ],
        ),
    ],
)
def test_how_far_each_grade_goes(grade: AccidentGrade, recipients: list[ReportRecipient]) -> None:
    at = datetime(2024, 6, 1, 10, 0, tzinfo=SHANGHAI)
    assert [s.recipient for s in reporting_chain(at, grade)] == recipients


def test_deadlines_cross_a_month_end_and_a_leap_day() -> None:
    # 2024-02-29 22:30: unit head by 23:30 (1 hour); city by 2024-03-01 01:30 (+2 h);
    # province by 03:30; State Council departments by 05:30.
    at = datetime(2024, 2, 29, 22, 30, tzinfo=SHANGHAI)
    chain = reporting_chain(at, AccidentGrade.MAJOR)
    due = {s.recipient: s.due for s in chain}
    assert due[R.UNIT_HEAD] == at
    assert due[R.COUNTY] == datetime(2024, 2, 29, 23, 30, tzinfo=SHANGHAI)
    assert due[R.CITY] == datetime(2024, 3, 1, 1, 30, tzinfo=SHANGHAI)
    assert due[R.PROVINCE] == datetime(2024, 3, 1, 3, 30, tzinfo=SHANGHAI)
    assert due[R.STATE_COUNCIL_DEPARTMENT] == datetime(2024, 3, 1, 5, 30, tzinfo=SHANGHAI)
    # 第十条第二款：省级人民政府接到报告后应当立即报告国务院 — at the latest when the
    # provincial departments receive it (03:30).
    assert due[R.STATE_COUNCIL] == datetime(2024, 3, 1, 3, 30, tzinfo=SHANGHAI)
    assert chain[-1].immediate


def test_year_end_in_another_time_zone_is_converted() -> None:
    # 2023-12-31 15:30 UTC is 2023-12-31 23:30 in Shanghai; the county deadline is 00:30 on
    # 2024-01-01 Shanghai time.
    at = datetime(2023, 12, 31, 15, 30, tzinfo=UTC)
    county = reporting_chain(at, AccidentGrade.GENERAL)[1]
    assert county.due == datetime(2024, 1, 1, 0, 30, tzinfo=SHANGHAI)
    assert county.due.tzinfo is SHANGHAI


def test_citations() -> None:
    chain = reporting_chain(datetime(2024, 1, 1, 8, tzinfo=SHANGHAI), AccidentGrade.LARGER)
    assert str(chain[1].citations[0]).endswith("第九条第一款")
    assert str(chain[2].citations[0]).endswith("第十一条")
    assert str(chain[3].citations[1]).endswith("第十条第一款第（二）项")


def test_naive_datetimes_are_rejected() -> None:
    with pytest.raises(InvalidInput) as error:
        reporting_chain(datetime(2024, 1, 1, 8), AccidentGrade.GENERAL)
    assert error.value.field == "occurred_at"
    at = datetime(2024, 1, 1, 8, tzinfo=SHANGHAI)
    with pytest.raises(InvalidInput) as error:
        check_reporting(at, AccidentGrade.GENERAL, {R.COUNTY: datetime(2024, 1, 1, 9)})
    assert error.value.field == "reported_at[COUNTY]"


def test_before_the_regulation() -> None:
    with pytest.raises(NotInForce):
        reporting_chain(datetime(2007, 5, 31, 23, 0, tzinfo=SHANGHAI), AccidentGrade.GENERAL)


def test_late_report_minutes() -> None:
    at = datetime(2024, 1, 31, 23, 0, tzinfo=SHANGHAI)
    result = check_reporting(
        at,
        AccidentGrade.LARGER,
        {
            # the unit head heard at 23:10, so the county deadline is 2024-02-01 00:10;
            R.UNIT_HEAD: datetime(2024, 1, 31, 23, 10, tzinfo=SHANGHAI),
            # reported at 00:10:30 — 30 seconds late counts as 1 started minute;
            R.COUNTY: datetime(2024, 2, 1, 0, 10, 30, tzinfo=SHANGHAI),
            # the county then has until 02:10:30; reported at 02:10:30 exactly: in time;
            R.CITY: datetime(2024, 2, 1, 2, 10, 30, tzinfo=SHANGHAI),
            # the city has until 04:10:30; reported at 05:00 — 49.5 minutes late → 50.
            R.PROVINCE: datetime(2024, 2, 1, 5, 0, tzinfo=SHANGHAI),
        },
    )
    by = {c.step.recipient: c for c in result.checks}
    assert by[R.UNIT_HEAD].late is None  # 立即: no measurable deadline
    assert (by[R.COUNTY].late, by[R.COUNTY].minutes_late) == (True, 1)
    assert (by[R.CITY].late, by[R.CITY].minutes_late) == (False, 0)
    assert (by[R.PROVINCE].late, by[R.PROVINCE].minutes_late) == (True, 50)
    assert result.late
    assert len(result.explanation) == 2
    assert all("迟报" in r.message for r in result.explanation)


def test_unrecorded_steps_are_not_judged() -> None:
    at = datetime(2024, 1, 1, 8, tzinfo=SHANGHAI)
    result = check_reporting(at, AccidentGrade.GENERAL, {R.COUNTY: at + timedelta(minutes=59)})
    assert [c.late for c in result.checks] == [None, False, None]
    assert not result.late
