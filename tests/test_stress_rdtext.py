"""End-to-end run of `tests/data/stress-11/rdtext.jsonl` (session 11): reader questions answered from the text, written
over the dev-8, dev-9 and dev-10 articles (ingested beside the bundled corpus and corpus-extra) in other words than
dev-11's, one step each: a document's conclusion asked with a comparison word that only describes it ("那篇对比专栏的
结论"); an outlook follow-up opening with a generic subject ("管理层对下半年怎么看？") on an article with no concluding
section; pros and cons of a company from its own article; why questions whose cause sentence is not the look-up's
pick or whose document names the topic only in its top heading; summaries of sections holding a table; definitions.
What the engine still gets wrong is a strict xfail with the reason."""

from __future__ import annotations

import pytest

from support import CORPUS_EXTRA, assert_reader_answer, engine_beside_corpus, question_params
from test_reader_articles import _load

DATA = CORPUS_EXTRA.parent
STRESS = _load(DATA / "stress-11" / "rdtext.jsonl")
# session 12: definitions asked with no definition cue ("X是什么？") whose article defines the term (是/指/即, a gloss or
# the term in brackets, a list of terms), and advice asked with a word for "now" in it, over the dev-9 and dev-10
# articles and corpus-extra
STRESS12 = _load(DATA / "stress-12" / "rdtext.jsonl")

KNOWN_FAILURES: dict[str, str] = {
    "rdtext-07": "茶屿有哪些亮点和隐忧？ — the downside sentence ('同品牌门店相互\"抢客\"…新店的回本周期正在拉长') holds no "
                 "stance word and no heading or announcing line gives it a side: only the upside is quoted",
}


@pytest.fixture(scope="module")
def rdtext_engine(corpus_index, tmp_path_factory):
    return engine_beside_corpus(corpus_index, tmp_path_factory, "stress11rdtext",
                                 [CORPUS_EXTRA, DATA / "dev-8" / "corpus", DATA / "dev-9" / "corpus", DATA / "dev-10" / "corpus"],
                                 12 + 10 + 10 + 10)


@pytest.mark.slow
@pytest.mark.parametrize("q", question_params(STRESS, KNOWN_FAILURES))
def test_stress11_reader_text(rdtext_engine, q):
    """Conclusion, outlook, pros and cons, why, summary and definition questions asked as a reader would."""
    assert_reader_answer(rdtext_engine.ask(q["question"], q.get("history")), q)


KNOWN_FAILURES_12: dict[str, str] = {
    "rdtext-31": "养猪企业常说的完全成本是什么？ — refused before any composition: '养猪' is taken for a company no document "
                 "names (names: unknown_names); asked as '完全成本是什么？' it is answered",
    "rdtext-32": "猪企的PSY是什么？ — refused before any composition: '猪企' is taken for a company no document names "
                 "(names: unknown_names); asked as 'PSY是什么？' it is answered",
    "rdtext-34": "港股科企专线是什么？ — no sentence defines 科企专线 by the [definition] patterns (it is described: "
                 "'推出“科企专线”,对象是…'), so the tentative definition yields to the look-up, which gives the facts; "
                 "the intent reads lookup",
    "rdtext-35": "恒年生活服务眼下还值得长期持有吗？ — advice now (was latest), but the advice composer looks for the company "
                 "among the glossary's companies only: 恒年生活服务 is not one, so it quotes the report's assessment and "
                 "lists, not news-109",
}


@pytest.mark.slow
@pytest.mark.parametrize("q", question_params(STRESS12, KNOWN_FAILURES_12))
def test_stress12_reader_text(dev9_dev10_engine, q):
    """A term's definition asked as 'X是什么', and advice asked about buying now: the definition, the no-advice line."""
    assert_reader_answer(dev9_dev10_engine.ask(q["question"], q.get("history")), q)
