"""Benchmark suite (not part of the pass/fail tests): `python -m benchmarks.run`."""
