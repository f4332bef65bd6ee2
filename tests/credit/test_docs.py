"""The Python example of docs/credit.md runs as written, and the page quotes 第七十八条 exactly."""

from __future__ import annotations

import re
from pathlib import Path

from tests.law_texts import WORK_SAFETY_LAW_2021

PAGE = (Path(__file__).resolve().parents[2] / "docs" / "credit.md").read_text(encoding="utf-8")


def test_the_python_example_runs() -> None:
    blocks = re.findall(r"```python\n(.*?)```", PAGE, flags=re.DOTALL)
    assert len(blocks) == 1
    exec(compile(blocks[0], "docs/credit.md", "exec"), {})  # the example is the test


def test_the_page_quotes_article_78() -> None:
    quoted = "".join(
        line.removeprefix("> ").strip() for line in PAGE.splitlines() if line.startswith("> ")
    )
    article = WORK_SAFETY_LAW_2021.read_text(encoding="utf-8")
    assert quoted.startswith("负有安全生产监督管理职责的部门应当建立安全生产违法行为信息库")
    assert quoted in article


def test_no_deadline_figure_without_a_source() -> None:
    """No source gives the deadlines for the listing decision, publication or the early-removal
    decision: the page names no figure for them and says none is encoded."""
    assert "20个工作日" not in PAGE
    assert "20 个工作日" not in PAGE
    assert "no deadline is encoded" in PAGE


def test_the_page_names_each_state_of_the_day() -> None:
    from safetyrules.credit.period import ListingStatus

    for status in ListingStatus:
        assert f"| {status.value} |" in PAGE
