"""Tests of the closed loop (排查—登记—整治—监督—销号): records, transitions, replay.

Expected behaviour is derived by hand from 16号令第三条 (一般: 发现后能够立即整改排除; 重大: 需要停产
停业、经过一定时间整改治理), 第十五条 (一般 立即组织整改; 重大 主要负责人组织制定并实施治理方案),
第十八条 (重大 治理后评估, unverified) and 安全生产法第四十一条 (如实记录; 重大事故隐患治理督办制度).
"""

from __future__ import annotations

import pickle
from datetime import UTC, date, datetime, timedelta

import pytest
from pydantic import ValidationError

from safetyrules.errors import InvalidInput
from safetyrules.hazards import (
    HazardLevel,
    HazardRecord,
    HazardStatus,
    Transition,
    accept,
    close,
    explain,
    list_for_supervision,
    next_statuses,
    register,
    reject,
    replay,
    start_rectification,
    status,
    transition,
)
from safetyrules.law.citation import Citation
from tests.hazards.builders import (
    DUST_BASIS,
    FAILED,
    PASSED,
    PASSED_WITHOUT_REPORT,
    at,
    general,
    major,
)

S = HazardStatus


def _major_accepted() -> HazardRecord:
    r = register(major(), at(3, 2), "安全管理部")
    r = start_rectification(r, at(3, 3), "设备部")
    return accept(r, at(3, 20), "安全管理部", PASSED)


# --- the paths the law allows ------------------------------------------------------------


def test_a_general_hazard_may_be_fixed_at_once_and_closed() -> None:
    # 16号令第三条、第十五条：一般事故隐患发现后立即组织整改；16号令不要求一般隐患经评估、审查。
    r = start_rectification(general(), at(3, 1, 9), "车间主任")
    r = close(r, at(3, 1, 16), "车间主任", note="已恢复防护栏")
    assert [t.to_status for t in r.history] == [S.RECTIFYING, S.CLOSED]
    assert status(r) is S.CLOSED


def test_a_general_hazard_may_also_take_the_full_loop() -> None:
    r = register(general(), at(3, 1, 9), "安全管理部")
    r = start_rectification(r, at(3, 2), "车间主任")
    r = accept(r, at(3, 5), "安全管理部", PASSED_WITHOUT_REPORT)
    r = close(r, at(3, 5, 10), "安全管理部")
    assert [t.from_status for t in r.history] == [S.FOUND, S.REGISTERED, S.RECTIFYING, S.ACCEPTED]
    assert status(r) is S.CLOSED


def test_a_major_hazard_takes_the_full_loop_with_supervision() -> None:
    r = register(major(), at(3, 2), "安全管理部")
    r = list_for_supervision(r, at(3, 4), "县应急管理局")
    r = start_rectification(r, at(3, 5), "设备部")
    r = accept(r, at(4, 1), "安全管理部", PASSED)
    r = close(r, at(4, 2), "县应急管理局", note="现场审查合格，核销")
    assert [t.to_status for t in r.history] == [
        S.REGISTERED,
        S.LISTED_FOR_SUPERVISION,
        S.RECTIFYING,
        S.ACCEPTED,
        S.CLOSED,
    ]


def test_supervision_may_start_during_rectification_and_lead_to_acceptance() -> None:
    r = register(major(), at(3, 2), "安全管理部")
    r = start_rectification(r, at(3, 3), "设备部")
    r = list_for_supervision(r, at(3, 4), "市应急管理局")
    r = accept(r, at(3, 30), "安全管理部", PASSED)
    assert status(r) is S.ACCEPTED


def test_a_rejected_acceptance_goes_back_to_rectification() -> None:
    r = _major_accepted()
    r = reject(r, at(3, 21), "县应急管理局", note="现场审查不合格")
    assert status(r) is S.RECTIFYING
    r = accept(r, at(3, 28), "安全管理部", PASSED)
    r = close(r, at(3, 29), "安全管理部")
    assert status(r) is S.CLOSED


def test_a_failed_acceptance_must_go_back_before_closing() -> None:
    r = register(major(), at(3, 2), "安全管理部")
    r = start_rectification(r, at(3, 3), "设备部")
    r = accept(r, at(3, 20), "安全管理部", FAILED)
    with pytest.raises(InvalidInput, match="验收不合格，须退回整治"):
        close(r, at(3, 21), "安全管理部")
    assert status(reject(r, at(3, 21), "安全管理部", note="泄爆口面积不足")) is S.RECTIFYING


