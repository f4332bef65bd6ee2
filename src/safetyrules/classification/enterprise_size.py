"""企业规模 (大型/中型/小型/微型) by 《统计上大中小微型企业划分办法（2017）》（国统字〔2017〕213号）.

The 办法's 附表 divides enterprises into four sizes, per industry group, by up to two of three
indicators: 从业人员 (persons), 营业收入 and 资产总额 (both in 万元). Each indicator has a
lower bound for 大型, 中型 and 小型; a value below the 小型 bound is 微型. The bands are
"≥ lower bound, < next lower bound" (以上含本数、以下不含本数).

How the indicators combine is the 附表's own rule, confirmed by 国家统计局 (2024-05-24):

    大型、中型和小型企业须同时满足所列指标的下限，否则下划一档；微型企业只须满足所列指标中的一项即可。

So the size is the lowest band any indicator reaches: one indicator at 大型 and the other at
中型 makes a 中型 enterprise, and one indicator below the 小型 bound makes a 微型 one.

The industry group comes from the enterprise's GB/T 4754-2017 code (its 主要经济活动), walking
the hierarchy 小类 → 中类 → 大类 → 门类 to the codes the 附表 lists for each group. The
thresholds are data, in ``safetyrules/data/enterprise_size/nbs-2017.toml`` (read on first use),
with their confidence: the scope of the combined groups marked * in the 附表 (工业, 交通运输业,
仓储业, 信息传输业, 其他未列明行业) and the 办法's issue date are unverified, so explanations that
rest on them say so.

>>> from datetime import date
>>> from decimal import Decimal
>>> result = classify_size("C3511", employees=300, revenue=Decimal("2000"), as_of=date(2024, 6, 1))
>>> result.size.value
'中型'
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Annotated, Self

import attrs
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from safetyrules import checks
from safetyrules.classification.industry import (
    IndustryCode,
    IndustryLevel,
    all_industries,
    industry,
)
from safetyrules.errors import InvalidInput, InvalidRule, NotInForce, RuleDataError
from safetyrules.law.band import Band, BandTable, Convention
from safetyrules.law.citation import Citation
from safetyrules.law.confidence import Confidence
from safetyrules.law.data_files import packaged_files, read_toml, validated
from safetyrules.law.reason import Explanation, InputValue, Reason
from safetyrules.law.timeline import Dated, Timeline

__all__ = [
    "EnterpriseSize",
    "Indicator",
    "IndicatorBand",
    "IndustryGroup",
    "NotCovered",
    "SizeClassification",
    "SizeStandard",
    "Threshold",
    "classify_size",
    "read_size_standard",
    "size_standard",
]

_FOLDER = "enterprise_size"


class EnterpriseSize(StrEnum):
    """The statistical size of an enterprise (企业规模): 大型, 中型, 小型 or 微型.

    ``rank`` orders the sizes from 微型 (0) to 大型 (3).

    >>> EnterpriseSize("中型").name, EnterpriseSize.MEDIUM.rank
    ('MEDIUM', 2)
    >>> min([EnterpriseSize.LARGE, EnterpriseSize.SMALL], key=lambda s: s.rank).value
    '小型'
    """

    LARGE = "大型"
    MEDIUM = "中型"
    SMALL = "小型"
    MICRO = "微型"

    @property
    def rank(self) -> int:
        """0 for 微型 up to 3 for 大型."""
        return _RANK[self]


_RANK = {
    EnterpriseSize.MICRO: 0,
    EnterpriseSize.SMALL: 1,
    EnterpriseSize.MEDIUM: 2,
    EnterpriseSize.LARGE: 3,
}


class Indicator(StrEnum):
    """An indicator the 附表 sizes enterprises by (划型指标).

    ``field`` is the keyword of :func:`classify_size` that carries it; ``unit`` its unit.

    >>> Indicator("营业收入").field, Indicator.REVENUE.unit
    ('revenue', '万元')
    """

    EMPLOYEES = "从业人员"
    REVENUE = "营业收入"
    ASSETS = "资产总额"

    @property
    def field(self) -> str:
        """The keyword argument of :func:`classify_size` for this indicator."""
        return _FIELD[self]

    @property
    def unit(self) -> str:
        """人 for 从业人员, 万元 for 营业收入 and 资产总额."""
        return "人" if self is Indicator.EMPLOYEES else "万元"


_FIELD = {
    Indicator.EMPLOYEES: "employees",
    Indicator.REVENUE: "revenue",
    Indicator.ASSETS: "assets",
}


# --------------------------------------------------------------------------- rule values


@attrs.frozen
class Threshold:
    """One indicator of an industry group with its lower bounds (划型指标及其下限).

    ``table`` holds the four bands (微型 from 0, then 小型, 中型, 大型), each ≥ its lower bound
    and < the next.

    >>> t = size_standard(date(2024, 1, 1)).group("industry").threshold(Indicator.EMPLOYEES)
    >>> t.size_for(299).value, t.size_for(300).value, t.describe(EnterpriseSize.MEDIUM)
    ('小型', '中型', '300人以上1000人以下')
    """

    indicator: Indicator
    large_min: Decimal
    medium_min: Decimal
    small_min: Decimal
    table: BandTable[EnterpriseSize]

    @classmethod
    def build(
        cls, indicator: Indicator, large_min: Decimal, medium_min: Decimal, small_min: Decimal
    ) -> Threshold:
        """The threshold with its band table (分档表), checked for gaps and overlaps."""
        table = BandTable(
            f"{indicator.value}分档",
            [
                Band.between(0, small_min, EnterpriseSize.MICRO, Convention.STATUTE),
                Band.between(small_min, medium_min, EnterpriseSize.SMALL, Convention.STATUTE),
                Band.between(medium_min, large_min, EnterpriseSize.MEDIUM, Convention.STATUTE),
                Band.between(large_min, None, EnterpriseSize.LARGE, Convention.STATUTE),
            ],
        )
        return cls(indicator, large_min, medium_min, small_min, table)

    def size_for(self, value: int | Decimal) -> EnterpriseSize:
        """The size band a value of this indicator reaches (该指标所达档次)."""
        return self.table.value_for(value)

    def describe(self, size: EnterpriseSize) -> str:
        """The band of ``size`` in Chinese, e.g. ``300人以上1000人以下``."""
        band = next(b for b in self.table.bands if b.value is size)
        return band.describe(self.indicator.unit)


@attrs.frozen
class IndustryGroup:
    """One industry row group of the 附表 (附表所列行业), with its GB/T 4754-2017 scope.

    ``scope`` lists GB/T 4754-2017 codes; every 小类 at or below one of them belongs to the
    group. ``combined`` marks the groups the 附表 marks with * (组合行业).

    >>> g = size_standard(date(2024, 1, 1)).group("real_estate_development")
    >>> g.name, g.scope, [i.value for i in g.indicators]
    ('房地产开发经营', ('7010',), ['营业收入', '资产总额'])
    """

    id: str
    name: str
    combined: bool
    scope: tuple[str, ...]
    scope_confidence: Confidence
    scope_note: str | None
    thresholds: tuple[Threshold, ...]
    thresholds_confidence: Confidence
    thresholds_note: str | None
    citation: Citation

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        """The indicators this group is sized by, in the 附表's order."""
        return tuple(t.indicator for t in self.thresholds)

    def threshold(self, indicator: Indicator) -> Threshold:
        """The bounds of one indicator; an indicator the group does not use is an error."""
        for item in self.thresholds:
            if item.indicator is indicator:
                return item
        raise InvalidInput(indicator.field, indicator.value, f"附表“{self.name}”不以该指标划型")


