"""Table-driven tests of the session-23 rules (dev-23's wrong figures and misses, by class): coined names made of
common characters, the company a question asks to buy, the years of a table beside prose, table captions, a
quarter's end, capacities that are no output, English trade words and debt."""

from __future__ import annotations

import pytest

from test_lookup20_rules import _sentences  # (one passage scored with the real glossary)

# --- names no document writes -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "run"), [
    ("璇星卫星", "璇星"),  # 璇 and 星 are common characters; "璇星" is no word
    ("昴星航天", "昴星"),
    ("报告总结", ""),  # two dictionary words
    ("这只股票", ""),  # a pronoun and a measure word break the run
    ("那篇讲涂料", ""),
    ("收入", ""),
])
def test_a_coined_run_of_single_characters_is_found(text, run):
    from chatbot.names import load_rules
    from chatbot.subjects import coined_run

    assert coined_run(text, load_rules()) == run


@pytest.mark.parametrize(("question", "name"), [
    ("现在适合买入璇星卫星的股票吗？", "璇星卫星"),
    ("我该不该加仓翎澈智能的股票？", "翎澈智能"),
    ("该不该减持某家公司股份？", "某家公司"),
    ("云知声的收入是多少？", None),
])
def test_the_company_a_question_asks_to_buy_is_read_anywhere_in_it(question, name):
    from chatbot.names import load_rules

    m = load_rules().holding_slot.search(question)
    assert (m.group("name") if m else None) == name


@pytest.mark.parametrize(("question", "unknown"), [
    ("现在适合买入璇星卫星的股票吗？", ["璇星卫星"]),
    ("璇星卫星2025年收入多少？", ["璇星卫星"]),
    ("现在适合买入云知声的股票吗？", []),  # catalogued
])
def test_a_coined_name_no_document_writes_is_unknown(question, unknown):
    from chatbot.glossary import load_glossary
    from chatbot.subjects import unknown_names

    written = "云知声2025年收入约11.8亿元，卫星"
    assert unknown_names(question, load_glossary(), lambda w: w in written) == unknown


# --- periods ------------------------------------------------------------------------------------------------------


DIVIDENDS = ("- **末期股息**：董事会建议派发2025财年末期股息每股9.8港仙。\n"
             "- **特别股息**：另派特别股息每股6.0港仙，特别股息总额约7,200万港元。\n\n"
             "表1　近两个财政年度每股股息（单位：港仙）\n\n"
             "| 财政年度 | 中期股息 | 末期股息 | 全年合计 |\n|---|---|---|---|\n"
             "| 2023财年 | 4.2 | 7.4 | 11.6 |\n| 2025财年 | 5.2 | 9.8 | 21.0 |")


@pytest.mark.parametrize(("question", "special"), [
    # the special dividend's sentence names no period: the years of the table below it are its rows', not its own
    ("云知声2023财年的特别股息是每股多少港仙？", False),
    ("云知声的特别股息是每股多少港仙？", True),
])
def test_a_sentence_naming_no_period_is_not_about_the_years_of_a_table_beside_it(question, special):
    chosen = _sentences(question, DIVIDENDS, "云知声宣布末期股息")
    assert any(c.startswith("特别股息：另派") for c in chosen) is special


@pytest.mark.parametrize(("question", "chosen"), [
    # 港仙 is written by the table's caption only: the row answers; the special dividend (2025's) does not
    ("云知声2023财年一共派了多少港仙股息？", ["2023财年:中期股息4.2;末期股息7.4;全年合计11.6"]),
])
def test_a_tables_caption_heads_its_rows(question, chosen):
    assert [c.rstrip("。") for c in _sentences(question, DIVIDENDS, "云知声宣布末期股息")][:1] == chosen