# --- what is refused -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source_steps", "target", "source"),
    [
        ((), S.CLOSED, S.FOUND),
        ((), S.ACCEPTED, S.FOUND),
        ((), S.LISTED_FOR_SUPERVISION, S.FOUND),
        (((S.REGISTERED, None),), S.CLOSED, S.REGISTERED),
        (((S.REGISTERED, None),), S.ACCEPTED, S.REGISTERED),
        (((S.REGISTERED, None), (S.RECTIFYING, None)), S.REGISTERED, S.RECTIFYING),
        (((S.REGISTERED, None), (S.RECTIFYING, None)), S.FOUND, S.RECTIFYING),
    ],
)
def test_moves_outside_the_loop_name_both_statuses(
    source_steps: tuple[tuple[HazardStatus, None], ...],
    target: HazardStatus,
    source: HazardStatus,
) -> None:
    r = general()
    for hour, (step, _) in enumerate(source_steps, start=10):
        r = transition(r, step, at(3, 1, hour), "安全管理部")
    with pytest.raises(InvalidInput) as caught:
        transition(r, target, at(3, 2), "安全管理部")
    assert caught.value.field == "to"
    assert f"“{source.value}”（{source.name}）" in caught.value.message
    assert f"“{target.value}”（{target.name}）" in caught.value.message


def test_nothing_follows_closing() -> None:
    r = close(start_rectification(general(), at(3, 1, 9), "车间主任"), at(3, 1, 10), "车间主任")
    assert next_statuses(r) == ()
    for target in S:
        if target is S.CLOSED:
            continue
        with pytest.raises(InvalidInput, match="已销号，闭环已结束"):
            transition(r, target, at(3, 2), "安全管理部", acceptance=None)


def test_a_major_hazard_must_be_registered_before_rectification() -> None:
    with pytest.raises(InvalidInput, match="重大事故隐患须先登记"):
        start_rectification(major(), at(3, 1, 9), "设备部")


def test_only_a_major_hazard_is_listed_for_supervision() -> None:
    r = register(general(), at(3, 1, 9), "安全管理部")
    with pytest.raises(InvalidInput, match="挂牌督办只适用于重大事故隐患"):
        list_for_supervision(r, at(3, 2), "县应急管理局")


def test_a_major_hazard_is_not_closed_without_acceptance() -> None:
    r = start_rectification(register(major(), at(3, 2), "安全管理部"), at(3, 3), "设备部")
    with pytest.raises(InvalidInput, match="重大事故隐患须经验收合格") as caught:
        close(r, at(3, 4), "安全管理部")
    assert "RECTIFYING" in caught.value.message
    assert "CLOSED" in caught.value.message


def test_a_major_acceptance_names_the_evaluation_report() -> None:
    r = start_rectification(register(major(), at(3, 2), "安全管理部"), at(3, 3), "设备部")
    with pytest.raises(InvalidInput, match="evaluation_report"):
        accept(r, at(3, 4), "安全管理部", PASSED_WITHOUT_REPORT)
    # A failed acceptance needs no report: there is nothing to evaluate yet.
    assert status(accept(r, at(3, 4), "安全管理部", FAILED)) is S.ACCEPTED


def test_acceptance_needs_rectification_first() -> None:
    # 挂牌督办 straight after 登记, then 验收: refused, since nothing was rectified.
    r = list_for_supervision(register(major(), at(3, 2), "安全管理部"), at(3, 3), "县应急管理局")
    with pytest.raises(InvalidInput, match="尚未开始整治，不能验收"):
        accept(r, at(3, 4), "安全管理部", PASSED)


def test_acceptance_travels_only_with_a_step_into_acceptance() -> None:
    with pytest.raises(InvalidInput, match="只有转入验收时才附验收记录"):
        transition(general(), S.REGISTERED, at(3, 2), "安全管理部", acceptance=PASSED)
    r = start_rectification(general(), at(3, 2), "车间主任")
    with pytest.raises(InvalidInput, match="须附验收记录"):
        transition(r, S.ACCEPTED, at(3, 3), "安全管理部")


def test_reject_needs_a_reason_and_an_acceptance_to_reject() -> None:
    r = start_rectification(general(), at(3, 2), "车间主任")
    with pytest.raises(InvalidInput, match="只有验收后才能退回整治"):
        reject(r, at(3, 3), "安全管理部", note="未整改到位")
    with pytest.raises(InvalidInput, match="退回整治须说明理由"):
        reject(_major_accepted(), at(3, 21), "安全管理部", note="")


def test_an_actor_is_required() -> None:
    with pytest.raises(InvalidInput) as caught:
        register(general(), at(3, 2), "  ")
    assert caught.value.field == "actor"


def test_an_unknown_status_is_refused() -> None:
    with pytest.raises(InvalidInput, match="未知的状态"):
        transition(general(), "复查", at(3, 2), "安全管理部")


# --- time ----------------------------------------------------------------------------------


