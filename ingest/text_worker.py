"""The text side of adding documents, worked out in a forked process: the catalogue
entries of each document and the keyword-index terms of each chunk.

Both need the text tools (jieba's dictionary and POS tagger, the pinyin tables): ~2 s
of pure-Python start-up in a fresh process. In a thread that start-up holds the GIL
against the parent's own Python work (opening Chroma, the write), so a cold `chatbot
ingest` of one article waited for it. A forked child loads them on the other core
while the parent opens Chroma and embeds, and hands back plain results (the same
functions, the same inputs: the same entries and terms as in-process).

Forked only where it pays and is safe: a process that has not loaded the tools yet
(a warm server has them) and runs no other Python thread (a fork copies one thread
only, and a lock another thread holds would stay held in the child), on a platform
with `fork`. The child then stays for the process's next ingest. Otherwise, or if the
child fails, the caller works it out in-process."""

from __future__ import annotations

import logging
import multiprocessing
import threading
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

from chatbot.catalogue import doc_text, extract
from chatbot.keyword_index import index_text, terms_of
from chatbot.models import Chunk
from chatbot.names import tools_loaded

log = logging.getLogger(__name__)


@dataclass
class TextSide:
    entries: dict[str, list] = field(default_factory=dict)  # doc_id -> catalogue entries
    terms: dict[str, list[str]] = field(default_factory=dict)  # index text -> its keyword-index terms


def work_out(docs: Sequence[tuple[str, str, list[str], list[Chunk]]]) -> TextSide:
    """(doc_id, title, tickers, chunks) per document -> entries and terms."""
    side = TextSide()
    for doc_id, title, tickers, chunks in docs:
        side.entries[doc_id] = extract(title, list(tickers), doc_text(chunks))
        for c in chunks:
            text = index_text(c)
            side.terms[text] = terms_of(text)
    return side


def can_fork() -> bool:
    return (not tools_loaded() and threading.active_count() == 1
            and "fork" in multiprocessing.get_all_start_methods())


_POOL: list[ProcessPoolExecutor] = []  # the process's one child, kept warm for its next ingest
_POOL_LOCK = threading.Lock()


def _pool() -> ProcessPoolExecutor | None:
    """The child, forked on first use where forking pays and is safe (kept for the process's
    life: a second ingest finds the tools loaded there, and this process still has not)."""
    if tools_loaded():  # (loaded since the child was forked: this process needs no help)
        return None
    with _POOL_LOCK:
        if not _POOL and can_fork():
            _POOL.append(ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork")))
        return _POOL[0] if _POOL else None


def _drop(pool: ProcessPoolExecutor) -> None:
    with _POOL_LOCK:
        if pool in _POOL:
            _POOL.remove(pool)
    pool.shutdown(wait=False, cancel_futures=True)


class Forked:
    """`work_out` running in the child, one document a task, so the parent waits for a
    document's text side only when it writes that document. `result(doc_id)` is None if
    the child failed (said in the log: the caller works it out itself)."""

    def __init__(self, pool: ProcessPoolExecutor, docs: Sequence[tuple[str, str, list[str], list[Chunk]]]):
        self._pool = pool
        self._futures: dict[str, Future] = {d[0]: pool.submit(work_out, [d]) for d in docs}
        self._failed = False

    def result(self, doc_id: str) -> TextSide | None:
        future = self._futures.get(doc_id)
        if future is None or self._failed:
            return None
        try:
            return future.result()
        except (BrokenProcessPool, OSError, EOFError) as e:
            log.warning("the text worker failed (%s): working the text out in this process", e)
            self._failed = True
            _drop(self._pool)
            return None

    def close(self) -> None:
        """Cancel what was not asked for (an ingest that stopped early)."""
        for f in self._futures.values():
            f.cancel()


def start(docs: Sequence[tuple[str, str, list[str], list[Chunk]]]) -> Forked | None:
    """The child working out `docs`, or None where forking does not pay or is unsafe."""
    pool = _pool() if docs else None
    if pool is None:
        return None
    try:
        return Forked(pool, docs)
    except (BrokenProcessPool, RuntimeError) as e:  # the child died earlier, or the pool was shut down
        log.warning("the text worker is gone (%s): working the text out in this process", e)
        _drop(pool)
        return None
