"""Tests of the hazard ledger (隐患排查治理台账) on a hand-made set of seven hazards.

The set (all found 2024-03-01 08:00 but G5, found 03-18):

| id | level | history | deadline |
|---|---|---|---|
| G1 | 一般 | 整治 03-01 09:00, 销号 03-01 16:00 | 03-08 |
| G2 | 一般 | 登记 03-02, 整治 03-03, 验收 03-06, 销号 03-07 | 03-08 |
| G3 | 一般 | 整治 03-02 | 03-10 |
| G4 | 一般 | 登记 03-02 | 03-05 |
| G5 | 一般 | — (found 03-18 by 班组长) | 03-25 |
| M1 | 重大 | 登记 03-02, 挂牌督办 03-04, 整治 03-05, 验收 03-24, 销号 03-25 | 03-31 |
| M2 | 重大 | 登记 03-02, 整治 03-03, 验收（不合格） 03-15, 退回整治 03-16 | 03-15 |

By hand: 3 closed of 7 → 3/7 = 42.857…% → 42.9; 重大 1/2 → 50.0; 一般 2/5 → 40.0.
As of 03-20: M1 not yet closed → 2/7 = 28.571…% → 28.6. As of 03-10: G5 not yet found → 2/6 →
33.3. Overdue on 03-20: G4 15 days (03-05), G3 10 days (03-10), M2 5 days (03-15).
"""

from __future__ import annotations

import pickle
from datetime import date
from decimal import Decimal

import pytest
from pydantic import ValidationError

from safetyrules.errors import InvalidInput
from safetyrules.hazards import (
    HazardLedger,
    HazardLevel,
    HazardRecord,
    HazardStatus,
    accept,
    close,
    list_for_supervision,
    register,
    reject,
    start_rectification,
)
from tests.hazards.builders import FAILED, PASSED, PASSED_WITHOUT_REPORT, at, general, major

S = HazardStatus


def _seven() -> list[HazardRecord]:
    g1 = start_rectification(general("G1", deadline=date(2024, 3, 8)), at(3, 1, 9), "车间主任")
    g1 = close(g1, at(3, 1, 16), "车间主任")
    g2 = register(general("G2", deadline=date(2024, 3, 8)), at(3, 2), "安全管理部")
    g2 = start_rectification(g2, at(3, 3), "车间主任")
    g2 = accept(g2, at(3, 6), "安全管理部", PASSED_WITHOUT_REPORT)
    g2 = close(g2, at(3, 7), "安全管理部")
    g3 = start_rectification(general("G3", deadline=date(2024, 3, 10)), at(3, 2), "车间主任")
    g4 = register(general("G4", deadline=date(2024, 3, 5)), at(3, 2), "安全管理部")
    g5 = general("G5", deadline=date(2024, 3, 25), found=at(3, 18, 10))
    g5 = g5.model_copy(update={"found_by": "班组长"})
    m1 = register(major("M1", deadline=date(2024, 3, 31)), at(3, 2), "安全管理部")
    m1 = list_for_supervision(m1, at(3, 4), "县应急管理局")
    m1 = start_rectification(m1, at(3, 5), "设备部")
    m1 = accept(m1, at(3, 24), "安全管理部", PASSED)
    m1 = close(m1, at(3, 25), "县应急管理局")
    m2 = register(major("M2", deadline=date(2024, 3, 15)), at(3, 2), "安全管理部")
    m2 = start_rectification(m2, at(3, 3), "设备部")
    m2 = accept(m2, at(3, 15), "安全管理部", FAILED)
    m2 = reject(m2, at(3, 16), "安全管理部", note="泄爆口面积不足")
    return [g1, g2, g3, g4, g5, m1, m2]


LEDGER = HazardLedger(records=_seven())


def test_rectification_rate_overall_and_by_level() -> None:
    assert LEDGER.rectification_rate() == Decimal("42.9")
    assert LEDGER.rectification_rate(level=HazardLevel.MAJOR) == Decimal("50.0")
    assert LEDGER.rectification_rate(level=HazardLevel.GENERAL) == Decimal("40.0")


