"""JSON 模式（JSON Schema）of the boundary models, for data exchange (数据交换).

Platforms send the library JSON (or TOML) and read its reports as JSON. This module publishes
one JSON Schema (draft 2020-12) per boundary model, each under a stable name, and one per file
of an audit folder (审计资料目录), so that a whole ``accidents.json`` can be checked before it
is sent:

>>> schema = json_schema("accident-record")
>>> schema["$schema"], schema["$id"], schema["title"]
('https://json-schema.org/draft/2020-12/schema', 'accident-record.schema.json', '生产安全事故记录')
>>> schema["properties"]["deaths"]["minimum"], schema["properties"]["occurred_on"]["format"]
(0, 'date')
>>> folder_file_schemas()["accidents"]
'audit-folder-accidents'

Which mode. Input models (everything users send) are described in pydantic's *validation*
mode: the schema says what the library accepts, e.g. money (金额) as a decimal string or an
integer. The audit report is an output model and is described in *serialization* mode: the
schema says what :func:`safetyrules.audit.render.to_json` (``model_dump_json``) writes, e.g.
money as a string only, computed fields included and every field present (the report leaves
none out), so a consumer may rely on each key:

>>> report = json_schema("audit-report")
>>> "as_of" in report["required"], "risks" in report["required"]
(True, True)

What is not pydantic's output as emitted. The schemas are pydantic's, with these changes, all
made here and tested:

* a root ``$schema``, ``$id`` (``<name>.schema.json``, relative unless a base URI is given),
  and a Chinese ``title`` and ``description``;
* constraints that pydantic leaves under their Python names when a field has its own
  validator (``ge``, ``gt``, ``le``, ``lt``, ``multiple_of``: not JSON Schema keywords, so
  ignored by every validator) are renamed to ``minimum``, ``exclusiveMinimum``,
  ``maximum``, ``exclusiveMaximum``, ``multipleOf``; without this a negative death toll
  would pass;
* the 统一社会信用代码 and the 行政区划代码 of an enterprise get a ``pattern`` (the canonical
  form: upper case, no separators) and a ``$comment`` on what only the library checks
  (check characters, whether a code exists);
* descriptions taken from class docstrings keep the first paragraph only (no examples).

Rules that JSON Schema cannot state (check characters, reference data, rules across fields)
are still checked by the library when it loads the data; ``docs/schema.md`` lists them.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any, Final, NamedTuple

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaMode, JsonSchemaValue
from pydantic_core import core_schema

from safetyrules.accidents.record import AccidentRecord
from safetyrules.audit.report import AuditReport
from safetyrules.checklists.inspection import InspectionRecord
from safetyrules.credit.record import CaseFacts
from safetyrules.enterprise import Enterprise
from safetyrules.errors import InvalidInput, UnknownReference
from safetyrules.identifiers.uscc import ALPHABET, REGISTRATION_AUTHORITIES
from safetyrules.responsibility.accountability import AccountabilityCase
from safetyrules.responsibility.custody import CustodyAssignment
from safetyrules.responsibility.staffing import StaffingInputs
from safetyrules.responsibility.system import ResponsibilitySystem
from safetyrules.risk.major_hazard.unit import HazardUnit
from safetyrules.risk.register import RiskPoint
from safetyrules.scoring.self_assessment import SelfAssessment
from safetyrules.tables.hazard_ledger import LedgerEntry

__all__ = [
    "DRAFT",
    "SUFFIX",
    "boundary_models",
    "folder_file_schemas",
    "json_schema",
    "schema_names",
    "write_schemas",
]

DRAFT: Final = "https://json-schema.org/draft/2020-12/schema"
"""The dialect of every schema (``$schema``): JSON Schema draft 2020-12."""

SUFFIX: Final = ".schema.json"
"""The ending of every schema's file name and ``$id``: ``enterprise.schema.json``."""


class _Boundary(NamedTuple):
    model: type[BaseModel]
    mode: JsonSchemaMode
    title: str
    description: str


