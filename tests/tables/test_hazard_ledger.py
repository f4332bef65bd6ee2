"""The hazard ledger (隐患排查治理台账) read from Excel and CSV: each row taken through the
closed loop, rows that contradict it reported at their column, the template's sheet empty."""

import csv
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from safetyrules.audit.inputs import load_inputs
from safetyrules.audit.template import write_template
from safetyrules.checks import SHANGHAI
from safetyrules.hazards import HazardLevel, HazardStatus, status
from safetyrules.law.data_files import read_packaged_text
from safetyrules.tables import RowErrors, RowProblem, read_hazard_ledger
from safetyrules.tables.hazard_ledger import HAZARD_LEDGER_TABLE, LEDGER_SHEET
from safetyrules.tables.workbook import HELP_SHEET, column_letter, sheet_names, write_tables

BASIS = "《工贸企业重大事故隐患判定标准》第十一条第（三）项"
AS_OF = date(2024, 3, 20)
HEADER = [column.zh for column in HAZARD_LEDGER_TABLE.columns]


def hazard(number: str, **cells: object) -> dict[str, object]:
    """A row found on 2024-03-01 by 安全管理部, with the given columns (by Chinese name)."""
    return {
        "隐患编号": number,
        "发现日期": "2024-03-01",
        "排查人/部门": "安全管理部",
        "隐患部位": "原料车间",
        "隐患描述": "防护栏缺失",
        "隐患等级": "一般事故隐患",
        **cells,
    }


def major(number: str, **cells: object) -> dict[str, object]:
    """A 重大事故隐患 judged under 应急管理部令第10号, with the given columns."""
    given = {"隐患等级": "重大事故隐患", "判定依据": BASIS, "隐患描述": "除尘系统未设泄爆装置"}
    return hazard(number, **{**given, **cells})


# One good row of each state as of 2024-03-20; the comments give the state by hand.
GOOD = [
    hazard("YH-01", 整改期限="2024-03-31"),  # 登记 only: no 整改责任人
    hazard("YH-02", 整改责任人="车间主任", 整改措施="恢复防护栏", 整改期限="2024-03-31"),  # 整治
    hazard(  # 验收 (passed), not yet 销号
        "YH-03",
        整改责任人="车间主任",
        整改期限="2024-03-31",
        整改完成日期="2024-03-05",
        验收人="安全管理部",
        验收日期="2024-03-06",
        验收结论="整改到位，验收合格",
    ),
    hazard(
        "YH-04", 整改责任人="车间主任", 整改完成日期="2024-03-02", 销号日期="2024-03-02"
    ),  # 销号
    major(  # 重大, 销号 after a passed 验收 with its evaluation report
        "YH-05",
        整改责任人="设备部",
        整改期限="2024-03-31",
        整改完成日期="2024-03-14",
        验收人="安全管理部",
        验收日期="2024-03-15",
        验收结论="合格",
        评估报告="PG-2024-007",
        销号日期="2024-03-16",
    ),
    hazard("YH-06", 整改责任人="车间主任", 整改期限="2024-03-08"),  # 整治, 12 days overdue
    hazard("YH-07", 整改期限="2024-03-10"),  # 登记, 10 days overdue
    major("YH-08", 发现日期="2024-03-02 14:30", 整改责任人="设备部", 整改期限="2024-06-30"),  # 整治
    hazard(  # failed 验收: back to 整治
        "YH-09",
        整改责任人="车间主任",
        整改期限="2024-03-31",
        验收人="安全管理部",
        验收日期="2024-03-12",
        验收结论="整改不到位，验收不合格",
    ),
    hazard("YH-10", 整改责任人="电工班", 整改期限="2024-03-05", 销号日期="2024-03-12"),  # 销号 late
]


def as_row(cells: dict[str, object]) -> list[object]:
    return [cells.get(name) for name in HEADER]


def ledger_workbook(path: Path, rows: list[dict[str, object]]) -> Path:
    """The rows in a workbook written as the template writes it (dates as Excel dates)."""
    write_tables(path, [HAZARD_LEDGER_TABLE], rows={LEDGER_SHEET: [as_row(r) for r in rows]})
    return path


