"""The audit report as an Excel workbook (Excel 工作簿): one sheet per list, for the people who
keep the registers in spreadsheets.

Every sheet has a frozen, bold header row and one row per entry; a section the report lacks, or
a list with no entry, gets no sheet. The lists that export themselves (``to_rows``: the
责任制 findings, the 重大风险清单, the 风险管控责任清单, the 包保责任 list and the 责任追究清单)
keep their own column names; the other sheets name their columns here, in Chinese and in
English, with :class:`~safetyrules.responsibility.rows.Column`. Cell values are the same in
both languages.

openpyxl is an optional dependency (the ``excel`` extra): it is imported only when a workbook
is written.

>>> [sheet.zh for sheet in SHEETS][:4]
['概况', '法律文件', '事故', '风险点']
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from safetyrules.accidents.grade import yuan_text
from safetyrules.audit.ledger_section import LEDGER_COLUMNS
from safetyrules.audit.report import (
    INPUT_PROBLEM_COLUMNS,
    AssessedUnit,
    AuditReport,
    FindingPenalty,
    InspectionSection,
    StandardizationSection,
    problem_records,
)
from safetyrules.errors import InvalidInput, UnknownReference
from safetyrules.law.citation import Citation
from safetyrules.law.confidence import Confidence
from safetyrules.responsibility.accountability import ACCOUNTABILITY_COLUMNS
from safetyrules.responsibility.custody import CUSTODY_COLUMNS
from safetyrules.responsibility.risk_lists import (
    CONTROL_COLUMNS,
    MAJOR_RISK_COLUMNS,
    ListProblem,
)
from safetyrules.responsibility.rows import Column, Language, export
from safetyrules.responsibility.system import FINDING_COLUMNS
from safetyrules.risk.direct import direct_condition
from safetyrules.risk.level import RiskLevel
from safetyrules.risk.register import RegisterGrading
from safetyrules.scoring.score import ItemStatus

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

SHEETS = (
    Column("overview", "概况", "Overview"),
    Column("instruments", "法律文件", "Instruments"),
    Column("accidents", "事故", "Accidents"),
    Column("risk_points", "风险点", "Risk points"),
    Column("risk_matrix", "风险矩阵", "Risk matrix"),
    Column("hazard_units", "重大危险源", "Major hazards"),
    Column("standardization", "标准化", "Standardization"),
    Column("deductions", "扣分明细", "Deductions"),
    Column("hazards", "隐患", "Hazards"),
    Column("findings", "执法发现与罚款", "Findings and fines"),
    Column("hazard_ledger", "隐患台账", "Hazard ledger"),
    Column("system", "责任制问题", "Responsibility system"),
    Column("major_risks", "重大风险清单", "Major risks"),
    Column("control", "风险管控责任清单", "Risk control duties"),
    Column("custody", "包保责任", "Custody"),
    Column("list_problems", "清单问题", "List problems"),
    Column("accountability", "责任追究清单", "Accountability"),
    Column("credit", "失信名单", "Dishonesty list"),
    Column("input_problems", "资料读取问题", "Unreadable rows"),
)
"""The workbook's sheets in order, with their Chinese and English names (工作表)."""

OVERVIEW_COLUMNS = (Column("item", "项目", "item"), Column("value", "内容", "value"))
"""The 概况 sheet's columns: one fact of the report per row."""

OVERVIEW_ITEMS = (
    Column("as_of", "审计基准日", "audit_date"),
    Column("name", "单位名称", "enterprise_name"),
    Column("uscc", "统一社会信用代码", "uscc"),
    Column("industry", "国民经济行业分类", "industry"),
    Column("employees", "从业人员", "employees"),
    Column("revenue", "营业收入（元）", "revenue"),
    Column("assets", "资产总额（元）", "assets"),
    Column("size", "企业规模", "size"),
    Column("size_basis", "企业规模测算依据", "size_basis"),
    Column("flags", "风险特征", "risk_features"),
    Column("jurisdiction", "属地", "jurisdiction"),
    Column("instruments", "有效法律文件（件）", "instruments_in_force"),
    Column("unverified", "其中含未核实信息（件）", "instruments_unverified"),
    Column("risk_counts", "风险分级结果", "risk_counts"),
    Column("standardization", "标准化得分", "standardization_score"),
    Column("grading", "标准化定级", "standardization_grading"),
    Column("inspection", "三标融合检查", "inspection"),
    Column("skipped", "未检查项", "items_not_checked"),
    Column("unanswered", "适用但未作答", "items_unanswered"),
    Column("hazard_ledger", "隐患排查治理台账", "hazard_ledger"),
    Column("custody_note", "包保责任说明", "custody_note"),
    Column("not_assessed", "未评价事项", "not_assessed"),
    Column("input_table", "资料读取情况", "input_table"),
)
"""The rows the 概况 sheet may have, in order, with their Chinese and English names."""

