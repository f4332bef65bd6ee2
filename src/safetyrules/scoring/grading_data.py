"""The grading regimes shipped with the library (定级制度数据): the data file
``safetyrules/data/scoring/grading.toml`` read and checked, and the regime in force on a date
(某日适用的定级制度).

Each regime is in force from its instrument's effective date until the day before the next one
takes effect; before the first, grading is not in force.

>>> [(r.id, r.start.isoformat()) for r in grading_regimes()]
[('metallurgy-trade-2011', '2011-06-09'), ('grading-2021', '2021-11-01')]
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from functools import cache
from pathlib import Path
from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from safetyrules import checks
from safetyrules.accidents.grade import AccidentGrade
from safetyrules.errors import NotInForce, RuleDataError, UnknownReference
from safetyrules.law.catalogue import instrument, require_in_force
from safetyrules.law.citation import Citation
from safetyrules.law.confidence import Confidence
from safetyrules.law.data_files import enumerate_tables, read_toml, validated
from safetyrules.scoring._points import Exact, Points
from safetyrules.scoring.grading_record import (
    EnterpriseKind,
    ReapplicationEvents,
    RevocationEvents,
)
from safetyrules.scoring.grading_rules import (
    AccidentMeasure,
    AccidentWindow,
    Applicability,
    Caveat,
    CheckKind,
    GradingCondition,
    GradingRegime,
    LevelRule,
    Validity,
)
from safetyrules.scoring.level import LEVELS, StandardizationLevel

__all__ = ["DATA_FILE", "grading_regime", "grading_regimes", "read_grading_regimes"]


DATA_FILE = "scoring/grading.toml"


def grading_regimes() -> tuple[GradingRegime, ...]:
    """The packaged regimes, oldest first (定级制度).

    >>> [r.id for r in grading_regimes()]
    ['metallurgy-trade-2011', 'grading-2021']
    """
    return _shipped()


def grading_regime(on: date) -> GradingRegime:
    """The regime in force on a date (某日适用的定级制度); before the first, NotInForce.

    >>> grading_regime(date(2021, 10, 31)).id, grading_regime(date(2021, 11, 1)).id
    ('metallurgy-trade-2011', 'grading-2021')
    >>> grading_regime(date(2011, 6, 8))
    Traceback (most recent call last):
    ...
    safetyrules.errors.NotInForce: metallurgy-trade-standardization-assessment-measures-2011 于 2011-06-08 不在有效期内: 2011-06-09 起施行
    """
    on = checks.day("on", on)
    regimes = _shipped()
    for regime in regimes:
        if regime.in_force(on):
            require_in_force(regime.instrument, on)
            return regime
    require_in_force(regimes[0].instrument, on)
    raise NotInForce(regimes[-1].instrument, on, "没有适用的定级制度")


def read_grading_regimes(source: str | Path) -> tuple[GradingRegime, ...]:
    """Read and check a grading file (读取定级制度文件) without using it.

    Every defect is a :class:`~safetyrules.errors.RuleDataError` naming the file and key: an
    unknown instrument, a float threshold, a duplicate condition id, a check without its
    parameters, a fact no model has, regimes out of order.

    >>> [len(r.conditions) for r in read_grading_regimes(DATA_FILE)]
    [11, 16]
    """
    file, document = read_toml(source)
    extra = set(document) - {"regime"}
    if extra:
        raise RuleDataError(file, sorted(extra)[0], "未知的顶层键")
    entries = [
        (f"regime[{index}]", validated(_RegimeEntry, raw, file, f"regime[{index}]"))
        for index, raw in enumerate_tables(document, "regime", file)
    ]
    starts: list[date] = []
    for key, entry in entries:
        try:
            starts.append(instrument(entry.instrument).effective_from)
        except UnknownReference as error:
            raise RuleDataError(file, f"{key}.instrument", str(error)) from error
    ids = [entry.id for _, entry in entries]
    for position, (key, entry) in enumerate(entries):
        if ids.index(entry.id) != position:
            raise RuleDataError(file, f"{key}.id", f"重复的定级制度 id {entry.id!r}")
        if position and starts[position] <= starts[position - 1]:
            raise RuleDataError(file, f"{key}.instrument", "定级制度须按施行日期先后排列")
    regimes = []
    for position, (key, entry) in enumerate(entries):
        repealed = instrument(entry.instrument).repealed_on
        following = starts[position + 1] if position + 1 < len(entries) else None
        end = min((d for d in (repealed, following) if d is not None), default=None)
        if following is not None and repealed is not None and repealed < following:
            raise RuleDataError(
                file, f"{key}.instrument", "该文件失效后、下一制度施行前没有定级制度"
            )
        regimes.append(_build(entry, starts[position], end, file, key))
    return tuple(regimes)


@cache
def _shipped() -> tuple[GradingRegime, ...]:
    return read_grading_regimes(DATA_FILE)


_ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"

# Which parameters each check needs (beyond id, text, levels, citation, confidence).
_REQUIRED: Mapping[CheckKind, frozenset[str]] = {
    CheckKind.FACT: frozenset({"fact", "breached_when"}),
    CheckKind.COUNT: frozenset({"fact", "limit"}),
    CheckKind.WAITING_PERIOD: frozenset({"fact", "years"}),
    CheckKind.ACCIDENTS: frozenset({"measure", "window"}),
    CheckKind.PREVIOUS_GRADING: frozenset({"years"}),
    CheckKind.ENTERPRISE_KIND: frozenset({"allowed"}),
    CheckKind.MEMBER_DEATHS: frozenset({"share"}),
    CheckKind.MEMBER_SCORES: frozenset({"share", "min_score"}),
    CheckKind.APPLICATION_WINDOW: frozenset({"months"}),
}
_OPTIONAL: Mapping[CheckKind, frozenset[str]] = {
    CheckKind.ACCIDENTS: frozenset({"limit", "limit_grade", "years", "rolling_months"}),
}
_PARAMETERS = (
    "fact",
    "breached_when",
    "measure",
    "limit",
    "limit_grade",
    "window",
    "years",
    "rolling_months",
    "months",
    "share",
    "min_score",
    "allowed",
)


class _CitationEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1)
    citation: Citation
    confidence: Confidence


class _ConditionEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=_ID_PATTERN)
    text: str = Field(min_length=1)
    levels: list[StandardizationLevel] = Field(default_factory=lambda: list(LEVELS), min_length=1)
    applies_to: Applicability = Applicability.ALL
    check: CheckKind
    fact: str | None = None
    breached_when: bool | None = None
    measure: AccidentMeasure | None = None
    limit: Exact | None = None
    limit_grade: AccidentGrade | None = None
    window: AccidentWindow | None = None
    years: int | None = Field(default=None, ge=1)
    rolling_months: int | None = Field(default=None, ge=1)
    months: int | None = Field(default=None, ge=1)
    share: Exact | None = Field(default=None, le=100)
    min_score: Points | None = None
    allowed: list[EnterpriseKind] | None = Field(default=None, min_length=1)
    citation: Citation
    confidence: Confidence
    caveat: list[_CitationEntry] = []
    note: str = ""

    @model_validator(mode="after")
    def _parameters(self) -> Self:
        given = {name for name in _PARAMETERS if getattr(self, name) is not None}
        required = _REQUIRED[self.check]
        if self.check is CheckKind.ACCIDENTS:
            required = required | (
                {"limit_grade"} if self.measure is AccidentMeasure.GRADE else {"limit"}
            )
            if self.window is AccidentWindow.YEARS_BEFORE:
                required = required | {"years"}
        allowed = required | (_OPTIONAL.get(self.check, frozenset()) & self._accident_options())
        missing = sorted(required - given)
        if missing:
            raise ValueError(f"检查方式 {self.check.value} 须给出参数：{'、'.join(missing)}")
        unexpected = sorted(given - allowed)
        if unexpected:
            raise ValueError(f"检查方式 {self.check.value} 不接受参数：{'、'.join(unexpected)}")
        if len(set(self.levels)) != len(self.levels):
            raise ValueError("levels 不能重复")
        return self

    def _accident_options(self) -> set[str]:
        options = {"limit_grade"} if self.measure is AccidentMeasure.GRADE else {"limit"}
        if self.window is AccidentWindow.YEARS_BEFORE:
            options.add("years")
        if self.window is AccidentWindow.SINCE_GRANTED:
            options.add("rolling_months")
        return options


class _LevelEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    level: StandardizationLevel
    authority: str = Field(min_length=1)
    authority_citation: Citation
    authority_confidence: Confidence
    threshold: Points
    threshold_citation: Citation
    threshold_confidence: Confidence


class _RegimeEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=_ID_PATTERN)
    name: str = Field(min_length=1)
    instrument: str
    threshold_role: Literal["binding", "fallback"]
    validity_years: int = Field(ge=1)
    validity_citation: Citation
    validity_confidence: Confidence
    validity_note: str = ""
    sources: list[str] = Field(min_length=1)
    note: str = ""
    caveat: list[_CitationEntry] = []
    level: list[_LevelEntry] = Field(min_length=1)
    condition: list[_ConditionEntry] = Field(min_length=1)
    revocation_trigger: list[_ConditionEntry] = []
    reapplication_condition: list[_ConditionEntry] = []


# The facts each section may name, by the kind of value the check needs.
_GRADING_FACTS: Mapping[CheckKind, frozenset[str]] = {
    CheckKind.FACT: frozenset(
        {
            "licences_valid",
            "safety_organisation_set_up",
            "certificates_held",
            "major_social_event",
            "on_serious_dishonesty_list",
            "statistics_not_rising",
        }
    ),
    CheckKind.COUNT: frozenset({"unrectified_major_hazards"}),
    CheckKind.WAITING_PERIOD: frozenset({"last_failed_application_notified_on", "last_revoked_on"}),
}
_SECTIONS: Mapping[str, frozenset[CheckKind]] = {
    "condition": frozenset(CheckKind) - {CheckKind.APPLICATION_WINDOW},
    "revocation_trigger": frozenset({CheckKind.FACT, CheckKind.ACCIDENTS}),
    "reapplication_condition": frozenset(
        {CheckKind.FACT, CheckKind.ACCIDENTS, CheckKind.APPLICATION_WINDOW}
    ),
}


def _section_facts(section: str) -> Mapping[CheckKind, frozenset[str]]:
    if section == "condition":
        return _GRADING_FACTS
    if section == "revocation_trigger":
        names = frozenset(RevocationEvents.model_fields) | {"on_serious_dishonesty_list"}
    else:
        names = frozenset(ReapplicationEvents.model_fields)
    return {CheckKind.FACT: names}


def _build(
    entry: _RegimeEntry, start: date, end: date | None, file: str, key: str
) -> GradingRegime:
    levels = [rule.level for rule in entry.level]
    for position, rule in enumerate(entry.level):
        if levels.index(rule.level) != position:
            raise RuleDataError(file, f"{key}.level[{position}].level", "等级重复")
    if sorted(levels) != list(LEVELS):
        raise RuleDataError(file, f"{key}.level", "须给出一级、二级、三级各一条")
    by_level = sorted(entry.level, key=lambda rule: rule.level)
    for position in range(1, len(by_level)):
        if by_level[position].threshold >= by_level[position - 1].threshold:
            index = entry.level.index(by_level[position])
            raise RuleDataError(file, f"{key}.level[{index}].threshold", "等级越低，分数线须越低")
    sections = {name: _conditions(getattr(entry, name), name, file, key) for name in _SECTIONS}
    return GradingRegime(
        id=entry.id,
        name=entry.name,
        instrument=entry.instrument,
        start=start,
        end=end,
        thresholds_binding=entry.threshold_role == "binding",
        levels=tuple(
            LevelRule(
                level=rule.level,
                authority=rule.authority,
                authority_citation=rule.authority_citation,
                authority_confidence=rule.authority_confidence,
                threshold=rule.threshold,
                threshold_citation=rule.threshold_citation,
                threshold_confidence=rule.threshold_confidence,
            )
            for rule in by_level
        ),
        validity=Validity(
            years=entry.validity_years,
            citation=entry.validity_citation,
            confidence=entry.validity_confidence,
            note=entry.validity_note,
        ),
        conditions=sections["condition"],
        revocation_triggers=sections["revocation_trigger"],
        reapplication_conditions=sections["reapplication_condition"],
        caveats=tuple(_caveat(c) for c in entry.caveat),
        sources=tuple(entry.sources),
        note=entry.note,
    )


def _caveat(entry: _CitationEntry) -> Caveat:
    return Caveat(text=entry.text, citation=entry.citation, confidence=entry.confidence)


def _conditions(
    entries: list[_ConditionEntry], section: str, file: str, key: str
) -> tuple[GradingCondition, ...]:
    seen: set[str] = set()
    built = []
    facts = _section_facts(section) if entries else {}
    for position, entry in enumerate(entries):
        where = f"{key}.{section}[{position}]"
        if entry.id in seen:
            raise RuleDataError(file, f"{where}.id", f"重复的条件 id {entry.id!r}")
        seen.add(entry.id)
        if entry.check not in _SECTIONS[section]:
            raise RuleDataError(file, f"{where}.check", f"此处不能使用检查方式 {entry.check.value}")
        if entry.fact is not None and entry.fact not in facts.get(entry.check, frozenset()):
            known = "、".join(sorted(facts.get(entry.check, frozenset())))
            raise RuleDataError(
                file, f"{where}.fact", f"未知的事实 {entry.fact!r}（此处可用：{known}）"
            )
        if entry.window is not None and (section == "condition") == (
            entry.window is AccidentWindow.SINCE_GRANTED
        ):
            raise RuleDataError(file, f"{where}.window", f"此处不能使用考察期 {entry.window.value}")
        built.append(
            GradingCondition(
                id=entry.id,
                text=entry.text,
                levels=tuple(sorted(entry.levels)),
                check=entry.check,
                citation=entry.citation,
                confidence=entry.confidence,
                applies_to=entry.applies_to,
                fact=entry.fact,
                breached_when=entry.breached_when,
                measure=entry.measure,
                limit=entry.limit,
                limit_grade=entry.limit_grade,
                window=entry.window,
                years=entry.years,
                rolling_months=entry.rolling_months,
                months=entry.months,
                share=entry.share,
                min_score=entry.min_score,
                allowed=tuple(entry.allowed or ()),
                caveats=tuple(_caveat(c) for c in entry.caveat),
                note=entry.note,
            )
        )
    return tuple(built)
