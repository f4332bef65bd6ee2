"""The tables of an audit folder (审计资料表格): columns, sheets and checks of each.

* ``risks.xlsx`` or ``.csv``, sheet 风险点: a risk point a row (风险点台账);
* ``accidents.xlsx`` or ``.csv``, sheet 事故: an accident a row (事故记录);
* ``hazard_units.xlsx`` or ``.csv``, sheet 危险化学品: a substance a row, grouped into units
  by 单元名称 (辨识单元);
* ``inspections.xlsx`` or ``.csv``, sheet 检查记录: an answer a row, grouped into inspections
  by 检查表 and 检查日期 (检查记录);
* ``responsibility.xlsx``, sheet 岗位: a post a row, and sheet 责任制: 项目/内容 pairs for the
  rest of the 全员安全生产责任制;
* ``hazards.xlsx`` or ``.csv``, sheet 隐患台账: a hazard a row (隐患排查治理台账), defined with
  its reader in :mod:`safetyrules.tables.hazard_ledger`.

Nested fields are flat columns whose English name is the TOML path:

* the factor values of a risk point are five columns 因素L、因素E、因素C、因素M、因素S
  (``factors.L`` …): fill those of the row's 评价方法 (LEC: L、E、C; LS: L、S; MES: M、E、S)
  and leave the others blank;
* the five kinds of control measures are five list columns (工程技术措施 ``measures.engineering``
  …);
* an accident's investigation findings are 是/否 columns and a date (``findings.…``); leave
  them all blank when there are none;
* a substance's mixture is two columns (混合物的纯物质, 与纯物质类别相同); its 特别管控类别
  (液化易燃气体、液化气体、剧毒液体) puts the substance on the unit's lists of
  原总局令第40号.

Lists are 、-separated (one item a line where an item contains 、). In a grouped table the
group's columns (单元名称、单元类型、周边常住人口; 检查表、检查日期、检查人员) are filled on
the first row of the group, and may be repeated or merged below; a row whose group key is
blank belongs to the group above.

>>> [column.zh for column in RISK_TABLE.columns][:7]
['风险点编号', '风险点名称', '类型', '区域位置', '危险源', '事故类型', '评价方法']
>>> spec_for(HazardUnit) is HAZARD_UNIT_TABLE
True
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from safetyrules.accidents.record import AccidentRecord
from safetyrules.accidents.supplementary import AccidentKind
from safetyrules.checklists.checklist import PACKAGED, load_checklist
from safetyrules.checklists.inspection import InspectionRecord, Outcome
from safetyrules.classification.enterprise_size import EnterpriseSize
from safetyrules.enterprise import EnterpriseFlag
from safetyrules.errors import InvalidInput, SafetyRulesError
from safetyrules.responsibility.system import Post, PostRole, SafetyStaffing
from safetyrules.risk.major_hazard.identification import UnitKind
from safetyrules.risk.major_hazard.unit import HazardUnit
from safetyrules.risk.methods import MethodName, method
from safetyrules.risk.register import RiskPoint, RiskPointKind
from safetyrules.tables.cells import CellKind
from safetyrules.tables.columns import Group, Issue, TableColumn, TableSpec
from safetyrules.tables.hazard_ledger import HAZARD_LEDGER_TABLE

FACTOR_SYMBOLS = ("L", "E", "C", "M", "S")
"""The factor columns of the risk register, in order (评价因素列)."""

SPECIAL_LISTS = {
    "液化易燃气体": "liquefied_flammable_gases",
    "液化气体": "liquefied_gases",
    "剧毒液体": "highly_toxic_liquids",
}
"""特别管控类别 of a substance and the unit list each fills (原总局令第40号)."""

_METHOD_ALIASES = {
    **{m.value.lower(): m.value for m in MethodName},
    "作业条件危险性分析法": "LEC",
    "风险矩阵分析法": "LS",
    "风险矩阵法": "LS",
    "作业条件风险程度评价": "MES",
}


def _measure(key: str, zh: str, example: str = "") -> TableColumn:
    return TableColumn(
        f"measures.{key}", zh, CellKind.LIST, description=f"{zh}，多项用、分隔", example=example
    )


def _factor(symbol: str) -> TableColumn:
    used = "、".join(m.value for m in MethodName if symbol in _symbols(m))
    return TableColumn(
        f"factors.{symbol}",
        f"因素{symbol}",
        CellKind.DECIMAL,
        description=f"因素 {symbol} 的取值（{used} 使用），只能取方法取值表中的数；不用的因素留空",
        other_names=(symbol,),
    )


def _symbols(name: MethodName) -> tuple[str, ...]:
    # The factor letters of each method, fixed by its formula (D = L × E × C …); kept here so
    # that defining the columns reads no rule data.
    return {"LEC": ("L", "E", "C"), "LS": ("L", "S"), "MES": ("M", "E", "S")}[name.value]


def _risk_build(data: dict[str, Any]) -> dict[str, Any]:
    # Whole factor values as integers, as a TOML register writes them (L = 3).
    factors = data.setdefault("factors", {})
    for symbol, value in factors.items():
        if isinstance(value, Decimal) and value == value.to_integral_value():
            factors[symbol] = int(value)
    return data


def _risk_check(point: RiskPoint) -> list[Issue]:
    chosen = method(point.method)
    issues: list[Issue] = []
    symbols = [factor.symbol for factor in chosen.factors]
    for factor in chosen.factors:
        if factor.symbol not in point.factors:
            issues.append(
                (
                    ("factors", factor.symbol),
                    f"评价方法 {chosen.id.value} 须填写因素{factor.symbol}",
                )
            )
            continue
        try:
            factor.check(point.factors[factor.symbol])
        except InvalidInput as error:
            issues.append((("factors", factor.symbol), error.message))
    for symbol in point.factors:
        if symbol not in symbols:
            issues.append(
                (("factors", symbol), f"评价方法 {chosen.id.value} 不用因素{symbol}，请留空")
            )
    return issues


RISK_TABLE = TableSpec(
    model=RiskPoint,
    sheet="风险点",
    title="风险点台账",
    columns=(
        TableColumn(
            "id", "风险点编号", required=True, description="风险点编号，表内唯一", example="R01"
        ),
        TableColumn(
            "name",
            "风险点名称",
            required=True,
            description="设备设施或作业活动的名称",
            example="液氨制冷机房及储氨器",
        ),
        TableColumn(
            "kind",
            "类型",
            CellKind.CHOICE,
            required=True,
            description="风险点类型",
            choices=tuple(k.value for k in RiskPointKind),
            other_names=("风险点类型",),
            example="设备设施",
        ),
        TableColumn(
            "location",
            "区域位置",
            description="所在区域或位置",
            other_names=("区域", "位置"),
            example="动力车间",
        ),
        TableColumn(
            "hazards",
            "危险源",
            CellKind.LIST,
            description="危险源或危险有害因素，多项用、分隔",
            other_names=("危险有害因素",),
            example="液氨泄漏、压力容器超压",
        ),
        TableColumn(
            "accident_types",
            "事故类型",
            CellKind.LIST,
            description="可能导致的事故类型：GB 6441-1986 的代码或名称，或 GB 6441-2025 的类型名称，多项用、分隔",
            other_names=("可能导致的事故类型",),
            example="19、17",
        ),
        TableColumn(
            "method",
            "评价方法",
            CellKind.CHOICE,
            required=True,
            description="LEC（作业条件危险性分析法）、LS（风险矩阵分析法）或 MES（作业条件风险程度评价）",
            choices=tuple(m.value for m in MethodName),
            aliases=_METHOD_ALIASES,
            example="LS",
        ),
        *(_factor(symbol) for symbol in FACTOR_SYMBOLS),
        TableColumn("scheme", "分级方案", description="分级方案 id；留空时按方法和属地取默认方案"),
        TableColumn(
            "direct",
            "直接判定情形",
            CellKind.LIST,
            description="具备的直接判定为重大风险的情形 id，多项用、分隔",
            example="major-hazard-installation",
        ),
        _measure("engineering", "工程技术措施", "氨气浓度检测报警并联锁排风、紧急切断阀"),
        _measure("management", "管理措施", "氨制冷操作规程、每班巡检记录"),
        _measure("training", "培训教育措施", "制冷工持证上岗"),
        _measure("protective", "个体防护措施", "正压式空气呼吸器、防化服"),
        _measure("emergency", "应急处置措施", "液氨泄漏现场处置方案"),
        TableColumn("unit", "责任单位", description="责任单位（部门）", example="动力车间"),
        TableColumn("owner", "责任人", description="责任人（岗位）", example="总经理"),
    ),
    build=_risk_build,
    check=_risk_check,
    unique=("id",),
)
"""The risk register (风险点台账), sheet 风险点: one risk point a row."""


ACCIDENT_TABLE = TableSpec(
    model=AccidentRecord,
    sheet="事故",
    title="生产安全事故记录",
    columns=(
        TableColumn(
            "occurred_on",
            "发生日期",
            CellKind.DATE,
            required=True,
            description="事故发生日期",
            other_names=("事故发生日期",),
            example="2024-07-18",
        ),
        TableColumn(
            "summary",
            "事故简况",
            required=True,
            description="事故经过简述",
            example="冷库氨制冷机房阀门泄漏，三名员工急性氨中毒",
        ),
        TableColumn(
            "kind",
            "补报期间类型",
            CellKind.CHOICE,
            description="决定伤亡人数补报期间的事故类型；留空为其他生产安全事故",
            choices=tuple(k.value for k in AccidentKind),
        ),
        TableColumn(
            "deaths", "死亡人数", CellKind.INTEGER, description="死亡人数，留空为 0", example="0"
        ),
        TableColumn(
            "missing", "失踪人数", CellKind.INTEGER, description="失踪（下落不明）人数，留空为 0"
        ),
        TableColumn(
            "serious_injuries",
            "重伤人数",
            CellKind.INTEGER,
            description="重伤人数（包括急性工业中毒），留空为 0",
            example="3",
        ),
        TableColumn(
            "direct_economic_loss",
            "直接经济损失（元）",
            CellKind.DECIMAL,
            description="直接经济损失，单位元，留空为 0",
            other_names=("直接经济损失",),
            example="1260000",
        ),
        TableColumn(
            "category",
            "事故类别",
            description="GB 6441 按事故日期适用的版本：2026-07-01 前为 GB 6441-1986 的名称或两位代码，此后为 GB 6441-2025 的类型名称",
            example="中毒和窒息",
        ),
        TableColumn(
            "findings.unit_responsible",
            "单位负有责任",
            CellKind.BOOLEAN,
            description="调查认定事故发生单位负有责任；留空而其他认定列有填写时为 是",
        ),
        TableColumn(
            "findings.principal_at_fault",
            "主要负责人未履职",
            CellKind.BOOLEAN,
            description="调查认定主要负责人未履行安全生产管理职责",
        ),
        TableColumn(
            "findings.others_at_fault",
            "其他负责人未履职",
            CellKind.BOOLEAN,
            description="调查认定其他负责人和安全生产管理人员未履行安全生产管理职责",
        ),
        TableColumn(
            "findings.lacks_safety_conditions",
            "不具备安全生产条件",
            CellKind.BOOLEAN,
            description="调查认定不具备安全生产条件",
        ),
        TableColumn(
            "findings.especially_serious",
            "情节特别严重",
            CellKind.BOOLEAN,
            description="认定情节特别严重、影响特别恶劣（安全生产法第一百一十四条第二款）",
        ),
        TableColumn(
            "findings.decided_on", "处理决定日期", CellKind.DATE, description="作出处理决定的日期"
        ),
    ),
)
"""Accident history (事故记录), sheet 事故: one accident a row; the 调查认定 columns are left
blank when the investigation has not found anything yet."""


def _unit(group: dict[str, Any], entries: list[dict[str, Any]]) -> dict[str, Any]:
    unit: dict[str, Any] = {**group, "substances": [e.get("substances", {}) for e in entries]}
    for entry in entries:
        name = entry.get("substances", {}).get("name")
        for label in entry.get("special", ()):
            unit.setdefault(SPECIAL_LISTS[label], []).append(name)
    return unit


HAZARD_UNIT_TABLE = TableSpec(
    model=HazardUnit,
    sheet="危险化学品",
    title="危险化学品辨识单元（GB 18218-2018）",
    columns=(
        TableColumn(
            "name",
            "单元名称",
            required=True,
            description="生产单元或储存单元的名称；同一单元的各行填同一名称，或只在首行填写",
            example="氨制冷系统（含储氨器）",
        ),
        TableColumn(
            "kind",
            "单元类型",
            CellKind.CHOICE,
            required=True,
            description="生产单元或储存单元（GB 18218-2018 第4.1.1条），在单元首行填写",
            choices=tuple(k.value for k in UnitKind),
            aliases={"production": "生产单元", "storage": "储存单元"},
            example="生产单元",
        ),
        TableColumn(
            "population",
            "周边常住人口",
            CellKind.INTEGER,
            description="厂区边界向外扩展 500 m 范围内常住人口数，在单元首行填写",
            other_names=("500m范围内常住人口",),
            example="60",
        ),
        TableColumn(
            "substances.name",
            "危险化学品名称",
            required=True,
            description="GB 18218-2018 表1 的名称、别名或 CAS 号，或表1 以外的化学品名称（须填危险性类别）",
            example="液氨",
        ),
        TableColumn(
            "substances.quantity",
            "设计最大量（吨）",
            CellKind.DECIMAL,
            required=True,
            description="实际存在量 q，按设计最大量，单位吨",
            other_names=("设计最大量", "实际存在量（吨）"),
            example="12",
        ),
        TableColumn(
            "substances.qualifier",
            "限定条件",
            description="表1 中一个名称有多行时的限定条件（如硝酸铵的含量）",
        ),
        TableColumn(
            "substances.symbols",
            "危险性类别",
            CellKind.LIST,
            description="表2 危险性类别符号（J1–J5、W1.1–W11），多项用、分隔",
        ),
        TableColumn(
            "substances.mixture.pure_substance",
            "混合物的纯物质",
            description="混合物时填其纯物质的名称、别名或 CAS 号（第4.2.3条）",
        ),
        TableColumn(
            "substances.mixture.same_category",
            "与纯物质类别相同",
            CellKind.BOOLEAN,
            description="混合物与其纯物质的危险性类别是否相同",
        ),
        TableColumn(
            "special",
            "特别管控类别",
            CellKind.LIST,
            description="原总局令第40号所说的液化易燃气体、液化气体、剧毒液体，多项用、分隔",
            choices=tuple(SPECIAL_LISTS),
            example="液化气体",
        ),
    ),
    group=Group(
        columns=("name", "kind", "population"),
        key=("name",),
        members="substances",
        all_or_nothing=True,
        label="单元",
        assemble=_unit,
    ),
)
"""Hazardous-chemical units (危险化学品辨识单元), sheet 危险化学品: one substance a row, grouped
by 单元名称. One bad row rejects its whole unit: a unit without one of its substances would be
graded too low."""


def _inspection_check(record: InspectionRecord) -> list[Issue]:
    try:
        checklist = load_checklist(record.checklist)
    except SafetyRulesError as error:
        return [(("checklist",), str(error))]
    issues: list[Issue] = []
    seen: dict[str, int] = {}
    for index, answer in enumerate(record.answers):
        try:
            checklist.item(answer.item)
        except InvalidInput as error:
            issues.append((("answers", index, "item"), error.message))
            continue
        if answer.item in seen:
            issues.append((("answers", index, "item"), f"检查项 {answer.item} 重复作答"))
        seen.setdefault(answer.item, index)
    return issues


INSPECTION_TABLE = TableSpec(
    model=InspectionRecord,
    sheet="检查记录",
    title="三标融合检查记录",
    columns=(
        TableColumn(
            "checklist",
            "检查表",
            CellKind.CHOICE,
            required=True,
            description="内置检查表 id，在本次检查的首行填写",
            choices=PACKAGED,
            example="dust-explosion",
        ),
        TableColumn(
            "inspected_on",
            "检查日期",
            CellKind.DATE,
            required=True,
            description="检查日期，在本次检查的首行填写",
            example="2026-11-20",
        ),
        TableColumn(
            "inspector",
            "检查人员",
            description="检查人员或检查组，留空为检查组",
            example="执法检查组",
        ),
        TableColumn(
            "answers.item",
            "检查项编号",
            required=True,
            description="检查表中的检查项编号",
            example="11-3",
        ),
        TableColumn(
            "answers.outcome",
            "检查结论",
            CellKind.CHOICE,
            required=True,
            description="符合、不符合或不适用",
            choices=tuple(o.value for o in Outcome),
            example="不符合",
        ),
        TableColumn(
            "answers.location",
            "部位或场所",
            description="不符合时的部位或场所",
            example="面点车间筛粉间",
        ),
        TableColumn(
            "answers.count",
            "发现处数",
            CellKind.INTEGER,
            description="不符合的处数，留空为 1",
            example="1",
        ),
        TableColumn(
            "answers.evidence",
            "事实描述",
            description="不符合的事实",
            example="干式除尘器未设泄爆装置",
        ),
        TableColumn(
            "answers.photos",
            "照片",
            CellKind.LIST,
            description="照片等证据的编号，多项用、分隔",
            example="IMG-0412",
        ),
        TableColumn("answers.reason", "不适用理由", description="结论为不适用时必填"),
    ),
    group=Group(
        columns=("checklist", "inspected_on", "inspector"),
        key=("checklist", "inspected_on"),
        members="answers",
        all_or_nothing=False,
        label="检查",
    ),
    check=_inspection_check,
    row_error_column="answers.reason",
)
"""Inspections (三标融合检查), sheet 检查记录: one answer a row, grouped by 检查表 and 检查日期.
A bad answer is rejected alone; the inspection keeps its other answers (the item then shows as
unanswered)."""


POST_TABLE = TableSpec(
    model=Post,
    sheet="岗位",
    title="全员安全生产责任制岗位清单",
    columns=(
        TableColumn(
            "id",
            "岗位编号",
            required=True,
            description="岗位编号，表内唯一，不含空格",
            other_names=("post_id",),
            example="gm",
        ),
        TableColumn(
            "name",
            "岗位名称",
            required=True,
            description="岗位名称；一人一岗",
            other_names=("岗位", "post"),
            example="总经理",
        ),
        TableColumn(
            "role",
            "岗位类别",
            CellKind.CHOICE,
            required=True,
            description="主要负责人、其他负责人、安全生产管理人员或一般岗位",
            choices=tuple(r.value for r in PostRole),
            example="主要负责人",
        ),
        TableColumn(
            "person",
            "责任人员",
            description="责任人员（可写岗位而不写姓名）",
            other_names=("responsible_person",),
            example="总经理",
        ),
        TableColumn(
            "scope",
            "责任范围",
            description="岗位的安全生产责任范围",
            example="对本单位安全生产工作全面负责",
        ),
        TableColumn(
            "assessment_standard",
            "考核标准",
            description="岗位的考核标准",
            example="年度安全生产目标责任书考核",
        ),
        TableColumn(
            "duties",
            "法定职责",
            CellKind.LIST,
            description="岗位承担的法定职责 id，多项用、分隔（见说明）",
            other_names=("statutory_duties",),
            example="principal.investment",
        ),
        TableColumn(
            "safety_staff",
            "安全生产管理人员",
            CellKind.CHOICE,
            description="从事安全生产管理工作的岗位填专职或兼职；安全生产管理人员岗位必填",
            choices=tuple(s.value for s in SafetyStaffing),
        ),
        TableColumn(
            "registered_safety_engineer",
            "注册安全工程师",
            CellKind.BOOLEAN,
            description="岗位人员为注册安全工程师（第二十七条第三款）",
        ),
        TableColumn(
            "chief_safety_officer",
            "首席安全官",
            CellKind.BOOLEAN,
            description="首席安全官（企业自设岗位）",
        ),
    ),
)
"""Posts of the responsibility system (全员安全生产责任制岗位), sheet 岗位: one post a row."""


SYSTEM_FIELDS = (
    TableColumn(
        "safety_organisation",
        "已设置安全生产管理机构",
        CellKind.BOOLEAN,
        description="已设置安全生产管理机构",
    ),
    TableColumn(
        "categories",
        "所属单位类别",
        CellKind.LIST,
        description="配备要求所列的单位类别（矿山、危险物品的储存等），多项用、分隔",
    ),
    TableColumn(
        "chief_safety_officer_required",
        "设首席安全官",
        CellKind.BOOLEAN,
        description="企业自设或当地政策要求设首席安全官",
    ),
)
"""The fields of the responsibility system besides its posts, as 项目/内容 rows of the 责任制
sheet (责任制设置)."""


ENTERPRISE_FIELDS = (
    TableColumn("name", "单位名称", required=True, description="单位全称"),
    TableColumn(
        "uscc",
        "统一社会信用代码",
        required=True,
        description="18 位统一社会信用代码（GB 32100-2015）",
        code=True,
    ),
    TableColumn(
        "industry",
        "国民经济行业分类代码",
        required=True,
        description="GB/T 4754-2017 门类字母或 2-4 位数字代码",
        other_names=("行业代码",),
        code=True,
    ),
    TableColumn(
        "jurisdiction",
        "行政区划代码",
        required=True,
        description="所在地 6 位行政区划代码",
        other_names=("所在地行政区划代码",),
    ),
    TableColumn("employees", "从业人员数", CellKind.INTEGER, description="从业人员数（人）"),
    TableColumn(
        "revenue",
        "营业收入（元）",
        CellKind.DECIMAL,
        description="营业收入，单位元",
        other_names=("营业收入",),
    ),
    TableColumn(
        "assets",
        "资产总额（元）",
        CellKind.DECIMAL,
        description="资产总额，单位元",
        other_names=("资产总额",),
    ),
    TableColumn(
        "size",
        "企业规模",
        CellKind.CHOICE,
        description="不填时按统计上大中小微型企业划分办法测算",
        choices=tuple(s.value for s in EnterpriseSize),
    ),
    TableColumn(
        "flags",
        "企业风险特征",
        CellKind.LIST,
        description="企业风险特征，多项用、分隔",
        choices=tuple(f.value for f in EnterpriseFlag),
    ),
)
"""The enterprise (企业基本信息) as 项目/内容 rows of the 企业 sheet of ``enterprise.xlsx``.