class _FolderFile(NamedTuple):
    stem: str
    record: str  # the boundary schema of what the file holds
    key: str | None  # the top-level key of the list; None: the file is one record
    description: str


_BOUNDARY: Final[dict[str, _Boundary]] = {
    "enterprise": _Boundary(
        Enterprise,
        "validation",
        "生产经营单位",
        "生产经营单位及规则需要的企业信息（safetyrules.enterprise.Enterprise）。",
    ),
    "accident-record": _Boundary(
        AccidentRecord,
        "validation",
        "生产安全事故记录",
        "企业的一起生产安全事故，可附事故调查认定的责任"
        "（safetyrules.accidents.AccidentRecord，findings 为 AccidentFindings）。",
    ),
    "risk-point": _Boundary(
        RiskPoint,
        "validation",
        "风险点",
        "风险点台账的一个风险点，含评价方法、因素取值和管控措施（safetyrules.risk.RiskPoint）。",
    ),
    "hazard-unit": _Boundary(
        HazardUnit,
        "validation",
        "危险化学品单元",
        "按 GB 18218-2018 辨识的生产单元或储存单元及其危险化学品"
        "（safetyrules.risk.major_hazard.HazardUnit）。",
    ),
    "self-assessment": _Boundary(
        SelfAssessment,
        "validation",
        "安全生产标准化自评记录",
        "按评分标准所作的自评及定级申请（safetyrules.scoring.SelfAssessment）。",
    ),
    "inspection-record": _Boundary(
        InspectionRecord,
        "validation",
        "检查记录",
        "按检查表逐项所作的检查记录（safetyrules.checklists.InspectionRecord）。",
    ),
    "custody-assignment": _Boundary(
        CustodyAssignment,
        "validation",
        "重大危险源包保责任人",
        "一处重大危险源的包保责任人（safetyrules.responsibility.CustodyAssignment）。",
    ),
    "responsibility-system": _Boundary(
        ResponsibilitySystem,
        "validation",
        "全员安全生产责任制",
        "企业的岗位、责任范围、考核标准和安全生产管理机构"
        "（safetyrules.responsibility.ResponsibilitySystem）。",
    ),
    "hazard-ledger-entry": _Boundary(
        LedgerEntry,
        "validation",
        "隐患排查治理台账行",
        "隐患台账的一行：一个事故隐患及其排查、登记、整治、验收、销号的日期"
        "（safetyrules.tables.LedgerEntry）。",
    ),
    "accountability-case": _Boundary(
        AccountabilityCase,
        "validation",
        "责任追究事项",
        "追究责任所依据的事故或违法行为事实（safetyrules.responsibility.AccountabilityCase）。",
    ),
    "credit-case-facts": _Boundary(
        CaseFacts,
        "validation",
        "案件事实（严重失信主体名单）",
        "评估是否列入严重失信主体名单所依据的行政处罚案件事实（safetyrules.credit.CaseFacts）。",
    ),
    "staffing-inputs": _Boundary(
        StaffingInputs,
        "validation",
        "安全生产管理机构和人员配备的输入",
        "测算配备要求所需的单位信息：从业人员数、所在地和单位类别"
        "（safetyrules.responsibility.StaffingInputs）。",
    ),
    "audit-report": _Boundary(
        AuditReport,
        "serialization",
        "安全生产合规审计报告",
        "一家企业在一个基准日的合规审计报告，即 safetyrules.audit.render.to_json 的输出"
        "（safetyrules.audit.AuditReport）。",
    ),
}

