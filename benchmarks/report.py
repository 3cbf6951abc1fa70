"""The results of a benchmark run: the targets (limits from config/benchmark-targets.toml,
reported PASS/MISS, never asserted), the (section, metric, value) table gathered from
the section modules, and its printed and Markdown forms."""

from __future__ import annotations

from benchmarks.common import fmt, g, load_targets
from benchmarks.sections import baseline, embedding, ingest, questions, scale, serve, startup, web

SECTIONS = (ingest, embedding, questions, scale, serve, web, startup, baseline)


def targets(r: dict, limits: dict[str, float] | None = None) -> list[dict]:
    """Each target with its value, limit (config/benchmark-targets.toml) and PASS/MISS/n/a."""
    lim = limits or load_targets()
    out = []

    def add(name, value, limit, unit, better="lower", note=""):
        if value is None:
            status = "n/a"
        else:
            status = "PASS" if (value <= limit if better == "lower" else value > limit) else "MISS"
        out.append({"target": name, "value": value, "limit": limit, "unit": unit, "status": status, "note": note})

    q = r.get("questions_bundled", {})
    add("extractive answer p50 (bundled corpus)", g(q, "answer_ms", "p50"), lim["answer_p50_ms"], "ms")
    add("extractive answer p95 (bundled corpus)", g(q, "answer_ms", "p95"), lim["answer_p95_ms"], "ms")
    q10 = r.get("questions_10k") or {}
    add("extractive answer p50 (10,000 chunks)", g(q10, "answer_ms", "p50"), lim["answer_p50_10k_ms"], "ms",
        note="" if q10.get("answer_ms") or "cache_10k" not in r else f"10k index {g(r, 'cache_10k', 'state')}")
    add("cold ingest of corpus/ (whole process)", g(r, "ingest", "cold", "wall_s"), lim["cold_ingest_s"], "s")
    warm = g(r, "ingest", "warm_cli", "median_s")
    add("re-ingest unchanged corpus (`chatbot ingest`, median)", warm if warm is not None else g(r, "ingest", "warm", "wall_s"),
        lim["reingest_s"], "s", note="embedded chunks again!" if g(r, "ingest", "warm", "ok_zero_embedded") is False else "")
    add("`chatbot --help` (median)", g(r, "startup", "help", "median_s"), lim["help_s"], "s")
    s = r.get("serve", {})
    rss = g(s, "rss_after_questions", "peak_rss_mb")
    add(f"`chatbot serve` peak RSS after {g(s, 'questions', default=0)} questions", rss, lim["serve_peak_rss_mb"], "MB",
        note="" if rss is not None else g(s, "reason", default=""))
    w = r.get("web") or {}
    add("REST throughput / engine sequential (20 sessions)", w.get("rest_vs_engine"), lim["rest_vs_engine_min"], "x",
        better="higher", note="one run, same questions")
    add("REST p95 at 20 sessions", g(w, "rest", "latency_ms", "p95"), lim["rest_p95_ms"], "ms")
    add("Gradio chat throughput at 20 sessions", g(w, "chat", "qps"), lim["chat_qps_min"], "q/s", better="higher",
        note="gradio_client; 2x the 7.4 q/s measured before the API (issue 15)")
    add("Gradio chat (browser protocol) / engine sequential", w.get("chat_browser_vs_engine"),
        lim["chat_browser_vs_engine_min"], "x", better="higher", note="2x issue 15's 0.26, one run")
    b = r.get("baseline", {})
    ours_rec = g(q, "recall@5", "hybrid")
    base_rec = b.get("recall@5")
    add("hybrid recall@5 > baseline recall@5", ours_rec if base_rec is not None else None,
        base_rec, "", better="higher")
    pair = b.get("paired") if b else None
    if pair:
        add("hybrid retrieval p50 <= baseline search p50", g(pair, "ours_retrieve_ms", "p50"),
            g(pair, "baseline_search_ms", "p50"), "ms", note="paired in one process, alternating")
    else:
        add("hybrid retrieval p50 <= baseline search p50", g(q, "retrieve_ms", "p50") if b else None,
            g(b, "latency_ms", "p50"), "ms", note="separate processes")
    sc = r.get("scale") or {}
    if sc.get("measured"):
        n = g(sc, "index", "chunks_total")
        sq = sc.get("questions", {})
        add(f"question p50 ({n} chunks)", g(sq, "answer_ms", "p50"), lim["answer_p50_scale_ms"], "ms")
        add(f"question p95 ({n} chunks)", g(sq, "answer_ms", "p95"), lim["answer_p95_scale_ms"], "ms")
        add(f"add one article ({n} chunks)", g(sc, "add_article", "seconds"), lim["add_article_scale_s"], "s")
        add(f"`chatbot serve` peak RSS ({n} chunks)", g(sc, "serve", "rss_after_questions", "peak_rss_mb"),
            lim["serve_peak_rss_scale_mb"], "MB")
        fa, fb = sq.get("fact_accuracy"), q.get("fact_accuracy")
        add(f"fact accuracy drop vs the bundled corpus ({n} chunks), points",
            None if fa is None or fb is None else round(100 * (fb - fa), 1), lim["fact_accuracy_drop_scale_pts"], "pts",
            note="" if fb is not None else "needs the questions section in the same run")
    return out


def rows_for_table(r: dict) -> list[tuple[str, str, str]]:
    """(section, metric, value) rows, section by section."""
    return [row for section in SECTIONS for row in section.rows(r)]


def print_report(r: dict) -> str:
    rows = rows_for_table(r)
    tg = r.get("targets", [])
    md = ["| section | metric | value |", "|---|---|---|"] + [f"| {a} | {b} | {c} |" for a, b, c in rows]
    md += ["", "| target | value | limit | status | note |", "|---|---|---|---|---|"]
    md += [f"| {t['target']} | {fmt(t['value'], t['unit'])} | {t['limit']} {t['unit']} | {t['status']} | {t['note']} |" for t in tg]
    try:
        from rich.console import Console
        from rich.table import Table

        con = Console(width=140)
        t = Table(title=f"benchmarks ({r['meta']['mode']}, load {r['meta']['load_before'][0]:.1f} before / {r['meta']['load_after'][0]:.1f} after)")
        for col in ("section", "metric", "value"):
            t.add_column(col)
        last = None
        for a, b, c in rows:
            t.add_row(a if a != last else "", b, c)
            last = a
        con.print(t)
        t2 = Table(title="targets (reported, not asserted)")
        for col in ("target", "value", "limit", "status", "note"):
            t2.add_column(col)
        for x in tg:
            color = {"PASS": "green", "MISS": "red"}.get(x["status"], "yellow")
            t2.add_row(x["target"], fmt(x["value"], x["unit"]), f"{x['limit']} {x['unit']}",
                       f"[{color}]{x['status']}[/{color}]", x["note"])
        con.print(t2)
    except ImportError:
        print("\n".join(md))
    for w in r["meta"].get("warnings", []):
        print(f"warning: {w}")
    return "\n".join(md)
