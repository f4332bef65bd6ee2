"""Tests of safetyrules.risk.methods: the LEC, LS and MES value tables.

Golden values, written out by hand from published tables:
- LEC: L, E and C from m.zixin.com.cn/doc/3134728.html ("LECD风险评价等级") and
  m.aqrzj.com/doc/348231.html（加油站 LEC 实例）. Boundary facts are derived from those values.
- LS: L and S from m.taowenge.com/p-95858702.html ("表C.1-1事故发生的可能性(L)判定准则") and
  usbmi.com/quan/1714249300a1607578.html. Reachable products are derived.
- MES: M and E from p.safehoo.com/Estimate/Base/202006/1603818.shtml and
  m.aqrzj.com/doc/249991.html; S with money scale X as in 公开代码（仓库未识别）; reachable values
  are derived.
"""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safetyrules.errors import InvalidInput, UnknownReference
from safetyrules.risk.methods import MethodName, method

# ---- the value tables, by hand -------------------------------------------------------------
# Short names stand for the pages named in the module docstring.

LEC_L = ["0.1", "0.2", "0.5", "1", "3", "6", "10"]  # zixin, aqrzj
LEC_E = ["0.5", "1", "2", "3", "6", "10"]  # zixin, aqrzj
LEC_C = ["1", "3", "7", "15", "40", "100"]  # zixin, aqrzj
LS_L = ["1", "2", "3", "4", "5"]  # taowenge, usbmi
LS_S = ["1", "2", "3", "4", "5"]  # taowenge, usbmi
MES_M = ["1", "3", "5"]  # safehoo, aqrzj
MES_E = ["0.5", "1", "2", "3", "6", "10"]  # safehoo, aqrzj
MES_S = ["1", "2", "4", "8", "10"]  # 公开代码（仓库未识别）

TABLES = {
    ("LEC", "L"): LEC_L,
    ("LEC", "E"): LEC_E,
    ("LEC", "C"): LEC_C,
    ("LS", "L"): LS_L,
    ("LS", "S"): LS_S,
    ("MES", "M"): MES_M,
    ("MES", "E"): MES_E,
    ("MES", "S"): MES_S,
}

# Derived from the tables: the reachable products of L, S ∈ 1..5.
LS_REACHABLE = [1, 2, 3, 4, 5, 6, 8, 9, 10, 12, 15, 16, 20, 25]

# Derived: reachable R values (M ∈ {1,3,5}, E ∈ {0.5,1,2,3,6,10}, S ∈ {1,2,4,8,10}).
MES_REACHABLE = [
    "0.5", "1", "1.5", "2", "2.5", "3", "4", "5", "6", "8", "9", "10", "12", "15", "16", "18",
    "20", "24", "25", "30", "36", "40", "48", "50", "60", "72", "80", "90", "100", "120", "144",
    "150", "180", "200", "240", "300", "400", "500",
]  # fmt: skip


def products(*tables: list[str]) -> set[Decimal]:
    """Every product of one value from each table (exact decimal arithmetic)."""
    result = set()
    for combination in itertools.product(*tables):
        value = Decimal(1)
        for factor in combination:
            value *= Decimal(factor)
        result.add(value)
    return result


# ---- methods -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "formula", "score", "symbols", "label"),
    [
        ("LEC", "D = L × E × C", "D", ["L", "E", "C"], "作业条件危险性分析法"),
        ("LS", "R = L × S", "R", ["L", "S"], "风险矩阵分析法"),
        ("MES", "R = M × E × S", "R", ["M", "E", "S"], "作业条件风险程度评价"),
    ],
)
def test_method_formula_and_factors(
    name: str, formula: str, score: str, symbols: list[str], label: str
) -> None:
    chosen = method(name)
    assert chosen.id is MethodName(name)
    assert chosen.formula == formula
    assert chosen.score == score
    assert [f.symbol for f in chosen.factors] == symbols
    assert chosen.name == label
    assert MethodName(name).label == label
    assert chosen.sources  # every method names its sources


@pytest.mark.parametrize("name", ["lec", "XYZ", "", "L×S"])
def test_unknown_method_is_refused(name: str) -> None:
    with pytest.raises(InvalidInput) as error:
        method(name)
    assert error.value.field == "method"
    assert "LEC、LS、MES" in error.value.message


def test_unknown_factor_symbol_is_an_unknown_reference() -> None:
    with pytest.raises(UnknownReference):
        method("LS").factor("E")
    with pytest.raises(UnknownReference):
        method("LEC").factor("S")


