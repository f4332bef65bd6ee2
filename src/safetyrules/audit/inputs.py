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
``posts`` and the safety organisation), and ``hazards.toml`` (or ``.json``) with a ``hazard``
list of :class:`~safetyrules.tables.LedgerEntry` (隐患排查治理台账, one hazard and the dates of
its closed loop per entry).

Spreadsheets (表格) may replace the TOML and JSON files: ``accidents``, ``risks``,
``hazard_units``, ``inspections`` and ``hazards`` as ``.xlsx`` or ``.csv`` (UTF-8), ``responsibility`` as
``.xlsx`` (sheets 岗位 and 责任制), and ``enterprise`` as ``.xlsx`` (sheet 企业 of 项目/内容
rows); the columns are those of :mod:`safetyrules.tables.specs`, and
:func:`~safetyrules.audit.template.write_template` writes the workbooks to fill in. One
name, one file: ``risks.toml`` beside ``risks.xlsx`` is an error naming both.

Every entry of a list and every row of a table is checked on its own, so that one reading
reports every defect of every file (file, sheet, row, column and reason):

* by default :func:`load_inputs` raises :class:`~safetyrules.tables.RowErrors` listing them all;
* with ``keep_going=True`` it returns the inputs built from the good rows and entries, with
  the problems in :attr:`AuditInputs.problems` for the report to show.

A column a table does not know is not a bad row: it is left unread, and reported in
:attr:`AuditInputs.warnings` (未识别的列) in both modes; 序号 and 备注 columns are neither read
nor reported.

A defect that leaves nothing to read (no enterprise, an unreadable file, a missing sheet, a
bad enterprise or responsibility document) raises in both modes.
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
from safetyrules.hazards.ledger import HazardLedger
from safetyrules.law.data_files import join_key, parse_toml, read_packaged_text
from safetyrules.responsibility.custody import CustodyAssignment
from safetyrules.responsibility.system import ResponsibilitySystem
from safetyrules.risk.major_hazard.unit import HazardUnit
from safetyrules.risk.register import RiskPoint
from safetyrules.scoring.self_assessment import SelfAssessment
from safetyrules.tables.hazard_ledger import LedgerEntry
from safetyrules.tables.reading import RowErrors, RowProblem, TableSummary

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
    hazard_ledger: HazardLedger | None = None
    """The enterprise's 隐患排查治理台账, each hazard's closed loop replayed; None when the
    folder has no ledger or an empty one."""
    problems: tuple[RowProblem, ...] = ()
    """Rows and entries left out, each with its place and reason (未读入的行); only
    ``load_inputs(folder, keep_going=True)`` leaves any here."""
    warnings: tuple[RowProblem, ...] = ()
    """What was left aside while every row was still read (读取提示): a column a table does
    not know (未识别的列), each at its header cell. Warnings do not fail a reading, and the rows
    of their tables are in :attr:`tables` as accepted or rejected on their own account."""
    tables: tuple[TableSummary, ...] = ()
    """What reading each spreadsheet did: rows read, accepted, rejected, empty (表格读取统计)."""


DOCUMENT_SUFFIXES = (".toml", ".json")
"""Suffixes of the documents an audit folder may hold (TOML 与 JSON 文件)."""
TABLE_SUFFIXES = (".xlsx", ".csv")
"""Suffixes of the spreadsheets an audit folder may hold (表格文件)."""


def _validated(model: type[Model], data: Any, file: str, key: str = "") -> Model:
    """A whole document validated as one ``model``; every defect at once, in Chinese, as
    :class:`~safetyrules.tables.RowErrors` (as for a spreadsheet's rows)."""
    from safetyrules.tables.reading import entry_problems

    try:
        return model.model_validate(data)
    except ValidationError as error:
        problems = entry_problems(error, file=file, key=key)
        for index, detail in enumerate(error.errors()):
            given, loc = detail.get("input"), detail["loc"]
            if isinstance(given, str) and not given.strip() and len(loc) == 1:
                # A template's `uscc = ""`: say it is empty, not that it has 0 digits.
                info = model.model_fields.get(str(loc[0]))
                reason = "必填项为空" if info is not None and info.is_required() else "不能为空"
                problems[index] = problems[index].model_copy(update={"reason": reason})
        raise RowErrors(problems) from error


def _found(folder: Path, stem: str) -> Path | None:
    """The one file of a name in the folder, whatever its suffix; two are an error."""
    present = [
        folder / f"{stem}{suffix}"
        for suffix in (*DOCUMENT_SUFFIXES, *TABLE_SUFFIXES)
        if (folder / f"{stem}{suffix}").is_file()
    ]
    if len(present) > 1:
        names = "、".join(path.name for path in present)
        raise InvalidInput(
            stem, names, f"同一资料有 {len(present)} 个文件（{names}），请只保留一个"
        )
    return present[0] if present else None


