"""Finding a chemical in table 1 and a category in table 2 (查表1、表2).

A chemical is found by its name, an alias or a CAS number, compared as
:func:`~safetyrules.risk.major_hazard.names.normalize` does (full-width and half-width alike,
spaces ignored). 硝化纤维素 and 硝酸铵 have several rows whose Q depends on a qualifier: a bare
name that matches several rows is an error listing them, and the user picks one by writing
the qualifier in brackets after the name or passing ``qualifier=``. A qualifier may be given
by its beginning when that picks one row.

>>> chemical("液氯").name, chemical("液氯").critical_quantity
('氯', Decimal('5'))
>>> chemical("硝酸铵（含可燃物≤0.2%）").critical_quantity
Decimal('50')
>>> chemical("硝酸铵", qualifier="含可燃物>0.2%").critical_quantity
Decimal('5')
>>> chemical("74-82-8").name
'甲烷，天然气'
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from enum import StrEnum
from functools import cache

import attrs

from safetyrules.errors import InvalidInput, UnknownReference
from safetyrules.risk.major_hazard.cas import validate_cas
from safetyrules.risk.major_hazard.names import normalize, split_qualifier
from safetyrules.risk.major_hazard.tables import Chemical, HazardCategory, gb18218_tables

_CAS_LIKE = re.compile(r"^[0-9]+(?:[-\u2010-\u2015\u2212][0-9]+)*$")


class MatchedBy(StrEnum):
    """How a substance was matched to its critical quantity (临界量的查表依据).

    >>> MatchedBy.ALIAS.value
    '别名'
    """

    NAME = "名称"
    ALIAS = "别名"
    CAS = "CAS号"
    CATEGORY = "危险性类别"


@attrs.frozen
class ChemicalMatch:
    """A table-1 row and how the text given matched it (表1 查表结果).

    >>> m = match_chemical("氨气")
    >>> m.chemical.name, m.matched_by.value
    ('氨', '别名')
    """

    chemical: Chemical
    matched_by: MatchedBy


def chemical(name: str, qualifier: str | None = None) -> Chemical:
    """The table-1 row for a name, alias or CAS number (按名称、别名或 CAS 号查表1).

    An unknown name is :class:`~safetyrules.errors.UnknownReference` suggesting close
    matches; a name with several rows, without a qualifier that picks one, is
    :class:`~safetyrules.errors.InvalidInput` listing the rows.

    >>> chemical("ｔｄｉ").full_name
    '甲苯二异氰酸酯'
    >>> chemical("硝酸氨")
    Traceback (most recent call last):
    ...
    safetyrules.errors.UnknownReference: 未知的表1 危险化学品（相近的有：...硝酸铵...）: '硝酸氨'
    >>> chemical("硝酸铵")
    Traceback (most recent call last):
    ...
    safetyrules.errors.InvalidInput: name = '硝酸铵': 表1 中“硝酸铵”对应2行，临界量取决于限定条件，请在名称后括注或用 qualifier 指明其一：第43行 硝酸铵（含可燃物>0.2%...） Q = 5 t；第44行 硝酸铵（含可燃物≤0.2%） Q = 50 t
    """  # noqa: RUF002 - full-width input is the point of the example
    return match_chemical(name, qualifier).chemical


def match_chemical(
    name: str, qualifier: str | None = None, *, field: str = "name"
) -> ChemicalMatch:
    """The table-1 row for a name, alias or CAS number, and how it matched (表1 查表).

    ``field`` names the input in error messages.

    >>> match_chemical("9004-70-0", qualifier="含乙醇≥25%").chemical.critical_quantity
    Decimal('10')
    """
    if not isinstance(name, str):
        raise InvalidInput(field, name, "名称应为字符串")
    key = normalize(name)
    if not key:
        raise InvalidInput(field, name, "名称不能为空")
    index = _index()
    candidates: list[ChemicalMatch]
    if _CAS_LIKE.match(key):
        number = validate_cas(name, field)
        candidates = [ChemicalMatch(row, MatchedBy.CAS) for row in index.cas.get(number, [])]
        if not candidates:
            raise UnknownReference(
                "表1 中的 CAS 号（不在表1 中的危险化学品按表2 危险性类别确定临界量）", name
            )
    elif key in index.full:
        candidates = [index.full[key]]
    elif key in index.names:
        candidates = index.names[key]
    elif (split := split_qualifier(key)) is not None and split[0] in index.names:
        candidates = _with_qualifier(index.names[split[0]], split[1], name, field)
    else:
        raise UnknownReference(f"表1 危险化学品（{_suggestion_text(name)}）", name)
    if qualifier is not None:
        candidates = _with_qualifier(candidates, qualifier, name, field)
    if len(candidates) > 1:
        shown = _rows(candidates)
        raise InvalidInput(
            field,
            name,
            f"表1 中“{name}”对应{len(candidates)}行，临界量取决于限定条件，"
            f"请在名称后括注或用 qualifier 指明其一：{shown}",
        )
    return candidates[0]


def suggestions(name: str) -> tuple[str, ...]:
    """Table-1 names and aliases close to ``name`` (相近的名称), at most five: those that
    contain it, shortest first, then the closest by :func:`difflib.get_close_matches`.

    >>> suggestions("环氧丙烷")[:1]
    ('1,2-环氧丙烷',)
    """
    key = normalize(name)
    labels = _index().labels
    containing = sorted((k for k in labels if key and key in k), key=len)
    close = difflib.get_close_matches(key, list(labels), n=5, cutoff=0.5)
    ranked = [*containing, *(k for k in close if k not in containing)]
    return tuple(labels[k] for k in ranked[:5])


def hazard_category(symbol: str) -> HazardCategory:
    """The table-2 row for a hazard symbol (表2 危险性类别), e.g. ``"W5.4"``.

    >>> hazard_category("ｗ5.4").critical_quantity
    Decimal('5000')
    >>> hazard_category("W12")
    Traceback (most recent call last):
    ...
    safetyrules.errors.UnknownReference: 未知的表2 危险性类别符号（J1、J2、...、W11）: 'W12'
    """  # noqa: RUF002 - full-width input is the point of the example
    found = gb18218_tables().categories.get(normalize_symbol(symbol))
    if found is None:
        raise UnknownReference(
            f"表2 危险性类别符号（{'、'.join(gb18218_tables().categories)}）", symbol
        )
    return found


def normalize_symbol(symbol: str) -> str:
    """A hazard symbol written the way table 2 writes it (危险性类别符号, ``ｗ５．４`` → ``W5.4``).

    >>> normalize_symbol(" j1 ")
    'J1'
    """  # noqa: RUF002 - full-width input is the point of the example
    return normalize(symbol).upper()


def _with_qualifier(
    candidates: Iterable[ChemicalMatch], qualifier: str, name: str, field: str
) -> list[ChemicalMatch]:
    given = list(candidates)
    wanted = normalize(qualifier)
    while wanted.startswith("(") and wanted.endswith(")"):
        wanted = wanted[1:-1]
    exact = [m for m in given if normalize(m.chemical.qualifier) == wanted]
    chosen = exact or [
        m for m in given if wanted and normalize(m.chemical.qualifier).startswith(wanted)
    ]
    if not chosen:
        raise InvalidInput(
            field,
            name,
            f"表1 中“{given[0].chemical.name}”没有限定条件为“{qualifier}”的行；"
            f"表中为：{_rows(given)}",
        )
    return chosen


def _rows(matches: Iterable[ChemicalMatch]) -> str:
    return "；".join(
        f"第{m.chemical.number}行 {m.chemical.full_name} Q = {m.chemical.critical_quantity} t"
        for m in matches
    )


def _suggestion_text(name: str) -> str:
    found = suggestions(name)
    if found:
        return "相近的有：" + "、".join(found)
    return "表1 中没有相近的名称；不在表1 中的危险化学品按表2 危险性类别确定临界量"


@attrs.frozen
class _Index:
    names: dict[str, list[ChemicalMatch]]
    full: dict[str, ChemicalMatch]
    cas: dict[str, list[Chemical]]
    labels: dict[str, str]


@cache
def _index() -> _Index:
    names: dict[str, list[ChemicalMatch]] = {}
    full: dict[str, ChemicalMatch] = {}
    cas: dict[str, list[Chemical]] = {}
    labels: dict[str, str] = {}
    for row in gb18218_tables().chemicals:
        for text, how in [(row.name, MatchedBy.NAME), *((a, MatchedBy.ALIAS) for a in row.aliases)]:
            key = normalize(text)
            names.setdefault(key, []).append(ChemicalMatch(row, how))
            labels.setdefault(key, text)
            if row.qualifier:
                full[normalize(f"{text}（{row.qualifier}）")] = ChemicalMatch(row, how)
        for number in row.cas:
            cas.setdefault(number, []).append(row)
    return _Index(names, full, cas, labels)
