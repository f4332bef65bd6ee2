"""The duties of the unit that holds a major hazard installation (重大危险源义务) under
原国家安全生产监督管理总局令第40号《危险化学品重大危险源监督管理暂行规定》 (2011-12-01).

Recording the identification (第七条), safety assessment (第八条), quantitative risk assessment
(第九条), re-assessment every three years and on six triggers (第十一条), monitoring, emergency
shutdown and SIS by grade (第十三条), drills (第二十一条), filing within 15 days (第二十三条).
Several of the article numbers are unverified; each item carries its confidence. The items
shipped with the library are read from
``safetyrules/data/risk/major-hazard-duties.toml`` by
:mod:`~safetyrules.risk.major_hazard.duties_data`.

>>> Frequency("每三年").name
'EVERY_THREE_YEARS'
"""

from __future__ import annotations

from enum import StrEnum

import attrs

from safetyrules.law.citation import Citation
from safetyrules.law.confidence import Confidence

PROVISIONS = "hazchem-major-hazard-provisions"
"""原总局令第40号 in the catalogue."""

# The obligations decided by grade and substance rather than listed (第九条, 第十三条).
QRA = "quantitative-risk-assessment"
EMERGENCY_SHUTDOWN = "emergency-shutdown"
SIS = "safety-instrumented-system"


class Frequency(StrEnum):
    """How often a duty recurs (频次).

    >>> Frequency("每周至少一次").name
    'WEEKLY'
    """

    WEEKLY = "每周至少一次"
    QUARTERLY = "每季度至少一次"
    HALF_YEARLY = "每半年至少一次"
    YEARLY = "每年至少一次"
    EVERY_THREE_YEARS = "每三年"


@attrs.frozen
class Obligation:
    """A duty of the unit that holds a major hazard installation (重大危险源义务).

    ``grades`` lists the grades it applies to (empty: every major hazard installation);
    ``all_units`` marks a duty for every identified unit; ``condition`` states any further
    condition in words.

    >>> from safetyrules.risk.major_hazard.duties_data import obligations
    >>> o = obligations()[-3]
    >>> o.id, o.deadline_days, str(o.citation)
    ('filing', 15, '《危险化学品重大危险源监督管理暂行规定》（国家安全生产监督管理总局令第40号）第二十三条')
    """

    id: str
    text: str
    citation: Citation
    confidence: Confidence
    grades: tuple[int, ...] = ()
    all_units: bool = False
    condition: str = ""
    frequency: Frequency | None = None
    deadline_days: int | None = None
    sources: tuple[str, ...] = ()

    def applies_to(self, grade: int) -> bool:
        """Whether the duty applies to an installation of this grade (condition aside)."""
        return not self.grades or grade in self.grades


@attrs.frozen
class ReassessmentTrigger:
    """A case that calls for new identification, assessment and grading
    (重新辨识、安全评估及分级的情形, 第40号令第十一条).

    >>> from safetyrules.risk.major_hazard.duties_data import reassessment_triggers
    >>> reassessment_triggers()[0].text
    '重大危险源安全评估已满三年的'
    """

    item: int
    text: str
    citation: Citation
    confidence: Confidence
