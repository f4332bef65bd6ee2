"""The strategies themselves; see :mod:`safetyrules.testing`."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from hypothesis import strategies as st

from safetyrules.accidents.record import AccidentRecord
from safetyrules.classification.industry import IndustryLevel, all_industries
from safetyrules.enterprise import Enterprise, EnterpriseFlag
from safetyrules.identifiers import organization_code, uscc
from safetyrules.law.catalogue import catalogue
from safetyrules.law.citation import Citation
from safetyrules.law.jurisdiction import NATION_CODE, Level, all_jurisdictions
from safetyrules.law.provision import Provision

if TYPE_CHECKING:
    from safetyrules.risk.major_hazard import SubstanceInput
    from safetyrules.risk.register import RiskPoint
    from safetyrules.scoring.score import ItemResult
    from safetyrules.scoring.standard import ScoringStandard

_SMALL = st.integers(min_value=1, max_value=30)


def provisions() -> st.SearchStrategy[Provision]:
    """Provisions (条款): statutory 条/款/项/目 paths and standards' clause numbers.

    >>> from hypothesis import find
    >>> find(provisions(), lambda p: p.item is not None).item
    1
    """
    statutory = st.builds(
        Provision,
        article=st.integers(min_value=1, max_value=300),
        article_suffix=st.none() | st.integers(min_value=1, max_value=3),
        paragraph=st.none() | st.integers(min_value=1, max_value=6),
        item=st.none() | _SMALL,
    ).flatmap(
        lambda p: (
            st.just(p)
            if p.item is None
            else st.builds(lambda n: p.model_copy(update={"sub_item": n}), st.none() | _SMALL)
        )
    )
    numbers = st.lists(st.integers(min_value=1, max_value=20), min_size=1, max_size=4)
    clauses = (
        numbers.map(lambda parts: ".".join(map(str, parts)))
        | st.integers(min_value=1, max_value=20).map(lambda n: f"第{n}章")
        | st.integers(min_value=1, max_value=20).map(lambda n: f"表{n}")
        | st.sampled_from("ABCDEFG").map(lambda letter: f"附录{letter}")
        | st.integers(min_value=1, max_value=9).map(lambda n: f"附件{n}")
        | st.sampled_from(["附表", "附表1", "附表2"])
    )
    return statutory | st.builds(Provision, clause=clauses)


def instrument_ids() -> st.SearchStrategy[str]:
    """Ids of instruments in the catalogue (法律文件目录中的 id).

    >>> from hypothesis import find
    >>> find(instrument_ids(), lambda i: i.startswith("work-safety-law"))
    'work-safety-law-2002'
    """
    return st.sampled_from(sorted(i.id for i in catalogue()))


def citations() -> st.SearchStrategy[Citation]:
    """Citations (法律依据) to catalogue instruments, with or without a provision.

    >>> from hypothesis import given, settings
    >>> from safetyrules.law.catalogue import instrument
    >>> @settings(max_examples=20, deadline=None)
    ... @given(citations())
    ... def test_citation_text_names_the_instrument(cite):
    ...     assert cite.text.startswith(instrument(cite.instrument).label)
    >>> test_citation_text_names_the_instrument()
    """
    return st.builds(Citation, instrument=instrument_ids(), provision=st.none() | provisions())


def jurisdiction_codes(level: Level | None = None) -> st.SearchStrategy[str]:
    """Known 行政区划 codes, optionally of one level (province, prefecture, county).

    >>> from hypothesis import find
    >>> find(jurisdiction_codes(Level.COUNTY), lambda code: code.startswith("3304"))
    '330402'
    """
    codes = sorted(j.code for j in all_jurisdictions() if level is None or j.level is level)
    return st.sampled_from(codes)


def industry_codes(level: IndustryLevel = IndustryLevel.CLASS) -> st.SearchStrategy[str]:
    """GB/T 4754-2017 codes (国民经济行业分类代码) of one level (default 小类, the most specific).

    >>> from hypothesis import find
    >>> find(industry_codes(), lambda code: code.startswith("14"))
    '1411'
    >>> find(industry_codes(IndustryLevel.DIVISION), lambda code: True)
    '01'
    """
    return st.sampled_from(sorted(i.code for i in all_industries() if i.level is level))


def dates(
    min_value: date = date(2000, 1, 1), max_value: date = date(2030, 12, 31)
) -> st.SearchStrategy[date]:
    """Dates for as-of evaluation (评价基准日); pass the bounds of the rules under test.

    >>> from hypothesis import given, settings
    >>> from safetyrules.law.catalogue import require_in_force
    >>> @settings(max_examples=20, deadline=None)
    ... @given(dates(min_value=date(2021, 9, 1)))
    ... def test_the_2021_law_applies(on):
    ...     assert require_in_force("work-safety-law-2021", on).edition == "2021年修正"
    >>> test_the_2021_law_applies()
    """
    return st.dates(min_value=min_value, max_value=max_value)


# Characters of the organisation-code body that the USCC alphabet also allows.
_ORG_ALPHABET = uscc.ALPHABET


@st.composite
def usccs(draw: st.DrawFn) -> str:
    """Valid 统一社会信用代码 (GB 32100-2015), letter-first codes (N2…, Y1…) included.

    >>> from hypothesis import given, settings
    >>> from safetyrules.law.jurisdiction import is_known
    >>> @settings(max_examples=20, deadline=None)
    ... @given(usccs())
    ... def test_codes_validate(code):
    ...     assert uscc.is_valid(code) and is_known(code[2:8])
    >>> test_codes_validate()
    """
    pairs = [
        authority.code + category
        for authority in uscc.REGISTRATION_AUTHORITIES.values()
        for category in authority.categories
    ]
    prefix = draw(st.sampled_from(sorted(pairs)))
    region = draw(jurisdiction_codes().filter(lambda code: code != NATION_CODE))
    body = draw(st.text(_ORG_ALPHABET, min_size=8, max_size=8))
    partial = prefix + region + body + organization_code.calc_check_digit(body)
    return partial + uscc.calc_check_digit(partial)


def _yuan(boundary: bool) -> st.SearchStrategy[Decimal]:
    if not boundary:
        return st.decimals(min_value=0, max_value=10**11, places=2)
    # 万元 thresholds of 统计上大中小微型企业划分办法（2017） lie between 50 and 200000 万元;
    # these values sit on and next to round thresholds.
    thresholds = [50, 100, 300, 500, 1000, 2000, 5000, 10000, 20000, 40000, 80000, 120000]
    return st.sampled_from(thresholds).flatmap(
        lambda wan: st.sampled_from(
            [Decimal(wan * 10000) + delta for delta in (Decimal("-0.01"), 0, Decimal("0.01"))]
        )
    )


def _headcount(boundary: bool) -> st.SearchStrategy[int]:
    if not boundary:
        return st.integers(min_value=0, max_value=200000)
    thresholds = [5, 8, 10, 20, 50, 100, 200, 300, 1000, 2000]
    return st.sampled_from(thresholds).flatmap(lambda n: st.sampled_from([n - 1, n, n + 1]))


def enterprises(*, boundary: bool = False) -> st.SearchStrategy[Enterprise]:
    """Valid :class:`~safetyrules.enterprise.Enterprise` values (生产经营单位).

    With ``boundary=True``, headcount and money sit on and next to the size thresholds
    (企业规模划型标准).

    >>> from hypothesis import given, settings
    >>> from safetyrules.law.jurisdiction import jurisdiction
    >>> @settings(max_examples=20, deadline=None)
    ... @given(enterprises(boundary=True))
    ... def test_enterprises_are_in_a_county(e):
    ...     assert jurisdiction(e.jurisdiction).level is Level.COUNTY
    >>> test_enterprises_are_in_a_county()
    """
    return st.builds(
        Enterprise,
        name=st.text(min_size=1, max_size=30).map(str.strip).filter(bool),
        uscc=usccs(),
        industry=industry_codes(),
        jurisdiction=jurisdiction_codes(Level.COUNTY),
        employees=st.none() | _headcount(boundary),
        revenue=st.none() | _yuan(boundary),
        assets=st.none() | _yuan(boundary),
        flags=st.frozensets(st.sampled_from(list(EnterpriseFlag))),
    )


# Accident, risk and standardization models. Their rule tables load on first use.


def accident_records(*, boundary: bool = False) -> st.SearchStrategy[AccidentRecord]:
    """Valid :class:`~safetyrules.accidents.AccidentRecord` values (生产安全事故记录).

    With ``boundary=True``, deaths, injuries and losses sit on and next to the grade thresholds
    of 国务院令第493号第三条 (3/10/30 deaths, 10/50/100 injuries, 1000万/5000万/1亿元).

    >>> from hypothesis import find
    >>> find(accident_records(boundary=True), lambda r: r.deaths == 29).classify().grade
    <AccidentGrade.MAJOR: '重大事故'>
    >>> find(accident_records(boundary=True), lambda r: r.deaths == 30).classify().grade
    <AccidentGrade.ESPECIALLY_MAJOR: '特别重大事故'>
    """
    if boundary:
        deaths = st.sampled_from([0, 2, 3, 9, 10, 29, 30])
        injuries = st.sampled_from([0, 9, 10, 49, 50, 99, 100])
        loss = st.sampled_from(
            [
                Decimal(n)
                for n in (0, 9_999_999, 10_000_000, 49_999_999, 50_000_000, 99_999_999, 100_000_000)
            ]
        )
    else:
        deaths = st.integers(min_value=0, max_value=40)
        injuries = st.integers(min_value=0, max_value=120)
        loss = st.decimals(min_value=0, max_value=2 * 10**8, places=2)
    return st.builds(
        AccidentRecord,
        occurred_on=dates(min_value=date(2008, 1, 1), max_value=date(2026, 6, 30)),
        summary=st.sampled_from(["机械伤害", "高处坠落", "中毒和窒息", "火灾"]),
        deaths=deaths,
        serious_injuries=injuries,
        direct_economic_loss=loss,
    )


def risk_factors(method_name: str) -> st.SearchStrategy[dict[str, Decimal]]:
    """Factor values a method accepts (评价因素取值), e.g. ``{"L": 3, "E": 6, "C": 7}`` for LEC.

    >>> from hypothesis import find
    >>> from safetyrules.risk import assess
    >>> lowest = find(risk_factors("LEC"), lambda factors: True)
    >>> lowest
    {'L': Decimal('0.1'), 'E': Decimal('0.5'), 'C': Decimal('1')}
    >>> assess("LEC", lowest).level
    <RiskLevel.LOW: '低风险'>
    """
    from safetyrules.risk.methods import method

    chosen = method(method_name)
    return st.fixed_dictionaries({f.symbol: st.sampled_from(f.allowed) for f in chosen.factors})


@st.composite
def risk_points(draw: st.DrawFn) -> RiskPoint:
    """Valid :class:`~safetyrules.risk.RiskPoint` values (风险点) for any method.

    >>> from hypothesis import given, settings
    >>> from safetyrules.risk import grade_register
    >>> @settings(max_examples=20, deadline=None)
    ... @given(risk_points())
    ... def test_points_grade(point):
    ...     assert grade_register([point]).rows[0].point == point
    >>> test_points_grade()
    """
    from safetyrules.risk.register import RiskPoint, RiskPointKind

    method_name = draw(st.sampled_from(["LEC", "LS", "MES"]))
    return RiskPoint(
        id=draw(st.from_regex(r"R[0-9]{1,4}", fullmatch=True)),
        name=draw(st.sampled_from(["液氨制冷机房", "叉车作业", "配电室", "有限空间作业"])),
        kind=draw(st.sampled_from(list(RiskPointKind))),
        method=method_name,
        factors=draw(risk_factors(method_name)),
        accident_types=tuple(draw(st.lists(st.sampled_from(["03", "05", "19"]), max_size=2))),
    )


def substance_inputs(max_size: int = 4) -> st.SearchStrategy[list[SubstanceInput]]:
    """Chemicals of GB 18218-2018 table 1 with quantities in tonnes (危险化学品及其实际存在量).

    Only rows that a bare name identifies are drawn, so the lists assess without a qualifier.

    >>> from hypothesis import given, settings
    >>> from safetyrules.risk.major_hazard import assess
    >>> @settings(max_examples=20, deadline=None)
    ... @given(substance_inputs())
    ... def test_rows_assess(rows):
    ...     assert assess(rows).s >= 0
    >>> test_rows_assess()
    """
    from safetyrules.risk.major_hazard import SubstanceInput, gb18218_tables

    names = sorted(
        {c.name for c in gb18218_tables().chemicals}
        - {c.name for c in gb18218_tables().chemicals if c.qualifier}
    )
    row = st.builds(
        SubstanceInput,
        name=st.sampled_from(names),
        quantity=st.decimals(min_value=0, max_value=1000, places=3),
    )
    return st.lists(row, min_size=1, max_size=max_size, unique_by=lambda s: s.name)


@st.composite
def item_results(draw: st.DrawFn, standard: ScoringStandard) -> list[ItemResult]:
    """One valid self-assessment result per item of a standard (评分项自评结果): compliant,
    deducted within each rule's limits, or 缺项 with a reason — never all 缺项.

    >>> from hypothesis import given, settings
    >>> from safetyrules.scoring import load_standard, score
    >>> general = load_standard("general-gbt-33000-2016")
    >>> @settings(max_examples=10, deadline=None)
    ... @given(item_results(general))
    ... def test_results_score(results):
    ...     assert 0 <= score(general, results).score <= 100
    >>> test_results_score()
    """
    from safetyrules.scoring.score import Deduction, ItemResult
    from safetyrules.scoring.standard import DeductionKind

    results = []
    for item in standard.items:
        choice = draw(st.sampled_from(["compliant", "deducted", "not_applicable"]))
        if choice == "not_applicable":
            results.append(ItemResult(item=item.id, not_applicable=True, reason="不涉及"))
            continue
        deductions = []
        if choice == "deducted":
            rule = draw(st.sampled_from(item.deductions))
            limit = {DeductionKind.ALL: 1, DeductionKind.PER_OCCURRENCE: 5}.get(
                rule.kind, rule.parts
            )
            deductions.append(Deduction(rule=rule.id, count=draw(st.integers(1, limit or 1))))
        results.append(ItemResult(item=item.id, deductions=tuple(deductions)))
    if all(r.not_applicable for r in results):
        results[0] = ItemResult(item=results[0].item)
    return results
