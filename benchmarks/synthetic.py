"""Synthetic inputs for the benchmarks (合成数据), every one from a fixed seed.

* a 300-item scoring standard built through the library's public models
  (:class:`~safetyrules.scoring.ScoringStandard`, :class:`~safetyrules.scoring.ScoringItem`),
  its items spread over the 28 二级要素 of GB/T 33000-2016;
* self-assessment results for many enterprises: about 75 % of items 符合, 20 % 扣分 and 5 % 缺项;
* LS factor tables (L, S each 1–5) as polars frames.

>>> standard = synthetic_standard(300)
>>> len(standard.items), standard.total
(300, Decimal('1800'))
>>> [r.status.value for r in synthetic_results(standard, 1)[0][:3]]
['符合', '缺项', '符合']
"""

from __future__ import annotations

import random
from decimal import Decimal
from typing import TYPE_CHECKING

from safetyrules.scoring import (
    Deduction,
    DeductionRule,
    ItemResult,
    ScoringItem,
    ScoringStandard,
    skeleton,
)

if TYPE_CHECKING:
    import polars as pl

EDITION = "gbt-33000-2016"
SEED = 2018


def synthetic_standard(items: int = 300) -> ScoringStandard:
    """A scoring standard of ``items`` items (2, 4, 6, 8 or 10 points each), three rules each:
    不得分 (a), 每处扣1分 (b), 每缺一项扣2分 of 3 parts (c); no 类目 charges, no gates."""
    leaves = skeleton(EDITION).leaves()
    built = []
    for n in range(items):
        element = leaves[n % len(leaves)]
        built.append(
            ScoringItem(
                id=f"{element.code}-{n // len(leaves) + 1}",
                element=element.code,
                content=f"合成评分项 {n + 1}",
                points=Decimal(2 + 2 * (n % 5)),
                deductions=(
                    DeductionRule(id="a", kind="all", text="未建立的，不得分"),
                    DeductionRule(id="b", kind="per_occurrence", points="1", text="每处扣1分"),
                    DeductionRule(
                        id="c", kind="per_missing_part", points="2", parts=3, text="每缺一项扣2分"
                    ),
                ),
            )
        )
    return ScoringStandard(
        id=f"synthetic-{items}",
        name=f"合成评分标准（{items} 项，仅用于基准测试）",
        edition=EDITION,
        total=sum((i.points for i in built), Decimal(0)),
        official=False,
        confidence="unverified",
        items=tuple(built),
    )


def synthetic_results(
    standard: ScoringStandard, enterprises: int, seed: int = SEED
) -> list[list[ItemResult]]:
    """One list of item results per enterprise, in the standard's item order."""
    rng = random.Random(seed)
    everyone = []
    for _ in range(enterprises):
        results = []
        for item in standard.items:
            draw = rng.random()
            if draw < 0.05:
                results.append(ItemResult(item=item.id, not_applicable=True, reason="无此业务"))
            elif draw < 0.10:
                results.append(ItemResult(item=item.id, deductions=(Deduction(rule="a"),)))
            elif draw < 0.18:
                count = rng.randint(1, 3)
                results.append(
                    ItemResult(item=item.id, deductions=(Deduction(rule="b", count=count),))
                )
            elif draw < 0.25:
                parts = rng.randint(1, 3)
                found = (Deduction(rule="c", count=parts), Deduction(rule="b"))
                results.append(ItemResult(item=item.id, deductions=found))
            else:
                results.append(ItemResult(item=item.id))
        everyone.append(results)
    return everyone


def as_dicts(results: list[ItemResult]) -> dict[str, list[tuple[str, int]] | None]:
    """The same results as the dict-sum baseline reads them: item → [(rule, count)] or None."""
    return {
        r.item: None if r.not_applicable else [(d.rule, d.count) for d in r.deductions]
        for r in results
    }


def ls_frame(rows: int, seed: int = SEED) -> pl.DataFrame:
    """``rows`` LS factor pairs, L and S uniform on 1–5 (Int64 columns ``L`` and ``S``)."""
    import numpy as np
    import polars as pl

    rng = np.random.default_rng(seed)
    return pl.DataFrame(
        {
            "L": rng.integers(1, 6, size=rows, dtype=np.int64),
            "S": rng.integers(1, 6, size=rows, dtype=np.int64),
        }
    )
