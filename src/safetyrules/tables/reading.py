"""Reading a table row by row (逐行读取表格): one record per row, every bad row reported.

:func:`read_table` reads an Excel sheet (.xlsx), a CSV file (UTF-8, with or without a BOM) or
rows already in memory. The header row names the columns in Chinese or English (see
:mod:`safetyrules.tables.columns`); it is the first row, or the first row with a known column
name when a title sits above it. Then each row becomes a record:

* a row with nothing in it (or only a 备注) is skipped and counted as empty; blank rows at the
  end of a sheet are not counted;
* a row that cannot become a record is rejected with one :class:`RowProblem` per defect,
  naming the file, the sheet, the row as Excel numbers it, the column and the reason in
  Chinese; the other rows are kept;
* nothing is dropped silently: the :class:`TableSummary` counts rows read, accepted, rejected
  and empty; a column the table does not know is not read, and is a warning
  (:attr:`TableResult.warnings`), not a rejected row. A 序号 column (``No.``, ``#``) is
  neither read nor reported, like 备注.

>>> from safetyrules.risk.register import RiskPoint
>>> result = read_table(
...     [
...         ["风险点编号", "风险点名称", "类型", "评价方法", "因素L", "因素S"],
...         ["R01", "液氨制冷机房", "设备设施", "LS", 3, 5],
...         [],
...         ["R02", "叉车作业", "作业活动", "LS", 6, 4],
...     ],
...     RiskPoint,
... )
>>> [point.id for point in result.records], result.summary.counts
(['R01'], '读取 2 行：接受 1 行，拒绝 1 行，空行 1 行')
>>> print(result.problems[0])
表格 第 4 行 因素L（E4）：事故发生的可能性（L）只能取 1、2、3、4、5（所填：6）
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Generic, TypeVar

import attrs
from pydantic import BaseModel, ConfigDict, ValidationError
from pydantic_core import ErrorDetails

from safetyrules.errors import InvalidInput
from safetyrules.tables.cells import CellError, is_blank, shown
from safetyrules.tables.columns import (
    IGNORED_COLUMNS,
    Issue,
    TableColumn,
    TableSpec,
    header_text,
)
from safetyrules.tables.workbook import WorkbookError, column_letter, sheet_rows

Model = TypeVar("Model", bound=BaseModel)

ROWS_NAME = "表格"
"""The file name problems give for rows passed in memory (内存中的表格)."""

UNKNOWN_COLUMN = "未识别的列，未读入（列名见说明工作表）"
"""The warning for a header the table does not know (未识别的列): its cells are not read, and
the rows are read without them."""

_HEADER_SEARCH = 10
_PREFIXED = re.compile(r"^([A-Za-z_][\w.]*): (.+)$", re.DOTALL)

Source = Path | str | Sequence[Sequence[object]] | Sequence[Mapping[str, object]]
"""What :func:`read_table` reads (表格来源): an .xlsx or .csv path, or rows in memory (a header
row then data rows, or one mapping per row)."""


class RowProblem(BaseModel):
    """One defect found while reading (行级问题): where it is and why, in Chinese.

    ``row`` is the row as Excel numbers it (the header is usually row 1), or ``None`` for an
    entry of a TOML or JSON file, whose place ``column`` then gives as a field path. ``cell``
    is the cell reference (``H5``) and ``value`` the cell as shown.

    >>> p = RowProblem(file="risks.xlsx", sheet="风险点", row=5, column="因素L", cell="H5",
    ...                value="6", reason="事故发生的可能性（L）只能取 1、2、3、4、5")
    >>> print(p)
    risks.xlsx「风险点」第 5 行 因素L（H5）：事故发生的可能性（L）只能取 1、2、3、4、5（所填：6）
    >>> print(RowProblem(file="accidents.toml", column="accident[0].deaths", reason="人数不能为负数"))
    accidents.toml: accident[0].deaths：人数不能为负数
    """

    model_config = ConfigDict(frozen=True)

    file: str
    sheet: str | None = None
    row: int | None = None
    column: str = ""
    cell: str = ""
    value: str = ""
    reason: str

    @property
    def location(self) -> str:
        """Where the problem is, without the reason (问题位置).

        >>> RowProblem(file="a.csv", row=3, column="死亡人数", cell="D3", reason="x").location
        'a.csv 第 3 行 死亡人数（D3）'
        """
        text = self.file + (f"「{self.sheet}」" if self.sheet else "")
        if self.row is None:
            return f"{text}: {self.column}" if self.column else text
        text += ("" if self.sheet else " ") + f"第 {self.row} 行"
        if self.column:
            text += f" {self.column}" + (f"（{self.cell}）" if self.cell else "")
        return text

    def __str__(self) -> str:
        text = f"{self.location}：{self.reason}"
        return text + (f"（所填：{self.value}）" if self.value else "")


class TableSummary(BaseModel):
    """What reading a table did (读取统计): rows read, accepted, rejected and empty.

    ``read`` counts the rows with something in them; ``accepted`` and ``rejected`` add up to
    it. ``records`` is the number of records the accepted rows made (one per row, or one per
    group for a grouped table).

    >>> s = TableSummary(file="risks.xlsx", sheet="风险点", read=8, accepted=7, rejected=1,
    ...                  empty=2, records=7)
    >>> s.counts
    '读取 8 行：接受 7 行，拒绝 1 行，空行 2 行'
    """

    model_config = ConfigDict(frozen=True)

    file: str
    sheet: str | None = None
    read: int = 0
    accepted: int = 0
    rejected: int = 0
    empty: int = 0
    records: int = 0

    @property
    def counts(self) -> str:
        """The counts in words (读取情况).

        >>> TableSummary(file="a.csv").counts
        '读取 0 行：接受 0 行，拒绝 0 行，空行 0 行'
        """
        return (
            f"读取 {self.read} 行：接受 {self.accepted} 行，拒绝 {self.rejected} 行，"
            f"空行 {self.empty} 行"
        )


class RowErrors(InvalidInput):
    """Input files with bad rows (表格数据有误): every problem of every file, listed.

    ``field``, ``value`` and ``message`` are those of the first problem, as for any
    :class:`~safetyrules.errors.InvalidInput`; ``problems`` holds them all.

    >>> error = RowErrors([RowProblem(file="a.csv", row=3, column="死亡人数", cell="D3",
    ...                               value="-1", reason="人数不能为负数")])
    >>> error.field, len(error.problems)
    ('a.csv 第 3 行 死亡人数（D3）', 1)
    >>> print(error)
    读取的资料中有 1 处错误：
    a.csv 第 3 行 死亡人数（D3）：人数不能为负数（所填：-1）
    """

    def __init__(self, problems: Sequence[RowProblem]) -> None:
        self.problems = tuple(problems)
        first = self.problems[0]
        super().__init__(first.location, first.value, first.reason)
        self.args = (str(self),)

    def __str__(self) -> str:
        lines = [f"读取的资料中有 {len(self.problems)} 处错误："]
        lines += [str(problem) for problem in self.problems]
        return "\n".join(lines)


@attrs.frozen
class TableResult(Generic[Model]):
    """The records a table gave, the problems found and the counts (读取结果).

    ``rows`` gives, for each record, the rows it was read from. ``problems`` are the defects
    that kept rows out (and those of the header that kept the whole table out);
    ``warnings`` what was left aside while every row was still read: a column the table does
    not know (未识别的列). Warnings never make :meth:`raise_for_problems` raise.

    >>> from safetyrules.accidents.record import AccidentRecord
    >>> r = read_table([["发生日期", "事故简况"], ["2024-07-18", "液氨泄漏"]], AccidentRecord)
    >>> r.records[0].summary, r.rows, r.problems
    ('液氨泄漏', ((2,),), ())
    >>> r.raise_for_problems() is r
    True
    >>> r = read_table([["序号", "发生日期", "事故简况", "伤亡"],
    ...                 [1, "2024-07-18", "液氨泄漏", 3], [2]], AccidentRecord)
    >>> len(r.records), r.problems, r.summary.empty
    (1, (), 1)
    >>> print(r.warnings[0])
    表格 第 1 行 伤亡（D1）：未识别的列，未读入（列名见说明工作表）
    """

    records: tuple[Model, ...]
    rows: tuple[tuple[int, ...], ...]
    problems: tuple[RowProblem, ...]
    summary: TableSummary
    warnings: tuple[RowProblem, ...] = ()

    def raise_for_problems(self) -> TableResult[Model]:
        """The result itself, or :class:`RowErrors` listing every problem (有错误则报错).

        >>> from safetyrules.accidents.record import AccidentRecord
        >>> read_table([["发生日期", "事故简况"], ["2024-02-30", "x"]],
        ...            AccidentRecord).raise_for_problems()
        Traceback (most recent call last):
        ...
        safetyrules.tables.reading.RowErrors: 读取的资料中有 1 处错误：
        表格 第 2 行 发生日期（A2）：不是有效日期（所填：2024-02-30）
        """
        if self.problems:
            raise RowErrors(self.problems)
        return self


def read_table(
    source: Source,
    model: type[Model] | TableSpec[Model],
    *,
    sheet: str | None = None,
    columns: Sequence[TableColumn] | None = None,
) -> TableResult[Model]:
    """Read a table into records of ``model``, row by row (逐行读取表格).

    ``model`` is a record class with a known table (风险点 :class:`~safetyrules.risk.RiskPoint`,
    事故 :class:`~safetyrules.accidents.AccidentRecord`, 辨识单元
    :class:`~safetyrules.risk.major_hazard.HazardUnit`, 检查记录
    :class:`~safetyrules.checklists.InspectionRecord`, 岗位
    :class:`~safetyrules.responsibility.Post`; see :mod:`safetyrules.tables.specs`), or a
    :class:`~safetyrules.tables.columns.TableSpec`. ``sheet`` picks the sheet of a workbook
    (default: the table's own); ``columns`` replaces the table's columns, and gives them for
    any other model.

    >>> import tempfile
    >>> from safetyrules.accidents.record import AccidentRecord
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder, "accidents.csv")
    ...     _ = path.write_text("\\ufeff发生日期,事故简况,重伤人数\\n2024-07-18,液氨泄漏,3\\n",
    ...                         encoding="utf-8")
    ...     read_table(path, AccidentRecord).records[0].serious_injuries
    3
    """
    spec = _spec(model, columns)
    file, sheet_name, rows = _rows(source, sheet if sheet is not None else spec.sheet)
    reader = _Reader(spec, file, sheet_name)
    return reader.read(rows)


@attrs.frozen
class FormResult:
    """A 项目/内容 sheet as read (表单读取结果): the values by column key, the row of each, the
    problems and the counts.

    >>> from safetyrules.tables.specs import ENTERPRISE_FIELDS
    >>> form = read_form([["项目", "内容"], ["从业人员数", 260]], ENTERPRISE_FIELDS, sheet="企业")
    >>> form.values, form.rows
    ({'employees': 260}, {'employees': 2})
    """

    file: str
    sheet: str | None
    columns: tuple[TableColumn, ...]
    values: Mapping[str, object]
    rows: Mapping[str, int]
    problems: tuple[RowProblem, ...]
    summary: TableSummary

    def record(
        self, model: type[Model], extra: Mapping[str, object] | None = None
    ) -> tuple[Model | None, tuple[RowProblem, ...]]:
        """The form as one record of ``model`` (表单转为记录), with ``extra`` fields added, and
        the problems: those of reading, then those of validation, each at its item's row.

        >>> from safetyrules.enterprise import Enterprise
        >>> from safetyrules.tables.specs import ENTERPRISE_FIELDS
        >>> form = read_form([["单位名称", "示例公司"]], ENTERPRISE_FIELDS, sheet="企业")
        >>> record, problems = form.record(Enterprise)
        >>> record is None, [p.column for p in problems][:2]
        (True, ['统一社会信用代码', '国民经济行业分类代码'])
        """
        data: dict[str, Any] = {}
        for key, value in self.values.items():
            target = data
            *parents, last = key.split(".")
            for part in parents:
                target = target.setdefault(part, {})
            target[last] = value
        data.update(extra or {})
        try:
            found = model.model_validate(data)
        except ValidationError as error:
            problems = list(self.problems)
            for detail in error.errors():
                path, reason = _path_and_reason(detail)
                key = path.split("[")[0]
                column = next((c for c in self.columns if c.key == key.split(".")[0]), None)
                name = column.zh if column is not None else path
                if any(p.column == name for p in self.problems):
                    continue  # its cell could not be read: already reported
                row = self.rows.get(column.key) if column is not None else None
                value = shown(self.values.get(column.key)) if column is not None else ""
                problems.append(
                    RowProblem(
                        file=self.file,
                        sheet=self.sheet,
                        row=row,
                        column=name,
                        cell=f"B{row}" if row is not None else "",
                        value=value if row is not None else "",
                        reason=reason,
                    )
                )
            return None, tuple(problems)
        return (None, self.problems) if self.problems else (found, ())


def read_form(
    source: Source, columns: Sequence[TableColumn], *, sheet: str | None = None
) -> FormResult:
    """Read a 项目/内容 sheet (读取表单): column A names an item (a column's Chinese or English
    name), column B holds its value; a first row 项目/内容 is a header, and further columns
    (说明) are not read. A row whose value is blank gives nothing and counts as empty.

    >>> from safetyrules.tables.specs import ENTERPRISE_FIELDS
    >>> form = read_form([["项目", "内容", "说明"], ["单位名称", "示例公司", "全称"],
    ...                   ["从业人数", 10]], ENTERPRISE_FIELDS, sheet="企业")
    >>> form.values
    {'name': '示例公司'}
    >>> print(form.problems[0])
    表格 第 3 行 项目（A3）：无法识别的项目（所填：从业人数）
    """
    file, sheet_name, rows = _rows(source, sheet or "")
    problems: list[RowProblem] = []
    values: dict[str, object] = {}
    at: dict[str, int] = {}
    read = empty = rejected = 0
    started = False

    def problem(number: int, column: str, cell: str, value: object, reason: str) -> None:
        problems.append(
            RowProblem(
                file=file,
                sheet=sheet_name,
                row=number,
                column=column,
                cell=cell,
                value=shown(value),
                reason=reason,
            )
        )

    for number, cells in rows:
        item = cells[0] if cells else None
        given = cells[1] if len(cells) > 1 else None
        if not started and not is_blank(item):
            started = True
            if header_text(item) == "项目" and header_text(given) == "内容":
                continue
        if is_blank(given):
            empty += 0 if is_blank(item) else 1
            continue
        read += 1
        column = next((c for c in columns if c.matches(item)), None)
        if column is None:
            reason = "缺少项目名称" if is_blank(item) else "无法识别的项目"
            problem(number, "项目", f"A{number}", item, reason)
        elif column.key in at:
            problem(number, column.zh, f"A{number}", item, f"与第 {at[column.key]} 行重复")
        else:
            try:
                values[column.key] = column.convert(given)
                at[column.key] = number
                continue
            except CellError as error:
                problem(number, column.zh, f"B{number}", given, error.message)
        rejected += 1
    empty_rows = empty
    return FormResult(
        file=file,
        sheet=sheet_name,
        columns=tuple(columns),
        values=values,
        rows=at,
        problems=tuple(problems),
        summary=TableSummary(
            file=file,
            sheet=sheet_name,
            read=read,
            accepted=read - rejected,
            rejected=rejected,
            empty=empty_rows,
            records=1 if values else 0,
        ),
    )


def entry_problems(error: ValidationError, *, file: str, key: str = "") -> list[RowProblem]:
    """The defects of a record that failed validation, as problems of a TOML or JSON entry
    (条目校验问题): one per defect, ``key`` (``accident[0]``) before each field path.

    >>> from safetyrules.accidents.record import AccidentRecord
    >>> try:
    ...     AccidentRecord.model_validate({"summary": "", "deaths": -1})
    ... except ValidationError as error:
    ...     for problem in entry_problems(error, file="accidents.toml", key="accident[0]"):
    ...         print(problem)
    accidents.toml: accident[0].occurred_on：必填项为空
    accidents.toml: accident[0].summary：不能为空
    accidents.toml: accident[0].deaths：人数不能为负数（所填：-1）
    """
    found = []
    for detail in error.errors():
        path, reason = _path_and_reason(detail)
        given = detail.get("input")
        value = shown(given) if isinstance(given, str | int | float | Decimal | date) else ""
        found.append(RowProblem(file=file, column=_joined(key, path), value=value, reason=reason))
    return found


def _joined(key: str, path: str) -> str:
    if not path:
        return key
    if not key:
        return path
    return f"{key}{path}" if path.startswith("[") else f"{key}.{path}"


def reason_of(detail: ErrorDetails) -> str:
    """The Chinese reason for one pydantic error (校验错误原因).

    A check that raised a library error keeps its own (Chinese) message; pydantic's own
    errors are translated, and any other is shown as pydantic gives it.

    >>> from pydantic import BaseModel, Field
    >>> class Count(BaseModel):
    ...     n: int = Field(ge=1)
    >>> try:
    ...     Count(n=0)
    ... except ValidationError as error:
    ...     reason_of(error.errors()[0])
    '不能小于 1'
    """
    kind = detail["type"]
    context = detail.get("ctx") or {}
    if kind in ("value_error", "assertion_error"):
        cause = context.get("error")
        if isinstance(cause, InvalidInput):
            return cause.message
        message = str(cause) if cause is not None else detail["msg"]
        return message.removeprefix("Value error, ").removeprefix("Assertion failed, ")
    if kind == "missing":
        return "必填项为空"
    if kind == "string_too_short":
        return "不能为空"
    if kind == "too_short":
        return f"至少应有 {context.get('min_length')} 项"
    if kind == "greater_than_equal":
        bound = context.get("ge")
        return "不能为负数" if bound == 0 else f"不能小于 {bound}"
    if kind == "greater_than":
        return f"应大于 {context.get('gt')}"
    if kind == "less_than_equal":
        return f"不能大于 {context.get('le')}"
    if kind == "less_than":
        return f"应小于 {context.get('lt')}"
    if kind in ("enum", "literal_error"):
        expected = re.findall(r"'([^']*)'", str(context.get("expected", "")))
        return f"应为 {'、'.join(expected)} 之一" if expected else f"取值无效：{detail['msg']}"
    if kind == "string_pattern_mismatch":
        return "格式不正确（不能含空白字符）"
    if kind == "extra_forbidden":
        return "没有这一项"
    return f"取值无效：{detail['msg']}"


def _path_and_reason(detail: ErrorDetails) -> tuple[str, str]:
    reason = reason_of(detail)
    path = ".".join(str(part) if isinstance(part, str) else f"[{part}]" for part in detail["loc"])
    path = path.replace(".[", "[")
    if not path:
        # A check of the whole record says which field it is about: "category: 未知的…".
        prefixed = _PREFIXED.match(reason)
        if prefixed:
            path, reason = prefixed.groups()
    return path, reason


def _spec(
    model: type[Model] | TableSpec[Model], columns: Sequence[TableColumn] | None
) -> TableSpec[Model]:
    if isinstance(model, TableSpec):
        spec = model
    else:
        from safetyrules.tables.specs import spec_for

        found = spec_for(model)
        if found is None:
            if columns is None:
                raise InvalidInput(
                    "columns", None, f"{model.__name__} 没有登记的表格，须给出列定义"
                )
            found = TableSpec(model=model, sheet=model.__name__, title=model.__name__, columns=())
        spec = found
    return spec.with_columns(columns) if columns is not None else spec


def _rows(
    source: Source, sheet: str
) -> tuple[str, str | None, list[tuple[int, tuple[object, ...]]]]:
    if isinstance(source, str | Path):
        path = Path(source)
        suffix = path.suffix.lower()
        if suffix in (".xlsx", ".xlsm"):
            name, rows = sheet_rows(path, sheet)
            return path.name, name, rows
        if suffix == ".csv":
            return path.name, None, _csv_rows(path)
        raise WorkbookError(path.name, "只能读取 .xlsx 或 .csv 文件")
    given: list[object] = list(source)
    mappings = bool(given) and isinstance(given[0], Mapping)
    for row in given:
        wrong = isinstance(row, str | bytes) or not isinstance(row, Iterable)
        if isinstance(row, Mapping) != mappings or wrong:
            raise InvalidInput("rows", row, "每行应同为列表（首行为表头）或同为字典")
    table: list[tuple[object, ...]]
    if mappings:
        records = [row for row in given if isinstance(row, Mapping)]
        header = list(dict.fromkeys(str(k) for row in records for k in row))
        table = [tuple(header), *(tuple(row.get(k) for k in header) for row in records)]
    else:
        table = [tuple(row) for row in given if isinstance(row, Iterable)]
    return ROWS_NAME, None, list(enumerate(table, start=1))


def _csv_rows(path: Path) -> list[tuple[int, tuple[object, ...]]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return [(n, tuple(row)) for n, row in enumerate(csv.reader(handle), start=1)]
    except UnicodeDecodeError:
        raise WorkbookError(
            path.name,
            "不是 UTF-8 编码的 CSV 文件；在 Excel 中请另存为“CSV UTF-8（逗号分隔）”",
        ) from None
    except OSError as error:
        raise WorkbookError(path.name, f"无法读取文件（{error}）") from None
    except csv.Error as error:
        raise WorkbookError(path.name, f"CSV 格式错误（{error}）") from None


@dataclass
class _Row:
    """A data row: its number, the raw cells by column key, the values read and its problems."""

    number: int
    raw: dict[str, object]
    values: dict[str, object] = field(default_factory=dict)
    problems: list[RowProblem] = field(default_factory=list)
    bad_keys: set[str] = field(default_factory=set)


@dataclass
class _Group:
    """The rows of one grouped record, with the row each group value came from."""

    rows: list[_Row]
    values: dict[str, object] = field(default_factory=dict)
    origins: dict[str, int] = field(default_factory=dict)
    broken: bool = False


class _Reader(Generic[Model]):
    def __init__(self, spec: TableSpec[Model], file: str, sheet: str | None) -> None:
        self.spec = spec
        self.file = file
        self.sheet = sheet
        self.positions: dict[str, int] = {}
        self.headers: dict[str, str] = {}
        self.problems: list[RowProblem] = []
        self.warnings: list[RowProblem] = []
        self.fatal: list[RowProblem] = []
        self.unnamed: list[int] = []
        self.unknown: list[int] = []
        self.seen: dict[str, dict[object, int]] = {}

    # Problems ------------------------------------------------------------------------------

    def problem(self, row: _Row | int, key: str | None, reason: str) -> RowProblem:
        number = row.number if isinstance(row, _Row) else row
        column, cell, value = "", "", ""
        if key is not None and key in self.positions:
            column = self.headers[key]
            cell = f"{column_letter(self.positions[key] + 1)}{number}"
            if isinstance(row, _Row) and key in row.raw:
                value = shown(row.raw[key])
        elif key is not None:
            column = self._column_name(key)
        return RowProblem(
            file=self.file,
            sheet=self.sheet,
            row=number,
            column=column,
            cell=cell,
            value=value,
            reason=reason,
        )

    def _column_name(self, key: str) -> str:
        try:
            return self.spec.column(key).zh
        except KeyError:
            return key

    # Reading -------------------------------------------------------------------------------

    def read(self, rows: list[tuple[int, tuple[object, ...]]]) -> TableResult[Model]:
        while rows and all(is_blank(cell) for cell in rows[-1][1]):
            rows = rows[:-1]
        header_at = self._header(rows)
        data = rows[header_at + 1 :] if header_at is not None else rows
        parsed: list[_Row] = []
        empty = 0
        for number, cells in data:
            row = self._row(number, cells)
            if row is None:
                empty += 1
            else:
                parsed.append(row)
        if header_at is None or self.fatal:
            for row in parsed:
                row.problems.append(self.problem(row, None, "表头有误，本行未读入"))
            accepted: list[tuple[Model, tuple[int, ...]]] = []
        elif self.spec.group is None:
            accepted = [found for row in parsed if (found := self._record(row)) is not None]
        else:
            accepted = self._grouped(parsed)
        problems = [*self.problems, *(p for row in parsed for p in row.problems)]
        problems.sort(key=lambda p: (p.row or 0, _column_order(p.cell)))
        rejected = sum(1 for row in parsed if row.problems)
        summary = TableSummary(
            file=self.file,
            sheet=self.sheet,
            read=len(parsed),
            accepted=len(parsed) - rejected,
            rejected=rejected,
            empty=empty,
            records=len(accepted),
        )
        return TableResult(
            records=tuple(record for record, _ in accepted),
            rows=tuple(numbers for _, numbers in accepted),
            problems=tuple(problems),
            summary=summary,
            warnings=tuple(self.warnings),
        )

    def _header(self, rows: list[tuple[int, tuple[object, ...]]]) -> int | None:
        columns = self.spec.columns
        candidates = [i for i, (_, cells) in enumerate(rows) if not all(map(is_blank, cells))]
        header_at = next(
            (
                i
                for i in candidates[:_HEADER_SEARCH]
                if any(c.matches(cell) for c in columns for cell in rows[i][1])
            ),
            None,
        )
        if header_at is None:
            names = "、".join(c.zh for c in columns if c.required) or "、".join(
                c.zh for c in columns
            )
            found = RowProblem(
                file=self.file,
                sheet=self.sheet,
                row=rows[candidates[0]][0] if candidates else 1,
                reason=f"找不到表头：前 {_HEADER_SEARCH} 行中没有可识别的列名（应有 {names} 等列）",
            )
            self.problems.append(found)
            self.fatal.append(found)
            return None
        number, cells = rows[header_at]
        ignored: list[int] = []
        for index, cell in enumerate(cells):
            if is_blank(cell):
                continue
            letter = column_letter(index + 1)
            column = next((c for c in columns if c.matches(cell)), None)
            if column is None and any(c.matches(cell) for c in IGNORED_COLUMNS):
                ignored.append(index)  # 备注, 序号: not read, not reported
                continue
            if column is None:
                self.warnings.append(
                    RowProblem(
                        file=self.file,
                        sheet=self.sheet,
                        row=number,
                        column=shown(cell),
                        cell=f"{letter}{number}",
                        reason=UNKNOWN_COLUMN,
                    )
                )
                continue
            if column.key in self.positions:
                first = column_letter(self.positions[column.key] + 1)
                self._fatal(number, shown(cell), f"{letter}{number}", f"与 {first} 列重复")
                continue
            self.positions[column.key] = index
            self.headers[column.key] = shown(cell).rstrip("*\uff0a").strip()
        self.unnamed = [
            i for i, cell in enumerate(cells) if is_blank(cell)
        ]  # data under a blank header is reported row by row
        self.unknown = [
            i
            for i, cell in enumerate(cells)
            if not is_blank(cell) and i not in self.positions.values() and i not in ignored
        ]
        for column in columns:
            if column.required and column.key not in self.positions:
                self._fatal(number, column.zh, "", "缺少必填列")
        return header_at

    def _fatal(self, number: int, column: str, cell: str, reason: str) -> None:
        found = RowProblem(
            file=self.file, sheet=self.sheet, row=number, column=column, cell=cell, reason=reason
        )
        self.problems.append(found)
        self.fatal.append(found)

    def _row(self, number: int, cells: tuple[object, ...]) -> _Row | None:
        raw = {
            key: cells[index]
            for key, index in self.positions.items()
            if index < len(cells) and not is_blank(cells[index])
        }
        unnamed = [i for i in self.unnamed if i < len(cells) and not is_blank(cells[i])]
        unknown = [i for i in self.unknown if i < len(cells) and not is_blank(cells[i])]
        if not raw and not unnamed and not unknown:
            return None
        row = _Row(number=number, raw=raw)
        for index in unnamed:
            row.problems.append(
                RowProblem(
                    file=self.file,
                    sheet=self.sheet,
                    row=number,
                    cell=f"{column_letter(index + 1)}{number}",
                    value=shown(cells[index]),
                    reason="该列没有列名，内容未读入",
                )
            )
        for key, value in raw.items():
            column = self.spec.column(key)
            try:
                row.values[key] = column.convert(value)
            except CellError as error:
                row.problems.append(self.problem(row, key, error.message))
                row.bad_keys.add(key)
        return row

    def _required(self, row: _Row, keys: Iterable[str]) -> None:
        for key in keys:
            column = self.spec.column(key)
            if column.required and key not in row.raw:
                row.problems.append(self.problem(row, key, "必填项为空"))

    def _validate(
        self, data: dict[str, Any]
    ) -> tuple[Model | None, list[tuple[tuple[str | int, ...], str]]]:
        try:
            record = self.spec.model.model_validate(data)
        except ValidationError as error:
            issues: list[tuple[tuple[str | int, ...], str]] = []
            for detail in error.errors():
                loc: tuple[str | int, ...] = tuple(detail["loc"])
                reason = reason_of(detail)
                prefixed = _PREFIXED.match(reason)
                if prefixed and (not loc or isinstance(loc[-1], int)):
                    # A check of the whole record says which field it is about: "category: …".
                    loc = (*loc, *prefixed.group(1).split("."))
                    reason = prefixed.group(2)
                issues.append((loc, reason))
            return None, issues
        if self.spec.check is None:
            return record, []
        checked: list[Issue] = list(self.spec.check(record))
        return (None, list(checked)) if checked else (record, [])

    def _key_for(self, loc: Sequence[str | int]) -> str | None:
        path = ".".join(part for part in loc if isinstance(part, str))
        group = self.spec.group
        if not path or (group is not None and path == group.members):
            # An error about the whole record (or member) that names no field.
            return self.spec.row_error_column
        keys = [c.key for c in self.spec.columns]
        for key in keys:
            if key == path:
                return key
        for key in keys:
            if key.startswith(path + "."):
                return key
        for key in keys:
            if path.startswith(key + "."):
                return key
        return self.spec.row_error_column

    # Flat tables ---------------------------------------------------------------------------

    def _record(self, row: _Row) -> tuple[Model, tuple[int, ...]] | None:
        self._required(row, (c.key for c in self.spec.columns))
        if row.problems:
            return None
        record, issues = self._validate(self._nested(row.values))
        for loc, reason in issues:
            row.problems.append(self.problem(row, self._key_for(loc), reason))
        if record is None:
            if not row.problems:
                row.problems.append(self.problem(row, None, "无法读入"))
            return None
        for key in self.spec.unique:
            value = row.values.get(key)
            seen = self.seen.setdefault(key, {})
            if value in seen:
                row.problems.append(self.problem(row, key, f"与第 {seen[value]} 行重复"))
                return None
            seen[value] = row.number
        return record, (row.number,)

    def _nested(self, values: Mapping[str, object]) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for key, value in values.items():
            target = data
            *parents, last = key.split(".")
            for part in parents:
                target = target.setdefault(part, {})
            target[last] = value
        return self.spec.build(data) if self.spec.build is not None else data

    # Grouped tables ------------------------------------------------------------------------

    def _grouped(self, parsed: list[_Row]) -> list[tuple[Model, tuple[int, ...]]]:
        group = self.spec.group
        assert group is not None
        groups: list[_Group] = []
        by_key: dict[tuple[object, ...], _Group] = {}
        current: _Group | None = None
        for row in parsed:
            keyed = [k for k in group.key if k in row.raw]
            if not keyed:
                if current is None:
                    for key in group.key:
                        row.problems.append(self.problem(row, key, "必填项为空"))
                    current = _Group(rows=[row], broken=True)
                    groups.append(current)
                    continue
                current.rows.append(row)
            else:
                missing = [k for k in group.key if k not in row.raw]
                for key in missing:
                    row.problems.append(self.problem(row, key, "必填项为空"))
                bad_key = missing or any(k not in row.values for k in group.key)
                if bad_key:
                    current = _Group(rows=[row], broken=True)
                    groups.append(current)
                    continue
                identity = tuple(row.values[k] for k in group.key)
                found = by_key.get(identity)
                if found is None:
                    found = _Group(rows=[])
                    by_key[identity] = found
                    groups.append(found)
                found.rows.append(row)
                current = found
            self._group_values(current, row)
        accepted = []
        for each in groups:
            record = self._group_record(each)
            if record is not None:
                accepted.append(record)
        return accepted

    def _group_values(self, group: _Group, row: _Row) -> None:
        spec_group = self.spec.group
        assert spec_group is not None
        for key in spec_group.columns:
            if key in row.bad_keys:
                group.broken = True
            if key not in row.values:
                continue
            value = row.values[key]
            if key in group.values and group.values[key] != value:
                first = group.origins[key]
                row.problems.append(
                    self.problem(
                        row,
                        key,
                        f"与第 {first} 行不一致（第 {first} 行为 {shown(group.values[key])}）",
                    )
                )
                group.broken = True
            elif key not in group.values:
                group.values[key] = value
                group.origins[key] = row.number

    def _group_record(self, group: _Group) -> tuple[Model, tuple[int, ...]] | None:
        spec_group = self.spec.group
        assert spec_group is not None
        first = group.rows[0]
        if not group.broken:
            for key in spec_group.columns:
                if self.spec.column(key).required and key not in group.values:
                    first.problems.append(self.problem(first, key, "必填项为空"))
                    group.broken = True
        member_keys = [c.key for c in self.spec.columns if c.key not in spec_group.columns]
        for row in group.rows:
            self._required(row, member_keys)
        members = [row for row in group.rows if not row.problems]
        broken = group.broken
        record: Model | None = None
        while members:
            # Validate even a group already known to be bad, to report all its defects at once.
            record, issues = self._validate(self._assemble(group, members))
            if record is not None:
                break
            about_members = False
            for loc, reason in issues:
                target, rest, is_member = self._member_of(loc, members, group)
                if group.broken and not is_member:
                    continue  # the group's own cells are bad: already reported
                found = self.problem(target, self._key_for(rest), reason)
                if any(p.column == found.column for p in target.problems):
                    continue  # already reported
                target.problems.append(found)
                if is_member:
                    about_members = True
                else:
                    broken = True
            members = [row for row in members if not row.problems]
            if spec_group.all_or_nothing or not about_members:
                broken = True
                break
        if spec_group.all_or_nothing and len(members) < len(group.rows):
            broken = True
        if record is None or broken or not members:
            label = spec_group.label
            bad = next((row for row in group.rows if row.problems), first)
            for row in group.rows:
                if not row.problems:
                    reason = f"同一{label}的第 {bad.number} 行有错误，整个{label}未读入"
                    row.problems.append(self.problem(row, None, reason))
            return None
        return record, tuple(row.number for row in members)

    def _member_of(
        self, loc: tuple[str | int, ...], members: list[_Row], group: _Group
    ) -> tuple[_Row, tuple[str | int, ...], bool]:
        spec_group = self.spec.group
        assert spec_group is not None
        if len(loc) > 1 and loc[0] == spec_group.members and isinstance(loc[1], int):
            index = loc[1]
            if 0 <= index < len(members):
                return members[index], (spec_group.members, *loc[2:]), True
        key = self._key_for(loc)
        if key is not None and key in group.origins:
            origin = next(row for row in group.rows if row.number == group.origins[key])
            return origin, loc, False
        return group.rows[0], loc, False

    def _assemble(self, group: _Group, members: list[_Row]) -> dict[str, Any]:
        spec_group = self.spec.group
        assert spec_group is not None
        values = self._nested(group.values)
        entries = []
        for row in members:
            own = {k: v for k, v in row.values.items() if k not in spec_group.columns}
            entries.append(self._nested(own))
        if spec_group.assemble is not None:
            return spec_group.assemble(values, entries)
        return {**values, spec_group.members: [e.get(spec_group.members, {}) for e in entries]}


def _column_order(cell: str) -> int:
    """The column number of a cell reference (``B3`` is 2); 0 when there is none."""
    number = 0
    for letter in cell:
        if not "A" <= letter <= "Z":
            break
        number = number * 26 + ord(letter) - ord("A") + 1
    return number
