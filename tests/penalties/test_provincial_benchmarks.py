"""Provincial benchmark rows: 山西省 晋应急发〔2021〕260号.

Hand values are those of 《适用〈中华人民共和国安全生产法〉行政处罚自由裁量基准（试行）》（晋应急发〔2021〕260号）
as printed in its online reposts (secondary sources):

- 第九十九条第（一）项, by the number of places without warning signs
  (http://22222111.com/page178?article_id=824&pagenum=19):
  1处 → 1万元, 逾期 5万元; 2处 → 1万–2万元, 逾期 5万–8万元; 3处 → 2万–3万元, 逾期 8万–13万元,
  persons 1万–2万元; 4处 → 2万–3万元, 逾期 13万–17万元, persons 1万–1.5万元 (as printed);
  5处以上 → 3万–5万元, 逾期 17万–20万元, persons 1.5万–2万元.
- 第九十九条第（六）项, 3台（套）及以上 (http://jcahj.com/page178?article_id=824&pagenum=23):
  4万–5万元; 逾期 15万–20万元, persons 2万元.
- 第一百零八条, 拒不改正 (http://22222111.com/page178?article_id=824&pagenum=34): 从业人员100人以下
  → 2万–10万元; 100人以上 → 10万–20万元; persons 1万–2万元 in both.
- 第九十八条第（三）项, 建设项目投资额7000万元以上 (http://st2014.net/page178?article_id=824&pagenum=17):
  40万–50万元, persons 4万–5万元; 逾期 90万–100万元, persons 9万–10万元.

The benchmark lapsed when the national 《应急管理行政处罚裁量权基准》（应急〔2024〕90号） was issued on
2024-11-01 (its notice: 应急管理部相关自由裁量基准印发后，本裁量基准自动失效); its issue date was not found
and the library uses it from 2021-12-31, the last day of the year in its document number.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest

from safetyrules.law.catalogue import instrument
from safetyrules.law.confidence import Confidence
from safetyrules.penalties.benchmarks import _reset_registered, benchmarks
from safetyrules.penalties.discretion import Recommendation, recommend
from safetyrules.penalties.placement import Tier

WAN = 10000
SHANXI = "shanxi-work-safety-law-penalty-discretion-benchmark-2021"
UNIT = "生产经营单位"
PERSONS = "直接负责的主管人员和其他直接责任人员"
FIRST_DAY = date(2021, 12, 31)
LAST_DAY = date(2024, 10, 31)
INSIDE = date(2023, 6, 1)

# (row id, violation, stage, party, facts, minimum, maximum)
Case = tuple[str, str, str, str, dict[str, int], int | Decimal, int | Decimal]
CASES: list[Case] = [
    ("sx-2021-260-99-1-1-first", "warning-signs-missing", "责令限期改正", UNIT, {"places": 1}, 1 * WAN, 1 * WAN),
    ("sx-2021-260-99-1-1-overdue", "warning-signs-missing", "逾期未改正", UNIT, {"places": 1}, 5 * WAN, 5 * WAN),
    ("sx-2021-260-99-1-2-first", "warning-signs-missing", "责令限期改正", UNIT, {"places": 2}, 1 * WAN, 2 * WAN),
    ("sx-2021-260-99-1-2-overdue", "warning-signs-missing", "逾期未改正", UNIT, {"places": 2}, 5 * WAN, 8 * WAN),
    ("sx-2021-260-99-1-3-first", "warning-signs-missing", "责令限期改正", UNIT, {"places": 3}, 2 * WAN, 3 * WAN),
    ("sx-2021-260-99-1-3-overdue", "warning-signs-missing", "逾期未改正", UNIT, {"places": 3}, 8 * WAN, 13 * WAN),
    ("sx-2021-260-99-1-3-overdue-persons", "warning-signs-missing", "逾期未改正", PERSONS, {"places": 3}, 1 * WAN, 2 * WAN),
    ("sx-2021-260-99-1-4-first", "warning-signs-missing", "责令限期改正", UNIT, {"places": 4}, 2 * WAN, 3 * WAN),
    ("sx-2021-260-99-1-4-overdue", "warning-signs-missing", "逾期未改正", UNIT, {"places": 4}, 13 * WAN, 17 * WAN),
    ("sx-2021-260-99-1-4-overdue-persons", "warning-signs-missing", "逾期未改正", PERSONS, {"places": 4}, 1 * WAN, Decimal(15000)),
    ("sx-2021-260-99-1-5-first", "warning-signs-missing", "责令限期改正", UNIT, {"places": 7}, 3 * WAN, 5 * WAN),
    ("sx-2021-260-99-1-5-overdue", "warning-signs-missing", "逾期未改正", UNIT, {"places": 5}, 17 * WAN, 20 * WAN),
    ("sx-2021-260-99-1-5-overdue-persons", "warning-signs-missing", "逾期未改正", PERSONS, {"places": 5}, Decimal(15000), 2 * WAN),
    ("sx-2021-260-99-6-3-first", "hazardous-containers-or-special-equipment-untested", "责令限期改正", UNIT, {"units": 3}, 4 * WAN, 5 * WAN),
    ("sx-2021-260-99-6-3-overdue", "hazardous-containers-or-special-equipment-untested", "逾期未改正", UNIT, {"units": 4}, 15 * WAN, 20 * WAN),
    ("sx-2021-260-99-6-3-overdue-persons", "hazardous-containers-or-special-equipment-untested", "逾期未改正", PERSONS, {"units": 3}, 2 * WAN, 2 * WAN),
    ("sx-2021-260-108-1", "inspection-obstructed", "拒不改正", UNIT, {"staff": 80}, 2 * WAN, 10 * WAN),
    ("sx-2021-260-108-1-persons", "inspection-obstructed", "拒不改正", PERSONS, {"staff": 80}, 1 * WAN, 2 * WAN),
    ("sx-2021-260-108-2", "inspection-obstructed", "拒不改正", UNIT, {"staff": 350}, 10 * WAN, 20 * WAN),
    ("sx-2021-260-108-2-persons", "inspection-obstructed", "拒不改正", PERSONS, {"staff": 350}, 1 * WAN, 2 * WAN),
    ("sx-2021-260-98-3-5-first", "construction-not-per-safety-design", "责令停止建设或者停产停业整顿，限期改正", UNIT, {"investment": 7000 * WAN}, 40 * WAN, 50 * WAN),
    ("sx-2021-260-98-3-5-first-persons", "construction-not-per-safety-design", "责令停止建设或者停产停业整顿，限期改正", PERSONS, {"investment": 9000 * WAN}, 4 * WAN, 5 * WAN),
    ("sx-2021-260-98-3-5-overdue", "construction-not-per-safety-design", "逾期未改正", UNIT, {"investment": 9000 * WAN}, 90 * WAN, 100 * WAN),
    ("sx-2021-260-98-3-5-overdue-persons", "construction-not-per-safety-design", "逾期未改正", PERSONS, {"investment": 7000 * WAN}, 9 * WAN, 10 * WAN),
]  # fmt: skip


@pytest.fixture(autouse=True)
def _no_registered_rows() -> Iterator[None]:
    _reset_registered()
    yield
    _reset_registered()


def _case(
    violation: str,
    stage: str,
    on: str,
    facts: dict[str, int],
    *,
    day: date,
    place: str,
) -> Recommendation:
    return recommend(
        violation,
        occurred_on=day,
        jurisdiction=place,
        stage=stage,
        on=on,
        facts=facts,
    )


def test_the_instrument_is_catalogued_for_shanxi() -> None:
    item = instrument(SHANXI)
    assert item.document_number == "晋应急发〔2021〕260号"
    assert item.issuer == "山西省应急管理厅"
    assert item.jurisdiction == "140000"
    assert (item.effective_from, item.repealed_on) == (FIRST_DAY, date(2024, 11, 1))
    # The issue date is not sourced: the catalogue says so.
    assert item.confidence is Confidence.UNVERIFIED
    assert "effective_from" in item.unverified_fields
    assert (
        item.repealed_on == instrument("emergency-penalty-discretion-benchmark-2024").effective_from
    )


def test_every_shanxi_row_loads_with_its_period_and_law() -> None:
    rows = {r.id: r for r in benchmarks() if r.citation.instrument == SHANXI}
    assert set(rows) == {case[0] for case in CASES}
    for row_id, violation, stage, on, _, low, high in CASES:
        row = rows[row_id]
        assert (row.violation, row.stage, row.on) == (violation, stage, on)
        assert (row.minimum, row.maximum) == (low, high)
        assert row.jurisdiction == "140000"
        assert row.law == "work-safety-law-2021"
        assert (row.start, row.until) == (FIRST_DAY, LAST_DAY)
        assert row.sources
    # Only the 4-place persons tier, narrower than the 3-place one as printed, is unverified.
    unverified = {r.id for r in rows.values() if r.confidence is Confidence.UNVERIFIED}
    assert unverified == {"sx-2021-260-99-1-4-overdue-persons"}


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("place", ["140100", "140105", "140000"])
def test_a_shanxi_case_in_the_period_uses_the_row(case: Case, place: str) -> None:
    row_id, violation, stage, on, facts, low, high = case
    r = _case(violation, stage, on, facts, day=INSIDE, place=place)
    assert r.benchmark is not None
    assert r.benchmark.id == row_id
    assert (r.tier, r.minimum, r.maximum) == (Tier.ORDINARY, low, high)
    assert r.variant is None
    named = [x for x in r.reasons if x.rule == f"penalties.discretion.benchmark.{row_id}"]
    assert len(named) == 1
    assert "山西省" in named[0].message
    assert "晋应急发〔2021〕260号" in named[0].message
    assert r.benchmark.label() in named[0].message
    assert named[0].jurisdiction == "140000"


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_the_same_case_in_zhejiang_does_not_use_the_row(case: Case) -> None:
    row_id, violation, stage, on, facts, _, _ = case
    r = _case(violation, stage, on, facts, day=INSIDE, place="330402")
    assert r.benchmark is None or r.benchmark.citation.instrument != SHANXI
    assert not any(row_id in x.rule for x in r.reasons)


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("day", [date(2021, 12, 30), date(2024, 11, 1), date(2025, 3, 1)])
def test_a_date_outside_the_period_does_not_use_the_row(case: Case, day: date) -> None:
    row_id, violation, stage, on, facts, _, _ = case
    r = _case(violation, stage, on, facts, day=day, place="140100")
    assert r.benchmark is None or r.benchmark.citation.instrument != SHANXI
    assert not any(row_id in x.rule for x in r.reasons)


@pytest.mark.parametrize("day", [FIRST_DAY, LAST_DAY])
def test_the_first_and_last_days_of_the_period_use_the_row(day: date) -> None:
    r = recommend(
        "warning-signs-missing", occurred_on=day, jurisdiction="140200", facts={"places": 2}
    )
    assert r.benchmark is not None
    assert r.benchmark.id == "sx-2021-260-99-1-2-first"
    assert (r.minimum, r.maximum) == (1 * WAN, 2 * WAN)


def test_a_decision_after_the_lapse_does_not_use_the_row() -> None:
    # The benchmark in force on the decision date decides, not the one in force at the act.
    r = recommend(
        "warning-signs-missing",
        occurred_on=date(2024, 6, 1),
        decided_on=date(2024, 11, 1),
        jurisdiction="140100",
        facts={"places": 3},
    )
    assert r.benchmark is None
    assert r.variant is not None


def test_staff_of_exactly_100_meets_both_printed_tiers_and_takes_the_first() -> None:
    # 原文：“从业人员100人以下的” / “从业人员100人以上的”; 以上、以下 include the number.
    kwargs = {"occurred_on": INSIDE, "jurisdiction": "140100", "stage": "拒不改正"}
    hundred = recommend("inspection-obstructed", facts={"staff": 100}, **kwargs)
    more = recommend("inspection-obstructed", facts={"staff": 101}, **kwargs)
    assert hundred.benchmark is not None
    assert more.benchmark is not None
    assert (hundred.benchmark.tier, hundred.minimum, hundred.maximum) == ("1", 2 * WAN, 10 * WAN)
    assert (more.benchmark.tier, more.minimum, more.maximum) == ("2", 10 * WAN, 20 * WAN)


def test_tiers_left_out_fall_back_to_the_placement_variant() -> None:
    kwargs = {"occurred_on": INSIDE, "jurisdiction": "140100", "stage": "逾期未改正"}
    # 1处 and 2处 persons tiers (0.5万元; 0.5万–1万元) lie below the statutory 1万元 minimum.
    one_place = recommend("warning-signs-missing", on=PERSONS, facts={"places": 1}, **kwargs)
    # The 2-unit tier of 第九十九条第（六）项 is cut off in the source.
    two_units = recommend(
        "hazardous-containers-or-special-equipment-untested", facts={"units": 2}, **kwargs
    )
    # The tier below 7000万元 investment is cut off in the source.
    smaller = recommend(
        "construction-not-per-safety-design", facts={"investment": 5000 * WAN}, **kwargs
    )
    for r in (one_place, two_units, smaller):
        assert r.benchmark is None
        assert r.variant is not None
        assert any(x.rule == "penalties.discretion.benchmark-unmatched" for x in r.reasons)


def test_lighter_and_heavier_take_the_halves_of_the_shanxi_tier() -> None:
    kwargs = {
        "occurred_on": INSIDE,
        "jurisdiction": "140100",
        "stage": "逾期未改正",
        "facts": {"places": 5},
    }
    light = recommend("warning-signs-missing", circumstances=["meritorious-service"], **kwargs)
    heavy = recommend("warning-signs-missing", circumstances=["obstructs-enforcement"], **kwargs)
    assert (light.tier, light.minimum, light.maximum) == (Tier.LIGHTER, 17 * WAN, Decimal(185000))
    assert (heavy.tier, heavy.minimum, heavy.maximum) == (Tier.HEAVIER, Decimal(185000), 20 * WAN)
