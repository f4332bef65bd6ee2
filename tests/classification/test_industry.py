"""Tests of safetyrules.classification.industry (GB/T 4754-2017 国民经济行业分类)."""

from __future__ import annotations

import csv
import io
import unicodedata
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safetyrules.classification.industry import (
    IndustryCode,
    IndustryLevel,
    all_industries,
    division_of,
    industry,
    is_known,
    section_of,
)
from safetyrules.errors import InvalidInput, UnknownReference
from safetyrules.law.data_files import read_packaged_text

# The 20 门类 with their 大类 ranges (GB/T 4754-2017, as in github.com/ramwin/china-public-data
# 国民经济行业分类_2017.json, confirmed by github.com/zmshe/capital).
SECTIONS = {
    "A": ("农、林、牧、渔业", 1, 5),
    "B": ("采矿业", 6, 12),
    "C": ("制造业", 13, 43),
    "D": ("电力、热力、燃气及水生产和供应业", 44, 46),
    "E": ("建筑业", 47, 50),
    "F": ("批发和零售业", 51, 52),
    "G": ("交通运输、仓储和邮政业", 53, 60),
    "H": ("住宿和餐饮业", 61, 62),
    "I": ("信息传输、软件和信息技术服务业", 63, 65),
    "J": ("金融业", 66, 69),
    "K": ("房地产业", 70, 70),
    "L": ("租赁和商务服务业", 71, 72),
    "M": ("科学研究和技术服务业", 73, 75),
    "N": ("水利、环境和公共设施管理业", 76, 79),
    "O": ("居民服务、修理和其他服务业", 80, 82),
    "P": ("教育", 83, 83),
    "Q": ("卫生和社会工作", 84, 85),
    "R": ("文化、体育和娱乐业", 86, 90),
    "S": ("公共管理、社会保障和社会组织", 91, 96),
    "T": ("国际组织", 97, 97),
}

EVERY = all_industries()


# --------------------------------------------------------------------------- lookups


@pytest.mark.parametrize(
    "text",
    [
        "3511",
        "C3511",
        " c3511 ",
        "c3511",
        "C3511\n",
        "\uff23\uff13\uff15\uff11\uff11",
        "\uff13\uff15\uff11\uff11",
    ],
)
def test_lookup_accepts_both_styles(text: str) -> None:
    item = industry(text)
    assert item.code == "3511"
    assert item.name == "矿山机械制造"
    assert item.level is IndustryLevel.CLASS
    assert item.parent_code == "351"
    assert item.section == "C"
    assert item.qualified == "C3511"


@pytest.mark.parametrize(
    ("text", "code", "level", "name"),
    [
        ("C", "C", IndustryLevel.SECTION, "制造业"),
        ("35", "35", IndustryLevel.DIVISION, "专用设备制造业"),
        ("C35", "35", IndustryLevel.DIVISION, "专用设备制造业"),
        ("351", "351", IndustryLevel.GROUP, "采矿、冶金、建筑专用设备制造"),
        ("K7040", "7040", IndustryLevel.CLASS, "房地产租赁经营"),
        ("019", "019", IndustryLevel.GROUP, "其他农业"),
        ("0190", "0190", IndustryLevel.CLASS, "其他农业"),
        ("T97", "97", IndustryLevel.DIVISION, "国际组织"),
    ],
)
def test_lookup_levels(text: str, code: str, level: IndustryLevel, name: str) -> None:
    item = industry(text)
    assert (item.code, item.level, item.name) == (code, level, name)


def test_level_enum_has_chinese_values() -> None:
    assert [level.value for level in IndustryLevel] == ["门类", "大类", "中类", "小类"]
    assert [level.depth for level in IndustryLevel] == [1, 2, 3, 4]


def test_chain_goes_up_to_the_section() -> None:
    chain = industry("C3511").chain()
    assert [i.code for i in chain] == ["3511", "351", "35", "C"]
    assert [i.level for i in chain] == list(reversed(IndustryLevel))
    assert industry("C").chain() == (industry("C"),)
    assert industry("C").parent is None


def test_section_and_division_helpers() -> None:
    assert section_of("3511").code == "C"
    assert section_of("C").code == "C"
    assert division_of("C3511").code == "35"
    assert division_of("351").code == "35"
    assert division_of("35").code == "35"
    assert section_of("8511").name == "卫生和社会工作"
    assert division_of("8511").name == "社会工作"
    with pytest.raises(InvalidInput, match="门类没有唯一的所属大类") as caught:
        division_of("K")
    assert caught.value.field == "industry_code"


