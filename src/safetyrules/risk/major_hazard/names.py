"""How chemical names are compared (名称比对): full-width and half-width alike, spaces ignored.

Chinese text mixes full-width and half-width brackets, commas and digits (``（含量>90%）``,
``(含量＞90％)``), subscripts (H₂) and stray spaces. Names are compared after Unicode NFKC
normalisation, with square and lenticular brackets read as round ones, whitespace removed and
Latin letters case-folded.

>>> normalize("硝化纤维素 [干的或含水（或乙醇）＜25％]")
'硝化纤维素(干的或含水(或乙醇)<25%)'
>>> normalize("ＴＤＩ") == normalize("tdi")
True
"""  # noqa: RUF002 - full-width input is the point of the example

from __future__ import annotations

import unicodedata

_BRACKETS = str.maketrans({"[": "(", "]": ")", "【": "(", "】": ")", "〔": "(", "〕": ")"})


def normalize(text: str) -> str:
    """The form in which two names are compared (名称规范化).

    >>> normalize(" 液 氨 ") == normalize("液氨")
    True
    """
    folded = unicodedata.normalize("NFKC", text).translate(_BRACKETS)
    return "".join(folded.split()).casefold()


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
