"""Table-driven tests of the session-27 rules (dev-27's misses, by mechanism): analysts' abbreviations are no company
names, a fiscal year's quarter asked in English, a year asked as "截至…月底的那个财年", units written in a table's lead-in
or a column's brackets, the metric a table's lead-in names for its rows, what a figure stands in place of, English
nouns looked up by their verbs, a month's flow not answered at its end, two levels asked not answered by changes, a
channel as a part asked, names written with "&", computed shares of table cells, and advice asked in English."""

from __future__ import annotations

import pytest

from test_lookup25_rules import _dated_sentences

# --- names ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("abbreviation", ["YoY", "QoQ", "EGM", "AGM", "CAGR", "YTD", "NAV", "ROA", "ESG", "KPI"])
def test_an_analysts_abbreviation_is_no_company_name(abbreviation):
    from dataclasses import replace

    from chatbot.bilingual import finance_terms
    from chatbot.glossary import load_glossary
    from chatbot.subjects import uncatalogued_names

    base = load_glossary()
    glossary = replace(base, terms={**finance_terms(), **base.terms})
    found = uncatalogued_names(f"What did Quorvane Holdings report {abbreviation} for 2025?", glossary)
    assert abbreviation not in found
    assert any("Quorvane" in n for n in found)  # (the unknown company is still one)


@pytest.mark.parametrize(("question", "run"), [
    ("How much is Suichun Grain & Oil getting?", "Suichun Grain & Oil"),
    ("What did Marks & Spencer earn?", "Marks & Spencer"),
    ("What did AT&T earn?", "AT&T"),
])
def test_an_ampersand_between_capitalised_words_keeps_one_name(question, run):
    from chatbot.english_names import _CAPS_RUN

    assert run in [m.group(0) for m in _CAPS_RUN.finditer(question)]


# --- periods -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "found"), [
    ("revenue in 1Q FY2026", {("2026", "Q1")}),
    ("Q1 FY26 revenue", {("2026", "Q1")}),
    ("the third quarter of fiscal 2025", {("2025", "Q3")}),
    ("first quarter of FY2026", {("2026", "Q1")}),
    ("1H FY2026", {("2026", "H1")}),  # (a half, as before)
    ("Q3 2025", {("2025", "Q3")}),  # a calendar quarter
])
def test_a_fiscal_years_quarter_asked_in_english_is_that_years_quarter(text, found):
    from chatbot.text import periods

    assert periods(text) == found


@pytest.mark.parametrize(("question", "found"), [
    ("截至2025年9月底的那个财年", {("2025", None)}),
    ("截至2025年9月30日止年度", {("2025", None)}),
    ("截至去年9月底的那个财年", set()),  # a fiscal year, its year relative: no month's end
    ("截至2025年9月底的库存", {("2025", "M09-end")}),  # a month's end
])
def test_a_year_to_a_months_end_is_a_fiscal_year(question, found):
    from chatbot.text import period_spellings, periods

    assert periods(period_spellings(question)) == found


@pytest.mark.parametrize(("asked", "stated", "flow", "match"), [
    ({("2025", "M11")}, {(None, "M11-end")}, True, False),  # "11月份回购了多少股": no count at the month's end
    ({("2025", "M11")}, {(None, "M11-end")}, False, True),  # "11月的门店数": the month's end gives it
    ({("2025", "M11")}, {(None, "M11")}, True, True),
])
def test_a_months_flow_is_not_answered_by_a_figure_at_its_end(asked, stated, flow, match):
    from chatbot.text import period_match

    assert period_match(asked, stated, flow=flow) is match


def test_a_month_asked_with_a_done_verb_is_refused_a_month_end_stock():
    text = ("- 11月底已发行股份为512,400,000股。\n- 12月公司回购股份1,250,000股，总代价约680万港元。")
    assert _dated_sentences("岚舟化工2025年11月份回购了多少股？", text, "岚舟化工2025年12月股份回购月报",
                            "2026-01-05") == []


