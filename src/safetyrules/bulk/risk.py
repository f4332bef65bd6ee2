"""Risk grading over a whole table (批量风险分级): LEC, LS and MES for every row at once, the
same answers as :func:`safetyrules.risk.assess` row by row.

:func:`grade_risks` reads one row per risk point: the method (a ``method`` column, or one
``method=`` for the whole frame), the factor values in columns named by their symbols (LEC:
``L``, ``E``, ``C``; LS: ``L``, ``S``; MES: ``M``, ``E``, ``S``; ``factors=`` renames them), and
optionally the ids of the direct-judgement conditions (直接判定情形) that hold. It adds
:data:`RESULT_COLUMNS`: ``score``, ``scored_level``, ``level``, ``colour``, ``grade``,
``scheme`` and ``problem``.

**How the scores stay exact.** No float is compared at a band edge. Each factor's table
values are scaled to integers by ``10 ** d``, ``d`` the most decimals a value of that table
has (read from the method data: LEC's L has 0.1, so its scale is 10); a cell is matched
against its table (a number by equality with the table value, text and decimals by the scalar
check itself, once per distinct value) and replaced by its scaled integer; the score is the
product of those integers, an exact Int64 (in pandas, whose NumPy integers have no missing
value, a float64 holding the same integer, exact below 2**53); and each band bound is scaled
the same way, rounded up or down to the integer that keeps the band's inclusivity
(``(20, 70]`` at scale 100 is ``2001 ≤ D ≤ 7000``, :func:`~safetyrules.bulk.exact.
integer_bounds`). The band is found by a when/then chain of those integer comparisons.

**The float score.** The ``score`` column is that integer divided by the method's scale (LEC:
100, LS: 1, MES: 10), by a true division of two columns: the divisor is a full column holding
each row's scale, never a constant, because a backend may divide by a constant as a product
with its reciprocal, which is not correctly rounded (``70 × 0.01`` is
``0.7000000000000001``, ``70 / 100`` is ``0.7``). Both operands are integers below 2**53,
exact as doubles, and pandas (NumPy), polars and pyarrow each divide two doubles by IEEE
division, which is correctly rounded: so each score is the nearest double to the exact
decimal, ``float(Decimal(score))``, for every row, in every backend (``tests/bulk`` checks
every reachable LEC, LS and MES score on all three). To get the decimal itself back, use
:func:`exact_score` (``Decimal(repr(x))``, normalised): exact for every score of at most 15
significant digits, which every shipped table produces.

**Numbers, text and decimals.** A numeric column is compared with the table values as
numbers: ``0.1`` in a Float64 column is the table's 0.1, as the scalar reads a float as
written. A text column (``"0.5"``, ``" 3 "``, ``"3.0"``), a Decimal column and an object
column are read by the scalar check itself, :meth:`~safetyrules.risk.Factor.check`, once per
distinct value; a boolean is refused, as the scalar refuses one. A missing cell (null; NaN in
pandas, where NaN is its missing value) is a missing factor. A row reads only its own
method's factors: in a frame of mixed methods an LS row's ``E`` and ``C`` cells are ignored.

**Direct judgement.** ``direct_column`` names a text column of condition ids joined with "、"
(as the register frame and the lists' exports write them; "," and "，" also separate, spaces
around an id are ignored, an empty or null cell means none). A list column (polars ``List``,
pyarrow ``list``, pandas cells holding lists) is accepted too, but joined into text row by
row in Python first, which costs about a second per million rows: prefer text for large
frames. A row with an enabled condition of ``jurisdiction``'s list is 重大风险 whatever its
score, as the scalar path decides (a condition disabled in the local list forces nothing);
an unknown id is a problem for that row.

**Bad rows** do not stop the others: their results are null and ``problem`` says why, in
Chinese, naming the column and the value (an unknown method, a missing factor, a factor value
not in the method's table with the values it allows, an unknown direct-judgement id; several
problems of one row are joined with "；"). The bad rows are found by the vectorised path
itself (a good row is one that lands in a band), then only they are read back to write their
messages, once per distinct bad row. A row is bad exactly when the scalar
:func:`~safetyrules.risk.assess` raises for it;
:func:`explain_risk_row` runs the scalar path on one row, giving its explanation or the
scalar's own error. A bad keyword argument (an unknown ``method``, a jurisdiction code that
does not exist, a date before the risk levels, a missing column) raises at once.

>>> import polars as pl
>>> frame = pl.DataFrame({
...     "id": ["R1", "R2", "R3"],
...     "method": ["LEC", "LS", "LS"],
...     "L": [3, 4, 7],
...     "E": [6, None, None],
...     "C": [7, None, None],
...     "S": [None, 5, 2],
... })
>>> graded = grade_risks(frame)
>>> graded.select("id", "score", "level", "colour", "grade").rows()
[('R1', 126.0, '一般风险', '黄', '3级'), ('R2', 20.0, '重大风险', '红', '1级'), ('R3', None, None, None, None)]
>>> graded["problem"][2]
'L = 7：事故发生的可能性（L）只能取 1、2、3、4、5'
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar, cast

import attrs
import narwhals as nw
from narwhals.typing import IntoDType

from safetyrules.bulk.exact import integer_bounds, normalized, scale_of
from safetyrules.bulk.frames import (
    PROBLEM,
    PROBLEM_SEPARATOR,
    as_text,
    cell_problem,
    check_new_columns,
    code_dtype,
    decode,
    distinct_text,
    flagged_rows,
    from_frame,
    holds_objects,
    integer_dtype,
    lookup,
    missing,
    problem_column,
    require_columns,
    result_names,
    row_values,
    temporary_names,
    to_frame_like,
    when_chain,
    with_row_reasons,
)
from safetyrules.bulk.frames import REASONS as REASONS  # re-exported: reasons=True adds it
from safetyrules.errors import InvalidInput, UnknownReference
from safetyrules.law.catalogue import require_in_force
from safetyrules.law.jurisdiction import NATION_CODE
from safetyrules.law.jurisdiction import jurisdiction as find_jurisdiction
from safetyrules.risk.assessment import RiskAssessment, assess
from safetyrules.risk.direct import direct_condition, direct_conditions
from safetyrules.risk.level import LEVELS_INSTRUMENT, RiskLevel
from safetyrules.risk.methods import Factor, Method, MethodName, method
from safetyrules.risk.schemes import Scheme, default_scheme
from safetyrules.risk.schemes import scheme as find_scheme

FrameT = TypeVar("FrameT")

RESULT_COLUMNS = ("score", "scored_level", "level", "colour", "grade", "scheme", PROBLEM)
"""The columns :func:`grade_risks` adds, in this order (风险分级结果列).

