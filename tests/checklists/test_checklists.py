"""Checklists: the shipped files load with every link resolved; inspections give three outputs."""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from pydantic import ValidationError

from safetyrules.audit import demo_enterprise
from safetyrules.checklists import PACKAGED, Answer, inspect, load_checklist
from safetyrules.enterprise import Enterprise
from safetyrules.errors import InvalidInput, RuleDataError
from safetyrules.hazards import HazardLevel
from safetyrules.law.data_files import read_packaged_text
from safetyrules.scoring import load_standard, score


@pytest.mark.parametrize("checklist_id", PACKAGED)
def test_every_shipped_checklist_loads_with_its_links_resolved(checklist_id: str) -> None:
    checklist = load_checklist(checklist_id)
    for item in checklist.items:
        assert item.standardization or item.hazard or item.enforcement
        if item.standardization is not None:
            link = item.standardization
            load_standard(link.standard).item(link.item).rule(link.rule)
        if item.hazard is not None and item.hazard.level == "重大":
            assert item.hazard.major_basis is not None


def test_the_judgement_standards_have_the_reference_counts() -> None:
    # 令10 has 64 items (中新网 2023-04-19; aqrzj.com/doc/370471.html): 第三条 3, 第四条 8, 第五条 13,
    # 第六条 8, 第七条 7, 第八条 7, 第九条 2, 第十条 2, 第十一条 10, 第十二条 2, 第十三条 2 (the counts
    # for 第四、五、七、八、九条 未见来源), plus 第十四条; the 2017 工贸 version 59
    # (m.wenke99.com/p-14229007.html); the 化工 standard 20 (公开代码（仓库未识别）).
    trade = load_checklist("trade-major-hazard-2023")
    by_article = Counter(i.id.split("-")[0] for i in trade.items)
    assert dict(by_article) == {
        "3": 3, "4": 8, "5": 13, "6": 8, "7": 7, "8": 7, "9": 2, "10": 2, "11": 10, "12": 2, "13": 2, "14": 1,
    }  # fmt: skip
    assert len(load_checklist("trade-major-hazard-2017").items) == 59
    assert len(load_checklist("chemical-major-hazard-2017").items) == 20


def test_a_failed_major_item_yields_a_major_hazard_citing_its_clause() -> None:
    trade = load_checklist("trade-major-hazard-2023")
    result = inspect(
        trade, demo_enterprise(), [Answer(item="11-3", outcome="不符合")], date(2025, 1, 6)
    )
    (hazard,) = result.hazards
    assert hazard.level is HazardLevel.MAJOR
    assert str(hazard.major_basis).endswith("（应急管理部令第10号）第十一条第（三）项")
    assert result.findings[0].penalty.text.endswith("第一百零二条")


def test_items_for_other_enterprises_are_skipped_with_the_reason() -> None:
    # The dust items need the 涉爆粉尘 flag; an enterprise without it skips them.
    plain = demo_enterprise().model_copy(update={"flags": frozenset()})
    result = inspect(load_checklist("dust-explosion"), plain, [], date(2025, 1, 6))
    skipped = {s.item: s.reason for s in result.skipped}
    assert "涉爆粉尘" in skipped["11-3"]
    assert "3-1" in result.unanswered


def test_items_whose_basis_is_not_in_force_are_skipped() -> None:
    # 令10 takes effect on 2023-05-15; the 2017 工贸 standard ends the day before.
    trade = load_checklist("trade-major-hazard-2023")
    before = inspect(trade, demo_enterprise(), [], date(2023, 5, 14))
    on = inspect(trade, demo_enterprise(), [], date(2023, 5, 15))
    assert "11-3" in {s.item for s in before.skipped}
    assert "11-3" in on.unanswered
    old = load_checklist("trade-major-hazard-2017")
    assert inspect(old, demo_enterprise(), [], date(2023, 5, 15)).unanswered == ()


def test_deductions_merge_into_scoring_results() -> None:
    law = load_checklist("work-safety-law-obligations")
    answers = [
        Answer(item="law-35", outcome="不符合", count=2),
        Answer(item="law-45", outcome="不符合", count=1),
    ]
    result = inspect(law, demo_enterprise(), answers, date(2025, 1, 6))
    general = load_standard("general-gbt-33000-2016")
    found = result.item_results(general.id)
    rest = [{"item": i.id} for i in general.items if i.id not in {r.item for r in found}]
    # 5.4.4-1 rule b: 2 × 2 = 4; 5.4.2-6 rule b: 1 × 2 = 2; 1000 - 6 = 994 → 99.4.
    assert score(general, [*found, *rest]).score == Decimal("99.4")


def test_bad_answers_are_refused() -> None:
    law = load_checklist("work-safety-law-obligations")
    with pytest.raises(InvalidInput):
        inspect(law, demo_enterprise(), [Answer(item="nope", outcome="符合")], date(2025, 1, 6))
    twice = [Answer(item="law-35", outcome="符合"), Answer(item="law-35", outcome="符合")]
    with pytest.raises(InvalidInput, match="两条"):
        inspect(law, demo_enterprise(), twice, date(2025, 1, 6))
    with pytest.raises(ValidationError, match="须说明理由"):
        Answer(item="law-35", outcome="不适用")


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    text = read_packaged_text("checklists/work-safety-law-obligations.toml")
    assert old in text
    path = tmp_path / "checklist.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ('id = "law-28-4"', 'id = "law-28-1"', "item"),
        ('item = "5.3.2-5", rule = "b"', 'item = "5.3.2-5", rule = "z"', "item[0].standardization"),
        ('item = "5.3.2-5"', 'item = "5.9.9-9"', "item[0].standardization"),
        ('penalty = "第九十七条第（三）项"', 'penalty = "第X条"', "item[0].enforcement"),
    ],
)
def test_a_broken_file_names_the_key(tmp_path: Path, old: str, new: str, key: str) -> None:
    with pytest.raises(RuleDataError) as error:
        load_checklist(_broken(tmp_path, old, new))
    assert error.value.key.startswith(key)


def test_an_item_without_any_link_is_refused(tmp_path: Path) -> None:
    text = read_packaged_text("checklists/work-safety-law-obligations.toml")
    start = text.index('hazard = { description = "未按照规定对从业人员')
    end = text.index("\n\n[[item]]", start)
    path = tmp_path / "checklist.toml"
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(RuleDataError, match="至少须有一个关联"):
        load_checklist(path)


def test_an_enterprise_in_a_sector_gets_its_sector_items() -> None:
    # 冶金 = GB/T 4754 大类 31 in the checklist's sector table; 第四条 applies to 冶金 only.
    steel = Enterprise(**{**demo_enterprise().model_dump(), "industry": "3110"})
    trade = load_checklist("trade-major-hazard-2023")
    result = inspect(trade, steel, [], date(2025, 1, 6))
    assert "4-1" in result.unanswered
    assert "4-1" in {
        s.item for s in inspect(trade, demo_enterprise(), [], date(2025, 1, 6)).skipped
    }
