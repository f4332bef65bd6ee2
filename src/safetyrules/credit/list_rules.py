"""Credit-list regimes (失信名单制度) as dated data: listing situations, who is listed, the term,
early removal.

Two regimes are encoded, one data file each (``safetyrules/data/credit/``):

- 《对安全生产领域失信行为开展联合惩戒的实施办法》（安监总办〔2017〕49号）, applied by this library to
  penalty decisions from 2017-05-09 to 2023-09-30: 10 失信行为 that make a party a
  联合惩戒对象 (第二条) and the 安全生产不良记录“黑名单” criteria (第三条, as far as seen); term 1 year
  from publication, removal on application within 30 days before expiry (secondary sources).
- 《安全生产严重失信主体名单管理办法》（应急管理部令第11号）, from 2023-10-01: 9 situations (A1–A5 with
  an accident, B1–B4 without); term 3 years, early removal may be applied for after 12 months
  (the term and early removal are seen only in a report on 山西's implementing rules:
  unverified; B3 and B4 are unverified too).

The 2015 《生产经营单位安全生产不良记录“黑名单”管理暂行规定》 is not encoded: its document number and
dates have no reliable source, so a penalty decision before 2017-05-09 has no regime here.

Each situation's test is code (:mod:`safetyrules.credit.triggers`), keyed by the situation's id;
loading checks that every situation has a test and every test a situation.

>>> r = regime_on(date(2024, 1, 1))
>>> r.label, r.term.years, [s.label for s in r.situations][:3]
('《安全生产严重失信主体名单管理办法》（应急管理部令第11号）', 3, ['A1', 'A2', 'A3'])
>>> regime_on(date(2023, 9, 30)).term.years
1
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import Enum
from functools import cache
from itertools import pairwise
from typing import Any, Self, TypeVar

import attrs
from attrs import AttrsInstance
from pydantic import BaseModel, ConfigDict, Field, model_validator

from safetyrules.errors import NotInForce, RuleDataError, UnknownReference
from safetyrules.law.catalogue import instrument
from safetyrules.law.citation import Citation
from safetyrules.law.confidence import Confidence
from safetyrules.law.data_files import enumerate_tables, read_toml, validated

DATA_FILES = ("credit/joint-punishment-2017.toml", "credit/serious-dishonesty-list-2023.toml")
"""The packaged regime files, oldest first."""


class ListKind(Enum):
    """The list a situation puts a party on (名单类别).

    >>> ListKind.BLACKLIST.value
    '安全生产不良记录“黑名单”'
    """

    SERIOUS_DISHONESTY = "严重失信主体名单"
    JOINT_PUNISHMENT = "联合惩戒对象"
    BLACKLIST = "安全生产不良记录“黑名单”"


class ListedParty(Enum):
    """Who is put on the list (列入对象).

    >>> ListedParty("主要负责人").name
    'PRINCIPAL'
    """

    UNIT = "生产经营单位"
    PRINCIPAL = "主要负责人"
    RESPONSIBLE_PERSONS = "有关责任人员"
    OTHER_RESPONSIBLE = "经调查认定负有责任的其他单位和人员"
    SERVICE_BODY = "承担安全评价、认证、检测、检验职责的机构"
    SERVICE_STAFF = "机构的直接责任人员"
    TECHNICAL_SERVICE_BODY = "安全生产和职业健康技术服务机构"
    RELATED_PERSONS = "有关人员"


@attrs.frozen(kw_only=True)
class _Provision:
    """What every encoded provision carries: its wording, citation, confidence, sources, note."""

    text: str
    citation: Citation
    confidence: Confidence
    sources: tuple[str, ...]
    note: str = ""


@attrs.frozen(kw_only=True)
class Situation(_Provision):
    """A listing situation (列入情形): its wording, who it lists, its basis and confidence.

    ``citation`` names the article where it was seen; otherwise the instrument only (see
    ``note``).

    >>> s = regime("serious-dishonesty-list-measures").situation("a5-principal-misconduct")
    >>> s.label, [p.value for p in s.parties], s.confidence.value
    ('A5', ['主要负责人'], 'secondary')
    """

    id: str
    label: str
    regime: str
    list: ListKind
    group: str
    parties: tuple[ListedParty, ...]


@attrs.frozen(kw_only=True)
class Term(_Provision):
    """The listing term (名单管理期限), in years from the listing (or publication) day, and
    whether the party comes off the list at its end without applying (期满自动移出).

    >>> t = regime("serious-dishonesty-list-measures").term
    >>> t.years, t.automatic_removal, t.confidence.value
    (3, True, 'unverified')
    """

    years: int
    automatic_removal: bool


@attrs.frozen
class RemovalCondition:
    """One condition for early removal (提前移出条件).

    >>> regime("serious-dishonesty-list-measures").early_removal.conditions[0].text
    '已经履行行政处罚决定（包括缴清罚款）'
    """

    text: str
    confidence: Confidence
    note: str = ""


@attrs.frozen(kw_only=True)
class EarlyRemoval(_Provision):
    """Early removal (提前移出): after how many months on the list it may be applied for, and on
    which conditions.

    >>> regime("serious-dishonesty-list-measures").early_removal.months
    12
    """

    months: int
    conditions: tuple[RemovalCondition, ...] = ()


@attrs.frozen(kw_only=True)
class RemovalApplication(_Provision):
    """Removal at the end of the term on application (期满申请移出), within a number of days
    before the end.

    >>> regime("work-safety-joint-punishment-measures-2017").removal_application.days_before_end
    30
    """

    days_before_end: int


@attrs.frozen
class Regime:
    """A credit-list regime (失信名单制度): the instrument, the period this library applies it
    to (by the date of the penalty decision), its situations, term and removal rules.

    ``until`` is the last day (inclusive) or None; it is the library's switch to the next
    regime, not a repeal date.

    >>> r = regime("work-safety-joint-punishment-measures-2017")
    >>> r.applies_on(date(2023, 9, 30)), r.applies_on(date(2023, 10, 1))
    (True, False)
    """

    instrument: str
    name: str
    start: date
    until: date | None
    definition: str
    definition_citation: Citation
    definition_confidence: Confidence
    scope: str
    scope_citation: Citation
    scope_confidence: Confidence
    sources: tuple[str, ...]
    term: Term
    situations: tuple[Situation, ...]
    early_removal: EarlyRemoval | None = None
    removal_application: RemovalApplication | None = None
    note: str = ""

    @property
    def citation(self) -> Citation:
        """The regime's instrument as a citation (制度所依据的文件).

        >>> str(regime("serious-dishonesty-list-measures").citation)
        '《安全生产严重失信主体名单管理办法》（应急管理部令第11号）'
        """
        return Citation(instrument=self.instrument)

    @property
    def label(self) -> str:
        """The instrument as citations name it (文件名称)."""
        return instrument(self.instrument).label

    def applies_on(self, on: date) -> bool:
        """Whether this library applies the regime to a penalty decision made on ``on``
        (按行政处罚决定日期判断是否适用本制度).

        >>> regime("serious-dishonesty-list-measures").applies_on(date(2023, 10, 1))
        True
        """
        return self.start <= on and (self.until is None or on <= self.until)

    def situation(self, situation_id: str) -> Situation:
        """A situation by id (按 id 查找列入情形); an unknown id is an error."""
        for item in self.situations:
            if item.id == situation_id:
                return item
        raise UnknownReference("列入情形", situation_id)

    def unverified_facts(self) -> tuple[tuple[str, str], ...]:
        """Every unverified fact of the regime as (id, description) (未核实事项).

        >>> [i for i, _ in regime("serious-dishonesty-list-measures").unverified_facts()][:2]
        ['serious-dishonesty-list-measures.term', 'serious-dishonesty-list-measures.early-removal']
        """
        found: list[tuple[str, str]] = []
        prefix = self.instrument
        if self.term.confidence is Confidence.UNVERIFIED:
            found.append(
                (f"{prefix}.term", f"名单管理期限{self.term.years}年（{self.term.citation}）")
            )
        removal = self.early_removal
        if removal is not None:
            if removal.confidence is Confidence.UNVERIFIED:
                found.append(
                    (
                        f"{prefix}.early-removal",
                        f"列入满{removal.months}个月可申请提前移出（{removal.citation}）",
                    )
                )
            for number, condition in enumerate(removal.conditions, start=1):
                if condition.confidence is Confidence.UNVERIFIED:
                    found.append(
                        (
                            f"{prefix}.early-removal.condition-{number}",
                            f"提前移出条件：{condition.text}",
                        )
                    )
        application = self.removal_application
        if application is not None and application.confidence is Confidence.UNVERIFIED:
            found.append(
                (
                    f"{prefix}.removal-application",
                    f"期满前{application.days_before_end}日内申请移出（{application.citation}）",
                )
            )
        for item in self.situations:
            if item.confidence is Confidence.UNVERIFIED:
                found.append((f"{prefix}.{item.id}", f"{item.label} {item.text}"))
        return tuple(found)


def regimes() -> tuple[Regime, ...]:
    """Every encoded regime, oldest first (全部失信名单制度).

    >>> [(r.instrument, str(r.start)) for r in regimes()]
    [('work-safety-joint-punishment-measures-2017', '2017-05-09'), ('serious-dishonesty-list-measures', '2023-10-01')]
    """
    return _data()


def regime(instrument_id: str) -> Regime:
    """The regime of an instrument, by the instrument's catalogue id (按文件查找名单制度).

    >>> regime("serious-dishonesty-list-measures").name
    '安全生产严重失信主体名单'
    >>> regime("work-safety-law-2021")
    Traceback (most recent call last):
    ...
    safetyrules.errors.UnknownReference: 未知的失信名单制度: 'work-safety-law-2021'
    """
    for item in _data():
        if item.instrument == instrument_id:
            return item
    raise UnknownReference("失信名单制度", instrument_id)


def regime_on(decided_on: date) -> Regime:
    """The regime this library applies to a penalty decision made on ``decided_on``
    (按行政处罚决定日期选用名单制度).

    A date before the first regime (2017-05-09) is an error: the 2015 “黑名单” rules are not
    encoded.

    >>> regime_on(date(2023, 10, 1)).instrument
    'serious-dishonesty-list-measures'
    >>> regime_on(date(2017, 5, 8))
    Traceback (most recent call last):
    ...
    safetyrules.errors.NotInForce: work-safety-joint-punishment-measures-2017 于 2017-05-08 不在有效期内: 2017-05-09 起适用；此前的安全生产“黑名单”制度（2015年）本库未收录
    """
    for item in _data():
        if item.applies_on(decided_on):
            return item
    first = _data()[0]
    raise NotInForce(
        first.instrument,
        decided_on,
        f"{first.start.isoformat()} 起适用；此前的安全生产“黑名单”制度（2015年）本库未收录",
    )


# --- loading ---------------------------------------------------------------------------------


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    text: str = Field(min_length=1)
    citation: Citation
    confidence: Confidence
    sources: tuple[str, ...] = Field(min_length=1)
    note: str = ""

    @model_validator(mode="after")
    def _explained(self) -> Self:
        if self.confidence is Confidence.UNVERIFIED and not self.note:
            raise ValueError("未核实的条目须在 note 中说明来源情况")
        return self


class _TermEntry(_Entry):
    years: int = Field(ge=1)
    automatic_removal: bool


class _ConditionEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str = Field(min_length=1)
    confidence: Confidence
    note: str = ""


class _EarlyRemovalEntry(_Entry):
    months: int = Field(ge=1)
    condition: tuple[_ConditionEntry, ...] = ()


class _ApplicationEntry(_Entry):
    days_before_end: int = Field(ge=1)


class _SituationEntry(_Entry):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    label: str = Field(min_length=1)
    list_kind: ListKind = Field(alias="list")
    group: str = Field(min_length=1)
    parties: tuple[ListedParty, ...] = Field(min_length=1)


class _RegimeEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    instrument: str
    name: str = Field(min_length=1)
    start: date = Field(alias="from")
    until: date | None = None
    definition: str = Field(min_length=1)
    definition_citation: Citation
    definition_confidence: Confidence
    scope: str = Field(min_length=1)
    scope_citation: Citation
    scope_confidence: Confidence
    sources: tuple[str, ...] = Field(min_length=1)
    note: str = ""

    @model_validator(mode="after")
    def _period(self) -> Self:
        if self.until is not None and self.until < self.start:
            raise ValueError("until 不能早于 from")
        return self


_TOP = {"regime", "term", "early_removal", "removal_application", "situation"}

_Built = TypeVar("_Built", bound=AttrsInstance)


def _build(cls: type[_Built], entry: BaseModel, **given: Any) -> _Built:
    """An attrs record from a validated entry: every field of ``cls`` not in ``given`` is taken
    from the entry's field of the same name."""
    names = [f.name for f in attrs.fields(cls) if f.name not in given]
    return cls(**{name: getattr(entry, name) for name in names}, **given)


