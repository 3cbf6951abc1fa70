"""Table-driven tests of the rules that refuse a figure the documents do not give (session 11): every
qualifier a question puts on the figure must be carried by the sentence that answers it (a segment the
question marks with "板块" / "业务" / "分部"; growth asked where only a level is stated; an English "what
<metric> does X expect"; an English two-part item), and a question opening with an unknown name and a
line of business ("跃力健身" beside the documents' 动岭健身) is about a company no document covers.
The word lists are data: config/evidence.toml [required] segment_markers, [scope] change_words and
change_rate; config/catalogue.toml [names] business_words, [question] sector_stem_pos."""

from __future__ import annotations

import pytest

from chatbot.evidence import analyse_question, metric_change_stated, score_candidates
from chatbot.glossary import Glossary, load_glossary
from chatbot.models import Chunk, Passage
from chatbot.names import load_rules
from chatbot.subjects import chinese_head, sector_head, unknown_names
from chatbot.text import normalize

# --- a segment the question marks as one ("…板块", "…业务", "…分部") is always held ---

ARTICLE = (
    "前三季度公司综合毛利率为34.2%，同比下降6.8个百分点。\n\n"
    "煤化工分部毛利率为21.5%。\n\n"
    "再生铝产量达到18万吨，同比增长约50%，该分部收入约32.5亿元。\n\n"
    "营业收入86.4亿元，同比增长9.2%。"
)
TITLE = "云知声业绩点评"


def _idf(term: str) -> float:
    if term == "\uffff":
        return 5.0
    if term in ("收入", "营业收入", "营收", "毛利率", "同比", "增长"):
        return 0.5
    return 3.0 if term in normalize(ARTICLE + TITLE + "板块业务") else 5.0


def _answers(question: str, text: str = ARTICLE) -> list[str]:
    chunk = Chunk(id="x:1", doc_id="x", title=TITLE, text=text, headings=[TITLE])
    cands, _ = score_candidates(question, [Passage(chunk=chunk, score=1.0)], load_glossary(), _idf)
    return [c.text for c in cands]


@pytest.mark.parametrize(
    ("question", "required", "marked"),
    [
        # the marker comes off; the word before it is held, beside another distinctive word
        ("云知声煤化工板块的毛利率是多少？", ["煤化工"], ["煤化工"]),
        ("云知声再生铝业务的收入是多少？", ["再生"], ["再生"]),
        ("云知声煤化工分部毛利率是多少？", ["煤化工"], ["煤化工"]),
        # a count before the marker names no segment ("两个分部": the segments are named before it)
        ("云知声煤化工和焦化两个分部的毛利率各是多少？", [], []),
        # no marker: the required words as before
        ("云知声毛利率是多少？", [], []),
    ],
)
def test_the_word_a_segment_marker_follows_is_required(question, required, marked):
    spec = analyse_question(question, load_glossary(), _idf)
    assert [g.alternatives[0] for g in spec.required] == required
    assert [g.alternatives[0] for g in spec.required if g.marked] == marked


def test_a_sentence_pointing_back_to_a_segment_names_the_one_its_passage_names():
    text = "“智能电动汽车及AI等创新业务”分部收入为213亿元。该分部毛利率为26.4%，经营亏损为3亿元。"
    assert any("26.4%" in t for t in _answers("云知声创新业务分部的毛利率是多少？", text))
    assert not any("26.4%" in t for t in _answers("云知声焦化业务分部的毛利率是多少？", text))


@pytest.mark.parametrize(
    ("question", "answered_by"),
    [
        ("云知声煤化工板块的毛利率是多少？", "21.5%"),  # the segment's own figure
        ("云知声焦化板块的毛利率是多少？", None),  # another segment's (or the total's) is no answer
    ],
)
def test_a_marked_segment_is_answered_only_by_its_own_figure(question, answered_by):
    answers = _answers(question)
    if answered_by is None:
        assert not any("34.2%" in t or "21.5%" in t for t in answers)
    else:
        assert answers
        assert answered_by in answers[0]


# --- growth asked: the metric's own clause (or the next, opening with the change) states it ---

