"""Table-driven tests of the session-34 rules (dev-34's misses, by mechanism): an irregular English verb read by its
lemma ("lost": lose); a function word names nothing a passage states; a profit-or-loss column's negative figure states
a loss; no company name opens with an aspect particle or holds an ask ("卖出了多少库存股份"); a question of its own
names its item after its ask ("每人拿多少一次性奖金？"); a second item asking only the first one's change keeps the
first item's words; a compound a table names a row by is not answered by its head alone (every kind's total); an
average asked per counted thing in more ways ("每家…平均", "on average … each of … investors"), computed from one
sentence that states no period; "caveats" are a downside; what an investigation found is the section of its findings."""

from __future__ import annotations

import pytest

from test_lookup31_rules import _sentences

# --- an irregular verb by its lemma; function words name nothing -----------------------------------------------------


@pytest.mark.parametrize(("word", "lemma"), [("lost", "lose"), ("sold", "sell"), ("grew", "grow"), ("paid", "pay"),
                                             ("rose", "rise"), ("harnesses", "harness")])
def test_an_irregular_form_is_looked_up_by_its_lemma(word, lemma):
    from chatbot.bilingual import _stems

    assert lemma in _stems(word)
    assert _stems(word)[0] == word  # (the word as written first)


STRIKE = ("萨尔蒂约（Saltillo）工厂工会自2026年1月19日起发起罢工，工厂1月30日起全面复工。\n\n"
          "停工期间少交付线束约18.6万套，估计损失收入约1.36亿元，减少毛利约2,870万元。")


@pytest.mark.parametrize(("question", "figure"), [
    ("How much revenue does Unisound estimate it lost because of the Saltillo strike?", "1.36亿"),
    ("How much revenue does Unisound estimate it lost because of the Saltillo strike, and how much gross profit "
     "went with it?", "2,870万"),
])
def test_a_lost_figure_with_a_function_word_and_a_light_verb(question, figure):
    got = _sentences(question, STRIKE, "云知声（Unisound）内幕消息")
    assert got
    assert figure in got[0]


# --- a profit-or-loss column's negative figure states a loss ---------------------------------------------------------


@pytest.mark.parametrize(("text", "loss"), [
    ("2025年第二季度:沪铅均价（元/吨）16,880;期末多头持仓15,800吨;当季期货损益-1,260万元", True),
    ("2025年第三季度:当季期货损益1,150万元", False),  # a gain
    ("盈亏（万元）：-20", True),
    ("profit/loss: -5.2 million", True),
    ("收入-3%", False),  # no profit-or-loss column
])
def test_a_negative_profit_or_loss_figure_states_a_loss(text, loss):
    from chatbot.evidence import states_loss
    from chatbot.text import normalize

    assert states_loss(normalize(text)) is loss


HEDGE = ("| 季度 | 沪铅均价（元/吨） | 期末多头持仓（吨） | 当季期货损益（人民币万元） |\n|---|---|---|---|\n"
         "| 2025年第二季度 | 16,880 | 15,800 | -1,260 |\n| 2025年第三季度 | 17,340 | 19,600 | 1,150 |")


@pytest.mark.parametrize(("question", "answered"), [
    ("云知声2025年二季度期货亏了多少？", True),
    ("云知声2025年三季度期货亏了多少？", False),  # the third quarter's futures made money: no loss stated
])
def test_a_loss_asked_is_read_in_a_profit_or_loss_column(question, answered):
    got = _sentences(question, HEDGE, "云知声铅期货套期保值", kind="table")
    assert bool(got) is answered
    if answered:
        assert "-1,260" in got[0]


# --- the company whose shares a question asks to buy or sell --------------------------------------------------------


@pytest.mark.parametrize(("question", "name"), [
    ("现在适合买入璇星卫星的股票吗？", "璇星卫星"),
    ("该不该减持某某科技股份", "某某科技"),
    ("聆屿声学这次卖出了多少库存股份？", None),  # an aspect particle and an ask: how many of its shares
    ("公司卖出多少库存股份", None),
])
def test_the_holding_slot_holds_no_ask(question, name):
    from chatbot.subjects import load_rules

    m = load_rules().holding_slot.search(question)
    assert (m.group("name") if m else None) == name


