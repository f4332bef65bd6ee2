"""Chinese numerals as legal texts write them (中文数字), through cn2an.

Article, paragraph and item numbers in Chinese statutes are written in Chinese numerals:
第一百一十四条, 第（三）项. cn2an does the conversion; it is imported on first use so that
``import safetyrules`` stays fast.
"""

from __future__ import annotations

from functools import cache
from types import ModuleType

from safetyrules.errors import CitationSyntaxError


@cache
def _cn2an() -> ModuleType:
    import cn2an

    module: ModuleType = cn2an
    return module


def to_chinese(number: int) -> str:
    """Write a positive integer the way statutes number their articles (阿拉伯数字转中文).

    >>> to_chinese(114), to_chinese(10), to_chinese(14), to_chinese(110)
    ('一百一十四', '十', '十四', '一百一十')
    """
    if number < 1:
        raise ValueError(f"条文序号必须为正整数: {number}")
    text: str = _cn2an().an2cn(number, "low")
    return text


def from_chinese(text: str) -> int:
    """Read a Chinese numeral back as an integer (中文数字转阿拉伯数字).

    >>> from_chinese("一百一十四"), from_chinese("十四"), from_chinese("二十")
    (114, 14, 20)
    """
    try:
        value = _cn2an().cn2an(text, "strict")
    except ValueError as error:
        raise CitationSyntaxError(text, "不是规范的中文数字") from error
    number = int(value)
    if number < 1 or value != number:
        raise CitationSyntaxError(text, "条文序号必须为正整数")
    return number
