"""Session 42's misses and wrong figures end to end, on a real store: eight articles of dev-42 ingested beside the bundled
corpus. English questions over Chinese articles answered (a region's sales asked "how much did X sell", export sales
written 销售额, a language adjective naming a country, a place by its sound); a sentence opening with the head word the
passage named before answers for it; near-misses refused (an export market no sentence names, a rare craft, English
look-alikes of pinyin names), never a neighbouring figure."""

from __future__ import annotations

import pytest

from support import CORPUS_EXTRA, assert_answered_with, assert_refused_without, engine_beside_corpus

DATA = CORPUS_EXTRA.parent / "dev-42" / "corpus"
ARTICLES = [DATA / name for name in (
    "news-420-yinju-tangerine-peel-warehouse.md", "news-421-aohu-hairy-crab-state-banquet.md",
    "news-422-shafeng-folding-fan-red-dot.md", "news-423-curdmere-bean-curd-anniversary.md",
    "news-424-jumei-chrysanthemum-ciie.md", "news-426-xiepu-batik-industry-college.txt",
    "news-427-cardistra-playing-cards-gala.md",
    "news-429-suisuan-garlic-maiden-voyage.md")]


@pytest.fixture(scope="module")
def engine(corpus_index, tmp_path_factory):
    return engine_beside_corpus(corpus_index, tmp_path_factory, "near-miss-42", ARTICLES, len(ARTICLES))


@pytest.mark.slow
@pytest.mark.parametrize(("question", "wrong"), [
    ("窨橘控股出口新加坡的销售额是多少？", "286万澳元"),  # a market no sentence names: not Australia's
    ("濉蒜农业天津至桑托斯直航航程多少天？", "32天"),  # a port the route does not start from
    ("What was Shafeng Paper's revenue in 2025?", "5.82亿"),  # a look-alike: the fan maker's article writes no 纸
    ("What is Jumei Coffee's interim revenue?", "2.36亿"),  # ... the tea maker's no 咖啡
    ("缬朴染艺扎染产品收入多少？", "3.16亿"),  # a craft the batik maker's article does not write: not its total
])
def test_a_near_miss_is_refused(engine, question, wrong):
    assert_refused_without(engine.ask(question), wrong)


@pytest.mark.slow
@pytest.mark.parametrize(("question", "facts"), [
    ("How many tonnes did Aohu Aquatic produce at its Hongze Lake base?", ["1,980吨"]),  # 洪泽湖 by its sound
    ("How much did Shafeng Fan Art sell in North America in 2025?", ["860万美元"]),  # a region's sales: money
    ("How much did Yinju Holdings sell in Australia in FY2025?", ["286万澳元"]),  # 销售额 answers "sell"
    ("What were Xiepu Batik's export sales to Indonesia in FY2025?", ["215亿印尼盾"]),  # sales: 销售额
    ("窨橘控股新的陈化仓储基地要投多少钱？", ["3.6亿"]),  # 新基地 of the 新陈化仓储基地 named before
    ("濉蒜农业青岛至桑托斯直航航程多少天？", ["32天"]),  # 直航航程 of the 青岛至巴西桑托斯…直航 named before
    ("What revenue did Curdmere Foods report for the nine months to 31 December 2025, and how fast did it grow?",
     ["689.7", "7.4%"]),  # the level and its growth, both asked
])
def test_what_the_articles_give_is_answered(engine, question, facts):
    assert_answered_with(engine.ask(question), facts)


@pytest.mark.slow
def test_a_language_adjective_of_a_country_the_article_writes_is_no_unknown_company(engine):
    answer = engine.ask("What are the pros and cons of Jumei Tea's new Dutch drying lines?")
    assert not answer.refused, answer.text
    assert not any("Dutch" in n for n in answer.notices)


@pytest.mark.slow
@pytest.mark.parametrize(("question", "facts", "not_quoted"), [
    ("窨橘控股为什么要再建一个陈化仓库？", ["三年以上", "仓容不足"], ""),  # the cause its own passage gives
    ("琰牌控股怎么看春晚带来的销量增长？它的结论是什么？", ["并非付费植入", "未必可持续"], "虚构"),  # its own view
    ("濉蒜农业认为开通巴西直航最终能带来什么好处？", ["降低损耗"], ""),
])
def test_a_reader_question_on_an_announcement(engine, question, facts, not_quoted):
    answer = engine.ask(question)
    assert_answered_with(answer, facts)
    assert not not_quoted or not_quoted not in answer.text
