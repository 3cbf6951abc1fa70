"""Session 42's look-up rules, table by table: from dev-42's misses (the session-41 hidden set, opened) and our probes
over its articles. English questions on articles written in Chinese: a product's Chinese the documents write only
inside a longer word ("crab" -> 蟹 of 大闸蟹), a people's language naming its country ("Dutch" -> 荷兰), the term list's
own Chinese of a metric's English word ("export sales" -> 销售额), "how much did X sell" with no noun before the verb (a
sum of money); and a market named after a word leading to it ("出口新加坡"), held."""

from __future__ import annotations

import pytest

from chatbot.glossary import Glossary, load_glossary

# --- a people's language names its country ----------------------------------------------------------------------------


@pytest.mark.parametrize(("word", "place"), [
    ("Dutch", "荷兰"),  # 荷兰语, the language: the Netherlands
    ("European", "欧洲"),  # 欧洲人, the people
    ("Korean", "韩国"),
    ("French", ""),  # 法语: 法 is no place
    ("cargo", ""),
])
def test_a_peoples_language_names_its_country(word, place):
    from chatbot.bilingual import demonym_place

    assert demonym_place(word) == place


@pytest.mark.parametrize(("name", "written", "held"), [
    ("Dutch", "公司与一家荷兰设备商签约", True),  # "Dutch drying lines": a place the documents write, no company
    ("Dutch", "公司与一家德国设备商签约", False),  # a country no document writes: a name no document holds
])
def test_a_language_adjective_of_a_written_country_is_no_unknown_name(name, written, held):
    from chatbot.subjects import _place_held

    assert _place_held(name, lambda s: s in written) is held


# --- the term list's Chinese of a metric's English word -----------------------------------------------------------------


@pytest.mark.parametrize(("metric", "question", "word", "added"), [
    ("收入", "What were Xiepu Batik's export sales to Indonesia in FY2025?", "销售额", True),  # sales: 销售额 too
    ("收入", "What was Xiepu Batik's revenue in FY2025?", "销售额", False),  # revenue: 收入, 营收, 收益 (the metric's)
    ("收入", "缬朴染艺2025财年的收入是多少？", "销售额", False),  # a Chinese question names its own word
    ("净利润", "What was MGM China's net profit in the third quarter of 2025?", "利润", False),  # "profit" of "net profit"
])
def test_an_english_metric_word_brings_its_term_list_chinese(metric, question, word, added):
    from chatbot.evidence import _with_term_list_forms
    from chatbot.text import normalize

    forms = [normalize(f) for f in [metric, *load_glossary().metrics[metric]]]  # as the engine holds them ("netprofit")
    assert (word in _with_term_list_forms(forms, question)) is added


# --- "how much did X sell": money, when no noun stands before the verb ------------------------------------------------
# (table: tests/test_lookup41_rules.py, test_an_english_channels_sales)


# --- a market named after a word leading to it --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def peel():
    aliases = {"窨橘控股": "窨橘控股", "溟珂海洋": "溟珂海洋"}
    return Glossary(aliases=aliases, companies=set(aliases.values()), metrics=load_glossary().metrics)


@pytest.mark.parametrize(("question", "word", "after"), [
    ("窨橘控股出口新加坡的销售额是多少？", "新加坡", True),  # the market asked
    ("溟珂海洋那艘在乌拉圭被扣的磷虾船的索赔多少钱？", "乌拉圭", False),  # where a ship was held: no market
    ("窨橘控股出口到新加坡的收入是多少？", "新加坡", True),
    ("窨橘控股的香港上市文件哪天刊发？", "香港", False),  # where it lists
    ("新加坡投资者买了多少窨橘控股股份？", "新加坡", False),  # before the company: no market of its sales
])
def test_a_market_after_a_word_leading_to_it_is_held(peel, question, word, after):
    from chatbot.evidence import _after_company

    assert _after_company(question, word, {"窨橘控股", "溟珂海洋"}, peel) is after


