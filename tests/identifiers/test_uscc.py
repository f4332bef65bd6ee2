"""Tests of safetyrules.identifiers.uscc (统一社会信用代码, GB 32100-2015)."""

from __future__ import annotations

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safetyrules.errors import InvalidInput
from safetyrules.identifiers import uscc

# Reference implementation of the published algorithms, written here independently of the
# module under test (GB 32100-2015 check character; GB 11714-1997 organisation-code check).
REF_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I, O, Z, S, V
REF_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def ref_uscc_check(first17: str) -> str:
    total = sum(REF_ALPHABET.index(c) * w for c, w in zip(first17, REF_WEIGHTS, strict=True))
    return REF_ALPHABET[(31 - total % 31) % 31]


def ref_org_check(body8: str) -> str:
    total = sum(int(c, 36) * w for c, w in zip(body8, ORG_WEIGHTS, strict=True))
    result = 11 - total % 11
    return {10: "X", 11: "0"}.get(result, str(result))


def build(prefix2: str, region6: str, org_body8: str) -> str:
    """A code with correct check characters, built by the reference implementation."""
    first17 = prefix2 + region6 + org_body8 + ref_org_check(org_body8)
    return first17 + ref_uscc_check(first17)


# Real codes, attributed to these companies in 公开代码（仓库未识别） (business-data API fixtures,
# ticker-keyed datasets, invoice samples): secondary sources only (二手转载), no official register
# seen. Each passes both checks (computed with python-stdnum 2.2).
BYD = "91440300192317458F"  # 比亚迪股份有限公司, in five or more independent copies
REAL_CODES = [
    BYD,
    "91440606722473344C",  # 美的集团股份有限公司
    "91440400192548256N",  # 珠海格力电器股份有限公司
    "91330000142944445H",  # 浙江正泰电器股份有限公司, region 330000 (provincial)
    "91330000733796106P",  # 杭州海康威视数字技术股份有限公司
    "914403001922038216",  # 华为技术有限公司: the check character is a digit
    "91330100799655058B",  # 阿里巴巴（中国）有限公司
    "9144030071526726XG",  # 腾讯科技（深圳）有限公司 (copies disagree on the company): X in the body
    "91100000100003962T",  # 中国工商银行 (copies disagree on the company): region 100000 (national)
    "91340111MA2RAD3M4R",  # 蔚来控股有限公司: letters in the body, issued after 2015
]


@pytest.mark.parametrize("code", REAL_CODES)
def test_real_codes_validate(code: str) -> None:
    assert uscc.validate(code) == code
    assert uscc.is_valid(code)
    assert uscc.calc_check_digit(code) == code[-1] == ref_uscc_check(code[:17])
    assert uscc.registration_authority(code) == "市场监督管理"
    assert uscc.institution_category(code) == "企业"


def test_byd_parts() -> None:
    assert uscc.organization_code(BYD) == "192317458"  # org code 19231745-8, in the same copies
    assert uscc.format(BYD) == BYD
    assert uscc.format(BYD, " ") == "91 440300 192317458 F"


def test_digit_check_character() -> None:
    assert uscc.calc_check_digit("91440300192203821") == "6"
    assert uscc.validate("914403001922038216") == "914403001922038216"


def test_x_in_embedded_organization_code() -> None:
    assert uscc.organization_code("9144030071526726XG") == "71526726X"


@pytest.mark.parametrize(
    "text", ["9133 0100 7996 5505 8b", "91330100799655058b", " 91330100-799655058-B "]
)
def test_lowercase_spaces_and_hyphens(text: str) -> None:
    assert uscc.compact(text) == "91330100799655058B"
    assert uscc.validate(text) == "91330100799655058B"


# Letter-first codes, built with the reference implementation (not real codes).
LETTER_FIRST = {
    build("N1", "330424", "MF000001"): ("农业农村", "组级集体经济组织"),
    build("N2", "330424", "MF000000"): ("农业农村", "村级集体经济组织"),
    build("N3", "330411", "MJ123450"): ("农业农村", "乡镇级集体经济组织"),
    build("Y1", "330400", "MA000000"): ("其他", "其他（不再细分机构类别）"),
    build("A1", "110000", "MB000000"): ("中央军委改革和编制办公室", "军队事业单位"),
}