# ---- allowed values ------------------------------------------------------------------------


@pytest.mark.parametrize(("key", "expected"), TABLES.items(), ids=lambda v: str(v))
def test_allowed_values_are_exactly_the_table(key: tuple[str, str], expected: list[str]) -> None:
    method_name, symbol = key
    allowed = method(method_name).factor(symbol).allowed
    assert list(allowed) == sorted(Decimal(v) for v in expected)  # ascending, nothing else
    assert len(allowed) == len(expected)


@pytest.mark.parametrize(("key", "expected"), TABLES.items(), ids=lambda v: str(v))
def test_every_table_value_is_accepted_as_string_int_and_decimal(
    key: tuple[str, str], expected: list[str]
) -> None:
    factor = method(key[0]).factor(key[1])
    for written in expected:
        assert factor.check(written) == Decimal(written)
        assert factor.check(Decimal(written)) == Decimal(written)
        if "." not in written:
            assert factor.check(int(written)) == Decimal(written)


@pytest.mark.parametrize(
    ("method_name", "symbol", "value", "listed"),
    [
        # zixin / aqrzj: L has no 2; the message lists the seven allowed values.
        ("LEC", "L", 2, "0.1、0.2、0.5、1、3、6、10"),
        ("LEC", "L", "0.3", "0.1、0.2、0.5、1、3、6、10"),
        ("LEC", "E", 5, "0.5、1、2、3、6、10"),  # E has no 5
        ("LEC", "C", 10, "1、3、7、15、40、100"),  # C has no 10
        ("LEC", "C", 2, "1、3、7、15、40、100"),
        ("LS", "S", 6, "1、2、3、4、5"),  # S has five levels only
        ("LS", "L", 0, "1、2、3、4、5"),
        ("LS", "L", "2.5", "1、2、3、4、5"),  # no rounding to 2 or 3
        ("MES", "M", 2, "1、3、5"),  # M is 1, 3 or 5
        ("MES", "S", 3, "1、2、4、8、10"),  # S has no 3
        ("MES", "E", "0.2", "0.5、1、2、3、6、10"),
    ],
)
def test_a_value_not_in_the_table_is_refused_listing_the_allowed(
    method_name: str, symbol: str, value: object, listed: str
) -> None:
    factor = method(method_name).factor(symbol)
    with pytest.raises(InvalidInput) as error:
        factor.check(value)
    assert error.value.field == symbol
    assert error.value.value == value
    assert error.value.message.endswith(f"只能取 {listed}")
    assert factor.name in error.value.message


@pytest.mark.parametrize(
    ("method_name", "symbol", "written", "expected"),
    [
        ("LEC", "L", 0.5, Decimal("0.5")),
        ("LEC", "L", 0.1, Decimal("0.1")),  # binary 0.1 is not 1/10, but it is read as written
        ("LEC", "L", 0.2, Decimal("0.2")),
        ("LEC", "E", 0.5, Decimal("0.5")),
        ("LEC", "C", 15.0, Decimal("15")),
        ("MES", "E", 0.5, Decimal("0.5")),
        ("LS", "L", 3.0, Decimal("3")),
    ],
)
def test_floats_are_read_as_written(
    method_name: str, symbol: str, written: float, expected: Decimal
) -> None:
    assert method(method_name).factor(symbol).check(written) == expected


@pytest.mark.parametrize("written", ["0.5", " 0.5 ", "0.50", "5E-1"])
def test_decimal_strings_are_accepted(written: str) -> None:
    # "0.50" and "5E-1" are the number 0.5, which the LEC L table allows.
    assert method("LEC").factor("L").check(written) == Decimal("0.5")


@pytest.mark.parametrize(
    "value",
    [
        True,  # True == 1, and 1 is an allowed L: it must still be refused
        False,
        None,
        "十",
        "",
        Decimal("NaN"),
        Decimal("Infinity"),
        float("nan"),
        float("inf"),
        -1,
        Decimal("-0.5"),
        [1],
    ],
)
def test_non_numbers_bools_and_negatives_are_refused(value: object) -> None:
    with pytest.raises(InvalidInput) as error:
        method("LEC").factor("L").check(value)
    assert error.value.field == "L"


