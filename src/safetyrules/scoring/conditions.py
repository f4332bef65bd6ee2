"""Checking grading conditions against the facts (定级条件判定).

Each :class:`~safetyrules.scoring.grading_rules.GradingCondition` is checked against a
:class:`~safetyrules.scoring.grading_record.GradingRecord` (and, for revocation and
re-application, the events since the level was granted): it is met, not met, unknown (a fact it
needs was not provided) or not applicable (a group condition for a single enterprise, or the
reverse). Each result names the facts it needed.

Accident windows (事故考察期) are explicit: "the N years before applying" is
``[as_of - N years, as_of)``, the day of ``as_of`` itself excluded; "since the level was
granted" runs from the 通告 date to ``as_of``, both included; "any N consecutive months" is the
worst window ``[d, d + N months)`` starting on an accident's date. Missing persons count with
deaths, as :mod:`safetyrules.accidents.grade` does (an unverified choice, flagged).

>>> ConditionOutcome.NOT_APPLICABLE.holds, ConditionOutcome.UNKNOWN.holds
(True, False)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Any, TypeVar

import attrs
from dateutil.relativedelta import relativedelta
from pydantic import BaseModel, ConfigDict

from safetyrules.accidents.grade import AccidentClassification, yuan_text
from safetyrules.accidents.record import AccidentRecord
from safetyrules.errors import InvalidInput, NotInForce, RuleDataError
from safetyrules.law.citation import Citation
from safetyrules.law.confidence import Confidence
from safetyrules.law.reason import InputValue, Reason
from safetyrules.scoring._points import number_text
from safetyrules.scoring.grading_data import DATA_FILE
from safetyrules.scoring.grading_record import NEVER
from safetyrules.scoring.grading_rules import (
    AccidentMeasure,
    AccidentWindow,
    Applicability,
    CheckKind,
    GradingCondition,
    GradingRegime,
    caveat_reason,
)
from safetyrules.scoring.level import StandardizationLevel

__all__ = ["ConditionOutcome", "ConditionResult"]


_T = TypeVar("_T")

_HUNDRED = Decimal(100)
_ONE_DECIMAL = Decimal("0.1")


class ConditionOutcome(StrEnum):
    """The outcome of one application condition (申请条件判定结果).

    >>> ConditionOutcome.UNKNOWN.value
    '事实不明'
    """

    MET = "符合"
    NOT_MET = "不符合"
    UNKNOWN = "事实不明"
    NOT_APPLICABLE = "不适用"

    @property
    def holds(self) -> bool:
        """Whether the condition does not stand in the way (符合 or 不适用)."""
        return self in (ConditionOutcome.MET, ConditionOutcome.NOT_APPLICABLE)


class ConditionResult(BaseModel):
    """One condition checked against the facts (申请条件判定), with its basis.

    >>> from safetyrules.scoring.grading import GradingRecord, ScoreSummary, grade
    >>> r = grade(ScoreSummary(score=Decimal("80")), GradingRecord(), 2, date(2024, 6, 1))
    >>> c = r.conditions[0]
    >>> c.id, c.outcome.value, c.missing_facts, c.confidence.value
    ('licences-valid', '事实不明', ('licences_valid',), 'unverified')
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    text: str
    levels: tuple[StandardizationLevel, ...]
    outcome: ConditionOutcome
    detail: str
    citation: Citation
    confidence: Confidence
    missing_facts: tuple[str, ...] = ()


@attrs.frozen
class _Accident:
    record: AccidentRecord
    classification: AccidentClassification | None  # None: before 条例 was in force

    @property
    def deaths(self) -> int:
        if self.classification is None:
            return self.record.deaths + self.record.missing
        return self.classification.graded_deaths

    @property
    def missing_counted(self) -> bool:
        return self.deaths > self.record.deaths


def classified(accidents: Iterable[AccidentRecord]) -> tuple[_Accident, ...]:
    """The accidents with their grade (事故定级), ready for the accident conditions.

    An accident before 《生产安全事故报告和调查处理条例》 was in force cannot be graded and
    is kept without a classification; missing persons count with deaths (flagged):

    >>> tallied = classified([
    ...     AccidentRecord(occurred_on=date(2024, 3, 1), summary="高处坠落", deaths=1, missing=1),
    ...     AccidentRecord(occurred_on=date(2005, 3, 1), summary="坍塌", deaths=1),
    ... ])
    >>> [(a.deaths, a.missing_counted, a.classification is None) for a in tallied]
    [(2, True, False), (1, False, True)]
    """
    tallied = []
    for record in accidents:
        try:
            classification: AccidentClassification | None = record.classify()
        except NotInForce:
            classification = None
        tallied.append(_Accident(record, classification))
    return tuple(tallied)


