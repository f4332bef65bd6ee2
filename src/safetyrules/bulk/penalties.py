"""Statutory fines over a findings table (批量法定罚款幅度): the band the 安全生产法 sets for every
violation found, the same answers as :func:`safetyrules.penalties.statutory_range` row by row.

:func:`statutory_ranges` reads one row per violation found: its id in the stable violation
catalogue (违法行为, e.g. ``special-operators-uncertified``; see
:func:`safetyrules.penalties.violation`), the day it occurred (违法行为发生日期) and optionally the
day of the decision (作出处罚决定日期) and the stage (处罚情形: 责令限期改正, 逾期未改正 …). It adds
:data:`STATUTORY_RANGE_COLUMNS`: ``party`` (受罚对象, ``on=``), ``fine_minimum`` and
``fine_maximum`` (the statutory band in yuan), ``law`` (the version of the 安全生产法 applied,
from 从旧兼从轻), ``citation`` (the provision) and ``problem``.

**Why a join, not a vectorised rule.** The answer for a row depends only on the violation, the
version in force when it occurred, the version in force at the decision (when later), the stage
and the party: 从旧兼从轻 compares the bands of those two versions, and nothing else about the
dates matters. The catalogue is small (58 violations, two versions), so the right design is to
find each row's versions by vectorised date comparisons, compute every distinct combination
present once with the scalar :func:`~safetyrules.penalties.statutory_range` itself (on the dates
of one row of that combination), and look the answers back up onto the rows. The scalar path
stays the only implementation of the rules; a million findings cost a few hundred scalar calls.

**How cells are read.** The violation and stage cells are text (a null stage is the provision's
first stage, as the scalar's ``stage=None``). Dates are read as every bulk function reads
them (:mod:`safetyrules.bulk.dates`): dates, naive midnight datetimes or ISO text; a missing
``occurred_on`` is a problem (the scalar requires it), a missing ``decided_on`` means no later
decision date (the version in force when the act occurred applies).

**Bad rows** do not stop the others: an unknown violation id, a date before 2014-12-01 (the
oldest version encoded), a violation the version in force did not punish, a party or a stage
the provision does not have, a decision dated before the act: the row's results are null and
``problem`` says why, naming the column and the value. A row is bad exactly when the scalar
raises one of the library's errors for it (:class:`~safetyrules.errors.SafetyRulesError`; no
other error is caught). A combination the scalar refuses gives all its rows one problem, looked
up like the answers; only rows with a bad cell are read back, once per distinct row. A bad keyword (``on`` that no provision fines, a
``stage`` no provision has, a missing column) raises. :func:`explain_statutory_range_row` runs
the scalar path on one row.

>>> import polars as pl
>>> from datetime import date
>>> findings = pl.DataFrame({
...     "violation": ["special-operators-uncertified", "warning-signs-missing", "no-such-act"],
...     "occurred_on": [date(2023, 3, 1), date(2020, 6, 1), date(2023, 3, 1)],
... })
>>> ranges = statutory_ranges(findings)
>>> ranges.select("fine_minimum", "fine_maximum", "law").rows()
[(0, 100000, 'work-safety-law-2021'), (0, 50000, 'work-safety-law-2014'), (None, None, None)]
>>> ranges["citation"][0]
'《中华人民共和国安全生产法》（2021年修正）第九十七条'
>>> ranges["problem"][2]
'violation = no-such-act：未知的违法行为（见违法行为目录 safetyrules.penalties.violation）'
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from functools import cache
from typing import Any, TypeVar, cast

import attrs
import narwhals as nw

from safetyrules.bulk.dates import (
    Calendar,
    build_calendar,
    date_value,
    day_of,
    period_code,
    read_days,
)
from safetyrules.bulk.frames import (
    PROBLEM,
    as_text,
    cell_problem,
    check_new_columns,
    decode,
    distinct_text,
    error_problem,
    flagged_rows,
    from_frame,
    hashable,
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
    with_row_reasons,
)
from safetyrules.errors import (
    InvalidInput,
    NotInForce,
    RuleDataError,
    SafetyRulesError,
    UnknownReference,
)
from safetyrules.law.catalogue import instrument
from safetyrules.penalties.accident_fines import FineRange
from safetyrules.penalties.provisions import (
    LAWS,
    law_on,
    provisions,
    violation,
    violation_provision,
)
from safetyrules.penalties.statutory import statutory_range

FrameT = TypeVar("FrameT")

STATUTORY_RANGE_COLUMNS = ("party", "fine_minimum", "fine_maximum", "law", "citation", PROBLEM)
"""The columns :func:`statutory_ranges` adds, in this order (法定罚款幅度结果列).

