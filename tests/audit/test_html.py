"""The HTML report: its structure (parsed with html.parser), escaping, charts and, in headless
Chromium, that it renders to a page that is not blank."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import tempfile
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import pytest

from safetyrules.audit import AuditReport, audit, demo_enterprise, demo_inputs
from safetyrules.audit._svg import LEVEL_COLOURS
from safetyrules.audit.html import STYLESHEET, UNVERIFIED_MARK, page, to_html
from safetyrules.audit.render import to_markdown

AS_OF = date(2026, 11, 29)

# Elements that never have an end tag; SVG shapes are written self-closed.
VOID = {"br", "meta", "link", "img", "hr", "input", "rect", "line"}


@dataclass
class Node:
    """An element of the parsed page."""

    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def find_all(self, tag: str, css: str | None = None) -> list[Node]:
        found: list[Node] = []
        for child in self.children:
            if isinstance(child, Node):
                if child.tag == tag and (css is None or css in child.classes):
                    found.append(child)
                found += child.find_all(tag, css)
        return found


class TreeBuilder(HTMLParser):
    """Builds a tree of the page, failing on an end tag that does not close the open element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]
        self.start_tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        self.start_tags.append(tag)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}))
        self.start_tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(html: str) -> TreeBuilder:
    builder = TreeBuilder()
    builder.feed(html)
    builder.close()
    assert builder.stack == [builder.root], "unclosed elements"
    return builder


@cache
def demo_report() -> AuditReport:
    return audit(demo_inputs(), AS_OF)


@cache
def demo_html() -> str:
    return to_html(demo_report())


@cache
def demo_page() -> Node:
    return parse(demo_html()).root


def markdown_headings(report: AuditReport, level: int) -> list[str]:
    prefix = "#" * level + " "
    return [
        line.removeprefix(prefix)
        for line in to_markdown(report).splitlines()
        if line.startswith(prefix)
    ]


def tables(root: Node) -> list[tuple[list[str], list[list[Node]]]]:
    """Each table's header texts and its rows of cells."""
    found = []
    for table in root.find_all("table"):
        headers = [th.text() for th in table.find_all("th")]
        rows = [tr.find_all("td") for tr in table.find_all("tr") if tr.find_all("td")]
        found.append((headers, rows))
    return found


def table_with(root: Node, first_header: str) -> list[list[Node]]:
    return next(rows for headers, rows in tables(root) if headers[0] == first_header)


def test_page_is_self_contained_utf8_chinese() -> None:
    html = demo_html()
    builder = parse(html)
    assert html.startswith("<!DOCTYPE html>")
    html_tag = builder.root.find_all("html")[0]
    assert html_tag.attrs["lang"] == "zh-CN"
    assert next(m.attrs.get("charset") for m in builder.root.find_all("meta")) == "utf-8"
    assert not {"script", "link", "img", "iframe", "object"} & set(builder.start_tags)
    # No address outside the page: only in-page links and the SVG namespace.
    assert {a.attrs["href"][0] for a in builder.root.find_all("a")} == {"#"}
    assert re.findall(r"https?://[^\s\"']+", html) == ["http://www.w3.org/2000/svg"] * 4
    assert "@import" not in html
    assert "url(" not in html


def test_demo_sections_are_numbered_in_the_markdown_order() -> None:
    titles = [h.text() for h in demo_page().find_all("h2")]
    assert titles == [
        "一、企业基本情况",
        "二、属地",
        "三、审计基准日有效的法律文件",
        "四、生产安全事故",
        "五、安全风险分级管控",
        "六、危险化学品重大危险源（GB 18218-2018）",
        "七、安全生产标准化",
        "八、三标融合检查：涉爆粉尘作业场所专项检查表（2026-11-20）",
        "九、隐患排查治理台账",
        "十、安全生产责任与三清单",
        "十一、严重失信主体名单",
    ]
    assert titles == markdown_headings(demo_report(), 2)


def test_subsections_match_the_markdown_report() -> None:
    assert [h.text() for h in demo_page().find_all("h3")] == markdown_headings(demo_report(), 3)


@pytest.mark.parametrize(
    "as_of",
    [date(2008, 1, 1), date(2012, 6, 1), date(2019, 6, 1), date(2023, 1, 1), date(2025, 10, 1)],
)
def test_earlier_dates_show_the_same_sections_and_gaps(as_of: date) -> None:
    # Before rules took effect some sections are missing or say 未评价; both formats agree.
    report = audit(demo_inputs(), as_of)
    root = parse(to_html(report)).root
    assert [h.text() for h in root.find_all("h2")] == markdown_headings(report, 2)
    assert [h.text() for h in root.find_all("h3")] == markdown_headings(report, 3)
    assert root.text().count("未评价") == to_markdown(report).count("未评价")


