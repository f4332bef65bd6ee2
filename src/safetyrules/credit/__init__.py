"""Credit lists (安全生产失信名单): the 严重失信主体名单 and its predecessor, by date.

Whether a party penalised for a production-safety accident or violation must go on the list,
under which situation, who is listed (单位、主要负责人、有关人员、机构及其人员), for how long, and
from when removal may be applied for:

- 《安全生产严重失信主体名单管理办法》（应急管理部令第11号）, for penalty decisions from 2023-10-01:
  9 situations (A1–A5 with an accident, B1–B4 without), a 3-year term, early removal (提前移出)
  after 12 months on the list;
- 《对安全生产领域失信行为开展联合惩戒的实施办法》（安监总办〔2017〕49号）, for decisions from
  2017-05-09 to 2023-09-30: 10 失信行为 (联合惩戒对象) and the “黑名单” criteria, a 1-year term.

The state of a listing on the day asked (尚未列入, 在名单期限内, 期满未自动移出 under the 2017
rules, 已期满移出 under 第11号令) is :class:`~safetyrules.credit.period.ListingStatus`.

Statutory base: 《中华人民共和国安全生产法》（2021年修正）第七十八条. The 2015 “黑名单” rules are not
encoded (no reliable source for their number and dates). What is unverified is listed by
:meth:`Regime.unverified_facts`.

>>> from datetime import date
>>> from safetyrules.accidents import AccidentGrade
>>> case = CaseFacts(unit_name="某矿业有限公司", penalty_decided_on=date(2024, 6, 3),
...                  accidents=[AccidentFacts(occurred_on=date(2024, 4, 2),
...                                           grade=AccidentGrade.MAJOR, deaths=10)])
>>> r = assess_listing(case, as_of=date(2024, 6, 3))
>>> [s.label for s in r.situations], r.unit_listed, r.principal_listed, r.period.end
(['A1'], True, True, datetime.date(2027, 6, 3))
"""

from safetyrules.credit.assessment import ListingAssessment, MatchedSituation, assess_listing
from safetyrules.credit.list_rules import (
    EarlyRemoval,
    ListedParty,
    ListKind,
    Regime,
    RemovalApplication,
    RemovalCondition,
    Situation,
    Term,
    regime,
    regime_on,
    regimes,
)
from safetyrules.credit.period import (
    ListingPeriod,
    ListingStatus,
    listing_period,
    period_last_day,
    within_months,
)
from safetyrules.credit.record import (
    AccidentFacts,
    CaseFacts,
    LicenceStatus,
    PrincipalConduct,
    ReportingFailure,
    ServiceMisconduct,
)
from safetyrules.credit.triggers import Fired, fires_on

__all__ = [
    "AccidentFacts",
    "CaseFacts",
    "EarlyRemoval",
    "Fired",
    "LicenceStatus",
    "ListKind",
    "ListedParty",
    "ListingAssessment",
    "ListingPeriod",
    "ListingStatus",
    "MatchedSituation",
    "PrincipalConduct",
    "Regime",
    "RemovalApplication",
    "RemovalCondition",
    "ReportingFailure",
    "ServiceMisconduct",
    "Situation",
    "Term",
    "assess_listing",
    "fires_on",
    "listing_period",
    "period_last_day",
    "regime",
    "regime_on",
    "regimes",
    "within_months",
]