INSTRUMENT_COLUMNS = (
    Column("label", "文件", "instrument"),
    Column("kind", "类别", "kind"),
    Column("issuer", "发布机关", "issuer"),
    Column("period", "有效期间", "period"),
    Column("jurisdiction", "适用地区", "jurisdiction"),
    Column("confidence", "可信度", "confidence"),
    Column("id", "编号", "id"),
)
"""The 法律文件 sheet's columns: the instruments in force on the audit date."""

ACCIDENT_COLUMNS = (
    Column("occurred_on", "发生日期", "occurred_on"),
    Column("summary", "事故简况", "summary"),
    Column("category", "事故类别", "category"),
    Column("deaths", "死亡人数", "deaths"),
    Column("missing", "失踪人数", "missing"),
    Column("serious_injuries", "重伤人数（含急性工业中毒）", "serious_injuries"),
    Column("direct_economic_loss", "直接经济损失（元）", "direct_economic_loss"),
    Column("grade", "事故等级", "grade"),
    Column("reasons", "定级理由", "reasons"),
)
"""The 事故 sheet's columns: each accident graded, with the reasons."""

RISK_POINT_COLUMNS = (
    Column("point_id", "风险点编号", "point_id"),
    Column("name", "风险点名称", "name"),
    Column("kind", "类型", "kind"),
    Column("location", "区域/位置", "location"),
    Column("method", "评价方法", "method"),
    Column("score", "风险值", "score"),
    Column("grade", "方案等级", "scheme_grade"),
    Column("level", "风险等级", "risk_level"),
    Column("colour", "颜色", "colour"),
    Column("direct", "直接判定情形", "direct_judgement"),
    Column("control_level", "管控层级", "control_level"),
    Column("unit", "责任单位", "responsible_unit"),
    Column("owner", "责任人", "responsible_person"),
)
"""The 风险点 sheet's columns: the graded register; the level cell takes the level's colour."""

RISK_MATRIX_COLUMNS = (
    Column("scheme", "分级方案", "scheme"),
    Column("likelihood", "可能性 L", "likelihood_L"),
    *(Column(f"s{s}", f"S = {s}", f"S = {s}") for s in range(1, 6)),
)
"""The 风险矩阵 sheet's columns: the LS points per cell, L = 5 at the top, each cell in the
colour of its level."""

HAZARD_UNIT_COLUMNS = (
    Column("unit", "单元", "unit"),
    Column("kind", "类别", "kind"),
    Column("substances", "危险化学品（q / Q，吨）", "substances_q_over_Q_tonnes"),
    Column("s", "S = Σq/Q", "S"),
    Column("is_major", "重大危险源", "is_major"),
    Column("alpha", "α", "alpha"),
    Column("r", "R", "R"),
    Column("grade", "级别", "grade"),
    Column("reasons", "辨识与分级依据", "reasons"),
    Column("duties", "由此产生的义务", "duties"),
    Column("problem", "未评价原因", "not_assessed_because"),
)
"""The 重大危险源 sheet's columns: the units identified under GB 18218-2018."""

ELEMENT_COLUMNS = (
    Column("code", "要素编号", "code"),
    Column("name", "一级要素", "element"),
    Column("applicable_points", "应得分", "applicable_points"),
    Column("earned", "实得分", "earned"),
    Column("percentage", "得分率（%）", "percentage"),
)
"""The 标准化 sheet's columns: the self-assessment's score by 一级要素."""

DEDUCTION_COLUMNS = (
    Column("source", "来源", "source"),
    Column("item", "评分项", "item"),
    Column("element", "要素", "element"),
    Column("status", "结论", "status"),
    Column("points", "分值", "points"),
    Column("deducted", "扣分", "deducted"),
    Column("earned", "实得分", "earned"),
    Column("detail", "扣分说明", "detail"),
    Column("basis", "依据", "basis"),
    Column("confidence", "可信度", "confidence"),
)
"""The 扣分明细 sheet's columns: the self-assessment's items that lost points or were left
out (缺项), then the standardization deductions an inspection found (no points: the standard
counts them when the items are scored)."""

