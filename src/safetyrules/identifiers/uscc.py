"""统一社会信用代码 (Unified Social Credit Code, USCC), GB 32100-2015.

GB 32100-2015《法人和其他组织统一社会信用代码编码规则》 gives every legal person and other
organisation in mainland China one 18-character code for life. The characters are digits and
upper-case letters, except I, O, Z, S and V (31 characters, ``ALPHABET``):

========  ============================  ===================================================
position  part                          rule checked here
========  ============================  ===================================================
1         登记管理部门码                  in ``REGISTRATION_AUTHORITIES``
2         机构类别码                      listed for that authority (see *check_codes*)
3-8       登记管理机关行政区划码          six digits (GB/T 2260 code of the registering
                                        authority: 100000 national, 330000 provincial …; a
                                        county code is **not** required)
9-17      主体标识码（组织机构代码）      a valid GB 11714 code, check digit included
                                        (:mod:`safetyrules.identifiers.organization_code`)
18        校验码                          the GB 32100 check character
========  ============================  ===================================================

The check character: with the value of a character being its index in ``ALPHABET`` and the
weights Wi = 3^(i-1) mod 31 (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30,
28), the check character is ``ALPHABET[(31 - Σ Ci * Wi mod 31) mod 31]``. Because 31 is prime
and no weight is 0 mod 31, changing any one character always changes the check character.

Relation to python-stdnum. ``stdnum.cn.uscc`` (used here for :func:`compact` and
:func:`calc_check_digit`, imported on first use because importing it costs tens of
milliseconds) requires positions 1-8 to be digits, so it rejects real codes whose
登记管理部门码 is a letter (Y 其他, A 军队, N 农村集体经济组织); it also checks neither the
embedded organisation code nor the authority and category codes. This module does all three.

Real codes (public sources; see the tests):

>>> validate('91440300192317458F')          # 比亚迪股份有限公司
'91440300192317458F'
>>> validate('9144 0300 7152 6726 xg')      # lower case and spaces are accepted
'9144030071526726XG'
>>> registration_authority('91440300192317458F'), institution_category('91440300192317458F')
('市场监督管理', '企业')
>>> organization_code('91440300192317458F')
'192317458'

A code whose first character is a letter (constructed for this example: 村级集体经济组织):

>>> validate('N2330424MF0000005X')
'N2330424MF0000005X'
>>> registration_authority('N2330424MF0000005X')
'农业农村'

A code circulating as a bank's: its GB 32100 check character is right, but its embedded
organisation code is not, so it is probably made up:

>>> validate('91310000631295002H')
Traceback (most recent call last):
    ...
safetyrules.identifiers.organization_code.InvalidChecksum: uscc = ...:
第 9-17 位（组织机构代码 631295002）校验码错误：应为 '1'，实为 '2'

The code table of 登记管理部门码 and 机构类别码
-----------------------------------------------

GB 32100-2015 itself names four registration authorities: 1 机构编制, 5 民政, 9 工商 and
Y 其他. The 机构类别码 examples for 1, 5 and 9 (1-3 each) come from the State Council's
总体方案 (国发〔2015〕33号 附件). Authorities added later (2 外交, 3 司法行政, 4 文化, 6 旅游,
7 宗教, 8 工会, A 中央军委改革和编制办公室, N 农业) and the category codes 9 其他 were found only
in secondary sources: one published explanation, reprinted on several sites, and code tables
in many independent public repositories, which agree with each other; a minority of public
code uses a different mapping for 2-8 (3 教育, 4 公安, 6 司法 …). No amendment to the
standard or table from the code authority was found. The agriculture department's role is
confirmed by 农经发〔2018〕4号 (农村集体经济组织登记赋码), though the excerpt seen did not
show the letter N.

Sources consulted: the explanation 《统一社会信用代码解析登记管理部门和机构类别》
(blog.csdn.net/lh1424573495/article/details/108776492, 2020; reprinted at osuse.cn and
ddrv.cn); reprints of the 总体方案 text (国发〔2015〕33号) and of the standard's 1/5/9/Y list;
public code tables in Go, Java, PHP, Rust, Python and TypeScript repositories.

Each entry therefore records its ``source`` and ``confirmed`` (``True`` only where a primary
text, or several independent citations of it, was found). Unconfirmed entries are still
accepted: rejecting a real village collective's N2 code would be the worse error.

Because the category lists may be incomplete (authorities add categories), ``validate()``
takes ``check_codes=False`` to accept any 登记管理部门码 and 机构类别码 from ``ALPHABET``
(the code below is constructed, with a 民政 category 4 that is not in the table):

>>> validate('54330424MA123450X5')
Traceback (most recent call last):
    ...
safetyrules.identifiers.uscc.InvalidComponent: uscc = ...:
机构类别码 '4' 不在登记管理部门码 '5'（民政）的代码表中（已知：1、2、3、9）
>>> validate('54330424MA123450X5', check_codes=False)
'54330424MA123450X5'
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from types import MappingProxyType, ModuleType
from typing import NamedTuple

from safetyrules.errors import InvalidInput
from safetyrules.identifiers import organization_code as _org
from safetyrules.identifiers.organization_code import InvalidChecksum, InvalidFormat, InvalidLength

__all__ = [
    "ALPHABET",
    "REGISTRATION_AUTHORITIES",
    "WEIGHTS",
    "InstitutionCategory",
    "InvalidChecksum",
    "InvalidComponent",
    "InvalidFormat",
    "InvalidLength",
    "RegistrationAuthority",
    "calc_check_digit",
    "compact",
    "format",
    "institution_category",
    "is_valid",
    "organization_code",
    "registration_authority",
    "validate",
]

FIELD = "uscc"
"""Field name used in the errors this module raises."""

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
"""The 31 characters of GB 32100-2015 (no I, O, Z, S, V); a character's value is its index."""

WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
"""加权因子 Wi = 3^(i-1) mod 31 for positions 1-17."""

_ALLOWED = frozenset(ALPHABET)


class InvalidComponent(InvalidFormat):
    """A 登记管理部门码 or 机构类别码 not in the code table (代码表中无此代码).

    >>> issubclass(InvalidComponent, InvalidInput)
    True
    """


class InstitutionCategory(NamedTuple):
    """One 机构类别码 of a registration authority, with where it was found.

    >>> REGISTRATION_AUTHORITIES['9'].categories['1']
    InstitutionCategory(code='1', name='企业', confirmed=True, source='国发〔2015〕33号 附件')
    """

    code: str
    name: str
    confirmed: bool
    source: str


class RegistrationAuthority(NamedTuple):
    """One 登记管理部门码 of GB 32100-2015 and the 机构类别码 it uses.

    ``table_name`` is the name in the code table; ``name`` is the current name of the
    department, which differs where a 2018 reorganisation renamed it (``note`` says so).

    >>> authority = REGISTRATION_AUTHORITIES['9']
    >>> authority.table_name, authority.name, authority.confirmed
    ('工商', '市场监督管理', True)
    >>> sorted(authority.categories)
    ['1', '2', '3']
    """

    code: str
    table_name: str
    name: str
    confirmed: bool
    source: str
    categories: Mapping[str, InstitutionCategory]
    note: str = ""


# Sources of the code table (see the module docstring).
_STANDARD = "GB 32100-2015（经多处独立转引核对）"
_PLAN = "国发〔2015〕33号 附件"
_SECONDARY = "公开解读文章（多处转载）及多个独立公开代码库的代码表，彼此一致；未见原文"
_RURAL = "农经发〔2018〕4号（农业部门登记赋码）；字母 N 与类别码仅见于公开解读及代码库"


def _categories(
    *entries: tuple[str, str, bool, str],
) -> Mapping[str, InstitutionCategory]:
    return MappingProxyType(
        {code: InstitutionCategory(code, name, ok, src) for code, name, ok, src in entries}
    )


def _other(source: str = _SECONDARY) -> tuple[str, str, bool, str]:
    return ("9", "其他", False, source)


def _authority(
    code: str,
    table_name: str,
    confirmed: bool,
    source: str,
    categories: Mapping[str, InstitutionCategory],
    *,
    name: str | None = None,
    note: str = "",
) -> RegistrationAuthority:
    return RegistrationAuthority(
        code, table_name, name or table_name, confirmed, source, categories, note
    )


