"""Companies named in English questions by the pinyin of their Chinese name and an English trade word
(chatbot/trade_match.py, english_names._core_trade), companies that are in no document though a word of
their name is (subjects.py), and English function words that are never translated (bilingual.py).
Table-driven over the real CC-CEDICT glosses and config/catalogue.toml."""

from __future__ import annotations

import pytest

from chatbot.glossary import Glossary
from chatbot.names import load_rules

# companies as the catalogue holds them: Chinese names (and a pinyin form where the article gives one)
GLOSSARY = Glossary(
    aliases={"桂甜糖业": "桂甜糖业", "guitiantangye": "桂甜糖业", "桂田地产": "桂田地产",
             "康泓医疗集团有限公司": "康泓医疗集团有限公司", "鼎岩水泥": "鼎岩水泥", "岱峰建材": "岱峰建材",
             "鹰眸智能": "鹰眸智能", "动岭健身": "动岭健身", "丰穗种业": "丰穗种业", "fengsui seed": "丰穗种业",
             "睿视眼镜": "睿视眼镜", "ruishi": "睿视眼镜", "江海重工": "江海", "江海": "江海", "jianghai": "江海",
             "yuexin tower infrastructure": "粤信铁塔", "粤信铁塔": "粤信铁塔", "滨海铝业": "滨海铝业",
             "binhai aluminium": "滨海铝业", "senwood home furnishings": "森禾家居", "森禾家居": "森禾家居",
             "蒙泰煤业": "蒙泰煤业", "mengtai coal": "蒙泰煤业"},
    companies={"桂甜糖业", "桂田地产", "康泓医疗集团有限公司", "鼎岩水泥", "岱峰建材", "鹰眸智能", "动岭健身", "丰穗种业",
               "睿视眼镜", "江海", "粤信铁塔", "滨海铝业", "森禾家居", "蒙泰煤业"},
    terms={"revenue": ["收入"]})
TEXT = "".join(GLOSSARY.aliases.values()) + " Yuexin Tower Infrastructure 铁塔 Ruishi 眼镜"


def _contains(s: str) -> bool:
    return s.lower() in TEXT.lower()


@pytest.mark.parametrize(
    ("rest", "words", "glossed"),
    [("糖业", ["Sugar"], True),  # 糖: "sugar" (CC-CEDICT)
     ("医疗", ["Medical"], True),  # 医: "medical"
     ("重工", ["Heavy", "Industry"], True),  # a phrase the lexicon holds as one
     ("智能", ["Intelligence"], True),  # 智能: "intelligent", one word in two forms
     ("种业", ["Seeds"], True),  # a plural
     ("水泥", ["Building", "Materials"], True),  # config/catalogue.toml [sector_words_en]
     ("水泥", ["Steel"], False),
     ("眼镜", ["Steel"], False),
     ("糖业", ["Tower"], False),
     ("糖业", [], True)],  # no trade word: nothing to read
)
def test_an_english_trade_word_is_read_against_the_chinese_trade(rest, words, glossed):
    from chatbot.trade_match import glossed as read

    assert read(rest, words, load_rules()) is glossed


@pytest.mark.parametrize(
    ("words", "business"),
    [(["Steel"], True), (["Heavy", "Industry"], True), (["Cement"], True),
     (["Tower"], False), (["Eyewear"], False), (["Infrastructure"], False),
     (["Optical"], False)],  # a loose trade word (光学), said of an eyewear chain too
)
def test_a_trade_word_that_names_a_line_of_business(words, business):
    from chatbot.trade_match import names_business

    assert names_business(words, load_rules()) is business


