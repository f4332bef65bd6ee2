"""Placing a fine within its statutory band (罚款分档): 从轻, 一般, 从重, 减轻.

A placement variant (分档方案) says where each tier sits in a band, as shares of the band:

- a band with both bounds ("处A以上B以下", :attr:`BandForm.BOTH_BOUNDS`): 从轻 = [A, middle],
  一般 = around the middle, 从重 = [middle, B] (原总局令第15号（2015年修正）第五十六条第二款 for
  从轻, from secondary sources; the 从重 counterpart is unverified);
- a maximum-only band ("处B以下", :attr:`BandForm.MAXIMUM_ONLY`): under the national default
  (应急管理部令第12号, reading A, unverified) 从轻 ≤ 20% of B, 一般 20%–60%, 从重 ≥ 60%; the
  成都/义乌-type municipal rule (``municipal-20-40-60``) puts 一般 at 40%–60%.

Multiples (违法所得倍数, "m倍以上n倍以下") are split the same way. 减轻 is below the statutory
minimum and not below 0 (《中华人民共和国行政处罚法》第三十条、第三十二条 use the word; the band is the
library's reading), so it exists only for a band with a minimum. Which variant applies is a dated
parameter per jurisdiction, most specific code first; :func:`register_placement` adds a place's own.
Data: ``safetyrules/data/penalties/placement.toml``.

>>> from datetime import date
>>> variant, reason = placement_for("330402", date(2025, 6, 1))
>>> variant.id
'reading-a'
>>> place(100000, 200000, Tier.LIGHTER, variant=variant).text()
'10万元以上15万元以下'
>>> place(2, 5, Tier.HEAVIER, variant=variant, unit="倍").text()
'3.5倍以上5倍以下'
"""

from __future__ import annotations

import math
import threading
from collections.abc import Mapping
from datetime import date
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from enum import StrEnum
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from safetyrules.accidents.grade import yuan_text
from safetyrules.errors import InvalidInput, RuleDataError, UnknownReference
from safetyrules.law.citation import Citation
from safetyrules.law.confidence import Confidence
from safetyrules.law.data_files import enumerate_tables, read_toml, validated
from safetyrules.law.overlay import Overlay
from safetyrules.law.parameters import read_parameters
from safetyrules.law.reason import Reason
from safetyrules.law.timeline import Timeline

DATA_FILE = "penalties/placement.toml"
PARAMETER = "penalties.discretion.placement"
"""The id of the dated parameter naming the variant in force for a jurisdiction."""


class BandForm(StrEnum):
    """How the statute writes the band (法定幅度的写法).

    >>> BandForm.of(0, 50000), BandForm.of(100000, 200000)
    (<BandForm.MAXIMUM_ONLY: '仅有上限'>, <BandForm.BOTH_BOUNDS: '有上下限'>)
    """

    BOTH_BOUNDS = "有上下限"
    MAXIMUM_ONLY = "仅有上限"

    @classmethod
    def of(cls, minimum: Decimal | int, maximum: Decimal | int) -> BandForm:
        """The form of a band: a minimum of 0 means "…以下"."""
        return cls.BOTH_BOUNDS if minimum > 0 else cls.MAXIMUM_ONLY


class Tier(StrEnum):
    """Where a fine is placed (裁量档次).

    >>> [t.value for t in Tier]
    ['不予处罚', '减轻', '从轻', '一般', '从重']
    """

    NO_PENALTY = "不予处罚"
    REDUCED = "减轻"
    LIGHTER = "从轻"
    ORDINARY = "一般"
    HEAVIER = "从重"