REGISTRATION_AUTHORITIES: Mapping[str, RegistrationAuthority] = MappingProxyType(
    {
        a.code: a
        for a in (
            _authority(
                "1",
                "机构编制",
                True,
                _STANDARD,
                _categories(
                    ("1", "机关", True, _PLAN),
                    ("2", "事业单位", True, _PLAN),
                    ("3", "中央编办直接管理机构编制的群众团体", True, _PLAN),
                    _other(),
                ),
            ),
            _authority(
                "2",
                "外交",
                False,
                _SECONDARY,
                _categories(("1", "外国常驻新闻机构", False, _SECONDARY), _other()),
            ),
            _authority(
                "3",
                "司法行政",
                False,
                _SECONDARY,
                _categories(
                    ("1", "律师执业机构", False, _SECONDARY),
                    ("2", "公证处", False, _SECONDARY),
                    ("3", "基层法律服务所", False, _SECONDARY),
                    ("4", "司法鉴定机构", False, _SECONDARY),
                    ("5", "仲裁委员会", False, _SECONDARY),
                    _other(),
                ),
            ),
            _authority(
                "4",
                "文化",
                False,
                _SECONDARY,
                _categories(("1", "外国在华文化中心", False, _SECONDARY), _other()),
            ),
            _authority(
                "5",
                "民政",
                True,
                _STANDARD,
                _categories(
                    ("1", "社会团体", True, _PLAN),
                    ("2", "民办非企业单位", True, _PLAN),
                    ("3", "基金会", True, _PLAN),
                    _other(),
                ),
            ),
            _authority(
                "6",
                "旅游",
                False,
                _SECONDARY,
                _categories(
                    ("1", "外国旅游部门常驻代表机构", False, _SECONDARY),
                    ("2", "港澳台地区旅游部门常驻内地（大陆）代表机构", False, _SECONDARY),
                    _other(),
                ),
            ),
            _authority(
                "7",
                "宗教",
                False,
                _SECONDARY,
                _categories(
                    ("1", "宗教活动场所", False, _SECONDARY),
                    ("2", "宗教院校", False, _SECONDARY),
                    _other(),
                ),
            ),
            _authority(
                "8",
                "工会",
                False,
                _SECONDARY,
                _categories(("1", "基层工会", False, _SECONDARY), _other()),
            ),
            _authority(
                "9",
                "工商",
                True,
                _STANDARD,
                _categories(
                    ("1", "企业", True, _PLAN),
                    ("2", "个体工商户", True, _PLAN),
                    ("3", "农民专业合作社", True, _PLAN),
                ),
                name="市场监督管理",
                note="2018 年机构改革后工商行政管理职责由市场监督管理部门承担，代码 9 不变",
            ),
            _authority(
                "A",
                "中央军委改革和编制办公室",
                False,
                _SECONDARY,
                _categories(("1", "军队事业单位", False, _SECONDARY), _other()),
            ),
            _authority(
                "N",
                "农业",
                False,
                _RURAL,
                _categories(
                    ("1", "组级集体经济组织", False, _SECONDARY),
                    ("2", "村级集体经济组织", False, _SECONDARY),
                    ("3", "乡镇级集体经济组织", False, _SECONDARY),
                    _other(),
                ),
                name="农业农村",
                note="2018 年机构改革后为农业农村部门；为农村集体经济组织登记赋码",
            ),
            _authority(
                "Y",
                "其他",
                True,
                _STANDARD,
                _categories(("1", "其他（不再细分机构类别）", False, _SECONDARY)),
            ),
        )
    }
)
"""登记管理部门码 → :class:`RegistrationAuthority`, each entry with its source."""


@cache
def _stdnum_uscc() -> ModuleType:
    import stdnum.cn.uscc

    return stdnum.cn.uscc


def compact(number: str) -> str:
    """Remove separators and upper-case a 统一社会信用代码 (规整), via python-stdnum.

    Spaces and hyphens (including Unicode dash and space look-alikes) are removed.

    >>> compact('9133 0100 7996 5505 8b')
    '91330100799655058B'
    >>> compact('n2330424-mf0000005x')
    'N2330424MF0000005X'
    """
    if not isinstance(number, str):
        raise InvalidFormat(FIELD, number, "统一社会信用代码应为字符串")
    text: str = _stdnum_uscc().compact(number)
    return text


def calc_check_digit(number: str) -> str:
    """Compute the GB 32100 check character (校验码) from the first 17 characters.

    A full 18-character code may be passed; the 18th character is ignored. Letters are
    allowed in every position, the first two included.

    >>> calc_check_digit('91440300192317458')
    'F'
    >>> calc_check_digit('91440300192203821')
    '6'
    >>> calc_check_digit('Y1330400MA0000007')
    'U'
    """
    body = compact(number)[:17]
    if len(body) != 17 or any(c not in _ALLOWED for c in body):
        raise InvalidFormat(FIELD, number, f"前 17 位应由 {ALPHABET} 中的字符组成")
    check: str = _stdnum_uscc().calc_check_digit(body)
    return check


def _authority_of(code: str, number: object) -> RegistrationAuthority:
    authority = REGISTRATION_AUTHORITIES.get(code[0])
    if authority is None:
        known = "、".join(REGISTRATION_AUTHORITIES)
        raise InvalidComponent(
            FIELD, number, f"登记管理部门码 {code[0]!r} 不在代码表中（已知：{known}）"
        )
    return authority


def _check_codes(code: str, number: object) -> RegistrationAuthority:
    authority = _authority_of(code, number)
    if code[1] not in authority.categories:
        known = "、".join(authority.categories)
        raise InvalidComponent(
            FIELD,
            number,
            f"机构类别码 {code[1]!r} 不在登记管理部门码 {code[0]!r}"
            f"（{authority.table_name}）的代码表中（已知：{known}）",
        )
    return authority


