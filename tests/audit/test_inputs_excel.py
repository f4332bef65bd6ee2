"""An audit folder of spreadsheets: the template filled from the demo audits like the demo."""

import json
import shutil
import tomllib
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from safetyrules.audit import audit, demo_inputs, load_inputs
from safetyrules.audit.render import to_json
from safetyrules.audit.template import TEMPLATE_FILES, write_template
from safetyrules.errors import InvalidInput
from safetyrules.law.data_files import read_packaged_text
from safetyrules.tables import RowErrors
from safetyrules.tables.hazard_ledger import HAZARD_LEDGER_TABLE

AS_OF = date(2026, 11, 29)


def cell(items: tuple[str, ...]) -> str | None:
    """A list as a consultant types it: 、 between items, or one a line when an item has 、."""
    if not items:
        return None
    return "\n".join(items) if any("、" in item for item in items) else "、".join(items)


def number(value: Decimal | int | str) -> int | float:
    """A number as Excel stores it."""
    exact = Decimal(value)
    return int(exact) if exact == exact.to_integral_value() else float(exact)


def fill(path: Path, sheet: str, rows: list[dict[str, object]]) -> None:
    """Write rows under the template's header, each value in the column of that name."""
    book = openpyxl.load_workbook(path)
    target = book[sheet]
    header = {str(c.value).rstrip("*"): c.column for c in target[1] if c.value}
    for number_, row in enumerate(rows, start=2):
        for name, value in row.items():
            if value is not None:
                target.cell(row=number_, column=header[name], value=value)
    book.save(path)


def demo_enterprise_file(folder: Path) -> None:
    text = read_packaged_text("demo/enterprise.toml")
    (folder / "enterprise.toml").write_text(text, encoding="utf-8")


def fill_from_the_demo(folder: Path) -> None:
    demo = demo_inputs()
    fill(
        folder / "risks.xlsx",
        "风险点",
        [
            {
                "风险点编号": p.id,
                "风险点名称": p.name,
                "类型": p.kind.value,
                "区域位置": p.location,
                "危险源": cell(p.hazards),
                "事故类型": cell(p.accident_types),
                "评价方法": p.method.value,
                **{f"因素{k}": number(v) for k, v in p.factors.items()},
                "直接判定情形": cell(p.direct),
                "工程技术措施": cell(p.measures.engineering),
                "管理措施": cell(p.measures.management),
                "培训教育措施": cell(p.measures.training),
                "个体防护措施": cell(p.measures.protective),
                "应急处置措施": cell(p.measures.emergency),
                "责任单位": p.unit,
                "责任人": p.owner,
            }
            for p in demo.risks
        ],
    )
    accidents = []
    for a in demo.accidents:
        row: dict[str, object] = {
            "发生日期": a.occurred_on,
            "事故简况": a.summary,
            "重伤人数": a.serious_injuries,
            "直接经济损失（元）": number(a.direct_economic_loss),
            "事故类别": a.category,
        }
        if a.findings is not None:
            row["主要负责人未履职"] = "是" if a.findings.principal_at_fault else "否"
            row["处理决定日期"] = a.findings.decided_on
        accidents.append(row)
    fill(folder / "accidents.xlsx", "事故", accidents)
    units: list[dict[str, object]] = []
    for u in demo.hazard_units:
        for index, s in enumerate(u.substances):
            special = [
                label
                for label, names in (
                    ("液化易燃气体", u.liquefied_flammable_gases),
                    ("液化气体", u.liquefied_gases),
                    ("剧毒液体", u.highly_toxic_liquids),
                )
                if s.name in names
            ]
            first = index == 0  # the unit's own columns on its first row only
            units.append(
                {
                    "单元名称": u.name if first else None,
                    "单元类型": u.kind.value if first else None,
                    "周边常住人口": u.population if first else None,
                    "危险化学品名称": s.name,
                    "设计最大量（吨）": number(s.quantity),
                    "特别管控类别": cell(tuple(special)),
                }
            )
    fill(folder / "hazard_units.xlsx", "危险化学品", units)
    (inspection,) = demo.inspections
    fill(
        folder / "inspections.xlsx",
        "检查记录",
        [
            {
                "检查表": inspection.checklist if index == 0 else None,
                "检查日期": inspection.inspected_on if index == 0 else None,
                "检查人员": inspection.inspector if index == 0 else None,
                "检查项编号": a.item,
                "检查结论": a.outcome.value,
                "部位或场所": a.location,
                "发现处数": a.count if a.count != 1 else None,
                "事实描述": a.evidence or None,
                "照片": cell(a.photos),
                "不适用理由": a.reason,
            }
            for index, a in enumerate(inspection.answers)
        ],
    )
    system = demo.responsibility
    assert system is not None
    fill(
        folder / "responsibility.xlsx",
        "岗位",
        [
            {
                "岗位编号": p.id,
                "岗位名称": p.name,
                "岗位类别": p.role.value,
                "责任人员": p.person,
                "责任范围": p.scope,
                "考核标准": p.assessment_standard,
                "法定职责": cell(p.duties),
                "安全生产管理人员": p.safety_staff.value if p.safety_staff else None,
                "注册安全工程师": "是" if p.registered_safety_engineer else None,
                "首席安全官": "是" if p.chief_safety_officer else None,
            }
            for p in system.posts
        ],
    )
    book = openpyxl.load_workbook(folder / "responsibility.xlsx")
    form = book["责任制"]
    for row in form.iter_rows(min_row=2):
        if row[0].value == "已设置安全生产管理机构":
            row[1].value = "是" if system.safety_organisation else "否"
        if row[0].value == "设首席安全官":
            row[1].value = "是" if system.chief_safety_officer_required else "否"
    book.save(folder / "responsibility.xlsx")
    # The ledger as a person would copy the demo's entries into the sheet, column by column.
    ledger = tomllib.loads(read_packaged_text("demo/hazards.toml"))["hazard"]
    fill(
        folder / "hazards.xlsx",
        "隐患台账",
        [{HAZARD_LEDGER_TABLE.column(k).zh: v for k, v in entry.items()} for entry in ledger],
    )
    # Self-assessment and custody stay TOML.
    for name in ("self_assessment.toml", "custody.toml"):
        (folder / name).write_text(read_packaged_text(f"demo/{name}"), encoding="utf-8")


