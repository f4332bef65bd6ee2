"""The plumbing every bulk function shares (批量计算的数据框约定): frames in and out, column
names, the ``problem`` column, and lookups that stay vectorised.

* **In and out.** A function takes a pandas ``DataFrame``, a polars ``DataFrame``, a
  ``pyarrow.Table`` or a narwhals ``DataFrame`` (:func:`from_frame`) and gives back the same
  kind (:func:`to_frame_like`): the input's columns first, unchanged and in their order, then the
  new ones, with the rows in the input's order. A lazy frame is refused: collect it first.
* **Column names.** The input columns a function reads are named by keywords ending in
  ``_column`` (or a mapping such as ``factors={"L": "可能性"}``), each with a default; the
  columns it adds have fixed English names. An input that already has one of them is refused
  (:func:`check_new_columns`), never overwritten.
* **Errors.** A bad keyword (an unknown method, a missing column the whole frame needs, a
  date before the rules) raises, as the scalar function does. A bad row does not: its results
  are null and its ``problem`` column says what is wrong, in Chinese, naming the column and the
  value; the other rows are computed. A few checks can each be an expression, joined by
  :func:`combine_problems`; with many, find the bad rows by a vectorised flag, read only them
  back (:func:`flagged_rows`) to write their messages, and put the messages in place with
  :func:`problem_column`. ``problem`` is null on every good row, so filtering on it being null
  keeps the good rows, and its complement is the list of bad rows with their reasons.
* **Lookups.** A value computed once per distinct input (:func:`distinct_text`) is mapped back
  onto the rows by :func:`lookup`; a result chosen by a small integer code is taken by position
  (:func:`decode`).

narwhals is imported here, when ``safetyrules.bulk`` is first imported, never by ``import
safetyrules``; without it the import error says what to install.

>>> import polars as pl
>>> frame = from_frame(pl.DataFrame({"a": [1, None]}))
>>> bad = flagged_rows(frame, nw.col("a").is_null(), {"a": nw.col("a")})
>>> problems = {position: "a 为空" for position, _ in bad}
>>> result = frame.with_columns(problem_column(frame, problems))
>>> to_frame_like(result, pl.DataFrame())["problem"].to_list()
[None, 'a 为空']
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from safetyrules.errors import InvalidInput

try:
    import narwhals as nw
    from narwhals.typing import IntoDType
except ImportError as error:  # pragma: no cover - the extra is installed in development
    raise ImportError(
        "批量计算需要 narwhals，请安装：pip install 'safetyrules[dataframes]'"
    ) from error

PROBLEM = "problem"
"""The column that says why a row could not be computed (问题说明), null on good rows."""

PROBLEM_SEPARATOR = "；"
"""Joins several problems of one row (多个问题之间的分隔符)."""

_GATHERING = (nw.Implementation.POLARS, nw.Implementation.PYARROW)
"""The backends where :func:`decode` takes values by position."""


def from_frame(frame: object, *, argument: str = "frame") -> nw.DataFrame[Any]:
    """The input as a narwhals DataFrame (读取数据框): pandas, polars, pyarrow or narwhals.

    Anything else, a lazy frame included, is an :class:`~safetyrules.errors.InvalidInput`
    naming the argument.

    >>> import pyarrow as pa
    >>> from_frame(pa.table({"L": [3]})).columns
    ['L']
    >>> from_frame([1, 2])
    Traceback (most recent call last):
    ...
    safetyrules.errors.InvalidInput: frame = 'list': 应为 pandas、polars 或 pyarrow 的数据框（LazyFrame 请先 collect()）
    """
    if isinstance(frame, nw.DataFrame):
        return frame
    try:
        return nw.from_native(frame, eager_only=True)
    except TypeError:
        raise InvalidInput(
            argument,
            type(frame).__name__,
            "应为 pandas、polars 或 pyarrow 的数据框（LazyFrame 请先 collect()）",
        ) from None


def to_frame_like(result: nw.DataFrame[Any], original: object) -> Any:
    """The result in the input's kind (返回同类数据框): native for a native input, narwhals for
    a narwhals one.

    >>> import pandas as pd
    >>> type(to_frame_like(from_frame(pd.DataFrame({"a": [1]})), pd.DataFrame())).__name__
    'DataFrame'
    """
    if isinstance(original, nw.DataFrame):
        return result
    return result.to_native()


def require_columns(frame: nw.DataFrame[Any], columns: Mapping[str, str]) -> None:
    """Check that the frame has the columns the whole computation needs (必需列).

    ``columns`` maps the keyword that named a column to the name; a missing one is an
    :class:`~safetyrules.errors.InvalidInput` naming the keyword, the column and the columns
    the frame has.

    >>> import polars as pl
    >>> require_columns(from_frame(pl.DataFrame({"L": [1]})), {"method_column": "method"})
    Traceback (most recent call last):
    ...
    safetyrules.errors.InvalidInput: method_column = 'method': 数据框中没有该列（现有列：L）
    """
    present = set(frame.columns)
    for keyword, name in columns.items():
        if name not in present:
            raise InvalidInput(
                keyword, name, f"数据框中没有该列（现有列：{'、'.join(frame.columns)}）"
            )


def check_new_columns(frame: nw.DataFrame[Any], names: Iterable[str]) -> None:
    """Refuse an input that already has a column the function adds (结果列重名).

    >>> import polars as pl
    >>> check_new_columns(from_frame(pl.DataFrame({"score": [1]})), ["score", "level"])
    Traceback (most recent call last):
    ...
    safetyrules.errors.InvalidInput: frame = ['score']: 输入已有结果列，请先改名或删除这些列
    """
    clashes = [name for name in names if name in frame.columns]
    if clashes:
        raise InvalidInput("frame", clashes, "输入已有结果列，请先改名或删除这些列")


def temporary_names(frame: nw.DataFrame[Any], count: int) -> list[str]:
    """Names for working columns that clash with no column of the frame (临时列名).

    >>> import polars as pl
    >>> len(set(temporary_names(from_frame(pl.DataFrame({"a": [1]})), 3)))
    3
    """
    taken = set(frame.columns)
    names: list[str] = []
    index = 0
    while len(names) < count:
        name = f"__safetyrules_{index}"
        if name not in taken:
            names.append(name)
        index += 1
    return names


def integer_dtype(frame: nw.DataFrame[Any]) -> IntoDType:
    """The type that holds exact integers beside missing values (整数列类型): Int64, except in
    pandas, whose NumPy integers have no missing value: there a column of integers with a gap
    is float64, exact for every integer below 2**53.

    >>> import pandas as pd, polars as pl
    >>> integer_dtype(from_frame(pl.DataFrame())), integer_dtype(from_frame(pd.DataFrame()))
    (Int64, Float64)
    """
    if frame.implementation.is_pandas_like():
        return nw.Float64
    return nw.Int64


def code_dtype(frame: nw.DataFrame[Any]) -> IntoDType:
    """The type of a column of small integer codes that :func:`decode` reads (编码列类型):
    UInt32, polars' own index type, where codes are taken by position (polars, pyarrow);
    otherwise :func:`integer_dtype`.

    >>> import polars as pl
    >>> code_dtype(from_frame(pl.DataFrame()))
    UInt32
    """
    if frame.implementation in _GATHERING:
        return nw.UInt32
    return integer_dtype(frame)


def as_text(frame: nw.DataFrame[Any], column: str) -> nw.Expr:
    """A column as text (文本列), null where the cell is missing, whatever its type.

    Text stays as it is; numbers, decimals, booleans and objects are cast, so a message can
    show a bad value and a lookup can compare text.

    >>> import polars as pl
    >>> frame = from_frame(pl.DataFrame({"a": [1, None]}))
    >>> frame.select(as_text(frame, "a"))["a"].to_list()
    ['1', None]
    """
    if frame.schema[column] == nw.String:
        return nw.col(column)
    return nw.col(column).cast(nw.String)


def distinct_text(frame: nw.DataFrame[Any], expression: nw.Expr) -> list[str]:
    """The distinct non-missing values of a text expression (不同取值), in no set order.

    Computing once per distinct value and then looking the answers up (:func:`lookup`) keeps a
    per-value Python check off the rows: a column of a million cells typically holds a few
    dozen distinct texts.

    >>> import polars as pl
    >>> frame = from_frame(pl.DataFrame({"a": ["x", "y", "x", None]}))
    >>> sorted(distinct_text(frame, nw.col("a")))
    ['x', 'y']
    """
    values = frame.select(expression.alias("value")).get_column("value")
    return [str(value) for value in values.drop_nulls().unique().to_list()]


def lookup(expression: nw.Expr, table: Mapping[Any, Any], dtype: IntoDType) -> nw.Expr:
    """Map values through a table, null for any value the table lacks (查表), vectorised.

    >>> import polars as pl
    >>> frame = from_frame(pl.DataFrame({"a": [1, 2, 3]}))
    >>> frame.select(lookup(nw.col("a"), {1: "一", 3: "三"}, nw.String))["a"].to_list()
    ['一', None, '三']
    """
    if not table:
        return nw.lit(None, dtype)
    return expression.replace_strict(
        list(table), list(table.values()), default=None, return_dtype=dtype
    )


def decode(
    frame: nw.DataFrame[Any], codes: str, values: Sequence[str | None]
) -> nw.Series[Any] | nw.Expr:
    """Text looked up by a code column (按编码取值): code ``i`` gives ``values[i]``, a missing
    code or a ``None`` value gives null.

    polars and pyarrow gather the values by position, several times faster than a hash
    lookup (fastest with codes of :func:`code_dtype`); other backends use :func:`lookup`. Add
    the result with ``with_columns`` and name it with ``alias``.

    >>> import polars as pl
    >>> frame = from_frame(pl.DataFrame({"code": [1, None, 0]}))
    >>> frame.with_columns(decode(frame, "code", ["低", "高"]).alias("text"))["text"].to_list()
    ['高', None, '低']
    """
    if frame.implementation in _GATHERING:
        positions = frame.get_column(codes)
        if positions.null_count() == len(positions):  # polars cannot gather by nulls alone
            return nw.lit(None, nw.String)
        table = nw.new_series("", list(values), nw.String, backend=frame.implementation)
        return table[positions]
    return lookup(nw.col(codes), dict(enumerate(values)), nw.String)


def combine_problems(messages: Sequence[nw.Expr]) -> nw.Expr:
    """One ``problem`` cell from several checks (问题说明): each check is a text expression,
    null when the row passes it; the failed ones are joined with "；", and a row that passes
    them all is null.

    Every check is evaluated on every row: simple, and fine for a handful of checks. With
    many checks, or on pandas where each expression has a fixed cost, find the bad rows by a
    flag and explain only them (:func:`flagged_rows`, :func:`problem_column`).

    >>> import polars as pl
    >>> frame = from_frame(pl.DataFrame({"a": [None, 1]}))
    >>> checks = [nw.when(nw.col("a").is_null()).then(nw.lit("缺少 a")),
    ...           nw.when(nw.col("a").is_null()).then(nw.lit("无法计算"))]
    >>> frame.select(combine_problems(checks).alias("problem"))["problem"].to_list()
    ['缺少 a；无法计算', None]
    """
    if not messages:
        return nw.lit(None, nw.String)
    if len(messages) == 1:
        return messages[0].cast(nw.String)
    joined = nw.concat_str(list(messages), separator=PROBLEM_SEPARATOR, ignore_nulls=True)
    # Joining only nulls gives "" in some backends and null in others: null in all.
    return nw.when(joined != "").then(joined)


def flagged_rows(
    frame: nw.DataFrame[Any], flag: nw.Expr, columns: Mapping[str, nw.Expr]
) -> list[tuple[int, dict[str, Any]]]:
    """The rows where ``flag`` holds (待说明的行), as (position, values) pairs: the position
    counts from 0 in the frame's order, and the values are ``columns`` evaluated on the row,
    a missing value (pandas' NaN included) as ``None``.

    Use it to write a message for each bad row in Python once the bad rows are found by a
    vectorised flag; a frame without bad rows costs one filter.

    >>> import polars as pl
    >>> frame = from_frame(pl.DataFrame({"a": [1, None, 3]}))
    >>> flagged_rows(frame, nw.col("a").is_null() | (nw.col("a") > 2), {"a": nw.col("a")})
    [(1, {'a': None}), (2, {'a': 3})]
    """
    if not frame.select(flag.any()).item():
        return []
    index = temporary_names(frame, 1)[0]
    subset = (
        frame.with_row_index(index)
        .filter(flag)
        .select(nw.col(index), *(expression.alias(name) for name, expression in columns.items()))
    )
    return [
        (int(row.pop(index)), {name: None if missing(v) else v for name, v in row.items()})
        for row in subset.iter_rows(named=True)
    ]


def problem_column(frame: nw.DataFrame[Any], problems: Mapping[int, str]) -> nw.Series[Any]:
    """The ``problem`` column (问题说明列): null on every row but those given by position.

    >>> import polars as pl
    >>> frame = from_frame(pl.DataFrame({"a": [1, 2, 3]}))
    >>> problem_column(frame, {1: "a = 2：不可用"}).to_list()
    [None, 'a = 2：不可用', None]
    """
    nulls = frame.with_columns(nw.lit(None, nw.String).alias(PROBLEM)).get_column(PROBLEM)
    if not problems:
        return nulls
    backend = frame.implementation
    positions = nw.new_series("", list(problems), nw.Int64, backend=backend)
    texts = nw.new_series("", list(problems.values()), nw.String, backend=backend)
    return nulls.scatter(positions, texts)


def missing(value: object) -> bool:
    """Whether a cell read from a frame is missing (缺失值): None, or NaN (pandas' missing value).

    >>> missing(None), missing(float("nan")), missing(0), missing("")
    (True, True, False, False)
    """
    return value is None or (isinstance(value, float) and math.isnan(value))
