"""The audit report (审计报告) as data: what every output format renders.

:func:`audit` is pure: the same enterprise and date give the same report. Sections are added
by each rule module as it lands; each carries its reasons and citations.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from pydantic import BaseModel, ConfigDict

from safetyrules.accidents.grade import AccidentClassification
from safetyrules.accidents.record import AccidentRecord
from safetyrules.audit.credit_section import CreditItem, credit_items
from safetyrules.audit.inputs import AuditInputs
from safetyrules.audit.ledger_section import LedgerSection
from safetyrules.audit.responsibility_section import ResponsibilitySection
from safetyrules.checklists.checklist import load_checklist
from safetyrules.checklists.inspection import InspectionRecord, InspectionResult
from safetyrules.classification.enterprise_size import EnterpriseSize
from safetyrules.enterprise import Enterprise
from safetyrules.errors import NotInForce, SafetyRulesError
from safetyrules.law.catalogue import in_force
from safetyrules.law.confidence import Confidence
from safetyrules.law.instrument import Instrument, InstrumentKind
from safetyrules.law.jurisdiction import jurisdiction
from safetyrules.law.reason import Explanation
from safetyrules.penalties.accident_fines import FineRange
from safetyrules.penalties.discretion import Recommendation, recommend
from safetyrules.responsibility.rows import Column, export
from safetyrules.risk.major_hazard.assessment import MajorHazardAssessment
from safetyrules.risk.major_hazard.duties import MajorHazardDuties
from safetyrules.risk.major_hazard.unit import HazardUnit
from safetyrules.risk.register import RegisterGrading, grade_register
from safetyrules.scoring.grading import GradingResult, grade
from safetyrules.scoring.score import ScoringAssessment
from safetyrules.scoring.self_assessment import SelfAssessment
from safetyrules.tables.reading import RowProblem, TableSummary


class JurisdictionView(BaseModel):
    """One level of the enterprise's jurisdiction chain (属地层级).

    >>> from safetyrules.audit import audit, demo_inputs
    >>> report = audit(demo_inputs(), date(2026, 11, 29))
    >>> report.jurisdiction_chain[0].name, report.jurisdiction_chain[0].level
    ('南湖区', '县级')
    """

    model_config = ConfigDict(frozen=True)

    code: str
    name: str
    level: str


class InstrumentView(BaseModel):
    """An instrument in force on the audit date (审计日有效的法律文件).

    >>> from safetyrules.audit import audit, demo_inputs
    >>> report = audit(demo_inputs(), date(2026, 11, 29))
    >>> any(i.id == "work-safety-law-2021" and i.kind == "法律" for i in report.instruments)
    True
    """

    model_config = ConfigDict(frozen=True)

    id: str
    label: str
    kind: str
    issuer: str
    period: str
    jurisdiction: str
    confidence: Confidence

    @classmethod
    def of(cls, item: Instrument) -> InstrumentView:
        """The view of a catalogue entry."""
        return cls(
            id=item.id,
            label=item.label,
            kind=item.kind.value,
            issuer=item.issuer,
            period=item.period,
            jurisdiction=jurisdiction(item.jurisdiction).name,
            confidence=item.confidence,
        )


class SizeSection(BaseModel):
    """The enterprise's size (企业规模), as given or as classified, with the reasons.

    >>> from safetyrules.audit import audit, demo_inputs
    >>> report = audit(demo_inputs(), date(2026, 11, 29))
    >>> report.size.size.value, report.size.given
    ('小型', False)
    """

    model_config = ConfigDict(frozen=True)

    size: EnterpriseSize | None
    given: bool
    explanation: Explanation = Explanation()
    problem: str | None = None


class GradedAccident(BaseModel):
    """An accident of the enterprise's history with its grade (事故及其等级).

    >>> from safetyrules.audit import audit, demo_inputs
    >>> report = audit(demo_inputs(), date(2026, 11, 29))
    >>> [a.classification.grade.value for a in report.accidents]
    ['一般事故', '一般事故']
    """

    model_config = ConfigDict(frozen=True)

    record: AccidentRecord
    classification: AccidentClassification


class AssessedUnit(BaseModel):
    """A unit identified and graded under GB 18218-2018, with its duties (重大危险源辨识结果).

    ``problem`` says why a unit could not be assessed on the audit date (e.g. a date before
    GB 18218-2018 took effect); the rest of the report still stands.

    >>> from safetyrules.audit import audit, demo_inputs
    >>> report = audit(demo_inputs(), date(2026, 11, 29))
    >>> [(u.unit.name, u.assessment.grade_label) for u in report.hazard_units][:1]
    [('氨制冷系统（含储氨器）', '四级')]
    """

    model_config = ConfigDict(frozen=True)

    unit: HazardUnit
    assessment: MajorHazardAssessment | None
    duties: MajorHazardDuties | None
    problem: str | None = None

    @classmethod
    def of(cls, unit: HazardUnit, as_of: date) -> AssessedUnit:
        """Assess one unit, keeping a rule that does not apply on the date as a problem."""
        try:
            assessment = unit.assess(as_of)
            return cls(unit=unit, assessment=assessment, duties=unit.duties(as_of, assessment))
        except SafetyRulesError as error:
            return cls(unit=unit, assessment=None, duties=None, problem=str(error))


class StandardizationSection(BaseModel):
    """The latest standardization self-assessment, scored, and its application graded
    (安全生产标准化自评与定级).

    >>> from safetyrules.audit import audit, demo_inputs
    >>> report = audit(demo_inputs(), date(2026, 11, 29))
    >>> report.standardization.standard, report.standardization.assessment.score
    ('general-gbt-33000-2016', Decimal('92.7'))
    """

    model_config = ConfigDict(frozen=True)

    standard: str
    standard_name: str
    assessed_on: date
    assessment: ScoringAssessment | None = None
    grading: GradingResult | None = None
    problem: str | None = None

    @classmethod
    def of(
        cls, record: SelfAssessment, accidents: tuple[AccidentRecord, ...]
    ) -> StandardizationSection:
        """Score the self-assessment and grade its application; a rule that does not apply on
        the dates is kept as a problem, not raised."""
        try:
            standard = record.scoring_standard()
        except SafetyRulesError as error:
            return cls(
                standard=record.standard,
                standard_name=record.standard,
                assessed_on=record.assessed_on,
                problem=str(error),
            )
        base = cls(
            standard=standard.id, standard_name=standard.name, assessed_on=record.assessed_on
        )
        try:
            assessment = record.score()
        except SafetyRulesError as error:
            return base.model_copy(update={"problem": str(error)})
        application = record.application
        if application is None:
            return base.model_copy(update={"assessment": assessment})
        facts = application.record
        if facts.accidents is None:
            facts = facts.model_copy(update={"accidents": accidents})
        try:
            grading = grade(
                assessment,
                facts,
                application.applied_level,
                application.applied_on,
                announced_on=application.announced_on,
            )
        except SafetyRulesError as error:
            return base.model_copy(update={"assessment": assessment, "problem": str(error)})
        return base.model_copy(update={"assessment": assessment, "grading": grading})


class FindingPenalty(BaseModel):
    """The fine a finding faces (罚款裁量建议): the statutory band and the recommended range
    without any circumstance known, at the first stage, under the law in force when found.

    >>> from safetyrules.audit import audit, demo_inputs
    >>> report = audit(demo_inputs(), date(2026, 11, 29))
    >>> p = report.inspections[0].penalties[0]
    >>> p.violation, p.recommendation.tier.value
    ('major-accident-hazard-not-eliminated', '一般')
    """

    model_config = ConfigDict(frozen=True)

    source: str
    violation: str
    recommendation: Recommendation | None = None
    problem: str | None = None

    @property
    def statutory(self) -> FineRange | None:
        """The statutory band (法定罚款幅度)."""
        return self.recommendation.statutory if self.recommendation else None

    @classmethod
    def of(
        cls, source: str, violation_id: str, found_on: date, jurisdiction_code: str
    ) -> FindingPenalty:
        """Recommend the unit's fine for one finding."""
        try:
            found = recommend(
                violation_id,
                occurred_on=found_on,
                decided_on=found_on,
                jurisdiction=jurisdiction_code,
            )
        except SafetyRulesError as error:
            return cls(source=source, violation=violation_id, problem=str(error))
        return cls(source=source, violation=violation_id, recommendation=found)


