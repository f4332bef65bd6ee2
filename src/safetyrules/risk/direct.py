"""Direct judgement as 重大风险 (直接判定): conditions that make a risk major whatever its score.

The shipped list is the wording common in practice (DB37/T 2882 sector rules), unverified:
no national text lays one down. A province or a company registers its own list, which
replaces the national one for its 行政区划 and below. An assessment takes the ids of the
conditions that hold; the final level is the higher of the scored and the forced level.
Data: ``safetyrules/data/risk/direct.toml``.

>>> [c.id for c in direct_conditions()][:2]
['mandatory-provision-violated', 'serious-accident-conditions-persist']
>>> direct_condition("major-hazard-installation").text
'涉及重大危险源的'
"""

from __future__ import annotations

import threading
from functools import cache
from pathlib import Path

import attrs
from pydantic import BaseModel, ConfigDict, Field

from safetyrules.errors import RuleDataError, UnknownReference
from safetyrules.law.confidence import Confidence
from safetyrules.law.data_files import enumerate_tables, read_toml, validated
from safetyrules.law.jurisdiction import NATION_CODE, jurisdiction

DATA_FILE = "risk/direct.toml"


@attrs.frozen
class DirectCondition:
    """A condition that makes a risk 重大风险 without scoring (直接判定情形).

    A disabled condition is listed (so an explanation can say it was not applied) but forces
    nothing.

    >>> c = direct_condition("major-hazard-installation")
    >>> c.text, c.jurisdiction, c.enabled, c.confidence.value
    ('涉及重大危险源的', '000000', True, 'unverified')
    """

    id: str
    text: str
    list_name: str
    jurisdiction: str
    confidence: Confidence
    enabled: bool = True
    note: str = ""


def direct_conditions(jurisdiction_code: str = NATION_CODE) -> tuple[DirectCondition, ...]:
    """The conditions that apply in a place: the most specific list up the 行政区划 chain
    (直接判定情形清单).

    >>> len(direct_conditions("330402"))
    6
    """
    lists = _lists()
    for level in jurisdiction(jurisdiction_code).chain():  # the place first, the nation last
        if level.code in lists:
            return lists[level.code]
    return ()


def direct_condition(condition_id: str, jurisdiction_code: str = NATION_CODE) -> DirectCondition:
    """The condition with this id in the list that applies in a place (按 id 查找直接判定情形).

    >>> direct_condition("major-hazard-installation", "330402").text
    '涉及重大危险源的'
    >>> direct_condition("no-such-condition")
    Traceback (most recent call last):
    ...
    safetyrules.errors.UnknownReference: ...
    """
    applicable = direct_conditions(jurisdiction_code)
    for condition in applicable:
        if condition.id == condition_id:
            return condition
    known = "、".join(c.id for c in applicable)
    raise UnknownReference(f"直接判定情形（本地清单：{known}）", condition_id)


def register_direct_conditions(
    source: str | Path, *, replace: bool = False
) -> dict[str, tuple[DirectCondition, ...]]:
    """Add a user's lists (登记本地直接判定清单); each applies in its 行政区划 and below.

    A place that already has a list (the nation's shipped one included) keeps it unless
    ``replace=True``. Registration is per process: a worker in another process (Dask, Spark)
    must register the same file.

    >>> import pathlib, tempfile
    >>> text = '''
    ... [[list]]
    ... jurisdiction = "330000"
    ... name = "浙江省直接判定情形（示例）"
    ... confidence = "unverified"
    ... sources = ["示例"]
    ... [[list.conditions]]
    ... id = "confined-space"
    ... text = "有限空间作业未落实审批的"
    ... '''
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder, "direct.toml")
    ...     _ = path.write_text(text, encoding="utf-8")
    ...     added = register_direct_conditions(path)
    >>> list(added), [c.id for c in direct_conditions("330402")]
    (['330000'], ['confined-space'])
    >>> from safetyrules.risk.direct import _reset_registered
    >>> _reset_registered()
    >>> len(direct_conditions("330402"))
    6
    """
    new = read_direct_conditions(source)
    with _LOCK:
        clashes = sorted(set(new) & set(_lists()))
        if clashes and not replace:
            raise RuleDataError(
                str(source),
                "list",
                f"这些行政区划已有清单：{'、'.join(clashes)}（替换须 replace=True）",
            )
        _registered.update(new)
    return new


def read_direct_conditions(source: str | Path) -> dict[str, tuple[DirectCondition, ...]]:
    """Read and check a direct-judgement file without registering it (读取直接判定清单).

    A ``str`` names a packaged file; a :class:`~pathlib.Path` is a user's file.

    >>> lists = read_direct_conditions("risk/direct.toml")
    >>> list(lists), len(lists["000000"])
    (['000000'], 6)
    """
    file, document = read_toml(source)
    lists: dict[str, tuple[DirectCondition, ...]] = {}
    for index, raw in enumerate_tables(document, "list", file):
        key = f"list[{index}]"
        entry = validated(_ListEntry, raw, file, key)
        try:
            jurisdiction(entry.jurisdiction)
        except UnknownReference as error:
            raise RuleDataError(file, f"{key}.jurisdiction", str(error)) from error
        ids = [c.id for c in entry.conditions]
        if entry.jurisdiction in lists or len(set(ids)) != len(ids):
            raise RuleDataError(file, key, "同一行政区划只能有一个清单，清单内 id 不能重复")
        lists[entry.jurisdiction] = tuple(
            DirectCondition(
                id=c.id,
                text=c.text,
                list_name=entry.name,
                jurisdiction=entry.jurisdiction,
                confidence=c.confidence or entry.confidence,
                enabled=c.enabled,
                note=c.note,
            )
            for c in entry.conditions
        )
    return lists


def _lists() -> dict[str, tuple[DirectCondition, ...]]:
    return {**_shipped(), **_registered}


_registered: dict[str, tuple[DirectCondition, ...]] = {}
_LOCK = threading.Lock()


@cache
def _shipped() -> dict[str, tuple[DirectCondition, ...]]:
    return read_direct_conditions(DATA_FILE)


def _reset_registered() -> None:
    """Forget registered lists (for tests)."""
    with _LOCK:
        _registered.clear()


class _ConditionEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    text: str = Field(min_length=1)
    enabled: bool = True
    confidence: Confidence | None = None
    note: str = ""


class _ListEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    jurisdiction: str
    name: str = Field(min_length=1)
    confidence: Confidence
    sources: list[str] = Field(min_length=1)
    note: str = ""
    conditions: list[_ConditionEntry] = Field(min_length=1)
