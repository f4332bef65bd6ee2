"""The packaged regime files load, hold what the sources say, and refuse defects by file and key."""

from __future__ import annotations

from typing import Any

import pytest

from safetyrules.credit import ListedParty, list_rules, regime, regimes
from safetyrules.credit.triggers import TRIGGERS
from safetyrules.errors import RuleDataError, UnknownReference
from safetyrules.law.catalogue import instrument
from safetyrules.law.confidence import Confidence
from safetyrules.law.data_files import read_packaged_text, read_toml
from tests.law_texts import WORK_SAFETY_LAW_2021

ORDER_11 = "serious-dishonesty-list-measures"
JOINT = "work-safety-joint-punishment-measures-2017"


def test_both_regimes_load_in_date_order() -> None:
    found = regimes()
    assert [r.instrument for r in found] == [JOINT, ORDER_11]
    assert found[0].until is not None
    assert (found[0].until.isoformat(), found[1].start.isoformat()) == ("2023-09-30", "2023-10-01")
    # The regimes start when their instruments do (catalogue).
    for item in found:
        assert item.start == instrument(item.instrument).effective_from


def test_situation_counts_and_labels() -> None:
    """第11号令: 9 situations, 5 with an accident and 4 without (CCIN). 49号: 10 items of 第二条 and
    the three 第三条 alternatives (HAOJOB, PEOPLES_DAILY)."""
    order_11 = regime(ORDER_11)
    assert [s.label for s in order_11.situations] == [
        "A1", "A2", "A3", "A4", "A5", "B1", "B2", "B3", "B4",
    ]  # fmt: skip
    assert [s.group for s in order_11.situations].count("发生生产安全事故") == 5
    joint = regime(JOINT)
    assert [s.label for s in joint.situations][:10] == [
        f"第二条（{n}）" for n in "一二三四五六七八九十"
    ]
    assert len(joint.situations) == 13


def test_every_situation_has_sources_and_a_test() -> None:
    ids = [s.id for r in regimes() for s in r.situations]
    assert sorted(ids) == sorted(TRIGGERS)
    for item in regimes():
        for situation in item.situations:
            assert situation.sources
            assert situation.parties
            assert situation.citation.instrument == item.instrument
            if situation.confidence is Confidence.UNVERIFIED:
                assert situation.note


def test_unverified_facts_of_order_11() -> None:
    """Unverified: the term and early removal (山西 report only), its four conditions, B3, B4."""
    ids = [i for i, _ in regime(ORDER_11).unverified_facts()]
    assert ids == [
        "serious-dishonesty-list-measures.term",
        "serious-dishonesty-list-measures.early-removal",
        "serious-dishonesty-list-measures.early-removal.condition-1",
        "serious-dishonesty-list-measures.early-removal.condition-2",
        "serious-dishonesty-list-measures.early-removal.condition-3",
        "serious-dishonesty-list-measures.early-removal.condition-4",
        "serious-dishonesty-list-measures.b3-refused-decision",
        "serious-dishonesty-list-measures.b4-other-serious-violation",
    ]
    assert regime(JOINT).unverified_facts() == ()


def test_no_invented_deadlines() -> None:
    """The 20-working-day deadlines (listing, publication, early-removal decision) were not
    confirmed by any source: no deadline is encoded."""
    for name in list_rules.DATA_FILES:
        text = read_packaged_text(name)
        assert "20个工作日" not in text
        assert "20 个工作日" not in text
        _, document = read_toml(name)
        assert set(document.get("early_removal", {})) <= {
            "months", "text", "citation", "confidence", "sources", "note", "condition",
        }  # fmt: skip


def test_unknown_regime() -> None:
    with pytest.raises(UnknownReference):
        regime("work-safety-law-2021")


def test_party_vocabulary_is_closed() -> None:
    assert ListedParty("有关人员") is ListedParty.RELATED_PERSONS


# --- defects are load errors naming the file and key -----------------------------------------