HAZARD_COLUMNS = (
    Column("inspection", "检查", "inspection"),
    Column("id", "隐患编号", "hazard_id"),
    Column("description", "隐患描述", "description"),
    Column("level", "隐患级别", "level"),
    Column("location", "部位", "location"),
    Column("basis", "判定依据", "major_basis"),
    Column("found_on", "发现日期", "found_on"),
    Column("found_by", "发现人员", "found_by"),
    Column("origin", "检查项", "origin"),
)
"""The 隐患 sheet's columns: every inspection's hazards, 重大事故隐患 first."""

ENFORCEMENT_COLUMNS = (
    Column("inspection", "检查", "inspection"),
    Column("source", "检查项", "item"),
    Column("description", "违法行为", "violation"),
    Column("violation", "违法行为编号", "violation_id"),
    Column("location", "部位", "location"),
    Column("count", "处数", "count"),
    Column("evidence", "事实", "evidence"),
    Column("obligation", "违反条款", "obligation"),
    Column("penalty", "罚则", "penalty_provision"),
    Column("band", "法定罚款（单位）", "statutory_band"),
    Column("band_minimum", "法定罚款下限（元）", "statutory_minimum_yuan"),
    Column("band_maximum", "法定罚款上限（元）", "statutory_maximum_yuan"),
    Column("recommended", "建议罚款（无其他情节）", "recommended_range"),
    Column("recommended_minimum", "建议罚款下限（元）", "recommended_minimum_yuan"),
    Column("recommended_maximum", "建议罚款上限（元）", "recommended_maximum_yuan"),
    Column("tier", "裁量阶次", "tier"),
    Column("problem", "未评价原因", "not_assessed_because"),
)
"""The 执法发现与罚款 sheet's columns: each finding, its statutory band and the recommended
range without any circumstance known."""

LIST_PROBLEM_COLUMNS = (
    Column("list", "清单", "list"),
    Column("row", "所涉行", "row"),
    Column("message", "问题", "problem"),
    Column("basis", "依据", "basis"),
)
"""The 清单问题 sheet's columns: the defects of the 重大风险清单, the 风险管控责任清单 and the
包保责任 list."""

ACCIDENT_REFERENCE_COLUMNS = (
    Column("occurred_on", "事故发生日期", "accident_date"),
    Column("accident", "事故简况", "accident"),
    Column("assumed", "按单位负有责任列示", "responsibility_assumed"),
)
"""The columns the 责任追究清单 sheet puts before the list's own: the accident it follows."""

CREDIT_COLUMNS = (
    Column("decided_on", "处罚决定日期", "decided_on"),
    Column("accident", "事故简况", "accident"),
    Column("verdict", "结论", "verdict"),
    Column("regime", "名单", "regime"),
    Column("situations", "列入情形", "situations"),
    Column("parties", "列入对象", "parties"),
    Column("period", "列入期限", "period"),
    Column("status", "基准日状态", "status_as_of"),
    Column("reasons", "判定理由", "reasons"),
    Column("note", "说明", "note"),
    Column("problem", "未判定原因", "not_assessed_because"),
)
"""The 失信名单 sheet's columns: the listing verdict for each penalised accident."""

MAX_WIDTH = 60
"""The widest a column gets, in Excel's character units; longer text wraps (列宽上限)."""

_MIN_WIDTH = 6
_LINE_HEIGHT = 15  # points per line of 11-point text
_MAX_HEIGHT = 409  # Excel's tallest row
_MAX_CELL = 32_767  # Excel's longest cell text
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_HEADER_FILL = "D9D9D9"

_Value = str | int | float | Decimal | date | None
"""What a cell holds (a datetime is a date)."""


@attrs.frozen
class _Sheet:
    key: str
    headers: tuple[str, ...]
    rows: tuple[Mapping[str, object], ...]
    fills: Mapping[tuple[int, str], str] = attrs.field(factory=dict)
    autofilter: bool = True