``score`` is Float64 (the exact score as the nearest double); ``scored_level`` the level the
score gives; ``level`` the final level after direct judgement; ``colour`` its colour (红、橙、
黄、蓝); ``grade`` the scheme's own grade (null for a scheme without grades); ``scheme`` the id
of the band scheme used; ``problem`` null on a good row, the reason on a bad one."""

SchemeChoice = str | Scheme | Mapping[MethodName | str, str | Scheme] | None
"""A scheme for every row, one per method, or None for each method's default (分级方案选择)."""

_DIRECT_SEPARATORS = re.compile(r"[、,，]")


def grade_risks(
    frame: FrameT,
    *,
    method: MethodName | str | None = None,
    method_column: str = "method",
    factors: Mapping[str, str] | None = None,
    scheme: SchemeChoice = None,
    direct_column: str | None = None,
    jurisdiction: str = NATION_CODE,
    as_of: date | None = None,
    reasons: bool = False,
) -> FrameT:
    """Grade every row of a frame (批量风险评价与分级): the input plus :data:`RESULT_COLUMNS`.

    ``method`` grades every row by one method; without it each row's method is read from
    ``method_column`` (LEC, LS or MES), so one frame may mix methods. ``factors`` maps a factor
    symbol to the column that holds it (default: the symbol itself). ``scheme`` is a scheme id
    or object applied to every row, as the scalar ``scheme=`` is (a row of another method is
    then a problem), or a mapping from method to scheme; a method without one uses its default
    for ``jurisdiction`` and ``as_of``, as the scalar path chooses it. ``direct_column`` names a
    column of direct-judgement condition ids (text joined with "、"). ``reasons=True`` adds the
    :data:`REASONS` column, the scalar explanation of each good row; it runs the scalar path
    once per distinct row, so the default leaves it off.

    The grading is vectorised: narwhals expressions over whole columns, no Python per row.
    Python runs once per distinct text value (a factor written as text, a direct-judgement
    cell) and once per distinct bad row, to write its ``problem``; a clean frame pays for
    neither. The result has the input's kind (pandas, polars, pyarrow or narwhals), columns
    and row order.

    >>> import pandas as pd
    >>> frame = pd.DataFrame({"L": ["0.5", "6", "1"], "E": [6, 6, 2], "C": [7, 40, 100]})
    >>> graded = grade_risks(frame, method="LEC")
    >>> graded[["score", "scored_level", "grade", "scheme"]].values.tolist()
    [[21.0, '低风险', '4级', 'lec'], [1440.0, '重大风险', '1级', 'lec'], [200.0, '较大风险', '2级', 'lec']]
    >>> ls = pd.DataFrame({"L": [1, 3], "S": [2, 4], "direct": ["major-hazard-installation", ""]})
    >>> grade_risks(ls, method="LS", direct_column="direct")[["scored_level", "level", "colour"]].values.tolist()
    [['低风险', '重大风险', '红'], ['一般风险', '一般风险', '黄']]
    >>> grade_risks(ls, method="LS", scheme="ls-zgmkw")["grade"].tolist()
    ['Ⅳ级', 'Ⅱ级']
    >>> grade_risks(ls, method="LEC")
    Traceback (most recent call last):
    ...
    safetyrules.errors.InvalidInput: factors = 'E': 数据框中没有该列（现有列：L、S、direct）
    """
    data = from_frame(frame)
    plan = _plan(data, method, method_column, factors, scheme, direct_column, jurisdiction, as_of)
    check_new_columns(data, result_names(RESULT_COLUMNS, reasons))
    graded = _grade(data, plan)
    if reasons:
        graded = with_row_reasons(
            graded,
            _input_columns(graded, plan),
            lambda row: _assess_row(row, plan).explanation.text(),
        )
    return cast(FrameT, to_frame_like(graded, frame))