@pytest.mark.parametrize(("text", "caption"), [
    ("表1　近四个财政年度每股股息（单位：港仙）\n| 年度 | 股息 |\n|---|---|\n| 2023 | 1 |", True),
    ("单位：人民币千元\n\n| 指标 | Q1 |\n|---|---|\n| 收入 | 1 |", True),
    ("说明\n| 月份 | 收入 |\n|---|---|\n| 9月 | 2 |", False),  # a short line that is no caption
    ("- 表1：收入\n| 月份 | 收入 |\n|---|---|\n| 9月 | 2 |", False),  # a list item
])
def test_a_tables_caption_is_part_of_its_header(text, caption):
    from chatbot.table_cells import table_header

    assert (text.splitlines()[0] in table_header(text)) == caption


@pytest.mark.parametrize(("asked", "stated", "match"), [
    ({("2024", "M12-end")}, {("2024", "Q4")}, True),  # "第四季度末" by the Q4 column of a period-end row
    ({("2025", "M06-end")}, {("2025", "Q2")}, True),
    ({("2025", "M09-end")}, {("2025", "Q3")}, True),
    ({("2024", "M12-end")}, {("2024", "Q3")}, False),
    ({("2024", "Q4")}, {("2024", "M12-end")}, False),  # one way: a date is no quarter's flow
    # a month asked: a sentence stating a reporting period (nine months, a quarter) gives no figure of that month
    ({("2025", "M11")}, {("2025", "Q1-3")}, False),
    ({("2025", "M11")}, {("2025", "Q4")}, False),
    ({("2025", "M11")}, {("2025", "M10")}, False),
    ({("2025", "M08")}, {("2025", None)}, True),  # an event's date ("funded in August 2025") in a year's sentence
    ({("2025", "M08")}, set(), True),
])
def test_a_months_end_is_answered_by_the_quarter_it_closes(asked, stated, match):
    from chatbot.text import period_match

    assert period_match(asked, stated, point_in_time=True) is match


@pytest.mark.parametrize(("text", "point"), [
    ("期末点位数:2024年第四季度75,120个", True),
    ("截至9月底，公司点位数为84,612个", True),
    ("二季度:新签艘数19;合同金额20.3亿美元", False),  # a quarter's flow: no figure at the end of June
])
def test_a_figure_at_a_periods_end_is_told_from_a_flow(text, point):
    from chatbot.evidence import states_point_in_time
    from chatbot.text import period_match

    assert states_point_in_time(text) is point
    # a quarter's flow never answers a month's end; a count at the quarter's end does
    assert period_match({("2025", "M06-end")}, {("2025", "Q2")}, point_in_time=states_point_in_time(text)) is point


# --- capacities ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "capacity"), [
    ("我们在柯嘎盐湖建设的年产1,000吨碳酸锂当量中试线已于2025年5月投料试车。", True),
    ("泰国宋卡工厂一期（年产60亿只）计划于2026年第二季度投产。", True),
    ("全年原盐产量426万吨。", False),
    ("截至9月底，公司设计产能为480亿只/年。", True),  # the capacity itself, stated as a figure: still no output (session 31)
    ("年产1,000吨的中试线产出了320吨。", False),  # its output beside it
])
def test_a_facility_built_to_make_a_figure_states_no_output(text, capacity):
    from chatbot.evidence import capacity_only

    assert capacity_only(text) is capacity


@pytest.mark.parametrize(("question", "output"), [
    ("中试线实际生产了多少吨碳酸锂？", True),
    ("How many tonnes did the pilot line produce?", False),  # "produce" is no output word; "produced" is
    ("How many tonnes were produced in 2025?", True),
    ("中试线的年产能是多少？", False),
    ("What is the design capacity of the plant?", False),
])
def test_an_output_question_is_told_from_a_capacity_question(question, output):
    from chatbot.evidence import asks_output

    assert asks_output(question) is output


def test_an_output_question_is_not_answered_by_a_capacity():
    text = "我们在柯嘎盐湖建设的年产1,000吨碳酸锂当量中试线已于2025年5月投料试车。"
    assert _sentences("云知声2025年中试线实际生产了多少吨碳酸锂？", text, "云知声年报") == []
    assert _sentences("云知声中试线年产能多少吨碳酸锂？", text, "云知声年报") != []


