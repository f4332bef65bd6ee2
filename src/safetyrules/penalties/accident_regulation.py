"""Fines under 《生产安全事故报告和调查处理条例》（国务院令第493号）第三十五条至第三十八条, and
which applies when the 安全生产法 fines the same act (条例与安全生产法的适用).

The 条例 (in force 2007-06-01, not revised) fines:

* 第三十五条: the 主要负责人 who does not organise rescue at once, reports late (迟报) or
  leaves something out (漏报), or leaves the post during the investigation: 40%–80% of the
  previous year's income;
* 第三十六条: 谎报/瞒报, faking the scene, hiding assets or evidence, refusing the investigation,
  false testimony, flight: the unit 100万–500万元, the 主要负责人 and the persons directly
  responsible 60%–100% of income;
* 第三十七条: the unit responsible for the accident, by grade: 10万–20万 / 20万–50万 / 50万–200万 /
  200万–500万元;
* 第三十八条: the 主要负责人 who failed their duties, by grade: 30% / 40% / 60% / 80% of income.

The 安全生产法 sets higher amounts for several of these acts (2021 第一百一十四条, 第九十五条,
第一百一十条; 2014 第一百零九条, 第九十二条, 第一百零六条). The law prevails: it ranks above an
administrative regulation, 条例第四十三条第二款 defers to a law that sets the 幅度 otherwise, and
《行政处罚法》（2021年修订）第二十九条 fines one act once, under the provision with the higher
fine. :func:`regulation_vs_law` returns both bands and the one applied. Texts and amounts are
data (``safetyrules/data/penalties/accident-regulation.toml``), quoted from the official text.

>>> from datetime import date
>>> from safetyrules.accidents import AccidentGrade
>>> f = regulation_fine(RegulationConduct.UNIT_RESPONSIBLE, grade=AccidentGrade.MAJOR,
...                     occurred_on=date(2023, 6, 1))
>>> f.minimum, f.maximum, str(f.citation)
(Decimal('500000'), Decimal('2000000'), '《生产安全事故报告和调查处理条例》（国务院令第493号）第三十七条')
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import Enum
from functools import cache
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from safetyrules.accidents.grade import AccidentClassification, AccidentGrade, yuan_text
from safetyrules.checks import day, money, quantity
from safetyrules.errors import InvalidInput, RuleDataError
from safetyrules.law.catalogue import instrument, require_in_force
from safetyrules.law.citation import Citation
from safetyrules.law.confidence import Confidence
from safetyrules.law.data_files import enumerate_tables, read_toml, validated
from safetyrules.law.provision import Provision
from safetyrules.law.reason import Explanation, Reason
from safetyrules.penalties.accident_fines import FineRange, accident_fine, principal_fine
from safetyrules.penalties.income_fines import income_share_fine
from safetyrules.penalties.one_fine import one_act_one_fine
from safetyrules.penalties.provisions import violation

REGULATION = "accident-reporting-regulation"
"""《生产安全事故报告和调查处理条例》（国务院令第493号）."""

_FILE = "penalties/accident-regulation.toml"
_HUNDRED = Decimal(100)
_ONE_FINE_FROM = date(2021, 7, 15)  # 《行政处罚法》（2021年修订）施行日
_UNIT = "生产经营单位"


class RegulationConduct(Enum):
    """An act the 条例 fines (条例规定的罚款行为), 第三十五条 to 第三十八条.

    >>> RegulationConduct.OMITTED_REPORT.value
    '漏报事故'
    >>> str(regulation_penalty(RegulationConduct.OMITTED_REPORT).citation.provision)
    '第三十五条第（二）项'
    """

    NO_RESCUE = "不立即组织事故抢救"
    LATE_REPORT = "迟报事故"
    OMITTED_REPORT = "漏报事故"
    LEFT_POST = "在事故调查处理期间擅离职守"
    FALSE_REPORT = "谎报事故"
    CONCEALED_REPORT = "瞒报事故"
    SCENE_FALSIFIED = "伪造或者故意破坏事故现场"
    EVIDENCE_DESTROYED = "转移、隐匿资金、财产，或者销毁有关证据、资料"
    INVESTIGATION_REFUSED = "拒绝接受调查或者拒绝提供有关情况和资料"
    FALSE_TESTIMONY = "在事故调查中作伪证或者指使他人作伪证"
    FLED = "事故发生后逃匿"
    UNIT_RESPONSIBLE = "事故发生单位对事故发生负有责任"
    PRINCIPAL_DUTIES_FAILED = "主要负责人未依法履行安全生产管理职责，导致事故发生"


class RegulationAmount(BaseModel):
    """One fine the 条例 sets for an act (条例罚款数额): on whom, for which grade (None: any),
    and a band in yuan or a share of the previous year's income (上一年年收入), both ends
    included.

    >>> a = regulation_penalty(RegulationConduct.PRINCIPAL_DUTIES_FAILED).amounts[1]
    >>> a.on, a.grade.value, a.income_percent_min
    ('主要负责人', '较大事故', Decimal('40'))
    """

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    on: str = Field(min_length=1)
    grade: AccidentGrade | None = None
    minimum: Decimal | None = Field(default=None, alias="min")
    maximum: Decimal | None = Field(default=None, alias="max")
    income_percent_min: Decimal | None = None
    income_percent_max: Decimal | None = None

    @field_validator(
        "minimum", "maximum", "income_percent_min", "income_percent_max", mode="before"
    )
    @classmethod
    def _exact(cls, value: object) -> object:
        return None if value is None else quantity("amount", value)

    @model_validator(mode="after")
    def _one_form(self) -> Self:
        amount = self.minimum is not None and self.maximum is not None
        income = self.income_percent_min is not None and self.income_percent_max is not None
        if amount == income:
            raise ValueError("罚款须且只须写成数额区间或上一年年收入比例之一")
        low, high = (
            (self.minimum, self.maximum)
            if amount
            else (self.income_percent_min, self.income_percent_max)
        )
        assert low is not None
        assert high is not None
        if low > high:
            raise ValueError("罚款下限不能高于上限")
        return self

    @property
    def by_income(self) -> bool:
        """Whether the fine is a share of the previous year's income."""
        return self.income_percent_max is not None

    def text(self) -> str:
        """The fine as the 条例 words it."""
        if self.by_income:
            low, high = self.income_percent_min, self.income_percent_max
            share = f"{low}%" if low == high else f"{low}%至{high}%"
            return f"上一年年收入{share}的罚款"
        assert self.minimum is not None
        assert self.maximum is not None
        return f"{yuan_text(self.minimum)}以上{yuan_text(self.maximum)}以下的罚款"


