"""The packaged accidents data files load, and broken files fail naming the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from safetyrules.accidents import _rules, category
from safetyrules.errors import RuleDataError
from safetyrules.law.data_files import packaged_files, read_packaged_text


@pytest.mark.parametrize("name", sorted(_rules.FILES))
def test_every_parameter_file_loads(name: str) -> None:
    parameters = _rules.load_rule_file(name, _rules.FILES.get(name, ()))
    assert parameters
    for overlay in parameters.values():
        for timeline in overlay.timelines.values():
            for entry in timeline.entries:
                assert entry.citation is not None


def test_every_packaged_file_is_read_by_the_module() -> None:
    assert set(packaged_files("accidents")) == set(_rules.FILES) | {category.DATA_FILE}


def test_a_float_value_names_the_key(tmp_path: Path) -> None:
    text = read_packaged_text("accidents/grading.toml").replace(
        'value = "10000000"', "value = 10000000.0"
    )
    path = tmp_path / "grading.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleDataError) as error:
        _rules.load_rule_file(path, _rules.FILES["accidents/grading.toml"])
    assert error.value.key.startswith("parameter[")
    assert "浮点数" in error.value.message


def test_a_missing_citation_names_the_key(tmp_path: Path) -> None:
    path = tmp_path / "reporting.toml"
    path.write_text(
        '[[parameter]]\nid = "accident.report.unit_head_hours"\ndescription = "x"\n'
        'type = "integer"\n[[parameter.values]]\nfrom = 2007-06-01\nvalue = 1\n',
        encoding="utf-8",
    )
    with pytest.raises(RuleDataError) as error:
        _rules.load_rule_file(path, ("accident.report.unit_head_hours",))
    assert error.value.key == "parameter[0].values[0].citation"


def test_a_missing_parameter_names_the_id(tmp_path: Path) -> None:
    path = tmp_path / "reporting.toml"
    text = read_packaged_text("accidents/reporting.toml")
    path.write_text(text.replace("accident.report.per_level_hours", "accident.report.typo"))
    with pytest.raises(RuleDataError) as error:
        _rules.load_rule_file(path, _rules.FILES["accidents/reporting.toml"])
    assert error.value.key == "parameter[id=accident.report.per_level_hours]"
