"""The vector index: a Chroma collection, embedded (`<store>/chroma`) or on a Chroma
server (`store.backend = "http"`). Vectors are always passed in: Chroma's default
embedding function never runs.

An embedded Chroma client loads the vector index once and never sees vectors that
another process adds later. So there is one embedded client per store folder per
process (`_EMBEDDED`), replaced once when the manifest shows a write this process did
not make. A Chroma server needs none of this.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from chatbot.config import Settings
from chatbot.manifest import StoreError, mtime_ns
from chatbot.models import Chunk

log = logging.getLogger(__name__)

GET_BATCH = 5000  # ids per `get`, under Chroma's request size limits


class _EmbeddedClients:
    """One embedded Chroma client per store folder in this process, with a generation
    that grows each time the client is replaced and the manifest mtime it reflects."""

    def __init__(self):
        self.lock = threading.RLock()
        self._entries: dict[str, dict] = {}  # folder -> client, generation, manifest mtime it reflects

    def get(self, folder: str, manifest: Path, make: Callable) -> tuple[object, int]:
        with self.lock:
            e = self._entries.get(folder)
            if e is None:
                mtime = mtime_ns(manifest)  # read before the client loads: a write in between only costs a reload
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
            except Exception as exc:
                log.debug("closing the replaced Chroma client failed: %s", exc)
            e["client"], e["generation"], e["mtime"] = make(), e["generation"] + 1, mtime


_EMBEDDED = _EmbeddedClients()


class VectorIndex:
    """The Chroma collection of one store folder. `lock` is the owner's lock (the
    Store's), held while the collection is opened or replaced."""

    def __init__(self, settings: Settings, store_path: Path, manifest_path: Path, lock: threading.RLock):
        self.settings = settings
        self.store_path = store_path
        self.folder = str(store_path / "chroma")
        self.manifest_path = manifest_path
        self._lock = lock
        self._collection = None
        self._generation: int | None = None  # of the embedded client the collection came from

    @property
    def is_http(self) -> bool:
        return self.settings.store.backend == "http"

    # --- the client and the collection ---------------------------------------------

    @property
    def collection(self):
        """The Chroma collection (opened on first use; re-taken after the process's
        embedded client was replaced)."""
        if self._collection is not None and _EMBEDDED.generation(self.folder) != self._generation:
            with self._lock:  # the process's embedded client was replaced: take the new one
                self._collection = None
        if self._collection is None:
            with self._lock:
                if self._collection is None:
                    self._collection = self._open_collection()
        return self._collection

    def with_collection(self, op):
        """Run op(collection), once more if another thread replaced the embedded client
        (after another process's write) while it ran."""
        collection, generation = self.collection, self._generation
        try:
            return op(collection)
        except Exception:
            if self.is_http or _EMBEDDED.generation(self.folder) == generation:
                raise
            return op(self.collection)

    def _open_collection(self):
        st = self.settings.store
        try:
            return self._connect()
        except StoreError:
            raise
        except Exception as e:
            where = f"the Chroma server at {st.host}:{st.port}" if self.is_http else self.folder
            raise StoreError(f"cannot open the index at {where}: {type(e).__name__}: {e}".splitlines()[0]) from e

    def new_client(self):
        """A new Chroma client: the server's (`store.backend = "http"`) or an embedded one."""
        os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
        os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
        from chatbot.chroma_import import import_chromadb

        chromadb = import_chromadb()
        cs = chromadb.config.Settings(anonymized_telemetry=False)
        st = self.settings.store
        if self.is_http:
            headers = {}
            token = os.environ.get(st.token_env, "")
            if token:
                headers["Authorization"] = f"Bearer {token}"
            return chromadb.HttpClient(host=st.host, port=st.port, headers=headers, settings=cs)
        return chromadb.PersistentClient(path=self.folder, settings=cs)

    def _connect(self):
        if self.is_http:
            client = self.new_client()
        else:
            client, self._generation = _EMBEDDED.get(self.folder, self.manifest_path, self.new_client)
        # embedding_function=None: we always pass vectors, Chroma's default model never runs
        return client.get_or_create_collection(
            self.settings.store.collection, embedding_function=None, metadata={"hnsw:space": "cosine"}
        )

    # --- following other processes' writes --------------------------------------------

    @property
    def registry_lock(self) -> threading.RLock:
        """Hold while writing the manifest, so no other Store of this process mistakes
        the write for another process's."""
        return _EMBEDDED.lock

    def written(self, manifest_mtime: int | None) -> None:
        _EMBEDDED.written(self.folder, manifest_mtime)

    def follow(self, manifest_mtime: int | None) -> None:
        """The manifest was written by someone else: see their vectors."""
        if not self.is_http:
            _EMBEDDED.follow(self.folder, manifest_mtime, self.new_client)

    # --- collection calls ---------------------------------------------------------

    def present(self, ids: Sequence[str] | None = None) -> set[str]:
        """Which of `ids` (or of all ids, if None) the collection holds."""
        if ids is not None and not ids:
            return set()
        got = self.collection.get(ids=list(ids), include=[]) if ids is not None else self.collection.get(include=[])
        return set(got["ids"])

    def update_metadata(self, chunks: Sequence[Chunk]) -> None:
        if chunks:
            self.collection.update(ids=[c.id for c in chunks], metadatas=[c.metadata() for c in chunks])

    def add(self, chunks: Sequence[Chunk], vectors: list[list[float]]) -> None:
        self.collection.upsert(
            ids=[c.id for c in chunks],
            embeddings=vectors,
            documents=[c.text for c in chunks],
            metadatas=[c.metadata() for c in chunks],
        )

    def delete(self, ids: set[str] | Sequence[str]) -> None:
        if ids:
            self.collection.delete(ids=sorted(ids))

    def get_chunks(self, ids: list[str]) -> dict[str, Chunk]:
        """Chunk records by id."""
        out: dict[str, Chunk] = {}
        for i in range(0, len(ids), GET_BATCH):
            batch = ids[i : i + GET_BATCH]
            got = self.with_collection(lambda c, b=batch: c.get(ids=b, include=["documents", "metadatas"]))
            for cid, doc, meta in zip(got["ids"], got["documents"], got["metadatas"], strict=False):
                out[cid] = Chunk.from_metadata(cid, doc, meta)
        return out

    def query(self, vector: list[float], n: int) -> list[tuple[str, float]]:
        """The n nearest ids with their cosine distances (ids and distances only)."""
        res = self.with_collection(lambda c: c.query(query_embeddings=[vector], n_results=n, include=["distances"]))
        return list(zip(res["ids"][0], res["distances"][0], strict=False))

    def nearest_among(self, vector: list[float], ids: list[str], n: int) -> list[tuple[str, float]]:
        """The n nearest of `ids` with their cosine distances: their vectors fetched by id
        and compared here (a metadata-filtered query scans the whole collection: ~120 ms
        at 100,000 chunks, against a few ms for a document's chunks by id)."""
        import numpy as np

        if not ids:
            return []
        got = self.with_collection(lambda c: c.get(ids=ids, include=["embeddings"]))
        if not len(got["ids"]):
            return []
        m = np.asarray(got["embeddings"], dtype=np.float32)
        q = np.asarray(vector, dtype=np.float32)
        sims = m @ q / (np.linalg.norm(m, axis=1) * np.linalg.norm(q) + 1e-12)
        order = np.argsort(-sims)[:n]
        return [(got["ids"][i], float(1.0 - sims[i])) for i in order]

    def count(self) -> int:
        return self.collection.count()

    def drop(self) -> None:
        """Delete the collection through the client (Chroma keeps one client per folder
        for the whole process, so the folder itself must not be pulled from under it)."""
        client = self.collection._client
        try:
            client.delete_collection(self.settings.store.collection)
        except Exception as e:
            log.debug("deleting collection %s: %s", self.settings.store.collection, e)
        self._collection = None
