"""Sections "questions" and "10k": every question on the bundled index and on the
cached 10,000-chunk index, and adding one article to a copy of the latter."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from benchmarks.common import CACHE_10K, fmt, g, log, worker


def build_10k_status() -> dict:
    from benchmarks.build_10k import is_complete, paths

    info = is_complete()
    if info:
        return {"state": "cached", "path": str(CACHE_10K), **info}
    logf = CACHE_10K.parent / "10k.log"
    last = ""
    if logf.exists():
        lines = [x for x in logf.read_text(errors="replace").splitlines() if x.strip()]
        last = lines[-1] if lines else ""
    state = "missing"
    try:
        import psutil
    except ImportError:  # psutil is optional here: without it a running build is not seen
        return {"state": state, "path": str(paths()["store"]), "last_log": last, "note": "psutil not installed"}
    for p in psutil.process_iter(["cmdline", "status"]):
        if p.pid != os.getpid() and "benchmarks.build_10k" in " ".join(p.info["cmdline"] or []):
            state = "paused (process stopped)" if p.info["status"] == psutil.STATUS_STOPPED else "building"
    return {"state": state, "path": str(paths()["store"]), "last_log": last}


def bench_questions(tmp: Path, store: Path, quick: bool, label: str) -> dict:
    args = ["questions", "--store", str(store)]
    if quick:
        args += ["--limit", "20"]
    log(f"questions on {label} ({store})")
    return worker(args, tmp)


def bench_add_article(tmp: Path, store: Path = CACHE_10K / "store") -> dict:
    """A user adds one article to a large index (on a copy of it): how much of the
    time is embedding its few chunks, and how much is updating the keyword index."""
    from benchmarks.common import EXTRA

    files = sorted(EXTRA.glob("*.md")) if EXTRA.is_dir() else []
    if not files:
        return {"measured": False, "reason": f"no article in {EXTRA}"}
    copy = tmp / "index-copy"
    shutil.copytree(store, copy)
    log(f"adding one article ({files[0].name}) to a copy of {store}")
    r = worker(["ingest", "--store", str(copy), str(files[0]), *(["--then", str(files[1])] if len(files) > 1 else [])], tmp)
    shutil.rmtree(copy, ignore_errors=True)
    r["article"] = files[0].name
    r["overhead_s"] = round(r["seconds"] - r["embed_documents_s"] - r["keyword_rebuild_s"] - r["model_load_s"], 3)
    return r


def rows(r: dict) -> list[tuple[str, str, str]]:
    """Table rows of the question sections (bundled and 10k)."""
    rows: list[tuple[str, str, str]] = []
    for key, label in (("questions_bundled", "bundled"), ("questions_10k", "10k chunks")):
        q = r.get(key)
        if not q or "answer_ms" not in q:
            continue
        rows += [
            (f"questions ({label})", "index chunks / questions", f"{q.get('store_chunks')} / {q.get('questions')}"),
            (f"questions ({label})", "retrieval p50 / p95", f"{fmt(g(q, 'retrieve_ms', 'p50'), 'ms')} / {fmt(g(q, 'retrieve_ms', 'p95'), 'ms')}"),
            (f"questions ({label})", "extractive answer p50 / p95", f"{fmt(g(q, 'answer_ms', 'p50'), 'ms')} / {fmt(g(q, 'answer_ms', 'p95'), 'ms')}"),
            (f"questions ({label})", "p50 parts: embed_query / dense / keyword / answer",
             " / ".join(fmt(g(q, "parts_ms", k, "p50"), "ms") for k in
                        ("retrieve.embed_query", "retrieve.dense", "retrieve.keyword", "ask.answer"))),
            (f"questions ({label})", "recall@5 hybrid / dense / keyword",
             " / ".join(fmt(g(q, "recall@5", m)) for m in ("hybrid", "dense", "keyword"))),
            (f"questions ({label})", "hit@5 hybrid / dense / keyword",
             " / ".join(fmt(g(q, "hit@5", m)) for m in ("hybrid", "dense", "keyword"))),
            (f"questions ({label})", "answer fact accuracy / expected facts inside a top-5 passage",
             f"{fmt(q.get('fact_accuracy'))} / {fmt(q.get('facts_in_top5'))} ({q.get('answerable_with_facts')} questions)"),
            (f"questions ({label})", "refusal accuracy (questions to refuse)", fmt(q.get("refusal_accuracy"))),
        ]
        if key == "questions_10k":
            rows.append((f"questions ({label})", "note",
                         "the synthetic passages recombine the corpus's own sentences, so they repeat its facts: "
                         "recall against the original document drops by construction; the fact rows are the measure"))
    cache = r.get("cache_10k")
    if cache:
        rows.append(("questions (10k chunks)", "10k index", f"{cache.get('state')}: {cache.get('path')}"
                 + (f" ({cache.get('last_log')})" if cache.get("last_log") else "")))
    ad = r.get("add_article_10k")
    if ad and "seconds" in ad:
        rows.append(("questions (10k chunks)", f"add 1 article ({ad.get('chunks_embedded')} chunks) to the 10k index",
                     f"{fmt(ad.get('seconds'), 's')}: embedding {fmt(ad.get('embed_documents_s'), 's')}, keyword "
                     f"rebuild {fmt(ad.get('keyword_rebuild_s'), 's')}, model load {fmt(ad.get('model_load_s'), 's')}, "
                     f"rest {fmt(ad.get('overhead_s'), 's')}"))
    return rows
