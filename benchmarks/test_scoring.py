"""Standardization scoring (标准化自评打分): ``score`` against a dict-sum baseline.

A synthetic 300-item standard built through the library's public models (``synthetic.py``),
and synthetic results. Scoring 10,000 enterprises takes longer than one benchmark run should
(about 11 ms an enterprise: two minutes a round), so each round scores ``ENTERPRISES``
enterprises and the report gives the time per enterprise, and × 10,000 as an extrapolation.

safetyrules gets its typed inputs (:class:`~safetyrules.scoring.ItemResult`, built before the
clock starts) and returns the full assessment: items, element subtotals, explanation. The
baseline gets the same results as plain dicts and returns the score only.
"""

from __future__ import annotations

from typing import Any

import pytest

from benchmarks import peers
from benchmarks.synthetic import as_dicts, synthetic_results, synthetic_standard
from safetyrules.scoring import ScoringStandard, score

ITEMS = 300
ENTERPRISES = 200
EXTRAPOLATED_TO = 10_000


@pytest.fixture(scope="module")
def standard() -> ScoringStandard:
    return synthetic_standard(ITEMS)


@pytest.fixture(scope="module")
def results(standard: ScoringStandard) -> list[Any]:
    return synthetic_results(standard, ENTERPRISES)


def _info(benchmark: Any) -> None:
    benchmark.group = f"scoring {ITEMS} items"
    benchmark.extra_info.update(
        enterprises=ENTERPRISES, items=ITEMS, extrapolated_to=EXTRAPOLATED_TO
    )


def test_scoring_safetyrules(benchmark: Any, standard: ScoringStandard, results: Any) -> None:
    _info(benchmark)
    scores = benchmark.pedantic(
        lambda: [score(standard, found).score for found in results],
        rounds=3,
        iterations=1,
        warmup_rounds=1,
    )
    table = peers.dict_table(standard)
    assert scores == [peers.dict_sum_score(table, standard.total, as_dicts(r)) for r in results]


def test_scoring_dict_sum(benchmark: Any, standard: ScoringStandard, results: Any) -> None:
    _info(benchmark)
    table = peers.dict_table(standard)
    plain = [as_dicts(found) for found in results]
    scores = benchmark.pedantic(
        lambda: [peers.dict_sum_score(table, standard.total, found) for found in plain],
        rounds=15,
        iterations=1,
        warmup_rounds=1,
    )
    assert len(set(scores)) > 1  # the synthetic results do differ
