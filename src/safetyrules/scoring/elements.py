"""The element skeletons of the standardization standards (安全生产标准化要素), dated by edition.

AQ/T 9006-2010 (13 一级要素) serves assessments before 2017-04-01; GB/T 33000-2016 (8 一级要素,
28 二级要素, clauses 5.1–5.8.2) from 2017-04-01 to 2025-10-30; GB/T 33000—2025 (ten elements,
chapters 4–13) from 2025-10-31. The dates come from the instrument catalogue. Scoring standards
map their items onto one of these skeletons. Data: ``safetyrules/data/scoring/elements.toml``.

>>> skeleton("gbt-33000-2016").element("5.5.3").name
'隐患排查治理'
>>> skeleton_on(date(2017, 3, 31)).instrument, skeleton_on(date(2025, 10, 31)).instrument
('aqt-9006-2010', 'gbt-33000-2025')
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Literal

import attrs
from pydantic import BaseModel, ConfigDict, Field

from safetyrules.errors import NotInForce, RuleDataError, UnknownReference
from safetyrules.law.catalogue import instrument, require_in_force
from safetyrules.law.citation import Citation
from safetyrules.law.confidence import Confidence
from safetyrules.law.data_files import enumerate_tables, read_toml, validated

DATA_FILE = "scoring/elements.toml"


@attrs.frozen
class Element:
    """An element of a standard (要素): 一级要素 when ``parent`` is None, else 二级要素.

    >>> e = skeleton("gbt-33000-2016").element("5.1.4")
    >>> e.label, e.parent, str(e.citation)
    ('5.1.4 安全生产投入', '5.1', '《企业安全生产标准化基本规范》（GB/T 33000-2016）第5.1.4条')
    """

    code: str
    name: str
    parent: str | None
    citation: Citation
    confidence: Confidence

    @property
    def label(self) -> str:
        """The code and the name, as a score sheet writes them (要素编号及名称).

        >>> skeleton("gbt-33000-2016").element("5.5").label
        '5.5 安全风险管控及隐患排查治理'
        """
        return f"{self.code} {self.name}"


@attrs.frozen
class Skeleton:
    """The elements of one edition of the standard (要素框架).

    >>> s = skeleton("gbt-33000-2016")
    >>> s.instrument, len(s.elements), s.confidence.value
    ('gbt-33000-2016', 36, 'secondary')
    """

    instrument: str
    elements: tuple[Element, ...]
    confidence: Confidence
    sources: tuple[str, ...]
    note: str

    def element(self, code: str) -> Element:
        """The element with this code (按编号查找要素).

        >>> skeleton("gbt-33000-2016").element("5.1.1").name
        '目标'
        >>> skeleton("gbt-33000-2016").element("9.9")
        Traceback (most recent call last):
        ...
        safetyrules.errors.UnknownReference: ...
        """
        for element in self.elements:
            if element.code == code:
                return element
        raise UnknownReference(f"{self.instrument} 的要素", code)

    def top_level(self) -> tuple[Element, ...]:
        """The top-level elements, in order (一级要素).

        >>> [e.label for e in skeleton("gbt-33000-2016").top_level()][:2]
        ['5.1 目标职责', '5.2 制度化管理']
        """
        return tuple(e for e in self.elements if e.parent is None)

    def children(self, code: str) -> tuple[Element, ...]:
        """The second-level elements under a top-level one (二级要素).

        >>> [e.code for e in skeleton("gbt-33000-2016").children("5.1")]
        ['5.1.1', '5.1.2', '5.1.3', '5.1.4', '5.1.5', '5.1.6']
        """
        return tuple(e for e in self.elements if e.parent == code)

    def top_of(self, code: str) -> Element:
        """The top-level element an element belongs to, itself if it is one (所属一级要素).

        >>> s = skeleton("gbt-33000-2016")
        >>> s.top_of("5.5.3").code, s.top_of("5.5").code
        ('5.5', '5.5')
        """
        element = self.element(code)
        return element if element.parent is None else self.element(element.parent)

    def leaves(self) -> tuple[Element, ...]:
        """The elements items map to (末级要素): 二级要素, or 一级要素 that have none.

        >>> len(skeleton("gbt-33000-2016").leaves()), len(skeleton("aqt-9006-2010").leaves())
        (28, 13)
        """
        parents = {e.parent for e in self.elements if e.parent is not None}
        return tuple(e for e in self.elements if e.code not in parents)


def skeleton(instrument_id: str) -> Skeleton:
    """The skeleton of an edition, by its instrument id (某版本的要素框架).

    >>> len(skeleton("gbt-33000-2025").top_level())
    10
    """
    try:
        return _skeletons()[instrument_id]
    except KeyError:
        known = "、".join(_skeletons())
        raise UnknownReference(f"要素框架（已有：{known}）", instrument_id) from None


def skeleton_on(on: date) -> Skeleton:
    """The skeleton of the edition in force on a date (某日适用的要素框架).

    >>> skeleton_on(date(2010, 1, 1))
    Traceback (most recent call last):
    ...
    safetyrules.errors.NotInForce: aqt-9006-2010 于 2010-01-01 不在有效期内: 2010-06-01 起施行
    """
    for candidate in _skeletons().values():
        if instrument(candidate.instrument).in_force(on):
            return candidate
    first = min(_skeletons().values(), key=lambda s: instrument(s.instrument).effective_from)
    require_in_force(first.instrument, on)  # raises, naming the dates
    raise NotInForce(first.instrument, on, "无适用的要素框架")


class _ElementEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: str = Field(pattern=r"^[0-9]+(\.[0-9]+)*$")
    name: str = Field(min_length=1)
    parent: str | None = None
    confidence: Confidence | None = None


class _EditionEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    instrument: str
    codes: Literal["clause", "chapter", "order"]
    confidence: Confidence
    sources: list[str] = Field(min_length=1)
    note: str = ""
    elements: list[_ElementEntry] = Field(min_length=1)


def _citation(instrument_id: str, codes: str, code: str) -> Citation:
    # Clause numbers (5.1.1) and chapters (第4章) are provisions; an order number is not.
    if codes == "clause":
        return Citation(instrument=instrument_id, provision=f"第{code}条")
    if codes == "chapter":
        return Citation(instrument=instrument_id, provision=f"第{code}章")
    return Citation(instrument=instrument_id, note=f"第{code}个一级要素（按来源所列顺序）")


@cache
def _skeletons() -> dict[str, Skeleton]:
    file, document = read_toml(DATA_FILE)
    skeletons: dict[str, Skeleton] = {}
    for index, raw in enumerate_tables(document, "edition", file):
        key = f"edition[{index}]"
        entry = validated(_EditionEntry, raw, file, key)
        try:
            instrument(entry.instrument)
        except UnknownReference as error:
            raise RuleDataError(file, f"{key}.instrument", str(error)) from error
        elements: list[Element] = []
        for position, item in enumerate(entry.elements):
            codes = {e.code for e in elements}
            if item.code in codes or (item.parent is not None and item.parent not in codes):
                raise RuleDataError(
                    file, f"{key}.elements[{position}]", "要素代码重复，或上级要素未先列出"
                )
            elements.append(
                Element(
                    code=item.code,
                    name=item.name,
                    parent=item.parent,
                    citation=_citation(entry.instrument, entry.codes, item.code),
                    confidence=item.confidence or entry.confidence,
                )
            )
        skeletons[entry.instrument] = Skeleton(
            instrument=entry.instrument,
            elements=tuple(elements),
            confidence=entry.confidence,
            sources=tuple(entry.sources),
            note=entry.note,
        )
    return skeletons