# --- a level asked before the growth, with a noun between "what" and its verb ------------------------------------------


@pytest.mark.parametrize(("question", "only"), [
    ("What revenue did Curdmere Foods report for the nine months to 31 December 2025, and how fast did it grow?", False),
    ("What nine-month revenue did it book, and how fast did it grow?", False),
    ("How fast did Curdmere Foods' revenue grow in the nine months to 31 December 2025?", True),
    ("By how much did its revenue grow in FY2025, compared with FY2024?", True),  # one clause: the growth alone
])
def test_a_level_asked_with_a_noun_before_its_verb(question, only):
    from chatbot.evidence import asks_growth_only

    assert asks_growth_only(question) is only


# --- a sentence opening with the question's head word speaks of the thing named before --------------------------------


@pytest.mark.parametrize(("sentence", "passage", "marked", "head", "refers"), [
    ("新基地总投资约3.6亿元", "窨橘控股在江门为其新陈化仓储基地举行奠基仪式。新基地总投资约3.6亿元", "陈化", "基地", True),
    ("直航航程约32天", "公司开通的青岛至巴西桑托斯大蒜冷藏直航于3月5日首航。直航航程约32天", "青岛", "直航", True),
    ("新基地总投资约3.6亿元", "公司在江门为其新仓储基地举行奠基仪式。新基地总投资约3.6亿元", "陈化", "基地", False),  # never named
    ("肇庆基地总投资约1.2亿元", "公司新陈化仓储基地奠基。肇庆基地总投资约1.2亿元", "陈化", "基地", False),  # another base
    ("新基地总投资约3.6亿元", "新基地总投资约3.6亿元。公司新陈化仓储基地奠基", "陈化", "基地", False),  # named only after
])
def test_a_sentence_opening_with_the_head_refers_back(sentence, passage, marked, head, refers):
    from chatbot.evidence import QuestionSpec, TermGroup, _refers_back

    held = TermGroup([marked], 3.0, kind="word", marked=True)
    spec = QuestionSpec(groups=[held, TermGroup([head], 3.0, kind="word")], entities=set(), metrics=[], periods=set(),
                        wants_figure=True, wants_list=False)
    assert _refers_back(sentence, passage, held, spec) is refers


# --- a rare craft no passage writes, before the metric (a part word and a year between) ------------------------------


@pytest.mark.parametrize(("question", "held"), [
    ("云知声扎染产品收入多少？", "扎染"),  # a craft the batik maker's passages do not write: not its total or 蜡染's row
    ("云知声的扎染产品2025财年收入多少？", "扎染"),  # a part word and a year between
    ("云知声2025财年扎染收入多少？", "扎染"),
    ("云知声2025财年蜡染面料收入多少？", None),  # written: its row answers
    ("云知声2025财年经营收入多少？", None),  # a common word: no part of the business
])
def test_a_rare_craft_before_the_metric_is_held(question, held):
    from chatbot.evidence import score_candidates
    from chatbot.models import Chunk, Passage
    from chatbot.text import tokenize
    from test_lookup30_rules import _glossary

    text = "- 云知声2025财年收入约3.16亿元,同比增长7.2%。\n| 产品 | 2025财年 |\n|---|---|\n| 蜡染面料 | 128,460 |"
    tokens = set(tokenize(text))
    chunk = Chunk(id="x:1", doc_id="x", title="云知声公告", text=text, headings=["云知声公告"])
    _, spec = score_candidates(question, [Passage(chunk=chunk, score=1.0)], _glossary(text),
                               lambda t: 3.0 if t in tokens else 9.0)
    marked = [g.alternatives[0] for g in spec.required if g.marked and g.absent]  # (a written row asked is held too)
    assert (held in marked) if held else not marked


# --- a pinyin name's English trade word that its company's documents never write --------------------------------------


