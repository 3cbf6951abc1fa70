"""The store's manifest: which documents the index holds, with their content hashes,
metadata and chunk ids, and the embedding model they were embedded with.

`manifest.json` is the source of truth. It is replaced atomically, so a reader sees the
old or the new version, never half of one. Writers take an inter-process file lock
(`.lock`) and leave a `.dirty` marker while they write, so an interrupted write can be
noticed and repaired. Another process's write shows as a new modification time.
"""

from __future__ import annotations

import fcntl
import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from chatbot.errors import StoreError
from chatbot.jsonfile import atomic_write, one_record_a_line

MANIFEST_VERSION = 1


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


def mtime_ns(path: Path) -> int | None:
    """The file's modification time in ns, or None if it does not exist."""
    try:
        return path.stat().st_mtime_ns
    except FileNotFoundError:
        return None


def file_identity(path: Path) -> tuple[int, int, int] | None:
    """(inode, mtime in ns, size) of the file, or None if it does not exist. Every
    atomic write makes a new inode, so another process's write shows even within the
    file system's timestamp granularity."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return st.st_ino, st.st_mtime_ns, st.st_size


class Manifest:
    """The documents of one store folder, as last read from or written to its manifest.

    `revision` grows on every load, save and clear: caches derived from the documents
    (the ids in use, the keyword stamp) compare it to know they are stale.
    """

    def __init__(self, folder: Path):
        self.path = folder / "manifest.json"
        self.docs: dict[str, DocRecord] = {}
        self.model: str | None = None  # the embedding model the documents were embedded with
        self.mtime: int | None = None  # of the file this view reflects
        self.revision = 0
        self._in_use: tuple[int, set[str]] | None = None
        self._identity: tuple[int, int, int] | None = None  # of the file this view reflects

    def load(self) -> None:
        """Read the manifest (an absent one is an empty index)."""
        identity = file_identity(self.path)
        if identity is None:
            self.docs, self.model, self.mtime, self._identity = {}, None, None, None
            self.revision += 1
            return
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as e:
            raise StoreError(f"{self.path}: unreadable manifest ({e}); run `chatbot ingest --rebuild`") from e
        self.model = data.get("embedding_model")
        self.docs = {d["doc_id"]: DocRecord(**d) for d in data.get("documents", [])}
        self._identity = file_identity(self.path)
        if self._identity != identity:  # replaced while it was read: what was read may be either
            self._identity = None
        self.mtime = identity[1]
        self.revision += 1

    def save(self, model: str) -> int:
        """Write the documents atomically, stamped with `model`; returns the new mtime."""
        atomic_write(self.path, _manifest_json(model, sorted(self.docs.values(), key=lambda d: d.doc_id)))
        self._identity = file_identity(self.path)
        assert self._identity is not None  # just written
        self.mtime = self._identity[1]
        self.model = model
        self.revision += 1
        return self.mtime

    def delete(self) -> None:
        """Remove the manifest file and forget every document."""
        self.path.unlink(missing_ok=True)
        self.docs, self.model, self.mtime, self._identity = {}, None, None, None
        self.revision += 1

    def changed(self) -> bool:
        """Has the file changed since this view was read or written (another process)?"""
        return file_identity(self.path) != self._identity

    @property
    def ids_in_use(self) -> set[str]:
        """Chunk ids the documents name (cached until the next load, save or clear)."""
        if self._in_use is None or self._in_use[0] != self.revision:
            self._in_use = (self.revision, {cid for d in self.docs.values() for cid in d.chunk_ids})
        return self._in_use[1]

    def ordered_ids(self) -> list[str]:
        """Every chunk id, in document id and position order."""
        return [cid for d in sorted(self.docs.values(), key=lambda d: d.doc_id) for cid in d.chunk_ids]

    def chunk_count(self) -> int:
        return sum(len(d.chunk_ids) for d in self.docs.values())


def _manifest_json(model: str, docs: list[DocRecord]) -> str:
    """The manifest's text: one document a line, from the record's own dict (flat:
    asdict's deep copy of the chunk ids cost ~0.1 s)."""
    return one_record_a_line({"version": MANIFEST_VERSION, "embedding_model": model}, "documents", [vars(d) for d in docs])


@contextmanager
def exclusive_lock(folder: Path) -> Iterator[None]:
    """One writer at a time across processes: an flock on `<folder>/.lock`."""
    with open(folder / ".lock", "a+") as fd:
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)


def wait_for_writer(folder: Path, timeout: float) -> bool:
    """Wait until no process holds the write lock of `folder` (at most `timeout`
    seconds); True if it was free or became free."""
    deadline = time.monotonic() + timeout
    with open(folder / ".lock", "a+") as fd:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    return False
                time.sleep(0.02)
                continue
            fcntl.flock(fd, fcntl.LOCK_UN)
            return True


class DirtyMarker:
    """`<folder>/.dirty` exists while a write is in progress; it stays behind if the
    write is interrupted, which tells the next run to repair."""

    def __init__(self, folder: Path):
        self.path = folder / ".dirty"

    def set(self) -> None:
        self.path.touch()

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)

    def is_set(self) -> bool:
        return self.path.exists()
