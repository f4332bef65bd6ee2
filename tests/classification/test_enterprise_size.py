"""Tests of safetyrules.classification.enterprise_size (企业规模划型).

Source of every expected value: 《统计上大中小微型企业划分办法（2017）》（国统字〔2017〕213号）附表
"统计上大中小微型企业划分标准", as transcribed in OFFICIAL below (reprints kubaishu.com,
360docs.net, sichuanhong.com agree; the 工业 row is also in 国家统计局's answer of 2024-05-24),
and the rule stated in the 附表 and that answer: 大型、中型和小型企业须同时满足所列指标的下限，
否则下划一档；微型企业只须满足所列指标中的一项即可。
"""

from __future__ import annotations

import pickle
import subprocess
import sys
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safetyrules.classification.enterprise_size import (
    EnterpriseSize,
    Indicator,
    SizeClassification,
    SizeStandard,
    classify_size,
    read_size_standard,
    size_standard,
)
from safetyrules.classification.industry import IndustryLevel, all_industries
from safetyrules.errors import InvalidInput, NotInForce, RuleDataError
from safetyrules.law.confidence import Confidence
from safetyrules.law.data_files import packaged_files, read_packaged_text

L, M, S, XS = (
    EnterpriseSize.LARGE,
    EnterpriseSize.MEDIUM,
    EnterpriseSize.SMALL,
    EnterpriseSize.MICRO,
)
X, Y, Z = Indicator.EMPLOYEES, Indicator.REVENUE, Indicator.ASSETS
DAY = date(2024, 6, 30)
PACKAGED = "enterprise_size/nbs-2017.toml"

# The 附表, typed in by hand: group → indicator → (大型下限, 中型下限, 小型下限).
# X 从业人员 in 人; Y 营业收入 and Z 资产总额 in 万元.
OFFICIAL: dict[str, dict[Indicator, tuple[int, int, int]]] = {
    "农、林、牧、渔业": {Y: (20000, 500, 50)},
    "工业": {X: (1000, 300, 20), Y: (40000, 2000, 300)},
    "建筑业": {Y: (80000, 6000, 300), Z: (80000, 5000, 300)},
    "批发业": {X: (200, 20, 5), Y: (40000, 5000, 1000)},
    "零售业": {X: (300, 50, 10), Y: (20000, 500, 100)},
    "交通运输业": {X: (1000, 300, 20), Y: (30000, 3000, 200)},
    "仓储业": {X: (200, 100, 20), Y: (30000, 1000, 100)},
    "邮政业": {X: (1000, 300, 20), Y: (30000, 2000, 100)},
    "住宿业": {X: (300, 100, 10), Y: (10000, 2000, 100)},
    "餐饮业": {X: (300, 100, 10), Y: (10000, 2000, 100)},
    "信息传输业": {X: (2000, 100, 10), Y: (100000, 1000, 100)},
    "软件和信息技术服务业": {X: (300, 100, 10), Y: (10000, 1000, 50)},
    "房地产开发经营": {Y: (200000, 1000, 100), Z: (10000, 5000, 2000)},
    "物业管理": {X: (1000, 300, 100), Y: (5000, 1000, 500)},
    "租赁和商务服务业": {X: (300, 100, 10), Z: (120000, 8000, 100)},
    "其他未列明行业": {X: (300, 100, 10)},
}

