"""The discretion engine (行政处罚裁量): a recommended fine range for a case, with every reason.

:func:`recommend` takes a violation, its dates, the place and the circumstances, and returns:

1. the statutory band (法定罚款幅度) under the version 从旧兼从轻 selects
   (《中华人民共和国行政处罚法》第三十七条, via :func:`~safetyrules.penalties.statutory_range`);
2. the circumstances applied and ignored, each with why. A mitigating circumstance applies if
   a basis of it is in force when the act occurred or when the decision is made (a lighter new
   rule applies, 第三十七条); a 从重 circumstance applies only if a basis was in force when the
   act occurred, and is flagged when that basis has lapsed by the decision and its successor's
   lists are not encoded (原总局令第15号 → 应急管理部令第18号 on 2026-02-01);
3. the tier (裁量档次):
   - any 不予处罚 circumstance → 不予处罚, range 0 to 0;
   - 首违不罚 (可以不予处罚) → 不予处罚 recommended, unless a 从重 circumstance also applies;
   - 从轻或者减轻 and 从重 together → 一般, flagged as a conflict: the library does not offset
     one against the other (第五条第二款 过罚相当 leaves the weighing to the agency);
   - 从轻或者减轻 alone → 从轻, or 减轻 when ``reduce=True`` and the band has a minimum;
   - 从重 alone → 从重; none → 一般;
4. the benchmark row (裁量基准阶次) when one matches the case's facts: its sub-range narrows the
   band; 从轻 takes its lower half and 从重 its upper half (the library's reading, flagged);
5. otherwise the placement variant in force for the place (:mod:`~safetyrules.penalties.placement`).

Dates: the statutory band and the circumstances follow 第三十七条; the benchmark and the
placement variant are those in force on the decision date (the day discretion is exercised),
and a benchmark row is used only if it serves the version of the law applied.

>>> from datetime import date
>>> r = recommend("special-operators-uncertified", occurred_on=date(2025, 3, 1),
...               facts={"persons": 1})
>>> r.tier.value, r.range.text(), r.benchmark.tier
('一般', '0元以上3万元以下', 'A')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from safetyrules.checks import day as statutory_day
from safetyrules.checks import quantity
from safetyrules.law.catalogue import instrument
from safetyrules.law.citation import Citation
from safetyrules.law.confidence import Confidence
from safetyrules.law.jurisdiction import NATION_CODE
from safetyrules.law.jurisdiction import jurisdiction as jurisdiction_of
from safetyrules.law.reason import Explanation, Reason
from safetyrules.penalties.accident_fines import FineRange
from safetyrules.penalties.benchmarks import BenchmarkRow, candidates, match_benchmark
from safetyrules.penalties.circumstances import Basis, Effect, circumstance, gaps
from safetyrules.penalties.placement import (
    BandForm,
    SubRange,
    Tier,
    place,
    placement_for,
    placement_variant,
)
from safetyrules.penalties.provisions import LAWS, violation_provision
from safetyrules.penalties.statutory import statutory_range

PENALTY_LAW = "administrative-penalty-law-2021"


class AppliedCircumstance(BaseModel):
    """A circumstance the engine applied (适用的裁量情节), with the basis used.

    ``note`` explains how it applies (a lighter rule in force at the decision, 第三十七条);
    ``flag`` states a doubt (a lapsed basis whose successor is not encoded): a flagged
    circumstance counts as unverified.

    >>> r = recommend("warning-signs-missing", occurred_on=date(2025, 3, 1),
    ...               circumstances=["harm-eliminated-or-reduced"])
    >>> a = r.applied[0]
    >>> a.effect.value, str(a.basis.citation)
    ('从轻或者减轻', '《中华人民共和国行政处罚法》（2021年修订）第三十二条第（一）项')
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    name: str
    effect: Effect
    basis: Basis
    note: str = ""
    flag: str = ""


