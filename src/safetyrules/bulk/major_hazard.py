"""Major hazard identification over a whole table (批量重大危险源辨识与分级): GB 18218-2018 for
many production and storage units at once, the same answers as
:func:`safetyrules.risk.major_hazard.assess` unit by unit.

**The table.** One row per hazardous chemical of a unit (单元内的危险化学品): the unit's id, the
chemical (名称、别名或 CAS 号) and its quantity q in tonnes (设计最大量). Optional columns give
the unit's kind (生产单元/储存单元), the resident population within 500 m outside the boundary
(厂区边界外500m内常住人口, for α), a table-1 qualifier (限定条件), table-2 hazard symbols
(``"W5.4"``, several joined with "、"), and for a mixture (混合物) its pure substance and whether
it has the pure substance's hazard category. The rows of a unit make one call of the scalar
``assess``; the kind and population, repeated on the rows of a unit, must agree (an empty cell
says nothing), and a unit without a kind takes ``kind=``.

**How it is computed.** The substance tables are small: each distinct chemical (with its
qualifier, symbols and mixture columns) is resolved once by the scalar path itself —
:func:`~safetyrules.risk.major_hazard.identification.resolve` for Q and
:func:`~safetyrules.risk.major_hazard.grading.beta_of` for β — and joined back by a lookup.
S = Σ q/Q is then exact in integers: with every Q scaled to an integer ``b`` and L the least
common multiple of the ``b`` in use, q/Q = a·(L/b)·10^m / (L·10^K) for q = a/10^K, so S ≥ 1
is ``Σ a·w ≥ L·10^K``, one integer comparison per unit (1/3 + 1/3 + 1/3 of 碳酰氯 is 1, never
0.999…). R = α·Σ β·q/Q and the bands of table 6 (R ≥ 100 一级 …) are compared the same way,
each band edge scaled to the integer that keeps its inclusivity, and α comes from table 5 by
integer comparisons on the head count. The float columns ``s``, ``alpha`` and ``r`` are made
from those integers by Python's correctly rounded division, one distinct value at a time: each
is the nearest double to the exact value.

**Too large to vectorise.** Every integer stays below 2**53 (pandas holds integers with gaps
as float64). A quantity with more decimals than that allows, or so large that a unit's sum
could pass it, sends its unit to the scalar path: those units alone are assessed one by one
in Python, with the same answers.

**Reading the cells** (the scalar takes ``int``, ``Decimal`` or decimal text in tonnes and
refuses floats, whose binary value is not the number written): an integer column, a decimal
column (polars ``Decimal``, pyarrow ``decimal128``) or text (``"22.95"``) is read exactly, an
``object`` column value by value by the scalar's own check; a float or boolean quantity is a
problem, as the scalar refuses it. In pandas, keep quantities as text, ``Decimal`` objects or
integers. The population is a whole number: integers, whole floats (pandas keeps integers with
gaps as floats) or text; the kind ``production``/``storage`` or 生产单元/储存单元.

**Results.** :data:`UNIT_COLUMNS`: ``unit_kind``, ``s``, ``is_major`` (S ≥ 1, the boundary
included), ``alpha``, ``r``, ``grade`` (1 = 一级 … 4 = 四级), ``grade_label`` and
``not_graded`` — why R and the grade are missing on a unit the scalar does not grade (S < 1;
a substance whose β needs its table-2 symbols; no population), in the scalar's words: that is
an answer, not a problem. A unit is bad (``problem``, results null) exactly when the scalar
raises for it. ``as_of`` before 2019-03-01 raises, as the scalar refuses it: the library holds
no GB 18218-2009 tables. ``reasons=True`` and :func:`explain_unit` run the scalar path.

>>> import polars as pl
>>> frame = pl.DataFrame({
...     "unit": ["罐区", "库房", "库房", "库房"],
...     "substance": ["二氧化硫", "乙醇", "汽油", "乙醚"],
...     "quantity": ["200", "200", "100", "1"],
...     "population": [60, None, None, None],
... })
>>> units = assess_units(frame, population_column="population")
>>> units.select("unit", "s", "is_major", "r", "grade_label").rows()
[('罐区', 10.0, True, 30.0, '三级'), ('库房', 1.0, True, None, None)]
>>> print(units["not_graded"][1])
乙醇、汽油、乙醚 不是表3 所列毒性气体，又未给出表2危险性类别，无法按表4确定β，未计算R和级别；请给出其危险性类别符号（symbols）；构成重大危险源，但未给出厂区边界向外扩展500m范围内常住人口数量，无法确定α，未计算R和级别
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar, cast

import attrs
import narwhals as nw
from pydantic import ValidationError

from safetyrules.bulk.cells import BLANK, parse_flag, plain, whole_numbers
from safetyrules.bulk.exact import EXACT_BELOW, band_index, decimals, quotients, scale_of
from safetyrules.bulk.frames import (
    PROBLEM,
    PROBLEM_SEPARATOR,
    as_text,
    cell_problem,
    distinct_text,
    flagged_rows,
    from_frame,
    holds_objects,
    integer_dtype,
    is_in,
    lookup,
    lookup_integer,
    missing,
    reasons_column,
    require_columns,
    result_names,
    temporary_names,
    to_frame_like,
)
from safetyrules.bulk.groups import (
    by_code,
    check_key_column,
    find_group,
    first_rows,
    group_codes,
    group_problem_column,
    group_problems,
)
from safetyrules.checks import day
from safetyrules.checks import quantity as checked_quantity
from safetyrules.errors import InvalidInput, SafetyRulesError
from safetyrules.risk.major_hazard.assessment import MajorHazardAssessment, _in_force, assess
from safetyrules.risk.major_hazard.grading import beta_of
from safetyrules.risk.major_hazard.identification import SubstanceInput, UnitKind, resolve
from safetyrules.risk.major_hazard.tables import gb18218_tables

FrameT = TypeVar("FrameT")

UNIT_COLUMNS = (
    "unit_kind",
    "s",
    "is_major",
    "alpha",
    "r",
    "grade",
    "grade_label",
    "not_graded",
    PROBLEM,
)
"""The columns :func:`assess_units` adds after the unit column (重大危险源辨识结果列).

