"""The audit report as an Excel workbook: sheets, headers, rows and colours, checked against the
demo enterprise's data files as well as the report."""

from __future__ import annotations

import math
import sys
import tomllib
from datetime import date
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

from safetyrules.audit import AuditInputs, AuditReport, audit, demo_enterprise, demo_inputs
from safetyrules.audit.xlsx import (
    ACCIDENT_COLUMNS,
    CREDIT_COLUMNS,
    DEDUCTION_COLUMNS,
    ELEMENT_COLUMNS,
    ENFORCEMENT_COLUMNS,
    HAZARD_COLUMNS,
    HAZARD_UNIT_COLUMNS,
    INSTRUMENT_COLUMNS,
    LIST_PROBLEM_COLUMNS,
    MAX_WIDTH,
    OVERVIEW_COLUMNS,
    RISK_MATRIX_COLUMNS,
    RISK_POINT_COLUMNS,
    SHEETS,
    write_xlsx,
)
from safetyrules.errors import InvalidInput
from safetyrules.responsibility.rows import Column

openpyxl = pytest.importorskip("openpyxl")

AS_OF = date(2026, 11, 29)
SHEET_NAMES = [
    "概况",
    "法律文件",
    "事故",
    "风险点",
    "风险矩阵",
    "重大危险源",
    "标准化",
    "扣分明细",
    "隐患",
    "执法发现与罚款",
    "隐患台账",
    "责任制问题",
    "重大风险清单",
    "风险管控责任清单",
    "包保责任",
    "清单问题",
    "责任追究清单",
    "失信名单",
]
OWN_COLUMNS = {
    "概况": OVERVIEW_COLUMNS,
    "法律文件": INSTRUMENT_COLUMNS,
    "事故": ACCIDENT_COLUMNS,
    "风险点": RISK_POINT_COLUMNS,
    "风险矩阵": RISK_MATRIX_COLUMNS,
    "重大危险源": HAZARD_UNIT_COLUMNS,
    "标准化": ELEMENT_COLUMNS,
    "扣分明细": DEDUCTION_COLUMNS,
    "隐患": HAZARD_COLUMNS,
    "执法发现与罚款": ENFORCEMENT_COLUMNS,
    "清单问题": LIST_PROBLEM_COLUMNS,
    "失信名单": CREDIT_COLUMNS,
}


def demo_file(name: str) -> dict[str, Any]:
    return tomllib.loads((files("safetyrules") / "data" / "demo" / name).read_text("utf-8"))


@pytest.fixture(scope="module")
def report() -> AuditReport:
    return audit(demo_inputs(), AS_OF)


def written(report: AuditReport, folder: Path, language: str = "zh") -> Any:
    path = folder / f"审计报告-{language}.xlsx"
    write_xlsx(report, path, language=language)  # type: ignore[arg-type]
    return openpyxl.load_workbook(path)


@pytest.fixture(scope="module")
def book(report: AuditReport, tmp_path_factory: pytest.TempPathFactory) -> Any:
    return written(report, tmp_path_factory.mktemp("xlsx"))


@pytest.fixture(scope="module")
def book_en(report: AuditReport, tmp_path_factory: pytest.TempPathFactory) -> Any:
    return written(report, tmp_path_factory.mktemp("xlsx"), "en")


def header(sheet: Any) -> list[object]:
    return [cell.value for cell in sheet[1]]


def records(sheet: Any) -> list[dict[object, object]]:
    """The sheet's rows keyed by its header."""
    names = header(sheet)
    return [dict(zip(names, row, strict=True)) for row in sheet.iter_rows(2, values_only=True)]


def rgb(cell: Any) -> tuple[int, int, int]:
    value = cell.fill.fgColor.rgb[-6:]
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def red(cell: Any) -> bool:
    r, g, b = rgb(cell)
    return r > 180 and g < 100 and b < 100


