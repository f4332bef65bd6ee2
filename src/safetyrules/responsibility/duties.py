"""Statutory safety duties (法定安全生产职责): who in a 生产经营单位 must do what.

《中华人民共和国安全生产法》（2021年修正）: the 主要负责人's seven duties (第二十一条), the
安全生产管理机构以及安全生产管理人员's seven duties (第二十五条第一款), the 其他负责人's
responsibility for their own field (第五条), and the 全员安全生产责任制 itself (第二十二条: each
post's 责任人员、责任范围和考核标准, and a mechanism of 监督考核). Each duty has a stable id and its
text quoted verbatim from the official text. Data: ``safetyrules/data/responsibility/duties.toml``.

The 2014 text is not encoded: a date before 2021-09-01 is :class:`~safetyrules.errors.NotInForce`.

>>> from datetime import date
>>> d = statutory_duty("principal.accident-reporting", on=date(2024, 1, 1))
>>> d.text, str(d.citation.provision)
('及时、如实报告生产安全事故', '第二十一条第（七）项')
>>> len(statutory_duties(on=date(2024, 1, 1), holder="主要负责人"))
7
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Literal

import attrs
from pydantic import BaseModel, ConfigDict, Field

from safetyrules.errors import InvalidInput, RuleDataError, UnknownReference
from safetyrules.law.catalogue import instrument
from safetyrules.law.citation import Citation
from safetyrules.law.confidence import Confidence
from safetyrules.law.data_files import enumerate_tables, read_toml, validated
from safetyrules.responsibility._data import require_work_safety_law

DATA_FILE = "responsibility/duties.toml"
"""The packaged statutory duties (法定职责数据文件), read by :func:`read_statutory_duties`."""


class DutyHolder(StrEnum):
    """Who the statute gives a duty to (职责主体).

    >>> DutyHolder("其他负责人").name
    'OTHER_LEADER'
    """

    PRINCIPAL = "主要负责人"
    OTHER_LEADER = "其他负责人"
    SAFETY_MANAGEMENT = "安全生产管理机构以及安全生产管理人员"
    UNIT = "生产经营单位"


class Coverage(StrEnum):
    """How a duty counts as carried by the posts of a 全员安全生产责任制 (职责落实方式).

    This is the library's checking method, not statutory wording.

    >>> Coverage.EACH.value
    '每个相应岗位承担'
    """

    ANY = "至少一个相应岗位承担"
    EACH = "每个相应岗位承担"
    POST_CONTENTS = "逐岗位明确内容"


_COVERAGE = {"any": Coverage.ANY, "each": Coverage.EACH, "post-contents": Coverage.POST_CONTENTS}


@attrs.frozen
class StatutoryDuty:
    """One statutory duty (法定职责) with its verbatim text and citation.

    >>> from datetime import date
    >>> d = statutory_duty("other-leader.scope", on=date(2022, 1, 1))
    >>> d.holder.value, d.coverage.value, d.assignable
    ('其他负责人', '每个相应岗位承担', True)
    """

    id: str
    holder: DutyHolder
    coverage: Coverage
    text: str
    """The statute's words (条文原文), without the closing ；or 。."""
    citation: Citation
    confidence: Confidence

    @property
    def assignable(self) -> bool:
        """Whether the duty is assigned to posts (可分配给岗位); 第二十二条第一款 is checked
        post by post instead."""
        return self.coverage is not Coverage.POST_CONTENTS


def statutory_duties(
    *, on: date, holder: DutyHolder | str | None = None
) -> tuple[StatutoryDuty, ...]:
    """The statutory duties in force on a date, optionally of one holder (法定职责清单).

    In the order of the data file: 主要负责人, 其他负责人, 安全生产管理机构以及安全生产管理人员,
    生产经营单位.

    >>> from datetime import date
    >>> [d.id for d in statutory_duties(on=date(2022, 1, 1), holder="生产经营单位")]
    ['all-staff.post-contents', 'all-staff.supervision-mechanism']
    >>> statutory_duties(on=date(2020, 1, 1))
    Traceback (most recent call last):
    ...
    safetyrules.errors.NotInForce: work-safety-law-2021 于 2020-01-01 不在有效期内: ...
    """
    checked = require_work_safety_law(on)
    wanted = None if holder is None else _holder(holder)
    return tuple(
        d
        for d in _shipped()
        if instrument(d.citation.instrument).in_force(checked)
        and (wanted is None or d.holder is wanted)
    )


def statutory_duty(duty_id: str, *, on: date) -> StatutoryDuty:
    """The statutory duty with this id in force on a date (按 id 查找法定职责).

    >>> from datetime import date
    >>> statutory_duty("principal.unknown", on=date(2022, 1, 1))
    Traceback (most recent call last):
    ...
    safetyrules.errors.UnknownReference: 未知的法定职责 id: 'principal.unknown'
    """
    for found in statutory_duties(on=on):
        if found.id == duty_id:
            return found
    raise UnknownReference("法定职责 id", duty_id)


def read_statutory_duties(source: str | Path) -> tuple[StatutoryDuty, ...]:
    """Read and check a duties file in the packaged format (读取法定职责数据文件).

    Every defect is a :class:`~safetyrules.errors.RuleDataError` naming the file and key.

    >>> len(read_statutory_duties(DATA_FILE))
    17
    """
    file, document = read_toml(source)
    extra = set(document) - {"duty"}
    if extra:
        raise RuleDataError(file, sorted(extra)[0], "未知的顶层键")
    found: list[StatutoryDuty] = []
    for index, raw in enumerate_tables(document, "duty", file):
        key = f"duty[{index}]"
        entry = validated(_DutyEntry, raw, file, key)
        if any(d.id == entry.id for d in found):
            raise RuleDataError(file, f"{key}.id", f"重复的 id {entry.id!r}")
        if any(d.citation == entry.citation and d.text == entry.text for d in found):
            raise RuleDataError(file, f"{key}.text", "与前面的职责重复")
        if entry.citation.provision is None or entry.citation.provision.article is None:
            raise RuleDataError(file, f"{key}.citation", "须写明条（如 第二十一条第（一）项）")
        coverage = _COVERAGE[entry.coverage]
        if coverage is Coverage.EACH and entry.holder is DutyHolder.UNIT:
            raise RuleDataError(file, f"{key}.coverage", "生产经营单位的职责不能按每个岗位检查")
        found.append(
            StatutoryDuty(
                id=entry.id,
                holder=entry.holder,
                coverage=coverage,
                text=entry.text,
                citation=entry.citation,
                confidence=entry.confidence,
            )
        )
    return tuple(found)


class _DutyEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9]+(?:[-.][a-z0-9]+)*$")
    holder: DutyHolder
    coverage: Literal["any", "each", "post-contents"]
    citation: Citation
    text: str = Field(min_length=1, pattern=r"[^；。]$")
    confidence: Confidence


@cache
def _shipped() -> tuple[StatutoryDuty, ...]:
    return read_statutory_duties(DATA_FILE)


def _holder(value: DutyHolder | str) -> DutyHolder:
    try:
        return DutyHolder(value)
    except ValueError:
        allowed = "、".join(member.value for member in DutyHolder)
        raise InvalidInput("holder", value, f"应为 {allowed} 之一") from None
