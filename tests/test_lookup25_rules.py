"""Table-driven tests of the session-25 rules (dev-25's misses and wrong figures, by class): articles written in
English, plain-text tables and headings, counts in table cells, places after 在, plans that are no figure yet, parties
asked by their role, two questions in one, and follow-ups that name the company's board."""

from __future__ import annotations

import pytest

from test_lookup20_rules import _sentences  # (one passage scored with the real glossary)

# --- period spellings ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("spoken", "written"), [
    ("截至2025年9月底的那半年", "截至2025年9月30日止六个月"),  # a demonstrative after 的
    ("截至2025年9月底的半年", "截至2025年9月30日止六个月"),
    ("截至2025年9月底那半年", "截至2025年9月30日止六个月"),
    ("截至2025年6月底的半年", "截至2025年6月底的半年"),  # a calendar half: read as the month's end elsewhere
])
def test_a_half_year_to_a_months_end_is_read_as_the_reports_span(spoken, written):
    from chatbot.text import period_spellings

    assert period_spellings(spoken) == written


# --- plans -------------------------------------------------------------------------------------------------------


def _dated_sentences(question: str, text: str, title: str, date: str, indexed: str = "",
                     headings: list[str] | None = None) -> list[str]:
    """The sentences chosen from one dated passage, with the glossary merged with the finance term list (as the engine
    merges it: "export" is 出口, "Europe" 欧洲)."""
    from dataclasses import replace

    from chatbot.bilingual import finance_terms
    from chatbot.evidence import score_candidates
    from chatbot.glossary import load_glossary
    from chatbot.models import Chunk, Passage
    from test_lookup20_rules import _idf

    base = load_glossary()
    glossary = replace(base, terms={**finance_terms(), **base.terms})
    chunk = Chunk(id="x:1", doc_id="x", title=title, text=text, headings=headings or [title], date=date)
    cands, _ = score_candidates(question, [Passage(chunk=chunk, score=1.0)], glossary, _idf(text + title + indexed))
    return [c.text for c in cands]


STORES = "截至2025年12月31日，云知声共有门店2,049家。公司计划2026年净增门店约150家，重点拓展四川及云南市场。"


@pytest.mark.parametrize(("question", "first"), [
    # no period asked: the plan for a year still to come is no count the company has
    ("云知声有多少家门店？", "截至2025年12月31日，云知声共有门店2,049家。"),
    # the plan asked: the plan answers
    ("云知声2026年计划净增多少家门店？", "公司计划2026年净增门店约150家，重点拓展四川及云南市场。"),
    ("云知声2026年打算净增多少家门店？", "公司计划2026年净增门店约150家，重点拓展四川及云南市场。"),
])
def test_a_plan_for_a_period_to_come_answers_only_a_plan_asked(question, first):
    assert _dated_sentences(question, STORES, "云知声门店更新", "2026-01-09")[:1] == [first]


def test_a_region_asked_after_zai_is_not_answered_by_the_plan_naming_it():
    assert _dated_sentences("云知声在云南有多少家门店？", STORES, "云知声门店更新", "2026-01-09") == []


# --- places asked after 在 / 于 ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("question", "places"), [
    ("眠垣家居在云南有多少家门店？", [["云南"]]),
    ("云知声在欧洲的收入是多少", [["欧洲"]]),
    ("公司在香港上市的发行价是多少", []),  # where it listed once, not where its figure is
    ("云知声在中国的收入是多少", []),  # a country as a whole is no part of it
])
def test_a_place_after_zai_is_a_region_asked(question, places):
    from chatbot.evidence_config import evidence_config
    from chatbot.metric_scope import asked_places

    c = evidence_config()["scope"]
    assert asked_places(question, c["place_pos"], c["place_noun_pos"], c["not_segment_places"], ["眠垣家居", "云知声"],
                        (c["place_after"], c["place_after_next"])) == places


# --- counts in table cells ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("question", "noun"), [
    ("到2025年底在广东开着多少家店？", "店"),  # one character: 门店数 counts it
    ("有多少家门店？", "门店"),
    ("一共多少家？", ""),
])
def test_the_noun_a_count_asks_may_be_one_character(question, noun):
    from chatbot.evidence import _counted_noun

    assert _counted_noun(question, ["家"]) == noun