def test_the_demo_has_every_sheet_in_order(book: Any) -> None:
    # Every sheet but 资料读取问题: the demo's files are all readable.
    assert book.sheetnames == SHEET_NAMES == [sheet.zh for sheet in SHEETS][:-1]


def test_english_sheet_names(book_en: Any) -> None:
    assert book_en.sheetnames == [sheet.en for sheet in SHEETS][:-1]
    assert book_en.sheetnames[:4] == ["Overview", "Instruments", "Accidents", "Risk points"]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_sheet_names_are_valid_excel_names(language: str) -> None:
    for sheet in SHEETS:
        name = sheet.name(language)  # type: ignore[arg-type]
        assert 0 < len(name) <= 31
        assert not set(name) & set("[]:*?/\\")


def test_every_sheet_has_a_frozen_bold_header_and_rows(book: Any) -> None:
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2", sheet.title
        assert all(cell.font.b for cell in sheet[1]), sheet.title
        assert sheet.max_row >= 2, f"{sheet.title} 是空表"


@pytest.mark.parametrize(("name", "columns"), OWN_COLUMNS.items())
def test_headers_of_the_sheets_named_here(
    book: Any, name: str, columns: tuple[Column, ...]
) -> None:
    assert header(book[name]) == [c.zh for c in columns]


def test_headers_of_the_lists_are_their_own(book: Any, report: AuditReport) -> None:
    section = report.responsibility
    assert section is not None
    assert section.system is not None
    assert section.major_risks is not None
    assert section.control is not None
    assert section.custody is not None
    assert header(book["责任制问题"]) == list(section.system.to_rows()[0])
    assert header(book["重大风险清单"]) == list(section.major_risks.to_rows()[0])
    assert header(book["风险管控责任清单"]) == list(section.control.to_rows()[0])
    assert header(book["包保责任"]) == list(section.custody.to_rows()[0])
    accountability = next(a.result for a in section.accountability if a.result is not None)
    assert header(book["责任追究清单"])[3:] == list(accountability.to_rows()[0])
    assert header(book["责任追究清单"])[:3] == ["事故发生日期", "事故简况", "按单位负有责任列示"]


def test_row_counts_match_the_report(book: Any, report: AuditReport) -> None:
    assert report.risks is not None
    assert report.standardization is not None
    assert report.standardization.assessment is not None
    section = report.responsibility
    assert section is not None
    assert section.system is not None
    assert section.major_risks is not None
    assert section.control is not None
    assert section.custody is not None
    inspections = [s.result for s in report.inspections if s.result is not None]
    expected = {
        "法律文件": len(report.instruments),
        "事故": len(report.accidents),
        "风险点": len(report.risks.rows),
        "风险矩阵": 5 * len(report.risks.heat_maps),
        "重大危险源": len(report.hazard_units),
        "标准化": len(report.standardization.assessment.by_top_element),
        "扣分明细": sum(
            item.status.value != "符合" for item in report.standardization.assessment.items
        )
        + sum(len(r.deductions) for r in inspections),
        "隐患": sum(len(r.hazards) for r in inspections),
        "执法发现与罚款": sum(len(r.findings) for r in inspections),
        "责任制问题": len(section.system.findings) + len(section.system.errors),
        "重大风险清单": len(section.major_risks.rows),
        "风险管控责任清单": len(section.control.rows),
        "包保责任": len(section.custody.rows),
        "清单问题": len(section.major_risks.problems)
        + len(section.control.problems)
        + len(section.custody.problems),
        "责任追究清单": sum(
            len(a.result.rows) for a in section.accountability if a.result is not None
        ),
        "失信名单": len(report.credit),
    }
    assert {name: book[name].max_row - 1 for name in expected} == expected


