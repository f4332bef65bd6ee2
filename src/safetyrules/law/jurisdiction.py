"""Jurisdictions (行政区划): 6-digit GB/T 2260 codes and their chain up to the nation.

National rules are the base; a province (330000 浙江省) or a city (330400 嘉兴市) may add or
tighten them. A :class:`Jurisdiction` knows its parent, so a rule can be resolved from the most
specific level up (see :mod:`safetyrules.law.overlay`).

The table ships every province-, prefecture- and county-level code as published by 民政部
(国家地名信息库, data of 2026-09-11; see ``safetyrules/data/reference/README.md``). The nation
itself has the code ``000000``, which GB/T 2260 does not assign: the library uses it for
national instruments.

>>> nanhu = jurisdiction("330402")
>>> [j.name for j in nanhu.chain()]
['南湖区', '嘉兴市', '浙江省', '中华人民共和国']
>>> nanhu.full_name
'浙江省嘉兴市南湖区'
"""

from __future__ import annotations

import csv
import io
from enum import IntEnum
from functools import cache

import attrs

from safetyrules.errors import UnknownReference
from safetyrules.law.data_files import read_packaged_text

NATION_CODE = "000000"


class Level(IntEnum):
    """The level of an administrative division (行政区划层级).

    >>> Level.PREFECTURE.label
    '地级'
    """

    NATION = 0
    PROVINCE = 1
    PREFECTURE = 2
    COUNTY = 3

    @property
    def label(self) -> str:
        """The Chinese name of the level."""
        return ("国家", "省级", "地级", "县级")[self]


@attrs.frozen
class Jurisdiction:
    """An administrative division (行政区划) with its parent.

    >>> jurisdiction("330400")
    Jurisdiction(code='330400', name='嘉兴市', level=<Level.PREFECTURE: 2>, kind='地级市', parent_code='330000')
    """

    code: str
    name: str
    level: Level
    kind: str
    parent_code: str | None

    @property
    def parent(self) -> Jurisdiction | None:
        """The division above this one; the nation has none."""
        return None if self.parent_code is None else jurisdiction(self.parent_code)

    def chain(self) -> tuple[Jurisdiction, ...]:
        """This division and every division above it, ending with the nation (上级链)."""
        result = [self]
        while (parent := result[-1].parent) is not None:
            result.append(parent)
        return tuple(result)

    @property
    def full_name(self) -> str:
        """The name with its province and city, as addresses write it (浙江省嘉兴市南湖区)."""
        return "".join(j.name for j in reversed(self.chain()) if j.level is not Level.NATION)


NATION = Jurisdiction(NATION_CODE, "中华人民共和国", Level.NATION, "国家", None)


@cache
def _table() -> dict[str, Jurisdiction]:
    table = {NATION_CODE: NATION}
    reader = csv.DictReader(io.StringIO(read_packaged_text("reference/xzqh_county_level.csv")))
    for row in reader:
        table[row["code"]] = Jurisdiction(
            code=row["code"],
            name=row["name"],
            level=Level(int(row["level"])),
            kind=row["type"],
            parent_code=row["parent_code"] or NATION_CODE,
        )
    return table


def jurisdiction(code: str) -> Jurisdiction:
    """The jurisdiction with this 6-digit code; an unknown code is an error (按代码查找行政区划).

    >>> jurisdiction("339999")
    Traceback (most recent call last):
    ...
    safetyrules.errors.UnknownReference: 未知的行政区划代码: '339999'
    """
    try:
        return _table()[code]
    except KeyError:
        raise UnknownReference("行政区划代码", code) from None


def is_known(code: str) -> bool:
    """Whether ``code`` is a known jurisdiction code (有效的行政区划代码): 330483 is 桐乡市,
    330499 is not assigned, and the nation's own ``000000`` is known.

    >>> is_known("330483"), is_known("330499"), is_known(NATION_CODE)
    (True, False, True)
    """
    return code in _table()


def children(code: str) -> list[Jurisdiction]:
    """The divisions directly below ``code``, by code (下级行政区划).

    >>> [j.name for j in children("330400")][:3]
    ['南湖区', '秀洲区', '嘉善县']
    """
    jurisdiction(code)
    return sorted((j for j in _table().values() if j.parent_code == code), key=lambda j: j.code)


def all_jurisdictions() -> tuple[Jurisdiction, ...]:
    """Every known jurisdiction, the nation first, then by code (全部行政区划).

    >>> len([j for j in all_jurisdictions() if j.level is Level.PROVINCE])
    34
    """
    return tuple(sorted(_table().values(), key=lambda j: j.code))
