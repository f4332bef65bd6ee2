"""Tests of safetyrules.identifiers.organization_code (组织机构代码, GB 11714-1997)."""

from __future__ import annotations

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safetyrules.errors import InvalidInput
from safetyrules.identifiers import organization_code as oc

# Reference implementation of the published GB 11714-1997 algorithm, written independently
# of the module under test: C9 = 11 - MOD(sum(Ci * Wi), 11); digits are their value, A-Z are
# 10-35; a result of 10 is written X and 11 is written 0.
REF_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
REF_VALUES = {c: i for i, c in enumerate(string.digits + string.ascii_uppercase)}


def ref_check(body: str) -> str:
    result = 11 - sum(REF_VALUES[c] * w for c, w in zip(body, REF_WEIGHTS, strict=True)) % 11
    return {10: "X", 11: "0"}.get(result, str(result))


# Organisation codes embedded (positions 9-17) in real USCCs attributed to these companies in
# 公开代码（仓库未识别）; 19231745-8 (比亚迪) is also given there as an organisation code directly.
REAL_CODES = [
    "192317458",  # 比亚迪股份有限公司
    "722473344",  # 美的集团股份有限公司
    "192548256",  # 珠海格力电器股份有限公司
    "142944445",  # 浙江正泰电器股份有限公司
    "733796106",  # 杭州海康威视数字技术股份有限公司
    "192203821",  # 华为技术有限公司
    "799655058",  # 阿里巴巴（中国）有限公司
    "71526726X",  # 腾讯科技（深圳）有限公司: check character X
]


@pytest.mark.parametrize("code", REAL_CODES)
def test_real_codes_validate(code: str) -> None:
    assert oc.validate(code) == code
    assert oc.is_valid(code)
    assert oc.calc_check_digit(code[:8]) == code[8] == ref_check(code[:8])


def test_usual_presentation_is_accepted_and_produced() -> None:
    assert oc.validate("19231745-8") == "192317458"
    assert oc.validate(" 71526726-x ") == "71526726X"
    assert oc.format("192317458") == "19231745-8"
    assert oc.format("71526726X") == "71526726-X"


def test_check_character_zero_and_x() -> None:
    assert oc.calc_check_digit("00000000") == "0"  # sum 0 -> 11 -> "0"
    assert oc.validate("00000000-0") == "000000000"
    assert oc.calc_check_digit("71526726") == "X"


def test_fabricated_bank_code_fails() -> None:
    # The organisation code inside 91310000631295002H, circulating as 浦发银行's in
    # 公开代码（仓库未识别）: its check digit should be 1.
    with pytest.raises(oc.InvalidChecksum) as caught:
        oc.validate("63129500-2")
    assert caught.value.field == "organization_code"
    assert "应为 '1'" in caught.value.message


@pytest.mark.parametrize(
    ("code", "error"),
    [
        ("", oc.InvalidLength),
        ("19231745", oc.InvalidLength),
        ("1923174580", oc.InvalidLength),
        ("1923174#8", oc.InvalidFormat),
        ("19231745A", oc.InvalidFormat),  # check character must be a digit or X
        ("192317459", oc.InvalidChecksum),
    ],
)
def test_invalid_codes(code: str, error: type[InvalidInput]) -> None:
    with pytest.raises(error) as caught:
        oc.validate(code)
    assert isinstance(caught.value, InvalidInput)
    assert isinstance(caught.value, ValueError)
    assert caught.value.field == "organization_code"
    assert caught.value.value == code
    assert not oc.is_valid(code)


def test_non_string_is_invalid_input() -> None:
    with pytest.raises(oc.InvalidFormat):
        oc.validate(192317458)  # type: ignore[arg-type]
    assert not oc.is_valid(None)  # type: ignore[arg-type]


def test_letter_substitution_can_go_undetected() -> None:
    # GB 11714 works mod 11 over values 0-35, so "0" (0) and "B" (11) are indistinguishable
    # in the first position (3 * 11 = 33 = 0 mod 11). The USCC check character (mod 31)
    # catches what this one misses.
    assert oc.calc_check_digit("00000000") == oc.calc_check_digit("B0000000")


BODY_CHARACTERS = string.digits + string.ascii_uppercase
bodies = st.text(alphabet=BODY_CHARACTERS, min_size=8, max_size=8)


@given(bodies)
def test_any_body_with_its_check_character_validates(body: str) -> None:
    code = body + ref_check(body)
    assert oc.calc_check_digit(body) == ref_check(body)
    assert oc.validate(code) == code


@given(
    st.text(alphabet=string.digits, min_size=8, max_size=8),
    st.integers(min_value=0, max_value=7),
    st.sampled_from(string.digits),
)
def test_single_digit_substitution_is_detected(body: str, position: int, digit: str) -> None:
    # Weights are nonzero mod 11 and digit differences lie in -9..9, so the sum mod 11 changes.
    code = body + ref_check(body)
    changed = code[:position] + digit + code[position + 1 :]
    assert oc.is_valid(changed) == (changed == code)


@given(st.text(alphabet=BODY_CHARACTERS + BODY_CHARACTERS.lower() + " -", max_size=14))
def test_compact_of_format_is_compact(text: str) -> None:
    assert oc.compact(oc.format(text)) == oc.compact(text)
