"""Table-driven tests of the session-24 rules (dev-24's misses and wrong figures, by class): units a table's label or
caption writes, sums of money in a currency's smaller unit, two-level tables, spoken and fiscal period spellings,
numbered items, changes asked of a level, English money in computations, names and places in English questions."""

from __future__ import annotations

import pytest

from test_lookup20_rules import _sentences  # (one passage scored with the real glossary)

# --- units --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("header", "name", "unit"), [
    ("收入（人民币万元）", "收入", "万元"),  # the currency before the magnitude is read after it
    ("收入（港币千元）", "收入", "千港元"),
    ("收入（亿元）", "收入", "亿元"),
    ("利润（人民币）", "利润", "人民币"),
    ("收入（千港元）", "收入", "千港元"),
    ("备注（含EPC）", "备注（含EPC）", ""),  # a note, no unit
])
def test_a_label_writes_its_unit_with_the_currency_first_or_last(header, name, unit):
    from chatbot.table_cells import header_unit

    assert header_unit(header) == (name, unit)


@pytest.mark.parametrize(("cells", "read"), [
    (["收入（人民币万元）", "152,000至158,000", "171,460"], ["收入", "152,000至158,000万元", "171,460万元"]),
    (["收入（亿元）", "43.7", "—"], ["收入", "43.7亿元", "—"]),
])
def test_a_rows_label_gives_its_cells_and_ranges_their_unit(cells, read):
    from chatbot.table_cells import with_row_unit

    assert with_row_unit(cells) == read


PROFIT_WARNING = ("| 项目 | 2025年度（预期） | 2024年度 |\n|---|---|---|\n"
                  "| 收入（人民币万元） | 152,000至158,000 | 171,460 |\n"
                  "| 股东应占溢利（人民币万元） | 8,600至9,400 | 16,820 |")


@pytest.mark.parametrize(("question", "first"), [
    ("云知声2024年度收入是多少万元？", "收入:2025年度（预期）152,000至158,000万元;2024年度171,460万元"),
    ("云知声2024年度股东应占溢利是多少万元？", "股东应占溢利:2025年度（预期）8,600至9,400万元;2024年度16,820万元"),
])
def test_a_figure_asked_in_the_unit_a_rows_label_writes_is_answered_by_the_row(question, first):
    assert [c.rstrip("。") for c in _sentences(question, PROFIT_WARNING, "云知声盈利警告")][:1] == [first]


@pytest.mark.parametrize(("header", "unit", "states"), [
    ("单位：人民币千元\n| 指标 | Q1 |", "千", True),
    ("（单位：万元）", "万", True),
    ("| 指标 | Q1 |", "千", False),
    ("单位：港仙", "万", False),
])
def test_a_caption_states_the_unit_of_its_rows(header, unit, states):
    from chatbot.evidence import _caption_states_unit

    assert _caption_states_unit(header, unit) is states


@pytest.mark.parametrize(("question", "answered"), [
    ("云知声这次中期每股派多少钱？", True),  # a sum of money: 港仙 answers it
    ("云知声中期每股派多少亿元？", False),  # a magnitude asked: no dividend per share is in 亿
])
def test_a_sum_of_money_asked_is_answered_in_a_currencys_smaller_unit(question, answered):
    text = "董事会宣派中期股息每股4.2港仙（上年同期3.6港仙）。"
    assert bool(_sentences(question, text, "云知声中期报告")) is answered


# --- tables -------------------------------------------------------------------------------------------------------


SEGMENTS = ("| 分部 / 地区 | 本期间收入 | 上年同期收入 | 本期间分部业绩 |\n|---|---|---|---|\n"
            "| **钓竿** | **486,320** | **441,870** | **78,410** |\n"
            "| 　欧洲 | 212,540 | 190,310 | |\n"
            "| 　北美 | 158,660 | 149,020 | |\n"
            "| **渔线轮** | **352,780** | **338,960** | **61,930** |\n"
            "| 　欧洲 | 141,350 | 139,880 | |\n")


def test_an_indented_row_is_read_with_the_row_it_is_part_of():
    from chatbot.evidence import passage_sentences

    shown = [s for _, s, _, _ in passage_sentences(SEGMENTS)]
    assert shown == ["钓竿:本期间收入486,320;上年同期收入441,870;本期间分部业绩78,410",
                     "钓竿/欧洲:本期间收入212,540;上年同期收入190,310;本期间分部业绩",
                     "钓竿/北美:本期间收入158,660;上年同期收入149,020;本期间分部业绩",
                     "渔线轮:本期间收入352,780;上年同期收入338,960;本期间分部业绩61,930",
                     "渔线轮/欧洲:本期间收入141,350;上年同期收入139,880;本期间分部业绩"]


