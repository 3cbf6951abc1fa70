"""Build a benchmark index of any size through the project's own ingestion:

    nice -n 10 python -m benchmarks.build_index --chunks 100000 --store var/bench-cache/100k/store

Keyword side: real text. The bundled corpus (its real chunks) plus synthetic news:
sentences of the bundled corpus recombined into ~300-character paragraphs, their
companies replaced by invented ones, years shifted and figures scaled
(benchmarks/synth.py), 250 per Markdown document, each paragraph one chunk.

Dense side: the bundled corpus chunks are embedded by the real embedder. A synthetic
passage's vector is made from the same model's real embeddings of the corpus sentences
it varies (the normalised mean of their "passage: " vectors): not the model's own vector
of that passage (nor does it see the invented names and changed figures), but drawn
from the same distribution, at the cost of embedding the sentence pool once (~160
sentences) instead of every passage. The manifest's
`model` is the real embedder, so `chatbot ask --store DIR` and `chatbot ingest --store
DIR` use the real embedder on it like on any index; `bench-index.json` in the store
folder states how its vectors were made.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import os
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

from benchmarks import synth
from benchmarks.common import CORPUS, ROOT, apply_env, dir_size

PER_DOC = 250
TEXT_TASK = 8  # documents per task of the text-side children
SENTENCE_CACHE = ROOT / "var" / "bench-cache" / "sentence-vectors"


class SentenceMeanEmbeddings:
    """The real embedder's interface and name; a known synthetic passage (the last line
    of the indexed text) gets the normalised mean of its sentences' real vectors,
    anything else (the real corpus, a newly ingested article, a question) the real
    embedder's own vector."""

    def __init__(self, real, passage_vectors: dict[str, np.ndarray]):
        self.real = real
        self.name = real.name
        self.passages = passage_vectors
        self.real_embedded = 0

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        out: list[list[float] | None] = [None] * len(texts)
        todo = []
        for i, t in enumerate(texts):
            v = self.passages.get(t.rsplit("\n", 1)[-1])
            if v is None:
                todo.append(i)
            else:
                out[i] = v.tolist()
        if todo:
            for i, v in zip(todo, self.real.embed_documents([texts[i] for i in todo]), strict=False):
                out[i] = v
            self.real_embedded += len(todo)
        return out  # type: ignore[return-value]

    def embed_query(self, text: str) -> list[float]:
        return self.real.embed_query(text)

    def vectors(self, texts: list[str]) -> np.ndarray:
        """`embed_documents` as one float32 array (100,000 vectors as Python lists would
        take ~1.2 GB)."""
        known = [self.passages.get(t.rsplit("\n", 1)[-1]) for t in texts]
        if all(v is not None for v in known):
            return np.stack(known)  # type: ignore[arg-type]
        return np.asarray(self.embed_documents(texts), dtype=np.float32)


def text_side(docs: list[tuple[str, str, list[str], list]]) -> list[tuple[str, list, dict[str, str]]]:
    """In a forked child: per document (doc_id, title, tickers, chunks), its catalogue
    entries and its chunks' keyword terms (joined by spaces, keyed by `text_key` of the
    index text): the same functions ingest's text worker runs."""
    from chatbot.keyword_index import index_text, text_key
    from ingest import text_worker

    side = text_worker.work_out(docs)
    return [(doc_id, side.entries[doc_id], {text_key(t): " ".join(side.terms[t]) for t in
                                            (index_text(c) for c in chunks)}) for doc_id, _, _, chunks in docs]


def sentence_vectors(real, sentences: list[str], cache: Path = SENTENCE_CACHE) -> np.ndarray:
    """The real embedder's passage vectors of the sentence pool (cached by content)."""
    key = hashlib.sha256(("\n".join([real.name, *sentences])).encode()).hexdigest()[:16]
    path = cache / f"{key}.npy"
    if path.exists():
        return np.load(path)
    t0 = time.perf_counter()
    vecs = np.asarray(real.embed_documents(sentences), dtype=np.float32)
    print(f"embedded {len(sentences)} sentences in {time.perf_counter() - t0:.0f} s", flush=True)
    cache.mkdir(parents=True, exist_ok=True)
    np.save(path, vecs)
    return vecs


def passage_vectors(docs: list[synth.SynthDoc], vecs: np.ndarray) -> dict[str, np.ndarray]:
    """Each synthetic passage's vector: the normalised mean of the vectors of the pool
    sentences it varies (its companies, years and figures changed: the vectors are the
    corpus sentences', so the dense side does not see the change)."""
    out = {}
    for doc in docs:
        for text, rows in zip(doc.passages, doc.sources, strict=True):
            m = vecs[rows].mean(axis=0)
            out[text] = (m / np.linalg.norm(m)).astype(np.float32)
    return out


