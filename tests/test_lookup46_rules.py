"""Session 46's look-up rules, table by table: from dev-46's misses (the session-45 hidden set, opened) and its wrong
figures. Each rule reads data (config/evidence.toml, config/catalogue.toml, CC-CEDICT, jieba's tags), not a list of this
set's companies."""

from __future__ import annotations

import pytest

from chatbot.bilingual import first_sense_characters, is_classifier
from chatbot.evidence import asked_measures
from chatbot.names import load_rules
from chatbot.text import without_period_gloss


@pytest.mark.parametrize(("question", "expected"), [
    ("荍原食品2025财年(截至2025年9月30日)的收入是多少?", "荍原食品2025财年的收入是多少?"),  # where the year ends: a gloss
    ("X在2025财年（截至2025年6月30日止）的利润", "X在2025财年的利润"),
    ("What was X's revenue in FY2025 (year to 31 March 2025)?", "What was X's revenue in FY2025?"),
    ("X(截至2025年9月30日)的存货", "X(截至2025年9月30日)的存货"),  # (no year before it: the day is the period asked)
    ("X 2025年(含税)收入", "X 2025年(含税)收入"),  # (no end of a year inside)
])
def test_the_day_a_fiscal_year_ends_glosses_the_year(question, expected):
    assert without_period_gloss(question) == expected


@pytest.mark.parametrize(("question", "measures"), [
    ("鲥萍水族被盗了多少尾金鱼?", ["尾"]),  # 尾: the dictionary's classifier for fish
    ("约多少株火龙果受损?", ["株"]),  # for plants
    ("派发多少股?", ["股"]),
    ("每股派多少股息?", []),  # (股息, a word: a dividend, no count of shares)
    ("多少钱?", []),  # (钱 is no classifier)
    ("果园受蝗虫影响的面积有多大?", ["亩", "公顷", "平方米", "平方公里"]),  # an area: any of its units
    ("多少吨?", ["吨"]),  # (a unit of the list, as before)
])
def test_a_measure_word_the_dictionary_calls_a_classifier(question, measures):
    assert asked_measures(question) == measures


@pytest.mark.parametrize(("char", "classifier"), [("尾", True), ("株", True), ("次", True), ("个", False), ("钱", False)])
def test_classifiers_of_a_kind_of_thing(char, classifier):
    assert is_classifier(char) is classifier  # ("个": the classifier of no kind in particular)


@pytest.mark.parametrize(("word", "romanised"), [
    ("Fengye", True),  # pinyin, no English word
    ("Nongye", True),
    ("Dong", True),  # one syllable: read either way, as before
    ("Marine", False),  # ma-ri-ne are syllables, but an English word of several
    ("Sports", False),
])
def test_a_name_word_read_as_romanised_chinese(word, romanised):
    assert load_rules().romanised(word) is romanised


def test_a_word_of_one_character_for_a_name_word():
    assert "周" in first_sense_characters("week")  # ("Paris Fashion Week": 巴黎时装周)
    assert "周" in first_sense_characters("weeks")


def test_an_event_named_in_english_is_the_documents_chinese_name():
    from chatbot.english_names import _compound

    held = {"巴黎", "时装", "周", "巴黎时装周"}
    assert _compound(["Paris", "Fashion", "Week"], lambda t: t in held or any(t in h for h in held)) == "巴黎时装周"
    assert _compound(["Paris", "Fashion", "Week"], lambda t: t in {"巴黎", "时装", "周"}) == ""  # (none writes it whole)


@pytest.mark.parametrize(("after", "held", "goes_on"), [
    ("游艇2025财年的收入是多少?", set(), True),  # yachts, written nowhere: another company's name
    ("皮划艇2025财年的销量是多少?", {"kayak"}, False),  # kayaks, as an English article writes them: its product
    ("2025财年的收入是多少?", set(), False),  # (no noun)
    ("收入是多少?", set(), False),  # (a metric)
])
def test_a_head_then_a_noun_no_document_writes_names_another_company(after, held, goes_on):
    from chatbot.glossary import load_glossary
    from chatbot.short_names import _name_goes_on

    assert _name_goes_on(after, load_glossary(), lambda w: w in held) is goes_on
