"""Tests of safetyrules.display: notebook display (笔记本显示) of the result classes.

Every result renders as a well-formed HTML fragment: the verdict, each reason's message and
citation in its own list item, unverified reasons marked with the text “未核实”, user text
escaped. The Markdown form carries the same content. Display code loads only when a result is
shown.
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from html.parser import HTMLParser
from typing import Any

import attrs
import pytest

from safetyrules.accidents.grade import AccidentClassification, AccidentGrade, classify
from safetyrules.audit import demo_enterprise
from safetyrules.checklists import load_checklist
from safetyrules.checklists.inspection import Answer, InspectionResult, inspect
from safetyrules.display import HtmlFragment, fragment, markdown
from safetyrules.law.citation import Citation
from safetyrules.law.confidence import Confidence
from safetyrules.law.reason import Explanation, Reason
from safetyrules.penalties.accident_fines import FineRange, accident_fine
from safetyrules.penalties.discretion import Recommendation, recommend
from safetyrules.risk.assessment import RiskAssessment, lec, ls
from safetyrules.risk.schemes import scheme
from safetyrules.scoring import load_standard
from safetyrules.scoring.score import Deduction, ItemResult, ScoringAssessment, score

# Text a user could type into a location, an enterprise name or a scheme name: a tag, an
# entity and a quote, which must all come out as text.
PAYLOAD = '<i class="x">注入</i>&amp;"'
MARK = "未核实"
VOID = {"br", "hr", "img", "meta", "wbr", "col", "input"}


class Page(HTMLParser):
    """A strict reading of a fragment: tags balanced, no script, the text of each list item."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.tags: list[str] = []
        self.text: list[str] = []
        self.items: list[list[str]] = []
        self.problems: list[str] = []
        self.feed(text)
        self.close()
        if self.open:
            self.problems.append(f"未闭合的标签：{self.open}")
        if self.rawdata:
            self.problems.append(f"未解析的内容：{self.rawdata!r}")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag in {"script", "style", "iframe", "object"}:
            self.problems.append(f"不应出现的标签：{tag}")
        for name, _ in attrs:
            if name.startswith("on") or name in {"class", "id"}:
                self.problems.append(f"不应出现的属性：{name}")
        if tag == "li":
            self.items.append([])
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.open.pop()

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            self.problems.append(f"标签 </{tag}> 与 {self.open} 不匹配")
            return
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if "li" in self.open:
            self.items[-1].append(data)

    @property
    def all_text(self) -> str:
        return "".join(self.text)

    @property
    def item_texts(self) -> list[str]:
        return ["".join(parts) for parts in self.items]


def parsed(text: str) -> Page:
    page = Page(text)
    assert not page.problems, page.problems
    return page


def unverified(reason: Reason) -> bool:
    return reason.confidence is Confidence.UNVERIFIED


def with_payload(result: Any) -> Any:
    """The result with one more reason, unverified, whose message is user text."""
    extra = Reason(
        rule="test.payload",
        message=f"用户填写：{PAYLOAD}",
        citation=Citation(instrument="accident-reporting-regulation", provision="第三条"),
        confidence=Confidence.UNVERIFIED,
    )
    if isinstance(result, Explanation):
        return Explanation(reasons=(*result.reasons, extra))
    reasons = (*result.explanation.reasons, extra)
    return result.model_copy(update={"explanation": Explanation(reasons=reasons)})


def explanation_of(result: Any) -> Explanation:
    return result if isinstance(result, Explanation) else result.explanation


# --- The results shown: for each class, cases and the verdict their display leads with. ---

GENERAL = "general-gbt-33000-2016"


def _scored(evidence: str = "目标未以正式文件发布") -> ScoringAssessment:
    standard = load_standard(GENERAL)
    first = standard.items[0]
    results = [ItemResult(item=i.id) for i in standard.items[1:]]
    results.append(
        ItemResult(
            item=first.id, deductions=[Deduction(rule=first.deductions[0].id, evidence=evidence)]
        )
    )
    return score(standard, results, as_of=date(2025, 9, 15))


def _inspected(location: str = "液氨机房", name: str | None = None) -> InspectionResult:
    enterprise = demo_enterprise()
    if name is not None:
        enterprise = enterprise.model_copy(update={"name": name})
    law = load_checklist("work-safety-law-obligations")
    trade = load_checklist("trade-major-hazard-2023")
    if name is None and location == "液氨机房":
        answer = Answer(item="11-3", outcome="不符合", location="布袋除尘器")
        return inspect(trade, enterprise, [answer], date(2025, 9, 10))
    answers = [
        Answer(item="law-35", outcome="不符合", location=location, count=2, evidence="无警示标志"),
        Answer(item="law-43", outcome="符合"),
    ]
    return inspect(law, enterprise, answers, date(2025, 9, 10))


