"""Derived figures read in the ways the session-14 reader questions asked them (issue 12; tests/data/stress-14/
reader.jsonl; dev-14's h11-r53 "驰萤电动三季度平均每辆车卖多少钱？"): an amount per counted thing (the amount over
the count in the thing's unit, config/reader.toml [compute] average_cue, counted_by), its formula checked by the
citation check, an average a source states itself, and a change "一共" asked between two periods. Table-driven;
real config, real glossary, real sentences of the open articles."""

from __future__ import annotations

import pytest

from chatbot.compose.figures import amount_and_count, states_average
from chatbot.compute import calculate, counted_unit, facts_in, read_derived, verify_formulas
from chatbot.glossary import load_glossary
from chatbot.intent import detect_intent, reader_config
from chatbot.text import normalize


@pytest.mark.parametrize(("question", "unit"), [
    ("驰萤电动三季度平均每辆车卖多少钱？", "辆"),
    ("昆岳特钢三季度平均每吨钢卖了多少钱？", "吨"),
    ("江海重工前三季度新签订单平均每艘船多少钱？", "艘"),
    ("恒念前九个月平均每座墓穴卖多少钱？", "座"),
    ("What was Youchi Used Cars' average revenue per vehicle traded in the second quarter?", "辆"),
    ("What was the average revenue per tonne of steel sold?", "吨"),
    # no average asked, or one per share (a stated figure, "每股收益"), or per a thing no unit counts
    ("驰萤电动三季度卖了多少辆车？", None),
    ("公司每股收益是多少？", None),
    ("What was the average price per share of the placing?", None),
])
def test_the_unit_an_average_is_asked_per(question, unit):
    assert counted_unit(question) == unit


@pytest.mark.parametrize("question", [  # (the company named is the catalogue's: the hand-kept glossary alone lacks it)
    "三季度平均每辆车卖多少钱？",
    "第二季度平均每辆车带来多少收入？",
    "What was the average revenue per tonne of steel sold in the third quarter?",
])
def test_an_average_per_counted_thing_is_a_derived_question(question):
    assert detect_intent(question).name == "derived"
    dq = read_derived(question, load_glossary())
    assert dq is not None
    assert dq.kind == "average"
    words = [w for g in dq.a.terms for w in g]
    assert "收入" in words  # no amount named ("卖多少钱"): the revenue
    assert not {"车", "钢", "vehicle", "tonne", "平均", "average"} & set(words), dq.a.terms  # the thing is no term
    assert dq.b.terms[0][0] in ("辆", "吨")


@pytest.mark.parametrize(("sentence", "formula"), [
    ("第三季度，公司电动两轮车销量312.5万辆，同比增长17.6%；收入68.9亿元，同比增长14.2%", "68.9亿÷312.5万≈2204.8元"),
    ("第二季度零售及批发交易量合计8.36万辆，较去年同期的6.91万辆增长21.0%；总收入为人民币24.8亿元", "24.8亿÷8.36万≈2.97万元"),
    ("截至9月30日，公司手持订单196艘、1,486万载重吨，金额约218亿美元", "218亿÷196≈1.11亿美元"),
])
def test_an_average_is_the_amount_over_the_count_and_the_check_accepts_it(sentence, formula):
    facts = facts_in(sentence)
    money = next(f for f in facts if f.currency in ("CNY", "USD"))
    count = max((f for f in facts if f.currency in ("辆", "艘")), key=lambda f: f.lo)
    calc = calculate("average", money, count)
    assert not isinstance(calc, str)
    assert calc.formulas == [formula]
    result = normalize(formula.split("≈")[1])
    assert result in verify_formulas(formula, normalize(sentence))
    wrong = formula.replace("≈2204.8", "≈2304.8").replace("≈2.97万", "≈3.97万").replace("≈1.11亿", "≈1.21亿")
    assert normalize(wrong.split("≈")[1]) not in verify_formulas(wrong, normalize(sentence))  # the arithmetic is checked


def test_an_average_is_never_two_amounts_or_two_counts():
    money = facts_in("收入68.9亿元")[0]
    count = facts_in("销量312.5万辆")[0]
    assert calculate("average", money, money) == "units"
    assert calculate("average", count, count) == "units"
    assert calculate("average", count, money) == "units"


@pytest.mark.parametrize(("text", "stated"), [
    ("吨均价:岱峰建材262元;鼎岩水泥248元", True),
    ("前九个月墓穴平均售价约为12.6万元人民币，较去年同期的13.9万元下降9.4%", True),
    # an order's price ("订单价格") or a change of the average in percent is no average stated
    ("部分订单价格上调了每吨150元至200元", False),
    ("岱峰建材的吨均价同比下降约6%，鼎岩水泥降幅约9%", False),
])
def test_an_average_the_source_states_itself(text, stated):
    assert states_average(text, reader_config()["compute"]["average_stated"]) is stated


class _Chunk:
    def __init__(self, doc_id: str):
        self.doc_id = doc_id


