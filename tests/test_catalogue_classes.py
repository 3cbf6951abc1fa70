"""The catalogue's rules of extractor version 20, one table row a rule (issue 11 item 1: the catalogue measured over
every article, benchmarks/catalogue_quality.py). Each row is a short text written for the rule, not an article's:
the forms the entry must hold, its ticker, and the words no entry may be named by. The rules' words are data in
config/catalogue.toml; the config-driven rows run once for each of its words."""

from __future__ import annotations

import pytest

from chatbot.entity_extract import extract
from chatbot.names import load_rules

RULES = load_rules()

# (id, title, front-matter tickers, text, forms the company's entry holds, its ticker, words no entry is named by)
CASES = [
    # a title's word the text writes before a segment word names a segment, not the company (segment_words)
    ("segment-title-word", "滨川通信2025年中期点评：室分与智联业务拉动增长", ["2719.HK"],
     "# 滨川通信（Binchuan Telecom，2719.HK）中期点评\n滨川通信上半年收入48.6亿元。室分业务收入6.8亿元，同比增长14.3%。"
     "智联业务收入3.9亿元。室分覆盖面积扩大。滨川通信维持买入评级。",
     {"滨川通信", "Binchuan Telecom"}, "2719.HK", ["室分"]),
    # the topic of an article over several companies, each with its ticker, is no company
    ("topic-over-holders", "猪价回落之下，三家养殖企业成本差距有多大", ["002971.SZ", "2369.HK"],
     "猪价从年初回落。本文比较丰川农业（002971）与金岭畜牧（02369）。猪价若继续下行，丰川农业仍能盈利；金岭畜牧成本较高。",
     {"丰川农业"}, "002971.SZ", ["猪价"]),
    # a legal name gives its short form less the legal tail and corporate words, and its pinyin, unwritten
    ("legal-name-short-form", "康川医疗集团有限公司（股份代号：3329）中期业绩公告摘要", [],
     "康川医疗集团有限公司（股份代号：3329）公布中期业绩。本集团收入为人民币21.36亿元。本集团旗下医院共31家。",
     {"康川医疗集团有限公司", "康川医疗", "kangchuanyiliao"}, "3329.HK", []),
    # 中国 opening a legal name is the registered name's
    ("china-opens-legal-name", "", [],
     "职业技能培训机构中国东岭教育科技集团有限公司（下称\"中国东岭教育\"）公布中期业绩。中国东岭教育收入20亿元。中国东岭教育称招生增长。",
     {"中国东岭教育科技集团有限公司", "中国东岭教育"}, None, ["东岭教育"]),
    # a place in brackets inside a legal name is the name's
    ("place-in-brackets", "", [],
     "康岳化成（北京）新药技术股份有限公司（Kangyue，股份代号：3759）公布业绩。康岳化成收入64.8亿元。康岳化成维持指引。",
     {"康岳化成（北京）新药技术股份有限公司", "康岳化成"}, "3759.HK", ["新药", "新药技术"]),
    # a numeral opening the words before a legal form is the name's
    ("numeral-opens-name", "", [],
     "八毛八国际控股有限公司（港股代码9922）公布中期业绩。八毛八收入27.6亿元。八毛八称门店调整。",
     {"八毛八国际控股有限公司", "八毛八"}, "9922.HK", ["毛八"]),
    # a rare character of a coined name before a ticker is the name's
    ("rare-character", "金璟首饰次季同店销售增5.7%", ["1788.HK"],
     "# 金璟首饰（01788.HK）公布营运数据\n金璟首饰同店销售同比增长5.7%。金璟首饰季内净关店86家。",
     {"金璟首饰"}, "1788.HK", []),
    # a table cell before a bare listing code's cell is a name as a whole
    ("cell-before-bare-code", "", [],
     "| 公司 | 股票代码 | 营收 |\n|---|---|---|\n| 中安股份 | 002891 | 24.3亿元 |\n| 佩岚股份 | 300673 | 8.46亿元 |\n"
     "中安股份境外收入占六成半。佩岚股份增速最低。",
     {"中安股份"}, "002891.SZ", ["中安"]),
    # a term before its acronym, or a product before its code, is no name
    ("term-before-acronym", "", [],
     "公司推出原子层沉积(ALD)设备。原子层沉积设备验证顺利，原子层沉积订单增长。核心产品启妥利单抗（QH-101）放量，启妥利单抗纳入医保。",
     set(), None, ["原子层沉积", "启妥利单抗"]),
    # an exchange in a ticker's bracket is no alias
    ("exchange-in-bracket", "", [],
     "乖川宠物(深交所创业板,证券代码301498)自主品牌收入占比约76%。乖川宠物销售费用率最高。",
     {"乖川宠物"}, "301498.SZ", ["深交所创业板"]),
    # an English name right after Chinese is whole, its legal form after a comma with it
    ("english-after-chinese", "", [],
     "在线音乐平台WaveSong Music（浪歌音乐，09937.HK）公布业绩。浪歌音乐收入18亿元。种业公司丰岭种业（Fengling Seed Co., Ltd.）公布业绩。"
     "丰岭种业收入11亿元。",
     {"WaveSong Music", "浪歌音乐"}, "9937.HK", ["Music", "Ltd."]),
    # capitals ending a Chinese name are no English name of their own
    ("capitals-end-chinese-name", "", [],
     "| 公司 | 模式 |\n|---|---|\n| 智岭AI(2513.HK) | B端 |\n智岭AI收入增长。",
     {"智岭AI"}, "2513.HK", ["AI"]),
    # a head or a tail is a form only where the text writes it alone
    ("head-inside-longer-form", "金岸中国三季度收入18.2亿美元", ["1928.HK"],
     "Sands Coast Ltd.（金岸中国有限公司，股份代号1928）第三季度收入18.2亿美元。金岸中国份额23.6%。金岸中国酒店入住率96.1%。",
     {"金岸中国"}, "1928.HK", ["金岸"]),
    ("tail-dictionary-word", "优岚二手车第二季度交易量增21%", ["9875.HK"],
     "二手车零售平台优岚二手车（Youlan Used Cars，09875.HK）公布业绩。优岚第二季度毛利率为8.7%。优岚预计交易量增长。"
     "二手车行业价格竞争激烈，二手车残值承压。",
     {"优岚二手车", "优岚"}, "9875.HK", ["二手车"]),
    # the name is a form the text uses on its own
    ("name-used-alone", "", [],
     "# 中国北岭教育(港股代码0667)公布业绩\n中国北岭教育科技集团有限公司公布业绩。中国北岭教育收入20亿元。中国北岭教育称毛利率改善。",
     {"中国北岭教育"}, "0667.HK", ["北岭教育"]),
    # a short form written once alone, inside a word of the dictionary, is no form ("家中宠物")
    ("short-form-inside-word", "", [],
     "| 公司 | 股票代码 |\n|---|---|\n| 中岚股份 | 002891 |\n中岚股份增长较快，中岚股份的工厂在北美。家中宠物数量增加。",
     {"中岚股份"}, "002891.SZ", ["中岚"]),
]


