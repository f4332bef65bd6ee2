"""Inline SVG charts for the HTML report (报告图表): the LS heat map and horizontal bar charts.

Drawn as plain SVG text in Python, with no script and no plotting library; every text is
escaped, and every coloured mark also carries its meaning as text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from safetyrules.risk.level import RiskColour
from safetyrules.risk.register import HeatMap

LEVEL_COLOURS: dict[RiskColour, tuple[str, str]] = {
    RiskColour.RED: ("#b42318", "#ffffff"),
    RiskColour.ORANGE: ("#f97316", "#1f2328"),
    RiskColour.YELLOW: ("#facc15", "#1f2328"),
    RiskColour.BLUE: ("#1d4ed8", "#ffffff"),
}
"""Fill and text colour of each risk colour (四色配色): text on fill has a contrast of at least
4.5:1 (WCAG AA), and red and orange differ in lightness as well as hue."""

_CELL_W, _CELL_H = 104, 68
_LEFT, _TOP = 104, 40


def colour_class(colour: RiskColour) -> str:
    """The CSS class of a risk colour (风险颜色样式名).

    >>> colour_class(RiskColour.ORANGE)
    'level-orange'
    """
    return f"level-{colour.name.lower()}"


def _text(x: float, y: float, content: str, css: str = "", **attrs: str) -> str:
    """An SVG text element (文字), its content escaped.

    >>> _text(1, 2, "L<S", anchor="end")
    '<text x="1" y="2" text-anchor="end">L&lt;S</text>'
    """
    extra = "".join(f' {_attr(k)}="{escape(v)}"' for k, v in attrs.items())
    cls = f' class="{css}"' if css else ""
    return f'<text x="{x:g}" y="{y:g}"{cls}{extra}>{escape(content)}</text>'


def _attr(name: str) -> str:
    """An SVG attribute name from a keyword (属性名): ``anchor`` is ``text-anchor``.

    >>> _attr("anchor"), _attr("font_size")
    ('text-anchor', 'font-size')
    """
    return "text-anchor" if name == "anchor" else name.replace("_", "-")


def _svg(width: int, height: int, label: str, body: str, css: str) -> str:
    """The SVG element (图), with its accessible name.

    >>> svg = _svg(10, 20, "图<一>", "", "chart")
    >>> svg.startswith("<svg "), 'aria-label="图&lt;一&gt;"' in svg
    (True, True)
    """
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{css}" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(label)}">'
        f"<title>{escape(label)}</title>{body}</svg>"
    )


def _heat_cell(heat: HeatMap, l: int, s: int) -> str:  # noqa: E741
    """One cell of the matrix (风险矩阵单元格): its level's colour, count and level name.

    >>> from safetyrules.risk import RiskPoint, grade_register
    >>> heat = grade_register([RiskPoint(id="R1", name="机房", kind="设备设施", method="LS",
    ...                                  factors={"L": 3, "S": 5})]).heat_maps[0]
    >>> cell = _heat_cell(heat, 3, 5)
    >>> 'data-l="3" data-s="5"' in cell, ">1</text>" in cell, "较大风险" in cell
    (True, True, True)
    """
    count, level = heat.counts[l - 1][s - 1], heat.levels[l - 1][s - 1]
    fill, ink = LEVEL_COLOURS[level.colour]
    x, y = _LEFT + (s - 1) * _CELL_W, _TOP + (5 - l) * _CELL_H
    cx = x + _CELL_W / 2
    stroke = ' stroke="#111" stroke-width="3"' if count else ' stroke="#fff" stroke-width="2"'
    label = f"L = {l}，S = {s}：{count} 个风险点，{level.value}（{level.colour.value}）"
    return (
        f'<g class="heat-cell" data-l="{l}" data-s="{s}"><title>{escape(label)}</title>'
        f'<rect x="{x}" y="{y}" width="{_CELL_W}" height="{_CELL_H}" fill="{fill}"{stroke}/>'
        + _text(cx, y + 32, str(count), "heat-count", anchor="middle", fill=ink, font_size="24")
        + _text(cx, y + 55, level.value, "heat-level", anchor="middle", fill=ink, font_size="14")
        + "</g>"
    )


def _heat_axes() -> str:
    """The axes of the matrix (坐标轴): L from 5 at the top, S from 1 at the left.

    >>> 'S（严重性）' in _heat_axes(), _heat_axes().count("<text")
    (True, 12)
    """
    ticks = [
        _text(
            _LEFT - 12,
            _TOP + (5 - l) * _CELL_H + _CELL_H / 2 + 5,
            f"L = {l}",
            anchor="end",
            font_size="14",
        )
        for l in range(5, 0, -1)  # noqa: E741
    ]
    bottom = _TOP + 5 * _CELL_H
    ticks += [
        _text(_LEFT + (s - 0.5) * _CELL_W, bottom + 22, f"S = {s}", anchor="middle", font_size="14")
        for s in range(1, 6)
    ]
    ticks.append(_text(_LEFT - 12, _TOP - 14, "L（可能性）", "axis-title", anchor="end"))
    ticks.append(
        _text(_LEFT + 2.5 * _CELL_W, bottom + 48, "S（严重性）", "axis-title", anchor="middle")
    )
    return "".join(ticks)


def heat_map_svg(heat: HeatMap) -> str:
    """The LS risk matrix as a heat map (风险矩阵热力图): 25 cells, each coloured by its level
    under the scheme, with the number of risk points and the level's name.

    >>> from safetyrules.risk import grade_register
    >>> svg = heat_map_svg(grade_register([]).heat_maps[0])
    >>> svg.startswith("<svg"), svg.count('class="heat-cell"')
    (True, 25)
    """
    cells = "".join(_heat_cell(heat, l, s) for l in range(5, 0, -1) for s in range(1, 6))  # noqa: E741
    label = f"风险矩阵热力图（LS 法，分级方案 {heat.scheme}）"
    return _svg(
        _LEFT + 5 * _CELL_W + 16, _TOP + 5 * _CELL_H + 64, label, cells + _heat_axes(), "heat"
    )


@dataclass(frozen=True)
class Bar:
    """One bar of a bar chart (柱): its label, value (None: not applicable), the value's text
    and its fill colour.

    >>> Bar("5.1 目标职责", 94.2, "94.2%").fill
    '#3d6a8a'
    """

    label: str
    value: float | None
    text: str
    fill: str = "#3d6a8a"
    ink: str = "#ffffff"


@dataclass(frozen=True)
class Scale:
    """The value axis of a bar chart (数值轴): its maximum, tick values and title, and an
    optional reference line (参考线) with its label.

    >>> Scale(100, (0, 50, 100), "得分率（%）").reference is None
    True
    """

    maximum: float
    ticks: tuple[float, ...]
    title: str
    reference: tuple[float, str] | None = None


_BAR_H, _BAR_GAP, _PLOT_W = 26, 12, 420


def _bar(bar: Bar, index: int, left: int, scale: Scale) -> str:
    """One labelled bar (柱及其标签); a bar with no value shows only its text.

    >>> "—" in _bar(Bar("5.9 其他", None, "—"), 0, 200, Scale(100, (0, 100), "%"))
    True
    """
    y = _TOP + index * (_BAR_H + _BAR_GAP)
    mid = y + _BAR_H / 2 + 5
    parts = [_text(left - 10, mid, bar.label, "bar-label", anchor="end", font_size="14")]
    width = 0.0 if bar.value is None else _PLOT_W * bar.value / scale.maximum
    if width:
        parts.append(
            f'<rect class="bar" x="{left}" y="{y}" width="{width:.1f}" height="{_BAR_H}" '
            f'fill="{bar.fill}"/>'
        )
    parts.append(_text(left + _PLOT_W + 12, mid, bar.text, "bar-value", font_size="14"))
    return f'<g class="bar-row">{"".join(parts)}</g>'


def _value_axis(left: int, bottom: int, scale: Scale) -> str:
    """Grid lines, tick labels, title and reference line of the value axis (数值轴).

    >>> axis = _value_axis(200, 300, Scale(100, (0, 100), "得分率（%）", (92.7, "总得分 92.7")))
    >>> "总得分 92.7" in axis, axis.count("<line")
    (True, 3)
    """
    parts: list[str] = []
    for tick in scale.ticks:
        x = left + _PLOT_W * tick / scale.maximum
        parts.append(
            f'<line x1="{x:.1f}" y1="{_TOP - 6}" x2="{x:.1f}" y2="{bottom}" stroke="#d0d7de"/>'
        )
        parts.append(_text(x, bottom + 18, f"{tick:g}", anchor="middle", font_size="13"))
    parts.append(_text(left + _PLOT_W / 2, bottom + 42, scale.title, "axis-title", anchor="middle"))
    if scale.reference is not None:
        value, label = scale.reference
        x = left + _PLOT_W * value / scale.maximum
        parts.append(
            f'<line class="reference" x1="{x:.1f}" y1="{_TOP - 14}" x2="{x:.1f}" y2="{bottom}" '
            'stroke="#1f2328" stroke-width="2" stroke-dasharray="5 4"/>'
        )
        parts.append(_text(x, _TOP - 20, label, "reference-label", anchor="end", font_size="13"))
    return "".join(parts)


def bar_chart_svg(label: str, bars: Sequence[Bar], scale: Scale, label_width: int = 240) -> str:
    """A horizontal bar chart (条形图), each bar labelled with its value.

    >>> svg = bar_chart_svg("隐患", [Bar("重大事故隐患", 2, "2 项")], Scale(4, (0, 2, 4), "项"))
    >>> svg.count('class="bar"'), ">2 项</text>" in svg
    (1, True)
    """
    left = label_width
    bottom = _TOP + len(bars) * (_BAR_H + _BAR_GAP)
    body = _value_axis(left, bottom, scale) + "".join(
        _bar(bar, i, left, scale) for i, bar in enumerate(bars)
    )
    return _svg(left + _PLOT_W + 80, bottom + 56, label, body, "bars")
