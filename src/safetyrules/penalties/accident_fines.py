"""Fines after an accident (事故罚款): the unit's fine by grade and the 主要负责人's share of
income, under the version of the 安全生产法 that 从旧兼从轻 selects.

2021 第一百一十四条 fines the unit by grade (30万–2000万) and lets the 应急管理部门 fine 2–5 times
that amount where 情节特别严重、影响特别恶劣; 2014 第一百零九条 had lower bands (20万–1000万) and a
1000万–2000万 band for a 特别重大 accident 情节特别严重. The 主要负责人 who failed their duties
pays a share of the previous year's income (2021 第九十五条 40/60/80/100%; 2014 第九十二条
30/40/60/80%).

>>> from datetime import date
>>> from safetyrules.accidents import AccidentGrade
>>> f = accident_fine(AccidentGrade.LARGER, occurred_on=date(2022, 3, 1))
>>> f.minimum, f.maximum, f.law
(Decimal('1000000'), Decimal('2000000'), 'work-safety-law-2021')
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from safetyrules.accidents.grade import AccidentClassification, AccidentGrade, yuan_text
from safetyrules.checks import money
from safetyrules.errors import InvalidInput
from safetyrules.law.catalogue import instrument
from safetyrules.law.citation import Citation
from safetyrules.law.provision import Provision
from safetyrules.law.reason import Explanation, Reason
from safetyrules.penalties.provisions import Fine, PenaltyProvision, provision
from safetyrules.penalties.versions import lighter_version

HUNDRED = Decimal(100)

# Where each version puts the unit's accident fine and the 主要负责人's share (chapter 6).
_UNIT = {"work-safety-law-2021": "第一百一十四条", "work-safety-law-2014": "第一百零九条"}
_PRINCIPAL = {"work-safety-law-2021": "第九十五条", "work-safety-law-2014": "第九十二条"}
_AGGRAVATED = {
    "work-safety-law-2021": "情节特别严重、影响特别恶劣",
    "work-safety-law-2014": "情节特别严重",
}


class FineRange(BaseModel):
    """A statutory fine for a case (法定罚款幅度): the band in yuan, who pays, the version and
    provision applied, and why (``minimum == maximum`` for a fixed amount)."""

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


def accident_fine(
    grade: AccidentGrade | AccidentClassification,
    *,
    occurred_on: date,
    decided_on: date | None = None,
    aggravated: bool = False,
) -> FineRange:
    """The unit's fine for an accident it is responsible for (事故单位罚款).

    ``aggravated`` asks for the 情节特别严重 fine: under 2021, 2 to 5 times an amount within the
    grade's band (a reading of "按照前款罚款数额的二倍以上五倍以下": the band becomes
    [2 × minimum, 5 × maximum]); under 2014, only a 特别重大 accident has such a band.
    """
    level = grade.grade if isinstance(grade, AccidentClassification) else AccidentGrade(grade)
    chosen, choice = lighter_version(
        occurred_on,
        decided_on,
        lambda law: _unit_band(law, level, aggravated)[:2],
    )
    low, high, citation, notes = _unit_band(chosen, level, aggravated)
    reasons = [choice, *notes]
    return FineRange(
        on="生产经营单位",
        minimum=low,
        maximum=high,
        law=chosen,
        citation=citation,
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
    a share of the previous year's income (上一年年收入), fixed by grade.

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
    return FineRange(
        on="主要负责人",
        minimum=low,
        maximum=high,
        law=chosen,
        citation=found.citation,
        explanation=Explanation(reasons=(choice, reason)),
    )


def _unit_band(
    law: str, level: AccidentGrade, aggravated: bool
) -> tuple[Decimal, Decimal, Citation, list[Reason]]:
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
    if not aggravated:
        return low, high, found.citation, reasons
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
            f"{fine.multiple_max}倍以下处罚：{yuan_text(low)}至{yuan_text(high)}（本库的读法：倍数乘以前款幅度内的数额）"
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
    return low, high, found.citation, reasons


def _find(law: str, article: str) -> PenaltyProvision:
    return provision(Citation(instrument=law, provision=Provision.parse(article)))


def _grade_fine(found: PenaltyProvision, level: AccidentGrade, on: str) -> Fine:
    stage = found.stage(level.value)
    for fine in stage.fines:
        if fine.on == on:
            return fine
    raise InvalidInput("on", on, f"{found.citation}“{level.value}”情形没有对{on}的罚款")
