"""Table-driven tests of the session-16 rules (dev-16's look-up failures, by class): a count asked by its word
("学员人数"), an English thing counted whose word is a unit ("customer visits"), dictionary phrases of two or three
English words ("driving schools"), British spellings, month ranges that are no names, a measure word after a
quantity, a number's unit, a rare character's readings, "多少百万美元", a metric named only as the whole of a share,
a table by part, a region written "<place>市场", the members a bracket lists, a peer named in passing, and a coined
name before a trade word."""

from __future__ import annotations

import pytest

from chatbot.bilingual import _stems, translator
from chatbot.en_phrases import dictionary_phrases
from chatbot.entity_extract import extract
from chatbot.evidence import (
    _is_metric,
    asked_measures,
    asked_unit,
    breakdown_row,
    measure_words,
    share_base_only,
    states_measure,
    without_attribution,
)
from chatbot.glossary import Glossary, load_glossary
from chatbot.metric_scope import asked_regions
from chatbot.names import load_rules, name_before
from chatbot.pinyin_readings import readings
from chatbot.subjects import trade_names


@pytest.mark.parametrize(("question", "units", "words"), [
    ("弘驿驾培1-9月新招学员人数是多少？", ["人", "名", "位"], ["人数"]),
    ("门店家数是多少", ["家"], ["家数"]),
    ("驾校所数", ["所"], ["所数"]),
    ("交付台数多少", ["台"], ["台数"]),
    ("多少人次", ["人次"], ["人次"]),
    ("收入实现两位数增长了吗", [], []),  # a numeral's 位数 counts nothing
    ("数据是多少", [], []),
    ("How many customer visits did Maiyue record", ["人次"], ["visits"]),  # the thing counted is a unit
    ("How many driving schools did X operate", [], []),
    ("how many tonnes of sugar", ["吨", "tonnes"], ["tonnes"]),  # (the English word too: an English article's)
])
def test_the_unit_a_count_is_asked_in(question, units, words):
    assert asked_measures(question) == units
    assert measure_words(question) == words


@pytest.mark.parametrize(("text", "unit", "stated"), [
    ("前三季度共招收学员42.6万人", "人", True),
    ("第三季度到店客流约1,265万人次", "人", False),  # visits, not people
    ("募资100万人民币", "人", False),  # money
    ("员工12000名", "名", True),
])
def test_a_figure_in_the_unit(text, unit, stated):
    assert states_measure(text, unit) is stated


def test_english_phrases_the_dictionary_gives_as_one_word():
    translate = translator(lambda zh: zh in "公司旗下共有驾校78所")
    assert dictionary_phrases("how many driving schools did it operate", translate) == [("driving schools", ["驾校"])]
    assert dictionary_phrases("what did it earn", translate) == []


@pytest.mark.parametrize(("word", "spelled"), [
    ("licences", "license"), ("harbour", "harbor"), ("centres", "center"), ("organisation", "organization"),
])
def test_british_spellings_are_looked_up_the_american_way(word, spelled):
    assert spelled in _stems(word)


@pytest.mark.parametrize(("word", "no_name"), [
    ("July-September", True), ("Q2-Q3", True), ("July", True), ("Jiangbei", False), ("Qiaotong-Road", False),
])
def test_month_ranges_are_no_names(word, no_name):
    assert load_rules().not_name_en(word) is no_name


@pytest.mark.parametrize(("text", "name"), [
    ("弘驿驾培目前有多少台新能源", "新能源"),  # 台 counts the vehicles asked ("台新能源" is no name)
    ("跃岭健身24小时智能", "智能"),  # 小时 is the number's unit
    ("据2025年蔚来汽车", "蔚来汽车"),
    ("共3家黑芝麻智能", "黑芝麻智能"),
])
def test_a_measure_word_or_a_numbers_unit_opens_no_name(text, name):
    assert name_before(text, load_rules()) == name


@pytest.mark.parametrize(("name", "reading"), [
    ("峤通", "qiaotong"),  # a rare character few phrases use: every reading it lists
    ("峤通", "jiaotong"),
    ("长岳", "changyue"),
])
def test_readings_of_a_name(name, reading):
    assert reading in readings(name)


def test_a_reading_no_phrase_uses_is_none_for_a_common_character():
    assert readings("件达") == ("jianda",)


