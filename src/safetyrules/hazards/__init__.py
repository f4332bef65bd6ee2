"""Accident hazards (事故隐患): grading, the closed loop of treatment, reports and the ledger.

Rules of 《安全生产事故隐患排查治理暂行规定》（原国家安全生产监督管理总局令第16号） and
《中华人民共和国安全生产法》（2021年修正）第四十一条: a hazard is 一般 or 重大 (第三条); it is
found, recorded, rectified, accepted and closed — 排查、登记、整治、监督（验收）、销号 — with
every step recorded (如实记录); a 重大事故隐患 is reported with a 治理方案, may be listed for
supervision (挂牌督办), and is closed only after a passed acceptance. Every provision is read
from ``safetyrules/data/hazards/provisions.toml`` with its citation and confidence.

>>> from datetime import date, datetime
>>> r = HazardRecord(id="YH-2024-031", description="二层平台防护栏缺失", level="一般事故隐患",
...                  source="物的危险状态", location="原料车间二层平台", deadline=date(2024, 3, 8),
...                  found_on=datetime(2024, 3, 1, 9, 30, tzinfo=SHANGHAI), found_by="安全管理部")
>>> r = register(r, datetime(2024, 3, 1, 11, tzinfo=SHANGHAI), "安全管理部")
>>> r = start_rectification(r, datetime(2024, 3, 2, 8, tzinfo=SHANGHAI), "车间主任")
>>> status(r).value, is_overdue(r, date(2024, 3, 9)), days_overdue(r, date(2024, 3, 9))
('整治', True, 1)
>>> HazardLedger(records=[r]).rectification_rate()
Decimal('0.0')
"""

from safetyrules.checks import SHANGHAI
from safetyrules.hazards.definitions import HazardLevel, HazardSource, hazard_definition
from safetyrules.hazards.ledger import HazardLedger, LedgerCounts, LedgerRow
from safetyrules.hazards.lifecycle import (
    accept,
    close,
    explain,
    list_for_supervision,
    next_statuses,
    register,
    reject,
    start_rectification,
    status,
    transition,
)
from safetyrules.hazards.machine import Acceptance, HazardStatus, Transition, replay
from safetyrules.hazards.overdue import days_overdue, is_overdue
from safetyrules.hazards.provisions import (
    HazardProvision,
    ProvisionKind,
    hazard_provision,
    hazard_provisions,
    read_hazard_provisions,
)
from safetyrules.hazards.record import HazardRecord
from safetyrules.hazards.report import (
    MajorHazardReport,
    RectificationPlan,
    check_report,
    missing_parts,
)
from safetyrules.hazards.reporting import ReportingDue, StatisticsPeriod, reporting_due

__all__ = [
    "SHANGHAI",
    "Acceptance",
    "HazardLedger",
    "HazardLevel",
    "HazardProvision",
    "HazardRecord",
    "HazardSource",
    "HazardStatus",
    "LedgerCounts",
    "LedgerRow",
    "MajorHazardReport",
    "ProvisionKind",
    "RectificationPlan",
    "ReportingDue",
    "StatisticsPeriod",
    "Transition",
    "accept",
    "check_report",
    "close",
    "days_overdue",
    "explain",
    "hazard_definition",
    "hazard_provision",
    "hazard_provisions",
    "is_overdue",
    "list_for_supervision",
    "missing_parts",
    "next_statuses",
    "read_hazard_provisions",
    "register",
    "reject",
    "replay",
    "reporting_due",
    "start_rectification",
    "status",
    "transition",
]
