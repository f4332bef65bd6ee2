"""Fixtures shared by the benchmarks; without the pytest-benchmark plugin every test skips.

The project's pytest configuration turns the plugin off (``-p no:benchmark``) so that the
default run stays fast; ``python -m benchmarks.report`` turns it back on (``-p benchmark``).
"""

from __future__ import annotations

from typing import Any

import pytest

from benchmarks import peers


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.pluginmanager.hasplugin("benchmark"):
        return
    skip = pytest.mark.skip(reason="pytest-benchmark is off: run `python -m benchmarks.report`")
    for item in items:
        if "benchmark" in getattr(item, "fixturenames", ()):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def zen_engine() -> Any:
    """A zen engine with the LEC and LS decision tables behind a static loader."""
    pytest.importorskip("zen", reason="zen-engine is not installed (pip install -e '.[bench]')")
    return peers.zen_engine()
