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
from enum import StrEnum
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Annotated, Any

import attrs
from pydantic import BaseModel, ConfigDict, Field

from safetyrules.checks import day
from safetyrules.errors import InvalidInput, NotInForce, RuleDataError
from safetyrules.law.catalogue import instrument
from safetyrules.law.citation import Citation
from safetyrules.law.confidence import Confidence
from safetyrules.law.data_files import enumerate_tables, read_toml, validated
from safetyrules.law.provision import Provision
from safetyrules.law.reason import Explanation, Reason
from safetyrules.risk.major_hazard._numbers import exact_decimal, plain
from safetyrules.risk.major_hazard.assessment import MajorHazardAssessment, SubstanceLine
from safetyrules.risk.major_hazard.grading import BetaSource

DATA_FILE = "risk/major-hazard-duties.toml"
PROVISIONS = "hazchem-major-hazard-provisions"
"""原总局令第40号 in the catalogue."""
RESPONSIBILITY_MEASURES = "hazchem-major-hazard-responsibility-measures-2021"
"""应急厅〔2021〕12号 in the catalogue."""

QRA = "quantitative-risk-assessment"
EMERGENCY_SHUTDOWN = "emergency-shutdown"
SIS = "safety-instrumented-system"

# Table-2 symbols of toxic gases (J1: 急性毒性类别1 气体; J3: 类别2、3 气体) and explosives.
TOXIC_GAS_SYMBOLS = frozenset({"J1", "J3"})
EXPLOSIVE_SYMBOLS = frozenset({"W1.1", "W1.2", "W1.3"})


class Frequency(StrEnum):
    """How often a duty recurs (频次).

    >>> Frequency("每周至少一次").name
    'WEEKLY'
    """

    WEEKLY = "每周至少一次"
    QUARTERLY = "每季度至少一次"
    HALF_YEARLY = "每半年至少一次"
    YEARLY = "每年至少一次"
    EVERY_THREE_YEARS = "每三年"


class Role(StrEnum):
    """A person responsible for a major hazard installation (重大危险源包保责任人).

    >>> Role.TECHNICAL.value
    '技术负责人'
    """

    PRINCIPAL = "主要负责人"
    TECHNICAL = "技术负责人"
    OPERATIONAL = "操作负责人"


@attrs.frozen
class Obligation:
    """A duty of the unit that holds a major hazard installation (重大危险源义务).

    ``grades`` lists the grades it applies to (empty: every major hazard installation);
    ``all_units`` marks a duty for every identified unit; ``condition`` states any further
    condition in words.

    >>> o = obligations()[-3]
    >>> o.id, o.deadline_days, str(o.citation)
    ('filing', 15, '《危险化学品重大危险源监督管理暂行规定》（国家安全生产监督管理总局令第40号）第二十三条')
    """

    id: str
    text: str
    citation: Citation
    confidence: Confidence
    grades: tuple[int, ...] = ()
    all_units: bool = False
    condition: str = ""
    frequency: Frequency | None = None
    deadline_days: int | None = None
    sources: tuple[str, ...] = ()

    def applies_to(self, grade: int) -> bool:
        """Whether the duty applies to an installation of this grade (condition aside)."""
        return not self.grades or grade in self.grades


@attrs.frozen
class ReassessmentTrigger:
    """A case that calls for new identification, assessment and grading
    (重新辨识、安全评估及分级的情形, 第40号令第十一条).

    >>> reassessment_triggers()[0].text
    '重大危险源安全评估已满三年的'
    """

    item: int
    text: str
    citation: Citation
    confidence: Confidence


@attrs.frozen
class RoleDuty:
    """One duty of a responsible person (包保职责).

    >>> d = responsible_roles()[0].duties[0]
    >>> str(d.citation.provision), d.confidence.value
    ('第四条第（一）项', 'secondary')
    """

    role: Role
    item: int | None
    text: str
    citation: Citation
    confidence: Confidence
    frequency: Frequency | None = None


