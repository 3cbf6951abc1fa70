"""Table-driven tests of the session-13 look-up rules (dev-13's failures): a period written as a span
without its year ("截至9月底止九个月"), a month after a year word ("今年9月份"), a metric a question asks in its
own words ("赚了多少" -> 净利润) and a sum of money ("多少钱"), the period in force where a sentence naming
several names the metric, a table's label-column header period, and a metric named only per unit."""

from __future__ import annotations

from dataclasses import replace

import pytest

from chatbot.evidence import analyse_question, per_unit_only, score_candidates
from chatbot.glossary import load_glossary
from chatbot.models import Chunk, Passage
from chatbot.sentence_period import metric_periods
from chatbot.text import months_to_words, normalize, periods

ARTICLE = (
    "华岭纸业2025年前三季度实现营业收入218.4亿元。\n\n"
    "| 季度 | 营业收入 | 同比 | 归母净利润 |\n|---|---|---|---|\n"
    "| 2025年二季度 | 73.3亿元 | +6.5% | 3.13亿元 |\n| 2025年三季度 | 76.9亿元 | +8.7% | 3.82亿元 |\n\n"
    "三季度单季归母净利润同比增长64.7%，环比增长22.0%。\n\n"
    "华岭纸业（2719.HK）于2025年11月5日公布2025年第三季度业绩。\n\n"
    "华岭纸业2024年全年营业收入302.6亿元；2025年上半年实现营业收入141.5亿元，同比增长5.0%，归母净利润5.54亿元。\n\n"
    "| 指标（2025年上半年） | 华岭纸业 |\n|---|---|\n| 毛利率 | 12.2% |\n\n"
    "2025年9月华岭纸业纸品销量46万吨，单吨收入5,100元。"
)
TITLE = "华岭纸业三季报点评"


def _sentences(question: str, text: str = ARTICLE, title: str = TITLE, glossary=None) -> list[str]:
    """The sentences chosen for the question from one passage of `text`, best first: the article's words weigh 3,
    the metric words 0.5, a word no passage holds 5."""
    metric_words = ("收入", "营业收入", "营收", "净利润", "归母净利润")
    weights = {w: 0.5 for w in metric_words}
    chunk = Chunk(id="x:1", doc_id="x", title=title, text=text, headings=[title])
    cands, _ = score_candidates(question, [Passage(chunk=chunk, score=1.0)], glossary or load_glossary(),
                                lambda t: weights.get(t, 3.0 if t in normalize(text + title) else 5.0))
    return [c.text for c in cands]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("截至9月底止九个月的收入", {(None, "Q1-3")}),  # no year, the month's end as a word
        ("截至9月30日止九个月赚了多少", {(None, "Q1-3")}),
        ("截至2025年6月末止六个月", {("2025", "H1")}),
        ("截至2025年9月30日止九个月", {("2025", "Q1-3")}),  # as before
        ("截至6月底，公司现金12亿元", {(None, "M06-end")}),  # a month's end, no span: a point in time
        ("今年9月份卖了多少浮法玻璃", {(None, "M09")}),  # a year word before the month is no year
        ("2025年9月份", {("2025", "M09")}),
        ("二〇二五年九月", set()),  # a year in Chinese numerals: a date, as "2025年9月" is
    ],
)
def test_period_spans_and_months(text, found):
    assert periods(text) == found


@pytest.mark.parametrize(
    ("text", "rewritten"),
    [
        ("路畅租车截至9月底止九个月的收入是多少？", "路畅租车前三季度的收入是多少？"),
        ("截至2025年6月30日止六个月的溢利", "2025年上半年的溢利"),
        ("截至2024年12月31日止年度", "2024年全年"),
        ("截至5月底止五个月", "截至5月底止五个月"),  # (no count the pattern reads: as written)
        ("截至9月底，公司…", "截至9月底，公司…"),
        # a relative year in place of the year stays before the period word (dev-14 h11-q10: the region rows
        # outranked the total, the unread span's 截至/30/日止 matching every row's header cell)
        ("凛途冷链截至今年9月30日止九个月的收入是多少？", "凛途冷链今年前三季度的收入是多少？"),
        ("截至去年6月30日止六个月的溢利", "去年上半年的溢利"),
    ],
)
def test_months_to_words(text, rewritten):
    assert months_to_words(text) == rewritten


