"""The unit's accident fine by tier (阶次), the 条例's fines and its precedence against the law.

Amounts are written out from the official text of 国务院令第493号 (arts 35–38), from the unit-fine
tiers of 应急管理部令第14号 as given by 233网校 (www.233.com/jzs1/xmgl/fudao/202504/27170310807162.html;
特别重大 tiers 2 and 3: 未见来源) and from the 2015 生产安全事故罚款处罚规定(试行) as reproduced by
juduo.cc/club/8913426.html and www.howto234.com.cn/wenku/rgcbs/D683jBwpde, not read back from the
data files.
"""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safetyrules.accidents import AccidentGrade, classify
from safetyrules.accidents.grade import Dimension
from safetyrules.errors import InvalidInput, NotInForce, RuleDataError
from safetyrules.law.confidence import Confidence
from safetyrules.penalties import accident_tiers
from safetyrules.penalties.accident_fines import accident_fine, principal_fine
from safetyrules.penalties.accident_regulation import (
    RegulationConduct,
    regulation_fine,
    regulation_penalty,
    regulation_vs_law,
)
from safetyrules.penalties.accident_tiers import fine_tier, tier_rule_on, tier_rules

WAN = Decimal(10000)
G, L, M, E = (
    AccidentGrade.GENERAL,
    AccidentGrade.LARGER,
    AccidentGrade.MAJOR,
    AccidentGrade.ESPECIALLY_MAJOR,
)
IN_2024 = date(2024, 6, 1)


def _wan(low: int, high: int) -> tuple[Decimal, Decimal]:
    return low * WAN, high * WAN


# --- 应急管理部令第14号 tiers (as given by 233网校) -------------------------------------------


@pytest.mark.parametrize(
    ("deaths", "injuries", "loss_wan", "grade", "tier", "band"),
    [
        # 一般: "以上含本数、以下不含本数".
        (0, 2, Decimal("299.9999"), G, 1, (30, 50)),
        (0, 0, 0, G, 1, (30, 50)),
        (1, 0, 0, G, 2, (50, 70)),
        (0, 3, 0, G, 2, (50, 70)),
        (0, 5, 0, G, 2, (50, 70)),
        (0, 0, 300, G, 2, (50, 70)),
        (0, 0, Decimal("499.9999"), G, 2, (50, 70)),
        (0, 0, 500, G, 3, (70, 100)),
        (2, 0, 0, G, 3, (70, 100)),
        (0, 6, 0, G, 3, (70, 100)),
        (0, 9, 999, G, 3, (70, 100)),
        # 较大
        (3, 0, 0, L, 1, (100, 120)),
        (4, 19, 1999, L, 1, (100, 120)),
        (5, 0, 0, L, 2, (120, 150)),
        (0, 20, 0, L, 2, (120, 150)),
        (0, 0, 2000, L, 2, (120, 150)),
        (6, 29, 2999, L, 2, (120, 150)),
        (7, 0, 0, L, 3, (150, 200)),
        (0, 30, 0, L, 3, (150, 200)),
        (9, 49, 4999, L, 3, (150, 200)),
        # 重大: uneven tiers, tier 2 only 13–14 deaths.
        (10, 0, 0, M, 1, (200, 400)),
        (12, 59, 5999, M, 1, (200, 400)),
        (13, 0, 0, M, 2, (400, 600)),
        (14, 0, 0, M, 2, (400, 600)),
        (0, 60, 0, M, 2, (400, 600)),
        (15, 0, 0, M, 3, (600, 1000)),
        (0, 0, 7000, M, 3, (600, 1000)),
        (29, 99, 9999, M, 3, (600, 1000)),
        # 特别重大: tier 1 secondary; tiers 2 and 3 unverified.
        (30, 0, 0, E, 1, (1000, 1200)),
        (39, 119, 14999, E, 1, (1000, 1200)),
        (40, 0, 0, E, 2, (1200, 1500)),
        (0, 0, 15000, E, 2, (1200, 1500)),
        (50, 0, 0, E, 3, (1500, 2000)),
        (0, 150, 0, E, 3, (1500, 2000)),
        (0, 0, 20000, E, 3, (1500, 2000)),
    ],
)
def test_2024_tiers_at_the_boundaries(
    deaths: int,
    injuries: int,
    loss_wan: int | Decimal,
    grade: AccidentGrade,
    tier: int,
    band: tuple[int, int],
) -> None:
    c = classify(deaths, injuries, Decimal(loss_wan) * WAN, occurred_on=IN_2024)
    assert c.grade is grade
    match = fine_tier(c, on=IN_2024)
    assert match.tier is not None
    assert match.tier.tier == tier
    assert match.rule is not None
    assert match.rule.instrument == "accident-fine-provisions-2024"
    fine = accident_fine(c, occurred_on=IN_2024)
    assert (fine.minimum, fine.maximum) == _wan(*band)
    assert fine.law == "work-safety-law-2021"