# The files of an audit folder, in the order safetyrules.audit.inputs.load_inputs reads them.
_FOLDER: Final = (
    _FolderFile("enterprise", "enterprise", None, "生产经营单位信息（字段同 enterprise 模式）"),
    _FolderFile("accidents", "accident-record", "accident", "键 accident：生产安全事故记录列表"),
    _FolderFile("risks", "risk-point", "risk", "键 risk：风险点台账"),
    _FolderFile("hazard_units", "hazard-unit", "unit", "键 unit：危险化学品单元列表"),
    _FolderFile("self_assessment", "self-assessment", None, "安全生产标准化自评记录"),
    _FolderFile("inspections", "inspection-record", "inspection", "键 inspection：检查记录列表"),
    _FolderFile("custody", "custody-assignment", "installation", "键 installation：包保责任人列表"),
    _FolderFile(
        "responsibility",
        "responsibility-system",
        None,
        "全员安全生产责任制，不含 enterprise（企业信息取自 enterprise 文件）",
    ),
    _FolderFile("hazards", "hazard-ledger-entry", "hazard", "键 hazard：隐患排查治理台账"),
)

# Pydantic's names of constraints that it leaves in the schema when a field has a validator of
# its own (see _known_annotated_metadata.apply_known_metadata), and their JSON Schema keywords.
_LEAKED: Final = {
    "ge": "minimum",
    "gt": "exclusiveMinimum",
    "le": "maximum",
    "lt": "exclusiveMaximum",
    "multiple_of": "multipleOf",
}
# Keywords whose value maps names to subschemas, and keywords whose value is data.
_NAMED_SCHEMAS: Final = frozenset({"properties", "$defs", "patternProperties", "dependentSchemas"})
_DATA: Final = frozenset({"default", "enum", "const", "examples", "required", "$comment"})


def _char_class(characters: Iterable[str]) -> str:
    """A regular-expression character class for ``characters``, runs written as ranges."""
    codes = sorted({ord(c) for c in characters})
    if len(codes) == 1:
        return chr(codes[0])
    parts: list[str] = []
    start = previous = codes[0]
    for code in [*codes[1:], -1]:
        if code == previous + 1:
            previous = code
            continue
        run = "".join(chr(c) for c in range(start, previous + 1))
        parts.append(run if len(run) < 3 else f"{run[0]}-{run[-1]}")
        start = previous = code
    return f"[{''.join(parts)}]"


def _uscc_pattern() -> str:
    """The canonical form of a 统一社会信用代码 as a regular expression.

    Positions 1-2 from the code table of 登记管理部门码 and 机构类别码, 3-8 digits, 9-16 and 18
    from the GB 32100 alphabet, 17 (the GB 11714 check character) a digit or X.
    """
    heads = "|".join(
        f"{code}{_char_class(authority.categories)}"
        for code, authority in sorted(REGISTRATION_AUTHORITIES.items())
    )
    character = _char_class(ALPHABET)
    return f"^(?:{heads})[0-9]{{6}}{character}{{8}}[0-9X]{character}$"


def _field_rules() -> dict[type[BaseModel], dict[str, dict[str, str]]]:
    return {
        Enterprise: {
            "uscc": {
                "pattern": _uscc_pattern(),
                "$comment": (
                    "模式只检查规范写法（18 位、大写、无分隔符）、字符集和登记管理部门码、"
                    "机构类别码；第 9-17 位组织机构代码的校验码和第 18 位校验码由库在读取时检查。"
                    "库也接受小写字母、空格和连字符，并规整为规范写法。"
                ),
            },
            "jurisdiction": {
                "pattern": "^[0-9]{6}$",
                "$comment": "是否为已知的行政区划代码由库在读取时检查。",
            },
            "industry": {
                "$comment": (
                    "库接受 C3511、3511、门类字母等写法；"
                    "是否为 GB/T 4754-2017 中的代码由库在读取时检查。"
                ),
            },
        }
    }


