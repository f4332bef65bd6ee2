"""The fast scalar path agrees with the explained one: every combination, every spelling,
every shipped scheme; bad values raise the scalar path's own error."""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safetyrules.errors import InvalidInput
from safetyrules.risk import assess, method, schemes
from safetyrules.risk.lookup import ScoredLevel, risk_table

SCHEMES = schemes()


def spell(value: Decimal, how: str) -> object:
    # How a caller may write a table value: as a Decimal, text, a float or an int.
    if how == "decimal":
        return value
    if how == "text":
        return format(value, "f")
    if how == "float":
        return float(value)
    return int(value) if value == value.to_integral_value() else float(value)


@pytest.mark.parametrize("chosen", SCHEMES, ids=lambda s: s.id)
def test_every_combination_of_every_scheme(chosen: object) -> None:
    table = risk_table(chosen.method, scheme_id=chosen.id)  # type: ignore[attr-defined]
    factors = method(chosen.method).factors  # type: ignore[attr-defined]
    symbols = [f.symbol for f in factors]
    for values in itertools.product(*(f.allowed for f in factors)):
        expected = assess(chosen.method, dict(zip(symbols, values, strict=True)), scheme=chosen)  # type: ignore[attr-defined]
        assert table(*values) == ScoredLevel.of(expected)


@given(
    data=st.data(),
    chosen=st.sampled_from(SCHEMES),
    how=st.sampled_from(["decimal", "text", "float", "native"]),
)
def test_any_spelling_gives_the_scalar_answer(
    data: st.DataObject, chosen: object, how: str
) -> None:
    factors = method(chosen.method).factors  # type: ignore[attr-defined]
    values = [data.draw(st.sampled_from(f.allowed)) for f in factors]
    table = risk_table(chosen.method, scheme_id=chosen.id)  # type: ignore[attr-defined]
    expected = assess(
        chosen.method,  # type: ignore[attr-defined]
        {f.symbol: v for f, v in zip(factors, values, strict=True)},
        scheme=chosen,  # type: ignore[arg-type]
    )
    assert table(*(spell(v, how) for v in values)) == ScoredLevel.of(expected)


@given(
    bad=st.one_of(
        st.sampled_from([True, False, float("nan"), "三", None, 7, -1, "0.30", [1]]),
        st.decimals(allow_nan=False, allow_infinity=False, places=2),
    )
)
def test_a_value_outside_the_table_raises_the_scalar_error(bad: object) -> None:
    table = risk_table("LS")
    message = None
    try:
        expected = ScoredLevel.of(assess("LS", {"L": bad, "S": 3}))
    except InvalidInput as error:
        message = error.message
    if message is None:
        assert table(bad, 3) == expected  # e.g. Decimal("3.00"): a table value, written long
    else:
        with pytest.raises(InvalidInput) as raised:
            table(bad, 3)
        assert raised.value.message == message


def test_hand_checked_rows() -> None:
    # LEC D = 3 × 6 × 7 = 126, in (70, 160]: 3级 一般风险 (the package's own example; bands of
    # the lec scheme). LS R = 4 × 5 = 20 ≥ 20: 重大风险 under ls-db37 (default).
    assert (risk_table("LEC")(3, 6, 7).score, risk_table("LEC")(3, 6, 7).grade) == (
        Decimal(126),
        "3级",
    )
    assert risk_table("LS")(4, 5).level.value == "重大风险"
    # A mapping with a factor missing is the scalar path's error.
    with pytest.raises(InvalidInput, match="缺少 S"):
        risk_table("LS").grade({"L": 4})