def _company_scheme_assessment() -> RiskAssessment:
    own = attrs.evolve(scheme("lec"), id="company-lec", name=f"企业自定{PAYLOAD}方案")
    return lec(3, 6, 7, scheme=own)


CASES: dict[str, tuple[Callable[[], Any], str]] = {
    "accident-larger": (lambda: classify(deaths=3), "较大事故"),
    "accident-missing": (lambda: classify(deaths=2, missing=1), "较大事故"),
    "accident-loss": (
        lambda: classify(serious_injuries=12, direct_economic_loss=5_000_000),
        "较大事故",
    ),
    "risk-forced": (lambda: lec(1, 1, 7, direct=["major-hazard-installation"]), "重大风险（红）"),
    "risk-ls": (lambda: ls(3, 4), "一般风险（黄）"),
    "scoring": (_scored, "99.4 分"),
    "inspection-major": (_inspected, "事故隐患1项（重大1项），违法行为1项"),
    "inspection-law": (
        lambda: _inspected(location="配电房"),
        "事故隐患1项（重大0项），违法行为1项",
    ),
    "recommendation": (
        lambda: recommend("warning-signs-missing", occurred_on=date(2025, 3, 1)),
        "1万元以上3万元以下（一般）",
    ),
    "recommendation-heavier": (
        lambda: recommend(
            "special-operators-uncertified",
            occurred_on=date(2025, 3, 1),
            stage="逾期未改正",
            circumstances=["repeat-within-one-year"],
        ),
        "15万元以上20万元以下（从重）",
    ),
    "fine-grade": (
        lambda: accident_fine(AccidentGrade.LARGER, occurred_on=date(2022, 3, 1)),
        "100万元至200万元",
    ),
    "fine-tier": (
        lambda: accident_fine(
            classify(deaths=5, occurred_on=date(2024, 6, 1)), occurred_on=date(2024, 6, 1)
        ),
        "120万元至150万元",
    ),
    "explanation": (lambda: classify(deaths=2, missing=1).explanation, "5条理由（含未核实依据）"),
    "explanation-empty": (Explanation, "0条理由"),
}

# One case per class, for the tests that need each class once.
BY_CLASS: dict[type, str] = {
    AccidentClassification: "accident-missing",
    RiskAssessment: "risk-forced",
    ScoringAssessment: "scoring",
    InspectionResult: "inspection-law",
    Recommendation: "recommendation",
    FineRange: "fine-tier",
    Explanation: "explanation",
}


def test_the_cases_cover_every_class() -> None:
    for cls, case in BY_CLASS.items():
        assert type(CASES[case][0]()) is cls


# --- HTML ---


@pytest.mark.parametrize("case", CASES)
def test_fragment_parses_and_shows_verdict_and_every_reason(case: str) -> None:
    make, verdict = CASES[case]
    result = make()
    text = result._repr_html_()
    page = parsed(text)
    assert verdict in page.all_text
    reasons = explanation_of(result).reasons
    assert len(page.item_texts) == len(reasons)
    for shown, reason in zip(page.item_texts, reasons, strict=True):
        assert reason.message in shown
        if reason.citation is not None:
            assert f"依据：{reason.citation}" in shown
        assert MARK not in reason.message  # so that the mark below is the display's own
        assert (MARK in shown) is unverified(reason), shown


@pytest.mark.parametrize("case", CASES)
def test_unverified_reasons_bring_a_notice_in_words(case: str) -> None:
    result = CASES[case][0]()
    count = sum(unverified(r) for r in explanation_of(result).reasons)
    text = result._repr_html_()
    notice = f"含{count}条{MARK}的依据"
    assert (notice in parsed(text).all_text) is (count > 0)
    # Marked in words and with a border, not by colour alone.
    assert text.count(f"⚠ {MARK}</span>") == count
    assert text.count("border:1px dashed") == count


def test_every_class_marks_an_unverified_reason() -> None:
    for case in BY_CLASS.values():
        result = with_payload(CASES[case][0]())
        page = parsed(result._repr_html_())
        assert MARK in page.item_texts[-1]
        assert "使用前请核对官方文本" in page.all_text


@pytest.mark.parametrize("case", BY_CLASS.values())
def test_text_in_reasons_is_escaped(case: str) -> None:
    text = with_payload(CASES[case][0]())._repr_html_()
    page = parsed(text)
    assert "i" not in page.tags
    assert PAYLOAD in page.item_texts[-1]
    assert html.escape(PAYLOAD) in text


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda: _inspected(location=f"液氨{PAYLOAD}机房"), id="inspection-location"),
        pytest.param(
            lambda: _inspected(location="配电房", name=f"甲{PAYLOAD}公司"), id="enterprise"
        ),
        pytest.param(lambda: _scored(evidence=f"无{PAYLOAD}文件"), id="scoring-evidence"),
        pytest.param(_company_scheme_assessment, id="risk-scheme-name"),
    ],
)
def test_user_text_is_escaped(make: Callable[[], Any]) -> None:
    result = make()
    text = result._repr_html_()
    page = parsed(text)
    assert "i" not in page.tags
    assert PAYLOAD in page.all_text
    assert '<i class="x">' not in text
    assert '<i class="x">' not in result._repr_markdown_()


