"""Tests of safetyrules.bulk.penalties: statutory fines over a findings table (批量法定罚款幅度).

The bulk path must compute what the scalar :func:`safetyrules.penalties.statutory_range`
computes, row by row: a hypothesis property over random findings tables (polars, pandas,
pyarrow; every violation id of the catalogue, unknown and missing ids; dates around the 2014
and 2021 versions' entry into force, decision dates before, on and after the act, across the
change; stages from the provisions and unknown ones; every party), then every violation of the
catalogue on both sides of 2021-09-01. The scalar runs once per distinct combination, not once
per row. Then the frame conventions and the explanations.

Golden row, from 《中华人民共和国安全生产法》（2021年修正） (official text):

    第九十七条 生产经营单位有下列行为之一的，责令限期改正，处十万元以下的罚款；逾期未改正的，责令
    停产停业整顿，并处十万元以上二十万元以下的罚款，对其直接负责的主管人员和其他直接责任人员处二万
    元以上五万元以下的罚款：
    ……
    （七）特种作业人员未按照规定经专门的安全作业培训并取得相应资格，上岗作业的。

The catalogue maps ``special-operators-uncertified`` to 第九十七条第（七）项: found in 2023, the
unit faces 0 to 100,000 yuan when ordered to correct (责令限期改正); 100,000 to 200,000 yuan
when it fails to (逾期未改正), and the persons responsible 20,000 to 50,000 yuan.
"""

from __future__ import annotations

import pickle
from datetime import date, timedelta
from typing import Any

import narwhals as nw
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import safetyrules.bulk.penalties as bulk_penalties
from safetyrules.bulk import (
    PROBLEM,
    REASONS,
    STATUTORY_RANGE_COLUMNS,
    explain_statutory_range_row,
    statutory_ranges,
)
from safetyrules.errors import InvalidInput, SafetyRulesError
from safetyrules.penalties import LAWS, provisions, statutory_range, violation
from safetyrules.penalties.provisions import violation_provision
from tests.bulk.support import BACKENDS, FRAME_EXAMPLES, MAX_ROWS, plain, rows_of

IDS = sorted({v for law in LAWS for p in provisions(law) for v in p.violations})
STAGES = sorted({s.when for law in LAWS for p in provisions(law) for s in p.stages})
PARTIES = sorted(
    {
        fine.on
        for law in LAWS
        for p in provisions(law)
        for stage in p.stages
        for fine in stage.fines
        if fine.maximum is not None
    }
)
V2014, V2021 = date(2014, 12, 1), date(2021, 9, 1)
PERSONS = "直接负责的主管人员和其他直接责任人员"


def scalar(row: dict[str, Any], *, stage: str | None = None, on: str = "生产经营单位") -> Any:
    """The scalar result for one input row (its cells as dates and text), or its error."""
    if row["violation"] is None or row["occurred_on"] is None:
        return InvalidInput("row", row, "缺少违法行为或日期")
    try:
        return statutory_range(
            row["violation"],
            occurred_on=as_date(row["occurred_on"]),
            decided_on=as_date(row.get("decided_on")),
            stage=row.get("stage", stage),
            on=on,
        )
    except SafetyRulesError as error:
        return error


def as_date(cell: object) -> Any:
    if isinstance(cell, str):
        return date.fromisoformat(cell)
    if hasattr(cell, "date") and callable(cell.date):  # a pandas Timestamp at midnight
        return cell.date()
    return cell


def assert_agrees(
    inputs: list[dict[str, Any]], found: Any, *, stage: str | None = None, on: str = "生产经营单位"
) -> None:
    """Every row equals the scalar result; a row is bad exactly when the scalar raises."""
    out = rows_of(found)
    assert len(out) == len(inputs)
    for index, (row, result) in enumerate(zip(inputs, out, strict=True)):
        expected = scalar(row, stage=stage, on=on)
        if isinstance(expected, SafetyRulesError):
            assert result[PROBLEM], (index, row, expected)
            assert all(result[c] is None for c in STATUTORY_RANGE_COLUMNS if c != PROBLEM)
            continue
        assert result[PROBLEM] is None, (index, row, result[PROBLEM])
        assert result["party"] == expected.on
        assert result["fine_minimum"] == expected.minimum, (index, row)
        assert result["fine_maximum"] == expected.maximum, (index, row)
        assert result["law"] == expected.law, (index, row)
        assert result["citation"] == str(expected.citation), (index, row)