# --- tables ----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("line", "unit"), [
    ("按地区划分的收入（百万港元）：", "百万港元"),
    ("## 出资安排（人民币万元）", "万元"),
    ("表1 单位：人民币千元", "千元"),
    ("主要数据（2025年）", ""),  # a bracket that is no unit
    ("集团于期内按业务划分的收入明细如下，各项数字均未经审核（百万港元）：" * 2, ""),  # a paragraph, no caption
])
def test_a_lead_in_ending_with_a_bracketed_unit_writes_the_unit_of_the_cells(line, unit):
    from chatbot.table_cells import caption_unit

    assert caption_unit(line) == unit


@pytest.mark.parametrize(("header", "unit", "states"), [
    ("出资安排（人民币万元）", "元", True),
    ("出资安排（人民币万元）", "万元", True),
    ("出资安排（人民币万元）", "亿元", False),
    ("收入（按渠道）", "元", False),
])
def test_a_headings_bracket_states_the_unit_of_its_tables_rows(header, unit, states):
    from chatbot.evidence import _caption_states_unit

    assert _caption_states_unit(header, unit) is states


def test_cells_are_read_in_their_columns_and_lead_ins_units():
    from chatbot.evidence import passage_sentences

    text = ("按地区划分的收入（百万港元）：\n\n| 地区 | 2025年上半年 | 2024年上半年 |\n|---|---|---|\n"
            "| 北美 | 1,286.4 | 1,102.7 |\n\n| 地区 | 种植面积（公顷） | 开割面积（公顷） |\n|---|---|---|\n"
            "| 云南 | 18,600 | 14,250 |")
    shown = [s for _, s, _, _ in passage_sentences(text)]
    assert "北美:2025年上半年1,286.4百万港元;2024年上半年1,102.7百万港元" in shown
    assert "云南:种植面积18,600公顷;开割面积14,250公顷" in shown


TABLE = ("按地区划分的收入（百万港元）：\n\n| 地区 | 2025年上半年 | 2024年上半年 | 同比 |\n|---|---|---|---|\n"
         "| 北美 | 1,286.4 | 1,102.7 | +16.7% |\n| 欧洲 | 842.5 | 796.3 | +5.8% |\n| 合计 | 2,861.3 | 2,649.3 | +8.0% |")


def test_a_tables_lead_in_names_the_metric_of_its_rows():
    chosen = _dated_sentences("岚舟童车2025年上半年北美收入是多少？", TABLE, "岚舟童车中期业绩", "2025-08-20")
    assert chosen[:1] == ["北美:2025年上半年1,286.4百万港元;2024年上半年1,102.7百万港元;同比+16.7%"]


def test_a_channel_no_row_names_is_not_answered_by_another_channels_row():
    text = ("按渠道划分的收入（人民币万元）：\n\n| 渠道 | 2025年上半年 |\n|---|---|\n| 商超 | 27,560 |\n"
            "| 餐饮连锁 | 12,840 |\n| 合计 | 40,400 |")
    assert _dated_sentences("岚舟农业2025年上半年便利店渠道的收入是多少？", text, "岚舟农业中期业绩", "2025-11-20") == []


def test_two_levels_asked_are_not_answered_by_a_sentence_of_their_changes():
    text = ("## 延迟刊发的业绩（人民币千元）\n\n| 项目 | 2024年度 | 2023年度 |\n|---|---|---|\n"
            "| 收入 | 1,286,450 | 1,174,320 |\n| 股东应占溢利 | 82,370 | 104,560 |\n\n"
            "- 2024年度收入同比增长约9.5%，但股东应占溢利下降约21.2%。")
    chosen = _dated_sentences("岚舟医疗2024年度收入和股东应占溢利各是多少？", text, "岚舟医疗复牌公告", "2026-01-09",
                              headings=["岚舟医疗复牌公告", "延迟刊发的业绩（人民币千元）"])
    assert any("82,370" in c for c in chosen)
    assert any("1,286,450" in c for c in chosen)
    assert not any("21.2%" in c for c in chosen)


def test_two_rows_of_one_table_are_not_redundant_for_their_shared_years():
    from chatbot.evidence import Candidate, _redundant

    def row(text, figures):
        return Candidate(passage_idx=0, raw="| " + text, text=text, order=0, item=True, coverage=1.0, score=1.0,
                         figures=figures)

    a = row("收入:2024年度1,286,450;2023年度1,174,320", ["2024年", "1,286,450", "2023年", "1,174,320"])
    b = row("股东应占溢利:2024年度82,370;2023年度104,560", ["2024年", "82,370", "2023年", "104,560"])
    assert not _redundant(b, a)


