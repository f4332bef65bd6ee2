"""Hand-made hazards for the tests (测试用隐患记录)."""

from __future__ import annotations

from datetime import date, datetime

from safetyrules.checks import SHANGHAI
from safetyrules.hazards import Acceptance, HazardLevel, HazardRecord
from safetyrules.law.citation import Citation

# 应急管理部令第10号（2023-05-15 施行）第十一条第（三）项：干式除尘系统未采取泄爆、惰化、抑爆等
# 任一种爆炸防控措施的。
DUST_BASIS = Citation(instrument="trade-major-hazard-criteria-2023", provision="第十一条第（三）项")


def at(month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    """A moment of 2024 in Asia/Shanghai."""
    return datetime(2024, month, day, hour, minute, tzinfo=SHANGHAI)


def general(
    hazard_id: str = "YH-G", *, deadline: date | None = None, found: datetime | None = None
) -> HazardRecord:
    return HazardRecord(
        id=hazard_id,
        description="二层平台防护栏缺失",
        level=HazardLevel.GENERAL,
        source="物的危险状态",
        location="原料车间二层平台",
        found_on=found or at(3, 1, 8),
        found_by="安全管理部",
        deadline=deadline,
    )


def major(
    hazard_id: str = "YH-M", *, deadline: date | None = None, found: datetime | None = None
) -> HazardRecord:
    return HazardRecord(
        id=hazard_id,
        description="干式除尘系统未采取泄爆、惰化、抑爆等爆炸防控措施",
        level=HazardLevel.MAJOR,
        source="物的危险状态",
        location="抛光车间",
        found_on=found or at(3, 1, 8),
        found_by="安全管理部",
        major_basis=DUST_BASIS,
        deadline=deadline,
    )


PASSED = Acceptance(
    accepted_by="安全管理部",
    conclusion="整改完成，复查合格",
    evidence=("整改后照片",),
    evaluation_report="治理情况评估报告 PG-2024-007",
)
PASSED_WITHOUT_REPORT = Acceptance(accepted_by="安全管理部", conclusion="复查合格")
FAILED = Acceptance(accepted_by="安全管理部", conclusion="泄爆口面积不足", passed=False)