# One or more GB/T 4754-2017 小类 in each group, walking up the hierarchy to the 附表's scope.
SAMPLES: dict[str, tuple[str, ...]] = {
    "农、林、牧、渔业": ("A0111", "0190", "A0511"),
    "工业": ("C3511", "B0610", "D4411", "B1110", "C4320"),
    "建筑业": ("E4710", "E5090"),
    "批发业": ("F5111",),
    "零售业": ("F5211",),
    "交通运输业": ("G5411", "G5511", "G5611", "G5710", "G5810", "G5910"),
    "仓储业": ("G5920", "G5990"),
    "邮政业": ("G6010",),
    "住宿业": ("H6110",),
    "餐饮业": ("H6210",),
    "信息传输业": ("I6311", "I6410"),
    "软件和信息技术服务业": ("I6513",),
    "房地产开发经营": ("K7010",),
    "物业管理": ("K7020",),
    "租赁和商务服务业": ("L7111", "L7211"),
    "其他未列明行业": ("M7310", "N7610", "O8010", "Q8511", "R8610", "K7030", "K7090"),
}
CODE_GROUP = [(code, group) for group, codes in SAMPLES.items() for code in codes]
ALL_CODES = [code for code, _ in CODE_GROUP]

HUGE = {X: 10**7, Y: Decimal(10**9), Z: Decimal(10**9)}


def size_of(code: str, **values: int | Decimal) -> EnterpriseSize:
    return classify_size(code, as_of=DAY, **values).size  # type: ignore[arg-type]


def kwargs(values: dict[Indicator, int | Decimal]) -> dict[str, int | Decimal]:
    return {indicator.field: value for indicator, value in values.items()}


def reference_size(group: str, values: dict[Indicator, int | Decimal]) -> EnterpriseSize:
    """The algorithm written out from the rule, independent of the code.

    The rule: NBS Q&A of 2024-05-24, stats.gov.cn/hd/lyzx/zxgk/202405/t20240524_1953570.html.
    """
    table = OFFICIAL[group]
    for index, size in enumerate((L, M, S)):
        if all(values[ind] >= bounds[index] for ind, bounds in table.items()):
            return size
    return XS


# --------------------------------------------------------------------------- data file


def test_packaged_files_load_and_match_the_official_table() -> None:
    assert packaged_files("enterprise_size") == [PACKAGED]
    standard = read_size_standard(PACKAGED)
    assert [g.name for g in standard.groups] == list(OFFICIAL)
    for group in standard.groups:
        expected = OFFICIAL[group.name]
        assert group.indicators == tuple(expected)
        for threshold in group.thresholds:
            large, medium, small = expected[threshold.indicator]
            assert (threshold.large_min, threshold.medium_min, threshold.small_min) == (
                Decimal(large),
                Decimal(medium),
                Decimal(small),
            )
            assert all(
                isinstance(v, Decimal)
                for v in (threshold.large_min, threshold.medium_min, threshold.small_min)
            )
        assert group.citation.instrument == "enterprise-size-measures-2017"
        assert group.citation.note is not None
        assert group.citation.note.startswith("附表")


def test_every_class_belongs_to_exactly_one_group_or_is_not_covered() -> None:
    standard = size_standard(DAY)
    classes = [i for i in all_industries() if i.level is IndustryLevel.CLASS]
    assert set(standard.by_class) == {c.code for c in classes}


def test_confidence_flags() -> None:
    standard = size_standard(DAY)
    assert standard.effective_from == date(2017, 12, 28)
    assert standard.effective_from_confidence is Confidence.UNVERIFIED
    assert standard.combination_confidence is Confidence.OFFICIAL
    combined = {g.name for g in standard.groups if g.combined}
    assert combined == {"工业", "交通运输业", "仓储业", "信息传输业", "其他未列明行业"}
    for group in standard.groups:
        # Combined groups come from the 附表's footnote, whose 2017 text is unconfirmed.
        expected = Confidence.UNVERIFIED if group.combined else Confidence.SECONDARY
        assert group.scope_confidence is expected, group.name
        assert group.thresholds_confidence is (
            Confidence.OFFICIAL if group.name == "工业" else Confidence.SECONDARY
        )
    assert all(n.confidence is Confidence.UNVERIFIED for n in standard.not_covered)


# --------------------------------------------------------------------------- golden cases


