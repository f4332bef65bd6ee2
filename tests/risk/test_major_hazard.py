"""Tests of safetyrules.risk.major_hazard (GB 18218-2018 危险化学品重大危险源辨识与分级).

Expected values come from published worked examples (golden_gb18218.toml, each naming its
source) or from hand calculation written out next to the test, never from the code's output.
The critical quantities used by hand come from the standard's table 1 (氨 10 t, 氯 5 t,
硫化氢 5 t, 碳酰氯 0.3 t, 甲苯 500 t …), β from tables 3 and 4, α from table 5.
"""

from __future__ import annotations

import doctest
import pickle
import re
import tomllib
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from safetyrules.errors import InvalidInput, NotInForce, RuleDataError, UnknownReference
from safetyrules.law.confidence import Confidence
from safetyrules.law.data_files import read_packaged_text
from safetyrules.risk.major_hazard import (
    BetaSource,
    MatchedBy,
    Mixture,
    MixtureRule,
    SubstanceInput,
    UnitKind,
    alpha_for,
    assess,
    chemical,
    gb18218_tables,
    grade_for,
    hazard_category,
    is_valid_cas,
    read_tables,
)

HERE = Path(__file__).resolve().parent
GOLDEN = tomllib.loads((HERE / "golden_gb18218.toml").read_text(encoding="utf-8"))["example"]
DOCS_PAGE = HERE.parents[1] / "docs" / "risk-major-hazard.md"

# The gas-station report prints S rounded to two places (its note: exact 0.13779, shown 0.14).
ROUNDED_BY_SOURCE = {"gas-station-gasoline-diesel": 2}


# ---------------------------------------------------------------------------
# Golden cases: published worked examples
# ---------------------------------------------------------------------------


def _rows(example: dict[str, Any]) -> list[SubstanceInput]:
    return [
        SubstanceInput(name=s["name"], quantity=s["quantity"], symbols=s.get("symbols", ()))
        for s in example["substances"]
    ]


@pytest.mark.parametrize("example", GOLDEN, ids=[e["id"] for e in GOLDEN])
def test_golden_examples(example: dict[str, Any]) -> None:
    source = f"{example['id']}（{example['source']}）"
    result = assess(_rows(example), population=example.get("population"), kind=example["kind"])
    assert result.is_major is example["expected_is_major"], source
    if "expected_s" in example:
        expected = Decimal(example["expected_s"])
        places = ROUNDED_BY_SOURCE.get(example["id"])
        shown = result.s if places is None else round(result.s, places)
        assert shown == expected, source
    if "expected_r" in example:
        assert result.r == Decimal(example["expected_r"]), source
    if "expected_grade" in example:
        assert result.grade == example["expected_grade"], source


def test_every_golden_example_has_a_source() -> None:
    assert GOLDEN
    assert all(e["source"].strip() for e in GOLDEN)


def test_gas_station_exact_s() -> None:
    # haowendang.cn 加油站安全评价报告: 汽油 26.64 t (Q 200), 柴油 22.95 t (表2 W5.4, Q 5000).
    # 26.64/200 = 0.1332; 22.95/5000 = 0.00459; S = 0.13779 < 1.
    result = assess(
        [
            SubstanceInput(name="汽油", quantity="26.64"),
            SubstanceInput(name="柴油", quantity="22.95", symbols=["W5.4"]),
        ]
    )
    assert result.s == Decimal("0.13779")
    assert not result.is_major
    assert result.lines[1].category == "W5.4"
    assert result.lines[1].matched_by is MatchedBy.CATEGORY
    assert result.lines[1].table_name is None