``unit_kind`` 生产单元 or 储存单元; ``s`` S = Σ q/Q and ``r`` R = α·Σ β·q/Q (Float64, each the
nearest double to the exact value); ``is_major`` whether S ≥ 1 (构成重大危险源); ``alpha`` α
(set, as in the scalar, only on a major unit with a population); ``grade`` 1 to 4 and
``grade_label`` 一级 to 四级; ``not_graded`` why a good unit has no R (未分级原因), null when it
has one; ``problem`` null on a good unit, the reasons on a bad one."""

_SYMBOL_SEPARATORS = re.compile(r"[、,，;；\s]+")
_NOT_MAJOR = "S < 1，不构成重大危险源，不分级"
_NO_POPULATION = (
    "构成重大危险源，但未给出厂区边界向外扩展500m范围内常住人口数量，无法确定α，未计算R和级别"
)


def assess_units(
    frame: FrameT,
    *,
    unit_column: str = "unit",
    substance_column: str = "substance",
    quantity_column: str = "quantity",
    kind_column: str | None = None,
    kind: UnitKind | str = UnitKind.STORAGE,
    population_column: str | None = None,
    qualifier_column: str | None = None,
    symbols_column: str | None = None,
    pure_substance_column: str | None = None,
    same_category_column: str | None = None,
    as_of: date | None = None,
    reasons: bool = False,
) -> FrameT:
    """Identify and grade every unit of a table (批量重大危险源辨识与分级): one row per unit.

    ``frame`` has one row per chemical of a unit (see the module docs); a ``*_column`` keyword
    names the column holding that field, ``None`` for a field the frame lacks. ``kind`` is the
    kind of a unit whose kind is not given. ``as_of`` is the date the assessments are about
    (None: the rules in force now); before 2019-03-01 it raises, as the scalar does.
    ``reasons=True`` adds the :data:`~safetyrules.bulk.REASONS` column, the scalar explanation
    of each good unit, at the scalar path's speed.

    The result has the input's kind (pandas, polars, pyarrow or narwhals): the unit column,
    then :data:`UNIT_COLUMNS`, one row per unit in the order each first appears.

    >>> import pandas as pd
    >>> frame = pd.DataFrame({
    ...     "unit": ["U1", "U1", "U1", "U2"],
    ...     "substance": ["碳酰氯", "碳酰氯", "75-44-5", "氨"],
    ...     "quantity": ["0.1", "0.1", "0.1", "9.999"],
    ...     "people": [0, 0, 0, 10],
    ... })
    >>> units = assess_units(frame, population_column="people")
    >>> units[["s", "is_major", "alpha", "r", "grade"]].values.tolist()
    [[1.0, True, 0.5, 10.0, 3.0], [0.9999, False, nan, nan, nan]]
    >>> units["not_graded"].tolist()
    [nan, 'S < 1，不构成重大危险源，不分级']
    >>> assess_units(frame.assign(quantity=[0.1, 0.1, 0.1, 1.0]))["problem"][0]
    'quantity = 0.1：数量必须是 Decimal、整数或数字字符串（不接受浮点数）'
    """
    data = from_frame(frame)
    plan = _plan(data, _columns(locals()), kind, as_of, reasons)
    computed = _compute(data, plan)
    out = computed.out
    if reasons:
        out = out.with_columns(reasons_column(out, _reasons(computed, plan)))
    return cast(FrameT, to_frame_like(out, frame, new_rows=True))


def explain_unit(
    frame: object,
    unit: object,
    *,
    unit_column: str = "unit",
    substance_column: str = "substance",
    quantity_column: str = "quantity",
    kind_column: str | None = None,
    kind: UnitKind | str = UnitKind.STORAGE,
    population_column: str | None = None,
    qualifier_column: str | None = None,
    symbols_column: str | None = None,
    pure_substance_column: str | None = None,
    same_category_column: str | None = None,
    as_of: date | None = None,
) -> MajorHazardAssessment:
    """Identify and grade one unit of the table by the scalar path (单个单元的辨识与分级及其依据):
    its :class:`~safetyrules.risk.major_hazard.MajorHazardAssessment` with every step
    explained, or the scalar's own error for a bad unit. Same keywords as :func:`assess_units`.

    >>> import polars as pl
    >>> frame = pl.DataFrame({"unit": ["罐区"], "substance": ["液氯"], "quantity": [10],
    ...                       "population": [100]})
    >>> a = explain_unit(frame, "罐区", population_column="population")
    >>> a.r, a.grade_label
    (Decimal('16'), '三级')
    >>> print(a.explanation.reasons[-1].text())
    R = 16，50 > R ≥ 10，为三级重大危险源。依据：《危险化学品重大危险源辨识》（GB 18218-2018）表6
    """
    data = from_frame(frame)
    plan = _plan(data, _columns(locals()), kind, as_of, False)
    computed = _compute(data, plan)
    chosen = find_group(computed.firsts, unit, argument="unit", what="单元")
    return _assess_unit(_unit_rows(computed.rows, plan, computed.names, [chosen])[chosen], plan)


# ---- the plan -----------------------------------------------------------------------------


@attrs.frozen
class _Columns:
    unit: str
    substance: str
    quantity: str
    kind: str | None
    population: str | None
    qualifier: str | None
    symbols: str | None
    pure_substance: str | None
    same_category: str | None


def _columns(given: Mapping[str, Any]) -> _Columns:
    return _Columns(
        unit=given["unit_column"],
        substance=given["substance_column"],
        quantity=given["quantity_column"],
        kind=given["kind_column"],
        population=given["population_column"],
        qualifier=given["qualifier_column"],
        symbols=given["symbols_column"],
        pure_substance=given["pure_substance_column"],
        same_category=given["same_category_column"],
    )


@attrs.frozen
class _Plan:
    columns: _Columns
    kind: UnitKind
    as_of: date | None


def _plan(
    data: nw.DataFrame[Any],
    columns: _Columns,
    kind: UnitKind | str,
    as_of: date | None,
    reasons: bool,
) -> _Plan:
    """Check the keywords, as the scalar path checks its arguments."""
    chosen = UnitKind.parse(kind)
    if as_of is not None:
        _in_force(day("as_of", as_of))
    require_columns(
        data,
        {
            "unit_column": columns.unit,
            "substance_column": columns.substance,
            "quantity_column": columns.quantity,
            "kind_column": columns.kind,
            "population_column": columns.population,
            "qualifier_column": columns.qualifier,
            "symbols_column": columns.symbols,
            "pure_substance_column": columns.pure_substance,
            "same_category_column": columns.same_category,
        },
    )
    check_key_column("unit_column", columns.unit, result_names(UNIT_COLUMNS, reasons))
    return _Plan(columns, chosen, as_of)


# ---- the substances: each distinct one resolved once by the scalar path ----------------------


@attrs.frozen
class _Substance:
    """One distinct chemical as the rows describe it, resolved (临界量与校正系数)."""

    critical: Decimal | None
    beta: Decimal | None
    problem: str | None


def _spec_parts(data: nw.DataFrame[Any], columns: _Columns) -> list[nw.Expr]:
    """The columns that say which chemical a row is, as text."""
    parts = [as_text(data, columns.substance)]
    for name in (columns.qualifier, columns.symbols, columns.pure_substance, columns.same_category):
        if name is not None:
            parts.append(as_text(data, name))
    return parts


def _spec_key(parts: Sequence[nw.Expr]) -> nw.Expr:
    if len(parts) == 1:
        return parts[0]
    return nw.concat_str([p.fill_null("\x00") for p in parts], separator="\x1f")


def _split_key(key: str, columns: _Columns) -> dict[str, str | None]:
    names = ["name"]
    names += [
        field
        for field, column in (
            ("qualifier", columns.qualifier),
            ("symbols", columns.symbols),
            ("pure_substance", columns.pure_substance),
            ("same_category", columns.same_category),
        )
        if column is not None
    ]
    values = key.split("\x1f") if len(names) > 1 else [key]
    return {
        name: (None if value == "\x00" else value)
        for name, value in zip(names, values, strict=True)
    }


def _substance_fields(given: Mapping[str, Any], columns: _Columns) -> dict[str, Any]:
    """The fields of a :class:`SubstanceInput` (but the quantity) from a row's text cells."""
    fields: dict[str, Any] = {"name": given.get("name")}
    if given.get("qualifier") is not None:
        fields["qualifier"] = given["qualifier"]
    symbols = given.get("symbols")
    if symbols is not None:
        fields["symbols"] = [s for s in _SYMBOL_SEPARATORS.split(str(symbols)) if s]
    pure = given.get("pure_substance")
    if pure is not None:
        same_text = given.get("same_category")
        same = None if same_text is None else parse_flag(str(same_text))
        if same is None and same_text is not None:
            raise InvalidInput(str(columns.same_category), same_text, "应为 true 或 false")
        fields["mixture"] = {
            "pure_substance": pure,
            "same_category": None if same is BLANK else same,
        }
    return fields


