"""Table-driven tests of the session-41 rules (dev-41's wrong figures and misses, by mechanism): a word jieba tags a place
only by its context is no place a brand is cut from; a sentence under a dated half-year's heading is that half's, a
table row under its caption the caption's period; a part's row is no answer beside the sentence stating the whole; a
word run on to a noun character no passage writing it holds names another thing; a volume asked by its verb prefers the
line stating that volume; an English name opening with a catalogued English name's first word but going on with another
trade word is a look-alike; a reader's predicate ends the name a Chinese question opens with."""

from __future__ import annotations

import pytest

from chatbot.evidence import ABSENT_WEIGHT, Candidate, QuestionSpec, TermGroup
from test_lookup30_rules import _sentences

# --- a place is a word of the dictionary ------------------------------------------------------------------------------


@pytest.mark.parametrize(("title", "text", "name", "not_forms"), [
    # 寒岭 is tagged a place only in its context: the brand is 寒岭菌业, and 菌业 (also the end of a peer's name) no form
    ("寒岭菌业(8905.HK)黑木耳登上纪录片",
     "寒岭菌业控股有限公司公告:收入8.74亿元。\n寒岭菌业毛利率31.8%。\n同在东北的雪樵菌业、桦澜山珍也加大投入。",
     "寒岭菌业", {"菌业"}),
])
def test_a_place_cut_from_a_brand_is_a_dictionary_word(title, text, name, not_forms):
    from chatbot.entity_extract import extract

    entry = next(e for e in extract(title, ["8905.HK"], text) if e.primary)
    assert entry.name == name
    assert not ({entry.name, *entry.aliases} & not_forms)


def test_a_real_place_still_comes_off_a_brand():
    from chatbot.names import _brand_forms, load_rules

    text = "上海米哈游网络科技股份有限公司公告。米哈游网络的收入增长。米哈游网络发布新游戏。米哈游网络扩大团队。"
    assert "米哈游网络" in _brand_forms(["上海米哈游网络科技", "上海米哈游网络"], text, load_rules())


# --- the period of a sentence under a dated half-year's heading; of a row under its caption ---------------------------

_HALF = ("- 收入4.96亿元,同比增长15.1%。\n- 中期股息每股3.2港仙。\n表1:2025财年按产品划分收入(人民币千元)\n"
         "| 产品 | 收入 | 同比 |\n|---|---|---|\n| 干制黑木耳 | 612,340 | +10.6% |")


@pytest.mark.parametrize(("question", "kept", "dropped"), [
    ("云知声2025财年收入是多少？", "干制黑木耳", "4.96亿"),
    ("云知声2026财年上半年收入是多少？", "4.96亿", "干制黑木耳"),
    ("云知声2025年下半年收入是多少？", "4.96亿", "干制黑木耳"),  # the calendar half the heading's dates span
])
def test_a_half_years_heading_and_a_tables_caption_give_their_periods(question, kept, dropped):
    """(and a fiscal half asked, "2025财年下半年", is not the calendar half the dates span: refused below)"""
    shown = _sentences(question, _HALF, "云知声公告", "2026财年上半年(截至2025年12月31日止六个月)")
    assert any(kept in s for s in shown)
    assert not any(dropped in s for s in shown)


def test_a_half_without_its_dates_is_no_section_period():
    """"2028年中期目标" may be a medium-term target: a part of a year whose dates the heading does not write gives none."""
    from chatbot.evidence import _section_period
    from chatbot.models import Chunk

    def period(heading: str) -> set:
        return _section_period(Chunk(id="x:1", doc_id="x", title="t", text="", headings=["t", heading]))

    assert period("2026财年上半年(截至2025年12月31日止六个月)") == {("2026", "H1"), ("2025", "H2")}
    heading = "2026财年上半年(截至2025年12月31日止六个月)"  # a fiscal period asked: 2025财年下半年 is another half
    assert _section_period(Chunk(id="x:1", doc_id="x", title="t", text="", headings=["t", heading]), calendar=False) \
        == {("2026", "H1")}
    assert period("2025财年业绩(截至2025年6月30日)") == {("2025", None)}
    assert period("2028年中期目标") == set()


# --- a part's row beside the sentence stating the whole ---------------------------------------------------------------