``party`` is who is fined (受罚对象, the ``on=`` keyword); ``fine_minimum`` and ``fine_maximum``
the statutory band in whole yuan (Int64, float64 in pandas; 0 to 0 where the stage fines nothing
on the party, as the scalar says); ``law`` the version of the 安全生产法 applied (e.g.
``work-safety-law-2021``); ``citation`` the provision as text; ``problem`` null on a good row,
the reason on a bad one."""

UNIT = "生产经营单位"
"""The party :func:`statutory_ranges` fines by default (生产经营单位), as the scalar's ``on``."""


def statutory_ranges(
    frame: FrameT,
    *,
    violation_column: str = "violation",
    occurred_on_column: str = "occurred_on",
    decided_on_column: str | None = None,
    stage: str | None = None,
    stage_column: str | None = None,
    on: str = UNIT,
    reasons: bool = False,
) -> FrameT:
    """The statutory fine band of every finding (批量法定罚款幅度): the input plus
    :data:`STATUTORY_RANGE_COLUMNS`.

    ``violation_column`` holds catalogue ids; ``occurred_on_column`` the day each act occurred;
    ``decided_on_column`` (optional) the day of the decision, for 从旧兼从轻. ``stage`` names one
    stage for every row, or ``stage_column`` a column of stages (null: the first); without
    either, each provision's first stage. ``on`` is the party fined (受罚对象), as the scalar's
    ``on``: e.g. ``"直接负责的主管人员和其他直接责任人员"`` for the persons responsible; call again
    on the input for another party. ``reasons=True`` adds the :data:`~safetyrules.bulk.REASONS`
    column, the scalar explanation (version chosen and band) of each good row, computed once per
    distinct row.

    >>> import pandas as pd
    >>> findings = pd.DataFrame({
    ...     "violation": ["special-operators-uncertified"] * 3,
    ...     "occurred_on": ["2023-03-01", "2023-03-01", "2014-11-30"],
    ...     "stage": ["逾期未改正", None, None],
    ... })
    >>> persons = "直接负责的主管人员和其他直接责任人员"
    >>> out = statutory_ranges(findings, stage_column="stage", on=persons)
    >>> out[["fine_minimum", "fine_maximum"]].values.tolist()
    [[20000.0, 50000.0], [0.0, 0.0], [nan, nan]]
    >>> out["problem"].tolist()[2]
    'occurred_on = 2014-11-30：本库只收录 2014-12-01 至 2021-08-31 以后的罚则'
    >>> statutory_ranges(findings, on="个人")
    Traceback (most recent call last):
    ...
    safetyrules.errors.InvalidInput: on = '个人': 罚则中的受罚对象为：...
    """
    data = from_frame(frame)
    plan = _plan(
        data, violation_column, occurred_on_column, decided_on_column, stage, stage_column, on
    )
    check_new_columns(data, result_names(STATUTORY_RANGE_COLUMNS, reasons))
    found = _ranges(data, plan)
    if reasons:
        found = with_row_reasons(
            found, plan.columns, lambda row: _range_row(row, plan).explanation.text()
        )
    return cast(FrameT, to_frame_like(found, frame))


def explain_statutory_range_row(
    frame: object,
    row: int,
    *,
    violation_column: str = "violation",
    occurred_on_column: str = "occurred_on",
    decided_on_column: str | None = None,
    stage: str | None = None,
    stage_column: str | None = None,
    on: str = UNIT,
) -> FineRange:
    """The statutory fine of one finding by the scalar path (单项违法行为的法定罚款幅度及其依据),
    with the same keywords as :func:`statutory_ranges`: its
    :class:`~safetyrules.penalties.FineRange` with the reasons, or the scalar's error for a bad
    row. ``row`` counts from 0 in the frame's order.

    >>> import pyarrow as pa
    >>> from datetime import date
    >>> findings = pa.table({"violation": ["warning-signs-missing"],
    ...                      "occurred_on": [date(2021, 8, 1)], "decided_on": [date(2021, 10, 1)]})
    >>> r = explain_statutory_range_row(findings, 0, decided_on_column="decided_on")
    >>> r.law, r.maximum
    ('work-safety-law-2014', Decimal('50000'))
    >>> print(r.reasons[0].message)
    违法行为发生时（2021-08-01）施行《中华人民共和国安全生产法》（2014年修正），幅度0元至50000元；...新的规定处罚不轻于旧的规定，适用违法行为发生时的规定
    """
    data = from_frame(frame)
    plan = _plan(
        data, violation_column, occurred_on_column, decided_on_column, stage, stage_column, on
    )
    return _range_row(row_values(data, row), plan)