@pytest.mark.parametrize(("code", "names"), LETTER_FIRST.items())
def test_letter_first_codes(code: str, names: tuple[str, str]) -> None:
    assert uscc.validate(code) == code
    assert (uscc.registration_authority(code), uscc.institution_category(code)) == names


def test_letter_first_codes_are_what_stdnum_rejects() -> None:
    from stdnum.cn import uscc as stdnum_uscc
    from stdnum.exceptions import InvalidFormat as StdnumInvalidFormat

    code = build("N2", "330424", "MF000000")
    assert code == "N2330424MF0000005X"  # the example in the module docstring
    with pytest.raises(StdnumInvalidFormat):
        stdnum_uscc.validate(code)
    assert uscc.is_valid(code)


@pytest.mark.parametrize(
    ("prefix", "authority", "category"),
    [
        ("11", "机构编制", "机关"),
        ("12", "机构编制", "事业单位"),
        ("51", "民政", "社会团体"),
        ("52", "民政", "民办非企业单位"),
        ("53", "民政", "基金会"),
        ("92", "市场监督管理", "个体工商户"),
        ("93", "市场监督管理", "农民专业合作社"),
        ("31", "司法行政", "律师执业机构"),
        ("71", "宗教", "宗教活动场所"),
        ("81", "工会", "基层工会"),
    ],
)
def test_authority_and_category_names(prefix: str, authority: str, category: str) -> None:
    code = build(prefix, "330000", "MD000000")
    assert uscc.registration_authority(code) == authority
    assert uscc.institution_category(code) == category


def test_fabricated_bank_code_fails_the_embedded_check() -> None:
    # 91310000631295002H circulates as 浦发银行's: it passes GB 32100 but its organisation
    # code 63129500-2 fails GB 11714 (computed with python-stdnum 2.2), so it is probably made up.
    from stdnum.cn import uscc as stdnum_uscc

    code = "91310000631295002H"
    assert stdnum_uscc.is_valid(code)  # what python-stdnum alone would accept
    assert uscc.calc_check_digit(code) == "H"
    with pytest.raises(uscc.InvalidChecksum) as caught:
        uscc.validate(code)
    assert "9-17" in caught.value.message
    assert not uscc.is_valid(code, check_codes=False)


@pytest.mark.parametrize(
    ("code", "error"),
    [
        ("91440300192317458G", uscc.InvalidChecksum),  # wrong check character
        ("9144030019231745", uscc.InvalidLength),
        ("91440300192317458", uscc.InvalidLength),
        ("91440300192317458FF", uscc.InvalidLength),
        ("", uscc.InvalidLength),
        ("91440300I92317458F", uscc.InvalidFormat),
        ("91440300O92317458F", uscc.InvalidFormat),
        ("91440300Z92317458F", uscc.InvalidFormat),
        ("91440300S92317458F", uscc.InvalidFormat),
        ("91440300V92317458F", uscc.InvalidFormat),
        ("I1440300192317458F", uscc.InvalidFormat),
        ("91440300192317458Z", uscc.InvalidFormat),
        ("914403001923174#8F", uscc.InvalidFormat),
    ],
)
def test_invalid_codes(code: str, error: type[InvalidInput]) -> None:
    with pytest.raises(error) as caught:
        uscc.validate(code)
    assert isinstance(caught.value, InvalidInput)
    assert isinstance(caught.value, ValueError)
    assert caught.value.field == "uscc"
    assert caught.value.value == code
    assert not uscc.is_valid(code)
    assert not uscc.is_valid(code, check_codes=False)


def test_forbidden_letters_are_named() -> None:
    with pytest.raises(uscc.InvalidFormat, match="不使用 I、O、Z、S、V"):
        uscc.validate("91440300O92317458F")


def test_region_must_be_six_digits() -> None:
    code = build("91", "44A300", "19231745")  # both check characters right
    with pytest.raises(uscc.InvalidFormat, match="行政区划码"):
        uscc.validate(code)


def test_region_need_not_be_a_county() -> None:
    assert uscc.is_valid(build("91", "100000", "MA000000"))
    assert uscc.is_valid(build("91", "330000", "MA000000"))


