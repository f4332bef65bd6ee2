"""Fine tiers inside each accident grade (事故罚款阶次), under 《生产安全事故罚款处罚规定》.

The 安全生产法 sets one band per grade for the unit responsible for an accident; the
应急管理部's rule splits each band into tiers (阶次) by deaths, serious injuries (including
急性工业中毒) and direct economic loss, read like 条例第三条 ("以上" includes the number,
"以下" excludes it). Two versions are encoded (data: ``safetyrules/data/penalties/
accident-fine-tiers.toml``):

* 应急管理部令第14号, from 2024-03-01: three tiers per grade inside 2021 第一百一十四条第一款.
  Ten of the twelve tiers come from a secondary copy; 特别重大事故 tiers 2 and 3 were not seen
  (the copy breaks off) and are kept as *unverified*.
* 生产安全事故罚款处罚规定（试行）（总局令第77号, 2015年修正）, 2015-05-01 to 2024-02-29: tiers inside
  2014 第一百零九条 (一般 one tier, 较大 and 重大 two each; 特别重大 not seen, so not encoded).

Each rule serves one version of the law. **The library's choice**: a rule narrows the band only
when the case is fined under the version it serves. An accident between 2021-09-01 and
2024-02-29 is fined under the 2021 law (unless 从旧兼从轻 keeps the 2014 one) while the rule in
force is the 2015 one, written for the 2014 bands (its 一般 tier, 20万–50万, is not even inside
2021's 30万–100万): no tier applies, the statutory band stands, and the reason says so.
Published decisions of that period applied 2021 第一百一十四条 directly.

The criteria of a tier are joined by "或者"; the tier reached on any dimension counts and the
highest wins (*the library's reading*, as for the grade; flagged unverified when the dimensions
point to different tiers). Tier 1 is the floor of its grade. Loading checks that each grade's
tiers tile the law's band and that the criteria run on without gaps to the grade's upper bound.

>>> from datetime import date
>>> from safetyrules.accidents import classify
>>> m = fine_tier(classify(deaths=1, occurred_on=date(2024, 5, 1)), on=date(2024, 5, 1))
>>> m.tier.tier, m.tier.minimum, m.tier.maximum
(2, Decimal('500000'), Decimal('700000'))
"""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from safetyrules.accidents.grade import (
    AccidentClassification,
    AccidentGrade,
    Dimension,
    grade_table,
    yuan_text,
)
from safetyrules.checks import day, quantity
from safetyrules.errors import InvalidInput, RuleDataError
from safetyrules.law.band import Band, Convention
from safetyrules.law.catalogue import instrument
from safetyrules.law.citation import Citation
from safetyrules.law.confidence import Confidence
from safetyrules.law.data_files import enumerate_tables, read_toml, validated
from safetyrules.law.reason import Explanation, Reason
from safetyrules.penalties.provisions import provision

_FILE = "penalties/accident-fine-tiers.toml"
_DIMENSIONS = (Dimension.DEATHS, Dimension.SERIOUS_INJURIES, Dimension.DIRECT_ECONOMIC_LOSS)


