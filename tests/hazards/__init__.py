"""Tests of safetyrules.hazards (事故隐患排查治理)."""