@pytest.mark.parametrize(
    ("code", "values", "expected"),
    [
        # 工业: 从业人员 300 ≥ 300 (中型下限) and 营业收入 2000万 ≥ 2000 → 中型
        ("C3511", {"employees": 300, "revenue": Decimal("2000")}, M),
        # 工业: 从业人员 1000 ≥ 1000 and 营业收入 40000万 ≥ 40000 → 大型
        ("C3511", {"employees": 1000, "revenue": Decimal("40000")}, L),
        # 工业: 从业人员 20 ≥ 20 (小型下限) and 营业收入 300万 ≥ 300 → 小型
        ("B0610", {"employees": 20, "revenue": Decimal("300")}, S),
        # 工业: 从业人员 19 < 20 → 微型, whatever 营业收入 (50000万 would be 大型)
        ("D4411", {"employees": 19, "revenue": Decimal("50000")}, XS),
        # 农林牧渔 (营业收入 only): 20000 ≥ 20000 → 大型; 从业人员 is not an indicator
        ("A0111", {"revenue": Decimal("20000")}, L),
        # 农林牧渔: 50 ≤ 499.99 < 500 → 小型
        ("A0111", {"revenue": Decimal("499.99")}, S),
        # 建筑业: 营业收入 6000 ≥ 6000 (中型), 资产总额 5000 ≥ 5000 (中型) → 中型
        ("E4710", {"revenue": Decimal("6000"), "assets": Decimal("5000")}, M),
        # 建筑业: 营业收入 80000 (大型), 资产总额 79999 (中型: ≥5000, <80000) → 中型
        ("E4710", {"revenue": Decimal("80000"), "assets": Decimal("79999")}, M),
        # 批发业: 从业人员 20 ≥ 20 (中型), 营业收入 5000 ≥ 5000 (中型) → 中型
        ("F5111", {"employees": 20, "revenue": Decimal("5000")}, M),
        # 零售业: 从业人员 50 ≥ 50 (中型), 营业收入 499 (小型: ≥100, <500) → 小型
        ("F5211", {"employees": 50, "revenue": Decimal("499")}, S),
        # 交通运输业: 从业人员 100 (小型: ≥20, <300), 营业收入 1000 (小型: ≥200, <3000) → 小型
        ("G5411", {"employees": 100, "revenue": Decimal("1000")}, S),
        # 仓储业, same numbers: 从业人员 100 ≥ 100 (中型), 营业收入 1000 ≥ 1000 (中型) → 中型
        ("G5920", {"employees": 100, "revenue": Decimal("1000")}, M),
        # 装卸搬运 591 is 交通运输业: 300 ≥ 300 and 3000 ≥ 3000 → 中型
        ("G5910", {"employees": 300, "revenue": Decimal("3000")}, M),
        # 邮政业: 1000 ≥ 1000 and 30000 ≥ 30000 → 大型
        ("G6010", {"employees": 1000, "revenue": Decimal("30000")}, L),
        # 住宿业: 100 ≥ 100 (中型) and 2000 ≥ 2000 (中型) → 中型
        ("H6110", {"employees": 100, "revenue": Decimal("2000")}, M),
        # 餐饮业: 299 (中型: ≥100, <300) and 9999 (中型: ≥2000, <10000) → 中型
        ("H6210", {"employees": 299, "revenue": Decimal("9999")}, M),
        # 信息传输业: 2000 ≥ 2000 and 100000 ≥ 100000 → 大型
        ("I6311", {"employees": 2000, "revenue": Decimal("100000")}, L),
        # 软件和信息技术服务业: 10 ≥ 10 (小型), 50 ≥ 50 (小型) → 小型
        ("I6513", {"employees": 10, "revenue": Decimal("50")}, S),
        # 软件和信息技术服务业: 营业收入 49 < 50 → 微型
        ("I6513", {"employees": 10, "revenue": Decimal("49")}, XS),
        # 房地产开发经营: 营业收入 200000 ≥ 200000 and 资产总额 10000 ≥ 10000 → 大型
        ("K7010", {"revenue": Decimal("200000"), "assets": Decimal("10000")}, L),
        # 房地产开发经营: 营业收入 150000 (中型) and 资产总额 20000 (大型) → 中型
        ("K7010", {"revenue": Decimal("150000"), "assets": Decimal("20000")}, M),
        # 物业管理: 从业人员 100 ≥ 100 (小型), 营业收入 500 ≥ 500 (小型) → 小型
        ("K7020", {"employees": 100, "revenue": Decimal("500")}, S),
        # 物业管理: 从业人员 99 < 100 → 微型
        ("K7020", {"employees": 99, "revenue": Decimal("5000")}, XS),
        # 租赁和商务服务业: 300 ≥ 300 and 资产总额 120000 ≥ 120000 → 大型
        ("L7211", {"employees": 300, "assets": Decimal("120000")}, L),
        # 其他未列明行业 (从业人员 only): 300 ≥ 300 → 大型; 100 → 中型; 10 → 小型; 9 → 微型
        ("M7310", {"employees": 300}, L),
        ("Q8511", {"employees": 100}, M),
        ("K7030", {"employees": 10}, S),
        ("R8610", {"employees": 9}, XS),
    ],
)
def test_golden_cases(
    code: str, values: dict[str, int | Decimal], expected: EnterpriseSize
) -> None:
    assert size_of(code, **values) is expected


