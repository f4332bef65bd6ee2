"""安监总办〔2017〕49号: the 10 失信行为 of 第二条 (联合惩戒对象) and the “黑名单” of 第三条.

Expected values are written out from the full text reprinted by 3haojob.com
(tests.credit.sources.HAOJOB, also esafety.cn) and the 人民日报 report (PEOPLES_DAILY).
"""

from __future__ import annotations

from datetime import date

import pytest

from safetyrules.credit import (
    LicenceStatus,
    ListedParty,
    ListKind,
    PrincipalConduct,
    ServiceMisconduct,
    assess_listing,
)
from safetyrules.law.confidence import Confidence
from tests.credit.factories import E, G, L, M, accident, case, labels

JOINT = "work-safety-joint-punishment-measures-2017"
DECIDED = date(2022, 6, 1)
P = ListedParty


@pytest.mark.parametrize("grade", [L, M, E])
def test_item_1_larger_or_above_responsibility_accident(grade: object) -> None:
    """第二条（一） — https://www.3haojob.com/ak/16525626363459.html: "发生较大及以上生产安全责任
    事故"."""
    r = assess_listing(case(DECIDED, accident(date(2022, 3, 1), grade)), DECIDED)
    assert r.regime == JOINT
    assert "第二条（一）" in labels(r)
    assert r.parties == (P.UNIT, P.RELATED_PERSONS)
    assert ListKind.JOINT_PUNISHMENT in r.lists
    assert str(r.situations[0].citation).endswith("（安监总办〔2017〕49号）第二条第（一）项")


def test_item_1_needs_a_responsibility_accident() -> None:
    """第二条（一） (HAOJOB) counts 责任事故 only: a 较大 accident the unit is not responsible for
    does not list."""
    r = assess_listing(case(DECIDED, accident(date(2022, 3, 1), L, responsibility=False)), DECIDED)
    assert not r.listed


@pytest.mark.parametrize(
    ("dates", "listed"),
    [
        # Three fatal 一般 responsibility accidents; the third on the last day of the year that
        # starts after the first (2021-01-05 → 2022-01-05) is inside, the day after is not.
        ((date(2021, 1, 5), date(2021, 6, 1), date(2022, 1, 5)), True),
        ((date(2021, 1, 5), date(2021, 6, 1), date(2022, 1, 6)), False),
        # Leap day start: 2020-02-29 → last day 2021-02-28.
        ((date(2020, 2, 29), date(2020, 9, 1), date(2021, 2, 28)), True),
        ((date(2020, 2, 29), date(2020, 9, 1), date(2021, 3, 1)), False),
        # Two only.
        ((date(2021, 3, 1), date(2021, 4, 1)), False),
    ],
)
def test_item_1_three_fatal_general_accidents_in_one_year(
    dates: tuple[date, ...], listed: bool
) -> None:
    """第二条（一） (HAOJOB): "1年内累计发生3起及以上造成人员死亡的一般生产安全责任事故"."""
    r = assess_listing(case(DECIDED, *(accident(d, G, deaths=1) for d in dates)), DECIDED)
    assert r.listed is listed
    if listed:
        assert labels(r) == ["第二条（一）"]


def test_item_1_non_fatal_general_accidents_do_not_count() -> None:
    """第二条（一） (HAOJOB) counts 一般 accidents "造成人员死亡" only."""
    dates = (date(2021, 3, 1), date(2021, 4, 1), date(2021, 5, 1))
    r = assess_listing(case(DECIDED, *(accident(d, G, deaths=0) for d in dates)), DECIDED)
    assert not r.listed


def test_item_2_unlicensed() -> None:
    """第二条（二） (HAOJOB): "未按规定取得安全生产许可，擅自开展生产经营建设活动"."""
    r = assess_listing(case(DECIDED, licence=LicenceStatus.UNLICENSED), DECIDED)
    assert labels(r) == ["第二条（二）"]


@pytest.mark.parametrize("licence", [LicenceStatus.SUSPENDED, LicenceStatus.REVOKED])
def test_item_2_does_not_name_a_suspended_or_revoked_licence(licence: LicenceStatus) -> None:
    """第二条（二） (HAOJOB) names only "未按规定取得"; the result says why it does not list."""
    r = assess_listing(case(DECIDED, licence=licence), DECIDED)
    assert not r.listed
    assert any(x.rule == "credit.not-listed.licence-suspended-or-revoked" for x in r.reasons)


@pytest.mark.parametrize(
    ("flag", "label"),
    [
        ("major_hazard_risky_work", "第二条（三）"),
        ("evaded_supervision", "第二条（四）"),
        ("operated_under_suspension_order", "第二条（五）"),
        ("unaccepted_facilities_in_use", "第二条（七）"),
        ("mining_out_of_bounds", "第二条（八）"),
    ],
)
def test_items_3_4_5_7_8(flag: str, label: str) -> None:
    """第二条（三）（四）（五）（七）（八） — https://www.3haojob.com/ak/16525626363459.html."""
    r = assess_listing(case(DECIDED, **{flag: True}), DECIDED)
    assert labels(r) == [label]
    assert r.parties == (P.UNIT, P.RELATED_PERSONS)


@pytest.mark.parametrize("failure", ["瞒报", "谎报", "迟报"])
def test_item_6_concealed_false_or_late_report(failure: str) -> None:
    """第二条（六） (HAOJOB; PEOPLES_DAILY): "瞒报、谎报、迟报生产安全事故" — 迟报 lists here."""
    r = assess_listing(case(DECIDED, accident(date(2022, 3, 1), G, reporting=[failure])), DECIDED)
    assert labels(r) == ["第二条（六）"]


