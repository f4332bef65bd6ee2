"""Unified checklist items (三标融合检查项): one item serves three standards at once.

The seed's 三标融合 merges the enterprise's standardization standard (企业安全生产标准化标准), its
hazard-investigation standard (企业隐患排查标准) and the regulator's enforcement standard
(监管部门执法检查标准). No public item-level design exists; the library defines it: an item
says what is checked (检查内容, 检查方法, 检查依据), to whom it applies, and carries up to three
links —

1. ``standardization``: the scoring item and deduction rule it feeds (评分项);
2. ``hazard``: the 隐患 it reveals when it fails, its level, and the 判定标准 clause that makes it
   重大 (事故隐患);
3. ``enforcement``: the obligation violated and the penalty provision, with a stable violation
   id for the discretion engine (执法检查).

Checklists are TOML data, validated at load: every link resolves, every item has at least one
link, ids are unique.

>>> c = load_checklist("trade-major-hazard-2023")
>>> item = c.item("3-2")
>>> item.hazard.level, str(item.hazard.major_basis)
('重大', '《工贸企业重大事故隐患判定标准》（应急管理部令第10号）第三条第（二）项')
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, model_validator

from safetyrules.enterprise import Enterprise, EnterpriseFlag
from safetyrules.errors import (
    CitationSyntaxError,
    InvalidInput,
    RuleDataError,
    SafetyRulesError,
    UnknownReference,
)
from safetyrules.law.catalogue import instrument
from safetyrules.law.citation import Citation
from safetyrules.law.confidence import Confidence
from safetyrules.law.data_files import read_packaged_text, read_toml, validated
from safetyrules.law.provision import Provision

HazardLevelName = Literal["一般", "重大"]


class StandardizationLink(BaseModel):
    """What a failed item costs in the standardization score (标准化评分项).

    ``rule`` is the deduction rule applied, once per occurrence found.

    >>> from safetyrules.scoring import load_standard
    >>> link = load_checklist("work-safety-law-obligations").item("law-35").standardization
    >>> link.standard, link.item, link.rule
    ('general-gbt-33000-2016', '5.4.4-1', 'b')
    >>> load_standard(link.standard).item(link.item).rule(link.rule).text
    '每发现一处应设未设或设置不符合规定的，扣2分'
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    standard: str = Field(description="评分标准 id")
    item: str = Field(description="评分项编号")
    rule: str = Field(description="扣分规则编号")


class HazardLink(BaseModel):
    """The hidden hazard a failed item reveals (事故隐患).

    ``major_basis`` is the 重大事故隐患判定标准 clause; required when ``level`` is 重大.

    >>> hazard = load_checklist("trade-major-hazard-2023").item("11-3").hazard
    >>> hazard.level, hazard.major_basis.text
    ('重大', '《工贸企业重大事故隐患判定标准》（应急管理部令第10号）第十一条第（三）项')
    >>> HazardLink(description="安全出口堵塞", level="重大")
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.ValidationError: 1 validation error for HazardLink
      Value error, 重大事故隐患须给出判定依据 major_basis ...
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    description: str = Field(min_length=1, description="隐患描述")
    level: HazardLevelName = Field(default="一般", description="隐患等级")
    major_basis: Citation | None = Field(default=None, description="判定为重大事故隐患的依据")

    @model_validator(mode="after")
    def _basis(self) -> Self:
        if self.level == "重大" and self.major_basis is None:
            raise ValueError("重大事故隐患须给出判定依据 major_basis")
        return self


class EnforcementLink(BaseModel):
    """The legal obligation a failed item breaches and its penalty (执法检查依据).

    ``violation`` is a stable id the penalties module resolves per date; the citations are the
    provisions of the law in force (the 2021 安全生产法 unless stated). :func:`check_checklist`
    holds ``penalty`` to the provision the violation catalogue gives for that version.

    >>> from safetyrules.penalties import violation
    >>> link = load_checklist("work-safety-law-obligations").item("law-35").enforcement
    >>> link.violation, link.penalty.text
    ('warning-signs-missing', '《中华人民共和国安全生产法》（2021年修正）第九十九条第（一）项')
    >>> violation(link.violation).version(link.penalty.instrument).citation == link.penalty
    True
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    violation: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="违法行为 id")
    obligation: Citation = Field(description="违反的义务条款")
    penalty: Citation = Field(description="罚则条款")