@attrs.frozen
class ResponsibleRole:
    """A responsible person's role, who fills it and its duties (包保责任人及其职责).

    >>> r = responsible_roles()[2]
    >>> r.role.value, r.check_frequency.value, r.who_confidence.value
    ('操作负责人', '每周至少一次', 'unverified')
    """

    role: Role
    level: str
    who: str
    who_citation: Citation
    who_confidence: Confidence
    citation: Citation
    duties: tuple[RoleDuty, ...]

    @property
    def check_frequency(self) -> Frequency | None:
        """How often this person must run a risk and hidden-hazard check (隐患排查频次)."""
        return next((d.frequency for d in self.duties if d.frequency is not None), None)


@attrs.frozen
class DutyNote:
    """A dated remark on the instruments (提示): a validity, an amendment, a new law.

    >>> notes(as_of=date(2026, 5, 1))[-1].id
    'hazardous-chemicals-safety-law'
    """

    id: str
    on: date
    text: str
    citation: Citation
    confidence: Confidence


@attrs.frozen
class DutyRules:
    """The contents of a duties file, checked (重大危险源义务数据).

    >>> rules = read_duties(DATA_FILE)
    >>> len(rules.triggers), len(rules.roles)
    (6, 3)
    """

    obligations: tuple[Obligation, ...]
    triggers: tuple[ReassessmentTrigger, ...]
    roles: tuple[ResponsibleRole, ...]
    notes: tuple[DutyNote, ...]


class DutyDecision(BaseModel):
    """Whether one duty applies, and why (义务判定).

    ``required`` is None when the answer depends on a grade that is not known.

    >>> from safetyrules.risk.major_hazard import assess
    >>> qra_required(assess({"氯": 50})).required is None
    True
    """

    model_config = ConfigDict(frozen=True)

    duty: str
    required: bool | None
    explanation: Explanation


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


def obligations(grade: int | None = None, *, as_of: date | None = None) -> tuple[Obligation, ...]:
    """The duties of a major hazard installation of a grade (重大危险源义务), or all of them.

    ``as_of`` keeps the duties of the instruments in force on that date; a date before
    第40号令 took effect (2011-12-01) is :class:`~safetyrules.errors.NotInForce`.

    >>> len(obligations(as_of=date(2020, 1, 1))) < len(obligations())
    True
    """
    if grade is not None and (isinstance(grade, bool) or grade not in (1, 2, 3, 4)):
        raise InvalidInput("grade", grade, "重大危险源级别应为 1–4（一级至四级）")
    return tuple(
        o
        for o in _rules().obligations
        if _in_force(o.citation, as_of) and (grade is None or o.applies_to(grade))
    )


def reassessment_triggers(*, as_of: date | None = None) -> tuple[ReassessmentTrigger, ...]:
    """The six cases that call for new identification, assessment and grading
    (重新辨识、安全评估及分级的情形, 第40号令第十一条).

    >>> len(reassessment_triggers())
    6
    """
    return tuple(t for t in _rules().triggers if _in_force(t.citation, as_of))


def responsible_roles(*, as_of: date | None = None) -> tuple[ResponsibleRole, ...]:
    """The three responsible persons and their duties (包保责任人及其职责, 应急厅〔2021〕12号).

    Empty before 2021-02-04. After February 2024 the measures' three-year term has run out
    and their continuation is unknown: the roles are still returned, and :func:`notes`
    says so.

    >>> responsible_roles(as_of=date(2020, 12, 31))
    ()
    """
    return tuple(r for r in _rules().roles if _in_force(r.citation, as_of))


def notes(*, as_of: date | None = None) -> tuple[DutyNote, ...]:
    """The dated remarks up to a date (提示), all of them when ``as_of`` is None.

    >>> [n.id for n in notes(as_of=date(2024, 2, 3))][-1]
    'responsibility-measures-deadlines'
    """
    return tuple(n for n in _rules().notes if as_of is None or n.on <= day("as_of", as_of))


