"""Session 13 (issue 12): the document structure a summary, a how and a comparison read, table-driven — a plain-text
filing's numbered heading lines open sections, a bold paragraph opening is no list item, a news lede's figures after
its dateline are a point, and two things of one company are compared by the table rows the question names."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from chatbot.compose.neutral import _named_rows
from chatbot.compose.sections import _news_keys, _summary_points
from chatbot.glossary import Glossary
from chatbot.models import Chunk, Passage
from chatbot.structure import build_structure

FILING = "\n\n".join(["康泓医疗集团中期业绩公告摘要", "一、财务摘要", "本集团收入为人民币21.36亿元，较去年同期增长11.4%。",
                      "三、并购及扩张", "期内本集团完成收购湖南省一家三级综合医院。", "收购完成后，本集团旗下医院共计31家。",
                      "（二）风险因素", "医保控费可能压低药品收入。"])


@pytest.mark.parametrize(("text", "paths"), [
    # numbered heading lines: each opens a section under the document (no Markdown heading above them); the lede
    # before them has none
    (FILING, [[], ["报告", "一、财务摘要"], ["报告", "三、并购及扩张"], ["报告", "（二）风险因素"]]),
    # a numbered sentence is no heading (it ends as a sentence, or is too long)
    ("一、公司收入增长11.4%，利润增长15.3%。\n\n二、董事会宣派中期股息。", [[]]),
])
def test_numbered_heading_lines_open_sections(text, paths):
    chunk = Chunk(id="d:1", doc_id="d", text=text, title="报告")
    doc = build_structure([chunk])["d"]
    assert [p for p, _ in doc.sections()] == paths


@pytest.mark.parametrize(("line", "kind"), [
    ("**出租率触底回升。** 公司高空作业平台的平均出租率为74.5%。", "para"),  # bold opening: a paragraph
    ("* 出租率触底回升", "list"),
    ("- 价格仍在下行", "list"),
    ("1、海外收入高增长", "list"),
])
def test_a_bold_opening_is_no_list_item(line, kind):
    chunk = Chunk(id="d:1", doc_id="d", text=line, title="文章")
    assert build_structure([chunk])["d"].blocks[0].kind == kind


@pytest.mark.parametrize(("paragraph", "points"), [
    # a lede's dateline, then the headline's figures: both, the figures flagged as filling the room left
    ("【快讯】江海重工发布第三季度报告。今年前三季度，公司营业收入312.4亿元；净利润21.7亿元，同比增长64.2%。交付船舶41艘。",
     [("【快讯】江海重工发布第三季度报告。", False), ("今年前三季度，公司营业收入312.4亿元；净利润21.7亿元，同比增长64.2%。", True)]),
    # the second business the headline names ("正畸业务承压"), after the first one's sentence
    ("按业务划分，种植牙收入2.71亿元，同比增长21.3%。正畸收入为1.64亿元，同比下降4.2%。综合治疗收入3.48亿元。",
     [("按业务划分，种植牙收入2.71亿元，同比增长21.3%。", False), ("正畸收入为1.64亿元，同比下降4.2%。", True)]),
])
def test_later_sentences_that_state_the_headline(paragraph, points):
    chunk = Chunk(id="d:1", doc_id="d", text=paragraph, title="江海重工前三季度净利润21.7亿元", headings=["江海重工净利增64%，种植牙量增、正畸业务承压"])
    doc = build_structure([chunk])["d"]
    got = _summary_points(doc.blocks, 160, _news_keys(doc))
    assert [(t, later) for t, _, _, later in got] == points


TABLE = "订单分季度：\n\n| 季度 | 新签艘数 | 合同金额（亿美元） |\n|---|---|---|\n| 一季度 | 22 | 24.1 |\n| 二季度 | 19 | 20.3 |\n| 三季度 | 17 | 17.1 |"


@pytest.mark.parametrize(("question", "rows"), [
    ("江海重工一季度和三季度的新签订单比一比。", ["一季度", "三季度"]),
    ("江海重工二季度和三季度相比怎么样？", ["二季度", "三季度"]),
    ("江海重工三季度的新签订单有多少？", []),  # one thing named: no side by side
    ("江海重工一季和三季的订单比一比。", ["一季度", "三季度"]),  # each thing joined inside one row's head
    ("江海重工的订单和交付比一比。", []),  # things joined that head no row
])
def test_two_things_of_one_company_are_compared_by_their_rows(question, rows):
    chunk = Chunk(id="d:1", doc_id="d", text=TABLE, title="江海重工前三季度业绩")
    glossary = Glossary(aliases={"江海重工": "江海重工"}, companies={"江海重工"})
    ctx = SimpleNamespace(question=question, structure=build_structure([chunk]), passages=[Passage(chunk=chunk)],
                          glossary=glossary, idf=lambda w: 9.0 if w == "\uffff" else 1.0)
    assert [e.text.split(":")[0] for e in _named_rows(ctx, ["江海重工"])] == rows


@pytest.mark.parametrize(("question", "items"), [
    ("沃丰农化的复合肥和新型肥料销量哪个增长更快？", ["复合肥", "新型"]),
    ("瑞齿口腔的种植牙和正畸哪块业务增长更好？", ["种植牙", "正畸"]),  # a one-character word joined to the one before
    ("两家公司哪个增长更快？", []),  # nothing joined
])
def test_the_two_things_a_comparison_joins(question, items):
    from chatbot.compose.neutral import compared_items

    assert compared_items(question) == items


@pytest.mark.parametrize(("sentence", "strict", "split"), [
    # a downside conceded, then the upside: the other way round
    ("后续新签订单价格可能不及前两年，但在手订单足以支撑未来两到三年的收入与利润。", True,
     ("在手订单足以支撑未来两到三年的收入与利润。", "后续新签订单价格可能不及前两年")),
    ("这给了公司缓冲，但每次配售都会稀释老股东。", False, ("这给了公司缓冲", "每次配售都会稀释老股东。")),
    ("这给了公司缓冲，但每次配售都会稀释老股东。", True, None),  # strict: the first part takes no side
    ("收入增长了，但投资者仍需关注以下风险：", False, None),  # announces a list
    ("收入增长12%。", False, None),
])
def test_a_hedged_sentence_is_split_by_its_stance(sentence, strict, split):
    from chatbot.compose.sections import _hedge_split

    assert _hedge_split(sentence, strict=strict) == split
