"""The instrument catalogue: every shipped file loads, and bad files are named precisely."""

from datetime import date
from pathlib import Path

import pytest

from safetyrules.errors import NotInForce, RuleDataError, UnknownReference
from safetyrules.law.catalogue import (
    Catalogue,
    catalogue,
    in_force,
    instrument,
    read_instruments,
    require_in_force,
)
from safetyrules.law.confidence import Confidence
from safetyrules.law.data_files import packaged_files
from safetyrules.law.instrument import InstrumentKind
from safetyrules.law.jurisdiction import is_known


@pytest.mark.parametrize("name", packaged_files("instruments"))
def test_every_packaged_file_loads(name: str) -> None:
    assert read_instruments(name)


def test_catalogue_is_consistent() -> None:
    items = list(catalogue())
    assert len({i.id for i in items}) == len(items)
    for item in items:
        assert is_known(item.jurisdiction)
        assert item.sources
        if item.successor is not None:
            successor = instrument(item.successor)
            # A version ends the day its successor takes effect.
            assert item.repealed_on == successor.effective_from


def test_dates_from_the_official_texts() -> None:
    # 国务院令第493号第四十六条: "本条例自2007年6月1日起施行".
    regulation = instrument("accident-reporting-regulation")
    assert (regulation.document_number, regulation.effective_from) == (
        "国务院令第493号",
        date(2007, 6, 1),
    )
    assert regulation.kind is InstrumentKind.ADMINISTRATIVE_REGULATION
    # 安全生产法 2014 amendment in force 2014-12-01, replaced by the 2021 one on 2021-09-01.
    old, new = instrument("work-safety-law-2014"), instrument("work-safety-law-2021")
    assert (old.effective_from, old.repealed_on, old.successor) == (
        date(2014, 12, 1),
        date(2021, 9, 1),
        "work-safety-law-2021",
    )
    assert new.edition == "2021年修正"


def test_in_force_on_a_date_picks_the_right_version() -> None:
    ids = {i.id for i in in_force(date(2021, 8, 31))}
    assert "work-safety-law-2014" in ids
    assert "work-safety-law-2021" not in ids
    ids = {i.id for i in in_force(date(2021, 9, 1))}
    assert "work-safety-law-2021" in ids
    assert "work-safety-law-2014" not in ids


def test_local_instruments_only_in_their_jurisdiction() -> None:
    national = {i.id for i in in_force(date(2024, 1, 1))}
    zhejiang = {i.id for i in in_force(date(2024, 1, 1), ["330000", "000000"])}
    local = zhejiang - national
    assert local
    assert all(instrument(i).jurisdiction == "330000" for i in local)


def test_require_in_force_names_the_successor() -> None:
    with pytest.raises(NotInForce) as caught:
        require_in_force("work-safety-law-2014", date(2021, 9, 1))
    assert caught.value.successor == "work-safety-law-2021"
    with pytest.raises(NotInForce):
        require_in_force("work-safety-law-2021", date(2021, 8, 31))
    assert require_in_force("work-safety-law-2021", date(2021, 9, 1)).id == "work-safety-law-2021"


def test_unknown_id_is_an_error() -> None:
    with pytest.raises(UnknownReference):
        instrument("no-such-law")


GOOD = """
[[instrument]]
id = "example-rule"
kind = "地方性法规"
title = "示例条例"
issuer = "某省人民代表大会常务委员会"
effective_from = 2020-01-01
jurisdiction = "330000"
confidence = "official"
sources = ["示例"]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "instruments.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_user_file_in_the_same_format_loads(tmp_path: Path) -> None:
    [(item, where)] = read_instruments(write(tmp_path, GOOD))
    assert item.confidence is Confidence.OFFICIAL
    assert where.endswith("[instrument[0]]")


@pytest.mark.parametrize(
    ("change", "key"),
    [
        (
            ("effective_from = 2020-01-01", 'effective_from = "soon"'),
            "instrument[0].effective_from",
        ),
        (('kind = "地方性法规"', 'kind = "法规"'), "instrument[0].kind"),
        (('sources = ["示例"]', "sources = []"), "instrument[0].sources"),
        (('id = "example-rule"', 'id = "Example Rule"'), "instrument[0].id"),
        (('jurisdiction = "330000"', 'jurisdiction = "33"'), "instrument[0].jurisdiction"),
        (('confidence = "official"', 'confidence = "unverified"'), "instrument[0]"),
        (('title = "示例条例"', 'title = "示例条例"\ncolour = "red"'), "instrument[0].colour"),
        (
            (
                "effective_from = 2020-01-01",
                "effective_from = 2020-01-01\nrepealed_on = 2019-01-01",
            ),
            "instrument[0]",
        ),
    ],
)
def test_defects_name_the_file_and_key(tmp_path: Path, change: tuple[str, str], key: str) -> None:
    path = write(tmp_path, GOOD.replace(*change))
    with pytest.raises(RuleDataError) as caught:
        read_instruments(path)
    assert caught.value.file == str(path)
    assert caught.value.key == key


def test_syntax_error_and_missing_table_are_named(tmp_path: Path) -> None:
    with pytest.raises(RuleDataError, match="TOML"):
        read_instruments(write(tmp_path, "[[instrument]\n"))
    with pytest.raises(RuleDataError) as caught:
        read_instruments(write(tmp_path, "title = 'x'\n"))
    assert caught.value.key == "title"


def test_duplicates_and_unknown_successors_are_rejected(tmp_path: Path) -> None:
    entries = read_instruments(write(tmp_path, GOOD))
    registry = Catalogue()
    registry.add(entries)
    with pytest.raises(RuleDataError, match="重复"):
        registry.add(entries)
    orphan = GOOD.replace('id = "example-rule"', 'id = "orphan"\nsuccessor = "missing"')
    with pytest.raises(RuleDataError, match="后继"):
        Catalogue().add(read_instruments(write(tmp_path, orphan)))
    assert len(registry) == 1