def validate(number: str, *, check_codes: bool = True) -> str:
    """Check a 统一社会信用代码 and return it in compact form (校验统一社会信用代码).

    Checks, in order: the length (18); that every character is in ``ALPHABET``; that
    positions 3-8 are digits; the GB 32100 check character (position 18); the GB 11714 check
    digit of the embedded 组织机构代码 (positions 9-17); and, unless ``check_codes`` is false,
    that the 登记管理部门码 and 机构类别码 are in ``REGISTRATION_AUTHORITIES``. Raises
    :class:`InvalidLength`, :class:`InvalidFormat`, :class:`InvalidChecksum` or
    :class:`InvalidComponent`, all subclasses of :class:`~safetyrules.errors.InvalidInput`.

    >>> validate('91330000142944445H')
    '91330000142944445H'
    >>> validate('91440300192317458G')
    Traceback (most recent call last):
        ...
    safetyrules.identifiers.organization_code.InvalidChecksum: ...: 校验码错误：应为 'F'，实为 'G'
    >>> validate('91440300I92317458F')
    Traceback (most recent call last):
        ...
    safetyrules.identifiers.organization_code.InvalidFormat: ...:
    第 9 位 'I' 不允许（统一社会信用代码不使用 I、O、Z、S、V）
    """
    code = compact(number)
    if len(code) != 18:
        raise InvalidLength(FIELD, number, f"统一社会信用代码应为 18 位，实为 {len(code)} 位")
    for position, character in enumerate(code, start=1):
        if character not in _ALLOWED:
            reason = "（统一社会信用代码不使用 I、O、Z、S、V）" if character in "IOZSV" else ""
            raise InvalidFormat(FIELD, number, f"第 {position} 位 {character!r} 不允许{reason}")
    if not code[2:8].isdigit():
        raise InvalidFormat(
            FIELD, number, f"第 3-8 位（登记管理机关行政区划码 {code[2:8]}）应为 6 位数字"
        )
    expected = calc_check_digit(code)
    if code[17] != expected:
        raise InvalidChecksum(FIELD, number, f"校验码错误：应为 {expected!r}，实为 {code[17]!r}")
    embedded = code[8:17]
    embedded_check = _org.calc_check_digit(embedded)
    if embedded[8] != embedded_check:
        raise InvalidChecksum(
            FIELD,
            number,
            f"第 9-17 位（组织机构代码 {embedded}）校验码错误："
            f"应为 {embedded_check!r}，实为 {embedded[8]!r}",
        )
    if check_codes:
        _check_codes(code, number)
    return code


def is_valid(number: str, *, check_codes: bool = True) -> bool:
    """Tell whether a 统一社会信用代码 is valid (统一社会信用代码是否有效), without raising.

    >>> is_valid('91440400192548256N'), is_valid('91440400192548256M'), is_valid('9144')
    (True, False, False)
    """
    try:
        validate(number, check_codes=check_codes)
    except InvalidInput:
        return False
    return True


def format(number: str, separator: str = "") -> str:
    """Write a 统一社会信用代码 in its standard presentation (标准格式).

    The standard form, as printed on a 营业执照, is the 18 characters without separators.
    With a ``separator``, the parts are shown apart: 登记管理部门码 and 机构类别码,
    行政区划码, 主体标识码, 校验码.

    >>> format('9144 0300 1923 1745 8f')
    '91440300192317458F'
    >>> format('91440300192317458F', ' ')
    '91 440300 192317458 F'
    """
    code = compact(number)
    if not separator or len(code) != 18:
        return code
    return separator.join((code[:2], code[2:8], code[8:17], code[17]))


def registration_authority(number: str) -> str:
    """Name the 登记管理部门 that issued a code (登记管理部门名称), by its current name.

    工商 (code 9) is now 市场监督管理 and 农业 (code N) is now 农业农村; the code-table
    names and the sources are in ``REGISTRATION_AUTHORITIES``.

    >>> registration_authority('91440300192317458F')
    '市场监督管理'
    >>> registration_authority('Y1330400MA0000007U')
    '其他'
    """
    code = validate(number, check_codes=False)
    return _authority_of(code, number).name


def institution_category(number: str) -> str:
    """Name the 机构类别 of a code (机构类别名称), e.g. 企业 or 村级集体经济组织.

    >>> institution_category('91440300192317458F')
    '企业'
    >>> institution_category('N2330424MF0000005X')
    '村级集体经济组织'
    """
    code = validate(number, check_codes=False)
    authority = _check_codes(code, number)
    return authority.categories[code[1]].name


def organization_code(number: str) -> str:
    """Return the embedded 组织机构代码 (主体标识码, positions 9-17), compact.

    Use :func:`safetyrules.identifiers.organization_code.format` to print it with a hyphen.

    >>> organization_code('9144030071526726XG')
    '71526726X'
    >>> from safetyrules.identifiers import organization_code as oc
    >>> oc.format(organization_code('91440300192317458F'))
    '19231745-8'
    """
    return validate(number, check_codes=False)[8:17]
