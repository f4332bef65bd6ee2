"""The ``safetyrules`` command (命令行): audit an enterprise, browse the rule catalogue.

The command line is the library's edge: it reads files and the clock (the default audit date
is today in Asia/Shanghai); the rule functions it calls do neither.
"""

from __future__ import annotations

import io
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated
from zoneinfo import ZoneInfo

import typer
from rich.console import Console
from rich.table import Table

from safetyrules.errors import InvalidInput, SafetyRulesError

if TYPE_CHECKING:
    from safetyrules.audit.report import AuditReport

app = typer.Typer(
    help="safetyrules：安全生产合规规则库（审计企业、查阅法律文件目录）",
    no_args_is_help=True,
    add_completion=False,
)
rules_app = typer.Typer(
    help="法律文件目录：列出、查看、筛选未核实条目", invoke_without_command=True
)
app.add_typer(rules_app, name="rules")


class OutputFormat(StrEnum):
    """Formats of the audit report (审计报告格式), the ``--format`` option of ``audit``.

    >>> OutputFormat("markdown") is OutputFormat.MARKDOWN
    True
    >>> [f.value for f in OutputFormat]
    ['text', 'json', 'markdown', 'html', 'xlsx']
    """

    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"
    HTML = "html"
    XLSX = "xlsx"


def _today() -> date:
    return datetime.now(ZoneInfo("Asia/Shanghai")).date()


def _parse_date(text: str | None) -> date:
    if text is None:
        return _today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(f"日期应写作 YYYY-MM-DD: {text!r}") from None


def _fail(error: SafetyRulesError) -> typer.Exit:
    Console(stderr=True).print(f"[red]错误：[/red]{error}", highlight=False)
    return typer.Exit(code=2)


@app.command(help="审计一家企业（audit an enterprise）：企业信息、属地、有效法律文件、事故等级。")
def audit(
    folder: Annotated[
        Path | None,
        typer.Argument(help="企业资料目录（enterprise.toml/json，可选 accidents.toml/json）"),
    ] = None,
    demo: Annotated[bool, typer.Option("--demo", help="审计内置的示例企业")] = False,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="审计基准日 YYYY-MM-DD（默认今天）")
    ] = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", help="输出格式")
    ] = OutputFormat.TEXT,
    output: Annotated[
        Path | None, typer.Option("--output", help="写入文件而非终端；批量审计时为报告目录")
    ] = None,
    batch: Annotated[
        bool,
        typer.Option("--batch", help="批量审计：目录下每个子目录为一家企业，逐家出报告并汇总"),
    ] = False,
    keep_going: Annotated[
        bool,
        typer.Option("--keep-going", help="资料中有错误的行时，跳过这些行继续审计，并在报告中列出"),
    ] = False,
) -> None:
    """审计一家企业（audit an enterprise）：企业信息、属地、有效法律文件、事故等级。

    Give the enterprise's folder or ``--demo``, not both. On 2021-08-31 the demo enterprise
    is audited against 安全生产法 as amended in 2014, the 2021 amendment not yet in force:

    >>> from typer.testing import CliRunner
    >>> runner = CliRunner()
    >>> result = runner.invoke(app, ["audit", "--demo", "--as-of", "2021-08-31", "--format", "json"])
    >>> result.exit_code, '"work-safety-law-2014"' in result.output
    (0, True)
    >>> result = runner.invoke(app, ["audit"])
    >>> result.exit_code, "二者选一" in result.output
    (2, True)
    """
    from safetyrules.audit import audit as run_audit
    from safetyrules.audit import demo_inputs, load_inputs
    from safetyrules.audit.render import print_report

    if demo == (folder is not None):
        raise typer.BadParameter("请给出企业资料目录，或使用 --demo（二者选一）")
    on = _parse_date(as_of)
    if batch:
        if folder is None or output is None:
            raise typer.BadParameter("批量审计须给出企业资料的上级目录和 --output 报告目录")
        _audit_batch(folder, output, on, output_format, keep_going)
        return
    try:
        inputs = demo_inputs() if folder is None else load_inputs(folder, keep_going=keep_going)
        report = run_audit(inputs, on)
    except SafetyRulesError as error:
        raise _fail(error) from None
    if output is not None:
        try:
            _write(report, output_format, output)
        except SafetyRulesError as error:  # openpyxl not installed
            raise _fail(error) from None
        except OSError as error:
            raise _fail(InvalidInput("--output", str(output), f"无法写入：{error}")) from None
        return
    if output_format is OutputFormat.XLSX:
        raise typer.BadParameter("xlsx 格式须用 --output 指定文件")
    if output_format is OutputFormat.TEXT:
        print_report(report, Console())
    else:
        typer.echo(_text(report, output_format))


_SUFFIX = {
    OutputFormat.TEXT: ".txt",
    OutputFormat.JSON: ".json",
    OutputFormat.MARKDOWN: ".md",
    OutputFormat.HTML: ".html",
    OutputFormat.XLSX: ".xlsx",
}


