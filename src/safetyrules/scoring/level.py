"""Standardization levels (安全生产标准化等级): 一级, 二级 and 三级, 一级 the highest.

>>> [level.label for level in LEVELS]
['一级', '二级', '三级']
>>> checked_level(2) is StandardizationLevel.SECOND
True
"""

from __future__ import annotations

from enum import IntEnum

from safetyrules.errors import InvalidInput

__all__ = ["LEVELS", "StandardizationLevel", "checked_level"]


class StandardizationLevel(IntEnum):
    """A standardization level (安全生产标准化等级): 一级 is the highest.

    As integers a smaller number is a *higher* level; :meth:`at_least` compares by rank.

    >>> StandardizationLevel.FIRST.label
    '一级'
    >>> StandardizationLevel.FIRST.at_least(StandardizationLevel.SECOND)
    True
    >>> StandardizationLevel(3).label
    '三级'
    """

    FIRST = 1
    SECOND = 2
    THIRD = 3

    @property
    def label(self) -> str:
        """The level as Chinese text writes it: 一级, 二级, 三级."""
        return _LEVEL_LABELS[self]

    def at_least(self, other: StandardizationLevel) -> bool:
        """Whether this level is as high as ``other`` or higher (不低于)."""
        return self.value <= other.value


_LEVEL_LABELS = {
    StandardizationLevel.FIRST: "一级",
    StandardizationLevel.SECOND: "二级",
    StandardizationLevel.THIRD: "三级",
}
LEVELS = tuple(StandardizationLevel)


def checked_level(value: object) -> StandardizationLevel:
    """An applied level (申请的标准化等级) as :class:`StandardizationLevel`: 1, 2 or 3 only.

    >>> checked_level(1).label
    '一级'
    >>> checked_level(True)
    Traceback (most recent call last):
    ...
    safetyrules.errors.InvalidInput: applied_level = True: 申请等级必须是一级、二级或三级（1、2、3）
    """
    if isinstance(value, bool) or not isinstance(value, int) or value not in (1, 2, 3):
        raise InvalidInput("applied_level", value, "申请等级必须是一级、二级或三级（1、2、3）")
    return StandardizationLevel(value)
