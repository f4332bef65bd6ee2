"""The 责任追究清单: for an accident or a violation, who answers and what follows.

The consequences are read from the penalty provisions of 《中华人民共和国安全生产法》 (see
:mod:`safetyrules.penalties`), in the version that applies under 从旧兼从轻 (《中华人民共和国
行政处罚法》第三十七条): the fines on the unit and on persons, 撤职, the five-year and lifetime
bans on the 主要负责人 (2021 第九十四条), the suspension or revocation of qualifications
(第九十六条) and closure (第一百一十三条第（三）项). For an accident:

- the unit that bears responsibility: 第一百一十四条 by grade (2014: 第一百零九条);
- a 主要负责人 who did not perform the statutory duties: 第九十五条 by grade, and 第九十四条第二款、
  第三款 (撤职, then five years; for 重大、特别重大 accidents a lifetime ban in the industry);
- 其他负责人和安全生产管理人员 who did not: 第九十六条;
- a unit lacking the statutory safety conditions whose accident is 重大 or 特别重大: closure
  under 第一百一十三条第（三）项 and the bans on its 主要负责人, the lifetime one 情节严重的
  (2021 only; the 2014 counterpart is not encoded);
- 情节特别严重、影响特别恶劣 (``especially_serious``): the two-to-five-fold fine of
  第一百一十四条第二款 (2014: 第一百零九条第（四）项's higher band, for 特别重大 accidents only).

Rows whose consequence depends on a further fact (受刑事处罚或者撤职处分, 情节严重) say so in
their 情形. Each row carries the confidence of its provision: the 2014 texts are partly unverified.
Fines are compared across versions under 从旧兼从轻; 撤职 and the bans (no fine in either version)
are listed under the version in force when the act occurred.

No official template fixes this list's columns; they are the library's choice: 责任事项、责任主体、
情形、追究方式、追究依据、决定机关.

>>> from datetime import date
>>> from safetyrules.accidents import AccidentGrade
>>> case = AccountabilityCase(occurred_on=date(2024, 5, 6), accident=AccidentGrade.LARGER,
...                           principal_at_fault=True)
>>> for row in accountability_list(case).rows:
...     print(row.subject, "|", row.consequence, "|", row.basis.provision)
生产经营单位 | 对生产经营单位处100万元以上200万元以下的罚款 | 第一百一十四条
主要负责人 | 对主要负责人处上一年年收入60%的罚款 | 第九十五条
主要负责人 | 撤职处分 | 第九十四条
主要负责人 | 自刑罚执行完毕或者受处分之日起，五年内不得担任任何生产经营单位的主要负责人 | 第九十四条
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from functools import partial

from pydantic import BaseModel, ConfigDict, Field, StrictBool, model_validator

from safetyrules.accidents import AccidentGrade
from safetyrules.accidents.record import AccidentFindings, AccidentRecord
from safetyrules.checks import day
from safetyrules.errors import InvalidInput, UnknownReference
from safetyrules.law.catalogue import instrument
from safetyrules.law.citation import Citation
from safetyrules.law.confidence import Confidence
from safetyrules.law.reason import Reason
from safetyrules.penalties.provisions import (
    LAWS,
    Fine,
    PenaltyProvision,
    Stage,
    Violation,
    law_on,
    violation,
    violation_provision,
)
from safetyrules.penalties.versions import lighter_version
from safetyrules.responsibility.rows import Column, Language, export

UNIT = "生产经营单位"
PRINCIPAL = "主要负责人"

_NAME = "{name}"
"""A 情形 label: the violation's own name (for stages named after their measure)."""

# (who must be at fault, violation id, ((stage, 情形 label or None for the stage's name), ...));
# "{grade}" in a stage is the accident's grade.
_ACCIDENT_STAGES: tuple[tuple[str, str, tuple[tuple[str, str | None], ...]], ...] = (
    ("unit", "accident-unit-responsible", (("{grade}", None),)),
    ("principal", "principal-duties-accident", (("{grade}", None),)),
    (
        "principal",
        "principal-duties-not-performed",
        (("导致发生生产安全事故", None), ("受刑事处罚或者撤职处分", None)),
    ),
    ("others", "other-managers-duties-not-performed", (("导致发生生产安全事故", None),)),
)
_MAJOR_ACCIDENT_STAGES: tuple[tuple[str, str, tuple[tuple[str, str | None], ...]], ...] = (
    (
        "principal",
        "principal-duties-not-performed",
        (("对重大、特别重大生产安全事故负有责任", None),),
    ),
    (
        "conditions",
        "unsafe-conditions-major-accident",
        (("提请地方人民政府予以关闭", _NAME), ("情节严重", _NAME + "，情节严重")),
    ),
)
_AGGRAVATED = "情节特别严重、影响特别恶劣"
"""第一百一十四条第二款 (2021)."""
_AGGRAVATED_2014 = "情节特别严重"
"""第一百零九条第（四）项 (2014): a band of its own, for 特别重大 accidents."""
CLOSURE_AUTHORITY = (
    "负有安全生产监督管理职责的部门报请县级以上人民政府按照国务院规定的权限决定（第一百一十五条）"
)