def test_falls_one_band_when_one_indicator_is_lower() -> None:
    # 工业: 从业人员 1500 ≥ 1000 → 大型, 营业收入 39999 (≥2000, <40000) → 中型: 下划一档 → 中型
    result = classify_size("C3511", employees=1500, revenue=Decimal("39999"), as_of=DAY)
    assert result.size is M
    assert [(b.indicator, b.size) for b in result.indicators] == [(X, L), (Y, M)]
    combination = result.explanation.reasons[-1]
    assert combination.rule == "enterprise_size.combination"
    assert "下划为中型企业" in combination.message
    assert combination.message.startswith("大型、中型和小型企业须同时满足所列指标的下限")
    # 工业: 大型 headcount and 小型 revenue (300 ≤ 1000 < 2000) → 小型 (falls until all meet it)
    assert size_of("C3511", employees=5000, revenue=Decimal("1000")) is S


def test_micro_needs_only_one_indicator() -> None:
    # 零售业: 营业收入 20000 ≥ 20000 → 大型, but 从业人员 5 < 10 → 微型 (only one needed)
    result = classify_size("F5211", employees=5, revenue=Decimal("20000"), as_of=DAY)
    assert result.size is XS
    assert "只须一项即为微型企业" in result.explanation.reasons[-1].message
    # and the other way round: 从业人员 300 (大型), 营业收入 99.99 < 100 → 微型
    assert size_of("F5211", employees=300, revenue=Decimal("99.99")) is XS


def test_oddities() -> None:
    # 农林牧渔 uses only 营业收入: no headcount needed, a given one is reported as unused.
    result = classify_size("A0111", employees=5, revenue=Decimal("600"), as_of=DAY)
    assert result.size is M  # 500 ≤ 600 < 20000
    assert [b.indicator for b in result.indicators] == [Y]
    unused = [r for r in result.explanation if r.rule == "enterprise_size.unused_indicator"]
    assert len(unused) == 1
    assert "从业人员" in unused[0].message
    # 其他未列明 uses only 从业人员.
    assert [b.indicator for b in classify_size("N7610", employees=50, as_of=DAY).indicators] == [X]
    # 房地产开发经营 uses 营业收入 and 资产总额, no headcount.
    result = classify_size("K7010", revenue=Decimal("1000"), assets=Decimal("5000"), as_of=DAY)
    assert [b.indicator for b in result.indicators] == [Y, Z]
    assert result.size is M  # 1000 ≥ 1000 and 5000 ≥ 5000
    # 租赁和商务服务 uses 从业人员 and 资产总额, not 营业收入.
    result = classify_size("L7111", employees=100, assets=Decimal("8000"), as_of=DAY)
    assert [b.indicator for b in result.indicators] == [X, Z]
    assert result.size is M  # 100 ≥ 100 and 8000 ≥ 8000


