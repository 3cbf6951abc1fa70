"""Unit tests for chatbot.keyword_index on real files: the index (SQLite records and
statistics, tantivy search) built, reopened, searched, updated in place (only new or
changed chunks are tokenised, the result equals a build from scratch), copied into
memory when stale, repaired after an interrupted write, migrated from the previous
format (SQLite FTS5), and its idf."""

from __future__ import annotations

import json
import logging
import math

from chatbot.keyword_index import KEYWORD_FORMAT, KeywordIndex, index_stamp
from chatbot.models import Chunk

TEXTS = {
    "a:1": ("云知声", "云知声2025年大模型相关业务收入预计约6.0亿元。"),
    "a:2": ("云知声", "公司于港交所主板上市，配售所得款项净额用于研发。"),
    "b:1": ("智谱", "智谱发布新一代大模型，估值超过四百亿元。"),
    "c:1": ("MiniMax", "MiniMax 的海外用户增长迅速，订阅收入翻倍。"),
}


def _chunks(texts=TEXTS) -> dict[str, Chunk]:
    return {cid: Chunk(id=cid, doc_id=cid.split(":")[0], title=t, text=x) for cid, (t, x) in texts.items()}


class Source:
    """The vector store's role: chunk records by id, with a log of what was asked."""

    def __init__(self, chunks: dict[str, Chunk]):
        self.chunks, self.asked = chunks, []

    def __call__(self, ids: list[str]) -> dict[str, Chunk]:
        self.asked += ids
        return {i: self.chunks[i] for i in ids if i in self.chunks}


def _ids(hits):
    return [c.id for c, _ in hits]


def test_search_ranks_the_matching_chunk_first(tmp_path):
    ids = list(TEXTS)
    snap = KeywordIndex(tmp_path / "keyword").build(ids, index_stamp(ids), Source(_chunks()))
    assert len(snap) == 4
    assert _ids(snap.search("智谱 估值", 3))[0] == "b:1"
    assert _ids(snap.search("配售 款项", 3))[0] == "a:2"
    assert snap.search("完全无关的词语", 3) == []  # no positive score, no hit
    assert snap.search("", 3) == []
    assert all(s > 0 for _, s in snap.search("收入", 10))


def test_a_saved_index_loads_with_the_same_results(tmp_path):
    ids, folder = list(TEXTS), tmp_path / "keyword"
    stamp = index_stamp(ids)
    built = KeywordIndex(folder).build(ids, stamp, Source(_chunks()))
    assert KeywordIndex(folder).stamp_on_disk() == stamp
    source = Source({})
    loaded = KeywordIndex(folder).open(stamp, ids, source)
    assert source.asked == []  # records come from disk, not from the vector store
    assert loaded.by_id == built.by_id
    assert [c.id for c in loaded.chunks] == ids
    for q in ["云知声 收入", "MiniMax 订阅", "大模型"]:
        assert [(c.id, round(s, 6)) for c, s in loaded.search(q, 4)] == \
               [(c.id, round(s, 6)) for c, s in built.search(q, 4)]
    names = {p.name for p in folder.iterdir()}
    assert {"index.sqlite", "tantivy", "stamp.json"} <= names <= \
           {"index.sqlite", "index.sqlite-wal", "index.sqlite-shm", "tantivy", "stamp.json"}


def test_a_rebuild_tokenises_only_new_and_changed_chunks(tmp_path, tokenised):
    folder = tmp_path / "keyword"
    first = ["a:1", "a:2", "b:1"]
    KeywordIndex(folder).build(first, index_stamp(first), Source(_chunks()))
    assert len(tokenised) == 3
    tokenised.clear()
    changed = _chunks({**TEXTS, "b:1": ("智谱", "智谱更正：估值约三百亿元。")})
    ids = [*first, "c:1"]
    source = Source(changed)
    snap = KeywordIndex(folder).build(ids, index_stamp(ids), source, fresh=[changed["b:1"]])
    assert source.asked == ["c:1"]  # a:1, a:2 from the stored records, b:1 given fresh
    assert sorted(t.split("\n")[0] for t in tokenised) == ["MiniMax", "智谱"]
    assert snap.by_id["b:1"].text.startswith("智谱更正")
    fresh = KeywordIndex(tmp_path / "scratch").build(ids, index_stamp(ids), Source(changed))
    for q in ["估值", "云知声 收入", "订阅"]:  # the same index a full build makes
        assert [(c.id, round(s, 6)) for c, s in snap.search(q, 4)] == \
               [(c.id, round(s, 6)) for c, s in fresh.search(q, 4)]


