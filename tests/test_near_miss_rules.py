"""Table-driven tests of the rules that keep a near-miss from being answered with a
neighbouring figure: the region, tier or channel asked (config/evidence.toml [scope]
segment_words), the periods a passage names only to compare, an English "quarter to
<month>", and an English "what was <figure> in <period>" asking an amount."""

from __future__ import annotations

import pytest

from chatbot.evidence import analyse_question, score_candidates
from chatbot.evidence_config import evidence_config
from chatbot.glossary import load_glossary
from chatbot.metric_scope import asked_regions, asked_segments, names_segment
from chatbot.models import Chunk, Passage
from chatbot.text import english_months, normalize

SEGMENTS = evidence_config()["scope"]["segment_words"]

# a half-year's results (with last year's half as a comparison), a quarter's regional figures with
# a table of one region by quarter, and a list of a quarter's totals beside a table of product tiers
ARTICLES = {
    "half": ("甲公司截至2025年6月30日止六个月中期业绩", "甲公司截至2025年6月30日止六个月中期业绩",
             "- 收入约人民币52.36亿元，较2024年同期的44.22亿元增长18.4%。\n"
             "- 毛利11.36亿元，毛利率21.7%。"),
    "region": ("甲公司第二季度营运数据", "甲公司第二季度营运数据",
               "港澳市场同店销售同比增长8.3%。内地市场同店销售同比增长5.7%。\n\n"
               "| 季度 | 内地同店销售同比 |\n|---|---|\n| 第一季度 | +1.9% |\n| 第二季度 | +5.7% |"),
    "areas": ("甲公司中期业绩", "甲公司中期业绩",
              "按地区划分，华北地区收入3.15亿元，占集团收入的41%。西北大区门店增至120家。"),
    "products": ("云知声产品结构", "云知声产品结构",
                 "| 产品 | 收入（亿元） | 占比 | 毛利率 |\n|---|---|---|---|\n| 啤酒 | 8.20 | 80% | 24.5% |\n"
                 "| 饮料 | 2.10 | 20% | — |\n| 合计 | 10.30 | 100% | 22.1% |"),
    "titled": ("云知声前九个月设备销量增长 平均售价下滑", "经营数据",
               "前九个月设备平均售价约为126元，同比下降9.4%。第三季度收入约5.6亿元，同比增长3%。"),
    "tier": ("甲公司三季报", "甲公司三季报",
             "- 第三季度单季：营业收入19.2亿元，同比下降8.6%。\n\n"
             "| 产品档次 | 前三季度收入（亿元） | 同比变动 |\n|---|---|---|\n| 高端 | 41.5 | +9.8% |\n| 中端 | 20.6 | +2.7% |"),
}


def _idf(term: str) -> float:
    if term in ("收入", "营业收入", "营收"):
        return 0.5
    text = normalize("".join(t + h + a for t, h, a in ARTICLES.values()))
    return 3.0 if term in text else 5.0


def _answers(question: str, article: str) -> list[str]:
    title, heading, text = ARTICLES[article]
    chunk = Chunk(id=f"{article}:1", doc_id=article, title=title, text=text, headings=[title, heading])
    cands, _ = score_candidates(question, [Passage(chunk=chunk, score=1.0)], load_glossary(), _idf)
    return [c.text for c in cands]


@pytest.mark.parametrize(
    ("question", "names", "segments"),
    [
        ("金璟珠宝2026财年第一季度港澳同店销售增长多少？", [], [["港澳", "香港及澳门", "香港和澳门"]]),
        ("陇窖酒业第三季度高端产品收入是多少？", [], [["高端"]]),
        ("What was the mainland same-store sales growth?", [], [["内地", "中国内地", "大陆", "mainland"]]),
        ("What were the premiums written?", [], []),  # no segment word
        ("Online sales in 2025?", [], [["线上", "在线", "online"]]),  # (the English word as the question writes it)
        ("What was the online marketing revenue?", ["online marketing"], []),  # a term that holds the word
        ("中国海外发展上半年收入是多少？", ["中国海外发展"], []),  # a company's name names no region
        ("上半年收入是多少？", [], []),
    ],
)
def test_asked_segments(question, names, segments):
    assert asked_segments(question, SEGMENTS, names) == segments


@pytest.mark.parametrize(
    ("question", "regions"),
    [
        ("甲公司上半年华南地区的收入是多少？", [["华南地区", "华南"]]),
        ("乙公司西南大区有多少家门店？", [["西南大区", "西南"]]),
        ("长三角区域销量多少？", [["长三角区域", "长三角"]]),
        ("其他地区收入是多少？", []),  # no region picked out
        ("各地区收入分别是多少？", []),
        ("按地区划分的收入是多少？", []),
    ],
)
def test_asked_regions(question, regions):
    cfg = evidence_config()["scope"]
    assert asked_regions(question, cfg["region_suffixes"], cfg["region_pos"]) == regions