def explain_risk_row(
    frame: object,
    row: int,
    *,
    method: MethodName | str | None = None,
    method_column: str = "method",
    factors: Mapping[str, str] | None = None,
    scheme: SchemeChoice = None,
    direct_column: str | None = None,
    jurisdiction: str = NATION_CODE,
    as_of: date | None = None,
) -> RiskAssessment:
    """Grade one row by the scalar path (单行风险评价及其依据), with the same keywords as
    :func:`grade_risks`: its :class:`~safetyrules.risk.RiskAssessment` and explanation, or the
    scalar's own error for a bad row. ``row`` counts from 0 in the frame's order.

    >>> import polars as pl
    >>> frame = pl.DataFrame({"method": ["LS", "LEC"], "L": [4, 2], "S": [5, None],
    ...                       "E": [None, 6], "C": [None, 7]})
    >>> a = explain_risk_row(frame, 0)
    >>> a.score, a.level.value
    (Decimal('20'), '重大风险')
    >>> print(a.explanation.text().splitlines()[0])
    1. 风险矩阵分析法（R = L × S）：R = 4 × 5 = 20（...）。
    >>> explain_risk_row(frame, 1)
    Traceback (most recent call last):
    ...
    safetyrules.errors.InvalidInput: L = 2: 事故发生的可能性（L）只能取 0.1、0.2、0.5、1、3、6、10
    """
    data = from_frame(frame)
    plan = _plan(data, method, method_column, factors, scheme, direct_column, jurisdiction, as_of)
    return _assess_row(row_values(data, row), plan)


