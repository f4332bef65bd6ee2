"""Standardization scoring over a whole table (批量标准化自评打分): many enterprises' item
results in one long table, one score per enterprise, the same answers as
:func:`safetyrules.scoring.score` enterprise by enterprise.

**The table.** One row per finding (自评记录): the enterprise, the item (评分项编号) and, for
a deduction, the rule (扣分规则编号) and its count (处数或缺项数; empty means 1). An item
without deductions (符合) is one row with an empty rule; an item with several deductions has
one row per deduction. ``not_applicable`` marks a 缺项 and ``reason`` gives its reason. The
rows of one enterprise and one item make that item's result (:class:`~safetyrules.scoring.
ItemResult`): its deductions are the rows with a rule, it is a 缺项 when any row says so,
and its reason is the non-blank reasons joined with "；". Gate results (必备条件) come in a
second table, ``gates=``: enterprise, gate id, ``met``; a gate with several rows is met only
if every row says so, a row with ``met`` empty is not a confirmation, and a gate without a
row fails, as in the scalar path. The scalar path's rules then apply unchanged: every item
needs a result; a 缺项 needs a reason and takes no deduction; 不得分 counts once; 每缺一项扣分
counts at most its ``parts``; an item charged to its category (类目) passes what it loses
beyond its points on to its element, which stays at 0 or more; 实得分 ÷ (总分减缺项分) × 100
is rounded half up to one decimal.

**Reading the cells.** Item, rule and gate ids are compared as text, exactly (a number in an
id column is read as its text). ``count`` is a whole number of at least 1: an integer column,
a float column holding whole numbers (pandas keeps integers with gaps as floats), or text such
as ``"3"``. ``not_applicable`` and ``met`` are booleans, or text ``true``/``false``/``1``/
``0``/``是``/``否``; empty means no. A ``count`` on a row without a rule is a problem: it
counts nothing.

**How it is computed.** The standard becomes small code tables once per call (item → points,
element, 类目 flag; item and rule → kind, points, parts), every point scaled to an integer by
``10 ** d`` (``d`` the most decimals any point value of the standard has). The rows are joined
to them by lookups and summed in four group-bys — rule totals per item (for the 不得分 and
缺项数 limits), items, elements (for the 类目 charge), enterprises — all in integers, so
``score`` is ``(2000·E + A) // (2·A)`` tenths for 实得分 E and 应得分 A at that scale: half
up, exactly (the scalar's 28-digit decimals agree with it for every 应得分 below 10**22).
The results are floats made from those integers one distinct value at a time by Python's
correctly rounded division, so ``score`` is the nearest double to the scalar's decimal
(polars divides by a constant through its reciprocal, which is not correctly rounded).

Every rule of the scoring is regular enough to vectorise, so no enterprise falls back to the
scalar path: the 类目 charge is a floor on an element sum, the limits are comparisons of rule
totals, the rounding is integer arithmetic. A count so large that its product could leave
64-bit integers is capped first at a value past which every larger count has the same effect.

**Bad enterprises** do not stop the others: their results are null and ``problem`` lists what
is wrong, naming the column and the value (the first five problems, and how many there are).
An enterprise is bad exactly when the scalar path raises for it. Bad rows, items and rule
totals are found by vectorised flags and only they are read back to write their messages in
Python (:func:`~safetyrules.bulk.frames.flagged_rows`); so is the list of items without a
result, for the enterprises that lack some. ``reasons=True`` and :func:`explain_score` run the
scalar path itself.

>>> import polars as pl
>>> from safetyrules.scoring import load_standard
>>> standard = load_standard("general-gbt-33000-2016")
>>> items = [i.id for i in standard.items]
>>> frame = pl.DataFrame({
...     "enterprise": ["甲"] * len(items) + ["乙"] * len(items),
...     "item": items + items,
...     "rule": ["b"] + [None] * (2 * len(items) - 1),
...     "count": [2] + [None] * (2 * len(items) - 1),
... })
>>> scored = score_assessments(frame, standard)
>>> scored.select("enterprise", "earned", "applicable_points", "score").rows()
[('甲', 998.0, 1000.0, 99.8), ('乙', 1000.0, 1000.0, 100.0)]
>>> scored["failed_gates"][0].split("、")[:2]  # no gates frame: no gate is confirmed
['licences', 'safety-management-staffing']
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, TypeVar, cast

import attrs
import narwhals as nw

from safetyrules.bulk.cells import Reading, flags, parse_whole, plain, whole_numbers
from safetyrules.bulk.exact import quotients, scale_of
from safetyrules.bulk.frames import (
    PROBLEM,
    PROBLEM_SEPARATOR,
    as_text,
    cell_problem,
    distinct_text,
    flagged_rows,
    from_frame,
    is_in,
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
from safetyrules.errors import InvalidInput
from safetyrules.scoring.score import ScoringAssessment, _check_serves, score
from safetyrules.scoring.standard import DeductionKind, ScoringStandard, load_standard

FrameT = TypeVar("FrameT")

SCORE_COLUMNS = ("earned", "applicable_points", "score", "failed_gates", PROBLEM)
"""The columns :func:`score_assessments` adds after the enterprise column (自评得分结果列).

``earned`` is 实得分 and ``applicable_points`` 应得分 (总分减缺项分), in the standard's points;
``score`` the 100-point score with one decimal; all three Float64, each the nearest double to
the scalar's exact decimal. ``failed_gates`` the ids of the gates (必备条件) not met, joined
with "、" in the standard's order ("" when all are met); ``problem`` null on a good enterprise,
the reasons on a bad one."""

ELEMENT_COLUMNS = ("element", "element_name", "applicable_points", "earned", "percentage", PROBLEM)
"""The columns :func:`score_elements` adds after the enterprise column (要素小计结果列).

