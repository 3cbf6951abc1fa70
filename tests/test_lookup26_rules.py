"""Table-driven tests of the session-26 rules (dev-26's misses, by mechanism): a quarter's end asked in English, a month
with its figure right after it, units in a column's brackets, counts of things asked with their measure word, two
questions in one each in its own unit and words, a sentence listing the parts of the figure before it, an object put
before its verb (把), places after 来自, English terms an article writes as words of its own, named ratios computed
from one statement, figures of a list read with the period before each, sections named in English, and views quoted
as an article's conclusion."""

from __future__ import annotations

import pytest

from test_lookup25_rules import _dated_sentences

# --- periods -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "found"), [
    ("What was the order backlog at end-3Q25?", {("2025", "M09-end")}),
    ("backlog at the end of Q3 2025", {("2025", "M09-end")}),
    ("net debt at the end of the first half of 2025", {("2025", "M06-end")}),
    ("end-1H25 net debt", {("2025", "M06-end")}),
    ("end of the fourth quarter of 2024", {("2024", "M12-end")}),
    ("3Q25 revenue", {("2025", "Q3")}),  # a quarter's flow, no end
])
def test_the_end_of_a_quarter_or_half_is_the_month_that_closes_it(text, found):
    from chatbot.text import periods

    assert periods(text) == found


@pytest.mark.parametrize(("text", "months"), [
    ("出租率：2025年10月94.1%，2025年11月93.6%", {("2025", "M10"), ("2025", "M11")}),  # a figure right after the month
    ("2025年10月9日公布", set()),  # a day's date
    ("2025年10月份", set()),  # (read by the month_of_year pattern instead)
])
def test_a_month_with_its_figure_right_after_it_is_a_month(text, months):
    from chatbot.text import dated_months

    assert dated_months(text) == months


def test_a_month_asked_is_answered_by_the_line_listing_months_figures():
    text = "云知声为长租公寓运营商。\n\n- 出租率：2025年10月94.1%，2025年11月93.6%；11月平均月租金每间3,420元。"
    assert _dated_sentences("云知声2025年10月的出租率是多少？", text, "云知声经营数据", "2025-12-19")[:1] == [
        "出租率：2025年10月94.1%，2025年11月93.6%；11月平均月租金每间3,420元。"]


# --- units and counts ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "unit", "states"), [
    ("2025年6月:出货量（万把）517;同比+11.4%", "把", True),  # a cell under a column counting in it
    ("覆盖200多个国家和地区", "个", True),  # an approximate count
    ("涉及产品合共约86.4万支", "支", True),
    ("2025年6月:出货量517;同比+11.4%", "把", False),
])
def test_a_count_is_stated_in_its_measure_word(text, unit, states):
    from chatbot.evidence import states_measure

    assert states_measure(text, unit) is states


@pytest.mark.parametrize(("row", "unit", "states"), [
    ("2025年6月:出货量（万把）517;同比+11.4%", "万", True),
    ("美国:收入（百万美元）214.4;占比44.0%", "百万美元", True),
    ("美国:收入214.4;占比44.0%", "百万美元", False),
])
def test_a_rows_cell_is_in_the_magnitude_its_columns_bracket_writes(row, unit, states):
    from chatbot.evidence import _cell_unit

    assert _cell_unit(row, unit) is states


@pytest.mark.parametrize(("question", "measures"), [
    ("这次召回的儿童牙膏合共多少支？", ["支"]),
    ("上半年出货了多少万把伞？", ["把"]),
    ("在管多少间房？", ["间"]),
    ("留存率下降了多少个百分点？", []),  # a change of a rate, no count
])
def test_things_counted_one_by_one_are_asked_in_their_measure_word(question, measures):
    from chatbot.evidence import asked_measures

    assert asked_measures(question) == measures