@pytest.mark.parametrize(
    ("sentence", "stated"),
    [
        ("营业收入86.4亿元，同比增长9.2%。", True),  # the clause after the metric opens with the change
        ("收入较2024年同期的44.22亿元增长18.4%。", True),  # in the metric's clause
        ("第二季度净营业收入为148.64亿元，约148亿元，同比上升16%。", True),  # past the figure restated
        ("集团收入约人民币181.36亿元,较上年同期的175.74亿元增长3.2%。", True),  # the next clause compares
        ("毛利率同比提升0.8个百分点。", True),  # percentage points
        ("净利润增三成。", True),
        ("再生铝产量达到18万吨，同比增长约50%，该分部收入约32.5亿元。", False),  # the output's growth
        ("该分部收入约32.5亿元，毛利率约9%。", False),  # a level only
        ("同比增长9.2%，实现营业收入86.4亿元。", False),  # a change before the metric is read as another's
    ],
)
def test_a_growth_is_the_metrics_own(sentence, stated):
    metrics = [["收入", "营业收入", "营收"], ["毛利率"], ["净利润"]]
    assert metric_change_stated(normalize(sentence), metrics) is stated


@pytest.mark.parametrize(
    ("sentence", "stated"),
    [
        ("前九个月集团总收入约15.7亿元，同比下降4.2%；其中第三季度收入约5.6亿元。", False),  # the nine months' growth
        ("第三季度营业收入86.4亿元，同比增长9.2%。", True),
        ("营业收入86.4亿元，同比增长9.2%。", True),  # no period in the clause: the sentence's own
    ],
)
def test_a_growth_stated_for_another_period_is_not_the_one_asked(sentence, stated):
    assert metric_change_stated(normalize(sentence), [["收入", "营业收入"]], {(None, "Q3")}) is stated


def test_growth_asked_where_only_a_level_is_stated_is_not_answered():
    assert not any("32.5" in t for t in _answers("云知声再生铝业务收入同比增长了多少？"))
    assert any("9.2%" in t for t in _answers("云知声营业收入同比增长了多少？"))


# --- English: "what <metric> does X expect" asks the forecast figure of the metric ---

@pytest.mark.parametrize(
    ("question", "wants_figure"),
    [
        ("What gross margin does 云知声 expect for FY2025?", True),
        ("What revenue does 云知声 target for 2026?", True),
        ("What interim dividend per share did 云知声 declare?", False),  # no forecast: asked as before
        ("What risks does the report see for 云知声?", False),  # no metric between "what" and its verb
        ("What does the report say about 云知声?", False),
    ],
)
def test_what_metric_does_asks_a_figure(question, wants_figure):
    spec = analyse_question(question, load_glossary(), _idf)
    assert spec.wants_figure is wants_figure
    assert spec.amount is wants_figure


def test_an_expected_margin_no_sentence_states_as_a_figure_is_not_answered():
    text = "公司未在公告中披露具体毛利率数字。毛利率能否持续改善仍有待观察。"
    assert _answers("What gross margin does 云知声 expect for 2025?", text) == []


# --- an unknown name before a line of business is another company ---

_CATALOGUED = {"动岭": "动岭", "邛岭铝业": "邛岭铝业", "邛岭": "邛岭铝业", "嘉岳电梯": "嘉岳电梯"}
_TEXT = "动岭健身前九个月收入9.84亿元。邛岭铝业再生铝产量增长。嘉岳电梯在手订单增长。高端健身房需求增长。国产轮胎出口增长。"


def _before(word: str) -> set[str]:
    """The words of 1 to 4 characters the text writes right before `word` (CorpusText.before)."""
    out: set[str] = set()
    at = _TEXT.find(word)
    while at >= 0:
        head = _TEXT[max(0, at - 4):at]
        out.update(head[-n:] for n in range(1, len(head) + 1))
        at = _TEXT.find(word, at + 1)
    return out


