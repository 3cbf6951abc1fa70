"""The index: a Chroma collection (dense vectors) plus a bm25s keyword index over jieba
tokens, kept consistent through one manifest.

Layout of the store folder:
    manifest.json   documents -> content hash, metadata, chunk ids; the embedding model.
                    Written atomically; it is the source of truth.
    chroma/         Chroma persistent client (or a Chroma server, `store.backend = "http"`)
    keyword/        bm25s index + the chunk records in index order + their tokens + the
                    manifest stamp. Tokens are reused by the next rebuild, so adding one
                    document to a large index tokenises only that document's chunks.

Write order makes a crash at any point safe: new vectors are added before the
manifest names them, the manifest is replaced atomically, then stale vectors are
deleted and the keyword index is rebuilt. Readers trust only chunk ids that the
manifest names, and `repair()` removes whatever a crash left behind.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import threading
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np

from chatbot.config import Settings
from chatbot.embeddings import embedding_name, make_embeddings
from chatbot.models import Chunk
from chatbot.text import TOKENIZER_VERSION, tokenize

MANIFEST_VERSION = 1
KEYWORD_FORMAT = "2"  # chunks.jsonl + tokens.jsonl (a change makes every index stale once)


class StoreError(Exception):
    """A problem with the index that the user must act on (one clear line)."""


@dataclass
class DocRecord:
    doc_id: str
    content_hash: str
    title: str = ""
    publisher: str = ""
    date: str = ""
    url: str = ""
    tickers: list[str] = field(default_factory=list)
    source: str = ""
    chunk_ids: list[str] = field(default_factory=list)
    ingested_at: float = 0.0


def _atomic_write(path: Path, data: str) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def _index_text(chunk: Chunk) -> str:
    """What is embedded and keyword-indexed: the passage with its title and headings,
    so a bullet under "核心数字" still knows it is about 云知声."""
    return "\n".join([chunk.title, " / ".join(chunk.headings), chunk.text]).strip()


def _text_key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


class _EmbeddedClients:
    """One embedded Chroma client per store folder in this process. Such a client loads
    the vector index once and never sees vectors that another process adds later, so
    when the manifest shows a write this process did not make, the client is replaced
    (once, for every Store of this process on that folder). A Chroma server needs none
    of this."""

    def __init__(self):
        self.lock = threading.RLock()
        self._entries: dict[str, dict] = {}  # folder -> client, generation, manifest mtime it reflects

    def get(self, folder: str, manifest: Path, make: Callable) -> tuple[object, int]:
        with self.lock:
            e = self._entries.get(folder)
            if e is None:
                mtime = _mtime(manifest)  # read before the client loads: a write in between only costs a reload
                e = self._entries[folder] = {"client": make(), "generation": 0, "mtime": mtime}
            return e["client"], e["generation"]

    def generation(self, folder: str) -> int | None:
        e = self._entries.get(folder)
        return e["generation"] if e else None

    def written(self, folder: str, mtime: int | None) -> None:
        """This process wrote the manifest: its client already holds those vectors."""
        e = self._entries.get(folder)
        if e is not None:
            e["mtime"] = mtime

    def follow(self, folder: str, mtime: int | None, make: Callable) -> None:
        """The manifest now has `mtime`; replace the client if another process wrote it."""
        with self.lock:
            e = self._entries.get(folder)
            if e is None or e["mtime"] == mtime:
                return
            try:
                e["client"].close()
            except Exception:
                pass
            e["client"], e["generation"], e["mtime"] = make(), e["generation"] + 1, mtime


_EMBEDDED = _EmbeddedClients()


def _mtime(path: Path) -> int | None:
    try:
        return path.stat().st_mtime_ns
    except FileNotFoundError:
        return None


class Store:
    def __init__(self, settings: Settings, embeddings=None):
        self.settings = settings
        self.path = settings.store_path
        self.path.mkdir(parents=True, exist_ok=True)
        self._embeddings = embeddings
        self.model_name = getattr(embeddings, "name", None) or embedding_name(settings.embedding)
        self._lock = threading.RLock()
        self._collection = None
        self._generation = None  # of the embedded client the collection came from
        self._manifest_mtime = None
        self.docs: dict[str, DocRecord] = {}
        self.manifest_model: str | None = None
        self._kw = None  # (bm25 retriever, [Chunk], stamp, {chunk id: Chunk})
        self._in_use: set[str] | None = None
        self._stamp: str | None = None
        self._load_manifest()

    # --- manifest ---------------------------------------------------------------

    @property
    def manifest_path(self) -> Path:
        return self.path / "manifest.json"

    def _load_manifest(self) -> None:
        p = self.manifest_path
        self._in_use = self._stamp = None
        if not p.exists():
            self.docs, self.manifest_model, self._manifest_mtime = {}, None, None
            return
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as e:
            raise StoreError(f"{p}: unreadable manifest ({e}); run `chatbot ingest --rebuild`") from e
        self.manifest_model = data.get("embedding_model")
        self.docs = {d["doc_id"]: DocRecord(**d) for d in data.get("documents", [])}
        self._manifest_mtime = p.stat().st_mtime_ns

    def _save_manifest(self) -> None:
        data = {
            "version": MANIFEST_VERSION,
            "embedding_model": self.model_name,
            "documents": [asdict(d) for d in sorted(self.docs.values(), key=lambda d: d.doc_id)],
        }
        with _EMBEDDED.lock:  # no other Store of this process mistakes this write for another process's
            _atomic_write(self.manifest_path, json.dumps(data, ensure_ascii=False, indent=1))
            self._manifest_mtime = self.manifest_path.stat().st_mtime_ns
            _EMBEDDED.written(self._chroma_folder, self._manifest_mtime)
        self.manifest_model = self.model_name
        self._in_use = self._stamp = None

    def stamp(self) -> str:
        """A hash of the manifest's chunk ids and the tokenizer version: what the
        keyword index must match (cached until the manifest changes)."""
        if self._stamp is None:
            key = "\n".join([f"tokenizer {TOKENIZER_VERSION}", f"keyword {KEYWORD_FORMAT}", *sorted(self.ids_in_use)])
            self._stamp = hashlib.sha256(key.encode()).hexdigest()[:16]
        return self._stamp

    def _manifest_changed(self) -> bool:
        return _mtime(self.manifest_path) != self._manifest_mtime

    def refresh(self) -> None:
        """Reload if another process (a CLI ingest) changed the manifest, and make the
        vector side follow."""
        if self._manifest_changed():
            with self._lock:
                if self._manifest_changed():
                    self._load_manifest()
                    self._kw = None
                    self._follow_other_writers()

    @property
    def _chroma_folder(self) -> str:
        return str(self.path / "chroma")

    def _follow_other_writers(self) -> None:
        if self.settings.store.backend != "http":
            _EMBEDDED.follow(self._chroma_folder, self._manifest_mtime, self._client)

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

    @property
    def collection(self):
        if self._collection is not None and _EMBEDDED.generation(self._chroma_folder) != self._generation:
            with self._lock:  # the process's embedded client was replaced: take the new one
                self._collection = None
        if self._collection is None:
            with self._lock:
                if self._collection is None:
                    self._collection = self._open_collection()
        return self._collection

    def _with_collection(self, op):
        """Run op(collection), once more if another thread replaced the embedded client
        (after another process's write) while it ran."""
        collection, generation = self.collection, self._generation
        try:
            return op(collection)
        except Exception:
            if self.settings.store.backend == "http" or _EMBEDDED.generation(self._chroma_folder) == generation:
                raise
            return op(self.collection)

    def _open_collection(self):
        st = self.settings.store
        try:
            return self._connect()
        except StoreError:
            raise
        except Exception as e:
            where = f"the Chroma server at {st.host}:{st.port}" if st.backend == "http" else f"{self.path / 'chroma'}"
            raise StoreError(f"cannot open the index at {where}: {type(e).__name__}: {e}".splitlines()[0]) from e

    def _client(self):
        """A new Chroma client: the server's (`store.backend = "http"`) or an embedded one."""
        os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
        os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        cs = ChromaSettings(anonymized_telemetry=False)
        st = self.settings.store
        if st.backend == "http":
            headers = {}
            token = os.environ.get(st.token_env, "")
            if token:
                headers["Authorization"] = f"Bearer {token}"
            return chromadb.HttpClient(host=st.host, port=st.port, headers=headers, settings=cs)
        return chromadb.PersistentClient(path=self._chroma_folder, settings=cs)

    def _connect(self):
        st = self.settings.store
        if st.backend == "http":
            client = self._client()
        else:
            client, self._generation = _EMBEDDED.get(self._chroma_folder, self.manifest_path, self._client)
        # embedding_function=None: we always pass vectors, Chroma's default model never runs
        return client.get_or_create_collection(
            st.collection, embedding_function=None, metadata={"hnsw:space": "cosine"}
        )

    # --- writing ----------------------------------------------------------------

    @contextmanager
    def _writing(self):
        """One writer at a time, across processes too (flock on the store folder); the
        manifest is re-read first so another writer's documents are kept."""
        with self._lock, open(self.path / ".lock", "a+") as fd:
            fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                external = self._manifest_changed()
                self._load_manifest()
                if external:  # write on top of what the other writer left, not on a stale view
                    self._kw = None
                    self._follow_other_writers()
                self._dirty_marker.touch()  # stays behind if this write is interrupted
                yield
                self._dirty_marker.unlink(missing_ok=True)
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)

    @property
    def _dirty_marker(self) -> Path:
        return self.path / ".dirty"

    def needs_repair(self) -> bool:
        """Was a write interrupted (or is the keyword index stale)? Cheap: opens nothing."""
        return self._dirty_marker.exists() or (bool(self.docs) and self._keyword_stamp_on_disk() != self.stamp())

    def is_current(self, doc_id: str, content_hash: str) -> bool:
        d = self.docs.get(doc_id)
        return d is not None and d.content_hash == content_hash

    def upsert_document(
        self, record: DocRecord, chunks: list[Chunk], progress: Callable[[int], None] | None = None
    ) -> int:
        """Add or replace one document. Returns the number of chunks embedded (chunks
        whose id is already in the collection are reused, not embedded again)."""
        with self._writing():
            self.check_model()
            ids = [c.id for c in chunks]
            have = set(self.collection.get(ids=ids, include=[])["ids"]) if ids else set()
            new = [c for c in chunks if c.id not in have]
            reused = [c for c in chunks if c.id in have]
            if reused:  # same passage, but title, date, url or position may have changed
                self.collection.update(ids=[c.id for c in reused], metadatas=[c.metadata() for c in reused])
            bs = max(1, self.settings.embedding.batch_size)
            for i in range(0, len(new), bs):
                batch = new[i : i + bs]
                vecs = self.embeddings.embed_documents([_index_text(c) for c in batch])
                self.collection.upsert(
                    ids=[c.id for c in batch],
                    embeddings=vecs,
                    documents=[c.text for c in batch],
                    metadatas=[c.metadata() for c in batch],
                )
                if progress:
                    progress(len(batch))
            old = self.docs.get(record.doc_id)
            record.chunk_ids = ids
            record.ingested_at = time.time()
            self.docs[record.doc_id] = record
            self._save_manifest()
            if old:
                stale = set(old.chunk_ids) - self.ids_in_use
                if stale:
                    self.collection.delete(ids=sorted(stale))
            self._rebuild_keyword(fresh=chunks)
            return len(new)

    def set_source(self, doc_id: str, source: str) -> None:
        with self._writing():
            if doc_id in self.docs:
                self.docs[doc_id].source = source
                self._save_manifest()

    def remove_document(self, doc_id: str) -> bool:
        with self._writing():
            old = self.docs.pop(doc_id, None)
            if old is None:
                return False
            self._save_manifest()
            stale = set(old.chunk_ids) - self.ids_in_use
            if stale:
                self.collection.delete(ids=sorted(stale))
            self._rebuild_keyword()
            return True

    @property
    def ids_in_use(self) -> set[str]:
        """Chunk ids the manifest names (cached until the manifest changes)."""
        if self._in_use is None:
            self._in_use = {cid for d in self.docs.values() for cid in d.chunk_ids}
            self._stamp = None
        return self._in_use

    def clear(self) -> None:
        """Drop everything (for `--rebuild`). The collection is deleted through the
        client (Chroma keeps one client per folder for the whole process, so the
        folder itself must not be pulled from under it)."""
        with self._writing():
            client = self.collection._client
            try:
                client.delete_collection(self.settings.store.collection)
            except Exception:
                pass
            self._collection = None
            shutil.rmtree(self.path / "keyword", ignore_errors=True)
            self.manifest_path.unlink(missing_ok=True)
            self.docs, self.manifest_model, self._kw, self._in_use, self._stamp = {}, None, None, None, None
            self._manifest_mtime = None

    def repair(self) -> dict[str, int]:
        """Remove vectors no document names (left by an interrupted ingest) and rebuild
        the keyword index if it does not match the manifest."""
        with self._writing():
            in_use = self.ids_in_use
            present = set(self.collection.get(include=[])["ids"])
            orphans = present - in_use
            if orphans:
                self.collection.delete(ids=sorted(orphans))
            missing = in_use - present
            if missing:  # only possible if the Chroma folder was damaged by hand
                for d in list(self.docs.values()):
                    if set(d.chunk_ids) & missing:
                        d.content_hash = "missing-vectors"  # forces re-ingest of that document
                self._save_manifest()
            rebuilt = 0
            if self._keyword_stamp_on_disk() != self.stamp():
                self._rebuild_keyword()
                rebuilt = 1
            return {"orphans_removed": len(orphans), "missing": len(missing), "keyword_rebuilt": rebuilt}

    # --- keyword index ----------------------------------------------------------

    @property
    def _kw_dir(self) -> Path:
        return self.path / "keyword"

    def _keyword_stamp_on_disk(self) -> str | None:
        try:
            return json.loads((self._kw_dir / "stamp.json").read_text())["stamp"]
        except (OSError, ValueError, KeyError):
            return None

    def _manifest_ids(self) -> list[str]:
        return [cid for d in sorted(self.docs.values(), key=lambda d: d.doc_id) for cid in d.chunk_ids]

    def _get_chunks(self, ids: list[str]) -> dict[str, Chunk]:
        """Chunk records from the vector store, by id."""
        out: dict[str, Chunk] = {}
        for i in range(0, len(ids), 5000):  # stay under Chroma's request size limits
            batch = ids[i : i + 5000]
            got = self._with_collection(lambda c: c.get(ids=batch, include=["documents", "metadatas"]))
            for cid, doc, meta in zip(got["ids"], got["documents"], got["metadatas"]):
                out[cid] = Chunk.from_metadata(cid, doc, meta)
        return out

    def all_chunks(self) -> list[Chunk]:
        """Every chunk the manifest names, in document and position order."""
        ids = self._manifest_ids()
        if not ids:
            return []
        by_id = self._get_chunks(ids)
        return [by_id[i] for i in ids if i in by_id]

    def _read_keyword_records(self) -> dict[str, tuple[Chunk, str, list[str]]]:
        """The previous keyword index's chunks with their tokens (id -> (chunk, key of
        the tokenised text, tokens)), if it was made by this tokenizer; else {}."""
        try:
            meta = json.loads((self._kw_dir / "stamp.json").read_text())
            if meta.get("tokenizer") != TOKENIZER_VERSION or meta.get("format") != KEYWORD_FORMAT:
                return {}
            chunks = self._read_chunk_records()
            toks = (self._kw_dir / "tokens.jsonl").read_text(encoding="utf-8").splitlines()
        except (OSError, ValueError):
            return {}
        if len(chunks) != len(toks):
            return {}
        return {c.id: (c, *json.loads(tline)) for c, tline in zip(chunks, toks)}

    def _read_chunk_records(self) -> list[Chunk]:
        """The keyword index's chunk records, in index order."""
        lines = (self._kw_dir / "chunks.jsonl").read_text(encoding="utf-8").splitlines()
        return [Chunk.model_validate_json(line) for line in lines if line]

    def _rebuild_keyword(self, persist: bool = True, fresh: list[Chunk] = ()) -> None:
        """Build the keyword index over the chunks the manifest names. Records and tokens
        come from the previous index where the text is unchanged, `fresh` chunks (the
        document just written) replace theirs, and only what is left is read from the
        vector store and tokenised. Writers (holding the write lock) persist it; a reader
        that finds it stale builds it in memory."""
        import bm25s

        ids = self._manifest_ids()
        prev = self._read_keyword_records() if ids else {}
        by_id = {cid: rec[0] for cid, rec in prev.items()}
        by_id.update({c.id: c for c in fresh})
        missing = [i for i in ids if i not in by_id]
        if missing:
            by_id.update(self._get_chunks(missing))
        chunks = [by_id[i] for i in ids if i in by_id]
        keys, tokens = [], []
        for c in chunks:
            text = _index_text(c)
            key = _text_key(text)
            old = prev.get(c.id)
            keys.append(key)
            tokens.append(old[2] if old and old[1] == key else (tokenize(text) or ["_"]))
        retriever = None
        if chunks:
            retriever = bm25s.BM25()
            retriever.index(tokens, show_progress=False)
        stamp = self.stamp()
        self._kw = (retriever, chunks, stamp, {c.id: c for c in chunks})
        if not persist:
            return
        tmp = self.path / f"keyword.tmp-{os.getpid()}-{threading.get_ident()}"
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir()
        if retriever is not None:
            retriever.save(str(tmp / "bm25"))
        with open(tmp / "chunks.jsonl", "w", encoding="utf-8") as f:
            for c in chunks:
                f.write(c.model_dump_json() + "\n")
        with open(tmp / "tokens.jsonl", "w", encoding="utf-8") as f:
            for key, toks in zip(keys, tokens):
                f.write(json.dumps([key, toks], ensure_ascii=False) + "\n")
        (tmp / "stamp.json").write_text(json.dumps(
            {"stamp": stamp, "count": len(chunks), "tokenizer": TOKENIZER_VERSION, "format": KEYWORD_FORMAT}))
        old = self.path / f"keyword.old-{os.getpid()}"
        shutil.rmtree(old, ignore_errors=True)
        if self._kw_dir.exists():
            os.replace(self._kw_dir, old)
        os.replace(tmp, self._kw_dir)
        shutil.rmtree(old, ignore_errors=True)

    def _keyword(self):
        if self._kw is None or self._kw[2] != self.stamp():
            with self._lock:
                if self._kw is None or self._kw[2] != self.stamp():
                    self._kw = self._load_keyword()
        return self._kw

    def _load_keyword(self):
        import bm25s

        stamp = self._keyword_stamp_on_disk()
        if stamp != self.stamp():
            if not self.docs:
                return (None, [], stamp, {})
            self._rebuild_keyword(persist=False)  # stale (an interrupted ingest): the next writer repairs it on disk
            return self._kw
        chunks = self._read_chunk_records()
        retriever = bm25s.BM25.load(str(self._kw_dir / "bm25")) if chunks else None
        return (retriever, chunks, stamp, {c.id: c for c in chunks})

    # --- reading ----------------------------------------------------------------

    def count(self) -> dict[str, int]:
        retriever, chunks, *_ = self._keyword()
        return {
            "documents": len(self.docs),
            "manifest_chunks": sum(len(d.chunk_ids) for d in self.docs.values()),
            "chroma": self.collection.count(),
            "keyword": len(chunks),
        }

    def idf(self, term: str) -> float:
        """Inverse document frequency of a keyword token over the indexed chunks
        (a token no chunk holds gets the highest value)."""
        retriever, chunks, *_ = self._keyword()
        n = len(chunks)
        df = 0
        if retriever is not None:
            tid = retriever.vocab_dict.get(term)
            if tid is not None:
                indptr = retriever.scores["indptr"]
                df = int(indptr[tid + 1] - indptr[tid])
        return float(np.log(1 + (n - df + 0.5) / (df + 0.5)))

    def keyword_search(self, query: str, k: int) -> list[tuple[Chunk, float]]:
        self.refresh()
        retriever, chunks, *_ = self._keyword()
        toks = tokenize(query)
        if retriever is None or not toks:
            return []
        scores = retriever.get_scores(toks)
        k = min(k, len(chunks))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top])]
        return [(chunks[i], float(scores[i])) for i in top if scores[i] > 0]

    def dense_search(self, query_vec: list[float], k: int) -> list[tuple[Chunk, float]]:
        """Nearest chunks by cosine similarity. Chroma returns ids and distances only;
        the records come from the keyword index's copy in memory (asking Chroma for
        documents and metadata costs more than the vector search itself)."""
        self.refresh()
        if not self.docs:
            return []
        in_use = self.ids_in_use
        n = min(k + 10, max(1, len(in_use)))
        res = self._with_collection(
            lambda c: c.query(query_embeddings=[query_vec], n_results=n, include=["distances"])
        )
        hits = [(cid, dist) for cid, dist in zip(res["ids"][0], res["distances"][0]) if cid in in_use][:k]
        # (vectors a crashed ingest left behind are not in the manifest: ignored)
        records = self._keyword()[3]
        absent = [cid for cid, _ in hits if cid not in records]
        extra = self._get_chunks(absent) if absent else {}
        return [
            ((records.get(cid) or extra[cid]), 1.0 - float(dist))
            for cid, dist in hits
            if cid in records or cid in extra
        ]
