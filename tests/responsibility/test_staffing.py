"""Tests of safetyrules.responsibility.staffing: 安全生产法（2021年修正）第二十四条、第二十七条第三款
and the 浙江 overlay, 浙江省安全生产条例（2016年修订）第十一条.

Every expected value is worked out by hand from the statutes' words:

- 第二十四条第二款 sets "超过一百人" against "在一百人以下", so 100 employees fall in the lower tier;
- 浙江 第十一条 uses "以上" (inclusive) and "不足" (exclusive): 50 is in "五十人以上不足一百人";
- "不低于从业人员百分之一" at 350 employees is at least 3.5 persons, hence 4; at 300 it is 3, at 301
  it is 3.01, hence 4.
"""

from __future__ import annotations

import pickle
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from safetyrules.enterprise import Enterprise
from safetyrules.errors import InvalidInput, NotInForce, RuleDataError
from safetyrules.law.confidence import Confidence
from safetyrules.responsibility.staffing import (
    ClauseSpec,
    StaffingActual,
    StaffingInputs,
    StaffingKind,
    StaffingRequirement,
    UnitCategory,
    check_staffing,
    read_staffing_rules,
    staffing_overlays,
    staffing_requirement,
    staffing_rule,
)
from tests.law_texts import WORK_SAFETY_LAW_2021, ZHEJIANG_WORK_SAFETY_REGULATION_2016
from tests.responsibility.test_duties import provision_text

ON = date(2022, 6, 1)
NANHU = "330402"  # 浙江省嘉兴市南湖区
CHAOYANG = "110105"  # 北京市朝阳区: national rules only
ZHEJIANG_LAW = ZHEJIANG_WORK_SAFETY_REGULATION_2016

STORAGE = UnitCategory.HAZARDOUS_GOODS_STORAGE


def need(
    employees: int,
    place: str = NANHU,
    categories: tuple[UnitCategory | str, ...] = (),
    on: date = ON,
) -> StaffingRequirement:
    return staffing_requirement(
        StaffingInputs(employees=employees, jurisdiction=place, categories=categories), on=on
    )


def shape(requirement: StaffingRequirement) -> tuple[bool, bool, int, int, int]:
    """(机构必须, 机构或专职, 专职最少, 专职或兼职最少, 注册安全工程师最少)."""
    return (
        requirement.organisation_required,
        requirement.organisation_or_full_time,
        requirement.full_time_minimum,
        requirement.staff_minimum,
        requirement.registered_engineer_minimum,
    )


# ---------------------------------------------------------------------------
# The data against the official texts
# ---------------------------------------------------------------------------


def _quoted() -> list[tuple[str, str, object]]:
    found = []
    for overlay in staffing_overlays().values():
        for timeline in overlay.timelines.values():
            for entry in timeline.entries:
                for group in entry.value.groups:
                    found.append((group.citation.instrument, group.who, group.citation))
                    for band in group.tiers.bands:
                        tier = band.value
                        found.append((tier.citation.instrument, tier.quote, tier.citation))
                for remark in entry.value.remarks:
                    found.append((remark.citation.instrument, remark.quote, remark.citation))
    return found


@pytest.mark.parametrize(("instrument", "quote", "citation"), _quoted())
def test_every_quote_is_verbatim_in_the_provision_it_cites(
    instrument: str, quote: str, citation: object
) -> None:
    from safetyrules.law.citation import Citation

    assert isinstance(citation, Citation)
    assert citation.provision is not None
    if instrument == "work-safety-law-2021":
        law = WORK_SAFETY_LAW_2021
    elif instrument == "zhejiang-work-safety-regulation-2016":
        law = ZHEJIANG_LAW
    else:
        pytest.fail(f"未知的文件 {instrument}")
    assert quote in provision_text(law, citation.provision)


