"""Table-driven tests of the session-39 reader rules (dev-39's reader misses, by mechanism): a total asked with no price
named is a count times its price when one sentence states both, picked by the question's words; a share "taken by" a
party; an English operand's words in Chinese; a follow-up opening with a time pointer ("之后…") or saying "because of
this" points back; an English topic naming a company in Chinese is English."""

from __future__ import annotations

import pytest

from chatbot.compute import Fact, priced_count, read_derived
from chatbot.glossary import load_glossary


def _fact(lo, currency, clause, sentence):
    return Fact(lo, lo, "", currency, (str(lo), str(lo)), clause, set(), sentence, 0)


def test_a_count_and_its_price_picked_by_the_questions_words():
    a = "2025年加工皮棉21.8万吨，皮棉平均售价每吨1.526万元。"
    b = "公司在储备棉轮入竞买中合共成交皮棉2.46万吨，成交均价每吨15,880元。"
    facts = [_fact(218000, "吨", "2025年加工皮棉21.8万吨", a), _fact(15260, "CNY", "皮棉平均售价每吨1.526万元", a),
             _fact(24600, "吨", "合共成交皮棉2.46万吨", b), _fact(15880, "CNY", "成交均价每吨15,880元", b)]
    count, price = priced_count(facts, "储备棉轮入的成交总额是多少？", [["轮入"], ["成交"]])
    assert (count.lo, price.lo) == (24600, 15880)
    count, price = priced_count(facts, "总额是多少？")  # (no words: the first such sentence)
    assert (count.lo, price.lo) == (218000, 15260)


@pytest.mark.parametrize(("question", "kind"), [
    ("绡原棉业这次储备棉轮入的成交总额大概是多少亿元？", "product"),  # (a total amount, no price named)
    ("配售780万股、每股252港元，按此算配售总额多少？", "product"),
    ("What share of MiniMax's cornerstone subscription was taken by the Abu Dhabi Investment Authority?", "share"),
    ("云知声一共有多少员工？", None),  # ("一共" alone asks no total amount)
])
def test_a_derived_question_read(question, kind):
    dq = read_derived(question, load_glossary())
    assert (dq.kind if dq else None) == kind


@pytest.mark.parametrize(("question", "history", "standalone"), [
    ("之后股价最高涨到过多少？", ["智谱上市首日收盘价是多少？", "智谱首日收盘131.50港元[1]。"], "智谱股价最高涨到过多少？"),
    ("Should I sell the stock because of this?", ["Why was one of Zhipu's offices closed?", "… [1]."],
     "Why was one of Zhipu's offices closed: Should I sell the stock because of this?"),
    ("Should I sell the stock because of this?", ["Why was one of 智谱's offices closed?", "… [1]."],
     "Why was one of 智谱's offices closed: Should I sell the stock because of this?"),
])
def test_a_followup_pointing_back(question, history, standalone):
    from chatbot.followup import resolve_followup

    turns = [{"role": "user", "content": history[0]}, {"role": "assistant", "content": history[1]}]
    assert resolve_followup(question, turns, load_glossary()) == standalone


@pytest.mark.parametrize(("question", "intent"), [
    ("澪洲海洋最近有什么新消息？", "latest"),
    ("有什么新进展？", "latest"),
    ("What's new at Zhipu?", "latest"),
    ("最近一个季度收入多少？", "latest"),
])
def test_news_asked_is_the_latest(question, intent):
    from chatbot.intent import detect_intent

    assert detect_intent(question).name == intent


@pytest.mark.parametrize(("question", "entries", "unstated"), [
    ("按MiniMax 2025年全年收入算，市销率多少倍？", ["收盘市值约1054亿港元", "1月9日上市"], True),
    ("按MiniMax 2025年全年收入算，市销率多少倍？", ["2025年收入约5,340万美元"], False),
    ("市销率多少倍？", ["收盘市值约1054亿港元"], False),  # (no year asked)
])
def test_a_year_no_sentence_found_writes(question, entries, unstated):
    from chatbot.compose.base import Entry
    from chatbot.compose.figures import _year_unstated

    assert _year_unstated(question, [Entry(t) for t in entries]) is unstated


@pytest.mark.parametrize(("name", "phrasing"), [
    ("里列出", True),  # ("报告里列出的…": where, then what is done)
    ("里面提到", True),
    ("里昂证券", False),  # (a name opening with 里 as a word of its own)
])
def test_a_place_word_opens_no_name(name, phrasing):
    from chatbot.subjects import _opens_with_a_verb

    assert _opens_with_a_verb(name) is phrasing


@pytest.mark.parametrize(("question", "progress"), [
    ("翾羽禽业的禽流感疫情最新进展如何？", True),
    ("What is the latest on X's recall?", True),
    ("云知声最新的股价是多少？", False),  # (a figure: the latest figures)
    ("What is the latest revenue figure?", False),
])
def test_the_latest_of_a_matter(question, progress):
    import re

    from chatbot.intent import reader_config

    assert bool(re.search(reader_config()["recency"]["progress_asked"], question, re.I)) is progress


@pytest.mark.parametrize(("question", "intent"), [
    ("According to the report, what are the attractions and the risks of Hong Kong as a listing venue?", "pros_cons"),
    ("What are the merits and drawbacks of the deal?", "pros_cons"),
    ("What is the appeal of the plan?", "lookup"),  # (one side only: no pros and cons)
])
def test_attractions_and_risks(question, intent):
    from chatbot.intent import detect_intent

    assert detect_intent(question).name == intent