# --- English ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("tail", "form"), [
    (["Medical"], "医疗"),  # a trade word of config/catalogue.toml [sector_words_en]
    (["Gases"], "气体"),
])
def test_an_english_trade_word_gives_its_chinese_words(tail, form):
    from chatbot.english_names import _tail_forms
    from chatbot.names import load_rules

    assert form in _tail_forms(tail, load_rules())


@pytest.mark.parametrize(("term", "form"), [
    # "net debt" is one term whose 净 is never net profit's (the finance term list, config/terms_en.toml; over an
    # index, tests/test_reader_articles.py h11-r62 is refused where the net-profit row was quoted)
    ("net debt", "净负债"),
    ("net gearing", "净负债率"),
    ("debt", "债务"),
])
def test_english_debt_terms_have_their_chinese_words(term, form):
    from chatbot.bilingual import to_chinese

    assert form in to_chinese(term)


@pytest.mark.parametrize(("question", "text", "chosen"), [
    # who forecasts ("管理层预计") is no word the figure's sentence must write
    ("云知声管理层预计2025年第四季度收入同比增长多少？", "预计第四季度收入同比增幅在15%至20%之间。",
     ["预计第四季度收入同比增幅在15%至20%之间。"]),
])
def test_the_speaker_of_a_forecast_is_not_required(question, text, chosen):
    assert _sentences(question, text, "云知声业绩")[:1] == chosen


@pytest.mark.parametrize(("question", "text", "chosen"), [
    # the running total's sentence goes on about the item the sentence before names: only a period stands before 销量
    ("云知声1-11月羽绒及羽毛销量是多少？", "公司公布，11月羽绒及羽毛销量1,386吨，同比增长12.7%。1-11月累计销量9,742吨，同比增长8.1%。",
     ["1-11月累计销量9,742吨，同比增长8.1%。"]),
    # another part before the figure's word: not the one asked
    ("云知声海外收入是多少？", "公司公布，海外收入12.0亿元，同比增长8%。国内收入8.0亿元，同比增长3%。",
     ["公司公布，海外收入12.0亿元，同比增长8%。"]),
    ("云知声国内收入是多少？", "公司公布，海外收入12.0亿元，同比增长8%。国内收入8.0亿元，同比增长3%。",
     ["国内收入8.0亿元，同比增长3%。"]),
])
def test_a_sentence_going_on_about_the_item_before_is_about_it(question, text, chosen):
    assert _sentences(question, text, "云知声经营数据")[:1] == chosen


# --- articles written in English ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "found"), [
    ("1H FY2026", {("2026", "H1")}),  # a fiscal year's half, as "2026财年上半年" reads
    ("H1 FY2026", {("2026", "H1")}),
    ("2H FY25", {("2025", "H2")}),
    ("2026财年上半年", {("2026", "H1")}),
])
def test_an_english_fiscal_half_is_that_fiscal_years_half(text, found):
    from chatbot.text import periods

    assert periods(text) == found


def test_an_english_bracket_comparison_names_no_period_of_the_sentence():
    from chatbot.sentence_period import own_text
    from chatbot.text import periods

    assert periods(own_text("Gross profit margin widened to 31.4% (1H FY2025: 29.9%), helped by lower costs.")) == set()


def test_a_chinese_question_gets_the_english_forms_of_its_metrics():
    from chatbot.glossary import load_glossary

    expanded = load_glossary().english_metric_forms("瀚链控股2026财年上半年的毛利率是多少？")
    assert "gross margin" in expanded
    assert "gross profit margin" in expanded


@pytest.mark.parametrize(("question", "kind"), [
    ("按配售价和股数算，云知声这次配售的所得款项总额大约是多少？", "product"),  # the price and the count named
    ("配售780万股、每股252港元，按此算云知声配售总额多少？", "product"),
])
def test_a_total_asked_of_a_price_and_a_count_is_their_product(question, kind):
    from chatbot.compute import read_derived
    from chatbot.glossary import load_glossary

    derived = read_derived(question, load_glossary())
    assert derived is not None
    assert derived.kind == kind


