"""The 重大风险清单 and the 风险管控责任清单, built from a graded risk register.

《中华人民共和国安全生产法》（2021年修正）第四十一条第一款: "生产经营单位应当建立安全风险分级管控制度，
按照安全风险分级采取相应的管控措施。" Which organisational level controls each risk level, and
which 负责人 answers for it, comes from :mod:`safetyrules.risk.control`. A register row's
``unit`` and ``owner`` are read as the responsible unit and person at the risk's own control
level (管控层级), as registers record them in one row.

No official template fixes these lists' columns: the columns here follow the registers in
common use (管控措施 split five ways; 管控层级、责任单位、责任人) and are the library's choice.

>>> from safetyrules.risk import RiskPoint, grade_register
>>> register = grade_register([
...     RiskPoint(id="R1", name="动火作业", kind="作业活动", method="LS", factors={"L": 4, "S": 5},
...               unit="设备部", owner="总经理"),
...     RiskPoint(id="R2", name="叉车作业", kind="作业活动", method="LS", factors={"L": 3, "S": 3}),
... ])
>>> [row.point_id for row in major_risk_list(register).rows]
['R1']
>>> [p.message for p in control_responsibility_list(register).problems]
['风险点 R2（叉车作业，一般风险）未明确车间级管控的责任单位和责任人']
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from safetyrules.errors import UnknownReference
from safetyrules.law.citation import Citation
from safetyrules.responsibility.rows import Column, Language, export
from safetyrules.risk.control import ControlLevel, control_rule, controlled_at
from safetyrules.risk.direct import direct_condition
from safetyrules.risk.register import GradedRiskPoint, RegisterGrading

RISK_CONTROL = Citation.parse("《中华人民共和国安全生产法》（2021年修正）第四十一条第一款")
"""The duty to control risks by level (安全风险分级管控制度)."""


class ListProblem(BaseModel):
    """A defect of a list: the row it concerns, what is wrong, and the rule (清单问题).

    >>> ListProblem(row="R2", message="未明确责任人", citation=RISK_CONTROL).citation.text
    '《中华人民共和国安全生产法》（2021年修正）第四十一条第一款'
    """

    model_config = ConfigDict(frozen=True)

    row: str
    message: str
    citation: Citation


class MajorRiskRow(BaseModel):
    """One row of the 重大风险清单.

    ``basis`` says why the risk is 重大: its score, or the direct-judgement conditions that
    forced the level (直接判定).

    >>> from safetyrules.risk import RiskPoint, grade_register
    >>> register = grade_register([RiskPoint(id="R1", name="液氨储罐区", kind="设备设施",
    ...     method="LS", factors={"L": 1, "S": 2}, direct=["major-hazard-installation"])])
    >>> major_risk_list(register).rows[0].basis
    '直接判定：涉及重大危险源的'
    """

    model_config = ConfigDict(frozen=True)

    point_id: str
    name: str
    kind: str
    location: str | None
    hazards: tuple[str, ...]
    accident_types: tuple[str, ...]
    method: str
    score: str
    basis: str
    engineering: tuple[str, ...]
    management: tuple[str, ...]
    training: tuple[str, ...]
    protective: tuple[str, ...]
    emergency: tuple[str, ...]
    control_level: ControlLevel
    unit: str | None
    owner: str | None
    responsible: str


MAJOR_RISK_COLUMNS = (
    Column("point_id", "风险点编号", "point_id"),
    Column("name", "风险点名称", "name"),
    Column("kind", "类型", "kind"),
    Column("location", "区域/位置", "location"),
    Column("hazards", "危险源", "hazards"),
    Column("accident_types", "可能导致的事故类型", "accident_types"),
    Column("method", "评价方法", "method"),
    Column("score", "风险值", "score"),
    Column("basis", "判定依据", "basis"),
    Column("engineering", "工程技术措施", "engineering_measures"),
    Column("management", "管理措施", "management_measures"),
    Column("training", "培训教育措施", "training_measures"),
    Column("protective", "个体防护措施", "protective_measures"),
    Column("emergency", "应急处置措施", "emergency_measures"),
    Column("control_level", "管控层级", "control_level"),
    Column("unit", "责任单位", "responsible_unit"),
    Column("owner", "责任人", "responsible_person"),
    Column("responsible", "应由何人负责", "accountable_role"),
)
"""The 重大风险清单's columns, in order."""


