"""Table-driven tests of the session-17 rules (dev-17's look-up failures, by class): a particle inside a coined
name before a ticker, an English phrase the dictionary reads as another figure than the metric it holds, the
single quarter of a nine months' report, a segment's clause without the amount asked, a segment word no passage
writes whole, a sentence saying the figure was not given, a company named by the head of its name, a filing's
period as one phrase, and another row of the best row's table."""
import pytest

from chatbot.bilingual import translator
from chatbot.compose.base import Entry
from chatbot.compose.figures import says_not_given
from chatbot.evidence import (
    Candidate,
    _segment_stem,
    asks_several,
    segment_without_unit_figure,
    select,
)
from chatbot.followup import _period_in_chinese
from chatbot.glossary import Glossary, load_glossary
from chatbot.models import Chunk
from chatbot.names import load_rules, name_before
from chatbot.sentence_period import last_part, sentence_periods
from chatbot.short_names import complete
from chatbot.text import period_phrase_re


@pytest.mark.parametrize(
    ("before", "name"),
    [("滑雪度假运营商朔雪山地度假", "朔雪山地度假"),  # 地 (a particle to jieba) inside a coined name; "度假" alone is a word
     ("收费公路运营商长岳高速", "长岳高速"),  # no particle: unchanged
     ("运营商朔雪度假", "朔雪度假")],
)
def test_a_particle_inside_a_name_before_a_ticker(before, name):
    assert name_before(before, load_rules(), lenient=True) == name


@pytest.fixture(scope="module")
def glossary():
    g = load_glossary()
    text = "11月公司水产品销量2.46万吨；净利润1.2亿元；对虾销量0.64万吨"
    return Glossary(aliases=g.aliases, terms=g.terms, metrics=g.metrics, synonyms=g.synonyms, companies=g.companies,
                    translate=translator(lambda zh: zh in text))


@pytest.mark.parametrize(("question", "shadowed", "metric_read"), [
    ("what was its november sales volume of prawns?", ["sales volume"], False),  # 销量: a volume, not revenue
    ("what were its sales in november?", [], True),
    ("what was its net profit?", [], True),  # the dictionary's 净利润 is the metric's own form
])
def test_an_english_phrase_the_dictionary_reads_as_another_figure(glossary, question, shadowed, metric_read):
    assert [p for p, _ in glossary.shadowing_phrases(question)] == shadowed
    assert bool(glossary.metrics_in(question)) is metric_read


@pytest.mark.parametrize(("span", "last"), [("Q1-3", "Q3"), ("H1", "Q2"), ("H2", "Q4"), ("M01-11", "M11"),
                                            ("Q3", None), (None, None), ("M11", None)])
def test_the_last_part_of_a_span(span, last):
    assert last_part(span) == last


@pytest.mark.parametrize(("sentence", "context", "found"), [
    # "单季" under a nine months' report ("三季报点评"): the third quarter alone, whatever quarter it compares with
    ("单季毛利率24.6%，同比提升1.9个百分点，环比第二季度提升1.2个百分点。", {("2025", "Q1-3")}, {("2025", "Q3")}),
    ("当季收入8.2亿元。", {("2025", "H1")}, {("2025", "Q2")}),
    ("毛利率24.6%。", {("2025", "Q1-3")}, {("2025", "Q1-3")}),  # no single-period word: the report's period
])
def test_a_single_quarter_under_a_cumulative_report(sentence, context, found):
    assert sentence_periods(sentence, set(), context, set(context), True, "2025-10-28") == found


@pytest.mark.parametrize(("text", "segments", "unit", "without"), [
    ("华东上半年收入6.76亿元；西南地区基数较小，但收入增速最快，同比增长34.1%。", [["西南地区", "西南"]], "亿", True),
    ("华东上半年收入6.76亿元；西南地区收入2.1亿元。", [["西南地区", "西南"]], "亿", False),
    ("上半年收入14.63亿元。", [["西南地区", "西南"]], "亿", False),  # names no segment: not this check's
])
def test_a_segment_clause_without_the_amount_asked(text, segments, unit, without):
    assert segment_without_unit_figure(text, segments, unit) is without


