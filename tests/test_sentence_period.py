"""Table-driven tests of the period a sentence speaks of (sentence_period.py), and of
the quarter constraint it feeds in evidence scoring."""

from __future__ import annotations

import pytest

from chatbot.evidence import passage_sentences, score_candidates
from chatbot.glossary import load_glossary
from chatbot.models import Chunk, Passage
from chatbot.sentence_period import bare_qualifiers, context_period, headline_period, own_text, sentence_periods
from chatbot.text import normalize, periods, qualifiers


@pytest.mark.parametrize(
    ("title", "headline"),
    [
        ("理想汽车第二季度收入302亿元，净利润11亿元，第三季度交付指引下滑", {(None, "Q2")}),
        ("Li Auto Q2: 收入302亿元", {(None, "Q2")}),
        ("小米集团2025年第二季度收入创新高；第三季度展望", {("2025", "Q2")}),
        ("某公司上半年营收增长，下半年承压", {(None, "H1")}),
        ("某公司发布新品", set()),
    ],
)
def test_headline_period_is_the_first_clause_naming_one(title, headline):
    assert headline_period(title) == headline


def test_a_heading_naming_a_period_wins_over_the_title():
    assert context_period("某公司第二季度业绩", ["某公司第二季度业绩", "第三季度指引"]) == {(None, "Q3")}
    assert context_period("某公司第二季度业绩", ["某公司第二季度业绩", "利润"]) == {(None, "Q2")}
    # a heading naming two periods ties its sentences to neither
    assert context_period("某公司业绩", ["某公司业绩", "某公司：上半年业绩与第三季度业务更新", "分地区"]) == set()


@pytest.mark.parametrize(
    ("sentence", "bare"),
    [
        ("理想汽车第二季度交付新车111,074辆，较第一季度的92,864辆环比改善。", {"Q2", "Q1"}),
        ("收入302亿元，较2024年第二季度的317亿元减少4.5%。", set()),
        ("上半年合计营收143亿元，较2024年上半年增长21.6%。", {"H1"}),
        ("2025年第三季度收入为50亿元。", set()),
    ],
)
def test_bare_qualifiers_are_those_without_a_year_before_them(sentence, bare):
    assert bare_qualifiers(sentence) == bare


@pytest.mark.parametrize(
    ("sentence", "stated", "context", "passage", "asks_quarter", "expected"),
    [
        # no period of its own: the headline's (a quarter asked), any of the passage's otherwise
        ("经营利润为8.27亿元。", set(), {(None, "Q2")}, {(None, "Q2"), ("2025", "Q3")}, True, {(None, "Q2")}),
        ("经营利润为8.27亿元。", set(), set(), {("2025", "Q3")}, True, set()),
        ("经营利润为8.27亿元。", set(), set(), {("2025", None)}, False, {("2025", None)}),
        # its own quarter without a year, in the context's year
        ("第二季度交付新车11万辆。", set(), {("2025", "Q2")}, set(), True, {("2025", "Q2")}),
        ("第二季度交付新车11万辆。", set(), set(), set(), True, {(None, "Q2")}),
        # a figure before the clause naming a quarter is of the context's period; the later one of its own
        ("净息差为1.71%，较2024年全年的1.83%收窄12个基点；今年一季度净息差为1.74%。", set(), {(None, "H1")}, set(), False,
         {(None, "H1"), (None, "Q1")}),
        ("今年一季度净息差为1.74%；净息差为1.71%。", set(), {(None, "H1")}, set(), False, {(None, "Q1")}),
        # stated comparison periods keep the sentence's own bare quarter too
        ("第二季度收入302亿元，较2024年第二季度的317亿元减少。", {("2024", "Q2")}, {(None, "Q2")}, set(), True,
         {("2024", "Q2"), (None, "Q2")}),
        # a figure whose clause names no period, then another period's ("…，2024年为…"): the context's period too
        ("芯片出货量约29亿颗，2024年为21.6亿颗。", {("2024", None)}, {("2025", None)}, set(), False,
         {("2025", None), ("2024", None)}),
        ("应占净利润约2.1亿元至2.4亿元，2024年为净亏损0.86亿元，即实现扭亏为盈；", {("2024", None)}, {("2025", None)}, set(),
         False, {("2025", None), ("2024", None)}),
        # the year stated with the first figure: its own, no other
        ("2025年收入10亿元，2024年为8亿元。", {("2025", None), ("2024", None)}, {("2023", None)}, set(), False,
         {("2025", None), ("2024", None)}),
        ("收入10亿元，2024年收入8亿元。", {("2024", None)}, {("2025", None)}, set(), False, {("2024", None)}),
        # its own quarter after a sentence on nine months: that quarter, in the year carried, not the nine months
        ("第三季度归属于公司股东的净利润为5.93亿元。", {("2025", "Q1-3")}, set(), {("2025", "Q1-3")}, False,
         {("2025", "Q3")}),
        ("上半年净利润为3.1亿元。", {("2025", "Q1-3")}, {("2025", None)}, set(), False, {("2025", "H1")}),
        # a year of its own with the quarter: as before
        ("2024年第三季度净利润为5亿元。", {("2024", "Q3")}, set(), set(), True, {("2024", "Q3")}),
    ],
)
def test_sentence_periods(sentence, stated, context, passage, asks_quarter, expected):
    assert sentence_periods(sentence, stated, context, passage, asks_quarter) == expected


