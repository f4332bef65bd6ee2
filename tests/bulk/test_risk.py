"""Tests of safetyrules.bulk.risk: risk grading over whole frames (批量风险分级).

The bulk path must compute what the scalar :func:`safetyrules.risk.assess` computes, row by
row: a hypothesis property over random frames (polars, pandas, pyarrow; numbers, text and
decimals; good, bad and missing values; mixed methods; direct judgement) and an exhaustive check
of every reachable factor combination under every shipped scheme. Then the frame conventions
(same kind out, columns and row order kept, bad keywords raise, bad rows carry a problem), the
explanations and pickling, and that the float scores are the nearest doubles to the exact
decimals in every backend.

Golden rows, by hand: LEC 3 × 6 × 7 = 126 → 3级 一般风险 黄 (the package's own example in
``safetyrules.risk``); LS 4 × 5 = 20 → 1级 重大风险 红 under the default LS scheme (ls-db37,
(16, 25] is 1级); boundary scores 20 and 70 under the upper- and the lower-inclusive LEC schemes.
"""

from __future__ import annotations

import itertools
import math
import pickle
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import narwhals as nw
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safetyrules.bulk import (
    PROBLEM,
    REASONS,
    RESULT_COLUMNS,
    exact_score,
    explain_risk_row,
    grade_risks,
)
from safetyrules.errors import InvalidInput, NotInForce, SafetyRulesError, UnknownReference
from safetyrules.risk import assess, method, schemes
from safetyrules.risk.direct import _reset_registered, register_direct_conditions
from safetyrules.risk.methods import MethodName
from tests.bulk.support import BACKENDS, FRAME_EXAMPLES, MAX_ROWS, rows_of

SYMBOLS = ("L", "E", "C", "S", "M")
ENABLED = ["major-hazard-installation", "ten-or-more-workers-at-hazardous-site"]
DISABLED = "major-accident-hazard"  # listed in the national list, enabled = false


def scalar(
    row: Mapping[str, Any], *, fixed: str | None = None, direct: str | None = None, **keywords: Any
) -> Any:
    """The scalar result for one input row, or the error it raises."""
    name = fixed if fixed is not None else row["method"]
    try:
        chosen = method(name)
        factors = {f.symbol: row[f.symbol] for f in chosen.factors if f.symbol in row}
        ids: list[str] = []
        if direct is not None and row.get(direct):
            ids = [part.strip() for part in str(row[direct]).split("、") if part.strip()]
        return assess(chosen.id, factors, direct=ids, **keywords)
    except SafetyRulesError as error:
        return error


def assert_agrees(inputs: list[dict[str, Any]], graded: Any, **scalar_keywords: Any) -> None:
    """Every graded row (a frame, or its rows) equals the scalar result; a row is bad exactly
    when the scalar raises."""
    out = graded if isinstance(graded, list) else rows_of(graded)
    assert len(out) == len(inputs)
    for index, (row, result) in enumerate(zip(inputs, out, strict=True)):
        expected = scalar(row, **scalar_keywords)
        if isinstance(expected, SafetyRulesError):
            assert result[PROBLEM], (index, row, expected)
            assert all(result[c] is None for c in RESULT_COLUMNS if c != PROBLEM), result
            continue
        assert result[PROBLEM] is None, (index, row, result[PROBLEM])
        assert result["score"] == float(expected.score), (index, row)
        assert exact_score(result["score"]) == expected.score
        assert result["scored_level"] == expected.scored_level.value, (index, row)
        assert result["level"] == expected.level.value, (index, row)
        assert result["colour"] == expected.colour.value, (index, row)
        assert result["grade"] == expected.grade, (index, row)
        assert result["scheme"] == expected.scheme, (index, row)


# ---- the property: bulk and scalar agree on random frames ----------------------------------

BAD_NUMBERS = [Decimal(v) for v in ("0", "0.3", "2.5", "4", "7", "11", "1000")]


def cell(kind: str, value: Decimal) -> object:
    """A factor value as a column of this kind holds it: text as written, padded or with a
    trailing zero (all read as the number by the scalar check)."""
    if kind == "float":
        return float(value)
    if kind == "int":
        return int(value)
    if kind == "decimal":
        return value
    if kind == "padded":
        return f" {value} "
    if kind == "trailing":
        return f"{value}0" if "." in str(value) else f"{value}.0"
    return str(value)


