"""Auditing many enterprises at once (批量审计): one folder per enterprise under a root folder,
one report each and a summary table.

An enterprise whose folder cannot be read or audited does not stop the batch: its row in the
summary says why.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from safetyrules.audit.inputs import load_inputs
from safetyrules.audit.report import AuditReport, audit
from safetyrules.errors import SafetyRulesError
from safetyrules.responsibility.rows import Column, Language, export
from safetyrules.risk.level import RiskLevel


class BatchItem(BaseModel):
    """One enterprise of a batch: its folder and its report, or why there is none (批量审计结果).

    >>> BatchItem(folder=Path("a"), problem="目录为空").summary()["problem"]
    '目录为空'
    """

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    folder: Path
    report: AuditReport | None = None
    problem: str | None = None

    def summary(self) -> dict[str, object]:
        """The row of the summary table, keyed by column key (汇总行)."""
        r = self.report
        if r is None:
            return {**dict.fromkeys(_KEYS, ""), "folder": self.folder.name, "problem": self.problem}
        hazards = [h for s in r.inspections if s.result for h in s.result.hazards]
        majors = [h for h in hazards if h.level.value == "重大事故隐患"]
        findings = sum(len(s.result.findings) for s in r.inspections if s.result)
        responsibility = r.responsibility
        gaps = (
            len(responsibility.system.findings)
            if responsibility is not None and responsibility.system is not None
            else ""
        )
        standardization = r.standardization
        worst = max((a.classification.grade for a in r.accidents), default=None)
        ledger = r.hazard_ledger
        return {
            "folder": self.folder.name,
            "name": r.enterprise.name,
            "uscc": r.enterprise.uscc,
            "accidents": len(r.accidents),
            "worst_accident": "" if worst is None else worst.value,
            "major_risks": "" if r.risks is None else r.risks.counts.get(RiskLevel.MAJOR, 0),
            "major_hazards": len(majors) if r.inspections else "",
            "hazards": len(hazards) if r.inspections else "",
            "findings": findings if r.inspections else "",
            "ledger_rate": "" if ledger is None or ledger.rate is None else ledger.rate,
            "ledger_overdue": "" if ledger is None else len(ledger.overdue),
            "ledger_open_majors": "" if ledger is None else len(ledger.open_majors),
            "score": ""
            if standardization is None or standardization.assessment is None
            else standardization.assessment.score,
            "responsibility_gaps": gaps,
            "listed": _listed(r),
            "unread_rows": len(r.input_problems),
            "problem": "",
        }


def _listed(report: AuditReport) -> str:
    # 是 when any decision lists the unit; 未判定 when one could not be assessed; else 否.
    if any(item.result is not None and item.result.listed for item in report.credit):
        return "是"
    if any(item.result is None for item in report.credit):
        return "未判定"
    return "否"


SUMMARY_COLUMNS = (
    Column("folder", "目录", "folder"),
    Column("name", "单位名称", "name"),
    Column("uscc", "统一社会信用代码", "uscc"),
    Column("accidents", "事故起数", "accidents"),
    Column("worst_accident", "最高事故等级", "worst_accident"),
    Column("major_risks", "重大风险", "major_risks"),
    Column("hazards", "隐患", "hazards"),
    Column("major_hazards", "重大事故隐患", "major_hazards"),
    Column("findings", "执法发现", "findings"),
    Column("ledger_rate", "台账整改率（%）", "ledger_rectification_rate"),
    Column("ledger_overdue", "逾期未销号隐患", "ledger_overdue"),
    Column("ledger_open_majors", "未销号重大事故隐患", "ledger_open_major_hazards"),
    Column("score", "标准化得分", "score"),
    Column("responsibility_gaps", "责任制问题", "responsibility_gaps"),
    Column("listed", "应列入失信名单", "listed"),
    Column("unread_rows", "未读入的行", "unread_rows"),
    Column("problem", "未能审计的原因", "problem"),
)
"""The summary table's columns, in order."""

_KEYS = tuple(c.key for c in SUMMARY_COLUMNS)


def enterprise_folders(root: Path, *, skip: Path | None = None) -> list[Path]:
    """The enterprise folders under a root, sorted by name (企业资料目录); hidden ones and
    ``skip`` (the reports' folder, when it lies under the root) left out.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as root:
    ...     for name in ("b", "a", ".git"):
    ...         Path(root, name).mkdir()
    ...     [p.name for p in enterprise_folders(Path(root))]
    ['a', 'b']
    """
    skipped = None if skip is None else skip.resolve()
    return sorted(
        p
        for p in root.iterdir()
        if p.is_dir() and not p.name.startswith(".") and p.resolve() != skipped
    )


def audit_folders(
    root: Path, as_of: date, *, keep_going: bool = False, skip: Path | None = None
) -> Iterator[BatchItem]:
    """Audit every enterprise folder under ``root`` as of a date, one at a time (批量审计).

    >>> from datetime import date
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as root:
    ...     _ = Path(root, "a-corp").mkdir()
    ...     items = list(audit_folders(Path(root), date(2026, 11, 29)))
    >>> items[0].folder.name, items[0].report is None, items[0].problem
    ('a-corp', True, "folder = '...': 目录中没有 enterprise.toml 或 enterprise.json")
    """
    for folder in enterprise_folders(root, skip=skip):
        try:
            inputs = load_inputs(folder, keep_going=keep_going)
            yield BatchItem(folder=folder, report=audit(inputs, as_of))
        except SafetyRulesError as error:
            yield BatchItem(folder=folder, problem=str(error))


def summary_rows(items: list[BatchItem], language: Language = "zh") -> list[dict[str, object]]:
    """The summary table of a batch as rows (批量审计汇总表).

    >>> summary_rows([BatchItem(folder=Path("x"), problem="缺少企业信息")])[0]["未能审计的原因"]
    '缺少企业信息'
    """
    return export([item.summary() for item in items], SUMMARY_COLUMNS, language)


def spreadsheet_safe(value: object) -> object:
    """A cell value a spreadsheet will not run as a formula (防公式注入): text starting with
    =, +, -, @, a tab or a carriage return gets a leading apostrophe.

    >>> print(spreadsheet_safe('=HYPERLINK("x")'), spreadsheet_safe("-5"), spreadsheet_safe(3))
    '=HYPERLINK("x") '-5 3
    """
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
