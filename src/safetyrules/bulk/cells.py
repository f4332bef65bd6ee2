"""Reading cells (读取单元格): whole numbers, yes/no flags and Python values out of frames,
the same way in every bulk function.

A bulk function reads what a register holds, not only what the scalar function takes: a count
may be an integer, a float holding a whole number (pandas keeps integers with gaps as floats)
or text such as ``" 3 "``; a yes/no cell a boolean or text ``是``/``否``. Typed columns are
read by expressions (:func:`whole_numbers`, :func:`flags`); text once per distinct value; a
pandas ``object`` column holding other values cell by cell in Python (:func:`read_cells`).

A reading gives three expressions (:class:`Reading`): the value (never null), whether the cell
is missing (null, NaN in pandas, blank text) and whether it holds something unreadable, so that
a function can treat "missing" and "bad" each as its rule says.

>>> import polars as pl
>>> from safetyrules.bulk.frames import from_frame
>>> frame = from_frame(pl.DataFrame({"count": ["2", "", "2.5", None]}))
>>> count = whole_numbers(frame, "count", minimum=1, cap=100, fill=1)
>>> frame.select(count.value.alias("v"), count.missing.alias("m"), count.bad.alias("b")).rows()
[(2, False, False), (1, True, False), (1, False, True), (1, True, False)]
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

import attrs
import narwhals as nw
from narwhals.typing import IntoDType

from safetyrules.bulk.frames import as_text, distinct_text, is_in, lookup_integer, missing
from safetyrules.errors import InvalidInput

BLANK = object()
"""What :func:`parse_whole` and :func:`parse_flag` return for blank text (空白): a missing
cell, not a bad one."""

_TRUE = frozenset({"true", "1", "是", "y", "yes"})
_FALSE = frozenset({"false", "0", "否", "n", "no"})
_BITS = {
    nw.Int8: 7,
    nw.Int16: 15,
    nw.Int32: 31,
    nw.Int64: 63,
    nw.UInt8: 8,
    nw.UInt16: 16,
    nw.UInt32: 32,
    nw.UInt64: 64,
}


@attrs.frozen
class Reading:
    """A column read as whole numbers or flags (读取结果): ``value`` (never null), whether the
    cell is ``missing`` (null, NaN in pandas, blank text) and whether it is ``bad`` (holds
    something unreadable; never both).

    >>> Reading(nw.lit(1), nw.lit(value=True), nw.lit(value=False)).value is not None
    True
    """

    value: nw.Expr
    missing: nw.Expr
    bad: nw.Expr


def plain(value: object) -> Any:
    """A cell as Python reads it (单元格的 Python 值): a missing value (NaN, NaT, NA) is None,
    a NumPy scalar the plain Python number; anything else as it is.

    >>> import numpy as np
    >>> plain(np.int64(3)), plain(float("nan")), plain("3")
    (3, None, '3')
    """
    if missing(value):
        return None
    item = getattr(value, "item", None)
    if callable(item) and not isinstance(value, str | bytes | Decimal | date):
        try:
            return item()
        except (TypeError, ValueError):
            return value
    return value


def parse_decimal(text: str) -> Decimal | None:
    """Text read as an exact decimal (十进制数), spaces around it ignored; None if it is not a
    number.

    >>> parse_decimal(" 9999999.99 "), parse_decimal("两人")
    (Decimal('9999999.99'), None)
    """
    try:
        return Decimal(text.strip())
    except InvalidOperation:
        return None


def parse_whole(text: str, minimum: int, cap: int) -> int | object | None:
    """Text read as a whole number of at least ``minimum``, capped at ``cap`` (整数文本):
    :data:`BLANK` for blank text, None for anything else.

    >>> parse_whole(" 3 ", 1, 10), parse_whole("3.0", 1, 10), parse_whole("30", 1, 10)
    (3, 3, 10)
    >>> parse_whole("2.5", 1, 10), parse_whole("0", 1, 10), parse_whole(" ", 1, 10) is BLANK
    (None, None, True)
    """
    stripped = text.strip()
    if not stripped:
        return BLANK
    number = parse_decimal(stripped)
    if number is None:
        return None
    if not number.is_finite() or number != number.to_integral_value() or number < minimum:
        return None
    return int(min(number, Decimal(cap)))


def parse_flag(text: str) -> bool | object | None:
    """Text read as yes or no (是否文本): ``true``/``1``/``是``/``y``/``yes`` and
    ``false``/``0``/``否``/``n``/``no``, any case; :data:`BLANK` for blank text, None for
    anything else.

    >>> parse_flag(" 是 "), parse_flag("FALSE"), parse_flag("1.0"), parse_flag("也许")
    (True, False, True, None)
    """
    word = text.strip().lower()
    if not word:
        return BLANK
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    number = parse_decimal(word)
    if number is None:
        return None
    return {Decimal(1): True, Decimal(0): False}.get(number)


def largest(dtype: Any) -> float:
    """The largest value a numeric type holds (类型上限); infinite for floats and decimals.

    >>> largest(nw.Int32), largest(nw.UInt8), largest(nw.Float64)
    (2147483647.0, 255.0, inf)
    """
    for integer, width in _BITS.items():
        if dtype == integer:
            return float(2**width - 1)
    return math.inf


def whole_numbers(
    frame: nw.DataFrame[Any], column: str, *, minimum: int, cap: int, fill: int
) -> Reading:
    """A column of whole numbers of at least ``minimum`` (整数列), capped at ``cap``, Int64; a
    missing or bad cell reads as ``fill``.

    Integers are taken as they are, floats when they hold a whole number, anything else as text
    (:func:`parse_whole`), one distinct value at a time.

    >>> import pandas as pd
    >>> from safetyrules.bulk.frames import from_frame
    >>> frame = from_frame(pd.DataFrame({"n": [3.0, None, 2.5, 0.0]}))
    >>> n = whole_numbers(frame, "n", minimum=0, cap=10, fill=-1)
    >>> frame.select(n.value.alias("v"), n.bad.alias("b")).rows()
    [(3, False), (-1, False), (-1, True), (0, False)]
    """
    dtype = frame.schema[column]
    cell = nw.col(column)
    empty = cell.is_null()
    if dtype.is_integer() or dtype.is_float():
        good = ~empty & (cell >= minimum)
        if dtype.is_float():
            good = good & cell.is_finite() & (cell == cell.floor())
        # Clip only below the type's own maximum: a cap an Int32 cannot hold is no cap for it.
        clipped = cell.clip(upper_bound=cap) if cap < largest(dtype) else cell
        value = nw.when(good).then(clipped).otherwise(nw.lit(fill))
        return Reading(value.cast(nw.Int64), empty, ~empty & ~good)
    text = as_text(frame, column)
    numbers: dict[str, int] = {}
    blank: list[str] = []
    for value_text in distinct_text(frame, text):
        parsed = parse_whole(value_text, minimum, cap)
        if parsed is BLANK:
            blank.append(value_text)
        elif isinstance(parsed, int):
            numbers[value_text] = parsed
    empty = empty | is_in(text, blank)
    return Reading(lookup_integer(text, numbers, fill), empty, ~empty & ~is_in(text, list(numbers)))


def flags(frame: nw.DataFrame[Any], column: str) -> Reading:
    """A yes/no column (是否列): booleans, or text read by :func:`parse_flag`; a missing cell
    reads as no.

    >>> import polars as pl
    >>> from safetyrules.bulk.frames import from_frame
    >>> frame = from_frame(pl.DataFrame({"met": ["是", "0", None, "也许"]}))
    >>> met = flags(frame, "met")
    >>> frame.select(met.value.alias("v"), met.bad.alias("b")).rows()
    [(True, False), (False, False), (False, False), (False, True)]
    """
    cell = nw.col(column)
    if frame.schema[column] == nw.Boolean:
        return Reading(cell.fill_null(value=False), cell.is_null(), nw.lit(value=False))
    text = as_text(frame, column)
    yes: list[str] = []
    no: list[str] = []
    blank: list[str] = []
    for value_text in distinct_text(frame, text):
        parsed = parse_flag(value_text)
        if parsed is BLANK:
            blank.append(value_text)
        elif parsed is True:
            yes.append(value_text)
        elif parsed is False:
            no.append(value_text)
    empty = cell.is_null() | is_in(text, blank)
    value = is_in(text, yes)
    return Reading(value, empty, ~empty & ~value & ~is_in(text, no))


def read_cells(
    frame: nw.DataFrame[Any],
    column: str,
    read: Callable[[object], object],
    name: str,
    dtype: IntoDType,
) -> nw.DataFrame[Any]:
    """Read a column cell by cell in Python (逐格读取) into a new column ``name``: ``read`` of
    each cell, null where it raises :class:`~safetyrules.errors.InvalidInput`.

    For columns no expression can read (pandas ``object`` cells of mixed types): about a second
    per million cells.

    >>> import pandas as pd
    >>> from safetyrules.bulk.frames import from_frame
    >>> frame = from_frame(pd.DataFrame({"a": pd.Series([1, "2", "x"], dtype=object)}))
    >>> def read(value: object) -> int:
    ...     try:
    ...         return int(str(value))
    ...     except ValueError:
    ...         raise InvalidInput("a", value, "应为整数") from None
    >>> read_cells(frame, "a", read, "n", nw.Float64)["n"].to_list()
    [1.0, 2.0, nan]
    """
    values: list[object] = []
    for cell in frame.get_column(column).to_list():
        try:
            values.append(read(cell))
        except InvalidInput:
            values.append(None)
    return frame.with_columns(nw.new_series(name, values, dtype, backend=frame.implementation))
