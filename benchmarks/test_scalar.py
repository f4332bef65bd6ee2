"""Scalar grading (单次风险分级): ``lec`` / ``ls`` against a bare if/elif and zen-engine.

Each test grades one fixed risk: LEC 3 × 6 × 7 = 126 (3级，一般风险) and LS 3 × 4 = 12 (3级，
一般风险). safetyrules returns the full :class:`~safetyrules.risk.RiskAssessment` (score, grade,
levels, explanation); the peers return the level only. zen-engine is called through its sync
API: ``ZenEngine.evaluate(key, context)`` with a static loader, and ``ZenDecision.evaluate``
on a decision from ``ZenEngine.get_decision(key)`` or ``ZenEngine.create_decision(content)``;
the trace-on call is measured too, as the nearest peer of an explained result.
"""

from __future__ import annotations

import itertools
import json
from decimal import Decimal
from typing import Any

import pytest

from benchmarks import peers
from safetyrules.risk import lec, ls, method

CASES = {"LEC": (3, 6, 7), "LS": (3, 4)}
EXPECTED = "一般风险"
OURS = {"LEC": lec, "LS": ls}
BARE = {"LEC": peers.lec_level, "LS": peers.ls_level}
SYMBOLS = {"LEC": ("L", "E", "C"), "LS": ("L", "S")}

pytestmark = pytest.mark.parametrize("name", ["LEC", "LS"])


def _context(name: str, values: tuple[Any, ...]) -> dict[str, Any]:
    return dict(zip(SYMBOLS[name], values, strict=True))


def test_safetyrules(benchmark: Any, name: str) -> None:
    benchmark.group = f"scalar {name}"
    OURS[name](*CASES[name])  # the first call loads the rule data: measured in test_startup
    result = benchmark(OURS[name], *CASES[name])
    assert result.level.value == EXPECTED


def test_bare_if(benchmark: Any, name: str) -> None:
    benchmark.group = f"scalar {name}"
    assert benchmark(BARE[name], *CASES[name]) == EXPECTED


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
    """Every factor combination the method allows gets the same level from all three."""
    factors = method(name).factors
    combos = list(itertools.product(*[[v.value for v in f.values] for f in factors]))
    assert len(combos) == {"LEC": 7 * 6 * 6, "LS": 5 * 5}[name]
    for values in combos:
        expected = OURS[name](*values).scored_level.value
        assert BARE[name](*values) == expected, values
        floats = _context(name, tuple(float(Decimal(v)) for v in values))
        zen = zen_engine.evaluate(peers.JDM_KEYS[name], floats)["result"]["level"]
        assert zen == expected, values
