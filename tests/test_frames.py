"""Tests of safetyrules.frames: results as DataFrames (数据框) in pandas, polars and pyarrow.

For the demo audit every frame has the same columns and values in pandas and in polars, and as
many rows as the report's list; the register frame's numbers are the scalar assessment's (a
property over random risk points); points and scores stay Decimal and dates stay dates; English
names are the columns' English names; narwhals loads only when a frame is built, and without it
the error says what to install.
"""

from __future__ import annotations

import math
import subprocess
import sys
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safetyrules.audit import AuditReport, audit, demo_inputs
from safetyrules.audit.xlsx import (
    DEDUCTION_COLUMNS,
    HAZARD_COLUMNS,
    RISK_POINT_COLUMNS,
)
from safetyrules.audit.xlsx import ELEMENT_COLUMNS as XLSX_ELEMENT_COLUMNS
from safetyrules.errors import InvalidInput
from safetyrules.frames import (
    BACKENDS,
    ELEMENT_COLUMNS,
    FACTOR_SYMBOLS,
    ITEM_COLUMNS,
    LEDGER_COLUMNS,
    REGISTER_COLUMNS,
    SCORE_LEVELS,
    TOP_ELEMENT_COLUMNS,
    ledger_frame,
    register_frame,
    rows_frame,
    score_frame,
)
from safetyrules.hazards import (
    HazardLedger,
    HazardStatus,
    accept,
    close,
    register,
    start_rectification,
)
from safetyrules.law.citation import Citation
from safetyrules.responsibility import major_risk_list
from safetyrules.responsibility.rows import Column
from safetyrules.risk import (
    RiskPoint,
    assess,
    controlled_at,
    direct_conditions,
    grade_register,
    schemes,
)
from safetyrules.scoring.score import ItemStatus, ScoringAssessment
from safetyrules.testing.strategies import risk_points
from tests.hazards.builders import PASSED, at, general, major

pl = pytest.importorskip("polars")
pd = pytest.importorskip("pandas")

AS_OF = date(2026, 11, 29)


@pytest.fixture(scope="module")
def report() -> AuditReport:
    return audit(demo_inputs(), AS_OF)


def _assessment(report: AuditReport) -> ScoringAssessment:
    assert report.standardization is not None
    assert report.standardization.assessment is not None
    return report.standardization.assessment


def _demo_ledger(report: AuditReport) -> HazardLedger:
    """The hazards the demo's inspections found, as a ledger (隐患台账)."""
    return HazardLedger(
        records=[h for s in report.inspections if s.result is not None for h in s.result.hazards]
    )


def _exported(report: AuditReport) -> dict[str, Callable[..., list[dict[str, object]]]]:
    """Every list of the report that exports itself (``to_rows``)."""
    section = report.responsibility
    assert section is not None
    assert section.system is not None
    assert section.major_risks is not None
    assert section.control is not None
    assert section.custody is not None
    lists: dict[str, Callable[..., list[dict[str, object]]]] = {
        "system": section.system.to_rows,
        "major_risks": section.major_risks.to_rows,
        "control": section.control.to_rows,
        "custody": section.custody.to_rows,
    }
    for index, item in enumerate(section.accountability):
        lists[f"accountability[{index}]"] = item.result.to_rows
    return lists


def _frames(report: AuditReport) -> dict[str, tuple[Callable[..., Any], int]]:
    """Each frame of the demo as a function of backend and language, with its row count."""
    assessment = _assessment(report)
    ledger = _demo_ledger(report)
    assert report.risks is not None
    risks = report.risks
    frames: dict[str, tuple[Callable[..., Any], int]] = {
        "register": (lambda **kw: register_frame(risks, **kw), len(risks.rows)),
        "ledger": (lambda **kw: ledger_frame(ledger, AS_OF, **kw), len(ledger.records)),
        "items": (lambda **kw: score_frame(assessment, "item", **kw), len(assessment.items)),
        "elements": (
            lambda **kw: score_frame(assessment, "element", **kw),
            len(assessment.by_element),
        ),
        "top_elements": (
            lambda **kw: score_frame(assessment, "top_element", **kw),
            len(assessment.by_top_element),
        ),
    }
    for name, to_rows in _exported(report).items():
        frames[f"rows:{name}"] = (
            lambda to_rows=to_rows, language="zh", **kw: rows_frame(to_rows(language), **kw),
            len(to_rows("zh")),
        )
    return frames