def test_the_template_as_written_audits_with_a_filled_enterprise(tmp_path: Path) -> None:
    written = write_template(tmp_path, as_of=AS_OF)
    assert [p.name for p in written] == list(TEMPLATE_FILES)
    demo_enterprise_file(tmp_path)
    inputs = load_inputs(tmp_path)
    assert (inputs.risks, inputs.accidents, inputs.hazard_units, inputs.inspections) == (
        (),
        (),
        (),
        (),
    )
    assert inputs.responsibility is None
    assert inputs.problems == ()
    report = audit(inputs, AS_OF)
    assert report.risks is None


def test_the_unfilled_enterprise_file_names_what_is_missing(tmp_path: Path) -> None:
    write_template(tmp_path, as_of=AS_OF)
    with pytest.raises(RowErrors) as caught:
        load_inputs(tmp_path, keep_going=True)  # no enterprise, no audit
    assert str(caught.value).splitlines() == [
        "读取的资料中有 4 处错误：",
        "enterprise.toml: name：必填项为空",
        "enterprise.toml: uscc：必填项为空",
        "enterprise.toml: industry：必填项为空",
        "enterprise.toml: jurisdiction：必填项为空",
    ]
    assert isinstance(caught.value, InvalidInput)


def test_every_defect_of_an_enterprise_document_at_once_in_chinese(tmp_path: Path) -> None:
    (tmp_path / "enterprise.json").write_text(
        json.dumps({"name": "", "uscc": "91330402MA2B00000A", "industry": "1432"}),
        encoding="utf-8",
    )
    with pytest.raises(RowErrors) as caught:
        load_inputs(tmp_path)
    problems = caught.value.problems
    assert [p.column for p in problems] == ["name", "uscc", "jurisdiction"]
    assert [p.reason for p in problems][::2] == ["必填项为空", "必填项为空"]
    assert problems[1].value == "91330402MA2B00000A"
    assert all(not p.reason.isascii() for p in problems)


