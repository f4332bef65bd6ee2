"""One inspection, three outputs (一次检查，三种结果): the 三标融合 pass over a checklist.

Each answer is 符合, 不符合 (with location, count, evidence and photo references) or 不适用 (with a
reason). The inspection yields (1) the standardization deductions for the scoring module, (2)
hazard records (一般, or 重大 with the 判定标准 clause) that enter the closed loop of
:mod:`safetyrules.hazards`, and (3) enforcement findings (the violation, the obligation and the
penalty provision) for the discretion engine. Items that do not apply to the enterprise are
skipped with the reason; items whose basis is not in force on the date are skipped too; an
answer for an unknown item is an error.

>>> from safetyrules.audit import demo_enterprise
>>> from safetyrules.checklists import load_checklist
>>> c = load_checklist("work-safety-law-obligations")
>>> r = inspect(c, demo_enterprise(), [Answer(item="law-35", outcome="不符合", location="液氨机房",
...                                           count=2, evidence="门口无警示标志")], date(2025, 9, 10))
>>> r.hazards[0].level.value, r.findings[0].violation, r.deductions[0].count
('一般事故隐患', 'warning-signs-missing', 2)
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time
from enum import StrEnum
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from safetyrules.checklists.checklist import Checklist, ChecklistItem
from safetyrules.checks import SHANGHAI, aware
from safetyrules.enterprise import Enterprise
from safetyrules.errors import InvalidInput
from safetyrules.hazards.definitions import HazardLevel
from safetyrules.hazards.record import HazardRecord
from safetyrules.law.catalogue import instrument
from safetyrules.law.citation import Citation
from safetyrules.law.reason import Explanation, Reason
from safetyrules.scoring.score import Deduction, ItemResult


class Outcome(StrEnum):
    """An inspector's verdict on one item (检查结论).

    >>> Outcome("不符合") is Outcome.NON_COMPLIANT
    True
    >>> [outcome.value for outcome in Outcome]
    ['符合', '不符合', '不适用']
    """

    COMPLIANT = "符合"
    NON_COMPLIANT = "不符合"
    NOT_APPLICABLE = "不适用"


class Answer(BaseModel):
    """The answer to one checklist item (检查记录).

    A 不符合 answer records where, how many times, what was seen and the photos (as references);
    a 不适用 answer needs a reason.

    >>> Answer(item="law-35", outcome="不符合", location="配电房", count=2).outcome
    <Outcome.NON_COMPLIANT: '不符合'>
    >>> Answer(item="law-35", outcome="不适用")
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.ValidationError: 1 validation error for Answer
      Value error, 检查项 law-35 不适用，须说明理由 ...
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    item: str = Field(min_length=1, description="检查项编号")
    outcome: Outcome = Field(description="检查结论")
    location: str | None = Field(default=None, description="部位或场所")
    count: int = Field(default=1, ge=1, description="发现处数")
    evidence: str = Field(default="", description="事实描述")
    photos: tuple[str, ...] = Field(default=(), description="照片等证据的引用")
    reason: str | None = Field(default=None, description="不适用的理由")

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.outcome is Outcome.NOT_APPLICABLE and not (self.reason or "").strip():
            raise ValueError(f"检查项 {self.item} 不适用，须说明理由")
        return self


class SkippedItem(BaseModel):
    """An item left out of the inspection, and why (未检查的检查项).

    >>> from safetyrules.audit import demo_enterprise
    >>> from safetyrules.checklists import load_checklist
    >>> trade = load_checklist("trade-major-hazard-2023")
    >>> r = inspect(trade, demo_enterprise(), [], date(2023, 5, 14))
    >>> next(s for s in r.skipped if s.item == "11-3")
    SkippedItem(item='11-3', reason='检查依据《工贸企业重大事故隐患判定标准》（应急管理部令第10号）于 2023-05-14 不在有效期内（2023-05-15 起）')
    """

    model_config = ConfigDict(frozen=True)

    item: str
    reason: str