def _plain(value: object) -> object:
    """A cell as Python sees it, whatever the backend: missing values all become None."""
    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    return value


def records(frame: Any) -> list[dict[str, object]]:
    """A frame's rows as plain dicts (pandas ``to_dict``, polars ``to_dicts``)."""
    if isinstance(frame, pl.DataFrame):
        rows = frame.to_dicts()
    elif isinstance(frame, pd.DataFrame):
        rows = frame.to_dict("records")
    else:  # a pyarrow Table
        rows = frame.to_pylist()
    return [{str(k): _plain(v) for k, v in row.items()} for row in rows]


def _same(left: list[dict[str, object]], right: list[dict[str, object]]) -> None:
    assert left == right
    for a, b in zip(left, right, strict=True):
        for name in a:
            assert type(a[name]) is type(b[name]), (name, a[name], b[name])


def test_demo_has_every_kind_of_frame(report: AuditReport) -> None:
    frames = _frames(report)
    assert {"register", "ledger", "items", "elements", "top_elements"} <= set(frames)
    assert sum(name.startswith("rows:accountability") for name in frames) == 2
    assert all(count > 0 for _, count in frames.values())


@pytest.mark.parametrize("language", ["zh", "en"])
def test_pandas_and_polars_give_the_same_columns_and_values(
    report: AuditReport, language: str
) -> None:
    for name, (build, count) in _frames(report).items():
        pandas_frame = build(backend="pandas", language=language)
        polars_frame = build(backend="polars", language=language)
        assert isinstance(pandas_frame, pd.DataFrame), name
        assert isinstance(polars_frame, pl.DataFrame), name
        assert list(pandas_frame.columns) == polars_frame.columns, name
        assert len(pandas_frame) == polars_frame.height == count, name
        _same(records(pandas_frame), records(polars_frame))


def test_pandas_is_the_default_backend_and_chinese_the_default_language(
    report: AuditReport,
) -> None:
    assert report.risks is not None
    frame = register_frame(report.risks)
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == [c.zh for c in REGISTER_COLUMNS]


def test_row_counts_match_the_reports_lists(report: AuditReport) -> None:
    assert report.risks is not None
    assessment = _assessment(report)
    assert register_frame(report.risks, backend="polars").height == len(report.risks.rows) == 8
    hazards = sum(len(s.result.hazards) for s in report.inspections if s.result is not None)
    assert ledger_frame(_demo_ledger(report), AS_OF, backend="polars").height == hazards
    assert score_frame(assessment, backend="polars").height == len(assessment.items)
    for by, expected in zip(
        SCORE_LEVELS,
        (assessment.items, assessment.by_element, assessment.by_top_element),
        strict=True,
    ):
        assert score_frame(assessment, by, backend="polars").height == len(expected)
    major_rows = major_risk_list(report.risks).to_rows("en")
    assert rows_frame(major_rows, backend="polars").height == len(report.risks.major())
    assert rows_frame(major_rows, backend="polars").columns == list(major_rows[0])


def test_register_frame_is_the_grading(report: AuditReport) -> None:
    assert report.risks is not None
    rows = records(register_frame(report.risks, backend="polars", language="en"))
    for row, graded in zip(rows, report.risks.rows, strict=True):
        assert row["point_id"] == graded.point.id
        assert row["score"] == graded.assessment.score
        assert row["risk_level"] == graded.level.value
        assert row["control_level"] == graded.control_levels[0].value
        assert row["responsible_person"] == graded.point.owner


_CONDITIONS = [c.id for c in direct_conditions()]