@pytest.mark.parametrize(
    ("sentence", "passage", "dated", "expected"),
    [
        # "今年" is the year the document is dated in, not another year the passage names
        ("公司今年上半年营收为41.2亿元。", {("2023", None)}, "2024-08-30", {("2024", "H1")}),
        ("本年度前三季度净利润3.3亿元。", {("2022", None)}, "2023-10-28", {("2023", "Q1-3")}),
        # no such word: the passage's years as before
        ("上半年营收为41.2亿元。", {("2023", None)}, "2024-08-30", {("2023", "H1")}),
        # no date: the passage's years as before
        ("公司今年上半年营收为41.2亿元。", {("2023", None)}, "", {("2023", "H1")}),
    ],
)
def test_this_year_is_the_documents_year(sentence, passage, dated, expected):
    assert sentence_periods(sentence, set(), set(), passage, False, dated) == expected


@pytest.mark.parametrize(
    ("sentence", "context", "expected"),
    [
        # the same period a year before, with its figure: that period's figure too
        ("上半年净息差1.62%（上年同期为1.75%）。", {("2025", "H1")}, {("2025", "H1"), ("2024", "H1")}),
        ("第三季度单车售价为14.1万元，去年同期的15.0万元。", {("2025", "Q3")}, {("2025", "Q3"), ("2024", "Q3")}),
        # a change against it gives no figure of that period
        ("上半年净息差1.62%，较去年同期下降13个基点。", {("2025", "H1")}, {("2025", "H1")}),
    ],
)
def test_a_figure_of_the_same_period_a_year_before(sentence, context, expected):
    assert sentence_periods(sentence, set(), context, set(), True) == expected


@pytest.mark.parametrize(
    ("sentence", "periods_left"),
    [
        ("全年收入132.6亿元，较2024年的122.6亿元增长8.2%。", set()),
        ("年内总收入170.4亿元，同比增长15.4%（2023年为147.7亿元）。", set()),
        ("第三季度毛利率40.1%，较第二季度提高0.6个百分点。", {"Q3"}),
        ("上半年净亏损3亿元，而2024年同期净亏损5亿元。", {"H1"}),
        ("与2024年相比，2025年收入增长12%。", {"2025"}),
        ("2025年上半年与下半年收入分别为64.3亿元和68.3亿元。", {"2025", "H1", "H2"}),  # two periods reported, none compared
    ],
)
def test_periods_named_only_to_compare_are_not_the_sentences(sentence, periods_left):
    own = own_text(sentence)
    assert {y for y, _ in periods(own) if y} | {q for q in qualifiers(own) if q} == periods_left


