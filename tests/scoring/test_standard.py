"""Scoring-standard files: loading checks, errors by key, and the TOML round trip."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from safetyrules.errors import RuleDataError
from safetyrules.scoring import ScoringStandard, load_standard, standard_to_toml

SMALL = """
[standard]
id = "small"
name = "小型评分标准"
edition = "gbt-33000-2016"
total = "30"
official = false
confidence = "unverified"
weights = { "5.1" = "20", "5.2" = "10" }
thresholds = { 1 = "90", 2 = "75", 3 = "60" }

[[item]]
id = "5.1.1-1"
element = "5.1.1"
content = "制定安全生产目标"
points = "20"
citation = "第5.1.1条"
deductions = [
  { id = "a", kind = "all", text = "未制定目标的，不得分" },
  { id = "b", kind = "per_missing_part", points = "2", parts = 3, text = "每缺一项扣2分" },
]

[[item]]
id = "5.2.1-1"
element = "5.2.1"
content = "识别适用的法律法规和标准"
points = "10"
deductions = [{ id = "a", kind = "per_occurrence", points = "1", text = "每遗漏一项扣1分" }]

[[gate]]
id = "licence"
text = "依法应当取得的安全生产许可齐全有效"
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "standard.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_user_file_loads(tmp_path: Path) -> None:
    standard = load_standard(_write(tmp_path, SMALL))
    assert standard.total == 30
    assert standard.thresholds == {1: 90, 2: 75, 3: 60}
    assert (
        str(standard.items[0].citation)
        == "《企业安全生产标准化基本规范》（GB/T 33000-2016）第5.1.1条"
    )
    assert standard.gates[0].id == "licence"


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ('total = "30"', 'total = "31"', "total"),
        ('element = "5.2.1"', 'element = "5.9.9"', "item[1].element"),
        ('points = "1", text', 'points = "11", text', "item[1].deductions[0].points"),
        ('id = "5.2.1-1"', 'id = "5.1.1-1"', "item"),
        ('"5.2" = "10"', '"5.2" = "11"', "weights"),
        ('total = "30"', "total = 30.0", "total"),
        ('kind = "all"', 'kind = "some"', "item.0.deductions.0.kind"),
        ('2 = "75"', '2 = "95"', "thresholds"),
    ],
)
def test_a_broken_file_names_the_key(tmp_path: Path, old: str, new: str, key: str) -> None:
    assert old in SMALL
    with pytest.raises(RuleDataError) as error:
        load_standard(_write(tmp_path, SMALL.replace(old, new, 1)))
    assert (
        error.value.key.replace("[", ".")
        .replace("]", "")
        .startswith(key.replace("[", ".").replace("]", ""))
    )


def test_a_standard_built_in_python_is_checked_too(tmp_path: Path) -> None:
    data = load_standard(_write(tmp_path, SMALL)).model_dump()
    data["total"] = 40
    with pytest.raises(ValidationError, match="与总分 40 不符"):
        ScoringStandard.model_validate(data)


def test_the_file_format_round_trips(tmp_path: Path) -> None:
    first = load_standard(_write(tmp_path, SMALL))
    again = load_standard(_write(tmp_path, standard_to_toml(first)))
    assert again == first
