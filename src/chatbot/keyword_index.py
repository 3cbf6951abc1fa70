"""The keyword index: BM25 over jieba tokens of the chunks the manifest names. tantivy
finds the candidates (top-k, keyword_search.py); SQLite keeps the records, the tokens
and the exact statistics and scores the candidates.

On disk, `<store>/keyword/` holds `index.sqlite`, `tantivy/` and `stamp.json`. The
database has the chunk records (`chunks`: id, record JSON, key of the tokenised text,
the tokens, their count), the document frequency of every token (`df`) and the total
token count (`meta`): the statistics of exactly the chunks indexed now, so a score does
not depend on the order of updates (tantivy's own statistics count deleted chunks until
their segment is merged). A question asks tantivy for a pool of candidates and scores
them with Lucene's BM25 from those exact statistics; `idf()` (evidence scoring) reads
`df` too.

Adding or removing a document changes only that document's rows and tantivy documents:
the cost follows the document, not the index (`apply`, when the files are the index the
writer last saw, reads only that document's rows; `build` compares every id, to repair or
catch up). One write: the SQLite transaction is
opened, tantivy commits (its commit carries the new stamp), SQLite commits, then
`stamp.json` is replaced atomically. A crash before tantivy's commit leaves both as they
were; one between the two commits leaves tantivy one step ahead of SQLite (their stamps
differ), and the next writer rebuilds tantivy from the stored tokens; a crash before
`stamp.json` leaves an index that looks stale, which the next writer repairs (finding
nothing to change) and a reader copies into memory.

A store of the previous format (SQLite FTS5, KEYWORD_FORMAT "3") is migrated once by
the next writer, from its own stored records and tokens (nothing is fetched from the
vector store or tokenised again), with a log line.

The interface the Store uses: `KeywordIndex(folder)`, `.stamp_on_disk()`, `.legacy()`,
`.open(stamp, ids, fetch)`, `.build(ids, stamp, fetch, fresh, persist)`,
`.apply(previous, stamp, removed, fresh)`, `.snapshot`,
`.forget()`, `.clear()`, and on a snapshot `.stamp`, `.by_id`, `len()`, `.records(ids)`,
`.search(query, k)` and `.idf(term)`.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import logging
import math
import os
import shutil
import sqlite3
import threading
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from chatbot.keyword_search import Row, TermIndex
from chatbot.lexicon import tokenizer_version
from chatbot.models import Chunk
from chatbot.text import tokenize

log = logging.getLogger(__name__)

KEYWORD_FORMAT = "4"  # SQLite records and statistics + tantivy (a change makes every index stale once)
LEGACY_FORMATS = {"3": "SQLite FTS5"}  # migrated from their stored records and (hex-encoded) tokens
DB_NAME = "index.sqlite"
ENGINE_DIR = "tantivy"
BUSY_TIMEOUT_S = 30.0  # a reader waits this long for a writer's commit
K1, B = 1.2, 0.75  # BM25's constants, as in Lucene and tantivy
POOL = 2  # tantivy candidates per hit asked for (at least k + 20), re-scored exactly

Fetch = Callable[[list[str]], dict[str, Chunk]]
"""Chunk records by id, from the vector store (for chunks the index has no copy of)."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS chunks (
    rowid INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT UNIQUE NOT NULL, record TEXT NOT NULL,
    key TEXT NOT NULL, terms TEXT NOT NULL, dl INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS df (term TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
"""


def index_text(chunk: Chunk) -> str:
    """What is embedded and keyword-indexed: the passage with its title and headings,
    so a bullet under "核心数字" still knows it is about 云知声."""
    return "\n".join([chunk.title, " / ".join(chunk.headings), chunk.text]).strip()


def text_key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def term(token: str) -> str:
    """A jieba token as one index term: without whitespace (terms are stored and given
    to tantivy joined by spaces), otherwise unchanged ("6.0亿元", "2513.hk")."""
    return "".join(token.split())


def terms_of(text: str) -> list[str]:
    """The index terms of a text, in order, repeats kept."""
    return [t for t in map(term, tokenize(text)) if t]


def index_stamp(ids: Iterable[str]) -> str:
    """What a keyword index over these chunk ids, made by this tokenizer and format,
    is stamped with."""
    return sorted_stamp(sorted(ids))


def sorted_stamp(sorted_ids: Sequence[str]) -> str:
    """`index_stamp` of ids sorted already."""
    key = "\n".join([f"tokenizer {tokenizer_version()}", f"keyword {KEYWORD_FORMAT}", *sorted_ids])
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def resorted(sorted_ids: Sequence[str], gone: Collection[str], added: Iterable[str]) -> list[str]:
    """`sorted_ids` without `gone` and with `added` (ids it does not hold), still sorted: one
    write's change to the ids a stamp covers, without sorting 100,000 ids again."""
    out = [i for i in sorted_ids if i not in gone] if gone else list(sorted_ids)
    for i in added:
        bisect.insort(out, i)
    return out


def bm25(tf: int, dl: int, avgdl: float, idf: float) -> float:
    """Lucene's BM25 term weight."""
    return idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * dl / avgdl))


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
    """One index as readers see it: a database and a tantivy view (the store's files,
    or in-memory copies when the files are stale) and the stamp they were opened for."""

    def __init__(self, conn: sqlite3.Connection, engine: TermIndex, stamp: str | None):
        self._conn = conn
        self._engine = engine
        self._lock = threading.Lock()  # one connection, shared by the threads of a server
        self.stamp = stamp
        self._n = self.query("SELECT count(*) FROM chunks")[0][0]
        tokens = self.query("SELECT value FROM meta WHERE key = 'tokens'")
        self._avgdl = (int(tokens[0][0]) / self._n if tokens and self._n else 0) or 1.0
        self._df: dict[str, int] = {}  # cache: a snapshot is replaced when the index changes
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
        out: dict[str, Chunk] = {}
        for i in range(0, len(ids), 500):
            part = list(ids[i : i + 500])
            rows = self.query(f"SELECT id, record FROM chunks WHERE id IN ({','.join('?' * len(part))})", part)
            out.update((cid, Chunk.model_validate_json(rec)) for cid, rec in rows)
        return out

    def texts(self, batch: int = 5000) -> Iterator[tuple[str, list[str], str]]:
        """(title, headings, passage) of every record, read in batches (no record objects)."""
        last = 0
        while True:
            rows = self.query("SELECT rowid, record FROM chunks WHERE rowid > ? ORDER BY rowid LIMIT ?", (last, batch))
            if not rows:
                return
            for _, rec in rows:
                d = json.loads(rec)
                yield d.get("title", ""), d.get("headings", []), d.get("text", "")
            last = rows[-1][0]

    def search(self, query: str, k: int) -> list[tuple[Chunk, float]]:
        """The k best chunks by BM25 (only those with a positive score): tantivy's top
        candidates, scored from the exact statistics."""
        toks = list(dict.fromkeys(terms_of(query)))
        if not self._n or not toks or k <= 0:
            return []
        rows = self._engine.top(toks, max(POOL * k, k + 20))
        if not rows:
            return []
        self._load_df(toks)
        idf = {t: self.idf(t) for t in toks}
        marks = ",".join("?" * len(rows))
        scored = []
        for rowid, rec, terms, dl in self.query(
                f"SELECT rowid, record, terms, dl FROM chunks WHERE rowid IN ({marks})", rows):
            tf = Counter(t for t in terms.split(" ") if t in idf)
            s = sum(bm25(f, dl, self._avgdl, idf[t]) for t, f in tf.items())
            if s > 0:
                scored.append((-s, rowid, rec))
        scored.sort()
        return [(Chunk.model_validate_json(rec), -s) for s, _, rec in scored[:k]]

    def _load_df(self, toks: list[str]) -> None:
        todo = [t for t in toks if t not in self._df]
        if todo:
            found = dict(self.query(f"SELECT term, n FROM df WHERE term IN ({','.join('?' * len(todo))})", todo))
            self._df.update({t: int(found.get(t, 0)) for t in todo})

    def df(self, token: str) -> int:
        """How many chunks hold this keyword token."""
        t = term(token)
        if t not in self._df:
            self._load_df([t])
        return self._df[t]

    def idf(self, token: str) -> float:
        """Inverse document frequency of a keyword token over the indexed chunks
        (a token no chunk holds gets the highest value)."""
        df = self.df(token)
        return math.log(1 + (self._n - df + 0.5) / (df + 0.5))


