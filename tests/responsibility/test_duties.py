"""Tests of safetyrules.responsibility.duties: the statutory duties of 《中华人民共和国安全生产法》
（2021年修正）第五条、第二十一条、第二十二条、第二十五条, each checked word for word against the
official text in ``tests/laws`` and against the provision its citation names.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import attrs
import pytest

from safetyrules.errors import InvalidInput, NotInForce, RuleDataError, UnknownReference
from safetyrules.law.confidence import Confidence
from safetyrules.law.numerals import from_chinese
from safetyrules.law.provision import Provision
from safetyrules.responsibility.duties import (
    DATA_FILE,
    Coverage,
    DutyHolder,
    read_statutory_duties,
    statutory_duties,
    statutory_duty,
)
from tests.law_texts import WORK_SAFETY_LAW_2021

ON = date(2024, 6, 1)

# ---------------------------------------------------------------------------
# The official text, split into 条 / 款 / 项 (used by test_staffing too)
# ---------------------------------------------------------------------------

_ARTICLE = re.compile(r"^第([〇零一二两三四五六七八九十百千]+)条\s*(.*)$")
_ITEM = re.compile(r"^[（(]([一二三四五六七八九十]+)[）)]")


@attrs.frozen
class Paragraph:
    text: str
    items: tuple[str, ...]


def articles(path: Path) -> dict[int, tuple[Paragraph, ...]]:
    """The articles of a law text: 款 are the lines of an article, 项 the （一）… lines
    under the 款 before them."""
    found: dict[int, list[tuple[str, list[str]]]] = {}
    current: list[tuple[str, list[str]]] | None = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", "<!--")):
            continue
        if match := _ARTICLE.match(line):
            current = found.setdefault(from_chinese(match[1]), [])
            current.append((match[2], []))
        elif current is None:
            continue
        elif _ITEM.match(line):
            current[-1][1].append(line)
        else:
            current.append((line, []))
    return {
        number: tuple(Paragraph(text, tuple(items)) for text, items in paragraphs)
        for number, paragraphs in found.items()
    }


def provision_text(path: Path, provision: Provision) -> str:
    """The words of one provision (条、款 or 项) of a law text."""
    assert provision.article is not None
    paragraphs = articles(path)[provision.article]
    if provision.paragraph is not None:
        paragraphs = (paragraphs[provision.paragraph - 1],)
    if provision.item is not None:
        items = [i for p in paragraphs for i in p.items]
        return items[provision.item - 1]
    return "\n".join("\n".join((p.text, *p.items)) for p in paragraphs)


def test_the_parser_reads_the_structure_of_the_law() -> None:
    law = articles(WORK_SAFETY_LAW_2021)
    assert len(law[21][0].items) == 7
    assert len(law[25]) == 2
    assert len(law[25][0].items) == 7
    assert law[22][1].text.startswith("生产经营单位应当建立相应的机制")
    assert provision_text(WORK_SAFETY_LAW_2021, Provision.parse("第二十一条第（七）项")) == (
        "（七）及时、如实报告生产安全事故。"
    )


# ---------------------------------------------------------------------------
# The data against the official text
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("duty", statutory_duties(on=ON), ids=lambda d: d.id)
def test_every_duty_is_quoted_verbatim_from_its_provision(duty: object) -> None:
    from safetyrules.responsibility.duties import StatutoryDuty

    assert isinstance(duty, StatutoryDuty)
    assert duty.citation.instrument == "work-safety-law-2021"
    assert duty.citation.provision is not None
    assert duty.text in WORK_SAFETY_LAW_2021.read_text(encoding="utf-8")
    assert duty.text in provision_text(WORK_SAFETY_LAW_2021, duty.citation.provision)
    assert duty.confidence is Confidence.OFFICIAL


def test_the_seven_duties_of_the_principal_in_the_order_of_article_21() -> None:
    principal = statutory_duties(on=ON, holder=DutyHolder.PRINCIPAL)
    assert [d.id for d in principal] == [
        "principal.responsibility-system",
        "principal.rules-and-procedures",
        "principal.training-plan",
        "principal.investment",
        "principal.dual-prevention",
        "principal.emergency-plan",
        "principal.accident-reporting",
    ]
    assert [d.citation.provision.item for d in principal if d.citation.provision] == list(
        range(1, 8)
    )
    assert {str(d.citation.provision)[:6] for d in principal} == {"第二十一条第"}
    # 第二十一条第（一）项, by hand from the official text.
    assert principal[0].text == "建立健全并落实本单位全员安全生产责任制，加强安全生产标准化建设"
    assert {d.coverage for d in principal} == {Coverage.ANY}


def test_the_seven_duties_of_the_safety_organisation_in_article_25() -> None:
    safety = statutory_duties(on=ON, holder="安全生产管理机构以及安全生产管理人员")
    assert len(safety) == 7
    assert [str(d.citation.provision) for d in safety] == [
        f"第二十五条第一款第（{n}）项" for n in "一二三四五六七"
    ]
    assert safety[5].text == "制止和纠正违章指挥、强令冒险作业、违反操作规程的行为"


def test_other_leaders_and_the_all_staff_requirement() -> None:
    other = statutory_duty("other-leader.scope", on=ON)
    assert other.text == "其他负责人对职责范围内的安全生产工作负责"
    assert str(other.citation.provision) == "第五条"
    assert other.coverage is Coverage.EACH
    contents = statutory_duty("all-staff.post-contents", on=ON)
    assert "明确各岗位的责任人员、责任范围和考核标准等内容" in contents.text
    assert str(contents.citation.provision) == "第二十二条第一款"
    assert not contents.assignable
    mechanism = statutory_duty("all-staff.supervision-mechanism", on=ON)
    assert "建立相应的机制，加强对全员安全生产责任制落实情况的监督考核" in mechanism.text
    assert str(mechanism.citation.provision) == "第二十二条第二款"
    assert mechanism.assignable


def test_ids_are_unique_and_stable_in_number() -> None:
    duties = statutory_duties(on=ON)
    assert len({d.id for d in duties}) == len(duties) == 17
    assert [h.value for h in DutyHolder] == [
        "主要负责人",
        "其他负责人",
        "安全生产管理机构以及安全生产管理人员",
        "生产经营单位",
    ]


# ---------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------


def test_the_2021_law_applies_from_its_first_day() -> None:
    assert len(statutory_duties(on=date(2021, 9, 1))) == 17


def test_a_date_before_2021_09_01_is_not_in_force_and_says_2014_is_not_encoded() -> None:
    with pytest.raises(NotInForce) as caught:
        statutory_duties(on=date(2021, 8, 31))
    assert caught.value.rule == "work-safety-law-2021"
    assert "2014年修正文本" in str(caught.value)


def test_a_datetime_is_refused() -> None:
    from datetime import datetime

    with pytest.raises(InvalidInput):
        statutory_duties(on=datetime(2024, 1, 1, 8))  # type: ignore[arg-type]


# ---------------------------------------------------------------------------
# Look-ups and the file format
# ---------------------------------------------------------------------------


def test_unknown_id_and_holder() -> None:
    with pytest.raises(UnknownReference):
        statutory_duty("principal.nothing", on=ON)
    with pytest.raises(InvalidInput, match="holder"):
        statutory_duties(on=ON, holder="法定代表人")


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "duties.toml"
    path.write_text(text, encoding="utf-8")
    return path


_GOOD = """
[[duty]]
id = "principal.accident-reporting"
holder = "主要负责人"
coverage = "any"
citation = "《中华人民共和国安全生产法》（2021年修正）第二十一条第（七）项"
text = "及时、如实报告生产安全事故"
confidence = "official"
"""


def test_a_user_file_in_the_same_format_loads(tmp_path: Path) -> None:
    (duty,) = read_statutory_duties(_write(tmp_path, _GOOD))
    assert duty.holder is DutyHolder.PRINCIPAL


@pytest.mark.parametrize(
    ("text", "key"),
    [
        (_GOOD + _GOOD, "duty[1].id"),
        (_GOOD.replace('生产安全事故"', '生产安全事故。"'), "duty[0].text"),
        (_GOOD.replace('holder = "主要负责人"', 'holder = "法定代表人"'), "duty[0].holder"),
        (_GOOD.replace('"any"', '"some"'), "duty[0].coverage"),
        (
            _GOOD.replace('holder = "主要负责人"', 'holder = "生产经营单位"').replace(
                '"any"', '"each"'
            ),
            "duty[0].coverage",
        ),
        (_GOOD.replace("第二十一条第（七）项", ""), "duty[0].citation"),
        ("extra = 1\n" + _GOOD, "extra"),
    ],
)
def test_file_defects_name_the_key(tmp_path: Path, text: str, key: str) -> None:
    with pytest.raises(RuleDataError) as caught:
        read_statutory_duties(_write(tmp_path, text))
    assert caught.value.key == key


def test_the_packaged_file_loads() -> None:
    assert len(read_statutory_duties(DATA_FILE)) == 17
