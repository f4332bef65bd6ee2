"""How names in Chinese legal and technical text are compared (名称比对).

Chinese text mixes full-width and half-width brackets, commas and digits (``（含量>90%）``,
``(含量＞90％)``), subscripts (H₂) and stray spaces. Names are compared after Unicode NFKC
normalisation, with square and lenticular brackets read as round ones, whitespace removed and
Latin letters case-folded. Every lookup by name in the library (accident categories, chemicals)
uses this one rule.

>>> normalize("硝化纤维素 [干的或含水（或乙醇）＜25％]")
'硝化纤维素(干的或含水(或乙醇)<25%)'
>>> normalize("厂【场】内车辆致害") == normalize("厂（场）内车辆致害")
True
"""  # noqa: RUF002 - full-width input is the point of the example

from __future__ import annotations

import unicodedata

_BRACKETS = str.maketrans({"[": "(", "]": ")", "【": "(", "】": ")", "〔": "(", "〕": ")"})


def normalize(text: str) -> str:
    """The form in which two names are compared (名称规范化).

    >>> normalize(" 液 氨 ") == normalize("液氨"), normalize("ＴＤＩ") == normalize("tdi")
    (True, True)
    """  # noqa: RUF002 - full-width input is the point of the example
    folded = unicodedata.normalize("NFKC", text).translate(_BRACKETS)
    return "".join(folded.split()).casefold()