@pytest.mark.parametrize(
    ("words", "form"),
    [(["Guitian", "Sugar"], "桂甜糖业"),  # the trade word glosses the rest; 桂田地产 (also "guitian") does not
     (["Guitian"], ""),  # the pinyin of two companies: neither
     (["Guitian", "Steel"], ""),  # a trade the name does not write
     (["Kanghong", "Medical"], "康泓医疗集团有限公司"),  # a legal form after the trade
     (["Dingyan"], "鼎岩水泥"),  # the pinyin alone, of one company
     (["Dingyan", "Building", "Materials"], "鼎岩水泥"),
     (["Dingyan", "Steel"], ""),  # another line of business: another company
     (["Ding", "Yan", "Cement"], "鼎岩水泥"),  # written syllable by syllable
     (["Kanghong", "Hospitals"], "康泓医疗集团有限公司"),  # a trade word said freely, naming no other business
     (["YingMou", "Technology"], "鹰眸智能"),  # written in parts; a legal form is no trade
     (["Yingmou", "Intelligence"], "鹰眸智能"),
     (["Dong-ling"], "动岭健身"),  # hyphenated
     (["Fengsui", "Seeds"], "丰穗种业"),
     (["Tower"], ""),  # an English word is no pinyin
     (["China", "Tower"], ""),
     (["Binhai", "Aluminum"], "滨海铝业"),  # pinyin CC-CEDICT also writes (a place); the American spelling
     (["Binhai", "Steel"], ""),
     (["Senwood", "Furniture"], "森禾家居"),  # the English name's first word, a trade said freely
     (["Gui"], "")],  # too short to tell one name from another
)
def test_a_pinyin_core_and_a_trade_word_name_one_catalogued_company(words, form):
    from chatbot.english_names import _core_trade

    assert _core_trade(words, GLOSSARY, load_rules()) == form


@pytest.mark.parametrize("order", [1, -1])
def test_a_company_of_two_fitting_names_is_read_as_its_shortest_whatever_the_catalogues_order(order):
    """A company the catalogue holds by its short and its legal name, both opening with the pinyin: the
    short name, the one readers write, however the catalogue's entries happen to be ordered (a set's
    order changes from one process to the next)."""
    from chatbot.english_names import _core_trade

    names = [("泷安肾病医疗", "泷安肾病医疗"), ("泷安肾病医疗集团有限公司", "泷安肾病医疗"), ("longan renal", "泷安肾病医疗")]
    glossary = Glossary(aliases=dict(names[::order]), companies={"泷安肾病医疗"}, terms={})
    assert _core_trade(["Longan", "Renal"], glossary, load_rules()) == "泷安肾病医疗"


@pytest.mark.parametrize(
    ("question", "unknown"),
    [("What was China Tower's revenue in the first half of 2025?", ["China Tower"]),  # "Tower" of another name
     ("What was Ruishi Steel's revenue?", ["Ruishi Steel"]),  # a known name's words, then another trade
     ("What was Jianghai Steel's gross margin?", ["Jianghai Steel"]),
     ("What was Ruishi Eyewear's revenue?", []),  # its own trade (no line of business of another)
     ("What was Ruishi Optical's revenue?", []),
     ("What was Mengtai Coal Mining's revenue?", []),  # the English name's trade, then a word more
     ("What was Mengtai Steel's revenue?", ["Mengtai Steel"]),
     ("What was Jianghai Heavy Industry's gross margin?", []),  # 江海重工
     ("What was Yuexin Tower Infrastructure's revenue?", []),
     ("Which China IPO raised the most in 2025?", []),  # a place before a word that is no name: none
     ("What did China say about tariffs?", [])],
)
def test_an_english_name_no_document_holds_is_unknown(question, unknown):
    from chatbot.subjects import unknown_names

    assert unknown_names(question, GLOSSARY, _contains) == unknown


@pytest.mark.parametrize("word", ["I", "me", "my", "we", "you", "they", "it", "or", "and", "should", "the"])
def test_function_words_are_never_translated(word):
    from chatbot.bilingual import to_chinese, translator

    assert to_chinese(word) == []
    assert translator(lambda s: True)(word) == []


def test_a_pronoun_in_an_english_question_stays_as_written():
    from chatbot.bilingual import to_chinese
    from chatbot.english_names import resolve

    assert to_chinese("revenue")  # (content words still are)
    q = "Should I buy Zhipu or MiniMax shares right now?"
    assert resolve(q, GLOSSARY, _contains).question == q


def test_function_words_are_data():
    from chatbot.lexicon import LEXICON_DIR, function_words_en, read_words

    assert function_words_en() == frozenset(w.lower() for w in read_words(LEXICON_DIR / "function_words_en.txt"))
    assert {"i", "we", "or"} <= function_words_en()