@pytest.mark.parametrize(("question", "thing"), [
    ("What was Unisound's net debt at the end of 2024?", "net debt "),
    # a possessive inside a relative clause names no thing asked: the model is asked, not what the business "is built"
    ("What is the Shanhai (山海) model that Unisound's LLM business is built on?", None),
])
def test_the_thing_an_english_what_question_asks(question, thing):
    from chatbot.evidence import _WHAT_OWN_EN

    m = _WHAT_OWN_EN.search(question)
    assert (m.group(1) if m else None) == thing



# --- a document's own words for a company -----------------------------------------------------------------------

ACQUISITION = ("展翊会展控股有限公司（3479.HK）公告，以总代价5.46亿元收购上海缃礼展览有限公司（“缃礼展览”或“目标公司”）"
               "100%股权。缃礼展览成立于2009年。目标公司2024年净利润6,000万元。")


def test_the_word_a_document_defines_for_a_company_is_its_role():
    from chatbot.entity_extract import extract

    roles = {e.name: e.roles for e in extract("展翊会展拟收购缃礼展览", ["3479.HK"], ACQUISITION)}
    assert roles.get("缃礼展览") == ["目标公司"]
    assert roles.get("展翊会展") == []


def test_a_role_names_its_company_in_its_own_document_only():
    from chatbot.catalogue import merged_glossary
    from chatbot.entity_extract import extract
    from chatbot.glossary import Glossary

    g = merged_glossary(Glossary(), {"d1": extract("展翊会展拟收购缃礼展览", ["3479.HK"], ACQUISITION), "d2": []})
    assert g.doc_roles.get("d1") == {"目标公司": next(iter(g.entities("缃礼展览")))}
    assert "d2" not in g.doc_roles
    assert g.entities("目标公司2024年净利润") == []  # no name anywhere else


@pytest.mark.parametrize(("clause", "forecast"), [
    ("卖方承诺目标公司2026年净利润不低于7,300万元", True),  # a promise: 承诺, 不低于
    ("目标公司2024年净利润6,000万元", False),  # 目标公司 is the target, no target figure
    ("公司目标2026年收入20亿元", True),
])
def test_a_promise_is_a_forecast_and_the_target_company_is_not(clause, forecast):
    from chatbot.evidence import forecast_re

    assert bool(forecast_re().search(clause)) is forecast


def test_the_company_a_title_opens_with_holds_the_front_matters_one_ticker():
    from chatbot.entity_extract import extract

    # the bracketed ticker was in the document's first heading, which the passages do not keep
    text = "截至2025年9月30日止九个月未经审核业绩公告摘要\n泷安肾病医疗集团有限公司董事会宣布本集团九个月的未经审核综合业绩。"
    found = {e.name: e for e in extract("泷安肾病医疗截至2025年9月30日止九个月未经审核业绩公告摘要", ["2738.HK"], text)}
    entry = next(e for n, e in found.items() if n.startswith("泷安"))
    assert entry.primary
    assert entry.tickers == ["2738.HK"]


@pytest.mark.parametrize(("name", "form"), [
    (["Horizon", "Robotics"], "地平线"),  # the lexicon's 地平线, a catalogued company, then a trade word
    (["Horizon", "Holdings"], "地平线"),
    (["Horizon", "Cinemas"], "地平线"),  # (any trade word: the catalogue decides which company)
    (["Sage", "Robotics"], ""),  # 智者, 圣人…: no company of the catalogue
    (["Horizon", "Dynamics"], ""),  # a word that names no kind of company: not read
])
def test_an_english_name_is_read_through_its_translated_head(name, form):
    from chatbot.catalogue import merged_glossary
    from chatbot.english_names import _translated_head
    from chatbot.entity_extract import extract
    from chatbot.glossary import Glossary
    from chatbot.names import load_rules

    text = "地平线（9660.HK）公布2025年中期业绩，地平线收入15.67亿元。"
    g = merged_glossary(Glossary(), {"d1": extract("地平线中期业绩", ["9660.HK"], text)})
    assert _translated_head(name, g, load_rules()) == form
