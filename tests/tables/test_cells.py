"""Cells from Excel and CSV: whole numbers, exact decimals, dates, 是/否 and lists."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from safetyrules.tables.cells import CellError, CellKind, convert, join_list, shown, split_list


@pytest.mark.parametrize(
    ("value", "expected"),
    [(3, 3), (3.0, 3), ("3", 3), (" 12 ", 12), ("3.0", 3), ("1,260", 1260), (-2, -2)],
)
def test_whole_numbers(value: object, expected: int) -> None:
    assert convert(CellKind.INTEGER, value) == expected


@pytest.mark.parametrize("value", [2.5, "2.5", "三", True, datetime(2024, 1, 1), float("nan")])
def test_what_is_not_a_whole_number(value: object) -> None:
    with pytest.raises(CellError, match="应为整数"):
        convert(CellKind.INTEGER, value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0.1, Decimal("0.1")),  # the float as shown, not its binary value
        (1260000.0, Decimal("1260000")),
        (1260000, Decimal("1260000")),
        ("380000.50", Decimal("380000.50")),
        ("1,260,000", Decimal("1260000")),
        (0.5, Decimal("0.5")),
    ],
)
def test_exact_numbers_come_from_the_cell_as_shown(value: object, expected: Decimal) -> None:
    assert convert(CellKind.DECIMAL, value) == expected
    assert str(convert(CellKind.DECIMAL, value)) == str(expected)


@pytest.mark.parametrize("value", ["12吨", float("inf"), "1,26,0000", False])
def test_what_is_not_a_number(value: object) -> None:
    with pytest.raises(CellError):
        convert(CellKind.DECIMAL, value)


@pytest.mark.parametrize(
    "value",
    [
        datetime(2024, 7, 18),
        date(2024, 7, 18),
        "2024-07-18",
        "2024/7/18",
        "2024.07.18",
        "2024年7月18日",
        "2024-07-18 00:00:00",
    ],
)
def test_dates(value: object) -> None:
    assert convert(CellKind.DATE, value) == date(2024, 7, 18)


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("2024-02-30", "不是有效日期"),
        ("18/07/2024", "应为日期"),
        (45491, "应为日期"),
        (datetime(2024, 7, 18, 8, 30), "不应含时刻"),
    ],
)
def test_bad_dates(value: object, reason: str) -> None:
    with pytest.raises(CellError, match=reason):
        convert(CellKind.DATE, value)


def test_yes_and_no() -> None:
    assert [convert(CellKind.BOOLEAN, v) for v in ("是", "否", True, "FALSE", "true")] == [
        True,
        False,
        True,
        False,
        True,
    ]
    with pytest.raises(CellError, match="应填 是 或 否"):
        convert(CellKind.BOOLEAN, 1)


def test_options_take_their_aliases() -> None:
    assert convert(
        CellKind.CHOICE, "storage", choices=("储存单元",), aliases={"storage": "储存单元"}
    )
    with pytest.raises(CellError, match="应为 设备设施、作业活动 之一"):
        convert(CellKind.CHOICE, "设备", choices=("设备设施", "作业活动"))
    with pytest.raises(CellError, match="应为 液化气体 之一"):
        convert(CellKind.LIST, "液化气体、剧毒气体", choices=("液化气体",))


def test_lists_split_on_the_pause_mark_or_on_line_breaks() -> None:
    assert split_list("19、 17、") == ("19", "17")
    assert split_list("先通风、再检测、后作业\n供气式呼吸器") == (
        "先通风、再检测、后作业",
        "供气式呼吸器",
    )
    items = ("除尘系统泄爆、隔爆", "防爆电气")
    assert split_list(join_list(items)) == items
    assert split_list(join_list(("液氨泄漏", "超压"))) == ("液氨泄漏", "超压")


def test_text_cells_show_numbers_as_typed() -> None:
    assert convert(CellKind.TEXT, 11.0) == "11"
    assert convert(CellKind.TEXT, " R01 ") == "R01"
    assert shown(0.30000000000000004) == "0.30000000000000004"


def test_floats_read_as_excel_shows_them() -> None:
    # =(0.7+0.2+0.1)*10 gives 9.999999999999998; Excel shows 10 (15 significant digits).
    formula = (0.7 + 0.2 + 0.1) * 10
    assert formula != 10
    assert convert(CellKind.DECIMAL, formula) == Decimal(10)
    assert str(convert(CellKind.DECIMAL, formula)) == "10"
    assert convert(CellKind.DECIMAL, 0.1 + 0.2) == Decimal("0.3")
    assert convert(CellKind.DECIMAL, 1260000.5) == Decimal("1260000.5")
    assert convert(CellKind.INTEGER, 3.0000000000000004) == 3
    assert convert(CellKind.DECIMAL, 3.0000000000000004) == Decimal(3)
    assert convert(CellKind.INTEGER, 2.9999999999999996) == 3
    with pytest.raises(CellError, match="应为整数"):
        convert(CellKind.INTEGER, 3.00000000000001)  # 15 digits show it: not a whole number


def test_codes_refuse_number_cells() -> None:
    with pytest.raises(CellError, match="代码请设为文本格式：Excel 会去掉开头的 0") as caught:
        convert(CellKind.TEXT, 111, code=True)
    assert str(caught.value) == "代码请设为文本格式：Excel 会去掉开头的 0（所填：111）"
    with pytest.raises(CellError, match="代码请设为文本格式"):
        convert(CellKind.TEXT, 111.0, code=True)
    assert convert(CellKind.TEXT, "0111", code=True) == "0111"
    assert convert(CellKind.TEXT, " 0111 ", code=True) == "0111"
    # A column whose codes never start with 0 reads a number cell as its digits.
    assert convert(CellKind.TEXT, 330402.0) == "330402"
    assert convert(CellKind.TEXT, 330402) == "330402"
