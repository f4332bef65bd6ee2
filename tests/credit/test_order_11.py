"""应急管理部令第11号: each of the 9 listing situations, who it lists, and what does not list.

Expected values are written out from the situation texts as published by 中国化工报
(tests.credit.sources.CCIN) and kl007.cn (KL007); B3 and B4 are unverified (措辞未见原文).
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

ORDER_11 = "serious-dishonesty-list-measures"
DECIDED = date(2024, 6, 3)
P = ListedParty


@pytest.mark.parametrize("grade", [M, E])
def test_a1_major_or_especially_major_accident(grade: object) -> None:
    """A1 — http://ccin.com.cn/detail/be06cc79634e1d8075eaf3f28295347d/news: "发生特别重大、重大
    生产安全事故的生产经营单位及其主要负责人，以及经调查认定对该事故发生负有责任，应当列入名单的其他单位和人员"."""
    r = assess_listing(case(DECIDED, accident(date(2024, 4, 2), grade)), DECIDED)
    assert r.regime == ORDER_11
    assert labels(r) == ["A1"]
    assert r.parties == (P.UNIT, P.PRINCIPAL, P.OTHER_RESPONSIBLE)
    assert r.lists == (ListKind.SERIOUS_DISHONESTY,)
    assert r.situations[0].confidence is Confidence.SECONDARY
    assert (
        str(r.situations[0].citation)
        == "《安全生产严重失信主体名单管理办法》（应急管理部令第11号）"
    )


def test_a1_does_not_take_one_larger_accident() -> None:
    """A1 names 特别重大 and 重大 only (CCIN); one 较大 accident lists under no situation."""
    r = assess_listing(case(DECIDED, accident(date(2024, 4, 2), L)), DECIDED)
    assert not r.listed
    assert r.parties == ()
    assert r.period is None


def test_a2_two_larger_accidents_within_twelve_months() -> None:
    """A2 — CCIN: "12个月内累计发生2起以上较大生产安全事故的生产经营单位及其主要负责人"."""
    r = assess_listing(
        case(DECIDED, accident(date(2023, 11, 20), L), accident(date(2024, 5, 6), L)), DECIDED
    )
    assert labels(r) == ["A2"]
    assert r.parties == (P.UNIT, P.PRINCIPAL)
    assert r.situations[0].confidence is Confidence.SECONDARY


@pytest.mark.parametrize(
    ("first", "second", "listed", "last_day"),
    [
        # The window ends on the corresponding day 12 months later (the day of the first accident
        # not counted): 2024-03-15 → last day 2025-03-15.
        (date(2024, 3, 15), date(2025, 3, 14), True, False),
        (date(2024, 3, 15), date(2025, 3, 15), True, True),
        (date(2024, 3, 15), date(2025, 3, 16), False, False),
        # Leap day: 2024-02-29 + 12 months has no 29 February → the month's last day, 2025-02-28.
        (date(2024, 2, 29), date(2025, 2, 28), True, True),
        (date(2024, 2, 29), date(2025, 3, 1), False, False),
        # From 28 February of a common year the corresponding day exists: 2024-02-28 is the last
        # day, so the leap day 2024-02-29 is outside.
        (date(2023, 2, 28), date(2024, 2, 28), True, True),
        (date(2023, 2, 28), date(2024, 2, 29), False, False),
        # 31 January → 31 January; two accidents on the same day are within 12 months.
        (date(2024, 1, 31), date(2025, 1, 31), True, True),
        (date(2024, 5, 1), date(2024, 5, 1), True, False),
    ],
)
def test_a2_window_boundary_days(first: date, second: date, listed: bool, last_day: bool) -> None:
    """A2's "12个月内" — http://ccin.com.cn/detail/be06cc79634e1d8075eaf3f28295347d/news; the day
    count is the library's reading (民法典第二百零一条、第二百零二条), so a verdict resting on the last
    day of the window is unverified."""
    decided = date(2025, 6, 30)
    r = assess_listing(case(decided, accident(first, L), accident(second, L)), decided)
    assert ("A2" in labels(r)) is listed
    if listed:
        reason = next(x for x in r.reasons if x.rule == "credit.a2-two-larger-accidents")
        assert (reason.confidence is Confidence.UNVERIFIED) is last_day
        assert (r.situations[0].confidence is Confidence.UNVERIFIED) is last_day


def test_a2_finds_a_close_pair_after_a_distant_one() -> None:
    """A2 (CCIN): any two 较大 accidents within 12 months count, not only the first two."""
    r = assess_listing(
        case(
            date(2025, 8, 1),
            accident(date(2022, 1, 10), L),
            accident(date(2024, 9, 1), L),
            accident(date(2025, 7, 1), L),
        ),
        date(2025, 8, 1),
    )
    assert labels(r) == ["A2"]
    assert r.situations[0].detail.startswith("较大事故2起：2024-09-01、2025-07-01")


