"""Tests of safetyrules.risk.level: the four risk levels and their colours.

Golden values: 安委办〔2016〕11号 as reported by hjpbs.com/tag/261153 and
m.docduoduo.com/d-1888389.html: 四级，从高到低 重大风险、较大风险、一般风险、低风险，分别用
红、橙、黄、蓝 标示.
"""

from __future__ import annotations

import itertools

import pytest

from safetyrules.risk.level import RiskColour, RiskLevel, levels_citation

MAJOR = RiskLevel.MAJOR
LARGE = RiskLevel.LARGE
GENERAL = RiskLevel.GENERAL
LOW = RiskLevel.LOW

# hjpbs.com and docduoduo.com (module docstring), written out by hand from high to low.
HIGH_TO_LOW = [("重大风险", "红"), ("较大风险", "橙"), ("一般风险", "黄"), ("低风险", "蓝")]


def test_there_are_exactly_four_levels_with_the_national_names() -> None:
    assert {level.value for level in RiskLevel} == {name for name, _ in HIGH_TO_LOW}
    assert len(RiskLevel) == 4


@pytest.mark.parametrize(("name", "colour"), HIGH_TO_LOW)
def test_each_level_has_its_colour(name: str, colour: str) -> None:
    assert RiskLevel(name).colour is RiskColour(colour)
    assert RiskLevel(name).colour.value == colour


def test_the_colours_are_the_four_of_the_map() -> None:
    assert [c.value for c in RiskColour] == ["红", "橙", "黄", "蓝"]
    # Chart colours are not prescribed, but each level must be distinguishable on a map.
    hexes = [c.hex for c in RiskColour]
    assert len(set(hexes)) == 4
    assert all(h.startswith("#") and len(h) == 7 for h in hexes)


def test_levels_are_ordered_by_severity() -> None:
    assert MAJOR > LARGE > GENERAL > LOW
    assert LOW < GENERAL < LARGE < MAJOR
    assert sorted([GENERAL, MAJOR, LOW, LARGE]) == [LOW, GENERAL, LARGE, MAJOR]
    assert sorted(RiskLevel, reverse=True) == [RiskLevel(n) for n, _ in HIGH_TO_LOW]
    # The order is by severity, not by the strings: as text, "低风险" sorts after "一般风险".
    assert "低风险" > "一般风险"
    assert LOW < GENERAL


@pytest.mark.parametrize(
    ("high", "low"),
    # every pair (i < j) in the order above, written as positions in HIGH_TO_LOW
    list(itertools.combinations(range(4), 2)),
)
def test_every_pair_compares_both_ways(high: int, low: int) -> None:
    a = RiskLevel(HIGH_TO_LOW[high][0])
    b = RiskLevel(HIGH_TO_LOW[low][0])
    assert a > b
    assert a >= b
    assert b < a
    assert b <= a
    assert not a < b
    assert not a <= b
    assert a != b


def test_a_level_equals_itself_and_is_not_strictly_above_it() -> None:
    for level in RiskLevel:
        assert level <= level
        assert level >= level
        assert not level < level
        assert not level > level


def test_rank_runs_from_low_0_to_major_3() -> None:
    assert [LOW.rank, GENERAL.rank, LARGE.rank, MAJOR.rank] == [0, 1, 2, 3]


def test_max_and_min_pick_by_severity() -> None:
    assert max(GENERAL, LARGE) is LARGE
    assert max(LOW, MAJOR, GENERAL) is MAJOR
    assert max([LOW, LOW]) is LOW
    assert min(LARGE, GENERAL, MAJOR) is GENERAL
    # 从严从高: combining a scored level with a forced 重大 gives 重大 whatever the score.
    for level in RiskLevel:
        assert max(level, MAJOR) is MAJOR


def test_comparing_with_a_non_string_is_refused() -> None:
    with pytest.raises(TypeError):
        _ = LOW < 3  # type: ignore[operator]
    with pytest.raises(TypeError):
        _ = MAJOR >= 0  # type: ignore[operator]


def test_the_levels_are_cited_to_the_2016_opinion() -> None:
    # 《关于实施遏制重特大事故工作指南构建双重预防机制的意见》 二、（二） fixes the four levels and
    # colours; seen in a reprint at
    # guanzhongliu.com/html/zhengfuxinxigongkaizdxxgkaqscsgyf2016-11-155315.html.
    text = levels_citation().text
    assert "关于实施遏制重特大事故工作指南构建双重预防机制的意见" in text
    assert "安委办〔2016〕11号" in text
