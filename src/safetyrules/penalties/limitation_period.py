"""追责时效: whether a violation discovered on a day may still be penalised (《中华人民共和国行政处罚法》
（2021年修订）第三十六条).

"违法行为在二年内未被发现的，不再给予行政处罚；涉及公民生命健康安全、金融安全且有危害后果的，上述
期限延长至五年。法律另有规定的除外。

前款规定的期限，从违法行为发生之日起计算；违法行为有连续或者继续状态的，从行为终了之日起计算。"

- The period is 2 years; 5 years where the act involves citizens' life and health safety
  (``life_or_health``) or financial security (``financial_security``) **and** had harmful
  consequences (``harm``). Both conditions are needed.
- It runs from the day the act occurred or, for a continuing or repeated act, the day it ended:
  pass that day as ``act_ended_on``.
- "法律另有规定的除外": another law may set a different period. This function applies only
  第三十六条 and says so in every result.

Counting, *the library's reading*. The 行政处罚法 has no rule of its own for counting a period
in years (第八十五条 only makes 二日、三日、五日、七日 working days). The library counts as it
does for other periods, after 《中华人民共和国民法典》第二百零一条第一款 ("按照年、月、日计算期间的，
开始的当日不计入，自下一日开始计算") and 第二百零二条 ("按照年、月计算期间的，到期月的对应日为期间的
最后一日；没有对应日的，月末日为期间的最后一日"); the 民法典 wording was checked against secondary
reprints only (未见官方原文), and it is not in the library's catalogue. So the period's last day is
the same date 2 (or 5) years later, or 28 February for an act on 29 February, and an act
discovered on that day is still within the period. Another reading counts the starting day
and ends one day earlier; the two differ only on that last day, so a result on the last day is
marked unverified.

The 2021 revision (in force 2021-07-15) must be in force on the day of discovery; an earlier
discovery raises :class:`~safetyrules.errors.NotInForce` (the 1996 text is not encoded).

>>> from datetime import date
>>> r = limitation(date(2022, 3, 1), date(2024, 3, 1))
>>> r.years, r.last_day, r.may_penalise
(2, datetime.date(2024, 3, 1), True)
>>> limitation(date(2022, 3, 1), date(2024, 3, 2)).may_penalise
False
"""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta
from pydantic import BaseModel, ConfigDict

from safetyrules.checks import day
from safetyrules.errors import InvalidInput
from safetyrules.law.catalogue import instrument, require_in_force
from safetyrules.law.citation import Citation
from safetyrules.law.confidence import Confidence
from safetyrules.law.reason import Explanation, Reason

# 《中华人民共和国行政处罚法》（2021年修订）, in force 2021-07-15.
_LAW = "administrative-penalty-law-2021"
_PERIOD = Citation(instrument=_LAW, provision="第三十六条第一款")
_START = Citation(instrument=_LAW, provision="第三十六条第二款")