def test_contents_link_to_every_section() -> None:
    root = demo_page()
    sections = root.find_all("section")
    links = root.find_all("nav")[0].find_all("a")
    assert [a.attrs["href"] for a in links] == [f"#{s.attrs['id']}" for s in sections]
    assert [a.text() for a in links] == [h.text() for h in root.find_all("h2")]


def test_report_without_optional_sections_keeps_the_numbering() -> None:
    report = audit(demo_enterprise(), AS_OF)
    root = parse(to_html(report)).root
    titles = [h.text() for h in root.find_all("h2")]
    assert titles == markdown_headings(report, 2)
    assert titles[0] == "一、企业基本情况"
    assert not root.find_all("svg")


def test_header_names_the_enterprise_and_the_date() -> None:
    header = demo_page().find_all("header")[0]
    assert header.find_all("h1")[0].text() == "安全生产合规审计报告：嘉兴南湖示范食品有限公司"
    assert "审计基准日：2026-11-29" in header.text()
    # The key figures start with the 重大事故隐患 of the inspections.
    first = header.find_all("li")[0]
    assert first.text() == "2 项重大事故隐患"
    assert "alert" in first.classes


def test_enterprise_name_with_markup_stays_text() -> None:
    name = '甲<script>alert("x")</script>&乙'
    report = demo_report()
    report = report.model_copy(
        update={"enterprise": report.enterprise.model_copy(update={"name": name})}
    )
    html = to_html(report)
    builder = parse(html)
    assert "script" not in builder.start_tags
    assert builder.root.find_all("h1")[0].text() == f"安全生产合规审计报告：{name}"
    assert builder.root.find_all("title")[0].text() == f"安全生产合规审计报告：{name}"
    facts = table_with(builder.root, "项目")
    assert facts[0][1].text() == name
    assert "&lt;script&gt;" in html
    assert "<script>" not in html


# The demo register (src/safetyrules/data/demo/risks.toml) has four LS points:
# R01 L=3 S=5, R02 L=3 S=5, R05 L=2 S=5, R06 L=2 S=4 (R03, R04, R07 are LEC, R08 is MES).
EXPECTED_COUNTS = {(3, 5): 2, (2, 5): 1, (2, 4): 1}


def ls_db37_level(l: int, s: int) -> str:  # noqa: E741
    """The ls-db37 bands: R = L × S in [1, 8] 低, (8, 12] 一般, (12, 16] 较大, (16, 25] 重大."""
    r = l * s
    return "低风险" if r <= 8 else "一般风险" if r <= 12 else "较大风险" if r <= 16 else "重大风险"


def heat_cells() -> dict[tuple[int, int], Node]:
    cells = demo_page().find_all("g", "heat-cell")
    assert len(cells) == 25
    return {(int(c.attrs["data-l"]), int(c.attrs["data-s"])): c for c in cells}


def test_heat_map_counts_the_demo_register() -> None:
    cells = heat_cells()
    assert set(cells) == {(l, s) for l in range(1, 6) for s in range(1, 6)}  # noqa: E741
    for (l, s), cell in cells.items():  # noqa: E741
        count = cell.find_all("text", "heat-count")[0].text()
        assert count == str(EXPECTED_COUNTS.get((l, s), 0)), (l, s)


def test_heat_map_cells_are_coloured_and_named_by_level() -> None:
    fills = {
        "低风险": LEVEL_COLOURS[next(c for c in LEVEL_COLOURS if c.value == "蓝")][0],
        "一般风险": LEVEL_COLOURS[next(c for c in LEVEL_COLOURS if c.value == "黄")][0],
        "较大风险": LEVEL_COLOURS[next(c for c in LEVEL_COLOURS if c.value == "橙")][0],
        "重大风险": LEVEL_COLOURS[next(c for c in LEVEL_COLOURS if c.value == "红")][0],
    }
    for (l, s), cell in heat_cells().items():  # noqa: E741
        level = ls_db37_level(l, s)
        assert cell.find_all("text", "heat-level")[0].text() == level, (l, s)
        assert cell.find_all("rect")[0].attrs["fill"] == fills[level], (l, s)


def test_heat_map_axes_are_labelled() -> None:
    svg = next(s for s in demo_page().find_all("svg") if "heat" in s.classes)
    texts = [t.text() for t in svg.find_all("text")]
    assert "L（可能性）" in texts
    assert "S（严重性）" in texts
    assert [f"L = {n}" for n in range(5, 0, -1)] == [t for t in texts if t.startswith("L = ")]
    assert [f"S = {n}" for n in range(1, 6)] == [t for t in texts if t.startswith("S = ")]


