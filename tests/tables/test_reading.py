"""Reading tables row by row: bad rows reported with their place, good rows kept, nothing lost."""

import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from safetyrules.accidents.record import AccidentRecord
from safetyrules.checklists.inspection import InspectionRecord
from safetyrules.enterprise import Enterprise
from safetyrules.responsibility.system import Post
from safetyrules.risk.major_hazard.unit import HazardUnit
from safetyrules.risk.register import RiskPoint
from safetyrules.tables import (
    ExcelUnavailable,
    RowErrors,
    RowProblem,
    TableColumn,
    WorkbookError,
    read_table,
)
from safetyrules.tables.cells import CellKind
from safetyrules.tables.specs import RISK_TABLE

RISK_HEADER = ["风险点编号", "风险点名称", "类型", "评价方法", "因素L", "因素E", "因素C", "因素S"]


def workbook(path: Path, sheet: str, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    book.active.title = sheet
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def places(problems: tuple[RowProblem, ...]) -> list[tuple[str | None, int | None, str]]:
    return [(p.sheet, p.row, p.column) for p in problems]


def test_bad_rows_are_reported_where_excel_shows_them(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "risks.xlsx",
        "风险点",
        [
            ["风险点台账（2026年）"],  # a title above the header
            RISK_HEADER,
            ["R01", "液氨制冷机房", "设备设施", "LS", 3, None, None, 5],
            ["R02", "叉车作业", "作业活动", "LS", 6, None, None, 4],  # L = 6: not in the LS table
            [],
            ["R03", "污水池清淤", "作业活动", "LEC", 3, 3, 40, None],
            ["R04", None, "设备设施", "LS", 2, None, None, 2],  # no name
            ["R05", "配电室", "设备", "LS", 2, None, None, 2],  # not a kind
            ["R06", "锅炉", "设备设施", "LS", 2, 6, None, 5],  # E is not an LS factor
            ["R01", "重复", "设备设施", "LS", 1, None, None, 1],  # id already used
            [None, None, None, None, None, None, None, None],
        ],
    )
    result = read_table(path, RiskPoint)
    assert [p.id for p in result.records] == ["R01", "R03"]
    assert result.rows == ((3,), (6,))
    assert places(result.problems) == [
        ("风险点", 4, "因素L"),
        ("风险点", 7, "风险点名称"),
        ("风险点", 8, "类型"),
        ("风险点", 9, "因素E"),
        ("风险点", 10, "风险点编号"),
    ]
    assert [p.cell for p in result.problems] == ["E4", "B7", "C8", "F9", "A10"]
    assert result.problems[0].reason == "事故发生的可能性（L）只能取 1、2、3、4、5"
    assert result.problems[0].value == "6"
    assert result.problems[3].reason == "评价方法 LS 不用因素E，请留空"
    assert result.problems[4].reason == "与第 3 行重复"
    summary = result.summary
    assert (summary.read, summary.accepted, summary.rejected, summary.empty) == (7, 2, 5, 1)
    assert summary.read == summary.accepted + summary.rejected
    with pytest.raises(RowErrors) as caught:
        result.raise_for_problems()
    assert len(caught.value.problems) == 5
    assert "risks.xlsx「风险点」第 4 行 因素L（E4）" in str(caught.value)


def test_a_method_needs_its_factors() -> None:
    result = read_table(
        [RISK_HEADER, ["R1", "叉车", "作业活动", "LEC", 3, None, 7, None]], RiskPoint
    )
    assert [(p.column, p.reason) for p in result.problems] == [
        ("因素E", "评价方法 LEC 须填写因素E")
    ]


def test_accident_rows_each_defect_with_its_column(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "accidents.xlsx",
        "事故",
        [
            ["发生日期", "事故简况", "死亡人数", "重伤人数", "直接经济损失（元）", "事故类别"],
            [date(2022, 3, 9), "输送带卷入", None, 1, 380000, "机械伤害"],
            ["2024-02-30", "坍塌", 1, None, None, None],
            [date(2023, 5, 1), None, -1, 2.5, "12万", None],
            [date(2023, 5, 1), "触电", None, None, 1260000.5, "触电事故"],
        ],
    )
    result = read_table(path, AccidentRecord)
    assert [r.summary for r in result.records] == ["输送带卷入"]
    assert result.records[0].direct_economic_loss == Decimal(380000)
    assert [(p.row, p.column, p.reason) for p in result.problems] == [
        (3, "发生日期", "不是有效日期"),
        (4, "事故简况", "必填项为空"),
        (4, "重伤人数", "应为整数"),
        (4, "直接经济损失（元）", "应为数值"),
        (5, "事故类别", "未知的GB 6441-1986 事故类别: '触电事故'（相近：触电）"),
    ]
    # Cell problems come first; the negative count is checked once the cells read.
    fixed = read_table(
        [["发生日期", "事故简况", "死亡人数"], ["2023-05-01", "坍塌", -1]], AccidentRecord
    )
    assert [(p.column, p.reason) for p in fixed.problems] == [("死亡人数", "人数不能为负数")]


def test_money_from_a_float_cell_is_exact(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "a.xlsx",
        "事故",
        [["发生日期", "事故简况", "直接经济损失（元）"], [date(2023, 5, 1), "x", 1260000.55]],
    )
    (record,) = read_table(path, AccidentRecord).records
    assert record.direct_economic_loss == Decimal("1260000.55")


def test_findings_columns_fill_the_nested_findings() -> None:
    result = read_table(
        [
            ["发生日期", "事故简况", "主要负责人未履职", "处理决定日期"],
            ["2024-07-18", "氨泄漏", "是", "2024-10-15"],
            ["2022-03-09", "卷入", None, None],
        ],
        AccidentRecord,
    )
    with_findings, without = result.records
    assert with_findings.findings is not None
    assert with_findings.findings.principal_at_fault
    assert with_findings.findings.unit_responsible
    assert with_findings.findings.decided_on == date(2024, 10, 15)
    assert without.findings is None


def test_english_headers_are_the_toml_paths() -> None:
    result = read_table(
        [
            ["id", "name", "kind", "method", "factors.L", "factors.S", "measures.management"],
            ["R1", "动火作业", "作业活动", "ls", 4, 5, "动火作业审批、监护"],
        ],
        RiskPoint,
    )
    (point,) = result.records
    assert point.factors == {"L": 4, "S": 5}
    assert point.measures.management == ("动火作业审批", "监护")


def test_header_problems() -> None:
    unknown = read_table(
        [["发生日期", "事故简况", "伤亡"], ["2023-05-01", "坍塌", 3]], AccidentRecord
    )
    assert len(unknown.records) == 1
    assert unknown.problems == ()
    assert unknown.raise_for_problems() is unknown
    assert [(p.row, p.column, p.cell, p.reason) for p in unknown.warnings] == [
        (1, "伤亡", "C1", "未识别的列，未读入（列名见说明工作表）")
    ]
    assert unknown.summary.counts == "读取 1 行：接受 1 行，拒绝 0 行，空行 0 行"
    missing = read_table([["事故简况"], ["坍塌"], ["触电"]], AccidentRecord)
    assert missing.records == ()
    assert (missing.summary.read, missing.summary.rejected) == (2, 2)
    assert [(p.row, p.column, p.reason) for p in missing.problems][:1] == [
        (1, "发生日期", "缺少必填列")
    ]
    twice = read_table(
        [["发生日期", "事故简况", "事故发生日期"], ["2023-05-01", "x", "2023-05-01"]],
        AccidentRecord,
    )
    assert twice.records == ()
    assert twice.problems[0].reason == "与 A 列重复"
    none = read_table([["a", "b"], [1, 2]], AccidentRecord)
    assert none.problems[0].reason.startswith("找不到表头")


def test_notes_and_blank_headers() -> None:
    result = read_table(
        [
            ["发生日期", "事故简况", "备注", None],
            ["2023-05-01", "坍塌", "复核", None],
            [None, None, "以下为二车间", None],
            ["2023-06-01", "触电", None, "?"],
        ],
        AccidentRecord,
    )
    assert [r.summary for r in result.records] == ["坍塌"]
    assert result.summary.empty == 1
    assert [(p.row, p.cell, p.reason) for p in result.problems] == [
        (4, "D4", "该列没有列名，内容未读入")
    ]


def test_rows_as_mappings() -> None:
    result = read_table(
        [{"发生日期": "2023-05-01", "事故简况": "坍塌"}, {"发生日期": "2023-06-01"}],
        AccidentRecord,
    )
    assert [p.row for p in result.problems] == [3]


def test_csv_with_and_without_a_byte_order_mark(tmp_path: Path) -> None:
    text = '发生日期,事故简况,重伤人数\n2024-07-18,氨泄漏,3\n,,\n2024-08-01,"烫伤，一人",1\n'
    with_bom = tmp_path / "with.csv"
    with_bom.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    without = tmp_path / "without.csv"
    without.write_text(text, encoding="utf-8")
    for path in (with_bom, without):
        result = read_table(path, AccidentRecord)
        assert [r.summary for r in result.records] == ["氨泄漏", "烫伤，一人"]
        assert result.summary.empty == 1
        assert result.problems == ()
    bad = tmp_path / "bad.csv"
    bad.write_text("发生日期,事故简况\n2024-07-18,\n", encoding="utf-8")
    assert [
        (p.sheet, p.row, p.column, p.cell) for p in read_table(bad, AccidentRecord).problems
    ] == [(None, 2, "事故简况", "B2")]


def test_a_csv_in_another_encoding_says_how_to_save_it(tmp_path: Path) -> None:
    path = tmp_path / "accidents.csv"
    path.write_bytes("发生日期,事故简况\n".encode("gbk"))
    with pytest.raises(WorkbookError, match="CSV UTF-8"):
        read_table(path, AccidentRecord)


def test_a_workbook_without_the_sheet(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "甲"
    book.create_sheet("乙")
    book.save(tmp_path / "risks.xlsx")
    with pytest.raises(WorkbookError, match="没有工作表“风险点”（现有：甲、乙）"):
        read_table(tmp_path / "risks.xlsx", RiskPoint)
    # A workbook with one sheet is read whatever the sheet is called.
    workbook(tmp_path / "one.xlsx", "Sheet1", [RISK_HEADER])
    assert read_table(tmp_path / "one.xlsx", RiskPoint).summary.read == 0


def test_without_openpyxl_the_error_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = workbook(tmp_path / "risks.xlsx", "风险点", [RISK_HEADER])
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(ExcelUnavailable, match=r"pip install 'safetyrules\[excel\]'"):
        read_table(path, RiskPoint)
    # CSV needs no extra package.
    csv = tmp_path / "risks.csv"
    csv.write_text(",".join(RISK_HEADER) + "\n", encoding="utf-8")
    assert read_table(csv, RiskPoint).records == ()


HAZARD_HEADER = [
    "单元名称",
    "单元类型",
    "周边常住人口",
    "危险化学品名称",
    "设计最大量（吨）",
    "特别管控类别",
]


def test_substances_group_into_units(tmp_path: Path) -> None:
    path = tmp_path / "hazard_units.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "危险化学品"
    for row in [
        HAZARD_HEADER,
        ["氨制冷系统", "生产单元", 60, "液氨", 12, "液化气体"],
        ["化学品仓库", "储存单元", 60, "乙醇", 3, None],
        [None, None, None, "液化石油气", 0.5, "液化易燃气体"],
        ["化学品仓库", None, None, "甲醇", 1.2, None],  # the unit named again, later
    ]:
        sheet.append(row)
    sheet.merge_cells("A3:A4")  # merged like a real register
    book.save(path)
    result = read_table(path, HazardUnit)
    ammonia, store = result.records
    assert ammonia.liquefied_gases == ("液氨",)
    assert [(s.name, s.quantity) for s in store.substances] == [
        ("乙醇", Decimal(3)),
        ("液化石油气", Decimal("0.5")),
        ("甲醇", Decimal("1.2")),
    ]
    assert store.liquefied_flammable_gases == ("液化石油气",)
    assert result.rows == ((2,), (3, 4, 5))
    assert result.summary.records == 2


def test_one_bad_substance_rejects_its_whole_unit() -> None:
    result = read_table(
        [
            HAZARD_HEADER,
            ["储罐区", "储存单元", -1, "液氨", 12, None],
            [None, None, None, "乙醇", "三吨", None],
            [None, None, None, "甲醇", 1, None],
            ["仓库", "储存单元", None, "乙醇", 3, None],
            ["仓库", "生产单元", None, "甲醇", 1, None],
            ["好单元", "储存单元", None, "液氨", 1, None],
        ],
        HazardUnit,
    )
    assert [u.name for u in result.records] == ["好单元"]
    assert [(p.row, p.column, p.reason) for p in result.problems] == [
        (2, "周边常住人口", "不能为负数"),
        (3, "设计最大量（吨）", "应为数值"),
        (4, "", "同一单元的第 2 行有错误，整个单元未读入"),
        (5, "", "同一单元的第 6 行有错误，整个单元未读入"),
        (6, "单元类型", "与第 5 行不一致（第 5 行为 储存单元）"),
    ]
    assert (result.summary.accepted, result.summary.rejected) == (1, 5)


def test_a_first_row_without_its_unit() -> None:
    result = read_table([HAZARD_HEADER, [None, None, None, "液氨", 1, None]], HazardUnit)
    assert [(p.column, p.reason) for p in result.problems] == [("单元名称", "必填项为空")]


INSPECTION_HEADER = [
    "检查表",
    "检查日期",
    "检查人员",
    "检查项编号",
    "检查结论",
    "不适用理由",
    "发现处数",
]


def test_answers_group_into_inspections_and_a_bad_answer_goes_alone() -> None:
    result = read_table(
        [
            INSPECTION_HEADER,
            ["dust-explosion", "2026-11-20", "检查组", "3-1", "符合", None, None],
            [None, None, None, "11-3", "不符合", None, 2],
            [None, None, None, "11-6", "不适用", None, None],  # no reason
            [None, None, None, "99-9", "符合", None, None],  # not in the checklist
            [None, None, None, "3-1", "符合", None, None],  # answered twice
            ["confined-space", "2026-11-21", None, "no-item", "符合", None, None],
            ["no-such-list", "2026-11-22", None, "1", "符合", None, None],
            [None, None, None, "2", "符合", None, None],
        ],
        InspectionRecord,
    )
    (record,) = result.records
    assert [a.item for a in record.answers] == ["3-1", "11-3"]
    assert record.answers[1].count == 2
    assert result.rows == ((2, 3),)
    assert [(p.row, p.column) for p in result.problems] == [
        (4, "不适用理由"),
        (5, "检查项编号"),
        (6, "检查项编号"),
        (7, "检查项编号"),
        (8, "检查表"),
        (9, ""),
    ]
    assert result.problems[0].reason == "检查项 11-6 不适用，须说明理由"
    assert result.problems[2].reason == "检查项 3-1 重复作答"
    assert result.problems[5].reason == "同一检查的第 8 行有错误，整个检查未读入"


def test_posts_read_back_the_exported_rows() -> None:
    result = read_table(
        [
            ["岗位编号", "岗位", "岗位类别", "法定职责", "安全生产管理人员", "注册安全工程师"],
            [
                "gm",
                "总经理",
                "主要负责人",
                "principal.investment、principal.emergency-plan",
                None,
                None,
            ],
            ["s1", "安全员", "安全生产管理人员", None, None, "是"],
            ["s 2", "安全员", "一般岗位", None, None, None],
        ],
        Post,
    )
    assert [p.id for p in result.records] == ["gm"]
    assert result.records[0].duties == ("principal.investment", "principal.emergency-plan")
    assert [(p.row, p.column) for p in result.problems] == [
        (3, "安全生产管理人员"),
        (4, "岗位编号"),
    ]


def test_other_models_need_their_columns() -> None:
    from pydantic import BaseModel

    class Reading(BaseModel):
        meter: str
        value: int

    columns = [
        TableColumn("meter", "表号", required=True),
        TableColumn("value", "读数", CellKind.INTEGER, required=True),
    ]
    result = read_table([["表号", "读数"], ["M1", 3.0]], Reading, columns=columns)
    assert result.records == (Reading(meter="M1", value=3),)
    with pytest.raises(ValueError, match="须给出列定义"):
        read_table([["表号"]], Reading)


def test_the_risk_table_documents_one_column_per_factor() -> None:
    factors = [c.zh for c in RISK_TABLE.columns if c.key.startswith("factors.")]
    assert factors == ["因素L", "因素E", "因素C", "因素M", "因素S"]


def test_a_formula_quantity_is_read_as_excel_shows_it() -> None:
    # 液氨 critical quantity 10 t: =(0.7+0.2+0.1)*10 is 9.999999999999998 as a float.
    result = read_table(
        [
            ["单元名称", "单元类型", "周边常住人口", "危险化学品名称", "设计最大量（吨）"],
            ["储氨区", "储存单元", 60, "液氨", (0.7 + 0.2 + 0.1) * 10],
        ],
        HazardUnit,
    )
    (unit,) = result.records
    assert unit.substances[0].quantity == Decimal(10)
    assert unit.assess().is_major


def test_serial_columns_are_not_read_and_not_reported() -> None:
    for name in ("序号", "No.", "NO.", "#"):
        result = read_table(
            [
                [name, "发生日期", "事故简况", "备注"],
                [1, "2023-05-01", "坍塌", None],
                [2, None, None, None],  # numbered in advance, otherwise blank
                [3, None, None, "待补"],
            ],
            AccidentRecord,
        )
        assert [r.summary for r in result.records] == ["坍塌"], name
        assert (result.problems, result.warnings) == ((), ()), name
        assert result.summary.counts == "读取 1 行：接受 1 行，拒绝 0 行，空行 2 行"


def test_unknown_columns_are_warnings_not_rejected_rows() -> None:
    result = read_table(
        [
            ["序号", "发生日期", "事故简况", "伤亡", "死亡人数"],
            [1, "2023-05-01", "坍塌", "3 人轻伤", 0],
            [2, "2023-05-02", "触电", None, -1],
        ],
        AccidentRecord,
    )
    assert [r.summary for r in result.records] == ["坍塌"]
    assert [str(w) for w in result.warnings] == [
        "表格 第 1 行 伤亡（D1）：未识别的列，未读入（列名见说明工作表）"
    ]
    assert [(p.row, p.column) for p in result.problems] == [(3, "死亡人数")]
    assert (result.summary.accepted, result.summary.rejected) == (1, 1)


def test_industry_codes_keep_their_leading_zeros() -> None:
    from safetyrules.tables.reading import read_form
    from safetyrules.tables.specs import ENTERPRISE_FIELDS

    rows: list[list[object]] = [
        ["单位名称", "示例农场"],
        ["统一社会信用代码", "91330402MA2B00000H"],
        ["国民经济行业分类代码", 111],
        ["行政区划代码", 330402],
    ]
    form = read_form(rows, ENTERPRISE_FIELDS, sheet="企业")
    assert [(p.row, p.column, p.cell, p.value, p.reason) for p in form.problems] == [
        (3, "国民经济行业分类代码", "B3", "111", "代码请设为文本格式：Excel 会去掉开头的 0")
    ]
    record, problems = form.record(Enterprise)
    assert record is None
    assert len(problems) == 1  # the bad cell once, not again as a missing field
    rows[2][1] = "0111"
    record, problems = read_form(rows, ENTERPRISE_FIELDS, sheet="企业").record(Enterprise)
    assert problems == ()
    assert record is not None
    assert (record.industry, record.jurisdiction) == ("0111", "330402")
