"""The enterprise under assessment (生产经营单位), as applications send it in.

:class:`Enterprise` is validated at the boundary: the 统一社会信用代码 against GB 32100-2015
(including letter-first codes such as rural collectives' N-codes), the industry against
GB/T 4754-2017, the jurisdiction against the 行政区划 table. It is frozen, serialises to JSON
and exports a JSON Schema (``Enterprise.model_json_schema()``) for other applications.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_serializer

from safetyrules.classification.enterprise_size import EnterpriseSize, SizeClassification
from safetyrules.errors import UnknownReference
from safetyrules.quantities import Headcount, Yuan


class EnterpriseFlag(StrEnum):
    """Features of an enterprise that switch rules on (企业风险特征标识).

    They decide which checklist items, 重大事故隐患判定标准 clauses and risk rules apply.

    >>> EnterpriseFlag("涉爆粉尘") is EnterpriseFlag.COMBUSTIBLE_DUST
    True
    """

    HAZARDOUS_CHEMICALS_PRODUCTION = "危险化学品生产"
    HAZARDOUS_CHEMICALS_OPERATION = "危险化学品经营"
    HAZARDOUS_CHEMICALS_STORAGE = "危险化学品储存"
    HAZARDOUS_CHEMICALS_USE = "危险化学品使用"
    MAJOR_HAZARD_INSTALLATION = "重大危险源"
    COMBUSTIBLE_DUST = "涉爆粉尘"
    AMMONIA_REFRIGERATION = "涉氨制冷"
    CONFINED_SPACE = "有限空间作业"
    METAL_SMELTING = "金属冶炼"
    MOLTEN_METAL = "高温熔融金属"
    SPECIAL_EQUIPMENT = "特种设备"
    GAS_USE = "使用燃气"


def _uscc(value: str) -> str:
    from safetyrules.identifiers import uscc

    return uscc.validate(value)


def _industry(value: str) -> str:
    from safetyrules.classification.industry import industry

    try:
        return industry(value).code
    except UnknownReference as error:
        # A ValueError, so that pydantic reports it against the field.
        raise ValueError(str(error)) from None


def _jurisdiction(value: str) -> str:
    from safetyrules.law.jurisdiction import jurisdiction

    try:
        return jurisdiction(value).code
    except UnknownReference as error:
        raise ValueError(str(error)) from None


class Enterprise(BaseModel):
    """A production and business entity (生产经营单位) and what the rules need to know of it.

    Money is in yuan (元) as Decimal; ``revenue`` is the year's 营业收入 and ``assets`` the
    资产总额, both as used by 统计上大中小微型企业划分办法（2017）.

    >>> e = Enterprise(
    ...     name="嘉兴南湖示范食品有限公司",
    ...     uscc="91330402MA2B00000H",
    ...     industry="1432",
    ...     jurisdiction="330402",
    ...     employees=260,
    ...     revenue="180000000",
    ...     flags={"涉爆粉尘", "涉氨制冷"},
    ... )
    >>> e.uscc, e.jurisdiction
    ('91330402MA2B00000H', '330402')
    >>> sorted(f.value for f in e.flags)
    ['涉氨制冷', '涉爆粉尘']
    >>> Enterprise.model_validate_json(e.model_dump_json()) == e
    True
    """

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    name: str = Field(min_length=1, description="单位名称")
    uscc: Annotated[str, AfterValidator(_uscc)] = Field(
        description="统一社会信用代码（GB 32100-2015）"
    )
    industry: Annotated[str, AfterValidator(_industry)] = Field(
        description="国民经济行业分类代码（GB/T 4754-2017），门类字母或 2-4 位数字代码"
    )
    jurisdiction: Annotated[str, AfterValidator(_jurisdiction)] = Field(
        description="所在地行政区划代码（6 位）"
    )
    employees: Headcount | None = Field(default=None, description="从业人员数（人）")
    revenue: Yuan | None = Field(default=None, description="营业收入（元）")
    assets: Yuan | None = Field(default=None, description="资产总额（元）")
    size: EnterpriseSize | None = Field(
        default=None, description="企业规模；不填时按统计上大中小微型企业划分办法测算"
    )
    flags: frozenset[EnterpriseFlag] = Field(default=frozenset(), description="企业风险特征")

    @field_serializer("flags")
    def _flags_in_order(self, flags: frozenset[EnterpriseFlag]) -> list[EnterpriseFlag]:
        # A set has no order; written in the enum's order, reports and files diff cleanly.
        return sorted(flags, key=list(EnterpriseFlag).index)

    def size_on(self, as_of: date) -> SizeClassification | EnterpriseSize:
        """The enterprise's size (企业规模): as given, or classified from its indicators.

        The classification converts yuan to the 万元 the statistical table uses.
        """
        if self.size is not None:
            return self.size
        from safetyrules.classification.enterprise_size import classify_size

        return classify_size(
            self.industry,
            employees=self.employees,
            revenue=None if self.revenue is None else self.revenue / Decimal(10000),
            assets=None if self.assets is None else self.assets / Decimal(10000),
            as_of=as_of,
        )
