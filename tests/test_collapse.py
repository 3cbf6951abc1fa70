"""Repeated text collapses to one copy (the asked company's document's, else the
earliest-dated), and the asked company's passage outranks its look-alikes: the rules
table-driven, then on a real store, a corpus sentence copied into a document about no
company."""

from __future__ import annotations

import pytest

from chatbot.collapse import collapse, docs_about, lookalike_prior, other_company_prior, sentences

# (text, doc id, date) best first
S = "云知声配售780万股新H股,每股252港元。"
CASES = [
    ("one copy each: all stay, in order",
     [("甲。", "a", "2026-01-01"), ("乙。", "b", "2026-01-02")], set(), [("甲。", "a"), ("乙。", "b")]),
    ("the asked company's copy wins over a better-ranked, earlier one",
     [(S, "wire", "2025-12-01"), (S, "own", "2026-01-20")], {"own"}, [(S, "own")]),
    ("no copy about the company: the earliest-dated one",
     [(S, "late", "2026-02-01"), (S, "early", "2025-11-30"), (S, "mid", "2026-01-01")], set(), [(S, "early")]),
    ("an undated copy loses to a dated one",
     [(S, "nodate", ""), (S, "dated", "2026-03-01")], set(), [(S, "dated")]),
    ("no date anywhere: the best-ranked copy",
     [(S, "x", ""), (S, "y", "")], set(), [(S, "x")]),
    ("normalised: width, spaces and case do not make another text",
     [("Revenue 23.58亿。", "a", "2026-01-02"), ("ｒｅｖｅｎｕｅ  23.58亿。", "b", "2026-01-01")], set(),
     [("ｒｅｖｅｎｕｅ  23.58亿。", "b")]),
    ("the kept copy takes its text's best place",
     [("乙。", "b", "2026-01-02"), (S, "wire", "2025-01-01"), ("丙。", "c", "2026-01-03"), (S, "own", "2026-01-20")],
     {"own"}, [("乙。", "b"), (S, "own"), ("丙。", "c")]),
    ("another text is no copy, however alike",
     [(S, "a", "2026-01-01"), (S.replace("252", "253"), "b", "2025-01-01")], set(),
     [(S, "a"), (S.replace("252", "253"), "b")]),
]


