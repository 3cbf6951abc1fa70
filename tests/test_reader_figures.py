"""Reader questions answered with figures, asked in words the sets did not use (session 13, issue 12;
tests/data/stress-13/rdfig.jsonl): the intent cues of config/reader.toml, the operands a derived question
reads, and the period a figure's clause stands for. Table-driven; real config, real glossary."""

from __future__ import annotations

import pytest

from chatbot.compute import Operand, at_midpoint, facts_in, is_qualified, range_ends, read_derived, verify_formulas
from chatbot.glossary import load_glossary
from chatbot.intent import detect_intent, is_numeral_word


@pytest.mark.parametrize(("question", "intent"), [
    # a definition asked as "how to understand X": no "how" question
    ("铜矿股文章里说的“矿产铜”该怎么理解？", "definition"),
    ("该如何理解C1现金成本？", "definition"),
    ("How should I understand the C1 cash cost?", "definition"),
    ("怎么理解收入增长而利润下滑的原因？", "why"),  # a cause asked: the why
    ("公司怎么提高毛利率？", "how"),  # 怎么 of a way stays a how
    # advice asked as taking a position now ("建仓", "上车"), or as a good idea to invest
    ("江海重工订单排到2028年了，现在可以建仓吗？", "advice"),
    ("这只股票能不能上车？", "advice"),
    ("Is it a good idea to invest in Zhusheng Equipment Rental after its profit drop?", "advice"),
    ("Is now a wise time to buy the shares?", "advice"),
    ("券商给了华岭纸业买入评级吗？", "lookup"),  # a rating asked about, no advice asked
    ("公司目前可以布局海外市场吗？", "latest"),  # 布局 of a market, not of a position: no advice
    # a share asked in other words
    ("江海重工第三季度的营收在前三季度里占了几成？", "derived"),
    ("经营租赁收入在总收入中占多大比重？", "derived"),
])
def test_reader_figure_intents_in_other_words(question, intent):
    assert detect_intent(question).name == intent


@pytest.mark.parametrize(("word", "numeral"), [
    ("一个", True), ("多少", True), ("亿美元", True), ("万吨", True),
    ("金额", False), ("收入", False), ("订单", False), ("产糖量", False),
])
def test_numerals_and_units_name_no_operand(word, numeral):
    assert is_numeral_word(word) is numeral


@pytest.mark.parametrize(("question", "a_period", "b_period", "b_terms"), [
    # the share's whole ends at its place word and share verb ("前三季度里占了"): the same metric for two periods
    ("江海重工第三季度的营收在前三季度里占了几成？", (None, "Q3"), (None, "Q1-3"), None),
    # a unit asked ("多少亿美元") is no term of either figure
    ("江海重工三季度新签合同金额比一季度少了多少亿美元？", (None, "Q3"), (None, "Q1"), None),
])
def test_operands_of_a_derived_question(question, a_period, b_period, b_terms):
    dq = read_derived(question, load_glossary())
    assert dq is not None
    assert (dq.a.period, dq.b.period) == (a_period, b_period)
    for op in (dq.a, dq.b):
        words = [w for g in op.terms for w in g]
        assert not any(w in ("里占", "亿美元", "一个", "多少") for w in words), op.terms
        assert op.terms == dq.a.terms  # the same figure for two periods


@pytest.mark.parametrize(("sentence", "written", "period"), [
    # "其中第三季度…" names a part of the period before: the clause after it speaks of that period again
    ("前三季度公司收入58.7亿元，同比增长7.3%，其中第三季度收入20.6亿元；经营租赁收入41.2亿元。", "41.2亿", (None, "Q1-3")),
    ("前三季度公司收入58.7亿元，同比增长7.3%，其中第三季度收入20.6亿元；经营租赁收入41.2亿元。", "20.6亿", (None, "Q3")),
    ("前三季度公司收入58.7亿元，同比增长7.3%，其中第三季度收入20.6亿元；经营租赁收入41.2亿元。", "58.7亿", (None, "Q1-3")),
    # a clause with a period of its own and no 其中 still carries it ("第三季度…；当季净利润…")
    ("单看第三季度，营业收入109.8亿元，同比增长22.1%；当季净利润8.3亿元。", "8.3亿", (None, "Q3")),
])
def test_a_clause_naming_a_part_of_the_period_carries_it_no_further(sentence, written, period):
    f = next(f for f in facts_in(sentence) if f.written[0] == written)
    assert f.periods == {period}


@pytest.mark.parametrize(("question", "kind", "a_period", "b_period"), [
    # two balance dates of one figure ("从2024年末到2025年6月末"): the later against the earlier
    ("金蝶的云订阅ARR从2024年末到2025年6月末增长了多少？", "growth", ("2025", "M06-end"), ("2024", "end")),
    ("公司在手现金从2025年3月末到2025年9月末减少了多少？", "difference", ("2025", "M09-end"), ("2025", "M03-end")),
    ("公司现金从2025年3月末到9月末减少了多少？", "difference", ("2025", "M09-end"), ("2025", "M03-end")),
])
def test_a_change_between_two_balance_dates(question, kind, a_period, b_period):
    dq = read_derived(question, load_glossary())
    assert dq is not None
    assert (dq.kind, dq.a.period, dq.b.period) == (kind, a_period, b_period)


