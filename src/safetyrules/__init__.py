"""safetyrules: China's work-safety (安全生产) compliance rules as typed models and pure functions.

Every threshold, range and table value carries its citation and its dates; every verdict
explains itself. Importing the package is cheap: rule data and heavy modules load on first
use.

>>> import safetyrules
>>> safetyrules.Enterprise.__name__
'Enterprise'
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Public names and the modules that define them, imported on first access (PEP 562) so that
# `import safetyrules` parses no rule data and does not import pydantic.
_LAZY = {
    "Enterprise": "safetyrules.enterprise",
    "Citation": "safetyrules.law.citation",
    "Reason": "safetyrules.law.reason",
    "Explanation": "safetyrules.law.reason",
    "jurisdiction": "safetyrules.law.jurisdiction",
    "SafetyRulesError": "safetyrules.errors",
}

if TYPE_CHECKING:
    from safetyrules.enterprise import Enterprise
    from safetyrules.errors import SafetyRulesError
    from safetyrules.law.citation import Citation
    from safetyrules.law.jurisdiction import jurisdiction
    from safetyrules.law.reason import Explanation, Reason

__all__ = ["Citation", "Enterprise", "Explanation", "Reason", "SafetyRulesError", "jurisdiction"]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'safetyrules' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])
