"""The published JSON Schemas (JSON 模式): valid draft 2020-12, true to what the library reads
and writes, strict where JSON Schema can be, and written byte for byte the same every time."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match
from pydantic import BaseModel, ValidationError

from safetyrules.accidents.record import AccidentRecord
from safetyrules.audit import AuditReport, audit, demo_inputs, load_inputs
from safetyrules.audit.render import to_json
from safetyrules.credit.record import CaseFacts
from safetyrules.enterprise import Enterprise
from safetyrules.errors import InvalidInput, UnknownReference
from safetyrules.responsibility.accountability import AccountabilityCase
from safetyrules.responsibility.staffing import StaffingInputs
from safetyrules.schema import (
    DRAFT,
    SUFFIX,
    boundary_models,
    folder_file_schemas,
    json_schema,
    schema_names,
    write_schemas,
)
from safetyrules.testing.strategies import accident_records, enterprises, risk_points, usccs

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "src" / "safetyrules" / "data" / "demo"
PAGE = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
CHINESE = re.compile(r"[\u4e00-\u9fff]")

# Keywords of the draft 2020-12 vocabularies: validation keywords and annotations.
KEYWORDS = set(Draft202012Validator.VALIDATORS) | {
    "$schema",
    "$id",
    "$defs",
    "$comment",
    "$anchor",
    "title",
    "description",
    "default",
    "examples",
    "deprecated",
    "readOnly",
    "writeOnly",
    "contentEncoding",
    "contentMediaType",
    "contentSchema",
}
SUBSCHEMA_MAPS = {"properties", "$defs", "patternProperties", "dependentSchemas"}
DATA = {"default", "enum", "const", "examples", "required"}


def validator(name: str) -> Draft202012Validator:
    """A validator that also asserts ``format`` (dates), as a careful consumer would."""
    return Draft202012Validator(
        json_schema(name), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def errors(name: str, document: Any) -> list[tuple[list[str | int], str]]:
    """Each error as (path in the document, keyword that failed), in path order.

    An error of ``anyOf`` (a field that may be null) is reported by its best match inside, as
    ``jsonschema.exceptions.best_match`` picks it: the deepest path, the keyword that failed.
    """
    found = (best_match([e]) for e in validator(name).iter_errors(document))
    return sorted(((list(e.absolute_path), str(e.validator)) for e in found if e), key=str)


def json_data(value: Any) -> Any:
    """A TOML document as JSON would hold it: dates and times as ISO 8601 strings."""
    if isinstance(value, dict):
        return {key: json_data(item) for key, item in value.items()}
    if isinstance(value, list):
        return [json_data(item) for item in value]
    if isinstance(value, date | datetime | time):
        return value.isoformat()
    return value


def demo_file(stem: str) -> Any:
    return json_data(tomllib.loads((DEMO / f"{stem}.toml").read_text(encoding="utf-8")))


def keywords(schema: Any) -> set[str]:
    """Every keyword used in ``schema``, property names and data left out."""
    if isinstance(schema, list):
        return set().union(*(keywords(item) for item in schema))
    if not isinstance(schema, dict):
        return set()
    found = set(schema)
    for key, value in schema.items():
        if key in SUBSCHEMA_MAPS:
            found |= set().union(*(keywords(item) for item in value.values()))
        elif key not in DATA:
            found |= keywords(value)
    return found


ACCIDENT = {"occurred_on": "2024-07-18", "summary": "液氨泄漏", "serious_injuries": 3}
ENTERPRISE = {
    "name": "嘉兴南湖示范食品有限公司",
    "uscc": "91330402MA2B00000H",
    "industry": "1432",
    "jurisdiction": "330402",
}


# Every schema is a valid draft 2020-12 schema, with its name, title and description.


@pytest.mark.parametrize("name", schema_names())
def test_every_schema_is_a_valid_draft_2020_12_schema(name: str) -> None:
    schema = json_schema(name)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == DRAFT
    assert schema["$id"] == f"{name}{SUFFIX}"
    assert CHINESE.search(schema["title"])
    assert CHINESE.search(schema["description"])


@pytest.mark.parametrize("name", schema_names())
def test_no_schema_uses_a_word_json_schema_does_not_know(name: str) -> None:
    # Pydantic leaves "ge" for minimum when a field has its own validator: ignored by every
    # validator, so a negative count would pass. The module renames it.
    assert keywords(json_schema(name)) <= KEYWORDS


@pytest.mark.parametrize("name", schema_names())
def test_descriptions_carry_no_doctest(name: str) -> None:
    assert ">>>" not in json.dumps(json_schema(name), ensure_ascii=False)


def test_the_boundary_models_and_their_names() -> None:
    models = boundary_models()
    assert list(models) == [
        "enterprise",
        "accident-record",
        "risk-point",
        "hazard-unit",
        "self-assessment",
        "inspection-record",
        "custody-assignment",
        "responsibility-system",
        "hazard-ledger-entry",
        "accountability-case",
        "credit-case-facts",
        "staffing-inputs",
        "audit-report",
    ]
    assert models["credit-case-facts"] is CaseFacts
    assert models["audit-report"] is AuditReport
    assert all(issubclass(model, BaseModel) for model in models.values())
    assert schema_names() == (*models, *folder_file_schemas().values())


def test_there_is_a_schema_for_every_file_of_the_demo_folder() -> None:
    assert set(folder_file_schemas()) == {path.stem for path in DEMO.glob("*.toml")}


def test_an_unknown_name_is_refused() -> None:
    with pytest.raises(UnknownReference, match="JSON 模式名称"):
        json_schema("accidents")


def test_each_call_returns_a_fresh_copy() -> None:
    json_schema("enterprise")["properties"].clear()
    assert "uscc" in json_schema("enterprise")["properties"]


def test_a_base_uri_prefixes_the_id() -> None:
    base = "https://example.org/safetyrules/schemas/"
    assert json_schema("enterprise", base_uri=base)["$id"] == f"{base}enterprise.schema.json"
    with pytest.raises(InvalidInput, match="/"):
        json_schema("enterprise", base_uri="https://example.org/schemas")


# What the library reads and writes is valid.


@pytest.mark.parametrize(("stem", "name"), folder_file_schemas().items())
def test_the_demo_files_validate_against_their_folder_file_schemas(stem: str, name: str) -> None:
    assert errors(name, demo_file(stem)) == []


def test_the_demo_folder_reads_as_the_schemas_say(tmp_path: Path) -> None:
    # The same files, written as JSON, are read by the library as the TOML ones.
    for stem in folder_file_schemas():
        document = demo_file(stem)
        (tmp_path / f"{stem}.json").write_text(
            json.dumps(document, ensure_ascii=False), encoding="utf-8"
        )
    assert load_inputs(tmp_path) == demo_inputs()


def test_the_demo_audit_report_validates_against_the_audit_report_schema() -> None:
    report = json.loads(to_json(audit(demo_inputs(), date(2026, 11, 29))))
    assert errors("audit-report", report) == []


def test_the_report_schema_is_in_serialization_mode() -> None:
    # The validation-mode schema of the report is not what to_json writes: it lacks the
    # computed fields (a citation's text) and forbids them in places.
    report = json.loads(to_json(audit(demo_inputs(), date(2026, 11, 29))))
    input_side = AuditReport.model_json_schema(mode="validation")
    assert list(Draft202012Validator(input_side).iter_errors(report))
    # Money is written as a string, never as a JSON number.
    revenue = json_schema("audit-report")["$defs"]["Enterprise"]["properties"]["revenue"]
    assert revenue["anyOf"][0]["type"] == "string"
    assert report["enterprise"]["revenue"] == "186000000"
    # Every field of the report is written, so every field is required.
    assert set(json_schema("audit-report")["required"]) == set(report)


def test_the_demo_inputs_as_the_library_writes_them_validate() -> None:
    demo = demo_inputs()
    assert demo.self_assessment is not None
    assert demo.responsibility is not None
    written: list[tuple[str, BaseModel]] = [
        ("enterprise", demo.enterprise),
        ("self-assessment", demo.self_assessment),
        ("responsibility-system", demo.responsibility),
        *(("accident-record", a) for a in demo.accidents),
        *(("risk-point", r) for r in demo.risks),
        *(("hazard-unit", u) for u in demo.hazard_units),
        *(("inspection-record", i) for i in demo.inspections),
        *(("custody-assignment", c) for c in demo.custody),
    ]
    for name, model in written:
        assert errors(name, json.loads(model.model_dump_json())) == [], name


@pytest.mark.parametrize(
    ("name", "model"),
    [
        (
            "accountability-case",
            AccountabilityCase(
                occurred_on=date(2024, 7, 18), accident="一般事故", principal_at_fault=True
            ),
        ),
        (
            "credit-case-facts",
            CaseFacts(
                unit_name="某公司",
                penalty_decided_on=date(2024, 5, 10),
                service_misconduct={"挂靠", "出具虚假报告或者证书（证明）"},
            ),
        ),
        (
            "staffing-inputs",
            StaffingInputs(employees=80, jurisdiction="110105", categories=["矿山"]),
        ),
    ],
)
def test_the_other_inputs_as_the_library_writes_them_validate(name: str, model: BaseModel) -> None:
    assert errors(name, json.loads(model.model_dump_json())) == []


@settings(max_examples=50, deadline=None)
@given(enterprises(boundary=True))
def test_every_valid_enterprise_validates(enterprise: Enterprise) -> None:
    assert errors("enterprise", json.loads(enterprise.model_dump_json())) == []


@settings(max_examples=50, deadline=None)
@given(accident_records())
def test_every_valid_accident_validates(record: AccidentRecord) -> None:
    assert errors("accident-record", json.loads(record.model_dump_json())) == []


@settings(max_examples=50, deadline=None)
@given(risk_points())
def test_every_valid_risk_point_validates(point: BaseModel) -> None:
    assert errors("risk-point", json.loads(point.model_dump_json())) == []


@settings(max_examples=200, deadline=None)
@given(usccs())
def test_the_uscc_pattern_accepts_every_valid_code(code: str) -> None:
    pattern = json_schema("enterprise")["properties"]["uscc"]["pattern"]
    assert re.search(pattern, code)


# Invalid documents are rejected where they are wrong, as the library rejects them.


@pytest.mark.parametrize(
    ("name", "document", "expected"),
    [
        pytest.param(
            "audit-folder-accidents",
            {"accident": [ACCIDENT, {**ACCIDENT, "deaths": -1}]},
            [(["accident", 1, "deaths"], "minimum")],
            id="negative-deaths",
        ),
        pytest.param(
            "audit-folder-accidents",
            {"accident": [{**ACCIDENT, "occurred_on": "2024/07/18"}]},
            [(["accident", 0, "occurred_on"], "format")],
            id="date-not-iso",
        ),
        pytest.param(
            "audit-folder-accidents",
            {"accident": [{**ACCIDENT, "kind": "交通事故"}]},
            [(["accident", 0, "kind"], "enum")],
            id="unknown-accident-kind",
        ),
        pytest.param(
            "audit-folder-accidents",
            {"accident": [{**ACCIDENT, "findings": {"principal_at_fault": "yes"}}]},
            [(["accident", 0, "findings", "principal_at_fault"], "type")],
            id="findings-flag-not-boolean",
        ),
        pytest.param(
            "enterprise",
            {**ENTERPRISE, "uscc": "91330402MA2B00000"},
            [(["uscc"], "pattern")],
            id="uscc-17-characters",
        ),
        pytest.param(
            "enterprise",
            {**ENTERPRISE, "uscc": "91330402MA2BOOOOOH"},
            [(["uscc"], "pattern")],
            id="uscc-letter-O",
        ),
        pytest.param(
            "enterprise",
            {**ENTERPRISE, "uscc": "94330402MA2B00000H"},
            [(["uscc"], "pattern")],
            id="uscc-unknown-category",
        ),
        pytest.param(
            "enterprise",
            {**ENTERPRISE, "jurisdiction": "浙江省嘉兴市南湖区"},
            [(["jurisdiction"], "pattern")],
            id="jurisdiction-not-a-code",
        ),
        pytest.param(
            "enterprise",
            {**ENTERPRISE, "flags": ["涉爆粉尘", "粉尘"]},
            [(["flags", 1], "enum")],
            id="unknown-flag",
        ),
        pytest.param(
            "enterprise",
            {**ENTERPRISE, "revenue": -5},
            [(["revenue"], "anyOf")],
            id="negative-revenue",
        ),
        pytest.param(
            "enterprise",
            {**ENTERPRISE, "owner": "张三"},
            [([], "additionalProperties")],
            id="unknown-field",
        ),
        pytest.param(
            "enterprise",
            {key: value for key, value in ENTERPRISE.items() if key != "uscc"},
            [([], "required")],
            id="uscc-missing",
        ),
        pytest.param(
            "audit-folder-risks",
            {"risks": []},
            [([], "additionalProperties")],
            id="misspelt-list-key",
        ),
        pytest.param(
            "audit-folder-inspections",
            {
                "inspection": [
                    {
                        "checklist": "dust-explosion",
                        "inspected_on": "2026-11-20",
                        "answers": [{"item": "3-1", "outcome": "合格"}],
                    }
                ]
            },
            [(["inspection", 0, "answers", 0, "outcome"], "enum")],
            id="unknown-outcome",
        ),
        pytest.param(
            "audit-folder-responsibility",
            {"enterprise": ENTERPRISE, "posts": []},
            [([], "additionalProperties")],
            id="responsibility-with-its-own-enterprise",
        ),
        pytest.param(
            "self-assessment",
            {
                "standard": "general-gbt-33000-2016",
                "assessed_on": "2025-09-15",
                "application": {"applied_level": 4, "applied_on": "2025-09-20"},
            },
            [(["application", "applied_level"], "enum")],
            id="level-four",
        ),
        pytest.param(
            "staffing-inputs",
            {"employees": -1},
            [(["employees"], "minimum")],
            id="negative-employees",
        ),
        pytest.param(
            "credit-case-facts",
            {"unit_name": "某公司", "penalty_decided_on": "2024-05-10", "in_scope": "是"},
            [(["in_scope"], "anyOf")],
            id="credit-flag-not-boolean",
        ),
    ],
)
def test_invalid_documents_are_rejected_at_their_path(
    name: str, document: Any, expected: list[tuple[list[str | int], str]]
) -> None:
    assert errors(name, document) == expected


@pytest.mark.parametrize(
    ("model", "document"),
    [
        (AccidentRecord, {**ACCIDENT, "deaths": -1}),
        (Enterprise, {**ENTERPRISE, "uscc": "91330402MA2B00000"}),
        (Enterprise, {**ENTERPRISE, "revenue": -5}),
        (Enterprise, {**ENTERPRISE, "flags": ["粉尘"]}),
        (StaffingInputs, {"employees": -1}),
    ],
)
def test_the_library_rejects_them_too(model: type[BaseModel], document: Any) -> None:
    with pytest.raises(ValidationError):
        model.model_validate_json(json.dumps(document))


# What JSON Schema cannot say: the library still checks it when loading.


def test_a_wrong_check_character_passes_the_schema_but_not_the_library() -> None:
    document = {**ENTERPRISE, "uscc": "91330402MA2B00000G"}
    assert errors("enterprise", document) == []
    with pytest.raises(ValidationError, match="校验码"):
        Enterprise.model_validate(document)


def test_an_unknown_jurisdiction_passes_the_schema_but_not_the_library() -> None:
    document = {**ENTERPRISE, "jurisdiction": "339999"}
    assert errors("enterprise", document) == []
    with pytest.raises(ValidationError, match="行政区划代码"):
        Enterprise.model_validate(document)


def test_a_rule_across_fields_passes_the_schema_but_not_the_library() -> None:
    document = {"occurred_on": "2024-05-06", "principal_at_fault": True}
    assert errors("accountability-case", document) == []
    with pytest.raises(ValidationError, match="accident"):
        AccountabilityCase.model_validate(document)


def test_money_as_a_json_decimal_passes_the_schema_but_not_the_library() -> None:
    document = {**ACCIDENT, "direct_economic_loss": 1.5}
    assert errors("accident-record", document) == []
    with pytest.raises(ValidationError, match="浮点数"):
        AccidentRecord.model_validate_json(json.dumps(document))
    assert AccidentRecord.model_validate_json(
        json.dumps({**ACCIDENT, "direct_economic_loss": "1.5"})
    ).direct_economic_loss == Decimal("1.5")


def test_the_schema_asks_for_the_canonical_uscc_that_the_library_also_accepts() -> None:
    document = {**ENTERPRISE, "uscc": "9133 0402 ma2b 0000 0h"}
    assert errors("enterprise", document) == [(["uscc"], "pattern")]
    assert Enterprise.model_validate(document).uscc == ENTERPRISE["uscc"]


# The files: one per schema, UTF-8, sorted keys, the same bytes every time.


def test_write_schemas_writes_one_file_per_schema(tmp_path: Path) -> None:
    paths = write_schemas(tmp_path / "schemas")
    assert [p.name for p in paths] == [f"{name}{SUFFIX}" for name in schema_names()]
    for path, name in zip(paths, schema_names(), strict=True):
        text = path.read_bytes().decode("utf-8")
        assert json.loads(text) == json_schema(name)
        assert (
            text
            == json.dumps(json.loads(text), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        )
    assert "生产经营单位" in paths[0].read_text(encoding="utf-8")


def test_write_schemas_is_deterministic(tmp_path: Path) -> None:
    first, second = write_schemas(tmp_path / "a"), write_schemas(tmp_path / "b")
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]


def test_write_schemas_is_the_same_in_another_process(tmp_path: Path) -> None:
    # Another hash seed orders sets differently: nothing written may depend on it.
    here = {p.name: p.read_bytes() for p in write_schemas(tmp_path / "here")}
    code = (
        "import sys; from pathlib import Path; from safetyrules.schema import write_schemas; "
        "write_schemas(Path(sys.argv[1]))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, "-c", code, str(tmp_path / "there")], check=True, env=env)
    there = {p.name: p.read_bytes() for p in (tmp_path / "there").iterdir()}
    assert here == there


# The documentation page.


def test_the_python_example_of_the_page_runs() -> None:
    blocks = re.findall(r"```python\n(.*?)```", PAGE, flags=re.DOTALL)
    assert blocks
    for block in blocks:
        exec(compile(block, "docs/schema.md", "exec"), {})  # the example is the test


def test_the_page_names_every_schema() -> None:
    for name in schema_names():
        assert f"`{name}`" in PAGE, name
