"""The hazard ledger as a spreadsheet (隐患排查治理台账): one hazard a row, read into a
:class:`~safetyrules.hazards.HazardLedger` whose records have replayed their closed loop.

``hazards.xlsx`` (sheet 隐患台账) or ``hazards.csv``. A row holds a hazard and the dates of its
treatment; :func:`read_hazard_ledger` makes of it a :class:`~safetyrules.hazards.HazardRecord`
and takes it through the closed loop 排查→登记→整治→验收→销号 with the functions of
:mod:`safetyrules.hazards.lifecycle`, step by step and in order:

* 排查: 隐患编号、发现日期（may carry a time: ``2024-03-01 09:30``）、排查人/部门、隐患部位、
  隐患描述、隐患等级 and 整改期限 make the record. A 重大事故隐患's 判定依据 is its
  ``major_basis``: a clause of a 重大事故隐患判定标准 written as a citation
  (``《工贸企业重大事故隐患判定标准》第十一条第（三）项``), in force on the day found. A
  一般事故隐患 has no ``major_basis``: its 判定依据 (the standard or rule it breaches) is the
  note of its 登记.
* 登记: every row of the ledger is registered, on the day found, by the 排查人/部门.
* 整治: a row whose 整改责任人 is filled is under rectification from the day found (the
  rectification is assigned when the hazard is entered); 整改措施 is the note of the step. A
  row without 整改责任人 is only registered. 整改完成日期 ends the rectification but is no step
  of the loop: it is checked for order and noted on the next step (验收 or 销号).
* 验收: 验收日期、验收人 and 验收结论 record an acceptance
  (:class:`~safetyrules.hazards.Acceptance`), with 评估报告 as its evaluation report. A
  conclusion containing one of :data:`FAILED_WORDS` (不合格、不通过 …) is a failed acceptance:
  the hazard goes back to 整治 (退回整治) on the same day, unless the row is also 销号, which
  the loop refuses.
* 销号: on 销号日期, by the 验收人 (by the 整改责任人 when a 一般事故隐患 is closed without an
  acceptance).

A ledger gives days where the loop keeps times: a step on a day is placed at the start of that
day, or at the time of the step before it when that is later (a hazard found at 09:30 and
accepted the same day is accepted at 09:30). The 备注 column is not read, as in every table.

A row that contradicts the loop is rejected with one problem per defect, at the column to
correct, quoting the rule :mod:`safetyrules.hazards.machine` enforces and citing its basis: a
date before the one of an earlier step (销号 before 验收, 验收 before discovery …), a
重大事故隐患 closed without a passed acceptance or accepted without an evaluation report, an
acceptance or closure without 整改责任人, a 重大事故隐患 without 判定依据. Good rows make the
ledger; nothing is dropped silently (see :class:`~safetyrules.tables.reading.TableSummary`).

>>> ledger, result = read_hazard_ledger([
...     ["隐患编号", "发现日期", "排查人/部门", "隐患部位", "隐患描述", "隐患等级",
...      "整改责任人", "整改期限", "销号日期"],
...     ["YH-001", "2024-03-01", "安全管理部", "二层平台", "防护栏缺失", "一般", "车间主任",
...      "2024-03-08", "2024-03-02"],
...     ["YH-002", "2024-03-01", "安全管理部", "配电室", "绝缘垫破损", "一般", "电工班",
...      "2024-03-08", "2024-02-28"],
... ])
>>> [r.id for r in ledger], ledger.rectification_rate(), result.summary.counts
(['YH-001'], Decimal('100.0'), '读取 2 行：接受 1 行，拒绝 1 行，空行 0 行')
>>> print(result.problems[0])
表格 第 3 行 销号日期（I3）：早于发现日期 2024-03-01，时间不能倒退（闭环依次为排查、登记、整治、验收、销号）。依据：《安全生产事故隐患排查治理暂行规定》（国家安全生产监督管理总局令第16号）第二十二条（注意：该依据未经官方文本核实）（所填：2024-02-28）
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from safetyrules.checks import SHANGHAI
from safetyrules.errors import InvalidInput, NotInForce, SafetyRulesError
from safetyrules.hazards.definitions import HazardLevel
from safetyrules.hazards.ledger import HazardLedger
from safetyrules.hazards.lifecycle import accept, close, register, reject, start_rectification
from safetyrules.hazards.machine import Acceptance, HazardStatus
from safetyrules.hazards.provisions import PROVISIONS, HazardProvision, hazard_provision
from safetyrules.hazards.record import HazardRecord
from safetyrules.law.catalogue import instrument, require_in_force
from safetyrules.law.citation import Citation
from safetyrules.tables.cells import CellKind
from safetyrules.tables.columns import Issue, TableColumn, TableSpec
from safetyrules.tables.reading import Source, TableResult, read_table, reason_of

LEDGER_SHEET = "隐患台账"
"""The sheet of ``hazards.xlsx`` that holds the ledger (台账工作表)."""

FAILED_WORDS = ("不合格", "不通过", "未通过", "不同意")
"""Words that make a 验收结论 a failed acceptance (验收不合格); any other conclusion passes."""

LOOP = "闭环依次为排查、登记、整治、验收、销号"
"""The order of the closed loop, as messages state it (闭环顺序)."""

_Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
_PREFIXED = re.compile(r"^([a-z_]+)(?: = .*?)?: (.+)$", re.DOTALL)

# The columns that need a rectification (整治) before them, and those of an acceptance.
_AFTER_RECTIFICATION = (
    "measures",
    "rectified_on",
    "accepted_on",
    "accepted_by",
    "conclusion",
    "evaluation_report",
    "closed_on",
)
_ACCEPTANCE = ("accepted_on", "accepted_by", "conclusion", "evaluation_report")
# The dated columns in the order of the loop, and the step each belongs to.
_DATED = {
    "found_on": HazardStatus.FOUND,
    "rectified_on": HazardStatus.RECTIFYING,
    "accepted_on": HazardStatus.ACCEPTED,
    "closed_on": HazardStatus.CLOSED,
}
# Where an error of the hazard record points: its field, and the column that fills it.
_RECORD_FIELDS = {"major_basis": "basis"}


class LedgerEntry(BaseModel):
    """One row of a 隐患排查治理台账 as written (台账行): the hazard, then its treatment.

    ``found_on`` is a date or a date and a time of day (Beijing time); the other dates are
    days. :meth:`record` turns the row into a :class:`~safetyrules.hazards.HazardRecord` with
    its history.

    >>> entry = LedgerEntry(id="YH-001", found_on=date(2024, 3, 1), found_by="安全管理部",
    ...                     location="二层平台", description="防护栏缺失", level="一般事故隐患",
    ...                     responsible="车间主任", closed_on=date(2024, 3, 2))
    >>> [step.to_status.value for step in entry.record().history]
    ['登记', '整治', '销号']
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: _Text = Field(description="隐患编号")
    found_on: datetime | date = Field(description="发现日期（时间）")
    found_by: _Text = Field(description="排查人/部门")
    location: _Text = Field(description="隐患部位")
    description: _Text = Field(description="隐患描述")
    level: HazardLevel = Field(description="隐患等级")
    basis: _Text | None = Field(default=None, description="判定依据")
    responsible: _Text | None = Field(default=None, description="整改责任人")
    measures: _Text | None = Field(default=None, description="整改措施")
    deadline: date | None = Field(default=None, description="整改期限")
    rectified_on: date | None = Field(default=None, description="整改完成日期")
    accepted_by: _Text | None = Field(default=None, description="验收人")
    accepted_on: date | None = Field(default=None, description="验收日期")
    conclusion: _Text | None = Field(default=None, description="验收结论")
    evaluation_report: _Text | None = Field(default=None, description="评估报告")
    closed_on: date | None = Field(default=None, description="销号日期")

    @property
    def passed(self) -> bool | None:
        """Whether the acceptance passed (验收是否合格); None without a 验收结论.

        >>> LedgerEntry(id="YH-1", found_on=date(2024, 3, 1), found_by="安全管理部",
        ...             location="配电室", description="绝缘垫破损", level="一般事故隐患",
        ...             conclusion="整改不到位，验收不合格").passed
        False
        """
        if self.conclusion is None:
            return None
        return not any(word in self.conclusion for word in FAILED_WORDS)

    def record(self) -> HazardRecord:
        """The hazard with its closed loop replayed (台账行转为隐患记录).

        Raises :class:`~safetyrules.errors.InvalidInput` naming the column of the first
        defect; :func:`read_hazard_ledger` reports them all.

        >>> LedgerEntry(id="YH-2", found_on=date(2024, 3, 1), found_by="安全管理部",
        ...             location="抛光车间", description="除尘系统未设泄爆装置",
        ...             level="重大事故隐患").record()
        Traceback (most recent call last):
        ...
        safetyrules.errors.InvalidInput: 判定依据 = None: 重大事故隐患须写明判定依据（重大事故隐患判定标准的条款）
        """
        record, issues = _build(self)
        if record is None:
            loc, reason = issues[0]
            key = str(loc[0]) if loc else "id"
            raise InvalidInput(_name(key), getattr(self, key), reason)
        return record