def qra_required(
    assessment: MajorHazardAssessment,
    *,
    toxic_gases: Iterable[str] = (),
    explosives: Iterable[str] = (),
    liquefied_flammable_gases: Iterable[str] = (),
    as_of: date | None = None,
) -> DutyDecision:
    """Whether quantitative risk assessment is required (定量风险评价, 第40号令第九条).

    Required when the installation is 一级 or 二级 and Σ q/Q over its toxic gases ≥ 1, or
    一级 and Σ q/Q over its explosives or liquefied flammable gases ≥ 1. Toxic gases are
    recognised from table 3 and the symbols J1 and J3, explosives from W1.1–W1.3; liquefied
    flammable gases cannot be told from a symbol, so the caller names them. Each name given
    is a line's ``name`` or ``table_name``. ``as_of`` defaults to the assessment's date.

    >>> from safetyrules.risk.major_hazard import assess
    >>> a = assess({"氯": 50}, population=100)
    >>> a.grade, qra_required(a).required
    (2, True)
    >>> b = assess([{"name": "液化石油气", "quantity": 5000, "symbols": ["W2"]}], population=100)
    >>> b.grade, qra_required(b).required, qra_required(b, liquefied_flammable_gases=["液化石油气"]).required
    (1, False, True)
    """
    groups = _groups(
        assessment,
        toxic_gases=toxic_gases,
        explosives=explosives,
        liquefied_flammable_gases=liquefied_flammable_gases,
    )
    obligation = _obligation(QRA, as_of if as_of is not None else assessment.as_of)
    return _qra(assessment, groups, obligation)


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
    groups = _groups(
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
                citation=_obligation("record-identification", when).citation,
                confidence=_obligation("record-identification", when).confidence,
            )
        )
    elif grade is None:
        reasons.append(
            Reason(
                rule="risk.major_hazard.duty.grade_unknown",
                message="构成重大危险源但级别未确定：定量风险评价、紧急停车系统、安全仪表系统等按级别确定的义务无法判断，下列只含不分级别的义务",
                citation=_obligation("safety-assessment", when).citation,
                confidence=_obligation("safety-assessment", when).confidence,
            )
        )
    else:
        qra_decision = _qra(assessment, groups, _obligation(QRA, when))
        qra = qra_decision.required
        reasons += qra_decision.explanation.reasons
        shutdown_rule = _obligation(EMERGENCY_SHUTDOWN, when)
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
        sis_decision = _sis(assessment, groups, _obligation(SIS, when))
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


def read_duties(source: str | Path) -> DutyRules:
    """Read and check a duties file in the packaged format (读取重大危险源义务数据文件).

    Every defect is a :class:`~safetyrules.errors.RuleDataError` naming the file and key.

    >>> len(read_duties(DATA_FILE).obligations) >= 12
    True
    """
    file, document = read_toml(source)
    extra = set(document) - {"obligation", "trigger", "role", "note"}
    if extra:
        raise RuleDataError(file, sorted(extra)[0], "未知的顶层键")
    found: list[Obligation] = []
    for index, raw in enumerate_tables(document, "obligation", file):
        key = f"obligation[{index}]"
        entry = validated(_ObligationEntry, raw, file, key)
        if any(o.id == entry.id for o in found):
            raise RuleDataError(file, f"{key}.id", f"重复的 id {entry.id!r}")
        found.append(
            Obligation(
                id=entry.id,
                text=entry.text,
                citation=entry.citation,
                confidence=entry.confidence,
                grades=tuple(sorted(set(entry.grades))),
                all_units=entry.all_units,
                condition=entry.condition,
                frequency=entry.frequency,
                deadline_days=entry.deadline_days,
                sources=tuple(entry.sources),
            )
        )
    for required in (QRA, EMERGENCY_SHUTDOWN, SIS, "record-identification"):
        if not any(o.id == required for o in found):
            raise RuleDataError(file, "obligation", f"缺少义务 {required!r}")
    return DutyRules(
        obligations=tuple(found),
        triggers=_triggers(document, file),
        roles=_roles(document, file),
        notes=_notes(document, file),
    )