# ---- the plan ---------------------------------------------------------------------------------


@attrs.frozen
class _Plan:
    violation: str
    occurred_on: str
    decided_on: str | None
    stage: str | None
    stage_column: str | None
    on: str

    @property
    def columns(self) -> tuple[str, ...]:
        named = (self.violation, self.occurred_on, self.decided_on, self.stage_column)
        return tuple(column for column in named if column is not None)


@cache
def _catalogue() -> tuple[tuple[str, ...], frozenset[str], frozenset[str]]:
    """The violation ids, every party some provision fines, and every stage name."""
    ids: dict[str, None] = {}
    stages: set[str] = set()
    for law in LAWS:
        for found in provisions(law):
            ids.update(dict.fromkeys(found.violations))
            stages.update(s.when for s in found.stages)
    parties = {
        fine.on
        for violation_id in ids
        for law in LAWS
        if violation(violation_id).version(law) is not None
        for candidate in violation_provision(violation_id, law).stages
        for fine in candidate.fines
    }
    return tuple(ids), frozenset(parties), frozenset(stages)


def _plan(
    data: nw.DataFrame[Any],
    violation_column: str,
    occurred_on_column: str,
    decided_on_column: str | None,
    stage: str | None,
    stage_column: str | None,
    on: str,
) -> _Plan:
    """Check the keywords: the columns exist, ``on`` and ``stage`` name something."""
    require_columns(
        data,
        {
            "violation_column": violation_column,
            "occurred_on_column": occurred_on_column,
            "decided_on_column": decided_on_column,
            "stage_column": stage_column,
        },
    )
    if stage_column is not None and stage is not None:
        raise InvalidInput("stage", stage, "stage 与 stage_column 只能给出一个")
    _, parties, stages = _catalogue()
    if not isinstance(on, str) or on not in parties:
        raise InvalidInput("on", on, f"罚则中的受罚对象为：{'、'.join(sorted(parties))}")
    if stage is not None and stage not in stages:
        raise InvalidInput(
            "stage", stage, f"罚则中没有这一情形（已有：{'、'.join(sorted(stages))}）"
        )
    return _Plan(violation_column, occurred_on_column, decided_on_column, stage, stage_column, on)


def _law_on(on: date) -> str | SafetyRulesError:
    try:
        return law_on(on)
    except SafetyRulesError as error:
        return error


def _law_calendar() -> Calendar:
    """The version of the 安全生产法 in force, period by period (or why none is)."""
    points: set[date] = set()
    for law in LAWS:
        found = instrument(law)
        points.add(found.effective_from)
        if found.repealed_on is not None:
            points.add(found.repealed_on)
    return build_calendar(points, _law_on)


# ---- the vectorised lookup --------------------------------------------------------------------


@attrs.frozen
class _Result:
    minimum: int
    maximum: int
    law: str
    citation: str


