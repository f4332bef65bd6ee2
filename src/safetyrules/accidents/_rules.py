"""Rule data of the accidents module (事故规则数据), read lazily from the packaged files.

Every number the module uses is a dated parameter in ``safetyrules/data/accidents/*.toml``
(the :func:`~safetyrules.law.parameters.read_parameters` format), with its citation and
confidence. This module finds the value in force on a date, or the latest value when the
caller asks for today's law explicitly with ``on=None``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from safetyrules.errors import NotInForce, RuleDataError
from safetyrules.law.catalogue import require_in_force
from safetyrules.law.jurisdiction import NATION_CODE
from safetyrules.law.overlay import Overlay
from safetyrules.law.parameters import read_parameters
from safetyrules.law.timeline import Dated

REGULATION = "accident-reporting-regulation"
"""国务院令第493号《生产安全事故报告和调查处理条例》 in the instrument catalogue."""

FILES: Mapping[str, tuple[str, ...]] = {
    "accidents/grading.toml": (
        "accident.grade.boundary_convention",
        "accident.grade.definition.especially_major",
        "accident.grade.definition.major",
        "accident.grade.definition.larger",
        "accident.grade.definition.general",
        "accident.grade.deaths.larger",
        "accident.grade.deaths.major",
        "accident.grade.deaths.especially_major",
        "accident.grade.serious_injuries.larger",
        "accident.grade.serious_injuries.major",
        "accident.grade.serious_injuries.especially_major",
        "accident.grade.direct_economic_loss.larger",
        "accident.grade.direct_economic_loss.major",
        "accident.grade.direct_economic_loss.especially_major",
        "accident.grade.missing_counted_as_deaths",
    ),
    "accidents/reporting.toml": (
        "accident.report.unit_head_hours",
        "accident.report.per_level_hours",
        "accident.report.highest_level.general",
        "accident.report.highest_level.larger",
        "accident.report.highest_level.major",
        "accident.report.highest_level.especially_major",
        "accident.supplementary.days",
        "accident.supplementary.days_road_traffic_fire",
        "accident.grade_change.days",
        "accident.grade_change.days_road_traffic_fire",
    ),
    "accidents/investigation.toml": (
        "accident.deadline.day_counting",
        "accident.investigation.report_days",
        "accident.investigation.max_extension_days",
        "accident.investigation.appraisal_excluded",
        "accident.reply.days",
        "accident.reply.days_especially_major",
        "accident.reply.max_extension_days_especially_major",
        "accident.follow_up.years",
        "accident.investigation.authority.especially_major",
        "accident.investigation.authority.major",
        "accident.investigation.authority.larger",
        "accident.investigation.authority.general",
        "accident.investigation.unit_may_investigate_without_casualties",
    ),
}


def load_rule_file(source: str | Path, required: tuple[str, ...]) -> dict[str, Overlay[Any]]:
    """Read one accidents parameter file and check that it defines every ``required`` id.

    A missing id is a :class:`~safetyrules.errors.RuleDataError` naming the file and the id.

    >>> rules = load_rule_file("accidents/reporting.toml", FILES["accidents/reporting.toml"])
    >>> rules["accident.report.per_level_hours"].resolve("000000", date(2020, 1, 1)).value
    2
    """
    parameters = read_parameters(source)
    file = str(source)
    for parameter_id in required:
        if parameter_id not in parameters:
            raise RuleDataError(file, f"parameter[id={parameter_id}]", "缺少必需的参数")
        if NATION_CODE not in parameters[parameter_id].timelines:
            raise RuleDataError(file, f"parameter[id={parameter_id}]", "缺少全国（000000）取值")
    return parameters


@cache
def _all() -> dict[str, Overlay[Any]]:
    merged: dict[str, Overlay[Any]] = {}
    for name, required in FILES.items():
        merged.update(load_rule_file(name, required))
    return merged


def entry(parameter_id: str, on: date | None) -> Dated[Any]:
    """The national value of a parameter on ``on``, or the latest value when ``on`` is None.

    >>> entry("accident.grade.deaths.larger", date(2020, 1, 1)).value
    3
    >>> entry("accident.grade.deaths.larger", None).value
    3
    """
    overlay = _all()[parameter_id]
    if on is not None:
        return overlay.resolve(NATION_CODE, on).entry
    timeline = overlay.timelines[NATION_CODE]
    if timeline.end is not None:
        raise NotInForce(timeline.name, timeline.end, "最新取值已失效", timeline.successor)
    return timeline.entries[-1]


def require_regulation(on: date | None) -> None:
    """Check that 国务院令第493号 is in force on ``on`` (None: today's law, not checked).

    >>> require_regulation(date(2007, 5, 31))
    Traceback (most recent call last):
    ...
    safetyrules.errors.NotInForce: accident-reporting-regulation 于 2007-05-31 不在有效期内: 2007-06-01 起施行
    """
    if on is not None:
        require_in_force(REGULATION, on)
