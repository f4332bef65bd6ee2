"""Scoring standards (评分标准 / 评分细则) as data: items, points, deduction rules and gates.

A scoring standard lists items (考评内容, 考评方法, 应得分) mapped onto an edition's elements,
each with its deduction rules (不得分, 扣 n 分 per occurrence, 扣 n 分 per missing part), some
charged to the whole category (类目), plus 必备条件/否决项 as gates rather than points. Loading
checks that the points add up to the stated total, that every item maps to a known element and
that every deduction fits its item. A user loads their industry's 评分细则 from TOML in this
format, or builds one in Python from the same models.

>>> s = load_standard("general-gbt-33000-2016")
>>> s.total, s.edition
(Decimal('1000'), 'gbt-33000-2016')
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal
from enum import StrEnum
from functools import cache, cached_property
from pathlib import Path
from typing import Any, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from safetyrules.checks import quantity
from safetyrules.errors import InvalidInput, RuleDataError, UnknownReference
from safetyrules.law.citation import Citation
from safetyrules.law.confidence import Confidence
from safetyrules.law.data_files import read_packaged_text, read_toml, validated
from safetyrules.scoring.elements import Skeleton, skeleton

Points = Decimal


class DeductionKind(StrEnum):
    """How a deduction rule takes points (扣分方式).

    In files: ``all``, ``per_occurrence``, ``per_missing_part``.

    >>> DeductionKind.from_key("per_occurrence").value
    '每处扣分'
    """

    ALL = "不得分"
    PER_OCCURRENCE = "每处扣分"
    PER_MISSING_PART = "每缺一项扣分"

    @classmethod
    def from_key(cls, key: str) -> DeductionKind:
        """The kind written as a file key (or as its Chinese value, 扣分方式).

        >>> DeductionKind.from_key("all"), DeductionKind.from_key("不得分")
        (<DeductionKind.ALL: '不得分'>, <DeductionKind.ALL: '不得分'>)
        """
        try:
            return _KIND_KEYS[key]
        except KeyError:
            return cls(key)

    @property
    def key(self) -> str:
        """The kind as a file writes it (文件中的写法).

        >>> DeductionKind.PER_MISSING_PART.key
        'per_missing_part'
        """
        return {v: k for k, v in _KIND_KEYS.items()}[self]


_KIND_KEYS = {
    "all": DeductionKind.ALL,
    "per_occurrence": DeductionKind.PER_OCCURRENCE,
    "per_missing_part": DeductionKind.PER_MISSING_PART,
}


def _points(value: object) -> Decimal:
    return quantity("points", value)


class DeductionRule(BaseModel):
    """One deduction rule of an item (扣分标准).

    >>> DeductionRule(id="b", kind="per_occurrence", points="2", text="每缺一个部门扣2分").points
    Decimal('2')
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(min_length=1)
    kind: DeductionKind
    text: str = Field(min_length=1, description="扣分标准原文")
    points: Points | None = Field(default=None, description="每处或每缺一项扣的分数")
    parts: int | None = Field(default=None, ge=1, description="可缺的项数（每缺一项扣分）")

    @field_validator("kind", mode="before")
    @classmethod
    def _kind(cls, value: object) -> object:
        return DeductionKind.from_key(value) if isinstance(value, str) else value

    @field_validator("points", mode="before")
    @classmethod
    def _exact(cls, value: object) -> object:
        return None if value is None else _points(value)

    @model_validator(mode="after")
    def _shape(self) -> Self:
        if self.kind is DeductionKind.ALL and (self.points is not None or self.parts is not None):
            raise ValueError("“不得分”规则不设 points 和 parts")
        if self.kind is not DeductionKind.ALL and (self.points is None or self.points <= 0):
            raise ValueError(f"“{self.kind.value}”规则须给出大于0的 points")
        if (self.kind is DeductionKind.PER_MISSING_PART) != (self.parts is not None):
            raise ValueError("只有“每缺一项扣分”规则设 parts，且必须设")
        return self


