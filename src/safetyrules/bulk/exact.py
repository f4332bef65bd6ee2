"""Exact numbers in bulk (精确计算): decimals scaled to integers, band edges compared as
integers, and floats that are the nearest double to the exact value.

The scalar path computes in :class:`~decimal.Decimal`; a frame computes in machine numbers. The
bulk functions agree with the scalar path exactly because no decision is taken on a float:

* **Scale.** Every table value with decimals is scaled by ``10 ** d`` (:func:`scale_of`, ``d``
  the most decimals any of them has, :func:`decimals`) to an integer, and the computation runs
  on those integers: exact in Int64, and in pandas' float64 below 2**53 (:data:`EXACT_BELOW`).
* **Band edges.** A band bound is scaled the same way and rounded to the integer that keeps the
  band's inclusivity (:func:`integer_bounds`; ``(20, 70]`` at scale 100 is ``2001 ≤ D ≤
  7000``), so a value lands in the band the scalar path finds (:func:`in_band`,
  :func:`band_index`).
* **Floats out.** A result column of scores, points or ratios is Float64: the exact integer
  divided by its scale. :func:`quotients` divides each distinct integer once in Python, whose
  ``int / int`` is correctly rounded, so each float is the nearest double to the exact
  decimal, ``float(Decimal)``; :mod:`safetyrules.bulk.risk` divides by a full column instead
  (see there). Not a constant: polars divides by a constant as a product with its
  reciprocal, which is not correctly rounded (``7 × 0.1`` is ``0.7000000000000001``).
  :func:`normalized` writes an exact decimal back as the scalar path writes it.

>>> from decimal import Decimal
>>> scale_of([Decimal("0.1"), Decimal("0.25"), Decimal("3")])
100
>>> from safetyrules.law.band import Band
>>> fourth = Band("4级", Decimal(20), Decimal(70), lower_inclusive=False, upper_inclusive=True)
>>> integer_bounds(fourth, 100)
(2001, 7000)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import Any

import narwhals as nw

from safetyrules.bulk.frames import lookup, when_chain
from safetyrules.law.band import Band

EXACT_BELOW = 2**53
"""Every integer below this is exact in float64 (双精度可精确表示的整数上限), so in a pandas
column of integers with gaps too."""


def decimals(value: Decimal) -> int:
    """How many decimals a value has, trailing zeros aside (小数位数).

    >>> decimals(Decimal("0.50")), decimals(Decimal("20")), decimals(Decimal("1E+2"))
    (1, 0, 0)
    """
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def scale_of(values: Iterable[Decimal]) -> int:
    """The power of ten that makes every value an integer (放大倍数): ``10 ** d``, ``d`` the
    most decimals of the values; 1 for none.

    >>> scale_of([Decimal("0.5"), Decimal("7")]), scale_of([])
    (10, 1)
    """
    return int(10 ** max((decimals(value) for value in values), default=0))


def normalized(number: Decimal) -> Decimal:
    """A decimal as the scalar path writes it (规范写法): no trailing zeros, no exponent for a
    whole number.

    >>> normalized(Decimal("126.0")), normalized(Decimal("0.050")), normalized(Decimal("1E+2"))
    (Decimal('126'), Decimal('0.05'), Decimal('100'))
    """
    normal = number.normalize()
    return normal.quantize(Decimal(1)) if normal == normal.to_integral_value() else normal


def integer_bounds(band: Band[Any], scale: int = 1) -> tuple[int | None, int | None]:
    """A band as ``lowest ≤ x ≤ highest`` for an integer ``x`` at ``scale`` (整数端点), keeping
    its inclusivity; None for an open end.

    ``[a`` is ``x ≥ ⌈a·s⌉`` and ``(a`` is ``x ≥ ⌊a·s⌋ + 1``; ``b]`` is ``x ≤ ⌊b·s⌋`` and ``b)``
    is ``x ≤ ⌈b·s⌉ - 1``.

    >>> integer_bounds(Band(lower=Decimal(3), upper=Decimal(10), value="较大事故"))
    (3, 9)
    >>> integer_bounds(Band(lower=Decimal("0.5"), value="高", lower_inclusive=False), 10)
    (6, None)
    """
    lowest = highest = None
    if band.lower is not None:
        bound = Decimal(band.lower) * scale
        lowest = (
            int(bound.to_integral_value(ROUND_CEILING))
            if band.lower_inclusive
            else int(bound.to_integral_value(ROUND_FLOOR)) + 1
        )
    if band.upper is not None:
        bound = Decimal(band.upper) * scale
        highest = (
            int(bound.to_integral_value(ROUND_FLOOR))
            if band.upper_inclusive
            else int(bound.to_integral_value(ROUND_CEILING)) - 1
        )
    return lowest, highest


def in_band(value: nw.Expr, band: Band[Any], scale: int = 1) -> nw.Expr:
    """Whether an integer ``value`` at ``scale`` lies in the band (是否在档内), by integer
    comparisons that keep its inclusivity; false where the value is missing.

    >>> import polars as pl
    >>> from safetyrules.bulk.frames import from_frame
    >>> frame = from_frame(pl.DataFrame({"deaths": [2, 3, 10, None]}))
    >>> larger = Band(lower=Decimal(3), upper=Decimal(10), value="较大事故")
    >>> frame.select(in_band(nw.col("deaths"), larger))["deaths"].to_list()
    [False, True, False, False]
    """
    lowest, highest = integer_bounds(band, scale)
    condition = ~value.is_null()
    if lowest is not None:
        condition = condition & (value >= lowest)
    if highest is not None:
        condition = condition & (value <= highest)
    return condition


def band_index(value: nw.Expr, bands: Sequence[Band[Any]], scale: int = 1) -> nw.Expr:
    """The index of the band an integer ``value`` at ``scale`` lies in (所在档次), Int64; null
    outside every band and where the value is missing.

    >>> import polars as pl
    >>> from safetyrules.bulk.frames import from_frame
    >>> bands = [Band(upper=Decimal(10), value="一般"), Band(lower=Decimal(10), value="较大")]
    >>> frame = from_frame(pl.DataFrame({"r": [99, 100, None]}))
    >>> frame.select(band_index(nw.col("r"), bands, 10).alias("band"))["band"].to_list()
    [0, 1, None]
    """
    branches: list[tuple[nw.Expr | None, nw.Expr]] = [
        (in_band(value, band, scale), nw.lit(code, nw.Int64)) for code, band in enumerate(bands)
    ]
    return when_chain(branches, nw.Int64)


def quotients(frame: nw.DataFrame[Any], column: str, divisor: int) -> nw.Expr:
    """An integer column divided by ``divisor`` as Float64 (整数的精确商): each distinct value
    divided once by Python's correctly rounded ``int / int``, then looked up; each result is
    the nearest double to the exact quotient.

    >>> import polars as pl
    >>> from safetyrules.bulk.frames import from_frame
    >>> frame = from_frame(pl.DataFrame({"tenths": [7, 35, None]}))
    >>> frame.select(quotients(frame, "tenths", 10))["tenths"].to_list()
    [0.7, 3.5, None]
    """
    if divisor == 1:
        return nw.col(column).cast(nw.Float64)
    values = frame.get_column(column).drop_nulls().unique().to_list()
    return lookup(nw.col(column), {v: int(v) / divisor for v in values}, nw.Float64)
