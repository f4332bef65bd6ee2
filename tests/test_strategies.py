"""The exported hypothesis strategies generate values the rule functions accept."""

from __future__ import annotations

from hypothesis import given

from safetyrules.accidents import AccidentRecord
from safetyrules.risk import RiskPoint, grade_register
from safetyrules.risk.major_hazard import SubstanceInput, assess
from safetyrules.scoring import ItemResult, load_standard, score
from safetyrules.testing import (
    accident_records,
    item_results,
    risk_points,
    substance_inputs,
)

GENERAL = load_standard("general-gbt-33000-2016")


@given(accident_records(boundary=True))
def test_accident_records_classify(record: AccidentRecord) -> None:
    assert record.classify().grade is not None


@given(risk_points())
def test_risk_points_grade(point: RiskPoint) -> None:
    assert grade_register([point]).rows[0].point == point


@given(substance_inputs())
def test_substances_assess(rows: list[SubstanceInput]) -> None:
    assert assess(rows).s >= 0


@given(item_results(GENERAL))
def test_item_results_score(results: list[ItemResult]) -> None:
    assert 0 <= score(GENERAL, results).score <= 100
