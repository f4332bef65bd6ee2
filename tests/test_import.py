"""`import safetyrules` stays cheap: no rule data, no pydantic, no TOML parsing."""

import subprocess
import sys


def modules_after(statement: str) -> set[str]:
    code = f"import sys; {statement}; print('\\n'.join(sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return set(result.stdout.split())


def test_import_loads_no_rule_data_or_heavy_modules() -> None:
    loaded = modules_after("import safetyrules")
    for heavy in ("tomllib", "csv", "pydantic", "attrs", "cn2an", "typer", "rich"):
        assert heavy not in loaded, heavy
    assert not {name for name in loaded if name.startswith("safetyrules.")}


def test_public_names_load_on_first_use_without_reading_rule_data() -> None:
    loaded = modules_after("import safetyrules; safetyrules.Enterprise")
    assert "safetyrules.enterprise" in loaded
    # Defining the model reads no rule data: every table is read on first use.
    code = (
        "import safetyrules; safetyrules.Enterprise;"
        "from safetyrules.law.catalogue import catalogue;"
        "from safetyrules.law.jurisdiction import _table;"
        "print(catalogue.cache_info().currsize, _table.cache_info().currsize)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["0", "0"]
