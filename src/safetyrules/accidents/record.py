"""An accident as an enterprise's history records it (事故记录), graded on demand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from safetyrules.accidents.category import AccidentCategory, accident_category
from safetyrules.accidents.grade import AccidentClassification, classify
from safetyrules.accidents.supplementary import AccidentKind
from safetyrules.errors import SafetyRulesError
from safetyrules.quantities import Headcount, Yuan


class AccidentRecord(BaseModel):
    """One production-safety accident of an enterprise (生产安全事故记录).

    >>> from datetime import date
    >>> r = AccidentRecord(occurred_on=date(2024, 7, 18), summary="液氨泄漏", serious_injuries=3,
    ...                    direct_economic_loss="1260000")
    >>> r.classify().grade.value
    '一般事故'

    ``category`` is the accident category (事故类别) under the edition of GB 6441 in force on the
    accident's date: a 1986 name or code (01–20) for accidents before 2026-07-01, a GB 6441-2025
    type name from that day (the 1986 codes are then refused):

    >>> AccidentRecord(occurred_on=date(2024, 7, 18), summary="液氨泄漏",
    ...                category="19").accident_category().label
    '19 中毒和窒息'
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    occurred_on: date = Field(description="事故发生日期")
    summary: str = Field(min_length=1, description="事故简况")
    kind: AccidentKind = Field(default=AccidentKind.OTHER, description="事故类型（补报期间）")
    deaths: Headcount = Field(default=0, description="死亡人数")
    missing: Headcount = Field(default=0, description="失踪（下落不明）人数")
    serious_injuries: Headcount = Field(default=0, description="重伤人数（包括急性工业中毒）")
    direct_economic_loss: Yuan = Field(default=Decimal(0), description="直接经济损失（元）")
    category: str | None = Field(
        default=None,
        description="事故类别（GB 6441 按事故日期适用的版本：名称，或 GB 6441-1986 的两位代码）",
    )

    @model_validator(mode="after")
    def _known_category(self) -> Self:
        if self.category is not None:
            try:
                self.accident_category()
            except SafetyRulesError as error:
                # A ValueError, so that pydantic reports it against the field.
                raise ValueError(f"category: {error}") from error
        return self

    def accident_category(self) -> AccidentCategory | None:
        """The recorded category under the edition of GB 6441 in force on the accident's date."""
        if self.category is None:
            return None
        return accident_category(self.category, on=self.occurred_on)

    def classify(self) -> AccidentClassification:
        """The accident's grade under the rules in force on its date (事故等级)."""
        return classify(
            self.deaths,
            self.serious_injuries,
            self.direct_economic_loss,
            missing=self.missing,
            occurred_on=self.occurred_on,
        )
