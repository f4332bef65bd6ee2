"""Peak memory of grading 1,000,000 LS rows in bulk (批量分级的内存峰值), in a fresh process.

``python -m benchmarks.rss_probe safetyrules`` (the bulk API) or ``... polars`` (the
hand-written expression) prints one JSON object: the input frame's size
(``DataFrame.estimated_size``), the resident set before grading and its peak during grading,
in bytes. The peak is Linux's VmHWM, reset just before grading by writing 5 to
``/proc/self/clear_refs``; where that cannot be done, ``resource.getrusage``'s ``ru_maxrss``
(the peak since the process started) stands in, and ``"reset": false`` says so.
"""

from __future__ import annotations

import gc
import json
import resource
import sys
from pathlib import Path
from typing import Any

from benchmarks import ours, peers
from benchmarks.synthetic import ls_frame

ROWS = 1_000_000
STATUS = Path("/proc/self/status")


def _status_kib(field: str) -> int | None:
    try:
        for line in STATUS.read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def _reset_peak() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def _grader(kind: str) -> Any:
    if kind == "polars":
        expression = peers.ls_polars_level()
        return lambda frame: frame.with_columns(expression)
    bulk = ours.bulk_module()
    if bulk is None:
        raise SystemExit(ours.MISSING)
    return lambda frame: ours.grade_ls(bulk, frame)


def measure(kind: str) -> dict[str, Any]:
    grade = _grader(kind)
    grade(ls_frame(10))  # rule data, lazy imports: loaded before the measurement
    frame = ls_frame(ROWS)
    gc.collect()
    reset = _reset_peak()
    before = (_status_kib("VmRSS") or 0) * 1024
    graded = grade(frame)
    peak_kib = _status_kib("VmHWM") if reset else None
    if peak_kib is None:
        reset = False
        peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert graded.height == ROWS
    return {
        "kind": kind,
        "rows": ROWS,
        "input_bytes": frame.estimated_size(),
        "rss_before": before,
        "rss_peak": peak_kib * 1024,
        "reset": reset,
    }


if __name__ == "__main__":
    print(json.dumps(measure(sys.argv[1])))