# ---- the property: bulk and scalar agree on random findings tables -------------------------

EDGE_DAYS = [V2014 - timedelta(days=1), V2014, V2021 - timedelta(days=1), V2021]


def fined(party: str) -> list[str]:
    """The violations some version of which fines this party (the scalar's own test)."""
    return [
        v
        for v in IDS
        if any(
            fine.on == party
            for law in LAWS
            if violation(v).version(law) is not None
            for stage in violation_provision(v, law).stages
            for fine in stage.fines
        )
    ]


# The strategies are built once: a table of many rows draws a cell from them thousands of times.
PARTY = st.sampled_from(["生产经营单位"] * 4 + [PERSONS] * 2 + PARTIES)
# Mostly violations that fine the party and dates, so that most rows are good; the rest bad.
LIKELY = {
    party: st.sampled_from(fined(party) or IDS) for party in {*PARTIES, PERSONS, "生产经营单位"}
}
ANY_ID = st.sampled_from(IDS)
ID_KIND = st.sampled_from(["likely"] * 6 + ["any", "unknown", "missing"])
STAGE_KIND = st.sampled_from(["none", "none", "usual", "any"])
USUAL_STAGE = st.sampled_from(["责令限期改正", "逾期未改正"])
ANY_STAGE = st.sampled_from(STAGES)
DAYS = st.one_of(st.sampled_from(EDGE_DAYS), st.dates(date(2012, 1, 1), date(2030, 12, 31)))
UNDATED = st.integers(0, 7)
SHIFT = st.sampled_from([None, 0, 1, -1, 400, 2000, "cross"])


@st.composite
def findings(draw: st.DrawFn) -> tuple[str, dict[str, list[Any]], bool, bool, str]:
    backend = draw(st.sampled_from(sorted(BACKENDS)))
    size = draw(st.integers(1, MAX_ROWS))
    with_decided = draw(st.booleans())
    with_stage = draw(st.booleans())
    text_dates = draw(st.booleans())
    on = draw(PARTY)

    def pick_id() -> str | None:
        kind = draw(ID_KIND)
        if kind == "missing":
            return None
        if kind == "unknown":
            return "no-such-violation"
        return draw(LIKELY[on] if kind == "likely" else ANY_ID)

    def pick_stage() -> str | None:
        kind = draw(STAGE_KIND)
        if kind == "none":
            return None
        return draw(USUAL_STAGE if kind == "usual" else ANY_STAGE)

    columns: dict[str, list[Any]] = {"violation": [], "occurred_on": []}
    if with_decided:
        columns["decided_on"] = []
    if with_stage:
        columns["stage"] = []
    for _ in range(size):
        columns["violation"].append(pick_id())
        occurred = None if draw(UNDATED) == 0 else draw(DAYS)
        columns["occurred_on"].append(occurred)
        if with_decided:
            decided = None
            if occurred is not None:
                shift = draw(SHIFT)
                if shift == "cross":
                    decided = V2021
                elif shift is not None:
                    decided = occurred + timedelta(days=shift)
            columns["decided_on"].append(decided)
        if with_stage:
            columns["stage"].append(pick_stage())
    if text_dates:
        for name in ("occurred_on", "decided_on"):
            if name in columns:
                columns[name] = [None if d is None else d.isoformat() for d in columns[name]]
    return backend, columns, with_decided, with_stage, on