def write_xlsx(report: AuditReport, path: Path, *, language: Language = "zh") -> None:
    """Write the report as an Excel workbook (写出 Excel 审计工作簿), one sheet per list.

    ``language`` names the sheets and columns in Chinese (``zh``) or English (``en``); the
    cells are the same in both. openpyxl must be installed (``safetyrules[excel]``).

    >>> import tempfile
    >>> from datetime import date
    >>> from pathlib import Path
    >>> from openpyxl import load_workbook
    >>> from safetyrules.audit import audit, demo_inputs
    >>> report = audit(demo_inputs(), date(2026, 11, 29))
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder) / "审计报告.xlsx"
    ...     write_xlsx(report, path)
    ...     book = load_workbook(path)
    >>> [cell.value for cell in book["风险点"][1]][:3], book["风险点"].freeze_panes
    (['风险点编号', '风险点名称', '类型'], 'A2')
    >>> write_xlsx(report, Path("报告.xlsx"), language="fr")
    Traceback (most recent call last):
    ...
    safetyrules.errors.InvalidInput: language = 'fr': 应为 zh 或 en
    """
    titles = {sheet.key: sheet.name(language) for sheet in SHEETS}
    try:
        from openpyxl import Workbook
    except ImportError as error:
        raise InvalidInput(
            "format",
            "xlsx",
            "写出 Excel 工作簿需要 openpyxl，请安装：pip install 'safetyrules[excel]'",
        ) from error
    book = Workbook()
    book.remove(book.worksheets[0])
    for sheet in _sheets(report, language):
        _write_sheet(book.create_sheet(titles[sheet.key]), sheet)
    book.properties.title = f"安全生产合规审计报告：{report.enterprise.name}"
    book.properties.creator = "safetyrules"
    book.save(path)


def _write_sheet(target: Worksheet, sheet: _Sheet) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    values = [[_cell(row[h]) for h in sheet.headers] for row in sheet.rows]
    widths = [
        min(
            MAX_WIDTH,
            max(_MIN_WIDTH, _width(header) + 2, *(_width(r[i]) + 2 for r in values)),
        )
        for i, header in enumerate(sheet.headers)
    ]
    bold = Font(bold=True)
    header_fill = PatternFill(fill_type="solid", start_color=_HEADER_FILL, end_color=_HEADER_FILL)
    for column, header in enumerate(sheet.headers, start=1):
        cell = target.cell(row=1, column=column, value=header)
        cell.font = bold
        cell.fill = header_fill
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    for index, row in enumerate(values):
        lines = 1
        for column, value in enumerate(row, start=1):
            cell = target.cell(row=index + 2, column=column, value=value)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # text, never a formula
            if isinstance(value, date):
                cell.number_format = "yyyy-mm-dd"
            wrapped = _lines(value, widths[column - 1])
            lines = max(lines, wrapped)
            cell.alignment = Alignment(vertical="top", wrap_text=wrapped > 1)
            colour = sheet.fills.get((index, sheet.headers[column - 1]))
            if colour is not None:
                rgb = colour.lstrip("#").upper()
                cell.fill = PatternFill(fill_type="solid", start_color=rgb, end_color=rgb)
                cell.font = Font(color=_text_colour(rgb))
        if lines > 1:
            target.row_dimensions[index + 2].height = min(_MAX_HEIGHT, lines * _LINE_HEIGHT)
    for column, width in enumerate(widths, start=1):
        target.column_dimensions[get_column_letter(column)].width = width
    target.freeze_panes = "A2"
    if sheet.autofilter:
        last = get_column_letter(len(sheet.headers))
        target.auto_filter.ref = f"A1:{last}{len(values) + 1}"


def _cell(value: object) -> _Value:
    """A value as a cell holds it: numbers and dates as such, everything else as text."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Confidence):
        return value.label
    if isinstance(value, Enum):
        return _cell(value.value)
    if isinstance(value, int | Decimal | float):
        return value
    if isinstance(value, datetime):
        # Excel has no time zones: the wall-clock time where it was recorded.
        return value.replace(tzinfo=None)
    if isinstance(value, date):
        return value
    if isinstance(value, Citation):
        return value.text
    if isinstance(value, tuple | list | set | frozenset):
        return _cell("、".join(str(_cell(v)) for v in value if v is not None)) if value else None
    text = _ILLEGAL.sub("", str(value))
    return text if len(text) <= _MAX_CELL else text[: _MAX_CELL - 1] + "…"


def _width(value: object) -> int:
    """The display width of a cell's widest line; a CJK character is two units wide."""
    if value is None:
        return 0
    if isinstance(value, date):
        return 10
    return max(_text_width(line) for line in str(value).split("\n"))


