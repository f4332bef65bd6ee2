"""Tests of safetyrules.bulk.accidents: accident grades over whole frames (批量事故等级划分).

The bulk path must compute what the scalar :func:`safetyrules.accidents.classify` computes, row
by row: a hypothesis property over random frames (polars, pandas, pyarrow; counts as integers,
floats, decimals and text; amounts as integers, decimals, text and refused floats; dates as
dates, datetimes and text, across the regulation's entry into force; values at every band edge,
read from the band tables themselves; bad and missing cells), then the same property under a
second set of rules from a later date (rows of one frame graded by different tables). Then the
frame conventions, the explanations, and exactness at the 1000万元 edge.

Golden rows, from 《生产安全事故报告和调查处理条例》（国务院令第493号）第三条 (official text):

    第一款（一）特别重大事故，是指造成30人以上死亡，或者100人以上重伤（包括急性工业中毒，下同），
    或者1亿元以上直接经济损失的事故；
    （二）重大事故，是指造成10人以上30人以下死亡，或者50人以上100人以下重伤，或者5000万元以上
    1亿元以下直接经济损失的事故；
    （三）较大事故，是指造成3人以上10人以下死亡，或者10人以上50人以下重伤，或者1000万元以上
    5000万元以下直接经济损失的事故；
    （四）一般事故，是指造成3人以下死亡，或者10人以下重伤，或者1000万元以下直接经济损失的事故。
    第三款：本条第一款所称的“以上”包括本数，所称的“以下”不包括本数。

So 3 deaths is 较大事故 and 10 deaths 重大事故 (以上 includes the number), 1000万元 of direct loss
is 较大事故 and 9,999,999.99 元 一般事故 (以下 excludes it).
"""

from __future__ import annotations

import math
import pickle
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

import narwhals as nw
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safetyrules.accidents import Dimension, _rules, classify, grade_table
from safetyrules.bulk import (
    ACCIDENT_COLUMNS,
    COUNT_LIMIT,
    PROBLEM,
    REASONS,
    classify_accidents,
    explain_accident_row,
)
from safetyrules.errors import InvalidInput, SafetyRulesError
from safetyrules.law.jurisdiction import NATION_CODE
from safetyrules.law.overlay import Overlay
from safetyrules.law.timeline import Dated, Timeline
from tests.bulk.support import BACKENDS, FRAME_EXAMPLES, MAX_ROWS, rows_of

COUNTS = ("deaths", "serious_injuries", "missing")
REGULATION_START = date(2007, 6, 1)


# ---- how the test reads a cell into the scalar's argument (written independently) -----------


def count_argument(cell: object) -> object:
    """A whole number however held becomes an int; anything else goes to the scalar as is."""
    if isinstance(cell, bool) or cell is None:
        return cell
    if isinstance(cell, float):
        return int(cell) if math.isfinite(cell) and cell == int(cell) else cell
    if isinstance(cell, str):
        try:
            cell = Decimal(cell.strip())
        except ArithmeticError:
            return cell
    if isinstance(cell, Decimal):
        return int(cell) if cell.is_finite() and cell == int(cell) else cell
    return cell


def money_argument(cell: object) -> object:
    """Text is an exact decimal; integers and decimals as they are; a float is refused."""
    if isinstance(cell, str):
        try:
            return Decimal(cell.strip())
        except ArithmeticError:
            return cell
    return cell


def date_argument(cell: object) -> object:
    """A naive midnight datetime is its date; ISO text is a date; missing is today's law."""
    if isinstance(cell, datetime):
        midnight = cell.tzinfo is None and cell == datetime(cell.year, cell.month, cell.day)
        return cell.date() if midnight else cell
    if isinstance(cell, str):
        try:
            return date.fromisoformat(cell)
        except ValueError:
            return cell
    return cell


