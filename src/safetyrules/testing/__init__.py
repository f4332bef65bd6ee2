"""Hypothesis strategies for the library's public models (属性测试策略).

Users property-test their own integrations with these: every strategy generates valid values
by default; ``boundary=True`` concentrates values near legal thresholds, where mistakes live.
Requires hypothesis (``pip install "safetyrules[testing]"``). The first example of a session
reads the rule tables (catalogue, 行政区划, GB/T 4754), which can exceed hypothesis's default
200 ms deadline: use ``@settings(deadline=None)`` or a profile without a deadline.

>>> from hypothesis import given, settings
>>> from safetyrules.testing import usccs
>>> from safetyrules.identifiers import uscc
>>> @settings(deadline=None)
... @given(usccs())
... def test_every_generated_code_validates(code):
...     assert uscc.is_valid(code)
>>> test_every_generated_code_validates()
"""

from safetyrules.testing.strategies import (
    accident_records,
    citations,
    dates,
    enterprises,
    industry_codes,
    instrument_ids,
    item_results,
    jurisdiction_codes,
    provisions,
    risk_factors,
    risk_points,
    substance_inputs,
    usccs,
)

__all__ = [
    "accident_records",
    "citations",
    "dates",
    "enterprises",
    "industry_codes",
    "instrument_ids",
    "item_results",
    "jurisdiction_codes",
    "provisions",
    "risk_factors",
    "risk_points",
    "substance_inputs",
    "usccs",
]
