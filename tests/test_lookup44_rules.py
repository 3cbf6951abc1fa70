"""Session 44's look-up and reader rules, table by table: from dev-44's misses (the session-43 hidden set, opened).
Each rule reads data (config/evidence.toml, reader.toml, terms_en.toml, CC-CEDICT, lemminflect), not a list of this
set's companies."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from chatbot.bilingual import _by_lead, _by_sound, _stems, inflections
from chatbot.compute import facts_in, priced_count, read_derived, read_period_parts
from chatbot.english_names import _written_as_name
from chatbot.evidence import (
    TermGroup,
    _asks_count_en,
    _english_forms,
    _present_in_english,
    analyse_question,
    asks_any_currency,
    segment_without_unit_figure,
    sum_in_own_currency,
)
from chatbot.glossary import load_glossary
from chatbot.intent import is_reader_phrase, question_intent
from chatbot.text import english_period_forms, periods, spans_as_written


@pytest.mark.parametrize(("clause", "money"), [
    ("波兰销售额2160万兹罗提", True),  # a currency no list names
    ("卡塔尔销售额486万卡塔尔里亚尔", True),
    ("英国销售额146万英镑", True),
    ("日本销售额18.4亿日元", True),  # 日 opens it: a currency all the same
    ("销售额1.2万吨", False),  # a volume
    ("销售额同比增长12.5%", False),  # a rate
    ("销售额增长12倍", False),  # a multiple
    ("门店36家", False),  # no money word
])
def test_a_sum_in_its_own_currency(clause, money):
    assert sum_in_own_currency(clause) is money


@pytest.mark.parametrize(("question", "any_currency"), [
    ("黹韶服饰在英国卖了多少钱?", True),
    ("每股派几块钱?", True),
    ("收入多少亿元?", False),  # a currency asked
    ("在英国卖了多少英镑?", False),
])
def test_a_sum_asked_in_no_currency(question, any_currency):
    assert asks_any_currency(question) is any_currency


def test_a_market_clause_in_its_own_currency_answers_how_much_money():
    sentence = "欧元区销售额1,420万欧元;波兰销售额2,160万兹罗提;美国销售额865万美元。"
    assert segment_without_unit_figure(sentence, [["波兰"]], "元")  # 元 asked: the clause states none
    assert not segment_without_unit_figure(sentence, [["波兰"]], "元", any_currency=True)  # "多少钱": it does


@pytest.mark.parametrize(("word", "chinese"), [
    ("hawthorn", "山楂"),  # "Chinese hawthorn (Crataegus pinnatifida)": the definition's last word
    ("sturgeon", "鲟鱼"),
    ("kilogram", "公斤"),
])
def test_a_word_a_definition_opens_or_ends_with(word, chinese):
    assert chinese in _by_lead(word)


@pytest.mark.parametrize(("word", "first"), [
    ("qipao", "旗袍"),  # pinyin, no English word: the dictionary's words read so (旗袍 before 气泡)
    ("sun", None),  # too short to tell
    ("museum", None),  # an English word
])
def test_a_word_written_as_it_sounds(word, first):
    assert next(iter(_by_sound(word)), None) == first


@pytest.mark.parametrize("word", ["day", "fruit", "gain",
                                  "going", "asked", "charges"])  # (common counted with verbs' senses: "going too far")
def test_a_common_words_compounds_are_no_translation_of_it(word):
    assert _by_lead(word) == []  # ("day": 交易日, 同日, 日前, … would each be read as the question's "day")


@pytest.mark.parametrize(("word", "forms"), [
    ("raise", {"raised", "raises"}),  # the question's verb, as the article's past tense
    ("sold", {"sell", "sells"}),  # an irregular one
    ("backers", {"backer"}),
])
def test_an_english_words_other_forms(word, forms):
    assert forms <= set(inflections(word))


@pytest.mark.parametrize("word", ["the", "how", "and"])
def test_a_function_word_has_no_forms_to_add(word):
    assert set(inflections(word)) <= {"hows"}  # (lemminflect's noun "hows": matches no article)


def test_a_british_spelling_is_looked_up_the_american_way():
    assert "jewelry" in _stems("jewellery")


@pytest.mark.parametrize(("question", "texts", "written"), [
    # a fiscal span the article names in brackets: its name, which the period rules read
    ("What was X's revenue for the nine months ended 31 December 2025?",
     ["Revenue for the nine months ended 31 December 2025 (9M FY2026) was RMB562.3 million."], "9M FY2026"),
    ("What was X's revenue for the nine months to December 31, 2025?",
     ["Revenue for the nine months ended 31 December 2025 (9M FY2026) was RMB562.3 million."], "9M FY2026"),
    # a calendar period: left to the period rules
    ("What was X's revenue for the six months ended 31 December 2025?",
     ["Revenue for the six months ended 31 December 2025 (1H FY2026) was RMB300 million."], "six months ended"),
    # no article names the span: as written
    ("What was X's revenue for the nine months ended 31 December 2025?", ["Revenue was RMB684.5 million."],
     "nine months ended"),
])
def test_an_english_span_as_the_documents_name_it(question, texts, written):
    assert written in spans_as_written(question, texts)


def test_nine_months_of_a_fiscal_year_is_its_first_three_quarters():
    assert periods(english_period_forms("revenue for 9M FY2026")) == {("2026", "Q1-3")}


@pytest.mark.parametrize(("question", "intent"), [
    ("What went well for Chichuan Foods in 2025, and what weighed on it?", "pros_cons"),
    ("What went right for X last year, and what went wrong?", "pros_cons"),
    ("Roughly how much would that batch have brought in once every copy sold?", "derived"),
    ("琬彩琉璃首批数字藏品全部售出能收入多少钱?", "derived"),
    ("According to the report, what makes Hong Kong attractive for AI listings, and what risks should investors keep in "
     "mind?", "pros_cons"),  # what makes it attractive and its risks: both lists, not why
    ("What makes Hong Kong attractive for AI listings?", "why"),
    ("荇桥食品2025财年的业绩有哪些积极面和不利面?", "pros_cons"),
    ("文中提到的“绿鞋”是什么,对应多少股?", "definition"),  # a quoted term the text mentions
    ("“绿鞋”是什么时候行使的?", "lookup"),  # when, not what
])
def test_intent(question, intent):
    assert question_intent(question, question).name == intent


@pytest.mark.parametrize(("name", "reader"), [
    ("这份业绩", True),  # a demonstrative: what the conversation named
    ("那家企业", True),
    ("该公司", True),
    ("这份报告", True),
    ("黑芝麻智能", False),
    ("本田", False),  # 本 opens names
])
def test_a_phrase_that_points_back_is_no_name(name, reader):
    assert is_reader_phrase(name) is reader


@pytest.mark.parametrize(("word", "texts", "named"), [
    ("Pulse", ["…the crowdfunding campaign for its Pulse smart speed cube closed on 1 March 2026."], True),
    ("Pulse", ["Pulse rates rose."], False),  # a sentence's first word: no name
    ("Pulse", ["…a pulse of demand."], False),
])
def test_a_word_an_english_article_writes_as_a_name(word, texts, named):
    assert _written_as_name(word, texts) is named


def test_a_half_year_from_the_year_less_its_other_half():
    reads = read_period_parts("楂岭食品2025年上半年的收入大约是多少?", load_glossary())
    wholes = [(dq.a.period, dq.b.period) for _, dq in reads]
    assert (("2025", "Q1-3"), ("2025", "Q3")) in wholes  # first: the first three quarters less the third
    assert (("2025", None), ("2025", "H2")) in wholes  # then: the year less its second half


@pytest.mark.parametrize("question", [
    "Roughly how much would that batch have brought in once every copy sold?",
    "首批数字藏品全部售出能收入多少钱?",
])
def test_a_sell_out_is_a_product(question):
    dq = read_derived(question, load_glossary())
    assert dq is not None
    assert dq.kind == "product"


def test_a_price_per_copy_and_a_count_of_copies():
    facts = facts_in("发行首批数字藏品,共发行3.6万份,每份售价29.9元,开售6分钟即告售罄。")
    count, price = priced_count(facts, "全部售出能收入多少钱?")
    assert (count.written[0], price.written[0]) == ("3.6万", "29.9")


def test_dividends_in_hk_cents_are_figures_to_compute_with():
    facts = facts_in("2024年末期股息每股10.5港仙;董事会建议派发2025年末期股息每股12.0港仙。")
    assert [(f.written[0], f.currency) for f in facts] == [("10.5", "港仙"), ("12.0", "港仙")]


@pytest.mark.parametrize(("question", "period"), [
    ("What was X's fourth-quarter revenue in 2025?", ("2025", "Q4")),  # the words between the quarter and its year
    ("What was X's first-quarter net profit in 2025?", ("2025", "Q1")),
])
def test_a_quarter_written_before_its_figure(question, period):
    assert period in periods(english_period_forms(question))


@pytest.mark.parametrize(("word", "forms"), [
    ("汕头", ("shantou",)),  # a place: as it sounds
    ("卡塔尔", ("qatar",)),  # (the dictionary's English first)
    ("众筹", ("crowdfunding",)),
])
def test_a_chinese_words_english_forms(word, forms):
    assert set(forms) <= set(_english_forms(word))


def test_a_chinese_word_an_english_article_writes_is_present():
    spec = SimpleNamespace(groups=[TermGroup(["众筹"], 2.0, True), TermGroup(["筹到"], 2.0, True)])
    _present_in_english(spec, ["cubenzatechnologiessaidthatthecrowdfundingcampaignclosedon1march2026."])
    assert [g.absent for g in spec.groups] == [False, True]  # "crowdfunding" written; no English for 筹到 there


@pytest.mark.parametrize(("question", "count"), [
    ("How many ostriches did Tuomo keep across its farms?", True),
    ("How many bowling balls did Strikewell sell in 2025?", True),
    ("How many yuan of revenue did X earn?", False),  # money asked
    ("How much revenue did X earn?", False),
    ("鸵漠牧业有多少只鸵鸟?", False),  # (a Chinese question names its measure word: the measure rules')
])
def test_a_count_of_things_asked_in_english(question, count):
    spec = analyse_question(question, load_glossary(), lambda t: 1.0)
    assert _asks_count_en(question, spec) is count


@pytest.mark.parametrize(("word", "wrong"), [
    ("commitment", "兑现"),  # "to honor a commitment": a verb's sense, no name of the thing
    ("aggregate", None),
])
def test_a_verbs_sense_is_no_lead(word, wrong):
    assert wrong not in _by_lead(word) if wrong else _by_lead(word) == []
