"""Jurisdiction overlays (地方规定覆盖国家规定): the most specific rule in force wins.

An :class:`Overlay` holds one :class:`~safetyrules.law.timeline.Timeline` per jurisdiction
that has its own rule. Resolving it for a place walks from that place up to the nation and
takes the first level whose rule is in force on the date; the result says which level it
came from.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from types import MappingProxyType
from typing import Generic, TypeVar

import attrs

from safetyrules.errors import InvalidRule, NotInForce
from safetyrules.law.jurisdiction import Jurisdiction, jurisdiction
from safetyrules.law.reason import InputValue, Reason
from safetyrules.law.timeline import Dated, Timeline

T = TypeVar("T")


def _frozen_mapping(value: Mapping[str, Timeline[T]]) -> Mapping[str, Timeline[T]]:
    return MappingProxyType(dict(value))


@attrs.frozen
class Resolved(Generic[T]):
    """A rule value resolved for a place and a date (适用的规则值), with where it came from.

    >>> from datetime import date
    >>> from safetyrules.law.parameters import read_parameters
    >>> rules = read_parameters("accidents/reporting.toml")
    >>> r = rules["accident.report.per_level_hours"].resolve("330402", date(2022, 1, 1))
    >>> r.value, r.level_note
    (2, '南湖区无专门规定，适用中华人民共和国规定')
    >>> print(r.reason("每级上报的时间不得超过2小时").text())
    每级上报的时间不得超过2小时。依据：《生产安全事故报告和调查处理条例》（国务院令第493号）第十一条
    """

    name: str
    value: T
    entry: Dated[T]
    source: Jurisdiction
    place: Jurisdiction
    on: date

    def reason(self, message: str, inputs: Mapping[str, InputValue] | None = None) -> Reason:
        """A :class:`~safetyrules.law.reason.Reason` for this value, naming its level."""
        return Reason(
            rule=self.name,
            message=message,
            citation=self.entry.citation,
            inputs=dict(inputs or {}),
            confidence=self.entry.confidence,
            jurisdiction=self.source.code,
        )

    @property
    def level_note(self) -> str:
        """Which level the rule came from, in Chinese (适用层级)."""
        if self.source.code == self.place.code:
            return f"适用{self.source.name}规定"
        return f"{self.place.name}无专门规定，适用{self.source.name}规定"


@attrs.frozen
class Overlay(Generic[T]):
    """Rule values by jurisdiction (分地区规定), resolved from the most specific level up.

    >>> from datetime import date
    >>> from safetyrules.law.citation import Citation
    >>> cite = Citation.parse("《生产安全事故报告和调查处理条例》第三条")
    >>> rule = Overlay("example", {
    ...     "000000": Timeline("national", [Dated(date(2007, 6, 1), 1, cite)]),
    ...     "330000": Timeline("zhejiang", [Dated(date(2016, 7, 29), 2, cite)]),
    ... })
    >>> r = rule.resolve("330402", date(2020, 1, 1))
    >>> r.value, r.source.name, r.level_note
    (2, '浙江省', '南湖区无专门规定，适用浙江省规定')
    >>> rule.resolve("330402", date(2010, 1, 1)).source.name
    '中华人民共和国'
    """

    name: str
    timelines: Mapping[str, Timeline[T]] = attrs.field(converter=_frozen_mapping)

    def __attrs_post_init__(self) -> None:
        if not self.timelines:
            raise InvalidRule(f"{self.name}: 至少需要一个地区的规定")
        for code in self.timelines:
            jurisdiction(code)

    def resolve(self, place: str, on: date) -> Resolved[T]:
        """The value in force on ``on`` for ``place`` (a 6-digit code), most specific first."""
        here = jurisdiction(place)
        for level in here.chain():
            timeline = self.timelines.get(level.code)
            if timeline is not None and timeline.in_force(on):
                entry = timeline.entry_at(on)
                return Resolved(self.name, entry.value, entry, level, here, on)
        raise NotInForce(self.name, on, f"{here.full_name or here.name}及其上级均无有效规定")
