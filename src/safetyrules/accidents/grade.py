"""Accident grades (事故等级) under 《生产安全事故报告和调查处理条例》（国务院令第493号）第三条.

第三条第一款 sorts a 生产安全事故 into four grades by deaths (死亡), serious injuries (重伤,
including 急性工业中毒) and direct economic loss (直接经济损失); the three criteria of each grade
are joined by "或者", so each dimension is graded on its own and the accident takes the highest
grade reached. 第三条第三款: "以上" includes the number, "以下" excludes it — the thresholds are
read with :class:`~safetyrules.law.band.Band` under :attr:`Convention.STATUTE`.

The thresholds are data (``safetyrules/data/accidents/grading.toml``), dated from the
regulation's entry into force on 2007-06-01.

**Missing persons (失踪、下落不明).** 第三条 counts only deaths. This library adds missing persons
to deaths when grading, as accident statistics and official accident bulletins do ("死亡和下落
不明N人"; 《生产安全事故统计报表制度》 counts persons missing more than 30 days, 7 for road traffic
and fire, with deaths). The choice is recorded in the data as *unverified*; the reason that
uses it says so.

>>> from decimal import Decimal
>>> result = classify(deaths=3)
>>> result.grade
<AccidentGrade.LARGER: '较大事故'>
>>> classify(direct_economic_loss=Decimal("99999999.99")).grade.value
'重大事故'
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import Enum
from functools import cache
from typing import Any

import attrs
from pydantic import BaseModel, ConfigDict

from safetyrules import checks
from safetyrules.accidents import _rules
from safetyrules.errors import InvalidRule, RuleDataError
from safetyrules.law.band import Band, BandTable, Convention
from safetyrules.law.citation import Citation
from safetyrules.law.confidence import Confidence
from safetyrules.law.reason import Explanation, Reason
from safetyrules.law.timeline import Dated


class AccidentGrade(Enum):
    """The grade of a production-safety accident (事故等级), ordered from 一般 to 特别重大.

    Grades compare by severity:

    >>> AccidentGrade.GENERAL < AccidentGrade.LARGER < AccidentGrade.ESPECIALLY_MAJOR
    True
    >>> max(AccidentGrade.MAJOR, AccidentGrade.LARGER).value
    '重大事故'
    """

    GENERAL = "一般事故"
    LARGER = "较大事故"
    MAJOR = "重大事故"
    ESPECIALLY_MAJOR = "特别重大事故"

    @property
    def rank(self) -> int:
        """0 for 一般事故 up to 3 for 特别重大事故."""
        return _ORDER.index(self)

    @property
    def key(self) -> str:
        """The grade's key in rule data ids (``general``, ``larger``, ``major``, …)."""
        return self.name.lower()

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, AccidentGrade):
            return NotImplemented
        return self.rank < other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, AccidentGrade):
            return NotImplemented
        return self.rank <= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, AccidentGrade):
            return NotImplemented
        return self.rank > other.rank

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, AccidentGrade):
            return NotImplemented
        return self.rank >= other.rank


_ORDER = [
    AccidentGrade.GENERAL,
    AccidentGrade.LARGER,
    AccidentGrade.MAJOR,
    AccidentGrade.ESPECIALLY_MAJOR,
]


class Dimension(Enum):
    """A dimension on which 第三条 grades an accident (定级指标).

    >>> Dimension.SERIOUS_INJURIES.value
    '重伤人数（包括急性工业中毒）'
    """

    DEATHS = "死亡人数"
    SERIOUS_INJURIES = "重伤人数（包括急性工业中毒）"
    DIRECT_ECONOMIC_LOSS = "直接经济损失"

    @property
    def key(self) -> str:
        """The dimension's key in rule data ids (``deaths``, ``serious_injuries``, …)."""
        return self.name.lower()

    @property
    def unit(self) -> str:
        """The unit of the dimension: 人 or 元."""
        return "元" if self is Dimension.DIRECT_ECONOMIC_LOSS else "人"