class ControlRow(BaseModel):
    """One row of the 风险管控责任清单: a risk, who controls it and at which levels.

    >>> from safetyrules.risk import RiskPoint, grade_register
    >>> register = grade_register([RiskPoint(id="R3", name="污水池清淤", kind="作业活动",
    ...     method="LEC", factors={"L": 3, "E": 6, "C": 15}, unit="设备部", owner="设备部经理")])
    >>> row = control_responsibility_list(register).rows[0]
    >>> row.level, row.control_level.value, [c.value for c in row.controlled_at]
    ('较大风险', '部门级', ['部门级', '车间级', '班组级', '岗位级'])
    """

    model_config = ConfigDict(frozen=True)

    point_id: str
    name: str
    level: str
    colour: str
    control_level: ControlLevel
    controlled_at: tuple[ControlLevel, ...]
    responsible: str
    supervised_by: ControlLevel | None
    unit: str | None
    owner: str | None


CONTROL_COLUMNS = (
    Column("point_id", "风险点编号", "point_id"),
    Column("name", "风险点名称", "name"),
    Column("level", "风险等级", "risk_level"),
    Column("colour", "颜色", "colour"),
    Column("control_level", "管控层级", "control_level"),
    Column("controlled_at", "逐级管控层级", "controlled_at"),
    Column("responsible", "应由何人负责", "accountable_role"),
    Column("supervised_by", "监督层级", "supervised_by"),
    Column("unit", "责任单位", "responsible_unit"),
    Column("owner", "责任人", "responsible_person"),
)
"""The 风险管控责任清单's columns, in order."""


class MajorRiskList(BaseModel):
    """The 重大风险清单 of a register, with its defects.

    Every 重大 risk needs its controls and an owner; a row without either is reported.

    >>> from safetyrules.risk import RiskPoint, grade_register
    >>> register = grade_register([RiskPoint(id="R1", name="动火作业", kind="作业活动",
    ...     method="LS", factors={"L": 4, "S": 5})])
    >>> [p.message for p in major_risk_list(register).problems]
    ['重大风险 R1（动火作业）未明确责任单位和责任人', '重大风险 R1（动火作业）未填写管控措施']
    >>> major_risk_list(register).to_rows("en")[0]["accountable_role"]
    '主要负责人'
    """

    model_config = ConfigDict(frozen=True)

    rows: tuple[MajorRiskRow, ...]
    problems: tuple[ListProblem, ...]

    def to_rows(self, language: Language = "zh") -> list[dict[str, object]]:
        """The rows keyed by column names (导出为行)."""
        return export(_plain(self.rows), MAJOR_RISK_COLUMNS, language)


class ControlResponsibilityList(BaseModel):
    """The 风险管控责任清单 of a register: every risk, with its defects.

    >>> from safetyrules.risk import RiskPoint, grade_register
    >>> register = grade_register([RiskPoint(id="R5", name="配电室", kind="设备设施",
    ...     method="LS", factors={"L": 1, "S": 2}, unit="动力车间", owner="电工班长")])
    >>> control_responsibility_list(register).to_rows()[0]["管控层级"]
    '班组级'
    """

    model_config = ConfigDict(frozen=True)

    rows: tuple[ControlRow, ...]
    problems: tuple[ListProblem, ...]

    def to_rows(self, language: Language = "zh") -> list[dict[str, object]]:
        """The rows keyed by column names (导出为行)."""
        return export(_plain(self.rows), CONTROL_COLUMNS, language)


