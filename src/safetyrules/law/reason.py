"""Explanations (判定理由): every verdict carries the rules that produced it.

A :class:`Reason` records one rule that fired: its id, the citation, the inputs it used and a
Chinese sentence an auditor can paste into a report. An :class:`Explanation` is the ordered
list of reasons behind a result; it renders as text and serialises as data.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from safetyrules.law.citation import Citation
from safetyrules.law.confidence import Confidence

InputValue = str | int | Decimal | bool | date | None


class Reason(BaseModel):
    """One rule that fired, with its basis (判定理由).

    ``inputs`` keeps the values the rule used, for display and audit trails. JSON has no
    decimal or date type: a ``Decimal`` or ``date`` input is written as its text and read back
    as that text, so a result read from JSON shows the same inputs but compares unequal to the
    original. The JSON text itself round-trips unchanged.

    >>> r = Reason(
    ...     rule="accident.grade.deaths",
    ...     message="死亡3人，达到较大事故标准（3人以上10人以下）",
    ...     citation="《生产安全事故报告和调查处理条例》第三条第一款第（三）项",
    ...     inputs={"deaths": 3},
    ... )
    >>> print(r.text())
    死亡3人，达到较大事故标准（3人以上10人以下）。依据：《生产安全事故报告和调查处理条例》（国务院令第493号）第三条第一款第（三）项
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    rule: str
    message: str
    citation: Citation | None = None
    inputs: dict[str, InputValue] = {}
    confidence: Confidence = Confidence.OFFICIAL
    jurisdiction: str | None = None

    def text(self) -> str:
        """The reason as one Chinese sentence with its basis and, if unverified, a warning."""
        sentence = self.message.rstrip("。") + "。"
        if self.citation is not None:
            sentence += f"依据：{self.citation}"
        if self.confidence is Confidence.UNVERIFIED:
            sentence += "（注意：该依据未经官方文本核实）"
        return sentence


class Explanation(BaseModel):
    """The reasons behind a result, in the order they were applied (判定过程).

    >>> e = Explanation(reasons=(Reason(rule="a", message="第一步"), Reason(rule="b", message="第二步")))
    >>> print(e.text())
    1. 第一步。
    2. 第二步。
    >>> len(e), e.unverified
    (2, False)
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    reasons: tuple[Reason, ...] = ()

    def __iter__(self) -> Iterator[Reason]:  # type: ignore[override]
        return iter(self.reasons)

    def __len__(self) -> int:
        return len(self.reasons)

    @property
    def unverified(self) -> bool:
        """Whether any reason rests on an unverified fact."""
        return any(r.confidence is Confidence.UNVERIFIED for r in self.reasons)

    def text(self) -> str:
        """The reasons as numbered lines of Chinese text."""
        return "\n".join(f"{n}. {r.text()}" for n, r in enumerate(self.reasons, start=1))

    def _repr_html_(self) -> str:
        """The reasons as an HTML list for a notebook, each with its citation (笔记本显示).

        >>> e = Explanation(reasons=(Reason(rule="a", message="第一步"),))
        >>> "第一步" in e._repr_html_()
        True
        """
        from safetyrules.display import fragment

        return fragment(
            "判定理由",
            f"{len(self)}条理由" + ("（含未核实依据）" if self.unverified else ""),
            [(c.label, f"{sum(r.confidence is c for r in self)}条") for c in Confidence],
            self,
        )

    def _repr_markdown_(self) -> str:
        """The same content in Markdown (笔记本显示).

        >>> e = Explanation(reasons=(Reason(rule="a", message="第一步"),))
        >>> print(e._repr_markdown_().splitlines()[0])
        **判定理由：1条理由**
        """
        from safetyrules.display import markdown

        return markdown(self._repr_html_())
