"""The catalogue of instruments the library cites (法律文件目录).

Packaged instruments live in ``safetyrules/data/instruments/*.toml`` and are read on first
use, not at import. Users add their own (a province's 裁量基准, a company's 评分细则) with
:func:`register_instruments`; the same validation applies.

>>> from datetime import date
>>> instrument("work-safety-law-2021").label
'《中华人民共和国安全生产法》（2021年修正）'
>>> "work-safety-law-2014" in {i.id for i in in_force(date(2020, 1, 1))}
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date
from functools import cache
from pathlib import Path
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from safetyrules.errors import NotInForce, RuleDataError, UnknownReference
from safetyrules.law.confidence import Confidence
from safetyrules.law.data_files import enumerate_tables, packaged_files, read_toml, validated
from safetyrules.law.instrument import Instrument, InstrumentKind

_ID = re.compile(r"^[a-z0-9]+(?:[-.][a-z0-9]+)*$")


class _InstrumentEntry(BaseModel):
    """The schema of one ``[[instrument]]`` table."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=_ID.pattern)
    kind: InstrumentKind
    # A title quoted inside a title takes 〈〉, as Chinese typography nests quotation marks.
    title: str = Field(min_length=1, pattern=r"^[^《》]+$")
    short_title: str | None = None
    edition: str | None = None
    issuer: str = Field(min_length=1)
    document_number: str | None = None
    promulgated_on: date | None = None
    effective_from: date
    repealed_on: date | None = None
    successor: str | None = None
    jurisdiction: str = Field(pattern=r"^\d{6}$")
    confidence: Confidence
    unverified_fields: tuple[str, ...] = ()
    sources: tuple[str, ...] = Field(min_length=1)
    note: str | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.repealed_on is not None and self.repealed_on <= self.effective_from:
            raise ValueError("repealed_on 必须晚于 effective_from")
        if self.promulgated_on is not None and self.promulgated_on > self.effective_from:
            raise ValueError("promulgated_on 不能晚于 effective_from")
        unknown = set(self.unverified_fields) - set(type(self).model_fields)
        if unknown:
            raise ValueError(f"unverified_fields 中有未知字段: {sorted(unknown)}")
        if self.confidence is Confidence.UNVERIFIED and not self.unverified_fields:
            raise ValueError("confidence 为 unverified 时必须列出 unverified_fields")
        return self

    def build(self) -> Instrument:
        return Instrument(**self.model_dump())


class Catalogue:
    """A registry of instruments by id (法律文件目录), checked as a whole on every change.

    Checks: ids unique; every ``successor`` names a known instrument; no two instruments
    share a title and a qualifier (their citations would be ambiguous).

    >>> law = instrument("work-safety-law-2021")
    >>> registry = Catalogue()
    >>> registry.add([(law, "instruments/laws.toml [instrument[3]]")])
    >>> "work-safety-law-2021" in registry, len(registry)
    (True, 1)
    >>> registry.add([(law, "mine.toml [instrument[0]]")])
    Traceback (most recent call last):
    ...
    safetyrules.errors.RuleDataError: mine.toml [instrument[0]] [id]: 重复的 id 'work-safety-law-2021'（已见于 instruments/laws.toml [instrument[3]]）
    """

    def __init__(self) -> None:
        self._by_id: dict[str, Instrument] = {}
        self._origin: dict[str, str] = {}

    def add(self, instruments: Iterable[tuple[Instrument, str]]) -> None:
        """Add instruments, each with the ``file [key]`` it came from, all or none."""
        staged = dict(self._by_id)
        origin = dict(self._origin)
        for item, where in instruments:
            if item.id in staged:
                raise RuleDataError(
                    where, "id", f"重复的 id {item.id!r}（已见于 {origin[item.id]}）"
                )
            staged[item.id] = item
            origin[item.id] = where
        labels: dict[tuple[str, str | None], str] = {}
        for item in staged.values():
            if item.successor is not None and item.successor not in staged:
                raise RuleDataError(
                    origin[item.id], "successor", f"未知的后继文件 {item.successor!r}"
                )
            key = (item.title, item.qualifier)
            if key in labels:
                raise RuleDataError(
                    origin[item.id], "title", f"与 {labels[key]} 的标题和版本相同，引用将无法区分"
                )
            labels[key] = item.id
        self._by_id, self._origin = staged, origin

    def get(self, instrument_id: str) -> Instrument:
        """The instrument with this id; an unknown id is an error."""
        try:
            return self._by_id[instrument_id]
        except KeyError:
            raise UnknownReference("法律文件", instrument_id) from None

    def __iter__(self) -> Iterator[Instrument]:
        return iter(self._by_id.values())

    def __contains__(self, instrument_id: object) -> bool:
        return instrument_id in self._by_id

    def __len__(self) -> int:
        return len(self._by_id)

    def with_title(self, title: str) -> list[Instrument]:
        """All versions of the instruments whose full or short title is ``title``."""
        return [i for i in self._by_id.values() if title in (i.title, i.short_title)]


