"""The hazard ledger (隐患排查治理台账): many records, counted, checked for overdue, logged.

What counts, "as of" a day ``on`` (Asia/Shanghai):

- a hazard is on the ledger from the day it was found (``found_on`` on or before ``on``);
- its status is the one its history gives at the end of ``on`` (steps after ``on`` ignored);
- the rectification rate (整改率) is 销号 ÷ all hazards on the ledger × 100, as a percentage
  with one decimal, rounded half up; a hazard accepted (验收) but not yet 销号 is not counted
  as rectified. ``level`` restricts both counts to 重大 or 一般. An empty selection has no
  rate (None). With ``on=None`` every record and every step counts.

>>> from datetime import date
>>> ledger = HazardLedger(records=[_example(i) for i in range(7)])
>>> ledger.rectification_rate()
Decimal('42.9')
>>> ledger.counts().by_status[HazardStatus.CLOSED]
3
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from safetyrules import checks
from safetyrules.errors import InvalidInput
from safetyrules.hazards.definitions import HazardLevel
from safetyrules.hazards.lifecycle import status
from safetyrules.hazards.machine import HazardStatus
from safetyrules.hazards.overdue import days_overdue
from safetyrules.hazards.record import HazardRecord

HUNDRED = Decimal(100)
ONE_DECIMAL = Decimal("0.1")


class LedgerCounts(BaseModel):
    """How many hazards, by level and by status (隐患数量统计); every member is listed, zeros too.

    >>> c = HazardLedger(records=[_example(0)]).counts()
    >>> c.total, c.by_level[HazardLevel.GENERAL], c.by_status[HazardStatus.CLOSED]
    (1, 1, 1)
    """

    model_config = ConfigDict(frozen=True)

    total: int = Field(description="隐患总数")
    by_level: dict[HazardLevel, int] = Field(description="按级别")
    by_status: dict[HazardStatus, int] = Field(description="按状态")
    by_level_and_status: dict[HazardLevel, dict[HazardStatus, int]] = Field(
        description="按级别和状态"
    )


class LedgerRow(BaseModel):
    """One row of a 隐患排查治理 log (隐患排查治理记录表的一行).

    ``days_overdue`` is 0 unless the hazard is overdue on the day of the log; ``last_actor`` is
    the post or department of the latest step (the finder if there is none yet).

    >>> from datetime import date
    >>> row = HazardLedger(records=[_example(6)]).log(date(2024, 3, 20))[0]
    >>> row.status.value, row.days_overdue, row.last_actor
    ('排查发现', 12, '安全管理部')
    """

    model_config = ConfigDict(frozen=True)

    id: str = Field(description="隐患编号")
    description: str = Field(description="隐患描述")
    level: HazardLevel = Field(description="隐患级别")
    location: str = Field(description="隐患部位")
    found_on: datetime = Field(description="发现时间")
    deadline: date | None = Field(description="整改期限")
    status: HazardStatus = Field(description="治理状态")
    days_overdue: int = Field(description="逾期天数")
    last_actor: str = Field(description="最近经办岗位或部门")


class HazardLedger(BaseModel):
    """An enterprise's hazards (隐患排查治理台账); ids are unique.

    >>> HazardLedger(records=[_example(0), _example(0)])
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.ValidationError: 1 validation error for HazardLedger
      Value error, records: 隐患编号重复：YH-0 ...
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    records: tuple[HazardRecord, ...] = Field(default=(), description="隐患记录")

    @model_validator(mode="after")
    def _unique(self) -> Self:
        counts = Counter(r.id for r in self.records)
        repeated = sorted(i for i, n in counts.items() if n > 1)
        if repeated:
            raise ValueError(f"records: 隐患编号重复：{'、'.join(repeated)}")
        return self

    def __iter__(self) -> Iterator[HazardRecord]:  # type: ignore[override]
        return iter(self.records)

    def __len__(self) -> int:
        return len(self.records)

    def on_ledger(self, on: date | None = None) -> tuple[HazardRecord, ...]:
        """The hazards found on or before ``on`` (截至某日的隐患); all with ``on=None``.

        >>> from datetime import date
        >>> len(HazardLedger(records=[_example(i) for i in range(7)]).on_ledger(date(2024, 3, 1)))
        7
        """
        if on is None:
            return self.records
        day = checks.day("on", on)
        return tuple(r for r in self.records if r.found_on.date() <= day)

    def counts(self, on: date | None = None) -> LedgerCounts:
        """Hazards by level and by status, as of ``on`` (隐患数量统计).

        >>> from datetime import date
        >>> c = HazardLedger(records=[_example(i) for i in range(7)]).counts(date(2024, 3, 5))
        >>> c.by_status[HazardStatus.CLOSED], c.by_status[HazardStatus.RECTIFYING]
        (1, 4)
        """
        by_level = dict.fromkeys(HazardLevel, 0)
        by_status = dict.fromkeys(HazardStatus, 0)
        matrix = {level: dict.fromkeys(HazardStatus, 0) for level in HazardLevel}
        records = self.on_ledger(on)
        for record in records:
            current = status(record, on)
            by_level[record.level] += 1
            by_status[current] += 1
            matrix[record.level][current] += 1
        return LedgerCounts(
            total=len(records), by_level=by_level, by_status=by_status, by_level_and_status=matrix
        )

    def overdue(self, on: date) -> tuple[HazardRecord, ...]:
        """The hazards overdue on ``on`` (逾期未整改的隐患), most days overdue first.

        >>> from datetime import date
        >>> [r.id for r in HazardLedger(records=[_example(i) for i in range(7)]).overdue(date(2024, 3, 20))]
        ['YH-6', 'YH-5']
        """
        day = checks.day("on", on)
        late = [(days_overdue(r, day), r) for r in self.on_ledger(day)]
        late = [(days, r) for days, r in late if days > 0]
        return tuple(r for _, r in sorted(late, key=lambda item: (-item[0], item[1].id)))

    def rectification_rate(
        self, on: date | None = None, level: HazardLevel | None = None
    ) -> Decimal | None:
        """销号 ÷ all hazards × 100, one decimal, half up (隐患整改率); None if there are none.

        >>> from datetime import date
        >>> ledger = HazardLedger(records=[_example(i) for i in range(7)])
        >>> ledger.rectification_rate(level=HazardLevel.MAJOR), ledger.rectification_rate(date(2024, 3, 5))
        (Decimal('50.0'), Decimal('14.3'))
        """
        if level is not None and not isinstance(level, HazardLevel):
            raise InvalidInput("level", level, "必须是 HazardLevel 或 None")
        records = [r for r in self.on_ledger(on) if level is None or r.level is level]
        if not records:
            return None
        closed = sum(1 for r in records if status(r, on) is HazardStatus.CLOSED)
        return (Decimal(closed) * HUNDRED / Decimal(len(records))).quantize(
            ONE_DECIMAL, rounding=ROUND_HALF_UP
        )

    def major(self) -> tuple[HazardRecord, ...]:
        """The 重大事故隐患 on the ledger (重大事故隐患清单), in ledger order.

        >>> [r.id for r in HazardLedger(records=[_example(i) for i in range(7)]).major()]
        ['YH-3', 'YH-4']
        """
        return tuple(r for r in self.records if r.level is HazardLevel.MAJOR)

    def log(self, on: date) -> tuple[LedgerRow, ...]:
        """The rows of a 隐患排查治理 log as of ``on`` (隐患排查治理记录), by time found, then id.

        >>> from datetime import date
        >>> rows = HazardLedger(records=[_example(i) for i in range(7)]).log(date(2024, 3, 20))
        >>> [(r.id, r.status.value, r.days_overdue) for r in rows][:3]
        [('YH-0', '销号', 0), ('YH-1', '销号', 0), ('YH-2', '整治', 0)]
        """
        day = checks.day("on", on)
        rows = []
        for record in sorted(self.on_ledger(day), key=lambda r: (r.found_on, r.id)):
            done = [step for step in record.history if step.at.date() <= day]
            rows.append(
                LedgerRow(
                    id=record.id,
                    description=record.description,
                    level=record.level,
                    location=record.location,
                    found_on=record.found_on,
                    deadline=record.deadline,
                    status=status(record, day),
                    days_overdue=days_overdue(record, day),
                    last_actor=done[-1].actor if done else record.found_by,
                )
            )
        return tuple(rows)


