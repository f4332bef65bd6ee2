"""Dates in bulk (批量日期): reading date cells, and which rules are in force on each row's day.

**Reading.** A date cell is a date (polars ``Date``, pyarrow ``date32``, ``date`` objects in
pandas), a datetime at midnight without a time zone (what pandas makes of a date column), or
ISO text (``"2024-05-01"``). Another datetime is refused, as the scalar functions refuse one:
take its date in Beijing time first. :func:`date_value` reads one cell as the scalar path is
given it; :func:`read_days` reads a whole column as day numbers (days since 1970-01-01), by
expressions for date and datetime columns, once per distinct value for text, cell by cell for
a pandas ``object`` column.

**Rules by period.** The rules a row is judged by depend on its day only through the dates on
which some rule starts or stops being in force. Those breakpoints cut time into periods; the
rules of each period are looked up once (:func:`build_calendar`) and each row gets the code of
its period by a chain of integer comparisons (:func:`period_code`). Periods with the same rules
share a code; so do periods in which nothing is in force for the same reason (its message,
without the day, :func:`in_force_detail`), and each row's problem then names its own day.

>>> from datetime import date
>>> found = build_calendar([date(2021, 9, 1)], lambda on: "新法" if on >= date(2021, 9, 1) else "旧法")
>>> found.outcomes, found.periods
(('旧法', '新法'), ((None, 0), (18871, 1)))
>>> day_number(date(2021, 9, 1)), day_of(18871)
(18871, datetime.date(2021, 9, 1))
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from typing import Any, cast

import attrs
import narwhals as nw
from narwhals.typing import IntoDType

from safetyrules import checks
from safetyrules.bulk.cells import read_cells
from safetyrules.bulk.frames import (
    as_text,
    distinct_text,
    holds_objects,
    lookup,
    missing,
    when_chain,
)
from safetyrules.errors import InvalidInput, NotInForce, SafetyRulesError, UnknownReference
from safetyrules.law.catalogue import instrument

EPOCH = date(1970, 1, 1)
"""Day number 0 (日序起点): day numbers count days from 1970-01-01, as Arrow's date32 does."""

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_MS_PER_DAY = 86_400_000


def day_number(on: date) -> int:
    """A date as its day number (日序): days since 1970-01-01.

    >>> day_number(date(1970, 1, 2))
    1
    """
    return (on - EPOCH).days


def day_of(number: object) -> date | None:
    """A day number back as a date (日序还原为日期); None for a missing one. pandas holds day
    numbers as floats.

    >>> day_of(19844.0), day_of(None)
    (datetime.date(2024, 5, 1), None)
    """
    if missing(number):
        return None
    return EPOCH + timedelta(days=int(cast(float, number)))


def date_value(column: str, value: object) -> date | None:
    """A date read from a cell (读取日期): a date, a naive midnight datetime or ISO text; None
    if the cell is missing; anything else an :class:`~safetyrules.errors.InvalidInput` naming
    the column, in the scalar's words where the scalar has them.

    >>> date_value("occurred_on", "2024-05-01"), date_value("occurred_on", None)
    (datetime.date(2024, 5, 1), None)
    >>> date_value("occurred_on", "2024/05/01")
    Traceback (most recent call last):
    ...
    safetyrules.errors.InvalidInput: occurred_on = '2024/05/01': 日期应写作 YYYY-MM-DD
    """
    if missing(value):
        return None
    if isinstance(value, datetime):
        midnight = (value.hour, value.minute, value.second, value.microsecond) == (0, 0, 0, 0)
        if value.tzinfo is None and midnight and getattr(value, "nanosecond", 0) == 0:
            return date(value.year, value.month, value.day)
        return checks.day(column, value)  # refused, with the scalar's message
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = value.strip()
        if _ISO_DATE.fullmatch(text):
            try:
                return date.fromisoformat(text)
            except ValueError:
                pass
        raise InvalidInput(column, value, "日期应写作 YYYY-MM-DD")
    return checks.day(column, value)  # refused, naming what it is


def read_days(
    frame: nw.DataFrame[Any], column: str, name: str, integer: IntoDType
) -> tuple[nw.DataFrame[Any], nw.Expr]:
    """A date column as day numbers (日期列转日序), null where the cell is missing or bad.

    Returns the frame (with a working column ``name`` when the column had to be read cell by
    cell) and the expression of the day numbers, of type ``integer``.

    >>> import pyarrow as pa
    >>> from safetyrules.bulk.frames import from_frame
    >>> frame = from_frame(pa.table({"on": ["2024-05-01", "昨天", None]}))
    >>> frame, days = read_days(frame, "on", "days", nw.Int64)
    >>> frame.select(days.alias("days"))["days"].to_list()
    [19844, None, None]
    """
    dtype = frame.schema[column]
    cell = nw.col(column)
    if dtype == nw.Date or dtype == nw.Datetime:
        days = cell.dt.timestamp("ms") // _MS_PER_DAY
        if dtype == nw.Date:
            return frame, days.cast(integer)
        if getattr(dtype, "time_zone", None) is not None:
            return frame, nw.lit(None, integer)  # refused, as the scalar refuses a datetime
        midnight = (
            (cell.dt.hour() == 0)
            & (cell.dt.minute() == 0)
            & (cell.dt.second() == 0)
            & (cell.dt.nanosecond() == 0)
        )
        return frame, nw.when(midnight).then(days).cast(integer)
    if dtype == nw.String and not holds_objects(frame, column):
        text = as_text(frame, column)
        table: dict[str, int] = {}
        for item in distinct_text(frame, text):
            try:
                found = date_value(column, item)
            except InvalidInput:
                continue
            if found is not None:
                table[item] = day_number(found)
        return frame, lookup(text, table, integer)

    def read(value: object) -> int | None:
        found = date_value(column, value)
        return None if found is None else day_number(found)

    frame = read_cells(frame, column, read, name, integer)
    return frame, nw.col(name)


