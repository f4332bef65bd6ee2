"""Benchmarks of safetyrules against its peers (基准测试与同类比较).

Not part of the default test run: ``pytest`` collects ``tests`` and ``src/safetyrules`` only.
Run the suite and write the ratio table into ``docs/performance.md`` with::

    python -m benchmarks.report
"""