# --- words ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("question", "without"), [
    ("股东如果想选股票代替现金，最晚什么时候交回表格？", "股东如果想选股票 ，最晚什么时候交回表格？"),
    ("take new shares instead of cash", "take new shares  "),
    ("收入是多少？", "收入是多少？"),
])
def test_what_a_figure_stands_in_place_of_is_no_metric_asked(question, without):
    from chatbot.evidence import without_substituted

    assert without_substituted(question) == without


@pytest.mark.parametrize(("noun", "verbs"), [
    ("termination", ["terminate"]),
    ("compensation", ["compensate"]),
    ("settlement", ["settle"]),
    ("issuance", ["issue"]),
    ("renewal", ["renew"]),
    ("revenue", []),  # no derivation
])
def test_an_english_noun_is_also_looked_up_by_its_verb(noun, verbs):
    from chatbot.bilingual import _derived

    assert [v for v in _derived(noun) if v in verbs or not verbs] == verbs


def test_a_noun_whose_own_translation_no_document_writes_finds_its_verbs():
    from chatbot.bilingual import translator

    written = {"终止", "补偿"}
    translate = translator(lambda w: w in written)
    assert translate("termination") == ["终止"]
    assert "补偿" in translate("compensation")


@pytest.mark.parametrize(("question", "intent"), [
    ("Is Quorvane still a sensible investment given its cash pile?", "advice"),
    ("Would Quorvane be a sound investment now?", "advice"),
    ("Should I invest in Quorvane?", "advice"),
    ("How much did Quorvane invest in R&D in 2025?", "lookup"),
])
def test_advice_asked_in_english_is_advice(question, intent):
    from chatbot.intent import question_intent

    assert question_intent(question, question).name == intent


# --- computed figures ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("sentence", "value", "kind"), [
    ("北美:2025年上半年1,286.4百万港元", 1_286_400_000.0, "HKD"),
    ("云南:种植面积18,600公顷", 18_600.0, "公顷"),
])
def test_a_figure_in_millions_or_hectares_is_read(sentence, value, kind):
    from chatbot.compute import facts_in

    facts = facts_in(sentence)
    assert [(round(f.lo), f.currency) for f in facts] == [(round(value), kind)]


def test_a_share_of_two_figures_in_millions_is_verified():
    from chatbot.compute import verify_formulas
    from chatbot.text import normalize

    evidence = normalize("北美:2025年上半年1,286.4百万港元 合计:2025年上半年2,861.3百万港元")
    assert "45%" in verify_formulas("1286.4百万÷2861.3百万≈45%", evidence)
    assert "46%" not in verify_formulas("1286.4百万÷2861.3百万≈46%", evidence)


def test_a_share_of_a_tables_region_is_computed_from_its_rows():
    from chatbot.compose.figures import _facts, _total_of
    from chatbot.compute import calculate, find_operand, read_derived
    from chatbot.glossary import load_glossary
    from chatbot.models import Chunk, Passage

    glossary = load_glossary()
    chunk = Chunk(id="x:1", doc_id="x", title="岚舟童车中期业绩", text=TABLE, headings=["岚舟童车中期业绩"], date="2025-08-20")
    dq = read_derived("岚舟童车2025年上半年北美收入占总收入的比例是多少？", glossary)
    passages = [Passage(chunk=chunk, score=1.0)]
    facts = _facts(passages)
    a = find_operand(facts, dq.a, lambda f, e: True)
    assert find_operand(facts, dq.b, lambda f, e: True, whole=True) is None  # no figure is labelled a total
    b = _total_of(facts, passages, a, dq.b.exclude, lambda f, e: True, None)  # the table's total row is the whole
    calc = calculate("share", a, b)
    assert calc.formulas == ["1286.4百万÷2861.3百万≈45.0%"]


@pytest.mark.parametrize(("question", "apart"), [
    ("那MiniMax2025年全年收入是多少？", "那MiniMax 2025年全年收入是多少？"),
    ("FY2025年", "FY 2025年"),
    ("MiniMax 2025年", "MiniMax 2025年"),
    ("2025年收入", "2025年收入"),
])
def test_a_latin_name_written_against_a_year_is_read_apart(question, apart):
    from chatbot.engine import apart_from_year

    assert apart_from_year(question) == apart


