"""The audit report: sections, the as-of date, and folder input errors."""

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from safetyrules.accidents import AccidentGrade
from safetyrules.audit import audit, demo_inputs, load_inputs
from safetyrules.audit.render import to_markdown
from safetyrules.enterprise import Enterprise
from safetyrules.errors import InvalidInput, RuleDataError
from safetyrules.risk import RiskLevel

ENTERPRISE = {
    "name": "测试企业",
    "uscc": "91440300192317458F",  # 比亚迪's real code (≥5 copies in 公开代码（仓库未识别）)
    "industry": "3612",
    "jurisdiction": "440300",
    "employees": 1000,
    "revenue": "400000000",
}


def folder_with(tmp_path: Path, accidents: object) -> Path:
    (tmp_path / "enterprise.json").write_text(json.dumps(ENTERPRISE), encoding="utf-8")
    (tmp_path / "accidents.json").write_text(json.dumps(accidents), encoding="utf-8")
    return tmp_path


def test_demo_accidents_are_graded_with_reasons() -> None:
    report = audit(demo_inputs(), date(2026, 11, 29))
    # 2024-07-18: 3 人急性工业中毒 (< 10 重伤), 126万元 (< 1000万元): 一般事故, 第三条第一款第（四）项.
    last = report.accidents[-1]
    assert last.classification.grade is AccidentGrade.GENERAL
    assert len(last.classification.explanation) == 4
    assert "### 2024-07-18" in to_markdown(report)


def test_accidents_after_the_audit_date_are_left_out() -> None:
    report = audit(demo_inputs(), date(2023, 1, 1))
    assert [a.record.occurred_on for a in report.accidents] == [date(2022, 3, 9)]


def test_instruments_follow_the_audit_date() -> None:
    before = {i.id for i in audit(demo_inputs(), date(2021, 8, 31)).instruments}
    after = {i.id for i in audit(demo_inputs(), date(2021, 9, 1)).instruments}
    assert ("work-safety-law-2014" in before, "work-safety-law-2021" in before) == (True, False)
    assert ("work-safety-law-2014" in after, "work-safety-law-2021" in after) == (False, True)


def test_folder_with_a_larger_accident(tmp_path: Path) -> None:
    # 3 deaths: "3人以上10人以下死亡" is 较大事故 (条例第三条第一款第（三）项).
    folder = folder_with(
        tmp_path, {"accident": [{"occurred_on": "2023-05-02", "summary": "坍塌", "deaths": 3}]}
    )
    report = audit(load_inputs(folder), date(2024, 1, 1))
    assert report.accidents[0].classification.grade is AccidentGrade.LARGER


