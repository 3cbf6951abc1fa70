"""The index: a Chroma collection (dense vectors) plus a BM25 keyword index (tantivy,
with the records and statistics in SQLite) over jieba tokens, kept consistent through one manifest. The Store only coordinates its three
parts and the order of writes:

    manifest.py       manifest.json: documents -> content hash, metadata, chunk ids; the
                      embedding model. Written atomically; it is the source of truth.
                      Also the write lock (.lock) and the interrupted-write marker (.dirty).
    vector_index.py   chroma/ (or a Chroma server, `store.backend = "http"`)
    keyword_index.py  keyword/: index.sqlite (chunk records, their tokens, exact BM25
                      statistics), tantivy/ (the search engine, keyword_search.py; both
                      updated in place, one commit per document) and stamp.json (the
                      manifest stamp it matches).

Write order makes a crash at any point safe: new vectors are added before the
manifest names them, the manifest is replaced atomically, then stale vectors are
deleted and the keyword index is rebuilt. Readers trust only chunk ids that the
manifest names, and `repair()` removes whatever a crash left behind.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from chatbot.config import Settings
from chatbot.embeddings import embedding_name, make_embeddings
from chatbot.keyword_index import (
    KEYWORD_FORMAT,
    KeywordIndex,
    KeywordSnapshot,
    index_text,
    resorted,
    sorted_stamp,
    terms_of,
)
from chatbot.manifest import (
    MANIFEST_VERSION,
    DirtyMarker,
    DocRecord,
    Manifest,
    StoreError,
    exclusive_lock,
    wait_for_writer,
)
from chatbot.models import Chunk
from chatbot.vector_index import VectorIndex

__all__ = ["KEYWORD_FORMAT", "MANIFEST_VERSION", "DocRecord", "Store", "StoreError"]

_index_text = index_text  # the old private name (benchmarks/worker.py)
WRITER_WAIT_S = 10.0  # a reader waits this long for another process's write to finish


class Store:
    def __init__(self, settings: Settings, embeddings=None):
        self.settings = settings
        self.path = settings.store_path
        self.path.mkdir(parents=True, exist_ok=True)
        self._embeddings = embeddings
        self.model_name = getattr(embeddings, "name", None) or embedding_name(settings.embedding)
        self._lock = threading.RLock()
        self.manifest = Manifest(self.path)
        self.vectors = VectorIndex(settings, self.path, self.manifest.path, self._lock)
        self.keyword = KeywordIndex(self.path / "keyword")
        self._dirty = DirtyMarker(self.path)
        self._stamp: tuple[int, str, list[str]] | None = None  # (manifest revision, stamp, its ids sorted)
        self._writer_active = False  # this Store is inside a write (it never waits for itself)
        self._unsaved = False  # a write failed: the documents in memory may differ from the file
        self.manifest.load()

    # --- the manifest's view ------------------------------------------------------

    @property
    def docs(self) -> dict[str, DocRecord]:
        return self.manifest.docs

    @property
    def manifest_model(self) -> str | None:
        return self.manifest.model

    @property
    def manifest_path(self) -> Path:
        return self.manifest.path

    @property
    def ids_in_use(self) -> set[str]:
        """Chunk ids the manifest names (cached until the manifest changes)."""
        return self.manifest.ids_in_use

    def stamp(self) -> str:
        """A hash of the manifest's chunk ids and the tokenizer version: what the
        keyword index must match (cached until the manifest changes)."""
        rev = self.manifest.revision
        if self._stamp is None or self._stamp[0] != rev:
            ids = sorted(self.ids_in_use)
            self._stamp = (rev, sorted_stamp(ids), ids)
        return self._stamp[1]

    def _stamp_saved(self, before: tuple[int, str, list[str]] | None, gone: set[str], added: Sequence[str]) -> None:
        """This writer saved the manifest: its stamp from the one before the save (`before`)
        and the write's change, instead of a sort of every chunk id (~0.05 s at 100,000)."""
        if before is not None and self.manifest.revision == before[0] + 1:
            ids = resorted(before[2], gone, added)
            self._stamp = (self.manifest.revision, sorted_stamp(ids), ids)

    def _save_manifest(self) -> None:
        with self.vectors.registry_lock:  # no other Store of this process mistakes this write for another process's
            self.vectors.written(self.manifest.save(self.model_name))

    def _follow_other_writer(self) -> None:
        """Another process wrote: reload the manifest and let both indexes follow."""
        self.manifest.load()
        self.keyword.forget()
        self.vectors.follow(self.manifest.mtime)

    def refresh(self) -> None:
        """Reload if another process (a CLI ingest) changed the manifest, and make the
        vector side follow."""
        if self.manifest.changed():
            with self._lock:
                if self.manifest.changed():
                    self._follow_other_writer()

    def check_model(self) -> None:
        if self.docs and self.manifest_model and self.manifest_model != self.model_name:
            raise StoreError(
                f"the index at {self.path} was built with {self.manifest_model}, but the configured "
                f"embedding is {self.model_name}; run `chatbot ingest --rebuild` to re-embed"
            )

    # --- components -------------------------------------------------------------

    @property
    def embeddings(self):
        if self._embeddings is None:
            with self._lock:
                if self._embeddings is None:
                    self._embeddings = make_embeddings(self.settings.embedding)
        return self._embeddings

    @contextmanager
    def embedding_with(self, embeddings) -> Iterator[None]:
        """Embed passages with `embeddings` for a while (a bulk ingest): the same vectors
        as the configured model (config checks the pair), so the store keeps its identity."""
        with self._lock:
            before, self._embeddings = self._embeddings, embeddings
        try:
            yield
        finally:
            with self._lock:
                self._embeddings = before

    @property
    def collection(self):
        """The Chroma collection (opening it fails with one StoreError line)."""
        return self.vectors.collection

    # --- writing ----------------------------------------------------------------

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """One writer at a time, across processes too (flock on the store folder); the
        manifest is re-read first so another writer's documents are kept."""
        with self._lock, exclusive_lock(self.path):
            if self.manifest.changed():  # write on top of what the other writer left, not on a stale view
                self._follow_other_writer()
            elif self._unsaved:  # a failed write left changes in memory only: back to the file
                self.manifest.load()
                self._unsaved = False
            self._dirty.set()  # stays behind if this write is interrupted
            self._writer_active = True
            try:
                yield
            except BaseException:
                self._unsaved = True
                raise
            finally:
                self._writer_active = False
            self._dirty.clear()

    def needs_repair(self) -> bool:
        """Was a write interrupted (or is the keyword index stale)? Cheap: opens nothing."""
        return self._dirty.is_set() or (bool(self.docs) and self.keyword.stamp_on_disk() != self.stamp())

    def is_current(self, doc_id: str, content_hash: str) -> bool:
        d = self.docs.get(doc_id)
        return d is not None and d.content_hash == content_hash

    def upsert_document(
        self, record: DocRecord, chunks: list[Chunk], progress: Callable[[int], None] | None = None,
        terms: Callable[[str], list[str]] | None = None, vectors: Callable[[], Mapping[str, list[float]]] | None = None,
    ) -> int:
        """Add or replace one document. Returns the number of chunks embedded (chunks
        whose id is already in the collection are reused, not embedded again). What the
        caller worked out already: `terms`, a text's keyword-index terms; `vectors()`, chunk
        id -> the configured model's vector of its `index_text` (asked once, if a chunk is new)."""
        with self._writing():
            self.check_model()
            ids = [c.id for c in chunks]
            have = self.vectors.present(ids)
            new = [c for c in chunks if c.id not in have]
            # same passage, but title, date, url or position may have changed
            self.vectors.update_metadata([c for c in chunks if c.id in have])
            bs = max(1, self.settings.embedding.batch_size)
            given = dict(vectors()) if vectors and new else {}
            for i in range(0, len(new), bs):
                batch = new[i : i + bs]
                rest = [c for c in batch if c.id not in given]
                if rest:
                    given.update(zip([c.id for c in rest], self.embeddings.embed_documents([index_text(c) for c in rest]),
                                     strict=True))
                self.vectors.add(batch, [given[c.id] for c in batch])
                if progress:
                    progress(len(batch))
            old = self.docs.get(record.doc_id)
            previous = self.stamp()
            before, in_use = self._stamp, self.ids_in_use
            record.chunk_ids = ids
            record.ingested_at = time.time()
            self.docs[record.doc_id] = record
            self._save_manifest()
            gone = set(old.chunk_ids) - self.ids_in_use if old else set()
            self._stamp_saved(before, gone, [i for i in dict.fromkeys(ids) if i not in in_use])
            self.vectors.delete(gone)
            self._update_keyword(previous, gone, chunks, terms)
            return len(new)

    def add_new_documents(
        self, docs: Sequence[tuple[DocRecord, list[Chunk], list[list[float]]]],
        terms: Callable[[str], list[str]] | None = None, batch: int = 5000,
        progress: Callable[[str, int], None] | None = None,
    ) -> None:
        """Add many documents the index does not hold, with their vectors, as one write:
        Chroma in batches of `batch`, then the manifest once, then the keyword index in one
        transaction and one tantivy commit (`terms`: the index texts' terms, if worked out
        already). The same files as adding them one by one (`upsert_document`), without
        the per-document manifest save, stamp and commit that grow with the index
        (benchmarks/build_index.py). `progress(stage, n)` after each step."""
        with self._writing():
            self.check_model()
            taken = [r.doc_id for r, _, _ in docs if r.doc_id in self.docs]
            if taken:
                raise StoreError(f"add_new_documents: already in the index: {', '.join(taken[:5])}")
            flat = [(c, v) for _, chunks, vecs in docs for c, v in zip(chunks, vecs, strict=True)]
            for i in range(0, len(flat), batch):
                part = flat[i : i + batch]
                self.vectors.add([c for c, _ in part], [v for _, v in part])
                if progress:
                    progress("vectors", i + len(part))
            now = time.time()
            for rec, chunks, _ in docs:
                rec.chunk_ids = [c.id for c in chunks]
                rec.ingested_at = now
                self.docs[rec.doc_id] = rec
            self._save_manifest()
            if progress:
                progress("manifest", len(docs))
            self._rebuild_keyword(fresh=[c for c, _ in flat], terms=terms)
            if progress:
                progress("keyword", len(flat))

    def set_source(self, doc_id: str, source: str) -> None:
        with self._writing():
            if doc_id in self.docs:
                self.docs[doc_id].source = source
                self._save_manifest()

    def remove_document(self, doc_id: str) -> bool:
        with self._writing():
            previous = self.stamp()
            before = self._stamp
            old = self.docs.pop(doc_id, None)
            if old is None:
                return False
            self._save_manifest()
            gone = set(old.chunk_ids) - self.ids_in_use
            self._stamp_saved(before, gone, ())
            self.vectors.delete(gone)
            self._update_keyword(previous, gone)
            return True

    def clear(self) -> None:
        """Drop everything (for `--rebuild`)."""
        with self._writing():
            self.vectors.drop()
            self.keyword.clear()
            self.manifest.delete()

    def repair(self) -> dict[str, int]:
        """Remove vectors no document names (left by an interrupted ingest) and rebuild
        the keyword index if it does not match the manifest."""
        with self._writing():
            in_use = self.ids_in_use
            present = self.vectors.present()
            orphans = present - in_use
            self.vectors.delete(orphans)
            missing = in_use - present
            if missing:  # only possible if the Chroma folder was damaged by hand
                for d in list(self.docs.values()):
                    if set(d.chunk_ids) & missing:
                        d.content_hash = "missing-vectors"  # forces re-ingest of that document
                self._save_manifest()
            rebuilt = 0
            if self.keyword.stamp_on_disk() != self.stamp():
                self._rebuild_keyword()
                rebuilt = 1
            return {"orphans_removed": len(orphans), "missing": len(missing), "keyword_rebuilt": rebuilt}

    def _update_keyword(self, previous: str, gone: set[str], fresh: Sequence[Chunk] = (),
                        terms: Callable[[str], list[str]] | None = None) -> None:
        """After one document's write: the keyword index changes by that document only
        when it was the index of `previous` (the manifest before the write), else it is
        brought up to date by comparing every id (writers only)."""
        if not self.keyword.apply(previous, self.stamp(), gone, fresh, terms or terms_of):
            self._rebuild_keyword(fresh=fresh, terms=terms)

    def _rebuild_keyword(self, fresh: Sequence[Chunk] = (), terms: Callable[[str], list[str]] | None = None) -> None:
        """Rebuild the keyword index on disk (writers only; `fresh` = the chunks just written,
        `terms` their index texts' terms if worked out already)."""
        self.keyword.build(self.manifest.ordered_ids(), self.stamp(), self.vectors.get_chunks, fresh=fresh,
                           terms=terms or terms_of)

    # --- reading ----------------------------------------------------------------

    def _keyword(self) -> KeywordSnapshot:
        snap = self.keyword.snapshot
        if snap is None or snap.stamp != self.stamp():
            with self._lock:
                snap = self.keyword.snapshot
                if snap is None or snap.stamp != self.stamp():
                    self._settle_keyword()
                    snap = self.keyword.open(self.stamp(), self.manifest.ordered_ids(), self.vectors.get_chunks)
        return snap

    def _settle_keyword(self) -> None:
        """Before a reader opens a keyword index that does not match the manifest: an
        index of the previous format is migrated on disk once (as a write), and a write
        in progress in another process (manifest saved, keyword index not yet) is waited
        for, instead of copying the whole index into memory for a moment's difference."""
        if self._writer_active or self.keyword.stamp_on_disk() == self.stamp():
            return
        if self.keyword.legacy():
            with self._writing():
                self._rebuild_keyword()
        elif self._dirty.is_set() and wait_for_writer(self.path, WRITER_WAIT_S):
            self._follow_other_writer()

    def all_chunks(self) -> list[Chunk]:
        """Every chunk the manifest names, in document and position order."""
        ids = self.manifest.ordered_ids()
        if not ids:
            return []
        by_id = self.vectors.get_chunks(ids)
        return [by_id[i] for i in ids if i in by_id]

    def texts(self) -> Iterator[tuple[str, list[str], str]]:
        """(title, headings, passage) of every indexed chunk, streamed from the keyword
        index's records (a large index is never held as chunk objects)."""
        return self._keyword().texts()

    def doc_chunks(self, doc_id: str) -> list[Chunk]:
        """One document's chunks in position order (read from the keyword index's
        records, as many as the document has, whatever the size of the index)."""
        rec = self.docs.get(doc_id)
        if rec is None:
            return []
        by_id = self._keyword().records(rec.chunk_ids)
        absent = [i for i in rec.chunk_ids if i not in by_id]
        if absent:
            by_id.update(self.vectors.get_chunks(absent))
        return sorted((by_id[i] for i in rec.chunk_ids if i in by_id), key=lambda c: c.position)

    def count(self) -> dict[str, int]:
        keyword = self._keyword()
        return {
            "documents": len(self.docs),
            "manifest_chunks": self.manifest.chunk_count(),
            "chroma": self.vectors.count(),
            "keyword": len(keyword),
        }

    def idf(self, term: str) -> float:
        """Inverse document frequency of a keyword token over the indexed chunks
        (a token no chunk holds gets the highest value)."""
        return self._keyword().idf(term)

    def keyword_search(self, query: str, k: int) -> list[tuple[Chunk, float]]:
        self.refresh()
        return self._keyword().search(query, k)

    def dense_search(self, query_vec: list[float], k: int, doc_ids: set[str] | None = None) -> list[tuple[Chunk, float]]:
        """Nearest chunks by cosine similarity (with `doc_ids`: of those documents). Chroma returns ids and distances only;
        the records come from the keyword index's copy (asking Chroma for documents and
        metadata costs more than the vector search itself)."""
        self.refresh()
        if not self.docs:
            return []
        in_use = self.ids_in_use
        n = min(k + 10, max(1, len(in_use)))
        # (vectors a crashed ingest left behind are not in the manifest: ignored)
        if doc_ids:
            ids = [cid for d in sorted(doc_ids) if d in self.docs for cid in self.docs[d].chunk_ids]
            found = self.vectors.nearest_among(query_vec, ids, n)
        else:
            found = self.vectors.query(query_vec, n)
        hits = [(cid, dist) for cid, dist in found if cid in in_use][:k]
        records = self._keyword().records([cid for cid, _ in hits])
        absent = [cid for cid, _ in hits if cid not in records]
        extra = self.vectors.get_chunks(absent) if absent else {}
        return [
            ((records.get(cid) or extra[cid]), 1.0 - float(dist))
            for cid, dist in hits
            if cid in records or cid in extra
        ]
