"""The example of docs/responsibility.md runs and prints what its comments say."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

PAGE = (Path(__file__).resolve().parents[2] / "docs" / "responsibility.md").read_text(
    encoding="utf-8"
)


def test_the_python_example_prints_its_comments() -> None:
    (block,) = re.findall(r"```python\n(.*?)```", PAGE, flags=re.DOTALL)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(block, "docs/responsibility.md", "exec"), {})
    printed = out.getvalue().splitlines()
    expected = [line.removeprefix("# ") for line in block.splitlines() if line.startswith("# ")]
    assert len(printed) == len(expected)
    for line, comment in zip(printed, expected, strict=True):
        head, _, tail = comment.partition(" …")
        assert line.startswith(head)
        assert line.endswith(tail)