def test_rectification_rate_as_of_a_day() -> None:
    assert LEDGER.rectification_rate(date(2024, 3, 20)) == Decimal("28.6")
    assert LEDGER.rectification_rate(date(2024, 3, 10)) == Decimal("33.3")
    assert LEDGER.rectification_rate(date(2024, 3, 20), HazardLevel.MAJOR) == Decimal("0.0")


def test_no_hazards_no_rate() -> None:
    assert HazardLedger().rectification_rate() is None
    assert HazardLedger(records=_seven()[:5]).rectification_rate(level=HazardLevel.MAJOR) is None
    with pytest.raises(InvalidInput):
        LEDGER.rectification_rate(level="重大")  # type: ignore[arg-type]


def test_rounding_is_half_up() -> None:
    # 1 closed of 8 = 12.5 exactly: stays 12.5; 1 of 16 = 6.25 → 6.3 (half up, not half even).
    closed = LEDGER.records[0]
    opens = [general(f"X{i}") for i in range(15)]
    assert HazardLedger(records=[closed, *opens[:7]]).rectification_rate() == Decimal("12.5")
    assert HazardLedger(records=[closed, *opens]).rectification_rate() == Decimal("6.3")


def test_counts_as_of_a_day() -> None:
    c = LEDGER.counts(date(2024, 3, 20))
    assert c.total == 7
    assert c.by_level == {HazardLevel.GENERAL: 5, HazardLevel.MAJOR: 2}
    assert c.by_status == {
        S.FOUND: 1,
        S.REGISTERED: 1,
        S.RECTIFYING: 3,
        S.LISTED_FOR_SUPERVISION: 0,
        S.ACCEPTED: 0,
        S.CLOSED: 2,
    }
    assert c.by_level_and_status[HazardLevel.MAJOR][S.RECTIFYING] == 2
    on_the_4th = LEDGER.counts(date(2024, 3, 4))
    assert on_the_4th.total == 6
    assert on_the_4th.by_status[S.LISTED_FOR_SUPERVISION] == 1


def test_counts_of_everything() -> None:
    c = LEDGER.counts()
    assert c.total == 7
    assert c.by_status[S.CLOSED] == 3
    assert c.by_status[S.RECTIFYING] == 2


def test_overdue_most_days_first() -> None:
    assert [r.id for r in LEDGER.overdue(date(2024, 3, 20))] == ["G4", "G3", "M2"]
    assert [r.id for r in LEDGER.overdue(date(2024, 3, 5))] == []
    assert [r.id for r in LEDGER.overdue(date(2024, 3, 6))] == ["G4"]


def test_major_list() -> None:
    assert [r.id for r in LEDGER.major()] == ["M1", "M2"]


def test_log_rows() -> None:
    rows = LEDGER.log(date(2024, 3, 20))
    assert [(r.id, r.status, r.days_overdue, r.last_actor) for r in rows] == [
        ("G1", S.CLOSED, 0, "车间主任"),
        ("G2", S.CLOSED, 0, "安全管理部"),
        ("G3", S.RECTIFYING, 10, "车间主任"),
        ("G4", S.REGISTERED, 15, "安全管理部"),
        ("M1", S.RECTIFYING, 0, "设备部"),
        ("M2", S.RECTIFYING, 5, "安全管理部"),
        ("G5", S.FOUND, 0, "班组长"),
    ]
    m1 = rows[4]
    assert (m1.level, m1.location, m1.deadline) == (
        HazardLevel.MAJOR,
        "抛光车间",
        date(2024, 3, 31),
    )
    assert m1.found_on == at(3, 1, 8)
    assert [r.id for r in LEDGER.log(date(2024, 3, 10))][-1] == "M2"  # G5 not yet found


def test_ids_are_unique() -> None:
    with pytest.raises(ValidationError, match="隐患编号重复：G1"):
        HazardLedger(records=[*_seven(), _seven()[0]])


def test_the_ledger_survives_json_and_pickle() -> None:
    assert HazardLedger.model_validate_json(LEDGER.model_dump_json()) == LEDGER
    assert pickle.loads(pickle.dumps(LEDGER)) == LEDGER
    assert len(LEDGER) == 7
    assert [r.id for r in LEDGER][:2] == ["G1", "G2"]
