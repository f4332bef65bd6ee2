"""Every public class and function carries a Chinese legal term and a runnable example.

Public means defined in a module of the package under a name without a leading underscore. The
examples run as doctests (``--doctest-modules``); this test makes sure none is missing.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re

import pytest

import safetyrules

CHINESE = re.compile(r"[\u4e00-\u9fff]")


def _public() -> list[tuple[str, object]]:
    found: dict[str, object] = {}
    for info in pkgutil.walk_packages(safetyrules.__path__, "safetyrules."):
        if info.name.rsplit(".", 1)[-1].startswith("_"):
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if name.startswith("_"):
                continue
            if (inspect.isclass(value) or inspect.isfunction(value)) and (
                value.__module__ == module.__name__
            ):
                found[f"{module.__name__}.{name}"] = value
    return sorted(found.items())


@pytest.mark.parametrize(
    ("name", "value"), _public(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_a_chinese_term_and_an_example(name: str, value: object) -> None:
    doc = inspect.getdoc(value) or ""
    assert CHINESE.search(doc), f"{name}: 文档字符串缺少中文法律术语"
    assert ">>>" in doc, f"{name}: 文档字符串缺少可运行示例"
