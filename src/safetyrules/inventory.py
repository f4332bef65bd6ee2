"""Every fact the library keeps without having checked it (未核实事项清单).

Each rule module marks its data official, secondary or unverified. This module gathers the
unverified ones from all of them, so ``safetyrules rules --unverified`` can list them and the
count can be driven to zero. It reads the rule data, so it loads on first use only.

>>> facts = unverified_facts()
>>> any(f.area == "风险分级" for f in facts)
True
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import attrs

from safetyrules.law.confidence import Confidence

_UNVERIFIED = Confidence.UNVERIFIED


@attrs.frozen
class UnverifiedFact:
    """One unverified fact: where it lives and what it says (未核实事项).

    >>> fact = UnverifiedFact("风险分级", "direct.major-hazard-installation", "涉及重大危险源的")
    >>> f"{fact.area} {fact.id}：{fact.description}"
    '风险分级 direct.major-hazard-installation：涉及重大危险源的'
    """

    area: str
    id: str
    description: str


def _instruments() -> Iterator[UnverifiedFact]:
    from safetyrules.law.catalogue import catalogue

    for item in catalogue():
        if item.confidence is _UNVERIFIED:
            fields = "、".join(item.unverified_fields) or "全部"
            yield UnverifiedFact("法律文件目录", item.id, f"{item.label}：未核实 {fields}")


def _accident_rules() -> Iterator[UnverifiedFact]:
    from safetyrules.accidents import _rules

    for name, required in _rules.FILES.items():
        for parameter_id, overlay in _rules.load_rule_file(name, required).items():
            for timeline in overlay.timelines.values():
                for entry in timeline.entries:
                    if entry.confidence is _UNVERIFIED:
                        yield UnverifiedFact(
                            "事故",
                            f"{parameter_id}@{entry.start}",
                            f"{entry.value}（{entry.citation}）",
                        )


def _accident_categories() -> Iterator[UnverifiedFact]:
    from safetyrules.accidents.category import (
        CategoryEdition,
        accident_categories,
        map_to_2025,
    )

    for category in accident_categories(CategoryEdition.GB_6441_1986):
        mapping = map_to_2025(category)
        if mapping.confidence is _UNVERIFIED:
            targets = "、".join(c.name for c in mapping.candidates)
            yield UnverifiedFact(
                "事故类别",
                f"gb6441-map-{category.code}",
                f"{category.label} → {targets}：{mapping.note}",
            )


def _size_standards() -> Iterator[UnverifiedFact]:
    from safetyrules.classification.enterprise_size import _packaged

    for entry in _packaged().entries:
        standard = entry.value
        if standard.effective_from_confidence is _UNVERIFIED:
            yield UnverifiedFact("企业规模", f"{standard.id}.effective_from", standard.title)
        for group in standard.groups:
            for part, confidence in (
                ("scope", group.scope_confidence),
                ("thresholds", group.thresholds_confidence),
            ):
                if confidence is _UNVERIFIED:
                    yield UnverifiedFact("企业规模", f"{standard.id}.{group.id}.{part}", group.name)


def _risk() -> Iterator[UnverifiedFact]:
    from safetyrules.risk import MethodName, RiskLevel, control_rule, direct_conditions, method
    from safetyrules.risk import schemes as all_schemes

    for name in MethodName:
        if method(name).confidence is _UNVERIFIED:
            yield UnverifiedFact("风险分级", f"method.{name.value}", method(name).name)
    for scheme in all_schemes():
        if scheme.confidence is _UNVERIFIED:
            yield UnverifiedFact("风险分级", f"scheme.{scheme.id}", scheme.name)
    for condition in direct_conditions():
        if condition.confidence is _UNVERIFIED:
            yield UnverifiedFact("风险分级", f"direct.{condition.id}", condition.text)
    for level in RiskLevel:
        rule = control_rule(level)
        if rule.confidence is _UNVERIFIED:
            yield UnverifiedFact(
                "风险分级",
                f"control.{level.name}",
                f"{level.value}由{rule.control_level.value}管控",
            )
        if rule.responsible and rule.responsible_confidence is _UNVERIFIED:
            yield UnverifiedFact(
                "风险分级",
                f"control.{level.name}.responsible",
                f"{level.value}由{rule.responsible}负责",
            )


def _major_hazard() -> Iterator[UnverifiedFact]:
    from safetyrules.risk.major_hazard import (
        gb18218_tables,
        grading,
        identification,
        notes,
        obligations,
        reassessment_triggers,
        responsible_roles,
    )

    # Rules of GB 18218 kept in code rather than in the tables, with their confidence.
    for rule_id, confidence, text in (
        ("lowest-q", identification.LOWEST_Q_CONFIDENCE, "第4.1.2条：具有多种危险性的取最低临界量"),
        ("mixture", identification.MIXTURE_CONFIDENCE, "第4.2.3条：混合物临界量的确定"),
        ("max-beta", grading.MAX_BETA_CONFIDENCE, "多种危险性类别时取最大 β（本库的选择）"),
    ):
        if confidence is _UNVERIFIED:
            yield UnverifiedFact("重大危险源", f"rule.{rule_id}", text)
    for chemical in gb18218_tables().chemicals:
        if chemical.confidence is _UNVERIFIED:
            yield UnverifiedFact("重大危险源", f"gb18218.table1.{chemical.number}", chemical.name)
    for obligation in obligations():
        if obligation.confidence is _UNVERIFIED:
            yield UnverifiedFact("重大危险源", f"duty.{obligation.id}", str(obligation.citation))
    for trigger in reassessment_triggers():
        if trigger.confidence is _UNVERIFIED:
            yield UnverifiedFact("重大危险源", f"reassessment.{trigger.item}", trigger.text)
    for role in responsible_roles():
        if role.who_confidence is _UNVERIFIED:
            yield UnverifiedFact("重大危险源", f"role.{role.role.name}.who", role.who)
        for number, duty in enumerate(role.duties, start=1):
            if duty.confidence is _UNVERIFIED:
                yield UnverifiedFact("重大危险源", f"role.{role.role.name}.{number}", duty.text)
    for note in notes():
        if note.confidence is _UNVERIFIED:
            yield UnverifiedFact("重大危险源", f"note.{note.id}", note.text)


def _standardization() -> Iterator[UnverifiedFact]:
    from safetyrules.scoring import grading_regimes, skeleton

    for edition in ("aqt-9006-2010", "gbt-33000-2016", "gbt-33000-2025"):
        for element in skeleton(edition).elements:
            if element.confidence is _UNVERIFIED:
                yield UnverifiedFact("标准化", f"{edition}.{element.code}", element.label)
    for regime in grading_regimes():
        for rule in regime.levels:
            for part, confidence, text in (
                ("authority", rule.authority_confidence, rule.authority),
                ("threshold", rule.threshold_confidence, f"{rule.threshold}分"),
            ):
                if confidence is _UNVERIFIED:
                    yield UnverifiedFact(
                        "标准化",
                        f"{regime.id}.level{int(rule.level)}.{part}",
                        f"{rule.level.label}：{text}",
                    )
        for group, conditions in (
            ("condition", regime.conditions),
            ("revocation", regime.revocation_triggers),
            ("reapplication", regime.reapplication_conditions),
        ):
            for condition in conditions:
                if condition.confidence is _UNVERIFIED:
                    yield UnverifiedFact(
                        "标准化", f"{regime.id}.{group}.{condition.id}", condition.text
                    )


def _hazards() -> Iterator[UnverifiedFact]:
    from safetyrules.hazards import hazard_provisions

    for provision in hazard_provisions():
        if provision.confidence is _UNVERIFIED:
            yield UnverifiedFact("事故隐患", f"hazards.{provision.id}", str(provision.citation))


def _checklists() -> Iterator[UnverifiedFact]:
    from safetyrules.checklists import PACKAGED, load_checklist

    for checklist_id in PACKAGED:
        checklist = load_checklist(checklist_id)
        for item in checklist.items:
            if item.origin is None and (item.confidence or checklist.confidence) is _UNVERIFIED:
                yield UnverifiedFact("检查表", f"{checklist.id}.{item.id}", item.content[:40])
        for sector in checklist.sectors:
            if sector.confidence is _UNVERIFIED:
                yield UnverifiedFact(
                    "检查表", f"{checklist.id}.sector.{sector.name}", "、".join(sector.industries)
                )


def _penalties() -> Iterator[UnverifiedFact]:
    from safetyrules.penalties import LAWS, provisions

    for law in LAWS:
        for found in provisions(law):
            if found.confidence is _UNVERIFIED:
                yield UnverifiedFact("行政处罚", f"{law}.{found.provision}", str(found.citation))
    from safetyrules.penalties import circumstances, placement_variants, tier_rules

    for rule in tier_rules():
        for tier in rule.tiers:
            if tier.confidence is _UNVERIFIED:
                yield UnverifiedFact(
                    "行政处罚",
                    f"{rule.instrument}.{tier.grade.name}.{tier.tier}",
                    f"{tier.grade.value}第{tier.tier}阶次 {tier.minimum}–{tier.maximum}元",
                )
        for fixed in rule.concealed:
            if fixed.confidence is _UNVERIFIED:
                yield UnverifiedFact(
                    "行政处罚",
                    f"{rule.instrument}.concealed.{fixed.grade.name}",
                    f"{fixed.grade.value}谎报瞒报 {fixed.amount}元",
                )

    for item in circumstances():
        for number, basis in enumerate(item.bases, start=1):
            if basis.confidence is _UNVERIFIED:
                yield UnverifiedFact("行政处罚", f"circumstance.{item.id}.{number}", item.name)
    for variant in placement_variants():
        for share in variant.shares:
            if share.confidence is _UNVERIFIED:
                yield UnverifiedFact(
                    "行政处罚",
                    f"placement.{variant.id}.{share.form.name}.{share.tier.name}",
                    f"{variant.name}：{share.tier.value} {share.low}–{share.high}",
                )


def _responsibility() -> Iterator[UnverifiedFact]:
    from safetyrules.responsibility.duties import DATA_FILE, read_statutory_duties
    from safetyrules.responsibility.staffing import staffing_overlays
    from safetyrules.responsibility.system import CHIEF_SAFETY_OFFICER, enterprise_role

    for duty in read_statutory_duties(DATA_FILE):
        if duty.confidence is _UNVERIFIED:
            yield UnverifiedFact("安全生产责任", f"duty.{duty.id}", str(duty.citation))
    for rule_id, overlay in staffing_overlays().items():
        for code, timeline in overlay.timelines.items():
            for entry in timeline.entries:
                if entry.confidence is _UNVERIFIED:
                    yield UnverifiedFact(
                        "安全生产责任",
                        f"staffing.{rule_id}@{code}.{entry.start.isoformat()}",
                        entry.note or str(entry.citation),
                    )
    role = enterprise_role(CHIEF_SAFETY_OFFICER)
    for part, confidence, text in (
        (
            "held_by",
            role.held_by_confidence,
            f"{role.name}由企业副职担任：本库按{role.held_by.value}认定",
        ),
        ("policy", role.policy_confidence, role.policy),
    ):
        if confidence is _UNVERIFIED:
            yield UnverifiedFact("安全生产责任", f"role.{role.id}.{part}", text)


def _credit() -> Iterator[UnverifiedFact]:
    from safetyrules.credit import regimes

    for item in regimes():
        for fact_id, description in item.unverified_facts():
            yield UnverifiedFact("信用名单", fact_id, description)


_AREAS: tuple[Callable[[], Iterator[UnverifiedFact]], ...] = (
    _instruments,
    _accident_rules,
    _accident_categories,
    _size_standards,
    _risk,
    _major_hazard,
    _standardization,
    _hazards,
    _checklists,
    _penalties,
    _responsibility,
    _credit,
)


def unverified_facts() -> tuple[UnverifiedFact, ...]:
    """Every unverified fact of every rule module, area by area (全部未核实事项).

    >>> facts = {f.id: f for f in unverified_facts()}
    >>> facts["direct.major-hazard-installation"].area
    '风险分级'
    """
    return tuple(fact for area in _AREAS for fact in area())
