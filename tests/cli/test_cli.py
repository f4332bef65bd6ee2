"""The command line, run in-process."""

import json
from pathlib import Path

from typer.testing import CliRunner

from safetyrules.cli.app import app

runner = CliRunner()


def test_demo_audit_text() -> None:
    # A wide terminal, so that rich does not wrap the instruments' titles.
    result = runner.invoke(
        app, ["audit", "--demo", "--as-of", "2026-11-29"], env={"COLUMNS": "250"}
    )
    assert result.exit_code == 0, result.output
    assert "嘉兴南湖示范食品有限公司" in result.output
    assert "南湖区 → 嘉兴市 → 浙江省 → 中华人民共和国" in result.output
    assert "中华人民共和国安全生产法" in result.output


def test_demo_audit_json_is_the_report() -> None:
    result = runner.invoke(app, ["audit", "--demo", "--as-of", "2021-08-31", "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    ids = {i["id"] for i in report["instruments"]}
    # On 2021-08-31 the 2014 amendment of 安全生产法 was in force, not the 2021 one.
    assert "work-safety-law-2014" in ids
    assert "work-safety-law-2021" not in ids
    assert report["enterprise"]["uscc"] == "91330402MA2B00000H"


def test_markdown_to_file(tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    result = runner.invoke(
        app,
        ["audit", "--demo", "--as-of", "2026-11-29", "--format", "markdown", "--output", str(out)],
    )
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("# 安全生产合规审计报告")


def test_audit_of_a_folder_and_its_errors(tmp_path: Path) -> None:
    (tmp_path / "enterprise.json").write_text(
        json.dumps(
            {
                "name": "测试",
                "uscc": "91440300192317458F",
                "industry": "C",
                "jurisdiction": "440300",
            }
        ),
        encoding="utf-8",
    )
    assert runner.invoke(app, ["audit", str(tmp_path), "--as-of", "2024-01-01"]).exit_code == 0
    (tmp_path / "enterprise.json").write_text(
        json.dumps(
            {
                "name": "测试",
                "uscc": "91440300192317458A",
                "industry": "C",
                "jurisdiction": "440300",
            }
        ),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["audit", str(tmp_path)])
    assert result.exit_code == 2
    assert "uscc" in result.output


def test_audit_needs_exactly_one_source() -> None:
    assert runner.invoke(app, ["audit"]).exit_code != 0
    assert runner.invoke(app, ["audit", "--demo", "somewhere"]).exit_code != 0
    assert runner.invoke(app, ["audit", "--demo", "--as-of", "2026-13-01"]).exit_code != 0


def test_rules_listing_and_show() -> None:
    listing = runner.invoke(app, ["rules"], env={"COLUMNS": "250"})
    assert listing.exit_code == 0
    assert "work-safety-law-2021" in listing.output
    unverified = runner.invoke(app, ["rules", "--unverified"], env={"COLUMNS": "250"})
    assert unverified.exit_code == 0
    assert "work-safety-law-2021" not in unverified.output
    assert "scheme.ls-db37" in unverified.output  # unverified rule data, not only instruments
    shown = runner.invoke(app, ["rules", "show", "accident-reporting-regulation"])
    assert shown.exit_code == 0
    assert "国务院令第493号" in shown.output
    assert "2007-06-01" in shown.output
    assert runner.invoke(app, ["rules", "show", "nope"]).exit_code == 2