def ledger_csv(path: Path, rows: list[dict[str, object]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows([["" if v is None else v for v in as_row(r)] for r in rows])
    return path


def test_good_rows_in_every_state_make_the_ledger(tmp_path: Path) -> None:
    ledger, result = read_hazard_ledger(ledger_workbook(tmp_path / "hazards.xlsx", GOOD))
    assert result.problems == ()
    summary = result.summary
    assert (summary.file, summary.sheet) == ("hazards.xlsx", "隐患台账")
    assert (summary.read, summary.accepted, summary.rejected, summary.empty) == (10, 10, 0, 0)
    assert summary.records == 10
    assert [r.id for r in ledger] == [f"YH-{n:02}" for n in range(1, 11)]
    assert result.rows == tuple((n,) for n in range(2, 12))
    counts = ledger.counts(AS_OF)
    assert counts.total == 10
    assert counts.by_level == {HazardLevel.GENERAL: 8, HazardLevel.MAJOR: 2}
    assert counts.by_status == {
        HazardStatus.FOUND: 0,
        HazardStatus.REGISTERED: 2,  # YH-01, YH-07
        HazardStatus.RECTIFYING: 4,  # YH-02, YH-06, YH-08, YH-09
        HazardStatus.LISTED_FOR_SUPERVISION: 0,
        HazardStatus.ACCEPTED: 1,  # YH-03
        HazardStatus.CLOSED: 3,  # YH-04, YH-05, YH-10
    }
    # 销号 ÷ all: 3/10; 重大 1/2; 一般 2/8; on 03-10 only YH-04 was 销号: 1/10.
    assert ledger.rectification_rate(AS_OF) == Decimal("30.0")
    assert ledger.rectification_rate(AS_OF, HazardLevel.MAJOR) == Decimal("50.0")
    assert ledger.rectification_rate(AS_OF, HazardLevel.GENERAL) == Decimal("25.0")
    assert ledger.rectification_rate(date(2024, 3, 10)) == Decimal("10.0")
    # Overdue: YH-06 (期限 03-08) and YH-07 (03-10); on 03-10, YH-10 (03-05, 销号 03-12) and YH-06.
    assert [r.id for r in ledger.overdue(AS_OF)] == ["YH-06", "YH-07"]
    assert [row.days_overdue for row in ledger.log(AS_OF) if row.days_overdue] == [12, 10]
    assert [r.id for r in ledger.overdue(date(2024, 3, 10))] == ["YH-10", "YH-06"]


def test_each_row_is_taken_through_the_loop_in_order(tmp_path: Path) -> None:
    ledger, _ = read_hazard_ledger(ledger_workbook(tmp_path / "hazards.xlsx", GOOD))
    records = {r.id: r for r in ledger}
    steps = {key: [s.to_status.value for s in r.history] for key, r in records.items()}
    assert steps["YH-01"] == ["登记"]
    assert steps["YH-04"] == ["登记", "整治", "销号"]
    assert steps["YH-05"] == ["登记", "整治", "验收", "销号"]
    assert steps["YH-09"] == ["登记", "整治", "验收", "整治"]
    closed = records["YH-05"]
    assert str(closed.major_basis) == (
        "《工贸企业重大事故隐患判定标准》（应急管理部令第10号）第十一条第（三）项"
    )
    assert closed.deadline == date(2024, 3, 31)
    registered, rectifying, accepted, done = closed.history
    assert (registered.actor, rectifying.actor, accepted.actor, done.actor) == (
        "安全管理部",
        "设备部",
        "安全管理部",
        "安全管理部",
    )
    assert accepted.acceptance is not None
    assert accepted.acceptance.evaluation_report == "PG-2024-007"
    assert accepted.note == "整改完成日期 2024-03-14"
    assert accepted.at == datetime(2024, 3, 15, tzinfo=SHANGHAI)
    assert records["YH-02"].history[-1].note == "整改措施：恢复防护栏"
    failed = records["YH-09"].history[2].acceptance
    assert failed is not None
    assert not failed.passed
    # A time of discovery is kept, and the steps of that day follow it.
    found = records["YH-08"]
    assert found.found_on == datetime(2024, 3, 2, 14, 30, tzinfo=SHANGHAI)
    assert [s.at for s in found.history] == [found.found_on, found.found_on]
    # The ledger's records replay as of a day: YH-03 was still 整治 before its 验收.
    assert status(records["YH-03"], date(2024, 3, 5)) is HazardStatus.RECTIFYING


BAD = [
    # 销号 before 验收
    hazard(
        "YH-21",
        整改责任人="车间主任",
        验收人="安全管理部",
        验收日期="2024-03-10",
        验收结论="合格",
        销号日期="2024-03-09",
    ),
    major("YH-22", 整改责任人="设备部", 销号日期="2024-03-20"),  # 重大 closed without 验收
    major(  # 重大 accepted without its evaluation report
        "YH-23",
        整改责任人="设备部",
        验收人="安全管理部",
        验收日期="2024-03-15",
        验收结论="合格",
        销号日期="2024-03-16",
    ),
    hazard("YH-24", 整改责任人="车间主任", 整改完成日期="2024-02-28"),  # before discovery
    hazard("YH-25", 隐患等级="较大事故隐患"),  # not a level
    hazard("YH-26", 隐患描述=None),  # a required cell left blank
    hazard("YH-27", 隐患等级="重大事故隐患", 整改责任人="设备部"),  # 重大 without 判定依据
    hazard("YH-28", 销号日期="2024-03-02"),  # closed without rectification
    hazard(  # closed after a failed acceptance
        "YH-29",
        整改责任人="车间主任",
        验收人="安全管理部",
        验收日期="2024-03-10",
        验收结论="验收不合格",
        销号日期="2024-03-11",
    ),
    hazard("YH-01"),  # the id of row 2 again
]


def test_bad_rows_are_reported_at_their_column_and_the_good_rows_kept(tmp_path: Path) -> None:
    path = ledger_workbook(tmp_path / "hazards.xlsx", [*GOOD, *BAD])
    ledger, result = read_hazard_ledger(path)
    assert [r.id for r in ledger] == [f"YH-{n:02}" for n in range(1, 11)]
    found = [(p.sheet, p.row, p.column) for p in result.problems]
    assert found == [
        ("隐患台账", 12, "销号日期"),
        ("隐患台账", 13, "销号日期"),
        ("隐患台账", 14, "评估报告"),
        ("隐患台账", 15, "整改完成日期"),
        ("隐患台账", 16, "隐患等级"),
        ("隐患台账", 17, "隐患描述"),
        ("隐患台账", 18, "判定依据"),
        ("隐患台账", 19, "整改责任人"),
        ("隐患台账", 20, "销号日期"),
        ("隐患台账", 21, "隐患编号"),
    ]
    letter = {c.zh: column_letter(i) for i, c in enumerate(HAZARD_LEDGER_TABLE.columns, 1)}
    assert [p.cell for p in result.problems] == [
        f"{letter[column]}{row}" for _, row, column in found
    ]
    reasons = [p.reason for p in result.problems]
    closed_before, major_closed, no_report, early, level, blank, basis, unrectified = reasons[:8]
    assert closed_before.startswith("早于验收日期 2024-03-10，时间不能倒退")
    assert "第二十二条" in closed_before
    assert "重大事故隐患须经验收合格（转入验收并附验收记录）方可销号" in major_closed
    assert major_closed.startswith("不能从“整治”（RECTIFYING）转为“销号”（CLOSED）")
    assert "重大事故隐患验收合格须写明治理情况评估报告" in no_report
    assert "第十八条" in no_report
    assert early.startswith("早于发现日期 2024-03-01，时间不能倒退")
    assert "第十五条" in early
    assert level == "应为 一般事故隐患、重大事故隐患 之一"
    assert blank == "必填项为空"
    assert basis == "重大事故隐患须写明判定依据（重大事故隐患判定标准的条款）"
    assert unrectified.startswith("必填项为空：已填写销号日期，须写明整改责任人")
    assert "验收不合格，须退回整治，不能销号" in reasons[8]
    assert reasons[9] == "与第 2 行重复"
    assert [p.value for p in result.problems][:5] == [
        "2024-03-09",
        "2024-03-20",
        "",
        "2024-02-28",
        "较大事故隐患",
    ]
    summary = result.summary
    assert (summary.read, summary.accepted, summary.rejected, summary.records) == (20, 10, 10, 10)
    with pytest.raises(RowErrors) as caught:
        result.raise_for_problems()
    assert len(caught.value.problems) == 10


def test_every_defect_of_a_row_is_reported(tmp_path: Path) -> None:
    rows = [
        hazard("YH-31", 发现日期="2024-03-10", 验收日期="2024-03-05", 销号日期="2024-03-08"),
        hazard("YH-32", 评估报告="PG-1", 整改责任人="车间主任"),
    ]
    _, result = read_hazard_ledger(ledger_workbook(tmp_path / "hazards.xlsx", rows))
    assert [(p.row, p.column) for p in result.problems] == [
        (2, "整改责任人"),
        (2, "验收人"),
        (2, "验收日期"),
        (2, "验收结论"),
        (2, "销号日期"),
        (3, "验收人"),
        (3, "验收日期"),
        (3, "验收结论"),
    ]
    assert result.problems[1].reason.startswith("必填项为空：已填写验收日期，验收须写明")
    assert result.problems[2].reason.startswith("早于发现日期 2024-03-10")
    assert result.problems[4].reason.startswith("早于发现日期 2024-03-10")
    assert result.summary.rejected == 2


def test_criteria_and_the_rules_in_force_on_the_day_found() -> None:
    rows = [
        hazard("YH-41", 发现日期="2007-12-31", 整改责任人="车间主任"),
        major("YH-42", 发现日期="2022-06-01", 整改责任人="设备部"),
        major("YH-43", 判定依据="第十一条第（三）项", 整改责任人="设备部"),
        hazard("YH-44", 判定依据="GB 4053.3-2009 第5.2.1条", 整改期限="2024-02-29"),
        hazard("YH-45", 判定依据="GB 4053.3-2009 第5.2.1条"),
    ]
    ledger, result = read_hazard_ledger([HEADER, *(as_row(r) for r in rows)])
    assert [(p.row, p.column) for p in result.problems] == [
        (2, "发现日期"),
        (3, "判定依据"),
        (4, "判定依据"),
        (5, "整改期限"),
    ]
    reasons = [p.reason for p in result.problems]
    assert "2008-02-01 起施行，2007-12-31 不在其有效期内" in reasons[0]
    assert reasons[1].startswith("判定标准须在发现之日有效：《工贸企业重大事故隐患判定标准》")
    assert reasons[2].startswith("重大事故隐患的判定依据应写作判定标准的条款")
    assert reasons[3] == "整改期限早于发现日期 2024-03-01"
    # A 一般事故隐患 has no major basis: what it breaches is the note of its 登记.
    (general,) = ledger
    assert general.major_basis is None
    assert general.history[0].note == "判定依据：GB 4053.3-2009 第5.2.1条"


def test_a_csv_file_reads_the_same(tmp_path: Path) -> None:
    rows = [*GOOD, *BAD]
    from_excel, excel = read_hazard_ledger(ledger_workbook(tmp_path / "hazards.xlsx", rows))
    from_csv, text = read_hazard_ledger(ledger_csv(tmp_path / "hazards.csv", rows))
    assert from_csv == from_excel
    assert text.records == excel.records
    assert (text.summary.file, text.summary.sheet) == ("hazards.csv", None)
    assert text.summary.counts == excel.summary.counts

    def where(problem: RowProblem) -> tuple[object, ...]:
        return (problem.row, problem.column, problem.cell, problem.value, problem.reason)

    assert [where(p) for p in text.problems] == [where(p) for p in excel.problems]


def test_english_headers_short_levels_and_a_title_above(tmp_path: Path) -> None:
    path = tmp_path / "hazards.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "隐患台账"
    sheet.append(["2024年3月隐患排查治理台账"])
    sheet.append(["id", "found_on", "found_by", "location", "description", "level", "basis"])
    sheet.append(
        ["YH-51", datetime(2024, 3, 1, 8, 15), "安全管理部", "抛光车间", "未设泄爆", "重大", BASIS]
    )
    sheet.append(["YH-52", "2024年3月2日", "安全管理部", "叉车库", "叉车未定期检验", "general"])
    book.save(path)
    ledger, result = read_hazard_ledger(path)
    assert result.problems == ()
    assert result.rows == ((3,), (4,))
    first, second = ledger
    assert (first.level, second.level) == (HazardLevel.MAJOR, HazardLevel.GENERAL)
    assert first.found_on == datetime(2024, 3, 1, 8, 15, tzinfo=SHANGHAI)
    assert status(second) is HazardStatus.REGISTERED


def test_the_template_holds_an_empty_ledger_that_does_not_disturb_the_audit(
    tmp_path: Path,
) -> None:
    written = write_template(tmp_path, as_of=date(2026, 11, 29))
    path = tmp_path / "hazards.xlsx"
    assert path in written
    assert sheet_names(path) == ["隐患台账", "说明"]
    ledger, result = read_hazard_ledger(path)
    assert (len(ledger), result.problems, result.summary.read) == (0, (), 0)
    assert ledger.rectification_rate() is None
    book = openpyxl.load_workbook(path)
    header = [c.value for c in book["隐患台账"][1]]
    assert header[:7] == [
        "隐患编号*",
        "发现日期*",
        "排查人/部门*",
        "隐患部位*",
        "隐患描述*",
        "隐患等级*",
        "判定依据",
    ]
    assert header[-1] == "备注"
    assert len(header) == len(HAZARD_LEDGER_TABLE.columns) + 1
    lists = [v.formula1 for v in book["隐患台账"].data_validations.dataValidation]
    assert '"一般事故隐患,重大事故隐患"' in lists
    help_rows = list(book[HELP_SHEET].iter_rows(values_only=True))
    assert ("隐患台账", "验收结论") in {(row[0], row[1]) for row in help_rows}
    assert any(row[0] == "销号" and "验收合格" in str(row[1]) for row in help_rows)
    assert any(row[0] == "trade-major-hazard-criteria-2023" for row in help_rows)
    # The audit folder of the template still loads: the empty ledger is read, and no ledger.
    text = read_packaged_text("demo/enterprise.toml")
    (tmp_path / "enterprise.toml").write_text(text, encoding="utf-8")
    inputs = load_inputs(tmp_path)
    assert inputs.problems == ()
    assert ("hazards.xlsx", 0) in {(t.file, t.read) for t in inputs.tables}
    assert inputs.hazard_ledger is None