def _resolve(given: Mapping[str, Any], columns: _Columns) -> _Substance:
    """Q and β of one distinct chemical, or why the scalar path refuses it."""
    name = given.get("name")
    try:
        fields = _substance_fields(given, columns)
        row = SubstanceInput.model_validate({**fields, "quantity": 0})
        resolution = resolve(row, columns.substance)
    except ValidationError as error:
        return _Substance(
            None, None, cell_problem(columns.substance, name, _validation_message(error))
        )
    except InvalidInput as error:
        return _Substance(None, None, cell_problem(columns.substance, name, error.message))
    except SafetyRulesError as error:
        return _Substance(None, None, cell_problem(columns.substance, name, str(error)))
    beta = beta_of(resolution)
    return _Substance(resolution.critical_quantity, beta.value if beta is not None else None, None)


def _validation_message(error: ValidationError) -> str:
    first = error.errors()[0]
    cause = first.get("ctx", {}).get("error")
    where = ".".join(str(part) for part in first["loc"])
    if isinstance(cause, InvalidInput):
        text = cause.message
    elif isinstance(cause, Exception):
        text = str(cause)
    else:
        text = str(first["msg"])
    return f"{where}：{text}" if where else text


# ---- the computation ----------------------------------------------------------------------


@attrs.frozen
class _Names:
    row: str
    unit: str
    spec: str
    a: str
    q_missing: str
    q_bad: str
    q_large: str
    weight: str
    weighted: str
    beta_missing: str
    population: str
    population_bad: str
    population_low: str
    population_high: str
    kind: str
    kind_bad: str
    kind_low: str
    kind_high: str
    n: str
    nb: str
    fallback: str
    rb: str
    alpha: str
    grade: str
    major: str
    name: str


