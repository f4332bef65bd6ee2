"""The glossary names every public enum member and every exported name of the rule modules."""

from __future__ import annotations

import enum
import importlib
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GLOSSARY = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
sys.path.insert(0, str(ROOT / "docs" / "_hooks"))
from glossary import reverse_index  # noqa: E402

PACKAGES = [
    "safetyrules.law",
    "safetyrules.accidents",
    "safetyrules.classification.industry",
    "safetyrules.classification.enterprise_size",
    "safetyrules.audit",
    "safetyrules.risk",
    "safetyrules.risk.major_hazard",
    "safetyrules.scoring",
    "safetyrules.checklists",
    "safetyrules.hazards",
    "safetyrules.penalties",
    "safetyrules.responsibility",
    "safetyrules.credit",
    "safetyrules.schema",
    "safetyrules.bulk",
]
_IDENTIFIERS = set(re.findall(r"`([^`]+)`", GLOSSARY))


def _listed(name: str) -> bool:
    # An entry may qualify a name by its module (statistics.Indicator) or call it (classify()).
    return any(
        entry == name
        or entry.endswith("." + name)
        or entry.rstrip("()") == name
        or entry.rstrip("()").endswith("." + name)
        for entry in _IDENTIFIERS
    )


def _exports() -> list[tuple[str, object]]:
    found = []
    for package in PACKAGES:
        module = importlib.import_module(package)
        found += [(name, getattr(module, name)) for name in module.__all__]
    return found


@pytest.mark.parametrize(("name", "value"), _exports())
def test_every_export_is_in_the_glossary(name: str, value: object) -> None:
    if name.isupper():  # constants such as SHANGHAI
        return
    assert _listed(name), f"{name} 不在术语表中"
    if isinstance(value, type) and issubclass(value, enum.Enum):
        for member in value:
            assert _listed(f"{name}.{member.name}"), f"{name}.{member.name} 不在术语表中"


def test_the_reverse_index_lists_every_row_once() -> None:
    index = reverse_index(GLOSSARY)
    rows = index.splitlines()[2:]
    assert len(rows) == len(set(rows))
    assert "| `AccidentGrade.LARGER` | 较大事故 | 事故 |" in rows
    assert rows == sorted(rows, key=lambda row: (row.split("`")[1].lower(), row))