@st.composite
def _points(draw: st.DrawFn) -> RiskPoint:
    """Risk points of any method, with a scheme, direct-judgement conditions and owners drawn."""
    point = draw(risk_points())
    chosen = draw(st.none() | st.sampled_from([s.id for s in schemes(point.method)]))
    direct = draw(st.lists(st.sampled_from(_CONDITIONS), max_size=2, unique=True))
    unit = draw(st.none() | st.sampled_from(["设备部", "动力车间"]))
    return RiskPoint.model_validate(
        {**point.model_dump(), "scheme": chosen, "direct": direct, "unit": unit}
    )


@given(st.lists(_points(), max_size=6))
def test_every_row_of_the_register_frame_is_the_scalar_assessment(
    points: list[RiskPoint],
) -> None:
    grading = grade_register(points)
    polars_rows = records(register_frame(grading, backend="polars", language="en"))
    pandas_rows = records(register_frame(grading, backend="pandas", language="en"))
    _same(pandas_rows, polars_rows)
    assert sorted(str(r["point_id"]) for r in polars_rows) == sorted(p.id for p in points)
    for row, graded in zip(polars_rows, grading.rows, strict=True):
        point = graded.point
        scalar = assess(point.method, point.factors, scheme=point.scheme, direct=point.direct)
        assert row["point_id"] == point.id
        assert row["name"] == point.name
        assert row["kind"] == point.kind.value
        assert row["method"] == scalar.method.value
        for symbol in FACTOR_SYMBOLS:
            assert row[f"factor_{symbol}"] == scalar.factors.get(symbol)
        assert isinstance(row["score"], Decimal)
        assert row["score"] == scalar.score
        assert row["scheme"] == scalar.scheme
        assert row["scheme_grade"] == scalar.grade
        assert row["scored_level"] == scalar.scored_level.value
        assert row["risk_level"] == scalar.level.value
        assert row["colour"] == scalar.colour.value
        assert row["forced_by"] == "、".join(scalar.forced_by)
        assert row["control_level"] == controlled_at(scalar.level)[0].value
        assert row["responsible_unit"] == point.unit
        assert row["responsible_person"] == point.owner


def test_points_and_scores_stay_decimal(report: AuditReport) -> None:
    assessment = _assessment(report)
    items = score_frame(assessment, backend="polars", language="en")
    for name in ("points", "applicable_points", "deducted", "lost", "earned"):
        assert isinstance(items.schema[name], pl.Decimal), name
    elements = score_frame(assessment, "element", backend="polars", language="en")
    assert elements["earned"].sum() == assessment.earned
    assert elements["applicable_points"].sum() == assessment.applicable_points
    tops = score_frame(assessment, "top_element", backend="polars", language="en")
    assert tops["percentage"].to_list() == [e.percentage for e in assessment.by_top_element]
    # pandas keeps the Decimal objects in an object column; sums stay exact.
    pandas_elements = score_frame(assessment, "element", language="en")
    assert pandas_elements["earned"].dtype == object
    assert all(isinstance(v, Decimal) for v in pandas_elements["earned"])
    assert pandas_elements["earned"].sum() == assessment.earned
    # A 缺项 has no applicable points, and the items' status is the assessment's.
    rows = records(items)
    for row, item in zip(rows, assessment.items, strict=True):
        assert row["status"] == item.status.value
        assert row["not_applicable"] is (item.status is ItemStatus.NOT_APPLICABLE)
        assert row["applicable_points"] == (0 if row["not_applicable"] else item.points)
        assert row["lost"] == item.lost


def test_a_score_frame_shows_deductions_and_missing_items() -> None:
    from safetyrules.scoring import load_standard
    from safetyrules.scoring.score import Deduction, ItemResult, score

    standard = load_standard("general-gbt-33000-2016")
    found = [
        ItemResult(item="5.1.1-1", deductions=[Deduction(rule="b", count=2)]),
        ItemResult(item="5.1.1-2", not_applicable=True, reason="无此业务"),
    ]
    a = score(standard, found + [ItemResult(item=i.id) for i in standard.items[2:]])
    first, second = records(score_frame(a, backend="polars", language="en"))[:2]
    assert (first["status"], first["deducted"], first["earned"]) == ("扣分", 2, 4)
    assert (second["status"], second["not_applicable"], second["applicable_points"]) == (
        "缺项",
        True,
        0,
    )
    element = records(score_frame(a, "element", language="en"))[0]
    assert element == {
        "code": "5.1.1",
        "element": "目标",
        "applicable_points": Decimal(12),
        "earned": Decimal(10),
        "lost": Decimal(2),
        "percentage": Decimal("83.3"),
    }


