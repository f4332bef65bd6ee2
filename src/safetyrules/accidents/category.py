"""Accident categories (事故类别 / 事故类型) of GB 6441, in both editions, and the mapping between them.

GB 6441-86《企业职工伤亡事故分类》 lists 20 categories coded 01 to 20 (in force 1987-02-01, later
ruled a recommended standard, GB/T 6441-1986). GB 6441-2025《生产安全事故分类与编码》 replaces
it from 2026-07-01 with 27 basic accident types, classified by the accident's direct cause.
Which edition applies is a question of date: :func:`categories_on` answers it from the
instrument catalogue.

The 2025 edition's official type codes have not been seen, so its categories carry no code;
the mapping from the 1986 list is derived, not the standard's, and says how sure it is. When
an old category maps to several new types, :func:`convert_to_2025` asks for a choice rather
than guess. Data: ``safetyrules/data/accidents/categories.toml``.

>>> accident_category("03").name
'机械伤害'
>>> [c.name for c in map_to_2025("02").candidates]
['厂（场）内车辆致害', '道路（轨道）车辆致害']
>>> convert_to_2025("中毒和窒息", choice="窒息").name
'窒息'
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

import attrs
from pydantic import BaseModel, ConfigDict, Field

from safetyrules.errors import InvalidInput, RuleDataError, UnknownReference
from safetyrules.law.catalogue import instrument, require_in_force
from safetyrules.law.citation import Citation
from safetyrules.law.confidence import Confidence
from safetyrules.law.data_files import enumerate_tables, read_toml, validated
from safetyrules.text import normalize

DATA_FILE = "accidents/categories.toml"


class CategoryEdition(StrEnum):
    """The edition of GB 6441 a category list belongs to (事故类别标准版本).

    >>> CategoryEdition.GB_6441_2025.instrument
    'gb-6441-2025'
    """

    GB_6441_1986 = "GB 6441-1986"
    GB_6441_2025 = "GB 6441-2025"

    @property
    def instrument(self) -> str:
        """The standard's id in the instrument catalogue (法律文件目录中的标准编号).

        >>> CategoryEdition.GB_6441_1986.instrument
        'gb-6441-1986'
        """
        return _INSTRUMENTS[self]


_INSTRUMENTS = {
    CategoryEdition.GB_6441_1986: "gb-6441-1986",
    CategoryEdition.GB_6441_2025: "gb-6441-2025",
}


class MappingRelation(StrEnum):
    """How a 1986 category relates to the 2025 types (新旧类别对应关系).

    >>> MappingRelation.SPLIT.value
    '拆分'
    """

    KEPT = "保留"
    """Same name in both editions."""
    RENAMED = "更名"
    """Renamed, same scope."""
    SPLIT = "拆分"
    """Divided into several 2025 types."""
    ABSORBED = "并入"
    """Deleted in 2025; its accidents go to the type(s) that took it over."""
    REFINED = "细分"
    """Deleted in 2025; its accidents go to one of several more specific types."""


@attrs.frozen
class AccidentCategory:
    """One accident category of an edition of GB 6441 (事故类别).

    ``code`` is the 1986 two-digit code; the 2025 types have ``code=None`` because the
    official codes have not been seen. ``number`` is the position in the standard's list.

    >>> c = accident_category("19")
    >>> c.label, c.edition.value
    ('19 中毒和窒息', 'GB 6441-1986')
    >>> str(c.citation)
    '《企业职工伤亡事故分类》（GB 6441-86）第2章'
    """

    edition: CategoryEdition
    number: int
    name: str
    code: str | None
    aliases: tuple[str, ...]
    citation: Citation
    confidence: Confidence

    @property
    def label(self) -> str:
        """The code and name as a register writes them, or the name alone when uncoded
        (代码及名称).

        >>> accident_category("19").label, accident_category("窒息").label
        ('19 中毒和窒息', '窒息')
        """
        return f"{self.code} {self.name}" if self.code else self.name


@attrs.frozen
class CategoryMapping:
    """Where a 1986 category goes in the 2025 list (旧类别在新标准中的对应类型).

    The mapping is derived from the two lists and the revision notes; GB 6441-2025 gives
    no table of its own (none seen). ``confidence`` says how sure the row is.

    >>> m = map_to_2025("11")
    >>> m.relation.value, m.one_to_one, m.confidence.value
    ('并入', False, 'unverified')
    """

    source: AccidentCategory
    candidates: tuple[AccidentCategory, ...]
    relation: MappingRelation
    confidence: Confidence
    note: str

    @property
    def one_to_one(self) -> bool:
        """Whether the old category has exactly one 2025 counterpart (一一对应).

        >>> map_to_2025("03").one_to_one, map_to_2025("02").one_to_one
        (True, False)
        """
        return len(self.candidates) == 1


@attrs.frozen
class CategoryTables:
    """The category lists of both editions and the mapping between them, as a file defines them
    (事故类别数据).

    >>> tables = load_categories("accidents/categories.toml")
    >>> len(tables.by_edition[CategoryEdition.GB_6441_2025]), len(tables.mappings)
    (27, 20)
    """

    by_edition: Mapping[CategoryEdition, tuple[AccidentCategory, ...]]
    mappings: Mapping[str, CategoryMapping]


def accident_categories(
    edition: CategoryEdition | str | None = None, *, on: date | None = None
) -> tuple[AccidentCategory, ...]:
    """The categories of an edition, or of the edition in force ``on`` a date (事故类别名录).

    With neither argument, the latest edition.

    >>> len(accident_categories("GB 6441-1986")), len(accident_categories())
    (20, 27)
    >>> from datetime import date
    >>> accident_categories(on=date(2026, 6, 30))[0].label
    '01 物体打击'
    """
    return _data().by_edition[_edition(edition, on)]


def categories_on(on: date) -> CategoryEdition:
    """The edition of GB 6441 in force on a date (某日适用的事故分类标准).

    >>> from datetime import date
    >>> categories_on(date(2026, 7, 1)).value
    'GB 6441-2025'
    >>> categories_on(date(1980, 1, 1))
    Traceback (most recent call last):
    ...
    safetyrules.errors.NotInForce: gb-6441-1986 于 1980-01-01 不在有效期内: ...
    """
    for edition in reversed(CategoryEdition):
        if instrument(edition.instrument).in_force(on):
            return edition
    require_in_force(CategoryEdition.GB_6441_1986.instrument, on)  # raises, naming the dates
    raise AssertionError("unreachable")


def accident_category(
    value: str | int, edition: CategoryEdition | str | None = None, *, on: date | None = None
) -> AccidentCategory:
    """Find a category by name, alias or 1986 code (查找事故类别).

    ``edition`` (or the edition in force ``on`` a date) defaults to GB 6441-1986 when the value
    is a code, and otherwise to the latest edition. Codes are accepted as ``3``, ``"03"`` or
    the standard's own ``"010"`` form; names ignore full-/half-width differences.

    >>> accident_category(10).name, accident_category("010").name
    ('坍塌', '坍塌')
    >>> accident_category("厂(场)内车辆致害").name
    '厂（场）内车辆致害'
    >>> accident_category("机械伤害", "GB 6441-2025")
    Traceback (most recent call last):
    ...
    safetyrules.errors.UnknownReference: 未知的GB 6441-2025 事故类别: '机械伤害'（相近：机械致害）
    """
    code = _as_code(value)
    if code is not None and edition is None and on is None:
        edition = CategoryEdition.GB_6441_1986
    chosen = _edition(edition, on)
    for category in _data().by_edition[chosen]:
        if code is not None and category.code == code:
            return category
        if code is None and normalize(str(value)) in {
            normalize(n) for n in (category.name, *category.aliases)
        }:
            return category
    raise _unknown(chosen, value)


def map_to_2025(value: str | int | AccidentCategory) -> CategoryMapping:
    """The 2025 counterparts of a GB 6441-1986 category (旧类别对应的新类型).

    >>> [c.name for c in map_to_2025("瓦斯爆炸").candidates]
    ['可燃气体爆炸']
    """
    source = _legacy(value)
    assert source.code is not None
    return _data().mappings[source.code]


def convert_to_2025(
    value: str | int | AccidentCategory, choice: str | None = None
) -> AccidentCategory:
    """Convert a 1986 category to its 2025 type (旧类别转换为新类型).

    A one-to-one mapping converts directly. When several 2025 types are candidates, pass the
    chosen one's name as ``choice``; without it, or with a type that is not a candidate, the
    error lists the candidates: the choice depends on facts of the accident that the old
    code does not record.

    >>> convert_to_2025("03").name
    '机械致害'
    >>> convert_to_2025("车辆伤害")
    Traceback (most recent call last):
    ...
    safetyrules.errors.InvalidInput: choice = None: 车辆伤害对应多个 GB 6441-2025 类型，须选定其一：厂（场）内车辆致害、道路（轨道）车辆致害
    """
    mapping = map_to_2025(value)
    if choice is None and mapping.one_to_one:
        return mapping.candidates[0]
    for candidate in mapping.candidates:
        if choice is not None and normalize(choice) in {
            normalize(n) for n in (candidate.name, *candidate.aliases)
        }:
            return candidate
    names = "、".join(c.name for c in mapping.candidates)
    prefix = (
        "对应多个 GB 6441-2025 类型，须选定其一" if choice is None else "的 GB 6441-2025 候选类型为"
    )
    raise InvalidInput("choice", choice, f"{mapping.source.name}{prefix}：{names}")


def legacy_categories(value: str | AccidentCategory) -> tuple[AccidentCategory, ...]:
    """The 1986 categories whose accidents may now fall under a 2025 type (新类型对应的旧类别).

    Useful when comparing statistics across the switch on 2026-07-01. New types with no
    1986 predecessor return an empty tuple.

    >>> [c.label for c in legacy_categories("容器爆炸")]
    ['16 锅炉爆炸', '17 容器爆炸']
    >>> legacy_categories("泄漏")
    ()
    """
    target = (
        value
        if isinstance(value, AccidentCategory)
        else accident_category(value, CategoryEdition.GB_6441_2025)
    )
    if target.edition is not CategoryEdition.GB_6441_2025:
        raise InvalidInput("value", target.label, "应为 GB 6441-2025 的事故类型")
    return tuple(m.source for m in _data().mappings.values() if target in m.candidates)


def _legacy(value: str | int | AccidentCategory) -> AccidentCategory:
    if isinstance(value, AccidentCategory):
        if value.edition is not CategoryEdition.GB_6441_1986:
            raise InvalidInput("value", value.label, "应为 GB 6441-1986 的事故类别")
        return value
    return accident_category(value, CategoryEdition.GB_6441_1986)


def _edition(edition: CategoryEdition | str | None, on: date | None) -> CategoryEdition:
    if edition is not None:
        try:
            return CategoryEdition(edition)
        except ValueError:
            allowed = "、".join(e.value for e in CategoryEdition)
            raise InvalidInput("edition", edition, f"应为 {allowed} 之一") from None
    if on is not None:
        return categories_on(on)
    return CategoryEdition.GB_6441_2025


def _as_code(value: str | int) -> str | None:
    """A 1986 code in its two-digit form, or None when the value is a name."""
    if isinstance(value, bool):
        raise InvalidInput("value", value, "应为事故类别名称或代码")
    text = str(value).strip()
    if not text.isdigit():
        return None
    number = int(text)
    return f"{number:02d}" if 1 <= number <= 99 else text


def _unknown(edition: CategoryEdition, value: object) -> UnknownReference:
    names = [c.name for c in _data().by_edition[edition]]
    close = difflib.get_close_matches(str(value), names, n=3, cutoff=0.4)
    error = UnknownReference(f"{edition.value} 事故类别", value)
    if close:
        error.args = (f"{error.args[0]}（相近：{'、'.join(close)}）",)
    return error


class _EditionEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: CategoryEdition
    instrument: str
    citation: Citation
    confidence: Confidence
    sources: list[str] = Field(min_length=1)
    note: str = ""


class _CategoryEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    edition: CategoryEdition
    name: str = Field(min_length=1)
    code: str | None = Field(default=None, pattern=r"^[0-9]{2}$")
    aliases: list[str] = []


class _MappingEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    source: str = Field(alias="from", pattern=r"^[0-9]{2}$")
    to: list[str] = Field(min_length=1)
    relation: MappingRelation
    confidence: Confidence
    note: str = ""


@cache
def _data() -> CategoryTables:
    return load_categories(DATA_FILE)


def load_categories(source: str | Path) -> CategoryTables:
    """Read and check a category file (读取事故类别数据): the packaged one by name, or a
    user's :class:`Path`.

    Every defect is a :class:`~safetyrules.errors.RuleDataError` naming the file and the key.

    >>> tables = load_categories("accidents/categories.toml")
    >>> old = tables.by_edition[CategoryEdition.GB_6441_1986]
    >>> old[0].label, tables.mappings["19"].relation.value
    ('01 物体打击', '拆分')
    """
    file, document = read_toml(source)
    editions = _editions(document, file)
    by_edition = _category_lists(document, file, editions)
    return CategoryTables(by_edition=by_edition, mappings=_mappings(document, file, by_edition))


def _editions(document: dict[str, Any], file: str) -> dict[CategoryEdition, _EditionEntry]:
    editions: dict[CategoryEdition, _EditionEntry] = {}
    for index, raw in enumerate_tables(document, "edition", file):
        entry = validated(_EditionEntry, raw, file, f"edition[{index}]")
        if (
            entry.instrument != entry.id.instrument
            or entry.citation.instrument != entry.id.instrument
        ):
            raise RuleDataError(file, f"edition[{index}]", "instrument 与引用须指向该版本标准")
        editions[entry.id] = entry
    if set(editions) != set(CategoryEdition):
        raise RuleDataError(file, "edition", "须且只须定义 GB 6441-1986 与 GB 6441-2025 两个版本")
    return editions


def _category_lists(
    document: dict[str, Any], file: str, editions: Mapping[CategoryEdition, _EditionEntry]
) -> dict[CategoryEdition, tuple[AccidentCategory, ...]]:
    lists: dict[CategoryEdition, list[AccidentCategory]] = {e: [] for e in CategoryEdition}
    for index, raw in enumerate_tables(document, "category", file):
        key = f"category[{index}]"
        entry = validated(_CategoryEntry, raw, file, key)
        members = lists[entry.edition]
        if (entry.code is None) != (entry.edition is CategoryEdition.GB_6441_2025):
            raise RuleDataError(
                file, f"{key}.code", "GB 6441-1986 类别须有两位代码，GB 6441-2025 类型不填代码"
            )
        taken = {normalize(n) for c in members for n in (c.name, *c.aliases)}
        if taken & {normalize(n) for n in (entry.name, *entry.aliases)} or (
            entry.code is not None and entry.code in {c.code for c in members}
        ):
            raise RuleDataError(file, key, f"{entry.edition.value} 中名称或代码重复")
        members.append(
            AccidentCategory(
                edition=entry.edition,
                number=len(members) + 1,
                name=entry.name,
                code=entry.code,
                aliases=tuple(entry.aliases),
                citation=editions[entry.edition].citation,
                confidence=editions[entry.edition].confidence,
            )
        )
    return {edition: tuple(members) for edition, members in lists.items()}


def _mappings(
    document: dict[str, Any],
    file: str,
    by_edition: Mapping[CategoryEdition, tuple[AccidentCategory, ...]],
) -> dict[str, CategoryMapping]:
    old = {c.code: c for c in by_edition[CategoryEdition.GB_6441_1986] if c.code is not None}
    new = {c.name: c for c in by_edition[CategoryEdition.GB_6441_2025]}
    mappings: dict[str, CategoryMapping] = {}
    for index, raw in enumerate_tables(document, "mapping", file):
        key = f"mapping[{index}]"
        entry = validated(_MappingEntry, raw, file, key)
        if entry.source not in old or entry.source in mappings:
            raise RuleDataError(
                file, f"{key}.from", f"未知或重复的 GB 6441-1986 代码 {entry.source!r}"
            )
        unknown = [name for name in entry.to if name not in new]
        if unknown:
            raise RuleDataError(
                file, f"{key}.to", f"GB 6441-2025 中没有这些类型：{'、'.join(unknown)}"
            )
        mappings[entry.source] = CategoryMapping(
            source=old[entry.source],
            candidates=tuple(new[name] for name in entry.to),
            relation=entry.relation,
            confidence=entry.confidence,
            note=entry.note,
        )
    missing = sorted(set(old) - set(mappings))
    if missing:
        raise RuleDataError(
            file, "mapping", f"这些 GB 6441-1986 类别缺少对应关系：{'、'.join(missing)}"
        )
    return mappings
