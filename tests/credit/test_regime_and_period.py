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
from safetyrules.errors import InvalidInput, NotInForce
from safetyrules.law.confidence import Confidence
from tests.credit.factories import G, M, accident, case

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
    listed_late = assess_listing(case(date(2023, 9, 30), major), date(2023, 10, 1))
    old_accident = assess_listing(case(date(2023, 10, 1), major), date(2023, 10, 1))
    new_accident = assess_listing(
        case(date(2023, 11, 1), accident(date(2023, 10, 2), M)), date(2023, 11, 1)
    )
    assert on_time.reasons[0].confidence is Confidence.SECONDARY
    assert listed_late.reasons[0].confidence is Confidence.UNVERIFIED
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
    assert not p.early_removal_open(end)


def test_period_before_the_regime_is_an_error() -> None:
    with pytest.raises(NotInForce):
        listing_period(date(2017, 5, 8), JOINT)


def test_assessment_dates_on_list_and_early_removal() -> None:
    """Listed 2024-02-29 (SHANXI terms): early removal opens 2025-03-01; on the list until 2027-02-28."""
    major = accident(date(2024, 1, 2), M)
    facts = case(date(2024, 2, 29), major, listed_on=date(2024, 2, 29))
    assert not assess_listing(facts, date(2025, 2, 28)).early_removal_open_as_of
    assert assess_listing(facts, date(2025, 3, 1)).early_removal_open_as_of
    assert assess_listing(facts, date(2027, 2, 28)).on_list_as_of
    last = assess_listing(facts, date(2027, 3, 1))
    assert not last.on_list_as_of
    assert not last.early_removal_open_as_of


def test_without_a_listing_day_the_assessment_day_stands_in() -> None:
    r = assess_listing(case(date(2024, 5, 6), accident(date(2024, 1, 2), M)), date(2024, 7, 1))
    assert r.period is not None
    assert r.period.start == date(2024, 7, 1)
    assert any(x.rule == "credit.listing-day" for x in r.reasons)


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
