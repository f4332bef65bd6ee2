"""The audit's hazard-ledger section: counts, rate, overdue and open 重大事故隐患, read from
a folder's ledger (TOML or CSV), shown in every format."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from safetyrules.audit import audit, demo_inputs, load_inputs
from safetyrules.audit.render import to_markdown
from safetyrules.law.data_files import read_packaged_text
from safetyrules.tables import RowErrors

AS_OF = date(2026, 11, 29)
HEADER = (
    "隐患编号,发现日期,排查人/部门,隐患部位,隐患描述,隐患等级,判定依据,整改责任人,整改期限,销号日期"
)
MAJOR_BASIS = "《工贸企业重大事故隐患判定标准》第十一条第（三）项"


def folder_with(tmp_path: Path, name: str, text: str) -> Path:
    (tmp_path / "enterprise.toml").write_text(
        read_packaged_text("demo/enterprise.toml"), encoding="utf-8"
    )
    (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_counts_rate_overdue_and_open_majors_by_hand(tmp_path: Path) -> None:
    # Four hazards: A closed in time, B closed late (not overdue once closed), C open past its
    # deadline of 2026-11-19 (10 days on 2026-11-29), D a 重大事故隐患 still open, in time.
    rows = [
        "A,2026-11-01,安全管理部,仓库,通道堵塞,一般,,仓库主管,2026-11-05,2026-11-04",
        "B,2026-11-02,安全管理部,车间,护栏松动,一般,,车间主任,2026-11-06,2026-11-10",
        "C,2026-11-03,安全管理部,配电室,绝缘垫破损,一般,,电工班,2026-11-19,",
        f"D,2026-11-20,安全管理部,筛粉间,除尘器未泄爆,重大,{MAJOR_BASIS},设备部,2026-12-31,",
    ]
    folder = folder_with(tmp_path, "hazards.csv", "\n".join([HEADER, *rows]) + "\n")
    section = audit(load_inputs(folder), AS_OF).hazard_ledger
    assert section is not None
    assert section.counts.total == 4
    assert section.rate == Decimal("50.0")  # 2 closed of 4
    assert section.major_rate == Decimal("0.0")
    assert [(r.id, r.days_overdue) for r in section.overdue] == [("C", 10)]
    assert [r.id for r in section.open_majors] == ["D"]
    assert [r["id"] for r in section.table_rows()] == ["D", "A", "B", "C"]  # 重大 first
    # Before D was found and before C's deadline passed: nothing overdue, no open 重大.
    earlier = audit(load_inputs(folder), date(2026, 11, 15)).hazard_ledger
    assert earlier is not None
    assert (earlier.counts.total, earlier.overdue, earlier.open_majors) == (3, (), ())


def test_a_bad_ledger_row_is_reported_or_kept_out(tmp_path: Path) -> None:
    # 销号 before the hazard was found: the loop cannot go back in time.
    rows = [
        "A,2026-11-01,安全管理部,仓库,通道堵塞,一般,,仓库主管,2026-11-05,2026-10-30",
        "B,2026-11-02,安全管理部,车间,护栏松动,一般,,车间主任,2026-11-06,",
    ]
    folder = folder_with(tmp_path, "hazards.csv", "\n".join([HEADER, *rows]) + "\n")
    with pytest.raises(RowErrors) as raised:
        load_inputs(folder)
    (problem,) = raised.value.problems
    assert (problem.row, problem.column) == (2, "销号日期")
    kept = load_inputs(folder, keep_going=True)
    assert kept.hazard_ledger is not None
    assert [r.id for r in kept.hazard_ledger] == ["B"]
    text = to_markdown(audit(kept, AS_OF))
    assert "| 未读入的行 | hazards.csv |" in text


def test_a_repeated_id_in_a_toml_ledger_is_refused(tmp_path: Path) -> None:
    entry = (
        '[[hazard]]\nid = "YH-1"\nfound_on = 2026-11-01\nfound_by = "安全管理部"\n'
        'location = "仓库"\ndescription = "通道堵塞"\nlevel = "一般事故隐患"\n'
    )
    folder = folder_with(tmp_path, "hazards.toml", entry + "\n" + entry)
    with pytest.raises(RowErrors) as raised:
        load_inputs(folder)
    (problem,) = raised.value.problems
    assert problem.column == "hazard[1].id"
    assert "hazard[0]" in problem.reason


def test_the_demo_ledger_in_every_format() -> None:
    report = audit(demo_inputs(), AS_OF)
    markdown = to_markdown(report)
    assert "隐患排查治理台账" in markdown
    # demo/hazards.toml: YH-2026-041's deadline 2026-10-31, 29 days before 2026-11-29.
    assert "| YH-2026-041 | 一般事故隐患 | 成品库 |" in markdown
    assert "逾期 29 天仍未销号" in markdown
