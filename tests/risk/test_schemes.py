"""Tests of safetyrules.risk.schemes: band schemes for LEC, LS and MES.

Golden values:
- LEC: bands >320 1级 重大 红, 160–320 2级 较大 橙, 70–160 3级 一般 黄, 20–70 4级 低 蓝,
  <20 5级 低 蓝 (zixin m.zixin.com.cn/doc/3134728.html; aqrzj m.aqrzj.com/doc/348231.html;
  colours 360docs.net/doc/5d10375362.html). The proposed default is upper-inclusive
  (D ≤ 20 → 5级, 20 < D ≤ 70 → 4级, …), as aqrzj's worked table puts D = 20 in 稍有危险; the
  lower-inclusive reading of 公开代码（仓库未识别） puts D = 70 in 一般.
- LS: schemes A (DB37 style 20–25 / 15–16 / 9–12 / 1–8, 未见来源; cut points as AQ 3013-2008
  table 5.2-12, 360docs.net/doc/0f27260749.html), B (zgmkw.com/doc-30900.html 20–25 Ⅰ级 /
  9–16 Ⅱ级 / 4–8 Ⅲ级 / 1–3 Ⅳ级), C (city 危化, xiaomilidoc.com/p-10351738.html: R ≥ 15 / 8–12 /
  4–6 / < 4), D (academic, mtoou.info/tubiao/54344.html: 20–25 / 10–16 / 4–9 / 1–3, with Ⅰ级 = 低).
- MES: proposed default 1级 R ≥ 180; 2级 90 ≤ R < 180; 3级 50 ≤ R < 90; 4级 20 ≤ R < 50;
  5级 R < 20 (derived from the reachable values; 180 = 3 × 6 × 10 goes to 1级, 从严从高);
  colours 1级 红, 2级 橙, 3级 黄, 4–5级 蓝 (未见来源).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from safetyrules.errors import InvalidRule, RuleDataError, UnknownReference
from safetyrules.risk.assessment import lec
from safetyrules.risk.level import RiskLevel
from safetyrules.risk.schemes import (
    _reset_registered,
    default_scheme,
    parse_interval,
    read_schemes,
    register_schemes,
    scheme,
    schemes,
)

MAJOR = RiskLevel.MAJOR
LARGE = RiskLevel.LARGE
GENERAL = RiskLevel.GENERAL
LOW = RiskLevel.LOW

# Value tables by hand (their sources are named in tests/risk/test_methods.py).
FACTORS = {
    "LEC": [
        ["0.1", "0.2", "0.5", "1", "3", "6", "10"],
        ["0.5", "1", "2", "3", "6", "10"],
        ["1", "3", "7", "15", "40", "100"],
    ],
    "LS": [["1", "2", "3", "4", "5"], ["1", "2", "3", "4", "5"]],
    "MES": [["1", "3", "5"], ["0.5", "1", "2", "3", "6", "10"], ["1", "2", "4", "8", "10"]],
}

SHIPPED = {
    "LEC": ["lec", "lec-lower-inclusive"],
    "LS": ["ls-db37", "ls-zgmkw", "ls-city-hazchem", "ls-academic"],
    "MES": ["mes"],
}
SHIPPED_IDS = [(m, s) for m, ids in SHIPPED.items() for s in ids]


def reachable(method_name: str) -> list[Decimal]:
    """Every product of the method's factor values, enumerated here by hand."""
    scores = set()
    for combination in itertools.product(*FACTORS[method_name]):
        score = Decimal(1)
        for value in combination:
            score *= Decimal(value)
        scores.add(score)
    return sorted(scores)


@pytest.fixture
def registry() -> Iterator[None]:
    _reset_registered()
    yield
    _reset_registered()


# ---- the shipped schemes -------------------------------------------------------------------


def test_the_shipped_schemes_by_method() -> None:
    for method_name, ids in SHIPPED.items():
        assert [s.id for s in schemes(method_name)] == ids
    assert len(schemes()) == sum(len(ids) for ids in SHIPPED.values())


@pytest.mark.parametrize(("method_name", "scheme_id"), SHIPPED_IDS)
def test_every_reachable_score_falls_in_exactly_one_band(method_name: str, scheme_id: str) -> None:
    chosen = scheme(scheme_id)
    assert chosen.method.value == method_name
    intervals = [parse_interval(row.range) for row in chosen.rows]
    for score in reachable(method_name):
        holding = [i for i, interval in enumerate(intervals) if interval.contains(score)]
        assert len(holding) == 1, f"{scheme_id}: {score} in bands {holding}"
        assert chosen.band_for(score) == chosen.rows[holding[0]]