@attrs.frozen
class NotCovered:
    """GB/T 4754-2017 codes the 办法 does not size (不在划型范围内的行业), with the reason.

    >>> [n.scope for n in size_standard(date(2024, 1, 1)).not_covered][:2]
    [('J', 'P', '84', 'S', 'T'), ('53',)]
    """

    scope: tuple[str, ...]
    reason: str
    confidence: Confidence
    note: str | None
    citation: Citation


@attrs.frozen(eq=False)
class SizeStandard:
    """One version of the size-class table (企业规模划分标准), as a data file defines it.

    Every 小类 of GB/T 4754-2017 belongs to exactly one group or one ``not_covered`` entry;
    :meth:`group_for` maps any code to its group.

    >>> s = size_standard(date(2024, 1, 1))
    >>> s.id, s.effective_from.isoformat(), s.effective_from_confidence.value
    ('nbs-2017', '2017-12-28', 'unverified')
    >>> len(s.groups)
    16
    """

    id: str
    title: str
    source: str
    citation: Citation
    effective_from: date
    effective_from_confidence: Confidence
    effective_from_note: str | None
    repealed_on: date | None
    combination_rule: str
    combination_citation: Citation
    combination_confidence: Confidence
    groups: tuple[IndustryGroup, ...]
    not_covered: tuple[NotCovered, ...]
    by_class: Mapping[str, IndustryGroup | NotCovered] = attrs.field(repr=False)

    def in_force(self, on: date) -> bool:
        """Whether this version applies on ``on`` (在该日期有效)."""
        return self.effective_from <= on and (self.repealed_on is None or on < self.repealed_on)

    def group(self, group_id: str) -> IndustryGroup:
        """The group with this id (e.g. ``"industry"`` for 工业)."""
        for item in self.groups:
            if item.id == group_id:
                return item
        raise InvalidInput("group_id", group_id, "没有这一划型行业")

    def group_for(self, industry_code: str) -> IndustryGroup:
        """The 附表 group of a GB/T 4754-2017 code (行业代码所属的划型行业).

        A code above the 小类 level is accepted when all its 小类 fall in the same group.

        >>> s = size_standard(date(2024, 1, 1))
        >>> s.group_for("C3511").name, s.group_for("701").name, s.group_for("K7030").name
        ('工业', '房地产开发经营', '其他未列明行业')
        >>> s.group_for("59")
        Traceback (most recent call last):
        ...
        safetyrules.errors.InvalidInput: industry_code = '59': G59 装卸搬运和仓储业 所含小类分属多个划型行业（交通运输业、仓储业），请给出更细的行业代码
        >>> s.group_for("J6610")
        Traceback (most recent call last):
        ...
        safetyrules.errors.InvalidInput: industry_code = 'J6610': J6610 中央银行服务 不在...划型范围内：...
        """
        item = industry(industry_code)
        targets: list[IndustryGroup | NotCovered] = []
        for leaf in item.classes():
            target = self.by_class[leaf.code]
            if not any(target is seen for seen in targets):
                targets.append(target)
        if len(targets) > 1:
            names = "、".join(t.name if isinstance(t, IndustryGroup) else "不划型" for t in targets)
            raise InvalidInput(
                "industry_code",
                industry_code,
                f"{item.label} 所含小类分属多个划型行业（{names}），请给出更细的行业代码",
            )
        target = targets[0]
        if isinstance(target, NotCovered):
            flag = (
                "（该结论未经官方文本核实）" if target.confidence is Confidence.UNVERIFIED else ""
            )
            raise InvalidInput(
                "industry_code",
                industry_code,
                f"{item.label} 不在{self.citation.source.label}的划型范围内：{target.reason}{flag}",
            )
        return target


