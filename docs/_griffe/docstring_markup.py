"""Render the library's free-form docstrings cleanly in the API pages.

The docstrings are written for ``help()`` and doctest (python-stdnum style): doctest examples
(``>>>``), a few reStructuredText constructs (``:class:`X``` roles, ``.. code-block::``,
``::`` literal blocks, simple tables, underlined titles) and no Google/NumPy sections. This
Griffe extension rewrites them to Markdown when the API pages are built; the source is not
touched:

- each doctest run becomes a fenced ``pycon`` block;
- ``:class:`~a.b.C``` and friends become cross-references when they point into
  ``safetyrules`` (optional ones: an unknown target renders as plain code, never a warning),
  and inline code otherwise;
- ``.. code-block:: lang`` and ``text::`` blocks become fenced blocks;
- reST simple tables become Markdown tables, underlined titles become bold lines.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import griffe

_ROLE = re.compile(r":(?:py:)?(class|func|meth|attr|mod|data|exc|obj):`(~?)([^`]+)`")
_RULE = re.compile(r"^=+(?: +=+)+ *$")
_UNDERLINE = re.compile(r"^([-=~^])\1{2,} *$")


def _target(obj: griffe.Object, name: str) -> str | None:
    """The full path of ``name`` as seen from ``obj``, when it lies inside safetyrules."""
    if name.startswith("safetyrules"):
        return name
    head = name.split(".", 1)[0]
    scopes: list[griffe.Object] = []
    current: griffe.Object | None = obj
    while current is not None:
        scopes.append(current)
        current = current.parent
    for scope in scopes:
        try:
            member = scope.members.get(head)
        except Exception:  # any lookup problem means "not resolvable"
            member = None
        if member is None:
            continue
        try:
            path = member.target_path if member.is_alias else member.path
        except Exception:
            path = member.path
        full = path + name[len(head) :]
        return full if full.startswith("safetyrules") else None
    return None


def _roles(obj: griffe.Object, text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        _kind, tilde, name = match.groups()
        shown = name.rsplit(".", 1)[-1] if tilde else name
        target = _target(obj, name)
        if target is None:
            return f"`{shown}`"
        return f'<autoref identifier="{target}" optional><code>{shown}</code></autoref>'

    return _ROLE.sub(replace, text)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _table(rows: list[str]) -> list[str]:
    """A reST simple table (``====  ====`` borders) as a Markdown table."""
    border = rows[0]
    spans = [(m.start(), m.end()) for m in re.finditer(r"=+", border)]

    def cells(line: str) -> list[str]:
        # Columns are aligned by display width: a CJK character takes two columns.
        result = [""] * len(spans)
        column = 0
        for character in line:
            index = max((n for n, (start, _) in enumerate(spans) if start <= column), default=0)
            result[index] += character
            column += 2 if unicodedata.east_asian_width(character) in "WF" else 1
        return [cell.strip() for cell in result]

    records: list[list[str]] = []
    header: list[str] | None = None
    for line in rows[1:]:
        if _RULE.match(line.strip()) and line.strip():
            if header is None and records:
                header = records.pop()
            continue
        if not line.strip():
            continue
        parts = cells(line)
        if records and not parts[0]:
            records[-1] = [
                f"{old} {new}".strip() for old, new in zip(records[-1], parts, strict=True)
            ]
        else:
            records.append(parts)
    header = header or [""] * len(spans)
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(spans)]
    out += ["| " + " | ".join(cell.replace("|", "\\|") for cell in r) + " |" for r in records]
    return out


def convert(obj: griffe.Object, text: str) -> str:
    lines = text.splitlines()
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        # Doctest runs: from a ">>>" line to the next blank line.
        if stripped.startswith(">>>"):
            base = _indent(line)
            block = []
            while i < len(lines) and lines[i].strip():
                block.append(lines[i][base:] if _indent(lines[i]) >= base else lines[i].lstrip())
                i += 1
            pad = " " * base
            out += [pad + "```pycon", *(pad + b for b in block), pad + "```"]
            continue
        # ".. code-block:: lang" and "text::" literal blocks.
        code = re.match(r"^(\s*)\.\. code-block::\s*(\S*)\s*$", line)
        literal = stripped.endswith("::") and not code and not stripped.startswith("..")
        if code or literal:
            base = _indent(line)
            language = code.group(2) if code else "text"
            if literal:
                keep = line.rstrip()[:-2].rstrip()
                out.append(keep + (":" if keep.strip() else ""))
            j = i + 1
            while j < len(lines) and not lines[j].strip():
                j += 1
            block = []
            k = j
            while k < len(lines) and (not lines[k].strip() or _indent(lines[k]) > base):
                block.append(lines[k])
                k += 1
            while block and not block[-1].strip():
                block.pop()
            if block:
                inner = min(_indent(b) for b in block if b.strip())
                pad = " " * base
                out += ["", pad + f"```{language}"]
                out += [pad + b[inner:] if b.strip() else "" for b in block]
                out += [pad + "```", ""]
                i = k
                continue
            i += 1
            continue
        # reST simple tables.
        if _RULE.match(stripped):
            rows = [line]
            j = i + 1
            borders = 1
            while j < len(lines):
                rows.append(lines[j])
                if _RULE.match(lines[j].strip()):
                    borders += 1
                    if borders == 3:
                        break
                j += 1
            if borders == 3:
                out += [_roles(obj, row) for row in _table(rows)]
                i = j + 1
                continue
        # Underlined titles.
        if (
            stripped
            and i + 1 < len(lines)
            and _UNDERLINE.match(lines[i + 1].strip())
            and len(lines[i + 1].strip()) >= len(stripped)
        ):
            out.append(f"**{stripped}**")
            i += 2
            continue
        out.append(_roles(obj, line))
        i += 1
    return "\n".join(out)


class DocstringMarkup(griffe.Extension):
    """Rewrite doctest and reST markup of every docstring to Markdown.

    Runs once the whole package is loaded, so that names in roles resolve.
    """

    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:
        seen: set[int] = set()

        def walk(obj: griffe.Object) -> None:
            if id(obj) in seen:
                return
            seen.add(id(obj))
            if obj.docstring is not None:
                obj.docstring.value = convert(obj, obj.docstring.value)
            for member in obj.members.values():
                if not member.is_alias:
                    walk(member)

        walk(pkg)