def exact_score(score: float) -> Decimal:
    """The exact decimal score from the ``score`` column (分值的精确十进制值).

    ``Decimal(repr(score))``, normalised as the scalar path writes scores (``126``, not
    ``126.0``): exact for a score of at most 15 significant digits, which covers every score
    the shipped tables produce. A missing score (a bad row) is an
    :class:`~safetyrules.errors.InvalidInput`.

    >>> exact_score(126.0), exact_score(0.05)
    (Decimal('126'), Decimal('0.05'))
    >>> from safetyrules.risk import lec
    >>> exact_score(float(lec("0.1", "0.5", 1).score)) == lec("0.1", "0.5", 1).score
    True
    """
    if isinstance(score, bool) or not isinstance(score, int | float) or not math.isfinite(score):
        raise InvalidInput("score", score, "应为有限的分值")
    return normalized(Decimal(repr(float(score))))


@attrs.frozen
class _FactorPlan:
    """How one factor of one method is read: its column, table and scale."""

    factor: Factor
    column: str
    scale: int

    @property
    def label(self) -> str:
        return f"{self.factor.name}（{self.factor.symbol}）"

    @property
    def allowed(self) -> str:
        return "、".join(format(normalized(v), "f") for v in self.factor.allowed)

    def scaled(self, value: Decimal) -> int:
        return int(value * self.scale)


@attrs.frozen
class _BandPlan:
    """One band with its integer bounds at the method's scale (None: unbounded)."""

    id: int
    scheme: str
    lowest: int | None
    highest: int | None
    level: RiskLevel
    grade: str | None


@attrs.frozen
class _MethodPlan:
    method: Method
    factors: tuple[_FactorPlan, ...]
    scale: int
    scheme_argument: str | Scheme | None
    scheme: Scheme | None
    scheme_problem: str | None


@attrs.frozen
class _Plan:
    methods: tuple[_MethodPlan, ...]
    fixed: bool
    method_column: str
    direct_column: str | None
    jurisdiction: str
    as_of: date | None


def _plan(
    data: nw.DataFrame[Any],
    method_name: MethodName | str | None,
    method_column: str,
    factors: Mapping[str, str] | None,
    chosen: SchemeChoice,
    direct_column: str | None,
    jurisdiction_code: str,
    as_of: date | None,
) -> _Plan:
    """Check the keywords and resolve what every row needs: methods, columns, schemes."""
    if as_of is not None:
        # Risk levels exist from 安委办〔2016〕11号 on, as the scalar path checks.
        require_in_force(LEVELS_INSTRUMENT, as_of)
    find_jurisdiction(jurisdiction_code)
    fixed = method_name is not None
    methods = (method(method_name),) if method_name is not None else tuple(map(method, MethodName))
    symbols = {f.symbol for m in map(method, MethodName) for f in m.factors}
    columns = dict(factors or {})
    for symbol in columns:
        if symbol not in symbols:
            raise InvalidInput("factors", symbol, f"因素应为 {'、'.join(sorted(symbols))} 之一")
    if fixed:
        for f in methods[0].factors:  # in the method's own order: L, E, C
            require_columns(data, {"factors": columns.get(f.symbol, f.symbol)})
    else:
        require_columns(data, {"method_column": method_column})
    require_columns(data, {"direct_column": direct_column})
    per_method = _scheme_arguments(chosen)
    plans = []
    for chosen_method in methods:
        argument = per_method.get(chosen_method.id) if isinstance(chosen, Mapping) else chosen
        found, problem = _scheme_for(chosen_method, argument, jurisdiction_code, as_of)
        if problem is not None:
            shown = argument.id if isinstance(argument, Scheme) else argument
            if fixed or isinstance(chosen, Mapping):
                raise InvalidInput("scheme", shown, problem)
            # One scheme for a frame of mixed methods: the rows of the other methods are bad,
            # as each would be in the scalar path.
            problem = f"scheme = {shown}：{problem}"
        factor_plans = tuple(
            _FactorPlan(f, columns.get(f.symbol, f.symbol), scale_of(f.allowed))
            for f in chosen_method.factors
        )
        plans.append(
            _MethodPlan(
                chosen_method,
                factor_plans,
                math.prod(f.scale for f in factor_plans),
                argument,
                found,
                problem,
            )
        )
    return _Plan(tuple(plans), fixed, method_column, direct_column, jurisdiction_code, as_of)