def test_risk_levels_show_text_as_well_as_colour() -> None:
    names = {
        "level-red": "重大",
        "level-orange": "较大",
        "level-yellow": "一般",
        "level-blue": "低",
    }
    badges = demo_page().find_all("span", "badge")
    assert len(badges) > 20
    for badge in badges:
        (css,) = badge.classes & set(names)
        assert badge.text().startswith(names[css]), badge.text()
    rows = table_with(demo_page(), "编号")
    assert [r[5].text() for r in rows][:2] == ["重大风险（红），直接判定", "重大风险（红）"]


def test_major_accident_hazards_come_first() -> None:
    rows = table_with(demo_page(), "隐患")
    # Items 11-3 and 11-10 of the inspection are 第十一条 重大事故隐患; law-35 and law-45 are not.
    assert [r[1].text() for r in rows] == ["重大事故隐患"] * 2 + ["一般事故隐患"] * 2
    trs = [tr for tr in demo_page().find_all("tr") if "major-row" in tr.classes]
    # The two hazards, the ammonia unit (a major hazard installation) and the ledger's two
    # 重大事故隐患 (demo/hazards.toml: YH-2026-015 and YH-2026-043).
    assert len(trs) == 2 + 1 + 2


def test_unverified_bases_are_marked() -> None:
    html = demo_html()
    marks = [m.text() for m in demo_page().find_all("mark", "unverified")]
    warnings = [m for m in marks if m == UNVERIFIED_MARK]
    assert (
        len(warnings)
        == html.count(UNVERIFIED_MARK)
        == to_markdown(demo_report()).count(UNVERIFIED_MARK)
    )
    assert marks.count("未核实") > 0


def test_score_chart_matches_the_table() -> None:
    rows = table_with(demo_page(), "一级要素")
    svg = next(s for s in demo_page().find_all("svg") if "一级要素得分率" in s.attrs["aria-label"])
    bars = svg.find_all("g", "bar-row")
    assert [b.find_all("text", "bar-label")[0].text() for b in bars] == [r[0].text() for r in rows]
    assert [b.find_all("text", "bar-value")[0].text() for b in bars] == [r[3].text() for r in rows]
    widths = [float(b.find_all("rect")[0].attrs["width"]) for b in bars]
    full = widths[[r[3].text() for r in rows].index("100.0%")]
    assert widths[0] == pytest.approx(full * 0.942, abs=0.1)  # 5.1 目标职责 94.2%


def test_hazard_chart_counts_levels() -> None:
    svg = next(s for s in demo_page().find_all("svg") if "隐患" in s.attrs["aria-label"])
    bars = {
        b.find_all("text", "bar-label")[0].text(): b.find_all("text", "bar-value")[0].text()
        for b in svg.find_all("g", "bar-row")
    }
    assert list(bars.items()) == [("重大事故隐患", "2 项"), ("一般事故隐患", "2 项")]


def contrast(background: str, ink: str) -> float:
    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    light, dark = sorted((luminance(background), luminance(ink)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_level_colours_are_readable() -> None:
    assert [c.value for c in LEVEL_COLOURS] == ["红", "橙", "黄", "蓝"]
    for fill, ink in LEVEL_COLOURS.values():
        assert contrast(fill, ink) >= 4.5


def test_stylesheet_leaves_the_heat_map_text_colours_alone() -> None:
    # A CSS fill would override the fill attribute that keeps the cells' text readable.
    rules = re.findall(r"([^{}]+)\{([^{}]*)\}", STYLESHEET)
    assert [sel.strip() for sel, body in rules if "fill:" in body] == ["svg .axis-title"]


def test_stylesheet_has_sticky_headers_and_print_rules() -> None:
    html = demo_html()
    assert "position: sticky" in html
    assert "@media print" in html
    assert "break-inside: avoid" in html


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from the PNG signature and IHDR chunk."""
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    assert head[12:16] == b"IHDR"
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def screenshot(chromium: str, folder: Path, name: str, html: str) -> Path:
    source, target = folder / f"{name}.html", folder / f"{name}.png"
    source.write_text(html, encoding="utf-8")
    command = [
        chromium,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        f"--user-data-dir={folder / f'profile-{name}'}",
        f"--screenshot={target}",
        "--window-size=1280,2400",
        source.as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
    assert target.exists(), f"chromium wrote no screenshot:\n{done.stderr[-2000:]}"
    return target


@pytest.mark.browser
def test_chromium_renders_the_demo_report(tmp_path: Path) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.fail(
            "未找到 chromium，无法以无头浏览器渲染 HTML 报告。"
            "请安装：apt-get install -y chromium fonts-noto-cjk（Debian/Ubuntu）"
        )
    report = screenshot(chromium, tmp_path, "report", demo_html())
    blank = screenshot(chromium, tmp_path, "blank", page("空白", ""))
    assert png_size(report) == png_size(blank) == (1280, 2400)
    # A page of text, tables and charts compresses far worse than an empty white page.
    assert report.stat().st_size > 10 * blank.stat().st_size
    shutil.copyfile(report, Path(tempfile.gettempdir()) / "report.png")
