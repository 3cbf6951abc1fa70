"""Session-15 reader rules for articles nobody here wrote, table-driven: a comparison of one figure between
companies (chatbot/compose/neutral.py, config/reader.toml [comparison]: what each company is asked, "<company><core>
是多少？", the words that specify the figure, which company a sentence's figures belong to), the wordings that ask a
comparison or pros and cons, a document described by its topic, prose that names its side ([stance] side_marker),
and a sentence about its document's own company ("公司…" before a partner's name)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from chatbot.compose.neutral import _asked_words, _states_for, figure_core
from chatbot.glossary import Glossary, load_glossary
from chatbot.intent import detect_intent
from chatbot.models import Chunk, Passage

_NAMES = {"滨海铝业": "滨海铝业", "邛岭铝业": "邛岭铝业", "邛岭": "邛岭铝业", "栗岛咖啡": "栗岛咖啡", "栗岛": "栗岛咖啡", "麦汀咖啡": "麦汀咖啡", "麦汀": "麦汀咖啡", "陇轨装备": "陇轨装备",
          "陇轨": "陇轨装备", "泰衡机车": "泰衡机车", "泰衡": "泰衡机车", "澈源再生": "澈源再生", "钴资源": "钴资源",
          "智谱": "智谱", "minimax": "MiniMax", "禾沐营养": "禾沐营养", "禾沐": "禾沐营养", "贝思康": "贝思康"}


def _ctx(question: str, lang: str = "zh") -> SimpleNamespace:
    glossary = Glossary(aliases=dict(_NAMES), companies=set(_NAMES.values()), metrics=load_glossary().metrics)
    return SimpleNamespace(question=question, glossary=glossary, lang=lang)


@pytest.mark.parametrize(("question", "ents", "core"), [
    ("比较一下栗岛咖啡和麦汀咖啡上半年的净利润。", ["栗岛咖啡", "麦汀咖啡"], "上半年的净利润"),
    ("陇轨装备和泰衡机车上半年的净利润增速哪个更快？", ["陇轨装备", "泰衡机车"], "上半年的净利润增速"),
    ("对比陇轨装备和泰衡机车上半年的新签订单。", ["陇轨装备", "泰衡机车"], "上半年的新签订单"),
    # a name's character the catalogue left off stays with the joiner between the names ("和环" of 环钴资源)
    ("对比一下澈源再生和环钴资源上半年的收入和毛利率。", ["澈源再生", "钴资源"], "上半年的收入和毛利率"),
    ("智谱和MiniMax的累计私募融资谁更多？", ["智谱", "MiniMax"], "累计私募融资"),
    # a follow-up put after the question before it: its own words ask
    ("智谱2024年收入那和MiniMax同一年的收入比呢？", ["智谱", "MiniMax"], "2024年收入 的收入"),
    ("禾沐营养和贝思康乳业2024年毛利率各：那净利率呢？哪家更高？", ["禾沐营养", "贝思康"], "净利率"),
    # nothing asked of them but the comparison
    ("禾沐和贝思康哪家更好？", ["禾沐营养", "贝思康"], ""),
])
def test_what_a_comparison_asks_of_each_company(question, ents, core):
    assert figure_core(_ctx(question), ents) == core


@pytest.mark.parametrize(("core", "words"), [
    ("上半年的新签订单", ["新签订单"]),  # jieba cuts it 新|签订|单: the run as written
    ("2024年的人均二次消费", ["人均二次消费"]),
    ("的增速 2025年成人失禁用品收入增长", ["成人失禁用品"]),
    ("净利率", ["净利率"]),  # a metric's form (净利) inside a word is no metric
    ("上半年的净利润增速", []),  # the metric, its change and its period: the look-up holds them
    ("上半年的收入和毛利率", []),
])
def test_the_words_that_specify_a_compared_figure(core, words):
    assert _asked_words(_ctx(""), core) == words


def _cand(text: str, raw: str = "", figures: list[str] | None = None) -> SimpleNamespace:
    return SimpleNamespace(text=text, raw=raw or text, figures=figures or [], passage_idx=0)


@pytest.mark.parametrize(("sentence", "paragraph", "figures", "company", "states"), [
    # the company named nearest before a figure owns it
    ("2025年上半年，泰衡营收为45.1亿元；净利润3.98亿元，同比增长24.1%，增速明显快于陇轨。", "", ["45.1亿", "3.98亿", "24.1%"],
     "陇轨装备", False),
    ("2025年上半年，泰衡营收为45.1亿元；净利润3.98亿元，同比增长24.1%，增速明显快于陇轨。", "", ["45.1亿", "3.98亿", "24.1%"],
     "泰衡机车", True),
    ("累计私募融资:MiniMax超过15亿美元,智谱超过83亿元人民币。", "", ["15亿美元", "83亿"], "智谱", True),
    ("净利润:陇轨装备11.2亿元;泰衡机车3.98亿元", "", ["11.2亿", "3.98亿"], "泰衡机车", True),
    # a sentence naming neither: the company its paragraph named last before it
    ("毛利率为61.2%，纯利7.85亿元。", "先看禾沐。2024年全年，禾沐录得收益68.4亿元。毛利率为61.2%，纯利7.85亿元。",
     ["61.2%", "7.85亿"], "贝思康", False),
    ("毛利率为61.2%，纯利7.85亿元。", "先看禾沐。2024年全年，禾沐录得收益68.4亿元。毛利率为61.2%，纯利7.85亿元。",
     ["61.2%", "7.85亿"], "禾沐营养", True),
    # a paragraph speaking of the company by the first two characters of its name, which no alias holds ("滨海")
    ("公司上半年资本开支约46亿元。", "滨海选择把部分山东产能向云南转移。公司上半年资本开支约46亿元。", ["46亿"], "邛岭铝业", False),
    ("公司上半年资本开支约46亿元。", "滨海选择把部分山东产能向云南转移。公司上半年资本开支约46亿元。", ["46亿"], "滨海铝业", True),
    # a document about both, nothing naming either before the sentence: neither's
    ("公司上半年资本开支约46亿元。", "", ["46亿"], "邛岭铝业", False),
])
def test_whose_figure_a_sentence_states(sentence, paragraph, figures, company, states):
    chunk = Chunk(id="c", doc_id="d", text=paragraph or sentence, title="两家公司对比", headings=["两家公司对比"])
    ents = ["陇轨装备", "泰衡机车"] if "陇轨" in sentence or "泰衡" in sentence else \
        ["智谱", "MiniMax"] if "智谱" in sentence else ["滨海铝业", "邛岭铝业"] if "资本开支" in sentence else ["禾沐营养", "贝思康"]
    ctx = _ctx("")
    ctx.glossary.doc_subjects = {"d": set(ents)}  # (a document about the companies compared)
    assert _states_for(ctx, _cand(sentence, figures=figures), company, ents, [Passage(chunk=chunk)]) is states


@pytest.mark.parametrize(("question", "intent"), [
    # which of two is faster / higher: a comparison, though a growth word is a derived figure's cue
    ("陇轨装备和泰衡机车上半年的净利润增速哪个更快？", "comparison"),
    ("绮朵护理的增速比柔禾卫品2025年成人失禁用品收入增长快吗？", "comparison"),
    ("枫渡文旅的客流增长比它快吗？", "comparison"),
    # a superlative among several ("最短", "最长" too)
    ("四家运动服饰公司里，谁的存货周转天数最短，谁最长？", "comparison"),
    # a difference asked stays a derived figure
    ("哪个更高，高多少？", "derived"),
    ("枫渡文旅的入园人次比奇屿乐园多多少？", "derived"),
    # the benefits and costs of a strategy
    ("它这种降价策略带来了什么好处，又付出了什么代价？", "pros_cons"),
    ("枫渡文旅主打低价票有什么好处和代价？", "pros_cons"),
    ("关店的代价是什么？", "pros_cons"),
    ("回购股份对股东来说是好事还是坏事？", "pros_cons"),
    ("提价对公司是利大于弊吗？", "pros_cons"),
    # what a document says at its end: its conclusion, whatever words describe the document (梳理)
    ("那篇年报梳理最后认为公司还有哪些问题要解决？", "conclusion"),
    ("这篇专栏最后指出了什么？", "conclusion"),
])
def test_comparison_and_pros_cons_wordings(question, intent):
    assert detect_intent(question).name == intent


@pytest.mark.parametrize(("question", "unknown"), [
    # a verb that says what a document is about describes the document: its object is the topic, no company
    ("那篇讲纸尿裤的专栏最后得出了什么结论？", []),
    ("讲两家主题乐园的那篇专栏，作者的结论是什么？", []),
    ("讲冷链物流的那篇文章说了什么？", []),
    # a company no document holds is still one
    ("讲鹏翔纸业的那篇文章说了什么？", ["鹏翔纸业"]),
])
def test_a_document_described_by_its_topic_names_no_company(question, unknown):
    from chatbot.subjects import unknown_names

    documents = "纸尿裤专栏。两家主题乐园的专栏。冷链物流的文章。"
    assert unknown_names(question, Glossary(), lambda s: s.lower() in documents) == unknown


@pytest.mark.parametrize(("sentence", "clauses"), [
    ("代价是经营利润率只有6.8%，是三家中最低的。", [("代价是经营利润率只有6.8%，是三家中最低的。", -1)]),
    ("好处是时延低、节省带宽，代价是每台设备的芯片成本更高。",
     [("好处是时延低、节省带宽", 1), ("代价是每台设备的芯片成本更高。", -1)]),
    ("当然，奇屿的风险在于提价空间有限，一旦客流下滑，高固定成本会迅速侵蚀利润。",
     [("风险在于提价空间有限，一旦客流下滑，高固定成本会迅速侵蚀利润。", -1)]),
    # a side word that names no side of what the sentence says
    ("两家公司共同面对的风险包括价格战。", []),
    ("这是风险。", []),
])
def test_clauses_that_name_their_side(sentence, clauses):
    from chatbot.compose.sections import side_clauses

    assert side_clauses(sentence) == clauses


@pytest.mark.parametrize(("sentence", "own"), [
    # "公司" before any company named: the document's company does it, the other is a partner
    ("电池方面，公司与动力电池回收企业澈源再生签署了合作协议，在门店设置旧电池回收点。", True),
    ("公司将按销售额提成及保底租金两者孰高收取特许经营费，具体金额未予披露。", True),
    # another company named first, or no "公司" at all
    ("澈源再生表示，公司将扩大回收网络。", False),
    ("用户以旧换新时交回的电池将统一处理。", False),
])
def test_a_sentence_about_its_documents_company(sentence, own):
    from chatbot.compose.sections import _own_subject

    assert _own_subject(_ctx(""), sentence) is own


@pytest.mark.parametrize(("question", "pros", "cons"), [
    # each side asked in a clause of its own: that clause, its side words left out
    ("锂朔循环有哪些优势，这个行业又有哪些风险？", "锂朔循环有哪些 ", "这个行业又有哪些 "),
    # both sides in one clause: no clause of one side
    ("投资禾鲜味业有哪些机会和风险？", "", ""),
    ("What are the opportunities and risks for Taiheng Locomotive?", "", ""),
])
def test_the_clause_that_asks_one_side(question, pros, cons):
    from chatbot.compose.sections import side_clause
    from chatbot.intent import reader_config

    sides = reader_config()["stance"]["sides"]
    assert side_clause(question, sides["pros"], sides["cons"]) == pros
    assert side_clause(question, sides["cons"], sides["pros"]) == cons
