"""Tests of safetyrules.responsibility.system: checking a 全员安全生产责任制 against 安全生产法
（2021年修正）第五条、第二十一条、第二十二条、第二十五条 and the staffing thresholds, and the
首席安全官 as an enterprise role (企业自设岗位) without legal citation.
"""

from __future__ import annotations

import pickle
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from safetyrules.enterprise import Enterprise
from safetyrules.errors import InvalidInput, NotInForce, UnknownReference
from safetyrules.law.confidence import Confidence
from safetyrules.responsibility.duties import DutyHolder, statutory_duties
from safetyrules.responsibility.system import (
    CHIEF_SAFETY_OFFICER,
    FINDING_COLUMNS,
    INPUT_ERROR,
    POST_COLUMNS,
    FindingKind,
    Post,
    PostRole,
    ResponsibilitySystem,
    SafetyStaffing,
    SystemCheck,
    check_system,
    enterprise_role,
)

ON = date(2024, 6, 1)
PRESUMED = "单位类别“危险物品的储存”由企业标识“危险化学品储存”推定，须确认"


def ids(holder: DutyHolder) -> list[str]:
    return [d.id for d in statutory_duties(on=ON, holder=holder)]


PRINCIPAL_DUTIES = ids(DutyHolder.PRINCIPAL)
SAFETY_DUTIES = ids(DutyHolder.SAFETY_MANAGEMENT)
ASSIGNABLE = [d.id for d in statutory_duties(on=ON) if d.assignable]


def enterprise(employees: int = 350, place: str = "330402", **changes: object) -> Enterprise:
    data: dict[str, object] = {
        "name": "嘉兴示例化工仓储有限公司",
        "uscc": "91330402MA2B00000H",
        "industry": "5942",
        "jurisdiction": place,
        "employees": employees,
        "flags": {"危险化学品储存"},
    }
    data.update(changes)
    return Enterprise.model_validate(data)


def post(post_id: str, role: str, **changes: object) -> Post:
    data: dict[str, object] = {
        "id": post_id,
        "name": post_id,
        "role": role,
        "person": f"{post_id}责任人",
        "scope": f"{post_id}的责任范围",
        "assessment_standard": f"{post_id}的考核标准",
    }
    data.update(changes)
    return Post.model_validate(data)


def compliant() -> ResponsibilitySystem:
    """A 浙江 hazardous goods storage unit of 350 employees that meets every rule:
    机构 + 4 专职 (1% of 350 = 3.5 → 4) + 1 注册安全工程师."""
    safety = [
        post(
            f"safety-{n}",
            "安全生产管理人员",
            safety_staff="专职",
            duties=SAFETY_DUTIES if n == 1 else [],
            registered_safety_engineer=n == 1,
        )
        for n in range(1, 5)
    ]
    return ResponsibilitySystem(
        enterprise=enterprise(),
        safety_organisation=True,
        posts=[
            post("gm", "主要负责人", duties=[*PRINCIPAL_DUTIES, "all-staff.supervision-mechanism"]),
            post("vp-production", "其他负责人", duties=["other-leader.scope"]),
            *safety,
            post("operator", "一般岗位"),
        ],
    )


def kinds(result: SystemCheck) -> list[FindingKind]:
    return [f.kind for f in result.findings]


# ---------------------------------------------------------------------------
# Hand-built cases
# ---------------------------------------------------------------------------


def test_a_compliant_system_has_no_finding() -> None:
    result = check_system(compliant(), on=ON)
    assert result.ok, result.text()
    assert result.findings == ()
    assert result.errors == ()
    assert result.text() == "嘉兴示例化工仓储有限公司的全员安全生产责任制未发现问题。"
    assert result.staffing.requirement.full_time_minimum == 4