def _text_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _lines(value: object, width: int) -> int:
    """How many lines a cell's text takes in a column of this width."""
    if not isinstance(value, str):
        return 1
    usable = max(1, width - 1)
    return sum(max(1, math.ceil(_text_width(line) / usable)) for line in value.split("\n"))


def _text_colour(rgb: str) -> str:
    """Black on a light fill, white on a dark one."""
    red, green, blue = (int(rgb[i : i + 2], 16) for i in (0, 2, 4))
    return "000000" if 0.299 * red + 0.587 * green + 0.114 * blue > 150 else "FFFFFF"


def _table(
    key: str,
    records: Iterable[Mapping[str, object]],
    columns: Sequence[Column],
    language: Language,
    *,
    autofilter: bool = True,
) -> _Sheet:
    """A sheet of records keyed by the columns' keys, named in the language."""
    return _Sheet(
        key=key,
        headers=tuple(c.name(language) for c in columns),
        rows=tuple(export(records, columns, language)),
        autofilter=autofilter,
    )


def _exported(
    key: str, rows: list[dict[str, object]], columns: Sequence[Column], language: Language
) -> _Sheet:
    """A sheet of a list's own ``to_rows``: its column names, in its order."""
    return _Sheet(key=key, headers=tuple(c.name(language) for c in columns), rows=tuple(rows))


def _sheets(report: AuditReport, language: Language) -> list[_Sheet]:
    """The report's sheets in the order of :data:`SHEETS`, those without rows left out."""
    found = [
        _overview(report, language),
        _table("instruments", (dict(i) for i in report.instruments), INSTRUMENT_COLUMNS, language),
        _accidents(report, language),
    ]
    if report.risks is not None:
        found += [_risk_points(report.risks, language), _risk_matrix(report.risks, language)]
    found.append(
        _table(
            "hazard_units",
            (_unit_record(u) for u in report.hazard_units),
            HAZARD_UNIT_COLUMNS,
            language,
        )
    )
    section = report.standardization
    if section is not None and section.assessment is not None:
        found.append(
            _table(
                "standardization",
                (dict(e) for e in section.assessment.by_top_element),
                ELEMENT_COLUMNS,
                language,
            )
        )
    found += [
        _table("deductions", _deductions(report), DEDUCTION_COLUMNS, language),
        _table("hazards", _hazards(report.inspections), HAZARD_COLUMNS, language),
        _table("findings", _findings(report.inspections), ENFORCEMENT_COLUMNS, language),
    ]
    if report.hazard_ledger is not None:
        found.append(
            _table("hazard_ledger", report.hazard_ledger.table_rows(), LEDGER_COLUMNS, language)
        )
    found += _responsibility(report, language)
    found.append(_table("credit", _credit(report), CREDIT_COLUMNS, language))
    found.append(
        _table(
            "input_problems",
            problem_records(report.input_problems, report.input_warnings),
            INPUT_PROBLEM_COLUMNS,
            language,
        )
    )
    order = [sheet.key for sheet in SHEETS]
    return sorted((s for s in found if s.rows), key=lambda s: order.index(s.key))


def _overview(report: AuditReport, language: Language) -> _Sheet:
    e = report.enterprise
    facts: list[tuple[str, object]] = [
        ("as_of", report.as_of),
        ("name", e.name),
        ("uscc", e.uscc),
        ("industry", e.industry),
        ("employees", e.employees),
        ("revenue", e.revenue),
        ("assets", e.assets),
        ("size", _size_line(report)),
        ("size_basis", report.size.explanation.text() if report.size.explanation.reasons else ""),
        ("flags", "、".join(sorted(f.value for f in e.flags)) or "无"),
        (
            "jurisdiction",
            " → ".join(f"{j.name}（{j.code}，{j.level}）" for j in report.jurisdiction_chain),
        ),
        ("instruments", len(report.instruments)),
        ("unverified", len(report.unverified)),
    ]
    if report.risks is not None:
        counts = report.risks.counts.items()
        facts.append(("risk_counts", "，".join(f"{level.value} {n} 项" for level, n in counts)))
    section = report.standardization
    if section is not None:
        facts += _standardization_facts(section)
    for inspection in report.inspections:
        facts += _inspection_facts(inspection)
    if report.hazard_ledger is not None:
        facts.append(("hazard_ledger", report.hazard_ledger.summary()))
    responsibility = report.responsibility
    if responsibility is not None and responsibility.custody is not None:
        facts += [("custody_note", note) for note in responsibility.custody.notes]
    facts += [("not_assessed", problem) for problem in _problems(report)]
    facts += [("input_table", line) for line in report.input_lines()]
    labels = {item.key: item.name(language) for item in OVERVIEW_ITEMS}
    records = [{"item": labels[key], "value": value} for key, value in facts if value != ""]
    return _table("overview", records, OVERVIEW_COLUMNS, language, autofilter=False)


