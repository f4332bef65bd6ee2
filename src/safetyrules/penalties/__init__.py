"""Administrative penalties (行政处罚) under the 安全生产法: statutory provisions by version, the
violation catalogue, accident fines, and 从旧兼从轻.

>>> from datetime import date
>>> violation("special-operators-uncertified", as_of=date(2020, 1, 1)).version("work-safety-law-2014").citation.text
'《中华人民共和国安全生产法》（2014年修正）第九十四条第（七）项'
"""

from safetyrules.penalties.accident_fines import FineRange, accident_fine, principal_fine
from safetyrules.penalties.accident_regulation import (
    RegulationAmount,
    RegulationConduct,
    RegulationPenalty,
    RegulationVsLaw,
    regulation_fine,
    regulation_penalty,
    regulation_vs_law,
)
from safetyrules.penalties.accident_tiers import (
    ConcealedMaximum,
    FineTier,
    TierCriterion,
    TierMatch,
    TierRule,
    fine_tier,
    tier_rule_on,
    tier_rules,
)
from safetyrules.penalties.benchmarks import (
    BenchmarkRow,
    FactCondition,
    benchmarks,
    match_benchmark,
    read_benchmarks,
    register_benchmarks,
)
from safetyrules.penalties.circumstances import (
    Basis,
    Circumstance,
    Effect,
    circumstance,
    circumstances,
    gaps,
)
from safetyrules.penalties.daily_fines import DailyFine, daily_fine
from safetyrules.penalties.discretion import (
    AppliedCircumstance,
    IgnoredCircumstance,
    Recommendation,
    recommend,
)
from safetyrules.penalties.income_fines import income_share_fine
from safetyrules.penalties.limitation_period import LimitationPeriod, limitation
from safetyrules.penalties.one_fine import FineBand, HigherFine, one_act_one_fine
from safetyrules.penalties.placement import (
    BandForm,
    PlacementVariant,
    SubRange,
    Tier,
    place,
    placement_for,
    placement_variant,
    placement_variants,
    read_placement,
    register_placement,
)
from safetyrules.penalties.provisions import (
    LAWS,
    Fine,
    PenaltyProvision,
    Stage,
    Violation,
    ViolationVersion,
    law_on,
    provision,
    provisions,
    violation,
    violation_provision,
)
from safetyrules.penalties.statutory import statutory_range
from safetyrules.penalties.surcharge import LateSurcharge, late_payment_surcharge
from safetyrules.penalties.versions import lighter_version

__all__ = [
    "LAWS",
    "AppliedCircumstance",
    "BandForm",
    "Basis",
    "BenchmarkRow",
    "Circumstance",
    "ConcealedMaximum",
    "DailyFine",
    "Effect",
    "FactCondition",
    "Fine",
    "FineBand",
    "FineRange",
    "FineTier",
    "HigherFine",
    "IgnoredCircumstance",
    "LateSurcharge",
    "LimitationPeriod",
    "PenaltyProvision",
    "PlacementVariant",
    "Recommendation",
    "RegulationAmount",
    "RegulationConduct",
    "RegulationPenalty",
    "RegulationVsLaw",
    "Stage",
    "SubRange",
    "Tier",
    "TierCriterion",
    "TierMatch",
    "TierRule",
    "Violation",
    "ViolationVersion",
    "accident_fine",
    "benchmarks",
    "circumstance",
    "circumstances",
    "daily_fine",
    "fine_tier",
    "gaps",
    "income_share_fine",
    "late_payment_surcharge",
    "law_on",
    "lighter_version",
    "limitation",
    "match_benchmark",
    "one_act_one_fine",
    "place",
    "placement_for",
    "placement_variant",
    "placement_variants",
    "principal_fine",
    "provision",
    "provisions",
    "read_benchmarks",
    "read_placement",
    "recommend",
    "register_benchmarks",
    "register_placement",
    "regulation_fine",
    "regulation_penalty",
    "regulation_vs_law",
    "statutory_range",
    "tier_rule_on",
    "tier_rules",
    "violation",
    "violation_provision",
]