def read_hazard_ledger(
    source: Source, *, sheet: str = LEDGER_SHEET
) -> tuple[HazardLedger, TableResult[LedgerEntry]]:
    """Read a 隐患排查治理台账 (读取隐患台账): the ledger of the good rows, and the reading.

    ``source`` is an .xlsx or .csv path or rows in memory, as for
    :func:`~safetyrules.tables.read_table`; ``sheet`` the sheet of a workbook. The result's
    ``records`` are the rows as read (:class:`LedgerEntry`, in ledger order, with ``rows``
    giving each one's row number), its ``problems`` every bad row and its ``summary`` the
    counts.

    >>> ledger, result = read_hazard_ledger([
    ...     {"隐患编号": "YH-3", "发现日期": "2024-03-01 09:30", "排查人/部门": "安全管理部",
    ...      "隐患部位": "抛光车间", "隐患描述": "除尘系统未设泄爆装置", "隐患等级": "重大",
    ...      "判定依据": "《工贸企业重大事故隐患判定标准》第十一条第（三）项",
    ...      "整改责任人": "设备部", "验收日期": "2024-03-20", "验收人": "安全管理部",
    ...      "验收结论": "合格", "销号日期": "2024-03-21"},
    ... ])
    >>> print(result.problems[0].column, result.problems[0].reason)
    评估报告 不能从“整治”（RECTIFYING）转为“验收”（ACCEPTED）：重大事故隐患验收合格须写明治理情况评估报告（evaluation_report）。依据：《安全生产事故隐患排查治理暂行规定》（国家安全生产监督管理总局令第16号）第十八条（注意：该依据未经官方文本核实）
    >>> len(ledger), result.summary.rejected
    (0, 1)
    """
    result = read_table(source, HAZARD_LEDGER_TABLE, sheet=sheet)
    ledger = HazardLedger(records=tuple(entry.record() for entry in result.records))
    return ledger, result