# --------------------------------------------------------------------------- data file schema


def _exact_number(value: object) -> object:
    if isinstance(value, bool | float):
        raise ValueError('不接受浮点数或布尔值：人数写整数，金额写字符串，如 "2000"')
    if isinstance(value, int | str):
        try:
            return Decimal(str(value).strip())
        except InvalidOperation:
            raise ValueError(f"{value!r} 不是数值") from None
    return value


_Exact = Annotated[Decimal, BeforeValidator(_exact_number), Field(gt=0, allow_inf_nan=False)]


class _ThresholdEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    indicator: Indicator
    unit: str
    large_min: _Exact
    medium_min: _Exact
    small_min: _Exact

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.unit != self.indicator.unit:
            raise ValueError(f"{self.indicator.value}的单位应为{self.indicator.unit}")
        if not self.small_min < self.medium_min < self.large_min:
            raise ValueError("下限须满足 small_min < medium_min < large_min")
        return self


class _GroupEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str = Field(min_length=1)
    combined: bool = False
    scope: tuple[str, ...] = Field(min_length=1)
    scope_confidence: Confidence
    scope_note: str | None = None
    thresholds_confidence: Confidence
    thresholds_note: str | None = None
    citation: Citation
    threshold: tuple[_ThresholdEntry, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_indicators(self) -> Self:
        indicators = [t.indicator for t in self.threshold]
        if len(set(indicators)) != len(indicators):
            raise ValueError("同一行业的划型指标不能重复")
        return self


class _NotCoveredEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    scope: tuple[str, ...] = Field(min_length=1)
    reason: str = Field(min_length=1)
    confidence: Confidence
    note: str | None = None
    citation: Citation


class _CombinationEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    rule: str = Field(min_length=1)
    citation: Citation
    confidence: Confidence
    note: str | None = None


class _StandardFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    title: str = Field(min_length=1)
    citation: Citation
    effective_from: date
    effective_from_confidence: Confidence
    effective_from_note: str | None = None
    repealed_on: date | None = None
    sources: tuple[str, ...] = Field(min_length=1)
    combination: _CombinationEntry
    group: tuple[_GroupEntry, ...] = Field(min_length=1)
    not_covered: tuple[_NotCoveredEntry, ...] = ()

    @model_validator(mode="after")
    def _dates(self) -> Self:
        if self.repealed_on is not None and self.repealed_on <= self.effective_from:
            raise ValueError("repealed_on 必须晚于 effective_from")
        return self


def _scope_codes(codes: tuple[str, ...], file: str, key: str) -> tuple[IndustryCode, ...]:
    found = []
    for index, code in enumerate(codes):
        try:
            found.append(industry(code))
        except (InvalidInput, LookupError) as error:
            raise RuleDataError(file, f"{key}.scope[{index}]", str(error)) from error
    return tuple(found)


def _build(entry: _StandardFile, file: str) -> SizeStandard:
    by_class: dict[str, IndustryGroup | NotCovered] = {}
    owner: dict[str, str] = {}

    def claim(
        target: IndustryGroup | NotCovered, codes: tuple[IndustryCode, ...], key: str
    ) -> None:
        for index, code in enumerate(codes):
            for leaf in code.classes():
                if leaf.code in by_class:
                    raise RuleDataError(
                        file,
                        f"{key}.scope[{index}]",
                        f"小类 {leaf.qualified} 已归入 {owner[leaf.code]}，划型范围不能重叠",
                    )
                by_class[leaf.code] = target
                owner[leaf.code] = key

    groups = []
    seen_ids: set[str] = set()
    for index, raw in enumerate(entry.group):
        key = f"group[{index}]"
        if raw.id in seen_ids:
            raise RuleDataError(file, f"{key}.id", f"重复的行业 id {raw.id!r}")
        seen_ids.add(raw.id)
        codes = _scope_codes(raw.scope, file, key)
        try:
            thresholds = tuple(
                Threshold.build(t.indicator, t.large_min, t.medium_min, t.small_min)
                for t in raw.threshold
            )
        except InvalidRule as error:
            raise RuleDataError(file, f"{key}.threshold", str(error)) from error
        group = IndustryGroup(
            id=raw.id,
            name=raw.name,
            combined=raw.combined,
            scope=tuple(c.code for c in codes),
            scope_confidence=raw.scope_confidence,
            scope_note=raw.scope_note,
            thresholds=thresholds,
            thresholds_confidence=raw.thresholds_confidence,
            thresholds_note=raw.thresholds_note,
            citation=raw.citation,
        )
        claim(group, codes, key)
        groups.append(group)
    not_covered = []
    for index, raw_nc in enumerate(entry.not_covered):
        key = f"not_covered[{index}]"
        codes = _scope_codes(raw_nc.scope, file, key)
        item = NotCovered(
            scope=tuple(c.code for c in codes),
            reason=raw_nc.reason,
            confidence=raw_nc.confidence,
            note=raw_nc.note,
            citation=raw_nc.citation,
        )
        claim(item, codes, key)
        not_covered.append(item)
    missing = [leaf for leaf in _all_classes() if leaf.code not in by_class]
    if missing:
        shown = "、".join(leaf.qualified for leaf in missing[:10])
        more = f" 等{len(missing)}个" if len(missing) > 10 else ""
        raise RuleDataError(file, "group", f"以下小类未归入任何行业或 not_covered: {shown}{more}")
    return SizeStandard(
        id=entry.id,
        title=entry.title,
        source=file,
        citation=entry.citation,
        effective_from=entry.effective_from,
        effective_from_confidence=entry.effective_from_confidence,
        effective_from_note=entry.effective_from_note,
        repealed_on=entry.repealed_on,
        combination_rule=entry.combination.rule,
        combination_citation=entry.combination.citation,
        combination_confidence=entry.combination.confidence,
        groups=tuple(groups),
        not_covered=tuple(not_covered),
        by_class=by_class,
    )


def _all_classes() -> tuple[IndustryCode, ...]:
    return tuple(i for i in all_industries() if i.level is IndustryLevel.CLASS)


def read_size_standard(source: str | Path) -> SizeStandard:
    """Read and validate a size-class table (读取企业规模划分标准).

    ``source`` is a packaged name (``"enterprise_size/nbs-2017.toml"``) or a user's
    :class:`~pathlib.Path` in the same format. Any defect is a
    :class:`~safetyrules.errors.RuleDataError` naming the file and the key.

    >>> read_size_standard("enterprise_size/nbs-2017.toml").group("industry").name
    '工业'
    """
    file, document = read_toml(source)
    return _build(validated(_StandardFile, document, file), file)


@cache
def _packaged() -> Timeline[SizeStandard]:
    standards = sorted(
        (read_size_standard(name) for name in packaged_files(_FOLDER)),
        key=lambda s: s.effective_from,
    )
    if not standards:
        raise RuleDataError(_FOLDER, "(folder)", "没有企业规模划分标准数据文件")
    entries = [
        Dated(s.effective_from, s, s.citation, s.effective_from_confidence, s.effective_from_note)
        for s in standards
    ]
    try:
        return Timeline("统计上大中小微型企业划分标准", entries, standards[-1].repealed_on)
    except InvalidRule as error:
        raise RuleDataError(_FOLDER, "effective_from", str(error)) from error


def size_standard(as_of: date) -> SizeStandard:
    """The packaged size-class table in force on ``as_of`` (某日适用的企业规模划分标准).

    A date before the first table is an error, never a guess.

    >>> size_standard(date(2020, 1, 1)).title
    '统计上大中小微型企业划分标准（国统字〔2017〕213号附表）'
    >>> size_standard(date(2017, 12, 27))
    Traceback (most recent call last):
    ...
    safetyrules.errors.NotInForce: 统计上大中小微型企业划分标准 于 2017-12-27 不在有效期内: 最早的规定自 2017-12-28 起施行
    """
    return _packaged().at(_checked_date(as_of))


# --------------------------------------------------------------------------- classification


class IndicatorBand(BaseModel):
    """The band one indicator reached (单项指标所达档次).

    >>> IndicatorBand(indicator="从业人员", value=Decimal(300), size="中型").size
    <EnterpriseSize.MEDIUM: '中型'>
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    indicator: Indicator
    value: Decimal
    size: EnterpriseSize


class SizeClassification(BaseModel):
    """The size of an enterprise with its reasons (企业规模划型结果).

    ``industry_code`` is the qualified GB/T 4754-2017 code (``C3511``); ``industry_group`` the
    附表 row it was sized under; ``indicators`` the band each indicator reached.

    >>> r = classify_size("L7211", employees=50, assets=Decimal("150000"), as_of=date(2024, 1, 1))
    >>> r.size.value, r.industry_group, [(b.indicator.value, b.size.value) for b in r.indicators]
    ('小型', '租赁和商务服务业', [('从业人员', '小型'), ('资产总额', '大型')])
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    size: EnterpriseSize
    industry_code: str
    industry_group: str
    as_of: date
    standard: str
    indicators: tuple[IndicatorBand, ...]
    explanation: Explanation

    @property
    def unverified(self) -> bool:
        """Whether the result rests on a fact not checked against the official text."""
        return self.explanation.unverified


def _checked_date(as_of: object) -> date:
    if not isinstance(as_of, date) or isinstance(as_of, datetime):
        raise InvalidInput("as_of", as_of, "应为 datetime.date（划型所依据的日期）")
    return as_of


def _checked_value(field: str, value: object) -> Decimal | None:
    if value is None:
        return None
    return (
        Decimal(checks.count(field, value)) if field == "employees" else checks.money(field, value)
    )


def _chain_text(item: IndustryCode) -> str:
    return " → ".join(i.label for i in item.chain())


def _scope_text(item: IndustryCode, group: IndustryGroup) -> str:
    for ancestor in item.chain():
        if ancestor.code in group.scope:
            return ancestor.label
    return f"{item.label} 所含小类均"


def _combination_text(
    group: IndustryGroup, bands: list[IndicatorBand], size: EnterpriseSize
) -> str:
    if len(bands) == 1:
        return f"附表“{group.name}”只以{bands[0].indicator.value}一项指标划型，按该指标为{size.value}企业"
    if all(b.size is size for b in bands):
        names = "、".join(b.indicator.value for b in bands)
        if size is EnterpriseSize.MICRO:
            return f"{names}均低于小型下限，为微型企业"
        return f"{names}均达到{size.value}下限，同时满足，为{size.value}企业"
    limiting = "、".join(b.indicator.value for b in bands if b.size is size)
    higher = "、".join(
        f"{b.indicator.value}达到{b.size.value}" for b in bands if b.size is not size
    )
    if size is EnterpriseSize.MICRO:
        return f"{higher}，但{limiting}低于小型下限；只须一项即为微型企业"
    return f"{higher}，但{limiting}只达到{size.value}下限；不能同时满足更高一档的下限，下划为{size.value}企业"


def classify_size(
    industry_code: str,
    *,
    employees: int | Decimal | None = None,
    revenue: int | Decimal | None = None,
    assets: int | Decimal | None = None,
    as_of: date,
    standard: SizeStandard | None = None,
) -> SizeClassification:
    """The size of an enterprise (企业规模划型: 大型/中型/小型/微型) under the 附表 of
    《统计上大中小微型企业划分办法（2017）》.

    - ``industry_code``: the GB/T 4754-2017 code of the enterprise's 主要经济活动, ``"3511"``
      or ``"C3511"`` style; a code above 小类 is accepted when all its 小类 share one group.
    - ``employees``: 从业人员 (期末从业人员数, persons), ``int`` or ``Decimal``.
    - ``revenue``: 营业收入 in **万元** (ten thousand yuan), ``Decimal`` (or ``int``).
    - ``assets``: 资产总额 in **万元**, ``Decimal`` (or ``int``).
    - ``as_of``: the date the classification is about (e.g. the end of the 统计年报 year).
    - ``standard``: a table read with :func:`read_size_standard`; by default the packaged one
      in force on ``as_of``.

    Only the indicators of the industry's group are used; a needed indicator that is missing
    raises :class:`~safetyrules.errors.InvalidInput` naming it, and floats, booleans and
    negative values are refused the same way. An indicator the group does not use is
    reported in the explanation and otherwise ignored.

    工业: 从业人员 1200 ≥ 1000 reaches 大型, 营业收入 2000万元 only 中型 → 下划一档, 中型:

    >>> r = classify_size("C3511", employees=1200, revenue=Decimal("2000"), as_of=date(2024, 6, 1))
    >>> r.size
    <EnterpriseSize.MEDIUM: '中型'>
    >>> print(r.explanation.text())
    1. 2024-06-01 适用统计上大中小微型企业划分标准（国统字〔2017〕213号附表）（2017-12-28 起执行）...
    2. 行业代码 C3511 矿山机械制造 → C351 采矿、冶金、建筑专用设备制造 → C35 专用设备制造业 → C 制造业。依据：《国民经济行业分类》...
    3. 按附表，C 制造业 归入“工业”（组合行业...）。依据：《统计上大中小微型企业划分办法（2017）》...（注意：该依据未经官方文本核实）
    4. 附表“工业”：从业人员 1200人，达到大型标准（1000人以上）。依据：...
    5. 附表“工业”：营业收入 2000万元，达到中型标准（2000万元以上40000万元以下）。依据：...
    6. 大型、中型和小型企业须同时满足所列指标的下限，否则下划一档；微型企业只须满足所列指标中的一项即可：从业人员达到大型，但营业收入只达到中型下限；不能同时满足更高一档的下限，下划为中型企业。依据：...
    >>> classify_size("C3511", employees=300, revenue=2000.0, as_of=date(2024, 6, 1))
    Traceback (most recent call last):
    ...
    safetyrules.errors.InvalidInput: revenue = 2000.0: 金额必须是 Decimal 或整数（不接受浮点数）
    >>> classify_size("C3511", revenue=Decimal("2000"), as_of=date(2024, 6, 1))
    Traceback (most recent call last):
    ...
    safetyrules.errors.InvalidInput: employees = None: 附表“工业”按从业人员、营业收入划型，须提供从业人员（employees）
    """
    values = {
        Indicator.EMPLOYEES: _checked_value("employees", employees),
        Indicator.REVENUE: _checked_value("revenue", revenue),
        Indicator.ASSETS: _checked_value("assets", assets),
    }
    on = _checked_date(as_of)
    if standard is None:
        standard = size_standard(on)
    elif not standard.in_force(on):
        raise NotInForce(standard.id, on, f"{standard.effective_from.isoformat()} 起执行")
    group = standard.group_for(industry_code)
    item = industry(industry_code)
    for needed in group.indicators:
        if values[needed] is None:
            names = "、".join(i.value for i in group.indicators)
            raise InvalidInput(
                needed.field,
                None,
                f"附表“{group.name}”按{names}划型，须提供{needed.value}（{needed.field}）",
            )

    reasons = [
        Reason(
            rule="enterprise_size.standard",
            message=(
                f"{on.isoformat()} 适用{standard.title}"
                f"（{standard.effective_from.isoformat()} 起执行）"
                + (f"：{standard.effective_from_note}" if standard.effective_from_note else "")
            ),
            citation=standard.citation,
            inputs={"as_of": on},
            confidence=standard.effective_from_confidence,
        ),
        Reason(
            rule="classification.industry",
            message=f"行业代码 {_chain_text(item)}",
            citation=Citation(instrument="gbt-4754-2017"),
            inputs={"industry_code": item.qualified},
            confidence=Confidence.SECONDARY,
        ),
        Reason(
            rule=f"enterprise_size.{group.id}.scope",
            message=(
                f"按附表，{_scope_text(item, group)} 归入“{group.name}”"
                + (
                    f"（{'组合行业，' if group.combined else ''}{group.scope_note}）"
                    if group.scope_note
                    else ""
                )
            ),
            citation=group.citation,
            inputs={"industry_code": item.qualified},
            confidence=group.scope_confidence,
        ),
    ]
    bands: list[IndicatorBand] = []
    for threshold in group.thresholds:
        indicator = threshold.indicator
        value = values[indicator]
        assert value is not None
        reached = threshold.size_for(value)
        bands.append(IndicatorBand(indicator=indicator, value=value, size=reached))
        shown = f"{indicator.value} {value}{indicator.unit}"
        if reached is EnterpriseSize.MICRO:
            text = (
                f"{shown}，低于小型下限（{threshold.small_min}{indicator.unit}），"
                f"属微型（{threshold.describe(reached)}）"
            )
        else:
            text = f"{shown}，达到{reached.value}标准（{threshold.describe(reached)}）"
        inputs: dict[str, InputValue] = {indicator.field: value}
        reasons.append(
            Reason(
                rule=f"enterprise_size.{group.id}.{indicator.field}",
                message=f"附表“{group.name}”：{text}",
                citation=group.citation,
                inputs=inputs,
                confidence=group.thresholds_confidence,
            )
        )
    for indicator, value in values.items():
        if value is not None and indicator not in group.indicators:
            reasons.append(
                Reason(
                    rule="enterprise_size.unused_indicator",
                    message=(
                        f"附表“{group.name}”不以{indicator.value}划型，"
                        f"所给{indicator.value} {value}{indicator.unit}未使用"
                    ),
                    citation=group.citation,
                    inputs={indicator.field: value},
                    confidence=group.thresholds_confidence,
                )
            )
    size = min((b.size for b in bands), key=lambda s: s.rank)
    reasons.append(
        Reason(
            rule="enterprise_size.combination",
            message=f"{standard.combination_rule.rstrip('。')}：{_combination_text(group, bands, size)}",
            citation=standard.combination_citation,
            inputs={b.indicator.field: b.size.value for b in bands},
            confidence=standard.combination_confidence,
        )
    )
    return SizeClassification(
        size=size,
        industry_code=item.qualified,
        industry_group=group.name,
        as_of=on,
        standard=standard.id,
        indicators=tuple(bands),
        explanation=Explanation(reasons=tuple(reasons)),
    )
