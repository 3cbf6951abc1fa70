"""End-to-end run of `tests/data/stress-13/rdstruct.jsonl` (session 13, issue 12): reader questions that need a
document's structure — a summary, a how, pros and cons, a comparison — asked in other words than the sets the engine
was tuned on, over the dev-12 and dev-13 articles (ingested beside the bundled corpus and corpus-extra): 梳理/讲了哪几件事/
一句话概括/main takeaways/overview; 通过什么路径/靠什么/how does … cope; 优劣势/机会与风险/main risks/upsides and
downsides; 比一比/差别大吗/哪块…更好/versus. A plain-text filing's numbered headings ("三、并购及扩张") are its sections;
a news article's lede gives its figures after its dateline. What the engine still gets wrong is a strict xfail with the
reason."""

from __future__ import annotations

import pytest

from support import CORPUS_EXTRA, assert_reader_answer, engine_beside_corpus, stress_params

DATA = CORPUS_EXTRA.parent

KNOWN_FAILURES: dict[str, str] = {}


@pytest.fixture(scope="module")
def rdstruct_engine(corpus_index, tmp_path_factory):
    return engine_beside_corpus(corpus_index, tmp_path_factory, "stress13rdstruct",
                                 [CORPUS_EXTRA, DATA / "dev-12" / "corpus", DATA / "dev-13" / "corpus"], 12 + 10 + 10)


@pytest.mark.slow
@pytest.mark.parametrize("q", stress_params("stress-13", "rdstruct", KNOWN_FAILURES))
def test_stress13_reader_structure(rdstruct_engine, q):
    """Summary, how, pros-and-cons and comparison questions asked as a reader would, on articles nobody tuned for."""
    assert_reader_answer(rdstruct_engine.ask(q["question"], q.get("history")), q)
