"""Excel workbooks (Excel 工作簿): reading a sheet's rows and writing fill-in sheets.

openpyxl is an optional dependency (``pip install 'safetyrules[excel]'``), imported only when a
workbook is read or written; without it the error says how to install it. CSV files need no
extra package.

A written sheet has the table's header row (required columns marked ``*`` and shaded, each
header with a note), text format on text and list columns (so that ``03`` stays ``03``), a
pick-list on option and 是/否 columns, and checks on whole-number, number and date columns.
A 说明 sheet explains every column.

>>> import tempfile
>>> from pathlib import Path
>>> from safetyrules.tables.specs import ACCIDENT_TABLE
>>> with tempfile.TemporaryDirectory() as folder:
...     path = Path(folder, "accidents.xlsx")
...     write_tables(path, [ACCIDENT_TABLE])
...     sheet_names(path)
['事故', '说明']
"""

from __future__ import annotations

import importlib
import zipfile
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from safetyrules.errors import SafetyRulesError
from safetyrules.tables.cells import CellKind
from safetyrules.tables.columns import NOTE_COLUMN, TableColumn, TableSpec

HELP_SHEET = "说明"
"""The name of the sheet that explains the columns (说明工作表); never read as data."""

INSTALL_HINT = "读写 Excel 文件需要 openpyxl，请安装：pip install 'safetyrules[excel]'"
"""What to do when openpyxl is missing (安装提示)."""

_VALIDATED_ROWS = 2000
_REQUIRED_FILL = "FCE4D6"
_OPTIONAL_FILL = "DDEBF7"
_HELP_FILL = "E2EFDA"
_DATE_FORMATS = {CellKind.DATE: "yyyy-mm-dd", CellKind.DATETIME: "yyyy-mm-dd hh:mm"}


class ExcelUnavailable(SafetyRulesError, ImportError):
    """openpyxl is not installed (缺少 Excel 支持): install the ``excel`` extra.

    >>> print(ExcelUnavailable())
    读写 Excel 文件需要 openpyxl，请安装：pip install 'safetyrules[excel]'
    """

    def __init__(self) -> None:
        super().__init__(INSTALL_HINT)


class WorkbookError(SafetyRulesError, ValueError):
    """A workbook that cannot be read as asked (工作簿错误): not an xlsx file, no such sheet.

    >>> print(WorkbookError("risks.xlsx", "工作簿中没有工作表“风险点”"))
    risks.xlsx：工作簿中没有工作表“风险点”
    """

    def __init__(self, file: str, message: str) -> None:
        self.file = file
        self.message = message
        super().__init__(f"{file}：{message}")


def load_openpyxl(module: str = "") -> Any:
    """The openpyxl package, or one of its modules, imported on first use (加载 openpyxl);
    :class:`ExcelUnavailable` when it is not installed.

    >>> load_openpyxl().__name__, load_openpyxl("styles").__name__
    ('openpyxl', 'openpyxl.styles')
    """
    try:
        return importlib.import_module(f"openpyxl.{module}" if module else "openpyxl")
    except ImportError:
        raise ExcelUnavailable() from None


def sheet_names(path: Path) -> list[str]:
    """The names of a workbook's sheets, in order (工作表名称).

    >>> sheet_names(Path("no-such.xlsx"))
    Traceback (most recent call last):
    ...
    safetyrules.tables.workbook.WorkbookError: no-such.xlsx：无法打开 Excel 文件（...）
    """
    book = _open(path)
    try:
        return [str(name) for name in book.sheetnames]
    finally:
        book.close()