@pytest.mark.parametrize(("question", "unit"), [
    ("骁轮自行车2023财年盈利是多少百万美元？", "美元"),  # any magnitude of US dollars
    ("多少亿元", "亿"), ("多少钱", "元"), ("多少港元", "港元"),
])
def test_the_money_unit_asked(question, unit):
    assert asked_unit(question) == unit


@pytest.mark.parametrize(("text", "only"), [
    ("亏损净额:2022年7370万美元;海外业务约占收入七成", True),
    ("收入10亿元，占总收入的46%", False),
    ("本公司权益持有人应占溢利约43.6亿港元", False),  # the owners' share, no share of a whole
])
def test_a_metric_named_only_as_the_whole_of_a_share(text, only):
    assert share_base_only(text, ["收入", "溢利"]) is only


@pytest.mark.parametrize(("header", "headings", "label", "question", "part"), [
    ("|路段|收费里程|", ["峤通高速", "分路段数据（2025年11月）"], "江北环线", "峤通高速11月日均车流量", True),
    ("|路段|收费里程|", ["峤通高速"], "江北环线", "江北环线11月日均车流量", False),  # the row asked
    ("|指标|2024|", ["峤通高速", "分路段数据"], "合计", "11月收入", False),  # the total's row
    ("|指标|2024|", ["峤通高速", "财务摘要"], "收入", "收入", False),  # no table by part
])
def test_a_row_of_a_table_by_part(header, headings, label, question, part):
    assert breakdown_row(header, headings, label, question) is part


@pytest.mark.parametrize(("label", "words", "part"), [
    ("欧洲", ["欧洲", "收入"], False),  # "revenue in Europe": the row asked, in the question's Chinese words
    ("江北环线", ["江北", "环线"], False),
    ("峤南高速", ["高速", "车流"], True),  # half of it only: another road's row
])
def test_an_english_question_names_a_row_by_its_words(label, words, part):
    assert breakdown_row("|路段|收入|", ["X", "分路段数据"], label, "what was it", words) is part


@pytest.mark.parametrize(("question", "regions"), [
    ("璐付科技上半年在非洲市场的交易额是多少？", [["非洲市场", "非洲"]]),
    ("资本市场怎么看", []),
    ("二级市场表现", []),
])
def test_a_place_before_market_is_a_region(question, regions):
    assert asked_regions(question, ["市场"], ["ns"]) == regions


@pytest.mark.parametrize(("sentence", "left"), [
    ("声学钢琴（立式及三角钢琴）：收入约8.12亿元", "声学钢琴：收入约8.12亿元"),
    ("Velorain Cycles（骁轮自行车）9月", "Velorain Cycles（骁轮自行车）9月"),
])
def test_a_bracket_listing_members(sentence, left):
    assert without_attribution(sentence) == left


@pytest.mark.parametrize(("words", "metric"), [
    ("toll revenue ", True), ("net profit ", True), ("net profit margin ", False),
])
def test_words_ending_with_a_metric(words, metric):
    assert _is_metric(words, load_glossary()) is metric


def test_a_peer_named_in_passing_is_catalogued():
    text = "麦悦娱乐第三季度收入8.26亿元。麦悦娱乐门店412家。同业方面，唱域KTV等区域品牌近期在华南加快开店。钛白粉等主要原材料价格下降。"
    names = {e.name for e in extract("", [], text)}
    assert "唱域KTV" in names
    assert "钛白粉" not in names  # 等 then no word for a kind of company


@pytest.mark.parametrize(("question", "names"), [
    ("我该不该买入宸丰涂料的股票？", ["宸丰涂料"]),  # a coined word before the trade of 宸彩涂料
    ("我该不该买入宸彩涂料的股票？", []),
    ("那篇讲涂料行业的文章说了什么", []),  # 篇讲: common characters across words
    ("零售涂料和工业涂料哪个好", []),
    ("康泓医疗6月底欠银行多少钱？", []),  # 底欠 starts inside 月底
])
def test_a_coined_name_before_a_trade_word(question, names):
    glossary = Glossary(aliases={"宸彩涂料": "宸彩涂料"}, companies={"宸彩涂料"}, names=["宸彩涂料"])
    text = "宸彩涂料上半年收入。零售涂料。工业涂料。康泓医疗欠银行"
    assert trade_names(question, glossary, lambda w: w in text, load_rules()) == names