def test_removed_chunks_leave_the_index(tmp_path):
    folder = tmp_path / "keyword"
    ids = list(TEXTS)
    KeywordIndex(folder).build(ids, index_stamp(ids), Source(_chunks()))
    rest = ["a:1", "a:2", "c:1"]
    snap = KeywordIndex(folder).build(rest, index_stamp(rest), Source({}))
    assert "b:1" not in snap.by_id
    assert "b:1" not in _ids(snap.search("智谱", 4))
    assert KeywordIndex(folder).open(index_stamp(rest), rest, Source({})).by_id.keys() == set(rest)


def test_a_stale_index_is_rebuilt_in_memory_only(tmp_path):
    folder = tmp_path / "keyword"
    old = ["a:1", "a:2"]
    KeywordIndex(folder).build(old, index_stamp(old), Source(_chunks()))
    ids = list(TEXTS)
    snap = KeywordIndex(folder).open(index_stamp(ids), ids, Source(_chunks()))
    assert len(snap) == 4
    assert snap.stamp == index_stamp(ids)
    assert KeywordIndex(folder).stamp_on_disk() == index_stamp(old)  # a reader never writes


def test_an_index_of_another_format_is_not_reused(tmp_path, tokenised):
    folder = tmp_path / "keyword"
    ids = list(TEXTS)
    KeywordIndex(folder).build(ids, index_stamp(ids), Source(_chunks()))
    meta = json.loads((folder / "stamp.json").read_text())
    (folder / "stamp.json").write_text(json.dumps({**meta, "format": "old"}))
    tokenised.clear()
    source = Source(_chunks())
    KeywordIndex(folder).build(ids, index_stamp(ids), source)
    assert source.asked == ids
    assert len(tokenised) == 4


def test_idf_is_higher_for_rarer_terms(tmp_path):
    ids = list(TEXTS)
    snap = KeywordIndex(tmp_path / "keyword").build(ids, index_stamp(ids), Source(_chunks()))
    common, rare, absent = snap.idf("云知声"), snap.idf("智谱"), snap.idf("不存在的词")
    assert absent > rare > common > 0


def test_an_empty_index(tmp_path):
    idx = KeywordIndex(tmp_path / "keyword")
    snap = idx.build([], index_stamp([]), Source({}))
    assert len(snap) == 0
    assert snap.search("云知声", 5) == []
    assert snap.idf("云知声") > 0
    assert idx.stamp_on_disk() == index_stamp([])
    idx.clear()
    assert idx.snapshot is None
    assert idx.stamp_on_disk() is None
    assert not (tmp_path / "keyword").exists()


def test_the_stamp_names_the_set_of_ids():
    assert index_stamp(["a", "b"]) == index_stamp(["b", "a"])
    assert index_stamp(["a", "b"]) != index_stamp(["a"])


def test_updates_in_place_match_a_build_from_scratch(tmp_path):
    """Adding, replacing and removing chunks one document at a time leaves the index a
    build from scratch makes (same scores: FTS5 keeps its statistics exact)."""
    folder, chunks = tmp_path / "keyword", _chunks()
    idx = KeywordIndex(folder)
    steps = [["a:1"], ["a:1", "b:1"], ["a:1", "b:1", "c:1", "a:2"], ["b:1", "c:1", "a:2"]]
    for ids in steps:
        snap = idx.build(ids, index_stamp(ids), Source(chunks))
    scratch = KeywordIndex(tmp_path / "scratch").build(steps[-1], index_stamp(steps[-1]), Source(chunks))
    _same_scores(snap, scratch, ["云知声 收入", "大模型 估值", "订阅 收入", "配售"], ["收入", "智谱", "云知声"])