def test_a_part_of_one_segment_answers_for_that_segment_only():
    chosen = _sentences("云知声渔线轮卖到欧洲的收入是多少？", SEGMENTS, "云知声中期报告")
    assert chosen[:1] == ["渔线轮/欧洲:本期间收入141,350;上年同期收入139,880;本期间分部业绩"]


@pytest.mark.parametrize("question", ["云知声钓竿在欧洲的分部业绩是多少？", "云知声渔线轮在欧洲的分部业绩是多少？"])
def test_a_part_whose_cell_of_the_figure_asked_is_empty_does_not_answer(question):
    # (the region's rows give revenue only: the segment result asked of a region is not given, never its revenue)
    assert _sentences(question, SEGMENTS, "云知声中期报告") == []


# --- periods ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "period"), [
    ("首九个月公司收入为20亿元", {(None, "Q1-3")}),
    ("2025年首六个月收入10.58亿元", {("2025", "H1")}),
    ("首十一个月销量", {(None, "M01-11")}),
    ("2025/26财年中期报告", {("2026", "H1")}),  # a fiscal year across two years is named by the year it ends in
    ("What was LTIFR in FY2024/25?", {("2025", None)}),
    ("2024/25财年0.38", {("2025", None)}),
])
def test_period_spellings_are_read_as_their_period(text, period):
    from chatbot.text import english_period_forms, periods, qualifiers

    read = english_period_forms(text)  # (a period without its year is a qualifier)
    assert (periods(read) or {(None, q) for q in qualifiers(read) if q}) == period


@pytest.mark.parametrize(("text", "rewritten"), [
    ("截至2025年9月底的半年里", "截至2025年9月30日止六个月里"),
    ("截至9月末的六个月", "截至9月30日止六个月"),
    ("截至2025年6月底的半年里", "截至2025年6月底的半年里"),  # a calendar half: read as the month's end
    ("截至9月底的库存", "截至9月底的库存"),  # a point in time: not a span
])
def test_the_half_year_to_a_months_end_is_the_span_a_report_writes(text, rewritten):
    from chatbot.text import period_spellings

    assert period_spellings(text) == rewritten


@pytest.mark.parametrize(("question", "period_word"), [
    ("云知声今年头九个月收入多少？", "今年"),
])
def test_this_year_is_no_word_to_hold_or_weigh(question, period_word):
    from chatbot.evidence import analyse_question
    from chatbot.glossary import load_glossary

    spec = analyse_question(question, load_glossary(), lambda w: 3.0)
    assert [g.weight for g in spec.groups if period_word in g.alternatives] == [0.0]
    assert not any(period_word in g.alternatives for g in spec.required)


# --- items and changes --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("question", "texts", "items"), [
    ("2024/25财年范围三排放是多少？", ["范围一排放48,260吨；范围二排放36,840吨"], ["范围三"]),
    ("2024/25财年范围一排放是多少？", ["范围一排放48,260吨；范围二排放36,840吨"], ["范围一"]),
    ("范围三排放是多少？", ["全年排放48,260吨"], []),  # no series the texts number
    ("前三季度收入是多少？", ["第一季度收入；第二季度收入"], []),  # a period
    ("公司有三家门店吗？", ["一家门店"], []),  # a count
    ("香港一手楼盘和二手住宅的佣金收入分别是多少？", ["香港二手住宅"], []),  # "一手" is a word
    ("较前一交易日收市价折让多少？", ["较前三季度"], []),  # a position, no item
])
def test_an_item_of_a_numbered_series_is_read(question, texts, items):
    from chatbot.evidence import numbered_items

    assert numbered_items(question, texts) == items


def test_an_item_the_passages_do_not_number_is_not_answered_by_its_siblings():
    text = "| 指标 | 2024/25财年 |\n|---|---|\n| 范围一温室气体排放 | 48,260 |\n| 范围二温室气体排放 | 36,840 |"
    assert _sentences("云知声2024/25财年范围三排放是多少？", text, "云知声ESG报告") == []
    assert _sentences("云知声2024/25财年范围二排放是多少？", text, "云知声ESG报告")[:1] == ["范围二温室气体排放:2024/25财年36,840"]


