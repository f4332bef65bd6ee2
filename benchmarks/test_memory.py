"""Peak RSS when grading 1,000,000 rows in bulk (内存峰值), relative to the input's size.

Each side runs in its own process (``rss_probe.py``); the report divides the peak's rise over
the resident set before grading by the input frame's size. The safetyrules side skips while
``safetyrules.bulk.grade_risks`` does not exist.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from benchmarks import ours

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("kind", ["safetyrules", "polars"])
def test_memory_peak(benchmark: Any, kind: str) -> None:
    if kind == "safetyrules" and ours.bulk_module() is None:
        pytest.skip(ours.MISSING)
    benchmark.group = "memory 1,000,000 rows"
    seen: list[dict[str, Any]] = []

    def run() -> None:
        done = subprocess.run(
            [sys.executable, "-m", "benchmarks.rss_probe", kind],
            check=True,
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        seen.append(json.loads(done.stdout))

    benchmark.pedantic(run, rounds=1, iterations=1)
    benchmark.extra_info.update(seen[-1])