@pytest.mark.parametrize(("method_name", "scheme_id"), SHIPPED_IDS)
def test_level_never_decreases_as_the_score_rises(method_name: str, scheme_id: str) -> None:
    chosen = scheme(scheme_id)
    levels = [chosen.band_for(score).level for score in reachable(method_name)]
    assert all(low <= high for low, high in itertools.pairwise(levels))
    # every shipped scheme uses all four levels
    assert set(levels) == set(RiskLevel)


@pytest.mark.parametrize(("method_name", "scheme_id"), SHIPPED_IDS)
def test_each_scheme_names_sources(method_name: str, scheme_id: str) -> None:
    assert scheme(scheme_id).sources


def test_national_defaults() -> None:
    # Upper-inclusive LEC (aqrzj puts D = 20 in 稍有危险), LS scheme A (未见来源) and the
    # proposed MES default (derived), as in the module docstring.
    assert default_scheme("LEC").id == "lec"
    assert default_scheme("LS").id == "ls-db37"
    assert default_scheme("MES").id == "mes"
    # No local scheme is shipped, so every place falls back to the national default.
    assert default_scheme("LEC", jurisdiction_code="330402").id == "lec"


def test_unknown_scheme_is_an_unknown_reference_listing_the_known() -> None:
    with pytest.raises(UnknownReference) as error:
        scheme("lec-upper")
    assert "ls-db37" in str(error.value)


# ---- LEC -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("factors", "score", "grade", "level"),
    [
        (
            (10, 2, 1),
            20,
            "5级",
            LOW,
        ),  # 10 × 2 × 1 = 20: D ≤ 20 → 5级 (aqrzj puts D = 20 in 稍有危险)
        (("1", "0.5", 40), 20, "5级", LOW),  # 1 × 0.5 × 40 = 20
        ((6, 3, 1), 18, "5级", LOW),  # 6 × 3 × 1 = 18
        ((3, 1, 7), 21, "4级", LOW),  # 3 × 1 × 7 = 21: 20 < D ≤ 70
        ((1, 10, 7), 70, "4级", LOW),  # 1 × 10 × 7 = 70: upper-inclusive → 4级 低
        ((10, 1, 7), 70, "4级", LOW),  # 10 × 1 × 7 = 70
        (("0.5", 10, 15), 75, "3级", GENERAL),  # 0.5 × 10 × 15 = 75: smallest score above 70
        ((10, 1, 15), 150, "3级", GENERAL),  # 10 × 1 × 15 = 150: 70 < D ≤ 160
        ((6, 2, 15), 180, "2级", LARGE),  # 6 × 2 × 15 = 180: 160 < D ≤ 320
        ((10, 2, 15), 300, "2级", LARGE),  # 10 × 2 × 15 = 300
        ((3, 3, 40), 360, "1级", MAJOR),  # 3 × 3 × 40 = 360: D > 320
        ((10, 10, 100), 10000, "1级", MAJOR),  # the largest score
        (("0.1", "0.5", 1), Decimal("0.05"), "5级", LOW),  # the smallest score
    ],
)
def test_lec_default_boundaries(
    factors: tuple[object, object, object], score: Decimal | int, grade: str, level: RiskLevel
) -> None:
    result = lec(*factors)
    assert result.score == score  # the factors really produce this score
    band = scheme("lec").band_for(score)
    assert (band.grade, band.level) == (grade, level)
    assert (result.grade, result.level) == (grade, level)


@pytest.mark.parametrize(
    ("score", "grade", "level"),
    [
        (18, "5级", LOW),
        (20, "4级", LOW),  # lower-inclusive: 20 ≤ D < 70 → 4级
        (21, "4级", LOW),
        (70, "3级", GENERAL),  # 公开代码（仓库未识别）: 70 ≤ D < 160 → 一般
        (150, "3级", GENERAL),
        (180, "2级", LARGE),
        (300, "2级", LARGE),
        (360, "1级", MAJOR),
    ],
)
def test_lec_lower_inclusive_boundaries(score: int, grade: str, level: RiskLevel) -> None:
    band = scheme("lec-lower-inclusive").band_for(score)
    assert (band.grade, band.level) == (grade, level)


