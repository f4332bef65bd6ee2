"""Exact arithmetic for S and R: sums of q/Q kept as fractions, shown as decimals.

Critical quantities such as 0.3 t (碳酰氯), 0.75 t (异氰酸甲酯) and 75 t (三氧化硫) make q/Q
a repeating decimal; three lots of 0.1 t 碳酰氯 give S = 1/3 + 1/3 + 1/3 = 1 exactly, which
decimal arithmetic at any fixed precision would put just below 1. Sums are therefore taken
as :class:`~fractions.Fraction` and only shown as :class:`~decimal.Decimal`.

>>> exact_decimal(Fraction(13, 10))
Decimal('1.3')
>>> exact_decimal(Fraction(2, 3))
Decimal('0.6666666666666666666666666666')
"""

from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal, localcontext
from fractions import Fraction

PRECISION = 28
"""Significant digits of a repeating decimal (Python's default decimal precision)."""


def exact_decimal(value: Fraction) -> Decimal:
    """``value`` as a Decimal: exact when its decimal expansion ends; otherwise rounded down
    (toward minus infinity) at :data:`PRECISION` significant digits.

    Rounding down keeps every comparison with a bound written in few digits: for such a bound
    b, ``value >= b`` exactly when the rounded value is ``>= b``, and the same for ``<``.

    >>> exact_decimal(Fraction(1))
    Decimal('1')
    >>> exact_decimal(Fraction(13779, 100000))
    Decimal('0.13779')
    """
    denominator = value.denominator
    twos = fives = 0
    rest = denominator
    while rest % 2 == 0:
        rest //= 2
        twos += 1
    while rest % 5 == 0:
        rest //= 5
        fives += 1
    if rest == 1:
        places = max(twos, fives)
        scaled = value.numerator * (10**places // denominator)
        return normal(Decimal(f"{scaled}e-{places}"))
    with localcontext() as context:
        context.prec = PRECISION
        context.rounding = ROUND_FLOOR
        return Decimal(value.numerator) / Decimal(denominator)


def normal(number: Decimal) -> Decimal:
    """``number`` without trailing zeros after the point, never in exponent form, unrounded.

    >>> normal(Decimal("2.50")), normal(Decimal("10")), normal(Decimal("0.000"))
    (Decimal('2.5'), Decimal('10'), Decimal('0'))
    """
    sign, digits, exponent = number.as_tuple()
    if not isinstance(exponent, int):  # NaN or infinity: nothing to strip
        return number
    kept = list(digits)
    while exponent < 0 and len(kept) > 1 and kept[-1] == 0:
        kept.pop()
        exponent += 1
    if kept == [0]:
        exponent = 0
    return Decimal((sign, tuple(kept), exponent))


def plain(number: Decimal) -> str:
    """A number as an explanation writes it: no exponent, no trailing zeros.

    >>> plain(Decimal("1E+2")), plain(Decimal("0.50"))
    ('100', '0.5')
    """
    return format(normal(number), "f")