def test_the_highest_tier_reached_on_any_dimension_wins_and_is_flagged() -> None:
    # 1 death (tier 2) and 6 serious injuries (tier 3): tier 3, 70万–100万.
    c = classify(1, 6, occurred_on=IN_2024)
    match = fine_tier(c, on=IN_2024)
    assert match.tier is not None
    assert match.tier.tier == 3
    assert match.explanation.unverified  # the dimensions disagree: a reading decides
    assert "本库的读法" in match.reasons[-1].message
    # All three dimensions in tier 2: no reading needed, the tier's own confidence.
    same = fine_tier(classify(1, 3, 300 * WAN, occurred_on=IN_2024), on=IN_2024)
    assert not same.explanation.unverified
    assert same.reasons[-1].confidence is Confidence.SECONDARY


def test_unverified_tiers_of_an_especially_major_accident() -> None:
    fine = accident_fine(classify(45, occurred_on=IN_2024), occurred_on=IN_2024)
    assert (fine.minimum, fine.maximum) == _wan(1200, 1500)
    assert fine.explanation.unverified
    tier_one = accident_fine(classify(30, occurred_on=IN_2024), occurred_on=IN_2024)
    assert [r.confidence for r in tier_one.reasons if r.rule == "penalties.accident.tier"] == [
        Confidence.SECONDARY
    ]


def test_missing_persons_count_as_deaths_for_the_tier_and_say_so() -> None:
    c = classify(0, missing=1, occurred_on=IN_2024)
    fine = accident_fine(c, occurred_on=IN_2024)
    assert (fine.minimum, fine.maximum) == _wan(50, 70)
    assert any("失踪" in r.message for r in fine.reasons)
    assert fine.explanation.unverified


def test_grade_only_gives_the_statutory_band() -> None:
    fine = accident_fine(L, occurred_on=IN_2024)
    assert (fine.minimum, fine.maximum) == _wan(100, 200)
    assert "penalties.accident.tier.grade_only" in [r.rule for r in fine.reasons]


def test_aggravation_multiplies_the_tier() -> None:
    # 较大 tier 2 (120万–150万) × 2–5 under 2021 第一百一十四条第二款: 240万–750万.
    fine = accident_fine(classify(5, occurred_on=IN_2024), occurred_on=IN_2024, aggravated=True)
    assert (fine.minimum, fine.maximum) == _wan(240, 750)


# --- the tiers tile the statutory bands ---------------------------------------------------------

BANDS = {
    # 2021 第一百一十四条第一款 (the official text) and 2014 第一百零九条 (secondary source:
    # dongwangask.com/ask/1736662362318939).
    "work-safety-law-2021": {G: (30, 100), L: (100, 200), M: (200, 1000), E: (1000, 2000)},
    "work-safety-law-2014": {G: (20, 50), L: (50, 100), M: (100, 500), E: (500, 1000)},
}
TIER_COUNTS = {
    "accident-fine-provisions-2024": {G: 3, L: 3, M: 3, E: 3},
    # 2015 第十四条至第十六条; 第十七条 (特别重大) not seen, not encoded.
    "accident-fine-provisions-2015": {G: 1, L: 2, M: 2, E: 0},
}


