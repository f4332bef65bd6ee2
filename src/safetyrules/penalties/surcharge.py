"""加处罚款: the surcharge on a fine paid late (《中华人民共和国行政处罚法》（2021年修订）第七十二条
第一款第（一）项).

"当事人逾期不履行行政处罚决定的，作出行政处罚决定的行政机关可以采取下列措施：（一）到期不缴纳
罚款的，每日按罚款数额的百分之三加处罚款，加处罚款的数额不得超出罚款的数额；"

- 3 % of the fine for each day overdue, and never more than the fine itself: from the 34th day
  (34 × 3 % = 102 %) the surcharge stays at the fine.
- The agency **may** (可以) impose it; ``mandatory`` is False.
- Amounts are exact ``Decimal`` yuan, not rounded: rounding to the fen (分) is the caller's
  choice.
- *The library's reading* of the days: ``due_on`` is the last day on which the fine could be
  paid in time (the end of the 第六十七条 period, or of an approved 延期 or 分期 period). Days
  count from the day after ``due_on`` up to and including ``paid_on``: a fine paid the day
  after it fell due is one day overdue; one paid on or before ``due_on`` is not overdue. For
  a fine still unpaid, pass the day of the calculation as ``paid_on``. The article does not say
  whether the payment day counts; the reason that states the convention is marked unverified.
- The 2021 revision (in force 2021-07-15) must be in force on the first overdue day;
  otherwise :class:`~safetyrules.errors.NotInForce` (the earlier text is not encoded).

>>> from datetime import date
>>> s = late_payment_surcharge(10000, date(2024, 1, 31), date(2024, 2, 10))
>>> s.days, s.surcharge, s.capped
(10, Decimal('3000'), False)
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from safetyrules.accidents.grade import yuan_text
from safetyrules.checks import day, money
from safetyrules.errors import InvalidInput
from safetyrules.law.catalogue import require_in_force
from safetyrules.law.citation import Citation
from safetyrules.law.confidence import Confidence
from safetyrules.law.reason import Explanation, Reason

# 《中华人民共和国行政处罚法》（2021年修订）, in force 2021-07-15.
_LAW = "administrative-penalty-law-2021"
_CITATION = Citation(instrument=_LAW, provision="第七十二条第一款第（一）项")
_PERCENT_PER_DAY = 3


class LateSurcharge(BaseModel):
    """The surcharge on a fine paid late (加处罚款): days overdue, amount, whether the cap
    applied, and the fine plus surcharge (``payable``).

    >>> from datetime import date
    >>> s = late_payment_surcharge(10000, date(2024, 1, 31), date(2024, 3, 5))
    >>> s.days, s.surcharge, s.capped, s.payable
    (34, Decimal('10000'), True, Decimal('20000'))
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    fine: Decimal
    due_on: date
    paid_on: date
    days: int
    surcharge: Decimal
    capped: bool
    payable: Decimal
    mandatory: bool = False
    citation: Citation
    explanation: Explanation

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """The reasons, in order."""
        return self.explanation.reasons


def late_payment_surcharge(fine: Decimal | int, due_on: date, paid_on: date) -> LateSurcharge:
    """The surcharge an agency may add to a fine not paid by its due date (加处罚款).

    ``fine`` is the fine in yuan (more than zero); ``due_on`` the last day to pay in time;
    ``paid_on`` the day it was paid (or the day of the calculation, if still unpaid).
    Surcharge = fine × 3 % × days overdue, at most the fine.

    >>> from datetime import date
    >>> late_payment_surcharge(Decimal("12345.67"), date(2024, 2, 28), date(2024, 3, 1)).surcharge
    Decimal('740.7402')
    >>> late_payment_surcharge(5000, date(2024, 2, 28), date(2024, 2, 28)).surcharge
    Decimal('0')
    """
    amount = money("fine", fine)
    if amount == 0:
        raise InvalidInput("fine", fine, "罚款数额须大于零")
    due_on = day("due_on", due_on)
    paid_on = day("paid_on", paid_on)
    days = max((paid_on - due_on).days, 0)
    if days:
        require_in_force(_LAW, due_on + timedelta(days=1))
    raw = amount * _PERCENT_PER_DAY * days / 100
    capped = raw > amount
    surcharge = amount if capped else raw

    rule = Reason(
        rule="penalties.surcharge",
        message=f"到期不缴纳罚款的，作出行政处罚决定的行政机关可以每日按罚款数额的百分之三加处罚款，"
        f"加处罚款的数额不得超出罚款的数额（{yuan_text(amount)}）",
        citation=_CITATION,
        inputs={"fine": amount},
    )
    if days:
        first = due_on + timedelta(days=1)
        counted = (
            f"缴纳期限最后一日为{due_on.isoformat()}，自次日（{first.isoformat()}）起至"
            f"{paid_on.isoformat()}（含当日）逾期{days}日（本库的读法）：{yuan_text(amount)} × 3% × {days}"
            f" = {yuan_text(raw)}"
            + (f"，超出罚款数额，以罚款数额{yuan_text(amount)}为限" if capped else "")
        )
    else:
        counted = f"{paid_on.isoformat()}缴纳，未超过缴纳期限（{due_on.isoformat()}），不加处罚款"
    counting = Reason(
        rule="penalties.surcharge.days",
        message=counted,
        citation=_CITATION,
        inputs={"due_on": due_on, "paid_on": paid_on, "days": days},
        confidence=Confidence.UNVERIFIED if days else Confidence.OFFICIAL,
    )
    return LateSurcharge(
        fine=amount,
        due_on=due_on,
        paid_on=paid_on,
        days=days,
        surcharge=surcharge,
        capped=capped,
        payable=amount + surcharge,
        citation=_CITATION,
        explanation=Explanation(reasons=(rule, counting)),
    )
