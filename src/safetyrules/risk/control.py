"""风险分级管控: which organisational level controls each risk level, and who answers for it.

"风险越大，管控级别越高；上级负责管控的风险，下级必须负责管控": a risk is controlled at its own
level and at every level below, down to the post (岗位). The rows of a 风险管控责任清单 come
from here. Data: ``safetyrules/data/risk/control.toml``.

>>> rule = control_rule(RiskLevel.LARGE)
>>> rule.control_level.value, rule.responsible
('部门级', '分管负责人')
>>> [c.value for c in controlled_at(RiskLevel.GENERAL)]
['车间级', '班组级', '岗位级']
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache

import attrs
from pydantic import BaseModel, ConfigDict, Field

from safetyrules.errors import InvalidInput, RuleDataError
from safetyrules.law.confidence import Confidence
from safetyrules.law.data_files import enumerate_tables, read_toml, validated
from safetyrules.risk.level import RiskLevel

DATA_FILE = "risk/control.toml"


class ControlLevel(StrEnum):
    """An organisational level that controls risks (管控层级), from the company down.

    >>> ControlLevel.WORKSHOP.below()
    (<ControlLevel.TEAM: '班组级'>, <ControlLevel.POST: '岗位级'>)
    """

    COMPANY = "公司级"
    DEPARTMENT = "部门级"
    WORKSHOP = "车间级"
    TEAM = "班组级"
    POST = "岗位级"

    def below(self) -> tuple[ControlLevel, ...]:
        """The levels under this one, in order (下级管控层级).

        >>> ControlLevel.TEAM.below(), ControlLevel.POST.below()
        ((<ControlLevel.POST: '岗位级'>,), ())
        """
        members = list(ControlLevel)
        return tuple(members[members.index(self) + 1 :])


@attrs.frozen
class ControlRule:
    """Who controls a risk level (分级管控要求).

    >>> rule = control_rule(RiskLevel.MAJOR)
    >>> rule.control_level.value, rule.responsible, rule.supervised_by
    ('公司级', '主要负责人', None)
    """

    risk_level: RiskLevel
    control_level: ControlLevel
    responsible: str
    supervised_by: ControlLevel | None
    requirements: str
    confidence: Confidence
    """How sure the control level is."""
    responsible_confidence: Confidence
    """How sure the 负责人 is (a separate source)."""
    sources: tuple[str, ...]


def control_rule(level: RiskLevel | str) -> ControlRule:
    """The control rule of a risk level (某级风险的管控要求).

    >>> control_rule("高风险")
    Traceback (most recent call last):
    ...
    safetyrules.errors.InvalidInput: level = '高风险': 应为 重大风险、较大风险、一般风险、低风险 之一
    """
    try:
        return _rules()[RiskLevel(level)]
    except ValueError:
        allowed = "、".join(member.value for member in RiskLevel)
        raise InvalidInput("level", level, f"应为 {allowed} 之一") from None


def controlled_at(level: RiskLevel | str) -> tuple[ControlLevel, ...]:
    """Every level that controls a risk of this level: its own and all below (逐级管控).

    >>> [c.value for c in controlled_at("低风险")]
    ['班组级', '岗位级']
    """
    own = control_rule(level).control_level
    return (own, *own.below())


class _LevelEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    risk_level: RiskLevel
    control_level: ControlLevel
    responsible: str = ""
    supervised_by: ControlLevel | None = None
    requirements: str = Field(min_length=1)
    confidence: Confidence
    responsible_confidence: Confidence | None = None


@cache
def _rules() -> dict[RiskLevel, ControlRule]:
    file, document = read_toml(DATA_FILE)
    sources = tuple(document.get("sources", ()))
    if not sources:
        raise RuleDataError(file, "sources", "须列出来源")
    rules: dict[RiskLevel, ControlRule] = {}
    for index, raw in enumerate_tables(document, "level", file):
        entry = validated(_LevelEntry, raw, file, f"level[{index}]")
        if entry.risk_level in rules:
            raise RuleDataError(file, f"level[{index}].risk_level", "重复的风险等级")
        rules[entry.risk_level] = ControlRule(
            risk_level=entry.risk_level,
            control_level=entry.control_level,
            responsible=entry.responsible,
            supervised_by=entry.supervised_by,
            requirements=entry.requirements,
            confidence=entry.confidence,
            responsible_confidence=entry.responsible_confidence or entry.confidence,
            sources=sources,
        )
    if set(rules) != set(RiskLevel):
        raise RuleDataError(file, "level", "须为四个风险等级各给出管控层级")
    ordered = [rules[level].control_level for level in sorted(RiskLevel, reverse=True)]
    members = list(ControlLevel)
    if [members.index(c) for c in ordered] != sorted(members.index(c) for c in ordered):
        raise RuleDataError(file, "level", "风险越大，管控层级应越高")
    return rules
