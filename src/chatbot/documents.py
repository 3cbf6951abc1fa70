"""The documents service: adds, lists and removes the documents in the index. Built on
the ingest pipeline (`ingest/`) and the store; the engine only answers. The CLI and
the web chat use one service per store, so writes from one process never overlap."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from chatbot.config import Settings
from chatbot.models import Chunk
from chatbot.store import DocRecord, Store

if TYPE_CHECKING:
    from ingest.pipeline import IngestReport


class Documents:
    """Add, list and remove documents of one store."""

    def __init__(self, settings: Settings, store: Store | None = None):
        self.settings = settings
        self.store = store or Store(settings)
        self._lock = threading.Lock()  # one write at a time (the store's file lock guards other processes)

    def add(
        self,
        targets: Sequence[str | Path],
        prune: bool = True,
        rebuild: bool = False,
        show_progress: bool = False,
        on_progress: Callable[[float, str], None] | None = None,
        public_urls_only: bool = False,
    ) -> IngestReport:
        """Ingest files, folders and URLs: unchanged documents are skipped, changed ones
        replaced; with `prune`, documents that left an ingested folder are dropped."""
        from ingest.pipeline import ingest

        with self._lock:
            return ingest(list(targets), self.settings, store=self.store, prune=prune, rebuild=rebuild,
                          show_progress=show_progress, on_progress=on_progress, public_urls_only=public_urls_only)

    def list(self) -> list[DocRecord]:
        """The documents in the index (as another process may have left it), by id."""
        self.store.refresh()
        return sorted(self.store.docs.values(), key=lambda d: d.doc_id)

    def chunks(self, doc_id: str) -> Sequence[Chunk]:  # ("list" here is the method below)
        """A document's passages in reading order ([] when there is no such document)."""
        rec = self.store.docs.get(doc_id)
        if rec is None:
            return []
        by_id = self.store.vectors.get_chunks(rec.chunk_ids)
        return sorted((by_id[i] for i in rec.chunk_ids if i in by_id), key=lambda c: c.position)

    def remove(self, doc_id: str) -> bool:
        """Drop a document and its passages; False when there is no such document."""
        with self._lock:
            return self.store.remove_document(doc_id)

    def ensure_corpus(self, show_progress: bool = True) -> IngestReport | None:
        """Ingest the bundled corpus when the index is empty (first run); None otherwise."""
        if self.store.docs:
            return None
        return self.add([self.settings.resolve(self.settings.ingest.corpus_dir)], show_progress=show_progress)
