"""The report on a 重大事故隐患 and its treatment plan (重大事故隐患报告 / 治理方案).

《安全生产事故隐患排查治理暂行规定》（原国家安全生产监督管理总局令第16号）: the report on a
重大事故隐患 covers (第十四条) 隐患的现状及其产生原因, 隐患的危害程度和整改难易程度分析 and
隐患的治理方案; the 治理方案, organised by the unit's 主要负责人, covers (第十五条) six parts:
治理的目标和任务, 采取的方法和措施, 经费和物资的落实, 负责治理的机构和人员, 治理的时限和要求,
安全措施和应急预案. The parts are read from the rule data with their citations (secondary:
secondary sources agree; the article numbers 第十四条、第十五条 are still to be checked against
the official text). 《中华人民共和国安全生产法》第四十一条第二款 requires the 重大事故隐患
排查治理情况 to be reported 及时 to the supervising department and to the 职工大会或者职工代表大会.

:func:`missing_parts` lists what a draft lacks; a blank or whitespace-only text is missing.

>>> plan = RectificationPlan(goals_and_tasks="消除除尘系统爆炸危险", methods_and_measures="加装泄爆装置")
>>> [p.name for p in missing_parts(plan)]
['经费和物资的落实', '负责治理的机构和人员', '治理的时限和要求', '安全措施和应急预案']
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from safetyrules.errors import InvalidInput, RuleDataError
from safetyrules.hazards.provisions import (
    DATA_FILE,
    HazardProvision,
    ProvisionKind,
    hazard_provisions,
)
from safetyrules.law.reason import Explanation


class RectificationPlan(BaseModel):
    """A 重大事故隐患治理方案 and its six parts (16号令第十五条).

    Every part defaults to blank, so a draft can be checked with :func:`missing_parts`.

    >>> RectificationPlan(goals_and_tasks="消除除尘系统爆炸危险").funds_and_materials
    ''
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    goals_and_tasks: str = Field(default="", description="治理的目标和任务")
    methods_and_measures: str = Field(default="", description="采取的方法和措施")
    funds_and_materials: str = Field(default="", description="经费和物资的落实")
    organisation_and_personnel: str = Field(default="", description="负责治理的机构和人员")
    time_limit_and_requirements: str = Field(default="", description="治理的时限和要求")
    safety_measures_and_emergency_plan: str = Field(default="", description="安全措施和应急预案")


class MajorHazardReport(BaseModel):
    """The report on a 重大事故隐患 (重大事故隐患报告, 16号令第十四条).

    ``hazard_id`` links it to the :class:`~safetyrules.hazards.record.HazardRecord`.

    >>> r = MajorHazardReport(hazard_id="YH-2024-032", situation_and_causes="干式除尘系统无泄爆装置")
    >>> [p.name for p in missing_parts(r)]
    ['隐患的危害程度和整改难易程度分析', '隐患的治理方案']
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    hazard_id: str | None = Field(default=None, description="隐患编号")
    situation_and_causes: str = Field(default="", description="隐患的现状及其产生原因")
    severity_and_difficulty: str = Field(default="", description="隐患的危害程度和整改难易程度分析")
    plan: RectificationPlan | None = Field(default=None, description="隐患的治理方案")


def missing_parts(
    document: MajorHazardReport | RectificationPlan,
) -> tuple[HazardProvision, ...]:
    """The required parts a report or a plan lacks (缺少的报告或治理方案内容), each with its
    citation, in the order of the article.

    For a report, a missing plan is one missing part (隐患的治理方案); a plan that is there
    but incomplete contributes its own missing parts instead.

    >>> full = RectificationPlan(**{f: "已写明" for f in RectificationPlan.model_fields})
    >>> missing_parts(full)
    ()
    >>> report = MajorHazardReport(situation_and_causes="……", severity_and_difficulty="  ",
    ...                            plan=full.model_copy(update={"funds_and_materials": ""}))
    >>> [(p.name, str(p.citation.provision)) for p in missing_parts(report)]
    [('隐患的危害程度和整改难易程度分析', '第十四条'), ('经费和物资的落实', '第十五条')]
    """
    if isinstance(document, RectificationPlan):
        return tuple(p for p in _parts(ProvisionKind.PLAN_PART) if _blank(document, p))
    if not isinstance(document, MajorHazardReport):
        raise InvalidInput("document", document, "必须是 MajorHazardReport 或 RectificationPlan")
    missing: list[HazardProvision] = []
    for part in _parts(ProvisionKind.REPORT_PART):
        if part.field == "plan":
            if document.plan is None:
                missing.append(part)
            else:
                missing += missing_parts(document.plan)
        elif _blank(document, part):
            missing.append(part)
    return tuple(missing)


def check_report(document: MajorHazardReport | RectificationPlan) -> Explanation:
    """The missing parts as reasons an auditor can paste (报告内容核查); empty when complete.

    >>> print(check_report(RectificationPlan(goals_and_tasks="……", methods_and_measures="……",
    ...     funds_and_materials="……", organisation_and_personnel="……",
    ...     time_limit_and_requirements="……")).text())
    1. 重大事故隐患治理方案缺少“安全措施和应急预案”。依据：《安全生产事故隐患排查治理暂行规定》（国家安全生产监督管理总局令第16号）第十五条
    """
    reasons = []
    for part in missing_parts(document):
        whole = (
            "重大事故隐患报告" if part.kind is ProvisionKind.REPORT_PART else "重大事故隐患治理方案"
        )
        reasons.append(part.reason(f"{whole}缺少“{part.name}”", rule=f"hazard.{part.id}.missing"))
    return Explanation(reasons=tuple(reasons))


def _parts(kind: ProvisionKind) -> tuple[HazardProvision, ...]:
    parts = hazard_provisions(kind)
    model = MajorHazardReport if kind is ProvisionKind.REPORT_PART else RectificationPlan
    for part in parts:
        if part.field not in model.model_fields:
            raise RuleDataError(DATA_FILE, part.id, f"{model.__name__} 没有字段 {part.field!r}")
    return parts


def _blank(document: BaseModel, part: HazardProvision) -> bool:
    value = getattr(document, part.field or "")
    return not isinstance(value, str) or not value.strip()