def test_the_template_filled_from_the_demo_audits_like_the_demo(tmp_path: Path) -> None:
    write_template(tmp_path, as_of=AS_OF)
    demo_enterprise_file(tmp_path)
    fill_from_the_demo(tmp_path)
    inputs = load_inputs(tmp_path)
    demo = demo_inputs()
    assert inputs.problems == ()
    assert inputs.risks == demo.risks
    assert inputs.accidents == demo.accidents
    assert inputs.hazard_units == demo.hazard_units
    assert inputs.inspections == demo.inspections
    assert inputs.responsibility == demo.responsibility
    assert inputs.hazard_ledger == demo.hazard_ledger
    assert [(t.file, t.read, t.accepted) for t in inputs.tables] == [
        ("accidents.xlsx", 2, 2),
        ("risks.xlsx", 8, 8),
        ("hazard_units.xlsx", 3, 3),
        ("inspections.xlsx", 22, 22),
        ("responsibility.xlsx", 7, 7),
        ("responsibility.xlsx", 2, 2),
        ("hazards.xlsx", 6, 6),
    ]
    from_tables, from_toml = audit(inputs, AS_OF), audit(demo, AS_OF)
    assert from_tables.risks is not None
    assert from_toml.risks is not None
    graded = [(r.point.id, r.assessment.score, r.level) for r in from_tables.risks.rows]
    assert graded == [(r.point.id, r.assessment.score, r.level) for r in from_toml.risks.rows]
    assert from_tables.risks == from_toml.risks
    # Everything but the reading counts, which only tables have.
    assert from_tables.input_tables == tuple(inputs.tables)
    without_counts = from_tables.model_copy(update={"input_tables": ()})
    assert json.loads(to_json(without_counts)) == json.loads(to_json(from_toml))


def bad_workbooks(folder: Path) -> None:
    write_template(folder, as_of=AS_OF)
    demo_enterprise_file(folder)
    fill(
        folder / "risks.xlsx",
        "风险点",
        [
            {
                "风险点编号": "R01",
                "风险点名称": "液氨机房",
                "类型": "设备设施",
                "评价方法": "LS",
                "因素L": 3,
                "因素S": 5,
            },
            {
                "风险点编号": "R02",
                "风险点名称": "叉车",
                "类型": "作业活动",
                "评价方法": "LS",
                "因素L": 6,
                "因素S": 4,
            },
            {},
            {
                "风险点编号": "R03",
                "风险点名称": "配电室",
                "类型": "设备设施",
                "评价方法": "MES",
                "因素M": 1,
                "因素E": 6,
                "因素S": 4,
            },
        ],
    )
    fill(
        folder / "accidents.xlsx",
        "事故",
        [
            {"发生日期": date(2022, 3, 9), "事故简况": "输送带卷入", "重伤人数": 1},
            {"发生日期": date(2023, 5, 2), "事故简况": "坍塌", "死亡人数": -1},
            {"发生日期": "2024-02-30", "事故简况": "触电"},
            {"发生日期": date(2024, 7, 18), "重伤人数": 3},
        ],
    )


def test_bad_rows_are_kept_apart_and_the_good_ones_audited(tmp_path: Path) -> None:
    bad_workbooks(tmp_path)
    inputs = load_inputs(tmp_path, keep_going=True)
    assert [p.id for p in inputs.risks] == ["R01", "R03"]
    assert [a.summary for a in inputs.accidents] == ["输送带卷入"]
    assert [(p.file, p.sheet, p.row, p.column, p.cell) for p in inputs.problems] == [
        ("accidents.xlsx", "事故", 3, "死亡人数", "D3"),
        ("accidents.xlsx", "事故", 4, "发生日期", "A4"),
        ("accidents.xlsx", "事故", 5, "事故简况", "B5"),
        ("risks.xlsx", "风险点", 3, "因素L", "H3"),
    ]
    assert [p.reason for p in inputs.problems] == [
        "人数不能为负数",
        "不是有效日期",
        "必填项为空",
        "事故发生的可能性（L）只能取 1、2、3、4、5",
    ]
    risks = next(t for t in inputs.tables if t.file == "risks.xlsx")
    assert (risks.read, risks.accepted, risks.rejected, risks.empty) == (3, 2, 1, 1)
    report = audit(inputs, AS_OF)
    assert report.risks is not None
    assert len(report.risks.rows) == 2


def test_by_default_every_problem_of_every_file_is_raised_at_once(tmp_path: Path) -> None:
    bad_workbooks(tmp_path)
    with pytest.raises(RowErrors) as caught:
        load_inputs(tmp_path)
    error = caught.value
    assert len(error.problems) == 4
    assert isinstance(error, InvalidInput)
    text = str(error)
    assert text.splitlines()[0] == "读取的资料中有 4 处错误："
    assert (
        "risks.xlsx「风险点」第 3 行 因素L（H3）：事故发生的可能性（L）只能取 1、2、3、4、5（所填：6）"
        in text
    )
    assert "accidents.xlsx「事故」第 5 行 事故简况（B5）：必填项为空" in text


