"""Synthetic inputs for the benchmarks (合成数据), every one from a fixed seed.

* a 300-item scoring standard built through the library's public models
  (:class:`~safetyrules.scoring.ScoringStandard`, :class:`~safetyrules.scoring.ScoringItem`),
  its items spread over the 28 二级要素 of GB/T 33000-2016;
* self-assessment findings for many enterprises (about 75 % of items 符合, 20 % 扣分 and 5 %
  缺项), drawn once as arrays and seen three ways: the long results table the bulk path reads
  (one row per finding), the plain dicts the dict-sum baseline reads, and the typed
  :class:`~safetyrules.scoring.ItemResult` lists the scalar path reads;
* LS factor tables (L, S each 1–5) as polars frames.

>>> standard = synthetic_standard(300)
>>> len(standard.items), standard.total
(300, Decimal('1800'))
>>> found = synthetic_findings(standard, 2)
>>> [r.status.value for r in found.item_results(1)[0][:3]]
['符合', '缺项', '符合']
>>> frame = found.frame()
>>> frame.columns, frame["enterprise"].n_unique()
(['enterprise', 'item', 'rule', 'count', 'not_applicable', 'reason'], 2)
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from safetyrules.scoring import (
    Deduction,
    DeductionRule,
    ItemResult,
    ScoringItem,
    ScoringStandard,
    skeleton,
)

if TYPE_CHECKING:
    import numpy as np
    import polars as pl

EDITION = "gbt-33000-2016"
SEED = 2018

COMPLIANT, NOT_APPLICABLE, ALL, OCCURRENCES, PARTS = range(5)
"""The outcome of one item for one enterprise: 符合; 缺项; rule a (不得分); rule b × count
(每处扣1分); rule c × count (每缺一项扣2分) and one b."""
NA_REASON = "无此业务"


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


@dataclass(frozen=True)
class Findings:
    """Every enterprise's outcome on every item (``outcome``, one of the five codes above) and
    the count that goes with b or c (``count``, 1–3), both ``(enterprises, items)`` arrays."""

    standard: ScoringStandard
    outcome: np.ndarray
    count: np.ndarray

    @property
    def enterprises(self) -> int:
        return int(self.outcome.shape[0])

    def enterprise_ids(self) -> list[str]:
        """The enterprise ids the results table uses, in order (企业00001, …)."""
        return [_enterprise_id(n) for n in range(self.enterprises)]

    def frame(self) -> pl.DataFrame:
        """The long results table (自评记录表) ``safetyrules.bulk.score_assessments`` reads: one
        row per finding, enterprise by enterprise in the standard's item order; a 符合 item is
        one row without a rule, a c finding is two rows (c × count, then b)."""
        import numpy as np
        import polars as pl

        flat = self.outcome.ravel()
        counts = self.count.ravel()
        repeats = 1 + (flat == PARTS)
        cell = np.repeat(np.arange(flat.size), repeats)
        second = np.zeros(cell.size, dtype=bool)
        ends = np.cumsum(repeats) - 1
        second[ends[repeats == 2]] = True
        outcome = flat[cell]
        rule_code = np.where(second, OCCURRENCES, outcome)
        rules = np.array([None, None, "a", "b", "c"], dtype=object)
        with_count = ~second & ((outcome == OCCURRENCES) | (outcome == PARTS))
        items = np.array([i.id for i in self.standard.items], dtype=object)
        width = len(items)
        na = outcome == NOT_APPLICABLE
        return pl.DataFrame(
            {
                "enterprise": pl.Series(cell // width, dtype=pl.Int64),
                "item": pl.Series(items[cell % width].tolist(), dtype=pl.String),
                "rule": pl.Series(rules[rule_code].tolist(), dtype=pl.String),
                "count": pl.Series(np.where(with_count, counts[cell], 0), dtype=pl.Int64),
                "not_applicable": pl.Series(na, dtype=pl.Boolean),
            }
        ).with_columns(
            pl.when(pl.col("not_applicable")).then(pl.lit(NA_REASON)).alias("reason"),
            pl.format("企业{}", (pl.col("enterprise") + 1).cast(pl.String).str.zfill(5)).alias(
                "enterprise"
            ),
            pl.when(pl.col("count") > 0).then(pl.col("count")).alias("count"),
        )

    def dicts(self) -> list[dict[str, Any]]:
        """The same findings as the dict-sum baseline reads them, one dict per enterprise:
        item → ((rule, count), …), or ``None`` for a 缺项. Equal values share one object."""
        ids = [i.id for i in self.standard.items]
        shared: dict[tuple[int, int], tuple[tuple[str, int], ...] | None] = {}
        for c in (1, 2, 3):
            shared.update(
                {
                    (COMPLIANT, c): (),
                    (NOT_APPLICABLE, c): None,
                    (ALL, c): (("a", 1),),
                    (OCCURRENCES, c): (("b", c),),
                    (PARTS, c): (("c", c), ("b", 1)),
                }
            )
        return [
            {
                item: shared[pair]
                for item, pair in zip(ids, zip(outcome, count, strict=True), strict=True)
            }
            for outcome, count in zip(self.outcome.tolist(), self.count.tolist(), strict=True)
        ]

    def item_results(self, enterprises: int) -> list[list[ItemResult]]:
        """The first ``enterprises`` enterprises' findings as typed item results, in the
        standard's item order, as the scalar ``score`` reads them."""
        ids = [i.id for i in self.standard.items]
        everyone = []
        for outcome, count in zip(
            self.outcome[:enterprises].tolist(), self.count[:enterprises].tolist(), strict=True
        ):
            everyone.append(
                [_item_result(item, o, c) for item, o, c in zip(ids, outcome, count, strict=True)]
            )
        return everyone


def _enterprise_id(n: int) -> str:
    return f"企业{n + 1:05d}"


def _item_result(item: str, outcome: int, count: int) -> ItemResult:
    if outcome == NOT_APPLICABLE:
        return ItemResult(item=item, not_applicable=True, reason=NA_REASON)
    if outcome == ALL:
        return ItemResult(item=item, deductions=(Deduction(rule="a"),))
    if outcome == OCCURRENCES:
        return ItemResult(item=item, deductions=(Deduction(rule="b", count=count),))
    if outcome == PARTS:
        found = (Deduction(rule="c", count=count), Deduction(rule="b"))
        return ItemResult(item=item, deductions=found)
    return ItemResult(item=item)


def synthetic_findings(standard: ScoringStandard, enterprises: int, seed: int = SEED) -> Findings:
    """Findings of ``enterprises`` enterprises: per item 5 % 缺项, 5 % 不得分, 8 % b × 1–3,
    7 % c × 1–3 and one b, the rest 符合. An enterprise's draws do not depend on how many
    enterprises are drawn, so the first 200 of 10,000 are the 200 of a smaller draw."""
    import numpy as np

    outcomes, counts = (np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(2))
    draws = outcomes.random((enterprises, len(standard.items)))
    count = counts.integers(1, 4, size=draws.shape, dtype=np.int64)
    outcome = np.select(
        [draws < 0.05, draws < 0.10, draws < 0.18, draws < 0.25],
        [NOT_APPLICABLE, ALL, OCCURRENCES, PARTS],
        default=COMPLIANT,
    ).astype(np.int8)
    return Findings(standard, outcome, count)


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
