"""The penalty provisions of the 安全生产法 (法律责任), by version, and the violation catalogue.

Each version of chapter 6 (2014: in force 2014-12-01 to 2021-08-31; 2021: from 2021-09-01) is a
data file of provisions: the violations each punishes, the article's own text, and its stages
(责令限期改正, 逾期未改正, 拒不执行 …, or the accident grades) with their measures and fines. A
violation has a stable id across versions (``special-operators-uncertified`` is 2021
第九十七条第（七）项 and 2014 第九十四条第（七）项). Data: ``safetyrules/data/penalties/``.

>>> p = provision("《中华人民共和国安全生产法》（2021年修正）第九十七条第（七）项")
>>> p.stages[0].when, p.stages[0].fines[0].maximum
('责令限期改正', Decimal('100000'))
>>> [v.law for v in violation("special-operators-uncertified").versions]
['work-safety-law-2021', 'work-safety-law-2014']
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Self

import attrs
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from safetyrules.checks import quantity
from safetyrules.errors import InvalidInput, NotInForce, RuleDataError, UnknownReference
from safetyrules.law.catalogue import instrument
from safetyrules.law.citation import Citation
from safetyrules.law.confidence import Confidence
from safetyrules.law.data_files import enumerate_tables, read_toml, validated
from safetyrules.law.provision import Provision

LAWS = ("work-safety-law-2021", "work-safety-law-2014")
"""The versions of the 安全生产法 whose penalty chapter is encoded, newest first."""


def _amount(value: object) -> Decimal | None:
    return None if value is None else quantity("amount", value)


class Fine(BaseModel):
    """One fine of a stage (罚款): on whom, and how much.

    Exactly one form: a range in yuan (``minimum``/``maximum``; no minimum for "…以下"), a share
    of the previous year's income (``income_percent_*``, 上一年年收入), a multiple of illegal
    gains with its fallback range (违法所得), or a multiple of another stage's fine.
    ``mandatory`` is False for "可以处".

    >>> p = provision("《中华人民共和国安全生产法》（2021年修正）第九十六条")
    >>> fine = p.stage("导致发生生产安全事故").fines[0]
    >>> fine.on, fine.kind, fine.income_percent_min, fine.income_percent_max
    ('其他负责人和安全生产管理人员', '收入比例', Decimal('20'), Decimal('50'))
    >>> fine = p.stage("责令限期改正").fines[0]
    >>> fine.kind, fine.minimum, fine.maximum, fine.mandatory
    ('数额', Decimal('10000'), Decimal('30000'), True)
    """

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    on: str = Field(min_length=1, description="受罚对象")
    minimum: Decimal | None = Field(default=None, alias="min")
    maximum: Decimal | None = Field(default=None, alias="max")
    income_percent_min: Decimal | None = None
    income_percent_max: Decimal | None = None
    gains_multiple_min: Decimal | None = None
    gains_multiple_max: Decimal | None = None
    gains_threshold: Decimal | None = None
    otherwise_min: Decimal | None = None
    otherwise_max: Decimal | None = None
    single_or_combined: bool = False
    multiple_of_stage: str | None = None
    multiple_min: Decimal | None = None
    multiple_max: Decimal | None = None
    mandatory: bool = True

    @field_validator(
        "minimum",
        "maximum",
        "income_percent_min",
        "income_percent_max",
        "gains_multiple_min",
        "gains_multiple_max",
        "gains_threshold",
        "otherwise_min",
        "otherwise_max",
        "multiple_min",
        "multiple_max",
        mode="before",
    )
    @classmethod
    def _exact(cls, value: object) -> object:
        return _amount(value)

    @model_validator(mode="after")
    def _one_form(self) -> Self:
        forms = [
            self.maximum is not None,
            self.income_percent_max is not None,
            self.gains_multiple_max is not None,
            self.multiple_of_stage is not None,
        ]
        if sum(forms) != 1:
            raise ValueError(
                "罚款须且只须采用一种写法：数额区间、上一年年收入比例、违法所得倍数或另一阶段罚款的倍数"
            )
        pairs = [
            (self.minimum, self.maximum),
            (self.income_percent_min, self.income_percent_max),
            (self.gains_multiple_min, self.gains_multiple_max),
            (self.otherwise_min, self.otherwise_max),
            (self.multiple_min, self.multiple_max),
        ]
        if any(low is not None and high is not None and low > high for low, high in pairs):
            raise ValueError("罚款下限不能高于上限")
        return self

    @property
    def kind(self) -> str:
        """The form: 数额, 收入比例, 违法所得倍数 or 罚款倍数."""
        if self.maximum is not None:
            return "数额"
        if self.income_percent_max is not None:
            return "收入比例"
        if self.gains_multiple_max is not None:
            return "违法所得倍数"
        return "罚款倍数"

    def text(self) -> str:
        """The fine as the law words it, on whom and how much (罚款表述).

        >>> p = provision("《中华人民共和国安全生产法》（2021年修正）第九十六条")
        >>> [f.text() for s in p.stages for f in s.fines]
        ['对其他负责人和安全生产管理人员处1万元以上3万元以下的罚款',
         '对其他负责人和安全生产管理人员处上一年年收入20%以上50%以下的罚款']
        """
        from safetyrules.accidents.grade import yuan_text

        verb = "处" if self.mandatory else "可以处"

        def band(low: Decimal | None, high: Decimal, unit: Callable[[Decimal], str]) -> str:
            if low == high:
                return unit(high)
            return (f"{unit(low)}以上" if low else "") + f"{unit(high)}以下"

        def percent(value: Decimal) -> str:
            return f"{value.normalize():f}%"

        def times(value: Decimal) -> str:
            return f"{value.normalize():f}倍"

        if self.maximum is not None:
            amount = band(self.minimum, self.maximum, yuan_text)
        elif self.income_percent_max is not None:
            amount = "上一年年收入" + band(
                self.income_percent_min, self.income_percent_max, percent
            )
        elif self.gains_multiple_max is not None:
            amount = "违法所得" + band(self.gains_multiple_min, self.gains_multiple_max, times)
            if self.otherwise_max is not None:
                threshold = (
                    f"或者违法所得不足{yuan_text(self.gains_threshold)}"
                    if self.gains_threshold
                    else ""
                )
                combined = "单处或者并处" if self.single_or_combined else "处"
                amount += f"的罚款；没有违法所得{threshold}的，{combined}" + band(
                    self.otherwise_min, self.otherwise_max, yuan_text
                )
        else:
            assert self.multiple_max is not None
            amount = f"“{self.multiple_of_stage}”罚款数额的" + band(
                self.multiple_min, self.multiple_max, times
            )
        return f"对{self.on}{verb}{amount}的罚款"


class Stage(BaseModel):
    """One stage of a provision (处罚情形): when it applies, its measures and its fines.

    >>> s = provision("《中华人民共和国安全生产法》（2021年修正）第九十七条").stage("逾期未改正")
    >>> s.measures
    ('责令停产停业整顿',)
    >>> [(f.on, f.minimum, f.maximum) for f in s.fines]
    [('生产经营单位', Decimal('100000'), Decimal('200000')),
     ('直接负责的主管人员和其他直接责任人员', Decimal('20000'), Decimal('50000'))]
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    when: str = Field(min_length=1, description="情形，如 责令限期改正、逾期未改正、一般事故")
    measures: tuple[str, ...] = ()
    fines: tuple[Fine, ...] = ()


