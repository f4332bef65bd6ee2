"""Self-assessment scoring (自评打分): item results in, the standardization score out.

The rules of the industry 评分细则 (冶金等工贸 评定标准): deductions accumulate until an item's
points are used up, never below 0; an item marked as charged to its category (类目) takes its
deductions from the whole element, which is floored at 0 in turn; 缺项 (items that do not apply)
leave the denominator; the score on the 100-point scale is 实得分 ÷ (总分 - 缺项分) × 100,
rounded half up to one decimal. Bad input — a 缺项 without a reason, a deduction on a 缺项 item,
more deductions than a rule allows, an item without a result — is an error, never fixed silently.

>>> from safetyrules.scoring import load_standard
>>> standard = load_standard("general-gbt-33000-2016")
>>> first = standard.items[0]
>>> results = [ItemResult(item=i.id) for i in standard.items[1:]]
>>> results.append(ItemResult(item=first.id, deductions=[Deduction(rule=first.deductions[0].id)]))
>>> a = score(standard, results)
>>> a.earned == standard.total - first.points, a.applicable_points
(True, Decimal('1000'))
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import ROUND_HALF_UP, BasicContext, Decimal, localcontext
from enum import StrEnum
from typing import Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    ValidationError,
    model_validator,
)

from safetyrules.errors import InvalidInput, NotInForce
from safetyrules.law.confidence import Confidence
from safetyrules.law.reason import Explanation, Reason
from safetyrules.scoring.standard import DeductionKind, ScoringItem, ScoringStandard

HUNDRED = Decimal(100)
ONE_DECIMAL = Decimal("0.1")


class ItemStatus(StrEnum):
    """The outcome of one item (评分项结论).

    >>> ItemStatus("缺项")
    <ItemStatus.NOT_APPLICABLE: '缺项'>
    """

    COMPLIANT = "符合"
    DEDUCTED = "扣分"
    NOT_APPLICABLE = "缺项"


class Deduction(BaseModel):
    """Points taken under one deduction rule, with the evidence (扣分记录).

    ``count`` is the number of occurrences or missing parts (1 for a 不得分 rule).

    >>> d = Deduction(rule="c", count=3, evidence="3名班组长未签订目标责任书")
    >>> d.rule, d.count
    ('c', 3)
    >>> Deduction(rule="c", count=0)
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.ValidationError: 1 validation error for Deduction
    ...
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    rule: str = Field(min_length=1, description="扣分规则编号")
    count: StrictInt = Field(default=1, ge=1, description="处数或缺项数")
    evidence: str = Field(default="", description="扣分依据（事实、证据）")


class ItemResult(BaseModel):
    """The assessor's finding on one item (评分项自评结果).

    Without deductions an item is 符合; with deductions, 扣分; ``not_applicable`` marks a 缺项,
    which needs a reason.

    >>> ItemResult(item="5.1.1-1", deductions=[{"rule": "b", "count": 2}]).deductions[0].count
    2
    >>> ItemResult(item="5.1.1-1", not_applicable=True)
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.ValidationError: 1 validation error for ItemResult
      Value error, 评分项 5.1.1-1 标为缺项，须说明理由 ...
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    item: str = Field(min_length=1, description="评分项编号")
    deductions: tuple[Deduction, ...] = Field(default=(), description="扣分记录")
    not_applicable: StrictBool = Field(default=False, description="是否缺项（不参与考评）")
    reason: str | None = Field(default=None, description="缺项理由")

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.not_applicable and not (self.reason or "").strip():
            raise ValueError(f"评分项 {self.item} 标为缺项，须说明理由")
        if self.not_applicable and self.deductions:
            raise ValueError(f"评分项 {self.item} 标为缺项，不能再扣分")
        return self

    @property
    def status(self) -> ItemStatus:
        """符合, 扣分 or 缺项 (评分项结论).

        >>> ItemResult(item="5.1.1-1").status.value
        '符合'
        >>> ItemResult(item="5.1.1-1", not_applicable=True, reason="无此业务").status.value
        '缺项'
        """
        if self.not_applicable:
            return ItemStatus.NOT_APPLICABLE
        return ItemStatus.DEDUCTED if self.deductions else ItemStatus.COMPLIANT


class GateResult(BaseModel):
    """Whether a 必备条件 / 否决项 holds (必备条件自评结果).

    A gate with no result when scoring is not confirmed, so it fails.

    >>> GateResult(gate="licences", met=True, evidence="安全生产许可证在有效期内").met
    True
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    gate: str = Field(min_length=1)
    met: bool
    evidence: str = ""