class StandardizationDeduction(BaseModel):
    """A deduction an inspection found for a scoring standard (标准化扣分).

    >>> from safetyrules.audit import demo_enterprise
    >>> from safetyrules.checklists import load_checklist
    >>> law = load_checklist("work-safety-law-obligations")
    >>> answer = Answer(item="law-35", outcome="不符合", count=2, evidence="配电房门口无警示标志")
    >>> inspect(law, demo_enterprise(), [answer], date(2025, 9, 10)).deductions
    (StandardizationDeduction(standard='general-gbt-33000-2016', item='5.4.4-1', rule='b',
                              count=2, evidence='配电房门口无警示标志', source='law-35'),)
    """

    model_config = ConfigDict(frozen=True)

    standard: str
    item: str
    rule: str
    count: int
    evidence: str
    source: str = Field(description="检查项编号")


class EnforcementFinding(BaseModel):
    """A violation found, ready for the discretion engine (执法检查发现的违法行为).

    >>> from safetyrules.audit import demo_enterprise
    >>> from safetyrules.checklists import load_checklist
    >>> from safetyrules.penalties import violation_provision
    >>> law = load_checklist("work-safety-law-obligations")
    >>> answer = Answer(item="law-35", outcome="不符合", location="配电房")
    >>> (finding,) = inspect(law, demo_enterprise(), [answer], date(2025, 9, 10)).findings
    >>> finding.violation, finding.penalty.text
    ('warning-signs-missing', '《中华人民共和国安全生产法》（2021年修正）第九十九条第（一）项')
    >>> violation_provision(finding.violation, finding.penalty.instrument).stages[0].when
    '责令限期改正'
    """

    model_config = ConfigDict(frozen=True)

    source: str = Field(description="检查项编号")
    violation: str = Field(description="违法行为 id")
    description: str
    obligation: Citation
    penalty: Citation
    location: str | None
    count: int
    evidence: str


class InspectionResult(BaseModel):
    """The three outputs of one inspection (检查结果：标准化扣分、隐患、执法发现).

    >>> from safetyrules.audit import demo_enterprise
    >>> from safetyrules.checklists import load_checklist
    >>> law = load_checklist("work-safety-law-obligations")
    >>> answers = [Answer(item="law-35", outcome="不符合", count=2), Answer(item="law-43", outcome="符合")]
    >>> r = inspect(law, demo_enterprise(), answers, date(2025, 9, 10))
    >>> r.item_results("general-gbt-33000-2016")[0].deductions[0].count
    2
    >>> len(r.hazards), len(r.findings), len(r.unanswered)
    (1, 1, 8)
    >>> print(r.explanation.text())
    1. law-35 不符合：未在有较大危险因素的生产经营场所和有关设施、设备上设置明显的安全警示标志，为一般事故隐患。依据：...第三十五条
    2. law-35 不符合：违反...第三十五条，罚则见...第九十九条第（一）项。依据：...第九十九条第（一）项
    """

    model_config = ConfigDict(frozen=True)

    checklist: str
    enterprise: str
    as_of: date
    answers: tuple[Answer, ...]
    skipped: tuple[SkippedItem, ...]
    unanswered: tuple[str, ...] = Field(description="适用但未作答的检查项")
    deductions: tuple[StandardizationDeduction, ...]
    hazards: tuple[HazardRecord, ...]
    findings: tuple[EnforcementFinding, ...]
    explanation: Explanation

    def item_results(self, standard: str) -> tuple[ItemResult, ...]:
        """The deductions for one scoring standard as :class:`~safetyrules.scoring.ItemResult`s
        (one per scoring item, its deductions merged), ready for :func:`safetyrules.scoring.score`."""
        grouped: dict[str, list[Deduction]] = defaultdict(list)
        for d in self.deductions:
            if d.standard == standard:
                grouped[d.item].append(Deduction(rule=d.rule, count=d.count, evidence=d.evidence))
        return tuple(
            ItemResult(item=item, deductions=tuple(found)) for item, found in grouped.items()
        )

    def major_hazards(self) -> tuple[HazardRecord, ...]:
        """The 重大事故隐患 found."""
        return tuple(h for h in self.hazards if h.level is HazardLevel.MAJOR)

    def _repr_html_(self) -> str:
        """The hazards and findings, the counts and the reasons as HTML for a notebook
        (笔记本显示).

        >>> from safetyrules.audit import demo_enterprise
        >>> from safetyrules.checklists import load_checklist
        >>> law = load_checklist("work-safety-law-obligations")
        >>> answer = Answer(item="law-35", outcome="不符合", location="液氨机房")
        >>> page = inspect(law, demo_enterprise(), [answer], date(2025, 9, 10))._repr_html_()
        >>> "事故隐患1项（重大0项），违法行为1项" in page, "液氨机房" in page
        (True, True)
        """
        from safetyrules.display import fragment

        return fragment(
            "检查结果",
            f"事故隐患{len(self.hazards)}项（重大{len(self.major_hazards())}项），"
            f"违法行为{len(self.findings)}项",
            [
                ("被检查单位", self.enterprise),
                ("检查表", self.checklist),
                ("检查日期", self.as_of),
                ("检查记录", f"{len(self.answers)}条"),
                ("不符合", f"{sum(a.outcome is Outcome.NON_COMPLIANT for a in self.answers)}项"),
                ("不适用或不在有效期内", f"{len(self.skipped)}项"),
                ("适用但未作答", f"{len(self.unanswered)}项"),
                ("标准化扣分", f"{len(self.deductions)}项"),
            ],
            self.explanation,
        )

    def _repr_markdown_(self) -> str:
        """The same content in Markdown (笔记本显示).

        >>> from safetyrules.audit import demo_enterprise
        >>> from safetyrules.checklists import load_checklist
        >>> law = load_checklist("work-safety-law-obligations")
        >>> r = inspect(law, demo_enterprise(), [], date(2025, 9, 10))
        >>> print(r._repr_markdown_().splitlines()[0])
        **检查结果：事故隐患0项（重大0项），违法行为0项**
        """
        from safetyrules.display import markdown

        return markdown(self._repr_html_())