def _size_line(report: AuditReport) -> str:
    section = report.size
    if section.size is None:
        return f"未能测算（{section.problem}）"
    how = "企业填报" if section.given else "按统计上大中小微型企业划分办法测算"
    return f"{section.size.value}（{how}）"


def _standardization_facts(section: StandardizationSection) -> list[tuple[str, object]]:
    facts: list[tuple[str, object]] = []
    a = section.assessment
    if a is not None:
        facts.append(
            (
                "standardization",
                f"{a.score} 分（实得分 {a.earned} ÷ 应得分 {a.applicable_points} × 100；"
                f"{section.standard_name}，自评日期 {section.assessed_on.isoformat()}）",
            )
        )
    g = section.grading
    if g is not None:
        level = g.applied_level.label
        verdict = f"申请{level}，{'予以' if g.granted else '不予'}{level}"
        if g.reachable_level and not g.granted:
            verdict += f"；可达到{g.reachable_level.label}"
        if g.authority and g.valid_until:
            verdict += f"，由{g.authority}定级，有效期至 {g.valid_until.isoformat()}"
        facts.append(("grading", verdict))
    return facts


def _inspection_name(section: InspectionSection) -> str:
    return f"{section.checklist_name}（{section.inspected_on.isoformat()}）"


def _inspection_facts(section: InspectionSection) -> list[tuple[str, object]]:
    r = section.result
    if r is None:
        return []
    facts: list[tuple[str, object]] = [
        (
            "inspection",
            f"{_inspection_name(section)}：发现隐患 {len(r.hazards)} 项"
            f"（重大事故隐患 {len(r.major_hazards())} 项），执法发现 {len(r.findings)} 项，"
            f"标准化扣分 {len(r.deductions)} 项",
        )
    ]
    if r.skipped:
        facts.append(("skipped", "；".join(f"{s.item}（{s.reason}）" for s in r.skipped)))
    if r.unanswered:
        facts.append(("unanswered", "、".join(r.unanswered)))
    return facts


def _problems(report: AuditReport) -> list[str]:
    """What the report could not assess, each with the section it concerns."""
    problems: list[tuple[str, str | None]] = [
        ("企业规模", report.size.problem),
        ("安全风险分级管控", report.risks_problem),
    ]
    if report.standardization is not None:
        problems.append(("安全生产标准化", report.standardization.problem))
    problems += [(f"三标融合检查 {_inspection_name(s)}", s.problem) for s in report.inspections]
    responsibility = report.responsibility
    if responsibility is not None:
        problems += [
            ("全员安全生产责任制", responsibility.system_problem),
            ("重大危险源包保责任", responsibility.custody_problem),
        ]
        problems += [
            (f"责任追究清单 {a.occurred_on.isoformat()} {a.summary}", a.problem)
            for a in responsibility.accountability
        ]
    return [f"{where}：{problem}" for where, problem in problems if problem]


def _accidents(report: AuditReport, language: Language) -> _Sheet:
    records = []
    for accident in report.accidents:
        record, result = accident.record, accident.classification
        category = record.accident_category()
        records.append(
            {
                "occurred_on": record.occurred_on,
                "summary": record.summary,
                "category": None if category is None else category.label,
                "deaths": record.deaths,
                "missing": record.missing,
                "serious_injuries": record.serious_injuries,
                "direct_economic_loss": record.direct_economic_loss,
                "grade": result.grade.value,
                "reasons": result.explanation.text(),
            }
        )
    return _table("accidents", records, ACCIDENT_COLUMNS, language)


def _condition_text(condition_id: str) -> str:
    try:
        return direct_condition(condition_id).text
    except UnknownReference:
        # A condition registered for one jurisdiction only: its id still says what it is.
        return condition_id


