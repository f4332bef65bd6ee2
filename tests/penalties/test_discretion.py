"""The discretion engine: circumstances, placement, benchmark rows and recommend().

Hand cases are computed from the texts: 《中华人民共和国安全生产法》（2021年修正）第九十七条 (责令限期改正，
处十万元以下的罚款；逾期未改正的……并处十万元以上二十万元以下的罚款) and 第九十九条 (责令限期改正，处五万元
以下的罚款); 《应急管理行政处罚裁量权基准》（应急〔2024〕90号）第（26）项阶次A as quoted in the 朝阳市
龙城区 2025 penalty decision (https://www.cylc.gov.cn/html/LCQZF/202511/0176310083379598.html):
1人次 → 3万元以下, 逾期未改正 → 10万元以上13万元以下.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safetyrules.errors import InvalidInput, NotInForce, RuleDataError, UnknownReference
from safetyrules.law.catalogue import instrument
from safetyrules.law.confidence import Confidence
from safetyrules.penalties import statutory_range, violation
from safetyrules.penalties.benchmarks import (
    _reset_registered as _reset_benchmarks,
)
from safetyrules.penalties.benchmarks import (
    benchmarks,
    read_benchmarks,
    register_benchmarks,
)
from safetyrules.penalties.circumstances import Effect, circumstances
from safetyrules.penalties.discretion import recommend
from safetyrules.penalties.placement import (
    Tier,
    place,
    placement_for,
    placement_variant,
    read_placement,
    register_placement,
)
from safetyrules.penalties.placement import (
    _reset_registered as _reset_placement,
)
from safetyrules.penalties.provisions import LAWS
from tests.law_texts import ADMINISTRATIVE_PENALTY_LAW_2021

WAN = 10000


@pytest.fixture(autouse=True)
def _clean_registries() -> Iterator[None]:
    _reset_placement()
    _reset_benchmarks()
    yield
    _reset_placement()
    _reset_benchmarks()


# ---- hand cases --------------------------------------------------------------------------


def test_row_26_tier_a_one_person_time_is_at_most_30000() -> None:
    r = recommend(
        "special-operators-uncertified", occurred_on=date(2025, 3, 1), facts={"persons": 1}
    )
    assert r.benchmark is not None
    assert (r.benchmark.row, r.benchmark.tier) == ("（26）", "A")
    assert (r.tier, r.minimum, r.maximum) == (Tier.ORDINARY, 0, 3 * WAN)
    assert r.variant is None
    assert (r.statutory.minimum, r.statutory.maximum) == (0, 10 * WAN)


def test_row_26_tier_a_not_corrected_in_time_is_100000_to_130000() -> None:
    r = recommend(
        "special-operators-uncertified",
        occurred_on=date(2025, 3, 1),
        stage="逾期未改正",
        facts={"persons": 1},
    )
    assert (r.minimum, r.maximum) == (10 * WAN, 13 * WAN)
    # 从轻 within the 阶次: its lower half, 10万 to 11.5万.
    lighter = recommend(
        "special-operators-uncertified",
        occurred_on=date(2025, 3, 1),
        stage="逾期未改正",
        facts={"persons": 1},
        circumstances=["harm-eliminated-or-reduced"],
    )
    assert (lighter.minimum, lighter.maximum) == (10 * WAN, Decimal(115000))
    assert lighter.unverified


def test_row_26_does_not_apply_to_two_person_times_or_before_the_benchmark() -> None:
    two = recommend(
        "special-operators-uncertified", occurred_on=date(2025, 3, 1), facts={"persons": 2}
    )
    assert two.benchmark is None
    assert any(r.rule == "penalties.discretion.benchmark-unmatched" for r in two.reasons)
    # Before 2024-11-01 the benchmark was not in force: the placement variant decides.
    early = recommend(
        "special-operators-uncertified", occurred_on=date(2024, 10, 31), facts={"persons": 1}
    )
    assert early.benchmark is None
    assert (early.minimum, early.maximum) == (2 * WAN, 6 * WAN)  # 20%–60% of 10万


def test_row_26_serves_the_2021_law_only() -> None:
    # Act under the 2014 law (第九十四条: 可以处五万元以下), decided under 2021 (十万元以下): the
    # old law is lighter and stays, so the 2021-law benchmark row does not apply.
    r = recommend(
        "special-operators-uncertified",
        occurred_on=date(2021, 6, 1),
        decided_on=date(2025, 3, 1),
        facts={"persons": 1},
    )
    assert r.statutory.law == "work-safety-law-2014"
    assert r.benchmark is None
    assert any(x.rule == "penalties.discretion.benchmark-other-law" for x in r.reasons)
    assert (r.minimum, r.maximum) == (1 * WAN, 3 * WAN)  # 20%–60% of 5万


@pytest.mark.parametrize(
    ("decided_on", "fine"),
    [
        # 北京市朝阳区应急管理局, 2025-05: one special-operation worker without the certificate,
        # 壹万伍仟元 (https://www.cqn.com.cn/zj/content/2025-07/04/content_9113221.htm).
        (date(2025, 5, 31), Decimal(15000)),
        # 新乡市卫滨区应急管理局, 2025-06-17: one forklift operator without the certificate,
        # 人民币10000元 (http://www.wbq.gov.cn/htmls/96r7ezmm_bumendongtai/20250925/1971040901646385152.html).
        (date(2025, 6, 17), Decimal(10000)),
    ],
)
def test_published_decisions_on_one_uncertified_worker_fall_in_the_range(
    decided_on: date, fine: Decimal
) -> None:
    # The decisions do not publish the day of the act; it was found shortly before the
    # decision, and any day from 2024-11-01 on gives row (26) 阶次A.
    r = recommend(
        "special-operators-uncertified",
        occurred_on=decided_on - timedelta(days=30),
        decided_on=decided_on,
        facts={"persons": 1},
    )
    assert r.benchmark is not None
    assert r.benchmark.tier == "A"
    assert r.minimum <= fine <= r.maximum


def test_a_band_of_100000_to_200000() -> None:
    kwargs = {"occurred_on": date(2025, 3, 1), "stage": "逾期未改正"}
    light = recommend("training-not-provided", circumstances=["coerced-or-deceived"], **kwargs)
    heavy = recommend("training-not-provided", circumstances=["obstructs-enforcement"], **kwargs)
    reduced = recommend(
        "training-not-provided", circumstances=["coerced-or-deceived"], reduce=True, **kwargs
    )
    assert (light.tier, light.minimum, light.maximum) == (Tier.LIGHTER, 10 * WAN, 15 * WAN)
    assert (heavy.tier, heavy.minimum, heavy.maximum) == (Tier.HEAVIER, 15 * WAN, 20 * WAN)
    assert (reduced.tier, reduced.minimum, reduced.maximum) == (Tier.REDUCED, 0, 10 * WAN)
    assert not reduced.range.upper_inclusive
    assert reduced.range.contains(Decimal("99999.99"))
    assert not reduced.range.contains(10 * WAN)


def test_a_maximum_only_band_of_50000_under_the_default_variant() -> None:
    # 第九十九条 处五万元以下: reading A, 从轻 ≤ 20%, 一般 20%–60%, 从重 ≥ 60%.
    on = date(2025, 3, 1)
    ordinary = recommend("warning-signs-missing", occurred_on=on)
    light = recommend(
        "warning-signs-missing", occurred_on=on, circumstances=["meritorious-service"]
    )
    heavy = recommend(
        "warning-signs-missing", occurred_on=on, circumstances=["refuses-rectification"]
    )
    assert ordinary.variant == "reading-a"
    assert (ordinary.minimum, ordinary.maximum) == (1 * WAN, 3 * WAN)
    assert (light.minimum, light.maximum) == (0, 1 * WAN)
    assert (heavy.minimum, heavy.maximum) == (3 * WAN, 5 * WAN)
    assert ordinary.unverified  # reading A was not seen in any source


def test_reduce_without_a_minimum_falls_back_to_lighter() -> None:
    r = recommend(
        "warning-signs-missing",
        occurred_on=date(2025, 3, 1),
        circumstances=["meritorious-service"],
        reduce=True,
    )
    assert r.tier is Tier.LIGHTER
    assert any(x.rule == "penalties.discretion.reduce" for x in r.reasons)


def test_first_violation_goes_unpunished() -> None:
    r = recommend(
        "special-operators-uncertified",
        occurred_on=date(2025, 3, 1),
        facts={"persons": 1},
        circumstances=["first-violation-slight-harm-corrected"],
    )
    assert (r.tier, r.minimum, r.maximum) == (Tier.NO_PENALTY, 0, 0)
    assert r.benchmark is None
    assert str(r.applied[0].basis.citation).endswith("第三十三条第一款")


def test_no_penalty_wins_over_heavier() -> None:
    r = recommend(
        "warning-signs-missing",
        occurred_on=date(2025, 3, 1),
        circumstances=["no-fault", "repeat-within-one-year"],
    )
    assert (r.tier, r.maximum) == (Tier.NO_PENALTY, 0)


def test_first_violation_is_not_recommended_with_a_heavier_circumstance() -> None:
    r = recommend(
        "warning-signs-missing",
        occurred_on=date(2025, 3, 1),
        circumstances=["first-violation-slight-harm-corrected", "refuses-rectification"],
    )
    assert r.tier is Tier.HEAVIER


def test_lighter_and_heavier_together_fall_back_to_ordinary_and_flag() -> None:
    r = recommend(
        "warning-signs-missing",
        occurred_on=date(2025, 3, 1),
        circumstances=["harm-eliminated-or-reduced", "repeat-within-one-year"],
    )
    assert (r.tier, r.conflict) == (Tier.ORDINARY, True)
    assert (r.minimum, r.maximum) == (1 * WAN, 3 * WAN)


def test_a_15th_order_heavier_circumstance_before_and_after_2026_02_01() -> None:
    before = recommend(
        "warning-signs-missing",
        occurred_on=date(2025, 12, 1),
        circumstances=["repeat-within-one-year"],
    )
    assert before.tier is Tier.HEAVIER
    assert before.applied[0].basis.citation.instrument == "penalty-procedure-measures-2015"
    assert before.applied[0].basis.confidence is Confidence.UNVERIFIED
    assert before.applied[0].flag == ""

    # Act before, decision after: the act-time rule applies, flagged (18号令 lists unknown).
    straddling = recommend(
        "warning-signs-missing",
        occurred_on=date(2025, 12, 1),
        decided_on=date(2026, 3, 1),
        circumstances=["repeat-within-one-year"],
    )
    assert straddling.tier is Tier.HEAVIER
    assert "无法比较新旧规定的轻重" in straddling.applied[0].flag
    assert any(r.rule == "penalties.discretion.unencoded" for r in straddling.reasons)

    after = recommend(
        "warning-signs-missing",
        occurred_on=date(2026, 3, 1),
        circumstances=["repeat-within-one-year"],
    )
    assert after.tier is Tier.ORDINARY
    assert [i.id for i in after.ignored] == ["repeat-within-one-year"]
    assert "应急管理部令第18号" in after.ignored[0].why
    unencoded = [r for r in after.reasons if r.rule == "penalties.discretion.unencoded"]
    assert unencoded
    assert all(r.confidence is Confidence.UNVERIFIED for r in unencoded)


def test_the_emergency_ground_is_heavier_from_2026_02_01() -> None:
    r = recommend(
        "warning-signs-missing",
        occurred_on=date(2026, 3, 1),
        circumstances=["during-emergency-response"],
    )
    assert r.tier is Tier.HEAVIER
    assert r.applied[0].basis.citation.instrument == "penalty-procedure-measures-2026"
    assert r.applied[0].basis.confidence is Confidence.SECONDARY
    # Between 31号令's repeal and 18号令, no basis for it is encoded.
    gap = recommend(
        "warning-signs-missing",
        occurred_on=date(2025, 3, 1),
        circumstances=["during-emergency-response"],
    )
    assert gap.tier is Tier.ORDINARY


def test_a_new_lighter_rule_applies_to_an_earlier_act() -> None:
    # 首违不罚 dates from the 2021 行政处罚法 (2021-07-15); an act of 2021-06-01 decided later
    # gets it (第三十七条: 新的规定处罚较轻的，适用新的规定).
    r = recommend(
        "special-operators-uncertified",
        occurred_on=date(2021, 6, 1),
        decided_on=date(2021, 8, 1),
        circumstances=["first-violation-slight-harm-corrected"],
    )
    assert r.tier is Tier.NO_PENALTY
    assert "第三十七条" in r.applied[0].note


def test_the_placement_rule_before_12th_order_is_the_middle_band() -> None:
    # 2022: 15号令第五十六条第二款, 从轻 at or below the middle of 10万–20万.
    r = recommend(
        "training-not-provided",
        occurred_on=date(2022, 3, 1),
        stage="逾期未改正",
        circumstances=["harm-eliminated-or-reduced"],
    )
    assert r.variant == "midpoint"
    assert (r.minimum, r.maximum) == (10 * WAN, 15 * WAN)


def test_jurisdiction_override_of_the_variant(tmp_path: Path) -> None:
    path = tmp_path / "placement.toml"
    path.write_text(
        """