@pytest.mark.parametrize("rule", tier_rules(), ids=lambda r: r.instrument)
@pytest.mark.parametrize("grade", list(AccidentGrade), ids=lambda g: g.name)
def test_each_grades_tiers_tile_the_band(
    rule: accident_tiers.TierRule, grade: AccidentGrade
) -> None:
    tiers = rule.tiers_of(grade)
    assert len(tiers) == TIER_COUNTS[rule.instrument][grade]
    if not tiers:
        return
    low, high = _wan(*BANDS[rule.law][grade])
    assert tiers[0].minimum == low
    assert tiers[-1].maximum == high
    for before, after in itertools.pairwise(tiers):
        assert before.maximum == after.minimum  # adjacent tiers share an endpoint (50万, 70万, …)
        for dimension in Dimension:
            assert before.criterion(dimension).upper == after.criterion(dimension).lower


def test_rules_serve_the_law_versions() -> None:
    assert [(r.instrument, r.law) for r in tier_rules()] == [
        ("accident-fine-provisions-2024", "work-safety-law-2021"),
        ("accident-fine-provisions-2015", "work-safety-law-2014"),
    ]


def test_loading_rejects_tiers_that_do_not_tile() -> None:
    rule = tier_rules()[0]
    broken = list(rule.tiers)
    broken[1] = broken[1].model_copy(update={"minimum": 55 * WAN})  # gap 50万–55万
    with pytest.raises(RuleDataError, match="铺满"):
        accident_tiers._check(rule.model_copy(update={"tiers": tuple(broken)}), "x.toml", "rule[0]")
    shifted = list(rule.tiers)
    deaths = shifted[2].criterion(Dimension.DEATHS)
    criteria = tuple(
        c.model_copy(update={"upper": Decimal(4)}) if c is deaths else c
        for c in shifted[2].criteria
    )
    shifted[2] = shifted[2].model_copy(update={"criteria": criteria})  # 一般 tier 3 up to 4 deaths
    with pytest.raises(RuleDataError, match="上限"):
        accident_tiers._check(
            rule.model_copy(update={"tiers": tuple(shifted)}), "x.toml", "rule[0]"
        )


# --- which rule on which date ------------------------------------------------------------------


def test_rule_switch_dates() -> None:
    assert tier_rule_on(date(2015, 4, 30)) is None
    before = tier_rule_on(date(2015, 5, 1))
    last = tier_rule_on(date(2024, 2, 29))
    first = tier_rule_on(date(2024, 3, 1))
    assert before is not None
    assert last is not None
    assert first is not None
    assert before.instrument == last.instrument == "accident-fine-provisions-2015"
    assert first.instrument == "accident-fine-provisions-2024"


def test_an_accident_on_2024_02_29_gets_no_tier_under_the_2021_law() -> None:
    # The 2015 rule in force that day splits the 2014 bands; the 2021 law applies: statutory band.
    day = date(2024, 2, 29)
    fine = accident_fine(classify(1, occurred_on=day), occurred_on=day)
    assert fine.law == "work-safety-law-2021"
    assert (fine.minimum, fine.maximum) == _wan(30, 100)
    reason = next(r for r in fine.reasons if r.rule == "penalties.accident.tier.other_law")
    assert "试行" in reason.message
    assert "2014年修正" in reason.message
    # One day later, 14号令: tier 2.
    after = date(2024, 3, 1)
    assert (accident_fine(classify(1, occurred_on=after), occurred_on=after).maximum) == 70 * WAN


def test_2015_tiers_under_the_2014_law() -> None:
    day = date(2021, 8, 31)
    # 较大, 6 deaths: 2015 第十五条第（二）项, 70万–100万 (6人以上10人以下).
    fine = accident_fine(classify(6, occurred_on=day), occurred_on=day)
    assert fine.law == "work-safety-law-2014"
    assert (fine.minimum, fine.maximum) == _wan(70, 100)
    # 5 deaths: 第十五条第（一）项, 50万–70万.
    assert accident_fine(classify(5, occurred_on=day), occurred_on=day).maximum == 70 * WAN
    # 重大, 14 deaths: 第十六条第（一）项, 100万–300万; 15: 300万–500万.
    assert (accident_fine(classify(14, occurred_on=day), occurred_on=day).maximum) == 300 * WAN
    assert (accident_fine(classify(15, occurred_on=day), occurred_on=day).minimum) == 300 * WAN
    # 特别重大: tiers not seen, statutory 500万–1000万.
    big = accident_fine(classify(30, occurred_on=day), occurred_on=day)
    assert (big.minimum, big.maximum) == _wan(500, 1000)
    assert "penalties.accident.tier.not_encoded" in [r.rule for r in big.reasons]


