"""Session 43's look-up rules, table by table: from dev-43's misses (the session-42 hidden set, opened) and our probes
over its articles. Look-alikes of covered companies (a Chinese short name with another trade after it, an English name
whose trade words differ from the English name the documents write); English questions on Chinese articles (a country
the dictionary names in five characters or more, a currency by its English name, a market's revenue written 销售额);
a fiscal half asked by its calendar dates; a second English question after "and"; a verb the tagger reads as a place,
a segment word opening an event's name, a price asked per 公斤."""

from __future__ import annotations

import pytest

from chatbot.glossary import Glossary

# --- a country or its people, named by the dictionary in five characters or more ---------------------------------------


@pytest.mark.parametrize(("english", "chinese"), [
    ("saudi arabia", "沙特阿拉伯"),  # five characters: kept beside 沙国
    ("united arab emirates", "阿拉伯联合酋长国"),  # eight
    ("malaysia", "马来西亚"),  # four, as before
])
def test_a_long_country_name_is_in_the_reverse_dictionary(english, chinese):
    from chatbot.bilingual import cedict_index

    assert chinese in cedict_index().get(english, [])


@pytest.mark.parametrize(("word", "place"), [
    ("Malaysian", "马来西亚"),  # 马来西亚语, five characters: the country
    ("Dutch", "荷兰"),
])
def test_a_peoples_adjective_names_a_long_country(word, place):
    from chatbot.bilingual import demonym_place

    assert demonym_place(word) == place


@pytest.mark.parametrize(("headword", "definitions", "kept"), [
    ("沙特阿拉伯", ["Saudi Arabia"], True),
    ("马来西亚人", ["Malaysian (person)"], True),
    ("一本正经地", ["in all seriousness"], False),  # a common phrase: no proper noun
    ("中国证券监督管理委员会", ["China Securities Regulatory Commission"], False),  # longer than eight
])
def test_only_proper_nouns_of_five_to_eight_characters_are_added(headword, definitions, kept):
    from chatbot.bilingual import _long_proper_noun

    assert _long_proper_noun(headword, definitions) is kept


# --- currencies by their English names (config/terms_en.toml) -----------------------------------------------------------


@pytest.mark.parametrize(("english", "chinese"), [
    ("baht", "泰铢"), ("riyals", "沙特里亚尔"), ("ringgit", "令吉"), ("rand", "兰特"), ("dirhams", "迪拉姆"),
])
def test_a_currency_named_in_english_has_its_chinese(english, chinese):
    from chatbot.bilingual import finance_terms

    assert chinese in finance_terms()[english]


# --- a Chinese short name with another line of business after it ------------------------------------------------------


@pytest.mark.parametrize(("question", "name", "other"), [
    ("枭桌娱乐2025年股东应占溢利增长了多少?", "枭桌", "枭桌娱乐"),  # 娱乐: a trade word, the documents write 枭桌体育
    ("嘉岳重工前九个月收入多少？", "嘉岳", "嘉岳重工"),  # a business word, as before
    ("枭桌集团2025年收入多少？", "枭桌", ""),  # a group is the company asked
    ("枭桌国际2025年收入多少？", "枭桌", ""),  # so is an international arm's generic tail
    ("枭桌2025年收入多少？", "枭桌", ""),
])
def test_a_short_name_then_another_trade_names_another_company(question, name, other):
    from chatbot.names import load_rules
    from chatbot.subjects import business_after

    assert business_after(question, name, load_rules()) == other


# --- an English name whose trade words are not those of the documents' English name ----------------------------------


def _glossary() -> Glossary:
    return Glossary(aliases={"reedhaven instruments": "琯箫乐器", "reedhaven": "琯箫乐器", "guanxiao yueqi": "琯箫乐器",
                             "琯箫乐器": "琯箫乐器", "cuevale holdings": "枭桌体育", "cuevale": "枭桌体育",
                             "枭桌体育": "枭桌体育"},
                    companies={"琯箫乐器", "枭桌体育"})


@pytest.mark.parametrize(("name", "canon", "other"), [
    ("Reedhaven Music Group", "琯箫乐器", True),  # Music where its own English name says Instruments
    ("Reedhaven Instruments", "琯箫乐器", False),
    ("Reedhaven Instrument Holdings", "琯箫乐器", False),  # singular, and a legal form
    ("Reedhaven Group", "琯箫乐器", False),  # a legal form says no trade
    ("Cuevale Sports", "枭桌体育", True),  # its English name is a legal form alone ("Cuevale Holdings"): a name saying
    # a trade is none the documents write, another company's (session 44: it had been answered with its figure)
    ("Reedhaven Guanxiao", "琯箫乐器", False),  # pinyin after the English word: romanised Chinese, no English trade
    ("Reedhaven Instruments Group", "琯箫乐器", False),
])
def test_an_english_name_with_other_trade_words_is_another_company(name, canon, other):
    from chatbot.names import load_rules
    from chatbot.subjects import _other_than_english_name

    assert _other_than_english_name(name.split(), canon, _glossary(), load_rules()) is other


