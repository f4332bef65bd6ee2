"""Tests of safetyrules.bulk.scoring: standardization scoring over whole frames (批量自评打分).

The bulk path must give every enterprise what :func:`safetyrules.scoring.score` gives it: a
hypothesis property over random results tables (polars, pandas, pyarrow) for the shipped general
standard and a small hand-built standard with every rule kind (不得分, 每处扣分, 每缺一项扣分 with
its parts), half-point values, a 类目 item, 缺项 and gates; the expected result of each
enterprise is built here from the rows by the reading rules the module documents, then scored by
the scalar path. Then the frame conventions, the problems, the explanations and the per-element
subtotals.

Golden cases, by hand (the calculations of tests/scoring/test_score.py, on its 100-point
standard A 10 / B 20 类目 / C 30 / D 40): B 缺项 → 应得分 80; A 不得分 (-10) and C 3 × 3 (-9) →
实得分 61; 61 ÷ 80 × 100 = 76.25 → 76.3 half up (banker's rounding would give 76.2). B charged
6 × 5 = 30, 10 over its 20 → element 5.1.2 = 0 + 30 - 10 = 20, score 70.0. D 缺项 and A 2 × 2 →
56 ÷ 60 × 100 = 93.333… → 93.3.
"""

from __future__ import annotations

import pickle
from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

import narwhals as nw
import pandas as pd
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safetyrules.bulk import (
    ELEMENT_COLUMNS,
    PROBLEM,
    REASONS,
    SCORE_COLUMNS,
    explain_score,
    score_assessments,
    score_elements,
)
from safetyrules.errors import InvalidInput, NotInForce, SafetyRulesError, UnknownReference
from safetyrules.scoring import (
    DeductionRule,
    ScoringAssessment,
    ScoringItem,
    ScoringStandard,
    load_standard,
    score,
)
from tests.bulk.support import BACKENDS, FRAME_EXAMPLES, MAX_ROWS, rows_of

GENERAL = load_standard("general-gbt-33000-2016")


def _item(
    item_id: str, element: str, points: str, *rules: DeductionRule, category: bool = False
) -> ScoringItem:
    return ScoringItem(
        id=item_id,
        element=element,
        content=f"考评内容{item_id}",
        points=points,
        charge_to_category=category,
        deductions=(DeductionRule(id="a", kind="all", text="缺失的，不得分"), *rules),
    )


# A hand-built standard of 40 points: every rule kind, half points, a 类目 item, two gates.
SMALL = ScoringStandard(
    id="bulk-test",
    name="批量打分测试评分标准",
    edition="gbt-33000-2016",
    total="40",
    official=False,
    confidence="unverified",
    items=(
        _item(
            "A",
            "5.1.1",
            "10",
            DeductionRule(id="b", kind="per_occurrence", points="0.5", text="每处扣0.5分"),
            DeductionRule(
                id="c", kind="per_missing_part", points="2", parts=3, text="每缺一项扣2分"
            ),
        ),
        _item(
            "B",
            "5.1.2",
            "7.5",
            DeductionRule(id="b", kind="per_occurrence", points="2.5", text="每处扣2.5分"),
            category=True,
        ),
        _item(
            "C",
            "5.1.2",
            "12.5",
            DeductionRule(id="b", kind="per_occurrence", points="1", text="每处扣1分"),
        ),
        _item(
            "D",
            "5.2.1",
            "10",
            DeductionRule(
                id="c", kind="per_missing_part", points="5", parts=2, text="每缺一项扣5分"
            ),
        ),
    ),
    gates=({"id": "licence", "text": "许可有效"}, {"id": "no-accident", "text": "无死亡事故"}),
)

# tests/scoring/test_score.py's standard, rebuilt here: A 10, B 20 (类目), C 30, D 40.
HAND = ScoringStandard(
    id="test",
    name="测试评分标准",
    edition="gbt-33000-2016",
    total=100,
    official=False,
    confidence="unverified",
    items=(
        _item(
            "A",
            "5.1.1",
            "10",
            DeductionRule(id="b", kind="per_occurrence", points=2, text="每处扣2分"),
            DeductionRule(id="c", kind="per_missing_part", points=1, parts=4, text="每缺一项扣1分"),
        ),
        _item(
            "B",
            "5.1.2",
            "20",
            DeductionRule(id="b", kind="per_occurrence", points=5, text="每处扣5分"),
            category=True,
        ),
        _item(
            "C",
            "5.1.2",
            "30",
            DeductionRule(id="b", kind="per_occurrence", points=3, text="每处扣3分"),
        ),
        _item(
            "D",
            "5.2.1",
            "40",
            DeductionRule(id="b", kind="per_occurrence", points=4, text="每处扣4分"),
        ),
    ),
)


