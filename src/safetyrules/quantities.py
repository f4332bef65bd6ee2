"""Exact quantities at the boundary (金额与计数): yuan as Decimal, counts as int.

Legal amounts are exact: a fine of 1,000,000 元 or a loss of 9,999.99 万元 must not pass
through binary floating point. These annotated types reject floats, booleans, NaN and
negative values, naming the field.

>>> from pydantic import BaseModel
>>> class Loss(BaseModel):
...     amount: Yuan
>>> Loss(amount="9999.99").amount
Decimal('9999.99')
>>> Loss(amount=1.5)
Traceback (most recent call last):
...
pydantic_core._pydantic_core.ValidationError: 1 validation error for Loss
amount
  Value error, 金额必须是精确数值（Decimal、整数或数字字符串），不接受浮点数 1.5 ...
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from pydantic import BeforeValidator, Field


def _exact_number(value: Any) -> Any:
    if isinstance(value, (bool, float)):
        raise ValueError(f"金额必须是精确数值（Decimal、整数或数字字符串），不接受浮点数 {value!r}")
    if isinstance(value, Decimal) and not value.is_finite():
        raise ValueError(f"金额必须是有限数值，不接受 {value}")
    return value


def _whole_count(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"人数必须是整数，不接受 {value!r}")
    return value


Yuan = Annotated[
    Decimal, BeforeValidator(_exact_number), Field(ge=0, allow_inf_nan=False, description="元")
]
"""A non-negative amount of money in yuan (元), exact."""

Headcount = Annotated[int, BeforeValidator(_whole_count), Field(ge=0, description="人")]
"""A non-negative whole number of people (人数)."""
