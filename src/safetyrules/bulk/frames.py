"""The plumbing every bulk function shares (批量计算的数据框约定): frames in and out, column
names, the ``problem`` and ``reasons`` columns, and expressions that stay vectorised.

* **In and out.** A function takes a pandas ``DataFrame``, a polars ``DataFrame``, a
  ``pyarrow.Table`` or a narwhals ``DataFrame`` (:func:`from_frame`) and gives back the same
  kind (:func:`to_frame_like`): the input's columns first, unchanged and in their order, then the
  new ones, with the rows in the input's order. A lazy frame is refused: collect it first.
* **Column names.** The input columns a function reads are named by keywords ending in
  ``_column`` (or a mapping such as ``factors={"L": "可能性"}``), each with a default; ``None``
  says the frame has no such column (:func:`require_columns`). The columns it adds have fixed
  English names. An input that already has one of them is refused (:func:`check_new_columns`),
  never overwritten.
* **Errors.** A bad keyword (an unknown method, a missing column the whole frame needs, a
  date before the rules) raises, as the scalar function does. A bad row does not: its results
  are null and its ``problem`` column says what is wrong, in Chinese, naming the column and the
  value (:func:`cell_problem`: ``列 = 值：原因``, or ``列 为空：原因``); the other rows are
  computed. A few checks can each be an expression, joined by :func:`combine_problems`; with
  many, find the bad rows by a vectorised flag, read only them back (:func:`flagged_rows`) to
  write their messages, and put the messages in place with :func:`problem_column`. ``problem``
  is null on every good row, so filtering on it being null keeps the good rows, and its
  complement is the list of bad rows with their reasons.
* **Explanations.** ``reasons=True`` adds the :data:`REASONS` column after the results
  (:func:`result_names`, :func:`reasons_column`): the scalar path's explanation of each good
  row, computed once per distinct row (:func:`with_row_reasons`); ``explain_*_row`` reads one row
  (:func:`row_values`) and runs the scalar path on it.
* **Lookups.** A value computed once per distinct input (:func:`distinct_text`) is mapped back
  onto the rows by :func:`lookup` (:func:`lookup_integer` for integers); a result chosen by a
  small integer code is taken by position (:func:`decode`); a chain of conditions is one
  :func:`when_chain`.

Reading cells is :mod:`safetyrules.bulk.cells`, dates and the rules in force by period
:mod:`safetyrules.bulk.dates`, integer arithmetic at band edges :mod:`safetyrules.bulk.exact`,
and one result row per enterprise or unit :mod:`safetyrules.bulk.groups`.

narwhals is imported here, when ``safetyrules.bulk`` is first imported, never by ``import
safetyrules``; without it the import error says what to install.

>>> import polars as pl
>>> frame = from_frame(pl.DataFrame({"a": [1, None]}))
>>> bad = flagged_rows(frame, nw.col("a").is_null(), {"a": nw.col("a")})
>>> problems = {position: cell_problem("a", None, "须填写") for position, _ in bad}
>>> result = frame.with_columns(problem_column(frame, problems))
>>> to_frame_like(result, pl.DataFrame())["problem"].to_list()
[None, 'a 为空：须填写']
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
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

REASONS = "reasons"
"""The explanation column ``reasons=True`` adds after the result columns (评价依据): the
scalar path's explanation of each good row, null on a bad one."""

_GATHERING = (nw.Implementation.POLARS, nw.Implementation.PYARROW)
"""The backends where :func:`decode` takes values by position."""

_MISSING_TYPES = ("NaTType", "NAType")
"""pandas' own missing values, recognised by name so that pandas need not be imported."""


# ---- frames in and out ------------------------------------------------------------------------


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


def to_frame_like(result: nw.DataFrame[Any], original: object, *, new_rows: bool = False) -> Any:
    """The result in the input's kind (返回同类数据框): native for a native input, narwhals for
    a narwhals one.

    ``new_rows=True`` is for a result whose rows are not the input's (one row per enterprise
    or unit): a pandas result then gets a fresh default index instead of positions taken from
    the computation.

    >>> import pandas as pd
    >>> type(to_frame_like(from_frame(pd.DataFrame({"a": [1]})), pd.DataFrame())).__name__
    'DataFrame'
    >>> grouped = from_frame(pd.DataFrame({"a": [1, 2]}, index=[5, 3]))
    >>> list(to_frame_like(grouped, pd.DataFrame(), new_rows=True).index)
    [0, 1]
    """
    if isinstance(original, nw.DataFrame):
        return result
    native = result.to_native()
    if new_rows and result.implementation.is_pandas_like():
        return native.reset_index(drop=True)
    return native


