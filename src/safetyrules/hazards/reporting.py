"""When the statistical returns on hazard treatment are due (隐患排查治理统计分析表报送时限).

《安全生产事故隐患排查治理暂行规定》（原国家安全生产监督管理总局令第16号）: each quarter and each
year the unit analyses its 事故隐患排查治理情况 and sends a written 统计分析表, signed by its
主要负责人, to the supervising departments — the quarter's before the 15th day of the next
quarter, the year's before 31 January of the next year. Secondary sources agree on the dates;
the article (第十四条) is still to be checked.

Convention: "15日前" / "1月31日前" is read as "on or before that day", so ``due`` is the last
day a return is on time. A year's last quarter ends on 31 December: both returns are due.

>>> from datetime import date
>>> [(d.period.value, d.due.isoformat()) for d in reporting_due(date(2024, 12, 31))]
[('季度', '2025-01-15'), ('年度', '2025-01-31')]
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from safetyrules import checks
from safetyrules.errors import InvalidInput, RuleDataError
from safetyrules.hazards.provisions import (
    DATA_FILE,
    PROVISIONS,
    HazardProvision,
    _required_provision,
)
from safetyrules.law.catalogue import require_in_force
from safetyrules.law.citation import Citation
from safetyrules.law.confidence import Confidence

_QUARTER_ENDS = {(3, 31): 1, (6, 30): 2, (9, 30): 3, (12, 31): 4}


class StatisticsPeriod(StrEnum):
    """The period a statistical return covers (统计分析周期).

    >>> StatisticsPeriod("年度").name
    'YEAR'
    """

    QUARTER = "季度"
    YEAR = "年度"


class ReportingDue(BaseModel):
    """One statistical return and the last day it is on time (统计分析表报送时限).

    >>> from datetime import date
    >>> d = reporting_due(date(2024, 6, 30))[0]
    >>> d.period_start.isoformat(), d.due.isoformat(), d.confidence.value
    ('2024-04-01', '2024-07-15', 'unverified')
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    period: StatisticsPeriod = Field(description="统计分析周期")
    period_start: date = Field(description="周期第一日")
    period_end: date = Field(description="周期最后一日")
    due: date = Field(description="报送期限（最后一日，含当日）")
    citation: Citation = Field(description="依据")
    confidence: Confidence = Field(description="可信度")
    note: str = Field(default="", description="说明")


def reporting_due(period_end: date) -> tuple[ReportingDue, ...]:
    """The returns due for a period ending on ``period_end`` (统计分析表何时报送).

    ``period_end`` is the last day of a quarter (3-31, 6-30, 9-30 or 12-31), on which 16号令
    must be in force (from 2008-02-01).

    >>> from datetime import date
    >>> reporting_due(date(2024, 5, 31))
    Traceback (most recent call last):
    ...
    safetyrules.errors.InvalidInput: period_end = datetime.date(2024, 5, 31): 须为季度最后一日（3月31日、6月30日、9月30日或12月31日）
    """
    end = checks.day("period_end", period_end)
    quarter = _QUARTER_ENDS.get((end.month, end.day))
    if quarter is None:
        raise InvalidInput(
            "period_end", period_end, "须为季度最后一日（3月31日、6月30日、9月30日或12月31日）"
        )
    require_in_force(PROVISIONS, end)
    quarterly = _required_provision("statistics.quarterly")
    next_month = 1 if quarter == 4 else end.month + 1
    next_year = end.year + 1 if quarter == 4 else end.year
    dues = [
        _due(
            StatisticsPeriod.QUARTER,
            date(end.year, end.month - 2, 1),
            end,
            _on(quarterly, next_year, next_month),
            quarterly,
        )
    ]
    if quarter == 4:
        annual = _required_provision("statistics.annual")
        dues.append(
            _due(
                StatisticsPeriod.YEAR,
                date(end.year, 1, 1),
                end,
                _on(annual, end.year + 1, annual.month or 1),
                annual,
            )
        )
    return tuple(dues)


def _on(entry: HazardProvision, year: int, month: int) -> date:
    if entry.month is not None:
        month = entry.month
    try:
        return date(year, month, entry.day or 1)
    except ValueError as error:
        raise RuleDataError(DATA_FILE, f"{entry.id}.day", str(error)) from None


def _due(
    period: StatisticsPeriod, start: date, end: date, due: date, entry: HazardProvision
) -> ReportingDue:
    return ReportingDue(
        period=period,
        period_start=start,
        period_end=end,
        due=due,
        citation=entry.citation,
        confidence=entry.confidence,
        note=entry.text,
    )