def _write(report: AuditReport, output_format: OutputFormat, target: Path) -> None:
    """Write a report to a file in a format."""
    from safetyrules.audit.render import print_report

    target.parent.mkdir(parents=True, exist_ok=True)
    if output_format is OutputFormat.XLSX:
        from safetyrules.audit.xlsx import write_xlsx

        write_xlsx(report, target)
    elif output_format is OutputFormat.TEXT:
        console = Console(record=True, width=120, file=io.StringIO())
        print_report(report, console)
        target.write_text(console.export_text(), encoding="utf-8")
    else:
        target.write_text(_text(report, output_format), encoding="utf-8")


def _text(report: AuditReport, output_format: OutputFormat) -> str:
    """A report in a text format: JSON, Markdown or HTML."""
    from safetyrules.audit.html import to_html
    from safetyrules.audit.render import to_json, to_markdown

    if output_format is OutputFormat.JSON:
        return to_json(report)
    if output_format is OutputFormat.HTML:
        return to_html(report)
    return to_markdown(report)


def _audit_batch(
    root: Path, output: Path, on: date, output_format: OutputFormat, keep_going: bool
) -> None:
    """Audit every enterprise folder under ``root``, write one report each and the summary."""
    import csv
    import json

    from rich.progress import track

    from safetyrules.audit.batch import (
        BatchItem,
        audit_folders,
        enterprise_folders,
        spreadsheet_safe,
        summary_rows,
    )

    if not root.is_dir():
        raise typer.BadParameter(f"不是目录：{root}")
    reports = output / "reports"
    folders = enterprise_folders(root, skip=output)
    if not folders:
        raise typer.BadParameter(f"{root} 下没有企业资料子目录（每家企业一个子目录）")
    reports.mkdir(parents=True, exist_ok=True)
    items: list[BatchItem] = []
    for item in track(
        audit_folders(root, on, keep_going=keep_going, skip=output),
        total=len(folders),
        description="批量审计",
        transient=True,
    ):
        items.append(item)
        if item.report is None:
            continue
        _write(item.report, output_format, reports / f"{item.folder.name}{_SUFFIX[output_format]}")
    rows = summary_rows(items)
    # A BOM so that Excel opens the Chinese headers correctly.
    with (output / "summary.csv").open("w", encoding="utf-8-sig", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]) if rows else [])
        writer.writeheader()
        writer.writerows({k: spreadsheet_safe(v) for k, v in row.items()} for row in rows)
    (output / "summary.json").write_text(
        json.dumps(summary_rows(items, "en"), ensure_ascii=False, indent=2, default=str),
        encoding="utf-8",
    )
    table = Table(title=f"批量审计汇总（{len(items)} 家，基准日 {on}）")
    shown = ("目录", "单位名称", "重大风险", "重大事故隐患", "标准化得分", "未能审计的原因")
    for header in shown:
        table.add_column(header)
    for row in rows:
        table.add_row(*(str(row[h]) for h in shown))
    Console().print(table)
    failed = sum(item.report is None for item in items)
    if failed:
        Console(stderr=True).print(f"[yellow]{failed} 家未能审计，原因见汇总表。[/yellow]")


@app.command(help="生成审计资料目录模板：enterprise.toml 和待填写的 Excel 工作簿。")
def init(
    directory: Annotated[Path, typer.Argument(help="模板目录（不存在时创建）")],
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="覆盖目录中已有的同名文件")
    ] = False,
) -> None:
    """Write an audit-folder template to fill in (审计资料目录模板).

    >>> import tempfile
    >>> from typer.testing import CliRunner
    >>> with tempfile.TemporaryDirectory() as d:
    ...     result = CliRunner().invoke(app, ["init", d])
    ...     names = sorted(p.name for p in Path(d).iterdir())
    >>> result.exit_code, "enterprise.toml" in names, "risks.xlsx" in names
    (0, True, True)
    """
    from safetyrules.audit.template import write_template

    try:
        paths = write_template(directory, as_of=_today(), overwrite=overwrite)
    except SafetyRulesError as error:
        raise _fail(error) from None
    for path in paths:
        typer.echo(path)


@app.command(help="导出 JSON 模式（JSON Schema）：每个边界模型和审计资料目录文件各一份。")
def schema(
    directory: Annotated[Path, typer.Argument(help="输出目录（不存在时创建）")],
    base_uri: Annotated[
        str, typer.Option("--base-uri", help="$id 前缀，以 / 结尾（默认相对地址）")
    ] = "",
) -> None:
    """Write the JSON Schema of every boundary model (导出 JSON 模式), one file each.

    >>> import tempfile
    >>> from typer.testing import CliRunner
    >>> with tempfile.TemporaryDirectory() as d:
    ...     result = CliRunner().invoke(app, ["schema", d])
    ...     names = sorted(p.name for p in Path(d).iterdir())
    >>> result.exit_code, "enterprise.schema.json" in names
    (0, True)
    """
    from safetyrules.schema import write_schemas

    try:
        paths = write_schemas(directory, base_uri=base_uri)
    except SafetyRulesError as error:
        raise _fail(error) from None
    for path in paths:
        typer.echo(path)


