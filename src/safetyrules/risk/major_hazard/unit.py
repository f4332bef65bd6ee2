"""A production or storage unit as an enterprise records it (生产单元 / 储存单元).

The unit's name, kind, the population within 500 m outside the boundary and its hazardous
chemicals, ready to identify and grade on a date; the audit reads these from
``hazard_units.toml``.

>>> unit = HazardUnit(name="液氨储罐区", kind="储存单元", population=60,
...                   substances=[{"name": "液氨", "quantity": "12"}])
>>> unit.assess().grade
4
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from safetyrules.risk.major_hazard.assessment import MajorHazardAssessment, assess
from safetyrules.risk.major_hazard.duties import MajorHazardDuties, duties_for
from safetyrules.risk.major_hazard.identification import SubstanceInput, UnitKind


class HazardUnit(BaseModel):
    """One unit to identify under GB 18218-2018 (辨识单元).

    ``liquefied_flammable_gases``, ``liquefied_gases`` and ``highly_toxic_liquids`` name the
    substances that 原总局令第40号 treats specially where the hazard symbols cannot tell.

    >>> unit = HazardUnit(name="液氨储罐区", kind="储存单元",
    ...                   substances=[{"name": "液氨", "quantity": "12"}])
    >>> unit.kind.value, unit.substances[0].quantity, unit.population
    ('储存单元', Decimal('12'), None)
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1, description="单元名称")
    kind: UnitKind = Field(description="生产单元 / 储存单元")
    population: int | None = Field(
        default=None, ge=0, description="厂区边界向外扩展500m范围内常住人口"
    )
    substances: tuple[SubstanceInput, ...] = Field(
        min_length=1, description="危险化学品及设计最大量"
    )
    liquefied_flammable_gases: tuple[str, ...] = Field(default=(), description="液化易燃气体")
    liquefied_gases: tuple[str, ...] = Field(default=(), description="液化气体")
    highly_toxic_liquids: tuple[str, ...] = Field(default=(), description="剧毒液体")

    def assess(self, as_of: date | None = None) -> MajorHazardAssessment:
        """Identify and grade the unit (重大危险源辨识与分级).

        >>> unit = HazardUnit(name="液氨储罐区", kind="储存单元", population=60,
        ...                   substances=[{"name": "液氨", "quantity": "12"}])
        >>> a = unit.assess()
        >>> a.lines[0].table_name, a.lines[0].ratio, a.grade
        ('氨', Decimal('1.2'), 4)
        """
        return assess(self.substances, population=self.population, kind=self.kind, as_of=as_of)

    def duties(
        self, as_of: date | None = None, assessment: MajorHazardAssessment | None = None
    ) -> MajorHazardDuties:
        """The duties that follow from the unit's assessment (重大危险源义务清单).

        Pass the unit's ``assessment`` on the same date to avoid assessing it twice.

        >>> unit = HazardUnit(name="液氨储罐区", kind="储存单元", population=60,
        ...                   substances=[{"name": "液氨", "quantity": "12"}])
        >>> d = unit.duties(assessment=unit.assess())
        >>> d.is_major, d.grade
        (True, 4)
        """
        return duties_for(
            assessment if assessment is not None else self.assess(as_of),
            liquefied_flammable_gases=self.liquefied_flammable_gases,
            liquefied_gases=self.liquefied_gases,
            highly_toxic_liquids=self.highly_toxic_liquids,
            as_of=as_of,
        )