def inspect(
    checklist: Checklist,
    enterprise: Enterprise,
    answers: list[Answer] | tuple[Answer, ...],
    as_of: date,
    *,
    at: datetime | None = None,
    inspector: str = "检查组",
) -> InspectionResult:
    """Run one inspection of an enterprise against a checklist (三标融合检查).

    ``as_of`` is the inspection date; ``at`` the time hazards are recorded as found (default:
    the start of ``as_of`` in Beijing time); ``inspector`` the post or team that found them.

    >>> from safetyrules.audit import demo_enterprise
    >>> from safetyrules.checklists import load_checklist
    >>> trade = load_checklist("trade-major-hazard-2023")
    >>> answer = Answer(item="11-3", outcome="不符合", location="布袋除尘器")
    >>> r = inspect(trade, demo_enterprise(), [answer], date(2025, 9, 10), inspector="安全管理部")
    >>> (hazard,) = r.major_hazards()
    >>> hazard.location, hazard.found_by, hazard.major_basis.text
    ('布袋除尘器', '安全管理部', '《工贸企业重大事故隐患判定标准》（应急管理部令第10号）第十一条第（三）项')
    >>> r.findings[0].penalty.text
    '《中华人民共和国安全生产法》（2021年修正）第一百零二条'
    """
    found_at = aware("at", at) if at is not None else datetime.combine(as_of, time(), SHANGHAI)
    by_item: dict[str, Answer] = {}
    for answer in answers:
        checklist.item(answer.item)  # an unknown item is an error
        if answer.item in by_item:
            raise InvalidInput("item", answer.item, "同一检查项有两条检查记录")
        by_item[answer.item] = answer
    skipped: list[SkippedItem] = []
    unanswered: list[str] = []
    deductions: list[StandardizationDeduction] = []
    hazards: list[HazardRecord] = []
    findings: list[EnforcementFinding] = []
    reasons: list[Reason] = []
    for item in checklist.items:
        why_not = checklist.applies(item, enterprise) or _out_of_force(item, as_of)
        given = by_item.get(item.id)
        if why_not is not None:
            skipped.append(SkippedItem(item=item.id, reason=why_not))
            continue
        if given is None:
            unanswered.append(item.id)
            continue
        if given.outcome is Outcome.NOT_APPLICABLE:
            skipped.append(SkippedItem(item=item.id, reason=given.reason or ""))
            continue
        if given.outcome is Outcome.COMPLIANT:
            continue
        outputs = _non_compliant(checklist, item, given, found_at, inspector)
        deductions += outputs[0]
        hazards += outputs[1]
        findings += outputs[2]
        reasons += outputs[3]
    return InspectionResult(
        checklist=checklist.id,
        enterprise=enterprise.name,
        as_of=as_of,
        answers=tuple(by_item.values()),
        skipped=tuple(skipped),
        unanswered=tuple(unanswered),
        deductions=tuple(deductions),
        hazards=tuple(hazards),
        findings=tuple(findings),
        explanation=Explanation(reasons=tuple(reasons)),
    )


