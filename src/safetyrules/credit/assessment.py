"""Whether a penalised party must go on the credit list (是否列入失信名单), under which situations,
for how long.

:func:`assess_listing` takes the facts of a case (:class:`~safetyrules.credit.record.CaseFacts`)
and the date of the assessment, and returns a :class:`ListingAssessment`: the regime applied,
every situation that applies with its citation, who is listed (单位, 主要负责人, other persons),
the listing period and the first day removal may be applied for, with the reasons.

**Which regime.** The library selects the regime by the date of the penalty decision
(行政处罚决定日期): 安监总办〔2017〕49号 for decisions from 2017-05-09 to 2023-09-30,
应急管理部令第11号 for decisions from 2023-10-01. Why the decision and not ``as_of``: both regimes
attach the listing to a penalty already decided (第11号令第三条: "受到行政处罚"; 第四条: the
department that made the penalty decision manages the listing, "谁处罚、谁决定、谁负责"), so the
decision is the legal event that makes a case listable; and a verdict must not change with the
day someone asks. No transitional clause of 第11号令 was seen (未见过渡条款): when the facts or
the listing straddle 2023-10-01, the regime reason says so and is marked unverified.
``as_of`` is the day of the assessment: it must not precede the decision, and it decides only
``status_as_of``, ``on_list_as_of`` and ``early_removal_open_as_of`` (and the reason that states
them); the regime, the situations, the parties and the period do not depend on it.

**Without a listing day.** When ``listed_on`` is not given, the period is projected from the
penalty decision: the listing follows the decision (第11号令第三条: "受到行政处罚"), so the actual
listing day is later and every date of the actual period correspondingly later. The reason that
says so is marked unverified.

**Scope.** 第11号令第二条 names industries (矿山 … 商贸) and safety-service bodies. ``in_scope``
None (not stated) is treated as in scope, with a reason marked unverified; True or False as
stated. The 2017 rules name no industries.

**After the term.** Under 第11号令 the party comes off the list at the end of the term
(unverified). Under 安监总办〔2017〕49号 it does not: removal follows an application and its
approval ("被惩戒对象须在期满前30日之内…提出移出申请，经国家安全监管总局审定通过后…"). The library is not
told of an application or its approval, so after the last day the entry is taken to stand (``status_as_of`` =
:attr:`~safetyrules.credit.period.ListingStatus.EXPIRED_NOT_REMOVED`, ``on_list_as_of`` True)
and the reason says so.

The statutory base is 《中华人民共和国安全生产法》（2021年修正）第七十八条第一款 (official text):
"对违法行为情节严重的生产经营单位及其有关从业人员，应当及时向社会公告，并通报行业主管部门、投资主管部门、
自然资源主管部门、生态环境主管部门、证券监督管理机构以及有关金融机构。有关部门和机构应当对存在失信行为的
生产经营单位及其有关从业人员采取加大执法检查频次、暂停项目审批、上调有关保险费率、行业或者职业禁入等联合
惩戒措施，并向社会公示。"

Not encoded: the 2015 《生产经营单位安全生产不良记录“黑名单”管理暂行规定》 (its document number
and dates have no reliable source: a decision before 2017-05-09 raises
:class:`~safetyrules.errors.NotInForce`); the deadlines for the listing decision, publication
and the early-removal decision under 第11号令 (no source seen: no deadline is encoded); the
list of measures while listed beyond 第七十八条.

>>> from datetime import date
>>> from safetyrules.accidents import AccidentGrade
>>> from safetyrules.credit.record import AccidentFacts, CaseFacts
>>> case = CaseFacts(
...     unit_name="某化工有限公司",
...     penalty_decided_on=date(2024, 2, 29),
...     listed_on=date(2024, 2, 29),
...     in_scope=True,
...     accidents=[AccidentFacts(occurred_on=date(2024, 1, 8), grade=AccidentGrade.GENERAL,
...                              reporting=["瞒报"])],
... )
>>> r = assess_listing(case, as_of=date(2024, 3, 1))
>>> r.listed, [s.label for s in r.situations], [p.value for p in r.parties]
(True, ['A4'], ['生产经营单位', '有关责任人员'])
>>> r.period.end, r.period.early_removal_from, r.status_as_of.value
(datetime.date(2027, 2, 28), datetime.date(2025, 3, 1), '在名单期限内')
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from pydantic import BaseModel, ConfigDict

from safetyrules.checks import day
from safetyrules.credit.list_rules import ListedParty, ListKind, Regime, regime_on, regimes
from safetyrules.credit.period import ListingPeriod, ListingStatus, listing_period
from safetyrules.credit.record import (
    CaseFacts,
    LicenceStatus,
    PrincipalConduct,
    ReportingFailure,
    ServiceMisconduct,
)
from safetyrules.credit.triggers import TRIGGERS
from safetyrules.errors import InvalidInput
from safetyrules.law.catalogue import instrument
from safetyrules.law.citation import Citation
from safetyrules.law.confidence import Confidence
from safetyrules.law.reason import Explanation, Reason

_LAW = "work-safety-law-2021"
_ARTICLE_78 = "第七十八条第一款"
_ORDER_11 = "serious-dishonesty-list-measures"


class MatchedSituation(BaseModel):
    """A listing situation that applies to the case (成立的列入情形), with what matched.

    >>> from safetyrules.credit.record import CaseFacts
    >>> r = assess_listing(CaseFacts(unit_name="某公司", penalty_decided_on=date(2024, 1, 2),
    ...                              licence="许可被暂扣期间从事相关生产经营活动"), date(2024, 1, 2))
    >>> s = r.situations[0]
    >>> s.label, s.list.value, s.confidence.value, s.detail
    ('B1', '严重失信主体名单', 'secondary', '许可被暂扣期间从事相关生产经营活动')
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    label: str
    list: ListKind
    text: str
    parties: tuple[ListedParty, ...]
    citation: Citation
    confidence: Confidence
    detail: str