def test_so2_example_explains_every_step() -> None:
    # cquc.net 注安题: R = 1.5 × (2 × 200 ÷ 20) = 30 → 三级.
    result = assess({"二氧化硫": 200}, population=60, kind="production")
    assert result.kind is UnitKind.PRODUCTION
    assert (result.alpha, result.r, result.grade, result.grade_label) == (
        Decimal("1.5"),
        Decimal("30"),
        3,
        "三级",
    )
    line = result.lines[0]
    assert (line.beta, line.beta_source, line.table_row) == (
        Decimal("2"),
        BetaSource.NAMED_TOXIC_GAS,
        4,
    )
    cited = [str(r.citation.provision) for r in result.reasons if r.citation is not None]
    assert cited == ["第4.1.1条", "表1", "第4.2.1条", "表3", "表5", "第4.3条", "表6"]
    assert all(r.confidence is Confidence.SECONDARY for r in result.reasons)


# ---------------------------------------------------------------------------
# Boundaries, by hand
# ---------------------------------------------------------------------------


def test_s_exactly_one_is_major() -> None:
    # 氨 Q = 10 t: q = 10 → S = 10/10 = 1 ≥ 1 → 构成重大危险源 (≥ includes the boundary).
    result = assess({"氨": 10})
    assert result.s == 1
    assert result.is_major


def test_s_just_below_one_is_not_major() -> None:
    # 氨 q = 9.999 → S = 0.9999 < 1.
    result = assess({"氨": "9.999"})
    assert result.s == Decimal("0.9999")
    assert not result.is_major
    assert result.grade is None
    assert result.alpha is None


def test_thirds_add_up_to_one_exactly() -> None:
    # 碳酰氯 Q = 0.3 t: three lots of 0.1 t → 1/3 + 1/3 + 1/3 = 1 → major.
    # β(碳酰氯, 表3) = 20; 0 people → α = 0.5; R = 0.5 × 20 × 1 = 10 → 三级 (R ≥ 10).
    rows = [SubstanceInput(name="碳酰氯", quantity="0.1")] * 3
    result = assess(rows, population=0)
    assert result.s == 1
    assert result.is_major
    assert result.r == 10
    assert result.grade == 3


@pytest.mark.parametrize(
    ("name", "q", "population", "r", "grade"),
    [
        # 氯: Q 5, β 4 (表3). 6.25/5 = 1.25; 4 × 1.25 = 5; α(100人) = 2.0 → R = 10 → 三级.
        ("氯", "6.25", 100, "10", 3),
        # 氯 6.24: 1.248 × 4 = 4.992; × 2.0 = 9.984 < 10 → 四级.
        ("氯", "6.24", 100, "9.984", 4),
        # 硫化氢: Q 5, β 5 (表3). 25/5 = 5; 5 × 5 = 25; × 2.0 = 50 → 二级.
        ("硫化氢", "25", 100, "50", 2),
        # 24.999/5 = 4.9998; × 5 = 24.999; × 2.0 = 49.998 < 50 → 三级.
        ("硫化氢", "24.999", 100, "49.998", 3),
        # 50/5 = 10; × 5 = 50; × 2.0 = 100 → 一级.
        ("硫化氢", "50", 100, "100", 1),
        # 49.999/5 = 9.9998; × 5 = 49.999; × 2.0 = 99.998 < 100 → 二级.
        ("硫化氢", "49.999", 100, "99.998", 2),
    ],
)
def test_r_boundaries(name: str, q: str, population: int, r: str, grade: int) -> None:
    result = assess({name: q}, population=population)
    assert result.r == Decimal(r)
    assert result.grade == grade


@pytest.mark.parametrize(
    ("population", "alpha"),
    [
        (0, "0.5"),  # 0人
        (1, "1.0"),  # 1–29人
        (29, "1.0"),
        (30, "1.2"),  # 30–49人
        (49, "1.2"),
        (50, "1.5"),  # 50–99人
        (99, "1.5"),
        (100, "2.0"),  # 100人以上 includes 100
        (100_000, "2.0"),
    ],
)
def test_alpha_bands(population: int, alpha: str) -> None:
    assert alpha_for(population) == Decimal(alpha)
    assert assess({"氨": 10}, population=population).alpha == Decimal(alpha)


