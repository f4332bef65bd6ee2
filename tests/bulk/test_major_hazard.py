"""Tests of safetyrules.bulk.major_hazard: GB 18218-2018 over whole frames (批量重大危险源辨识).

The bulk path must give every unit what :func:`safetyrules.risk.major_hazard.assess` gives it:
a hypothesis property over random units (polars, pandas, pyarrow; quantities as text,
decimals and integers) built from the standard's own table values, with quantities placed on
and around S = 1 and R on and around the edges of table 6 (10, 50, 100), several chemicals per
unit, table-2 symbols, population bands and bad cells. The scalar input of each unit is built
here from the frame's cells by the reading rules the module documents.

Golden cases with a named source: the published worked examples of tests/risk/
golden_gb18218.toml (each names its source; e.g. cquc.net 注安题: 二氧化硫 200 t, 60 people →
R = 1.5 × (2 × 200 ÷ 20) = 30 → 三级; laixue.com 丁库房: 200/500 + 100/200 + 1/10 = 1 exactly
→ 构成), and the hand calculations of tests/risk/test_major_hazard.py (氨 10 t → S = 1;
9.999 t → 0.9999; three lots of 0.1 t 碳酰氯 → S = 1/3 + 1/3 + 1/3 = 1, R = 0.5 × 20 × 1 = 10
三级; 氯 6.25 t at 100 people → R = 10 三级, 6.24 t → 9.984 四级; 硫化氢 25 / 24.999 / 50 /
49.999 t → R = 50 二级 / 49.998 三级 / 100 一级 / 99.998 二级).
"""

from __future__ import annotations

import pickle
import tomllib
from collections.abc import Mapping, Sequence
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path
from typing import Any

import narwhals as nw
import pandas as pd
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safetyrules.bulk import PROBLEM, REASONS, UNIT_COLUMNS, assess_units, explain_unit
from safetyrules.errors import InvalidInput, NotInForce, SafetyRulesError
from safetyrules.risk.major_hazard import (
    MajorHazardAssessment,
    UnitKind,
    assess,
    chemical,
    gb18218_tables,
)
from safetyrules.risk.major_hazard.grading import named_toxic_gas
from tests.bulk.support import BACKENDS, FRAME_EXAMPLES, MAX_ROWS, rows_of

HERE = Path(__file__).resolve().parent
GOLDEN = tomllib.loads((HERE.parent / "risk" / "golden_gb18218.toml").read_text(encoding="utf-8"))[
    "example"
]
# The gas-station report prints S rounded to two places (its note: exact 0.13779, shown 0.14).
ROUNDED_BY_SOURCE = {"gas-station-gasoline-diesel": 2}

TABLES = gb18218_tables()
# Table-1 rows a bare name picks (硝酸铵 and 硝化纤维素 have several rows, chosen by qualifier).
NAMES = sorted({c.name for c in TABLES.chemicals} - {"硝酸铵", "硝化纤维素"})
TOXIC = [n for n in NAMES if named_toxic_gas([n]) is not None]
POPULATIONS = [0, 1, 29, 30, 49, 50, 99, 100, 250]
EDGES = [Decimal(10), Decimal(50), Decimal(100)]


# ---- the scalar expectation -------------------------------------------------------------------


class ReadingError(Exception):
    """A cell the reading refuses before the scalar sees it (a bad head count, disagreement)."""