def _ledger() -> HazardLedger:
    g1 = start_rectification(general("G1", deadline=date(2024, 3, 8)), at(3, 1, 9), "车间主任")
    g1 = close(g1, at(3, 1, 16), "车间主任")
    g2 = register(general("G2", deadline=date(2024, 3, 5)), at(3, 2), "安全管理部")
    m1 = register(major("M1", deadline=date(2024, 3, 31)), at(3, 2), "安全管理部")
    m1 = start_rectification(m1, at(3, 5), "设备部")
    m1 = accept(m1, at(3, 24), "安全管理部", PASSED)
    m1 = close(m1, at(3, 25), "安全管理部")
    g3 = general("G3", deadline=date(2024, 3, 25), found=at(3, 18, 10))
    return HazardLedger(records=[m1, g3, g2, g1])


def test_ledger_frame_is_the_ledger_as_of_a_day() -> None:
    ledger = _ledger()
    for day in (date(2024, 3, 10), date(2024, 3, 20), date(2024, 3, 31)):
        rows = records(ledger_frame(ledger, day, backend="polars", language="en"))
        log = ledger.log(day)
        assert [r["hazard_id"] for r in rows] == [r.id for r in log]
        for row, entry in zip(rows, log, strict=True):
            assert row["status"] == entry.status.value
            assert row["days_overdue"] == entry.days_overdue
            assert row["last_actor"] == entry.last_actor
            assert row["found_on"] == entry.found_on.date()
            assert row["closed_on"] is None or entry.status is HazardStatus.CLOSED
    frame = ledger_frame(ledger, date(2024, 3, 10), backend="polars", language="en")
    on_10th = {r["hazard_id"]: r for r in records(frame)}
    assert set(on_10th) == {"G1", "G2", "M1"}  # G3 is found on the 18th
    assert on_10th["G1"]["closed_on"] == date(2024, 3, 1)
    assert on_10th["M1"]["closed_on"] is None  # closed on the 25th
    assert on_10th["G2"]["days_overdue"] == 5
    assert on_10th["M1"]["major_basis"] == (
        "《工贸企业重大事故隐患判定标准》（应急管理部令第10号）第十一条第（三）项"
    )
    assert on_10th["G1"]["major_basis"] is None
    on_31st = {r["隐患编号"]: r for r in records(ledger_frame(ledger, date(2024, 3, 31)))}
    assert on_31st["M1"]["销号日期"] == date(2024, 3, 25)
    assert on_31st["M1"]["治理状态"] == "销号"


def test_dates_are_dates_and_times_keep_their_zone() -> None:
    ledger = _ledger()
    frame = ledger_frame(ledger, date(2024, 3, 31), backend="polars", language="en")
    for name in ("found_on", "deadline", "closed_on"):
        assert frame.schema[name] == pl.Date, name
    assert frame.schema["found_at"] == pl.Datetime("us", "Asia/Shanghai")
    assert frame.schema["days_overdue"] == pl.Int64
    found_at = frame["found_at"].to_list()[0]
    assert isinstance(found_at, datetime)
    assert found_at.utcoffset() is not None
    assert found_at.utcoffset().total_seconds() == 8 * 3600  # type: ignore[union-attr]
    pandas_frame = ledger_frame(ledger, date(2024, 3, 31), language="en")
    assert all(type(v) is date for v in pandas_frame["found_on"])
    assert str(pandas_frame["found_at"].dtype).endswith("Asia/Shanghai]")