class _Generator(GenerateJsonSchema):
    """Pydantic's generator, with every serialised field required and the field rules added."""

    def field_is_required(
        self,
        field: core_schema.ModelField | core_schema.DataclassField | core_schema.TypedDictField,
        total: bool,
    ) -> bool:
        # model_dump_json writes every field that is not excluded, defaults included.
        if self.mode == "serialization":
            return not field.get("serialization_exclude", False)
        return super().field_is_required(field, total)

    def model_schema(self, schema: core_schema.ModelSchema) -> JsonSchemaValue:
        json_schema = super().model_schema(schema)
        for name, extra in _field_rules().get(schema["cls"], {}).items():
            json_schema["properties"][name].update(extra)
        return json_schema


def _tidy(value: Any) -> Any:
    """Leaked constraint names renamed, docstring descriptions cut to their first paragraph.

    On a string (a Decimal in serialization mode) the leaked numeric constraints are dropped,
    as pydantic drops them where it does not leak them.
    """
    if isinstance(value, list):
        return [_tidy(item) for item in value]
    if not isinstance(value, dict):
        return value
    tidied: dict[str, Any] = {}
    for key, item in value.items():
        if key in _NAMED_SCHEMAS:
            tidied[key] = {name: _tidy(schema) for name, schema in item.items()}
        elif key in _DATA:
            tidied[key] = item
        elif key == "description" and isinstance(item, str):
            tidied[key] = item.split("\n\n", 1)[0].strip()
        elif key in _LEAKED:
            if value.get("type") != "string":
                tidied[_LEAKED[key]] = item
        else:
            tidied[key] = _tidy(item)
    return tidied


def _references(value: Any) -> set[str]:
    """The names of the ``$defs`` that ``value`` refers to, directly."""
    if isinstance(value, list):
        return set().union(*(_references(item) for item in value))
    if not isinstance(value, dict):
        return set()
    found = set().union(*(_references(item) for item in value.values()))
    reference = value.get("$ref")
    if isinstance(reference, str) and reference.startswith("#/$defs/"):
        found.add(reference.removeprefix("#/$defs/"))
    return found