``element`` is the element code (一级要素 by default), ``element_name`` its name;
``applicable_points`` and ``earned`` its 应得分 and 实得分 after 类目 charges; ``percentage``
实得分 ÷ 应得分 × 100 with one decimal, null when every item of the element is a 缺项."""

_KINDS = {DeductionKind.ALL: 0, DeductionKind.PER_OCCURRENCE: 1, DeductionKind.PER_MISSING_PART: 2}


def score_assessments(
    frame: FrameT,
    standard: ScoringStandard | str,
    *,
    enterprise_column: str = "enterprise",
    item_column: str = "item",
    rule_column: str | None = "rule",
    count_column: str | None = "count",
    not_applicable_column: str | None = None,
    reason_column: str | None = None,
    gates: object = None,
    gate_column: str = "gate",
    met_column: str = "met",
    as_of: date | None = None,
    reasons: bool = False,
) -> FrameT:
    """Score every enterprise of a results table (批量自评打分): one row per enterprise.

    ``frame`` holds the item results of many enterprises (see the module docs for its shape);
    ``standard`` is a :class:`~safetyrules.scoring.ScoringStandard` or the id of a packaged
    one. A ``*_column`` keyword names the column holding that field; ``None`` says the frame
    has no such column (no deductions, counts of 1, no 缺项, no reasons). ``gates`` is an
    optional second frame of gate results (``enterprise_column``, ``gate_column``,
    ``met_column``) of the same kind. ``as_of`` is the assessment date: outside the dates the
    standard serves it raises, as the scalar path does. ``reasons=True`` adds the
    :data:`~safetyrules.bulk.REASONS` column, the scalar explanation of each good enterprise
    (at the scalar path's speed).

    The result has the input's kind (pandas, polars, pyarrow or narwhals): the enterprise
    column, then :data:`SCORE_COLUMNS`, one row per enterprise in the order each first
    appears.

    >>> import pandas as pd
    >>> from safetyrules.scoring import load_standard
    >>> standard = load_standard("general-gbt-33000-2016")
    >>> items = [i.id for i in standard.items]
    >>> frame = pd.DataFrame({"enterprise": ["甲"] * len(items), "item": items,
    ...                       "rule": ["a"] + [None] * (len(items) - 1)})
    >>> frame["na"] = frame["item"].isin(["5.7.1-1", "5.7.1-2"])
    >>> frame["why"] = frame["na"].map({True: "评审期内未发生事故", False: None})
    >>> gates = pd.DataFrame({"enterprise": ["甲"] * 5, "gate": [g.id for g in standard.gates],
    ...                       "met": [True] * 5})
    >>> scored = score_assessments(frame, standard, count_column=None,
    ...                            not_applicable_column="na", reason_column="why", gates=gates)
    >>> scored[["earned", "applicable_points", "score", "failed_gates"]].values.tolist()
    [[979.0, 985.0, 99.4, '']]
    >>> frame.loc[0, "why"] = None
    >>> frame.loc[0, "na"] = True
    >>> score_assessments(frame, standard, count_column=None,
    ...                   not_applicable_column="na", reason_column="why")["problem"][0]
    '评分项 5.1.1-1 标为缺项，不能再扣分；评分项 5.1.1-1 标为缺项，须说明理由'
    """
    data = from_frame(frame)
    table, columns = _plan(data, standard, _columns(locals()), as_of, SCORE_COLUMNS, reasons)
    computed = _compute(data, table, columns, gates, explain=reasons)
    out = _totals_frame(computed, table)
    if reasons:
        texts = _reasons(computed, table, columns, as_of, out.get_column(PROBLEM).to_list())
        out = out.with_columns(reasons_column(out, texts))
    return cast(FrameT, to_frame_like(out, frame, new_rows=True))


def score_elements(
    frame: FrameT,
    standard: ScoringStandard | str,
    *,
    top_level: bool = True,
    enterprise_column: str = "enterprise",
    item_column: str = "item",
    rule_column: str | None = "rule",
    count_column: str | None = "count",
    not_applicable_column: str | None = None,
    reason_column: str | None = None,
    as_of: date | None = None,
) -> FrameT:
    """Element subtotals of every enterprise (批量要素小计): one row per enterprise and
    一级要素, as ``by_top_element`` of the scalar assessment (``top_level=False``: per element
    items map to, as ``by_element``).

    Takes the same frame and keywords as :func:`score_assessments` (gates play no part). The
    result has the enterprise column, then :data:`ELEMENT_COLUMNS`; the rows of an enterprise
    follow the standard's element order, enterprises in the order each first appears. A bad
    enterprise has one row per element with null results and its ``problem``.

    >>> import polars as pl
    >>> from safetyrules.scoring import load_standard
    >>> standard = load_standard("general-gbt-33000-2016")
    >>> items = [i.id for i in standard.items]
    >>> frame = pl.DataFrame({"enterprise": ["甲"] * len(items), "item": items,
    ...                       "rule": ["a", "a"] + [None] * (len(items) - 2)})
    >>> tops = score_elements(frame, standard, count_column=None)
    >>> tops.select("element", "element_name", "earned", "percentage").rows()[:2]
    [('5.1', '目标职责', 106.0, 88.3), ('5.2', '制度化管理', 80.0, 100.0)]
    """
    data = from_frame(frame)
    table, columns = _plan(data, standard, _columns(locals()), as_of, ELEMENT_COLUMNS, False)
    computed = _compute(data, table, columns, None)
    elements = _elements_frame(computed, table, top_level)
    return cast(FrameT, to_frame_like(elements, frame, new_rows=True))


def explain_score(
    frame: object,
    standard: ScoringStandard | str,
    enterprise: object,
    *,
    enterprise_column: str = "enterprise",
    item_column: str = "item",
    rule_column: str | None = "rule",
    count_column: str | None = "count",
    not_applicable_column: str | None = None,
    reason_column: str | None = None,
    gates: object = None,
    gate_column: str = "gate",
    met_column: str = "met",
    as_of: date | None = None,
) -> ScoringAssessment:
    """Score one enterprise of the table by the scalar path (单个企业的自评打分及其依据):
    its :class:`~safetyrules.scoring.ScoringAssessment` with every deduction explained, or the
    scalar's own error for a bad enterprise. Same keywords as :func:`score_assessments`.

    >>> import polars as pl
    >>> from safetyrules.scoring import load_standard
    >>> standard = load_standard("general-gbt-33000-2016")
    >>> items = [i.id for i in standard.items]
    >>> frame = pl.DataFrame({"enterprise": ["甲"] * len(items), "item": items,
    ...                       "rule": ["c"] + [None] * (len(items) - 1), "count": [3] * len(items)})
    >>> explain_score(frame, standard, "甲")
    Traceback (most recent call last):
    ...
    safetyrules.errors.InvalidInput: count = '3': rule 为空，处数无所指
    >>> frame = frame.with_columns(count=pl.when(pl.col("rule").is_null()).then(None).otherwise(3))
    >>> a = explain_score(frame, standard, "甲")
    >>> a.score, a.reasons[0].message[:40]
    (Decimal('99.7'), '5.1.1-1 建立安全生产与职业卫生目标管理制度，明确目标的制定、分解、实施、')
    """
    data = from_frame(frame)
    table, columns = _plan(data, standard, _columns(locals()), as_of, SCORE_COLUMNS, False)
    computed = _compute(data, table, columns, gates, explain=True)
    chosen = find_group(computed.firsts, enterprise, argument="enterprise", what="企业")
    items, gates_found = _scalar_rows(computed, chosen)
    results = _scalar_results(items[chosen], gates_found.get(chosen, []), columns)
    return score(table.standard, results, as_of=as_of)


# ---- the plan: the standard as code tables, the columns ----------------------------------


@attrs.frozen
class _Columns:
    enterprise: str
    item: str
    rule: str | None
    count: str | None
    not_applicable: str | None
    reason: str | None
    gate: str
    met: str


def _columns(given: Mapping[str, Any]) -> _Columns:
    return _Columns(
        enterprise=given["enterprise_column"],
        item=given["item_column"],
        rule=given["rule_column"],
        count=given["count_column"],
        not_applicable=given["not_applicable_column"],
        reason=given["reason_column"],
        gate=given.get("gate_column", "gate"),
        met=given.get("met_column", "met"),
    )


@attrs.frozen
class _Standard:
    """A standard as integer code tables: items, rules, elements (评分标准代码表)."""

    standard: ScoringStandard
    scale: int
    total: int
    item_ids: tuple[str, ...]
    points: tuple[int, ...]
    element_of: tuple[int, ...]
    charged: tuple[int, ...]
    elements: tuple[str, ...]
    element_names: tuple[str, ...]
    tops: tuple[str, ...]
    top_names: tuple[str, ...]
    top_of: tuple[int, ...]
    rule_ids: tuple[str, ...]
    kinds: Mapping[int, int]
    rule_points: Mapping[int, int]
    parts: Mapping[int, int]
    rule_labels: Mapping[int, str]
    known_rules: Mapping[int, str]
    cap: int
    gates: tuple[str, ...]


def _standard_table(standard: ScoringStandard) -> _Standard:
    values = [i.points for i in standard.items]
    values += [r.points for i in standard.items for r in i.deductions if r.points is not None]
    scale = scale_of(values)
    skeleton = standard.skeleton
    elements = tuple(dict.fromkeys(i.element for i in standard.items))
    top_codes = {skeleton.top_of(code).code for code in elements}
    tops = tuple(e for e in skeleton.top_level() if e.code in top_codes)
    rule_ids = tuple(dict.fromkeys(r.id for i in standard.items for r in i.deductions))
    kinds: dict[int, int] = {}
    rule_points: dict[int, int] = {}
    parts: dict[int, int] = {}
    labels: dict[int, str] = {}
    for index, item in enumerate(standard.items):
        for rule in item.deductions:
            code = index * len(rule_ids) + rule_ids.index(rule.id)
            kinds[code] = _KINDS[rule.kind]
            rule_points[code] = int(rule.points * scale) if rule.points is not None else 0
            if rule.parts is not None:
                parts[code] = rule.parts
            labels[code] = f"{item.id}.{rule.id}"
    total = int(standard.total * scale)
    return _Standard(
        standard=standard,
        scale=scale,
        total=total,
        item_ids=tuple(i.id for i in standard.items),
        points=tuple(int(i.points * scale) for i in standard.items),
        element_of=tuple(elements.index(i.element) for i in standard.items),
        charged=tuple(int(i.charge_to_category) for i in standard.items),
        elements=elements,
        element_names=tuple(skeleton.element(code).name for code in elements),
        tops=tuple(e.code for e in tops),
        top_names=tuple(e.name for e in tops),
        top_of=tuple([e.code for e in tops].index(skeleton.top_of(c).code) for c in elements),
        rule_ids=rule_ids,
        kinds=kinds,
        rule_points=rule_points,
        parts=parts,
        rule_labels=labels,
        known_rules={
            index: "、".join(r.id for r in item.deductions)
            for index, item in enumerate(standard.items)
        },
        # Any count past this takes as much as a larger one would: a whole item and more
        # than its element holds, more parts than any rule has, more than one 不得分.
        cap=max(2 * total + 1, max(parts.values(), default=0) + 1, 2),
        gates=tuple(g.id for g in standard.gates),
    )


def _plan(
    data: nw.DataFrame[Any],
    standard: ScoringStandard | str,
    columns: _Columns,
    as_of: date | None,
    results: Sequence[str],
    reasons: bool,
) -> tuple[_Standard, _Columns]:
    """Check the keywords, as the scalar path checks its arguments."""
    if isinstance(standard, str):
        standard = load_standard(standard)
    if not isinstance(standard, ScoringStandard):
        raise InvalidInput("standard", standard, "应为 ScoringStandard 或内置评分标准的编号")
    if as_of is not None:
        _check_serves(standard, as_of)
    require_columns(
        data,
        {
            "enterprise_column": columns.enterprise,
            "item_column": columns.item,
            "rule_column": columns.rule,
            "count_column": columns.count,
            "not_applicable_column": columns.not_applicable,
            "reason_column": columns.reason,
        },
    )
    check_key_column("enterprise_column", columns.enterprise, result_names(results, reasons))
    return _standard_table(standard), columns


# ---- reading the cells ------------------------------------------------------------------


# ---- the computation ----------------------------------------------------------------------


@attrs.frozen
class _Names:
    """The working columns (临时列)."""

    row: str
    ent: str
    item: str
    rule_local: str
    rule: str
    kind: str
    count: str
    count_missing: str
    count_bad: str
    na: str
    na_bad: str
    reason_ok: str
    has_rule: str
    deducted: str
    points: str
    element: str
    charged: str
    earned: str
    applicable: str
    over: str
    n: str
    parts: str
    tenths: str
    failed: str
    item_text: str
    rule_text: str
    count_text: str
    na_text: str
    reason_text: str


@attrs.frozen
class _Computed:
    """What the vectorised path found: the enterprises, the read rows, the sums, the problems."""

    names: _Names
    firsts: nw.DataFrame[Any]
    rows: nw.DataFrame[Any]
    elements: nw.DataFrame[Any]
    totals: nw.DataFrame[Any]
    failed: nw.DataFrame[Any] | None
    gate_rows: nw.DataFrame[Any] | None
    gate_names: tuple[str, ...]
    problems: Mapping[int, str]


def _compute(
    data: nw.DataFrame[Any],
    table: _Standard,
    columns: _Columns,
    gates: object,
    *,
    explain: bool = False,
) -> _Computed:
    """Read the rows, sum them level by level, and find every enterprise's problems."""
    n = _Names(*temporary_names(data, len(attrs.fields(_Names))))
    rows = _read(data, table, columns, n, explain=explain)
    # One row per enterprise, in the order each first appears; its code is that row's index.
    firsts = first_rows(rows, n.row, n.ent, columns.enterprise)
    problems: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    _row_problems(rows, table, columns, n, problems)

    # Items: one row per enterprise and item of the standard.
    items = (
        rows.filter(nw.col(n.item) >= 0)
        .group_by(n.ent, n.item)
        .agg(
            nw.col(n.deducted).sum(),
            nw.col(n.na).max(),
            nw.col(n.has_rule).max(),
            nw.col(n.reason_ok).max(),
        )
    )
    items = items.with_columns(
        lookup_integer(nw.col(n.item), table.points, 0).alias(n.points),
        lookup_integer(nw.col(n.item), table.element_of, 0).alias(n.element),
        lookup_integer(nw.col(n.item), table.charged, 0).alias(n.charged),
    )
    na = nw.col(n.na)
    points = nw.col(n.points)
    deducted = nw.col(n.deducted)
    items = items.with_columns(
        nw.when(na).then(0).otherwise((points - deducted).clip(lower_bound=0)).alias(n.earned),
        nw.when(na).then(0).otherwise(points).alias(n.applicable),
        nw.when(~na & (nw.col(n.charged) == 1) & (deducted > points))
        .then(deducted - points)
        .otherwise(0)
        .alias(n.over),
    )
    flag = na & (nw.col(n.has_rule) | ~nw.col(n.reason_ok))
    values = {
        "ent": nw.col(n.ent),
        "item": nw.col(n.item),
        "has_rule": nw.col(n.has_rule),
        "reason_ok": nw.col(n.reason_ok),
    }
    for _, found in flagged_rows(items, flag, values):
        ent, item = int(found["ent"]), int(found["item"])
        item_id = table.item_ids[item]
        if found["has_rule"]:
            problems[ent].append((1, item, f"评分项 {item_id} 标为缺项，不能再扣分"))
        if not found["reason_ok"]:
            problems[ent].append((1, item, f"评分项 {item_id} 标为缺项，须说明理由"))

    # Rule totals: 不得分 counts once; 每缺一项扣分 at most its parts.
    rules = rows.filter(nw.col(n.kind) >= 0).group_by(n.ent, n.rule).agg(nw.col(n.count).sum())
    rules = rules.with_columns(
        lookup_integer(nw.col(n.rule), table.kinds, 0).alias(n.kind),
        lookup_integer(nw.col(n.rule), table.parts, 0).alias(n.parts),
    )
    kind, total = nw.col(n.kind), nw.col(n.count)
    flag = ((kind == 0) & (total != 1)) | ((kind == 2) & (total > nw.col(n.parts)))
    values = {"ent": nw.col(n.ent), "rule": nw.col(n.rule), "total": total}
    for _, found in flagged_rows(rules, flag, values):
        code = int(found["rule"])
        label = f"{table.rule_labels[code]}.count = {int(found['total'])}"
        if table.kinds[code] == 0:
            message = f"{label}：“不得分”规则只能计一次"
        else:
            message = f"{label}：该规则最多可缺 {table.parts[code]} 项"
        problems[int(found["ent"])].append((2, code, message))

    # Elements (the 类目 charge, floored at 0), then enterprises.
    elements = items.group_by(n.ent, n.element).agg(
        nw.col(n.earned).sum(),
        nw.col(n.applicable).sum(),
        nw.col(n.over).sum(),
        nw.len().alias(n.n),
    )
    elements = elements.with_columns(
        (nw.col(n.earned) - nw.col(n.over)).clip(lower_bound=0).alias(n.earned)
    )
    totals = elements.group_by(n.ent).agg(
        nw.col(n.earned).sum(), nw.col(n.applicable).sum(), nw.col(n.n).sum()
    )
    _enterprise_problems(firsts, items, totals, table, n, problems)

    failed = gate_rows = None
    gate_names: tuple[str, ...] = ()
    if gates is not None:
        failed, gate_rows, gate_names = _gates(
            gates, data, firsts, table, columns, n, problems, explain=explain
        )
    return _Computed(
        names=n,
        firsts=firsts,
        rows=rows,
        elements=elements,
        totals=totals,
        failed=failed,
        gate_rows=gate_rows,
        gate_names=gate_names,
        problems=group_problems(problems),
    )


def _read(
    data: nw.DataFrame[Any], table: _Standard, columns: _Columns, n: _Names, *, explain: bool
) -> nw.DataFrame[Any]:
    """Every row read into integer codes and its deduction at the standard's scale (逐行读取)."""
    rows = group_codes(data, columns.enterprise, n.row, n.ent)
    item_text = as_text(data, columns.item)
    rule_text = as_text(data, columns.rule) if columns.rule is not None else None
    if columns.count is not None:
        count = whole_numbers(data, columns.count, minimum=1, cap=table.cap, fill=1)
    else:
        count = Reading(nw.lit(1, nw.Int64), nw.lit(value=True), nw.lit(value=False))
    if columns.not_applicable is not None:
        na = flags(data, columns.not_applicable)
    else:
        na = Reading(nw.lit(value=False), nw.lit(value=True), nw.lit(value=False))
    if columns.reason is not None:
        reason_text = as_text(data, columns.reason)
        written = [t for t in distinct_text(data, reason_text) if t.strip()]
        reason_ok = is_in(reason_text, written)
    else:
        reason_ok = nw.lit(value=False)
    local = (
        lookup_integer(rule_text, {rule: i for i, rule in enumerate(table.rule_ids)}, -1)
        if rule_text is not None
        else nw.lit(-1, nw.Int64)
    )
    stage = [
        lookup_integer(item_text, {item: i for i, item in enumerate(table.item_ids)}, -1).alias(
            n.item
        ),
        local.alias(n.rule_local),
        count.value.alias(n.count),
        count.missing.alias(n.count_missing),
        count.bad.alias(n.count_bad),
        na.value.alias(n.na),
        na.bad.alias(n.na_bad),
        reason_ok.alias(n.reason_ok),
        (~rule_text.is_null() if rule_text is not None else nw.lit(value=False)).alias(n.has_rule),
    ]
    if explain:
        stage.append(item_text.alias(n.item_text))
        if rule_text is not None:
            stage.append(rule_text.alias(n.rule_text))
        if columns.count is not None:
            stage.append(as_text(data, columns.count).alias(n.count_text))
        if columns.not_applicable is not None:
            stage.append(as_text(data, columns.not_applicable).alias(n.na_text))
        if columns.reason is not None:
            stage.append(as_text(data, columns.reason).alias(n.reason_text))
    rows = rows.with_columns(stage)
    item, local_code = nw.col(n.item), nw.col(n.rule_local)
    rows = rows.with_columns(
        nw.when((item >= 0) & (local_code >= 0))
        .then(item * len(table.rule_ids) + local_code)
        .otherwise(-1)
        .cast(nw.Int64)
        .alias(n.rule)
    )
    rows = rows.with_columns(lookup_integer(nw.col(n.rule), table.kinds, -1).alias(n.kind))
    kind = nw.col(n.kind)
    deducted = (
        nw.when(kind == 0)
        .then(lookup_integer(nw.col(n.item), table.points, 0))
        .when(kind > 0)
        .then(lookup_integer(nw.col(n.rule), table.rule_points, 0) * nw.col(n.count))
        .otherwise(0)
    )
    return rows.with_columns(deducted.fill_null(0).cast(nw.Int64).alias(n.deducted))


def _row_problems(
    rows: nw.DataFrame[Any],
    table: _Standard,
    columns: _Columns,
    n: _Names,
    problems: dict[int, list[tuple[int, int, str]]],
) -> None:
    """The problems of single rows: found by one vectorised flag, written in Python."""
    enterprise_missing = nw.col(columns.enterprise).is_null()
    item_missing = nw.col(columns.item).is_null()
    item, kind, has_rule = nw.col(n.item), nw.col(n.kind), nw.col(n.has_rule)
    count_stray = ~nw.col(n.count_missing) & ~nw.col(n.count_bad) & ~has_rule
    flag = (
        enterprise_missing
        | (item < 0)
        | (has_rule & (item >= 0) & (kind < 0))
        | nw.col(n.count_bad)
        | count_stray
        | nw.col(n.na_bad)
    )
    values = {
        "ent": nw.col(n.ent),
        "enterprise_missing": enterprise_missing,
        "item_missing": item_missing,
        "item": as_text(rows, columns.item),
        "item_code": item,
        "kind": kind,
        "has_rule": has_rule,
        "count_bad": nw.col(n.count_bad),
        "count_stray": count_stray,
        "na_bad": nw.col(n.na_bad),
    }
    if columns.rule is not None:
        values["rule"] = as_text(rows, columns.rule)
    if columns.count is not None:
        values["count"] = as_text(rows, columns.count)
    if columns.not_applicable is not None:
        values["na"] = as_text(rows, columns.not_applicable)
    for position, found in flagged_rows(rows, flag, values):
        messages = []
        if found["enterprise_missing"]:
            messages.append(cell_problem(columns.enterprise, None, "每行须写明所属企业"))
        if found["item_missing"]:
            messages.append(cell_problem(columns.item, None, "每行须写明评分项编号"))
        elif found["item_code"] < 0:
            messages.append(
                cell_problem(
                    columns.item, found["item"], f"评分标准 {table.standard.id} 中没有这一评分项"
                )
            )
        elif found["has_rule"] and found["kind"] < 0:
            known = table.known_rules[int(found["item_code"])]
            messages.append(
                cell_problem(
                    str(columns.rule),
                    found["rule"],
                    f"评分项 {found['item']} 没有这一扣分规则（已有：{known}）",
                )
            )
        if found["count_bad"]:
            messages.append(cell_problem(str(columns.count), found["count"], "扣分处数应为正整数"))
        if found["count_stray"]:
            messages.append(
                cell_problem(
                    str(columns.count), found["count"], f"{columns.rule or 'rule'} 为空，处数无所指"
                )
            )
        if found["na_bad"]:
            messages.append(
                cell_problem(str(columns.not_applicable), found["na"], "应为 true 或 false")
            )
        problems[int(found["ent"])].append((0, position, PROBLEM_SEPARATOR.join(messages)))


def _enterprise_problems(
    firsts: nw.DataFrame[Any],
    items: nw.DataFrame[Any],
    totals: nw.DataFrame[Any],
    table: _Standard,
    n: _Names,
    problems: dict[int, list[tuple[int, int, str]]],
) -> None:
    """Items without a result (listed in Python, for the enterprises that lack some) and
    enterprises whose items are all 缺项."""
    every = [int(c) for c in firsts.get_column(n.ent).to_list()]
    present = dict(
        zip(
            [int(c) for c in totals.get_column(n.ent).to_list()],
            [int(c) for c in totals.get_column(n.n).to_list()],
            strict=True,
        )
    )
    short = [code for code in every if present.get(code, 0) < len(table.item_ids)]
    if short:
        found = items.filter(nw.col(n.ent).is_in(short)).select(n.ent, n.item)
        seen: dict[int, set[int]] = defaultdict(set)
        for code, item in zip(
            found.get_column(n.ent).to_list(), found.get_column(n.item).to_list(), strict=True
        ):
            seen[int(code)].add(int(item))
        for code in short:
            lacking = [i for i in range(len(table.item_ids)) if i not in seen[code]]
            shown = "、".join(table.item_ids[i] for i in lacking[:10])
            shown += "等" if len(lacking) > 10 else ""
            problems[code].append((3, 0, f"{len(lacking)} 项评分项没有自评结果：{shown}"))
    empty = totals.filter((nw.col(n.n) == len(table.item_ids)) & (nw.col(n.applicable) == 0))
    for code in empty.get_column(n.ent).to_list():
        problems[int(code)].append((3, 1, "所有评分项都是缺项，无法计算得分"))


def _gates(
    gates: object,
    data: nw.DataFrame[Any],
    firsts: nw.DataFrame[Any],
    table: _Standard,
    columns: _Columns,
    n: _Names,
    problems: dict[int, list[tuple[int, int, str]]],
    *,
    explain: bool,
) -> tuple[nw.DataFrame[Any], nw.DataFrame[Any] | None, tuple[str, ...]]:
    """The gates frame: each enterprise's failed gates (ids joined with "、"), its problems,
    and for explanations the rows as read."""
    found = from_frame(gates, argument="gates")
    if found.implementation is not data.implementation:
        raise InvalidInput("gates", type(gates).__name__, "应与 frame 为同一种数据框")
    require_columns(
        found,
        {
            "enterprise_column": columns.enterprise,
            "gate_column": columns.gate,
            "met_column": columns.met,
        },
    )
    if found.schema[columns.enterprise] != data.schema[columns.enterprise]:
        raise InvalidInput(
            "gates",
            str(found.schema[columns.enterprise]),
            f"{columns.enterprise} 列的类型应与 frame 相同（{data.schema[columns.enterprise]}）",
        )
    taken = set(found.columns)
    spare = temporary_names(data, 2 * len(table.gates) + 5 + len(taken) + len(attrs.fields(_Names)))
    gate, met, met_bad, gate_text, met_text, *indicator_names = [
        t for t in spare if t not in taken
    ][len(attrs.fields(_Names)) :]
    known = {
        plain(k): int(c)
        for k, c in zip(
            firsts.get_column(columns.enterprise).to_list(),
            firsts.get_column(n.ent).to_list(),
            strict=True,
        )
        if not missing(k)
    }
    joined = (
        found.with_row_index(n.row)
        .with_columns(lookup_integer(nw.col(columns.enterprise), known, -1).alias(n.ent))
        .filter(nw.col(n.ent) >= 0)
    )
    text = as_text(joined, columns.gate)
    reading = flags(joined, columns.met)
    joined = joined.with_columns(
        lookup_integer(text, {g: i for i, g in enumerate(table.gates)}, -1).alias(gate),
        reading.value.alias(met),
        reading.bad.alias(met_bad),
        text.alias(gate_text),
        as_text(joined, columns.met).alias(met_text),
    )
    values = {
        "ent": nw.col(n.ent),
        "gate_missing": nw.col(columns.gate).is_null(),
        "gate": nw.col(gate_text),
        "met_bad": nw.col(met_bad),
        "met": nw.col(met_text),
    }
    for position, row in flagged_rows(joined, (nw.col(gate) < 0) | nw.col(met_bad), values):
        messages = []
        if row["gate_missing"]:
            messages.append(cell_problem(columns.gate, None, "必备条件结果须写明必备条件编号"))
        elif row["gate"] not in table.gates:
            messages.append(
                cell_problem(
                    columns.gate, row["gate"], f"评分标准 {table.standard.id} 中没有这一必备条件"
                )
            )
        if row["met_bad"]:
            messages.append(cell_problem(columns.met, row["met"], "应为 true 或 false"))
        problems[int(row["ent"])].append((4, position, PROBLEM_SEPARATOR.join(messages)))
    kept = joined.select(n.ent, n.row, gate_text, met, met_bad, met_text) if explain else None
    if not table.gates:
        failed = joined.select(n.ent).unique().with_columns(nw.lit("").alias(n.failed))
        return failed, kept, (gate_text, met, met_bad, met_text)
    indicators = []
    for index in range(len(table.gates)):
        is_gate = nw.col(gate) == index
        indicators.append(is_gate.cast(nw.Int64).alias(indicator_names[2 * index]))
        indicators.append(
            (is_gate & ~nw.col(met)).cast(nw.Int64).alias(indicator_names[2 * index + 1])
        )
    per = (
        joined.with_columns(indicators)
        .group_by(n.ent)
        .agg(*[nw.col(name).max() for name in indicator_names[: 2 * len(table.gates)]])
    )
    # A gate fails without a row, or with a row that does not say it is met.
    parts = [
        nw.when(
            (nw.col(indicator_names[2 * i]) == 0) | (nw.col(indicator_names[2 * i + 1]) == 1)
        ).then(nw.lit(gate_id))
        for i, gate_id in enumerate(table.gates)
    ]
    text_failed = (
        parts[0] if len(parts) == 1 else nw.concat_str(parts, separator="、", ignore_nulls=True)
    )
    failed = per.select(n.ent, text_failed.fill_null("").alias(n.failed))
    return failed, kept, (gate_text, met, met_bad, met_text)


def _totals_frame(computed: _Computed, table: _Standard) -> nw.DataFrame[Any]:
    """One row per enterprise: the score columns."""
    n = computed.names
    key = computed.firsts.columns[1]
    parts = [computed.totals] if computed.failed is None else [computed.totals, computed.failed]
    out = by_code(computed.firsts, n.ent, *parts)
    all_gates = "、".join(table.gates)
    failed = (
        nw.col(n.failed).fill_null(all_gates)
        if computed.failed is not None
        else nw.lit(all_gates, nw.String)
    )
    out = out.with_columns(
        nw.col(n.earned).fill_null(0).cast(nw.Int64),
        nw.col(n.applicable).fill_null(0).cast(nw.Int64),
        failed.alias(n.failed),
    )
    out = out.with_columns(_tenths(n.earned, n.applicable).alias(n.tenths))
    out = out.with_columns(group_problem_column(out, n.ent, computed.problems))
    good = nw.col(PROBLEM).is_null()
    out = out.with_columns(
        nw.when(good).then(quotients(out, n.earned, table.scale)).alias("earned"),
        nw.when(good).then(quotients(out, n.applicable, table.scale)).alias("applicable_points"),
        nw.when(good).then(quotients(out, n.tenths, 10)).alias("score"),
        nw.when(good).then(nw.col(n.failed)).cast(nw.String).alias("failed_gates"),
    )
    return out.select(key, *SCORE_COLUMNS)


def _tenths(earned: str, applicable: str) -> nw.Expr:
    """实得分 ÷ 应得分 × 100 in tenths, rounded half up: ⌊(2000·E + A) ÷ 2A⌋ (null for A = 0)."""
    e, a = nw.col(earned), nw.col(applicable)
    safe = nw.when(a > 0).then(a).otherwise(1)
    return nw.when(a > 0).then((e * 2000 + a) // (safe * 2))


def _elements_frame(computed: _Computed, table: _Standard, top_level: bool) -> nw.DataFrame[Any]:
    """One row per enterprise and element: the element columns."""
    n = computed.names
    key = computed.firsts.columns[1]
    elements = computed.elements
    if top_level:
        codes, labels = table.tops, table.top_names
        elements = (
            elements.with_columns(
                lookup_integer(nw.col(n.element), table.top_of, 0).alias(n.element)
            )
            .group_by(n.ent, n.element)
            .agg(nw.col(n.earned).sum(), nw.col(n.applicable).sum())
        )
    else:
        codes, labels = table.elements, table.element_names
    grid = nw.from_dict(
        {n.element: list(range(len(codes))), "element": list(codes), "element_name": list(labels)},
        backend=computed.firsts.implementation,
    ).with_columns(nw.col(n.element).cast(nw.Int64))
    out = (
        computed.firsts.select(n.ent)
        .join(grid, how="cross")
        .join(
            elements.select(n.ent, n.element, n.earned, n.applicable),
            on=[n.ent, n.element],
            how="left",
        )
        .sort(n.ent, n.element)
    )
    # The key by position, each enterprise's repeated once per element.
    keys = computed.firsts.get_column(key)
    out = out.with_columns(
        keys[[i for i in range(len(keys)) for _ in codes]],
        nw.col(n.earned).fill_null(0).cast(nw.Int64),
        nw.col(n.applicable).fill_null(0).cast(nw.Int64),
    )
    out = out.with_columns(_tenths(n.earned, n.applicable).alias(n.tenths))
    out = out.with_columns(group_problem_column(out, n.ent, computed.problems))
    good = nw.col(PROBLEM).is_null()
    out = out.with_columns(
        nw.when(good).then(quotients(out, n.applicable, table.scale)).alias("applicable_points"),
        nw.when(good).then(quotients(out, n.earned, table.scale)).alias("earned"),
        nw.when(good).then(quotients(out, n.tenths, 10)).alias("percentage"),
    )
    return out.select(key, *ELEMENT_COLUMNS)


# ---- the scalar path: explanations ----------------------------------------------------------


def _scalar_rows(
    computed: _Computed, code: int | None = None
) -> tuple[dict[int, list[dict[str, Any]]], dict[int, list[dict[str, Any]]]]:
    """The read rows by enterprise code (every enterprise's, or one's), as Python dicts keyed
    by field: item, rule, count, na, reason … and for gates: gate, met …"""
    n = computed.names
    fields = {
        n.item_text: "item",
        n.rule_text: "rule",
        n.count_missing: "count_missing",
        n.count_bad: "count_bad",
        n.count_text: "count_text",
        n.na: "na",
        n.na_bad: "na_bad",
        n.na_text: "na_text",
        n.reason_text: "reason",
    }
    rows = computed.rows
    if code is not None:
        rows = rows.filter(nw.col(n.ent) == code)
    present = [c for c in fields if c in rows.columns]
    items: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in rows.select(n.ent, *present).iter_rows(named=True):
        items[int(row[n.ent])].append({fields[c]: plain(row[c]) for c in present})
    gates: dict[int, list[dict[str, Any]]] = defaultdict(list)
    if computed.gate_rows is not None:
        gate_fields = dict(
            zip(computed.gate_names, ("gate", "met", "met_bad", "met_text"), strict=True)
        )
        gate_rows = computed.gate_rows
        if code is not None:
            gate_rows = gate_rows.filter(nw.col(n.ent) == code)
        for row in gate_rows.sort(n.row).iter_rows(named=True):
            gates[int(row[n.ent])].append({gate_fields[c]: plain(row[c]) for c in gate_fields})
    return items, gates


def _scalar_results(
    item_rows: Sequence[Mapping[str, Any]],
    gate_rows: Sequence[Mapping[str, Any]],
    columns: _Columns,
) -> list[Mapping[str, object]]:
    """One enterprise's rows as the scalar path's results (dicts of the fields of ItemResult
    and GateResult, which the scalar path checks), raising for a cell the reading refuses."""
    items: dict[object, dict[str, Any]] = {}
    for row in item_rows:
        count_text = row.get("count_text")
        if row.get("count_bad"):
            raise InvalidInput(str(columns.count), count_text, "扣分处数应为正整数")
        if row.get("na_bad"):
            raise InvalidInput(
                str(columns.not_applicable), row.get("na_text"), "应为 true 或 false"
            )
        rule = row.get("rule")
        if count_text is not None and not row.get("count_missing") and rule is None:
            raise InvalidInput(
                str(columns.count), count_text, f"{columns.rule or 'rule'} 为空，处数无所指"
            )
        item = row.get("item")
        entry = items.setdefault(
            item, {"item": item, "deductions": [], "not_applicable": False, "reasons": []}
        )
        if rule is not None:
            count = 1
            if count_text is not None and not row.get("count_missing"):
                count = cast(int, parse_whole(count_text, 1, 2**63))
            entry["deductions"].append({"rule": rule, "count": count})
        entry["not_applicable"] = entry["not_applicable"] or bool(row.get("na"))
        reason = row.get("reason")
        if isinstance(reason, str) and reason.strip():
            entry["reasons"].append(reason)
    results: list[Mapping[str, object]] = [
        {
            "item": entry["item"],
            "deductions": entry["deductions"],
            "not_applicable": entry["not_applicable"],
            "reason": "；".join(entry["reasons"]) or None,
        }
        for entry in items.values()
    ]
    gates: dict[object, bool] = {}
    for row in gate_rows:
        if row.get("met_bad"):
            raise InvalidInput(columns.met, row.get("met_text"), "应为 true 或 false")
        gate = row.get("gate")
        gates[gate] = gates.get(gate, True) and bool(row.get("met"))
    results += [{"gate": gate, "met": met} for gate, met in gates.items()]
    return results


def _reasons(
    computed: _Computed,
    table: _Standard,
    columns: _Columns,
    as_of: date | None,
    problems: Sequence[object],
) -> list[str | None]:
    """The scalar explanation of every good enterprise, in the output's order."""
    items, gates = _scalar_rows(computed)
    codes = sorted(int(c) for c in computed.firsts.get_column(computed.names.ent).to_list())
    texts: list[str | None] = []
    for code, problem in zip(codes, problems, strict=True):
        if not missing(problem):
            texts.append(None)
            continue
        results = _scalar_results(items[code], gates.get(code, []), columns)
        texts.append(score(table.standard, results, as_of=as_of).explanation.text())
    return texts