def _build(entry: LedgerEntry) -> tuple[HazardRecord | None, list[Issue]]:
    """The record of a row and its history, or the defects found, each at its column."""
    issues = _presence(entry) + _order(entry)
    found = _day(entry.found_on)
    outdated = _not_in_force(PROVISIONS, found)
    if outdated is not None:
        issues.insert(0, (("found_on",), f"{outdated}：事故隐患排查治理记录依据该规定"))
    major_basis: Citation | None = None
    note = ""
    if entry.basis is not None and entry.level is HazardLevel.MAJOR:
        try:
            major_basis = Citation.parse(entry.basis)
        except (SafetyRulesError, ValueError) as error:
            issues.append((("basis",), _citation_problem(error)))
        else:
            outdated = _not_in_force(major_basis.instrument, found)
            if outdated is not None:
                issues.append((("basis",), f"判定标准须在发现之日有效：{outdated}"))
    elif entry.basis is not None:
        note = f"判定依据：{entry.basis}"
    try:
        record = HazardRecord(
            id=entry.id,
            description=entry.description,
            level=entry.level,
            location=entry.location,
            found_on=_moment(entry.found_on),
            found_by=entry.found_by,
            major_basis=major_basis,
            deadline=entry.deadline,
        )
    except ValidationError as error:
        issues += _record_issues(error)
        return None, _first_per_column(issues)
    if issues:
        return None, _first_per_column(issues)
    return _steps(entry, record, note)