def test_toml_entries_are_checked_one_by_one_too(tmp_path: Path) -> None:
    demo_enterprise_file(tmp_path)
    (tmp_path / "accidents.json").write_text(
        json.dumps(
            {
                "accident": [
                    {"occurred_on": "2023-05-02", "summary": "坍塌", "deaths": 1},
                    {"occurred_on": "2023-05-03", "summary": "x", "deaths": -1},
                ]
            }
        ),
        encoding="utf-8",
    )
    (tmp_path / "risks.toml").write_text(
        '[[risk]]\nid = "R1"\nname = "叉车"\nkind = "作业活动"\nmethod = "LS"\n'
        "factors = { L = 6, S = 4 }\n",
        encoding="utf-8",
    )
    inputs = load_inputs(tmp_path, keep_going=True)
    assert len(inputs.accidents) == 1
    assert inputs.risks == ()
    assert [str(p) for p in inputs.problems] == [
        "accidents.json: accident[1].deaths：人数不能为负数（所填：-1）",
        "risks.toml: risk[0].factors.L：事故发生的可能性（L）只能取 1、2、3、4、5",
    ]
    with pytest.raises(RowErrors) as caught:
        load_inputs(tmp_path)
    assert caught.value.field == "accidents.json: accident[1].deaths"


def test_one_name_one_file(tmp_path: Path) -> None:
    write_template(tmp_path, as_of=AS_OF)
    demo_enterprise_file(tmp_path)
    (tmp_path / "risks.toml").write_text("risk = []\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"risks\.toml、risks\.xlsx") as caught:
        load_inputs(tmp_path)
    assert "请只保留一个" in str(caught.value)
    (tmp_path / "risks.toml").unlink()
    (tmp_path / "accidents.csv").write_text("发生日期,事故简况\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"accidents\.xlsx、accidents\.csv"):
        load_inputs(tmp_path)


def test_files_that_have_no_table_form(tmp_path: Path) -> None:
    demo_enterprise_file(tmp_path)
    (tmp_path / "custody.xlsx").write_bytes(b"")
    with pytest.raises(InvalidInput, match=r"custody 只能写成 custody\.toml 或 custody\.json"):
        load_inputs(tmp_path)
    (tmp_path / "custody.xlsx").unlink()
    (tmp_path / "responsibility.csv").write_text("岗位编号\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"responsibility\.xlsx"):
        load_inputs(tmp_path)


def test_csv_files_in_the_folder(tmp_path: Path) -> None:
    demo_enterprise_file(tmp_path)
    text = "\ufeff发生日期,事故简况,重伤人数,直接经济损失（元）\n2024-07-18,氨泄漏,3,1260000\n"
    (tmp_path / "accidents.csv").write_text(text, encoding="utf-8")
    (inputs_accident,) = load_inputs(tmp_path).accidents
    assert inputs_accident.direct_economic_loss == Decimal(1260000)


def test_the_enterprise_from_a_workbook(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "企业"
    for row in [
        ("项目", "内容", "说明"),
        ("单位名称", "嘉兴南湖示范食品有限公司"),
        ("统一社会信用代码", "91330402MA2B00000H"),
        ("国民经济行业分类代码", "1432"),
        ("行政区划代码", 330402),
        ("从业人员数", 260.0),
        ("营业收入（元）", 186000000),
        ("企业风险特征", "涉爆粉尘、涉氨制冷"),
    ]:
        sheet.append(row)
    book.save(tmp_path / "enterprise.xlsx")
    enterprise = load_inputs(tmp_path).enterprise
    assert (enterprise.industry, enterprise.jurisdiction, enterprise.employees) == (
        "1432",
        "330402",
        260,
    )
    assert enterprise.revenue == Decimal(186000000)
    sheet.cell(row=4, column=2, value=1432)  # a number: the leading zeros of 0111 would be gone
    book.save(tmp_path / "enterprise.xlsx")
    with pytest.raises(RowErrors) as caught:
        load_inputs(tmp_path)
    assert [(p.row, p.column, p.reason) for p in caught.value.problems] == [
        (4, "国民经济行业分类代码", "代码请设为文本格式：Excel 会去掉开头的 0")
    ]
    sheet.cell(row=4, column=2, value="0111")
    book.save(tmp_path / "enterprise.xlsx")
    assert load_inputs(tmp_path).enterprise.industry == "0111"
    sheet.cell(row=6, column=2, value=260.5)
    sheet.cell(row=3, column=2, value="91330402MA2B00000A")
    book.save(tmp_path / "enterprise.xlsx")
    with pytest.raises(RowErrors) as caught:
        load_inputs(tmp_path, keep_going=True)  # no enterprise, no audit
    assert [(p.row, p.column) for p in caught.value.problems] == [
        (6, "从业人员数"),
        (3, "统一社会信用代码"),
    ]


def test_a_responsibility_workbook_with_a_bad_post(tmp_path: Path) -> None:
    write_template(tmp_path, as_of=AS_OF)
    demo_enterprise_file(tmp_path)
    fill(
        tmp_path / "responsibility.xlsx",
        "岗位",
        [
            {"岗位编号": "gm", "岗位名称": "总经理", "岗位类别": "主要负责人"},
            {"岗位编号": "s1", "岗位名称": "安全员", "岗位类别": "安全生产管理人员"},
        ],
    )
    inputs = load_inputs(tmp_path, keep_going=True)
    assert inputs.responsibility is not None
    assert [p.id for p in inputs.responsibility.posts] == ["gm"]
    assert [(p.sheet, p.row, p.column) for p in inputs.problems] == [
        ("岗位", 3, "安全生产管理人员")
    ]


def test_a_copied_demo_folder_still_reads(tmp_path: Path) -> None:
    # TOML folders read as before, and give no table counts.
    for name in (
        "enterprise",
        "accidents",
        "risks",
        "hazard_units",
        "self_assessment",
        "inspections",
        "custody",
        "responsibility",
        "hazards",
    ):
        (tmp_path / f"{name}.toml").write_text(
            read_packaged_text(f"demo/{name}.toml"), encoding="utf-8"
        )
    inputs = load_inputs(tmp_path)
    assert inputs == demo_inputs()
    assert inputs.tables == ()
    shutil.rmtree(tmp_path)


def test_unknown_columns_are_warnings_and_serial_numbers_pass(tmp_path: Path) -> None:
    demo_enterprise_file(tmp_path)
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "事故"
    for row in (
        ("序号", "发生日期", "事故简况", "伤亡情况"),
        (1, "2023-05-02", "坍塌", "1 人轻伤"),
        (2, None, None, None),
    ):
        sheet.append(row)
    book.save(tmp_path / "accidents.xlsx")
    inputs = load_inputs(tmp_path)  # a warning does not fail the strict reading
    assert [a.summary for a in inputs.accidents] == ["坍塌"]
    assert inputs.problems == ()
    assert [str(w) for w in inputs.warnings] == [
        "accidents.xlsx「事故」第 1 行 伤亡情况（D1）：未识别的列，未读入（列名见说明工作表）"
    ]
    (table,) = inputs.tables
    assert table.counts == "读取 1 行：接受 1 行，拒绝 0 行，空行 1 行"
    sheet.append((3, "2023-06-01", None, None))
    book.save(tmp_path / "accidents.xlsx")
    inputs = load_inputs(tmp_path, keep_going=True)
    assert [(p.row, p.column) for p in inputs.problems] == [(4, "事故简况")]
    assert len(inputs.warnings) == 1


@pytest.mark.parametrize("other", ["risks.toml", "accidents.csv", "enterprise.json"])
def test_the_template_is_not_written_beside_another_form(tmp_path: Path, other: str) -> None:
    (tmp_path / other).write_text("", encoding="utf-8")
    for overwrite in (False, True):
        with pytest.raises(InvalidInput, match=rf"已有 {other}，与模板的 .* 是同一资料"):
            write_template(tmp_path, as_of=AS_OF, overwrite=overwrite)
        assert [p.name for p in tmp_path.iterdir()] == [other]  # nothing written


def test_the_template_over_itself(tmp_path: Path) -> None:
    write_template(tmp_path, as_of=AS_OF)
    with pytest.raises(InvalidInput, match="未覆盖"):
        write_template(tmp_path, as_of=AS_OF)
    assert len(write_template(tmp_path, as_of=AS_OF, overwrite=True)) == len(TEMPLATE_FILES)
