"""Reading rule data files (规则数据文件) and turning every defect into a named error.

Rule data lives in TOML files inside the package (``safetyrules/data/…``); users load their
own files in the same formats. Each file is parsed with :mod:`tomllib` and validated with a
pydantic schema; any defect becomes a :class:`~safetyrules.errors.RuleDataError` that names
the file and the key, e.g. ``instruments/laws.toml [instrument[3].effective_from]``.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from safetyrules.errors import RuleDataError

Schema = TypeVar("Schema", bound=BaseModel)

_DATA_PACKAGE = "safetyrules.data"


def packaged_files(folder: str, suffix: str = ".toml") -> list[str]:
    """Names (relative to the data package) of the packaged rule data files (规则数据文件)
    in ``folder`` that end with ``suffix``, sorted.

    >>> "instruments/laws.toml" in packaged_files("instruments")
    True
    >>> "reference/xzqh_county_level.csv" in packaged_files("reference", ".csv")
    True
    """
    root = files(_DATA_PACKAGE).joinpath(folder)
    return sorted(
        f"{folder}/{entry.name}" for entry in root.iterdir() if entry.name.endswith(suffix)
    )


def read_packaged_text(name: str) -> str:
    """The text of a packaged rule data file (规则数据文件), by its name relative to the
    data package; here the table of 行政区划 codes:

    >>> read_packaged_text("reference/xzqh_county_level.csv").splitlines()[:2]
    ['code,name,level,parent_code,type', '110000,北京市,1,,直辖市']
    """
    return files(_DATA_PACKAGE).joinpath(name).read_text(encoding="utf-8")


def parse_toml(text: str, file: str) -> dict[str, Any]:
    """Parse TOML text; a syntax error names the file (and the line, from tomllib).

    >>> parse_toml("a = 1", "x.toml")
    {'a': 1}
    >>> parse_toml("a = ", "x.toml")
    Traceback (most recent call last):
    ...
    safetyrules.errors.RuleDataError: x.toml [(file)]: TOML 语法错误: ...
    """
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise RuleDataError(file, "(file)", f"TOML 语法错误: {error}") from error


def read_toml(source: str | Path) -> tuple[str, dict[str, Any]]:
    """Read a rule data file (规则数据文件): a packaged file (a ``str`` name) or a user's file
    (a :class:`~pathlib.Path`).

    Returns the name to use in error messages and the parsed document. A user's file that
    cannot be read is a :class:`~safetyrules.errors.RuleDataError` too.

    >>> file, document = read_toml("instruments/laws.toml")
    >>> file, document["instrument"][0]["title"]
    ('instruments/laws.toml', '中华人民共和国安全生产法')
    >>> read_toml(Path("no-such-dir", "mine.toml"))
    Traceback (most recent call last):
    ...
    safetyrules.errors.RuleDataError: ...mine.toml [(file)]: 无法读取文件: ...
    """
    if isinstance(source, Path):
        try:
            text = source.read_text(encoding="utf-8")
        except OSError as error:
            raise RuleDataError(str(source), "(file)", f"无法读取文件: {error}") from error
        return str(source), parse_toml(text, str(source))
    return source, parse_toml(read_packaged_text(source), source)


def validated(
    schema: type[Schema],
    data: object,
    file: str,
    key: str = "",
    context: dict[str, Any] | None = None,
) -> Schema:
    """Validate ``data`` against a pydantic schema, reporting the first defect by key.

    ``context`` is passed to the schema's validators.

    >>> from pydantic import BaseModel
    >>> class Entry(BaseModel):
    ...     id: str
    >>> validated(Entry, {"id": 3}, "f.toml", "entry[0]")
    Traceback (most recent call last):
    ...
    safetyrules.errors.RuleDataError: f.toml [entry[0].id]: Input should be a valid string (值: 3)
    """
    try:
        return schema.model_validate(data, context=context)
    except ValidationError as error:
        first = error.errors()[0]
        raise RuleDataError(
            file, join_key(key, *first["loc"]), f"{first['msg']} (值: {first['input']!r})"
        ) from error


def join_key(*parts: object) -> str:
    """Join key parts the way error messages about rule data (规则数据文件) show them:
    ``instrument[3].effective_from``.

    >>> join_key("instrument", 3, "effective_from")
    'instrument[3].effective_from'
    >>> join_key("", "id")
    'id'
    """
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        elif part != "":
            text += f".{part}" if text else str(part)
    return text or "(file)"


def enumerate_tables(document: dict[str, Any], key: str, file: str) -> Iterator[tuple[int, Any]]:
    """The numbered entries of an array of tables (表数组, ``[[key]]``), which must be present
    and non-empty.

    >>> list(enumerate_tables({"instrument": [{"id": "a"}, {"id": "b"}]}, "instrument", "f.toml"))
    [(0, {'id': 'a'}), (1, {'id': 'b'})]
    >>> list(enumerate_tables({}, "instrument", "f.toml"))
    Traceback (most recent call last):
    ...
    safetyrules.errors.RuleDataError: f.toml [instrument]: 缺少 [[instrument]] 表数组
    """
    entries = document.get(key)
    if not isinstance(entries, list) or not entries:
        raise RuleDataError(file, key, f"缺少 [[{key}]] 表数组")
    yield from enumerate(entries)