def _scheme_arguments(chosen: SchemeChoice) -> dict[MethodName, str | Scheme]:
    if not isinstance(chosen, Mapping):
        return {}
    arguments: dict[MethodName, str | Scheme] = {}
    for key, value in chosen.items():
        try:
            arguments[MethodName(key)] = value
        except ValueError:
            raise InvalidInput(
                "scheme", key, f"方法应为 {'、'.join(m.value for m in MethodName)} 之一"
            ) from None
    return arguments


def _scheme_for(
    chosen_method: Method, given: str | Scheme | None, jurisdiction_code: str, as_of: date | None
) -> tuple[Scheme | None, str | None]:
    """The scheme a row of this method uses, or why a row of it cannot use the one given.

    An unknown scheme id, or a method without a default scheme, raises as the scalar path
    does: it is the keyword that is wrong, not a row.
    """
    if given is None:
        return default_scheme(chosen_method.id, jurisdiction_code=jurisdiction_code, on=as_of), None
    found = find_scheme(given) if isinstance(given, str) else given
    if found.method is not chosen_method.id:
        return None, f"该方案用于 {found.method.value} 法，不能用于 {chosen_method.id.value} 法"
    return found, None


def _bands(chosen: Scheme, scale: int, first_id: int) -> tuple[_BandPlan, ...]:
    """The scheme's bands with integer bounds at ``scale``, keeping each band's inclusivity."""
    plans = []
    for offset, band in enumerate(chosen.bands.bands):
        lowest, highest = integer_bounds(band, scale)
        plans.append(
            _BandPlan(
                first_id + offset, chosen.id, lowest, highest, band.value.level, band.value.grade
            )
        )
    return tuple(plans)


