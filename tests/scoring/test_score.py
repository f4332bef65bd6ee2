"""Scoring: hand-calculated cases, errors, and properties of the 100-point score."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from safetyrules.errors import InvalidInput, NotInForce
from safetyrules.scoring import (
    Deduction,
    DeductionRule,
    GateResult,
    ItemResult,
    ScoringItem,
    ScoringStandard,
    score,
)


def _item(
    item_id: str, element: str, points: int, *rules: DeductionRule, category: bool = False
) -> ScoringItem:
    return ScoringItem(
        id=item_id,
        element=element,
        content=f"考评内容{item_id}",
        points=points,
        citation={"instrument": "gbt-33000-2016", "provision": f"第{element}条"},
        charge_to_category=category,
        deductions=(DeductionRule(id="a", kind="all", text="缺失的，不得分"), *rules),
    )


# A small standard of 100 points on the GB/T 33000-2016 elements, written for these tests.
STANDARD = ScoringStandard(
    id="test",
    name="测试评分标准",
    edition="gbt-33000-2016",
    total=100,
    official=False,
    confidence="unverified",
    serves_from=date(2017, 4, 1),
    serves_until=date(2025, 10, 30),
    items=(
        _item(
            "A",
            "5.1.1",
            10,
            DeductionRule(id="b", kind="per_occurrence", points=2, text="每处扣2分"),
            DeductionRule(id="c", kind="per_missing_part", points=1, parts=4, text="每缺一项扣1分"),
        ),
        _item(
            "B",
            "5.1.2",
            20,
            DeductionRule(id="b", kind="per_occurrence", points=5, text="每处扣5分"),
            category=True,
        ),
        _item(
            "C",
            "5.1.2",
            30,
            DeductionRule(id="b", kind="per_occurrence", points=3, text="每处扣3分"),
        ),
        _item(
            "D",
            "5.2.1",
            40,
            DeductionRule(id="b", kind="per_occurrence", points=4, text="每处扣4分"),
        ),
    ),
    gates=({"id": "licence", "text": "安全生产许可证有效"},),
)
IDS = ("A", "B", "C", "D")


def _results(**overrides: ItemResult) -> list[ItemResult | GateResult]:
    results: list[ItemResult | GateResult] = [overrides.get(i, ItemResult(item=i)) for i in IDS]
    results.append(GateResult(gate="licence", met=True))
    return results


def _cut(rule: str, count: int = 1) -> tuple[Deduction, ...]:
    return (Deduction(rule=rule, count=count),)


def test_everything_compliant_scores_100() -> None:
    a = score(STANDARD, _results())
    assert (a.earned, a.applicable_points, a.score) == (
        Decimal(100),
        Decimal(100),
        Decimal("100.0"),
    )
    assert a.failed_gates == ()


def test_deductions_and_a_missing_item() -> None:
    # A: 3 occurrences × 2 = 6 lost, 4 left. D 缺项: 应得分 100 - 40 = 60.
    # 实得分 4 + 20 + 30 = 54; 54 ÷ 60 × 100 = 90.0.
    a = score(
        STANDARD,
        _results(
            A=ItemResult(item="A", deductions=_cut("b", 3)),
            D=ItemResult(item="D", not_applicable=True, reason="无此类设备"),
        ),
    )
    assert (a.earned, a.applicable_points, a.score) == (Decimal(54), Decimal(60), Decimal("90.0"))


def test_item_score_is_floored_at_zero() -> None:
    # A: 6 occurrences × 2 = 12 > 10: A earns 0, not -2. 90 ÷ 100 × 100 = 90.0.
    a = score(STANDARD, _results(A=ItemResult(item="A", deductions=_cut("b", 6))))
    assert a.items[0].earned == 0
    assert a.items[0].deducted == 12
    assert a.score == Decimal("90.0")


def test_a_category_item_takes_its_excess_from_the_whole_element() -> None:
    # B (20, charged to 5.1.2): 6 × 5 = 30 deducted, 10 more than B's points; 5.1.2 = 0 + 30 - 10 = 20.
    # 实得分 10 + 20 + 40 = 70.
    a = score(STANDARD, _results(B=ItemResult(item="B", deductions=_cut("b", 6))))
    element = {e.code: e for e in a.by_element}["5.1.2"]
    assert (element.applicable_points, element.earned, element.percentage) == (
        Decimal(50),
        Decimal(20),
        Decimal("40.0"),
    )
    assert a.score == Decimal("70.0")


def test_a_category_deduction_never_takes_an_element_below_zero() -> None:
    # B: 20 × 5 = 100 deducted: 80 over; 5.1.2 has only C's 30 left, so it ends at 0.
    # C also 不得分: 5.1.2 = 0. 实得分 10 + 0 + 40 = 50.
    a = score(
        STANDARD,
        _results(
            B=ItemResult(item="B", deductions=_cut("b", 20)),
            C=ItemResult(item="C", deductions=_cut("a")),
        ),
    )
    assert {e.code: e.earned for e in a.by_element}["5.1.2"] == 0
    assert a.score == Decimal("50.0")


def test_rounding_is_half_up_at_the_second_decimal() -> None:
    # B 缺项 (20): 应得分 80. A 不得分 (-10), C 3 × 3 (-9): 实得分 80 - 19 = 61.
    # 61 ÷ 80 × 100 = 76.25 → 76.3 half up (banker's rounding would give 76.2).
    a = score(
        STANDARD,
        _results(
            A=ItemResult(item="A", deductions=_cut("a")),
            B=ItemResult(item="B", not_applicable=True, reason="不涉及"),
            C=ItemResult(item="C", deductions=_cut("b", 3)),
        ),
    )
    assert a.score == Decimal("76.3")


def test_rounding_of_a_repeating_decimal() -> None:
    # D 缺项: 应得分 60. A: 2 × 2 = 4 lost: 实得分 56; 56 ÷ 60 × 100 = 93.333… → 93.3.
    a = score(
        STANDARD,
        _results(
            A=ItemResult(item="A", deductions=_cut("b", 2)),
            D=ItemResult(item="D", not_applicable=True, reason="无"),
        ),
    )
    assert a.score == Decimal("93.3")


def test_elements_and_weakest() -> None:
    # D: 5 × 4 = 20 lost: 5.2 at 50.0 %; 5.1 untouched at 100.0 %.
    a = score(STANDARD, _results(D=ItemResult(item="D", deductions=_cut("b", 5))))
    tops = {e.code: e.percentage for e in a.by_top_element}
    assert tops == {"5.1": Decimal("100.0"), "5.2": Decimal("50.0")}
    assert a.weakest_elements(1)[0].code == "5.2"
    assert [i.item for i in a.most_lost()] == ["D"]


def test_every_deduction_is_explained() -> None:
    a = score(
        STANDARD,
        _results(
            A=ItemResult(
                item="A", deductions=(Deduction(rule="c", count=2, evidence="缺考核记录"),)
            )
        ),
    )
    texts = [r.message for r in a.reasons]
    assert any("每缺一项扣1分，缺 2 项，扣 2 分（缺考核记录）" in t for t in texts)
    assert texts[-1].startswith("实得分 98，应得分 100")


def test_a_gate_without_a_result_fails() -> None:
    results = [ItemResult(item=i) for i in IDS]
    assert score(STANDARD, results).failed_gates == ("安全生产许可证有效",)
    results.append(GateResult(gate="licence", met=False, evidence="许可证过期"))
    assert score(STANDARD, results).failed_gates == ("安全生产许可证有效",)


@pytest.mark.parametrize(
    ("result", "field"),
    [
        (ItemResult(item="A", deductions=_cut("a", 2)), "A.a.count"),  # 不得分 counts once
        (ItemResult(item="A", deductions=_cut("c", 5)), "A.c.count"),  # only 4 parts can be missing
        (ItemResult(item="A", deductions=_cut("z")), "rule"),
    ],
)
def test_deductions_beyond_the_rule_are_refused(result: ItemResult, field: str) -> None:
    with pytest.raises(InvalidInput) as error:
        score(STANDARD, _results(A=result))
    assert error.value.field == field


def test_bad_result_sets_are_refused() -> None:
    with pytest.raises(InvalidInput, match="没有自评结果"):
        score(STANDARD, [ItemResult(item="A")])
    with pytest.raises(InvalidInput, match="两条"):
        score(STANDARD, [*_results(), ItemResult(item="A")])
    with pytest.raises(InvalidInput):
        score(STANDARD, [*_results(), ItemResult(item="Z")])
    with pytest.raises(InvalidInput, match="全部缺项"):
        score(STANDARD, [ItemResult(item=i, not_applicable=True, reason="停产") for i in IDS])


def test_a_missing_item_needs_a_reason_and_takes_no_deduction() -> None:
    with pytest.raises(ValidationError, match="须说明理由"):
        ItemResult(item="A", not_applicable=True)
    with pytest.raises(ValidationError, match="不能再扣分"):
        ItemResult(item="A", not_applicable=True, reason="无", deductions=_cut("a"))


def test_the_assessment_date_must_be_one_the_standard_serves() -> None:
    with pytest.raises(NotInForce):
        score(STANDARD, _results(), as_of=date(2025, 10, 31))
    assert score(STANDARD, _results(), as_of=date(2025, 10, 30)).score == 100


_DEDUCTIONS = st.lists(
    st.tuples(st.sampled_from(IDS), st.sampled_from(["a", "b"]), st.integers(1, 12)), max_size=8
)


def _from(
    cuts: list[tuple[str, str, int]], missing: frozenset[str] = frozenset()
) -> list[ItemResult | GateResult]:
    grouped: dict[str, list[Deduction]] = {i: [] for i in IDS}
    for item, rule, count in cuts:
        if rule == "a" and any(d.rule == "a" for d in grouped[item]):
            continue  # 不得分 counts once per item
        grouped[item].append(Deduction(rule=rule, count=1 if rule == "a" else count))
    return [
        ItemResult(item=i, not_applicable=True, reason="不涉及")
        if i in missing
        else ItemResult(item=i, deductions=tuple(grouped[i]))
        for i in IDS
    ]


@given(_DEDUCTIONS)
def test_the_score_stays_between_0_and_100(cuts: list[tuple[str, str, int]]) -> None:
    assert 0 <= score(STANDARD, _from(cuts)).score <= 100


@given(_DEDUCTIONS, st.sampled_from(IDS), st.integers(1, 5))
def test_adding_a_deduction_never_raises_the_score(
    cuts: list[tuple[str, str, int]], item: str, count: int
) -> None:
    before = score(STANDARD, _from(cuts)).score
    after = score(STANDARD, _from([*cuts, (item, "b", count)])).score
    assert after <= before


@given(_DEDUCTIONS, st.sampled_from(IDS))
def test_a_missing_item_is_as_if_the_standard_had_no_such_item(
    cuts: list[tuple[str, str, int]], missing: str
) -> None:
    # 缺项 leaves the denominator: scoring with the item marked 缺项 equals scoring a standard
    # without the item (its points taken off the total), whatever the other deductions.
    kept = tuple(i for i in STANDARD.items if i.id != missing)
    smaller = STANDARD.model_copy(
        update={"items": kept, "total": sum((i.points for i in kept), Decimal(0))}
    )
    others = [c for c in cuts if c[0] != missing]
    with_missing = score(STANDARD, _from(others, frozenset({missing})))
    without_item = score(smaller, [r for r in _from(others) if r.item != missing])  # type: ignore[union-attr]
    assert with_missing.score == without_item.score


def test_marking_a_compliant_item_missing_can_lower_the_score() -> None:
    # 缺项 takes an item out of both 实得分 and 应得分, so a full-marks item marked 缺项 lowers the
    # score whenever other items lost points: A 不得分 → 90 ÷ 100 = 90.0; with C (30, full marks)
    # also 缺项 → 60 ÷ 70 × 100 = 85.714… → 85.7. The score is as if the item were not in the
    # standard (the property above), not "never lower".
    lost_a = _results(A=ItemResult(item="A", deductions=_cut("a")))
    assert score(STANDARD, lost_a).score == Decimal("90.0")
    also_c_missing = _results(
        A=ItemResult(item="A", deductions=_cut("a")),
        C=ItemResult(item="C", not_applicable=True, reason="不涉及"),
    )
    assert score(STANDARD, also_c_missing).score == Decimal("85.7")


def test_a_rule_listed_twice_is_limited_as_one() -> None:
    # Rule c of item A allows 4 missing parts: 3 + 2 entries make 5, which is refused; two 不得分
    # entries for one item are refused too.
    twice = (Deduction(rule="c", count=3), Deduction(rule="c", count=2))
    with pytest.raises(InvalidInput, match="最多可缺 4 项"):
        score(STANDARD, _results(A=ItemResult(item="A", deductions=twice)))
    with pytest.raises(InvalidInput, match="只能计一次"):
        score(STANDARD, _results(A=ItemResult(item="A", deductions=_cut("a") * 2)))


def test_results_given_as_dicts_are_checked_as_input() -> None:
    with pytest.raises(InvalidInput):
        score(STANDARD, [{"item": "A", "not_applicable": True}])  # no reason given
