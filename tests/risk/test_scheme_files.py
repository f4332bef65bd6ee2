"""Scheme files round-trip: what schemes_to_toml writes, read_schemes reads back unchanged."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safetyrules.risk import RiskLevel, method, read_schemes, schemes, schemes_to_toml


def _round_trip(text: str, tmp_path: Path) -> object:
    path = tmp_path / "schemes.toml"
    path.write_text(text, encoding="utf-8")
    return read_schemes(path)


def test_every_shipped_scheme_round_trips(tmp_path: Path) -> None:
    shipped = schemes()
    assert _round_trip(schemes_to_toml(shipped), tmp_path) == shipped


@st.composite
def ls_scheme_files(draw: st.DrawFn) -> str:
    """A user's LS scheme: three cut points among the reachable scores, random inclusivity."""
    reachable = [int(s) for s in method("LS").reachable_scores()]
    cuts = sorted(draw(st.sets(st.sampled_from(reachable[1:-1]), min_size=3, max_size=3)))
    bounds = [1, *cuts, 25]
    closes = [draw(st.booleans()) for _ in cuts]  # True: the lower band includes the cut
    levels = [RiskLevel.LOW, RiskLevel.GENERAL, RiskLevel.LARGE, RiskLevel.MAJOR]
    bands = []
    for index, level in enumerate(levels):
        opening = "[" if index == 0 or not closes[index - 1] else "("
        closing = "]" if index == 3 or closes[index] else ")"
        bands.append(
            f'  {{ range = "{opening}{bounds[index]}, {bounds[index + 1]}{closing}", '
            f'level = "{level.value}" }},'
        )
    return "\n".join(
        [
            "[[scheme]]",
            'id = "generated"',
            'method = "LS"',
            'name = "生成的方案"',
            'confidence = "unverified"',
            'sources = ["属性测试生成"]',
            "bands = [",
            *bands,
            "]",
        ]
    )


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ls_scheme_files())
def test_a_generated_scheme_round_trips(tmp_path: Path, text: str) -> None:
    first = _round_trip(text, tmp_path)
    assert _round_trip(schemes_to_toml(first), tmp_path) == first  # type: ignore[arg-type]