def _risk_points(risks: RegisterGrading, language: Language) -> _Sheet:
    records = []
    for row in risks.rows:
        point, a = row.point, row.assessment
        records.append(
            {
                "point_id": point.id,
                "name": point.name,
                "kind": point.kind.value,
                "location": point.location,
                "method": a.method,
                "score": a.score,
                "grade": a.grade,
                "level": a.level.value,
                "colour": a.colour.value,
                "direct": "；".join(_condition_text(c) for c in a.forced_by),
                "control_level": row.control_levels[0].value if row.control_levels else None,
                "unit": point.unit,
                "owner": point.owner,
            }
        )
    sheet = _table("risk_points", records, RISK_POINT_COLUMNS, language)
    level = _header("level", RISK_POINT_COLUMNS, language)
    fills = {(i, level): row.assessment.colour.hex for i, row in enumerate(risks.rows)}
    return attrs.evolve(sheet, fills=fills)


def _risk_matrix(risks: RegisterGrading, language: Language) -> _Sheet:
    records: list[dict[str, object]] = []
    levels: list[tuple[RiskLevel, ...]] = []
    for heat in risks.heat_maps:
        for likelihood in range(5, 0, -1):
            counts = heat.counts[likelihood - 1]
            records.append(
                {
                    "scheme": heat.scheme,
                    "likelihood": likelihood,
                    **{f"s{s}": counts[s - 1] for s in range(1, 6)},
                }
            )
            levels.append(heat.levels[likelihood - 1])
    sheet = _table("risk_matrix", records, RISK_MATRIX_COLUMNS, language, autofilter=False)
    headers = [_header(f"s{s}", RISK_MATRIX_COLUMNS, language) for s in range(1, 6)]
    fills = {
        (i, header): row[s].colour.hex
        for i, row in enumerate(levels)
        for s, header in enumerate(headers)
    }
    return attrs.evolve(sheet, fills=fills)


def _header(key: str, columns: Sequence[Column], language: Language) -> str:
    return next(c.name(language) for c in columns if c.key == key)


def _unit_record(u: AssessedUnit) -> dict[str, object]:
    a = u.assessment
    if a is None:
        substances = [f"{s.name} {s.quantity}" for s in u.unit.substances]
    else:
        substances = [f"{x.name} {x.quantity} / {x.critical_quantity}" for x in a.lines]
    return {
        "unit": u.unit.name,
        "kind": u.unit.kind.value,
        "substances": "；".join(substances),
        "s": None if a is None else a.s,
        "is_major": "未评价" if a is None else a.is_major,
        "alpha": None if a is None else a.alpha,
        "r": None if a is None else a.r,
        "grade": None if a is None else a.grade_label,
        "reasons": None if a is None else a.explanation.text(),
        "duties": u.duties.explanation.text()
        if a is not None and a.is_major and u.duties is not None
        else None,
        "problem": u.problem,
    }


def _deductions(report: AuditReport) -> list[dict[str, object]]:
    records: list[dict[str, object]] = []
    section = report.standardization
    a = None if section is None else section.assessment
    if section is not None and a is not None:
        source = f"自评（{section.assessed_on.isoformat()}）"
        for item in a.items:
            if item.status is ItemStatus.COMPLIANT:
                continue
            reasons = [r for r in a.explanation.reasons if r.inputs.get("item") == item.item]
            citations = dict.fromkeys(r.citation.text for r in reasons if r.citation is not None)
            records.append(
                {
                    "source": source,
                    "item": item.item,
                    "element": item.element,
                    "status": item.status,
                    "points": item.points,
                    "deducted": item.deducted,
                    "earned": item.earned,
                    "detail": "；".join(r.message for r in reasons),
                    "basis": "；".join(citations),
                    "confidence": Confidence.weakest([r.confidence for r in reasons])
                    if reasons
                    else None,
                }
            )
    for inspection in report.inspections:
        if inspection.result is None:
            continue
        for d in inspection.result.deductions:
            records.append(
                {
                    "source": f"检查：{_inspection_name(inspection)}",
                    "item": d.item,
                    "element": d.item.rsplit("-", 1)[0],
                    "status": ItemStatus.DEDUCTED,
                    "points": None,
                    "deducted": None,
                    "earned": None,
                    "detail": f"扣分规则 {d.rule}，{d.count} 处：{d.evidence}（检查项 {d.source}）",
                    "basis": None,
                    "confidence": None,
                }
            )
    return records


def _hazards(inspections: Iterable[InspectionSection]) -> list[dict[str, object]]:
    found = [
        (inspection, hazard)
        for inspection in inspections
        if inspection.result is not None
        for hazard in inspection.result.hazards
    ]
    found.sort(key=lambda pair: pair[1].level.value != "重大事故隐患")
    return [
        {
            "inspection": _inspection_name(inspection),
            "id": h.id,
            "description": h.description,
            "level": h.level,
            "location": h.location,
            "basis": h.major_basis,
            "found_on": h.found_on.date(),
            "found_by": h.found_by,
            "origin": h.origin,
        }
        for inspection, h in found
    ]


