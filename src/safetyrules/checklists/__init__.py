"""Three-standard checklists (三标融合检查表): one inspection item serves standardization
scoring, hazard investigation and enforcement at once.

>>> c = load_checklist("work-safety-law-obligations")
>>> str(c.item("law-35").enforcement.penalty)
'《中华人民共和国安全生产法》（2021年修正）第九十九条第（一）项'
"""

from safetyrules.checklists.checklist import (
    PACKAGED,
    Applicability,
    Checklist,
    ChecklistItem,
    EnforcementLink,
    HazardLink,
    Sector,
    StandardizationLink,
    check_checklist,
    load_checklist,
)
from safetyrules.checklists.inspection import (
    Answer,
    EnforcementFinding,
    InspectionRecord,
    InspectionResult,
    Outcome,
    SkippedItem,
    StandardizationDeduction,
    inspect,
)

__all__ = [
    "PACKAGED",
    "Answer",
    "Applicability",
    "Checklist",
    "ChecklistItem",
    "EnforcementFinding",
    "EnforcementLink",
    "HazardLink",
    "InspectionRecord",
    "InspectionResult",
    "Outcome",
    "Sector",
    "SkippedItem",
    "StandardizationDeduction",
    "StandardizationLink",
    "check_checklist",
    "inspect",
    "load_checklist",
]