def scalar(row: dict[str, Any], columns: dict[str, str | None]) -> Any:
    """The scalar result for one input row, or the error it raises."""
    arguments: dict[str, Any] = {"deaths": 0, "serious_injuries": 0, "missing": 0}
    for field in COUNTS:
        if columns.get(field) is not None:
            arguments[field] = count_argument(row[columns[field]])  # type: ignore[index]
    arguments["direct_economic_loss"] = (
        Decimal(0)
        if columns.get("direct_economic_loss") is None
        else money_argument(row[columns["direct_economic_loss"]])  # type: ignore[index]
    )
    if columns.get("occurred_on") is not None:
        arguments["occurred_on"] = date_argument(row[columns["occurred_on"]])  # type: ignore[index]
    try:
        return classify(**arguments)
    except SafetyRulesError as error:
        return error


def assert_agrees(inputs: list[dict[str, Any]], graded: Any, **columns: str | None) -> None:
    """Every graded row equals the scalar result; a row is bad exactly when the scalar raises."""
    names = {field: field for field in (*COUNTS[:2], "direct_economic_loss", "occurred_on")}
    names.update(columns)
    out = rows_of(graded)
    assert len(out) == len(inputs)
    for index, (row, result) in enumerate(zip(inputs, out, strict=True)):
        expected = scalar(row, names)
        if isinstance(expected, SafetyRulesError):
            assert result[PROBLEM], (index, row, expected)
            assert all(result[c] is None for c in ACCIDENT_COLUMNS if c != PROBLEM), result
            continue
        assert result[PROBLEM] is None, (index, row, result[PROBLEM])
        assert result["grade"] == expected.grade.value, (index, row)
        assert result["graded_deaths"] == expected.graded_deaths, (index, row)
        dimension_grades = [d.grade.value for d in expected.dimensions]
        assert [
            result["deaths_grade"],
            result["serious_injuries_grade"],
            result["direct_economic_loss_grade"],
        ] == dimension_grades, (index, row)


# ---- the property: bulk and scalar agree on random frames ----------------------------------


def edges(dimension: Dimension, on: date | None = None) -> list[Decimal]:
    """Every finite bound of the dimension's band table in force on ``on``."""
    bounds = {b for band in grade_table(dimension, on).bands for b in (band.lower, band.upper)}
    return sorted(b for b in bounds if b is not None)


# The strategies are built once: a table of many rows draws a cell from them thousands of times.
CHOICES = st.sampled_from(["good"] * 6 + ["bad", "missing"])


def count_values(dimension: Dimension) -> st.SearchStrategy[int]:
    near = [int(e) + d for e in edges(dimension) for d in (-1, 0, 1) if int(e) + d >= 0]
    return st.one_of(st.sampled_from(near), st.integers(0, 150))


COUNT_VALUES = {dimension: count_values(dimension) for dimension in Dimension}


def count_cell(kind: str, draw: st.DrawFn, dimension: Dimension) -> object:
    """A count cell of a column of this kind: mostly good, sometimes bad or missing."""
    choice = draw(CHOICES)
    if choice == "missing":
        return None
    value = draw(COUNT_VALUES[dimension])
    if choice == "bad":
        bad = {
            "int": [-1, -value - 1],
            "float": [-1.0, value + 0.5, float("inf")],
            "decimal": [Decimal("-1"), Decimal(value) + Decimal("0.5")],
            "text": ["abc", "", "2.5", "-1", "NaN"],
        }[kind]
        return draw(st.sampled_from(bad))
    return {"int": value, "float": float(value), "decimal": Decimal(value), "text": f" {value}"}[
        kind
    ]


LOSS_EDGES = edges(Dimension.DIRECT_ECONOMIC_LOSS)
CENT = Decimal("0.01")
LOSS_INTEGERS = st.one_of(
    st.sampled_from([int(e) + d for e in LOSS_EDGES for d in (-1, 0, 1)]),
    st.integers(0, 200_000_000),
)
LOSS_DECIMALS = st.one_of(
    st.sampled_from([e + d for e in LOSS_EDGES for d in (-CENT, Decimal(0), CENT)]),
    st.integers(0, 20_000_000_000).map(lambda c: Decimal(c) * CENT),
)


def loss_cell(kind: str, draw: st.DrawFn) -> object:
    choice = draw(CHOICES)
    if choice == "missing":
        return None
    value: Decimal = Decimal(draw(LOSS_INTEGERS)) if kind == "int" else draw(LOSS_DECIMALS)
    if choice == "bad":
        value = -value - 1
        if kind == "text":
            return draw(st.sampled_from([str(value), "abc", "1e", "Infinity"]))
    if kind == "int":
        return int(value)
    if kind == "decimal":
        return value
    if kind == "float":
        return float(value)  # every float is refused, as the scalar refuses one
    return str(value)


