"""Scalar grading (单次风险分级): safetyrules' two scalar paths against a bare if/elif and zen.

Each test grades one fixed risk: LEC 3 × 6 × 7 = 126 (3级，一般风险) and LS 3 × 4 = 12 (3级，
一般风险). safetyrules has two scalar paths:

* the fast path, ``risk_table("LEC")(3, 6, 7)`` / ``risk_table("LS")(3, 4)``: every factor
  combination graded once when the table is built (before the clock starts), then a few dict
  look-ups a call; it returns the score, the grade and the level by score, like the peers, and
  no explanation. The target (≥ 10× zen-engine's fastest per-call path) is judged on it;
* the explained path, ``lec(3, 6, 7)`` / ``ls(3, 4)``: the full
  :class:`~safetyrules.risk.RiskAssessment` (levels, direct judgement, reasons with their
  citations), measured for reference.

The peers return the level only. zen-engine is called through its sync API:
``ZenEngine.evaluate(key, context)`` with a static loader, and ``ZenDecision.evaluate`` on a
decision from ``ZenEngine.get_decision(key)`` or ``ZenEngine.create_decision(content)``; the
trace-on call is measured too, as the nearest peer of an explained result.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from benchmarks import peers
from safetyrules.risk import RiskAssessment, lec, ls, method, risk_table

CASES = {"LEC": (3, 6, 7), "LS": (3, 4)}
EXPECTED = "一般风险"
EXPLAINED: dict[str, Callable[..., RiskAssessment]] = {"LEC": lec, "LS": ls}
BARE: dict[str, Callable[..., str]] = {"LEC": peers.lec_level, "LS": peers.ls_level}
SYMBOLS = {"LEC": ("L", "E", "C"), "LS": ("L", "S")}
SUB_MICROSECOND = {"rounds": 300, "iterations": 1000, "warmup_rounds": 10}
"""Calls under a microsecond are timed 1,000 to a round, so the timer's own cost (and one
unlucky first call, which would make pytest-benchmark's calibration settle on one call a
round) does not count; the slower calls are left to pytest-benchmark's calibration."""

pytestmark = pytest.mark.parametrize("name", ["LEC", "LS"])


def _context(name: str, values: tuple[Any, ...]) -> dict[str, Any]:
    return dict(zip(SYMBOLS[name], values, strict=True))


def _native(value: Decimal) -> int | float:
    """A table value as a caller writes it in Python: an int when whole, else a float."""
    return int(value) if value == value.to_integral_value() else float(value)


def test_safetyrules_fast(benchmark: Any, name: str) -> None:
    benchmark.group = f"scalar {name}"
    table = risk_table(name)  # every combination graded here, before the clock starts
    result = benchmark.pedantic(table, args=CASES[name], **SUB_MICROSECOND)
    assert result.level.value == EXPECTED


def test_safetyrules_explained(benchmark: Any, name: str) -> None:
    benchmark.group = f"scalar {name}"
    EXPLAINED[name](*CASES[name])  # the first call loads the rule data: see test_startup
    result = benchmark(EXPLAINED[name], *CASES[name])
    assert result.level.value == EXPECTED


def test_bare_if(benchmark: Any, name: str) -> None:
    benchmark.group = f"scalar {name}"
    assert benchmark.pedantic(BARE[name], args=CASES[name], **SUB_MICROSECOND) == EXPECTED


def test_zen_engine_evaluate(benchmark: Any, zen_engine: Any, name: str) -> None:
    benchmark.group = f"scalar {name}"
    key, context = peers.JDM_KEYS[name], _context(name, CASES[name])
    result = benchmark(zen_engine.evaluate, key, context)
    assert result["result"]["level"] == EXPECTED


def test_zen_engine_evaluate_trace(benchmark: Any, zen_engine: Any, name: str) -> None:
    benchmark.group = f"scalar {name}"
    key, context = peers.JDM_KEYS[name], _context(name, CASES[name])
    result = benchmark(zen_engine.evaluate, key, context, {"trace": True})
    assert result["result"]["level"] == EXPECTED
    assert result["trace"]


def test_zen_get_decision(benchmark: Any, zen_engine: Any, name: str) -> None:
    benchmark.group = f"scalar {name}"
    decision = zen_engine.get_decision(peers.JDM_KEYS[name])
    result = benchmark(decision.evaluate, _context(name, CASES[name]))
    assert result["result"]["level"] == EXPECTED


def test_zen_create_decision(benchmark: Any, zen_engine: Any, name: str) -> None:
    benchmark.group = f"scalar {name}"
    decision = zen_engine.create_decision(json.dumps(peers.jdm(name), ensure_ascii=False))
    result = benchmark(decision.evaluate, _context(name, CASES[name]))
    assert result["result"]["level"] == EXPECTED


def test_peers_agree(zen_engine: Any, name: str) -> None:
    """Every factor combination the method allows gets the same level from the explained path,
    the fast path (its values as Decimals and as native numbers), the if/elif and zen; the fast
    path also gives the explained path's score and grade."""
    factors = method(name).factors
    table = risk_table(name)
    combos = list(itertools.product(*[[v.value for v in f.values] for f in factors]))
    assert len(combos) == {"LEC": 7 * 6 * 6, "LS": 5 * 5}[name]
    for values in combos:
        full = EXPLAINED[name](*values)
        expected = full.scored_level.value
        for fast in (table(*values), table(*(_native(v) for v in values))):
            assert fast.level.value == expected, values
            assert (fast.score, fast.grade) == (full.score, full.grade), values
        assert BARE[name](*values) == expected, values
        floats = _context(name, tuple(float(Decimal(v)) for v in values))
        zen = zen_engine.evaluate(peers.JDM_KEYS[name], floats)["result"]["level"]
        assert zen == expected, values
