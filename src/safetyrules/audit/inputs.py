"""Reading an enterprise's audit folder (审计资料目录) and the bundled demo.

A folder holds ``enterprise.toml`` (or ``enterprise.json``) with the fields of
:class:`~safetyrules.enterprise.Enterprise`, and optionally ``accidents.toml`` (or
``accidents.json``) with an ``accident`` list of :class:`~safetyrules.accidents.AccidentRecord`
``risks.toml`` (or ``risks.json``) with a ``risk`` list of
:class:`~safetyrules.risk.RiskPoint` (the 风险点台账), and ``hazard_units.toml`` (or
``hazard_units.json``) with a ``unit`` list of
:class:`~safetyrules.risk.major_hazard.HazardUnit` (units identified under GB 18218), and
``self_assessment.toml`` (or ``.json``) with a :class:`~safetyrules.scoring.SelfAssessment`
(安全生产标准化自评, optionally with its 定级申请), and ``inspections.toml`` (or ``.json``)
with an ``inspection`` list of :class:`~safetyrules.checklists.InspectionRecord` (三标融合检查),
``custody.toml`` (or ``.json``) with an ``installation`` list of
:class:`~safetyrules.responsibility.CustodyAssignment` (重大危险源包保责任人), and
``responsibility.toml`` (or ``.json``) with the fields of
:class:`~safetyrules.responsibility.ResponsibilitySystem` but the enterprise (全员安全生产责任制:
``posts`` and the safety organisation).
Errors name the file and the field.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from safetyrules.accidents.record import AccidentRecord
from safetyrules.checklists.inspection import InspectionRecord
from safetyrules.enterprise import Enterprise
from safetyrules.errors import InvalidInput, RuleDataError
from safetyrules.law.data_files import join_key, parse_toml, read_packaged_text
from safetyrules.responsibility.custody import CustodyAssignment
from safetyrules.responsibility.system import ResponsibilitySystem
from safetyrules.risk.major_hazard.unit import HazardUnit
from safetyrules.risk.register import RiskPoint
from safetyrules.scoring.self_assessment import SelfAssessment

Model = TypeVar("Model", bound=BaseModel)


class AuditInputs(BaseModel):
    """What an audit reads about one enterprise (审计资料); only the enterprise is required.

    >>> inputs = AuditInputs(enterprise=demo_enterprise())
    >>> inputs.enterprise.name, inputs.accidents, inputs.self_assessment
    ('嘉兴南湖示范食品有限公司', (), None)
    >>> len(inputs.model_copy(update={"accidents": demo_inputs().accidents}).accidents)
    2
    """

    model_config = ConfigDict(frozen=True)

    enterprise: Enterprise
    accidents: tuple[AccidentRecord, ...] = ()
    risks: tuple[RiskPoint, ...] = ()
    hazard_units: tuple[HazardUnit, ...] = ()
    self_assessment: SelfAssessment | None = None
    inspections: tuple[InspectionRecord, ...] = ()
    custody: tuple[CustodyAssignment, ...] = ()
    responsibility: ResponsibilitySystem | None = None


def _validated(model: type[Model], data: Any, file: str, key: str = "") -> Model:
    try:
        return model.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        field = join_key(key, *first["loc"])
        raise InvalidInput(f"{file}: {field}", first.get("input"), first["msg"]) from error


def _read(folder: Path, stem: str) -> tuple[str, Any] | None:
    toml_file, json_file = folder / f"{stem}.toml", folder / f"{stem}.json"
    if toml_file.is_file():
        return toml_file.name, parse_toml(toml_file.read_text(encoding="utf-8"), toml_file.name)
    if json_file.is_file():
        try:
            return json_file.name, json.loads(json_file.read_text(encoding="utf-8"))
        except json.JSONDecodeError as error:
            raise RuleDataError(json_file.name, "(file)", f"JSON 语法错误: {error}") from error
    return None


def _entries(found: tuple[str, Any] | None, key: str, model: type[Model]) -> tuple[Model, ...]:
    """The ``key`` list of a file, each entry validated as ``model``."""
    if found is None:
        return ()
    file, document = found
    entries = document.get(key, []) if isinstance(document, dict) else None
    if not isinstance(entries, list):
        raise InvalidInput(f"{file}: {key}", entries, f"应为 {key} 列表")
    return tuple(
        _validated(model, entry, file, f"{key}[{index}]") for index, entry in enumerate(entries)
    )


def _document(found: tuple[str, Any] | None, model: type[Model]) -> Model | None:
    """A whole file validated as one ``model``."""
    if found is None:
        return None
    file, document = found
    return _validated(model, document, file)


def _system(found: tuple[str, Any] | None, enterprise: Enterprise) -> ResponsibilitySystem | None:
    """The responsibility system of a file, for the enterprise of the folder."""
    if found is None:
        return None
    file, document = found
    if not isinstance(document, dict):
        raise InvalidInput(file, document, "应为表（posts 等字段）")
    if "enterprise" in document:
        raise InvalidInput(
            f"{file}: enterprise", document["enterprise"], "企业信息取自 enterprise 文件"
        )
    return _validated(ResponsibilitySystem, {**document, "enterprise": enterprise}, file)


def load_inputs(folder: Path) -> AuditInputs:
    """Read an audit folder (读取审计资料目录).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     _ = Path(d, "enterprise.toml").write_text('name = "x"', encoding="utf-8")
    ...     load_inputs(Path(d))
    Traceback (most recent call last):
    ...
    safetyrules.errors.InvalidInput: enterprise.toml: uscc = ...: Field required
    """
    found = _read(folder, "enterprise")
    if found is None:
        raise InvalidInput("folder", str(folder), "目录中没有 enterprise.toml 或 enterprise.json")
    file, document = found
    enterprise = _validated(Enterprise, document, file)
    return AuditInputs(
        enterprise=enterprise,
        accidents=_entries(_read(folder, "accidents"), "accident", AccidentRecord),
        risks=_entries(_read(folder, "risks"), "risk", RiskPoint),
        hazard_units=_entries(_read(folder, "hazard_units"), "unit", HazardUnit),
        self_assessment=_document(_read(folder, "self_assessment"), SelfAssessment),
        inspections=_entries(_read(folder, "inspections"), "inspection", InspectionRecord),
        custody=_entries(_read(folder, "custody"), "installation", CustodyAssignment),
        responsibility=_system(_read(folder, "responsibility"), enterprise),
    )


def _packaged(name: str) -> tuple[str, Any]:
    return name, parse_toml(read_packaged_text(name), name)


def demo_inputs() -> AuditInputs:
    """The bundled demo: a fictional food manufacturer in 嘉兴市南湖区 (示例企业).

    >>> demo = demo_inputs()
    >>> demo.enterprise.name, len(demo.accidents)
    ('嘉兴南湖示范食品有限公司', 2)
    """
    file, document = _packaged("demo/enterprise.toml")
    enterprise = _validated(Enterprise, document, file)
    return AuditInputs(
        enterprise=enterprise,
        accidents=_entries(_packaged("demo/accidents.toml"), "accident", AccidentRecord),
        risks=_entries(_packaged("demo/risks.toml"), "risk", RiskPoint),
        hazard_units=_entries(_packaged("demo/hazard_units.toml"), "unit", HazardUnit),
        self_assessment=_document(_packaged("demo/self_assessment.toml"), SelfAssessment),
        inspections=_entries(_packaged("demo/inspections.toml"), "inspection", InspectionRecord),
        custody=_entries(_packaged("demo/custody.toml"), "installation", CustodyAssignment),
        responsibility=_system(_packaged("demo/responsibility.toml"), enterprise),
    )


def demo_enterprise() -> Enterprise:
    """The demo enterprise alone (示例企业).

    >>> demo_enterprise().jurisdiction
    '330402'
    """
    return demo_inputs().enterprise
