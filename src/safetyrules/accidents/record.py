"""An accident as an enterprise's history records it (事故记录), graded on demand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, StrictBool, model_validator

from safetyrules.accidents.category import AccidentCategory, accident_category
from safetyrules.accidents.grade import AccidentClassification, classify
from safetyrules.accidents.supplementary import AccidentKind
from safetyrules.errors import SafetyRulesError
from safetyrules.quantities import Headcount, Yuan


class AccidentFindings(BaseModel):
    """Whose failures the accident investigation found (事故调查认定的责任).

    The 责任追究清单 follows from them (:mod:`safetyrules.responsibility.accountability`).

    >>> AccidentFindings(principal_at_fault=True).unit_responsible
    True
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    unit_responsible: StrictBool = Field(default=True, description="事故发生单位负有责任")
    principal_at_fault: StrictBool = Field(
        default=False, description="主要负责人未履行安全生产管理职责"
    )
    others_at_fault: StrictBool = Field(
        default=False, description="其他负责人和安全生产管理人员未履行安全生产管理职责"
    )
    lacks_safety_conditions: StrictBool = Field(default=False, description="不具备安全生产条件")
    especially_serious: StrictBool = Field(
        default=False,
        description="认定情节特别严重、影响特别恶劣，按安全生产法第一百一十四条第二款加重罚款",
    )
    decided_on: date | None = Field(default=None, description="作出处理决定的日期")


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
    findings: AccidentFindings | None = Field(default=None, description="事故调查认定的责任")

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