DATES = [
    REGULATION_START - timedelta(days=1),
    REGULATION_START,
    date(1990, 1, 1),
    date(2024, 5, 1),
]
DAYS = st.one_of(st.sampled_from(DATES), st.dates(date(2000, 1, 1), date(2040, 12, 31)))


def date_cell(kind: str, draw: st.DrawFn) -> object:
    choice = draw(CHOICES)
    if choice == "missing":
        return None
    day = draw(DAYS)
    if kind == "date":
        return day
    if kind == "datetime":
        if choice == "bad":
            return datetime(day.year, day.month, day.day, 10, 30)
        return datetime(day.year, day.month, day.day)
    if choice == "bad":
        return draw(st.sampled_from([day.strftime("%Y/%m/%d"), "2024-13-01", "昨天"]))
    return day.isoformat()


@st.composite
def frames(draw: st.DrawFn) -> tuple[str, dict[str, list[Any]]]:
    backend = draw(st.sampled_from(sorted(BACKENDS)))
    size = draw(st.integers(1, MAX_ROWS))
    columns: dict[str, list[Any]] = {}
    dimensions = {
        "deaths": Dimension.DEATHS,
        "serious_injuries": Dimension.SERIOUS_INJURIES,
        "missing": Dimension.DEATHS,
    }
    for field, dimension in dimensions.items():
        kind = draw(st.sampled_from(["int", "float", "decimal", "text"]))
        columns[field] = [count_cell(kind, draw, dimension) for _ in range(size)]
    loss_kind = draw(st.sampled_from(["int", "decimal", "text", "text", "float"]))
    columns["direct_economic_loss"] = [loss_cell(loss_kind, draw) for _ in range(size)]
    date_kind = draw(st.sampled_from(["date", "text", "datetime"]))
    columns["occurred_on"] = [date_cell(date_kind, draw) for _ in range(size)]
    return backend, columns


@settings(max_examples=FRAME_EXAMPLES)  # a whole frame of many rows per example: see support
@given(frames(), st.booleans())
def test_bulk_agrees_with_scalar_row_by_row(
    drawn: tuple[str, dict[str, list[Any]]], with_missing: bool
) -> None:
    backend, columns = drawn
    frame = BACKENDS[backend](columns)
    missing_column = "missing" if with_missing else None
    graded = classify_accidents(frame, missing_column=missing_column)
    assert type(graded) is type(frame)
    # The scalar reads each cell as the frame holds it (pandas turns a missing int into NaN).
    assert_agrees(rows_of(frame), graded, missing=missing_column)


@st.composite
def deaths_only(draw: st.DrawFn) -> tuple[str, dict[str, list[Any]]]:
    """A frame of the deaths column alone, drawn as :func:`frames` draws it."""
    backend = draw(st.sampled_from(sorted(BACKENDS)))
    kind = draw(st.sampled_from(["int", "float", "decimal", "text"]))
    size = draw(st.integers(1, MAX_ROWS))
    return backend, {"deaths": [count_cell(kind, draw, Dimension.DEATHS) for _ in range(size)]}


@settings(max_examples=FRAME_EXAMPLES)  # a whole frame of many rows per example: see support
@given(deaths_only())
def test_absent_columns_take_the_scalar_defaults(drawn: tuple[str, dict[str, list[Any]]]) -> None:
    backend, columns = drawn
    frame = BACKENDS[backend](columns)
    graded = classify_accidents(
        frame,
        serious_injuries_column=None,
        direct_economic_loss_column=None,
        occurred_on_column=None,
    )
    assert_agrees(
        rows_of(frame),
        graded,
        serious_injuries=None,
        direct_economic_loss=None,
        occurred_on=None,
    )


# ---- rules that change: rows of one frame under different band tables ----------------------

LATER = date(2030, 1, 1)


