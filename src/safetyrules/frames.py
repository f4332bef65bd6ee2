"""Results as DataFrames (数据框): the graded register, the hazard ledger, the standardization
score and any exported list, in the backend the caller chooses.

Each function builds one row per entry and hands the columns to narwhals
(``narwhals.from_dict``), which builds the caller's native frame: a ``pandas.DataFrame``
(``backend="pandas"``, the default), a ``polars.DataFrame`` (``"polars"``) or a
``pyarrow.Table`` (``"pyarrow"``). narwhals also knows ``"modin"`` and ``"cudf"``; they are not
offered here, as nothing tests them. ``language`` names the columns in Chinese (``"zh"``, the
default) or English (``"en"``); the cells are the same in both, and a name the library already
gives a column elsewhere (the lists' ``to_rows``, the Excel report) is the name used here.

narwhals is an optional dependency (the ``dataframes`` extra: ``pip install
'safetyrules[dataframes]'``), imported only when a frame is built, so ``import safetyrules``
never loads it; the backend itself (pandas, polars or pyarrow) is the caller's to install.

What the cells hold, and what each backend makes of them:

* **Points, scores and factor values are** :class:`~decimal.Decimal`, never floats. polars
  stores them as ``Decimal(precision=38, scale=s)`` with ``s`` the largest number of decimals
  in the column, so ``Decimal("4")`` reads back as ``Decimal("4.0")`` beside a ``4.5`` — the
  same number. pyarrow infers a ``decimal128`` type the same way. pandas has no decimal dtype:
  the column is ``object`` and holds the ``Decimal`` values themselves, exact, summed exactly by
  ``Series.sum()`` but not vectorised; convert with ``astype(float)`` only when exactness no
  longer matters.
* **Dates are** :class:`~datetime.date`: a polars ``Date``, a pyarrow ``date32``, an ``object``
  column of ``date`` values in pandas. Times (the ledger's ``found_at``) keep their time zone,
  Asia/Shanghai, in every backend.
* **Missing values** are ``null`` in polars and pyarrow and ``None`` in pandas ``object``
  columns; pandas' text dtype holds them as ``NaN``, pandas' own convention (``isna()`` finds
  them all in pandas, ``is_null()`` in polars).
* **Levels, statuses and kinds** are their Chinese values as plain text, and several values in
  one cell (the direct-judgement conditions, an exported list's measures) are joined with
  "、", as the lists' exports join them.

An empty result gives a frame with its columns and no rows. A column with no value at all (an
empty register, a factor no point uses, a ledger without deadlines) still has its type: text,
Decimal, date and so on, as an ``object`` column in pandas for Decimal and date.
:func:`rows_frame` knows only what the rows hold: no rows give a frame without columns, and a
column of missing values only has the backend's type for nothing (polars: ``Null``).

>>> from safetyrules.risk import RiskPoint, grade_register
>>> graded = grade_register([
...     RiskPoint(id="R1", name="动火作业", kind="作业活动", method="LS", factors={"L": 4, "S": 5}),
...     RiskPoint(id="R2", name="叉车作业", kind="作业活动", method="LEC",
...               factors={"L": "0.5", "E": 6, "C": 7}),
... ])
>>> frame = register_frame(graded, backend="polars", language="en")
>>> frame.shape
(2, 20)
>>> frame.select("point_id", "factor_L", "score", "risk_level").rows()
[('R1', Decimal('4.0'), Decimal('20'), '重大风险'), ('R2', Decimal('0.5'), Decimal('21'), '低风险')]
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Any, Literal

from safetyrules.errors import InvalidInput
from safetyrules.law.citation import Citation
from safetyrules.responsibility.rows import Column, Language, export

if TYPE_CHECKING:
    from safetyrules.hazards.ledger import HazardLedger
    from safetyrules.risk.register import RegisterGrading
    from safetyrules.scoring.score import ScoringAssessment

Backend = Literal["pandas", "polars", "pyarrow"]
"""The native frame to build: pandas, polars or pyarrow (数据框后端)."""

ScoreLevel = Literal["item", "element", "top_element"]
"""The rows of a score frame: items, elements or 一级要素 (得分明细层级)."""

BACKENDS: tuple[Backend, ...] = ("pandas", "polars", "pyarrow")
"""The backends offered, in the order the documentation names them."""

SCORE_LEVELS: tuple[ScoreLevel, ...] = ("item", "element", "top_element")
"""The levels of :func:`score_frame`, finest first."""

FACTOR_SYMBOLS = ("L", "E", "C", "S", "M")
"""The factors of LEC (L, E, C), LS (L, S) and MES (M, E, S), one column each in the register
frame; a factor its method does not use is missing (null). A symbol shared by two methods
means the same in both: L 可能性, E 暴露频繁程度, S 后果严重性."""

REGISTER_COLUMNS = (
    Column("point_id", "风险点编号", "point_id"),
    Column("name", "风险点名称", "name"),
    Column("kind", "类型", "kind"),
    Column("location", "区域/位置", "location"),
    Column("method", "评价方法", "method"),
    *(Column(f"factor_{s}", f"因素 {s}", f"factor_{s}") for s in FACTOR_SYMBOLS),
    Column("score", "风险值", "score"),
    Column("scheme", "分级方案", "scheme"),
    Column("grade", "方案等级", "scheme_grade"),
    Column("scored_level", "按分值的风险等级", "scored_level"),
    Column("level", "风险等级", "risk_level"),
    Column("colour", "颜色", "colour"),
    Column("forced_by", "直接判定情形编号", "forced_by"),
    Column("control_level", "管控层级", "control_level"),
    Column("unit", "责任单位", "responsible_unit"),
    Column("owner", "责任人", "responsible_person"),
)
"""The register frame's columns (风险点台账): one row per graded risk point.