def test_enterprise_name_is_a_fact() -> None:
    page = parsed(_inspected(location="配电房", name=f"甲{PAYLOAD}公司")._repr_html_())
    assert f"被检查单位甲{PAYLOAD}公司" in page.all_text


def test_facts_are_a_table_of_escaped_labels_and_values() -> None:
    text = fragment(
        "标题<b>", "结论<b>", [("项目<b>", "内容<b>"), ("日期", None), ("分值", 7)], Explanation()
    )
    page = parsed(text)
    assert page.tags.count("tr") == 3
    assert "b" not in page.tags
    assert "项目<b>内容<b>" in page.all_text
    assert "日期—" in page.all_text
    assert "分值7" in page.all_text
    assert "标题<b>" in page.all_text
    assert "结论<b>" in page.all_text
    assert "（无）" in page.all_text
    assert "<ol" not in text


def test_no_facts_no_table() -> None:
    assert "<table" not in fragment("判定理由", "0条理由", [], Explanation())


def test_secondary_confidence_is_named() -> None:
    reason = Reason(rule="r", message="第一步", confidence=Confidence.SECONDARY)
    page = parsed(fragment("判定理由", "1条理由", [], Explanation(reasons=(reason,))))
    assert page.item_texts == ["第一步可信度：二手来源一致"]


def test_fragment_uses_inline_styles_only() -> None:
    text = with_payload(CASES["recommendation"][0]())._repr_html_()
    assert "<style" not in text
    assert "<script" not in text
    assert "class=" not in text.replace(html.escape('class="x"'), "")
    assert "javascript:" not in text


# --- Markdown ---


def md_plain(text: str) -> str:
    """Markdown text with its backslash escapes and entities undone."""
    return html.unescape(re.sub(r"\\(.)", r"\1", text))


@pytest.mark.parametrize("case", CASES)
def test_markdown_has_verdict_facts_and_reasons(case: str) -> None:
    make, verdict = CASES[case]
    result = make()
    text = result._repr_markdown_()
    lines = text.splitlines()
    assert verdict in md_plain(lines[0])
    reasons = explanation_of(result).reasons
    numbered = [line for line in lines if re.match(r"\d+\. ", line)]
    assert len(numbered) == len(reasons)
    plain = md_plain(text)
    for line, reason in zip(numbered, reasons, strict=True):
        assert reason.message in md_plain(line)
        assert (f"**⚠ {MARK}**" in line) is unverified(reason)
        if reason.citation is not None:
            assert f"依据：{reason.citation}" in plain


@pytest.mark.parametrize("case", BY_CLASS.values())
def test_markdown_escapes_user_text(case: str) -> None:
    text = with_payload(CASES[case][0]())._repr_markdown_()
    assert "<i" not in text
    assert PAYLOAD in md_plain(text)


def test_markdown_table_cells_cannot_break_the_table() -> None:
    text = markdown(fragment("标题", "结论", [("a|b", "c\nd*e*")], Explanation()))
    assert r"| a\|b | c d\*e\* |" in text


def test_markdown_needs_a_display_fragment() -> None:
    assert isinstance(fragment("标题", "结论", [], Explanation()), HtmlFragment)
    with pytest.raises(TypeError, match="显示片段"):
        markdown("<p>结论</p>")


# --- Import cost ---


def loaded_after(code: str) -> set[str]:
    program = f"import sys; {code}; print('\\n'.join(sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True
    )
    return set(result.stdout.split())


def test_import_safetyrules_does_not_load_display() -> None:
    assert "safetyrules.display" not in loaded_after("import safetyrules")


def test_result_modules_load_display_only_when_shown() -> None:
    modules = [
        "safetyrules.accidents.grade",
        "safetyrules.risk.assessment",
        "safetyrules.scoring.score",
        "safetyrules.checklists.inspection",
        "safetyrules.penalties.discretion",
        "safetyrules.penalties.accident_fines",
        "safetyrules.law.reason",
    ]
    imports = "; ".join(f"import {m}" for m in modules)
    assert "safetyrules.display" not in loaded_after(imports)
    shown = loaded_after(
        "from safetyrules.accidents.grade import classify; classify(deaths=3)._repr_html_()"
    )
    assert "safetyrules.display" in shown


def test_display_imports_only_the_standard_library() -> None:
    loaded = loaded_after("import safetyrules.display")
    assert {m for m in loaded if m.startswith("safetyrules")} == {
        "safetyrules",
        "safetyrules.display",
    }
    for heavy in ("pydantic", "attrs", "tomllib", "rich"):
        assert heavy not in loaded, heavy