def test_an_empty_system_lists_every_gap_in_order() -> None:
    result = check_system(ResponsibilitySystem(enterprise=enterprise()), on=ON)
    # 7 (第二十一条) + 7 (第二十五条) + 1 (第二十二条第二款) duties; 第五条 has no 其他负责人 post;
    # staffing: 机构或专职, 机构, 专职 0 < 4, 注册安全工程师.
    assert (
        kinds(result) == [FindingKind.DUTY_UNASSIGNED] * 15 + [FindingKind.STAFFING_SHORTFALL] * 4
    )
    assert [f.duty_id for f in result.findings[:15]] == [
        *PRINCIPAL_DUTIES,
        *SAFETY_DUTIES,
        "all-staff.supervision-mechanism",
    ]
    first = result.findings[0]
    assert first.message == (
        "主要负责人的法定职责“建立健全并落实本单位全员安全生产责任制，加强安全生产标准化建设”"
        "未落实到任何主要负责人岗位"
    )
    assert str(first.citation) == "《中华人民共和国安全生产法》（2021年修正）第二十一条第（一）项"
    assert result.findings[16].message == f"未设置安全生产管理机构（{PRESUMED}）"
    assert str(result.findings[17].citation) == (
        "《浙江省安全生产条例》（2016年修订）第十一条第一款第（一）项"
    )


def test_every_statutory_finding_has_a_citation_and_a_chinese_message() -> None:
    # The category is given explicitly: only 浙江's rule after its 2022 revision (in force
    # 2023-03-01) is applied unverified.
    explicit = ResponsibilitySystem(
        enterprise=enterprise(flags=set()), categories=("危险物品的储存",)
    )
    result = check_system(explicit, on=ON)
    assert kinds(result).count(FindingKind.STAFFING_SHORTFALL) == 4
    for finding in result.findings:
        assert finding.citation is not None
        assert f"。依据：{finding.citation}" in finding.text()
        flagged = finding.citation.instrument == "zhejiang-work-safety-regulation-2016"
        assert (finding.confidence is Confidence.UNVERIFIED) == flagged
        assert finding.text().endswith("（注意：该依据未经官方文本核实）") == flagged
        assert PRESUMED not in finding.message


def test_staffing_findings_on_a_flag_derived_category_are_unverified() -> None:
    # The same unit known only by its flag 危险化学品储存: every staffing finding rests on the
    # presumed category, 第二十四条第一款 and 第二十七条第三款 included; the duties do not.
    result = check_system(ResponsibilitySystem(enterprise=enterprise()), on=ON)
    staffing = [f for f in result.findings if f.kind is FindingKind.STAFFING_SHORTFALL]
    assert [str(f.citation.provision) for f in staffing if f.citation] == [
        "第二十四条第一款",
        "第十一条第一款第（一）项",
        "第十一条第一款第（一）项",
        "第二十七条第三款",
    ]
    for finding in staffing:
        assert finding.confidence is Confidence.UNVERIFIED
        assert finding.message.endswith(f"（{PRESUMED}）")
        assert finding.text().endswith("（注意：该依据未经官方文本核实）")
    duties = [f for f in result.findings if f.kind is not FindingKind.STAFFING_SHORTFALL]
    assert {f.confidence for f in duties} == {Confidence.OFFICIAL}
    assert result.staffing.requirement.reasons.reasons[0].confidence is Confidence.UNVERIFIED


def test_a_post_without_scope_or_standard_or_person() -> None:
    system = compliant()
    bare = post("operator", "一般岗位", person="", scope="", assessment_standard="")
    result = check_system(system.model_copy(update={"posts": (*system.posts[:-1], bare)}), on=ON)
    assert [(f.kind, f.post_id, f.message) for f in result.findings] == [
        (FindingKind.PERSON_MISSING, "operator", "岗位“operator”未明确责任人员"),
        (FindingKind.SCOPE_MISSING, "operator", "岗位“operator”未明确责任范围"),
        (FindingKind.STANDARD_MISSING, "operator", "岗位“operator”未明确考核标准"),
    ]
    assert {str(f.citation) for f in result.findings} == {
        "《中华人民共和国安全生产法》（2021年修正）第二十二条第一款"
    }
    assert {f.duty_id for f in result.findings} == {"all-staff.post-contents"}


def test_whitespace_is_no_scope() -> None:
    assert post("x", "一般岗位", scope="   ").scope == ""


