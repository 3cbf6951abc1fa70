"""Table-driven tests of the session-39 rules (dev-39's misses, by mechanism): a table cell holding a date alone dates
the row's item, not its figures; a numbered name ("溟珂7号") is the item asked, held whole; a pointer and its measure word
after a company ("那艘") is no name; an English conjunction is a word of its own ("and", not the end of "thousand"); a
period written only in a later question is that question's; a reader's words dropped from a question keep its
English period ("1H FY2026"); English fiscal periods ("FY2025", "the first half of FY2026"); a heading's period and its
dates in brackets are one period."""

from __future__ import annotations

import pytest

from chatbot.glossary import load_glossary

# --- a table cell holding a date alone ------------------------------------------------------------------------------


@pytest.mark.parametrize(("cell", "date"), [
    ("2023年", True),
    ("2025年10月", True),
    ("2025年10月3日", True),
    ("2025-10", True),
    ("October 2025", True),
    ("3 Oct 2025", True),
    ("**2023年**", True),
    ("2023", False),  # (a bare number is a figure)
    ("14,630", False),
    ("2023年投产", False),  # (a date and a word: no date alone)
])
def test_a_date_cell(cell, date):
    from chatbot.evidence import _date_cell

    assert _date_cell(cell) is date


@pytest.mark.parametrize(("row", "header", "periods"), [
    # a ship's commissioning year is no period of its catch
    ("| 溟珂7号 | 2023年 | 14,630 |", ["船舶", "投入作业", "捕捞量"], set()),
    ("| Linjiang mine | October 2025 | 168,300 |", ["Mine", "Commissioned", "Output"], set()),
    # a column naming the period keeps it
    ("| 溟珂海洋 | 2025年 | 14,630 |", ["公司", "年度", "捕捞量"], {("2025", None)}),
    ("| Revenue | FY2025 | 1,284.6 |", ["Item", "Period", "Amount"], {("2025", None)}),
    # the label's own period stays
    ("| 2025年7月 | 21.36 |", ["月份", "收入"], {("2025", "M07")}),
])
def test_a_date_cell_dates_the_item_not_the_figures(row, header, periods):
    from chatbot.evidence import _render_row, _row_periods

    assert _row_periods(row, header, _render_row(row, header)) == periods


def test_a_date_column_takes_no_unit_a_caption_gives():
    from chatbot.evidence import _render_row

    shown = _render_row("| 溟珂7号 | 2023年 | 14,630 |", ["船舶", "投入作业（吨）", "捕捞量（吨）"])
    assert "投入作业2023年" in shown
    assert "14,630吨" in shown


# --- a numbered name -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("question", "names"), [
    ("“溟珂7号”在2026财年上半年捕捞了多少吨磷虾？", ["溟珂7号"]),
    ("3号线的日均客流是多少？", ["3号线"]),
    ("二期项目的产能是多少？", ["二期项目"]),
    ("2025年1月1号的收盘价是多少？", []),  # (a day of a month)
    ("1月12号公告了什么？", []),
    ("溟珂海洋第3号船捕捞了多少？", []),  # (an ordinal: no name as written)
])
def test_a_numbered_name(question, names):
    from chatbot.evidence import _designated_re

    assert [m.group(0).strip() for m in _designated_re().finditer(question.lower())] == names


def test_a_numbered_name_is_held_whole():
    from chatbot.evidence import DESIGNATED_SOURCE, analyse_question

    spec = analyse_question("“溟珂7号”在2026财年上半年捕捞了多少吨磷虾？", load_glossary(), lambda t: 3.0)
    held = [g for g in spec.required if g.source == DESIGNATED_SOURCE]
    assert [g.alternatives for g in held] == [["溟珂7号"]]
    assert held[0].marked


# --- a pointer and its measure word -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("word", "phrasing"), [
    ("那艘", True),
    ("这两家", True),
    ("该批", True),
    ("这3家", True),
    ("那曲", False),  # (a place: no measure word)
    ("船队", False),
])
def test_a_pointer_and_its_measure_word_is_phrasing(word, phrasing):
    from chatbot.names import load_rules
    from chatbot.subjects import _phrasing_word

    assert _phrasing_word(word, load_rules()) is phrasing


# --- an English conjunction is a word of its own ------------------------------------------------------------------------


