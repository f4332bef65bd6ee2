"""The audit's responsibility section (安全生产责任): the enterprise's 全员安全生产责任制 checked,
the three lists and the 包保责任 of its major hazard installations, built from the other
sections' results."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from pydantic import BaseModel, ConfigDict

from safetyrules.accidents.record import AccidentRecord
from safetyrules.errors import SafetyRulesError
from safetyrules.responsibility.accountability import (
    AccountabilityCase,
    AccountabilityList,
    accountability_list,
)
from safetyrules.responsibility.custody import CustodyAssignment, CustodyList, custody_list
from safetyrules.responsibility.risk_lists import (
    ControlResponsibilityList,
    MajorRiskList,
    control_responsibility_list,
    major_risk_list,
)
from safetyrules.responsibility.system import ResponsibilitySystem, SystemCheck, check_system
from safetyrules.risk.major_hazard.assessment import MajorHazardAssessment
from safetyrules.risk.register import RegisterGrading


class AccidentAccountability(BaseModel):
    """The 责任追究清单 of one recorded accident (事故责任追究).

    ``assumed`` is True when no investigation findings were recorded: the list then shows only
    what follows for the unit, as if it bore responsibility.

    >>> from safetyrules.audit import audit, demo_inputs
    >>> first, second = audit(demo_inputs(), date(2026, 11, 29)).responsibility.accountability
    >>> first.assumed, second.assumed, len(second.result.rows)
    (True, False, 4)
    """

    model_config = ConfigDict(frozen=True)

    occurred_on: date
    summary: str
    assumed: bool
    result: AccountabilityList | None = None
    problem: str | None = None


class ResponsibilitySection(BaseModel):
    """The lists an audit derives from the register, the installations and the accidents
    (三清单与包保责任), and the enterprise's 全员安全生产责任制 checked.

    >>> from safetyrules.audit import audit, demo_inputs
    >>> section = audit(demo_inputs(), date(2026, 11, 29)).responsibility
    >>> [f.duty_id for f in section.system.findings], len(section.control.rows)
    (['safety-management.drills'], 8)
    """

    model_config = ConfigDict(frozen=True)

    system: SystemCheck | None = None
    system_problem: str | None = None
    major_risks: MajorRiskList | None = None
    control: ControlResponsibilityList | None = None
    custody: CustodyList | None = None
    custody_problem: str | None = None
    accountability: tuple[AccidentAccountability, ...] = ()

    @property
    def empty(self) -> bool:
        """Whether the audit had nothing to build any list from (无可列示的内容)."""
        return not any(
            (
                self.system,
                self.system_problem,
                self.major_risks,
                self.control,
                self.custody,
                self.custody_problem,
                self.accountability,
            )
        )

    @classmethod
    def of(
        cls,
        system: ResponsibilitySystem | None,
        risks: RegisterGrading | None,
        installations: Iterable[tuple[str, MajorHazardAssessment]],
        custody: Iterable[CustodyAssignment],
        accidents: Iterable[AccidentRecord],
        as_of: date,
    ) -> ResponsibilitySection:
        """Build the section (编制三清单); a rule that does not apply is kept as a problem.

        >>> ResponsibilitySection.of(None, None, [], [], [], date(2026, 11, 29)).empty
        True
        """
        checked, system_problem = None, None
        if system is not None:
            try:
                checked = check_system(system, on=as_of)
            except SafetyRulesError as error:
                system_problem = str(error)
        majors = {name: a.grade_label for name, a in installations if a.is_major}
        custody_result, custody_problem = None, None
        if majors:
            try:
                custody_result = custody_list(majors, custody, as_of=as_of)
            except SafetyRulesError as error:
                custody_problem = str(error)
        return cls(
            system=checked,
            system_problem=system_problem,
            major_risks=None if risks is None else major_risk_list(risks),
            control=None if risks is None else control_responsibility_list(risks),
            custody=custody_result,
            custody_problem=custody_problem,
            accountability=tuple(_accountability(record) for record in accidents),
        )


def _accountability(record: AccidentRecord) -> AccidentAccountability:
    base = AccidentAccountability(
        occurred_on=record.occurred_on, summary=record.summary, assumed=record.findings is None
    )
    try:
        result = accountability_list(AccountabilityCase.for_accident(record))
    except SafetyRulesError as error:
        return base.model_copy(update={"problem": str(error)})
    return base.model_copy(update={"result": result})