def test_the_shipped_overlays() -> None:
    overlays = staffing_overlays()
    assert sorted(overlays) == ["organisation-and-staff", "registered-safety-engineer"]
    assert sorted(overlays["organisation-and-staff"].timelines) == ["000000", "330000"]
    zhejiang = overlays["organisation-and-staff"].timelines["330000"]
    assert [e.start for e in zhejiang.entries] == [date(2016, 8, 1), date(2023, 3, 1)]
    assert [e.confidence for e in zhejiang.entries] == [
        Confidence.OFFICIAL,
        Confidence.UNVERIFIED,
    ]
    assert staffing_rule("organisation-and-staff", "330000", date(2023, 3, 1)).groups == (
        staffing_rule("organisation-and-staff", "330000", date(2023, 2, 28)).groups
    )


# ---------------------------------------------------------------------------
# National rules (北京市朝阳区, no provincial overlay)
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("employees", "expected"),
    [
        # 第二十四条第二款: 在一百人以下 → 专职或者兼职; 超过一百人 → 机构或者专职.
        (0, (False, False, 0, 1, 0)),
        (1, (False, False, 0, 1, 0)),
        (99, (False, False, 0, 1, 0)),
        (100, (False, False, 0, 1, 0)),
        (101, (False, True, 0, 0, 0)),
        (5000, (False, True, 0, 0, 0)),
    ],
)
def test_national_other_units(employees: int, expected: tuple[bool, bool, int, int, int]) -> None:
    assert shape(need(employees, CHAOYANG)) == expected


@pytest.mark.parametrize(
    ("category", "engineer"),
    [
        # 第二十四条第一款 lists all eight; 第二十七条第三款 only 生产、储存、装卸、矿山、金属冶炼.
        ("矿山", 1),
        ("金属冶炼", 1),
        ("建筑施工", 0),
        ("运输", 0),
        ("危险物品的生产", 1),
        ("危险物品的经营", 0),
        ("危险物品的储存", 1),
        ("危险物品的装卸", 1),
    ],
)
@pytest.mark.parametrize("employees", [1, 100, 101, 1000])
def test_national_listed_units(category: str, engineer: int, employees: int) -> None:
    assert shape(need(employees, CHAOYANG, (category,))) == (False, True, 0, 0, engineer)


def test_a_zhejiang_only_category_is_another_unit_nationally() -> None:
    # 船舶修造或者拆解 is not in 第二十四条第一款.
    assert shape(need(101, CHAOYANG, ("船舶修造或者拆解",))) == (False, True, 0, 0, 0)
    assert shape(need(100, CHAOYANG, ("船舶修造或者拆解",))) == (False, False, 0, 1, 0)


def test_national_reasons_cite_the_paragraphs() -> None:
    requirement = need(100, CHAOYANG)
    (clause,) = requirement.clauses
    assert clause.kind is StaffingKind.FULL_TIME_OR_PART_TIME
    assert clause.citation.text == "《中华人民共和国安全生产法》（2021年修正）第二十四条第二款"
    assert clause.jurisdiction == "000000"
    texts = [r.text() for r in requirement.reasons]
    assert texts[0].startswith("未声明属于所列单位")
    assert "100人以下（含）" in texts[0]
    # The 鼓励 sentence is explained, not required.
    assert "鼓励其他生产经营单位聘用注册安全工程师" in texts[-1]
    assert requirement.registered_engineer_minimum == 0


# ---------------------------------------------------------------------------
# 浙江 overlay
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("employees", "expected"),
    [
        # 第十一条第一款: (四) 不足五十人 → 专职; (三) 50–99 → 机构 + 2; (二) 100–299 → 机构 + 3;
        # (一) 300+ → 机构 + 不低于1%. 储存单位 also needs a 注册安全工程师 (第二十七条第三款).
        (1, (False, False, 1, 0, 1)),
        (49, (False, False, 1, 0, 1)),
        (50, (True, False, 2, 0, 1)),
        (99, (True, False, 2, 0, 1)),
        (100, (True, False, 3, 0, 1)),
        (101, (True, False, 3, 0, 1)),
        (299, (True, False, 3, 0, 1)),
        (300, (True, False, 3, 0, 1)),
        (301, (True, False, 4, 0, 1)),
        (350, (True, False, 4, 0, 1)),
        (400, (True, False, 4, 0, 1)),
        (401, (True, False, 5, 0, 1)),
        (1000, (True, False, 10, 0, 1)),
    ],
)
def test_zhejiang_hazardous_goods_storage(
    employees: int, expected: tuple[bool, bool, int, int, int]
) -> None:
    assert shape(need(employees, NANHU, (STORAGE,))) == expected


