"""Markers of the audit tests."""

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "browser: renders a page with headless Chromium (needs the chromium executable)",
    )
