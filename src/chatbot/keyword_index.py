"""The keyword index: SQLite FTS5 with its built-in BM25 over jieba tokens of the chunks
the manifest names.

On disk, `<store>/keyword/` holds `index.sqlite` and `stamp.json`. The database has the
chunk records (`chunks`: id, record JSON, key of the tokenised text, the tokens) and a
contentless FTS5 table over the tokens (each jieba token hex-encoded, so FTS5's own
tokenizer keeps it whole: "6.0亿元" or "2513.hk" stay one term). Adding or removing a
document inserts or deletes only that document's rows in one transaction: the cost
follows the document, not the index. `stamp.json` (the stamp of the manifest the index
matches, the tokenizer version and the format) is replaced atomically after the
transaction commits; a crash between the two leaves an index that looks stale, which
the next writer repairs (finding nothing to change) and a reader copies into memory.

The interface the Store uses: `KeywordIndex(folder)`, `.stamp_on_disk()`,
`.open(stamp, ids, fetch)`, `.build(ids, stamp, fetch, fresh, persist)`, `.snapshot`,
`.forget()`, `.clear()`, and on a snapshot `.stamp`, `.by_id`, `len()`,
`.search(query, k)` and `.idf(term)`.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import os
import shutil
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from chatbot.models import Chunk
from chatbot.text import TOKENIZER_VERSION, tokenize

log = logging.getLogger(__name__)

KEYWORD_FORMAT = "3"  # SQLite FTS5 (a change makes every index stale once)
DB_NAME = "index.sqlite"
BUSY_TIMEOUT_S = 30.0  # a reader waits this long for a writer's commit

Fetch = Callable[[list[str]], dict[str, Chunk]]
"""Chunk records by id, from the vector store (for chunks the index has no copy of)."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS chunks (
    rowid INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, record TEXT NOT NULL,
    key TEXT NOT NULL, terms TEXT NOT NULL);
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(terms, content='', tokenize='ascii');
CREATE VIRTUAL TABLE IF NOT EXISTS vocab USING fts5vocab(fts, 'row');
"""


def index_text(chunk: Chunk) -> str:
    """What is embedded and keyword-indexed: the passage with its title and headings,
    so a bullet under "核心数字" still knows it is about 云知声."""
    return "\n".join([chunk.title, " / ".join(chunk.headings), chunk.text]).strip()


def text_key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def term(token: str) -> str:
    """A jieba token as one FTS5 term: its UTF-8 bytes in hex (ASCII letters and digits
    only, so the `ascii` tokenizer neither splits nor folds it)."""
    return token.encode("utf-8").hex()


def index_stamp(ids: Iterable[str]) -> str:
    """What a keyword index over these chunk ids, made by this tokenizer and format,
    is stamped with."""
    key = "\n".join([f"tokenizer {TOKENIZER_VERSION}", f"keyword {KEYWORD_FORMAT}", *sorted(ids)])
    return hashlib.sha256(key.encode()).hexdigest()[:16]


class Records(Mapping):
    """The chunk records of a snapshot by id, read from its database on demand (100,000
    records are not held in memory)."""

    def __init__(self, snap: KeywordSnapshot):
        self._snap = snap

    def __getitem__(self, cid: str) -> Chunk:
        found = self._snap.records([cid])
        if cid not in found:
            raise KeyError(cid)
        return found[cid]

    def __contains__(self, cid: object) -> bool:
        return bool(self._snap.query("SELECT 1 FROM chunks WHERE id = ?", (cid,)))

    def __iter__(self) -> Iterator[str]:
        return iter([r[0] for r in self._snap.query("SELECT id FROM chunks ORDER BY rowid")])

    def __len__(self) -> int:
        return len(self._snap)


class KeywordSnapshot:
    """One index as readers see it: a database (the store's file, or an in-memory copy
    when the file is stale) and the stamp it was opened for."""

    def __init__(self, conn: sqlite3.Connection, stamp: str | None):
        self._conn = conn
        self._lock = threading.Lock()  # one connection, shared by the threads of a server
        self.stamp = stamp
        self._n = self.query("SELECT count(*) FROM chunks")[0][0]
        self.by_id: Mapping[str, Chunk] = Records(self)

    def query(self, sql: str, args: Sequence = ()) -> list[tuple]:
        with self._lock:
            return self._conn.execute(sql, args).fetchall()

    def __len__(self) -> int:
        return self._n

    @property
    def chunks(self) -> list[Chunk]:
        """Every record, in the order they were added (for tests and tools)."""
        return [Chunk.model_validate_json(r[0]) for r in self.query("SELECT record FROM chunks ORDER BY rowid")]

    def records(self, ids: Sequence[str]) -> dict[str, Chunk]:
        """The records of these chunk ids (those the index holds)."""
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = self.query(f"SELECT id, record FROM chunks WHERE id IN ({marks})", list(ids))
        return {cid: Chunk.model_validate_json(rec) for cid, rec in rows}

    def search(self, query: str, k: int) -> list[tuple[Chunk, float]]:
        """The k best chunks by FTS5's BM25 (only those with a positive score)."""
        toks = list(dict.fromkeys(tokenize(query)))
        if not self._n or not toks or k <= 0:
            return []
        match = " OR ".join(f'"{term(t)}"' for t in toks)
        rows = self.query(
            "SELECT c.record, -bm25(fts) FROM fts JOIN chunks c ON c.rowid = fts.rowid "
            "WHERE fts MATCH ? ORDER BY bm25(fts), fts.rowid LIMIT ?", (match, k))
        return [(Chunk.model_validate_json(rec), float(s)) for rec, s in rows if s > 0]

    def df(self, token: str) -> int:
        """How many chunks hold this keyword token."""
        rows = self.query("SELECT doc FROM vocab WHERE term = ?", (term(token),))
        return int(rows[0][0]) if rows else 0

    def idf(self, token: str) -> float:
        """Inverse document frequency of a keyword token over the indexed chunks
        (a token no chunk holds gets the highest value)."""
        df = self.df(token)
        return math.log(1 + (self._n - df + 0.5) / (df + 0.5))