统一社会信用代码 and 行业代码 are codes (``code=True``): 行业代码 0111 entered as a number
would read as 111, another class, and an 18-digit number keeps only 15 digits in Excel, so
a number cell is refused. 行政区划代码 never starts with 0 and reads from a number cell as its
digits; so do the GB 6441-1986 category codes (``3`` is 03) and the checklist item ids.

>>> [c.zh for c in ENTERPRISE_FIELDS if c.code]
['统一社会信用代码', '国民经济行业分类代码']
"""

ENTERPRISE_SHEET = "企业"
"""The sheet of ``enterprise.xlsx`` that holds the enterprise (企业工作表)."""
SYSTEM_SHEET = "责任制"
"""The sheet of ``responsibility.xlsx`` that holds :data:`SYSTEM_FIELDS` (责任制工作表)."""


TABLES: tuple[TableSpec[Any], ...] = (
    RISK_TABLE,
    ACCIDENT_TABLE,
    HAZARD_UNIT_TABLE,
    INSPECTION_TABLE,
    POST_TABLE,
    HAZARD_LEDGER_TABLE,
)
"""Every table of an audit folder (审计资料表格)."""


def spec_for(model: type[BaseModel]) -> TableSpec[Any] | None:
    """The table of a record class, if it has one (记录类对应的表格).

    >>> spec_for(RiskPoint).sheet, spec_for(BaseModel)
    ('风险点', None)
    """
    return next((table for table in TABLES if table.model is model), None)


def column_names(table: TableSpec[Any]) -> Sequence[str]:
    """The Chinese headers of a table, in order (表头).

    >>> column_names(ACCIDENT_TABLE)[:3]
    ['发生日期', '事故简况', '补报期间类型']
    """
    return [column.zh for column in table.columns]