def _ranges(data: nw.DataFrame[Any], plan: _Plan) -> nw.DataFrame[Any]:
    """Versions by vectorised date comparisons, one scalar call per distinct combination."""
    integer = integer_dtype(data)
    present = list(data.columns)
    names = iter(temporary_names(data, 12))
    ids, _, _ = _catalogue()
    calendar = _law_calendar()
    laws = [code for code, outcome in enumerate(calendar.outcomes) if isinstance(outcome, str)]
    size = len(calendar.outcomes) + 1  # the extra code: no later decision date

    # Stage 1: the violation as its catalogue position, the stage as a code, the dates as day
    # numbers (null where missing or bad).
    stage_exprs: list[nw.Expr] = []
    violation_name, stage_name, occurred_name, decided_name = (next(names) for _ in range(4))
    text = as_text(data, plan.violation)
    known = {value: ids.index(value) for value in distinct_text(data, text) if value in ids}
    stage_exprs.append(lookup(text, known, integer).alias(violation_name))
    stages: list[str] = []
    stage_text: nw.Expr | None = None
    if plan.stage_column is not None:
        stage_text = as_text(data, plan.stage_column)
        stages = sorted(distinct_text(data, stage_text))
        codes = {value: index + 1 for index, value in enumerate(stages)}
        stage_code = (
            nw.when(stage_text.is_null())
            .then(nw.lit(0, integer))
            .otherwise(lookup(stage_text, codes, integer))
        )
        stage_exprs.append(stage_code.alias(stage_name))
    else:
        stage_exprs.append(nw.lit(0, integer).alias(stage_name))
    data, occurred = read_days(data, plan.occurred_on, next(names), integer)
    stage_exprs.append(occurred.alias(occurred_name))
    if plan.decided_on is not None:
        data, decided = read_days(data, plan.decided_on, next(names), integer)
        stage_exprs.append(decided.alias(decided_name))
    data = data.with_columns(stage_exprs)

    # Stage 2: the versions in force on each day, and the combination key of each row whose
    # cells are good (null otherwise): violation, version then, version at the decision (or
    # "none" when there is no later decision in another version), stage.
    old_code = period_code(nw.col(occurred_name), calendar, integer)
    ok = ~nw.col(violation_name).is_null() & is_in(old_code, laws) & ~nw.col(stage_name).is_null()
    new_code: nw.Expr = nw.lit(size - 1, integer)
    if plan.decided_on is not None:
        decided_col, occurred_col = nw.col(decided_name), nw.col(occurred_name)
        decided_code = period_code(decided_col, calendar, integer)
        later = decided_col > occurred_col
        blank = nw.col(plan.decided_on).is_null()
        ok = ok & (blank | (later & is_in(decided_code, laws)) | (decided_col == occurred_col))
        new_code = nw.when(~blank & later).then(decided_code).otherwise(new_code)
    key = ((nw.col(violation_name) * len(calendar.outcomes) + old_code) * size + new_code) * (
        len(stages) + 1
    ) + nw.col(stage_name)
    key_name = next(names)
    data = data.with_columns(nw.when(ok).then(key).cast(integer).alias(key_name))

    # Stage 3: each distinct combination once by the scalar path (on the dates of one of its
    # rows), looked back up by key. A combination the scalar refuses leaves its rows null, with
    # one problem for all of them (it names the violation and the version, never a row's date).
    results: list[_Result] = []
    positions: dict[Any, int] = {}
    refused: dict[Any, str] = {}
    columns = [key_name, occurred_name, *([decided_name] if plan.decided_on else [])]
    combinations = (
        data.filter(~nw.col(key_name).is_null())
        .unique(subset=[key_name], keep="any")
        .select(
            *columns,
            text.alias("violation"),
            *([] if stage_text is None else [stage_text.alias("stage")]),
        )
    )
    for row in combinations.iter_rows(named=True):
        occurred_day = day_of(row[occurred_name])
        assert occurred_day is not None
        arguments = {
            "violation_id": row["violation"],
            "occurred_on": occurred_day,
            "decided_on": day_of(row[decided_name]) if plan.decided_on else None,
            "stage": _stage(row["stage"]) if stage_text is not None else plan.stage,
            "on": plan.on,
        }
        try:
            found = statutory_range(**arguments)
        except SafetyRulesError as error:
            refused[row[key_name]] = _scalar_problem(error, arguments, plan)
            continue
        positions[row[key_name]] = len(results)
        results.append(_result(found))
    result_name, refused_name = next(names), next(names)
    data = data.with_columns(
        lookup(nw.col(key_name), positions, integer).alias(result_name),
        lookup(nw.col(key_name), refused, nw.String).alias(refused_name),
    )
    result = nw.col(result_name)
    good = ~result.is_null()
    data = data.with_columns(
        nw.when(good).then(nw.lit(plan.on, nw.String)).alias("party"),
        lookup(result, dict(enumerate(r.minimum for r in results)), integer).alias("fine_minimum"),
        lookup(result, dict(enumerate(r.maximum for r in results)), integer).alias("fine_maximum"),
        decode(data, result_name, [r.law for r in results]).alias("law"),
        decode(data, result_name, [r.citation for r in results]).alias("citation"),
    )
    # The rows without a key (a bad cell) are read back and explained one distinct row at a
    # time; the refused combinations already have their problem.
    data = data.with_columns(_problems(data, plan, nw.col(key_name).is_null()))
    refusal = nw.col(refused_name)
    data = data.with_columns(
        nw.when(refusal.is_null()).then(nw.col(PROBLEM)).otherwise(refusal).alias(PROBLEM)
    )
    return data.select(*present, *STATUTORY_RANGE_COLUMNS)


