"""Start-up (启动开销): ``import safetyrules`` and the first call's rule-data loading.

Each measurement is a fresh interpreter (``sys.executable -c ...``): the import time is
``import safetyrules`` minus ``pass``, each the fastest of its rounds. The first ``lec`` call
loads and validates the risk data files (methods, schemes, direct-judgement lists, the
catalogue); the subprocess times it with ``time.perf_counter``, and the fastest round counts.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
ROUNDS = 9

FIRST_CALL = """
import json, time
t0 = time.perf_counter()
from safetyrules.risk import lec
t1 = time.perf_counter()
lec(3, 6, 7)
t2 = time.perf_counter()
lec(3, 6, 7)
t3 = time.perf_counter()
print(json.dumps({"import_risk": t1 - t0, "first_call": t2 - t1, "second_call": t3 - t2}))
"""


def _python(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True, cwd=ROOT
    )
    return done.stdout


@pytest.mark.parametrize(
    "code",
    [
        pytest.param("pass", id="python"),
        pytest.param("import safetyrules", id="safetyrules"),
        pytest.param("import safetyrules.risk", id="safetyrules.risk"),
    ],
)
def test_startup_import(benchmark: Any, code: str) -> None:
    benchmark.group = "start-up"
    benchmark.extra_info["code"] = code
    benchmark.pedantic(_python, args=(code,), rounds=ROUNDS, iterations=1, warmup_rounds=1)


def test_startup_first_call(benchmark: Any) -> None:
    benchmark.group = "start-up"
    seen: list[dict[str, float]] = []

    def run() -> None:
        seen.append(json.loads(_python(FIRST_CALL)))

    benchmark.pedantic(run, rounds=ROUNDS, iterations=1, warmup_rounds=1)
    for key in ("import_risk", "first_call", "second_call"):
        benchmark.extra_info[key] = min(s[key] for s in seen[1:])