def test_a_parts_row_is_no_answer_beside_the_whole():
    from chatbot.evidence import select

    whole = Candidate(0, "- 收入8.74亿元。", "收入8.74亿元。", 0, True, 0.8, 0.83, ["8.74亿元"])
    row = Candidate(0, "| 干制黑木耳 | 612,340 |", "干制黑木耳:收入612,340千元", 5, True, 0.8, 0.69, ["612340千元"])
    forms = ("收入", "营收")
    assert select([whole, row], 0.3, 4, whole_asked=True, whole_forms=forms) == [whole]
    assert select([whole, row], 0.3, 4, whole_asked=False, whole_forms=forms) == [whole, row]  # a part asked: its row
    assert select([row], 0.3, 4, whole_asked=True, whole_forms=forms) == [row]  # no sentence of the whole
    # a sentence naming the metric whose figure is another's ("…计提了应收账款减值1.26亿元"): the row stays
    other = Candidate(0, "- x", "上半年收入和毛利率双双下滑,并计提了应收账款减值1.26亿元。", 0, True, 0.8, 0.83, ["1.26亿元"])
    assert select([other, row], 0.3, 4, whole_asked=True, whole_forms=forms) == [other, row]


# --- a word run on to a noun no passage writing it holds -------------------------------------------------------------


def _spec(groups: list[TermGroup]) -> QuestionSpec:
    return QuestionSpec(groups=groups, entities=set(), metrics=[], periods=set(), wants_figure=True, wants_list=False)


@pytest.mark.parametrize(("question", "word", "texts", "marked"), [
    ("坪野食品的栗子酒去年卖了多少？", "栗子", ["即食甘栗仁、栗子粉及原料", "联合开发栗子甜品"], "栗子酒"),
    ("寒岭菌业的木耳酱卖了多少？", "木耳", ["干木耳销量1.12万吨"], "木耳酱"),
    # the passages writing the word write the noun too: a thing they may give
    ("坪野食品的栗子粉卖了多少？", "栗子", ["栗子粉及原料:收入131.9"], None),
    # a measure of the word's thing, not another thing: "板栗价", "门店数"
    ("坪野食品的板栗价是多少？", "板栗", ["板栗平均收购价每公斤11.6元"], None),
    ("坪野食品的栗子量是多少？", "栗子", ["栗子甜品"], None),
    # the start of a word the question goes on with ("业务")
    ("云知声2025年婴儿纸尿裤业务收入是多少？", "纸尿裤", ["其中婴儿纸尿裤收入31.2亿元"], None),
    # a verb run on to an ordinal: no thing's name ("上市头两个季度")
    ("云知声猫三联疫苗上市头两个季度卖了多少钱？", "上市", ["上市首两个季度销售约4,200万元"], None),
    # the start of a word of the question's own cut ("山河录手游": 手游)
    ("砚舟互娱的山河录手游上线首月流水有多少？", "山河录", ["武侠题材新游《山河录》于2025年4月上线"], None),
    # a verb after the word, no noun
    ("坪野食品的栗子卖了多少？", "栗子", ["栗子甜品"], None),
])
def test_a_word_run_on_to_another_noun(question, word, texts, marked):
    from chatbot.evidence import _run_on_heads

    found = _run_on_heads(question, _spec([TermGroup([word], 1.0)]), texts)
    assert [g.alternatives[0] for g in found] == ([marked] if marked else [])
    assert all(g.marked and g.absent and g.weight == ABSENT_WEIGHT for g in found)


# --- a volume asked by its verb ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "kind", "states"), [
    ("腊肠销量3.86万吨,同比增长6.3%。", "sold", True),
    ("公司销售了12万吨腊肠", "sold", True),
    ("长度为1,286.4米,获认证为最长的广式腊肠", "sold", False),
    ("2025财年产量4.36万吨", "sold", False),
    ("2025财年产量4.36万吨", "made", True),
])
def test_a_line_stating_the_volume_asked(text, kind, states):
    from chatbot.evidence import states_volume_of

    assert states_volume_of(text, kind) is states


# --- an English look-alike of a catalogued English name ---------------------------------------------------------------


@pytest.mark.parametrize(("question", "resolved"), [
    ("What final dividend did Bambrook Furniture pay?", "What final dividend did Bambrook Furniture pay?"),
    ("What final dividend did Bambrook pay?", "What final dividend did 禾筷 pay?"),
    ("What final dividend did Bambrook Tableware pay?", "What final dividend did Bambrook Tableware pay?"),
])
def test_another_trade_after_a_catalogued_english_names_first_word(question, resolved):
    from chatbot.english_names import resolve
    from chatbot.glossary import Glossary

    aliases = {"禾筷集团": "禾筷集团", "禾筷": "禾筷集团", "禾筷集团有限公司": "禾筷集团", "bambrook tableware": "禾筷集团"}
    glossary = Glossary(aliases=aliases, companies={"禾筷集团"})
    contains = "禾筷集团有限公司 Bambrook Tableware 筷子".__contains__
    assert resolve(question, glossary, contains).question == resolved


