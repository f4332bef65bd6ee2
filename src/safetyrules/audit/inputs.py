"""Reading an enterprise's audit folder (审计资料目录) and the bundled demo.

A folder holds ``enterprise.toml`` (or ``enterprise.json``) with the fields of
:class:`~safetyrules.enterprise.Enterprise`. Later sections add their own files beside it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from safetyrules.enterprise import Enterprise
from safetyrules.errors import InvalidInput, RuleDataError
from safetyrules.law.data_files import parse_toml, read_packaged_text


def _enterprise(data: Any, file: str) -> Enterprise:
    try:
        return Enterprise.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or "(enterprise)"
        raise InvalidInput(f"{file}: {field}", first.get("input"), first["msg"]) from error


def load_enterprise(folder: Path) -> Enterprise:
    """Read the enterprise profile from an audit folder (读取企业基本信息).

    Errors name the file and the field.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     _ = Path(d, "enterprise.toml").write_text('name = "x"', encoding="utf-8")
    ...     load_enterprise(Path(d))
    Traceback (most recent call last):
    ...
    safetyrules.errors.InvalidInput: enterprise.toml: uscc = ...: Field required
    """
    toml_file, json_file = folder / "enterprise.toml", folder / "enterprise.json"
    if toml_file.is_file():
        text = toml_file.read_text(encoding="utf-8")
        return _enterprise(parse_toml(text, toml_file.name), toml_file.name)
    if json_file.is_file():
        try:
            data = json.loads(json_file.read_text(encoding="utf-8"))
        except json.JSONDecodeError as error:
            raise RuleDataError(json_file.name, "(file)", f"JSON 语法错误: {error}") from error
        return _enterprise(data, json_file.name)
    raise InvalidInput("folder", str(folder), "目录中没有 enterprise.toml 或 enterprise.json")


def demo_enterprise() -> Enterprise:
    """The bundled demo enterprise, a fictional food manufacturer in 嘉兴市南湖区 (示例企业).

    >>> demo_enterprise().name
    '嘉兴南湖示范食品有限公司'
    """
    name = "demo/enterprise.toml"
    return _enterprise(parse_toml(read_packaged_text(name), name), name)