@pytest.mark.parametrize(("word", "stem"), [("广告业务", "广告"), ("充电板块", ""), ("业务", "")])
def test_a_segment_word_no_passage_writes_whole(word, stem):
    indexed = {"广告", "停车"}
    assert _segment_stem(word, lambda w: 1.0 if w in indexed else 9.0, 9.0) == stem


_CHUNK = Chunk(id="c", doc_id="d", text="", title="", headings=[])


@pytest.mark.parametrize(("lines", "not_given"), [
    (["管理层此次没有给出全年收入指引。"], True),
    (["公司未披露2026年资本开支计划。"], True),
    (["公司预计全年收入增长10%，未披露利润指引。"], False),  # a figure beside it: it is given
    (["全年收入132.6亿元。"], False),
])
def test_a_sentence_saying_the_figure_was_not_given(lines, not_given):
    assert says_not_given([Entry("标签", bullet=False), *(Entry(t, [_CHUNK]) for t in lines)]) is not_given


@pytest.fixture(scope="module")
def companies():
    aliases = {"恪安保安服务": "恪安保安服务", "恪安保安服务集团有限公司": "恪安保安服务", "中信证券": "中信证券",
               "泊联停车": "泊联停车", "泊联科技": "泊联科技", "嘉岳电梯": "嘉岳电梯"}
    return Glossary(aliases=aliases, companies=set(aliases.values()), metrics=load_glossary().metrics)


@pytest.mark.parametrize(("question", "completed"), [
    ("恪安保安截至2025年9月30日止九个月收入多少？", "恪安保安服务截至2025年9月30日止九个月收入多少？"),
    ("恪安的收入", "恪安保安服务的收入"),
    ("恪安保安服务的收入", "恪安保安服务的收入"),  # the whole name: unchanged
    ("中信的收入", "中信的收入"),  # 中信 is a word of the dictionary: no head of a coined name
    ("泊联的收入", "泊联的收入"),  # the head of two companies' names: neither
    ("嘉岳重工前九个月收益是多少？", "嘉岳重工前九个月收益是多少？"),  # a noun goes on: another company's name
    ("嘉岳前九个月收益是多少？", "嘉岳电梯前九个月收益是多少？"),
    ("恪安保安收入多少", "恪安保安服务收入多少"),  # a metric after the head: the head is the name
])
def test_a_company_named_by_the_head_of_its_name(companies, question, completed):
    assert complete(question, companies) == completed


@pytest.mark.parametrize(("text", "phrases"), [
    ("恪安保安服务截至2025年9月30日止九个月收入", ["截至2025年9月30日止九个月"]),
    ("截至6月30日止年度收入", ["截至6月30日止年度"]),
    ("2025年前三季度收入", ["2025年前三季度"]),
])
def test_a_filings_period_is_one_phrase(text, phrases):
    assert [m.group(0) for m in period_phrase_re().finditer(text)] == phrases


@pytest.mark.parametrize(("prev", "period"), [
    ("What were 泊联停车's average daily parking orders in October?", None),  # an English question: stays English
    ("泊联停车10月日均停车订单多少？", "9月"),
])
def test_an_english_period_follow_up_after_a_question_naming_a_chinese_company(prev, period):
    assert _period_in_chinese("in September", prev) == period


def _row(order: int, text: str, coverage: float) -> Candidate:
    return Candidate(0, f"| {text} |", text, order, item=True, coverage=coverage, score=coverage)


@pytest.mark.parametrize(("question", "shown"), [
    ("What was the November sales volume of prawns?", ["对虾:0.64"]),  # another row of the table: another item
    ("短期和长期评估分别是什么？", ["对虾:0.64", "大黄鱼:0.92"]),  # two items asked: both rows
])
def test_another_row_of_the_best_rows_table(question, shown):
    cands = [_row(4, "对虾:0.64", 1.0), _row(1, "大黄鱼:0.92", 0.84)]
    chosen = select(cands, 0.3, 4, one_item=not asks_several(question))
    assert [c.text for c in chosen] == shown