@pytest.mark.parametrize(
    ("accidents", "field"),
    [
        (
            {"accident": [{"occurred_on": "2023-05-02", "summary": "x", "deaths": -1}]},
            "accident[0].deaths",
        ),
        ({"accident": [{"summary": "x"}]}, "accident[0].occurred_on"),
        (
            {
                "accident": [
                    {"occurred_on": "2023-05-02", "summary": "x", "direct_economic_loss": 1.5}
                ]
            },
            "accident[0].direct_economic_loss",
        ),
        ({"accident": "none"}, "accident"),
    ],
)
def test_bad_accident_rows_name_the_file_and_field(
    tmp_path: Path, accidents: object, field: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        load_inputs(folder_with(tmp_path, accidents))
    assert caught.value.field == f"accidents.json: {field}"


def test_missing_folder_contents(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match=r"enterprise\.toml"):
        load_inputs(tmp_path)


def test_the_demo_register_is_graded_with_its_heat_map() -> None:
    report = audit(demo_inputs(), date(2026, 11, 29))
    assert report.risks is not None
    by_id = {row.point.id: row for row in report.risks.rows}
    # R01: LS 3 × 5 = 15, in ls-db37's (12, 16] band (较大), but 涉及重大危险源 forces 重大.
    assert (by_id["R01"].assessment.scored_level, by_id["R01"].level) == (
        RiskLevel.LARGE,
        RiskLevel.MAJOR,
    )
    # R03: LEC 3 × 3 × 40 = 360 > 320: 1级, 重大; R04: 3 × 6 × 7 = 126 in (70, 160]: 一般.
    assert by_id["R03"].level is RiskLevel.MAJOR
    assert by_id["R04"].level is RiskLevel.GENERAL
    # R08: MES 1 × 6 × 4 = 24 in [20, 50): 4级, 低.
    assert by_id["R08"].assessment.grade == "4级"
    assert report.risks.counts == {
        RiskLevel.MAJOR: 2,
        RiskLevel.LARGE: 1,
        RiskLevel.GENERAL: 2,
        RiskLevel.LOW: 3,
    }
    # LS points: R01 and R02 at (L 3, S 5), R05 at (2, 5), R06 at (2, 4).
    assert report.risks.heat_maps[0].counts[2][4] == 2
    assert report.risks.heat_maps[0].counts[1][4] == 1
    assert report.risks.heat_maps[0].counts[1][3] == 1
    markdown = to_markdown(report)
    assert "## 五、安全风险分级管控" in markdown
    assert "| L = 3 | 0（蓝） | 0（蓝） | 0（黄） | 0（黄） | 2（橙） |" in markdown


def test_the_demo_units_are_assessed_under_gb_18218() -> None:
    report = audit(demo_inputs(), date(2026, 11, 29))
    ammonia, store = report.hazard_units
    # 液氨 12 t against Q(氨) = 10 t: S = 1.2 ≥ 1; α(60 people) = 1.5, β(氨) = 2:
    # R = 1.5 × 2 × 1.2 = 3.6 < 10, 四级.
    assert (ammonia.assessment.s, ammonia.assessment.r, ammonia.assessment.grade) == (
        Decimal("1.2"),
        Decimal("3.6"),
        4,
    )
    # 乙醇 3/500 + 液化石油气 0.5/50 = 0.006 + 0.01 = 0.016 < 1: not a major hazard installation.
    assert (store.assessment.s, store.assessment.is_major) == (Decimal("0.016"), False)
    assert "## 六、危险化学品重大危险源（GB 18218-2018）" in to_markdown(report)


def test_sections_whose_rules_are_not_yet_in_force_say_so() -> None:
    # 2015-06-01: before 安委办〔2016〕11号 (four risk levels) and GB 18218-2018 (2019-03-01);
    # the report still stands, with those sections marked 未评价.
    report = audit(demo_inputs(), date(2015, 6, 1))
    assert report.risks is None
    assert "2016-10-09" in (report.risks_problem or "")
    assert all(
        u.assessment is None and "2019-03-01" in (u.problem or "") for u in report.hazard_units
    )
    assert "未评价" in to_markdown(report)


def test_the_demo_self_assessment_is_scored_and_graded() -> None:
    section = audit(demo_inputs(), date(2026, 11, 29)).standardization
    assert section is not None
    assert section.assessment is not None
    assert section.grading is not None
    # self_assessment.toml: 5.4.1-1 (12) and 5.4.1-11 (8) 缺项 → 应得分 980; the listed
    # deductions add up to 2×2 + 3×1 + 2×1 + 1×2 + 2×2 + 1×8 + 5×2 + 3×2 + 3×2 + 1×2 + 4×2
    # + 2×3 + 1×2 + 1×3 + 2×2 + 1×2 = 72 → 908; 908 ÷ 980 × 100 = 92.65… → 92.7.
    assert (section.assessment.applicable_points, section.assessment.earned) == (980, 908)
    assert section.assessment.score == Decimal("92.7")
    # 5.4 现场管理: 350 - 20 缺项 = 330; lost 4 + 8 + 10 + 6 + 6 = 34 → 296 ÷ 330 = 89.7 %, the weakest.
    assert section.assessment.weakest_elements(1)[0].code == "5.4"
    # Applied for 二级 on 2025-09-20; 92.7 ≥ 75 and no accident in [2024-09-20, 2025-09-20).
    assert section.grading.granted
    assert section.grading.valid_until == date(2028, 9, 19)
    assert "## 七、安全生产标准化" in to_markdown(audit(demo_inputs(), date(2026, 11, 29)))


def test_a_self_assessment_after_the_audit_date_is_left_out() -> None:
    assert audit(demo_inputs(), date(2025, 9, 14)).standardization is None


def test_the_demo_inspection_yields_hazards_findings_and_deductions() -> None:
    (section,) = audit(demo_inputs(), date(2026, 11, 29)).inspections
    result = section.result
    assert result is not None
    # inspections.toml: 11-3 and 11-10 fail (令10 第十一条: 重大), law-35 and law-45 fail (一般).
    assert [h.level.value for h in result.hazards] == [
        "重大事故隐患",
        "重大事故隐患",
        "一般事故隐患",
        "一般事故隐患",
    ]
    assert [f.violation for f in result.findings][-2:] == [
        "warning-signs-missing",
        "protective-equipment-not-provided",
    ]
    # law-35 feeds 5.4.4-1 rule b, law-45 feeds 5.4.2-6 rule b, each counted twice.
    assert [(d.item, d.count) for d in result.deductions] == [("5.4.4-1", 2), ("5.4.2-6", 2)]
    assert [s.item for s in result.skipped] == ["11-6", "11-9"]
    assert "## 八、三标融合检查" in to_markdown(audit(demo_inputs(), date(2026, 11, 29)))


def test_the_demo_findings_carry_their_statutory_fines() -> None:
    (section,) = audit(demo_inputs(), date(2026, 11, 29)).inspections
    # 2021 第一百零二条: 处五万元以下的罚款; 第九十九条: 处五万元以下的罚款 (first stage).
    bands = [(p.violation, p.statutory.maximum if p.statutory else None) for p in section.penalties]
    assert bands == [
        ("major-accident-hazard-not-eliminated", Decimal(50000)),
        ("major-accident-hazard-not-eliminated", Decimal(50000)),
        ("warning-signs-missing", Decimal(50000)),
        ("protective-equipment-not-provided", Decimal(50000)),
    ]
    assert "5万元以下" in to_markdown(audit(demo_inputs(), date(2026, 11, 29)))


def test_the_demo_findings_come_with_a_recommended_range_and_reasons() -> None:
    (section,) = audit(demo_inputs(), date(2026, 11, 29)).inspections
    recommendation = section.penalties[2].recommendation
    assert recommendation is not None
    # 第九十九条: 五万元以下; no circumstance known → 一般; the default split (12号令 reading A,
    # unverified) puts 一般 at 20 %–60 % of the maximum: 1万 to 3万.
    assert (recommendation.range.text(), recommendation.tier.value) == (
        "1万元以上3万元以下",
        "一般",
    )
    assert recommendation.explanation.unverified


def test_the_demo_responsibility_lists() -> None:
    section = audit(demo_inputs(), date(2026, 11, 29)).responsibility
    assert section is not None
    assert section.major_risks is not None
    assert section.control is not None
    # R01 is forced 重大 by direct judgement, R03 scores LEC 3 × 3 × 40 = 360 > 320.
    assert [r.point_id for r in section.major_risks.rows] == ["R01", "R03"]
    assert len(section.control.rows) == 8
    # The ammonia plant's 操作负责人 is left out of custody.toml on purpose.
    assert section.custody is not None
    assert [p.message for p in section.custody.problems] == [
        "重大危险源“氨制冷系统（含储氨器）”未明确操作负责人"
    ]
    first, second = section.accountability
    assert first.assumed
    assert first.result is not None
    assert [r.subject for r in first.result.rows] == ["生产经营单位"]
    # The 2024 leak: the investigation found the 主要负责人 at fault, so 第九十五条 (一般事故:
    # 上一年年收入百分之四十) and 第九十四条 (撤职处分, then five years) follow.
    assert not second.assumed
    assert second.result is not None
    assert [(r.subject, str(r.basis.provision)) for r in second.result.rows] == [
        ("生产经营单位", "第一百一十四条"),
        ("主要负责人", "第九十五条"),
        ("主要负责人", "第九十四条"),
        ("主要负责人", "第九十四条"),
    ]
    markdown = to_markdown(audit(demo_inputs(), date(2026, 11, 29)))
    assert "## 十、安全生产责任与三清单" in markdown
    assert "对主要负责人处上一年年收入40%的罚款" in markdown


def test_the_demo_responsibility_system_misses_one_duty() -> None:
    section = audit(demo_inputs(), date(2026, 11, 29)).responsibility
    assert section is not None
    assert section.system is not None
    # responsibility.toml leaves out 第二十五条第一款第（四）项 (应急救援演练) on purpose.
    assert [(f.kind.value, f.duty_id) for f in section.system.findings] == [
        ("法定职责未落实到岗位", "safety-management.drills")
    ]
    # 浙江省安全生产条例（2016年修订）第十一条第一款第（二）项: a hazardous-goods store with 260
    # employees needs an organisation and three full-time staff; the demo has both.
    assert section.system.staffing.requirement.full_time_minimum == 3
    assert not section.system.staffing.shortfalls


def test_the_demo_credit_verdict() -> None:
    # The 2024 leak (一般事故, no deaths) was decided on 2024-10-15, under 应急管理部令第11号
    # (from 2023-10-01): none of its situations applies.
    (item,) = audit(demo_inputs(), date(2026, 11, 29)).credit
    assert item.decided_on == date(2024, 10, 15)
    assert item.result is not None
    assert item.result.regime == "serious-dishonesty-list-measures"
    assert not item.result.listed
    assert audit(demo_inputs(), date(2024, 10, 14)).credit == ()


def test_a_responsibility_file_takes_the_enterprise_from_the_folder(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, {"accident": []})
    (folder / "responsibility.json").write_text(
        json.dumps({"enterprise": ENTERPRISE, "posts": []}), encoding="utf-8"
    )
    with pytest.raises(InvalidInput, match="企业信息取自 enterprise 文件"):
        load_inputs(folder)
    (folder / "responsibility.json").write_text(json.dumps({"posts": []}), encoding="utf-8")
    inputs = load_inputs(folder)
    assert inputs.responsibility is not None
    assert inputs.responsibility.enterprise.name == "测试企业"


def test_sections_are_numbered_in_order_and_cells_escaped() -> None:
    enterprise = Enterprise.model_validate({**ENTERPRISE, "name": "测试|企业"})
    markdown = to_markdown(audit(enterprise, date(2026, 11, 29)))
    headings = [line for line in markdown.splitlines() if line.startswith("## ")]
    assert headings == [
        "## 一、企业基本情况",
        "## 二、属地",
        "## 三、审计基准日有效的法律文件",
        "## 四、生产安全事故",
    ]
    assert "| 单位名称 | 测试\\|企业 |" in markdown


def test_the_json_report_does_not_depend_on_the_hash_seed() -> None:
    import os
    import subprocess
    import sys

    code = (
        "from datetime import date; from safetyrules.audit import audit, demo_inputs; "
        "from safetyrules.audit.render import to_json; "
        "print(to_json(audit(demo_inputs(), date(2026, 11, 29))))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1


def test_enterprise_files_in_gbk_or_with_a_bom(tmp_path: Path) -> None:
    text = 'name = "测试企业"\nuscc = "91440300192317458F"\nindustry = "3612"\njurisdiction = "440300"\n'
    (tmp_path / "enterprise.toml").write_bytes(text.encode("gbk"))
    with pytest.raises(RuleDataError, match="不是 UTF-8 编码"):
        load_inputs(tmp_path)
    (tmp_path / "enterprise.toml").write_bytes(text.encode("utf-8-sig"))
    assert load_inputs(tmp_path).enterprise.name == "测试企业"