@pytest.mark.parametrize(("title", "tickers", "text", "forms", "ticker", "no_names"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_catalogue_rule(title, tickers, text, forms, ticker, no_names):
    entries = extract(title, tickers, text)
    if forms:
        e = next((e for e in entries if forms & set(e.forms())), None)
        assert e is not None, entries
        assert forms <= set(e.forms()), entries
        assert (ticker in e.tickers) if ticker else True, entries
    assert not any(n == e.name or n in e.aliases for e in entries for n in no_names), entries


@pytest.mark.parametrize("head", sorted(RULES.generic_org_heads))
def test_generic_institution_names_nobody(head):
    """config/catalogue.toml generic_org_heads: "地方政府" is a class of institutions, twice or not."""
    text = f"客户以{head}政府为主。{head}政府预算收紧。{head}政府的项目延期。滨川通信收入增长。"
    assert not any(e.name == f"{head}政府" for e in extract("", [], text))


@pytest.mark.parametrize("word", RULES.segment_words)
def test_segment_word_makes_no_subject(word):
    """config/catalogue.toml segment_words: a title's opening word the text writes before one is a segment."""
    title = f"智联{word}拉动增长，滨川通信上半年收入增5%"
    text = f"# 滨川通信（2719.HK）中期点评\n滨川通信上半年收入48.6亿元。智联{word}收入3.9亿元。滨川通信维持评级。"
    entries = extract(title, ["2719.HK"], text)
    assert not any(e.name == "智联" or "智联" in e.aliases for e in entries), entries


@pytest.mark.parametrize("word", RULES.exchange_words)
def test_exchange_in_ticker_bracket_is_no_alias(word):
    """config/catalogue.toml exchange_words: a bracket part naming where the share is listed."""
    text = f"乖川宠物(深{word},证券代码301498)收入增长。乖川宠物利润增长。"
    entries = extract("", [], text)
    assert not any(a.startswith("深") for e in entries for a in e.aliases), entries


@pytest.mark.parametrize("group", RULES.group_words)
def test_corporate_words_come_off_a_legal_name(group):
    """config/catalogue.toml group_words: the legal name less its legal tail and corporate word is a form."""
    legal = next(t for t in RULES.legal_tails if t == "有限公司")
    name = f"岚川医疗{group}{legal}"
    entries = extract("", [], f"{name}（股份代号：3329）公布业绩。本集团收入增长。")
    e = next(e for e in entries if name in e.forms())
    assert "岚川医疗" in e.forms(), entries