@pytest.mark.parametrize(("target", "tail", "other"), [
    ("bambrook", ["Furniture"], True),
    ("bambrook", ["Tableware"], False),
    ("bambrook", [], False),
    ("verdaloe", ["Pharma"], False),  # no English name of the company writes a trade word after it: left to the trades
])
def test_other_english_trade(target, tail, other):
    from chatbot.english_names import _other_english_trade
    from chatbot.entity_extract import load_rules
    from chatbot.glossary import Glossary

    aliases = {"禾筷集团": "禾筷集团", "bambrook tableware": "禾筷集团", "碧芦控股": "碧芦控股",
               "verdaloe holdings": "碧芦控股", "verdaloe": "碧芦控股"}
    glossary = Glossary(aliases=aliases, companies={"禾筷集团", "碧芦控股"})
    canon = "禾筷集团" if target == "bambrook" else "碧芦控股"
    assert _other_english_trade(target, tail, canon, glossary, load_rules()) is other


# --- a reader's predicate ends the name a question opens with ---------------------------------------------------------


@pytest.mark.parametrize(("question", "head"), [
    ("雁回食品值得长期持有吗？", "雁回食品"),
    ("雁回食品能不能买？", "雁回食品"),
    ("雁回食品怎么样？", "雁回食品"),
    ("雁回食品2025年收入是多少？", "雁回食品"),
])
def test_the_name_a_chinese_question_opens_with(question, head):
    from chatbot.entity_extract import load_rules
    from chatbot.glossary import load_glossary
    from chatbot.subjects import chinese_head

    assert chinese_head(question, load_glossary(), load_rules()) == head


# --- the change on the year before, asked of the year named -----------------------------------------------------------


@pytest.mark.parametrize(("question", "read"), [
    ("柿岚农业2026财年第一季度收入比上年同期增长多少？", "柿岚农业2026财年第一季度收入比上年同期增长多少？"),
    ("2025年收入较上年同期变化多少", "2025年收入较上年同期变化多少"),
    ("2025年上半年收入去年同期是多少？", "2024年上半年收入是多少？"),  # the year before's figure itself
])
def test_a_comparison_with_the_year_before_keeps_the_year(question, read):
    from chatbot.text import with_year_before

    assert with_year_before(question) == read


@pytest.mark.parametrize(("sentence", "asked", "other"), [
    # a fiscal quarter named without its year beside the calendar months it spans: the quarter asked
    ("柿子在10月至12月集中采收加工,第一季度收入2.91亿元,同比增长10.2%", ("2026", "Q1"), False),
    ("2025年前三季度收入100亿元，同比增长5.3%", ("2025", None), True),
    ("收入100亿元，同比增长5.3%", ("2025", None), False),
])
def test_a_stated_change_of_another_part_of_the_year(sentence, asked, other):
    from chatbot.compose.figures import _change_of_another_part

    assert _change_of_another_part(sentence, asked) is other


# --- an English channel's sales asked with "how much" ----------------------------------------------------------------


@pytest.mark.parametrize(("question", "segments", "money"), [
    ("How much did Hanling Junye sell online in February 2026, and what was the year-on-year increase?", [["线上", "online"]], True),
    ("How much dried wood ear did Hanling Junye sell in FY2025?", [], False),  # a product: its volume
    ("How many tonnes did Hanling Junye sell online?", [["线上", "online"]], False),
    ("How much did Shafeng Fan Art sell in North America in 2025?", [], True),  # a region: its sales in money
    ("How much did 箑风扇艺 sell in North America in 2025?", [], True),  # the name resolved to its Chinese form
    ("How much garlic did Suisuan Agriculture sell in 2025?", [], False),  # a noun before the verb: its volume
])
def test_an_english_channels_sales(question, segments, money):
    from chatbot.evidence import _sold_how_much

    spec = QuestionSpec(groups=[], entities=set(), metrics=[], periods=set(), wants_figure=True, wants_list=False,
                        segments=segments, unit="吨" if "tonnes" in question else "",
                        measures=["吨"] if "tonnes" in question else [])
    assert _sold_how_much(question, spec) is money


# --- the thing a unit counts, named by its document's prose -----------------------------------------------------------