class AccountabilityCase(BaseModel):
    """The facts of a case to hold people to account for (责任追究事项).

    ``accident`` is the grade of an accident the unit is responsible for (``unit_responsible``);
    the flags say whose failures the investigation found. ``violations`` are ids of the penalty
    catalogue (:func:`safetyrules.penalties.violation`) found without an accident.

    >>> AccountabilityCase(occurred_on=date(2024, 5, 6), principal_at_fault=True)
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.ValidationError: 1 validation error for AccountabilityCase
    ...
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    occurred_on: date = Field(description="事故发生或违法行为发生（终了）日期")
    decided_on: date | None = Field(default=None, description="作出处理决定的日期")
    accident: AccidentGrade | None = Field(default=None, description="事故等级")
    unit_responsible: StrictBool = Field(default=True, description="事故发生单位负有责任")
    principal_at_fault: StrictBool = Field(
        default=False, description="主要负责人未履行安全生产管理职责"
    )
    others_at_fault: StrictBool = Field(
        default=False, description="其他负责人和安全生产管理人员未履行安全生产管理职责"
    )
    lacks_safety_conditions: StrictBool = Field(
        default=False, description="不具备安全生产条件（第一百一十三条第（三）项）"
    )
    especially_serious: StrictBool = Field(
        default=False, description="情节特别严重、影响特别恶劣（第一百一十四条第二款）"
    )
    violations: tuple[str, ...] = Field(default=(), description="未导致事故的违法行为 id")

    @classmethod
    def for_accident(cls, record: AccidentRecord) -> AccountabilityCase:
        """The case of a recorded accident, from its investigation findings (事故责任追究).

        Without findings, only the unit is taken to bear responsibility.

        >>> from safetyrules.accidents import AccidentFindings, AccidentRecord
        >>> record = AccidentRecord(occurred_on=date(2024, 7, 18), summary="液氨泄漏",
        ...     serious_injuries=3, findings=AccidentFindings(principal_at_fault=True))
        >>> case = AccountabilityCase.for_accident(record)
        >>> case.accident.value, case.principal_at_fault
        ('一般事故', True)
        """
        findings = record.findings or AccidentFindings()
        return cls(
            occurred_on=record.occurred_on,
            decided_on=findings.decided_on,
            accident=record.classify().grade,
            unit_responsible=findings.unit_responsible,
            principal_at_fault=findings.principal_at_fault,
            others_at_fault=findings.others_at_fault,
            lacks_safety_conditions=findings.lacks_safety_conditions,
            especially_serious=findings.especially_serious,
        )

    @model_validator(mode="after")
    def _consistent(self) -> AccountabilityCase:
        day("occurred_on", self.occurred_on)
        if self.decided_on is not None:
            day("decided_on", self.decided_on)
            if self.decided_on < self.occurred_on:
                raise ValueError("decided_on 不能早于 occurred_on")
        at_fault = (
            self.principal_at_fault
            or self.others_at_fault
            or self.lacks_safety_conditions
            or self.especially_serious
        )
        if self.accident is None and at_fault:
            raise ValueError("未给出事故等级（accident）时，不能认定事故责任")
        if self.accident is None and not self.violations:
            raise ValueError("须给出事故等级（accident）或违法行为（violations）")
        repeated = sorted({v for v in self.violations if self.violations.count(v) > 1})
        if repeated:
            raise ValueError(f"违法行为重复：{'、'.join(repeated)}")
        return self


class AccountabilityRow(BaseModel):
    """One row of the 责任追究清单: a consequence for one party, with its basis.

    >>> from safetyrules.accidents import AccidentGrade
    >>> case = AccountabilityCase(occurred_on=date(2024, 5, 6), accident=AccidentGrade.MAJOR,
    ...                           unit_responsible=False, others_at_fault=True)
    >>> [(r.subject, r.consequence) for r in accountability_list(case).rows]
    [('其他负责人和安全生产管理人员', '对其他负责人和安全生产管理人员处上一年年收入20%以上50%以下的罚款'),
     ('其他负责人和安全生产管理人员', '暂停或者吊销其与安全生产有关的资格')]
    """

    model_config = ConfigDict(frozen=True)

    matter: str = Field(description="责任事项")
    subject: str = Field(description="责任主体")
    circumstance: str = Field(description="情形")
    consequence: str = Field(description="追究方式")
    basis: Citation = Field(description="追究依据")
    authority: str | None = Field(description="决定机关（条文写明时）")
    confidence: Confidence = Field(description="所据条文的可信度")


ACCOUNTABILITY_COLUMNS = (
    Column("matter", "责任事项", "matter"),
    Column("subject", "责任主体", "subject"),
    Column("circumstance", "情形", "circumstance"),
    Column("consequence", "追究方式", "consequence"),
    Column("basis", "追究依据", "basis"),
    Column("authority", "决定机关", "authority"),
    Column("confidence", "可信度", "confidence"),
)
"""The 责任追究清单's columns, in order."""