# --- two questions in one: the item after the ask; a growth asked of the first item ----------------------------------

BONUS = "每名复工员工获发一次性复工奖金3,200墨西哥比索。\n\n基本工资上调9.5%（2025年度调幅为7.0%）。"


def test_a_question_of_its_own_names_its_item_after_its_ask():
    got = _sentences("云知声复工员工每人拿多少一次性奖金？基本工资上调幅度是多少？", BONUS, "云知声新劳动合同")
    assert any("3,200" in s for s in got)
    assert any("9.5%" in s for s in got)


WALLCLOTH = ("2025年上半年收入按产品划分（人民币千元）：\n\n| 产品 | 2025年上半年 | 同比 |\n|---|---|---|\n| 无纺布壁纸 | 352,460 | +2.4% |\n"
             "| 无缝墙布 | 318,720 | +11.6% |\n| 合计 | 862,000 | +6.3% |")


def test_a_growth_asked_after_a_figure_is_the_same_items():
    got = _sentences("What was Unisound's seamless wall-cloth revenue in 1H25, and the YoY growth?", WALLCLOTH,
                     "云知声（Unisound）业绩", kind="table")
    assert got
    assert all("318,720" in s for s in got)  # never the total's 6.3%


# --- a compound's head alone; an unwritten kind in English -----------------------------------------------------------


@pytest.mark.parametrize(("norm", "head_only"), [
    ("注塑机销量1.86万台,同比增长13.1%", True),  # the head alone: all machines
    ("二板式大型注塑机:2025财年1,106.2百万元", False),  # the compound
    ("大型(1,000吨以上):销量1,200", False),  # no head
])
def test_a_compounds_head_alone(norm, head_only):
    from chatbot.evidence import TermGroup, _head_without_kind

    groups = [TermGroup(["板式"], 1.0), TermGroup(["大型"], 1.0), TermGroup(["注塑机"], 1.0)]
    assert _head_without_kind("板式大型注塑机", groups, norm, "", "") is head_only


MACHINES = ("注塑机销量1.86万台，同比增长13.1%；海外收入占比37.5%。\n\n"
            "| 产品 | 2025财年 |\n|---|---|\n| 二板式大型注塑机 | 1,106.2 |\n| 全电动注塑机 | 592.4 |")


@pytest.mark.parametrize(("question", "answered"), [
    ("云知声2025财年二板式大型注塑机卖了多少台？", False),  # the units of all machines are no answer
    ("云知声2025财年注塑机卖了多少台？", True),
])
def test_the_total_of_a_compounds_head_does_not_answer_the_compound(question, answered):
    assert bool(_sentences(question, MACHINES, "云知声2025财年业绩")) is answered


# --- an average per counted thing, asked in more ways ----------------------------------------------------------------


@pytest.mark.parametrize(("question", "unit"), [
    ("智谱每家基石投资者平均认购了多少？", "家"),
    ("智谱的基石投资者平均每家认购了多少？", "家"),
    ("On average, how much did each of Zhipu's cornerstone investors subscribe for in its IPO?", "家"),
    ("On average, how much did each vehicle sell for?", "辆"),
    ("Did each of Zhipu's cornerstone investors subscribe?", None),  # no average asked
])
def test_an_average_asked_per_counted_thing(question, unit):
    from chatbot.compute import counted_unit

    assert counted_unit(question) == unit


def test_an_average_from_one_sentence_stating_no_period():
    from chatbot.compose.figures import amount_and_count
    from chatbot.compute import facts_in, read_derived
    from chatbot.glossary import load_glossary
    from chatbot.models import Chunk, Passage

    text = "11家基石投资者合计认购约29.8亿港元(2568.16万股,约占发售股份68.63%),锁定期6个月"
    dq = read_derived("智谱每家基石投资者平均认购了多少？", load_glossary())
    assert dq is not None
    assert dq.kind == "average"
    chunk = Chunk(id="x:1", doc_id="x", title="智谱上市", text=text, headings=["智谱上市"], kind="text")
    facts = facts_in(text)
    for f in facts:
        f.passage_idx = 0
    a, b = amount_and_count(facts, [Passage(chunk=chunk, score=1.0)], dq, lambda f, e: True)
    assert a is not None
    assert b is not None
    assert a.written[0] == "29.8亿"
    assert b.lo == 11