# --- a market's revenue written as its sales ---------------------------------------------------------------------------


@pytest.mark.parametrize(("places", "required_place", "amount", "widened"), [
    (True, False, True, True),  # "How much revenue did X earn in Saudi Arabia": 销售额 answers
    (False, True, True, True),  # the place held as a required word (沙特阿拉伯)
    (False, False, True, False),  # no market asked: the company's revenue, not a sales line
    (True, False, False, False),  # no amount asked
])
def test_a_markets_revenue_is_its_sales(places, required_place, amount, widened):
    from chatbot.evidence import QuestionSpec, TermGroup, _market_revenue_forms

    place = TermGroup(["沙特阿拉伯"], 1.0, kind="term")
    spec = QuestionSpec(groups=[], entities=set(), metrics=[["收入", "营收"]], periods=set(), wants_figure=True,
                        wants_list=False, amount=amount, places=[place] if places else [],
                        required=[place] if required_place else [])
    metrics = spec.metrics
    _market_revenue_forms(spec)
    assert ("销售额" in spec.metrics[0]) is widened
    assert metrics == [["收入", "营收"]]  # (a new list: the glossary's forms are never changed)


# --- a span of months written out to its day is one period -------------------------------------------------------------


@pytest.mark.parametrize(("question", "kept"), [
    ("By how much did X's profit grow in the six months to 31 December 2025?", "six months to 31 December 2025"),
    ("What was X's revenue for the nine months ended 30 June 2025?", "nine months ended 30 June 2025"),
    ("What was X's revenue for the three months ended March 31, 2025?", "three months ended March 31, 2025"),
])
def test_a_span_of_months_is_held_whole(question, kept):
    from chatbot.compose.base import _english_period_tokens

    assert any(m.group(0) == kept for m in _english_period_tokens().finditer(question))


# --- a word the tagger reads as a place, right before a verb's particle -------------------------------------------------


@pytest.mark.parametrize(("question", "word", "verb"), [
    ("琤算教育的学员在国际珠心算锦标赛上拿了几枚金牌?", "上拿", True),  # 拿了: a verb cut with 上
    ("翠橡农业在泰国2025年干胶产量是多少？", "泰国", False),
    ("公司在泰国了解到什么？", "泰国", True),  # (a place before 了 is read as no region asked)
])
def test_a_place_before_a_verbs_particle_is_a_verb(question, word, verb):
    from chatbot.evidence import _before_verb_particle

    assert _before_verb_particle(question, word) is verb


# --- a segment word opening an event's name --------------------------------------------------------------------------


@pytest.mark.parametrize(("question", "written", "name"), [
    ("学员在国际珠心算锦标赛上拿了几枚金牌", "第九届国际珠心算锦标赛在吉隆坡举行", True),  # an event
    ("国际业务收入是多少", "国际业务收入3.2亿元", False),  # a segment's own word after it: the segment
    ("海外市场收入是多少", "海外市场收入5.1亿元", False),  # a place suffix
    ("国际珠心算锦标赛", "国际比赛", False),  # the passages write no longer name
    ("甲公司第一季度内地同店销售增长多少？", "| 季度 | 内地同店销售同比 |", False),  # the figure asked follows: a segment
    ("学员在国际珠心算锦标赛拿了几枚金牌", "第九届国际珠心算锦标赛在吉隆坡举行", False),  # not framed as a setting
])
def test_a_segment_word_opening_a_written_name_is_no_segment(question, written, name):
    from chatbot.evidence import _opens_written_name
    from chatbot.glossary import load_glossary

    seg = ["国际"] if question.startswith(("国际", "学员")) else ["内地"] if "内地" in question else ["海外"]
    assert _opens_written_name(seg, question, [written], load_glossary()) is name


# --- a price asked per 公斤 -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("question", "required"), [
    ("斛霭药业收购石斛鲜条的平均价格是每公斤多少?", "每公斤"),  # a revenue row of 鲜条 is no price per 公斤
    ("鲜果平均收购价每千克多少元？", "每千克"),
])
def test_a_figure_per_unit_is_held(question, required):
    from chatbot.evidence import analyse_question
    from chatbot.glossary import load_glossary

    spec = analyse_question(question, load_glossary(), lambda w: 5.0)
    assert any(required in g.alternatives for g in spec.required)


@pytest.mark.parametrize(("unit", "form"), [
    ("吨", "pertonne"),  # "The average cost of raw nuts was US$1,420 per tonne": an article written in English
    ("公斤", "perkg"),
    ("吨", "每吨"),
])
def test_a_per_unit_figure_in_english_is_written_per_unit(unit, form):
    from chatbot.evidence import per_unit_forms

    assert form in per_unit_forms(unit, "")

