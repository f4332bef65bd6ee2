"""Columns of the tables an audit reads (表格列定义): names, kinds, allowed values, help text.

A column has a key, a Chinese name (the header the templates write) and an English name; a
header matches either name, or an alias. The key is where the value goes in the record: a
dotted key fills a nested field (``factors.L`` is ``factors = {L = …}``, ``measures.engineering``
is ``measures.engineering``), exactly as in the TOML form of the same file. The English name
is the key unless given, so an English header is the TOML field path.

A :class:`TableSpec` is one table: its model, its default sheet and its columns. A table may
group rows (分组表): the group columns are filled on the first row of a group (or repeated, or
merged in Excel); a row whose group key is blank belongs to the group above.

>>> column = TableColumn("factors.L", "因素L", CellKind.DECIMAL, description="可能性 L")
>>> column.en, column.matches("因素L"), column.matches("factors.l"), column.matches("L")
('factors.L', True, True, False)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Generic, TypeVar

import attrs
from pydantic import BaseModel

from safetyrules.tables.cells import CellKind, convert

Model = TypeVar("Model", bound=BaseModel)

Issue = tuple[tuple[str | int, ...], str]
"""A problem a record check finds (记录校验问题): the location, as pydantic gives it (``("factors",
"L")``, ``("answers", 3, "item")``), and the Chinese reason."""

_REQUIRED_MARKS = re.compile("[*\uff0a]+$")
_SPACES = re.compile(r"\s+")


def header_text(value: object) -> str:
    """A header cell as compared with column names (列名规范化): no spaces, no trailing ``*``
    (the mark of a required column), ASCII parentheses made full-width.

    >>> header_text(" 直接经济损失(元) *")
    '直接经济损失（元）'
    """
    text = _SPACES.sub("", "" if value is None else str(value))
    text = _REQUIRED_MARKS.sub("", text)
    return text.replace("(", "（").replace(")", "）")


@attrs.frozen
class TableColumn:
    """One column of a table (表格列).

    ``required`` columns must be filled on every row (on the first row of a group, for a group
    column). ``choices`` are the allowed values of an option cell or of each item of a list
    cell; ``aliases`` maps other spellings to them. ``example`` is shown in the 说明 sheet.
    ``code`` marks a code whose leading zeros count (代码列: 行业代码 0111): a number cell is
    refused rather than read without its zeros. A code that never starts with 0 (行政区划代码)
    needs no mark: a number cell reads as its digits.

    >>> TableColumn("kind", "类型", CellKind.CHOICE, choices=("设备设施", "作业活动")).en
    'kind'
    """

    key: str
    zh: str
    kind: CellKind = CellKind.TEXT
    required: bool = False
    description: str = ""
    choices: tuple[str, ...] = ()
    aliases: Mapping[str, str] = attrs.field(factory=dict)
    example: str = ""
    english: str | None = None
    other_names: tuple[str, ...] = ()
    code: bool = False

    def convert(self, value: object) -> object:
        """A non-empty cell of this column as its value (按列取值); a
        :class:`~safetyrules.tables.cells.CellError`
        when it cannot be read.

        >>> TableColumn("industry", "行业代码", code=True).convert("0111")
        '0111'
        >>> TableColumn("employees", "从业人员数", CellKind.INTEGER).convert(260.0)
        260
        """
        return convert(self.kind, value, choices=self.choices, aliases=self.aliases, code=self.code)

    @property
    def en(self) -> str:
        """The English header (英文列名): the TOML field path unless given.

        >>> TableColumn("deaths", "死亡人数").en
        'deaths'
        """
        return self.english if self.english is not None else self.key

    def matches(self, header: object) -> bool:
        """Whether a header cell names this column (列名匹配): the Chinese name, the English
        name (case-insensitive) or another accepted name.

        >>> TableColumn("deaths", "死亡人数", other_names=("死亡",)).matches("死亡 *")
        True
        """
        text = header_text(header)
        if not text:
            return False
        if text in (header_text(self.zh), *(header_text(n) for n in self.other_names)):
            return True
        return text.lower() == header_text(self.en).lower()


NOTE_COLUMN = TableColumn("note", "备注", description="备注，不读入")
"""The free-text column every table may carry and no record reads (备注列)."""

SERIAL_COLUMN = TableColumn(
    "serial",
    "序号",
    description="序号，不读入",
    english="No.",
    other_names=("No", "NO", "#", "\uff03"),  # full-width #, as a Chinese input method types it
)
"""The row-number column most ledgers begin with (序号列): accepted in any table and not read,
so that rows numbered in advance and otherwise blank count as empty.

>>> [SERIAL_COLUMN.matches(name) for name in ("序号", "No.", "NO.", "#", "编号")]
[True, True, True, True, False]
"""

IGNORED_COLUMNS = (NOTE_COLUMN, SERIAL_COLUMN)
"""Columns any table may carry and no record reads (不读入的列): 备注 and 序号.

>>> any(column.matches("备注") for column in IGNORED_COLUMNS)
True
"""


@attrs.frozen
class Group:
    """How rows group into one record (分组规则), e.g. substances into a unit.

    ``columns`` are the keys of the group's own columns and ``key`` those that tell groups
    apart; ``members`` is the record's list field that the other columns of each row fill
    (``substances``, ``answers``). With ``all_or_nothing`` one bad row rejects the whole group:
    a unit missing one of its substances would be graded too low. ``assemble`` turns the
    group's values and its member entries into the record's input.

    >>> Group(columns=("name", "kind"), key=("name",), members="substances").all_or_nothing
    True
    """

    columns: tuple[str, ...]
    key: tuple[str, ...]
    members: str
    all_or_nothing: bool = True
    label: str = "分组"
    assemble: Callable[[dict[str, Any], list[dict[str, Any]]], dict[str, Any]] | None = None


@attrs.frozen
class TableSpec(Generic[Model]):
    """A table as a spreadsheet holds it (表格定义): the model of its records, the sheet it is
    on, its columns, and how rows become records.

    ``build`` adjusts a row's nested values before validation; ``check`` looks at a valid
    record for what the model alone cannot see (a factor value outside its method's table, an
    item not in its checklist) and returns :data:`Issue` s; ``row_error_column`` is the key
    that an error about the whole record points at when it names no field.

    >>> from safetyrules.tables.specs import RISK_TABLE
    >>> RISK_TABLE.sheet, RISK_TABLE.column("factors.S").zh
    ('风险点', '因素S')
    """

    model: type[Model]
    sheet: str
    title: str
    columns: tuple[TableColumn, ...]
    group: Group | None = None
    build: Callable[[dict[str, Any]], dict[str, Any]] | None = None
    check: Callable[[Model], Sequence[Issue]] | None = None
    row_error_column: str | None = None
    unique: tuple[str, ...] = ()

    def column(self, key: str) -> TableColumn:
        """The column with this key (按键查列).

        >>> from safetyrules.tables.specs import ACCIDENT_TABLE
        >>> ACCIDENT_TABLE.column("deaths").zh
        '死亡人数'
        """
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(key)

    def with_columns(self, columns: Sequence[TableColumn]) -> TableSpec[Model]:
        """The same table with other columns (替换列定义).

        >>> from safetyrules.tables.specs import RISK_TABLE
        >>> len(RISK_TABLE.with_columns(RISK_TABLE.columns[:3]).columns)
        3
        """
        return attrs.evolve(self, columns=tuple(columns))