class SubRange(BaseModel):
    """A recommended range (建议罚款区间): never a single number unless it is 0.

    Both ends are included, except that a 减轻 range stops short of the statutory minimum
    (``upper_inclusive=False``).

    >>> r = SubRange(minimum=0, maximum=100000, upper_inclusive=False)
    >>> r.contains(Decimal("99999.99")), r.contains(100000), r.text()
    (True, False, '0元以上10万元以下（不含10万元）')
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    minimum: Decimal = Field(ge=0)
    maximum: Decimal = Field(ge=0)
    upper_inclusive: bool = True
    unit: str = "元"

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.minimum > self.maximum:
            raise ValueError("区间下限不能高于上限")
        return self

    def contains(self, value: Decimal | int) -> bool:
        """Whether ``value`` lies in the range."""
        if value < self.minimum:
            return False
        return value <= self.maximum if self.upper_inclusive else value < self.maximum

    def text(self) -> str:
        """The range as Chinese text (以上、以下含本数)."""

        def show(value: Decimal) -> str:
            return yuan_text(value) if self.unit == "元" else f"{value}{self.unit}"

        if self.minimum == self.maximum:
            return show(self.minimum)
        text = f"{show(self.minimum)}以上{show(self.maximum)}以下"
        return text if self.upper_inclusive else text + f"（不含{show(self.maximum)}）"


def _fraction(value: object) -> Fraction:
    if isinstance(value, float) or not isinstance(value, str | int):
        raise ValueError('比例须写成字符串，如 "1/2" 或 "0.2"')
    try:
        share = Fraction(value)
    except (ValueError, ZeroDivisionError) as error:
        raise ValueError(f"{value!r} 不是比例") from error
    if not 0 <= share <= 1:
        raise ValueError("比例须在0与1之间")
    return share


class Share(BaseModel):
    """Where one tier sits in one form of band, as shares of the band (某档的位置).

    >>> s = placement_variant("reading-a").share(BandForm.MAXIMUM_ONLY, Tier.ORDINARY)
    >>> s.low, s.high, s.confidence.value
    ('1/5', '3/5', 'unverified')
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    form: BandForm
    tier: Tier
    low: str
    high: str
    citation: Citation | None = None
    confidence: Confidence
    note: str = ""

    @field_validator("low", "high", mode="before")
    @classmethod
    def _share(cls, value: object) -> str:
        _fraction(value)
        return str(value)

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.tier not in _PLACED:
            raise ValueError(f"分档方案只规定{'、'.join(t.value for t in _PLACED)}")
        if _fraction(self.low) > _fraction(self.high):
            raise ValueError("low 不能大于 high")
        return self

    @property
    def bounds(self) -> tuple[Fraction, Fraction]:
        """The shares as exact fractions."""
        return _fraction(self.low), _fraction(self.high)


_PLACED = (Tier.LIGHTER, Tier.ORDINARY, Tier.HEAVIER)


class PlacementVariant(BaseModel):
    """A placement variant (分档方案): the share of each tier for each form of band.

    Checked on load: every form has all three tiers; 从轻 starts at the bottom and 从重 ends
    at the top; a heavier tier never starts or ends below a lighter one; a share without a
    citation is allowed only when the variant names its sources and is not official.

    >>> [v.id for v in placement_variants()]
    ['midpoint', 'reading-a', 'municipal-20-40-60']
    """

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str = Field(min_length=1)
    confidence: Confidence
    sources: tuple[str, ...] = ()
    note: str = ""
    shares: tuple[Share, ...] = Field(alias="share")

    @model_validator(mode="after")
    def _complete(self) -> Self:
        for form in BandForm:
            found = [self._find(form, tier) for tier in _PLACED]
            if any(s is None for s in found):
                raise ValueError(f"{form.value}的幅度须有从轻、一般、从重三档")
            light, ordinary, heavy = (s.bounds for s in found if s is not None)
            if light[0] != 0 or heavy[1] != 1:
                raise ValueError(f"{form.value}：从轻须从0开始，从重须到1为止")
            if not (light[0] <= ordinary[0] <= heavy[0] and light[1] <= ordinary[1] <= heavy[1]):
                raise ValueError(f"{form.value}：较重的档次不能低于较轻的档次")
        if len(self.shares) != len(BandForm) * len(_PLACED):
            raise ValueError("每种写法的每一档只能写一次")
        for share in self.shares:
            if share.citation is None and (
                not self.sources or share.confidence is Confidence.OFFICIAL
            ):
                raise ValueError("未写 citation 的档次须由方案写明 sources，且不能为 official")
        return self

    def _find(self, form: BandForm, tier: Tier) -> Share | None:
        return next((s for s in self.shares if s.form is form and s.tier is tier), None)

    def share(self, form: BandForm, tier: Tier) -> Share:
        """The share of a tier for a form of band (某档位置)."""
        found = self._find(form, tier)
        if found is None:
            raise InvalidInput(
                "tier", tier.value, f"分档方案只规定{'、'.join(t.value for t in _PLACED)}"
            )
        return found


