"""The risk register (安全风险辨识评估清单 / 风险点台账) and grading it as a whole.

A risk point (风险点) is a piece of equipment or a facility, or a work activity, with its hazard
factors, the accident types it may cause (GB 6441), the method and factor values it was assessed
with, and the five kinds of control measures. :func:`grade_register` grades every point and
returns the per-level counts, the LS heat map and the rows of a 风险管控责任清单.

>>> point = RiskPoint(id="R1", name="液氨制冷机房", kind="设备设施", method="LS",
...                   factors={"L": 3, "S": 5}, accident_types=["中毒和窒息"])
>>> graded = grade_register([point])
>>> graded.counts[RiskLevel.LARGE], graded.rows[0].control_levels[0].value
(1, '部门级')
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from safetyrules.accidents.category import (
    AccidentCategory,
    CategoryEdition,
    accident_category,
    categories_on,
    map_to_2025,
)
from safetyrules.errors import InvalidInput, SafetyRulesError, UnknownReference
from safetyrules.law.jurisdiction import NATION_CODE
from safetyrules.risk.assessment import RiskAssessment, assess
from safetyrules.risk.control import ControlLevel, controlled_at
from safetyrules.risk.level import RiskLevel
from safetyrules.risk.methods import MethodName
from safetyrules.risk.schemes import default_scheme, scheme


class RiskPointKind(StrEnum):
    """What a risk point is (风险点类型).

    >>> RiskPointKind("作业活动")
    <RiskPointKind.ACTIVITY: '作业活动'>
    """

    EQUIPMENT = "设备设施"
    ACTIVITY = "作业活动"


class ControlMeasures(BaseModel):
    """The five kinds of control measures (管控措施), as registers split them.

    >>> m = ControlMeasures(engineering=("氨气泄漏报警装置",), protective=("正压式空气呼吸器",))
    >>> m.engineering, m.management
    (('氨气泄漏报警装置',), ())
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    engineering: tuple[str, ...] = Field(default=(), description="工程技术措施")
    management: tuple[str, ...] = Field(default=(), description="管理措施")
    training: tuple[str, ...] = Field(default=(), description="培训教育措施")
    protective: tuple[str, ...] = Field(default=(), description="个体防护措施")
    emergency: tuple[str, ...] = Field(default=(), description="应急处置措施")

    @property
    def empty(self) -> bool:
        """Whether no measure of any kind is recorded (未填写管控措施).

        >>> ControlMeasures().empty, ControlMeasures(management=("动火作业审批",)).empty
        (True, False)
        """
        return not any(
            (self.engineering, self.management, self.training, self.protective, self.emergency)
        )