@settings(max_examples=FRAME_EXAMPLES)  # a whole frame of many rows per example: see support
@given(findings())
def test_bulk_agrees_with_scalar_row_by_row(
    drawn: tuple[str, dict[str, list[Any]], bool, bool, str],
) -> None:
    backend, columns, with_decided, with_stage, on = drawn
    frame = BACKENDS[backend](columns)
    found = statutory_ranges(
        frame,
        decided_on_column="decided_on" if with_decided else None,
        stage_column="stage" if with_stage else None,
        on=on,
    )
    assert type(found) is type(frame)
    assert_agrees(rows_of(frame), found, on=on)


@settings(max_examples=FRAME_EXAMPLES)  # a whole frame of many rows per example: see support
@given(findings(), st.sampled_from(["责令限期改正", "逾期未改正", "情节严重"]))
def test_one_stage_for_the_whole_frame(
    drawn: tuple[str, dict[str, list[Any]], bool, bool, str], stage: str
) -> None:
    backend, columns, with_decided, _, on = drawn
    columns.pop("stage", None)
    frame = BACKENDS[backend](columns)
    found = statutory_ranges(
        frame, decided_on_column="decided_on" if with_decided else None, stage=stage, on=on
    )
    assert_agrees(rows_of(frame), found, stage=stage, on=on)


@pytest.mark.parametrize("backend", sorted(BACKENDS))
@pytest.mark.parametrize("on", ["生产经营单位", PERSONS])
def test_every_violation_on_both_sides_of_2021(backend: str, on: str) -> None:
    days = [V2021 - timedelta(days=1), V2021]
    columns: dict[str, list[Any]] = {
        "violation": [v for v in IDS for _ in days for _ in (0, 1)],
        "occurred_on": [d for _ in IDS for d in days for _ in (0, 1)],
        # The act before 2021-09-01, the decision after: 从旧兼从轻 chooses between versions.
        "decided_on": [
            d if late else V2021 + timedelta(days=30) for _ in IDS for d in days for late in (0, 1)
        ],
    }
    frame = BACKENDS[backend](columns)
    found = statutory_ranges(frame, decided_on_column="decided_on", on=on)
    assert_agrees(rows_of(frame), found, on=on)
    assert sum(r[PROBLEM] is None for r in rows_of(found)) > 0


