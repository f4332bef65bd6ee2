"""Band schemes (风险分级方案): how a method's score maps to its own grade and the four levels.

No national text fixes the score bands: they are practice, so they are named presets with
their sources, and users register their own (a province's or a company's) in the same TOML
format. Each band states its inclusivity in interval notation (``(20, 70]``); loading checks
that the bands meet with no gap and no overlap and that every score the method can produce
falls in exactly one band. Data: ``safetyrules/data/risk/schemes.toml``.

>>> s = scheme("lec")
>>> s.band_for(70).grade, s.band_for(70).level.value
('4级', '低风险')
>>> [b.range for b in scheme("ls-db37").rows]
['[1, 8]', '(8, 12]', '(12, 16]', '(16, 25]']
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from functools import cache
from itertools import pairwise
from pathlib import Path

import attrs
from pydantic import BaseModel, ConfigDict, Field

from safetyrules.checks import quantity
from safetyrules.errors import InvalidInput, InvalidRule, RuleDataError, UnknownReference
from safetyrules.law.band import Band, BandTable
from safetyrules.law.confidence import Confidence
from safetyrules.law.data_files import enumerate_tables, read_toml, validated
from safetyrules.law.jurisdiction import NATION_CODE, jurisdiction
from safetyrules.risk.level import RiskLevel
from safetyrules.risk.methods import Method, MethodName, method

DATA_FILE = "risk/schemes.toml"

_NUMBER = r"[0-9]+(?:\.[0-9]+)?"
_INTERVAL = re.compile(
    rf"^(?P<open>[\[(])\s*(?P<lower>{_NUMBER})?\s*,\s*(?P<upper>{_NUMBER}|∞|\+∞)?\s*(?P<close>[\])])$"
)


@attrs.frozen
class SchemeBand:
    """One band of a scheme (分级方案的一档): its interval, the method's own grade and the
    risk level.

    >>> band = scheme("lec").band_for(160)
    >>> band.range, band.grade, band.level.value, band.description
    ('(70, 160]', '3级', '一般风险', '显著危险，需要整改')
    """

    range: str
    level: RiskLevel
    grade: str | None = None
    description: str | None = None

    @property
    def label(self) -> str:
        """The grade (when the scheme has its own) and the level, as a report writes them
        (级别及风险等级).

        >>> scheme("lec").rows[0].label
        '5级（低风险）'
        """
        return f"{self.grade}（{self.level.value}）" if self.grade else self.level.value


@attrs.frozen
class Scheme:
    """A named band scheme for one method (风险分级方案).

    ``jurisdiction`` and ``default`` say where it is the default scheme; ``effective_from`` and
    ``repealed_on`` (optional) date a scheme laid down by a province or a company.

    >>> lec = scheme("lec")
    >>> lec.method.value, lec.default, lec.jurisdiction
    ('LEC', True, '000000')
    """

    id: str
    method: MethodName
    name: str
    bands: BandTable[SchemeBand]
    confidence: Confidence
    sources: tuple[str, ...]
    note: str = ""
    default: bool = False
    jurisdiction: str = NATION_CODE
    effective_from: date | None = None
    repealed_on: date | None = None

    @property
    def rows(self) -> tuple[SchemeBand, ...]:
        """The bands from the lowest score up, as a docs page or a pick-list shows them
        (分级表).

        >>> [b.label for b in scheme("ls-zgmkw").rows]
        ['Ⅳ级（低风险）', 'Ⅲ级（一般风险）', 'Ⅱ级（较大风险）', 'Ⅰ级（重大风险）']
        """
        return tuple(band.value for band in self.bands.bands)

    def band_for(self, score: Decimal | int | str) -> SchemeBand:
        """The band a score falls in (分值所在档次); a score that is not a finite non-negative
        number is an :class:`~safetyrules.errors.InvalidInput`.

        >>> scheme("lec").band_for("320").label
        '2级（较大风险）'
        """
        return self.bands.value_for(quantity("score", score))

    def in_force(self, on: date | None) -> bool:
        """Whether the scheme applies on a date (是否施行; undated schemes always do).

        >>> import attrs
        >>> from datetime import date
        >>> later = attrs.evolve(scheme("lec"), effective_from=date(2025, 1, 1))
        >>> later.in_force(date(2024, 12, 31)), later.in_force(date(2025, 1, 1))
        (False, True)
        """
        if on is None:
            return self.repealed_on is None
        if self.effective_from is not None and on < self.effective_from:
            return False
        return self.repealed_on is None or on < self.repealed_on


def parse_interval(text: str) -> Band[None]:
    """Read interval notation (区间记号): ``[a, b)``, ``(a, b]``, ``[a, b]``, ``(a, ∞)``.

    >>> b = parse_interval("(20, 70]")
    >>> b.contains(20), b.contains(70)
    (False, True)
    >>> parse_interval("[1, 8")
    Traceback (most recent call last):
    ...
    safetyrules.errors.InvalidRule: 无法识别的区间 '[1, 8'，应写作 [a, b)、(a, b]、[a, b] 或 (a, ∞)
    """
    match = _INTERVAL.match(text.strip())
    if match is None:
        raise InvalidRule(f"无法识别的区间 {text!r}，应写作 [a, b)、(a, b]、[a, b] 或 (a, ∞)")
    unbounded_upper = match["upper"] in (None, "∞", "+∞")
    if unbounded_upper and match["close"] != ")":
        raise InvalidRule(f"区间 {text!r} 无上界时应以 ) 结尾")
    if match["lower"] is None:
        raise InvalidRule(f"区间 {text!r} 须写明下界")
    return Band(
        None,
        Decimal(match["lower"]),
        None if unbounded_upper else Decimal(match["upper"]),
        lower_inclusive=match["open"] == "[",
        upper_inclusive=match["close"] == "]",
    )


def scheme(scheme_id: str) -> Scheme:
    """The scheme with this id, shipped or registered (按 id 查找分级方案).

    >>> scheme("mes").band_for(180).level.value
    '重大风险'
    """
    for candidate in _all():
        if candidate.id == scheme_id:
            return candidate
    known = "、".join(s.id for s in _all())
    raise UnknownReference(f"风险分级方案（已有：{known}）", scheme_id)


def schemes(method_name: MethodName | str | None = None) -> tuple[Scheme, ...]:
    """Every scheme, or those of one method (全部分级方案).

    >>> [s.id for s in schemes("LS")]
    ['ls-db37', 'ls-zgmkw', 'ls-city-hazchem', 'ls-academic']
    """
    if method_name is None:
        return _all()
    wanted = method(method_name).id
    return tuple(s for s in _all() if s.method is wanted)


def default_scheme(
    method_name: MethodName | str, *, jurisdiction_code: str = NATION_CODE, on: date | None = None
) -> Scheme:
    """The default scheme of a method for a place and date: the most specific jurisdiction
    with a default scheme in force wins, up to the nation (默认分级方案).

    >>> default_scheme("LEC").id
    'lec'
    """
    wanted = method(method_name).id
    for level in jurisdiction(jurisdiction_code).chain():  # the place first, the nation last
        for candidate in reversed(_all()):  # a later registration overrides an earlier one
            if (
                candidate.default
                and candidate.method is wanted
                and candidate.jurisdiction == level.code
                and candidate.in_force(on)
            ):
                return candidate
    raise UnknownReference(f"{wanted.value} 的默认分级方案", jurisdiction_code)


def read_schemes(source: str | Path) -> tuple[Scheme, ...]:
    """Read and check a scheme file (读取分级方案文件) without registering it.

    Every defect is a :class:`~safetyrules.errors.RuleDataError` naming the file and key:
    a malformed interval, a gap or overlap, a reachable score no band covers. A ``str`` names
    a packaged file; a :class:`~pathlib.Path` is a user's file.

    >>> [s.id for s in read_schemes("risk/schemes.toml")][:3]
    ['lec', 'lec-lower-inclusive', 'ls-db37']
    """
    file, document = read_toml(source)
    return tuple(
        _build(validated(_SchemeEntry, raw, file, f"scheme[{index}]"), file, f"scheme[{index}]")
        for index, raw in enumerate_tables(document, "scheme", file)
    )


def schemes_to_toml(chosen: Iterable[Scheme]) -> str:
    """Write schemes in the file format :func:`read_schemes` reads (导出分级方案).

    >>> text = schemes_to_toml([scheme("ls-zgmkw")])
    >>> print(text.splitlines()[1])
    id = "ls-zgmkw"
    """
    import tomli_w

    def entry(item: Scheme) -> dict[str, object]:
        data: dict[str, object] = {
            "id": item.id,
            "method": item.method.value,
            "name": item.name,
            "default": item.default,
            "jurisdiction": item.jurisdiction,
            "confidence": item.confidence.value,
            "sources": list(item.sources),
            "note": item.note,
        }
        if item.effective_from is not None:
            data["effective_from"] = item.effective_from
        if item.repealed_on is not None:
            data["repealed_on"] = item.repealed_on
        data["bands"] = [
            {
                key: value
                for key, value in (
                    ("range", band.range),
                    ("level", band.level.value),
                    ("grade", band.grade),
                    ("description", band.description),
                )
                if value is not None
            }
            for band in item.rows
        ]
        return data

    return tomli_w.dumps({"scheme": [entry(item) for item in chosen]})


def register_schemes(source: str | Path) -> tuple[Scheme, ...]:
    """Add the schemes of a user's file to the registry (登记自定义分级方案).

    Ids must not clash with shipped or already registered schemes. A scheme with
    ``default = true`` becomes the default for every enterprise in its jurisdiction, from its
    ``effective_from`` (a later registration wins over an earlier one for the same place): use
    it for a province's or city's own scheme; a company's scheme is better passed as
    ``scheme=``.
    Registration is per process: pass :class:`Scheme` objects (picklable) to work in other
    processes, or register the same file there.

    >>> import pathlib, tempfile
    >>> text = '''
    ... [[scheme]]
    ... id = "ls-company"
    ... method = "LS"
    ... name = "企业 LS 三级"
    ... confidence = "secondary"
    ... sources = ["企业风险分级管控制度"]
    ... bands = [
    ...     { range = "[1, 6]", level = "低风险" },
    ...     { range = "(6, 15]", level = "一般风险" },
    ...     { range = "(15, 25]", level = "重大风险" },
    ... ]
    ... '''
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder, "schemes.toml")
    ...     _ = path.write_text(text, encoding="utf-8")
    ...     added = register_schemes(path)
    >>> [s.id for s in added], scheme("ls-company").band_for(20).level.value
    (['ls-company'], '重大风险')
    >>> from safetyrules.risk.schemes import _reset_registered
    >>> _reset_registered()
    """
    new = read_schemes(source)
    with _LOCK:
        seen = {s.id for s in _all()}
        clashes = []
        for item in new:
            if item.id in seen:
                clashes.append(item.id)
            seen.add(item.id)
        if clashes:
            raise RuleDataError(str(source), "scheme", f"方案 id 重复：{'、'.join(clashes)}")
        _registered.extend(new)
    return new


def _all() -> tuple[Scheme, ...]:
    return _shipped() + tuple(_registered)


@cache
def _shipped() -> tuple[Scheme, ...]:
    shipped = read_schemes(DATA_FILE)
    ids = [s.id for s in shipped]
    if len(set(ids)) != len(ids):
        raise RuleDataError(DATA_FILE, "scheme", "方案 id 重复")
    return shipped


_registered: list[Scheme] = []
_LOCK = threading.Lock()


class _BandEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    range: str
    level: RiskLevel
    grade: str | None = None
    description: str | None = None


class _SchemeEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    method: MethodName
    name: str = Field(min_length=1)
    default: bool = False
    jurisdiction: str = NATION_CODE
    effective_from: date | None = None
    repealed_on: date | None = None
    confidence: Confidence
    sources: list[str] = Field(min_length=1)
    note: str = ""
    bands: list[_BandEntry] = Field(min_length=2)


def _build(entry: _SchemeEntry, file: str, key: str) -> Scheme:
    bands = []
    for position, band in enumerate(entry.bands):
        try:
            interval = parse_interval(band.range)
        except InvalidRule as error:
            raise RuleDataError(file, f"{key}.bands[{position}].range", str(error)) from error
        bands.append(
            Band(
                SchemeBand(band.range.strip(), band.level, band.grade, band.description),
                interval.lower,
                interval.upper,
                lower_inclusive=interval.lower_inclusive,
                upper_inclusive=interval.upper_inclusive,
            )
        )
    try:
        jurisdiction(entry.jurisdiction)
    except UnknownReference as error:
        raise RuleDataError(file, f"{key}.jurisdiction", str(error)) from error
    if entry.effective_from and entry.repealed_on and entry.repealed_on <= entry.effective_from:
        raise RuleDataError(file, f"{key}.repealed_on", "失效日期须晚于施行日期")
    try:
        table = BandTable(entry.name, bands)
    except InvalidRule as error:
        raise RuleDataError(file, f"{key}.bands", str(error)) from error
    _check_levels(table, file, key)
    _check_reachable(table, method(entry.method), file, key)
    return Scheme(
        id=entry.id,
        method=entry.method,
        name=entry.name,
        bands=table,
        confidence=entry.confidence,
        sources=tuple(entry.sources),
        note=entry.note,
        default=entry.default,
        jurisdiction=entry.jurisdiction,
        effective_from=entry.effective_from,
        repealed_on=entry.repealed_on,
    )


def _check_levels(table: BandTable[SchemeBand], file: str, key: str) -> None:
    # A higher score may never give a lower level.
    levels = [band.value.level for band in table.bands]
    for position, (low, high) in enumerate(pairwise(levels)):
        if high < low:
            raise RuleDataError(
                file, f"{key}.bands[{position + 1}].level", "分值更高的一档风险等级不能更低"
            )


def _check_reachable(table: BandTable[SchemeBand], chosen: Method, file: str, key: str) -> None:
    uncovered = _uncovered(table, chosen.reachable_scores())
    if uncovered:
        shown = "、".join(format(s, "f") for s in uncovered[:5])
        raise RuleDataError(file, f"{key}.bands", f"这些可能出现的分值不在任何一档内：{shown}")


def _uncovered(table: BandTable[SchemeBand], scores: Iterable[Decimal]) -> list[Decimal]:
    missing = []
    for score in scores:
        try:
            table.band_for(score)
        except InvalidInput:
            missing.append(score)
    return missing


def _reset_registered() -> None:
    """Forget registered schemes (for tests)."""
    with _LOCK:
        _registered.clear()
