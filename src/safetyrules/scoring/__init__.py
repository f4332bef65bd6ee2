"""Work-safety standardization (安全生产标准化): element skeletons, scoring standards, scoring and
grading (定级).

The element skeletons of AQ/T 9006-2010, GB/T 33000-2016 and GB/T 33000—2025 are dated data;
scoring standards (评分标准) are data in one TOML format, the library shipping a general standard
derived from GB/T 33000-2016; :func:`score` turns item results into the 100-point score with
every deduction explained.

>>> standard = load_standard("general-gbt-33000-2016")
>>> len(standard.skeleton.top_level())
8
"""

from safetyrules.scoring.elements import Element, Skeleton, skeleton, skeleton_on
from safetyrules.scoring.grading import GradingResult, ScoreSummary, grade
from safetyrules.scoring.grading_data import grading_regime, grading_regimes
from safetyrules.scoring.grading_record import (
    NEVER,
    GradingRecord,
    ReapplicationEvents,
    RevocationEvents,
)
from safetyrules.scoring.grading_rules import GradingRegime
from safetyrules.scoring.level import StandardizationLevel
from safetyrules.scoring.revocation import (
    ReapplicationResult,
    RevocationResult,
    reapplication_without_review,
    revocation_check,
)
from safetyrules.scoring.score import (
    Deduction,
    ElementScore,
    GateResult,
    ItemResult,
    ItemScore,
    ItemStatus,
    ScoringAssessment,
    score,
)
from safetyrules.scoring.self_assessment import GradingApplication, SelfAssessment
from safetyrules.scoring.standard import (
    DeductionKind,
    DeductionRule,
    Gate,
    ScoringItem,
    ScoringStandard,
    check_standard,
    load_standard,
    standard_to_toml,
)

__all__ = [
    "NEVER",
    "Deduction",
    "DeductionKind",
    "DeductionRule",
    "Element",
    "ElementScore",
    "Gate",
    "GateResult",
    "GradingApplication",
    "GradingRecord",
    "GradingRegime",
    "GradingResult",
    "ItemResult",
    "ItemScore",
    "ItemStatus",
    "ReapplicationEvents",
    "ReapplicationResult",
    "RevocationEvents",
    "RevocationResult",
    "ScoreSummary",
    "ScoringAssessment",
    "ScoringItem",
    "ScoringStandard",
    "SelfAssessment",
    "Skeleton",
    "StandardizationLevel",
    "check_standard",
    "grade",
    "grading_regime",
    "grading_regimes",
    "load_standard",
    "reapplication_without_review",
    "revocation_check",
    "score",
    "skeleton",
    "skeleton_on",
    "standard_to_toml",
]
