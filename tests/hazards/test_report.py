"""Tests of the 重大事故隐患 report and its 治理方案 (16号令第十四条、第十五条): missing parts."""

from __future__ import annotations

import pytest

from safetyrules.errors import InvalidInput
from safetyrules.hazards import MajorHazardReport, RectificationPlan, check_report, missing_parts

FULL_PLAN = RectificationPlan(
    goals_and_tasks="消除除尘系统爆炸危险",
    methods_and_measures="加装泄爆装置，改造锁气卸灰装置",
    funds_and_materials="专项资金 30 万元，设备部采购",
    organisation_and_personnel="设备部牵头，安全管理部监督",
    time_limit_and_requirements="2024年4月30日前完成并验收",
    safety_measures_and_emergency_plan="治理期间停用除尘系统，落实粉尘爆炸专项应急预案",
)


def test_a_complete_report_misses_nothing() -> None:
    report = MajorHazardReport(
        hazard_id="YH-M",
        situation_and_causes="干式除尘系统未设泄爆装置，原设计缺陷",
        severity_and_difficulty="可能引发粉尘爆炸；须停产改造，整改难度较大",
        plan=FULL_PLAN,
    )
    assert missing_parts(report) == ()
    assert len(check_report(report)) == 0


def test_an_empty_report_misses_its_three_parts() -> None:
    names = [p.name for p in missing_parts(MajorHazardReport())]
    assert names == ["隐患的现状及其产生原因", "隐患的危害程度和整改难易程度分析", "隐患的治理方案"]


@pytest.mark.parametrize("blank", ["", "   ", "\n\t"])
def test_blank_text_counts_as_missing(blank: str) -> None:
    plan = FULL_PLAN.model_copy(update={"funds_and_materials": blank, "goals_and_tasks": blank})
    assert [p.field for p in missing_parts(plan)] == ["goals_and_tasks", "funds_and_materials"]


def test_an_incomplete_plan_lists_its_own_parts_with_their_citation() -> None:
    plan = FULL_PLAN.model_copy(update={"safety_measures_and_emergency_plan": ""})
    report = MajorHazardReport(situation_and_causes="……", severity_and_difficulty="……", plan=plan)
    (part,) = missing_parts(report)
    assert part.name == "安全措施和应急预案"
    assert str(part.citation) == (
        "《安全生产事故隐患排查治理暂行规定》（国家安全生产监督管理总局令第16号）第十五条"
    )
    assert part.confidence.value == "secondary"


def test_the_report_parts_cite_article_14() -> None:
    for part in missing_parts(MajorHazardReport()):
        assert str(part.citation.provision) == "第十四条"


def test_the_check_reads_as_reasons() -> None:
    text = check_report(MajorHazardReport(situation_and_causes="……", plan=FULL_PLAN)).text()
    assert text == (
        "1. 重大事故隐患报告缺少“隐患的危害程度和整改难易程度分析”。依据：《安全生产事故隐患排查治理暂行规定》"
        "（国家安全生产监督管理总局令第16号）第十四条"
    )


def test_other_documents_are_refused() -> None:
    with pytest.raises(InvalidInput, match="MajorHazardReport"):
        missing_parts({"plan": None})  # type: ignore[arg-type]


def test_reports_survive_json() -> None:
    report = MajorHazardReport(hazard_id="YH-M", plan=FULL_PLAN)
    assert MajorHazardReport.model_validate_json(report.model_dump_json()) == report
