"""CAS Registry Numbers (CAS 号), as table 1 of GB 18218-2018 lists them.

A CAS number is two to seven digits, two digits and one check digit, joined by hyphens
(``7664-41-7``, 氨). The check digit is the sum of the other digits, each multiplied by its
position counted from the right (1, 2, 3 …), modulo 10: for ``7664-41-7``,
1×1 + 2×4 + 3×4 + 4×6 + 5×6 + 6×7 = 117, and 117 mod 10 = 7.

The check itself is python-stdnum's :mod:`stdnum.casrn` (imported on first use); this
module adds the full-width digits Chinese text often carries and the library's error type.

>>> validate_cas("７６６４－４１－７")
'7664-41-7'
>>> is_valid_cas("7664-41-8")
False
"""  # noqa: RUF002 - full-width digits are the point of the example

from __future__ import annotations

import unicodedata

from safetyrules.errors import InvalidInput

FIELD = "cas"

# Hyphen-like characters that NFKC leaves alone (U+2010 to U+2015, U+2212): read as "-".
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"))


def validate_cas(number: str, field: str = FIELD) -> str:
    """Check a CAS number and return it with hyphens (校验 CAS 号).

    Full-width digits and hyphens and inner spaces are accepted; digits without hyphens are
    split the standard way. A malformed number or a wrong check digit is
    :class:`~safetyrules.errors.InvalidInput` naming ``field``.

    >>> validate_cas("7664417")
    '7664-41-7'
    >>> validate_cas("7664-41-8")
    Traceback (most recent call last):
    ...
    safetyrules.errors.InvalidInput: cas = '7664-41-8': CAS 号校验位错误（应为 7）
    """
    from stdnum import casrn
    from stdnum.exceptions import InvalidChecksum, ValidationError

    if not isinstance(number, str):
        raise InvalidInput(field, number, "CAS 号应为字符串")
    text = "".join(unicodedata.normalize("NFKC", number).translate(_DASHES).split())
    try:
        return str(casrn.validate(text))
    except InvalidChecksum:
        digits = text.replace("-", "")
        expected = casrn.calc_check_digit(digits[:-1])
        raise InvalidInput(field, number, f"CAS 号校验位错误（应为 {expected}）") from None
    except ValidationError:
        raise InvalidInput(
            field, number, "不是 CAS 号的格式（2–7位数字-2位数字-1位校验位）"
        ) from None


def is_valid_cas(number: str) -> bool:
    """Whether a CAS number is well formed and its check digit right (CAS 号是否有效).

    >>> is_valid_cas("7664-41-7"), is_valid_cas("9004-70-0"), is_valid_cas("9004-70-1")
    (True, True, False)
    """
    try:
        validate_cas(number)
    except InvalidInput:
        return False
    return True
