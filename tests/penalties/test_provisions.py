"""Penalty provisions: ranges as the texts state them, the catalogue across versions, 从旧兼从轻."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest

from safetyrules.accidents import AccidentGrade, classify
from safetyrules.checklists import PACKAGED, load_checklist
from safetyrules.errors import InvalidInput, NotInForce, UnknownReference
from safetyrules.penalties import (
    accident_fine,
    law_on,
    principal_fine,
    provision,
    provisions,
    violation,
)
from tests.law_texts import WORK_SAFETY_LAW_2021

LAW_2021 = WORK_SAFETY_LAW_2021
WAN = 10000


def test_the_2021_article_97_stages_match_its_text() -> None:
    # 第九十七条: 责令限期改正，处十万元以下的罚款；逾期未改正的，责令停产停业整顿，并处十万元以上
    # 二十万元以下的罚款，对其直接负责的主管人员和其他直接责任人员处二万元以上五万元以下的罚款.
    p = provision("《中华人民共和国安全生产法》（2021年修正）第九十七条")
    first, overdue = p.stages[0], p.stages[1]
    assert (first.fines[0].minimum, first.fines[0].maximum, first.fines[0].mandatory) == (
        None,
        10 * WAN,
        True,
    )
    bands = {f.on: (f.minimum, f.maximum) for f in overdue.fines}
    assert bands["直接负责的主管人员和其他直接责任人员"] == (2 * WAN, 5 * WAN)
    assert (10 * WAN, 20 * WAN) in bands.values()
    assert "责令停产停业整顿" in overdue.measures


def test_the_2014_article_94_was_discretionary_and_lower() -> None:
    # 2014 第九十四条, as quoted by 555qipai.net/Edu/zswd/glzs/201607/448241.shtml:
    # 责令限期改正，可以处五万元以下的罚款；逾期未改正的，
    # 责令停产停业整顿，并处五万元以上十万元以下的罚款，对其直接负责的主管人员和其他直接责任人员处一万元以上二万元以下.
    p = provision("《中华人民共和国安全生产法》（2014年修正）第九十四条")
    first = p.stages[0].fines[0]
    assert (first.maximum, first.mandatory) == (5 * WAN, False)
    bands = {f.on: (f.minimum, f.maximum) for f in p.stages[1].fines}
    assert bands["直接负责的主管人员和其他直接责任人员"] == (1 * WAN, 2 * WAN)


def test_every_2021_text_is_the_official_wording() -> None:
    text = LAW_2021.read_text(encoding="utf-8")
    for p in provisions("work-safety-law-2021"):
        if p.text:
            assert p.text.split("。")[0] in text, p.provision


def test_article_numbers_shift_by_three_between_versions() -> None:
    # For 2021 arts 90–108 the 2014 number is the 2021 number minus 3 (the correspondence the
    # library's 2014 data records; no official 2014 text seen).
    for p in provisions("work-safety-law-2021"):
        for violation_id in p.violations:
            v = violation(violation_id)
            old = v.version("work-safety-law-2014")
            new = v.version("work-safety-law-2021")
            assert new is not None
            if (
                old is not None
                and new.provision.article is not None
                and 90 <= new.provision.article <= 108
            ):
                assert old.provision.article == new.provision.article - 3, violation_id


@pytest.mark.parametrize("checklist_id", PACKAGED)
def test_checklist_violations_are_in_the_catalogue_at_the_cited_article(checklist_id: str) -> None:
    for item in load_checklist(checklist_id).items:
        if item.enforcement is None:
            continue
        v = violation(item.enforcement.violation)
        place = v.version("work-safety-law-2021")
        assert place is not None
        assert place.provision.article == item.enforcement.penalty.provision.article  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("grade", "band_2021", "band_2014"),
    [
        # 2021 第一百一十四条第一款 (the official text) and 2014 第一百零九条 (secondary source:
        # dongwangask.com/ask/1736662362318939).
        (AccidentGrade.GENERAL, (30, 100), (20, 50)),
        (AccidentGrade.LARGER, (100, 200), (50, 100)),
        (AccidentGrade.MAJOR, (200, 1000), (100, 500)),
        (AccidentGrade.ESPECIALLY_MAJOR, (1000, 2000), (500, 1000)),
    ],
)
def test_unit_accident_fines_by_grade(
    grade: AccidentGrade, band_2021: tuple[int, int], band_2014: tuple[int, int]
) -> None:
    new = accident_fine(grade, occurred_on=date(2022, 1, 1))
    old = accident_fine(grade, occurred_on=date(2020, 1, 1))
    assert (new.minimum, new.maximum) == (band_2021[0] * WAN, band_2021[1] * WAN)
    assert (old.minimum, old.maximum) == (band_2014[0] * WAN, band_2014[1] * WAN)


def test_aggravation() -> None:
    # 2021 第一百一十四条第二款: 2–5 times the ¶1 amount: 较大 → [2 × 100万, 5 × 200万].
    f = accident_fine(AccidentGrade.LARGER, occurred_on=date(2022, 1, 1), aggravated=True)
    assert (f.minimum, f.maximum) == (200 * WAN, 1000 * WAN)
    # 2014: only 特别重大 has a 情节特别严重 band, 1000万–2000万.
    g = accident_fine(AccidentGrade.ESPECIALLY_MAJOR, occurred_on=date(2020, 1, 1), aggravated=True)
    assert (g.minimum, g.maximum) == (1000 * WAN, 2000 * WAN)


def test_the_old_lighter_law_applies_to_an_accident_before_the_change() -> None:
    # An accident before 2021-09-01 decided after it keeps the 2014 bands (lower, so 从旧兼从轻 keeps
    # them). Published decisions of this kind exist (a 攀枝花 accident-fine case under the 2014 law:
    # zwzx.maomin.org/zfxxgk1/fdzdgknr/zdmsxx/aqsc/zccs/4393210.shtml); the dates here are
    # illustrative, not that case's.
    classification = classify(deaths=1, occurred_on=date(2021, 7, 2))
    f = accident_fine(classification, occurred_on=date(2021, 7, 2), decided_on=date(2022, 1, 19))
    assert f.law == "work-safety-law-2014"
    assert (f.minimum, f.maximum) == (20 * WAN, 50 * WAN)
    assert "第三十七条" in f.reasons[0].text()


def test_principal_share_of_income() -> None:
    # 2021 第九十五条: 一般事故 40%; 2014 第九十二条: 较大事故 40%.
    assert principal_fine(
        AccidentGrade.GENERAL, 300000, occurred_on=date(2022, 1, 1)
    ).maximum == Decimal(120000)
    old = principal_fine(AccidentGrade.LARGER, Decimal("250000"), occurred_on=date(2020, 1, 1))
    assert (old.minimum, old.maximum) == (Decimal(100000), Decimal(100000))
    with pytest.raises(InvalidInput):
        principal_fine(AccidentGrade.GENERAL, 1.5e5, occurred_on=date(2022, 1, 1))  # type: ignore[arg-type]


def test_lookups_name_the_version() -> None:
    assert law_on(date(2021, 8, 31)) == "work-safety-law-2014"
    with pytest.raises(NotInForce, match="2014年修正"):
        provision("《中华人民共和国安全生产法》（2021年修正）第九十七条", as_of=date(2020, 1, 1))
    with pytest.raises(InvalidInput, match="罚则条款"):
        provision("《中华人民共和国安全生产法》（2021年修正）第八十条")
    with pytest.raises(UnknownReference):
        violation("no-such-violation")


def test_a_violation_new_in_2021_is_not_punishable_before() -> None:
    # 2021 第一百零九条 (安全生产责任保险) has no 2014 counterparts.
    new_only = [
        v
        for p in provisions("work-safety-law-2021")
        if p.provision.article == 109
        for v in p.violations
    ]
    assert new_only
    with pytest.raises(NotInForce):
        violation(new_only[0], as_of=date(2020, 1, 1))


def test_bare_title_resolves_to_the_version_of_the_date() -> None:
    assert (
        provision("《安全生产法》第九十四条", as_of=date(2020, 1, 1)).law == "work-safety-law-2014"
    )
    assert re.match(
        r"第九十七条", str(provision("《安全生产法》第九十七条", as_of=date(2022, 1, 1)).provision)
    )


def test_a_hazard_found_under_2014_kept_its_first_stage_without_a_fine() -> None:
    # 2014 第九十九条: 责令立即消除或者限期消除 with no fine; 2021 第一百零二条: ≤5万 at once.
    # Found 2021-06-01, decided 2021-10-08: the old version is lighter and applies.
    from safetyrules.penalties import statutory_range

    r = statutory_range(
        "major-accident-hazard-not-eliminated",
        occurred_on=date(2021, 6, 1),
        decided_on=date(2021, 10, 8),
    )
    assert (r.law, r.minimum, r.maximum) == ("work-safety-law-2014", 0, 0)
    assert "不对生产经营单位处罚款" in r.reasons[-1].message
    later = statutory_range("major-accident-hazard-not-eliminated", occurred_on=date(2021, 9, 1))
    assert (later.law, later.maximum) == ("work-safety-law-2021", 5 * WAN)
