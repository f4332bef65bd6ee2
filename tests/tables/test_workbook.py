"""The fill-in workbooks: headers, pick-lists, the 说明 sheet, and reading them back."""

import sys
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from safetyrules.audit.template import enterprise_toml, write_template
from safetyrules.errors import InvalidInput
from safetyrules.risk.register import RiskPoint
from safetyrules.tables import ExcelUnavailable, read_table
from safetyrules.tables.specs import RISK_TABLE, TABLES
from safetyrules.tables.workbook import HELP_SHEET, column_letter, sheet_rows, write_tables

AS_OF = date(2026, 11, 29)


def test_every_table_sheet_has_its_header_and_help(tmp_path: Path) -> None:
    write_template(tmp_path, as_of=AS_OF)
    for table, name in zip(
        TABLES,
        ("risks", "accidents", "hazard_units", "inspections", "responsibility", "hazards"),
        strict=True,
    ):
        book = openpyxl.load_workbook(tmp_path / f"{name}.xlsx")
        sheet = book[table.sheet]
        header = [c.value for c in sheet[1]]
        expected = [f"{c.zh}*" if c.required else c.zh for c in table.columns]
        assert header == [*expected, "备注"]
        assert sheet.max_row == 1  # no example rows
        assert sheet.freeze_panes == "A2"
        assert all(c.comment is not None for c in sheet[1])
        help_rows = list(book[HELP_SHEET].iter_rows(values_only=True))
        documented = {(row[0], row[1]) for row in help_rows[1:]}
        assert all((table.sheet, c.zh) in documented for c in table.columns)


def test_pick_lists_and_the_factor_tables(tmp_path: Path) -> None:
    write_template(tmp_path, as_of=AS_OF)
    book = openpyxl.load_workbook(tmp_path / "risks.xlsx")
    sheet = book["风险点"]
    lists = {
        str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation if v.type == "list"
    }
    kind = column_letter(1 + [c.key for c in RISK_TABLE.columns].index("kind"))
    assert lists[f"{kind}2:{kind}2000"] == '"设备设施,作业活动"'
    assert '"LEC,LS,MES"' in lists.values()
    # Codes such as 03 stay text where they are typed.
    types = column_letter(1 + [c.key for c in RISK_TABLE.columns].index("accident_types"))
    assert sheet.column_dimensions[types].number_format == "@"
    help_rows = list(book[HELP_SHEET].iter_rows(values_only=True))
    ls_values = [
        row[2] for row in help_rows if str(row[0]).startswith("LS") and "因素L" in str(row[1])
    ]
    assert ls_values == ["1", "2", "3", "4", "5"]
    assert any(row[0] == "major-hazard-installation" for row in help_rows)
    assert any(row[:3] == ("GB 6441-1986", "19", "中毒和窒息") for row in help_rows)


def test_the_inspection_and_duty_lists(tmp_path: Path) -> None:
    write_template(tmp_path, as_of=AS_OF)
    rows = list(
        openpyxl.load_workbook(tmp_path / "inspections.xlsx")[HELP_SHEET].iter_rows(
            values_only=True
        )
    )
    assert any(row[:2] == ("dust-explosion", "11-3") for row in rows)
    duties = list(
        openpyxl.load_workbook(tmp_path / "responsibility.xlsx")[HELP_SHEET].iter_rows(
            values_only=True
        )
    )
    assert any(row[0] == "principal.investment" for row in duties)
    form = openpyxl.load_workbook(tmp_path / "responsibility.xlsx")["责任制"]
    assert [row[0] for row in form.iter_rows(min_row=2, values_only=True)] == [
        "已设置安全生产管理机构",
        "所属单位类别",
        "设首席安全官",
    ]


def test_the_enterprise_file_is_commented_toml() -> None:
    import tomllib

    document = tomllib.loads(enterprise_toml())
    assert document == {"name": "", "uscc": "", "industry": "", "jurisdiction": ""}
    assert "# 企业风险特征：企业风险特征；可选：危险化学品生产" in enterprise_toml()


def test_existing_files_are_not_overwritten(tmp_path: Path) -> None:
    (tmp_path / "risks.xlsx").write_bytes(b"mine")
    with pytest.raises(InvalidInput, match=r"已有 risks\.xlsx，未覆盖"):
        write_template(tmp_path, as_of=AS_OF)
    assert (tmp_path / "risks.xlsx").read_bytes() == b"mine"
    assert not (tmp_path / "enterprise.toml").exists()
    write_template(tmp_path, as_of=AS_OF, overwrite=True)
    assert read_table(tmp_path / "risks.xlsx", RiskPoint).summary.read == 0


def test_written_rows_read_back(tmp_path: Path) -> None:
    path = tmp_path / "risks.xlsx"
    row = ["R01", "液氨机房", "设备设施", None, "液氨泄漏", "19", "LS", 3, None, None, None, 5]
    write_tables(path, [RISK_TABLE], rows={"风险点": [row]})
    assert sheet_rows(path, "风险点")[1][1][1][:3] == ("R01", "液氨机房", "设备设施")
    (point,) = read_table(path, RiskPoint).records
    assert (point.accident_types, point.factors) == (("19",), {"L": 3, "S": 5})


def test_without_openpyxl_nothing_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(ExcelUnavailable):
        write_template(tmp_path / "new", as_of=AS_OF)
    assert not (tmp_path / "new").exists()
