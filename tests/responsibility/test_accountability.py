"""The 责任追究清单.

Expected consequences are read from the official text of 《中华人民共和国安全生产法》（2021年修正）
(tests/laws): 第九十四条 (撤职处分; 五年内不得担任; 重大、特别重大事故 终身不得担任本行业),
第九十五条 (一般 40%, 较大 60%, 重大 80%, 特别重大 100% of 上一年年收入), 第九十六条 (暂停或者吊销
资格, 20%–50%), 第一百一十三条第（三）项 (关闭 after a 重大/特别重大 accident without the safety
conditions), 第一百一十四条 (一般 30万–100万, 较大 100万–200万, 重大 200万–1000万, 特别重大
1000万–2000万). The 2014 case (an accident of 2021-07-02 decided 2022-01-19) has illustrative
dates: an accident before 2021-09-01 decided after it keeps the 2014 law's lighter bands.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from safetyrules.accidents import AccidentGrade
from safetyrules.errors import InvalidInput
from safetyrules.responsibility.accountability import (
    AccountabilityCase,
    accountability_list,
)
from tests.law_texts import WORK_SAFETY_LAW_2021

LAW_TEXT = WORK_SAFETY_LAW_2021.read_text(encoding="utf-8")


def _rows(**facts: object) -> list[tuple[str, str, str]]:
    case = AccountabilityCase.model_validate({"occurred_on": date(2024, 5, 6), **facts})
    return [
        (r.subject, r.consequence, str(r.basis.provision)) for r in accountability_list(case).rows
    ]


def test_a_larger_accident_with_the_principal_at_fault() -> None:
    assert _rows(accident=AccidentGrade.LARGER, principal_at_fault=True) == [
        ("生产经营单位", "对生产经营单位处100万元以上200万元以下的罚款", "第一百一十四条"),
        ("主要负责人", "对主要负责人处上一年年收入60%的罚款", "第九十五条"),
        ("主要负责人", "撤职处分", "第九十四条"),
        (
            "主要负责人",
            "自刑罚执行完毕或者受处分之日起，五年内不得担任任何生产经营单位的主要负责人",
            "第九十四条",
        ),
    ]


def test_a_major_accident_adds_the_lifetime_ban_and_closure() -> None:
    rows = _rows(
        accident=AccidentGrade.MAJOR,
        principal_at_fault=True,
        others_at_fault=True,
        lacks_safety_conditions=True,
    )
    assert (
        "生产经营单位",
        "对生产经营单位处200万元以上1000万元以下的罚款",
        "第一百一十四条",
    ) in rows
    assert ("主要负责人", "对主要负责人处上一年年收入80%的罚款", "第九十五条") in rows
    assert ("主要负责人", "终身不得担任本行业生产经营单位的主要负责人", "第九十四条") in rows
    assert (
        "其他负责人和安全生产管理人员",
        "暂停或者吊销其与安全生产有关的资格",
        "第九十六条",
    ) in rows
    assert ("生产经营单位", "提请地方人民政府予以关闭", "第一百一十三条第（三）项") in rows
    assert (
        "主要负责人",
        "终身不得担任本行业生产经营单位的主要负责人",
        "第一百一十三条第（三）项",
    ) in rows
    assert (
        "主要负责人",
        "主要负责人五年内不得担任任何生产经营单位的主要负责人",
        "第一百一十三条第（三）项",
    ) in rows


def test_no_lifetime_ban_or_closure_below_major() -> None:
    rows = _rows(
        accident=AccidentGrade.LARGER, principal_at_fault=True, lacks_safety_conditions=True
    )
    assert not any("终身" in consequence for _, consequence, _ in rows)
    assert not any(basis.startswith("第一百一十三条") for _, _, basis in rows)


@pytest.mark.parametrize(
    ("grade", "unit_fine", "share"),
    [
        (AccidentGrade.GENERAL, "30万元以上100万元以下", "40%"),
        (AccidentGrade.LARGER, "100万元以上200万元以下", "60%"),
        (AccidentGrade.MAJOR, "200万元以上1000万元以下", "80%"),
        (AccidentGrade.ESPECIALLY_MAJOR, "1000万元以上2000万元以下", "100%"),
    ],
)
def test_each_grade(grade: AccidentGrade, unit_fine: str, share: str) -> None:
    rows = _rows(accident=grade, principal_at_fault=True)
    assert rows[0] == ("生产经营单位", f"对生产经营单位处{unit_fine}的罚款", "第一百一十四条")
    assert rows[1] == ("主要负责人", f"对主要负责人处上一年年收入{share}的罚款", "第九十五条")


def test_the_consequences_are_in_the_article_texts() -> None:
    rows = _rows(
        accident=AccidentGrade.ESPECIALLY_MAJOR,
        principal_at_fault=True,
        others_at_fault=True,
        lacks_safety_conditions=True,
    )
    for _, consequence, _ in rows:
        if not consequence.startswith("对"):
            assert consequence in LAW_TEXT


def test_the_deciding_department_where_the_article_names_it() -> None:
    case = AccountabilityCase(
        occurred_on=date(2024, 5, 6), accident=AccidentGrade.GENERAL, principal_at_fault=True
    )
    authorities = {(str(r.basis.provision), r.authority) for r in accountability_list(case).rows}
    # 第九十五条 and 第一百一十四条: "由应急管理部门依照下列规定处以罚款"; 第九十四条 names none.
    assert authorities == {
        ("第一百一十四条", "应急管理部门"),
        ("第九十五条", "应急管理部门"),
        ("第九十四条", None),
    }


def test_an_accident_before_the_2021_law_decided_after_it_uses_the_2014_law() -> None:
    case = AccountabilityCase(
        occurred_on=date(2021, 7, 2),
        decided_on=date(2022, 1, 19),
        accident=AccidentGrade.GENERAL,
        principal_at_fault=True,
        others_at_fault=True,
    )
    result = accountability_list(case)
    assert {r.basis.instrument for r in result.rows} == {"work-safety-law-2014"}
    # 2014 第九十二条: 一般事故 30% (the 2021 40% is heavier, so the old law stays).
    assert any(r.consequence == "对主要负责人处上一年年收入30%的罚款" for r in result.rows)
    # 2014 第九十三条 fined the other managers nothing for an accident: only the measure.
    others = [r for r in result.rows if r.subject == "其他负责人和安全生产管理人员"]
    assert [r.consequence for r in others] == ["暂停或者撤销其与安全生产有关的资格"]


def test_a_violation_lists_every_stage() -> None:
    # 2021 第九十九条: 责令限期改正，处五万元以下的罚款；逾期未改正的，处五万元以上二十万元以下的
    # 罚款，对其直接负责的主管人员和其他直接责任人员处一万元以上二万元以下的罚款……
    rows = _rows(violations=["warning-signs-missing"])
    assert ("生产经营单位", "对生产经营单位处5万元以下的罚款", "第九十九条第（一）项") in rows
    assert (
        "直接负责的主管人员和其他直接责任人员",
        "对直接负责的主管人员和其他直接责任人员处1万元以上2万元以下的罚款",
        "第九十九条第（一）项",
    ) in rows


def test_bad_cases_are_refused() -> None:
    with pytest.raises(ValidationError, match="不能认定事故责任"):
        AccountabilityCase(occurred_on=date(2024, 5, 6), principal_at_fault=True)
    with pytest.raises(ValidationError, match="须给出事故等级"):
        AccountabilityCase(occurred_on=date(2024, 5, 6))
    with pytest.raises(ValidationError, match="不能早于"):
        AccountabilityCase(
            occurred_on=date(2024, 5, 6),
            decided_on=date(2024, 5, 5),
            accident=AccidentGrade.GENERAL,
        )
    with pytest.raises(ValidationError):
        AccountabilityCase(
            occurred_on=date(2024, 5, 6), accident=AccidentGrade.GENERAL, principal_at_fault=1
        )
    with pytest.raises(InvalidInput, match="no-such-violation"):
        accountability_list(
            AccountabilityCase(occurred_on=date(2024, 5, 6), violations=["no-such-violation"])
        )


def test_rows_export_in_both_languages() -> None:
    case = AccountabilityCase(occurred_on=date(2024, 5, 6), accident=AccidentGrade.GENERAL)
    result = accountability_list(case)
    zh, en = result.to_rows("zh")[0], result.to_rows("en")[0]
    assert list(zh) == [
        "责任事项",
        "责任主体",
        "情形",
        "追究方式",
        "追究依据",
        "决定机关",
        "可信度",
    ]
    assert list(en) == [
        "matter",
        "subject",
        "circumstance",
        "consequence",
        "basis",
        "authority",
        "confidence",
    ]
    assert list(zh.values()) == list(en.values())
    assert zh["追究依据"] == "《中华人民共和国安全生产法》（2021年修正）第一百一十四条"


FLAGS = ("unit_responsible", "principal_at_fault", "others_at_fault", "lacks_safety_conditions")


@given(
    grade=st.sampled_from(list(AccidentGrade)),
    flags=st.fixed_dictionaries({flag: st.booleans() for flag in FLAGS}),
    extra=st.sampled_from(FLAGS),
    occurred=st.dates(date(2015, 1, 1), date(2026, 12, 31)),
)
def test_another_finding_of_fault_never_removes_a_row(
    grade: AccidentGrade, flags: dict[str, bool], extra: str, occurred: date
) -> None:
    if not any(flags.values()):
        flags["unit_responsible"] = True
    base = AccountabilityCase(occurred_on=occurred, accident=grade, **flags)
    more = base.model_copy(update={extra: True})
    before = set(accountability_list(base).rows)
    after = set(accountability_list(more).rows)
    assert before <= after


def test_closure_rows_name_the_situation_and_the_deciding_body() -> None:
    # 第一百一十三条: "存在下列情形之一的……应当提请地方人民政府予以关闭……；情节严重的，终身不得担任本行业
    # 生产经营单位的主要负责人"; 第一百一十五条: "予以关闭的行政处罚，由负有安全生产监督管理职责的部门报请
    # 县级以上人民政府按照国务院规定的权限决定".
    case = AccountabilityCase(
        occurred_on=date(2024, 5, 6),
        accident=AccidentGrade.MAJOR,
        unit_responsible=False,
        lacks_safety_conditions=True,
    )
    rows = accountability_list(case).rows
    situation = "不具备法律、行政法规和国家标准或者行业标准规定的安全生产条件，导致发生重大、特别重大生产安全事故"
    assert [(r.circumstance, r.consequence) for r in rows] == [
        (situation, "提请地方人民政府予以关闭"),
        (situation, "有关部门应当依法吊销其有关证照"),
        (situation, "主要负责人五年内不得担任任何生产经营单位的主要负责人"),
        (situation + "，情节严重", "终身不得担任本行业生产经营单位的主要负责人"),
    ]
    assert "报请县级以上人民政府" in (rows[0].authority or "")
    assert rows[1].authority is None


@pytest.mark.parametrize(
    ("grade", "multiple"),
    [(AccidentGrade.GENERAL, "一般事故"), (AccidentGrade.ESPECIALLY_MAJOR, "特别重大事故")],
)
def test_the_two_to_five_fold_fine_multiplies_the_own_grade(
    grade: AccidentGrade, multiple: str
) -> None:
    # 第一百一十四条第二款: "可以按照前款罚款数额的二倍以上五倍以下对负有责任的生产经营单位处以罚款".
    rows = _rows(accident=grade, especially_serious=True)
    aggravated = [r for r in rows if "倍" in r[1]]
    assert aggravated == [
        (
            "生产经营单位",
            f"对生产经营单位可以处“{multiple}”罚款数额的2倍以上5倍以下的罚款",
            "第一百一十四条",
        )
    ]


def test_the_2014_rows_carry_their_confidence_and_the_version_reason_its_units() -> None:
    case = AccountabilityCase(
        occurred_on=date(2021, 7, 2),
        decided_on=date(2022, 1, 19),
        accident=AccidentGrade.GENERAL,
        principal_at_fault=True,
    )
    result = accountability_list(case)
    by_article = {str(r.basis.provision): r.confidence.value for r in result.rows}
    # 2014 第一百零九条 is unverified in the data; 第九十二条 is secondary.
    assert by_article["第一百零九条"] == "unverified"
    assert by_article["第九十二条"] == "secondary"
    messages = " ".join(r.message for r in result.reasons)
    assert "幅度上一年年收入30%至30%" in messages
    assert "幅度上一年年收入40%至40%" in messages
    assert "撤职、任职限制等不是罚款的处理按该版本列示" in messages


def test_no_finding_of_fault_says_so() -> None:
    case = AccountabilityCase(
        occurred_on=date(2024, 5, 6), accident=AccidentGrade.GENERAL, unit_responsible=False
    )
    result = accountability_list(case)
    assert result.rows == ()
    assert result.reasons[-1].rule == "responsibility.accountability.no-fault"


def test_a_repeated_violation_is_refused() -> None:
    with pytest.raises(ValidationError, match="违法行为重复"):
        AccountabilityCase(
            occurred_on=date(2024, 5, 6),
            violations=["warning-signs-missing", "warning-signs-missing"],
        )