@pytest.mark.parametrize(("row", "words", "measures", "counts"), [
    ("湖北:2025年6月30日门店数153;下半年新开11;下半年关闭15", [["关闭"]], ["家"], True),
    ("湖北:下半年关闭15", [["新开"]], ["家"], False),  # no cell of the word asked
    ("湖北:收入15亿元", [["收入"]], ["家"], False),  # an amount, no bare count
    ("湖北:下半年关闭15", [["关闭"]], ["吨"], False),  # a weight asked: no classifier
])
def test_a_rows_bare_number_under_a_word_asked_is_a_count(row, words, measures, counts):
    from chatbot.evidence import row_counts

    assert row_counts(row, words, measures) is counts


# --- articles written in English -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "unit", "states"), [
    ("Export deliveries were 612 units in December 2025.", "units", True),
    ("Output was 1.2 million tonnes in 2025.", "tonnes", True),
    ("December 2025 revenue was about US$61.8 million.", "units", False),
    ("公司销量612辆。", "辆", True),
])
def test_an_english_unit_is_stated_as_an_english_article_writes_it(text, unit, states):
    from chatbot.evidence import states_measure

    assert states_measure(text, unit) is states


def test_an_english_count_asked_is_also_read_in_its_own_word():
    from chatbot.evidence import asked_measures

    assert "units" in asked_measures("How many export units did the company ship in December 2025?")


@pytest.mark.parametrize(("question", "segments"), [
    ("How many export units did Caravique ship in December 2025?", [["海外", "境外", "出口", "export"]]),
    ("云知声出口收入是多少？", [["海外", "境外", "出口"]]),  # a Chinese question: its Chinese forms only
])
def test_an_english_segment_word_keeps_the_form_the_question_writes(question, segments):
    from chatbot.evidence_config import evidence_config
    from chatbot.metric_scope import asked_segments

    assert asked_segments(question, evidence_config()["scope"]["segment_words"][2:3]) == segments


@pytest.mark.parametrize(("question", "has", "lacks"), [
    # a single English word of a term is there for an English article ("export" beside 出口)
    ("How many export units did Caravique ship?", ["export"], []),
    # an English term whose Chinese forms another group holds adds no group of the English word alone
    ("How much did Zhipu raise in gross proceeds from its Hong Kong IPO?", [], ["raise"]),
])
def test_an_english_term_is_matched_as_written_and_weighed_by_its_chinese(question, has, lacks):
    from dataclasses import replace

    from chatbot.bilingual import finance_terms
    from chatbot.evidence import question_terms
    from chatbot.glossary import load_glossary
    from test_lookup20_rules import _idf

    base = load_glossary()  # (with the finance term list, as the engine merges it)
    groups = question_terms(question, replace(base, terms={**finance_terms(), **base.terms}), _idf("出口 所得款项总额 募资 集资"))
    assert all(any(a in g.alternatives for g in groups) for a in has)
    assert not any(g.kind == "term" and g.alternatives == [a] for g in groups for a in lacks)  # (no term of it alone)


@pytest.mark.parametrize(("lang", "quoted", "lead"), [
    ("en", ["Export deliveries were 612 units in December 2025."], "quoted as written"),
    ("en", ["出口612辆。"], "quoted in the original Chinese"),
    ("zh", ["出口612辆。"], ""),
])
def test_the_lead_in_says_what_language_it_quotes(lang, quoted, lead):
    from chatbot.answerers.extractive import lead_in

    assert (lead in lead_in(lang, quoted)) if lead else lead_in(lang, quoted) == ""


ENGLISH_OPENING = ("# Caravique Holdings (2381.HK): monthly sales update for December 2025\n"
                   "Caravique Holdings Limited (旅骐房车控股有限公司, stock code 2381), a Chinese maker of recreational "
                   "vehicles, published its sales update.\nCaravique Holdings sold 2,678 units.")


def test_an_english_name_with_its_chinese_name_and_stock_code_in_brackets_is_one_company():
    from chatbot.entity_extract import extract

    entries = extract("Caravique Holdings (2381.HK) December 2025 sales update", ["2381.HK"], ENGLISH_OPENING)
    companies = [e for e in entries if e.kind == "company"]
    assert len(companies) == 1
    assert companies[0].tickers == ["2381.HK"]
    assert {"旅骐房车", "Caravique Holdings"} <= {companies[0].name, *companies[0].aliases}