@rules_app.callback()
def rules(
    context: typer.Context,
    unverified: Annotated[
        bool, typer.Option("--unverified", help="只列出含未核实信息的条目")
    ] = False,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="只列出该日有效的文件 YYYY-MM-DD")
    ] = None,
) -> None:
    """列出法律文件目录（list the catalogue）。

    ``--as-of`` keeps the instruments 现行有效 on that date; ``--unverified`` those with
    unverified information, followed by the unverified items of the rule data:

    >>> from typer.testing import CliRunner
    >>> result = CliRunner().invoke(app, ["rules", "--as-of", "2022-01-01"], env={"COLUMNS": "200"})
    >>> result.exit_code, "work-safety-law-2021" in result.output, "work-safety-law-2014" in result.output
    (0, True, False)
    """
    if context.invoked_subcommand is not None:
        return
    from safetyrules.law.catalogue import catalogue
    from safetyrules.law.confidence import Confidence

    on = None if as_of is None else _parse_date(as_of)
    items = [
        i
        for i in catalogue()
        if (not unverified or i.confidence is Confidence.UNVERIFIED)
        and (on is None or i.in_force(on))
    ]
    table = Table(title=f"法律文件目录（{len(items)} 件）")
    for header in ("id", "文件", "类别", "有效期间", "可信度"):
        table.add_column(header)
    for i in sorted(items, key=lambda i: (i.kind.value, i.effective_from)):
        table.add_row(i.id, i.label, i.kind.value, i.period, i.confidence.label)
    console = Console()
    console.print(table)
    if unverified:
        from safetyrules.inventory import unverified_facts

        facts = [f for f in unverified_facts() if f.area != "法律文件目录"]
        data = Table(title=f"规则数据中的未核实事项（{len(facts)} 项）")
        for header in ("领域", "id", "内容"):
            data.add_column(header)
        for fact in facts:
            data.add_row(fact.area, fact.id, fact.description)
        console.print(data)


@rules_app.command("show", help="查看一件法律文件（show one instrument）及其日期、来源。")
def show(instrument_id: Annotated[str, typer.Argument(help="法律文件 id")]) -> None:
    """查看一件法律文件（show one instrument）及其日期、来源。

    A repealed edition shows its 失效日期 and its successor; an unknown id is an error
    (exit code 2):

    >>> from typer.testing import CliRunner
    >>> runner = CliRunner()
    >>> result = runner.invoke(app, ["rules", "show", "work-safety-law-2014"], env={"COLUMNS": "200"})
    >>> result.exit_code, "2021-09-01（当日起不再有效）" in result.output
    (0, True)
    >>> result = runner.invoke(app, ["rules", "show", "no-such-law"])
    >>> print(result.exit_code, result.output.strip())
    2 错误：未知的法律文件: 'no-such-law'
    """
    from safetyrules.law.catalogue import instrument
    from safetyrules.law.jurisdiction import jurisdiction

    try:
        item = instrument(instrument_id)
    except SafetyRulesError as error:
        raise _fail(error) from None
    table = Table.grid(padding=(0, 2))
    rows = [
        ("id", item.id),
        ("标题", f"《{item.title}》"),
        ("简称", item.short_title or ""),
        ("类别", item.kind.value),
        ("发布机关", item.issuer),
        ("文号", item.document_number or ""),
        ("版本", item.edition or ""),
        ("公布日期", str(item.promulgated_on or "")),
        ("施行日期", item.effective_from.isoformat()),
        ("失效日期", "" if item.repealed_on is None else f"{item.repealed_on}（当日起不再有效）"),
        ("后继文件", item.successor or ""),
        ("适用地区", jurisdiction(item.jurisdiction).name),
        ("可信度", item.confidence.label),
        ("未核实字段", "、".join(item.unverified_fields)),
        ("来源", "\n".join(item.sources)),
        ("说明", item.note or ""),
    ]
    for key, value in rows:
        if value:
            table.add_row(key, value)
    Console().print(table, highlight=False)


def main() -> None:
    """Entry point of the ``safetyrules`` command (命令行入口): runs the app on ``sys.argv``.

    Like every command line it ends with :class:`SystemExit`, code 0 on success:

    >>> import io
    >>> import sys
    >>> from contextlib import redirect_stdout
    >>> from unittest.mock import patch
    >>> out = io.StringIO()
    >>> argv = ["safetyrules", "rules", "show", "work-safety-law-2021"]
    >>> with patch.object(sys, "argv", argv), redirect_stdout(out):
    ...     try:
    ...         main()
    ...     except SystemExit as stop:
    ...         code = stop.code
    >>> code, "《中华人民共和国安全生产法》" in out.getvalue()
    (0, True)
    """
    app()
