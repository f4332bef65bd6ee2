"""Tests of safetyrules.scoring.grading and .revocation: 定级, 撤销, 免评审复核.

Expected values are derived by hand from these sources:

* 2011 考评办法: 一级 ≥90 / 二级 ≥75 / 三级 ≥60 (wenku.docs.qq.com/detail?docId=GmyzOVkxSL); 一级
  only for 大型企业集团、上市公司、行业领先企业; groups: no 较大+ accident and ≥90% (一级) / ≥80% (二级)
  of members death-free, ≥90% of members scoring ≥90 (一级) / ≥80% scoring ≥75 (二级); single 一级:
  no fatal accident; single 二级: ≤1 death; 三级: ≤2 deaths — all in the year before applying;
  approvers 国家安全监管总局 / 省级 / 设区的市级安全监管部门 (secondary reports:
  m.3dmxku.com/daquan/zonghe/5746087.html, wenku.docs.qq.com/detail?docId=GmyzOVkxSL,
  dybbs8.com/doc-346329917.html); valid 3 years (sdqkbs.com/college/1131.html).
* 2021 定级办法: no points in the 办法 (90/75/60 only as the common default); 第八条 conditions
  未见来源; 1-year gate: no death, Σ serious injuries ≥3 blocks, Σ loss ≥1,000,000 元 blocks (the
  June 2021 draft, enviliance.com/regions/east-asia/cn/report_2798; final text 未见来源); 一级 extras:
  never 特别重大, no 重大 in 5 years, no 较大 in 2 years, statistics, previously graded (未见来源);
  valid 3 years from the 通告, and revocation for a fatal accident, an overdue 重大隐患 or a system
  not run (上海市应急管理局 通告 2025-03-19,
  yjglj.sh.gov.cn/aqzd/cbzhjs/gmqy/dbgg/20250326/1d3fbb0c0b1a42ceae882dc4521572ca.html); the other
  revocation grounds and the re-application thresholds 3 / 100万 (一级), 5 / 500万 (二级、三级)
  未见来源.
* Dates: 2011 办法 from 2011-06-09 (dybbs8.com/doc-346329917.html); 2021 办法 issued 2021-10-27
  (scholarmate.com/S/jjmcCK), in force from 2021-11-01 (未见来源).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safetyrules.accidents.record import AccidentRecord
from safetyrules.errors import InvalidInput, NotInForce, RuleDataError
from safetyrules.law.confidence import Confidence
from safetyrules.law.data_files import read_packaged_text
from safetyrules.scoring.grading import (
    DATA_FILE,
    NEVER,
    ConditionOutcome,
    EnterpriseKind,
    GradingRecord,
    GradingResult,
    GroupMember,
    ScoredAssessment,
    ScoreSummary,
    StandardizationLevel,
    ThresholdSource,
    grade,
    grading_regime,
    grading_regimes,
    last_valid_day,
    read_grading_regimes,
    valid_until,
)
from safetyrules.scoring.revocation import (
    ReapplicationEvents,
    RevocationEvents,
    TriggerOutcome,
    reapplication_without_review,
    revocation_check,
)

FIRST, SECOND, THIRD = StandardizationLevel


@dataclass(frozen=True)
class Scored:
    """A stand-in scoring result: any object with these three attributes can be graded."""

    score: Decimal
    thresholds: dict[int, Decimal] | None = None
    failed_gates: tuple[str, ...] = field(default=())


def clean(**changes: object) -> GradingRecord:
    """A record on which every condition of both regimes holds for a listed single company."""
    facts: dict[str, object] = {
        "accidents": (),
        "licences_valid": True,
        "safety_organisation_set_up": True,
        "certificates_held": True,
        "major_social_event": False,
        "on_serious_dishonesty_list": False,
        "unrectified_major_hazards": 0,
        "last_failed_application_notified_on": NEVER,
        "last_revoked_on": NEVER,
        "current_level": StandardizationLevel.FIRST,
        "current_level_since": date(2010, 1, 1),
        "statistics_not_rising": True,
        "enterprise_kind": EnterpriseKind.LISTED_COMPANY,
        "is_group": False,
    }
    facts.update(changes)
    return GradingRecord.model_validate(facts)


def accident(on: date, **numbers: object) -> AccidentRecord:
    return AccidentRecord.model_validate({"occurred_on": on, "summary": "测试事故", **numbers})


def outcome(result: GradingResult, condition_id: str) -> ConditionOutcome:
    return next(c.outcome for c in result.conditions if c.id == condition_id)


AS_OF = date(2024, 6, 1)
POINTS = Scored(Decimal("95"))


# --- the scored assessment protocol ---------------------------------------------------------


def test_any_object_with_the_three_attributes_is_a_scored_assessment() -> None:
    assert isinstance(Scored(Decimal("80")), ScoredAssessment)
    assert isinstance(ScoreSummary(score=Decimal("80")), ScoredAssessment)


# --- score thresholds -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("score", "expected"),
    [
        ("100", FIRST),
        ("90", FIRST),
        ("89.9", SECOND),
        ("75", SECOND),
        ("74.9", THIRD),
        ("60", THIRD),
        ("59.9", None),
        ("0", None),
    ],
)
def test_the_default_thresholds_include_the_number(
    score: str, expected: StandardizationLevel | None
) -> None:
    # The 2021 办法 sets no points (no source seen giving any); 90/75/60 (以上, inclusive) is the
    # library's documented default.
    result = grade(Scored(Decimal(score)), clean(), FIRST, AS_OF)
    assert result.threshold_source is ThresholdSource.COMMON_DEFAULT
    assert result.score_level is expected
    assert result.reachable_level is expected
    assert result.granted is (expected is FIRST)


def test_the_default_thresholds_are_said_to_be_a_default_and_unverified() -> None:
    result = grade(Scored(Decimal("80")), clean(), SECOND, AS_OF)
    reason = next(r for r in result.reasons if r.rule.endswith(".thresholds"))
    assert "本身不规定分数线" in reason.message
    assert "通行缺省分数线" in reason.message
    assert reason.confidence is Confidence.UNVERIFIED
    assert result.thresholds == {1: Decimal(90), 2: Decimal(75), 3: Decimal(60)}


def test_a_standards_own_thresholds_apply_under_the_2021_regime() -> None:
    own = {1: Decimal("92"), 2: Decimal("80"), 3: Decimal("65")}
    result = grade(Scored(Decimal("91.9"), own), clean(), FIRST, AS_OF)
    assert result.threshold_source is ThresholdSource.STANDARD
    assert result.score_level is SECOND
    assert result.reachable_level is SECOND
    low = grade(Scored(Decimal("64.9"), own), clean(), THIRD, AS_OF)
    assert low.reachable_level is None


def test_a_standard_without_a_first_level_threshold_cannot_reach_it() -> None:
    own = {2: Decimal("75"), 3: Decimal("60")}
    result = grade(Scored(Decimal("99"), own), clean(), FIRST, AS_OF)
    assert result.score_level is SECOND
    assert result.reachable_level is SECOND


def test_the_2011_thresholds_are_the_regimes_own_and_bind() -> None:
    # 90/75/60 laid down by the 考评办法 itself (seen in a reprint at
    # wenku.docs.qq.com/detail?docId=GmyzOVkxSL); a standard's other split is not used.
    other = {1: Decimal("95"), 2: Decimal("85"), 3: Decimal("70")}
    result = grade(Scored(Decimal("90"), other), clean(), FIRST, date(2016, 3, 1))
    assert result.regime == "metallurgy-trade-2011"
    assert result.threshold_source is ThresholdSource.REGIME
    assert result.score_level is FIRST
    assert result.thresholds == {1: Decimal(90), 2: Decimal(75), 3: Decimal(60)}
    reason = next(r for r in result.reasons if r.rule.endswith(".thresholds"))
    assert reason.confidence is Confidence.SECONDARY
    assert "不适用" in reason.message


@pytest.mark.parametrize(
    "thresholds",
    [
        {},
        {1: Decimal("75"), 2: Decimal("90")},
        {1: Decimal("90"), 4: Decimal("50")},
        {1: 90.0},
        {1: Decimal("101")},
    ],
)
def test_bad_thresholds_are_refused(thresholds: dict[int, Decimal]) -> None:
    with pytest.raises(InvalidInput, match="thresholds"):
        grade(Scored(Decimal("80"), thresholds), clean(), SECOND, AS_OF)


@pytest.mark.parametrize("score", [89.9, Decimal("100.1"), Decimal("-1"), Decimal("NaN"), True])
def test_bad_scores_are_refused(score: object) -> None:
    with pytest.raises(InvalidInput, match="score"):
        grade(Scored(score), clean(), SECOND, AS_OF)  # type: ignore[arg-type]


@pytest.mark.parametrize("level", [0, 4, "一级", True])
def test_the_applied_level_must_be_one_two_or_three(level: object) -> None:
    with pytest.raises(InvalidInput, match="applied_level"):
        grade(POINTS, clean(), level, AS_OF)  # type: ignore[arg-type]


# --- the 1-year accident gate (2021) --------------------------------------------------------


@pytest.mark.parametrize(
    ("injuries", "met"),
    [((2,), True), ((3,), False), ((1, 1), True), ((1, 2), False)],
)
def test_serious_injuries_block_from_a_total_of_three(injuries: tuple[int, ...], met: bool) -> None:
    accidents = tuple(
        accident(date(2024, 1, 10) + timedelta(days=i), serious_injuries=n)
        for i, n in enumerate(injuries)
    )
    result = grade(POINTS, clean(accidents=accidents), FIRST, AS_OF)
    assert outcome(result, "serious-injuries-1y") is (
        ConditionOutcome.MET if met else ConditionOutcome.NOT_MET
    )
    assert result.reachable_level is (FIRST if met else None)


@pytest.mark.parametrize(
    ("losses", "met"),
    [
        (("999999.99",), True),
        (("1000000",), False),
        (("500000", "499999.99"), True),
        (("500000", "500000"), False),
    ],
)
def test_direct_loss_blocks_from_a_total_of_one_million(losses: tuple[str, ...], met: bool) -> None:
    accidents = tuple(
        accident(date(2024, 2, 1) + timedelta(days=i), direct_economic_loss=loss)
        for i, loss in enumerate(losses)
    )
    result = grade(POINTS, clean(accidents=accidents), SECOND, AS_OF)
    assert outcome(result, "direct-loss-1y") is (
        ConditionOutcome.MET if met else ConditionOutcome.NOT_MET
    )
    assert result.granted is met


@pytest.mark.parametrize(
    ("days_before", "met"),
    [(366, True), (365, False), (364, False), (1, False)],
)
def test_a_death_counts_in_the_year_before_as_of(days_before: int, met: bool) -> None:
    # The window is [as_of - 1 year, as_of): as_of 2023-06-30 (no 29 February in between), so
    # 2022-06-30 (365 days before) is its first day and 2022-06-29 (366 days) lies outside.
    as_of = date(2023, 6, 30)
    death = accident(as_of - timedelta(days=days_before), deaths=1)
    result = grade(POINTS, clean(accidents=(death,)), THIRD, as_of)
    assert outcome(result, "no-death-1y") is (
        ConditionOutcome.MET if met else ConditionOutcome.NOT_MET
    )
    assert result.granted is met


def test_an_accident_on_or_after_as_of_is_outside_the_window_and_said_so() -> None:
    later = accident(AS_OF, deaths=1)
    result = grade(POINTS, clean(accidents=(later,)), FIRST, AS_OF)
    assert outcome(result, "no-death-1y") is ConditionOutcome.MET
    assert any("当日或之后" in r.message for r in result.reasons)


def test_a_missing_person_counts_as_a_death_and_flags_the_reason() -> None:
    missing = accident(date(2024, 3, 1), missing=1)
    result = grade(POINTS, clean(accidents=(missing,)), THIRD, AS_OF)
    condition = next(c for c in result.conditions if c.id == "no-death-1y")
    assert condition.outcome is ConditionOutcome.NOT_MET
    assert "失踪" in condition.detail
    assert condition.confidence is Confidence.UNVERIFIED


# --- 一级 extra conditions (2021) -----------------------------------------------------------


@pytest.mark.parametrize(
    ("occurred_on", "reachable"),
    [
        (date(2022, 5, 31), FIRST),  # 2 years and 1 day before 2024-06-01: outside
        (date(2022, 6, 1), SECOND),  # exactly 2 years: the window's first day
        (date(2022, 6, 2), SECOND),  # 2 years less 1 day
    ],
)
def test_a_larger_accident_in_the_two_years_before_blocks_first_level(
    occurred_on: date, reachable: StandardizationLevel
) -> None:
    larger = accident(occurred_on, deaths=3)  # 3 deaths: 较大事故 (条例第三条)
    result = grade(POINTS, clean(accidents=(larger,)), FIRST, AS_OF)
    assert result.reachable_level is reachable
    assert outcome(result, "no-death-1y") is ConditionOutcome.MET  # more than a year ago
    expected = ConditionOutcome.MET if reachable is FIRST else ConditionOutcome.NOT_MET
    assert outcome(result, "level1-no-larger-2y") is expected


@pytest.mark.parametrize(
    ("occurred_on", "reachable"),
    [(date(2019, 5, 31), FIRST), (date(2019, 6, 1), SECOND)],
)
def test_a_major_accident_in_the_five_years_before_blocks_first_level(
    occurred_on: date, reachable: StandardizationLevel
) -> None:
    major = accident(occurred_on, deaths=10)  # 10 deaths: 重大事故
    assert grade(POINTS, clean(accidents=(major,)), FIRST, AS_OF).reachable_level is reachable


def test_an_especially_major_accident_ever_blocks_first_level() -> None:
    old = accident(date(2008, 1, 1), deaths=30)  # 30 deaths: 特别重大事故
    result = grade(POINTS, clean(accidents=(old,)), FIRST, AS_OF)
    assert outcome(result, "level1-never-especially-major") is ConditionOutcome.NOT_MET
    assert result.reachable_level is SECOND


@pytest.mark.parametrize(
    ("level", "since", "reachable"),
    [
        (FIRST, date(2023, 12, 1), FIRST),
        (SECOND, date(2021, 6, 1), FIRST),  # exactly 3 years
        (SECOND, date(2021, 6, 2), SECOND),
        (NEVER, None, SECOND),
    ],
)
def test_first_level_needs_a_previous_grading(
    level: object, since: date | None, reachable: StandardizationLevel
) -> None:
    record = clean(current_level=level, current_level_since=since)
    assert grade(POINTS, record, FIRST, AS_OF).reachable_level is reachable


def test_applied_first_but_reachable_second() -> None:
    record = clean(statistics_not_rising=False)
    result = grade(POINTS, record, FIRST, AS_OF)
    assert result.score_level is FIRST
    assert result.levels_meeting_conditions == (SECOND, THIRD)
    assert result.reachable_level is SECOND
    assert not result.granted
    assert result.authority == "省级应急管理部门"
    conclusion = next(r for r in result.reasons if r.rule == "standardization.grading.conclusion")
    assert "申请一级未获通过" in conclusion.message
    assert "可达到二级" in conclusion.message


def test_the_level_reached_is_never_above_the_level_applied_for() -> None:
    result = grade(POINTS, clean(), THIRD, AS_OF)
    assert result.score_level is FIRST
    assert result.reachable_level is THIRD
    assert result.granted
    assert result.authority == "设区的市级应急管理部门"


# --- unknown facts and gates ----------------------------------------------------------------


def test_an_unknown_fact_blocks_and_is_named() -> None:
    result = grade(POINTS, clean(licences_valid=None), SECOND, AS_OF)
    assert outcome(result, "licences-valid") is ConditionOutcome.UNKNOWN
    assert result.reachable_level is None
    assert not result.granted
    assert result.needed_facts == ("licences_valid",)
    assert "需提供：licences_valid" in result.explanation.text()


def test_an_empty_record_names_every_fact_the_applied_level_needs() -> None:
    result = grade(Scored(Decimal("80")), GradingRecord(), SECOND, AS_OF)
    assert result.needed_facts == (
        "licences_valid",
        "safety_organisation_set_up",
        "certificates_held",
        "accidents",
        "major_social_event",
        "on_serious_dishonesty_list",
        "last_failed_application_notified_on",
        "last_revoked_on",
        "unrectified_major_hazards",
    )


def test_an_unknown_first_level_fact_still_lets_a_lower_level_through() -> None:
    result = grade(POINTS, clean(statistics_not_rising=None), FIRST, AS_OF)
    assert result.reachable_level is SECOND
    assert result.needed_facts == ("statistics_not_rising",)


def test_a_failed_gate_blocks_every_level() -> None:
    gated = Scored(Decimal("99"), failed_gates=("未建立全员安全生产责任制",))
    result = grade(gated, clean(), THIRD, AS_OF)
    assert result.score_level is FIRST
    assert result.reachable_level is None
    assert result.failed_gates == ("未建立全员安全生产责任制",)
    assert any("未建立全员安全生产责任制" in r.message for r in result.reasons)


@pytest.mark.parametrize(
    ("field_name", "value"),
    [
        ("last_failed_application_notified_on", date(2023, 6, 1)),
        ("last_revoked_on", date(2023, 6, 1)),
    ],
)
def test_a_year_must_pass_after_a_failure_or_revocation(field_name: str, value: date) -> None:
    # Notified 2023-06-01: a year has passed on 2024-06-01, not on 2024-05-31.
    record = clean(**{field_name: value})
    assert grade(POINTS, record, THIRD, date(2024, 6, 1)).granted
    assert not grade(POINTS, record, THIRD, date(2024, 5, 31)).granted


def test_an_unrectified_major_hazard_blocks() -> None:
    result = grade(POINTS, clean(unrectified_major_hazards=1), THIRD, AS_OF)
    assert outcome(result, "major-hazards-rectified") is ConditionOutcome.NOT_MET
    assert result.reachable_level is None


def test_facts_dated_after_as_of_are_refused() -> None:
    with pytest.raises(InvalidInput, match="last_revoked_on"):
        grade(POINTS, clean(last_revoked_on=date(2024, 7, 1)), THIRD, AS_OF)


def test_the_dishonesty_list_condition_names_the_2023_list_from_its_date() -> None:
    before = grade(POINTS, clean(), FIRST, date(2023, 9, 30))
    after = grade(POINTS, clean(), FIRST, date(2023, 10, 1))
    rule = "not-on-dishonesty-list.caveat"
    assert not any(r.rule.endswith(rule) for r in before.reasons)
    assert any(r.rule.endswith(rule) for r in after.reasons)


# --- regimes over time ----------------------------------------------------------------------


def test_the_regime_switches_on_the_2021_effective_date() -> None:
    assert grading_regime(date(2021, 10, 31)).id == "metallurgy-trade-2011"
    assert grading_regime(date(2021, 11, 1)).id == "grading-2021"
    day_before = grade(POINTS, clean(), SECOND, date(2021, 10, 31))
    that_day = grade(POINTS, clean(), SECOND, date(2021, 11, 1))
    assert day_before.authority == "省级安全监管部门"
    assert that_day.authority == "省级应急管理部门"
    assert day_before.threshold_source is ThresholdSource.REGIME
    assert that_day.threshold_source is ThresholdSource.COMMON_DEFAULT


def test_a_date_before_the_2011_measures_is_not_in_force() -> None:
    with pytest.raises(NotInForce):
        grade(POINTS, clean(), THIRD, date(2011, 6, 8))
    assert grade(POINTS, clean(), THIRD, date(2011, 6, 9)).regime == "metallurgy-trade-2011"


def test_every_reason_of_the_regime_step_is_unverified_while_the_dates_are() -> None:
    # Both instruments' effective dates are unverified in the catalogue.
    for as_of in (date(2015, 1, 1), AS_OF):
        result = grade(POINTS, clean(), THIRD, as_of)
        assert result.reasons[0].confidence is Confidence.UNVERIFIED
        assert result.unverified


# --- the 2011 conditions --------------------------------------------------------------------

Y2015 = date(2015, 6, 1)


@pytest.mark.parametrize(
    ("deaths", "reachable"),
    [(0, FIRST), (1, SECOND), (2, THIRD), (3, None)],
)
def test_2011_single_enterprise_death_caps(deaths: int, reachable: StandardizationLevel) -> None:
    # Listed single company: 一级 no death; 二级 ≤1 death; 三级 ≤2 deaths.
    record = clean(accidents=(accident(date(2015, 1, 5), deaths=deaths),))
    assert grade(POINTS, record, FIRST, Y2015).reachable_level is reachable


def test_2011_first_level_needs_a_group_a_listed_company_or_a_leader() -> None:
    result = grade(POINTS, clean(enterprise_kind=EnterpriseKind.OTHER), FIRST, Y2015)
    assert outcome(result, "level1-enterprise-kind") is ConditionOutcome.NOT_MET
    assert result.reachable_level is SECOND


def members(total: int, with_deaths: int, scoring_low: int) -> tuple[GroupMember, ...]:
    return tuple(
        GroupMember(
            score=Decimal("70") if i < scoring_low else Decimal("95"),
            deaths=1 if i >= total - with_deaths else 0,
        )
        for i in range(total)
    )


@pytest.mark.parametrize(
    ("with_deaths", "scoring_low", "reachable"),
    [
        (1, 0, FIRST),  # 9 of 10 death-free: 90%
        (2, 0, SECOND),  # 8 of 10: 80%, enough for 二级 only
        (3, 0, THIRD),  # 7 of 10: neither; 三级 has no member condition
        (0, 1, FIRST),  # 9 of 10 score ≥90
        (0, 2, SECOND),  # 8 of 10 score ≥75 (the two others score 70)
        (0, 3, THIRD),
    ],
)
def test_2011_group_member_shares(
    with_deaths: int, scoring_low: int, reachable: StandardizationLevel
) -> None:
    record = clean(
        enterprise_kind=EnterpriseKind.LARGE_GROUP,
        is_group=True,
        members=members(10, with_deaths, scoring_low),
    )
    # The group itself had no accident; member deaths are the members' own figures.
    result = grade(POINTS, record, FIRST, Y2015)
    assert outcome(result, "level1-single-no-death") is ConditionOutcome.NOT_APPLICABLE
    assert result.reachable_level is reachable


def test_2011_group_with_a_larger_accident_cannot_reach_first_or_second() -> None:
    record = clean(
        enterprise_kind=EnterpriseKind.LARGE_GROUP,
        is_group=True,
        members=members(10, 0, 0),
        accidents=(accident(date(2015, 2, 1), serious_injuries=10),),  # 较大 by injuries
    )
    result = grade(POINTS, record, FIRST, Y2015)
    assert result.levels_meeting_conditions == (THIRD,)
    assert result.reachable_level is THIRD


def test_a_group_flag_is_needed_for_the_2011_split_conditions() -> None:
    # 二级 splits by group and single enterprise; 三级 does not.
    result = grade(POINTS, clean(is_group=None), SECOND, Y2015)
    assert outcome(result, "level2-single-deaths") is ConditionOutcome.UNKNOWN
    assert result.reachable_level is THIRD
    assert result.needed_facts == ("is_group",)


def test_group_facts_must_agree() -> None:
    with pytest.raises(ValueError, match="is_group"):
        GradingRecord(enterprise_kind=EnterpriseKind.LARGE_GROUP, is_group=False)
    with pytest.raises(ValueError, match="members"):
        GradingRecord(is_group=False, members=members(2, 0, 0))


# --- validity -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("announced", "last_day"),
    [
        (date(2024, 2, 29), date(2027, 2, 28)),
        (date(2024, 3, 1), date(2027, 2, 28)),
        (date(2025, 3, 1), date(2028, 2, 29)),
        (date(2023, 6, 15), date(2026, 6, 14)),
    ],
)
def test_validity_is_three_years_with_the_first_day_included(
    announced: date, last_day: date
) -> None:
    assert valid_until(announced) == last_day
    assert last_valid_day(announced, 3) == last_day


def test_grading_uses_the_announcement_date_for_validity() -> None:
    as_of = date(2024, 1, 15)
    result = grade(POINTS, clean(), SECOND, as_of, announced_on=date(2024, 2, 29))
    assert result.valid_until == date(2027, 2, 28)
    without = grade(POINTS, clean(), SECOND, as_of)
    assert without.valid_until == date(2027, 1, 14)
    assert any("实际以通告日期为准" in r.message for r in without.reasons)


def test_an_announcement_before_the_application_is_refused() -> None:
    with pytest.raises(InvalidInput, match="announced_on"):
        grade(POINTS, clean(), SECOND, AS_OF, announced_on=date(2024, 5, 31))


def test_no_validity_without_a_level() -> None:
    result = grade(Scored(Decimal("50")), clean(), THIRD, AS_OF)
    assert result.valid_until is None
    assert result.authority is None


# --- revocation -----------------------------------------------------------------------------

GRANTED = date(2023, 1, 10)
QUIET = RevocationEvents(
    major_social_event=False,
    accident_concealed=False,
    false_material=False,
    licence_revoked_or_left_industry=False,
    major_hazard_overdue=False,
    management_system_not_running=False,
)


@pytest.mark.parametrize(
    ("occurred_on", "revoked"),
    [
        (date(2023, 1, 9), False),  # before the level was granted
        (date(2023, 1, 10), True),  # the day it was announced
        (date(2024, 6, 1), True),  # as_of itself
        (date(2024, 6, 2), False),  # after as_of
    ],
)
def test_a_fatal_accident_revokes_only_after_the_grant(occurred_on: date, revoked: bool) -> None:
    record = clean(accidents=(accident(occurred_on, deaths=1),))
    result = revocation_check(record, level=SECOND, granted_on=GRANTED, as_of=AS_OF, events=QUIET)
    assert result.revoked is revoked
    assert result.fired == (("fatal-accident",) if revoked else ())
    fatal = result.triggers[0]
    assert fatal.confidence is Confidence.SECONDARY


@pytest.mark.parametrize(
    ("second_on", "fired"),
    [(date(2024, 1, 31), True), (date(2024, 2, 1), False)],
)
def test_serious_injuries_in_twelve_consecutive_months(second_on: date, fired: bool) -> None:
    # 1 + 2 serious injuries: within [2023-02-01, 2024-02-01) they total 3.
    record = clean(
        accidents=(
            accident(date(2023, 2, 1), serious_injuries=1),
            accident(second_on, serious_injuries=2),
        )
    )
    result = revocation_check(record, level=THIRD, granted_on=GRANTED, as_of=AS_OF, events=QUIET)
    trigger = next(t for t in result.triggers if t.id == "serious-injuries-12-months")
    assert trigger.outcome is (TriggerOutcome.FIRED if fired else TriggerOutcome.NOT_FIRED)
    assert trigger.confidence is Confidence.UNVERIFIED


def test_the_three_sourced_triggers_are_secondary_and_the_rest_unverified() -> None:
    result = revocation_check(clean(), level=FIRST, granted_on=GRANTED, as_of=AS_OF, events=QUIET)
    secondary = {t.id for t in result.triggers if t.confidence is Confidence.SECONDARY}
    assert secondary == {"fatal-accident", "major-hazard-overdue", "management-system-not-running"}
    assert len(result.triggers) == 10
    assert result.revoked is False
    assert result.authority == "应急管理部"


def test_unknown_revocation_facts_leave_the_answer_open() -> None:
    result = revocation_check(clean(), level=SECOND, granted_on=GRANTED, as_of=AS_OF)
    assert result.revoked is None
    assert "accident_concealed" in result.needed_facts


def test_revocation_is_a_2021_rule() -> None:
    with pytest.raises(NotInForce, match="standardization-grading-measures-2021"):
        revocation_check(
            clean(), level=SECOND, granted_on=date(2019, 1, 1), as_of=date(2021, 10, 31)
        )


def test_a_grant_after_as_of_is_refused() -> None:
    with pytest.raises(InvalidInput, match="granted_on"):
        revocation_check(clean(), level=SECOND, granted_on=date(2024, 6, 2), as_of=AS_OF)


# --- re-application without review ----------------------------------------------------------

CALM = ReapplicationEvents(
    major_social_event=False,
    rules_revised=False,
    major_change=False,
    self_assessment_submitted=True,
)


@pytest.mark.parametrize(
    ("level", "injuries", "loss", "eligible"),
    [
        (FIRST, 2, "999999.99", True),
        (FIRST, 3, "0", False),
        (FIRST, 0, "1000000", False),
        (SECOND, 4, "4999999.99", True),
        (THIRD, 5, "0", False),
        (THIRD, 0, "5000000", False),
    ],
)
def test_reapplication_thresholds_by_level(
    level: StandardizationLevel, injuries: int, loss: str, eligible: bool
) -> None:
    record = clean(
        accidents=(
            accident(date(2023, 3, 1), serious_injuries=injuries, direct_economic_loss=loss),
        )
    )
    result = reapplication_without_review(
        record, level=level, granted_on=date(2021, 12, 20), as_of=date(2024, 11, 1), events=CALM
    )
    assert result.eligible is eligible
    assert result.valid_until == date(2024, 12, 19)


@pytest.mark.parametrize(
    ("as_of", "eligible"),
    [
        (date(2024, 9, 19), False),  # more than 3 months before expiry
        (date(2024, 9, 20), True),  # 3 months before 2024-12-20, the first day no longer valid
        (date(2024, 12, 19), True),  # the last valid day
    ],
)
def test_reapplication_is_in_the_last_three_months(as_of: date, eligible: bool) -> None:
    result = reapplication_without_review(
        clean(), level=SECOND, granted_on=date(2021, 12, 20), as_of=as_of, events=CALM
    )
    assert result.eligible is eligible


def test_reapplication_with_a_fatal_accident_needs_review() -> None:
    record = clean(accidents=(accident(date(2023, 3, 1), deaths=1),))
    result = reapplication_without_review(
        record, level=THIRD, granted_on=date(2021, 12, 20), as_of=date(2024, 11, 1), events=CALM
    )
    assert result.eligible is False
    assert result.unverified


# --- serialization --------------------------------------------------------------------------


def test_a_result_round_trips_through_json() -> None:
    record = clean(accidents=(accident(date(2024, 1, 2), serious_injuries=1),))
    result = grade(POINTS, record, FIRST, AS_OF, announced_on=date(2024, 7, 1))
    text = result.model_dump_json()
    again = GradingResult.model_validate_json(text)
    assert again.model_dump_json() == text
    assert (again.reachable_level, again.valid_until) == (FIRST, date(2027, 6, 30))
    assert again.conditions == result.conditions
    assert GradingRecord.model_validate_json(record.model_dump_json()) == record


# --- properties -----------------------------------------------------------------------------


def rank(level: StandardizationLevel | None) -> int:
    """1 for 一级 … 3 for 三级, 4 for no level: smaller is better."""
    return 4 if level is None else int(level)


booleans = st.none() | st.booleans()
as_of_dates = st.dates(min_value=date(2011, 6, 9), max_value=date(2027, 12, 31))
scores = st.decimals(min_value=0, max_value=100, places=1)
levels = st.sampled_from(list(StandardizationLevel))


@st.composite
def accidents_near(draw: st.DrawFn, as_of: date) -> AccidentRecord:
    return accident(
        as_of - timedelta(days=draw(st.integers(min_value=-30, max_value=2500))),
        deaths=draw(st.integers(0, 12)),
        missing=draw(st.integers(0, 1)),
        serious_injuries=draw(st.integers(0, 12)),
        direct_economic_loss=draw(st.decimals(min_value=0, max_value=60_000_000, places=2)),
    )


@st.composite
def records(draw: st.DrawFn, as_of: date) -> GradingRecord:
    group = draw(booleans)
    past = st.dates(min_value=date(2005, 1, 1), max_value=as_of)
    return GradingRecord(
        accidents=draw(st.none() | st.lists(accidents_near(as_of), max_size=3).map(tuple)),
        licences_valid=draw(booleans),
        safety_organisation_set_up=draw(booleans),
        certificates_held=draw(booleans),
        major_social_event=draw(booleans),
        on_serious_dishonesty_list=draw(booleans),
        unrectified_major_hazards=draw(st.none() | st.integers(0, 2)),
        last_failed_application_notified_on=draw(st.none() | st.just(NEVER) | past),
        last_revoked_on=draw(st.none() | st.just(NEVER) | past),
        current_level=draw(st.none() | st.just(NEVER) | levels),
        current_level_since=draw(st.none() | past),
        statistics_not_rising=draw(booleans),
        enterprise_kind=(
            EnterpriseKind.LARGE_GROUP
            if group
            else draw(st.none() | st.sampled_from(list(EnterpriseKind)[1:]))
        ),
        is_group=group,
        members=(
            draw(
                st.none()
                | st.lists(
                    st.builds(GroupMember, score=scores, deaths=st.integers(0, 1)),
                    min_size=1,
                    max_size=5,
                ).map(tuple)
            )
            if group
            else None
        ),
    )


@st.composite
def cases(draw: st.DrawFn) -> tuple[date, GradingRecord, StandardizationLevel]:
    as_of = draw(as_of_dates)
    return as_of, draw(records(as_of)), draw(levels)


@given(cases(), scores, scores)
def test_a_higher_score_never_gives_a_lower_level(
    case: tuple[date, GradingRecord, StandardizationLevel], a: Decimal, b: Decimal
) -> None:
    as_of, record, applied = case
    low, high = sorted((a, b))
    worse = grade(Scored(low), record, applied, as_of).reachable_level
    better = grade(Scored(high), record, applied, as_of).reachable_level
    assert rank(better) <= rank(worse)


@given(cases(), scores, st.data())
def test_an_extra_accident_never_raises_the_level(
    case: tuple[date, GradingRecord, StandardizationLevel], score: Decimal, data: st.DataObject
) -> None:
    as_of, record, applied = case
    if record.accidents is None:  # unknown accidents becoming known is not "adding" one
        record = record.model_copy(update={"accidents": ()})
    extra = data.draw(accidents_near(as_of))
    more = record.model_copy(update={"accidents": (*(record.accidents or ()), extra)})
    before = grade(Scored(score), record, applied, as_of).reachable_level
    after = grade(Scored(score), more, applied, as_of).reachable_level
    assert rank(after) >= rank(before)


@given(cases(), scores)
def test_the_level_reached_is_never_above_the_one_applied_for(
    case: tuple[date, GradingRecord, StandardizationLevel], score: Decimal
) -> None:
    as_of, record, applied = case
    result = grade(Scored(score), record, applied, as_of)
    assert rank(result.reachable_level) >= rank(applied)
    assert result.granted is (result.reachable_level is applied)
    if result.reachable_level is not None:
        assert result.score_level is not None
        assert rank(result.reachable_level) >= rank(result.score_level)
        assert result.reachable_level in result.levels_meeting_conditions
        assert result.valid_until is not None
        assert result.authority is not None


@given(cases(), scores)
def test_a_failed_gate_always_blocks(
    case: tuple[date, GradingRecord, StandardizationLevel], score: Decimal
) -> None:
    as_of, record, applied = case
    result = grade(Scored(score, failed_gates=("否决项",)), record, applied, as_of)
    assert result.reachable_level is None


@given(st.dates(min_value=date(2011, 6, 9), max_value=date(2090, 12, 31)))
def test_validity_lasts_three_years_less_at_most_a_day(announced: date) -> None:
    last = valid_until(announced)
    assert 365 * 3 - 1 <= (last - announced).days + 1 <= 366 * 3 + 1
    assert last.year == announced.year + 3 or (last.month, last.day) == (12, 31)


# --- the data file --------------------------------------------------------------------------


def test_the_packaged_file_loads_with_the_recorded_confidences() -> None:
    old, new = grading_regimes()
    assert (old.id, new.id) == ("metallurgy-trade-2011", "grading-2021")
    assert old.end == new.start == date(2021, 11, 1)
    assert [r.authority for r in old.levels] == [
        "国家安全监管总局",
        "省级安全监管部门",
        "设区的市级安全监管部门",
    ]
    assert [r.authority for r in new.levels] == [
        "应急管理部",
        "省级应急管理部门",
        "设区的市级应急管理部门",
    ]
    assert {r.authority_confidence for r in old.levels} == {Confidence.SECONDARY}  # secondary
    assert {r.authority_confidence for r in new.levels} == {Confidence.UNVERIFIED}  # no source seen
    assert {r.threshold_confidence for r in old.levels} == {Confidence.SECONDARY}  # a reprint
    assert {r.threshold_confidence for r in new.levels} == {Confidence.UNVERIFIED}
    assert [r.threshold for r in new.levels] == [Decimal(90), Decimal(75), Decimal(60)]
    assert old.validity.years == new.validity.years == 3
    assert {old.validity.confidence, new.validity.confidence} == {Confidence.SECONDARY}
    assert {c.confidence for c in old.conditions} == {Confidence.SECONDARY}  # secondary
    assert {c.confidence for c in new.conditions} == {Confidence.UNVERIFIED}  # no source seen
    assert {c.confidence for c in new.reapplication_conditions} == {Confidence.UNVERIFIED}
    assert not old.revocation_triggers
    assert not old.reapplication_conditions


def test_the_1_year_gate_numbers_are_in_the_data() -> None:
    regime = grading_regime(AS_OF)
    assert regime.condition("no-death-1y").limit == 1
    assert regime.condition("serious-injuries-1y").limit == 3
    assert regime.condition("direct-loss-1y").limit == Decimal("1000000")
    assert regime.condition("level1-no-larger-2y").years == 2
    assert regime.condition("level1-no-major-5y").years == 5


def broken(tmp_path: Path, old: str, new: str) -> Path:
    text = read_packaged_text(DATA_FILE)
    assert old in text
    path = tmp_path / "grading.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        (
            'authority_citation = { instrument = "metallurgy-trade-standardization-assessment-measures-2011"',
            'authority_citation = { instrument = "no-such-instrument"',
            "regime[0].level[0].authority_citation.instrument",
        ),
        ("threshold = 90\n", "threshold = 90.0\n", "regime[0].level[0].threshold"),
        ('id = "safety-organisation"', 'id = "licences-valid"', "regime[1].condition[1].id"),
        ('fact = "certificates_held"', 'fact = "no_such_fact"', "regime[1].condition[2].fact"),
        (
            'instrument = "standardization-grading-measures-2021"\n',
            'instrument = "nope"\n',
            "regime[1].instrument",
        ),
        (
            'measure = "serious-injuries"\nlimit = 3\n',
            'measure = "serious-injuries"\n',
            "regime[1].condition[4]",
        ),
        ("level = 2\n", "level = 1\n", "regime[0].level[1].level"),
        ('window = "all-before"', 'window = "since-granted"', "regime[1].condition[11].window"),
    ],
)
def test_a_broken_copy_names_the_key(tmp_path: Path, old: str, new: str, key: str) -> None:
    with pytest.raises(RuleDataError) as caught:
        read_grading_regimes(broken(tmp_path, old, new))
    assert caught.value.key == key