def test_a2_counts_larger_accidents_only() -> None:
    """A2 (CCIN) counts 较大 accidents; two 一般 accidents within a month list nobody."""
    r = assess_listing(
        case(DECIDED, accident(date(2024, 4, 1), G), accident(date(2024, 4, 20), G)), DECIDED
    )
    assert not r.listed


def test_a3_multiple_fine() -> None:
    """A3 — CCIN: "依照《中华人民共和国安全生产法》第一百一十四条的规定被处以罚款数额2倍以上5倍以下
    罚款的生产经营单位及其主要负责人"."""
    r = assess_listing(case(DECIDED, accident(date(2024, 1, 9), G, multiple_fine=True)), DECIDED)
    assert labels(r) == ["A3"]
    assert r.parties == (P.UNIT, P.PRINCIPAL)


@pytest.mark.parametrize("failure", ["瞒报", "谎报"])
def test_a4_concealed_or_false_report(failure: str) -> None:
    """A4 — CCIN: "瞒报、谎报生产安全事故的生产经营单位及其有关责任人员"."""
    r = assess_listing(case(DECIDED, accident(date(2024, 1, 9), G, reporting=[failure])), DECIDED)
    assert labels(r) == ["A4"]
    assert r.parties == (P.UNIT, P.RESPONSIBLE_PERSONS)
    assert not r.principal_listed


@pytest.mark.parametrize("failure", ["迟报", "漏报"])
def test_a4_late_or_omitted_report_alone_does_not_list(failure: str) -> None:
    """A4 names 瞒报 and 谎报 only (CCIN): 迟报 or 漏报 alone lists nobody, and the result says so."""
    r = assess_listing(case(DECIDED, accident(date(2024, 1, 9), G, reporting=[failure])), DECIDED)
    assert not r.listed
    note = next(x for x in r.reasons if x.rule == "credit.not-listed.late-or-omitted-report")
    assert failure in note.message


def test_a4_late_and_concealed_lists() -> None:
    """A4 (CCIN): an accident both 迟报 and 瞒报 lists for the 瞒报."""
    r = assess_listing(
        case(DECIDED, accident(date(2024, 1, 9), G, reporting=["迟报", "瞒报"])), DECIDED
    )
    assert labels(r) == ["A4"]
    assert r.situations[0].detail == "2024-01-09发生的一般事故有瞒报情形"


@pytest.mark.parametrize("conduct", list(PrincipalConduct))
def test_a5_principal_conduct_lists_the_principal_only(conduct: PrincipalConduct) -> None:
    """A5 — CCIN: "发生生产安全事故后，不立即组织抢救或者在事故调查处理期间擅离职守或者逃匿的生产经营
    单位主要负责人"."""
    r = assess_listing(
        case(DECIDED, accident(date(2024, 1, 9), G, principal_conduct=[conduct])), DECIDED
    )
    assert labels(r) == ["A5"]
    assert r.parties == (P.PRINCIPAL,)
    assert r.principal_listed
    assert not r.unit_listed


@pytest.mark.parametrize(
    "licence", [LicenceStatus.UNLICENSED, LicenceStatus.SUSPENDED, LicenceStatus.REVOKED]
)
def test_b1_unlicensed_or_during_suspension_or_revocation(licence: LicenceStatus) -> None:
    """B1 — CCIN: "未依法取得安全生产相关许可或者许可被暂扣、吊销期间从事相关生产经营活动的生产经营
    单位及其主（要负责人）"."""
    r = assess_listing(case(DECIDED, licence=licence), DECIDED)
    assert labels(r) == ["B1"]
    assert r.parties == (P.UNIT, P.PRINCIPAL)


def test_b1_needs_a_licence_situation() -> None:
    """B1 (CCIN): a licensed operation with no other fact lists nobody."""
    assert not assess_listing(case(DECIDED), DECIDED).listed


@pytest.mark.parametrize("misconduct", list(ServiceMisconduct))
def test_b2_service_body_misconduct(misconduct: ServiceMisconduct) -> None:
    """B2 — http://kl007.cn/voc/mkt/1041.html: "承担安全评价、认证、检测、检验职责的机构及其直接
    责任人员租借资质、挂靠、出具虚假报告或者证书的将列入严重失信主体名单"."""
    r = assess_listing(case(DECIDED, service_misconduct=[misconduct]), DECIDED)
    assert labels(r) == ["B2"]
    assert r.parties == (P.SERVICE_BODY, P.SERVICE_STAFF)
    assert not r.unit_listed


def test_b3_refused_decision_is_unverified() -> None:
    """B3 — CCIN confirms 4 situations without an accident but shows only the first; the
    wording of B3 was not seen (未见来源), so the verdict is unverified."""
    r = assess_listing(case(DECIDED, refused_decision=True), DECIDED)
    assert labels(r) == ["B3"]
    assert r.parties == (P.UNIT, P.PRINCIPAL)
    assert r.situations[0].confidence is Confidence.UNVERIFIED
    assert r.confidence is Confidence.UNVERIFIED
    reason = next(x for x in r.reasons if x.rule == "credit.b3-refused-decision")
    assert "措辞未见原文" in reason.message