def test_item_6_omitted_report_does_not_list() -> None:
    """第二条（六） (HAOJOB) does not name 漏报."""
    r = assess_listing(case(DECIDED, accident(date(2022, 3, 1), G, reporting=["漏报"])), DECIDED)
    assert not r.listed
    assert any(x.rule == "credit.not-listed.omitted-report" for x in r.reasons)


def test_item_9_investigation_obstructed_or_principal_fled() -> None:
    """第二条（九） (HAOJOB): "故意破坏事故现场，伪造有关证据资料，妨碍、对抗事故调查，或主要负责人
    逃逸"."""
    obstructed = assess_listing(
        case(DECIDED, accident(date(2022, 3, 1), G, investigation_obstructed=True)), DECIDED
    )
    fled = assess_listing(
        case(DECIDED, accident(date(2022, 3, 1), G, principal_conduct=[PrincipalConduct.FLED])),
        DECIDED,
    )
    assert labels(obstructed) == labels(fled) == ["第二条（九）"]


def test_item_9_does_not_name_leaving_the_post() -> None:
    """第二条（九） (HAOJOB) names 逃逸 only, not 擅离职守 or 不立即组织抢救."""
    r = assess_listing(
        case(
            DECIDED,
            accident(
                date(2022, 3, 1),
                G,
                principal_conduct=[
                    PrincipalConduct.LEFT_POST,
                    PrincipalConduct.NO_IMMEDIATE_RESCUE,
                ],
            ),
        ),
        DECIDED,
    )
    assert not r.listed


@pytest.mark.parametrize(
    ("misconduct", "listed"),
    [
        (ServiceMisconduct.FALSE_REPORT, True),
        (ServiceMisconduct.QUALIFICATION_RENTED_OR_LENT, True),
        (ServiceMisconduct.AFFILIATION, False),
    ],
)
def test_item_10_service_body(misconduct: ServiceMisconduct, listed: bool) -> None:
    """第二条（十） (HAOJOB): "安全生产和职业健康技术服务机构出具虚假报告或证明，违规转让或出借资质"."""
    r = assess_listing(case(DECIDED, service_misconduct=[misconduct]), DECIDED)
    assert r.listed is listed
    if listed:
        assert r.parties == (P.TECHNICAL_SERVICE_BODY, P.RELATED_PERSONS)


def test_refusing_the_decision_is_not_a_2017_item() -> None:
    """第二条 (HAOJOB) has no item for refusing to perform a decision (that is 第11号令 B3)."""
    r = assess_listing(case(DECIDED, refused_decision=True), DECIDED)
    assert not r.listed
    assert any(x.rule == "credit.not-listed.order-11-only" for x in r.reasons)


# --- 第三条 “黑名单” ------------------------------------------------------------------------


@pytest.mark.parametrize("grade", [M, E])
def test_blacklist_major_accident_with_serious_violations(grade: object) -> None:
    """第三条 — http://gzkl.wenming.cn/cxkl/202009/t20200918_3197711.html: "存在严重违法违规行为，
    发生重特大生产安全责任事故 … 的联合惩戒对象，纳入安全生产不良记录“黑名单”管理"."""
    r = assess_listing(
        case(DECIDED, accident(date(2022, 3, 1), grade), serious_violations=True), DECIDED
    )
    assert labels(r) == ["第二条（一）", "第三条（重特大事故）"]
    assert r.lists == (ListKind.JOINT_PUNISHMENT, ListKind.BLACKLIST)


def test_blacklist_major_accident_without_serious_violations() -> None:
    """第三条 (PEOPLES_DAILY), the library's reading: "存在严重违法违规行为" qualifies the 重特大
    alternative, so without it the unit is a 联合惩戒对象 only."""
    r = assess_listing(case(DECIDED, accident(date(2022, 3, 1), M)), DECIDED)
    assert r.lists == (ListKind.JOINT_PUNISHMENT,)


@pytest.mark.parametrize(
    ("second", "blacklisted"),
    [(date(2022, 2, 10), True), (date(2022, 2, 11), False)],
)
def test_blacklist_two_larger_accidents_in_one_year(second: date, blacklisted: bool) -> None:
    """第三条 (PEOPLES_DAILY): "1年内累计发生2起较大生产安全责任事故"; 2021-02-10 → last day
    2022-02-10."""
    r = assess_listing(case(DECIDED, accident(date(2021, 2, 10), L), accident(second, L)), DECIDED)
    assert ("第三条（2起较大事故）" in labels(r)) is blacklisted
    assert "第二条（一）" in labels(r)


def test_blacklist_typical_larger_accident() -> None:
    """第三条 (PEOPLES_DAILY): "发生性质恶劣、危害性严重、社会影响大的典型较大生产安全责任事故"."""
    r = assess_listing(case(DECIDED, accident(date(2022, 3, 1), L, typical=True)), DECIDED)
    assert labels(r) == ["第二条（一）", "第三条（典型较大事故）"]
    assert all(s.confidence is Confidence.SECONDARY for s in r.situations)


def test_blacklist_typical_accident_must_be_a_responsibility_accident() -> None:
    """第三条 (PEOPLES_DAILY) speaks of 责任事故 throughout."""
    r = assess_listing(
        case(DECIDED, accident(date(2022, 3, 1), L, typical=True, responsibility=False)), DECIDED
    )
    assert not r.listed
