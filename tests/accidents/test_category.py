"""GB 6441 accident categories: both lists, the edition by date, and the 1986 → 2025 mapping."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safetyrules.accidents.category import (
    DATA_FILE,
    CategoryEdition,
    MappingRelation,
    accident_categories,
    accident_category,
    categories_on,
    convert_to_2025,
    legacy_categories,
    load_categories,
    map_to_2025,
)
from safetyrules.errors import InvalidInput, NotInForce, RuleDataError, UnknownReference
from safetyrules.law.data_files import read_packaged_text

# GB 6441-86 第2章, as the scanned full text prints it (shepherd.siduzixun.com/filedownload/476133.htm),
# written out here by hand in the standard's order.
GB_6441_1986 = [
    "物体打击", "车辆伤害", "机械伤害", "起重伤害", "触电", "淹溺", "灼烫", "火灾", "高处坠落", "坍塌",
    "冒顶片帮", "透水", "放炮", "火药爆炸", "瓦斯爆炸", "锅炉爆炸", "容器爆炸", "其他爆炸", "中毒和窒息",
    "其他伤害",
]  # fmt: skip

# GB 6441-2025's 27 types as m.educity.cn/aq/5452359.html lists them (蒸气/其他 as the library writes them).
GB_6441_2025 = [
    "物体打击", "厂（场）内车辆致害", "道路（轨道）车辆致害", "机械致害", "起重致害", "触电", "淹溺",
    "灼烫", "火灾", "高处坠落", "跌落", "坍塌", "水害", "容器爆炸", "管道爆炸", "可燃气体爆炸",
    "可燃液体蒸气爆炸", "粉尘爆炸", "民用爆炸物品爆炸", "烟花爆竹爆炸", "其他可燃固体爆炸",
    "高温熔融物爆炸", "中毒", "窒息", "滑坡", "泄漏", "其他",
]  # fmt: skip


def test_the_1986_list_is_the_standards_with_codes_01_to_20() -> None:
    categories = accident_categories(CategoryEdition.GB_6441_1986)
    assert [c.name for c in categories] == GB_6441_1986
    assert [c.code for c in categories] == [f"{n:02d}" for n in range(1, 21)]
    assert all(c.citation.text.endswith("（GB 6441-86）第2章") for c in categories)


def test_the_2025_list_has_27_uncoded_types() -> None:
    categories = accident_categories(CategoryEdition.GB_6441_2025)
    assert [c.name for c in categories] == GB_6441_2025
    assert [c.number for c in categories] == list(range(1, 28))
    assert all(c.code is None for c in categories)


def test_the_mapping_agrees_with_the_revision_summary() -> None:
    # aqrzj.com/doc/416937.html: 新增12类、删除7类、拆分2类、更名3类.
    mappings = [map_to_2025(c) for c in accident_categories(CategoryEdition.GB_6441_1986)]
    by_relation = {r: [m.source.name for m in mappings if m.relation is r] for r in MappingRelation}
    deleted = by_relation[MappingRelation.ABSORBED] + by_relation[MappingRelation.REFINED]
    assert sorted(deleted) == sorted(
        ["冒顶片帮", "透水", "放炮", "火药爆炸", "瓦斯爆炸", "锅炉爆炸", "其他爆炸"]
    )
    assert by_relation[MappingRelation.SPLIT] == ["车辆伤害", "中毒和窒息"]
    assert by_relation[MappingRelation.RENAMED] == ["机械伤害", "起重伤害", "其他伤害"]
    new_types = [n for n in GB_6441_2025 if n not in GB_6441_1986]
    split_into = [
        c.name for m in mappings if m.relation is MappingRelation.SPLIT for c in m.candidates
    ]
    renamed_to = [m.candidates[0].name for m in mappings if m.relation is MappingRelation.RENAMED]
    assert len(set(new_types) - set(split_into) - set(renamed_to)) == 12


def test_every_kept_category_keeps_its_name() -> None:
    for category in accident_categories(CategoryEdition.GB_6441_1986):
        mapping = map_to_2025(category)
        if mapping.relation is MappingRelation.KEPT:
            assert [c.name for c in mapping.candidates] == [category.name]


@pytest.mark.parametrize(
    ("on", "edition"),
    [
        (date(1987, 2, 1), CategoryEdition.GB_6441_1986),
        (date(2026, 6, 30), CategoryEdition.GB_6441_1986),
        (date(2026, 7, 1), CategoryEdition.GB_6441_2025),
    ],
)
def test_the_edition_follows_the_dates_in_force(on: date, edition: CategoryEdition) -> None:
    assert categories_on(on) is edition


def test_no_edition_before_1987_02_01() -> None:
    with pytest.raises(NotInForce):
        categories_on(date(1987, 1, 31))


@pytest.mark.parametrize("code", [19, "19", "019", " 19 "])
def test_codes_are_read_in_every_written_form(code: str | int) -> None:
    assert accident_category(code).name == "中毒和窒息"


@pytest.mark.parametrize(
    ("value", "edition", "name"),
    [
        ("其它爆炸", "GB 6441-1986", "其他爆炸"),
        ("厂(场)内车辆致害", "GB 6441-2025", "厂（场）内车辆致害"),
        ("可燃液体蒸汽爆炸", "GB 6441-2025", "可燃液体蒸气爆炸"),
        ("其他事故", "GB 6441-2025", "其他"),
    ],
)
def test_variant_spellings_are_found(value: str, edition: str, name: str) -> None:
    assert accident_category(value, edition).name == name


def test_a_name_is_looked_up_in_the_edition_of_the_date() -> None:
    assert accident_category("机械伤害", on=date(2025, 1, 1)).code == "03"
    with pytest.raises(UnknownReference, match="机械致害"):
        accident_category("机械伤害", on=date(2026, 7, 1))


@pytest.mark.parametrize("value", ["不存在的类别", 21, "00", True])
def test_unknown_values_are_refused(value: str | int) -> None:
    with pytest.raises((UnknownReference, InvalidInput)):
        accident_category(value)


def test_an_unknown_edition_is_refused() -> None:
    with pytest.raises(InvalidInput) as error:
        accident_categories("GB 6441-2000")
    assert error.value.field == "edition"


def test_a_split_category_needs_a_choice_among_its_candidates() -> None:
    with pytest.raises(InvalidInput, match="厂（场）内车辆致害、道路（轨道）车辆致害"):
        convert_to_2025("02")
    with pytest.raises(InvalidInput, match="候选类型"):
        convert_to_2025("02", choice="中毒")
    assert convert_to_2025("02", choice="道路(轨道)车辆致害").name == "道路（轨道）车辆致害"


def test_a_2025_type_is_not_a_1986_category() -> None:
    with pytest.raises(InvalidInput):
        map_to_2025(accident_category("水害", "GB 6441-2025"))


@given(st.sampled_from(GB_6441_1986))
def test_conversion_and_its_inverse_agree(name: str) -> None:
    mapping = map_to_2025(name)
    for candidate in mapping.candidates:
        assert mapping.source in legacy_categories(candidate)
        assert convert_to_2025(name, choice=candidate.name) == candidate


@given(st.dates(min_value=date(1987, 2, 1), max_value=date(2100, 1, 1)))
def test_every_date_in_force_has_one_edition(on: date) -> None:
    edition = categories_on(on)
    assert (edition is CategoryEdition.GB_6441_2025) == (on >= date(2026, 7, 1))
    assert accident_categories(on=on) == accident_categories(edition)


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    text = read_packaged_text(DATA_FILE)
    assert old in text
    path = tmp_path / "categories.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ('name = "车辆伤害"', 'name = "物体打击"', "category[1]"),
        ('to = ["水害"]', 'to = ["透水"]', "mapping[11].to"),
        ('from = "20"', 'from = "19"', "mapping[19].from"),
        ('code = "05"\n', 'code = "5"\n', "category[4].code"),
        ('relation = "保留"', 'relation = "相同"', "mapping[0].relation"),
    ],
)
def test_a_broken_file_names_the_key(tmp_path: Path, old: str, new: str, key: str) -> None:
    with pytest.raises(RuleDataError) as error:
        load_categories(_broken(tmp_path, old, new))
    assert error.value.key == key


def test_a_category_without_a_mapping_is_reported(tmp_path: Path) -> None:
    text = read_packaged_text(DATA_FILE)
    cut = text.index('[[mapping]]\nfrom = "20"')
    path = tmp_path / "categories.toml"
    path.write_text(text[:cut], encoding="utf-8")
    with pytest.raises(RuleDataError, match="20"):
        load_categories(path)