@pytest.mark.parametrize(("code", "group"), CODE_GROUP)
def test_codes_map_to_their_group(code: str, group: str) -> None:
    assert size_standard(DAY).group_for(code).name == group
    values = {ind: HUGE[ind] for ind in OFFICIAL[group]}
    result = classify_size(code, as_of=DAY, **kwargs(values))  # type: ignore[arg-type]
    assert result.industry_group == group
    assert result.size is L


@pytest.mark.parametrize(
    ("code", "group"),
    [
        ("B", "工业"),
        ("C35", "工业"),
        ("701", "房地产开发经营"),
        ("592", "仓储业"),
        ("85", "其他未列明行业"),
        ("L", "租赁和商务服务业"),
        ("A", "农、林、牧、渔业"),
    ],
)
def test_codes_above_the_class_level(code: str, group: str) -> None:
    assert size_standard(DAY).group_for(code).name == group


@pytest.mark.parametrize("code", ["59", "G", "K", "70", "Q", "I", "F"])
def test_code_spanning_several_groups_is_refused(code: str) -> None:
    with pytest.raises(InvalidInput, match="分属多个划型行业") as caught:
        size_standard(DAY).group_for(code)
    assert caught.value.field == "industry_code"


@pytest.mark.parametrize("code", ["J6610", "P8310", "Q8411", "S9100", "T9700", "G5311", "K7040"])
def test_industries_the_measures_do_not_cover(code: str) -> None:
    with pytest.raises(InvalidInput, match=r"不在.*划型范围内") as caught:
        classify_size(code, employees=100, revenue=Decimal(100), assets=Decimal(100), as_of=DAY)
    assert caught.value.field == "industry_code"
    assert "未经官方文本核实" in str(caught.value)


# --------------------------------------------------------------------------- boundaries


def _boundary_cases() -> list[tuple[str, Indicator, int | Decimal, EnterpriseSize]]:
    cases: list[tuple[str, Indicator, int | Decimal, EnterpriseSize]] = []
    for group, table in OFFICIAL.items():
        for indicator, (large, medium, small) in table.items():
            step: int | Decimal = 1 if indicator is X else Decimal("0.01")
            for bound, at, below in ((large, L, M), (medium, M, S), (small, S, XS)):
                value: int | Decimal = bound if indicator is X else Decimal(bound)
                cases.append((group, indicator, value, at))
                cases.append((group, indicator, value - step, below))
            cases.append((group, indicator, 0 if indicator is X else Decimal(0), XS))
    return cases


@pytest.mark.parametrize(("group", "indicator", "value", "expected"), _boundary_cases())
def test_each_threshold_is_a_lower_bound_included(
    group: str, indicator: Indicator, value: int | Decimal, expected: EnterpriseSize
) -> None:
    # The other indicators are far above 大型, so the tested one alone decides (取最低档).
    values = {ind: HUGE[ind] for ind in OFFICIAL[group]}
    values[indicator] = value
    result = classify_size(SAMPLES[group][0], as_of=DAY, **kwargs(values))  # type: ignore[arg-type]
    assert result.size is expected
    band = next(b for b in result.indicators if b.indicator is indicator)
    assert band.size is expected
    assert band.value == value


# --------------------------------------------------------------------------- explanations


