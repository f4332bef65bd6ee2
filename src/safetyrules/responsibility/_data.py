"""Shared by the responsibility modules: the statute they encode (《中华人民共和国安全生产法》
（2021年修正）) and its date check (施行日期检查).

>>> WORK_SAFETY_LAW
'work-safety-law-2021'
>>> require_work_safety_law(date(2021, 9, 1))
datetime.date(2021, 9, 1)
"""

from __future__ import annotations

from datetime import date

from safetyrules.checks import day
from safetyrules.errors import NotInForce
from safetyrules.law.catalogue import instrument

WORK_SAFETY_LAW = "work-safety-law-2021"
"""《中华人民共和国安全生产法》（2021年修正） in the catalogue."""


def require_work_safety_law(on: object) -> date:
    """The date, checked against the 施行日期 of the 2021 text (安全生产法施行日期检查);
    :class:`~safetyrules.errors.NotInForce` before 2021-09-01, as the 2014 text is not encoded.

    >>> require_work_safety_law(date(2021, 8, 31))
    Traceback (most recent call last):
    ...
    safetyrules.errors.NotInForce: work-safety-law-2021 于 2021-08-31 不在有效期内: ...2014年修正文本...未收录
    """
    checked = day("on", on)
    law = instrument(WORK_SAFETY_LAW)
    if checked < law.effective_from:
        raise NotInForce(
            WORK_SAFETY_LAW,
            checked,
            f"本库只收录{law.label}（{law.effective_from.isoformat()} 起施行）的安全生产责任规定；"
            "2014年修正文本的职责和配备要求未收录",
        )
    if not law.in_force(checked):
        raise NotInForce(
            WORK_SAFETY_LAW, checked, f"自 {law.repealed_on} 起失效，后续文本未收录", law.successor
        )
    return checked