@pytest.mark.parametrize(
    ("question", "unknown"),
    [
        # a trade written right after a catalogued name ("动岭健身"), a catalogued name's ending (铝业),
        # or a configured one (电梯), after a word no document writes: another company
        ("跃力健身目前有多少家门店？", "跃力健身"),
        ("飞腾铝业上半年收入多少？", "飞腾铝业"),  # a dictionary word, but uncommon (a verb)
        ("速跃电梯目前在手订单有多少？", "速跃电梯"),
        ("腾跃电梯现在有多少订单？", "腾跃电梯"),  # a verb, as brand names often are
        ("北辰铝业上半年收入多少？", "北辰铝业"),  # a proper name
        # the catalogue's own name, or a descriptive word before the trade: no other company
        ("动岭健身目前有多少家门店？", ""),
        ("高端健身目前有多少家门店？", ""),
        ("半挂轮胎的价格是多少？", ""),
        ("连锁健身行业目前有多少家门店？", ""),
        # a word that is no line of business after the unknown word
        ("跃力需求目前如何？", ""),
        ("国产轮胎出口量是多少？", ""),  # a word the documents write
    ],
)
def test_an_unknown_name_before_a_line_of_business_is_another_company(question, unknown):
    glossary = Glossary(aliases=dict(_CATALOGUED), companies=set(_CATALOGUED.values()))
    contains = lambda s: s.lower() in _TEXT.lower()  # noqa: E731
    assert sector_head(question, glossary, contains, load_rules(), _before) == unknown
    if unknown:
        assert unknown in unknown_names(question, glossary, contains, before=_before)


@pytest.mark.parametrize(
    ("question", "head"),
    [
        # a demonstrative with the measure word of a document opens a reader's question, not a name
        # (config/catalogue.toml [question] lead_words_zh): "篇宠物食品行业" was refused as a company
        ("那篇宠物食品行业对比文章主要讲了什么？", "宠物食品行业对比文章主要讲了"),
        ("这篇研报的结论是什么？", "研报的结论是"),
        ("该篇文章提到哪些风险？", "提到哪些风险"),  # and "文章" after it
        ("那动岭健身呢？", "动岭健身呢"),  # "那" alone still comes off
    ],
)
def test_a_demonstrative_and_its_measure_word_open_no_name(question, head):
    assert not chinese_head(question, Glossary(), load_rules()).startswith("篇")
    assert chinese_head(question, Glossary(), load_rules()).startswith(head[:2])


_PARAPHRASE_TEXT = "凛途冷链运营冷库总库容约186万立方米。康泓医疗银行借款为人民币24.6亿元。澄氦气体资本开支约22亿元。"
_PARAPHRASE_CATALOGUED = {"凛途冷链": "凛途冷链物流控股有限公司", "康泓医疗": "康泓医疗集团有限公司", "澄氦气体": "澄氦气体"}


@pytest.mark.parametrize(
    ("question", "unknown"),
    [
        # a known name, then a word that only phrases the question (dev-14 h11-q13): no other company
        ("凛途冷链一共有多大的冷库库容？", []),
        ("凛途冷链大概有多大的冷库库容？", []),
        # a one-character verb before a company suffix governs it (h11-q26, stress-14 s14-paraphrase-03)
        ("澄氦气体今年打算花多少钱做资本开支？", []),
        ("康泓医疗6月底欠银行多少钱？", []),
        # still unknown: another name before the phrasing word, a noun after the known name,
        # a bank the documents do not name, a rare character before the verb ("蔚来汽车")
        ("凛途速运一共有多大的冷库库容？", ["凛途速运一共"]),
        ("招商银行6月底欠银行多少钱？", ["招商银行"]),
        ("蔚来汽车上半年收入多少？", ["蔚来汽车"]),
        ("信达生物2025年全年收入多少？", ["信达生物"]),  # (信 + 达, a verb, as jieba's tagger cuts it; dev-5 h2-q64)
        ("远达证券2025年全年收入多少？", ["远达证券"]),
    ],
)
def test_phrasing_words_and_verb_objects_are_no_names(question, unknown):
    glossary = Glossary(aliases=dict(_PARAPHRASE_CATALOGUED), companies=set(_PARAPHRASE_CATALOGUED.values()))
    contains = lambda s: s.lower() in _PARAPHRASE_TEXT.lower()  # noqa: E731
    assert unknown_names(question, glossary, contains) == unknown
