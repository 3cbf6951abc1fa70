"""The keyword-index candidates side by side on a large index's own tokens:

    nice -n 10 python -m benchmarks.keyword_options --store var/bench-cache/100k/store

- tantivy:       the project's index (chatbot/keyword_index.py): tantivy finds a pool of
                 candidates (top-k), SQLite holds the records and exact statistics and
                 scores them (Lucene BM25); updated in place (on a copy of the store's
                 keyword folder)
- tantivy-raw:   the tantivy engine alone, its own BM25 (no re-scoring, no records)
- fts5:          SQLite FTS5 with its built-in bm25() over the same tokens (the project's
                 previous index, format 3), built here in a temporary database
- bm25s-full:    one bm25s index rebuilt over every chunk on each change (the design
                 before that)
- bm25s-shards:  bm25s in shards of --shard chunks; a change rebuilds one shard; a query
                 scores every shard (each with its own idf, so scores are only roughly
                 comparable across shards)

For each: adding one article (its chunks tokenised, the index updated and saved), query
latency p50/p95 over the question set, and top-10 agreement with bm25s-full (the exact
Lucene BM25). The tokens come from the index, not re-tokenised.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from benchmarks.common import EXTRA, apply_env, dir_size, load_questions, summary

K = 10


def _tokens(db: Path) -> tuple[list[str], list[list[str]]]:
    """The chunk ids and index terms the store's keyword database holds (this format:
    terms joined by spaces; format 3: each hex-encoded)."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    hexed = "dl" not in {r[1] for r in conn.execute("PRAGMA table_info(chunks)")}
    ids, toks = [], []
    for cid, terms in conn.execute("SELECT id, terms FROM chunks ORDER BY rowid"):
        ids.append(cid)
        ts = [bytes.fromhex(t).decode("utf-8") for t in terms.split()] if hexed else terms.split()
        toks.append(ts or ["_"])
    conn.close()
    return ids, toks


def _article():
    from chatbot.config import load_settings
    from ingest.chunking import chunk_document
    from ingest.loaders import load

    s = load_settings()
    f = sorted(EXTRA.glob("*.md"))[0]
    return f.name, chunk_document(load(f, s), s.chunking)


def _timed(fn, *args):
    t = time.perf_counter()
    out = fn(*args)
    return out, time.perf_counter() - t


def _bm25s(tokens: list[list[str]]):
    import bm25s

    r = bm25s.BM25()
    r.index(tokens, show_progress=False)
    return r


def _top(scores: np.ndarray, k: int = K) -> list[int]:
    k = min(k, len(scores))
    top = np.argpartition(-scores, k - 1)[:k]
    return [int(i) for i in top[np.argsort(-scores[top])] if scores[i] > 0]


# Over 60 lines on purpose: the options are measured side by side in one pass over the
# same tokens and questions, each a commented block, so their figures stay comparable.
def bench(store: Path, shard: int, n_questions: int) -> dict:
    from chatbot.keyword_index import KeywordIndex, index_stamp, index_text
    from chatbot.text import tokenize

    db = store / "keyword" / "index.sqlite"
    ids, toks = _tokens(db)
    qs = [tokenize(q["question"]) for q in load_questions()][:n_questions]
    name, chunks = _article()
    res: dict = {"chunks": len(ids), "article": name, "article_chunks": len(chunks), "questions": len(qs)}
    tmp = Path(tempfile.mkdtemp(prefix="kw-options-"))
    try:
        # bm25s over everything: the reference ranking, and the cost of a full rebuild
        full, build_s = _timed(_bm25s, toks)
        ref = [_top(full.get_scores(q)) for q in qs]
        lat = []
        for q in qs:
            t = time.perf_counter()
            _top(full.get_scores(q))
            lat.append((time.perf_counter() - t) * 1000)
        new_toks = [tokenize(index_text(c)) for c in chunks]
        t = time.perf_counter()
        r = _bm25s(toks + new_toks)
        r.save(str(tmp / "bm25s-full"))
        res["bm25s-full"] = {"add_article_s": round(time.perf_counter() - t, 3), "build_s": round(build_s, 2),
                             "query_ms": summary(lat), "top10_agreement": 1.0}
        del r

        # bm25s in shards
        parts = [toks[i : i + shard] for i in range(0, len(toks), shard)]
        shards = [_bm25s(p) for p in parts]
        t = time.perf_counter()
        last = _bm25s(parts[-1] + new_toks)
        last.save(str(tmp / "bm25s-shard"))
        add_s = time.perf_counter() - t
        lat, agree = [], []
        for q, want in zip(qs, ref, strict=False):
            t = time.perf_counter()
            scores = np.concatenate([s.get_scores(q) for s in shards])
            got = _top(scores)
            lat.append((time.perf_counter() - t) * 1000)
            agree.append(len(set(got) & set(want)) / max(1, len(want)))
        res["bm25s-shards"] = {"shard": shard, "shards": len(shards), "add_article_s": round(add_s, 3),
                               "query_ms": summary(lat), "top10_agreement": round(float(np.mean(agree)), 3)}
        del shards, full

        res["tantivy-raw"] = _tantivy(tmp / "tantivy-raw", ids, toks, qs, ref, [c.id for c in chunks], new_toks)

        res["fts5"] = _fts5(tmp / "fts5.sqlite", ids, toks, qs, ref, new_toks)

        # tantivy + exact BM25: the project's index, on a copy
        copy = tmp / "keyword"
        shutil.copytree(store / "keyword", copy)
        idx = KeywordIndex(copy)
        snap = idx.open(idx.stamp_on_disk(), ids, lambda missing: {})
        pos = {cid: i for i, cid in enumerate(ids)}
        lat, agree = [], []
        for q, want in zip(qs, ref, strict=False):
            text = " ".join(q)
            t = time.perf_counter()
            hits = snap.search(text, K)
            lat.append((time.perf_counter() - t) * 1000)
            agree.append(len({pos[c.id] for c, _ in hits} & set(want)) / max(1, len(want)))
        all_ids = ids + [c.id for c in chunks]
        _, add_s = _timed(idx.build, all_ids, index_stamp(all_ids), lambda missing: {}, chunks)
        _, remove_s = _timed(idx.build, ids, index_stamp(ids), lambda missing: {})
        res["tantivy"] = {"add_article_s": round(add_s, 3), "remove_article_s": round(remove_s, 3),
                          "query_ms": summary(lat), "top10_agreement": round(float(np.mean(agree)), 3),
                          "db_mb": round(db.stat().st_size / 2**20, 1),
                          "tantivy_mb": round(dir_size(store / "keyword" / "tantivy") / 2**20, 1)}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return res


