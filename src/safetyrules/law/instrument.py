"""Legal instruments (法律文件): laws, regulations, rules, standards and documents.

An :class:`Instrument` is one version of one instrument: 安全生产法 as amended in 2014 and as
amended in 2021 are two instruments, linked by ``successor``. Dates follow one convention:
``effective_from`` is the first day in force and ``repealed_on`` the first day no longer in
force, so an instrument is in force on ``d`` when ``effective_from <= d < repealed_on``.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

import attrs

from safetyrules.law.confidence import Confidence


class InstrumentKind(StrEnum):
    """The kind of a legal instrument (法律文件类别), by the body that may issue it.

    >>> InstrumentKind("部门规章").name
    'DEPARTMENTAL_RULE'
    """

    LAW = "法律"
    ADMINISTRATIVE_REGULATION = "行政法规"
    DEPARTMENTAL_RULE = "部门规章"
    NATIONAL_STANDARD = "国家标准"
    INDUSTRY_STANDARD = "行业标准"
    LOCAL_REGULATION = "地方性法规"
    LOCAL_GOVERNMENT_RULE = "地方政府规章"
    NORMATIVE_DOCUMENT = "规范性文件"
    LOCAL_STANDARD = "地方标准"

    @property
    def is_standard(self) -> bool:
        """Whether instruments of this kind are standards, cited by clause number."""
        return self in _STANDARDS


_STANDARDS = {
    InstrumentKind.NATIONAL_STANDARD,
    InstrumentKind.INDUSTRY_STANDARD,
    InstrumentKind.LOCAL_STANDARD,
}


@attrs.frozen
class Instrument:
    """One version of a legal instrument, with its dates (法律文件及其效力期间).

    >>> from datetime import date
    >>> law = Instrument(
    ...     id="work-safety-law-2021", kind=InstrumentKind.LAW,
    ...     title="中华人民共和国安全生产法", issuer="全国人民代表大会常务委员会",
    ...     effective_from=date(2021, 9, 1), edition="2021年修正",
    ... )
    >>> law.label
    '《中华人民共和国安全生产法》（2021年修正）'
    >>> law.in_force(date(2021, 9, 1)), law.in_force(date(2021, 8, 31))
    (True, False)
    """

    id: str
    kind: InstrumentKind
    title: str
    issuer: str
    effective_from: date
    short_title: str | None = None
    edition: str | None = None
    document_number: str | None = None
    promulgated_on: date | None = None
    repealed_on: date | None = None
    successor: str | None = None
    jurisdiction: str = "000000"
    confidence: Confidence = Confidence.OFFICIAL
    unverified_fields: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    note: str | None = None

    @property
    def qualifier(self) -> str | None:
        """What Chinese citations put in parentheses after the title: the edition
        (``2021年修正``) or else the document number (``应急管理部令第10号``)."""
        return self.edition or self.document_number

    @property
    def label(self) -> str:
        """The instrument as citations name it: 《title》（qualifier）."""
        qualifier = self.qualifier
        return f"《{self.title}》" + (f"（{qualifier}）" if qualifier else "")

    def in_force(self, on: date) -> bool:
        """Whether the instrument is in force on ``on`` (在该日期有效)."""
        return self.effective_from <= on and (self.repealed_on is None or on < self.repealed_on)

    @property
    def period(self) -> str:
        """The period in force as text, e.g. ``2014-12-01 至 2021-08-31`` or ``2021-09-01 起``."""
        if self.repealed_on is None:
            return f"{self.effective_from.isoformat()} 起"
        last_day = date.fromordinal(self.repealed_on.toordinal() - 1)
        return f"{self.effective_from.isoformat()} 至 {last_day.isoformat()}"