@attrs.frozen
class Context:
    """What the conditions are checked against (判定依据): the date, the facts by name, the
    accidents (None when not provided) and, for revocation (撤销) and re-application (复核),
    the day the level was granted and the last day of its validity.

    >>> context = Context(as_of=date(2024, 6, 1), lookup={"licences_valid": True}.get, accidents=())
    >>> context.lookup("licences_valid"), context.lookup("certificates_held"), context.granted_on
    (True, None, None)
    """

    as_of: date
    lookup: Callable[[str], Any]
    accidents: tuple[_Accident, ...] | None
    granted_on: date | None = None
    valid_until: date | None = None


@attrs.frozen
class Finding:
    """What one check found (判定结果): whether the adverse fact holds (``breached``; None when
    a fact is missing), why, whether the condition applies at all, and the facts it needed.

    For an application condition, ``breached`` means 不符合; for a revocation trigger, that
    it fires.

    >>> finding = Finding(None, "未提供现有等级", missing=("current_level",))
    >>> finding.breached, finding.applicable, finding.missing
    (None, True, ('current_level',))
    """

    breached: bool | None
    detail: str
    applicable: bool = True
    missing: tuple[str, ...] = ()
    inputs: Mapping[str, InputValue] = attrs.field(factory=dict)
    unverified: bool = False


def evaluate(condition: GradingCondition, context: Context) -> Finding:
    """Check one condition against the facts (条件判定). A condition for groups only (or for
    single enterprises only) does not apply to the other kind of applicant.

    >>> from safetyrules.scoring.grading_data import grading_regime
    >>> regime = grading_regime(date(2024, 6, 1))
    >>> deaths = classified([AccidentRecord(occurred_on=date(2024, 3, 1), summary="高处坠落", deaths=1)])
    >>> context = Context(as_of=date(2024, 6, 1), lookup={}.get, accidents=deaths)
    >>> finding = evaluate(regime.condition("no-death-1y"), context)
    >>> finding.breached, finding.detail
    (True, '2023-06-01至2024-05-31事故1起，死亡1人，已达到1人以上')
    >>> group_only = grading_regime(date(2015, 1, 1)).condition("level1-group-member-scores")
    >>> single = Context(as_of=date(2015, 1, 1), lookup={"is_group": False}.get, accidents=())
    >>> evaluate(group_only, single).applicable, evaluate(group_only, single).detail
    (False, '仅适用于集团企业')
    """
    if condition.applies_to is not Applicability.ALL:
        is_group = context.lookup("is_group")
        if is_group is None:
            return Finding(None, "未说明是否以集团名义申请", missing=("is_group",))
        if is_group != (condition.applies_to is Applicability.GROUP):
            return Finding(False, f"仅适用于{condition.applies_to.label}", applicable=False)
    return _CHECKS[condition.check](condition, context)


def _fact_label(name: str) -> str:
    return _FACT_LABELS.get(name, name)


_FACT_LABELS = {
    "licences_valid": "安全生产行政许可齐全有效",
    "safety_organisation_set_up": "已设置安全生产管理机构或配备安全生产管理人员",
    "certificates_held": "有关人员依法持证",
    "major_social_event": "发生造成重大社会不良影响的事件",
    "on_serious_dishonesty_list": "被列入失信惩戒名单",
    "statistics_not_rising": "事故统计指标逐年持平或下降",
    "unrectified_major_hazards": "未完成整改的重大事故隐患",
    "last_failed_application_notified_on": "前次申请未通过的告知日期",
    "last_revoked_on": "前次被撤销等级的日期",
    "accident_concealed": "瞒报、谎报、迟报、漏报事故",
    "false_material": "提供虚假材料或以不正当手段取得等级",
    "licence_revoked_or_left_industry": "行政许可被注销、撤销、吊销或不再从事相关行业",
    "major_hazard_overdue": "重大事故隐患未在规定期限内完成整改",
    "management_system_not_running": "标准化管理体系未持续有效运行",
    "rules_revised": "有关法律法规、标准或行业定级标准重大修订",
    "major_change": "生产工艺、设备、产品、原辅材料重大变化或新建、改建、扩建",
    "self_assessment_submitted": "按规定开展自评并提交自评报告",
}