@pytest.mark.parametrize(("question", "name"), [
    ("那Quorvane 2025年全年收入是多少？", "Quorvane"),  # right after a Chinese word
    ("问一下Quorvane Holdings的收入", "Quorvane Holdings"),
])
def test_a_latin_name_right_after_chinese_is_a_name(question, name):
    from chatbot.glossary import load_glossary
    from chatbot.subjects import uncatalogued_names

    assert name in uncatalogued_names(question, load_glossary())


# --- the year before, and a half without its year ---------------------------------------------------------------


@pytest.mark.parametrize(("question", "rewritten"), [
    ("宁愫医疗2024年度收入去年同期是多少？", "宁愫医疗2023年度收入是多少？"),
    ("岚舟2025年上半年的收入上年同期是多少？", "岚舟2024年上半年的收入是多少？"),
    ("岚舟上半年收入去年同期是多少？", "岚舟上半年收入去年同期是多少？"),  # no year to count back from
    ("岚舟2025年上半年收入同比增长多少？", "岚舟2025年上半年收入同比增长多少？"),
])
def test_the_same_period_a_year_before_a_named_year_is_the_earlier_year(question, rewritten):
    from chatbot.text import with_year_before

    assert with_year_before(question) == rewritten


def test_the_same_period_a_year_before_with_no_year_is_answered_only_by_a_year_before_figure():
    text = "- 2025年上半年集团收入人民币4.26亿元，同比增长11.5%。\n- 上半年毛利率为41.2%（去年同期：39.5%）。"
    assert _dated_sentences("云知声上半年收入去年同期是多少？", text, "云知声中期业绩", "2025-08-20") == []
    assert _dated_sentences("云知声上半年毛利率去年同期是多少？", text, "云知声中期业绩", "2025-08-20") == [
        "上半年毛利率为41.2%（去年同期：39.5%）。"]


@pytest.mark.parametrize(("asked", "stated", "match"), [
    ({("2024", "H1")}, {(None, "H1"), ("2025", "H1")}, False),  # a heading's half beside the text's 2025 half
    ({("2025", "H1")}, {(None, "H1"), ("2025", "H1")}, True),
    ({("2024", "H1")}, {(None, "H1")}, True),  # a half whose year nothing tells
])
def test_a_half_without_its_year_beside_the_same_half_with_one_is_that_years(asked, stated, match):
    from chatbot.text import period_match

    assert period_match(asked, stated) is match


@pytest.mark.parametrize(("text", "found"), [
    ("What was the interim dividend for 2024?", {("2024", "H1")}),
    ("first-half revenue in 2025", {("2025", "H1")}),
    ("the 2024 interim dividend", {("2024", "H1")}),
])
def test_an_interims_year_written_after_the_thing_reported_is_the_halfs(text, found):
    from chatbot.text import periods

    assert periods(text) == found


@pytest.mark.parametrize(("lead", "caption"), [
    ("集团收入人民币25.36亿元，同比增长7.4%。按渠道划分的收入占比：", "按渠道划分的收入占比："),
    ("前三季度公司综合毛利率为34.2%，同比下降6.8个百分点。分板块看：", "分板块看："),
    ("按地区划分的收入（百万港元）：", "按地区划分的收入（百万港元）："),
    ("前三季度公司综合毛利率为34.2%：", ""),  # a figure of its own: no caption
])
def test_a_tables_caption_is_the_last_sentence_of_its_lead_in_stating_no_figure(lead, caption):
    from chatbot.evidence import table_caption_of

    assert table_caption_of(lead) == caption


@pytest.mark.parametrize(("sentence", "context", "found"), [
    # a bare month's end after a date of the month: that month's end, not the month carried from the sentence before
    ("12月16日前回购的股份已于2025年12月23日注销，月底已发行股份减至639,563,000股。", set(), {(None, "M12-end"),
                                                                            ("2025", "M12-end")}),
    ("月底已发行股份减至639,563,000股。", {("2025", "M12")}, {("2025", "M12-end")}),  # the bulletin's month
])
def test_a_months_end_written_without_its_number_is_the_months_the_sentence_dates(sentence, context, found):
    from chatbot.sentence_period import sentence_periods

    assert found <= sentence_periods(sentence, {(None, "M11-end")} if not context else set(), context, set(), False,
                                     "2026-01-05")