class ScoringItem(BaseModel):
    """One item of a scoring standard (评分项): 考评内容, 考评方法, 应得分, 扣分标准.

    ``charge_to_category``: the item's deductions are taken from its whole element (类目), not
    from the item alone.

    >>> item = load_standard("general-gbt-33000-2016").item("5.1.1-1")
    >>> item.element, item.points, [r.kind.key for r in item.deductions]
    ('5.1.1', Decimal('6'), ['all', 'per_missing_part', 'per_occurrence'])
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(min_length=1, description="评分项编号")
    element: str = Field(min_length=1, description="所属要素代码")
    content: str = Field(min_length=1, description="考评内容")
    method: str = Field(default="", description="考评方法")
    points: Points = Field(description="应得分")
    citation: Citation | None = Field(default=None, description="所依据的条款")
    charge_to_category: bool = Field(default=False, description="扣分从整个类目中扣除")
    deductions: tuple[DeductionRule, ...] = Field(min_length=1, description="扣分标准")
    note: str = ""
    confidence: Confidence | None = None

    @field_validator("points", mode="before")
    @classmethod
    def _exact(cls, value: object) -> object:
        return _points(value)

    def rule(self, rule_id: str) -> DeductionRule:
        """The deduction rule with this id (扣分规则).

        >>> rule = load_standard("general-gbt-33000-2016").item("5.1.1-1").rule("b")
        >>> rule.kind.value, rule.points, rule.parts
        ('每缺一项扣分', Decimal('1'), 5)
        >>> load_standard("general-gbt-33000-2016").item("5.1.1-1").rule("z")
        Traceback (most recent call last):
        ...
        safetyrules.errors.InvalidInput: rule = 'z': 评分项 5.1.1-1 没有这一扣分规则（已有：a、b、c）
        """
        for rule in self.deductions:
            if rule.id == rule_id:
                return rule
        known = "、".join(r.id for r in self.deductions)
        raise InvalidInput("rule", rule_id, f"评分项 {self.id} 没有这一扣分规则（已有：{known}）")


class Gate(BaseModel):
    """A condition that must hold, scored as a gate, not in points (必备条件 / 否决项).

    >>> gate = load_standard("general-gbt-33000-2016").gates[0]
    >>> gate.id, gate.text
    ('licences', '依法应当取得的安全生产行政许可齐全且在有效期内')
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(min_length=1)
    text: str = Field(min_length=1)
    citation: Citation | None = None
    basis: str = Field(default="", description="无条款可引时的依据说明")
    note: str = ""


class ScoringStandard(BaseModel):
    """A scoring standard (评分标准): items mapped onto an edition's elements, and gates.

    ``thresholds`` maps a level (1 = 一级) to its minimum score on the 100-point scale, when the
    standard sets them; ``serves_from``/``serves_until`` (last day) bound the assessment dates
    it is valid for.

    >>> s = load_standard("general-gbt-33000-2016")
    >>> len(s.items), len(s.gates), s.official, s.serves_from, s.serves_until
    (110, 5, False, datetime.date(2017, 4, 1), datetime.date(2025, 10, 30))
    """

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    edition: str = Field(description="要素框架所依据的标准版本（法律文件 id）")
    total: Points = Field(description="总分")
    serves_from: date | None = None
    serves_until: date | None = None
    official: bool = Field(description="是否为官方发布的评分细则")
    confidence: Confidence
    sources: tuple[str, ...] = ()
    note: str = ""
    weights: dict[str, Points] = Field(default_factory=dict, description="各一级要素分值")
    thresholds: dict[int, Points] | None = Field(default=None, description="各级最低得分（百分制）")
    items: tuple[ScoringItem, ...] = Field(alias="item", min_length=1)
    gates: tuple[Gate, ...] = Field(default=(), alias="gate")

    @field_validator("total", mode="before")
    @classmethod
    def _exact_total(cls, value: object) -> object:
        return _points(value)

    @field_validator("weights", "thresholds", mode="before")
    @classmethod
    def _exact_values(cls, value: object) -> object:
        if isinstance(value, dict):
            return {key: _points(number) for key, number in value.items()}
        return value

    @model_validator(mode="before")
    @classmethod
    def _citations(cls, data: Any) -> Any:
        # Items and gates may cite a bare provision ("第5.1.1条") of the standard's own edition.
        if not isinstance(data, dict):
            return data
        edition = data.get("edition")
        if not isinstance(edition, str):
            return data
        for key in ("item", "items", "gate", "gates"):
            entries = data.get(key)
            if isinstance(entries, list | tuple):
                data = {**data, key: [_with_citation(entry, edition) for entry in entries]}
        return data

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> Self:
        if not (info.context or {}).get("defer_checks"):
            problems = check_standard(self)
            if problems:
                key, message = problems[0]
                raise ValueError(f"{key}: {message}")
        return self

    @property
    def skeleton(self) -> Skeleton:
        """The element skeleton the items map to (要素框架).

        >>> load_standard("general-gbt-33000-2016").skeleton.instrument
        'gbt-33000-2016'
        """
        return skeleton(self.edition)

    def item(self, item_id: str) -> ScoringItem:
        """The item with this id (评分项).

        >>> load_standard("general-gbt-33000-2016").item("5.1.1-1").element
        '5.1.1'
        >>> load_standard("general-gbt-33000-2016").item("5.9.9-1")
        Traceback (most recent call last):
        ...
        safetyrules.errors.InvalidInput: item = '5.9.9-1': 评分标准 general-gbt-33000-2016 中没有这一评分项
        """
        found = self._by_id.get(item_id)
        if found is None:
            raise InvalidInput("item", item_id, f"评分标准 {self.id} 中没有这一评分项")
        return found

    @cached_property
    def _by_id(self) -> dict[str, ScoringItem]:
        # Built on first use: a standard of 300 items is looked up once per result.
        return {item.id: item for item in self.items}


