"""Lists as rows for tables and spreadsheets (清单导出): each list names its columns once, in
Chinese and in English, and every export uses those names.

>>> columns = (Column("id", "编号", "id"), Column("name", "名称", "name"))
>>> export([{"id": "R1", "name": "动火作业"}], columns, "en")
[{'id': 'R1', 'name': '动火作业'}]
>>> export([{"id": "R1", "name": "动火作业"}], columns)
[{'编号': 'R1', '名称': '动火作业'}]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Literal

import attrs

from safetyrules.errors import InvalidInput

Language = Literal["zh", "en"]


@attrs.frozen
class Column:
    """One column of an exported list: its key and its Chinese and English names (列名).

    >>> Column("owner", "责任人", "owner").name("zh")
    '责任人'
    """

    key: str
    zh: str
    en: str

    def name(self, language: Language) -> str:
        """The column's name in a language (``zh`` or ``en``)."""
        if language == "zh":
            return self.zh
        if language == "en":
            return self.en
        raise InvalidInput("language", language, "应为 zh 或 en")


def export(
    records: Iterable[Mapping[str, object]], columns: Sequence[Column], language: Language = "zh"
) -> list[dict[str, object]]:
    """Records as rows keyed by the columns' names, in the columns' order (导出为行).

    Every record must carry every column's key: a missing key is a programming error, not a
    blank cell.

    >>> export([{"id": "R1"}], (Column("id", "编号", "id"),), "fr")
    Traceback (most recent call last):
    ...
    safetyrules.errors.InvalidInput: language = 'fr': 应为 zh 或 en
    """
    names = [(column.key, column.name(language)) for column in columns]
    return [{name: record[key] for key, name in names} for record in records]