def _band(penalty: FindingPenalty) -> str | None:
    band = penalty.statutory
    if band is None:
        return None
    if band.maximum == 0:
        return "不处罚款"
    if not band.minimum:
        return f"{yuan_text(band.maximum)}以下"
    return f"{yuan_text(band.minimum)}以上{yuan_text(band.maximum)}以下"


def _findings(inspections: Iterable[InspectionSection]) -> list[dict[str, object]]:
    records: list[dict[str, object]] = []
    for inspection in inspections:
        if inspection.result is None:
            continue
        for f, p in zip(inspection.result.findings, inspection.penalties, strict=True):
            found, band = p.recommendation, p.statutory
            records.append(
                {
                    "inspection": _inspection_name(inspection),
                    "source": f.source,
                    "description": f.description,
                    "violation": f.violation,
                    "location": f.location,
                    "count": f.count,
                    "evidence": f.evidence,
                    "obligation": f.obligation,
                    "penalty": f.penalty,
                    "band": _band(p),
                    "band_minimum": None if band is None else band.minimum,
                    "band_maximum": None if band is None else band.maximum,
                    "recommended": None if found is None else found.range.text(),
                    "recommended_minimum": None if found is None else found.range.minimum,
                    "recommended_maximum": None if found is None else found.range.maximum,
                    "tier": None if found is None else found.tier,
                    "problem": p.problem,
                }
            )
    return records


def _responsibility(report: AuditReport, language: Language) -> list[_Sheet]:
    section = report.responsibility
    if section is None:
        return []
    found: list[_Sheet] = []
    if section.system is not None:
        found.append(
            _exported("system", section.system.to_rows(language), FINDING_COLUMNS, language)
        )
    problems: list[dict[str, object]] = []
    if section.major_risks is not None:
        found.append(
            _exported(
                "major_risks",
                section.major_risks.to_rows(language),
                MAJOR_RISK_COLUMNS,
                language,
            )
        )
        problems += _list_problems("重大风险清单", section.major_risks.problems)
    if section.control is not None:
        found.append(
            _exported("control", section.control.to_rows(language), CONTROL_COLUMNS, language)
        )
        problems += _list_problems("风险管控责任清单", section.control.problems)
    if section.custody is not None:
        found.append(
            _exported("custody", section.custody.to_rows(language), CUSTODY_COLUMNS, language)
        )
        problems += _list_problems("包保责任", section.custody.problems)
    found.append(_table("list_problems", problems, LIST_PROBLEM_COLUMNS, language))
    rows: list[dict[str, object]] = []
    for item in section.accountability:
        if item.result is None:
            continue
        (accident,) = export(
            [
                {
                    "occurred_on": item.occurred_on,
                    "accident": item.summary,
                    "assumed": item.assumed,
                }
            ],
            ACCIDENT_REFERENCE_COLUMNS,
            language,
        )
        rows += [{**accident, **row} for row in item.result.to_rows(language)]
    columns = (*ACCIDENT_REFERENCE_COLUMNS, *ACCOUNTABILITY_COLUMNS)
    found.append(_exported("accountability", rows, columns, language))
    return found


def _list_problems(name: str, problems: Iterable[ListProblem]) -> list[dict[str, object]]:
    return [
        {"list": name, "row": p.row, "message": p.message, "basis": p.citation} for p in problems
    ]


def _credit(report: AuditReport) -> list[dict[str, object]]:
    records: list[dict[str, object]] = []
    for item in report.credit:
        r = item.result
        period = None if r is None else r.period
        records.append(
            {
                "decided_on": item.decided_on,
                "accident": item.summary,
                "verdict": "未判定" if r is None else "应列入" if r.listed else "不列入",
                "regime": None if r is None else r.regime_name,
                "situations": None if r is None else tuple(s.label for s in r.situations),
                "parties": None if r is None else r.parties,
                "period": None
                if period is None
                else f"{period.start.isoformat()} 至 {period.end.isoformat()}（{period.years}年）",
                "status": None if r is None else r.status_as_of,
                "reasons": None if r is None else r.explanation.text(),
                "note": item.note,
                "problem": item.problem,
            }
        )
    return records
