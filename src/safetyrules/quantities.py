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
  Value error, amount = 1.5: 金额必须是 Decimal 或整数（不接受浮点数） ...
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from pydantic import BeforeValidator, Field

from safetyrules import checks


def _exact_number(value: Any) -> Any:
    # Strings are pydantic's to parse (JSON carries exact amounts as strings).
    return value if isinstance(value, str) else checks.money("amount", value)


def _whole_count(value: Any) -> Any:
    return checks.count("count", value)


Yuan = Annotated[
    Decimal, BeforeValidator(_exact_number), Field(ge=0, allow_inf_nan=False, description="元")
]
"""A non-negative amount of money in yuan (元), exact."""

Headcount = Annotated[int, BeforeValidator(_whole_count), Field(ge=0, description="人")]
"""A non-negative whole number of people (人数)."""