[[parameter]]
id = "penalties.discretion.placement"
description = "测试：义乌市采用市级规则"
type = "text"

[[parameter.values]]
from = 2024-01-01
jurisdiction = "330782"
value = "municipal-20-40-60"
citation = { instrument = "emergency-discretion-benchmark-provisions" }
confidence = "unverified"
""",
        encoding="utf-8",
    )
    assert register_placement(path) == ["330782"]
    on = date(2025, 3, 1)
    local = recommend("warning-signs-missing", occurred_on=on, jurisdiction="330782")
    neighbour = recommend("warning-signs-missing", occurred_on=on, jurisdiction="330783")
    assert (local.variant, local.minimum, local.maximum) == ("municipal-20-40-60", 2 * WAN, 3 * WAN)
    assert (neighbour.variant, neighbour.minimum, neighbour.maximum) == ("reading-a", WAN, 3 * WAN)
    with pytest.raises(RuleDataError, match="已有分档规定"):
        register_placement(path)
    assert register_placement(path, replace=True) == ["330782"]


def test_a_registered_variant_must_be_complete(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(
        """
[[variant]]
id = "half"
name = "缺档"
confidence = "unverified"
sources = ["测试"]

[[variant.share]]
form = "有上下限"
tier = "从轻"
low = "0"
high = "1/2"
confidence = "unverified"
""",
        encoding="utf-8",
    )
    with pytest.raises(RuleDataError, match="三档"):
        read_placement(path)


def test_multiples_split_the_same_way() -> None:
    # 违法所得二倍以上五倍以下 (2021 第九十二条第二款 for instance): 从轻 2–3.5倍, 从重 3.5–5倍.
    v = placement_variant("reading-a")
    assert place(2, 5, Tier.LIGHTER, variant=v, unit="倍").text() == "2倍以上3.5倍以下"
    assert place(2, 5, Tier.HEAVIER, variant=v, unit="倍").text() == "3.5倍以上5倍以下"
    assert place(0, 5, Tier.ORDINARY, variant=v, unit="倍").text() == "1倍以上3倍以下"


def test_a_third_is_rounded_inwards_to_the_cent() -> None:
    r = place(1, 2, Tier.ORDINARY, variant=placement_variant("reading-a"))
    assert (r.minimum, r.maximum) == (Decimal("1.34"), Decimal("1.66"))


def test_dates_before_any_placement_rule_are_an_error() -> None:
    with pytest.raises(NotInForce):
        recommend("warning-signs-missing", occurred_on=date(2015, 1, 5))
    with pytest.raises(NotInForce):
        placement_for("000000", date(2015, 4, 30))


def test_bad_input_is_rejected() -> None:
    with pytest.raises(UnknownReference, match="裁量情节"):
        recommend("warning-signs-missing", occurred_on=date(2025, 3, 1), circumstances=["x"])
    with pytest.raises(UnknownReference, match="行政区划"):
        recommend("warning-signs-missing", occurred_on=date(2025, 3, 1), jurisdiction="339999")
    with pytest.raises(InvalidInput):
        recommend("warning-signs-missing", occurred_on=date(2025, 3, 1), facts={"persons": 1.0})  # type: ignore[dict-item]
    with pytest.raises(InvalidInput):
        recommend(
            "warning-signs-missing", occurred_on=date(2025, 3, 1), decided_on=date(2025, 2, 1)
        )


# ---- data ------------------------------------------------------------------------------------


def test_verbatim_bases_are_the_official_wording() -> None:
    text = ADMINISTRATIVE_PENALTY_LAW_2021.read_text(encoding="utf-8")
    verbatim = [b for c in circumstances() for b in c.bases if b.verbatim]
    assert len(verbatim) >= 12
    for basis in verbatim:
        assert basis.citation.instrument == "administrative-penalty-law-2021"
        assert basis.text in text, basis.text


def test_every_basis_lies_within_its_instrument() -> None:
    for c in circumstances():
        for b in c.bases:
            source = instrument(b.citation.instrument)
            assert source.in_force(b.start)
            assert source.in_force(b.until or b.start)


def test_the_15th_order_heavier_list_is_unverified_and_ends_on_2026_01_31() -> None:
    article_55 = [
        b
        for c in circumstances()
        for b in c.bases
        if b.citation.instrument == "penalty-procedure-measures-2015"
        and b.citation.provision is not None
        and b.citation.provision.article == 55
    ]
    assert len(article_55) == 4
    assert all(b.confidence is Confidence.UNVERIFIED for b in article_55)
    assert all(b.until == date(2026, 1, 31) for b in article_55)
    assert all(b.effect is Effect.HEAVIER for b in article_55)


def test_row_26_is_checked_against_the_statute() -> None:
    rows = {
        r.id: r
        for r in benchmarks()
        if r.citation.instrument == "emergency-penalty-discretion-benchmark-2024"
    }
    assert set(rows) == {"mem-2024-90-26-a-first", "mem-2024-90-26-a-overdue"}
    for row in rows.values():
        assert row.confidence is Confidence.SECONDARY
        assert row.start == date(2024, 11, 1)


def _row(**changes: str) -> str:
    fields = {
        "id": '"test-row"',
        "jurisdiction": '"330000"',
        "from": "2024-11-01",
        "citation": '{ instrument = "emergency-penalty-discretion-benchmark-2024" }',
        "confidence": '"unverified"',
        "sources": '["测试"]',
        "violation": '"special-operators-uncertified"',
        "law": '"work-safety-law-2021"',
        "stage": '"责令限期改正"',
        "tier": '"一档"',
        "condition": '"2人次以上"',
        "facts": '[{ fact = "persons", min = 2 }]',
        "min": '"30000"',
        "max": '"60000"',
    }
    fields.update(changes)
    return "[[benchmark]]\n" + "\n".join(f"{k} = {v}" for k, v in fields.items()) + "\n"


def test_a_provincial_row_wins_below_its_province(tmp_path: Path) -> None:
    path = tmp_path / "rows.toml"
    path.write_text(_row(), encoding="utf-8")
    register_benchmarks(path)
    on = date(2025, 3, 1)
    inside = recommend(
        "special-operators-uncertified", occurred_on=on, jurisdiction="330402", facts={"persons": 4}
    )
    outside = recommend(
        "special-operators-uncertified", occurred_on=on, jurisdiction="320100", facts={"persons": 4}
    )
    assert inside.benchmark is not None
    assert (inside.benchmark.id, inside.minimum, inside.maximum) == ("test-row", 3 * WAN, 6 * WAN)
    assert outside.benchmark is None
    # One person-time in 浙江: the province has no matching row, the nation's row (26) applies.
    one = recommend(
        "special-operators-uncertified", occurred_on=on, jurisdiction="330402", facts={"persons": 1}
    )
    assert one.benchmark is not None
    assert one.benchmark.id == "mem-2024-90-26-a-first"
    with pytest.raises(RuleDataError, match="重复"):
        register_benchmarks(path)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"max": '"120000"'}, "超出法定幅度"),
        ({"provision": '"第九十七条第（六）项"'}, "不符"),
        (
            {
                "law": '"work-safety-law-2014"',
                "provision": '"第九十四条第（七）项"',
                "max": '"60000"',
            },
            "超出法定幅度",
        ),
        (
            {"violation": '"gas-alarm-not-installed"', "law": '"work-safety-law-2014"'},
            "没有违法行为",
        ),
        ({"from": "2024-10-01"}, "有效期"),
        ({"stage": '"情节严重"'}, "没有这一情形"),
        ({"jurisdiction": '"339999"'}, "行政区划"),
    ],
)
def test_bad_rows_are_load_errors(tmp_path: Path, changes: dict[str, str], message: str) -> None:
    path = tmp_path / "rows.toml"
    path.write_text(_row(**changes), encoding="utf-8")
    with pytest.raises(RuleDataError, match=message):
        read_benchmarks(path)


def test_a_2014_row_maps_through_the_violation_id(tmp_path: Path) -> None:
    # A 2014-era row (2014 第九十四条第（五）项, 可以处五万元以下) maps to hazard-records-not-kept.
    path = tmp_path / "rows.toml"
    path.write_text(
        _row(
            id='"test-2014"',
            violation='"hazard-records-not-kept"',
            law='"work-safety-law-2014"',
            provision='"第九十四条第（五）项"',
            facts='[{ fact = "failings", max = 1 }]',
            min='"0"',
            max='"25000"',
            **{"from": "2015-05-01", "until": "2021-08-31"},
            citation='{ instrument = "penalty-procedure-measures-2015" }',
        ),
        encoding="utf-8",
    )
    (row,) = read_benchmarks(path)
    assert violation(row.violation).version("work-safety-law-2014") is not None


# ---- properties -------------------------------------------------------------------------


def _fixed_fine_violations() -> list[str]:
    found = []
    for v in sorted(x.id for x in _all_violations()):
        try:
            bands = [
                statutory_range(v, occurred_on=date(2020, 1, 1)),
                statutory_range(v, occurred_on=date(2025, 1, 1)),
            ]
        except (InvalidInput, NotInForce):
            continue
        if all(b.maximum > 0 for b in bands):
            found.append(v)
    return found


def _all_violations() -> list[object]:
    from safetyrules.penalties.provisions import _data

    return list(_data()[1].values())


VIOLATIONS = _fixed_fine_violations()
MITIGATING = [
    c.id
    for c in circumstances()
    if c.mitigating
    and c.bases[0].effect
    in (
        Effect.LIGHTER_OR_REDUCED,
        Effect.MAY_LIGHTER_OR_REDUCED,
    )
]
HEAVIER = [c.id for c in circumstances() if not c.mitigating]
ALL_IDS = [c.id for c in circumstances()]


def _days(start: date, end: date) -> st.SearchStrategy[date]:
    return st.integers(0, (end - start).days).map(lambda n: start + timedelta(days=n))


def test_there_are_enough_violations_for_the_properties() -> None:
    assert len(VIOLATIONS) >= 20
    assert "harm-eliminated-or-reduced" in MITIGATING
    assert "repeat-within-one-year" in HEAVIER


@given(
    st.sampled_from(VIOLATIONS),
    _days(date(2015, 5, 1), date(2027, 12, 31)),
    st.integers(0, 800),
    st.lists(st.sampled_from(ALL_IDS), max_size=4),
    st.integers(0, 6),
    st.booleans(),
    st.sampled_from(["000000", "330402", "320100"]),
)
def test_the_range_stays_within_the_band_unless_reduced(
    violation_id: str,
    occurred_on: date,
    delay: int,
    chosen: list[str],
    persons: int,
    reduce: bool,
    place_code: str,
) -> None:
    r = recommend(
        violation_id,
        occurred_on=occurred_on,
        decided_on=occurred_on + timedelta(days=delay),
        circumstances=chosen,
        facts={"persons": persons},
        reduce=reduce,
        jurisdiction=place_code,
    )
    assert r.minimum <= r.maximum
    if r.tier is Tier.REDUCED:
        assert r.minimum == 0
        assert r.maximum == r.statutory.minimum > 0
        assert not r.range.upper_inclusive
    elif r.tier is Tier.NO_PENALTY:
        assert r.minimum == r.maximum == 0
    else:
        assert r.statutory.minimum <= r.minimum
        assert r.maximum <= r.statutory.maximum
    assert r.reasons[-1].rule == "penalties.discretion.recommendation"


@given(
    st.sampled_from(VIOLATIONS),
    _days(date(2015, 5, 1), date(2027, 12, 31)),
    st.sampled_from(MITIGATING),
    st.sampled_from(HEAVIER),
    st.integers(0, 6),
    st.booleans(),
)
def test_heavier_never_recommends_less_than_lighter(
    violation_id: str,
    on: date,
    mitigating: str,
    heavier: str,
    persons: int,
    overdue: bool,
) -> None:
    stage = None
    if overdue:
        provision_stages = _stages(violation_id, on)
        stage = provision_stages[1] if len(provision_stages) > 1 else None
    try:
        light = recommend(
            violation_id,
            occurred_on=on,
            circumstances=[mitigating],
            facts={"persons": persons},
            stage=stage,
        )
        heavy = recommend(
            violation_id,
            occurred_on=on,
            circumstances=[heavier],
            facts={"persons": persons},
            stage=stage,
        )
    except InvalidInput:
        return  # a later stage without a fixed amount
    assert heavy.minimum >= light.minimum
    assert heavy.maximum >= light.maximum


def _stages(violation_id: str, on: date) -> list[str]:
    from safetyrules.penalties.provisions import law_on, violation_provision

    return [s.when for s in violation_provision(violation_id, law_on(on)).stages]


@given(
    st.sampled_from(VIOLATIONS),
    _days(date(2015, 5, 1), date(2021, 8, 31)),
    _days(date(2021, 9, 1), date(2027, 12, 31)),
)
def test_the_chosen_version_is_lighter_or_equal_to_both(
    violation_id: str, occurred_on: date, decided_on: date
) -> None:
    r = recommend(violation_id, occurred_on=occurred_on, decided_on=decided_on)
    old = statutory_range(violation_id, occurred_on=occurred_on)
    new = statutory_range(violation_id, occurred_on=decided_on)
    assert {old.law, new.law} == set(LAWS)
    chosen = (r.statutory.maximum, r.statutory.minimum)
    assert chosen <= (old.maximum, old.minimum)
    assert chosen <= (new.maximum, new.minimum)
