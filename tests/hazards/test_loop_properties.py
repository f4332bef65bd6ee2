"""Properties of the closed loop, on random sequences of attempted steps (hypothesis).

An independent oracle, written from the rules (not from the code), says which attempts are
legal; the library must accept exactly those. Over the histories that result: no history reaches
销号 without 整治; a 重大事故隐患 reaches 销号 only from a passed 验收 carrying an acceptance with
an evaluation report; replaying gives the status of the incremental path; every prefix of a valid
history is valid; times never go backwards.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from safetyrules.errors import InvalidInput
from safetyrules.hazards import (
    Acceptance,
    HazardLevel,
    HazardRecord,
    HazardStatus,
    replay,
    status,
    transition,
)
from tests.hazards.builders import FAILED, PASSED, PASSED_WITHOUT_REPORT, general, major

S = HazardStatus
ORACLE_EDGES = {
    S.FOUND: {S.REGISTERED, S.RECTIFYING},
    S.REGISTERED: {S.RECTIFYING, S.LISTED_FOR_SUPERVISION},
    S.RECTIFYING: {S.LISTED_FOR_SUPERVISION, S.ACCEPTED, S.CLOSED},
    S.LISTED_FOR_SUPERVISION: {S.RECTIFYING, S.ACCEPTED},
    S.ACCEPTED: {S.RECTIFYING, S.CLOSED},
    S.CLOSED: set(),
}


@dataclass(frozen=True)
class Oracle:
    level: HazardLevel
    status: HazardStatus
    at: datetime
    rectified: bool = False
    passed: bool = False

    def legal(self, target: HazardStatus, when: datetime, acceptance: Acceptance | None) -> bool:
        major = self.level is HazardLevel.MAJOR
        if when < self.at or target not in ORACLE_EDGES[self.status]:
            return False
        if (acceptance is not None) != (target is S.ACCEPTED):
            return False
        if self.status is S.FOUND and target is S.RECTIFYING and major:
            return False
        if target is S.LISTED_FOR_SUPERVISION and not major:
            return False
        if target is S.ACCEPTED:
            assert acceptance is not None
            if not self.rectified:
                return False
            if major and acceptance.passed and acceptance.evaluation_report is None:
                return False
        if target is S.CLOSED:
            if self.status is S.RECTIFYING and major:
                return False
            if self.status is S.ACCEPTED and not self.passed:
                return False
        return True

    def after(self, target: HazardStatus, when: datetime, acceptance: Acceptance | None) -> Oracle:
        return replace(
            self,
            status=target,
            at=when,
            rectified=self.rectified or target is S.RECTIFYING,
            passed=acceptance.passed if acceptance is not None else self.passed,
        )


Move = tuple[HazardStatus, int, Acceptance | None, bool, int]
attempts = st.lists(
    st.tuples(
        st.sampled_from(list(HazardStatus)),
        st.integers(min_value=-3, max_value=72),  # hours after the previous attempt
        st.sampled_from([None, PASSED, PASSED_WITHOUT_REPORT, FAILED]),
        st.sampled_from([True, True, False]),  # guided: aim at a legal step
        st.integers(min_value=0, max_value=5),
    ),
    max_size=30,
)
levels = st.sampled_from(list(HazardLevel))
# A guided step into 验收 usually carries a passing acceptance, so that 重大 hazards reach 销号.
GUIDED_ACCEPTANCES = [PASSED, PASSED, PASSED, FAILED, PASSED_WITHOUT_REPORT, PASSED]


def _run(level: HazardLevel, moves: list[Move]) -> tuple[HazardRecord, list[HazardStatus]]:
    record = general() if level is HazardLevel.GENERAL else major()
    oracle = Oracle(level=level, status=S.FOUND, at=record.found_on)
    path = [S.FOUND]
    when = record.found_on
    for target, hours, acceptance, guided, pick in moves:
        when = when + timedelta(hours=hours)
        if guided:
            # Aim at a step the oracle calls legal (an illegal one when there is none).
            acceptance = GUIDED_ACCEPTANCES[pick]
            options = [
                option
                for option in sorted(ORACLE_EDGES[oracle.status], key=list(HazardStatus).index)
                if oracle.legal(option, when, acceptance if option is S.ACCEPTED else None)
            ]
            if options:
                target = options[pick % len(options)]
        acc = acceptance if target is S.ACCEPTED else None
        legal = oracle.legal(target, when, acc)
        try:
            new = transition(record, target, when, "安全管理部", note="测试", acceptance=acc)
        except InvalidInput:
            assert not legal, (oracle, target, when, acc)
            continue
        assert legal, (oracle, target, when, acc)
        assert status(new) is target  # the incremental path
        assert new.history[:-1] == record.history  # append-only
        record = new
        oracle = oracle.after(target, when, acc)
        path.append(target)
    return record, path


@given(levels, attempts)
def test_the_library_accepts_exactly_the_legal_steps(level: HazardLevel, moves: list[Move]) -> None:
    _run(level, moves)


@given(levels, attempts)
def test_no_history_closes_without_rectification_or_a_major_without_acceptance(
    level: HazardLevel, moves: list[Move]
) -> None:
    record, path = _run(level, moves)
    if S.CLOSED not in path:
        return
    assert S.RECTIFYING in path[: path.index(S.CLOSED)]
    if level is HazardLevel.MAJOR:
        before = record.history[-2]
        assert before.to_status is S.ACCEPTED
        assert before.acceptance is not None
        assert before.acceptance.passed
        assert before.acceptance.evaluation_report is not None


@given(levels, attempts)
def test_replay_and_prefixes_agree_with_the_incremental_path(
    level: HazardLevel, moves: list[Move]
) -> None:
    record, path = _run(level, moves)
    assert replay(record.history, level, found_on=record.found_on) is path[-1] is status(record)
    for k in range(len(record.history) + 1):
        assert replay(record.history[:k], level, found_on=record.found_on) is path[k]
    dumped = [step.model_dump(mode="json") for step in record.history]
    assert replay(dumped, level, found_on=record.found_on) is path[-1]


@given(levels, attempts)
def test_times_never_go_backwards(level: HazardLevel, moves: list[Move]) -> None:
    record, _ = _run(level, moves)
    times = [record.found_on, *(step.at for step in record.history)]
    assert times == sorted(times)


@given(levels, attempts)
def test_records_survive_json(level: HazardLevel, moves: list[Move]) -> None:
    record, _ = _run(level, moves)
    assert HazardRecord.model_validate_json(record.model_dump_json()) == record


@given(
    levels,
    st.lists(
        st.tuples(
            st.sampled_from(list(HazardStatus)),
            st.sampled_from(list(HazardStatus)),
            st.integers(min_value=-2, max_value=48),
            st.sampled_from([None, PASSED, PASSED_WITHOUT_REPORT, FAILED]),
        ),
        max_size=12,
    ),
)
def test_replay_of_arbitrary_histories_keeps_the_invariants(
    level: HazardLevel,
    raw: list[tuple[HazardStatus, HazardStatus, int, Acceptance | None]],
) -> None:
    # Histories as a JSON file might hold them: any from/to, any times. Whatever replay accepts
    # must satisfy the invariants; whatever it refuses must be refused with InvalidInput.
    when = datetime.fromisoformat("2024-03-01T08:00:00+08:00")
    history = []
    for source, target, hours, acceptance in raw:
        when += timedelta(hours=hours)
        history.append(
            {
                "from_status": source.value,
                "to_status": target.value,
                "at": when.isoformat(),
                "actor": "安全管理部",
                "acceptance": None if acceptance is None else acceptance.model_dump(),
            }
        )
    try:
        final = replay(history, level)
    except InvalidInput:
        return
    path = [S.FOUND, *(HazardStatus(step["to_status"]) for step in history)]
    assert final is path[-1]
    times = [step["at"] for step in history]
    assert times == sorted(times, key=datetime.fromisoformat)
    if S.CLOSED in path:
        assert S.RECTIFYING in path[: path.index(S.CLOSED)]
        if level is HazardLevel.MAJOR:
            assert history[-2]["to_status"] == S.ACCEPTED.value
            assert history[-2]["acceptance"] is not None
