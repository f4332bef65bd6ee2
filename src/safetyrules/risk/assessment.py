"""Grading one risk (风险评价与分级): LEC, LS or MES, a band scheme, and direct judgement.

The score is the product of the factor values; the scheme places it in a band with the method's
own grade and one of the four levels; conditions of direct judgement (直接判定) force 重大风险
whatever the score, and the final level is the higher of the two (从严从高). Every step is a
reason in the result's explanation.

>>> a = lec(3, 6, 7)
>>> a.score, a.grade, a.level.value, a.colour.value
(Decimal('126'), '3级', '一般风险', '黄')
>>> ls(4, 5).level.value
'重大风险'
>>> mes(3, 6, 10).grade
'1级'
>>> lec(1, 1, 7, direct=["major-hazard-installation"]).level.value
'重大风险'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from safetyrules.errors import InvalidInput
from safetyrules.law.catalogue import require_in_force
from safetyrules.law.confidence import Confidence
from safetyrules.law.jurisdiction import NATION_CODE
from safetyrules.law.reason import Explanation, Reason
from safetyrules.risk.direct import direct_condition
from safetyrules.risk.level import LEVELS_INSTRUMENT, RiskColour, RiskLevel, levels_citation
from safetyrules.risk.methods import Method, MethodName, method
from safetyrules.risk.schemes import Scheme, default_scheme, scheme


class RiskAssessment(BaseModel):
    """The graded result for one risk (风险评价结果).

    ``scored_level`` comes from the score alone; ``level`` is final, after direct judgement.

    >>> a = lec(1, 1, 7, direct=["major-hazard-installation"])
    >>> a.scored_level.value, a.level.value, a.forced_by
    ('低风险', '重大风险', ('major-hazard-installation',))
    """

    model_config = ConfigDict(frozen=True)

    method: MethodName
    factors: dict[str, Decimal]
    score: Decimal
    scheme: str
    grade: str | None
    scored_level: RiskLevel
    forced_by: tuple[str, ...] = ()
    level: RiskLevel
    explanation: Explanation

    @property
    def colour(self) -> RiskColour:
        """The final level's colour (红、橙、黄、蓝).

        >>> ls(4, 5).colour.value
        '红'
        """
        return self.level.colour

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """The reasons in the order they were applied (评价依据).

        >>> [r.rule for r in lec(3, 6, 7).reasons]
        ['risk.lec.score', 'risk.scheme.lec']
        """
        return self.explanation.reasons

    def _repr_html_(self) -> str:
        """The level, the score and the reasons as HTML for a notebook (笔记本显示).

        >>> "重大风险（红）" in ls(4, 5)._repr_html_()
        True
        """
        from safetyrules.display import fragment

        return fragment(
            "风险评价结果",
            f"{self.level.value}（{self.colour.value}）",
            [
                ("评价方法", f"{self.method.value}（{self.method.label}）"),
                ("因素取值", "，".join(f"{k} = {format(v, 'f')}" for k, v in self.factors.items())),
                ("分值", format(self.score, "f")),
                ("分级方案", self.scheme),
                ("方案级别", self.grade),
                ("按分值的风险等级", self.scored_level.value),
                ("直接判定情形", "、".join(self.forced_by) or "无"),
            ],
            self.explanation,
        )

    def _repr_markdown_(self) -> str:
        """The same content in Markdown (笔记本显示).

        >>> print(ls(4, 5)._repr_markdown_().splitlines()[0])
        **风险评价结果：重大风险（红）**
        """
        from safetyrules.display import markdown

        return markdown(self._repr_html_())


def lec(
    l: object,  # noqa: E741 - the method's own letter
    e: object,
    c: object,
    *,
    scheme: str | Scheme | None = None,
    direct: Iterable[str] | None = (),
    jurisdiction: str = NATION_CODE,
    as_of: date | None = None,
) -> RiskAssessment:
    """Grade a risk by LEC (作业条件危险性分析法, D = L × E × C).

    >>> lec(6, 3, 15).score
    Decimal('270')
    >>> lec(2, 6, 7)
    Traceback (most recent call last):
    ...
    safetyrules.errors.InvalidInput: L = 2: 事故发生的可能性（L）只能取 0.1、0.2、0.5、1、3、6、10
    """
    return assess(
        MethodName.LEC,
        {"L": l, "E": e, "C": c},
        scheme=scheme,
        direct=direct,
        jurisdiction=jurisdiction,
        as_of=as_of,
    )


def ls(
    l: object,  # noqa: E741 - the method's own letter
    s: object,
    *,
    scheme: str | Scheme | None = None,
    direct: Iterable[str] | None = (),
    jurisdiction: str = NATION_CODE,
    as_of: date | None = None,
) -> RiskAssessment:
    """Grade a risk by the LS risk matrix (风险矩阵分析法, R = L × S).

    >>> ls(3, 4).score, ls(3, 4).level.value
    (Decimal('12'), '一般风险')
    >>> ls(3, 4, scheme="ls-zgmkw").level.value
    '较大风险'
    """
    return assess(
        MethodName.LS,
        {"L": l, "S": s},
        scheme=scheme,
        direct=direct,
        jurisdiction=jurisdiction,
        as_of=as_of,
    )


def mes(
    m: object,
    e: object,
    s: object,
    *,
    scheme: str | Scheme | None = None,
    direct: Iterable[str] | None = (),
    jurisdiction: str = NATION_CODE,
    as_of: date | None = None,
) -> RiskAssessment:
    """Grade a risk by MES (作业条件风险程度评价, R = M × E × S).

    >>> mes(5, 6, 4).score, mes(5, 6, 4).level.value
    (Decimal('120'), '较大风险')
    """
    return assess(
        MethodName.MES,
        {"M": m, "E": e, "S": s},
        scheme=scheme,
        direct=direct,
        jurisdiction=jurisdiction,
        as_of=as_of,
    )


def assess(
    method_name: MethodName | str,
    factors: Mapping[str, object],
    *,
    scheme: str | Scheme | None = None,
    direct: Iterable[str] | None = (),
    jurisdiction: str = NATION_CODE,
    as_of: date | None = None,
) -> RiskAssessment:
    """Grade a risk by any method from a mapping of its factors (风险评价).

    ``scheme`` is a scheme id or object (default: the method's default for the jurisdiction
    and date); ``direct`` the ids of the direct-judgement conditions that hold.

    >>> assess("LS", {"L": 5, "S": 5}).grade
    '1级'
    """
    if as_of is not None:
        # Risk levels exist from 安委办〔2016〕11号 on; an earlier date has no rule to apply.
        require_in_force(LEVELS_INSTRUMENT, as_of)
    chosen_method = method(method_name)
    chosen = _scheme(chosen_method, scheme, jurisdiction, as_of)
    values = _values(chosen_method, factors)
    score = chosen_method.product(values)
    band = chosen.band_for(score)
    reasons = [_score_reason(chosen_method, values, score), _band_reason(chosen, score)]
    forced = []
    if direct is None:
        direct = ()
    elif isinstance(direct, str):  # one id given alone, not a list of its letters
        direct = (direct,)
    for condition_id in dict.fromkeys(direct):  # each condition once, in the order given
        condition = direct_condition(condition_id, jurisdiction)
        if condition.enabled:
            forced.append(condition.id)
        reasons.append(
            Reason(
                rule=f"risk.direct.{condition.id}",
                message=(
                    f"具备直接判定情形“{condition.text}”，直接判定为重大风险"
                    if condition.enabled
                    else f"情形“{condition.text}”在本地清单中未启用，不据此判定"
                ),
                inputs={"condition": condition.id},
                confidence=condition.confidence,
                jurisdiction=condition.jurisdiction,
            )
        )
    level = RiskLevel.MAJOR if forced else band.level
    if forced and band.level is not RiskLevel.MAJOR:
        reasons.append(
            Reason(
                rule="risk.final_level",
                message=(
                    f"打分等级为{band.level.value}，直接判定为重大风险，"
                    "按从严从高原则取较高者：重大风险（红色）"
                ),
                # The rule is the direct-judgement list's own; it is as sure as that list.
                confidence=Confidence.weakest(
                    [direct_condition(c, jurisdiction).confidence for c in forced]
                ),
            )
        )
    return RiskAssessment(
        method=chosen_method.id,
        factors=values,
        score=score,
        scheme=chosen.id,
        grade=band.grade,
        scored_level=band.level,
        forced_by=tuple(forced),
        level=level,
        explanation=Explanation(reasons=tuple(reasons)),
    )


def _scheme(
    chosen_method: Method, given: str | Scheme | None, jurisdiction: str, as_of: date | None
) -> Scheme:
    if given is None:
        return default_scheme(chosen_method.id, jurisdiction_code=jurisdiction, on=as_of)
    found = scheme(given) if isinstance(given, str) else given
    if found.method is not chosen_method.id:
        raise InvalidInput(
            "scheme",
            found.id,
            f"该方案用于 {found.method.value} 法，不能用于 {chosen_method.id.value} 法",
        )
    return found


def _values(chosen_method: Method, factors: Mapping[str, object]) -> dict[str, Decimal]:
    expected = [f.symbol for f in chosen_method.factors]
    unknown = sorted(set(factors) - set(expected))
    missing = [symbol for symbol in expected if symbol not in factors]
    if unknown or missing:
        raise InvalidInput(
            "factors",
            dict(factors),
            f"{chosen_method.id.value} 法的因素为 {'、'.join(expected)}"
            + (f"，缺少 {'、'.join(missing)}" if missing else "")
            + (f"，多出 {'、'.join(unknown)}" if unknown else ""),
        )
    return {f.symbol: f.check(factors[f.symbol]) for f in chosen_method.factors}


def _score_reason(chosen_method: Method, values: dict[str, Decimal], score: Decimal) -> Reason:
    product = " × ".join(format(values[f.symbol], "f") for f in chosen_method.factors)
    meanings = "；".join(
        f"{f.symbol} = {format(values[f.symbol], 'f')}：{f.describe(values[f.symbol])}"
        for f in chosen_method.factors
    )
    return Reason(
        rule=f"risk.{chosen_method.id.value.lower()}.score",
        message=(
            f"{chosen_method.name}（{chosen_method.formula}）："
            f"{chosen_method.score} = {product} = {format(score, 'f')}（{meanings}）"
        ),
        inputs={**values},
        confidence=chosen_method.confidence,
    )


def _band_reason(chosen: Scheme, score: Decimal) -> Reason:
    band = chosen.band_for(score)
    grade = f"为{band.grade}" + (f"（{band.description}）" if band.description else "") + "，"
    return Reason(
        rule=f"risk.scheme.{chosen.id}",
        message=(
            f"按分级方案“{chosen.name}”（分档是该方案的，不是法定分值），分值 {format(score, 'f')} "
            f"落在 {band.range} 档，{grade if band.grade else ''}"
            f"属{band.level.value}（{band.level.colour.value}色）；四级风险及其颜色的划分"
        ),
        citation=levels_citation(),
        inputs={"score": score, "scheme": chosen.id},
        confidence=chosen.confidence,
        jurisdiction=chosen.jurisdiction,
    )