@pytest.mark.parametrize(
    ("r", "grade"),
    [
        (0, 4),
        (Decimal("9.999"), 4),
        (10, 3),  # 50 > R ≥ 10
        (Decimal("49.999"), 3),
        (50, 2),  # 100 > R ≥ 50
        (Decimal("99.999"), 2),
        (100, 1),  # R ≥ 100
        (10_000, 1),
    ],
)
def test_grade_bands(r: Decimal | int, grade: int) -> None:
    assert grade_for(r) == grade


# ---------------------------------------------------------------------------
# Q and β resolution
# ---------------------------------------------------------------------------


def test_table2_takes_the_lowest_q_and_the_largest_beta() -> None:
    # Not in table 1; J3 (Q 50, β 2) and W2 (Q 10, β 1.5) → Q = 10 (lowest), β = 2 (largest).
    # q = 10 → S = 1; 30 people → α = 1.2; R = 1.2 × 2 × 1 = 2.4 → 四级.
    result = assess(
        [SubstanceInput(name="某可燃有毒气体", quantity=10, symbols=["J3", "W2"])], population=30
    )
    line = result.lines[0]
    assert (line.critical_quantity, line.category, line.beta, line.beta_symbol) == (
        Decimal("10"),
        "W2",
        Decimal("2"),
        "J3",
    )
    assert result.r == Decimal("2.4")
    assert result.grade == 4
    # Both choices (4.1.2's lowest Q, the largest β) rest on rules with 未见来源: the line says so.
    assert line.confidence is Confidence.UNVERIFIED
    assert result.explanation.unverified


def test_a_named_toxic_gas_outside_table1_takes_beta_from_table3() -> None:
    # 一氧化碳 is not in table 1 (煤气 is); with W2 and J3 its Q is 10 (W2), β is 2 (表3).
    result = assess(
        [SubstanceInput(name="一氧化碳", quantity=10, symbols=["W2", "J3"])], population=100
    )
    line = result.lines[0]
    assert line.critical_quantity == 10
    assert (line.beta, line.beta_source) == (Decimal("2"), BetaSource.NAMED_TOXIC_GAS)
    assert result.r == 4  # 2.0 × 2 × 10/10


def test_table1_chemical_needs_symbols_for_beta() -> None:
    # 汽油 is in table 1 (Q 200) but not in table 3: β needs its table-2 category.
    result = assess({"汽油": 300, "氯": 1}, population=10)
    assert result.is_major  # 300/200 + 1/5 = 1.7
    assert result.s == Decimal("1.7")
    assert (result.r, result.grade) == (None, None)
    assert result.symbols_needed == ("汽油",)
    assert "汽油" in result.reasons[-2].message or "汽油" in result.reasons[-1].message
    # With W5.1 (β 1.5): R = 1.0 × (1.5 × 1.5 + 4 × 0.2) = 2.25 + 0.8 = 3.05 → 四级.
    given_symbols = assess(
        [
            SubstanceInput(name="汽油", quantity=300, symbols=["W5.1"]),
            {"name": "氯", "quantity": 1},
        ],
        population=10,
    )
    assert given_symbols.r == Decimal("3.05")
    assert given_symbols.grade == 4


def test_population_missing_leaves_r_and_grade_empty_with_a_reason() -> None:
    result = assess({"氨": 20})
    assert result.is_major
    assert (result.alpha, result.r, result.grade) == (None, None, None)
    assert "常住人口" in result.reasons[-1].message


def test_mixture_with_the_same_category_counts_as_the_pure_substance() -> None:
    # 液氯 mixture, same category as 氯: Q 5, β 4 (表3). q = 5 → S = 1; 0 people → α 0.5;
    # R = 0.5 × 4 × 1 = 2 → 四级.
    row = SubstanceInput(
        name="含氯混合气", quantity=5, mixture=Mixture(pure_substance="液氯", same_category=True)
    )
    result = assess([row], population=0)
    line = result.lines[0]
    assert (line.table_name, line.critical_quantity, line.mixture_rule) == (
        "氯",
        Decimal("5"),
        MixtureRule.AS_PURE_SUBSTANCE,
    )
    assert (result.s, result.r, result.grade) == (Decimal("1"), Decimal("2"), 4)
    assert line.confidence is Confidence.UNVERIFIED  # 第4.2.3条: 未见来源


