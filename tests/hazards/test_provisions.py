"""Tests of the hazard rule data (hazards/provisions.toml) and the definitions of 16号令第三条.

Expected wording: 16号令第三条 as reproduced by several secondary sources
(anquan.party/thread-31888-1-1.html, www28g.com/authority/regulations/68999.html,
laweer.com/question/7ceb91d65f8a6.html); 安全生产法第四十一条 copied by hand from the official text
(国家法律法规数据库).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from safetyrules.errors import RuleDataError, UnknownReference
from safetyrules.hazards import (
    HazardLevel,
    HazardSource,
    HazardStatus,
    MajorHazardReport,
    ProvisionKind,
    RectificationPlan,
    hazard_definition,
    hazard_provision,
    hazard_provisions,
    read_hazard_provisions,
)
from safetyrules.law.confidence import Confidence

GENERAL = "一般事故隐患，是指危害和整改难度较小，发现后能够立即整改排除的隐患。"
MAJOR = (
    "重大事故隐患，是指危害和整改难度较大，应当全部或者局部停产停业，并经过一定时间整改治理方能"
    "排除的隐患，或者因外部因素影响致使生产经营单位自身难以排除的隐患。"
)
# 安全生产法（2021年修正）第四十一条第二款、第三款（官方文本）。
ARTICLE_41_2 = (
    "生产经营单位应当建立健全并落实生产安全事故隐患排查治理制度，采取技术、管理措施，及时发现并"
    "消除事故隐患。事故隐患排查治理情况应当如实记录，并通过职工大会或者职工代表大会、信息公示栏等"
    "方式向从业人员通报。其中，重大事故隐患排查治理情况应当及时向负有安全生产监督管理职责的部门和"
    "职工大会或者职工代表大会报告。"
)
ARTICLE_41_3 = (
    "县级以上地方各级人民政府负有安全生产监督管理职责的部门应当将重大事故隐患纳入相关信息系统，"
    "建立健全重大事故隐患治理督办制度，督促生产经营单位消除重大事故隐患。"
)


def test_the_level_definitions_are_the_wording_of_article_3() -> None:
    assert HazardLevel.GENERAL.definition.text == GENERAL
    assert HazardLevel.MAJOR.definition.text == MAJOR
    for level in HazardLevel:
        d = level.definition
        assert d.quoted
        assert d.confidence is Confidence.SECONDARY
        assert str(d.citation) == (
            "《安全生产事故隐患排查治理暂行规定》（国家安全生产监督管理总局令第16号）第三条"
        )


def test_the_sources_follow_article_3_and_note_the_other_wording() -> None:
    assert [s.value for s in HazardSource] == ["物的危险状态", "人的不安全行为", "管理上的缺陷"]
    assert "物的危险状态、人的不安全行为和管理上的缺陷" in hazard_definition().text
    assert "物的不安全状态" not in hazard_definition().text
    assert "物的不安全状态" in HazardSource.HAZARDOUS_CONDITION.definition.note
    for source in HazardSource:
        assert source.definition.text == source.value


def test_every_status_has_its_basis() -> None:
    confidences = {s: s.basis.confidence for s in HazardStatus}
    assert confidences == {
        HazardStatus.FOUND: Confidence.OFFICIAL,
        HazardStatus.REGISTERED: Confidence.OFFICIAL,
        HazardStatus.RECTIFYING: Confidence.SECONDARY,
        HazardStatus.LISTED_FOR_SUPERVISION: Confidence.OFFICIAL,
        HazardStatus.ACCEPTED: Confidence.UNVERIFIED,  # 16号令第十八条: not seen in any source
        HazardStatus.CLOSED: Confidence.UNVERIFIED,  # 16号令第二十二条 核销: not seen either
    }
    assert [s.basis.name for s in HazardStatus] == [s.value for s in HazardStatus]


def test_the_quotes_of_article_41_are_the_official_text() -> None:
    assert ARTICLE_41_2.startswith(HazardStatus.FOUND.basis.text)
    assert HazardStatus.REGISTERED.basis.text in ARTICLE_41_2
    assert hazard_provision("major.report").text in ARTICLE_41_2
    assert HazardStatus.LISTED_FOR_SUPERVISION.basis.text == ARTICLE_41_3
    for entry in hazard_provisions():
        if entry.citation.instrument == "work-safety-law-2021":
            assert entry.confidence is Confidence.OFFICIAL
            assert entry.quoted
            assert entry.text in ARTICLE_41_2 + ARTICLE_41_3


def test_report_and_plan_parts_cover_the_model_fields_exactly() -> None:
    report = [p.field for p in hazard_provisions(ProvisionKind.REPORT_PART)]
    plan = [p.field for p in hazard_provisions(ProvisionKind.PLAN_PART)]
    assert report == [f for f in MajorHazardReport.model_fields if f != "hazard_id"]
    assert plan == list(RectificationPlan.model_fields)
    assert [p.name for p in hazard_provisions(ProvisionKind.PLAN_PART)] == [
        "治理的目标和任务",
        "采取的方法和措施",
        "经费和物资的落实",
        "负责治理的机构和人员",
        "治理的时限和要求",
        "安全措施和应急预案",
    ]


def test_every_entry_has_a_citation_confidence_and_source() -> None:
    entries = hazard_provisions()
    assert len({e.id for e in entries}) == len(entries)
    for entry in entries:
        assert entry.citation.instrument in {
            "hazard-investigation-provisions",
            "work-safety-law-2021",
        }
        assert entry.sources
        if entry.confidence is Confidence.UNVERIFIED:
            assert entry.note


def test_an_unknown_id_is_named() -> None:
    with pytest.raises(UnknownReference, match="no-such"):
        hazard_provision("no-such")


ENTRY = """
[[{table}]]
id = "{id}"
name = "名称"
text = "条文"
citation = {{ instrument = "{instrument}", provision = "第三条" }}
confidence = "secondary"
quoted = false
sources = ["示例"]
{extra}
"""


def _file(tmp_path: Path, *entries: dict[str, str]) -> Path:
    text = ""
    for entry in entries:
        fields = {
            "table": "definition",
            "instrument": "hazard-investigation-provisions",
            "extra": "",
        }
        text += ENTRY.format(**{**fields, **entry})
    path = tmp_path / "provisions.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_valid_user_file_loads(tmp_path: Path) -> None:
    path = _file(tmp_path, {"id": "a"}, {"id": "b", "table": "plan_part", "extra": 'field = "x"'})
    assert [p.kind for p in read_hazard_provisions(path)] == [
        ProvisionKind.DEFINITION,
        ProvisionKind.PLAN_PART,
    ]


@pytest.mark.parametrize(
    ("entries", "key", "message"),
    [
        (({"id": "a"}, {"id": "a"}), "definition[1].id", "id 重复"),
        (
            ({"id": "a", "instrument": "no-such-law"},),
            "definition[0].citation.instrument",
            "目录中没有",
        ),
        (({"id": "a", "table": "plan_part"},), "plan_part[0].field", "须写明字段名"),
        (({"id": "a", "extra": 'field = "x"'},), "definition[0].field", "只有报告或治理方案"),
        (({"id": "a", "table": "deadline"},), "deadline[0].day", "须写明日"),
        (({"id": "a", "table": "deadlines"},), "deadlines", "未知的表数组"),
        (({"id": "A b"},), "definition[0].id", "pattern"),
    ],
)
def test_defects_are_named_by_file_and_key(
    tmp_path: Path, entries: tuple[dict[str, str], ...], key: str, message: str
) -> None:
    path = _file(tmp_path, *entries)
    with pytest.raises(RuleDataError, match=message) as caught:
        read_hazard_provisions(path)
    assert caught.value.file == str(path)
    assert caught.value.key == key
