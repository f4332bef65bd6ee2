"""Accident grades over a whole table (批量事故等级划分): 国务院令第493号第三条 for every row at
once, the same answers as :func:`safetyrules.accidents.classify` row by row.

:func:`classify_accidents` reads one row per accident: deaths (死亡), serious injuries (重伤,
including 急性工业中毒), direct economic loss in yuan (直接经济损失), optionally missing persons
(失踪、下落不明), and the date it occurred. It adds :data:`ACCIDENT_COLUMNS`: ``grade``
(事故等级), ``graded_deaths`` (the deaths counted for grading: missing persons included, as the
scalar path counts them), the grade each dimension reaches (``deaths_grade``,
``serious_injuries_grade``, ``direct_economic_loss_grade``) and ``problem``.

**Rules by date.** The thresholds are dated band tables (:func:`~safetyrules.accidents.grade_table`).
The dates on which any of them, or the regulation itself, starts or stops being in force cut
time into periods; each period's tables are built once, by the scalar path, and a row is graded
by the tables of the period its ``occurred_on`` falls in, so one frame may hold accidents under
different rules. A date on which no rule is in force (before 2007-06-01, when 国务院令第493号
took effect) is a problem for that row, as the scalar raises :class:`~safetyrules.errors.NotInForce`.
A missing date means today's law, the latest rules, as ``classify(occurred_on=None)`` does; an
absent ``occurred_on_column`` (``None``) grades every row so.

**Exact band edges.** Each band states its own inclusivity (第三条第三款: 以上 includes the
number, 以下 excludes it), read from the :class:`~safetyrules.law.band.Band` objects, never
assumed. Head counts are compared as integers. An amount is never compared as a float: an
integer column is compared as integers (each bound rounded to the integer that keeps its
inclusivity), a decimal column with exact decimal comparisons, and text once per distinct value
by :class:`~decimal.Decimal` in Python. So 9,999,999.99 yuan is 一般事故 and 10,000,000 is
较大事故, in every backend.

**How cells are read** (the scalar's arguments are a Python ``int``, ``Decimal`` and ``date``;
a table holds other types, read as follows, and any other cell is a problem):

* *Counts* (deaths, missing, serious injuries) are whole numbers however the column holds them:
  integers; floats (pandas holds an integer column with gaps as float64) and decimals whose value
  is whole; text such as ``"3"``. A negative, fractional, boolean or empty cell is a problem (an
  empty ``missing`` cell too: write 0 for none). A count above :data:`COUNT_LIMIT` is a problem:
  beyond it pandas could not hold ``graded_deaths`` exactly.
* *Amounts* are yuan: integers, decimals (polars ``Decimal``, pyarrow ``decimal128``, ``Decimal``
  objects in a pandas ``object`` column), or text read as an exact decimal (``"9999999.99"``), as
  the library's :data:`~safetyrules.quantities.Yuan` type reads JSON. A float is refused, as the
  scalar refuses one: 9,999,999.9999999999 and 10,000,000 are the same double, so a float cannot
  say which side of the 1000万元 edge the loss is on. In pandas, keep amounts as integers (the
  nullable ``Int64`` dtype when there are gaps), ``Decimal`` objects or text.
* *Dates* are dates (polars ``Date``, pyarrow ``date32``, ``date`` objects in pandas), datetimes
  at midnight without a time zone (what pandas makes of a date column), or ISO text
  (``"2024-05-01"``), as every bulk function reads them (:mod:`safetyrules.bulk.dates`).
  Another datetime is refused, as the scalar refuses one: take its date in Beijing time first.

The scalar path reads its arguments the same way in :func:`explain_accident_row` and for
``reasons=True``. Integer, float, date and datetime columns, and decimal amounts, are read by
narwhals expressions; text columns (and decimal counts) once per distinct value; pandas
``object`` columns holding anything but text cell by cell in Python (about a second per million
cells), so prefer typed columns for large frames.

**Bad rows** do not stop the others: their results are null and ``problem`` says why, in
Chinese, naming the column and the value; a row with several bad cells lists them all. A row is
bad exactly when the scalar :func:`~safetyrules.accidents.classify`, given the cells as read
above, raises. The bad rows are found by the vectorised path itself (a good row is one that gets
a band on all three dimensions); only they are read back, and each bad cell is explained once
per distinct value. A missing column named by a keyword raises. :func:`explain_accident_row`
runs the scalar path on one row, giving its classification with the reasons, or the error for a
bad row.

>>> import polars as pl
>>> from datetime import date
>>> frame = pl.DataFrame({
...     "id": ["A1", "A2", "A3"],
...     "deaths": [3, 0, 1],
...     "serious_injuries": [0, 12, 0],
...     "direct_economic_loss": [0, 500_000, 100_000_000],
...     "occurred_on": [date(2024, 5, 1), date(2024, 5, 2), date(2007, 5, 31)],
... })
>>> graded = classify_accidents(frame)
>>> graded.select("id", "grade", "serious_injuries_grade").rows()
[('A1', '较大事故', '一般事故'), ('A2', '较大事故', '较大事故'), ('A3', None, None)]
>>> graded["problem"][2]
'occurred_on = 2007-05-31：《生产安全事故报告和调查处理条例》（国务院令第493号）不在有效期内：2007-06-01 起施行'
"""