def test_empty_results_keep_their_columns_and_types() -> None:
    empty = grade_register([])
    frame = register_frame(empty, backend="polars", language="en")
    assert frame.columns == [c.en for c in REGISTER_COLUMNS]
    assert frame.height == 0
    assert isinstance(frame.schema["score"], pl.Decimal)
    assert frame.schema["point_id"] == pl.String
    ledger = ledger_frame(HazardLedger(), date(2024, 3, 1), backend="polars", language="en")
    assert ledger.columns == [c.en for c in LEDGER_COLUMNS]
    assert ledger.schema["deadline"] == pl.Date
    pandas_frame = ledger_frame(HazardLedger(), date(2024, 3, 1))
    assert list(pandas_frame.columns) == [c.zh for c in LEDGER_COLUMNS]
    assert len(pandas_frame) == 0
    assert rows_frame([], backend="polars").shape == (0, 0)


def test_a_column_without_values_is_typed_by_its_kind(report: AuditReport) -> None:
    # The demo's hazards have no deadline; a register graded by LEC alone has no M.
    frame = ledger_frame(_demo_ledger(report), AS_OF, backend="polars", language="en")
    assert frame["deadline"].null_count() == frame.height
    assert frame.schema["deadline"] == pl.Date
    lec_only = grade_register(
        [
            RiskPoint(
                id="R1",
                name="叉车作业",
                kind="作业活动",
                method="LEC",
                factors={"L": 3, "E": 6, "C": 7},
            )
        ]
    )
    register = register_frame(lec_only, backend="polars", language="en")
    assert isinstance(register.schema["factor_M"], pl.Decimal)


@pytest.mark.parametrize(
    ("columns", "expected"),
    [
        (REGISTER_COLUMNS, [c.en for c in REGISTER_COLUMNS]),
        (LEDGER_COLUMNS, [c.en for c in LEDGER_COLUMNS]),
        (ITEM_COLUMNS, [c.en for c in ITEM_COLUMNS]),
        (ELEMENT_COLUMNS, [c.en for c in ELEMENT_COLUMNS]),
        (TOP_ELEMENT_COLUMNS, [c.en for c in TOP_ELEMENT_COLUMNS]),
    ],
)
def test_english_names_are_identifiers_and_unique(
    columns: tuple[Column, ...], expected: list[str]
) -> None:
    assert all(name.isidentifier() and name.isascii() for name in expected)
    assert len(set(expected)) == len(expected)
    assert len({c.zh for c in columns}) == len(columns)


def test_english_column_names(report: AuditReport) -> None:
    assert report.risks is not None
    assessment = _assessment(report)
    assert register_frame(report.risks, backend="polars", language="en").columns == [
        c.en for c in REGISTER_COLUMNS
    ]
    assert ledger_frame(_demo_ledger(report), AS_OF, backend="polars", language="en").columns == [
        c.en for c in LEDGER_COLUMNS
    ]
    for by, columns in zip(
        SCORE_LEVELS, (ITEM_COLUMNS, ELEMENT_COLUMNS, TOP_ELEMENT_COLUMNS), strict=True
    ):
        frame = score_frame(assessment, by, backend="polars", language="en")
        assert frame.columns == [c.en for c in columns]
    pandas_frame = score_frame(assessment, "top_element", language="en")
    assert list(pandas_frame.columns) == [c.en for c in TOP_ELEMENT_COLUMNS]


def _by_key(columns: tuple[Column, ...]) -> dict[str, Column]:
    return {c.key: c for c in columns}


@pytest.mark.parametrize(
    ("ours", "theirs", "keys"),
    [
        (REGISTER_COLUMNS, RISK_POINT_COLUMNS, None),
        (ITEM_COLUMNS, DEDUCTION_COLUMNS, None),
        (TOP_ELEMENT_COLUMNS, XLSX_ELEMENT_COLUMNS, None),
        (LEDGER_COLUMNS, HAZARD_COLUMNS, {"id", "description", "level", "location", "found_on"}),
    ],
)
def test_names_agree_with_the_excel_report(
    ours: tuple[Column, ...], theirs: tuple[Column, ...], keys: set[str] | None
) -> None:
    mine, excel = _by_key(ours), _by_key(theirs)
    shared = (set(mine) & set(excel)) if keys is None else keys
    assert shared
    for key in shared:
        assert (mine[key].zh, mine[key].en) == (excel[key].zh, excel[key].en), key