def _pruned(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` without the ``$defs`` nothing refers to any more."""
    definitions: dict[str, Any] = schema.pop("$defs", {})
    wanted: set[str] = set()
    pending = _references(schema)
    while pending:
        name = pending.pop()
        if name not in wanted:
            wanted.add(name)
            pending |= _references(definitions[name])
    if wanted:
        schema["$defs"] = {name: definitions[name] for name in sorted(wanted)}
    return schema


@cache
def _model_schema(name: str) -> dict[str, Any]:
    entry = _BOUNDARY[name]
    raw = entry.model.model_json_schema(mode=entry.mode, schema_generator=_Generator)
    tidied: dict[str, Any] = _tidy(raw)
    return tidied


def _folder_schema(file: _FolderFile) -> dict[str, Any]:
    record = copy.deepcopy(_model_schema(file.record))
    if file.stem == "responsibility":
        del record["properties"]["enterprise"]
        record["required"] = [r for r in record.get("required", []) if r != "enterprise"]
        if not record["required"]:
            del record["required"]
        return _pruned(record)
    if file.key is None:
        return record
    definitions: dict[str, Any] = record.pop("$defs", {})
    model_name = _BOUNDARY[file.record].model.__name__
    if model_name in definitions:  # pragma: no cover - pydantic names a root model's defs apart
        raise RuntimeError(f"{model_name} 已在 $defs 中")
    definitions[model_name] = record
    return {
        "$defs": definitions,
        "additionalProperties": False,
        "properties": {
            file.key: {
                "default": [],
                "description": f"{_BOUNDARY[file.record].title}列表",
                "items": {"$ref": f"#/$defs/{model_name}"},
                "type": "array",
            }
        },
        "type": "object",
    }


def _folder_name(stem: str) -> str:
    return "audit-folder-" + stem.replace("_", "-")


def boundary_models() -> dict[str, type[BaseModel]]:
    """The boundary models (边界模型) by schema name: the inputs users send, and the report.

    >>> models = boundary_models()
    >>> models["enterprise"].__name__, models["accident-record"].__name__
    ('Enterprise', 'AccidentRecord')
    >>> list(models)[-1], models["audit-report"].__name__
    ('audit-report', 'AuditReport')
    """
    return {name: entry.model for name, entry in _BOUNDARY.items()}


def folder_file_schemas() -> dict[str, str]:
    """The schema name of each file of an audit folder (审计资料目录), by file stem.

    A stem is the file name without ``.toml`` or ``.json``; both hold the same structure.

    >>> files = folder_file_schemas()
    >>> files["enterprise"], files["hazard_units"]
    ('audit-folder-enterprise', 'audit-folder-hazard-units')
    >>> len(files)
    9
    """
    return {file.stem: _folder_name(file.stem) for file in _FOLDER}


def schema_names() -> tuple[str, ...]:
    """Every published schema name (JSON 模式名称): the boundary models, then the folder files.

    >>> names = schema_names()
    >>> names[0], names[-1], len(names)
    ('enterprise', 'audit-folder-hazards', 22)
    """
    return (*_BOUNDARY, *folder_file_schemas().values())


def json_schema(name: str, *, base_uri: str = "") -> dict[str, Any]:
    """The JSON Schema (JSON 模式) published under ``name``, a fresh copy.

    ``$id`` is ``<name>.schema.json``, after ``base_uri`` if one is given (it must end with
    ``/``), so that the files keep resolving wherever they are served from.

    >>> schema = json_schema("audit-folder-accidents", base_uri="https://example.org/schemas/")
    >>> schema["$id"]
    'https://example.org/schemas/audit-folder-accidents.schema.json'
    >>> schema["properties"]["accident"]["items"]
    {'$ref': '#/$defs/AccidentRecord'}
    >>> json_schema("enterprise")["properties"]["uscc"]["pattern"][:12]
    '^(?:1[1-39]|'
    >>> json_schema("accident")
    Traceback (most recent call last):
    ...
    safetyrules.errors.UnknownReference: 未知的JSON 模式名称: 'accident'
    """
    if base_uri and not base_uri.endswith("/"):
        raise InvalidInput("base_uri", base_uri, "应以 / 结尾")
    files = {_folder_name(file.stem): file for file in _FOLDER}
    if name in _BOUNDARY:
        entry = _BOUNDARY[name]
        body = copy.deepcopy(_model_schema(name))
        title, description = entry.title, entry.description
    elif name in files:
        file = files[name]
        body = _folder_schema(file)
        title = f"审计资料目录文件 {file.stem}.toml / {file.stem}.json"
        description = (
            f"审计资料目录中的 {file.stem}.toml 或 {file.stem}.json"
            f"（safetyrules.audit.load_inputs 读取）：{file.description}。"
        )
    else:
        raise UnknownReference("JSON 模式名称", name)
    for key in ("title", "description"):
        body.pop(key, None)
    return {
        "$schema": DRAFT,
        "$id": f"{base_uri}{name}{SUFFIX}",
        "title": title,
        "description": description,
        **body,
    }


def _dumps(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(directory: Path, *, base_uri: str = "") -> list[Path]:
    """Write every schema as ``<name>.schema.json`` into ``directory`` (导出 JSON 模式).

    The directory is created if missing; other files in it are left alone. The files are
    UTF-8 with Chinese as written, keys sorted, two-space indents and a final newline: the
    same library version always writes the same bytes.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     paths = write_schemas(Path(d) / "schemas")
    ...     text = paths[0].read_text(encoding="utf-8")
    >>> paths[0].name, len(paths)
    ('enterprise.schema.json', 22)
    >>> '"title": "生产经营单位"' in text
    True
    """
    if base_uri and not base_uri.endswith("/"):
        raise InvalidInput("base_uri", base_uri, "应以 / 结尾")
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in schema_names():
        path = directory / f"{name}{SUFFIX}"
        path.write_bytes(_dumps(json_schema(name, base_uri=base_uri)).encode("utf-8"))
        paths.append(path)
    return paths
