"""Tests of safetyrules.accidents.grade (事故等级, 国务院令第493号第三条)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safetyrules.accidents import AccidentGrade, Dimension, classify
from safetyrules.errors import InvalidInput, NotInForce

G = AccidentGrade.GENERAL
L = AccidentGrade.LARGER
M = AccidentGrade.MAJOR
E = AccidentGrade.ESPECIALLY_MAJOR

# 条例第三条第一款：
# （一）特别重大事故，是指造成30人以上死亡，或者100人以上重伤（包括急性工业中毒，下同），
#      或者1亿元以上直接经济损失的事故；
# （二）重大事故，是指造成10人以上30人以下死亡，或者50人以上100人以下重伤，
#      或者5000万元以上1亿元以下直接经济损失的事故；
# （三）较大事故，是指造成3人以上10人以下死亡，或者10人以上50人以下重伤，
#      或者1000万元以上5000万元以下直接经济损失的事故；
# （四）一般事故，是指造成3人以下死亡，或者10人以下重伤，或者1000万元以下直接经济损失的事故。
# 第三条第三款：本条第一款所称的“以上”包括本数，所称的“以下”不包括本数。


@pytest.mark.parametrize(
    ("deaths", "grade", "item"),
    [
        (0, G, 4),
        (2, G, 4),  # “3人以下死亡”不含3
        (3, L, 3),  # “3人以上10人以下死亡”含3
        (9, L, 3),
        (10, M, 2),  # “10人以上30人以下死亡”含10
        (29, M, 2),
        (30, E, 1),  # “30人以上死亡”含30
        (1000, E, 1),
    ],
)
def test_deaths_boundaries(deaths: int, grade: AccidentGrade, item: int) -> None:
    result = classify(deaths=deaths)
    assert result.grade is grade
    dimension = result.dimensions[0]
    assert dimension.dimension is Dimension.DEATHS
    assert dimension.citation.provision is not None
    assert (dimension.citation.provision.article, dimension.citation.provision.item) == (3, item)


@pytest.mark.parametrize(
    ("injuries", "grade", "item"),
    [
        (9, G, 4),  # “10人以下重伤”不含10
        (10, L, 3),  # “10人以上50人以下重伤”含10
        (49, L, 3),
        (50, M, 2),  # “50人以上100人以下重伤”含50
        (99, M, 2),
        (100, E, 1),  # “100人以上重伤”含100
    ],
)
def test_serious_injury_boundaries(injuries: int, grade: AccidentGrade, item: int) -> None:
    result = classify(serious_injuries=injuries)
    assert result.grade is grade
    assert result.dimensions[1].citation.provision is not None
    assert result.dimensions[1].citation.provision.item == item


@pytest.mark.parametrize(
    ("loss", "grade"),
    [
        (Decimal("9999999.99"), G),  # 999.99万元：“1000万元以下”
        (Decimal("10000000"), L),  # 1000万元：“1000万元以上5000万元以下”含1000万
        (Decimal("49999999.99"), L),  # 4999.99万元
        (Decimal("50000000"), M),  # 5000万元：“5000万元以上1亿元以下”含5000万
        (Decimal("99999999.99"), M),  # 9999.99万元
        (Decimal("100000000"), E),  # 1亿元：“1亿元以上”含1亿
        (100_000_000, E),  # an int is accepted as yuan
    ],
)
def test_loss_boundaries(loss: Decimal | int, grade: AccidentGrade) -> None:
    assert classify(direct_economic_loss=loss).grade is grade


def test_overall_grade_is_the_highest_dimension() -> None:
    result = classify(deaths=2, serious_injuries=50, direct_economic_loss=Decimal("10000000"))
    assert [d.grade for d in result.dimensions] == [G, M, L]
    assert result.grade is M
    assert "取达到的最高等级" in result.explanation.reasons[-1].message


def test_grades_are_ordered() -> None:
    assert G < L < M < E
    assert sorted([E, G, M, L]) == [G, L, M, E]
    assert E.value == "特别重大事故"


def test_missing_counted_with_deaths_and_flagged_unverified() -> None:
    result = classify(deaths=1, missing=2)
    assert result.graded_deaths == 3
    assert result.grade is L
    assert result.unverified
    assert "未经官方文本核实" in result.explanation.text()
    assert not classify(deaths=3).unverified


def test_reason_text_cites_the_item() -> None:
    text = classify(deaths=10).explanation.reasons[0].text()
    assert "10人以上30人以下" in text
    assert "第三条第一款第（二）项" in text


def test_date_before_the_regulation_raises() -> None:
    # 第四十六条：本条例自2007年6月1日起施行。
    with pytest.raises(NotInForce):
        classify(deaths=3, occurred_on=date(2007, 5, 31))
    assert classify(deaths=3, occurred_on=date(2007, 6, 1)).grade is L


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"deaths": -1}, "deaths"),
        ({"deaths": True}, "deaths"),
        ({"deaths": 3.0}, "deaths"),
        ({"serious_injuries": -5}, "serious_injuries"),
        ({"missing": -1}, "missing"),
        ({"direct_economic_loss": Decimal("NaN")}, "direct_economic_loss"),
        ({"direct_economic_loss": Decimal("Infinity")}, "direct_economic_loss"),
        ({"direct_economic_loss": Decimal("-0.01")}, "direct_economic_loss"),
        ({"direct_economic_loss": 1e7}, "direct_economic_loss"),
        ({"direct_economic_loss": False}, "direct_economic_loss"),
        ({"direct_economic_loss": "10000000"}, "direct_economic_loss"),
        ({"occurred_on": "2024-01-01"}, "occurred_on"),
    ],
)
def test_bad_input_names_the_field(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidInput) as error:
        classify(**kwargs)  # type: ignore[arg-type]
    assert error.value.field == field


def test_serialises_to_json() -> None:
    result = classify(deaths=3, direct_economic_loss=Decimal("1.5"))
    data = result.model_dump(mode="json")
    assert data["grade"] == "较大事故"
    assert data["direct_economic_loss"] == "1.5"


# Reference grading written from the article's numbers above, independently of the data files.
def reference_grade(deaths: int, injuries: int, loss: Decimal) -> AccidentGrade:
    def by(value: Decimal, t1: Decimal, t2: Decimal, t3: Decimal) -> int:
        return 3 if value >= t3 else 2 if value >= t2 else 1 if value >= t1 else 0

    rank = max(
        by(Decimal(deaths), Decimal(3), Decimal(10), Decimal(30)),
        by(Decimal(injuries), Decimal(10), Decimal(50), Decimal(100)),
        by(loss, Decimal(10_000_000), Decimal(50_000_000), Decimal(100_000_000)),
    )
    return [G, L, M, E][rank]


counts = st.integers(min_value=0, max_value=200)
losses = st.decimals(
    min_value=0, max_value=Decimal(300_000_000), places=2, allow_nan=False, allow_infinity=False
)


@given(counts, counts, losses)
def test_grade_is_max_over_dimensions(deaths: int, injuries: int, loss: Decimal) -> None:
    assert classify(deaths, injuries, loss).grade is reference_grade(deaths, injuries, loss)


@given(counts, counts, losses, counts, st.integers(0, 50), st.integers(0, 50), losses)
def test_grade_never_falls_when_a_figure_rises(
    deaths: int,
    injuries: int,
    loss: Decimal,
    missing: int,
    more_deaths: int,
    more_injuries: int,
    more_loss: Decimal,
) -> None:
    base = classify(deaths, injuries, loss, missing=missing).grade
    assert classify(deaths + more_deaths, injuries, loss, missing=missing).grade >= base
    assert classify(deaths, injuries + more_injuries, loss, missing=missing).grade >= base
    assert classify(deaths, injuries, loss + more_loss, missing=missing).grade >= base
    assert classify(deaths, injuries, loss, missing=missing + more_deaths).grade >= base
