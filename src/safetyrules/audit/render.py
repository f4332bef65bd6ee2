"""Rendering an audit report (报告输出): Markdown, JSON and the terminal.

Every format shows the same facts; the terminal one uses rich, imported only when used.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from safetyrules.accidents.grade import yuan_text
from safetyrules.accidents.record import AccidentRecord
from safetyrules.audit.credit_section import CreditItem
from safetyrules.audit.ledger_section import LEDGER_COLUMNS, LedgerSection
from safetyrules.audit.report import (
    INPUT_PROBLEM_COLUMNS,
    AssessedUnit,
    AuditReport,
    FindingPenalty,
    InspectionSection,
    StandardizationSection,
)
from safetyrules.audit.responsibility_section import ResponsibilitySection
from safetyrules.law.numerals import to_chinese
from safetyrules.risk.register import HeatMap, RegisterGrading

if TYPE_CHECKING:
    from rich.console import Console


def _size_line(report: AuditReport) -> str:
    section = report.size
    if section.size is None:
        return f"未能测算（{section.problem}）"
    how = "企业填报" if section.given else "按统计上大中小微型企业划分办法测算"
    return f"{section.size.value}（{how}）"


def to_json(report: AuditReport) -> str:
    """The report as JSON (JSON 格式), for other applications.

    >>> import json
    >>> from datetime import date
    >>> from safetyrules.audit import audit, demo_inputs
    >>> data = json.loads(to_json(audit(demo_inputs(), date(2026, 11, 29))))
    >>> data["as_of"], data["enterprise"]["jurisdiction"]
    ('2026-11-29', '330402')
    """
    return report.model_dump_json(indent=2)


def to_markdown(report: AuditReport) -> str:
    """The report as Markdown (Markdown 格式), ready to paste into a document.

    >>> from datetime import date
    >>> from safetyrules.audit import audit, demo_inputs
    >>> print(to_markdown(audit(demo_inputs(), date(2026, 11, 29))).splitlines()[0])
    # 安全生产合规审计报告：嘉兴南湖示范食品有限公司
    """
    e = report.enterprise
    lines = [
        f"# 安全生产合规审计报告：{e.name}",
        "",
        f"审计基准日：{report.as_of.isoformat()}",
        "",
        "## 企业基本情况",
        "",
        *_grid(
            ("项目", "内容"),
            [
                ("单位名称", e.name),
                ("统一社会信用代码", e.uscc),
                ("国民经济行业分类", e.industry),
                ("从业人员", "" if e.employees is None else e.employees),
                ("企业规模", _size_line(report)),
                ("风险特征", "、".join(sorted(f.value for f in e.flags)) or "无"),
            ],
        ),
        "",
        "## 属地",
        "",
        " → ".join(f"{j.name}（{j.code}，{j.level}）" for j in report.jurisdiction_chain),
        "",
    ]
    if report.size.explanation.reasons:
        lines += ["企业规模测算依据：", "", _md_text(report.size.explanation.text()), ""]
    lines += [
        "## 审计基准日有效的法律文件",
        "",
        *_grid(
            ("文件", "类别", "发布机关", "有效期间", "适用地区", "可信度"),
            (
                (i.label, i.kind, i.issuer, i.period, i.jurisdiction, i.confidence.label)
                for i in report.instruments
            ),
        ),
    ]
    if report.unverified:
        lines += ["", f"注意：其中 {len(report.unverified)} 件文件的部分信息未经官方文本核实。"]
    lines += ["", "## 生产安全事故", ""]
    if not report.accidents:
        lines.append("审计基准日前无事故记录。")
    for accident in report.accidents:
        record, result = accident.record, accident.classification
        lines += [
            f"### {record.occurred_on.isoformat()} {record.summary}：{result.grade.value}",
            "",
            *([_category_line(record), ""] if record.category else []),
            _md_text(result.explanation.text()),
            "",
        ]
    if report.risks is not None:
        lines += _risk_markdown(report.risks)
    elif report.risks_problem:
        lines += ["## 安全风险分级管控", "", f"未评价：{report.risks_problem}", ""]
    if report.hazard_units:
        lines += _major_hazard_markdown(report.hazard_units)
    if report.standardization is not None:
        lines += _standardization_markdown(report.standardization)
    for section in report.inspections:
        lines += _inspection_markdown(section)
    if report.hazard_ledger is not None:
        lines += _ledger_markdown(report.hazard_ledger)
    if report.responsibility is not None and not report.responsibility.empty:
        lines += _responsibility_markdown(report.responsibility)
    if report.credit:
        lines += _credit_markdown(report.credit)
    if report.has_input_section:
        lines += _input_markdown(report)
    return "\n".join(_numbered(lines)).rstrip("\n") + "\n"


def _numbered(lines: list[str]) -> list[str]:
    """Number the sections in order (一、二、……), whichever sections the report has."""
    numbered, count = [], 0
    for line in lines:
        if line.startswith("## "):
            count += 1
            line = f"## {to_chinese(count)}、{line.removeprefix('## ')}"
        numbered.append(line)
    return numbered


def print_report(report: AuditReport, console: Console) -> None:
    """Print the report to a terminal with rich (终端输出).

    >>> from datetime import date
    >>> from rich.console import Console
    >>> from safetyrules.audit import audit, demo_inputs
    >>> console = Console(record=True, width=100)
    >>> with console.capture() as captured:
    ...     print_report(audit(demo_inputs(), date(2026, 11, 29)), console)
    >>> "安全生产合规审计：嘉兴南湖示范食品有限公司" in captured.get()
    True
    """
    from rich.panel import Panel
    from rich.table import Table

    e = report.enterprise
    facts = Table.grid(padding=(0, 2))
    facts.add_row("统一社会信用代码", e.uscc)
    facts.add_row("国民经济行业分类", e.industry)
    facts.add_row("从业人员", "" if e.employees is None else str(e.employees))
    facts.add_row("企业规模", _size_line(report))
    facts.add_row("风险特征", "、".join(sorted(f.value for f in e.flags)) or "无")
    facts.add_row("属地", " → ".join(j.name for j in report.jurisdiction_chain))
    console.print(
        Panel(facts, title=f"安全生产合规审计：{e.name}", subtitle=f"基准日 {report.as_of}")
    )
    if report.size.explanation.reasons:
        console.print("[bold]企业规模测算依据[/bold]")
        console.print(report.size.explanation.text(), highlight=False)
    table = Table(title="审计基准日有效的法律文件")
    for header in ("文件", "类别", "有效期间", "适用地区", "可信度"):
        table.add_column(header)
    for i in report.instruments:
        style = "yellow" if i.confidence.value == "unverified" else None
        table.add_row(i.label, i.kind, i.period, i.jurisdiction, i.confidence.label, style=style)
    console.print(table)
    console.print("[bold]生产安全事故[/bold]")
    if not report.accidents:
        console.print("审计基准日前无事故记录。")
    for accident in report.accidents:
        record, result = accident.record, accident.classification
        console.print(
            f"[bold]{record.occurred_on} {record.summary}：{result.grade.value}[/bold]",
            highlight=False,
        )
        if record.category:
            console.print(_category_line(record), highlight=False)
        console.print(result.explanation.text(), highlight=False)
    if report.risks is not None:
        _print_risks(report.risks, console)
    elif report.risks_problem:
        console.print(
            f"[bold]安全风险分级管控[/bold] 未评价：{report.risks_problem}", highlight=False
        )
    if report.hazard_units:
        _print_major_hazards(report.hazard_units, console)
    from rich.markdown import Markdown

    if report.standardization is not None:
        console.print(Markdown("\n".join(_standardization_markdown(report.standardization))))
    for section in report.inspections:
        console.print(Markdown("\n".join(_inspection_markdown(section))))
    if report.hazard_ledger is not None:
        console.print(Markdown("\n".join(_ledger_markdown(report.hazard_ledger))))
    if report.responsibility is not None and not report.responsibility.empty:
        console.print(Markdown("\n".join(_responsibility_markdown(report.responsibility))))
    if report.credit:
        console.print(Markdown("\n".join(_credit_markdown(report.credit))))
    if report.has_input_section:
        console.print(Markdown("\n".join(_input_markdown(report))))


def _category_line(record: AccidentRecord) -> str:
    category = record.accident_category()
    assert category is not None
    return f"事故类别：{category.label}（{category.citation}）"


_RISK_HEADERS = (
    "编号",
    "风险点",
    "方法",
    "分值",
    "方案等级",
    "风险等级",
    "管控层级",
    "责任单位",
    "责任人",
)


def _risk_rows(risks: RegisterGrading) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for row in risks.rows:
        a = row.assessment
        level = f"{a.level.value}（{a.colour.value}）"
        if a.forced_by:
            level += "，直接判定"
        rows.append(
            (
                row.point.id,
                row.point.name,
                a.method.value,
                format(a.score, "f"),
                a.grade or "",
                level,
                "、".join(c.value for c in row.control_levels[:1]),
                row.point.unit or "",
                row.point.owner or "",
            )
        )
    return rows


def _heat_map_rows(heat: HeatMap) -> list[tuple[str, ...]]:
    """The LS matrix from L = 5 at the top, each cell "points（colour）"."""
    return [
        (
            f"L = {l}",
            *(
                f"{heat.counts[l - 1][s - 1]}（{heat.levels[l - 1][s - 1].colour.value}）"
                for s in range(1, 6)
            ),
        )
        for l in range(5, 0, -1)  # noqa: E741
    ]


def _risk_markdown(risks: RegisterGrading) -> list[str]:
    lines = ["## 安全风险分级管控", ""]
    lines.append("，".join(f"{level.value} {n} 项" for level, n in risks.counts.items()) + "。")
    lines += ["", *_grid(_RISK_HEADERS, _risk_rows(risks))]
    for heat in risks.heat_maps:
        lines += [
            "",
            f"风险矩阵（LS 法各风险点数，括号内为该格颜色，分级方案 {heat.scheme}）：",
            "",
            *_grid(("", "S = 1", "S = 2", "S = 3", "S = 4", "S = 5"), _heat_map_rows(heat)),
        ]
    for row in risks.major():
        lines += ["", f"### 重大风险 {row.point.id} {row.point.name}", ""]
        lines.append(_md_text(row.assessment.explanation.text()))
    lines.append("")
    return lines


def _print_risks(risks: RegisterGrading, console: Console) -> None:
    from rich.table import Table

    console.print("[bold]安全风险分级管控[/bold]")
    table = Table(title="，".join(f"{level.value} {n} 项" for level, n in risks.counts.items()))
    for header in _RISK_HEADERS:
        table.add_column(header)
    styles = {"红": "red", "橙": "dark_orange", "黄": "yellow", "蓝": "blue"}
    for cells, graded in zip(_risk_rows(risks), risks.rows, strict=True):
        table.add_row(*cells, style=styles[graded.assessment.colour.value])
    console.print(table)
    for heat in risks.heat_maps:
        matrix = Table(title=f"风险矩阵（LS，分级方案 {heat.scheme}）")
        for header in ("", "S = 1", "S = 2", "S = 3", "S = 4", "S = 5"):
            matrix.add_column(header)
        for cells in _heat_map_rows(heat):
            matrix.add_row(*cells)
        console.print(matrix)
    for row in risks.major():
        console.print(f"[bold]重大风险 {row.point.id} {row.point.name}[/bold]")
        console.print(row.assessment.explanation.text(), highlight=False)


_UNIT_HEADERS = ("单元", "类别", "S = Σq/Q", "重大危险源", "α", "R", "级别")


def _unit_rows(units: tuple[AssessedUnit, ...]) -> list[tuple[str, ...]]:
    def number(value: Decimal | None) -> str:
        return "—" if value is None else format(value, "f")

    rows: list[tuple[str, ...]] = []
    for u in units:
        a = u.assessment
        if a is None:
            rows.append((u.unit.name, u.unit.kind.value, "—", "未评价", "—", "—", "—"))
            continue
        rows.append(
            (
                u.unit.name,
                a.kind.value,
                number(a.s),
                "是" if a.is_major else "否",
                number(a.alpha),
                number(a.r),
                a.grade_label or "—",
            )
        )
    return rows


def _major_hazard_markdown(units: tuple[AssessedUnit, ...]) -> list[str]:
    lines = ["## 危险化学品重大危险源（GB 18218-2018）", ""]
    lines += _grid(_UNIT_HEADERS, _unit_rows(units))
    for u in units:
        lines += ["", f"### {u.unit.name}", ""]
        if u.assessment is None:
            lines.append(f"未评价：{u.problem}")
            continue
        lines.append(_md_text(u.assessment.explanation.text()))
        if u.assessment.is_major and u.duties is not None:
            lines += ["", "由此产生的义务：", "", _md_text(u.duties.explanation.text())]
    lines.append("")
    return lines


def _print_major_hazards(units: tuple[AssessedUnit, ...], console: Console) -> None:
    from rich.table import Table

    table = Table(title="危险化学品重大危险源（GB 18218-2018）")
    for header in _UNIT_HEADERS:
        table.add_column(header)
    for cells in _unit_rows(units):
        table.add_row(*cells)
    console.print(table)
    for u in units:
        console.print(f"[bold]{u.unit.name}[/bold]")
        if u.assessment is None:
            console.print(f"未评价：{u.problem}", highlight=False)
            continue
        console.print(u.assessment.explanation.text(), highlight=False)
        if u.assessment.is_major and u.duties is not None:
            console.print("由此产生的义务：")
            console.print(u.duties.explanation.text(), highlight=False)


def _standardization_markdown(section: StandardizationSection) -> list[str]:
    lines = [
        "## 安全生产标准化",
        "",
        f"自评日期 {section.assessed_on.isoformat()}，评分标准：{section.standard_name}。",
        "",
    ]
    a = section.assessment
    if a is not None:
        lines += [
            f"标准化得分 **{a.score}** 分（实得分 {a.earned} ÷ 应得分 {a.applicable_points} × 100）。",
            "",
            *_grid(
                ("一级要素", "应得分", "实得分", "得分率"),
                (
                    (
                        f"{e.code} {e.name}",
                        e.applicable_points,
                        e.earned,
                        "—" if e.percentage is None else f"{e.percentage}%",
                    )
                    for e in a.by_top_element
                ),
            ),
            "",
            "得分率最低的一级要素："
            + "、".join(f"{e.code} {e.name}（{e.percentage}%）" for e in a.weakest_elements()),
            "",
            "失分最多的评分项：" + "、".join(f"{i.item}（失 {i.lost} 分）" for i in a.most_lost()),
            "",
        ]
        if a.failed_gates:
            lines += ["未满足的必备条件：" + "；".join(a.failed_gates), ""]
    g = section.grading
    if g is not None:
        verdict = (
            f"申请{g.applied_level.label}，{'予以' if g.granted else '不予'}{g.applied_level.label}"
            + (f"；可达到{g.reachable_level.label}" if g.reachable_level and not g.granted else "")
            + (
                f"，由{g.authority}定级，有效期至 {g.valid_until}"
                if g.authority and g.valid_until
                else ""
            )
        )
        lines += [f"### 定级：{verdict}", "", _md_text(g.explanation.text()), ""]
    if section.problem:
        lines += [f"未评价：{section.problem}", ""]
    if a is not None:
        lines += ["### 扣分明细", "", _md_text(a.explanation.text()), ""]
    return lines


def _inspection_markdown(section: InspectionSection) -> list[str]:
    lines = [
        f"## 三标融合检查：{section.checklist_name}（{section.inspected_on.isoformat()}）",
        "",
    ]
    r = section.result
    if r is None:
        return [*lines, f"未评价：{section.problem}", ""]
    hazards = sorted(r.hazards, key=lambda h: h.level.value != "重大事故隐患")
    lines += [
        f"发现隐患 {len(r.hazards)} 项（重大事故隐患 {len(r.major_hazards())} 项），"
        f"执法发现 {len(r.findings)} 项，标准化扣分 {len(r.deductions)} 项。",
        "",
        *_grid(
            ("隐患", "等级", "部位", "判定依据"),
            (
                (
                    h.description,
                    h.level.value,
                    h.location,
                    h.major_basis.text if h.major_basis else "—",
                )
                for h in hazards
            ),
        ),
        "",
        *_grid(
            (
                "检查项",
                "违法行为",
                "违反条款",
                "罚则",
                "法定罚款（单位）",
                "建议罚款（无其他情节）",
            ),
            (
                (f.source, f.description, f.obligation, f.penalty, _band(p), _recommended(p))
                for f, p in zip(r.findings, section.penalties, strict=True)
            ),
        ),
        "",
    ]
    if r.deductions:
        lines += [
            "标准化扣分："
            + "；".join(f"{d.item} 规则{d.rule} ×{d.count}（{d.source}）" for d in r.deductions),
            "",
        ]
    for penalty in section.penalties:
        if penalty.recommendation is not None:
            lines += [
                f"### 罚款裁量：{penalty.source}",
                "",
                _md_text(penalty.recommendation.explanation.text()),
                "",
            ]
    if r.skipped:
        lines += ["未检查：" + "；".join(f"{s.item}（{s.reason}）" for s in r.skipped), ""]
    if r.unanswered:
        lines += ["适用但未作答：" + "、".join(r.unanswered), ""]
    return lines


def _band(penalty: FindingPenalty) -> str:
    band = penalty.statutory
    if band is None:
        return f"未评价：{penalty.problem}"
    if band.maximum == 0:
        return "不处罚款"
    if not band.minimum:
        return f"{yuan_text(band.maximum)}以下"
    return f"{yuan_text(band.minimum)}以上{yuan_text(band.maximum)}以下"


def _recommended(penalty: FindingPenalty) -> str:
    found = penalty.recommendation
    if found is None:
        return "—"
    return f"{found.range.text()}（{found.tier.value}）"


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def _escape(text: str) -> str:
    r"""Text as Markdown shows it literally: its markup characters escaped, lines joined.

    >>> print(_escape("<b>A|B</b> *x*"))
    \<b\>A\|B\</b\> \*x\*
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("\n", " ")