@pytest.mark.parametrize(("items", "about", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_collapse_keeps_one_copy(items, about, expected):
    kept = collapse(items, lambda i: i[0], lambda i: i[1], lambda i: i[2], about)
    assert [(k[0], k[1]) for k, _ in kept] == expected
    assert sum(len(copies) for _, copies in kept) == len(items)


PRIOR = [
    ("own passage shares a sentence with a better one: takes its score, which drops",
     [("x。" + S, "wire", 1.0), (S + "y。", "own", 0.5)], {"own"}, {0: 0.8, 1: 1.0}),
    ("no shared sentence: nothing changes",
     [("x" * 20 + "。", "wire", 1.0), (S, "own", 0.5)], {"own"}, {}),
    ("no document about the company: nothing changes",
     [("x。" + S, "wire", 1.0), (S, "other", 0.5)], set(), {}),
    ("a shared sentence shorter than the floor is no look-alike",
     [("涨幅109%。" + "x" * 20 + "。", "wire", 1.0), ("涨幅109%。", "own", 0.5)], {"own"}, {}),
    ("already ahead: keeps its own score",
     [(S, "own", 1.0), (S + "x。", "wire", 0.9)], {"own"}, {0: 1.0, 1: 0.9 * 0.8}),
]


@pytest.mark.parametrize(("items", "about", "expected"), [c[1:] for c in PRIOR], ids=[c[0] for c in PRIOR])
def test_lookalike_prior(items, about, expected):
    got = lookalike_prior(items, lambda i: i[0], lambda i: i[1], lambda i: i[2], about, 0.8, 12)
    assert got == pytest.approx(expected)


SENTENCES = [
    ("end marks split; each sentence normalised", "云知声配售780万股新H股。每股252港元,较前收市价折让！", 4,
     {"云知声配售780万股新h股。", "每股252港元,较前收市价折让!"}),
    ("a line without an end mark is a sentence of its own", "港股再融资观察\n配售新H股每股252港元", 4,
     {"港股再融资观察", "配售新h股每股252港元"}),
    ("semicolons split; a closing quote stays with its sentence", "他说：“收入翻倍。”其后回落；幅度10%。", 3,
     {"他说:“收入翻倍。”", "其后回落;", "幅度10%。"}),
    ("a decimal or a ticker is never cut", "收入23.58亿元,代码2513.HK。", 4, {"收入23.58亿元,代码2513.hk。"}),
    ("shorter than the floor: left out", "涨幅109%。" + "x" * 12 + "。", 12, {"x" * 12 + "。"}),
]


@pytest.mark.parametrize(("text", "floor", "expected"), [c[1:] for c in SENTENCES], ids=[c[0] for c in SENTENCES])
def test_sentences(text, floor, expected):
    assert sentences(text, floor) == expected


OTHERS = {"甲科技", "乙智能", "丙数据"}
OTHER = [
    ("names only another company, outside the asked one's documents: lower",
     [("乙智能收入:2023年4777万美元。", "news", 1.0), ("甲科技收入:2024年3052万美元。", "src", 0.6)], {"甲科技"}, set(),
     {0: 0.5}),
    ("names the asked company beside another: unchanged",
     [("甲科技与乙智能同日上市。", "news", 1.0)], {"甲科技"}, set(), {}),
    ("names no company (the market, '公司'): unchanged",
     [("公司收入:2023年4777万美元。", "news", 1.0)], {"甲科技"}, set(), {}),
    ("in a document about the asked company: unchanged, whatever it names",
     [("乙智能收入:2023年4777万美元。", "own", 1.0)], {"甲科技"}, {"own"}, {}),
    ("the question names no company: nothing changes",
     [("乙智能收入:2023年4777万美元。", "news", 1.0)], set(), set(), {}),
    ("two companies asked: a passage naming either is theirs",
     [("丙数据收入。", "a", 1.0), ("乙智能收入。", "b", 0.9)], {"甲科技", "乙智能"}, set(), {0: 0.5}),
]


@pytest.mark.parametrize(("items", "asked", "about", "expected"), [c[1:] for c in OTHER], ids=[c[0] for c in OTHER])
def test_other_company_prior(items, asked, about, expected):
    got = other_company_prior(items, lambda i: i[0], lambda i: i[1], lambda i: i[2], asked, about,
                              lambda t: {n for n in OTHERS if n in t}, 0.5)
    assert got == pytest.approx(expected)


def test_docs_about():
    subjects = {"a": {"云知声"}, "b": {"智谱", "MiniMax"}, "c": set()}
    assert docs_about({"MiniMax"}, subjects) == {"b"}
    assert docs_about(set(), subjects) == set()


COPY = """---
id: wire-copy
title: "港股再融资观察：配售新H股每股252港元"
publisher: 市场周报
date: 2025-12-01
language: zh
---

# 港股再融资观察

- 1月16日港股开市前,云知声公告按“尽最大努力”方式配售780万股新H股,每股252港元。
- 港股允许上市公司借一般性授权快速配售,每次配售都会稀释老股东。
"""


def test_answer_cites_the_companys_own_article(writable_engine, tmp_path):
    """The same sentence in the company's own article and, dated earlier, in a document
    about no company: the answer cites the company's article."""
    src = tmp_path / "copy"
    src.mkdir()
    (src / "wire-copy.md").write_text(COPY, encoding="utf-8")
    report = writable_engine.ingest([src], prune=False)
    assert report.added, report.summary()
    assert not report.failed, report.summary()
    assert not writable_engine.glossary.doc_subjects.get("wire-copy", set()) & {"云知声"}  # about no company
    answer = writable_engine.ask("云知声配售新H股每股多少港元？")
    assert "252港元" in answer.text, answer.text
    cited = [c.doc_id for c in answer.citations]
    assert cited[:1] == ["src-4"], cited
    assert "wire-copy" not in cited, cited


def test_nearest_among_a_documents_chunks_matches_chromas_filtered_query(engine):
    """The asked company's own passages are found by comparing their vectors fetched by id,
    which must rank and score as Chroma's own metadata-filtered query does."""
    store = engine.store
    docs = {"src-1", "src-5"}
    ids = [cid for d in sorted(docs) for cid in store.docs[d].chunk_ids]
    vec = store.embeddings.embed_query("智谱的IPO估值是多少？")
    ours = store.vectors.nearest_among(vec, ids, 5)
    res = store.vectors.collection.query(query_embeddings=[vec], n_results=5,
                                         where={"doc_id": {"$in": sorted(docs)}}, include=["distances"])
    assert [cid for cid, _ in ours] == res["ids"][0]
    assert [d for _, d in ours] == pytest.approx(res["distances"][0], abs=1e-4)
    assert store.vectors.nearest_among(vec, [], 5) == []