# ---- column names -----------------------------------------------------------------------------


def require_columns(frame: nw.DataFrame[Any], columns: Mapping[str, str | None]) -> None:
    """Check that the frame has the columns the whole computation needs (必需列).

    ``columns`` maps the keyword that named a column to the name, in the order to check them;
    a keyword given ``None`` names no column and is skipped. A missing column is an
    :class:`~safetyrules.errors.InvalidInput` naming the keyword, the column and the columns
    the frame has.

    >>> import polars as pl
    >>> frame = from_frame(pl.DataFrame({"L": [1]}))
    >>> require_columns(frame, {"direct_column": None, "method_column": "method"})
    Traceback (most recent call last):
    ...
    safetyrules.errors.InvalidInput: method_column = 'method': 数据框中没有该列（现有列：L）
    """
    present = set(frame.columns)
    for keyword, name in columns.items():
        if name is not None and name not in present:
            raise InvalidInput(
                keyword, name, f"数据框中没有该列（现有列：{'、'.join(frame.columns)}）"
            )


def result_names(columns: Iterable[str], reasons: bool) -> tuple[str, ...]:
    """The columns a call adds (结果列): the function's result columns, then :data:`REASONS`
    when ``reasons=True``.

    >>> result_names(("grade", PROBLEM), reasons=True)
    ('grade', 'problem', 'reasons')
    """
    return (*columns, *([REASONS] if reasons else []))


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


# ---- types ------------------------------------------------------------------------------------


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


def holds_objects(frame: nw.DataFrame[Any], column: str) -> bool:
    """Whether a column holds Python objects other than text (对象列): an ``Object`` column, or
    a pandas ``object`` column with a value that is not a ``str``.

    narwhals reports the type of a pandas ``object`` column from its first cells, so a column
    whose first hundred cells are missing may be reported as String whatever follows; this
    looks at the whole column (pandas' ``infer_dtype``, in C). Such a column is read value by
    value, or cast to text, never taken as it is.

    >>> import pandas as pd
    >>> frame = from_frame(pd.DataFrame({"a": pd.Series([None] * 150 + [True], dtype=object)}))
    >>> frame.schema["a"], holds_objects(frame, "a")
    (String, True)
    >>> holds_objects(from_frame(pd.DataFrame({"a": pd.Series(["x", None], dtype=object)})), "a")
    False
    """
    if frame.schema[column] == nw.Object:
        return True
    if not frame.implementation.is_pandas_like():
        return False
    series = frame.get_column(column).to_native()
    if str(series.dtype) != "object":
        return False
    if frame.implementation is not nw.Implementation.PANDAS:
        return True  # modin, cuDF: not looked into, so taken as objects (cast or read one by one)
    # pandas is there (the frame is pandas); imported by name, so that its stubs are not needed.
    types = importlib.import_module("pandas.api.types")
    return types.infer_dtype(series, skipna=True) not in ("string", "empty")


def as_text(frame: nw.DataFrame[Any], column: str) -> nw.Expr:
    """A column as text (文本列), null where the cell is missing, whatever its type.

    Text stays as it is; numbers, decimals, booleans and objects are cast, so a message can
    show a bad value and a lookup can compare text. A pandas ``object`` column is cast unless
    every value in it is text (:func:`holds_objects`), whatever narwhals reports from its first
    cells.

    >>> import pandas as pd, polars as pl
    >>> frame = from_frame(pl.DataFrame({"a": [1, None]}))
    >>> frame.select(as_text(frame, "a"))["a"].to_list()
    ['1', None]
    >>> late = from_frame(pd.DataFrame({"a": pd.Series([None] * 150 + [True, 2], dtype=object)}))
    >>> late.select(as_text(late, "a"))["a"].to_list()[-2:]
    ['True', '2']
    """
    if frame.schema[column] == nw.String and not holds_objects(frame, column):
        return nw.col(column)
    return nw.col(column).cast(nw.String)