@pytest.mark.parametrize(
    ("employees", "expected"),
    [
        # 第十一条第二款: 不足一百人 → 专职或者兼职; 100–299 → 专职; 300+ → 机构 + 2.
        # Nationally 100 is still "一百人以下" (专职或者兼职), already met by the 专职 one.
        (49, (False, False, 0, 1, 0)),
        (50, (False, False, 0, 1, 0)),
        (99, (False, False, 0, 1, 0)),
        (100, (False, False, 1, 0, 0)),
        (101, (False, False, 1, 0, 0)),
        (299, (False, False, 1, 0, 0)),
        (300, (True, False, 2, 0, 0)),
        (301, (True, False, 2, 0, 0)),
    ],
)
def test_zhejiang_other_units(employees: int, expected: tuple[bool, bool, int, int, int]) -> None:
    assert shape(need(employees, NANHU)) == expected


def test_the_350_storage_unit_by_hand() -> None:
    requirement = need(350, NANHU, (STORAGE,))
    assert requirement.summary() == (
        "设置安全生产管理机构，配备专职安全生产管理人员不少于4人，"
        "有注册安全工程师从事安全生产管理工作（不少于1人）"
    )
    assert [(c.kind, c.minimum, c.jurisdiction) for c in requirement.clauses] == [
        (StaffingKind.ORGANISATION_OR_FULL_TIME, 1, "000000"),
        (StaffingKind.ORGANISATION, 0, "330000"),
        (StaffingKind.FULL_TIME, 4, "330000"),
        (StaffingKind.REGISTERED_SAFETY_ENGINEER, 1, "000000"),
    ]
    assert str(requirement.clauses[2].citation.provision) == "第十一条第一款第（一）项"
    # The category is given explicitly: nothing rests on a presumption.
    assert not requirement.unverified
    assert {c.note for c in requirement.clauses} == {None}
    zhejiang = requirement.reasons.reasons[1]
    assert zhejiang.jurisdiction == "330000"
    assert "350人×1%=3.5人，向上取整为4人" in zhejiang.message
    assert "从其规定" in requirement.reasons.reasons[-1].message


def test_every_place_under_zhejiang_gets_the_overlay() -> None:
    for place in ("330000", "330400", "330402", "330100"):
        assert need(60, place, (STORAGE,)).organisation_required
    assert not need(60, "320000", (STORAGE,)).organisation_required


def test_transport_and_road_transport() -> None:
    # 运输 alone: listed nationally, but 浙江 lists only 道路运输 → 浙江's other units.
    water = need(120, NANHU, ("运输",))
    assert shape(water) == (False, False, 1, 0, 0)
    assert [c.kind for c in water.clauses] == [
        StaffingKind.ORGANISATION_OR_FULL_TIME,
        StaffingKind.FULL_TIME,
    ]
    # 道路运输 implies 运输: listed in both.
    road = need(120, NANHU, ("道路运输",))
    assert road.categories == (UnitCategory.TRANSPORT, UnitCategory.ROAD_TRANSPORT)
    assert shape(road) == (True, False, 3, 0, 0)
    assert road.reasons.reasons[0].message == "“道路运输”单位也是“运输”单位"


def test_major_hazard_chemical_users_are_listed_only_in_zhejiang() -> None:
    user = need(60, NANHU, ("使用危险化学品数量构成重大危险源的生产单位",))
    assert shape(user) == (True, False, 2, 0, 0)
    # Nationally the unit is among the others: 60 ≤ 100 → 专职或者兼职, met by the 2 专职.
    assert user.clauses[0].kind is StaffingKind.FULL_TIME_OR_PART_TIME


def test_after_the_2022_revision_the_2016_text_is_applied_but_unverified() -> None:
    before = need(350, NANHU, (STORAGE,), on=date(2023, 2, 28))
    after = need(350, NANHU, (STORAGE,), on=date(2023, 3, 1))
    assert shape(before) == shape(after)
    assert not before.unverified
    assert after.unverified
    zhejiang = next(r for r in after.reasons if r.jurisdiction == "330000")
    assert "未经官方文本核实" in zhejiang.text()
    assert "2022年修订" in zhejiang.message