@attrs.frozen
class _Computed:
    names: _Names
    firsts: nw.DataFrame[Any]
    rows: nw.DataFrame[Any]
    out: nw.DataFrame[Any]


@attrs.frozen
class _Scales:
    """The integer scales of one computation: S = N / D, R = RB / (sa·sb·D)."""

    decimals: int  # K: quantities are a / 10**K
    lcm: int  # L
    beta: int  # sb
    alpha: int  # sa

    @property
    def denominator(self) -> int:
        return int(self.lcm * 10**self.decimals)


def _compute(data: nw.DataFrame[Any], plan: _Plan) -> _Computed:
    """Read the rows, resolve each chemical once, sum each unit in integers, find problems."""
    columns = plan.columns
    n = _Names(*temporary_names(data, len(attrs.fields(_Names))))
    tables = gb18218_tables()
    rows = group_codes(data, columns.unit, n.row, n.unit)
    firsts = first_rows(rows, n.row, n.unit, columns.unit)
    sizes = rows.group_by(n.unit).agg(nw.len().alias(n.n)).get_column(n.n)
    group_size = max([1, *(int(v) for v in sizes.to_list())])

    # Each distinct chemical once: Q and β by the scalar path.
    key = _spec_key(_spec_parts(rows, columns))
    keys = distinct_text(rows, key)
    substances = [_resolve(_split_key(k, columns), columns) for k in keys]
    criticals = [s.critical for s in substances if s.critical is not None]
    q_decimals = max((decimals(q) for q in criticals), default=0)
    lcm = math.lcm(*(int(q * 10**q_decimals) for q in criticals)) if criticals else 1
    betas = [s.beta for s in substances if s.beta is not None]
    beta_scale = scale_of(betas)
    alpha_scale = scale_of(b.value.value for b in tables.alpha.bands)
    alpha_max = max(int(b.value.value * alpha_scale) for b in tables.alpha.bands)
    edge = max(max(b.lower or 0, b.upper or 0) for b in tables.grades.bands)
    # The most quantity decimals K that keep S's denominator L·10**K and every band edge of R,
    # edge·sa·sb·L·10**K, below 2**53.
    room = EXACT_BELOW // (lcm * alpha_scale * beta_scale * (int(edge) + 1))
    most = len(str(room)) - 1 if room >= 1 else -1
    reading = _read_quantity(rows, columns.quantity, most)
    scales = _Scales(reading.decimals, lcm, beta_scale, alpha_scale)
    weights: dict[int, int] = {}
    weighted: dict[int, int] = {}
    limits: dict[int, int] = {}
    for code, found in enumerate(substances):
        if found.critical is None:
            continue
        weight = 10**q_decimals * lcm // int(found.critical * 10**q_decimals)
        weights[code] = weight
        beta = int(found.beta * beta_scale) if found.beta is not None else None
        if beta is not None:
            weighted[code] = weight * beta
        # Σ a·w·β over a unit's rows, times α, stays below 2**53.
        limits[code] = EXACT_BELOW // (group_size * weight * max(beta or 0, beta_scale) * alpha_max)
    rows = rows.with_columns(
        lookup_integer(key, {k: i for i, k in enumerate(keys)}, -1).alias(n.spec),
        reading.value.alias(n.a),
        reading.missing.alias(n.q_missing),
        reading.bad.alias(n.q_bad),
        reading.large.alias(n.q_large),
        as_text(rows, columns.substance).alias(n.name),
        *_unit_readings(rows, plan, n),
    )
    spec = nw.col(n.spec)
    resolved = is_in(spec, list(weights))
    rows = rows.with_columns(
        (
            nw.col(n.q_large)
            | (resolved & (nw.col(n.a) > lookup_integer(nw.col(n.spec), limits, 0)))
        ).alias(n.q_large),
        (resolved & ~is_in(spec, list(weighted))).alias(n.beta_missing),
    )
    a = nw.when(nw.col(n.q_large) | nw.col(n.q_bad)).then(0).otherwise(nw.col(n.a))
    rows = rows.with_columns(
        (a * lookup_integer(nw.col(n.spec), weights, 0)).alias(n.weight),
        (a * lookup_integer(nw.col(n.spec), weighted, 0)).alias(n.weighted),
    )
    problems = _row_problems(rows, plan, n, substances)
    units = rows.group_by(n.unit).agg(
        nw.col(n.weight).sum().alias(n.n),
        nw.col(n.weighted).sum().alias(n.nb),
        nw.col(n.beta_missing).max(),
        nw.col(n.q_large).max().alias(n.fallback),
        nw.col(n.population).min().alias(n.population_low),
        nw.col(n.population).max().alias(n.population_high),
        nw.col(n.kind).min().alias(n.kind_low),
        nw.col(n.kind).max().alias(n.kind_high),
    )
    _unit_problems(units, plan, n, problems)
    shown = group_problems(problems)
    out = _units_frame(firsts, units, n, scales)
    out = out.with_columns(group_problem_column(out, n.unit, shown))
    fallback = _fallback(out, rows, plan, n)
    out = _results(out, rows, plan, n, scales, fallback)
    return _Computed(n, firsts, rows, out)