@dataclass
class _Change:
    """What one update did to the records, for tantivy and the statistics."""

    removed: list[str] = field(default_factory=list)
    added: list[Row] = field(default_factory=list)
    df: Counter = field(default_factory=Counter)
    tokens: int = 0

    def insert(self, conn: sqlite3.Connection, cid: str, record: str, key: str, terms: str) -> None:
        """A chunk's row; `terms`: its index terms joined by spaces."""
        toks = terms.split(" ") if terms else []
        cur = conn.execute("INSERT INTO chunks (id, record, key, terms, dl) VALUES (?, ?, ?, ?, ?)",
                           (cid, record, key, terms, len(toks)))
        self.added.append((cid, int(cur.lastrowid or 0), terms))
        self.df.update(set(toks))
        self.tokens += len(toks)

    def drop(self, conn: sqlite3.Connection, cid: str, rowid: int) -> None:
        terms, dl = conn.execute("SELECT terms, dl FROM chunks WHERE rowid = ?", (rowid,)).fetchone()
        conn.execute("DELETE FROM chunks WHERE rowid = ?", (rowid,))
        self.removed.append(cid)
        self.df.subtract(set(terms.split(" ")) - {""})
        self.tokens -= dl

    def save_statistics(self, conn: sqlite3.Connection) -> None:
        conn.executemany("INSERT INTO df VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET n = n + excluded.n",
                         [(t, n) for t, n in self.df.items() if n])
        gone = [t for t, n in self.df.items() if n < 0]
        for i in range(0, len(gone), 500):
            part = gone[i : i + 500]
            conn.execute(f"DELETE FROM df WHERE n <= 0 AND term IN ({','.join('?' * len(part))})", part)
        conn.execute("INSERT INTO meta VALUES ('tokens', ?) ON CONFLICT(key) DO UPDATE "
                     "SET value = CAST(value AS INTEGER) + ?", (self.tokens, self.tokens))


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

    def legacy(self) -> str | None:
        """The name of the previous format this folder holds (migrated by the next
        write), or None."""
        meta = self._meta()
        if meta.get("tokenizer") == tokenizer_version() and self.db_path.exists():
            return LEGACY_FORMATS.get(str(meta.get("format")))
        return None

    def forget(self) -> None:
        """Drop the snapshot in memory (the manifest changed under it)."""
        self.snapshot = None

    def clear(self) -> None:
        """Delete the index on disk and in memory."""
        shutil.rmtree(self.folder, ignore_errors=True)
        self.snapshot = None

    def open(self, stamp: str, ids: list[str], fetch: Fetch) -> KeywordSnapshot:
        """The index for `stamp`: the files if they match, else an in-memory copy brought
        up to date (stale after an interrupted write: the next writer repairs the files)."""
        if self.stamp_on_disk() == stamp and self.db_path.exists():
            conn = self._connect(self.db_path)
            try:
                if conn.execute("SELECT value FROM meta WHERE key = 'stamp'").fetchone() == (stamp,):
                    engine = TermIndex(self.folder / ENGINE_DIR)
                    if engine.stamp() == stamp:
                        self.snapshot = KeywordSnapshot(conn, engine, stamp)
                        return self.snapshot
                    log.warning("keyword search index %s is out of step with its records: "
                                "building it in memory", self.folder / ENGINE_DIR)
            except (sqlite3.DatabaseError, OSError, ValueError) as e:  # damaged by hand: the next writer repairs it
                log.warning("keyword index %s unreadable (%s): building it in memory", self.folder, e)
            conn.close()
        return self.build(ids, stamp, fetch, persist=False)

    def build(
        self, ids: list[str], stamp: str, fetch: Fetch, fresh: Sequence[Chunk] = (), persist: bool = True,
        terms: Callable[[str], list[str]] = terms_of,
    ) -> KeywordSnapshot:
        """Bring the index to exactly `ids`: rows of ids no longer listed are deleted,
        `fresh` chunks (the document just written) replace theirs, and only ids the index
        lacks are fetched and tokenised (a fresh chunk's index text by `terms`, which may
        know them already). Writers (holding the write lock) change the files
        (one transaction, one tantivy commit); readers (persist=False) change in-memory
        copies only."""
        meta = self._meta()
        reusable = meta.get("tokenizer") == tokenizer_version() and meta.get("format") == KEYWORD_FORMAT
        legacy = self.legacy()
        carried = self._legacy_rows() if legacy else []
        if legacy and persist:
            log.warning("keyword index %s is of the previous format (%s): migrating it once to %s "
                        "(tantivy) from its %d stored chunks", self.folder, legacy, KEYWORD_FORMAT, len(carried))
        if persist:
            if not reusable:
                shutil.rmtree(self.folder, ignore_errors=True)
            self.folder.mkdir(parents=True, exist_ok=True)
            conn = self._connect(self.db_path)
            engine = TermIndex(self.folder / ENGINE_DIR)
        else:
            conn = self._memory_copy(reusable)
            engine = TermIndex(None)
        conn.executescript(_SCHEMA)
        conn.execute("BEGIN IMMEDIATE")
        try:
            before = conn.execute("SELECT value FROM meta WHERE key = 'stamp'").fetchone()
            in_step = persist and not carried and engine.stamp() == (before[0] if before else None)
            if persist and not in_step and not carried:
                log.warning("keyword search index %s is out of step with its records (an interrupted "
                            "write): rebuilding it from the stored tokens", self.folder / ENGINE_DIR)
            change = _Change()
            for cid, record, key, toks in carried:
                change.insert(conn, cid, record, key, toks)
            self._update(conn, change, ids, fetch, fresh, terms)
            self._commit(conn, engine, change, stamp, in_step)
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        self.snapshot = KeywordSnapshot(conn, engine, stamp)
        if persist:
            self._write_stamp(stamp, len(self.snapshot))
        return self.snapshot

    def apply(self, previous: str, stamp: str, removed: Iterable[str], fresh: Sequence[Chunk],
              terms: Callable[[str], list[str]] = terms_of) -> bool:
        """A writer's change of one document, in time proportional to it: if the files
        are exactly the index for `previous` (records, tantivy and stamp.json), drop the
        `removed` chunk ids, add or refresh the `fresh` chunks (their index text's terms
        by `terms`) and stamp the result `stamp`, in one write as `build` does. False
        (nothing changed) when the files are not in that state: the caller then runs
        `build`, which compares every id."""
        meta = self._meta()
        if (meta.get("stamp") != previous or meta.get("tokenizer") != tokenizer_version()
                or meta.get("format") != KEYWORD_FORMAT or not self.db_path.exists()):
            return False
        conn = self._connect(self.db_path)
        try:
            engine = TermIndex(self.folder / ENGINE_DIR)
            conn.execute("BEGIN IMMEDIATE")
        except (sqlite3.DatabaseError, OSError, ValueError) as e:  # damaged by hand: `build` repairs it
            log.warning("keyword index %s unreadable (%s): rebuilding it", self.folder, e)
            conn.close()
            return False
        try:
            before = conn.execute("SELECT value FROM meta WHERE key = 'stamp'").fetchone()
            if before != (previous,) or engine.stamp() != previous:
                conn.execute("ROLLBACK")
                conn.close()
                return False
            change = _Change()
            fresh_ids = {c.id for c in fresh}
            for cid in dict.fromkeys(removed):
                if cid not in fresh_ids:
                    row = conn.execute("SELECT rowid FROM chunks WHERE id = ?", (cid,)).fetchone()
                    if row:
                        change.drop(conn, cid, row[0])
            for c in fresh:
                text = index_text(c)
                row = conn.execute("SELECT rowid, key FROM chunks WHERE id = ?", (c.id,)).fetchone()
                if row and row[1] == text_key(text):  # the same text keeps its terms
                    conn.execute("UPDATE chunks SET record = ? WHERE rowid = ?", (c.model_dump_json(), row[0]))
                    continue
                if row:
                    change.drop(conn, c.id, row[0])
                change.insert(conn, c.id, c.model_dump_json(), text_key(text), " ".join(terms(text)))
            self._commit(conn, engine, change, stamp, in_step=True)
        except BaseException:
            conn.execute("ROLLBACK")
            conn.close()
            raise
        self.snapshot = KeywordSnapshot(conn, engine, stamp)
        self._write_stamp(stamp, len(self.snapshot))
        return True

    @staticmethod
    def _commit(conn: sqlite3.Connection, engine: TermIndex, change: _Change, stamp: str, in_step: bool) -> None:
        """The statistics and the stamp into the open transaction, tantivy's commit (only
        the change when it was in step, else every row again), then SQLite's."""
        change.save_statistics(conn)
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('stamp', ?)", (stamp,))
        if in_step:
            engine.write(change.removed, change.added, stamp)
        else:
            every = ((cid, rowid, terms) for cid, rowid, terms in conn.execute("SELECT id, rowid, terms FROM chunks"))
            engine.write((), every, stamp, clear=True)
        conn.execute("COMMIT")

    def _memory_copy(self, reusable: bool) -> sqlite3.Connection:
        """An in-memory copy of the database (empty if the file is of another format)."""
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
        return conn

    def _legacy_rows(self) -> list[tuple[str, str, str, str]]:
        """(id, record, key, terms joined by spaces) of a previous format's database
        (format 3: each token hex-encoded); none if it cannot be read. One string per
        row, not a list of tokens: 100,000 rows stay ~250 MB."""
        try:
            src = sqlite3.connect(f"file:{self.db_path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
            try:
                return [(cid, rec, key, " ".join(t for t in (term(bytes.fromhex(h).decode("utf-8")) for h in hexed.split()) if t))
                        for cid, rec, key, hexed in src.execute("SELECT id, record, key, terms FROM chunks ORDER BY rowid")]
            finally:
                src.close()
        except (sqlite3.DatabaseError, ValueError) as e:
            log.warning("keyword index %s of the previous format unreadable (%s): rebuilding it", self.db_path, e)
            return []

    @staticmethod
    def _connect(path: Path) -> sqlite3.Connection:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S, check_same_thread=False, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")  # readers go on while a writer commits
        conn.execute("PRAGMA synchronous=NORMAL")
        return conn

    @staticmethod
    def _update(conn: sqlite3.Connection, change: _Change, ids: list[str], fetch: Fetch,
                fresh: Sequence[Chunk], terms: Callable[[str], list[str]] = terms_of) -> None:
        have = dict(conn.execute("SELECT id, rowid FROM chunks"))
        wanted = set(ids)
        fresh_by_id = {c.id: c for c in fresh if c.id in wanted}

        for cid in [c for c in have if c not in wanted]:
            change.drop(conn, cid, have.pop(cid))
        for c in fresh_by_id.values():  # the document just written: same text keeps its terms
            if c.id not in have:
                continue
            (key,) = conn.execute("SELECT key FROM chunks WHERE rowid = ?", (have[c.id],)).fetchone()
            if key == text_key(index_text(c)):
                conn.execute("UPDATE chunks SET record = ? WHERE rowid = ?", (c.model_dump_json(), have[c.id]))
            else:
                change.drop(conn, c.id, have.pop(c.id))
        missing = [i for i in ids if i not in have and i not in fresh_by_id]
        new = dict(fresh_by_id)
        if missing:
            new.update(fetch(missing))
        for cid in ids:
            rec = new.get(cid)
            if rec is None or cid in have:
                continue
            text = index_text(rec)
            change.insert(conn, cid, rec.model_dump_json(), text_key(text),
                          " ".join((terms if cid in fresh_by_id else terms_of)(text)))

    def _write_stamp(self, stamp: str, count: int) -> None:
        tmp = self.folder / f"stamp.json.tmp-{os.getpid()}-{threading.get_ident()}"
        tmp.write_text(json.dumps({"stamp": stamp, "count": count, "tokenizer": tokenizer_version(),
                                   "format": KEYWORD_FORMAT}))
        os.replace(tmp, self.folder / "stamp.json")
