"""The closed loop of hazard treatment as a state machine (隐患闭环管理：排查—登记—整治—监督—销号).

A hazard moves through six statuses; each move is a :class:`Transition` (who, when, why), and a
hazard's history is the append-only list of its transitions (《中华人民共和国安全生产法》第四十一条
第二款: 事故隐患排查治理情况应当如实记录). The status is never stored: it is what replaying the
history gives, so a history loaded from JSON is checked step by step.

The moves allowed (``→`` one step):

- 排查发现 FOUND → 登记 REGISTERED; → 整治 RECTIFYING (一般事故隐患 only: 立即整改).
- 登记 REGISTERED → 整治 RECTIFYING; → 挂牌督办 LISTED_FOR_SUPERVISION (重大 only).
- 整治 RECTIFYING → 挂牌督办 (重大 only); → 验收 ACCEPTED; → 销号 CLOSED (一般 only).
- 挂牌督办 LISTED_FOR_SUPERVISION → 整治; → 验收 (once rectification has started).
- 验收 ACCEPTED → 销号 (if the acceptance passed); → 整治 (acceptance rejected, 退回整治).
- 销号 CLOSED ends the loop.

Guards: 验收 needs an :class:`Acceptance` and a rectification already started, so no history
reaches 销号 without passing 整治; a 重大事故隐患 reaches 销号 only from a passed 验收, whose
acceptance names the evaluation report (治理情况评估报告); times never go backwards.

Why a 一般事故隐患 may go FOUND → RECTIFYING → CLOSED: 16号令第三条 defines it as one that 发现后
能够立即整改排除, and 第十五条 has the head of the 车间、分厂、区队 or the staff concerned 立即组织
整改; 16号令 asks for an evaluation, a review and 核销 only for 重大事故隐患. The record itself
(who found it, who fixed it, when) is the 如实记录 of 安全生产法第四十一条. A company whose own
rules require 复查 of every hazard records it as an 验收 step, which is always allowed.

>>> from datetime import datetime
>>> from safetyrules.checks import SHANGHAI
>>> t = Transition(from_status=HazardStatus.FOUND, to_status=HazardStatus.RECTIFYING,
...                at=datetime(2024, 3, 1, 9, tzinfo=SHANGHAI), actor="车间主任")
>>> replay([t], HazardLevel.GENERAL)
<HazardStatus.RECTIFYING: '整治'>
>>> replay([t], HazardLevel.MAJOR)
Traceback (most recent call last):
...
safetyrules.errors.InvalidInput: history[0].to_status = <HazardStatus.RECTIFYING: '整治'>: 不能从“排查发现”（FOUND）转为“整治”（RECTIFYING）：重大事故隐患须先登记（报告并制定治理方案）再整治
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Self

import attrs
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)

from safetyrules import checks
from safetyrules.errors import InvalidInput
from safetyrules.hazards.definitions import HazardLevel
from safetyrules.hazards.provisions import HazardProvision, _required_provision

_Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
"""A non-empty string, surrounding whitespace removed."""


class HazardStatus(StrEnum):
    """Where a hazard stands in the closed loop (隐患治理状态).

    ``basis`` is the provision each step rests on.

    >>> [s.value for s in HazardStatus]
    ['排查发现', '登记', '整治', '挂牌督办', '验收', '销号']
    >>> str(HazardStatus.LISTED_FOR_SUPERVISION.basis.citation)
    '《中华人民共和国安全生产法》（2021年修正）第四十一条第三款'
    """

    FOUND = "排查发现"
    REGISTERED = "登记"
    RECTIFYING = "整治"
    LISTED_FOR_SUPERVISION = "挂牌督办"
    ACCEPTED = "验收"
    CLOSED = "销号"

    @property
    def basis(self) -> HazardProvision:
        """The provision this step of the loop rests on (依据), with its confidence."""
        return _required_provision(self.name.lower())


_S = HazardStatus
_EDGES: Mapping[HazardStatus, tuple[HazardStatus, ...]] = {
    _S.FOUND: (_S.REGISTERED, _S.RECTIFYING),
    _S.REGISTERED: (_S.RECTIFYING, _S.LISTED_FOR_SUPERVISION),
    _S.RECTIFYING: (_S.LISTED_FOR_SUPERVISION, _S.ACCEPTED, _S.CLOSED),
    _S.LISTED_FOR_SUPERVISION: (_S.RECTIFYING, _S.ACCEPTED),
    _S.ACCEPTED: (_S.RECTIFYING, _S.CLOSED),
    _S.CLOSED: (),
}


class Acceptance(BaseModel):
    """The record of an acceptance (验收记录): 监督、验收、复查 of a rectified hazard.

    ``passed`` is the verdict; a failed acceptance sends the hazard back to 整治. For a
    重大事故隐患 a passed acceptance must name the evaluation report (治理情况评估报告:
    16号令第十八条 — unverified — has the unit's own experts or a qualified 安全评价机构
    evaluate the treatment before resumption; the library asks it of every 重大事故隐患).

    >>> a = Acceptance(accepted_by="安全管理部", conclusion="护栏已恢复，符合要求",
    ...                evidence=("整改后照片 ZG-0312",))
    >>> a.passed, a.evaluation_report
    (True, None)
    >>> Acceptance(accepted_by=" ", conclusion="合格")
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.ValidationError: 1 validation error for Acceptance
    accepted_by
      String should have at least 1 character ...
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    accepted_by: _Text = Field(description="验收人（岗位、部门或评估、审查机构）")
    conclusion: _Text = Field(description="验收结论")
    passed: bool = Field(default=True, description="验收是否合格")
    evidence: tuple[_Text, ...] = Field(default=(), description="验收证据（照片、检测报告等）")
    evaluation_report: _Text | None = Field(
        default=None, description="重大事故隐患治理情况评估报告（编号或名称）"
    )


