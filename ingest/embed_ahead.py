"""The new passages of an ingest run embedded on a thread of their own, ahead of the
writer, in groups that span documents: a batched backend (e5-onnx) gets full,
length-sorted batches instead of one article's 3-5 passages padded to the longest, and
the embedding runs beside the writer's Chroma, keyword-index and catalogue work.

A few groups are in flight at a time (the vectors of a 100,000-passage ingest are not
all held at once); the writer asks for one document's vectors, which submits the groups
it needs, and hands them back when it has stored the document."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from chatbot.keyword_index import index_text

AHEAD = 2  # groups submitted beyond the one the writer waits for
# a group is at least this many passages, in whole batches; a batched backend (e5-onnx) sorts a
# group by length, so its batches of 8 carry ~10% padding tokens (groups of 32: 12%; no sorting: 28%)
GROUP_PASSAGES = 64


def group_size(batch: int) -> int:
    batch = max(1, batch)
    return -(-GROUP_PASSAGES // batch) * batch


class EmbedAhead:
    """`vectors(n)`: chunk id -> vector of document n's new chunks (in `todo` order);
    `done(n)` after document n is stored."""

    def __init__(self, embeddings: Any, in_use: set[str], docs: list[list], group: int):
        self._embeddings = embeddings
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="embed")
        new = [(n, c) for n, chunks in enumerate(docs) for c in chunks if c.id not in in_use]
        self._groups = [new[s : s + max(1, group)] for s in range(0, len(new), max(1, group))]
        self._of_doc: dict[int, list[int]] = {}  # document -> its groups
        self._ids: dict[int, set[str]] = {}  # document -> its new chunk ids
        for n, c in new:
            self._ids.setdefault(n, set()).add(c.id)
        self._left: list[int] = []  # per group: documents not yet stored
        for g, part in enumerate(self._groups):
            docs_in = sorted({n for n, _ in part})
            self._left.append(len(docs_in))
            for n in docs_in:
                self._of_doc.setdefault(n, []).append(g)
        self._futures: dict[int, Future] = {}
        self._submitted = 0
        self._fill()

    def _submit_through(self, g: int) -> None:
        while self._submitted <= min(g, len(self._groups) - 1):
            chunks = [c for _, c in self._groups[self._submitted]]
            self._futures[self._submitted] = self._pool.submit(self._embed, chunks)
            self._submitted += 1

    def _fill(self) -> None:
        """Keep AHEAD + 1 groups held (embedding, queued or waiting for the writer)."""
        while len(self._futures) <= AHEAD and self._submitted < len(self._groups):
            self._submit_through(self._submitted)

    def _embed(self, chunks: list) -> dict[str, list[float]]:
        vecs = self._embeddings.embed_documents([index_text(c) for c in chunks])
        return dict(zip([c.id for c in chunks], vecs, strict=True))

    def vectors(self, n: int) -> dict[str, list[float]]:
        gs = self._of_doc.get(n, [])
        if not gs:
            return {}
        self._submit_through(gs[-1])
        ids = self._ids[n]
        return {i: v for g in gs for i, v in self._futures[g].result().items() if i in ids}

    def for_document(self, n: int) -> Callable[[], dict[str, list[float]]]:
        return lambda: self.vectors(n)

    def done(self, n: int) -> None:
        """Document n is stored: groups no other document waits for are let go."""
        self._ids.pop(n, None)
        for g in self._of_doc.pop(n, []):
            self._left[g] -= 1
            if self._left[g] == 0:
                self._futures.pop(g, None)
        self._fill()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