def _with_citation(item: Any, edition: str) -> Any:
    if isinstance(item, dict) and isinstance(item.get("citation"), str):
        text = item["citation"].strip()
        if not text.startswith("《"):
            return {**item, "citation": {"instrument": edition, "provision": text}}
    return item


def check_standard(standard: ScoringStandard) -> list[tuple[str, str]]:
    """Every inconsistency of a standard, as (key, message) pairs (评分标准自检).

    Points must add up to the total (and each 一级要素 to its weight, when weights are given);
    every item must map to a known element and its deduction rules fit its points; ids must
    be unique; thresholds must fall as the level number rises.

    >>> s = load_standard("general-gbt-33000-2016")
    >>> check_standard(s)
    []
    >>> check_standard(s.model_copy(update={"total": s.total + 1}))[0]
    ('total', '各评分项应得分之和为 1000，与总分 1001 不符')
    """
    problems: list[tuple[str, str]] = []
    try:
        frame = standard.skeleton
    except UnknownReference as error:
        return [("edition", str(error))]
    for key, count in Counter(i.id for i in standard.items).items():
        if count > 1:
            problems.append(("item", f"评分项编号 {key} 重复"))
    for key, count in Counter(g.id for g in standard.gates).items():
        if count > 1:
            problems.append(("gate", f"必备条件编号 {key} 重复"))
    known = {e.code for e in frame.elements}
    for index, item in enumerate(standard.items):
        if item.element not in known:
            problems.append(
                (f"item[{index}].element", f"{item.element} 不是 {frame.instrument} 的要素")
            )
        if item.points <= 0:
            problems.append((f"item[{index}].points", "应得分须大于0"))
        ids = [r.id for r in item.deductions]
        if len(set(ids)) != len(ids):
            problems.append((f"item[{index}].deductions", "扣分规则编号重复"))
        for position, rule in enumerate(item.deductions):
            if rule.points is not None and rule.points > item.points:
                problems.append(
                    (f"item[{index}].deductions[{position}].points", "单次扣分超过该项应得分")
                )
    total = sum((i.points for i in standard.items), Decimal(0))
    if total != standard.total:
        problems.append(("total", f"各评分项应得分之和为 {total}，与总分 {standard.total} 不符"))
    if standard.weights:
        problems += _weight_problems(standard, frame)
    if standard.thresholds is not None and not standard.thresholds:
        problems.append(("thresholds", "分数线不能为空（不设分数线时省略 thresholds）"))
    if standard.thresholds:
        levels = sorted(standard.thresholds)
        scores = [standard.thresholds[level] for level in levels]
        if levels != list(range(1, len(levels) + 1)) or scores != sorted(scores, reverse=True):
            problems.append(("thresholds", "须从一级起连续给出，且级别越高最低得分越高"))
        if any(not 0 <= s <= 100 for s in scores):
            problems.append(("thresholds", "最低得分须在0至100之间"))
    return problems


