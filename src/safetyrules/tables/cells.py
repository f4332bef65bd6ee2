"""Spreadsheet cells as typed values (单元格取值): text, whole numbers, exact decimals, dates,
是/否, options and 、-separated lists.

Excel hands numbers over as ``float`` and dates as ``datetime``; a CSV file hands over text.
Each kind of cell is converted with care, and a cell that cannot be read is a
:class:`CellError` with a Chinese reason:

* a whole number (整数) may come as ``3`` or ``3.0``, never as ``2.5``;
* an exact number (数值: money, tonnes, factor values) is read from the cell as Excel shows
  it, to 15 significant digits, so ``1260000.5`` becomes ``Decimal("1260000.5")``, not the
  binary value of the float, and a formula's ``9.999999999999998`` becomes 10;
* a date (日期) is an Excel date, or text such as ``2024-07-18``, ``2024/7/18`` or
  ``2024年7月18日``; a date with an optional time (日期时间) may add ``09:30`` (or ``9时30分``);
* a list (多项) separates its items with 、; where an item itself contains 、, put each item
  on its own line in the cell (Alt+Enter in Excel), and only line breaks separate them.

>>> from decimal import Decimal
>>> convert(CellKind.DECIMAL, 1260000.5), convert(CellKind.INTEGER, 3.0)
(Decimal('1260000.5'), 3)
>>> convert(CellKind.LIST, "液氨泄漏、压力容器超压")
('液氨泄漏', '压力容器超压')
>>> convert(CellKind.INTEGER, 2.5)
Traceback (most recent call last):
...
safetyrules.tables.cells.CellError: 应为整数（所填：2.5）
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from safetyrules.errors import InvalidInput

LIST_SEPARATOR = "、"
"""What separates the items of a list cell (多项分隔符, 顿号)."""

TRUE_WORDS = ("是", "true")
"""Cell text read as yes (是), case-insensitive; Excel's TRUE is read as yes too."""
FALSE_WORDS = ("否", "false")
"""Cell text read as no (否), case-insensitive; Excel's FALSE is read as no too."""

CODE_AS_NUMBER = "代码请设为文本格式：Excel 会去掉开头的 0"
"""Why a code cell that Excel holds as a number is refused (代码不能是数字格式)."""

_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_CLOCK = re.compile(r"^(\d{1,2})\s*[:：时]\s*(\d{1,2})\s*(?:分)?(?:\s*[:：]\s*(\d{1,2})\s*秒?)?$")
_MIDNIGHT = re.compile(r"^(.*?)[ T]0{1,2}:00(:00(\.0+)?)?$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")


class CellKind(StrEnum):
    """What a column holds (列的数据类型); the value is what the 说明 sheet shows.

    >>> CellKind("是/否") is CellKind.BOOLEAN
    True
    >>> [kind.value for kind in CellKind]
    ['文本', '整数', '数值', '日期', '日期时间', '是/否', '选项', '多项（、分隔）']
    """

    TEXT = "文本"
    INTEGER = "整数"
    DECIMAL = "数值"
    DATE = "日期"
    DATETIME = "日期时间"
    BOOLEAN = "是/否"
    CHOICE = "选项"
    LIST = "多项（、分隔）"


class CellError(InvalidInput):
    """A cell that cannot be read as its column's kind (单元格取值错误); ``message`` is the
    Chinese reason, ``value`` the cell.

    >>> print(CellError("应填 是 或 否", "也许"))
    应填 是 或 否（所填：也许）
    >>> CellError("应填 是 或 否", "也许").message
    '应填 是 或 否'
    """

    def __init__(self, message: str, value: object = None) -> None:
        super().__init__("cell", value, message)
        self.args = (str(self),)

    def __str__(self) -> str:
        if is_blank(self.value):
            return self.message
        return f"{self.message}（所填：{shown(self.value)}）"


def is_blank(value: object) -> bool:
    """Whether a cell is empty (空单元格): nothing, or only whitespace.

    >>> is_blank(None), is_blank("  "), is_blank(0), is_blank("否")
    (True, True, False, False)
    """
    return value is None or (isinstance(value, str) and not value.strip())