@cache
def _rules() -> DutyRules:
    return read_duties(DATA_FILE)


def _in_force(citation: Citation, as_of: date | None) -> bool:
    if as_of is None:
        return True
    on = day("as_of", as_of)
    provisions = instrument(PROVISIONS)
    if on < provisions.effective_from:
        raise NotInForce(
            PROVISIONS,
            on,
            f"原总局令第40号自 {provisions.effective_from.isoformat()} 起施行，本库未收录更早的重大危险源监管规定",
        )
    return instrument(citation.instrument).in_force(on)


def _obligation(obligation_id: str, as_of: date | None) -> Obligation:
    rule = next(o for o in _rules().obligations if o.id == obligation_id)
    if not _in_force(rule.citation, as_of):
        assert as_of is not None
        raise NotInForce(rule.citation.instrument, as_of, "所涉日期该文件不在有效期内")
    return rule


def _relevant(note: DutyNote, applying: list[Obligation]) -> bool:
    return note.citation.instrument in {o.citation.instrument for o in applying} or (
        note.citation.instrument not in (PROVISIONS, RESPONSIBILITY_MEASURES)
    )


@attrs.frozen
class _Groups:
    toxic_gases: tuple[SubstanceLine, ...]
    explosives: tuple[SubstanceLine, ...]
    liquefied_flammable_gases: tuple[SubstanceLine, ...]
    liquefied_gases: tuple[SubstanceLine, ...]
    highly_toxic_liquids: tuple[SubstanceLine, ...]


def _groups(
    assessment: MajorHazardAssessment,
    *,
    toxic_gases: Iterable[str] = (),
    explosives: Iterable[str] = (),
    liquefied_flammable_gases: Iterable[str] = (),
    liquefied_gases: Iterable[str] = (),
    highly_toxic_liquids: Iterable[str] = (),
) -> _Groups:
    def named(field: str, names: Iterable[str]) -> set[int]:
        if isinstance(names, str):
            names = [names]
        chosen = set()
        for name in names:
            hits = [
                i for i, line in enumerate(assessment.lines) if name in (line.name, line.table_name)
            ]
            if not hits:
                known = "、".join(line.name for line in assessment.lines)
                raise InvalidInput(field, name, f"评价结果中没有这一危险化学品（已有：{known}）")
            chosen.update(hits)
        return chosen

    lines = assessment.lines
    toxic = named("toxic_gases", toxic_gases) | {
        i
        for i, line in enumerate(lines)
        if line.beta_source is BetaSource.NAMED_TOXIC_GAS or TOXIC_GAS_SYMBOLS & set(line.symbols)
    }
    explosive = named("explosives", explosives) | {
        i for i, line in enumerate(lines) if EXPLOSIVE_SYMBOLS & set(line.symbols)
    }
    flammable = named("liquefied_flammable_gases", liquefied_flammable_gases)
    liquefied = named("liquefied_gases", liquefied_gases) | flammable
    very_toxic = named("highly_toxic_liquids", highly_toxic_liquids)

    def pick(indices: set[int]) -> tuple[SubstanceLine, ...]:
        return tuple(lines[i] for i in sorted(indices))

    return _Groups(pick(toxic), pick(explosive), pick(flammable), pick(liquefied), pick(very_toxic))


def _sum(lines: Iterable[SubstanceLine]) -> Fraction:
    return sum(
        (Fraction(line.quantity) / Fraction(line.critical_quantity) for line in lines),
        Fraction(0),
    )