def test_a_table_of_money_counts_nothing():
    text = ("各季度收入如下（单位：人民币万元）：\n\n| 期间 | 集团收入 | 其中：儿童牙膏 |\n|---|---|---|\n"
            "| 2025年第一季度 | 41,830 | 5,610 |\n\n- 召回的儿童牙膏合共约86.4万支，其中已售出约61.7万支。")
    chosen = _dated_sentences("云知声召回的儿童牙膏合共多少支？", text, "云知声召回公告", "2025-11-27")
    assert chosen[:1] == ["召回的儿童牙膏合共约86.4万支，其中已售出约61.7万支。"]
    assert not any("5,610" in c for c in chosen)  # (a bare cell under 儿童牙膏, in 万元)


# --- two questions in one ------------------------------------------------------------------------------------------


RECALL = ("- 涉及批次产品合共约86.4万支，其中已售出约61.7万支。\n"
          "- 召回及处置成本估计约1,380万元，预计计入2025年第四季度。")


def test_two_questions_in_one_each_ask_in_their_own_unit():
    chosen = _dated_sentences("云知声这次召回的牙膏合共多少支？召回成本估计多少？", RECALL, "云知声召回公告", "2025-11-27")
    assert set(chosen[:2]) == {"涉及批次产品合共约86.4万支，其中已售出约61.7万支。",
                               "召回及处置成本估计约1,380万元，预计计入2025年第四季度。"}


@pytest.mark.parametrize(("question", "parts"), [
    ("云知声这次召回的牙膏合共多少支？召回成本估计多少？", 2),  # a measure word before the break
    ("云知声收入是多少？净利润是多少？", 2),
    ("云知声收入是多少？", 0),
])
def test_a_clause_break_may_follow_a_measure_word(question, parts):
    from chatbot.evidence import analyse_question, split_spec
    from chatbot.evidence_config import evidence_config
    from chatbot.glossary import load_glossary

    cfg = evidence_config()["two_part"]
    spec = analyse_question(question, load_glossary(), lambda t: 9.0 if t == "\uffff" else 3.0)
    assert len(split_spec(question, spec, cfg["conjunctions"], cfg["clause_breaks"])) == parts


# --- what a figure is of -------------------------------------------------------------------------------------------


def test_a_sentence_listing_parts_states_the_metric_of_the_sentence_before():
    text = "- 2025年上半年收入13.74亿元，同比增长15.1%。其中在线阅读8.92亿元，IP授权及衍生2.65亿元，短剧及有声2.17亿元。"
    assert "其中在线阅读8.92亿元，IP授权及衍生2.65亿元，短剧及有声2.17亿元。" in _dated_sentences(
        "云知声2025年上半年IP授权及衍生收入是多少？", text, "云知声股份奖励公告", "2025-12-08")


@pytest.mark.parametrize(("question", "head"), [
    ("公司计划到2028年把机库机位增加到多少个？", "机位"),
    ("公司打算把门店数量扩大到多少家？", "门店"),  # a count word aside
    ("公司2028年机库机位是多少个？", None),  # no object marker
])
def test_the_object_put_before_its_verb_is_the_thing_counted(question, head):
    from chatbot.evidence import TermGroup, _object_head

    groups = [TermGroup([w], 3.0) for w in ("机库", "机位", "门店", "数量", "计划", "增加")]
    got = _object_head(question, groups)
    assert (got.alternatives[0] if got else None) == head


def test_a_place_after_laizi_is_the_region_asked():
    from chatbot.evidence import analyse_question
    from chatbot.glossary import load_glossary

    spec = analyse_question("云知声2025年上半年来自美国的收入是多少？", load_glossary(), lambda t: 9.0 if t == "\uffff" else 3.0)
    assert ["美国"] in spec.segments
    assert all("来自" not in a for g in spec.required for a in g.alternatives)


@pytest.mark.parametrize(("word", "text", "says"), [
    ("new", "holders receive new 9.50% senior notes due 2029", True),
    ("new", "a renewal of the facility", False),
    ("new", "news of the offer", False),
    ("revenue", "revenue rose", False),  # (a longer term is among its forms: not this rule's)
])
def test_a_short_english_term_is_said_as_a_word_of_its_own(word, text, says):
    from chatbot.evidence import _says_english_word

    assert _says_english_word(word, text) is says


