"""A self-assessment as an enterprise records it (自评记录): the standard, the date and the
findings, ready to score.

Only the items with deductions or 缺项 need listing when ``others_compliant`` says, in so many
words, that every other item is 符合; without it, every item needs a result. The audit reads
this from ``self_assessment.toml``.

>>> record = SelfAssessment(
...     standard="general-gbt-33000-2016", assessed_on=date(2025, 9, 15), others_compliant=True,
...     results=[{"item": "5.1.1-1", "deductions": [{"rule": "b", "count": 2}]}])
>>> record.score().score
Decimal('99.8')
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from safetyrules.scoring.grading import GradingRecord, StandardizationLevel
from safetyrules.scoring.score import GateResult, ItemResult, ScoringAssessment, score
from safetyrules.scoring.standard import ScoringStandard, load_standard


class GradingApplication(BaseModel):
    """An application for a standardization level (定级申请): the level, the date and the facts
    grading checks. Accidents may be left out of ``record`` to take them from the enterprise's
    accident history.

    >>> app = GradingApplication(applied_level=3, applied_on=date(2025, 10, 8))
    >>> app.applied_level.label, app.announced_on
    ('三级', None)
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    applied_level: StandardizationLevel = Field(description="申请等级")
    applied_on: date = Field(description="申请日期")
    announced_on: date | None = Field(default=None, description="通告日期（已定级时）")
    record: GradingRecord = Field(default_factory=GradingRecord, description="定级申请条件事实")


class SelfAssessment(BaseModel):
    """An enterprise's self-assessment against a scoring standard (安全生产标准化自评记录).

    >>> record = SelfAssessment(standard="general-gbt-33000-2016", assessed_on=date(2025, 9, 15))
    >>> record.others_compliant, record.results, record.application is None
    (False, (), True)
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    standard: str = Field(min_length=1, description="评分标准 id（内置）")
    assessed_on: date = Field(description="自评日期")
    others_compliant: bool = Field(
        default=False, description="未列出的评分项均为符合（须明确声明）"
    )
    results: tuple[ItemResult, ...] = Field(default=(), description="扣分项与缺项")
    gates: tuple[GateResult, ...] = Field(default=(), description="必备条件自评")
    application: GradingApplication | None = Field(default=None, description="定级申请")

    def scoring_standard(self) -> ScoringStandard:
        """The standard the assessment was made against (评分标准).

        >>> record = SelfAssessment(standard="general-gbt-33000-2016",
        ...                         assessed_on=date(2025, 9, 15))
        >>> record.scoring_standard().id
        'general-gbt-33000-2016'
        """
        return load_standard(self.standard)

    def score(self) -> ScoringAssessment:
        """Score the self-assessment on its own date (自评打分).

        Without ``others_compliant``, an item not listed has no result, which is an error.

        >>> record = SelfAssessment(standard="general-gbt-33000-2016",
        ...                         assessed_on=date(2025, 9, 15), others_compliant=True)
        >>> record.score().score
        Decimal('100.0')
        >>> SelfAssessment(standard="general-gbt-33000-2016", assessed_on=date(2025, 9, 15)).score()
        Traceback (most recent call last):
        ...
        safetyrules.errors.InvalidInput: results = '110 项': 这些评分项没有自评结果：...
        """
        standard = self.scoring_standard()
        results: list[ItemResult | GateResult] = [*self.results, *self.gates]
        if self.others_compliant:
            listed = {r.item for r in self.results}
            results += [ItemResult(item=i.id) for i in standard.items if i.id not in listed]
        return score(standard, results, as_of=self.assessed_on)