# ---- the rules in force, period by period -------------------------------------------------------


@attrs.frozen
class Calendar:
    """What applies on each day (分期适用的规则): distinct outcomes (rules, or the error that
    says why none applies) by period.

    ``periods`` are (first day as a day number, outcome index), oldest first; the first period
    has no first day (every earlier day). ``undated`` is the outcome for a missing date, if the
    rules give one.

    >>> Calendar(("旧法",), ((None, 0),), None).outcomes
    ('旧法',)
    """

    outcomes: tuple[object, ...]
    periods: tuple[tuple[int | None, int], ...]
    undated: int | None


def build_calendar(
    breakpoints: Iterable[date],
    outcome_on: Callable[[date], object],
    undated: Callable[[], object] | None = None,
) -> Calendar:
    """The outcome of every period between breakpoints (分期求规则), each evaluated once on the
    period's first day, equal neighbours merged; ``undated`` gives the outcome for a missing
    date.

    Outcomes are compared by value, errors by what they say without the day
    (:func:`in_force_detail`).

    >>> from safetyrules.errors import NotInForce
    >>> def law(on: date) -> object:
    ...     return "法" if on >= date(2007, 6, 1) else NotInForce("law", on, "2007-06-01 起施行")
    >>> found = build_calendar([date(2007, 6, 1), date(2010, 1, 1)], law, lambda: "法")
    >>> len(found.outcomes), found.periods, found.undated
    (2, ((None, 0), (13665, 1)), 1)
    """
    points = sorted(set(breakpoints))
    outcomes: list[object] = []

    def index(outcome: object) -> int:
        key = _outcome_key(outcome)
        for position, known in enumerate(outcomes):
            if _outcome_key(known) == key:
                return position
        outcomes.append(outcome)
        return len(outcomes) - 1

    periods: list[tuple[int | None, int]] = []
    starts = [points[0] - timedelta(days=1), *points]
    for position, start in enumerate(starts):
        code = index(outcome_on(start))
        if periods and periods[-1][1] == code:
            continue
        periods.append((None if position == 0 else day_number(start), code))
    undated_code = index(undated()) if undated is not None else None
    return Calendar(tuple(outcomes), tuple(periods), undated_code)


def _outcome_key(outcome: object) -> object:
    # Errors compare by what they say (the date inside the text aside); rules by value.
    if isinstance(outcome, SafetyRulesError):
        return ("error", in_force_detail(outcome))
    return outcome


def in_force_detail(error: SafetyRulesError) -> str:
    """Why no rule applies on a day, without the day (不在有效期的原因): each row's problem
    names its own day.

    >>> from safetyrules.errors import NotInForce
    >>> in_force_detail(NotInForce("no-such-rule", date(2000, 1, 1), "2007-06-01 起施行"))
    'no-such-rule不在有效期内：2007-06-01 起施行'
    """
    if isinstance(error, NotInForce):
        try:
            label = instrument(error.rule).label
        except UnknownReference:
            label = error.rule
        return f"{label}不在有效期内：{error.message}"
    return str(error)


def period_code(day: nw.Expr, calendar: Calendar, integer: IntoDType) -> nw.Expr:
    """The outcome index of each row's day (所属分期), by integer comparisons, latest period
    first; null for a null day.

    >>> import polars as pl
    >>> from safetyrules.bulk.frames import from_frame
    >>> found = Calendar(("旧法", "新法"), ((None, 0), (18871, 1)), None)
    >>> frame = from_frame(pl.DataFrame({"day": [18870, 18871, None]}))
    >>> frame.select(period_code(nw.col("day"), found, nw.Int64).alias("code"))["code"].to_list()
    [0, 1, None]
    """
    branches: list[tuple[nw.Expr | None, nw.Expr]] = []
    for start, code in reversed(calendar.periods):
        # The first period has no first day: it is the otherwise of the chain.
        branches.append((None if start is None else day >= start, nw.lit(code, integer)))
    expression = when_chain(branches, integer)
    return nw.when(~day.is_null()).then(expression)