``score`` and the factors are Decimal; ``scored_level`` is the level the score gives,
``level`` the final one after direct judgement; ``forced_by`` the ids of the direct-judgement
conditions that forced 重大风险, joined with "、" ("" when none did)."""

LEDGER_COLUMNS = (
    Column("id", "隐患编号", "hazard_id"),
    Column("description", "隐患描述", "description"),
    Column("level", "隐患级别", "level"),
    Column("source", "表现形式", "source"),
    Column("location", "部位", "location"),
    Column("major_basis", "判定依据", "major_basis"),
    Column("found_on", "发现日期", "found_on"),
    Column("found_at", "发现时间", "found_at"),
    Column("found_by", "发现岗位或部门", "found_by"),
    Column("origin", "来源", "origin"),
    Column("deadline", "整改期限", "deadline"),
    Column("status", "治理状态", "status"),
    Column("closed_on", "销号日期", "closed_on"),
    Column("days_overdue", "逾期天数", "days_overdue"),
    Column("last_actor", "最近经办岗位或部门", "last_actor"),
)
"""The ledger frame's columns (隐患排查治理台账): one row per hazard on the ledger.

``found_on``, ``deadline`` and ``closed_on`` are dates (Asia/Shanghai); ``found_at`` the time
found, with its time zone; ``major_basis`` the clause that makes a 重大事故隐患 major, as text;
``status``, ``closed_on``, ``days_overdue`` and ``last_actor`` are as of the frame's day."""

ITEM_COLUMNS = (
    Column("item", "评分项", "item"),
    Column("element", "要素", "element"),
    Column("status", "结论", "status"),
    Column("not_applicable", "缺项", "not_applicable"),
    Column("points", "分值", "points"),
    Column("applicable_points", "应得分", "applicable_points"),
    Column("deducted", "扣分", "deducted"),
    Column("lost", "失分", "lost"),
    Column("earned", "实得分", "earned"),
)
"""The item rows of a score frame (评分项得分): one row per item of the standard.

``applicable_points`` is the item's points, 0 for a 缺项; ``deducted`` the deductions its rules
add up to (it may exceed the points); ``lost`` what the item itself lost (at most its points);
``element`` the code of the element the item maps to."""

ELEMENT_COLUMNS = (
    Column("code", "要素编号", "code"),
    Column("name", "要素", "element"),
    Column("applicable_points", "应得分", "applicable_points"),
    Column("earned", "实得分", "earned"),
    Column("lost", "失分", "lost"),
    Column("percentage", "得分率（%）", "percentage"),
)
"""The element rows of a score frame (要素小计): one row per element items map to.

``lost`` is 应得分 - 实得分, deductions charged to the category (类目) included;
``percentage`` has one decimal and is missing when every item of the element is a 缺项."""