class AccountabilityList(BaseModel):
    """The 责任追究清单 of a case, with the version of the law applied and why.

    >>> from safetyrules.accidents import AccidentGrade
    >>> case = AccountabilityCase(occurred_on=date(2021, 7, 2), decided_on=date(2022, 1, 19),
    ...                           accident=AccidentGrade.GENERAL)
    >>> rows = accountability_list(case).to_rows("en")
    >>> rows[0]["basis"], rows[0]["consequence"]
    ('《中华人民共和国安全生产法》（2014年修正）第一百零九条', '对生产经营单位处20万元以上50万元以下的罚款')
    """

    model_config = ConfigDict(frozen=True)

    rows: tuple[AccountabilityRow, ...]
    reasons: tuple[Reason, ...]

    def to_rows(self, language: Language = "zh") -> list[dict[str, object]]:
        """The rows keyed by column names, citations as text (导出为行)."""
        records = [
            {
                **dict(row),
                "basis": row.basis.text,
                "authority": row.authority or "",
                "confidence": row.confidence.label,
            }
            for row in self.rows
        ]
        return export(records, ACCOUNTABILITY_COLUMNS, language)


def accountability_list(case: AccountabilityCase) -> AccountabilityList:
    """Who answers for a case and what follows, each with its article (责任追究清单).

    For a violation found without an accident, every stage of its provision is listed: what
    follows when it is found, when it is not corrected in time, and so on.

    >>> case = AccountabilityCase(occurred_on=date(2024, 5, 6), violations=["warning-signs-missing"])
    >>> [(r.circumstance, r.subject) for r in accountability_list(case).rows][:3]
    [('责令限期改正', '生产经营单位'), ('责令限期改正', '生产经营单位'), ('逾期未改正', '生产经营单位')]
    """
    rows: list[AccountabilityRow] = []
    reasons: list[Reason] = []
    for found, stages, matter in _selections(case):
        law, reason = _version(case, found, stages)
        reasons.append(reason)
        if found.version(law) is None:
            reasons.append(
                Reason(
                    rule=f"responsibility.accountability.{found.id}",
                    message=f"{instrument(law).label}没有“{found.name}”的罚则，不列入清单",
                    citation=Citation(instrument=law),
                )
            )
            continue
        provision = violation_provision(found.id, law)
        place = found.version(law)
        assert place is not None
        for stage in _stages(provision, stages):
            label = None if stages is None else stages[stage.when]
            rows.extend(_rows(found, provision, place.citation, stage, matter, label))
    if case.accident is not None and not rows and not case.violations:
        reasons.append(
            Reason(
                rule="responsibility.accountability.no-fault",
                message="事故调查未认定事故发生单位或者有关人员负有责任，无应追究的事项",
                citation=Citation(instrument=law_on(case.occurred_on)),
            )
        )
    return AccountabilityList(rows=tuple(rows), reasons=tuple(reasons))


def _version(
    case: AccountabilityCase, found: Violation, stages: Mapping[str, str | None] | None
) -> tuple[str, Reason]:
    """The version that applies to one violation: 从旧兼从轻 on its fine; the version in force
    when the act occurred where no version fines it (撤职, bans)."""
    fines = {law: _first_fine(found, stages, law) for law in LAWS}
    kinds = {fine.kind for fine in fines.values() if fine is not None}
    if not kinds:
        law = law_on(case.occurred_on)
        return law, Reason(
            rule="responsibility.accountability.version",
            message=(
                f"违法行为发生时（{case.occurred_on}）施行{instrument(law).label}；"
                "撤职、任职限制等不是罚款的处理按该版本列示"
            ),
            citation=Citation(instrument=law),
        )
    percent = kinds == {"收入比例"}
    return lighter_version(
        case.occurred_on,
        case.decided_on,
        partial(_band, fines),
        describe=_percent_band if percent else None,
    )


