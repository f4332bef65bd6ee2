"""The six tables of GB 18218-2018 as data (危险化学品重大危险源辨识 表1–表6).

- 表1 危险化学品名称及其临界量: 85 named chemicals, with aliases, CAS numbers and Q (t).
- 表2 未在表1中列举的危险化学品类别及其临界量: hazard categories J1–J5, W1.1–W11 and their Q.
- 表3 毒性气体校正系数 β: 14 named toxic gases.
- 表4 未在表3中列举的危险化学品校正系数 β: β by hazard category.
- 表5 暴露人员校正系数 α: by the resident population within 500 m outside the plant boundary.
- 表6 重大危险源级别和 R 值的对应关系: 一级 R ≥ 100 … 四级 R < 10.

Data: ``safetyrules/data/risk/gb18218-2018.toml``, read once on first use. Loading checks every
entry (citations, CAS check digits, decimal strings, no duplicate name or symbol, table 4
covering exactly the symbols of table 2, tables 5 and 6 without gaps); a defect is a
:class:`~safetyrules.errors.RuleDataError` naming the file and the key.

>>> t = gb18218_tables()
>>> len(t.chemicals), len(t.categories), t.chemicals[0].name, t.chemicals[0].critical_quantity
(85, 24, '氨', Decimal('10'))
>>> t.alpha.value_for(100).value, t.grades.value_for(50).label
(Decimal('2.0'), '二级')
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Annotated, Any

import attrs
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from safetyrules.errors import InvalidInput, InvalidRule, RuleDataError
from safetyrules.law.band import Band, BandTable
from safetyrules.law.catalogue import catalogue
from safetyrules.law.citation import Citation
from safetyrules.law.confidence import Confidence
from safetyrules.law.data_files import enumerate_tables, read_toml, validated
from safetyrules.risk.major_hazard.cas import validate_cas
from safetyrules.risk.major_hazard.names import normalize

DATA_FILE = "risk/gb18218-2018.toml"
"""The packaged data file, relative to ``safetyrules/data``."""


@attrs.frozen
class Chemical:
    """A row of table 1 (表1 危险化学品名称及其临界量).

    ``qualifier`` is the text the standard puts in brackets after the name (含量、状态 …);
    rows that share a name (硝化纤维素, 硝酸铵) differ in it, and so may their Q.

    >>> row = gb18218_tables().chemicals[43]
    >>> row.number, row.full_name, row.critical_quantity
    (44, '硝酸铵（含可燃物≤0.2%）', Decimal('50'))
    """

    number: int
    name: str
    qualifier: str
    aliases: tuple[str, ...]
    cas: tuple[str, ...]
    critical_quantity: Decimal
    citation: Citation
    confidence: Confidence
    note: str = ""

    @property
    def full_name(self) -> str:
        """The name as the table writes it, with its qualifier in brackets (表中名称).

        >>> gb18218_tables().chemicals[0].full_name, gb18218_tables().chemicals[10].full_name
        ('氨', '氯化氢（无水）')
        """
        return f"{self.name}（{self.qualifier}）" if self.qualifier else self.name


@attrs.frozen
class HazardCategory:
    """A row of table 2: a hazard category and its critical quantity (危险性类别及其临界量).

    >>> c = gb18218_tables().categories["W5.4"]
    >>> c.hazard_class, c.description, c.critical_quantity
    ('易燃液体', '不属于W5.1或W5.2的其他类别3', Decimal('5000'))
    """

    symbol: str
    hazard_class: str
    description: str
    critical_quantity: Decimal
    citation: Citation
    confidence: Confidence
    note: str = ""

    @property
    def label(self) -> str:
        """Symbol, class and description, as an explanation writes them (危险性类别).

        >>> gb18218_tables().categories["W5.4"].label
        'W5.4 易燃液体（不属于W5.1或W5.2的其他类别3）'
        """
        return f"{self.symbol} {self.hazard_class}（{self.description}）"


@attrs.frozen
class ToxicGas:
    """A row of table 3: a named toxic gas and its correction factor (毒性气体校正系数 β).

    >>> gb18218_tables().toxic_gases[6].name, gb18218_tables().toxic_gases[6].beta
    ('氯', Decimal('4'))
    """

    name: str
    cas: tuple[str, ...]
    beta: Decimal
    citation: Citation
    confidence: Confidence


@attrs.frozen
class CategoryBeta:
    """A row of table 4: β for a hazard category (未在表3中列举的危险化学品校正系数 β).

    >>> gb18218_tables().category_betas["J1"].beta
    Decimal('4')
    """

    symbol: str
    beta: Decimal
    citation: Citation
    confidence: Confidence


@attrs.frozen
class AlphaRow:
    """A row of table 5: α for a band of resident population (暴露人员校正系数 α).

    >>> gb18218_tables().alpha.value_for(60).label
    '50～99人'
    """

    value: Decimal
    label: str
    citation: Citation
    confidence: Confidence


@attrs.frozen
class GradeRow:
    """A row of table 6: a grade and its band of R (重大危险源级别和 R 值).

    >>> row = gb18218_tables().grades.value_for(100)
    >>> row.grade, row.label
    (1, '一级')
    """

    grade: int
    label: str
    citation: Citation
    confidence: Confidence


@attrs.frozen
class Tables:
    """Tables 1–6 of one edition of GB 18218, checked (重大危险源辨识 表1–表6).

    ``alpha`` and ``grades`` are band tables: α by head count (bands of whole people, both
    ends included as table 5 writes them, stored as ``[min, max + 1)``), the grade by R
    (lower bound included, upper excluded, as table 6 writes them).

    >>> t = gb18218_tables()
    >>> t.instrument, t.effective_from, t.confidence.value
    ('gb-18218-2018', datetime.date(2019, 3, 1), 'secondary')
    """

    instrument: str
    effective_from: date
    confidence: Confidence
    sources: tuple[str, ...]
    note: str
    chemicals: tuple[Chemical, ...]
    categories: Mapping[str, HazardCategory] = attrs.field(eq=False)
    toxic_gases: tuple[ToxicGas, ...]
    category_betas: Mapping[str, CategoryBeta] = attrs.field(eq=False)
    alpha: BandTable[AlphaRow]
    grades: BandTable[GradeRow]

    def citation(self, provision: str) -> Citation:
        """A citation of a clause or table of this edition (引用条款或表).

        >>> str(gb18218_tables().citation("第4.2.1条"))
        '《危险化学品重大危险源辨识》（GB 18218-2018）第4.2.1条'
        """
        return Citation(instrument=self.instrument, provision=provision)


@cache
def gb18218_tables() -> Tables:
    """The packaged tables of GB 18218-2018, loaded once on first use (表1–表6).

    >>> gb18218_tables() is gb18218_tables()
    True
    """
    return read_tables(DATA_FILE)


def read_tables(source: str | Path) -> Tables:
    """Read and check a tables file in the packaged format (读取表1–表6数据文件).

    Pass a :class:`~pathlib.Path` to check a user's copy. Every defect is a
    :class:`~safetyrules.errors.RuleDataError` naming the file and the key.

    >>> len(read_tables(DATA_FILE).chemicals)
    85
    >>> read_tables(Path("no-such-file.toml"))
    Traceback (most recent call last):
    ...
    safetyrules.errors.RuleDataError: no-such-file.toml [(file)]: 无法读取文件: ...
    """
    file, document = read_toml(source)
    extra = set(document) - {
        "standard",
        "chemical",
        "category",
        "named_beta",
        "symbol_beta",
        "alpha",
        "grade",
    }
    if extra:
        raise RuleDataError(file, sorted(extra)[0], "未知的顶层键")
    standard = validated(_StandardEntry, document.get("standard"), file, "standard")
    if standard.instrument not in catalogue():
        raise RuleDataError(file, "standard.instrument", f"目录中没有 {standard.instrument!r}")
    reader = _Reader(file, standard.instrument)
    chemicals = reader.chemicals(document)
    categories = reader.categories(document)
    return Tables(
        instrument=standard.instrument,
        effective_from=standard.effective_from,
        confidence=standard.confidence,
        sources=tuple(standard.sources),
        note=standard.note,
        chemicals=chemicals,
        categories=categories,
        toxic_gases=reader.toxic_gases(document),
        category_betas=reader.category_betas(document, categories),
        alpha=reader.alpha(document),
        grades=reader.grades(document),
    )


def _no_float(value: object) -> object:
    if isinstance(value, float):
        raise ValueError('不接受浮点数：精确数值请写成字符串，如 "0.5"')
    return value


DecimalText = Annotated[str, BeforeValidator(_no_float), Field(pattern=r"^[0-9]+(\.[0-9]+)?$")]


def _cas_list(values: list[str]) -> list[str]:
    checked = []
    for value in values:
        try:
            checked.append(validate_cas(value))
        except InvalidInput as error:
            raise ValueError(f"{value}: {error.message}") from None
    return checked


CasList = Annotated[list[str], AfterValidator(_cas_list)]


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    citation: Citation
    confidence: Confidence


class _StandardEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    instrument: str
    effective_from: date
    confidence: Confidence
    sources: list[str] = Field(min_length=1)
    note: str = ""


class _ChemicalEntry(_Entry):
    number: int = Field(ge=1)
    name: str = Field(min_length=1)
    qualifier: str = ""
    aliases: list[str] = []
    cas: CasList = []
    critical_quantity: DecimalText
    note: str = ""


class _CategoryEntry(_Entry):
    symbol: str = Field(pattern=r"^[JW][0-9]+(\.[0-9]+)?$")
    hazard_class: str = Field(min_length=1)
    description: str = Field(min_length=1)
    critical_quantity: DecimalText
    note: str = ""


class _NamedBetaEntry(_Entry):
    name: str = Field(min_length=1)
    cas: CasList = []
    beta: DecimalText


class _SymbolBetaEntry(_Entry):
    symbol: str = Field(min_length=1)
    beta: DecimalText


class _AlphaEntry(_Entry):
    min_population: int = Field(ge=0)
    max_population: int | None = Field(default=None, ge=0)
    value: DecimalText
    label: str = Field(min_length=1)


class _GradeEntry(_Entry):
    grade: int = Field(ge=1)
    label: str = Field(min_length=1)
    min_r: DecimalText | None = None
    max_r: DecimalText | None = None


@attrs.define
class _Reader:
    file: str
    instrument: str

    def entries(self, document: dict[str, Any], key: str, schema: type[Any]) -> list[Any]:
        found = []
        for index, raw in enumerate_tables(document, key, self.file):
            entry = validated(schema, raw, self.file, f"{key}[{index}]")
            if entry.citation.instrument != self.instrument:
                raise RuleDataError(
                    self.file, f"{key}[{index}].citation", f"应引用 {self.instrument}"
                )
            found.append(entry)
        return found

    def positive(self, text: str, key: str) -> Decimal:
        number = Decimal(text)
        if number <= 0:
            raise RuleDataError(self.file, key, "数值须大于0")
        return number

    def chemicals(self, document: dict[str, Any]) -> tuple[Chemical, ...]:
        rows: list[Chemical] = []
        seen: dict[tuple[str, str], int] = {}
        by_key: dict[str, str] = {}
        for index, entry in enumerate(self.entries(document, "chemical", _ChemicalEntry)):
            key = f"chemical[{index}]"
            if entry.number != index + 1:
                raise RuleDataError(
                    self.file, f"{key}.number", f"行号应为 {index + 1}（从1起连续编号）"
                )
            identity = (normalize(entry.name), normalize(entry.qualifier))
            if identity in seen:
                raise RuleDataError(
                    self.file,
                    f"{key}.name",
                    f"名称和限定条件与第{seen[identity]}行相同：{entry.name}（{entry.qualifier}）",
                )
            seen[identity] = entry.number
            for position, text in enumerate([entry.name, *entry.aliases]):
                where = f"{key}.name" if position == 0 else f"{key}.aliases[{position - 1}]"
                owner = by_key.setdefault(normalize(text), entry.name)
                if owner != entry.name:
                    raise RuleDataError(
                        self.file, where, f"“{text}”已是“{owner}”的名称或别名，查表将无法区分"
                    )
            rows.append(
                Chemical(
                    number=entry.number,
                    name=entry.name,
                    qualifier=entry.qualifier,
                    aliases=tuple(entry.aliases),
                    cas=tuple(entry.cas),
                    critical_quantity=self.positive(
                        entry.critical_quantity, f"{key}.critical_quantity"
                    ),
                    citation=entry.citation,
                    confidence=entry.confidence,
                    note=entry.note,
                )
            )
        for index, row in enumerate(rows):
            namesakes = [r for r in rows if normalize(r.name) == normalize(row.name)]
            if len(namesakes) > 1 and not row.qualifier:
                raise RuleDataError(
                    self.file,
                    f"chemical[{index}].qualifier",
                    f"“{row.name}”有{len(namesakes)}行，每行都须写明限定条件",
                )
        return tuple(rows)

    def categories(self, document: dict[str, Any]) -> dict[str, HazardCategory]:
        found: dict[str, HazardCategory] = {}
        for index, entry in enumerate(self.entries(document, "category", _CategoryEntry)):
            key = f"category[{index}]"
            if entry.symbol in found:
                raise RuleDataError(self.file, f"{key}.symbol", f"重复的符号 {entry.symbol}")
            found[entry.symbol] = HazardCategory(
                symbol=entry.symbol,
                hazard_class=entry.hazard_class,
                description=entry.description,
                critical_quantity=self.positive(
                    entry.critical_quantity, f"{key}.critical_quantity"
                ),
                citation=entry.citation,
                confidence=entry.confidence,
                note=entry.note,
            )
        return found

    def toxic_gases(self, document: dict[str, Any]) -> tuple[ToxicGas, ...]:
        found: list[ToxicGas] = []
        for index, entry in enumerate(self.entries(document, "named_beta", _NamedBetaEntry)):
            key = f"named_beta[{index}]"
            if any(normalize(g.name) == normalize(entry.name) for g in found):
                raise RuleDataError(self.file, f"{key}.name", f"重复的名称 {entry.name}")
            found.append(
                ToxicGas(
                    name=entry.name,
                    cas=tuple(entry.cas),
                    beta=self.positive(entry.beta, f"{key}.beta"),
                    citation=entry.citation,
                    confidence=entry.confidence,
                )
            )
        return tuple(found)

    def category_betas(
        self, document: dict[str, Any], categories: Mapping[str, HazardCategory]
    ) -> dict[str, CategoryBeta]:
        found: dict[str, CategoryBeta] = {}
        for index, entry in enumerate(self.entries(document, "symbol_beta", _SymbolBetaEntry)):
            key = f"symbol_beta[{index}]"
            if entry.symbol not in categories:
                raise RuleDataError(
                    self.file, f"{key}.symbol", f"未知的危险性类别符号 {entry.symbol!r}，表2 中没有"
                )
            if entry.symbol in found:
                raise RuleDataError(self.file, f"{key}.symbol", f"重复的符号 {entry.symbol}")
            found[entry.symbol] = CategoryBeta(
                symbol=entry.symbol,
                beta=self.positive(entry.beta, f"{key}.beta"),
                citation=entry.citation,
                confidence=entry.confidence,
            )
        missing = [symbol for symbol in categories if symbol not in found]
        if missing:
            raise RuleDataError(self.file, "symbol_beta", f"表2 的 {'、'.join(missing)} 缺少 β")
        return found

    def alpha(self, document: dict[str, Any]) -> BandTable[AlphaRow]:
        entries = self.entries(document, "alpha", _AlphaEntry)
        bands = []
        for entry in sorted(entries, key=lambda e: e.min_population):
            index = entries.index(entry)
            upper = entry.max_population
            if upper is not None and upper < entry.min_population:
                raise RuleDataError(self.file, f"alpha[{index}].max_population", "上限不能小于下限")
            row = AlphaRow(
                self.positive(entry.value, f"alpha[{index}].value"),
                entry.label,
                entry.citation,
                entry.confidence,
            )
            # Whole people, both ends included: [min, max] is [min, max + 1) on the line.
            bands.append(Band(row, entry.min_population, None if upper is None else upper + 1))
        try:
            table = BandTable("表5 暴露人员校正系数α", bands)
        except InvalidRule as error:
            raise RuleDataError(self.file, "alpha", str(error)) from error
        if table.bands[0].lower != 0 or table.bands[-1].upper is not None:
            raise RuleDataError(self.file, "alpha", "人数分档须从0人起、最高一档不设上限")
        return table

    def grades(self, document: dict[str, Any]) -> BandTable[GradeRow]:
        entries = self.entries(document, "grade", _GradeEntry)

        def lower(entry: _GradeEntry) -> Decimal:
            return Decimal(entry.min_r) if entry.min_r is not None else Decimal(-1)

        bands = [
            Band(
                GradeRow(e.grade, e.label, e.citation, e.confidence),
                None if e.min_r is None else Decimal(e.min_r),
                None if e.max_r is None else Decimal(e.max_r),
            )
            for e in sorted(entries, key=lower)
        ]
        try:
            table = BandTable("表6 重大危险源级别", bands)
        except InvalidRule as error:
            raise RuleDataError(self.file, "grade", str(error)) from error
        numbers = [band.value.grade for band in table.bands]
        if numbers != list(range(len(numbers), 0, -1)):
            raise RuleDataError(
                self.file, "grade", "级别须从一级起连续编号，R 值越高级别越高（数字越小）"
            )
        if table.bands[0].lower is not None or table.bands[-1].upper is not None:
            raise RuleDataError(
                self.file, "grade", "R 值分档须覆盖全部取值（最低一档不设下限、最高一档不设上限）"
            )
        return table
