"""组织机构代码 (organisation code), GB 11714-1997《全国组织机构代码编制规则》.

The organisation code has 9 characters: an 8-character body (本体代码) of digits or
upper-case Latin letters, then a check character (校验码). It was issued to every
organisation registered in China until the 18-character 统一社会信用代码 (GB 32100-2015,
see :mod:`safetyrules.identifiers.uscc`) replaced it; it lives on as positions 9-17 of that
code (主体标识码).

The check character is computed as the standard prescribes::

    C9 = 11 - MOD(Σ Ci * Wi, 11)      (i = 1 … 8)

where a digit has its own value, a letter A-Z has the value 10-35, the weights Wi are
3, 7, 9, 10, 5, 8, 4, 2, and a result of 10 is written ``X`` and 11 is written ``0``.
It is usually printed with a hyphen before the check character: ``19231745-8``.

>>> validate('19231745-8')
'192317458'
>>> validate('71526726-X')
'71526726X'
>>> format('192317458')
'19231745-8'
>>> validate('63129500-2')
Traceback (most recent call last):
    ...
safetyrules.identifiers.organization_code.InvalidChecksum: ...: 校验码错误：应为 '1'，实为 '2'
"""

from __future__ import annotations

from safetyrules.errors import InvalidInput

__all__ = [
    "InvalidChecksum",
    "InvalidFormat",
    "InvalidLength",
    "calc_check_digit",
    "compact",
    "format",
    "is_valid",
    "validate",
]

FIELD = "organization_code"
"""Field name used in the errors this module raises."""

WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
"""加权因子 Wi of GB 11714-1997, for body positions 1-8."""

_DIGITS = "0123456789"
_BODY_CHARACTERS = frozenset(_DIGITS + "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_CHECK_CHARACTERS = frozenset(_DIGITS + "X")


class InvalidLength(InvalidInput):
    """A code of the wrong length (长度错误).

    >>> issubclass(InvalidLength, InvalidInput)
    True
    """


class InvalidFormat(InvalidInput):
    """A code with a character not allowed where it stands (格式错误).

    >>> issubclass(InvalidFormat, InvalidInput)
    True
    """


class InvalidChecksum(InvalidInput):
    """A code whose check character does not match its body (校验码错误).

    >>> issubclass(InvalidChecksum, InvalidInput)
    True
    """


def _value(character: str) -> int:
    """The value of one body character: 0-9 for digits, 10-35 for A-Z (代码字符值)."""
    return int(character, 36)


def compact(number: str) -> str:
    """Remove spaces and hyphens and upper-case the code (组织机构代码规整).

    >>> compact(' 19231745-8 ')
    '192317458'
    >>> compact('71526726-x')
    '71526726X'
    """
    return "".join(number.split()).replace("-", "").upper()


def calc_check_digit(number: str) -> str:
    """Compute the check character (校验码) of a code from its 8-character body.

    Only the first 8 characters are used, so a full 9-character code may be passed.

    >>> calc_check_digit('19231745')
    '8'
    >>> calc_check_digit('71526726')
    'X'
    """
    body = compact(number)[:8]
    if len(body) != 8 or any(c not in _BODY_CHARACTERS for c in body):
        raise InvalidFormat(FIELD, number, "本体代码应为 8 位数字或大写拉丁字母")
    remainder = 11 - sum(_value(c) * w for c, w in zip(body, WEIGHTS, strict=True)) % 11
    if remainder == 10:
        return "X"
    if remainder == 11:
        return "0"
    return str(remainder)


def validate(number: str) -> str:
    """Check a 组织机构代码 and return it in compact form (校验组织机构代码).

    Checks the length (9), the characters (body: digits and A-Z; check character: digit or
    ``X``) and the check character. Raises :class:`InvalidLength`, :class:`InvalidFormat` or
    :class:`InvalidChecksum`, all subclasses of :class:`~safetyrules.errors.InvalidInput`.

    >>> validate('192317458')
    '192317458'
    >>> validate('19231745')
    Traceback (most recent call last):
        ...
    safetyrules.identifiers.organization_code.InvalidLength: ...: 组织机构代码应为 9 位，实为 8 位
    """
    if not isinstance(number, str):
        raise InvalidFormat(FIELD, number, "组织机构代码应为字符串")
    code = compact(number)
    if len(code) != 9:
        raise InvalidLength(FIELD, number, f"组织机构代码应为 9 位，实为 {len(code)} 位")
    for position, character in enumerate(code[:8], start=1):
        if character not in _BODY_CHARACTERS:
            raise InvalidFormat(
                FIELD, number, f"第 {position} 位 {character!r} 不是数字或大写拉丁字母"
            )
    if code[8] not in _CHECK_CHARACTERS:
        raise InvalidFormat(FIELD, number, f"校验码 {code[8]!r} 应为数字或 X")
    expected = calc_check_digit(code)
    if code[8] != expected:
        raise InvalidChecksum(FIELD, number, f"校验码错误：应为 {expected!r}，实为 {code[8]!r}")
    return code


def is_valid(number: str) -> bool:
    """Tell whether a 组织机构代码 is valid (组织机构代码是否有效), without raising.

    >>> is_valid('19231745-8'), is_valid('19231745-9'), is_valid('')
    (True, False, False)
    """
    try:
        validate(number)
    except InvalidInput:
        return False
    return True


def format(number: str) -> str:
    """Write a code the usual way, with a hyphen before the check character (标准格式).

    >>> format('192317458')
    '19231745-8'
    >>> format(' 71526726x ')
    '71526726-X'
    """
    code = compact(number)
    if len(code) != 9:
        return code
    return f"{code[:8]}-{code[8]}"
