"""Safety responsibility (安全生产责任): statutory duties, an enterprise's 全员安全生产责任制,
staffing thresholds, and the three lists (重大风险清单、风险管控责任清单、责任追究清单) with the
包保责任 of major hazard installations.

- :mod:`~safetyrules.responsibility.duties`: the duties of the 主要负责人 (2021 第二十一条), the
  安全生产管理机构以及安全生产管理人员 (第二十五条), the 其他负责人 (第五条) and every post
  (第二十二条), quoted from the official text;
- :mod:`~safetyrules.responsibility.staffing`: who must have a safety organisation, full-time or
  part-time safety staff and 注册安全工程师 (第二十四条, 第二十七条), with the stricter 浙江 rule;
- :mod:`~safetyrules.responsibility.system`: an enterprise's posts and duties, checked;
- :mod:`~safetyrules.responsibility.risk_lists`, :mod:`~safetyrules.responsibility.accountability`,
  :mod:`~safetyrules.responsibility.custody`: the three lists and 包保责任.

A hazardous-goods store in 嘉兴市南湖区 with 350 employees (浙江省安全生产条例（2016年修订）第十一条
第一款第（一）项: 三百人以上 → 机构, 专职人员不低于从业人员百分之一, so 3.5 → 4):

>>> from datetime import date
>>> req = staffing_requirement(
...     StaffingInputs(employees=350, jurisdiction="330402", categories=["危险物品的储存"]),
...     on=date(2022, 1, 1))
>>> [(c.kind.value, c.minimum) for c in req.clauses]
[('设置安全生产管理机构或者配备专职安全生产管理人员', 1), ('设置安全生产管理机构', 0),
 ('配备专职安全生产管理人员', 4), ('有注册安全工程师从事安全生产管理工作', 1)]
"""

from safetyrules.responsibility.accountability import (
    AccountabilityCase,
    AccountabilityList,
    AccountabilityRow,
    accountability_list,
)
from safetyrules.responsibility.custody import (
    CustodyAssignment,
    CustodyList,
    CustodyRow,
    custody_list,
)
from safetyrules.responsibility.duties import (
    Coverage,
    DutyHolder,
    StatutoryDuty,
    read_statutory_duties,
    statutory_duties,
    statutory_duty,
)
from safetyrules.responsibility.risk_lists import (
    ControlResponsibilityList,
    ControlRow,
    ListProblem,
    MajorRiskList,
    MajorRiskRow,
    control_responsibility_list,
    major_risk_list,
)
from safetyrules.responsibility.rows import Column, export
from safetyrules.responsibility.staffing import (
    ClauseSpec,
    StaffingActual,
    StaffingCheck,
    StaffingClause,
    StaffingInputs,
    StaffingKind,
    StaffingRequirement,
    StaffingRule,
    StaffingShortfall,
    UnitCategory,
    check_staffing,
    read_staffing_rules,
    staffing_overlays,
    staffing_requirement,
    staffing_rule,
)
from safetyrules.responsibility.system import (
    CHIEF_SAFETY_OFFICER,
    EnterpriseRole,
    Finding,
    FindingKind,
    InputProblem,
    Post,
    PostRole,
    ResponsibilitySystem,
    SafetyStaffing,
    SystemCheck,
    check_system,
    enterprise_role,
)

__all__ = [
    "CHIEF_SAFETY_OFFICER",
    "AccountabilityCase",
    "AccountabilityList",
    "AccountabilityRow",
    "ClauseSpec",
    "Column",
    "ControlResponsibilityList",
    "ControlRow",
    "Coverage",
    "CustodyAssignment",
    "CustodyList",
    "CustodyRow",
    "DutyHolder",
    "EnterpriseRole",
    "Finding",
    "FindingKind",
    "InputProblem",
    "ListProblem",
    "MajorRiskList",
    "MajorRiskRow",
    "Post",
    "PostRole",
    "ResponsibilitySystem",
    "SafetyStaffing",
    "StaffingActual",
    "StaffingCheck",
    "StaffingClause",
    "StaffingInputs",
    "StaffingKind",
    "StaffingRequirement",
    "StaffingRule",
    "StaffingShortfall",
    "StatutoryDuty",
    "SystemCheck",
    "UnitCategory",
    "accountability_list",
    "check_staffing",
    "check_system",
    "control_responsibility_list",
    "custody_list",
    "enterprise_role",
    "export",
    "major_risk_list",
    "read_staffing_rules",
    "read_statutory_duties",
    "staffing_overlays",
    "staffing_requirement",
    "staffing_rule",
    "statutory_duties",
    "statutory_duty",
]