def test_mixture_with_a_new_category_takes_the_new_q() -> None:
    # 37% 甲醛溶液: 表1 lists only 甲醛（含量>90%）; the solution is J5 (Q 500): 100/500 = 0.2.
    row = SubstanceInput(
        name="甲醛溶液（37%）",
        quantity=100,
        symbols=["J5"],
        mixture=Mixture(pure_substance="甲醛", same_category=False),
    )
    result = assess([row])
    line = result.lines[0]
    assert (line.critical_quantity, line.category, line.mixture_rule) == (
        Decimal("500"),
        "J5",
        MixtureRule.NEW_CATEGORY,
    )
    assert result.s == Decimal("0.2")


def test_mixture_with_a_new_category_needs_symbols() -> None:
    row = SubstanceInput(
        name="某混合物", quantity=1, mixture=Mixture(pure_substance="甲醛", same_category=False)
    )
    with pytest.raises(InvalidInput) as error:
        assess([row])
    assert error.value.field == "substances[0].symbols"


def test_kind_labels_the_unit() -> None:
    assert assess({"氨": 1}).kind is UnitKind.STORAGE
    assert assess({"氨": 1}, kind="生产单元").kind is UnitKind.PRODUCTION
    assert "生产单元" in assess({"氨": 1}, kind="production").reasons[0].message


def test_results_pickle_and_serialise() -> None:
    result = assess([SubstanceInput(name="汽油", quantity="300", symbols=["W5.1"])], population=60)
    assert pickle.loads(pickle.dumps(result)) == result
    again = type(result).model_validate_json(result.model_dump_json())
    assert again.model_dump(mode="json") == result.model_dump(mode="json")


def test_as_of_on_the_effective_date_is_accepted() -> None:
    assert assess({"氨": 10}, as_of=date(2019, 3, 1)).as_of == date(2019, 3, 1)


# ---------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------


def test_float_quantity_is_refused_naming_the_field() -> None:
    with pytest.raises(InvalidInput) as error:
        assess({"氨": 10.0})
    assert error.value.field == "substances['氨']"
    assert "浮点数" in error.value.message
    with pytest.raises(InvalidInput) as row_error:
        assess([{"name": "氨", "quantity": 1.5}])
    assert row_error.value.field == "substances[0].quantity"
    with pytest.raises(ValidationError, match="quantity"):
        SubstanceInput(name="氨", quantity=10.0)


def test_negative_quantity_is_refused() -> None:
    with pytest.raises(InvalidInput, match="不能为负数"):
        assess({"氨": -1})


def test_unknown_chemical_suggests_a_close_match() -> None:
    with pytest.raises(UnknownReference, match="硝酸铵"):
        chemical("硝酸氨")
    with pytest.raises(InvalidInput) as error:
        assess({"硝酸氨": 1})
    assert "不在表1中" in error.value.message
    assert "硝酸铵" in error.value.message


def test_a_name_contained_in_a_table_name_is_suggested() -> None:
    # The exam's "环氧丙烷" is table 1's "1,2-环氧丙烷": suggested, never guessed.
    with pytest.raises(UnknownReference, match="1,2-环氧丙烷"):
        chemical("环氧丙烷")


def test_ambiguous_ammonium_nitrate_lists_the_qualifiers() -> None:
    with pytest.raises(InvalidInput) as error:
        chemical("硝酸铵")
    assert "含可燃物>0.2%" in error.value.message
    assert "含可燃物≤0.2%" in error.value.message
    with pytest.raises(InvalidInput):
        assess({"硝酸铵": 10})


