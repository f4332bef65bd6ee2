"""Moving a hazard through the closed loop (隐患闭环流转): 登记、整治、挂牌督办、验收、退回、销号.

Each function takes a :class:`~safetyrules.hazards.record.HazardRecord`, the time of the step
(timezone-aware: the library has no clock) and the post or department taking it, and returns
a NEW record with the step appended; the old record is unchanged. An illegal step raises
:class:`~safetyrules.errors.InvalidInput` naming both statuses. The rules of the loop are in
:mod:`safetyrules.hazards.machine`.

>>> from datetime import datetime
>>> from safetyrules.checks import SHANGHAI
>>> r = HazardRecord(id="YH-2024-031", description="二层平台防护栏缺失", level="一般事故隐患",
...                  location="原料车间二层平台", found_by="安全管理部",
...                  found_on=datetime(2024, 3, 1, 9, 30, tzinfo=SHANGHAI))
>>> r = start_rectification(r, datetime(2024, 3, 1, 10, tzinfo=SHANGHAI), "车间主任")
>>> r = close(r, datetime(2024, 3, 1, 16, tzinfo=SHANGHAI), "车间主任", note="已恢复防护栏")
>>> status(r), [t.to_status.value for t in r.history]
(<HazardStatus.CLOSED: '销号'>, ['整治', '销号'])
"""

from __future__ import annotations

from datetime import date, datetime, time

from safetyrules import checks
from safetyrules.errors import InvalidInput
from safetyrules.hazards.definitions import HazardLevel
from safetyrules.hazards.machine import (
    Acceptance,
    HazardStatus,
    Transition,
    _allowed,
    _check_step,
    _fold,
    _illegal,
    _problem,
)
from safetyrules.hazards.record import HazardRecord
from safetyrules.law.reason import Explanation


def transition(
    record: HazardRecord,
    to: HazardStatus | str,
    at: datetime,
    actor: str,
    *,
    note: str = "",
    acceptance: Acceptance | None = None,
) -> HazardRecord:
    """The record with one more step of the loop (隐患治理状态流转).

    ``to`` is the new status (a :class:`~safetyrules.hazards.machine.HazardStatus` or its
    Chinese value); ``acceptance`` goes with a step into 验收 only.

    >>> from datetime import datetime
    >>> from safetyrules.checks import SHANGHAI
    >>> r = HazardRecord(id="YH-2024-031", description="二层平台防护栏缺失", level="一般事故隐患",
    ...                  location="原料车间二层平台", found_by="安全管理部",
    ...                  found_on=datetime(2024, 3, 1, 9, 30, tzinfo=SHANGHAI))
    >>> transition(r, "登记", datetime(2024, 3, 1, 11, tzinfo=SHANGHAI), "安全管理部").history[-1].to_status
    <HazardStatus.REGISTERED: '登记'>
    >>> transition(r, "销号", datetime(2024, 3, 1, 11, tzinfo=SHANGHAI), "安全管理部")
    Traceback (most recent call last):
    ...
    safetyrules.errors.InvalidInput: to = <HazardStatus.CLOSED: '销号'>: 不能从“排查发现”（FOUND）转为“销号”（CLOSED）：闭环中没有这一步（可转入：“登记”、“整治”）
    """
    if not isinstance(record, HazardRecord):
        raise InvalidInput("record", record, "必须是 HazardRecord")
    target = _target(to)
    moment = checks.aware("at", at)
    if not isinstance(actor, str) or not actor.strip():
        raise InvalidInput("actor", actor, "须写明经办岗位或部门")
    if not isinstance(note, str):
        raise InvalidInput("note", note, "说明必须是字符串")
    if acceptance is not None and not isinstance(acceptance, Acceptance):
        raise InvalidInput("acceptance", acceptance, "必须是 Acceptance")
    state, _ = _fold(record.history, record.level, record.found_on)
    why = _problem(state, target, record.level, acceptance)
    if why is not None:
        raise InvalidInput("to", target, _illegal(state.status, target, why))
    if state.at is not None and moment < state.at:
        previous = "隐患发现时间" if not record.history else "上一步的时间"
        raise InvalidInput("at", moment, f"早于{previous} {state.at.isoformat()}，时间不能倒退")
    step = Transition(
        from_status=state.status,
        to_status=target,
        at=moment,
        actor=actor,
        note=note.strip(),
        acceptance=acceptance,
    )
    _check_step(state, step, record.level, "to")
    return record.model_copy(update={"history": (*record.history, step)})


def register(record: HazardRecord, at: datetime, actor: str, *, note: str = "") -> HazardRecord:
    """Record the hazard in the 隐患台账 (登记): 排查发现 → 登记.

    >>> from datetime import datetime
    >>> from safetyrules.checks import SHANGHAI
    >>> r = register(_example(), datetime(2024, 3, 2, 9, tzinfo=SHANGHAI), "安全管理部")
    >>> status(r).value
    '登记'
    """
    return transition(record, HazardStatus.REGISTERED, at, actor, note=note)