class Applicability(BaseModel):
    """To whom an item applies (适用范围): enterprises in any of ``sectors`` (by GB/T 4754 大类)
    and, when ``flags`` are given, having any of them. Empty means every enterprise in scope.

    >>> trade = load_checklist("trade-major-hazard-2023")
    >>> trade.item("4-1").applies_to.sectors
    ('冶金',)
    >>> [flag.value for flag in trade.item("11-3").applies_to.flags]
    ['涉爆粉尘']
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    sectors: tuple[str, ...] = ()
    flags: tuple[EnterpriseFlag, ...] = ()


class Sector(BaseModel):
    """A sector of a checklist and the GB/T 4754-2017 大类 codes it covers (行业范围).

    >>> metallurgy = load_checklist("trade-major-hazard-2023").sectors[0]
    >>> metallurgy.name, metallurgy.industries
    ('冶金', ('31',))
    >>> metallurgy.covers("C3110"), metallurgy.covers("3210")
    (True, False)
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1)
    industries: tuple[str, ...] = Field(min_length=1)
    confidence: Confidence
    note: str = ""

    def covers(self, industry: str) -> bool:
        """Whether a GB/T 4754 code (any level) falls in the sector."""
        digits = industry.lstrip("ABCDEFGHIJKLMNOPQRST")
        return any(digits.startswith(code) for code in self.industries)