def _grade(data: nw.DataFrame[Any], plan: _Plan) -> nw.DataFrame[Any]:
    """The vectorised grading: stages of narwhals expressions, then the problems of bad rows."""
    method_tmp, direct_tmp, score_tmp, band_tmp, *factor_tmps = temporary_names(
        data, 4 + sum(len(m.factors) for m in plan.methods)
    )
    present = set(data.columns)
    integer = integer_dtype(data)
    code = code_dtype(data)
    codes = {m.method.id: code for code, m in enumerate(plan.methods)}

    def of(method_plan: _MethodPlan) -> nw.Expr | None:
        """Whether a row is of this method (None: every row is)."""
        return None if plan.fixed else nw.col(method_tmp) == codes[method_plan.method.id]

    # Stage 1: the method as a small code, each factor as its scaled integer (null when not in
    # its table), the direct-judgement text.
    stage: list[nw.Expr] = []
    if not plan.fixed:
        method_codes = {m.method.id.value: codes[m.method.id] for m in plan.methods}
        stage.append(
            lookup(as_text(data, plan.method_column), method_codes, integer).alias(method_tmp)
        )
    scaled: dict[tuple[MethodName, str], str] = {}
    for name, (method_plan, factor_plan) in zip(
        factor_tmps, ((m, f) for m in plan.methods for f in m.factors), strict=True
    ):
        if factor_plan.column in present:
            scaled[method_plan.method.id, factor_plan.factor.symbol] = name
            stage.append(_scaled_factor(data, factor_plan, integer).alias(name))
    direct = _Direct({}, [])
    if plan.direct_column is not None:
        data, direct_text = _direct_text(data, plan.direct_column, direct_tmp)
        stage.append(direct_text.alias(direct_tmp))
        direct = _direct_outcomes(data, direct_text, plan)
    data = data.with_columns(stage) if stage else data

    # Stage 2: the exact integer score of each method (null if a factor is bad or missing).
    products: list[tuple[nw.Expr | None, nw.Expr]] = []
    for method_plan in plan.methods:
        keys = [(method_plan.method.id, f.factor.symbol) for f in method_plan.factors]
        if method_plan.scheme is not None and all(key in scaled for key in keys):
            product = nw.col(scaled[keys[0]])
            for key in keys[1:]:
                product = product * nw.col(scaled[key])
            products.append((of(method_plan), product))
    data = data.with_columns(when_chain(products, integer).alias(score_tmp))

    # Stage 3: the band, by integer comparisons at the method's scale. A row is good exactly
    # when it has a band: a bad method, factor, scheme or direct-judgement id leaves it null.
    score = nw.col(score_tmp)
    bands: list[_BandPlan] = []
    branches: list[tuple[nw.Expr | None, nw.Expr]] = []
    for method_plan in plan.methods:
        if method_plan.scheme is None:
            continue
        scheme_bands = _bands(method_plan.scheme, method_plan.scale, len(bands))
        for position, band in enumerate(scheme_bands):
            bands.append(band)
            # The bands meet with no gap (checked when a scheme is built), and a chain takes
            # the first branch that holds: past the first band, a score that failed the bands
            # below is above their bounds, so one comparison per band is enough.
            condition = of(method_plan)
            if band.lowest is not None and position == 0:
                condition = _and(condition, score >= band.lowest)
            if band.highest is not None:
                condition = _and(condition, score <= band.highest)
            elif position > 0:
                condition = _and(condition, ~score.is_null())
            branches.append((condition, nw.lit(band.id, code)))
    band_expr = when_chain(branches, code)
    if direct.bad:
        known = nw.col(direct_tmp).is_null() | ~nw.col(direct_tmp).is_in(list(direct.bad))
        band_expr = nw.when(known).then(band_expr)
    data = data.with_columns(band_expr.alias(band_tmp))

    # Stage 4: the results, each looked up from the band (a constant is broadcast instead).
    band_col = nw.col(band_tmp)
    graded = ~band_col.is_null()
    # The score is the exact integer over the scale, by true division of two columns (see
    # "The float score" above): never by a constant, which a backend may turn into a product
    # with its reciprocal (70 × 0.01 is 0.7000000000000001, 70 / 100 is 0.7).
    scales = [(of(m), nw.lit(m.scale, integer)) for m in plan.methods if m.scheme is not None]
    divisor = score * 0 + when_chain(scales, integer)
    score_out = nw.when(graded).then(score / divisor)
    data = data.with_columns(
        score_out.cast(nw.Float64).alias("score"),
        _from_band(data, band_tmp, [b.level.value for b in bands]).alias("scored_level"),
        _from_band(data, band_tmp, [b.level.colour.value for b in bands]).alias("colour"),
        _from_band(data, band_tmp, [b.grade for b in bands]).alias("grade"),
        _from_band(data, band_tmp, [b.scheme for b in bands]).alias("scheme"),
    )
    # Stage 5: the final level is the scored one unless a direct-judgement condition holds
    # (从严从高: 重大风险 is the highest level, so it is the final one); then the problems.
    level = nw.col("scored_level")
    if direct.forcing:
        is_forced = nw.col(direct_tmp).is_in(direct.forcing) & graded
        major = RiskLevel.MAJOR
        level = nw.when(is_forced).then(nw.lit(major.value)).otherwise(level)
        colour = nw.when(is_forced).then(nw.lit(major.colour.value)).otherwise(nw.col("colour"))
        data = data.with_columns(colour.alias("colour"))
    data = data.with_columns(level.alias("level"))
    data = data.with_columns(_problems(data, plan, band_tmp, score_tmp, direct_tmp, scaled, direct))
    return data.select(*[c for c in data.columns if c in present], *RESULT_COLUMNS)


@attrs.frozen
class _Direct:
    """The distinct direct-judgement texts: the problem of each bad one, and those that force
    重大风险."""

    bad: dict[str, str]
    forcing: list[str]