def test_row_counts_match_the_demo_files(book: Any) -> None:
    risks = demo_file("risks.toml")["risk"]
    accidents = demo_file("accidents.toml")["accident"]
    units = demo_file("hazard_units.toml")["unit"]
    custody = demo_file("custody.toml")["installation"]
    answers = demo_file("inspections.toml")["inspection"][0]["answers"]
    results = demo_file("self_assessment.toml")["results"]
    posts = demo_file("responsibility.toml")["posts"]
    failed = [a for a in answers if a["outcome"] == "不符合"]

    assert len(risks) == book["风险点"].max_row - 1 == book["风险管控责任清单"].max_row - 1 == 8
    assert len(accidents) == book["事故"].max_row - 1 == 2
    assert len(units) == book["重大危险源"].max_row - 1 == 2
    # One installation is major (the ammonia plant); it has three 包保责任人, one not named.
    assert len(custody) == 1
    assert book["包保责任"].max_row - 1 == 3 * len(custody) == 3
    named = custody[0]["persons"]
    assert [r["姓名/岗位"] for r in records(book["包保责任"])] == [
        named["主要负责人"],
        named["技术负责人"],
        None,
    ]
    assert [r["问题"] for r in records(book["清单问题"])] == [
        "重大危险源“氨制冷系统（含储氨器）”未明确操作负责人"
    ]
    # The drills duty is left out of every post on purpose: the one 责任制 finding.
    assert all("safety-management.drills" not in post.get("duties", []) for post in posts)
    assert [r["职责编号"] for r in records(book["责任制问题"])] == ["safety-management.drills"]
    # Each failed item of the inspection is both a hazard and a finding.
    assert book["隐患"].max_row - 1 == book["执法发现与罚款"].max_row - 1 == len(failed) == 4
    own = [r for r in records(book["扣分明细"]) if str(r["来源"]).startswith("自评")]
    assert [r["评分项"] for r in own] == [r["item"] for r in results]
    ls_points = sum(r["method"] == "LS" for r in risks)
    matrix = [row[2:] for row in book["风险矩阵"].iter_rows(2, values_only=True)]
    assert sum(sum(row) for row in matrix) == ls_points == 4
    # 重大风险: R01 by direct judgement (a major hazard installation), R03 by LEC D = 360 > 320.
    major = [
        r["id"]
        for r in risks
        if r.get("direct") or (r["method"] == "LEC" and math.prod(r["factors"].values()) > 320)
    ]
    assert major == ["R01", "R03"]
    assert [r["风险点编号"] for r in records(book["重大风险清单"])] == major


def test_the_major_risk_level_cell_is_red(book: Any) -> None:
    sheet = book["风险点"]
    column = header(sheet).index("风险等级")
    rows = list(sheet.iter_rows(min_row=2))
    majors = [row[column] for row in rows if row[column].value == "重大风险"]
    assert len(majors) == 2
    assert all(red(cell) for cell in majors)
    assert not any(red(row[column]) for row in rows if row[column].value != "重大风险")
    assert sheet.cell(2, column + 1).fill.fgColor.rgb.endswith("D62728")


def test_the_risk_matrix_cells_are_filled_by_level(book: Any) -> None:
    sheet = book["风险矩阵"]
    assert [row[1] for row in sheet.iter_rows(2, values_only=True)] == [5, 4, 3, 2, 1]
    top_right, bottom_left = sheet.cell(2, 7), sheet.cell(6, 3)  # L = 5, S = 5; L = 1, S = 1
    assert red(top_right)
    assert not red(bottom_left)
    # L = 3, S = 5: R01 and R02, a 较大风险 cell (R01 is 重大 by direct judgement only).
    assert sheet.cell(4, 7).value == 2
    assert rgb(sheet.cell(4, 7)) == (0xFF, 0x7F, 0x0E)


def test_major_accident_hazards_come_first(book: Any) -> None:
    levels = [r["隐患级别"] for r in records(book["隐患"])]
    assert levels == ["重大事故隐患", "重大事故隐患", "一般事故隐患", "一般事故隐患"]


