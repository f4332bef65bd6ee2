"""Fines after an accident (事故罚款): the unit's fine by grade and the 主要负责人's share of
income, under the version of the 安全生产法 that 从旧兼从轻 selects.

2021 第一百一十四条 fines the unit by grade (30万–2000万) and lets the 应急管理部门 fine 2–5 times
that amount where 情节特别严重、影响特别恶劣; 2014 第一百零九条 had lower bands (20万–1000万) and a
1000万–2000万 band for a 特别重大 accident 情节特别严重. The 主要负责人 who failed their duties
pays a share of the previous year's income (2021 第九十五条 40/60/80/100%; 2014 第九十二条
30/40/60/80%).

Given the casualty figures (an :class:`~safetyrules.accidents.AccidentClassification`), the
unit's band narrows to the tier (阶次) of the 《生产安全事故罚款处罚规定》 in force
(:mod:`~safetyrules.penalties.accident_tiers`). The explanation also gives the lower band
《生产安全事故报告和调查处理条例》 sets for the same act (第三十七条, 第三十八条) and why the law's
applies (:mod:`~safetyrules.penalties.accident_regulation`).

>>> from datetime import date
>>> from safetyrules.accidents import AccidentGrade
>>> f = accident_fine(AccidentGrade.LARGER, occurred_on=date(2022, 3, 1))
>>> f.minimum, f.maximum, f.law
(Decimal('1000000'), Decimal('2000000'), 'work-safety-law-2021')
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import attrs
from pydantic import BaseModel, ConfigDict

from safetyrules.accidents.grade import AccidentClassification, AccidentGrade, yuan_text
from safetyrules.checks import money
from safetyrules.errors import InvalidInput
from safetyrules.law.catalogue import instrument
from safetyrules.law.citation import Citation
from safetyrules.law.confidence import Confidence
from safetyrules.law.provision import Provision
from safetyrules.law.reason import Explanation, Reason
from safetyrules.penalties.accident_tiers import TierRule, fine_tier, tier_rule_on
from safetyrules.penalties.provisions import Fine, PenaltyProvision, law_on, provision
from safetyrules.penalties.versions import PENALTY_LAW, lighter_version

HUNDRED = Decimal(100)
_ONE_FINE_FROM = date(2021, 7, 15)  # 《行政处罚法》（2021年修订）施行日

# Where each version puts the unit's accident fine and the 主要负责人's share (chapter 6).
_UNIT = {"work-safety-law-2021": "第一百一十四条", "work-safety-law-2014": "第一百零九条"}
_PRINCIPAL = {"work-safety-law-2021": "第九十五条", "work-safety-law-2014": "第九十二条"}
_AGGRAVATED = {
    "work-safety-law-2021": "情节特别严重、影响特别恶劣",
    "work-safety-law-2014": "情节特别严重",
}


class FineRange(BaseModel):
    """A statutory fine for a case (法定罚款幅度): the band in yuan, who pays, the version and
    provision applied, and why (``minimum == maximum`` for a fixed amount).

    >>> f = accident_fine(AccidentGrade.GENERAL, occurred_on=date(2022, 3, 1))
    >>> f.on, f.minimum, f.maximum, str(f.citation)
    ('生产经营单位', Decimal('300000'), Decimal('1000000'),
     '《中华人民共和国安全生产法》（2021年修正）第一百一十四条')
    >>> f.reasons[0].rule
    'penalties.version'
    """

    model_config = ConfigDict(frozen=True)

    on: str
    minimum: Decimal
    maximum: Decimal
    law: str
    citation: Citation
    explanation: Explanation

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """The reasons, in order."""
        return self.explanation.reasons

    def _repr_html_(self) -> str:
        """The band, who pays, the law applied and the reasons as HTML for a notebook
        (笔记本显示).

        >>> f = accident_fine(AccidentGrade.LARGER, occurred_on=date(2022, 3, 1))
        >>> "100万元至200万元" in f._repr_html_()
        True
        """
        from safetyrules.display import fragment

        return fragment(
            "法定罚款幅度",
            _band_text(self.minimum, self.maximum),
            [
                ("处罚对象", self.on),
                ("适用法律", instrument(self.law).label),
                ("罚款依据", self.citation),
            ],
            self.explanation,
        )

    def _repr_markdown_(self) -> str:
        """The same content in Markdown (笔记本显示).

        >>> f = accident_fine(AccidentGrade.LARGER, occurred_on=date(2022, 3, 1))
        >>> print(f._repr_markdown_().splitlines()[0])
        **法定罚款幅度：100万元至200万元**
        """
        from safetyrules.display import markdown

        return markdown(self._repr_html_())


def accident_fine(
    grade: AccidentGrade | AccidentClassification,
    *,
    occurred_on: date,
    decided_on: date | None = None,
    aggravated: bool = False,
    concealed: bool = False,
) -> FineRange:
    """The unit's fine for an accident it is responsible for (事故单位罚款).

    Given only a grade, the statutory band of the version 从旧兼从轻 selects. Given an
    :class:`~safetyrules.accidents.AccidentClassification` (which carries deaths, serious
    injuries and direct economic loss), the band is narrowed to the tier (阶次) of the
    《生产安全事故罚款处罚规定》 in force, when that rule serves the version applied (see
    :mod:`~safetyrules.penalties.accident_tiers`; the 2015 试行 rule, written for the 2014
    bands, does not narrow a fine under the 2021 law). When the version of the law is the same
    at the accident and at the decision but the tier rule changed in between, 从旧兼从轻 chooses
    between the two rules too (the new one only if its band is lighter).

    ``concealed`` (谎报或者瞒报) fixes the fine at the grade's band maximum where the rule in
    force says so: 2015 试行 版第十四条至第十六条 (secondary; 特别重大 not seen) and, unverified,
    应急管理部令第14号 (the final text was not seen). 谎报/瞒报 is also fined on its own under
    条例第三十六条 (see :func:`~safetyrules.penalties.regulation_fine`); how the two combine is
    not decided here.

    ``aggravated`` asks for the 情节特别严重 fine: under 2021, 2 to 5 times an amount within the
    (narrowed) band (a reading of "按照前款罚款数额的二倍以上五倍以下": the band becomes
    [2 × minimum, 5 × maximum]); under 2014, only a 特别重大 accident has such a band.

    The explanation also states the 条例第三十七条 band for the grade, which is lower, and why
    the law's applies.

    >>> from datetime import date
    >>> from safetyrules.accidents import classify
    >>> c = classify(deaths=5, occurred_on=date(2024, 6, 1))
    >>> f = accident_fine(c, occurred_on=date(2024, 6, 1))
    >>> f.minimum, f.maximum
    (Decimal('1200000'), Decimal('1500000'))
    >>> [r.rule for r in f.reasons]  # doctest: +NORMALIZE_WHITESPACE
    ['penalties.version', 'penalties.accident.work-safety-law-2021',
     'penalties.accident.tier.dimensions', 'penalties.accident.tier', 'penalties.accident.regulation']
    """
    level = grade.grade if isinstance(grade, AccidentClassification) else AccidentGrade(grade)
    classification = grade if isinstance(grade, AccidentClassification) else None
    old_law = law_on(occurred_on)

    def rule_date(law: str) -> date:
        # The rule in force when the act occurred goes with the law of that day; the rule in
        # force at the decision goes with the law of the decision.
        return occurred_on if decided_on is None or law == old_law else decided_on

    def case(law: str, on: date) -> _Case:
        return _unit_case(law, level, classification, on, aggravated, concealed)

    chosen, choice = lighter_version(
        occurred_on, decided_on, lambda law: case(law, rule_date(law)).band
    )
    on = rule_date(chosen)
    reasons = [choice]
    if decided_on is not None and decided_on != occurred_on and law_on(decided_on) == chosen:
        old_rule, new_rule = tier_rule_on(occurred_on), tier_rule_on(decided_on)
        if _rule_id(old_rule) != _rule_id(new_rule):
            old, new = case(chosen, occurred_on), case(chosen, decided_on)
            lighter = (new.high, new.low) < (old.high, old.low)
            on = decided_on if lighter else occurred_on
            reasons.append(
                Reason(
                    rule="penalties.accident.tier.version",
                    message=(
                        f"事故发生时施行{_rule_label(old_rule)}，幅度{_band_text(old.low, old.high)}；"
                        f"作出处罚决定时施行{_rule_label(new_rule)}，幅度{_band_text(new.low, new.high)}。"
                        + (
                            "新的规定处罚较轻，适用新的规定"
                            if lighter
                            else "新的规定处罚不轻于旧的规定，适用事故发生时的规定"
                        )
                    ),
                    citation=Citation(instrument=PENALTY_LAW, provision="第三十七条"),
                    inputs={"rule": _rule_id(new_rule if lighter else old_rule)},
                )
            )
    result = case(chosen, on)
    reasons += result.reasons
    reasons.append(_regulation_reason(level, chosen, result.citation, decided_on or occurred_on))
    return FineRange(
        on="生产经营单位",
        minimum=result.low,
        maximum=result.high,
        law=chosen,
        citation=result.citation,
        explanation=Explanation(reasons=tuple(reasons)),
    )


def principal_fine(
    grade: AccidentGrade | AccidentClassification,
    previous_year_income: Decimal | int,
    *,
    occurred_on: date,
    decided_on: date | None = None,
) -> FineRange:
    """The 主要负责人's fine for failing their duties before an accident (主要负责人罚款):
    a share of the previous year's income (上一年年收入), fixed by grade. The explanation ends
    with the 条例第三十八条 share for the grade (30/40/60/80%) and why the law's applies.

    >>> from datetime import date
    >>> from safetyrules.accidents import AccidentGrade
    >>> principal_fine(AccidentGrade.GENERAL, 300000, occurred_on=date(2022, 3, 1)).maximum
    Decimal('120000')
    """
    income = money("previous_year_income", previous_year_income)
    level = grade.grade if isinstance(grade, AccidentClassification) else AccidentGrade(grade)

    def band(law: str) -> tuple[Decimal, Decimal]:
        fine = _grade_fine(_find(law, _PRINCIPAL[law]), level, "主要负责人")
        assert fine.income_percent_min is not None
        assert fine.income_percent_max is not None
        return (
            income * fine.income_percent_min / HUNDRED,
            income * fine.income_percent_max / HUNDRED,
        )

    chosen, choice = lighter_version(occurred_on, decided_on, band)
    found = _find(chosen, _PRINCIPAL[chosen])
    fine = _grade_fine(found, level, "主要负责人")
    low, high = band(chosen)
    percent = (
        f"{fine.income_percent_min}%"
        if fine.income_percent_min == fine.income_percent_max
        else f"{fine.income_percent_min}%至{fine.income_percent_max}%"
    )
    reason = Reason(
        rule=f"penalties.principal.{chosen}",
        message=f"{level.value}，对主要负责人处上一年年收入{percent}的罚款：{yuan_text(income)} × {percent} = "
        + (yuan_text(low) if low == high else f"{yuan_text(low)}至{yuan_text(high)}"),
        citation=found.citation,
        inputs={"previous_year_income": income},
        confidence=found.confidence,
    )
    # Imported here: accident_regulation imports this module (FineRange, accident_fine).
    from safetyrules.penalties.accident_regulation import (
        RegulationConduct,
        regulation_fine,
        regulation_penalty,
    )

    conduct = RegulationConduct.PRINCIPAL_DUTIES_FAILED
    share = regulation_penalty(conduct).amount("主要负责人", level).income_percent_max
    regulation = regulation_fine(
        conduct, grade=level, previous_year_income=income, occurred_on=occurred_on
    )
    note = _precedence(
        "penalties.principal.regulation",
        f"条例第三十八条对{level.value}规定上一年年收入{share}%的罚款"
        f"（{_band_text(regulation.minimum, regulation.maximum)}）",
        chosen,
        found.citation,
        regulation.citation,
        decided_on or occurred_on,
    )
    return FineRange(
        on="主要负责人",
        minimum=low,
        maximum=high,
        law=chosen,
        citation=found.citation,
        explanation=Explanation(reasons=(choice, reason, note)),
    )


@attrs.frozen
class _Case:
    low: Decimal
    high: Decimal
    citation: Citation
    reasons: tuple[Reason, ...]

    @property
    def band(self) -> tuple[Decimal, Decimal]:
        return self.low, self.high


def _unit_case(
    law: str,
    level: AccidentGrade,
    classification: AccidentClassification | None,
    on: date,
    aggravated: bool,
    concealed: bool,
) -> _Case:
    """The unit's band under one version of the law, with the tier rule in force on ``on``."""
    found = _find(law, _UNIT[law])
    base = _grade_fine(found, level, "生产经营单位")
    assert base.maximum is not None
    low, high = base.minimum or Decimal(0), base.maximum
    reasons = [
        Reason(
            rule=f"penalties.accident.{law}",
            message=f"{level.value}，对事故发生单位处{yuan_text(low)}至{yuan_text(high)}的罚款",
            citation=found.citation,
            confidence=found.confidence,
        )
    ]
    rule = tier_rule_on(on)
    serves = rule is not None and rule.law == law
    fixed = False
    if concealed:
        entry = rule.concealed_for(level) if rule is not None and serves else None
        if entry is not None and rule is not None:
            low = high = entry.amount
            fixed = True
            reasons.append(
                Reason(
                    rule="penalties.accident.concealed",
                    message=(
                        f"发生{level.value}并有谎报或者瞒报情节的，处该等级幅度的上限"
                        f"{yuan_text(entry.amount)}（{rule.label}）"
                    ),
                    citation=entry.citation,
                    inputs={"concealed": True},
                    confidence=entry.confidence,
                )
            )
        else:
            reasons.append(
                Reason(
                    rule="penalties.accident.concealed.none",
                    message=(
                        f"未收录{on}施行、适用于{instrument(law).label}的{level.value}谎报瞒报"
                        "处罚规则，谎报、瞒报不改变本幅度（谎报、瞒报另见条例第三十六条）"
                    ),
                    citation=Citation(instrument=rule.instrument) if rule is not None else None,
                    inputs={"concealed": True},
                    confidence=Confidence.UNVERIFIED,
                )
            )
    if not fixed and classification is not None:
        match = fine_tier(classification, on=on, law=law)
        reasons += match.reasons
        if match.tier is not None:
            low, high = match.tier.minimum, match.tier.maximum
    elif not fixed and serves and rule is not None and rule.tiers_of(level):
        reasons.append(
            Reason(
                rule="penalties.accident.tier.grade_only",
                message=(
                    f"只给出事故等级，未给出伤亡人数和直接经济损失，不按{rule.label}的阶次收窄，"
                    "适用法定幅度"
                ),
                citation=Citation(instrument=rule.instrument),
                confidence=rule.confidence,
            )
        )
    if not aggravated:
        return _Case(low, high, found.citation, tuple(reasons))
    stage = next((s for s in found.stages if s.when == _AGGRAVATED[law]), None)
    if stage is None:
        raise InvalidInput("aggravated", True, f"{found.citation}没有情节特别严重的罚款")
    fine = next(f for f in stage.fines if f.on == "生产经营单位")
    if fine.multiple_of_stage is not None:
        assert fine.multiple_min is not None
        assert fine.multiple_max is not None
        low, high = low * fine.multiple_min, high * fine.multiple_max
        message = (
            f"情节特别严重、影响特别恶劣的，可以按前款罚款数额的{fine.multiple_min}倍以上"
            f"{fine.multiple_max}倍以下处罚：{yuan_text(low)}至{yuan_text(high)}"
            "（本库的读法：倍数乘以前款幅度内的数额）"
        )
    elif level is AccidentGrade.ESPECIALLY_MAJOR and fine.maximum is not None:
        low, high = fine.minimum or Decimal(0), fine.maximum
        message = f"特别重大事故情节特别严重的，处{yuan_text(low)}至{yuan_text(high)}的罚款"
    else:
        message = f"{instrument(law).label}只对特别重大事故规定情节特别严重的罚款；本案按{level.value}的幅度"
    reasons.append(
        Reason(
            rule=f"penalties.accident.{law}.aggravated",
            message=message,
            citation=found.citation,
            confidence=found.confidence,
        )
    )
    return _Case(low, high, found.citation, tuple(reasons))