def test_a_qualifier_picks_the_row() -> None:
    # 表1 第43行 硝酸铵（含可燃物>0.2% …）Q 5 t; 第44行（含可燃物≤0.2%）Q 50 t.
    assert chemical("硝酸铵（含可燃物≤0.2%）").critical_quantity == 50
    assert chemical("硝酸铵(含可燃物≤0.2%)").number == 44
    assert chemical("硝酸铵", qualifier="含可燃物>0.2%").critical_quantity == 5
    row = SubstanceInput(name="硝酸铵", quantity=50, qualifier="含可燃物≤0.2%")
    assert assess([row]).s == 1
    # 硝化棉 (alias) 含乙醇≥25% → 表1 第39行, Q 10 t.
    assert chemical("硝化棉（含乙醇≥25%）").critical_quantity == 10
    with pytest.raises(InvalidInput, match="没有限定条件"):
        chemical("甲醛", qualifier="含量37%")


def test_bad_hazard_symbol_is_refused() -> None:
    with pytest.raises(ValidationError, match="W12"):
        SubstanceInput(name="柴油", quantity=1, symbols=["W12"])
    with pytest.raises(InvalidInput) as error:
        assess([{"name": "柴油", "quantity": 1, "symbols": ["W12"]}])
    assert error.value.field == "substances[0].symbols"
    with pytest.raises(UnknownReference):
        hazard_category("W12")


def test_symbols_are_normalised() -> None:
    assert SubstanceInput(name="x", quantity=1, symbols=[" w5.4", "W5.4"]).symbols == ("W5.4",)


def test_chemical_outside_table1_without_symbols_is_refused() -> None:
    with pytest.raises(InvalidInput, match="须给出表2危险性类别"):
        assess({"柴油": 100})


def test_as_of_before_the_2018_edition_is_not_in_force() -> None:
    with pytest.raises(NotInForce) as error:
        assess({"氨": 10}, as_of=date(2018, 12, 31))
    assert "2019-03-01" in str(error.value)
    assert "2009" in str(error.value)


@pytest.mark.parametrize("population", [-1, True, "60", Decimal("60")])
def test_bad_population_is_refused(population: object) -> None:
    with pytest.raises(InvalidInput):
        assess({"氨": 10}, population=population)  # type: ignore[arg-type]


def test_bad_kind_and_empty_input_are_refused() -> None:
    with pytest.raises(InvalidInput):
        assess({"氨": 10}, kind="warehouse")
    with pytest.raises(InvalidInput):
        assess({})
    with pytest.raises(InvalidInput):
        assess("氨")


# ---------------------------------------------------------------------------
# Lookup
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "how"),
    [
        ("氨", "氨", MatchedBy.NAME),
        ("液\u3000氨", "氨", MatchedBy.ALIAS),  # ideographic space
        (" 氨气 ", "氨", MatchedBy.ALIAS),
        ("\uff34\uff24\uff29", "甲苯二异氰酸酯", MatchedBy.ALIAS),  # full-width TDI
        ("7664-41-7", "氨", MatchedBy.CAS),
        ("\uff17\uff16\uff16\uff14-41-7", "氨", MatchedBy.CAS),  # full-width digits
        ("8006-14-2", "甲烷，天然气", MatchedBy.CAS),
        ("甲醛（含量>90%）", "甲醛", MatchedBy.NAME),
        ("煤气(CO,CO和H2、CH4的混合物等)", "煤气", MatchedBy.NAME),  # subscripts vs digits
    ],
)
def test_lookup_ignores_width_and_spaces(text: str, name: str, how: MatchedBy) -> None:
    from safetyrules.risk.major_hazard.lookup import match_chemical

    match = match_chemical(text)
    assert match.chemical.name == name
    assert match.matched_by is how


def test_cas_with_a_wrong_check_digit_is_refused() -> None:
    with pytest.raises(InvalidInput, match="校验位"):
        chemical("7664-41-8")


