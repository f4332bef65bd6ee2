"""Run the benchmarks once and write the ratio table into ``docs/performance.md`` (基准报告).

    python -m benchmarks.report                  # run the suite, profile missed targets, write
    python -m benchmarks.report --json out.json  # also keep pytest-benchmark's JSON
    python -m benchmarks.report --from-json out.json --no-profile   # rewrite from a saved run

The suite runs as ``pytest benchmarks -p benchmark --benchmark-json=...``. Every ratio is a
speed ratio, the peer's time divided by safetyrules' (above 1: safetyrules is faster); a time is
the fastest round (``STATISTIC``), the one least disturbed by whatever else the machine runs.
Where a target is missed the workload is profiled with pyinstrument and the top frames go on
the page. The generated part sits between the page's two marker comments; the rest of the page
is prose and is left as it is.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "performance.md"
START = "<!-- benchmark-results:start -->"
END = "<!-- benchmark-results:end -->"
COMMAND = "python -m benchmarks.report"
INSTALL = "pip install -e '.[dev,bench]'"
PACKAGES = (
    "safetyrules",
    "pydantic",
    "pydantic-core",
    "polars",
    "numpy",
    "narwhals",
    "zen-engine",
    "pytest-benchmark",
    "pyinstrument",
)
ZEN_PATHS = {
    "test_zen_engine_evaluate": "zen `engine.evaluate(key, ctx)`（静态 loader static loader）",
    "test_zen_get_decision": "zen `engine.get_decision(key).evaluate(ctx)`",
    "test_zen_create_decision": "zen `engine.create_decision(content).evaluate(ctx)`",
}
"""zen-engine's per-call paths with trace off, among which the fastest is the target's peer."""
SCALAR_TARGET = 10.0
BULK_TARGET = 0.5
SCORING_TARGET = 0.5
IMPORT_TARGET = 0.150
STATISTIC = "min"
"""The statistic of pytest-benchmark's rounds the table uses."""
MET, MISSED, NOT_MEASURED = "✔ 达到 met", "✘ 未达到 missed", "— 未测 not measured"


@dataclass
class Row:
    measure: str
    ours: str
    peer: str
    ratio: str = "—"
    target: str = "—"
    verdict: str = "—"


@dataclass
class Missed:
    """A target missed: what to profile and the workload that reproduces it."""

    key: str
    title: str


# --- running and reading ------------------------------------------------------------------


def run_suite(json_path: Path) -> None:
    command = [
        sys.executable,
        "-m",
        "pytest",
        "benchmarks",
        "-p",
        "benchmark",
        "-p",
        "no:cacheprovider",
        "-q",
        "-rs",
        f"--benchmark-json={json_path}",
    ]
    done = subprocess.run(command, cwd=ROOT, check=False)
    if done.returncode != 0:
        raise SystemExit(f"the benchmark suite failed (pytest exit code {done.returncode})")