@attrs.frozen
class _Quantities:
    value: nw.Expr
    missing: nw.Expr
    bad: nw.Expr
    large: nw.Expr
    decimals: int


def _read_quantity(data: nw.DataFrame[Any], column: str, most: int) -> _Quantities:
    """q in tonnes as the integer a = q·10**K (实际存在量): exact, or bad as the scalar's check
    finds it, or too large or too fine for the vectorised path (its unit goes to the scalar)."""
    dtype = data.schema[column]
    cell = nw.col(column)
    empty = cell.is_null()
    if dtype.is_integer():
        good = ~empty & (cell >= 0)
        large = good & (cell >= EXACT_BELOW)
        value = nw.when(good & ~large).then(cell).otherwise(0).cast(nw.Int64)
        return _Quantities(value, empty, ~empty & ~good, large, 0)
    if dtype.is_float() or dtype == nw.Boolean:
        # The scalar refuses a float or a bool: its binary value is not the number written.
        return _Quantities(nw.lit(0, nw.Int64), empty, ~empty, nw.lit(value=False), 0)
    source: nw.Expr
    keys: list[Any]
    if holds_objects(data, column):
        source = cell
        keys = [
            v for v in data.get_column(column).drop_nulls().unique().to_list() if not missing(v)
        ]
    else:
        source = as_text(data, column)
        keys = list(distinct_text(data, source))
    amounts: dict[Any, Decimal] = {}
    for value in keys:
        try:
            amounts[value] = checked_quantity(column, plain(value))
        except InvalidInput:
            continue
    fine = [v for v in amounts.values() if decimals(v) <= most]
    places = max((decimals(v) for v in fine), default=0)
    exact = {
        k: int(v * 10**places)
        for k, v in amounts.items()
        if decimals(v) <= places and v * 10**places < EXACT_BELOW
    }
    too_large = [k for k in amounts if k not in exact]
    large = is_in(source, too_large)
    known = is_in(source, list(amounts))
    value = lookup_integer(source, exact, 0)
    return _Quantities(value, empty, ~empty & ~known, large, places)


def _unit_readings(rows: nw.DataFrame[Any], plan: _Plan, n: _Names) -> list[nw.Expr]:
    """The population and the kind of each row, as integers (null: not given)."""
    columns = plan.columns
    exprs: list[nw.Expr] = []
    if columns.population is not None:
        count = whole_numbers(rows, columns.population, minimum=0, cap=EXACT_BELOW, fill=0)
        exprs.append(nw.when(~count.missing & ~count.bad).then(count.value).alias(n.population))
        exprs.append(count.bad.alias(n.population_bad))
    else:
        exprs.append(nw.lit(None, integer_dtype(rows)).alias(n.population))
        exprs.append(nw.lit(value=False).alias(n.population_bad))
    if columns.kind is not None:
        exprs.append(_kind_code(rows, columns.kind).alias(n.kind))
        exprs.append(
            (~nw.col(columns.kind).is_null() & _kind_code(rows, columns.kind).is_null()).alias(
                n.kind_bad
            )
        )
    else:
        exprs.append(nw.lit(None, integer_dtype(rows)).alias(n.kind))
        exprs.append(nw.lit(value=False).alias(n.kind_bad))
    return exprs


