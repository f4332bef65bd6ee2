"""Tests of safetyrules.risk.major_hazard.duties (原总局令第40号; 包保责任制 应急厅〔2021〕12号).

Grades are computed by hand in the comments (Q from GB 18218-2018 table 1 or 2, β from
tables 3 and 4, α from table 5); the duties follow the secondary sources' reading of 第40号令
第九条 (QRA), 第十三条 (shutdown, SIS) and the 包保 measures' 第三条至第七条.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from safetyrules.errors import InvalidInput, NotInForce, RuleDataError
from safetyrules.law.confidence import Confidence
from safetyrules.law.data_files import read_packaged_text
from safetyrules.risk.major_hazard import (
    Frequency,
    Role,
    SubstanceInput,
    assess,
    duties_for,
    notes,
    obligations,
    qra_required,
    reassessment_triggers,
    responsible_roles,
)
from safetyrules.risk.major_hazard.duties import read_duties

SECONDARY = Confidence.SECONDARY
UNVERIFIED = Confidence.UNVERIFIED


# ---------------------------------------------------------------------------
# The data file
# ---------------------------------------------------------------------------


def test_the_packaged_file_loads_with_citations_and_marks() -> None:
    by_id = {o.id: o for o in obligations()}
    # 第九条 (QRA): 11.wendadaohang.com/zd/F7qv7Sq78qS4822vPv4.html; 第十一条:
    # zkjan.com/exam/detail-4481503.html, m.cooxue.com/know/104081.html; 第十三条 and the number
    # 第二十三条: 未见来源 (the filing text is in a garbled repost, m.dybbs8.com/doc-37526065.html).
    assert by_id["quantitative-risk-assessment"].confidence is SECONDARY
    assert str(by_id["quantitative-risk-assessment"].citation.provision) == "第九条"
    assert by_id["reassessment-every-three-years"].frequency is Frequency.EVERY_THREE_YEARS
    assert by_id["emergency-shutdown"].confidence is UNVERIFIED
    assert by_id["safety-instrumented-system"].confidence is UNVERIFIED
    assert by_id["filing"].deadline_days == 15
    assert by_id["filing"].confidence is UNVERIFIED
    assert str(by_id["filing"].citation.provision) == "第二十三条"
    assert by_id["special-plan-drill"].frequency is Frequency.YEARLY
    assert by_id["on-site-plan-drill"].frequency is Frequency.HALF_YEARLY
    assert all(o.sources for o in obligations())


def test_six_reassessment_triggers() -> None:
    triggers = reassessment_triggers()
    assert [t.item for t in triggers] == [1, 2, 3, 4, 5, 6]
    assert str(triggers[4].citation.provision) == "第十一条第（五）项"
    assert "10人以上受伤" in triggers[4].text
    assert {t.confidence for t in triggers} == {SECONDARY}


def test_three_responsible_persons() -> None:
    principal, technical, operational = responsible_roles()
    assert (principal.role, technical.role, operational.role) == (
        Role.PRINCIPAL,
        Role.TECHNICAL,
        Role.OPERATIONAL,
    )
    # 第四条 (一)–(七) and 第五条 (一)–(五): tegots.com/article/10139; 第六条: 未见来源.
    assert [d.item for d in principal.duties] == [1, 2, 3, 4, 5, 6, 7]
    assert [d.item for d in technical.duties] == [1, 2, 3, 4, 5]
    assert {d.confidence for d in principal.duties + technical.duties} == {SECONDARY}
    assert {d.confidence for d in operational.duties} == {UNVERIFIED}
    assert str(technical.duties[4].citation.provision) == "第五条第（五）项"
    assert technical.check_frequency is Frequency.QUARTERLY
    assert operational.check_frequency is Frequency.WEEKLY
    assert principal.check_frequency is None
    assert str(operational.duties[0].citation.provision) == "第六条"
    assert principal.who_confidence is UNVERIFIED  # 第七条: 未见来源


def test_the_responsibility_measures_start_on_2021_02_04() -> None:
    assert responsible_roles(as_of=date(2021, 2, 3)) == ()
    assert len(responsible_roles(as_of=date(2021, 2, 4))) == 3
    before = {o.id for o in obligations(as_of=date(2021, 2, 3))}
    assert "three-responsible-persons" not in before
    assert "three-responsible-persons" in {o.id for o in obligations(as_of=date(2021, 2, 4))}


def test_notes_are_dated() -> None:
    def ids(on: date) -> set[str]:
        return {n.id for n in notes(as_of=on)}

    assert "hazardous-chemicals-safety-law" not in ids(date(2026, 4, 30))
    assert "hazardous-chemicals-safety-law" in ids(date(2026, 5, 1))
    assert "responsibility-measures-after-2024" not in ids(date(2024, 2, 3))
    assert "responsibility-measures-after-2024" in ids(date(2024, 2, 4))
    law = next(n for n in notes() if n.id == "hazardous-chemicals-safety-law")
    assert law.citation.instrument == "hazardous-chemicals-safety-law"
    assert law.confidence is UNVERIFIED  # no article on record: a negative finding


def test_before_order_40_nothing_is_in_force() -> None:
    with pytest.raises(NotInForce, match="2011-12-01"):
        obligations(as_of=date(2011, 11, 30))


def test_bad_grade_is_refused() -> None:
    with pytest.raises(InvalidInput):
        obligations(5)


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ('confidence = "secondary"\n', 'confidence = "sure"\n', "obligation[0].confidence"),
        ("grades = [1, 2]", "grades = [1, 5]", "obligation[2].grades.1"),
        ('id = "safety-assessment"', 'id = "record-identification"', "obligation[1].id"),
        ('role = "技术负责人"', 'role = "主要负责人"', "role[1].role"),
        ("item = 2\n", "item = 3\n", "trigger[1].item"),
    ],
)
def test_a_broken_copy_names_the_key(tmp_path: Path, old: str, new: str, key: str) -> None:
    text = read_packaged_text("risk/major-hazard-duties.toml")
    assert old in text
    path = tmp_path / "duties.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(RuleDataError) as error:
        read_duties(path)
    assert error.value.key.replace("[", ".").replace("]", "") == key.replace("[", ".").replace(
        "]", ""
    )


# ---------------------------------------------------------------------------
# 第九条: quantitative risk assessment
# ---------------------------------------------------------------------------


def test_grade_two_with_toxic_gas_needs_qra() -> None:
    # 氯 50 t: q/Q = 50/5 = 10; β 4; 100 people → α 2.0; R = 2.0 × 4 × 10 = 80 → 二级.
    # Toxic gases Σq/Q = 10 ≥ 1 → QRA required.
    a = assess({"氯": 50}, population=100)
    assert (a.r, a.grade) == (80, 2)
    decision = qra_required(a)
    assert decision.required is True
    assert str(decision.explanation.reasons[0].citation).endswith("第九条")


def test_grade_three_with_toxic_gas_needs_no_qra() -> None:
    # 氯 10 t: q/Q = 2; 60 people → α 1.5; R = 1.5 × 4 × 2 = 12 → 三级.
    a = assess({"氯": 10}, population=60)
    assert (a.r, a.grade) == (12, 3)
    assert qra_required(a).required is False


def test_grade_one_liquefied_flammable_gas_needs_the_callers_flag() -> None:
    # 液化石油气 5000 t (Q 50, W2 β 1.5): q/Q = 100; α 2.0; R = 2.0 × 1.5 × 100 = 300 → 一级.
    a = assess([SubstanceInput(name="液化石油气", quantity=5000, symbols=["W2"])], population=100)
    assert (a.r, a.grade) == (300, 1)
    assert qra_required(a).required is False  # no toxic gas; not flagged as liquefied
    assert qra_required(a, liquefied_flammable_gases=["液化石油气"]).required is True


def test_grade_two_liquefied_flammable_gas_needs_no_qra() -> None:
    # 液化石油气 1000 t: q/Q = 20; R = 2.0 × 1.5 × 20 = 60 → 二级; the second case is 一级 only.
    a = assess([SubstanceInput(name="液化石油气", quantity=1000, symbols=["W2"])], population=100)
    assert a.grade == 2
    assert qra_required(a, liquefied_flammable_gases=["液化石油气"]).required is False


def test_grade_one_explosive_from_its_symbol_needs_qra() -> None:
    # TNT (表1 Q 5) with W1.1 (β 2): 500 t → q/Q = 100; 0 people → α 0.5;
    # R = 0.5 × 2 × 100 = 100 → 一级; explosives Σq/Q = 100 ≥ 1.
    a = assess([SubstanceInput(name="TNT", quantity=500, symbols=["W1.1"])], population=0)
    assert (a.r, a.grade) == (100, 1)
    assert qra_required(a).required is True


def test_toxic_gases_below_one_do_not_count() -> None:
    # 氯 4 t (q/Q 0.8, β 4) + 液化石油气 5000 t (q/Q 100, β 1.5): 100 people →
    # R = 2.0 × (3.2 + 150) = 306.4 → 一级. Toxic Σq/Q = 0.8 < 1.
    rows = [
        SubstanceInput(name="氯", quantity=4),
        SubstanceInput(name="液化石油气", quantity=5000, symbols=["W2"]),
    ]
    a = assess(rows, population=100)
    assert (a.r, a.grade) == (Decimal("306.4"), 1)
    assert qra_required(a).required is False
    assert qra_required(a, liquefied_flammable_gases=["液化石油气"]).required is True


def test_a_j1_gas_outside_table3_counts_as_toxic() -> None:
    # Not in table 1 or 3; J1 (Q 5, β 4): 50 t → q/Q = 10; α 2.0 → R = 80 → 二级.
    a = assess([SubstanceInput(name="某剧毒气体", quantity=50, symbols=["J1"])], population=100)
    assert (a.r, a.grade) == (80, 2)
    assert qra_required(a).required is True


def test_qra_is_unknown_without_a_grade_and_false_when_not_major() -> None:
    assert qra_required(assess({"氯": 50})).required is None
    assert qra_required(assess({"氯": 1}, population=5)).required is False


def test_an_unknown_flagged_name_is_refused() -> None:
    with pytest.raises(InvalidInput) as error:
        qra_required(assess({"氯": 50}, population=100), liquefied_flammable_gases=["丙烷"])
    assert error.value.field == "liquefied_flammable_gases"


# ---------------------------------------------------------------------------
# duties_for(): the whole list
# ---------------------------------------------------------------------------


def test_grade_two_toxic_gas_duties() -> None:
    d = duties_for(assess({"氯": 50}, population=100))
    assert (d.quantitative_risk_assessment, d.emergency_shutdown, d.safety_instrumented_system) == (
        True,
        True,
        True,
    )
    for expected in (
        "record-identification",
        "quantitative-risk-assessment",
        "emergency-shutdown",
        "safety-instrumented-system",
        "filing",
        "three-responsible-persons",
    ):
        assert expected in d.obligations
    assert d.explanation.unverified  # no source seen for 第十三条 (未见来源)


def test_grade_three_duties_leave_out_the_grade_one_and_two_ones() -> None:
    d = duties_for(assess({"氯": 10}, population=60))
    assert (d.quantitative_risk_assessment, d.emergency_shutdown, d.safety_instrumented_system) == (
        False,
        False,
        False,
    )
    assert "emergency-shutdown" not in d.obligations
    assert "safety-instrumented-system" not in d.obligations
    assert "filing" in d.obligations


def test_sis_for_a_liquefied_gas_named_by_the_caller() -> None:
    # 液化石油气 1000 t → 二级 (above). No toxic gas: SIS only if a liquefied gas is named.
    a = assess([SubstanceInput(name="液化石油气", quantity=1000, symbols=["W2"])], population=100)
    assert duties_for(a).safety_instrumented_system is False
    assert duties_for(a, liquefied_gases=["液化石油气"]).safety_instrumented_system is True
    assert (
        duties_for(a, liquefied_flammable_gases=["液化石油气"]).safety_instrumented_system is True
    )


def test_not_major_only_records_the_identification() -> None:
    d = duties_for(assess({"氯": 1}))
    assert d.obligations == ("record-identification",)
    assert (d.quantitative_risk_assessment, d.emergency_shutdown) == (False, False)


def test_major_without_grade_lists_only_grade_free_duties() -> None:
    d = duties_for(assess({"氯": 50}))
    assert (d.quantitative_risk_assessment, d.emergency_shutdown, d.safety_instrumented_system) == (
        None,
        None,
        None,
    )
    assert "filing" in d.obligations
    assert "emergency-shutdown" not in d.obligations


def test_duties_follow_the_date() -> None:
    a = assess({"氯": 50}, population=100)
    in_2020 = duties_for(a, as_of=date(2020, 6, 1))
    assert "three-responsible-persons" not in in_2020.obligations
    assert "hazardous-chemicals-safety-law" not in in_2020.notes
    in_2026 = duties_for(a, as_of=date(2026, 5, 1))
    assert "three-responsible-persons" in in_2026.obligations
    assert "hazardous-chemicals-safety-law" in in_2026.notes
    assert "responsibility-measures-after-2024" in in_2026.notes
    dated = assess({"氯": 50}, population=100, as_of=date(2020, 6, 1))
    assert duties_for(dated).obligations == in_2020.obligations


def test_duty_results_pickle() -> None:
    import pickle

    d = duties_for(assess({"氯": 50}, population=100))
    assert pickle.loads(pickle.dumps(d)) == d
    decision = qra_required(assess({"氯": 50}, population=100))
    assert pickle.loads(pickle.dumps(decision)) == decision
