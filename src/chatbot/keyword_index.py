"""The keyword index: BM25 (bm25s) over jieba tokens of the chunks the manifest names.

On disk, `<store>/keyword/` holds the bm25s index, the chunk records in index order
(`chunks.jsonl`), their tokens with a key of the tokenised text (`tokens.jsonl`) and
`stamp.json` (the stamp of the manifest it was built for, the tokenizer version and the
format). A rebuild reuses the stored tokens of unchanged chunks, so adding one document
to a large index tokenises only that document's chunks. The folder is replaced whole
(built beside it, then renamed), so a reader never sees half an index.

The interface the Store uses (what a replacement, e.g. SQLite FTS5, must provide):
`KeywordIndex(folder)`, `.stamp_on_disk()`, `.open(stamp, ids, fetch)`,
`.build(ids, stamp, fetch, fresh, persist)`, `.snapshot`, `.forget()`, `.clear()`, and
on a snapshot `.stamp`, `.by_id`, `len()`, `.search(query, k)` and `.idf(term)`.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from chatbot.models import Chunk
from chatbot.text import TOKENIZER_VERSION, tokenize

KEYWORD_FORMAT = "2"  # chunks.jsonl + tokens.jsonl (a change makes every index stale once)

Fetch = Callable[[list[str]], dict[str, Chunk]]
"""Chunk records by id, from the vector store (for chunks the index has no copy of)."""


def index_text(chunk: Chunk) -> str:
    """What is embedded and keyword-indexed: the passage with its title and headings,
    so a bullet under "核心数字" still knows it is about 云知声."""
    return "\n".join([chunk.title, " / ".join(chunk.headings), chunk.text]).strip()


def text_key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def index_stamp(ids: Iterable[str]) -> str:
    """What a keyword index over these chunk ids, made by this tokenizer and format,
    is stamped with."""
    key = "\n".join([f"tokenizer {TOKENIZER_VERSION}", f"keyword {KEYWORD_FORMAT}", *sorted(ids)])
    return hashlib.sha256(key.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class KeywordSnapshot:
    """One built index, immutable: readers keep using theirs while a writer builds the next."""

    retriever: object | None  # bm25s.BM25, None when there are no chunks
    chunks: list[Chunk]
    stamp: str | None
    by_id: dict[str, Chunk] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.chunks)

    def search(self, query: str, k: int) -> list[tuple[Chunk, float]]:
        """The k best chunks by BM25 score (only those with a positive score)."""
        toks = tokenize(query)
        if self.retriever is None or not toks or k <= 0:
            return []
        scores = self.retriever.get_scores(toks)
        k = min(k, len(self.chunks))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top])]
        return [(self.chunks[i], float(scores[i])) for i in top if scores[i] > 0]

    def idf(self, term: str) -> float:
        """Inverse document frequency of a keyword token over the indexed chunks
        (a token no chunk holds gets the highest value)."""
        n = len(self.chunks)
        df = 0
        if self.retriever is not None:
            tid = self.retriever.vocab_dict.get(term)
            if tid is not None:
                indptr = self.retriever.scores["indptr"]
                df = int(indptr[tid + 1] - indptr[tid])
        return float(np.log(1 + (n - df + 0.5) / (df + 0.5)))


class KeywordIndex:
    """The keyword index of one store folder: its files in `folder` and the snapshot
    in memory. Callers serialise `open`/`build` (the Store holds its lock)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.snapshot: KeywordSnapshot | None = None

    def stamp_on_disk(self) -> str | None:
        try:
            return json.loads((self.folder / "stamp.json").read_text())["stamp"]
        except (OSError, ValueError, KeyError):
            return None

    def forget(self) -> None:
        """Drop the snapshot in memory (the manifest changed under it)."""
        self.snapshot = None

    def clear(self) -> None:
        """Delete the index on disk and in memory."""
        shutil.rmtree(self.folder, ignore_errors=True)
        self.snapshot = None

    def open(self, stamp: str, ids: list[str], fetch: Fetch) -> KeywordSnapshot:
        """The index for `stamp`: loaded from disk if it matches, else built in memory
        (stale after an interrupted write: the next writer repairs it on disk)."""
        if self.stamp_on_disk() != stamp:
            return self.build(ids, stamp, fetch, persist=False)
        import bm25s

        chunks = self._read_chunks()
        retriever = bm25s.BM25.load(str(self.folder / "bm25")) if chunks else None
        self.snapshot = KeywordSnapshot(retriever, chunks, stamp, {c.id: c for c in chunks})
        return self.snapshot

    def build(
        self, ids: list[str], stamp: str, fetch: Fetch, fresh: Sequence[Chunk] = (), persist: bool = True
    ) -> KeywordSnapshot:
        """Build the index over `ids` (in that order). Records and tokens come from the
        previous index where the text is unchanged, `fresh` chunks (the document just
        written) replace theirs, and only what is left is fetched and tokenised.
        Writers (holding the write lock) persist it; readers build it in memory only."""
        prev = self._previous() if ids else {}
        by_id = {cid: rec[0] for cid, rec in prev.items()}
        by_id.update({c.id: c for c in fresh})
        missing = [i for i in ids if i not in by_id]
        if missing:
            by_id.update(fetch(missing))
        chunks = [by_id[i] for i in ids if i in by_id]
        keys, tokens = [], []
        for c in chunks:
            text = index_text(c)
            key = text_key(text)
            old = prev.get(c.id)
            keys.append(key)
            tokens.append(old[2] if old and old[1] == key else (tokenize(text) or ["_"]))
        retriever = None
        if chunks:
            import bm25s

            retriever = bm25s.BM25()
            retriever.index(tokens, show_progress=False)
        self.snapshot = KeywordSnapshot(retriever, chunks, stamp, {c.id: c for c in chunks})
        if persist:
            self._save(self.snapshot, keys, tokens)
        return self.snapshot

    def _read_chunks(self) -> list[Chunk]:
        """The stored chunk records, in index order."""
        lines = (self.folder / "chunks.jsonl").read_text(encoding="utf-8").splitlines()
        return [Chunk.model_validate_json(line) for line in lines if line]

    def _previous(self) -> dict[str, tuple[Chunk, str, list[str]]]:
        """The stored chunks with their tokens (id -> (chunk, key of the tokenised
        text, tokens)), if made by this tokenizer and format; else {}."""
        try:
            meta = json.loads((self.folder / "stamp.json").read_text())
            if meta.get("tokenizer") != TOKENIZER_VERSION or meta.get("format") != KEYWORD_FORMAT:
                return {}
            chunks = self._read_chunks()
            toks = (self.folder / "tokens.jsonl").read_text(encoding="utf-8").splitlines()
        except (OSError, ValueError):
            return {}
        if len(chunks) != len(toks):
            return {}
        return {c.id: (c, *json.loads(tline)) for c, tline in zip(chunks, toks, strict=False)}

    def _save(self, snap: KeywordSnapshot, keys: list[str], tokens: list[list[str]]) -> None:
        """Write the index beside the current one, then swap the folders."""
        parent, name = self.folder.parent, self.folder.name
        tmp = parent / f"{name}.tmp-{os.getpid()}-{threading.get_ident()}"
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir()
        if snap.retriever is not None:
            snap.retriever.save(str(tmp / "bm25"))
        with open(tmp / "chunks.jsonl", "w", encoding="utf-8") as f:
            f.writelines(c.model_dump_json() + "\n" for c in snap.chunks)
        with open(tmp / "tokens.jsonl", "w", encoding="utf-8") as f:
            f.writelines(json.dumps([key, toks], ensure_ascii=False) + "\n" for key, toks in zip(keys, tokens, strict=False))
        (tmp / "stamp.json").write_text(json.dumps(
            {"stamp": snap.stamp, "count": len(snap.chunks), "tokenizer": TOKENIZER_VERSION,
             "format": KEYWORD_FORMAT}))
        old = parent / f"{name}.old-{os.getpid()}"
        shutil.rmtree(old, ignore_errors=True)
        if self.folder.exists():
            os.replace(self.folder, old)
        os.replace(tmp, self.folder)
        shutil.rmtree(old, ignore_errors=True)