# ---------------------------------------------------------------------------
# Inputs
# ---------------------------------------------------------------------------


def _enterprise(**changes: object) -> Enterprise:
    data: dict[str, object] = {
        "name": "嘉兴示例化工仓储有限公司",
        "uscc": "91330402MA2B00000H",
        "industry": "5942",
        "jurisdiction": NANHU,
        "employees": 350,
    }
    data.update(changes)
    return Enterprise.model_validate(data)


PRESUMED_STORAGE = "单位类别“危险物品的储存”由企业标识“危险化学品储存”推定，须确认"


def test_enterprise_flags_count_as_categories_with_their_basis() -> None:
    requirement = staffing_requirement(_enterprise(flags={"危险化学品储存"}), on=ON)
    assert requirement.categories == (STORAGE,)
    assert shape(requirement) == (True, False, 4, 0, 1)
    flag = requirement.reasons.reasons[0]
    assert flag.citation is not None
    assert str(flag.citation.provision) == "第一百一十七条第二款"
    assert "危险化学品属于危险物品" in flag.message


def test_a_category_presumed_from_a_flag_is_unverified() -> None:
    # On 2022-06-01 浙江's 2016 text is verified: the only doubt is the presumed category.
    requirement = staffing_requirement(_enterprise(flags={"危险化学品储存"}), on=ON)
    flag, national, zhejiang, engineer, remark = requirement.reasons.reasons
    assert flag.confidence is Confidence.UNVERIFIED
    assert flag.message == (
        "企业标识“危险化学品储存”：危险化学品属于危险物品，按“危险物品的储存”单位确定配备要求；"
        "该单位类别由企业标识推定，须确认"
        "（为自用而储存危险化学品的单位是否属于“危险物品的……储存单位”，未见权威解释）"
    )
    for reason, provision in (
        (national, "第二十四条第一款"),
        (zhejiang, "第十一条第一款第（一）项"),
        (engineer, "第二十七条第三款"),
    ):
        assert reason.citation is not None
        assert str(reason.citation.provision) == provision
        assert reason.confidence is Confidence.UNVERIFIED
        assert reason.message.endswith(f"（{PRESUMED_STORAGE}）")
        assert reason.text().endswith("（注意：该依据未经官方文本核实）")
    # 第十一条第三款 applies to every unit: it does not rest on the category.
    assert "从其规定" in remark.message
    assert remark.confidence is Confidence.OFFICIAL
    assert requirement.unverified
    assert [(c.confidence, c.note) for c in requirement.clauses] == [
        (Confidence.UNVERIFIED, PRESUMED_STORAGE)
    ] * 4
    shortfall = check_staffing(StaffingActual(organisation=True, full_time=3), requirement)
    assert shortfall.shortfalls[0].text() == (
        f"专职安全生产管理人员3人，少于4人（{PRESUMED_STORAGE}）。"
        "依据：《浙江省安全生产条例》（2016年修订）第十一条第一款第（一）项"
        "（注意：该依据未经官方文本核实）"
    )


def test_the_same_category_given_explicitly_stays_verified() -> None:
    for explicit in ("危险物品的储存", [STORAGE]):
        requirement = staffing_requirement(
            _enterprise(flags={"危险化学品储存"}), on=ON, categories=explicit
        )
        assert shape(requirement) == (True, False, 4, 0, 1)
        assert not requirement.unverified
        assert not requirement.reasons.unverified
        assert {c.note for c in requirement.clauses} == {None}
        assert requirement.reasons.reasons[0].message == (
            "企业标识“危险化学品储存”：危险化学品属于危险物品，对应“危险物品的储存”单位；"
            "调用方已明确给出该类别"
        )