def _listed(lines: tuple[SubstanceLine, ...]) -> str:
    if not lines:
        return "无"
    return "、".join(line.name for line in lines)


def _qra(assessment: MajorHazardAssessment, groups: _Groups, rule: Obligation) -> DutyDecision:
    grade = assessment.grade
    toxic = _sum(groups.toxic_gases)
    others = groups.explosives + tuple(
        line for line in groups.liquefied_flammable_gases if line not in groups.explosives
    )
    other = _sum(others)
    inputs: dict[str, Any] = {"grade": grade, "toxic_sum": exact_decimal(toxic)}
    inputs["explosive_or_liquefied_flammable_sum"] = exact_decimal(other)
    sums = (
        f"毒性气体（{_listed(groups.toxic_gases)}）Σq/Q = {plain(exact_decimal(toxic))}；"
        f"爆炸物、液化易燃气体（{_listed(others)}）Σq/Q = {plain(exact_decimal(other))}"
    )
    if not assessment.is_major:
        required: bool | None = False
        message = "不构成重大危险源，第九条不适用"
    elif grade is None:
        required = None
        message = f"级别未确定，无法判断是否须进行定量风险评价（{sums}）"
    elif grade in (1, 2) and toxic >= 1:
        required = True
        message = f"{assessment.grade_label}重大危险源，{sums}；毒性气体 Σq/Q ≥ 1，须{rule.text}"
    elif grade == 1 and other >= 1:
        required = True
        message = f"一级重大危险源，{sums}；爆炸物、液化易燃气体 Σq/Q ≥ 1，须{rule.text}"
    else:
        required = False
        message = f"{assessment.grade_label}重大危险源，{sums}；不属第九条须进行定量风险评价的情形"
    return DutyDecision(
        duty=QRA,
        required=required,
        explanation=Explanation(
            reasons=(
                Reason(
                    rule=f"risk.major_hazard.duty.{QRA}",
                    message=message,
                    citation=rule.citation,
                    inputs=inputs,
                    confidence=rule.confidence,
                ),
            )
        ),
    )


def _sis(assessment: MajorHazardAssessment, groups: _Groups, rule: Obligation) -> DutyDecision:
    grade = assessment.grade
    involved = groups.toxic_gases + tuple(
        line
        for line in groups.liquefied_gases + groups.highly_toxic_liquids
        if line not in groups.toxic_gases
    )
    unique = tuple(dict.fromkeys(involved))
    if grade is None:
        required: bool | None = None if assessment.is_major else False
        message = "级别未确定，无法判断是否须配备独立的安全仪表系统"
    elif not rule.applies_to(grade):
        required = False
        message = (
            f"{assessment.grade_label}重大危险源，第十三条只要求一级、二级配备独立的安全仪表系统"
        )
    elif unique:
        required = True
        message = (
            f"{assessment.grade_label}重大危险源，涉及毒性气体、液化气体或剧毒液体"
            f"（{_listed(unique)}），须{rule.text}"
        )
    else:
        required = False
        message = (
            f"{assessment.grade_label}重大危险源，未涉及毒性气体、液化气体或剧毒液体"
            "（液化气体、剧毒液体须由调用方指明），不要求独立的安全仪表系统"
        )
    return DutyDecision(
        duty=SIS,
        required=required,
        explanation=Explanation(
            reasons=(
                Reason(
                    rule=f"risk.major_hazard.duty.{SIS}",
                    message=message,
                    citation=rule.citation,
                    inputs={"grade": grade},
                    confidence=rule.confidence,
                ),
            )
        ),
    )


class _ObligationEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    citation: Citation
    text: str = Field(min_length=1)
    grades: list[Annotated[int, Field(ge=1, le=4)]] = []
    all_units: bool = False
    condition: str = ""
    frequency: Frequency | None = None
    deadline_days: int | None = Field(default=None, ge=1)
    confidence: Confidence
    sources: list[str] = Field(min_length=1)
    note: str = ""


