"""A hazard as an enterprise's 隐患台账 records it (事故隐患记录), with its history.

The record is frozen: each step of the closed loop returns a new record with one more
:class:`~safetyrules.hazards.machine.Transition` (see :mod:`safetyrules.hazards.lifecycle`).
Building or loading a record replays its history, so a record read from JSON whose history
breaks the loop is refused.

>>> from datetime import date, datetime
>>> from safetyrules.checks import SHANGHAI
>>> r = HazardRecord(id="YH-2024-031", description="二层平台防护栏缺失", level="一般事故隐患",
...                  source="物的危险状态", location="原料车间二层平台",
...                  found_on=datetime(2024, 3, 1, 9, 30, tzinfo=SHANGHAI), found_by="安全管理部",
...                  deadline=date(2024, 3, 8))
>>> r.level, r.history
(<HazardLevel.GENERAL: '一般事故隐患'>, ())
>>> HazardRecord.model_validate_json(r.model_dump_json()) == r
True
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from safetyrules import checks
from safetyrules.errors import SafetyRulesError
from safetyrules.hazards.definitions import HazardLevel, HazardSource
from safetyrules.hazards.machine import Transition, _fold, _Text
from safetyrules.hazards.provisions import PROVISIONS
from safetyrules.law.catalogue import require_in_force
from safetyrules.law.citation import Citation


class HazardRecord(BaseModel):
    """One hazard and its treatment so far (事故隐患记录 / 隐患台账的一行).

    ``level`` follows 16号令第三条. A 重大事故隐患 needs ``major_basis``: the clause of the
    重大事故隐患判定标准 that makes it major (e.g. 应急管理部令第10号第四条第（一）项), in
    force on the day it was found; a 一般事故隐患 has none. ``found_on`` and every step's time
    are timezone-aware (kept in Asia/Shanghai); 16号令 must be in force on the day found
    (from 2008-02-01). ``deadline`` (整改期限) is the last day allowed for rectification, not
    before the day found. ``origin`` is free text or the id of the checklist item that found it.

    >>> from datetime import datetime
    >>> from safetyrules.checks import SHANGHAI
    >>> HazardRecord(id="YH-2024-032", description="干式除尘系统未采取泄爆、惰化、抑爆等爆炸防控措施",
    ...              level="重大事故隐患", location="抛光车间", found_by="安全管理部",
    ...              found_on=datetime(2024, 3, 2, 10, tzinfo=SHANGHAI))
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.ValidationError: 1 validation error for HazardRecord
      Value error, major_basis = None: 重大事故隐患须写明判定依据（重大事故隐患判定标准的条款）...
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: _Text = Field(description="隐患编号")
    description: _Text = Field(description="隐患描述")
    level: HazardLevel = Field(description="隐患级别")
    source: HazardSource | None = Field(default=None, description="表现形式（16号令第三条）")
    location: _Text = Field(description="隐患部位或场所")
    found_on: datetime = Field(description="发现时间（带时区）")
    found_by: _Text = Field(description="发现岗位或部门")
    major_basis: Citation | None = Field(
        default=None, description="重大事故隐患的判定依据（判定标准的条款）"
    )
    deadline: date | None = Field(default=None, description="整改期限（最后一日）")
    origin: _Text | None = Field(default=None, description="来源（排查清单条目编号或说明）")
    history: tuple[Transition, ...] = Field(default=(), description="治理记录（只增不改）")

    @field_validator("found_on")
    @classmethod
    def _aware(cls, value: datetime) -> datetime:
        return checks.aware("found_on", value)

    @field_validator("deadline", mode="before")
    @classmethod
    def _day(cls, value: Any) -> Any:
        if isinstance(value, datetime):
            return checks.day("deadline", value)
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        found = self.found_on.date()
        try:
            require_in_force(PROVISIONS, found)
        except SafetyRulesError as error:
            raise ValueError(f"found_on: {error}") from None
        if self.level is HazardLevel.MAJOR and self.major_basis is None:
            raise ValueError(
                "major_basis = None: 重大事故隐患须写明判定依据（重大事故隐患判定标准的条款）"
            )
        if self.level is HazardLevel.GENERAL and self.major_basis is not None:
            raise ValueError(
                f"major_basis = {self.major_basis}: 一般事故隐患没有重大事故隐患判定依据"
            )
        if self.major_basis is not None:
            try:
                require_in_force(self.major_basis.instrument, found)
            except SafetyRulesError as error:
                raise ValueError(f"major_basis: 发现之日判定标准不在有效期内：{error}") from None
        if self.deadline is not None and self.deadline < found:
            raise ValueError(
                f"deadline = {self.deadline.isoformat()}: 整改期限早于发现日期 {found.isoformat()}"
            )
        _fold(self.history, self.level, self.found_on)
        return self
