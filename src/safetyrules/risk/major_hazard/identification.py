"""What goes into identification (重大危险源辨识的输入) and how each substance's Q is found.

GB 18218-2018:

- 4.1.1: units are 生产单元 or 储存单元, and each is identified on its own.
- 4.1.2: a chemical named in table 1 takes its Q from table 1; any other takes the Q of its
  hazard category in table 2; a chemical with several hazard categories takes the **lowest**
  of their Qs.
- 4.2.2: q is the design maximum quantity (设计最大量) of the tanks, containers, equipment or
  warehouse area — not the ledger quantity.
- 4.2.3: a mixture with the same hazard category as its pure substance counts as the pure
  substance; one whose category differs takes the Q of the new category.

The wording of 4.1.2 and 4.2.3 is not seen in any source, so the steps that rest on them
(several categories → lowest Q; the mixture rule) are marked unverified in explanations.

>>> row = SubstanceInput(name="柴油", quantity="22.95", symbols=["W5.4"])
>>> row.symbols
('W5.4',)
>>> SubstanceInput(name="柴油", quantity="1", symbols=["W12"])
Traceback (most recent call last):
...
pydantic_core._pydantic_core.ValidationError: 1 validation error for SubstanceInput
symbols
  Value error, 未知的表2 危险性类别符号 'W12'（应为 J1、J2、...、W11 之一） ...
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from typing import Annotated, Any

import attrs
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
)

from safetyrules.checks import quantity as checked_quantity
from safetyrules.errors import InvalidInput, UnknownReference
from safetyrules.law.citation import Citation
from safetyrules.law.confidence import Confidence
from safetyrules.law.reason import Reason
from safetyrules.risk.major_hazard._numbers import exact_decimal, plain
from safetyrules.risk.major_hazard.cas import validate_cas
from safetyrules.risk.major_hazard.lookup import (
    ChemicalMatch,
    MatchedBy,
    match_chemical,
    normalize_symbol,
    suggestions,
)
from safetyrules.risk.major_hazard.names import normalize
from safetyrules.risk.major_hazard.tables import Chemical, HazardCategory, gb18218_tables

# How sure we are of the clauses behind the steps: the wording of 4.1.2 ("several categories
# → lowest Q") and of 4.2.3 (mixtures) is not seen in any source, not from a source.
LOWEST_Q_CONFIDENCE = Confidence.UNVERIFIED
MIXTURE_CONFIDENCE = Confidence.UNVERIFIED


class UnitKind(StrEnum):
    """The kind of unit identified (单元类别, GB 18218-2018 第4.1.1条).

    Production and storage units are identified separately; the kind labels the result.

    >>> UnitKind.parse("storage") is UnitKind.STORAGE, UnitKind.parse("生产单元").name
    (True, 'PRODUCTION')
    """

    PRODUCTION = "生产单元"
    STORAGE = "储存单元"

    @classmethod
    def parse(cls, value: object) -> UnitKind:
        """A kind from a member, its English name (``"storage"``) or its Chinese value
        (单元类型).

        >>> UnitKind.parse("warehouse")
        Traceback (most recent call last):
        ...
        safetyrules.errors.InvalidInput: kind = 'warehouse': 应为 production（生产单元）或 storage（储存单元）
        """
        if isinstance(value, cls):
            return value
        if isinstance(value, str):
            text = value.strip()
            for member in cls:
                if text in (member.value, member.name.lower(), member.name):
                    return member
        raise InvalidInput("kind", value, "应为 production（生产单元）或 storage（储存单元）")


class MixtureRule(StrEnum):
    """How a mixture's Q was found (混合物临界量的确定, GB 18218-2018 第4.2.3条).

    >>> MixtureRule.AS_PURE_SUBSTANCE.value
    '按纯物质'
    """

    AS_PURE_SUBSTANCE = "按纯物质"
    NEW_CATEGORY = "按新危险性类别"


class Mixture(BaseModel):
    """What makes a row a mixture (混合物, GB 18218-2018 第3.7条、第4.2.3条).

    ``pure_substance`` names the pure substance (name, alias or CAS number, as for a row);
    ``same_category`` says whether the mixture has the pure substance's hazard category. When
    it has, the mixture counts as the pure substance; when not, the row's ``symbols`` give the
    new category, whose Q from table 2 applies.

    >>> Mixture(pure_substance="甲醛", same_category=False).same_category
    False
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    pure_substance: str = Field(min_length=1, description="纯物质名称、别名或 CAS 号")
    qualifier: str | None = Field(default=None, description="纯物质在表1中的限定条件")
    same_category: bool = Field(description="混合物与其纯物质的危险性类别是否相同")