def test_explanation_cites_every_step() -> None:
    result = classify_size(
        "C3511", employees=300, revenue=Decimal("2000"), assets=Decimal(1), as_of=DAY
    )
    rules = [r.rule for r in result.explanation]
    assert rules == [
        "enterprise_size.standard",
        "classification.industry",
        "enterprise_size.industry.scope",
        "enterprise_size.industry.employees",
        "enterprise_size.industry.revenue",
        "enterprise_size.unused_indicator",
        "enterprise_size.combination",
    ]
    assert all(r.citation is not None for r in result.explanation)
    instruments = {r.citation.instrument for r in result.explanation if r.citation}
    assert instruments == {"enterprise-size-measures-2017", "gbt-4754-2017"}
    by_rule = {r.rule: r for r in result.explanation}
    employees = by_rule["enterprise_size.industry.employees"]
    assert employees.message == "附表“工业”：从业人员 300人，达到中型标准（300人以上1000人以下）"
    assert employees.inputs == {"employees": Decimal(300)}
    assert employees.confidence is Confidence.OFFICIAL
    assert by_rule["enterprise_size.industry.scope"].confidence is Confidence.UNVERIFIED
    assert by_rule["enterprise_size.combination"].confidence is Confidence.OFFICIAL
    assert "C3511 矿山机械制造 → C351" in by_rule["classification.industry"].message
    assert result.unverified
    assert "未经官方文本核实" in result.explanation.text()
    assert result.industry_code == "C3511"
    assert result.standard == "nbs-2017"


def test_micro_reason_names_the_small_floor() -> None:
    result = classify_size("A0111", revenue=Decimal("49.99"), as_of=DAY)
    reason = next(r for r in result.explanation if r.rule == "enterprise_size.agriculture.revenue")
    assert (
        reason.message
        == "附表“农、林、牧、渔业”：营业收入 49.99万元，低于小型下限（50万元），属微型（50万元以下）"
    )
    assert reason.confidence is Confidence.SECONDARY


def test_result_round_trips() -> None:
    result = classify_size("K7010", revenue=Decimal("1000.50"), assets=Decimal("6000"), as_of=DAY)
    assert pickle.loads(pickle.dumps(result)) == result
    text = result.model_dump_json()
    back = SizeClassification.model_validate_json(text)
    # Reason.inputs (backbone) reads JSON values back as str, so compare as JSON and per field.
    assert back.model_dump_json() == text
    assert (back.size, back.indicators, back.as_of) == (
        result.size,
        result.indicators,
        result.as_of,
    )
    with pytest.raises(ValueError, match="frozen"):
        result.size = L  # type: ignore[misc]


# --------------------------------------------------------------------------- bad input


def test_missing_indicator_is_named() -> None:
    with pytest.raises(InvalidInput, match="须提供从业人员") as caught:
        classify_size("C3511", revenue=Decimal("2000"), as_of=DAY)
    assert caught.value.field == "employees"
    with pytest.raises(InvalidInput) as caught:
        classify_size("K7010", revenue=Decimal("2000"), as_of=DAY)
    assert caught.value.field == "assets"
    with pytest.raises(InvalidInput) as caught:
        classify_size("A0111", employees=3, as_of=DAY)
    assert caught.value.field == "revenue"


@pytest.mark.parametrize("field", ["employees", "revenue", "assets"])
@pytest.mark.parametrize(
    ("value", "message"),
    [
        (2000.0, "浮点数"),
        (-1, "负数"),
        (Decimal("-0.01"), "负数"),
        (True, "bool"),
        ("2000", "str"),
        (Decimal("NaN"), "有限"),
        (Decimal("Infinity"), "有限"),
    ],
)
def test_bad_values_are_rejected_naming_the_field(field: str, value: object, message: str) -> None:
    values: dict[str, object] = {"employees": 300, "revenue": Decimal(2000), "assets": Decimal(1)}
    values[field] = value
    if field == "employees" and isinstance(value, Decimal):
        message = "整数"  # a head count is an int: any Decimal is refused as such
    with pytest.raises(InvalidInput, match=message) as caught:
        classify_size("C3511", as_of=DAY, **values)  # type: ignore[arg-type]
    assert caught.value.field == field
    assert field in str(caught.value)


