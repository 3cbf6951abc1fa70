"""`import chromadb` without the start-up work this project never uses.

In a fresh process (a `chatbot ingest` of one article) importing chromadb is ~0.8 s of
pure Python on the serial path; three parts of it do nothing for an embedded or HTTP
client that is handed its vectors (benchmarks/README.md, session 10):

- `overrides`: chromadb decorates ~160 methods with `@override`, which compares each
  signature with its base class's at class creation (inspect and typing, a development
  aid). While chromadb is imported the decorator only marks the method (`__override__`,
  what `EnforceOverrides` looks for); it is put back right after.
- the OpenTelemetry OTLP gRPC span exporter (grpc, protobuf): chromadb's telemetry
  module imports it at start-up and calls it only when `chroma_otel_collection_endpoint`
  is set. A stand-in imports the real one on first call.
- httpx's command-line tool (`httpx._main`: rich, pygments, click), imported by httpx
  when present; httpx falls back to a stub `main` when it cannot be imported.

A process that has chromadb already gets it as it is; each part is skipped where the
package looks different from what it expects (then chromadb is imported plainly)."""

from __future__ import annotations

import importlib
import importlib.util
import sys
import threading
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

OTLP_EXPORTER = "opentelemetry.exporter.otlp.proto.grpc.trace_exporter"
HTTPX_CLI = "httpx._main"

_LOCK = threading.Lock()


def import_chromadb() -> types.ModuleType:
    """The chromadb package, imported once without the parts above."""
    if "chromadb" in sys.modules:
        return sys.modules["chromadb"]
    with _LOCK:
        if "chromadb" not in sys.modules:
            with _mark_only_overrides(), _exporter_on_first_use(), _without(HTTPX_CLI, "httpx"):
                importlib.import_module("chromadb")
    return sys.modules["chromadb"]


def mark_override(method: Callable | None = None, **_: Any) -> Any:
    """`overrides.override` without its signature check: marks the method, as it does."""
    if method is None:  # used as @override(check_signature=...)
        return mark_override
    method.__override__ = True  # type: ignore[attr-defined]
    return method


@contextmanager
def _mark_only_overrides() -> Iterator[None]:
    try:
        import overrides
    except ImportError:
        yield
        return
    names = [n for n in ("override", "overrides") if callable(getattr(overrides, n, None))]
    saved = {n: getattr(overrides, n) for n in names}
    for n in names:
        setattr(overrides, n, mark_override)
    try:
        yield
    finally:
        for n, f in saved.items():
            setattr(overrides, n, f)


def lazy_exporter(module: str, name: str) -> Callable:
    """A stand-in for `module.name` that imports the real class when first called."""

    def make(*args: Any, **kwargs: Any) -> Any:
        return getattr(importlib.import_module(module), name)(*args, **kwargs)

    make.__name__ = make.__qualname__ = name
    return make


@contextmanager
def _exporter_on_first_use() -> Iterator[None]:
    if OTLP_EXPORTER in sys.modules or importlib.util.find_spec("opentelemetry") is None:
        yield
        return
    stand_in = types.ModuleType(OTLP_EXPORTER)
    stand_in.OTLPSpanExporter = lazy_exporter(OTLP_EXPORTER, "OTLPSpanExporter")  # type: ignore[attr-defined]
    sys.modules[OTLP_EXPORTER] = stand_in
    try:
        yield
    finally:
        if sys.modules.get(OTLP_EXPORTER) is stand_in:  # the real module is imported on first call
            del sys.modules[OTLP_EXPORTER]


@contextmanager
def _without(module: str, unless_imported: str) -> Iterator[None]:
    """`module` cannot be imported for a while (None in sys.modules: an ImportError),
    unless `unless_imported` is imported already (then it has `module` or went without)."""
    if unless_imported in sys.modules or module in sys.modules:
        yield
        return
    sys.modules[module] = None  # type: ignore[assignment]
    try:
        yield
    finally:
        if module in sys.modules and sys.modules[module] is None:
            del sys.modules[module]