def _same_scores(snap, other, queries: list[str], terms: list[str]) -> None:
    for q in queries:
        assert [(c.id, round(s, 9)) for c, s in snap.search(q, 4)] == \
               [(c.id, round(s, 9)) for c, s in other.search(q, 4)]
    assert {t: round(snap.idf(t), 9) for t in terms} == {t: round(other.idf(t), 9) for t in terms}


def test_figures_and_tickers_stay_whole_terms(tmp_path):
    texts = {"x:1": ("甲", "收入6.0亿元，代码2513.HK。"), "x:2": ("乙", "收入60亿元，代码2513。")}
    ids = list(texts)
    snap = KeywordIndex(tmp_path / "keyword").build(ids, index_stamp(ids), Source(_chunks(texts)))
    assert _ids(snap.search("6.0亿元", 2))[0] == "x:1"
    assert snap.idf("2513.hk") > snap.idf("收入")


def _lucene_bm25(chunks: dict[str, Chunk], query_terms: list[str]) -> dict[str, float]:
    """Lucene's BM25 over these chunks, computed here from their tokens (k1 1.2, b 0.75)."""
    from chatbot.keyword_index import index_text, terms_of

    toks = {cid: terms_of(index_text(c)) for cid, c in chunks.items()}
    n, avgdl = len(toks), sum(map(len, toks.values())) / len(toks)
    out = {}
    for cid, ts in toks.items():
        s = 0.0
        for t in dict.fromkeys(query_terms):
            tf, df = ts.count(t), sum(t in other for other in toks.values())
            if tf:
                idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
                s += idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * len(ts) / avgdl))
        if s > 0:
            out[cid] = s
    return out


def test_scores_are_lucene_bm25_of_the_chunks_indexed_now(tmp_path):
    """After removals too: the statistics are those of the remaining chunks (tantivy's
    own would still count the removed ones until a merge)."""
    from chatbot.keyword_index import terms_of

    folder, chunks = tmp_path / "keyword", _chunks()
    idx = KeywordIndex(folder)
    idx.build(list(TEXTS), index_stamp(TEXTS), Source(chunks))
    rest = ["a:1", "b:1", "c:1"]
    snap = idx.build(rest, index_stamp(rest), Source(chunks))
    for q in ["云知声 收入", "大模型 估值", "订阅 收入 翻倍"]:
        want = _lucene_bm25({i: chunks[i] for i in rest}, terms_of(q))
        got = {c.id: s for c, s in snap.search(q, 10)}
        assert got.keys() == want.keys()
        assert all(math.isclose(got[i], want[i], rel_tol=1e-9) for i in want)


def test_a_search_index_ahead_of_its_records_is_rebuilt(tmp_path, caplog):
    """A crash between tantivy's commit and SQLite's: tantivy holds a newer stamp than
    the records. A reader copies into memory; the next writer rebuilds tantivy from the
    stored tokens (nothing fetched or tokenised again)."""
    from chatbot.keyword_search import TermIndex

    folder, ids = tmp_path / "keyword", list(TEXTS)
    KeywordIndex(folder).build(ids, index_stamp(ids), Source(_chunks()))
    TermIndex(folder / "tantivy").write(["a:1", "b:1"], [], "a newer stamp")  # committed; SQLite not
    reader = KeywordIndex(folder).open(index_stamp(ids), ids, Source(_chunks()))
    assert _ids(reader.search("智谱 估值", 3))[0] == "b:1"
    source = Source({})
    with caplog.at_level(logging.WARNING):
        snap = KeywordIndex(folder).build(ids, index_stamp(ids), source)
    assert "out of step" in caplog.text
    assert source.asked == []
    scratch = KeywordIndex(tmp_path / "scratch").build(ids, index_stamp(ids), Source(_chunks()))
    for q in ["智谱 估值", "云知声 收入", "订阅"]:
        assert [(c.id, round(s, 9)) for c, s in snap.search(q, 4)] == \
               [(c.id, round(s, 9)) for c, s in scratch.search(q, 4)]
    assert TermIndex(folder / "tantivy").stamp() == index_stamp(ids)