@pytest.mark.parametrize(("text", "change"), [
    ("2025年前三季度炭黑销量41.3万吨，其中第三季度14.6万吨", False),
    ("前三季度销量同比增长8.2%", True),
    ("销量较上年下降", True),
    ("毛利率提升1.2个百分点", True),
    ("收入是去年的2倍", True),
])
def test_a_change_is_stated(text, change):
    from chatbot.evidence import states_change

    assert states_change(text) is change


def test_a_level_alone_answers_no_change_asked():
    text = "2025年前三季度炭黑销量41.3万吨，其中第三季度14.6万吨；前三季度收入31.86亿元。"
    assert _sentences("云知声前三季度炭黑销量同比增长多少？", text, "云知声公告") == []


# --- asking who ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("question", "party"), [
    ("墨穹新材的控股股东是谁？", True),
    ("Who are the cornerstone investors?", True),
    ("哪些股东减持了？", True),
    ("墨穹新材的收入是多少？", False),
])
def test_a_party_of_the_company_is_asked(question, party):
    import re

    from chatbot.evidence_config import evidence_config

    assert (re.search(evidence_config()["scope"]["party_asked"], question, re.I) is not None) is party


# --- computing with English money ---------------------------------------------------------------------------------


def test_english_money_is_read_and_its_share_computed_and_verified():
    from chatbot.compute import calculate, facts_in, verify_formulas
    from chatbot.text import normalize

    q3 = "截至9月30日止三个月，公司收入为HK$742.6 million，同比增长16.8%。"
    nine = "首九个月公司收入为HK$2.03 billion。"
    a, b = facts_in(q3)[0], facts_in(nine)[0]
    assert (a.lo, a.currency, a.written[0]) == (742.6e6, "HKD", "742.6 million")
    assert (round(b.lo), b.currency) == (2_030_000_000, "HKD")
    calc = calculate("share", a, b)
    assert calc.formulas == ["742.6 million÷2.03 billion≈36.6%"]
    assert "36.6%" in verify_formulas("计算：" + calc.formulas[0], normalize(q3 + nine))
    assert "37.6%" not in verify_formulas("计算：742.6 million÷2.03 billion≈37.6%", normalize(q3 + nine))


@pytest.mark.parametrize(("phrase", "only"), [
    ("the third quarter", True),
    ("1H25", True),
    ("the first nine months of fiscal 2025", True),
    ("overseas markets", False),
    ("Africa", False),
])
def test_a_phrase_naming_only_a_period(phrase, only):
    from chatbot.compute import _period_only

    assert _period_only(phrase) is only


def test_a_share_booked_in_a_shorter_period_is_one_figure_over_two_periods():
    from chatbot.compute import read_derived
    from chatbot.glossary import load_glossary

    d = read_derived("What share of Unisound's 9M25 revenue was booked in the third quarter?", load_glossary())
    assert d.kind == "share"
    assert d.a.terms == d.b.terms
    assert (d.a.period[1], d.b.period) == ("Q3", ("2025", "Q1-3"))


# --- names, places and intents ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("question", "unknown"), [
    ("What share of Unisound's revenue came from Africa?", []),  # a place the documents write (非洲)
    ("What share of Unisound's revenue came from Brazil?", ["Brazil"]),  # a place they do not write
    ("How busy were Unisound's FBOs?", []),  # an acronym's plural
    ("Summarise Unisound's results.", []),  # a British spelling of an English verb opening the sentence
    ("骋越汽车的目标价是多少？", ["骋越汽车"]),  # an unwritten run before a written trade word
])
def test_names_no_document_writes(question, unknown):
    from chatbot.glossary import load_glossary
    from chatbot.subjects import unknown_names

    written = "云知声收入按地区：非洲18.3%；FBO设施两个；汽车经销商"
    assert unknown_names(question, load_glossary(), lambda w: w in written) == unknown


@pytest.mark.parametrize(("phrase", "written"), [
    ("码头吞吐量", True),
    ("骋越汽车", False),
])
def test_a_phrase_of_the_documents_words(phrase, written):
    from chatbot.subjects import words_written

    text = "码头吞吐量增长；汽车经销商"
    assert words_written(phrase, lambda w: w in text) is written