from __future__ import annotations

import numbers
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar, cast

import attrs
import narwhals as nw
from narwhals.typing import IntoDType

from safetyrules import checks
from safetyrules.accidents import _rules
from safetyrules.accidents.grade import (
    AccidentClassification,
    AccidentGrade,
    Dimension,
    classify,
    grade_table,
)
from safetyrules.bulk.cells import parse_decimal, read_cells
from safetyrules.bulk.dates import (
    build_calendar,
    date_value,
    in_force_detail,
    period_code,
    read_days,
)
from safetyrules.bulk.exact import in_band
from safetyrules.bulk.frames import (
    PROBLEM,
    PROBLEM_SEPARATOR,
    as_text,
    cell_problem,
    check_new_columns,
    decode,
    distinct_text,
    error_problem,
    flagged_rows,
    from_frame,
    hashable,
    holds_objects,
    integer_dtype,
    is_in,
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
from safetyrules.errors import InvalidInput, SafetyRulesError
from safetyrules.law.band import Band, BandTable
from safetyrules.law.catalogue import instrument
from safetyrules.law.jurisdiction import NATION_CODE

FrameT = TypeVar("FrameT")

ACCIDENT_COLUMNS = (
    "grade",
    "graded_deaths",
    "deaths_grade",
    "serious_injuries_grade",
    "direct_economic_loss_grade",
    PROBLEM,
)
"""The columns :func:`classify_accidents` adds, in this order (事故等级结果列).

``grade`` is the accident's grade (事故等级: 一般事故、较大事故、重大事故、特别重大事故), the highest
any dimension reaches; ``graded_deaths`` the deaths counted for grading (missing persons
included where the rules count them; Int64, float64 in pandas); the three ``*_grade`` columns
the grade each dimension reaches on its own; ``problem`` null on a good row, the reason on a bad
one."""

COUNT_LIMIT = 2**52 - 1
"""The largest head count the bulk path takes (人数上限): 4,503,599,627,370,495, so that deaths
plus missing persons stay exact in a pandas float64 column."""

_GRADES = tuple(sorted(AccidentGrade, key=lambda grade: grade.rank))
_GRADING_FILE = "accidents/grading.toml"
_MISSING_RULE = "accident.grade.missing_counted_as_deaths"
_LABELS = {
    "deaths": "死亡人数",
    "missing": "失踪（下落不明）人数",
    "serious_injuries": "重伤（包括急性工业中毒）人数",
    "direct_economic_loss": "直接经济损失",
}
_MAX_DECIMAL_PRECISION = 38


def classify_accidents(
    frame: FrameT,
    *,
    deaths_column: str | None = "deaths",
    serious_injuries_column: str | None = "serious_injuries",
    direct_economic_loss_column: str | None = "direct_economic_loss",
    missing_column: str | None = None,
    occurred_on_column: str | None = "occurred_on",
    reasons: bool = False,
) -> FrameT:
    """Grade every accident of a frame (批量事故等级划分): the input plus :data:`ACCIDENT_COLUMNS`.

    Each ``*_column`` names the column holding that input of
    :func:`~safetyrules.accidents.classify`; ``None`` leaves the input at the scalar's default
    for every row (0 persons, 0 yuan, today's law for the date). ``missing_column`` (失踪、下落不明)
    is off unless named. ``reasons=True`` adds the :data:`~safetyrules.bulk.REASONS` column, the
    scalar explanation of each good row; it runs the scalar path once per distinct row, so the
    default leaves it off.

    Everything but ``reasons`` (and the reading of text and pandas ``object`` cells, see the
    module) is vectorised. The result has the input's kind (pandas, polars, pyarrow or
    narwhals), columns and row order.

    >>> import pandas as pd
    >>> from decimal import Decimal
    >>> frame = pd.DataFrame({
    ...     "deaths": [9, 10, 0],
    ...     "serious_injuries": [0, 0, 0],
    ...     "direct_economic_loss": ["9999999.99", "0", Decimal("10000000")],
    ...     "occurred_on": ["2024-05-01", "2024-05-01", "2024-05-01"],
    ... })
    >>> classify_accidents(frame)[["grade", "direct_economic_loss_grade"]].values.tolist()
    [['较大事故', '一般事故'], ['重大事故', '一般事故'], ['较大事故', '较大事故']]
    >>> classify_accidents(frame, missing_column="missing")
    Traceback (most recent call last):
    ...
    safetyrules.errors.InvalidInput: missing_column = 'missing': 数据框中没有该列（现有列：deaths、serious_injuries、direct_economic_loss、occurred_on）
    """
    data = from_frame(frame)
    plan = _plan(
        data,
        deaths_column,
        serious_injuries_column,
        direct_economic_loss_column,
        missing_column,
        occurred_on_column,
    )
    check_new_columns(data, result_names(ACCIDENT_COLUMNS, reasons))
    graded = _grade(data, plan)
    if reasons:
        graded = with_row_reasons(
            graded, plan.columns, lambda row: _classify_row(row, plan).explanation.text()
        )
    return cast(FrameT, to_frame_like(graded, frame))


def explain_accident_row(
    frame: object,
    row: int,
    *,
    deaths_column: str | None = "deaths",
    serious_injuries_column: str | None = "serious_injuries",
    direct_economic_loss_column: str | None = "direct_economic_loss",
    missing_column: str | None = None,
    occurred_on_column: str | None = "occurred_on",
) -> AccidentClassification:
    """Grade one row by the scalar path (单起事故等级认定及其依据), with the same keywords as
    :func:`classify_accidents`: its :class:`~safetyrules.accidents.AccidentClassification` and
    explanation, or the error for a bad row. ``row`` counts from 0 in the frame's order.

    >>> import pyarrow as pa
    >>> from datetime import date
    >>> frame = pa.table({"deaths": [2, 1], "missing": [1, -1],
    ...                   "occurred_on": [date(2024, 5, 1), date(2024, 5, 1)]})
    >>> c = explain_accident_row(frame, 0, missing_column="missing",
    ...                          serious_injuries_column=None, direct_economic_loss_column=None)
    >>> c.grade.value, c.graded_deaths
    ('较大事故', 3)
    >>> print(c.explanation.reasons[0].message)
    死亡2人、失踪（下落不明）1人，合计3人，在3人以上10人以下范围内，达到较大事故标准
    >>> explain_accident_row(frame, 1, missing_column="missing",
    ...                      serious_injuries_column=None, direct_economic_loss_column=None)
    Traceback (most recent call last):
    ...
    safetyrules.errors.InvalidInput: missing = -1: 人数不能为负数
    """
    data = from_frame(frame)
    plan = _plan(
        data,
        deaths_column,
        serious_injuries_column,
        direct_economic_loss_column,
        missing_column,
        occurred_on_column,
    )
    return _classify_row(row_values(data, row), plan)


# ---- the plan: which column holds what -------------------------------------------------------


@attrs.frozen
class _Plan:
    deaths: str | None
    serious_injuries: str | None
    loss: str | None
    missing: str | None
    occurred_on: str | None

    @property
    def counts(self) -> tuple[tuple[str, str | None], ...]:
        """The count inputs and their columns, in the scalar's order of checks."""
        return (
            ("deaths", self.deaths),
            ("missing", self.missing),
            ("serious_injuries", self.serious_injuries),
        )

    @property
    def columns(self) -> tuple[str, ...]:
        named = (self.deaths, self.missing, self.serious_injuries, self.loss, self.occurred_on)
        return tuple(column for column in named if column is not None)


def _plan(
    data: nw.DataFrame[Any],
    deaths: str | None,
    serious_injuries: str | None,
    loss: str | None,
    missing: str | None,
    occurred_on: str | None,
) -> _Plan:
    """Check the column keywords; a date column absent means today's law for every row."""
    require_columns(
        data,
        {
            "deaths_column": deaths,
            "serious_injuries_column": serious_injuries,
            "direct_economic_loss_column": loss,
            "missing_column": missing,
            "occurred_on_column": occurred_on,
        },
    )
    if occurred_on is None:
        outcome = _rules_on(None)
        if isinstance(outcome, SafetyRulesError):
            raise outcome
    return _Plan(deaths, serious_injuries, loss, missing, occurred_on)


# ---- the rules in force, period by period -----------------------------------------------------


@attrs.frozen
class _Regime:
    """The rules one period grades by: a band table per dimension, and the missing-persons rule."""

    tables: tuple[BandTable[Any], ...]  # deaths, serious injuries, direct economic loss
    count_missing: bool


_DIMENSIONS = (Dimension.DEATHS, Dimension.SERIOUS_INJURIES, Dimension.DIRECT_ECONOMIC_LOSS)


def _rules_on(on: date | None) -> _Regime | SafetyRulesError:
    """The rules ``classify`` applies on ``on``, looked up as it looks them up, or its error."""
    try:
        _rules.require_regulation(on)
        count_missing = bool(_rules.entry(_MISSING_RULE, on).value)
        tables = tuple(grade_table(dimension, on) for dimension in _DIMENSIONS)
    except SafetyRulesError as error:
        return error
    return _Regime(tables, count_missing)


def _breakpoints() -> set[date]:
    """Every day on which a grading rule or the regulation starts or stops being in force."""
    points: set[date] = set()
    parameters = _rules._all()
    for parameter_id in _rules.FILES[_GRADING_FILE]:
        timeline = parameters[parameter_id].timelines[NATION_CODE]
        points.update(entry.start for entry in timeline.entries)
        if timeline.end is not None:
            points.add(timeline.end)
    regulation = instrument(_rules.REGULATION)
    points.add(regulation.effective_from)
    if regulation.repealed_on is not None:
        points.add(regulation.repealed_on)
    return points


# ---- reading cells --------------------------------------------------------------------------


def _count_value(field: str, label: str, value: object) -> int:
    """A head count read from a cell: a whole number however held, or InvalidInput."""
    if missing(value):
        raise InvalidInput(field, None, f"{label}必须填写（没有则填 0）")
    if isinstance(value, bool):
        return checks.count(field, value)  # refused, with the scalar's message
    number: Decimal | None
    if isinstance(value, numbers.Integral):
        number = Decimal(int(value))
    elif isinstance(value, float):
        number = Decimal(value)
    elif isinstance(value, Decimal):
        number = value
    elif isinstance(value, str):
        number = parse_decimal(value)
    else:
        return checks.count(field, value)  # refused, naming the type
    if number is None or number.is_nan():
        raise InvalidInput(field, value, "人数必须是整数")
    if number < 0:
        raise InvalidInput(field, value, "人数不能为负数")
    if number != number.to_integral_value():
        raise InvalidInput(field, value, "人数必须是整数")
    if number > COUNT_LIMIT:
        raise InvalidInput(field, value, f"人数超过 {COUNT_LIMIT}，超出批量计算的精确范围")
    return int(number)


def _money_value(field: str, value: object) -> Decimal:
    """An amount in yuan read from a cell: an integer, a Decimal or decimal text (not a float)."""
    if missing(value):
        raise InvalidInput(field, None, f"{_LABELS['direct_economic_loss']}必须填写（没有则填 0）")
    if isinstance(value, str):
        parsed = parse_decimal(value)
        if parsed is None:
            raise InvalidInput(field, value, "金额应为以元为单位的数字，如 1260000 或 1260000.50")
        return checks.money(field, parsed)
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return checks.money(field, int(value))
    return checks.money(field, value)


def _read_count(
    data: nw.DataFrame[Any], column: str, label: str, name: str, integer: IntoDType
) -> tuple[nw.DataFrame[Any], nw.Expr]:
    """A count column as exact integers, null where the cell is missing or bad."""
    dtype = data.schema[column]
    cell = nw.col(column)
    if dtype.is_integer() or dtype.is_float():
        good = (cell >= 0) & (cell <= COUNT_LIMIT)
        if dtype.is_float():
            good = good & (cell == cell.round(0))
        # The cast comes after the checks, so a huge unsigned or infinite cell cannot overflow.
        return data, nw.when(good).then(cell).cast(integer)
    if (dtype == nw.String or dtype == nw.Decimal) and not holds_objects(data, column):
        text = as_text(data, column)
        table: dict[str, int] = {}
        for item in distinct_text(data, text):
            try:
                table[item] = _count_value(column, label, item)
            except InvalidInput:
                continue
        return data, lookup(text, table, integer)
    data = read_cells(data, column, lambda value: _count_value(column, label, value), name, integer)
    return data, nw.col(name)


@attrs.frozen
class _Loss:
    """How the loss is compared: natively (an integer or decimal column, or the constant 0 when
    there is no column), or as text looked up once per distinct value (``amounts``)."""

    kind: str  # "integer", "decimal" or "text"
    value: nw.Expr
    amounts: Mapping[str, Decimal] = attrs.field(factory=dict)


def _read_loss(
    data: nw.DataFrame[Any],
    column: str,
    regimes: Sequence[_Regime],
    name: str,
    integer: IntoDType,
) -> tuple[nw.DataFrame[Any], _Loss]:
    """The loss column, read for exact comparisons with every regime's bounds."""
    dtype = data.schema[column]
    cell = nw.col(column)
    if dtype.is_integer():
        return data, _Loss("integer", nw.when(cell >= 0).then(cell))
    if dtype == nw.Decimal and _decimal_fits(dtype, regimes):
        return data, _Loss("decimal", nw.when(cell >= 0).then(cell))
    if dtype.is_float():
        return data, _Loss("integer", nw.lit(None, integer))  # refused, as the scalar does
    text_column = column
    if dtype not in (nw.String, nw.Decimal) or holds_objects(data, column):
        # pandas object cells (Decimal, int, text …) and anything else: read one by one.
        text_column = name
        data = read_cells(
            data, column, lambda value: str(_money_value(column, value)), name, nw.String
        )
    text = as_text(data, text_column)
    amounts: dict[str, Decimal] = {}
    for item in distinct_text(data, text):
        try:
            amounts[item] = _money_value(column, item)
        except InvalidInput:
            continue
    return data, _Loss("text", text, amounts)


def _decimal_fits(dtype: Any, regimes: Sequence[_Regime]) -> bool:
    """Whether comparing the decimal column with every bound stays within 38 digits (pyarrow
    refuses wider comparisons; a column that does not fit is compared through text)."""
    precision, scale = getattr(dtype, "precision", None), getattr(dtype, "scale", None)
    if not isinstance(precision, int) or not isinstance(scale, int):
        return False
    for regime in regimes:
        for band in regime.tables[2].bands:
            for bound in (band.lower, band.upper):
                if bound is None:
                    continue
                exponent = bound.normalize().as_tuple().exponent
                bound_scale = max(0, -exponent) if isinstance(exponent, int) else 0
                digits = len(str(abs(int(bound))))
                needed = max(precision - scale, digits) + max(scale, bound_scale)
                if needed > _MAX_DECIMAL_PRECISION:
                    return False
    return True


# ---- the vectorised grading -------------------------------------------------------------------


def _decimal_condition(value: nw.Expr, band: Band[Any]) -> nw.Expr:
    condition = ~value.is_null()
    if band.lower is not None:
        lower = nw.lit(band.lower)
        condition = condition & (value >= lower if band.lower_inclusive else value > lower)
    if band.upper is not None:
        upper = nw.lit(band.upper)
        condition = condition & (value <= upper if band.upper_inclusive else value < upper)
    return condition


def _rank(band: Band[Any]) -> int:
    return cast(AccidentGrade, band.value.grade).rank


def _grade(data: nw.DataFrame[Any], plan: _Plan) -> nw.DataFrame[Any]:
    """Stages of narwhals expressions: read the cells, find the rules, grade; then the problems
    of the rows that got no grade."""
    integer = integer_dtype(data)
    present = list(data.columns)
    names = iter(temporary_names(data, 16))

    # The rules in force, period by period, and for a missing date (today's law).
    calendar = build_calendar(_breakpoints(), _rules_on, lambda: _rules_on(None))
    regimes = [(code, o) for code, o in enumerate(calendar.outcomes) if isinstance(o, _Regime)]
    assert calendar.undated is not None

    # Stage 1: counts and dates as integers (null where bad), the loss as read. ``flags`` says,
    # for each input column, whether its cell is bad: only those cells are explained.
    stage: list[nw.Expr] = []
    flags: dict[str, nw.Expr] = {}
    counts: dict[str, nw.Expr] = {}
    for field, column in plan.counts:
        if column is None:
            counts[field] = nw.lit(0, integer)
            continue
        name = next(names)
        data, value = _read_count(data, column, _LABELS[field], name, integer)
        stage.append(value.alias(name))
        counts[field] = nw.col(name)
        flags[column] = nw.col(name).is_null()
    loss = _Loss("integer", nw.lit(0, integer))
    if plan.loss is not None:
        data, loss = _read_loss(data, plan.loss, [r for _, r in regimes], next(names), integer)
        flags[plan.loss] = _unread(loss)
    day = next(names)
    if plan.occurred_on is not None:
        data, days = read_days(data, plan.occurred_on, day, integer)
        stage.append(days.alias(day))
    data = data.with_columns(stage) if stage else data

    # Stage 2: the period's outcome (a missing date: today's law; a bad one: null), and the
    # deaths counted for grading.
    period, graded = next(names), next(names)
    if plan.occurred_on is None:
        code = nw.lit(calendar.undated, integer)
    else:
        code = (
            nw.when(nw.col(plan.occurred_on).is_null())
            .then(nw.lit(calendar.undated, integer))
            .otherwise(period_code(nw.col(day), calendar, integer))
        )
        flags[plan.occurred_on] = nw.col(period).is_null() | ~is_in(
            nw.col(period), [regime_code for regime_code, _ in regimes]
        )
    deaths = counts["deaths"]
    counting = [c for c, r in regimes if r.count_missing]
    if plan.missing is None or not counting:
        graded_deaths = deaths
    elif len(counting) == len(regimes):
        graded_deaths = deaths + counts["missing"]
    else:
        with_missing = nw.col(period).is_in(counting)
        graded_deaths = nw.when(with_missing).then(deaths + counts["missing"]).otherwise(deaths)
    data = data.with_columns(code.alias(period))
    data = data.with_columns(graded_deaths.cast(integer).alias(graded))

    # Stage 3: each dimension's band under the row's rules, as a grade rank (0 to 3); null
    # where a value is bad or no rules are in force. A row is good exactly when it has all three.
    code_col = nw.col(period)
    rank_names = [next(names) for _ in _DIMENSIONS]
    ranks: list[nw.Expr] = []
    for index, value in enumerate([nw.col(graded), counts["serious_injuries"]]):
        branches = [
            (
                (code_col == regime_code) & in_band(value, band),
                nw.lit(_rank(band), integer),
            )
            for regime_code, regime in regimes
            for band in regime.tables[index].bands
        ]
        ranks.append(when_chain(branches, integer))
    ranks.append(_loss_rank(loss, regimes, code_col, integer))
    data = data.with_columns([r.alias(n) for r, n in zip(ranks, rank_names, strict=True)])
    good = ~nw.col(rank_names[0]).is_null()
    for name in rank_names[1:]:
        good = good & ~nw.col(name).is_null()

    # Stage 4: the results of the good rows, then the problems of the others.
    overall = next(names)
    data = data.with_columns(
        nw.when(good).then(nw.max_horizontal(*[nw.col(n) for n in rank_names])).alias(overall),
        *[nw.when(good).then(nw.col(n)).alias(n) for n in rank_names],
    )
    values = [grade.value for grade in _GRADES]
    data = data.with_columns(
        decode(data, overall, values).alias("grade"),
        nw.when(good).then(nw.col(graded)).cast(integer).alias("graded_deaths"),
        decode(data, rank_names[0], values).alias("deaths_grade"),
        decode(data, rank_names[1], values).alias("serious_injuries_grade"),
        decode(data, rank_names[2], values).alias("direct_economic_loss_grade"),
    )
    data = data.with_columns(_problems(data, plan, nw.col(overall).is_null(), flags))
    return data.select(*present, *ACCIDENT_COLUMNS)


def _unread(loss: _Loss) -> nw.Expr:
    """Whether the loss cell of a row could not be read (missing or bad)."""
    if loss.kind != "text":
        return loss.value.is_null()
    return ~is_in(loss.value, list(loss.amounts)) | loss.value.is_null()


def _loss_rank(
    loss: _Loss, regimes: Sequence[tuple[int, _Regime]], code: nw.Expr, integer: IntoDType
) -> nw.Expr:
    """The loss dimension's rank: integer or decimal comparisons, or a lookup of exact text."""
    if loss.kind == "text":
        branches: list[tuple[nw.Expr, nw.Expr]] = []
        for regime_code, regime in regimes:
            table: dict[str, int] = {}
            for text, amount in loss.amounts.items():
                try:
                    table[text] = _rank(regime.tables[2].band_for(amount))
                except InvalidInput:
                    continue  # outside every band: a problem, as the scalar raises
            branches.append((code == regime_code, lookup(loss.value, table, integer)))
        return when_chain(branches, integer)
    condition = _decimal_condition if loss.kind == "decimal" else in_band
    return when_chain(
        [
            ((code == regime_code) & condition(loss.value, band), nw.lit(_rank(band), integer))
            for regime_code, regime in regimes
            for band in regime.tables[2].bands
        ],
        integer,
    )


def _problems(
    data: nw.DataFrame[Any], plan: _Plan, bad: nw.Expr, flags: Mapping[str, nw.Expr]
) -> nw.Series[Any]:
    """The ``problem`` column: the rows without a grade. Only their flagged cells are read
    back, each explained once per distinct value, in the scalar's order of checks; a bad row
    with no bad cell is explained by the scalar path itself."""
    checks_ = _cell_checks(plan)
    columns: dict[str, nw.Expr] = {}
    for column in checks_:
        columns[f"value {column}"] = nw.col(column)
        columns[f"bad {column}"] = flags[column]
    cells: dict[tuple[str, object], str | None] = {}
    problems: dict[int, str] = {}
    for position, row in flagged_rows(data, bad, columns):
        found: list[str] = []
        for column, check in checks_.items():
            if not row[f"bad {column}"]:
                continue
            value = row[f"value {column}"]
            key = (column, hashable(value))
            if key not in cells:
                cells[key] = check(value)
            problem = cells[key]
            if problem is not None:
                found.append(problem)
        if not found:
            try:
                _classify_row({c: row[f"value {c}"] for c in checks_}, plan)
            except SafetyRulesError as error:
                found.append(str(error))
        problems[position] = PROBLEM_SEPARATOR.join(found) or "无法定级"
    return problem_column(data, problems)


def _cell_checks(plan: _Plan) -> dict[str, Callable[[object], str | None]]:
    """For each input column, in the scalar's order, what is wrong with a cell (None: nothing)."""

    def caught(read: Callable[[object], object]) -> Callable[[object], str | None]:
        def check(value: object) -> str | None:
            try:
                read(value)
            except InvalidInput as error:
                return error_problem(error)
            return None

        return check

    def count_reader(column: str, label: str) -> Callable[[object], object]:
        return lambda value: _count_value(column, label, value)

    found: dict[str, Callable[[object], str | None]] = {}
    for field, column in plan.counts:
        if column is not None:
            found.setdefault(column, caught(count_reader(column, _LABELS[field])))
    if plan.loss is not None:
        loss = plan.loss
        found.setdefault(loss, caught(lambda value: _money_value(loss, value)))
    if plan.occurred_on is not None:
        found.setdefault(plan.occurred_on, _date_check(plan.occurred_on))
    return found


def _date_check(column: str) -> Callable[[object], str | None]:
    """What is wrong with a date cell: not a date, or a day on which no rules are in force."""

    def check(value: object) -> str | None:
        try:
            on = date_value(column, value)
        except InvalidInput as error:
            return error_problem(error)
        outcome = _rules_on(on)
        if not isinstance(outcome, SafetyRulesError):
            return None
        if on is None:  # a missing date means today's law, and none is in force
            return f"{column} 为空（适用最新规定）：{in_force_detail(outcome)}"
        return cell_problem(column, on, in_force_detail(outcome))

    return check


# ---- the scalar path: explanations ------------------------------------------------------------


def _classify_row(values: Mapping[str, object], plan: _Plan) -> AccidentClassification:
    """The scalar classification of one row, its cells read as the bulk path reads them."""
    counts = {
        field: 0 if column is None else _count_value(column, _LABELS[field], values[column])
        for field, column in plan.counts
    }
    loss = Decimal(0) if plan.loss is None else _money_value(plan.loss, values[plan.loss])
    occurred_on = (
        None if plan.occurred_on is None else date_value(plan.occurred_on, values[plan.occurred_on])
    )
    return classify(
        counts["deaths"],
        counts["serious_injuries"],
        loss,
        missing=counts["missing"],
        occurred_on=occurred_on,
    )
