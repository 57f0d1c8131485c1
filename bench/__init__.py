"""Benchmarks for the atlas at national scale, run by hand (`python -m bench.run`), never by the test suite.

The suite decides pass/fail; the bench measures, and the machines it runs on are shared and noisy, so
it reports ratios against baselines measured in the same run (a bare FastAPI endpoint, Datasette)
rather than trusting absolute times.
"""
