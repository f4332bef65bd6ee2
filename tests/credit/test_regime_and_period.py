"""Which regime applies (by the date of the penalty decision) and the listing period.

Switch date 2023-10-01: 第11号令's entry into force, http://ccin.com.cn/detail/be06cc79634e1d8075eaf3f28295347d/news
("自2023年10月1日起施行"). 49号 from 2017-05-09: http://www.esafety.cn/law/hyfg/zhonghe/119364.html.
Terms: 3 years under 第11号令 and early removal after 12 months (http://103.52.134.50/scripts/data.php?n9=X0.html,
unverified); 1 year from publication under 49号 with the removal application within 30 days before
expiry (http://218.28.6.71:81/Qikan/Article/Detail?id=672594802). Dates counted by hand.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from safetyrules.credit import (
    assess_listing,
    listing_period,
    period_last_day,
    regime,
    regime_on,
    within_months,
)
from safetyrules.credit.period import ListingStatus
from safetyrules.errors import InvalidInput, NotInForce
from safetyrules.law.confidence import Confidence
from tests.credit.factories import G, L, M, accident, case

ORDER_11 = "serious-dishonesty-list-measures"
JOINT = "work-safety-joint-punishment-measures-2017"


# --- regime by the date of the penalty decision ---------------------------------------------


@pytest.mark.parametrize(
    ("decided", "expected"),
    [
        (date(2017, 5, 9), JOINT),
        (date(2023, 9, 30), JOINT),
        (date(2023, 10, 1), ORDER_11),
        (date(2030, 1, 1), ORDER_11),
    ],
)
def test_regime_on_the_decision_date(decided: date, expected: str) -> None:
    """49号 from 2017-05-09 (ESAFETY); 第11号令 from 2023-10-01 (CCIN)."""
    assert regime_on(decided).instrument == expected


def test_no_regime_before_2017_05_09() -> None:
    """The 2015 “黑名单” rules are not encoded: a decision of 2017-05-08 is an error, not a guess."""
    with pytest.raises(NotInForce) as error:
        assess_listing(case(date(2017, 5, 8), accident(date(2017, 1, 3), M)), date(2017, 5, 8))
    assert "2015年" in str(error.value)


def test_late_report_lists_on_2023_09_30_and_not_on_2023_10_01() -> None:
    """迟报 listed under 49号第二条（六） (https://www.3haojob.com/ak/16525626363459.html) but not
    under 第11号令 A4 (CCIN: only 瞒报、谎报)."""
    late = accident(date(2023, 8, 1), G, reporting=["迟报"])
    before = assess_listing(case(date(2023, 9, 30), late), date(2023, 9, 30))
    after = assess_listing(case(date(2023, 10, 1), late), date(2023, 10, 1))
    assert (before.regime, before.listed) == (JOINT, True)
    assert (after.regime, after.listed) == (ORDER_11, False)


def test_the_boundary_changes_the_term() -> None:
    """A 重大 accident decided on each side of 2023-10-01: 1 year (QIKAN) against 3 years (SHANXI)."""
    major = accident(date(2023, 8, 1), M)
    before = assess_listing(
        case(date(2023, 9, 30), major, listed_on=date(2023, 9, 30)), date(2023, 9, 30)
    )
    after = assess_listing(
        case(date(2023, 10, 1), major, listed_on=date(2023, 10, 1)), date(2023, 10, 1)
    )
    assert before.period is not None
    assert after.period is not None
    assert (before.period.years, before.period.end) == (1, date(2024, 9, 30))
    assert (after.period.years, after.period.end) == (3, date(2026, 10, 1))


def test_as_of_does_not_change_the_regime() -> None:
    """The regime follows the decision, not the day of the assessment."""
    major = accident(date(2023, 8, 1), M)
    r = assess_listing(
        case(date(2023, 9, 30), major, listed_on=date(2023, 9, 30)), date(2026, 1, 1)
    )
    assert r.regime == JOINT


def test_straddling_cases_are_flagged() -> None:
    """No transitional clause of 第11号令 was seen: a 49号 case listed after 2023-10-01, or a
    第11号令 case resting on an accident before it, carries an unverified regime reason."""
    major = accident(date(2023, 8, 1), M)
    on_time = assess_listing(
        case(date(2023, 9, 30), major, listed_on=date(2023, 9, 30)), date(2024, 1, 1)
    )
    listed_late = assess_listing(
        case(date(2023, 9, 30), major, listed_on=date(2023, 10, 1)), date(2023, 10, 1)
    )
    # Without a listing day the listing follows the decision on a day not given, which may fall
    # on or after the switch; the day asked plays no part.
    day_unknown = assess_listing(case(date(2023, 9, 30), major), date(2023, 9, 30))
    nothing_listed = assess_listing(case(date(2023, 9, 30)), date(2026, 1, 1))
    old_accident = assess_listing(case(date(2023, 10, 1), major), date(2023, 10, 1))
    new_accident = assess_listing(
        case(date(2023, 11, 1), accident(date(2023, 10, 2), M)), date(2023, 11, 1)
    )
    assert on_time.reasons[0].confidence is Confidence.SECONDARY
    assert listed_late.reasons[0].confidence is Confidence.UNVERIFIED
    assert "列入日2023-10-01不早于2023-10-01" in listed_late.reasons[0].message
    assert day_unknown.reasons[0].confidence is Confidence.UNVERIFIED
    assert "列入日期未提供" in day_unknown.reasons[0].message
    assert nothing_listed.reasons[0].confidence is Confidence.SECONDARY
    assert old_accident.reasons[0].confidence is Confidence.UNVERIFIED
    assert new_accident.reasons[0].confidence is Confidence.SECONDARY


def test_as_of_before_the_decision_is_refused() -> None:
    with pytest.raises(InvalidInput) as error:
        assess_listing(case(date(2024, 5, 10)), date(2024, 5, 9))
    assert error.value.field == "as_of"
    assert "评估日期不能早于行政处罚决定日期" in str(error.value)


def test_as_of_must_be_a_date() -> None:
    with pytest.raises(InvalidInput) as error:
        assess_listing(case(date(2024, 5, 10)), datetime(2024, 5, 10, 9))  # type: ignore[arg-type]
    assert error.value.field == "as_of"


# --- listing period ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("listed", "end", "early"),
    [
        # Leap day: 2024-02-29 + 3 years → no 29 February in 2027 → 2027-02-28; 12 months →
        # 2025-02-28, complete at its end, so early removal from 2025-03-01.
        (date(2024, 2, 29), date(2027, 2, 28), date(2025, 3, 1)),
        (date(2024, 3, 15), date(2027, 3, 15), date(2025, 3, 16)),
        (date(2023, 10, 1), date(2026, 10, 1), date(2024, 10, 2)),
        # Year end: 12 months → 2025-12-31, early removal on New Year's Day.
        (date(2024, 12, 31), date(2027, 12, 31), date(2026, 1, 1)),
        # 28 February of a common year keeps its day; 2028 is a leap year but 28 Feb exists.
        (date(2025, 2, 28), date(2028, 2, 28), date(2026, 3, 1)),
        # 29 February 2028 → 2031-02-28; 12 months → 2029-02-28, so 2029-03-01.
        (date(2028, 2, 29), date(2031, 2, 28), date(2029, 3, 1)),
    ],
)
def test_order_11_period(listed: date, end: date, early: date) -> None:
    """3 years, early removal after 12 months (SHANXI); the end of each period counted by hand."""
    p = listing_period(listed, ORDER_11)
    assert (p.start, p.end, p.early_removal_from) == (listed, end, early)
    assert p.years == 3
    assert p.automatic_removal
    assert p.removal_application_from is None
    assert p.explanation.unverified


def test_order_11_removed_the_day_after_the_last_day() -> None:
    """Listed 2024-02-29: on the list through 2027-02-28, off it on 2027-03-01."""
    p = listing_period(date(2024, 2, 29), ORDER_11)
    assert p.removed_on == date(2027, 3, 1)
    assert p.covers(date(2027, 2, 28))
    assert not p.covers(date(2027, 3, 1))
    assert not p.covers(date(2024, 2, 28))


@pytest.mark.parametrize(
    ("listed", "end", "application"),
    [
        # 2020-02-29 + 1 year → 2021-02-28; 30 days ending that day start on 2021-01-30.
        (date(2020, 2, 29), date(2021, 2, 28), date(2021, 1, 30)),
        (date(2019, 3, 31), date(2020, 3, 31), date(2020, 3, 2)),
        (date(2022, 6, 30), date(2023, 6, 30), date(2023, 6, 1)),
    ],
)
def test_2017_period(listed: date, end: date, application: date) -> None:
    """1 year from publication; removal applied for within 30 days before expiry (QIKAN)."""
    p = listing_period(listed, JOINT)
    assert (p.end, p.removal_application_from) == (end, application)
    assert p.early_removal_from is None
    assert not p.automatic_removal
    assert p.removed_on is None  # removal needs an application and its approval
    assert not p.early_removal_open(end)


def test_period_before_the_regime_is_an_error() -> None:
    with pytest.raises(NotInForce):
        listing_period(date(2017, 5, 8), JOINT)


def test_assessment_dates_on_list_and_early_removal() -> None:
    """Listed 2024-02-29 (SHANXI terms): early removal opens 2025-03-01; on the list until
    2027-02-28, off it (期满移出, automatic) from 2027-03-01."""
    major = accident(date(2024, 1, 2), M)
    facts = case(date(2024, 2, 29), major, listed_on=date(2024, 2, 29))
    assert not assess_listing(facts, date(2025, 2, 28)).early_removal_open_as_of
    assert assess_listing(facts, date(2025, 3, 1)).early_removal_open_as_of
    on_last_day = assess_listing(facts, date(2027, 2, 28))
    assert on_last_day.on_list_as_of
    assert on_last_day.status_as_of is ListingStatus.ON_LIST
    off = assess_listing(facts, date(2027, 3, 1))
    assert not off.on_list_as_of
    assert not off.early_removal_open_as_of
    assert off.status_as_of is ListingStatus.REMOVED_AT_EXPIRY
    status = next(x for x in off.reasons if x.rule == "credit.status")
    assert "2027-03-01起已期满移出" in status.message
    # The first day off the list rests on the library's count: unverified.
    assert status.confidence is Confidence.UNVERIFIED


def test_2017_entry_is_not_removed_automatically_at_expiry() -> None:
    """安监总办〔2017〕49号 (QIKAN): "管理期满，被惩戒对象须在期满前30日之内…提出移出申请，经国家安全
    监管总局审定通过后…" — no automatic removal. Listed (published) 2020-01-10, 1 year: last day
    2021-01-10, application window 2020-12-12 to 2021-01-10. Assessed 2022-01-01 the term has run
    but, with no application or approval given, the entry stands."""
    larger = accident(date(2019, 12, 1), L)
    facts = case(date(2020, 1, 10), larger, listed_on=date(2020, 1, 10))
    r = assess_listing(facts, date(2022, 1, 1))
    assert r.regime == JOINT
    assert r.period is not None
    assert (r.period.end, r.period.removal_application_from) == (
        date(2021, 1, 10),
        date(2020, 12, 12),
    )
    assert r.status_as_of is ListingStatus.EXPIRED_NOT_REMOVED
    assert r.status_as_of.value == "期满未自动移出（须经申请、审定后移出）"
    assert r.on_list_as_of
    assert not r.early_removal_open_as_of
    status = next(x for x in r.reasons if x.rule == "credit.status")
    assert "期满不自动移出" in status.message
    assert "按仍在名单上处理" in status.message
    assert "已期满移出" not in status.message
    counting = next(x for x in r.reasons if x.rule == "credit.term.counting")
    assert "期满不自动移出" in counting.message
    assert "起移出" not in counting.message


@pytest.mark.parametrize(
    ("as_of", "status", "on_list", "window"),
    [
        (date(2020, 12, 11), ListingStatus.ON_LIST, True, False),
        (date(2020, 12, 12), ListingStatus.ON_LIST, True, True),
        (date(2021, 1, 10), ListingStatus.ON_LIST, True, True),
        (date(2021, 1, 11), ListingStatus.EXPIRED_NOT_REMOVED, True, False),
    ],
)
def test_2017_status_around_the_end(
    as_of: date, status: ListingStatus, on_list: bool, window: bool
) -> None:
    """Listed 2020-01-10 (QIKAN terms): within the term through 2021-01-10; the 30 days ending
    that day open on 2020-12-12; from 2021-01-11 expired but not removed."""
    facts = case(date(2020, 1, 10), accident(date(2019, 12, 1), L), listed_on=date(2020, 1, 10))
    r = assess_listing(facts, as_of)
    assert (r.status_as_of, r.on_list_as_of) == (status, on_list)
    reason = next(x for x in r.reasons if x.rule == "credit.status")
    assert ("可以提出移出申请" in reason.message) is window


def test_before_the_listing_day_the_party_is_not_yet_listed() -> None:
    """A listing day after the day asked: the period is the same, the party not yet on the list."""
    facts = case(date(2024, 5, 6), accident(date(2024, 1, 2), M), listed_on=date(2024, 6, 1))
    r = assess_listing(facts, date(2024, 5, 20))
    assert r.status_as_of is ListingStatus.NOT_YET_LISTED
    assert not r.on_list_as_of
    assert r.period is not None
    assert r.period.start == date(2024, 6, 1)


def test_without_a_listing_day_the_period_is_projected_from_the_decision() -> None:
    """No listed_on: the period runs from the penalty decision (2024-05-06 + 3 years → last day
    2027-05-06; 12 months → 2025-05-06, early removal from 2025-05-07), whatever the day asked;
    a reason marked unverified says the actual listing day is later and not given."""
    facts = case(date(2024, 5, 6), accident(date(2024, 1, 2), M))
    early = assess_listing(facts, date(2024, 7, 1))
    late = assess_listing(facts, date(2026, 1, 1))
    assert early.period is not None
    assert (early.period.start, early.period.end, early.period.early_removal_from) == (
        date(2024, 5, 6),
        date(2027, 5, 6),
        date(2025, 5, 7),
    )
    assert late.period == early.period
    reason = next(x for x in early.reasons if x.rule == "credit.listing-day")
    assert reason.confidence is Confidence.UNVERIFIED
    assert "实际列入日晚于行政处罚决定日" in reason.message
    assert "2024-05-06" in reason.message
    assert "2024-07-01" not in reason.message
    # Only the last reason (the state on the day asked) differs.
    assert early.reasons[-1].rule == late.reasons[-1].rule == "credit.status"
    assert late.reasons[:-1] == early.reasons[:-1]


def test_period_arithmetic_helpers() -> None:
    assert period_last_day(date(2024, 1, 31), months=1) == date(2024, 2, 29)
    assert period_last_day(date(2023, 1, 31), months=1) == date(2023, 2, 28)
    assert within_months(date(2024, 2, 29), date(2025, 2, 28), 12)
    assert not within_months(date(2024, 2, 29), date(2025, 3, 1), 12)
    assert not within_months(date(2024, 2, 29), date(2024, 2, 28), 12)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [({"years": 0}, "years"), ({"months": -1}, "months"), ({"years": True}, "years")],
)
def test_period_arithmetic_refuses_bad_lengths(kwargs: dict[str, int], field: str) -> None:
    with pytest.raises(InvalidInput) as error:
        period_last_day(date(2024, 1, 1), **kwargs)
    assert error.value.field == field


def test_regime_terms_as_data() -> None:
    """The terms as encoded, with their confidence: 第11号令's 3 years and 12 months are unverified
    (SHANXI only); 49号's 1 year is secondary (PEOPLES_DAILY, QIKAN)."""
    order_11 = regime(ORDER_11)
    joint = regime(JOINT)
    assert (order_11.term.years, order_11.term.confidence) == (3, Confidence.UNVERIFIED)
    assert order_11.early_removal is not None
    assert (order_11.early_removal.months, order_11.early_removal.confidence) == (
        12,
        Confidence.UNVERIFIED,
    )
    assert (joint.term.years, joint.term.confidence) == (1, Confidence.SECONDARY)
    assert joint.removal_application is not None
    assert joint.removal_application.days_before_end == 30