def test_numbers_stay_numbers(book: Any) -> None:
    finding = records(book["执法发现与罚款"])[0]
    assert finding["法定罚款上限（元）"] == 50000
    assert finding["建议罚款（无其他情节）"] == "1万元以上3万元以下"
    assert records(book["风险点"])[0]["风险值"] == 15
    assert records(book["标准化"])[0]["得分率（%）"] == pytest.approx(94.2)


def test_english_headers(book: Any, book_en: Any, report: AuditReport) -> None:
    assert header(book_en["Risk points"]) == [c.en for c in RISK_POINT_COLUMNS]
    assert header(book_en["Overview"]) == ["item", "value"]
    section = report.responsibility
    assert section is not None
    assert section.major_risks is not None
    assert header(book_en["Major risks"]) == list(section.major_risks.to_rows("en")[0])
    assert header(book_en["Accountability"])[:4] == [
        "accident_date",
        "accident",
        "responsibility_assumed",
        "matter",
    ]
    # Only the names change: the cells are the same.
    zh = list(book["风险点"].iter_rows(2, values_only=True))
    en = list(book_en["Risk points"].iter_rows(2, values_only=True))
    assert zh == en


def test_widths_are_capped_and_long_text_wraps(book: Any) -> None:
    for sheet in book.worksheets:
        widths = [d.width for d in sheet.column_dimensions.values()]
        assert widths
        assert all(0 < w <= MAX_WIDTH for w in widths), sheet.title
    sheet = book["事故"]
    reasons = header(sheet).index("定级理由") + 1
    assert sheet.column_dimensions["I"].width == MAX_WIDTH
    assert sheet.cell(2, reasons).alignment.wrap_text
    assert sheet.row_dimensions[2].height > 15
    assert not sheet.cell(2, 1).alignment.wrap_text


def test_a_report_without_risks_has_no_risk_sheets(tmp_path: Path) -> None:
    report = audit(demo_inputs().model_copy(update={"risks": ()}), AS_OF)
    names = written(report, tmp_path).sheetnames
    assert "事故" in names
    for name in ("风险点", "风险矩阵", "重大风险清单", "风险管控责任清单"):
        assert name not in names


def test_an_enterprise_alone_gives_two_sheets(tmp_path: Path) -> None:
    report = audit(AuditInputs(enterprise=demo_enterprise()), AS_OF)
    assert written(report, tmp_path).sheetnames == ["概况", "法律文件"]


def test_text_is_never_a_formula(report: AuditReport, tmp_path: Path) -> None:
    enterprise = report.enterprise.model_copy(update={"name": "=HYPERLINK(0)"})
    book = written(report.model_copy(update={"enterprise": enterprise}), tmp_path)
    cell = next(row[1] for row in book["概况"].iter_rows(2) if row[0].value == "单位名称")
    assert (cell.value, cell.data_type) == ("=HYPERLINK(0)", "s")


def test_without_openpyxl_the_error_says_what_to_install(
    report: AuditReport, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    path = tmp_path / "报告.xlsx"
    with pytest.raises(InvalidInput, match=r"safetyrules\[excel\]"):
        write_xlsx(report, path)
    assert not path.exists()


def test_an_unknown_language_is_refused(report: AuditReport, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="应为 zh 或 en"):
        write_xlsx(report, tmp_path / "报告.xlsx", language="fr")  # type: ignore[arg-type]


def test_the_ledger_sheet(book: Any) -> None:
    # demo/hazards.toml: 6 hazards, the two 重大事故隐患 first (YH-2026-015 then YH-2026-043).
    rows = records(book["隐患台账"])
    assert [r["隐患编号"] for r in rows][:2] == ["YH-2026-015", "YH-2026-043"]
    assert len(rows) == 6
    assert [r["逾期天数"] for r in rows if r["逾期天数"]] == [29]
    overview = {row[0]: row[1] for row in book["概况"].iter_rows(min_row=2, values_only=True)}
    assert "整改率 50.0%" in overview["隐患排查治理台账"]
