"""Test configuration: hypothesis profiles (``ci`` is selected by HYPOTHESIS_PROFILE=ci)."""

import os

from hypothesis import settings

settings.register_profile("ci", max_examples=300, derandomize=True, deadline=None)
settings.register_profile("dev", max_examples=100, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