class IgnoredCircumstance(BaseModel):
    """A circumstance the engine did not apply, and why (未适用的裁量情节).

    >>> r = recommend("warning-signs-missing", occurred_on=date(2026, 3, 1),
    ...               circumstances=["repeat-within-one-year"])
    >>> r.ignored[0].id
    'repeat-within-one-year'
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    name: str
    why: str


class Recommendation(BaseModel):
    """A recommended fine for a case (裁量建议): a range and tier, never a single number.

    ``range`` is the recommended sub-range; ``statutory`` the band it was taken from;
    ``benchmark`` the 阶次 used, if any; ``variant`` the placement variant used, if any;
    ``conflict`` is True when 从轻 and 从重 circumstances met. ``explanation`` lists every
    reason with its citation and confidence.

    >>> r = recommend("warning-signs-missing", occurred_on=date(2025, 3, 1))
    >>> r.minimum, r.maximum, r.unverified
    (Decimal('10000'), Decimal('30000'), True)
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    violation: str
    on: str
    stage: str
    statutory: FineRange
    tier: Tier
    range: SubRange
    benchmark: BenchmarkRow | None = None
    variant: str | None = None
    applied: tuple[AppliedCircumstance, ...] = ()
    ignored: tuple[IgnoredCircumstance, ...] = ()
    conflict: bool = False
    explanation: Explanation

    @property
    def minimum(self) -> Decimal:
        """The recommended minimum (建议下限)."""
        return self.range.minimum

    @property
    def maximum(self) -> Decimal:
        """The recommended maximum (建议上限); excluded from the range for 减轻."""
        return self.range.maximum

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """The reasons, in order."""
        return self.explanation.reasons

    @property
    def unverified(self) -> bool:
        """Whether any reason rests on an unverified fact (含未核实依据)."""
        return self.explanation.unverified

    def _repr_html_(self) -> str:
        """The recommended range and tier, the case and the reasons as HTML for a notebook
        (笔记本显示).

        >>> r = recommend("warning-signs-missing", occurred_on=date(2025, 3, 1))
        >>> "1万元以上3万元以下（一般）" in r._repr_html_()
        True
        """
        from safetyrules.display import fragment

        return fragment(
            "罚款裁量建议",
            f"{self.range.text()}（{self.tier.value}）",
            [
                ("违法行为", self.violation),
                ("处罚对象", self.on),
                ("情形", self.stage),
                (
                    "法定幅度",
                    SubRange(minimum=self.statutory.minimum, maximum=self.statutory.maximum).text(),
                ),
                ("法定依据", self.statutory.citation),
                ("裁量基准", self.benchmark.label() if self.benchmark else "未适用"),
                ("分档方案", self.variant),
                ("适用情节", "、".join(a.name for a in self.applied) or "无"),
                ("未适用情节", "、".join(i.name for i in self.ignored) or "无"),
                ("从轻与从重并存", "是" if self.conflict else "否"),
            ],
            self.explanation,
        )

    def _repr_markdown_(self) -> str:
        """The same content in Markdown (笔记本显示).

        >>> r = recommend("warning-signs-missing", occurred_on=date(2025, 3, 1))
        >>> print(r._repr_markdown_().splitlines()[0])
        **罚款裁量建议：1万元以上3万元以下（一般）**
        """
        from safetyrules.display import markdown

        return markdown(self._repr_html_())


