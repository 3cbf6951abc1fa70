"""Session 43's reader rules, table by table: a calculation asked in words ("算一下", "calculate") is a derived figure
and asks a figure (so its period holds: a year the sources do not give is refused, not answered with a half's figure);
the latest figure of a kind read from its section heading's period and the day it ends."""

from __future__ import annotations

import pytest

from chatbot.glossary import Glossary
from chatbot.models import Chunk


@pytest.mark.parametrize(("question", "intent"), [
    ("用商汤2025年全年的收入和毛利算一下全年毛利率。", "derived"),
    ("Calculate SenseTime's gross margin for the first half of 2025 from its revenue and gross profit.", "derived"),
    ("帮我算算智谱的市销率", "derived"),
    ("商汤2025年上半年的毛利率是多少？", "lookup"),
    ("简单说说杷溪农业这次签的枇杷价格指数保险。", "summary"),  # "briefly tell me about": a summary
    ("大致介绍一下琤算教育的公告", "summary"),
    ("What looks good and what looks weak in Chengsuan Education's FY2025 numbers?", "pros_cons"),
])
def test_a_calculation_asked_in_words_is_a_derived_figure(question, intent):
    from chatbot.intent import question_intent

    assert question_intent(question, question).name == intent


@pytest.mark.parametrize(("question", "asks"), [
    ("用商汤2025年全年的收入和毛利算一下全年毛利率。", True),  # no 多少: a figure all the same
    ("Work out SenseTime's gross margin for 2025.", True),
    ("商汤的业务结构怎么样", False),
])
def test_a_calculation_asks_a_figure(question, asks):
    from chatbot.evidence import analyse_question
    from chatbot.glossary import load_glossary

    assert analyse_question(question, load_glossary(), lambda w: 5.0).wants_figure is asks


def _chunk(heading: str) -> Chunk:
    return Chunk(id="c", doc_id="d", text="收入1.24亿元,同比增长5.6%。", title="琤算教育公告", headings=["琤算教育公告", heading],
                 date="2026-02-25")


@pytest.mark.parametrize(("heading", "sentence", "end"), [
    ("2026财年第一季度(截至2025年11月30日止三个月)", "收入1.24亿元,同比增长5.6%。", "2025-11-30"),  # the day it ends
    ("First quarter of FY2026 (three months ended 30 November 2025)", "Revenue was RMB124 million.", "2025-11-30"),
    ("2026财年第一季度(截至2025年11月30日止三个月)", "2025年9月新招学员2.26万名", ""),  # its own period: not the heading's
    ("2025财年业绩(截至2025年8月31日止年度)", "收入4.58亿元", ""),  # a year: no quarter
])
def test_a_sentences_quarter_from_its_section_heading(heading, sentence, end):
    from chatbot.compose.figures import _section_end, period_kind

    kind = period_kind("最近一个季度收入多少")
    assert kind is not None
    assert _section_end(_chunk(heading), sentence, kind) == end


# --- a plain-text article's short lines of their own are its section headings ------------------------------------------


@pytest.mark.parametrize(("text", "headings"), [
    ("标题行\n\n事件\n公司签约。\n\n2025财年业绩(截至2025年3月31日止年度)\n收入3.94亿元。\n\n分析师视角\n有助于建立壁垒。",
     ["事件", "2025财年业绩(截至2025年3月31日止年度)", "分析师视角"]),
    ("标题行\n\n收入3.94亿元。\n毛利率52.3%。", []),  # no short line of its own before text
    ("## 事件\n公司签约。\n\n分析师视角\n有助于建立壁垒。", ["事件"]),  # headings marked already: left as they are
    ("标题行\n\n注:本文为合成报道,数据均为虚构。\n下一行", []),  # a sentence ends: no heading
    ("标题行\n\n- 列表项\n正文", []),  # a list item
])
def test_a_plain_text_articles_section_headings(text, headings):
    from ingest.loaders import bare_headings

    out = bare_headings(text, 48)
    assert [ln[3:] for ln in out.split("\n") if ln.startswith("## ")] == headings


@pytest.mark.parametrize(("heading", "view"), [
    ("分析师视角", True), ("四、市场观点", True), ("点评", True), ("Analyst view", True),
    ("2025财年业绩", False), ("其他", False), ("事件", False),
])
def test_a_last_section_headed_as_the_articles_view(heading, view):
    import re

    from chatbot.compose.sections import _NUMBERING, _cfg

    assert bool(re.search(_cfg()["view_heading"], _NUMBERING.sub("", heading).strip(), re.I)) is view


# --- a follow-up's "它", "那家公司", "that supplier" after a question asking who -------------------------------------


@pytest.mark.parametrize(("asked", "answer", "company"), [
    ("谁赞助了琤算教育颁奖晚宴的糕点?", "颁奖晚宴的桂花糕点由樨邨食品赞助 [1]。", "樨邨食品"),  # who: the answer's company
    ("Who supplies the ginger tea at Cuevale's ceremony?", "The ginger tea was supplied by 姜埂农业 [1].", "姜埂农业"),
    ("琤算教育2025财年收入多少？", "收入4.58亿元；晚宴糕点由樨邨食品赞助 [1]。", "琤算教育"),  # a figure asked: the asked company's
])
def test_the_company_a_who_question_was_answered_with(asked, answer, company):
    from chatbot.followup import last_entity

    glossary = Glossary(aliases={"樨邨食品": "樨邨食品", "姜埂农业": "姜埂农业", "琤算教育": "琤算教育", "cuevale": "枭桌体育"},
                        companies={"樨邨食品", "姜埂农业", "琤算教育", "枭桌体育"})
    history = [{"role": "user", "content": asked}, {"role": "assistant", "content": answer}]
    assert last_entity(history, glossary) == company


@pytest.mark.parametrize(("question", "standalone"), [
    ("What was that supplier's revenue in 2025?", "What was 姜埂农业's revenue in 2025?"),
    ("那家公司2025年的收入是多少？", "姜埂农业2025年的收入是多少？"),
])
def test_a_pointer_to_the_company_is_resolved(question, standalone):
    from chatbot.followup import resolve_followup

    glossary = Glossary(aliases={"姜埂农业": "姜埂农业", "cuevale": "枭桌体育"}, companies={"姜埂农业", "枭桌体育"})
    history = [{"role": "user", "content": "Who supplies the ginger tea at Cuevale's ceremony?"},
               {"role": "assistant", "content": "The ginger tea was supplied by 姜埂农业 [1]."}]
    assert resolve_followup(question, history, glossary) == standalone

