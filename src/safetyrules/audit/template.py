"""The fill-in template of an audit folder (审计资料模板).

:func:`write_template` writes what a consultant fills in for one enterprise:

* ``enterprise.toml``: the enterprise's fields, each with a comment (企业基本信息);
* ``risks.xlsx`` (风险点台账), ``accidents.xlsx`` (事故记录), ``hazard_units.xlsx``
  (危险化学品辨识单元), ``inspections.xlsx`` (三标融合检查记录) and ``responsibility.xlsx``
  (全员安全生产责任制: 岗位 and 责任制): a header row, pick-lists and checks on the cells, and
  a 说明 sheet that explains every column and lists the allowed values from the library's own
  data (the LEC, LS and MES factor tables, GB 6441 accident categories, the direct-judgement
  conditions, the checklists and their items, the statutory duties);
* ``hazards.xlsx`` (隐患排查治理台账, sheet 隐患台账), read by
  :func:`~safetyrules.tables.hazard_ledger.read_hazard_ledger`; its 说明 sheet tells which
  columns make which step of the closed loop and lists the 重大事故隐患判定标准 of the
  catalogue.

The workbooks hold no example rows: a template folder whose ``enterprise.toml`` is filled in
audits as it is, and each table adds what is entered in it. Examples are in the 说明 sheet.

>>> import tempfile
>>> from datetime import date
>>> with tempfile.TemporaryDirectory() as folder:
...     written = write_template(Path(folder), as_of=date(2026, 11, 29))
...     [path.name for path in written]
['enterprise.toml', 'risks.xlsx', 'accidents.xlsx', 'hazard_units.xlsx', 'inspections.xlsx', 'responsibility.xlsx', 'hazards.xlsx']
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from safetyrules.audit.inputs import DOCUMENT_SUFFIXES, TABLE_SUFFIXES
from safetyrules.errors import InvalidInput, SafetyRulesError
from safetyrules.tables.cells import CellKind
from safetyrules.tables.columns import TableColumn
from safetyrules.tables.hazard_ledger import FAILED_WORDS, HAZARD_LEDGER_TABLE
from safetyrules.tables.specs import (
    ACCIDENT_TABLE,
    ENTERPRISE_FIELDS,
    HAZARD_UNIT_TABLE,
    INSPECTION_TABLE,
    POST_TABLE,
    RISK_TABLE,
    SPECIAL_LISTS,
    SYSTEM_FIELDS,
    SYSTEM_SHEET,
)
from safetyrules.tables.workbook import load_openpyxl, write_tables

TEMPLATE_FILES = (
    "enterprise.toml",
    "risks.xlsx",
    "accidents.xlsx",
    "hazard_units.xlsx",
    "inspections.xlsx",
    "responsibility.xlsx",
    "hazards.xlsx",
)
"""The files :func:`write_template` writes, in order (模板文件)."""

FOLDER_SUFFIXES = (*DOCUMENT_SUFFIXES, *TABLE_SUFFIXES)
"""The suffixes a document of an audit folder may have (资料文件后缀): a template file is not
written beside one of its name with another of them.

