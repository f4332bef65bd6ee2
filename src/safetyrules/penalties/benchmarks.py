"""Discretion benchmark rows (行政处罚裁量基准): the 阶次 a benchmark gives a violation.

A benchmark (《中华人民共和国行政处罚法》第三十四条: 行政机关可以依法制定行政处罚裁量基准) splits a statutory
band into 裁量阶次 by printed conditions (person-times, number of places, share of workers …).
Each :class:`BenchmarkRow` records its jurisdiction and period, the violation (a stable id of
``violations.toml``), the version of the 安全生产法 it serves, the stage and party, its 阶次
label, the condition as printed and, where simple, as numbers, and the sub-range.

Shipped: the national 《应急管理行政处罚裁量权基准》（应急〔2024〕90号）第（26）项 阶次A (secondary
sources): one person-time of an uncertified special operator → 3万元以下 at first, 10万–13万元
when not corrected in time; and the rows of 山西's 晋应急发〔2021〕260号 that secondary sources
print in full (第九十九条第（一）项 by places, 第（六）项, 第一百零八条 by staff, 第九十八条第（三）项),
for 2021-12-31 to 2024-10-31. Users add their province's rows with :func:`register_benchmarks`
(after registering its instrument with
:func:`~safetyrules.law.catalogue.register_instruments`). Data:
``safetyrules/data/penalties/benchmarks.toml``.

>>> from datetime import date
>>> row = match_benchmark("special-operators-uncertified", law="work-safety-law-2021",
...                       stage="责令限期改正", on_date=date(2025, 3, 1), facts={"persons": 1})
>>> row.tier, row.minimum, row.maximum
('A', Decimal('0'), Decimal('30000'))
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from safetyrules.checks import quantity
from safetyrules.errors import RuleDataError, SafetyRulesError
from safetyrules.law.catalogue import instrument
from safetyrules.law.citation import Citation
from safetyrules.law.confidence import Confidence
from safetyrules.law.data_files import enumerate_tables, read_toml, validated
from safetyrules.law.jurisdiction import NATION_CODE, jurisdiction
from safetyrules.law.provision import Provision
from safetyrules.penalties.placement import SubRange
from safetyrules.penalties.provisions import LAWS, violation, violation_provision

DATA_FILE = "penalties/benchmarks.toml"

Facts = Mapping[str, int | Decimal]
"""Numeric facts of a case that benchmark conditions test (案件事实), e.g. ``{"persons": 1}``."""


class FactCondition(BaseModel):
    """A numeric condition of a benchmark row (数值适用条件): ``min ≤ fact ≤ max``.

    Bounds are inclusive by default, as benchmarks read 以上、以下 (晋江市应急管理局2025年裁量基准前言:
    "以上、以下、以内"含本数，"不满、超过"不含本数).

    >>> c = FactCondition(fact="persons", min=1, max=3, max_inclusive=False)
    >>> c.holds({"persons": 1}), c.holds({"persons": 3}), c.holds({})
    (True, False, False)
    >>> c.text()
    'persons 1以上不满3'
    """

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    fact: str = Field(min_length=1)
    minimum: Decimal | None = Field(default=None, alias="min")
    maximum: Decimal | None = Field(default=None, alias="max")
    min_inclusive: bool = True
    max_inclusive: bool = True

    @field_validator("minimum", "maximum", mode="before")
    @classmethod
    def _exact(cls, value: object) -> object:
        return None if value is None else quantity("condition", value)

    @model_validator(mode="after")
    def _bounded(self) -> Self:
        if self.minimum is None and self.maximum is None:
            raise ValueError("数值条件至少要有 min 或 max")
        if self.minimum is not None and self.maximum is not None and self.minimum > self.maximum:
            raise ValueError("min 不能大于 max")
        return self

    def holds(self, facts: Facts) -> bool:
        """Whether the facts meet the condition; a missing fact does not."""
        if self.fact not in facts:
            return False
        value = Decimal(facts[self.fact])
        if self.minimum is not None and (
            value < self.minimum or (value == self.minimum and not self.min_inclusive)
        ):
            return False
        return not (
            self.maximum is not None
            and (value > self.maximum or (value == self.maximum and not self.max_inclusive))
        )

    def text(self) -> str:
        """The condition in Chinese (以上/超过、以下/不满)."""
        if self.minimum is not None and self.minimum == self.maximum:
            return f"{self.fact} = {self.minimum}"
        parts = []
        if self.minimum is not None:
            parts.append(f"{self.minimum}{'以上' if self.min_inclusive else '（超过）'}")
        if self.maximum is not None:
            parts.append(f"{self.maximum}以下" if self.max_inclusive else f"不满{self.maximum}")
        return f"{self.fact} " + "".join(parts)


class BenchmarkRow(BaseModel):
    """One 阶次 of a discretion benchmark for a violation (裁量基准阶次).

    >>> row = benchmarks()[0]
    >>> row.row, row.tier, row.condition, str(row.citation)
    ('（26）', 'A', '1人次', '《应急管理行政处罚裁量权基准》（应急〔2024〕90号）')
    >>> row.label()
    '《应急管理行政处罚裁量权基准》（应急〔2024〕90号）第（26）项阶次A（1人次）：0元以上3万元以下'
    """

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    jurisdiction: str = Field(default=NATION_CODE, pattern=r"^\d{6}$")
    start: date = Field(alias="from")
    until: date | None = None
    citation: Citation
    row: str = ""
    confidence: Confidence
    sources: tuple[str, ...] = Field(min_length=1)
    violation: str
    law: str
    provision: str | None = None
    stage: str = Field(min_length=1)
    on: str = Field(default="生产经营单位", min_length=1)
    tier: str = Field(min_length=1)
    condition: str = Field(min_length=1)
    facts: tuple[FactCondition, ...] = ()
    minimum: Decimal = Field(alias="min", ge=0)
    maximum: Decimal = Field(alias="max", ge=0)
    measures: tuple[str, ...] = ()
    note: str = ""

    @field_validator("minimum", "maximum", mode="before")
    @classmethod
    def _exact(cls, value: object) -> object:
        return quantity("amount", value)

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.minimum > self.maximum:
            raise ValueError("min 不能大于 max")
        if self.until is not None and self.until < self.start:
            raise ValueError("until 不能早于 from")
        if self.law not in LAWS:
            raise ValueError(f"law 须为 {'、'.join(LAWS)} 之一")
        return self

    def applies_on(self, on: date) -> bool:
        """Whether the row is in force on ``on``."""
        return self.start <= on and (self.until is None or on <= self.until)

    def matches(self, facts: Facts) -> bool:
        """Whether the facts meet every numeric condition; a text-only row never matches."""
        return bool(self.facts) and all(c.holds(facts) for c in self.facts)

    def label(self) -> str:
        """The row as Chinese text: document, row, 阶次 and sub-range."""
        row = f"第{self.row}项" if self.row else ""
        return f"{self.citation}{row}阶次{self.tier}（{self.condition}）：{self.range.text()}"

    @property
    def range(self) -> SubRange:
        """The 阶次's sub-range (阶次罚款区间), both ends included."""
        return SubRange(minimum=self.minimum, maximum=self.maximum)


