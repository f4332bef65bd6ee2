"""Tests of safetyrules.risk.direct: conditions of direct judgement as 重大风险 (直接判定).

Golden values: DB37/T 2882-2016-style wording (未见来源; conditions 1 and 4 partly backed by a
quiz in 公开代码（仓库未识别））. "存在重大事故隐患" is disputed: listed by some variants but not to
be applied unless a source is found, so it is shipped disabled. "以上" includes the number
(szgdjh.com topic page on 国务院令第493号), so "10人以上" includes 10.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from safetyrules.errors import RuleDataError, UnknownReference
from safetyrules.law.confidence import Confidence
from safetyrules.risk.direct import (
    _reset_registered,
    direct_condition,
    direct_conditions,
    read_direct_conditions,
    register_direct_conditions,
)

# Conditions 1–5 in the library's order, with the key words of each (未见来源, as above).
FIVE = [
    ("mandatory-provision-violated", ["违反法律、法规", "强制性条款"]),
    ("serious-accident-conditions-persist", ["死亡、重伤、重大财产损失", "三次及以上", "依然存在"]),
    ("major-hazard-installation", ["重大危险源"]),
    ("ten-or-more-workers-at-hazardous-site", ["中毒、爆炸、火灾", "10人及以上"]),
    ("highest-level-by-evaluation", ["最高级别"]),
]
DISABLED = "major-accident-hazard"


@pytest.fixture
def registry() -> Iterator[None]:
    _reset_registered()
    yield
    _reset_registered()


def test_the_national_list_is_the_five_conditions_and_a_disabled_sixth() -> None:
    conditions = direct_conditions()
    assert [c.id for c in conditions] == [cid for cid, _ in FIVE] + [DISABLED]
    assert [c.enabled for c in conditions] == [True] * 5 + [False]


@pytest.mark.parametrize(("condition_id", "phrases"), FIVE)
def test_each_condition_has_the_published_wording(condition_id: str, phrases: list[str]) -> None:
    condition = direct_condition(condition_id)
    for phrase in phrases:
        assert phrase in condition.text
    assert condition.enabled
    assert condition.jurisdiction == "000000"


def test_the_ten_workers_condition_includes_ten() -> None:
    # 以上包括本数 (国务院令第493号 第三条第三款; szgdjh.com in the module docstring), so the quiz's
    # "10人以上" is written "10人及以上", never "10人以上" read as > 10.
    text = direct_condition("ten-or-more-workers-at-hazardous-site").text
    assert "10人及以上" in text
    assert "超过10人" not in text


def test_major_accident_hazard_is_listed_but_disabled() -> None:
    condition = direct_condition(DISABLED)
    assert "重大事故隐患" in condition.text
    assert not condition.enabled
    assert condition.note  # the reason it is off is recorded


def test_every_shipped_condition_is_unverified() -> None:
    # No source seen for the wording (未见来源); not confirmed from the DB37/T 2882 text.
    assert all(c.confidence is Confidence.UNVERIFIED for c in direct_conditions())


def test_a_place_without_its_own_list_uses_the_national_list() -> None:
    national = [c.id for c in direct_conditions()]
    assert [c.id for c in direct_conditions("330402")] == national
    assert [c.id for c in direct_conditions("110000")] == national
    assert direct_condition("major-hazard-installation", "330402").jurisdiction == "000000"


def test_an_unknown_id_is_an_unknown_reference() -> None:
    with pytest.raises(UnknownReference) as error:
        direct_condition("no-such-condition")
    assert error.value.value == "no-such-condition"
    assert "mandatory-provision-violated" in str(error.value)  # the known ids are listed


def test_an_unknown_place_is_an_unknown_reference() -> None:
    with pytest.raises(UnknownReference):
        direct_conditions("339999")


# ---- registered lists ----------------------------------------------------------------------

ZHEJIANG = """
[[list]]
jurisdiction = "{jurisdiction}"
name = "本地直接判定清单"
confidence = "unverified"
sources = ["本地风险分级管控制度"]