def test_a_table_of_its_own_counts_what_its_documents_prose_names():
    from chatbot.evidence import score_candidates
    from chatbot.models import Chunk, Passage
    from test_lookup20_rules import _idf
    from test_lookup30_rules import _glossary

    prose = "- 云知声是新疆最大的薰衣草种植企业之一,2025年精油销量增长。"
    table = "表2:种植基地(2025年)\n| 基地 | 种植面积(亩) | 精油产量(吨) |\n|---|---|---|\n| 霍城基地 | 14,500 | 92 |"
    chunks = [Chunk(id="x:1", doc_id="x", title="云知声公告", text=prose, headings=["云知声公告"]),
              Chunk(id="x:2", doc_id="x", title="云知声公告", text=table, headings=["云知声公告"], kind="table")]
    question = "云知声霍城基地种了多少亩薰衣草？"
    cands, _ = score_candidates(question, [Passage(chunk=c, score=1.0) for c in chunks], _glossary(prose + table),
                                _idf(prose + table))
    assert any("14,500" in c.text for c in cands)
    other = Chunk(id="y:1", doc_id="y", title="另一家公司公告", text=prose.replace("云知声", "另一家公司"), headings=["另一家公司公告"])
    cands, _ = score_candidates(question, [Passage(chunk=c, score=1.0) for c in (other, chunks[1])],
                                _glossary(prose + table), _idf(prose + table))
    assert not any("14,500" in c.text for c in cands)  # only another document names the lavender: no answer


# --- an absent part before the metric: a kind no passage writes, or one of a kind the rows list -----------------------


@pytest.mark.parametrize(("question", "word", "texts", "held"), [
    ("栈香食品2025年腊鱼收入是多少？", "腊鱼", ["收入14.62亿元", "| 广式腊肠 | 842.6 |\n| 腊肉及腊鸭 | 318.4 |"], True),
    # a compound's opening, its head one character more
    ("柿岚农业2025财年柿叶茶收入是多少？", "柿叶", ["收入6.38亿元", "| 传统柿饼 | 402,150 |"], True),
    # of a kind the rows list in others
    ("纱影灯业2025财年走马灯收入是多少？", "走马灯", ["| 传统宫灯 | 168,400 |\n| 节庆串灯 | 134,900 |"], True),
    ("纱影灯业2025财年走马灯收入是多少？", "走马灯", ["| 传统宫灯 | 168,400 |\n| 文旅展品 | 87,300 |"], False),
    # another name of a thing the documents give, whose kind they write ("费" of 通行费)
    ("峤通高速1-11月累计路费收入是多少？", "路费", ["公司累计通行费收入55.62亿元"], False),
])
def test_an_absent_part_before_the_metric(question, word, texts, held):
    from chatbot.evidence import _absent_parts_of_metric
    from chatbot.text import normalize

    spec = QuestionSpec(groups=[TermGroup([word], ABSENT_WEIGHT, absent=True)], entities=set(),
                        metrics=[["收入", "营收"]], periods=set(), wants_figure=True, wants_list=False)
    assert bool(_absent_parts_of_metric(question, spec, [normalize(t) for t in texts], texts)) is held


def test_a_place_names_no_kind_of_thing():
    """"出口越南收入": 越南 is no generic head of a product's name (so "出口泰国收入" does not name it "by its kind")."""
    from chatbot.evidence import _mark_kind_heads

    export, vietnam = TermGroup(["出口"], 1.0), TermGroup(["越南"], ABSENT_WEIGHT, absent=True)
    spec = QuestionSpec(groups=[export, vietnam], entities=set(), metrics=[["收入"]], periods=set(), wants_figure=True,
                        wants_list=False, required=[export, vietnam], scope_forms=["收入"])
    _mark_kind_heads("柿岚农业出口越南收入是多少？", spec, [export, vietnam])
    assert vietnam.kind_phrase == ""
    assert vietnam.kind_of == []


# --- a plain-text article's numbered section headings ----------------------------------------------------------------


@pytest.mark.parametrize(("text", "read"), [
    ("一、合同要点\n纱影灯业集团有限公司公告。", "## 一、合同要点\n\n纱影灯业集团有限公司公告。"),
    ("收入4.27亿元。\n二、2025财年业绩(截至2025年8月31日)\n收入4.27亿元。",
     "收入4.27亿元。\n\n## 二、2025财年业绩(截至2025年8月31日)\n\n收入4.27亿元。"),
    ("（一）小节\n正文", "## （一）小节\n\n正文"),
    # a numbered sentence, a heading with nothing under it, an Arabic-numbered list item: as written
    ("一、这是一句话。\n正文", "一、这是一句话。\n正文"),
    ("正文\n三、其他", "正文\n三、其他"),
    ("1. 第一项\n2. 第二项", "1. 第一项\n2. 第二项"),
])
def test_numbered_section_headings_of_a_plain_text_article(text, read):
    from ingest.loaders import numbered_headings

    assert numbered_headings(text) == read


