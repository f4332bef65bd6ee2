"""Discretion circumstances (裁量情节): 不予处罚, 从轻或者减轻, 从重, as dated data with their bases.

A circumstance is a fact about the case with a stable id (``harm-eliminated-or-reduced``,
``repeat-within-one-year`` …). Each has one or more bases (依据), one per instrument that
names it, each with its effect, wording, citation, confidence and the period it applies to:

- 《中华人民共和国行政处罚法》（2021年修订）第三十条至第三十三条 (from 2021-07-15, official text):
  不满十四周岁, 精神病人, 轻微并及时改正且无危害后果 → 不予处罚; 首违不罚 → 可以不予处罚; 没有主观过错
  → 不予处罚; 已满十四周岁不满十八周岁 and 第三十二条（一）至（五）→ 应当从轻或者减轻.
- 原总局令第15号（2015年修正）第五十六条 (2015-05-01 to 2026-01-31): the 从轻或者减轻 list
  (secondary sources); 第五十五条 (从重) was not seen in any source and is marked unverified.
- 原总局令第31号's 从重 list (2010-10-01 to 2023-12-31), historical, from a checklist worded in
  its terms.
- 应急管理部令第18号 (from 2026-02-01): only "突发事件应对期间从重" is encoded (secondary); its other
  lists were not seen, which :func:`gaps` records so that every recommendation on or after
  2026-02-01 says so.

Data: ``safetyrules/data/penalties/circumstances.toml``.

>>> c = circumstance("first-violation-slight-harm-corrected")
>>> c.bases[0].effect.value, str(c.bases[0].citation)
('可以不予处罚', '《中华人民共和国行政处罚法》（2021年修订）第三十三条第一款')
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from functools import cache
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from safetyrules.errors import RuleDataError, UnknownReference
from safetyrules.law.catalogue import catalogue, instrument
from safetyrules.law.citation import Citation
from safetyrules.law.confidence import Confidence
from safetyrules.law.data_files import enumerate_tables, read_toml, validated

DATA_FILE = "penalties/circumstances.toml"


class Effect(StrEnum):
    """What a circumstance does to the penalty (情节的法律效果).

    >>> Effect.LIGHTER_OR_REDUCED.mitigating, Effect.HEAVIER.mitigating
    (True, False)
    """

    NO_PENALTY = "不予处罚"
    MAY_NO_PENALTY = "可以不予处罚"
    LIGHTER_OR_REDUCED = "从轻或者减轻"
    MAY_LIGHTER_OR_REDUCED = "可以从轻或者减轻"
    HEAVIER = "从重"

    @property
    def mitigating(self) -> bool:
        """Whether the effect favours the party (不予处罚、从轻或者减轻)."""
        return self is not Effect.HEAVIER


class Basis(BaseModel):
    """One instrument's basis for a circumstance (情节依据), with the period it applies to.

    ``until`` is the last day (inclusive); ``None`` means still in force. ``verbatim`` is
    True when ``text`` is the official wording, False when it summarises a secondary source.

    >>> b = circumstance("repeat-within-one-year").bases[0]
    >>> b.confidence.value, b.applies_on(date(2026, 1, 31)), b.applies_on(date(2026, 2, 1))
    ('unverified', True, False)
    """

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    effect: Effect
    text: str = Field(min_length=1)
    verbatim: bool
    citation: Citation
    confidence: Confidence
    start: date = Field(alias="from")
    until: date | None = None
    note: str = ""

    @model_validator(mode="after")
    def _period(self) -> Self:
        if self.until is not None and self.until < self.start:
            raise ValueError("until 不能早于 from")
        if self.verbatim and self.confidence is Confidence.UNVERIFIED:
            raise ValueError("未核实的依据不能标为原文（verbatim）")
        return self

    def applies_on(self, on: date) -> bool:
        """Whether this basis applies on ``on`` (某日是否有效)."""
        return self.start <= on and (self.until is None or on <= self.until)

    @property
    def period(self) -> str:
        """The period in Chinese (适用期间)."""
        return f"{self.start} 至 {self.until}" if self.until else f"{self.start} 起"


class Circumstance(BaseModel):
    """A discretion circumstance (裁量情节) with its bases, highest-ranking first.

    >>> c = circumstance("harm-eliminated-or-reduced")
    >>> c.name, [b.citation.instrument for b in c.bases]
    ('主动消除或者减轻违法行为危害后果', ['administrative-penalty-law-2021', 'penalty-procedure-measures-2015'])
    >>> c.basis_on(date(2018, 5, 1)).citation.instrument
    'penalty-procedure-measures-2015'
    """

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str = Field(min_length=1)
    bases: tuple[Basis, ...] = Field(alias="basis", min_length=1)
    note: str = ""

    @model_validator(mode="after")
    def _one_direction(self) -> Self:
        if len({b.effect.mitigating for b in self.bases}) > 1:
            raise ValueError("同一情节的各依据须同为有利于当事人的情节或同为从重情节")
        return self

    @property
    def mitigating(self) -> bool:
        """Whether the circumstance favours the party (有利于当事人)."""
        return self.bases[0].effect.mitigating

    def basis_on(self, on: date) -> Basis | None:
        """The highest-ranking basis that applies on ``on``, or None (某日适用的依据)."""
        return next((b for b in self.bases if b.applies_on(on)), None)


class Gap(BaseModel):
    """A list of circumstances known to exist but not encoded (未收录的情节清单).

    >>> [g.instrument for g in gaps() if g.covers(date(2026, 3, 1))]
    ['penalty-procedure-measures-2026', 'emergency-discretion-benchmark-provisions']
    """

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    instrument: str
    start: date = Field(alias="from")
    text: str = Field(min_length=1)

    def covers(self, on: date) -> bool:
        """Whether the unencoded list applies on ``on``."""
        return self.start <= on and instrument(self.instrument).in_force(on)

    @property
    def citation(self) -> Citation:
        """The instrument whose lists are missing, as a citation."""
        return Citation(instrument=self.instrument)


def circumstances() -> tuple[Circumstance, ...]:
    """Every encoded circumstance, in file order (全部裁量情节).

    >>> len(circumstances()) >= 20
    True
    """
    return tuple(_data()[0].values())


def circumstance(circumstance_id: str) -> Circumstance:
    """A circumstance by id (按 id 查找裁量情节); an unknown id is an error.

    >>> circumstance("no-fault").bases[0].effect
    <Effect.NO_PENALTY: '不予处罚'>
    >>> circumstance("drunk")
    Traceback (most recent call last):
    ...
    safetyrules.errors.UnknownReference: 未知的裁量情节: 'drunk'
    """
    found = _data()[0].get(circumstance_id)
    if found is None:
        raise UnknownReference("裁量情节", circumstance_id)
    return found


def gaps() -> tuple[Gap, ...]:
    """The circumstance lists not encoded because their text was not seen (未收录的情节清单).

    >>> [(g.citation.text, str(g.start)) for g in gaps()]
    [('《安全生产违法行为行政处罚办法》（应急管理部令第18号）', '2026-02-01'),
     ('《应急管理行政裁量权基准暂行规定》（应急管理部令第12号）', '2024-01-01')]
    """
    return _data()[1]


class _Gaps(BaseModel):
    model_config = ConfigDict(extra="forbid")

    gap: list[Gap] = []


@cache
def _data() -> tuple[dict[str, Circumstance], tuple[Gap, ...]]:
    file, document = read_toml(DATA_FILE)
    extra = set(document) - {"circumstance", "gap"}
    if extra:
        raise RuleDataError(file, sorted(extra)[0], "未知的顶层键")
    found: dict[str, Circumstance] = {}
    for index, raw in enumerate_tables(document, "circumstance", file):
        key = f"circumstance[{index}]"
        entry = validated(Circumstance, raw, file, key)
        if entry.id in found:
            raise RuleDataError(file, f"{key}.id", f"重复的情节 id {entry.id}")
        for number, basis in enumerate(entry.bases):
            _check_period(basis.citation.instrument, basis.start, basis.until, file, key, number)
        found[entry.id] = entry
    listed = validated(_Gaps, {"gap": document.get("gap", [])}, file)
    for index, gap in enumerate(listed.gap):
        if gap.instrument not in catalogue():
            raise RuleDataError(
                file, f"gap[{index}].instrument", f"未知的法律文件 {gap.instrument}"
            )
    return found, tuple(listed.gap)


def _check_period(
    instrument_id: str, start: date, until: date | None, file: str, key: str, number: int
) -> None:
    # A basis applies only while its instrument is in force.
    source = instrument(instrument_id)
    last = until or start
    if not (source.in_force(start) and source.in_force(last)):
        raise RuleDataError(
            file,
            f"{key}.bases[{number}]",
            f"适用期间 {start} 至 {until or '今'} 超出{source.label}的有效期（{source.period}）",
        )
    if until is None and source.repealed_on is not None:
        raise RuleDataError(
            file, f"{key}.bases[{number}].until", f"{source.label}已失效，须写明 until"
        )
