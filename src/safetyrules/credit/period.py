"""The listing period (名单管理期限): start, last day, and when removal may be applied for.

Counting, *the library's reading*. Neither list rule, as far as seen, says how its years and
months are counted. The library counts as it does for the limitation period
(:mod:`safetyrules.penalties.limitation_period`), after 《中华人民共和国民法典》第二百零一条第一款
("按照年、月、日计算期间的，开始的当日不计入，自下一日开始计算") and 第二百零二条 ("按照年、月计算期间的，
到期月的对应日为期间的最后一日；没有对应日的，月末日为期间的最后一日"), checked against secondary
reprints only (未见官方原文; the 民法典 is not in the library's catalogue):

- a period of *n* years or months that starts on day *d* ends on :func:`period_last_day` =
  *d* + ``relativedelta(years=n)`` (or ``months=n``): the same date *n* years later, or the last
  day of the month when that month has no such day (29 February → 28 February);
- listed on 2024-02-29 under 应急管理部令第11号 (3 years): the last day on the list is
  2027-02-28 and the party comes off the list on 2027-03-01;
- "列入满12个月" is complete at the end of *d* + 12 months, so early removal may be applied for
  from the next day: listed 2024-03-15 → from 2025-03-16; listed 2024-02-29 → from 2025-03-01;
- "期满前30日之内" (安监总办〔2017〕49号) is read as the 30 days ending on the last day of the
  term, that day included.

What a day is, relative to the period (:class:`ListingStatus`, :meth:`ListingPeriod.status`):
before the listing day, within the term, or after the last day. After the last day the two
regimes differ. Under 应急管理部令第11号 the party comes off the list at the end of the term
(期满移出; seen only in a report on 山西's implementing rules, unverified). Under
安监总办〔2017〕49号 it does not: removal follows an application and its approval
("被惩戒对象须在期满前30日之内…提出移出申请，经国家安全监管总局审定通过后…"), so after the last day
the entry stands until a removal is approved (期满未自动移出).

A reading that counts the listing day itself ends every period one day earlier; every reason
that depends on the reading says so and is marked unverified.

>>> from datetime import date
>>> p = listing_period(date(2024, 2, 29), "serious-dishonesty-list-measures")
>>> p.start, p.end, p.early_removal_from
(datetime.date(2024, 2, 29), datetime.date(2027, 2, 28), datetime.date(2025, 3, 1))
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import Enum

from dateutil.relativedelta import relativedelta
from pydantic import BaseModel, ConfigDict

from safetyrules.checks import day
from safetyrules.credit.list_rules import Regime, regime
from safetyrules.errors import InvalidInput, NotInForce
from safetyrules.law.confidence import Confidence
from safetyrules.law.reason import Explanation, Reason

_READING = (
    "本库的读法，参照《中华人民共和国民法典》第二百零一条、第二百零二条（开始的当日不计入；到期月的对应日为"
    "期间的最后一日，没有对应日的，月末日为最后一日）；若将列入当日计入，各日期提前一日"
)


def period_last_day(start: date, *, years: int = 0, months: int = 0) -> date:
    """The last day of a period of years and months that starts on ``start`` (期间的最后一日).

    ``start`` itself is not counted; the period ends on the corresponding day, or on the last
    day of the month when the month has none (the library's reading, see the module text).

    >>> period_last_day(date(2024, 2, 29), years=3)
    datetime.date(2027, 2, 28)
    >>> period_last_day(date(2023, 2, 28), months=12)
    datetime.date(2024, 2, 28)
    >>> period_last_day(date(2024, 1, 31), months=1)
    datetime.date(2024, 2, 29)
    """
    start = day("start", start)
    for name, value in (("years", years), ("months", months)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise InvalidInput(name, value, "须为不小于零的整数")
    if years == 0 and months == 0:
        raise InvalidInput("years", years, "期间不能为零")
    return start + relativedelta(years=years, months=months)


def within_months(earlier: date, later: date, months: int) -> bool:
    """Whether ``later`` falls within ``months`` months of ``earlier`` (某日是否在前一日起若干个月内):
    not before ``earlier`` and not after :func:`period_last_day` of ``earlier``.

    >>> within_months(date(2024, 3, 15), date(2025, 3, 15), 12)
    True
    >>> within_months(date(2024, 3, 15), date(2025, 3, 16), 12)
    False
    """
    return earlier <= later <= period_last_day(earlier, months=months)


class ListingStatus(Enum):
    """Where a day falls relative to a listing period (某日的名单状态).

    ``EXPIRED_NOT_REMOVED``: the term has run but the regime does not remove the party by itself
    (安监总办〔2017〕49号: removal on application, after approval); the entry stands until a
    removal is approved. ``REMOVED_AT_EXPIRY``: the term has run and the regime removes the party
    at its end (应急管理部令第11号).

    >>> [s.value for s in ListingStatus]
    ['尚未列入', '在名单期限内', '期满未自动移出（须经申请、审定后移出）', '已期满移出']
    """

    NOT_YET_LISTED = "尚未列入"
    ON_LIST = "在名单期限内"
    EXPIRED_NOT_REMOVED = "期满未自动移出（须经申请、审定后移出）"
    REMOVED_AT_EXPIRY = "已期满移出"

    @property
    def on_list(self) -> bool:
        """Whether the list entry stands on that day (是否仍在名单上): within the term, or
        after it while no removal has been approved.

        >>> ListingStatus.EXPIRED_NOT_REMOVED.on_list, ListingStatus.REMOVED_AT_EXPIRY.on_list
        (True, False)
        """
        return self in (ListingStatus.ON_LIST, ListingStatus.EXPIRED_NOT_REMOVED)


class ListingPeriod(BaseModel):
    """The period a party stays on a list (名单管理期限) and its removal dates.

    ``end`` is the last day on the list (inclusive). ``early_removal_from`` is the first day
    early removal (提前移出) may be applied for, under 应急管理部令第11号; ``removal_application_from``
    the first day of the window to apply for removal at the end of the term (期满申请移出), under
    安监总办〔2017〕49号. ``automatic_removal``: the party comes off the list at the end of the term
    without applying; when False (the 2017 rules) the entry stands after the last day until a
    removal is approved (:attr:`ListingStatus.EXPIRED_NOT_REMOVED`).

    >>> p = listing_period(date(2022, 6, 30), "work-safety-joint-punishment-measures-2017")
    >>> p.end, p.removal_application_from, p.automatic_removal, p.removed_on
    (datetime.date(2023, 6, 30), datetime.date(2023, 6, 1), False, None)
    >>> p.covers(date(2023, 6, 30)), p.covers(date(2023, 7, 1))
    (True, False)
    >>> p.status(date(2023, 7, 1)).value
    '期满未自动移出（须经申请、审定后移出）'
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    regime: str
    start: date
    end: date
    years: int
    automatic_removal: bool
    early_removal_from: date | None = None
    removal_application_from: date | None = None
    explanation: Explanation

    @property
    def removed_on(self) -> date | None:
        """The first day off the list once the term has run (期满移出之日), when the regime
        removes the party at the end of the term; None when removal needs an application and its
        approval (安监总办〔2017〕49号), whose day is not known.

        >>> listing_period(date(2024, 2, 29), "serious-dishonesty-list-measures").removed_on
        datetime.date(2027, 3, 1)
        """
        return self.end + timedelta(days=1) if self.automatic_removal else None

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """The reasons for the period, in order (期限的计算理由).

        >>> p = listing_period(date(2024, 3, 15), "serious-dishonesty-list-measures")
        >>> [r.rule for r in p.reasons]
        ['credit.term', 'credit.term.counting', 'credit.early-removal']
        """
        return self.explanation.reasons

    def covers(self, on: date) -> bool:
        """Whether ``on`` falls within the term, from the listing day to the last day
        (某日是否在名单管理期限内). After the last day see :meth:`status`: under the 2017 rules the
        entry still stands until a removal is approved.

        >>> p = listing_period(date(2024, 3, 15), "serious-dishonesty-list-measures")
        >>> p.covers(date(2027, 3, 15)), p.covers(date(2027, 3, 16))
        (True, False)
        """
        return self.start <= on <= self.end

    def status(self, on: date) -> ListingStatus:
        """Where ``on`` falls relative to the period (某日的名单状态): before the listing day,
        within the term, or after the last day, where the regime decides whether the party is
        off the list (期满移出) or stays until a removal is approved (期满未自动移出).

        >>> p = listing_period(date(2020, 1, 10), "work-safety-joint-punishment-measures-2017")
        >>> p.status(date(2021, 1, 10)).value, p.status(date(2022, 1, 1)).value
        ('在名单期限内', '期满未自动移出（须经申请、审定后移出）')
        >>> q = listing_period(date(2024, 3, 15), "serious-dishonesty-list-measures")
        >>> q.status(date(2024, 3, 14)).value, q.status(date(2027, 3, 16)).value
        ('尚未列入', '已期满移出')
        """
        on = day("on", on)
        if on < self.start:
            return ListingStatus.NOT_YET_LISTED
        if on <= self.end:
            return ListingStatus.ON_LIST
        if self.automatic_removal:
            return ListingStatus.REMOVED_AT_EXPIRY
        return ListingStatus.EXPIRED_NOT_REMOVED

    def early_removal_open(self, on: date) -> bool:
        """Whether early removal may be applied for on ``on`` (某日是否可以申请提前移出).

        >>> p = listing_period(date(2024, 3, 15), "serious-dishonesty-list-measures")
        >>> p.early_removal_open(date(2025, 3, 15)), p.early_removal_open(date(2025, 3, 16))
        (False, True)
        """
        first = self.early_removal_from
        return first is not None and first <= on <= self.end


def listing_period(listed_on: date, regime_id: str | Regime) -> ListingPeriod:
    """The listing period for a party listed (or, under the 2017 rules, published) on
    ``listed_on`` under a regime (计算名单管理期限).

    ``regime_id`` is the regime's instrument id (``serious-dishonesty-list-measures``,
    ``work-safety-joint-punishment-measures-2017``) or a :class:`Regime`. A day before the
    regime's first day is an error.

    >>> p = listing_period(date(2024, 3, 15), "serious-dishonesty-list-measures")
    >>> p.end, p.removed_on, p.early_removal_from
    (datetime.date(2027, 3, 15), datetime.date(2027, 3, 16), datetime.date(2025, 3, 16))
    >>> p.explanation.unverified
    True
    """
    listed_on = day("listed_on", listed_on)
    found = regime_id if isinstance(regime_id, Regime) else regime(regime_id)
    if listed_on < found.start:
        raise NotInForce(found.instrument, listed_on, f"{found.start.isoformat()} 起适用")
    term = found.term
    end = period_last_day(listed_on, years=term.years)
    reasons = [
        Reason(
            rule="credit.term",
            message=term.text,
            citation=term.citation,
            inputs={"years": term.years},
            confidence=term.confidence,
        ),
        Reason(
            rule="credit.term.counting",
            message=f"列入日为{listed_on.isoformat()}，{term.years}年期间的最后一日为{end.isoformat()}，"
            + (
                f"{(end + timedelta(days=1)).isoformat()}起移出（{_READING}）"
                if term.automatic_removal
                else f"期满不自动移出，须经申请、审定后移出（{_READING}）"
            ),
            citation=term.citation,
            inputs={"listed_on": listed_on, "end": end},
            confidence=Confidence.UNVERIFIED,
        ),
    ]
    early_from: date | None = None
    if found.early_removal is not None:
        early = found.early_removal
        full = period_last_day(listed_on, months=early.months)
        early_from = full + timedelta(days=1)
        conditions = "；".join(
            f"（{number}）{c.text}" for number, c in enumerate(early.conditions, start=1)
        )
        reasons.append(
            Reason(
                rule="credit.early-removal",
                message=f"{early.text}。列入满{early.months}个月于{full.isoformat()}届满，"
                f"{early_from.isoformat()}起可以申请提前移出（{_READING}）"
                + (f"。申请条件（未核实）：{conditions}" if conditions else ""),
                citation=early.citation,
                inputs={"months": early.months, "early_removal_from": early_from},
                confidence=Confidence.UNVERIFIED,
            )
        )
    application_from: date | None = None
    if found.removal_application is not None:
        application = found.removal_application
        application_from = end - timedelta(days=application.days_before_end - 1)
        reasons.append(
            Reason(
                rule="credit.removal-application",
                message=f"{application.text}。申请期间为{application_from.isoformat()}至"
                f"{end.isoformat()}（含期间最后一日在内的{application.days_before_end}日，本库的读法）",
                citation=application.citation,
                inputs={
                    "days_before_end": application.days_before_end,
                    "removal_application_from": application_from,
                },
                confidence=Confidence.UNVERIFIED,
            )
        )
    return ListingPeriod(
        regime=found.instrument,
        start=listed_on,
        end=end,
        years=term.years,
        automatic_removal=term.automatic_removal,
        early_removal_from=early_from,
        removal_application_from=application_from,
        explanation=Explanation(reasons=tuple(reasons)),
    )