class KeywordIndex:
    """The keyword index of one store folder: its files in `folder` and the snapshot
    in memory. Callers serialise `open`/`build` (the Store holds its lock)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.db_path = folder / DB_NAME
        self.snapshot: KeywordSnapshot | None = None

    def _meta(self) -> dict:
        try:
            return json.loads((self.folder / "stamp.json").read_text())
        except (OSError, ValueError):
            return {}

    def stamp_on_disk(self) -> str | None:
        return self._meta().get("stamp")

    def forget(self) -> None:
        """Drop the snapshot in memory (the manifest changed under it)."""
        self.snapshot = None

    def clear(self) -> None:
        """Delete the index on disk and in memory."""
        shutil.rmtree(self.folder, ignore_errors=True)
        self.snapshot = None

    def open(self, stamp: str, ids: list[str], fetch: Fetch) -> KeywordSnapshot:
        """The index for `stamp`: the file if it matches, else an in-memory copy brought
        up to date (stale after an interrupted write: the next writer repairs the file)."""
        if self.stamp_on_disk() == stamp and self.db_path.exists():
            conn = self._connect(self.db_path)
            try:
                if conn.execute("SELECT value FROM meta WHERE key = 'stamp'").fetchone() == (stamp,):
                    self.snapshot = KeywordSnapshot(conn, stamp)
                    return self.snapshot
            except sqlite3.DatabaseError as e:  # damaged by hand: rebuilt below, repaired by the next writer
                log.warning("keyword index %s unreadable (%s): building it in memory", self.db_path, e)
            conn.close()
        return self.build(ids, stamp, fetch, persist=False)

    def build(
        self, ids: list[str], stamp: str, fetch: Fetch, fresh: Sequence[Chunk] = (), persist: bool = True
    ) -> KeywordSnapshot:
        """Bring the index to exactly `ids`: rows of ids no longer listed are deleted,
        `fresh` chunks (the document just written) replace theirs, and only ids the index
        lacks are fetched and tokenised. Writers (holding the write lock) change the file
        in one transaction; readers (persist=False) change an in-memory copy only."""
        reusable = self._meta().get("tokenizer") == TOKENIZER_VERSION and self._meta().get("format") == KEYWORD_FORMAT
        if persist:
            if not reusable:
                shutil.rmtree(self.folder, ignore_errors=True)
            self.folder.mkdir(parents=True, exist_ok=True)
            conn = self._connect(self.db_path)
        else:
            conn = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
            if reusable and self.db_path.exists():
                src = sqlite3.connect(f"file:{self.db_path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
                try:
                    src.backup(conn)
                except sqlite3.DatabaseError as e:
                    log.warning("keyword index %s unreadable (%s): building it from scratch", self.db_path, e)
                    conn.close()
                    conn = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
                finally:
                    src.close()
        conn.executescript(_SCHEMA)
        conn.execute("BEGIN IMMEDIATE")
        try:
            self._update(conn, ids, fetch, fresh)
            conn.execute("INSERT OR REPLACE INTO meta VALUES ('stamp', ?)", (stamp,))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        self.snapshot = KeywordSnapshot(conn, stamp)
        if persist:
            self._write_stamp(stamp, len(self.snapshot))
        return self.snapshot

    @staticmethod
    def _connect(path: Path) -> sqlite3.Connection:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S, check_same_thread=False, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")  # readers go on while a writer commits
        conn.execute("PRAGMA synchronous=NORMAL")
        return conn

    @staticmethod
    def _update(conn: sqlite3.Connection, ids: list[str], fetch: Fetch, fresh: Sequence[Chunk]) -> None:
        have = dict(conn.execute("SELECT id, rowid FROM chunks"))
        wanted = set(ids)
        fresh_by_id = {c.id: c for c in fresh if c.id in wanted}

        def drop(cid: str) -> None:
            rowid = have.pop(cid)
            (terms,) = conn.execute("SELECT terms FROM chunks WHERE rowid = ?", (rowid,)).fetchone()
            conn.execute("INSERT INTO fts(fts, rowid, terms) VALUES ('delete', ?, ?)", (rowid, terms))
            conn.execute("DELETE FROM chunks WHERE rowid = ?", (rowid,))

        for cid in [c for c in have if c not in wanted]:
            drop(cid)
        for c in fresh_by_id.values():  # the document just written: same text keeps its terms
            if c.id not in have:
                continue
            (key,) = conn.execute("SELECT key FROM chunks WHERE rowid = ?", (have[c.id],)).fetchone()
            if key == text_key(index_text(c)):
                conn.execute("UPDATE chunks SET record = ? WHERE rowid = ?", (c.model_dump_json(), have[c.id]))
            else:
                drop(c.id)
        missing = [i for i in ids if i not in have and i not in fresh_by_id]
        new = dict(fresh_by_id)
        if missing:
            new.update(fetch(missing))
        for cid in ids:
            rec = new.get(cid)
            if rec is None or cid in have:
                continue
            text = index_text(rec)
            terms = " ".join(term(t) for t in tokenize(text))
            cur = conn.execute("INSERT INTO chunks (id, record, key, terms) VALUES (?, ?, ?, ?)",
                               (cid, rec.model_dump_json(), text_key(text), terms))
            conn.execute("INSERT INTO fts(rowid, terms) VALUES (?, ?)", (cur.lastrowid, terms))

    def _write_stamp(self, stamp: str, count: int) -> None:
        tmp = self.folder / f"stamp.json.tmp-{os.getpid()}-{threading.get_ident()}"
        tmp.write_text(json.dumps({"stamp": stamp, "count": count, "tokenizer": TOKENIZER_VERSION,
                                   "format": KEYWORD_FORMAT}))
        os.replace(tmp, self.folder / "stamp.json")