class ListingAssessment(BaseModel):
    """The verdict on listing a penalised party (失信名单列入判定).

    ``listed`` is True when any situation applies; ``parties`` is every party to be listed,
    in the order of :class:`~safetyrules.credit.list_rules.ListedParty`; ``lists`` the lists
    concerned. ``period`` is None when nothing is listed; without ``listed_on`` it is projected
    from the penalty decision (a reason marked unverified says so). These do not depend on
    ``as_of``.

    For the day ``as_of`` only: ``status_as_of`` (某日的名单状态, None when nothing is listed):
    尚未列入, 在名单期限内, 期满未自动移出（须经申请、审定后移出）(安监总办〔2017〕49号 after the last
    day: the entry stands until a removal is approved) or 已期满移出 (应急管理部令第11号);
    ``on_list_as_of``: whether the entry stands that day (True within the term and in the
    期满未自动移出 state); ``early_removal_open_as_of``: whether early removal (提前移出) may be
    applied for that day.

    >>> from safetyrules.credit.record import CaseFacts
    >>> r = assess_listing(CaseFacts(unit_name="某公司", penalty_decided_on=date(2024, 1, 2)),
    ...                    date(2024, 6, 1))
    >>> r.listed, r.period, r.unit_listed, r.status_as_of
    (False, None, False, None)
    >>> print(r.reasons[-1].text())
    未发现列入情形，不列入安全生产严重失信主体名单。依据：《安全生产严重失信主体名单管理办法》（应急管理部令第11号）
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    unit_name: str
    penalty_decided_on: date
    as_of: date
    regime: str
    regime_name: str
    citation: Citation
    listed: bool
    situations: tuple[MatchedSituation, ...]
    parties: tuple[ListedParty, ...]
    lists: tuple[ListKind, ...]
    period: ListingPeriod | None
    status_as_of: ListingStatus | None
    on_list_as_of: bool
    early_removal_open_as_of: bool
    explanation: Explanation

    @property
    def unit_listed(self) -> bool:
        """Whether the unit itself is listed (单位是否列入)."""
        return ListedParty.UNIT in self.parties

    @property
    def principal_listed(self) -> bool:
        """Whether the 主要负责人 is listed (主要负责人是否列入)."""
        return ListedParty.PRINCIPAL in self.parties

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """The reasons, in order (判定理由)."""
        return self.explanation.reasons

    @property
    def confidence(self) -> Confidence:
        """The least certain confidence among the reasons (结论的可信度)."""
        return Confidence.weakest([r.confidence for r in self.explanation.reasons])


def assess_listing(record: CaseFacts | Mapping[str, Any], as_of: date) -> ListingAssessment:
    """Assess whether a penalised party must be listed (失信名单列入判定).

    ``record`` is a :class:`~safetyrules.credit.record.CaseFacts` or a mapping validated
    into one; ``as_of`` is the day of the assessment, not before the penalty decision.

    >>> from safetyrules.accidents import AccidentGrade
    >>> from safetyrules.credit.record import AccidentFacts, CaseFacts
    >>> late = [AccidentFacts(occurred_on=date(2023, 8, 1), grade=AccidentGrade.GENERAL,
    ...                       reporting=["迟报"])]
    >>> before = assess_listing(CaseFacts(unit_name="某公司", penalty_decided_on=date(2023, 9, 30),
    ...                                   accidents=late), date(2023, 9, 30))
    >>> after = assess_listing(CaseFacts(unit_name="某公司", penalty_decided_on=date(2023, 10, 1),
    ...                                  accidents=late), date(2023, 10, 1))
    >>> (before.listed, [s.label for s in before.situations]), after.listed
    ((True, ['第二条（六）']), False)

    Under 安监总办〔2017〕49号 the entry does not come off the list by itself at the end of the
    1-year term (期满未自动移出):

    >>> larger = [AccidentFacts(occurred_on=date(2019, 12, 1), grade=AccidentGrade.LARGER, deaths=3)]
    >>> old = assess_listing(CaseFacts(unit_name="某公司", penalty_decided_on=date(2020, 1, 10),
    ...                                listed_on=date(2020, 1, 10), accidents=larger),
    ...                      date(2022, 1, 1))
    >>> old.period.end, old.status_as_of.value, old.on_list_as_of
    (datetime.date(2021, 1, 10), '期满未自动移出（须经申请、审定后移出）', True)
    """
    case = record if isinstance(record, CaseFacts) else CaseFacts.model_validate(record)
    as_of = day("as_of", as_of)
    if as_of < case.penalty_decided_on:
        raise InvalidInput(
            "as_of",
            as_of,
            f"评估日期不能早于行政处罚决定日期（{case.penalty_decided_on.isoformat()}）",
        )
    chosen = regime_on(case.penalty_decided_on)
    listing_day = case.listed_on or case.penalty_decided_on

    reasons: list[Reason] = []
    if instrument(_LAW).in_force(case.penalty_decided_on):
        reasons.append(
            Reason(
                rule="credit.basis",
                message="对违法行为情节严重的生产经营单位及其有关从业人员，应当及时向社会公告；"
                "有关部门和机构应当对存在失信行为的生产经营单位及其有关从业人员采取加大执法检查频次、"
                "暂停项目审批、上调有关保险费率、行业或者职业禁入等联合惩戒措施，并向社会公示",
                citation=Citation(instrument=_LAW, provision=_ARTICLE_78),
            )
        )
    reasons.append(
        Reason(
            rule="credit.definition",
            message=chosen.definition,
            citation=chosen.definition_citation,
            confidence=chosen.definition_confidence,
        )
    )

    matched: list[MatchedSituation] = []
    scope = _scope_reason(chosen, case)
    if scope is not None:
        reasons.append(scope)
    if not (chosen.instrument == _ORDER_11 and case.in_scope is False):
        for situation in chosen.situations:
            fired = TRIGGERS[situation.id](case)
            if fired is None:
                continue
            confidence = situation.confidence
            message = f"{situation.label}：{fired.message}。{situation.text}，应当列入{situation.list.value}"
            if fired.boundary:
                confidence = Confidence.UNVERIFIED
                message += "（后一起事故恰在期间最后一日，结论取决于期间的计算方法：本库不计前一起事故当日）"
            if situation.confidence is Confidence.UNVERIFIED:
                message += "（本情形措辞未见原文）"
            matched.append(
                MatchedSituation(
                    id=situation.id,
                    label=situation.label,
                    list=situation.list,
                    text=situation.text,
                    parties=situation.parties,
                    citation=situation.citation,
                    confidence=confidence,
                    detail=fired.message,
                )
            )
            reasons.append(
                Reason(
                    rule=f"credit.{situation.id}",
                    message=message,
                    citation=situation.citation,
                    inputs=fired.inputs,
                    confidence=confidence,
                )
            )
        reasons += _not_listing_facts(chosen, case)

    reasons.insert(0, _regime_reason(chosen, case, listed=bool(matched)))
    parties = tuple(p for p in ListedParty if any(p in m.parties for m in matched))
    lists = tuple(k for k in ListKind if any(m.list is k for m in matched))
    listed = bool(matched)
    period: ListingPeriod | None = None
    status: ListingStatus | None = None
    if listed:
        assumed = [scope.confidence] if scope is not None else []
        reasons.append(
            Reason(
                rule="credit.result",
                message=f"应当列入{'、'.join(k.value for k in lists)}："
                f"{'、'.join(p.value for p in parties)}",
                citation=chosen.citation,
                inputs={"situations": len(matched)},
                confidence=Confidence.weakest([m.confidence for m in matched] + assumed),
            )
        )
        period = listing_period(listing_day, chosen)
        if case.listed_on is None:
            decided = case.penalty_decided_on.isoformat()
            reasons.append(
                Reason(
                    rule="credit.listing-day",
                    message=f"未提供列入日期：列入在行政处罚决定之后作出，实际列入日晚于行政处罚决定日，"
                    f"但未提供；本库以行政处罚决定日（{decided}）推算名单管理期限，"
                    "实际期限的起止日期和可以申请移出的日期相应推后",
                    citation=chosen.citation,
                    inputs={"penalty_decided_on": case.penalty_decided_on},
                    confidence=Confidence.UNVERIFIED,
                )
            )
        reasons += period.reasons
        status = period.status(as_of)
        reasons.append(_status_reason(chosen, period, status, as_of, projected=not case.listed_on))
    else:
        reasons.append(
            Reason(
                rule="credit.result",
                message=f"未发现列入情形，不列入{chosen.name}",
                citation=chosen.citation,
            )
        )
    return ListingAssessment(
        unit_name=case.unit_name,
        penalty_decided_on=case.penalty_decided_on,
        as_of=as_of,
        regime=chosen.instrument,
        regime_name=chosen.name,
        citation=chosen.citation,
        listed=listed,
        situations=tuple(matched),
        parties=parties,
        lists=lists,
        period=period,
        status_as_of=status,
        on_list_as_of=status is not None and status.on_list,
        early_removal_open_as_of=period is not None and period.early_removal_open(as_of),
        explanation=Explanation(reasons=tuple(reasons)),
    )


def _regime_reason(chosen: Regime, case: CaseFacts, *, listed: bool) -> Reason:
    later = [r for r in regimes() if r.start > chosen.start]
    switch = later[0].start if later else None
    decided = case.penalty_decided_on.isoformat()
    message = (
        f"行政处罚决定于{decided}作出，适用{chosen.label}"
        f"（本库按行政处罚决定日期选用名单制度，{chosen.start.isoformat()}起作出的决定适用本制度"
        + (f"，{switch.isoformat()}起改用后一制度" if switch else "")
        + "）"
    )
    confidence = Confidence.SECONDARY
    listed_on = case.listed_on
    if switch is not None and listed_on is not None and listed_on >= switch:
        confidence = Confidence.UNVERIFIED
        message += (
            f"；列入日{listed_on.isoformat()}不早于{switch.isoformat()}，"
            "后一制度的过渡规定未见，本库仍按处罚决定日期适用本制度"
        )
    elif switch is not None and listed_on is None and listed:
        # The listing follows the decision on a day not given: it may fall on or after the switch.
        confidence = Confidence.UNVERIFIED
        message += (
            f"；列入日期未提供（列入在处罚决定之后），如在{switch.isoformat()}及以后列入，"
            "后一制度的过渡规定未见，本库仍按处罚决定日期适用本制度"
        )
    earliest = min((a.occurred_on for a in case.accidents), default=None)
    if chosen.instrument == _ORDER_11 and earliest is not None and earliest < chosen.start:
        confidence = Confidence.UNVERIFIED
        message += (
            f"；作为列入依据的事故最早发生于{earliest.isoformat()}，在本办法施行之前，"
            "本办法的过渡规定未见，本库按处罚决定日期适用本办法"
        )
    return Reason(
        rule="credit.regime",
        message=message,
        citation=chosen.citation,
        inputs={"penalty_decided_on": case.penalty_decided_on, "listed_on": listed_on},
        confidence=confidence,
    )


def _scope_reason(chosen: Regime, case: CaseFacts) -> Reason | None:
    """第11号令第二条 scope, as stated or assumed; None under a regime without a scope list."""
    if chosen.instrument != _ORDER_11:
        return None
    if case.in_scope is None:
        return Reason(
            rule="credit.scope",
            message=f"未说明是否属于第二条所列行业领域，按属于处理（第二条：{chosen.scope}）",
            citation=chosen.scope_citation,
            inputs={"in_scope": None},
            confidence=Confidence.UNVERIFIED,
        )
    if case.in_scope:
        return Reason(
            rule="credit.scope",
            message="当事单位属于第二条所列行业领域或者机构（按所提供的事实）",
            citation=chosen.scope_citation,
            inputs={"in_scope": True},
            confidence=chosen.scope_confidence,
        )
    return Reason(
        rule="credit.scope",
        message=f"当事单位不属于本办法适用的范围（{chosen.scope}），不适用本办法列入",
        citation=chosen.scope_citation,
        inputs={"in_scope": False},
        confidence=chosen.scope_confidence,
    )


def _status_reason(
    chosen: Regime, period: ListingPeriod, status: ListingStatus, as_of: date, *, projected: bool
) -> Reason:
    """What the day ``as_of`` is relative to the period, in words that match ``status``."""
    day_text = f"评估日{as_of.isoformat()}"
    start, end = period.start.isoformat(), period.end.isoformat()
    basis = "（按推算的期限）" if projected else ""
    term = chosen.term
    confidence = term.confidence
    citation = term.citation
    if status is ListingStatus.NOT_YET_LISTED:
        message = f"{day_text}在列入日{start}之前：尚未列入"
    elif status is ListingStatus.ON_LIST:
        message = f"{day_text}在名单管理期限内（{start}至{end}）{basis}：在名单上"
        if period.early_removal_open(as_of):
            message += "；已可以申请提前移出，如已获准提前移出，以移出决定为准"
        application = chosen.removal_application
        first = period.removal_application_from
        if application is not None and first is not None and as_of >= first:
            message += f"；已在期满前{application.days_before_end}日之内，可以提出移出申请"
    elif status is ListingStatus.REMOVED_AT_EXPIRY:
        message = (
            f"{day_text}名单管理期限已于{end}届满{basis}，期满由作出列入决定的部门移出："
            f"{(period.end + timedelta(days=1)).isoformat()}起已期满移出"
        )
    else:
        message = f"{day_text}名单管理期限已于{end}届满{basis}，但期满不自动移出"
        application = chosen.removal_application
        if application is not None:
            citation = application.citation
            confidence = Confidence.weakest([confidence, application.confidence])
            message += f"（{application.text}）"
        message += "；未提供移出申请及审定情况：期满未自动移出，按仍在名单上处理"
    edges = {period.end, period.end + timedelta(days=1)}
    edges |= {d for d in (period.early_removal_from, period.removal_application_from) if d}
    if projected or as_of in edges:
        # A projected period, or the first day of a state, where the library's reading of the
        # count decides.
        confidence = Confidence.UNVERIFIED
    return Reason(
        rule="credit.status",
        message=message,
        citation=citation,
        inputs={"as_of": as_of, "status": status.value},
        confidence=confidence,
    )


def _not_listing_facts(chosen: Regime, case: CaseFacts) -> list[Reason]:
    """Facts that look listable but do not list under this regime, said explicitly."""
    notes: list[tuple[str, str]] = []
    failures = {f for a in case.accidents for f in a.reporting}
    if chosen.instrument == _ORDER_11:
        alone = [
            a
            for a in case.accidents
            if a.reporting & {ReportingFailure.LATE, ReportingFailure.OMITTED}
            and not a.reporting & {ReportingFailure.CONCEALED, ReportingFailure.FALSE}
        ]
        if alone:
            kinds = "、".join(
                f.value
                for f in (ReportingFailure.LATE, ReportingFailure.OMITTED)
                if any(f in a.reporting for a in alone)
            )
            notes.append(
                (
                    "late-or-omitted-report",
                    f"事故有{kinds}情形：本办法只将瞒报、谎报列入，迟报、漏报本身不列入",
                )
            )
    else:
        if ReportingFailure.OMITTED in failures and not failures & {
            ReportingFailure.CONCEALED,
            ReportingFailure.FALSE,
            ReportingFailure.LATE,
        }:
            notes.append(("omitted-report", "事故有漏报情形：第二条第（六）项只列瞒报、谎报、迟报"))
        if case.licence in (LicenceStatus.SUSPENDED, LicenceStatus.REVOKED):
            notes.append(
                (
                    "licence-suspended-or-revoked",
                    f"{case.licence.value}：第二条第（二）项只写“未按规定取得安全生产许可”，本库不按该项列入",
                )
            )
        if case.service_misconduct == {ServiceMisconduct.AFFILIATION}:
            notes.append(("affiliation", "挂靠：第二条第（十）项未写明，本库不按该项列入"))
        conduct = {c for a in case.accidents for c in a.principal_conduct}
        if conduct and PrincipalConduct.FLED not in conduct:
            notes.append(
                (
                    "principal-conduct",
                    "主要负责人不立即组织抢救或者擅离职守：第二条第（九）项只写主要负责人逃逸，本库不按该项列入",
                )
            )
        if case.refused_decision or case.other_serious_violation:
            notes.append(
                (
                    "order-11-only",
                    "拒不履行行政处罚决定、其他性质恶劣情节严重的违法行为：本办法第二条未单列（是应急管理部令第11号的"
                    "列入情形）；若属于第（四）项“逃避、对抗安全监管监察”，由调用方认定后填写 evaded_supervision",
                )
            )
    return [
        Reason(
            rule=f"credit.not-listed.{key}",
            message=message,
            citation=chosen.citation,
            confidence=Confidence.SECONDARY,
        )
        for key, message in notes
    ]