def test_a_principal_duty_given_to_a_deputy_is_still_unassigned() -> None:
    system = compliant()
    gm, vp, *rest = system.posts
    moved = (
        gm.model_copy(update={"duties": gm.duties[1:]}),
        vp.model_copy(update={"duties": (*vp.duties, PRINCIPAL_DUTIES[0])}),
        *rest,
    )
    result = check_system(system.model_copy(update={"posts": moved}), on=ON)
    (finding,) = result.findings
    assert finding.duty_id == "principal.responsibility-system"
    assert finding.message.endswith(
        "未落实到任何主要负责人岗位（已分配给vp-production，但这些岗位不是主要负责人岗位）"
    )


def test_each_other_leader_must_answer_for_their_field() -> None:
    system = compliant()
    extra = post("vp-sales", "其他负责人")
    result = check_system(system.model_copy(update={"posts": (*system.posts, extra)}), on=ON)
    (finding,) = result.findings
    assert (finding.kind, finding.post_id, finding.duty_id) == (
        FindingKind.DUTY_UNASSIGNED,
        "vp-sales",
        "other-leader.scope",
    )
    assert finding.message == (
        "其他负责人岗位“vp-sales”未明确“其他负责人对职责范围内的安全生产工作负责”"
    )
    assert str(finding.citation) == "《中华人民共和国安全生产法》（2021年修正）第五条"


def test_a_part_time_safety_manager_holds_the_safety_duties() -> None:
    # 北京, 40 employees, no listed category: 专职或者兼职 (第二十四条第二款).
    system = ResponsibilitySystem(
        enterprise=enterprise(40, "110105", flags=set()),
        posts=[
            post("gm", "主要负责人", duties=[*PRINCIPAL_DUTIES, "all-staff.supervision-mechanism"]),
            post(
                "vp",
                "其他负责人",
                safety_staff="兼职",
                duties=["other-leader.scope", *SAFETY_DUTIES],
            ),
        ],
    )
    assert check_system(system, on=ON).ok


def test_staffing_shortfall_in_the_system() -> None:
    system = compliant()
    fewer = tuple(p for p in system.posts if p.id != "safety-4")
    result = check_system(system.model_copy(update={"posts": fewer}), on=ON)
    (finding,) = result.findings
    assert finding.kind is FindingKind.STAFFING_SHORTFALL
    assert finding.message == f"专职安全生产管理人员3人，少于4人（{PRESUMED}）"
    assert (
        str(finding.citation.provision if finding.citation else None) == "第十一条第一款第（一）项"
    )
    no_organisation = check_system(system.model_copy(update={"safety_organisation": False}), on=ON)
    assert [f.message for f in no_organisation.findings] == [
        f"未设置安全生产管理机构（{PRESUMED}）"
    ]
    # Given explicitly, the category needs no confirming.
    explicit = system.model_copy(update={"posts": fewer, "categories": ("危险物品的储存",)})
    (finding,) = check_system(explicit, on=ON).findings
    assert finding.message == "专职安全生产管理人员3人，少于4人"


def test_system_categories_add_to_the_flags() -> None:
    system = compliant().model_copy(
        update={"enterprise": enterprise(flags=set()), "categories": ("危险物品的储存",)}
    )
    assert check_system(system, on=ON).ok
    # Without the category the unit is another unit: 300+ in 浙江 → 机构 + 2, no engineer rule.
    other = compliant().model_copy(update={"enterprise": enterprise(flags=set())})
    assert check_system(other, on=ON).staffing.requirement.summary() == (
        "设置安全生产管理机构，配备专职安全生产管理人员不少于2人"
    )


# ---------------------------------------------------------------------------
# Input errors
# ---------------------------------------------------------------------------


def test_unknown_and_unassignable_duty_ids_are_input_errors() -> None:
    system = compliant()
    gm, *rest = system.posts
    bad = gm.model_copy(
        update={"duties": (*gm.duties, "principal.nothing", "all-staff.post-contents")}
    )
    result = check_system(system.model_copy(update={"posts": (bad, *rest)}), on=ON)
    assert result.findings == ()
    assert not result.ok
    assert [(e.field, e.post_id, e.value) for e in result.errors] == [
        ("posts[0].duties", "gm", "principal.nothing"),
        ("posts[0].duties", "gm", "all-staff.post-contents"),
    ]
    assert result.errors[0].message == "未知的法定职责 id"
    assert result.text().splitlines()[0].startswith(f"1. {INPUT_ERROR}：posts[0].duties")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"role": "安全生产管理人员"}, "safety_staff"),
        ({"safety_staff": "专职"}, "role"),
        ({"registered_safety_engineer": True}, "registered_safety_engineer"),
        ({"duties": ["a", "a"]}, "duties"),
        ({"id": "has space"}, "id"),
        ({"role": "法定代表人"}, "role"),
        ({"chief_safety_officer": 1}, "chief_safety_officer"),
        (
            {
                "role": "安全生产管理人员",
                "safety_staff": "专职",
                "registered_safety_engineer": "是",
            },
            "registered_safety_engineer",
        ),
    ],
)
def test_post_validation(changes: dict[str, object], field: str) -> None:
    data: dict[str, object] = {"id": "p", "name": "岗位", "role": "一般岗位", **changes}
    with pytest.raises(ValueError, match=field):
        Post.model_validate(data)