def start_rectification(
    record: HazardRecord, at: datetime, actor: str, *, note: str = ""
) -> HazardRecord:
    """Start rectification (整治): from 登记, 挂牌督办 or a rejected 验收; straight from 排查发现
    only for a 一般事故隐患 (立即整改).

    >>> from datetime import datetime
    >>> from safetyrules.checks import SHANGHAI
    >>> r = start_rectification(_example(), datetime(2024, 3, 2, 9, tzinfo=SHANGHAI), "设备部")
    Traceback (most recent call last):
    ...
    safetyrules.errors.InvalidInput: to = <HazardStatus.RECTIFYING: '整治'>: 不能从“排查发现”（FOUND）转为“整治”（RECTIFYING）：重大事故隐患须先登记（报告并制定治理方案）再整治
    """
    return transition(record, HazardStatus.RECTIFYING, at, actor, note=note)


def list_for_supervision(
    record: HazardRecord, at: datetime, actor: str, *, note: str = ""
) -> HazardRecord:
    """Record that a 重大事故隐患 is listed for supervision (挂牌督办), from 登记 or 整治.

    ``actor`` is the supervising authority or the post recording it.

    >>> from datetime import datetime
    >>> from safetyrules.checks import SHANGHAI
    >>> r = register(_example(), datetime(2024, 3, 2, 9, tzinfo=SHANGHAI), "安全管理部")
    >>> r = list_for_supervision(r, datetime(2024, 3, 5, 9, tzinfo=SHANGHAI), "县应急管理局")
    >>> status(r).value
    '挂牌督办'
    """
    return transition(record, HazardStatus.LISTED_FOR_SUPERVISION, at, actor, note=note)


def accept(
    record: HazardRecord,
    at: datetime,
    actor: str,
    acceptance: Acceptance,
    *,
    note: str = "",
) -> HazardRecord:
    """Record the acceptance of the rectification (验收：监督、验收、复查), passed or failed.

    Needs rectification to have started; a 重大事故隐患's passed acceptance names the
    evaluation report.

    >>> from datetime import datetime
    >>> from safetyrules.checks import SHANGHAI
    >>> r = register(_example(), datetime(2024, 3, 2, 9, tzinfo=SHANGHAI), "安全管理部")
    >>> r = start_rectification(r, datetime(2024, 3, 3, 9, tzinfo=SHANGHAI), "设备部")
    >>> ok = Acceptance(accepted_by="安全管理部", conclusion="除尘系统已加装泄爆装置并检测合格",
    ...                 evaluation_report="评估报告 PG-2024-007")
    >>> status(accept(r, datetime(2024, 4, 1, 9, tzinfo=SHANGHAI), "安全管理部", ok)).value
    '验收'
    """
    return transition(record, HazardStatus.ACCEPTED, at, actor, note=note, acceptance=acceptance)


def reject(record: HazardRecord, at: datetime, actor: str, *, note: str) -> HazardRecord:
    """Send the hazard back from 验收 to 整治 (退回整治), saying why.

    >>> from datetime import datetime
    >>> from safetyrules.checks import SHANGHAI
    >>> r = register(_example(), datetime(2024, 3, 2, 9, tzinfo=SHANGHAI), "安全管理部")
    >>> reject(r, datetime(2024, 3, 3, 9, tzinfo=SHANGHAI), "安全管理部", note=" ")
    Traceback (most recent call last):
    ...
    safetyrules.errors.InvalidInput: note = ' ': 退回整治须说明理由
    """
    if not isinstance(note, str) or not note.strip():
        raise InvalidInput("note", note, "退回整治须说明理由")
    if isinstance(record, HazardRecord) and status(record) is not HazardStatus.ACCEPTED:
        current = status(record)
        raise InvalidInput(
            "to",
            HazardStatus.RECTIFYING,
            _illegal(current, HazardStatus.RECTIFYING, "只有验收后才能退回整治"),
        )
    return transition(record, HazardStatus.RECTIFYING, at, actor, note=note)


def close(record: HazardRecord, at: datetime, actor: str, *, note: str = "") -> HazardRecord:
    """Close the hazard (销号): after a passed 验收; a 一般事故隐患 also straight from 整治.

    >>> from datetime import datetime
    >>> from safetyrules.checks import SHANGHAI
    >>> r = register(_example(), datetime(2024, 3, 2, 9, tzinfo=SHANGHAI), "安全管理部")
    >>> r = start_rectification(r, datetime(2024, 3, 3, 9, tzinfo=SHANGHAI), "设备部")
    >>> close(r, datetime(2024, 4, 1, 9, tzinfo=SHANGHAI), "安全管理部")
    Traceback (most recent call last):
    ...
    safetyrules.errors.InvalidInput: to = <HazardStatus.CLOSED: '销号'>: 不能从“整治”（RECTIFYING）转为“销号”（CLOSED）：重大事故隐患须经验收合格（转入验收并附验收记录）方可销号
    """
    return transition(record, HazardStatus.CLOSED, at, actor, note=note)