def test_naive_datetimes_are_refused_everywhere() -> None:
    with pytest.raises(InvalidInput, match="时间必须带时区") as caught:
        register(general(), datetime(2024, 3, 2, 9), "安全管理部")
    assert caught.value.field == "at"
    with pytest.raises(ValidationError, match="时间必须带时区"):
        HazardRecord(
            id="YH-1",
            description="防护栏缺失",
            level="一般事故隐患",
            location="二层平台",
            found_on=datetime(2024, 3, 1, 8),
            found_by="安全管理部",
        )
    naive = {"from_status": "排查发现", "to_status": "登记", "at": "2024-03-02T09:00:00"}
    with pytest.raises(InvalidInput, match="时间必须带时区") as caught:
        replay([{**naive, "actor": "安全管理部"}], HazardLevel.GENERAL)
    assert caught.value.field == "history[0].at"


def test_times_are_kept_in_shanghai_time() -> None:
    r = register(general(), datetime(2024, 3, 2, 1, tzinfo=UTC), "安全管理部")
    assert r.history[0].at.isoformat() == "2024-03-02T09:00:00+08:00"


def test_time_never_goes_backwards() -> None:
    r = register(general(), at(3, 2, 9), "安全管理部")
    with pytest.raises(InvalidInput, match="时间不能倒退") as caught:
        start_rectification(r, at(3, 2, 8, 59), "车间主任")
    assert caught.value.field == "at"
    # The same moment is allowed (two entries made together).
    assert status(start_rectification(r, at(3, 2, 9), "车间主任")) is S.RECTIFYING


def test_replay_refuses_a_history_whose_time_goes_backwards() -> None:
    steps = [step.model_dump() for step in _major_accepted().history]
    steps[2]["at"] = at(3, 2, 23)  # 验收 before 整治 (03-03 09:00)
    with pytest.raises(InvalidInput, match="时间不能倒退") as caught:
        replay(steps, HazardLevel.MAJOR)
    assert caught.value.field == "history[2].at"


def test_no_step_before_the_hazard_was_found() -> None:
    with pytest.raises(InvalidInput, match="早于隐患发现时间"):
        register(general(), at(3, 1, 7), "安全管理部")


# --- the record ----------------------------------------------------------------------------


def test_steps_return_new_records_and_leave_the_old_one_alone() -> None:
    before = general()
    after = register(before, at(3, 2), "安全管理部")
    assert before.history == ()
    assert len(after.history) == 1
    assert after.model_copy(update={"history": ()}) == before


def test_major_basis_is_required_for_major_hazards_only() -> None:
    fields = {
        "id": "YH-1",
        "description": "……",
        "location": "抛光车间",
        "found_on": at(3, 1),
        "found_by": "安全管理部",
    }
    with pytest.raises(ValidationError, match="重大事故隐患须写明判定依据"):
        HazardRecord(**fields, level="重大事故隐患")
    with pytest.raises(ValidationError, match="一般事故隐患没有重大事故隐患判定依据"):
        HazardRecord(**fields, level="一般事故隐患", major_basis=DUST_BASIS)


def test_the_major_basis_must_be_in_force_when_the_hazard_was_found() -> None:
    # 应急管理部令第10号 施行于 2023-05-15.
    with pytest.raises(ValidationError, match="判定标准不在有效期内"):
        major(found=datetime(2023, 5, 14, 9, tzinfo=UTC))
    assert major(found=datetime(2023, 5, 15, 9, tzinfo=UTC)).major_basis == DUST_BASIS


def test_the_provisions_must_be_in_force_when_the_hazard_was_found() -> None:
    # 16号令 2008-02-01 起施行.
    with pytest.raises(ValidationError, match="hazard-investigation-provisions"):
        general(found=datetime(2008, 1, 31, 12, tzinfo=UTC))
    assert general(found=datetime(2008, 2, 1, 12, tzinfo=UTC)).history == ()


def test_the_deadline_is_a_date_not_before_the_day_found() -> None:
    with pytest.raises(ValidationError, match="整改期限早于发现日期"):
        general(deadline=date(2024, 2, 29))
    assert general(deadline=date(2024, 3, 1)).deadline == date(2024, 3, 1)
    with pytest.raises(ValidationError, match="必须是日期"):
        HazardRecord.model_validate(
            {**general().model_dump(), "deadline": datetime(2024, 3, 8, tzinfo=UTC)}
        )


def test_a_record_read_from_json_is_equal_and_keeps_its_time_zone() -> None:
    r = _major_accepted()
    back = HazardRecord.model_validate_json(r.model_dump_json())
    assert back == r
    assert back.found_on.utcoffset() == timedelta(hours=8)
    assert back.history[-1].at.utcoffset() == timedelta(hours=8)
    assert back.history[-1].acceptance == PASSED
    assert back.major_basis == DUST_BASIS


