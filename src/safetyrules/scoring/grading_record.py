"""The facts about an enterprise that grading checks (定级申请条件事实), and the events that
revocation (撤销) and re-application without review (复核免评审) check.

A fact left ``None`` is *not provided*: a condition that needs it is unknown. A date fact is
``"never"`` (:data:`NEVER`) when the event never happened (从未发生).

>>> GradingRecord(accidents=(), last_revoked_on=NEVER).last_revoked_on
'never'
>>> RevocationEvents(false_material=False).false_material
False
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Final, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from safetyrules.accidents.record import AccidentRecord
from safetyrules.quantities import Headcount
from safetyrules.scoring._points import Points
from safetyrules.scoring.level import StandardizationLevel

__all__ = [
    "NEVER",
    "EnterpriseKind",
    "GradingRecord",
    "GroupMember",
    "ReapplicationEvents",
    "RevocationEvents",
]


NEVER: Final = "never"
"""The value of a date fact when the event never happened (从未发生), as opposed to ``None``,
which means the fact was not provided."""

Never = Literal["never"]


class EnterpriseKind(StrEnum):
    """The kind of enterprise that may apply for 一级 under the 2011 考评办法 (企业类型).

    >>> EnterpriseKind("上市公司").name
    'LISTED_COMPANY'
    """

    LARGE_GROUP = "大型企业集团"
    LISTED_COMPANY = "上市公司"
    INDUSTRY_LEADER = "行业领先企业"
    OTHER = "其他企业"


class GroupMember(BaseModel):
    """A member enterprise of a group, for the 2011 一级/二级 group conditions (集团成员企业).

    >>> GroupMember(score="92", deaths=0).score
    Decimal('92')
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str | None = Field(default=None, description="成员企业名称")
    score: Points = Field(description="成员企业的标准化得分（百分制）")
    deaths: Headcount = Field(description="申请前1年内死亡人数")


class GradingRecord(BaseModel):
    """The facts about an enterprise that grading checks (定级申请条件事实).

    Every fact may be ``None``: *not provided*. A condition that needs a missing fact is
    unknown and blocks the level. A date fact is ``"never"`` (:data:`NEVER`) when the event
    never happened. ``accidents`` lists the enterprise's production-safety accidents; an empty
    tuple says there were none.

    >>> GradingRecord(last_revoked_on="never").last_revoked_on
    'never'
    >>> GradingRecord(current_level=2, current_level_since=date(2020, 3, 1)).current_level.label
    '二级'
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    accidents: tuple[AccidentRecord, ...] | None = Field(
        default=None, description="生产安全事故记录（空元组表示未发生事故）"
    )
    licences_valid: bool | None = Field(
        default=None, description="依法应当取得的安全生产行政许可齐全有效"
    )
    safety_organisation_set_up: bool | None = Field(
        default=None, description="依法设置安全生产管理机构或者配备安全生产管理人员"
    )
    certificates_held: bool | None = Field(
        default=None, description="主要负责人、安全生产管理人员、特种作业人员依法持证"
    )
    major_social_event: bool | None = Field(
        default=None, description="发生过造成重大社会不良影响的事件"
    )
    on_serious_dishonesty_list: bool | None = Field(
        default=None, description="被列入安全生产失信惩戒名单（严重失信主体名单）"
    )
    unrectified_major_hazards: Headcount | None = Field(
        default=None, description="未完成整改的重大事故隐患项数"
    )
    last_failed_application_notified_on: date | Never | None = Field(
        default=None, description="最近一次被告知申请定级未通过的日期；从未为 never"
    )
    last_revoked_on: date | Never | None = Field(
        default=None, description="最近一次被撤销标准化等级的日期；从未为 never"
    )
    current_level: StandardizationLevel | Never | None = Field(
        default=None, description="现有标准化等级；从未定级为 never"
    )
    current_level_since: date | None = Field(default=None, description="取得现有等级的通告日期")
    statistics_not_rising: bool | None = Field(
        default=None,
        description="按 GB 6441、GB/T 15499 统计，自上次定级以来各项指标逐年持平或下降",
    )
    enterprise_kind: EnterpriseKind | None = Field(
        default=None, description="企业类型（2011年考评办法一级条件）"
    )
    is_group: bool | None = Field(
        default=None, description="是否以集团（含上市集团）名义申请（2011年考评办法）"
    )
    members: tuple[GroupMember, ...] | None = Field(
        default=None, min_length=1, description="集团成员企业（2011年考评办法集团条件）"
    )

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.enterprise_kind is EnterpriseKind.LARGE_GROUP and self.is_group is False:
            raise ValueError("enterprise_kind 为大型企业集团时 is_group 不能为 False")
        if self.members is not None and self.is_group is False:
            raise ValueError("members 只适用于集团（is_group 为 True）")
        return self


class RevocationEvents(BaseModel):
    """Events since the level was granted that may revoke it (撤销相关事实).

    Each is ``None`` when not provided; a trigger that needs it is then undecided. The 失信
    listing is read from the :class:`GradingRecord`.

    >>> RevocationEvents(major_hazard_overdue=True).major_hazard_overdue
    True
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    major_social_event: bool | None = Field(
        default=None, description="取得等级以来发生造成重大社会不良影响的事件"
    )
    accident_concealed: bool | None = Field(
        default=None, description="瞒报、谎报、迟报、漏报生产安全事故"
    )
    false_material: bool | None = Field(
        default=None, description="提供虚假材料或以其他不正当手段取得等级"
    )
    licence_revoked_or_left_industry: bool | None = Field(
        default=None, description="行政许可被注销、撤销、吊销，或不再从事相关行业"
    )
    major_hazard_overdue: bool | None = Field(
        default=None, description="重大事故隐患未在规定期限内完成整改"
    )
    management_system_not_running: bool | None = Field(
        default=None, description="未持续、有效运行安全生产标准化管理体系"
    )


class ReapplicationEvents(BaseModel):
    """Facts of the validity period for re-application without review (复核免评审相关事实).

    >>> ReapplicationEvents(self_assessment_submitted=True).major_change is None
    True
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    major_social_event: bool | None = Field(
        default=None, description="有效期内发生造成重大社会不良影响的事件"
    )
    rules_revised: bool | None = Field(
        default=None, description="有关法律法规、标准或行业定级标准作重大修订"
    )
    major_change: bool | None = Field(
        default=None,
        description="生产工艺、设备、产品、原辅材料重大变化，或新建、改建、扩建工程项目",
    )
    self_assessment_submitted: bool | None = Field(
        default=None, description="按规定开展自评并提交自评报告"
    )