class DimensionGrade(BaseModel):
    """The grade one dimension reaches (单项指标达到的事故等级), with the band and its basis.

    >>> d = classify(serious_injuries=50).dimensions[1]
    >>> d.dimension.value, d.grade.value, d.band
    ('重伤人数（包括急性工业中毒）', '重大事故', '50人以上100人以下')
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    dimension: Dimension
    value: int | Decimal
    grade: AccidentGrade
    band: str
    citation: Citation
    confidence: Confidence = Confidence.OFFICIAL


class AccidentClassification(BaseModel):
    """The grade of an accident (事故等级认定) with one reason per dimension.

    ``grade`` is the highest grade reached on any dimension (第三条第一款, criteria joined by
    "或者"). ``occurred_on`` is None when the caller asked for today's law.

    >>> c = classify(deaths=2, missing=1)
    >>> c.grade.value, c.graded_deaths, c.unverified
    ('较大事故', 3, True)
    >>> print(c.explanation.reasons[0].message)
    死亡2人、失踪（下落不明）1人，合计3人，在3人以上10人以下范围内，达到较大事故标准
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    grade: AccidentGrade
    deaths: int
    missing: int
    serious_injuries: int
    direct_economic_loss: Decimal
    occurred_on: date | None
    graded_deaths: int
    dimensions: tuple[DimensionGrade, ...]
    explanation: Explanation

    @property
    def unverified(self) -> bool:
        """Whether the grade rests on an unverified rule (e.g. counting missing persons)."""
        return self.explanation.unverified

    def _repr_html_(self) -> str:
        """The grade, the figures and the reasons as HTML for a notebook (笔记本显示).

        >>> "较大事故" in classify(deaths=3)._repr_html_()
        True
        """
        from safetyrules.display import fragment

        return fragment(
            "事故等级认定",
            self.grade.value,
            [
                ("死亡", f"{self.deaths}人"),
                ("失踪（下落不明）", f"{self.missing}人"),
                ("计入定级的死亡人数", f"{self.graded_deaths}人"),
                ("重伤（包括急性工业中毒）", f"{self.serious_injuries}人"),
                ("直接经济损失", yuan_text(self.direct_economic_loss)),
                ("事故发生日期", self.occurred_on or "未给出（适用现行规定）"),
            ],
            self.explanation,
        )

    def _repr_markdown_(self) -> str:
        """The same content in Markdown (笔记本显示).

        >>> print(classify(deaths=3)._repr_markdown_().splitlines()[0])
        **事故等级认定：较大事故**
        """
        from safetyrules.display import markdown

        return markdown(self._repr_html_())


@attrs.frozen
class _GradeBand:
    grade: AccidentGrade
    citation: Citation
    confidence: Confidence


def yuan_text(amount: Decimal) -> str:
    """An amount in yuan as Chinese legal text writes it (金额的中文写法).

    >>> yuan_text(Decimal("100000000")), yuan_text(Decimal("10000000")), yuan_text(Decimal("1.50"))
    ('1亿元', '1000万元', '1.50元')
    """
    if amount != 0 and amount % 100_000_000 == 0:
        return f"{amount // 100_000_000}亿元"
    if amount != 0 and amount % 10_000 == 0:
        return f"{amount // 10_000}万元"
    return f"{amount}元"


def _describe(band: Band[Any], dimension: Dimension) -> str:
    if dimension is Dimension.DIRECT_ECONOMIC_LOSS:
        return band.describe(number=yuan_text)
    return band.describe("人")


def grade_table(dimension: Dimension, on: date | None = None) -> BandTable[_GradeBand]:
    """The bands of one dimension in force on ``on`` (None: the latest rules) (分档表).

    >>> table = grade_table(Dimension.DEATHS)
    >>> [band.value.grade.value for band in table.bands]
    ['一般事故', '较大事故', '重大事故', '特别重大事故']
    >>> table.value_for(9).grade.value, table.value_for(10).grade.value
    ('较大事故', '重大事故')
    """
    return _built_table(
        dimension,
        _rules.entry("accident.grade.boundary_convention", on),
        tuple(_rules.entry(f"accident.grade.{dimension.key}.{g.key}", on) for g in _ORDER[1:]),
        tuple(_rules.entry(f"accident.grade.definition.{g.key}", on) for g in _ORDER),
    )


@cache
def _built_table(
    dimension: Dimension,
    convention_entry: Dated[Any],
    thresholds: tuple[Dated[Any], ...],
    definitions: tuple[Dated[Any], ...],
) -> BandTable[_GradeBand]:
    # Keyed by the dated entries in force, not by the date: every date under the same rules
    # shares one table, so grading in a loop builds each table once.
    convention = Convention(convention_entry.value)
    lowers: list[int | Decimal] = [0, *(t.value for t in thresholds)]
    uppers: list[int | Decimal | None] = [*(t.value for t in thresholds), None]
    bands = []
    for index, grade in enumerate(_ORDER):
        definition = definitions[index]
        used = [definition, convention_entry]
        if index > 0:
            used.append(thresholds[index - 1])
        value = _GradeBand(
            grade, definition.citation, Confidence.weakest([e.confidence for e in used])
        )
        bands.append(Band.between(lowers[index], uppers[index], value, convention))
    try:
        return BandTable(f"{dimension.value}分档", bands)
    except InvalidRule as error:
        raise RuleDataError(
            "accidents/grading.toml", f"parameter[id=accident.grade.{dimension.key}.*]", str(error)
        ) from error


_ZERO = Decimal(0)


