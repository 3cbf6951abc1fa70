"""Section "ingest": cold and warm ingestion of corpus/, the CLI re-ingest, synthetic chunks."""

from __future__ import annotations

import shutil
from pathlib import Path

from benchmarks.common import CHATBOT, CORPUS, MB, fmt, g, log, timed_runs, worker


def bench_ingest(tmp: Path, quick: bool) -> dict:
    from benchmarks import synth

    res: dict = {}
    store = tmp / "bundled"
    log("cold ingest of corpus/ into a fresh store")
    res["cold"] = worker(["ingest", "--store", str(store), str(CORPUS)], tmp)
    log("warm re-ingest (unchanged corpus)")
    res["warm"] = worker(["ingest", "--store", str(store), str(CORPUS)], tmp)
    res["warm"]["ok_zero_embedded"] = res["warm"]["chunks_embedded"] == 0
    log("warm re-ingest through the CLI: chatbot ingest --store DIR corpus/")
    res["warm_cli"] = timed_runs([CHATBOT, "ingest", "--store", str(store), str(CORPUS)], tmp, 1 if quick else 3)
    n = 100 if quick else 1000
    docs = tmp / "synth-docs"
    files = synth.write_corpus(docs, n, per_doc=100, prefix="synth", seed=1000)
    log(f"synthetic corpus: {n} chunks in {len(files)} documents")
    r = worker(["ingest", "--store", str(tmp / "synth-store"), str(docs)], tmp)
    r["chunks_per_s_embed"] = round(r["chunks_embedded"] / r["embed_documents_s"], 2) if r["embed_documents_s"] else None
    r["chunks_per_s_total"] = round(r["chunks_embedded"] / r["seconds"], 2) if r["seconds"] else None
    r["index_mb"] = round(r["store_bytes"] / MB, 2)
    r["documents"] = len(files)
    res["synthetic"] = r
    shutil.rmtree(tmp / "synth-store", ignore_errors=True)
    return res


def rows(r: dict) -> list[tuple[str, str, str]]:
    """Table rows of the ingest section."""
    rows: list[tuple[str, str, str]] = []
    i = r.get("ingest", {})
    c, w, s = i.get("cold", {}), i.get("warm", {}), i.get("synthetic", {})
    rows += [] if not w else [
        ("ingest", "cold: whole process / ingest()", f"{fmt(c.get('wall_s'), 's')} / {fmt(c.get('seconds'), 's')}"),
        ("ingest", "cold: model load / embedding / keyword index", f"{fmt(c.get('model_load_s'), 's')} / {fmt(c.get('embed_documents_s'), 's')} ({c.get('chunks_embedded')} chunks) / {fmt(c.get('keyword_rebuild_s'), 's')} ({c.get('keyword_rebuilds')} rebuilds)"),
        ("ingest", "cold: index size / peak RSS", f"{fmt((c.get('store_bytes') or 0) / MB, 'MB')} / {fmt(c.get('peak_rss_mb'), 'MB')}"),
        ("ingest", "warm re-ingest: whole process / ingest()", f"{fmt(w.get('wall_s'), 's')} / {fmt(w.get('seconds'), 's')} ({w.get('chunks_embedded')} embedded)"),
        ("ingest", "warm re-ingest: `chatbot ingest` (median)", fmt(g(i, "warm_cli", "median_s"), "s")),
        ("ingest", f"synthetic {s.get('chunks_embedded')} chunks in {s.get('documents')} docs: chunks/s (embedding only / whole ingest)", f"{fmt(s.get('chunks_per_s_embed'))} / {fmt(s.get('chunks_per_s_total'))} (keyword rebuilds {fmt(s.get('keyword_rebuild_s'), 's')})"),
        ("ingest", "synthetic: wall / index size / peak RSS", f"{fmt(s.get('seconds'), 's')} / {fmt(s.get('index_mb'), 'MB')} / {fmt(s.get('peak_rss_mb'), 'MB')}"),
    ]
    return rows
