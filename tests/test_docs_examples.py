"""The Python examples of documentation pages run as written, in order, one namespace per page.

The convention, for every page listed in ``PAGES``:

- Each fenced ```` ```python ```` block runs, in the order of the page, in one namespace shared
  by all the blocks of that page (a later block may use what an earlier one imported or
  computed). A block states its own expectations with ``assert``; this test adds none.
- A fenced ```` ```toml ```` block whose preceding line (blank lines aside) is the HTML comment
  ``<!-- file: NAME -->`` is written to a fresh temporary folder as ``NAME`` before the first
  block runs. The blocks run with that folder as the working directory, so a page reads the
  file as ``Path("NAME")``, exactly as a reader who saved the block next to their script
  would; the folder is also in the namespace as ``DOCS_DIR``. A TOML block without the comment
  is an illustration and is not written.
- Every file a page declares must be used by one of its Python blocks.
- Registries that examples change (registered instruments, risk band schemes, direct-judgement
  lists, benchmark rows, placement rules) are restored before and after each page, so pages
  and other tests do not see each other's registrations.

To cover another page, add its file name to ``PAGES``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from safetyrules.law.catalogue import _reset_registered as _reset_catalogue
from safetyrules.penalties.benchmarks import _reset_registered as _reset_benchmarks
from safetyrules.penalties.placement import _reset_registered as _reset_placement
from safetyrules.risk.direct import _reset_registered as _reset_direct
from safetyrules.risk.schemes import _reset_registered as _reset_schemes

DOCS = Path(__file__).resolve().parents[1] / "docs"

PAGES = (
    "accidents.md",
    "penalties.md",
    "custom-rules.md",
    "checklists.md",
    "hazards.md",
    "risk.md",
    "scoring.md",
    "cli.md",
    "bulk.md",
)
"""The pages whose examples run; add a page's file name to cover it. (testing.md shows a user's
own test module, which imports the user's code, so it is not run here.)"""

_FENCE = re.compile(r"^```(?P<language>[A-Za-z0-9_-]*)\s*$")
_FILE = re.compile(r"^<!-- file: (?P<name>[A-Za-z0-9][A-Za-z0-9._-]*) -->$")


@dataclass(frozen=True)
class Block:
    """A fenced code block of a page: its language, first line number (1-based), text and, for a
    TOML block, the file name its marker comment gives."""

    language: str
    line: int
    text: str
    file: str | None = None


def blocks(page: str) -> list[Block]:
    """The fenced code blocks of a page, in order."""
    lines = (DOCS / page).read_text(encoding="utf-8").splitlines()
    found: list[Block] = []
    index = 0
    while index < len(lines):
        opening = _FENCE.match(lines[index])
        if opening is None:
            index += 1
            continue
        language = opening["language"]
        start = index + 1
        end = start
        while end < len(lines) and lines[end].strip() != "```":
            end += 1
        if end == len(lines):
            raise AssertionError(f"docs/{page}:{index + 1}: code block is never closed")
        before = next((line for line in reversed(lines[:index]) if line.strip()), "")
        marker = _FILE.match(before.strip())
        if marker is not None and language != "toml":
            raise AssertionError(
                f"docs/{page}:{index + 1}: a file marker must precede a toml block"
            )
        found.append(
            Block(
                language=language,
                line=start + 1,
                text="\n".join(lines[start:end]) + "\n",
                file=marker["name"] if marker is not None else None,
            )
        )
        index = end + 1
    return found


def _reset_rule_registries() -> None:
    _reset_benchmarks()
    _reset_placement()
    _reset_direct()
    _reset_schemes()


@contextmanager
def _registries_restored() -> Iterator[None]:
    _reset_rule_registries()
    _reset_catalogue()
    try:
        yield
    finally:
        _reset_rule_registries()
        _reset_catalogue()


@pytest.mark.parametrize("page", PAGES)
def test_the_page_has_python_examples(page: str) -> None:
    assert any(block.language == "python" for block in blocks(page))


@pytest.mark.parametrize("page", PAGES)
def test_declared_files_are_unique_and_used(page: str) -> None:
    found = blocks(page)
    names = [block.file for block in found if block.file is not None]
    assert len(names) == len(set(names)), f"docs/{page}: a file name is declared twice"
    code = "".join(block.text for block in found if block.language == "python")
    unused = [name for name in names if f'"{name}"' not in code]
    assert not unused, f"docs/{page}: files never read by the page's Python blocks: {unused}"


@pytest.mark.parametrize("page", PAGES)
def test_the_page_names_no_machine_path(page: str) -> None:
    text = (DOCS / page).read_text(encoding="utf-8")
    for fragment in ("/work/", "/tmp/", "/home/", "/Users/", "C:\\", ".venv"):
        assert fragment not in text, f"docs/{page} names a machine path ({fragment})"


@pytest.mark.parametrize("page", PAGES)
def test_the_python_examples_run(
    page: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = blocks(page)
    for block in found:
        if block.file is not None:
            (tmp_path / block.file).write_text(block.text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": "__main__", "DOCS_DIR": tmp_path}
    with _registries_restored():
        for block in found:
            if block.language != "python":
                continue
            # Padding keeps the line numbers of a traceback those of the page.
            source = "\n" * (block.line - 1) + block.text
            exec(compile(source, f"docs/{page}", "exec"), namespace)  # the example is the test
