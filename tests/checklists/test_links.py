"""Enforcement links of a user's checklist are held to the violation catalogue (违法行为目录) at load.

The penalties tests check the shipped checklists against the catalogue; these tests feed
checklists a user could write.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from safetyrules.checklists import Checklist, ChecklistItem, check_checklist, load_checklist
from safetyrules.errors import RuleDataError

LAW_2021 = "《中华人民共和国安全生产法》（2021年修正）"
LAW_2014 = "《中华人民共和国安全生产法》（2014年修正）"

# 2021 第三十五条 (警示标志) is punished under 第九十九条第（一）项; in 2014, 第九十六条第（一）项.
SIGNS = 'violation = "warning-signs-missing", obligation = "第三十五条"'


def _checklist_file(tmp_path: Path, enforcement: str) -> Path:
    path = tmp_path / "user-checklist.toml"
    path.write_text(
        f"""
[checklist]
id = "user-warning-signs"
name = "警示标志检查表（企业自编）"
instrument = "work-safety-law-2021"
confidence = "official"

[[item]]
id = "1"
content = "在有较大危险因素的生产经营场所和有关设施、设备上设置明显的安全警示标志"
basis = "第三十五条"
enforcement = {{ {enforcement} }}
""",
        encoding="utf-8",
    )
    return path


def _load_error(tmp_path: Path, enforcement: str) -> RuleDataError:
    with pytest.raises(RuleDataError) as error:
        load_checklist(_checklist_file(tmp_path, enforcement))
    return error.value


def test_a_correct_link_loads(tmp_path: Path) -> None:
    checklist = load_checklist(
        _checklist_file(tmp_path, f'{SIGNS}, penalty = "第九十九条第（一）项"')
    )
    assert checklist.item("1").enforcement is not None
    assert check_checklist(checklist) == []


def test_a_correct_link_to_the_2014_version_loads(tmp_path: Path) -> None:
    penalty = f"{LAW_2014}第九十六条第（一）项"
    checklist = load_checklist(_checklist_file(tmp_path, f'{SIGNS}, penalty = "{penalty}"'))
    assert check_checklist(checklist) == []


def test_an_unknown_violation_id_is_refused(tmp_path: Path) -> None:
    link = 'violation = "warning-sign-missing", obligation = "第三十五条", penalty = "第九十九条第（一）项"'
    error = _load_error(tmp_path, link)
    assert error.file.endswith("user-checklist.toml")
    assert error.key == "item[0].enforcement"
    assert error.message == (
        f"违法行为目录中没有违法行为 warning-sign-missing（检查项的罚则引用{LAW_2021}第九十九条第（一）项）"
    )


def test_a_penalty_at_the_wrong_article_is_refused(tmp_path: Path) -> None:
    error = _load_error(tmp_path, f'{SIGNS}, penalty = "第九十七条第（一）项"')
    assert error.key == "item[0].enforcement"
    assert error.message == (
        f"违法行为 warning-signs-missing 的罚则引用{LAW_2021}第九十七条第（一）项与违法行为目录不符："
        f"目录中为{LAW_2021}第九十九条第（一）项"
    )


def test_a_penalty_at_the_wrong_item_of_the_right_article_is_refused(tmp_path: Path) -> None:
    error = _load_error(tmp_path, f'{SIGNS}, penalty = "第九十九条第（二）项"')
    assert error.message == (
        f"违法行为 warning-signs-missing 的罚则引用{LAW_2021}第九十九条第（二）项与违法行为目录不符："
        f"目录中为{LAW_2021}第九十九条第（一）项"
    )


def test_the_article_is_compared_in_the_version_the_citation_names(tmp_path: Path) -> None:
    # The 2021 article number cited as the 2014 law: 2014 renumbered 第九十六条 as 第九十九条.
    error = _load_error(tmp_path, f'{SIGNS}, penalty = "{LAW_2014}第九十九条第（一）项"')
    assert error.message == (
        f"违法行为 warning-signs-missing 的罚则引用{LAW_2014}第九十九条第（一）项与违法行为目录不符："
        f"目录中为{LAW_2014}第九十六条第（一）项"
    )


def test_a_violation_the_cited_version_does_not_punish_is_refused(tmp_path: Path) -> None:
    # 出具失实报告 by an assessment body became a violation of its own in 2021 (第九十二条第一款).
    link = (
        'violation = "assessment-report-inaccurate", obligation = "第三十五条", '
        f'penalty = "{LAW_2014}第八十九条第一款"'
    )
    error = _load_error(tmp_path, link)
    assert error.message == (
        f"违法行为 assessment-report-inaccurate 的罚则引用{LAW_2014}第八十九条第一款与违法行为目录不符："
        f"{LAW_2014}没有这一违法行为的罚则，目录中为{LAW_2021}第九十二条第一款"
    )


def _item(item_id: str, violation: str, penalty: str) -> dict[str, object]:
    return {
        "id": item_id,
        "content": "在有较大危险因素的生产经营场所和有关设施、设备上设置明显的安全警示标志",
        "enforcement": {
            "violation": violation,
            "obligation": f"{LAW_2021}第三十五条",
            "penalty": penalty,
        },
    }


def test_every_bad_link_of_a_constructed_checklist_is_reported() -> None:
    good = _item("1", "warning-signs-missing", f"{LAW_2021}第九十九条第（一）项")
    checklist = Checklist(id="user-list", name="企业自编检查表", confidence="official", item=[good])
    edited = checklist.model_copy(
        update={
            "items": (
                checklist.items[0],
                ChecklistItem.model_validate(
                    _item("2", "warning-sign-missing", f"{LAW_2021}第九十九条第（一）项")
                ),
                ChecklistItem.model_validate(
                    _item("3", "warning-signs-missing", f"{LAW_2021}第一百零二条")
                ),
            )
        }
    )
    assert check_checklist(edited) == [
        (
            "item[1].enforcement",
            f"违法行为目录中没有违法行为 warning-sign-missing（检查项的罚则引用{LAW_2021}第九十九条第（一）项）",
        ),
        (
            "item[2].enforcement",
            f"违法行为 warning-signs-missing 的罚则引用{LAW_2021}第一百零二条与违法行为目录不符："
            f"目录中为{LAW_2021}第九十九条第（一）项",
        ),
    ]


def test_constructing_a_checklist_with_a_bad_link_is_refused() -> None:
    bad = _item("1", "warning-signs-missing", f"{LAW_2021}第一百零二条")
    with pytest.raises(
        ValidationError, match=r"item\[0\]\.enforcement: 违法行为 warning-signs-missing"
    ):
        Checklist(id="user-list", name="企业自编检查表", confidence="official", item=[bad])