@pytest.mark.parametrize(("question", "midpoint", "range_ends", "kind"), [
    ("按预告区间的中值算，云知声2025年大模型收入大约是2024年的多少倍？", True, False, "multiple"),
    ("At the midpoint, Unisound's 2025 revenue is how many times its 2024 revenue?", True, False, "multiple"),
    ("MiniMax的IPO估值上限比下限多出多少亿港元？", False, True, "difference"),
    ("云知声2025年大模型收入大约是2024年的多少倍？", False, False, "multiple"),
])
def test_a_range_asked_at_its_midpoint_or_by_its_ends(question, midpoint, range_ends, kind):
    dq = read_derived(question, load_glossary())
    assert dq is not None
    assert (dq.midpoint, dq.range_ends, dq.kind) == (midpoint, range_ends, kind)
    assert not any(w in ("中值", "上限", "下限", "midpoint") for g in dq.a.terms for w in g), dq.a.terms


@pytest.mark.parametrize(("written", "mid", "formula"), [
    ("2025年收入预计约人民币6.0亿–6.2亿元", "6.1亿", "(6.0亿+6.2亿)÷2≈6.1亿"),
    ("估值约461亿–504亿港元", "482.5亿", "(461亿+504亿)÷2≈482.5亿"),
    ("2024年收入5187万元", "5187万", ""),  # one figure: as it is
])
def test_a_range_at_its_midpoint(written, mid, formula):
    f, shown = at_midpoint(facts_in(written)[0])
    assert (f.written[0], shown) == (mid, formula)
    assert f.lo == f.hi


def test_a_range_by_its_ends():
    ends = range_ends(facts_in("MiniMax约461亿–504亿港元")[0])
    assert ends is not None
    high, low = ends
    assert (high.written[0], low.written[0], high.lo - low.lo) == ("504亿", "461亿", 43e8)
    assert range_ends(facts_in("智谱约511亿港元")[0]) is None


@pytest.mark.parametrize(("sentence", "evidence", "accepted"), [
    # a midpoint is an input of the formula after it only when both ends are cited and it is their mean
    ("(6.0亿+6.2亿)÷2≈6.1亿，6.1亿÷5187万≈11.76倍", "收入预计约人民币6.0亿–6.2亿元,2024年同口径约5187万元", True),
    ("(6.0亿+6.2亿)÷2≈6.3亿，6.3亿÷5187万≈12.15倍", "收入预计约人民币6.0亿–6.2亿元,2024年同口径约5187万元", False),
    ("(5.9亿+6.3亿)÷2≈6.1亿，6.1亿÷5187万≈11.76倍", "收入预计约人民币6.0亿–6.2亿元,2024年同口径约5187万元", False),
])
def test_a_midpoint_formula_is_checked(sentence, evidence, accepted):
    from chatbot.text import normalize

    ok = verify_formulas(sentence, normalize(evidence))
    assert ("11.76倍" in ok or "12.15倍" in ok or "11.95倍" in ok) is accepted, ok


@pytest.mark.parametrize(("sentence", "qualified"), [
    # a noun before the metric names a part (a product, a region, a table row's segment)
    ("分产品看，前三季度文化纸收入96.5亿元，箱板瓦楞纸收入84.7亿元。", True),
    ("前三季度海外收入6.9亿元", True),
    ("新梯销售及安装:九个月收益27.65亿元;同比变动-11.6%", True),
    # the company's own figure: periods, verbs, the company, generic words and pronouns qualify nothing
    ("公司2025年前三季度实现营业收入218.4亿元，同比增长6.2%。", False),
    ("华岭纸业前三季度营业收入218.4亿元。", False),
    ("九个月收益：41.26亿元，较去年同期下降4.3%。", False),
    ("其中第三季度收益：13.92亿元，同比下降1.8%", False),
    ("集团录得收入12亿元", False),
])
def test_a_part_figure_is_told_from_the_whole(sentence, qualified):
    op = Operand("华岭纸业", [["收入", "营收", "营业收入", "收益"]], None)
    assert is_qualified(facts_in(sentence)[0], op) is qualified


@pytest.mark.parametrize(("sentence", "flow"), [
    # a change written right before the operand's word is a flow, not the level asked ("门店数")
    ("上半年净增门店1,126家，同店销售却下滑了2.3%。", True),
    ("期内新增门店312家。", True),
    ("期末门店数6,842家。", False),
    ("截至6月末门店总数达到4,862家。", False),
])
def test_a_change_of_a_count_is_no_level(sentence, flow):
    from chatbot.compute import _a_flow

    f = next(f for f in facts_in(sentence) if f.currency == "家")
    assert _a_flow(f, Operand("栗岛咖啡", [["门店"]], None)) is flow