class Results:
    """pytest-benchmark's JSON, by test name (``test_safetyrules[LEC]``)."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.by_name = {b["name"]: b for b in data["benchmarks"]}

    def time(self, name: str) -> float | None:
        found = self.by_name.get(name)
        return None if found is None else float(found["stats"][STATISTIC])

    def info(self, name: str) -> dict[str, Any]:
        found = self.by_name.get(name)
        return {} if found is None else dict(found.get("extra_info", {}))


# --- formatting ---------------------------------------------------------------------------


def duration(seconds: float | None) -> str:
    """A time with a unit a reader takes in at once (ns, µs, ms, s).

    >>> duration(2.5e-7), duration(9.27e-5), duration(0.0531), duration(2.28)
    ('250 ns', '92.7 µs', '53.1 ms', '2.28 s')
    """
    if seconds is None:
        return "—"
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6)):
        if seconds >= scale:
            return f"{_three(seconds / scale)} {unit}"
    return f"{_three(seconds / 1e-9)} ns"


def _three(value: float) -> str:
    """Three significant figures without an exponent."""
    if value >= 100:
        return f"{value:.0f}"
    return f"{value:.1f}" if value >= 10 else f"{value:.2f}"


def times(ratio: float) -> str:
    """A ratio as a multiple.

    >>> times(0.1734), times(12.0), times(0.0261)
    ('0.17×', '12×', '0.026×')
    """
    if ratio >= 10:
        return f"{ratio:.0f}×"
    if ratio >= 0.1:
        return f"{ratio:.2f}×"
    return f"{ratio:.2g}×"


def megabytes(size: float) -> str:
    return f"{size / 1e6:.0f} MB" if size >= 1e7 else f"{size / 1e6:.1f} MB"


# --- the table ----------------------------------------------------------------------------


FAST_CALLS = {"LEC": '`risk_table("LEC")(3, 6, 7)`', "LS": '`risk_table("LS")(3, 4)`'}
EXPLAINED_CALLS = {"LEC": "`lec(3, 6, 7)`", "LS": "`ls(3, 4)`"}
BARE_LABEL = "Python if/elif（只返回等级 level only）"
TRACE_LABEL = "zen `engine.evaluate(key, ctx, {trace: True})`"


def scalar_rows(results: Results, method: str, missed: list[Missed]) -> list[Row]:
    """The fast path against every peer and, judged, against zen's fastest per-call path; then
    the explained path against zen's fastest per-call path and zen with trace, unjudged."""
    fast = results.time(f"test_safetyrules_fast[{method}]")
    explained = results.time(f"test_safetyrules_explained[{method}]")
    zen = {test: t for test in ZEN_PATHS if (t := results.time(f"{test}[{method}]")) is not None}
    fastest_test = min(zen, key=zen.__getitem__) if zen else None
    rows = []
    measure = f"{method} 单次分级 scalar，速查表 fast path {FAST_CALLS[method]}"
    if fast is None:
        rows.append(Row(measure, "—", "—", verdict=NOT_MEASURED))
    else:
        peers: list[tuple[str, str]] = [("test_bare_if", BARE_LABEL)]
        peers += ZEN_PATHS.items()
        peers.append(("test_zen_engine_evaluate_trace", TRACE_LABEL))
        for test, label in peers:
            peer = results.time(f"{test}[{method}]")
            if peer is not None:
                rows.append(
                    Row(measure, duration(fast), f"{label}: {duration(peer)}", times(peer / fast))
                )
        if fastest_test is not None:
            ratio = zen[fastest_test] / fast
            met = ratio >= SCALAR_TARGET
            rows.append(
                Row(
                    f"**{method} 速查表对 zen 最快单次路径 fast path vs zen's fastest per-call path**",
                    duration(fast),
                    duration(zen[fastest_test]),
                    f"**{times(ratio)}**",
                    f"≥ {SCALAR_TARGET:.0f}×",
                    MET if met else MISSED,
                )
            )
            if not met:
                missed.append(Missed(f"scalar-{method}", measure))
    if explained is not None:
        measure = (
            f"{method} 单次分级 scalar，带说明 explained path {EXPLAINED_CALLS[method]}"
            "（完整 RiskAssessment 含理由 full RiskAssessment with reasons）"
        )
        nearest: list[tuple[str, str]] = []
        if fastest_test is not None:
            nearest.append((fastest_test, ZEN_PATHS[fastest_test]))
        nearest.append(("test_zen_engine_evaluate_trace", TRACE_LABEL))
        for test, label in nearest:
            peer = results.time(f"{test}[{method}]")
            if peer is not None:
                rows.append(
                    Row(
                        measure,
                        duration(explained),
                        f"{label}: {duration(peer)}",
                        times(peer / explained),
                    )
                )
    return rows


def bulk_rows(results: Results, missed: list[Missed]) -> list[Row]:
    rows = []
    pairs = [
        (
            "test_bulk_safetyrules",
            "test_bulk_polars_expression",
            "LS 批量分级 bulk, 1,000,000 行 rows",
            "polars `pl.when(...).then(...)`",
            f"≥ {BULK_TARGET}×",
            lambda r: r >= BULK_TARGET,
            "bulk",
        ),
        (
            "test_batch_safetyrules",
            "test_batch_zen_evaluate_batch",
            "LS 批量分级 bulk, 100,000 行 rows",
            "zen `engine.evaluate_batch(requests)`",
            "> 1×",
            lambda r: r > 1,
            "batch",
        ),
    ]
    for ours_test, peer_test, measure, label, target, meets, key in pairs:
        ours, peer = results.time(ours_test), results.time(peer_test)
        rows_count = results.info(peer_test).get("rows") or results.info(ours_test).get("rows")
        per_row = f"（{duration(peer / rows_count)} / 行 row）" if peer and rows_count else ""
        peer_cell = f"{label}: {duration(peer)}{per_row}"
        if ours is None or peer is None:
            rows.append(
                Row(
                    measure,
                    "未测 skipped（`safetyrules.bulk` 未就绪）",
                    peer_cell,
                    "—",
                    target,
                    NOT_MEASURED,
                )
            )
            continue
        ratio = peer / ours
        rows.append(
            Row(
                measure,
                duration(ours),
                peer_cell,
                f"**{times(ratio)}**",
                target,
                MET if meets(ratio) else MISSED,
            )
        )
        if not meets(ratio):
            missed.append(Missed(key, measure))
    return rows


