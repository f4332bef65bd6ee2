"""Jurisdiction overlays: the most specific rule in force wins, and says where it came from."""

from datetime import date

import pytest

from safetyrules.errors import InvalidRule, NotInForce, UnknownReference
from safetyrules.law.citation import Citation
from safetyrules.law.overlay import Overlay
from safetyrules.law.timeline import Dated, Timeline

CITE = Citation(instrument="accident-reporting-regulation")


def timeline(name: str, start: date, value: str, end: date | None = None) -> Timeline[str]:
    return Timeline(name, [Dated(start, value, CITE)], end=end)


RULE = Overlay(
    "example",
    {
        "000000": timeline("national", date(2007, 6, 1), "国家"),
        "330000": timeline("zhejiang", date(2016, 7, 29), "浙江"),
        "330400": timeline("jiaxing", date(2018, 1, 1), "嘉兴", end=date(2020, 1, 1)),
    },
)


def test_most_specific_level_in_force_wins() -> None:
    resolved = RULE.resolve("330402", date(2019, 6, 1))
    assert (resolved.value, resolved.source.code, resolved.place.code) == (
        "嘉兴",
        "330400",
        "330402",
    )


def test_falls_back_when_the_local_rule_has_ended() -> None:
    assert RULE.resolve("330402", date(2020, 1, 1)).value == "浙江"


def test_falls_back_when_the_local_rule_has_not_started() -> None:
    assert RULE.resolve("330402", date(2016, 7, 28)).value == "国家"


def test_other_provinces_get_the_national_rule() -> None:
    resolved = RULE.resolve("320100", date(2024, 1, 1))
    assert resolved.value == "国家"
    assert resolved.level_note == "南京市无专门规定，适用中华人民共和国规定"


def test_reason_names_the_level_and_citation() -> None:
    reason = RULE.resolve("330400", date(2019, 1, 1)).reason("适用嘉兴规定", {"x": 1})
    assert reason.jurisdiction == "330400"
    assert reason.citation == CITE
    assert reason.inputs == {"x": 1}


def test_no_rule_in_force_is_an_error() -> None:
    with pytest.raises(NotInForce):
        RULE.resolve("330402", date(2007, 5, 31))


def test_unknown_place_is_an_error() -> None:
    with pytest.raises(UnknownReference):
        RULE.resolve("999999", date(2020, 1, 1))


def test_overlay_needs_known_codes_and_at_least_one_rule() -> None:
    with pytest.raises(InvalidRule):
        Overlay("empty", {})
    with pytest.raises(UnknownReference):
        Overlay("bad", {"339999": timeline("x", date(2020, 1, 1), "x")})