class _TriggerEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    item: int = Field(ge=1)
    text: str = Field(min_length=1)
    confidence: Confidence
    sources: list[str] = Field(min_length=1)


class _RoleDutyEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    item: int | None = Field(default=None, ge=1)
    text: str = Field(min_length=1)
    frequency: Frequency | None = None
    confidence: Confidence


class _RoleEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: Role
    level: str = Field(min_length=1)
    citation: Citation
    who: str = Field(min_length=1)
    who_citation: Citation
    who_confidence: Confidence
    sources: list[str] = Field(min_length=1)
    duty: list[_RoleDutyEntry] = Field(min_length=1)


class _NoteEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    on: date
    citation: Citation
    text: str = Field(min_length=1)
    confidence: Confidence
    sources: list[str] = Field(min_length=1)


def _triggers(document: dict[str, Any], file: str) -> tuple[ReassessmentTrigger, ...]:
    found = []
    for index, raw in enumerate_tables(document, "trigger", file):
        entry = validated(_TriggerEntry, raw, file, f"trigger[{index}]")
        if entry.item != index + 1:
            raise RuleDataError(file, f"trigger[{index}].item", f"项号应为 {index + 1}")
        found.append(
            ReassessmentTrigger(
                item=entry.item,
                text=entry.text,
                citation=Citation(
                    instrument=PROVISIONS, provision=Provision(article=11, item=entry.item)
                ),
                confidence=entry.confidence,
            )
        )
    return tuple(found)


def _roles(document: dict[str, Any], file: str) -> tuple[ResponsibleRole, ...]:
    found: list[ResponsibleRole] = []
    for index, raw in enumerate_tables(document, "role", file):
        key = f"role[{index}]"
        entry = validated(_RoleEntry, raw, file, key)
        if any(r.role is entry.role for r in found):
            raise RuleDataError(file, f"{key}.role", f"重复的包保责任人 {entry.role.value}")
        article = entry.citation.provision.article if entry.citation.provision else None
        if article is None:
            raise RuleDataError(file, f"{key}.citation", "须写明条（如 第四条）")
        items = [d.item for d in entry.duty if d.item is not None]
        if len(set(items)) != len(items):
            raise RuleDataError(file, f"{key}.duty", "项号重复")
        found.append(
            ResponsibleRole(
                role=entry.role,
                level=entry.level,
                who=entry.who,
                who_citation=entry.who_citation,
                who_confidence=entry.who_confidence,
                citation=entry.citation,
                duties=tuple(
                    RoleDuty(
                        role=entry.role,
                        item=d.item,
                        text=d.text,
                        citation=(
                            entry.citation
                            if d.item is None
                            else Citation(
                                instrument=entry.citation.instrument,
                                provision=Provision(article=article, item=d.item),
                            )
                        ),
                        confidence=d.confidence,
                        frequency=d.frequency,
                    )
                    for d in entry.duty
                ),
            )
        )
    missing = [r.value for r in Role if not any(f.role is r for f in found)]
    if missing:
        raise RuleDataError(file, "role", f"缺少包保责任人 {'、'.join(missing)}")
    return tuple(found)


def _notes(document: dict[str, Any], file: str) -> tuple[DutyNote, ...]:
    found: list[DutyNote] = []
    for index, raw in enumerate_tables(document, "note", file):
        entry = validated(_NoteEntry, raw, file, f"note[{index}]")
        if any(n.id == entry.id for n in found):
            raise RuleDataError(file, f"note[{index}].id", f"重复的 id {entry.id!r}")
        if found and entry.on < found[-1].on:
            raise RuleDataError(file, f"note[{index}].on", "提示须按日期先后排列")
        found.append(
            DutyNote(
                id=entry.id,
                on=entry.on,
                text=entry.text,
                citation=entry.citation,
                confidence=entry.confidence,
            )
        )
    return tuple(found)
