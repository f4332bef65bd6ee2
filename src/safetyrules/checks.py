"""Input checks for scalar rule functions (输入校验): counts, money, dates, times.

Every check raises :class:`~safetyrules.errors.InvalidInput` naming the field and the value.
The pydantic boundary types in :mod:`safetyrules.quantities` apply the same checks.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from safetyrules.errors import InvalidInput

SHANGHAI = ZoneInfo("Asia/Shanghai")
"""The time zone of every time the module returns (北京时间)."""


def _kind(value: object) -> str:
    # Floats are the usual mistake: say so in Chinese; name any other type.
    return "浮点数" if isinstance(value, float) else f" {type(value).__name__} "


def count(field: str, value: object) -> int:
    """A head count: an ``int`` (not ``bool``) that is zero or more.

    >>> count("deaths", 3)
    3
    >>> count("deaths", True)
    Traceback (most recent call last):
    ...
    safetyrules.errors.InvalidInput: deaths = True: 人数必须是整数（不接受 bool ）
    """
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput(field, value, f"人数必须是整数（不接受 {_kind(value)}）")
    if value < 0:
        raise InvalidInput(field, value, "人数不能为负数")
    return value


def money(field: str, value: object) -> Decimal:
    """An amount in yuan (元): a finite, non-negative ``Decimal`` or ``int``; floats refused.

    >>> money("direct_economic_loss", Decimal("9999999.99"))
    Decimal('9999999.99')
    >>> money("direct_economic_loss", 1e7)
    Traceback (most recent call last):
    ...
    safetyrules.errors.InvalidInput: direct_economic_loss = 10000000.0: 金额必须是 Decimal 或整数（不接受浮点数）
    """
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise InvalidInput(field, value, f"金额必须是 Decimal 或整数（不接受{_kind(value)}）")
    amount = Decimal(value)
    if not amount.is_finite():
        raise InvalidInput(field, value, "金额必须是有限数值")
    if amount < 0:
        raise InvalidInput(field, value, "金额不能为负数")
    return amount


def quantity(field: str, value: object) -> Decimal:
    """A measured quantity (数量, e.g. tonnes): a finite, non-negative ``Decimal``, ``int`` or
    decimal string; floats refused, as their binary value is not the number written.

    >>> quantity("q", "12.5")
    Decimal('12.5')
    >>> quantity("q", "十吨")
    Traceback (most recent call last):
    ...
    safetyrules.errors.InvalidInput: q = '十吨': 数量必须是 Decimal、整数或数字字符串
    """
    if isinstance(value, str):
        try:
            value = Decimal(value.strip())
        except ArithmeticError:
            raise InvalidInput(field, value, "数量必须是 Decimal、整数或数字字符串") from None
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise InvalidInput(
            field, value, f"数量必须是 Decimal、整数或数字字符串（不接受{_kind(value)}）"
        )
    amount = Decimal(value)
    if not amount.is_finite():
        raise InvalidInput(field, value, "数量必须是有限数值")
    if amount < 0:
        raise InvalidInput(field, value, "数量不能为负数")
    return amount


def aware(field: str, value: object) -> datetime:
    """A timezone-aware ``datetime``, converted to Asia/Shanghai (北京时间).

    >>> aware("occurred_at", datetime(2024, 1, 1, 8, 0))
    Traceback (most recent call last):
    ...
    safetyrules.errors.InvalidInput: occurred_at = datetime.datetime(2024, 1, 1, 8, 0): 时间必须带时区（如 Asia/Shanghai）
    """
    if not isinstance(value, datetime):
        raise InvalidInput(field, value, "必须是 datetime")
    if value.tzinfo is None or value.utcoffset() is None:
        raise InvalidInput(field, value, "时间必须带时区（如 Asia/Shanghai）")
    return value.astimezone(SHANGHAI)


def day(field: str, value: object) -> date:
    """A calendar ``date`` (a ``datetime`` is refused: pass its date explicitly).

    >>> day("occurred_on", datetime(2024, 1, 1, 8, 0))
    Traceback (most recent call last):
    ...
    safetyrules.errors.InvalidInput: occurred_on = datetime.datetime(2024, 1, 1, 8, 0): 必须是日期（date），不是 datetime
    """
    if isinstance(value, datetime):
        raise InvalidInput(field, value, "必须是日期（date），不是 datetime")
    if not isinstance(value, date):
        raise InvalidInput(field, value, "必须是日期（date）")
    return value


def days(field: str, value: object, maximum: int | None = None) -> int:
    """A number of days, zero or more and at most ``maximum`` when given.

    >>> days("extension_days", 61, maximum=60)
    Traceback (most recent call last):
    ...
    safetyrules.errors.InvalidInput: extension_days = 61: 不能超过60日
    """
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput(field, value, "天数必须是整数")
    if value < 0:
        raise InvalidInput(field, value, "天数不能为负数")
    if maximum is not None and value > maximum:
        raise InvalidInput(field, value, f"不能超过{maximum}日")
    return value