def _selections(
    case: AccountabilityCase,
) -> Iterable[tuple[Violation, dict[str, str | None] | None, str]]:
    if case.accident is not None:
        grade = case.accident
        faults = {
            "unit": case.unit_responsible,
            "principal": case.principal_at_fault,
            "others": case.others_at_fault,
            "conditions": case.lacks_safety_conditions,
        }
        table = _ACCIDENT_STAGES
        if grade >= AccidentGrade.MAJOR:
            table = table + _MAJOR_ACCIDENT_STAGES
        for fault, violation_id, stages in table:
            if faults[fault]:
                found = violation(violation_id)
                named = {
                    stage.format(grade=grade.value): None
                    if label is None
                    else label.format(name=found.name)
                    for stage, label in stages
                }
                if violation_id == "accident-unit-responsible" and case.especially_serious:
                    named[_AGGRAVATED] = None
                    if grade is AccidentGrade.ESPECIALLY_MAJOR:
                        named[_AGGRAVATED_2014] = None
                yield found, named, grade.value
    for violation_id in case.violations:
        try:
            found = violation(violation_id)
        except UnknownReference as error:
            raise InvalidInput("violations", violation_id, str(error)) from None
        yield found, None, found.name


def _stages(provision: PenaltyProvision, names: Mapping[str, str | None] | None) -> list[Stage]:
    if names is None:
        return list(provision.stages)
    return [stage for stage in provision.stages if stage.when in names]


def _first_fine(found: Violation, names: Mapping[str, str | None] | None, law: str) -> Fine | None:
    # The case's fine under a version: the first fine of the first selected stage that fines
    # anyone in an amount or a share of income. A violation both versions punish is fined in
    # the same form in each, so the numbers compare.
    if found.version(law) is None:
        return None
    for stage in _stages(violation_provision(found.id, law), names):
        for fine in stage.fines:
            if fine.maximum is not None or fine.income_percent_max is not None:
                return fine
    return None


def _band(fines: dict[str, Fine | None], law: str) -> tuple[Decimal, Decimal]:
    # A version without the violation or without a fine is the lightest (不认为是违法的).
    fine = fines[law]
    if fine is None:
        return Decimal(0), Decimal(0)
    if fine.maximum is not None:
        return fine.minimum or Decimal(0), fine.maximum
    assert fine.income_percent_max is not None
    return fine.income_percent_min or Decimal(0), fine.income_percent_max


def _percent_band(band: tuple[Decimal | int, Decimal | int]) -> str:
    low, high = band
    if low == high == 0:
        return "不罚款"
    return f"上一年年收入{low}%至{high}%"


def _rows(
    found: Violation,
    provision: PenaltyProvision,
    basis: Citation,
    stage: Stage,
    matter: str,
    label: str | None,
) -> list[AccountabilityRow]:
    circumstance = label or stage.when
    rows = [
        AccountabilityRow(
            matter=matter,
            subject=fine.on,
            circumstance=circumstance,
            consequence=fine.text(),
            basis=basis,
            authority=_authority(provision, fine.text()),
            confidence=provision.confidence,
        )
        for fine in stage.fines
        # 第一百一十四条第二款 multiplies the fine of the accident's own grade only.
        if fine.multiple_of_stage in (None, matter)
    ]
    rows.extend(
        AccountabilityRow(
            matter=matter,
            subject=_measure_subject(measure, found.subject),
            circumstance=circumstance,
            consequence=measure,
            basis=basis,
            authority=_authority(provision, measure),
            confidence=provision.confidence,
        )
        for measure in stage.measures
    )
    return rows


def _measure_subject(measure: str, default: str) -> str:
    # The measures name their target when it differs from the violator ("责令生产经营单位停产停业
    # 整顿" under an article on the 主要负责人; "主要负责人五年内不得担任…" under one on the unit).
    if PRINCIPAL in measure:
        return PRINCIPAL
    if UNIT in measure:
        return UNIT
    return default


def _authority(provision: PenaltyProvision, consequence: str) -> str | None:
    # Only where the law names the deciding body: 第九十五条、第一百一十四条 "由应急管理部门……处以
    # 罚款"; closure under 第一百一十五条. Elsewhere 第一百一十五条's division of duties decides.
    if "关闭" in consequence and provision.law == "work-safety-law-2021":
        return CLOSURE_AUTHORITY
    if "罚款" not in consequence:
        return None
    for department in ("应急管理部门", "安全生产监督管理部门"):
        if f"由{department}" in provision.text:
            return department
    return None