@pytest.fixture
def later_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    """A later set of rules, from 2030-01-01: 较大事故 from 4 deaths and 20 serious injuries, 1500
    万元 of loss, and missing persons no longer counted. Test data only, not law."""
    original = _rules._all()
    patched = dict(original)
    changes: dict[str, object] = {
        "accident.grade.deaths.larger": 4,
        "accident.grade.serious_injuries.larger": 20,
        "accident.grade.direct_economic_loss.larger": Decimal("15000000"),
        "accident.grade.missing_counted_as_deaths": False,
    }
    for parameter_id, value in changes.items():
        overlay = original[parameter_id]
        timeline = overlay.timelines[NATION_CODE]
        last = timeline.entries[-1]
        entries = [*timeline.entries, Dated(LATER, value, last.citation, last.confidence)]
        patched[parameter_id] = Overlay(
            overlay.name, {NATION_CODE: Timeline(timeline.name, entries)}
        )
    monkeypatch.setattr(_rules, "_all", lambda: patched)


@st.composite
def frames_across_the_change(draw: st.DrawFn) -> tuple[str, dict[str, list[Any]]]:
    backend = draw(st.sampled_from(sorted(BACKENDS)))
    size = draw(st.integers(1, MAX_ROWS))
    both = [edges(d, LATER - timedelta(days=1)) + edges(d, LATER) for d in Dimension]
    near = [[int(e) + d for e in bounds for d in (-1, 0, 1) if int(e) + d >= 0] for bounds in both]
    days = st.sampled_from([LATER - timedelta(days=1), LATER, date(2020, 1, 1), date(2035, 1, 1)])
    columns = {
        "deaths": draw(st.lists(st.sampled_from(near[0]), min_size=size, max_size=size)),
        "serious_injuries": draw(st.lists(st.sampled_from(near[1]), min_size=size, max_size=size)),
        "direct_economic_loss": draw(
            st.lists(st.sampled_from(near[2]), min_size=size, max_size=size)
        ),
        "missing": draw(st.lists(st.integers(0, 3), min_size=size, max_size=size)),
        "occurred_on": draw(st.lists(st.one_of(days, st.none()), min_size=size, max_size=size)),
    }
    return backend, columns


@pytest.mark.usefixtures("later_rules")
@settings(max_examples=FRAME_EXAMPLES)  # a whole frame of many rows per example: see support
@given(drawn=frames_across_the_change())
def test_each_row_is_graded_by_the_rules_in_force_on_its_date(
    drawn: tuple[str, dict[str, list[Any]]],
) -> None:
    backend, columns = drawn
    frame = BACKENDS[backend](columns)
    graded = classify_accidents(frame, missing_column="missing")
    assert_agrees(rows_of(frame), graded, missing="missing")


@pytest.mark.usefixtures("later_rules")
def test_the_same_figures_grade_differently_across_the_change() -> None:
    frame = pl.DataFrame(
        {
            "deaths": [3, 3, 2, 2],
            "missing": [0, 0, 1, 1],
            "occurred_on": [LATER - timedelta(days=1), LATER, LATER - timedelta(days=1), None],
        }
    )
    graded = classify_accidents(
        frame,
        missing_column="missing",
        serious_injuries_column=None,
        direct_economic_loss_column=None,
    )
    assert graded["grade"].to_list() == ["较大事故", "一般事故", "较大事故", "一般事故"]
    assert graded["graded_deaths"].to_list() == [3, 3, 3, 2]


# ---- golden rows: 国务院令第493号第三条 ---------------------------------------------------------


@pytest.mark.parametrize("backend", sorted(BACKENDS))
def test_golden_rows_of_article_3(backend: str) -> None:
    on = date(2024, 5, 1)
    frame = BACKENDS[backend](
        {
            "deaths": [3, 10, 2, 0, 0, 30],
            "serious_injuries": [0, 0, 0, 0, 0, 0],
            "direct_economic_loss": [
                Decimal(0),
                Decimal(0),
                Decimal(0),
                Decimal("10000000"),
                Decimal("9999999.99"),
                Decimal(0),
            ],
            "occurred_on": [on] * 6,
        }
    )
    rows = rows_of(classify_accidents(frame))
    # 3人以上10人以下死亡 → 较大事故; 10人以上30人以下 → 重大事故; 3人以下 → 一般事故.
    assert [r["grade"] for r in rows[:3]] == ["较大事故", "重大事故", "一般事故"]
    # 1000万元以上 includes 1000万元 (以上包括本数); 1000万元以下 excludes it.
    assert rows[3]["direct_economic_loss_grade"] == "较大事故"
    assert rows[3]["grade"] == "较大事故"
    assert rows[4]["grade"] == "一般事故"
    # 30人以上死亡 → 特别重大事故.
    assert rows[5]["grade"] == "特别重大事故"
    assert all(r[PROBLEM] is None for r in rows)