def _weight_problems(standard: ScoringStandard, frame: Skeleton) -> list[tuple[str, str]]:
    problems = []
    if sum(standard.weights.values(), Decimal(0)) != standard.total:
        problems.append(("weights", "各一级要素分值之和与总分不符"))
    sums: Counter[str] = Counter()
    for item in standard.items:
        try:
            sums[frame.top_of(item.element).code] += item.points  # type: ignore[assignment]
        except UnknownReference:
            continue  # reported as an unknown element
    for code, weight in standard.weights.items():
        if sums.get(code, 0) != weight:
            problems.append(
                (f"weights.{code}", f"评分项合计 {sums.get(code, 0)}，与分值 {weight} 不符")
            )
    return problems


def load_standard(source: str | Path) -> ScoringStandard:
    """Load a scoring standard: a packaged one by id, or a user's TOML file (读取评分标准).

    Every defect is a :class:`~safetyrules.errors.RuleDataError` naming the file and the key.

    >>> load_standard("no-such-standard")
    Traceback (most recent call last):
    ...
    safetyrules.errors.UnknownReference: 未知的评分标准（内置：general-gbt-33000-2016）: 'no-such-standard'
    """
    if isinstance(source, Path):
        return _read(source)
    return _packaged(source)


def standard_to_toml(standard: ScoringStandard) -> str:
    """Write a standard in the file format :func:`load_standard` reads (导出评分标准).

    >>> import tomllib
    >>> text = standard_to_toml(load_standard("general-gbt-33000-2016"))
    >>> document = tomllib.loads(text)
    >>> first = document["item"][0]
    >>> document["standard"]["id"], len(document["item"]), first["deductions"][1]["kind"]
    ('general-gbt-33000-2016', 110, 'per_missing_part')
    """
    import tomli_w

    header = standard.model_dump(
        mode="json", exclude={"items", "gates"}, exclude_none=True, by_alias=False
    )
    for key in ("serves_from", "serves_until"):
        if getattr(standard, key) is not None:
            header[key] = getattr(standard, key)
    if standard.thresholds is not None:
        header["thresholds"] = {str(k): str(v) for k, v in standard.thresholds.items()}
    items = []
    for item in standard.items:
        data = item.model_dump(mode="json", exclude_none=True, exclude={"citation", "deductions"})
        if item.citation is not None:
            data["citation"] = (
                str(item.citation.provision)
                if item.citation.instrument == standard.edition and item.citation.provision
                else item.citation.text
            )
        data["deductions"] = [
            {**r.model_dump(mode="json", exclude_none=True), "kind": r.kind.key}
            for r in item.deductions
        ]
        items.append(data)
    gates = [
        {
            **g.model_dump(mode="json", exclude_none=True, exclude={"citation"}),
            **({"citation": g.citation.text} if g.citation else {}),
        }
        for g in standard.gates
    ]
    document: dict[str, Any] = {"standard": header, "item": items}
    if gates:
        document["gate"] = gates
    return tomli_w.dumps(document)


_PACKAGED = ("general-gbt-33000-2016",)


@cache
def _packaged(standard_id: str) -> ScoringStandard:
    if standard_id not in _PACKAGED:
        raise UnknownReference(f"评分标准（内置：{'、'.join(_PACKAGED)}）", standard_id)
    name = f"scoring/{standard_id}.toml"
    read_packaged_text(name)  # a clear error if the file is missing from the package
    return _read(name)


def _read(source: str | Path) -> ScoringStandard:
    file, document = read_toml(source)
    header = document.get("standard")
    if not isinstance(header, dict):
        raise RuleDataError(file, "standard", "缺少 [standard] 表")
    data = {**header, "item": document.get("item"), "gate": document.get("gate", [])}
    if isinstance(data.get("thresholds"), dict):
        bad = [k for k in data["thresholds"] if not str(k).isdigit()]
        if bad:
            raise RuleDataError(
                file, "thresholds", f"级别应写作数字 1、2、3（不接受 {'、'.join(bad)}）"
            )
        data["thresholds"] = {int(k): v for k, v in data["thresholds"].items()}
    standard = validated(ScoringStandard, data, file, context={"defer_checks": True})
    problems = check_standard(standard)
    if problems:
        key, message = problems[0]
        raise RuleDataError(file, key, message)
    return standard
