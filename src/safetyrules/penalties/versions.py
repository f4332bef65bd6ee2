"""从旧兼从轻: which version of a rule applies to a violation (《中华人民共和国行政处罚法》第三十七条).

"实施行政处罚，适用违法行为发生时的法律、法规、规章的规定。但是，作出行政处罚决定时，法律、法规、
规章已被修改或者废止，且新的规定处罚较轻或者不认为是违法的，适用新的规定。" The version in force when
the act occurred applies, unless the version in force at the decision is lighter. A continuing
violation is dated by its end.

Lighter is decided on the fine band the case would face under each version: the lower maximum is
lighter; with equal maxima, the lower minimum; with equal bands the old version stays (the
article only lets a *lighter* new rule displace it).

>>> from datetime import date
>>> law, reason = lighter_version(date(2021, 7, 2), date(2022, 1, 19),
...                               lambda law: {"work-safety-law-2014": (1, 5),
...                                            "work-safety-law-2021": (3, 10)}[law])
>>> law
'work-safety-law-2014'
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from safetyrules.errors import InvalidInput
from safetyrules.law.catalogue import instrument
from safetyrules.law.citation import Citation
from safetyrules.law.reason import Reason
from safetyrules.penalties.provisions import law_on

PENALTY_LAW = "administrative-penalty-law-2021"
"""《中华人民共和国行政处罚法》（2021年修订）, whose 第三十七条 sets the rule."""


def lighter_version(
    occurred_on: date,
    decided_on: date | None,
    band: Callable[[str], tuple[Decimal | int, Decimal | int]],
    *,
    describe: Callable[[tuple[Decimal | int, Decimal | int]], str] | None = None,
) -> tuple[str, Reason]:
    """The version to apply and why (从旧兼从轻), given the case's band under each version.

    ``band(law)`` returns (minimum, maximum) for the case under a version; ``describe`` writes
    a band in the reason (default: yuan), for bands in another unit such as a share of income.

    Uncertified 特种作业人员 at work (2021 第九十七条第（七）项: 处十万元以下的罚款), the act before
    2021-09-01 and the decision after: the new version is not lighter, so the old one applies.

    >>> from safetyrules.penalties.provisions import violation_provision
    >>> def band(law):
    ...     fine = violation_provision("special-operators-uncertified", law).stages[0].fines[0]
    ...     return fine.minimum or 0, fine.maximum
    >>> law, reason = lighter_version(date(2021, 8, 20), date(2021, 10, 10), band)
    >>> law, reason.message
    ('work-safety-law-2014', '...幅度0元至100000元。新的规定处罚不轻于旧的规定，适用违法行为发生时的规定')
    >>> lighter_version(date(2023, 1, 1), None, band)[0]
    'work-safety-law-2021'
    """
    old = law_on(occurred_on)
    if decided_on is None or decided_on == occurred_on:
        return old, _reason(
            old, f"违法行为发生时（{occurred_on}）施行{instrument(old).label}，适用该版本"
        )
    if decided_on < occurred_on:
        raise InvalidInput("decided_on", decided_on, "处罚决定日期不能早于违法行为发生日期")
    new = law_on(decided_on)
    if new == old:
        return old, _reason(old, f"违法行为发生时与作出处罚决定时均施行{instrument(old).label}")
    old_band, new_band = band(old), band(new)
    text = describe or _band
    lighter = (new_band[1], new_band[0]) < (old_band[1], old_band[0])
    chosen = new if lighter else old
    message = (
        f"违法行为发生时（{occurred_on}）施行{instrument(old).label}，幅度{text(old_band)}；"
        f"作出处罚决定时（{decided_on}）施行{instrument(new).label}，幅度{text(new_band)}。"
        + (
            "新的规定处罚较轻，适用新的规定"
            if lighter
            else "新的规定处罚不轻于旧的规定，适用违法行为发生时的规定"
        )
    )
    return chosen, _reason(chosen, message)


def _reason(chosen: str, message: str) -> Reason:
    return Reason(
        rule="penalties.version",
        message=message,
        citation=Citation(instrument=PENALTY_LAW, provision="第三十七条"),
        inputs={"law": chosen},
    )


def _band(band: tuple[Decimal | int, Decimal | int]) -> str:
    return f"{band[0]}元至{band[1]}元"