# --- an English compound whose last word no passage holds -------------------------------------------------------------


@pytest.mark.parametrize(("question", "marked"), [
    ("What was Shilan's revenue from persimmon wine in FY2025?", ["wine"]),
    ("What was Hanling's revenue from wood ear sauce?", ["sauce"]),
    ("What were Hanling's sales of wood ear sauce, and how did they grow?", ["sauce"]),
    # no word the passages hold before it: a word of the question's own phrasing, not a thing's name
    ("What was Shilan's revenue from wine in FY2025?", []),
    # no money figure of a part asked: an English word no dictionary sense covers is left to the look-up (session 42
    # held the thing whose volume is asked and withdrew it: 13 English look-ups lost, "lychees", "lotus ponds", "money")
    ("How much persimmon wine did Shilan sell?", []),
    ("How much persimmon sales before the IPO?", []),
    # a finance term naming the part whose price is asked
    ("What was Lin'ao's average selling price for phosphoric acid in 2025?", ["磷酸"]),
])
def test_an_english_compounds_absent_head(question, marked):
    from chatbot.evidence import _absent_heads_en

    groups = [TermGroup(["persimmon", "柿子"], 1.0), TermGroup(["木耳"], 1.0, kind="term", source="wood ear"),
              TermGroup(["wine", "酒"], ABSENT_WEIGHT, absent=True), TermGroup(["sauce"], ABSENT_WEIGHT, absent=True),
              TermGroup(["sales", "销售额"], 1.0), TermGroup(["before"], ABSENT_WEIGHT, absent=True),
              TermGroup(["磷酸"], 1.0, kind="term", source="phosphoric acid")]
    assert [g.alternatives[0] for g in _absent_heads_en(question, _spec(groups))] == marked


def test_a_restated_year_before_is_not_carried_to_the_next_sentence():
    """In a paragraph of lines (a plain-text article), "毛利率30.2%,2024财年为29.4%" keeps its 2024 for itself, and the next
    sentence, naming no period, is not read as 2024's."""
    from chatbot.evidence import passage_sentences

    read = {shown: said for _, shown, _, said, *_ in passage_sentences(
        "收入4.27亿元。毛利率30.2%,2024财年为29.4%。灯笼销量1,180万盏,同比增长7.6%。")}
    assert read["毛利率30.2%,2024财年为29.4%。"] == {("2024", None)}
    assert read["灯笼销量1,180万盏,同比增长7.6%。"] == set()
    read = {shown: said for _, shown, _, said, *_ in passage_sentences("2025年收入4.27亿元。灯笼销量1,180万盏。")}
    assert read["灯笼销量1,180万盏。"] == {("2025", None)}  # a period of its own is still carried


@pytest.mark.parametrize(("question", "standalone"), [
    ("有没有更新一点的销售数据？", "纱影灯业有没有更新一点的销售数据？"),
    ("有更新的业绩数字吗？", "纱影灯业有更新的业绩数字吗？"),
    # no figure asked: left as it is
    ("港股18C是什么？", "港股18C是什么？"),
])
def test_a_chinese_follow_up_asking_figures_of_no_company(question, standalone):
    from chatbot.followup import resolve_followup
    from chatbot.glossary import Glossary, load_glossary

    base = load_glossary()
    glossary = Glossary(aliases={"纱影灯业": "纱影灯业"}, companies={"纱影灯业"}, metrics=base.metrics)
    history = [{"role": "user", "content": "纱影灯业2025财年收入多少？"},
               {"role": "assistant", "content": "纱影灯业2025财年收入4.27亿元，同比增长9.3%[1]。"}]
    assert resolve_followup(question, history, glossary) == standalone


# --- an absent noun beside a word the passages write with another partner --------------------------------------------