def test_system_validation() -> None:
    with pytest.raises(ValueError, match="重复"):
        ResponsibilitySystem(enterprise=enterprise(), posts=[post("a", "一般岗位")] * 2)
    with pytest.raises(ValueError, match="从业人员数"):
        ResponsibilitySystem(enterprise=enterprise(employees=None))
    with pytest.raises(ValueError, match="categories"):
        ResponsibilitySystem(enterprise=enterprise(), categories=["化工"])


@pytest.mark.parametrize("field", ["safety_organisation", "chief_safety_officer_required"])
@pytest.mark.parametrize("value", [1, "true", "yes"])
def test_system_yes_no_fields_take_only_true_or_false(field: str, value: object) -> None:
    with pytest.raises(ValidationError, match=field):
        ResponsibilitySystem.model_validate({"enterprise": enterprise(), field: value})


def test_dates_before_the_2021_law() -> None:
    with pytest.raises(NotInForce, match="2014年修正文本"):
        check_system(compliant(), on=date(2021, 8, 31))


# ---------------------------------------------------------------------------
# 首席安全官 (企业自设岗位)
# ---------------------------------------------------------------------------


def test_the_chief_safety_officer_is_an_enterprise_role_without_legal_citation() -> None:
    role = enterprise_role(CHIEF_SAFETY_OFFICER)
    assert (role.name, role.kind, role.statutory, role.citation) == (
        "首席安全官",
        "企业自设岗位",
        False,
        None,
    )
    assert role.policy == "推动企业首席安全官制度，在有关重点企业设立首席安全官并由企业副职担任"
    assert "嘉兴市安全生产委员会" in role.policy_source
    # A yearly work plan of 嘉兴市: its place and year are recorded, and without the quoted
    # sentence read in the official text it is not "official".
    assert (role.policy_jurisdiction, role.policy_year) == ("330400", 2018)
    assert role.policy_confidence is Confidence.SECONDARY
    assert (role.policy_url or "").startswith("http://yjglj.jiaxing.gov.cn/")
    assert role.held_by is PostRole.OTHER_LEADER
    assert role.held_by_confidence is Confidence.UNVERIFIED
    with pytest.raises(UnknownReference):
        enterprise_role("safety-director")


def test_chief_safety_officer_only_when_the_enterprise_has_chosen_it() -> None:
    system = compliant()
    assert check_system(system, on=ON).ok
    required = check_system(
        system.model_copy(update={"chief_safety_officer_required": True}), on=ON
    )
    (finding,) = required.findings
    assert finding.kind is FindingKind.CHIEF_SAFETY_OFFICER_MISSING
    assert finding.citation is None
    assert "企业自设岗位，无法律依据" in (finding.basis or "")
    assert "无法律依据" in finding.text()
    rows = required.to_rows()
    assert rows[0]["依据"] == finding.basis
    # 南湖区 lies in 嘉兴市, but 2024 is not the policy's year 2018.
    assert finding.message == (
        "未设首席安全官（首席安全官的要求是浙江省嘉兴市2018年度安全生产工作要点提出的地方政策："
        "检查日期2024-06-01不在2018年度内；该政策是否适用于本企业，未见来源）"
    )
    assert finding.confidence is Confidence.UNVERIFIED
    assert finding.text().endswith("（注意：该依据未经官方文本核实）")


