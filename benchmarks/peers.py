"""The peers safetyrules is measured against (对照实现), built on exactly the library's bands.

* a bare Python ``if``/``elif`` on the default schemes' bands, returning the level only;
* GoRules zen-engine with the same bands as a JDM decision table (``data/*.jdm.json``);
* a hand-written polars ``pl.when(...).then(...)`` expression, the practical limit for a table;
* a dict-sum scorer: deductions summed per item in a plain dict, then
  实得分 ÷ (总分 - 缺项) × 100.

The default schemes are ``lec`` (LEC 五级，上端含本数) and ``ls-db37`` (LS 四级); the bands
below copy their intervals from ``safetyrules/data/risk/schemes.toml``, inclusivity included,
and ``test_scalar.py`` checks every reachable score against the library.

>>> lec_level(3, 6, 7), ls_level(3, 4)
('一般风险', '一般风险')
>>> lec_level(1, 10, 7), lec_level(3, 3, 15)  # D = 70 is 4级 (上端含本数); D = 135 is 3级
('低风险', '一般风险')
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from safetyrules.scoring import DeductionKind, ScoringStandard

if TYPE_CHECKING:
    import polars as pl

DATA = Path(__file__).resolve().parent / "data"
LEC_SCHEME = "lec"
LS_SCHEME = "ls-db37"
JDM_KEYS = {"LEC": "lec.jdm.json", "LS": "ls.jdm.json"}

LOW, MEDIUM, HIGH, MAJOR = "低风险", "一般风险", "较大风险", "重大风险"


def lec_level(l: Any, e: Any, c: Any) -> str:  # noqa: E741 - the method's own letter
    """LEC by scheme ``lec``: [0, 20], (20, 70], (70, 160], (160, 320], (320, ∞)."""
    d = l * e * c
    if d <= 20:  # 5级  # noqa: SIM114 - one branch per band, as the scheme has five
        return LOW
    elif d <= 70:  # 4级
        return LOW
    elif d <= 160:  # 3级
        return MEDIUM
    elif d <= 320:  # 2级
        return HIGH
    return MAJOR  # 1级


def ls_level(l: Any, s: Any) -> str:  # noqa: E741 - the method's own letter
    """LS by scheme ``ls-db37``: [1, 8], (8, 12], (12, 16], (16, 25]."""
    r = l * s
    if r <= 8:  # 4级
        return LOW
    elif r <= 12:  # 3级
        return MEDIUM
    elif r <= 16:  # 2级
        return HIGH
    return MAJOR  # 1级


@cache
def jdm(method: str) -> dict[str, Any]:
    """The JDM decision graph (one decision table) of a method's default scheme.

    >>> [rule["R"] for rule in jdm("LS")["nodes"][1]["content"]["rules"]]
    ['[1..8]', '(8..12]', '(12..16]', '(16..25]']
    """
    content: dict[str, Any] = json.loads((DATA / JDM_KEYS[method]).read_text(encoding="utf-8"))
    return content


def zen_engine() -> Any:
    """A zen engine whose static loader holds both decision graphs, keyed by file name."""
    import zen

    return zen.ZenEngine(
        {"loader": {"type": "static", "content": {JDM_KEYS[m]: jdm(m) for m in JDM_KEYS}}}
    )


def ls_polars_level(l: str = "L", s: str = "S") -> pl.Expr:  # noqa: E741 - the method's letter
    """The LS banding as one polars expression over the factor columns (scheme ``ls-db37``).

    Scores outside [1, 25] give null, as the scheme covers nothing there.
    """
    import polars as pl

    r = pl.col(l) * pl.col(s)
    return (
        pl.when((r >= 1) & (r <= 8))
        .then(pl.lit(LOW))
        .when((r > 8) & (r <= 12))
        .then(pl.lit(MEDIUM))
        .when((r > 12) & (r <= 16))
        .then(pl.lit(HIGH))
        .when((r > 16) & (r <= 25))
        .then(pl.lit(MAJOR))
        .otherwise(None)
        .alias("level")
    )


Rules = dict[str, tuple[bool, Decimal]]
"""A deduction rule id → (takes all the item's points, points per occurrence or part)."""


def dict_table(standard: ScoringStandard) -> dict[str, tuple[Decimal, Rules]]:
    """A standard flattened to plain dicts: item id → (points, rules)."""
    return {
        item.id: (
            item.points,
            {r.id: (r.kind is DeductionKind.ALL, r.points or Decimal(0)) for r in item.deductions},
        )
        for item in standard.items
    }


def dict_sum_score(
    table: Mapping[str, tuple[Decimal, Rules]],
    total: Decimal,
    results: Mapping[str, Sequence[tuple[str, int]] | None],
) -> Decimal:
    """实得分 ÷ (总分 - 缺项) × 100, one decimal, half up; ``None`` marks a 缺项.

    No category charges (类目扣分), no checks, no explanation: the arithmetic only.

    >>> table = {"a": (Decimal(10), {"x": (False, Decimal(2))}), "b": (Decimal(5), {})}
    >>> dict_sum_score(table, Decimal(15), {"a": [("x", 2)], "b": None})
    Decimal('60.0')
    """
    earned = Decimal(0)
    not_applicable = Decimal(0)
    for item, (points, rules) in table.items():
        found = results[item]
        if found is None:
            not_applicable += points
            continue
        deducted = Decimal(0)
        for rule, count in found:
            takes_all, each = rules[rule]
            deducted += points if takes_all else each * count
        if deducted < points:
            earned += points - deducted
    return (earned / (total - not_applicable) * 100).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )
