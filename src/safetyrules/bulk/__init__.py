"""The bulk path (批量计算): the library's rules over whole DataFrames, vectorised.

A provincial platform grades hundreds of thousands of risk points a night; a notebook grades a
register read from Excel. The functions here take a table of inputs, one row per case, and
compute for every row exactly what the scalar function computes for it (property-tested
against the scalar path), as narwhals expressions rather than a Python loop over rows.

Conventions every bulk function follows (the plumbing is :mod:`safetyrules.bulk.frames`):

* **Frames.** A pandas ``DataFrame``, a polars ``DataFrame``, a ``pyarrow.Table`` or a narwhals
  ``DataFrame`` goes in; the same kind comes out. A function that computes one answer per row
  (:func:`grade_risks`, :func:`classify_accidents`, :func:`statutory_ranges`) keeps the input's
  columns unchanged and in order, adds its result columns after them, and keeps the rows in the
  input's order (and a pandas index). A function whose rows make up a larger case
  (:func:`score_assessments` and :func:`score_elements` per enterprise, :func:`assess_units`
  per unit; :mod:`safetyrules.bulk.groups`) gives the key column and its result columns, one
  row per case in the order each first appears, with a fresh pandas index. Collect a lazy
  frame first. Results are ordinary frames: they pickle, and the functions run as they are
  inside a Dask or Spark partition.
* **Column names.** The columns a function reads are named by keywords ending in ``_column``
  (``method_column=``, ``deaths_column=``, ``unit_column=`` …; the factor columns of a risk
  method by one mapping, ``factors={"L": "可能性"}``), each with a default; ``None`` says the
  frame has no such column and the scalar's default applies. A value for the whole frame is
  the keyword without ``_column`` (``method=``, ``stage=``, ``kind=``). The columns a function
  adds have fixed English names, listed in its ``*_COLUMNS`` constant; an input that already
  has one is refused.
* **Bad rows.** A bad row (or case) does not abort the others: its results are null and the
  ``problem`` column says why in Chinese, naming the column and the value (``L = 7：……``, or
  ``L 为空：……`` for an empty cell); several problems are joined with "；", and a case made of
  many rows lists its first five and how many there are. ``problem`` is null on good rows. A
  row is bad exactly when the scalar function raises for it. A bad keyword argument raises, as
  the scalar function does.
* **Numbers out.** No band edge is decided by a float: every computation runs on integers,
  each decimal scaled by a power of ten read from the rule data (:mod:`safetyrules.bulk.exact`).
  What comes out is typed by what it is. Whole numbers — head counts (``graded_deaths``), fines
  in whole yuan (``fine_minimum``, ``fine_maximum``), grade numbers (``grade`` of a unit) — are
  Int64; in pandas, whose NumPy integers hold no missing value, float64, exact below 2**53.
  Values with fractions — scores, points, S, α, R — are Float64, each the nearest double to the
  scalar path's exact decimal (``float(Decimal)``); :func:`exact_score` (for risk scores) and
  ``Decimal(repr(x))`` give the decimal back. A fine the scalar path gives as a ``Decimal`` of
  whole yuan comes out as that integer; one that is not whole is a rule-data error, never a
  rounded float.
* **Explanations on request.** The default path computes the results only. ``reasons=True``
  adds a ``reasons`` column (:data:`REASONS`) after the result columns: the scalar path's
  explanation of each good row or case, computed once per distinct input, at the scalar
  path's speed. ``explain_*`` runs the scalar path on one row (``explain_*_row(frame, row)``,
  ``row`` counting from 0) or one case (``explain_score(frame, standard, enterprise)``,
  ``explain_unit(frame, unit)``), with the same keywords as the bulk function, and gives the
  scalar result with its explanation, or the scalar's own error.

Rule data loads once per process, through the same cached loaders as the scalar path.
narwhals is an optional dependency (the ``dataframes`` extra: ``pip install
'safetyrules[dataframes]'``): ``import safetyrules`` loads neither it nor this package.

>>> import polars as pl
>>> from safetyrules.bulk import grade_risks
>>> graded = grade_risks(pl.DataFrame({"L": [3], "E": [6], "C": [7]}), method="LEC")
>>> graded.select("score", "level", "grade").row(0)
(126.0, '一般风险', '3级')
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from safetyrules.bulk.frames import PROBLEM, REASONS

# The bulk functions and the modules that define them, imported on first access (PEP 562): a
# Dask worker or a notebook that grades risks loads the risk rules, not the penalty catalogue.
# The plumbing (frames, and with it narwhals) loads with the package, so that a missing
# narwhals is reported on ``import safetyrules.bulk``.
_LAZY = {
    "ACCIDENT_COLUMNS": "safetyrules.bulk.accidents",
    "COUNT_LIMIT": "safetyrules.bulk.accidents",
    "classify_accidents": "safetyrules.bulk.accidents",
    "explain_accident_row": "safetyrules.bulk.accidents",
    "UNIT_COLUMNS": "safetyrules.bulk.major_hazard",
    "assess_units": "safetyrules.bulk.major_hazard",
    "explain_unit": "safetyrules.bulk.major_hazard",
    "STATUTORY_RANGE_COLUMNS": "safetyrules.bulk.penalties",
    "explain_statutory_range_row": "safetyrules.bulk.penalties",
    "statutory_ranges": "safetyrules.bulk.penalties",
    "RESULT_COLUMNS": "safetyrules.bulk.risk",
    "SchemeChoice": "safetyrules.bulk.risk",
    "exact_score": "safetyrules.bulk.risk",
    "explain_risk_row": "safetyrules.bulk.risk",
    "grade_risks": "safetyrules.bulk.risk",
    "ELEMENT_COLUMNS": "safetyrules.bulk.scoring",
    "SCORE_COLUMNS": "safetyrules.bulk.scoring",
    "explain_score": "safetyrules.bulk.scoring",
    "score_assessments": "safetyrules.bulk.scoring",
    "score_elements": "safetyrules.bulk.scoring",
}

if TYPE_CHECKING:
    from safetyrules.bulk.accidents import (
        ACCIDENT_COLUMNS,
        COUNT_LIMIT,
        classify_accidents,
        explain_accident_row,
    )
    from safetyrules.bulk.major_hazard import UNIT_COLUMNS, assess_units, explain_unit
    from safetyrules.bulk.penalties import (
        STATUTORY_RANGE_COLUMNS,
        explain_statutory_range_row,
        statutory_ranges,
    )
    from safetyrules.bulk.risk import (
        RESULT_COLUMNS,
        SchemeChoice,
        exact_score,
        explain_risk_row,
        grade_risks,
    )
    from safetyrules.bulk.scoring import (
        ELEMENT_COLUMNS,
        SCORE_COLUMNS,
        explain_score,
        score_assessments,
        score_elements,
    )

__all__ = [
    "ACCIDENT_COLUMNS",
    "COUNT_LIMIT",
    "ELEMENT_COLUMNS",
    "PROBLEM",
    "REASONS",
    "RESULT_COLUMNS",
    "SCORE_COLUMNS",
    "STATUTORY_RANGE_COLUMNS",
    "UNIT_COLUMNS",
    "SchemeChoice",
    "assess_units",
    "classify_accidents",
    "exact_score",
    "explain_accident_row",
    "explain_risk_row",
    "explain_score",
    "explain_statutory_range_row",
    "explain_unit",
    "grade_risks",
    "score_assessments",
    "score_elements",
    "statutory_ranges",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'safetyrules.bulk' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])