@pytest.mark.parametrize(
    ("grade", "phrase", "level", "colour"),
    [
        # zixin danger descriptions; 360docs colours
        ("1级", "极其危险", MAJOR, "红"),
        ("2级", "高度危险", LARGE, "橙"),
        ("3级", "显著危险", GENERAL, "黄"),
        ("4级", "需要注意", LOW, "蓝"),
        ("5级", "稍有危险", LOW, "蓝"),
    ],
)
def test_lec_grades_descriptions_and_colours(
    grade: str, phrase: str, level: RiskLevel, colour: str
) -> None:
    for scheme_id in SHIPPED["LEC"]:
        row = next(r for r in scheme(scheme_id).rows if r.grade == grade)
        assert phrase in (row.description or "")
        assert row.level is level
        assert row.level.colour.value == colour


# ---- LS ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scheme_id", "score", "level"),
    [
        # scheme A (DB37 style): 1–8 低, 9–12 一般, 15–16 较大, 20–25 重大
        ("ls-db37", 1, LOW),
        ("ls-db37", 8, LOW),
        ("ls-db37", 9, GENERAL),
        ("ls-db37", 12, GENERAL),
        ("ls-db37", 15, LARGE),
        ("ls-db37", 16, LARGE),
        ("ls-db37", 20, MAJOR),
        ("ls-db37", 25, MAJOR),
        # scheme B (zgmkw): 1–3 低, 4–8 一般, 9–16 较大, 20–25 重大
        ("ls-zgmkw", 3, LOW),
        ("ls-zgmkw", 4, GENERAL),
        ("ls-zgmkw", 8, GENERAL),
        ("ls-zgmkw", 9, LARGE),
        ("ls-zgmkw", 16, LARGE),
        ("ls-zgmkw", 20, MAJOR),
        # scheme C (city 危化): R < 4 低, 4 ≤ R ≤ 6 一般, 8 ≤ R ≤ 12 较大, R ≥ 15 重大
        ("ls-city-hazchem", 3, LOW),
        ("ls-city-hazchem", 4, GENERAL),
        ("ls-city-hazchem", 6, GENERAL),
        ("ls-city-hazchem", 8, LARGE),
        ("ls-city-hazchem", 12, LARGE),
        ("ls-city-hazchem", 15, MAJOR),
        ("ls-city-hazchem", 25, MAJOR),
        # scheme D (academic): 1–3 低, 4–9 一般, 10–16 较大, 20–25 重大
        ("ls-academic", 3, LOW),
        ("ls-academic", 4, GENERAL),
        ("ls-academic", 9, GENERAL),
        ("ls-academic", 10, LARGE),
        ("ls-academic", 16, LARGE),
        ("ls-academic", 20, MAJOR),
    ],
)
def test_ls_scheme_boundaries(scheme_id: str, score: int, level: RiskLevel) -> None:
    assert scheme(scheme_id).band_for(score).level is level


@pytest.mark.parametrize(
    ("scheme_id", "score", "grade"),
    [
        # scheme B (zgmkw): 20–25 Ⅰ级, 9–16 Ⅱ级, 4–8 Ⅲ级, 1–3 Ⅳ级 (Ⅰ级 is the highest)
        ("ls-zgmkw", 25, "Ⅰ级"),
        ("ls-zgmkw", 9, "Ⅱ级"),
        ("ls-zgmkw", 4, "Ⅲ级"),
        ("ls-zgmkw", 3, "Ⅳ级"),
        # scheme D (mtoou, academic): the source numbers in reverse, Ⅰ级 = 低
        ("ls-academic", 3, "Ⅰ级"),
        ("ls-academic", 9, "Ⅱ级"),
        ("ls-academic", 10, "Ⅲ级"),
        ("ls-academic", 20, "Ⅳ级"),
    ],
)
def test_ls_scheme_grades_follow_their_sources(scheme_id: str, score: int, grade: str) -> None:
    assert scheme(scheme_id).band_for(score).grade == grade


# ---- MES -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("score", "grade", "level"),
    [
        (500, "1级", MAJOR),  # 5 × 10 × 10
        (180, "1级", MAJOR),  # 3 × 6 × 10: R ≥ 180 (derived: 从严从高, as in the module docstring)
        (150, "2级", LARGE),  # 5 × 3 × 10
        (90, "2级", LARGE),  # 3 × 3 × 10: 90 ≤ R < 180
        (80, "3级", GENERAL),  # 5 × 2 × 8
        (50, "3级", GENERAL),  # 5 × 10 × 1: 50 ≤ R < 90
        (48, "4级", LOW),  # 3 × 2 × 8
        (20, "4级", LOW),  # 5 × 2 × 2: 20 ≤ R < 50
        (18, "5级", LOW),  # 3 × 6 × 1: R < 20
        (Decimal("0.5"), "5级", LOW),  # 1 × 0.5 × 1
    ],
)
def test_mes_default_boundaries(score: Decimal | int, grade: str, level: RiskLevel) -> None:
    assert Decimal(score) in reachable("MES")
    band = scheme("mes").band_for(score)
    assert (band.grade, band.level) == (grade, level)