def test_is_valid_cas() -> None:
    # 氨 7664-41-7: 1×1 + 2×4 + 3×4 + 4×6 + 5×6 + 6×7 = 117 → 7.
    assert is_valid_cas("7664-41-7")
    assert not is_valid_cas("7664-41-6")
    assert not is_valid_cas("76-6441-7")
    assert not is_valid_cas("")


# ---------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------

# Q (t) from table 1, or the table-2 category for 柴油; symbols so that every β is known.
POOL: dict[str, tuple[Fraction, tuple[str, ...]]] = {
    "氨": (Fraction(10), ()),
    "氯": (Fraction(5), ()),
    "硫化氢": (Fraction(5), ()),
    "碳酰氯": (Fraction(3, 10), ()),
    "异氰酸甲酯": (Fraction(3, 4), ()),
    "三氧化硫": (Fraction(75), ("J5",)),
    "甲苯": (Fraction(500), ("W5.3",)),
    "汽油": (Fraction(200), ("W5.1",)),
    "液化石油气": (Fraction(50), ("W2",)),
    "柴油": (Fraction(5000), ("W5.4",)),
}

quantities = st.decimals(min_value=0, max_value=20000, places=3, allow_nan=False)
rows_strategy = st.lists(
    st.tuples(st.sampled_from(sorted(POOL)), quantities), min_size=1, max_size=6
)


def _inputs(rows: list[tuple[str, Decimal]]) -> list[SubstanceInput]:
    return [SubstanceInput(name=n, quantity=q, symbols=POOL[n][1]) for n, q in rows]


@given(rows=rows_strategy, population=st.integers(min_value=0, max_value=5000))
def test_s_matches_the_formula_and_grading_follows_s(
    rows: list[tuple[str, Decimal]], population: int
) -> None:
    result = assess(_inputs(rows), population=population)
    exact = sum((Fraction(q) / POOL[n][0] for n, q in rows), Fraction(0))
    assert Fraction(result.s) <= exact < Fraction(result.s) + Fraction(1, 10**20)
    assert result.is_major is (exact >= 1)
    assert (result.grade is not None) is result.is_major
    assert (result.r is not None) is result.is_major


@given(
    rows=rows_strategy,
    position=st.integers(min_value=0, max_value=5),
    extra=quantities,
    population=st.integers(min_value=0, max_value=5000),
)
def test_more_of_a_substance_never_lowers_s_r_or_the_grade(
    rows: list[tuple[str, Decimal]], position: int, extra: Decimal, population: int
) -> None:
    index = position % len(rows)
    more = list(rows)
    more[index] = (rows[index][0], rows[index][1] + extra)
    before = assess(_inputs(rows), population=population)
    after = assess(_inputs(more), population=population)
    assert after.s >= before.s
    if before.is_major:
        assert after.is_major
        assert before.r is not None
        assert after.r is not None
        assert after.r >= before.r
        assert before.grade is not None
        assert after.grade is not None
        assert after.grade <= before.grade  # 1 = 一级 is the highest


@given(rows=rows_strategy, added=st.tuples(st.sampled_from(sorted(POOL)), quantities))
def test_adding_a_substance_never_lowers_s(
    rows: list[tuple[str, Decimal]], added: tuple[str, Decimal]
) -> None:
    assert assess(_inputs([*rows, added])).s >= assess(_inputs(rows)).s


# ---------------------------------------------------------------------------
# The data file
# ---------------------------------------------------------------------------


def _cas_check_digit_ok(number: str) -> bool:
    # CAS: the check digit is Σ (position from the right × digit) mod 10.
    body, check = number.replace("-", "")[:-1], number[-1]
    return sum(i * int(d) for i, d in enumerate(reversed(body), start=1)) % 10 == int(check)