def test_chief_safety_officer_outside_jiaxing() -> None:
    system = compliant().model_copy(
        update={
            "enterprise": enterprise(place="110105"),
            "chief_safety_officer_required": True,
        }
    )
    (finding,) = (
        f for f in check_system(system, on=ON).findings if f.kind.value.startswith("未设首席")
    )
    assert "企业所在地北京市朝阳区不在浙江省嘉兴市，检查日期2024-06-01不在2018年度内" in (
        finding.message
    )
    assert finding.confidence is Confidence.UNVERIFIED


def test_the_policy_scope_of_the_chief_safety_officer() -> None:
    role = enterprise_role(CHIEF_SAFETY_OFFICER)
    # Within 嘉兴市 (any level below 330400) and within 2018: no remark.
    for place in ("330400", "330402", "330481"):
        assert role.policy_scope(place, date(2018, 1, 1)) is None
        assert role.policy_scope(place, date(2018, 12, 31)) is None
    assert role.policy_scope("330402", date(2019, 1, 1)) == (
        "首席安全官的要求是浙江省嘉兴市2018年度安全生产工作要点提出的地方政策："
        "检查日期2019-01-01不在2018年度内；该政策是否适用于本企业，未见来源"
    )
    # 浙江省 itself and 杭州市 are not within 嘉兴市.
    for place, name in (("330000", "浙江省"), ("330100", "浙江省杭州市")):
        assert role.policy_scope(place, date(2018, 6, 1)) == (
            "首席安全官的要求是浙江省嘉兴市2018年度安全生产工作要点提出的地方政策："
            f"企业所在地{name}不在浙江省嘉兴市；该政策是否适用于本企业，未见来源"
        )


def test_chief_safety_officer_held_by_a_deputy_or_not() -> None:
    system = compliant().model_copy(update={"chief_safety_officer_required": True})
    gm, vp, *rest = system.posts
    deputy = system.model_copy(
        update={"posts": (gm, vp.model_copy(update={"chief_safety_officer": True}), *rest)}
    )
    assert check_system(deputy, on=ON).ok
    principal = system.model_copy(
        update={"posts": (gm.model_copy(update={"chief_safety_officer": True}), vp, *rest)}
    )
    (finding,) = check_system(principal, on=ON).findings
    assert finding.kind is FindingKind.CHIEF_SAFETY_OFFICER_HOLDER
    assert finding.post_id == "gm"
    assert finding.confidence is Confidence.UNVERIFIED
    assert "应由企业副职（本库按其他负责人认定）担任" in finding.message
    assert "2018年度安全生产工作要点提出的地方政策" in finding.message


def test_the_holder_rule_only_when_the_enterprise_asked_for_the_role() -> None:
    system = compliant()
    gm, *rest = system.posts
    marked = system.model_copy(
        update={"posts": (gm.model_copy(update={"chief_safety_officer": True}), *rest)}
    )
    assert not marked.chief_safety_officer_required
    assert check_system(marked, on=ON).ok


# ---------------------------------------------------------------------------
# Rows
# ---------------------------------------------------------------------------


def test_post_rows_in_both_languages() -> None:
    system = compliant()
    zh, en = system.to_rows(), system.to_rows("en")
    assert list(zh[0]) == [c.zh for c in POST_COLUMNS]
    assert list(en[0]) == [c.en for c in POST_COLUMNS]
    assert list(zh[0].values()) == list(en[0].values())
    assert zh[0]["岗位"] == "gm"
    assert zh[0]["岗位类别"] == "主要负责人"
    assert zh[2]["安全生产管理人员"] == "专职"
    assert zh[2]["注册安全工程师"] is True
    assert en[0]["statutory_duties"].startswith("principal.responsibility-system；")  # type: ignore[union-attr]
    with pytest.raises(InvalidInput):
        system.to_rows("fr")  # type: ignore[arg-type]


def test_finding_rows_in_both_languages() -> None:
    result = check_system(ResponsibilitySystem(enterprise=enterprise()), on=ON)
    zh, en = result.to_rows(), result.to_rows("en")
    assert len(zh) == len(result.findings)
    assert list(zh[0]) == [c.zh for c in FINDING_COLUMNS]
    assert list(en[0]) == [c.en for c in FINDING_COLUMNS]
    assert zh[0]["问题类别"] == "法定职责未落实到岗位"
    assert zh[0]["可信度"] == "已核对官方文本"


