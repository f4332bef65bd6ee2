"""Small builders for credit test cases."""

from __future__ import annotations

from datetime import date
from typing import Any

from safetyrules.accidents import AccidentGrade
from safetyrules.credit import AccidentFacts, CaseFacts, ListingAssessment

G, L, M, E = (
    AccidentGrade.GENERAL,
    AccidentGrade.LARGER,
    AccidentGrade.MAJOR,
    AccidentGrade.ESPECIALLY_MAJOR,
)
# Fewest deaths that reach each grade (国务院令第493号第三条), used to keep accidents consistent.
DEATHS = {G: 1, L: 3, M: 10, E: 30}


def accident(on: date, grade: AccidentGrade = G, **facts: Any) -> AccidentFacts:
    facts.setdefault("deaths", DEATHS[grade])
    return AccidentFacts(occurred_on=on, grade=grade, **facts)


def case(decided: date, *accidents: AccidentFacts, **facts: Any) -> CaseFacts:
    return CaseFacts(
        unit_name="某化工有限公司", penalty_decided_on=decided, accidents=accidents, **facts
    )


def labels(result: ListingAssessment) -> list[str]:
    """The labels of the situations that apply, in order (成立的列入情形)."""
    return [s.label for s in result.situations]
