"""The bulk path (批量计算): the library's rules over whole DataFrames, vectorised.

A provincial platform grades hundreds of thousands of risk points a night; a notebook grades a
register read from Excel. The functions here take a table of inputs, one row per case, and
compute for every row exactly what the scalar function computes for it (property-tested
against the scalar path), as narwhals expressions rather than a Python loop over rows.

Conventions every bulk function follows (:mod:`safetyrules.bulk.frames`):

* **Frames.** A pandas ``DataFrame``, a polars ``DataFrame``, a ``pyarrow.Table`` or a narwhals
  ``DataFrame`` goes in; the same kind comes out, with the input's columns unchanged and in
  order, the new columns after them, and the rows in the input's order. Collect a lazy frame
  first. Results are ordinary frames: they pickle, and the functions run as they are inside a
  Dask or Spark partition.
* **Column names.** The columns a function reads are named by keywords (``method_column=``,
  ``direct_column=``, ``factors={"L": "可能性"}``) with sensible defaults; the columns it adds
  have fixed English names and an input that already has one is refused.
* **Bad rows.** A bad row does not abort the others: its results are null and the ``problem``
  column says why in Chinese, naming the column and the value; ``problem`` is null on good rows.
  A bad keyword argument raises, as the scalar function does.
* **Exact numbers.** Scores are computed on integers (each table value scaled by a power of
  ten read from the rule data), so a band edge is never decided by a float; see
  :mod:`safetyrules.bulk.risk`.
* **Explanations on request.** The default path computes the results only; ``reasons=True``
  and the ``explain_*`` functions run the scalar path for the explanation, at its speed.

Rule data loads once per process, through the same cached loaders as the scalar path.
narwhals is an optional dependency (the ``dataframes`` extra: ``pip install
'safetyrules[dataframes]'``): ``import safetyrules`` loads neither it nor this package.

>>> import polars as pl
>>> from safetyrules.bulk import grade_risks
>>> graded = grade_risks(pl.DataFrame({"L": [3], "E": [6], "C": [7]}), method="LEC")
>>> graded.select("score", "level", "grade").row(0)
(126.0, '一般风险', '3级')
"""

from safetyrules.bulk.accidents import (
    ACCIDENT_COLUMNS,
    COUNT_LIMIT,
    classify_accidents,
    explain_accident_row,
)
from safetyrules.bulk.frames import PROBLEM
from safetyrules.bulk.major_hazard import UNIT_COLUMNS, assess_units, explain_unit
from safetyrules.bulk.penalties import (
    STATUTORY_RANGE_COLUMNS,
    explain_statutory_range_row,
    statutory_ranges,
)
from safetyrules.bulk.risk import (
    REASONS,
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
