"""Loads the shared fixtures (tests/support.py) and marks the slow tests.

The fast tier (`scripts/test.sh --fast`, `-m "not slow and not browser and not server"`)
leaves out every test marked slow here or in its module."""

from __future__ import annotations

import os

import pytest

# the engine in the test process runs as in `chatbot serve` (cli.py sets the same before
# the runtime loads): with spinning runtime threads a busy machine slows each question
# several-fold and the load test's in-process engine rate means nothing
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

pytest_plugins = ["support"]  # not "fixtures": pytest has a built-in plugin of that name

# modules whose tests start the CLI in subprocesses, run the whole question set, load a
# second model or the web app, or load the index under concurrency: each takes from
# several seconds to minutes (single slow tests elsewhere carry @pytest.mark.slow)
SLOW_MODULES = {
    "test_chroma_server", "test_crash_safety", "test_evaluation", "test_ingest", "test_load",
    "test_lookalikes", "test_quality_gate", "test_robustness", "test_web",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.module is not None and item.module.__name__ in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)
