"""Table-driven tests of the session-30 rules (wrong answers found by probing English near-misses over dev-29's tables,
and dev-30's misses, by mechanism): an English question whose company was resolved to its Chinese name is still read
for the words no passage holds; a month's revenue is never the year's; the finance term whose figure is asked is
named by the answer; a part no passage names, written onto the word asked ("四线城市"); a name after a joining word
("A和B"); a noun jieba's dictionary tags a verb ("料酒"); a company's head before its product or place; a coined
name opening with a sound character ("喵垠"); an English question's pinyin name read whole ("Yuepei Wine"); English
rows and terms of an article written in English."""

from __future__ import annotations

import pytest

from test_lookup20_rules import _idf


def _glossary(text: str = ""):
    """The glossary as the engine merges it: the hand-kept file, the finance term list (config/terms_en.toml) and
    CC-CEDICT's translations of English words into the Chinese words `text` holds."""
    from dataclasses import replace

    from chatbot.bilingual import finance_terms, translator
    from chatbot.glossary import load_glossary

    base = load_glossary()
    glossary = replace(base, terms={**finance_terms(), **base.terms})
    if text:
        glossary.translate = translator(lambda s: s in text)
    return glossary


def _sentences(question: str, text: str, title: str, heading: str = "") -> list[str]:
    """The sentences chosen from one passage of `text` under a section `heading` (云知声, "Unisound", is a catalogued
    company)."""
    from chatbot.evidence import score_candidates
    from chatbot.models import Chunk, Passage

    chunk = Chunk(id="x:1", doc_id="x", title=title, text=text, headings=[title, *([heading] if heading else [])])
    cands, _ = score_candidates(question, [Passage(chunk=chunk, score=1.0)], _glossary(text + title), _idf(text + title))
    return [c.text for c in cands]

# --- an English question's words that no passage holds ---------------------------------------------------------------


@pytest.mark.parametrize(("question", "known", "phrase"), [
    # the company resolved to its Chinese name: still an English question
    ("What was 云知声's mosquito coil revenue in the third quarter of 2025?", "云知声 收入 第三季度 2025", "mosquito coil"),
    ("How many stores does 云知声 run in fourth-tier cities?", "云知声 门店 cities 城市 stores", "fourth tier"),
    ("What was 云知声's chip revenue in the third quarter of 2025?", "云知声 收入 第三季度 2025 芯片 chip", ""),
    ("云知声蚊香收入是多少？", "云知声 收入", ""),  # a Chinese question: its own rules
])
def test_an_english_run_no_passage_holds_is_read_past_the_resolved_name(question, known, phrase):
    from chatbot.evidence import analyse_question, unmapped_phrase

    spec = analyse_question(question, _glossary(), _idf(known))
    assert unmapped_phrase(question, spec) == phrase


# --- periods -----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("question", "text", "answered"), [
    ("云知声2025年9月的收入是多少？", "2025年全年收入约24.65亿元，同比增长18.9%。", False),  # the year's, no month's
    ("What was Unisound's revenue in September 2025?", "2025年全年收入约24.65亿元，同比增长18.9%。", False),
    ("What was Unisound's revenue in January 2026?", "按渠道划分，2025年收入中电商平台占46.3%。", False),  # another year
    ("云知声2025年9月的收入是多少？", "2025年9月收入2.13亿元，同比增长12.0%。", True),
    ("云知声2025年的收入是多少？", "2025年全年收入约24.65亿元，同比增长18.9%。", True),  # the year asked
])
def test_a_months_revenue_is_never_the_years(question, text, answered):
    assert bool(_sentences(question, text, "云知声业绩")) is answered


# --- the thing whose figure is asked -----------------------------------------------------------------------------------

# (the document states its gross profit elsewhere: the word asked is one the index holds)
REGIONS = ("2025财年毛利约4.98亿元，同比增长10.2%。\n\n2025财年按地区划分的收入（人民币千元）：\n\n| 地区 | 2025财年 |\n"
           "|---|---|\n| 美国 | 548,930 |\n| 欧洲 | 391,470 |\n")
MARGINS = "2025财年按地区划分的毛利（人民币千元）：\n\n| 地区 | 2025财年 |\n|---|---|\n| 美国 | 201,300 |\n| 欧洲 | 150,800 |\n"