@pytest.mark.parametrize(("before", "name"), [
    ("中国内地业务方面，公司为颐椿养老", "颐椿养老"),  # jieba glued 为 to the name's first character (为颐)
    ("公司与智谱", "智谱"),
])
def test_a_function_character_glued_to_a_name(before, name):
    assert name_before(before, load_rules()) == name


@pytest.mark.parametrize(("text", "figures"), [
    ("公开报道的落地案例:深圳地铁20号线的语音售票系统", []),  # a line's number names it
    ("收入20亿元，门店20家", ["20亿", "20家"]),
])
def test_a_number_that_names_a_thing_is_no_figure(text, figures):
    from chatbot.text import claim_figures

    assert claim_figures(text) == figures


@pytest.mark.parametrize(("question", "history_question", "standalone"), [
    ("那智谱2026年第一季度呢？", "智谱2025年上半年收入多少？", "智谱2026年第一季度收入多少？"),  # company and period
    ("那MiniMax全年呢？", "智谱2025年上半年收入多少？", "MiniMax 2025年全年收入多少？"),  # the year asked before
    ("那MiniMax呢？", "智谱2025年上半年收入多少？", "MiniMax 2025年上半年收入多少？"),
])
def test_a_follow_up_naming_another_company_and_period(question, history_question, standalone):
    from chatbot.followup import resolve_followup

    history = [{"role": "user", "content": history_question}, {"role": "assistant", "content": "约1.91亿元。"}]
    assert resolve_followup(question, history, load_glossary()) == standalone


@pytest.mark.parametrize(("question", "points_back"), [
    ("At what price per share?", True),  # opens with a preposition: the question before continues
    ("What net margin does that imply?", True),
    ("最新的指引呢？", True),  # an elliptical question
    ("和2024年比呢？", False),  # a comparison: its own rule
    ("What is chapter 18C?", False),
])
def test_a_follow_up_that_points_back(question, points_back):
    from chatbot.followup import _points_back

    assert _points_back(question) is points_back


@pytest.mark.parametrize(("question", "a", "b"), [
    ("云知声2024年末的现金能覆盖当年净亏损的多大比例？", "现金", "净亏损"),  # 覆盖: a share verb
    ("熠阵光显前三季度Mini/Micro LED直显收入占总收入的比例是多少？", "micro", "总收入"),  # Latin words of a Chinese question kept
])
def test_a_share_asked(question, a, b):
    from chatbot.compute import read_derived
    from chatbot.intent import detect_intent

    dq = read_derived(question, load_glossary())
    assert detect_intent(question).name == "derived"
    assert dq is not None
    assert dq.kind == "share"
    assert any(a in g for g in dq.a.terms)
    assert any(b in g for g in dq.b.terms)
    assert not any("财年" in g or "当年" in g or "多大" in g for g in dq.a.terms + dq.b.terms)


@pytest.mark.parametrize(("question", "absent", "head"), [
    ("What blended skim did Lumora Pay earn in H1 2025?", ["skim"], "skim"),  # no document names a skim
    ("What monetisation yield did Lumora Pay earn in H1 2025?", ["monetisation", "yield"], "yield"),
    ("What profit attributable to owners did Ke'an report?", ["owners"], ""),  # the head is profit
    ("At what average price per tonne did Guitian Sugar sell its sugar?", ["tonne"], ""),  # the head is price
    ("What revenue did Lumora Pay report?", [], ""),
])
def test_a_thing_asked_that_no_document_names(question, absent, head):
    from chatbot.evidence import QuestionSpec, TermGroup, unnamed_head

    groups = [TermGroup([w], 9.0, True, None, "word") for w in absent] + [TermGroup(["收入"], 1.0, kind="metric")]
    assert unnamed_head(question, QuestionSpec(groups=groups, entities=set(), metrics=[], periods=set(),
                                               wants_figure=True, wants_list=False)) == head
