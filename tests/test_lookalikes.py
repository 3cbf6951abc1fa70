"""With the twelve further articles of ../shared/corpus-extra ingested beside the
bundled corpus (other AI listings, other companies' revenues, losses and
valuations), answers still come from the right company's document, and questions
about the new articles are answerable right after ingestion."""

from __future__ import annotations

import shutil

import pytest

from chatbot.evaluation import missing_facts, question_dicts
from support import CORPUS_EXTRA, QUESTIONS, make_settings, question_params

QUESTION_SET = question_dicts(QUESTIONS)
BUNDLED = {"report", *(f"src-{i}" for i in range(1, 7))}

# What the new articles legitimately change, and what still fails.
CHANGED = {
    "q16": "news-05 (a law firm's note) states the 科企专线 date first-hand",
    "q46": "news-05 gives the 2024 thresholds with their dates",
    "q73": "news-02 gives MiniMax's exact first-day close (1054亿港元) instead of 'over 1000亿'",
    "q83": "news-03 holds 壁仞's offer price, so this question is answerable now",
}
FAILS = {
    "q17": "a two-part question: the 科企专线 sentence of news-05 wins over the 18C one for both parts",
}

EXTRA_QUESTIONS = [
    ("商汤2025年上半年收入是多少？", "23.58亿", "news-07"),
    ("What was SenseTime's revenue in the first half of 2025?", "23.58亿", "news-07"),
    ("第四范式上半年收入多少？", "26.26亿", "news-08"),
    ("地平线征程芯片上半年出货多少套？", "198万套", "news-09"),
    ("黑芝麻智能上半年毛利率是多少？", "24.8%", "news-10"),
    ("IDC统计2025年上半年中国公有云大模型调用量是多少？", "536.7万亿", "news-11"),
    ("壁仞科技招股孖展多少？", "3843.79亿港元", "news-03"),
    ("天数智芯的发行价是多少？", "144.6港元", "news-04"),
    ("MiniMax上市首日涨幅多少？", "109%", "news-02"),
    ("智谱香港公开发售超购多少倍？", "1159.46倍", "news-01"),
    ("云知声超额配股权额外净募资多少？", "4560万港元", "news-12"),
]
EXTRA_REFUSALS = ["地平线2025年全年收入是多少？", "商汤的市盈率是多少？", "第四范式的员工人数是多少？"]


@pytest.fixture(scope="module")
def extended(corpus_index, tmp_path_factory):
    from chatbot.engine import Engine

    path = tmp_path_factory.mktemp("extended") / "index"
    shutil.copytree(corpus_index, path)
    engine = Engine(make_settings(path))
    report = engine.ingest([CORPUS_EXTRA], prune=False)
    assert len(report.added) == 12, report.summary()
    assert not report.failed, report.summary()
    return engine


def _company_tickers(engine, text: str) -> set[str]:
    g = engine.glossary
    return {g.tickers[e] for e in g.entities(text) if e in g.tickers}


@pytest.mark.parametrize(
    "q",
    question_params([q for q in QUESTION_SET if q["answerable"] and q["id"] not in CHANGED], FAILS),
)
def test_bundled_questions_still_answered_from_the_right_documents(extended, q):
    a = extended.ask(q["question"], q.get("history"))
    assert not a.refused
    missing = missing_facts(a.text, q["expected_facts"])
    assert not missing, a.text
    asked = _company_tickers(extended, a.standalone_question)
    assert {c.doc_id for c in a.citations} & set(q["expected_sources"]) or asked, a.text
    for c in a.citations:
        doc = extended.store.docs[c.doc_id]
        if c.doc_id not in BUNDLED and asked:  # a new article only for its own company
            assert set(doc.tickers) & asked, f"{q['id']}: cited {c.doc_id} {doc.tickers} for {asked}"


@pytest.mark.parametrize("q", [q for q in QUESTION_SET if not q["answerable"] and q["id"] not in CHANGED], ids=lambda q: q["id"])
def test_bundled_refusals_still_refused(extended, q):
    a = extended.ask(q["question"], q.get("history"))
    assert a.refused, a.text


def test_changed_answers_are_right(extended):
    a = extended.ask("壁仞科技的IPO发行价是多少？")
    assert "19.6港元" in a.text
    assert a.citations[0].doc_id == "news-03"
    b = extended.ask("MiniMax上市首日收盘市值是多少？")
    assert "1054亿港元" in b.text


@pytest.mark.parametrize(("question", "fact", "doc_id"), EXTRA_QUESTIONS)
def test_new_articles_answerable(extended, question, fact, doc_id):
    a = extended.ask(question)
    assert fact in a.text, a.text
    assert a.citations[0].doc_id == doc_id


@pytest.mark.parametrize("question", EXTRA_REFUSALS)
def test_near_misses_in_new_articles_refused(extended, question):
    a = extended.ask(question)
    assert a.refused, a.text