@pytest.mark.parametrize(("sentence", "cause"), [
    ("终止原因：对方进行业务重组，计划关闭部分门店。", True),  # a labelled reason
    ("Leasing revenue rose 5.6% due to higher fleet utilisation.", True),  # as an article written in English says it
    ("The notes were priced because demand was strong.", True),
    ("Leasing revenue was US$587.3 million.", False),
])
def test_a_reason_is_recognised_in_chinese_and_english(sentence, cause):
    import re

    from chatbot.compose.sections import _cfg

    assert bool(re.compile("|".join(_cfg()["cause_cues"])).search(sentence)) is cause


@pytest.mark.parametrize(("question", "intent"), [
    ('Under Chapter 18C, what counts as a "commercialised" company?', "definition"),
    ("什么才算已商业化公司？", "definition"),
    ("净利润算多少？", "lookup"),
])
def test_what_counts_as_asks_a_definition(question, intent):
    from chatbot.intent import question_intent

    assert question_intent(question, question).name == intent


@pytest.mark.parametrize(("question", "asks"), [
    ("去年同期呢？", True),
    ("上年同期它是赚钱还是亏钱？", True),
    ("What was revenue in the year-ago period?", True),
    ("Q3毛利率较去年同期改善了几个点？", False),  # a change against the year before
    ("How much did revenue grow from the same period last year?", False),
])
def test_the_year_before_is_asked_as_a_level_not_as_a_change(question, asks):
    from chatbot.evidence import asks_year_before

    assert asks_year_before(question) is asks


def test_a_fiscal_year_column_beside_the_same_years_nine_months_is_read():
    from chatbot.text import periods

    assert ("2024", None) in periods("Leasing revenue:FY2023：702.5;FY2024：748.9;9M2024：556.0;9M2025：587.3")


def test_a_row_of_shares_is_no_amount_of_the_metric():
    text = ("集团收入人民币25.36亿元，同比增长7.4%。按渠道划分的收入占比：\n\n| 渠道 | 2025财年占比 | 2024财年占比 |\n|---|---|---|\n"
            "| 餐饮 | 38% | 41% |\n| 电商 | 16% | 13% |")
    assert _dated_sentences("云知声2024财年收入是多少？", text, "云知声终止供应协议", "2025-12-19") == []
    assert any("16%" in s for s in _dated_sentences("云知声2025财年电商渠道收入占比是多少？", text, "云知声终止供应协议",
                                                     "2025-12-19"))


@pytest.mark.parametrize(("name", "firm"), [
    ("澄净科技呢", True),  # a firm's suffix, a name no document writes
    ("码头吞吐量呢", False),
    ("科技", False),
])
def test_a_follow_ups_name_with_a_firms_suffix_is_a_company(name, firm):
    from chatbot.subjects import firm_shaped

    assert firm_shaped(name, lambda w: w in {"码头", "吞吐量", "科技"}) is firm


@pytest.mark.parametrize(("question", "standalone"), [
    ("And Boxamar Leasing's?", "What was Boxamar Leasing's 9M25 leasing revenue?"),
    ("And for Quorvane?", "What was Quorvane's 9M25 leasing revenue?"),
])
def test_an_english_follow_up_naming_an_uncatalogued_company_asks_the_same_of_it(question, standalone):
    from chatbot.followup import resolve_followup
    from chatbot.glossary import load_glossary

    glossary = load_glossary()
    history = [{"role": "user", "content": "What was Unisound's 9M25 leasing revenue?"},
               {"role": "assistant", "content": "US$587.3 million [1]."}]
    assert resolve_followup(question, history, glossary) == standalone


PLANTATIONS = ("| 地区 | 种植面积（公顷） | 2025年干胶产量（吨） |\n|---|---|---|\n| 海南 | 18,600 | 21,380 |\n"
               "| 老挝北部 | 9,300 | 7,420 |\n| 合计 | 27,900 | 28,800 |")


