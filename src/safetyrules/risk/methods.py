"""Risk assessment methods as data (风险评价方法): LEC, LS and MES, with their value tables.

Each method multiplies its factors (D = L × E × C; R = L × S; R = M × E × S). A factor accepts
only the values of its table, each with the Chinese description an application shows in a
pick-list; anything else is refused with the allowed values listed, never rounded.
Data: ``safetyrules/data/risk/methods.toml``.

>>> lec = method("LEC")
>>> lec.formula, [f.symbol for f in lec.factors]
('D = L × E × C', ['L', 'E', 'C'])
>>> lec.factor("C").describe(7)
'严重，重伤'
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping
from decimal import Decimal
from enum import StrEnum
from functools import cache
from typing import Any

import attrs
from pydantic import BaseModel, ConfigDict, Field

from safetyrules.checks import quantity
from safetyrules.errors import InvalidInput, RuleDataError, UnknownReference
from safetyrules.law.confidence import Confidence
from safetyrules.law.data_files import enumerate_tables, read_toml, validated

DATA_FILE = "risk/methods.toml"


class MethodName(StrEnum):
    """The risk assessment methods the library knows (风险评价方法).

    >>> MethodName("LS").label
    '风险矩阵分析法'
    """

    LEC = "LEC"
    LS = "LS"
    MES = "MES"

    @property
    def label(self) -> str:
        """The method's Chinese name (方法名称).

        >>> MethodName.LEC.label
        '作业条件危险性分析法'
        """
        return method(self).name


@attrs.frozen
class FactorValue:
    """One allowed value of a factor and what it means (因素取值及其含义).

    >>> method("LEC").factor("L").values[0]
    FactorValue(value=Decimal('0.1'), description='实际不可能', criteria={})
    >>> method("LS").factor("S").values[0].criteria["人员"]
    '无伤亡'
    """

    value: Decimal
    description: str
    criteria: Mapping[str, str] = attrs.field(factory=dict)
    """Per-aspect criteria where the table has several columns (e.g. S: 人员, 直接经济损失 …)."""


@attrs.frozen
class Factor:
    """A factor of a method with its value table (评价因素取值表).

    >>> f = method("LS").factor("L")
    >>> f.check(6)
    Traceback (most recent call last):
    ...
    safetyrules.errors.InvalidInput: L = 6: 事故发生的可能性（L）只能取 1、2、3、4、5
    """

    symbol: str
    name: str
    values: tuple[FactorValue, ...]

    @property
    def allowed(self) -> tuple[Decimal, ...]:
        """The allowed values, ascending (允许取值).

        >>> method("LEC").factor("E").allowed
        (Decimal('0.5'), Decimal('1'), Decimal('2'), Decimal('3'), Decimal('6'), Decimal('10'))
        """
        return tuple(v.value for v in self.values)

    def check(self, value: object) -> Decimal:
        """The value as a Decimal if the table has it (取值校验); otherwise :class:`InvalidInput`.

        A float is read as written (``0.1`` as ``Decimal("0.1")``): it is only compared with
        the table, never computed with.

        >>> method("LEC").factor("L").check(0.1)
        Decimal('0.1')
        >>> method("LS").factor("L").check("3")
        Decimal('3')
        """
        written = str(value) if isinstance(value, float) else value
        try:
            number = quantity(self.symbol, written)
        except InvalidInput as error:
            raise InvalidInput(self.symbol, value, f"{self._label}{error.message}") from None
        if number not in self.allowed:
            allowed = "、".join(_plain(v) for v in self.allowed)
            raise InvalidInput(self.symbol, value, f"{self._label}只能取 {allowed}")
        return number

    def describe(self, value: object) -> str:
        """The description of an allowed value (取值含义).

        >>> method("LEC").factor("L").describe(0.1)
        '实际不可能'
        """
        number = self.check(value)
        return next(v.description for v in self.values if v.value == number)

    @property
    def _label(self) -> str:
        return f"{self.name}（{self.symbol}）"


@attrs.frozen
class Method:
    """A risk assessment method: its factors, formula and sources (风险评价方法).

    >>> method("MES").reachable_scores()[:4]
    (Decimal('0.5'), Decimal('1'), Decimal('1.5'), Decimal('2'))
    """

    id: MethodName
    name: str
    formula: str
    score: str
    factors: tuple[Factor, ...]
    confidence: Confidence
    sources: tuple[str, ...]
    note: str

    def factor(self, symbol: str) -> Factor:
        """The factor with this symbol (评价因素: L, E, C, S, M).

        >>> method("LEC").factor("E").name
        '暴露于危险环境的频繁程度'
        """
        for factor in self.factors:
            if factor.symbol == symbol:
                return factor
        raise UnknownReference(f"{self.id.value} 的评价因素", symbol)

    def product(self, values: Mapping[str, Decimal]) -> Decimal:
        """The score: the product of the factor values, exactly (D = L × E × C 等).

        >>> from decimal import Decimal
        >>> method("LEC").product({"L": Decimal(3), "E": Decimal(6), "C": Decimal(7)})
        Decimal('126')
        """
        return _normal(math.prod((values[f.symbol] for f in self.factors), start=Decimal(1)))

    def reachable_scores(self) -> tuple[Decimal, ...]:
        """Every score the value tables can produce, ascending (可达分值; used to check band schemes).

        >>> method("LS").reachable_scores()[-3:]
        (Decimal('16'), Decimal('20'), Decimal('25'))
        """
        products = {
            _normal(math.prod(combination, start=Decimal(1)))
            for combination in itertools.product(*(f.allowed for f in self.factors))
        }
        return tuple(sorted(products))


def method(name: MethodName | str) -> Method:
    """The method with this name (风险评价方法: LEC, LS or MES).

    >>> method("LEC").score
    'D'
    """
    try:
        key = MethodName(name)
    except ValueError:
        raise InvalidInput(
            "method", name, f"应为 {'、'.join(m.value for m in MethodName)} 之一"
        ) from None
    return _methods()[key]


def _plain(number: Decimal) -> str:
    return format(_normal(number), "f")


def _normal(number: Decimal) -> Decimal:
    # 0.5 × 2 is Decimal("1.0"); normalising makes equal scores print and hash alike.
    normal = number.normalize()
    return normal.quantize(Decimal(1)) if normal == normal.to_integral_value() else normal


class _ValueEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    value: str = Field(pattern=r"^[0-9]+(\.[0-9]+)?$")
    description: str = Field(min_length=1)
    criteria: dict[str, str] = {}


class _FactorEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    symbol: str = Field(pattern=r"^[A-Z][0-9]?$")
    name: str = Field(min_length=1)
    values: list[_ValueEntry] = Field(min_length=2)


class _MethodEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: MethodName
    name: str = Field(min_length=1)
    formula: str = Field(min_length=1)
    score: str = Field(min_length=1)
    confidence: Confidence
    sources: list[str] = Field(min_length=1)
    note: str = ""
    factors: list[_FactorEntry] = Field(min_length=2)


@cache
def _methods() -> dict[MethodName, Method]:
    file, document = read_toml(DATA_FILE)
    return _read(document, file)


def _read(document: dict[str, Any], file: str) -> dict[MethodName, Method]:
    methods: dict[MethodName, Method] = {}
    for index, raw in enumerate_tables(document, "method", file):
        entry = validated(_MethodEntry, raw, file, f"method[{index}]")
        if entry.id in methods:
            raise RuleDataError(file, f"method[{index}].id", f"重复的方法 {entry.id.value}")
        factors = []
        for position, factor in enumerate(entry.factors):
            values = sorted(Decimal(v.value) for v in factor.values)
            if len(set(values)) != len(values) or values[0] <= 0:
                raise RuleDataError(
                    file, f"method[{index}].factors[{position}].values", "取值须为不重复的正数"
                )
            factors.append(
                Factor(
                    symbol=factor.symbol,
                    name=factor.name,
                    values=tuple(
                        sorted(
                            (
                                FactorValue(_normal(Decimal(v.value)), v.description, v.criteria)
                                for v in factor.values
                            ),
                            key=lambda v: v.value,
                        )
                    ),
                )
            )
        methods[entry.id] = Method(
            id=entry.id,
            name=entry.name,
            formula=entry.formula,
            score=entry.score,
            factors=tuple(factors),
            confidence=entry.confidence,
            sources=tuple(entry.sources),
            note=entry.note,
        )
    missing = set(MethodName) - set(methods)
    if missing:
        raise RuleDataError(file, "method", f"缺少方法 {'、'.join(sorted(missing))}")
    return methods