class LimitationPeriod(BaseModel):
    """The limitation period for penalising a violation (行政处罚追责时效) and whether a
    discovery on ``discovered_on`` falls within it.

    ``last_day`` is the last day on which discovery is still in time.

    >>> from datetime import date
    >>> r = limitation(date(2024, 2, 29), date(2029, 3, 1), life_or_health=True, harm=True)
    >>> r.years, r.last_day, r.may_penalise
    (5, datetime.date(2029, 2, 28), False)
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    act_ended_on: date
    discovered_on: date
    years: int
    last_day: date
    may_penalise: bool
    citation: Citation
    explanation: Explanation

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """The reasons, in order."""
        return self.explanation.reasons


def limitation(
    act_ended_on: date,
    discovered_on: date,
    *,
    life_or_health: bool = False,
    harm: bool = False,
    financial_security: bool = False,
) -> LimitationPeriod:
    """Whether a penalty may still be given for a violation discovered on a day (追责时效).

    ``act_ended_on`` is the day the act occurred, or the day a continuing act ended
    (违法行为发生之日 / 行为终了之日). An act still going on when discovered is within the period:
    pass the day of discovery. ``life_or_health`` (涉及公民生命健康安全) or
    ``financial_security`` (涉及金融安全) together with ``harm`` (有危害后果) extend the period
    to 5 years.

    >>> from datetime import date
    >>> limitation(date(2021, 10, 8), date(2024, 10, 8), life_or_health=True).may_penalise
    False
    >>> limitation(date(2021, 10, 8), date(2024, 10, 8), life_or_health=True, harm=True).may_penalise
    True
    """
    act_ended_on = day("act_ended_on", act_ended_on)
    discovered_on = day("discovered_on", discovered_on)
    for name, flag in (
        ("life_or_health", life_or_health),
        ("harm", harm),
        ("financial_security", financial_security),
    ):
        if not isinstance(flag, bool):
            raise InvalidInput(name, flag, "必须是 True 或 False")
    if discovered_on < act_ended_on:
        raise InvalidInput("discovered_on", discovered_on, "发现日期不能早于违法行为发生或终了日期")
    require_in_force(_LAW, discovered_on)

    extended = (life_or_health or financial_security) and harm
    years = 5 if extended else 2
    last = act_ended_on + relativedelta(years=years)
    in_time = discovered_on <= last

    if extended:
        involved = "、".join(
            name
            for name, flag in (
                ("公民生命健康安全", life_or_health),
                ("金融安全", financial_security),
            )
            if flag
        )
        period = f"违法行为涉及{involved}且有危害后果，期限延长至五年"
    elif life_or_health or financial_security:
        period = "违法行为涉及公民生命健康安全或金融安全，但没有危害后果，期限为二年"
    elif harm:
        period = "违法行为有危害后果，但不涉及公民生命健康安全、金融安全，期限为二年"
    else:
        period = "期限为二年"
    reasons = [
        Reason(
            rule="penalties.limitation.period",
            message=f"违法行为在二年内未被发现的，不再给予行政处罚；{period}。法律另有规定的除外"
            "（本函数只适用本条规定的期限，不检查其他法律的特别规定）",
            citation=_PERIOD,
            inputs={
                "life_or_health": life_or_health,
                "financial_security": financial_security,
                "harm": harm,
            },
        ),
        Reason(
            rule="penalties.limitation.counting",
            message=f"期限从违法行为发生之日或者行为终了之日（{act_ended_on.isoformat()}）起计算，"
            f"当日不计入，期间最后一日为{last.isoformat()}（本库的读法，参照《中华人民共和国民法典》"
            "第二百零一条、第二百零二条；若将起算当日计入，最后一日提前一日）",
            citation=_START,
            inputs={"act_ended_on": act_ended_on},
            confidence=Confidence.UNVERIFIED if discovered_on == last else Confidence.OFFICIAL,
        ),
        Reason(
            rule="penalties.limitation.result",
            message=f"违法行为于{discovered_on.isoformat()}被发现，"
            + (
                "在期限内，仍可给予行政处罚"
                if in_time
                else f"已超过{years}年的期限，不再给予行政处罚"
            ),
            citation=_PERIOD,
            inputs={"discovered_on": discovered_on},
        ),
    ]
    effective = instrument(_LAW).effective_from
    if (
        extended
        and act_ended_on < effective
        and discovered_on > act_ended_on + relativedelta(years=2)
    ):
        reasons.append(
            Reason(
                rule="penalties.limitation.transition",
                message=f"违法行为终了于修订后的行政处罚法施行（{effective.isoformat()}）之前，且超过二年才被发现；"
                "本库未收录修订前的文本（未见原文），五年期限是否适用于此前终了的行为，条文未作规定，"
                "本库按第三十六条计算（未见权威依据）",
                citation=_PERIOD,
                inputs={"act_ended_on": act_ended_on},
                confidence=Confidence.UNVERIFIED,
            )
        )
    return LimitationPeriod(
        act_ended_on=act_ended_on,
        discovered_on=discovered_on,
        years=years,
        last_day=last,
        may_penalise=in_time,
        citation=_PERIOD,
        explanation=Explanation(reasons=tuple(reasons)),
    )
