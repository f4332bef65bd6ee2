"""Element skeletons: the counts the published sources give, and the edition by date."""

from __future__ import annotations

from datetime import date

import pytest

from safetyrules.errors import NotInForce, UnknownReference
from safetyrules.scoring import skeleton, skeleton_on


def test_aqt_9006_has_13_first_level_elements() -> None:
    # xiaomilidoc.com/p-10651296.html (冶金等工贸 评分细则) and 公开代码（仓库未识别）: 13 一级要素, in
    # this order.
    frame = skeleton("aqt-9006-2010")
    assert [e.name for e in frame.top_level()][:3] == ["安全生产目标", "组织机构和职责", "安全投入"]
    assert len(frame.top_level()) == 13


def test_gbt_33000_2016_has_8_and_28_elements() -> None:
    # 8 一级要素 (5.1–5.8), named by secondary sources (二手转载), with 6 + 4 + 2 + 4 + 4 + 3 + 3 + 2
    # = 28 二级要素, counted from the listed clauses (no source states "28" itself).
    frame = skeleton("gbt-33000-2016")
    tops = frame.top_level()
    assert [e.code for e in tops] == [f"5.{n}" for n in range(1, 9)]
    assert [len(frame.children(e.code)) for e in tops] == [6, 4, 2, 4, 4, 3, 3, 2]
    assert len(frame.leaves()) == 28
    assert frame.top_of("5.5.3").name == "安全风险管控及隐患排查治理"


def test_gbt_33000_2025_has_ten_chapters() -> None:
    frame = skeleton("gbt-33000-2025")
    assert [e.code for e in frame.top_level()] == [str(n) for n in range(4, 14)]
    assert str(frame.element("7").citation).endswith("第7章")


@pytest.mark.parametrize(
    ("on", "edition"),
    [
        (date(2017, 3, 31), "aqt-9006-2010"),
        (date(2017, 4, 1), "gbt-33000-2016"),
        (date(2025, 10, 30), "gbt-33000-2016"),
        (date(2025, 10, 31), "gbt-33000-2025"),
    ],
)
def test_the_edition_follows_the_date(on: date, edition: str) -> None:
    assert skeleton_on(on).instrument == edition


def test_errors() -> None:
    with pytest.raises(NotInForce):
        skeleton_on(date(2009, 1, 1))
    with pytest.raises(UnknownReference):
        skeleton("gbt-33000-2099")
    with pytest.raises(UnknownReference):
        skeleton("gbt-33000-2016").element("5.9")