def status(record: HazardRecord, on: date | datetime | None = None) -> HazardStatus:
    """The hazard's status, replayed from its history (隐患当前状态).

    ``on`` asks about a moment: a ``datetime`` (timezone-aware) counts the steps taken at or
    before it, a ``date`` those taken on or before that day (Asia/Shanghai); None counts all.

    >>> from datetime import date, datetime
    >>> from safetyrules.checks import SHANGHAI
    >>> r = register(_example(), datetime(2024, 3, 2, 9, tzinfo=SHANGHAI), "安全管理部")
    >>> status(r).value, status(r, date(2024, 3, 1)).value
    ('登记', '排查发现')
    """
    if not isinstance(record, HazardRecord):
        raise InvalidInput("record", record, "必须是 HazardRecord")
    state, _ = _fold(_until(record, on), record.level, record.found_on)
    return state.status


def next_statuses(record: HazardRecord) -> tuple[HazardStatus, ...]:
    """The statuses the hazard may move to next (可转入的状态), for a form or a menu.

    A step into 验收 is listed when it would be allowed with a passing acceptance.

    >>> [s.value for s in next_statuses(_example())]
    ['登记']
    """
    if not isinstance(record, HazardRecord):
        raise InvalidInput("record", record, "必须是 HazardRecord")
    state, _ = _fold(record.history, record.level, record.found_on)
    return _allowed(state, record.level)


def explain(record: HazardRecord) -> Explanation:
    """The hazard's history as reasons an auditor can paste (隐患治理过程说明), each step with the
    provision it rests on.

    >>> from datetime import datetime
    >>> from safetyrules.checks import SHANGHAI
    >>> r = register(_example(), datetime(2024, 3, 2, 9, tzinfo=SHANGHAI), "安全管理部")
    >>> print(explain(r).text())  # doctest: +NORMALIZE_WHITESPACE
    1. 2024-03-01 10:00 安全管理部排查发现重大事故隐患 YH-2024-032：干式除尘系统未采取泄爆、惰化、抑爆等爆炸防控措施（抛光车间）；判定依据：《工贸企业重大事故隐患判定标准》（应急管理部令第10号）第十一条第（三）项。依据：《中华人民共和国安全生产法》（2021年修正）第四十一条第二款
    2. 2024-03-02 09:00 安全管理部：排查发现 → 登记。依据：《中华人民共和国安全生产法》（2021年修正）第四十一条第二款
    """
    if not isinstance(record, HazardRecord):
        raise InvalidInput("record", record, "必须是 HazardRecord")
    found = HazardStatus.FOUND.basis
    message = (
        f"{_clock(record.found_on)} {record.found_by}排查发现{record.level.value} {record.id}："
        f"{record.description}（{record.location}）"
    )
    if record.major_basis is not None:
        message += f"；判定依据：{record.major_basis}"
    reasons = [found.reason(message, rule="hazard.lifecycle.found")]
    for step in record.history:
        line = f"{_clock(step.at)} {step.actor}：{step.from_status.value} → {step.to_status.value}"
        if step.acceptance is not None:
            verdict = "合格" if step.acceptance.passed else "不合格"
            line += f"（{step.acceptance.accepted_by}验收{verdict}：{step.acceptance.conclusion}）"
        if step.note:
            line += f"；{step.note}"
        basis = step.to_status.basis
        reasons.append(basis.reason(line, rule=f"hazard.lifecycle.{step.to_status.name.lower()}"))
    return Explanation(reasons=tuple(reasons))


def _target(to: object) -> HazardStatus:
    known = "、".join(s.value for s in HazardStatus)
    if not isinstance(to, str):
        raise InvalidInput("to", to, f"必须是 HazardStatus 或其中文名称（{known}）")
    try:
        return HazardStatus(to)
    except ValueError:
        raise InvalidInput("to", to, f"未知的状态（应为 {known} 之一）") from None


def _until(record: HazardRecord, on: date | datetime | None) -> tuple[Transition, ...]:
    if on is None:
        return record.history
    if isinstance(on, datetime):
        moment = checks.aware("on", on)
    elif isinstance(on, date):
        moment = datetime.combine(on, time.max, tzinfo=checks.SHANGHAI)
    else:
        raise InvalidInput("on", on, "必须是 date 或 datetime")
    if moment < record.found_on:
        raise InvalidInput("on", on, f"早于隐患发现时间 {record.found_on.isoformat()}")
    return tuple(step for step in record.history if step.at <= moment)


def _clock(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


def _example() -> HazardRecord:
    """A 重大事故隐患 found on 2024-03-01, for the examples."""
    from safetyrules.law.citation import Citation

    return HazardRecord(
        id="YH-2024-032",
        description="干式除尘系统未采取泄爆、惰化、抑爆等爆炸防控措施",
        level=HazardLevel.MAJOR,
        location="抛光车间",
        found_on=datetime(2024, 3, 1, 10, tzinfo=checks.SHANGHAI),
        found_by="安全管理部",
        major_basis=Citation(
            instrument="trade-major-hazard-criteria-2023", provision="第十一条第（三）项"
        ),
    )
