"""The audit's credit section (严重失信主体名单): for each recorded accident whose penalty was
decided, whether the enterprise or its 主要负责人 had to be listed.

The case counts the decided accident, the enterprise's accidents in the 12 months before it and
those between it and the decision (the windows of repeated accidents: 12个月内累计, 1年内). An
accident record carries its grade, deaths, the unit's responsibility and the 2–5× fine; facts it
does not record (瞒报、谎报, the 主要负责人's conduct after the accident, licences, refusal to
perform a decision …) are taken as absent, and each verdict says so.
"""

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

UNRECORDED = (
    "事故记录未载明的事实按不存在判定：瞒报、谎报，事故后主要负责人的行为，安全生产许可情况，"
    "拒不履行行政处罚决定等；如有，请按失信名单规定另行判定"
)
"""What the audit cannot see from accident records."""


class CreditItem(BaseModel):
    """The listing verdict for one penalty decision on an accident (失信名单判定).

    >>> from safetyrules.audit import audit, demo_inputs
    >>> item = audit(demo_inputs(), date(2026, 11, 29)).credit[0]
    >>> item.decided_on, item.result.listed
    (datetime.date(2024, 10, 15), False)
    """

    model_config = ConfigDict(frozen=True)

    decided_on: date
    summary: str
    result: ListingAssessment | None = None
    problem: str | None = None
    note: str = UNRECORDED


def credit_items(
    enterprise: Enterprise, accidents: Iterable[AccidentRecord], as_of: date
) -> tuple[CreditItem, ...]:
    """One listing verdict per accident penalised on or before ``as_of`` (失信名单判定).

    An accident whose investigation did not find the unit responsible brought it no penalty
    (应急管理部令第11号第三条 requires one): it is reported without a verdict.

    >>> from safetyrules.audit import demo_inputs
    >>> demo = demo_inputs()
    >>> [i.decided_on.isoformat() for i in credit_items(demo.enterprise, demo.accidents,
    ...                                                 date(2026, 11, 29))]
    ['2024-10-15']
    """
    records = sorted(accidents, key=lambda r: r.occurred_on)
    items: list[CreditItem] = []
    for record in records:
        findings = record.findings
        if findings is None or findings.decided_on is None or findings.decided_on > as_of:
            continue
        decided_on = findings.decided_on
        base = CreditItem(decided_on=decided_on, summary=record.summary)
        if not findings.unit_responsible:
            items.append(
                base.model_copy(update={"problem": "事故调查未认定事故发生单位负有责任，未判定"})
            )
            continue
        try:
            case = CaseFacts(
                unit_name=enterprise.name,
                penalty_decided_on=decided_on,
                accidents=[
                    _facts(r)
                    for r in records
                    if r.occurred_on <= decided_on
                    and (
                        within_months(r.occurred_on, record.occurred_on, 12)
                        or r.occurred_on >= record.occurred_on
                    )
                ],
            )
            items.append(base.model_copy(update={"result": assess_listing(case, as_of=as_of)}))
        except SafetyRulesError as error:
            items.append(base.model_copy(update={"problem": str(error)}))
    return tuple(items)


def _facts(record: AccidentRecord) -> AccidentFacts:
    findings = record.findings
    return AccidentFacts(
        occurred_on=record.occurred_on,
        grade=record.classify().grade,
        responsibility=True if findings is None else findings.unit_responsible,
        deaths=record.deaths,
        multiple_fine=False if findings is None else findings.especially_serious,
    )
