"""What a hazard is and how it is graded (事故隐患的定义和分级).

《安全生产事故隐患排查治理暂行规定》（原国家安全生产监督管理总局令第16号）第三条: a 事故隐患 is a
breach of safety laws, regulations, rules, standards, procedures or internal rules, or another
factor, that may cause an accident — 物的危险状态、人的不安全行为和管理上的缺陷; hazards are
一般事故隐患 or 重大事故隐患. The wording is read from the rule data, with its citation and
confidence (secondary: reproduced word for word by several sources, official text not seen).

The enum values follow 第三条's wording "物的危险状态". Accident-causation analysis and many
companies' rules say "物的不安全状态" instead: close in meaning, but not this article's term.

>>> HazardLevel.MAJOR.definition.text[:18]
'重大事故隐患，是指危害和整改难度较大'
>>> HazardSource("物的危险状态").name
'HAZARDOUS_CONDITION'
"""

from __future__ import annotations

from enum import StrEnum

from safetyrules.hazards.provisions import HazardProvision, _required_provision


class HazardLevel(StrEnum):
    """The two grades of hazard (事故隐患分级), 16号令第三条.

    >>> HazardLevel("重大事故隐患") is HazardLevel.MAJOR
    True
    >>> print(HazardLevel.GENERAL.definition.text)
    一般事故隐患，是指危害和整改难度较小，发现后能够立即整改排除的隐患。
    """

    GENERAL = "一般事故隐患"
    MAJOR = "重大事故隐患"

    @property
    def definition(self) -> HazardProvision:
        """The article's definition of this grade, with its citation (定义)."""
        return _required_provision("general" if self is HazardLevel.GENERAL else "major")


class HazardSource(StrEnum):
    """The three forms a hazard takes (事故隐患的表现形式), 16号令第三条.

    >>> [s.value for s in HazardSource]
    ['物的危险状态', '人的不安全行为', '管理上的缺陷']
    >>> HazardSource.HAZARDOUS_CONDITION.definition.confidence.value
    'secondary'
    """

    HAZARDOUS_CONDITION = "物的危险状态"
    UNSAFE_ACT = "人的不安全行为"
    MANAGEMENT_DEFECT = "管理上的缺陷"

    @property
    def definition(self) -> HazardProvision:
        """The entry of 第三条 that names this form, with its citation (定义)."""
        return _required_provision(_SOURCE_IDS[self])


_SOURCE_IDS = {
    HazardSource.HAZARDOUS_CONDITION: "source.hazardous-condition",
    HazardSource.UNSAFE_ACT: "source.unsafe-act",
    HazardSource.MANAGEMENT_DEFECT: "source.management-defect",
}


def hazard_definition() -> HazardProvision:
    """The definition of 事故隐患 itself (事故隐患的定义), 16号令第三条.

    >>> d = hazard_definition()
    >>> "物的危险状态、人的不安全行为和管理上的缺陷" in d.text, str(d.citation.provision)
    (True, '第三条')
    """
    return _required_provision("hazard")