def test_the_scalar_runs_once_per_distinct_combination(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    def counted(violation_id: str, **keywords: Any) -> Any:
        calls.append(violation_id)
        return statutory_range(violation_id, **keywords)

    monkeypatch.setattr(bulk_penalties, "statutory_range", counted)
    size = 30_000
    frame = pl.DataFrame(
        {
            "violation": ["warning-signs-missing", "special-operators-uncertified"] * (size // 2),
            "occurred_on": [date(2020, 1, 1) + timedelta(days=i % 1500) for i in range(size)],
        }
    )
    found = statutory_ranges(frame)
    # Two violations, two versions in force over the dates: four combinations.
    assert len(calls) == 4
    assert found[PROBLEM].null_count() == size
    assert set(found["law"].unique().to_list()) == {"work-safety-law-2014", "work-safety-law-2021"}


# ---- golden row: 2021 第九十七条第（七）项 -------------------------------------------------------


@pytest.mark.parametrize("backend", sorted(BACKENDS))
def test_golden_row_of_article_97(backend: str) -> None:
    place = violation("special-operators-uncertified").version("work-safety-law-2021")
    assert place is not None
    assert place.citation.text == "《中华人民共和国安全生产法》（2021年修正）第九十七条第（七）项"
    frame = BACKENDS[backend](
        {
            "violation": ["special-operators-uncertified"] * 2,
            "occurred_on": [date(2023, 3, 1)] * 2,
            "stage": [None, "逾期未改正"],
        }
    )
    unit = rows_of(statutory_ranges(frame, stage_column="stage"))
    # 责令限期改正，处十万元以下的罚款
    assert (unit[0]["fine_minimum"], unit[0]["fine_maximum"]) == (0, 100_000)
    # 逾期未改正的，……并处十万元以上二十万元以下的罚款
    assert (unit[1]["fine_minimum"], unit[1]["fine_maximum"]) == (100_000, 200_000)
    # 对其直接负责的主管人员和其他直接责任人员处二万元以上五万元以下的罚款
    persons = rows_of(statutory_ranges(frame, stage_column="stage", on=PERSONS))
    assert (persons[1]["fine_minimum"], persons[1]["fine_maximum"]) == (20_000, 50_000)
    assert persons[1]["party"] == PERSONS
    for row in unit:
        assert row["law"] == "work-safety-law-2021"
        assert row["citation"] == "《中华人民共和国安全生产法》（2021年修正）第九十七条"


def test_the_lighter_version_applies_to_an_act_before_2021_decided_after() -> None:
    # 2014 第九十四条第（七）项 (5万元以下) against 2021 第九十七条第（七）项 (10万元以下): the old
    # version is lighter, so it stays (从旧兼从轻, 行政处罚法第三十七条).
    frame = pl.DataFrame(
        {
            "violation": ["special-operators-uncertified"],
            "occurred_on": [date(2021, 8, 20)],
            "decided_on": [date(2021, 10, 10)],
        }
    )
    found = statutory_ranges(frame, decided_on_column="decided_on")
    old = violation_provision("special-operators-uncertified", "work-safety-law-2014")
    assert found.select("fine_maximum", "law").row(0) == (
        old.stages[0].fines[0].maximum,
        "work-safety-law-2014",
    )


# ---- problems on bad rows, errors on bad keywords ------------------------------------------


def test_problems_name_the_column_and_the_value() -> None:
    frame = pl.DataFrame(
        {
            "violation": [
                "no-such-act",
                None,
                "gas-alarm-not-installed",
                "worker-rule-violation",
                "warning-signs-missing",
                "warning-signs-missing",
                "warning-signs-missing",
            ],
            "occurred_on": [
                "2023-01-01",
                "2023-01-01",
                "2020-01-01",
                "2023-01-01",
                "2023-01-01",
                "2014-11-30",
                "2023/01/01",
            ],
            "decided_on": [None, None, None, None, "2022-12-31", None, None],
            "stage": [None, None, None, None, None, None, "情节特别严重"],
        }
    )
    problems = statutory_ranges(frame, decided_on_column="decided_on", stage_column="stage")[
        PROBLEM
    ].to_list()
    assert problems == [
        "violation = no-such-act：未知的违法行为（见违法行为目录 safetyrules.penalties.violation）",
        "violation 为空：应写明违法行为 id（见违法行为目录）",
        "violation = gas-alarm-not-installed："
        "违法行为发生时施行的《中华人民共和国安全生产法》（2014年修正）没有这一违法行为的罚则",
        "violation = worker-rule-violation：罚则中的受罚对象为：无（on = 生产经营单位）",
        "decided_on = 2022-12-31：处罚决定日期不能早于违法行为发生日期（occurred_on = 2023-01-01）",
        "occurred_on = 2014-11-30：本库只收录 2014-12-01 至 2021-08-31 以后的罚则",
        "occurred_on = 2023/01/01：日期应写作 YYYY-MM-DD",
    ]


def test_an_unknown_stage_of_a_row_is_a_problem() -> None:
    frame = pl.DataFrame(
        {
            "violation": ["warning-signs-missing"],
            "occurred_on": [date(2023, 1, 1)],
            "stage": ["情节特别严重"],
        }
    )
    (problem,) = statutory_ranges(frame, stage_column="stage")[PROBLEM].to_list()
    assert problem.startswith("stage = 情节特别严重：")
    assert "没有这一情形" in problem


def test_bad_keywords_raise() -> None:
    frame = pl.DataFrame(
        {"violation": ["warning-signs-missing"], "occurred_on": [date(2023, 1, 1)]}
    )
    with pytest.raises(InvalidInput, match="violation_column"):
        statutory_ranges(frame, violation_column="违法行为")
    with pytest.raises(InvalidInput, match="decided_on_column"):
        statutory_ranges(frame, decided_on_column="decided_on")
    with pytest.raises(InvalidInput, match="罚则中的受罚对象为"):
        statutory_ranges(frame, on="路人")
    with pytest.raises(InvalidInput, match="没有这一情形"):
        statutory_ranges(frame, stage="不存在的情形")
    with pytest.raises(InvalidInput, match="只能给出一个"):
        statutory_ranges(
            frame.with_columns(stage=pl.lit("逾期未改正")), stage="逾期未改正", stage_column="stage"
        )
    with pytest.raises(InvalidInput, match="LazyFrame"):
        statutory_ranges(frame.lazy())
    with pytest.raises(InvalidInput, match="输入已有结果列"):
        statutory_ranges(statutory_ranges(frame))


# ---- frame conventions ----------------------------------------------------------------------


@pytest.mark.parametrize("backend", sorted(BACKENDS))
def test_same_kind_out_columns_and_order_kept(backend: str) -> None:
    data = {
        "id": ["F3", "F1", "F2"],
        "violation": ["warning-signs-missing", "special-operators-uncertified", "no-such-act"],
        "occurred_on": [date(2023, 1, 1)] * 3,
        "note": ["a", "b", "c"],
    }
    frame = BACKENDS[backend](data)
    found = statutory_ranges(frame)
    assert type(found) is type(frame)
    out = nw.from_native(found, eager_only=True)
    assert out.columns == [*data, *STATUTORY_RANGE_COLUMNS]
    assert out.get_column("id").to_list() == data["id"]
    assert [plain(v) for v in out.get_column("fine_maximum").to_list()] == [50_000, 100_000, None]
    for name in ("party", "law", "citation", PROBLEM):
        assert out.schema[name] == nw.String, name
    assert pickle.loads(pickle.dumps(found)).shape == (3, len(data) + len(STATUTORY_RANGE_COLUMNS))


def test_pandas_index_is_kept_and_dates_may_be_datetimes() -> None:
    frame = pd.DataFrame(
        {
            "violation": ["warning-signs-missing", "warning-signs-missing"],
            "occurred_on": pd.to_datetime(["2020-01-01", "2023-01-01"]),
        },
        index=["b", "a"],
    )
    found = statutory_ranges(frame)
    assert list(found.index) == ["b", "a"]
    assert found.loc["b", "law"] == "work-safety-law-2014"
    assert found.loc["a", "law"] == "work-safety-law-2021"


# ---- explanations ---------------------------------------------------------------------------


def test_reasons_are_the_scalar_explanations() -> None:
    frame = pd.DataFrame(
        {
            "violation": ["warning-signs-missing", "warning-signs-missing", "no-such-act"],
            "occurred_on": [date(2021, 8, 1), date(2021, 8, 1), date(2023, 1, 1)],
            "decided_on": [date(2021, 10, 1), date(2021, 10, 1), None],
        }
    )
    found = statutory_ranges(frame, decided_on_column="decided_on", reasons=True)
    assert list(found.columns)[-1] == REASONS
    expected = statutory_range(
        "warning-signs-missing", occurred_on=date(2021, 8, 1), decided_on=date(2021, 10, 1)
    ).explanation.text()
    assert found[REASONS].tolist()[:2] == [expected, expected]
    assert pd.isna(found[REASONS][2])


def test_explain_one_row() -> None:
    frame = pa.table(
        {
            "violation": ["special-operators-uncertified", "gas-alarm-not-installed"],
            "occurred_on": ["2023-03-01", "2020-01-01"],
        }
    )
    found = explain_statutory_range_row(frame, 0, on=PERSONS)
    assert found == statutory_range(
        "special-operators-uncertified", occurred_on=date(2023, 3, 1), on=PERSONS
    )
    with pytest.raises(SafetyRulesError, match="没有这一违法行为的罚则"):
        explain_statutory_range_row(frame, 1)
    with pytest.raises(InvalidInput, match="行号"):
        explain_statutory_range_row(frame, 2)
