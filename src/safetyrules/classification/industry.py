"""GB/T 4754-2017 《国民经济行业分类》: industry codes (行业代码) and their hierarchy.

The standard has four levels: 20 门类 (a letter, ``C`` 制造业), 97 大类 (two digits, ``35``),
473 中类 (three digits, ``351``) and 1,381 小类 (four digits, ``3511``). A 大类's digits
already fix its 门类, so the letter is redundant; the standard's table writes codes without it,
while many forms write it in front (``C3511``).

**Accepted input.** :func:`industry` accepts either form, with surrounding blanks and a
lower-case letter and full-width forms (read through Unicode NFKC) tolerated: ``"3511"``,
``"C3511"``, ``" c3511 "``, ``"35"``, ``"C35"``, ``"C"``. A letter that contradicts the digits (``"A3511"``) is rejected, not corrected. The
canonical :attr:`IndustryCode.code` is the standard's own form (``"3511"``, ``"C"``);
:attr:`IndustryCode.qualified` puts the letter in front (``"C3511"``).

A 中类 with a single 小类 appears at both levels, as in the standard's table: ``019 其他农业``
and ``0190 其他农业`` are two codes.

The table is read from ``safetyrules/data/reference/gbt4754_2017.csv`` on first use (see the
README in that folder for its source); importing this module reads nothing.

>>> c = industry("C3511")
>>> c.code, c.name, c.level.value
('3511', '矿山机械制造', '小类')
>>> [f"{i.qualified} {i.name}" for i in c.chain()]
['C3511 矿山机械制造', 'C351 采矿、冶金、建筑专用设备制造', 'C35 专用设备制造业', 'C 制造业']
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from enum import StrEnum
from functools import cache

import attrs

from safetyrules.errors import InvalidInput, UnknownReference
from safetyrules.law.data_files import read_packaged_text

__all__ = [
    "IndustryCode",
    "IndustryLevel",
    "all_industries",
    "division_of",
    "industry",
    "is_known",
    "section_of",
]

_TABLE_FILE = "reference/gbt4754_2017.csv"
_CODE = re.compile(r"^(?P<letter>[A-Z])?(?P<digits>[0-9]{2}|[0-9]{3}|[0-9]{4})?$")


class IndustryLevel(StrEnum):
    """The level of a GB/T 4754-2017 code (行业分类层级): 门类, 大类, 中类 or 小类.

    >>> IndustryLevel("中类").name, IndustryLevel.CLASS.depth
    ('GROUP', 4)
    """

    SECTION = "门类"
    DIVISION = "大类"
    GROUP = "中类"
    CLASS = "小类"

    @property
    def depth(self) -> int:
        """1 for 门类 down to 4 for 小类, as the standard's table numbers its levels."""
        return _DEPTH[self]


_DEPTH = {
    IndustryLevel.SECTION: 1,
    IndustryLevel.DIVISION: 2,
    IndustryLevel.GROUP: 3,
    IndustryLevel.CLASS: 4,
}


@attrs.frozen
class IndustryCode:
    """One category of GB/T 4754-2017 (国民经济行业分类 类别), with its parent.

    >>> industry("7010")
    IndustryCode(code='7010', name='房地产开发经营', level=<IndustryLevel.CLASS: '小类'>, parent_code='701', section='K')
    >>> industry("K").parent is None
    True
    """

    code: str
    name: str
    level: IndustryLevel
    parent_code: str | None
    section: str

    @property
    def qualified(self) -> str:
        """The code with its 门类 letter in front (带门类字母的代码), e.g. ``C3511``.

        >>> industry("3511").qualified, industry("C").qualified
        ('C3511', 'C')
        """
        return self.code if self.level is IndustryLevel.SECTION else self.section + self.code

    @property
    def label(self) -> str:
        """The qualified code and the name, as a report writes it (``C35 专用设备制造业``).

        >>> industry("35").label
        'C35 专用设备制造业'
        """
        return f"{self.qualified} {self.name}"

    @property
    def parent(self) -> IndustryCode | None:
        """The category one level up (上级类别); a 门类 has none.

        >>> industry("351").parent.code
        '35'
        """
        return None if self.parent_code is None else _table()[self.parent_code]

    def chain(self) -> tuple[IndustryCode, ...]:
        """This category and every category above it, ending with the 门类 (上级链).

        >>> [i.code for i in industry("0190").chain()]
        ['0190', '019', '01', 'A']
        """
        result = [self]
        while (parent := result[-1].parent) is not None:
            result.append(parent)
        return tuple(result)

    def children(self) -> tuple[IndustryCode, ...]:
        """The categories directly below this one, by code (下级类别).

        >>> [i.code for i in industry("59").children()]
        ['591', '592', '593', '594', '595', '596', '599']
        """
        return _children().get(self.code, ())

    def classes(self) -> tuple[IndustryCode, ...]:
        """Every 小类 at or below this category, by code (所含小类).

        >>> [i.code for i in industry("70").classes()]
        ['7010', '7020', '7030', '7040', '7090']
        """
        if self.level is IndustryLevel.CLASS:
            return (self,)
        return tuple(leaf for child in self.children() for leaf in child.classes())