def _presence(entry: LedgerEntry) -> list[Issue]:
    """Columns that need others: a rectification needs its 整改责任人, an acceptance its date,
    its 验收人 and its conclusion."""
    issues: list[Issue] = []
    given = [key for key in _AFTER_RECTIFICATION if getattr(entry, key) is not None]
    if entry.responsible is None and given:
        message = (
            f"必填项为空：已填写{_name(given[0])}，须写明整改责任人"
            "（整治由整改责任人组织实施；未经整治不能验收、销号）"
        )
        issues.append((("responsible",), _cite(HazardStatus.RECTIFYING.basis, message)))
    accepted = [key for key in _ACCEPTANCE if getattr(entry, key) is not None]
    if accepted:
        for key in ("accepted_on", "accepted_by", "conclusion"):
            if getattr(entry, key) is None:
                message = (
                    f"必填项为空：已填写{_name(accepted[0])}，验收须写明验收日期、验收人和验收结论"
                )
                issues.append(((key,), _cite(HazardStatus.ACCEPTED.basis, message)))
    return issues


def _order(entry: LedgerEntry) -> list[Issue]:
    """Dates of the loop that go backwards: each no earlier than the latest before it."""
    issues: list[Issue] = []
    earlier: list[tuple[str, date]] = [("found_on", _day(entry.found_on))]
    for key, step in _DATED.items():
        day = getattr(entry, key)
        if key == "found_on" or day is None:
            continue
        latest_key, latest = max(earlier, key=lambda item: item[1])
        if day < latest:
            message = f"早于{_name(latest_key)} {latest.isoformat()}，时间不能倒退（{LOOP}）"
            issues.append(((key,), _cite(step.basis, message)))
        earlier.append((key, day))
    return issues


def _steps(
    entry: LedgerEntry, record: HazardRecord, note: str
) -> tuple[HazardRecord | None, list[Issue]]:
    """The record taken through the loop by the lifecycle functions; the machine's refusal of
    a step is a defect of the column that asked for it."""
    at = record.found_on
    key, target = "found_on", HazardStatus.REGISTERED
    done = f"整改完成日期 {entry.rectified_on.isoformat()}" if entry.rectified_on else ""
    try:
        record = register(record, at, entry.found_by, note=note)
        if entry.responsible is not None:
            key, target = "responsible", HazardStatus.RECTIFYING
            measures = f"整改措施：{entry.measures}" if entry.measures else ""
            record = start_rectification(record, at, entry.responsible, note=measures)
        if (
            entry.accepted_on is not None
            and entry.accepted_by is not None
            and entry.conclusion is not None
        ):
            key, target = "accepted_on", HazardStatus.ACCEPTED
            at = _moment(entry.accepted_on, at)
            passed = entry.passed is not False
            acceptance = Acceptance(
                accepted_by=entry.accepted_by,
                conclusion=entry.conclusion,
                passed=passed,
                evaluation_report=entry.evaluation_report,
            )
            record = accept(record, at, entry.accepted_by, acceptance, note=done)
            done = ""
            if not passed and entry.closed_on is None:
                record = reject(record, at, entry.accepted_by, note="验收不合格，退回整治")
        if entry.closed_on is not None:
            key, target = "closed_on", HazardStatus.CLOSED
            at = _moment(entry.closed_on, at)
            actor = entry.accepted_by or entry.responsible or entry.found_by
            record = close(record, at, actor, note=done)
    except InvalidInput as error:
        basis = target.basis
        if "评估报告" in error.message:
            key, basis = "evaluation_report", hazard_provision("major.evaluation")
        return None, [((key,), _cite(basis, error.message))]
    return record, []