def benchmarks() -> tuple[BenchmarkRow, ...]:
    """Every benchmark row, shipped then registered (全部裁量基准行).

    >>> [r.id for r in benchmarks()][:2], len(benchmarks())
    (['mem-2024-90-26-a-first', 'mem-2024-90-26-a-overdue'], 26)
    """
    return _shipped() + tuple(_registered)


def candidates(
    violation_id: str,
    *,
    law: str,
    stage: str,
    on_date: date,
    jurisdiction_code: str = NATION_CODE,
    on: str = "生产经营单位",
) -> list[tuple[str, list[BenchmarkRow]]]:
    """The rows that could apply, level by level from the most specific (候选基准行).

    Returns (jurisdiction code, rows in force for this violation, law, stage and party) for
    each level of the chain that has any.

    >>> [(code, [r.tier for r in rows]) for code, rows in candidates(
    ...     "special-operators-uncertified", law="work-safety-law-2021", stage="责令限期改正",
    ...     on_date=date(2025, 1, 1), jurisdiction_code="330402")]
    [('000000', ['A'])]
    """
    found = []
    for level in jurisdiction(jurisdiction_code).chain():
        rows = [
            r
            for r in benchmarks()
            if r.jurisdiction == level.code
            and r.violation == violation_id
            and r.law == law
            and r.stage == stage
            and r.on == on
            and r.applies_on(on_date)
        ]
        if rows:
            found.append((level.code, rows))
    return found


def match_benchmark(
    violation_id: str,
    *,
    law: str,
    stage: str,
    on_date: date,
    facts: Facts | None = None,
    jurisdiction_code: str = NATION_CODE,
    on: str = "生产经营单位",
) -> BenchmarkRow | None:
    """The benchmark row for a case, or None (适用的裁量基准行).

    The most specific level with a row whose numeric conditions the facts meet wins; within
    a level, the first such row in file order (the lighter 阶次 where adjacent 阶次 share an
    endpoint, as benchmarks list them from light to heavy).

    >>> match_benchmark("special-operators-uncertified", law="work-safety-law-2021",
    ...                 stage="责令限期改正", on_date=date(2025, 3, 1), facts={"persons": 2}) is None
    True
    """
    for _, rows in candidates(
        violation_id,
        law=law,
        stage=stage,
        on_date=on_date,
        jurisdiction_code=jurisdiction_code,
        on=on,
    ):
        for row in rows:
            if row.matches(facts or {}):
                return row
    return None