def sheet_rows(path: Path, sheet: str | None) -> tuple[str, list[tuple[int, tuple[object, ...]]]]:
    """The rows of one sheet with their numbers as Excel shows them (读取工作表).

    ``sheet`` names the sheet; when the workbook has no sheet of that name but only one sheet
    besides 说明, that one is read. Returns the sheet's name and its rows; cells are as
    openpyxl gives them (text, int, float, bool, datetime or None), formulas as their last
    computed value.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder, "a.xlsx")
    ...     book = load_openpyxl().Workbook()
    ...     book.active.title = "Sheet1"
    ...     book.active.append(["事故简况", "死亡人数"])
    ...     book.active.append(["坍塌", 3])
    ...     book.save(path)
    ...     sheet_rows(path, "事故")
    ('Sheet1', [(1, ('事故简况', '死亡人数')), (2, ('坍塌', 3))])
    """
    book = _open(path)
    try:
        names = [str(name) for name in book.sheetnames]
        chosen = _choose(path.name, names, sheet)
        worksheet = book[chosen]
        rows = [
            (index, tuple(cell.value for cell in cells))
            for index, cells in enumerate(worksheet.iter_rows(), start=1)
        ]
        return chosen, rows
    finally:
        book.close()


def write_tables(
    path: Path,
    tables: Sequence[TableSpec[Any]],
    *,
    rows: Mapping[str, Sequence[Sequence[object]]] | None = None,
    notes: Sequence[Sequence[object]] = (),
) -> None:
    """Write a workbook with one sheet per table and a 说明 sheet (写出填报工作簿).

    ``rows`` gives data rows per sheet name, in the order of the table's columns (without the
    备注 column); ``notes`` are further rows for the 说明 sheet, after the column list (allowed
    values and their meaning).

    >>> import tempfile
    >>> from safetyrules.tables.specs import ACCIDENT_TABLE
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder, "accidents.xlsx")
    ...     write_tables(path, [ACCIDENT_TABLE], rows={"事故": [["2024-07-18", "液氨泄漏"]]})
    ...     sheet_rows(path, "事故")[1][1][1][:2]
    (datetime.datetime(2024, 7, 18, 0, 0), '液氨泄漏')
    """
    book = load_openpyxl().Workbook()
    book.remove(book.active)
    for table in tables:
        _write_sheet(book, table, (rows or {}).get(table.sheet, ()))
    _write_help(book, tables, notes)
    book.save(path)


def column_letter(index: int) -> str:
    """The spreadsheet letters of a 1-based column number (列字母).

    >>> column_letter(1), column_letter(26), column_letter(28)
    ('A', 'Z', 'AB')
    """
    letters = ""
    while index > 0:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def _open(path: Path) -> Any:
    excel = load_openpyxl()
    try:
        return excel.load_workbook(path, data_only=True)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise WorkbookError(path.name, f"无法打开 Excel 文件（{error}）") from None


def _choose(file: str, names: list[str], sheet: str | None) -> str:
    if sheet is not None and sheet in names:
        return sheet
    data = [name for name in names if name != HELP_SHEET]
    if len(data) == 1:
        return data[0]
    listed = "、".join(names)
    wanted = f"工作表“{sheet}”" if sheet is not None else "要读取的工作表"
    raise WorkbookError(file, f"工作簿中没有{wanted}（现有：{listed}）")


def _header(column: TableColumn) -> str:
    return f"{column.zh}*" if column.required else column.zh


def _write_sheet(book: Any, table: TableSpec[Any], rows: Sequence[Sequence[object]]) -> None:
    styles, comments = load_openpyxl("styles"), load_openpyxl("comments")
    sheet = book.create_sheet(table.sheet)
    columns = [*table.columns, NOTE_COLUMN]
    bold = styles.Font(bold=True)
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index, value=_header(column))
        cell.font = bold
        colour = _REQUIRED_FILL if column.required else _OPTIONAL_FILL
        cell.fill = styles.PatternFill("solid", start_color=colour, end_color=colour)
        cell.comment = comments.Comment(_describe(column), "safetyrules")
        letter = column_letter(index)
        dimension = sheet.column_dimensions[letter]
        dimension.width = max(10, min(40, 2 * len(column.zh) + 4))
        if column.kind in (CellKind.TEXT, CellKind.LIST, CellKind.CHOICE):
            dimension.number_format = "@"  # typed text stays text: 03 stays 03
        elif column.kind in _DATE_FORMATS:
            dimension.number_format = _DATE_FORMATS[column.kind]
        _validate(sheet, column, letter)
    sheet.freeze_panes = "A2"
    for number, values in enumerate(rows, start=2):
        for index, value in enumerate(values, start=1):
            if value is None or value == "":
                continue
            cell = sheet.cell(row=number, column=index, value=_cell(value, columns[index - 1]))
            if columns[index - 1].kind in _DATE_FORMATS:
                cell.number_format = _DATE_FORMATS[columns[index - 1].kind]


