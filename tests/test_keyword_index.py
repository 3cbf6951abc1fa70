"""Unit tests for chatbot.keyword_index on real files: the SQLite FTS5 index built,
reopened, searched, updated in place (only new or changed chunks are tokenised, the
result equals a build from scratch), copied into memory when stale, and its idf."""

from __future__ import annotations

import json

from chatbot.keyword_index import KeywordIndex, index_stamp
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
    assert {"index.sqlite", "stamp.json"} <= names <= {"index.sqlite", "index.sqlite-wal", "index.sqlite-shm", "stamp.json"}


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
    for q in ["云知声 收入", "大模型 估值", "订阅 收入", "配售"]:
        assert [(c.id, round(s, 9)) for c, s in snap.search(q, 4)] == \
               [(c.id, round(s, 9)) for c, s in scratch.search(q, 4)]
    assert {t: round(snap.idf(t), 9) for t in ["收入", "智谱", "云知声"]} == \
           {t: round(scratch.idf(t), 9) for t in ["收入", "智谱", "云知声"]}


def test_figures_and_tickers_stay_whole_terms(tmp_path):
    texts = {"x:1": ("甲", "收入6.0亿元，代码2513.HK。"), "x:2": ("乙", "收入60亿元，代码2513。")}
    ids = list(texts)
    snap = KeywordIndex(tmp_path / "keyword").build(ids, index_stamp(ids), Source(_chunks(texts)))
    assert _ids(snap.search("6.0亿元", 2))[0] == "x:1"
    assert snap.idf("2513.hk") > snap.idf("收入")