def test_a_record_whose_json_history_breaks_the_loop_is_refused() -> None:
    data = _major_accepted().model_dump(mode="json")
    data["history"] = data["history"][1:]  # starts at 登记 → 整治
    with pytest.raises(ValidationError, match=r"history\[0\]\.from_status"):
        HazardRecord.model_validate(data)


def test_records_pickle() -> None:
    r = _major_accepted()
    assert pickle.loads(pickle.dumps(r)) == r
    assert status(pickle.loads(pickle.dumps(r))) is S.ACCEPTED


# --- status, replay, next steps, explanation ----------------------------------------------


def test_status_as_of_a_day_or_a_moment() -> None:
    r = _major_accepted()  # 登记 3-02 09:00, 整治 3-03 09:00, 验收 3-20 09:00
    assert status(r, date(2024, 3, 1)) is S.FOUND
    assert status(r, date(2024, 3, 2)) is S.REGISTERED
    assert status(r, at(3, 3, 8, 59)) is S.REGISTERED
    assert status(r, at(3, 3, 9)) is S.RECTIFYING
    assert status(r, date(2024, 12, 31)) is S.ACCEPTED
    with pytest.raises(InvalidInput, match="早于隐患发现时间"):
        status(r, date(2024, 2, 29))


def test_replay_checks_the_steps_join_up() -> None:
    steps = list(_major_accepted().history)
    assert replay(steps, HazardLevel.MAJOR) is S.ACCEPTED
    with pytest.raises(InvalidInput) as caught:
        replay([steps[0], steps[2]], HazardLevel.MAJOR)
    assert caught.value.field == "history[1].from_status"
    # A 重大 history is not a valid 一般 one when it passes through 挂牌督办, and a 一般 shortcut
    # is not valid for a 重大 hazard.
    quick = [
        Transition(from_status=S.FOUND, to_status=S.RECTIFYING, at=at(3, 1, 9), actor="车间主任"),
        Transition(from_status=S.RECTIFYING, to_status=S.CLOSED, at=at(3, 1, 10), actor="车间主任"),
    ]
    assert replay(quick, HazardLevel.GENERAL) is S.CLOSED
    with pytest.raises(InvalidInput, match="重大事故隐患须先登记"):
        replay(quick, HazardLevel.MAJOR)
    with pytest.raises(InvalidInput, match="早于隐患发现时间"):
        replay(quick, HazardLevel.GENERAL, found_on=at(3, 1, 9, 30))


def test_a_transition_with_the_same_status_on_both_sides_is_refused() -> None:
    with pytest.raises(ValidationError, match="闭环中没有这一步"):
        Transition(from_status=S.RECTIFYING, to_status=S.RECTIFYING, at=at(3, 1), actor="设备部")


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        (general(), [S.REGISTERED, S.RECTIFYING]),
        (major(), [S.REGISTERED]),
        (register(major(), at(3, 2), "安全管理部"), [S.RECTIFYING, S.LISTED_FOR_SUPERVISION]),
        (
            start_rectification(general(), at(3, 2), "车间主任"),
            [S.ACCEPTED, S.CLOSED],
        ),
        (
            start_rectification(register(major(), at(3, 2), "安全管理部"), at(3, 3), "设备部"),
            [S.LISTED_FOR_SUPERVISION, S.ACCEPTED],
        ),
        (
            list_for_supervision(
                register(major(), at(3, 2), "安全管理部"), at(3, 3), "县应急管理局"
            ),
            [S.RECTIFYING],
        ),
        (_major_accepted(), [S.RECTIFYING, S.CLOSED]),
    ],
)
def test_next_statuses(record: HazardRecord, expected: list[HazardStatus]) -> None:
    assert list(next_statuses(record)) == expected


def test_the_explanation_cites_each_step_and_flags_unverified_ones() -> None:
    e = explain(_major_accepted())
    assert len(e) == 4
    assert e.reasons[0].citation is not None
    assert (
        str(e.reasons[0].citation) == "《中华人民共和国安全生产法》（2021年修正）第四十一条第二款"
    )
    assert "判定依据：《工贸企业重大事故隐患判定标准》（应急管理部令第10号）第十一条第（三）项" in (
        e.reasons[0].message
    )
    assert e.reasons[2].citation == Citation(
        instrument="hazard-investigation-provisions", provision="第十五条"
    )
    assert "安全管理部验收合格" in e.reasons[3].message
    assert e.unverified  # 验收 rests on 16号令第十八条, not yet checked
    assert not explain(register(general(), at(3, 2), "安全管理部")).unverified