class Transition(BaseModel):
    """One step of a hazard's history (隐患治理记录的一步).

    ``at`` is timezone-aware (kept in Asia/Shanghai); ``actor`` is the post or department
    that took the step (岗位或部门), never left blank. Only a step into 验收 carries an
    :class:`Acceptance`, and it must.

    >>> from datetime import datetime
    >>> from safetyrules.checks import SHANGHAI
    >>> t = Transition(from_status="排查发现", to_status="登记",
    ...                at=datetime(2024, 3, 1, 9, tzinfo=SHANGHAI), actor="安全管理部")
    >>> t.to_status, t.at.isoformat()
    (<HazardStatus.REGISTERED: '登记'>, '2024-03-01T09:00:00+08:00')
    >>> Transition.model_validate_json(t.model_dump_json()) == t
    True
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    from_status: HazardStatus = Field(description="原状态")
    to_status: HazardStatus = Field(description="新状态")
    at: datetime = Field(description="时间（带时区）")
    actor: _Text = Field(description="经办岗位或部门")
    note: str = Field(default="", description="说明")
    acceptance: Acceptance | None = Field(default=None, description="验收记录（仅转入验收时）")

    @field_validator("at")
    @classmethod
    def _aware(cls, value: datetime) -> datetime:
        return checks.aware("at", value)

    @model_validator(mode="after")
    def _shape(self) -> Self:
        problem = _shape_problem(self.from_status, self.to_status, self.acceptance)
        if problem is not None:
            raise ValueError(_illegal(self.from_status, self.to_status, problem))
        return self


@attrs.frozen
class _State:
    """Where a replayed history stands (闭环当前状态): what the guards need to know."""

    status: HazardStatus = HazardStatus.FOUND
    at: datetime | None = None
    rectified: bool = False
    acceptance: Acceptance | None = None


def _illegal(source: HazardStatus, target: HazardStatus, problem: str) -> str:
    """The message of an illegal transition, naming both statuses."""
    return (
        f"不能从“{source.value}”（{source.name}）转为“{target.value}”（{target.name}）：{problem}"
    )


def _shape_problem(
    source: HazardStatus, target: HazardStatus, acceptance: Acceptance | None
) -> str | None:
    if target not in _EDGES[source]:
        if not _EDGES[source]:
            return "已销号，闭环已结束"
        allowed = "、".join(f"“{s.value}”" for s in _EDGES[source])
        return f"闭环中没有这一步（可转入：{allowed}）"
    if target is _S.ACCEPTED and acceptance is None:
        return "转入验收须附验收记录（Acceptance）"
    if target is not _S.ACCEPTED and acceptance is not None:
        return "只有转入验收时才附验收记录"
    return None


def _problem(
    state: _State,
    target: HazardStatus,
    level: HazardLevel,
    acceptance: Acceptance | None,
) -> str | None:
    """Why the move from ``state`` to ``target`` is illegal for a hazard of ``level``, or None."""
    source = state.status
    shape = _shape_problem(source, target, acceptance)
    if shape is not None:
        return shape
    major = level is HazardLevel.MAJOR
    if source is _S.FOUND and target is _S.RECTIFYING and major:
        return "重大事故隐患须先登记（报告并制定治理方案）再整治"
    if target is _S.LISTED_FOR_SUPERVISION and not major:
        return "挂牌督办只适用于重大事故隐患"
    if target is _S.ACCEPTED:
        if not state.rectified:
            return "尚未开始整治，不能验收"
        if (
            major
            and acceptance is not None
            and acceptance.passed
            and acceptance.evaluation_report is None
        ):
            return "重大事故隐患验收合格须写明治理情况评估报告（evaluation_report）"
    if target is _S.CLOSED:
        if source is _S.RECTIFYING and major:
            return "重大事故隐患须经验收合格（转入验收并附验收记录）方可销号"
        if source is _S.ACCEPTED and state.acceptance is not None and not state.acceptance.passed:
            return "验收不合格，须退回整治，不能销号"
    return None


def _advance(state: _State, step: Transition) -> _State:
    """The state after a checked step (no checks here: see ``_check_step``)."""
    target = step.to_status
    return _State(
        status=target,
        at=step.at,
        rectified=state.rectified or target is _S.RECTIFYING,
        acceptance=step.acceptance if target is _S.ACCEPTED else state.acceptance,
    )


def _check_step(state: _State, step: Transition, level: HazardLevel, field: str) -> None:
    """Refuse a step that does not continue ``state``: wrong origin, earlier time, guard."""
    if step.from_status is not state.status:
        raise InvalidInput(
            f"{field}.from_status",
            step.from_status,
            f"与上一步后的状态“{state.status.value}”（{state.status.name}）不符",
        )
    if state.at is not None and step.at < state.at:
        raise InvalidInput(
            f"{field}.at", step.at, f"早于上一步的时间 {state.at.isoformat()}，时间不能倒退"
        )
    why = _problem(state, step.to_status, level, step.acceptance)
    if why is not None:
        raise InvalidInput(
            f"{field}.to_status", step.to_status, _illegal(state.status, step.to_status, why)
        )


def _fold(
    history: Iterable[Transition | Mapping[str, object]],
    level: HazardLevel,
    found_on: datetime | None = None,
) -> tuple[_State, tuple[Transition, ...]]:
    """Check a whole history and return its final state and its steps as :class:`Transition`."""
    if not isinstance(level, HazardLevel):
        raise InvalidInput("level", level, "必须是 HazardLevel")
    state = _State(at=None if found_on is None else checks.aware("found_on", found_on))
    steps: list[Transition] = []
    for index, raw in enumerate(history):
        field = f"history[{index}]"
        step = _as_transition(raw, field)
        if state.at is not None and step.at < state.at and not steps:
            raise InvalidInput(f"{field}.at", step.at, "早于隐患发现时间，时间不能倒退")
        _check_step(state, step, level, field)
        state = _advance(state, step)
        steps.append(step)
    return state, tuple(steps)


def replay(
    history: Iterable[Transition | Mapping[str, object]],
    level: HazardLevel,
    *,
    found_on: datetime | None = None,
) -> HazardStatus:
    """Check a whole history and return the status it ends in (重放隐患治理记录).

    ``history`` holds :class:`Transition` objects or their dicts (as loaded from JSON); every
    step must start where the previous one ended, at the same time or later (and not before
    ``found_on`` when given), and obey the guards of the loop. The first bad step is named.

    >>> from datetime import datetime
    >>> steps = [
    ...     {"from_status": "排查发现", "to_status": "登记", "at": "2024-03-01T09:00:00+08:00",
    ...      "actor": "安全管理部"},
    ...     {"from_status": "登记", "to_status": "整治", "at": "2024-03-01T08:00:00+08:00",
    ...      "actor": "设备部"},
    ... ]
    >>> replay(steps[:1], HazardLevel.MAJOR)
    <HazardStatus.REGISTERED: '登记'>
    >>> replay(steps, HazardLevel.MAJOR)
    Traceback (most recent call last):
    ...
    safetyrules.errors.InvalidInput: history[1].at = datetime.datetime(2024, 3, 1, 8, 0, tzinfo=zoneinfo.ZoneInfo(key='Asia/Shanghai')): 早于上一步的时间 2024-03-01T09:00:00+08:00，时间不能倒退
    """
    state, _ = _fold(history, level, found_on)
    return state.status


def _allowed(state: _State, level: HazardLevel) -> tuple[HazardStatus, ...]:
    """The statuses a hazard in ``state`` may move to next, assuming a passing acceptance with
    an evaluation report where one is needed."""
    passing = Acceptance(accepted_by="-", conclusion="-", evaluation_report="-")
    return tuple(
        target
        for target in _EDGES[state.status]
        if _problem(state, target, level, passing if target is _S.ACCEPTED else None) is None
    )


def _as_transition(raw: object, field: str) -> Transition:
    if isinstance(raw, Transition):
        return raw
    try:
        return Transition.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        message = str(first["msg"]).removeprefix("Value error, ")
        raise InvalidInput(f"{field}.{where}" if where else field, raw, message) from None