def test_mes_colours() -> None:
    # 1级 红, 2级 橙, 3级 黄, 4–5级 蓝 (未见来源: the library's reading).
    colours = {row.grade: row.level.colour.value for row in scheme("mes").rows}
    assert colours == {"1级": "红", "2级": "橙", "3级": "黄", "4级": "蓝", "5级": "蓝"}


# ---- parse_interval ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "inside", "outside"),
    [
        ("[1, 8]", [1, 8, Decimal("4.5")], [Decimal("0.99"), Decimal("8.01")]),
        ("(8, 12]", [Decimal("8.001"), 12], [8, 13]),
        ("[0, 20)", [0, Decimal("19.99")], [20]),
        ("(20, 70]", [21, 70], [20, 71]),
        ("(320, ∞)", [321, 10**9], [320]),
        ("[320, +∞)", [320, 10**9], [Decimal("319.9")]),
        ("[180, )", [180, 10**6], [179]),
        ("(0.5, 1.5]", [1, Decimal("1.5")], [Decimal("0.5"), 2]),
        ("  ( 20 ,70 ]  ", [70], [20]),
    ],
)
def test_parse_interval_good(text: str, inside: list[object], outside: list[object]) -> None:
    band = parse_interval(text)
    for number in inside:
        assert band.contains(number), number  # type: ignore[arg-type]
    for number in outside:
        assert not band.contains(number), number  # type: ignore[arg-type]


def test_parse_interval_reads_bounds_and_inclusivity() -> None:
    band = parse_interval("(20, 70]")
    assert (band.lower, band.upper) == (Decimal(20), Decimal(70))
    assert (band.lower_inclusive, band.upper_inclusive) == (False, True)
    open_ended = parse_interval("[320, ∞)")
    assert open_ended.upper is None
    assert open_ended.lower_inclusive


@pytest.mark.parametrize(
    "text",
    [
        "[1, 8",  # no closing bracket
        "1, 8",  # no brackets
        "[a, 8]",
        "[1; 8]",
        "[-1, 8]",  # negative scores do not exist
        "(320, ∞]",  # an unbounded interval cannot include its upper end
        "[320, ]",
        "[, 8]",  # no lower bound
        "[8, 1]",  # empty
        "[5, 5)",  # empty
        "",
        "20–70",  # the sources' own notation is ambiguous and is not accepted
    ],
)
def test_parse_interval_bad(text: str) -> None:
    with pytest.raises(InvalidRule):
        parse_interval(text)


# ---- registering schemes -------------------------------------------------------------------

COMPANY_LEC = """
[[scheme]]
id = "{id}"
method = "LEC"
name = "浙江某公司 LEC 四级"
default = {default}
jurisdiction = "{jurisdiction}"
confidence = "unverified"
sources = ["企业风险分级管控制度"]
{extra}
bands = [
  {{ range = "[0, 70]", level = "低风险" }},
  {{ range = "(70, 160]", level = "一般风险" }},
  {{ range = "(160, 320]", level = "较大风险" }},
  {{ range = "(320, ∞)", level = "重大风险" }},
]
"""


def write(tmp_path: Path, text: str, name: str = "schemes.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def company_file(
    tmp_path: Path,
    *,
    scheme_id: str = "zj-company-lec",
    default: bool = True,
    jurisdiction: str = "330000",
    extra: str = "",
) -> Path:
    text = COMPANY_LEC.format(
        id=scheme_id, default=str(default).lower(), jurisdiction=jurisdiction, extra=extra
    )
    return write(tmp_path, text, f"{scheme_id}.toml")


def ls_file(tmp_path: Path, bands: list[tuple[str, str]], scheme_id: str = "bad-ls") -> Path:
    rows = ",\n".join(f'  {{ range = "{r}", level = "{lvl}" }}' for r, lvl in bands)
    text = f"""
[[scheme]]
id = "{scheme_id}"
method = "LS"
name = "测试方案"
confidence = "unverified"
sources = ["测试"]
bands = [
{rows},
]
"""
    return write(tmp_path, text)


