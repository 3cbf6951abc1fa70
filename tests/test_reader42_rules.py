"""Session 42's reader rules, table by table (from dev-42's reader misses): a company asked for its own view, a cause
its best passage gives, an article's "均为虚构" disclaimer line."""

from __future__ import annotations

import pytest

# --- an article's disclaimer line is no point of it --------------------------------------------------------------------


@pytest.mark.parametrize(("line", "note"), [
    ("本文为测试用合成稿件,文中公司及所有数字均为虚构示意。", True),
    ("本文为合成示例，所有数字仅作说明用途。", True),
    ("All figures in this article are illustrative.", True),
    ("公司强调,节目使用扑克并非付费植入,相关销售增长未必可持续。", False),
])
def test_a_disclaimer_line_is_no_point(line, note):
    from chatbot.compose.sections import _NOTE

    assert bool(_NOTE.match(line)) is note


# --- what someone thinks a thing brings: a conclusion ----------------------------------------------------------------


@pytest.mark.parametrize(("question", "intent"), [
    ("濉蒜农业认为开通巴西直航最终能带来什么好处？", "conclusion"),  # its view of what the route brings
    ("管理层认为新产线会带来哪些影响？", "conclusion"),
    ("为什么濉蒜农业认为直航有好处？", "why"),  # why it thinks so
    ("濉蒜农业2025年大蒜销量是多少？", "lookup"),
])
def test_what_someone_thinks_a_thing_brings_is_a_conclusion(question, intent):
    from chatbot.intent import question_intent

    assert question_intent(question, question).name == intent


# --- a company asked for its own view -------------------------------------------------------------------------------


@pytest.mark.parametrize(("question", "own"), [
    ("琰牌控股怎么看春晚带来的销量增长？它的结论是什么？", True),  # the company's view: its statements
    ("濉蒜农业认为开通巴西直航最终能带来什么好处？", True),
    ("文章怎么看琰牌控股春晚带来的销量增长？", False),  # the article's view
    ("琰牌控股2025年收入是多少？", False),
])
def test_a_company_asked_for_its_own_view(question, own):
    from types import SimpleNamespace

    from chatbot.compose.sections import _asks_company_view
    from chatbot.glossary import Glossary

    aliases = {"琰牌控股": "琰牌控股", "濉蒜农业": "濉蒜农业"}
    ctx = SimpleNamespace(question=question, glossary=Glossary(aliases=aliases, companies=set(aliases.values())))
    assert _asks_company_view(ctx) is own


# --- a sentence going on about the thing the sentence before it named -------------------------------------------------

_FAN = ("- 箑风扇艺3月9日公告,旗下竹骨折扇“清风十八骨”获得红点设计奖产品设计类奖项,为公司首次获得该奖。\n"
        "- 该款折扇零售价每把268元,2025年销量约4.6万把。\n- 公司表示将继续投入设计。")


@pytest.mark.parametrize(("raw", "before"), [
    ("该款折扇零售价每把268元,2025年销量约4.6万把。", "箑风扇艺3月9日公告,旗下竹骨折扇“清风十八骨”获得红点设计奖产品设计类奖项,为公司首次获得该奖。"),
    ("公司表示将继续投入设计。", ""),  # no pointer back
])
def test_a_look_up_sentence_pointing_back_brings_the_one_before(raw, before):
    from chatbot.compose.base import _referent_before

    assert _referent_before(raw, _FAN) == before


def test_a_definition_goes_on_with_the_sentence_about_the_thing_it_named():
    from chatbot.compose.base import Entry
    from chatbot.compose.neutral import _with_continuations
    from chatbot.models import Chunk

    chunk = Chunk(id="x:1", doc_id="x", title="箑风扇艺公告", text=_FAN, headings=["箑风扇艺公告"])
    first = "箑风扇艺3月9日公告,旗下竹骨折扇“清风十八骨”获得红点设计奖产品设计类奖项,为公司首次获得该奖"
    out = _with_continuations([Entry(first, [chunk], [first + "。"])])
    assert [e.text for e in out] == [first, "该款折扇零售价每把268元,2025年销量约4.6万把"]


@pytest.mark.parametrize(("question", "intent"), [
    ("箑风扇艺说的“清风十八骨”是什么产品？", "definition"),  # a quoted name: what it is
    ("箑风扇艺生产什么产品？", "lookup"),
])
def test_a_quoted_names_product_asked_is_a_definition(question, intent):
    from chatbot.intent import question_intent

    assert question_intent(question, question).name == intent


@pytest.mark.parametrize(("text", "room", "fitted"), [
    ("The company sold about 142 million jars and bought 38,600 tonnes of soybeans, at RMB 4.62 per kg.", 80,
     "The company sold about 142 million jars and bought 38,600 tonnes of soybeans."),  # no cut inside 38,600
    ("收入约9.46亿元,同比增长14.2%;股东应占溢利约17,380万元,同比增长21.6%。", 20, "收入约9.46亿元,同比增长14.2%。"),
])
def test_a_point_is_cut_at_a_clause_not_inside_a_number(text, room, fitted):
    from chatbot.compose.sections import _fit

    assert _fit(text, room) == fitted
