"""Identifying and grading one unit (重大危险源辨识与分级, GB 18218-2018 第4章).

:func:`assess` takes the hazardous chemicals of one production or storage unit with their
quantities and returns S = Σ qᵢ/Qᵢ (formula 1), whether the unit is a major hazard
installation (S ≥ 1, the boundary included) and — when it is, and the population and every β
are known — R = α · Σ βᵢ·qᵢ/Qᵢ (formula 2) and the grade (一级 to 四级). Every step is a
reason with its citation and the confidence of the table row or clause it used.

S and R are exact: sums are taken as fractions, so 1/3 + 1/3 + 1/3 is 1 (see
:mod:`safetyrules.risk.major_hazard._numbers`).

>>> a = assess({"甲苯二异氰酸酯": 30, "丙烯醛": 10, "1,2-环氧丙烷": 5})
>>> a.s, a.is_major, a.kind.value
(Decimal('1.3'), True, '储存单元')
>>> a.grade is None
True
>>> b = assess({"二氧化硫": 200}, population=60, kind="production")
>>> b.alpha, b.r, b.grade, b.grade_label
(Decimal('1.5'), Decimal('30'), 3, '三级')
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

from pydantic import BaseModel, ConfigDict, Field

from safetyrules.checks import count, day
from safetyrules.errors import NotInForce
from safetyrules.law.catalogue import require_in_force
from safetyrules.law.citation import Citation
from safetyrules.law.confidence import Confidence
from safetyrules.law.reason import Explanation, Reason
from safetyrules.risk.major_hazard._numbers import exact_decimal, plain
from safetyrules.risk.major_hazard.grading import Beta, BetaSource, alpha_row, beta_of
from safetyrules.risk.major_hazard.identification import (
    MixtureRule,
    Resolution,
    UnitKind,
    resolve,
    rows_of,
)
from safetyrules.risk.major_hazard.lookup import MatchedBy
from safetyrules.risk.major_hazard.tables import gb18218_tables

# Formula (1), formula (2) and "grade only a major hazard installation": two exam keys and
# two public transcriptions agree; the unit split of 4.1.1 is stated in the standard's preface.
FORMULA_CONFIDENCE = Confidence.SECONDARY


class SubstanceLine(BaseModel):
    """One chemical of the unit as identified and graded (危险化学品辨识明细).

    ``quantity`` is q and ``critical_quantity`` Q, in tonnes; ``ratio`` is q/Q (exact, or
    rounded down at 28 significant digits when it repeats). ``table_name`` and ``table_row``
    name the table-1 row used, or are None when Q came from table 2 (``category``).
    ``beta`` and its source are filled only when the unit is graded.

    >>> line = assess({"液氯": 10}, population=0).lines[0]
    >>> line.table_name, line.matched_by.value, line.ratio, line.beta, line.beta_source.value
    ('氯', '别名', Decimal('2'), Decimal('4'), '表3 毒性气体')
    """

    model_config = ConfigDict(frozen=True)

    name: str = Field(description="输入的名称")
    table_name: str | None = Field(description="表1 中的名称（含限定条件）")
    table_row: int | None = Field(description="表1 行号")
    matched_by: MatchedBy
    category: str | None = Field(description="确定临界量所用的表2 危险性类别符号")
    symbols: tuple[str, ...] = Field(description="给出的表2 危险性类别符号")
    mixture_rule: MixtureRule | None = None
    quantity: Decimal = Field(description="实际存在量 q（吨）")
    critical_quantity: Decimal = Field(description="临界量 Q（吨）")
    ratio: Decimal = Field(description="q/Q")
    critical_quantity_citation: Citation
    beta: Decimal | None = Field(default=None, description="校正系数 β")
    beta_source: BetaSource | None = None
    beta_symbol: str | None = Field(default=None, description="查表4 所用的危险性类别符号")
    confidence: Confidence


class MajorHazardAssessment(BaseModel):
    """The identification and grading of one unit (重大危险源辨识与分级结果).

    ``s`` is Σ q/Q; ``is_major`` is ``s >= 1``. ``alpha``, ``r`` and ``grade`` (1 = 一级 …
    4 = 四级) are None unless the unit is major and graded; ``symbols_needed`` then lists the
    chemicals whose β needs a table-2 symbol. ``explanation`` holds every step.

    >>> a = assess({"氨": 10})
    >>> a.s, a.is_major, a.grade, a.symbols_needed
    (Decimal('1'), True, None, ())
    >>> print(a.explanation.reasons[-1].text())
    构成重大危险源，但未给出厂区边界向外扩展500m范围内常住人口数量，无法确定α，未计算R和级别。依据：...表5
    """

    model_config = ConfigDict(frozen=True)

    kind: UnitKind
    as_of: date | None = None
    lines: tuple[SubstanceLine, ...]
    s: Decimal = Field(description="S = Σ q/Q")
    is_major: bool = Field(description="是否构成重大危险源（S ≥ 1）")
    population: int | None = Field(default=None, description="厂区边界外500m内常住人口数量")
    alpha: Decimal | None = Field(default=None, description="暴露人员校正系数 α")
    r: Decimal | None = Field(default=None, description="R = α·Σ β·q/Q")
    grade: int | None = Field(default=None, ge=1, le=4, description="重大危险源级别（1 = 一级）")
    grade_label: str | None = Field(default=None, description="级别（一级…四级）")
    symbols_needed: tuple[str, ...] = Field(
        default=(), description="须给出表2 危险性类别才能确定 β 的危险化学品"
    )
    explanation: Explanation

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """The reasons in the order they were applied (辨识与分级依据).

        >>> [r.rule for r in assess({"氨": 10}).reasons][:3]
        ['risk.major_hazard.unit', 'risk.major_hazard.critical_quantity', 'risk.major_hazard.s']
        """
        return self.explanation.reasons

    @property
    def confidence(self) -> Confidence:
        """The least certain confidence among the steps (整体可信度).

        >>> assess({"氨": 12}, population=60).confidence.value
        'secondary'
        """
        return Confidence.weakest([r.confidence for r in self.reasons])


def assess(
    substances: object,
    *,
    population: int | None = None,
    kind: UnitKind | str = UnitKind.STORAGE,
    as_of: date | None = None,
) -> MajorHazardAssessment:
    """Identify and grade one unit (重大危险源辨识与分级, GB 18218-2018).

    ``substances`` maps a name, alias or CAS number to q in tonnes (int, Decimal or decimal
    string; floats refused), or is a list of :class:`SubstanceInput` rows (or dicts of their
    fields) for qualifiers, hazard symbols and mixtures. ``population`` is the resident
    population within 500 m outside the plant boundary (needed for α). ``kind`` labels the
    unit: ``"storage"`` (储存单元) or ``"production"`` (生产单元). ``as_of`` is the date the
    assessment is about; None means the rules in force now (the 2018 edition).

    >>> assess({"乙醇": 200, "汽油": 100, "乙醚": 1}).s
    Decimal('1')
    >>> a = assess([{"name": "汽油", "quantity": 300}], population=10)
    >>> a.is_major, a.r, a.symbols_needed
    (True, None, ('汽油',))
    >>> assess({"氨": 10}, as_of=date(2018, 12, 31))
    Traceback (most recent call last):
    ...
    safetyrules.errors.NotInForce: gb-18218-2018 于 2018-12-31 不在有效期内: GB 18218-2018 自 2019-03-01 起施行；本库未收录 GB 18218-2009 的临界量和方法，不能评价更早的日期
    """
    chosen_kind = UnitKind.parse(kind)
    if as_of is not None:
        _in_force(day("as_of", as_of))
    people = None if population is None else count("population", population)
    resolutions = [resolve(row, label) for row, label in rows_of(substances)]
    total = sum((r.ratio for r in resolutions), Fraction(0))
    s = exact_decimal(total)
    is_major = total >= 1
    reasons = [_unit_reason(chosen_kind)]
    reasons += [r.reason for r in resolutions]
    reasons.append(_s_reason(resolutions, s, is_major))
    betas: list[Beta | None] = [None] * len(resolutions)
    alpha = r_value = None
    grade = grade_label = None
    needed: tuple[str, ...] = ()
    if not is_major:
        reasons.append(
            Reason(
                rule="risk.major_hazard.grade",
                message="S < 1，不构成重大危险源，不分级",
                citation=gb18218_tables().citation("第4.3条"),
                confidence=FORMULA_CONFIDENCE,
            )
        )
    else:
        betas = [beta_of(r) for r in resolutions]
        reasons += [b.reason for b in betas if b is not None]
        needed = tuple(r.row.name for r, b in zip(resolutions, betas, strict=True) if b is None)
        if needed:
            reasons.append(
                Reason(
                    rule="risk.major_hazard.beta",
                    message=(
                        f"{'、'.join(needed)} 不是表3 所列毒性气体，又未给出表2危险性类别，"
                        "无法按表4确定β，未计算R和级别；请给出其危险性类别符号（symbols）"
                    ),
                    citation=gb18218_tables().citation("表4"),
                    inputs={"symbols_needed": "、".join(needed)},
                    confidence=FORMULA_CONFIDENCE,
                )
            )
        if people is None:
            reasons.append(
                Reason(
                    rule="risk.major_hazard.alpha",
                    message=(
                        "构成重大危险源，但未给出厂区边界向外扩展500m范围内常住人口数量，"
                        "无法确定α，未计算R和级别"
                    ),
                    citation=gb18218_tables().citation("表5"),
                    confidence=FORMULA_CONFIDENCE,
                )
            )
        else:
            row = alpha_row(people)
            alpha = row.value
            reasons.append(
                Reason(
                    rule="risk.major_hazard.alpha",
                    message=(
                        f"厂区边界向外扩展500m范围内常住人口 {people} 人，"
                        f"属“{row.label}”一档，α = {plain(row.value)}"
                    ),
                    citation=row.citation,
                    inputs={"population": people, "alpha": row.value},
                    confidence=row.confidence,
                )
            )
        if people is not None and not needed:
            known = [b for b in betas if b is not None]
            weighted = sum(
                (Fraction(b.value) * r.ratio for r, b in zip(resolutions, known, strict=True)),
                Fraction(0),
            )
            assert alpha is not None
            exact_r = Fraction(alpha) * weighted
            r_value = exact_decimal(exact_r)
            graded = gb18218_tables().grades.value_for(r_value)
            grade, grade_label = graded.grade, graded.label
            reasons.append(_r_reason(resolutions, known, alpha, r_value))
            band = gb18218_tables().grades.band_for(r_value)
            reasons.append(
                Reason(
                    rule="risk.major_hazard.grade",
                    message=f"R = {plain(r_value)}，{_band_text(band.lower, band.upper)}，为{graded.label}重大危险源",
                    citation=graded.citation,
                    inputs={"R": r_value, "grade": graded.grade},
                    confidence=graded.confidence,
                )
            )
    lines = tuple(_line(r, b) for r, b in zip(resolutions, betas, strict=True))
    return MajorHazardAssessment(
        kind=chosen_kind,
        as_of=as_of,
        lines=lines,
        s=s,
        is_major=is_major,
        population=people,
        alpha=alpha,
        r=r_value,
        grade=grade,
        grade_label=grade_label,
        symbols_needed=needed,
        explanation=Explanation(reasons=tuple(reasons)),
    )


def _in_force(on: date) -> None:
    t = gb18218_tables()
    try:
        require_in_force(t.instrument, on)
    except NotInForce as error:
        if on < t.effective_from:
            raise NotInForce(
                t.instrument,
                on,
                f"GB 18218-2018 自 {t.effective_from.isoformat()} 起施行；"
                "本库未收录 GB 18218-2009 的临界量和方法，不能评价更早的日期",
            ) from error
        raise


def _unit_reason(kind: UnitKind) -> Reason:
    return Reason(
        rule="risk.major_hazard.unit",
        message=f"按{kind.value}辨识（生产单元、储存单元分别辨识）",
        citation=gb18218_tables().citation("第4.1.1条"),
        inputs={"kind": kind.value},
        confidence=FORMULA_CONFIDENCE,
    )


def _s_reason(resolutions: list[Resolution], s: Decimal, is_major: bool) -> Reason:
    terms = " + ".join(f"{plain(r.row.quantity)}/{plain(r.critical_quantity)}" for r in resolutions)
    verdict = "S ≥ 1，构成重大危险源" if is_major else "S < 1，不构成重大危险源"
    return Reason(
        rule="risk.major_hazard.s",
        message=f"S = Σ q/Q = {terms} = {plain(s)}，{verdict}",
        citation=gb18218_tables().citation("第4.2.1条"),
        inputs={"S": s, "is_major": is_major},
        confidence=FORMULA_CONFIDENCE,
    )


def _r_reason(
    resolutions: list[Resolution], betas: list[Beta], alpha: Decimal, r: Decimal
) -> Reason:
    terms = " + ".join(
        f"{plain(b.value)} × {plain(res.row.quantity)}/{plain(res.critical_quantity)}"
        for res, b in zip(resolutions, betas, strict=True)
    )
    return Reason(
        rule="risk.major_hazard.r",
        message=f"R = α × Σ β·q/Q = {plain(alpha)} × ({terms}) = {plain(r)}",
        citation=gb18218_tables().citation("第4.3条"),
        inputs={"alpha": alpha, "R": r},
        confidence=FORMULA_CONFIDENCE,
    )


def _band_text(lower: Decimal | None, upper: Decimal | None) -> str:
    if lower is None and upper is not None:
        return f"R < {plain(upper)}"
    if upper is None and lower is not None:
        return f"R ≥ {plain(lower)}"
    assert lower is not None
    assert upper is not None
    return f"{plain(upper)} > R ≥ {plain(lower)}"


def _line(resolution: Resolution, beta: Beta | None) -> SubstanceLine:
    chemical = resolution.chemical
    confidences = [resolution.reason.confidence]
    if beta is not None:
        confidences.append(beta.confidence)
    return SubstanceLine(
        name=resolution.row.name,
        table_name=resolution.table_name,
        table_row=chemical.number if chemical is not None else None,
        matched_by=resolution.matched_by,
        category=resolution.category.symbol if resolution.category is not None else None,
        symbols=resolution.row.symbols,
        mixture_rule=resolution.mixture_rule,
        quantity=resolution.row.quantity,
        critical_quantity=resolution.critical_quantity,
        ratio=exact_decimal(resolution.ratio),
        critical_quantity_citation=resolution.source,
        beta=beta.value if beta is not None else None,
        beta_source=beta.source if beta is not None else None,
        beta_symbol=beta.symbol if beta is not None else None,
        confidence=Confidence.weakest(confidences),
    )