TOP_ELEMENT_COLUMNS = (
    Column("code", "要素编号", "code"),
    Column("name", "一级要素", "element"),
    *ELEMENT_COLUMNS[2:],
)
"""The 一级要素 rows of a score frame: :data:`ELEMENT_COLUMNS` with the 一级要素 named as such."""

_KINDS = {
    **{f"factor_{s}": "decimal" for s in FACTOR_SYMBOLS},
    "score": "decimal",
    "found_on": "date",
    "found_at": "datetime",
    "deadline": "date",
    "closed_on": "date",
    "days_overdue": "int",
    "not_applicable": "bool",
    "points": "decimal",
    "applicable_points": "decimal",
    "deducted": "decimal",
    "lost": "decimal",
    "earned": "decimal",
    "percentage": "decimal",
}
"""The columns that are not text, by key: what type a column with no value is given."""

_INSTALL = "生成数据框需要 narwhals，请安装：pip install 'safetyrules[dataframes]'"


def register_frame(
    grading: RegisterGrading, *, backend: Backend = "pandas", language: Language = "zh"
) -> Any:
    """The graded risk register as a DataFrame (风险点台账数据框), one row per risk point.

    Rows come in the grading's order (highest level first); the columns are
    :data:`REGISTER_COLUMNS`. The values are the scalar assessment's: ``score`` is
    ``row.assessment.score``, ``level`` ``row.level`` and so on.

    >>> from safetyrules.risk import RiskPoint, grade_register
    >>> graded = grade_register([RiskPoint(id="R1", name="液氨储罐区", kind="设备设施",
    ...     method="LS", factors={"L": 1, "S": 2}, direct=["major-hazard-installation"],
    ...     unit="制冷车间", owner="车间主任")])
    >>> frame = register_frame(graded, backend="polars")
    >>> frame.columns[:6]
    ['风险点编号', '风险点名称', '类型', '区域/位置', '评价方法', '因素 L']
    >>> row = frame.row(0, named=True)
    >>> row["风险值"], row["按分值的风险等级"], row["风险等级"], row["直接判定情形编号"]
    (Decimal('2'), '低风险', '重大风险', 'major-hazard-installation')
    >>> register_frame(graded, backend="polars", language="en")["factor_E"].to_list()
    [None]
    """
    records: list[dict[str, object]] = []
    for row in grading.rows:
        point, assessment = row.point, row.assessment
        records.append(
            {
                "point_id": point.id,
                "name": point.name,
                "kind": point.kind,
                "location": point.location,
                "method": assessment.method,
                **{f"factor_{s}": assessment.factors.get(s) for s in FACTOR_SYMBOLS},
                "score": assessment.score,
                "scheme": assessment.scheme,
                "grade": assessment.grade,
                "scored_level": assessment.scored_level,
                "level": assessment.level,
                "colour": assessment.colour,
                "forced_by": assessment.forced_by,
                "control_level": row.control_levels[0] if row.control_levels else None,
                "unit": point.unit,
                "owner": point.owner,
            }
        )
    return _build(records, REGISTER_COLUMNS, backend, language)