def test_a_group_also_matched_by_an_explicit_category_stays_verified() -> None:
    # 矿山 (given) and 危险物品的储存 (presumed) are both listed in 第二十四条第一款, 第二十七条
    # 第三款 and 浙江 第十一条第一款: each group rests on 矿山 as well.
    requirement = staffing_requirement(
        _enterprise(flags={"危险化学品储存"}), on=ON, categories="矿山"
    )
    assert requirement.categories == (UnitCategory.MINE, STORAGE)
    assert {(c.confidence, c.note) for c in requirement.clauses} == {(Confidence.OFFICIAL, None)}
    assert requirement.reasons.reasons[0].confidence is Confidence.UNVERIFIED


def test_a_presumed_category_unlisted_by_a_rule_leaves_that_rule_verified() -> None:
    # 危险物品的经营: listed in 第二十四条第一款 and 浙江 第十一条第一款, not in 第二十七条第三款,
    # whose 鼓励 sentence for other units is shown and rests on no presumption.
    requirement = staffing_requirement(_enterprise(flags={"危险化学品经营"}), on=ON)
    assert shape(requirement) == (True, False, 4, 0, 0)
    assert [c.confidence for c in requirement.clauses] == [Confidence.UNVERIFIED] * 3
    note = "单位类别“危险物品的经营”由企业标识“危险化学品经营”推定，须确认"
    assert {c.note for c in requirement.clauses} == {note}
    encourage = requirement.reasons.reasons[-1]
    assert encourage.message.startswith("鼓励其他生产经营单位聘用注册安全工程师")
    assert encourage.confidence is Confidence.OFFICIAL
    # The flag's reason has no storage caveat.
    assert "未见权威解释" not in requirement.reasons.reasons[0].message


@pytest.mark.parametrize(
    ("flag", "category"),
    [
        ("危险化学品生产", "危险物品的生产"),
        ("危险化学品经营", "危险物品的经营"),
        ("危险化学品储存", "危险物品的储存"),
        ("金属冶炼", "金属冶炼"),
    ],
)
def test_every_flag_derived_category_must_be_confirmed(flag: str, category: str) -> None:
    requirement = staffing_requirement(_enterprise(flags={flag}, jurisdiction=CHAOYANG), on=ON)
    assert requirement.categories == (UnitCategory(category),)
    reason = requirement.reasons.reasons[0]
    assert reason.confidence is Confidence.UNVERIFIED
    assert "该单位类别由企业标识推定，须确认" in reason.message
    # 北京: 第二十四条第一款 lists all four categories.
    (listed,) = (c for c in requirement.clauses if str(c.citation.provision) == "第二十四条第一款")
    assert listed.confidence is Confidence.UNVERIFIED
    assert listed.note == f"单位类别“{category}”由企业标识“{flag}”推定，须确认"


def test_flags_without_a_listed_category_change_nothing() -> None:
    # 危险化学品使用 is no category of either rule; 350 others in 浙江 → 机构 + 2 专职.
    requirement = staffing_requirement(_enterprise(flags={"危险化学品使用", "涉爆粉尘"}), on=ON)
    assert requirement.categories == ()
    assert shape(requirement) == (True, False, 2, 0, 0)


def test_the_industry_code_is_not_used_to_guess_a_category() -> None:
    # 5942 is 危险化学品仓储, yet without a flag or a category the unit is "other".
    assert staffing_requirement(_enterprise(), on=ON).categories == ()


def test_explicit_categories_add_to_the_enterprise() -> None:
    requirement = staffing_requirement(_enterprise(), on=ON, categories=["危险物品的装卸"])
    assert requirement.categories == (UnitCategory.HAZARDOUS_GOODS_HANDLING,)
    # 浙江 does not list 装卸: its other units' 300+ tier; nationally listed, engineer required.
    assert shape(requirement) == (True, False, 2, 0, 1)


def test_one_category_given_as_a_string() -> None:
    # "矿山" is one category, not the characters 矿 and 山.
    subject = StaffingInputs(employees=120, jurisdiction=CHAOYANG)
    mine = staffing_requirement(subject, on=ON, categories="矿山")
    assert mine.categories == (UnitCategory.MINE,)
    assert staffing_requirement(subject, on=ON, categories=UnitCategory.MINE) == mine
    assert staffing_requirement(subject, on=ON, categories=iter(["矿山"])) == mine


