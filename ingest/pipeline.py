"""Incremental ingestion: load -> chunk -> embed only what is new -> store.

Unchanged documents (same content hash and chunking settings) are skipped with no
embedding; a changed document's chunks are replaced (chunks whose text did not
change keep their vectors); documents that left an ingested folder are dropped.
A document that fails to load is reported and skipped; the batch goes on."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from chatbot.catalogue import Catalogue
from chatbot.config import Settings
from chatbot.embeddings import bulk_embeddings
from chatbot.keyword_index import terms_of
from chatbot.names import load_tools
from chatbot.store import DocRecord, Store
from ingest import text_worker
from ingest.chunking import chunk_document
from ingest.embed_ahead import EmbedAhead, group_size
from ingest.loaders import LoadError, discover, is_url, load


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (source, one-line reason)
    chunks_total: int = 0
    chunks_embedded: int = 0
    model_load_s: float = 0.0
    embed_s: float = 0.0
    seconds: float = 0.0

    def summary(self) -> str:
        lines = [
            f"added {len(self.added)}, updated {len(self.updated)}, skipped {len(self.skipped)} "
            f"(unchanged), removed {len(self.removed)}, failed {len(self.failed)} documents; "
            f"{self.chunks_embedded} of {self.chunks_total} chunks embedded; {self.seconds:.1f} s"
            + (f" (model load {self.model_load_s:.1f} s)" if self.model_load_s else "")
        ]
        lines += [f"  failed: {msg}" for _, msg in self.failed]
        return "\n".join(lines)


def _record_hash(doc_hash: str, settings: Settings) -> str:
    c = settings.chunking
    key = f"{doc_hash}|{c.target_chars}|{c.max_chars}|{c.overlap_chars}"
    return hashlib.sha256(key.encode()).hexdigest()


def ingest(
    targets: list[str | Path],
    settings: Settings,
    store: Store | None = None,
    prune: bool = True,
    rebuild: bool = False,
    show_progress: bool = True,
    on_progress: Callable[[float, str], None] | None = None,
    public_urls_only: bool = False,
) -> IngestReport:
    """Ingest files, folders and URLs into the store. `on_progress(fraction, message)`
    lets a UI follow along; `show_progress` draws a tqdm bar on stderr. With
    `public_urls_only` (the web chat) a URL must not lead to a local or private address."""
    t0 = time.perf_counter()
    store = store or Store(settings)
    report = IngestReport()
    if rebuild:
        store.clear()
    store.check_model()
    if store.needs_repair():  # only after an interrupted write: a clean index opens nothing here
        store.repair()
    sources, folders = _expand(targets, report)
    todo = _plan(sources, settings, store, report, public_urls_only)
    _write(todo, store, report, show_progress, on_progress)
    if prune and folders:
        _prune(store, set(sources), folders, report)
    report.seconds = time.perf_counter() - t0
    return report


def _expand(targets: list[str | Path], report: IngestReport) -> tuple[list[str], list[Path]]:
    """Targets as sources (URLs, resolved file paths, each once) and the folders among
    them, which remember what they held (for pruning)."""
    sources: list[str] = []
    folders: list[Path] = []
    for t in targets:
        if is_url(str(t)):
            sources.append(str(t))
            continue
        try:
            files = discover(t)
        except LoadError as e:
            report.failed.append((str(t), str(e)))
            continue
        if Path(t).is_dir():
            folders.append(Path(t).resolve())
        sources += [str(Path(f).resolve()) for f in files]
    return list(dict.fromkeys(sources)), folders  # the same file named twice is read once


def _plan(sources: list[str], settings: Settings, store: Store, report: IngestReport,
          public_urls_only: bool) -> list[tuple[DocRecord, list, bool]]:
    """Load and chunk each source (cheap) and keep what changed: (record, chunks, existed)."""
    todo: list[tuple[DocRecord, list, bool]] = []
    seen: dict[str, str] = {}
    for src in sources:
        try:
            doc = load(src, settings, public_urls_only=public_urls_only)
        except LoadError as e:
            report.failed.append((src, str(e)))
            continue
        except Exception as e:  # a loader bug must not abort the batch: reported as that source's failure
            report.failed.append((src, f"{src}: cannot load: {type(e).__name__}: {e}"))
            continue
        if doc.doc_id in seen:
            report.failed.append(
                (src, f"{src}: document id {doc.doc_id!r} is already used by {seen[doc.doc_id]} in this batch")
            )
            continue
        seen[doc.doc_id] = src
        h = _record_hash(doc.content_hash, settings)
        if store.is_current(doc.doc_id, h):
            if store.docs[doc.doc_id].source != src:  # same content, moved: remember where
                store.set_source(doc.doc_id, src)
            report.skipped.append(doc.doc_id)
            report.chunks_total += len(store.docs[doc.doc_id].chunk_ids)
            continue
        chunks = chunk_document(doc, settings.chunking)
        if not chunks:
            report.failed.append((src, f"{src}: no text to index"))
            continue
        rec = DocRecord(
            doc_id=doc.doc_id, content_hash=h, title=doc.title, publisher=doc.publisher,
            date=doc.date, url=doc.url, tickers=list(doc.tickers), source=src,
        )
        todo.append((rec, chunks, doc.doc_id in store.docs))
    return todo


def _write(todo: list[tuple[DocRecord, list, bool]], store: Store, report: IngestReport, show_progress: bool,
           on_progress: Callable[[float, str], None] | None) -> None:
    """Embed and store one document at a time (each is committed on its own), with its
    catalogue entries; progress counts chunks, reused vectors included."""
    if not todo:
        return
    # the text side (catalogue entries, keyword terms) is worked out in a forked child
    # on the other core while this process opens Chroma and embeds (a fresh process);
    # else the text tools (jieba, its POS tagger, pinyin) load in a thread beside the
    # model and the embedding instead of after them
    bulk = bulk_embeddings(store.settings.embedding, sum(len(c) for _, c, _ in todo))
    forked = text_worker.start([(r.doc_id, r.title, list(r.tickers), c) for r, c, _ in todo])
    try:
        with ThreadPoolExecutor(max_workers=2, thread_name_prefix="ingest") as pool, \
                (store.embedding_with(bulk) if bulk else nullcontext()):
            tools = pool.submit(load_tools) if forked is None else None
            _write_documents(todo, store, report, show_progress, on_progress, forked)
            if tools is not None:
                tools.result()  # (already done; raises what loading raised)
    finally:
        if forked is not None:
            forked.close()


def _write_documents(todo: list[tuple[DocRecord, list, bool]], store: Store, report: IngestReport,
                     show_progress: bool, on_progress: Callable[[float, str], None] | None,
                     forked: text_worker.Forked | None = None) -> None:
    n_chunks = sum(len(c) for _, c, _ in todo)
    # the new chunks are embedded on a thread of their own (native code, the GIL released),
    # in groups across documents, while this thread opens the index (Python: importing
    # chromadb, ~1 s in a fresh process), reads which chunks it holds (Chroma loads its
    # vector index, ~0.3 s at 100,000) and then writes each document as its vectors come
    # (the model is loaded here first: its imports must not run beside chromadb's, which
    # import some of the same packages)
    t1 = time.perf_counter()
    _ = store.embeddings.embed_query("warm up")  # loads the model, timed apart
    report.model_load_s = time.perf_counter() - t1
    batch = getattr(store.embeddings, "batch_size", None) or store.settings.embedding.batch_size
    ahead = EmbedAhead(store.embeddings, store.ids_in_use, [c for _, c, _ in todo], group_size(batch))
    try:
        _write_all(todo, store, report, n_chunks, show_progress, on_progress, forked, ahead)
    finally:
        ahead.close()


def _write_all(todo: list[tuple[DocRecord, list, bool]], store: Store, report: IngestReport, n_chunks: int,
               show_progress: bool, on_progress: Callable[[float, str], None] | None,
               forked: text_worker.Forked | None, ahead: EmbedAhead) -> None:
    _ = store.collection  # connect first: an unreachable server fails before any progress bar
    bar = None
    if show_progress and n_chunks:
        from tqdm import tqdm

        bar = tqdm(total=n_chunks, unit="chunk", desc="embedding", leave=False)
    done = 0

    def step(n: int) -> None:
        nonlocal done
        done += n
        if bar:
            bar.update(n)
        if on_progress:
            on_progress(done / max(1, n_chunks), f"{done}/{n_chunks} chunks")

    t2 = time.perf_counter()
    catalogue = Catalogue(store)

    for n, (rec, chunks, existed) in enumerate(todo):

        def terms(text: str, doc_id: str = rec.doc_id) -> list[str]:
            side = forked.result(doc_id) if forked else None
            return side.terms[text] if side and text in side.terms else terms_of(text)

        embedded = store.upsert_document(rec, chunks, progress=step, terms=terms, vectors=ahead.for_document(n))
        ahead.done(n)
        side = forked.result(rec.doc_id) if forked else None
        # the document's companies, names and tickers
        catalogue.update(rec, chunks, side.entries.get(rec.doc_id) if side else None)
        step(len(chunks) - embedded)  # reused vectors count as done
        report.chunks_embedded += embedded
        report.chunks_total += len(chunks)
        (report.updated if existed else report.added).append(rec.doc_id)
    report.embed_s = time.perf_counter() - t2
    if bar:
        bar.close()


def _prune(store: Store, listed: set[str], folders: list[Path], report: IngestReport) -> None:
    """Remove the documents that left an ingested folder."""
    for doc_id, rec in list(store.docs.items()):
        src = Path(rec.source) if rec.source and not is_url(rec.source) else None
        if src and any(src.is_relative_to(f) for f in folders) and rec.source not in listed:
            store.remove_document(doc_id)
            report.removed.append(doc_id)
