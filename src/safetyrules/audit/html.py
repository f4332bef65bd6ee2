"""The audit report as one self-contained HTML page (HTML 格式报告).

The page shows the sections of the Markdown report, in the same order and with the same
numbering, with inline CSS and inline SVG charts: no script, no external font or image, so the
file can be mailed, archived or printed as it is. Every text taken from the report is escaped.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from html import escape

from safetyrules.audit._svg import (
    LEVEL_COLOURS,
    Bar,
    Scale,
    bar_chart_svg,
    colour_class,
    heat_map_svg,
)
from safetyrules.audit.credit_section import CreditItem
from safetyrules.audit.ledger_section import LEDGER_COLUMNS, LedgerSection
from safetyrules.audit.render import (
    _RISK_HEADERS,
    _UNIT_HEADERS,
    _band,
    _category_line,
    _recommended,
    _risk_rows,
    _size_line,
    _unit_rows,
)
from safetyrules.audit.report import (
    INPUT_PROBLEM_COLUMNS,
    AssessedUnit,
    AuditReport,
    InspectionSection,
    StandardizationSection,
)
from safetyrules.audit.responsibility_section import AccidentAccountability, ResponsibilitySection
from safetyrules.checklists.inspection import InspectionResult
from safetyrules.hazards.definitions import HazardLevel
from safetyrules.hazards.machine import HazardStatus
from safetyrules.law.confidence import Confidence
from safetyrules.law.numerals import to_chinese
from safetyrules.risk.level import RiskColour, RiskLevel
from safetyrules.risk.register import HeatMap, RegisterGrading
from safetyrules.scoring.score import ScoringAssessment

UNVERIFIED_MARK = "（注意：该依据未经官方文本核实）"
"""The warning an explanation appends to a reason resting on an unverified fact (未核实提示)."""


class Html(str):
    """Text that is already HTML (已转义的 HTML 片段): table cells pass it through unescaped.

    >>> _cell(Html("<b>重大</b>")), _cell("<b>重大</b>")
    ('<b>重大</b>', '&lt;b&gt;重大&lt;/b&gt;')
    """

    __slots__ = ()


def _cell(value: object) -> str:
    """A value as HTML (单元格内容): escaped, line breaks kept, ``None`` empty.

    >>> _cell(None), _cell(3), _cell("甲\\n乙")
    ('', '3', '甲<br>乙')
    """
    if isinstance(value, Html):
        return str(value)
    return escape("" if value is None else str(value)).replace("\n", "<br>")


def _tag(name: str, content: str, css: str = "") -> str:
    """An element around HTML content (元素).

    >>> _tag("p", "甲", "note")
    '<p class="note">甲</p>'
    """
    return f'<{name} class="{css}">{content}</{name}>' if css else f"<{name}>{content}</{name}>"


def _p(text: str, css: str = "") -> str:
    """A paragraph of plain text (段落), escaped, its unverified warnings marked.

    >>> _p("a<b")
    '<p>a&lt;b</p>'
    """
    return _tag("p", _line(text), css)


def _problem(text: str) -> str:
    """A 未评价 note (未评价说明).

    >>> _problem("缺少数据")
    '<p class="problem">未评价：缺少数据</p>'
    """
    return _p(f"未评价：{text}", "problem")


def _line(text: str) -> str:
    """One line of an explanation (判定理由): its basis set off and an unverified warning marked.

    >>> _line("死亡0人。依据：《条例》第三条（注意：该依据未经官方文本核实）")
    '死亡0人。<span class="basis">依据：《条例》第三条</span><mark class="unverified">（注意：该依据未经官方文本核实）</mark>'
    """
    warned = text.endswith(UNVERIFIED_MARK)
    body = text.removesuffix(UNVERIFIED_MARK)
    head, sep, basis = body.rpartition("依据：")
    html = (
        escape(body)
        if not sep or "。" not in head[-1:]
        else f'{escape(head)}<span class="basis">依据：{escape(basis)}</span>'
    )
    return html + (f'<mark class="unverified">{UNVERIFIED_MARK}</mark>' if warned else "")


_NUMBERED = re.compile(r"(\d+)\. (.*)")


def _text_block(text: str) -> str:
    """Numbered lines ("1. …") as an ordered list, other lines as paragraphs (判定过程).

    >>> _text_block("1. 甲\\n2. 乙")
    '<ol class="reasons"><li value="1">甲</li><li value="2">乙</li></ol>'
    >>> _text_block("无问题。")
    '<p>无问题。</p>'
    """
    lines = [line for line in text.splitlines() if line.strip()]
    matches = [_NUMBERED.fullmatch(line) for line in lines]
    if lines and all(matches):
        items = "".join(
            f'<li value="{m.group(1)}">{_line(m.group(2))}</li>' for m in matches if m is not None
        )
        return f'<ol class="reasons">{items}</ol>'
    return "".join(_p(line) for line in lines)


def _bullets(items: Iterable[str], css: str = "") -> str:
    """A bulleted list of plain texts (列表); nothing when there are none.

    >>> _bullets(["甲"]), _bullets([])
    ('<ul><li>甲</li></ul>', '')
    """
    content = "".join(f"<li>{_line(item)}</li>" for item in items)
    return _tag("ul", content, css) if content else ""


def _level_cell(text: str) -> Html | str:
    """A risk level cell (风险等级) as a coloured badge that keeps its text.

    >>> _level_cell("重大风险（红），直接判定")
    '<span class="badge level-red">重大风险（红），直接判定</span>'
    >>> _level_cell("—")
    '—'
    """
    level = next((lv for lv in RiskLevel if text.startswith(lv.value)), None)
    if level is None:
        return text
    return Html(f'<span class="badge {colour_class(level.colour)}">{escape(text)}</span>')


def _hazard_cell(text: str) -> Html | str:
    """A hazard level cell (隐患等级): 重大事故隐患 as a red badge.

    >>> _hazard_cell("重大事故隐患")
    '<span class="badge level-red">重大事故隐患</span>'
    """
    if text == HazardLevel.MAJOR.value:
        return Html(f'<span class="badge {colour_class(RiskColour.RED)}">{escape(text)}</span>')
    return text


def _confidence_cell(text: str) -> Html | str:
    """A confidence cell (可信度): 未核实 marked.

    >>> _confidence_cell("未核实")
    '<mark class="unverified">未核实</mark>'
    """
    if text == Confidence.UNVERIFIED.label:
        return Html(f'<mark class="unverified">{escape(text)}</mark>')
    return text


_DECORATORS: dict[str, Callable[[str], Html | str]] = {
    "风险等级": _level_cell,
    "等级": _hazard_cell,
    "可信度": _confidence_cell,
}
"""How the cells of a column are shown, by the column's header (列样式)."""