def test_an_iterable_of_categories_is_read_once() -> None:
    subject = StaffingInputs(employees=120, jurisdiction=CHAOYANG)
    with pytest.raises(InvalidInput) as caught:
        staffing_requirement(subject, on=ON, categories=(c for c in ["矿山", "化工"]))
    assert str(caught.value).startswith("categories = ['矿山', '化工']: 应为 矿山、")
    with pytest.raises(InvalidInput, match="categories = '化工'"):
        staffing_requirement(subject, on=ON, categories="化工")
    with pytest.raises(InvalidInput, match="categories = 5"):
        staffing_requirement(subject, on=ON, categories=5)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [1, 0, "true", "yes"])
def test_organisation_takes_only_true_or_false(value: object) -> None:
    with pytest.raises(ValidationError, match="organisation"):
        StaffingActual.model_validate({"organisation": value})
    assert StaffingActual(organisation=True).organisation is True


def test_bad_inputs() -> None:
    with pytest.raises(InvalidInput, match="employees"):
        staffing_requirement(_enterprise(employees=None), on=ON)
    with pytest.raises(InvalidInput, match="categories"):
        staffing_requirement(_enterprise(), on=ON, categories=["化工"])
    with pytest.raises(ValueError, match="employees"):
        StaffingInputs(employees=-1)
    with pytest.raises(ValueError, match="jurisdiction"):
        StaffingInputs(employees=1, jurisdiction="339999")
    with pytest.raises(ValueError, match="categories"):
        StaffingInputs(employees=1, categories=["化工"])
    with pytest.raises(InvalidInput, match="subject"):
        staffing_requirement(350, on=ON)  # type: ignore[arg-type]


def test_dates_before_the_2021_law_are_not_in_force() -> None:
    with pytest.raises(NotInForce, match="2014年修正文本"):
        need(350, NANHU, (STORAGE,), on=date(2021, 8, 31))
    assert need(350, NANHU, (STORAGE,), on=date(2021, 9, 1)).full_time_minimum == 4


# ---------------------------------------------------------------------------
# check_staffing
# ---------------------------------------------------------------------------


def test_shortfalls_of_the_350_storage_unit() -> None:
    requirement = need(350, NANHU, (STORAGE,))
    empty = check_staffing(StaffingActual(), requirement)
    assert [s.message for s in empty.shortfalls] == [
        "未设置安全生产管理机构，也未配备专职安全生产管理人员",
        "未设置安全生产管理机构",
        "专职安全生产管理人员0人，少于4人",
        "没有注册安全工程师从事安全生产管理工作",
    ]
    assert [str(s.citation.provision) for s in empty.shortfalls] == [
        "第二十四条第一款",
        "第十一条第一款第（一）项",
        "第十一条第一款第（一）项",
        "第二十七条第三款",
    ]
    three = check_staffing(StaffingActual(organisation=True, full_time=3), requirement)
    assert [s.message for s in three.shortfalls] == [
        "专职安全生产管理人员3人，少于4人",
        "没有注册安全工程师从事安全生产管理工作",
    ]
    assert three.shortfalls[0].actual == 3
    full = StaffingActual(organisation=True, full_time=4, registered_safety_engineers=1)
    assert check_staffing(full, requirement).ok


def test_part_time_staff_meet_only_the_either_or_clause() -> None:
    small = need(30, CHAOYANG)
    assert check_staffing(StaffingActual(part_time=1), small).ok
    assert [s.message for s in check_staffing(StaffingActual(), small).shortfalls] == [
        "未配备专职或者兼职的安全生产管理人员"
    ]
    large = need(101, CHAOYANG)
    assert not check_staffing(StaffingActual(part_time=5), large).ok
    assert check_staffing(StaffingActual(organisation=True), large).ok
    assert check_staffing(StaffingActual(full_time=1), large).ok


def test_engineers_are_counted_among_the_safety_staff() -> None:
    with pytest.raises(ValueError, match="注册安全工程师"):
        StaffingActual(full_time=1, part_time=0, registered_safety_engineers=2)
    StaffingActual(part_time=1, registered_safety_engineers=1)