def test_before_the_2015_rule_no_tier() -> None:
    day = date(2015, 4, 30)
    fine = accident_fine(classify(6, occurred_on=day), occurred_on=day)
    assert (fine.minimum, fine.maximum) == _wan(50, 100)
    assert "penalties.accident.tier.none" in [r.rule for r in fine.reasons]


def test_later_decision_compares_law_and_rule_together() -> None:
    # Accident 2021-07-02 (2014 law, 2015 rule: 一般 20万–50万), decision 2024-05-01 (2021 law,
    # 14号令 tier 2: 50万–70万): the old pair is lighter.
    fine = accident_fine(
        classify(1, occurred_on=date(2021, 7, 2)),
        occurred_on=date(2021, 7, 2),
        decided_on=date(2024, 5, 1),
    )
    assert fine.law == "work-safety-law-2014"
    assert (fine.minimum, fine.maximum) == _wan(20, 50)


def test_same_law_new_rule_applies_only_if_lighter() -> None:
    occurred, decided = date(2023, 7, 2), date(2024, 5, 1)
    # 3 deaths: 14号令 tier 1 (100万–120万) is lighter than the full 100万–200万.
    light = accident_fine(
        classify(3, occurred_on=occurred), occurred_on=occurred, decided_on=decided
    )
    assert (light.minimum, light.maximum) == _wan(100, 120)
    switch = next(r for r in light.reasons if r.rule == "penalties.accident.tier.version")
    assert "新的规定处罚较轻" in switch.message
    assert "第三十七条" in switch.text()
    # 7 deaths: tier 3 (150万–200万) has the same maximum and a higher minimum: not lighter.
    heavy = accident_fine(
        classify(7, occurred_on=occurred), occurred_on=occurred, decided_on=decided
    )
    assert (heavy.minimum, heavy.maximum) == _wan(100, 200)


# --- 谎报 / 瞒报 → the band maximum ------------------------------------------------------------


@pytest.mark.parametrize(
    ("grade", "amount", "confidence"),
    [(G, 50, Confidence.SECONDARY), (L, 100, Confidence.SECONDARY), (M, 500, Confidence.SECONDARY)],
)
def test_concealment_under_the_2015_rule(
    grade: AccidentGrade, amount: int, confidence: Confidence
) -> None:
    fine = accident_fine(grade, occurred_on=date(2020, 1, 1), concealed=True)
    assert (fine.minimum, fine.maximum) == (amount * WAN, amount * WAN)
    reason = next(r for r in fine.reasons if r.rule == "penalties.accident.concealed")
    assert reason.confidence is confidence


def test_concealment_without_a_rule_keeps_the_band() -> None:
    # 2015 第十七条 not seen: 特别重大 keeps 500万–1000万.
    fine = accident_fine(E, occurred_on=date(2020, 1, 1), concealed=True)
    assert (fine.minimum, fine.maximum) == _wan(500, 1000)
    # 2021 law, 2015 rule: no rule serves the 2021 law.
    mid = accident_fine(G, occurred_on=date(2022, 1, 1), concealed=True)
    assert (mid.minimum, mid.maximum) == _wan(30, 100)
    assert mid.explanation.unverified


def test_concealment_under_14_is_unverified() -> None:
    fine = accident_fine(classify(1, occurred_on=IN_2024), occurred_on=IN_2024, concealed=True)
    assert (fine.minimum, fine.maximum) == _wan(100, 100)
    assert fine.explanation.unverified