class RegulationPenalty(BaseModel):
    """The 条例's penalty for one act (条例罚则): citation, the article's text, the fines by
    party, and the 安全生产法 violation that fines the same act of the same party.

    >>> p = regulation_penalty(RegulationConduct.FALSE_REPORT)
    >>> p.parties
    ('生产经营单位', '主要负责人', '直接负责的主管人员和其他直接责任人员')
    >>> p.law
    {'主要负责人': 'principal-accident-report-concealed'}
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    conduct: RegulationConduct
    citation: Citation
    text: str
    amounts: tuple[RegulationAmount, ...]
    law: dict[str, str] = {}
    confidence: Confidence = Confidence.OFFICIAL
    note: str = ""

    @property
    def parties(self) -> tuple[str, ...]:
        """The parties fined, in the article's order."""
        return tuple(dict.fromkeys(a.on for a in self.amounts))

    def amount(self, party: str, grade: AccidentGrade | None = None) -> RegulationAmount:
        """The fine on one party (for a grade, where the article fines by grade)."""
        found = [a for a in self.amounts if a.on == party]
        if not found:
            raise InvalidInput(
                "party", party, f"{self.citation}不对其罚款（对象：{'、'.join(self.parties)}）"
            )
        if found[0].grade is None:
            return found[0]
        if grade is None:
            raise InvalidInput("grade", None, f"{self.citation}按事故等级处罚，须给出事故等级")
        return next(a for a in found if a.grade is grade)