def classify(
    deaths: int = 0,
    serious_injuries: int = 0,
    direct_economic_loss: Decimal | int = _ZERO,
    *,
    missing: int = 0,
    occurred_on: date | None = None,
) -> AccidentClassification:
    """Grade an accident (事故等级划分) under 条例第三条.

    ``deaths``, ``missing`` (失踪、下落不明) and ``serious_injuries`` (重伤, including 急性工业中毒)
    are head counts; ``direct_economic_loss`` (直接经济损失) is in yuan, a ``Decimal`` or an
    ``int``. ``occurred_on`` is the accident date: the rules in force that day apply, and a date
    before 2007-06-01 raises :class:`~safetyrules.errors.NotInForce`. ``None`` means today's
    law, i.e. the latest rules in the data — the function reads no clock, so pass the date
    whenever you know it.

    >>> from datetime import date
    >>> c = classify(deaths=1, serious_injuries=12, direct_economic_loss=Decimal("5000000"),
    ...              occurred_on=date(2024, 5, 1))
    >>> c.grade.value
    '较大事故'
    >>> print(c.explanation.text())
    1. 死亡1人，在3人以下范围内，属一般事故标准。依据：《生产安全事故报告和调查处理条例》（国务院令第493号）第三条第一款第（四）项
    2. 重伤（包括急性工业中毒）12人，在10人以上50人以下范围内，达到较大事故标准。依据：《生产安全事故报告和调查处理条例》（国务院令第493号）第三条第一款第（三）项
    3. 直接经济损失500万元，在1000万元以下范围内，属一般事故标准。依据：《生产安全事故报告和调查处理条例》（国务院令第493号）第三条第一款第（四）项
    4. 三项标准以“或者”连接，取达到的最高等级，认定为较大事故。依据：《生产安全事故报告和调查处理条例》（国务院令第493号）第三条第一款
    >>> classify(deaths=-1)
    Traceback (most recent call last):
    ...
    safetyrules.errors.InvalidInput: deaths = -1: 人数不能为负数
    """
    deaths = checks.count("deaths", deaths)
    missing = checks.count("missing", missing)
    serious_injuries = checks.count("serious_injuries", serious_injuries)
    loss = checks.money("direct_economic_loss", direct_economic_loss)
    if occurred_on is not None:
        occurred_on = checks.day("occurred_on", occurred_on)
    _rules.require_regulation(occurred_on)

    reasons: list[Reason] = []
    missing_entry = _rules.entry("accident.grade.missing_counted_as_deaths", occurred_on)
    count_missing = bool(missing_entry.value) and missing > 0
    graded_deaths = deaths + missing if count_missing else deaths

    dimensions: list[DimensionGrade] = []
    values: dict[Dimension, int | Decimal] = {
        Dimension.DEATHS: graded_deaths,
        Dimension.SERIOUS_INJURIES: serious_injuries,
        Dimension.DIRECT_ECONOMIC_LOSS: loss,
    }
    for dimension, value in values.items():
        band = grade_table(dimension, occurred_on).band_for(value)
        described = _describe(band, dimension)
        confidence = band.value.confidence
        if dimension is Dimension.DEATHS and count_missing:
            confidence = Confidence.weakest([confidence, missing_entry.confidence])
        dimensions.append(
            DimensionGrade(
                dimension=dimension,
                value=value,
                grade=band.value.grade,
                band=described,
                citation=band.value.citation,
                confidence=confidence,
            )
        )
        reasons.append(
            Reason(
                rule=f"accident.grade.{dimension.key}",
                message=_message(dimension, deaths, missing if count_missing else 0, value)
                + f"，在{described}范围内，"
                + _verdict(band.value.grade),
                citation=band.value.citation,
                inputs=_inputs(dimension, value, missing if count_missing else 0),
                confidence=confidence,
            )
        )
    if count_missing:
        reasons.append(
            Reason(
                rule="accident.grade.missing",
                message=f"失踪（下落不明）{missing}人与死亡人数合并计入定级（本库的选择：第三条只规定死亡人数，"
                "统计和事故通报惯例按“死亡和下落不明”人数计）",
                citation=missing_entry.citation,
                inputs={"missing": missing},
                confidence=missing_entry.confidence,
            )
        )
    grade = max(d.grade for d in dimensions)
    reasons.append(
        Reason(
            rule="accident.grade.overall",
            message=f"三项标准以“或者”连接，取达到的最高等级，认定为{grade.value}",
            citation=Citation(instrument=_rules.REGULATION, provision="第三条第一款"),
            inputs={"grade": grade.value},
            confidence=Confidence.OFFICIAL,
        )
    )
    return AccidentClassification(
        grade=grade,
        deaths=deaths,
        missing=missing,
        serious_injuries=serious_injuries,
        direct_economic_loss=loss,
        occurred_on=occurred_on,
        graded_deaths=graded_deaths,
        dimensions=tuple(dimensions),
        explanation=Explanation(reasons=tuple(reasons)),
    )


def _message(dimension: Dimension, deaths: int, missing: int, value: int | Decimal) -> str:
    if dimension is Dimension.DEATHS:
        if missing:
            return f"死亡{deaths}人、失踪（下落不明）{missing}人，合计{value}人"
        return f"死亡{value}人"
    if dimension is Dimension.SERIOUS_INJURIES:
        return f"重伤（包括急性工业中毒）{value}人"
    return f"直接经济损失{yuan_text(Decimal(value))}"


def _inputs(dimension: Dimension, value: int | Decimal, missing: int) -> dict[str, Any]:
    if dimension is Dimension.DEATHS and missing:
        return {"graded_deaths": value, "missing": missing}
    return {dimension.key: value}


def _verdict(grade: AccidentGrade) -> str:
    if grade is AccidentGrade.GENERAL:
        return "属一般事故标准"
    return f"达到{grade.value}标准"