# --- plain-text tables and headings (the loader) ---------------------------------------------------------------------


@pytest.mark.parametrize(("text", "table_lines"), [
    ("说明：\n项目 | 2025财年 | 2024财年\n收入 | 2,386,540 | 2,104,870\n毛利 | 858,230 | 732,290\n以上。",
     ["| 项目 | 2025财年 | 2024财年 |", "|---|---|---|", "| 收入 | 2,386,540 | 2,104,870 |", "| 毛利 | 858,230 | 732,290 |"]),
    ("一行 | 两格\n然后是正文。", []),  # one line with a pipe is no table
    ("| a | b |\n|---|---|\n| 1 | 2 |", ["| a | b |", "|---|---|", "| 1 | 2 |"]),  # Markdown already: as it is
    ("a | b\nc | d | e", []),  # rows of different widths
])
def test_rows_written_with_pipes_become_a_markdown_table(text, table_lines):
    from ingest.loaders import pipe_tables

    out = pipe_tables(text)
    assert [ln for ln in out.split("\n") if ln.startswith("|")] == table_lines
    if table_lines and not text.startswith("|"):  # a block of its own, blank lines around it
        assert f"\n\n{table_lines[0]}" in out


INCOME_STATEMENT = ("| 项目 | 2025财年 | 2024财年 |\n|---|---|---|\n| 年内溢利 | 227,290 | 174,010 |\n"
                    "| 本公司拥有人应占 | 224,850 | 171,930 |\n| 非控股权益应占 | 2,440 | 2,080 |")


def test_an_owners_share_row_is_read_with_the_row_above():
    from chatbot.evidence import passage_sentences

    shown = [s for _, s, _, _ in passage_sentences(INCOME_STATEMENT)]
    assert shown[1].startswith("年内溢利/本公司拥有人应占:")
    assert shown[2].startswith("年内溢利/非控股权益应占:")


# --- two questions in one ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "change"), [
    ("实际税率是多少？", False),
    ("同比变化多少？", True),
    ("增长了多少", True),
])
def test_a_second_question_asking_a_change_is_the_first_figures(text, change):
    from chatbot.two_part import _asks_change

    assert _asks_change(text) is change


# --- parties asked by their role -------------------------------------------------------------------------------------

RIGHTS_ISSUE = ("云知声建议按每持有两股获发一股进行供股。"
                "控股股东汤峦投资有限公司持有公司约46.2%股份，已不可撤回地承诺悉数认购其配额。")


@pytest.mark.parametrize("question", ["云知声的大股东持有多少股份？", "云知声的控股股东持股比例是多少？"])
def test_a_party_asked_by_its_role_is_answered_in_the_companys_own_document(question):
    assert any("46.2%" in s for s in _sentences(question, RIGHTS_ISSUE, "云知声供股公告"))


# --- follow-ups ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("question", "standalone"), [
    ("What does the board conclude about the fire's impact?", "What does 云知声's board conclude about the fire's impact?"),
    ("What did the company say?", "What did 云知声 say?"),  # the company itself (session 36: not "云知声's company")
    ("What does the board's chair say?", "What does the board's chair say?"),  # a possessive: not rewritten
])
def test_an_english_follow_up_naming_the_board_asks_the_company_before(question, standalone):
    from chatbot.followup import resolve_followup
    from chatbot.glossary import load_glossary

    history = [{"role": "user", "content": "云知声的工厂发生了什么？"}, {"role": "assistant", "content": "发生火灾。"}]
    assert resolve_followup(question, history, load_glossary()) == standalone


# --- a table's caption writes its cells' unit --------------------------------------------------------------------------

CAPPED = ("下表列示历史年度上限及实际交易金额（单位：人民币千元）：\n\n"
          "| 项目 | 2023年 | 2024年 | 截至2025年10月31日止十个月 |\n|---|---|---|---|\n"
          "| 历史年度上限 | 1,450,000 | 1,580,000 | 1,720,000（2025年全年上限） |\n"
          "| 实际交易金额 | 1,286,430 | 1,412,760 | 1,238,915 |\n"
          "| 上限使用率 | 88.7% | 89.4% | 不适用 |")