NAMES = ["LEC", "LS", "MES", "LEC", "LS", "MES", "lec", "XYZ", None]
KINDS = ["text", "padded", "trailing", "decimal", "float", "int"]
NUMERIC = {"decimal", "float", "int"}


def _allowed(name: str | None, symbol: str, kind: str) -> list[Decimal]:
    """The table values a cell of this row's method may take (LEC's E for a row without a
    valid method or of a method without the factor); only whole ones in an integer column."""
    if name in MethodName.__members__ and symbol in {f.symbol for f in method(name).factors}:
        allowed = list(method(name).factor(symbol).allowed)
    else:
        allowed = list(method("LEC").factor("E").allowed)
    if kind == "int":
        allowed = [v for v in allowed if v == v.to_integral_value()]
    return allowed


# The strategies are built once: a table of many rows draws a cell from them thousands of times.
GOOD = {
    (name, symbol, kind): st.sampled_from(_allowed(name, symbol, kind))
    for name in NAMES
    for symbol in SYMBOLS
    for kind in ("text", "int")
}
CHOICES = st.sampled_from(["good"] * 8 + ["bad", "missing"])
BAD_TEXT = st.sampled_from([*BAD_NUMBERS, "abc", "", "-1"])
BAD = {
    "decimal": st.sampled_from(BAD_NUMBERS),
    "float": st.sampled_from(BAD_NUMBERS),
    "int": st.sampled_from([v for v in BAD_NUMBERS if v == v.to_integral_value()]),
}
METHODS = st.sampled_from(NAMES)
DIRECT = st.sampled_from(
    [None, "", ENABLED[0], f"{ENABLED[1]}、{ENABLED[0]}", DISABLED, "no-such-id"]
)


@st.composite
def frames(draw: st.DrawFn) -> tuple[str, dict[str, list[Any]]]:
    """A backend and the columns of a register: methods (some bad or missing), the factors of
    all methods (mostly table values, some bad, some missing), direct-judgement ids.

    Each factor column's kind is drawn first: text (as written, padded or with a trailing
    zero) may hold bad text; decimals, floats and integers hold numbers only, bad ones among
    them, and an integer column whole numbers only."""
    backend = draw(st.sampled_from(sorted(BACKENDS)))
    size = draw(st.integers(min_value=1, max_value=MAX_ROWS))
    kinds = {symbol: draw(st.sampled_from(KINDS)) for symbol in SYMBOLS}
    names = [draw(METHODS) for _ in range(size)]
    columns: dict[str, list[Any]] = {"method": names}
    for symbol, kind in kinds.items():
        values: list[Any] = []
        for name in names:
            choice = draw(CHOICES)
            if choice == "good":
                values.append(draw(GOOD[name, symbol, "int" if kind == "int" else "text"]))
            elif choice == "bad":
                values.append(draw(BAD.get(kind, BAD_TEXT)))
            else:
                values.append(None)
        columns[symbol] = [cell(kind, v) if isinstance(v, Decimal) else v for v in values]
    columns["direct"] = [draw(DIRECT) for _ in range(size)]
    return backend, columns


FIXED = [
    (None, None),  # each row's method from the method column, default schemes
    ("LEC", None),
    ("LEC", "lec-lower-inclusive"),
    ("LS", "ls-zgmkw"),
    ("MES", None),
]


@settings(max_examples=FRAME_EXAMPLES)  # a whole frame of many rows per example: see support
@given(frames(), st.sampled_from(FIXED), st.booleans())
def test_bulk_agrees_with_scalar_row_by_row(
    drawn: tuple[str, dict[str, list[Any]]],
    fixed: tuple[str | None, str | None],
    with_direct: bool,
) -> None:
    backend, columns = drawn
    frame = BACKENDS[backend](columns)
    chosen_method, chosen_scheme = fixed
    direct = "direct" if with_direct else None
    graded = grade_risks(frame, method=chosen_method, scheme=chosen_scheme, direct_column=direct)
    assert type(graded) is type(frame)
    # The scalar reads each cell as the frame holds it (pandas turns None into NaN; polars and
    # pyarrow keep Decimal, float or text).
    assert_agrees(rows_of(frame), graded, fixed=chosen_method, scheme=chosen_scheme, direct=direct)