def _check_fact(condition: GradingCondition, context: Context) -> Finding:
    name = _required(condition.fact)
    value = context.lookup(name)
    if value is None:
        return Finding(None, f"未提供“{_fact_label(name)}”", missing=(name,))
    return Finding(
        value == condition.breached_when,
        f"{_fact_label(name)}：{'是' if value else '否'}",
        inputs={name: value},
    )


def _check_count(condition: GradingCondition, context: Context) -> Finding:
    name = _required(condition.fact)
    value = context.lookup(name)
    limit = _required(condition.limit)
    if value is None:
        return Finding(None, f"未提供“{_fact_label(name)}”", missing=(name,))
    return Finding(value >= limit, f"{_fact_label(name)}{value}项", inputs={name: value})


def _check_waiting(condition: GradingCondition, context: Context) -> Finding:
    name = _required(condition.fact)
    value = context.lookup(name)
    years = _required(condition.years)
    if value is None:
        return Finding(None, f"未提供“{_fact_label(name)}”（从未发生的写 never）", missing=(name,))
    if value == NEVER:
        return Finding(False, f"{_fact_label(name)}：从未发生", inputs={name: NEVER})
    ends = value + relativedelta(years=years)
    return Finding(
        context.as_of < ends,
        f"{_fact_label(name)}为{value.isoformat()}，满{years}年之日为{ends.isoformat()}",
        inputs={name: value},
    )


def _check_previous_grading(condition: GradingCondition, context: Context) -> Finding:
    years = _required(condition.years)
    level = context.lookup("current_level")
    if level is None:
        return Finding(None, "未提供现有等级", missing=("current_level",))
    if level == NEVER:
        return Finding(True, "从未取得标准化等级", inputs={"current_level": NEVER})
    if level is StandardizationLevel.FIRST:
        return Finding(False, "现为一级", inputs={"current_level": int(level)})
    since = context.lookup("current_level_since")
    if since is None:
        return Finding(None, f"现为{level.label}，未提供取得日期", missing=("current_level_since",))
    enough = since + relativedelta(years=years)
    return Finding(
        context.as_of < enough,
        f"现为{level.label}，自{since.isoformat()}起，满{years}年之日为{enough.isoformat()}",
        inputs={"current_level": int(level), "current_level_since": since},
    )


def _check_enterprise_kind(condition: GradingCondition, context: Context) -> Finding:
    kind = context.lookup("enterprise_kind")
    if kind is None:
        return Finding(None, "未提供企业类型", missing=("enterprise_kind",))
    return Finding(
        kind not in condition.allowed,
        f"企业类型：{kind.value}",
        inputs={"enterprise_kind": kind.value},
    )


def _check_members(condition: GradingCondition, context: Context) -> Finding:
    members = context.lookup("members")
    if members is None:
        return Finding(None, "未提供集团成员企业情况", missing=("members",))
    share = _required(condition.share)
    if condition.check is CheckKind.MEMBER_DEATHS:
        count = sum(1 for m in members if m.deaths == 0)
        what = "申请前1年内未发生死亡事故"
    else:
        floor = _required(condition.min_score)
        count = sum(1 for m in members if m.score >= floor)
        what = f"评分{number_text(floor)}分以上"
    percent = (Decimal(count) * _HUNDRED / len(members)).quantize(_ONE_DECIMAL, ROUND_HALF_UP)
    return Finding(
        Decimal(count) * _HUNDRED < share * len(members),
        f"成员企业{len(members)}家，{what}的{count}家，占{percent}%（须{number_text(share)}%以上）",
        inputs={"members": len(members), "counted": count},
    )


def _check_application_window(condition: GradingCondition, context: Context) -> Finding:
    last_day = context.valid_until
    if last_day is None:  # pragma: no cover - the caller always sets it for this section
        raise InvalidInput("valid_until", None, "缺少有效期届满日")
    months = _required(condition.months)
    opens = last_day + timedelta(days=1) - relativedelta(months=months)
    return Finding(
        not opens <= context.as_of <= last_day,
        f"有效期至{last_day.isoformat()}，可申请期间为{opens.isoformat()}至{last_day.isoformat()}",
        inputs={"valid_until": last_day},
    )