def place(
    minimum: Decimal | int,
    maximum: Decimal | int,
    tier: Tier,
    *,
    variant: PlacementVariant,
    unit: str = "元",
) -> SubRange:
    """The sub-range of a band for a tier (在法定幅度内分档).

    Works for amounts and for multiples alike. A lower bound that is not a whole number is
    rounded up to the cent (0.01), an upper bound down, so the range stays inside its tier.
    不予处罚 gives 0 to 0; 减轻 gives [0, minimum) and needs a band with a minimum.

    >>> v = placement_variant("reading-a")
    >>> place(0, 50000, Tier.ORDINARY, variant=v).text()
    '1万元以上3万元以下'
    >>> place(100000, 200000, Tier.REDUCED, variant=v).text()
    '0元以上10万元以下（不含10万元）'
    >>> place(100000, 200000, Tier.ORDINARY, variant=v).text()
    '133333.34元以上166666.66元以下'
    """
    low, high = Decimal(minimum), Decimal(maximum)
    if low < 0 or low > high:
        raise InvalidInput("minimum", minimum, "幅度下限须不小于0且不高于上限")
    if tier is Tier.NO_PENALTY:
        return SubRange(minimum=Decimal(0), maximum=Decimal(0), unit=unit)
    if tier is Tier.REDUCED:
        if low == 0:
            raise InvalidInput("tier", tier.value, "法定幅度没有下限，无法在下限以下减轻")
        return SubRange(minimum=Decimal(0), maximum=low, upper_inclusive=False, unit=unit)
    start, end = variant.share(BandForm.of(low, high), tier).bounds
    span = Fraction(high - low)
    return SubRange(
        minimum=_decimal(Fraction(low) + start * span, ROUND_CEILING),
        maximum=_decimal(Fraction(low) + end * span, ROUND_FLOOR),
        unit=unit,
    )


def _decimal(value: Fraction, rounding: str) -> Decimal:
    # Exact when the value has at most two decimals; otherwise rounded inwards to the cent.
    if (value * 100).denominator == 1:
        return Decimal(value.numerator) / Decimal(value.denominator)
    cents = math.ceil(value * 100) if rounding == ROUND_CEILING else math.floor(value * 100)
    return Decimal(cents).scaleb(-2)


def placement_variants() -> tuple[PlacementVariant, ...]:
    """Every known placement variant, shipped then registered (全部分档方案).

    >>> [(v.id, v.confidence.value) for v in placement_variants()]
    [('midpoint', 'secondary'), ('reading-a', 'unverified'), ('municipal-20-40-60', 'secondary')]
    """
    return tuple(_variants().values())


def placement_variant(variant_id: str) -> PlacementVariant:
    """A placement variant by id (按 id 查找分档方案).

    >>> placement_variant("midpoint").name
    '中档规则（有从轻情节的，在法定幅度中档以下确定）'
    """
    found = _variants().get(variant_id)
    if found is None:
        raise UnknownReference("分档方案", variant_id)
    return found


def placement_for(jurisdiction: str, on: date) -> tuple[PlacementVariant, Reason]:
    """The variant in force for a jurisdiction on a date, and why (适用的分档方案).

    The most specific jurisdiction with its own rule wins; otherwise the nation's.

    >>> variant, reason = placement_for("000000", date(2020, 1, 1))
    >>> variant.id, reason.confidence.value
    ('midpoint', 'secondary')
    >>> placement_for("000000", date(2015, 4, 30))
    Traceback (most recent call last):
    ...
    safetyrules.errors.NotInForce: penalties.discretion.placement 于 2015-04-30 不在有效期内: ...
    """
    resolved = _overlay().resolve(jurisdiction, on)
    variant = placement_variant(str(resolved.value))
    message = f"{resolved.level_note}：罚款分档采用“{variant.name}”"
    if resolved.entry.note:
        message += f"（{resolved.entry.note.rstrip('。')}）"
    return variant, resolved.reason(message, {"variant": variant.id})


