"""The facts of a case (案件事实) that decide whether a party goes on a credit list.

:class:`CaseFacts` is the input of :func:`~safetyrules.credit.assess_listing`: the party
(当事单位), the date of the penalty decision (行政处罚决定日期), the accidents
(:class:`AccidentFacts`: grade, date, 责任事故 or not, 瞒报/谎报/迟报/漏报, the 2–5× fine of
《中华人民共和国安全生产法》第一百一十四条第二款, the 主要负责人's conduct after the accident), the
licence situation, the conduct of a safety-service body, a refusal to perform the decision, and
the other conduct each list names. It is validated at the boundary; every error names the field
in Chinese.

>>> from datetime import date, datetime
>>> from safetyrules.accidents import AccidentGrade
>>> case = CaseFacts(
...     unit_name="某化工有限公司",
...     penalty_decided_on=date(2024, 5, 10),
...     accidents=[AccidentFacts(occurred_on=date(2024, 1, 8), grade=AccidentGrade.LARGER, deaths=3)],
... )
>>> case.accidents[0].grade.value
'较大事故'
>>> CaseFacts(unit_name="某公司", penalty_decided_on=date(2024, 5, 10),
...           accidents=[AccidentFacts(occurred_on=date(2024, 6, 1), grade=AccidentGrade.GENERAL)])
Traceback (most recent call last):
...
pydantic_core._pydantic_core.ValidationError: 1 validation error for CaseFacts
  Value error, accidents[0].occurred_on = 2024-06-01: 事故发生日期不能晚于行政处罚决定日期（2024-05-10） ...
"""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    ValidationInfo,
    field_validator,
    model_validator,
)

from safetyrules.accidents.grade import AccidentGrade, classify
from safetyrules.checks import day
from safetyrules.quantities import Headcount

# 《中华人民共和国安全生产法》（2021年修正）施行之日：第一百一十四条第二款（二倍以上五倍以下罚款）自此有效。
MULTIPLE_FINE_FROM = date(2021, 9, 1)
# 《生产安全事故报告和调查处理条例》（国务院令第493号）施行之日：此前的事故不按第三条校验等级。
_GRADING_FROM = date(2007, 6, 1)


class ReportingFailure(Enum):
    """A failure to report an accident properly (事故报告违法情形).

    Under 应急管理部令第11号 only 瞒报 and 谎报 list a unit; under 安监总办〔2017〕49号 迟报 did
    too. 漏报 lists under neither.

    >>> [f.value for f in ReportingFailure]
    ['瞒报', '谎报', '迟报', '漏报']
    """

    CONCEALED = "瞒报"
    FALSE = "谎报"
    LATE = "迟报"
    OMITTED = "漏报"


class PrincipalConduct(Enum):
    """The 主要负责人's conduct after an accident that lists him (事故后主要负责人的失职行为).

    >>> PrincipalConduct.FLED.value
    '逃匿'
    """

    NO_IMMEDIATE_RESCUE = "不立即组织抢救"
    LEFT_POST = "在事故调查处理期间擅离职守"
    FLED = "逃匿"


class LicenceStatus(Enum):
    """The safety-licence situation of the operation penalised (安全生产相关许可情况).

    >>> LicenceStatus("许可被吊销期间从事相关生产经营活动").name
    'REVOKED'
    """

    NOT_CONCERNED = "不涉及无证或者许可被暂扣、吊销期间生产经营"
    UNLICENSED = "未依法取得安全生产相关许可从事生产经营活动"
    SUSPENDED = "许可被暂扣期间从事相关生产经营活动"
    REVOKED = "许可被吊销期间从事相关生产经营活动"


class ServiceMisconduct(Enum):
    """Misconduct of a body doing safety evaluation, certification, testing or inspection
    (安全评价、认证、检测、检验机构的违法行为).

    >>> ServiceMisconduct.FALSE_REPORT.value
    '出具虚假报告或者证书（证明）'
    """

    QUALIFICATION_RENTED_OR_LENT = "租借、转让或者出借资质"
    AFFILIATION = "挂靠"
    FALSE_REPORT = "出具虚假报告或者证书（证明）"