def _broken(monkeypatch: pytest.MonkeyPatch, change: Any) -> RuleDataError:
    original = list_rules.read_toml

    def patched(name: str) -> tuple[str, dict[str, Any]]:
        file, document = original(name)
        if name.endswith("serious-dishonesty-list-2023.toml"):
            change(document)
        return file, document

    monkeypatch.setattr(list_rules, "read_toml", patched)
    list_rules._data.cache_clear()
    try:
        with pytest.raises(RuleDataError) as error:
            list_rules._data()
    finally:
        monkeypatch.undo()
        list_rules._data.cache_clear()
    return error.value


def test_duplicate_situation_id(monkeypatch: pytest.MonkeyPatch) -> None:
    def change(document: dict[str, Any]) -> None:
        document["situation"][1]["id"] = document["situation"][0]["id"]

    error = _broken(monkeypatch, change)
    assert (error.file, error.key) == (
        "credit/serious-dishonesty-list-2023.toml",
        "situation[1].id",
    )


def test_missing_citation(monkeypatch: pytest.MonkeyPatch) -> None:
    def change(document: dict[str, Any]) -> None:
        del document["situation"][2]["citation"]

    error = _broken(monkeypatch, change)
    assert error.key == "situation[2].citation"


def test_unverified_without_a_note(monkeypatch: pytest.MonkeyPatch) -> None:
    def change(document: dict[str, Any]) -> None:
        del document["term"]["note"]

    assert _broken(monkeypatch, change).key == "term"


def test_citation_of_another_instrument(monkeypatch: pytest.MonkeyPatch) -> None:
    def change(document: dict[str, Any]) -> None:
        document["situation"][0]["citation"] = {"instrument": "work-safety-law-2021"}

    assert _broken(monkeypatch, change).key == "situation[0].citation"


def test_situation_without_a_test(monkeypatch: pytest.MonkeyPatch) -> None:
    def change(document: dict[str, Any]) -> None:
        document["situation"][0]["id"] = "a9-invented"

    assert "没有对应的判定规则" in str(_broken(monkeypatch, change))


def test_unknown_party(monkeypatch: pytest.MonkeyPatch) -> None:
    def change(document: dict[str, Any]) -> None:
        document["situation"][0]["parties"] = ["实际控制人"]

    assert _broken(monkeypatch, change).key.startswith("situation[0].parties")


def test_overlapping_periods(monkeypatch: pytest.MonkeyPatch) -> None:
    def change(document: dict[str, Any]) -> None:
        from datetime import date

        document["regime"]["from"] = date(2023, 10, 2)

    assert "首尾相接" in str(_broken(monkeypatch, change))


def test_regime_outside_its_instrument(monkeypatch: pytest.MonkeyPatch) -> None:
    def change(document: dict[str, Any]) -> None:
        from datetime import date

        document["regime"]["from"] = date(2023, 9, 1)

    assert _broken(monkeypatch, change).key == "regime.from"


# --- quoted official text -------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "有关部门和机构应当对存在失信行为的生产经营单位及其有关从业人员采取加大执法检查频次、暂停项目审批、"
        "上调有关保险费率、行业或者职业禁入等联合惩戒措施，并向社会公示。",
        "对违法行为情节严重的生产经营单位及其有关从业人员，应当及时向社会公告，并通报行业主管部门、"
        "投资主管部门、自然资源主管部门、生态环境主管部门、证券监督管理机构以及有关金融机构。",
    ],
)
def test_article_78_is_quoted_from_the_official_text(sentence: str) -> None:
    """《安全生产法》（2021）第七十八条第一款, official text (tests/laws)."""
    from safetyrules.credit import assessment

    assert sentence in WORK_SAFETY_LAW_2021.read_text(encoding="utf-8")
    assert sentence in (assessment.__doc__ or "").replace("\n", "")


def test_article_114_paragraph_2_is_the_multiple_fine() -> None:
    """第一百一十四条第二款 (official): "可以按照前款罚款数额的二倍以上五倍以下对负有责任的生产经营单位
    处以罚款" — the fine A3 refers to."""
    text = WORK_SAFETY_LAW_2021.read_text(encoding="utf-8")
    assert (
        "发生生产安全事故，情节特别严重、影响特别恶劣的，应急管理部门可以按照前款罚款数额的二倍以上五倍以下"
        in text
    )