@pytest.mark.parametrize(("question", "text", "figure"), [
    ("云知声2025财年来自美国的毛利是多少？", REGIONS, ""),  # a revenue row: no gross profit
    ("What was Unisound's FY2025 gross profit from the United States?", REGIONS, ""),
    ("云知声2025财年来自美国的毛利是多少？", MARGINS, "201,300"),
    ("What was Unisound's FY2025 gross profit from the United States?", MARGINS, "201,300"),
    ("云知声2025财年来自美国的收入是多少？", REGIONS, "548,930"),  # a metric asked: the metric's own rules
    ("云知声2025财年美国市场的收入是多少？", REGIONS, "548,930"),  # "美国市场": the place is the row asked
])
def test_the_finance_term_asked_is_named_by_the_row_or_its_caption(question, text, figure):
    got = _sentences(question, text, "云知声2025财年业绩")
    assert (bool(got) and figure in got[0]) if figure else not got


@pytest.mark.parametrize(("question", "head"), [
    ("云知声2025财年来自美国的毛利是多少？", "毛利"),
    ("What was Unisound's FY2025 gross profit from the United States?", "毛利"),
    ("What gross profit did Unisound make in FY2025?", "毛利"),
    ("云知声2025财年的收入是多少？", None),  # a metric: held by the metric's check
    ("云知声的毛利和收入分别是多少？", None),  # two asks: each part's own
])
def test_the_figure_head_of_a_question(question, head):
    from chatbot.evidence import _figure_head, analyse_question

    spec = analyse_question(question, _glossary(), _idf("云知声 毛利 收入 2025 财年 美国"))
    forms = {f for m in spec.metrics for f in m}
    got = _figure_head(question, spec, forms)
    assert (got.alternatives[0] if got else None) == head


TIERS = "| 城市层级 | 直营 | 合计 |\n|---|---|---|\n| 一线城市 | 31 | 58 |\n| 二线城市 | 25 | 117 |\n"


@pytest.mark.parametrize(("question", "answered"), [
    ("云知声在四线城市有多少家门店？", False),  # a tier no row names: no other tier's row
    ("云知声在二线城市有多少家门店？", True),
])
def test_a_part_no_passage_names_written_onto_the_word_asked(question, answered):
    got = _sentences(question, TIERS, "云知声门店网络", "按城市层级划分的门店")
    assert bool(got) is answered
    assert not got or "二线城市" in got[0]


# --- nouns, names ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("word", "noun"), [
    ("料酒", True),  # jieba's dictionary: v, a rare word; CC-CEDICT: cooking wine
    ("增长", False),  # a verb in both
    ("还有", False),  # common: CC-CEDICT's "furthermore", "still" are no nouns
    ("进账", False),  # a verb that asks a figure ("进账多少")
    ("黄酒", True),
])
def test_a_noun_jieba_tags_a_verb_is_read_by_its_dictionary_senses(word, noun):
    from chatbot.evidence import _noun, evidence_config

    assert _noun(word, frozenset(evidence_config()["required"]["noun_pos"])) is noun


def test_a_segment_jieba_tags_a_verb_is_required():
    text = "公司产品涵盖花雕酒、料酒及高端黄酒。2025年前三季度收入约7.86亿元，同比增长3.4%。"  # 料酒's figure: not given
    assert _sentences("云知声前三季度料酒单独的收入是多少？", text, "云知声三季度业绩") == []


@pytest.mark.parametrize(("after", "goes_on"), [
    ("重工2025年收入", True),  # a trade word: another company's name
    ("智能科技收入", True),
    ("豆腐猫砂2025年卖了多少吨", False),  # the company's product
    ("匈牙利工厂的产能", False),  # its place
    ("收入多少", False),  # a metric
    ("的收入", False),
])
def test_a_company_head_before_a_product_or_place_is_the_company(after, goes_on):
    from chatbot.glossary import load_glossary
    from chatbot.short_names import _name_goes_on

    assert _name_goes_on(after, load_glossary()) is goes_on


@pytest.mark.parametrize(("title", "name"), [
    ("喵垠宠物用品（3847.HK）内幕消息：美国第二大客户申请破产保护", "喵垠宠物用品"),  # 喵: a sound character, first
    ("都润控股（1234.HK）中期业绩", "都润控股"),
])
def test_a_coined_name_opening_with_a_sound_character(title, name):
    from chatbot.entity_extract import extract

    entries = extract(title, [], "")
    assert name in [e.name for e in entries]