class ItemScore(BaseModel):
    """One item's points after deductions (评分项得分).

    >>> from safetyrules.scoring import load_standard
    >>> standard = load_standard("general-gbt-33000-2016")
    >>> found = [ItemResult(item="5.1.1-1", deductions=[Deduction(rule="b", count=2)]),
    ...          ItemResult(item="5.1.1-2", deductions=[Deduction(rule="a")])]
    >>> others = [ItemResult(item=i.id) for i in standard.items[2:]]
    >>> a = score(standard, found + others)
    >>> item = a.items[0]
    >>> item.item, item.status.value, item.points, item.deducted, item.earned
    ('5.1.1-1', '扣分', Decimal('6'), Decimal('2'), Decimal('4'))
    """

    model_config = ConfigDict(frozen=True)

    item: str
    element: str
    status: ItemStatus
    points: Decimal
    deducted: Decimal = Field(description="按规则合计的扣分（可超过应得分）")
    earned: Decimal = Field(description="该项实得分（不低于0；类目扣分见要素小计）")

    @property
    def lost(self) -> Decimal:
        """Points lost on the item itself (at most its points; 失分).

        >>> from safetyrules.scoring import load_standard
        >>> standard = load_standard("general-gbt-33000-2016")
        >>> found = [ItemResult(item="5.1.1-1", deductions=[Deduction(rule="b", count=2)]),
        ...          ItemResult(item="5.1.1-2", deductions=[Deduction(rule="a")])]
        >>> others = [ItemResult(item=i.id) for i in standard.items[2:]]
        >>> a = score(standard, found + others)
        >>> a.items[0].lost, a.items[1].lost, a.items[2].lost
        (Decimal('2'), Decimal('8'), Decimal('0'))
        """
        return Decimal(0) if self.status is ItemStatus.NOT_APPLICABLE else self.points - self.earned


class ElementScore(BaseModel):
    """An element's subtotal (要素小计): points that apply, points earned, percentage.

    >>> from safetyrules.scoring import load_standard
    >>> standard = load_standard("general-gbt-33000-2016")
    >>> found = [ItemResult(item="5.1.1-1", deductions=[Deduction(rule="b", count=2)]),
    ...          ItemResult(item="5.1.1-2", deductions=[Deduction(rule="a")])]
    >>> others = [ItemResult(item=i.id) for i in standard.items[2:]]
    >>> a = score(standard, found + others)
    >>> e = a.by_element[0]
    >>> e.code, e.name, e.applicable_points, e.earned, e.percentage
    ('5.1.1', '目标', Decimal('20'), Decimal('10'), Decimal('50.0'))
    """

    model_config = ConfigDict(frozen=True)

    code: str
    name: str
    applicable_points: Decimal
    earned: Decimal
    percentage: Decimal | None = Field(
        description="实得分 ÷ 应得分 × 100，一位小数；全部缺项时为 None"
    )


