"""Numeric bands (区间) and the legal convention on 以上/以下.

国务院令第493号第三条第三款 and statutes generally say: "以上" includes the number, "以下"
excludes it (以上包括本数，以下不包括本数). Discretion benchmarks often include both ends.
One :class:`Band` type states its inclusivity explicitly; :class:`BandTable` checks that its
bands cover a domain with no gap and no overlap, and finds the band for a value.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from enum import StrEnum
from typing import Generic, TypeVar

import attrs

from safetyrules.errors import InvalidInput, InvalidRule

V = TypeVar("V")
Number = int | Decimal


class Convention(StrEnum):
    """How a text's 以上/以下 treat the boundary number (以上/以下 是否含本数).

    >>> Convention.STATUTE.value
    '以上含本数、以下不含本数'
    """

    STATUTE = "以上含本数、以下不含本数"
    BOTH_INCLUSIVE = "以上、以下均含本数"


def _number(value: Number | None) -> Decimal | None:
    return None if value is None else Decimal(value)


@attrs.frozen
class Band(Generic[V]):
    """A value attached to an interval of numbers (区间及其对应值).

    ``None`` bounds are unbounded. Use :meth:`between` to build a band the way the legal
    text words it.

    >>> b = Band.between(3, 10, "较大事故")
    >>> b.contains(3), b.contains(Decimal("9.99")), b.contains(10)
    (True, True, False)
    >>> b.describe("人")
    '3人以上10人以下'
    """

    value: V
    lower: Decimal | None = attrs.field(converter=_number, default=None)
    upper: Decimal | None = attrs.field(converter=_number, default=None)
    lower_inclusive: bool = True
    upper_inclusive: bool = False

    def __attrs_post_init__(self) -> None:
        if self.lower is not None and self.upper is not None:
            empty = self.lower > self.upper or (
                self.lower == self.upper and not (self.lower_inclusive and self.upper_inclusive)
            )
            if empty:
                raise InvalidRule(f"空区间: {self.describe()}")

    @classmethod
    def between(
        cls,
        lower: Number | None,
        upper: Number | None,
        value: V,
        convention: Convention = Convention.STATUTE,
    ) -> Band[V]:
        """The band "``lower``以上``upper``以下" read under ``convention``."""
        return cls(
            value,
            lower,
            upper,
            lower_inclusive=True,
            upper_inclusive=convention is Convention.BOTH_INCLUSIVE,
        )

    def contains(self, number: Number) -> bool:
        """Whether ``number`` lies in the band (是否落入区间)."""
        if self.lower is not None and (
            number < self.lower or (number == self.lower and not self.lower_inclusive)
        ):
            return False
        return (
            self.upper is None
            or number < self.upper
            or (number == self.upper and self.upper_inclusive)
        )

    def describe(self, unit: str = "", *, number: Callable[[Decimal], str] | None = None) -> str:
        """The band in Chinese: 以上 for an inclusive lower bound, 以下 for an exclusive upper
        bound; "（不含）以上" and "以下（含）" where the inclusivity differs from the statutory
        reading. ``number`` writes a bound (default: the number followed by ``unit``).

        A lower bound of 0 is left out, as legal texts write it ("3人以下", not "0人以上3人以下").

        >>> Band.between(0, 3, "一般").describe("人")
        '3人以下'
        >>> Band.between(10_000_000, None, "较大").describe(number=lambda n: f"{n / 10000}万元")
        '1000万元以上'
        """

        def text(bound: Decimal) -> str:
            return number(bound) if number is not None else f"{bound}{unit}"

        parts = []
        if self.lower is not None and not (
            self.lower == 0 and self.lower_inclusive and self.upper is not None
        ):
            parts.append(text(self.lower) + ("以上" if self.lower_inclusive else "（不含）以上"))
        if self.upper is not None:
            parts.append(text(self.upper) + ("以下（含）" if self.upper_inclusive else "以下"))
        return "".join(parts) or "任意数值"


def _bands(bands: Sequence[Band[V]]) -> tuple[Band[V], ...]:
    return tuple(bands)


@attrs.frozen
class BandTable(Generic[V]):
    """Bands that partition a domain (分档表), checked for gaps and overlaps.

    The bands are given in ascending order. The domain runs from the first band's lower bound
    to the last band's upper bound; between neighbours the upper bound of one must equal the
    lower bound of the next, with exactly one of the two including it.

    >>> table = BandTable("死亡人数", [Band.between(0, 3, "一般"), Band.between(3, None, "较大以上")])
    >>> table.value_for(2), table.value_for(3)
    ('一般', '较大以上')
    >>> BandTable("有缺口", [Band.between(0, 3, "a"), Band.between(4, None, "b")])
    Traceback (most recent call last):
    ...
    safetyrules.errors.InvalidRule: 有缺口: 第1档与第2档之间有缺口或重叠（3 / 4）
    """

    name: str
    bands: tuple[Band[V], ...] = attrs.field(converter=_bands)

    def __attrs_post_init__(self) -> None:
        if not self.bands:
            raise InvalidRule(f"{self.name}: 分档表至少需要一档")
        for index, (left, right) in enumerate(zip(self.bands, self.bands[1:], strict=False)):
            meets = left.upper is not None and left.upper == right.lower
            if not meets:
                raise InvalidRule(
                    f"{self.name}: 第{index + 1}档与第{index + 2}档之间有缺口或重叠"
                    f"（{left.upper} / {right.lower}）"
                )
            if left.upper_inclusive == right.lower_inclusive:
                problem = (
                    "重叠（两档都含本数）" if left.upper_inclusive else "缺口（两档都不含本数）"
                )
                raise InvalidRule(f"{self.name}: 边界 {left.upper} 处有{problem}")

    def band_for(self, number: Number) -> Band[V]:
        """The band containing ``number``; a number outside the domain is an error."""
        for band in self.bands:
            if band.contains(number):
                return band
        raise InvalidInput(self.name, number, "不在分档表的取值范围内")

    def value_for(self, number: Number) -> V:
        """The value of the band containing ``number``."""
        return self.band_for(number).value
