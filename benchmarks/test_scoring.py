"""Standardization scoring (标准化自评打分): 10,000 enterprises × 300 items.

A synthetic 300-item standard built through the library's public models, and synthetic findings
of ``ENTERPRISES`` enterprises (``synthetic.py``), drawn once and given to each side in the form
it reads, built before the clock starts:

* the bulk path, ``safetyrules.bulk.score_assessments``: one long polars results table, one
  row per finding (about 3.2 million rows), all enterprises in one call. The target
  (≥ 0.5× dict-sum) is judged on it;
* the dict-sum baseline: one plain dict per enterprise (item → (rule, count) pairs, or ``None``
  for a 缺项), deductions summed, then 实得分 ÷ (总分 - 缺项) × 100; the score only;
* the explained path, ``safetyrules.scoring.score``, enterprise by enterprise on typed
  :class:`~safetyrules.scoring.ItemResult` lists, returning the full assessment (items, element
  subtotals, explanation). A round of 10,000 would take about a minute, so each round scores
  the first ``EXPLAINED_ENTERPRISES`` and the report extrapolates per enterprise; no target.

Every side's scores are checked against the baseline's, enterprise by enterprise.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from benchmarks import peers
from benchmarks.synthetic import Findings, synthetic_findings, synthetic_standard
from safetyrules.scoring import ScoringStandard, score

ITEMS = 300
ENTERPRISES = 10_000
EXPLAINED_ENTERPRISES = 200
GROUP = f"scoring {ENTERPRISES:,} enterprises x {ITEMS} items"


@pytest.fixture(scope="module")
def standard() -> ScoringStandard:
    return synthetic_standard(ITEMS)


@pytest.fixture(scope="module")
def findings(standard: ScoringStandard) -> Findings:
    return synthetic_findings(standard, ENTERPRISES)


@pytest.fixture(scope="module")
def plain(findings: Findings) -> list[dict[str, Any]]:
    return findings.dicts()


@pytest.fixture(scope="module")
def expected(standard: ScoringStandard, plain: list[dict[str, Any]]) -> list[Decimal]:
    """The baseline's score of every enterprise, in order."""
    table = peers.dict_table(standard)
    return [peers.dict_sum_score(table, standard.total, found) for found in plain]


def _info(benchmark: Any, enterprises: int, **extra: Any) -> None:
    benchmark.group = GROUP
    benchmark.extra_info.update(enterprises=enterprises, items=ITEMS, **extra)


def test_scoring_bulk(
    benchmark: Any, standard: ScoringStandard, findings: Findings, expected: list[Decimal]
) -> None:
    from safetyrules.bulk import score_assessments

    frame = findings.frame()
    _info(benchmark, ENTERPRISES, rows=frame.height)

    def run() -> Any:
        return score_assessments(
            frame, standard, not_applicable_column="not_applicable", reason_column="reason"
        )

    scored = benchmark.pedantic(run, rounds=3, iterations=1, warmup_rounds=1)
    assert scored["problem"].null_count() == ENTERPRISES
    by_enterprise = dict(zip(scored["enterprise"], scored["score"], strict=True))
    assert len(by_enterprise) == ENTERPRISES
    for enterprise, baseline in zip(findings.enterprise_ids(), expected, strict=True):
        assert by_enterprise[enterprise] == float(baseline), enterprise


def test_scoring_dict_sum(
    benchmark: Any, standard: ScoringStandard, plain: list[dict[str, Any]], expected: Any
) -> None:
    _info(benchmark, ENTERPRISES)
    table = peers.dict_table(standard)
    scores = benchmark.pedantic(
        lambda: [peers.dict_sum_score(table, standard.total, found) for found in plain],
        rounds=3,
        iterations=1,
    )
    assert scores == expected
    assert len(set(scores)) > 1  # the synthetic findings do differ


def test_scoring_explained(
    benchmark: Any, standard: ScoringStandard, findings: Findings, expected: list[Decimal]
) -> None:
    _info(benchmark, EXPLAINED_ENTERPRISES, extrapolated_to=ENTERPRISES)
    results = findings.item_results(EXPLAINED_ENTERPRISES)
    scores = benchmark.pedantic(
        lambda: [score(standard, found).score for found in results],
        rounds=3,
        iterations=1,
        warmup_rounds=1,
    )
    assert scores == expected[:EXPLAINED_ENTERPRISES]
