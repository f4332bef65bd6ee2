"""Render the scoring pages' tables from the packaged data.

``<!-- scoring-elements EDITION -->`` renders an edition's element skeleton;
``<!-- scoring-standard ID -->`` a packaged scoring standard's full item table, by element.
"""

from __future__ import annotations

import re
from typing import Any

_MARKER = re.compile(r"^<!-- (?P<kind>scoring-[a-z]+) (?P<arg>\S+) -->$", re.MULTILINE)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _elements(edition: str) -> str:
    from safetyrules.scoring import skeleton

    frame = skeleton(edition)
    lines = ["| 代码 | 要素 | 层级 | 可信度 |", "|---|---|---|---|"]
    for element in frame.elements:
        level = "一级要素" if element.parent is None else "二级要素"
        lines.append(f"| {element.code} | {element.name} | {level} | {element.confidence.label} |")
    return "\n".join(lines)


def _standard(standard_id: str) -> str:
    from safetyrules.scoring import load_standard

    standard = load_standard(standard_id)
    frame = standard.skeleton
    parts = [
        f"**{standard.name}**：总分 {standard.total}，{len(standard.items)} 个评分项，"
        f"{len(standard.gates)} 项必备条件。",
        "",
        "| 一级要素 | 分值 |",
        "|---|---|",
        *(
            f"| {frame.element(code).label} | {points} |"
            for code, points in standard.weights.items()
        ),
        "",
    ]
    for element in frame.leaves():
        items = [i for i in standard.items if i.element == element.code]
        if not items:
            continue
        parts += [
            f"#### {element.label}",
            "",
            "| 编号 | 考评内容 | 考评方法 | 应得分 | 扣分标准 |",
            "|---|---|---|---|---|",
        ]
        for item in items:
            rules = "；".join(r.text for r in item.deductions)
            if item.charge_to_category:
                rules += "（扣分从本要素中扣除）"
            parts.append(
                f"| {item.id} | {_cell(item.content)} | {_cell(item.method)} | {item.points} | {_cell(rules)} |"
            )
        parts.append("")
    if standard.gates:
        parts += ["#### 必备条件", "", "| 编号 | 条件 |", "|---|---|"]
        parts += [f"| {g.id} | {_cell(g.text)} |" for g in standard.gates]
    return "\n".join(parts)


def on_page_markdown(markdown: str, page: Any, **kwargs: Any) -> str:
    def render(match: re.Match[str]) -> str:
        if match["kind"] == "scoring-elements":
            return _elements(match["arg"])
        if match["kind"] == "scoring-standard":
            return _standard(match["arg"])
        return match[0]

    return _MARKER.sub(render, markdown)