@pytest.mark.parametrize(
    ("method_name", "symbol", "value", "phrase"),
    [
        # LEC L (zixin / aqrzj wording)
        ("LEC", "L", "10", "完全可以预料"),
        ("LEC", "L", "6", "相当可能"),
        ("LEC", "L", "3", "不经常"),
        ("LEC", "L", "1", "完全意外"),
        ("LEC", "L", "0.5", "可以设想"),
        ("LEC", "L", "0.2", "极不可能"),
        ("LEC", "L", "0.1", "实际不可能"),
        # LEC E (zixin / aqrzj)
        ("LEC", "E", "10", "连续暴露"),
        ("LEC", "E", "6", "每天工作时间内暴露"),
        ("LEC", "E", "3", "每周一次或偶然暴露"),
        ("LEC", "E", "2", "每月一次暴露"),
        ("LEC", "E", "1", "每年几次暴露"),
        ("LEC", "E", "0.5", "非常罕见地暴露"),
        # LEC C (zixin / aqrzj)
        ("LEC", "C", "100", "大灾难"),
        ("LEC", "C", "40", "数人死亡"),
        ("LEC", "C", "15", "一人死亡"),
        ("LEC", "C", "7", "严重"),
        ("LEC", "C", "3", "致残"),
        ("LEC", "C", "1", "需要救护"),
        # LS S, 人员 column (taowenge / usbmi)
        ("LS", "S", "5", "死亡"),
        ("LS", "S", "4", "丧失劳动能力"),
        ("LS", "S", "3", "截肢、骨折、听力丧失、慢性病"),
        ("LS", "S", "2", "轻微受伤"),
        ("LS", "S", "1", "无伤亡"),
        # LS L (taowenge / usbmi)
        ("LS", "L", "5", "没有采取防范、监测、保护、控制措施"),
        ("LS", "L", "1", "极不可能发生事故"),
        # MES M and E (safehoo / aqrzj)
        ("MES", "M", "5", "无控制措施"),
        ("MES", "M", "3", "减轻后果的应急措施"),
        ("MES", "M", "1", "预防措施"),
        ("MES", "E", "10", "连续暴露"),
        ("MES", "E", "0.5", "更少的暴露"),
        # MES S, 伤害 column (公开代码（仓库未识别）)
        ("MES", "S", "10", "多人死亡"),
        ("MES", "S", "8", "一人死亡或多人永久失能"),
        ("MES", "S", "4", "永久失能"),
        ("MES", "S", "2", "需医院治疗"),
        ("MES", "S", "1", "仅需急救"),
    ],
)
def test_descriptions_follow_the_sources(
    method_name: str, symbol: str, value: str, phrase: str
) -> None:
    assert phrase in method(method_name).factor(symbol).describe(value)


def test_ls_severity_has_the_five_criteria_columns() -> None:
    # taowenge / usbmi: columns 法律法规及其他要求 / 人员 / 直接经济损失 / 停工 / 企业形象.
    columns = {"法律法规及其他要求", "人员", "直接经济损失", "停工", "企业形象"}
    severity = method("LS").factor("S")
    for entry in severity.values:
        assert set(entry.criteria) == columns
    by_value = {entry.value: entry.criteria for entry in severity.values}
    assert by_value[Decimal(5)]["法律法规及其他要求"] == "违反法律、法规和标准"
    assert "100万" in by_value[Decimal(5)]["直接经济损失"]  # ≥100万元
    assert "50万" in by_value[Decimal(4)]["直接经济损失"]  # ≥50万元
    assert "1万" in by_value[Decimal(3)]["直接经济损失"]  # ≥1万元
    assert by_value[Decimal(1)]["直接经济损失"] == "无损失"


def test_mes_severity_uses_money_scale_x() -> None:
    # Scale X, 1万/10万/100万/1000万, as in 公开代码（仓库未识别）. Sources disagree: other public
    # code uses scale Y 10万/100万/1000万/1亿; no official text seen, the library takes X.
    money = {e.value: e.criteria["财产损失"] for e in method("MES").factor("S").values}
    assert money[Decimal(1)] == "1万元以下"
    assert money[Decimal(2)] == "1万元以上10万元以下"
    assert money[Decimal(4)] == "10万元以上100万元以下"
    assert money[Decimal(8)] == "100万元以上1000万元以下"
    assert money[Decimal(10)] == "1000万元以上"
    assert not any("亿" in text for text in money.values())


def test_mes_exposure_has_e1_and_e2() -> None:
    # safehoo / aqrzj: E1 人体暴露频繁程度, E2 危险状态出现频次; E = 10 is 连续暴露 / 常态.
    top = next(e for e in method("MES").factor("E").values if e.value == 10)
    assert top.criteria["E1人体暴露频繁程度"] == "连续暴露"
    assert top.criteria["E2危险状态出现频次"] == "常态"