def ledger_frame(
    ledger: HazardLedger, on: date, *, backend: Backend = "pandas", language: Language = "zh"
) -> Any:
    """The hazard ledger as of a day as a DataFrame (隐患排查治理台账数据框).

    One row per hazard found on or before ``on``, by time found, then id (the order of
    :meth:`~safetyrules.hazards.HazardLedger.log`); the columns are :data:`LEDGER_COLUMNS`.
    Status, 销号 date, days overdue and the latest actor count only the steps taken on or
    before ``on``, so a frame for a past day does not change when a hazard is closed later.

    >>> from datetime import date
    >>> from safetyrules.hazards.ledger import HazardLedger, _example
    >>> ledger = HazardLedger(records=[_example(i) for i in range(7)])
    >>> frame = ledger_frame(ledger, date(2024, 3, 20), backend="polars", language="en")
    >>> frame.shape
    (7, 15)
    >>> frame.select("hazard_id", "status", "closed_on", "days_overdue").rows()[:2]
    [('YH-0', '销号', datetime.date(2024, 3, 2), 0), ('YH-1', '销号', datetime.date(2024, 3, 10), 0)]
    >>> frame.filter(frame["days_overdue"] > 0)["hazard_id"].to_list()
    ['YH-5', 'YH-6']
    """
    from safetyrules import checks
    from safetyrules.hazards.machine import HazardStatus

    day = checks.day("on", on)
    records_by_id = {record.id: record for record in ledger.records}
    records: list[dict[str, object]] = []
    for row in ledger.log(day):
        record = records_by_id[row.id]
        done = [
            step for step in record.history if step.at.astimezone(checks.SHANGHAI).date() <= day
        ]
        closed = [step for step in done if step.to_status is HazardStatus.CLOSED]
        records.append(
            {
                "id": record.id,
                "description": record.description,
                "level": record.level,
                "source": record.source,
                "location": record.location,
                "major_basis": record.major_basis,
                "found_on": record.found_on.astimezone(checks.SHANGHAI).date(),
                "found_at": record.found_on.astimezone(checks.SHANGHAI),
                "found_by": record.found_by,
                "origin": record.origin,
                "deadline": record.deadline,
                "status": row.status,
                "closed_on": closed[-1].at.astimezone(checks.SHANGHAI).date() if closed else None,
                "days_overdue": row.days_overdue,
                "last_actor": row.last_actor,
            }
        )
    return _build(records, LEDGER_COLUMNS, backend, language)


def score_frame(
    assessment: ScoringAssessment,
    by: ScoreLevel = "item",
    *,
    backend: Backend = "pandas",
    language: Language = "zh",
) -> Any:
    """A standardization self-assessment's breakdown as a DataFrame (标准化得分明细数据框).

    ``by="item"`` gives one row per scoring item (:data:`ITEM_COLUMNS`); ``"element"`` one per
    element the items map to, with its subtotal (:data:`ELEMENT_COLUMNS`); ``"top_element"``
    one per 一级要素 (:data:`TOP_ELEMENT_COLUMNS`). Every number is the assessment's own, as a
    Decimal: the items' ``earned`` add up to the elements' before any category charge, the
    elements' ``earned`` to ``assessment.earned``.

    >>> from safetyrules.scoring import load_standard
    >>> from safetyrules.scoring.score import Deduction, ItemResult, score
    >>> standard = load_standard("general-gbt-33000-2016")
    >>> found = [ItemResult(item="5.1.1-1", deductions=[Deduction(rule="b", count=2)]),
    ...          ItemResult(item="5.1.1-2", not_applicable=True, reason="无此业务")]
    >>> a = score(standard, found + [ItemResult(item=i.id) for i in standard.items[2:]])
    >>> items = score_frame(a, backend="polars")
    >>> items.shape, items.columns[:4]
    ((110, 9), ['评分项', '要素', '结论', '缺项'])
    >>> items.head(2).select("评分项", "应得分", "扣分", "实得分").rows()
    [('5.1.1-1', Decimal('6'), Decimal('2'), Decimal('4')), ('5.1.1-2', Decimal('0'), Decimal('0'), Decimal('0'))]
    >>> score_frame(a, "top_element", backend="polars", language="en").row(0)
    ('5.1', '目标职责', Decimal('112'), Decimal('110'), Decimal('2'), Decimal('98.2'))
    >>> score_frame(a, "section")
    Traceback (most recent call last):
    ...
    safetyrules.errors.InvalidInput: by = 'section': 应为 item、element 或 top_element
    """
    from safetyrules.scoring.score import ItemStatus

    records: list[dict[str, object]] = []
    if by == "item":
        for item in assessment.items:
            missing = item.status is ItemStatus.NOT_APPLICABLE
            records.append(
                {
                    "item": item.item,
                    "element": item.element,
                    "status": item.status,
                    "not_applicable": missing,
                    "points": item.points,
                    "applicable_points": Decimal(0) if missing else item.points,
                    "deducted": item.deducted,
                    "lost": item.lost,
                    "earned": item.earned,
                }
            )
        return _build(records, ITEM_COLUMNS, backend, language)
    if by == "element" or by == "top_element":
        elements = assessment.by_element if by == "element" else assessment.by_top_element
        for element in elements:
            records.append(
                {
                    "code": element.code,
                    "name": element.name,
                    "applicable_points": element.applicable_points,
                    "earned": element.earned,
                    "lost": element.applicable_points - element.earned,
                    "percentage": element.percentage,
                }
            )
        columns = ELEMENT_COLUMNS if by == "element" else TOP_ELEMENT_COLUMNS
        return _build(records, columns, backend, language)
    raise InvalidInput("by", by, "应为 item、element 或 top_element")


