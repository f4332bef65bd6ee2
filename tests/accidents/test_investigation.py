"""Tests of safetyrules.accidents.investigation (事故调查和批复, 条例第十九条至第三十二条)."""

from __future__ import annotations

from datetime import date

import pytest

from safetyrules.accidents import (
    AccidentGrade,
    InvestigationLevel,
    follow_up_evaluation_deadline,
    investigating_authority,
    investigation_report_deadline,
    reply_deadline,
)
from safetyrules.errors import InvalidInput, NotInForce


@pytest.mark.parametrize(
    ("grade", "level"),
    [
        # 第十九条：特别重大事故由国务院或者国务院授权有关部门组织事故调查组进行调查。重大事故、
        # 较大事故、一般事故分别由事故发生地省级人民政府、设区的市级人民政府、县级人民政府负责调查。
        (AccidentGrade.ESPECIALLY_MAJOR, InvestigationLevel.STATE_COUNCIL),
        (AccidentGrade.MAJOR, InvestigationLevel.PROVINCE),
        (AccidentGrade.LARGER, InvestigationLevel.CITY),
        (AccidentGrade.GENERAL, InvestigationLevel.COUNTY),
    ],
)
def test_who_investigates(grade: AccidentGrade, level: InvestigationLevel) -> None:
    authority = investigating_authority(grade, has_casualties=True)
    assert authority.level is level
    assert not authority.unit_may_be_entrusted
    # 第二十条第一款：上级人民政府认为必要时，可以调查由下级人民政府负责调查的事故。
    assert authority.higher_level_may_take_over is (level is not InvestigationLevel.STATE_COUNCIL)


def test_unit_may_investigate_a_general_accident_without_casualties() -> None:
    # 第十九条第三款：未造成人员伤亡的一般事故，县级人民政府也可以委托事故发生单位组织事故调查组进行调查。
    assert investigating_authority(
        AccidentGrade.GENERAL, has_casualties=False
    ).unit_may_be_entrusted
    larger = investigating_authority(AccidentGrade.LARGER, has_casualties=False)
    assert not larger.unit_may_be_entrusted


@pytest.mark.parametrize(
    ("occurred", "extension", "appraisal", "due"),
    [
        # 第二十九条：60日内. 2024-01-01 + 60: Jan 31 is day 30, Feb 29 day 59, Mar 1 day 60.
        (date(2024, 1, 1), 0, 0, date(2024, 3, 1)),
        # 2023-01-01 + 60: Jan 31 day 30, Feb 28 day 58, Mar 2 day 60.
        (date(2023, 1, 1), 0, 0, date(2023, 3, 2)),
        # 2023-12-31 + 60: Jan 30 day 30, Feb 29 day 60.
        (date(2023, 12, 31), 0, 0, date(2024, 2, 29)),
        # extension of at most 60: 2024-01-01 + 120: Apr 30 day 120.
        (date(2024, 1, 1), 60, 0, date(2024, 4, 30)),
        # 第二十七条：技术鉴定所需时间不计入. 15 appraisal days: 2024-01-01 + 75 = Mar 16.
        (date(2024, 1, 1), 0, 15, date(2024, 3, 16)),
    ],
)
def test_investigation_report_deadline(
    occurred: date, extension: int, appraisal: int, due: date
) -> None:
    result = investigation_report_deadline(
        occurred, extension_days=extension, appraisal_days=appraisal
    )
    assert result.due == due
    assert result.is_met(due)
    assert not result.is_met(date.fromordinal(due.toordinal() + 1))


def test_extension_limit_and_unverified_counting() -> None:
    with pytest.raises(InvalidInput) as error:
        investigation_report_deadline(date(2024, 1, 1), extension_days=61)
    assert error.value.field == "extension_days"
    with pytest.raises(InvalidInput):
        investigation_report_deadline(date(2024, 1, 1), appraisal_days=-1)
    result = investigation_report_deadline(date(2024, 1, 1))
    assert result.explanation.unverified  # the day-counting convention is flagged
    assert result.latest_possible == date(2024, 4, 30)


def test_reply_deadlines() -> None:
    # 第三十二条第一款：15日内做出批复；特别重大事故30日内，延长最长不超过30日。
    # 2024-02-20 + 15: Feb 29 is day 9, Mar 6 day 15.
    assert reply_deadline(date(2024, 2, 20), AccidentGrade.LARGER).last_day == date(2024, 3, 6)
    # 2024-01-31 + 30: Feb 29 day 29, Mar 1 day 30; + 30 more: Mar 31.
    esp = AccidentGrade.ESPECIALLY_MAJOR
    assert reply_deadline(date(2024, 1, 31), esp).last_day == date(2024, 3, 1)
    assert reply_deadline(date(2024, 1, 31), esp, extension_days=30).last_day == date(2024, 3, 31)
    with pytest.raises(InvalidInput):
        reply_deadline(date(2024, 1, 31), esp, extension_days=31)
    with pytest.raises(InvalidInput):
        reply_deadline(date(2024, 1, 31), AccidentGrade.GENERAL, extension_days=1)


def test_follow_up_evaluation() -> None:
    # 安全生产法（2021）第八十六条第三款：批复事故调查报告后一年内评估. One year from 2024-02-29
    # has no corresponding day; the month's last day, 2025-02-28, is the last day.
    assert follow_up_evaluation_deadline(date(2024, 2, 29)).last_day == date(2025, 2, 28)
    assert follow_up_evaluation_deadline(date(2021, 9, 1)).last_day == date(2022, 9, 1)
    with pytest.raises(NotInForce):
        follow_up_evaluation_deadline(date(2021, 8, 31))


def test_naive_or_wrong_types() -> None:
    with pytest.raises(InvalidInput):
        investigating_authority(AccidentGrade.GENERAL, has_casualties=1)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput):
        investigation_report_deadline("2024-01-01")  # type: ignore[arg-type]