@pytest.mark.parametrize(
    ("text", "forms", "named"),
    [("港澳市场同店销售同比增长8.3%", ["港澳"], True), ("内地同店销售同比+1.9%", ["港澳"], False)],
)
def test_names_segment(text, forms, named):
    assert names_segment(text, forms) is named


@pytest.mark.parametrize(
    ("question", "article", "found", "not_found"),
    [
        # the region asked: another region's figure (its table column's) is no answer
        ("甲公司第一季度港澳同店销售增长多少？", "region", [], ["1.9%"]),
        ("甲公司第一季度内地同店销售增长多少？", "region", ["1.9%"], []),
        # the tier asked: the company's total for the quarter is no answer, the tier's row is
        ("甲公司第三季度高端产品收入是多少？", "tier", [], ["19.2亿"]),
        # (产品 of 高端产品: the table's header 产品档次 supplies it to the row "高端")
        ("甲公司前三季度高端产品收入是多少？", "tier", ["41.5"], ["20.6"]),
        # a region written with a region suffix: only a sentence naming that region answers
        ("甲公司上半年华中地区收入是多少？", "areas", [], ["3.15"]),
        ("甲公司上半年华北地区收入是多少？", "areas", ["3.15"], []),
        ("甲公司华北区域的收入有多少？", "areas", ["3.15"], []),
        # a product asked: the other rows of its table are no answer, nor a row whose cell is a dash
        ("云知声饮料的毛利率是多少？", "products", [], ["24.5%", "22.1%"]),
        ("云知声啤酒的毛利率是多少？", "products", ["24.5%"], ["22.1%"]),
        ("云知声饮料收入是多少亿元？", "products", ["2.10"], ["8.20"]),
        # the title names the item asked, a sentence under it another figure of the period: no answer
        ("What was Unisound's average selling price in Q3?", "titled", [], ["5.6亿"]),
        # a year named only to compare (last year's half) is no period the passage reports
        ("甲公司2024年收入是多少？", "half", [], ["52.36"]),
        ("甲公司上半年收入是多少？", "half", ["52.36"], []),
    ],
)
def test_no_neighbouring_figure(question, article, found, not_found):
    answers = " ".join(_answers(question, article))
    assert all(f in answers for f in found), answers
    assert not any(f in answers for f in not_found), answers


@pytest.mark.parametrize(
    ("text", "chinese"),
    [
        ("in the quarter to September 2024?", "in 2024年第三季度?"),
        ("the quarter ended June", "第二季度"),
        ("the nine months to September 2025", "2025年前三季度"),  # unchanged
    ],
)
def test_a_quarter_to_a_month(text, chinese):
    assert english_months(text) == chinese


@pytest.mark.parametrize(
    ("question", "amount"),
    [
        ("What was the company's revenue in 2024?", True),  # a metric of a period
        ("What was the company's revenue?", False),  # no period: may ask a description
        ("What was the company's stock code in 2024?", False),  # an identifier
        ("When was the company listed in 2025?", False),
        ("甲公司2024年收入是多少？", True),
    ],
)
def test_an_english_what_was_of_a_period_asks_an_amount(question, amount):
    assert analyse_question(question, load_glossary(), _idf).amount is amount


@pytest.mark.parametrize(
    ("name", "text", "forms"),
    [
        # the text's own short form: the leading part it uses on its own
        ("黛研美妆", "以彩妆起家的黛研美妆收入仅个位数增长。同期黛研收入24.1亿元。黛研管理层则坦言…", ["黛研"]),
        ("凯沃电器", "凯沃电器公布三季报。凯沃第三季度收入增长。凯沃表示…", ["凯沃"]),
        ("黛研美妆", "黛研美妆收入24.1亿元。黛研美妆净利润2.93亿元。", []),  # never used alone
        ("北京银行", "北京银行公布中报。北京地区贷款增长。北京分行…", []),  # a common word ("北京") is no short form
        ("现制茶饮连锁", "现制茶饮连锁茶屿。现制果茶和现制咖啡…", []),  # the start of a dictionary word
        # a rare word of the dictionary (a place: 北岭, frequency 7) the text uses alone is the short form
        ("北岭啤酒", "北岭啤酒公布中报。北岭上半年新开发经销商312家。北岭2024年收入128.6亿元。", ["北岭"]),
        ("北方啤酒", "北方啤酒公布中报。北方地区销量增长。北方市场…", []),  # a common word (北方, 3850) is not
    ],
)
def test_a_leading_part_the_text_uses_alone_is_a_short_form(name, text, forms):
    from chatbot.names import head_forms, load_rules

    assert head_forms(name, text, load_rules()) == forms