# ---- exhaustive: every reachable combination under every shipped scheme --------------------


SCHEMES = {name: [s.id for s in schemes() if s.method is name] for name in MethodName}


@pytest.mark.parametrize("backend", sorted(BACKENDS))
def test_every_factor_combination_of_every_scheme(backend: str) -> None:
    # Every combination of a method's table values, as floats, text and decimals, under every
    # shipped scheme of the method, agrees with the scalar path given that scheme. Few frames:
    # round i grades, in one frame of mixed methods, each method that has an i-th scheme by it.
    combinations = {
        name: [
            dict(zip((f.symbol for f in method(name).factors), values, strict=True))
            for values in itertools.product(*(f.allowed for f in method(name).factors))
        ]
        for name in MethodName
    }
    for index in range(max(len(ids) for ids in SCHEMES.values())):
        chosen = {name: ids[index] for name, ids in SCHEMES.items() if index < len(ids)}
        rows = [(name, values) for name in chosen for values in combinations[name]]
        for kind in ("float", "text", "decimal"):
            columns: dict[str, list[Any]] = {"method": [name.value for name, _ in rows]}
            for symbol in SYMBOLS:
                columns[symbol] = [
                    cell(kind, values[symbol]) if symbol in values else None for _, values in rows
                ]
            frame = BACKENDS[backend](columns)
            inputs, graded = rows_of(frame), rows_of(grade_risks(frame, scheme=chosen))
            for name, scheme_id in chosen.items():
                mine = [i for i, (found, _) in enumerate(rows) if found is name]
                assert_agrees(
                    [inputs[i] for i in mine], [graded[i] for i in mine], scheme=scheme_id
                )
    assert {s.id for s in schemes()} == {i for ids in SCHEMES.values() for i in ids}


@pytest.mark.parametrize("name", list(MethodName))
def test_exact_score_gives_back_every_reachable_decimal(name: MethodName) -> None:
    for score in method(name).reachable_scores():
        assert exact_score(float(score)) == score
        assert str(exact_score(float(score))) == str(score)


# ---- the float score: the nearest double to the exact decimal, in every backend -------------


@pytest.mark.parametrize("backend", sorted(BACKENDS))
def test_float_scores_are_the_nearest_doubles_to_the_exact_scores(backend: str) -> None:
    # A division by a constant may be computed as a product with its reciprocal, which is not
    # correctly rounded: 70 × 0.01 and 35 × 0.01 are not the doubles nearest 0.7 and 0.35. LEC
    # 0.1 × 1 × 7 = 0.7 and 0.1 × 0.5 × 7 = 0.35 are such scores. Every reachable score of
    # every method, in one frame of mixed methods (each row's divisor from its method) and in
    # one frame per method (one divisor for every row), equals float(Decimal(score)).
    assert 70 * 0.01 != 0.7
    assert 35 * 0.01 != 0.35
    rows: list[tuple[MethodName, dict[str, Decimal], Decimal]] = []
    for name in MethodName:
        factors = method(name).factors
        for values in itertools.product(*(f.allowed for f in factors)):
            cells = {f.symbol: v for f, v in zip(factors, values, strict=True)}
            rows.append((name, cells, math.prod(values, start=Decimal(1))))
    assert {Decimal("0.7"), Decimal("0.35")} <= {exact for *_, exact in rows}

    def frame(chosen: list[tuple[MethodName, dict[str, Decimal], Decimal]]) -> Any:
        columns: dict[str, list[Any]] = {"method": [name.value for name, *_ in chosen]}
        for symbol in SYMBOLS:
            columns[symbol] = [
                str(cells[symbol]) if symbol in cells else None for _, cells, _ in chosen
            ]
        return BACKENDS[backend](columns)

    mixed = rows_of(grade_risks(frame(rows)))
    assert [row["score"] for row in mixed] == [float(exact) for *_, exact in rows]
    for name in MethodName:
        mine = [row for row in rows if row[0] is name]
        graded = rows_of(grade_risks(frame(mine), method=name))
        assert [row["score"] for row in graded] == [float(exact) for *_, exact in mine], name
        assert {exact for *_, exact in mine} == set(method(name).reachable_scores())


# ---- golden rows ----------------------------------------------------------------------------