_SHORT = 16
"""Cells at most this wide are kept on one line (短单元格不换行): 8 Chinese characters, or a
date, an id or a number of up to 16 Latin characters and digits."""


def _width(text: str) -> int:
    """The text's width in Latin characters: a CJK character counts two (显示宽度).

    >>> _width("2026-11-29"), _width("重大事故隐患")
    (10, 12)
    """
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _row(headers: Sequence[str], values: Sequence[object], css: str) -> str:
    """One table row (表格行), each cell decorated by its column.

    >>> _row(("可信度",), ("未核实",), "")
    '<tr><td class="short"><mark class="unverified">未核实</mark></td></tr>'
    """
    cells = []
    for header, value in zip(headers, values, strict=True):
        decorate = _DECORATORS.get(header)
        shown = decorate(value) if decorate and isinstance(value, str) else value
        short = _width(str(value if value is not None else "")) <= _SHORT
        cells.append(_tag("td", _cell(shown), "short" if short else ""))
    return _tag("tr", "".join(cells), css)


def _table(
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    row_css: Callable[[int], str] | None = None,
) -> str:
    """A table with a sticky header (表格); every cell escaped.

    >>> _table(("项目",), [("a<b",)])
    '<table><thead><tr><th scope="col">项目</th></tr></thead><tbody><tr><td class="short">a&lt;b</td></tr></tbody></table>'
    """
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in headers)
    body = "".join(
        _row(headers, values, row_css(i) if row_css else "") for i, values in enumerate(rows)
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _dict_table(rows: list[dict[str, object]], columns: tuple[str, ...]) -> str:
    """A table of the named columns of exported list rows (清单表格).

    >>> _dict_table([{"甲": 1, "乙": 2}], ("乙",))
    '<table><thead><tr><th scope="col">乙</th></tr></thead><tbody><tr><td class="short">2</td></tr></tbody></table>'
    """
    return _table(columns, ([row[c] for c in columns] for row in rows))


def _figure(svg: str, caption: str, extra: str = "") -> str:
    """A chart with its caption (图及图题).

    >>> _figure("<svg></svg>", "图<一>")
    '<figure><svg></svg><figcaption>图&lt;一&gt;</figcaption></figure>'
    """
    return f"<figure>{svg}<figcaption>{escape(caption)}</figcaption>{extra}</figure>"


Section = tuple[str, str]
"""A report section (报告章节): its title without the number, and its HTML body."""


def _enterprise_section(report: AuditReport) -> Section:
    """企业基本情况: the enterprise's facts as a two-column table.

    >>> from datetime import date
    >>> from safetyrules.audit import audit, demo_inputs
    >>> title, body = _enterprise_section(audit(demo_inputs(), date(2026, 11, 29)))
    >>> title, "91330402MA2B00000H" in body
    ('企业基本情况', True)
    """
    e = report.enterprise
    rows = [
        ("单位名称", e.name),
        ("统一社会信用代码", e.uscc),
        ("国民经济行业分类", e.industry),
        ("从业人员", "" if e.employees is None else e.employees),
        ("企业规模", _size_line(report)),
        ("风险特征", "、".join(sorted(f.value for f in e.flags)) or "无"),
    ]
    return "企业基本情况", _table(("项目", "内容"), rows)


def _jurisdiction_section(report: AuditReport) -> Section:
    """属地: the jurisdiction chain, then the reasons for the enterprise's size (企业规模测算依据).

    >>> from datetime import date
    >>> from safetyrules.audit import audit, demo_inputs
    >>> _, body = _jurisdiction_section(audit(demo_inputs(), date(2026, 11, 29)))
    >>> "南湖区（330402，县级） → 嘉兴市" in body
    True
    """
    chain = " → ".join(f"{j.name}（{j.code}，{j.level}）" for j in report.jurisdiction_chain)
    body = _p(chain, "chain")
    if report.size.explanation.reasons:
        body += _p("企业规模测算依据：") + _text_block(report.size.explanation.text())
    return "属地", body


def _instruments_section(report: AuditReport) -> Section:
    """审计基准日有效的法律文件: the instruments, unverified ones marked.

    >>> from datetime import date
    >>> from safetyrules.audit import audit, demo_inputs
    >>> _, body = _instruments_section(audit(demo_inputs(), date(2026, 11, 29)))
    >>> body.count('<tr class="unverified-row">') > 0
    True
    """
    items = report.instruments
    rows = [
        (i.label, i.kind, i.issuer, i.period, i.jurisdiction, i.confidence.label) for i in items
    ]
    body = _table(
        ("文件", "类别", "发布机关", "有效期间", "适用地区", "可信度"),
        rows,
        lambda n: "unverified-row" if items[n].confidence is Confidence.UNVERIFIED else "",
    )
    if report.unverified:
        note = f"注意：其中 {len(report.unverified)} 件文件的部分信息未经官方文本核实。"
        body += _p(note, "callout warn")
    return "审计基准日有效的法律文件", body


def _accidents_section(report: AuditReport) -> Section:
    """生产安全事故: each accident with its grade and reasons.

    >>> from datetime import date
    >>> from safetyrules.audit import audit, demo_inputs
    >>> _, body = _accidents_section(audit(demo_inputs(), date(2026, 11, 29)))
    >>> body.count("<h3>")
    2
    """
    if not report.accidents:
        return "生产安全事故", _p("审计基准日前无事故记录。")
    parts = []
    for accident in report.accidents:
        record, result = accident.record, accident.classification
        heading = f"{record.occurred_on.isoformat()} {record.summary}：{result.grade.value}"
        parts.append(_tag("h3", escape(heading)))
        if record.category:
            parts.append(_p(_category_line(record)))
        parts.append(_text_block(result.explanation.text()))
    return "生产安全事故", "".join(parts)


def _level_counts(risks: RegisterGrading) -> str:
    """The number of risk points per level (各等级风险点数), each as a coloured badge.

    >>> from safetyrules.risk import grade_register
    >>> '<span class="badge level-red">重大风险 0 项</span>' in _level_counts(grade_register([]))
    True
    """
    badges = "，".join(
        f'<span class="badge {colour_class(level.colour)}">{escape(f"{level.value} {n} 项")}</span>'
        for level, n in risks.counts.items()
    )
    return f'<p class="level-counts">{badges}。</p>'


def _legend() -> str:
    """The four colours and their levels (图例).

    >>> _legend().count("badge")
    4
    """
    items = "".join(
        f'<li><span class="badge {colour_class(level.colour)}">'
        f"{escape(level.value)}（{escape(level.colour.value)}）</span></li>"
        for level in sorted(RiskLevel, reverse=True)
    )
    return f'<ul class="legend" aria-label="图例">{items}</ul>'


def _heat_map_figure(heat: HeatMap) -> str:
    """The LS heat map of one scheme with its caption and legend (风险矩阵).

    >>> from safetyrules.risk import grade_register
    >>> "分级方案 ls-db37" in _heat_map_figure(grade_register([]).heat_maps[0])
    True
    """
    caption = (
        f"风险矩阵（LS 法各风险点数，格内为该格按分值的风险等级，分级方案 {heat.scheme}；"
        "直接判定为重大风险的风险点，其最终等级见上表）"
    )
    return _figure(heat_map_svg(heat), caption, _legend())


def _risk_section(report: AuditReport) -> Section | None:
    """安全风险分级管控: levels, the register, the heat maps and the 重大风险 reasons.

    >>> from datetime import date
    >>> from safetyrules.audit import audit, demo_inputs
    >>> _, body = _risk_section(audit(demo_inputs(), date(2026, 11, 29)))
    >>> body.count('class="heat-cell"')
    25
    """
    title = "安全风险分级管控"
    risks = report.risks
    if risks is None:
        return (title, _problem(report.risks_problem)) if report.risks_problem else None
    parts = [_level_counts(risks), _table(_RISK_HEADERS, _risk_rows(risks))]
    parts += [_heat_map_figure(heat) for heat in risks.heat_maps]
    for row in risks.major():
        parts.append(_tag("h3", escape(f"重大风险 {row.point.id} {row.point.name}")))
        parts.append(_text_block(row.assessment.explanation.text()))
    return title, "".join(parts)


def _unit_details(unit: AssessedUnit) -> str:
    """One unit's identification reasons and, for a major one, its duties (辨识过程与义务).

    >>> from datetime import date
    >>> from safetyrules.audit import audit, demo_inputs
    >>> unit = audit(demo_inputs(), date(2026, 11, 29)).hazard_units[0]
    >>> "由此产生的义务：" in _unit_details(unit)
    True
    """
    parts = [_tag("h3", escape(unit.unit.name))]
    if unit.assessment is None:
        return parts[0] + _problem(str(unit.problem))
    parts.append(_text_block(unit.assessment.explanation.text()))
    if unit.assessment.is_major and unit.duties is not None:
        parts += [_p("由此产生的义务："), _text_block(unit.duties.explanation.text())]
    return "".join(parts)


def _major_hazard_section(report: AuditReport) -> Section | None:
    """危险化学品重大危险源（GB 18218-2018）: the units and their assessment.

    >>> from datetime import date
    >>> from safetyrules.audit import audit, demo_inputs
    >>> _major_hazard_section(audit(demo_inputs(), date(2026, 11, 29)))[0]
    '危险化学品重大危险源（GB 18218-2018）'
    """
    units = report.hazard_units
    if not units:
        return None
    rows = _unit_rows(units)
    table = _table(_UNIT_HEADERS, rows, lambda n: "major-row" if rows[n][3] == "是" else "")
    body = table + "".join(_unit_details(u) for u in units)
    return "危险化学品重大危险源（GB 18218-2018）", body


def _score_chart(a: ScoringAssessment) -> str:
    """The score rate of each 一级要素 as a bar chart (一级要素得分率图).

    >>> from datetime import date
    >>> from safetyrules.audit import audit, demo_inputs
    >>> a = audit(demo_inputs(), date(2026, 11, 29)).standardization.assessment
    >>> _score_chart(a).count('class="bar"')
    8
    """
    bars = [
        Bar(
            f"{e.code} {e.name}",
            None if e.percentage is None else float(e.percentage),
            "—" if e.percentage is None else f"{e.percentage}%",
        )
        for e in a.by_top_element
    ]
    scale = Scale(
        100, (0, 20, 40, 60, 80, 100), "得分率（%）", (float(a.score), f"标准化得分 {a.score}")
    )
    svg = bar_chart_svg("一级要素得分率", bars, scale, label_width=250)
    return _figure(svg, "一级要素得分率（%），虚线为标准化得分")


def _score_body(a: ScoringAssessment) -> str:
    """The score, the table and chart by 一级要素, the weakest elements and items (得分).

    >>> from datetime import date
    >>> from safetyrules.audit import audit, demo_inputs
    >>> a = audit(demo_inputs(), date(2026, 11, 29)).standardization.assessment
    >>> "<strong>92.7</strong>" in _score_body(a)
    True
    """
    score = (
        f"标准化得分 <strong>{escape(str(a.score))}</strong> 分"
        f"（实得分 {escape(str(a.earned))} ÷ 应得分 {escape(str(a.applicable_points))} × 100）。"
    )
    rows = [
        (
            f"{e.code} {e.name}",
            e.applicable_points,
            e.earned,
            "—" if e.percentage is None else f"{e.percentage}%",
        )
        for e in a.by_top_element
    ]
    weakest = "、".join(f"{e.code} {e.name}（{e.percentage}%）" for e in a.weakest_elements())
    lost = "、".join(f"{i.item}（失 {i.lost} 分）" for i in a.most_lost())
    parts = [
        _tag("p", score, "score"),
        _table(("一级要素", "应得分", "实得分", "得分率"), rows),
        _score_chart(a),
        _p("得分率最低的一级要素：" + weakest),
        _p("失分最多的评分项：" + lost),
    ]
    if a.failed_gates:
        parts.append(_p("未满足的必备条件：" + "；".join(a.failed_gates), "callout warn"))
    return "".join(parts)


def _grading_body(section: StandardizationSection) -> str:
    """The grading verdict and its reasons (定级).

    >>> from datetime import date
    >>> from safetyrules.audit import audit, demo_inputs
    >>> s = audit(demo_inputs(), date(2026, 11, 29)).standardization
    >>> _grading_body(s).startswith("<h3>定级：申请二级，予以二级，")
    True
    """
    g = section.grading
    if g is None:
        return ""
    verdict = (
        f"申请{g.applied_level.label}，{'予以' if g.granted else '不予'}{g.applied_level.label}"
        + (f"；可达到{g.reachable_level.label}" if g.reachable_level and not g.granted else "")
        + (
            f"，由{g.authority}定级，有效期至 {g.valid_until}"
            if g.authority and g.valid_until
            else ""
        )
    )
    return _tag("h3", escape(f"定级：{verdict}")) + _text_block(g.explanation.text())


def _standardization_section(section: StandardizationSection) -> Section:
    """安全生产标准化: the self-assessment's score, grading and deductions.

    >>> from datetime import date
    >>> from safetyrules.audit import audit, demo_inputs
    >>> s = audit(demo_inputs(), date(2026, 11, 29)).standardization
    >>> _standardization_section(s)[1].count("<h3>")
    2
    """
    parts = [_p(f"自评日期 {section.assessed_on.isoformat()}，评分标准：{section.standard_name}。")]
    a = section.assessment
    if a is not None:
        parts.append(_score_body(a))
    parts.append(_grading_body(section))
    if section.problem:
        parts.append(_problem(section.problem))
    if a is not None:
        parts += [_tag("h3", "扣分明细"), _text_block(a.explanation.text())]
    return "安全生产标准化", "".join(parts)


def _count_scale(*counts: int) -> Scale:
    """The value axis of a chart of hazard counts (隐患数轴): at most about five whole-number
    ticks from 0 to the largest count.

    >>> _count_scale(2, 0).ticks, _count_scale(12).ticks
    ((0.0, 1.0, 2.0), (0.0, 3.0, 6.0, 9.0, 12.0))
    """
    top = max(*counts, 1)
    step = max(1, -(-top // 5))
    ticks = tuple(float(t) for t in range(0, top + step, step))
    return Scale(ticks[-1], ticks, "隐患数（项）")


def _hazard_chart(r: InspectionResult) -> str:
    """The inspection's hazards by level (隐患情况): 重大事故隐患 first, in red.

    >>> from datetime import date
    >>> from safetyrules.audit import audit, demo_inputs
    >>> r = audit(demo_inputs(), date(2026, 11, 29)).inspections[0].result
    >>> ">2 项</text>" in _hazard_chart(r)
    True
    """
    major = len(r.major_hazards())
    general = len(r.hazards) - major
    red = LEVEL_COLOURS[RiskColour.RED][0]
    bars = [
        Bar(HazardLevel.MAJOR.value, major, f"{major} 项", red),
        Bar(HazardLevel.GENERAL.value, general, f"{general} 项", "#57606a"),
    ]
    svg = bar_chart_svg("隐患情况（按等级）", bars, _count_scale(major, general), 160)
    return _figure(svg, "隐患情况：按等级统计的隐患数")


def _inspection_tables(section: InspectionSection, r: InspectionResult) -> str:
    """The hazards (重大事故隐患 first) and the enforcement findings with their fines (隐患与执法发现).

    >>> from datetime import date
    >>> from safetyrules.audit import audit, demo_inputs
    >>> s = audit(demo_inputs(), date(2026, 11, 29)).inspections[0]
    >>> _inspection_tables(s, s.result).count('<tr class="major-row">')
    2
    """
    hazards = sorted(r.hazards, key=lambda h: h.level is not HazardLevel.MAJOR)
    rows = [
        (h.description, h.level.value, h.location, h.major_basis.text if h.major_basis else "—")
        for h in hazards
    ]
    hazard_table = _table(
        ("隐患", "等级", "部位", "判定依据"),
        rows,
        lambda n: "major-row" if hazards[n].level is HazardLevel.MAJOR else "",
    )
    findings = _table(
        ("检查项", "违法行为", "违反条款", "罚则", "法定罚款（单位）", "建议罚款（无其他情节）"),
        (
            (f.source, f.description, f.obligation, f.penalty, _band(p), _recommended(p))
            for f, p in zip(r.findings, section.penalties, strict=True)
        ),
    )
    return hazard_table + findings


def _inspection_body(section: InspectionSection, r: InspectionResult) -> str:
    """One inspection's results (检查结果): summary, chart, tables, fines, skipped items.

    >>> from datetime import date
    >>> from safetyrules.audit import audit, demo_inputs
    >>> s = audit(demo_inputs(), date(2026, 11, 29)).inspections[0]
    >>> _inspection_body(s, s.result).count("<h3>罚款裁量")
    4
    """
    summary = (
        f"发现隐患 {len(r.hazards)} 项（重大事故隐患 {len(r.major_hazards())} 项），"
        f"执法发现 {len(r.findings)} 项，标准化扣分 {len(r.deductions)} 项。"
    )
    parts = [_p(summary, "summary"), _hazard_chart(r), _inspection_tables(section, r)]
    if r.deductions:
        items = "；".join(f"{d.item} 规则{d.rule} ×{d.count}（{d.source}）" for d in r.deductions)
        parts.append(_p("标准化扣分：" + items))
    for penalty in section.penalties:
        if penalty.recommendation is not None:
            parts.append(_tag("h3", escape(f"罚款裁量：{penalty.source}")))
            parts.append(_text_block(penalty.recommendation.explanation.text()))
    if r.skipped:
        parts.append(_p("未检查：" + "；".join(f"{s.item}（{s.reason}）" for s in r.skipped)))
    if r.unanswered:
        parts.append(_p("适用但未作答：" + "、".join(r.unanswered), "callout warn"))
    return "".join(parts)


def _inspection_section(section: InspectionSection) -> Section:
    """三标融合检查: one inspection, titled by its checklist and date.

    >>> from datetime import date
    >>> from safetyrules.audit import audit, demo_inputs
    >>> s = audit(demo_inputs(), date(2026, 11, 29)).inspections[0]
    >>> _inspection_section(s)[0]
    '三标融合检查：涉爆粉尘作业场所专项检查表（2026-11-20）'
    """
    title = f"三标融合检查：{section.checklist_name}（{section.inspected_on.isoformat()}）"
    r = section.result
    return title, _problem(str(section.problem)) if r is None else _inspection_body(section, r)


def _ledger_chart(section: LedgerSection) -> str:
    """The ledger's hazards by status (隐患治理状态): 销号 in green, overdue ones apart in red.

    >>> from datetime import date
    >>> from safetyrules.audit import audit, demo_inputs
    >>> chart = _ledger_chart(audit(demo_inputs(), date(2026, 11, 29)).hazard_ledger)
    >>> ">3 项</text>" in chart, ">1 项</text>" in chart
    (True, True)
    """
    by_status = section.counts.by_status
    closed = HazardStatus.CLOSED
    bars = [
        Bar(status.value, count, f"{count} 项", "#2f7d4a" if status is closed else "#57606a")
        for status, count in by_status.items()
        if count or status in (HazardStatus.RECTIFYING, closed)
    ]
    overdue = len(section.overdue)
    bars.append(Bar("其中逾期", overdue, f"{overdue} 项", LEVEL_COLOURS[RiskColour.RED][0]))
    scale = _count_scale(*(int(b.value or 0) for b in bars))
    svg = bar_chart_svg("隐患治理状态", bars, scale, 160)
    return _figure(svg, "隐患排查治理台账：按治理状态统计的隐患数（逾期：过了整改期限仍未销号）")


def _ledger_section(section: LedgerSection) -> Section:
    """隐患排查治理台账: summary, status chart, the ledger (重大事故隐患 first), the reasons.

    >>> from datetime import date
    >>> from safetyrules.audit import audit, demo_inputs
    >>> title, body = _ledger_section(audit(demo_inputs(), date(2026, 11, 29)).hazard_ledger)
    >>> title, body.count('<tr class="major-row">'), body.count('<tr class="overdue-row">')
    ('隐患排查治理台账', 2, 1)
    """
    rows = section.table_rows()
    headers = tuple(c.zh for c in LEDGER_COLUMNS)

    def css(n: int) -> str:
        if rows[n]["level"] == HazardLevel.MAJOR.value:
            return "major-row"
        return "overdue-row" if rows[n]["days_overdue"] else ""

    table = _table(headers, ([row[c.key] for c in LEDGER_COLUMNS] for row in rows), css)
    summary_css = "summary callout warn" if section.overdue or section.open_majors else "summary"
    body = (
        _p(section.summary(), summary_css)
        + _ledger_chart(section)
        + table
        + _text_block(section.explanation.text())
    )
    return "隐患排查治理台账", body


def _system_part(section: ResponsibilitySection) -> str:
    """全员安全生产责任制: the check's findings and the staffing requirement.

    >>> from datetime import date
    >>> from safetyrules.audit import audit, demo_inputs
    >>> s = audit(demo_inputs(), date(2026, 11, 29)).responsibility
    >>> "机构与人员配备要求：" in _system_part(s)
    True
    """
    if section.system is None and not section.system_problem:
        return ""
    parts = [_tag("h3", "全员安全生产责任制")]
    if section.system_problem:
        parts.append(_problem(section.system_problem))
    if section.system is not None:
        requirement = section.system.staffing.requirement
        parts += [
            _text_block(section.system.text()),
            _p(f"机构与人员配备要求：{requirement.summary()}。"),
            _bullets(r.message for r in requirement.reasons),
        ]
    return "".join(parts)


_MAJOR_RISK_COLUMNS = ("风险点编号", "风险点名称", "判定依据", "管控层级", "责任单位", "责任人")
_CONTROL_COLUMNS = (
    "风险点编号",
    "风险点名称",
    "风险等级",
    "管控层级",
    "逐级管控层级",
    "应由何人负责",
    "责任单位",
    "责任人",
)


def _risk_lists_part(section: ResponsibilitySection) -> str:
    """重大风险清单 and 风险管控责任清单, each with its problems.

    >>> from datetime import date
    >>> from safetyrules.audit import audit, demo_inputs
    >>> s = audit(demo_inputs(), date(2026, 11, 29)).responsibility
    >>> _risk_lists_part(s).count("<h3>")
    2
    """
    parts = []
    if section.major_risks is not None:
        rows = section.major_risks.to_rows()
        parts.append(_tag("h3", "重大风险清单"))
        parts.append(_dict_table(rows, _MAJOR_RISK_COLUMNS) if rows else _p("无重大风险。"))
        problems = section.major_risks.problems
        parts.append(_bullets((f"{p.message}（{p.citation}）" for p in problems), "problems"))
    if section.control is not None:
        parts.append(_tag("h3", "风险管控责任清单"))
        parts.append(_dict_table(section.control.to_rows(), _CONTROL_COLUMNS))
        problems = section.control.problems
        parts.append(_bullets((f"{p.message}（{p.citation}）" for p in problems), "problems"))
    return "".join(parts)


def _custody_part(section: ResponsibilitySection) -> str:
    """重大危险源包保责任: the 包保责任人 of each major installation, problems and notes.

    >>> from datetime import date
    >>> from safetyrules.audit import audit, demo_inputs
    >>> s = audit(demo_inputs(), date(2026, 11, 29)).responsibility
    >>> "未明确操作负责人" in _custody_part(s)
    True
    """
    if section.custody is None and not section.custody_problem:
        return ""
    parts = [_tag("h3", "重大危险源包保责任")]
    if section.custody_problem:
        parts.append(_problem(section.custody_problem))
    custody = section.custody
    if custody is not None:
        columns = ("重大危险源", "级别", "包保责任人", "姓名/岗位", "排查频次", "依据", "可信度")
        parts.append(_dict_table(custody.to_rows(), columns))
        parts.append(
            _bullets((f"{p.message}（{p.citation}）" for p in custody.problems), "problems")
        )
        parts.append(_bullets(f"注：{note}" for note in custody.notes))
    return "".join(parts)


def _accountability_part(item: AccidentAccountability) -> str:
    """责任追究清单 of one accident (事故责任追究).

    >>> from datetime import date
    >>> from safetyrules.audit import audit, demo_inputs
    >>> first = audit(demo_inputs(), date(2026, 11, 29)).responsibility.accountability[0]
    >>> "仅按事故发生单位负有责任列示" in _accountability_part(first)
    True
    """
    title = f"责任追究清单：{item.occurred_on.isoformat()} {item.summary}"
    parts = [_tag("h3", escape(title))]
    if item.assumed:
        parts.append(_p("未录入事故调查认定的责任，仅按事故发生单位负有责任列示。", "callout"))
    if item.problem:
        parts.append(_problem(item.problem))
    elif item.result is not None:
        columns = ("责任主体", "情形", "追究方式", "追究依据", "决定机关", "可信度")
        parts += [
            _dict_table(item.result.to_rows(), columns),
            _p("适用版本："),
            _bullets(r.message for r in item.result.reasons),
        ]
    return "".join(parts)


def _responsibility_section(report: AuditReport) -> Section | None:
    """安全生产责任与三清单: the responsibility system, the lists and 包保责任.

    >>> from datetime import date
    >>> from safetyrules.audit import audit, demo_inputs
    >>> _responsibility_section(audit(demo_inputs(), date(2026, 11, 29)))[0]
    '安全生产责任与三清单'
    """
    section = report.responsibility
    if section is None or section.empty:
        return None
    body = (
        _system_part(section)
        + _risk_lists_part(section)
        + _custody_part(section)
        + "".join(_accountability_part(item) for item in section.accountability)
    )
    return "安全生产责任与三清单", body


def _credit_item(item: CreditItem) -> str:
    """One penalty decision and whether it lists the enterprise (失信名单判定).

    >>> from datetime import date
    >>> from safetyrules.audit import audit, demo_inputs
    >>> item = audit(demo_inputs(), date(2026, 11, 29)).credit[0]
    >>> "结论：不列入" in _credit_item(item)
    True
    """
    title = f"{item.decided_on.isoformat()} 处罚决定：{item.summary}"
    parts = [_tag("h3", escape(title))]
    if item.problem or item.result is None:
        return parts[0] + _problem(str(item.problem))
    verdict = "应列入" if item.result.listed else "不列入"
    css = "verdict listed" if item.result.listed else "verdict"
    parts.append(_p(f"结论：{verdict}（{item.result.regime_name}）", css))
    parts.append(_text_block(item.result.explanation.text()))
    return "".join(parts)


def _sections(report: AuditReport) -> list[Section]:
    """The report's sections in the Markdown report's order (章节), absent ones left out.

    >>> from datetime import date
    >>> from safetyrules.audit import audit, demo_inputs
    >>> len(_sections(audit(demo_inputs(), date(2026, 11, 29))))
    11
    """
    found: list[Section | None] = [
        _enterprise_section(report),
        _jurisdiction_section(report),
        _instruments_section(report),
        _accidents_section(report),
        _risk_section(report),
        _major_hazard_section(report),
        _standardization_section(report.standardization) if report.standardization else None,
        *(_inspection_section(s) for s in report.inspections),
        _ledger_section(report.hazard_ledger) if report.hazard_ledger else None,
        _responsibility_section(report),
        ("严重失信主体名单", "".join(_credit_item(i) for i in report.credit))
        if report.credit
        else None,
        _input_section(report),
    ]
    return [s for s in found if s is not None]


def _input_section(report: AuditReport) -> Section | None:
    """资料读取情况: each table's counts and every row that could not be read.

    >>> from datetime import date
    >>> from safetyrules.audit import audit, demo_inputs
    >>> _input_section(audit(demo_inputs(), date(2026, 11, 29))) is None
    True
    """
    if not report.has_input_section:
        return None
    body = "".join(f"<p>{escape(line)}</p>" for line in report.input_lines())
    rows = report.input_problem_rows()
    if rows:
        body += f'<p class="warn">{escape(report.input_summary())}</p>' + _dict_table(
            rows, tuple(c.zh for c in INPUT_PROBLEM_COLUMNS)
        )
    return ("资料读取情况", body)


def _highlights(report: AuditReport) -> str:
    """The key figures under the title (要点): 重大事故隐患 first, then overdue hazards of the
    ledger, 重大风险, 重大危险源 and unverified instruments; only those the report has.

    >>> from datetime import date
    >>> from safetyrules.audit import audit, demo_inputs
    >>> _highlights(audit(demo_inputs(), date(2026, 11, 29))).count("<li")
    5
    """
    items: list[tuple[str, str, str]] = []
    checked = [s.result for s in report.inspections if s.result is not None]
    if checked:
        n = sum(len(r.major_hazards()) for r in checked)
        items.append(("重大事故隐患", f"{n} 项", "alert" if n else ""))
    if report.hazard_ledger is not None:
        n = len(report.hazard_ledger.overdue)
        items.append(("台账中逾期未销号的隐患", f"{n} 项", "alert" if n else ""))
    if report.risks is not None:
        n = report.risks.counts.get(RiskLevel.MAJOR, 0)
        items.append(("重大风险", f"{n} 项", "alert" if n else ""))
    if report.hazard_units:
        n = sum(1 for u in report.hazard_units if u.assessment and u.assessment.is_major)
        items.append(("构成重大危险源的单元", f"{n} 个", ""))
    if report.unverified:
        items.append(("部分信息未经官方文本核实的文件", f"{len(report.unverified)} 件", "warn"))
    cards = "".join(
        f'<li class="{css}"><span class="figure">{escape(value)}</span>'
        f'<span class="what">{escape(what)}</span></li>'
        for what, value, css in items
    )
    return f'<ul class="highlights">{cards}</ul>' if cards else ""


def _toc(titles: Sequence[str]) -> str:
    """The table of contents (目录), linking to the numbered sections.

    >>> _toc(["一、企业基本情况"])
    '<nav class="toc" aria-label="目录"><p class="toc-title">目录</p><ol><li><a href="#s1">一、企业基本情况</a></li></ol></nav>'
    """
    links = "".join(
        f'<li><a href="#s{n}">{escape(t)}</a></li>' for n, t in enumerate(titles, start=1)
    )
    return f'<nav class="toc" aria-label="目录"><p class="toc-title">目录</p><ol>{links}</ol></nav>'


def _body(report: AuditReport) -> str:
    """The page body (正文): header, contents and the numbered sections.

    >>> from datetime import date
    >>> from safetyrules.audit import audit, demo_inputs
    >>> _body(audit(demo_inputs(), date(2026, 11, 29))).count("<h2")
    11
    """
    sections = _sections(report)
    titles = [f"{to_chinese(n)}、{title}" for n, (title, _) in enumerate(sections, start=1)]
    header = (
        '<header class="report-header">'
        + _tag("h1", escape(f"安全生产合规审计报告：{report.enterprise.name}"))
        + _p(f"审计基准日：{report.as_of.isoformat()}", "as-of")
        + _highlights(report)
        + "</header>"
    )
    main = "".join(
        f'<section id="s{n}"><h2>{escape(heading)}</h2>{body}</section>'
        for n, (heading, (_, body)) in enumerate(zip(titles, sections, strict=True), start=1)
    )
    footer = (
        "<footer><p>本报告由 safetyrules 按审计基准日的规则生成；每项结论均附依据。</p></footer>"
    )
    return header + _toc(titles) + f"<main>{main}</main>" + footer


_BASE_CSS = """
:root {
  --ink: #1f2328; --muted: #57606a; --line: #d0d7de; --soft: #f6f8fa; --head: #eaeef2;
  --accent: #0b4f6c; --warn-bg: #fff3c4; --warn-ink: #6b4500;
  --red: #b42318;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0 auto; max-width: 1180px; padding: 28px 36px 56px; color: var(--ink);
  background: #fff; font-size: 16px; line-height: 1.7;
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB",
    "Microsoft YaHei", "WenQuanYi Micro Hei", system-ui, -apple-system, "Segoe UI", sans-serif;
}
h1 { font-size: 28px; line-height: 1.35; margin: 0 0 6px; color: var(--accent); }
h2 {
  font-size: 22px; margin: 40px 0 14px; padding-bottom: 6px; color: var(--accent);
  border-bottom: 2px solid var(--accent);
}
h3 { font-size: 18px; margin: 26px 0 10px; }
p { margin: 8px 0; }
section { scroll-margin-top: 12px; }
.report-header { border-bottom: 4px solid var(--accent); padding-bottom: 16px; }
.as-of { color: var(--muted); font-size: 17px; margin: 0 0 14px; }
.highlights { display: flex; flex-wrap: wrap; gap: 12px; list-style: none; padding: 0; margin: 0; }
.highlights li {
  border: 1px solid var(--line); border-left: 6px solid var(--accent); border-radius: 6px;
  padding: 8px 14px; min-width: 170px; background: var(--soft);
}
.highlights li.alert { border-left-color: var(--red); background: #fdecea; }
.highlights li.warn { border-left-color: #b7791f; }
.highlights .figure { display: block; font-size: 24px; font-weight: 700; }
.highlights .alert .figure { color: var(--red); }
.highlights .what { display: block; color: var(--muted); font-size: 14px; }
.toc { margin: 20px 0 0; padding: 12px 18px; background: var(--soft); border-radius: 6px; }
.toc-title { font-weight: 700; margin: 0 0 4px; }
.toc ol { list-style: none; margin: 0; padding: 0; columns: 2; column-gap: 32px; }
.toc a { color: var(--accent); text-decoration: none; }
.toc a:hover { text-decoration: underline; }
table {
  width: 100%; border-collapse: separate; border-spacing: 0; margin: 12px 0 18px;
  font-size: 14px; line-height: 1.55; border: 1px solid var(--line); border-radius: 4px;
}
th, td {
  padding: 6px 10px; text-align: left; vertical-align: top; overflow-wrap: anywhere;
  border-bottom: 1px solid var(--line);
}
td + td, th + th { border-left: 1px solid var(--line); }
tbody tr:last-child td { border-bottom: 0; }
td.short { white-space: nowrap; overflow-wrap: normal; }
thead th {
  position: sticky; top: 0; z-index: 2; background: var(--head); font-weight: 700;
  white-space: nowrap; box-shadow: 0 1px 0 var(--line);
}
tbody tr:nth-child(even) td { background: #fafbfc; }
tr.major-row td { background: #fdecea !important; }
tr.major-row td:first-child { box-shadow: inset 4px 0 0 var(--red); }
tr.overdue-row td { background: var(--warn-bg) !important; }
tr.unverified-row td:first-child { box-shadow: inset 4px 0 0 #d4a72c; }
.badge {
  display: inline-block; padding: 1px 8px; border-radius: 4px; font-weight: 700;
  line-height: 1.6; white-space: nowrap;
}
mark.unverified {
  background: var(--warn-bg); color: var(--warn-ink); padding: 0 3px; border-radius: 3px;
  border-bottom: 1px dashed var(--warn-ink); white-space: nowrap;
}
.basis { color: var(--muted); }
ol.reasons { padding-left: 2.2em; margin: 8px 0 14px; }
ol.reasons li { margin: 4px 0; }
ol.reasons li::marker { color: var(--muted); }
ul.problems li { color: var(--red); }
.problem { color: var(--red); font-weight: 700; }
.callout {
  padding: 8px 14px; border-left: 4px solid var(--accent); background: var(--soft);
  border-radius: 4px;
}
.callout.warn { border-left-color: #b7791f; background: var(--warn-bg); color: var(--warn-ink); }
.level-counts .badge { margin: 2px 0; }
.score strong { font-size: 22px; color: var(--accent); }
.summary { font-weight: 700; }
.verdict { font-weight: 700; font-size: 17px; }
.verdict.listed { color: var(--red); }
figure { margin: 16px 0 22px; }
figure svg { max-width: 100%; height: auto; display: block; }
svg text { font-family: inherit; }
svg .heat-count { font-weight: 700; }
svg .axis-title { font-size: 14px; font-weight: 700; fill: var(--muted); }
svg .bar-value { font-weight: 700; }
svg .reference-label { font-weight: 700; }
figcaption { color: var(--muted); font-size: 14px; margin-top: 4px; }
ul.legend { list-style: none; padding: 0; margin: 8px 0 0; display: flex; flex-wrap: wrap; gap: 8px; }
footer { margin-top: 48px; padding-top: 12px; border-top: 1px solid var(--line);
  color: var(--muted); font-size: 13px; }
@media (max-width: 720px) {
  body { padding: 16px; }
  .toc ol { columns: 1; }
  table { font-size: 13px; }
}
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  body { max-width: none; padding: 0; font-size: 10.5pt; line-height: 1.55; }
  h1 { font-size: 18pt; }
  h2 { font-size: 14pt; margin-top: 18pt; break-after: avoid; }
  h3 { font-size: 12pt; break-after: avoid; }
  .toc { display: none; }
  table { font-size: 9pt; }
  thead { display: table-header-group; }
  thead th { position: static; }
  tr, figure, .highlights li { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def _level_css() -> str:
    """The badge colours of the four risk levels (四色样式), from the charts' palette.

    >>> ".level-red { background: #b42318; color: #ffffff; }" in _level_css()
    True
    """
    return "".join(
        f".{colour_class(colour)} {{ background: {fill}; color: {ink}; }}\n"
        for colour, (fill, ink) in LEVEL_COLOURS.items()
    )


STYLESHEET = _BASE_CSS + _level_css()
"""The page's CSS (样式表): screen and print, no external resource."""


def page(title: str, body: str) -> str:
    """A complete HTML page around a body (页面): UTF-8, ``lang="zh-CN"`` and the style sheet.

    ``title`` is text (escaped); ``body`` is HTML.

    >>> html = page("报告<草稿>", "<p>正文</p>")
    >>> html.startswith("<!DOCTYPE html>"), "<title>报告&lt;草稿&gt;</title>" in html
    (True, True)
    """
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{STYLESHEET}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def to_html(report: AuditReport) -> str:
    """The report as one self-contained HTML page (HTML 格式), with inline SVG charts.

    >>> from datetime import date
    >>> from safetyrules.audit import audit, demo_inputs
    >>> html = to_html(audit(demo_inputs(), date(2026, 11, 29)))
    >>> '<html lang="zh-CN">' in html, html.count("<svg"), "<script" in html
    (True, 4, False)
    """
    title = f"安全生产合规审计报告：{report.enterprise.name}"
    return page(title, _body(report))
