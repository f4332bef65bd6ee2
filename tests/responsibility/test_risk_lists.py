"""The 重大风险清单 and the 风险管控责任清单.

Hand cases: LS 4 × 5 = 20 and LS 3 × 5 = 15 under the DB37-style scheme the library ships
(R ≥ 20 重大, 15–16 较大…, see tests/risk/test_schemes.py for the sources); the control levels
重大 → 公司级 (主要负责人), 较大 → 部门级, 一般 → 车间级, 低 → 班组级 (see tests/risk for the
sources of risk/control.toml).
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from safetyrules.responsibility.risk_lists import (
    control_responsibility_list,
    major_risk_list,
)
from safetyrules.risk import ControlMeasures, RiskPoint, grade_register


def _point(point_id: str, l: int, s: int, **more: object) -> RiskPoint:  # noqa: E741
    return RiskPoint.model_validate(
        {
            "id": point_id,
            "name": f"风险点{point_id}",
            "kind": "作业活动",
            "method": "LS",
            "factors": {"L": l, "S": s},
            **more,
        }
    )


MEASURES = ControlMeasures(engineering=("联锁",), management=("作业审批",))


def test_only_major_risks_enter_the_major_list_with_their_basis() -> None:
    register = grade_register(
        [
            _point("A", 4, 5, unit="生产部", owner="总经理", measures=MEASURES),
            _point("B", 3, 5, unit="生产部", owner="生产经理"),
            _point(
                "C", 1, 1, direct=["major-hazard-installation"], unit="动力车间", owner="总经理"
            ),
        ]
    )
    result = major_risk_list(register)
    assert [row.point_id for row in result.rows] == ["A", "C"]
    assert result.rows[0].basis == "LS 评分 20（ls-db37）"
    assert result.rows[1].basis == "直接判定：涉及重大危险源的"
    assert {row.responsible for row in result.rows} == {"主要负责人"}
    # C has no measures: one problem; A is complete.
    assert [(p.row, p.message) for p in result.problems] == [
        ("C", "重大风险 C（风险点C）未填写管控措施")
    ]
    assert str(result.problems[0].citation.provision) == "第四十一条第一款"


def test_the_control_list_has_every_risk_at_its_level() -> None:
    register = grade_register(
        [
            _point("A", 4, 5, unit="生产部", owner="总经理"),
            _point("B", 3, 5, unit="生产部", owner="生产经理"),
            _point("C", 3, 3, owner="车间主任"),
            _point("D", 1, 2),
        ]
    )
    result = control_responsibility_list(register)
    assert [(r.point_id, r.level, r.control_level.value) for r in result.rows] == [
        ("A", "重大风险", "公司级"),
        ("B", "较大风险", "部门级"),
        ("C", "一般风险", "车间级"),
        ("D", "低风险", "班组级"),
    ]
    assert [p.message for p in result.problems] == [
        "风险点 C（风险点C，一般风险）未明确车间级管控的责任单位",
        "风险点 D（风险点D，低风险）未明确班组级管控的责任单位和责任人",
    ]
    rows = result.to_rows("zh")
    assert rows[2]["逐级管控层级"] == "车间级、班组级、岗位级"
    assert rows[0]["应由何人负责"] == "主要负责人"
    assert list(result.to_rows("en")[0]) == [
        "point_id",
        "name",
        "risk_level",
        "colour",
        "control_level",
        "controlled_at",
        "accountable_role",
        "supervised_by",
        "responsible_unit",
        "responsible_person",
    ]


owners = st.one_of(st.none(), st.sampled_from(["总经理", "车间主任"]))


@given(
    st.lists(
        st.tuples(st.integers(1, 5), st.integers(1, 5), owners, owners), min_size=0, max_size=12
    )
)
def test_one_problem_per_risk_without_a_unit_or_owner(
    points: list[tuple[int, int, str | None, str | None]],
) -> None:
    register = grade_register(
        [
            _point(f"P{i}", likelihood, s, unit=unit, owner=owner)
            for i, (likelihood, s, unit, owner) in enumerate(points)
        ]
    )
    result = control_responsibility_list(register)
    assert len(result.rows) == len(points)
    lacking = {f"P{i}" for i, (_, _, unit, owner) in enumerate(points) if not unit or not owner}
    assert {p.row for p in result.problems} == lacking
    assert len(result.problems) == len(lacking)
    major = major_risk_list(register)
    assert {row.point_id for row in major.rows} == {
        row.point.id for row in register.rows if row.level.value == "重大风险"
    }
