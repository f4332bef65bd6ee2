"""safetyrules' side of the bulk benchmarks (本库的批量接口), in one place.

The bulk API is ``safetyrules.bulk.grade_risks``: ``grade_risks(frame, method="LS")`` takes a
frame with factor columns ``L`` and ``S`` and returns the frame of the same kind with the
result columns added, ``level`` among them. The bulk benchmarks skip, with that reason, where
``safetyrules.bulk.grade_risks`` cannot be imported.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

BULK_MODULE = "safetyrules.bulk"
BULK_FUNCTION = "grade_risks"
MISSING = (
    f"{BULK_MODULE}.{BULK_FUNCTION} 尚未提供（{BULK_MODULE}.{BULK_FUNCTION} is not there yet）"
)


def bulk_module() -> ModuleType | None:
    """``safetyrules.bulk`` when it can be imported and has ``grade_risks``, else ``None``."""
    try:
        module = importlib.import_module(BULK_MODULE)
    except ModuleNotFoundError as error:
        if error.name not in (BULK_MODULE, "safetyrules"):
            raise  # the module is there but one of its own imports fails: say so
        return None
    return module if hasattr(module, BULK_FUNCTION) else None


def grade_ls(bulk: ModuleType, frame: Any) -> Any:
    """Grade a frame of LS factors (``L``, ``S``) by the default scheme; the graded frame."""
    return bulk.grade_risks(frame, method="LS")


def levels(graded: Any) -> list[str | None]:
    """The graded frame's ``level`` column as a list of strings."""
    return list(graded["level"].to_list())