def _problems(
    data: nw.DataFrame[Any],
    plan: _Plan,
    band: str,
    score: str,
    direct_text: str,
    scaled: Mapping[tuple[MethodName, str], str],
    direct: _Direct,
) -> nw.Series[Any]:
    """The ``problem`` column: the rows without a band, each explained once per distinct row."""
    columns: dict[str, nw.Expr] = {"score": nw.col(score)}
    if not plan.fixed:
        columns["method"] = as_text(data, plan.method_column)
    for method_plan in plan.methods:
        for factor_plan in method_plan.factors:
            key = (method_plan.method.id, factor_plan.factor.symbol)
            if key in scaled:
                columns[f"text {factor_plan.column}"] = as_text(data, factor_plan.column)
                columns[f"{key[0].value} {key[1]}"] = nw.col(scaled[key])
    if plan.direct_column is not None:
        columns["direct"] = nw.col(direct_text)
    explained: dict[tuple[object, ...], str] = {}
    problems: dict[int, str] = {}
    for position, row in flagged_rows(data, nw.col(band).is_null(), columns):
        key = tuple(row.values())
        if key not in explained:
            explained[key] = _row_problem(row, plan, direct)
        problems[position] = explained[key]
    return problem_column(data, problems)


def _row_problem(row: Mapping[str, Any], plan: _Plan, direct: _Direct) -> str:
    """Why a row has no band, in Chinese, naming the columns and the values."""
    names = "、".join(m.value for m in MethodName)
    if plan.fixed:
        method_plan = plan.methods[0]
    else:
        text = row["method"]
        if text is None:
            return cell_problem(plan.method_column, None, f"应写明评价方法（{names}）")
        found = [m for m in plan.methods if m.method.id.value == text]
        if not found:
            return cell_problem(plan.method_column, text, f"评价方法应为 {names} 之一")
        method_plan = found[0]
    problems = []
    if method_plan.scheme_problem is not None:
        problems.append(method_plan.scheme_problem)
    for factor_plan in method_plan.factors:
        column = factor_plan.column
        need = f"{method_plan.method.id.value} 法需要因素 {factor_plan.label}"
        value = row.get(f"text {column}")
        if f"text {column}" not in row:
            problems.append(f"缺少 {column} 列：{need}")
        elif value is None:
            problems.append(cell_problem(column, None, need))
        elif row[f"{method_plan.method.id.value} {factor_plan.factor.symbol}"] is None:
            allowed = f"{factor_plan.label}只能取 {factor_plan.allowed}"
            problems.append(cell_problem(column, value, allowed))
    if row.get("direct") in direct.bad:
        problems.append(direct.bad[row["direct"]])
    if not problems and method_plan.scheme is not None and row["score"] is not None:
        value = format(Decimal(int(row["score"])) / method_plan.scale, "f")
        problems.append(f"分值 {value} 不在分级方案 {method_plan.scheme.id} 的任何一档内")
    return PROBLEM_SEPARATOR.join(problems) or "无法评价"


def _from_band(
    data: nw.DataFrame[Any], band: str, values: Sequence[str | None]
) -> nw.Expr | nw.Series[Any]:
    """A text result by band id (ids count from 0); one value for every band is broadcast."""
    if len(set(values)) == 1:
        return nw.when(~nw.col(band).is_null()).then(nw.lit(values[0], nw.String))
    return decode(data, band, values)


def _scaled_factor(
    data: nw.DataFrame[Any], factor_plan: _FactorPlan, integer: IntoDType
) -> nw.Expr:
    """A factor column as the scaled integer of its table value, null when not in the table."""
    dtype = data.schema[factor_plan.column]
    if dtype.is_integer():
        # An integer cell equals a table value only if that value is a whole number; the cast
        # to Int64 comes after the match, so a huge unsigned value cannot overflow it.
        cell = nw.col(factor_plan.column)
        whole = [int(v) for v in factor_plan.factor.allowed if v == v.to_integral_value()]
        return nw.when(cell.is_in(whole)).then(cell).cast(integer) * factor_plan.scale
    if dtype.is_numeric() and dtype != nw.Decimal:
        # Equality with the table value as a double is the scalar's reading of a number: a
        # float is read as written, and a double equals 0.1 only if it is written 0.1 (a
        # Float32 cell is widened first, so its 0.1 is not the table's). Scaling a table value
        # is then off by far less than 0.5, so rounding gives the exact integer.
        number = nw.col(factor_plan.column).cast(nw.Float64)
        allowed = [float(v) for v in factor_plan.factor.allowed]
        in_table = nw.when(number.is_in(allowed)).then(number)
        return (in_table * factor_plan.scale).round(0).cast(integer)
    text = as_text(data, factor_plan.column)
    table: dict[str, int] = {}
    for value in distinct_text(data, text):
        try:
            checked = factor_plan.factor.check(value)
        except InvalidInput:
            continue
        table[value] = factor_plan.scaled(checked)
    return lookup(text, table, integer)