def population_of(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise ReadingError(value)
    number = Decimal(str(value).strip())
    if number != number.to_integral_value() or number < 0:
        raise ReadingError(value)
    return int(number)


def expected(rows: Sequence[Mapping[str, Any]]) -> MajorHazardAssessment | Exception:
    """One unit's rows as one call of the scalar ``assess``, as the module's docs read them."""
    try:
        populations = {population_of(r.get("population")) for r in rows} - {None}
        kinds = {UnitKind.parse(r["kind"]) for r in rows if r.get("kind") is not None}
        if len(populations) > 1 or len(kinds) > 1:
            raise ReadingError("disagree")
        substances = []
        for row in rows:
            found: dict[str, Any] = {"name": row["substance"], "quantity": row["quantity"]}
            if row.get("symbols") is not None:
                found["symbols"] = [s for s in str(row["symbols"]).split("、") if s]
            substances.append(found)
        kind = kinds.pop() if kinds else UnitKind.STORAGE
        return assess(substances, population=populations.pop() if populations else None, kind=kind)
    except (SafetyRulesError, ReadingError) as error:
        return error


def not_graded(result: MajorHazardAssessment) -> str | None:
    """Why the scalar did not grade a unit, from its own reasons."""
    if result.r is not None:
        return None
    if not result.is_major:
        return "S < 1，不构成重大危险源，不分级"
    texts = [
        r.message
        for r in result.reasons
        if (r.rule == "risk.major_hazard.beta" and "symbols_needed" in r.inputs)
        or (r.rule == "risk.major_hazard.alpha" and "population" not in r.inputs)
    ]
    return "；".join(texts)


def assert_agrees(inputs: Sequence[Mapping[str, Any]], assessed: Any) -> None:
    out = rows_of(assessed)
    assert [r["unit"] for r in out] == list(dict.fromkeys(r["unit"] for r in inputs))
    for row in out:
        result = expected([r for r in inputs if r["unit"] == row["unit"]])
        if isinstance(result, Exception):
            assert row[PROBLEM], (row, result)
            assert all(row[c] is None for c in UNIT_COLUMNS if c != PROBLEM), row
            continue
        assert row[PROBLEM] is None, (row, [r for r in inputs if r["unit"] == row["unit"]])
        assert row["unit_kind"] == result.kind.value
        assert row["s"] == float(result.s)
        assert row["is_major"] is result.is_major
        assert row["alpha"] == (None if result.alpha is None else float(result.alpha))
        assert row["r"] == (None if result.r is None else float(result.r))
        assert row["grade"] == result.grade
        assert row["grade_label"] == result.grade_label
        assert row["not_graded"] == not_graded(result)


# ---- the property -----------------------------------------------------------------------------


def _exact(value: Decimal) -> Decimal:
    """A quantity as a register writes it: at most six decimals."""
    return value.quantize(Decimal("0.000001"), rounding=ROUND_HALF_EVEN).normalize()


# The strategies are built once: a table of many units draws from them many times.
POPULATION = st.sampled_from([None, *POPULATIONS])
KIND = st.sampled_from([None, None, "production", "storage", "储存单元"])
SHAPE = st.sampled_from(["s-edge", "s-edge", "r-edge", "bad"])
TOXIC_NAME = st.sampled_from(TOXIC)
EDGE = st.sampled_from(EDGES)
HAIR = st.sampled_from([Decimal(0), Decimal("0.000001"), Decimal("-0.000001")])
SHARE = st.sampled_from(["1/2", "1/3", "1/4", "1/5", "2/3"])
NAME = st.sampled_from(NAMES)
NEAR_ONE = st.sampled_from([Decimal(1), Decimal(1), Decimal("0.9999"), Decimal("1.0001")])
SYMBOLS = st.sampled_from([None, None, "W5.1", "J3、W2"])
BAD_ROW = st.sampled_from(
    [
        {"substance": "柴油", "quantity": Decimal(1), "symbols": None},
        {"substance": "硝酸氨", "quantity": Decimal(1), "symbols": None},
        {"substance": "硝酸铵", "quantity": Decimal(1), "symbols": None},
        {"substance": "某物质", "quantity": Decimal(1), "symbols": "W12"},
        {"substance": "氨", "quantity": Decimal(-1), "symbols": None},
        {"substance": "氨", "quantity": None, "symbols": None},
        {"substance": None, "quantity": Decimal(1), "symbols": None},
    ]
)


@st.composite
def units(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Units of one to three chemicals (four with a bad row), quantities placed near S = 1 or an
    R edge: up to about :data:`MAX_ROWS` rows."""
    rows: list[dict[str, Any]] = []
    for index in range(draw(st.integers(min_value=1, max_value=MAX_ROWS // 3))):
        unit = f"单元{index}"
        population = draw(POPULATION)
        kind = draw(KIND)
        shape = draw(SHAPE)
        found: list[dict[str, Any]] = []
        if shape == "r-edge" and population is not None:
            # One toxic gas: R = α·β·q/Q on an edge of table 6, or a hair either side.
            name = draw(TOXIC_NAME)
            gas = named_toxic_gas([name])
            assert gas is not None
            alpha = TABLES.alpha.value_for(population).value
            q = draw(EDGE) * chemical(name).critical_quantity / (alpha * gas.beta)
            q += draw(HAIR)
            found.append(
                {"substance": name, "quantity": _exact(max(q, Decimal(0))), "symbols": None}
            )
        else:
            # One to three chemicals whose shares of S add up to 1, or a hair either side.
            count = draw(st.integers(min_value=1, max_value=3))
            shares = [draw(SHARE) for _ in range(count - 1)]
            fractions = [Decimal(a) / Decimal(b) for a, b in (s.split("/") for s in shares)]
            fractions.append(max(Decimal(1) - sum(fractions, Decimal(0)), Decimal("0.1")))
            for share in fractions:
                name = draw(NAME)
                q = share * chemical(name).critical_quantity * draw(NEAR_ONE)
                symbols = draw(SYMBOLS)
                found.append({"substance": name, "quantity": _exact(q), "symbols": symbols})
            if draw(st.booleans()):
                found.append(
                    {"substance": "某可燃有毒气体", "quantity": Decimal(1), "symbols": "J3、W2"}
                )
        if shape == "bad":
            found.append(draw(BAD_ROW))
        for position, row in enumerate(found):
            # The unit's population and kind on some of its rows; a bad unit may disagree.
            given = population if position == 0 or draw(st.booleans()) else None
            if shape == "bad" and given is not None and draw(st.booleans()):
                given += 1
            rows.append(
                {"unit": unit, **row, "population": given, "kind": kind if position == 0 else None}
            )
    order = draw(st.permutations(range(len(rows))))
    return [rows[i] for i in order]


def cells(kind: str, value: Decimal | None) -> object:
    """A quantity as a column of this kind holds it; an integer column holds whole tonnes."""
    if value is None:
        return None
    if kind == "int":
        return int(value.to_integral_value(ROUND_HALF_EVEN))
    if kind == "decimal":
        return value
    return str(value)


COLUMNS = ("unit", "substance", "quantity", "population", "kind", "symbols")


@settings(max_examples=FRAME_EXAMPLES)  # a whole frame of many rows per example: see support
@given(data=st.data())
def test_bulk_agrees_with_scalar_unit_by_unit(data: st.DataObject) -> None:
    backend = data.draw(st.sampled_from(sorted(BACKENDS)))
    rows = data.draw(units())
    kind = data.draw(st.sampled_from(["text", "decimal", "int"]))
    columns = {name: [r[name] for r in rows] for name in COLUMNS}
    columns["quantity"] = [cells(kind, q) for q in columns["quantity"]]
    frame = BACKENDS[backend](columns)
    assessed = assess_units(
        frame, population_column="population", kind_column="kind", symbols_column="symbols"
    )
    assert type(assessed) is type(frame)
    assert_agrees(rows_of(frame), assessed)


# ---- golden cases -------------------------------------------------------------------------------


@pytest.mark.parametrize("backend", sorted(BACKENDS))
def test_golden_examples_of_published_sources(backend: str) -> None:
    rows = [
        {
            "unit": example["id"],
            "substance": found["name"],
            "quantity": found["quantity"],
            "symbols": "、".join(found.get("symbols", [])) or None,
            "population": example.get("population"),
            "kind": example["kind"],
        }
        for example in GOLDEN
        for found in example["substances"]
    ]
    frame = BACKENDS[backend]({name: [r[name] for r in rows] for name in COLUMNS})
    out = rows_of(
        assess_units(
            frame, population_column="population", kind_column="kind", symbols_column="symbols"
        )
    )
    assert [r["unit"] for r in out] == [e["id"] for e in GOLDEN]
    for example, row in zip(GOLDEN, out, strict=True):
        source = f"{example['id']}（{example['source']}）"
        assert row[PROBLEM] is None, source
        assert row["is_major"] is example["expected_is_major"], source
        if "expected_s" in example:
            places = ROUNDED_BY_SOURCE.get(example["id"])
            shown = Decimal(repr(row["s"]))
            shown = shown if places is None else round(shown, places)
            assert shown == Decimal(example["expected_s"]), source
        if "expected_r" in example:
            assert Decimal(repr(row["r"])) == Decimal(example["expected_r"]), source
        if "expected_grade" in example:
            assert row["grade"] == example["expected_grade"], source


@pytest.mark.parametrize(
    ("rows", "population", "s", "is_major", "r", "grade"),
    [
        # 氨 Q = 10 t: 10/10 = 1 ≥ 1 → 构成 (the boundary is included); no population, no R.
        ([("氨", "10")], None, 1.0, True, None, None),
        # 9.999/10 = 0.9999 < 1.
        ([("氨", "9.999")], None, 0.9999, False, None, None),
        # 碳酰氯 Q = 0.3 t, three lots of 0.1 t: 1/3 + 1/3 + 1/3 = 1; β 20, 0 people → α 0.5;
        # R = 0.5 × 20 × 1 = 10 → 三级 (R ≥ 10).
        ([("碳酰氯", "0.1")] * 3, 0, 1.0, True, 10.0, 3),
    ],
)
def test_s_boundaries_by_hand(
    rows: list[tuple[str, str]],
    population: int | None,
    s: float,
    is_major: bool,
    r: float | None,
    grade: int | None,
) -> None:
    frame = pl.DataFrame(
        {
            "unit": ["U"] * len(rows),
            "substance": [n for n, _ in rows],
            "quantity": [q for _, q in rows],
            "population": [population] * len(rows),
        },
        schema_overrides={"population": pl.Int64},
    )
    (row,) = rows_of(assess_units(frame, population_column="population"))
    assert (row["s"], row["is_major"], row["r"], row["grade"]) == (s, is_major, r, grade)


@pytest.mark.parametrize("backend", sorted(BACKENDS))
def test_r_boundaries_by_hand(backend: str) -> None:
    cases = [
        # 氯: Q 5, β 4. 6.25/5 × 4 × α(100人) 2.0 = 10 → 三级; 6.24 → 9.984 → 四级.
        ("氯", "6.25", 10.0, 3),
        ("氯", "6.24", 9.984, 4),
        # 硫化氢: Q 5, β 5. 25 → 50 二级; 24.999 → 49.998 三级; 50 → 100 一级; 49.999 → 99.998.
        ("硫化氢", "25", 50.0, 2),
        ("硫化氢", "24.999", 49.998, 3),
        ("硫化氢", "50", 100.0, 1),
        ("硫化氢", "49.999", 99.998, 2),
    ]
    frame = BACKENDS[backend](
        {
            "unit": [f"U{i}" for i in range(len(cases))],
            "substance": [c[0] for c in cases],
            "quantity": [c[1] for c in cases],
            "population": [100] * len(cases),
        }
    )
    out = rows_of(assess_units(frame, population_column="population"))
    assert [(r["r"], r["grade"]) for r in out] == [(c[2], c[3]) for c in cases]


# ---- the scalar fallback, reading, conventions ---------------------------------------------------


def test_units_too_large_or_too_fine_go_to_the_scalar_path() -> None:
    rows = [
        ("huge", "氨", "99999999999999.5"),
        ("fine", "氨", "0.000000000001"),
        ("fine", "氨", "9.999999999999"),
        ("thirds", "碳酰氯", "0.1"),
        ("thirds", "碳酰氯", "0.2"),
    ]
    frame = pl.DataFrame(
        {
            "unit": [r[0] for r in rows],
            "substance": [r[1] for r in rows],
            "quantity": [r[2] for r in rows],
        }
    ).with_columns(population=pl.lit(10))
    out = rows_of(assess_units(frame, population_column="population"))
    for row in out:
        result = expected(
            [
                {"unit": r[0], "substance": r[1], "quantity": r[2], "population": 10}
                for r in rows
                if r[0] == row["unit"]
            ]
        )
        assert isinstance(result, MajorHazardAssessment)
        assert (row["s"], row["is_major"], row["r"], row["grade"]) == (
            float(result.s),
            result.is_major,
            None if result.r is None else float(result.r),
            result.grade,
        )
    # 0.000000000001 + 9.999999999999 = 10 t of 氨 → S = 1 exactly; 0.3 t of 碳酰氯 → 1.
    assert [r["is_major"] for r in out] == [True, True, True]


@pytest.mark.parametrize("backend", sorted(BACKENDS))
def test_quantities_read_exactly_or_refused(backend: str) -> None:
    decimals = BACKENDS[backend](
        {
            "unit": ["A", "B"],
            "substance": ["氨", "氨"],
            "quantity": [Decimal("10.000"), Decimal("9.5")],
        }
    )
    assert [r["s"] for r in rows_of(assess_units(decimals))] == [1.0, 0.95]
    floats = BACKENDS[backend]({"unit": ["A"], "substance": ["氨"], "quantity": [10.0]})
    (row,) = rows_of(assess_units(floats))
    assert row[PROBLEM] == "quantity = 10.0：数量必须是 Decimal、整数或数字字符串（不接受浮点数）"
    with pytest.raises(InvalidInput, match="不接受浮点数"):
        explain_unit(floats, "A")


def test_problems_name_the_column_and_the_value() -> None:
    frame = pl.DataFrame(
        {
            "unit": ["A", "B", "C", "C", "D", None],
            "substance": ["柴油", "氨", "氨", "氯", "氨", "氨"],
            "quantity": ["1", "-2", "1", "1", "abc", "1"],
            "population": [None, None, 10, 20, None, None],
            "kind": [None, "warehouse", None, None, None, None],
        }
    )
    out = assess_units(frame, population_column="population", kind_column="kind")
    assert out[PROBLEM].to_list() == [
        "substance = 柴油：不在表1中，须给出表2危险性类别（symbols，如 W5.4）以确定临界量；表1 中相近的有：汽油",
        "quantity = -2：数量不能为负数；kind = warehouse：应为 production（生产单元）或 storage（储存单元）",
        "population 不一致：同一单元各行的常住人口数不同",
        "quantity = abc：数量必须是 Decimal、整数或数字字符串",
        "unit 为空：每行须写明所属单元",
    ]


@pytest.mark.parametrize("backend", sorted(BACKENDS))
def test_same_kind_out_one_row_per_unit_in_first_order(backend: str) -> None:
    frame = BACKENDS[backend](
        {
            "unit": ["乙", "甲", "乙"],
            "substance": ["乙醇", "二氧化硫", "汽油"],
            "quantity": ["200", "200", "100"],
            "population": [None, 60, None],
            "kind": [None, "生产单元", None],
        }
    )
    assessed = assess_units(frame, population_column="population", kind_column="kind")
    assert type(assessed) is type(frame)
    out = nw.from_native(assessed, eager_only=True)
    assert out.columns == ["unit", *UNIT_COLUMNS]
    assert out.get_column("unit").to_list() == ["乙", "甲"]
    assert out.get_column("unit_kind").to_list() == ["储存单元", "生产单元"]
    assert out.get_column("s").to_list() == [0.9, 10.0]
    assert out.get_column("r").to_list()[1] == 30.0
    for name in ("s", "alpha", "r"):
        assert out.schema[name] == nw.Float64, name
    assert pickle.loads(pickle.dumps(assessed)).shape == (2, 1 + len(UNIT_COLUMNS))
    if backend == "pandas":
        assert list(assessed.index) == [0, 1]


def test_narwhals_in_narwhals_out() -> None:
    frame = nw.from_native(
        pl.DataFrame({"unit": [1], "substance": ["氨"], "quantity": [10]}), eager_only=True
    )
    assessed = assess_units(frame)
    assert isinstance(assessed, nw.DataFrame)
    assert assessed.get_column("is_major").to_list() == [True]


def test_mixtures_and_qualifiers() -> None:
    # 液氯 mixture, same category as 氯: Q 5, β 4; q 5 → S = 1; 0 people → α 0.5; R = 2 → 四级.
    # 硝酸铵 with its qualifier 含可燃物≤0.2%: Q 50; 25 t → S = 0.5.
    frame = pl.DataFrame(
        {
            "unit": ["M", "N"],
            "substance": ["含氯混合气", "硝酸铵"],
            "quantity": ["5", "25"],
            "qualifier": [None, "含可燃物≤0.2%"],
            "pure": ["液氯", None],
            "same": ["true", None],
            "population": [0, 0],
        }
    )
    out = assess_units(
        frame,
        population_column="population",
        qualifier_column="qualifier",
        pure_substance_column="pure",
        same_category_column="same",
    )
    assert out.select("s", "r", "grade").rows() == [(1.0, 2.0, 4), (0.5, None, None)]


def test_bad_keywords_raise() -> None:
    frame = pl.DataFrame({"unit": ["A"], "substance": ["氨"], "quantity": [10]})
    with pytest.raises(NotInForce, match="2019-03-01"):
        assess_units(frame, as_of=date(2019, 2, 28))
    assert assess_units(frame, as_of=date(2019, 3, 1))["is_major"].to_list() == [True]
    with pytest.raises(InvalidInput, match="kind"):
        assess_units(frame, kind="warehouse")
    with pytest.raises(InvalidInput, match="population_column"):
        assess_units(frame, population_column="population")
    with pytest.raises(InvalidInput, match="LazyFrame"):
        assess_units(frame.lazy())
    with pytest.raises(InvalidInput, match="与结果列重名"):
        assess_units(frame.rename({"unit": "s"}), unit_column="s")


def test_reasons_and_explain_are_the_scalar_path() -> None:
    frame = pd.DataFrame(
        {
            "unit": ["A", "B"],
            "substance": ["二氧化硫", "柴油"],
            "quantity": ["200", "1"],
            "people": [60, 60],
        }
    )
    assessed = assess_units(frame, population_column="people", kind="production", reasons=True)
    assert list(assessed.columns)[-1] == REASONS
    scalar = assess({"二氧化硫": "200"}, population=60, kind="production")
    assert assessed[REASONS][0] == scalar.explanation.text()
    assert pd.isna(assessed[REASONS][1])
    assert explain_unit(frame, "A", population_column="people", kind="production") == scalar
    with pytest.raises(InvalidInput, match="不在表1中"):
        explain_unit(frame, "B", population_column="people")
    with pytest.raises(InvalidInput, match="没有这一单元"):
        explain_unit(frame, "Z", population_column="people")
