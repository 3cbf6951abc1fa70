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
    from chatbot.config import load_settings
    from chatbot.embeddings import make_embeddings
    from chatbot.store import Store
    from ingest.loaders import discover
    from ingest.pipeline import ingest

    t0 = time.perf_counter()
    settings = load_settings(store={"path": str(store)}, **({"embedding": {"threads": threads}} if threads else {}))
    real = make_embeddings(settings.embedding)
    # the store adds a document's chunks to Chroma in embedding batches: with the vectors
    # at hand, one batch per document (a Chroma upsert call costs ~0.1 s whatever its size)
    settings = settings.model_copy(update={"embedding": settings.embedding.model_copy(update={"batch_size": PER_DOC})})
    docs = store.parent / f"{store.name}-docs"
    n_real = synth.count_chunks(discover(CORPUS))
    n_syn = max(0, chunks - n_real)
    shutil.rmtree(docs, ignore_errors=True)
    # written in a child: the generator loads the text tools (the catalogue's extraction of
    # the corpus's companies), and a process that has them works the text side of every
    # document out itself instead of in ingest's forked child (ingest/text_worker.py)
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork")) as child:
        written = child.submit(synth.write_corpus, docs, n_syn, PER_DOC, "bench", seed).result()
    pool = synth.sentence_pool()
    pvecs = passage_vectors(written, sentence_vectors(real, pool))
    t_prep = time.perf_counter() - t0
    emb = SentenceMeanEmbeddings(real, pvecs)
    last = [0.0]

    def progress(frac: float, msg: str) -> None:
        now = time.perf_counter()
        if now - last[0] > 30 or frac >= 1:
            last[0] = now
            print(f"[{now - t0:6.0f} s] {msg} ({frac:.1%})", flush=True)

    rep = ingest([str(docs), str(CORPUS)], settings, store=Store(settings, embeddings=emb),
                 show_progress=False, on_progress=progress)
    info = {
        "chunks_total": rep.chunks_total,
        "synthetic_chunks": n_syn,
        "real_chunks": n_real,
        "sentence_pool": len(pool),
        "vectors": (f"{emb.real_embedded} chunks (the corpus's): {real.name}'s own vectors; "
                    f"{n_syn} synthetic passages: normalised mean of {real.name}'s vectors of the corpus "
                    "sentences they vary"),
        "keyword_text": ("real: corpus chunks + corpus sentences recombined into ~300-character passages, "
                         "their companies, years and figures varied (news about invented companies)"),
        "seconds": round(time.perf_counter() - t0, 1),
        "prepare_s": round(t_prep, 1),
        "ingest_s": round(rep.seconds, 1),
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
