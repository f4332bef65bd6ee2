"""Scores on the 100-point scale (百分制分数), kept exact.

A standardization score, a score threshold (分数线) and a condition's limit are exact decimals:
a float's binary value is not the number written, so floats and booleans are refused.

>>> checked_score(Decimal("88.5"))
Decimal('88.5')
>>> number_text(Decimal("90.0")), number_text(Decimal("0.25"))
('90', '0.25')
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from pydantic import BeforeValidator, Field

from safetyrules.errors import InvalidInput

_HUNDRED = Decimal(100)


def exact_number(value: Any) -> Any:
    # Scores and thresholds are exact: a float's binary value is not the number written.
    if isinstance(value, float | bool):
        raise ValueError("须写成整数或字符串形式的精确数（不接受浮点数或布尔值）")
    return value


Points = Annotated[Decimal, BeforeValidator(exact_number), Field(ge=0, le=100, allow_inf_nan=False)]
# A score on the 100-point scale (百分制得分), exact.

Exact = Annotated[Decimal, BeforeValidator(exact_number), Field(ge=0, allow_inf_nan=False)]


def number_text(value: Decimal) -> str:
    return format(value.normalize(), "f") if value == value.to_integral_value() else str(value)


def checked_score(value: object, field: str = "score") -> Decimal:
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise InvalidInput(field, value, "分数必须是 Decimal 或整数（不接受浮点数）")
    number = Decimal(value)
    if not number.is_finite() or not 0 <= number <= _HUNDRED:
        raise InvalidInput(field, value, "分数必须在0到100之间")
    return number