def _moment(day: date | datetime, previous: datetime | None = None) -> datetime:
    """A ledger's date (or naive time) as a moment in Beijing time: the start of the day, or
    ``previous`` when that is later on the same day."""
    if isinstance(day, datetime):
        moment = day.replace(tzinfo=SHANGHAI) if day.tzinfo is None else day.astimezone(SHANGHAI)
    else:
        moment = datetime.combine(day, time(), tzinfo=SHANGHAI)
    return moment if previous is None or moment >= previous else previous


def _day(found_on: date | datetime) -> date:
    return found_on.date() if isinstance(found_on, datetime) else found_on


def _not_in_force(instrument_id: str, day: date) -> str | None:
    """Why an instrument does not apply on ``day``, naming it as citations do; None if it does."""
    try:
        require_in_force(instrument_id, day)
    except NotInForce as error:
        text = f"{instrument(instrument_id).label}{error.message}，{day.isoformat()} 不在其有效期内"
        if error.successor:
            text += f"（后继为{instrument(error.successor).label}）"
        return text
    return None


def _cite(basis: HazardProvision, message: str) -> str:
    """A rule's message with the provision it rests on (依据)."""
    return basis.reason(message).text()


def _citation_problem(error: Exception) -> str:
    if isinstance(error, ValidationError):
        why = reason_of(error.errors()[0])
    else:
        why = getattr(error, "message", str(error))
    return (
        f"重大事故隐患的判定依据应写作判定标准的条款，"
        f"如《工贸企业重大事故隐患判定标准》第十一条第（三）项：{why}"
    )


def _record_issues(error: ValidationError) -> list[Issue]:
    """The defects of a hazard record, each at the column of its field."""
    issues: list[Issue] = []
    for detail in error.errors():
        reason = reason_of(detail)
        field = str(detail["loc"][0]) if detail["loc"] else ""
        prefixed = _PREFIXED.match(reason)
        if not field and prefixed:
            field, reason = prefixed.groups()
        key = _RECORD_FIELDS.get(field, field)
        issues.append(((key,) if key in _KEYS else (), reason))
    return issues


def _first_per_column(issues: list[Issue]) -> list[Issue]:
    """One defect a column: the first found (a later one follows from it)."""
    seen: set[tuple[str | int, ...]] = set()
    kept = []
    for loc, reason in issues:
        if loc not in seen:
            seen.add(loc)
            kept.append((loc, reason))
    return kept


def _check(entry: LedgerEntry) -> list[Issue]:
    return _build(entry)[1]


def _name(key: str) -> str:
    return HAZARD_LEDGER_TABLE.column(key).zh


_LEVEL_ALIASES = {
    "一般": HazardLevel.GENERAL.value,
    "一般隐患": HazardLevel.GENERAL.value,
    "general": HazardLevel.GENERAL.value,
    "重大": HazardLevel.MAJOR.value,
    "重大隐患": HazardLevel.MAJOR.value,
    "major": HazardLevel.MAJOR.value,
}

