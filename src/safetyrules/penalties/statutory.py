"""The statutory fine for a violation (法定罚款幅度), under the version 从旧兼从轻 selects.

For a violation found at an inspection, the stage is normally the first one (责令限期改正 with
its fine, or the fine imposed at once); a later stage (逾期未改正, 拒不执行 …) is asked for by
name. The result is the band in the statute, before any discretion.

>>> from datetime import date
>>> r = statutory_range("warning-signs-missing", occurred_on=date(2026, 11, 20))
>>> r.maximum, str(r.citation)
(Decimal('50000'), '《中华人民共和国安全生产法》（2021年修正）第九十九条')
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from safetyrules.accidents.grade import yuan_text
from safetyrules.checks import day
from safetyrules.errors import InvalidInput, NotInForce
from safetyrules.law.catalogue import instrument
from safetyrules.law.reason import Explanation, Reason
from safetyrules.penalties.accident_fines import FineRange
from safetyrules.penalties.provisions import (
    LAWS,
    Fine,
    PenaltyProvision,
    law_on,
    violation,
    violation_provision,
)
from safetyrules.penalties.versions import lighter_version


def statutory_range(
    violation_id: str,
    *,
    occurred_on: date,
    decided_on: date | None = None,
    stage: str | None = None,
    on: str = "生产经营单位",
) -> FineRange:
    """The fine band for a violation on one party at one stage (法定罚款幅度).

    ``stage`` defaults to the provision's first stage (the measure taken when the violation is
    found). A stage with no fine on ``on`` gives a band of 0 to 0 and says so: 2014 第九十九条,
    for one, fined nothing until the unit refused to act. A stage whose fine is not a fixed
    amount (a share of income, a multiple of gains) is an error here.

    2021 第九十九条第（一）项: 5万元以下 when found; 逾期未改正, 5万–20万 on the unit and 1万–2万 on
    the persons responsible (直接负责的主管人员和其他直接责任人员).

    >>> r = statutory_range("warning-signs-missing", occurred_on=date(2023, 5, 1))
    >>> r.minimum, r.maximum, r.law
    (Decimal('0'), Decimal('50000'), 'work-safety-law-2021')
    >>> r = statutory_range("warning-signs-missing", occurred_on=date(2023, 5, 1), stage="逾期未改正")
    >>> r.reasons[-1].message
    '...逾期未改正，对生产经营单位处5万元以上20万元以下的罚款'
    >>> r = statutory_range("warning-signs-missing", occurred_on=date(2023, 5, 1),
    ...                     stage="逾期未改正", on="直接负责的主管人员和其他直接责任人员")
    >>> r.minimum, r.maximum
    (Decimal('10000'), Decimal('20000'))
    """
    found = violation(violation_id)
    occurred_on = day("occurred_on", occurred_on)
    decided_on = None if decided_on is None else day("decided_on", decided_on)
    then = law_on(occurred_on)
    if found.version(then) is None:
        raise NotInForce(
            found.id,
            occurred_on,
            f"违法行为发生时施行的{instrument(then).label}没有这一违法行为的罚则",
        )
    parties = {
        fine.on
        for law in LAWS
        if found.version(law) is not None
        for candidate in violation_provision(found.id, law).stages
        for fine in candidate.fines
    }
    if on not in parties:
        raise InvalidInput("on", on, f"罚则中的受罚对象为：{'、'.join(sorted(parties)) or '无'}")

    def band(law: str) -> tuple[Decimal, Decimal]:
        if found.version(law) is None:
            # A version that no longer punishes the act is the lightest (不认为是违法的).
            return Decimal(0), Decimal(0)
        fine, _ = _fine(violation_provision(found.id, law), stage, on)
        if fine is None:
            return Decimal(0), Decimal(0)
        assert fine.maximum is not None
        return fine.minimum or Decimal(0), fine.maximum

    chosen, choice = lighter_version(occurred_on, decided_on, band)
    provision = violation_provision(found.id, chosen)
    fine, when = _fine(provision, stage, on)
    low, high = band(chosen)
    if fine is None:
        message = f"{found.name}：{when}，不对{on}处罚款"
    else:
        verb = "处" if fine.mandatory else "可以处"
        message = (
            f"{found.name}：{when}，对{on}{verb}"
            + (f"{yuan_text(low)}以上" if low else "")
            + f"{yuan_text(high)}以下的罚款"
        )
    reason = Reason(
        rule=f"penalties.statutory.{found.id}",
        message=message,
        citation=provision.citation,
        inputs={"violation": found.id, "stage": when},
        confidence=provision.confidence,
    )
    return FineRange(
        on=on,
        minimum=low,
        maximum=high,
        law=chosen,
        citation=provision.citation,
        explanation=Explanation(reasons=(choice, reason)),
    )


def _fine(provision: PenaltyProvision, stage: str | None, on: str) -> tuple[Fine | None, str]:
    chosen = provision.stage(stage) if stage is not None else provision.stages[0]
    for fine in chosen.fines:
        if fine.on == on:
            if fine.maximum is None:
                raise InvalidInput(
                    "stage", chosen.when, f"{provision.citation}该情形的罚款不是固定数额"
                )
            return fine, chosen.when
    return None, chosen.when