def test_ratio_rounds_up() -> None:
    spec = ClauseSpec(StaffingKind.FULL_TIME, ratio=__import__("decimal").Decimal("0.01"))
    assert [spec.minimum_for(n) for n in (300, 301, 399, 400, 401)] == [3, 4, 4, 4, 5]


# ---------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------

places = st.sampled_from([CHAOYANG, NANHU, "330000", "320500"])
categories = st.lists(st.sampled_from(list(UnitCategory)), max_size=3).map(tuple)
headcounts = st.integers(min_value=0, max_value=5000)


@given(places, categories, headcounts, headcounts)
def test_more_employees_never_lower_the_requirement(
    place: str, kinds: tuple[UnitCategory, ...], a: int, b: int
) -> None:
    low, high = need(min(a, b), place, kinds), need(max(a, b), place, kinds)
    assert low.full_time_minimum <= high.full_time_minimum
    assert low.organisation_required <= high.organisation_required
    assert low.registered_engineer_minimum == high.registered_engineer_minimum


@given(places, categories, headcounts)
def test_the_least_compliant_staffing_meets_every_clause(
    place: str, kinds: tuple[UnitCategory, ...], employees: int
) -> None:
    requirement = need(employees, place, kinds)
    full_time = max(requirement.full_time_minimum, int(requirement.organisation_or_full_time))
    actual = StaffingActual(
        organisation=requirement.organisation_required,
        full_time=full_time,
        part_time=max(requirement.staff_minimum, requirement.registered_engineer_minimum),
        registered_safety_engineers=requirement.registered_engineer_minimum,
    )
    assert check_staffing(actual, requirement).ok


@given(
    places,
    categories,
    headcounts,
    st.booleans(),
    st.integers(0, 20),
    st.integers(0, 20),
    st.integers(0, 3),
)
def test_more_staff_never_adds_a_shortfall(
    place: str,
    kinds: tuple[UnitCategory, ...],
    employees: int,
    organisation: bool,
    full_time: int,
    part_time: int,
    more: int,
) -> None:
    requirement = need(employees, place, kinds)
    engineers = min(1, full_time + part_time)
    before = StaffingActual(
        organisation=organisation,
        full_time=full_time,
        part_time=part_time,
        registered_safety_engineers=engineers,
    )
    after = before.model_copy(update={"full_time": full_time + more, "organisation": True})
    shortfalls_before = {s.clause for s in check_staffing(before, requirement).shortfalls}
    shortfalls_after = {s.clause for s in check_staffing(after, requirement).shortfalls}
    assert shortfalls_after <= shortfalls_before


@given(places, categories, headcounts)
def test_requirements_round_trip_and_pickle(
    place: str, kinds: tuple[UnitCategory, ...], employees: int
) -> None:
    requirement = need(employees, place, kinds)
    assert StaffingRequirement.model_validate_json(requirement.model_dump_json()) == requirement
    assert pickle.loads(pickle.dumps(requirement)) == requirement


# ---------------------------------------------------------------------------
# The file format
# ---------------------------------------------------------------------------