def test_the_first_day_of_the_regulation() -> None:
    frame = pl.DataFrame(
        {"deaths": [3, 3], "occurred_on": [REGULATION_START - timedelta(days=1), REGULATION_START]}
    )
    graded = classify_accidents(
        frame, serious_injuries_column=None, direct_economic_loss_column=None
    )
    assert graded["grade"].to_list() == [None, "较大事故"]
    assert graded[PROBLEM][0] == (
        "occurred_on = 2007-05-31：《生产安全事故报告和调查处理条例》（国务院令第493号）"
        "不在有效期内：2007-06-01 起施行"
    )


# ---- exact amounts at the 1000万元 edge ------------------------------------------------------


@pytest.mark.parametrize(
    "loss",
    [
        pl.Series([Decimal("9999999.999999999999"), Decimal("10000000")]),
        pl.Series([Decimal("9999999.99"), Decimal("10000000.00")], dtype=pl.Decimal(38, 2)),
        pl.Series(["9999999.999999999999", "10000000"]),
        pl.Series([9_999_999, 10_000_000], dtype=pl.UInt64),
    ],
    ids=["decimal-scale-12", "decimal-38-2", "text", "uint64"],
)
def test_the_edge_is_decided_exactly(loss: pl.Series) -> None:
    frame = pl.DataFrame({"direct_economic_loss": loss, "occurred_on": [date(2024, 5, 1)] * 2})
    for native in (frame, frame.to_arrow(), frame.to_pandas()):
        graded = rows_of(
            classify_accidents(native, deaths_column=None, serious_injuries_column=None)
        )
        assert [r["grade"] for r in graded] == ["一般事故", "较大事故"], type(native)


def test_a_decimal_too_wide_to_compare_natively_is_read_as_text() -> None:
    # decimal128(38, 30): pyarrow cannot compare it with the 1亿元 bound within 38 digits.
    values = [Decimal("9999999." + "9" * 30), Decimal("10000000")]
    frame = pa.table({"direct_economic_loss": pa.array(values, type=pa.decimal128(38, 30))})
    graded = classify_accidents(
        frame, deaths_column=None, serious_injuries_column=None, occurred_on_column=None
    )
    assert graded.column("grade").to_pylist() == ["一般事故", "较大事故"]


@pytest.mark.parametrize("backend", sorted(BACKENDS))
def test_a_float_amount_is_refused_as_the_scalar_refuses_it(backend: str) -> None:
    frame = BACKENDS[backend]({"direct_economic_loss": [1e7, None]})
    graded = rows_of(
        classify_accidents(
            frame, deaths_column=None, serious_injuries_column=None, occurred_on_column=None
        )
    )
    assert graded[0][PROBLEM] == (
        "direct_economic_loss = 10000000.0：金额必须是 Decimal 或整数（不接受浮点数）"
    )
    assert graded[1][PROBLEM] == "direct_economic_loss 为空：直接经济损失必须填写（没有则填 0）"
    with pytest.raises(InvalidInput, match="不接受浮点数"):
        classify(direct_economic_loss=1e7)  # type: ignore[arg-type]


# ---- reading cells ------------------------------------------------------------------------------


