"""Tests of the plumbing the bulk functions share (safetyrules.bulk.frames, .groups, .cells).

The shared helpers have doctests of their own; these tests pin what every bulk function relies
on across backends: a pandas ``object`` column is read by what it holds, not by what narwhals
reports from its first cells; group codes keep each row with its group on pyarrow at any size,
and no module computes them with ``over``; ``import safetyrules`` loads no bulk module.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import narwhals as nw
import pandas as pd
import pyarrow as pa
import pytest

import safetyrules.bulk
from safetyrules.bulk import (
    PROBLEM,
    assess_units,
    classify_accidents,
    grade_risks,
    score_assessments,
    statutory_ranges,
)
from safetyrules.bulk.frames import as_text, from_frame, hashable, holds_objects, missing
from safetyrules.bulk.groups import first_rows, group_codes
from safetyrules.scoring import load_standard
from tests.bulk.support import BACKENDS, rows_of

EMPTY_HEAD = 150
"""More leading empty cells than narwhals looks at to tell the type of an ``object`` column."""


def late(values: list[Any]) -> pd.Series:
    """A pandas ``object`` column whose values come after :data:`EMPTY_HEAD` empty cells."""
    return pd.Series([None] * EMPTY_HEAD + values, dtype=object)


# ---- as_text: an object column by what it holds --------------------------------------------


def test_an_object_column_reported_as_text_is_cast_by_what_it_holds() -> None:
    frame = from_frame(pd.DataFrame({"a": late([True, 2, Decimal("1.50"), "x", None])}))
    assert frame.schema["a"] == nw.String  # what narwhals reports from the first cells
    assert holds_objects(frame, "a")
    texts = frame.select(as_text(frame, "a")).get_column("a").to_list()
    assert texts[EMPTY_HEAD:-1] == ["True", "2", "1.50", "x"]
    assert all(missing(value) for value in [*texts[:EMPTY_HEAD], texts[-1]])


@pytest.mark.parametrize("backend", sorted(BACKENDS))
def test_text_columns_are_taken_as_they_are(backend: str) -> None:
    frame = from_frame(BACKENDS[backend]({"a": ["x", None, "y"]}))
    assert not holds_objects(frame, "a")
    assert frame.select(as_text(frame, "a")).get_column("a").to_list()[::2] == ["x", "y"]
    objects = from_frame(pd.DataFrame({"a": pd.Series(["x", None, "y"], dtype=object)}))
    assert not holds_objects(objects, "a")  # text in an object column is text


def test_every_module_reads_late_values_of_an_object_column() -> None:
    # Before the shared fix, each of these rows was a bad row (the cell, 3 or a date, was
    # compared with text) with a problem that named a good value.
    risk = grade_risks(pd.DataFrame({"L": late([3]), "S": [1] * (EMPTY_HEAD + 1)}), method="LS")
    assert risk["level"].iloc[-1] == "低风险"
    assert pd.isna(risk[PROBLEM].iloc[-1])
    accidents = classify_accidents(
        pd.DataFrame({"deaths": late([3]), "occurred_on": late([pd.Timestamp("2024-01-01")])}),
        serious_injuries_column=None,
        direct_economic_loss_column=None,
    )
    assert accidents["grade"].iloc[-1] == "较大事故"
    # A float amount late in an object column is still refused, as the scalar refuses it.
    loss = classify_accidents(
        pd.DataFrame({"direct_economic_loss": late([1.5])}),
        deaths_column=None,
        serious_injuries_column=None,
        occurred_on_column=None,
    )
    assert loss[PROBLEM].iloc[-1].endswith("不接受浮点数）")
    findings = pd.DataFrame(
        {
            "violation": ["warning-signs-missing"] * (EMPTY_HEAD + 1),
            "occurred_on": late([date(2023, 1, 1)]),
        }
    )
    assert statutory_ranges(findings)["law"].iloc[-1] == "work-safety-law-2021"
    units = pd.DataFrame(
        {
            "unit": [f"U{n}" for n in range(EMPTY_HEAD + 1)],
            "substance": ["氨"] * (EMPTY_HEAD + 1),
            "quantity": ["10"] * (EMPTY_HEAD + 1),
            "population": late([100]),
        }
    )
    assert assess_units(units, population_column="population")["alpha"].iloc[-1] == 2.0
    # 5.1.1-1 rule b (每缺一项扣1分) × 2, on the last of the general standard's 110 rows.
    standard = load_standard("general-gbt-33000-2016")
    items = [item.id for item in standard.items[1:]] + [standard.items[0].id]
    results = pd.DataFrame(
        {
            "enterprise": ["甲"] * len(items),
            "item": items,
            "rule": [None] * (len(items) - 1) + ["b"],
            "count": pd.Series([None] * (len(items) - 1) + [2], dtype=object),
        }
    )
    assert from_frame(results).schema["count"] == nw.String
    assert score_assessments(results, standard)["score"].tolist() == [99.8]


# ---- cells as Python reads them --------------------------------------------------------------


def test_pandas_missing_values_are_missing() -> None:
    assert all(missing(value) for value in (None, float("nan"), pd.NaT, pd.NA))
    assert not any(missing(value) for value in (0, "", False, Decimal("NaN")))


def test_keys_keep_equal_values_of_other_types_apart() -> None:
    assert len({hashable(1), hashable(1.0), hashable(True), hashable(Decimal(1))}) == 4
    assert hashable([["a"], "b"]) == (("a",), "b")


# ---- groups: codes by joins, never over() -------------------------------------------------------


def test_group_codes_keep_every_row_with_its_group_on_a_large_pyarrow_table() -> None:
    # narwhals 2.29 computes over() on pyarrow through a join whose output order it does not
    # restore: on tables like this one, min().over() gave a large share of the rows (how many
    # varies from run to run: pyarrow joins on several threads) another group's value.
    size = 200_000
    keys = [None if n % 997 == 0 else n % 5003 for n in range(size)]
    frame = from_frame(pa.table({"key": keys}))
    rows = group_codes(frame, "key", "row", "code")
    codes = rows.get_column("code").to_list()
    first: dict[object, int] = {}
    for position, key in enumerate(keys):
        first.setdefault(key, position)
    assert codes == [first[key] for key in keys]
    assert first_rows(rows, "row", "code", "key").get_column("code").to_list() == sorted(
        first.values()
    )


def test_no_bulk_module_calls_over() -> None:
    # over() gives wrong rows on pyarrow (see above): a module that needs a window must join.
    package = Path(safetyrules.bulk.__file__).parent
    calls = [
        f"{path.name}:{node.lineno}"
        for path in sorted(package.glob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "over"
    ]
    assert calls == []


# ---- loading ----------------------------------------------------------------------------------


def test_import_safetyrules_loads_neither_narwhals_nor_bulk() -> None:
    code = (
        "import sys, safetyrules; "
        "print(sorted(m for m in sys.modules if m.startswith(('narwhals', 'safetyrules.bulk'))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_every_public_name_loads_and_only_its_module() -> None:
    code = (
        "import sys, safetyrules.bulk as bulk; bulk.grade_risks; "
        "print(sorted(m for m in sys.modules if m.startswith('safetyrules.bulk.')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    loaded = result.stdout.strip()
    assert "safetyrules.bulk.risk" in loaded
    assert "safetyrules.bulk.penalties" not in loaded
    for name in safetyrules.bulk.__all__:
        assert getattr(safetyrules.bulk, name) is not None, name
    assert set(safetyrules.bulk.__all__) <= set(dir(safetyrules.bulk))
    with pytest.raises(AttributeError, match="no_such_name"):
        _ = safetyrules.bulk.no_such_name  # type: ignore[attr-defined]


def test_rows_of_reads_missing_values_as_none() -> None:
    frame = pd.DataFrame({"a": [1.0, None], "b": pd.to_datetime(["2024-01-01", None])})
    assert rows_of(frame)[1] == {"a": None, "b": None}