HAZARD_LEDGER_TABLE = TableSpec(
    model=LedgerEntry,
    sheet=LEDGER_SHEET,
    title="隐患排查治理台账",
    columns=(
        TableColumn(
            "id",
            "隐患编号",
            required=True,
            description="隐患编号，表内唯一",
            other_names=("编号",),
            example="YH-2024-031",
        ),
        TableColumn(
            "found_on",
            "发现日期",
            CellKind.DATETIME,
            required=True,
            description="排查发现隐患的日期，可带时刻（如 2024-03-01 09:30）；登记在这一天",
            other_names=("发现时间", "发现日期（时间）", "排查日期", "排查时间", "检查日期"),
            example="2024-03-01",
        ),
        TableColumn(
            "found_by",
            "排查人/部门",
            required=True,
            description="排查发现隐患的人员、岗位或部门",
            other_names=("排查人", "排查部门", "发现人", "发现部门", "检查人"),
            example="安全管理部",
        ),
        TableColumn(
            "location",
            "隐患部位",
            required=True,
            description="隐患所在的部位或场所",
            other_names=("隐患位置", "部位", "隐患部位或场所", "隐患场所"),
            example="原料车间二层平台",
        ),
        TableColumn(
            "description",
            "隐患描述",
            required=True,
            description="隐患的具体情况",
            other_names=("隐患内容", "隐患情况", "存在问题", "隐患名称"),
            example="二层平台防护栏缺失",
        ),
        TableColumn(
            "level",
            "隐患等级",
            CellKind.CHOICE,
            required=True,
            description="一般事故隐患或重大事故隐患（16号令第三条）；可简写为一般、重大",
            choices=tuple(level.value for level in HazardLevel),
            aliases=_LEVEL_ALIASES,
            other_names=("隐患级别", "隐患分级"),
            example="一般事故隐患",
        ),
        TableColumn(
            "basis",
            "判定依据",
            description=(
                "重大事故隐患必填：判定标准的条款，写作《标准名称》第…条第（…）项，须在发现之日有效；"
                "一般事故隐患可写违反的标准或制度条款，记入登记说明"
            ),
            other_names=("重大事故隐患判定依据", "major_basis"),
            example="《工贸企业重大事故隐患判定标准》第十一条第（三）项",
        ),
        TableColumn(
            "responsible",
            "整改责任人",
            description="组织整改的人员、岗位或部门；填写即自发现之日起进入整治，未填写的隐患只登记",
            other_names=("整改责任部门", "整改责任人/部门", "整改负责人"),
            example="车间主任",
        ),
        TableColumn(
            "measures",
            "整改措施",
            description="整改或治理措施，记入整治说明；填写时须有整改责任人",
            other_names=("治理措施", "整改方案"),
            example="恢复防护栏并加装踢脚板",
        ),
        TableColumn(
            "deadline",
            "整改期限",
            CellKind.DATE,
            description="整改的最后一日（当日仍不算逾期），不早于发现日期；过期未销号即逾期",
            other_names=("整改时限", "要求完成日期", "计划完成日期"),
            example="2024-03-08",
        ),
        TableColumn(
            "rectified_on",
            "整改完成日期",
            CellKind.DATE,
            description="整改完成的日期：不早于发现日期，不晚于验收日期和销号日期",
            other_names=("完成日期", "实际完成日期", "整改完成时间"),
            example="2024-03-05",
        ),
        TableColumn(
            "accepted_by",
            "验收人",
            description="验收（复查）的人员、岗位或部门；有验收时必填",
            other_names=("验收部门", "复查人", "验收人/部门"),
            example="安全管理部",
        ),
        TableColumn(
            "accepted_on",
            "验收日期",
            CellKind.DATE,
            description="验收日期：不早于整改完成日期；有验收时必填",
            other_names=("验收时间", "复查日期"),
            example="2024-03-06",
        ),
        TableColumn(
            "conclusion",
            "验收结论",
            description=(
                "验收意见，如“整改到位，验收合格”；含“"
                + "”“".join(FAILED_WORDS)
                + "”的为验收不合格，隐患退回整治"
            ),
            other_names=("验收意见", "复查意见", "复查结论"),
            example="整改到位，验收合格",
        ),
        TableColumn(
            "evaluation_report",
            "评估报告",
            description="重大事故隐患验收合格必填：治理情况评估报告的编号或名称",
            other_names=("治理情况评估报告", "评估报告编号"),
            example="PG-2024-007",
        ),
        TableColumn(
            "closed_on",
            "销号日期",
            CellKind.DATE,
            description="销号日期：不早于验收日期；重大事故隐患须先经验收合格",
            other_names=("销号时间", "核销日期"),
            example="2024-03-06",
        ),
    ),
    check=_check,
    row_error_column="id",
    unique=("id",),
)
"""The hazard ledger (隐患排查治理台账), sheet 隐患台账: one hazard a row."""

_KEYS = frozenset(column.key for column in HAZARD_LEDGER_TABLE.columns)