# --- intents: caveats are a downside; findings ----------------------------------------------------------


@pytest.mark.parametrize(("question", "intent"), [
    ("What are the upsides and the caveats of Unisound's order haul?", "pros_cons"),
    ("What is Unisound's share price now?", "latest"),
])
def test_reader_intent_cues(question, intent):
    from chatbot.intent import detect_intent

    assert detect_intent(question).name == intent


# --- finance terms ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("term", "form"), [("shfe", "上海期货交易所"), ("long position", "多头持仓"),
                                            ("canton fair", "广交会"), ("subscribe", "认购")])
def test_finance_terms(term, form):
    from chatbot.bilingual import finance_terms

    assert form in finance_terms()[term]


def test_an_estimate_is_also_guessed():
    from chatbot.glossary import load_glossary

    assert {"预计", "估计"} <= set(load_glossary().terms["estimate"])


# --- a product's clause giving another figure; a row of another metric's table; money is no volume; ordinals ----------

ALGAE = "2025年上半年收入4.86亿元，同比增长14.2%；毛利率41.3%；股东应占溢利8,920万元；藻蓝蛋白销量186吨；出口收入占比38.4%。"


@pytest.mark.parametrize(("question", "answered"), [
    ("云知声2025年上半年藻蓝蛋白毛利率是多少？", False),  # the margin is the group's; the product's clause gives its volume
    ("云知声2025年上半年毛利率是多少？", True),
])
def test_a_held_word_only_in_a_clause_of_another_figure(question, answered):
    assert bool(_sentences(question, ALGAE, "云知声业绩")) is answered


DREDGING = ("2026财年上半年收入按业务划分（人民币百万元）：\n\n| 业务 | 2026财年上半年 | 同比 |\n|---|---|---|\n"
            "| 维护疏浚 | 528.7 | +18.4% |\n| 环保疏浚 | 110.4 | +21.0% |\n| 合计 | 2,146.0 | +9.2% |")


@pytest.mark.parametrize(("question", "answered"), [
    ("云知声2026财年上半年环保疏浚毛利是多少？", False),  # a revenue table's row gives no gross profit
    ("云知声2026财年上半年环保疏浚收入是多少？", True),
])
def test_a_row_of_another_metrics_table(question, answered):
    assert bool(_sentences(question, DREDGING, "云知声疏浚业务", kind="table")) is answered


@pytest.mark.parametrize(("text", "money"), [
    ("头戴式耳机:2025财年774,580千港元;同比+6.9%", True),
    ("环保疏浚:2026财年上半年110.4百万元;同比+21.0%", True),
    ("Revenue was RMB9,386.2 million, up 11.4% YoY", True),
    ("北美:出货量1,286万副", False),
    ("2025财年耳机出货量3,420万副，收入41.57亿港元", False),  # a count beside the money
    ("The company shipped 21.3 million tools in FY2025", False),
])
def test_money_only(text, money):
    from chatbot.evidence import money_only
    from chatbot.text import normalize

    assert money_only(normalize(text)) is money


HEADPHONES = ("2025财年收入按产品划分（千港元）：\n\n| 产品 | 2025财年 | 同比 |\n|---|---|---|\n"
              "| 头戴式耳机 | 774,580 | +6.9% |\n| 合计 | 4,157,000 | +13.2% |")


def test_a_revenue_row_is_no_volume_shipped():
    assert not _sentences("云知声2025财年头戴式耳机出货量是多少？", HEADPHONES, "云知声业绩", kind="table")


@pytest.mark.parametrize(("question", "items"), [
    ("What coupon did Unisound's second panda bond series carry?", ["secondseries"]),
    ("What coupon did the first series carry?", []),  # the one the texts write
    ("第二期熊猫债的票面利率是多少？", ["第二期"]),
    ("首期熊猫债的票面利率是多少？", []),
    ("What was the second-quarter revenue?", []),  # no series
])
def test_an_ordinal_item_of_a_series_the_texts_write_otherwise(question, items):
    from chatbot.evidence import ordinal_items
    from chatbot.text import normalize

    texts = [normalize("The bonds are the first series under a RMB5.0 billion registration."), normalize("本次为首期，票面利率2.68%")]
    assert ordinal_items(question, texts) == items