def test_the_packaged_file_loads() -> None:
    t = gb18218_tables()
    assert len(t.chemicals) == 85
    assert [c.number for c in t.chemicals] == list(range(1, 86))
    assert len(t.categories) == 24
    assert len(t.toxic_gases) == 14
    assert set(t.category_betas) == set(t.categories)
    assert t.effective_from == date(2019, 3, 1)
    # Spot checks against published values of table 1 (siyuancloud.com: 氧 200 t; 2009 苯乙烯 50 t).
    assert chemical("氧").critical_quantity == 200
    assert chemical("苯乙烯").critical_quantity == 500  # 2009 and earlier: 50
    assert chemical("异氰酸甲酯").critical_quantity == Decimal("0.75")


def test_every_cas_in_the_file_passes_the_check_digit() -> None:
    numbers = [n for c in gb18218_tables().chemicals for n in c.cas]
    numbers += [n for g in gb18218_tables().toxic_gases for n in g.cas]
    assert len(numbers) > 80
    for number in numbers:
        assert _cas_check_digit_ok(number), number
        assert is_valid_cas(number), number


def test_every_entry_cites_its_table() -> None:
    t = gb18218_tables()
    assert {str(c.citation.provision) for c in t.chemicals} == {"表1"}
    assert {str(c.citation.provision) for c in t.categories.values()} == {"表2"}
    assert {str(g.citation.provision) for g in t.toxic_gases} == {"表3"}
    assert {str(b.citation.provision) for b in t.category_betas.values()} == {"表4"}
    assert {str(b.value.citation.provision) for b in t.alpha.bands} == {"表5"}
    assert {str(b.value.citation.provision) for b in t.grades.bands} == {"表6"}


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    text = read_packaged_text("risk/gb18218-2018.toml")
    assert old in text
    path = tmp_path / "gb18218-2018.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ('name = "二氟化氧"', 'name = "氨"', "chemical[1].name"),  # duplicate name
        ('aliases = ["一氧化二氟"]', 'aliases = ["液氨"]', "chemical[1].aliases[0]"),
        ('critical_quantity = "10"', "critical_quantity = 10.0", "chemical[0].critical_quantity"),
        ('cas = ["7664-41-7"]', 'cas = ["7664-41-8"]', "chemical[0].cas"),
        ("number = 2\n", "number = 3\n", "chemical[1].number"),
        ('symbol = "W11"\nbeta', 'symbol = "W12"\nbeta', "symbol_beta[23].symbol"),
        ('symbol = "W11"\nbeta', 'symbol = "W10"\nbeta', "symbol_beta[23].symbol"),
        ("max_population = 99", "max_population = 98", "alpha"),
        ('min_r = "50"\nmax_r = "100"', 'min_r = "60"\nmax_r = "100"', "grade"),
        (
            "《危险化学品重大危险源辨识》（GB 18218-2018）表1",
            "《生产安全事故报告和调查处理条例》第三条",
            "chemical[0].citation",
        ),
    ],
)
def test_a_broken_copy_names_the_key(tmp_path: Path, old: str, new: str, key: str) -> None:
    with pytest.raises(RuleDataError) as error:
        read_tables(_broken(tmp_path, old, new))
    assert error.value.key == key


def test_a_float_q_says_why(tmp_path: Path) -> None:
    path = _broken(tmp_path, 'critical_quantity = "10"', "critical_quantity = 10.0")
    with pytest.raises(RuleDataError, match="浮点数"):
        read_tables(path)


# ---------------------------------------------------------------------------
# The docs page's example runs
# ---------------------------------------------------------------------------


def test_the_docs_page_example_runs() -> None:
    # Code fences end an example's expected output, as a blank line does in a docstring.
    text = re.sub(r"^```.*$", "", DOCS_PAGE.read_text(encoding="utf-8"), flags=re.MULTILINE)
    parser = doctest.DocTestParser()
    test = parser.get_doctest(text, {}, DOCS_PAGE.name, str(DOCS_PAGE), 0)
    assert test.examples, "the page should hold a >>> example"
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    assert runner.failures == 0