class ScoringAssessment(BaseModel):
    """The result of a self-assessment (自评结果).

    ``score`` is on the 100-point scale with one decimal; ``by_element`` has the elements items
    map to, ``by_top_element`` the 一级要素; ``failed_gates`` the texts of the gates that fail.

    >>> from safetyrules.scoring import load_standard
    >>> standard = load_standard("general-gbt-33000-2016")
    >>> found = [ItemResult(item="5.1.1-1", deductions=[Deduction(rule="b", count=2)]),
    ...          ItemResult(item="5.1.1-2", deductions=[Deduction(rule="a")])]
    >>> others = [ItemResult(item=i.id) for i in standard.items[2:]]
    >>> a = score(standard, found + others)
    >>> a.earned, a.score, len(a.failed_gates)
    (Decimal('990'), Decimal('99.0'), 5)
    """

    model_config = ConfigDict(frozen=True)

    standard: str
    as_of: date | None
    total: Decimal
    applicable_points: Decimal = Field(description="应得分（总分减缺项分）")
    earned: Decimal = Field(description="实得分")
    score: Decimal = Field(description="百分制得分，一位小数")
    thresholds: dict[int, Decimal] | None
    items: tuple[ItemScore, ...]
    by_element: tuple[ElementScore, ...]
    by_top_element: tuple[ElementScore, ...]
    failed_gates: tuple[str, ...] = ()
    explanation: Explanation

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """Every deduction, 缺项 and the final computation, in order (打分依据).

        >>> from safetyrules.scoring import load_standard
        >>> standard = load_standard("general-gbt-33000-2016")
        >>> found = [ItemResult(item="5.1.1-1", deductions=[Deduction(rule="b", count=2)]),
        ...          ItemResult(item="5.1.1-2", deductions=[Deduction(rule="a")])]
        >>> others = [ItemResult(item=i.id) for i in standard.items[2:]]
        >>> a = score(standard, found + others)
        >>> [r.rule for r in a.reasons][:3]
        ['scoring.item.5.1.1-1.b', 'scoring.item.5.1.1-2.a', 'scoring.normalise']
        """
        return self.explanation.reasons

    def most_lost(self, count: int = 5) -> tuple[ItemScore, ...]:
        """The items that lost the most points, largest first (失分最多的评分项).

        >>> from safetyrules.scoring import load_standard
        >>> standard = load_standard("general-gbt-33000-2016")
        >>> found = [ItemResult(item="5.1.1-1", deductions=[Deduction(rule="b", count=2)]),
        ...          ItemResult(item="5.1.1-2", deductions=[Deduction(rule="a")])]
        >>> others = [ItemResult(item=i.id) for i in standard.items[2:]]
        >>> a = score(standard, found + others)
        >>> [(i.item, i.lost) for i in a.most_lost()]
        [('5.1.1-2', Decimal('8')), ('5.1.1-1', Decimal('2'))]
        """
        lost = [i for i in self.items if i.lost > 0]
        return tuple(sorted(lost, key=lambda i: (-i.lost, i.item))[:count])

    def weakest_elements(self, count: int = 3) -> tuple[ElementScore, ...]:
        """The 一级要素 with the lowest percentage (得分率最低的一级要素).

        >>> from safetyrules.scoring import load_standard
        >>> standard = load_standard("general-gbt-33000-2016")
        >>> found = [ItemResult(item="5.1.1-1", deductions=[Deduction(rule="b", count=2)]),
        ...          ItemResult(item="5.1.1-2", deductions=[Deduction(rule="a")])]
        >>> others = [ItemResult(item=i.id) for i in standard.items[2:]]
        >>> a = score(standard, found + others)
        >>> [(e.code, e.percentage) for e in a.weakest_elements(2)]
        [('5.1', Decimal('91.7')), ('5.2', Decimal('100.0'))]
        """
        scored = [e for e in self.by_top_element if e.percentage is not None]
        return tuple(sorted(scored, key=lambda e: (e.percentage, e.code))[:count])

    def _repr_html_(self) -> str:
        """The score, the points and the reasons as HTML for a notebook (笔记本显示).

        >>> from safetyrules.scoring import load_standard
        >>> standard = load_standard("general-gbt-33000-2016")
        >>> a = score(standard, [{"item": i.id} for i in standard.items])
        >>> "100.0 分" in a._repr_html_()
        True
        """
        from safetyrules.display import fragment

        return fragment(
            "标准化自评结果",
            f"{self.score} 分",
            [
                ("评分标准", self.standard),
                ("自评日期", self.as_of),
                ("总分", _plain(self.total)),
                ("缺项分", _plain(self.total - self.applicable_points)),
                ("应得分", _plain(self.applicable_points)),
                ("实得分", _plain(self.earned)),
                ("扣分项", f"{sum(i.status is ItemStatus.DEDUCTED for i in self.items)}项"),
                ("未满足的必备条件", f"{len(self.failed_gates)}项"),
            ],
            self.explanation,
        )

    def _repr_markdown_(self) -> str:
        """The same content in Markdown (笔记本显示).

        >>> from safetyrules.scoring import load_standard
        >>> standard = load_standard("general-gbt-33000-2016")
        >>> a = score(standard, [{"item": i.id} for i in standard.items])
        >>> print(a._repr_markdown_().splitlines()[0])
        **标准化自评结果：100.0 分**
        """
        from safetyrules.display import markdown

        return markdown(self._repr_html_())