class TierCriterion(BaseModel):
    """One criterion of a tier (阶次标准): a dimension and its interval, "以上" including and
    "以下" excluding the number; no upper bound for the top tier.

    >>> c = TierCriterion(dimension=Dimension.DEATHS, lower=5, upper=7)
    >>> c.describe(), c.contains(7)
    ('5人以上7人以下', False)
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    dimension: Dimension
    lower: Decimal
    upper: Decimal | None = None

    @field_validator("lower", "upper", mode="before")
    @classmethod
    def _exact(cls, value: object) -> object:
        return None if value is None else quantity("bound", value)

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.upper is not None and self.upper <= self.lower:
            raise ValueError("阶次标准的上限须高于下限")
        return self

    def contains(self, value: int | Decimal) -> bool:
        """Whether a value falls in the interval (是否落入该阶次标准)."""
        return value >= self.lower and (self.upper is None or value < self.upper)

    def describe(self) -> str:
        """The interval as Chinese legal text writes it (以上含本数、以下不含本数)."""
        band = Band.between(self.lower, self.upper, None, Convention.STATUTE)
        if self.dimension is Dimension.DIRECT_ECONOMIC_LOSS:
            return band.describe(number=yuan_text)
        if self.lower == 0 and self.upper == 1:
            return "0人"
        return band.describe(number=lambda n: f"{n}人")


class FineTier(BaseModel):
    """A tier of the unit's accident fine within a grade (罚款阶次): its criteria, the fine
    sub-range (both ends included), citation and confidence.

    >>> t = tier_rules()[0].tiers_of(AccidentGrade.LARGER)[1]
    >>> t.tier, t.minimum, t.maximum, t.criterion(Dimension.DEATHS).describe()
    (2, Decimal('1200000'), Decimal('1500000'), '5人以上7人以下')
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    instrument: str
    law: str
    grade: AccidentGrade
    tier: int = Field(ge=1)
    criteria: tuple[TierCriterion, ...]
    minimum: Decimal
    maximum: Decimal
    citation: Citation
    confidence: Confidence
    note: str = ""

    def criterion(self, dimension: Dimension) -> TierCriterion:
        """The criterion on one dimension."""
        return next(c for c in self.criteria if c.dimension is dimension)

    def text(self) -> str:
        """The tier in one line: grade, number, criteria and fine."""
        criteria = "，或者".join(f"{c.dimension.value}{c.describe()}" for c in self.criteria)
        return (
            f"{self.grade.value}阶次{self.tier}（{criteria}）："
            f"{yuan_text(self.minimum)}至{yuan_text(self.maximum)}"
        )


class ConcealedMaximum(BaseModel):
    """谎报、瞒报 → the band's maximum (发生事故并有谎报或者瞒报情节的，处该等级幅度上限): the
    amount for one grade under one rule.

    >>> c = tier_rules()[1].concealed_for(AccidentGrade.GENERAL)
    >>> c.amount, c.confidence.value
    (Decimal('500000'), 'secondary')
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    instrument: str
    law: str
    grade: AccidentGrade
    amount: Decimal
    citation: Citation
    confidence: Confidence
    note: str = ""


class TierRule(BaseModel):
    """One version of the tier rule (分阶次规定): the instrument, the version of the law whose
    bands it splits, its tiers and its 谎报/瞒报 amounts.

    >>> r = tier_rules()[0]
    >>> r.instrument, r.law, len(r.tiers)
    ('accident-fine-provisions-2024', 'work-safety-law-2021', 12)
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    instrument: str
    law: str
    law_citation: Citation
    confidence: Confidence
    sources: tuple[str, ...] = ()
    note: str = ""
    tiers: tuple[FineTier, ...]
    concealed: tuple[ConcealedMaximum, ...] = ()

    @property
    def label(self) -> str:
        """The instrument's title with its edition or number."""
        return instrument(self.instrument).label

    def in_force(self, on: date) -> bool:
        """Whether the rule is in force on a date (某日是否施行)."""
        return instrument(self.instrument).in_force(on)

    def tiers_of(self, grade: AccidentGrade) -> tuple[FineTier, ...]:
        """The tiers of one grade, lowest first (empty when the grade's tiers are not encoded)."""
        return tuple(t for t in self.tiers if t.grade is grade)

    def concealed_for(self, grade: AccidentGrade) -> ConcealedMaximum | None:
        """The 谎报/瞒报 amount for a grade, or None when not encoded."""
        return next((c for c in self.concealed if c.grade is grade), None)