@pytest.mark.parametrize(("line", "unit"), [
    ("下表列示…实际交易金额（单位：人民币千元）：", "千元"),
    ("（单位：港币千元）", "千港元"),
    ("单位：万立方米", "万立方米"),
    ("单位：%", ""),  # a rate: no unit of amounts
    ("下表列示各项数据：", ""),
])
def test_a_caption_writes_the_unit_of_a_tables_cells(line, unit):
    from chatbot.table_cells import caption_unit

    assert caption_unit(line) == unit


@pytest.mark.parametrize(("header", "read"), [
    (["项目", "2024年", "2024财年", "附注"], ["项目", "2024年（千元）", "2024财年（千元）", "附注"]),  # period columns only
    (["项目", "收入（亿元）"], ["项目", "收入（亿元）"]),  # a column's own unit stays
])
def test_a_captions_unit_goes_to_the_period_columns(header, read):
    from chatbot.table_cells import with_caption_unit

    assert with_caption_unit(header, "（单位：人民币千元）") == read


def test_a_captioned_tables_rows_read_their_cells_in_its_unit_and_are_checked_so():
    from chatbot.evidence import passage_sentences
    from chatbot.table_cells import checkable

    shown = [s for _, s, _, _ in passage_sentences(CAPPED)]
    assert any(s.startswith("实际交易金额:2023年1,286,430千元;2024年1,412,760千元") for s in shown)
    assert any("1,720,000千元（2025年全年上限）" in s for s in shown)  # a number with a note in brackets
    assert any("上限使用率:2023年88.7%" in s for s in shown)  # a rate is no amount
    assert "1412760千元" in checkable(CAPPED)


@pytest.mark.parametrize(("text", "found"), [
    ("截至2025年10月31日止十个月", {("2025", "M01-10")}),  # from January: the months to that month's end
    ("截至2025年11月30日止十一个月", {("2025", "M01-11")}),
    ("截至2025年9月30日止九个月", {("2025", "Q1-3")}),
    ("截至2025年9月30日止六个月", set()),  # a fiscal half: read with its fiscal year elsewhere
])
def test_a_span_of_months_from_january_is_a_period(text, found):
    from chatbot.text import periods

    assert periods(text) == found


@pytest.mark.parametrize(("q", "word"), [("M01-10", "1-10月"), ("M06-end", "6月末"), ("M07", "7月"), ("H1", "上半年")])
def test_a_period_is_written_back_as_chinese_writes_it(q, word):
    from chatbot.text import period_word

    assert period_word(q) == word


@pytest.mark.parametrize(("sentence", "values"), [
    ("实际交易金额:2023年1,286,430千元;2024年1,412,760千元", [1_286_430_000.0, 1_412_760_000.0]),
    ("收入15亿元", [1.5e9]),
])
def test_amounts_in_thousands_are_read(sentence, values):
    from chatbot.compute import facts_in

    assert [f.lo for f in facts_in(sentence)] == values


def test_a_share_of_a_cap_used_is_computed_from_a_captioned_table():
    from chatbot.compute import read_derived, verify_formulas
    from chatbot.glossary import load_glossary
    from chatbot.text import normalize

    dq = read_derived("云知声2025年前十个月的实际交易额用掉了全年上限的百分之几？", load_glossary())
    assert dq is not None
    assert dq.kind == "share"
    assert dq.a.period == ("2025", "M01-10")
    assert not any("年前" in g for g in dq.a.terms)  # the span is a period, no term
    assert normalize("72%") in verify_formulas("1238915千÷1720000千≈72%", normalize("1,238,915千元 1,720,000千元"))


# --- a total row answers the company's figure ---------------------------------------------------------------------

BY_PROVINCE = ("## 按省份划分的门店变动\n\n| 省份 | 下半年新开 | 下半年关闭 |\n|---|---|---|\n"
               "| 广东 | 38 | 14 |\n| 浙江 | 22 | 9 |\n| 合计 | 174 | 97 |")


@pytest.mark.parametrize(("question", "labels"), [
    ("云知声2025年下半年一共新开了多少家店？", ["合计"]),  # the company's: the total, not each province
    ("云知声2025年下半年在广东新开了多少家店？", ["广东"]),
    ("云知声哪个省份下半年新开的店最多？", ["合计", "广东", "浙江"]),  # the parts asked: all rows
])
def test_the_total_row_answers_the_companys_figure(question, labels):
    chosen = _sentences(question, BY_PROVINCE, "云知声门店更新", ["云知声门店更新", "按省份划分的门店变动"])
    assert sorted(c.split(":")[0] for c in chosen if ":" in c) == sorted(labels)


