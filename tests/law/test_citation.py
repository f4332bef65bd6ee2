"""Citations: Chinese legal rendering, parsing back, JSON round trips."""

import pytest
from hypothesis import given

from safetyrules.errors import CitationSyntaxError
from safetyrules.law.citation import Citation
from safetyrules.law.provision import Provision
from safetyrules.testing import citations


def test_renders_as_chinese_legal_text() -> None:
    citation = Citation(
        instrument="work-safety-law-2021", provision=Provision(article=114, paragraph=1, item=1)
    )
    assert (
        str(citation) == "《中华人民共和国安全生产法》（2021年修正）第一百一十四条第一款第（一）项"
    )


def test_instrument_without_edition_shows_its_document_number() -> None:
    citation = Citation.parse("《生产安全事故报告和调查处理条例》第三条第二款")
    assert str(citation) == "《生产安全事故报告和调查处理条例》（国务院令第493号）第三条第二款"


def test_whole_instrument_citation() -> None:
    citation = Citation.parse("《生产安全事故报告和调查处理条例》（国务院令第493号）")
    assert citation.provision is None
    assert citation.source.effective_from.isoformat() == "2007-06-01"


def test_versions_are_told_apart_by_edition() -> None:
    old = Citation.parse("《中华人民共和国安全生产法》（2014年修正）第九十条")
    new = Citation.parse("《中华人民共和国安全生产法》（2021年修正）第九十条")
    assert (old.instrument, new.instrument) == ("work-safety-law-2014", "work-safety-law-2021")


@pytest.mark.parametrize(
    "text",
    [
        "中华人民共和国安全生产法第三条",  # no 《》
        "《不存在的法》第三条",
        "《中华人民共和国安全生产法》（2030年修正）第三条",
        "《中华人民共和国安全生产法》第三条",  # several versions, none named
        "《生产安全事故报告和调查处理条例》第三条第X款",
    ],
)
def test_bad_citations_are_rejected(text: str) -> None:
    with pytest.raises(CitationSyntaxError):
        Citation.parse(text)


def test_unknown_instrument_id_is_a_validation_error() -> None:
    with pytest.raises(ValueError, match="no-such-law"):
        Citation(instrument="no-such-law")


@given(citations())
def test_render_parse_round_trip(citation: Citation) -> None:
    assert Citation.parse(str(citation)) == citation


@given(citations())
def test_json_round_trip(citation: Citation) -> None:
    assert Citation.model_validate_json(citation.model_dump_json()) == citation


@given(citations())
def test_text_form_is_accepted_wherever_a_citation_is(citation: Citation) -> None:
    assert Citation.model_validate(str(citation)) == citation
