"""The tests of the listing situations (列入情形的判定规则), one function per situation id.

The wording, parties and citation of each situation are data
(:mod:`safetyrules.credit.list_rules`); this module holds the method: which facts of a
:class:`~safetyrules.credit.record.CaseFacts` make the situation apply. A test returns a
:class:`Fired` (what matched, in Chinese, with the inputs) or ``None``.

Windows of "12个月内" (应急管理部令第11号 A2) and "1年内" (安监总办〔2017〕49号) are counted from
the earlier accident with :func:`~safetyrules.credit.period.within_months`: a later accident on
the last day of the window is inside it; ``Fired.boundary`` records that the verdict rests on
that day, where the library's reading of the count decides.

>>> from datetime import date
>>> from safetyrules.accidents import AccidentGrade
>>> from safetyrules.credit.record import AccidentFacts, CaseFacts
>>> larger = [AccidentFacts(occurred_on=d, grade=AccidentGrade.LARGER, deaths=3)
...           for d in (date(2024, 3, 15), date(2025, 3, 15))]
>>> fired = TRIGGERS["a2-two-larger-accidents"](
...     CaseFacts(unit_name="某公司", penalty_decided_on=date(2025, 4, 1), accidents=larger))
>>> fired.boundary, fired.message
(True, '较大事故2起：2024-03-15、2025-03-15，后一起发生在前一起之后12个月内（最后一日2025-03-15）')
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import attrs

from safetyrules.accidents.grade import AccidentGrade
from safetyrules.credit.period import period_last_day
from safetyrules.credit.record import (
    AccidentFacts,
    CaseFacts,
    LicenceStatus,
    PrincipalConduct,
    ReportingFailure,
    ServiceMisconduct,
)
from safetyrules.law.reason import InputValue


@attrs.frozen
class Fired:
    """A situation that applies (情形成立): what matched, and the inputs it used.

    ``boundary`` is True when the verdict rests on the last day of a window, where the
    library's reading of the count decides (the reason is then marked unverified).

    >>> Fired("许可被吊销期间从事相关生产经营活动", {"licence": "REVOKED"}).boundary
    False
    """

    message: str
    inputs: dict[str, InputValue] = attrs.field(factory=dict, hash=False)
    boundary: bool = False


Trigger = Callable[[CaseFacts], Fired | None]


def _dates(accidents: Iterable[AccidentFacts]) -> str:
    return "、".join(a.occurred_on.isoformat() for a in accidents)


def _cluster(accidents: list[AccidentFacts], count: int, months: int) -> Fired | None:
    """``count`` accidents within ``months`` months of the first of them, if any."""
    ordered = sorted(accidents, key=lambda a: a.occurred_on)
    strict: tuple[AccidentFacts, ...] | None = None
    edge: tuple[AccidentFacts, ...] | None = None
    for i in range(len(ordered) - count + 1):
        group = tuple(ordered[i : i + count])
        last = period_last_day(group[0].occurred_on, months=months)
        if group[-1].occurred_on < last:
            strict = group
            break
        if group[-1].occurred_on == last and edge is None:
            edge = group
    chosen = strict or edge
    if chosen is None:
        return None
    last = period_last_day(chosen[0].occurred_on, months=months)
    return Fired(
        message=f"{chosen[0].grade.value}{count}起：{_dates(chosen)}，后一起发生在前一起之后{months}个月内"
        f"（最后一日{last.isoformat()}）"
        if count == 2
        else f"{count}起：{_dates(chosen)}，均在第一起之后{months}个月内（最后一日{last.isoformat()}）",
        inputs={"first": chosen[0].occurred_on, "last": chosen[-1].occurred_on, "window_end": last},
        boundary=strict is None,
    )


def _first(
    accidents: Iterable[AccidentFacts], test: Callable[[AccidentFacts], bool]
) -> AccidentFacts | None:
    return next((a for a in accidents if test(a)), None)


def _failures(accident: AccidentFacts, kinds: set[ReportingFailure]) -> str:
    return "、".join(f.value for f in ReportingFailure if f in accident.reporting and f in kinds)


# --- 应急管理部令第11号 ---------------------------------------------------------------------


def _a1(case: CaseFacts) -> Fired | None:
    found = _first(case.accidents, lambda a: a.grade >= AccidentGrade.MAJOR)
    if found is None:
        return None
    return Fired(
        f"{found.occurred_on.isoformat()}发生{found.grade.value}",
        {"occurred_on": found.occurred_on, "grade": found.grade.value},
    )


def _a2(case: CaseFacts) -> Fired | None:
    larger = [a for a in case.accidents if a.grade is AccidentGrade.LARGER]
    return _cluster(larger, 2, 12)


def _a3(case: CaseFacts) -> Fired | None:
    found = _first(case.accidents, lambda a: a.multiple_fine)
    if found is None:
        return None
    return Fired(
        f"{found.occurred_on.isoformat()}发生的{found.grade.value}依照《中华人民共和国安全生产法》"
        "第一百一十四条第二款被处以二倍以上五倍以下罚款",
        {"occurred_on": found.occurred_on, "multiple_fine": True},
    )


_CONCEALED_OR_FALSE = {ReportingFailure.CONCEALED, ReportingFailure.FALSE}


def _a4(case: CaseFacts) -> Fired | None:
    found = _first(case.accidents, lambda a: bool(a.reporting & _CONCEALED_OR_FALSE))
    if found is None:
        return None
    kinds = _failures(found, _CONCEALED_OR_FALSE)
    return Fired(
        f"{found.occurred_on.isoformat()}发生的{found.grade.value}有{kinds}情形",
        {"occurred_on": found.occurred_on, "reporting": kinds},
    )


def _a5(case: CaseFacts) -> Fired | None:
    found = _first(case.accidents, lambda a: bool(a.principal_conduct))
    if found is None:
        return None
    conduct = "、".join(c.value for c in PrincipalConduct if c in found.principal_conduct)
    return Fired(
        f"{found.occurred_on.isoformat()}发生事故后，主要负责人{conduct}",
        {"occurred_on": found.occurred_on, "principal_conduct": conduct},
    )


def _b1(case: CaseFacts) -> Fired | None:
    if case.licence is LicenceStatus.NOT_CONCERNED:
        return None
    return Fired(case.licence.value, {"licence": case.licence.value})


def _b2(case: CaseFacts) -> Fired | None:
    if not case.service_misconduct:
        return None
    conduct = "、".join(m.value for m in ServiceMisconduct if m in case.service_misconduct)
    return Fired(f"机构{conduct}", {"service_misconduct": conduct})


def _b3(case: CaseFacts) -> Fired | None:
    if not case.refused_decision:
        return None
    return Fired("有能力履行而拒不履行、逃避履行行政处罚决定", {"refused_decision": True})


def _b4(case: CaseFacts) -> Fired | None:
    if not case.other_serious_violation:
        return None
    return Fired(
        "作出处罚决定的部门认定其他违法行为性质恶劣、情节严重", {"other_serious_violation": True}
    )


# --- 安监总办〔2017〕49号 -------------------------------------------------------------------


def _responsible(case: CaseFacts) -> list[AccidentFacts]:
    return [a for a in case.accidents if a.responsibility]


def _j1(case: CaseFacts) -> Fired | None:
    accidents = _responsible(case)
    found = _first(accidents, lambda a: a.grade >= AccidentGrade.LARGER)
    if found is not None:
        return Fired(
            f"{found.occurred_on.isoformat()}发生{found.grade.value}（责任事故）",
            {"occurred_on": found.occurred_on, "grade": found.grade.value},
        )
    fatal = [a for a in accidents if a.grade is AccidentGrade.GENERAL and a.deaths > 0]
    cluster = _cluster(fatal, 3, 12)
    if cluster is None:
        return None
    return Fired(
        f"造成人员死亡的一般责任事故{cluster.message}",
        cluster.inputs,
        boundary=cluster.boundary,
    )


def _flag(value: bool, message: str, name: str) -> Fired | None:
    return Fired(message, {name: True}) if value else None


def _j2(case: CaseFacts) -> Fired | None:
    return _flag(
        case.licence is LicenceStatus.UNLICENSED,
        "未按规定取得安全生产许可，擅自开展生产经营建设活动",
        "licence",
    )


def _j3(case: CaseFacts) -> Fired | None:
    return _flag(
        case.major_hazard_risky_work,
        "发现重大事故隐患或者职业病危害严重超标，不及时整改，仍组织从业人员冒险作业",
        "major_hazard_risky_work",
    )


def _j4(case: CaseFacts) -> Fired | None:
    return _flag(case.evaded_supervision, "逃避、对抗安全监管监察", "evaded_supervision")


def _j5(case: CaseFacts) -> Fired | None:
    return _flag(
        case.operated_under_suspension_order,
        "被责令停产停业整顿，仍然从事生产经营建设活动",
        "operated_under_suspension_order",
    )


_J6 = {ReportingFailure.CONCEALED, ReportingFailure.FALSE, ReportingFailure.LATE}


def _j6(case: CaseFacts) -> Fired | None:
    found = _first(case.accidents, lambda a: bool(a.reporting & _J6))
    if found is None:
        return None
    kinds = _failures(found, _J6)
    return Fired(
        f"{found.occurred_on.isoformat()}发生的事故有{kinds}情形",
        {"occurred_on": found.occurred_on, "reporting": kinds},
    )


def _j7(case: CaseFacts) -> Fired | None:
    return _flag(
        case.unaccepted_facilities_in_use,
        "高危行业建设项目安全设施未经验收合格即投入生产和使用",
        "unaccepted_facilities_in_use",
    )


def _j8(case: CaseFacts) -> Fired | None:
    return _flag(case.mining_out_of_bounds, "超层越界开采、以探代采", "mining_out_of_bounds")


def _j9(case: CaseFacts) -> Fired | None:
    found = _first(
        case.accidents,
        lambda a: a.investigation_obstructed or PrincipalConduct.FLED in a.principal_conduct,
    )
    if found is None:
        return None
    parts = []
    if found.investigation_obstructed:
        parts.append("故意破坏事故现场、伪造证据资料或者妨碍、对抗事故调查")
    if PrincipalConduct.FLED in found.principal_conduct:
        parts.append("主要负责人逃逸")
    return Fired(
        f"{found.occurred_on.isoformat()}发生事故后{'，'.join(parts)}",
        {"occurred_on": found.occurred_on},
    )


_J10 = {ServiceMisconduct.FALSE_REPORT, ServiceMisconduct.QUALIFICATION_RENTED_OR_LENT}


def _j10(case: CaseFacts) -> Fired | None:
    matched = [m for m in ServiceMisconduct if m in case.service_misconduct and m in _J10]
    if not matched:
        return None
    conduct = "、".join(m.value for m in matched)
    return Fired(f"技术服务机构{conduct}", {"service_misconduct": conduct})


def _bl1(case: CaseFacts) -> Fired | None:
    if not case.serious_violations:
        return None
    found = _first(_responsible(case), lambda a: a.grade >= AccidentGrade.MAJOR)
    if found is None:
        return None
    return Fired(
        f"存在严重违法违规行为，{found.occurred_on.isoformat()}发生{found.grade.value}（责任事故）",
        {"occurred_on": found.occurred_on, "serious_violations": True},
    )


def _bl2(case: CaseFacts) -> Fired | None:
    larger = [a for a in _responsible(case) if a.grade is AccidentGrade.LARGER]
    return _cluster(larger, 2, 12)


def _bl3(case: CaseFacts) -> Fired | None:
    found = _first(_responsible(case), lambda a: a.typical and a.grade is AccidentGrade.LARGER)
    if found is None:
        return None
    return Fired(
        f"{found.occurred_on.isoformat()}发生经认定为典型的较大事故（责任事故）",
        {"occurred_on": found.occurred_on, "typical": True},
    )


TRIGGERS: dict[str, Trigger] = {
    "a1-major-accident": _a1,
    "a2-two-larger-accidents": _a2,
    "a3-multiple-fine": _a3,
    "a4-concealed-or-false-report": _a4,
    "a5-principal-misconduct": _a5,
    "b1-unlicensed-operation": _b1,
    "b2-service-body-fraud": _b2,
    "b3-refused-decision": _b3,
    "b4-other-serious-violation": _b4,
    "j1-accident": _j1,
    "j2-unlicensed": _j2,
    "j3-major-hazard-risky-work": _j3,
    "j4-evaded-supervision": _j4,
    "j5-operated-under-suspension-order": _j5,
    "j6-concealed-false-or-late-report": _j6,
    "j7-unaccepted-facilities": _j7,
    "j8-mining-out-of-bounds": _j8,
    "j9-investigation-obstructed": _j9,
    "j10-service-body-false-report": _j10,
    "bl1-major-accident-serious-violations": _bl1,
    "bl2-two-larger-accidents": _bl2,
    "bl3-typical-larger-accident": _bl3,
}
"""Situation id → its test."""


def fires_on(situation_id: str, case: CaseFacts) -> Fired | None:
    """Run one situation's test on a case (判定某一情形是否成立).

    >>> from datetime import date
    >>> from safetyrules.credit.record import CaseFacts
    >>> fires_on("b3-refused-decision", CaseFacts(unit_name="某公司",
    ...          penalty_decided_on=date(2024, 1, 2), refused_decision=True)).message
    '有能力履行而拒不履行、逃避履行行政处罚决定'
    """
    return TRIGGERS[situation_id](case)
