"""Section "scale": a large benchmark index built by `python -m benchmarks.build_index`
(default var/bench-cache/100k/store, never built here): every question (latency and fact
accuracy), adding one article to a copy, and `chatbot serve`'s RSS on it."""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks.common import fmt, g, log
from benchmarks.sections import questions, serve


def bench_scale(tmp: Path, store: Path, quick: bool, serve_questions: int, api_name: str | None) -> dict:
    info_file = store / "bench-index.json"
    if not info_file.exists():
        return {"measured": False, "reason": f"no index at {store}: build it with "
                f"`python -m benchmarks.build_index --chunks 100000 --store {store}`"}
    res: dict = {"measured": True, "store": str(store), "index": json.loads(info_file.read_text(encoding="utf-8"))}
    res["questions"] = questions.bench_questions(tmp, store, quick, f"the {res['index']['chunks_total']}-chunk index")
    res["add_article"] = questions.bench_add_article(tmp, store)
    log("chatbot serve on the large index")
    res["serve"] = serve.bench_serve(tmp, store, 10 if quick else serve_questions, api_name)
    return res


def rows(r: dict) -> list[tuple[str, str, str]]:
    """Table rows of the scale section."""
    s = r.get("scale")
    if not s:
        return []
    if not s.get("measured"):
        return [("scale", "large index", s.get("reason", "not measured"))]
    ix, q, ad, sv = s["index"], s.get("questions", {}), s.get("add_article", {}), s.get("serve", {})
    label = f"scale ({ix.get('chunks_total')} chunks)"
    return [
        (label, "index: build time / size", f"{fmt(ix.get('seconds'), 's')} / {fmt((ix.get('store_bytes') or 0) / 2**20, 'MB')}"),
        (label, "index: vectors", ix.get("vectors", "")),
        (label, "question (extractive answer) p50 / p95: wall; process CPU (load)",
         f"{fmt(g(q, 'answer_ms', 'p50'), 'ms')} / {fmt(g(q, 'answer_ms', 'p95'), 'ms')}; "
         f"{fmt(g(q, 'answer_cpu_ms', 'p50'), 'ms')} / {fmt(g(q, 'answer_cpu_ms', 'p95'), 'ms')} ({_load(q)})"),
        (label, "warm-up / RSS after the questions", f"{fmt(q.get('warmup_s'), 's')} / {fmt(q.get('rss_mb'), 'MB')}"),
        (label, "retrieval p50 / p95", f"{fmt(g(q, 'retrieve_ms', 'p50'), 'ms')} / {fmt(g(q, 'retrieve_ms', 'p95'), 'ms')}"),
        (label, "p50 parts: embed_query / dense / keyword / answer",
         " / ".join(fmt(g(q, "parts_ms", k, "p50"), "ms") for k in
                    ("retrieve.embed_query", "retrieve.dense", "retrieve.keyword", "ask.answer"))),
        (label, "fact accuracy / refusal accuracy", f"{fmt(q.get('fact_accuracy'))} / {fmt(q.get('refusal_accuracy'))}"),
        (label, f"add 1 article ({ad.get('chunks_embedded')} chunks) to a copy: wall / CPU (load)",
         f"{fmt(ad.get('seconds'), 's')} / {fmt(ad.get('cpu_s'), 's')} ({_load(ad)}); whole process "
         f"{fmt(ad.get('process_s'), 's')} / {fmt(ad.get('process_cpu_s'), 's')}"),
        (label, "then 1 more article in the same (warm) process: wall / CPU",
         f"{fmt(g(ad, 'warm', 'seconds'), 's')} / {fmt(g(ad, 'warm', 'cpu_s'), 's')} "
         f"({g(ad, 'warm', 'chunks_embedded')} chunks)" if ad.get("warm") else "not measured"),
        (label, "add 1 article: parts wall / CPU",
         ", ".join(f"{k} {fmt(v.get('wall_s'), 's')} / {fmt(v.get('cpu_s'), 's')}" for k, v in (ad.get("parts") or {}).items())),
        (label, "`chatbot serve` RSS after start / after questions (peak)",
         f"{fmt(g(sv, 'rss_after_start', 'rss_mb'), 'MB')} / {fmt(g(sv, 'rss_after_questions', 'rss_mb'), 'MB')} "
         f"({fmt(g(sv, 'rss_after_questions', 'peak_rss_mb'), 'MB')})" if sv.get("measured") else sv.get("reason", "")),
    ]


def _load(r: dict) -> str:
    """The 1-minute load average before / after a measurement."""
    a, b = r.get("load_before"), r.get("load_after")
    return f"load {a[0]:.1f}-{b[0]:.1f}" if a and b else "load ?"
