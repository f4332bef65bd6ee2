"""Safety risk grading (安全风险分级管控): LEC, LS and MES with named band schemes, direct
judgement, the four levels and colours, who controls each level, and risk registers.

《中华人民共和国安全生产法》（2021年修正）第四十一条 requires a 安全风险分级管控制度; the four levels
and colours come from 安委办〔2016〕11号. Score bands are practice, not law: they are named,
sourced presets, and users register their own. GB 18218-2018 重大危险源辨识 lives in
:mod:`safetyrules.risk.major_hazard`.

>>> a = lec(3, 6, 7)
>>> a.level.value, a.colour.value, a.grade
('一般风险', '黄', '3级')
>>> ls(4, 4, scheme="ls-city-hazchem").level.value
'重大风险'
"""

from safetyrules.risk import major_hazard
from safetyrules.risk.assessment import RiskAssessment, assess, lec, ls, mes
from safetyrules.risk.control import ControlLevel, ControlRule, control_rule, controlled_at
from safetyrules.risk.direct import (
    DirectCondition,
    direct_condition,
    direct_conditions,
    read_direct_conditions,
    register_direct_conditions,
)
from safetyrules.risk.level import RiskColour, RiskLevel, levels_citation
from safetyrules.risk.lookup import RiskTable, ScoredLevel, risk_table
from safetyrules.risk.methods import Factor, FactorValue, Method, MethodName, method
from safetyrules.risk.register import (
    ControlMeasures,
    GradedRiskPoint,
    HeatMap,
    RegisterGrading,
    RiskPoint,
    RiskPointKind,
    grade_register,
)
from safetyrules.risk.schemes import (
    Scheme,
    SchemeBand,
    default_scheme,
    parse_interval,
    read_schemes,
    register_schemes,
    scheme,
    schemes,
    schemes_to_toml,
)

__all__ = [
    "ControlLevel",
    "ControlMeasures",
    "ControlRule",
    "DirectCondition",
    "Factor",
    "FactorValue",
    "GradedRiskPoint",
    "HeatMap",
    "Method",
    "MethodName",
    "RegisterGrading",
    "RiskAssessment",
    "RiskColour",
    "RiskLevel",
    "RiskPoint",
    "RiskPointKind",
    "RiskTable",
    "Scheme",
    "SchemeBand",
    "ScoredLevel",
    "assess",
    "control_rule",
    "controlled_at",
    "default_scheme",
    "direct_condition",
    "direct_conditions",
    "grade_register",
    "lec",
    "levels_citation",
    "ls",
    "major_hazard",
    "mes",
    "method",
    "parse_interval",
    "read_direct_conditions",
    "read_schemes",
    "register_direct_conditions",
    "register_schemes",
    "risk_table",
    "scheme",
    "schemes",
    "schemes_to_toml",
]