def build(store: Path, chunks: int, seed: int = 100_000, threads: int = 0) -> dict:
    apply_env(store.parent / "tmp")
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    from chatbot.catalogue import Catalogue
    from chatbot.config import load_settings
    from chatbot.embeddings import make_embeddings
    from chatbot.keyword_index import index_text, text_key
    from chatbot.store import Store
    from ingest.loaders import discover
    from ingest.pipeline import IngestReport, _plan, ingest

    t0 = time.perf_counter()
    settings = load_settings(store={"path": str(store)}, **({"embedding": {"threads": threads}} if threads else {}))
    real = make_embeddings(settings.embedding)
    # the store adds a document's chunks to Chroma in embedding batches: with the vectors
    # at hand, one batch per document (a Chroma upsert call costs ~0.1 s whatever its size).
    # No bulk backend: an ingest of >= bulk_min_chunks passages otherwise swaps the store's
    # embedder for e5-onnx (ingest.pipeline._write), so every synthetic passage was embedded
    # by the real model and the mean vectors below were never used (session 14: ~25 ms CPU
    # a passage, the 100k build's ~46 min quiet, hours under load)
    settings = settings.model_copy(update={"embedding": settings.embedding.model_copy(
        update={"batch_size": PER_DOC, "bulk_backend": ""})})
    docs = store.parent / f"{store.name}-docs"
    n_real = synth.count_chunks(discover(CORPUS))
    n_syn = max(0, chunks - n_real)
    shutil.rmtree(docs, ignore_errors=True)
    stages: dict[str, float] = {}
    mark = [time.perf_counter(), time.process_time()]

    def stage(name: str) -> None:
        now, cpu = time.perf_counter(), time.process_time()
        stages[name] = round(now - mark[0], 1)
        stages[name + "_cpu"] = round(cpu - mark[1], 1)
        mark[:] = [now, cpu]
        print(f"[{now - t0:6.0f} s] {name}: {stages[name]} s wall, {stages[name + '_cpu']} s CPU (this process)",
              flush=True)

    # written in a child: the generator loads the text tools (the catalogue's extraction of
    # the corpus's companies); the text side of the documents is worked out in two forked
    # children too, beside the vector writes, so this process never loads the tools
    ctx = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=1, mp_context=ctx) as child:
        written = child.submit(synth.write_corpus, docs, n_syn, PER_DOC, "bench", seed).result()
    stage("text generation")
    report = IngestReport()
    st = Store(settings, embeddings=real)
    todo = _plan([str(p) for p in discover(docs)], settings, st, report, False)
    if report.failed:
        raise SystemExit(f"synthetic documents failed to load: {report.failed[:3]}")
    stage("load and chunk")
    side_pool = ProcessPoolExecutor(max_workers=2, mp_context=ctx)
    from benchmarks.build_index import text_side as by_name  # (pickled by its module's name, also when run as __main__)

    sides = [side_pool.submit(by_name, [(r.doc_id, r.title, list(r.tickers), c) for r, c, _ in todo[i : i + TEXT_TASK]])
             for i in range(0, len(todo), TEXT_TASK)]
    pool = synth.sentence_pool()
    pvecs = passage_vectors(written, sentence_vectors(real, pool))
    emb = SentenceMeanEmbeddings(real, pvecs)
    with_vectors = [(rec, c, emb.vectors([index_text(x) for x in c])) for rec, c, _ in todo]
    stage("dense vectors")
    t_prep = time.perf_counter() - t0
    total = sum(len(c) for _, c, _ in with_vectors)
    entries: dict[str, list] = {}
    terms: dict[str, str] = {}

    def collect() -> None:
        for f in sides:
            for doc_id, found, keyed in f.result():
                entries[doc_id] = found
                terms.update(keyed)
        side_pool.shutdown()
        stage("text side (waited for)")

    def progress(what: str, n: int) -> None:
        print(f"[{time.perf_counter() - t0:6.0f} s] {what}: {n}", flush=True)
        if what == "vectors" and n == total:
            stage("Chroma writes")
            collect()
        elif what == "manifest":
            stage("manifest")

    if with_vectors:
        st.add_new_documents(with_vectors, terms=lambda text: terms[text_key(text)].split(" "), progress=progress)
    else:
        collect()
    stage("keyword index")
    Catalogue(st).update_many([(rec, c, entries[rec.doc_id]) for rec, c, _ in with_vectors])
    stage("catalogue")
    del with_vectors
    terms.clear()
    rep = ingest([str(docs), str(CORPUS)], settings, store=st, show_progress=False)
    stage("corpus through ingest")
    info = {
        "chunks_total": rep.chunks_total,
        "synthetic_chunks": n_syn,
        "real_chunks": n_real,
        "sentence_pool": len(pool),
        "real_embedded": rep.chunks_embedded,
        "vectors": (f"{rep.chunks_embedded} chunks (the corpus's): {real.name}'s own vectors; "
                    f"{n_syn} synthetic passages: normalised mean of {real.name}'s vectors of the corpus "
                    "sentences they vary"),
        "keyword_text": ("real: corpus chunks + corpus sentences recombined into ~300-character passages, "
                         "their companies, years and figures varied (news about invented companies)"),
        "seconds": round(time.perf_counter() - t0, 1),
        "prepare_s": round(t_prep, 1),
        "ingest_s": round(rep.seconds, 1),
        "stages_s": stages,
        "cpu_s": round(time.process_time(), 1),
        "store_bytes": dir_size(store),
        "failed": rep.failed,
        "built_at": time.strftime("%Y-%m-%d %H:%M:%S"),
    }
    (store / "bench-index.json").write_text(json.dumps(info, indent=1, ensure_ascii=False), encoding="utf-8")
    print(json.dumps(info, indent=1, ensure_ascii=False), flush=True)
    return info


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--chunks", type=int, required=True, help="total chunks (corpus + synthetic)")
    ap.add_argument("--store", type=Path, required=True, help="index folder to create (must not exist)")
    ap.add_argument("--seed", type=int, default=100_000)
    ap.add_argument("--threads", type=int, default=0, help="embedder threads (default: the config's)")
    a = ap.parse_args(argv)
    if a.store.exists() and any(a.store.iterdir()):
        ap.error(f"{a.store} exists and is not empty")
    info = build(a.store.resolve(), a.chunks, a.seed, a.threads)
    return 0 if info["chunks_total"] == a.chunks and not info["failed"] else 1


if __name__ == "__main__":
    sys.exit(main())