def _out_of_force(item: ChecklistItem, on: date) -> str | None:
    if item.basis is None:
        return None
    source = instrument(item.basis.instrument)
    if source.in_force(on):
        return None
    return f"检查依据{source.label}于 {on} 不在有效期内（{source.period}）"


def _non_compliant(
    checklist: Checklist,
    item: ChecklistItem,
    answer: Answer,
    found_at: datetime,
    inspector: str,
) -> tuple[
    list[StandardizationDeduction], list[HazardRecord], list[EnforcementFinding], list[Reason]
]:
    where = f"（{answer.location}）" if answer.location else ""
    facts = answer.evidence or item.content
    deductions, hazards, findings, reasons = [], [], [], []
    if item.standardization is not None:
        scoring_link = item.standardization
        deductions.append(
            StandardizationDeduction(
                standard=scoring_link.standard,
                item=scoring_link.item,
                rule=scoring_link.rule,
                count=answer.count,
                evidence=f"{facts}{where}",
                source=item.id,
            )
        )
    if item.hazard is not None:
        major = item.hazard.level == "重大"
        hazards.append(
            HazardRecord(
                id=f"{checklist.id}-{item.id}-{found_at:%Y%m%d}",
                description=item.hazard.description
                + (f"：{answer.evidence}" if answer.evidence else ""),
                level=HazardLevel.MAJOR if major else HazardLevel.GENERAL,
                location=answer.location or "未注明",
                found_on=found_at,
                found_by=inspector,
                major_basis=item.hazard.major_basis if major else None,
                origin=f"{checklist.id}/{item.id}",
            )
        )
        reasons.append(
            Reason(
                rule=f"checklists.{checklist.id}.{item.id}.hazard",
                message=f"{item.id} 不符合{where}：{item.hazard.description}，"
                + ("判定为重大事故隐患" if major else "为一般事故隐患"),
                citation=item.hazard.major_basis if major else item.basis,
                confidence=item.confidence or checklist.confidence,
            )
        )
    if item.enforcement is not None:
        law_link = item.enforcement
        findings.append(
            EnforcementFinding(
                source=item.id,
                violation=law_link.violation,
                description=item.hazard.description if item.hazard else item.content,
                obligation=law_link.obligation,
                penalty=law_link.penalty,
                location=answer.location,
                count=answer.count,
                evidence=answer.evidence,
            )
        )
        reasons.append(
            Reason(
                rule=f"checklists.{checklist.id}.{item.id}.enforcement",
                message=f"{item.id} 不符合：违反{law_link.obligation}，罚则见{law_link.penalty}",
                citation=law_link.penalty,
                confidence=item.confidence or checklist.confidence,
            )
        )
    return deductions, hazards, findings, reasons


class InspectionRecord(BaseModel):
    """An inspection as recorded (检查记录表): the checklist, the date, who inspected and the
    answers, ready to run against an enterprise. The audit reads these from
    ``inspections.toml``.

    >>> from safetyrules.audit import demo_enterprise, demo_inputs
    >>> record = demo_inputs().inspections[0]
    >>> len(record.run(demo_enterprise()).major_hazards())
    2
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    checklist: str = Field(min_length=1, description="检查表 id（内置）")
    inspected_on: date = Field(description="检查日期")
    inspector: str = Field(default="检查组", description="检查人员或检查组")
    answers: tuple[Answer, ...] = Field(description="各检查项的检查记录")

    def run(self, enterprise: Enterprise) -> InspectionResult:
        """Inspect the enterprise with the recorded answers (三标融合检查)."""
        from safetyrules.checklists.checklist import load_checklist

        return inspect(
            load_checklist(self.checklist),
            enterprise,
            self.answers,
            self.inspected_on,
            inspector=self.inspector,
        )