def test_an_unknown_name_after_a_joining_word_is_found():
    from chatbot.glossary import Glossary
    from chatbot.subjects import unknown_names

    g = Glossary(aliases={"越醅酒业": "越醅酒业", "越醅": "越醅酒业"}, companies={"越醅酒业"})
    text = "黄酒企业越醅酒业前三季度收入约7.86亿元。"
    got = unknown_names("越醅酒业和绍醅酒业前三季度收入谁更高？", g, lambda s: s in text)
    assert "绍醅酒业" in got
    assert unknown_names("越醅酒业前三季度收入是多少？", g, lambda s: s in text) == []


def test_a_pinyin_name_is_read_whole_before_a_shorter_catalogued_one():
    from chatbot.english_names import resolve
    from chatbot.glossary import Glossary
    from chatbot.pinyin_readings import pinyin_forms

    names = {"越醅酒业": "越醅酒业", "越醅": "越醅投资"}  # the shareholder's short form is 越醅
    aliases = {f: canon for n, canon in names.items() for f in [n, *pinyin_forms([n])]}
    g = Glossary(aliases=aliases, companies={"越醅酒业", "越醅投资"}, terms={"revenue": ["收入"]})
    text = "越醅酒业前三季度收入约7.86亿元；控股股东越醅投资持股41.08%。"
    got = resolve("What was Yuepei Wine's revenue?", g, lambda s: s in text)
    assert "越醅酒业" in got.question


# --- an article written in English ----------------------------------------------------------------------------------

PRODUCTS = ("1H FY2026 by product line:\n\n| Product line | Units shipped | Revenue (RMB million) |\n|---|---|---|\n"
            "| Power wheelchairs | 112,600 | 498.3 |\n| Mobility scooters | 41,300 | 158.7 |\n")
REGIONS_EN = "1H FY2026 revenue by region (RMB million):\n\n| Region | Revenue |\n|---|---|\n| Mainland China | 384.2 |\n| Europe | 201.7 |\n"


@pytest.mark.parametrize(("question", "text", "figure"), [
    ("How many mobility scooters did Unisound ship in 1H FY2026?", PRODUCTS, "41,300"),  # "ship": "Units shipped"
    ("云知声2026财年上半年在欧洲的收入是多少？", REGIONS_EN, "201.7"),  # 欧洲: the row "Europe"
    ("云知声2026财年上半年在非洲的收入是多少？", REGIONS_EN, ""),
])
def test_an_article_in_english_answers_by_its_english_words(question, text, figure):
    got = _sentences(question, text, "Unisound interim results")
    assert (bool(got) and figure in got[0]) if figure else not got


# --- periods said otherwise ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "found"), [
    ("2025财年末期股息每股多少", {("2025", None)}),  # the final dividend: no year-end
    ("2025年末期股息", {("2025", None)}),
    ("2024年末现金", {("2024", "end")}),
    ("2025财年末", {("2025", "end")}),
])
def test_a_final_dividend_is_no_year_end(text, found):
    from chatbot.text import periods

    assert periods(text) == found


@pytest.mark.parametrize(("question", "period"), [
    ("涪芥食品2025年最后一个季度的收入是多少？", ("2025", "Q4")),
    ("涪芥食品2025年第一个季度的收入是多少？", ("2025", "Q1")),
])
def test_a_years_last_or_first_quarter_said_in_words(question, period):
    from chatbot.evidence import analyse_question

    spec = analyse_question(question, _glossary(), _idf("涪芥食品 收入 2025 第四季度 第一季度"))
    assert period in spec.periods


LEAD_TABLE = ("2025年前三季度分产品收入：\n\n| 产品 | 收入（人民币万元） | 同比 |\n|---|---|---|\n"
              "| 高端（十年陈及以上） | 28,640 | +9.7% |\n| 料酒及其他 | 2,570 | +1.8% |\n")


