"""The official law texts the tests read (see ``tests/laws/README.md``)."""

from __future__ import annotations

from pathlib import Path

LAWS = Path(__file__).resolve().parent / "laws"
WORK_SAFETY_LAW_2021 = LAWS / "安全生产法(2021-06-10).md"
ADMINISTRATIVE_PENALTY_LAW_2021 = LAWS / "行政处罚法(2021-01-22).md"
ZHEJIANG_WORK_SAFETY_REGULATION_2016 = LAWS / "浙江省安全生产条例(2016-07-29).md"
