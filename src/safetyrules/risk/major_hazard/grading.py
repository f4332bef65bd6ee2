"""Grading a major hazard installation (重大危险源分级, GB 18218-2018 第4.3条).

Only a unit that is a major hazard installation (S ≥ 1) is graded, by formula (2):

    R = α · (β₁·q₁/Q₁ + β₂·q₂/Q₂ + … + βₙ·qₙ/Qₙ)

- β (校正系数): table 3 for the toxic gases it names; for any other chemical, table 4 by its
  hazard category — even for a chemical named in table 1 (汽油, 甲醇): β then needs the
  chemical's table-2 symbol, not just its name. For a chemical with several symbols the
  library takes the **largest** β: no rule in the standard is confirmed, and the largest is
  the conservative choice (marked unverified in explanations).
- α (暴露人员校正系数): table 5, by the resident population within 500 m outside the plant
  boundary (厂区边界向外扩展 500m 范围内常住人口数量).
- The grade: table 6, 一级 R ≥ 100, 二级 100 > R ≥ 50, 三级 50 > R ≥ 10, 四级 R < 10.

The same α, β and grade tables appear in 原国家安全监管总局令第40号 附件1, which graded
installations identified under GB 18218-2009.

>>> alpha_for(100), alpha_for(99), alpha_for(0)
(Decimal('2.0'), Decimal('1.5'), Decimal('0.5'))
>>> grade_for(100), grade_for(Decimal("99.99")), grade_for(10), grade_for(Decimal("9.99"))
(1, 2, 3, 4)
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from enum import StrEnum
from functools import cache

import attrs

from safetyrules.checks import count
from safetyrules.errors import InvalidInput
from safetyrules.law.citation import Citation
from safetyrules.law.confidence import Confidence
from safetyrules.law.reason import Reason
from safetyrules.risk.major_hazard._numbers import plain
from safetyrules.risk.major_hazard.identification import Resolution
from safetyrules.risk.major_hazard.names import normalize
from safetyrules.risk.major_hazard.tables import AlphaRow, GradeRow, ToxicGas, gb18218_tables

# Several hazard symbols → the largest β: no rule seen in any source; a conservative choice.
MAX_BETA_CONFIDENCE = Confidence.UNVERIFIED


class BetaSource(StrEnum):
    """Where a substance's β was read (校正系数 β 的来源).

    >>> BetaSource.NAMED_TOXIC_GAS.value
    '表3 毒性气体'
    """

    NAMED_TOXIC_GAS = "表3 毒性气体"
    HAZARD_CATEGORY = "表4 危险性类别"


@attrs.frozen
class Beta:
    """A substance's β with its source (校正系数 β).

    >>> from safetyrules.risk.major_hazard.identification import SubstanceInput, resolve
    >>> b = beta_of(resolve(SubstanceInput(name="甲苯", quantity=1, symbols=["W5.3"]), "x"))
    >>> b.value, b.source.value, b.symbol
    (Decimal('1'), '表4 危险性类别', 'W5.3')
    """

    value: Decimal
    source: BetaSource
    symbol: str | None
    citation: Citation
    confidence: Confidence
    reason: Reason


def alpha_for(population: int) -> Decimal:
    """α for the resident population within 500 m (暴露人员校正系数 α, 表5).

    Both ends of each band are included: 100人以上 → 2.0; 50–99人 → 1.5; 30–49人 → 1.2;
    1–29人 → 1.0; 0人 → 0.5.

    >>> alpha_for(49), alpha_for(50)
    (Decimal('1.2'), Decimal('1.5'))
    """
    return alpha_row(population).value


def alpha_row(population: int) -> AlphaRow:
    """The table-5 row for a head count (表5 的一档).

    >>> alpha_row(30).label
    '30～49人'
    """
    return gb18218_tables().alpha.value_for(count("population", population))


def grade_for(r: Decimal | int) -> int:
    """The grade for R (重大危险源级别, 表6): 1 (一级, highest) to 4 (四级).

    >>> grade_for(50), grade_for(Decimal("49.999"))
    (2, 3)
    """
    return grade_row(r).grade


def grade_row(r: Decimal | int) -> GradeRow:
    """The table-6 row for R (表6 的一档).

    >>> grade_row(Decimal("10")).label
    '三级'
    """
    if isinstance(r, bool) or not isinstance(r, Decimal | int):
        raise InvalidInput("r", r, "R 必须是 Decimal 或整数")
    if r < 0:
        raise InvalidInput("r", r, "R 不能为负数")
    return gb18218_tables().grades.value_for(r)


def named_toxic_gas(identity: Iterable[str]) -> ToxicGas | None:
    """The table-3 toxic gas with one of these names (normalised) or CAS numbers, if any
    (表3 毒性气体).

    >>> named_toxic_gas(["液氯"]) is None, named_toxic_gas(["7782-50-5"]).name
    (True, '氯')
    """
    index = _toxic_gases()
    for key in identity:
        found = index.get(normalize(key))
        if found is not None:
            return found
    return None


def beta_of(resolution: Resolution) -> Beta | None:
    """The β of a resolved row (确定校正系数 β): table 3 by name, else table 4 by its symbols
    (the largest β); None when neither applies (the row needs symbols).

    >>> from safetyrules.risk.major_hazard.identification import SubstanceInput, resolve
    >>> beta_of(resolve(SubstanceInput(name="氯气", quantity=1), "x")).value
    Decimal('4')
    >>> beta_of(resolve(SubstanceInput(name="甲苯", quantity=1), "x")) is None
    True
    """
    row = resolution.row
    gas = named_toxic_gas(resolution.identity)
    if gas is not None:
        return Beta(
            value=gas.beta,
            source=BetaSource.NAMED_TOXIC_GAS,
            symbol=None,
            citation=gas.citation,
            confidence=gas.confidence,
            reason=Reason(
                rule="risk.major_hazard.beta",
                message=f"{row.name}：表3 所列毒性气体“{gas.name}”，β = {plain(gas.beta)}",
                citation=gas.citation,
                inputs={"name": row.name, "beta": gas.beta},
                confidence=gas.confidence,
            ),
        )
    if not row.symbols:
        return None
    betas = [gb18218_tables().category_betas[s] for s in row.symbols]
    largest = max(betas, key=lambda b: b.beta)
    confidences = [b.confidence for b in betas]
    listed = "、".join(f"{b.symbol} β = {plain(b.beta)}" for b in betas)
    if len(betas) > 1:
        message = (
            f"{row.name}：不在表3中，按表4危险性类别：{listed}；"
            f"多种危险性类别取较大的 β（从严选择，标准未明文规定），β = {plain(largest.beta)}"
        )
        confidences.append(MAX_BETA_CONFIDENCE)
    else:
        message = f"{row.name}：不在表3中，按表4危险性类别 {listed}"
    confidence = Confidence.weakest(confidences)
    return Beta(
        value=largest.beta,
        source=BetaSource.HAZARD_CATEGORY,
        symbol=largest.symbol,
        citation=largest.citation,
        confidence=confidence,
        reason=Reason(
            rule="risk.major_hazard.beta",
            message=message,
            citation=largest.citation,
            inputs={"name": row.name, "symbol": largest.symbol, "beta": largest.beta},
            confidence=confidence,
        ),
    )


@cache
def _toxic_gases() -> dict[str, ToxicGas]:
    index: dict[str, ToxicGas] = {}
    for gas in gb18218_tables().toxic_gases:
        index[normalize(gas.name)] = gas
        for number in gas.cas:
            index[number] = gas
    return index