def _direct_text(
    data: nw.DataFrame[Any], column: str, name: str
) -> tuple[nw.DataFrame[Any], nw.Expr]:
    """The direct-judgement column as text; a list column, or pandas cells holding lists, are
    joined with "、" row by row."""
    dtype = data.schema[column]
    if dtype == nw.List or dtype == nw.Array or holds_objects(data, column):
        texts = [_joined(value) for value in data.get_column(column).to_list()]
        series = nw.new_series(name, texts, nw.String, backend=data.implementation)
        return data.with_columns(series), nw.col(name)
    return data, as_text(data, column)


def _joined(value: object) -> str | None:
    if missing(value):
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, Iterable):
        return "、".join(str(item) for item in value)
    return str(value)


def _direct_ids(text: object) -> tuple[str, ...]:
    """The condition ids of a direct-judgement cell, each once, in the order given."""
    joined = _joined(text)
    if joined is None:
        return ()
    ids = (part.strip() for part in _DIRECT_SEPARATORS.split(joined))
    return tuple(dict.fromkeys(part for part in ids if part))


def _direct_outcomes(data: nw.DataFrame[Any], text: nw.Expr, plan: _Plan) -> _Direct:
    """For each distinct direct-judgement text: its problem, or whether it forces 重大风险."""
    bad: dict[str, str] = {}
    forcing: list[str] = []
    for value in distinct_text(data, text):
        unknown = []
        forces = False
        for condition_id in _direct_ids(value):
            try:
                condition = direct_condition(condition_id, plan.jurisdiction)
            except UnknownReference:
                unknown.append(condition_id)
                continue
            forces = forces or condition.enabled
        if unknown:
            known = "、".join(c.id for c in direct_conditions(plan.jurisdiction))
            bad[value] = cell_problem(
                str(plan.direct_column),
                value,
                f"未知的直接判定情形 {'、'.join(unknown)}（本地清单：{known}）",
            )
        elif forces:
            forcing.append(value)
    return _Direct(bad, forcing)


def _input_columns(frame: nw.DataFrame[Any], plan: _Plan) -> list[str]:
    """The input columns a row's answer depends on (for :func:`~safetyrules.bulk.frames.with_row_reasons`)."""
    names = [plan.method_column] if not plan.fixed else []
    names += [f.column for m in plan.methods for f in m.factors]
    if plan.direct_column is not None:
        names.append(plan.direct_column)
    return [name for name in dict.fromkeys(names) if name in frame.columns]


def _assess_row(values: Mapping[str, object], plan: _Plan) -> RiskAssessment:
    """The scalar assessment of one row, with the row's own values as read."""
    if plan.fixed:
        method_plan = plan.methods[0]
    else:
        chosen = method(cast(Any, values.get(plan.method_column)))
        method_plan = next(m for m in plan.methods if m.method.id is chosen.id)
    factors = {f.factor.symbol: values[f.column] for f in method_plan.factors if f.column in values}
    direct: Sequence[str] = ()
    if plan.direct_column is not None:
        direct = _direct_ids(values.get(plan.direct_column))
    return assess(
        method_plan.method.id,
        factors,
        scheme=method_plan.scheme_argument,
        direct=direct,
        jurisdiction=plan.jurisdiction,
        as_of=plan.as_of,
    )


def _and(left: nw.Expr | None, right: nw.Expr) -> nw.Expr:
    return right if left is None else left & right
