"""Render the risk pages' tables from the packaged data, so the docs cannot drift from it.

A page asks for a table with a marker line: ``<!-- risk-method LEC -->`` (the factor tables),
``<!-- risk-schemes LEC -->`` (every band scheme of the method), ``<!-- risk-direct -->`` (the
direct-judgement conditions), ``<!-- risk-control -->`` (who controls each level),
``<!-- gb18218-tables -->`` (GB 18218-2018 tables 1 to 6).
"""

from __future__ import annotations

import re
from typing import Any

_MARKER = re.compile(r"^<!-- (?P<kind>[a-z0-9-]+)(?: (?P<arg>\S+))? -->$", re.MULTILINE)


def _table(headers: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def _method(name: str) -> str:
    from safetyrules.risk import method

    chosen = method(name)
    parts = [f"**{chosen.name}**，{chosen.formula}。可信度：{chosen.confidence.label}。", ""]
    for factor in chosen.factors:
        columns = sorted({key for v in factor.values for key in v.criteria})
        headers = [factor.symbol, "含义", *columns]
        rows = [
            [format(v.value, "f"), v.description, *(v.criteria.get(c, "—") for c in columns)]
            for v in reversed(factor.values)
        ]
        parts += [f"#### {factor.symbol}：{factor.name}", "", _table(headers, rows), ""]
    parts += ["来源：", "", *(f"- {source}" for source in chosen.sources)]
    if chosen.note:
        parts += ["", f"说明：{chosen.note}"]
    return "\n".join(parts)


def _schemes(name: str) -> str:
    from safetyrules.risk import default_scheme, schemes

    default = default_scheme(name).id
    parts = []
    for scheme in schemes(name):
        mark = "（默认）" if scheme.id == default else ""
        parts += [
            f"#### `{scheme.id}`{mark}：{scheme.name}",
            "",
            f"可信度：{scheme.confidence.label}。",
            "",
            _table(
                ["分值区间", "方法等级", "风险等级", "颜色", "说明"],
                [
                    [
                        b.range,
                        b.grade or "—",
                        b.level.value,
                        b.level.colour.value,
                        b.description or "",
                    ]
                    for b in reversed(scheme.rows)
                ],
            ),
            "",
            "来源：",
            "",
            *(f"- {source}" for source in scheme.sources),
            "",
        ]
        if scheme.note:
            parts += [f"说明：{scheme.note}", ""]
    return "\n".join(parts)


def _direct() -> str:
    from safetyrules.risk import direct_conditions

    rows = [
        [f"`{c.id}`", c.text, "是" if c.enabled else "否（默认不启用）", c.confidence.label, c.note]
        for c in direct_conditions()
    ]
    return _table(["id", "情形", "启用", "可信度", "说明"], rows)


def _control() -> str:
    from safetyrules.risk import RiskLevel, control_rule, controlled_at

    rows = []
    for level in sorted(RiskLevel, reverse=True):
        rule = control_rule(level)
        rows.append(
            [
                f"{level.value}（{level.colour.value}）",
                rule.control_level.value,
                "、".join(c.value for c in controlled_at(level)),
                rule.responsible or "—",
                rule.supervised_by.value if rule.supervised_by else "—",
                rule.requirements,
                rule.confidence.label,
            ]
        )
    return _table(
        ["风险等级", "管控层级", "参与管控的层级", "负责人", "监督层级", "要求", "可信度"], rows
    )


def _gb18218() -> str:
    from safetyrules.risk.major_hazard import gb18218_tables

    tables = gb18218_tables()
    chemicals = [
        [
            str(c.number),
            c.name + (f"（{c.qualifier}）" if c.qualifier else ""),
            "；".join(c.aliases),
            "；".join(c.cas) or "—",
            format(c.critical_quantity, "f"),
        ]
        for c in tables.chemicals
    ]
    categories = [
        [c.symbol, c.hazard_class, c.description, format(c.critical_quantity, "f")]
        for c in tables.categories.values()
    ]
    named = [[g.name, format(g.beta, "f")] for g in tables.toxic_gases]
    by_symbol = [[b.symbol, format(b.beta, "f")] for b in tables.category_betas.values()]
    alpha = [
        [band.value.label, format(band.value.value, "f")] for band in reversed(tables.alpha.bands)
    ]
    grades = [
        [band.value.label, _range(band.lower, band.upper)] for band in reversed(tables.grades.bands)
    ]
    return "\n\n".join(
        [
            "### 表1 危险化学品名称及其临界量",
            _table(["序号", "危险化学品名称", "别名", "CAS号", "临界量/t"], chemicals),
            "### 表2 未在表1中列举的危险化学品类别及其临界量",
            _table(["符号", "类别", "说明", "临界量/t"], categories),
            "### 表3 毒性气体校正系数β",
            _table(["名称", "β"], named),
            "### 表4 未在表3中列举的危险化学品校正系数β",
            _table(["类别符号", "β"], by_symbol),
            "### 表5 暴露人员校正系数α",
            _table(["厂外可能暴露人员数量", "α"], alpha),
            "### 表6 重大危险源级别和R值的对应关系",
            _table(["级别", "R值"], grades),
        ]
    )


def _range(low: Any, high: Any) -> str:
    if low is not None and high is not None:
        return f"{high} > R ≥ {low}"
    return f"R ≥ {low}" if low is not None else f"R < {high}"


def on_page_markdown(markdown: str, page: Any, **kwargs: Any) -> str:
    def render(match: re.Match[str]) -> str:
        kind, arg = match["kind"], match["arg"]
        if kind == "risk-method" and arg:
            return _method(arg)
        if kind == "risk-schemes" and arg:
            return _schemes(arg)
        if kind == "risk-direct":
            return _direct()
        if kind == "risk-control":
            return _control()
        if kind == "gb18218-tables":
            return _gb18218()
        return match[0]

    return _MARKER.sub(render, markdown)