def read_placement(
    source: str | Path,
) -> tuple[dict[str, PlacementVariant], dict[str, Timeline[Any]]]:
    """Read a placement file without registering it (读取分档方案文件).

    The file may hold ``[[variant]]`` tables, a ``[[parameter]]`` table with id
    ``penalties.discretion.placement`` whose values name a variant per jurisdiction, or both.
    Returns the variants by id and the timelines by jurisdiction code.

    >>> variants, timelines = read_placement(DATA_FILE)
    >>> sorted(variants), list(timelines)
    (['midpoint', 'municipal-20-40-60', 'reading-a'], ['000000'])
    """
    file, document = read_toml(source)
    extra = set(document) - {"variant", "parameter"}
    if extra:
        raise RuleDataError(file, sorted(extra)[0], "未知的顶层键")
    variants: dict[str, PlacementVariant] = {}
    if "variant" in document:
        for index, raw in enumerate_tables(document, "variant", file):
            entry = validated(PlacementVariant, raw, file, f"variant[{index}]")
            if entry.id in variants:
                raise RuleDataError(file, f"variant[{index}].id", f"重复的方案 id {entry.id}")
            variants[entry.id] = entry
    timelines: dict[str, Timeline[Any]] = {}
    if "parameter" in document:
        parameters = read_parameters(source)
        unknown = set(parameters) - {PARAMETER}
        if unknown:
            raise RuleDataError(
                file, "parameter", f"只接受参数 {PARAMETER}，不认识 {sorted(unknown)}"
            )
        if PARAMETER in parameters:
            timelines = dict(parameters[PARAMETER].timelines)
    if not variants and not timelines:
        raise RuleDataError(file, "(file)", "文件中既没有 [[variant]] 也没有 [[parameter]]")
    return variants, timelines


def register_placement(source: Path, *, replace: bool = False) -> list[str]:
    """Register a jurisdiction's own placement rule or variants (登记地方分档方案).

    Variants must have new ids. A jurisdiction that already has a rule (the nation's
    included) keeps it unless ``replace=True``. Every value must name a known variant.
    Registration is per process: a worker in another process must register the same file.
    Returns the jurisdiction codes registered.

    >>> import pathlib, tempfile
    >>> text = '''
    ... [[parameter]]
    ... id = "penalties.discretion.placement"
    ... description = "示例：某县采用市级规则"
    ... type = "text"
    ... [[parameter.values]]
    ... from = 2024-01-01
    ... jurisdiction = "330782"
    ... value = "municipal-20-40-60"
    ... citation = { instrument = "emergency-discretion-benchmark-provisions" }
    ... confidence = "unverified"
    ... '''
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder, "placement.toml")
    ...     _ = path.write_text(text, encoding="utf-8")
    ...     register_placement(path)
    ['330782']
    >>> placement_for("330782", date(2025, 1, 1))[0].id
    'municipal-20-40-60'
    >>> from safetyrules.penalties.placement import _reset_registered
    >>> _reset_registered()
    >>> placement_for("330782", date(2025, 1, 1))[0].id
    'reading-a'
    """
    variants, timelines = read_placement(source)
    with _LOCK:
        clashes = sorted(set(variants) & set(_variants()))
        if clashes:
            raise RuleDataError(str(source), "variant", f"方案 id 已存在：{'、'.join(clashes)}")
        known = {**_variants(), **variants}
        for code, timeline in timelines.items():
            for entry in timeline.entries:
                if entry.value not in known:
                    raise RuleDataError(
                        str(source), f"parameter.values[{code}]", f"未知的分档方案 {entry.value!r}"
                    )
        taken = sorted(set(timelines) & set(_timelines()))
        if taken and not replace:
            raise RuleDataError(
                str(source),
                "parameter",
                f"这些行政区划已有分档规定：{'、'.join(taken)}（替换须 replace=True）",
            )
        _registered_variants.update(variants)
        _registered_timelines.update(timelines)
    return sorted(timelines)


def _variants() -> dict[str, PlacementVariant]:
    return {**_shipped()[0], **_registered_variants}


def _timelines() -> Mapping[str, Timeline[Any]]:
    return {**_shipped()[1], **_registered_timelines}


def _overlay() -> Overlay[Any]:
    return Overlay(PARAMETER, _timelines())


_registered_variants: dict[str, PlacementVariant] = {}
_registered_timelines: dict[str, Timeline[Any]] = {}
_LOCK = threading.Lock()


@cache
def _shipped() -> tuple[dict[str, PlacementVariant], dict[str, Timeline[Any]]]:
    variants, timelines = read_placement(DATA_FILE)
    for code, timeline in timelines.items():
        for entry in timeline.entries:
            if entry.value not in variants:
                raise RuleDataError(
                    DATA_FILE, f"parameter.values[{code}]", f"未知的分档方案 {entry.value!r}"
                )
    return variants, timelines


def _reset_registered() -> None:
    """Forget registered variants and jurisdiction rules (for tests)."""
    with _LOCK:
        _registered_variants.clear()
        _registered_timelines.clear()