def test_unknown_authority_and_unknown_pair() -> None:
    unknown_authority = build("B1", "330000", "MA000000")
    unknown_pair = build("94", "330000", "MA000000")
    for code in (unknown_authority, unknown_pair):
        with pytest.raises(uscc.InvalidComponent):
            uscc.validate(code)
        assert isinstance(uscc.InvalidComponent("uscc", code, "x"), uscc.InvalidFormat)
        assert uscc.validate(code, check_codes=False) == code
        assert uscc.is_valid(code, check_codes=False)
    assert uscc.registration_authority(unknown_pair) == "市场监督管理"
    with pytest.raises(uscc.InvalidComponent):
        uscc.institution_category(unknown_pair)
    with pytest.raises(uscc.InvalidComponent):
        uscc.registration_authority(unknown_authority)


def test_non_string_is_invalid_input() -> None:
    with pytest.raises(uscc.InvalidFormat) as caught:
        uscc.validate(914403001922038216)  # type: ignore[arg-type]
    assert caught.value.field == "uscc"
    assert not uscc.is_valid(None)  # type: ignore[arg-type]


def test_weights_are_powers_of_three_mod_31() -> None:
    assert uscc.WEIGHTS == REF_WEIGHTS
    assert uscc.ALPHABET == REF_ALPHABET


def test_every_single_substitution_changes_the_sum() -> None:
    # The claim behind the substitution property test, checked exhaustively: for every
    # position and every pair of distinct characters, (a - b) * w is nonzero mod 31.
    for weight in REF_WEIGHTS:
        for a in range(31):
            for b in range(31):
                if a != b:
                    assert (a - b) * weight % 31 != 0


def test_code_table_records_sources() -> None:
    table = uscc.REGISTRATION_AUTHORITIES
    assert set(table) == set("123456789ANY")
    for code, authority in table.items():
        assert authority.code == code
        assert code in REF_ALPHABET
        assert authority.source
        assert authority.categories
        for category_code, category in authority.categories.items():
            assert category.code == category_code
            assert category_code in REF_ALPHABET
            assert category.source
    confirmed = {code for code, authority in table.items() if authority.confirmed}
    assert confirmed == {"1", "5", "9", "Y"}  # the rest are accepted but unverified
    assert table["9"].table_name == "工商"
    assert table["9"].note


def test_table_is_read_only() -> None:
    with pytest.raises(TypeError):
        uscc.REGISTRATION_AUTHORITIES["Z"] = uscc.REGISTRATION_AUTHORITIES["Y"]  # type: ignore[index]


# Property tests ---------------------------------------------------------------------------

PAIRS = sorted(a.code + c for a in uscc.REGISTRATION_AUTHORITIES.values() for c in a.categories)
alphabet_text = st.text(alphabet=REF_ALPHABET, min_size=8, max_size=8)
regions = st.text(alphabet=string.digits, min_size=6, max_size=6)


@st.composite
def valid_codes(draw: st.DrawFn) -> str:
    return build(draw(st.sampled_from(PAIRS)), draw(regions), draw(alphabet_text))


@given(st.sampled_from(PAIRS), regions, alphabet_text)
def test_any_well_formed_body_validates(pair: str, region: str, org_body: str) -> None:
    code = build(pair, region, org_body)
    assert uscc.calc_check_digit(code[:17]) == code[17]
    assert uscc.validate(code) == code


@given(st.text(alphabet=REF_ALPHABET, min_size=2, max_size=2), regions, alphabet_text)
def test_any_prefix_validates_without_the_code_table(
    prefix: str, region: str, org_body: str
) -> None:
    code = build(prefix, region, org_body)
    assert uscc.validate(code, check_codes=False) == code


@given(
    valid_codes(),
    st.integers(min_value=0, max_value=17),
    st.sampled_from(REF_ALPHABET + "IOZSV"),
)
def test_any_single_substitution_is_detected(code: str, position: int, new: str) -> None:
    changed = code[:position] + new + code[position + 1 :]
    if changed != code:
        assert not uscc.is_valid(changed)
        assert not uscc.is_valid(changed, check_codes=False)


@given(
    st.text(alphabet=REF_ALPHABET + REF_ALPHABET.lower() + " -", max_size=24),
    st.sampled_from(["", " ", "-"]),
)
def test_compact_of_format_is_compact(text: str, separator: str) -> None:
    assert uscc.compact(uscc.format(text, separator)) == uscc.compact(text)
