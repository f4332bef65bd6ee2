"""Duties decided by grade and substance (按级别和危险化学品判定的义务) under 原总局令第40号:
quantitative risk assessment (定量风险评价, 第九条) and the independent safety instrumented system
(安全仪表系统, 第十三条).

Both turn on which substances of the installation are toxic gases, explosives, liquefied
(flammable) gases or highly toxic liquids. Toxic gases are recognised from table 3 and the
symbols J1 and J3, explosives from W1.1–W1.3; liquefied gases and highly toxic liquids cannot be
told from a symbol, so the caller names them.

>>> from safetyrules.risk.major_hazard import assess
>>> qra_required(assess({"氯": 50}, population=100)).required
True
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from fractions import Fraction
from typing import Any

import attrs
from pydantic import BaseModel, ConfigDict

from safetyrules.errors import InvalidInput, NotInForce
from safetyrules.law.reason import Explanation, Reason
from safetyrules.risk.major_hazard._numbers import exact_decimal, plain
from safetyrules.risk.major_hazard.assessment import MajorHazardAssessment, SubstanceLine
from safetyrules.risk.major_hazard.duties_data import in_force_on, shipped_rules
from safetyrules.risk.major_hazard.grading import BetaSource
from safetyrules.risk.major_hazard.obligations import QRA, SIS, Obligation

# Table-2 symbols of toxic gases (J1: 急性毒性类别1 气体; J3: 类别2、3 气体) and explosives.
TOXIC_GAS_SYMBOLS = frozenset({"J1", "J3"})
EXPLOSIVE_SYMBOLS = frozenset({"W1.1", "W1.2", "W1.3"})


class DutyDecision(BaseModel):
    """Whether one duty applies, and why (义务判定).

    ``required`` is None when the answer depends on a grade that is not known.

    >>> from safetyrules.risk.major_hazard import assess
    >>> qra_required(assess({"氯": 50})).required is None
    True
    """

    model_config = ConfigDict(frozen=True)

    duty: str
    required: bool | None
    explanation: Explanation


def qra_required(
    assessment: MajorHazardAssessment,
    *,
    toxic_gases: Iterable[str] = (),
    explosives: Iterable[str] = (),
    liquefied_flammable_gases: Iterable[str] = (),
    as_of: date | None = None,
) -> DutyDecision:
    """Whether quantitative risk assessment is required (定量风险评价, 第40号令第九条).

    Required when the installation is 一级 or 二级 and Σ q/Q over its toxic gases ≥ 1, or
    一级 and Σ q/Q over its explosives or liquefied flammable gases ≥ 1. Toxic gases are
    recognised from table 3 and the symbols J1 and J3, explosives from W1.1–W1.3; liquefied
    flammable gases cannot be told from a symbol, so the caller names them. Each name given
    is a line's ``name`` or ``table_name``. ``as_of`` defaults to the assessment's date.

    >>> from safetyrules.risk.major_hazard import assess
    >>> a = assess({"氯": 50}, population=100)
    >>> a.grade, qra_required(a).required
    (2, True)
    >>> b = assess([{"name": "液化石油气", "quantity": 5000, "symbols": ["W2"]}], population=100)
    >>> b.grade, qra_required(b).required, qra_required(b, liquefied_flammable_gases=["液化石油气"]).required
    (1, False, True)
    """
    groups = substance_groups(
        assessment,
        toxic_gases=toxic_gases,
        explosives=explosives,
        liquefied_flammable_gases=liquefied_flammable_gases,
    )
    obligation = obligation_on(QRA, as_of if as_of is not None else assessment.as_of)
    return decide_qra(assessment, groups, obligation)


def obligation_on(obligation_id: str, as_of: date | None) -> Obligation:
    """The shipped obligation with this id (重大危险源义务), checked to be in force on ``as_of``.

    An obligation whose instrument is not in force on that date is
    :class:`~safetyrules.errors.NotInForce`.

    >>> rule = obligation_on(QRA, date(2024, 1, 1))
    >>> rule.citation.text, rule.grades
    ('《危险化学品重大危险源监督管理暂行规定》（国家安全生产监督管理总局令第40号）第九条', (1, 2))
    >>> obligation_on("three-responsible-persons", date(2021, 2, 3))
    Traceback (most recent call last):
    ...
    safetyrules.errors.NotInForce: hazchem-major-hazard-responsibility-measures-2021 于 2021-02-03 不在有效期内: ...
    """
    rule = next(o for o in shipped_rules().obligations if o.id == obligation_id)
    if not in_force_on(rule.citation, as_of):
        assert as_of is not None
        raise NotInForce(rule.citation.instrument, as_of, "所涉日期该文件不在有效期内")
    return rule


@attrs.frozen
class SubstanceGroups:
    """The lines of an assessment sorted into the groups that decide 定量风险评价 and 安全仪表系统:
    毒性气体, 爆炸物, 液化易燃气体, 液化气体 (the liquefied flammable ones included) and 剧毒液体.

    >>> from safetyrules.risk.major_hazard import assess
    >>> groups = substance_groups(assess({"氯": 50}, population=100))
    >>> [line.name for line in groups.toxic_gases], groups.explosives
    (['氯'], ())
    """

    toxic_gases: tuple[SubstanceLine, ...]
    explosives: tuple[SubstanceLine, ...]
    liquefied_flammable_gases: tuple[SubstanceLine, ...]
    liquefied_gases: tuple[SubstanceLine, ...]
    highly_toxic_liquids: tuple[SubstanceLine, ...]


def substance_groups(
    assessment: MajorHazardAssessment,
    *,
    toxic_gases: Iterable[str] = (),
    explosives: Iterable[str] = (),
    liquefied_flammable_gases: Iterable[str] = (),
    liquefied_gases: Iterable[str] = (),
    highly_toxic_liquids: Iterable[str] = (),
) -> SubstanceGroups:
    """Sort the lines of an assessment into :class:`SubstanceGroups` (危险化学品分组).

    Toxic gases are recognised from table 3 and the symbols J1 and J3, explosives from
    W1.1–W1.3; the caller adds lines by ``name`` or ``table_name``. A name that is not a line
    of the assessment is :class:`~safetyrules.errors.InvalidInput`.

    >>> from safetyrules.risk.major_hazard import assess
    >>> lpg = assess([{"name": "液化石油气", "quantity": 5000, "symbols": ["W2"]}])
    >>> groups = substance_groups(lpg, liquefied_flammable_gases=["液化石油气"])
    >>> [line.name for line in groups.liquefied_gases]
    ['液化石油气']
    >>> substance_groups(lpg, highly_toxic_liquids=["苯"])
    Traceback (most recent call last):
    ...
    safetyrules.errors.InvalidInput: highly_toxic_liquids = '苯': 评价结果中没有这一危险化学品（已有：液化石油气）
    """

    def named(field: str, names: Iterable[str]) -> set[int]:
        if isinstance(names, str):
            names = [names]
        chosen = set()
        for name in names:
            hits = [
                i for i, line in enumerate(assessment.lines) if name in (line.name, line.table_name)
            ]
            if not hits:
                known = "、".join(line.name for line in assessment.lines)
                raise InvalidInput(field, name, f"评价结果中没有这一危险化学品（已有：{known}）")
            chosen.update(hits)
        return chosen

    lines = assessment.lines
    toxic = named("toxic_gases", toxic_gases) | {
        i
        for i, line in enumerate(lines)
        if line.beta_source is BetaSource.NAMED_TOXIC_GAS or TOXIC_GAS_SYMBOLS & set(line.symbols)
    }
    explosive = named("explosives", explosives) | {
        i for i, line in enumerate(lines) if EXPLOSIVE_SYMBOLS & set(line.symbols)
    }
    flammable = named("liquefied_flammable_gases", liquefied_flammable_gases)
    liquefied = named("liquefied_gases", liquefied_gases) | flammable
    very_toxic = named("highly_toxic_liquids", highly_toxic_liquids)

    def pick(indices: set[int]) -> tuple[SubstanceLine, ...]:
        return tuple(lines[i] for i in sorted(indices))

    return SubstanceGroups(
        pick(toxic), pick(explosive), pick(flammable), pick(liquefied), pick(very_toxic)
    )


def _sum(lines: Iterable[SubstanceLine]) -> Fraction:
    return sum(
        (Fraction(line.quantity) / Fraction(line.critical_quantity) for line in lines),
        Fraction(0),
    )


def _listed(lines: tuple[SubstanceLine, ...]) -> str:
    if not lines:
        return "无"
    return "、".join(line.name for line in lines)


def decide_qra(
    assessment: MajorHazardAssessment, groups: SubstanceGroups, rule: Obligation
) -> DutyDecision:
    """Decide 定量风险评价 (第40号令第九条) from the assessment's grade and substance groups,
    under ``rule``; :func:`qra_required` gathers the groups and the rule for it.

    >>> from safetyrules.risk.major_hazard import assess
    >>> a = assess({"氯": 50}, population=100)
    >>> d = decide_qra(a, substance_groups(a), obligation_on(QRA, a.as_of))
    >>> d.required
    True
    >>> print(d.explanation.reasons[0].message)
    二级重大危险源，毒性气体（氯）Σq/Q = 10；爆炸物、液化易燃气体（无）Σq/Q = 0；毒性气体 Σq/Q ≥ 1，须委托...
    """
    grade = assessment.grade
    toxic = _sum(groups.toxic_gases)
    others = groups.explosives + tuple(
        line for line in groups.liquefied_flammable_gases if line not in groups.explosives
    )
    other = _sum(others)
    inputs: dict[str, Any] = {"grade": grade, "toxic_sum": exact_decimal(toxic)}
    inputs["explosive_or_liquefied_flammable_sum"] = exact_decimal(other)
    sums = (
        f"毒性气体（{_listed(groups.toxic_gases)}）Σq/Q = {plain(exact_decimal(toxic))}；"
        f"爆炸物、液化易燃气体（{_listed(others)}）Σq/Q = {plain(exact_decimal(other))}"
    )
    if not assessment.is_major:
        required: bool | None = False
        message = "不构成重大危险源，第九条不适用"
    elif grade is None:
        required = None
        message = f"级别未确定，无法判断是否须进行定量风险评价（{sums}）"
    elif grade in (1, 2) and toxic >= 1:
        required = True
        message = f"{assessment.grade_label}重大危险源，{sums}；毒性气体 Σq/Q ≥ 1，须{rule.text}"
    elif grade == 1 and other >= 1:
        required = True
        message = f"一级重大危险源，{sums}；爆炸物、液化易燃气体 Σq/Q ≥ 1，须{rule.text}"
    else:
        required = False
        message = f"{assessment.grade_label}重大危险源，{sums}；不属第九条须进行定量风险评价的情形"
    return DutyDecision(
        duty=QRA,
        required=required,
        explanation=Explanation(
            reasons=(
                Reason(
                    rule=f"risk.major_hazard.duty.{QRA}",
                    message=message,
                    citation=rule.citation,
                    inputs=inputs,
                    confidence=rule.confidence,
                ),
            )
        ),
    )


def decide_sis(
    assessment: MajorHazardAssessment, groups: SubstanceGroups, rule: Obligation
) -> DutyDecision:
    """Decide the independent 安全仪表系统 (第40号令第十三条): required for a 一级 or 二级
    installation with toxic gases, liquefied gases or highly toxic liquids, under ``rule``.

    A liquefied gas cannot be told from a symbol, so it counts only when the caller names it:

    >>> from safetyrules.risk.major_hazard import assess
    >>> lpg = assess([{"name": "液化石油气", "quantity": 5000, "symbols": ["W2"]}], population=100)
    >>> rule = obligation_on(SIS, lpg.as_of)
    >>> named = substance_groups(lpg, liquefied_gases=["液化石油气"])
    >>> lpg.grade, decide_sis(lpg, substance_groups(lpg), rule).required, decide_sis(lpg, named, rule).required
    (1, False, True)
    """
    grade = assessment.grade
    involved = groups.toxic_gases + tuple(
        line
        for line in groups.liquefied_gases + groups.highly_toxic_liquids
        if line not in groups.toxic_gases
    )
    unique = tuple(dict.fromkeys(involved))
    if grade is None:
        required: bool | None = None if assessment.is_major else False
        message = "级别未确定，无法判断是否须配备独立的安全仪表系统"
    elif not rule.applies_to(grade):
        required = False
        message = (
            f"{assessment.grade_label}重大危险源，第十三条只要求一级、二级配备独立的安全仪表系统"
        )
    elif unique:
        required = True
        message = (
            f"{assessment.grade_label}重大危险源，涉及毒性气体、液化气体或剧毒液体"
            f"（{_listed(unique)}），须{rule.text}"
        )
    else:
        required = False
        message = (
            f"{assessment.grade_label}重大危险源，未涉及毒性气体、液化气体或剧毒液体"
            "（液化气体、剧毒液体须由调用方指明），不要求独立的安全仪表系统"
        )
    return DutyDecision(
        duty=SIS,
        required=required,
        explanation=Explanation(
            reasons=(
                Reason(
                    rule=f"risk.major_hazard.duty.{SIS}",
                    message=message,
                    citation=rule.citation,
                    inputs={"grade": grade},
                    confidence=rule.confidence,
                ),
            )
        ),
    )