# ---- lookups and expressions ------------------------------------------------------------------


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


def lookup_integer(
    expression: nw.Expr, table: Mapping[Any, int] | Sequence[int], default: int
) -> nw.Expr:
    """Integers below 2**53 looked up (查整数), ``default`` where the table has no entry or the
    value is missing; never null, always Int64. A sequence is a table by position (code ``i``
    gives ``table[i]``).

    The lookup returns Float64, exact for such integers, and is then cast: pandas cannot put a
    missing value in an Int64 lookup.

    >>> import pandas as pd
    >>> frame = from_frame(pd.DataFrame({"a": ["x", "y", None]}))
    >>> frame.select(lookup_integer(nw.col("a"), {"x": 7}, -1))["a"].to_list()
    [7, -1, -1]
    >>> codes = from_frame(pd.DataFrame({"code": [1, 0, 5]}))
    >>> codes.select(lookup_integer(nw.col("code"), [10, 20], 0))["code"].to_list()
    [20, 10, 0]
    """
    found = dict(enumerate(table)) if isinstance(table, Sequence) else table
    if not found:
        return nw.lit(default, nw.Int64)
    return lookup(expression, found, nw.Float64).fill_null(default).cast(nw.Int64)


def is_in(expression: nw.Expr, values: Sequence[Any]) -> nw.Expr:
    """Whether each value is one of ``values`` (属于), false where it is missing; false for an
    empty list too (pyarrow cannot test membership of an empty set of its null type).

    >>> import pyarrow as pa
    >>> frame = from_frame(pa.table({"a": ["x", "y", None]}))
    >>> frame.with_columns(is_in(nw.col("a"), ["x"]).alias("in"))["in"].to_list()
    [True, False, False]
    >>> frame.with_columns(is_in(nw.col("a"), []).alias("in"))["in"].to_list()
    [False, False, False]
    """
    if not values:
        return nw.lit(value=False)
    return expression.is_in(list(values)).fill_null(value=False)


def when_chain(branches: Sequence[tuple[nw.Expr | None, nw.Expr]], dtype: IntoDType) -> nw.Expr:
    """One when/then chain from (condition, value) branches (条件链): the first branch that
    holds gives the value; a branch without a condition is the ``otherwise`` and ends the
    chain; null where no branch holds, and for no branches at all.

    >>> import polars as pl
    >>> frame = from_frame(pl.DataFrame({"a": [1, 5, 9]}))
    >>> a = nw.col("a")
    >>> chain = when_chain([(a < 3, nw.lit("低")), (a < 6, nw.lit("中"))], nw.String)
    >>> frame.select(chain.alias("a"))["a"].to_list()
    ['低', '中', None]
    """
    if not branches:
        return nw.lit(None, dtype)
    first_condition, first_value = branches[0]
    if first_condition is None:
        return first_value
    chain: Any = nw.when(first_condition).then(first_value)
    for condition, value in branches[1:]:
        if condition is None:
            return chain.otherwise(value)  # type: ignore[no-any-return]
        chain = chain.when(condition).then(value)
    return chain  # type: ignore[no-any-return]


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


# ---- problems ---------------------------------------------------------------------------------


def cell_problem(column: str, value: object, message: str) -> str:
    """What is wrong with a cell, as the ``problem`` column says it (单元格问题说明): ``列 = 值：
    原因``, or ``列 为空：原因`` for a missing value (``None``).

    Every bulk function writes its problems this way, so a reader can find the cell.

    >>> cell_problem("L", 7, "只能取 1、2、3、4、5"), cell_problem("L", None, "须填写")
    ('L = 7：只能取 1、2、3、4、5', 'L 为空：须填写')
    """
    if value is None:
        return f"{column} 为空：{message}"
    return f"{column} = {value}：{message}"