[[list.conditions]]
id = "local-only"
text = "本地规定的情形"

[[list.conditions]]
id = "major-accident-hazard"
text = "存在重大事故隐患的"
enabled = true
"""


def local_file(tmp_path: Path, jurisdiction: str = "330000") -> Path:
    path = tmp_path / f"direct-{jurisdiction}.toml"
    path.write_text(ZHEJIANG.format(jurisdiction=jurisdiction), encoding="utf-8")
    return path


@pytest.mark.usefixtures("registry")
def test_a_registered_list_is_read_with_its_jurisdiction(tmp_path: Path) -> None:
    lists = register_direct_conditions(local_file(tmp_path))
    assert list(lists) == ["330000"]
    assert [c.id for c in lists["330000"]] == ["local-only", "major-accident-hazard"]
    assert all(c.jurisdiction == "330000" for c in lists["330000"])
    assert lists["330000"][1].enabled  # the local list switches 重大事故隐患 on


@pytest.mark.usefixtures("registry")
@pytest.mark.parametrize("place", ["330000", "330400", "330402"])
def test_a_registered_provincial_list_replaces_the_national_list_below_it(
    tmp_path: Path, place: str
) -> None:
    register_direct_conditions(local_file(tmp_path))
    assert [c.id for c in direct_conditions(place)] == ["local-only", "major-accident-hazard"]
    # The national list is replaced wholesale, not merged.
    with pytest.raises(UnknownReference):
        direct_condition("major-hazard-installation", place)


@pytest.mark.usefixtures("registry")
def test_a_registered_provincial_list_does_not_apply_elsewhere(tmp_path: Path) -> None:
    register_direct_conditions(local_file(tmp_path))
    assert [c.id for c in direct_conditions("110000")] == [cid for cid, _ in FIVE] + [DISABLED]
    assert not direct_condition(DISABLED, "110000").enabled


@pytest.mark.usefixtures("registry")
def test_a_registered_national_list_replaces_the_shipped_one(tmp_path: Path) -> None:
    with pytest.raises(RuleDataError, match="replace=True"):
        register_direct_conditions(local_file(tmp_path, jurisdiction="000000"))
    register_direct_conditions(local_file(tmp_path, jurisdiction="000000"), replace=True)
    assert [c.id for c in direct_conditions()] == ["local-only", "major-accident-hazard"]
    assert direct_condition(DISABLED).enabled
    with pytest.raises(UnknownReference):
        direct_condition("mandatory-provision-violated")


@pytest.mark.usefixtures("registry")
def test_reset_restores_the_shipped_list(tmp_path: Path) -> None:
    register_direct_conditions(local_file(tmp_path, jurisdiction="000000"), replace=True)
    _reset_registered()
    assert len(direct_conditions()) == 6


def test_reading_does_not_register(tmp_path: Path) -> None:
    read_direct_conditions(local_file(tmp_path, jurisdiction="000000"))
    assert len(direct_conditions()) == 6


@pytest.mark.parametrize(
    ("text", "key"),
    [
        # an unknown jurisdiction code
        (ZHEJIANG.format(jurisdiction="339999"), "list[0].jurisdiction"),
        # the same id twice in one list
        (
            ZHEJIANG.format(jurisdiction="330000").replace(
                '"major-accident-hazard"', '"local-only"'
            ),
            "list[0]",
        ),
        # two lists for one place
        (ZHEJIANG.format(jurisdiction="330000") * 2, "list[1]"),
        # a malformed id
        (ZHEJIANG.format(jurisdiction="330000").replace('"local-only"', '"Local Only"'), None),
        # an unknown field
        (ZHEJIANG.format(jurisdiction="330000").replace("enabled = true", "forced = true"), None),
    ],
)
def test_defective_lists_are_refused_by_key(tmp_path: Path, text: str, key: str | None) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleDataError) as error:
        read_direct_conditions(path)
    assert error.value.file == str(path)
    if key is not None:
        assert error.value.key == key
    else:
        assert error.value.key.startswith("list[0].conditions")
