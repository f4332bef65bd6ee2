"""What the bulk tests share: the backends a frame is built in, and a result read back as rows.

A property test of a bulk function builds a whole frame per hypothesis example, so an example
costs one bulk call (about 0.1 s, most of it fixed whatever the rows) plus a scalar call per
row. Those tests draw tables of up to :data:`MAX_ROWS` rows and run :data:`FRAME_EXAMPLES`
examples, set on each test whatever the profile: some 600 to 1,100 rows per test, as many as
the ``dev`` profile's 100 examples of up to a dozen rows drew, in far less time. The
``ci`` profile's 300 examples would have tripled the time of the whole bulk suite for rows
that a larger table covers anyway; the per-frame choices (backend, column kinds, keywords)
are drawn afresh for each of the examples.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import narwhals as nw
import pandas as pd
import polars as pl
import pyarrow as pa

BACKENDS: dict[str, Callable[[dict[str, list[Any]]], Any]] = {
    "polars": lambda data: pl.DataFrame(data, strict=False),
    "pandas": pd.DataFrame,
    "pyarrow": pa.table,
}
"""Each backend's frame from a dict of columns."""

MAX_ROWS = 100
"""The most rows a drawn table has (about; a table of units or enterprises counts theirs)."""

FRAME_EXAMPLES = 20
"""Examples of a property test that builds a whole frame per example (see the module): the
bulk suite runs in well under a minute under the ``ci`` profile."""


def plain(value: object) -> object:
    """A cell as read back: pandas' NaN, NaT and NA as None."""
    if isinstance(value, float) and math.isnan(value):
        return None
    if type(value).__name__ in ("NaTType", "NAType"):
        return None
    return value


def rows_of(frame: Any) -> list[dict[str, Any]]:
    """The frame's rows as dicts, missing values as None."""
    rows = nw.from_native(frame, eager_only=True).rows(named=True)
    return [{key: plain(value) for key, value in row.items()} for row in rows]
