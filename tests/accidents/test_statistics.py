"""Tests of safetyrules.accidents.statistics (三个持续下降)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import ValidationError

from safetyrules.accidents import Indicator, YearFigures, three_declines
from safetyrules.errors import InvalidInput


def test_rate_compared_exactly() -> None:
    # 1/3 and 2/6 are the same rate: not a fall, although 28-digit Decimals would be equal too;
    # 100/300.0000000000000000000000000001 is lower than 1/3 only beyond 28 digits.
    a = YearFigures(year=2020, accidents=5, deaths=1, gdp=Decimal(3))
    b = YearFigures(year=2021, accidents=4, deaths=2, gdp=Decimal(6))
    rate = next(c for c in three_declines([a, b]).changes if c.indicator is Indicator.DEATH_RATE)
    assert not rate.fell
    c = YearFigures(
        year=2021, accidents=4, deaths=100, gdp=Decimal("300.0000000000000000000000000001")
    )
    rate = next(x for x in three_declines([a, c]).changes if x.indicator is Indicator.DEATH_RATE)
    assert rate.fell


def test_all_three_fell() -> None:
    a = YearFigures(year=2017, accidents=200, deaths=100, gdp=Decimal("4000"))
    b = YearFigures(year=2018, accidents=180, deaths=90, gdp=Decimal("4400"))
    result = three_declines([a, b])
    assert result.all_fell
    assert [c.change for c in result.changes][:2] == [Decimal(-20), Decimal(-10)]
    # 100/4000 = 0.025, 90/4400 = 0.0204545... → 0.020 at three places (display only)
    assert b.death_rate_text(3) == "0.020"


def test_flat_is_not_a_fall_and_series_checks() -> None:
    a = YearFigures(year=2017, accidents=10, deaths=5, gdp=Decimal(100))
    b = YearFigures(year=2018, accidents=10, deaths=4, gdp=Decimal(100))
    assert not three_declines([a, b]).all_fell
    with pytest.raises(InvalidInput):
        three_declines([a])
    with pytest.raises(InvalidInput):
        three_declines([a, YearFigures(year=2020, accidents=1, deaths=1, gdp=Decimal(1))])


def test_bad_figures() -> None:
    with pytest.raises(ValidationError):
        YearFigures(year=2018, accidents=1, deaths=1, gdp=1.5)
    with pytest.raises(ValidationError):
        YearFigures(year=2018, accidents=-1, deaths=1, gdp=Decimal(1))
    with pytest.raises(ValidationError):
        YearFigures(year=2018, accidents=1, deaths=1, gdp=Decimal(0))