ARTICLE = (
    "**交付。** 云知声第二季度交付新车111,074辆，较第一季度的92,864辆环比改善。\n\n"
    "**利润。** 毛利率为20.1%；车辆毛利率为19.4%。经营利润为8.27亿元，同比增长76.7%。\n\n"
    "**指引。** 公司预计第三季度交付90,000至95,000辆。"
)
TITLE = "云知声第二季度收入302亿元，第三季度交付指引下滑"


def _idf(term: str) -> float:
    return 1.0 if term in normalize(ARTICLE + TITLE) else 5.0


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("云知声第二季度经营利润是多少？", "8.27亿"),  # tied to Q2 by the headline only
        ("云知声第二季度交付了多少辆车？", "111,074"),  # its own bare quarter
        ("云知声第三季度经营利润是多少？", None),  # the headline's quarter is Q2: no Q3 figure
    ],
)
def test_quarter_questions_on_an_article_about_one_quarter(question, answer):
    chunk = Chunk(id="x:1", doc_id="x", title=TITLE, text=ARTICLE, headings=[TITLE])
    cands, _ = score_candidates(question, [Passage(chunk=chunk, score=1.0)], load_glossary(), _idf)
    top = [c for c in cands if c.figures]
    if answer is None:
        assert not any("8.27" in c.text for c in top)
    else:
        assert top
        assert answer in top[0].text


def test_bold_lead_ins_are_no_part_of_a_sentence():
    shown = [s for _, s, _, _ in passage_sentences(ARTICLE)]
    assert "云知声第二季度交付新车111,074辆，较第一季度的92,864辆环比改善。" in shown
    assert not any("*" in s for s in shown)


@pytest.mark.parametrize(
    ("sentence", "months_left"),
    [
        ("10月份单票收入2.08元，环比9月提高0.03元。", {(None, "M10")}),  # 环比9月: the base compared with
        ("9月份业务量23.48亿票，较8月增长3%。", {(None, "M09")}),
        ("7月和8月业务量分别为21.36亿票和22.05亿票。", {(None, "M07"), (None, "M08")}),  # both reported
        ("截至9月30日止九个月收入12亿元。", set()),  # a day: no month compared (and none reported as a month)
    ],
)
def test_a_month_named_only_to_compare_is_not_the_sentences(sentence, months_left):
    assert {p for p in periods(own_text(sentence)) if (p[1] or "").startswith("M")} == months_left


@pytest.mark.parametrize(
    ("sentence", "stated", "context", "dated", "expected"),
    [
        # a plain year after the document's date ("手持订单排至2028年" in its heading) is no year of its results
        ("前三季度综合毛利率为15.8%。", set(), {("2028", None)}, "2025-10-28", {("2025", "Q1-3")}),
        # no year named: the document's year, and the year before too for a period not ended on that date
        ("前三季度综合毛利率为15.8%。", set(), {(None, "Q1-3")}, "2025-10-28", {("2025", "Q1-3")}),
        ("第四季度收入21亿元。", set(), {(None, "Q4")}, "2026-01-15", {("2026", "Q4"), ("2025", "Q4")}),
        # a year with its own quarter after the date may be a fiscal year's ("2026财年第二季度" in 2025-10): kept
        ("第二季度同店销售增5.7%。", set(), {("2026", "Q2")}, "2025-10-16", {("2026", "Q2")}),
        # a period carried from the sentence before gives its year, not its quarter, to a sentence naming its own
        ("前三季度公司实现营业收入312.4亿元。", {("2025", "Q3")}, set(), "2025-10-28", {("2025", "Q1-3")}),
        ("前三季度公司实现营业收入312.4亿元。", {("2025", "Q3")}, set(), "", {("2025", "Q1-3")}),
        # no date: the context's years, any
        ("前三季度综合毛利率为15.8%。", set(), {("2028", None)}, "", {("2028", "Q1-3")}),
    ],
)
def test_a_period_without_its_year_in_a_dated_document(sentence, stated, context, dated, expected):
    assert sentence_periods(sentence, stated, context, set(), False, dated) == expected