@pytest.mark.parametrize(
    ("sentence", "title", "ok"),
    [
        ("同期黛研收入24.1亿元。", "国货美妆半年报", True),  # the sentence names the asked name
        ("截至6月30日止六个月，澜肌收入28.6亿元。", "国货美妆半年报", False),  # another company's figure
        ("上半年收入24.1亿元。", "黛研上半年收入增8.7%", True),  # none named, in the asked name's document
        ("上半年收入24.1亿元。", "国货美妆半年报", False),  # none named, nor in the title: whose?
    ],
)
def test_an_operand_of_a_name_the_catalogue_does_not_know(sentence, title, ok):
    """A derived figure of a company asked by a name the catalogue does not know ("黛研"): its
    operands are the figures of sentences naming it, never another company's."""
    from dataclasses import replace
    from types import SimpleNamespace

    from chatbot.compose.figures import _entity_ok
    from chatbot.compute import Fact

    g = load_glossary()
    g = replace(g, aliases={**g.aliases, "澜肌": "澜肌"}, companies={*g.companies, "澜肌"}, doc_subjects={})
    passage = Passage(chunk=Chunk(id="d:1", doc_id="d", title=title, text=sentence, headings=[]), score=1.0)
    fact = Fact(24.1, 24.1, "亿", "CNY", ("24.1亿", "24.1亿"), sentence, set(), sentence, 0)
    ctx = SimpleNamespace(glossary=g, spec=SimpleNamespace(names=["黛研"]))
    assert _entity_ok(ctx, [passage])(fact, None) is ok


@pytest.mark.parametrize(
    ("sentence", "forecast"),
    [
        ("乙公司预计2025年第三季度交易量为8.8万至9.2万辆", True),
        ("管理层预期，第四季度收入将达到12亿元", True),  # the forecast word in a clause before the figure
        ("上半年收入12亿元，预计全年增长10%", False),  # a reported figure beside a forecast
        ("第三季度交易量9.1万辆", False),
    ],
)
def test_forecast_only(sentence, forecast):
    from chatbot.evidence import forecast_only

    assert forecast_only(sentence) is forecast


@pytest.mark.parametrize(
    ("periods", "date", "before"),
    [
        ({("2025", "Q3")}, "2025-08-26", True),  # a forecast of a quarter not yet over
        ({("2025", "Q3")}, "2025-10-15", False),  # after it: a preliminary result (a profit alert)
        ({(None, "H1")}, "2025-05-10", True),  # no year: the document's
        ({("2025", None)}, "2026-01-28", False),
        ({("2025", "M10")}, "2025-09-30", True),
        ({("2025", "Q3")}, "", False),  # no date: no claim
    ],
)
def test_before_period_end(periods, date, before):
    from chatbot.evidence import before_period_end

    assert before_period_end(periods, date) is before


@pytest.mark.parametrize(
    ("row", "grows"),
    [
        ("乙公司:上半年收入38.6亿元;同比增速+8.4%;境外收入占比36%", False),  # a share beside the total's growth
        ("乙公司:上半年收入38.6亿元;境外收入同比增长12%", True),
        ("境外:收入3.2亿元;同比+12%", True),  # the segment's own row
        ("乙公司:上半年收入38.6亿元;同比增速+8.4%", True),  # no cell names it: left to the other rules
    ],
)
def test_a_segment_growth_in_a_row(row, grows):
    from chatbot.evidence import segment_growth_in_row

    assert segment_growth_in_row(row, [["海外", "境外"]]) is grows


@pytest.mark.parametrize(
    ("names", "required"),
    [
        # a name the catalogue does not know weighs as one word: the item asked carries the question
        (["lumenbrightoptics"], ["产能"]),
        # its words counted one by one outweigh the item asked: nothing is held required
        ([], []),
    ],
)
def test_a_names_words_weigh_as_one(names, required):
    from chatbot.evidence import TermGroup, required_groups

    groups = [TermGroup(["lumen"], 4.5), TermGroup(["bright"], 4.5), TermGroup(["optics"], 4.5),
              TermGroup(["产能", "容量"], 3.2, kind="term"), TermGroup(["同比"], 1.3, kind="term")]
    assert [g.alternatives[0] for g in required_groups(groups, names)] == required


@pytest.mark.parametrize(
    ("text", "header"),
    [
        # a caption row over the column names: both are the header, the data rows are not
        ("说明\n| 乙公司经营数据 |  |\n|---|---|\n| 月份 | 单票收入（元） |\n|---|---|\n| 9月 | 2.05 |\n| 10月 | 2.08 |",
         "| 乙公司经营数据 |  |\n|---|---|\n| 月份 | 单票收入（元） |\n|---|---|"),
        ("| 产品 | 毛利率 |\n|---|---|\n| 啤酒 | 24.5% |\n| 饮料 | — |", "| 产品 | 毛利率 |\n|---|---|"),
        ("| 产品 | 毛利率 |\n|---|---|\n| 啤酒 | 24.5% |", "| 产品 | 毛利率 |\n|---|---|"),
        ("没有表格", ""),
    ],
)
def test_table_header(text, header):
    from chatbot.table_cells import table_header

    assert table_header(text) == header