@pytest.mark.parametrize("backend", sorted(BACKENDS))
def test_golden_rows(backend: str) -> None:
    frame = BACKENDS[backend](
        {
            "method": ["LEC", "LS"],
            "L": [3, 4],
            "E": [6, None],
            "C": [7, None],
            "S": [None, 5],
        }
    )
    lec_row, ls_row = rows_of(grade_risks(frame))
    # 3 × 6 × 7 = 126, in (70, 160]: 3级, 一般风险, 黄 (safetyrules.risk's own example).
    assert (lec_row["score"], lec_row["grade"], lec_row["level"], lec_row["colour"]) == (
        126.0,
        "3级",
        "一般风险",
        "黄",
    )
    # 4 × 5 = 20, in (16, 25] of ls-db37: 1级, 重大风险, 红.
    assert (ls_row["score"], ls_row["scheme"], ls_row["grade"], ls_row["level"]) == (
        20.0,
        "ls-db37",
        "1级",
        "重大风险",
    )
    assert ls_row["colour"] == "红"


@pytest.mark.parametrize(
    ("factors", "upper_inclusive", "lower_inclusive"),
    [
        # 1 × 0.5 × 40 = 20: [0, 20] in lec, [20, 70) in lec-lower-inclusive.
        (("1", "0.5", "40"), "5级", "4级"),
        # 1 × 0.5 × 40 = 20 written as floats: the edge is still decided on integers.
        ((1.0, 0.5, 40.0), "5级", "4级"),
        # 0.5 × 1 × 40 = 20 by another road.
        ((0.5, 1, 40), "5级", "4级"),
        # 10 × 1 × 7 = 70: (20, 70] in lec, [70, 160) in lec-lower-inclusive.
        ((10, 1, 7), "4级", "3级"),
        # 0.2 × 0.5 × 100 = 10 (0.2 × 0.5 is not 0.1 in binary floating point).
        ((0.2, 0.5, 100), "5级", "5级"),
    ],
)
def test_band_edges_respect_inclusivity(
    factors: tuple[object, object, object], upper_inclusive: str, lower_inclusive: str
) -> None:
    frame = pl.DataFrame({"L": [factors[0]], "E": [factors[1]], "C": [factors[2]]}, strict=False)
    assert grade_risks(frame, method="LEC")["grade"].to_list() == [upper_inclusive]
    lower = grade_risks(frame, method="LEC", scheme="lec-lower-inclusive")
    assert lower["grade"].to_list() == [lower_inclusive]


# ---- frame conventions ----------------------------------------------------------------------


@pytest.mark.parametrize("backend", sorted(BACKENDS))
def test_same_kind_out_columns_and_order_kept(backend: str) -> None:
    data = {
        "id": ["R3", "R1", "R2", "R4"],
        "L": [5, 1, 3, 9],
        "S": [5, 1, 4, 1],
        "note": ["a", "b", "c", "d"],
    }
    frame = BACKENDS[backend](data)
    graded = grade_risks(frame, method="LS")
    assert type(graded) is type(frame)
    out = nw.from_native(graded, eager_only=True)
    assert out.columns == ["id", "L", "S", "note", *RESULT_COLUMNS]
    assert out.get_column("id").to_list() == data["id"]
    assert out.get_column("note").to_list() == data["note"]
    assert out.get_column("score").to_list()[:3] == [25.0, 1.0, 12.0]
    assert out.schema["score"] == nw.Float64
    for name in ("scored_level", "level", "colour", "grade", "scheme", PROBLEM):
        assert out.schema[name] == nw.String, name
    assert pickle.loads(pickle.dumps(graded)).shape == (4, 4 + len(RESULT_COLUMNS))


def test_pandas_index_is_kept() -> None:
    frame = pd.DataFrame({"L": [4, 1], "S": [5, 1]}, index=["b", "a"])
    graded = grade_risks(frame, method="LS")
    assert list(graded.index) == ["b", "a"]
    assert graded.loc["b", "level"] == "重大风险"


def test_narwhals_in_narwhals_out() -> None:
    frame = nw.from_native(pl.DataFrame({"L": [4], "S": [5]}), eager_only=True)
    graded = grade_risks(frame, method="LS")
    assert isinstance(graded, nw.DataFrame)
    assert graded.get_column("level").to_list() == ["重大风险"]


