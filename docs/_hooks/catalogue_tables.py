"""Render the catalogue and the penalty provisions from the packaged data.

``<!-- catalogue -->`` becomes every instrument with its dates and confidence;
``<!-- penalty-provisions LAW -->`` every penalty article of one version of 安全生产法 with the
violations it punishes.
"""

from __future__ import annotations

import re
from typing import Any

_CATALOGUE = re.compile(r"^<!-- catalogue -->$", re.MULTILINE)
_PROVISIONS = re.compile(r"^<!-- penalty-provisions (?P<law>[a-z0-9-]+) -->$", re.MULTILINE)


def _cell(text: object) -> str:
    return ("" if text is None else str(text)).replace("|", "\\|").replace("\n", " ")


def _catalogue() -> str:
    from safetyrules.law.catalogue import catalogue
    from safetyrules.law.jurisdiction import jurisdiction

    items = sorted(catalogue(), key=lambda i: (list(type(i.kind)).index(i.kind), i.effective_from))
    lines = [
        f"共 {len(items)} 件（每个版本一件）。",
        "",
        "| id | 文件 | 类别 | 有效期间 | 适用地区 | 可信度 | 未核实 |",
        "|---|---|---|---|---|---|---|",
    ]
    for i in items:
        lines.append(
            f"| `{i.id}` | {_cell(i.label)} | {i.kind.value} | {_cell(i.period)} | "
            f"{_cell(jurisdiction(i.jurisdiction).name)} | {i.confidence.label} | "
            f"{_cell('、'.join(i.unverified_fields))} |"
        )
    return "\n".join(lines)


def _provisions(law: str) -> str:
    from safetyrules.penalties import provisions, violation

    lines = ["| 条款 | 违法行为 | 可信度 |", "|---|---|---|"]
    for p in provisions(law):
        names = "；".join(f"`{v}` {violation(v).name}" for v in p.violations)
        lines.append(f"| {p.provision} | {_cell(names)} | {p.confidence.label} |")
    return "\n".join(lines)


def on_page_markdown(markdown: str, page: Any, **kwargs: Any) -> str:
    markdown = _CATALOGUE.sub(lambda _: _catalogue(), markdown)
    return _PROVISIONS.sub(lambda match: _provisions(match["law"]), markdown)