# --- 国务院令第493号 arts 35–38 ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("grade", "band"), [(G, (10, 20)), (L, (20, 50)), (M, (50, 200)), (E, (200, 500))]
)
def test_regulation_article_37(grade: AccidentGrade, band: tuple[int, int]) -> None:
    fine = regulation_fine(RegulationConduct.UNIT_RESPONSIBLE, grade=grade, occurred_on=IN_2024)
    assert (fine.minimum, fine.maximum) == _wan(*band)
    assert fine.law == "accident-reporting-regulation"
    assert str(fine.citation).endswith("第三十七条")


@pytest.mark.parametrize(("grade", "percent"), [(G, 30), (L, 40), (M, 60), (E, 80)])
def test_regulation_article_38(grade: AccidentGrade, percent: int) -> None:
    fine = regulation_fine(
        RegulationConduct.PRINCIPAL_DUTIES_FAILED,
        grade=grade,
        previous_year_income=500000,
        occurred_on=IN_2024,
    )
    assert fine.minimum == fine.maximum == Decimal(5000 * percent)


def test_regulation_articles_35_and_36() -> None:
    income = Decimal(200000)
    for conduct in (
        RegulationConduct.NO_RESCUE,
        RegulationConduct.LATE_REPORT,
        RegulationConduct.OMITTED_REPORT,
        RegulationConduct.LEFT_POST,
    ):
        fine = regulation_fine(conduct, previous_year_income=income, occurred_on=IN_2024)
        assert (fine.on, fine.minimum, fine.maximum) == ("主要负责人", 80000, 160000)
        assert "第三十五条" in str(fine.citation)
    unit = regulation_fine(RegulationConduct.FLED, party="生产经营单位", occurred_on=IN_2024)
    assert (unit.minimum, unit.maximum) == _wan(100, 500)
    person = regulation_fine(
        RegulationConduct.FALSE_TESTIMONY,
        party="直接负责的主管人员和其他直接责任人员",
        previous_year_income=income,
        occurred_on=IN_2024,
    )
    assert (person.minimum, person.maximum) == (120000, 200000)
    with pytest.raises(InvalidInput, match="多个对象"):
        regulation_fine(RegulationConduct.FALSE_REPORT, occurred_on=IN_2024)
    with pytest.raises(InvalidInput, match="事故等级"):
        regulation_fine(RegulationConduct.UNIT_RESPONSIBLE, occurred_on=IN_2024)
    with pytest.raises(InvalidInput, match="上一年年收入"):
        regulation_fine(RegulationConduct.NO_RESCUE, occurred_on=IN_2024)
    with pytest.raises(NotInForce):
        regulation_fine(RegulationConduct.FLED, party="生产经营单位", occurred_on=date(2007, 5, 31))


def test_regulation_texts_are_quoted() -> None:
    assert "(四)发生特别重大事故的，处200万元以上500万元以下的罚款。" in (
        regulation_penalty(RegulationConduct.UNIT_RESPONSIBLE).text
    )
    assert "处上一年年收入40%至80%的罚款" in regulation_penalty(RegulationConduct.LEFT_POST).text
    assert "(三)发生重大事故的，处上一年年收入60%的罚款；" in (
        regulation_penalty(RegulationConduct.PRINCIPAL_DUTIES_FAILED).text
    )


# --- precedence of the law over the 条例 -----------------------------------------------------


@pytest.mark.parametrize(
    ("grade", "law_band", "regulation_band"),
    [(G, (30, 100), (10, 20)), (L, (100, 200), (20, 50)), (M, (200, 1000), (50, 200))],
)
def test_the_law_prevails_for_the_unit(
    grade: AccidentGrade, law_band: tuple[int, int], regulation_band: tuple[int, int]
) -> None:
    r = regulation_vs_law(RegulationConduct.UNIT_RESPONSIBLE, grade=grade, occurred_on=IN_2024)
    assert r.law is not None
    assert (r.regulation.minimum, r.regulation.maximum) == _wan(*regulation_band)
    assert (r.law.minimum, r.law.maximum) == _wan(*law_band)
    assert r.applied == r.law
    rules = [x.rule for x in r.reasons]
    assert "penalties.regulation.precedence" in rules
    assert "penalties.one_fine.higher" in rules
    assert "第四十三条第二款" in next(
        x.text() for x in r.reasons if x.rule == "penalties.regulation.precedence"
    )