def _cell(value: object, column: TableColumn) -> object:
    # Dates as Excel dates, as a person would type them (Excel has no time zones: a time is
    # written as the clock shows it); exact numbers as text when a float would change them.
    if column.kind in _DATE_FORMATS and isinstance(value, str):
        value = datetime.fromisoformat(value)
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    if isinstance(value, date) and not isinstance(value, datetime):
        return datetime.combine(value, datetime.min.time())
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else str(value)
    return value


def _validate(sheet: Any, column: TableColumn, letter: str) -> None:
    rules = load_openpyxl("worksheet.datavalidation")
    area = f"{letter}2:{letter}{_VALIDATED_ROWS}"
    kind = column.kind
    validation = None
    if kind is CellKind.BOOLEAN:
        validation = rules.DataValidation(type="list", formula1='"是,否"', allow_blank=True)
    elif kind is CellKind.CHOICE and column.choices:
        listed = ",".join(column.choices)
        if len(listed) <= 250 and "," not in "".join(column.choices):
            validation = rules.DataValidation(type="list", formula1=f'"{listed}"', allow_blank=True)
    elif kind is CellKind.INTEGER:
        validation = rules.DataValidation(
            type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True
        )
    elif kind is CellKind.DECIMAL:
        validation = rules.DataValidation(
            type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True
        )
    elif kind in _DATE_FORMATS:
        validation = rules.DataValidation(
            type="date", operator="greaterThan", formula1="1", allow_blank=True
        )
    if validation is None:
        return
    validation.error = _allowed(column) or f"应填{kind.value}"
    validation.errorTitle = column.zh
    validation.prompt = column.description[:250]
    validation.promptTitle = column.zh[:32]
    validation.showErrorMessage = True
    sheet.add_data_validation(validation)
    validation.add(area)


def _allowed(column: TableColumn) -> str:
    if column.kind is CellKind.BOOLEAN:
        return "是 或 否"
    if column.choices:
        return "、".join(column.choices)
    return ""


def _describe(column: TableColumn) -> str:
    parts = [column.description or column.zh, f"类型：{column.kind.value}"]
    if column.required:
        parts.append("必填")
    allowed = _allowed(column)
    if allowed:
        parts.append(f"可选值：{allowed}")
    return "\n".join(parts)


def _write_help(
    book: Any, tables: Sequence[TableSpec[Any]], notes: Sequence[Sequence[object]]
) -> None:
    styles = load_openpyxl("styles")
    sheet = book.create_sheet(HELP_SHEET)
    bold = styles.Font(bold=True)
    fill = styles.PatternFill("solid", start_color=_HELP_FILL, end_color=_HELP_FILL)
    header = ("工作表", "列名", "英文列名", "必填", "类型", "说明", "可选值", "示例")
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = bold
        cell.fill = fill
    for table in tables:
        for column in [*table.columns, NOTE_COLUMN]:
            sheet.append(
                (
                    table.sheet,
                    column.zh,
                    column.en,
                    "是" if column.required else "",
                    column.kind.value,
                    column.description,
                    _allowed(column),
                    column.example,
                )
            )
    for row in notes:
        sheet.append(tuple(row))
        if len(row) == 1:
            sheet.cell(row=sheet.max_row, column=1).font = bold
    for letter, width in zip("ABCDEFGH", (12, 22, 30, 6, 14, 60, 40, 24), strict=True):
        sheet.column_dimensions[letter].width = width
