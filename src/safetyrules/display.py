"""Rich notebook display (笔记本显示): a result as a small HTML fragment or as Markdown.

Jupyter shows an object through its ``_repr_html_`` (and ``_repr_markdown_``) method. The
result classes — 事故等级认定, 风险评价结果, 标准化自评结果, 检查结果, 裁量建议, 法定罚款幅度
and the 判定理由 themselves — delegate to :func:`fragment`, which lays out the same four parts
for every result:

1. a title and the verdict (结论), e.g. “较大事故” or “重大风险（红）”;
2. the key numbers as a compact two-column table (要点);
3. the reasons (判定理由) as an ordered list, each with its citation (依据);
4. a visible “未核实” mark — text and a border, never colour alone — on every reason that rests
   on an unverified fact, and a notice above the table when there is one.

The fragment is self-contained: inline styles only, no script, no class names a stylesheet
must supply, and every text passes through :func:`html.escape`. This module imports only the
standard library, and the result classes import it on first display, so ``import safetyrules``
does not load it.

>>> from safetyrules.law.reason import Explanation, Reason
>>> e = Explanation(reasons=(Reason(rule="a", message="死亡3人，达到较大事故标准"),))
>>> page = fragment("事故等级认定", "较大事故", [("死亡", "3人")], e)
>>> "较大事故" in page, "<ol" in page, "未核实" in page
(True, True, False)
>>> print(markdown(page))
**事故等级认定：较大事故**
<BLANKLINE>
| 项目 | 内容 |
| --- | --- |
| 死亡 | 3人 |
<BLANKLINE>
判定理由：
<BLANKLINE>
1. 死亡3人，达到较大事故标准
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import TYPE_CHECKING, Self

if TYPE_CHECKING:  # for annotations only: at run time this module needs no library module
    from safetyrules.law.reason import Explanation, Reason

__all__ = ["HtmlFragment", "fragment", "markdown"]

UNVERIFIED_MARK = "未核实"
_UNVERIFIED = "unverified"
_OFFICIAL = "official"

# Inline styles. Text colours are left to the notebook's theme (muted text uses opacity), so
# the fragment reads on light and dark backgrounds alike; the one accent colour always comes
# with text and a border.
_BOX = (
    "margin:0.25em 0;padding:0.5em 0.75em;max-width:60em;line-height:1.5;"
    "border:1px solid rgba(128,128,128,0.45);border-radius:4px"
)
_TITLE = "font-size:0.85em;opacity:0.75"
_VERDICT = "font-size:1.3em;font-weight:bold;margin:0.1em 0 0.35em 0"
_NOTICE = (
    "margin:0.35em 0;padding:0.2em 0.5em;font-weight:bold;"
    "border:1px solid #c9302c;border-left-width:4px;background:rgba(201,48,44,0.08)"
)
_TABLE = "border-collapse:collapse;margin:0.35em 0;font-size:0.95em"
_LABEL = (
    "text-align:left;vertical-align:top;font-weight:normal;opacity:0.75;"
    "padding:0.1em 1.5em 0.1em 0;border:none;background:none"
)
_VALUE = "text-align:left;vertical-align:top;padding:0.1em 0;border:none;background:none"
_HEADING = "font-weight:bold;margin:0.5em 0 0.15em 0"
_LIST = "margin:0.15em 0 0 0;padding-left:1.8em"
_ITEM = "margin:0.3em 0"
_ITEM_UNVERIFIED = (
    "margin:0.3em 0;padding:0.1em 0.4em;border:1px dashed #c9302c;border-left:4px solid #c9302c;"
    "background:rgba(201,48,44,0.08)"
)
_BADGE = (
    "display:inline-block;margin-right:0.4em;padding:0 0.3em;font-size:0.85em;font-weight:bold;"
    "border:1px solid #c9302c;border-radius:3px"
)
_BASIS = "font-size:0.9em;opacity:0.8"
_EMPTY = "opacity:0.75"


class HtmlFragment(str):
    """An HTML fragment for notebook display (笔记本显示片段) that also carries its Markdown.

    It is the ``str`` a ``_repr_html_`` method returns; :func:`markdown` reads the Markdown
    form of the same content, so ``_repr_markdown_`` needs no second list of facts.

    >>> f = HtmlFragment("<b>较大事故</b>", "**较大事故**")
    >>> f, f.markdown
    ('<b>较大事故</b>', '**较大事故**')
    """

    markdown: str

    def __new__(cls, html: str, markdown: str) -> Self:
        made = super().__new__(cls, html)
        made.markdown = markdown
        return made


def fragment(
    title: str,
    verdict: str,
    facts: Iterable[tuple[str, object]],
    explanation: Explanation,
) -> HtmlFragment:
    """Lay out a result for a notebook (笔记本显示): title, verdict, facts and reasons.

    ``facts`` are (label, value) pairs in display order; a value is shown with :class:`str`,
    and ``None`` as “—”. ``explanation`` gives the reasons, each with its citation; an
    unverified reason is marked “未核实”. Every text is escaped.

    >>> from safetyrules.law.citation import Citation
    >>> from safetyrules.law.confidence import Confidence
    >>> from safetyrules.law.reason import Explanation, Reason
    >>> reason = Reason(
    ...     rule="r", message="失踪人数计入死亡人数", confidence=Confidence.UNVERIFIED,
    ...     citation=Citation(instrument="accident-reporting-regulation", provision="第三条"))
    >>> page = fragment("事故等级认定", "较大事故", [("企业", "甲<乙>公司"), ("日期", None)],
    ...                 Explanation(reasons=(reason,)))
    >>> "甲&lt;乙&gt;公司" in page, "<td" in page, page.count("未核实") >= 2
    (True, True, True)
    >>> "依据：《生产安全事故报告和调查处理条例》（国务院令第493号）第三条" in page
    True
    """
    shown = _shown(facts)
    reasons = tuple(explanation.reasons)
    return HtmlFragment(
        _html(title, verdict, shown, reasons), _markdown(title, verdict, shown, reasons)
    )


def markdown(page: str) -> str:
    """The Markdown form of a display fragment (笔记本显示的 Markdown 形式).

    ``page`` is what :func:`fragment` returned; the Markdown has the verdict, the facts as a
    table and the reasons as a numbered list, with the same “未核实” marks.

    >>> from safetyrules.law.reason import Explanation
    >>> print(markdown(fragment("判定理由", "0条理由", [], Explanation())))
    **判定理由：0条理由**
    <BLANKLINE>
    判定理由：（无）
    >>> markdown("<p>不是显示片段</p>")
    Traceback (most recent call last):
    ...
    TypeError: 需要 fragment() 生成的显示片段
    """
    if not isinstance(page, HtmlFragment):
        raise TypeError("需要 fragment() 生成的显示片段")
    return page.markdown


def _shown(facts: Iterable[tuple[str, object]]) -> list[tuple[str, str]]:
    return [(str(label), "—" if value is None else str(value)) for label, value in facts]


def _unverified(reason: Reason) -> bool:
    return str(reason.confidence) == _UNVERIFIED


def _notice(reasons: tuple[Reason, ...]) -> str | None:
    count = sum(_unverified(r) for r in reasons)
    if not count:
        return None
    return f"⚠ 含{count}条{UNVERIFIED_MARK}的依据（已标“{UNVERIFIED_MARK}”），使用前请核对官方文本"


def _basis(reason: Reason) -> str:
    """The citation and, short of official, the confidence: “依据：…；可信度：…”."""
    parts = []
    if reason.citation is not None:
        parts.append(f"依据：{reason.citation}")
    if str(reason.confidence) not in (_OFFICIAL, _UNVERIFIED):
        parts.append(f"可信度：{reason.confidence.label}")
    return "；".join(parts)


def _html(
    title: str, verdict: str, facts: list[tuple[str, str]], reasons: tuple[Reason, ...]
) -> str:
    out = [
        f'<div lang="zh-CN" style="{_BOX}">',
        f'<div style="{_TITLE}">{escape(title)}</div>',
        f'<div style="{_VERDICT}">{escape(verdict)}</div>',
    ]
    notice = _notice(reasons)
    if notice is not None:
        out.append(f'<div role="note" style="{_NOTICE}">{escape(notice)}</div>')
    if facts:
        out.append(f'<table style="{_TABLE}"><tbody>')
        out += [
            f'<tr><th scope="row" style="{_LABEL}">{escape(label)}</th>'
            f'<td style="{_VALUE}">{escape(value)}</td></tr>'
            for label, value in facts
        ]
        out.append("</tbody></table>")
    out.append(f'<div style="{_HEADING}">判定理由</div>')
    if not reasons:
        out.append(f'<div style="{_EMPTY}">（无）</div>')
    else:
        out.append(f'<ol style="{_LIST}">')
        out += [_html_reason(reason) for reason in reasons]
        out.append("</ol>")
    out.append("</div>")
    return "\n".join(out)


def _html_reason(reason: Reason) -> str:
    unverified = _unverified(reason)
    badge = f'<span style="{_BADGE}">⚠ {UNVERIFIED_MARK}</span>' if unverified else ""
    basis = _basis(reason)
    below = f'<br><span style="{_BASIS}">{escape(basis)}</span>' if basis else ""
    style = _ITEM_UNVERIFIED if unverified else _ITEM
    return f'<li style="{style}">{badge}{escape(reason.message)}{below}</li>'


# Characters Markdown would read as markup inside a line or a table cell.
_MARKDOWN_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]|~#"})


def _md(text: str) -> str:
    flat = " ".join(text.split())
    return escape(flat, quote=False).translate(_MARKDOWN_SPECIAL)


def _markdown(
    title: str, verdict: str, facts: list[tuple[str, str]], reasons: tuple[Reason, ...]
) -> str:
    out = [f"**{_md(title)}：{_md(verdict)}**"]
    notice = _notice(reasons)
    if notice is not None:
        out += ["", f"> **{_md(notice)}**"]
    if facts:
        out += ["", "| 项目 | 内容 |", "| --- | --- |"]
        out += [f"| {_md(label)} | {_md(value)} |" for label, value in facts]
    if not reasons:
        out += ["", "判定理由：（无）"]
        return "\n".join(out)
    out += ["", "判定理由：", ""]
    for number, reason in enumerate(reasons, start=1):
        mark = f"**⚠ {UNVERIFIED_MARK}** " if _unverified(reason) else ""
        basis = _basis(reason)
        # Two trailing spaces: a line break inside the list item.
        out.append(f"{number}. {mark}{_md(reason.message)}" + ("  " if basis else ""))
        if basis:
            out.append(f"   {_md(basis)}")
    return "\n".join(out)
