"""The input record: every bad value is refused with a Chinese message naming the field."""

from __future__ import annotations

import pickle
from datetime import date, datetime

import pytest
from pydantic import ValidationError

from safetyrules.credit import AccidentFacts, CaseFacts, assess_listing
from tests.credit.factories import E, G, L, M, accident, case


def message(error: pytest.ExceptionInfo[ValidationError]) -> str:
    return str(error.value)


def test_blank_unit_name() -> None:
    with pytest.raises(ValidationError) as error:
        CaseFacts(unit_name="  ", penalty_decided_on=date(2024, 1, 2))
    assert "unit_name" in message(error)
    assert "当事单位名称不能为空" in message(error)


def test_listing_before_the_decision() -> None:
    with pytest.raises(ValidationError) as error:
        case(date(2024, 5, 10), listed_on=date(2024, 5, 9))
    assert "listed_on = 2024-05-09: 列入日期不能早于行政处罚决定日期（2024-05-10）" in message(
        error
    )


def test_accident_after_the_decision() -> None:
    with pytest.raises(ValidationError) as error:
        case(date(2024, 5, 10), accident(date(2024, 1, 1)), accident(date(2024, 5, 11)))
    assert "accidents[1].occurred_on = 2024-05-11" in message(error)


def test_a_datetime_is_not_a_date() -> None:
    with pytest.raises(ValidationError) as error:
        CaseFacts(unit_name="某公司", penalty_decided_on=datetime(2024, 5, 10, 9, 0))
    assert "penalty_decided_on" in message(error)
    assert "必须是日期（date），不是 datetime" in message(error)


@pytest.mark.parametrize(
    ("grade", "deaths", "least"),
    [(G, 3, "较大事故"), (L, 10, "重大事故"), (M, 30, "特别重大事故")],
)
def test_deaths_must_fit_the_grade(grade: object, deaths: int, least: str) -> None:
    """国务院令第493号第三条: 3 deaths make at least a 较大事故, 10 a 重大事故, 30 a 特别重大事故."""
    with pytest.raises(ValidationError) as error:
        AccidentFacts(occurred_on=date(2024, 1, 2), grade=grade, deaths=deaths)  # type: ignore[arg-type]
    assert f"死亡{deaths}人至少为{least}" in message(error)
    assert "grade" in message(error)


def test_higher_grade_than_deaths_is_fine() -> None:
    """A grade may come from injuries or loss: 0 deaths and 特别重大 is consistent."""
    assert AccidentFacts(occurred_on=date(2024, 1, 2), grade=E).deaths == 0


def test_multiple_fine_before_the_2021_law() -> None:
    """安全生产法（2021年修正）第一百一十四条第二款 is in force from 2021-09-01."""
    with pytest.raises(ValidationError) as error:
        accident(date(2021, 8, 31), G, multiple_fine=True)
    assert "multiple_fine = True" in message(error)
    assert "2021-09-01" in message(error)
    assert accident(date(2021, 9, 1), G, multiple_fine=True).multiple_fine


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("reporting", ["缓报"]),
        ("principal_conduct", ["失联"]),
        ("deaths", -1),
        ("deaths", 1.0),
    ],
)
def test_bad_accident_values(field: str, value: object) -> None:
    with pytest.raises(ValidationError) as error:
        AccidentFacts(occurred_on=date(2024, 1, 2), grade=G, **{field: value})  # type: ignore[arg-type]
    assert field in message(error)


def test_unknown_field_is_refused() -> None:
    with pytest.raises(ValidationError) as error:
        CaseFacts(unit_name="某公司", penalty_decided_on=date(2024, 1, 2), fine=100)  # type: ignore[call-arg]
    assert "fine" in message(error)


def test_bad_licence_value() -> None:
    with pytest.raises(ValidationError) as error:
        CaseFacts(unit_name="某公司", penalty_decided_on=date(2024, 1, 2), licence="无证")  # type: ignore[arg-type]
    assert "licence" in message(error)


def test_record_from_a_mapping_and_json() -> None:
    facts = case(
        date(2024, 6, 3),
        accident(date(2024, 4, 2), L, reporting=["谎报", "迟报"]),
        listed_on=date(2024, 6, 10),
    )
    assert CaseFacts.model_validate_json(facts.model_dump_json()) == facts
    by_mapping = assess_listing(facts.model_dump(), date(2024, 6, 10))
    assert by_mapping == assess_listing(facts, date(2024, 6, 10))
    assert "properties" in CaseFacts.model_json_schema()


def test_results_pickle() -> None:
    r = assess_listing(case(date(2024, 6, 3), accident(date(2024, 4, 2), M)), date(2024, 6, 3))
    assert pickle.loads(pickle.dumps(r)) == r


@pytest.mark.parametrize("value", ["yes", 1, "true", 0])
@pytest.mark.parametrize(
    "field", ["refused_decision", "other_serious_violation", "mining_out_of_bounds", "in_scope"]
)
def test_case_flags_are_strict_booleans(field: str, value: object) -> None:
    """A flag is True or False; "yes", 1 or 0 is refused, not read as a boolean."""
    with pytest.raises(ValidationError) as error:
        CaseFacts(unit_name="某公司", penalty_decided_on=date(2024, 1, 2), **{field: value})  # type: ignore[arg-type]
    assert field in message(error)
    assert "valid boolean" in message(error)


@pytest.mark.parametrize("value", ["yes", 1])
@pytest.mark.parametrize(
    "field", ["responsibility", "multiple_fine", "investigation_obstructed", "typical"]
)
def test_accident_flags_are_strict_booleans(field: str, value: object) -> None:
    with pytest.raises(ValidationError) as error:
        AccidentFacts(occurred_on=date(2024, 1, 2), grade=G, **{field: value})  # type: ignore[arg-type]
    assert field in message(error)


def test_in_scope_defaults_to_not_stated() -> None:
    """None means "not stated" (the assessment assumes in scope and says so); True and False stay."""
    assert case(date(2024, 1, 2)).in_scope is None
    assert case(date(2024, 1, 2), in_scope=True).in_scope is True
    assert case(date(2024, 1, 2), in_scope=False).in_scope is False
    assert CaseFacts.model_validate_json(case(date(2024, 1, 2)).model_dump_json()).in_scope is None
