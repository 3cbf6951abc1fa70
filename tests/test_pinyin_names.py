"""Pinyin names that hold for any name (session 15): every reading of a character a name may be
written with (chatbot/pinyin_readings.py), pinyin as English text writes it (ü, apostrophes), the
first character of a coined name before a ticker (names.name_before), and a trade word that names
another catalogued company's line of business (trade_match.foreign_trade). Table-driven over the
real pypinyin, jieba and CC-CEDICT data and config/catalogue.toml, with invented companies."""

from __future__ import annotations

import pytest

from chatbot.glossary import Glossary
from chatbot.names import load_rules

# invented companies as the catalogue holds them (their pinyin forms as ingest writes them), and the
# documents about each (doc id -> text)
NAMES = ["长岳高速", "乐韵钢琴", "绿岚涂料", "跃动健身", "都润控股", "驰安驾校", "岷牧饲料", "澄曜生物"]
DOCS = {"d-changyue": "收费公路运营商长岳高速前三季度通行费收入31.8亿元。",
        "d-yueyun": "乐器制造商乐韵钢琴上半年钢琴销量4.2万台。",
        "d-lulan": "涂料生产商绿岚涂料全年营业收入58.3亿元。",
        "d-yuedong": "连锁健身品牌跃动健身门店数增至1,126家，会员收入增长。",
        "d-durun": "物业服务企业都润控股前三季度收入64.3亿元。",
        "d-chian": "驾驶培训机构驰安驾校培训学员26.4万人。",
        "d-minmu": "饲料企业岷牧饲料11月饲料销量186.4万吨，岷牧表示将扩产。",
        "d-chengyao": "血液制品企业澄曜生物全年采浆量1,026吨。"}


def _glossary(with_documents: bool = True) -> Glossary:
    from chatbot.pinyin_readings import pinyin_forms

    aliases = {f: n for n in NAMES for f in [n, *pinyin_forms([n])]}
    subjects = {d: {n for n in NAMES if n in text} for d, text in DOCS.items()}
    g = Glossary(aliases=aliases, companies=set(NAMES), doc_subjects=subjects, terms={"revenue": ["收入"]})
    if with_documents:
        g.in_documents = lambda docs, s: any(s in DOCS[d] for d in docs)
    return g


def _contains(s: str) -> bool:
    return any(s.lower() in t.lower() for t in DOCS.values())


def _before(s: str) -> set[str]:
    import re

    out: set[str] = set()
    for t in DOCS.values():
        for m in re.finditer(re.escape(s), t):
            head = re.search(r"[\u4e00-\u9fff]{1,4}$", t[max(0, m.start() - 4):m.start()])
            if head:
                out |= {head.group(0)[-n:] for n in range(1, len(head.group(0)) + 1)}
    return out


@pytest.mark.parametrize(
    ("name", "written", "not_written"),
    [("长岳", ["zhangyue", "changyue"], []),  # 长: zhang or chang, both common in pypinyin's phrases
     ("乐韵钢琴", ["leyungangqin", "yueyungangqin"], []),
     ("都润", ["dourun", "durun"], []),
     ("绿岚", ["lvlan", "lulan"], []),  # ü as v (pypinyin) or u (English text)
     ("鹰眸", ["yingmou"], []),
     ("硬件", ["yingjian"], ["yingmou"]),  # 件 is listed with a reading "mou" no phrase uses
     ("重庆啤酒", ["chongqingpijiu"], ["zhongqingpijiu"]),  # a phrase pypinyin knows is read its one way
     ("快手", ["kuaishou"], []),
     ("Kuaishou", [], ["kuaishou"])],  # no Chinese name: no reading
)
def test_every_reading_a_name_may_be_written_with(name, written, not_written):
    from chatbot.pinyin_readings import readings

    got = readings(name)
    assert all(w in got for w in written), got
    assert not set(not_written) & set(got), got
    assert len(got) <= 8