def score(
    standard: ScoringStandard,
    results: Iterable[ItemResult | GateResult | Mapping[str, object]],
    *,
    as_of: date | None = None,
) -> ScoringAssessment:
    """Score a self-assessment against a standard (自评打分).

    ``results`` holds one :class:`ItemResult` per item (dicts of their fields are accepted) and
    any :class:`GateResult`. Every item needs a result; a gate without a result counts as not
    confirmed, so it fails. ``as_of`` is the assessment date; it must lie within the dates the
    standard serves.

    >>> from safetyrules.scoring import load_standard
    >>> standard = load_standard("general-gbt-33000-2016")
    >>> results = [{"item": i.id} for i in standard.items]
    >>> results += [GateResult(gate=g.id, met=True) for g in standard.gates]
    >>> a = score(standard, results, as_of=date(2025, 9, 15))
    >>> a.score, a.failed_gates
    (Decimal('100.0'), ())
    >>> score(standard, results, as_of=date(2025, 11, 1))
    Traceback (most recent call last):
    ...
    safetyrules.errors.NotInForce: ...
    """
    if as_of is not None:
        _check_serves(standard, as_of)
    item_results, gate_results = _split(standard, results)
    reasons: list[Reason] = []
    scores: list[ItemScore] = []
    category_charge: dict[str, Decimal] = defaultdict(Decimal)
    for item in standard.items:
        result = item_results[item.id]
        item_score, item_reasons = _score_item(item, result, standard.confidence)
        scores.append(item_score)
        reasons += item_reasons
        if item.charge_to_category and item_score.deducted > item.points:
            category_charge[item.element] += item_score.deducted - item.points
    by_element = _elements(standard, scores, category_charge, reasons)
    applicable = sum((e.applicable_points for e in by_element), Decimal(0))
    earned = sum((e.earned for e in by_element), Decimal(0))
    if applicable == 0:
        raise InvalidInput("results", "全部缺项", "所有评分项都是缺项，无法计算得分")
    with localcontext(BasicContext) as exact:
        exact.prec = 28
        normalised = (earned / applicable * HUNDRED).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)
    not_applicable = standard.total - applicable
    reasons.append(
        Reason(
            rule="scoring.normalise",
            message=(
                f"实得分 {_plain(earned)}，应得分 {_plain(applicable)}（总分 {_plain(standard.total)}"
                + (f"，缺项 {_plain(not_applicable)} 分" if not_applicable else "")
                + f"），标准化得分 = {_plain(earned)} ÷ {_plain(applicable)} × 100 = "
                f"{_plain(normalised)}（四舍五入保留一位小数）"
            ),
            inputs={"earned": earned, "applicable": applicable, "score": normalised},
            confidence=standard.confidence,
        )
    )
    failed = []
    for gate in standard.gates:
        outcome = gate_results.get(gate.id)
        if outcome is None or not outcome.met:
            failed.append(gate.text)
            reasons.append(
                Reason(
                    rule=f"scoring.gate.{gate.id}",
                    message=f"必备条件“{gate.text}”"
                    + (
                        "未确认" if outcome is None else f"不满足（{outcome.evidence or '无说明'}）"
                    ),
                    citation=gate.citation,
                    confidence=standard.confidence,
                )
            )
    return ScoringAssessment(
        standard=standard.id,
        as_of=as_of,
        total=standard.total,
        applicable_points=applicable,
        earned=earned,
        score=normalised,
        thresholds=standard.thresholds,
        items=tuple(scores),
        by_element=by_element,
        by_top_element=_top_elements(standard, by_element),
        failed_gates=tuple(failed),
        explanation=Explanation(reasons=tuple(reasons)),
    )