@pytest.mark.parametrize(
    ("question", "metric", "unit"),
    [
        ("华岭纸业三季度单季赚了多少钱？", "净利润", "元"),  # a paraphrase of the metric, a sum of money
        ("江海重工第三季度当季挣了多少？", "净利润", ""),
        ("上年同期它是赚钱还是亏钱？亏了多少？", "净亏损", ""),  # the metric it names, not the paraphrase
        ("华岭纸业三季度收入是多少？", "收入", ""),
    ],
)
def test_paraphrased_metric_and_money(question, metric, unit):
    spec = analyse_question(question, load_glossary(), lambda t: 3.0 if t in ARTICLE else 5.0)
    assert [m[0] for m in spec.metrics] == [metric]
    assert spec.unit == unit


@pytest.mark.parametrize(
    ("sentence", "periods_at"),
    [
        ("陇轨装备2024年全年营业收入312.6亿元；2025年上半年实现营业收入148.3亿元，同比增长7.9%，归属于股东的净利润11.2亿元",
         [{("2025", "H1")}]),
        ("2024年净利润9.1亿元，2025年上半年净利润5.5亿元", [{("2024", None)}, {("2025", "H1")}]),
        ("净利润较2024年的9.1亿元增长", [set()]),  # a period named only to compare is none
        # a list after the metric, a period and a figure each: named once for all of them
        ("一季度归母净利润11.2亿元，二季度13.6亿元，三季度19.4亿元", [{(None, "Q1"), (None, "Q2"), (None, "Q3")}]),
        ("2025年上半年净利润5.5亿元，同比增长7%，2024年营业收入80亿元", [{("2025", "H1")}]),  # (2024 is the revenue's)
    ],
)
def test_metric_periods(sentence, periods_at):
    assert metric_periods(sentence, ["净利润"]) == periods_at


@pytest.mark.parametrize(
    ("text", "only"),
    [
        ("2025年9月:快递业务量23.48亿票;单票收入2.05元", True),  # revenue per parcel
        ("单票收入2.05元，快递服务业务收入52.25亿元", False),  # the metric as such too
        ("第三季度单季收入20.6亿元", False),  # one quarter is no unit
        ("人均收入3万元", True),
        ("公司收入58.7亿元", False),
    ],
)
def test_per_unit_only(text, only):
    assert per_unit_only(text, ["收入", "营收"]) is only


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        # the quarter's row states the profit's sum; the growth-only sentence answers no "多少钱"
        ("华岭纸业三季度单季赚了多少钱？", "归母净利润3.82亿元"),
        # the period named first is another metric's: 2024's profit is not given
        ("华岭纸业2024年全年净利润是多少？", None),
        ("华岭纸业2024年全年营业收入是多少？", "302.6亿元"),
        # a stock code is named in no clause of its own: no period binds it (the ticker "2057.HK" read as a year)
        ("Which company is listed under the ticker 2719.HK?", "2719.HK"),
        # the label column's header dates every row: no 2024 margin
        ("华岭纸业2024年毛利率是多少？", None),
        # revenue per tonne answers no month's revenue
        ("华岭纸业9月份的收入是多少？", None),
        ("华岭纸业9月份单吨收入是多少？", "5,100元"),
    ],
)
def test_lookup13_sentence_choice(question, answer):
    found = _sentences(question)
    if answer is None:
        assert not found, found
    else:
        assert found, "no sentence"
        assert answer in found[0], found


@pytest.mark.parametrize(
    ("text", "form", "outside"),
    [
        ("每股基本盈利人民币20.8分", "盈利", False),  # earnings per share: no profit
        ("期内盈利2.6亿元，每股基本盈利20.8分", "盈利", True),
        ("每股收益0.21元", "收益", False),  # (收益 is a form of revenue; 每股收益 another metric)
        ("收益41.27亿元", "收益", True),
    ],
)
def test_a_form_inside_another_metrics_longer_form(text, form, outside):
    assert load_glossary().outside_longer_metric(text, form) is outside


def test_an_english_term_is_not_said_by_another_metrics_longer_form():
    """"earn" reads 净利润 / 盈利 / 溢利: the profit's sentence, not earnings per share, answers."""
    text = "每股基本盈利人民币20.8分。\n\n期内溢利人民币2.58亿元，同比增长27.7%。"
    glossary = replace(load_glossary(), terms={**load_glossary().terms, "earn": ["净利润", "盈利", "溢利"]})  # (terms_en.toml)
    found = _sentences("How much did 霜源食品 earn in the first half of 2025?", text, "霜源食品中期业绩", glossary)
    assert found, "no sentence"
    assert "溢利" in found[0], found
