"""The embedding-similarity fallback for English questions (issue 11): its two designs
and what it buys.

- ingest-time design: every evidence sentence embedded when its article is ingested. Per
  article of corpus-extra: the embedding time of its passages (what ingest does today)
  and of its sentences (what the design would add), and the resulting ingest factor.
- query-time design (the one built): sentences embedded when a question first needs
  them, kept in an LRU cache. Per question set: accuracy with the fallback off and on,
  latency p50/p95 of every question and of those the fallback ran for, cold (empty
  cache) and warm.

    python -m benchmarks.semantic_fallback --store STORE [--questions FILE.jsonl ...]

STORE must hold the bundled corpus and corpus-extra (and dev-3/corpus for the dev-3 set).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from chatbot.evaluation import fact_hit
from chatbot.evaluation.metrics import percentile

ROOT = Path(__file__).resolve().parents[1]
EXTRA = ROOT / "tests" / "data" / "corpus-extra"


def ingest_cost(engine) -> None:
    from chatbot.evidence import passage_sentences
    from chatbot.keyword_index import index_text

    emb = engine.store.embeddings
    emb.embed_documents(["warm up"])
    rows = []
    for doc_id in sorted(d for d in engine.store.docs if d.startswith("news-") and int(d[5:]) <= 12):
        chunks = [c for c in engine.store.all_chunks() if c.doc_id == doc_id]
        sents = list(dict.fromkeys(s for c in chunks for _, s, _, _ in passage_sentences(c.text)))
        t = time.perf_counter()
        emb.embed_documents([index_text(c) for c in chunks])
        t_chunks = time.perf_counter() - t
        t = time.perf_counter()
        emb.embed_documents(sents)
        t_sents = time.perf_counter() - t
        rows.append((doc_id, len(chunks), len(sents), t_chunks, t_sents))
    print(f"{'article':<9} {'chunks':>6} {'sents':>6} {'embed chunks s':>15} {'embed sents s':>14} {'ingest x':>9}")
    for doc_id, nc, ns, tc, ts in rows:
        print(f"{doc_id:<9} {nc:>6} {ns:>6} {tc:>15.2f} {ts:>14.2f} {1 + ts / tc:>9.2f}")
    tc, ts = sum(r[3] for r in rows), sum(r[4] for r in rows)
    print(f"{'all':<9} {sum(r[1] for r in rows):>6} {sum(r[2] for r in rows):>6} {tc:>15.2f} {ts:>14.2f} {1 + ts / tc:>9.2f}"
          "   (ingest x = 1 + sentence embedding / passage embedding: an upper bound, ingest does more than embed)")


def run_set(engine, questions: list[dict], label: str) -> None:
    def one_pass():
        rows = []
        for q in questions:
            a = engine.ask(q["question"], q.get("history"))
            ok = (not a.refused and fact_hit(a.text, q["expected_facts"])) if q["answerable"] else a.refused
            ran = any(n.startswith("semantic fallback") for n in a.notices)
            answered = ran and not a.refused
            rows.append((ok, q["answerable"], a.timings_ms.get("total", 0.0), ran, answered))
        return rows

    rules = engine.semantic.rules
    engine.semantic.rules = type(rules)(**{**rules.__dict__, "enabled": False})
    off = one_pass()
    engine.semantic.rules = rules
    engine.semantic.vectors._cache.clear()
    cold = one_pass()
    warm = one_pass()

    def acc(rows, answerable):
        sel = [r for r in rows if r[1] is answerable]
        return f"{sum(r[0] for r in sel)}/{len(sel)}"

    def lat(rows, only_fallback=False):
        t = [r[2] for r in rows if r[3] or not only_fallback]
        return f"{percentile(t, 50):.0f}/{percentile(t, 95):.0f}" if t else "-"

    print(f"\n{label}: {len(questions)} questions")
    print(f"{'run':<14} {'facts':>7} {'refusals':>9} {'fallback ran':>13} {'answered by it':>15} {'p50/p95 ms':>12} {'fallback p50/p95':>17}")
    for name, rows in (("fallback off", off), ("cold cache", cold), ("warm cache", warm)):
        print(f"{name:<14} {acc(rows, True):>7} {acc(rows, False):>9} {sum(r[3] for r in rows):>13} {sum(r[4] for r in rows):>15} "
              f"{lat(rows):>12} {lat(rows, True):>17}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--store", required=True)
    ap.add_argument("--questions", nargs="*", default=[str(ROOT / "tests" / "data" / "questions-extra-en.jsonl")])
    ap.add_argument("--skip-ingest", action="store_true")
    a = ap.parse_args()
    from chatbot.config import load_settings
    from chatbot.engine import Engine

    engine = Engine(load_settings(store={"path": a.store}))
    engine.warmup()
    if not a.skip_ingest:
        ingest_cost(engine)
    for path in a.questions:
        qs = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
        run_set(engine, [q for q in qs if q.get("lang") == "en"], Path(path).name)


if __name__ == "__main__":
    main()