_RULE = """
[[rule]]
id = "organisation-and-staff"
jurisdiction = "000000"
name = "示例"

[[rule.version]]
from = 2021-09-01
confidence = "official"

[[rule.version.group]]
scope = "others"
citation = "《中华人民共和国安全生产法》（2021年修正）第二十四条第二款"
who = "其他生产经营单位"

[[rule.version.group.tier]]
lower = 0
quote = "甲"
clauses = [{ kind = "配备专职或者兼职的安全生产管理人员", minimum = 1 }]

[[rule.version.group.tier]]
lower = 100
lower_inclusive = false
quote = "乙"
clauses = [{ kind = "配备专职安全生产管理人员", ratio = "0.01" }]
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "staffing.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_user_rule_file_replaces_the_shipped_rules(tmp_path: Path) -> None:
    rules = read_staffing_rules(_write(tmp_path, _RULE))
    requirement = staffing_requirement(
        StaffingInputs(employees=250, jurisdiction=CHAOYANG), on=ON, rules=rules
    )
    assert shape(requirement) == (False, False, 3, 0, 0)


@pytest.mark.parametrize(
    ("change", "key"),
    [
        (
            ("lower = 100\nlower_inclusive = false\n", "lower = 0\n"),
            "rule[0].version[0].group[0].tier[0].lower",
        ),
        (("lower = 0\n", "lower = 5\n"), "rule[0].version[0].group[0].tier[0].lower"),
        (
            ('ratio = "0.01"', "ratio = 0.01"),
            "rule[0].version[0].group[0].tier[1].clauses[0].ratio",
        ),
        (
            ('ratio = "0.01"', 'minimum = 1, ratio = "0.01"'),
            "rule[0].version[0].group[0].tier[1].clauses[0]",
        ),
        (('scope = "others"', 'scope = "listed"'), "rule[0].version[0].group[0]"),
        (("第二十四条第二款", "第二十四条"), "rule[0].version[0].group[0].citation"),
        (('jurisdiction = "000000"', 'jurisdiction = "339999"'), "rule[0].jurisdiction"),
        (
            ('confidence = "official"', 'confidence = "official"\ncarry_over = true'),
            "rule[0].version[0]",
        ),
        (
            ("lower_inclusive = false", "lower_inclusive = 0"),
            "rule[0].version[0].group[0].tier[1].lower_inclusive",
        ),
        (
            ('confidence = "official"', 'confidence = "official"\ncarry_over = "false"'),
            "rule[0].version[0].carry_over",
        ),
    ],
)
def test_file_defects_name_the_key(tmp_path: Path, change: tuple[str, str], key: str) -> None:
    old, new = change
    assert old in _RULE
    with pytest.raises(RuleDataError) as caught:
        read_staffing_rules(_write(tmp_path, _RULE.replace(old, new, 1)))
    assert caught.value.key == key


def test_a_listed_remark_shown_for_a_presumed_category_is_unverified(tmp_path: Path) -> None:
    text = _RULE.replace(
        '[[rule.version.group]]\nscope = "others"',
        '[[rule.version.group]]\nscope = "listed"\ncategories = ["危险物品的储存"]\n'
        'citation = "《中华人民共和国安全生产法》（2021年修正）第二十四条第一款"\nwho = "储存单位"\n\n'
        '[[rule.version.group.tier]]\nlower = 0\nquote = "丙"\n'
        'clauses = [{ kind = "配备专职安全生产管理人员", minimum = 1 }]\n\n'
        '[[rule.version.remark]]\nscope = "listed"\n'
        'citation = "《中华人民共和国安全生产法》（2021年修正）第二十四条第一款"\nquote = "丁"\n\n'
        '[[rule.version.group]]\nscope = "others"',
    )
    rules = read_staffing_rules(_write(tmp_path, text))
    flagged = staffing_requirement(
        _enterprise(flags={"危险化学品储存"}, jurisdiction=CHAOYANG), on=ON, rules=rules
    )
    remark = flagged.reasons.reasons[-1]
    assert remark.message == f"丁（{PRESUMED_STORAGE}）"
    assert remark.confidence is Confidence.UNVERIFIED
    given = staffing_requirement(
        _enterprise(jurisdiction=CHAOYANG), on=ON, categories="危险物品的储存", rules=rules
    )
    assert given.reasons.reasons[-1].message == "丁"
    assert given.reasons.reasons[-1].confidence is Confidence.OFFICIAL


def test_a_rule_defined_twice_for_one_place(tmp_path: Path) -> None:
    with pytest.raises(RuleDataError) as caught:
        read_staffing_rules(_write(tmp_path, _RULE + _RULE))
    assert caught.value.key == "rule[1].jurisdiction"


def test_a_carry_over_version_may_not_come_first(tmp_path: Path) -> None:
    text = _RULE.replace(
        '[[rule.version]]\nfrom = 2021-09-01\nconfidence = "official"\n',
        '[[rule.version]]\nfrom = 2021-01-01\ncarry_over = true\nconfidence = "unverified"\n\n'
        '[[rule.version]]\nfrom = 2021-09-01\nconfidence = "official"\n',
    )
    with pytest.raises(RuleDataError) as caught:
        read_staffing_rules(_write(tmp_path, text))
    assert caught.value.key == "rule[0].version[0].carry_over"