def recommend(
    violation_id: str,
    *,
    occurred_on: date,
    decided_on: date | None = None,
    jurisdiction: str = NATION_CODE,
    circumstances: Iterable[str] = (),
    facts: Mapping[str, int | Decimal] | None = None,
    stage: str | None = None,
    on: str = "生产经营单位",
    reduce: bool = False,
) -> Recommendation:
    """Recommend a fine range for a violation (罚款裁量建议).

    ``circumstances`` are ids of :func:`~safetyrules.penalties.circumstances.circumstances`;
    ``facts`` are the numbers benchmark conditions test (``{"persons": 1}``); ``stage`` names
    the stage of the provision (default: the first, usually 责令限期改正); ``on`` the party
    fined; ``reduce`` asks for 减轻 rather than 从轻 when a 从轻或者减轻 circumstance applies.

    >>> r = recommend("special-operators-uncertified", occurred_on=date(2025, 3, 1),
    ...               stage="逾期未改正", circumstances=["repeat-within-one-year"])
    >>> r.tier.value, r.range.text()
    ('从重', '15万元以上20万元以下')
    >>> recommend("special-operators-uncertified", occurred_on=date(2025, 3, 1),
    ...           circumstances=["first-violation-slight-harm-corrected"]).range.text()
    '0元'
    """
    here = _place(jurisdiction)
    clean_facts = {name: quantity(f"facts[{name}]", value) for name, value in (facts or {}).items()}
    if isinstance(circumstances, str):  # one id given alone, not a list of its letters
        circumstances = (circumstances,)
    statutory = statutory_range(
        violation_id, occurred_on=occurred_on, decided_on=decided_on, stage=stage, on=on
    )
    decision_day = statutory_day("decided_on", decided_on or occurred_on)
    provision = violation_provision(violation_id, statutory.law)
    stage_name = provision.stage(stage).when if stage is not None else provision.stages[0].when
    reasons: list[Reason] = list(statutory.reasons)

    applied, ignored = _circumstances(circumstances, occurred_on, decision_day)
    for item in applied:
        reasons.append(_applied_reason(item))
    for skipped in ignored:
        reasons.append(
            Reason(
                rule=f"penalties.discretion.ignored.{skipped.id}",
                message=f"未适用情节“{skipped.name}”：{skipped.why}",
                inputs={"circumstance": skipped.id},
            )
        )
    for gap in gaps():
        if gap.covers(occurred_on) or gap.covers(decision_day):
            reasons.append(
                Reason(
                    rule="penalties.discretion.unencoded",
                    message=gap.text,
                    citation=gap.citation,
                    confidence=Confidence.UNVERIFIED,
                )
            )

    tier, conflict, tier_reasons = _tier(applied, statutory, reduce=reduce)
    reasons += tier_reasons

    row: BenchmarkRow | None = None
    variant_id: str | None = None
    if statutory.maximum == 0:
        result = SubRange(minimum=Decimal(0), maximum=Decimal(0))
        reasons.append(
            Reason(
                rule="penalties.discretion.no-fine",
                message=f"该情形（{stage_name}）不对{on}处罚款",
                citation=statutory.citation,
            )
        )
    elif tier is Tier.NO_PENALTY:
        result = SubRange(minimum=Decimal(0), maximum=Decimal(0))
    elif tier is Tier.REDUCED:
        result = SubRange(minimum=Decimal(0), maximum=statutory.minimum, upper_inclusive=False)
    else:
        row = match_benchmark(
            violation_id,
            law=statutory.law,
            stage=stage_name,
            on_date=decision_day,
            facts=clean_facts,
            jurisdiction_code=here,
            on=on,
        )
        if row is not None:
            result = _within_row(row, tier)
            reasons += _row_reasons(row, tier, clean_facts)
        else:
            reasons += _unmatched(violation_id, statutory.law, stage_name, decision_day, here, on)
            variant, variant_reason = placement_for(here, decision_day)
            variant_id = variant.id
            result = place(statutory.minimum, statutory.maximum, tier, variant=variant)
            reasons.append(variant_reason)
            reasons.append(_share_reason(variant.id, statutory, tier))

    reasons.append(
        Reason(
            rule="penalties.discretion.recommendation",
            message=f"建议：{tier.value}，罚款{result.text()}",
            inputs={"tier": tier.value, "minimum": result.minimum, "maximum": result.maximum},
        )
    )
    return Recommendation(
        violation=violation_id,
        on=on,
        stage=stage_name,
        statutory=statutory,
        tier=tier,
        range=result,
        benchmark=row,
        variant=variant_id,
        applied=tuple(applied),
        ignored=tuple(ignored),
        conflict=conflict,
        explanation=Explanation(reasons=tuple(reasons)),
    )


def _place(code: str) -> str:
    # Checks the code before any work: an unknown code is an error naming it.
    return jurisdiction_of(code).code


def _circumstances(
    ids: Iterable[str], occurred_on: date, decision_day: date
) -> tuple[list[AppliedCircumstance], list[IgnoredCircumstance]]:
    applied: list[AppliedCircumstance] = []
    ignored: list[IgnoredCircumstance] = []
    for cid in dict.fromkeys(ids):
        found = circumstance(cid)
        at_act, at_decision = found.basis_on(occurred_on), found.basis_on(decision_day)
        periods = "；".join(f"{b.citation}（{b.period}）" for b in found.bases)
        if found.mitigating:
            basis = at_act or at_decision
            if basis is None:
                ignored.append(
                    IgnoredCircumstance(
                        id=cid,
                        name=found.name,
                        why=f"违法行为发生时（{occurred_on}）和作出处罚决定时（{decision_day}）"
                        f"均无本库收录的有效依据（依据及期间：{periods}）",
                    )
                )
                continue
            note = ""
            if at_act is None:
                note = (
                    "违法行为发生时本库未收录此情节的有效依据；作出处罚决定时施行的规定有此情节，"
                    f"处罚较轻，依《中华人民共和国行政处罚法》第三十七条适用（{basis.period}）"
                )
            applied.append(
                AppliedCircumstance(
                    id=cid, name=found.name, effect=basis.effect, basis=basis, note=note
                )
            )
            continue
        if at_act is None:
            ignored.append(
                IgnoredCircumstance(
                    id=cid,
                    name=found.name,
                    why=f"违法行为发生时（{occurred_on}）没有本库收录的从重依据（依据及期间：{periods}）；"
                    "从重规定不溯及既往（《中华人民共和国行政处罚法》第三十七条）"
                    + _gap_note(occurred_on),
                )
            )
            continue
        flag = ""
        if at_decision is None and decision_day != occurred_on:
            flag = (
                f"作出处罚决定时（{decision_day}）{at_act.citation.source.label}已不再施行，"
                "后继规定的从重情形本库未收录，无法比较新旧规定的轻重，按违法行为发生时的规定适用"
            )
        applied.append(
            AppliedCircumstance(
                id=cid, name=found.name, effect=at_act.effect, basis=at_act, flag=flag
            )
        )
    return applied, ignored