def _stage(value: object) -> str | None:
    return None if missing(value) else str(value)


def _result(found: FineRange) -> _Result:
    for amount in (found.minimum, found.maximum):
        if amount != amount.to_integral_value():
            raise RuleDataError(
                "penalties",
                str(found.citation),
                f"罚款数额 {amount} 不是整数元，批量结果无法精确表示",
            )
    return _Result(int(found.minimum), int(found.maximum), found.law, str(found.citation))


# ---- problems and explanations: the scalar path ---------------------------------------------


def _problems(data: nw.DataFrame[Any], plan: _Plan, bad: nw.Expr) -> nw.Series[Any]:
    """The ``problem`` column: the rows without a fine, each explained once per distinct row."""
    columns = {column: nw.col(column) for column in plan.columns}
    explained: dict[tuple[object, ...], str] = {}
    problems: dict[int, str] = {}
    for position, row in flagged_rows(data, bad, columns):
        key = tuple(hashable(value) for value in row.values())
        if key not in explained:
            explained[key] = _row_problem(row, plan)
        problems[position] = explained[key]
    return problem_column(data, problems)


def _row_problem(values: Mapping[str, object], plan: _Plan) -> str:
    """Why a row has no fine: a cell the readers refuse, or the scalar path's own error, naming
    the column and the value."""
    try:
        arguments = _read_row(values, plan)
    except InvalidInput as error:
        return error_problem(error)
    try:
        statutory_range(**arguments)
    except SafetyRulesError as error:
        return _scalar_problem(error, arguments, plan)
    return "无法确定罚款幅度"


def _scalar_problem(error: SafetyRulesError, arguments: Mapping[str, Any], plan: _Plan) -> str:
    """An error of the scalar path as a problem naming the column and the value it came from."""
    violation_id = arguments["violation_id"]
    occurred = arguments["occurred_on"]
    if isinstance(error, UnknownReference):
        catalogue = "未知的违法行为（见违法行为目录 safetyrules.penalties.violation）"
        return cell_problem(plan.violation, violation_id, catalogue)
    if isinstance(error, NotInForce):
        if error.rule in LAWS:  # no version of the law in force on the day
            return cell_problem(plan.occurred_on, occurred, error.message)
        return cell_problem(plan.violation, violation_id, error.message)
    if not isinstance(error, InvalidInput):
        return cell_problem(plan.violation, violation_id, str(error))
    if error.field == "on":
        return cell_problem(plan.violation, violation_id, f"{error.message}（on = {plan.on}）")
    if error.field in ("when", "stage"):
        return cell_problem(plan.stage_column or "stage", error.value, error.message)
    if error.field == "decided_on" and plan.decided_on is not None:
        context = f"{error.message}（{plan.occurred_on} = {occurred}）"
        return cell_problem(plan.decided_on, error.value, context)
    return cell_problem(plan.violation, violation_id, str(error))


def _read_row(values: Mapping[str, object], plan: _Plan) -> dict[str, Any]:
    """The scalar's arguments for one row, its cells read as the bulk path reads them."""
    raw = values[plan.violation]
    if missing(raw):
        raise InvalidInput(plan.violation, None, "应写明违法行为 id（见违法行为目录）")
    occurred = date_value(plan.occurred_on, values[plan.occurred_on])
    if occurred is None:
        raise InvalidInput(plan.occurred_on, None, "违法行为发生日期必须填写")
    decided = (
        None if plan.decided_on is None else date_value(plan.decided_on, values[plan.decided_on])
    )
    stage = plan.stage if plan.stage_column is None else _stage(values[plan.stage_column])
    return {
        "violation_id": raw if isinstance(raw, str) else str(raw),
        "occurred_on": occurred,
        "decided_on": decided,
        "stage": stage,
        "on": plan.on,
    }


def _range_row(values: Mapping[str, object], plan: _Plan) -> FineRange:
    """The scalar fine of one row."""
    return statutory_range(**_read_row(values, plan))