class InspectionSection(BaseModel):
    """An inspection of the enterprise and its three outputs (三标融合检查).

    ``problem`` says why a recorded inspection could not be run (e.g. an unknown item).

    >>> from safetyrules.audit import audit, demo_inputs
    >>> report = audit(demo_inputs(), date(2026, 11, 29))
    >>> section = report.inspections[0]
    >>> section.checklist, len(section.penalties), section.problem
    ('dust-explosion', 4, None)
    """

    model_config = ConfigDict(frozen=True)

    checklist: str
    checklist_name: str
    inspected_on: date
    result: InspectionResult | None = None
    penalties: tuple[FindingPenalty, ...] = ()
    problem: str | None = None

    @classmethod
    def of(cls, record: InspectionRecord, enterprise: Enterprise) -> InspectionSection:
        """Run a recorded inspection, keeping an error as a problem."""
        try:
            name = load_checklist(record.checklist).name
        except SafetyRulesError as error:
            return cls(
                checklist=record.checklist,
                checklist_name=record.checklist,
                inspected_on=record.inspected_on,
                problem=str(error),
            )
        base = cls(
            checklist=record.checklist, checklist_name=name, inspected_on=record.inspected_on
        )
        try:
            result = record.run(enterprise)
        except SafetyRulesError as error:
            return base.model_copy(update={"problem": str(error)})
        penalties = tuple(
            FindingPenalty.of(f.source, f.violation, record.inspected_on, enterprise.jurisdiction)
            for f in result.findings
        )
        return base.model_copy(update={"result": result, "penalties": penalties})