def _gap_note(on: date) -> str:
    missing = [g for g in gaps() if g.covers(on)]
    if not missing:
        return ""
    return "；" + "；".join(f"{g.citation}的情节清单本库未收录" for g in missing)


def _applied_reason(item: AppliedCircumstance) -> Reason:
    basis = item.basis
    message = f"适用情节“{item.name}”：{item.effect.value}（{basis.text}）"
    if basis.note:
        message += f"；{basis.note.rstrip('。')}"
    if item.note:
        message += f"；{item.note}"
    if item.flag:
        message += f"；{item.flag}"
    return Reason(
        rule=f"penalties.discretion.circumstance.{item.id}",
        message=message,
        citation=basis.citation,
        inputs={"circumstance": item.id, "effect": item.effect.value},
        confidence=Confidence.UNVERIFIED if item.flag else basis.confidence,
    )


def _tier(
    applied: list[AppliedCircumstance], statutory: FineRange, *, reduce: bool
) -> tuple[Tier, bool, list[Reason]]:
    effects = {a.effect for a in applied}
    heavier = Effect.HEAVIER in effects
    mitigating = bool(effects & {Effect.LIGHTER_OR_REDUCED, Effect.MAY_LIGHTER_OR_REDUCED})
    reasons: list[Reason] = []
    if Effect.NO_PENALTY in effects:
        basis = next(a.basis for a in applied if a.effect is Effect.NO_PENALTY)
        reasons.append(
            Reason(
                rule="penalties.discretion.no-penalty",
                message="有依法不予行政处罚的情节，不予处罚（对当事人进行教育）",
                citation=basis.citation,
                confidence=basis.confidence,
            )
        )
        return Tier.NO_PENALTY, False, reasons
    if Effect.MAY_NO_PENALTY in effects:
        basis = next(a.basis for a in applied if a.effect is Effect.MAY_NO_PENALTY)
        if not heavier:
            reasons.append(
                Reason(
                    rule="penalties.discretion.may-no-penalty",
                    message="初次违法且危害后果轻微并及时改正，可以不予行政处罚：建议不予处罚，"
                    "是否不罚由行政机关裁量",
                    citation=basis.citation,
                    confidence=basis.confidence,
                )
            )
            return Tier.NO_PENALTY, False, reasons
        reasons.append(
            Reason(
                rule="penalties.discretion.may-no-penalty",
                message="同时存在从重情节，不建议适用“可以不予处罚”",
                citation=basis.citation,
                confidence=basis.confidence,
            )
        )
    if mitigating and heavier:
        reasons.append(
            Reason(
                rule="penalties.discretion.conflict",
                message="同时存在从轻或者减轻情节与从重情节：本库不作相互抵消的计算，按一般档建议，"
                "由行政机关依过罚相当原则综合裁量",
                citation=Citation(instrument=PENALTY_LAW, provision="第五条第二款"),
                confidence=Confidence.UNVERIFIED,
            )
        )
        return Tier.ORDINARY, True, reasons
    if mitigating:
        if reduce and statutory.minimum > 0:
            return Tier.REDUCED, False, [*reasons, _reduced_reason(applied, statutory)]
        if reduce:
            reasons.append(
                Reason(
                    rule="penalties.discretion.reduce",
                    message="法定幅度没有下限（“……以下”），无法在下限以下减轻，按从轻建议",
                    citation=statutory.citation,
                )
            )
        return Tier.LIGHTER, False, reasons
    if reduce:
        reasons.append(
            Reason(
                rule="penalties.discretion.reduce",
                message="没有适用的从轻或者减轻情节，不予减轻",
            )
        )
    return (Tier.HEAVIER if heavier else Tier.ORDINARY), False, reasons


