"""Bands and the 以上/以下 convention (国务院令第493号第三条第三款)."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safetyrules.errors import InvalidInput, InvalidRule
from safetyrules.law.band import Band, BandTable, Convention


def test_statute_convention_includes_the_lower_and_excludes_the_upper_number() -> None:
    # "3人以上10人以下": 以上包括本数，以下不包括本数 (493号令第三条第三款).
    band = Band.between(3, 10, "较大")
    assert band.contains(3)
    assert band.contains(9)
    assert not band.contains(10)
    assert not band.contains(2)


def test_both_inclusive_convention_includes_both_ends() -> None:
    band = Band.between(1, 3, "x", Convention.BOTH_INCLUSIVE)
    assert band.contains(1)
    assert band.contains(3)
    assert not band.contains(Decimal("3.01"))


def test_decimal_money_boundaries() -> None:
    band = Band.between(Decimal("10000000"), Decimal("50000000"), "较大")
    assert not band.contains(Decimal("9999999.99"))
    assert band.contains(Decimal("10000000"))
    assert band.contains(Decimal("49999999.99"))
    assert not band.contains(Decimal("50000000"))


def test_empty_band_is_rejected() -> None:
    with pytest.raises(InvalidRule):
        Band.between(10, 3, "x")
    with pytest.raises(InvalidRule):
        Band.between(3, 3, "x")


GRADES = BandTable(
    "deaths",
    [
        Band.between(0, 3, "一般"),
        Band.between(3, 10, "较大"),
        Band.between(10, 30, "重大"),
        Band.between(30, None, "特别重大"),
    ],
)


@pytest.mark.parametrize(
    ("deaths", "grade"),
    [
        (0, "一般"),
        (2, "一般"),
        (3, "较大"),
        (9, "较大"),
        (10, "重大"),
        (29, "重大"),
        (30, "特别重大"),
    ],
)
def test_table_lookup_at_each_boundary(deaths: int, grade: str) -> None:
    assert GRADES.value_for(deaths) == grade


def test_value_outside_the_domain_is_bad_input() -> None:
    with pytest.raises(InvalidInput):
        GRADES.value_for(-1)


def test_gap_and_overlap_are_rejected() -> None:
    with pytest.raises(InvalidRule, match="缺口"):
        BandTable("gap", [Band.between(0, 3, "a"), Band(value="b", lower=3, lower_inclusive=False)])
    with pytest.raises(InvalidRule, match="重叠"):
        BandTable("overlap", [Band("a", 0, 3, upper_inclusive=True), Band.between(3, None, "b")])
    with pytest.raises(InvalidRule):
        BandTable("apart", [Band.between(0, 3, "a"), Band.between(4, None, "b")])


@given(st.integers(min_value=0, max_value=10**6))
def test_table_covers_its_domain_with_exactly_one_band(deaths: int) -> None:
    assert sum(band.contains(deaths) for band in GRADES.bands) == 1