def _regulation_reason(level: AccidentGrade, law: str, citation: Citation, on: date) -> Reason:
    # Imported here: accident_regulation imports this module (FineRange, accident_fine).
    from safetyrules.penalties.accident_regulation import RegulationConduct, regulation_fine

    regulation = regulation_fine(RegulationConduct.UNIT_RESPONSIBLE, grade=level, occurred_on=on)
    return _precedence(
        "penalties.accident.regulation",
        f"条例第三十七条对{level.value}规定{_band_text(regulation.minimum, regulation.maximum)}的罚款",
        law,
        citation,
        regulation.citation,
        on,
    )


def _precedence(
    rule: str, regulation: str, law: str, citation: Citation, cited: Citation, on: date
) -> Reason:
    label = instrument(law).label
    message = (
        f"{regulation}，与{label}{citation.provision}处罚同一行为；法律的效力高于行政法规，"
        "条例第四十三条第二款规定法律对行政处罚的幅度另有规定的，依照其规定"
    )
    if on >= _ONE_FINE_FROM:
        message += "；同一个违法行为违反多个法律规范应当给予罚款处罚的，按照罚款数额高的规定处罚（《行政处罚法》第二十九条）"
    return Reason(
        rule=rule,
        message=message + f"：适用{label}",
        citation=cited,
        inputs={"law": law},
    )


def _rule_id(rule: TierRule | None) -> str | None:
    return None if rule is None else rule.instrument


def _rule_label(rule: TierRule | None) -> str:
    return "（未收录分阶次规定）" if rule is None else rule.label


def _band_text(low: Decimal, high: Decimal) -> str:
    return yuan_text(low) if low == high else f"{yuan_text(low)}至{yuan_text(high)}"


def _find(law: str, article: str) -> PenaltyProvision:
    return provision(Citation(instrument=law, provision=Provision.parse(article)))


def _grade_fine(found: PenaltyProvision, level: AccidentGrade, on: str) -> Fine:
    stage = found.stage(level.value)
    for fine in stage.fines:
        if fine.on == on:
            return fine
    raise InvalidInput("on", on, f"{found.citation}“{level.value}”情形没有对{on}的罚款")