def _kind_code(rows: nw.DataFrame[Any], column: str) -> nw.Expr:
    """The kind as its index in :class:`UnitKind`, null where the cell is empty or bad."""
    text = as_text(rows, column)
    kinds: dict[str, int] = {}
    for value in distinct_text(rows, text):
        try:
            kinds[value] = list(UnitKind).index(UnitKind.parse(value))
        except InvalidInput:
            continue
    return lookup(text, kinds, nw.Float64).cast(integer_dtype(rows))


def _row_problems(
    rows: nw.DataFrame[Any], plan: _Plan, n: _Names, substances: Sequence[_Substance]
) -> dict[int, list[tuple[int, int, str]]]:
    """The problems of single rows, found by one vectorised flag and written in Python."""
    columns = plan.columns
    bad_specs = [i for i, s in enumerate(substances) if s.problem is not None]
    spec = nw.col(n.spec)
    flag = (
        nw.col(columns.unit).is_null()
        | nw.col(columns.substance).is_null()
        | nw.col(n.q_missing)
        | nw.col(n.q_bad)
        | nw.col(n.population_bad)
        | nw.col(n.kind_bad)
    )
    if bad_specs:
        flag = flag | is_in(spec, bad_specs)
    values: dict[str, nw.Expr] = {
        "unit": nw.col(n.unit),
        "unit_missing": nw.col(columns.unit).is_null(),
        "substance_missing": nw.col(columns.substance).is_null(),
        "spec": spec,
        "q_missing": nw.col(n.q_missing),
        "q_bad": nw.col(n.q_bad),
        "quantity": nw.col(columns.quantity),
        "population_bad": nw.col(n.population_bad),
        "kind_bad": nw.col(n.kind_bad),
    }
    if columns.population is not None:
        values["population"] = as_text(rows, columns.population)
    if columns.kind is not None:
        values["kind"] = as_text(rows, columns.kind)
    problems: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    for position, row in flagged_rows(rows, flag, values):
        messages = []
        if row["unit_missing"]:
            messages.append(cell_problem(columns.unit, None, "每行须写明所属单元"))
        if row["substance_missing"]:
            messages.append(
                cell_problem(columns.substance, None, "每行须写明危险化学品名称、别名或 CAS 号")
            )
        elif row["spec"] >= 0 and substances[int(row["spec"])].problem is not None:
            messages.append(str(substances[int(row["spec"])].problem))
        if row["q_missing"]:
            messages.append(cell_problem(columns.quantity, None, "须填写实际存在量（吨）"))
        elif row["q_bad"]:
            messages.append(_quantity_problem(columns.quantity, row["quantity"]))
        if row["population_bad"]:
            messages.append(
                cell_problem(str(columns.population), row["population"], "人数必须是非负整数")
            )
        if row["kind_bad"]:
            messages.append(
                cell_problem(
                    str(columns.kind),
                    row["kind"],
                    "应为 production（生产单元）或 storage（储存单元）",
                )
            )
        problems[int(row["unit"])].append((0, position, PROBLEM_SEPARATOR.join(messages)))
    return problems


def _quantity_problem(column: str, value: object) -> str:
    """The scalar check's own words for a bad quantity."""
    try:
        checked_quantity(column, plain(value))
    except InvalidInput as error:
        return cell_problem(column, value, error.message)
    return cell_problem(column, value, "数量必须是 Decimal、整数或数字字符串")  # pragma: no cover


def _unit_problems(
    units: nw.DataFrame[Any],
    plan: _Plan,
    n: _Names,
    problems: dict[int, list[tuple[int, int, str]]],
) -> None:
    """Rows of one unit that disagree on its population or its kind."""
    columns = plan.columns
    # Both given and different (pandas' NaN differs from itself, so test for null first).
    population = _differ(n.population_low, n.population_high)
    kind = _differ(n.kind_low, n.kind_high)
    values = {"unit": nw.col(n.unit), "population": population, "kind": kind}
    for _, row in flagged_rows(units, population | kind, values):
        if row["population"]:
            problems[int(row["unit"])].append(
                (1, 0, f"{columns.population} 不一致：同一单元各行的常住人口数不同")
            )
        if row["kind"]:
            problems[int(row["unit"])].append(
                (1, 1, f"{columns.kind} 不一致：同一单元各行的单元类别不同")
            )


def _differ(low: str, high: str) -> nw.Expr:
    given = ~nw.col(low).is_null() & ~nw.col(high).is_null()
    return nw.when(given).then(nw.col(low) != nw.col(high)).otherwise(nw.lit(value=False))