def shown(value: object) -> str:
    """A cell as a spreadsheet shows it (单元格显示值), for messages and exact numbers.

    A whole float shows without ``.0``; other floats in their shortest exact form; a date
    without its midnight time.

    >>> shown(1260000.0), shown(0.1), shown(datetime(2024, 7, 18)), shown(True), shown(None)
    ('1260000', '0.1', '2024-07-18', 'TRUE', '')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime):
        if value.time() == time():
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def convert(
    kind: CellKind,
    value: object,
    *,
    choices: Sequence[str] = (),
    aliases: Mapping[str, str] | None = None,
    code: bool = False,
) -> object:
    """Read a non-empty cell as a value of ``kind`` (单元格取值).

    ``choices`` are the allowed values of an option cell, or of each item of a list cell;
    ``aliases`` other spellings that mean one of them (English names, lower case …). With
    ``code`` the cell holds a code whose leading zeros count (代码, such as 行业代码 0111):
    a cell Excel holds as a number has already lost them, and is refused.

    >>> convert(CellKind.TEXT, "0111", code=True)
    '0111'
    >>> convert(CellKind.TEXT, 111, code=True)
    Traceback (most recent call last):
    ...
    safetyrules.tables.cells.CellError: 代码请设为文本格式：Excel 会去掉开头的 0（所填：111）

    >>> convert(CellKind.CHOICE, "ls", choices=("LEC", "LS", "MES"), aliases={"ls": "LS"})
    'LS'
    >>> convert(CellKind.DATE, "2024年7月18日"), convert(CellKind.BOOLEAN, "否")
    (datetime.date(2024, 7, 18), False)
    >>> convert(CellKind.DATETIME, "2024-07-18 09:30"), convert(CellKind.DATETIME, "2024/7/18")
    (datetime.datetime(2024, 7, 18, 9, 30), datetime.date(2024, 7, 18))
    >>> convert(CellKind.CHOICE, "设施", choices=("设备设施", "作业活动"))
    Traceback (most recent call last):
    ...
    safetyrules.tables.cells.CellError: 应为 设备设施、作业活动 之一（所填：设施）
    """
    if code and isinstance(value, int | float) and not isinstance(value, bool):
        raise CellError(CODE_AS_NUMBER, value)
    if kind is CellKind.TEXT:
        return shown(value)
    if kind is CellKind.INTEGER:
        return _integer(value)
    if kind is CellKind.DECIMAL:
        return _decimal(value)
    if kind is CellKind.DATE:
        return _date(value)
    if kind is CellKind.DATETIME:
        return _moment(value)
    if kind is CellKind.BOOLEAN:
        return _boolean(value)
    if kind is CellKind.CHOICE:
        return _choice(shown(value), choices, aliases)
    items = split_list(value)
    if choices:
        return tuple(_choice(item, choices, aliases) for item in items)
    return items


def split_list(value: object) -> tuple[str, ...]:
    """The items of a list cell (多项单元格): separated by 、, or by line breaks where the cell
    has any (then 、 stays inside an item).

    >>> split_list("先通风、再检测、后作业\\n佩戴呼吸器")
    ('先通风、再检测、后作业', '佩戴呼吸器')
    >>> split_list("19、 17、"), split_list(3)
    (('19', '17'), ('3',))
    """
    text = shown(value)
    lines = text.splitlines()
    parts = lines if len(lines) > 1 else text.split(LIST_SEPARATOR)
    return tuple(part.strip() for part in parts if part.strip())


def join_list(items: Sequence[str]) -> str:
    """A list as one cell (写入多项单元格): joined with 、, or one item a line when an item
    contains 、; :func:`split_list` reads it back.

    >>> join_list(["液氨泄漏", "压力容器超压"])
    '液氨泄漏、压力容器超压'
    >>> split_list(join_list(["先通风、再检测、后作业", "佩戴呼吸器"]))
    ('先通风、再检测、后作业', '佩戴呼吸器')
    """
    if any(LIST_SEPARATOR in item or "\n" in item for item in items):
        return "\n".join(items)
    return LIST_SEPARATOR.join(items)


def excel_decimal(value: float) -> Decimal:
    """A float from Excel as the cell shows it (单元格显示的数值): to Excel's 15 significant
    digits, so that the binary noise of a formula does not count.

    ``=(0.7+0.2+0.1)*10`` gives the float ``9.999999999999998``, and Excel shows 10; a
    threshold such as 液氨 10 t must see 10 too.

    >>> excel_decimal(9.999999999999998), excel_decimal(0.1), excel_decimal(1e20)
    (Decimal('10'), Decimal('0.1'), Decimal('1E+20'))
    >>> excel_decimal(float("nan"))
    Traceback (most recent call last):
    ...
    safetyrules.tables.cells.CellError: 应为有限数值（所填：nan）
    """
    if not math.isfinite(value):
        raise CellError("应为有限数值", value)
    return Decimal(format(value, ".15g"))


def _decimal(value: object) -> Decimal:
    if isinstance(value, bool | date | time):
        raise CellError("应为数值", value)
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        number = excel_decimal(value)
    else:
        text = shown(value).replace(" ", "")
        if _GROUPED.match(text):
            text = text.replace(",", "")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise CellError("应为数值", value) from None
        if not number.is_finite():
            raise CellError("应为有限数值", value)
    # Whole numbers without a trailing ".0", so that "3.0" and 3 read alike.
    return Decimal(int(number)) if number == number.to_integral_value() else number


def _integer(value: object) -> int:
    if isinstance(value, bool | date | time):
        raise CellError("应为整数", value)
    if isinstance(value, int):
        return value
    try:
        number = _decimal(value)
    except CellError:
        raise CellError("应为整数", value) from None
    if number != number.to_integral_value():
        raise CellError("应为整数", value)
    return int(number)


def _date(value: object) -> date:
    if isinstance(value, datetime):
        if value.time() != time():
            raise CellError("应为日期，不应含时刻", value)
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise CellError("应为日期（如 2024-07-18）", value)
    text = value.strip()
    midnight = _MIDNIGHT.match(text)
    if midnight:
        text = midnight.group(1).strip()
    found = _DATE.match(text)
    if found is None:
        raise CellError("应为日期（如 2024-07-18）", value)
    year, month, day = (int(part) for part in found.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise CellError("不是有效日期", value) from None


def _moment(value: object) -> date | datetime:
    # A date, or a date and a time of day (naive: the reader of the column adds the zone).
    if isinstance(value, datetime):
        return value.date() if value.time() == time() else value.replace(tzinfo=None)
    if isinstance(value, date) or not isinstance(value, str):
        return _date(value)
    text = value.strip()
    if _MIDNIGHT.match(text) or _DATE.match(text):
        return _date(text)
    found = re.match(r"^(.*?\d\s*日?)(?:\s+|T|\s*(?=\d{1,2}\s*[:：时]))(.+)$", text)
    clock = _CLOCK.match(found.group(2).strip()) if found else None
    if found is None or clock is None:
        raise CellError("应为日期或日期时间（如 2024-07-18 或 2024-07-18 09:30）", value)
    day = _date(found.group(1).strip())
    hour, minute, second = (int(part) if part else 0 for part in clock.groups())
    try:
        return datetime.combine(day, time(hour, minute, second))
    except ValueError:
        raise CellError("不是有效时刻", value) from None


def _boolean(value: object) -> bool:
    if isinstance(value, bool):
        return value
    text = shown(value).lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise CellError("应填 是 或 否", value)


def _choice(text: str, choices: Sequence[str], aliases: Mapping[str, str] | None) -> str:
    if text in choices:
        return text
    if aliases:
        for spelling in (text, text.lower()):
            if spelling in aliases:
                return aliases[spelling]
    raise CellError(f"应为 {'、'.join(choices)} 之一", text)