def _check_serves(standard: ScoringStandard, as_of: date) -> None:
    if standard.serves_from is not None and as_of < standard.serves_from:
        raise NotInForce(standard.id, as_of, f"该评分标准适用于 {standard.serves_from} 起的评审")
    if standard.serves_until is not None and as_of > standard.serves_until:
        raise NotInForce(standard.id, as_of, f"该评分标准适用于 {standard.serves_until} 以前的评审")


def _split(
    standard: ScoringStandard, results: Iterable[ItemResult | GateResult | Mapping[str, object]]
) -> tuple[dict[str, ItemResult], dict[str, GateResult]]:
    items: dict[str, ItemResult] = {}
    gates: dict[str, GateResult] = {}
    known_gates = {g.id for g in standard.gates}
    for raw in results:
        result = raw if isinstance(raw, ItemResult | GateResult) else _parse(raw)
        if isinstance(result, GateResult):
            if result.gate not in known_gates:
                raise InvalidInput(
                    "gate", result.gate, f"评分标准 {standard.id} 中没有这一必备条件"
                )
            gates[result.gate] = result
            continue
        standard.item(result.item)  # an unknown item is an error
        if result.item in items:
            raise InvalidInput("item", result.item, "同一评分项有两条自评结果")
        items[result.item] = result
    missing = [i.id for i in standard.items if i.id not in items]
    if missing:
        shown = "、".join(missing[:10]) + ("等" if len(missing) > 10 else "")
        raise InvalidInput("results", f"{len(missing)} 项", f"这些评分项没有自评结果：{shown}")
    return items, gates


def _parse(raw: Mapping[str, object]) -> ItemResult | GateResult:
    model: type[ItemResult | GateResult] = GateResult if "gate" in raw else ItemResult
    try:
        return model.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "result"
        raise InvalidInput(where, first.get("input"), first["msg"]) from error


