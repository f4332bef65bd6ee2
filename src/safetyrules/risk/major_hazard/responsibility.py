"""The safety responsibility of named persons for a major hazard installation
(重大危险源安全包保责任制).

《危险化学品企业重大危险源安全包保责任制办法（试行）》 (应急厅〔2021〕12号, 2021-02-04, valid three
years; continuation after February 2024 unknown): three responsible persons per installation
(主要负责人, 技术负责人, 操作负责人) and their duties (第三条至第七条); all of 第六条 is
unverified. The roles shipped with the library are read from ``safetyrules/data/risk/major-hazard-duties.toml`` by
:mod:`~safetyrules.risk.major_hazard.duties_data`.

>>> [role.value for role in Role]
['主要负责人', '技术负责人', '操作负责人']
"""

from __future__ import annotations

from enum import StrEnum

import attrs

from safetyrules.law.citation import Citation
from safetyrules.law.confidence import Confidence
from safetyrules.risk.major_hazard.obligations import Frequency

RESPONSIBILITY_MEASURES = "hazchem-major-hazard-responsibility-measures-2021"
"""应急厅〔2021〕12号 in the catalogue."""


class Role(StrEnum):
    """A person responsible for a major hazard installation (重大危险源包保责任人).

    >>> Role.TECHNICAL.value
    '技术负责人'
    """

    PRINCIPAL = "主要负责人"
    TECHNICAL = "技术负责人"
    OPERATIONAL = "操作负责人"


@attrs.frozen
class RoleDuty:
    """One duty of a responsible person (包保职责).

    >>> from safetyrules.risk.major_hazard.duties_data import responsible_roles
    >>> d = responsible_roles()[0].duties[0]
    >>> str(d.citation.provision), d.confidence.value
    ('第四条第（一）项', 'secondary')
    """

    role: Role
    item: int | None
    text: str
    citation: Citation
    confidence: Confidence
    frequency: Frequency | None = None


@attrs.frozen
class ResponsibleRole:
    """A responsible person's role, who fills it and its duties (包保责任人及其职责).

    >>> from safetyrules.risk.major_hazard.duties_data import responsible_roles
    >>> r = responsible_roles()[2]
    >>> r.role.value, r.check_frequency.value, r.who_confidence.value
    ('操作负责人', '每周至少一次', 'unverified')
    """

    role: Role
    level: str
    who: str
    who_citation: Citation
    who_confidence: Confidence
    citation: Citation
    duties: tuple[RoleDuty, ...]

    @property
    def check_frequency(self) -> Frequency | None:
        """How often this person must run a risk and hidden-hazard check (隐患排查频次)."""
        return next((d.frequency for d in self.duties if d.frequency is not None), None)