class AccidentFacts(BaseModel):
    """One production-safety accident of the case (生产安全事故事实).

    ``responsibility`` (责任事故): the unit was found responsible; the 2017 rules count only
    责任事故. ``multiple_fine``: the unit was fined 2–5 times the amount of 第一百一十四条第一款
    (第一百一十四条第二款, 情节特别严重、影响特别恶劣), possible only for accidents from 2021-09-01.
    ``typical``: a typical 较大 accident, bad in nature, seriously harmful and of wide social
    impact (典型较大事故, 49号第三条), as found by the authority. Every flag is a strict boolean
    (``1`` or ``"yes"`` is refused).

    >>> from datetime import date, datetime
    >>> a = AccidentFacts(occurred_on=date(2024, 3, 1), grade=AccidentGrade.GENERAL, deaths=1,
    ...                   reporting=["迟报"])
    >>> sorted(f.value for f in a.reporting), a.responsibility
    (['迟报'], True)
    >>> AccidentFacts(occurred_on=date(2024, 3, 1), grade=AccidentGrade.GENERAL, deaths=3)
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.ValidationError: 1 validation error for AccidentFacts
      Value error, grade = '一般事故': 死亡3人至少为较大事故（《生产安全事故报告和调查处理条例》第三条），与所填等级不符 ...
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    occurred_on: date = Field(description="事故发生日期")
    grade: AccidentGrade = Field(description="事故等级")
    responsibility: StrictBool = Field(
        default=True, description="是否为生产经营单位负有责任的责任事故"
    )
    deaths: Headcount = Field(default=0, description="死亡人数")
    reporting: frozenset[ReportingFailure] = Field(
        default=frozenset(), description="瞒报、谎报、迟报、漏报情形"
    )
    multiple_fine: StrictBool = Field(
        default=False,
        description="是否依照《安全生产法》第一百一十四条第二款处以二倍以上五倍以下罚款",
    )
    principal_conduct: frozenset[PrincipalConduct] = Field(
        default=frozenset(), description="主要负责人事故后不立即组织抢救、擅离职守或者逃匿"
    )
    investigation_obstructed: StrictBool = Field(
        default=False, description="故意破坏事故现场，伪造有关证据资料，妨碍、对抗事故调查"
    )
    typical: StrictBool = Field(
        default=False, description="性质恶劣、危害性严重、社会影响大的典型事故（经认定）"
    )

    @field_validator("occurred_on", mode="before")
    @classmethod
    def _a_date(cls, value: object) -> object:
        # A datetime is refused with an InvalidInput (a ValueError, reported against the field);
        # strings are pydantic's to parse (JSON carries dates as text).
        return day("occurred_on", value) if isinstance(value, datetime) else value

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.multiple_fine and self.occurred_on < MULTIPLE_FINE_FROM:
            raise ValueError(
                f"multiple_fine = True: 事故发生于{self.occurred_on.isoformat()}，"
                f"《中华人民共和国安全生产法》第一百一十四条第二款（二倍以上五倍以下罚款）"
                f"自{MULTIPLE_FINE_FROM.isoformat()}起施行，不能依该款处罚此前的事故"
            )
        if self.deaths and self.occurred_on >= _GRADING_FROM:
            least = classify(self.deaths, occurred_on=self.occurred_on).grade
            if least > self.grade:
                raise ValueError(
                    f"grade = {self.grade.value!r}: 死亡{self.deaths}人至少为{least.value}"
                    "（《生产安全事故报告和调查处理条例》第三条），与所填等级不符"
                )
        return self


class CaseFacts(BaseModel):
    """The facts of a penalised case (案件事实), the input of the listing assessment.

    ``unit_name`` is the party penalised (当事单位: a 生产经营单位, or a body doing safety
    evaluation, certification, testing or inspection). ``penalty_decided_on`` is the date of the
    administrative penalty decision (行政处罚决定日期); it selects the list regime. ``listed_on``
    is the day the party was put on the list (列入日期; under the 2017 rules the day of
    publication), if it already was; without it the assessment projects the listing period from
    the penalty decision (the listing follows the decision, the actual day is later and unknown).
    ``in_scope`` (适用范围): whether the party belongs to the industries of
    应急管理部令第11号第二条 (or is such a service body): True or False as stated, None (the
    default) when not stated; None is treated as in scope and the assessment says so in a reason
    marked unverified. The 2017 rules name no industries and ignore it.

    Every flag is a strict boolean: ``True`` or ``False`` only, never ``"yes"`` or ``1``.

    The remaining flags are findings of the authority: ``refused_decision`` (有能力履行而拒不履行、
    逃避履行行政处罚决定), ``other_serious_violation`` (其他性质恶劣、情节严重的违法行为),
    ``serious_violations`` (存在严重违法违规行为, 49号第三条), and the 2017 rules' conduct
    (``major_hazard_risky_work``, ``evaded_supervision``, ``operated_under_suspension_order``,
    ``unaccepted_facilities_in_use``, ``mining_out_of_bounds``).

    >>> from datetime import date, datetime
    >>> CaseFacts(unit_name="某公司", penalty_decided_on=date(2024, 5, 10)).in_scope is None
    True
    >>> CaseFacts(unit_name="某公司", penalty_decided_on=date(2024, 5, 10), refused_decision="yes")
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.ValidationError: 1 validation error for CaseFacts
    refused_decision
      Input should be a valid boolean ...
    >>> CaseFacts(unit_name="某公司", penalty_decided_on=date(2024, 5, 10),
    ...           listed_on=date(2024, 5, 1))
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.ValidationError: 1 validation error for CaseFacts
      Value error, listed_on = 2024-05-01: 列入日期不能早于行政处罚决定日期（2024-05-10） ...
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    unit_name: str = Field(min_length=1, description="当事单位（生产经营单位或者机构）名称")
    penalty_decided_on: date = Field(description="行政处罚决定日期")
    listed_on: date | None = Field(default=None, description="列入（公布）日期")
    in_scope: StrictBool | None = Field(
        default=None,
        description="是否属于应急管理部令第11号第二条所列行业领域或者机构（None：未说明，按属于处理）",
    )
    accidents: tuple[AccidentFacts, ...] = Field(default=(), description="生产安全事故")
    licence: LicenceStatus = Field(
        default=LicenceStatus.NOT_CONCERNED, description="安全生产相关许可情况"
    )
    service_misconduct: frozenset[ServiceMisconduct] = Field(
        default=frozenset(), description="安全评价、认证、检测、检验机构的违法行为"
    )
    refused_decision: StrictBool = Field(
        default=False, description="有能力履行而拒不履行、逃避履行行政处罚决定"
    )
    other_serious_violation: StrictBool = Field(
        default=False, description="其他违反安全生产法律法规、性质恶劣、情节严重（经认定）"
    )
    serious_violations: StrictBool = Field(
        default=False, description="存在严重违法违规行为（安监总办〔2017〕49号第三条）"
    )
    major_hazard_risky_work: StrictBool = Field(
        default=False,
        description="发现重大事故隐患或者职业病危害严重超标，不及时整改，仍组织冒险作业",
    )
    evaded_supervision: StrictBool = Field(
        default=False, description="采取隐蔽、欺骗或者阻碍等方式逃避、对抗安全监管监察"
    )
    operated_under_suspension_order: StrictBool = Field(
        default=False, description="被责令停产停业整顿，仍然从事生产经营建设活动"
    )
    unaccepted_facilities_in_use: StrictBool = Field(
        default=False, description="高危行业建设项目安全设施未经验收合格即投入生产和使用"
    )
    mining_out_of_bounds: StrictBool = Field(
        default=False, description="矿山超层越界开采、以探代采"
    )

    @field_validator("unit_name")
    @classmethod
    def _named(cls, value: str) -> str:
        if not value.strip():
            raise ValueError(f"unit_name = {value!r}: 当事单位名称不能为空")
        return value.strip()

    @field_validator("penalty_decided_on", "listed_on", mode="before")
    @classmethod
    def _dates(cls, value: object, info: ValidationInfo) -> object:
        name = info.field_name or "date"
        return day(name, value) if isinstance(value, datetime) else value

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        decided = self.penalty_decided_on
        if self.listed_on is not None and self.listed_on < decided:
            raise ValueError(
                f"listed_on = {self.listed_on.isoformat()}: "
                f"列入日期不能早于行政处罚决定日期（{decided.isoformat()}）"
            )
        for index, accident in enumerate(self.accidents):
            if accident.occurred_on > decided:
                raise ValueError(
                    f"accidents[{index}].occurred_on = {accident.occurred_on.isoformat()}: "
                    f"事故发生日期不能晚于行政处罚决定日期（{decided.isoformat()}）"
                )
        return self