@pytest.mark.parametrize(("question", "groups", "texts", "marked"), [
    # before a word (no metric) the passages write after another word
    ("锦针绣艺博物馆的儿童门票多少钱？", [("儿童", True), ("门票", False)], ["成人门票每人60元"], ["儿童"]),
    ("禾筷集团2025财年木筷销量是多少？", [("木筷", True), ("销量", False)], ["竹筷销量36.5亿双"], ["木筷"]),
    # a noun of the question's own cut, no word of the dictionary ("灯带")
    ("纱影灯业2025财年灯带销量是多少？", [("灯带", True), ("销量", False)], ["灯笼销量1,180万盏"], ["灯带"]),
    # after a noun the passages write before another word: not marked ("征程芯片" is their 征程系列处理硬件)
    ("禾筷集团竹制砧板收入是多少？", [("竹制", False), ("砧板", True)], ["| 竹制餐具套装 | 121,500 |"], []),
    # a word inserted into a phrase the passages write ("所得款项净额": 所得净额)
    ("云知声配售所得款项净额约多少？", [("所得", False), ("款项", True), ("净额", False)], ["预计所得净额约1.92亿港元"], []),
    # after the word the passages write before a word of its length and last character
    ("禾筷集团一次性木筷收入是多少？", [("一次性", False), ("木筷", True)], ["| 一次性竹筷 | 318,200 |"], ["木筷"]),
    # a word of its shape written elsewhere: another name, not another kind ("旅客" beside 乘客)
    ("国泰航空10月份运了多少旅客？", [("旅客", True)], ["10月载客量289.5万人次，乘客人数增长"], []),
    ("迅邦快递10月份一共揽收了多少票快件？", [("揽收", False), ("快件", True)], ["揽收量25.12亿票，邮件业务"], []),
    # another name of a thing the passages give, not of its shape ("路费" beside 通行费), before a metric
    ("峤通高速1-11月累计路费收入是多少？", [("累计", False), ("路费", True)], ["公司累计通行费收入55.62亿元"], []),
    # nothing written beside it with another partner
    ("锦针绣艺签约了多少名设计师？", [("签约", False), ("设计师", True)], ["签约绣娘860名"], []),
])
def test_an_absent_noun_beside_a_word_written_with_another(question, groups, texts, marked):
    from chatbot.evidence import _absent_beside_written

    spec = QuestionSpec(groups=[TermGroup([w], ABSENT_WEIGHT if absent else 1.0, absent=absent) for w, absent in groups],
                        entities=set(), metrics=[["收入", "营收"]], periods=set(), wants_figure=True, wants_list=False)
    assert [g.alternatives[0] for g in _absent_beside_written(question, spec, texts)] == marked


def test_an_elliptical_follow_up_then_an_ask_of_another_kind():
    """"毛利率呢？和上年比怎么样？" after "栈香食品2025年收入多少？": the company's gross margin, then the comparison (it had been
    read with no company, and another company's gross margin quoted)."""
    from chatbot.followup import resolve_followup
    from chatbot.glossary import Glossary, load_glossary

    glossary = Glossary(aliases={"栈香食品": "栈香食品"}, companies={"栈香食品"}, metrics=load_glossary().metrics)
    history = [{"role": "user", "content": "栈香食品2025年收入多少？"},
               {"role": "assistant", "content": "栈香食品2025年收入14.62亿元，同比增长8.7%[1]。"}]
    standalone = resolve_followup("毛利率呢？和上年比怎么样？", history, glossary)
    assert standalone.startswith("栈香食品2025年毛利率")
    assert standalone.endswith("和上年比怎么样？")


def test_a_fiscal_half_asked_is_not_the_calendar_half_of_the_next_fiscal_year():
    assert not any("4.96亿" in s for s in _sentences("云知声2025财年下半年收入是多少？", _HALF, "云知声公告",
                                                     "2026财年上半年(截至2025年12月31日止六个月)"))


def test_another_company_then_a_comparison_is_no_elliptical_follow_up():
    """"那途昇汽车呢？两家谁更依赖豪华品牌？": another company, then a comparison of the two (not the first part resolved and
    the comparison appended)."""
    from chatbot.followup import _ellipsis_then_ask
    from chatbot.glossary import Glossary, load_glossary

    glossary = Glossary(aliases={"骋耀汽车": "骋耀汽车", "途昇汽车": "途昇汽车"}, companies={"骋耀汽车", "途昇汽车"},
                        metrics=load_glossary().metrics)
    history = [{"role": "user", "content": "骋耀汽车的豪华品牌收入占比是多少？"},
               {"role": "assistant", "content": "骋耀汽车2025年上半年豪华品牌收入占比为71%。"}]
    assert _ellipsis_then_ask("那途昇汽车呢？两家谁更依赖豪华品牌？", history, glossary) is None
