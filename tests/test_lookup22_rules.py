"""Table-driven tests of the session-22 rules (dev-22's failures, by class): articles in traditional Chinese,
amounts said in words (a call transcript), and the figure of
a metric or part named in a clause that states none."""

from __future__ import annotations

import pytest

from test_lookup20_rules import _sentences  # (one passage scored with the real glossary)

# --- traditional Chinese -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected", "converted"), [
    ("浚港航運全年純利增24.6%至2.137億港元，客運量1,286萬人次。", "浚港航运全年纯利增24.6%至2.137亿港元，客运量1,286万人次。", True),
    # a simplified article with a traditional-looking name keeps it (one character in fifty)
    ("昇航科技以汽车电子为主，收入增长，毛利率回升，公司继续扩产，海外订单增加，管理层维持全年指引不变。",
     "昇航科技以汽车电子为主，收入增长，毛利率回升，公司继续扩产，海外订单增加，管理层维持全年指引不变。", False),
    ("Revenue rose 12% to HK$1.8bn.", "Revenue rose 12% to HK$1.8bn.", False),
])
def test_a_document_in_traditional_characters_is_read_in_simplified_ones(text, expected, converted):
    from chatbot.script import document_as_simplified

    assert document_as_simplified(text, 0.1) == (expected, converted)


@pytest.mark.parametrize(("question", "written", "read"), [
    ("What capex budget has 浚港航運 set for 2026?", "", "What capex budget has 浚港航运 set for 2026?"),
    ("浚港航運的股東應佔溢利是多少？", "", "浚港航运的股东应占溢利是多少？"),
    # the documents write the character as it is: a name, not a traditional spelling
    ("昇航科技的收入是多少？", "昇", "昇航科技的收入是多少？"),
    ("云知声的收入是多少？", "", "云知声的收入是多少？"),
])
def test_a_questions_traditional_characters_are_read_as_the_documents_write_them(question, written, read):
    from chatbot.script import question_as_simplified

    assert question_as_simplified(question, lambda ch: ch in written) == read


def test_ingest_indexes_a_traditional_article_in_simplified_characters(tmp_path):
    from chatbot.config import Settings
    from ingest.loaders import load_path

    path = tmp_path / "hk.md"
    path.write_text("---\ntitle: 浚港航運全年純利增24.6%\npublisher: 港聞財經\n---\n\n股東應佔溢利按年增加24.6%至2.137億港元。\n",
                    encoding="utf-8")
    doc = load_path(path, Settings())
    assert (doc.title, doc.publisher, doc.language) == ("浚港航运全年纯利增24.6%", "港闻财经", "zh-Hant")
    assert "股东应占溢利按年增加24.6%至2.137亿港元" in doc.text


# --- amounts said in words ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "digits"), [
    ("三季度收入是十四点八三亿元", "三季度收入是14.83亿元"),
    ("大概一亿九千六百万元", "大概1.96亿元"),
    ("汇兑收益大约是两千三百万元", "汇兑收益大约是2300万元"),
    ("比6月底少了大概八千万", "比6月底少了大概8000万"),
    ("全年十个亿以上", "全年10亿以上"),
    ("收入是3.1个亿", "收入是3.1亿"),
    ("零点五亿", "0.5亿"),
    ("百分之二点五", "2.5%"),
    # no scale, no amount: words stay words
    ("第一次超过一半", "第一次超过一半"),
    ("一季度毛利率", "一季度毛利率"),
    ("两成", "两成"),
    ("六到八周", "六到八周"),
    ("万一", "万一"),
])
def test_amounts_said_in_words_are_read_as_figures(text, digits):
    from chatbot.spoken_numbers import as_digits

    assert as_digits(text) == digits


def test_a_spoken_amount_is_a_figure_and_matches_its_digits():
    from chatbot.text import claim_figures, normalize

    assert claim_figures("资本开支方面，2025年全年大约四点五亿元") == ["4.5亿"]
    assert normalize("四点五亿") in normalize("2025年全年大约四点五亿元")
    assert normalize("3.1个亿") == normalize("3.1亿")


# --- the figure of a metric or part named in a clause that states none -------------------------------------------


@pytest.mark.parametrize(("question", "text", "chosen"), [
    # the margin named in a clause with no figure: the figure is revenue's
    ("云知声功能耐火材料的毛利率是多少？", "云知声功能耐火材料（滑板、水口等）收入7.89亿元，毛利率最高。", []),
    ("云知声功能耐火材料的毛利率是多少？", "云知声功能耐火材料收入7.89亿元，毛利率31.2%。", ["云知声功能耐火材料收入7.89亿元，毛利率31.2%。"]),
    # the region named in a clause with no figure: the figures are the other regions'
    ("云知声上半年东南亚地区收入是多少？",
     "云知声上半年南美收入8.93亿元，同比增加1.62亿元；东南亚收入与上年基本持平；北美收入同比减少约0.4亿元。", []),
    # the part's clause states its change in words ("约二成"): that is its figure
    ("云知声前三季度煤化工板块收入同比变化了多少？",
     "电力板块控股装机容量为4.2GW，前三季度发电量约162亿千瓦时；煤化工板块主要产品为甲醇和烯烃，收入同比减少约二成。",
     ["电力板块控股装机容量为4.2GW，前三季度发电量约162亿千瓦时；煤化工板块主要产品为甲醇和烯烃，收入同比减少约二成。"]),
    ("云知声上半年东南亚地区收入是多少？", "云知声上半年东南亚收入3.21亿元，同比增加0.2亿元。",
     ["云知声上半年东南亚收入3.21亿元，同比增加0.2亿元。"]),
])
def test_a_metric_or_part_named_where_no_figure_is_stated_is_not_answered(question, text, chosen):
    assert _sentences(question, text, "云知声业绩")[:1] == chosen


# --- asides, stated changes, spoken periods ----------------------------------------------------------------------


@pytest.mark.parametrize(("question", "text", "chosen"), [
    # a bracketed aside names the thing again: its word is not required (the sentence writes the first name)
    ("云知声自动化缝制单元（模板机）第三季度收入是多少？", "云知声三季度自动化缝制单元收入是3.1个亿，比去年同期翻了一番还多。",
     ["云知声三季度自动化缝制单元收入是3.1个亿，比去年同期翻了一番还多。"]),
    # an amount right after a change word states the change asked
    ("云知声除草剂收入上半年同比减少了多少？", "云知声上半年除草剂收入17.42亿元，同比减少1.1亿元，仍是第一大品类。",
     ["云知声上半年除草剂收入17.42亿元，同比减少1.1亿元，仍是第一大品类。"]),
    # "首两个季度" is read as the first half, as "头两个季度" is
    ("云知声猫三联疫苗上市头两个季度卖了多少钱？", "云知声猫三联疫苗于2025年4月获批，上市首两个季度销售约4,200万元。",
     ["云知声猫三联疫苗于2025年4月获批，上市首两个季度销售约4,200万元。"]),
])
def test_asides_stated_changes_and_spoken_periods(question, text, chosen):
    assert _sentences(question, text, "云知声业绩")[:1] == chosen


@pytest.mark.parametrize(("word", "question", "aside"), [
    ("模板", "纴捷智能的自动化缝制单元（模板机）第三季度收入是多少？", True),
    ("重述", "窑甫耐材2025财年收入（按重述口径）增长多少？", False),  # a qualifying aside
    ("模板", "模板机（自动化缝制单元）收入是多少？", False),  # written outside the aside too
])
def test_a_word_only_in_a_naming_aside(word, question, aside):
    from chatbot.evidence import _only_in_aside

    assert _only_in_aside(word, question) is aside