def read_benchmarks(source: str | Path) -> tuple[BenchmarkRow, ...]:
    """Read and check a benchmark file without registering it (读取裁量基准文件).

    Every row is checked against the catalogue and the penalty data: the jurisdiction and
    instrument exist and agree, the period lies within the instrument's, the violation is
    punished by that version at that stage on that party, the cited provision is the
    violation's, and the sub-range lies within the statutory band.

    >>> len(read_benchmarks(DATA_FILE))
    26
    """
    file, document = read_toml(source)
    extra = set(document) - {"benchmark"}
    if extra:
        raise RuleDataError(file, sorted(extra)[0], "未知的顶层键")
    rows: list[BenchmarkRow] = []
    for index, raw in enumerate_tables(document, "benchmark", file):
        key = f"benchmark[{index}]"
        row = validated(BenchmarkRow, raw, file, key)
        if row.id in {r.id for r in rows}:
            raise RuleDataError(file, f"{key}.id", f"重复的基准行 id {row.id}")
        try:
            _check(row)
        except (SafetyRulesError, ValueError) as error:
            raise RuleDataError(file, key, str(error)) from error
        rows.append(row)
    return tuple(rows)


def register_benchmarks(source: Path) -> tuple[BenchmarkRow, ...]:
    """Add a user's benchmark rows, e.g. a province's 裁量基准 (登记裁量基准).

    Rows take effect for their jurisdiction and the places under it; a more specific
    jurisdiction's row wins over the nation's. Ids must be new. Registration is per process.

    >>> import pathlib, tempfile
    >>> text = '''
    ... [[benchmark]]
    ... id = "example-330000-97-7-two"
    ... jurisdiction = "330000"
    ... from = 2024-11-01
    ... citation = { instrument = "emergency-penalty-discretion-benchmark-2024" }
    ... confidence = "unverified"
    ... sources = ["示例"]
    ... violation = "special-operators-uncertified"
    ... law = "work-safety-law-2021"
    ... stage = "责令限期改正"
    ... tier = "示例"
    ... condition = "2人次"
    ... facts = [{ fact = "persons", min = 2, max = 2 }]
    ... min = "30000"
    ... max = "50000"
    ... '''
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder, "b.toml")
    ...     _ = path.write_text(text, encoding="utf-8")
    ...     _ = register_benchmarks(path)
    >>> match_benchmark("special-operators-uncertified", law="work-safety-law-2021",
    ...                 stage="责令限期改正", on_date=date(2025, 3, 1), facts={"persons": 2},
    ...                 jurisdiction_code="330402").maximum
    Decimal('50000')
    >>> from safetyrules.penalties.benchmarks import _reset_registered
    >>> _reset_registered()
    """
    new = read_benchmarks(source)
    with _LOCK:
        seen = {r.id for r in benchmarks()}
        clashes = sorted(r.id for r in new if r.id in seen)
        if clashes:
            raise RuleDataError(str(source), "benchmark", f"基准行 id 重复：{'、'.join(clashes)}")
        _registered.extend(new)
    return new


def _check(row: BenchmarkRow) -> None:
    place = jurisdiction(row.jurisdiction)
    source = instrument(row.citation.instrument)
    if source.jurisdiction not in {level.code for level in place.chain()}:
        raise ValueError(f"{source.label}不是{place.name}或其上级的文件")
    last = row.until or row.start
    if not (source.in_force(row.start) and source.in_force(last)):
        raise ValueError(f"适用期间超出{source.label}的有效期（{source.period}）")
    if row.until is None and source.repealed_on is not None:
        raise ValueError(f"{source.label}已失效，须写明 until（有效期 {source.period}）")
    found = violation(row.violation)
    version = found.version(row.law)
    if version is None:
        raise ValueError(f"{instrument(row.law).label}没有违法行为 {row.violation} 的罚则")
    if row.provision is not None and Provision.parse(row.provision) != version.provision:
        raise ValueError(
            f"基准所引条款 {row.provision} 与违法行为 {row.violation} 在该版本中的条款"
            f" {version.provision} 不符"
        )
    stage = violation_provision(row.violation, row.law).stage(row.stage)
    fine = next((f for f in stage.fines if f.on == row.on), None)
    if fine is None or fine.maximum is None:
        raise ValueError(f"该情形没有对{row.on}的固定数额罚款")
    low = fine.minimum or Decimal(0)
    if not (low <= row.minimum and row.maximum <= fine.maximum):
        raise ValueError(
            f"阶次区间 {row.minimum}–{row.maximum} 元超出法定幅度 {low}–{fine.maximum} 元"
        )


@cache
def _shipped() -> tuple[BenchmarkRow, ...]:
    return read_benchmarks(DATA_FILE)


_registered: list[BenchmarkRow] = []
_LOCK = threading.Lock()


def _reset_registered() -> None:
    """Forget registered rows (for tests)."""
    with _LOCK:
        _registered.clear()
