"""Major hazard installations of hazardous chemicals (危险化学品重大危险源): GB 18218-2018
identification and grading, and what follows from the grade.

- :func:`assess` identifies one production or storage unit (S = Σ q/Q ≥ 1, 第4.2.1条) and,
  when it is a major hazard installation, grades it (R = α · Σ β·q/Q, 第4.3条; 表3–表6).
- :func:`chemical` finds a table-1 row by name, alias or CAS number; :func:`hazard_category`
  a table-2 row by symbol; :func:`gb18218_tables` holds tables 1–6.
- :mod:`~safetyrules.risk.major_hazard.duties`: the duties that follow from the grade under
  原国家安全监管总局令第40号 and the 包保责任制 (应急厅〔2021〕12号).

>>> a = assess({"二氧化硫": 200}, population=60)
>>> a.s, a.is_major, a.r, a.grade_label
(Decimal('10'), True, Decimal('30'), '三级')
>>> print(a.explanation.text())
1. 按储存单元辨识（生产单元、储存单元分别辨识）。依据：《危险化学品重大危险源辨识》（GB 18218-2018）第4.1.1条
2. 二氧化硫：按名称“二氧化硫”查得表1 第4行“二氧化硫”，临界量 Q = 20 t；q = 200 t，q/Q = 10。依据：...表1
3. S = Σ q/Q = 200/20 = 10，S ≥ 1，构成重大危险源。依据：...第4.2.1条
4. 二氧化硫：表3 所列毒性气体“二氧化硫”，β = 2。依据：...表3
5. 厂区边界向外扩展500m范围内常住人口 60 人，属“50～99人”一档，α = 1.5。依据：...表5
6. R = α × Σ β·q/Q = 1.5 × (2 × 200/20) = 30。依据：...第4.3条
7. R = 30，50 > R ≥ 10，为三级重大危险源。依据：...表6
"""

from safetyrules.risk.major_hazard.assessment import (
    MajorHazardAssessment,
    SubstanceLine,
    assess,
)
from safetyrules.risk.major_hazard.cas import is_valid_cas, validate_cas
from safetyrules.risk.major_hazard.duties import (
    DutyDecision,
    MajorHazardDuties,
    duties_for,
    qra_required,
)
from safetyrules.risk.major_hazard.duties_data import (
    DutyNote,
    notes,
    obligations,
    reassessment_triggers,
    responsible_roles,
)
from safetyrules.risk.major_hazard.grading import BetaSource, alpha_for, grade_for
from safetyrules.risk.major_hazard.identification import (
    Mixture,
    MixtureRule,
    SubstanceInput,
    UnitKind,
)
from safetyrules.risk.major_hazard.lookup import (
    MatchedBy,
    chemical,
    hazard_category,
    suggestions,
)
from safetyrules.risk.major_hazard.obligations import Frequency, Obligation, ReassessmentTrigger
from safetyrules.risk.major_hazard.responsibility import ResponsibleRole, Role, RoleDuty
from safetyrules.risk.major_hazard.tables import (
    Chemical,
    HazardCategory,
    Tables,
    gb18218_tables,
    read_tables,
)
from safetyrules.risk.major_hazard.unit import HazardUnit

__all__ = [
    "BetaSource",
    "Chemical",
    "DutyDecision",
    "DutyNote",
    "Frequency",
    "HazardCategory",
    "HazardUnit",
    "MajorHazardAssessment",
    "MajorHazardDuties",
    "MatchedBy",
    "Mixture",
    "MixtureRule",
    "Obligation",
    "ReassessmentTrigger",
    "ResponsibleRole",
    "Role",
    "RoleDuty",
    "SubstanceInput",
    "SubstanceLine",
    "Tables",
    "UnitKind",
    "alpha_for",
    "assess",
    "chemical",
    "duties_for",
    "gb18218_tables",
    "grade_for",
    "hazard_category",
    "is_valid_cas",
    "notes",
    "obligations",
    "qra_required",
    "read_tables",
    "reassessment_triggers",
    "responsible_roles",
    "suggestions",
    "validate_cas",
]
