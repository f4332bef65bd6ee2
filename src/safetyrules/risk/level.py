"""The four risk levels and their colours (安全风险等级与四色).

安委办〔2016〕11号 二、（二）: 安全风险等级从高到低划分为重大风险、较大风险、一般风险和低风险，
分别用红、橙、黄、蓝四种颜色标示. Letters and numbers (A级/1级 …) are used both ways round in
practice, so the library keeps only the level and its colour; a scheme's own grade (LEC 1级–5级)
is reported beside it.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache

from safetyrules.law.citation import Citation


class RiskColour(StrEnum):
    """The colour that marks a risk level on a four-colour map (风险四色).

    >>> RiskColour.RED.hex
    '#d62728'
    """

    RED = "红"
    ORANGE = "橙"
    YELLOW = "黄"
    BLUE = "蓝"

    @property
    def hex(self) -> str:
        """An RGB value for charts and reports (图表配色；no text prescribes it).

        >>> RiskColour.BLUE.hex
        '#1f77b4'
        """
        return _HEX[self]


_HEX = {
    RiskColour.RED: "#d62728",
    RiskColour.ORANGE: "#ff7f0e",
    RiskColour.YELLOW: "#f2c500",
    RiskColour.BLUE: "#1f77b4",
}


class RiskLevel(StrEnum):
    """A safety risk level (安全风险等级), from 重大风险 down to 低风险.

    Levels compare by severity: ``RiskLevel.MAJOR > RiskLevel.LOW``. Comparing with anything
    else, even the level's own text, is a :class:`TypeError`: as a ``str`` it would compare
    alphabetically.

    >>> RiskLevel.LARGE.colour.value
    '橙'
    >>> max(RiskLevel.GENERAL, RiskLevel.LARGE) is RiskLevel.LARGE
    True
    >>> sorted(RiskLevel)[0]
    <RiskLevel.LOW: '低风险'>
    """

    MAJOR = "重大风险"
    LARGE = "较大风险"
    GENERAL = "一般风险"
    LOW = "低风险"

    @property
    def colour(self) -> RiskColour:
        """The level's colour (红、橙、黄、蓝).

        >>> RiskLevel.MAJOR.colour
        <RiskColour.RED: '红'>
        """
        return _COLOURS[self]

    @property
    def rank(self) -> int:
        """The level's rank by severity (风险等级高低): 0 for 低风险 up to 3 for 重大风险.

        >>> RiskLevel.LOW.rank, RiskLevel.MAJOR.rank
        (0, 3)
        """
        return _RANKS[self]

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, RiskLevel):
            raise TypeError(f"风险等级只能与风险等级比较，不能与 {other!r} 比较")
        return self.rank < other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, RiskLevel):
            raise TypeError(f"风险等级只能与风险等级比较，不能与 {other!r} 比较")
        return self.rank <= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, RiskLevel):
            raise TypeError(f"风险等级只能与风险等级比较，不能与 {other!r} 比较")
        return self.rank > other.rank

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, RiskLevel):
            raise TypeError(f"风险等级只能与风险等级比较，不能与 {other!r} 比较")
        return self.rank >= other.rank


_COLOURS = {
    RiskLevel.MAJOR: RiskColour.RED,
    RiskLevel.LARGE: RiskColour.ORANGE,
    RiskLevel.GENERAL: RiskColour.YELLOW,
    RiskLevel.LOW: RiskColour.BLUE,
}
_RANKS = {RiskLevel.LOW: 0, RiskLevel.GENERAL: 1, RiskLevel.LARGE: 2, RiskLevel.MAJOR: 3}


LEVELS_INSTRUMENT = "dual-prevention-opinion-2016"
"""安委办〔2016〕11号 in the instrument catalogue."""


@cache
def levels_citation() -> Citation:
    """Where the four levels and colours are laid down (安委办〔2016〕11号).

    >>> levels_citation().text
    '《关于实施遏制重特大事故工作指南构建双重预防机制的意见》（安委办〔2016〕11号）'
    """
    return Citation(
        instrument="dual-prevention-opinion-2016", note="二、（二）科学评定安全风险等级"
    )