def _check_accidents(condition: GradingCondition, context: Context) -> Finding:
    if context.accidents is None:
        return Finding(None, "未提供事故记录", missing=("accidents",))
    start, last, label = _window(condition, context)
    chosen = [
        a
        for a in context.accidents
        if (start is None or start <= a.record.occurred_on) and a.record.occurred_on <= last
    ]
    measure = _required(condition.measure)
    if measure is AccidentMeasure.GRADE:
        return _grade_finding(condition, chosen, label)
    if condition.rolling_months is not None:
        chosen, label = _worst_window(condition, chosen, measure)
    total = sum((_amount(a, measure) for a in chosen), Decimal(0))
    limit = _required(condition.limit)
    missing_counted = measure is AccidentMeasure.DEATHS and any(a.missing_counted for a in chosen)
    detail = f"{label}事故{len(chosen)}起，{_measure_text(measure, total)}"
    if missing_counted:
        detail += "（含失踪（下落不明）人数，按事故分级的做法与死亡合计）"
    reached = total >= limit
    detail += f"，{'已达到' if reached else '未达到'}{_measure_text(measure, limit, bare=True)}"
    return Finding(
        reached,
        detail,
        inputs={"accidents": len(chosen), measure.value: total},
        unverified=missing_counted,
    )


def _window(condition: GradingCondition, context: Context) -> tuple[date | None, date, str]:
    window = _required(condition.window)
    if window is AccidentWindow.SINCE_GRANTED:
        granted_on = _required(context.granted_on)
        return granted_on, context.as_of, f"{granted_on.isoformat()}至{context.as_of.isoformat()}"
    last = context.as_of - timedelta(days=1)
    if window is AccidentWindow.ALL_BEFORE:
        return None, last, f"{last.isoformat()}以前"
    start = context.as_of - relativedelta(years=_required(condition.years))
    return start, last, f"{start.isoformat()}至{last.isoformat()}"


def _worst_window(
    condition: GradingCondition, chosen: list[_Accident], measure: AccidentMeasure
) -> tuple[list[_Accident], str]:
    # Any N consecutive months: a worst window starts on an accident's date.
    months = _required(condition.rolling_months)
    best: list[_Accident] = []
    best_total = Decimal(-1)
    best_label = f"任意连续{months}个月内"
    for first in sorted(chosen, key=lambda a: a.record.occurred_on):
        opens = first.record.occurred_on
        closes = opens + relativedelta(months=months)
        inside = [a for a in chosen if opens <= a.record.occurred_on < closes]
        total = sum((_amount(a, measure) for a in inside), Decimal(0))
        if total > best_total:
            best, best_total = inside, total
            last = closes - timedelta(days=1)
            best_label = f"连续{months}个月（{opens.isoformat()}至{last.isoformat()}）内"
    return best, best_label


def _grade_finding(condition: GradingCondition, chosen: list[_Accident], label: str) -> Finding:
    limit = _required(condition.limit_grade)
    graded = [a.classification for a in chosen if a.classification is not None]
    worst = max((c.grade for c in graded), default=None)
    reached = worst is not None and worst >= limit
    unverified = any(c.unverified for c in graded)
    ungraded = [a for a in chosen if a.classification is None]
    detail = f"{label}事故{len(chosen)}起"
    if worst is not None:
        detail += f"，最高等级为{worst.value}"
    if ungraded and not reached:
        dates = "、".join(a.record.occurred_on.isoformat() for a in ungraded)
        return Finding(
            None,
            detail + f"；{dates}的事故发生在《生产安全事故报告和调查处理条例》施行前，无法定级",
        )
    detail += f"，{'已发生' if reached else '未发生'}{limit.value}及以上等级的事故"
    return Finding(
        reached,
        detail,
        inputs={"accidents": len(chosen), "grade": worst.value if worst else None},
        unverified=unverified,
    )


def _amount(accident: _Accident, measure: AccidentMeasure) -> Decimal:
    if measure is AccidentMeasure.DEATHS:
        return Decimal(accident.deaths)
    if measure is AccidentMeasure.SERIOUS_INJURIES:
        return Decimal(accident.record.serious_injuries)
    return accident.record.direct_economic_loss