def _fts5(db: Path, ids, toks, qs, ref, new_toks) -> dict:
    """SQLite FTS5 (contentless, each token hex-encoded so the `ascii` tokenizer keeps it
    whole) with its bm25(): the previous index's search, built from the same tokens."""
    conn = sqlite3.connect(str(db), isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE VIRTUAL TABLE fts USING fts5(terms, content='', tokenize='ascii')")
    t = time.perf_counter()
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO fts(rowid, terms) VALUES (?, ?)",
                     ((i, " ".join(x.encode().hex() for x in tk)) for i, tk in enumerate(toks)))
    conn.execute("COMMIT")
    build_s = time.perf_counter() - t
    lat, agree = [], []
    for q, want in zip(qs, ref, strict=False):
        match = " OR ".join(f'"{x.encode().hex()}"' for x in dict.fromkeys(q))
        t = time.perf_counter()
        got = [r[0] for r in conn.execute(
            "SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY bm25(fts), rowid LIMIT ?", (match, K))]
        lat.append((time.perf_counter() - t) * 1000)
        agree.append(len(set(got) & set(want)) / max(1, len(want)))
    rows = [(len(toks) + i, " ".join(x.encode().hex() for x in tk)) for i, tk in enumerate(new_toks)]
    t = time.perf_counter()
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO fts(rowid, terms) VALUES (?, ?)", rows)
    conn.execute("COMMIT")
    add_s = time.perf_counter() - t
    t = time.perf_counter()
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO fts(fts, rowid, terms) VALUES ('delete', ?, ?)", rows)
    conn.execute("COMMIT")
    remove_s = time.perf_counter() - t
    conn.close()
    return {"build_s": round(build_s, 2), "add_article_s": round(add_s, 3), "remove_article_s": round(remove_s, 3),
            "query_ms": summary(lat), "top10_agreement": round(float(np.mean(agree)), 3)}


def _tantivy(folder: Path, ids, toks, qs, ref, new_ids, new_toks) -> dict:
    import tantivy

    folder.mkdir()
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("id", stored=True, tokenizer_name="raw")
    sb.add_text_field("terms", tokenizer_name="whitespace", index_option="freq")
    schema = sb.build()
    index = tantivy.Index(schema, path=str(folder))
    writer = index.writer(heap_size=100_000_000, num_threads=1)
    t = time.perf_counter()
    for cid, tk in zip(ids, toks, strict=False):
        writer.add_document(tantivy.Document(id=cid, terms=" ".join(tk)))
    writer.commit()
    writer.wait_merging_threads()
    build_s = time.perf_counter() - t
    index.reload()
    searcher = index.searcher()
    pos = {cid: i for i, cid in enumerate(ids)}

    def query(q):
        clauses = [(tantivy.Occur.Should, tantivy.Query.term_query(schema, "terms", x)) for x in dict.fromkeys(q)]
        return tantivy.Query.boolean_query(clauses)

    lat, agree = [], []
    for q, want in zip(qs, ref, strict=False):
        t = time.perf_counter()
        hits = searcher.search(query(q), K, count=False).hits
        got = [pos[searcher.doc(a)["id"][0]] for _, a in hits]
        lat.append((time.perf_counter() - t) * 1000)
        agree.append(len(set(got) & set(want)) / max(1, len(want)))
    writer = index.writer(heap_size=50_000_000, num_threads=1)
    t = time.perf_counter()
    for cid, tk in zip(new_ids, new_toks, strict=False):
        writer.add_document(tantivy.Document(id=cid, terms=" ".join(tk)))
    writer.commit()
    index.reload()
    add_s = time.perf_counter() - t
    t = time.perf_counter()
    for cid in new_ids:
        writer.delete_documents_by_term("id", cid)
    writer.commit()
    index.reload()
    remove_s = time.perf_counter() - t
    return {"build_s": round(build_s, 2), "add_article_s": round(add_s, 3), "remove_article_s": round(remove_s, 3),
            "query_ms": summary(lat), "top10_agreement": round(float(np.mean(agree)), 3)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--store", type=Path, required=True)
    ap.add_argument("--shard", type=int, default=10_000)
    ap.add_argument("--questions", type=int, default=86)
    a = ap.parse_args(argv)
    apply_env()
    print(json.dumps(bench(a.store, a.shard, a.questions), ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