@pytest.mark.parametrize(("question", "word", "count"), [
    ("How much krill meal revenue did X book, in RMB thousand, and how fast did it grow?", "and", 1),
    ("What were the brand and the band sales?", "and", 1),  # (not inside "brand" or "band")
    ("Revenue and profit and margin?", "and", 2),
])
def test_an_english_conjunction_is_a_word_of_its_own(question, word, count):
    from chatbot.text import normalize
    from chatbot.two_part import _raw_index, _word_starts

    q = normalize(question)
    starts = _word_starts(question, _raw_index(question), q, word)
    assert len(starts) == count
    assert all(q[k:k + len(word)] == word for k in starts)


# --- a reader's words dropped, the English period kept -----------------------------------------------------------------


@pytest.mark.parametrize(("question", "kept"), [
    ("What did Huiyu Sports pay per thousand goose feather pieces in 1H FY2026, and how much did that price rise?",
     "1H FY2026"),
    ("How fast did Q3'25 sales grow?", "Q3'25"),
    ("What was the 2H FY25 margin?", "2H FY25"),
])
def test_a_dropped_question_keeps_its_english_period(question, kept):
    from chatbot.compose.base import drop_absent

    # (every word weighs as one no passage holds: only the periods, units and the glossary's words stay)
    out = drop_absent(question, load_glossary(), lambda t: 99.0)
    assert kept in out


# --- English fiscal periods ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "found"), [
    ("What was X's revenue in FY2025?", ["FY2025"]),
    ("revenue in the first quarter of FY2026", ["the first quarter of FY2026"]),
    ("FY 2023 and 2Q25", ["FY 2023", "2Q25"]),
    ("the first half of 2025", ["the first half of 2025"]),
])
def test_an_english_period_phrase(text, found):
    from chatbot.text import period_phrase_en_re

    assert [m.group(0) for m in period_phrase_en_re().finditer(text)] == found


@pytest.mark.parametrize(("text", "period"), [
    ("First half of FY2026", {("2026", "H1")}),
    ("the second half of fiscal 2025", {("2025", "H2")}),
    ("first nine months of FY2026", {("2026", "Q1-3")}),
    ("First quarter of FY2026", {("2026", "Q1")}),
])
def test_an_english_fiscal_period(text, period):
    from chatbot.text import english_period_forms, periods

    assert periods(english_period_forms(text)) == period


@pytest.mark.parametrize(("heading", "period"), [
    ("First quarter of FY2026 (three months ended 31 December 2025)", {("2026", "Q1")}),
    ("2026财年第一季度（截至2025年12月31日止三个月）", {("2026", "Q1")}),
    ("2025财年业绩", {("2025", None)}),  # (no brackets)
])
def test_a_heading_period_and_its_dates_in_brackets(heading, period):
    from chatbot.sentence_period import context_period

    assert context_period("title", ["title", heading]) == period


def test_a_period_written_only_in_a_later_question_is_that_questions():
    """"…索赔多少钱？这艘船在2025财年贡献了…多大比例": the claim is asked of no year."""
    from chatbot.evidence import analyse_question, split_spec
    from chatbot.evidence_config import evidence_config

    cfg = evidence_config()["two_part"]
    idf = lambda t: 99.0 if t == "\uffff" else 3.0  # noqa: E731  (every word held by some passage)

    def split(question):
        spec = analyse_question(question, load_glossary(), idf)
        return [p.periods for p in split_spec(question, spec, cfg["conjunctions"], cfg["clause_breaks"])]

    assert split("溟珂海洋燃油供应商索赔多少钱？这艘船在2025财年贡献了公司多大比例的捕捞量？") == [set(), {("2025", None)}]
    # (written in the first question, the period goes on into the second)
    assert split("溟珂海洋2025财年燃油供应商索赔多少钱？这艘船贡献了公司多大比例的捕捞量？") == [{("2025", None)}] * 2


def test_a_metric_written_only_in_a_later_question_is_that_questions():
    from chatbot.evidence import analyse_question, split_spec
    from chatbot.evidence_config import evidence_config

    cfg = evidence_config()["two_part"]
    idf = lambda t: 99.0 if t == "\uffff" else 3.0  # noqa: E731

    def split(question):
        spec = analyse_question(question, load_glossary(), idf)
        return [bool(p.metrics) for p in split_spec(question, spec, cfg["conjunctions"], cfg["clause_breaks"])]

    assert split("翚羽体育的羽毛球出口退税率从多少降到多少？公司2026财年上半年有多大比例的收入来自出口？") == [False, True]
    # (written in the first question, the metric goes on into the second)
    assert split("翚羽体育2026财年上半年收入是多少？净利润多少？") == [True, True]


