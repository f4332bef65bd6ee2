"""The rule text of hazard investigation and treatment as data (事故隐患排查治理条文).

《安全生产事故隐患排查治理暂行规定》（原国家安全生产监督管理总局令第16号） and
《中华人民共和国安全生产法》（2021年修正）第四十一条, as the entries of
``safetyrules/data/hazards/provisions.toml``: the definitions of 第三条, the basis of each step of
the closed loop (排查—登记—整治—监督—销号), the contents of a 重大事故隐患 report and of its
治理方案, and the deadlines of the statistical returns. Each entry carries its citation and how
sure the library is of it; ``quoted`` tells the article's wording from a summary of it.

>>> p = hazard_provision("general")
>>> p.name, p.confidence.value, p.quoted
('一般事故隐患', 'secondary', True)
>>> str(p.citation)
'《安全生产事故隐患排查治理暂行规定》（国家安全生产监督管理总局令第16号）第三条'
>>> [p.name for p in hazard_provisions(ProvisionKind.REPORT_PART)]
['隐患的现状及其产生原因', '隐患的危害程度和整改难易程度分析', '隐患的治理方案']
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from pathlib import Path

import attrs
from pydantic import BaseModel, ConfigDict, Field

from safetyrules.errors import RuleDataError, UnknownReference
from safetyrules.law.citation import Citation
from safetyrules.law.confidence import Confidence
from safetyrules.law.data_files import read_toml, validated
from safetyrules.law.reason import Reason

DATA_FILE = "hazards/provisions.toml"

PROVISIONS = "hazard-investigation-provisions"
"""原国家安全生产监督管理总局令第16号《安全生产事故隐患排查治理暂行规定》 in the catalogue."""


class ProvisionKind(StrEnum):
    """What an entry of the hazard rule data is (条文类别).

    >>> ProvisionKind("治理方案内容")
    <ProvisionKind.PLAN_PART: '治理方案内容'>
    """

    DEFINITION = "定义"
    STATUS = "闭环环节"
    RULE = "规则"
    REPORT_PART = "重大事故隐患报告内容"
    PLAN_PART = "治理方案内容"
    DEADLINE = "报送时限"


# The array of tables that holds each kind in the data file.
_TABLES = {
    "definition": ProvisionKind.DEFINITION,
    "status": ProvisionKind.STATUS,
    "rule": ProvisionKind.RULE,
    "report_part": ProvisionKind.REPORT_PART,
    "plan_part": ProvisionKind.PLAN_PART,
    "deadline": ProvisionKind.DEADLINE,
}
_WITH_FIELD = {ProvisionKind.REPORT_PART, ProvisionKind.PLAN_PART}


@attrs.frozen
class HazardProvision:
    """One entry of the hazard rule data (隐患排查治理条文条目).

    ``text`` is the article's wording as the sources reproduce it when ``quoted`` is true, a
    Chinese summary of it otherwise. ``field`` names the model field a report or plan part
    fills; ``month`` and ``day`` give a reporting deadline (no month: the next quarter's first).

    >>> p = hazard_provision("plan.funds-and-materials")
    >>> p.kind.value, p.field, p.name
    ('治理方案内容', 'funds_and_materials', '经费和物资的落实')
    """

    id: str
    kind: ProvisionKind
    name: str
    text: str
    citation: Citation
    confidence: Confidence
    quoted: bool
    sources: tuple[str, ...]
    note: str = ""
    field: str | None = None
    month: int | None = None
    day: int | None = None

    def reason(self, message: str, rule: str | None = None) -> Reason:
        """A :class:`~safetyrules.law.reason.Reason` resting on this entry (以本条为依据的判定理由).

        >>> print(hazard_provision("major").reason("判定为重大事故隐患").text())
        判定为重大事故隐患。依据：《安全生产事故隐患排查治理暂行规定》（国家安全生产监督管理总局令第16号）第三条
        """
        return Reason(
            rule=rule or f"hazard.{self.id}",
            message=message,
            citation=self.citation,
            confidence=self.confidence,
        )


def hazard_provisions(kind: ProvisionKind | None = None) -> tuple[HazardProvision, ...]:
    """The shipped entries, in file order, optionally of one kind (隐患排查治理条文).

    >>> len(hazard_provisions(ProvisionKind.PLAN_PART))
    6
    >>> sorted({p.confidence.value for p in hazard_provisions()})
    ['official', 'secondary', 'unverified']
    """
    entries = _shipped()
    return entries if kind is None else tuple(p for p in entries if p.kind is kind)


def hazard_provision(provision_id: str) -> HazardProvision:
    """The shipped entry with this id (按 id 查找条文).

    >>> hazard_provision("closed").name
    '销号'
    >>> hazard_provision("no-such-entry")
    Traceback (most recent call last):
    ...
    safetyrules.errors.UnknownReference: 未知的隐患排查治理条文: 'no-such-entry'
    """
    for entry in _shipped():
        if entry.id == provision_id:
            return entry
    raise UnknownReference("隐患排查治理条文", provision_id)


def _required_provision(provision_id: str) -> HazardProvision:
    """An entry the library's code needs; its absence is a data error, not a user's."""
    try:
        return hazard_provision(provision_id)
    except UnknownReference:
        raise RuleDataError(DATA_FILE, provision_id, "缺少这一条目") from None


def read_hazard_provisions(source: str | Path = DATA_FILE) -> tuple[HazardProvision, ...]:
    """Read and check a file in the hazard rule data format (读取隐患排查治理条文).

    A ``str`` names a packaged file; a :class:`~pathlib.Path` is a user's file. Every entry
    needs a citation to a catalogued instrument, a confidence and at least one source; ids are
    unique in the file; report and plan parts name their model field, deadlines their day.

    >>> import pathlib, tempfile
    >>> text = '''
    ... [[definition]]
    ... id = "general"
    ... name = "一般事故隐患"
    ... text = "……"
    ... confidence = "secondary"
    ... quoted = false
    ... sources = ["示例"]
    ... '''
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder, "provisions.toml")
    ...     _ = path.write_text(text, encoding="utf-8")
    ...     read_hazard_provisions(path)
    Traceback (most recent call last):
    ...
    safetyrules.errors.RuleDataError: ...provisions.toml [definition[0].citation]: Field required ...
    """
    file, document = read_toml(source)
    unknown = sorted(set(document) - set(_TABLES))
    if unknown:
        raise RuleDataError(file, unknown[0], f"未知的表数组，应为 {sorted(_TABLES)} 之一")
    entries: list[HazardProvision] = []
    seen: set[str] = set()
    fields: set[tuple[ProvisionKind, str]] = set()
    for table, kind in _TABLES.items():
        raw_entries = document.get(table, [])
        if not isinstance(raw_entries, list):
            raise RuleDataError(file, table, f"应为 [[{table}]] 表数组")
        for index, raw in enumerate(raw_entries):
            key = f"{table}[{index}]"
            entry = validated(_Entry, raw, file, key)
            if entry.id in seen:
                raise RuleDataError(file, f"{key}.id", f"id 重复: {entry.id!r}")
            seen.add(entry.id)
            _check_kind(entry, kind, file, key, fields)
            entries.append(
                HazardProvision(
                    id=entry.id,
                    kind=kind,
                    name=entry.name,
                    text=entry.text,
                    citation=entry.citation,
                    confidence=entry.confidence,
                    quoted=entry.quoted,
                    sources=tuple(entry.sources),
                    note=entry.note,
                    field=entry.field,
                    month=entry.month,
                    day=entry.day,
                )
            )
    if not entries:
        raise RuleDataError(file, "(file)", "文件中没有条目")
    return tuple(entries)


def _check_kind(
    entry: _Entry,
    kind: ProvisionKind,
    file: str,
    key: str,
    fields: set[tuple[ProvisionKind, str]],
) -> None:
    if kind in _WITH_FIELD:
        if entry.field is None:
            raise RuleDataError(file, f"{key}.field", "报告或治理方案的内容须写明字段名 field")
        if (kind, entry.field) in fields:
            raise RuleDataError(file, f"{key}.field", f"字段重复: {entry.field!r}")
        fields.add((kind, entry.field))
    elif entry.field is not None:
        raise RuleDataError(file, f"{key}.field", "只有报告或治理方案的内容才有 field")
    if kind is ProvisionKind.DEADLINE:
        if entry.day is None:
            raise RuleDataError(file, f"{key}.day", "报送时限须写明日 day")
    elif entry.day is not None or entry.month is not None:
        raise RuleDataError(file, f"{key}.day", "只有报送时限才有 month、day")


@cache
def _shipped() -> tuple[HazardProvision, ...]:
    return read_hazard_provisions(DATA_FILE)


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]*$")
    name: str = Field(min_length=1)
    text: str = Field(min_length=1)
    citation: Citation
    confidence: Confidence
    quoted: bool
    sources: list[str] = Field(min_length=1)
    note: str = ""
    field: str | None = Field(default=None, pattern=r"^[a-z][a-z_]*$")
    month: int | None = Field(default=None, ge=1, le=12)
    day: int | None = Field(default=None, ge=1, le=31)
