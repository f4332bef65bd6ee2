"""One result row per group (按企业、单元分组): the plumbing of the bulk functions whose rows
make up a larger case — an enterprise's self-assessment (:mod:`safetyrules.bulk.scoring`), a
unit's hazardous chemicals (:mod:`safetyrules.bulk.major_hazard`).

* **Codes.** Each row gets the code of its group (:func:`group_codes`): the position of the
  group's first row, so groups come out in the order each first appears, and all rows with a
  missing key make one group. Only these integer codes take part in joins and group-bys; the
  key column, of any type (pyarrow's null type included), is attached by position
  (:func:`first_rows`, :func:`by_code`).
* **Out.** The result has the key column, then the function's result columns, one row per
  group; a pandas result gets a fresh index (``to_frame_like(..., new_rows=True)``). The key
  column may not be named like a result column (:func:`check_key_column`).
* **Problems.** A group is bad when any of its rows or its totals is; its ``problem`` lists the
  first :data:`SHOWN` distinct problems, in the order they were found, and how many there are
  (:func:`group_problems`, :func:`group_problem_column`).
* **Explanations.** ``explain_*`` picks one group by its key (:func:`find_group`).

Not ``min().over(key)``: narwhals 2.29 computes ``over`` on pyarrow through a join whose output
order it does not restore, so on large tables (a few hundred thousand rows) many rows got
another group's value, how many varying from run to run; and pyarrow joins no column of its
null type. ``tests/bulk`` checks that no bulk module calls ``over``, and the codes of a large
pyarrow table.

>>> import pyarrow as pa
>>> from safetyrules.bulk.frames import from_frame
>>> rows = group_codes(from_frame(pa.table({"unit": ["乙", "甲", "乙", None]})), "unit", "row", "code")
>>> rows["code"].to_list()
[0, 1, 0, 3]
>>> first_rows(rows, "row", "code", "unit").rows()
[(0, '乙'), (1, '甲'), (3, None)]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import narwhals as nw

from safetyrules.bulk.frames import PROBLEM_SEPARATOR, missing, problem_column
from safetyrules.errors import InvalidInput

SHOWN = 5
"""How many distinct problems a group's ``problem`` lists before it says how many there are
(列出的问题数)."""


def group_codes(frame: nw.DataFrame[Any], key: str, row: str, code: str) -> nw.DataFrame[Any]:
    """The frame with its row index (``row``) and each row's group code (``code``), both Int64
    (分组编码): the index of the first row with the same ``key``, all missing keys making one
    group; rows in their order.

    A join of the key alone (see the module on ``over``); a key column of only missing values
    (pyarrow's null type, which joins nothing) is one group.

    >>> import polars as pl
    >>> from safetyrules.bulk.frames import from_frame
    >>> frame = from_frame(pl.DataFrame({"enterprise": [7, 3, 7]}))
    >>> group_codes(frame, "enterprise", "row", "code").rows()
    [(0, 7, 0), (1, 3, 1), (2, 7, 0)]
    """
    rows = frame.with_row_index(row).with_columns(nw.col(row).cast(nw.Int64))
    if rows.get_column(key).null_count() == len(rows):
        return rows.with_columns(nw.lit(0, nw.Int64).alias(code))
    keys = rows.select(row, key)
    firsts = keys.group_by(key, drop_null_keys=True).agg(nw.col(row).min().alias(code))
    joined = keys.join(firsts, on=key, how="left").sort(row)
    gap = keys.filter(nw.col(key).is_null()).select(nw.col(row).min()).item()
    if not missing(gap):
        joined = joined.with_columns(nw.col(code).fill_null(int(gap)))
    return rows.with_columns(joined.get_column(code).cast(nw.Int64))


def first_rows(rows: nw.DataFrame[Any], row: str, code: str, key: str) -> nw.DataFrame[Any]:
    """One row per group (各组首行): its code and its key, in code order (the order each
    group first appears).

    >>> import polars as pl
    >>> from safetyrules.bulk.frames import from_frame
    >>> rows = group_codes(from_frame(pl.DataFrame({"e": ["b", "a", "b"]})), "e", "row", "code")
    >>> first_rows(rows, "row", "code", "e").rows()
    [(0, 'b'), (1, 'a')]
    """
    return rows.filter(nw.col(row) == nw.col(code)).select(code, key).sort(code)


def by_code(firsts: nw.DataFrame[Any], code: str, *frames: nw.DataFrame[Any]) -> nw.DataFrame[Any]:
    """``frames`` (each at most one row per group code) joined to the groups of ``firsts``
    (code, key: :func:`first_rows`), in code order, with the key column attached by position
    (按编码汇总): only the integer codes take part in the joins.

    >>> import polars as pl
    >>> from safetyrules.bulk.frames import from_frame
    >>> firsts = from_frame(pl.DataFrame({"code": [0, 2], "e": ["b", "a"]}))
    >>> totals = from_frame(pl.DataFrame({"code": [2, 0], "sum": [5, 9]}))
    >>> by_code(firsts, "code", totals).rows()
    [(0, 9, 'b'), (2, 5, 'a')]
    """
    joined = firsts.select(code)
    for frame in frames:
        joined = joined.join(frame, on=code, how="left")
    return joined.sort(code).with_columns(firsts.get_column(firsts.columns[1]))


def check_key_column(keyword: str, column: str, names: Iterable[str]) -> None:
    """Refuse a key column named like a result column (分组列与结果列重名): the result holds
    the key column beside them.

    >>> check_key_column("unit_column", "s", ["s", "r"])
    Traceback (most recent call last):
    ...
    safetyrules.errors.InvalidInput: unit_column = 's': 与结果列重名，请先改名
    """
    if column in tuple(names):
        raise InvalidInput(keyword, column, "与结果列重名，请先改名")


def summary(messages: Iterable[str]) -> str:
    """A group's problems in one cell (问题汇总): the first :data:`SHOWN` distinct ones joined
    with "；", then how many there are when there are more.

    >>> summary(["a", "b", "a"])
    'a；b'
    >>> summary(str(n) for n in range(7))
    '0；1；2；3；4；等共 7 个问题'
    """
    unique = list(dict.fromkeys(messages))
    text = PROBLEM_SEPARATOR.join(unique[:SHOWN])
    if len(unique) > SHOWN:
        text += f"{PROBLEM_SEPARATOR}等共 {len(unique)} 个问题"
    return text


def group_problems(found: Mapping[int, Sequence[tuple[int, int, str]]]) -> dict[int, str]:
    """Each bad group's ``problem`` (各组问题说明): its problems, each found as (stage,
    position, message), in that order, summarised (:func:`summary`).

    >>> group_problems({3: [(1, 0, "合计超限"), (0, 5, "第 5 行为空")]})
    {3: '第 5 行为空；合计超限'}
    """
    return {
        code: summary(message for *_, message in sorted(problems))
        for code, problems in found.items()
    }


def group_problem_column(
    frame: nw.DataFrame[Any], codes: str, problems: Mapping[int, str]
) -> nw.Series[Any]:
    """The ``problem`` column of a result frame (分组问题说明列), by each row's group code.

    >>> import polars as pl
    >>> from safetyrules.bulk.frames import from_frame
    >>> frame = from_frame(pl.DataFrame({"code": [0, 2, 2]}))
    >>> group_problem_column(frame, "code", {2: "坏"}).to_list()
    [None, '坏', '坏']
    """
    positions = {}
    if problems:
        for position, code in enumerate(frame.get_column(codes).to_list()):
            text = problems.get(int(code))
            if text is not None:
                positions[position] = text
    return problem_column(frame, positions)


def find_group(firsts: nw.DataFrame[Any], wanted: object, *, argument: str, what: str) -> int:
    """The code of the group whose key is ``wanted`` (按键找组), for ``explain_*``; ``firsts``
    is (code, key) as :func:`first_rows` gives it.

    ``what`` names a group in the messages (企业, 单元). A key the frame does not have is an
    :class:`~safetyrules.errors.InvalidInput` on ``argument``; a missing key, when the frame has
    rows without one, is refused as those rows are.

    >>> import polars as pl
    >>> from safetyrules.bulk.frames import from_frame
    >>> firsts = from_frame(pl.DataFrame({"code": [0, 2], "unit": ["乙", "甲"]}))
    >>> find_group(firsts, "甲", argument="unit", what="单元")
    2
    >>> find_group(firsts, "丙", argument="unit", what="单元")
    Traceback (most recent call last):
    ...
    safetyrules.errors.InvalidInput: unit = '丙': 数据框的 unit 列中没有这一单元
    """
    code, key = firsts.columns[:2]
    for found, found_code in zip(
        firsts.get_column(key).to_list(), firsts.get_column(code).to_list(), strict=True
    ):
        if (missing(found) and missing(wanted)) or found == wanted:
            if missing(wanted):
                raise InvalidInput(key, wanted, f"{what}为空：每行须写明所属{what}")
            return int(found_code)
    raise InvalidInput(argument, wanted, f"数据框的 {key} 列中没有这一{what}")