# ---- the scalar expectation, from the documented reading of the rows ----------------------


class ReadingError(Exception):
    """A cell the table reading refuses (a bad count, a count without a rule, a bad flag)."""


def flag_of(value: object) -> bool:
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in ("true", "1", "是"):
        return True
    if word in ("false", "0", "否", ""):
        return False
    raise ReadingError(value)


def count_of(value: object) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    number = Decimal(str(value).strip())
    if number != number.to_integral_value() or number < 1:
        raise ReadingError(value)
    return int(number)


def scalar_results(
    rows: Sequence[Mapping[str, Any]], gates: Sequence[Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """One enterprise's rows as the scalar's results, as the module's docs describe."""
    items: dict[object, dict[str, Any]] = {}
    for row in rows:
        count = count_of(row.get("count"))
        if count is not None and row.get("rule") is None:
            raise ReadingError("count without a rule")
        na = flag_of(row.get("na"))
        entry = items.setdefault(
            row["item"], {"item": row["item"], "deductions": [], "na": False, "reasons": []}
        )
        if row.get("rule") is not None:
            entry["deductions"].append({"rule": row["rule"], "count": count or 1})
        entry["na"] = entry["na"] or na
        if isinstance(row.get("reason"), str) and row["reason"].strip():
            entry["reasons"].append(row["reason"])
    results: list[dict[str, Any]] = [
        {
            "item": e["item"],
            "deductions": e["deductions"],
            "not_applicable": e["na"],
            "reason": "；".join(e["reasons"]) or None,
        }
        for e in items.values()
    ]
    met: dict[object, bool] = {}
    for row in gates:
        met[row["gate"]] = met.get(row["gate"], True) and flag_of(row.get("met"))
    results += [{"gate": gate, "met": value} for gate, value in met.items()]
    return results


def expected(
    standard: ScoringStandard,
    rows: Sequence[Mapping[str, Any]],
    gates: Sequence[Mapping[str, Any]],
) -> ScoringAssessment | Exception:
    try:
        return score(standard, scalar_results(rows, gates))
    except (SafetyRulesError, ReadingError) as error:
        return error


def assert_agrees(
    standard: ScoringStandard,
    inputs: Sequence[Mapping[str, Any]],
    gates: Sequence[Mapping[str, Any]] | None,
    scored: Any,
) -> None:
    """Every enterprise's row equals the scalar; an enterprise is bad exactly when it raises."""
    out = rows_of(scored)
    order = list(dict.fromkeys(row["enterprise"] for row in inputs))
    assert [row["enterprise"] for row in out] == order
    texts = {g.text: g.id for g in standard.gates}
    for row in out:
        mine = [r for r in inputs if r["enterprise"] == row["enterprise"]]
        theirs = [g for g in gates or [] if g["enterprise"] == row["enterprise"]]
        result = expected(standard, mine, theirs)
        if isinstance(result, Exception):
            assert row[PROBLEM], (row, result)
            assert all(row[c] is None for c in SCORE_COLUMNS if c != PROBLEM), row
            continue
        assert row[PROBLEM] is None, (row, mine)
        assert row["earned"] == float(result.earned)
        assert row["applicable_points"] == float(result.applicable_points)
        assert row["score"] == float(result.score)
        assert Decimal(repr(row["score"])) == result.score
        assert row["failed_gates"] == "、".join(texts[t] for t in result.failed_gates)


# ---- the property: bulk and scalar agree on random tables ------------------------------------


@st.composite
def tables(
    draw: st.DrawFn, standard: ScoringStandard
) -> tuple[list[dict[str, Any]], list[dict[str, Any]] | None]:
    """Result rows of several enterprises: every item compliant but a few drawn ones, which get
    deductions (up to past their points and parts), a 缺项, or — in a bad enterprise — a bad
    cell, an unknown item or rule, or no result at all. Up to as many enterprises as make about
    :data:`MAX_ROWS` rows, and at least three."""
    rows: list[dict[str, Any]] = []
    gates: list[dict[str, Any]] = []
    count_kind = draw(st.sampled_from(["int", "text"]))
    choices = ["deduct", "deduct", "deduct", "na"]
    most = max(3, MAX_ROWS // len(standard.items))
    for enterprise in range(draw(st.integers(min_value=1, max_value=most))):
        name = f"企业{enterprise}"
        bad = draw(st.sampled_from([False, False, True]))
        special: dict[int, list[str]] = {}
        for _ in range(draw(st.integers(min_value=0, max_value=6))):
            index = draw(st.integers(min_value=0, max_value=len(standard.items) - 1))
            choice = draw(st.sampled_from(choices + (["missing", "bad"] if bad else [])))
            special.setdefault(index, []).append(choice)
        for index, item in enumerate(standard.items):
            base = {"enterprise": name, "item": item.id, "rule": None, "count": None}
            base |= {"na": None, "reason": None}
            found = special.get(index, ["ok"])
            if "missing" in found:
                continue
            for choice in found:
                if choice == "ok":
                    rows.append(base)
                elif choice == "deduct":
                    rule = draw(st.sampled_from(item.deductions))
                    top = (rule.parts or 8) + (1 if bad else 0)
                    count = draw(st.sampled_from([None, *range(1, top + 1)]))
                    if rule.kind.key == "all" and not bad:
                        count = draw(st.sampled_from([None, 1]))
                    rows.append({**base, "rule": rule.id, "count": count})
                elif choice == "na":
                    reasons = ["不涉及", "无此业务"] + (["", "  ", None] if bad else [])
                    rows.append({**base, "na": True, "reason": draw(st.sampled_from(reasons))})
                else:
                    rows.append(
                        draw(
                            st.sampled_from(
                                [
                                    {**base, "item": "no-such-item"},
                                    {**base, "rule": "zz"},
                                    {**base, "rule": item.deductions[0].id, "count": 0},
                                    {**base, "count": 2},
                                    {**base, "na": True, "reason": "不涉及", "rule": "a"},
                                ]
                            )
                        )
                    )
        for gate in standard.gates:
            for met in draw(st.lists(st.sampled_from([True, False, None]), max_size=2)):
                gates.append({"enterprise": name, "gate": gate.id, "met": met})
        if bad and draw(st.booleans()):
            gates.append({"enterprise": name, "gate": "no-such-gate", "met": True})
    order = draw(st.permutations(range(len(rows))))
    rows = [rows[i] for i in order]
    if count_kind == "text":
        rows = [{**r, "count": None if r["count"] is None else str(r["count"])} for r in rows]
    return rows, (gates if gates and draw(st.booleans()) else None)


def frame_of(backend: str, rows: Sequence[Mapping[str, Any]], names: Sequence[str]) -> Any:
    return BACKENDS[backend]({name: [r[name] for r in rows] for name in names})


ROW_COLUMNS = ("enterprise", "item", "rule", "count", "na", "reason")


@settings(max_examples=FRAME_EXAMPLES)  # a whole frame of many rows per example: see support
@given(data=st.data())
def test_small_standard_agrees_with_scalar(data: st.DataObject) -> None:
    backend = data.draw(st.sampled_from(sorted(BACKENDS)))
    rows, gates = data.draw(tables(SMALL))
    frame = frame_of(backend, rows, ROW_COLUMNS)
    gate_frame = None if gates is None else frame_of(backend, gates, ("enterprise", "gate", "met"))
    scored = score_assessments(
        frame, SMALL, not_applicable_column="na", reason_column="reason", gates=gate_frame
    )
    assert type(scored) is type(frame)
    assert_agrees(SMALL, rows_of(frame), gates, scored)


@settings(max_examples=FRAME_EXAMPLES)  # a whole frame of many rows per example: see support
@given(data=st.data())
def test_general_standard_agrees_with_scalar(data: st.DataObject) -> None:
    backend = data.draw(st.sampled_from(sorted(BACKENDS)))
    rows, _ = data.draw(tables(GENERAL))
    frame = frame_of(backend, rows, ROW_COLUMNS)
    scored = score_assessments(frame, GENERAL, not_applicable_column="na", reason_column="reason")
    assert_agrees(GENERAL, rows_of(frame), None, scored)


@settings(max_examples=FRAME_EXAMPLES)  # a whole frame of many rows per example: see support
@given(data=st.data())
def test_element_subtotals_agree_with_scalar(data: st.DataObject) -> None:
    rows, _ = data.draw(tables(SMALL))
    frame = frame_of("polars", rows, ROW_COLUMNS)
    keywords: dict[str, Any] = {"not_applicable_column": "na", "reason_column": "reason"}
    for top_level in (True, False):
        out = rows_of(score_elements(frame, SMALL, top_level=top_level, **keywords))
        for enterprise in dict.fromkeys(r["enterprise"] for r in rows):
            mine = [r for r in out if r["enterprise"] == enterprise]
            result = expected(SMALL, [r for r in rows if r["enterprise"] == enterprise], [])
            if isinstance(result, Exception):
                assert all(r[PROBLEM] and r["earned"] is None for r in mine)
                continue
            subtotals = result.by_top_element if top_level else result.by_element
            assert [
                (r["element"], r["element_name"], r["applicable_points"], r["earned"]) for r in mine
            ] == [(e.code, e.name, float(e.applicable_points), float(e.earned)) for e in subtotals]
            assert [r["percentage"] for r in mine] == [
                None if e.percentage is None else float(e.percentage) for e in subtotals
            ]


# ---- golden cases: the hand calculations of tests/scoring/test_score.py ---------------------


def _hand_rows(enterprise: str, **found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for item in ("A", "B", "C", "D"):
        for row in found.get(item, [{}]):
            rows.append(
                {"enterprise": enterprise, "item": item, "rule": None, "count": None, "na": False}
                | {"reason": None}
                | row
            )
    return rows


@pytest.mark.parametrize("backend", sorted(BACKENDS))
def test_golden_hand_calculations(backend: str) -> None:
    rows = (
        # 61 ÷ 80 × 100 = 76.25 → 76.3 half up.
        _hand_rows(
            "半入",
            A=[{"rule": "a"}],
            B=[{"na": True, "reason": "不涉及"}],
            C=[{"rule": "b", "count": 3}],
        )
        # B 6 × 5 = 30, 10 over its 20, charged to 5.1.2: 10 + 20 + 40 = 70 → 70.0.
        + _hand_rows("类目", B=[{"rule": "b", "count": 6}])
        # B 20 × 5 = 100 (80 over) and C 不得分: 5.1.2 floored at 0: 10 + 0 + 40 = 50 → 50.0.
        + _hand_rows("归零", B=[{"rule": "b", "count": 20}], C=[{"rule": "a"}])
        # D 缺项, A 2 × 2: 56 ÷ 60 × 100 = 93.333… → 93.3.
        + _hand_rows("循环", A=[{"rule": "b", "count": 2}], D=[{"na": True, "reason": "无"}])
    )
    frame = frame_of(backend, rows, ROW_COLUMNS)
    out = rows_of(
        score_assessments(frame, HAND, not_applicable_column="na", reason_column="reason")
    )
    assert [(r["earned"], r["applicable_points"], r["score"]) for r in out] == [
        (61.0, 80.0, 76.3),
        (70.0, 100.0, 70.0),
        (50.0, 100.0, 50.0),
        (56.0, 60.0, 93.3),
    ]
    elements = rows_of(
        score_elements(
            frame, HAND, top_level=False, not_applicable_column="na", reason_column="reason"
        )
    )
    charged = [r for r in elements if r["enterprise"] == "类目" and r["element"] == "5.1.2"]
    assert [(r["applicable_points"], r["earned"], r["percentage"]) for r in charged] == [
        (50.0, 20.0, 40.0)
    ]


def test_shipped_standard_compliant_and_one_deduction() -> None:
    # General standard, 1000 points: 5.1.1-1 rule b (每缺一项扣1分) × 2 → 998 ÷ 1000 → 99.8.
    items = [i.id for i in GENERAL.items]
    frame = pl.DataFrame(
        {
            "enterprise": ["甲"] * len(items),
            "item": items,
            "rule": ["b"] + [None] * (len(items) - 1),
            "count": [2] + [None] * (len(items) - 1),
        }
    )
    out = score_assessments(frame, "general-gbt-33000-2016")
    assert out.select("earned", "applicable_points", "score").row(0) == (998.0, 1000.0, 99.8)


# ---- frame conventions ----------------------------------------------------------------------


def _compliant(
    enterprises: Sequence[object], standard: ScoringStandard = SMALL
) -> dict[str, list[Any]]:
    rows = [(e, i.id) for e in enterprises for i in standard.items]
    return {"enterprise": [e for e, _ in rows], "item": [i for _, i in rows]}


@pytest.mark.parametrize("backend", sorted(BACKENDS))
def test_same_kind_out_one_row_per_enterprise_in_first_order(backend: str) -> None:
    data = _compliant(["丙", "甲", "乙"])
    data["rule"] = [None] * len(data["item"])
    data["rule"][0] = "a"  # 丙 loses A's 10
    frame = BACKENDS[backend](data)
    scored = score_assessments(frame, SMALL, count_column=None)
    assert type(scored) is type(frame)
    out = nw.from_native(scored, eager_only=True)
    assert out.columns == ["enterprise", *SCORE_COLUMNS]
    assert out.get_column("enterprise").to_list() == ["丙", "甲", "乙"]
    assert out.get_column("score").to_list() == [75.0, 100.0, 100.0]
    for name in ("earned", "applicable_points", "score"):
        assert out.schema[name] == nw.Float64, name
    assert pickle.loads(pickle.dumps(scored)).shape == (3, 1 + len(SCORE_COLUMNS))
    if backend == "pandas":
        assert list(scored.index) == [0, 1, 2]


def test_narwhals_in_narwhals_out_and_integer_keys() -> None:
    data = _compliant([7, 3])
    frame = nw.from_native(pl.DataFrame(data), eager_only=True)
    scored = score_assessments(frame, SMALL, rule_column=None, count_column=None)
    assert isinstance(scored, nw.DataFrame)
    assert scored.get_column("enterprise").to_list() == [7, 3]


@pytest.mark.parametrize("backend", sorted(BACKENDS))
def test_large_pyarrow_tables_keep_each_row_with_its_enterprise(backend: str) -> None:
    # narwhals 2.29 computes min().over() on pyarrow through a join that reorders rows; the
    # enterprise codes must not depend on it. 2,000 enterprises × 4 items, one loss each.
    enterprises = list(range(2000))
    data = _compliant(enterprises)
    data["rule"] = ["a" if i % 4 == e % 4 else None for e in enterprises for i in range(4)]
    scored = rows_of(score_assessments(BACKENDS[backend](data), SMALL, count_column=None))
    lost = [10, 7.5, 12.5, 10]
    assert [r["earned"] for r in scored] == [40 - lost[e % 4] for e in enterprises]
    assert all(r[PROBLEM] is None for r in scored)


def test_empty_frame() -> None:
    frame = pl.DataFrame(
        {"enterprise": [], "item": [], "rule": [], "count": []},
        schema={"enterprise": pl.String, "item": pl.String, "rule": pl.String, "count": pl.Int64},
    )
    assert score_assessments(frame, SMALL).shape == (0, 1 + len(SCORE_COLUMNS))
    assert score_elements(frame, SMALL).shape == (0, 1 + len(ELEMENT_COLUMNS))


# ---- problems and errors --------------------------------------------------------------------


def test_problems_name_the_column_and_the_value() -> None:
    rows = [
        {"enterprise": "甲", "item": "X9", "rule": None, "count": None, "na": None, "reason": None},
        {"enterprise": "乙", "item": "A", "rule": "zz", "count": None, "na": None, "reason": None},
        {"enterprise": "丙", "item": "A", "rule": "c", "count": "4", "na": None, "reason": None},
        {"enterprise": "丁", "item": "A", "rule": "a", "count": "2.5", "na": None, "reason": None},
        {"enterprise": "戊", "item": "A", "rule": None, "count": "2", "na": None, "reason": None},
        {
            "enterprise": "己",
            "item": "A",
            "rule": None,
            "count": None,
            "na": "也许",
            "reason": None,
        },
        {"enterprise": None, "item": "A", "rule": None, "count": None, "na": None, "reason": None},
    ]
    filled = list(rows)  # every enterprise but 甲 gets compliant B, C and D
    for enterprise in ("乙", "丙", "丁", "戊", "己", None):
        filled += [
            {"enterprise": enterprise, "item": i, "rule": None, "count": None, "na": None}
            | {"reason": None}
            for i in ("B", "C", "D")
        ]
    frame = frame_of("polars", filled, ROW_COLUMNS)
    problems = score_assessments(frame, SMALL, not_applicable_column="na", reason_column="reason")[
        PROBLEM
    ].to_list()
    assert problems[0].startswith(
        "item = X9：评分标准 bulk-test 中没有这一评分项；4 项评分项没有自评结果"
    )
    assert problems[1] == "rule = zz：评分项 A 没有这一扣分规则（已有：a、b、c）"
    assert problems[2] == "A.c.count = 4：该规则最多可缺 3 项"
    assert problems[3] == "count = 2.5：扣分处数应为正整数"
    assert problems[4] == "count = 2：rule 为空，处数无所指"
    assert problems[5] == "na = 也许：应为 true 或 false"
    assert problems[6] == "enterprise 为空：每行须写明所属企业"


def test_all_not_applicable_is_a_problem() -> None:
    data = _compliant(["甲"])
    frame = pl.DataFrame(data).with_columns(na=pl.lit(True), why=pl.lit("无"))
    (problem,) = score_assessments(
        frame,
        SMALL,
        rule_column=None,
        count_column=None,
        not_applicable_column="na",
        reason_column="why",
    )[PROBLEM].to_list()
    assert problem == "所有评分项都是缺项，无法计算得分"
    with pytest.raises(InvalidInput, match="所有评分项都是缺项"):
        score(SMALL, [{"item": i.id, "not_applicable": True, "reason": "无"} for i in SMALL.items])


def test_gates_frame() -> None:
    frame = pl.DataFrame(_compliant(["甲", "乙", "丙"]))
    gates = pl.DataFrame(
        {
            "enterprise": ["甲", "甲", "乙", "乙", "乙", "丙"],
            "gate": ["licence", "no-accident", "licence", "licence", "no-accident", "other"],
            "met": ["是", "true", "1", "0", None, "true"],
        }
    )
    out = score_assessments(frame, SMALL, rule_column=None, count_column=None, gates=gates)
    assert out["failed_gates"].to_list() == ["", "licence、no-accident", None]
    assert out[PROBLEM][2] == "gate = other：评分标准 bulk-test 中没有这一必备条件"
    with pytest.raises(InvalidInput, match="同一种数据框"):
        score_assessments(
            frame, SMALL, rule_column=None, count_column=None, gates=gates.to_pandas()
        )


def test_bad_keywords_raise() -> None:
    frame = pl.DataFrame(_compliant(["甲"]))
    with pytest.raises(InvalidInput, match="rule_column"):
        score_assessments(frame, SMALL)
    with pytest.raises(InvalidInput, match="not_applicable_column"):
        score_assessments(
            frame, SMALL, rule_column=None, count_column=None, not_applicable_column="na"
        )
    with pytest.raises(UnknownReference):
        score_assessments(frame, "no-such-standard", rule_column=None, count_column=None)
    with pytest.raises(NotInForce):
        score_assessments(
            frame, GENERAL, rule_column=None, count_column=None, as_of=date(2025, 11, 1)
        )
    with pytest.raises(InvalidInput, match="LazyFrame"):
        score_assessments(frame.lazy(), SMALL, rule_column=None, count_column=None)
    with pytest.raises(InvalidInput, match="与结果列重名"):
        score_assessments(
            frame.rename({"enterprise": "score"}),
            SMALL,
            enterprise_column="score",
            rule_column=None,
            count_column=None,
        )


# ---- explanations -----------------------------------------------------------------------------


def test_reasons_and_explain_are_the_scalar_path() -> None:
    rows = _hand_rows("甲", A=[{"rule": "b", "count": 2}]) + _hand_rows(
        "乙", A=[{"rule": "a", "count": 2}]
    )
    frame = frame_of("pandas", rows, ROW_COLUMNS)
    keywords: dict[str, Any] = {"not_applicable_column": "na", "reason_column": "reason"}
    scored = score_assessments(frame, HAND, reasons=True, **keywords)
    assert list(scored.columns)[-1] == REASONS
    scalar = score(HAND, scalar_results(rows[:4], []))
    assert scored[REASONS][0] == scalar.explanation.text()
    assert pd.isna(scored[REASONS][1])
    assert explain_score(frame, HAND, "甲", **keywords) == scalar
    with pytest.raises(InvalidInput, match="“不得分”规则只能计一次"):
        explain_score(frame, HAND, "乙", **keywords)
    with pytest.raises(InvalidInput, match="没有这一企业"):
        explain_score(frame, HAND, "丙", **keywords)
