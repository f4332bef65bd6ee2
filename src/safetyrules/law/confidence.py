"""How sure the library is of a fact (可信度).

Every catalogue entry and every dated value records whether it was checked against the
official text, agrees across secondary sources, or is kept unverified because a rule needs
it. Explanations that used an unverified value say so.
"""

from __future__ import annotations

from enum import StrEnum


class Confidence(StrEnum):
    """Confidence in a legal fact (可信度).

    >>> Confidence("unverified").label
    '未核实'
    >>> Confidence.weakest([Confidence.OFFICIAL, Confidence.SECONDARY])
    <Confidence.SECONDARY: 'secondary'>
    """

    OFFICIAL = "official"
    SECONDARY = "secondary"
    UNVERIFIED = "unverified"

    @property
    def label(self) -> str:
        """The Chinese label shown in explanations and reports."""
        return _LABELS[self]

    @classmethod
    def weakest(cls, values: list[Confidence]) -> Confidence:
        """The least certain of several confidences (an empty list is official)."""
        return max(values, key=_ORDER.index, default=cls.OFFICIAL)


_LABELS = {
    Confidence.OFFICIAL: "已核对官方文本",
    Confidence.SECONDARY: "二手来源一致",
    Confidence.UNVERIFIED: "未核实",
}
_ORDER = [Confidence.OFFICIAL, Confidence.SECONDARY, Confidence.UNVERIFIED]
