"""The command line, run in-process."""

import csv
import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from safetyrules.cli.app import app

runner = CliRunner()
DEMO_FOLDER = Path(__file__).resolve().parents[2] / "src" / "safetyrules" / "data" / "demo"


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


def test_batch_audit_writes_one_report_each_and_a_summary(tmp_path: Path) -> None:
    root = tmp_path / "enterprises"
    root.mkdir()
    shutil.copytree(DEMO_FOLDER, root / "jiaxing")
    (root / "empty").mkdir()
    out = tmp_path / "reports"
    result = CliRunner().invoke(
        app,
        [
            "audit",
            str(root),
            "--batch",
            "--output",
            str(out),
            "--format",
            "json",
            "--as-of",
            "2026-11-29",
        ],
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["reports", "summary.csv", "summary.json"]
    assert [p.name for p in (out / "reports").iterdir()] == ["jiaxing.json"]
    report = json.loads((out / "reports" / "jiaxing.json").read_text(encoding="utf-8"))
    assert report["enterprise"]["name"] == "嘉兴南湖示范食品有限公司"
    with (out / "summary.csv").open(encoding="utf-8-sig") as file:
        rows = list(csv.DictReader(file))
    assert [r["目录"] for r in rows] == ["empty", "jiaxing"]
    assert "enterprise.toml" in rows[0]["未能审计的原因"]
    # The demo: 2 accidents (both 一般), R01 and R03 重大, 2 重大事故隐患 of 4 (see the demo data).
    assert (rows[1]["事故起数"], rows[1]["最高事故等级"], rows[1]["重大风险"]) == (
        "2",
        "一般事故",
        "2",
    )
    assert (rows[1]["隐患"], rows[1]["重大事故隐患"], rows[1]["应列入失信名单"]) == ("4", "2", "否")
    # The demo ledger (demo/hazards.toml): 3 of 6 closed; YH-2026-041 past 2026-10-31; the
    # 重大事故隐患 YH-2026-043 still under rectification. Every row was read.
    assert [rows[1][k] for k in ("台账整改率（%）", "逾期未销号隐患", "未销号重大事故隐患")] == [
        "50.0",
        "1",
        "1",
    ]
    assert rows[1]["未读入的行"] == "0"


def test_batch_needs_a_folder_and_an_output() -> None:
    result = CliRunner().invoke(app, ["audit", "--demo", "--batch"])
    assert result.exit_code == 2


def test_xlsx_report_needs_an_output_file(tmp_path: Path) -> None:
    import openpyxl

    assert runner.invoke(app, ["audit", "--demo", "--format", "xlsx"]).exit_code == 2
    target = tmp_path / "report.xlsx"
    result = runner.invoke(
        app,
        ["audit", "--demo", "--format", "xlsx", "--output", str(target), "--as-of", "2026-11-29"],
    )
    assert result.exit_code == 0, result.output
    sheets = openpyxl.load_workbook(target).sheetnames
    assert sheets[:2] == ["概况", "法律文件"]
    assert "责任追究清单" in sheets


def test_html_report_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    result = runner.invoke(
        app,
        ["audit", "--demo", "--format", "html", "--output", str(target), "--as-of", "2026-11-29"],
    )
    assert result.exit_code == 0, result.output
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "嘉兴南湖示范食品有限公司" in page
    assert "<svg" in page


def test_init_fill_and_audit_keeping_going(tmp_path: Path) -> None:
    import openpyxl

    folder = tmp_path / "acme"
    assert runner.invoke(app, ["init", str(folder)]).exit_code == 0
    enterprise = (folder / "enterprise.toml").read_text(encoding="utf-8")
    for field, value in [
        ("name", "测试食品有限公司"),
        ("uscc", "91330402MA2B00000H"),
        ("industry", "1432"),
        ("jurisdiction", "330402"),
    ]:
        enterprise = enterprise.replace(f'{field} = ""', f'{field} = "{value}"')
    (folder / "enterprise.toml").write_text(enterprise, encoding="utf-8")
    workbook = openpyxl.load_workbook(folder / "risks.xlsx")
    sheet = workbook.worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    # A column of the user's own: left unread, and said so (a warning, not a bad row).
    sheet.cell(row=1, column=len(headers) + 1, value="所属车间")
    headers.append("所属车间")

    def row(**cells: object) -> list[object]:
        return [cells.get(h) for h in headers]

    sheet.append(
        row(
            **{
                "风险点编号*": "R1",
                "风险点名称*": "动火作业",
                "类型*": "作业活动",
                "评价方法*": "LS",
                "因素L": 4,
                "因素S": 5,
            }
        )
    )
    # 7 is not a value of the LS likelihood table (1–5): the row is refused.
    sheet.append(
        row(
            **{
                "风险点编号*": "R2",
                "风险点名称*": "叉车",
                "类型*": "作业活动",
                "评价方法*": "LS",
                "因素L": 7,
                "因素S": 2,
            }
        )
    )
    workbook.save(folder / "risks.xlsx")

    strict = runner.invoke(app, ["audit", str(folder), "--as-of", "2026-11-29"])
    assert strict.exit_code == 2
    kept = runner.invoke(
        app, ["audit", str(folder), "--keep-going", "--format", "markdown", "--as-of", "2026-11-29"]
    )
    assert kept.exit_code == 0, kept.output
    assert "资料读取情况" in kept.output
    assert "| 未读入的行 | risks.xlsx | 风险点 | 3 |" in kept.output
    assert "| 未识别的列 | risks.xlsx | 风险点 | 1 | 所属车间 |" in kept.output
    assert "1 处未能读取" in kept.output
    assert "1 列未识别" in kept.output
    # LS 4 × 5 = 20: 重大 under the default scheme.
    assert "| R1 | 动火作业 | LS | 20 |" in kept.output
    # Every format shows what was not read.
    page = tmp_path / "report.html"
    book = tmp_path / "report.xlsx"
    for fmt, target in (("html", page), ("xlsx", book)):
        result = runner.invoke(
            app,
            ["audit", str(folder), "--keep-going", "--format", fmt, "--output", str(target)],
        )
        assert result.exit_code == 0, result.output
    assert "资料读取情况" in page.read_text(encoding="utf-8")
    sheet = openpyxl.load_workbook(book)["资料读取问题"]
    assert [[c.value for c in row][:5] for row in sheet.iter_rows(min_row=2)] == [
        ["未读入的行", "risks.xlsx", "风险点", 3, "因素L"],
        ["未识别的列", "risks.xlsx", "风险点", 1, "所属车间"],
    ]


def test_batch_skips_its_own_output_and_refuses_an_empty_root(tmp_path: Path) -> None:
    root = tmp_path / "enterprises"
    root.mkdir()
    empty = runner.invoke(app, ["audit", str(root), "--batch", "--output", str(tmp_path / "o")])
    assert empty.exit_code == 2
    shutil.copytree(DEMO_FOLDER, root / "jiaxing")
    # A formula in a name must not run when the summary is opened in a spreadsheet.
    enterprise = root / "jiaxing" / "enterprise.toml"
    text = enterprise.read_text(encoding="utf-8")
    enterprise.write_text(
        text.replace('name = "嘉兴南湖示范食品有限公司"', 'name = "=HYPERLINK(1)"'),
        encoding="utf-8",
    )
    out = root / "reports"  # inside the root: not an enterprise
    result = runner.invoke(
        app, ["audit", str(root), "--batch", "--output", str(out), "--as-of", "2026-11-29"]
    )
    assert result.exit_code == 0, result.output
    with (out / "summary.csv").open(encoding="utf-8-sig") as file:
        rows = list(csv.DictReader(file))
    assert [r["目录"] for r in rows] == ["jiaxing"]
    assert rows[0]["单位名称"] == "'=HYPERLINK(1)"


def test_an_output_file_in_a_new_folder(tmp_path: Path) -> None:
    target = tmp_path / "new" / "deeper" / "report.md"
    result = runner.invoke(
        app, ["audit", "--demo", "--format", "markdown", "--output", str(target)]
    )
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").startswith("# 安全生产合规审计报告")