# --- a verb before the thing asked; a price named by an amount per share -----------------------------------------------

TREASURY = ("聆屿声学控股有限公司1月19日与配售代理订立协议，按每股8.46港元向不少于六名独立承配人出售1,850万股库存股份。\n\n"
            "本次出售后，公司仍持有库存股份1,110万股。")


def test_a_price_and_a_count_asked_together():
    from chatbot.evidence import score_candidates
    from chatbot.models import Chunk, Passage
    from test_lookup31_rules import _glossary, _idf

    chunk = Chunk(id="x:1", doc_id="x", title="云知声出售库存股份", text=TREASURY.replace("聆屿声学控股有限公司", "云知声"),
                  headings=["云知声出售库存股份"], kind="text")
    text = chunk.text + chunk.title
    cands, spec = score_candidates("云知声这次按什么价格、卖出了多少库存股份？", [Passage(chunk=chunk, score=1.0)],
                                   _glossary(text), _idf(text))
    assert any("8.46" in c.text and "1,850" in c.text for c in cands)
    assert spec.missing == []  # neither item is said to be missing: the price is the amount per share


@pytest.mark.parametrize(("text", "named"), [
    ("按每股8.46港元向承配人出售1,850万股库存股份", True),
    ("出售1,850万股库存股份", False),
])
def test_a_price_is_named_by_an_amount_per_share(text, named):
    from chatbot.evidence import names_item

    assert names_item(text, [["价格"]]) is named


# --- a stem of a series ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("question", "items"), [
    ("云知声供应商丁的预付款是多少？", ["应商丁"]),  # (the shortest word before the stem the texts write the series with)
    ("云知声供应商乙的预付款是多少？", []),
    ("云知声甲醇产量是多少？", []),
])
def test_an_item_of_a_series_told_apart_by_the_heavenly_stems(question, items):
    from chatbot.evidence import ordinal_items
    from chatbot.text import normalize

    texts = [normalize("供应商甲（原纸贸易商）:预付款6,180万元"), normalize("供应商乙:预付款5,260万元"), normalize("甲醇产量")]
    assert ordinal_items(question, texts) == items


# --- English change words; a why's section whose points name peers in passing ----------------------------------------


def test_an_english_growth_is_a_change_stated():
    from chatbot.evidence import metric_change_stated
    from chatbot.text import normalize

    assert metric_change_stated(normalize("For FY2026 the company guides to revenue growth of 8% to 12%."),
                                [["收入", "revenue"]], {("2026", None)})


# --- a product's share of the total: the row under a revenue caption, the total in the metric's own words -------------


def test_a_products_share_of_total_revenue_is_computed_from_its_row_and_the_total():
    from chatbot.compute import calculate, facts_in, find_operand, read_derived
    from chatbot.glossary import load_glossary

    dq = read_derived("云知声2025年上半年藻蓝蛋白收入大约占总收入的多少？", load_glossary())
    assert dq is not None
    assert dq.kind == "share"
    assert "收入" in dq.b.terms[0]  # the whole in the metric's own words too, not only "总收入"
    prose = facts_in("2025年上半年收入4.86亿元，同比增长14.2%；毛利率41.3%；藻蓝蛋白销量186吨。")
    row = facts_in("藻蓝蛋白:2025年上半年15,820万元;同比+24.6%")
    for f in row:
        f.row, f.table_context = True, "2025年上半年收入按产品划分（人民币万元）"
    facts = prose + row
    a = find_operand(facts, dq.a, lambda f, e: True)
    b = find_operand(facts, dq.b, lambda f, e: True, whole=True)
    assert a is not None
    assert b is not None
    assert a.written[0] == "15820万"  # the row (its caption says revenue), not the tonnage of the product's clause
    assert b.written[0] == "4.86亿"
    calc = calculate("share", a, b)
    assert not isinstance(calc, str)
    assert "32.6%" in calc.formulas[0]