class RegulationVsLaw(BaseModel):
    """The 条例's band, the 安全生产法's band for the same act, and the one applied
    (条例与安全生产法的适用). ``law`` is None when the law sets no fine for the act.

    >>> from datetime import date
    >>> r = regulation_vs_law(RegulationConduct.OMITTED_REPORT, previous_year_income=100000,
    ...                       occurred_on=date(2023, 1, 1))
    >>> r.law is None, r.applied.minimum, r.applied.maximum
    (True, Decimal('40000'), Decimal('80000'))
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    conduct: RegulationConduct
    party: str
    regulation: FineRange
    law: FineRange | None
    applied: FineRange
    explanation: Explanation

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """The reasons, in order."""
        return self.explanation.reasons


def regulation_penalty(conduct: RegulationConduct) -> RegulationPenalty:
    """The 条例's penalty for an act (条例罚则), with the article's official text.

    >>> regulation_penalty(RegulationConduct.UNIT_RESPONSIBLE).text.splitlines()[0][:12]
    '第三十七条 事故发生单位'
    """
    return _data()[RegulationConduct(conduct)]


def regulation_fine(
    conduct: RegulationConduct,
    *,
    occurred_on: date,
    party: str | None = None,
    grade: AccidentGrade | AccidentClassification | None = None,
    previous_year_income: Decimal | int | None = None,
) -> FineRange:
    """The fine the 条例 sets for an act (条例规定的罚款), in yuan.

    ``party`` (受罚对象) may be left out when the article fines one party only. ``grade`` is
    needed for 第三十七条 and 第三十八条; ``previous_year_income`` (上一年年收入) for a share of
    income. The 条例 applies from 2007-06-01.

    >>> from datetime import date
    >>> from safetyrules.accidents import AccidentGrade
    >>> f = regulation_fine(RegulationConduct.PRINCIPAL_DUTIES_FAILED, grade=AccidentGrade.MAJOR,
    ...                     previous_year_income=200000, occurred_on=date(2023, 1, 1))
    >>> f.on, f.minimum, f.maximum
    ('主要负责人', Decimal('120000'), Decimal('120000'))
    """
    occurred_on = day("occurred_on", occurred_on)
    require_in_force(REGULATION, occurred_on)
    penalty = regulation_penalty(conduct)
    if party is None:
        if len(penalty.parties) > 1:
            raise InvalidInput(
                "party",
                None,
                f"{penalty.citation}对多个对象罚款，须指明：{'、'.join(penalty.parties)}",
            )
        party = penalty.parties[0]
    level = grade.grade if isinstance(grade, AccidentClassification) else grade
    if level is not None:
        level = AccidentGrade(level)
    found = penalty.amount(party, level)
    inputs: dict[str, Any] = {"conduct": penalty.conduct.value, "party": party}
    if found.by_income:
        if previous_year_income is None:
            raise InvalidInput(
                "previous_year_income", None, "按上一年年收入比例罚款，须给出上一年年收入"
            )
        income = money("previous_year_income", previous_year_income)
        assert found.income_percent_min is not None
        assert found.income_percent_max is not None
        low = income * found.income_percent_min / _HUNDRED
        high = income * found.income_percent_max / _HUNDRED
        result = yuan_text(low) if low == high else f"{yuan_text(low)}至{yuan_text(high)}"
        amount = f"{found.text()}：{yuan_text(income)} → {result}"
        inputs["previous_year_income"] = income
    else:
        assert found.minimum is not None
        assert found.maximum is not None
        low, high = found.minimum, found.maximum
        amount = found.text()
    graded = f"发生{found.grade.value}，" if found.grade is not None else ""
    reason = Reason(
        rule=f"penalties.regulation.{penalty.conduct.name.lower()}",
        message=f"{penalty.conduct.value}：{graded}对{party}处{amount}",
        citation=penalty.citation,
        inputs=inputs,
        confidence=penalty.confidence,
    )
    return FineRange(
        on=party,
        minimum=low,
        maximum=high,
        law=REGULATION,
        citation=penalty.citation,
        explanation=Explanation(reasons=(reason,)),
    )


def regulation_vs_law(
    conduct: RegulationConduct,
    *,
    occurred_on: date,
    decided_on: date | None = None,
    party: str | None = None,
    grade: AccidentGrade | AccidentClassification | None = None,
    previous_year_income: Decimal | int | None = None,
) -> RegulationVsLaw:
    """Which fine applies to an act both the 条例 and the 安全生产法 fine (条例与安全生产法的适用).

    The law's band follows 从旧兼从轻 (``decided_on``) and, for the unit's accident fine given an
    :class:`~safetyrules.accidents.AccidentClassification`, the tier rule. The law prevails as
    the higher-ranking instrument (条例第四十三条第二款 defers to it); from 2021-07-15,
    《行政处罚法》第二十九条 selects the higher fine, computed with
    :func:`~safetyrules.penalties.one_act_one_fine` (the law listed first, so equal bands keep
    the law). Where the law sets no fine for the act and party, the 条例's band applies. The law's
    penalty chapter is encoded from 2014-12-01 on; earlier dates raise
    :class:`~safetyrules.errors.NotInForce`.

    >>> from datetime import date
    >>> from safetyrules.accidents import AccidentGrade
    >>> r = regulation_vs_law(RegulationConduct.UNIT_RESPONSIBLE, grade=AccidentGrade.GENERAL,
    ...                       occurred_on=date(2023, 6, 1))
    >>> (r.regulation.minimum, r.regulation.maximum), (r.applied.minimum, r.applied.maximum)
    ((Decimal('100000'), Decimal('200000')), (Decimal('300000'), Decimal('1000000')))
    >>> r.applied.law
    'work-safety-law-2021'
    """
    occurred_on = day("occurred_on", occurred_on)
    if decided_on is not None:
        decided_on = day("decided_on", decided_on)
    penalty = regulation_penalty(conduct)
    regulation = regulation_fine(
        conduct,
        occurred_on=occurred_on,
        party=party,
        grade=grade,
        previous_year_income=previous_year_income,
    )
    party = regulation.on
    violation_id = penalty.law.get(party)
    if violation_id is None:
        reason = Reason(
            rule="penalties.regulation.no_law",
            message=f"《安全生产法》对{party}的这一行为（{penalty.conduct.value}）未规定罚款，适用条例的幅度",
            citation=penalty.citation,
            confidence=penalty.confidence,
        )
        return RegulationVsLaw(
            conduct=penalty.conduct,
            party=party,
            regulation=regulation,
            law=None,
            applied=regulation,
            explanation=Explanation(reasons=(*regulation.reasons, reason)),
        )
    law = _law_fine(violation_id, occurred_on, decided_on, grade, previous_year_income)
    label = instrument(law.law).label
    precedence = Reason(
        rule="penalties.regulation.precedence",
        message=(
            f"同一行为，{label}{law.citation.provision}规定{_band(law)}，"
            f"条例规定{_band(regulation)}。法律的效力高于行政法规；条例第四十三条第二款规定，"
            "法律、行政法规对行政处罚的种类、幅度和决定机关另有规定的，依照其规定"
        ),
        citation=Citation(instrument=REGULATION, provision="第四十三条第二款"),
        inputs={"law": law.law},
    )
    reasons = [*regulation.reasons, *law.reasons, precedence]
    on = decided_on or occurred_on
    if on >= _ONE_FINE_FROM:
        higher = one_act_one_fine([law, regulation])
        applied = law if higher.chosen == 0 else regulation
        reasons += higher.reasons
    else:
        applied = law
        reasons.append(
            Reason(
                rule="penalties.regulation.law_applies",
                message=(
                    f"《行政处罚法》（2021年修订）第二十九条自2021年7月15日起施行，{on}尚未施行；"
                    f"依条例第四十三条第二款，适用{label}的幅度"
                ),
                citation=Citation(instrument=REGULATION, provision="第四十三条第二款"),
                inputs={"on": on},
            )
        )
    return RegulationVsLaw(
        conduct=penalty.conduct,
        party=party,
        regulation=regulation,
        law=law,
        applied=applied,
        explanation=Explanation(reasons=tuple(reasons)),
    )


def _band(fine: FineRange) -> str:
    if fine.minimum == fine.maximum:
        return yuan_text(fine.maximum)
    return f"{yuan_text(fine.minimum)}至{yuan_text(fine.maximum)}"


def _law_fine(
    violation_id: str,
    occurred_on: date,
    decided_on: date | None,
    grade: AccidentGrade | AccidentClassification | None,
    previous_year_income: Decimal | int | None,
) -> FineRange:
    if violation_id == "accident-unit-responsible":
        assert grade is not None  # the 条例 fine by grade has already required it
        return accident_fine(grade, occurred_on=occurred_on, decided_on=decided_on)
    assert previous_year_income is not None  # every other counterpart is a share of income
    if violation_id == "principal-duties-accident":
        assert grade is not None
        return principal_fine(
            grade, previous_year_income, occurred_on=occurred_on, decided_on=decided_on
        )
    return income_share_fine(
        violation_id, previous_year_income, occurred_on=occurred_on, decided_on=decided_on
    )


# --- data -------------------------------------------------------------------------------------


class _Header(BaseModel):
    model_config = ConfigDict(extra="forbid")

    instrument: str
    confidence: Confidence
    sources: list[str] = []
    note: str = ""


class _Article(BaseModel):
    model_config = ConfigDict(extra="forbid")

    provision: str
    text: str = Field(min_length=1)


class _LawEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    on: str
    violation: str


class _ConductEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    provision: str
    fines: list[dict[str, Any]] = Field(min_length=1)
    law: list[_LawEntry] = []
    note: str = ""


@cache
def _data() -> dict[RegulationConduct, RegulationPenalty]:
    file, document = read_toml(_FILE)
    header = validated(_Header, document.get("regulation"), file, "regulation")
    if header.instrument != REGULATION:
        raise RuleDataError(file, "regulation.instrument", f"应为 {REGULATION}")
    texts: dict[int | None, str] = {}
    for index, raw in enumerate_tables(document, "article", file):
        article = validated(_Article, raw, file, f"article[{index}]")
        texts[Provision.parse(article.provision).article] = article.text.strip()
    found: dict[RegulationConduct, RegulationPenalty] = {}
    for index, raw in enumerate_tables(document, "conduct", file):
        key = f"conduct[{index}]"
        entry = validated(_ConductEntry, raw, file, key)
        try:
            conduct = RegulationConduct[entry.id.upper()]
        except KeyError:
            raise RuleDataError(file, f"{key}.id", f"未知的行为 {entry.id}") from None
        citation = Citation(instrument=REGULATION, provision=entry.provision)
        assert citation.provision is not None
        text = texts.get(citation.provision.article)
        if text is None:
            raise RuleDataError(file, f"{key}.provision", f"未收录{citation.provision}的条文")
        amounts = tuple(
            validated(RegulationAmount, item, file, f"{key}.fines[{n}]")
            for n, item in enumerate(entry.fines)
        )
        parties = {a.on for a in amounts}
        for party in parties:
            graded = [a.grade for a in amounts if a.on == party]
            if graded != [None] and sorted(g for g in graded if g) != sorted(AccidentGrade):
                raise RuleDataError(
                    file, f"{key}.fines", f"对{party}的罚款须不分等级或逐级列出四个等级"
                )
        for law in entry.law:
            if law.on not in parties:
                raise RuleDataError(file, f"{key}.law", f"条例不对{law.on}罚款")
            violation(law.violation)  # an unknown id raises UnknownReference
        found[conduct] = RegulationPenalty(
            conduct=conduct,
            citation=citation,
            text=text,
            amounts=amounts,
            law={law.on: law.violation for law in entry.law},
            confidence=header.confidence,
            note=entry.note,
        )
    missing = [c.name.lower() for c in RegulationConduct if c not in found]
    if missing:
        raise RuleDataError(file, "conduct", f"缺少：{'、'.join(missing)}")
    return found