def scoring_rows(results: Results, missed: list[Missed]) -> list[Row]:
    """The bulk path against the dict-sum baseline on the same enterprises (judged); then the
    explained path per enterprise, extrapolated, against the baseline's time per enterprise."""
    bulk, peer = results.time("test_scoring_bulk"), results.time("test_scoring_dict_sum")
    explained = results.time("test_scoring_explained")
    peer_info = results.info("test_scoring_dict_sum")
    if peer is None or not peer_info:
        return [Row("标准化打分 scoring", "—", "—", verdict=NOT_MEASURED)]
    count, items = peer_info["enterprises"], peer_info["items"]
    peer_cell = f"dict 求和 dict-sum, {count:,} 家 enterprises: {duration(peer)}"
    rows = []
    if bulk is None:
        rows.append(Row("标准化打分 scoring, bulk", "—", peer_cell, verdict=NOT_MEASURED))
    else:
        bulk_info = results.info("test_scoring_bulk")
        ratio = peer / bulk
        met = ratio >= SCORING_TARGET
        measure = (
            f"标准化打分 scoring，批量 bulk `score_assessments`，{bulk_info['enterprises']:,} 家"
            f" enterprises × {items} 项 items（{bulk_info['rows']:,} 行 rows，一次调用 one call）"
        )
        rows.append(
            Row(
                measure,
                duration(bulk),
                peer_cell,
                f"**{times(ratio)}**",
                f"≥ {SCORING_TARGET}×",
                MET if met else MISSED,
            )
        )
        if not met:
            missed.append(Missed("scoring", measure))
    info = results.info("test_scoring_explained")
    if explained is not None and info:
        measured, scale = info["enterprises"], info["extrapolated_to"]
        each, peer_each = explained / measured, peer / count
        rows.append(
            Row(
                f"标准化打分 scoring，带说明 explained path `score()`，逐家 per enterprise"
                f"（测 {measured} 家，外推 measured {measured}, extrapolated）",
                f"{duration(each)} / 家 enterprise（× {scale:,} ≈ {duration(each * scale)}）",
                f"dict 求和 dict-sum: {duration(peer_each)} / 家 enterprise",
                times(peer_each / each),
            )
        )
    return rows


def startup_rows(results: Results, missed: list[Missed]) -> list[Row]:
    bare = results.time("test_startup_import[python]")
    whole = results.time("test_startup_import[safetyrules]")
    risk = results.time("test_startup_import[safetyrules.risk]")
    first = results.info("test_startup_first_call")
    rows = []
    if bare is not None and whole is not None:
        cost = whole - bare
        met = cost <= IMPORT_TARGET
        rows.append(
            Row(
                "`import safetyrules`（减去空解释器 minus bare `python -c pass`）",
                duration(cost),
                f"`python -c pass`: {duration(bare)}",
                "—",
                f"≤ {IMPORT_TARGET * 1000:.0f} ms",
                MET if met else MISSED,
            )
        )
        if not met:
            missed.append(Missed("import", "`import safetyrules`"))
    if bare is not None and risk is not None:
        rows.append(
            Row(
                "`import safetyrules.risk`（同上 likewise）",
                duration(risk - bare),
                "—",
            )
        )
    if first:
        rows.append(
            Row(
                "新进程首次 `lec(3, 6, 7)`（载入规则数据）first call in a fresh process (loads rule data)",
                duration(first["first_call"]),
                f"第二次调用 second call: {duration(first['second_call'])}",
            )
        )
    return rows


def memory_rows(results: Results) -> list[Row]:
    def grown(name: str) -> tuple[float, float] | None:
        info = results.info(name)
        if not info:
            return None
        return info["rss_peak"] - info["rss_before"], info["input_bytes"]

    ours = grown("test_memory_peak[safetyrules]")
    peer = grown("test_memory_peak[polars]")
    if peer is None and ours is None:
        return []

    def cell(found: tuple[float, float] | None) -> str:
        if found is None:
            return "未测 skipped（`safetyrules.bulk` 未就绪）"
        rise, size = found
        return f"+{megabytes(rise)}（{rise / size:.1f}× 输入 input）"

    size = (ours or peer or (0.0, 0.0))[1]
    return [
        Row(
            "内存峰值增量 peak RSS rise, LS 批量分级 bulk, 1,000,000 行 rows"
            f"（输入 input {megabytes(size)}）",
            cell(ours),
            f"polars `pl.when(...).then(...)`: {cell(peer)}",
            times(peer[0] / ours[0]) if ours and peer else "—",
            "—",
            "—" if ours else NOT_MEASURED,
        )
    ]