def read_instruments(source: str | Path) -> list[tuple[Instrument, str]]:
    """Read and validate one instrument file (读取法律文件目录数据), a packaged name or a
    user's path, each instrument with the ``file [key]`` it came from.

    The instruments are not added to the catalogue (see :func:`register_instruments`).

    >>> entries = read_instruments("instruments/laws.toml")
    >>> law, where = entries[3]
    >>> law.label, where
    ('《中华人民共和国安全生产法》（2021年修正）', 'instruments/laws.toml [instrument[3]]')
    """
    file, document = read_toml(source)
    extra = set(document) - {"instrument"}
    if extra:
        raise RuleDataError(file, sorted(extra)[0], "未知的顶层键")
    return [
        (
            validated(_InstrumentEntry, entry, file, f"instrument[{index}]").build(),
            f"{file} [instrument[{index}]]",
        )
        for index, entry in enumerate_tables(document, "instrument", file)
    ]


@cache
def catalogue() -> Catalogue:
    """The catalogue, loaded from the packaged data on first use (法律文件目录).

    >>> [i.edition for i in catalogue().with_title("安全生产法")]
    ['2002年', '2009年修正', '2014年修正', '2021年修正']
    """
    result = Catalogue()
    # One batch, so that a successor may be defined in another file.
    result.add(
        [entry for name in packaged_files("instruments") for entry in read_instruments(name)]
    )
    return result


def _reset_registered() -> None:
    """Forget the users' instruments: the next call reloads the packaged catalogue (for tests)."""
    catalogue.cache_clear()


def register_instruments(source: Path) -> list[Instrument]:
    """Add a user's instrument file to the catalogue (登记自定义法律文件).

    The file uses the packaged format (``[[instrument]]`` tables). Its instruments can then be
    cited and resolved like the packaged ones. A file that conflicts with the 法律文件目录 adds
    nothing:

    >>> import tempfile
    >>> text = '''
    ... [[instrument]]
    ... id = "work-safety-law-2021"
    ... kind = "地方性法规"
    ... title = "示例条例"
    ... issuer = "某省人民代表大会常务委员会"
    ... effective_from = 2020-01-01
    ... jurisdiction = "330000"
    ... confidence = "official"
    ... sources = ["示例"]
    ... '''
    >>> before = len(catalogue())
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder, "instruments.toml")
    ...     _ = path.write_text(text, encoding="utf-8")
    ...     register_instruments(path)
    Traceback (most recent call last):
    ...
    safetyrules.errors.RuleDataError: ... [id]: 重复的 id 'work-safety-law-2021'（已见于 ...）
    >>> len(catalogue()) == before
    True
    """
    entries = read_instruments(source)
    catalogue().add(entries)
    return [item for item, _ in entries]


def instrument(instrument_id: str) -> Instrument:
    """The instrument with this id (按 id 查找法律文件).

    >>> instrument("accident-reporting-regulation").document_number
    '国务院令第493号'
    """
    return catalogue().get(instrument_id)


def in_force(on: date, jurisdictions: Iterable[str] = ("000000",)) -> list[Instrument]:
    """Instruments in force on ``on`` in the given jurisdictions (某日有效的法律文件).

    Pass a jurisdiction's chain of codes to include its local instruments (地方性法规、规章).

    >>> from datetime import date
    >>> from safetyrules.law.jurisdiction import jurisdiction
    >>> national = {i.id for i in in_force(date(2022, 1, 1))}
    >>> "work-safety-law-2021" in national, "work-safety-law-2014" in national
    (True, False)
    >>> chain = [level.code for level in jurisdiction("330402").chain()]
    >>> local = {i.id for i in in_force(date(2022, 1, 1), chain)}
    >>> "zhejiang-work-safety-regulation-2016" in local - national
    True
    """
    codes = set(jurisdictions)
    return [i for i in catalogue() if i.jurisdiction in codes and i.in_force(on)]


def require_in_force(instrument_id: str, on: date) -> Instrument:
    """The instrument if 现行有效 on ``on``, or :class:`~safetyrules.errors.NotInForce`
    naming its successor.

    >>> from datetime import date
    >>> require_in_force("work-safety-law-2021", date(2022, 1, 1)).edition
    '2021年修正'
    >>> require_in_force("work-safety-law-2014", date(2022, 1, 1))
    Traceback (most recent call last):
    ...
    safetyrules.errors.NotInForce: work-safety-law-2014 于 2022-01-01 不在有效期内: 自 2021-09-01 起失效；后继规则 work-safety-law-2021
    """
    item = instrument(instrument_id)
    if on < item.effective_from:
        raise NotInForce(item.id, on, f"{item.effective_from.isoformat()} 起施行")
    if not item.in_force(on):
        raise NotInForce(item.id, on, f"自 {item.repealed_on} 起失效", item.successor)
    return item
