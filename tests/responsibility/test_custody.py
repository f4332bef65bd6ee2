"""包保责任 of major hazard installations.

《危险化学品企业重大危险源安全包保责任制办法（试行）》（应急厅〔2021〕12号, 2021-02-04）第三条: each
installation names a 主要负责人, a 技术负责人 and an 操作负责人 (reprints at m.830687.com and
aqyhjxb.cn); 第五条第（五）项 技术负责人 每季度至少一次 (tegots.com/article/10139); the 操作负责人's
weekly check has no source seen and is flagged unverified in the data.
"""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from safetyrules.errors import InvalidInput
from safetyrules.responsibility.custody import CustodyAssignment, custody_list
from safetyrules.risk.major_hazard import Role

DAY = date(2023, 6, 1)


def test_three_persons_per_installation_and_the_missing_one_reported() -> None:
    result = custody_list(
        {"氨制冷系统": "四级", "罐区": "二级"},
        [
            CustodyAssignment(
                installation="罐区",
                persons={
                    Role.PRINCIPAL: "总经理",
                    Role.TECHNICAL: "生产副总",
                    Role.OPERATIONAL: "罐区主管",
                },
            ),
            CustodyAssignment(installation="氨制冷系统", persons={Role.PRINCIPAL: "总经理"}),
        ],
        as_of=DAY,
    )
    assert [(r.installation, r.role.value, r.person) for r in result.rows] == [
        ("氨制冷系统", "主要负责人", "总经理"),
        ("氨制冷系统", "技术负责人", None),
        ("氨制冷系统", "操作负责人", None),
        ("罐区", "主要负责人", "总经理"),
        ("罐区", "技术负责人", "生产副总"),
        ("罐区", "操作负责人", "罐区主管"),
    ]
    assert [p.message for p in result.problems] == [
        "重大危险源“氨制冷系统”未明确技术负责人",
        "重大危险源“氨制冷系统”未明确操作负责人",
    ]
    assert str(result.problems[0].citation.provision) == "第三条"
    technical = result.rows[1]
    assert technical.check_frequency == "每季度至少一次"
    assert len(technical.duties) == 5


def test_before_the_measures_there_is_nothing_to_name() -> None:
    result = custody_list({"罐区": "一级"}, [], as_of=date(2021, 2, 3))
    assert (result.rows, result.problems) == ((), ())
    assert result.notes == (
        "2021-02-03《危险化学品企业重大危险源安全包保责任制办法（试行）》尚未印发，无包保责任要求",
    )


def test_after_february_2024_the_list_says_the_term_ran_out() -> None:
    before = custody_list({"罐区": None}, [], as_of=date(2024, 2, 3))
    after = custody_list({"罐区": None}, [], as_of=date(2024, 2, 4))
    assert not any("届满" in n for n in before.notes)
    assert any("届满" in n for n in after.notes)


def test_blank_names_and_unknown_grades_are_refused() -> None:
    with pytest.raises(ValidationError):
        CustodyAssignment(installation="罐区", persons={Role.PRINCIPAL: "  "})
    # GB 18218-2018 表6 has four grades.
    with pytest.raises(InvalidInput, match="级别应为"):
        custody_list({"罐区": "五级"}, [], as_of=DAY)


def test_bad_assignments_are_refused() -> None:
    with pytest.raises(InvalidInput, match="不是已辨识的重大危险源"):
        custody_list(
            {"罐区": None}, [CustodyAssignment(installation="仓库", persons={})], as_of=DAY
        )
    twice = CustodyAssignment(installation="罐区", persons={})
    with pytest.raises(InvalidInput, match="重复指定"):
        custody_list({"罐区": None}, [twice, twice], as_of=DAY)


def test_rows_export() -> None:
    rows = custody_list({"罐区": "二级"}, [], as_of=DAY).to_rows("en")
    assert [r["role"] for r in rows] == ["主要负责人", "技术负责人", "操作负责人"]
    assert rows[0]["basis"].endswith("第四条")