@pytest.mark.parametrize("as_of", [datetime(2024, 1, 1, 12), "2024-01-01", None])
def test_bad_dates_are_rejected(as_of: object) -> None:
    with pytest.raises(InvalidInput) as caught:
        classify_size("C3511", employees=1, revenue=Decimal(1), as_of=as_of)  # type: ignore[arg-type]
    assert caught.value.field == "as_of"


def test_before_the_measures_is_an_error_not_a_guess() -> None:
    with pytest.raises(NotInForce, match="2017-12-28"):
        classify_size("C3511", employees=300, revenue=Decimal(2000), as_of=date(2017, 12, 27))
    assert size_of("C3511", employees=300, revenue=Decimal(2000)) is M
    assert (
        classify_size("C3511", employees=300, revenue=Decimal(2000), as_of=date(2017, 12, 28)).size
        is M
    )


# --------------------------------------------------------------------------- properties

money = st.decimals(min_value=0, max_value=300000, places=2, allow_nan=False, allow_infinity=False)
headcount = st.integers(min_value=0, max_value=3000)


@st.composite
def enterprises(draw: st.DrawFn) -> tuple[str, str, dict[Indicator, int | Decimal]]:
    code, group = draw(st.sampled_from(CODE_GROUP))
    values: dict[Indicator, int | Decimal] = {X: draw(headcount), Y: draw(money), Z: draw(money)}
    return code, group, values


@given(enterprises())
def test_always_one_of_four_and_agrees_with_the_rule(
    case: tuple[str, str, dict[Indicator, int | Decimal]],
) -> None:
    code, group, values = case
    result = classify_size(code, as_of=DAY, **kwargs(values))  # type: ignore[arg-type]
    assert result.size in set(EnterpriseSize)
    assert result.size is reference_size(group, values)
    assert result.size is min((b.size for b in result.indicators), key=lambda s: s.rank)


@given(
    enterprises(),
    st.sampled_from([X, Y, Z]),
    st.one_of(st.integers(min_value=0, max_value=2000), money),
)
def test_raising_an_indicator_never_lowers_the_size(
    case: tuple[str, str, dict[Indicator, int | Decimal]],
    indicator: Indicator,
    raise_by: int | Decimal,
) -> None:
    code, _, values = case
    before = classify_size(code, as_of=DAY, **kwargs(values)).size  # type: ignore[arg-type]
    raised = dict(values)
    raised[indicator] = values[indicator] + (int(raise_by) if indicator is X else Decimal(raise_by))
    after = classify_size(code, as_of=DAY, **kwargs(raised)).size  # type: ignore[arg-type]
    assert after.rank >= before.rank


@given(
    st.sampled_from(ALL_CODES),
    st.floats(allow_nan=True),
    st.sampled_from(["employees", "revenue", "assets"]),
)
def test_floats_are_always_refused(code: str, number: float, field: str) -> None:
    values: dict[str, object] = {
        "employees": 10**6,
        "revenue": Decimal(10**6),
        "assets": Decimal(10**6),
    }
    values[field] = number
    with pytest.raises(InvalidInput) as caught:
        classify_size(code, as_of=DAY, **values)  # type: ignore[arg-type]
    assert caught.value.field == field


# --------------------------------------------------------------------------- defective data


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    text = read_packaged_text(PACKAGED)
    assert old in text, old
    path = tmp_path / "size.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


INDUSTRY_EMPLOYEES = (
    '{ indicator = "从业人员", unit = "人", large_min = 1000, medium_min = 300, small_min = 20 }'
)
AGRICULTURE_REVENUE = '{ indicator = "营业收入", unit = "万元", large_min = "20000", medium_min = "500", small_min = "50" }'