def _md_text(text: str) -> str:
    r"""A multi-line text (an explanation) for Markdown: each line's markup escaped, the lines
    kept, so that a description typed by a user shows as typed.

    >>> print(_md_text("1. 隐患 <A*B>\n2. 其他"))
    1. 隐患 \<A\*B\>
    2. 其他
    """
    return "\n".join(_escape(line) for line in text.split("\n"))


def _grid(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> list[str]:
    """A Markdown table; every cell's markup characters and line breaks are escaped."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += [
        "| " + " | ".join(_escape("" if v is None else str(v)) for v in row) + " |" for row in rows
    ]
    return lines


def _table(rows: list[dict[str, object]], columns: tuple[str, ...]) -> list[str]:
    """A Markdown table of the named columns of exported list rows."""
    return _grid(columns, ([row[c] for c in columns] for row in rows))


def _responsibility_markdown(section: ResponsibilitySection) -> list[str]:
    lines = ["## 安全生产责任与三清单", ""]
    columns: tuple[str, ...]
    if section.system is not None or section.system_problem:
        lines += ["### 全员安全生产责任制", ""]
        if section.system_problem:
            lines += [f"未评价：{section.system_problem}", ""]
        if section.system is not None:
            requirement = section.system.staffing.requirement
            lines += [
                _md_text(section.system.text()),
                "",
                f"机构与人员配备要求：{requirement.summary()}。",
                "",
            ]
            lines += [f"- {r.message}" for r in requirement.reasons]
            lines.append("")
    if section.major_risks is not None:
        lines += ["### 重大风险清单", ""]
        rows = section.major_risks.to_rows()
        columns = ("风险点编号", "风险点名称", "判定依据", "管控层级", "责任单位", "责任人")
        lines += [*_table(rows, columns), ""] if rows else ["无重大风险。", ""]
        lines += [f"- {p.message}（{p.citation}）" for p in section.major_risks.problems]
    if section.control is not None:
        lines += ["", "### 风险管控责任清单", ""]
        columns = (
            "风险点编号",
            "风险点名称",
            "风险等级",
            "管控层级",
            "逐级管控层级",
            "应由何人负责",
            "责任单位",
            "责任人",
        )
        lines += [*_table(section.control.to_rows(), columns), ""]
        lines += [f"- {p.message}（{p.citation}）" for p in section.control.problems]
    if section.custody is not None or section.custody_problem:
        lines += ["", "### 重大危险源包保责任", ""]
        if section.custody_problem:
            lines.append(f"未评价：{section.custody_problem}")
        if section.custody is not None:
            columns = (
                "重大危险源",
                "级别",
                "包保责任人",
                "姓名/岗位",
                "排查频次",
                "依据",
                "可信度",
            )
            lines += [*_table(section.custody.to_rows(), columns), ""]
            lines += [f"- {p.message}（{p.citation}）" for p in section.custody.problems]
            lines += [f"- 注：{note}" for note in section.custody.notes]
    for item in section.accountability:
        lines += ["", f"### 责任追究清单：{item.occurred_on.isoformat()} {item.summary}", ""]
        if item.assumed:
            lines += ["未录入事故调查认定的责任，仅按事故发生单位负有责任列示。", ""]
        if item.problem:
            lines.append(f"未评价：{item.problem}")
        elif item.result is not None:
            columns = ("责任主体", "情形", "追究方式", "追究依据", "决定机关", "可信度")
            lines += _table(item.result.to_rows(), columns)
            lines += ["", "适用版本：", ""]
            lines += [f"- {r.message}" for r in item.result.reasons]
    lines.append("")
    return lines


def _credit_markdown(items: tuple[CreditItem, ...]) -> list[str]:
    lines = ["## 严重失信主体名单", ""]
    for item in items:
        lines += [f"### {item.decided_on.isoformat()} 处罚决定：{item.summary}", ""]
        if item.problem:
            lines += [f"未评价：{item.problem}", ""]
            continue
        assert item.result is not None
        verdict = "应列入" if item.result.listed else "不列入"
        lines += [
            f"结论：{verdict}（{item.result.regime_name}）",
            "",
            _md_text(item.result.explanation.text()),
            "",
        ]
    return lines


def _ledger_markdown(section: LedgerSection) -> list[str]:
    return [
        "## 隐患排查治理台账",
        "",
        section.summary(),
        "",
        *_grid(
            tuple(c.zh for c in LEDGER_COLUMNS),
            ([row[c.key] for c in LEDGER_COLUMNS] for row in section.table_rows()),
        ),
        "",
        _md_text(section.explanation.text()),
        "",
    ]


def _input_markdown(report: AuditReport) -> list[str]:
    lines = ["## 资料读取情况", ""]
    lines += [f"- {_escape(line)}" for line in report.input_lines()]
    rows = report.input_problem_rows()
    if rows:
        lines += [
            "",
            report.input_summary(),
            "",
            *_table(rows, tuple(c.zh for c in INPUT_PROBLEM_COLUMNS)),
        ]
    lines.append("")
    return lines