def write_legacy_index(folder, chunks: dict[str, Chunk], stamp: str) -> None:
    """A keyword folder as the previous version (format 3, SQLite FTS5) left it: records
    and hex-encoded tokens in `chunks`, an FTS5 table, stamp.json of format 3."""
    import sqlite3

    from chatbot.keyword_index import index_text, text_key
    from chatbot.lexicon import tokenizer_version
    from chatbot.text import tokenize

    folder.mkdir(parents=True)
    conn = sqlite3.connect(folder / "index.sqlite")
    conn.executescript("""
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE chunks (rowid INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, record TEXT NOT NULL,
                             key TEXT NOT NULL, terms TEXT NOT NULL);
        CREATE VIRTUAL TABLE fts USING fts5(terms, content='', tokenize='ascii');""")
    for c in chunks.values():
        text = index_text(c)
        terms = " ".join(t.encode("utf-8").hex() for t in tokenize(text))
        cur = conn.execute("INSERT INTO chunks (id, record, key, terms) VALUES (?, ?, ?, ?)",
                           (c.id, c.model_dump_json(), text_key(text), terms))
        conn.execute("INSERT INTO fts(rowid, terms) VALUES (?, ?)", (cur.lastrowid, terms))
    conn.execute("INSERT INTO meta VALUES ('stamp', ?)", (stamp,))
    conn.commit()
    conn.close()
    (folder / "stamp.json").write_text(json.dumps({"stamp": stamp, "count": len(chunks),
                                                   "tokenizer": tokenizer_version(), "format": "3"}))


def test_an_index_of_the_previous_format_is_migrated_from_its_own_records(tmp_path, tokenised, caplog):
    folder, ids = tmp_path / "keyword", list(TEXTS)
    write_legacy_index(folder, _chunks(), "old stamp")
    idx = KeywordIndex(folder)
    assert idx.legacy() == "SQLite FTS5"
    tokenised.clear()
    source = Source({})
    with caplog.at_level(logging.WARNING):
        snap = idx.build(ids, index_stamp(ids), source)
    assert "previous format (SQLite FTS5): migrating it once" in caplog.text
    assert source.asked == []  # records and tokens carried over
    assert tokenised == []
    assert idx.legacy() is None
    assert json.loads((folder / "stamp.json").read_text())["format"] == KEYWORD_FORMAT
    scratch = KeywordIndex(tmp_path / "scratch").build(ids, index_stamp(ids), Source(_chunks()))
    assert snap.by_id == scratch.by_id
    for q in ["智谱 估值", "云知声 收入", "6.0亿元", "订阅"]:
        assert [(c.id, round(s, 9)) for c, s in snap.search(q, 4)] == \
               [(c.id, round(s, 9)) for c, s in scratch.search(q, 4)]


def test_a_store_of_the_previous_format_is_migrated_once_by_its_first_reader(index_copy, caplog):
    """`chatbot serve` on a store the previous version built: the first question migrates
    the keyword side on disk (one write, logged) and finds what it found before."""
    import shutil

    from chatbot.store import Store
    from support import make_settings

    store = Store(make_settings(index_copy))
    questions = ["云知声 收入", "智谱 估值", "MiniMax 上市"]
    before = [[(c.id, round(s, 9)) for c, s in store.keyword_search(q, 5)] for q in questions]
    chunks = {c.id: c for c in store._keyword().chunks}
    shutil.rmtree(index_copy / "keyword")
    write_legacy_index(index_copy / "keyword", chunks, "the old stamp")

    reader = Store(make_settings(index_copy))
    assert reader.needs_repair()
    with caplog.at_level(logging.WARNING):
        after = [[(c.id, round(s, 9)) for c, s in reader.keyword_search(q, 5)] for q in questions]
    assert caplog.text.count("migrating it once") == 1
    assert after == before
    assert not Store(make_settings(index_copy)).needs_repair()
    assert reader.count()["keyword"] == len(chunks)


class _NoFetch(Source):
    """A vector store that must not be asked: `apply` works from the change alone."""

    def __call__(self, ids: list[str]) -> dict[str, Chunk]:
        raise AssertionError(f"asked for {ids}")