@pytest.mark.parametrize(("text", "forms", "named"), [
    ("holders receive new 9.50% senior notes due 2029", [["新", "new"], ["notes"]], True),
    ("配售780万股新H股，每股252港元", [["place"]], True),  # an English word only: a Chinese text is not checked
    ("配售780万股新H股", [["价", "price"]], False),  # (an amount per share would name a price: test_lookup34_rules)
    ("2025年第一季度:RevPAR198元;同比-3.9%", [["revpar", "每间可供出租客房收入"]], True),  # a term's Latin form
    ("The offers expire on 30 December 2025", [["票息", "coupon"]], False),
])
def test_an_item_is_named_in_the_language_of_the_text(text, forms, named):
    from chatbot.evidence import names_item

    assert names_item(text, forms) is named


def test_an_english_term_with_no_chinese_form_indexed_is_present_by_its_english_words():
    from dataclasses import replace

    from chatbot.bilingual import finance_terms
    from chatbot.evidence import question_terms
    from chatbot.glossary import load_glossary

    base = load_glossary()
    glossary = replace(base, terms={**finance_terms(), **base.terms})  # (as the engine merges them)
    indexed = {"notes": 2.0, "senior": 2.5, "new": 2.0, "carry": 3.0}
    idf = lambda t: indexed.get(t, 9.0)  # noqa: E731 (9.0: no passage holds it)
    groups = question_terms("What coupon do the new notes carry?", glossary, idf)
    coupon = next(g for g in groups if "票息" in g.alternatives)
    assert not coupon.absent
    assert "%seniornotes" in coupon.alternatives


# --- computed figures ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("sentence", "periods"), [
    ("净亏损:2022年5.536亿元、2023年8.174亿元、2025年上半年6.093亿元", [{("2022", None)}, {("2023", None)}, {("2025", "H1")}]),
    ("2025年上半年收入13.74亿元，同比增长15.1%", [{("2025", "H1")}]),
    ("印尼巴淡:2025年产能1.5亿支;2026年底目标产能4.2亿支", [{("2025", None)}, {("2026", None)}]),
])
def test_each_figure_of_a_list_is_of_the_period_written_before_it(sentence, periods):
    from chatbot.compute import facts_in

    assert [f.periods for f in facts_in(sentence)] == periods


@pytest.mark.parametrize(("question", "named"), [
    ("绒栖服饰2025财年的毛利率是多少？", True),
    ("What was its gross margin in FY2025?", True),
    ("公司2025年净利率是多少？", True),
    ("公司2025年收入是多少？", False),
])
def test_a_named_ratio_is_a_quotient_of_two_figures(question, named):
    from chatbot.compute import names_ratio

    assert names_ratio(question) is named


# --- reader questions ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("question", "heading", "named"), [
    ("Summarize the terms of Drillmaren's exchange offer.", "Terms of the offers", True),
    ("Summarize Drillmaren's exchange offer.", "Terms of the offers", False),
    ("Summarize the financial summary.", "Financial summary", True),
    ("总结一下条款", "Terms of the offers", False),
])
def test_an_english_section_is_named_by_its_words(question, heading, named):
    from chatbot.compose.sections import _names_english_heading

    assert _names_english_heading(question, heading) is named


@pytest.mark.parametrize(("sentence", "cue"), [
    ("董事会认为，分拆可让市场对两项业务分别估值，并让子公司独立融资。", True),
    ("公司表示，降价影响将部分被采购量增加及回款加快抵销。", True),
    ("分拆后，母公司向子公司供应纱线。", False),
])
def test_a_reason_or_a_view_is_recognised(sentence, cue):
    import re

    from chatbot.intent import reader_config

    cfg = reader_config()["structure"]
    causes, views = re.compile("|".join(cfg["cause_cues"])), re.compile("|".join(cfg["outlook_cues"]))
    assert bool(causes.search(sentence) or views.search(sentence)) is cue


