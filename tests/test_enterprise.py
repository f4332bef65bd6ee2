"""The Enterprise boundary model: validation naming the field, JSON and schema round trips."""

from typing import Any

import pytest
from hypothesis import given
from pydantic import ValidationError

from safetyrules.enterprise import Enterprise, EnterpriseFlag
from safetyrules.testing import enterprises

VALID: dict[str, Any] = {
    "name": "比亚迪股份有限公司",
    # A real code (several public copies, e.g. a ticker-keyed dataset; 公开代码（仓库未识别）).
    "uscc": "91440300192317458F",
    "industry": "3612",
    "jurisdiction": "440300",
}


def rejected_field(**changes: Any) -> str:
    with pytest.raises(ValidationError) as caught:
        Enterprise(**{**VALID, **changes})
    return ".".join(str(part) for part in caught.value.errors()[0]["loc"])


def test_valid_enterprise() -> None:
    enterprise = Enterprise(**VALID)
    assert enterprise.uscc == "91440300192317458F"
    assert enterprise.flags == frozenset()


def test_uscc_is_compacted() -> None:
    assert Enterprise(**{**VALID, "uscc": "9144 0300 1923 1745 8f"}).uscc == "91440300192317458F"


def test_letter_first_uscc_of_a_village_collective_is_accepted() -> None:
    # N2 = 村级集体经济组织; the check characters were computed by hand with the published
    # GB 11714 and GB 32100 algorithms (see tests/identifiers for the reference implementation).
    assert Enterprise(**{**VALID, "uscc": "N2330424MF0000005X"}).uscc.startswith("N2")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"uscc": "91440300192317458A"}, "uscc"),  # wrong check character
        ({"uscc": "9144030019231745"}, "uscc"),  # too short
        ({"industry": "9999"}, "industry"),
        ({"jurisdiction": "339999"}, "jurisdiction"),
        ({"name": "  "}, "name"),
        ({"employees": -1}, "employees"),
        ({"employees": 12.0}, "employees"),
        ({"revenue": 1.5}, "revenue"),
        ({"assets": "-1"}, "assets"),
        ({"flags": ["不存在的特征"]}, "flags.0"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_bad_input_names_the_field(changes: dict[str, Any], field: str) -> None:
    assert rejected_field(**changes) == field


def test_flags_take_their_chinese_values() -> None:
    enterprise = Enterprise(**{**VALID, "flags": ["涉爆粉尘", "涉氨制冷"]})
    assert enterprise.flags == {
        EnterpriseFlag.COMBUSTIBLE_DUST,
        EnterpriseFlag.AMMONIA_REFRIGERATION,
    }


def test_json_schema_names_the_fields_in_chinese() -> None:
    schema = Enterprise.model_json_schema()
    assert schema["properties"]["uscc"]["description"] == "统一社会信用代码（GB 32100-2015）"
    assert set(schema["required"]) == {"name", "uscc", "industry", "jurisdiction"}


@given(enterprises())
def test_json_round_trip(enterprise: Enterprise) -> None:
    assert Enterprise.model_validate_json(enterprise.model_dump_json()) == enterprise


@given(enterprises(boundary=True))
def test_boundary_values_are_valid_enterprises(enterprise: Enterprise) -> None:
    assert Enterprise.model_validate(enterprise.model_dump()) == enterprise