def _example(n: int) -> HazardRecord:
    """Seven hazards for the examples, found on 2024-03-01 (YH-0 … YH-6).

    YH-0, YH-1: 一般, closed (3-02 straight from 整治; 3-10 after 验收). YH-2: 一般, 整治 since
    3-02, deadline 3-31. YH-3: 重大, closed 3-15 after 验收 with an evaluation report. YH-4: 重大,
    挂牌督办 then 整治, deadline 6-30. YH-5: 一般, 登记 on 3-02, deadline 3-15. YH-6: 一般,
    nothing done, deadline 3-08.
    """
    from safetyrules.hazards.lifecycle import (
        accept,
        close,
        list_for_supervision,
        register,
        start_rectification,
    )
    from safetyrules.hazards.machine import Acceptance
    from safetyrules.law.citation import Citation

    def at(day: int, hour: int = 9) -> datetime:
        return datetime(2024, 3, day, hour, tzinfo=checks.SHANGHAI)

    major = n in (3, 4)
    deadlines = {2: date(2024, 3, 31), 4: date(2024, 6, 30), 5: date(2024, 3, 15)}
    record = HazardRecord(
        id=f"YH-{n}",
        description="干式除尘系统未采取泄爆、惰化、抑爆等爆炸防控措施" if major else "防护栏缺失",
        level=HazardLevel.MAJOR if major else HazardLevel.GENERAL,
        location=f"{n + 1}号车间",
        found_on=at(1, 8),
        found_by="安全管理部",
        major_basis=Citation(
            instrument="trade-major-hazard-criteria-2023", provision="第十一条第（三）项"
        )
        if major
        else None,
        deadline=deadlines.get(n, date(2024, 3, 8)),
    )
    passed = Acceptance(accepted_by="安全管理部", conclusion="合格", evaluation_report="PG-1")
    if n == 0:
        record = start_rectification(record, at(1, 10), "车间主任")
        record = close(record, at(2), "车间主任")
    elif n == 1:
        record = register(record, at(2), "安全管理部")
        record = start_rectification(record, at(3), "车间主任")
        record = accept(record, at(10), "安全管理部", passed)
        record = close(record, at(10, 10), "安全管理部")
    elif n == 2:
        record = start_rectification(record, at(2), "车间主任")
    elif n == 3:
        record = register(record, at(2), "安全管理部")
        record = start_rectification(record, at(3), "设备部")
        record = accept(record, at(14), "安全管理部", passed)
        record = close(record, at(15), "安全管理部")
    elif n == 4:
        record = register(record, at(2), "安全管理部")
        record = list_for_supervision(record, at(4), "县应急管理局")
        record = start_rectification(record, at(5), "设备部")
    elif n == 5:
        record = register(record, at(2), "安全管理部")
    return record
