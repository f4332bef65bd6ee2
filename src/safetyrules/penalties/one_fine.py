"""一事不再罚款: one act, one fine, under the provision with the higher fine (《中华人民共和国行政处罚法》
（2021年修订）第二十九条).

"对当事人的同一个违法行为，不得给予两次以上罚款的行政处罚。同一个违法行为违反多个法律规范应当给予罚款
处罚的，按照罚款数额高的规定处罚。"

Given the fine bands several provisions set for the same act, the act is fined once, under one
of them. The article does not say how two bands are compared. *The library's reading*: the
band with the higher maximum is the higher one (the most the provision lets the agency impose);
with equal maxima, the higher minimum; with equal bands, the provision listed first (the amount
is the same either way). Bands are compared as the statutes set them, before any discretion.
When another band has a higher minimum than the chosen one (the bands cross), the outcome
depends on this reading and the reason says so, marked unverified; otherwise the chosen band is
at least as high at both ends as every other and any reading agrees.

>>> from safetyrules.law.citation import Citation
>>> a = (0, 50000, "《中华人民共和国安全生产法》（2021年修正）第九十九条")
>>> b = (20000, 100000, Citation(instrument="work-safety-law-2021", provision="第九十七条"))
>>> f = one_act_one_fine([a, b])
>>> f.chosen, f.maximum, str(f.citation)
(1, Decimal('100000'), '《中华人民共和国安全生产法》（2021年修正）第九十七条')
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Self

from pydantic import BaseModel, ConfigDict, field_validator, model_validator

from safetyrules.accidents.grade import yuan_text
from safetyrules.checks import day, money
from safetyrules.errors import InvalidInput
from safetyrules.law.catalogue import require_in_force
from safetyrules.law.citation import Citation
from safetyrules.law.confidence import Confidence
from safetyrules.law.reason import Explanation, Reason
from safetyrules.penalties.accident_fines import FineRange

# 《中华人民共和国行政处罚法》（2021年修订）, in force 2021-07-15.
_LAW = "administrative-penalty-law-2021"
_CITATION = Citation(instrument=_LAW, provision="第二十九条")


class FineBand(BaseModel):
    """The fine one provision sets for the act (罚款幅度): a band in yuan and its citation.

    Use a minimum of 0 for a fine of "…以下".

    >>> band = FineBand(minimum=0, maximum=50000, citation="《中华人民共和国安全生产法》（2021年修正）第九十九条")
    >>> band.text()
    '5万元以下'
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    minimum: Decimal
    maximum: Decimal
    citation: Citation

    @field_validator("minimum", "maximum", mode="before")
    @classmethod
    def _exact(cls, value: object) -> Decimal:
        return money("amount", value)

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.minimum > self.maximum:
            raise ValueError("罚款下限不能高于上限")
        return self

    def text(self) -> str:
        """The band as Chinese legal text writes it (…以上…以下)."""
        if self.minimum == self.maximum:
            return yuan_text(self.maximum)
        low = f"{yuan_text(self.minimum)}以上" if self.minimum else ""
        return f"{low}{yuan_text(self.maximum)}以下"


