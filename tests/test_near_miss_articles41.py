"""Session 41's wrong figures end to end, on a real store: six articles of dev-41 ingested beside the bundled corpus,
near-misses written as a user would (a product, an export market, a kind of thing the article does not give; a peer the
article names once in passing; an English look-alike of the article's English name) refused, never the neighbouring
row's, the company total's or another company's figure or view; and what the articles do give, answered."""

from __future__ import annotations

import pytest

from support import CORPUS_EXTRA, assert_refused_without, engine_beside_corpus

DATA = CORPUS_EXTRA.parent / "dev-41" / "corpus"
ARTICLES = [DATA / name for name in (
    "news-410-hanling-woodear-documentary.md", "news-411-zhanxiang-sausage-guinness.md",
    "news-412-shilan-persimmon-earthquake.md", "news-416-shaying-lanterns-asian-games.txt",
    "news-417-pingye-chestnut-michelin.md", "news-418-bambrook-chopsticks-settlement.md",
    "news-419-jinzhen-embroidery-museum.md")]


@pytest.fixture(scope="module")
def engine(corpus_index, tmp_path_factory):
    return engine_beside_corpus(corpus_index, tmp_path_factory, "near-miss-41", ARTICLES, len(ARTICLES))


@pytest.mark.slow
@pytest.mark.parametrize(("question", "wrong"), [
    ("雪樵菌业2025年卖了多少吨木耳？", "1.12万吨"),  # a peer named once: not the article's company's volume
    ("雪樵菌业值得买吗？", "收入"),  # ... nor another company's view
    ("霜曦柿业的前景如何？", "云知声"),
    ("Is Ganyuan Foods a good investment?", "收入"),
    ("坪野食品的栗子酒去年卖了多少？", "85吨"),  # a kind of thing (酒) the chestnut maker's article never writes
    ("寒岭菌业的木耳酱卖了多少？", "1.12万吨"),
    ("柿岚农业出口越南收入是多少？", "泰铢"),  # an export market the article does not give: not Thailand's
    ("纱影灯业出口日本收入是多少？", "2,460万美元"),
    ("柿岚农业2025财年柿叶茶收入是多少？", "6.38亿"),  # a product: not the company total
    ("纱影灯业2025财年走马灯收入是多少？", "4.27亿"),
    ("栈香食品2025年腊鱼收入是多少？", "14.62亿"),
    ("What was Shilan's revenue from persimmon wine in FY2025?", "58,320"),
    ("What final dividend did Bambrook Furniture pay for FY2025?", "港仙"),  # the look-alike of Bambrook Tableware
    ("禾筷集团2025财年木筷销量是多少？", "36.5亿双"),  # another kind of the thing the article gives (竹筷)
    ("锦针绣艺博物馆的儿童门票多少钱？", "60元"),
    ("纱影灯业2025财年灯带销量是多少？", "1,180万盏"),
])
def test_a_near_miss_is_refused(engine, question, wrong):
    assert_refused_without(engine.ask(question), wrong)


@pytest.mark.slow
@pytest.mark.parametrize(("question", "facts", "wrong"), [
    ("寒岭菌业2025财年收入是多少？", ["8.74亿"], ["4.96亿"]),  # not the next half-year's, under its own heading
    ("寒岭菌业2026财年上半年收入是多少？", ["4.96亿"], ["612,340"]),  # not a row of the FY2025 table under it
    ("栈香食品的腊肠卖了多少？", ["3.86万吨"], []),  # the line of its volume first
    ("坪野食品湖北罗田采购了多少吨板栗？", ["11,200"], []),
    ("柿岚农业2026财年第一季度收入多少，比上年同期增长多少？", ["2.91亿", "10.2%"], []),
    ("How much did Hanling Junye sell online in February 2026, and what was the year-on-year increase?",
     ["1,360万", "57.2%"], []),
    ("霜曦柿业的厂房受损了吗？", ["轻微受损"], []),  # a peer's one line answers what it says
    ("纱影灯业2025财年灯笼销量是多少？", ["1,180万盏"], []),  # under the plain-text article's numbered heading
    ("What final dividend did Bambrook Tableware pay for FY2025?", ["港仙"], []),
])
def test_what_the_articles_give_is_answered(engine, question, facts, wrong):
    answer = engine.ask(question)
    assert not answer.refused, answer.text
    for fact in facts:
        assert fact in answer.text
    for w in wrong:
        assert w not in answer.text


@pytest.mark.slow
def test_a_cause_pointing_back_brings_the_sentence_it_points_at(engine):
    """"主要受上述应收款减值拖累": the earlier sentence stating the impairment (1,320万元) comes before the cause."""
    history = [{"role": "user", "content": "禾筷集团2025财年股东应占溢利多少？"},
               {"role": "assistant", "content": "禾筷集团2025财年股东应占溢利4,180万元，同比下降8.9%[1]。"}]
    answer = engine.ask("为什么会下降？", history)
    assert not answer.refused, answer.text
    assert answer.text.index("1,320万") < answer.text.index("上述应收款减值")