def rows_frame(rows: Iterable[Mapping[str, object]], *, backend: Backend = "pandas") -> Any:
    """Exported rows as a DataFrame (清单行转为数据框): any list's ``to_rows(language)``.

    The rows keep their names and order: every row must have the first row's columns, in the
    same order. Cells are read as the other frames' are: an enum as its value, a citation as its
    text, several values joined with "、".

    >>> from safetyrules.responsibility import major_risk_list
    >>> from safetyrules.risk import RiskPoint, grade_register
    >>> graded = grade_register([RiskPoint(id="R1", name="动火作业", kind="作业活动",
    ...     method="LS", factors={"L": 4, "S": 5}, unit="设备部", owner="设备部经理")])
    >>> frame = rows_frame(major_risk_list(graded).to_rows("en"), backend="polars")
    >>> frame.shape, frame["accountable_role"].to_list()
    ((1, 18), ['主要负责人'])
    >>> rows_frame([{"编号": "R1"}, {"名称": "动火作业"}])
    Traceback (most recent call last):
    ...
    safetyrules.errors.InvalidInput: rows[1] = ['名称']: 列应与第一行相同：编号
    """
    listed = [dict(row) for row in rows]
    names = list(listed[0]) if listed else []
    for index, row in enumerate(listed):
        if list(row) != names:
            raise InvalidInput(f"rows[{index}]", list(row), f"列应与第一行相同：{'、'.join(names)}")
    return _native(names, listed, backend, {})


def _build(
    records: list[dict[str, object]],
    columns: Sequence[Column],
    backend: Backend,
    language: Language,
) -> Any:
    rows = export(records, columns, language)
    names = [column.name(language) for column in columns]
    kinds = {column.name(language): _KINDS.get(column.key, "text") for column in columns}
    return _native(names, rows, backend, kinds)


def _native(
    names: list[str], rows: list[dict[str, object]], backend: object, kinds: Mapping[str, str]
) -> Any:
    if backend not in BACKENDS:
        raise InvalidInput("backend", backend, "应为 pandas、polars 或 pyarrow")
    data = {name: [_cell(name, row[name]) for row in rows] for name in names}
    try:
        import narwhals as nw
    except ImportError as error:
        raise InvalidInput("backend", backend, _INSTALL) from error
    # A column with no value has no type to infer; its declared kind gives one. pandas has no
    # date or decimal dtype of its own (without pyarrow): those stay object columns there.
    pandas = backend == "pandas"
    dtypes: dict[str, Any] = {
        "text": nw.String(),
        "int": nw.Int64(),
        "bool": nw.Boolean(),
        "datetime": nw.Datetime("us", "Asia/Shanghai"),
        "date": nw.Object() if pandas else nw.Date(),
        "decimal": nw.Object() if pandas else nw.Decimal(38, 0),
    }
    schema = {
        name: dtypes[kinds[name]] if name in kinds and all(v is None for v in values) else None
        for name, values in data.items()
    }
    try:
        # Import the backend here, not through narwhals: narwhals keeps the modules it has
        # used, and a backend that is missing now must be reported as missing.
        importlib.import_module(str(backend))
        frame = nw.from_dict(data, schema=schema if any(schema.values()) else None, backend=backend)
    except ModuleNotFoundError as error:
        module = error.name or str(backend)
        raise InvalidInput(
            "backend", backend, f"未安装 {module}，请安装：pip install {module}"
        ) from error
    return frame.to_native()


def _cell(name: str, value: object) -> object:
    """A value as a frame holds it: numbers, dates and text as such, enums as their values."""
    if isinstance(value, Enum):
        # Before str: a StrEnum member would become a polars Enum column, not text.
        return _cell(name, value.value)
    if value is None or isinstance(value, str | bool | int | float | Decimal | date):
        return value
    if isinstance(value, Citation):
        return value.text
    if isinstance(value, tuple | list):
        return "、".join(str(_cell(name, v)) for v in value if v is not None)
    raise InvalidInput(name, value, "数据框的单元格应为文本、数字、Decimal、日期或 None")
