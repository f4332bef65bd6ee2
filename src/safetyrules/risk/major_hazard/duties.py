"""What follows from identification and grading (重大危险源的法定义务).

Two instruments, as data (``safetyrules/data/risk/major-hazard-duties.toml``):

- 原国家安全生产监督管理总局令第40号《危险化学品重大危险源监督管理暂行规定》 (2011-12-01):
  recording the identification (第七条), safety assessment (第八条), quantitative risk
  assessment (第九条), re-assessment every three years and on six triggers (第十一条),
  monitoring, emergency shutdown and SIS by grade (第十三条), drills (第二十一条), filing
  within 15 days (第二十三条).
- 《危险化学品企业重大危险源安全包保责任制办法（试行）》 (应急厅〔2021〕12号, 2021-02-04,
  valid three years; continuation after February 2024 unknown): three responsible persons
  per installation (主要负责人, 技术负责人, 操作负责人) and their duties (第三条至第七条).

Texts are summaries, not the official wording. Each item carries its citation and its
confidence: several article numbers of 第40号令 and all of 包保 第六条 are unverified. 危险化学品安全法 (2026-05-01) is recorded as a dated note, not as a rule: no
article of it on major hazard installations is on record.

The obligations of 第40号令 are described in :mod:`~safetyrules.risk.major_hazard.obligations`,
the 包保 roles in :mod:`~safetyrules.risk.major_hazard.responsibility`, the data file with its
dated notes in :mod:`~safetyrules.risk.major_hazard.duties_data`, and the duties decided by grade
and substance (第九条, 第十三条) in :mod:`~safetyrules.risk.major_hazard.duty_decisions`; this
module gathers the duties that follow from an assessment.

>>> [o.id for o in obligations(1) if o.grades]
['quantitative-risk-assessment', 'emergency-shutdown', 'safety-instrumented-system']
>>> [o.id for o in obligations(3) if o.grades]
[]
>>> [r.role.value for r in responsible_roles()]
['主要负责人', '技术负责人', '操作负责人']
>>> responsible_roles()[1].check_frequency.value
'每季度至少一次'
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from safetyrules.law.reason import Explanation, Reason
from safetyrules.risk.major_hazard.assessment import MajorHazardAssessment
from safetyrules.risk.major_hazard.duties_data import DATA_FILE as DATA_FILE
from safetyrules.risk.major_hazard.duties_data import DutyNote as DutyNote
from safetyrules.risk.major_hazard.duties_data import DutyRules as DutyRules
from safetyrules.risk.major_hazard.duties_data import notes as notes
from safetyrules.risk.major_hazard.duties_data import obligations as obligations
from safetyrules.risk.major_hazard.duties_data import read_duties as read_duties
from safetyrules.risk.major_hazard.duties_data import reassessment_triggers as reassessment_triggers
from safetyrules.risk.major_hazard.duties_data import responsible_roles as responsible_roles
from safetyrules.risk.major_hazard.duty_decisions import EXPLOSIVE_SYMBOLS as EXPLOSIVE_SYMBOLS
from safetyrules.risk.major_hazard.duty_decisions import TOXIC_GAS_SYMBOLS as TOXIC_GAS_SYMBOLS
from safetyrules.risk.major_hazard.duty_decisions import DutyDecision as DutyDecision
from safetyrules.risk.major_hazard.duty_decisions import (
    decide_qra,
    decide_sis,
    obligation_on,
    substance_groups,
)
from safetyrules.risk.major_hazard.duty_decisions import qra_required as qra_required
from safetyrules.risk.major_hazard.obligations import EMERGENCY_SHUTDOWN as EMERGENCY_SHUTDOWN
from safetyrules.risk.major_hazard.obligations import PROVISIONS as PROVISIONS
from safetyrules.risk.major_hazard.obligations import QRA as QRA
from safetyrules.risk.major_hazard.obligations import SIS as SIS
from safetyrules.risk.major_hazard.obligations import Frequency as Frequency
from safetyrules.risk.major_hazard.obligations import Obligation as Obligation
from safetyrules.risk.major_hazard.obligations import ReassessmentTrigger as ReassessmentTrigger
from safetyrules.risk.major_hazard.responsibility import (
    RESPONSIBILITY_MEASURES as RESPONSIBILITY_MEASURES,
)
from safetyrules.risk.major_hazard.responsibility import ResponsibleRole as ResponsibleRole
from safetyrules.risk.major_hazard.responsibility import Role as Role
from safetyrules.risk.major_hazard.responsibility import RoleDuty as RoleDuty

# The obligations, the 包保 roles, the notes and their reader, and the decisions by grade and
# substance live in their own modules; their public names are imported above as themselves
# (``X as X``) so that they can be imported from here too.


class MajorHazardDuties(BaseModel):
    """The duties that follow from one assessment (重大危险源义务清单).

    ``obligations`` are the ids of the duties that apply; ``conditional_obligations`` those
    that apply only if a further condition holds (e.g. 储存剧毒物质), stated in the explanation;
    the three decisions are None when the installation is major but its grade is not known.

    >>> from safetyrules.risk.major_hazard import assess
    >>> d = duties_for(assess({"氯": 10}, population=60))
    >>> d.grade, d.emergency_shutdown, "filing" in d.obligations
    (3, False, True)
    """

    model_config = ConfigDict(frozen=True)

    is_major: bool
    grade: int | None
    quantitative_risk_assessment: bool | None
    emergency_shutdown: bool | None
    safety_instrumented_system: bool | None
    obligations: tuple[str, ...]
    conditional_obligations: tuple[str, ...] = Field(
        default=(), description="另有适用条件的义务（条件见判定理由）"
    )
    notes: tuple[str, ...] = Field(description="所涉日期已有的提示")
    explanation: Explanation


def _conditional(o: Obligation) -> bool:
    # QRA and SIS carry conditions too, but duties_for decides them itself.
    return bool(o.condition) and o.id not in (QRA, SIS)


def duties_for(
    assessment: MajorHazardAssessment,
    *,
    toxic_gases: Iterable[str] = (),
    explosives: Iterable[str] = (),
    liquefied_flammable_gases: Iterable[str] = (),
    liquefied_gases: Iterable[str] = (),
    highly_toxic_liquids: Iterable[str] = (),
    as_of: date | None = None,
) -> MajorHazardDuties:
    """The duties that follow from an assessment (重大危险源义务清单).

    ``toxic_gases`` … ``highly_toxic_liquids`` name the lines that are such substances where
    table 3 and the hazard symbols cannot tell (液化气体, 剧毒液体, 液化易燃气体); a
    liquefied flammable gas counts as a liquefied gas. ``as_of`` defaults to the
    assessment's date.

    >>> from safetyrules.risk.major_hazard import assess
    >>> d = duties_for(assess({"氯": 50}, population=100))
    >>> d.grade, d.quantitative_risk_assessment, d.emergency_shutdown, d.safety_instrumented_system
    (2, True, True, True)
    >>> duties_for(assess({"氯": 1})).obligations
    ('record-identification',)
    """
    when = as_of if as_of is not None else assessment.as_of
    groups = substance_groups(
        assessment,
        toxic_gases=toxic_gases,
        explosives=explosives,
        liquefied_flammable_gases=liquefied_flammable_gases,
        liquefied_gases=liquefied_gases,
        highly_toxic_liquids=highly_toxic_liquids,
    )
    grade = assessment.grade
    applying = [
        o
        for o in obligations(as_of=when)
        if o.all_units
        or (assessment.is_major and (not o.grades if grade is None else o.applies_to(grade)))
    ]
    reasons: list[Reason] = []
    qra = shutdown = sis = None
    if not assessment.is_major:
        qra = shutdown = sis = False
        reasons.append(
            Reason(
                rule="risk.major_hazard.duty.not_major",
                message="不构成重大危险源，重大危险源的评估、监控、备案、包保等义务不适用；辨识过程与结果仍须记录",
                citation=obligation_on("record-identification", when).citation,
                confidence=obligation_on("record-identification", when).confidence,
            )
        )
    elif grade is None:
        reasons.append(
            Reason(
                rule="risk.major_hazard.duty.grade_unknown",
                message="构成重大危险源但级别未确定：定量风险评价、紧急停车系统、安全仪表系统等按级别确定的义务无法判断，下列只含不分级别的义务",
                citation=obligation_on("safety-assessment", when).citation,
                confidence=obligation_on("safety-assessment", when).confidence,
            )
        )
    else:
        qra_decision = decide_qra(assessment, groups, obligation_on(QRA, when))
        qra = qra_decision.required
        reasons += qra_decision.explanation.reasons
        shutdown_rule = obligation_on(EMERGENCY_SHUTDOWN, when)
        shutdown = shutdown_rule.applies_to(grade)
        reasons.append(
            Reason(
                rule=f"risk.major_hazard.duty.{EMERGENCY_SHUTDOWN}",
                message=(
                    f"{assessment.grade_label}重大危险源"
                    + (
                        "，须装备紧急停车功能或者紧急停车系统"
                        if shutdown
                        else "，第十三条不要求紧急停车系统（仅一级、二级）"
                    )
                ),
                citation=shutdown_rule.citation,
                inputs={"grade": grade},
                confidence=shutdown_rule.confidence,
            )
        )
        sis_decision = decide_sis(assessment, groups, obligation_on(SIS, when))
        sis = sis_decision.required
        reasons += sis_decision.explanation.reasons
        applying = [
            o for o in applying if not (o.id == QRA and not qra) and not (o.id == SIS and not sis)
        ]
    for o in applying:
        condition = f"（适用条件：{o.condition}）" if o.condition and o.id not in (QRA, SIS) else ""
        reasons.append(
            Reason(
                rule=f"risk.major_hazard.duty.{o.id}",
                message=o.text + condition,
                citation=o.citation,
                confidence=o.confidence,
            )
        )
    found_notes = notes(as_of=when)
    reasons += [
        Reason(
            rule=f"risk.major_hazard.note.{n.id}",
            message=f"提示（{n.on.isoformat()}）：{n.text}",
            citation=n.citation,
            confidence=n.confidence,
        )
        for n in found_notes
        if _relevant(n, applying)
    ]
    return MajorHazardDuties(
        is_major=assessment.is_major,
        grade=grade,
        quantitative_risk_assessment=qra,
        emergency_shutdown=shutdown,
        safety_instrumented_system=sis,
        obligations=tuple(o.id for o in applying if not _conditional(o)),
        conditional_obligations=tuple(o.id for o in applying if _conditional(o)),
        notes=tuple(n.id for n in found_notes if _relevant(n, applying)),
        explanation=Explanation(reasons=tuple(reasons)),
    )


def _relevant(note: DutyNote, applying: list[Obligation]) -> bool:
    return note.citation.instrument in {o.citation.instrument for o in applying} or (
        note.citation.instrument not in (PROVISIONS, RESPONSIBILITY_MEASURES)
    )
