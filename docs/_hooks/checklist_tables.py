"""Render a shipped checklist's items from the packaged data: ``<!-- checklist ID -->``."""

from __future__ import annotations

import re
from typing import Any

_MARKER = re.compile(r"^<!-- checklist (?P<id>[a-z0-9-]+) -->$", re.MULTILINE)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _checklist(checklist_id: str) -> str:
    from safetyrules.checklists import load_checklist

    checklist = load_checklist(checklist_id)
    lines = [
        f"**{checklist.name}**：{len(checklist.items)} 项。可信度：{checklist.confidence.label}。",
        "",
        "| 编号 | 检查内容 | 依据 | 隐患 | 执法（罚则） | 标准化 | 可信度 |",
        "|---|---|---|---|---|---|---|",
    ]
    for item in checklist.items:
        hazard = item.hazard.level if item.hazard else "—"
        law = item.enforcement.penalty.text if item.enforcement else "—"
        scoring = (
            f"{item.standardization.item}/{item.standardization.rule}"
            if item.standardization
            else "—"
        )
        confidence = (item.confidence or checklist.confidence).label
        basis = item.basis.text if item.basis else "—"
        lines.append(
            f"| {item.id} | {_cell(item.content)} | {_cell(basis)} | {hazard} | {_cell(law)} | "
            f"{scoring} | {confidence} |"
        )
    return "\n".join(lines)


def on_page_markdown(markdown: str, page: Any, **kwargs: Any) -> str:
    return _MARKER.sub(lambda match: _checklist(match["id"]), markdown)