# --- peers named in passing -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "kept"), [
    ("公司表示，雪菌农业等同业亦在扩产，公司将通过出口消化新增产能。", "公司表示，公司将通过出口消化新增产能。"),
    ("18家基石投资者合计认购约15.83亿港元，包括中兴通讯、第四范式", "18家基石投资者合计认购约15.83亿港元，"),
    ("公司收入增长9%。", "公司收入增长9%。"),
])
def test_a_clause_naming_peers_is_not_the_sentences_subject(sentence, kept):
    from chatbot.evidence import _before_enumeration

    assert _before_enumeration(sentence) == kept


# --- an intent's cue inside a term -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("question", "intent"), [
    ("What are the last day of dealings and the latest time for acceptance?", "lookup"),  # a term's "latest"
    ("What is the latest monthly operating update from the company?", "latest"),
    ("And what was the 2024 net loss as a percentage of that revenue?", "derived"),
])
def test_a_cue_word_inside_a_finance_term_is_no_cue(question, intent):
    from chatbot.intent import detect_intent

    assert detect_intent(question).name == intent


# --- an English article's months, places and full years -----------------------------------------------------------

ENGLISH_UPDATE = ("Unisound (云知声) published its sales update.\n\n"
                  "- Export deliveries were 612 units in December 2025, up 41.0% from 434 units a year earlier.\n"
                  "- For FY2025, exports totalled 5,836 units, or 21.4% of total deliveries. By destination: Australia "
                  "and New Zealand 2,418 units, Europe 1,976 units and other markets 400 units.")


@pytest.mark.parametrize(("question", "first"), [
    ("How many export units did 云知声 ship in December 2025?", "Export deliveries were 612 units"),
    # a month asked: the full year's lines (and the line carrying its year) are no month's
    ("What were 云知声's export deliveries in November 2025?", None),
    # a place asked: only a line naming it answers, in its English form too
    ("How many units did 云知声 export to Europe in FY2025?", "By destination:"),
    ("How many units did 云知声 export to Europe in December 2025?", None),
])
def test_an_english_articles_months_and_places_are_read_as_written(question, first):
    # (an index of Chinese articles beside it holds the Chinese forms of the question's terms)
    title = "云知声 December 2025 sales update"  # (under a section headed "Exports")
    chosen = _dated_sentences(question, ENGLISH_UPDATE, title, "2026-01-07", " 出口 出货 欧洲 12月 11月 2025年 财年",
                              [title, "Exports"])
    assert (chosen[0].startswith(first) if first else chosen == []), chosen


# --- a word of the figure asked ------------------------------------------------------------------------------------

BASES = ("2025年上半年罐体销量约48.6亿罐。云知声于佛山、武汉、青岛及沈阳设有四个生产基地，年产能合计约132亿罐。\n\n"
         "新签订单方面，分季度看：\n\n| 季度 | 新签艘数 |\n|---|---|\n| 三季度 | 17 |")


@pytest.mark.parametrize(("question", "chosen"), [
    # no word of the figure asked (租金, 上限) in the sentence, the one before it or a heading: no answer
    ("云知声租用青岛厂房的每年租金上限是多少？", []),
    # the table's lead-in names the figure ("新签订单…：") over a row of its own words
    ("云知声三季度新签了多少订单？", ["三季度:新签艘数17"]),
])
def test_a_figure_asked_needs_a_word_of_it_near_the_sentence(question, chosen):
    title = "云知声三季度新签订单17艘"  # (the title names the orders; the section heading over the lines does not)
    assert [c.rstrip("。") for c in _sentences(question, BASES, title, [title, "经营数据"])] == chosen


@pytest.mark.parametrize(("word", "question", "of_period"), [
    ("end", "How many franchised salons did it have at end-September?", True),
    ("first", "How much did it export over the first eleven months of 2025?", True),
    ("export", "How much did it export over the first eleven months of 2025?", False),
    ("租金", "青岛厂房的每年租金上限是多少？", False),  # (a Chinese word: never)
])
def test_an_english_word_of_the_period_asked_is_no_word_of_the_figure(word, question, of_period):
    from chatbot.evidence import TermGroup, _of_period

    assert _of_period(TermGroup([word], 1.0), question) is of_period