def test_the_law_prevails_for_the_tier_band() -> None:
    r = regulation_vs_law(
        RegulationConduct.UNIT_RESPONSIBLE,
        grade=classify(5, occurred_on=IN_2024),
        occurred_on=IN_2024,
    )
    assert (r.applied.minimum, r.applied.maximum) == _wan(120, 150)


def test_late_report_law_band_is_higher() -> None:
    # 条例第三十五条 40%–80% vs 2021 第一百一十条第二款 60%–100%.
    r = regulation_vs_law(
        RegulationConduct.LATE_REPORT, previous_year_income=100000, occurred_on=IN_2024
    )
    assert r.law is not None
    assert (r.regulation.minimum, r.regulation.maximum) == (40000, 80000)
    assert (r.applied.minimum, r.applied.maximum) == (60000, 100000)
    assert r.applied.law == "work-safety-law-2021"


def test_equal_bands_keep_the_law() -> None:
    # 条例第三十八条 and 2014 第九十二条: both 30% for 一般.
    r = regulation_vs_law(
        RegulationConduct.PRINCIPAL_DUTIES_FAILED,
        grade=G,
        previous_year_income=100000,
        occurred_on=date(2021, 8, 1),
    )
    assert r.law is not None
    assert r.regulation.maximum == r.law.maximum == 30000
    assert r.applied.law == "work-safety-law-2014"


def test_before_2021_07_15_the_regulation_defers_to_the_law() -> None:
    r = regulation_vs_law(RegulationConduct.UNIT_RESPONSIBLE, grade=M, occurred_on=date(2020, 1, 1))
    assert r.applied.law == "work-safety-law-2014"
    assert (r.applied.minimum, r.applied.maximum) == _wan(100, 500)
    assert "penalties.regulation.law_applies" in [x.rule for x in r.reasons]
    assert "penalties.one_fine.higher" not in [x.rule for x in r.reasons]


def test_acts_the_law_does_not_fine_use_the_regulation() -> None:
    omitted = regulation_vs_law(
        RegulationConduct.OMITTED_REPORT, previous_year_income=100000, occurred_on=IN_2024
    )
    assert omitted.law is None
    assert omitted.applied == omitted.regulation
    unit = regulation_vs_law(
        RegulationConduct.CONCEALED_REPORT, party="生产经营单位", occurred_on=IN_2024
    )
    assert unit.law is None
    assert (unit.applied.minimum, unit.applied.maximum) == _wan(100, 500)


def test_accident_fine_mentions_the_regulation_band() -> None:
    fine = accident_fine(G, occurred_on=IN_2024)
    note = fine.reasons[-1]
    assert note.rule == "penalties.accident.regulation"
    assert "10万元至20万元" in note.message
    assert "第二十九条" in note.message
    assert str(note.citation).endswith("第三十七条")
    old = principal_fine(L, 100000, occurred_on=date(2020, 1, 1))
    assert "40%" in old.reasons[-1].message
    assert "第二十九条" not in old.reasons[-1].message  # not yet in force in 2020


# --- property: the narrowed tier always lies inside the statutory band ------------------------


@given(
    deaths=st.integers(0, 80),
    injuries=st.integers(0, 250),
    loss=st.integers(0, 300_000_000),
    day=st.dates(date(2014, 12, 1), date(2026, 11, 29)),
    aggravated=st.booleans(),
    concealed=st.booleans(),
)
def test_narrowed_band_lies_inside_the_statutory_band(
    deaths: int, injuries: int, loss: int, day: date, aggravated: bool, concealed: bool
) -> None:
    c = classify(deaths, injuries, loss, occurred_on=day)
    narrowed = accident_fine(c, occurred_on=day, aggravated=aggravated, concealed=concealed)
    statutory = accident_fine(c.grade, occurred_on=day, aggravated=aggravated)
    assert narrowed.law == statutory.law
    assert statutory.minimum <= narrowed.minimum <= narrowed.maximum <= statutory.maximum
