"""The audit's hazard-ledger section (隐患排查治理台账): where the enterprise's own hazards stand
on the audit date — how many, how many closed (整改率), which are overdue, which 重大事故隐患
are still open.

The counts rest on 《中华人民共和国安全生产法》（2021年修正）第四十一条第二款 (事故隐患排查治理情况
应当如实记录); an open 重大事故隐患 on its third sentence (重大事故隐患排查治理情况应当及时
……报告). Overdue means past the ledger's own 整改期限 and not 销号 (see
:mod:`safetyrules.hazards.overdue`).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from safetyrules.hazards.definitions import HazardLevel
from safetyrules.hazards.ledger import HazardLedger, LedgerCounts, LedgerRow
from safetyrules.hazards.machine import HazardStatus
from safetyrules.hazards.provisions import hazard_provision
from safetyrules.law.reason import Explanation, Reason
from safetyrules.responsibility.rows import Column


class LedgerSection(BaseModel):
    """The hazard ledger on the audit date (隐患排查治理台账情况).

    ``rows`` are the hazards found on or before the date, 重大事故隐患 first, then by time
    found; ``overdue`` those past their 整改期限 and not closed, most days first.

    >>> from safetyrules.audit import audit, demo_inputs
    >>> s = audit(demo_inputs(), date(2026, 11, 29)).hazard_ledger
    >>> s.counts.total, s.rate, [r.id for r in s.overdue]
    (6, Decimal('50.0'), ['YH-2026-041'])
    """

    model_config = ConfigDict(frozen=True)

    counts: LedgerCounts
    rate: Decimal | None
    major_rate: Decimal | None
    rows: tuple[LedgerRow, ...]
    overdue: tuple[LedgerRow, ...]
    open_majors: tuple[LedgerRow, ...]
    explanation: Explanation

    @classmethod
    def of(cls, ledger: HazardLedger, as_of: date) -> LedgerSection:
        """The ledger's state on ``as_of`` (台账统计).

        >>> from safetyrules.audit import demo_inputs
        >>> s = LedgerSection.of(demo_inputs().hazard_ledger, date(2026, 11, 29))
        >>> [r.id for r in s.open_majors]
        ['YH-2026-043']
        """
        log = ledger.log(as_of)
        rows = tuple(sorted(log, key=lambda r: r.level is not HazardLevel.MAJOR))
        # The ledger's own definition and order of overdue (most days first), as log rows.
        by_id = {r.id: r for r in log}
        overdue = tuple(by_id[r.id] for r in ledger.overdue(as_of))
        open_majors = tuple(
            r for r in rows if r.level is HazardLevel.MAJOR and r.status is not HazardStatus.CLOSED
        )
        counts = ledger.counts(as_of)
        rate = ledger.rectification_rate(as_of)
        return cls(
            counts=counts,
            rate=rate,
            major_rate=ledger.rectification_rate(as_of, HazardLevel.MAJOR),
            rows=rows,
            overdue=overdue,
            open_majors=open_majors,
            explanation=Explanation(
                reasons=(
                    _count_reason(counts, rate, as_of),
                    *(_overdue_reason(r) for r in overdue),
                    *(_open_major_reason(r) for r in open_majors),
                )
            ),
        )

    def summary(self) -> str:
        """The section in one sentence (台账概况).

        >>> from safetyrules.audit import audit, demo_inputs
        >>> print(audit(demo_inputs(), date(2026, 11, 29)).hazard_ledger.summary())
        台账隐患 6 项（重大事故隐患 2 项），已销号 3 项，整改率 50.0%；逾期未销号 1 项；未销号的重大事故隐患 1 项。
        """
        c = self.counts
        rate = "无" if self.rate is None else f"{self.rate}%"
        return (
            f"台账隐患 {c.total} 项（重大事故隐患 {c.by_level[HazardLevel.MAJOR]} 项），"
            f"已销号 {c.by_status[HazardStatus.CLOSED]} 项，整改率 {rate}；"
            f"逾期未销号 {len(self.overdue)} 项；未销号的重大事故隐患 {len(self.open_majors)} 项。"
        )

    def table_rows(self) -> list[dict[str, object]]:
        """The ledger's rows keyed by :data:`LEDGER_COLUMNS` keys (台账行).

        >>> from safetyrules.audit import audit, demo_inputs
        >>> row = audit(demo_inputs(), date(2026, 11, 29)).hazard_ledger.table_rows()[0]
        >>> row["level"], row["status"]
        ('重大事故隐患', '销号')
        """
        return [
            {
                "id": r.id,
                "level": r.level.value,
                "location": r.location,
                "description": r.description,
                "found_on": r.found_on.date().isoformat(),
                "deadline": "" if r.deadline is None else r.deadline.isoformat(),
                "status": r.status.value,
                "days_overdue": r.days_overdue or "",
                "last_actor": r.last_actor,
            }
            for r in self.rows
        ]


LEDGER_COLUMNS = (
    Column("id", "隐患编号", "hazard_id"),
    Column("level", "隐患等级", "level"),
    Column("location", "隐患部位", "location"),
    Column("description", "隐患描述", "description"),
    Column("found_on", "发现日期", "found_on"),
    Column("deadline", "整改期限", "deadline"),
    Column("status", "治理状态", "status"),
    Column("days_overdue", "逾期天数", "days_overdue"),
    Column("last_actor", "最近经办", "last_actor"),
)
"""The columns of the ledger's table in every report format (隐患台账)."""


def _count_reason(counts: LedgerCounts, rate: Decimal | None, as_of: date) -> Reason:
    closed = counts.by_status[HazardStatus.CLOSED]
    shown = "无隐患，不计算整改率" if rate is None else f"整改率 {closed}/{counts.total} = {rate}%"
    return HazardStatus.REGISTERED.basis.reason(
        f"截至 {as_of.isoformat()}，台账记录隐患 {counts.total} 项，已销号 {closed} 项，{shown}",
        rule="audit.hazard-ledger.counts",
    )


def _overdue_reason(row: LedgerRow) -> Reason:
    deadline = "" if row.deadline is None else row.deadline.isoformat()
    return HazardStatus.RECTIFYING.basis.reason(
        f"{row.id}（{row.level.value}，{row.description}）整改期限 {deadline}，"
        f"逾期 {row.days_overdue} 天仍未销号（现为“{row.status.value}”）",
        rule="audit.hazard-ledger.overdue",
    )


def _open_major_reason(row: LedgerRow) -> Reason:
    return hazard_provision("major.report").reason(
        f"重大事故隐患 {row.id}（{row.description}）尚未销号（现为“{row.status.value}”）："
        "其排查治理情况应当及时向负有安全生产监督管理职责的部门和职工大会或者职工代表大会报告",
        rule="audit.hazard-ledger.open-major",
    )