@pytest.mark.parametrize(("question", "figure"), [
    ("云知声前三季度高端黄酒收入是多少？", "28,640"),  # the row's period is its table's lead-in's
    ("云知声上半年高端黄酒收入是多少？", ""),  # another period
    ("云知声前三季度料酒单独的收入是多少？", ""),  # "料酒及其他": several parts' sum
])
def test_a_rows_period_and_parts_come_from_its_table(question, figure):
    got = _sentences(question, "黄酒企业云知声的产品涵盖花雕酒、料酒等。\n\n" + LEAD_TABLE, "云知声三季度业绩")
    assert (bool(got) and figure in got[0]) if figure else not got


@pytest.mark.parametrize(("row", "asked", "aggregate"), [
    ("料酒及其他:收入2,570万元", [["料酒"]], True),
    ("Japan and others:Revenue：RMB42.0 million", [["日本"]], True),
    ("Europe:Revenue：RMB201.7 million", [["欧洲"]], False),
    ("料酒:收入2,570万元", [["料酒"]], False),
    ("其他:收入2,570万元", [["料酒"]], False),
])
def test_a_row_adding_the_other_parts_is_no_parts_figure(row, asked, aggregate):
    from chatbot.evidence import _aggregate_row

    assert _aggregate_row(row, asked) is aggregate


# --- two parts, derived figures -------------------------------------------------------------------------------------


def test_and_inside_one_term_asks_one_thing():
    from chatbot.evidence import analyse_question, evidence_config
    from chatbot.two_part import split_spec

    question = "What is the lease rate on Unisound's sale and leaseback?"
    spec = analyse_question(question, _glossary("云知声 售后回租 租赁 利率"), _idf("云知声 售后回租 租赁 利率"))
    cfg = evidence_config()["two_part"]
    assert split_spec(question, spec, cfg["conjunctions"], cfg.get("clause_breaks", [])) == []


@pytest.mark.parametrize(("text", "asked", "other"), [
    ("公司2024年全年收入约54.2亿元；2025年前三季度收入约41.86亿元，同比增长5.3%", ("2025", None), True),
    ("全年收入132.6亿元，较2024年的122.6亿元增长8.2%", ("2025", None), False),  # no part of a year: may be the one asked
    ("西南地区收入同比增长18.9%，增速居各区域之首", (None, "Q3"), False),
    ("2025年前三季度收入约41.86亿元，同比增长5.3%", ("2025", "Q1-3"), False),  # the part asked
])
def test_a_change_stated_of_another_part_of_the_year(text, asked, other):
    from chatbot.compose.figures import _change_of_another_part

    assert _change_of_another_part(text, asked) is other


def test_and_after_a_term_that_holds_one_still_joins_two_items():
    from chatbot.evidence import analyse_question, evidence_config
    from chatbot.two_part import split_spec

    question = "What annual lease rate does Unisound pay under its sale-and-leaseback, and what is the total rent?"
    known = "云知声 售后回租 租赁 利率 租金 总额"
    spec = analyse_question(question, _glossary(known), _idf(known))
    cfg = evidence_config()["two_part"]
    assert len(split_spec(question, spec, cfg["conjunctions"], cfg.get("clause_breaks", []))) == 2


@pytest.mark.parametrize(("sentence", "is_part"), [
    ("豆腐猫砂:收入1,024.6百万元", True),  # a part's row: no whole of the company's revenue
    ("合计:收入3,895.5百万元", False),  # the total row
    ("收入:2025年2,270.0", False),  # the metric's own row
    ("全年收入约22.7亿元，猫砂销量约48.6万吨", False),  # prose
    ("云知声:2025年上半年营收32.6亿元", False),  # the company's own row
])
def test_a_shares_whole_is_no_parts_table_row(sentence, is_part):
    from chatbot.compute import Fact, Operand, part_row

    fact = Fact(lo=1.0, hi=1.0, unit="", currency="CNY", written=("1", "1"), clause=sentence, periods=set(),
                sentence=sentence, passage_idx=0)
    assert part_row(fact, Operand("云知声", [["收入", "revenue"]], None)) is is_part


def test_a_word_no_passage_holds_before_the_word_asked_is_no_part_unless_it_ranks_one():
    text = "预计所得净额约1.92亿港元；新股约占扩大后已发行H股的1.84%。"  # "所得款项净额" asked: 款项 is no part
    assert _sentences("云知声配售所得款项净额约多少？", text, "云知声配售")[:1] == [text]
