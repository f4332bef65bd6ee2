"""The inventory of unverified facts gathers every module's unverified data, once each."""

from __future__ import annotations

from safetyrules.inventory import unverified_facts
from safetyrules.law.catalogue import catalogue
from safetyrules.law.confidence import Confidence


def test_ids_are_unique() -> None:
    ids = [(f.area, f.id) for f in unverified_facts()]
    assert len(ids) == len(set(ids))


def test_every_unverified_instrument_is_listed() -> None:
    listed = {f.id for f in unverified_facts() if f.area == "法律文件目录"}
    expected = {i.id for i in catalogue() if i.confidence is Confidence.UNVERIFIED}
    assert listed == expected


def test_data_of_each_area_is_gathered() -> None:
    ids = {f.id for f in unverified_facts()}
    # schemes.toml marks ls-db37 and mes unverified, lec secondary.
    assert {"scheme.ls-db37", "scheme.mes"} <= ids
    assert "scheme.lec" not in ids
    # categories.toml: 锅炉爆炸 → 容器爆炸 is an inference (unverified); 透水 → 水害 is secondary.
    assert "gb6441-map-16" in ids
    assert "gb6441-map-12" not in ids
    # direct.toml marks every condition unverified.
    assert "direct.major-hazard-installation" in ids
