"""Bulk grading (批量风险分级): ``safetyrules.bulk.grade_risks`` against the practical limit.

* 1,000,000 LS rows: the bulk API against a hand-written polars ``pl.when(...).then(...)``
  expression doing the same banding (scheme ``ls-db37``);
* 100,000 LS rows: the bulk API against zen-engine's ``ZenEngine.evaluate_batch``, the
  engine's batch call (a list of ``{"key", "context"}`` requests; the list is built before the
  clock starts, and the answers are left as zen returns them: both favour zen).

The safetyrules side skips while ``safetyrules.bulk`` does not exist (see ``ours.py``).
"""

from __future__ import annotations

from typing import Any

import pytest

from benchmarks import ours, peers
from benchmarks.synthetic import ls_frame

ROWS = 1_000_000
BATCH_ROWS = 100_000


@pytest.fixture(scope="module")
def frame() -> Any:
    return ls_frame(ROWS)


@pytest.fixture(scope="module")
def batch_frame(frame: Any) -> Any:
    return frame.head(BATCH_ROWS)


@pytest.fixture(scope="module")
def expected(frame: Any) -> list[str | None]:
    return list(frame.select(peers.ls_polars_level())["level"].to_list())


def _bulk() -> Any:
    bulk = ours.bulk_module()
    if bulk is None:
        pytest.skip(ours.MISSING)
    return bulk


def test_bulk_polars_expression(benchmark: Any, frame: Any, expected: list[str | None]) -> None:
    benchmark.group = "bulk LS 1,000,000 rows"
    benchmark.extra_info["rows"] = ROWS
    expression = peers.ls_polars_level()
    graded = benchmark.pedantic(
        frame.with_columns, args=(expression,), rounds=7, iterations=1, warmup_rounds=1
    )
    assert graded["level"].to_list() == expected


def test_bulk_safetyrules(benchmark: Any, frame: Any, expected: list[str | None]) -> None:
    bulk = _bulk()
    benchmark.group = "bulk LS 1,000,000 rows"
    benchmark.extra_info["rows"] = ROWS
    graded = benchmark.pedantic(
        ours.grade_ls, args=(bulk, frame), rounds=7, iterations=1, warmup_rounds=1
    )
    assert ours.levels(graded) == expected


def test_batch_zen_evaluate_batch(
    benchmark: Any, zen_engine: Any, batch_frame: Any, expected: list[str | None]
) -> None:
    benchmark.group = "batch LS 100,000 rows"
    benchmark.extra_info["rows"] = BATCH_ROWS
    key = peers.JDM_KEYS["LS"]
    requests = [{"key": key, "context": row} for row in batch_frame.iter_rows(named=True)]
    answers = benchmark.pedantic(
        zen_engine.evaluate_batch, args=(requests,), rounds=3, iterations=1, warmup_rounds=1
    )
    assert all(a["success"] for a in answers)
    assert [a["data"]["result"]["level"] for a in answers] == expected[:BATCH_ROWS]


def test_batch_safetyrules(benchmark: Any, batch_frame: Any, expected: list[str | None]) -> None:
    bulk = _bulk()
    benchmark.group = "batch LS 100,000 rows"
    benchmark.extra_info["rows"] = BATCH_ROWS
    graded = benchmark.pedantic(
        ours.grade_ls, args=(bulk, batch_frame), rounds=7, iterations=1, warmup_rounds=1
    )
    assert ours.levels(graded) == expected[:BATCH_ROWS]
