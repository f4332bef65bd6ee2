"""Properties of the listing rules, for any case: periods are ordered, aggravating facts never
remove a listing, the verdict does not depend on the day it is asked, windows match day counts."""

from __future__ import annotations

import pickle
from datetime import date, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from safetyrules.accidents import AccidentGrade
from safetyrules.credit import (
    AccidentFacts,
    CaseFacts,
    LicenceStatus,
    ListingAssessment,
    PrincipalConduct,
    ReportingFailure,
    ServiceMisconduct,
    assess_listing,
    listing_period,
    within_months,
)
from safetyrules.credit.period import ListingStatus
from safetyrules.credit.record import MULTIPLE_FINE_FROM
from safetyrules.law.confidence import Confidence

FIRST = date(2017, 5, 9)
LAST = date(2030, 12, 31)
# Most deaths still inside each grade (国务院令第493号第三条: 以上 includes, 以下 excludes).
MAX_DEATHS = {
    AccidentGrade.GENERAL: 2,
    AccidentGrade.LARGER: 9,
    AccidentGrade.MAJOR: 29,
    AccidentGrade.ESPECIALLY_MAJOR: 60,
}
FLAGS = (
    "refused_decision",
    "other_serious_violation",
    "serious_violations",
    "major_hazard_risky_work",
    "evaded_supervision",
    "operated_under_suspension_order",
    "unaccepted_facilities_in_use",
    "mining_out_of_bounds",
)


@st.composite
def accidents(draw: st.DrawFn, decided: date) -> AccidentFacts:
    on = draw(st.dates(min_value=decided - timedelta(days=900), max_value=decided))
    grade = draw(st.sampled_from(list(AccidentGrade)))
    return AccidentFacts(
        occurred_on=on,
        grade=grade,
        responsibility=draw(st.booleans()),
        deaths=draw(st.integers(0, MAX_DEATHS[grade])),
        reporting=draw(st.frozensets(st.sampled_from(list(ReportingFailure)))),
        multiple_fine=on >= MULTIPLE_FINE_FROM and draw(st.booleans()),
        principal_conduct=draw(st.frozensets(st.sampled_from(list(PrincipalConduct)))),
        investigation_obstructed=draw(st.booleans()),
        typical=draw(st.booleans()),
    )


@st.composite
def cases(draw: st.DrawFn) -> CaseFacts:
    decided = draw(st.dates(min_value=FIRST, max_value=LAST))
    listed = draw(st.none() | st.dates(min_value=decided, max_value=decided + timedelta(days=90)))
    facts: dict[str, Any] = {flag: draw(st.booleans()) for flag in FLAGS}
    return CaseFacts(
        unit_name="某有限公司",
        penalty_decided_on=decided,
        listed_on=listed,
        in_scope=draw(st.none() | st.booleans()),
        accidents=draw(st.lists(accidents(decided), max_size=4)),
        licence=draw(st.sampled_from(list(LicenceStatus))),
        service_misconduct=draw(st.frozensets(st.sampled_from(list(ServiceMisconduct)))),
        **facts,
    )


def as_of_for(case: CaseFacts, draw_days: int) -> date:
    return (case.listed_on or case.penalty_decided_on) + timedelta(days=draw_days)


@given(cases(), st.integers(0, 2000))
def test_periods_are_ordered(case: CaseFacts, days: int) -> None:
    r = assess_listing(case, as_of_for(case, days))
    assert r.listed == bool(r.situations) == bool(r.parties) == (r.period is not None)
    if r.period is not None:
        p = r.period
        assert p.start < p.end
        assert 365 * p.years <= (p.end - p.start).days <= 366 * p.years
        if p.early_removal_from is not None:
            assert p.start < p.early_removal_from <= p.end
        if p.removal_application_from is not None:
            assert p.start < p.removal_application_from <= p.end


@given(st.dates(min_value=date(2023, 10, 1), max_value=LAST))
def test_order_11_early_removal_lies_inside_the_term(listed: date) -> None:
    p = listing_period(listed, "serious-dishonesty-list-measures")
    assert p.start < p.early_removal_from <= p.end  # type: ignore[operator]
    # 12 months and a day: 366 or 367 days after the listing day.
    assert (p.early_removal_from - p.start).days in (366, 367)  # type: ignore[operator]
    assert p.covers(p.end)
    assert p.removed_on is not None
    assert not p.covers(p.removed_on)


def _aggravations(case: CaseFacts, data: st.DataObject) -> dict[str, Any]:
    """One aggravating fact added to the case's data (never removing anything)."""
    raw = case.model_dump()
    kind = data.draw(
        st.sampled_from(["flag", "accident", "reporting", "conduct", "licence", "service"])
    )
    if kind == "flag":
        raw[data.draw(st.sampled_from(FLAGS))] = True
    elif kind == "accident":
        raw["accidents"] = [
            *raw["accidents"],
            data.draw(accidents(case.penalty_decided_on)).model_dump(),
        ]
    elif kind == "licence" and case.licence is LicenceStatus.NOT_CONCERNED:
        raw["licence"] = data.draw(st.sampled_from(list(LicenceStatus)))
    elif kind == "service":
        raw["service_misconduct"] = {
            *raw["service_misconduct"],
            data.draw(st.sampled_from(list(ServiceMisconduct))),
        }
    elif raw["accidents"]:
        index = data.draw(st.integers(0, len(raw["accidents"]) - 1))
        accident = raw["accidents"][index]
        if kind == "reporting":
            accident["reporting"] = {
                *accident["reporting"],
                data.draw(st.sampled_from(list(ReportingFailure))),
            }
        else:
            accident["principal_conduct"] = {
                *accident["principal_conduct"],
                data.draw(st.sampled_from(list(PrincipalConduct))),
            }
    return raw