def _quantity(value: Any) -> Decimal:
    return checked_quantity("quantity", value)


def _symbols(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    given = [value] if isinstance(value, str) else list(value)
    symbols: list[str] = []
    for item in given:
        if not isinstance(item, str):
            raise ValueError(f"危险性类别符号应为字符串，而不是 {item!r}")
        symbol = normalize_symbol(item)
        if symbol not in gb18218_tables().categories:
            allowed = "、".join(gb18218_tables().categories)
            raise ValueError(f"未知的表2 危险性类别符号 {item!r}（应为 {allowed} 之一）")
        if symbol not in symbols:
            symbols.append(symbol)
    return tuple(symbols)


Tonnes = Annotated[
    Decimal, BeforeValidator(_quantity), Field(description="实际存在量 q（吨），设计最大量")
]
"""A quantity in tonnes (吨): Decimal, int or decimal string, zero or more; floats refused."""


class SubstanceInput(BaseModel):
    """One hazardous chemical of a unit and its quantity (单元内的危险化学品及其实际存在量).

    ``name`` is the table-1 name, an alias or a CAS number, or any name for a chemical outside
    table 1 (which then needs ``symbols``). ``quantity`` is q in tonnes — the design maximum
    quantity (设计最大量, 第4.2.2条). ``qualifier`` picks a table-1 row where a name has
    several (硝酸铵, 硝化纤维素). ``symbols`` are the chemical's table-2 hazard categories
    (J1–J5, W1.1–W11): they give Q for a chemical outside table 1 and β (table 4) for any
    chemical not named in table 3. ``mixture`` marks a mixture (第4.2.3条).

    >>> SubstanceInput(name="氨", quantity=10).quantity
    Decimal('10')
    >>> SubstanceInput(name="氨", quantity=10.0)
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.ValidationError: 1 validation error for SubstanceInput
    quantity
      Value error, quantity = 10.0: 数量必须是 Decimal、整数或数字字符串（不接受浮点数） ...
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1, description="名称、别名或 CAS 号")
    quantity: Tonnes
    qualifier: str | None = Field(default=None, description="表1 中的限定条件")
    symbols: tuple[str, ...] = Field(default=(), description="表2 危险性类别符号")
    mixture: Mixture | None = None

    _check_symbols = field_validator("symbols", mode="before")(_symbols)


@attrs.frozen
class Resolution:
    """A row with its Q found (临界量查表结果), before any grading.

    >>> r = resolve(SubstanceInput(name="液氨", quantity=5), "substances[0]")
    >>> r.table_name, r.matched_by.value, r.critical_quantity, r.ratio
    ('氨', '别名', Decimal('10'), Fraction(1, 2))
    """

    row: SubstanceInput
    field: str
    chemical: Chemical | None
    matched_by: MatchedBy
    category: HazardCategory | None
    critical_quantity: Decimal
    mixture_rule: MixtureRule | None
    identity: tuple[str, ...]
    """Names (normalised) and CAS numbers by which table 3 may name the substance."""
    source: Citation
    """The table row Q was read from (表1 or 表2)."""
    reason: Reason

    @property
    def ratio(self) -> Fraction:
        """q/Q, exactly (实际存在量与临界量之比).

        >>> resolve(SubstanceInput(name="氯", quantity=2), "substances[0]").ratio
        Fraction(2, 5)
        """
        return Fraction(self.row.quantity) / Fraction(self.critical_quantity)

    @property
    def table_name(self) -> str | None:
        """The table-1 name with its qualifier, or None outside table 1 (表1 名称).

        >>> resolve(SubstanceInput(name="液氨", quantity=5), "substances[0]").table_name
        '氨'
        >>> diesel = SubstanceInput(name="柴油", quantity=1, symbols=["W5.4"])
        >>> resolve(diesel, "substances[0]").table_name is None
        True
        """
        return self.chemical.full_name if self.chemical is not None else None


def resolve(row: SubstanceInput, field: str) -> Resolution:
    """Find the Q of one row (确定临界量): table 1, else table 2 (lowest Q), mixtures by
    第4.2.3条. ``field`` names the row in error messages.

    >>> r = resolve(SubstanceInput(name="柴油", quantity=1, symbols=["W5.4"]), "substances[0]")
    >>> r.category.symbol, r.critical_quantity
    ('W5.4', Decimal('5000'))
    >>> resolve(SubstanceInput(name="柴油", quantity=1), "substances[0]")
    Traceback (most recent call last):
    ...
    safetyrules.errors.InvalidInput: substances[0].name = '柴油': 不在表1中，须给出表2危险性类别...
    """
    if row.mixture is not None:
        return _mixture(row, row.mixture, field)
    match = _table1(row.name, row.qualifier, f"{field}.name")
    if match is not None:
        return _from_table1(row, field, match, mixture_rule=None)
    if not row.symbols:
        close = suggestions(row.name)
        hint = f"；表1 中相近的有：{'、'.join(close)}" if close else ""
        raise InvalidInput(
            f"{field}.name",
            row.name,
            f"不在表1中，须给出表2危险性类别（symbols，如 W5.4）以确定临界量{hint}",
        )
    return _from_table2(row, field, _identity_of_input(row.name), mixture_rule=None)


def _table1(name: str, qualifier: str | None, field: str) -> ChemicalMatch | None:
    try:
        return match_chemical(name, qualifier, field=field)
    except UnknownReference:
        return None


def _identity_of_input(name: str) -> tuple[str, ...]:
    try:
        return (normalize(name), validate_cas(name))
    except InvalidInput:
        return (normalize(name),)


def _identity_of(chemical: Chemical) -> tuple[str, ...]:
    return tuple(normalize(n) for n in (chemical.name, *chemical.aliases)) + chemical.cas


def _from_table1(
    row: SubstanceInput, field: str, match: ChemicalMatch, mixture_rule: MixtureRule | None
) -> Resolution:
    chemical = match.chemical
    how = f"按{match.matched_by.value}“{row.name}”" if mixture_rule is None else ""
    message = (
        f"{row.name}：{how}查得表1 第{chemical.number}行“{chemical.full_name}”，"
        f"临界量 Q = {plain(chemical.critical_quantity)} t"
    )
    citation = chemical.citation
    confidence = chemical.confidence
    if mixture_rule is not None:
        message = (
            f"{row.name}：混合物，与其纯物质危险性类别相同，按纯物质计（第4.2.3条）；"
            f"纯物质为表1 第{chemical.number}行“{chemical.full_name}”，"
            f"临界量 Q = {plain(chemical.critical_quantity)} t"
        )
        citation = gb18218_tables().citation("第4.2.3条")
        confidence = Confidence.weakest([confidence, MIXTURE_CONFIDENCE])
    return _resolution(
        row,
        field,
        chemical=chemical,
        matched_by=match.matched_by,
        category=None,
        critical_quantity=chemical.critical_quantity,
        mixture_rule=mixture_rule,
        identity=_identity_of(chemical),
        source=chemical.citation,
        message=message,
        citation=citation,
        confidence=confidence,
    )


def _from_table2(
    row: SubstanceInput, field: str, identity: tuple[str, ...], mixture_rule: MixtureRule | None
) -> Resolution:
    categories = [gb18218_tables().categories[s] for s in row.symbols]
    lowest = min(categories, key=lambda c: c.critical_quantity)
    listed = "；".join(f"{c.label} Q = {plain(c.critical_quantity)} t" for c in categories)
    confidences = [c.confidence for c in categories]
    if mixture_rule is MixtureRule.NEW_CATEGORY:
        assert row.mixture is not None
        lead = (
            f"{row.name}：混合物，危险性类别与纯物质“{row.mixture.pure_substance}”不同，"
            "按新危险性类别查表2（第4.2.3条）："
        )
        confidences.append(MIXTURE_CONFIDENCE)
    elif mixture_rule is MixtureRule.AS_PURE_SUBSTANCE:
        assert row.mixture is not None
        lead = (
            f"{row.name}：混合物，与其纯物质“{row.mixture.pure_substance}”危险性类别相同，"
            "按纯物质计（第4.2.3条）；纯物质不在表1中，按表2："
        )
        confidences.append(MIXTURE_CONFIDENCE)
    else:
        lead = f"{row.name}：不在表1中，按表2危险性类别："
    if len(categories) > 1:
        message = (
            f"{lead}{listed}；具有多种危险性的，取其中最低的临界量（第4.1.2条），"
            f"即 {lowest.symbol}，Q = {plain(lowest.critical_quantity)} t"
        )
        confidences.append(LOWEST_Q_CONFIDENCE)
    else:
        message = f"{lead}{listed}"
    return _resolution(
        row,
        field,
        chemical=None,
        matched_by=MatchedBy.CATEGORY,
        category=lowest,
        critical_quantity=lowest.critical_quantity,
        mixture_rule=mixture_rule,
        identity=identity,
        source=lowest.citation,
        message=message,
        citation=lowest.citation,
        confidence=Confidence.weakest(confidences),
    )


def _mixture(row: SubstanceInput, mixture: Mixture, field: str) -> Resolution:
    if not mixture.same_category:
        if not row.symbols:
            raise InvalidInput(
                f"{field}.symbols",
                row.symbols,
                f"{row.name} 是危险性类别与纯物质不同的混合物，须给出其新的表2危险性类别（第4.2.3条）",
            )
        return _from_table2(row, field, (), mixture_rule=MixtureRule.NEW_CATEGORY)
    match = _table1(mixture.pure_substance, mixture.qualifier, f"{field}.mixture.pure_substance")
    if match is not None:
        return _from_table1(row, field, match, mixture_rule=MixtureRule.AS_PURE_SUBSTANCE)
    if not row.symbols:
        raise InvalidInput(
            f"{field}.mixture.pure_substance",
            mixture.pure_substance,
            "纯物质不在表1中，须给出其表2危险性类别（symbols）以确定临界量",
        )
    return _from_table2(
        row,
        field,
        _identity_of_input(mixture.pure_substance),
        mixture_rule=MixtureRule.AS_PURE_SUBSTANCE,
    )


def _resolution(
    row: SubstanceInput,
    field: str,
    *,
    chemical: Chemical | None,
    matched_by: MatchedBy,
    category: HazardCategory | None,
    critical_quantity: Decimal,
    mixture_rule: MixtureRule | None,
    identity: tuple[str, ...],
    source: Citation,
    message: str,
    citation: Citation,
    confidence: Confidence,
) -> Resolution:
    ratio = Fraction(row.quantity) / Fraction(critical_quantity)
    full = f"{message}；q = {plain(row.quantity)} t，q/Q = {plain(exact_decimal(ratio))}"
    reason = Reason(
        rule="risk.major_hazard.critical_quantity",
        message=full,
        citation=citation,
        inputs={"name": row.name, "q": row.quantity, "Q": critical_quantity},
        confidence=confidence,
    )
    return Resolution(
        row=row,
        field=field,
        chemical=chemical,
        matched_by=matched_by,
        category=category,
        critical_quantity=critical_quantity,
        mixture_rule=mixture_rule,
        identity=identity,
        source=source,
        reason=reason,
    )


def rows_of(substances: object) -> list[tuple[SubstanceInput, str]]:
    """The rows of ``assess``'s input with the label each error should name (输入明细).

    A mapping gives name → quantity; a sequence gives :class:`SubstanceInput` rows or dicts
    of their fields.

    >>> [(row.name, label) for row, label in rows_of({"氨": 1, "氯": "0.5"})]
    [('氨', "substances['氨']"), ('氯', "substances['氯']")]
    >>> rows_of([{"name": "氨", "quantity": -1}])
    Traceback (most recent call last):
    ...
    safetyrules.errors.InvalidInput: substances[0].quantity = -1: 数量不能为负数
    """
    if isinstance(substances, Mapping):
        rows = []
        for name, value in substances.items():
            label = f"substances[{name!r}]"
            if not isinstance(name, str):
                raise InvalidInput("substances", name, "键应为危险化学品名称、别名或 CAS 号")
            rows.append((SubstanceInput(name=name, quantity=checked_quantity(label, value)), label))
    elif isinstance(substances, Iterable) and not isinstance(substances, str | bytes):
        rows = []
        for index, item in enumerate(substances):
            label = f"substances[{index}]"
            if isinstance(item, SubstanceInput):
                rows.append((item, label))
                continue
            try:
                rows.append((SubstanceInput.model_validate(item), label))
            except ValidationError as error:
                raise _named(error, label) from None
    else:
        raise InvalidInput(
            "substances", substances, "应为 名称→数量 的映射，或 SubstanceInput 的列表"
        )
    if not rows:
        raise InvalidInput("substances", substances, "单元内至少要有一种危险化学品")
    return rows


def _named(error: ValidationError, label: str) -> InvalidInput:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"])
    cause = first.get("ctx", {}).get("error")
    if isinstance(cause, InvalidInput):
        message = cause.message
    elif isinstance(cause, Exception):
        message = str(cause)
    else:
        message = first["msg"]
    return InvalidInput(f"{label}.{where}" if where else label, first["input"], message)
