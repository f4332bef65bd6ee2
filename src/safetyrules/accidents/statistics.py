"""Accident statistics: the "三个持续下降" target (事故起数、死亡人数、亿元GDP死亡率持续下降).

Local work-safety plans set the goal that the number of accidents, the number of deaths and the
death rate per unit of economic activity (单位生产经营活动死亡率, for a region usually the death
rate per 亿元 of GDP, 亿元国内生产总值生产安全事故死亡率) all keep falling. This module compares
yearly figures of one jurisdiction. It is arithmetic, not law: no citation is attached.

The death rate is deaths / GDP (亿元). It is compared exactly (as fractions, no rounding); :attr:`YearFigures.death_rate` carries 28 significant digits and is
rounded only for display by :meth:`YearFigures.death_rate_text`.

>>> from decimal import Decimal
>>> a = YearFigures(year=2017, accidents=120, deaths=60, gdp=Decimal("4355.24"))
>>> b = YearFigures(year=2018, accidents=110, deaths=55, gdp=Decimal("4871.98"))
>>> three_declines([a, b]).all_fell
True
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum
from fractions import Fraction

from pydantic import BaseModel, ConfigDict, Field, StrictInt, field_validator

from safetyrules.errors import InvalidInput
from safetyrules.law.reason import Explanation, Reason


class YearFigures(BaseModel):
    """A jurisdiction's accident figures for one year (年度事故统计数据).

    ``gdp`` is the year's GDP in 亿元 as a ``Decimal`` (floats refused).

    >>> YearFigures(year=2018, accidents=1, deaths=3, gdp=Decimal("7")).death_rate_text(3)
    '0.429'
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    year: StrictInt = Field(ge=1949)
    accidents: StrictInt = Field(ge=0)
    deaths: StrictInt = Field(ge=0)
    gdp: Decimal = Field(gt=0, description="国内生产总值（亿元）")

    @field_validator("gdp", mode="before")
    @classmethod
    def _no_float(cls, value: object) -> object:
        if isinstance(value, float | bool):
            raise ValueError("GDP 必须是 Decimal、整数或数字字符串（不接受浮点数）")
        return value

    @property
    def death_rate(self) -> Decimal:
        """Deaths per 亿元 GDP (亿元GDP死亡率), to 28 significant digits."""
        return Decimal(self.deaths) / self.gdp

    def death_rate_text(self, places: int = 3) -> str:
        """The death rate rounded half-up to ``places`` decimals, for display only."""
        return str(self.death_rate.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


class Indicator(Enum):
    """The three indicators of "三个持续下降" (三项指标).

    >>> [i.value for i in Indicator]
    ['事故起数', '死亡人数', '亿元GDP死亡率']
    """

    ACCIDENTS = "事故起数"
    DEATHS = "死亡人数"
    DEATH_RATE = "亿元GDP死亡率"


class IndicatorChange(BaseModel):
    """One indicator from one year to the next (指标同比变化).

    ``change`` is current minus previous (for the death rate, to 28 significant digits);
    ``fell`` is decided exactly.

    >>> a = YearFigures(year=2017, accidents=10, deaths=5, gdp=Decimal(100))
    >>> b = YearFigures(year=2018, accidents=8, deaths=5, gdp=Decimal(100))
    >>> change = three_declines([a, b]).changes[0]
    >>> change.indicator.value, change.change, change.fell
    ('事故起数', Decimal('-2'), True)
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    indicator: Indicator
    previous_year: int
    year: int
    previous: Decimal
    current: Decimal
    change: Decimal
    fell: bool


class DeclineAssessment(BaseModel):
    """Whether all three indicators fell in every year of a series (三个持续下降评估).

    >>> a = YearFigures(year=2017, accidents=10, deaths=5, gdp=Decimal(100))
    >>> b = YearFigures(year=2018, accidents=9, deaths=5, gdp=Decimal(110))
    >>> result = three_declines([a, b])
    >>> result.all_fell, [c.fell for c in result.changes]
    (False, [True, False, True])
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    changes: tuple[IndicatorChange, ...]
    all_fell: bool
    explanation: Explanation


def _rate_fell(previous: YearFigures, current: YearFigures) -> bool:
    # Exact rational arithmetic: a Decimal converts to a Fraction without loss.
    return Fraction(current.deaths) / Fraction(current.gdp) < Fraction(previous.deaths) / Fraction(
        previous.gdp
    )


def three_declines(series: Sequence[YearFigures]) -> DeclineAssessment:
    """Assess "三个持续下降" over consecutive years (事故起数、死亡人数、亿元GDP死亡率是否持续下降).

    ``series`` holds two or more consecutive years in order. Each indicator is compared year on
    year; "fell" means strictly lower (持平 is not a fall). ``all_fell`` holds when every
    indicator fell in every year.

    >>> a = YearFigures(year=2016, accidents=10, deaths=6, gdp=Decimal(300))
    >>> b = YearFigures(year=2017, accidents=9, deaths=5, gdp=Decimal(310))
    >>> c = YearFigures(year=2018, accidents=8, deaths=4, gdp=Decimal(320))
    >>> print(three_declines([a, b, c]).explanation.reasons[-1].message)
    2018年比2017年：亿元GDP死亡率0.0161→0.0125，下降
    """
    items = list(series)
    if len(items) < 2:
        raise InvalidInput("series", len(items), "至少需要两个年度的数据")
    for index, item in enumerate(items):
        if not isinstance(item, YearFigures):
            raise InvalidInput(f"series[{index}]", item, "必须是 YearFigures")
    for previous, current in itertools.pairwise(items):
        if current.year != previous.year + 1:
            raise InvalidInput("series", current.year, f"年度必须连续（{previous.year}之后）")
    changes = []
    reasons = []
    for previous, current in itertools.pairwise(items):
        pairs = [
            (
                Indicator.ACCIDENTS,
                Decimal(previous.accidents),
                Decimal(current.accidents),
                current.accidents < previous.accidents,
            ),
            (
                Indicator.DEATHS,
                Decimal(previous.deaths),
                Decimal(current.deaths),
                current.deaths < previous.deaths,
            ),
            (
                Indicator.DEATH_RATE,
                previous.death_rate,
                current.death_rate,
                _rate_fell(previous, current),
            ),
        ]
        for indicator, old, new, fell in pairs:
            changes.append(
                IndicatorChange(
                    indicator=indicator,
                    previous_year=previous.year,
                    year=current.year,
                    previous=old,
                    current=new,
                    change=new - old,
                    fell=fell,
                )
            )
            if indicator is Indicator.DEATH_RATE:
                shown = f"{previous.death_rate_text(4)}→{current.death_rate_text(4)}"
            else:
                shown = f"{old}→{new}"
            reasons.append(
                Reason(
                    rule=f"accident.statistics.{indicator.name.lower()}",
                    message=f"{current.year}年比{previous.year}年：{indicator.value}{shown}，"
                    + ("下降" if fell else "未下降"),
                    inputs={"year": current.year},
                )
            )
    return DeclineAssessment(
        changes=tuple(changes),
        all_fell=all(change.fell for change in changes),
        explanation=Explanation(reasons=tuple(reasons)),
    )