def _units_frame(
    firsts: nw.DataFrame[Any], units: nw.DataFrame[Any], n: _Names, scales: _Scales
) -> nw.DataFrame[Any]:
    """One row per unit with its exact integers: N (S·D), is_major, α·sa, R·sa·sb·D, grade."""
    tables = gb18218_tables()
    out = by_code(firsts, n.unit, units)
    alpha_values = {i: int(b.value.value * scales.alpha) for i, b in enumerate(tables.alpha.bands)}
    alpha = lookup(
        band_index(nw.col(n.population_low), tables.alpha.bands, 1), alpha_values, nw.Float64
    ).cast(integer_dtype(out))
    out = out.with_columns((nw.col(n.n) >= scales.denominator).alias(n.major), alpha.alias(n.alpha))
    major = nw.col(n.major)
    graded = major & ~nw.col(n.beta_missing) & ~nw.col(n.alpha).is_null()
    out = out.with_columns(
        nw.when(graded).then(nw.col(n.alpha) * nw.col(n.nb)).alias(n.rb),
        nw.when(major).then(nw.col(n.alpha)).alias(n.alpha),
    )
    scale = scales.alpha * scales.beta * scales.denominator
    return out.with_columns(
        nw.when(graded).then(band_index(nw.col(n.rb), tables.grades.bands, scale)).alias(n.grade)
    )


def _not_graded(is_major: bool, needed: Sequence[str], has_population: bool) -> str | None:
    """Why a good unit has no R, in the scalar's words (未分级原因)."""
    if not is_major:
        return _NOT_MAJOR
    reasons = []
    if needed:
        reasons.append(
            f"{'、'.join(needed)} 不是表3 所列毒性气体，又未给出表2危险性类别，"
            "无法按表4确定β，未计算R和级别；请给出其危险性类别符号（symbols）"
        )
    if not has_population:
        reasons.append(_NO_POPULATION)
    return PROBLEM_SEPARATOR.join(reasons) or None


def _fallback(
    out: nw.DataFrame[Any], rows: nw.DataFrame[Any], plan: _Plan, n: _Names
) -> dict[int, MajorHazardAssessment]:
    """The units too large or too fine to compute in 64-bit integers, by the scalar path."""
    flag = nw.col(n.fallback).fill_null(value=False) & nw.col(PROBLEM).is_null()
    codes = [int(row["unit"]) for _, row in flagged_rows(out, flag, {"unit": nw.col(n.unit)})]
    if not codes:
        return {}
    found = _unit_rows(rows, plan, n, codes)
    return {code: _assess_unit(found[code], plan) for code in codes}


def _results(
    out: nw.DataFrame[Any],
    rows: nw.DataFrame[Any],
    plan: _Plan,
    n: _Names,
    scales: _Scales,
    fallback: Mapping[int, MajorHazardAssessment],
) -> nw.DataFrame[Any]:
    """The result columns; the units sent to the scalar path take its answers."""
    bands = gb18218_tables().grades.bands
    unit = nw.col(n.unit)
    texts = _not_graded_texts(out, rows, n)
    for code, assessment in fallback.items():
        texts[code] = _not_graded(
            assessment.is_major, assessment.symbols_needed, assessment.population is not None
        )
    kind_text = lookup(
        nw.col(n.kind_low), {i: k.value for i, k in enumerate(UnitKind)}, nw.String
    ).fill_null(plan.kind.value)
    columns: dict[str, nw.Expr] = {
        "unit_kind": kind_text,
        "s": quotients(out, n.n, scales.denominator),
        "is_major": nw.col(n.major),
        "alpha": quotients(out, n.alpha, scales.alpha),
        "r": quotients(out, n.rb, scales.alpha * scales.beta * scales.denominator),
        "grade": lookup(
            nw.col(n.grade), {i: b.value.grade for i, b in enumerate(bands)}, nw.Float64
        ),
        "grade_label": lookup(
            nw.col(n.grade), {i: b.value.label for i, b in enumerate(bands)}, nw.String
        ),
        "not_graded": lookup(unit, {c: t for c, t in texts.items() if t is not None}, nw.String),
    }
    dtypes: dict[str, Any] = {
        "unit_kind": nw.String,
        "s": nw.Float64,
        "is_major": nw.Boolean,
        "alpha": nw.Float64,
        "r": nw.Float64,
        "grade": nw.Float64,
        "grade_label": nw.String,
    }
    if fallback:
        scalar: dict[str, dict[int, Any]] = {
            "unit_kind": {c: a.kind.value for c, a in fallback.items()},
            "s": {c: float(a.s) for c, a in fallback.items()},
            "is_major": {c: a.is_major for c, a in fallback.items()},
            "alpha": {c: float(a.alpha) for c, a in fallback.items() if a.alpha is not None},
            "r": {c: float(a.r) for c, a in fallback.items() if a.r is not None},
            "grade": {c: a.grade for c, a in fallback.items() if a.grade is not None},
            "grade_label": {c: a.grade_label for c, a in fallback.items() if a.grade_label},
        }
        by_scalar = unit.is_in(list(fallback))
        for name, values in scalar.items():
            columns[name] = (
                nw.when(by_scalar).then(lookup(unit, values, dtypes[name])).otherwise(columns[name])
            )
    good = nw.col(PROBLEM).is_null()
    integer = integer_dtype(out)
    out = out.with_columns(
        [nw.when(good).then(expr).alias(name) for name, expr in columns.items()]
    ).with_columns(nw.col("grade").cast(integer), nw.col("unit_kind").cast(nw.String))
    return out.select(plan.columns.unit, *UNIT_COLUMNS)