class HigherFine(BaseModel):
    """The one fine for the act (一事不再罚款：按照罚款数额高的规定处罚): the band and provision
    applied, its index among the candidates, and why.

    >>> f = one_act_one_fine([(10000, 30000, "《中华人民共和国安全生产法》（2021年修正）第九十九条")])
    >>> f.chosen, f.minimum, f.maximum
    (0, Decimal('10000'), Decimal('30000'))
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    minimum: Decimal
    maximum: Decimal
    citation: Citation
    chosen: int
    candidates: tuple[FineBand, ...]
    explanation: Explanation

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """The reasons, in order."""
        return self.explanation.reasons


def one_act_one_fine(
    fines: Iterable[FineRange | tuple[Decimal | int, Decimal | int, Citation | str]],
    *,
    as_of: date | None = None,
) -> HigherFine:
    """The provision whose fine applies to one act that breaches several (一事不再罚款).

    Each item is a :class:`~safetyrules.penalties.FineRange` or a tuple (minimum, maximum,
    citation) in yuan; all must concern the same act of the same party. The higher band wins:
    the higher maximum, then the higher minimum, then the first listed. ``as_of``, when given,
    must fall within the 2021 revision (from 2021-07-15).

    Bands that cross (one has the higher maximum, the other the higher minimum) are decided
    by the library's reading, and the explanation says so:

    >>> f = one_act_one_fine([
    ...     (30000, 50000, "《中华人民共和国安全生产法》（2021年修正）第九十九条"),
    ...     (10000, 100000, "《中华人民共和国安全生产法》（2021年修正）第九十七条"),
    ... ])
    >>> f.chosen, f.minimum, f.maximum, f.explanation.unverified
    (1, Decimal('10000'), Decimal('100000'), True)
    """
    if isinstance(fines, str | bytes | dict) or not isinstance(fines, Iterable):
        raise InvalidInput("fines", fines, "须是罚款幅度的序列")
    items = list(fines)
    if not items:
        raise InvalidInput("fines", items, "至少需要一项罚款规定")
    if as_of is not None:
        require_in_force(_LAW, day("as_of", as_of))
    bands = tuple(_band(n, item) for n, item in enumerate(items))
    parties = {item.on for item in items if isinstance(item, FineRange)}
    if len(parties) > 1:
        raise InvalidInput("fines", sorted(parties), "同一个违法行为的罚款须针对同一当事人")

    chosen = max(range(len(bands)), key=lambda n: (bands[n].maximum, bands[n].minimum))
    best = bands[chosen]
    others = [band for n, band in enumerate(bands) if n != chosen]
    listed = "；".join(f"{band.citation}，{band.text()}" for band in bands)
    rule = Reason(
        rule="penalties.one_fine",
        message=f"对当事人的同一个违法行为，不得给予两次以上罚款的行政处罚；该行为涉及{len(bands)}项罚款规定：{listed}",
        citation=_CITATION,
        inputs={"provisions": len(bands)},
    )
    if not others:
        message = f"只有一项罚款规定，按{best.citation}处{best.text()}的罚款"
        confidence = Confidence.OFFICIAL
    else:
        # The chosen band has the highest maximum, so only a band with a higher minimum
        # crosses it; then "higher" depends on the reading.
        crossing = [band for band in others if band.minimum > best.minimum]
        same = [
            band for band in others if (band.minimum, band.maximum) == (best.minimum, best.maximum)
        ]
        message = f"同一个违法行为违反多个法律规范应当给予罚款处罚的，按照罚款数额高的规定处罚：适用{best.citation}，{best.text()}"
        if crossing:
            message += (
                "（本库的读法：先比较罚款上限，上限相同再比较下限，幅度相同取列在最前的规定；"
                "条文未规定幅度交错时如何比较）"
            )
            confidence = Confidence.UNVERIFIED
        else:
            message += "（该幅度的上限和下限均不低于其他规定"
            if same:
                message += "；与之幅度相同的规定处罚结果一致，本库取列在最前的规定"
            message += "）"
            confidence = Confidence.OFFICIAL
    higher = Reason(
        rule="penalties.one_fine.higher",
        message=message,
        citation=_CITATION,
        inputs={"chosen": str(best.citation)},
        confidence=confidence,
    )
    return HigherFine(
        minimum=best.minimum,
        maximum=best.maximum,
        citation=best.citation,
        chosen=chosen,
        candidates=bands,
        explanation=Explanation(reasons=(rule, higher)),
    )


def _band(n: int, item: object) -> FineBand:
    field = f"fines[{n}]"
    if isinstance(item, FineRange):
        return FineBand(minimum=item.minimum, maximum=item.maximum, citation=item.citation)
    if not isinstance(item, tuple) or len(item) != 3:
        raise InvalidInput(field, item, "须是 FineRange 或（下限, 上限, 引用）三元组")
    low, high, citation = item
    minimum, maximum = money(f"{field}.minimum", low), money(f"{field}.maximum", high)
    if minimum > maximum:
        raise InvalidInput(field, item, "罚款下限不能高于上限")
    if isinstance(citation, str):
        citation = Citation.parse(citation)
    if not isinstance(citation, Citation):
        raise InvalidInput(f"{field}.citation", citation, "须是 Citation 或引用文本")
    return FineBand(minimum=minimum, maximum=maximum, citation=citation)