class PenaltyProvision(BaseModel):
    """A penalty provision of one version (罚则条款): its violations, text and stages.

    >>> p = provision("《中华人民共和国安全生产法》（2021年修正）第九十九条")
    >>> p.confidence.value, len(p.violations), p.violations[0]
    ('official', 8, 'warning-signs-missing')
    >>> [s.when for s in p.stages]
    ['责令限期改正', '逾期未改正', '情节严重']
    >>> p.stage("责令限期改正").fines[0].maximum
    Decimal('50000')
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    law: str
    provision: Provision
    violations: tuple[str, ...]
    text: str = ""
    confidence: Confidence
    sources: tuple[str, ...] = ()
    note: str = ""
    stages: tuple[Stage, ...] = ()

    @field_validator("provision", mode="before")
    @classmethod
    def _parse(cls, value: object) -> object:
        return Provision.parse(value) if isinstance(value, str) else value

    @property
    def citation(self) -> Citation:
        """The provision as a citation."""
        return Citation(instrument=self.law, provision=self.provision)

    def stage(self, when: str) -> Stage:
        """The stage with this name; an unknown one is an error listing the stages."""
        for stage in self.stages:
            if stage.when == when:
                return stage
        known = "、".join(s.when for s in self.stages)
        raise InvalidInput("when", when, f"{self.citation} 没有这一情形（已有：{known}）")


@attrs.frozen
class ViolationVersion:
    """Where a violation is punished in one version of the law (违法行为在某一版本中的条款).

    >>> [v.citation.text for v in violation("warning-signs-missing").versions]
    ['《中华人民共和国安全生产法》（2021年修正）第九十九条第（一）项',
     '《中华人民共和国安全生产法》（2014年修正）第九十六条第（一）项']
    """

    law: str
    provision: Provision

    @property
    def citation(self) -> Citation:
        """The provision as a citation."""
        return Citation(instrument=self.law, provision=self.provision)


@attrs.frozen
class Violation:
    """A violation with a stable id across versions (违法行为).

    >>> violation("major-accident-hazard-not-eliminated").name
    '未采取措施消除事故隐患'
    """

    id: str
    name: str
    subject: str
    versions: tuple[ViolationVersion, ...]
    note: str = ""

    def version(self, law: str) -> ViolationVersion | None:
        """Its place in one version, or None when that version does not punish it."""
        return next((v for v in self.versions if v.law == law), None)


def law_on(on: date) -> str:
    """The version of the 安全生产法 in force on a date (某日施行的版本).

    >>> law_on(date(2021, 8, 31)), law_on(date(2021, 9, 1))
    ('work-safety-law-2014', 'work-safety-law-2021')
    """
    for law in LAWS:
        if instrument(law).in_force(on):
            return law
    oldest = instrument(LAWS[-1])
    raise NotInForce(oldest.id, on, f"本库只收录 {oldest.period} 以后的罚则")


def provisions(law: str) -> tuple[PenaltyProvision, ...]:
    """Every penalty provision of a version (某版本的全部罚则).

    >>> found = provisions("work-safety-law-2021")
    >>> str(found[0].provision), str(found[-1].provision)
    ('第九十条第一款', '第一百一十四条')
    >>> provisions("work-safety-law-2002")
    Traceback (most recent call last):
    ...
    safetyrules.errors.UnknownReference: 未知的安全生产法版本: 'work-safety-law-2002'
    """
    try:
        return _data()[0][law]
    except KeyError:
        raise UnknownReference("安全生产法版本", law) from None


def provision(citation: str | Citation, *, as_of: date | None = None) -> PenaltyProvision:
    """The penalty provision a citation names (按引用查找罚则).

    ``citation`` may name an item (第九十七条第（七）项): the article's provision is returned.
    With ``as_of``, the version in force then must be the one cited; a bare title
    (《安全生产法》第九十七条) means that version. A citation to an article that is not a
    penalty provision of the version is an error naming the version.

    >>> provision("《中华人民共和国安全生产法》第九十四条", as_of=date(2020, 1, 1)).law
    'work-safety-law-2014'
    """
    if isinstance(citation, str):
        citation = _parse(citation, as_of)
    if as_of is not None and citation.instrument != law_on(as_of):
        raise NotInForce(
            citation.instrument, as_of, f"该日施行的是 {instrument(law_on(as_of)).label}"
        )
    if citation.instrument not in LAWS or citation.provision is None:
        raise InvalidInput("citation", citation.text, "应引用安全生产法第六章的条款")
    found = _match(provisions(citation.instrument), citation.provision)
    if found is None:
        raise InvalidInput(
            "citation", citation.text, f"不是{instrument(citation.instrument).label}的罚则条款"
        )
    return found


def _match(candidates: tuple[PenaltyProvision, ...], wanted: Provision) -> PenaltyProvision | None:
    # An item or paragraph belongs to the article's provision, or to its paragraph's when the
    # paragraphs are separate rules (第一百零三条第二款).
    for found in candidates:
        p = found.provision
        if p.article == wanted.article and (p.paragraph is None or p.paragraph == wanted.paragraph):
            return found
    return None


def violation(violation_id: str, *, as_of: date | None = None) -> Violation:
    """A violation by its stable id (按 id 查找违法行为); with ``as_of``, it must be punishable
    under the version in force then.

    >>> v = violation("warning-signs-missing")
    >>> v.subject, v.version("work-safety-law-2021").citation.text
    ('生产经营单位', '《中华人民共和国安全生产法》（2021年修正）第九十九条第（一）项')
    >>> violation("gas-alarm-not-installed", as_of=date(2020, 1, 1))
    Traceback (most recent call last):
    ...
    safetyrules.errors.NotInForce: gas-alarm-not-installed 于 2020-01-01 不在有效期内: ...
    """
    found = _data()[1].get(violation_id)
    if found is None:
        raise UnknownReference("违法行为", violation_id)
    if as_of is not None and found.version(law_on(as_of)) is None:
        raise NotInForce(
            violation_id, as_of, f"{instrument(law_on(as_of)).label}没有这一违法行为的罚则"
        )
    return found


def violation_provision(violation_id: str, law: str) -> PenaltyProvision:
    """The provision punishing a violation in one version (违法行为在某一版本的罚则).

    >>> p = violation_provision("special-operators-uncertified", "work-safety-law-2021")
    >>> str(p.citation), p.stages[0].when, p.stages[0].fines[0].maximum
    ('《中华人民共和国安全生产法》（2021年修正）第九十七条', '责令限期改正', Decimal('100000'))
    >>> violation_provision("gas-alarm-not-installed", "work-safety-law-2014")
    Traceback (most recent call last):
    ...
    safetyrules.errors.InvalidInput: law = 'work-safety-law-2014': ...
    """
    place = violation(violation_id).version(law)
    if place is None:
        raise InvalidInput("law", law, f"{instrument(law).label}没有违法行为 {violation_id} 的罚则")
    return provision(place.citation)


def _parse(text: str, as_of: date | None) -> Citation:
    # "《安全生产法》第九十七条" names no version: take the one in force on the date.
    short = text.replace("《安全生产法》", "《中华人民共和国安全生产法》")
    try:
        return Citation.parse(short)
    except Exception:
        if as_of is None or not short.startswith("《中华人民共和国安全生产法》"):
            raise
        rest = short.removeprefix("《中华人民共和国安全生产法》")
        return Citation(instrument=law_on(as_of), provision=rest or None)


class _LawHeader(BaseModel):
    model_config = ConfigDict(extra="forbid")

    instrument: str
    confidence: Confidence
    sources: list[str] = []
    range_convention: str = Field(min_length=1)
    note: str = ""


class _VersionEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    law: str
    provision: str


class _ViolationEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str = Field(min_length=1)
    subject: str = Field(min_length=1)
    versions: list[_VersionEntry] = Field(min_length=1)
    note: str = ""


@cache
def _data() -> tuple[dict[str, tuple[PenaltyProvision, ...]], dict[str, Violation]]:
    laws: dict[str, tuple[PenaltyProvision, ...]] = {}
    for law in LAWS:
        file, document = read_toml(f"penalties/{law}.toml")
        header = validated(_LawHeader, document.get("law"), file, "law")
        if header.instrument != law:
            raise RuleDataError(file, "law.instrument", f"应为 {law}")
        laws[law] = tuple(
            validated(PenaltyProvision, {**raw, "law": law}, file, f"provision[{index}]")
            for index, raw in enumerate_tables(document, "provision", file)
        )
    file, document = read_toml("penalties/violations.toml")
    violations: dict[str, Violation] = {}
    for index, raw in enumerate_tables(document, "violation", file):
        entry = validated(_ViolationEntry, raw, file, f"violation[{index}]")
        if entry.id in violations:
            raise RuleDataError(file, f"violation[{index}].id", f"重复的违法行为 id {entry.id}")
        versions = tuple(
            ViolationVersion(v.law, Provision.parse(v.provision)) for v in entry.versions
        )
        violations[entry.id] = Violation(entry.id, entry.name, entry.subject, versions, entry.note)
    _cross_check(laws, violations, file)
    return laws, violations


def _cross_check(
    laws: dict[str, tuple[PenaltyProvision, ...]], violations: dict[str, Violation], file: str
) -> None:
    for law, found in laws.items():
        for p in found:
            unknown = [v for v in p.violations if v not in violations]
            if unknown:
                raise RuleDataError(
                    f"penalties/{law}.toml",
                    str(p.provision),
                    f"未知的违法行为：{'、'.join(unknown)}",
                )
    for v in violations.values():
        for place in v.versions:
            if place.law not in laws:
                raise RuleDataError(file, v.id, f"未收录的法律版本 {place.law}")
            if _match(laws[place.law], place.provision) is None:
                raise RuleDataError(file, v.id, f"{place.citation} 不是该版本的罚则条款")
