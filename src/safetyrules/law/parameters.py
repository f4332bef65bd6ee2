"""Dated parameters in data files (规则参数文件), as OpenFisca's parameters.

A parameter file holds ``[[parameter]]`` tables, each with dated values per jurisdiction:

.. code-block:: toml

    [[parameter]]
    id = "accident.report.unit_hours"
    description = "事故发生单位负责人接到报告后向县级以上人民政府有关部门报告的时限"
    unit = "小时"
    type = "integer"

    [[parameter.values]]
    from = 2007-06-01
    value = 1
    citation = "《生产安全事故报告和调查处理条例》第九条第一款"

Each value may name a ``jurisdiction`` (default ``000000``, the nation), a ``confidence``
(default ``official``) and a ``note``. The last value of a jurisdiction may carry
``repealed_on`` and ``successor``. Money and other exact numbers are written as strings and
read as :class:`~decimal.Decimal`: TOML floats are binary and are refused.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from safetyrules.errors import InvalidRule, RuleDataError, SafetyRulesError
from safetyrules.law.citation import Citation
from safetyrules.law.confidence import Confidence
from safetyrules.law.data_files import enumerate_tables, read_toml, validated
from safetyrules.law.jurisdiction import NATION_CODE
from safetyrules.law.overlay import Overlay
from safetyrules.law.timeline import Dated, Timeline

ValueType = Literal["integer", "decimal", "text", "boolean"]


class _ValueEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    start: date = Field(alias="from")
    # Checked against the parameter's type by _convert, which explains float refusals.
    value: Any
    citation: Citation
    jurisdiction: str = Field(default=NATION_CODE, pattern=r"^\d{6}$")
    confidence: Confidence = Confidence.OFFICIAL
    note: str | None = None
    repealed_on: date | None = None
    successor: str | None = None


class _ParameterEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1)
    description: str = Field(min_length=1)
    unit: str | None = None
    type: ValueType
    values: list[dict[str, Any]] = Field(min_length=1)


def _convert(raw: object, kind: ValueType, file: str, key: str) -> int | Decimal | str | bool:
    if isinstance(raw, float):
        raise RuleDataError(file, key, '不接受浮点数：精确数值请写成字符串，如 "0.5"')
    ok = {
        "integer": isinstance(raw, int) and not isinstance(raw, bool),
        "decimal": isinstance(raw, int | str) and not isinstance(raw, bool),
        "text": isinstance(raw, str),
        "boolean": isinstance(raw, bool),
    }[kind]
    if not ok:
        raise RuleDataError(file, key, f"取值 {raw!r} 不是 {kind} 类型")
    if kind == "decimal":
        try:
            return Decimal(str(raw))
        except InvalidOperation as error:
            raise RuleDataError(file, key, f"{raw!r} 不是数值") from error
    assert isinstance(raw, int | str | bool)
    return raw


def read_parameters(source: str | Path) -> dict[str, Overlay[Any]]:
    """Read a parameter file into one :class:`Overlay` per parameter id (读取规则参数).

    >>> from safetyrules.law.data_files import parse_toml
    >>> import tempfile, pathlib
    >>> text = '''
    ... [[parameter]]
    ... id = "example.hours"
    ... description = "示例时限"
    ... type = "integer"
    ... [[parameter.values]]
    ... from = 2007-06-01
    ... value = 1
    ... citation = "《生产安全事故报告和调查处理条例》第九条第一款"
    ... '''
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder, "p.toml")
    ...     _ = path.write_text(text, encoding="utf-8")
    ...     rules = read_parameters(path)
    >>> from datetime import date
    >>> rules["example.hours"].resolve("330402", date(2020, 1, 1)).value
    1
    """
    file, document = read_toml(source)
    result: dict[str, Overlay[Any]] = {}
    for index, raw in enumerate_tables(document, "parameter", file):
        key = f"parameter[{index}]"
        entry = validated(_ParameterEntry, raw, file, key)
        if entry.id in result:
            raise RuleDataError(file, f"{key}.id", f"重复的参数 id {entry.id!r}")
        per_place: dict[str, list[tuple[int, _ValueEntry]]] = defaultdict(list)
        for number, raw_value in enumerate(entry.values):
            value_key = f"{key}.values[{number}]"
            value = validated(_ValueEntry, raw_value, file, value_key)
            per_place[value.jurisdiction].append((number, value))
        timelines = {}
        for place, values in per_place.items():
            dated = [
                Dated(
                    v.start,
                    _convert(v.value, entry.type, file, f"{key}.values[{number}].value"),
                    v.citation,
                    v.confidence,
                    v.note,
                )
                for number, v in values
            ]
            if any(v.repealed_on or v.successor for _, v in values[:-1]):
                raise RuleDataError(
                    file, f"{key}.values", "只有某地区的最后一个取值可以写 repealed_on"
                )
            last = values[-1][1]
            try:
                timelines[place] = Timeline(
                    f"{entry.id}@{place}", dated, last.repealed_on, last.successor
                )
            except InvalidRule as error:
                raise RuleDataError(file, f"{key}.values", str(error)) from error
        try:
            result[entry.id] = Overlay(entry.id, timelines)
        except SafetyRulesError as error:
            raise RuleDataError(file, f"{key}.values", str(error)) from error
    return result
