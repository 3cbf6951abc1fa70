"""`chatbot.chroma_import`: chromadb imported without overrides' signature checks, the
OTLP gRPC exporter and httpx's CLI, and each put back or importable afterwards (checked in
a fresh interpreter: the test process may have chromadb already)."""

import json
import subprocess
import sys

import pytest

from chatbot.chroma_import import lazy_exporter, mark_override

PROBE = r"""
import importlib, json, sys
import overrides
before = overrides.override
from chatbot.chroma_import import OTLP_EXPORTER, import_chromadb
chromadb = import_chromadb()
import chromadb.telemetry.opentelemetry as otel
out = {
    "override restored": overrides.override is before,
    "exporter module left out": OTLP_EXPORTER not in sys.modules,
    "httpx cli left out": "httpx._main" not in sys.modules and "httpx" in sys.modules,
    "grpc not imported": "grpc" not in sys.modules,
}
importlib.import_module("httpx._main")  # not blocked after the import
out["httpx cli importable after"] = sys.modules.get("httpx._main") is not None
real = importlib.import_module(OTLP_EXPORTER).OTLPSpanExporter
out["stand-in makes the real exporter"] = isinstance(otel.OTLPSpanExporter(endpoint="localhost:1"), real)
client = chromadb.EphemeralClient(settings=chromadb.config.Settings(anonymized_telemetry=False))
col = client.get_or_create_collection("probe", embedding_function=None)
col.add(ids=["a"], embeddings=[[0.1, 0.2]], documents=["x"])
out["a collection works"] = col.get(ids=["a"])["ids"] == ["a"]
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def probe() -> dict:
    r = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    return json.loads(r.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("check", [
    "override restored", "exporter module left out", "httpx cli left out", "grpc not imported",
    "httpx cli importable after", "stand-in makes the real exporter", "a collection works",
])
def test_import_chromadb_in_a_fresh_process(probe: dict, check: str) -> None:
    assert probe[check] is True


@pytest.mark.parametrize("use", ["bare", "with arguments"])
def test_mark_override_marks_and_returns_the_method(use: str) -> None:
    def method(self):
        return 1

    marked = mark_override(method) if use == "bare" else mark_override(check_signature=False)(method)
    assert marked is method
    assert method.__override__ is True


def test_lazy_exporter_imports_on_call() -> None:
    make = lazy_exporter("collections", "OrderedDict")
    assert make.__name__ == "OrderedDict"
    assert make([("a", 1)]) == {"a": 1}