def _parsed(path: Path) -> tuple[str, Any]:
    try:
        # utf-8-sig: editors on Windows often save UTF-8 with a byte-order mark.
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise RuleDataError(
            path.name, "(file)", "文件不是 UTF-8 编码（可能是 GBK/ANSI），请另存为 UTF-8"
        ) from None
    if path.suffix == ".toml":
        return path.name, parse_toml(text, path.name)
    try:
        return path.name, json.loads(text)
    except json.JSONDecodeError as error:
        raise RuleDataError(path.name, "(file)", f"JSON 语法错误: {error}") from error


def _read(folder: Path, stem: str) -> tuple[str, Any] | None:
    path = _found(folder, stem)
    if path is None:
        return None
    if path.suffix in TABLE_SUFFIXES:
        raise InvalidInput(
            path.name, stem, f"{stem} 只能写成 {stem}.toml 或 {stem}.json，不能用表格"
        )
    return _parsed(path)


class _Collected:
    """The problems of every file of one reading, and the counts of every table."""

    def __init__(self) -> None:
        self.problems: list[RowProblem] = []
        self.warnings: list[RowProblem] = []
        self.tables: list[TableSummary] = []

    def entries(
        self, found: tuple[str, Any] | None, key: str, model: type[Model]
    ) -> tuple[Model, ...]:
        """The ``key`` list of a document, each entry validated and checked on its own."""
        from safetyrules.tables.reading import entry_problems
        from safetyrules.tables.specs import spec_for

        if found is None:
            return ()
        file, document = found
        entries = document.get(key, []) if isinstance(document, dict) else None
        if not isinstance(entries, list):
            raise InvalidInput(f"{file}: {key}", entries, f"应为 {key} 列表")
        spec = spec_for(model)
        records = []
        seen: dict[str, dict[object, int]] = {}
        for index, entry in enumerate(entries):
            where = f"{key}[{index}]"
            try:
                record = model.model_validate(entry)
            except ValidationError as error:
                self.problems += entry_problems(error, file=file, key=where)
                continue
            issues = list(spec.check(record)) if spec is not None and spec.check is not None else []
            for name in spec.unique if spec is not None else ():
                # As in a table: a value of a unique column that repeats an earlier entry's.
                value = getattr(record, name)
                earlier = seen.setdefault(name, {})
                if value in earlier:
                    issues.append(((name,), f"与 {key}[{earlier[value]}] 重复"))
                else:
                    earlier[value] = index
            for loc, reason in issues:
                self.problems.append(
                    RowProblem(file=file, column=join_key(where, *loc), reason=reason)
                )
            if not issues:
                records.append(record)
        return tuple(records)

    def table(self, path: Path, model: type[Model]) -> tuple[Model, ...]:
        """The records of a spreadsheet, row by row."""
        from safetyrules.tables.reading import read_table

        result = read_table(path, model)
        self.problems += result.problems
        self.warnings += result.warnings
        self.tables.append(result.summary)
        return result.records

    def listed(self, folder: Path, stem: str, key: str, model: type[Model]) -> tuple[Model, ...]:
        """A list of records from whichever file the folder has for it."""
        path = _found(folder, stem)
        if path is None:
            return ()
        if path.suffix in TABLE_SUFFIXES:
            return self.table(path, model)
        return self.entries(_parsed(path), key, model)

    def enterprise(self, folder: Path) -> Enterprise:
        path = _found(folder, "enterprise")
        if path is None:
            raise InvalidInput(
                "folder",
                str(folder),
                "目录中没有 enterprise.toml 或 enterprise.json",
            )
        if path.suffix == ".csv":
            raise InvalidInput(
                path.name, "enterprise", "企业信息请用 enterprise.toml、.json 或 .xlsx"
            )
        if path.suffix == ".xlsx":
            from safetyrules.tables.reading import read_form
            from safetyrules.tables.specs import ENTERPRISE_FIELDS, ENTERPRISE_SHEET

            form = read_form(path, ENTERPRISE_FIELDS, sheet=ENTERPRISE_SHEET)
            record, problems = form.record(Enterprise)
            if record is None:
                raise RowErrors(problems)  # no enterprise, no audit: never kept going
            return record
        file, document = _parsed(path)
        return _validated(Enterprise, document, file)

    def responsibility(self, folder: Path, enterprise: Enterprise) -> ResponsibilitySystem | None:
        path = _found(folder, "responsibility")
        if path is None:
            return None
        if path.suffix == ".csv":
            raise InvalidInput(
                path.name,
                "responsibility",
                "责任制请用 responsibility.xlsx（岗位、责任制两个工作表）或 .toml",
            )
        if path.suffix == ".xlsx":
            return self._responsibility_workbook(path, enterprise)
        return _system(_parsed(path), enterprise)

    def _responsibility_workbook(
        self, path: Path, enterprise: Enterprise
    ) -> ResponsibilitySystem | None:
        from safetyrules.tables.reading import read_form, read_table
        from safetyrules.tables.specs import POST_TABLE, SYSTEM_FIELDS, SYSTEM_SHEET
        from safetyrules.tables.workbook import sheet_names

        posts = read_table(path, POST_TABLE)
        self.problems += posts.problems
        self.warnings += posts.warnings
        self.tables.append(posts.summary)
        settings: dict[str, object] = {}
        if SYSTEM_SHEET in sheet_names(path):
            form = read_form(path, SYSTEM_FIELDS, sheet=SYSTEM_SHEET)
            self.problems += form.problems
            self.tables.append(form.summary)
            settings = dict(form.values)
        if not posts.summary.read and not settings:
            return None  # the template as written: nothing filled in
        data = {**settings, "posts": list(posts.records), "enterprise": enterprise}
        try:
            return ResponsibilitySystem.model_validate(data)
        except ValidationError as error:
            from safetyrules.tables.reading import entry_problems

            raise RowErrors(entry_problems(error, file=path.name)) from error

    def finish(self, inputs: AuditInputs, keep_going: bool) -> AuditInputs:
        if self.problems and not keep_going:
            raise RowErrors(self.problems)
        return inputs.model_copy(
            update={
                "problems": tuple(self.problems),
                "warnings": tuple(self.warnings),
                "tables": tuple(self.tables),
            }
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


def load_inputs(folder: Path, *, keep_going: bool = False) -> AuditInputs:
    """Read an audit folder (读取审计资料目录): TOML, JSON or spreadsheets.

    Every entry and row is checked; by default any defect raises
    :class:`~safetyrules.tables.RowErrors` listing all of them, in all files. With
    ``keep_going=True`` the inputs hold the good rows and entries, and
    :attr:`AuditInputs.problems` the others (未读入的行).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     _ = Path(d, "enterprise.toml").write_text('name = "x"\\nuscc = ""',
    ...                                                encoding="utf-8")
    ...     load_inputs(Path(d))
    Traceback (most recent call last):
    ...
    safetyrules.tables.reading.RowErrors: 读取的资料中有 3 处错误：
    enterprise.toml: uscc：必填项为空
    enterprise.toml: industry：必填项为空
    enterprise.toml: jurisdiction：必填项为空

    A bad row is reported with its place; with ``keep_going`` the rest is read:

    >>> from safetyrules.tables.workbook import write_tables
    >>> from safetyrules.tables.specs import ACCIDENT_TABLE
    >>> with tempfile.TemporaryDirectory() as d:
    ...     folder = Path(d)
    ...     demo = read_packaged_text("demo/enterprise.toml")
    ...     _ = (folder / "enterprise.toml").write_text(demo, encoding="utf-8")
    ...     _ = (folder / "accidents.csv").write_text(
    ...         "发生日期,事故简况,死亡人数\\n2023-05-02,坍塌,1\\n2023-06-01,触电,-1\\n",
    ...         encoding="utf-8")
    ...     inputs = load_inputs(folder, keep_going=True)
    >>> len(inputs.accidents), [str(p) for p in inputs.problems]
    (1, ['accidents.csv 第 3 行 死亡人数（C3）：人数不能为负数（所填：-1）'])
    >>> inputs.tables[0].counts
    '读取 2 行：接受 1 行，拒绝 1 行，空行 0 行'
    """
    collected = _Collected()
    enterprise = collected.enterprise(folder)
    inputs = AuditInputs(
        enterprise=enterprise,
        accidents=collected.listed(folder, "accidents", "accident", AccidentRecord),
        risks=collected.listed(folder, "risks", "risk", RiskPoint),
        hazard_units=collected.listed(folder, "hazard_units", "unit", HazardUnit),
        self_assessment=_document(_read(folder, "self_assessment"), SelfAssessment),
        inspections=collected.listed(folder, "inspections", "inspection", InspectionRecord),
        custody=collected.entries(_read(folder, "custody"), "installation", CustodyAssignment),
        responsibility=collected.responsibility(folder, enterprise),
        hazard_ledger=_ledger(collected.listed(folder, "hazards", "hazard", LedgerEntry)),
    )
    return collected.finish(inputs, keep_going)


def _ledger(entries: tuple[LedgerEntry, ...]) -> HazardLedger | None:
    # Entries that passed their checks replay their loop; no entries, no ledger to report.
    return HazardLedger(records=tuple(e.record() for e in entries)) if entries else None


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
    collected = _Collected()
    inputs = AuditInputs(
        enterprise=enterprise,
        accidents=collected.entries(_packaged("demo/accidents.toml"), "accident", AccidentRecord),
        risks=collected.entries(_packaged("demo/risks.toml"), "risk", RiskPoint),
        hazard_units=collected.entries(_packaged("demo/hazard_units.toml"), "unit", HazardUnit),
        self_assessment=_document(_packaged("demo/self_assessment.toml"), SelfAssessment),
        inspections=collected.entries(
            _packaged("demo/inspections.toml"), "inspection", InspectionRecord
        ),
        custody=collected.entries(
            _packaged("demo/custody.toml"), "installation", CustodyAssignment
        ),
        responsibility=_system(_packaged("demo/responsibility.toml"), enterprise),
        hazard_ledger=_ledger(
            collected.entries(_packaged("demo/hazards.toml"), "hazard", LedgerEntry)
        ),
    )
    return collected.finish(inputs, keep_going=False)


def demo_enterprise() -> Enterprise:
    """The demo enterprise alone (示例企业).

    >>> demo_enterprise().jurisdiction
    '330402'
    """
    return demo_inputs().enterprise
