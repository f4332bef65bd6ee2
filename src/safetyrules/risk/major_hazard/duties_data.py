"""The major hazard duties shipped with the library (重大危险源义务数据): the data file
``safetyrules/data/risk/major-hazard-duties.toml`` read and checked, and the obligations,
re-assessment triggers, responsible persons and dated notes in force on a date.

Texts are summaries, not the official wording; each item carries its citation and its
confidence.

>>> [t.item for t in reassessment_triggers()]
[1, 2, 3, 4, 5, 6]
"""

from __future__ import annotations

from datetime import date
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
from safetyrules.risk.major_hazard.obligations import (
    EMERGENCY_SHUTDOWN,
    PROVISIONS,
    QRA,
    SIS,
    Frequency,
    Obligation,
    ReassessmentTrigger,
)
from safetyrules.risk.major_hazard.responsibility import ResponsibleRole, Role, RoleDuty

DATA_FILE = "risk/major-hazard-duties.toml"


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
        for o in shipped_rules().obligations
        if in_force_on(o.citation, as_of) and (grade is None or o.applies_to(grade))
    )


def reassessment_triggers(*, as_of: date | None = None) -> tuple[ReassessmentTrigger, ...]:
    """The six cases that call for new identification, assessment and grading
    (重新辨识、安全评估及分级的情形, 第40号令第十一条).

    >>> len(reassessment_triggers())
    6
    """
    return tuple(t for t in shipped_rules().triggers if in_force_on(t.citation, as_of))


def responsible_roles(*, as_of: date | None = None) -> tuple[ResponsibleRole, ...]:
    """The three responsible persons and their duties (包保责任人及其职责, 应急厅〔2021〕12号).

    Empty before 2021-02-04. After February 2024 the measures' three-year term has run out
    and their continuation is unknown: the roles are still returned, and :func:`notes`
    says so.

    >>> responsible_roles(as_of=date(2020, 12, 31))
    ()
    """
    return tuple(r for r in shipped_rules().roles if in_force_on(r.citation, as_of))


def notes(*, as_of: date | None = None) -> tuple[DutyNote, ...]:
    """The dated remarks up to a date (提示), all of them when ``as_of`` is None.

    >>> [n.id for n in notes(as_of=date(2024, 2, 3))][-1]
    'responsibility-measures-deadlines'
    """
    return tuple(n for n in shipped_rules().notes if as_of is None or n.on <= day("as_of", as_of))


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
def shipped_rules() -> DutyRules:
    """The duties shipped with the library (重大危险源义务数据), read from :data:`DATA_FILE`
    on first use.

    >>> [o.id for o in shipped_rules().obligations][:2]
    ['record-identification', 'safety-assessment']
    """
    return read_duties(DATA_FILE)


def in_force_on(citation: Citation, as_of: date | None) -> bool:
    """Whether the cited instrument is in force on ``as_of`` (所涉日期有效); always True when
    ``as_of`` is None.

    A date before 第40号令 took effect (2011-12-01) is :class:`~safetyrules.errors.NotInForce`:
    the library records no earlier rules on major hazard installations. The 包保 measures
    (应急厅〔2021〕12号) apply from 2021-02-04:

    >>> role = shipped_rules().roles[0]
    >>> in_force_on(role.citation, date(2021, 2, 3)), in_force_on(role.citation, date(2021, 2, 4))
    (False, True)
    >>> in_force_on(role.citation, date(2011, 11, 30))
    Traceback (most recent call last):
    ...
    safetyrules.errors.NotInForce: hazchem-major-hazard-provisions 于 2011-11-30 不在有效期内: 原总局令第40号自 2011-12-01 起施行，...
    """
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