def _measure_text(measure: AccidentMeasure, value: Decimal, *, bare: bool = False) -> str:
    if measure is AccidentMeasure.DIRECT_LOSS:
        amount = yuan_text(value)
        return f"{amount}以上" if bare else f"直接经济损失合计{amount}"
    unit = "死亡" if measure is AccidentMeasure.DEATHS else "重伤"
    return f"{number_text(value)}人以上" if bare else f"{unit}{number_text(value)}人"


def _required(value: _T | None) -> _T:
    if value is None:  # pragma: no cover - the loader guarantees the parameters of each check
        raise RuleDataError(DATA_FILE, "condition", "检查参数缺失")
    return value


_CHECKS: Mapping[CheckKind, Callable[[GradingCondition, Context], Finding]] = {
    CheckKind.FACT: _check_fact,
    CheckKind.COUNT: _check_count,
    CheckKind.WAITING_PERIOD: _check_waiting,
    CheckKind.ACCIDENTS: _check_accidents,
    CheckKind.PREVIOUS_GRADING: _check_previous_grading,
    CheckKind.ENTERPRISE_KIND: _check_enterprise_kind,
    CheckKind.MEMBER_DEATHS: _check_members,
    CheckKind.MEMBER_SCORES: _check_members,
    CheckKind.APPLICATION_WINDOW: _check_application_window,
}


def check_all(
    conditions: Iterable[GradingCondition], context: Context, regime: GradingRegime, on: date
) -> tuple[tuple[ConditionResult, ...], list[Reason]]:
    """Check conditions against the facts (定级条件判定): one result and one reason for each,
    followed by the related provisions (相关提示) in force on ``on`` of those that apply.

    >>> from safetyrules.scoring.grading_data import grading_regime
    >>> regime = grading_regime(date(2024, 6, 1))
    >>> context = Context(as_of=date(2024, 6, 1), lookup={"licences_valid": True}.get, accidents=())
    >>> chosen = [regime.condition("licences-valid"), regime.condition("certificates-held")]
    >>> results, reasons = check_all(chosen, context, regime, date(2024, 6, 1))
    >>> [(r.id, r.outcome.value) for r in results]
    [('licences-valid', '符合'), ('certificates-held', '事实不明')]
    >>> print(reasons[1].message)
    一级、二级、三级条件“...”：未提供“有关人员依法持证”；事实不明，需提供：certificates_held
    """
    results = []
    reasons = []
    for condition in conditions:
        finding = evaluate(condition, context)
        outcome = _outcome(finding)
        confidence = condition.confidence
        if finding.unverified:
            confidence = Confidence.UNVERIFIED
        result = ConditionResult(
            id=condition.id,
            text=condition.text,
            levels=condition.levels,
            outcome=outcome,
            detail=finding.detail,
            citation=condition.citation,
            confidence=confidence,
            missing_facts=finding.missing,
        )
        results.append(result)
        reasons.append(_condition_reason(regime, condition, result, finding.inputs))
        if outcome is not ConditionOutcome.NOT_APPLICABLE:
            reasons += [caveat_reason(condition.id, c) for c in condition.caveats if c.applies(on)]
    return tuple(results), reasons


def _outcome(finding: Finding) -> ConditionOutcome:
    if not finding.applicable:
        return ConditionOutcome.NOT_APPLICABLE
    if finding.breached is None:
        return ConditionOutcome.UNKNOWN
    return ConditionOutcome.NOT_MET if finding.breached else ConditionOutcome.MET


def _condition_reason(
    regime: GradingRegime,
    condition: GradingCondition,
    result: ConditionResult,
    inputs: Mapping[str, InputValue],
) -> Reason:
    """The reason recording one condition's outcome (条件判定理由)."""
    levels = "、".join(lv.label for lv in condition.levels)
    message = f"{levels}条件“{condition.text}”：{result.detail}；{result.outcome.value}"
    if result.missing_facts:
        message += f"，需提供：{'、'.join(result.missing_facts)}"
    return Reason(
        rule=f"standardization.grading.{regime.id}.{condition.id}",
        message=message,
        citation=condition.citation,
        inputs=dict(inputs),
        confidence=result.confidence,
    )