def test_pandas_object_columns_are_read_cell_by_cell() -> None:
    frame = pd.DataFrame(
        {
            "deaths": pd.Series([3, "10", 2.0, True], dtype=object),
            "direct_economic_loss": pd.Series(
                [Decimal("10000000"), 5, "9999999.99", 1.5], dtype=object
            ),
            "occurred_on": pd.Series(
                [date(2024, 1, 1), "2024-01-02", pd.Timestamp("2024-01-03"), None], dtype=object
            ),
        }
    )
    graded = classify_accidents(frame, serious_injuries_column=None)
    assert graded["grade"].tolist()[:3] == ["较大事故", "重大事故", "一般事故"]
    deaths, loss = graded[PROBLEM][3].split("；")
    with pytest.raises(InvalidInput) as refused:  # the scalar's own message for a bool
        classify(True)  # type: ignore[arg-type]
    assert deaths == f"deaths = True：{refused.value.message}"
    assert loss == "direct_economic_loss = 1.5：金额必须是 Decimal 或整数（不接受浮点数）"
    assert_agrees(rows_of(frame), graded, serious_injuries=None)


def test_dates_as_pandas_datetimes_and_as_text() -> None:
    frame = pd.DataFrame(
        {
            "deaths": [3, 3, 3, 3],
            "occurred_on": pd.to_datetime(
                ["2007-05-31", "2007-06-01", "2024-01-01 08:00", None], format="ISO8601"
            ),
        }
    )
    graded = classify_accidents(
        frame, serious_injuries_column=None, direct_economic_loss_column=None
    )
    assert graded["grade"].tolist()[1] == "较大事故"
    assert graded["grade"].tolist()[3] == "较大事故"  # a missing date: today's law
    assert "2007-06-01 起施行" in graded[PROBLEM][0]
    assert graded[PROBLEM][2] == (
        "occurred_on = 2024-01-01 08:00:00：必须是日期（date），不是 datetime"
    )
    zoned = pl.DataFrame({"deaths": [3], "occurred_on": [datetime(2024, 1, 1)]}).with_columns(
        pl.col("occurred_on").dt.replace_time_zone("Asia/Shanghai")
    )
    refused = classify_accidents(
        zoned, serious_injuries_column=None, direct_economic_loss_column=None
    )
    assert "不是 datetime" in refused[PROBLEM][0]


def test_counts_beyond_the_limit_and_odd_numbers_are_problems_not_crashes() -> None:
    frame = pl.DataFrame(
        {
            "deaths": pl.Series([2**64 - 1, COUNT_LIMIT, 3, 3], dtype=pl.UInt64),
            "serious_injuries": [0.0, 0.0, float("nan"), float("inf")],
        }
    )
    graded = classify_accidents(frame, direct_economic_loss_column=None, occurred_on_column=None)
    assert graded["grade"].to_list() == [None, "特别重大事故", None, None]
    problems = graded[PROBLEM].to_list()
    assert problems[0] == f"deaths = {2**64 - 1}：人数超过 {COUNT_LIMIT}，超出批量计算的精确范围"
    # NaN is read as missing, as pandas reads it (polars keeps it apart from null).
    assert (
        problems[2] == "serious_injuries 为空：重伤（包括急性工业中毒）人数必须填写（没有则填 0）"
    )
    assert problems[3].startswith("serious_injuries = inf：人数超过")


def test_each_bad_cell_is_named_as_written() -> None:
    # A bad value is explained once per distinct value, and -1 and -1.0 are distinct cells
    # (equal in Python): each row's problem shows its own.
    frame = pd.DataFrame({"deaths": pd.Series([-1, -1.0, -1], dtype=object)})
    problems = classify_accidents(
        frame,
        serious_injuries_column=None,
        direct_economic_loss_column=None,
        occurred_on_column=None,
    )[PROBLEM].tolist()
    assert problems == [
        "deaths = -1：人数不能为负数",
        "deaths = -1.0：人数不能为负数",
        "deaths = -1：人数不能为负数",
    ]


def test_several_problems_of_one_row_are_all_named() -> None:
    frame = pl.DataFrame(
        {
            "deaths": [-1],
            "serious_injuries": ["两人"],
            "direct_economic_loss": ["abc"],
            "occurred_on": ["2024/05/01"],
        }
    )
    (problem,) = classify_accidents(frame)[PROBLEM].to_list()
    assert problem.split("；") == [
        "deaths = -1：人数不能为负数",
        "serious_injuries = 两人：人数必须是整数",
        "direct_economic_loss = abc：金额应为以元为单位的数字，如 1260000 或 1260000.50",
        "occurred_on = 2024/05/01：日期应写作 YYYY-MM-DD",
    ]


# ---- frame conventions ----------------------------------------------------------------------


