"""The audit's credit section (严重失信主体名单): for each recorded accident whose penalty was
decided, whether the enterprise or its 主要负责人 had to be listed. The case counts the decided
accident and the enterprise's accidents in the 12 months before it, the window both regimes use
for repeated accidents (12个月内累计, 1年内)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from pydantic import BaseModel, ConfigDict

from safetyrules.accidents.record import AccidentRecord
from safetyrules.credit.assessment import ListingAssessment, assess_listing
from safetyrules.credit.period import within_months
from safetyrules.credit.record import AccidentFacts, CaseFacts
from safetyrules.enterprise import Enterprise
from safetyrules.errors import SafetyRulesError


class CreditItem(BaseModel):
    """The listing verdict for one penalty decision on an accident (失信名单判定)."""

    model_config = ConfigDict(frozen=True)

    decided_on: date
    summary: str
    result: ListingAssessment | None = None
    problem: str | None = None


def credit_items(
    enterprise: Enterprise, accidents: Iterable[AccidentRecord], as_of: date
) -> tuple[CreditItem, ...]:
    """One verdict per accident with a penalty decision on or before ``as_of``."""
    records = sorted(accidents, key=lambda r: r.occurred_on)
    items: list[CreditItem] = []
    for record in records:
        findings = record.findings
        if findings is None or findings.decided_on is None or findings.decided_on > as_of:
            continue
        decided_on = findings.decided_on
        base = CreditItem(decided_on=decided_on, summary=record.summary)
        try:
            case = CaseFacts(
                unit_name=enterprise.name,
                penalty_decided_on=decided_on,
                accidents=[
                    _facts(r)
                    for r in records
                    if within_months(r.occurred_on, record.occurred_on, 12)
                ],
            )
            items.append(base.model_copy(update={"result": assess_listing(case, as_of=as_of)}))
        except SafetyRulesError as error:
            items.append(base.model_copy(update={"problem": str(error)}))
    return tuple(items)


def _facts(record: AccidentRecord) -> AccidentFacts:
    responsible = True if record.findings is None else record.findings.unit_responsible
    return AccidentFacts(
        occurred_on=record.occurred_on,
        grade=record.classify().grade,
        responsibility=responsible,
        deaths=record.deaths,
    )