@pytest.mark.usefixtures("registry")
def test_a_registered_scheme_can_be_found_and_used(tmp_path: Path) -> None:
    registered = register_schemes(company_file(tmp_path, default=False))
    assert [s.id for s in registered] == ["zj-company-lec"]
    assert scheme("zj-company-lec").jurisdiction == "330000"
    assert [s.id for s in schemes("LEC")] == ["lec", "lec-lower-inclusive", "zj-company-lec"]
    # D = 1 × 10 × 7 = 70 is 低 in the company's "[0, 70]" band; D = 0.5 × 10 × 15 = 75 is 一般.
    assert lec(1, 10, 7, scheme="zj-company-lec").level is LOW
    assert lec("0.5", 10, 15, scheme="zj-company-lec").level is GENERAL
    assert lec(1, 10, 7, scheme="zj-company-lec").grade is None  # the company gives no grades


@pytest.mark.usefixtures("registry")
@pytest.mark.parametrize("place", ["330000", "330400", "330402"])
def test_a_registered_provincial_default_applies_in_and_below_the_province(
    tmp_path: Path, place: str
) -> None:
    # 330402 南湖区 is in 330400 嘉兴市, in 330000 浙江省.
    register_schemes(company_file(tmp_path))
    assert default_scheme("LEC", jurisdiction_code=place).id == "zj-company-lec"


@pytest.mark.usefixtures("registry")
@pytest.mark.parametrize("place", ["110000", "000000", "320000"])
def test_a_registered_provincial_default_does_not_apply_elsewhere(
    tmp_path: Path, place: str
) -> None:
    register_schemes(company_file(tmp_path))
    assert default_scheme("LEC", jurisdiction_code=place).id == "lec"
    assert default_scheme("LS", jurisdiction_code=place).id == "ls-db37"


@pytest.mark.usefixtures("registry")
def test_a_registered_national_default_overrides_from_its_effective_date(
    tmp_path: Path,
) -> None:
    register_schemes(
        company_file(
            tmp_path,
            scheme_id="cn-lec-2027",
            jurisdiction="000000",
            extra="effective_from = 2027-01-01",
        )
    )
    assert default_scheme("LEC", on=date(2026, 12, 31)).id == "lec"
    assert default_scheme("LEC", on=date(2027, 1, 1)).id == "cn-lec-2027"


def test_in_force_dates() -> None:
    # effective_from is the first day in force; repealed_on the first day no longer in force.
    import attrs

    base = scheme("lec")
    dated = attrs.evolve(base, effective_from=date(2024, 1, 1), repealed_on=date(2025, 1, 1))
    assert not dated.in_force(date(2023, 12, 31))
    assert dated.in_force(date(2024, 1, 1))
    assert dated.in_force(date(2024, 12, 31))
    assert not dated.in_force(date(2025, 1, 1))
    assert base.in_force(date(1990, 1, 1))


@pytest.mark.usefixtures("registry")
def test_an_id_clashing_with_a_shipped_scheme_is_refused(tmp_path: Path) -> None:
    with pytest.raises(RuleDataError) as error:
        register_schemes(company_file(tmp_path, scheme_id="lec"))
    assert error.value.key == "scheme"
    assert "lec" in error.value.message
    assert [s.id for s in schemes("LEC")] == ["lec", "lec-lower-inclusive"]  # nothing added


@pytest.mark.usefixtures("registry")
def test_registering_the_same_file_twice_is_refused(tmp_path: Path) -> None:
    path = company_file(tmp_path, default=False)
    register_schemes(path)
    with pytest.raises(RuleDataError) as error:
        register_schemes(path)
    assert error.value.key == "scheme"
    assert "zj-company-lec" in error.value.message


def two_schemes_with_one_id(tmp_path: Path) -> Path:
    one = COMPANY_LEC.format(id="dup", default="false", jurisdiction="330000", extra="")
    return write(tmp_path, one + one, "dup.toml")


@pytest.mark.usefixtures("registry")
def test_a_duplicate_id_within_one_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(RuleDataError) as error:
        register_schemes(two_schemes_with_one_id(tmp_path))
    assert error.value.key == "scheme"
    with pytest.raises(UnknownReference):
        scheme("dup")  # neither copy was registered