class TierMatch(BaseModel):
    """The tier an accident falls in (罚款阶次认定), or None with the reason why no tier applies.

    >>> from safetyrules.accidents import classify
    >>> m = fine_tier(classify(deaths=1), on=date(2023, 1, 1), law="work-safety-law-2021")
    >>> m.tier is None, m.rule.instrument
    (True, 'accident-fine-provisions-2015')
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    rule: TierRule | None
    tier: FineTier | None
    explanation: Explanation

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """The reasons, in order."""
        return self.explanation.reasons


def tier_rules() -> tuple[TierRule, ...]:
    """Every encoded version of the tier rule, newest first (全部分阶次规定).

    >>> [r.instrument for r in tier_rules()]
    ['accident-fine-provisions-2024', 'accident-fine-provisions-2015']
    """
    return _rules()


def tier_rule_on(on: date) -> TierRule | None:
    """The tier rule in force on a date (某日施行的分阶次规定); None before 2015-05-01.

    >>> tier_rule_on(date(2024, 2, 29)).instrument, tier_rule_on(date(2024, 3, 1)).instrument
    ('accident-fine-provisions-2015', 'accident-fine-provisions-2024')
    >>> tier_rule_on(date(2015, 4, 30)) is None
    True
    """
    on = day("on", on)
    return next((r for r in _rules() if r.in_force(on)), None)


def fine_tier(
    classification: AccidentClassification, *, on: date, law: str | None = None
) -> TierMatch:
    """The tier of the unit's fine for a graded accident (认定罚款阶次), under the rule in force
    on ``on``.

    ``law`` is the version of the 安全生产法 the fine is imposed under (default: the version the
    rule serves); a rule written for another version gives no tier. Deaths are the graded deaths
    (missing persons included when the grading counted them).

    >>> from safetyrules.accidents import classify
    >>> m = fine_tier(classify(serious_injuries=3, direct_economic_loss=2990000), on=date(2024, 3, 1))
    >>> m.tier.tier, m.explanation.unverified
    (2, True)
    """
    on = day("on", on)
    rule = tier_rule_on(on)
    grade = classification.grade
    if rule is None:
        reason = Reason(
            rule="penalties.accident.tier.none",
            message=f"{on}没有收录施行的事故罚款分阶次规定，不按阶次收窄，适用法定幅度",
            inputs={"on": on},
        )
        return TierMatch(rule=None, tier=None, explanation=Explanation(reasons=(reason,)))
    if law is not None and law != rule.law:
        reason = Reason(
            rule="penalties.accident.tier.other_law",
            message=(
                f"{on}施行的{rule.label}按{rule.law_citation}的幅度分阶次，本案适用"
                f"{instrument(law).label}，不按该规定的阶次收窄，适用法定幅度"
                "（本库的选择；2021年9月1日至2024年2月29日的公开处罚案例直接适用2021年"
                "《安全生产法》第一百一十四条）"
            ),
            citation=Citation(instrument=rule.instrument),
            inputs={"law": law},
            confidence=Confidence.SECONDARY,
        )
        return TierMatch(rule=rule, tier=None, explanation=Explanation(reasons=(reason,)))
    tiers = rule.tiers_of(grade)
    if not tiers:
        reason = Reason(
            rule="penalties.accident.tier.not_encoded",
            message=f"{rule.label}关于{grade.value}的阶次未见原文，本库未收录，适用法定幅度",
            citation=Citation(instrument=rule.instrument),
            confidence=rule.confidence,
        )
        return TierMatch(rule=rule, tier=None, explanation=Explanation(reasons=(reason,)))

    values: dict[Dimension, int | Decimal] = {
        Dimension.DEATHS: classification.graded_deaths,
        Dimension.SERIOUS_INJURIES: classification.serious_injuries,
        Dimension.DIRECT_ECONOMIC_LOSS: classification.direct_economic_loss,
    }
    reached: dict[Dimension, FineTier] = {}
    parts = []
    for dimension, value in values.items():
        top = tiers[-1].criterion(dimension)
        if top.upper is not None and value >= top.upper:
            raise InvalidInput(
                "classification", value, f"{dimension.value}超出{grade.value}的范围，定级有误"
            )
        hit = [t for t in tiers if value >= t.criterion(dimension).lower]
        tier = hit[-1] if hit else tiers[0]
        reached[dimension] = tier
        shown = yuan_text(Decimal(value)) if dimension.unit == "元" else f"{value}人"
        criterion = tier.criterion(dimension)
        where = (
            f"在阶次{tier.tier}的{criterion.describe()}范围内"
            if criterion.contains(value)
            else f"未达到任一阶次的该项标准（阶次1为{criterion.describe()}），按最低阶次计"
        )
        parts.append(f"{dimension.value}{shown}，{where}")
    chosen = max(reached.values(), key=lambda t: t.tier)
    disagree = len({t.tier for t in reached.values()}) > 1
    grading = [r for r in classification.explanation.reasons if r.rule == "accident.grade.missing"]
    confidence = Confidence.weakest(
        [chosen.confidence, *(r.confidence for r in grading)]
        + ([Confidence.UNVERIFIED] if disagree else [])
    )
    each = Reason(
        rule="penalties.accident.tier.dimensions",
        message="；".join(parts),
        citation=chosen.citation,
        inputs={d.key: v for d, v in values.items()},
        confidence=Confidence.weakest([t.confidence for t in reached.values()]),
    )
    message = (
        f"三项标准以“或者”连接，取达到的最高阶次：{grade.value}阶次{chosen.tier}，"
        f"处{yuan_text(chosen.minimum)}以上{yuan_text(chosen.maximum)}以下的罚款"
        f"（{rule.label}，细化{rule.law_citation}）"
    )
    if disagree:
        message += "（本库的读法：各项标准指向不同阶次时取最高者，条文未明文规定）"
    if grading:
        message += "（死亡人数含失踪人数，同定级）"
    joined = Reason(
        rule="penalties.accident.tier",
        message=message,
        citation=chosen.citation,
        inputs={"tier": chosen.tier},
        confidence=confidence,
    )
    return TierMatch(rule=rule, tier=chosen, explanation=Explanation(reasons=(each, joined)))


# --- data -------------------------------------------------------------------------------------


class _Interval(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    lower: Decimal = Field(alias="from")
    upper: Decimal | None = Field(default=None, alias="below")

    @field_validator("lower", "upper", mode="before")
    @classmethod
    def _exact(cls, value: object) -> object:
        return None if value is None else quantity("bound", value)


class _TierEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    grade: AccidentGrade
    tier: int = Field(ge=1)
    provision: str | None = None
    deaths: _Interval
    serious_injuries: _Interval
    direct_economic_loss: _Interval
    minimum: Decimal = Field(alias="min")
    maximum: Decimal = Field(alias="max")
    confidence: Confidence
    note: str = ""

    @field_validator("minimum", "maximum", mode="before")
    @classmethod
    def _exact(cls, value: object) -> object:
        return quantity("amount", value)


class _ConcealedEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    grade: AccidentGrade
    amount: Decimal
    provision: str | None = None
    confidence: Confidence
    note: str = ""

    @field_validator("amount", mode="before")
    @classmethod
    def _exact(cls, value: object) -> object:
        return quantity("amount", value)


class _RuleEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    instrument: str
    law: str
    law_provision: str
    confidence: Confidence
    sources: list[str] = []
    note: str = ""
    tier: list[dict[str, Any]] = Field(min_length=1)
    concealed: list[dict[str, Any]] = []


@cache
def _rules() -> tuple[TierRule, ...]:
    file, document = read_toml(_FILE)
    rules = []
    for index, raw in enumerate_tables(document, "rule", file):
        key = f"rule[{index}]"
        entry = validated(_RuleEntry, raw, file, key)
        tiers = []
        for n, item in enumerate(entry.tier):
            t = validated(_TierEntry, item, file, f"{key}.tier[{n}]")
            criteria = tuple(
                TierCriterion(dimension=d, lower=i.lower, upper=i.upper)
                for d, i in zip(
                    _DIMENSIONS, (t.deaths, t.serious_injuries, t.direct_economic_loss), strict=True
                )
            )
            tiers.append(
                FineTier(
                    instrument=entry.instrument,
                    law=entry.law,
                    grade=t.grade,
                    tier=t.tier,
                    criteria=criteria,
                    minimum=t.minimum,
                    maximum=t.maximum,
                    citation=Citation(instrument=entry.instrument, provision=t.provision),
                    confidence=t.confidence,
                    note=t.note,
                )
            )
        concealed = []
        for n, item in enumerate(entry.concealed):
            c = validated(_ConcealedEntry, item, file, f"{key}.concealed[{n}]")
            concealed.append(
                ConcealedMaximum(
                    instrument=entry.instrument,
                    law=entry.law,
                    grade=c.grade,
                    amount=c.amount,
                    citation=Citation(instrument=entry.instrument, provision=c.provision),
                    confidence=c.confidence,
                    note=c.note,
                )
            )
        rule = TierRule(
            instrument=entry.instrument,
            law=entry.law,
            law_citation=Citation(instrument=entry.law, provision=entry.law_provision),
            confidence=entry.confidence,
            sources=tuple(entry.sources),
            note=entry.note,
            tiers=tuple(tiers),
            concealed=tuple(concealed),
        )
        _check(rule, file, key)
        rules.append(rule)
    return tuple(sorted(rules, key=lambda r: instrument(r.instrument).effective_from, reverse=True))


def statutory_band(law: str, grade: AccidentGrade) -> tuple[Decimal, Decimal]:
    """The unit's band for a grade under a version of the law (法定幅度), as the tier data are
    checked against: 2021 第一百一十四条第一款 or 2014 第一百零九条.

    >>> statutory_band("work-safety-law-2014", AccidentGrade.MAJOR)
    (Decimal('1000000'), Decimal('5000000'))
    """
    article = {"work-safety-law-2021": "第一百一十四条", "work-safety-law-2014": "第一百零九条"}
    if law not in article:
        raise InvalidInput("law", law, "没有收录该版本的事故罚款条款")
    found = provision(Citation(instrument=law, provision=article[law]))
    fine = next(f for f in found.stage(grade.value).fines if f.on == "生产经营单位")
    assert fine.maximum is not None
    return fine.minimum or Decimal(0), fine.maximum


def _check(rule: TierRule, file: str, key: str) -> None:
    for grade in AccidentGrade:
        tiers = rule.tiers_of(grade)
        where = f"{key}.tier[grade={grade.value}]"
        if not tiers:
            continue
        if [t.tier for t in tiers] != list(range(1, len(tiers) + 1)):
            raise RuleDataError(file, where, "阶次须自1起连续编号、按序排列")
        low, high = statutory_band(rule.law, grade)
        joined = all(a.maximum == b.minimum for a, b in itertools.pairwise(tiers))
        if tiers[0].minimum != low or tiers[-1].maximum != high or not joined:
            ranges = "、".join(f"{t.minimum}—{t.maximum}" for t in tiers)
            raise RuleDataError(
                file, where, f"阶次罚款（{ranges}）未首尾相接地铺满法定幅度 {low}—{high}"
            )
        for dimension in _DIMENSIONS:
            grade_band = grade_table(dimension).bands[grade.rank]
            criteria = [t.criterion(dimension) for t in tiers]
            if criteria[0].lower < (grade_band.lower or 0):
                raise RuleDataError(file, where, f"{dimension.value}阶次1低于该等级的下限")
            for before, after in itertools.pairwise(criteria):
                if before.upper != after.lower:
                    raise RuleDataError(file, where, f"{dimension.value}各阶次标准未首尾相接")
            if criteria[-1].upper != grade_band.upper:
                raise RuleDataError(
                    file, where, f"{dimension.value}最高阶次的上限须等于该等级的上限"
                )
    for concealed in rule.concealed:
        if concealed.amount != statutory_band(rule.law, concealed.grade)[1]:
            raise RuleDataError(
                file,
                f"{key}.concealed[grade={concealed.grade.value}]",
                "数额须等于该等级幅度的上限",
            )
