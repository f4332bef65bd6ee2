"""The Python examples of docs/hazards.md run as written."""

from __future__ import annotations

import re
from pathlib import Path

PAGE = (Path(__file__).resolve().parents[2] / "docs" / "hazards.md").read_text(encoding="utf-8")


def test_the_python_examples_run() -> None:
    blocks = re.findall(r"```python\n(.*?)```", PAGE, flags=re.DOTALL)
    assert len(blocks) == 4
    for block in blocks:
        exec(compile(block, "docs/hazards.md", "exec"), {})  # the example is the test