@pytest.mark.parametrize(
    ("old", "new", "key", "message"),
    [
        (
            INDUSTRY_EMPLOYEES,
            INDUSTRY_EMPLOYEES.replace("1000", "1000.0"),
            "group[1].threshold[0].large_min",
            "浮点数",
        ),
        ('large_min = "40000"', 'large_min = "4万"', "group[1].threshold[1].large_min", "不是数值"),
        (
            AGRICULTURE_REVENUE,
            AGRICULTURE_REVENUE.replace('"50"', '"600"'),
            "group[0].threshold[0]",
            "small_min < medium_min",
        ),
        (
            AGRICULTURE_REVENUE,
            AGRICULTURE_REVENUE.replace('"万元"', '"元"'),
            "group[0].threshold[0]",
            "单位",
        ),
        (
            AGRICULTURE_REVENUE,
            AGRICULTURE_REVENUE.replace("营业收入", "营业额"),
            "group[0].threshold[0].indicator",
            "",
        ),
        (
            AGRICULTURE_REVENUE,
            AGRICULTURE_REVENUE.replace('"50"', '"-50"'),
            "group[0].threshold[0].small_min",
            "",
        ),
        ('scope = ["A"]', 'scope = ["A", "3598"]', "group[0].scope[1]", "3598"),
        ('scope = ["52"]', 'scope = ["52", "5111"]', "group[4].scope[1]", r"已归入 group\[3\]"),
        ('scope = ["53"]', 'scope = ["5311"]', "group", "未归入"),
        ('id = "retail"', 'id = "wholesale"', "group[4].id", "重复"),
        (
            'citation = { instrument = "enterprise-size-measures-2017", note = "附表" }',
            'citation = { instrument = "no-such-instrument", note = "附表" }',
            "citation.instrument",
            "no-such-instrument",
        ),
        ('id = "nbs-2017"', 'colour = "red"\nid = "nbs-2017"', "colour", ""),
        (
            'effective_from_confidence = "unverified"',
            'effective_from_confidence = "maybe"',
            "effective_from_confidence",
            "",
        ),
        (
            "effective_from = 2017-12-28",
            "effective_from = 2017-12-28\nrepealed_on = 2017-01-01",
            "(file)",
            "repealed_on",
        ),
        (
            'scope_confidence = "secondary"\nscope_note = "附表行业名称即 GB/T 4754-2017 门类A（大类01-05）"',
            "",
            "group[0].scope_confidence",
            "",
        ),
        ("\n[combination]\n", "\n[combination\n", "(file)", "TOML"),
    ],
)
def test_defective_file_names_the_key(
    tmp_path: Path, old: str, new: str, key: str, message: str
) -> None:
    path = _broken(tmp_path, old, new)
    with pytest.raises(RuleDataError, match=message or None) as caught:
        read_size_standard(path)
    assert caught.value.file == str(path)
    assert caught.value.key == key


def test_users_own_table(tmp_path: Path) -> None:
    path = _broken(tmp_path, 'large_min = "20000"', 'large_min = "30000"')
    own = read_size_standard(path)
    assert isinstance(own, SizeStandard)
    # 农林牧渔 营业收入 25000: packaged table ≥ 20000 → 大型; the user's table 500 ≤ 25000 < 30000 → 中型
    assert size_of("A0111", revenue=Decimal(25000)) is L
    assert classify_size("A0111", revenue=Decimal(25000), as_of=DAY, standard=own).size is M
    ended = read_size_standard(
        _broken(
            tmp_path,
            "effective_from = 2017-12-28",
            "effective_from = 2017-12-28\nrepealed_on = 2020-01-01",
        )
    )
    with pytest.raises(NotInForce):
        classify_size("A0111", revenue=Decimal(25000), as_of=DAY, standard=ended)


def test_import_loads_no_data() -> None:
    code = (
        "import safetyrules\n"
        "import safetyrules.classification.enterprise_size as size\n"
        "import safetyrules.classification.industry as industry\n"
        "assert size._packaged.cache_info().currsize == 0\n"
        "assert industry._table.cache_info().currsize == 0\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