def test_factor_columns_renamed_and_scheme_per_method() -> None:
    frame = pl.DataFrame(
        {"方法": ["LS", "LEC"], "可能性": [3, 3], "暴露": [None, 6], "后果": [4, 7], "S": [9, 9]}
    )
    graded = grade_risks(
        frame,
        method_column="方法",
        factors={"L": "可能性", "E": "暴露", "C": "后果", "S": "后果"},
        scheme={"LS": "ls-zgmkw"},
    )
    assert graded.select("score", "scheme", "grade").rows() == [
        (12.0, "ls-zgmkw", "Ⅱ级"),
        (126.0, "lec", "3级"),
    ]


def test_one_scheme_for_mixed_methods_is_the_scalar_rule() -> None:
    # scheme="ls-zgmkw" given to every row, as the scalar scheme= is: an LEC row cannot use it.
    frame = pl.DataFrame(
        {"method": ["LS", "LEC"], "L": [3, 3], "S": [4, None], "E": [None, 6], "C": [None, 7]}
    )
    graded = grade_risks(frame, scheme="ls-zgmkw")
    assert graded["grade"].to_list() == ["Ⅱ级", None]
    assert graded[PROBLEM][1] == "scheme = ls-zgmkw：该方案用于 LS 法，不能用于 LEC 法"
    with pytest.raises(InvalidInput, match="不能用于 LEC 法"):
        grade_risks(frame, method="LEC", scheme="ls-zgmkw")


# ---- problems on bad rows, errors on bad keywords ------------------------------------------


def test_problems_name_the_column_and_the_value() -> None:
    frame = pl.DataFrame(
        {
            "method": ["LEC", "LEC", None, "lec", "MES", "LS"],
            "L": ["2", None, "1", "1", "1", "abc"],
            "E": [6, 6, 6, 6, 6, None],
            "C": [7, 7, 7, 7, 7, None],
            "S": [None, None, None, None, 4, 3],
        }
    )
    problems = grade_risks(frame)[PROBLEM].to_list()
    assert problems == [
        "L = 2：事故发生的可能性（L）只能取 0.1、0.2、0.5、1、3、6、10",
        "L 为空：LEC 法需要因素 事故发生的可能性（L）",
        "method 为空：应写明评价方法（LEC、LS、MES）",
        "method = lec：评价方法应为 LEC、LS、MES 之一",
        f"缺少 M 列：MES 法需要因素 {method('MES').factor('M').name}（M）",
        "L = abc：事故发生的可能性（L）只能取 1、2、3、4、5",
    ]


def test_several_problems_of_one_row_are_joined() -> None:
    frame = pl.DataFrame({"L": [2], "E": [None], "C": [8]})
    (problem,) = grade_risks(frame, method="LEC")[PROBLEM].to_list()
    assert problem.count("；") == 2
    assert problem.split("；")[1].startswith("E 为空")


def test_bad_keywords_raise() -> None:
    frame = pl.DataFrame({"L": [4], "S": [5]})
    with pytest.raises(InvalidInput, match="method"):
        grade_risks(frame, method="ABC")
    with pytest.raises(InvalidInput, match="method_column"):
        grade_risks(frame)
    with pytest.raises(InvalidInput, match="factors"):
        grade_risks(frame, method="LS", factors={"X": "L"})
    with pytest.raises(InvalidInput, match="direct_column"):
        grade_risks(frame, method="LS", direct_column="direct")
    with pytest.raises(UnknownReference):
        grade_risks(frame, method="LS", jurisdiction="339999")
    with pytest.raises(UnknownReference):
        grade_risks(frame, method="LS", scheme="no-such-scheme")
    with pytest.raises(NotInForce):
        grade_risks(frame, method="LS", as_of=date(2015, 1, 1))
    with pytest.raises(InvalidInput, match="LazyFrame"):
        grade_risks(frame.lazy(), method="LS")
    with pytest.raises(InvalidInput, match="输入已有结果列"):
        grade_risks(grade_risks(frame, method="LS"), method="LS")