@pytest.mark.parametrize(("question", "answered"), [
    ("云知声海南2025年干胶产量是多少？", "海南"),
    ("云知声泰国2025年干胶产量是多少？", ""),  # a place no passage names: no other region's row
    ("云知声美国2025年干胶产量是多少？", ""),  # a place right after the company: the region asked
])
def test_a_region_asked_is_answered_only_by_its_own_row(question, answered):
    chosen = _dated_sentences(question, PLANTATIONS, "云知声种植园数据", "2026-01-06", indexed=" 美国市场")
    assert [c.split(":")[0] for c in chosen][:1] == ([answered] if answered else [])


@pytest.mark.parametrize(("question", "head"), [
    ("云知声2025年12月的回购均价是多少？", "均价"),  # a thing no passage names, asked last
    ("云知声12月回购了多少股？", ""),  # a count in a measure word
    ("云知声每年能产多少叶菜？", ""),  # the thing counted after the ask
    ("云知声哪天复牌？停牌前的均价是多少？", ""),  # two questions in one
    ("云知声2024年收入是多少？", ""),  # a metric
])
def test_a_chinese_figure_questions_head_that_no_passage_names_is_unnamed(question, head):
    from chatbot.evidence import analyse_question, unnamed_head_zh
    from chatbot.glossary import load_glossary
    from test_lookup20_rules import _idf

    spec = analyse_question(question, load_glossary(), _idf("云知声2025年12月回购股份，总代价约680万港元。叶菜产量2,380吨。"))
    assert unnamed_head_zh(question, spec) == head


@pytest.mark.parametrize(("question", "unknown"), [
    ("How many riders did Songlan carry during Golden Week?", []),  # a dictionary phrase the documents write: 黄金周
    ("What was Quorvane's revenue in 2025?", ["Quorvane"]),
])
def test_an_english_phrase_the_documents_write_in_chinese_is_no_unknown_company(question, unknown):
    from chatbot.glossary import load_glossary
    from chatbot.subjects import unknown_names

    written = {"黄金周", "嵩缆旅游"}
    assert [n for n in unknown_names(question, load_glossary(), lambda w: w in written) if n != "Songlan"] == unknown


@pytest.mark.parametrize(("question", "unknown"), [
    ("为什么宁禾康复医院的利润下滑了？", ["宁禾康复医院"]),  # a name right after the question word
    ("为什么要终止协议？", []),  # what is done, no name
    ("为什么会亏损？", []),
])
def test_a_name_after_a_question_word_is_read_and_a_verb_is_no_name(question, unknown):
    from chatbot.glossary import load_glossary
    from chatbot.subjects import unknown_names

    written = {"终止", "协议", "亏损", "利润", "下滑", "医院", "康复"}
    assert unknown_names(question, load_glossary(), lambda w: w in written) == unknown


@pytest.mark.parametrize(("word", "forms"), [
    ("japan", ["日本"]),  # a place is that place, not another sense the documents write (内地)
    ("europe", ["欧洲"]),
    ("revenue", ["收入"]),
])
def test_an_english_place_is_translated_as_the_place(word, forms):
    from chatbot.bilingual import translator

    assert translator(lambda w: w in {"内地", "日本", "欧洲", "收入"})(word) == forms


@pytest.mark.parametrize(("word", "place"), [("Japan", True), ("泰国", True), ("revenue", False), ("first", False), ("蒙特雷", False)])
def test_a_place_is_told_in_chinese_and_english(word, place):
    from chatbot.evidence import _is_place

    assert _is_place(word) is place


@pytest.mark.parametrize(("word", "place"), [("japan", True), ("thailand", True), ("first", False), ("state", False),
                                             ("revenue", False)])
def test_an_english_word_names_a_place_when_most_of_its_senses_are_places(word, place):
    from chatbot.bilingual import names_a_place

    assert names_a_place(word) is place


def test_a_compound_head_whose_last_word_the_documents_write_is_named():
    from chatbot.evidence import analyse_question, unnamed_head_zh
    from chatbot.glossary import load_glossary
    from test_lookup20_rules import _idf

    question = "云知声三季度每吨煤的生产成本是多少？"
    spec = analyse_question(question, load_glossary(), _idf("三季度自产煤吨煤成本301元，同比下降5.1%。"))
    assert unnamed_head_zh(question, spec, lambda w: w in {"成本", "吨煤"}) == ""