def _reduced_reason(applied: list[AppliedCircumstance], statutory: FineRange) -> Reason:
    basis = next(a.basis for a in applied if a.effect.mitigating)
    return Reason(
        rule="penalties.discretion.reduced",
        message=f"减轻处罚：在法定最低罚款额（{statutory.minimum}元）以下确定，且不低于0元",
        citation=basis.citation,
        confidence=Confidence.weakest([basis.confidence, Confidence.SECONDARY]),
    )


def _within_row(row: BenchmarkRow, tier: Tier) -> SubRange:
    # 从轻/从重 within a 阶次: the lower/upper half of its range (the library's reading).
    middle = (row.minimum + row.maximum) / 2
    if tier is Tier.LIGHTER:
        return SubRange(minimum=row.minimum, maximum=middle)
    if tier is Tier.HEAVIER:
        return SubRange(minimum=middle, maximum=row.maximum)
    return row.range


def _row_reasons(row: BenchmarkRow, tier: Tier, facts: Mapping[str, Decimal]) -> list[Reason]:
    level = jurisdiction_of(row.jurisdiction)
    reasons = [
        Reason(
            rule=f"penalties.discretion.benchmark.{row.id}",
            message=f"适用{level.name}裁量基准：{row.label()}"
            + (f"；{row.note.rstrip('。')}" if row.note else ""),
            citation=row.citation,
            inputs={name: facts[name] for name in sorted({c.fact for c in row.facts})},
            confidence=row.confidence,
            jurisdiction=row.jurisdiction,
        )
    ]
    if tier in (Tier.LIGHTER, Tier.HEAVIER):
        half = "中点以下" if tier is Tier.LIGHTER else "中点以上"
        reasons.append(
            Reason(
                rule="penalties.discretion.benchmark-tier",
                message=f"有{tier.value}情节，在该阶次范围的{half}确定（本库读法，未见来源）",
                citation=row.citation,
                confidence=Confidence.UNVERIFIED,
            )
        )
    return reasons


def _unmatched(
    violation_id: str, law: str, stage: str, on_date: date, place_code: str, on: str
) -> list[Reason]:
    reasons = []
    for code, rows in candidates(
        violation_id, law=law, stage=stage, on_date=on_date, jurisdiction_code=place_code, on=on
    ):
        shown = "；".join(
            f"阶次{r.tier}（{r.condition}"
            + ("，需人工判断" if not r.facts else "，" + "、".join(c.text() for c in r.facts))
            + "）"
            for r in rows
        )
        reasons.append(
            Reason(
                rule="penalties.discretion.benchmark-unmatched",
                message=f"{jurisdiction_of(code).name}裁量基准有该违法行为的阶次，但所给事实不满足其数值条件："
                f"{shown}；按分档方案建议",
                citation=rows[0].citation,
                confidence=rows[0].confidence,
                jurisdiction=code,
            )
        )
    for other in LAWS:
        if other == law:
            continue
        for code, rows in candidates(
            violation_id,
            law=other,
            stage=stage,
            on_date=on_date,
            jurisdiction_code=place_code,
            on=on,
        ):
            reasons.append(
                Reason(
                    rule="penalties.discretion.benchmark-other-law",
                    message=f"{jurisdiction_of(code).name}裁量基准{rows[0].citation}的阶次服务于"
                    f"{instrument(other).label}，本案适用{instrument(law).label}，不予适用",
                    citation=rows[0].citation,
                    confidence=rows[0].confidence,
                    jurisdiction=code,
                )
            )
    return reasons


def _share_reason(variant_id: str, statutory: FineRange, tier: Tier) -> Reason:
    variant = placement_variant(variant_id)
    form = BandForm.of(statutory.minimum, statutory.maximum)
    share = variant.share(form, tier)
    message = f"法定幅度{form.value}，{tier.value}档取幅度的 {share.low} 至 {share.high}" + (
        f"（{share.note.rstrip('。')}）" if share.note else ""
    )
    if share.citation is None:
        message += f"；出处：{'；'.join(variant.sources)}"
    return Reason(
        rule=f"penalties.discretion.placement.{variant.id}",
        message=message,
        citation=share.citation,
        inputs={"variant": variant.id, "tier": tier.value},
        confidence=share.confidence,
    )
