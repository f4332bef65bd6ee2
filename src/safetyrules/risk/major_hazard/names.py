"""Chemical names (化学品名称): qualifiers in brackets.

Names are compared with :func:`safetyrules.text.normalize` (full-width and half-width alike,
spaces ignored), re-exported here.
"""

from __future__ import annotations

from safetyrules.text import normalize

__all__ = ["normalize", "split_qualifier"]


def split_qualifier(key: str) -> tuple[str, str] | None:
    """Split a normalised name ending in a bracketed qualifier into the name and the qualifier.

    The qualifier is the last top-level bracket group; nested brackets stay in it.

    >>> split_qualifier(normalize("硝化纤维素[干的或含水（或乙醇）<25%]"))
    ('硝化纤维素', '干的或含水(或乙醇)<25%')
    >>> split_qualifier("氨") is None
    True
    """
    if not key.endswith(")"):
        return None
    depth = 0
    for position in range(len(key) - 1, -1, -1):
        if key[position] == ")":
            depth += 1
        elif key[position] == "(":
            depth -= 1
            if depth == 0:
                name, qualifier = key[:position], key[position + 1 : -1]
                return (name, qualifier) if name and qualifier else None
    return None