def table(rows: Iterable[Row]) -> str:
    lines = [
        "| 比较 Comparison | safetyrules | 对照 Peer | 比值 Ratio | 目标 Target | 结论 Verdict |",
        "|---|---|---|---|---|---|",
    ]
    lines += [
        f"| {r.measure} | {r.ours} | {r.peer} | {r.ratio} | {r.target} | {r.verdict} |"
        for r in rows
    ]
    return "\n".join(lines)


# --- profiles of missed targets -----------------------------------------------------------


def _workload(key: str) -> Callable[[], object] | None:
    """The code a missed target measures, ready to run many times under the profiler."""
    if key in ("scalar-LEC", "scalar-LS"):
        from safetyrules.risk import risk_table

        method = key.removeprefix("scalar-")
        table = risk_table(method)
        values = {"LEC": (3, 6, 7), "LS": (3, 4)}[method]

        def scalar() -> None:
            for _ in range(200_000):
                table(*values)

        return scalar
    if key == "scoring":
        from benchmarks.synthetic import synthetic_findings, synthetic_standard
        from safetyrules.bulk import score_assessments

        standard = synthetic_standard(300)
        frame = synthetic_findings(standard, 2_000).frame()

        def scoring() -> None:
            score_assessments(
                frame, standard, not_applicable_column="not_applicable", reason_column="reason"
            )

        return scoring
    if key in ("bulk", "batch"):
        from benchmarks import ours
        from benchmarks.synthetic import ls_frame

        bulk = ours.bulk_module()
        if bulk is None:
            return None
        frame = ls_frame(1_000_000 if key == "bulk" else 100_000)

        def graded() -> None:
            for _ in range(3):
                ours.grade_ls(bulk, frame)

        return graded
    return None


def _where(frame: Any) -> str:
    path = str(frame.file_path_short or "")
    if os.path.isabs(path):
        path = "/".join(Path(path).parts[-3:])
    line = f":{frame.line_no}" if frame.line_no else ""
    return f"{path}{line}"


def top_frames(
    run: Callable[[], object], count: int = 8
) -> tuple[list[tuple[str, str, float]], ...]:
    """The functions with the most inclusive and the most self time, as shares of the whole."""
    from pyinstrument import Profiler

    run()  # warm: rule data and lazy imports load outside the profile
    profiler = Profiler(interval=0.0002)
    profiler.start()
    run()
    profiler.stop()
    root = _find(profiler.last_session.root_frame(), getattr(run, "__name__", ""))
    total = root.time or 1.0
    inclusive: dict[tuple[str, str], float] = defaultdict(float)
    own: dict[tuple[str, str], float] = defaultdict(float)

    def walk(frame: Any, on_stack: frozenset[tuple[str, str]]) -> None:
        if frame.is_synthetic:
            return
        key = (frame.function, _where(frame))
        children = [c for c in frame.children if not c.is_synthetic]
        own[key] += frame.time - sum(c.time for c in children)
        if key not in on_stack:  # a recursive call counts once
            inclusive[key] += frame.time
        for child in children:
            walk(child, on_stack | {key})

    for child in root.children:  # the workload's own frame (its loop) is left out
        walk(child, frozenset())
    by_inclusive = sorted(inclusive.items(), key=lambda kv: -kv[1])[:count]
    by_self = sorted(own.items(), key=lambda kv: -kv[1])[:count]
    return (
        [(f, w, v / total) for (f, w), v in by_inclusive],
        [(f, w, v / total) for (f, w), v in by_self],
    )


def _find(frame: Any, function: str) -> Any:
    """The workload's frame in the profile (breadth first), or the root when not found."""
    queue = [frame]
    while queue:
        current = queue.pop(0)
        if current.function == function and "report" in str(current.file_path_short):
            return current
        queue += current.children
    return frame