def test_apply_changes_one_document_and_matches_a_build_from_scratch(tmp_path, tokenised):
    """A writer that knows the change (chunks gone, chunks fresh) updates the files
    without listing every id; the result is what a full build makes, scores included."""
    folder, chunks = tmp_path / "keyword", _chunks()
    first = ["a:1", "a:2", "b:1"]
    KeywordIndex(folder).build(first, index_stamp(first), Source(chunks))
    tokenised.clear()
    changed = _chunks({**TEXTS, "b:1": ("智谱", "智谱更正：估值约三百亿元。")})
    steps = [  # (ids after, gone, fresh)
        (["a:1", "a:2", "b:1", "c:1"], set(), [changed["c:1"]]),
        (["a:1", "a:2", "b:1", "c:1"], set(), [changed["b:1"]]),  # replaced text
        (["a:1", "b:1", "c:1"], {"a:2"}, [chunks["a:1"]]),  # a document loses a chunk, a:1 unchanged
    ]
    before = first
    for ids, gone, fresh in steps:
        idx = KeywordIndex(folder)
        assert idx.apply(index_stamp(before), index_stamp(ids), gone, fresh) is True
        assert idx.snapshot is not None
        assert idx.snapshot.stamp == index_stamp(ids)
        assert idx.stamp_on_disk() == index_stamp(ids)
        before = ids
    assert sorted(t.split("\n")[0] for t in tokenised) == ["MiniMax", "智谱"]  # a:1's same text kept its terms
    snap = KeywordIndex(folder).open(index_stamp(before), before, _NoFetch({}))
    scratch = KeywordIndex(tmp_path / "scratch").build(before, index_stamp(before), Source(changed))
    assert snap.by_id.keys() == set(before)
    _same_scores(snap, scratch, ["估值", "云知声 收入", "订阅", "配售"], ["收入", "智谱", "配售"])


def test_apply_refuses_files_that_are_not_the_index_it_was_told(tmp_path):
    """Another state on disk (another stamp, tantivy out of step, another format, no
    index): nothing is written, and the caller falls back to a full build."""
    folder, chunks = tmp_path / "keyword", _chunks()
    ids = ["a:1", "b:1"]
    assert KeywordIndex(folder).apply(index_stamp([]), index_stamp(ids), set(), [chunks["a:1"]]) is False
    KeywordIndex(folder).build(ids, index_stamp(ids), Source(chunks))
    more = [*ids, "c:1"]
    assert KeywordIndex(folder).apply(index_stamp(["a:1"]), index_stamp(more), set(), [chunks["c:1"]]) is False
    meta = json.loads((folder / "stamp.json").read_text())
    (folder / "stamp.json").write_text(json.dumps({**meta, "format": "old"}))
    assert KeywordIndex(folder).apply(index_stamp(ids), index_stamp(more), set(), [chunks["c:1"]]) is False
    (folder / "stamp.json").write_text(json.dumps(meta))
    from chatbot.keyword_search import TermIndex
    TermIndex(folder / "tantivy").write([], [], "another stamp")  # tantivy a step ahead of the records
    assert KeywordIndex(folder).apply(index_stamp(ids), index_stamp(more), set(), [chunks["c:1"]]) is False
    assert KeywordIndex(folder).stamp_on_disk() == index_stamp(ids)
    snap = KeywordIndex(folder).build(more, index_stamp(more), Source(chunks))  # the fallback repairs
    assert snap.by_id.keys() == set(more)


# (ids before, ids gone, ids added): one write's change to the ids a stamp covers
STAMP_CHANGES = [
    (["a:1", "a:2", "b:1"], set(), ["c:1"]),  # a document added at the end
    (["b:1", "c:1"], set(), ["a:1", "a:2"]),  # ... and at the front
    (["a:1", "a:2", "b:1", "c:1"], {"a:1", "a:2"}, []),  # a document removed
    (["a:1", "a:2", "b:1"], {"a:2"}, ["a:3", "a:4"]),  # a document changed: one passage gone, two new
    (["a:1"], {"a:1"}, []),  # the last document removed
    ([], set(), ["news-08:0001", "news-08:0000"]),  # the first document, its ids in any order
]


def test_a_stamp_updated_by_a_writes_change_equals_one_of_every_id():
    from chatbot.keyword_index import resorted, sorted_stamp

    for before, gone, added in STAMP_CHANGES:
        ids = resorted(sorted(before), gone, added)
        after = (set(before) - gone) | set(added)
        assert ids == sorted(after), (before, gone, added)
        assert sorted_stamp(ids) == index_stamp(after), (before, gone, added)