def major_risk_list(register: RegisterGrading) -> MajorRiskList:
    """The 重大风险清单: the register's 重大 risks, their controls and owners (重大风险清单).

    >>> from safetyrules.risk import RiskPoint, grade_register
    >>> major_risk_list(grade_register([])).rows
    ()
    """
    rows: list[MajorRiskRow] = []
    problems: list[ListProblem] = []
    for graded in register.major():
        point, assessment = graded.point, graded.assessment
        rule = control_rule(graded.level)
        rows.append(
            MajorRiskRow(
                point_id=point.id,
                name=point.name,
                kind=point.kind.value,
                location=point.location,
                hazards=point.hazards,
                accident_types=point.accident_types,
                method=assessment.method,
                score=f"{assessment.score}",
                basis=_basis(graded),
                engineering=point.measures.engineering,
                management=point.measures.management,
                training=point.measures.training,
                protective=point.measures.protective,
                emergency=point.measures.emergency,
                control_level=rule.control_level,
                unit=point.unit,
                owner=point.owner,
                responsible=rule.responsible,
            )
        )
        label = f"重大风险 {point.id}（{point.name}）"
        missing = _missing_owner(graded)
        if missing:
            problems.append(
                ListProblem(row=point.id, message=f"{label}未明确{missing}", citation=RISK_CONTROL)
            )
        if point.measures.empty:
            problems.append(
                ListProblem(row=point.id, message=f"{label}未填写管控措施", citation=RISK_CONTROL)
            )
    return MajorRiskList(rows=tuple(rows), problems=tuple(problems))


def control_responsibility_list(register: RegisterGrading) -> ControlResponsibilityList:
    """The 风险管控责任清单: every risk with its control level and owner (风险管控责任清单).

    A risk with no responsible unit or person at its own control level is reported.

    >>> from safetyrules.risk import grade_register
    >>> control_responsibility_list(grade_register([])).problems
    ()
    """
    rows: list[ControlRow] = []
    problems: list[ListProblem] = []
    for graded in register.rows:
        point = graded.point
        rule = control_rule(graded.level)
        rows.append(
            ControlRow(
                point_id=point.id,
                name=point.name,
                level=graded.level.value,
                colour=graded.assessment.colour.value,
                control_level=rule.control_level,
                controlled_at=controlled_at(graded.level),
                responsible=rule.responsible,
                supervised_by=rule.supervised_by,
                unit=point.unit,
                owner=point.owner,
            )
        )
        missing = _missing_owner(graded)
        if missing:
            problems.append(
                ListProblem(
                    row=point.id,
                    message=(
                        f"风险点 {point.id}（{point.name}，{graded.level.value}）"
                        f"未明确{rule.control_level.value}管控的{missing}"
                    ),
                    citation=RISK_CONTROL,
                )
            )
    return ControlResponsibilityList(rows=tuple(rows), problems=tuple(problems))


def _missing_owner(graded: GradedRiskPoint) -> str:
    missing = [
        name
        for name, value in (("责任单位", graded.point.unit), ("责任人", graded.point.owner))
        if not value
    ]
    return "和".join(missing)


def _basis(graded: GradedRiskPoint) -> str:
    assessment = graded.assessment
    if assessment.forced_by and assessment.scored_level is not assessment.level:
        texts = "；".join(_condition_text(c) for c in assessment.forced_by)
        return f"直接判定：{texts}"
    return f"{assessment.method} 评分 {assessment.score}（{assessment.scheme}）"


def _condition_text(condition_id: str) -> str:
    try:
        return direct_condition(condition_id).text
    except UnknownReference:
        # A condition registered for one jurisdiction only: its id still says what it is.
        return condition_id


def _plain(rows: tuple[BaseModel, ...]) -> list[dict[str, object]]:
    # Tuples become 、-joined text and enums their values, so a row is ready for a cell.
    return [{key: _cell(value) for key, value in dict(row).items()} for row in rows]


def _cell(value: object) -> object:
    if isinstance(value, tuple):
        return "、".join(str(_cell(v)) for v in value)
    if isinstance(value, ControlLevel):
        return value.value
    return value