# --- a figure asked at its extreme ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("question", "held"), [
    ("智谱股价最高涨到过多少？", True),
    ("What was the lowest price of the year?", True),
    ("哪个业务毛利率最高？", False),  # (which of several: a comparison, each item's figure)
    ("What was the peak-hour volume?", False),  # (a compound: no extreme asked)
    ("收入是多少？", False),
])
def test_a_figure_asked_at_its_extreme(question, held):
    from chatbot.evidence import extreme_written

    assert bool(extreme_written(question)) is held


@pytest.mark.parametrize(("word", "sentence", "named"), [
    ("新股", "配售780万股新h股,每股252港元", True),
    ("新股", "新能源车股", False),
    ("收入", "收a入", False),  # (a share class only: a word ending in 股)
])
def test_a_share_class_letter_inside_a_word(word, sentence, named):
    from chatbot.evidence import _with_share_class

    assert _with_share_class(word, sentence) is named


@pytest.mark.parametrize(("text", "dated", "months"), [
    ("1月16日港股开市前,云知声公告配售", "2026-01-20", {("2026", "M01")}),
    ("12月30日公告", "2026-01-20", {("2025", "M12")}),  # (a month after the article's: the year before)
    ("2025年12月30日公告", "2026-01-20", set()),  # (a year written: day_dated_months reads it)
    ("1月16日", "", set()),  # (no date: no year)
])
def test_a_day_written_without_its_year(text, dated, months):
    from chatbot.text import yearless_day_months

    assert yearless_day_months(text, dated) == months


@pytest.mark.parametrize(("text", "numbered"), [
    ("溟珂3号", True),
    ("3号线", True),
    ("溟珂海洋", False),
    ("2025年1月1号", False),
])
def test_a_numbered_name_whole(text, numbered):
    from chatbot.evidence import designated_name

    assert designated_name(text) is numbered


@pytest.mark.parametrize(("question", "texts", "found"), [
    ("How many pigeons at the Qingyuan No. 2 farm?", ["对清远二场全部种鸽4.2万对实施扑杀"], [("Qingyuan No. 2 farm", "清远二场")]),
    ("What did the Qingyuan No. 1 mine make?", ["清远1号矿投产"], [("Qingyuan No. 1 mine", "清远1号矿")]),
    ("What did Qingyuan No. 1 make?", ["清远1号投产"], [("Qingyuan No. 1", "清远1号")]),
    ("What did the Qingyuan No. 3 site make?", ["清远第3基地"], []),  # (no such site written)
    ("What did Qingyuan No. 2 make?", ["清远二场"], []),  # (no kind asked, and "清远二" alone is written nowhere)
])
def test_a_numbered_site_named_in_english(question, texts, found):
    from chatbot.english_names import _numbered_names
    from chatbot.names import load_rules

    assert _numbered_names(question, lambda: texts, load_rules()) == found


@pytest.mark.parametrize(("sentence", "durations"), [
    ("品种权保护期为20年，自授权之日起计算。", ["20年"]),
    ("2025年收入6.84亿元", []),
    ("25年度", []),
    ("锁定期1.5年", ["1.5年"]),
])
def test_a_count_of_years(sentence, durations):
    from chatbot.evidence import _DURATION_YEARS

    assert _DURATION_YEARS.findall(sentence) == durations


@pytest.mark.parametrize(("header", "caption", "shown"), [
    (["地区", "轧花厂数量", "加工量"], "表2：各地区轧花厂2025年皮棉加工量（吨）", ["地区", "轧花厂数量", "加工量（吨）"]),
    (["产品", "销售数量"], "表1：2025年销量（吨）", ["产品", "销售数量（吨）"]),  # (a quantity sold, in tonnes)
    (["Mine", "Number of pits", "Output"], "Table 2: output by mine (万吨)", ["Mine", "Number of pits", "Output（万吨）"]),
])
def test_a_count_column_takes_no_caption_unit(header, caption, shown):
    from chatbot.table_cells import with_caption_unit

    assert with_caption_unit(header, caption) == shown


def test_a_range_end_is_no_extreme():
    """"最终定在上限165港元" is the top of an offer price range, no highest price."""
    from chatbot.evidence import extreme_written

    written = extreme_written("智谱股价最高涨到过多少？")
    assert "上限" not in written
    assert "不超过" in written
