"""Build the glossary's identifier → 中文 index from its topic tables.

The topic tables (中文 → identifier) are the one place a term is written; this hook sorts
them into the reverse index when the site is built, so the two halves cannot drift apart.
"""

from __future__ import annotations

import re
from typing import Any

MARKER = "<!-- identifier-index -->"
_TOPIC = re.compile(r"^### (?P<topic>\S+)")
_ROW = re.compile(r"^\| (?P<term>[^|]+?) \| (?P<identifiers>`[^|]+`) \|$")
_IDENTIFIER = re.compile(r"`[^`]+`")


def reverse_index(markdown: str) -> str:
    """The identifier → 中文 table of the topic tables above the marker."""
    topic = ""
    rows: set[tuple[str, str, str]] = set()
    for line in markdown.split(MARKER)[0].splitlines():
        if match := _TOPIC.match(line):
            topic = match["topic"]
        elif match := _ROW.match(line):
            # A cell may name several identifiers ("`Scheme` / `scheme()`"): one row each.
            for identifier in _IDENTIFIER.findall(match["identifiers"]):
                rows.add((identifier, match["term"], topic))
    lines = ["| identifier | 中文 | 主题 |", "|---|---|---|"]
    lines += [
        f"| {identifier} | {term} | {topic} |"
        for identifier, term, topic in sorted(rows, key=lambda r: (r[0].strip("`").lower(), r))
    ]
    return "\n".join(lines)


def on_page_markdown(markdown: str, page: Any, **kwargs: Any) -> str:
    if MARKER not in markdown:
        return markdown
    return markdown.replace(MARKER, reverse_index(markdown))