@pytest.mark.parametrize(("rest", "words", "article", "fit"), [
    ("扇艺", ["Paper"], "箑风扇艺竹骨折扇获红点设计奖", 0),  # "Shafeng Paper": the fan maker's article writes no 纸
    ("茶业", ["Coffee"], "菊湄茶业采购菊花烘干生产线", 0),  # "Jumei Coffee": no 咖啡
    ("帽业", ["Shoes"], "蔺苇帽业世界杯球迷草帽订单", 0),  # "Linwei Shoes": no 鞋
    ("扇艺", ["Fan", "Art"], "箑风扇艺竹骨折扇获红点设计奖", 2),  # its own trade
    ("涂料", ["Coatings"], "绿岚涂料收入", 1),  # its trade in other words (涂层 shares 涂 with 涂料)
    ("扇艺", ["Paper"], None, 1),  # no documents known: a trade said freely, as before
    ("口腔", ["Dental"], "瑞齿口腔种植牙带动纯利增长", 1),  # 牙 of 牙齿 written (种植牙)
    ("健身", ["Fitness"], "跃岭健身三季度收入", 1),  # a word grown from a gloss of 健身 ("to keep fit")
])
def test_an_english_trade_word_the_companys_documents_never_write(rest, words, article, fit):
    from chatbot.names import load_rules
    from chatbot.trade_match import fits

    written = (lambda z: z in article) if article is not None else None
    assert fits(rest, words, load_rules(), None, written) == fit


# --- a table whose columns name other quantities, under a section heading naming the metric ---------------------------


@pytest.mark.parametrize(("header", "others"), [
    ("| 基地 | 养殖面积(亩) | 2025财年产量(吨) |", True),  # area and output: no revenue, whatever the section says
    ("| 产品 | 收入 |", False),  # the metric itself
    ("| 地区 | 2025年 | 2024年 |", False),  # periods only: the heading's metric is the rows'
    ("| 产品 | 2025财年 |", False),
    ("| 地区 | 截至2025年9月30日止九个月（人民币万元） | 变动 |", False),  # money: the heading's revenue
    ("| 月份 | 销量(吨) | 销售额(万元) |", False),  # a column of money beside the tonnes: may be the heading's revenue
])
def test_columns_naming_other_quantities(header, others):
    from chatbot.evidence import _columns_name_others
    from chatbot.text import normalize

    assert _columns_name_others(normalize(header), ["收入", "营收"]) is others


# --- a place found by its sound with its kind capitalised ("Hongze Lake"), then held ----------------------------------

_BASES = "| 基地 | 养殖面积(亩) | 2025财年产量(吨) |\n|---|---|---|\n| 阳澄湖基地 | 18,600 | 1,720 |\n| 洪泽湖基地 | 21,400 | 1,980 |"


@pytest.mark.parametrize(("question", "form"), [
    ("How big is the Hongze Lake base of Unisound?", "洪泽湖"),  # 洪泽 by its sound, 湖 of "lake" written after it
    ("How big is the Yangcheng Lake base of Unisound?", "阳澄湖"),
    ("How big is the Hongze River base of Unisound?", None),  # no 洪泽河 written
])
def test_a_place_by_its_sound_with_its_kind(question, form):
    from chatbot.english_names import resolve
    from test_lookup30_rules import _glossary

    names = resolve(question, _glossary(_BASES), lambda s: s in _BASES, nearby=lambda q: [_BASES]).names
    assert {v for k, v in names.items() if "Lake" in k or "River" in k} == ({form} if form else set())


@pytest.mark.parametrize(("question", "counted"), [
    ("How many tonnes of hairy crab did Unisound produce?", "蟹"),  # crab's Chinese, written in 大闸蟹
    ("How many tonnes did Unisound produce?", ""),
])
def test_the_thing_an_english_question_counts(question, counted):
    from chatbot.evidence import QuestionSpec, TermGroup, _counted_en

    spec = QuestionSpec(groups=[TermGroup(["crab", "蟹"], 3.0), TermGroup(["hairy"], 9.0, absent=True)], entities=set(),
                        metrics=[], periods=set(), wants_figure=True, wants_list=False)
    assert _counted_en(question, spec) == counted