@pytest.mark.usefixtures("registry")
def test_a_duplicate_id_within_one_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(RuleDataError) as error:
        register_schemes(two_schemes_with_one_id(tmp_path))
    assert "dup" in error.value.message


@pytest.mark.parametrize(
    ("bands", "key", "phrase"),
    [
        # gap: 8 is in neither band
        ([("[1, 8)", "低风险"), ("(8, 25]", "重大风险")], "scheme[0].bands", "缺口"),
        # overlap: 8 is in both bands
        ([("[1, 8]", "低风险"), ("[8, 25]", "重大风险")], "scheme[0].bands", "重叠"),
        # bands that do not meet
        ([("[1, 8]", "低风险"), ("(9, 25]", "重大风险")], "scheme[0].bands", "缺口或重叠"),
        # R = 1 (1 × 1) is reachable but not covered
        ([("[2, 8]", "低风险"), ("(8, 25]", "重大风险")], "scheme[0].bands", "1"),
        # R = 25 (5 × 5) is reachable but not covered
        ([("[1, 8]", "低风险"), ("(8, 20]", "重大风险")], "scheme[0].bands", "25"),
        # the level goes down from band 2 to band 3
        (
            [("[1, 8]", "低风险"), ("(8, 16]", "较大风险"), ("(16, 25]", "一般风险")],
            "scheme[0].bands[2].level",
            "不能更低",
        ),
        # a malformed interval in band 1
        ([("[1, 8]", "低风险"), ("8 to 25", "重大风险")], "scheme[0].bands[1].range", "区间"),
        # not a level
        ([("[1, 8]", "低风险"), ("(8, 25]", "红色")], "scheme[0].bands[1].level", ""),
    ],
)
def test_defective_scheme_files_are_refused_by_key(
    tmp_path: Path, bands: list[tuple[str, str]], key: str, phrase: str
) -> None:
    path = ls_file(tmp_path, bands)
    with pytest.raises(RuleDataError) as error:
        read_schemes(path)
    assert error.value.key == key
    assert phrase in error.value.message
    assert error.value.file == str(path)


def test_uncovered_reachable_scores_are_listed(tmp_path: Path) -> None:
    # LEC scores below 1: 0.05 (0.1 × 0.5 × 1), 0.1 (0.1 × 1 × 1 or 0.2 × 0.5 × 1), 0.15 (0.1 × 0.5 × 3), …
    text = COMPANY_LEC.format(id="lec-from-one", default="false", jurisdiction="000000", extra="")
    text = text.replace("[0, 70]", "[1, 70]")
    with pytest.raises(RuleDataError) as error:
        read_schemes(write(tmp_path, text))
    assert error.value.key == "scheme[0].bands"
    assert "0.05" in error.value.message


def test_an_unknown_jurisdiction_is_refused_under_its_key(tmp_path: Path) -> None:
    with pytest.raises(RuleDataError) as error:
        read_schemes(company_file(tmp_path, jurisdiction="339999"))
    assert error.value.key == "scheme[0].jurisdiction"


def test_an_unknown_jurisdiction_is_refused(tmp_path: Path) -> None:
    with pytest.raises(RuleDataError) as error:
        read_schemes(company_file(tmp_path, jurisdiction="339999"))
    assert "339999" in error.value.message


@pytest.mark.parametrize(
    ("replace", "by", "key"),
    [
        ('method = "LEC"', 'method = "LECD"', "scheme[0].method"),
        ('id = "bad-id"', 'id = "Bad ID"', "scheme[0].id"),
        ('confidence = "unverified"', 'confidence = "maybe"', "scheme[0].confidence"),
        ('sources = ["企业风险分级管控制度"]', "sources = []", "scheme[0].sources"),
    ],
)
def test_malformed_fields_are_refused_by_key(
    tmp_path: Path, replace: str, by: str, key: str
) -> None:
    text = COMPANY_LEC.format(id="bad-id", default="false", jurisdiction="000000", extra="")
    assert replace in text
    with pytest.raises(RuleDataError) as error:
        read_schemes(write(tmp_path, text.replace(replace, by)))
    assert error.value.key == key


@pytest.mark.usefixtures("registry")
def test_a_defective_file_registers_nothing(tmp_path: Path) -> None:
    path = ls_file(tmp_path, [("[1, 8)", "低风险"), ("(8, 25]", "重大风险")], scheme_id="gap")
    with pytest.raises(RuleDataError):
        register_schemes(path)
    assert [s.id for s in schemes("LS")] == SHIPPED["LS"]
