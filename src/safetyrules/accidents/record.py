"""An accident as an enterprise's history records it (事故记录), graded on demand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field

from safetyrules.accidents.grade import AccidentClassification, classify
from safetyrules.accidents.supplementary import AccidentKind
from safetyrules.quantities import Headcount, Yuan


class AccidentRecord(BaseModel):
    """One production-safety accident of an enterprise (生产安全事故记录).

    >>> from datetime import date
    >>> r = AccidentRecord(occurred_on=date(2024, 7, 18), summary="液氨泄漏", serious_injuries=3,
    ...                    direct_economic_loss="1260000")
    >>> r.classify().grade.value
    '一般事故'
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    occurred_on: date = Field(description="事故发生日期")
    summary: str = Field(min_length=1, description="事故简况")
    kind: AccidentKind = Field(default=AccidentKind.OTHER, description="事故类型（补报期间）")
    deaths: Headcount = Field(default=0, description="死亡人数")
    missing: Headcount = Field(default=0, description="失踪（下落不明）人数")
    serious_injuries: Headcount = Field(default=0, description="重伤人数（包括急性工业中毒）")
    direct_economic_loss: Yuan = Field(default=Decimal(0), description="直接经济损失（元）")

    def classify(self) -> AccidentClassification:
        """The accident's grade under the rules in force on its date (事故等级)."""
        return classify(
            self.deaths,
            self.serious_injuries,
            self.direct_economic_loss,
            missing=self.missing,
            occurred_on=self.occurred_on,
        )