def read_regime(name: str) -> Regime:
    """Read and validate one packaged regime file (读取名单制度数据文件).

    ``name`` is one of :data:`DATA_FILES`. A defect raises
    :class:`~safetyrules.errors.RuleDataError` naming the file and the key.

    >>> r = read_regime("credit/joint-punishment-2017.toml")
    >>> r.instrument, r.term.years, r.term.automatic_removal, r.removal_application.days_before_end
    ('work-safety-joint-punishment-measures-2017', 1, False, 30)
    >>> len(r.situations), r.situations[0].label
    (13, '第二条（一）')
    """
    file, document = read_toml(name)
    extra = set(document) - _TOP
    if extra:
        raise RuleDataError(file, sorted(extra)[0], "未知的顶层键")
    for key in ("regime", "term"):
        if not isinstance(document.get(key), dict):
            raise RuleDataError(file, key, f"缺少 [{key}] 表")
    head = validated(_RegimeEntry, document["regime"], file, "regime")
    source = instrument(head.instrument)
    last = head.until or head.start
    if not (source.in_force(head.start) and source.in_force(last)):
        raise RuleDataError(
            file, "regime.from", f"适用期间超出{source.label}的有效期（{source.period}）"
        )
    term = validated(_TermEntry, document["term"], file, "term")
    _same_instrument(term.citation, head.instrument, file, "term.citation")

    early: EarlyRemoval | None = None
    if "early_removal" in document:
        entry = validated(_EarlyRemovalEntry, document["early_removal"], file, "early_removal")
        _same_instrument(entry.citation, head.instrument, file, "early_removal.citation")
        early = _build(
            EarlyRemoval,
            entry,
            conditions=tuple(_build(RemovalCondition, c) for c in entry.condition),
        )
    application: RemovalApplication | None = None
    if "removal_application" in document:
        entry_a = validated(
            _ApplicationEntry, document["removal_application"], file, "removal_application"
        )
        _same_instrument(entry_a.citation, head.instrument, file, "removal_application.citation")
        application = _build(RemovalApplication, entry_a)

    from safetyrules.credit.triggers import TRIGGERS

    situations: list[Situation] = []
    seen: set[str] = set()
    for index, raw in enumerate_tables(document, "situation", file):
        key = f"situation[{index}]"
        item = validated(_SituationEntry, raw, file, key)
        if item.id in seen:
            raise RuleDataError(file, f"{key}.id", f"重复的情形 id {item.id}")
        if item.id not in TRIGGERS:
            raise RuleDataError(file, f"{key}.id", f"情形 {item.id} 没有对应的判定规则")
        _same_instrument(item.citation, head.instrument, file, f"{key}.citation")
        seen.add(item.id)
        situations.append(_build(Situation, item, regime=head.instrument, list=item.list_kind))
    return _build(
        Regime,
        head,
        term=_build(Term, term),
        situations=tuple(situations),
        early_removal=early,
        removal_application=application,
    )


def _same_instrument(citation: Citation, expected: str, file: str, key: str) -> None:
    if citation.instrument != expected:
        raise RuleDataError(
            file, key, f"引用的文件 {citation.instrument} 不是本制度的文件 {expected}"
        )


@cache
def _data() -> tuple[Regime, ...]:
    from safetyrules.credit.triggers import TRIGGERS

    loaded = sorted((read_regime(name) for name in DATA_FILES), key=lambda r: r.start)
    for earlier, later in pairwise(loaded):
        if earlier.until is None or earlier.until + timedelta(days=1) != later.start:
            raise RuleDataError(
                DATA_FILES[-1], "regime.from", "各名单制度的适用期间须首尾相接、互不重叠"
            )
    used = {s.id for r in loaded for s in r.situations}
    unused = sorted(set(TRIGGERS) - used)
    if unused:
        raise RuleDataError(DATA_FILES[-1], "situation", f"判定规则 {unused[0]} 没有对应的列入情形")
    return tuple(loaded)