def _not_graded_texts(
    out: nw.DataFrame[Any], rows: nw.DataFrame[Any], plan_names: _Names
) -> dict[int, str | None]:
    """``not_graded`` of every good unit computed by the vectorised path."""
    n = plan_names
    good = nw.col(PROBLEM).is_null() & ~nw.col(n.fallback).fill_null(value=False)
    ungraded = good & (~nw.col(n.major) | nw.col(n.beta_missing) | nw.col(n.alpha).is_null())
    values = {
        "unit": nw.col(n.unit),
        "major": nw.col(n.major),
        "needs": nw.col(n.beta_missing),
        "alpha": nw.col(n.alpha),
    }
    units = flagged_rows(out, ungraded, values)
    needing = [int(row["unit"]) for _, row in units if row["major"] and row["needs"]]
    names: dict[int, list[str]] = defaultdict(list)
    if needing:
        flag = nw.col(n.beta_missing) & nw.col(n.unit).is_in(needing)
        for _, row in flagged_rows(rows, flag, {"unit": nw.col(n.unit), "name": nw.col(n.name)}):
            names[int(row["unit"])].append(str(row["name"]))
    return {
        int(row["unit"]): _not_graded(
            bool(row["major"]), names.get(int(row["unit"]), []), row["alpha"] is not None
        )
        for _, row in units
    }


# ---- the scalar path: the fallback and the explanations --------------------------------------


def _unit_rows(
    rows: nw.DataFrame[Any], plan: _Plan, n: _Names, codes: Sequence[int] | None = None
) -> dict[int, list[dict[str, Any]]]:
    """The rows of some units (all when ``codes`` is None) as the scalar path reads them."""
    columns = plan.columns
    fields: dict[str, nw.Expr] = {
        "unit": nw.col(n.unit),
        "name": nw.col(n.name),
        "quantity": nw.col(columns.quantity),
        "population": nw.col(n.population),
        "population_bad": nw.col(n.population_bad),
        "kind": nw.col(n.kind),
        "kind_bad": nw.col(n.kind_bad),
    }
    for field, column in (
        ("qualifier", columns.qualifier),
        ("symbols", columns.symbols),
        ("pure_substance", columns.pure_substance),
        ("same_category", columns.same_category),
        ("population_text", columns.population),
        ("kind_text", columns.kind),
    ):
        if column is not None:
            fields[field] = as_text(rows, column)
    flag = nw.col(n.row) >= 0 if codes is None else nw.col(n.unit).is_in(list(codes))
    found: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for _, row in flagged_rows(rows, flag, fields):
        found[int(row["unit"])].append({k: plain(v) for k, v in row.items()})
    return found


def _assess_unit(rows: Sequence[Mapping[str, Any]], plan: _Plan) -> MajorHazardAssessment:
    """One unit by the scalar path, its rows read as the vectorised path reads them."""
    columns = plan.columns
    populations = set()
    kinds = set()
    substances = []
    for row in rows:
        if row["population_bad"]:
            raise InvalidInput(
                str(columns.population), row.get("population_text"), "人数必须是非负整数"
            )
        if row["population"] is not None:
            populations.add(int(row["population"]))
        if row["kind_bad"]:
            UnitKind.parse(row.get("kind_text"))  # raises, in the scalar's words
        if row["kind"] is not None:
            kinds.add(int(row["kind"]))
        substances.append({**_substance_fields(row, columns), "quantity": row["quantity"]})
    if len(populations) > 1:
        raise InvalidInput(
            str(columns.population), sorted(populations), "同一单元各行的常住人口数不同"
        )
    if len(kinds) > 1:
        raise InvalidInput(str(columns.kind), sorted(kinds), "同一单元各行的单元类别不同")
    kind = list(UnitKind)[kinds.pop()] if kinds else plan.kind
    population = populations.pop() if populations else None
    return assess(substances, population=population, kind=kind, as_of=plan.as_of)


def _reasons(computed: _Computed, plan: _Plan) -> list[str | None]:
    """The scalar explanation of every good unit, in the output's order."""
    n = computed.names
    found = _unit_rows(computed.rows, plan, n)
    codes = sorted(int(c) for c in computed.firsts.get_column(n.unit).to_list())
    problems = computed.out.get_column(PROBLEM).to_list()
    return [
        None if not missing(problem) else _assess_unit(found[code], plan).explanation.text()
        for code, problem in zip(codes, problems, strict=True)
    ]
