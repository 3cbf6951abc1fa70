"""The entity catalogue learned from documents (issue 11): extraction rules on small real
texts (table-driven), and on a real store with the bundled corpus, corpus-extra and
corpus-new ingested: unknown companies refused, catalogue kept with the index, the
glossary's company and term sections emptied, and a leave-one-out over corpus-extra."""

from __future__ import annotations

import json
import shutil

import pytest

from chatbot.catalogue import Entry, extract, romanise
from chatbot.evaluation import fact_hit
from support import CORPUS_EXTRA, QUESTIONS, make_settings, question_params

DATA = CORPUS_EXTRA.parent
NEW_QUESTIONS = [json.loads(line) for line in (DATA / "questions-new.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
NEW2_QUESTIONS = [json.loads(line) for line in (DATA / "questions-new-2.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]

# (title, front-matter tickers, text, name expected, ticker expected, aliases expected)
EXTRACTION = [
    ("商汤上半年收入增36%", ["0020.HK"], "# 商汤(0020.HK)2025年中期业绩\n商汤总收入约23.58亿元。商汤称…", "商汤", "0020.HK", []),
    ("", [], "GPU企业天数智芯与智谱(2513.HK)同日上市。天数智芯(9903.HK)定价144.6港元。", "天数智芯", "9903.HK", []),
    ("", [], "年底创立的MiniMax(0100.HK,稀宇科技)收涨109%。", "稀宇科技", "0100.HK", ["MiniMax"]),
    ("", [], "云知声智能科技股份有限公司(港股代码9678)今日公告。云知声称,云知声的收入…", "云知声", "9678.HK", ["云知声智能科技股份有限公司"]),
    ("NIO Q3: 蔚来第三季度交付87,071辆", ["9866.HK"], "# NIO Inc.（蔚来，9866.HK）2025年第三季度业绩\nNIO Inc. 即蔚来公司。蔚来当季交付…", "蔚来", "9866.HK", ["NIO"]),
    ("Pop Mart 2025 interim", ["9992.HK"], "# Pop Mart International（泡泡玛特，9992.HK）：上半年业绩\n泡泡玛特上半年收益…Pop Mart…", "泡泡玛特", "9992.HK", ["Pop Mart"]),
    ("老铺黄金上半年收入", ["06181.HK"], "老铺黄金（Laopu Gold，06181.HK）公布中期业绩。老铺门店…老铺称…", "老铺黄金", "6181.HK", ["Laopu Gold"]),
    # jieba tags 海底/捞 as place and verb: a ticker after the words makes them a name
    ("", [], "# 海底捞（股票代码：6862）公布中期业绩\n海底捞国际控股有限公司（股票代码：6862）公布业绩。海底捞餐厅…", "海底捞", "6862.HK", []),
    # a trade word (娱乐, Entertainment) comes off for the short form the text uses alone;
    # "集团" alone names nobody, and "腾讯" (never used alone) is no form of it
    ("", [], "# 腾讯音乐娱乐集团（Tencent Music Entertainment Group）业绩\n腾讯音乐娱乐集团(1698.HK)公布。腾讯音乐称…腾讯音乐…",
     "腾讯音乐", "1698.HK", ["腾讯音乐娱乐集团", "Tencent Music"]),
    ("ANTA Sports 2024年收入", ["2020.HK"], "# ANTA Sports（安踏体育，2020.HK）业绩\n安踏体育用品有限公司公布。安踏品牌…安踏方面…",
     "安踏", "2020.HK", ["安踏体育", "ANTA Sports"]),
    # a mainland legal name is place + brand + trade + legal form: less the place, the brand's
    # head that the text uses on its own is the ticker's company, English name included
    ("智谱港股首日收涨约13%", ["2513.HK"], "# 智谱(2513.HK)挂牌首日\n北京智谱华章科技股份有限公司(英文名 Knowledge Atlas)在港交所挂牌。智谱开盘…智谱称…",
     "智谱", "2513.HK", ["Knowledge Atlas", "北京智谱华章科技股份有限公司"]),
    # a ticker follows: a number may head the name, and a word jieba lacks (特步, tagged an adverb) is kept
    ("", [], "# 特步国际（Xtep，1368.HK）与361度（361 Degrees，1361.HK）业绩对比\n特步收入…361度收入…", "361度", "1361.HK",
     ["361 Degrees"]),
    ("", [], "# 特步国际（Xtep，1368.HK）与361度（361 Degrees，1361.HK）业绩对比\n特步收入…361度收入…", "特步", "1368.HK",
     ["特步国际", "Xtep"]),
    # a trade's role before the legal name is no part of it; the name less its parent's word, used alone
    ("", [], "# 华润万象生活（股票代码：1209）业绩\n商业运营服务商华润万象生活有限公司（股票代码：1209）公布。万象生活实现收入…万象生活称…",
     "万象生活", "1209.HK", ["华润万象生活"]),
    # an English name less its sector word, when the word left is coined
    ("", [], "翰森制药（Hansoh Pharmaceutical，3692.HK）公布业绩。翰森制药称…", "翰森制药", "3692.HK", ["Hansoh"]),
    # words describing the company, walked back from the ticker, come off: the text uses the coined end alone
    ("", [], "【港讯社香港10月15日电】现制茶饮连锁茶屿控股（港股代码2597）公布经营数据。第三季度茶屿门店净增631家，截至9月末茶屿会员…",
     "茶屿", "2597.HK", ["茶屿控股"]),
    ("", [], "本期成绩单：主打功效护肤的澜肌生物（Lanji Biotech，1789.HK）收入增长。澜肌依靠大单品，澜肌的毛利率…",
     "澜肌", "1789.HK", ["Lanji Biotech", "澜肌生物"]),
    # a table row gives the name in one cell and its listing code in the next
    ("", [], "| 公司 | 代码 | 收入 |\n|---|---|---|\n| 赛途体育 | 股票代码：2306 | 41.2 |\n| 凌跃体育 | 2683.HK | 86.4 |\n赛途体育增长最快。",
     "赛途体育", "2306.HK", []),
    ("", [], "| 公司 | 代码 |\n|---|---|\n| 踏锋国际（Tafeng International） | 港股代码1862 |\n踏锋国际称…",
     "踏锋国际", "1862.HK", ["Tafeng International"]),
    # a bracket holding nothing but a listing code: a mainland one's exchange from its first digits, a
    # five-digit one opening with 0 is Hong Kong's (a table of companies with no suffix word: 农业, 畜牧)
    ("", [], "| 公司 | 出栏量（万头） |\n|---|---|\n| 青禾农业（002971） | 1,862 |\n| 岭北畜牧（02369） | 636 |\n青禾农业…",
     "青禾农业", "002971.SZ", []),
    ("", [], "| 公司 | 出栏量（万头） |\n|---|---|\n| 青禾农业（002971） | 1,862 |\n| 岭北畜牧（02369） | 636 |\n青禾农业…",
     "岭北畜牧", "2369.HK", []),
    ("", [], "四家公司：青禾农业（300953）、远山牧业（603917）。", "远山牧业", "603917.SH", []),
    # a six-digit code after a code word; two codes after two code words: both
    ("", [], "# 甘岭酒业（股票代码：603917）三季报解读\n甘岭酒业披露三季报。", "甘岭酒业", "603917.SH", []),
    ("", [], "汇川证券（A股代码601877，H股代码6899）发布三季报。汇川证券称…", "汇川证券", "6899.HK", []),
    # a bare code in brackets that is one of the front matter's tickers, with or without its leading zeros
    ("四家企业对比", ["002971.SZ", "2369.HK"], "| 公司 | 收入 |\n|---|---|\n| 丰牧农业（002971） | 882.5 |\n| 金垄畜牧（02369） | 298.6 |",
     "金垄畜牧", "2369.HK", []),
    ("四家企业对比", ["002971.SZ", "2369.HK"], "| 公司 | 收入 |\n|---|---|\n| 丰牧农业（002971） | 882.5 |\n| 金垄畜牧（02369） | 298.6 |",
     "丰牧农业", "002971.SZ", []),
]


@pytest.mark.parametrize(("title", "tickers", "text", "name", "ticker", "aliases"), EXTRACTION, ids=[e[3] for e in EXTRACTION])
def test_extraction_rules(title, tickers, text, name, ticker, aliases):
    entries = extract(title, tickers, text)
    e = next((e for e in entries if name in e.forms()), None)
    assert e is not None, entries
    assert ticker in e.tickers
    assert e.kind == "company"
    assert set(aliases) <= set(e.aliases), e.aliases


@pytest.mark.parametrize(("text", "tickers"), [
    ("远川牧业（2025）年度报告", ["1932.HK"]),  # a number that is no listing code names nobody
    ("远川牧业（12345）收入", []),  # five digits not opening with 0: no Hong Kong code
])
def test_a_bare_number_in_brackets_is_no_ticker_of_its_own(text, tickers):
    assert not any(e.kind == "company" and e.name == "远川牧业" for e in extract("", tickers, text))


# a Chinese name and its English one across a bracket that also holds a listing code of any exchange or a
# quoted short name; an English legal name may run to eight words: (text, name, aliases expected)
BRACKET_PAIRS = [
    ('北控水务集团有限公司(Beijing Enterprises Water Group Limited,"北控水务")公布中期业绩。北控水务称…', "北控水务",
     ["Beijing Enterprises Water Group"]),
    ("拓荆科技股份有限公司(Piotech,股票代码:688072)前三季度收入42.1亿元。拓荆科技称…", "拓荆科技", ["Piotech"]),
    ("NAURA(北方华创科技集团股份有限公司,股票代码:002371)前三季度收入236.8亿元。北方华创称…", "北方华创", ["NAURA"]),
    ("招商局港口控股有限公司(China Merchants Port Holdings Company Limited,00144.HK)公布。招商局港口称…", "招商局港口",
     ["China Merchants Port"]),
]


@pytest.mark.parametrize(("text", "name", "aliases"), BRACKET_PAIRS, ids=[e[1] for e in BRACKET_PAIRS])
def test_bracket_pairs_give_english_names(text, name, aliases):
    e = next((e for e in extract("", [], text) if name in e.forms()), None)
    assert e is not None
    assert e.kind == "company"
    assert set(aliases) <= set(e.aliases), e.aliases


def test_a_bracket_of_other_words_names_nobody():
    assert extract("", [], '设备覆盖刻蚀、薄膜沉积(PVD、CVD);另一类以"海外代工"(OEM/ODM,即按品牌商的订单生产)。') == []


# (title, front-matter tickers, text, forms of one company expected, its ticker or None, forms that must name nobody)
CATALOGUE_MISTAKES = [
    # the title's short name and the first line's ticker name are one company
    ("B站第二季度营收73.4亿元增20%", ["9626.HK", "BILI"], "哔哩哔哩(9626.HK)公布第二季度财报。B站当季总净营收为73.38亿元。上半年，B站净营业额为143.4亿元。",
     {"B站", "哔哩哔哩"}, "9626.HK", ["哔哩"]),
    # "X:…" in a title is who says it: the front-matter ticker (the exchange's) is not X's
    ("德勤:2025年港股114只新股募资2863亿港元", ["0388.HK"], "# 香港新股市场回顾(德勤年末发布会)\n德勤中国资本市场服务部预计…德勤称…",
     {"德勤"}, None, []),
    # a suffix word always followed by the same character is cut from a longer word
    ("IDC:公有云大模型调用量", [], "火山引擎、百度智能云、阿里云位列前三。百度智能云份额为17%。百度智能云称…", set(), None, ["百度智能"]),
    # a metric in the title ("发行价17.50港元") is no company
    ("新茶饮茶百道登陆港交所：发行价17.50港元", ["2555.HK"],
     "四川百茶百道实业股份有限公司（下称\"茶百道\"，股份代号：2555）挂牌。茶百道发行价定为17.50港元，较发行价下跌。按发行价计…",
     {"茶百道"}, "2555.HK", ["发行价"]),
    # the place comes off a legal name only: a brand's head the text never uses alone is no form
    ("", [], "上海米哈游网络科技股份有限公司发布新作。米哈游网络称…米哈游网络…", {"米哈游网络", "上海米哈游网络科技股份有限公司"}, None,
     ["米哈", "米哈游"]),
    ("", [], "# 华润万象生活（股票代码：1209）业绩\n商业运营服务商华润万象生活有限公司（股票代码：1209）公布。万象生活实现收入…万象生活称…",
     {"万象生活", "华润万象生活"}, "1209.HK", ["商业运营服务商华润万象生活有限公司", "服务商华润万象生活有限公司"]),
    # a coined word keeps its sector word off; an English word does not ("Great Wall Motor" is never "Great")
    ("", [], "长城汽车（Great Wall Motor，2333.HK）公布。长城汽车称…", {"长城汽车", "Great Wall"}, "2333.HK", ["Great"]),
    # no front matter: the title's subject and the name the text gives a ticker are one company
    ("顺通快递第三季度包裹量96.5亿件", [], "顺通快递(2057.HK)公布第三季度业绩。第三季度顺通共处理包裹96.5亿件。顺通表示…",
     {"顺通", "顺通快递"}, "2057.HK", []),
    # a metric with its English abbreviation in brackets is a term, not an institution
    ("看懂保险股的指标", [], "## 综合成本率（COR）\n综合成本率等于赔付率加费用率。综合成本率低于100%表示承保盈利。", set(), None,
     ["综合成本率", "成本率", "COR"]),
    # a name's end that is a dictionary word (a trade) is never the name, though the text uses it alone
    ("", [], "北岚风电（股票代码：1965）公布业绩。风电行业回暖，海上风电装机增长。", {"北岚风电"}, "1965.HK", ["风电"]),
    # nor is an end the text only writes after the same characters as the name ("底捞" of "海底捞")
    ("", [], "火锅连锁海底捞（股票代码：6862）公布业绩。海底捞门店…海底捞称…", {"海底捞"}, "6862.HK", ["底捞"]),
    # a table cell holding more than a listing code gives no ticker to the cell before it
    ("", [], "| 股东 | 持股 |\n|---|---|\n| 甲乙科技 | 持有2306.HK约5% |\n甲乙科技称…甲乙科技…", {"甲乙科技"}, None, []),
    # a place word before a dictionary word (the trade) gives no brand: "啤酒" names nobody
    ("", [], "另一家是扎根西北的北岭啤酒（股票代码：600739）。北岭啤酒称，啤酒行业…啤酒销量…啤酒…", {"北岭啤酒"}, "600739.SH", ["啤酒"]),
    # a common word heading the title's second clause is no subject: the front-matter ticker's company is
    ("甘岭酒业三季度收入降8.6%：主动控货去库存", ["603917.SH"],
     "# 甘岭酒业（股票代码：603917）三季报解读\n甘岭酒业主动控货。公司主动调整，主动去库存，主动降价，主动…", {"甘岭酒业"}, "603917.SH", ["主动"]),
    # a bracket of a bare number that is no listing code gives nobody a ticker
    ("", [], "甲乙科技（2025）年报称…甲乙科技（123456）…甲乙科技…", {"甲乙科技"}, None, []),
    # a place and a common word: the word alone is no short form, though the text uses it ("语音售票系统")
    ("", ["8020.HK"], "鹭岛语音(8020.HK)发布公告。鹭岛语音收入增长。深圳地铁的语音售票系统。", {"鹭岛语音"}, "8020.HK", ["语音"]),
    # a dictionary word heading the title's other clause is a description, not the subject, however often the
    # text writes it: the ticker's holder is ("…：高端特钢放量", "…：酱油卖不动了")
    ("澜川纸业(2871.HK)中报点评：包装纸提价，包装需求回暖", ["2871.HK"],
     "# 澜川纸业(2871.HK)中期业绩\n澜川纸业上半年包装纸销量增长。包装纸提价，包装纸库存下降，包装需求回暖，包装订单…",
     {"澜川纸业"}, "2871.HK", ["包装", "包装纸"]),
    # "（港股：2233）" and "（1929 HK）" are listing codes too (not "港股2024年…")
    ("", [], "两家公司——岚石建材（港股：2233）与某某——公布业绩。岚石建材称…", {"岚石建材"}, "2233.HK", []),
    ("", [], "北穗农业（1929 HK）首次覆盖。北穗农业称…北穗农业…", {"北穗农业"}, "1929.HK", []),
    ("", [], "这一年（港股2024年IPO）很热闹。甲乙科技称…甲乙科技…", {"甲乙科技"}, None, []),
    # an English name beside the short name a bracket gives is a form too
    ("", [], "澜川纸业集团（Lanchuan Paper Group，以下简称“澜川纸业”）公布业绩。澜川纸业称…澜川纸业…",
     {"澜川纸业", "Lanchuan Paper Group"}, None, []),
]


@pytest.mark.parametrize(("title", "tickers", "text", "forms", "ticker", "no_names"), CATALOGUE_MISTAKES,
                         ids=["title-short-name", "speaker", "cut-word", "metric-title", "place-of-legal-name", "role-before-name",
                              "english-word-kept", "subject-with-ticker", "metric-abbreviation", "trade-end-no-name",
                              "end-only-inside-name", "cell-not-a-code", "place-before-trade", "common-word-title",
                              "bare-number-no-code", "place-and-common-word", "dictionary-word-title-clause",
                              "hk-code-after-colon", "hk-code-with-space", "year-after-hk-no-code",
                              "english-beside-short-name"])
def test_catalogue_mistakes_stay_fixed(title, tickers, text, forms, ticker, no_names):
    entries = extract(title, tickers, text)
    if forms:
        e = next((e for e in entries if forms & set(e.forms())), None)
        assert e is not None, entries
        assert forms <= set(e.forms()), entries
        assert (ticker in e.tickers) if ticker else not e.tickers, entries
    assert not any(n in e.forms() for e in entries for n in no_names), entries


# two names joined by a word such as "与" before one ticker: the ticker is the last one's, and no form holds the
# pair (jieba reads "与澜舟" as one word); a name with the joiner inside stays whole:
# (text, the name holding the ticker, the ticker, forms that must name nobody)
PAIRS = [
    ("国产GPU企业西岭芯与澜舟芯科(8001.HK)同日上市。澜舟芯科收入增长。西岭芯发布新品。", "澜舟芯科", "8001.HK",
     {"西岭芯与澜舟芯科"}),
    ("钧瓷智能与沧溟算力(8009.HK)同日上市。沧溟算力的毛利率提升,沧溟算力称…", "沧溟算力", "8009.HK", {"钧瓷智能与沧溟算力"}),
    ("嘉禾影业和星桥传媒(2299.HK)签约。星桥传媒称…星桥传媒…", "星桥传媒", "2299.HK", {"嘉禾影业和星桥传媒"}),
    ("中和农信(1234.HK)公布业绩。中和农信称…", "中和农信", "1234.HK", {"农信"}),  # one character before the joiner
    ("远山和泰(2345.HK)公布业绩。远山和泰称…", "远山和泰", "2345.HK", {"泰"}),  # the last part is never written alone
]


@pytest.mark.parametrize(("text", "name", "ticker", "no_names"), PAIRS, ids=[p[1] for p in PAIRS])
def test_a_pair_of_names_before_a_ticker_is_the_last_one(text, name, ticker, no_names):
    entries = extract("", [], text)
    e = next((e for e in entries if e.name == name), None)
    assert e is not None, entries
    assert ticker in e.tickers
    assert not any(n in e.forms() for e in entries for n in no_names), entries


def test_the_name_is_the_shortest_form_in_chinese_characters():
    """A nickname mixing letters ("B站") is a form, not the name: keyword search reads the name."""
    title, tickers, text, *_ = CATALOGUE_MISTAKES[0]
    e = next(e for e in extract(title, tickers, text) if "B站" in e.forms())
    assert e.name == "哔哩哔哩"


def test_short_forms_are_used_alone_and_pinyin_in_words():
    entries = extract("", ["1698.HK"], "腾讯音乐娱乐集团(1698.HK)公布。腾讯音乐称…腾讯音乐…")
    assert not any(e.name == "集团" or "腾讯" in e.aliases for e in entries), entries
    e = next(e for e in entries if e.name == "腾讯音乐")
    assert "tengxun yinyue" in e.pinyin
    assert "tengxunyinyue" in e.pinyin


def test_a_common_word_is_no_name():
    entries = extract("", [], "海外(Talkie)增长快。海外市场……海外(Talkie)。")
    assert not any(e.name == "海外" for e in entries)


@pytest.mark.parametrize(("zh", "roman"), [("快手", "kuaishou"), ("百度", "baidu"), ("美团", "meituan"), ("MiniMax", "")])
def test_pinyin(zh, roman):
    assert romanise(zh) == roman


@pytest.mark.parametrize(
    ("word", "is_company"),
    [("百度", True), ("京东", True), ("字节跳动", True), ("英伟达", True),  # companies jieba holds as common words
     ("苹果", False), ("收入", False), ("股价", False), ("蒙古族", False), ("网络", False)],  # a fruit, words, an ethnic group
)
def test_dictionary_company_words(word, is_company):
    from chatbot.bilingual import company_words

    assert (word in company_words()) is is_company


@pytest.mark.parametrize(
    ("question", "absent"),
    [("百度现在的股价是多少？", ["百度"]), ("京东2025年第二季度收入多少？", ["京东"]),
     ("与华为相比，云知声的优势是什么？", ["华为"]), ("云知声2025年大模型收入多少？", [])],
)
def test_a_company_the_documents_never_name_is_unknown(engine, question, absent):
    from chatbot.subjects import unknown_names

    assert unknown_names(question, engine.glossary, engine.corpus.contains) == absent
    assert engine.ask(question).refused is bool(absent)


def test_the_words_the_documents_write_before_a_word(engine):
    """Where a pinyin name's characters are looked for ("Biren Technology": 壁仞 before 科技)."""
    before = engine.corpus.before("科技")
    assert {"壁仞", "知声智能", "声智能", "智能"} <= before
    assert all(1 <= len(w) <= 4 for w in before)
    assert engine.corpus.before("科技") == before  # (kept while the index is unchanged)
    assert engine.corpus.before("科技", max_chars=2) == {w for w in before if len(w) <= 2}
    assert engine.corpus.before("没有这个词语") == set()
    assert engine.corpus.before(" ") == set()


@pytest.fixture(scope="module")
def full_store(corpus_index, tmp_path_factory):
    from ingest.pipeline import ingest

    path = tmp_path_factory.mktemp("catalogue") / "index"
    shutil.copytree(corpus_index, path)
    report = ingest([CORPUS_EXTRA, DATA / "corpus-new"], make_settings(path), prune=False, show_progress=False)
    assert len(report.added) == 21, report.summary()
    assert not report.failed, report.summary()
    return path


@pytest.fixture(scope="module")
def full_engine(full_store):
    from chatbot.engine import Engine

    return Engine(make_settings(full_store))


@pytest.fixture(scope="module")
def emptied_engine(full_store):
    from chatbot.engine import Engine

    return Engine(make_settings(full_store, answer={"use_glossary": False}))


def _score(engine, questions) -> tuple[float, float, list[str]]:
    facts, refusals, failed = [], [], []
    for q in questions:
        a = engine.ask(q["question"], q.get("history"))
        ok = (not a.refused and fact_hit(a.text, q["expected_facts"])) if q["answerable"] else a.refused
        (facts if q["answerable"] else refusals).append(ok)
        if not ok:
            failed.append(q["id"])
    return sum(facts) / max(1, len(facts)), sum(refusals) / max(1, len(refusals)), failed


@pytest.mark.slow
def test_catalogue_stored_with_the_index_per_document(full_engine):
    entries = full_engine.catalogue.entries_for("news-18")
    kuaishou = next(e for e in entries if e.name == "快手")
    assert "1024.HK" in kuaishou.tickers
    assert "kuaishou" in kuaishou.pinyin
    assert (full_engine.store.path / "catalogue.json").exists()


@pytest.mark.slow
@pytest.mark.parametrize("q", [q for q in NEW_QUESTIONS if "absent-company" in q.get("tags", [])], ids=lambda q: q["id"])
@pytest.mark.parametrize("which", ["full", "emptied"])
def test_absent_companies_refused(full_engine, emptied_engine, q, which):
    engine = full_engine if which == "full" else emptied_engine
    a = engine.ask(q["question"])
    assert a.refused, a.text


# dev-set questions the engine still gets wrong (strict: a fix must move them out)
KNOWN_DEV_FAILURES: dict[str, str] = {}  # n42 (a segment's figure for an asked total) fixed by metric_scope


def _assert_as_expected(a, q: dict) -> None:
    """A question to refuse is refused; any other is answered with its facts, citing one
    of its expected documents."""
    if not q["answerable"]:
        assert a.refused, a.text
    else:
        assert not a.refused, a.text
        assert fact_hit(a.text, q["expected_facts"]), a.text
        assert {c.doc_id for c in a.citations} & set(q["expected_sources"]), a.text


@pytest.mark.slow
@pytest.mark.parametrize(
    "q",
    question_params([q for q in NEW_QUESTIONS if {"near-miss", "two-part", "english"} & set(q.get("tags", []))],
                    KNOWN_DEV_FAILURES),
)
def test_dev_set_near_miss_two_part_english(full_engine, q):
    """Near-misses refused (never another period's figure), both parts of a two-part
    question answered, English questions answered from the Chinese article."""
    a = full_engine.ask(q["question"], q.get("history"))
    _assert_as_expected(a, q)


@pytest.mark.slow
def test_english_by_pinyin_and_catalogue(emptied_engine):
    a = emptied_engine.ask("What was Kuaishou's total revenue in Q2 2025?")
    assert not a.refused, a.text
    assert a.citations[0].doc_id == "news-18", a.text


@pytest.mark.slow
def test_emptied_glossary_within_two_points_of_full(full_engine, emptied_engine):
    """Fact accuracy and refusals with the glossary's company and term sections left out
    stay within 2 points of the full run. Questions that name a company only by a name no
    document states ("Unisound": the articles write 云知声) cannot be learned from the
    documents; they are counted apart and must be refused, never answered with a figure."""
    from chatbot.subjects import unknown_names

    bundled = [json.loads(line) for line in QUESTIONS.read_text(encoding="utf-8").splitlines() if line.strip()]
    qs = bundled + NEW_QUESTIONS

    def glossary_only(q) -> bool:
        return bool(unknown_names(q["question"], emptied_engine.glossary, emptied_engine.corpus.contains)) and \
            not unknown_names(q["question"], full_engine.glossary, full_engine.corpus.contains)

    apart = [q for q in qs if glossary_only(q)]
    learnable = [q for q in qs if q not in apart]
    full = _score(full_engine, learnable)
    empty = _score(emptied_engine, learnable)
    print(f"\nfull fact {full[0]:.3f} refusal {full[1]:.3f}; emptied fact {empty[0]:.3f} refusal {empty[1]:.3f}; "
          f"apart (glossary-only names): {[q['id'] for q in apart]}")
    assert empty[0] >= full[0] - 0.02, (full, empty)
    assert empty[1] >= full[1] - 0.02, (full, empty)
    assert all(emptied_engine.ask(q["question"], q.get("history")).refused for q in apart)


# questions-new-2 (written before the engine ran on corpus-new-2) it still gets wrong
KNOWN_NEW2_FAILURES: dict[str, str] = {}  # m27 (安踏品牌 and FILA品牌) fixed by the two-part split


@pytest.fixture(scope="module")
def new2_engine(full_store, tmp_path_factory):
    """The full store with corpus-new-2 beside it, in a copy of its own (the dev set asks
    about 海底捞 and 安踏 as absent companies)."""
    from chatbot.engine import Engine
    from ingest.pipeline import ingest

    path = tmp_path_factory.mktemp("catalogue-new2") / "index"
    shutil.copytree(full_store, path)
    report = ingest([DATA / "corpus-new-2"], make_settings(path), prune=False, show_progress=False)
    assert len(report.added) == 4, report.summary()
    assert not report.failed, report.summary()
    return Engine(make_settings(path))


@pytest.mark.slow
@pytest.mark.parametrize(
    "q",
    question_params(NEW2_QUESTIONS, KNOWN_NEW2_FAILURES),
)
def test_second_unseen_set(new2_engine, q):
    """Companies no config names (海底捞 with no English name, 腾讯音乐娱乐集团 in a table,
    ANTA Sports English first, 舜宇光学 with nine-month figures): answered from their
    article in Chinese, English and pinyin; near-misses and absent companies refused."""
    a = new2_engine.ask(q["question"], q.get("history"))
    _assert_as_expected(a, q)


LEAVE_ONE_OUT = {  # corpus-extra article -> the company its glossary entry names
    "news-03": "壁仞科技", "news-04": "天数智芯", "news-07": "商汤", "news-08": "第四范式",
    "news-09": "地平线", "news-10": "黑芝麻智能",
}
LOO_QUESTIONS = [
    ("news-07", "商汤2025年上半年收入是多少？", "23.58亿"),
    ("news-08", "第四范式上半年收入多少？", "26.26亿"),
    ("news-09", "地平线征程芯片上半年出货多少套？", "198万套"),  # (芯片: a generic head; the article writes 征程系列处理硬件)
    ("news-10", "黑芝麻智能上半年毛利率是多少？", "24.8%"),
    ("news-03", "壁仞科技招股孖展多少？", "3843.79亿港元"),
    ("news-04", "天数智芯的发行价是多少？", "144.6港元"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("doc", "question", "fact"), LOO_QUESTIONS, ids=[q[0] for q in LOO_QUESTIONS])
def test_leave_one_out(full_store, doc, question, fact):
    """The article's company removed from every glossary section: still answered from its article."""
    from chatbot.engine import Engine
    from chatbot.glossary import load_glossary

    engine = Engine(make_settings(full_store))
    engine._base_glossary = load_glossary(without=frozenset({LEAVE_ONE_OUT[doc]}))
    a = engine.ask(question)
    assert fact in a.text, a.text
    assert a.citations[0].doc_id == doc, a.text


@pytest.mark.parametrize(
    ("question", "names"),
    [("What was NIO's revenue in 2024?", ["NIO"]),  # an acronym that is no English word: a name
     ("Robert'); DROP TABLE chunks;--", []),  # ALL-CAPS ordinary words are code, not names
     ("{lang} {0} ${HOME} {{7*7}}", []),
     # a period written as one token is no name, beside a name or alone
     ("What was NIO's revenue in FY2024?", ["NIO"]),
     ("What was FY24 revenue at NIO?", ["NIO"]),
     ("What was NIO's 1H25 net loss, and its 3Q25 one?", ["NIO"]),
     ("How did Q3'25 compare with H1?", [])],
)
def test_name_shaped_words_of_english_questions(question, names):
    from chatbot.glossary import load_glossary
    from chatbot.subjects import uncatalogued_names

    assert uncatalogued_names(question, load_glossary()) == names


# (entry the catalogue learned from one document, whether the merged glossary keeps it as a name)
TERMS_ARE_NO_NAMES = [
    # "大模型技术" twice in a long text (a suffix word seen twice): the glossary translates 大模型 as a term
    (Entry("大模型", "org", ["大模型技术"]), False),
    # a metric's form with its English abbreviation ("平均房价（ADR）"): a figure, not an institution
    (Entry("平均房价", "org", ["ADR"]), False),
    # a name that is no term stays
    (Entry("特专科技", "org"), True),
    # a term with a ticker of its own is a company: the ticker says so
    (Entry("大模型", "company", [], ["8001.HK"]), True),
]


@pytest.mark.parametrize(("entry", "kept"), TERMS_ARE_NO_NAMES, ids=["term", "metric", "no-term", "ticker"])
def test_a_term_the_glossary_translates_is_no_name(entry, kept):
    """One article's mis-extracted term must not make every question that says it name a company."""
    from chatbot.catalogue import merged_glossary
    from chatbot.glossary import load_glossary

    for hand_kept in (True, False):
        g = merged_glossary(load_glossary(hand_kept=hand_kept), {"doc": [entry], "other": [Entry("云知声", "company")]})
        assert (entry.name in g.entities(f"云知声{entry.name}的情况")) == kept
        assert "云知声" in g.entities(f"云知声{entry.name}的情况")


@pytest.mark.parametrize(
    ("question", "held", "absent"),
    [
        # a region the documents write in Chinese (config/terms_en.toml) is no company
        ("What share of Unisound's revenue came from North America and what share from Europe?", {"北美", "欧洲"}, []),
        ("What share of Unisound's revenue came from Southeast Asia?", {"东南亚"}, []),
        # (a name-shaped word no term translates, and no document holds, stays unknown)
        ("What share of Unisound's revenue came from Zorvania?", {"北美"}, ["Zorvania"]),
    ],
)
def test_a_region_the_documents_write_in_chinese_is_no_unknown_name(question, held, absent):
    from chatbot.catalogue import merged_glossary
    from chatbot.glossary import load_glossary
    from chatbot.subjects import unknown_names

    def contains(word: str) -> bool:
        return word in held or word.lower() in {"unisound", "云知声"}

    assert unknown_names(question, merged_glossary(load_glossary(), {}), contains) == absent