@pytest.mark.parametrize(
    ("text", "plain"),
    [("What was Chi'an Driving School's revenue?", "What was Chian Driving School's revenue?"),
     ("What was Xi’an Feed's revenue?", "What was Xian Feed's revenue?"),
     ("What was Lülan Coatings' revenue?", "What was Lulan Coatings' revenue?"),
     ("What did Müller say about Lülan?", "What did Müller say about Lulan?"),  # ü of a word that is no pinyin stays
     ("Why didn't it report o'clock figures?", "Why didn't it report o'clock figures?")],  # not a syllable's apostrophe
)
def test_pinyin_written_as_the_catalogue_writes_it(text, plain):
    from chatbot.english_names import plain_pinyin

    assert plain_pinyin(text) == plain


@pytest.mark.parametrize(
    ("before", "name"),
    [("# 都润控股", "都润控股"),  # 都 (an adverb to jieba) opens the name after a heading mark
     ("澈源再生（6728.HK）、环钴资源", "环钴资源"),  # 环 (a common verb) after a list's comma
     ("收费公路运营商长岳高速", "长岳高速"),  # 高速 (an adverb to jieba) right before the ticker
     ("GPU企业天数智芯", "天数智芯"),  # a descriptor still ends the name
     ("公司公布都润控股", "润控股"),  # inside running text the walk back still stops at the adverb
     ("与智谱", "智谱")],  # a joining character is no part of a name
)
def test_the_first_character_of_a_name_before_a_ticker(before, name):
    from chatbot.names import name_before

    assert name_before(before, load_rules(), lenient=True) == name


@pytest.mark.parametrize(
    ("question", "form"),
    [("What was Changyue Expressway's net profit in 2025?", "长岳高速"),  # 长 read chang
     ("What was Yueyun Piano's revenue in H1 2025?", "乐韵钢琴"),  # 乐 read yue
     ("What was Lulan Coatings' revenue in 2024?", "绿岚涂料"),  # ü written u
     ("What was Lvlan Coatings' revenue in 2024?", "绿岚涂料"),
     ("What was Chi'an Driving School's revenue in 2024?", "驰安驾校"),  # an apostrophe between syllables
     ("What was Durun Holdings' revenue?", "都润控股"),
     ("How much feed did Minmu sell in November 2025?", "岷牧饲料"),  # the catalogued company, not its article's 岷牧
     ("How much feed did Min-mu Feed sell in November 2025?", "岷牧饲料"),
     ("What was Chengyao Bio's revenue in 2025?", "澄曜生物"),
     ("how much feed did minmu feed sell in november 2025?", "岷牧饲料"),  # lower case: the words naming its trade
     ("what was changyue expressway's net profit?", "长岳高速"),
     ("what was chengyao bio's revenue in 2025?", "澄曜生物"),  # "bio" no gloss of 生物: the pinyin alone
     ("how much feed did minma feed sell in november 2025?", None),
     ("What was Yuedong Piano's revenue in H1 2025?", None),  # 钢琴, a trade of 乐韵钢琴 the fitness article never writes
     ("What was Changyu Expressway's revenue?", None),  # other syllables: no company
     ("What was Yuanlang Cable's revenue?", None),
     ("What was Durong Holdings' revenue?", None)],
)
def test_a_pinyin_name_resolves_to_the_company_with_those_syllables(question, form):
    from chatbot.english_names import resolve

    names = resolve(question, _glossary(), _contains, before=_before).names
    assert (next(iter(names.values())) if names else None) == form, names


def test_a_trade_another_company_names_itself_by_is_foreign_only_where_its_documents_never_write_it():
    from chatbot.trade_match import catalogued_trades, foreign_trade

    rules = load_rules()
    g = _glossary()
    trades = catalogued_trades(g, rules)
    assert {"钢琴", "涂料", "健身", "驾校", "饲料", "生物"} <= trades
    assert not {"控股"} & trades  # a corporate word is no trade
    foreign = foreign_trade(g, rules, "跃动健身")
    assert foreign is not None
    assert foreign("钢琴")
    assert not foreign("健身")
    own = foreign_trade(g, rules, "乐韵钢琴")
    assert own is not None
    assert not own("钢琴")
    assert foreign_trade(_glossary(with_documents=False), rules, "跃动健身") is None  # the documents' words unknown