@given(cases(), st.data())
def test_an_aggravating_fact_never_removes_a_listing(case: CaseFacts, data: st.DataObject) -> None:
    worse = CaseFacts.model_validate(_aggravations(case, data))
    as_of = as_of_for(case, 30)
    before = assess_listing(case, as_of)
    after = assess_listing(worse, as_of)
    assert set(before.parties) <= set(after.parties)
    assert set(before.lists) <= set(after.lists)
    assert {s.id for s in before.situations} <= {s.id for s in after.situations}


@given(cases(), st.data())
def test_raising_a_grade_never_removes_a_listing(case: CaseFacts, data: st.DataObject) -> None:
    if not case.accidents:
        return
    raw = case.model_dump()
    index = data.draw(st.integers(0, len(raw["accidents"]) - 1))
    grade: AccidentGrade = raw["accidents"][index]["grade"]
    higher = data.draw(st.sampled_from([g for g in AccidentGrade if g >= grade]))
    raw["accidents"][index]["grade"] = higher
    as_of = as_of_for(case, 30)
    before = assess_listing(case, as_of)
    after = assess_listing(CaseFacts.model_validate(raw), as_of)
    assert before.listed <= after.listed
    assert set(before.parties) <= set(after.parties)


def _verdict(r: ListingAssessment) -> tuple[object, ...]:
    """Everything but the answers for the day asked (``status_as_of`` and its reason,
    ``on_list_as_of``, ``early_removal_open_as_of``)."""
    reasons = tuple(x for x in r.reasons if x.rule != "credit.status")
    return (r.regime, r.listed, r.situations, r.parties, r.lists, r.period, reasons)


@given(cases(), st.integers(0, 3000), st.integers(0, 3000))
def test_the_verdict_does_not_depend_on_the_day_asked(case: CaseFacts, a: int, b: int) -> None:
    """With or without ``listed_on``: without it the period is projected from the decision,
    never from the day asked."""
    first = assess_listing(case, as_of_for(case, a))
    second = assess_listing(case, as_of_for(case, b))
    assert _verdict(first) == _verdict(second)


@given(cases(), st.integers(0, 3000))
def test_without_a_listing_day_the_period_starts_at_the_decision(
    case: CaseFacts, days: int
) -> None:
    case = case.model_copy(update={"listed_on": None})
    r = assess_listing(case, as_of_for(case, days))
    if r.period is not None:
        assert r.period.start == case.penalty_decided_on
        assert any(
            x.rule == "credit.listing-day" and x.confidence is Confidence.UNVERIFIED
            for x in r.reasons
        )


@given(cases(), st.integers(0, 3000))
def test_the_state_of_the_day_agrees_with_the_period(case: CaseFacts, days: int) -> None:
    """Before the listing day: 尚未列入; within the term: 在名单期限内; after it: 已期满移出 where the
    regime removes at expiry (第11号令), else 期满未自动移出 and the entry still stands (49号)."""
    as_of = as_of_for(case, days)
    r = assess_listing(case, as_of)
    if r.period is None:
        assert r.status_as_of is None
        assert not r.on_list_as_of
        return
    p = r.period
    if as_of < p.start:
        expected = ListingStatus.NOT_YET_LISTED
    elif as_of <= p.end:
        expected = ListingStatus.ON_LIST
    elif r.regime == "serious-dishonesty-list-measures":
        expected = ListingStatus.REMOVED_AT_EXPIRY
    else:
        expected = ListingStatus.EXPIRED_NOT_REMOVED
    assert r.status_as_of is expected
    assert r.on_list_as_of is (
        expected in (ListingStatus.ON_LIST, ListingStatus.EXPIRED_NOT_REMOVED)
    )
    assert r.reasons[-1].rule == "credit.status"
    assert r.reasons[-1].inputs["status"] == expected.value


@given(cases())
@settings(max_examples=50)
def test_results_round_trip(case: CaseFacts) -> None:
    r = assess_listing(case, as_of_for(case, 10))
    assert pickle.loads(pickle.dumps(r)) == r
    text = r.model_dump_json()
    assert type(r).model_validate_json(text).model_dump_json() == text


@given(st.dates(min_value=date(2000, 1, 1), max_value=LAST), st.integers(-5, 800))
def test_twelve_months_window_against_day_counts(first: date, days: int) -> None:
    """A window of 12 months is 365 or 366 days after its first day: inside up to 365 days,
    outside from 367 days."""
    later = first + timedelta(days=days)
    inside = within_months(first, later, 12)
    if days < 0 or days >= 367:
        assert not inside
    elif days <= 365:
        assert inside


@given(st.dates(min_value=FIRST, max_value=LAST), st.data())
def test_late_or_omitted_reports_alone_never_list_under_order_11(
    decided: date, data: st.DataObject
) -> None:
    decided = max(decided, date(2023, 10, 1))
    on = data.draw(st.dates(min_value=decided - timedelta(days=300), max_value=decided))
    failures = data.draw(
        st.frozensets(
            st.sampled_from([ReportingFailure.LATE, ReportingFailure.OMITTED]), min_size=1
        )
    )
    case = CaseFacts(
        unit_name="某有限公司",
        penalty_decided_on=decided,
        accidents=[AccidentFacts(occurred_on=on, grade=AccidentGrade.GENERAL, reporting=failures)],
    )
    assert not assess_listing(case, decided).listed
