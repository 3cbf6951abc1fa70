"""Section "baseline": the plain LangChain pipeline (baseline_langchain.py) and the
ratios of our figures to its figures."""

from __future__ import annotations

from pathlib import Path

from benchmarks.common import fmt, g, log, worker


def bench_baseline(tmp: Path, quick: bool, ours_store: Path | None = None) -> dict:
    log("plain LangChain baseline (own temp store)" + (", paired with ours in one process" if ours_store else ""))
    args = ["--store", str(tmp / "baseline")]
    if ours_store is not None and (ours_store / "manifest.json").exists():
        args += ["--ours-store", str(ours_store)]
    if quick:
        args += ["--limit", "20"]
    return worker(args, tmp, module="benchmarks.baseline_langchain")


def ratios(r: dict) -> dict:
    b, q = r.get("baseline", {}), r.get("questions_bundled", {})

    def div(a, c):
        return round(a / c, 3) if a is not None and c else None

    pair = b.get("paired") or {}
    return {
        "paired_retrieve_p50": pair.get("retrieve_p50_ratio"),
        "paired_answer_p50": pair.get("answer_p50_ratio"),
        "recall@5": div(g(q, "recall@5", "hybrid"), b.get("recall@5")),
        "retrieve_p50": div(g(q, "retrieve_ms", "p50"), g(b, "latency_ms", "p50")),
        "retrieve_p95": div(g(q, "retrieve_ms", "p95"), g(b, "latency_ms", "p95")),
        "answer_p50": div(g(q, "answer_ms", "p50"), g(b, "latency_ms", "p50")),
    }


def rows(r: dict) -> list[tuple[str, str, str]]:
    """Table rows of the baseline section."""
    rows: list[tuple[str, str, str]] = []
    b, _q = r.get("baseline", {}), r.get("questions_bundled", {})
    if b:
        rows += [
            ("baseline", "LangChain chunks (size 500) / index time", f"{b.get('chunks')} / {fmt(b.get('index_s'), 's')}"),
            ("baseline", "similarity_search top-4 p50 / p95", f"{fmt(g(b, 'latency_ms', 'p50'), 'ms')} / {fmt(g(b, 'latency_ms', 'p95'), 'ms')}"),
            ("baseline", "recall@4 / recall@5 (hit@4 / hit@5)", f"{fmt(b.get('recall@4'))} / {fmt(b.get('recall@5'))} ({fmt(b.get('hit@4'))} / {fmt(b.get('hit@5'))})"),
        ]
        pr = b.get("paired")
        if pr:
            rows += [
                ("baseline", f"paired, one process ({pr['rounds']} rounds): baseline search / our retrieval / our answer p50",
                 f"{fmt(g(pr, 'baseline_search_ms', 'p50'), 'ms')} / {fmt(g(pr, 'ours_retrieve_ms', 'p50'), 'ms')} / {fmt(g(pr, 'ours_answer_ms', 'p50'), 'ms')}"),
                ("baseline", "paired p95: baseline search / our retrieval / our answer",
                 f"{fmt(g(pr, 'baseline_search_ms', 'p95'), 'ms')} / {fmt(g(pr, 'ours_retrieve_ms', 'p95'), 'ms')} / {fmt(g(pr, 'ours_answer_ms', 'p95'), 'ms')}"),
            ]
        ra = r.get("ratios", {})
        rows += [
            ("ours / baseline", "recall@5 (hybrid / baseline)", fmt(ra.get("recall@5"), "x")),
            ("ours / baseline", "retrieval p50 (hybrid / similarity_search): paired / separate runs",
             f"{fmt(ra.get('paired_retrieve_p50'), 'x')} / {fmt(ra.get('retrieve_p50'), 'x')}"),
            ("ours / baseline", "whole extractive answer p50 / baseline search p50: paired / separate runs",
             f"{fmt(ra.get('paired_answer_p50'), 'x')} / {fmt(ra.get('answer_p50'), 'x')}"),
        ]
    return rows