def test_a_latin_brand_run_on_to_the_chinese_name_is_one_company():
    from chatbot.entity_extract import extract

    text = ("Jetmora翊云公务航空（2692.HK）第三季度收入增16.8%\n\n"
            "香港公务机运营商Jetmora Aviation Holdings（翊云公务航空控股）公布业绩。翊云公务航空第三季度收入上升。")
    entries = extract("Jetmora翊云公务航空第三季度收入增16.8%", ["2692.HK"], text)
    holder = [e for e in entries if "2692.HK" in e.tickers]
    assert len(holder) == 1
    assert "翊云公务航空" in [holder[0].name, *holder[0].aliases]
    assert not [e for e in entries if e is not holder[0] and "翊云公务航空" in [e.name, *e.aliases]]


@pytest.mark.parametrize(("question", "intent"), [
    ("How did Unisound's 9M25 volumes change year on year?", "lookup"),
    ("How does Unisound win hospital customers?", "how"),
    ("暖垣热力的评级展望呢？", "lookup"),
    ("报告对云知声的展望是什么？", "conclusion"),
    ("What is Unisound's rating outlook?", "lookup"),
    ("云知声的收入同比怎么变化？", "lookup"),
])
def test_a_change_or_a_rating_outlook_is_looked_up(question, intent):
    from chatbot.intent import detect_intent

    assert detect_intent(question).name == intent


@pytest.mark.parametrize(("term", "held"), [
    ("after-sales", True),  # a hyphenated term holding a metric's form ("sales") is read before the metric
    ("gross margin", False),  # (a metric itself)
])
def test_hyphenated_terms_are_read_before_the_metric_inside_them(term, held):
    from dataclasses import replace

    from chatbot.glossary import load_glossary

    g = replace(load_glossary(), terms={**load_glossary().terms, "after-sales": ["售后"]})
    assert (term in g.terms_with_metric) is held


def test_an_indented_row_with_no_row_above_it_in_its_passage_heads_nothing():
    from chatbot.evidence import passage_sentences

    text = ("| 分部 / 地区 | 本期间收入 |\n|---|---|\n| 　北美 | 47,360 |\n| 　日本及其他亚洲 | 58,260 |\n"
            "| 合计 | 1,003,630 |")
    assert [s for _, s, _, _ in passage_sentences(text)] == ["北美:本期间收入47,360", "日本及其他亚洲:本期间收入58,260",
                                                              "合计:本期间收入1,003,630"]


@pytest.mark.parametrize(("question", "texts", "rewritten"), [
    # the span, then its name in brackets
    ("截至2025年9月30日止六个月的收入是多少？", ["截至2025年9月30日止六个月（2026财年中期）收入"], "2026财年中期的收入是多少？"),
    # the name, then the span in brackets
    ("截至2025年9月30日止六个月的收入是多少？", ["公布2026财年中期业绩（截至2025年9月30日止六个月）"], "2026财年中期的收入是多少？"),
    # a calendar half is its own period: as written
    ("截至2025年6月30日止六个月的收入是多少？", ["公布2025年中期业绩（截至2025年6月30日止六个月）"],
     "截至2025年6月30日止六个月的收入是多少？"),
])
def test_a_fiscal_span_is_asked_as_the_documents_name_it(question, texts, rewritten):
    from chatbot.text import spans_as_written

    assert spans_as_written(question, texts) == rewritten


@pytest.mark.parametrize(("shown", "header", "forms", "empty"), [
    ("渔线轮/北美:本期间收入96,210;本期间分部业绩", "|分部/地区|本期间收入|本期间分部业绩|", ["分部业绩"], True),
    ("渔线轮:本期间收入352,780;本期间分部业绩61,930", "|分部/地区|本期间收入|本期间分部业绩|", ["分部业绩"], False),
    # a text cell (no figure, but a value) is no empty cell
    ("云知声:商业模式医疗+日常生活AI;IPO估值股价单日涨幅超90%", "|公司|商业模式|IPO估值|", ["ai"], False),
    # named by the label: the row is that item's
    ("分部业绩:2025年;2024年1.2亿", "|项目|2025年|2024年|", ["分部业绩"], False),
])
def test_a_word_named_only_by_an_empty_cell(shown, header, forms, empty):
    from chatbot.evidence import named_in_empty_cell

    assert named_in_empty_cell(shown, header, [forms]) is empty