def import_frames(count: int = 8) -> list[tuple[str, float, float]]:
    """The modules with the most self time in ``python -X importtime -c 'import safetyrules'``."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import safetyrules"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    rows = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        own, cumulative, name = line.removeprefix("import time:").split("|")
        rows.append((name.strip(), int(own) / 1e6, int(cumulative) / 1e6))
    return sorted(rows, key=lambda r: -r[1])[:count]


def profiles(missed: list[Missed]) -> str:
    if not missed:
        return ""
    parts = ["### 未达目标处的剖析 Profiles of the missed targets", ""]
    parts.append(
        "pyinstrument 采样；“累计”含被调函数，“自身”不含；百分比为占该工作负载总时长的比例。"
        " Sampled with pyinstrument; *inclusive* counts callees, *self* does not; shares of"
        " the workload's whole time."
    )
    for miss in missed:
        parts += ["", f"#### {miss.title}", ""]
        if miss.key == "import":
            parts += ["| 模块 Module | 自身 Self | 累计 Inclusive |", "|---|---|---|"]
            parts += [
                f"| `{name}` | {duration(own)} | {duration(cumulative)} |"
                for name, own, cumulative in import_frames()
            ]
            continue
        workload = _workload(miss.key)
        if workload is None:
            parts.append("（无法剖析：工作负载不可用 no workload to profile）")
            continue
        inclusive, own = top_frames(workload)
        parts += ["| 累计耗时最多 Top inclusive | 位置 Where | 占比 Share |", "|---|---|---|"]
        parts += [f"| `{f}` | `{w}` | {share:.0%} |" for f, w, share in inclusive]
        parts += ["", "| 自身耗时最多 Top self | 位置 Where | 占比 Share |", "|---|---|---|"]
        parts += [f"| `{f}` | `{w}` | {share:.0%} |" for f, w, share in own]
    return "\n".join(parts)


# --- the page -----------------------------------------------------------------------------


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine() -> str:
    versions = []
    for name in PACKAGES:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            continue
    return (
        f"- 日期 Date: {datetime.date.today().isoformat()}\n"
        f"- 机器 Machine: {os.cpu_count()} CPU（{_cpu()}），{platform.system()} {platform.machine()}\n"
        f"- Python: {platform.python_implementation()} {platform.python_version()}\n"
        f"- 版本 Versions: {', '.join(versions)}\n"
        f"- 复现 Reproduce: `{INSTALL}`，然后 then `{COMMAND}`"
    )


def skipped(results: Results) -> str:
    names = set(results.by_name)
    absent = []
    if "test_bulk_safetyrules" not in names:
        absent.append(
            "批量接口 `safetyrules.bulk.grade_risks` 尚未提供，本库一侧的批量、内存测量跳过，对照一侧照常测量。"
            " The bulk API `safetyrules.bulk.grade_risks` is not there yet: safetyrules' side of"
            " the bulk and memory rows is skipped; the peers are measured all the same."
        )
    return "\n".join(f"- {line}" for line in absent)


def generated(results: Results, with_profiles: bool) -> str:
    missed: list[Missed] = []
    rows = scalar_rows(results, "LEC", missed) + scalar_rows(results, "LS", missed)
    rows += bulk_rows(results, missed) + scoring_rows(results, missed)
    rows += startup_rows(results, missed) + memory_rows(results)
    parts = [
        START,
        f"<!-- 由 `{COMMAND}` 生成，请勿手改 / generated by `{COMMAND}`: do not edit by hand -->",
        "",
        machine(),
        "",
        table(rows),
    ]
    notes = skipped(results)
    if notes:
        parts += ["", notes]
    if with_profiles and missed:
        parts += ["", profiles(missed)]
    parts.append(END)
    return "\n".join(parts)


def write_page(block: str, page: Path = PAGE) -> None:
    text = page.read_text(encoding="utf-8")
    if START not in text or END not in text:
        raise SystemExit(f"{page.name}: the marker comments {START} … {END} are missing")
    head, rest = text.split(START, 1)
    tail = rest.split(END, 1)[1]
    page.write_text(head + block + tail, encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="keep pytest-benchmark's JSON at this path")
    parser.add_argument("--from-json", type=Path, help="read a saved run instead of running")
    parser.add_argument("--no-profile", action="store_true", help="do not profile missed targets")
    parser.add_argument("--page", type=Path, default=PAGE, help="the page to write")
    options = parser.parse_args(argv)
    if options.from_json:
        source = options.from_json
    else:
        source = options.json or Path(tempfile.mkdtemp()) / "benchmarks.json"
        run_suite(source.resolve())
    results = Results(json.loads(source.read_text(encoding="utf-8")))
    block = generated(results, with_profiles=not options.no_profile)
    write_page(block, options.page)
    print(block)


if __name__ == "__main__":
    main()
