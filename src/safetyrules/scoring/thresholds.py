"""Score thresholds (分数线): which thresholds a grading uses, and where they come from.

The 2011 考评办法 lays down its own thresholds (一级 90, 二级 75, 三级 60 points), which bind; the
2021 定级办法 sets none, so the thresholds of the industry 定级标准 (the scoring standard) apply,
and when the standard gives none the 2011 figures are used as the common default. A score
reaches a level when it reaches that level's threshold (以上 includes the number).

>>> ThresholdSource.STANDARD.value
'评分标准规定'
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from enum import StrEnum
from itertools import pairwise

from safetyrules.errors import InvalidInput
from safetyrules.law.citation import Citation
from safetyrules.law.confidence import Confidence
from safetyrules.law.reason import Reason
from safetyrules.scoring._points import checked_score, number_text
from safetyrules.scoring.grading_rules import GradingRegime
from safetyrules.scoring.level import StandardizationLevel

__all__ = ["ThresholdSource"]


class ThresholdSource(StrEnum):
    """Where the score thresholds used came from (分数线来源).

    >>> ThresholdSource.COMMON_DEFAULT.value
    '通行缺省分数线'
    """

    REGIME = "定级制度规定"
    STANDARD = "评分标准规定"
    COMMON_DEFAULT = "通行缺省分数线"


def applicable_thresholds(
    given: Mapping[int, Decimal] | None, regime: GradingRegime
) -> tuple[dict[StandardizationLevel, Decimal], ThresholdSource, Reason]:
    """The score thresholds (分数线) a grading uses, where they come from, and the reason.

    ``given`` are the thresholds of the scoring standard by level (1–3), None when it gives
    none. The 2011 考评办法's own thresholds bind; under the 2021 定级办法 the standard's
    apply, or else the common default:

    >>> from datetime import date
    >>> from safetyrules.scoring.grading_data import grading_regime
    >>> standard = {1: Decimal("95"), 2: Decimal("80"), 3: Decimal("65")}
    >>> _, source, _ = applicable_thresholds(standard, grading_regime(date(2015, 1, 1)))
    >>> source.value
    '定级制度规定'
    >>> thresholds, source, _ = applicable_thresholds(standard, grading_regime(date(2024, 6, 1)))
    >>> source.value, thresholds[StandardizationLevel.FIRST]
    ('评分标准规定', Decimal('95'))
    >>> applicable_thresholds(None, grading_regime(date(2024, 6, 1)))[1].value
    '通行缺省分数线'
    """
    own = {rule.level: rule.threshold for rule in regime.levels}
    checked = None if given is None else _check_thresholds(given)
    listed = "、".join(f"{lv.label}{number_text(t)}分" for lv, t in own.items())
    rule_id = f"standardization.grading.{regime.id}.thresholds"
    weakest = Confidence.weakest([rule.threshold_confidence for rule in regime.levels])
    if regime.thresholds_binding:
        message = f"分数线由{regime.name}规定：{listed}（以上，含本数）"
        if checked is not None and checked != own:
            message += "；评分标准另列的分数线不适用"
        reason = Reason(
            rule=rule_id,
            message=message,
            citation=Citation(instrument=regime.instrument, note="各级分数线"),
            inputs={f"threshold_{int(lv)}": t for lv, t in own.items()},
            confidence=weakest,
        )
        return own, ThresholdSource.REGIME, reason
    if checked is not None:
        shown = "、".join(f"{lv.label}{number_text(t)}分" for lv, t in checked.items())
        reason = Reason(
            rule=rule_id,
            message=f"{regime.name}本身不规定分数线，按评分（定级）标准规定的分数线：{shown}（以上，含本数）",
            citation=Citation(instrument=regime.instrument, note="分数线由行业定级标准规定"),
            inputs={f"threshold_{int(lv)}": t for lv, t in checked.items()},
            confidence=Confidence.UNVERIFIED,
        )
        return checked, ThresholdSource.STANDARD, reason
    reason = Reason(
        rule=rule_id,
        message=f"{regime.name}本身不规定分数线，评分标准也未给出；按通行缺省分数线（2011年考评办法的分档）："
        f"{listed}（以上，含本数）",
        citation=regime.levels[0].threshold_citation,
        inputs={f"threshold_{int(lv)}": t for lv, t in own.items()},
        confidence=weakest,
    )
    return own, ThresholdSource.COMMON_DEFAULT, reason


def _check_thresholds(given: Mapping[int, Decimal]) -> dict[StandardizationLevel, Decimal]:
    if not given:
        raise InvalidInput("thresholds", given, "分数线不能为空；评分标准未规定时应为 None")
    checked: dict[StandardizationLevel, Decimal] = {}
    for key, value in given.items():
        if isinstance(key, bool) or key not in (1, 2, 3):
            raise InvalidInput("thresholds", dict(given), f"等级 {key!r} 不是 1、2、3 之一")
        checked[StandardizationLevel(key)] = checked_score(value, "thresholds")
    ordered = sorted(checked.items())
    for (higher, upper), (lower, below) in pairwise(ordered):
        if below >= upper:
            raise InvalidInput(
                "thresholds",
                dict(given),
                f"{lower.label}分数线须低于{higher.label}分数线",
            )
    return dict(ordered)


def score_reason(
    score: Decimal,
    thresholds: Mapping[StandardizationLevel, Decimal],
    level: StandardizationLevel | None,
    source: ThresholdSource,
    regime: GradingRegime,
) -> Reason:
    """The reason stating which level the score reaches (得分达到的等级), or that it reaches none.

    >>> from datetime import date
    >>> from safetyrules.scoring.grading_data import grading_regime
    >>> regime = grading_regime(date(2024, 6, 1))
    >>> thresholds, source, _ = applicable_thresholds(None, regime)
    >>> print(score_reason(Decimal("85"), thresholds, StandardizationLevel.SECOND, source, regime).message)
    得分85分，达到二级分数线75分
    >>> print(score_reason(Decimal("55"), thresholds, None, source, regime).message)
    得分55分，低于三级分数线60分，分数不够任何等级
    """
    if level is None:
        lowest = max(thresholds)
        message = f"得分{number_text(score)}分，低于{lowest.label}分数线{number_text(thresholds[lowest])}分，分数不够任何等级"
    else:
        message = (
            f"得分{number_text(score)}分，达到{level.label}分数线{number_text(thresholds[level])}分"
        )
    return Reason(
        rule=f"standardization.grading.{regime.id}.score_level",
        message=message,
        inputs={"score": score, "score_level": int(level) if level else None},
        confidence=Confidence.OFFICIAL,
    )
