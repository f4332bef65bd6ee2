"""按日连续处罚: a fine repeated for every day a unit refuses to correct (《中华人民共和国安全生产法》
（2021年修正）第一百一十二条).

"生产经营单位违反本法规定，被责令改正且受到罚款处罚，拒不改正的，负有安全生产监督管理职责的部门
可以自作出责令改正之日的次日起，按照原处罚数额按日连续处罚。"

Three points the article settles and two it leaves to this library:

- The department **may** (可以) impose the daily fine; it is not bound to. The result gives the
  amount that may be imposed, with ``mandatory`` False.
- The count starts on the day after the correction order (次日起): the order day itself never
  counts.
- Each day costs the original fine (原处罚数额): total = days × original fine.
- *The library's reading*: the count ends on the last day of refusal. The day the unit corrects
  is not a day of refusal (拒不改正 has ended that day), so it does not count; a unit that
  corrects the day after the order owes nothing. A unit still refusing on ``as_of`` is counted
  up to and including ``as_of``. The article does not say how the last day is treated; the
  reason that states this convention is marked unverified.
- *The library's reading*: the article is new in the 2021 amendment (in force 2021-09-01) and
  has no counterpart in the 2014 text, so the correction order must be dated 2021-09-01 or
  later; an earlier order raises :class:`~safetyrules.errors.NotInForce`.

>>> from datetime import date
>>> f = daily_fine(20000, date(2024, 2, 27), date(2024, 3, 2), as_of=date(2024, 3, 10))
>>> f.days, f.total, f.mandatory
(3, Decimal('60000'), False)
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

# 《中华人民共和国安全生产法》（2021年修正）, whose 第一百一十二条 sets the daily fine.
_LAW = "work-safety-law-2021"

_CITATION = Citation(instrument=_LAW, provision="第一百一十二条")


class DailyFine(BaseModel):
    """A daily fine for refusing to correct (按日连续处罚): the days counted and the total.

    ``first_day`` is the day after the order; ``last_day`` is the last day of refusal counted
    (``None`` when no day counts). ``mandatory`` is False: the article says 可以.

    >>> from datetime import date
    >>> f = daily_fine(5000, date(2023, 12, 30), as_of=date(2024, 1, 2))
    >>> f.first_day, f.last_day, f.days, f.total
    (datetime.date(2023, 12, 31), datetime.date(2024, 1, 2), 3, Decimal('15000'))
    >>> [d.isoformat() for d in f.dates()]
    ['2023-12-31', '2024-01-01', '2024-01-02']
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    original_fine: Decimal
    ordered_on: date
    corrected_on: date | None
    as_of: date
    first_day: date
    last_day: date | None
    days: int
    total: Decimal
    mandatory: bool = False
    citation: Citation
    explanation: Explanation

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """The reasons, in order."""
        return self.explanation.reasons

    def dates(self) -> tuple[date, ...]:
        """Every day counted, in order (按日连续处罚的各日)."""
        return tuple(self.first_day + timedelta(days=n) for n in range(self.days))


def daily_fine(
    original_fine: Decimal | int,
    ordered_on: date,
    corrected_on: date | None = None,
    *,
    as_of: date,
) -> DailyFine:
    """The daily fine a department may impose on a unit that refuses to correct (按日连续处罚).

    ``original_fine`` is the fine imposed with the correction order (原处罚数额, yuan, more
    than zero). ``ordered_on`` is the day the order was made (作出责令改正之日);
    ``corrected_on`` the day the unit corrected, or ``None`` if it still refuses on ``as_of``
    (the day of the calculation). Days counted: from the day after the order to the day before
    the correction, or to ``as_of`` inclusive when not yet corrected.

    >>> from datetime import date
    >>> f = daily_fine(10000, date(2022, 5, 10), date(2022, 5, 20), as_of=date(2022, 6, 1))
    >>> f.days, f.total
    (9, Decimal('90000'))
    >>> daily_fine(10000, date(2021, 8, 31), as_of=date(2021, 9, 5))
    Traceback (most recent call last):
    ...
    safetyrules.errors.NotInForce: work-safety-law-2021 于 2021-08-31 不在有效期内: 2021-09-01 起施行
    """
    fine = money("original_fine", original_fine)
    if fine == 0:
        raise InvalidInput(
            "original_fine", original_fine, "按日连续处罚以已受到罚款处罚为前提，原罚款数额须大于零"
        )
    ordered_on = day("ordered_on", ordered_on)
    as_of = day("as_of", as_of)
    if as_of < ordered_on:
        raise InvalidInput("as_of", as_of, "计算日期不能早于责令改正日期")
    if corrected_on is not None:
        corrected_on = day("corrected_on", corrected_on)
        if corrected_on < ordered_on:
            raise InvalidInput("corrected_on", corrected_on, "改正日期不能早于责令改正日期")
        if corrected_on > as_of:
            raise InvalidInput("corrected_on", corrected_on, "改正日期不能晚于计算日期")
    require_in_force(_LAW, ordered_on)

    first = ordered_on + timedelta(days=1)
    last = corrected_on - timedelta(days=1) if corrected_on is not None else as_of
    days = max((last - first).days + 1, 0)
    total = fine * days

    rule = Reason(
        rule="penalties.daily_fine",
        message=f"被责令改正且受到罚款处罚，拒不改正的，负有安全生产监督管理职责的部门可以自作出责令改正之日"
        f"（{ordered_on.isoformat()}）的次日（{first.isoformat()}）起，按照原处罚数额"
        f"（{yuan_text(fine)}）按日连续处罚；是否处罚由该部门决定",
        citation=_CITATION,
        inputs={"original_fine": fine, "ordered_on": ordered_on},
    )
    if corrected_on is not None:
        end = f"{corrected_on.isoformat()}改正，改正当日不再计入（本库的读法：改正之日拒不改正的状态已经结束）"
    else:
        end = f"截至{as_of.isoformat()}仍未改正，计至该日（含当日）"
    span = f"{first.isoformat()}至{last.isoformat()}" if days else "无应计日数"
    counting = Reason(
        rule="penalties.daily_fine.days",
        message=f"{end}；计{span}，共{days}日：{yuan_text(fine)} × {days} = {yuan_text(total)}",
        citation=_CITATION,
        inputs={"corrected_on": corrected_on, "as_of": as_of, "days": days},
        confidence=Confidence.UNVERIFIED,
    )
    return DailyFine(
        original_fine=fine,
        ordered_on=ordered_on,
        corrected_on=corrected_on,
        as_of=as_of,
        first_day=first,
        last_day=last if days else None,
        days=days,
        total=total,
        citation=_CITATION,
        explanation=Explanation(reasons=(rule, counting)),
    )