class ChecklistItem(BaseModel):
    """One unified checklist item (三标融合检查项).

    >>> item = load_checklist("work-safety-law-obligations").item("law-35")
    >>> item.basis.text, item.method
    ('《中华人民共和国安全生产法》（2021年修正）第三十五条', '现场检查')
    >>> ChecklistItem(id="x-1", content="设置安全警示标志")
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.ValidationError: 1 validation error for ChecklistItem
      Value error, 检查项 x-1 至少须有一个关联（标准化、隐患或执法） ...
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9.-]*$", description="检查项编号")
    content: str = Field(min_length=1, description="检查内容")
    method: str = Field(default="", description="检查方法")
    basis: Citation | None = Field(default=None, description="检查依据")
    applies_to: Applicability = Field(default=Applicability(), description="适用范围")
    standardization: StandardizationLink | None = None
    hazard: HazardLink | None = None
    enforcement: EnforcementLink | None = None
    confidence: Confidence | None = None
    note: str = ""
    origin: str | None = Field(default=None, description="引自的检查表（include 时填写）")

    @model_validator(mode="after")
    def _linked(self) -> Self:
        if self.standardization is None and self.hazard is None and self.enforcement is None:
            raise ValueError(f"检查项 {self.id} 至少须有一个关联（标准化、隐患或执法）")
        return self


class Checklist(BaseModel):
    """A checklist (检查表): items and the sectors they refer to.

    >>> from safetyrules.audit import demo_enterprise
    >>> trade = load_checklist("trade-major-hazard-2023")
    >>> trade.instrument, len(trade.items)
    ('trade-major-hazard-criteria-2023', 65)
    >>> trade.applies(trade.item("4-1"), demo_enterprise())
    '企业行业 1432 不属于 冶金'
    """

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str = Field(min_length=1)
    instrument: str | None = Field(default=None, description="检查表所依据的文件（决定适用日期）")
    confidence: Confidence
    sources: tuple[str, ...] = ()
    note: str = ""
    sectors: tuple[Sector, ...] = Field(default=(), alias="sector")
    items: tuple[ChecklistItem, ...] = Field(alias="item", min_length=1)

    @model_validator(mode="before")
    @classmethod
    def _bare_citations(cls, data: Any) -> Any:
        # Items cite bare provisions ("第三条第（一）项") of the checklist's own instrument.
        if not isinstance(data, dict) or not isinstance(data.get("instrument"), str):
            return data
        key = "item" if "item" in data else "items"
        items = data.get(key)
        if isinstance(items, list | tuple):
            data = {**data, key: [_resolve(item, data["instrument"]) for item in items]}
        return data

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> Self:
        if not (info.context or {}).get("defer_checks"):
            problems = check_checklist(self)
            if problems:
                key, message = problems[0]
                raise ValueError(f"{key}: {message}")
        return self

    def item(self, item_id: str) -> ChecklistItem:
        """The item with this id; an unknown id is an error."""
        for item in self.items:
            if item.id == item_id:
                return item
        raise InvalidInput("item", item_id, f"检查表 {self.id} 中没有这一检查项")

    def applies(self, item: ChecklistItem, enterprise: Enterprise) -> str | None:
        """Why the item does not apply to the enterprise, or None when it does (适用性)."""
        scope = item.applies_to
        if scope.sectors:
            sectors = [s for s in self.sectors if s.name in scope.sectors]
            if not any(s.covers(enterprise.industry) for s in sectors):
                return f"企业行业 {enterprise.industry} 不属于 {'、'.join(scope.sectors)}"
        if scope.flags and not set(scope.flags) & set(enterprise.flags):
            return f"企业不具有 {'、'.join(f.value for f in scope.flags)} 特征"
        return None


def _resolve(item: Any, instrument_id: str) -> Any:
    if not isinstance(item, dict):
        return item
    item = dict(item)
    if isinstance(item.get("basis"), str):
        item["basis"] = _citation(item["basis"], instrument_id, item_number=True)
    hazard = item.get("hazard")
    if isinstance(hazard, dict) and isinstance(hazard.get("major_basis"), str):
        major = _citation(hazard["major_basis"], instrument_id, item_number=True)
        item["hazard"] = {**hazard, "major_basis": major}
    enforcement = item.get("enforcement")
    if isinstance(enforcement, dict):
        item["enforcement"] = {
            key: _citation(value, instrument_id)
            if key in ("obligation", "penalty") and isinstance(value, str)
            else value
            for key, value in enforcement.items()
        }
    return item


def _citation(text: str, instrument_id: str, *, item_number: bool = False) -> object:
    # A bare provision of the checklist's instrument. For an item's own basis, a number that is
    # not a provision (a 规范性文件 numbered 一、（一）1.) is kept as the citation's note.
    text = text.strip()
    if not text:
        return None
    if text.startswith("《"):
        return text
    if item_number:
        try:
            Provision.parse(text)
        except CitationSyntaxError:
            return {"instrument": instrument_id, "note": text}
    return {"instrument": instrument_id, "provision": text}


def check_checklist(checklist: Checklist) -> list[tuple[str, str]]:
    """Every inconsistency of a checklist as (key, message) pairs (检查表自检): duplicate ids,
    unknown sectors, standardization links to a standard, item or rule that does not exist, and
    enforcement links whose violation is not in the violation catalogue (违法行为目录) or whose
    penalty provision is not the one the catalogue gives in the cited version of the law.

    :func:`load_checklist` runs it on every file it reads. A checklist edited in code can be
    checked again:

    >>> law = load_checklist("work-safety-law-obligations")
    >>> check_checklist(law)
    []
    >>> signs = law.item("law-35")
    >>> wrong = signs.enforcement.model_copy(
    ...     update={"penalty": law.item("law-36-2").enforcement.penalty}
    ... )
    >>> edited = law.model_copy(update={"items": (signs.model_copy(update={"enforcement": wrong}),)})
    >>> check_checklist(edited)
    [('item[0].enforcement', '违法行为 warning-signs-missing 的罚则引用《中华人民共和国安全生产法》（2021年修正）第九十九条第（三）项与违法行为目录不符：目录中为《中华人民共和国安全生产法》（2021年修正）第九十九条第（一）项')]
    """
    problems: list[tuple[str, str]] = []
    if checklist.instrument is not None:
        try:
            instrument(checklist.instrument)
        except UnknownReference as error:
            problems.append(("checklist.instrument", str(error)))
    for key, count in Counter(i.id for i in checklist.items).items():
        if count > 1:
            problems.append(("item", f"检查项编号 {key} 重复"))
    sectors = {s.name for s in checklist.sectors}
    for index, item in enumerate(checklist.items):
        unknown = [s for s in item.applies_to.sectors if s not in sectors]
        if unknown:
            problems.append((f"item[{index}].applies_to", f"未定义的行业：{'、'.join(unknown)}"))
        link = item.standardization
        if link is not None:
            problem = _standardization_problem(link)
            if problem:
                problems.append((f"item[{index}].standardization", problem))
        if item.enforcement is not None:
            problem = _enforcement_problem(item.enforcement)
            if problem:
                problems.append((f"item[{index}].enforcement", problem))
    return problems


def _standardization_problem(link: StandardizationLink) -> str | None:
    from safetyrules.scoring.standard import load_standard

    try:
        load_standard(link.standard).item(link.item).rule(link.rule)
    except SafetyRulesError as error:
        return str(error)
    return None


def _enforcement_problem(link: EnforcementLink) -> str | None:
    # The discretion engine finds the penalty by the violation id and the version of the law in
    # force; a penalty citation that disagrees with the catalogue would tell the inspector one
    # article while the fine is computed under another.
    from safetyrules.penalties.provisions import LAWS, violation

    try:
        found = violation(link.violation)
    except UnknownReference:
        return f"违法行为目录中没有违法行为 {link.violation}（检查项的罚则引用{link.penalty}）"
    listed = "、".join(str(v.citation) for v in found.versions)
    law = link.penalty.instrument
    place = found.version(law) if law in LAWS else None
    if place is None:
        return (
            f"违法行为 {link.violation} 的罚则引用{link.penalty}与违法行为目录不符："
            f"{instrument(law).label}没有这一违法行为的罚则，目录中为{listed}"
        )
    if place.provision != link.penalty.provision:
        return (
            f"违法行为 {link.violation} 的罚则引用{link.penalty}与违法行为目录不符："
            f"目录中为{place.citation}"
        )
    return None


PACKAGED = (
    "work-safety-law-obligations",
    "trade-major-hazard-2023",
    "trade-major-hazard-2017",
    "chemical-major-hazard-2017",
    "dust-explosion",
    "confined-space",
    "spray-painting",
    "ammonia-refrigeration",
    "metal-smelting",
    "ship-repair",
)
"""The shipped checklists: the 判定标准 and the 三场所三企业 special checklists."""


def load_checklist(source: str | Path) -> Checklist:
    """Load a checklist: a shipped one by id, or a user's TOML file (读取检查表).

    Every defect is a :class:`~safetyrules.errors.RuleDataError` naming the file and the key.

    >>> load_checklist("no-such-list")
    Traceback (most recent call last):
    ...
    safetyrules.errors.UnknownReference: 未知的检查表（内置：...）: 'no-such-list'
    """
    if isinstance(source, Path):
        return _read(source)
    return _packaged(source)


@cache
def _packaged(checklist_id: str) -> Checklist:
    if checklist_id not in PACKAGED:
        raise UnknownReference(f"检查表（内置：{'、'.join(PACKAGED)}）", checklist_id)
    name = f"checklists/{checklist_id}.toml"
    read_packaged_text(name)
    return _read(name)


def _read(source: str | Path) -> Checklist:
    file, document = read_toml(source)
    header = document.get("checklist")
    if not isinstance(header, dict):
        raise RuleDataError(file, "checklist", "缺少 [checklist] 表")
    items = list(document.get("item", []))
    items += _included(document, file)
    sectors = list(document.get("sector", []))
    sectors += [s.model_dump() for s in _included_sectors(document, file, sectors)]
    data = {**header, "item": items, "sector": sectors}
    checklist = validated(Checklist, data, file, context={"defer_checks": True})
    problems = check_checklist(checklist)
    if problems:
        key, message = problems[0]
        raise RuleDataError(file, key, message)
    return checklist


def _includes(document: dict[str, Any], file: str) -> list[tuple[Checklist, list[str]]]:
    """The ``[[include]]`` tables: a shipped checklist and the items taken from it, by ``items``
    (ids) and/or ``prefixes`` (id prefixes, e.g. ``"11-"`` for a whole article); neither means
    all of them."""
    found = []
    for index, entry in enumerate(document.get("include", [])):
        key = f"include[{index}]"
        if not isinstance(entry, dict) or not isinstance(entry.get("checklist"), str):
            raise RuleDataError(file, key, "include 须写明 checklist")
        try:
            source = load_checklist(entry["checklist"])
        except SafetyRulesError as error:
            raise RuleDataError(file, f"{key}.checklist", str(error)) from error
        wanted, prefixes = entry.get("items"), entry.get("prefixes")
        if wanted is None and prefixes is None:
            ids = [i.id for i in source.items]
        else:
            ids = list(wanted or [])
            ids += [
                i.id
                for i in source.items
                if any(i.id.startswith(p) for p in prefixes or []) and i.id not in ids
            ]
        unknown = [i for i in ids if i not in {item.id for item in source.items}]
        if unknown:
            raise RuleDataError(
                file, f"{key}.items", f"{source.id} 中没有这些检查项：{'、'.join(unknown)}"
            )
        found.append((source, ids))
    return found


def _included(document: dict[str, Any], file: str) -> list[dict[str, Any]]:
    # Included items keep their own citations and links; `origin` records where they came from.
    found = []
    for source, ids in _includes(document, file):
        for item_id in ids:
            item = source.item(item_id)
            update = {"origin": source.id, "confidence": item.confidence or source.confidence}
            found.append(item.model_copy(update=update).model_dump(exclude_none=True))
    return found


def _included_sectors(
    document: dict[str, Any], file: str, own: list[dict[str, Any]]
) -> list[Sector]:
    names = {s.get("name") for s in own if isinstance(s, dict)}
    sectors = []
    for source, _ in _includes(document, file):
        for sector in source.sectors:
            if sector.name not in names:
                names.add(sector.name)
                sectors.append(sector)
    return sectors