def test_the_operands_own_words_are_no_flow():
    from chatbot.compute import _a_flow

    f = facts_in("上半年公司新签订单402亿元。")[0]
    assert not _a_flow(f, Operand("陇轨装备", [["新签订单"]], None))


@pytest.mark.parametrize(("question", "a", "b"), [
    # "By what multiple did X's revenue exceed that of Y?": X's figure a multiple of Y's, the same metric
    ("By what multiple did Qinglan Brewery's first-half revenue exceed that of Beiling Brewery?", "qinglan", "beiling"),
    ("By what factor did Longgui's order backlog exceed Taiheng's?", "longgui", "taiheng"),
])
def test_an_english_multiple_asked_as_exceeding(question, a, b):
    from chatbot.glossary import Glossary

    glossary = Glossary(aliases={"qinglan brewery": "青澜啤酒", "qinglan": "青澜啤酒", "beiling brewery": "北岭啤酒",
                                 "beiling": "北岭啤酒", "longgui": "陇轨装备", "taiheng": "泰衡机车"},
                        companies={"青澜啤酒", "北岭啤酒", "陇轨装备", "泰衡机车"}, metrics=load_glossary().metrics)
    dq = read_derived(question, glossary)
    assert dq is not None
    assert dq.kind == "multiple"
    assert (dq.a.entity, dq.b.entity) == (glossary.aliases[a], glossary.aliases[b])
    assert dq.a.terms
    assert dq.b.terms == dq.a.terms


@pytest.mark.parametrize(("sentence", "written", "owner"), [
    # a sentence naming several companies: a figure is the one's named last before it
    ("栗岛和岚焙的收入只差0.3亿元，但栗岛靠的是开店：上半年净增门店1,126家，同店销售却下滑了2.3%。", "1126", "栗岛咖啡"),
    ("岚焙的收入为28.9亿元，栗岛为28.6亿元。", "28.9亿", "岚焙咖啡"),
    ("岚焙的收入为28.9亿元，栗岛为28.6亿元。", "28.6亿", "栗岛咖啡"),
    # none named before it: not known from the sentence
    ("收入28.6亿元，栗岛领先岚焙。", "28.6亿", None),
])
def test_whose_figure_in_a_sentence_naming_several(sentence, written, owner):
    from types import SimpleNamespace

    from chatbot.compose.figures import _named_before
    from chatbot.glossary import Glossary

    glossary = Glossary(aliases={"栗岛": "栗岛咖啡", "岚焙": "岚焙咖啡"}, companies={"栗岛咖啡", "岚焙咖啡"})
    fact = next(f for f in facts_in(sentence) if f.written[0] == written)
    assert _named_before(SimpleNamespace(glossary=glossary), fact, glossary.companies) == owner


@pytest.mark.parametrize(("text", "period"), [
    # the first two quarters written as one: the first half
    ("一二季度加起来收入是多少？", "H1"),
    ("第一、二季度的收入", "H1"),
    ("1、2季度合计", "H1"),
    # one quarter, or a count of quarters, stays as it is
    ("第二季度收入", "Q2"),
    ("前三季度收入", "Q1-3"),
])
def test_the_first_two_quarters_are_the_first_half(text, period):
    from chatbot.text import english_period_forms, qualifiers

    assert qualifiers(english_period_forms(text)) == {period}


def test_a_period_asked_where_a_longer_one_lies():
    from chatbot.compute import read_period_part

    read = read_period_part("琼澜免税前三季度里，一二季度加起来收入是多少？", load_glossary())
    assert read is not None
    asked, dq = read
    assert asked == (None, "H1")
    assert (dq.kind, dq.a.period, dq.b.period) == ("difference", (None, "Q1-3"), (None, "Q3"))
    assert not any(w in ("加起来", "里") for g in dq.a.terms for w in g)


@pytest.mark.parametrize(("question", "sentence", "formula"), [
    # a rate stated for the two periods asked, the earlier in a clause naming it: the change in points
    ("恒湾数据的上架率从二季度末到三季度末提高了几个百分点？", "整体上架率为76.5%，二季度末为72.1%。", "76.5%−72.1%≈4.4个百分点"),
    # the other clause names a third period: not the two asked
    ("上架率从二季度末到三季度末提高了几个百分点？", "整体上架率为76.5%，去年同期为70.2%。", None),
    # the rate asked is not the sentence's
    ("上架率从二季度末到三季度末提高了几个百分点？", "毛利率为36.5%，二季度末为35.1%。", None),
])
def test_a_rate_stated_for_the_two_periods_asked(question, sentence, formula):
    from types import SimpleNamespace

    from chatbot.compose.base import Entry
    from chatbot.compose.figures import _rate_of_two_periods
    from chatbot.intent import labels
    from chatbot.models import Chunk

    chunk = Chunk(id="c", doc_id="d", text=sentence)
    comp = _rate_of_two_periods(SimpleNamespace(question=question, labels=labels("zh")), [Entry(sentence, [chunk], [sentence])])
    assert (comp.entries[-1].text[-len(formula):] if comp and formula else comp) == formula