# ---- products and reachable scores -------------------------------------------------------


def test_our_hand_lists_agree_with_the_published_reachable_lists() -> None:
    # A check on the golden lists themselves: the LS and MES reachable lists are the products.
    assert products(LS_L, LS_S) == {Decimal(v) for v in LS_REACHABLE}
    assert products(MES_M, MES_E, MES_S) == {Decimal(v) for v in MES_REACHABLE}


def test_ls_reachable_scores_are_exactly_the_fourteen_products() -> None:
    assert list(method("LS").reachable_scores()) == [Decimal(v) for v in LS_REACHABLE]


def test_mes_reachable_scores_are_exactly_the_published_list() -> None:
    assert list(method("MES").reachable_scores()) == [Decimal(v) for v in MES_REACHABLE]
    assert len(MES_REACHABLE) == 38


def test_lec_reachable_scores_are_all_products() -> None:
    expected = sorted(products(LEC_L, LEC_E, LEC_C))
    assert list(method("LEC").reachable_scores()) == expected
    assert expected[0] == Decimal("0.05")  # 0.1 × 0.5 × 1
    assert expected[-1] == Decimal("10000")  # 10 × 10 × 100


@pytest.mark.parametrize(
    ("score", "reachable"),
    [
        # Derived from the LEC tables: D = 320 and D = 160 cannot occur; the nearest are 300 and
        # 360, 150 and 180.
        (320, False),
        (160, False),
        (300, True),  # 10 × 2 × 15
        (360, True),  # 3 × 3 × 40
        (150, True),  # 10 × 1 × 15
        (180, True),  # 6 × 2 × 15
        # Derived: D = 70 (1 × 10 × 7, 10 × 1 × 7) and D = 20 (10 × 2 × 1, 1 × 0.5 × 40) occur.
        (70, True),
        (20, True),
        # C has no 2, so 72 (= 6 × 6 × 2) is not an LEC score; 75 = 0.5 × 10 × 15 is.
        (72, False),
        (75, True),
    ],
)
def test_lec_boundary_reachability(score: int, reachable: bool) -> None:
    assert (Decimal(score) in method("LEC").reachable_scores()) is reachable


def test_reachable_scores_are_normalised_so_equal_scores_compare_and_print_alike() -> None:
    scores = method("LEC").reachable_scores()
    assert len(scores) == len(set(scores))
    # 0.5 × 2 × 1 = 1.0 exactly; it must show as "1", not "1.0" or "1E+0".
    assert "1" in {format(s, "f") for s in scores}
    assert not any(format(s, "f").endswith(".0") for s in scores)
    assert "100" in {format(s, "f") for s in scores}  # not "1E+2"


@pytest.mark.parametrize(
    ("method_name", "values", "expected"),
    [
        ("LEC", {"L": "3", "E": "6", "C": "7"}, "126"),  # 3 × 6 × 7 = 126
        ("LEC", {"L": "0.1", "E": "0.5", "C": "1"}, "0.05"),  # 0.1 × 0.5 × 1 = 0.05
        ("LEC", {"L": "0.5", "E": "2", "C": "1"}, "1"),  # 0.5 × 2 × 1 = 1
        ("LS", {"L": "4", "S": "5"}, "20"),  # 4 × 5 = 20
        ("MES", {"M": "3", "E": "0.5", "S": "1"}, "1.5"),  # 3 × 0.5 × 1 = 1.5
        ("MES", {"M": "3", "E": "6", "S": "10"}, "180"),  # 3 × 6 × 10 = 180
    ],
)
def test_product_is_exact(method_name: str, values: dict[str, str], expected: str) -> None:
    score = method(method_name).product({k: Decimal(v) for k, v in values.items()})
    assert score == Decimal(expected)
    assert format(score, "f") == expected


@given(
    l_value=st.sampled_from(LEC_L), e_value=st.sampled_from(LEC_E), c_value=st.sampled_from(LEC_C)
)
def test_lec_product_matches_hand_multiplication(l_value: str, e_value: str, c_value: str) -> None:
    expected = Decimal(l_value) * Decimal(e_value) * Decimal(c_value)
    score = method("LEC").product(
        {"L": Decimal(l_value), "E": Decimal(e_value), "C": Decimal(c_value)}
    )
    assert score == expected
    assert score in method("LEC").reachable_scores()
