"""The fast scalar path (分级速查表): every factor combination of a method graded once, then
looked up per call.

A method's value tables are small (LEC 7 × 6 × 6 = 252 combinations, LS 25, MES a few
hundred), so :class:`RiskTable` grades each combination through :func:`~safetyrules.risk.assess`
when it is built and answers a call with a few dictionary look-ups: the score, the grade and
the level by score (按分值的风险等级), without the explanation. It serves a platform grading
one point at a time in a loop; for whole tables use :func:`safetyrules.bulk.grade_risks`, and
for the reasons (which rule, which citation) call :func:`~safetyrules.risk.assess` on the row.

The answer is the scalar path's by construction: each entry is built by
:func:`~safetyrules.risk.assess`, and a value the table does not hold as written (``"3.00"``,
a value outside the table, a bool, a NaN) is passed to :func:`~safetyrules.risk.assess`,
which grades it or raises its own error. Direct judgement (直接判定) is not applied: the level
is the one by score; use :func:`~safetyrules.risk.assess` with ``direct=`` for a point with a
direct-judgement condition.

>>> table = risk_table("LEC")
>>> table(3, 6, 7).level.value, table("0.5", 6, 7).score
('一般风险', Decimal('21'))
>>> table(2, 6, 7)
Traceback (most recent call last):
...
safetyrules.errors.InvalidInput: L = 2: 事故发生的可能性（L）只能取 0.1、0.2、0.5、1、3、6、10
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any

import attrs

from safetyrules.law.catalogue import require_in_force
from safetyrules.law.jurisdiction import NATION_CODE
from safetyrules.risk.assessment import RiskAssessment, _scheme, assess
from safetyrules.risk.level import LEVELS_INSTRUMENT, RiskColour, RiskLevel
from safetyrules.risk.methods import Factor, MethodName, method
from safetyrules.risk.schemes import Scheme


@attrs.frozen
class ScoredLevel:
    """A risk graded by score alone (按分值分级结果): method, score, scheme, the scheme's
    grade and the level.

    >>> risk_table("LS")(4, 5)
    ScoredLevel(method=<MethodName.LS: 'LS'>, score=Decimal('20'), scheme='ls-db37', grade='1级', level=<RiskLevel.MAJOR: '重大风险'>)
    """

    method: MethodName
    score: Decimal
    scheme: str
    grade: str | None
    level: RiskLevel

    @property
    def colour(self) -> RiskColour:
        """The level's colour (风险颜色).

        >>> risk_table("LS")(4, 5).colour.value
        '红'
        """
        return self.level.colour

    @classmethod
    def of(cls, assessment: RiskAssessment) -> ScoredLevel:
        """The score-alone part of a full assessment (取自完整评价结果).

        >>> from safetyrules.risk import ls
        >>> ScoredLevel.of(ls(4, 5, direct=["major-hazard-installation"])).level.value
        '重大风险'
        """
        return cls(
            method=assessment.method,
            score=assessment.score,
            scheme=assessment.scheme,
            grade=assessment.grade,
            level=assessment.scored_level,
        )


class RiskTable:
    """Every factor combination of one scheme, graded (分级速查表); call it with the factor
    values in the method's order (LEC: L, E, C; LS: L, S; MES: M, E, S).

    >>> from safetyrules.risk import scheme
    >>> table = RiskTable(scheme("ls-zgmkw"))
    >>> table(4, 4).grade, table.symbols, len(table)
    ('Ⅱ级', ('L', 'S'), 25)
    """

    def __init__(self, chosen: Scheme) -> None:
        self.scheme = chosen
        self.method = method(chosen.method)
        self.symbols = tuple(f.symbol for f in self.method.factors)
        graded: dict[tuple[Decimal, ...], ScoredLevel] = {}
        for values in itertools.product(*(f.allowed for f in self.method.factors)):
            factors = dict(zip(self.symbols, values, strict=True))
            graded[values] = ScoredLevel.of(assess(chosen.method, factors, scheme=chosen))
        self._graded = graded
        self._nested = _nest(self.method.factors, graded)
        self._call = self._caller()

    def __len__(self) -> int:
        return len(self._graded)

    def __call__(self, *values: object) -> ScoredLevel:
        return self._call(*values)

    def grade(self, factors: Mapping[str, object]) -> ScoredLevel:
        """Grade from a mapping of symbol to value, as :func:`~safetyrules.risk.assess` takes
        them (按因素取值分级).

        >>> risk_table("MES").grade({"M": 3, "E": 2, "S": 1}).score
        Decimal('6')
        """
        if set(factors) != set(self.symbols):
            return self._slow(factors)
        return self._call(*(factors[symbol] for symbol in self.symbols))

    def _slow(self, factors: Mapping[str, object]) -> ScoredLevel:
        # The scalar path grades what the table does not hold as written, or raises its error.
        return ScoredLevel.of(assess(self.method.id, factors, scheme=self.scheme))

    def _caller(self) -> Callable[..., ScoredLevel]:
        # One closure per arity: a call is then two or three dictionary look-ups.
        nested, symbols, slow = self._nested, self.symbols, self._slow
        if len(symbols) == 2:

            def two(a: object, b: object) -> ScoredLevel:
                try:
                    if a.__class__ is not bool and b.__class__ is not bool:
                        found: ScoredLevel = nested[a][b]
                        return found
                except (KeyError, TypeError):
                    pass
                return slow(dict(zip(symbols, (a, b), strict=True)))

            return two
        if len(symbols) == 3:

            def three(a: object, b: object, c: object) -> ScoredLevel:
                try:
                    if bool not in (a.__class__, b.__class__, c.__class__):
                        found: ScoredLevel = nested[a][b][c]
                        return found
                except (KeyError, TypeError):
                    pass
                return slow(dict(zip(symbols, (a, b, c), strict=True)))

            return three

        def general(*values: object) -> ScoredLevel:
            return slow(dict(zip(symbols, values, strict=True)))

        return general


def _spellings(value: Decimal) -> tuple[object, ...]:
    # The ways a caller writes a table value: an int or a float, text, or the Decimal. Native
    # numbers come first: equal keys keep the first one inserted, and an int finds an int key
    # faster than a Decimal key. A float that is not exact (0.1) is its own key.
    as_float = float(value)
    integral = value == value.to_integral_value()
    spellings: list[object] = [int(value)] if integral else []
    spellings += [as_float, format(value, "f"), repr(as_float)]
    if integral:
        spellings.append(str(int(value)))
    spellings.append(value)
    return tuple(spellings)


def _nest(factors: tuple[Factor, ...], graded: Mapping[tuple[Decimal, ...], ScoredLevel]) -> Any:
    """Nested dictionaries value → value → … → result, each level keyed by every spelling."""

    def level(prefix: tuple[Decimal, ...]) -> Any:
        if len(prefix) == len(factors):
            return graded[prefix]
        inner = {}
        for value in factors[len(prefix)].allowed:
            below = level((*prefix, value))
            for spelling in _spellings(value):
                inner[spelling] = below
        return inner

    return level(())


def risk_table(
    method_name: MethodName | str,
    *,
    scheme_id: str | None = None,
    jurisdiction: str = NATION_CODE,
    as_of: date | None = None,
) -> RiskTable:
    """The graded table of a method's scheme (分级速查表): ``scheme_id``, or the method's
    default for the jurisdiction and date as :func:`~safetyrules.risk.assess` chooses it.
    Built once per scheme and process.

    >>> risk_table("LS") is risk_table("LS", scheme_id="ls-db37")
    True
    """
    chosen_method = method(method_name)
    if as_of is not None:
        # The same refusal as the scalar path for a date before the four levels existed.
        require_in_force(LEVELS_INSTRUMENT, as_of)
    return _table(_scheme(chosen_method, scheme_id, jurisdiction, as_of))


@cache
def _table(chosen: Scheme) -> RiskTable:
    return RiskTable(chosen)