def test_huge_and_odd_numbers_are_bad_rows_not_crashes() -> None:
    frame = pl.DataFrame(
        {"L": pl.Series([2**64 - 1, 5, 4], dtype=pl.UInt64), "S": [1.0, float("nan"), 5.0]}
    )
    graded = grade_risks(frame, method="LS")
    assert graded["level"].to_list() == [None, None, "重大风险"]
    float32 = pl.DataFrame({"L": pl.Series([0.1], dtype=pl.Float32), "E": [1], "C": [1]})
    # A Float32 0.1 is not the table's 0.1, as the scalar check reads it.
    assert grade_risks(float32, method="LEC")[PROBLEM][0] is not None
    assert isinstance(scalar(rows_of(float32)[0], fixed="LEC"), InvalidInput)
    flags = pl.DataFrame({"L": [True], "S": [True]})
    assert grade_risks(flags, method="LS")[PROBLEM][0] is not None


# ---- direct judgement -----------------------------------------------------------------------


def test_direct_judgement_forces_major_unless_disabled() -> None:
    frame = pl.DataFrame(
        {
            "L": [1, 1, 1, 1, 1],
            "S": [2, 2, 2, 2, 2],
            "direct": [ENABLED[0], DISABLED, "", None, f" {ENABLED[0]} ,no-such-id"],
        }
    )
    graded = grade_risks(frame, method="LS", direct_column="direct")
    assert graded["scored_level"].to_list() == ["低风险"] * 4 + [None]
    assert graded["level"].to_list() == ["重大风险", "低风险", "低风险", "低风险", None]
    assert graded["colour"].to_list() == ["红", "蓝", "蓝", "蓝", None]
    assert "未知的直接判定情形 no-such-id" in graded[PROBLEM][4]


@pytest.mark.parametrize("backend", ["polars", "pyarrow", "pandas"])
def test_direct_judgement_from_a_list_column(backend: str) -> None:
    data = {"L": [1, 1, 1], "S": [2, 2, 2], "direct": [[ENABLED[0]], [], ["no-such-id"]]}
    graded = rows_of(grade_risks(BACKENDS[backend](data), method="LS", direct_column="direct"))
    assert [row["level"] for row in graded] == ["重大风险", "低风险", None]


def test_direct_judgement_follows_the_local_list(tmp_path: Path) -> None:
    path = tmp_path / "direct.toml"
    path.write_text(
        """
[[list]]
jurisdiction = "330000"
name = "浙江省直接判定情形（测试）"
confidence = "unverified"
sources = ["测试"]
[[list.conditions]]
id = "confined-space"
text = "有限空间作业未落实审批的"
[[list.conditions]]
id = "major-hazard-installation"
text = "涉及重大危险源的"
enabled = false
""",
        encoding="utf-8",
    )
    register_direct_conditions(path)
    try:
        frame = pl.DataFrame(
            {"L": [1, 1, 1], "S": [1, 1, 1], "d": ["confined-space", ENABLED[0], ENABLED[1]]}
        )
        graded = grade_risks(frame, method="LS", direct_column="d", jurisdiction="330402")
        assert graded["level"].to_list() == ["重大风险", "低风险", None]
        assert_agrees(rows_of(frame), graded, fixed="LS", direct="d", jurisdiction="330402")
    finally:
        _reset_registered()


# ---- explanations ---------------------------------------------------------------------------


def test_reasons_are_the_scalar_explanations() -> None:
    frame = pd.DataFrame(
        {"method": ["LS", "LEC", "LS"], "L": [4, 3, 9], "S": [5, None, 1], "E": [None, 6, None]}
    ).assign(C=[None, 7, None])
    graded = grade_risks(frame, reasons=True)
    assert list(graded.columns)[-1] == REASONS
    # The scalar path reads the cells as the frame holds them: pandas holds S as 5.0 beside a
    # missing value, and the explanation writes what it read.
    assert graded[REASONS][0] == assess("LS", {"L": 4, "S": 5.0}).explanation.text()
    assert graded[REASONS][1] == assess("LEC", {"L": 3, "E": 6.0, "C": 7.0}).explanation.text()
    assert pd.isna(graded[REASONS][2])
    assert REASONS not in grade_risks(frame).columns


def test_explain_one_row() -> None:
    frame = pa.table({"method": ["LS", "LS"], "L": [4, 9], "S": [5, 1]})
    assert explain_risk_row(frame, 0) == assess("LS", {"L": 4, "S": 5})
    with pytest.raises(InvalidInput, match="只能取 1、2、3、4、5"):
        explain_risk_row(frame, 1)
    with pytest.raises(InvalidInput, match="行号"):
        explain_risk_row(frame, 2)
