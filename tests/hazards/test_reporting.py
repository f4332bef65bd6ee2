"""Tests of the statistical returns' deadlines (统计分析表报送时限).

16号令 (zkjan.com/exam/detail-21667874.html; 22.wendadaohang.com/zd/CCS0T0fTSC020Xh2f2T.html):
quarterly returns before the 15th day of the next quarter, annual returns before 31 January of
the next year; read as "on or before" that day.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from safetyrules.errors import InvalidInput, NotInForce
from safetyrules.hazards import StatisticsPeriod, reporting_due


@pytest.mark.parametrize(
    ("period_end", "start", "due"),
    [
        (date(2024, 3, 31), date(2024, 1, 1), date(2024, 4, 15)),
        (date(2024, 6, 30), date(2024, 4, 1), date(2024, 7, 15)),
        (date(2024, 9, 30), date(2024, 7, 1), date(2024, 10, 15)),
        (date(2024, 12, 31), date(2024, 10, 1), date(2025, 1, 15)),
    ],
)
def test_quarterly_returns(period_end: date, start: date, due: date) -> None:
    quarterly = reporting_due(period_end)[0]
    assert quarterly.period is StatisticsPeriod.QUARTER
    assert (quarterly.period_start, quarterly.period_end, quarterly.due) == (start, period_end, due)
    # Only secondary reprints (exam sites) carry this text, so the data flags it.
    assert quarterly.confidence.value == "unverified"
    assert quarterly.citation.instrument == "hazard-investigation-provisions"


def test_the_year_end_also_brings_the_annual_return() -> None:
    dues = reporting_due(date(2023, 12, 31))
    assert [(d.period, d.period_start, d.due) for d in dues] == [
        (StatisticsPeriod.QUARTER, date(2023, 10, 1), date(2024, 1, 15)),
        (StatisticsPeriod.YEAR, date(2023, 1, 1), date(2024, 1, 31)),
    ]
    assert all(len(reporting_due(date(2023, m, d))) == 1 for m, d in [(3, 31), (6, 30), (9, 30)])


@pytest.mark.parametrize("bad", [date(2024, 3, 30), date(2024, 12, 30), date(2024, 1, 31)])
def test_only_quarter_ends(bad: date) -> None:
    with pytest.raises(InvalidInput, match="须为季度最后一日"):
        reporting_due(bad)


def test_a_datetime_is_refused() -> None:
    with pytest.raises(InvalidInput, match="必须是日期"):
        reporting_due(datetime(2024, 3, 31))  # type: ignore[arg-type]


def test_before_the_provisions_took_effect() -> None:
    # 16号令 2008-02-01 起施行.
    with pytest.raises(NotInForce):
        reporting_due(date(2007, 12, 31))
    assert reporting_due(date(2008, 3, 31))[0].due == date(2008, 4, 15)