def test_children_and_classes() -> None:
    assert [i.code for i in industry("59").children()] == [
        "591",
        "592",
        "593",
        "594",
        "595",
        "596",
        "599",
    ]
    assert [i.code for i in industry("70").classes()] == ["7010", "7020", "7030", "7040", "7090"]
    assert industry("7010").classes() == (industry("7010"),)
    assert industry("7010").children() == ()
    assert len(industry("C").classes()) == sum(
        1 for i in EVERY if i.section == "C" and i.level is IndustryLevel.CLASS
    )


def test_label_and_is_known() -> None:
    assert industry("35").label == "C35 专用设备制造业"
    assert industry("A").label == "A 农、林、牧、渔业"
    assert is_known("C3511")
    assert not is_known("3598")
    assert not is_known("A3511")
    assert not is_known("")


# --------------------------------------------------------------------------- bad codes


@pytest.mark.parametrize("text", ["3598", "Z", "99", "C9999", "U", "000"])
def test_unknown_codes(text: str) -> None:
    with pytest.raises(UnknownReference, match="国民经济行业分类代码") as caught:
        industry(text)
    assert caught.value.value == text


@pytest.mark.parametrize(
    "text", ["", "   ", "35-11", "12345", "3", "CC35", "C 35", "制造业", "\u0663\u0665\u0661\u0661"]
)
def test_malformed_codes(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        industry(text)
    assert caught.value.field == "industry_code"


@pytest.mark.parametrize("value", [3511, None, 35.0, b"3511"])
def test_non_string_codes(value: object) -> None:
    with pytest.raises(InvalidInput, match="字符串"):
        industry(value)  # type: ignore[arg-type]


def test_letter_must_match_the_digits() -> None:
    with pytest.raises(InvalidInput, match="门类字母 A 与代码 3511 所属门类 C 不符"):
        industry("A3511")


# --------------------------------------------------------------------------- the whole table


def test_every_packaged_row_loads() -> None:
    rows = list(csv.DictReader(io.StringIO(read_packaged_text("reference/gbt4754_2017.csv"))))
    assert len(rows) == len(EVERY) == 1971
    for row, item in zip(rows, EVERY, strict=True):
        assert isinstance(item, IndustryCode)
        assert item.code == row["code"]
        assert item.name == row["name"]
        assert item.name.strip() == item.name
        assert item.level.value == row["level_name"]
        assert item.level.depth == int(row["level"])
        assert item.section == row["section"]
        assert industry(item.code) is item


def test_level_counts() -> None:
    counts = Counter(i.level for i in EVERY)
    assert counts == {
        IndustryLevel.SECTION: 20,
        IndustryLevel.DIVISION: 97,
        IndustryLevel.GROUP: 473,
        IndustryLevel.CLASS: 1381,
    }


def test_sections_and_divisions_match_the_standard() -> None:
    for letter, (name, first, last) in SECTIONS.items():
        section = industry(letter)
        assert section.name == name
        assert [c.code for c in section.children()] == [f"{n:02d}" for n in range(first, last + 1)]
    assert [i.code for i in EVERY if i.level is IndustryLevel.DIVISION] == [
        f"{n:02d}" for n in range(1, 98)
    ]


def test_hierarchy_is_consistent() -> None:
    for item in EVERY:
        parent = item.parent
        if item.level is IndustryLevel.SECTION:
            assert parent is None
            assert item.code == item.section
            continue
        assert parent is not None
        assert parent.level.depth == item.level.depth - 1
        assert parent.section == item.section
        assert item.code.startswith(parent.code) or parent.level is IndustryLevel.SECTION
        assert len(item.code) == item.level.depth
        assert item.chain()[-1].code == item.section


@given(st.sampled_from(EVERY), st.booleans(), st.booleans())
def test_any_spelling_finds_the_same_code(item: IndustryCode, lower: bool, pad: bool) -> None:
    text = item.qualified.lower() if lower else item.qualified
    if pad:
        text = f"  {text} "
    assert industry(text) is item
    assert industry(item.code) is item
    assert section_of(text).code == item.section


@given(st.text(max_size=6))
def test_arbitrary_text_is_either_found_or_rejected(text: str) -> None:
    try:
        item = industry(text)
    except (InvalidInput, UnknownReference):
        assert not is_known(text)
    else:
        canonical = unicodedata.normalize("NFKC", text).strip().upper()
        assert canonical in (item.qualified, item.code)