@pytest.mark.parametrize("backend", sorted(BACKENDS))
def test_same_kind_out_columns_and_order_kept(backend: str) -> None:
    data = {
        "id": ["A3", "A1", "A2"],
        "deaths": [0, 12, 3],
        "serious_injuries": [10, 0, 0],
        "direct_economic_loss": [0, 0, 0],
        "occurred_on": [date(2024, 1, 1)] * 3,
        "note": ["a", "b", "c"],
    }
    frame = BACKENDS[backend](data)
    graded = classify_accidents(frame)
    assert type(graded) is type(frame)
    out = nw.from_native(graded, eager_only=True)
    assert out.columns == [*data, *ACCIDENT_COLUMNS]
    assert out.get_column("id").to_list() == data["id"]
    assert out.get_column("grade").to_list() == ["较大事故", "重大事故", "较大事故"]
    for name in ACCIDENT_COLUMNS:
        if name != "graded_deaths":
            assert out.schema[name] == nw.String, name
    assert pickle.loads(pickle.dumps(graded)).shape == (3, len(data) + len(ACCIDENT_COLUMNS))


def test_pandas_index_is_kept() -> None:
    frame = pd.DataFrame(
        {"deaths": [10, 0], "occurred_on": [date(2024, 1, 1)] * 2}, index=["b", "a"]
    )
    graded = classify_accidents(
        frame, serious_injuries_column=None, direct_economic_loss_column=None
    )
    assert list(graded.index) == ["b", "a"]
    assert graded.loc["b", "grade"] == "重大事故"


def test_narwhals_in_narwhals_out() -> None:
    frame = nw.from_native(pl.DataFrame({"deaths": [30]}), eager_only=True)
    graded = classify_accidents(
        frame,
        serious_injuries_column=None,
        direct_economic_loss_column=None,
        occurred_on_column=None,
    )
    assert isinstance(graded, nw.DataFrame)
    assert graded.get_column("grade").to_list() == ["特别重大事故"]


def test_bad_keywords_raise() -> None:
    frame = pl.DataFrame({"deaths": [1], "occurred_on": [date(2024, 1, 1)]})
    with pytest.raises(InvalidInput, match="serious_injuries_column"):
        classify_accidents(frame)
    keywords: dict[str, Any] = {
        "serious_injuries_column": None,
        "direct_economic_loss_column": None,
    }
    with pytest.raises(InvalidInput, match="missing_column"):
        classify_accidents(frame, missing_column="失踪", **keywords)
    with pytest.raises(InvalidInput, match="LazyFrame"):
        classify_accidents(frame.lazy(), **keywords)
    with pytest.raises(InvalidInput, match="输入已有结果列"):
        classify_accidents(classify_accidents(frame, **keywords), **keywords)


# ---- explanations ---------------------------------------------------------------------------


def test_reasons_are_the_scalar_explanations() -> None:
    frame = pd.DataFrame(
        {
            "deaths": [1, 1, -1],
            "serious_injuries": [12, 12, 0],
            "direct_economic_loss": [5_000_000, 5_000_000, 0],
            "occurred_on": [date(2024, 5, 1)] * 3,
        }
    )
    graded = classify_accidents(frame, reasons=True)
    assert list(graded.columns)[-1] == REASONS
    expected = classify(1, 12, 5_000_000, occurred_on=date(2024, 5, 1)).explanation.text()
    assert graded[REASONS].tolist()[:2] == [expected, expected]
    assert pd.isna(graded[REASONS][2])
    assert REASONS not in classify_accidents(frame).columns


def test_explain_one_row() -> None:
    frame = pa.table(
        {
            "deaths": [2, 2],
            "serious_injuries": [0, 0],
            "direct_economic_loss": ["12000000", "1.2e7x"],
            "occurred_on": [date(2024, 5, 1)] * 2,
        }
    )
    c = explain_accident_row(frame, 0)
    assert c == classify(2, 0, Decimal("12000000"), occurred_on=date(2024, 5, 1))
    with pytest.raises(InvalidInput, match="金额应为以元为单位的数字"):
        explain_accident_row(frame, 1)
    with pytest.raises(InvalidInput, match="行号"):
        explain_accident_row(frame, 2)