def test_rows_frame_reads_cells_as_the_other_frames_do() -> None:
    class Colour(StrEnum):
        RED = "红"

    basis = Citation.parse("《中华人民共和国安全生产法》（2021年修正）第四十一条第一款")
    rows = [
        {"颜色": Colour.RED, "依据": basis, "措施": ("通风", "检测"), "分值": Decimal("1.5")},
        {"颜色": None, "依据": None, "措施": (), "分值": Decimal("2")},
    ]
    frame = rows_frame(rows, backend="polars")
    assert frame.schema["颜色"] == pl.String
    assert records(frame) == [
        {"颜色": "红", "依据": basis.text, "措施": "通风、检测", "分值": Decimal("1.5")},
        {"颜色": None, "依据": None, "措施": "", "分值": Decimal("2")},
    ]
    _same(records(rows_frame(rows)), records(frame))


def test_rows_frame_refuses_rows_that_disagree_or_odd_cells() -> None:
    with pytest.raises(InvalidInput, match="列应与第一行相同"):
        rows_frame([{"a": 1, "b": 2}, {"b": 2, "a": 1}])
    with pytest.raises(InvalidInput, match="数据框的单元格") as caught:
        rows_frame([{"a": object()}])
    assert caught.value.field == "a"


@pytest.mark.parametrize("backend", ["dask", "modin", "Pandas", None])
def test_unknown_backend_is_refused(report: AuditReport, backend: object) -> None:
    assert report.risks is not None
    with pytest.raises(InvalidInput, match="应为 pandas、polars 或 pyarrow"):
        register_frame(report.risks, backend=backend)  # type: ignore[arg-type]


def test_unknown_language_and_level_are_refused(report: AuditReport) -> None:
    assert report.risks is not None
    with pytest.raises(InvalidInput, match="应为 zh 或 en"):
        register_frame(report.risks, language="fr")  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="item、element 或 top_element"):
        score_frame(_assessment(report), "section")  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="必须是日期"):
        ledger_frame(_demo_ledger(report), datetime(2026, 11, 29))


def test_missing_narwhals_says_what_to_install(
    report: AuditReport, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert report.risks is not None
    monkeypatch.setitem(sys.modules, "narwhals", None)  # `import narwhals` now fails
    with pytest.raises(InvalidInput) as caught:
        register_frame(report.risks, backend="polars")
    assert caught.value.field == "backend"
    assert "narwhals" in caught.value.message
    assert "pip install 'safetyrules[dataframes]'" in caught.value.message
    assert "请安装" in caught.value.message
    assert isinstance(caught.value.__cause__, ImportError)
    with pytest.raises(InvalidInput, match=r"safetyrules\[dataframes\]"):
        rows_frame([{"a": 1}])


def test_a_missing_backend_says_what_to_install(
    report: AuditReport, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert report.risks is not None
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(InvalidInput, match="未安装 pyarrow，请安装：pip install pyarrow"):
        register_frame(report.risks, backend="pyarrow")


def test_pyarrow_gives_the_same_values(report: AuditReport) -> None:
    pa = pytest.importorskip("pyarrow")
    for name, (build, count) in _frames(report).items():
        table = build(backend="pyarrow", language="en")
        assert isinstance(table, pa.Table), name
        assert table.num_rows == count, name
        assert records(table) == records(build(backend="polars", language="en")), name
    assert report.risks is not None
    table = register_frame(report.risks, backend="pyarrow", language="en")
    assert pa.types.is_decimal(table.schema.field("score").type)


def test_backends_are_the_ones_documented() -> None:
    assert BACKENDS == ("pandas", "polars", "pyarrow")


def _modules_after(statement: str) -> set[str]:
    code = f"import sys; {statement}; print('\\n'.join(sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return set(result.stdout.split())


def test_importing_the_library_does_not_import_narwhals() -> None:
    assert "narwhals" not in _modules_after("import safetyrules")
    loaded = _modules_after("import safetyrules.frames")
    assert not {"narwhals", "polars", "pandas", "pyarrow"} & loaded
    assert "narwhals" in _modules_after(
        "import safetyrules.frames as f; f.rows_frame([{'a': 1}], backend='polars')"
    )