# --- Chinese questions about articles written in English ------------------------------------------------------------


@pytest.mark.parametrize(("zh", "nouns"), [
    ("拉链", ["zipper"]),
    ("牙膏", ["toothpaste"]),
    ("卖出", []),  # a verb: no noun
    ("租赁", []),
])
def test_a_chinese_word_has_the_english_nouns_a_dictionary_gives_it(zh, nouns):
    from chatbot.bilingual import english_nouns

    assert english_nouns(zh) == nouns


def test_a_chinese_question_finds_an_english_sentence_by_the_nouns_of_its_words():
    text = "- Revenue rose 9.8% year on year to US$412.6 million.\n- Zipper sales volume increased 7.4% to 3.18 billion pieces."
    assert _dated_sentences("云知声一共卖出了多少拉链？", text, "Unisound interim results", "2025-11-26",
                            indexed="拉链")[:1] == ["Zipper sales volume increased 7.4% to 3.18 billion pieces."]


def test_the_retrieval_query_of_a_chinese_question_takes_the_english_nouns():
    from chatbot.retrieval import with_english_nouns

    assert with_english_nouns("瀚链控股卖出了多少拉链？").endswith(" zipper")
    assert "somewhat" not in with_english_nouns("2025年收入是多少？")  # (多少 is the question's own word)


@pytest.mark.parametrize(("text", "figures"), [
    ("HONG KONG, 26 November 2025 — results for the six months ended 30 September 2025", []),  # days of dates
    ("on November 26, 2025 it sold 26 units", ["26"]),
    ("26 million units", ["26"]),
    ("at 30 Sep 2025 the backlog was US$1.26 billion", ["1.26"]),
])
def test_an_english_dates_day_is_no_figure(text, figures):
    from chatbot.text import claim_figures

    assert claim_figures(text) == figures


# --- follow-ups ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "found"), [
    ("And 2Q25?", ["2Q25"]),
    ("What about 1H25 and FY24?", ["1H25", "FY24"]),
    ("And Q3 2025?", ["Q3 2025"]),
    ("And at the end of 2024?", ["the end of 2024"]),  # a year's end ("at 30 November 2025" was answered before)
    ("backlog at end-3Q25 and year-end 2023", ["end-3Q25", "year-end 2023"]),
])
def test_an_english_follow_up_writes_analyst_periods_with_their_year(text, found):
    from chatbot.text import period_phrase_en_re

    assert [m.group(0) for m in period_phrase_en_re().finditer(text)] == found


@pytest.mark.parametrize(("asked", "stated", "match"), [
    (("2024", "M06"), {("2025", "M06")}, False),  # the same month of another year
    (("2025", "M06"), {("2025", "M06")}, True),
    (("2025", "M06"), {("2025", None)}, True),  # a month with its year may be an event's date
    (("2025", "M06"), {("2025", "M07")}, False),
])
def test_a_month_asked_is_not_answered_by_the_same_month_of_another_year(asked, stated, match):
    from chatbot.text import period_match

    assert period_match({asked}, stated) is match


# --- look-alike names ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("question", "found"), [
    ("概括一下檐雨伞业的中期业绩。", ["檐雨伞业"]),  # one character changed, written by no document
    ("概括一下檐歌伞业的中期业绩。", []),  # the catalogued name itself
    ("檐歌伞业和雨伞业的关系", []),  # no four characters one change away
])
def test_a_catalogued_name_with_one_character_changed_is_another_company(question, found):
    from dataclasses import replace

    from chatbot.glossary import load_glossary
    from chatbot.subjects import near_names

    glossary = replace(load_glossary(), companies=frozenset({"檐歌伞业"}))
    assert near_names(question, glossary, lambda t: t in "檐歌伞业（3168.HK）公布中期业绩") == found
