"""Fines as a share of the previous year's income (2021 第九十六条, 第一百一十条; 2014 第九十三条)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from safetyrules.errors import InvalidInput
from safetyrules.penalties import income_share_fine


def test_other_managers_after_an_accident() -> None:
    # 2021 第九十六条: 导致发生生产安全事故的 … 处上一年年收入百分之二十以上百分之五十以下的罚款.
    # 15万元 × 20 % = 3万元; × 50 % = 7.5万元.
    f = income_share_fine(
        "other-managers-duties-not-performed",
        Decimal("150000"),
        occurred_on=date(2023, 5, 1),
        stage="导致发生生产安全事故",
    )
    assert (f.minimum, f.maximum, f.law) == (Decimal(30000), Decimal(75000), "work-safety-law-2021")


def test_the_2014_law_had_no_income_fine_for_managers() -> None:
    # 2014 第九十三条: the qualification was suspended or revoked, no fine (economiclaws.net/falv_149632).
    # An accident on 2021-07-02 decided on 2022-01-19: the 2014 version (no fine) is lighter.
    f = income_share_fine(
        "other-managers-duties-not-performed",
        200000,
        occurred_on=date(2021, 7, 2),
        decided_on=date(2022, 1, 19),
        stage="导致发生生产安全事故",
    )
    assert (f.law, f.minimum, f.maximum) == ("work-safety-law-2014", 0, 0)


def test_principal_who_fails_to_organise_rescue() -> None:
    # 2021 第一百一十条: 处上一年年收入百分之六十至百分之一百的罚款: 30万元 → 18万元 to 30万元.
    f = income_share_fine(
        "principal-accident-response-failed", 300000, occurred_on=date(2024, 1, 1)
    )
    assert (f.minimum, f.maximum) == (Decimal(180000), Decimal(300000))


def test_a_violation_without_an_income_fine_is_refused() -> None:
    with pytest.raises(InvalidInput):
        income_share_fine("warning-signs-missing", 100000, occurred_on=date(2024, 1, 1))