def test_b4_catch_all_is_unverified() -> None:
    """B4 (catch-all) — CCIN: "受到行政处罚的生产经营单位或者机构及其有关人员"; wording unseen."""
    r = assess_listing(case(DECIDED, other_serious_violation=True), DECIDED)
    assert labels(r) == ["B4"]
    assert r.parties == (P.UNIT, P.RELATED_PERSONS)
    assert r.situations[0].confidence is Confidence.UNVERIFIED


def test_several_situations_combine_their_parties() -> None:
    """A1 + A4 + A5 (CCIN): every party of every situation, listed once, in a fixed order."""
    r = assess_listing(
        case(
            DECIDED,
            accident(
                date(2024, 4, 2),
                M,
                reporting=["谎报"],
                principal_conduct=[PrincipalConduct.FLED],
            ),
        ),
        DECIDED,
    )
    assert labels(r) == ["A1", "A4", "A5"]
    assert r.parties == (P.UNIT, P.PRINCIPAL, P.RESPONSIBLE_PERSONS, P.OTHER_RESPONSIBLE)


def test_out_of_scope_party_is_not_listed() -> None:
    """第二条 scope — http://www.kmsl.gov.cn/c/2024-12-31/6949432.shtml: the 办法 applies to units
    in the named industries (矿山、化工 … 商贸) and to safety-service bodies."""
    r = assess_listing(case(DECIDED, accident(date(2024, 4, 2), M), in_scope=False), DECIDED)
    assert not r.listed
    scope = next(x for x in r.reasons if x.rule == "credit.scope")
    assert scope.inputs == {"in_scope": False}
    assert "不适用本办法列入" in scope.message


def test_unstated_scope_is_assumed_and_said_so() -> None:
    """第二条 (KMSL): when the case does not say whether the unit is in a named industry, the
    library treats it as in scope and says so in a reason marked unverified; the listing verdict
    then rests on that assumption."""
    r = assess_listing(case(DECIDED, accident(date(2024, 4, 2), M)), DECIDED)
    assert labels(r) == ["A1"]
    scope = next(x for x in r.reasons if x.rule == "credit.scope")
    assert scope.message.startswith("未说明是否属于第二条所列行业领域，按属于处理")
    assert scope.confidence is Confidence.UNVERIFIED
    assert scope.inputs == {"in_scope": None}
    result = next(x for x in r.reasons if x.rule == "credit.result")
    assert result.confidence is Confidence.UNVERIFIED
    assert str(scope.citation).endswith("第二条")


def test_stated_scope_is_not_an_assumption() -> None:
    """第二条 (KMSL): in_scope=True as stated — the scope reason is not unverified, and with a
    listing day given and a secondary situation (A1, CCIN) the result reason is secondary."""
    r = assess_listing(
        case(DECIDED, accident(date(2024, 4, 2), M), in_scope=True, listed_on=DECIDED), DECIDED
    )
    assert labels(r) == ["A1"]
    scope = next(x for x in r.reasons if x.rule == "credit.scope")
    assert scope.confidence is Confidence.SECONDARY
    assert "按属于处理" not in scope.message
    result = next(x for x in r.reasons if x.rule == "credit.result")
    assert result.confidence is Confidence.SECONDARY


def test_scope_is_not_a_2017_question() -> None:
    """安监总办〔2017〕49号第二条 (HAOJOB) names no industries: no scope reason, and in_scope=False
    does not stop a listing."""
    decided = date(2022, 6, 1)
    unstated = assess_listing(case(decided, accident(date(2022, 3, 1), M)), decided)
    stated_out = assess_listing(
        case(decided, accident(date(2022, 3, 1), M), in_scope=False), decided
    )
    assert not any(x.rule == "credit.scope" for x in unstated.reasons)
    assert unstated.listed
    assert stated_out.listed


def test_the_2017_only_conduct_does_not_list_under_order_11() -> None:
    """The 2017 rules' own 失信行为 (隐患冒险作业, 逃避监管 …) are not among the 9 situations (CCIN)."""
    r = assess_listing(
        case(
            DECIDED,
            major_hazard_risky_work=True,
            evaded_supervision=True,
            operated_under_suspension_order=True,
            unaccepted_facilities_in_use=True,
            mining_out_of_bounds=True,
            serious_violations=True,
        ),
        DECIDED,
    )
    assert not r.listed


def test_explanation_cites_article_78_and_the_definition() -> None:
    """安全生产法（2021）第七十八条第一款 (official) and 第11号令第三条第一款 (KMSL) are in every verdict."""
    r = assess_listing(case(DECIDED, accident(date(2024, 4, 2), M)), DECIDED)
    cited = [str(x.citation) for x in r.reasons if x.citation is not None]
    assert "《中华人民共和国安全生产法》（2021年修正）第七十八条第一款" in cited
    assert "《安全生产严重失信主体名单管理办法》（应急管理部令第11号）第三条第一款" in cited
