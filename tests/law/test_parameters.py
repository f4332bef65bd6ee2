"""Dated parameter files: per-jurisdiction timelines, exact numbers, precise errors."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from safetyrules.errors import RuleDataError
from safetyrules.law.parameters import read_parameters

FILE = """
[[parameter]]
id = "example.fine.upper"
description = "示例罚款上限"
unit = "元"
type = "decimal"

[[parameter.values]]
from = 2014-12-01
value = "500000"
citation = "《中华人民共和国安全生产法》（2014年修正）第一百零九条"

[[parameter.values]]
from = 2021-09-01
value = "1000000"
citation = { instrument = "work-safety-law-2021", provision = "第一百一十四条" }

[[parameter.values]]
jurisdiction = "330000"
from = 2022-01-01
value = "800000"
citation = "《中华人民共和国安全生产法》（2021年修正）第一百一十四条"
confidence = "unverified"
note = "示例"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "parameters.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_values_by_date_and_place(tmp_path: Path) -> None:
    rule = read_parameters(write(tmp_path, FILE))["example.fine.upper"]
    assert rule.resolve("110000", date(2021, 8, 31)).value == Decimal("500000")
    assert rule.resolve("110000", date(2021, 9, 1)).value == Decimal("1000000")
    local = rule.resolve("330402", date(2022, 1, 1))
    assert (local.value, local.source.code) == (Decimal("800000"), "330000")
    assert local.reason("示例").text().endswith("（注意：该依据未经官方文本核实）")
    assert rule.resolve("330402", date(2021, 12, 31)).value == Decimal("1000000")


@pytest.mark.parametrize(
    ("change", "key"),
    [
        (('value = "500000"', "value = 500000.5"), "parameter[0].values[0].value"),
        (('value = "500000"', 'value = "abc"'), "parameter[0].values[0].value"),
        (("from = 2014-12-01", "from = 2022-01-01"), "parameter[0].values"),
        (("第一百零九条", "第X条"), "parameter[0].values[0].citation"),
        (('type = "decimal"', 'type = "float"'), "parameter[0].type"),
        (('jurisdiction = "330000"', 'jurisdiction = "339999"'), "parameter[0].values"),
        (
            ("from = 2014-12-01", "from = 2014-12-01\nrepealed_on = 2020-01-01"),
            "parameter[0].values",
        ),
    ],
)
def test_defects_name_the_key(tmp_path: Path, change: tuple[str, str], key: str) -> None:
    with pytest.raises(RuleDataError) as caught:
        read_parameters(write(tmp_path, FILE.replace(*change)))
    assert caught.value.key == key


def test_duplicate_ids_are_rejected(tmp_path: Path) -> None:
    block = FILE.split("[[parameter.values]]")[0] + FILE[FILE.index("[[parameter.values]]") :]
    with pytest.raises(RuleDataError, match="重复"):
        read_parameters(write(tmp_path, FILE + "\n" + block))
