"""Provisions (条款): rendering and parsing, checked against how the statutes write them."""

import pytest
from hypothesis import given

from safetyrules.errors import CitationSyntaxError
from safetyrules.law.provision import Provision
from safetyrules.testing import provisions


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Forms as they appear in 安全生产法 (2021) and 国务院令第493号.
        ("第一百一十四条第一款第（一）项", Provision(article=114, paragraph=1, item=1)),
        ("第三条", Provision(article=3)),
        ("第十条第二款", Provision(article=10, paragraph=2)),
        ("第一百条", Provision(article=100)),
        ("第一百零一条", Provision(article=101)),
        ("第二十六条之一", Provision(article=26, article_suffix=1)),
        ("第二十一条第（七）项第2目", Provision(article=21, item=7, sub_item=2)),
        ("第4.2.1条", Provision(clause="4.2.1")),
        ("第2章", Provision(clause="第2章")),
        ("表1", Provision(clause="表1")),
        ("附录A", Provision(clause="附录A")),
        ("附件2", Provision(clause="附件2")),
        ("附表", Provision(clause="附表")),
    ],
)
def test_parse_and_render(text: str, expected: Provision) -> None:
    assert Provision.parse(text) == expected
    assert str(expected) == text


def test_half_width_parentheses_are_read() -> None:
    assert Provision.parse("第二十一条第(三)项") == Provision(article=21, item=3)


@pytest.mark.parametrize(
    "text",
    ["", "第X条", "第三款", "三条", "第三条第", "第（一）项", "第三条第一款第一项", "表", "第章"],
)
def test_malformed_text_is_rejected(text: str) -> None:
    with pytest.raises(CitationSyntaxError):
        Provision.parse(text)


@pytest.mark.parametrize(
    "fields",
    [
        {},
        {"paragraph": 1},
        {"article": 3, "sub_item": 1},
        {"article": 3, "clause": "4.1"},
        {"clause": "四点一"},
        {"article": 0},
    ],
)
def test_inconsistent_fields_are_rejected(fields: dict[str, object]) -> None:
    with pytest.raises(ValueError, match=r"."):
        Provision(**fields)  # type: ignore[arg-type]


@given(provisions())
def test_render_parse_round_trip(provision: Provision) -> None:
    assert Provision.parse(str(provision)) == provision