def error_problem(error: InvalidInput) -> str:
    """A cell reader's :class:`~safetyrules.errors.InvalidInput` as a problem (读取错误的问题
    说明): its field is the column, its value the cell (:func:`cell_problem`).

    >>> error_problem(InvalidInput("deaths", -1, "人数不能为负数"))
    'deaths = -1：人数不能为负数'
    """
    return cell_problem(error.field, error.value, error.message)


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
    a missing value (pandas' NaN, NaT and NA included) as ``None``.

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


# ---- explanations -----------------------------------------------------------------------------


def row_values(frame: nw.DataFrame[Any], row: int) -> dict[str, Any]:
    """One row of the frame by position (按行号取一行), as a dict of its cells as the frame
    holds them; a row number out of range is an :class:`~safetyrules.errors.InvalidInput`.

    >>> import polars as pl
    >>> frame = from_frame(pl.DataFrame({"L": [4, 9], "S": [5, 1]}))
    >>> row_values(frame, 1)
    {'L': 9, 'S': 1}
    >>> row_values(frame, 2)
    Traceback (most recent call last):
    ...
    safetyrules.errors.InvalidInput: row = 2: 应为 0 到 1 之间的行号
    """
    if isinstance(row, bool) or not isinstance(row, int) or not 0 <= row < len(frame):
        raise InvalidInput("row", row, f"应为 0 到 {len(frame) - 1} 之间的行号")
    return dict(zip(frame.columns, frame.row(row), strict=True))


def with_row_reasons(
    frame: nw.DataFrame[Any],
    columns: Sequence[str],
    explain: Callable[[Mapping[str, Any]], str],
) -> nw.DataFrame[Any]:
    """The frame with the :data:`REASONS` column (逐行评价依据): the explanation of every good
    row, computed once per distinct row.

    ``frame`` has the ``problem`` column; a row whose problem is null is explained by
    ``explain`` (the scalar path, given the row's cells), once for each distinct combination
    of ``columns`` (the input columns the answer depends on); a bad row has none.

    >>> import polars as pl
    >>> frame = from_frame(pl.DataFrame({"a": [1, 1, 2], "problem": [None, None, "坏"]}))
    >>> calls = []
    >>> explained = with_row_reasons(
    ...     frame, ["a"], lambda row: calls.append(row["a"]) or f"a 是 {row['a']}"
    ... )
    >>> explained[REASONS].to_list(), calls
    (['a 是 1', 'a 是 1', None], [1])
    """
    texts: list[str | None] = []
    memo: dict[tuple[object, ...], str] = {}
    problems = frame.get_column(PROBLEM).to_list()
    for values, problem in zip(frame.iter_rows(named=True), problems, strict=True):
        if not missing(problem):
            texts.append(None)
            continue
        key = tuple(hashable(values[column]) for column in columns)
        if key not in memo:
            memo[key] = explain(values)
        texts.append(memo[key])
    return frame.with_columns(reasons_column(frame, texts))


def reasons_column(frame: nw.DataFrame[Any], texts: Sequence[str | None]) -> nw.Series[Any]:
    """The :data:`REASONS` column (评价依据列) from one text per row (None on a bad row).

    >>> import polars as pl
    >>> frame = from_frame(pl.DataFrame({"a": [1, 2]}))
    >>> frame.with_columns(reasons_column(frame, ["依据", None])).columns
    ['a', 'reasons']
    """
    return nw.new_series(REASONS, list(texts), nw.String, backend=frame.implementation)


# ---- cells as Python reads them ---------------------------------------------------------------


def missing(value: object) -> bool:
    """Whether a cell read from a frame is missing (缺失值): None, NaN (pandas' missing value
    in a float column), or pandas' NaT and NA.

    >>> missing(None), missing(float("nan")), missing(0), missing("")
    (True, True, False, False)
    >>> import pandas as pd
    >>> missing(pd.NaT), missing(pd.NA)
    (True, True)
    """
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return type(value).__name__ in _MISSING_TYPES


def hashable(value: object) -> object:
    """A key for a cell (单元格的键), to remember an answer per distinct value: its type with
    the value, so that ``1``, ``1.0`` and ``True`` (equal in Python) stay apart; a list as a
    tuple; anything else unhashable as its ``repr``.

    >>> hashable(1) == hashable(True), hashable(["a", "b"]), hashable("a")
    (False, ('a', 'b'), 'a')
    """
    if value is None or isinstance(value, str):
        return value
    try:
        hash(value)
    except TypeError:
        if isinstance(value, Iterable) and not isinstance(value, Mapping):
            return tuple(hashable(item) for item in value)
        return repr(value)
    return (type(value), value)
