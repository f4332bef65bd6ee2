"""Fines set as a share of the previous year's income (按上一年年收入比例处罚的罚款).

Several provisions fine persons, not the unit, by a percentage of their income in the year
before: 2021 第九十六条 (其他负责人和安全生产管理人员, accident followed: 20%–50%), 第一百一十条
(主要负责人 failing to organise rescue, leaving post, fleeing, concealing or delaying the report:
60%–100%), and 第九十五条 by grade (see :func:`~safetyrules.penalties.principal_fine`). The
version follows 从旧兼从轻.

>>> from datetime import date
>>> f = income_share_fine("other-managers-duties-not-performed", 200000,
...                       occurred_on=date(2023, 5, 1), stage="导致发生生产安全事故")
>>> f.on, f.minimum, f.maximum
('其他负责人和安全生产管理人员', Decimal('40000'), Decimal('100000'))
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from safetyrules.accidents.grade import yuan_text
from safetyrules.checks import money
from safetyrules.errors import InvalidInput
from safetyrules.law.reason import Explanation, Reason
from safetyrules.penalties.accident_fines import FineRange
from safetyrules.penalties.provisions import Fine, PenaltyProvision, violation, violation_provision
from safetyrules.penalties.versions import lighter_version

HUNDRED = Decimal(100)


def income_share_fine(
    violation_id: str,
    previous_year_income: Decimal | int,
    *,
    occurred_on: date,
    decided_on: date | None = None,
    stage: str | None = None,
) -> FineRange:
    """The fine on a person as a share of their previous year's income (上一年年收入比例罚款).

    ``stage`` names the provision's stage (e.g. 导致发生生产安全事故); without it, the first
    stage with such a fine. Under a version that has no income-based fine for the stage, the
    band is 0 to 0 and the reason says so (2014 第九十三条 had none).

    2021 第九十六条, accident followed: 20%–50% of an income of 100000 元.

    >>> f = income_share_fine("other-managers-duties-not-performed", 100000,
    ...                       occurred_on=date(2023, 5, 1), stage="导致发生生产安全事故")
    >>> f.minimum, f.maximum, str(f.citation)
    (Decimal('20000'), Decimal('50000'), '《中华人民共和国安全生产法》（2021年修正）第九十六条')
    >>> f.reasons[-1].message
    '...处上一年年收入20%至50%的罚款：10万元 → 2万元至5万元'
    """
    income = money("previous_year_income", previous_year_income)
    found = violation(violation_id)

    def pick(law: str) -> tuple[PenaltyProvision, Fine | None, str]:
        provision = violation_provision(found.id, law)
        stages = [provision.stage(stage)] if stage is not None else list(provision.stages)
        for candidate in stages:
            for fine in candidate.fines:
                if fine.income_percent_max is not None:
                    return provision, fine, candidate.when
        return provision, None, stages[0].when if stages else ""

    def band(law: str) -> tuple[Decimal, Decimal]:
        _, fine, _ = pick(law)
        if fine is None:
            return Decimal(0), Decimal(0)
        low = fine.income_percent_min if fine.income_percent_min is not None else Decimal(0)
        assert fine.income_percent_max is not None
        return income * low / HUNDRED, income * fine.income_percent_max / HUNDRED

    chosen, choice = lighter_version(occurred_on, decided_on, band)
    provision, fine, when = pick(chosen)
    low, high = band(chosen)
    if fine is None:
        if stage is None:
            raise InvalidInput(
                "violation", violation_id, f"{provision.citation}没有按收入比例的罚款"
            )
        on, message = "", f"{found.name}：{when}，该版本不处按收入比例的罚款"
    else:
        on = fine.on
        percent = (
            f"{fine.income_percent_max}%"
            if fine.income_percent_min == fine.income_percent_max
            else f"{fine.income_percent_min}%至{fine.income_percent_max}%"
        )
        message = (
            f"{found.name}：{when}，对{on}处上一年年收入{percent}的罚款："
            f"{yuan_text(income)} → {yuan_text(low)}"
            + ("" if low == high else f"至{yuan_text(high)}")
        )
    reason = Reason(
        rule=f"penalties.income.{found.id}",
        message=message,
        citation=provision.citation,
        inputs={"previous_year_income": income, "stage": when},
        confidence=provision.confidence,
    )
    return FineRange(
        on=on or "—",
        minimum=low,
        maximum=high,
        law=chosen,
        citation=provision.citation,
        explanation=Explanation(reasons=(choice, reason)),
    )