def test_results_are_deterministic_serialisable_and_picklable() -> None:
    system = ResponsibilitySystem(enterprise=enterprise(), posts=[post("a", "其他负责人")])
    first, second = check_system(system, on=ON), check_system(system, on=ON)
    assert first == second
    assert SystemCheck.model_validate_json(first.model_dump_json()) == first
    assert pickle.loads(pickle.dumps(first)) == first
    assert ResponsibilitySystem.model_validate_json(system.model_dump_json()) == system


# ---------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------

_text = st.sampled_from(["", "内容"])


@st.composite
def posts(draw: st.DrawFn, index: int) -> Post:
    role = draw(st.sampled_from(list(PostRole)))
    if role is PostRole.SAFETY_MANAGER:
        staff: SafetyStaffing | None = draw(st.sampled_from(list(SafetyStaffing)))
    else:
        staff = draw(st.sampled_from([None, SafetyStaffing.PART_TIME]))
    return Post(
        id=f"p{index}",
        name=f"岗位{index}",
        role=role,
        person=draw(_text),
        scope=draw(_text),
        assessment_standard=draw(_text),
        duties=tuple(draw(st.lists(st.sampled_from(ASSIGNABLE), unique=True, max_size=6))),
        safety_staff=staff,
        registered_safety_engineer=staff is not None and draw(st.booleans()),
        chief_safety_officer=draw(st.booleans()),
    )


@st.composite
def systems(draw: st.DrawFn) -> ResponsibilitySystem:
    count = draw(st.integers(min_value=0, max_value=6))
    return ResponsibilitySystem(
        enterprise=enterprise(
            draw(st.integers(min_value=1, max_value=600)),
            draw(st.sampled_from(["330402", "110105"])),
            flags=draw(st.sets(st.sampled_from(["危险化学品储存", "金属冶炼", "涉爆粉尘"]))),
        ),
        posts=[draw(posts(n)) for n in range(count)],
        safety_organisation=draw(st.booleans()),
        chief_safety_officer_required=draw(st.booleans()),
    )


def keys(result: SystemCheck) -> set[tuple[str, str | None, str | None]]:
    return {f.key for f in result.findings}


@given(systems(), st.data())
def test_assigning_one_more_duty_never_adds_a_gap(
    system: ResponsibilitySystem, data: st.DataObject
) -> None:
    if not system.posts:
        return
    index = data.draw(st.integers(0, len(system.posts) - 1))
    target = system.posts[index]
    missing = [d for d in ASSIGNABLE if d not in target.duties]
    if not missing:
        return
    duty = data.draw(st.sampled_from(missing))
    changed = list(system.posts)
    changed[index] = target.model_copy(update={"duties": (*target.duties, duty)})
    before = check_system(system, on=ON)
    after = check_system(system.model_copy(update={"posts": tuple(changed)}), on=ON)
    assert keys(after) <= keys(before)
    assert len(after.findings) <= len(before.findings)


@given(systems(), st.data())
def test_removing_a_scope_adds_exactly_one_gap(
    system: ResponsibilitySystem, data: st.DataObject
) -> None:
    scoped = [n for n, p in enumerate(system.posts) if p.scope]
    if not scoped:
        return
    index = data.draw(st.sampled_from(scoped))
    changed = list(system.posts)
    changed[index] = changed[index].model_copy(update={"scope": ""})
    before = check_system(system, on=ON)
    after = check_system(system.model_copy(update={"posts": tuple(changed)}), on=ON)
    assert len(after.findings) == len(before.findings) + 1
    assert keys(after) - keys(before) == {
        (FindingKind.SCOPE_MISSING.value, system.posts[index].id, "all-staff.post-contents")
    }


@given(systems())
def test_every_finding_has_a_basis_and_the_order_is_fixed(system: ResponsibilitySystem) -> None:
    result = check_system(system, on=ON)
    for finding in result.findings:
        assert finding.citation is not None or finding.basis
    order = list(FindingKind)
    groups = [
        0 if k is not FindingKind.STAFFING_SHORTFALL and order.index(k) < 4 else order.index(k)
        for k in kinds(result)
    ]
    assert groups == sorted(groups)
    assert check_system(system, on=ON) == result