class RiskPoint(BaseModel):
    """One entry of a risk register (风险点).

    ``accident_types`` are GB 6441 categories: GB 6441-1986 codes or names, or GB 6441-2025
    type names. ``factors`` are the method's factor values; ``direct`` the ids of the
    direct-judgement conditions that hold.

    >>> p = RiskPoint(id="R1", name="液氨制冷机房", kind="设备设施", method="LS",
    ...               factors={"L": 3, "S": 5})
    >>> p.kind, p.measures.empty
    (<RiskPointKind.EQUIPMENT: '设备设施'>, True)
    >>> RiskPoint(id="R2", name="叉车", kind="作业活动", method="LS", factors={"L": 0.5, "S": 5})
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.ValidationError: 1 validation error for RiskPoint
    ...
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(min_length=1, description="风险点编号")
    name: str = Field(min_length=1, description="风险点名称")
    kind: RiskPointKind = Field(description="类型：设备设施 / 作业活动")
    location: str | None = Field(default=None, description="区域/位置")
    hazards: tuple[str, ...] = Field(default=(), description="危险源或危险有害因素")
    accident_types: tuple[str, ...] = Field(default=(), description="可能导致的事故类型（GB 6441）")
    method: MethodName = Field(description="评价方法")
    factors: dict[str, Decimal | int | str] = Field(description="因素取值，如 {L = 3, S = 4}")
    scheme: str | None = Field(default=None, description="分级方案（默认按方法和属地）")
    direct: tuple[str, ...] = Field(default=(), description="具备的直接判定情形")
    measures: ControlMeasures = Field(default=ControlMeasures(), description="管控措施")
    unit: str | None = Field(default=None, description="责任单位（部门）")
    owner: str | None = Field(default=None, description="责任人")

    @field_validator("factors", mode="before")
    @classmethod
    def _no_floats(cls, value: object) -> object:
        # A float factor would be read as written by the method; refusing it here keeps the
        # register exact when it is saved and read back.
        if isinstance(value, dict):
            for symbol, number in value.items():
                if isinstance(number, bool):
                    raise ValueError(f"因素 {symbol} 的取值不能是布尔值")
                if isinstance(number, float):
                    raise ValueError(f'因素 {symbol} 的取值请写成字符串或整数（如 "0.5"）')
        return value

    @model_validator(mode="after")
    def _known_accident_types(self) -> Self:
        for text in self.accident_types:
            try:
                _category(text)
            except SafetyRulesError as error:
                raise ValueError(f"accident_types: {error}") from error
        return self

    def categories(self, on: date | None = None) -> tuple[AccidentCategory, ...]:
        """The accident types as GB 6441 categories (事故类型).

        Without a date, each in whichever edition names it (1986 codes and names first). With a
        date, in the edition in force then: a 1986 category with one 2025 counterpart is
        converted; one with several stays as it is, since the choice needs facts the register
        does not hold.

        >>> p = RiskPoint(id="R", name="叉车", kind="作业活动", method="LS",
        ...               factors={"L": 2, "S": 4}, accident_types=["03", "02"])
        >>> [c.name for c in p.categories(date(2026, 7, 1))]
        ['机械致害', '车辆伤害']
        """
        found = tuple(_category(text) for text in self.accident_types)
        if on is None or categories_on(on) is not CategoryEdition.GB_6441_2025:
            return found
        converted = []
        for category in found:
            if (
                category.edition is CategoryEdition.GB_6441_1986
                and map_to_2025(category).one_to_one
            ):
                category = map_to_2025(category).candidates[0]
            converted.append(category)
        return tuple(converted)


class GradedRiskPoint(BaseModel):
    """A risk point with its assessment and the levels that control it (风险分级管控清单行).

    >>> row = grade_register([RiskPoint(id="R1", name="动火作业", kind="作业活动", method="LS",
    ...                                  factors={"L": 4, "S": 5})]).rows[0]
    >>> row.point.id, row.assessment.score, row.control_levels[0].value
    ('R1', Decimal('20'), '公司级')
    """

    model_config = ConfigDict(frozen=True)

    point: RiskPoint
    assessment: RiskAssessment
    control_levels: tuple[ControlLevel, ...]

    @property
    def level(self) -> RiskLevel:
        """The final risk level (最终风险等级, after direct judgement).

        >>> point = RiskPoint(id="R1", name="液氨储罐区", kind="设备设施", method="LS",
        ...                   factors={"L": 1, "S": 1}, direct=["major-hazard-installation"])
        >>> grade_register([point]).rows[0].level.value
        '重大风险'
        """
        return self.assessment.level


class HeatMap(BaseModel):
    """The 5×5 LS risk matrix of a register (风险矩阵热力图).

    ``counts[l - 1][s - 1]`` is the number of LS-assessed points with likelihood ``l`` and
    severity ``s``; ``levels`` the level each cell has under ``scheme``.

    >>> point = RiskPoint(id="R1", name="液氨制冷机房", kind="设备设施", method="LS",
    ...                   factors={"L": 3, "S": 5})
    >>> heat = grade_register([point]).heat_maps[0]
    >>> heat.scheme, heat.counts[2][4], heat.levels[2][4].value, heat.levels[0][0].value
    ('ls-db37', 1, '较大风险', '低风险')
    """

    model_config = ConfigDict(frozen=True)

    scheme: str
    counts: tuple[tuple[int, ...], ...]
    levels: tuple[tuple[RiskLevel, ...], ...]


class RegisterGrading(BaseModel):
    """A graded risk register (风险分级结果): rows, counts per level and the LS heat maps.

    ``heat_maps`` has one matrix per LS scheme the points were graded with (the jurisdiction's
    default LS scheme when no point used LS), so a cell's colour always matches its rows.

    >>> r = grade_register([RiskPoint(id="A", name="叉车作业", kind="作业活动", method="LEC",
    ...                                factors={"L": 3, "E": 6, "C": 7})])
    >>> [level.value for level, n in r.counts.items() if n], [m.scheme for m in r.heat_maps]
    (['一般风险'], ['ls-db37'])
    """

    model_config = ConfigDict(frozen=True)

    rows: tuple[GradedRiskPoint, ...]
    counts: dict[RiskLevel, int]
    heat_maps: tuple[HeatMap, ...]

    def major(self) -> tuple[GradedRiskPoint, ...]:
        """The 重大风险 rows (重大风险清单).

        >>> r = grade_register([
        ...     RiskPoint(id="R1", name="液氨制冷机房", kind="设备设施", method="LS",
        ...               factors={"L": 3, "S": 5}),
        ...     RiskPoint(id="R2", name="动火作业", kind="作业活动", method="LS",
        ...               factors={"L": 4, "S": 5}),
        ... ])
        >>> [row.point.id for row in r.major()]
        ['R2']
        """
        return tuple(r for r in self.rows if r.level is RiskLevel.MAJOR)


def grade_register(
    points: Iterable[RiskPoint],
    *,
    jurisdiction: str = NATION_CODE,
    as_of: date | None = None,
) -> RegisterGrading:
    """Grade every risk point of a register (风险分级).

    Rows come back from the highest level down, in register order within a level. A point
    whose factors break its method's table is an error naming the point.

    >>> r = grade_register([RiskPoint(id="A", name="叉车作业", kind="作业活动", method="LEC",
    ...                                factors={"L": 3, "E": 6, "C": 7})])
    >>> r.rows[0].assessment.score, r.counts[RiskLevel.GENERAL]
    (Decimal('126'), 1)
    """
    graded = []
    for point in points:
        try:
            assessment = assess(
                point.method,
                point.factors,
                scheme=point.scheme,
                direct=point.direct,
                jurisdiction=jurisdiction,
                as_of=as_of,
            )
        except InvalidInput as error:
            raise InvalidInput(
                f"risk[{point.id}].{error.field}", error.value, error.message
            ) from error
        except UnknownReference as error:
            raise InvalidInput(f"risk[{point.id}]", error.value, str(error)) from error
        graded.append(
            GradedRiskPoint(
                point=point, assessment=assessment, control_levels=controlled_at(assessment.level)
            )
        )
    graded.sort(key=lambda row: -row.level.rank)
    counts = Counter(row.level for row in graded)
    return RegisterGrading(
        rows=tuple(graded),
        counts={level: counts.get(level, 0) for level in sorted(RiskLevel, reverse=True)},
        heat_maps=_heat_maps(graded, jurisdiction, as_of),
    )


def _heat_maps(
    rows: list[GradedRiskPoint], jurisdiction: str, as_of: date | None
) -> tuple[HeatMap, ...]:
    ls_rows = [row for row in rows if row.assessment.method is MethodName.LS]
    used = list(dict.fromkeys(row.assessment.scheme for row in ls_rows))
    if not used:
        used = [default_scheme(MethodName.LS, jurisdiction_code=jurisdiction, on=as_of).id]
    maps = []
    for scheme_id in used:
        chosen = scheme(scheme_id)
        counts = [[0] * 5 for _ in range(5)]
        for row in ls_rows:
            if row.assessment.scheme == scheme_id:
                l, s = (int(row.assessment.factors[k]) for k in ("L", "S"))  # noqa: E741
                counts[l - 1][s - 1] += 1
        levels = tuple(
            tuple(chosen.band_for(l * s).level for s in range(1, 6))
            for l in range(1, 6)  # noqa: E741
        )
        maps.append(HeatMap(scheme=chosen.id, counts=tuple(map(tuple, counts)), levels=levels))
    return tuple(maps)


def _category(text: str) -> AccidentCategory:
    # Registers still use the 1986 codes; newer ones the 2025 names. Accept either.
    try:
        return accident_category(text, CategoryEdition.GB_6441_1986)
    except SafetyRulesError:
        return accident_category(text, CategoryEdition.GB_6441_2025)