def _score_item(
    item: ScoringItem, result: ItemResult, fallback: Confidence
) -> tuple[ItemScore, list[Reason]]:
    if result.not_applicable:
        reason = Reason(
            rule=f"scoring.item.{item.id}.not_applicable",
            message=f"{item.id} 缺项，不参与考评（{result.reason}），应得分减 {_plain(item.points)} 分",
            citation=item.citation,
            inputs={"item": item.id},
            confidence=item.confidence or fallback,
        )
        zero = Decimal(0)
        return (
            ItemScore(
                item=item.id,
                element=item.element,
                status=ItemStatus.NOT_APPLICABLE,
                points=item.points,
                deducted=zero,
                earned=zero,
            ),
            [reason],
        )
    deducted = Decimal(0)
    reasons = []
    # The limits hold per rule, however many entries record it.
    totals: dict[str, int] = {}
    for deduction in result.deductions:
        totals[deduction.rule] = totals.get(deduction.rule, 0) + deduction.count
    for rule_id, total in totals.items():
        rule = item.rule(rule_id)
        if rule.kind is DeductionKind.ALL and total != 1:
            raise InvalidInput(f"{item.id}.{rule.id}.count", total, "“不得分”规则只能计一次")
        if rule.parts is not None and total > rule.parts:
            raise InvalidInput(
                f"{item.id}.{rule.id}.count", total, f"该规则最多可缺 {rule.parts} 项"
            )
    for deduction in result.deductions:
        rule = item.rule(deduction.rule)
        if rule.kind is DeductionKind.ALL:
            taken = item.points
        else:
            assert rule.points is not None
            taken = rule.points * deduction.count
        deducted += taken
        times = {
            DeductionKind.ALL: "",
            DeductionKind.PER_OCCURRENCE: f"，共 {deduction.count} 处",
            DeductionKind.PER_MISSING_PART: f"，缺 {deduction.count} 项",
        }[rule.kind]
        evidence = f"（{deduction.evidence}）" if deduction.evidence else ""
        reasons.append(
            Reason(
                rule=f"scoring.item.{item.id}.{rule.id}",
                message=f"{item.id} {item.content}：{rule.text}{times}，扣 {_plain(taken)} 分{evidence}",
                citation=item.citation,
                inputs={"item": item.id, "rule": rule.id, "count": deduction.count},
                confidence=item.confidence or fallback,
            )
        )
    earned = max(Decimal(0), item.points - deducted)
    status = ItemStatus.DEDUCTED if result.deductions else ItemStatus.COMPLIANT
    return (
        ItemScore(
            item=item.id,
            element=item.element,
            status=status,
            points=item.points,
            deducted=deducted,
            earned=earned,
        ),
        reasons,
    )


def _elements(
    standard: ScoringStandard,
    scores: list[ItemScore],
    category_charge: Mapping[str, Decimal],
    reasons: list[Reason],
) -> tuple[ElementScore, ...]:
    frame = standard.skeleton
    by_element: dict[str, list[ItemScore]] = {}
    for s in scores:  # one pass, elements in the order of their first item
        by_element.setdefault(s.element, []).append(s)
    subtotals = []
    for code, members in by_element.items():
        applicable = sum(
            (s.points for s in members if s.status is not ItemStatus.NOT_APPLICABLE), Decimal(0)
        )
        earned = sum((s.earned for s in members), Decimal(0))
        overflow = category_charge.get(code, Decimal(0))
        if overflow:
            charged = min(overflow, earned)
            earned -= charged
            reasons.append(
                Reason(
                    rule=f"scoring.category.{code}",
                    message=(
                        f"要素 {frame.element(code).label} 中按类目扣分的评分项超出本项分值 "
                        f"{_plain(overflow)} 分，从该要素其余得分中扣除 {_plain(charged)} 分"
                        "（要素得分不低于0）"
                    ),
                    confidence=standard.confidence,
                )
            )
        subtotals.append(
            _element_score(frame.element(code).code, frame.element(code).name, applicable, earned)
        )
    return tuple(subtotals)


def _top_elements(
    standard: ScoringStandard, by_element: tuple[ElementScore, ...]
) -> tuple[ElementScore, ...]:
    frame = standard.skeleton
    groups: dict[str, list[ElementScore]] = defaultdict(list)
    for element in by_element:
        groups[frame.top_of(element.code).code].append(element)
    return tuple(
        _element_score(
            top.code,
            top.name,
            sum((e.applicable_points for e in groups[top.code]), Decimal(0)),
            sum((e.earned for e in groups[top.code]), Decimal(0)),
        )
        for top in frame.top_level()
        if top.code in groups
    )


def _element_score(code: str, name: str, applicable: Decimal, earned: Decimal) -> ElementScore:
    percentage = None
    if applicable != 0:
        with localcontext(BasicContext) as exact:
            exact.prec = 28
            percentage = (earned / applicable * HUNDRED).quantize(
                ONE_DECIMAL, rounding=ROUND_HALF_UP
            )
    return ElementScore(
        code=code, name=name, applicable_points=applicable, earned=earned, percentage=percentage
    )


def _plain(number: Decimal) -> str:
    return (
        format(number.normalize(), "f")
        if number == number.to_integral_value()
        else format(number, "f")
    )