INPUT_PROBLEM_COLUMNS = (
    Column("kind", "类别", "kind"),
    Column("file", "文件", "file"),
    Column("sheet", "工作表", "sheet"),
    Column("row", "行", "row"),
    Column("column", "列", "column"),
    Column("cell", "单元格", "cell"),
    Column("value", "所填", "value"),
    Column("reason", "原因", "reason"),
)
"""The columns of the audit folder's unreadable rows (资料读取问题), in every output format."""


REJECTED_ROW = "未读入的行"
"""The kind of an input problem that kept its row out of the audit (未读入的行)."""
UNREAD_COLUMN = "未识别的列"
"""The kind of an input warning: a column no table knows, left unread (未识别的列)."""


def problem_records(
    problems: Iterable[RowProblem], warnings: Iterable[RowProblem] = ()
) -> list[dict[str, object]]:
    """Problems and warnings of reading as records keyed by the keys of
    :data:`INPUT_PROBLEM_COLUMNS` (资料读取问题), problems first.

    >>> problem = RowProblem(file="risks.csv", row=3, column="L", cell="C3", reason="应为数值")
    >>> [(r["kind"], r["cell"], r["sheet"]) for r in problem_records([problem])]
    [('未读入的行', 'C3', '')]
    """
    return [
        {**p.model_dump(), "kind": kind, "sheet": p.sheet or "", "row": p.row or ""}
        for kind, found in ((REJECTED_ROW, problems), (UNREAD_COLUMN, warnings))
        for p in found
    ]


class AuditReport(BaseModel):
    """A compliance audit of one enterprise on one date (安全生产合规审计报告).

    >>> from safetyrules.audit import audit, demo_inputs
    >>> r = audit(demo_inputs(), date(2026, 11, 29))
    >>> r.as_of, r.enterprise.name
    (datetime.date(2026, 11, 29), '嘉兴南湖示范食品有限公司')
    """

    model_config = ConfigDict(frozen=True)

    as_of: date
    enterprise: Enterprise
    jurisdiction_chain: tuple[JurisdictionView, ...]
    size: SizeSection
    instruments: tuple[InstrumentView, ...]
    accidents: tuple[GradedAccident, ...] = ()
    risks: RegisterGrading | None = None
    risks_problem: str | None = None
    hazard_units: tuple[AssessedUnit, ...] = ()
    standardization: StandardizationSection | None = None
    inspections: tuple[InspectionSection, ...] = ()
    hazard_ledger: LedgerSection | None = None
    """The enterprise's 隐患排查治理台账 on the audit date, when the folder has one."""
    responsibility: ResponsibilitySection | None = None
    credit: tuple[CreditItem, ...] = ()
    input_problems: tuple[RowProblem, ...] = ()
    """Rows of the audit folder that could not be read (资料读取问题), when read keeping going."""
    input_warnings: tuple[RowProblem, ...] = ()
    """What reading left aside while keeping every row (读取提示): columns a table does not
    know (未识别的列)."""
    input_tables: tuple[TableSummary, ...] = ()
    """How many rows each table of the folder had, and how many were accepted."""

    @property
    def has_input_section(self) -> bool:
        """Whether the audit read tables, or left something of the folder aside (资料读取情况)."""
        return bool(self.input_problems or self.input_warnings or self.input_tables)

    def input_lines(self) -> list[str]:
        """One line per table of the audit folder: its file, sheet and counts (资料读取情况).

        >>> from safetyrules.audit import audit, demo_inputs
        >>> audit(demo_inputs(), date(2026, 11, 29)).input_lines()
        []
        """
        return [
            f"{t.file}{'（' + t.sheet + '）' if t.sheet else ''}：{t.counts}"
            for t in self.input_tables
        ]

    def input_problem_rows(self) -> list[dict[str, object]]:
        """The unreadable rows, then the columns left unread, keyed by the Chinese names of
        :data:`INPUT_PROBLEM_COLUMNS` (资料读取问题).

        >>> from safetyrules.audit import audit, demo_inputs
        >>> audit(demo_inputs(), date(2026, 11, 29)).input_problem_rows()
        []
        """
        return export(
            problem_records(self.input_problems, self.input_warnings), INPUT_PROBLEM_COLUMNS
        )

    def input_summary(self) -> str:
        """What the 资料读取问题 table holds, in a sentence (读取问题说明).

        >>> from safetyrules.audit import audit, demo_inputs
        >>> audit(demo_inputs(), date(2026, 11, 29)).input_summary()
        ''
        """
        parts = []
        if self.input_problems:
            parts.append(f"{len(self.input_problems)} 处未能读取，相应的行未纳入审计")
        if self.input_warnings:
            parts.append(f"{len(self.input_warnings)} 列未识别，其内容未读入")
        return f"以下 {'；'.join(parts)}：" if parts else ""

    @property
    def unverified(self) -> list[InstrumentView]:
        """Instruments in the report whose catalogue entry is not fully verified."""
        return [i for i in self.instruments if i.confidence is Confidence.UNVERIFIED]