@cache
def _table() -> dict[str, IndustryCode]:
    reader = csv.DictReader(io.StringIO(read_packaged_text(_TABLE_FILE)))
    table: dict[str, IndustryCode] = {}
    for row in reader:
        table[row["code"]] = IndustryCode(
            code=row["code"],
            name=row["name"],
            level=IndustryLevel(row["level_name"]),
            parent_code=row["parent_code"] or None,
            section=row["section"],
        )
    return table


@cache
def _children() -> dict[str, tuple[IndustryCode, ...]]:
    result: dict[str, list[IndustryCode]] = {}
    for item in _table().values():
        if item.parent_code is not None:
            result.setdefault(item.parent_code, []).append(item)
    return {code: tuple(sorted(items, key=lambda i: i.code)) for code, items in result.items()}


def _canonical(code: object) -> str:
    if not isinstance(code, str):
        raise InvalidInput("industry_code", code, "行业代码应为字符串，如 '3511' 或 'C3511'")
    text = unicodedata.normalize("NFKC", code).strip().upper()
    match = _CODE.match(text)
    if not text or match is None:
        raise InvalidInput(
            "industry_code",
            code,
            "行业代码应为门类字母和/或2至4位数字，如 'C'、'35'、'3511'、'C3511'",
        )
    letter, digits = match["letter"], match["digits"]
    if digits is None:
        return str(letter)
    found = _table().get(digits)
    if letter is not None and found is not None and found.section != letter:
        raise InvalidInput(
            "industry_code",
            code,
            f"门类字母 {letter} 与代码 {digits} 所属门类 {found.section} 不符",
        )
    return str(digits)


def industry(code: str) -> IndustryCode:
    """The GB/T 4754-2017 category with this code (按代码查找国民经济行业分类).

    Accepts ``"3511"`` or ``"C3511"`` style (see the module docstring). A well-formed code
    that the standard does not have raises :class:`~safetyrules.errors.UnknownReference`;
    text that is not a code at all, or a letter that contradicts the digits, raises
    :class:`~safetyrules.errors.InvalidInput`.

    >>> industry("c3511").label
    'C3511 矿山机械制造'
    >>> industry("3598")
    Traceback (most recent call last):
    ...
    safetyrules.errors.UnknownReference: 未知的国民经济行业分类代码（GB/T 4754-2017）: '3598'
    >>> industry("A3511")
    Traceback (most recent call last):
    ...
    safetyrules.errors.InvalidInput: industry_code = 'A3511': 门类字母 A 与代码 3511 所属门类 C 不符
    """
    canonical = _canonical(code)
    try:
        return _table()[canonical]
    except KeyError:
        raise UnknownReference("国民经济行业分类代码（GB/T 4754-2017）", code) from None


def is_known(code: str) -> bool:
    """Whether ``code`` is a GB/T 4754-2017 code, in either accepted style (是否为有效行业代码).

    >>> is_known("C3511"), is_known("3598"), is_known("not a code")
    (True, False, False)
    """
    try:
        industry(code)
    except (InvalidInput, UnknownReference):
        return False
    return True


def section_of(code: str) -> IndustryCode:
    """The 门类 a code belongs to (所属门类); a 门类 is its own.

    >>> section_of("3511").label
    'C 制造业'
    """
    return industry(code).chain()[-1]


def division_of(code: str) -> IndustryCode:
    """The 大类 a code belongs to (所属大类); a 大类 is its own.

    A 门类 spans several 大类, so asking for its 大类 is an error.

    >>> division_of("C3511").label
    'C35 专用设备制造业'
    >>> division_of("C")
    Traceback (most recent call last):
    ...
    safetyrules.errors.InvalidInput: industry_code = 'C': 门类没有唯一的所属大类
    """
    for item in industry(code).chain():
        if item.level is IndustryLevel.DIVISION:
            return item
    raise InvalidInput("industry_code", code, "门类没有唯一的所属大类")


def all_industries() -> tuple[IndustryCode, ...]:
    """Every category of the standard, in the table's order (全部行业类别).

    >>> items = all_industries()
    >>> len(items), sum(i.level is IndustryLevel.CLASS for i in items)
    (1971, 1381)
    """
    return tuple(_table().values())