class _Passage:
    def __init__(self, doc_id: str):
        self.chunk = _Chunk(doc_id)


@pytest.mark.parametrize(("sentences", "amount", "count"), [
    # the amount its count's sentence states, not the year before's count it is compared with
    (["第二季度零售及批发交易量合计8.36万辆，较去年同期的6.91万辆增长21.0%；总收入为人民币24.8亿元"], "24.8亿", "8.36万"),
    # no amount in the count's sentence: the revenue, and of the same period's counts the one sold, the largest
    (["2025年第三季度单季实现营业收入86.4亿元人民币", "第三季度年设计产能650万吨",
      "第三季度特钢销量152万吨，同比增长5.2%。其中高端特钢品种销量41万吨"], "86.4亿", "152万"),
])
def test_the_amount_and_the_count_of_an_average(sentences, amount, count):
    dq = read_derived("三季度平均每吨钢卖了多少钱？" if "吨" in "".join(sentences)
                      else "第二季度平均每辆车带来多少收入？", load_glossary())
    assert dq is not None
    dq.a.entity = dq.b.entity = None
    facts = [f for i, s in enumerate(sentences) for f in facts_in(s, i)]
    a, b = amount_and_count(facts, [_Passage("doc") for _ in sentences], dq, lambda f, e: True)  # type: ignore[arg-type]
    assert a is not None
    assert b is not None
    assert (a.written[0], b.written[0]) == (amount, count)


@pytest.mark.parametrize(("question", "a_period", "b_period"), [
    # "一共" / "总共" of a change between two periods names no operand
    ("澄氦气体从FY2022到FY2024收入一共增长了百分之多少？", ("2024", None), ("2022", None)),
    ("昆岳特钢从一季度到三季度营业收入总共增长了百分之几？", (None, "Q3"), (None, "Q1")),
])
def test_a_change_asked_in_total_between_two_periods(question, a_period, b_period):
    dq = read_derived(question, load_glossary())
    assert dq is not None
    assert dq.kind == "growth"
    assert (dq.a.period, dq.b.period) == (a_period, b_period)
    assert not {"一共", "总共"} & {w for g in dq.a.terms for w in g}, dq.a.terms


@pytest.mark.parametrize(("question", "a_word"), [
    # "这次" / "此次" name no operand: "这次配售价" is read 这|次配|售价, and "次配售价" is in no source
    ("云知声这次配售价比前一天收盘价便宜了多少港元？", "配售价"),
    ("此次配售价比前一天收盘价低了多少？", "配售价"),
])
def test_this_time_is_no_word_of_an_operand(question, a_word):
    dq = read_derived(question, load_glossary())
    assert dq is not None
    assert dq.a.terms[0][0] == a_word, dq.a.terms


@pytest.mark.parametrize(("text", "unit", "stated"), [
    # a price per the asked unit is the average stated (dev-11 h8-q03 "自产煤平均每吨卖多少钱")
    ("三季度自产煤综合售价为每吨512元，同比下降18.6%；上半年这一数字为每吨538元", "吨", True),
    ("三季度自产煤综合售价为每吨512元", "辆", False),
    ("部分订单价格上调了每吨150元至200元", "吨", False),  # a change of the price, no average
    ("上半年食糖销量47.3万吨，但平均售价同比下降5.8%，至每吨6,120元", "吨", True),
    ("商品煤产量一季度2,460万吨、二季度2,530万吨、三季度2,615万吨", "吨", False),
])
def test_a_price_per_the_asked_unit_is_an_average_stated(text, unit, stated):
    assert states_average(text, reader_config()["compute"]["average_stated"], unit) is stated


def test_a_price_per_unit_is_never_the_amount_divided():
    dq = read_derived("三季度自产煤平均每吨卖多少钱？", load_glossary())
    assert dq is not None
    dq.a.entity = dq.b.entity = None
    facts = [f for i, s in enumerate(["三季度自产煤综合售价为每吨512元", "三季度商品煤产量2,615万吨"]) for f in facts_in(s, i)]
    a, b = amount_and_count(facts, [_Passage("doc"), _Passage("doc")], dq, lambda f, e: True)  # type: ignore[arg-type]
    assert (a, b) == (None, None)


@pytest.mark.parametrize(("question", "quoted"), [
    # a price asked: an average the source states answers it ("单车平均售价约为2.4万元", "每吨512元")
    ("三季度平均每辆车卖多少钱？", True),
    ("At what average price per tonne did it sell its sugar?", True),
    # an amount named: computed from the amount and the count (a selling price is no revenue per car)
    ("第二季度平均每辆车带来多少收入？", False),
    ("What was the average revenue per vehicle traded in the second quarter?", False),
])
def test_a_stated_average_answers_a_price_not_a_named_amount(question, quoted):
    dq = read_derived(question, load_glossary())
    assert dq is not None
    assert dq.kind == "average"
    assert bool(dq.stated) is quoted