>>> FOLDER_SUFFIXES
('.toml', '.json', '.xlsx', '.csv')
"""

Note = tuple[object, ...]


def write_template(
    directory: Path, *, as_of: date | None = None, overwrite: bool = False
) -> list[Path]:
    """Write the fill-in template of an audit folder (写出审计资料模板); returns the files.

    ``as_of`` is the date whose statutory duties the 说明 sheet of ``responsibility.xlsx``
    lists (default: today in Beijing time). An existing file is left alone unless
    ``overwrite``: the call then fails before writing anything.

    A folder that already holds one of the template's documents in another form
    (``risks.toml``, ``accidents.csv``, ``enterprise.json`` …: any of .toml, .json, .xlsx,
    .csv) is refused too, even with ``overwrite``, and nothing is written: an audit reads one
    file a name, and ``risks.xlsx`` beside ``risks.toml`` would make the next audit fail.
    Move or rename that file first (同一资料只能有一个文件).

    >>> import tempfile
    >>> from safetyrules.audit.inputs import load_inputs
    >>> from safetyrules.law.data_files import read_packaged_text
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     _ = write_template(Path(folder), as_of=date(2026, 11, 29))
    ...     demo = read_packaged_text("demo/enterprise.toml")
    ...     _ = Path(folder, "enterprise.toml").write_text(demo, encoding="utf-8")
    ...     inputs = load_inputs(Path(folder))
    >>> inputs.risks, inputs.problems, [t.read for t in inputs.tables]
    ((), (), [0, 0, 0, 0, 0, 0, 0])
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     _ = write_template(Path(folder), as_of=date(2026, 11, 29))
    ...     write_template(Path(folder))
    Traceback (most recent call last):
    ...
    safetyrules.errors.InvalidInput: directory = ...: 已有 enterprise.toml、risks.xlsx、...，未覆盖
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     _ = Path(folder, "risks.toml").write_text("risk = []", encoding="utf-8")
    ...     try:
    ...         write_template(Path(folder), overwrite=True)
    ...     except InvalidInput as error:
    ...         print(error.message)
    ...     sorted(path.name for path in Path(folder).iterdir())
    已有 risks.toml，与模板的 risks.xlsx 是同一资料（同一资料只能有一个文件）；请先移走或改名，未写入任何文件
    ['risks.toml']
    """
    load_openpyxl()  # fail before writing anything when Excel support is missing
    on = as_of if as_of is not None else datetime.now(ZoneInfo("Asia/Shanghai")).date()
    directory.mkdir(parents=True, exist_ok=True)
    paths = [directory / name for name in TEMPLATE_FILES]
    _refuse_other_forms(directory, paths)
    present = [path.name for path in paths if path.exists()]
    if present and not overwrite:
        raise InvalidInput("directory", str(directory), f"已有 {'、'.join(present)}，未覆盖")
    enterprise, risks, accidents, units, inspections, responsibility, hazards = paths
    enterprise.write_text(enterprise_toml(), encoding="utf-8")
    write_tables(risks, [RISK_TABLE], notes=_risk_notes())
    write_tables(accidents, [ACCIDENT_TABLE], notes=_accident_notes())
    write_tables(units, [HAZARD_UNIT_TABLE], notes=_unit_notes())
    write_tables(inspections, [INSPECTION_TABLE], notes=_inspection_notes())
    write_tables(responsibility, [POST_TABLE], notes=_duty_notes(on))
    _add_system_sheet(responsibility)
    write_tables(hazards, [HAZARD_LEDGER_TABLE], notes=_hazard_notes())
    return paths


def _refuse_other_forms(directory: Path, paths: list[Path]) -> None:
    # Another file of a template's name: the audit would find two files for one document.
    others: list[str] = []
    ours: list[str] = []
    for path in paths:
        found = [
            f"{path.stem}{suffix}"
            for suffix in FOLDER_SUFFIXES
            if suffix != path.suffix and (directory / f"{path.stem}{suffix}").exists()
        ]
        if found:
            others += found
            ours.append(path.name)
    if others:
        raise InvalidInput(
            "directory",
            str(directory),
            f"已有 {'、'.join(others)}，与模板的 {'、'.join(ours)} 是同一资料"
            "（同一资料只能有一个文件）；请先移走或改名，未写入任何文件",
        )


def enterprise_toml() -> str:
    """The commented ``enterprise.toml`` of the template (企业基本信息模板): required fields
    as empty strings to fill in, optional ones commented out.

    >>> text = enterprise_toml()
    >>> 'uscc = ""' in text, "# employees = 0" in text
    (True, True)
    """
    lines = [
        "# 企业基本信息：审计资料目录中唯一必备的文件。填好后运行 safetyrules audit 本目录。",
        "#",
        "# 同一目录中的工作簿（各有“说明”工作表解释每一列；留空的表不影响审计）：",
        "#   risks.xlsx 风险点台账；accidents.xlsx 事故记录；hazard_units.xlsx 危险化学品辨识单元；",
        "#   inspections.xlsx 三标融合检查记录；responsibility.xlsx 全员安全生产责任制；",
        "#   hazards.xlsx 隐患排查治理台账。",
        "# 也可改用同名的 .toml 或 .json 文件（表格也可用 UTF-8 编码的 .csv），但同一资料只能有一个文件。",
        "# 安全生产标准化自评（self_assessment.toml）和包保责任人（custody.toml）只用 TOML 或 JSON。",
        "",
    ]
    for column in ENTERPRISE_FIELDS:
        comment = (column.description or column.zh).removesuffix("，多项用、分隔")
        if column.choices:
            comment += f"；可选：{'、'.join(column.choices)}"
        lines.append(f"# {column.zh}{'（必填）' if column.required else ''}：{comment}")
        lines.append(_toml_line(column))
    return "\n".join(lines) + "\n"


def _toml_line(column: TableColumn) -> str:
    if column.required:
        return f'{column.key} = ""'
    if column.kind is CellKind.INTEGER:
        return f"# {column.key} = 0"
    if column.kind is CellKind.LIST:
        return f"# {column.key} = []"
    if column.kind is CellKind.DECIMAL:
        return f'# {column.key} = ""  # 元，写成字符串以保持精确，如 "186000000"'
    return f'# {column.key} = ""'


def _add_system_sheet(path: Path) -> None:
    # The 责任制 sheet is a 项目/内容 form, not a table: added after the table sheets.
    excel = load_openpyxl()
    book = excel.load_workbook(path)
    sheet = book.create_sheet(SYSTEM_SHEET, index=1)
    sheet.append(("项目", "内容", "说明"))
    bold = load_openpyxl("styles").Font(bold=True)
    for cell in sheet[1]:
        cell.font = bold
    rules = load_openpyxl("worksheet.datavalidation")
    for number, column in enumerate(SYSTEM_FIELDS, start=2):
        allowed = "是 或 否" if column.kind is CellKind.BOOLEAN else column.kind.value
        sheet.append((column.zh, None, f"{column.description}（{allowed}）"))
        if column.kind is CellKind.BOOLEAN:
            validation = rules.DataValidation(type="list", formula1='"是,否"', allow_blank=True)
            sheet.add_data_validation(validation)
            validation.add(f"B{number}")
    for letter, width in (("A", 26), ("B", 30), ("C", 70)):
        sheet.column_dimensions[letter].width = width
    book.save(path)


def _risk_notes() -> list[Note]:
    from safetyrules.risk.direct import direct_conditions
    from safetyrules.risk.methods import MethodName, method
    from safetyrules.risk.schemes import schemes

    notes: list[Note] = [
        (),
        ("评价方法的因素取值表（因素列只能填表中的数；不用的因素留空）",),
        ("方法", "因素", "取值", "含义"),
    ]
    for name in MethodName:
        chosen = method(name)
        for factor in chosen.factors:
            for value in factor.values:
                notes.append(
                    (
                        f"{name.value}（{chosen.name}，{chosen.formula}）",
                        f"因素{factor.symbol}：{factor.name}",
                        format(value.value, "f"),
                        value.description,
                    )
                )
    notes += [
        (),
        ("分级方案（分级方案列；留空时按方法和属地取默认方案）",),
        ("方案", "方法", "名称"),
    ]
    notes += [(s.id, s.method.value, s.name) for s in schemes()]
    notes += [(), ("直接判定情形（全国清单；省级清单见属地规定）",), ("情形 id", "内容")]
    notes += [(c.id, c.text) for c in direct_conditions()]
    return notes + _category_notes()


def _category_notes() -> list[Note]:
    from safetyrules.accidents.category import accident_categories

    notes: list[Note] = [
        (),
        (
            "事故类别（GB 6441）：2026-07-01 前发生的事故用 1986 年版代码或名称，此后用 2025 年版名称",
        ),
        ("版本", "代码", "名称"),
    ]
    for edition in ("GB 6441-1986", "GB 6441-2025"):
        notes += [(edition, c.code or "", c.name) for c in accident_categories(edition)]
    return notes


def _accident_notes() -> list[Note]:
    return [
        (),
        (
            "调查认定各列：尚无调查结论时全部留空；填写任一列即视为有调查结论，单位负有责任默认为 是",
        ),
        *_category_notes(),
    ]


def _unit_notes() -> list[Note]:
    from safetyrules.risk.major_hazard.tables import gb18218_tables

    notes: list[Note] = [
        (),
        ("一行一种危险化学品；同一单元的各行单元名称相同，单元类型和周边常住人口只需在首行填写",),
        ("单元名称留空（或合并单元格）的行属于上一行的单元；某行有错误时整个单元不读入",),
        (),
        ("特别管控类别（原总局令第40号）",),
        ("类别", "单元字段"),
        *((label, key) for label, key in SPECIAL_LISTS.items()),
        (),
        ("危险性类别符号（GB 18218-2018 表2）",),
        ("符号", "类别", "说明", "临界量（吨）"),
    ]
    for symbol, category in gb18218_tables().categories.items():
        notes.append(
            (
                symbol,
                category.hazard_class,
                category.description,
                format(category.critical_quantity, "f"),
            )
        )
    return notes


def _inspection_notes() -> list[Note]:
    from safetyrules.checklists.checklist import PACKAGED, load_checklist

    notes: list[Note] = [
        (),
        (
            "一行一个检查项；检查表、检查日期、检查人员在每次检查的首行填写，其余行留空即属于同一次检查",
        ),
        ("某行有错误时只拒绝该行，该检查项按未作答处理",),
        (),
        ("内置检查表及其检查项",),
        ("检查表", "检查项编号", "检查内容"),
    ]
    for checklist_id in PACKAGED:
        try:
            checklist = load_checklist(checklist_id)
        except SafetyRulesError:  # a checklist whose data does not load is left out
            continue
        notes.append((checklist_id, "", checklist.name))
        notes += [(checklist_id, item.id, item.content) for item in checklist.items]
    return notes


def _duty_notes(on: date) -> list[Note]:
    from safetyrules.responsibility.duties import statutory_duties

    notes: list[Note] = [
        (),
        (f"法定职责（{on.isoformat()} 有效；法定职责列填 id）",),
        ("职责 id", "承担者", "内容", "依据"),
    ]
    try:
        duties = statutory_duties(on=on)
    except SafetyRulesError:
        return notes
    return notes + [(d.id, d.holder.value, d.text, d.citation.text) for d in duties]


def _hazard_notes() -> list[Note]:
    from safetyrules.hazards.machine import HazardStatus
    from safetyrules.law.catalogue import catalogue

    failed = "、".join(FAILED_WORDS)
    steps = (
        (
            HazardStatus.FOUND,
            "隐患编号、发现日期、排查人/部门、隐患部位、隐患描述、隐患等级、整改期限",
        ),
        (
            HazardStatus.REGISTERED,
            "每一行即登记：发现之日由排查人/部门登记；一般事故隐患的判定依据记入登记说明",
        ),
        (
            HazardStatus.RECTIFYING,
            "填写整改责任人即自发现之日起整治（整改措施记入说明）；未填写的只登记",
        ),
        (
            HazardStatus.ACCEPTED,
            f"验收日期、验收人、验收结论（含{failed}的为不合格，退回整治）；重大事故隐患验收合格须填评估报告",
        ),
        (
            HazardStatus.CLOSED,
            "销号日期；重大事故隐患须先经验收合格，一般事故隐患可在整治后直接销号",
        ),
    )
    notes: list[Note] = [
        (),
        ("一行一个隐患。各列对应闭环（排查→登记→整治→验收→销号）的步骤，依次记录：",),
        ("步骤", "所用的列", "依据"),
        *((status.value, text, str(status.basis.citation)) for status, text in steps),
        (),
        (
            "日期依次不早于前一步：发现日期 ≤ 整改完成日期 ≤ 验收日期 ≤ 销号日期；整改期限不早于发现日期",
        ),
        ("不符合闭环的行不读入，读取结果逐行列出列名、规则和依据；逾期即过了整改期限仍未销号",),
        (),
        ("重大事故隐患判定标准（判定依据列写《标准名称》第…条第（…）项，须在发现之日有效）",),
        ("id", "标准", "施行日期", "废止日期"),
    ]
    for instrument in catalogue():
        if "隐患判定" in instrument.title:
            repealed = instrument.repealed_on.isoformat() if instrument.repealed_on else ""
            notes.append(
                (
                    instrument.id,
                    instrument.label,
                    instrument.effective_from.isoformat(),
                    repealed,
                )
            )
    return notes