def _size_section(enterprise: Enterprise, as_of: date) -> SizeSection:
    if enterprise.size is not None:
        return SizeSection(size=enterprise.size, given=True)
    try:
        result = enterprise.size_on(as_of)
    except SafetyRulesError as error:
        return SizeSection(size=None, given=False, problem=str(error))
    assert not isinstance(result, EnterpriseSize)
    return SizeSection(size=result.size, given=False, explanation=result.explanation)


# Instruments are listed by rank (法律, 行政法规, 部门规章 …), then by date.
_KIND_ORDER = list(InstrumentKind)


def audit(inputs: AuditInputs | Enterprise, as_of: date) -> AuditReport:
    """Audit an enterprise as of a date (合规审计).

    Accidents after ``as_of`` are left out: the report speaks of that date.

    >>> from safetyrules.audit import demo_inputs
    >>> report = audit(demo_inputs(), date(2026, 11, 29))
    >>> any(i.id == "work-safety-law-2021" for i in report.instruments)
    True
    """
    if isinstance(inputs, Enterprise):
        inputs = AuditInputs(enterprise=inputs)
    enterprise = inputs.enterprise
    chain = jurisdiction(enterprise.jurisdiction).chain()
    instruments = sorted(
        in_force(as_of, [level.code for level in chain]),
        key=lambda i: (_KIND_ORDER.index(i.kind), i.effective_from, i.id),
    )
    risks, risks_problem = _risks(inputs, as_of)
    accidents = tuple(
        GradedAccident(record=record, classification=record.classify())
        for record in sorted(inputs.accidents, key=lambda r: r.occurred_on)
        if record.occurred_on <= as_of
    )
    hazard_units = tuple(AssessedUnit.of(unit, as_of) for unit in inputs.hazard_units)
    return AuditReport(
        as_of=as_of,
        enterprise=enterprise,
        jurisdiction_chain=tuple(
            JurisdictionView(code=j.code, name=j.name, level=j.level.label) for j in chain
        ),
        size=_size_section(enterprise, as_of),
        instruments=tuple(InstrumentView.of(i) for i in instruments),
        accidents=accidents,
        risks=risks,
        risks_problem=risks_problem,
        hazard_units=hazard_units,
        inspections=tuple(
            InspectionSection.of(record, enterprise)
            for record in sorted(inputs.inspections, key=lambda r: r.inspected_on)
            if record.inspected_on <= as_of
        ),
        standardization=(
            StandardizationSection.of(inputs.self_assessment, inputs.accidents)
            if inputs.self_assessment is not None and inputs.self_assessment.assessed_on <= as_of
            else None
        ),
        hazard_ledger=None
        if inputs.hazard_ledger is None
        else LedgerSection.of(inputs.hazard_ledger, as_of),
        credit=credit_items(enterprise, [a.record for a in accidents], as_of),
        input_problems=inputs.problems,
        input_warnings=inputs.warnings,
        input_tables=inputs.tables,
        responsibility=ResponsibilitySection.of(
            inputs.responsibility,
            risks,
            [(u.unit.name, u.assessment) for u in hazard_units if u.assessment is not None],
            inputs.custody,
            [a.record for a in accidents],
            as_of,
        ),
    )


def _risks(inputs: AuditInputs, as_of: date) -> tuple[RegisterGrading | None, str | None]:
    if not inputs.risks:
        return None, None
    try:
        return (
            grade_register(inputs.risks, jurisdiction=inputs.enterprise.jurisdiction, as_of=as_of),
            None,
        )
    except NotInForce as error:
        return None, str(error)
