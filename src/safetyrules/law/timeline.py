"""Values that change with the law (随时间变化的规则值), as OpenFisca's dated parameters.

A :class:`Timeline` is a sequence of :class:`Dated` values, each in force from its start
until the next one starts; the last runs until the timeline's ``end`` (the first day no
longer in force, when the rule was repealed) or indefinitely. ``at(date)`` gives the value
in force on that date. A date before the first entry, or on or after the end, raises
:class:`~safetyrules.errors.NotInForce` (naming the successor when there is one): the
library never guesses a value for a date no rule covers.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Generic, TypeVar

import attrs

from safetyrules.errors import InvalidRule, NotInForce
from safetyrules.law.citation import Citation
from safetyrules.law.confidence import Confidence

T = TypeVar("T")


@attrs.frozen
class Dated(Generic[T]):
    """One value of a rule and the date it takes effect (某日起施行的规则值).

    >>> from datetime import date
    >>> Dated(date(2021, 9, 1), 30, Citation.parse("《生产安全事故报告和调查处理条例》第三条"))
    Dated(start=datetime.date(2021, 9, 1), value=30, citation=Citation(...), confidence=..., note=None)
    """

    start: date
    value: T
    citation: Citation
    confidence: Confidence = Confidence.OFFICIAL
    note: str | None = None


def _entries(entries: Sequence[Dated[T]]) -> tuple[Dated[T], ...]:
    return tuple(entries)


@attrs.frozen
class Timeline(Generic[T]):
    """A rule's values over time (规则值的时间线).

    >>> from datetime import date
    >>> cite = Citation.parse("《生产安全事故报告和调查处理条例》第三条")
    >>> t = Timeline("example", [Dated(date(2014, 12, 1), "旧", cite), Dated(date(2021, 9, 1), "新", cite)])
    >>> t.at(date(2021, 8, 31)), t.at(date(2021, 9, 1))
    ('旧', '新')
    >>> t.at(date(2014, 11, 30))
    Traceback (most recent call last):
    ...
    safetyrules.errors.NotInForce: example 于 2014-11-30 不在有效期内: 最早的规定自 2014-12-01 起施行
    """

    name: str
    entries: tuple[Dated[T], ...] = attrs.field(converter=_entries)
    end: date | None = None
    successor: str | None = None

    def __attrs_post_init__(self) -> None:
        if not self.entries:
            raise InvalidRule(f"{self.name}: 时间线至少需要一个取值")
        for earlier, later in zip(self.entries, self.entries[1:], strict=False):
            if later.start <= earlier.start:
                raise InvalidRule(
                    f"{self.name}: 生效日期必须严格递增（{earlier.start} 之后是 {later.start}）"
                )
        if self.end is not None and self.end <= self.entries[-1].start:
            raise InvalidRule(f"{self.name}: 失效日期 {self.end} 必须晚于最后一个生效日期")

    @property
    def start(self) -> date:
        """The first day any value is in force."""
        return self.entries[0].start

    def in_force(self, on: date) -> bool:
        """Whether some value is in force on ``on``."""
        return self.start <= on and (self.end is None or on < self.end)

    def entry_at(self, on: date) -> Dated[T]:
        """The dated entry in force on ``on``, with its citation (某日有效的取值及依据)."""
        if on < self.start:
            raise NotInForce(self.name, on, f"最早的规定自 {self.start.isoformat()} 起施行")
        if self.end is not None and on >= self.end:
            raise NotInForce(self.name, on, f"自 {self.end.isoformat()} 起不再有效", self.successor)
        current = self.entries[0]
        for entry in self.entries[1:]:
            if entry.start > on:
                break
            current = entry
        return current

    def at(self, on: date) -> T:
        """The value in force on ``on`` (某日有效的取值)."""
        return self.entry_at(on).value

    def last_day(self, entry: Dated[T]) -> date | None:
        """The last day ``entry`` is in force, or ``None`` when it has no end."""
        index = self.entries.index(entry)
        following = self.entries[index + 1].start if index + 1 < len(self.entries) else self.end
        return None if following is None else following - timedelta(days=1)
