"""Procedure rules for fines: daily fines (安全生产法 第一百一十二条), one act one fine (行政处罚法
第二十九条), the limitation period (第三十六条) and the late-payment surcharge (第七十二条)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safetyrules.errors import CitationSyntaxError, InvalidInput, NotInForce
from safetyrules.law.citation import Citation
from safetyrules.penalties import (
    FineRange,
    daily_fines,
    limitation_period,
    one_fine,
    statutory_range,
    surcharge,
)
from safetyrules.penalties.daily_fines import daily_fine
from safetyrules.penalties.limitation_period import limitation
from safetyrules.penalties.one_fine import FineBand, one_act_one_fine
from safetyrules.penalties.surcharge import late_payment_surcharge
from tests.law_texts import LAWS

WAN = 10000
ART_97 = "《中华人民共和国安全生产法》（2021年修正）第九十七条"
ART_99 = "《中华人民共和国安全生产法》（2021年修正）第九十九条"
ART_101 = "《中华人民共和国安全生产法》（2021年修正）第一百零一条"


# --- the quoted article texts ------------------------------------------------------------


@pytest.mark.parametrize(
    ("module", "law", "sentence"),
    [
        (
            daily_fines,
            "安全生产法(2021-06-10).md",
            "可以自作出责令改正之日的次日起，按照原处罚数额按日连续处罚。",
        ),
        (one_fine, "行政处罚法(2021-01-22).md", "同一个违法行为违反多个法律规范应当给予罚款"),
        (one_fine, "行政处罚法(2021-01-22).md", "处罚的，按照罚款数额高的规定处罚。"),
        (
            limitation_period,
            "行政处罚法(2021-01-22).md",
            "涉及公民生命健康安全、金融安全且有危害后果的",
        ),
        (
            limitation_period,
            "行政处罚法(2021-01-22).md",
            "违法行为有连续或者继续状态的，从行为终了之日起计算。",
        ),
        (
            surcharge,
            "行政处罚法(2021-01-22).md",
            "每日按罚款数额的百分之三加处罚款，加处罚款的数额不得超出罚款的数额；",
        ),
    ],
)
def test_docstrings_quote_the_official_text(module: object, law: str, sentence: str) -> None:
    path = LAWS / law
    assert sentence in path.read_text(encoding="utf-8")
    doc = (module.__doc__ or "").replace("\n", "")
    assert sentence in doc


# --- 按日连续处罚 -------------------------------------------------------------------------


def test_daily_fine_over_a_leap_day_and_a_month_end() -> None:
    # Ordered 2024-02-27; counting starts the next day, 2024-02-28. Corrected 2024-03-02, which
    # does not count. Days: 02-28, 02-29 (leap day), 03-01 = 3. Total 3 × 20000 = 60000.
    f = daily_fine(20000, date(2024, 2, 27), date(2024, 3, 2), as_of=date(2024, 3, 31))
    assert f.days == 3
    assert f.total == Decimal(60000)
    assert f.first_day == date(2024, 2, 28)
    assert f.last_day == date(2024, 3, 1)
    assert f.dates() == (date(2024, 2, 28), date(2024, 2, 29), date(2024, 3, 1))
    assert f.mandatory is False
    assert "可以" in f.reasons[0].message
    assert str(f.citation) == "《中华人民共和国安全生产法》（2021年修正）第一百一十二条"
    assert f.explanation.unverified  # the end-day convention is the library's reading


def test_daily_fine_in_a_common_year_counts_one_day_fewer() -> None:
    # 2023 has no 29 February: 02-28, 03-01 = 2 days; 2 × 20000 = 40000.
    f = daily_fine(20000, date(2023, 2, 27), date(2023, 3, 2), as_of=date(2023, 3, 2))
    assert (f.days, f.total) == (2, Decimal(40000))


def test_daily_fine_still_refusing_counts_through_as_of() -> None:
    # Ordered 2022-01-31, not corrected, as of 2022-02-03: 02-01, 02-02, 02-03 = 3 days;
    # 3 × 12345.5 = 37036.5.
    f = daily_fine(Decimal("12345.5"), date(2022, 1, 31), as_of=date(2022, 2, 3))
    assert (f.days, f.total, f.last_day) == (3, Decimal("37036.5"), date(2022, 2, 3))


def test_daily_fine_with_no_day_of_refusal() -> None:
    # Corrected the day after the order, or on the order day: no day counts.
    for corrected in (date(2022, 5, 11), date(2022, 5, 10)):
        f = daily_fine(10000, date(2022, 5, 10), corrected, as_of=date(2022, 5, 20))
        assert (f.days, f.total, f.last_day, f.dates()) == (0, Decimal(0), None, ())


def test_daily_fine_starts_with_the_2021_amendment() -> None:
    with pytest.raises(NotInForce):
        daily_fine(10000, date(2021, 8, 31), as_of=date(2021, 9, 10))
    # First day of the 2021 text: allowed. 09-02 .. 09-03 = 2 days.
    assert daily_fine(10000, date(2021, 9, 1), as_of=date(2021, 9, 3)).days == 2


@pytest.mark.parametrize(
    ("args", "field"),
    [
        ((10000.0, date(2022, 5, 10), None, date(2022, 6, 1)), "original_fine"),
        ((-1, date(2022, 5, 10), None, date(2022, 6, 1)), "original_fine"),
        ((0, date(2022, 5, 10), None, date(2022, 6, 1)), "original_fine"),
        ((10000, datetime(2022, 5, 10, 9), None, date(2022, 6, 1)), "ordered_on"),
        ((10000, date(2022, 5, 10), date(2022, 5, 9), date(2022, 6, 1)), "corrected_on"),
        ((10000, date(2022, 5, 10), date(2022, 6, 2), date(2022, 6, 1)), "corrected_on"),
        ((10000, date(2022, 5, 10), None, date(2022, 5, 9)), "as_of"),
    ],
)
def test_daily_fine_refuses_bad_input(args: tuple[object, ...], field: str) -> None:
    fine, ordered, corrected, as_of = args
    with pytest.raises(InvalidInput) as error:
        daily_fine(fine, ordered, corrected, as_of=as_of)  # type: ignore[arg-type]
    assert error.value.field == field


@given(
    fine=st.integers(min_value=1, max_value=10**7),
    ordered=st.dates(min_value=date(2021, 9, 1), max_value=date(2030, 12, 31)),
    first=st.integers(min_value=0, max_value=400),
    extra=st.integers(min_value=0, max_value=400),
)
def test_daily_fine_total_is_monotone_in_days(
    fine: int, ordered: date, first: int, extra: int
) -> None:
    as_of = ordered + timedelta(days=first + extra + 1)
    early = daily_fine(fine, ordered, ordered + timedelta(days=first), as_of=as_of)
    late = daily_fine(fine, ordered, ordered + timedelta(days=first + extra), as_of=as_of)
    assert early.days <= late.days
    assert early.total <= late.total
    assert late.total == fine * late.days
    assert late.days == max(first + extra - 1, 0)


# --- 一事不再罚款 -------------------------------------------------------------------------


def test_unequal_bands_take_the_higher_maximum() -> None:
    # 5万以下 vs 2万–10万: the second dominates at both ends, so no reading is needed.
    f = one_act_one_fine([(0, 5 * WAN, ART_99), (2 * WAN, 10 * WAN, ART_97)])
    assert (f.chosen, f.minimum, f.maximum) == (1, 2 * WAN, 10 * WAN)
    assert str(f.citation) == ART_97
    assert not f.explanation.unverified
    assert str(f.reasons[0].citation) == "《中华人民共和国行政处罚法》（2021年修订）第二十九条"


def test_crossing_bands_follow_the_library_reading() -> None:
    # (3万, 5万) vs (1万, 10万): higher maximum wins although its minimum is lower.
    f = one_act_one_fine([(3 * WAN, 5 * WAN, ART_99), (1 * WAN, 10 * WAN, ART_97)])
    assert (f.chosen, f.minimum, f.maximum) == (1, 1 * WAN, 10 * WAN)
    assert f.explanation.unverified


def test_equal_maxima_take_the_higher_minimum() -> None:
    # (1万, 5万) vs (2万, 5万): same maximum, the higher minimum wins → index 1.
    art_97 = Citation(instrument="work-safety-law-2021", provision="第九十七条")
    f = one_act_one_fine([(1 * WAN, 5 * WAN, ART_99), (2 * WAN, 5 * WAN, art_97)])
    assert (f.chosen, f.minimum, f.citation) == (1, 2 * WAN, art_97)


def test_equal_bands_keep_the_first_listed() -> None:
    f = one_act_one_fine([(1 * WAN, 5 * WAN, ART_101), (1 * WAN, 5 * WAN, ART_99)])
    assert (f.chosen, str(f.citation)) == (0, ART_101)
    assert not f.explanation.unverified
    assert "相同" in f.reasons[1].message


def test_a_dominating_band_with_a_twin_needs_no_reading() -> None:
    # (2万, 10万) twice and (0, 5万): the first (2万, 10万) is chosen; no band has a higher
    # minimum, so the outcome is the same under any reading.
    f = one_act_one_fine(
        [(0, 5 * WAN, ART_99), (2 * WAN, 10 * WAN, ART_97), (2 * WAN, 10 * WAN, ART_101)]
    )
    assert (f.chosen, str(f.citation)) == (1, ART_97)
    assert not f.explanation.unverified
    assert len(f.candidates) == 3


def test_fine_ranges_are_accepted() -> None:
    # 第九十九条: 5万以下 (warning signs); 第九十七条第（七）项 is 10万以下 at the first stage.
    a = statutory_range("warning-signs-missing", occurred_on=date(2024, 1, 1))
    b = statutory_range("special-operators-uncertified", occurred_on=date(2024, 1, 1))
    assert isinstance(a, FineRange)
    f = one_act_one_fine([a, b], as_of=date(2024, 3, 1))
    assert (f.chosen, f.maximum) == (1, 10 * WAN)
    assert f.candidates[0] == FineBand(minimum=0, maximum=5 * WAN, citation=a.citation)


def test_one_fine_refuses_bad_input() -> None:
    with pytest.raises(InvalidInput):
        one_act_one_fine([])
    with pytest.raises(InvalidInput):
        one_act_one_fine([(5 * WAN, 1 * WAN, ART_99)])
    with pytest.raises(InvalidInput):
        one_act_one_fine([(0, 5e4, ART_99)])  # type: ignore[list-item]
    with pytest.raises(InvalidInput):
        one_act_one_fine([(-1, 5 * WAN, ART_99)])
    with pytest.raises(CitationSyntaxError):
        one_act_one_fine([(0, 5 * WAN, "第九十九条")])
    with pytest.raises(NotInForce):
        one_act_one_fine([(0, 5 * WAN, ART_99)], as_of=date(2021, 7, 14))
    unit = statutory_range("warning-signs-missing", occurred_on=date(2024, 1, 1))
    person = unit.model_copy(update={"on": "主要负责人"})
    with pytest.raises(InvalidInput):
        one_act_one_fine([unit, person])


# --- 追责时效 -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("discovered", "in_time", "unverified"),
    [
        # Act 2022-03-01; the day is not counted; 2 years end on 2024-03-01 (the same date).
        (date(2024, 2, 29), True, False),
        (date(2024, 3, 1), True, True),  # the last day: the counting reading decides
        (date(2024, 3, 2), False, False),
    ],
)
def test_two_years_exactly_and_one_day_either_side(
    discovered: date, in_time: bool, unverified: bool
) -> None:
    r = limitation(date(2022, 3, 1), discovered)
    assert (r.years, r.last_day, r.may_penalise) == (2, date(2024, 3, 1), in_time)
    assert r.explanation.unverified is unverified
    assert str(r.citation) == "《中华人民共和国行政处罚法》（2021年修订）第三十六条第一款"
    assert "法律另有规定的除外" in r.reasons[0].message


def test_five_years_with_harm() -> None:
    # Act ended 2021-10-08, life and health involved, harm: last day 2026-10-08.
    r = limitation(date(2021, 10, 8), date(2026, 10, 8), life_or_health=True, harm=True)
    assert (r.years, r.last_day, r.may_penalise) == (5, date(2026, 10, 8), True)
    assert not limitation(
        date(2021, 10, 8), date(2026, 10, 9), life_or_health=True, harm=True
    ).may_penalise
    # Financial security with harm also extends the period.
    assert (
        limitation(date(2021, 10, 8), date(2025, 1, 1), financial_security=True, harm=True).years
        == 5
    )


@pytest.mark.parametrize(
    "flags",
    [{"life_or_health": True}, {"harm": True}, {"financial_security": True}, {}],
)
def test_five_years_needs_both_the_interest_and_harm(flags: dict[str, bool]) -> None:
    # Discovered 3 years after: in time only under the 5-year period.
    r = limitation(date(2021, 10, 8), date(2024, 10, 8), **flags)
    assert (r.years, r.may_penalise) == (2, False)


def test_a_leap_day_start_ends_on_28_february() -> None:
    # 民法典 第二百零二条 reading: no 29 February in 2026, so the month end, 2026-02-28.
    r = limitation(date(2024, 2, 29), date(2026, 3, 1))
    assert (r.last_day, r.may_penalise) == (date(2026, 2, 28), False)


def test_an_act_ended_before_the_revision_is_flagged_for_the_five_years() -> None:
    r = limitation(date(2021, 1, 10), date(2024, 1, 10), life_or_health=True, harm=True)
    assert r.may_penalise
    assert any(reason.rule == "penalties.limitation.transition" for reason in r.reasons)
    assert r.explanation.unverified


def test_limitation_refuses_bad_input() -> None:
    with pytest.raises(NotInForce):
        limitation(date(2020, 1, 1), date(2021, 7, 14))
    with pytest.raises(InvalidInput):
        limitation(date(2024, 1, 2), date(2024, 1, 1))
    with pytest.raises(InvalidInput):
        limitation(datetime(2022, 1, 1, 8), date(2024, 1, 1))  # type: ignore[arg-type]
    with pytest.raises(InvalidInput):
        limitation(date(2022, 1, 1), date(2024, 1, 1), harm=1)  # type: ignore[arg-type]


# --- 加处罚款 -----------------------------------------------------------------------------


def test_surcharge_reaches_the_cap() -> None:
    # Due 2024-01-31, paid 2024-03-05: Feb has 29 days in 2024, so 29 + 5 = 34 days overdue.
    # 34 × 3% = 102% > 100%: the surcharge is the fine itself, 10000.
    s = late_payment_surcharge(10000, date(2024, 1, 31), date(2024, 3, 5))
    assert (s.days, s.surcharge, s.capped, s.payable) == (34, Decimal(10000), True, Decimal(20000))
    # One day earlier: 33 × 3% = 99% = 9900, under the cap.
    t = late_payment_surcharge(10000, date(2024, 1, 31), date(2024, 3, 4))
    assert (t.days, t.surcharge, t.capped) == (33, Decimal(9900), False)
    assert s.mandatory is False
    assert str(s.citation) == "《中华人民共和国行政处罚法》（2021年修订）第七十二条第一款第（一）项"


def test_surcharge_is_exact() -> None:
    # 0.01 元 × 3% × 1 = 0.0003 元, kept exact.
    assert late_payment_surcharge(
        Decimal("0.01"), date(2024, 1, 1), date(2024, 1, 2)
    ).surcharge == Decimal("0.0003")


def test_surcharge_counts_from_the_day_after_the_due_date() -> None:
    # Paid on the due date or before: nothing; the next day: 1 day, 3% of 5000 = 150.
    assert late_payment_surcharge(5000, date(2024, 6, 30), date(2024, 6, 30)).days == 0
    assert late_payment_surcharge(5000, date(2024, 6, 30), date(2024, 6, 1)).surcharge == 0
    s = late_payment_surcharge(5000, date(2024, 6, 30), date(2024, 7, 1))
    assert (s.days, s.surcharge) == (1, Decimal(150))


def test_surcharge_refuses_bad_input() -> None:
    with pytest.raises(InvalidInput):
        late_payment_surcharge(5000.0, date(2024, 1, 1), date(2024, 2, 1))  # type: ignore[arg-type]
    with pytest.raises(InvalidInput):
        late_payment_surcharge(-5, date(2024, 1, 1), date(2024, 2, 1))
    with pytest.raises(InvalidInput):
        late_payment_surcharge(0, date(2024, 1, 1), date(2024, 2, 1))
    with pytest.raises(InvalidInput):
        late_payment_surcharge(5000, datetime(2024, 1, 1, 9), date(2024, 2, 1))  # type: ignore[arg-type]
    with pytest.raises(NotInForce):
        late_payment_surcharge(5000, date(2021, 7, 13), date(2021, 8, 1))


_FINES = st.decimals(min_value=Decimal("0.01"), max_value=Decimal(10**8), places=2)
_DUE = st.dates(min_value=date(2021, 7, 14), max_value=date(2030, 12, 31))


@given(fine=_FINES, due=_DUE, lag=st.integers(min_value=-30, max_value=200))
def test_surcharge_never_exceeds_the_fine(fine: Decimal, due: date, lag: int) -> None:
    s = late_payment_surcharge(fine, due, due + timedelta(days=lag))
    assert 0 <= s.surcharge <= fine
    assert s.payable == fine + s.surcharge
    assert s.capped == (3 * max(lag, 0) > 100)


@given(
    fine=_FINES,
    due=_DUE,
    lag=st.integers(min_value=-30, max_value=200),
    later=st.integers(min_value=0, max_value=60),
)
def test_surcharge_never_decreases_with_a_later_payment(
    fine: Decimal, due: date, lag: int, later: int
) -> None:
    early = late_payment_surcharge(fine, due, due + timedelta(days=lag))
    late = late_payment_surcharge(fine, due, due + timedelta(days=lag + later))
    assert early.surcharge <= late.surcharge
