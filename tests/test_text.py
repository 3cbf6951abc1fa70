"""Table-driven unit tests of the text rules (text.py): sentences, figures, periods."""

from __future__ import annotations

import pytest

from chatbot.text import (
    claim_figures,
    dated_months,
    figure_supported,
    figures,
    naming_spans,
    normalize,
    period_match,
    periods,
    question_language,
    row_label_periods,
    split_sentences,
    tokenize,
)


@pytest.mark.parametrize(
    ("text", "semicolons", "expected"),
    [
        ("云知声2024年收入6.0亿元。同比增长20%！下一句？", True, ["云知声2024年收入6.0亿元。", "同比增长20%！", "下一句？"]),
        ("Revenue was 6.0 bn. Next one", True, ["Revenue was 6.0 bn.", "Next one"]),  # no split inside 6.0
        ("股票代码2513.HK。", True, ["股票代码2513.HK。"]),  # nor inside a ticker
        ("他说：“好。”然后走了。", True, ["他说：“好。”", "然后走了。"]),  # the closing quote stays
        ("估值:智谱约511亿港元;MiniMax约461亿港元", True, ["估值:智谱约511亿港元;", "MiniMax约461亿港元"]),
        ("估值:智谱约511亿港元;MiniMax约461亿港元", False, ["估值:智谱约511亿港元;MiniMax约461亿港元"]),
        # a source note is never split, though the title it names ends in a question mark
        ("门店412家〔还能走多远？，2025-11-18〕[1]。下一句", False, ["门店412家〔还能走多远？，2025-11-18〕[1]。", "下一句"]),
        ("", True, []),
    ],
)
def test_split_sentences(text, semicolons, expected):
    assert split_sentences(text, semicolons=semicolons) == expected


@pytest.mark.parametrize(
    ("text", "all_figures", "claims"),
    [
        ("收入6.0亿元，增长1,057%", ["6.0亿", "1057%"], ["6.0亿", "1057%"]),  # separators removed
        ("代码２５１３．ＨＫ", ["2513.hk"], ["2513.hk"]),  # full width folded
        ("2025年上半年", ["2025年"], []),  # a date names, it does not claim
        ("第1名，共3家", ["1", "3家"], ["3家"]),  # an ordinal is no claim
        ("123", ["123"], ["123"]),
        ("共交付3,480台，其中二季度1,120台", ["3480", "1120"], ["3480", "1120"]),  # a separated count is no year
        ("全年售出8,050辆", ["8050"], ["8050"]),  # (a unit the figure pattern does not know)
        ("2,024年", ["2024年"], []),  # with the year's mark it is a year
        ("no figures here", [], []),
        # a number of four digits is a count, not a year, with a thousands separator or a unit of measure
        ("全年共交付新船1,204艘", ["1204"], ["1204"]),
        ("本季售出公寓2316套，代码2619", ["2316", "2619"], ["2316"]),
    ],
)
def test_figures(text, all_figures, claims):
    assert figures(text) == all_figures
    assert claim_figures(text) == claims


@pytest.mark.parametrize(
    ("figure", "evidence", "supported"),
    [
        ("6.0亿", "6.0亿元", True),
        ("6.0亿元", "6.0亿-6.2亿元", True),  # the currency written once for a range
        ("6.0", "16.0亿", False),  # part of a longer number
        ("20", "2025", False),
        ("5", "5.5亿", False),
        ("5187万", "发行5187万股", True),
    ],
)
def test_figure_supported(figure, evidence, supported):
    assert figure_supported(figure, evidence) is supported


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025年上半年收入", {("2025", "H1")}),
        ("2024年末现金", {("2024", "end")}),
        ("2025年度", {("2025", None)}),
        ("截至2025年6月30日止六个月", {("2025", "H1")}),
        ("截至2025年9月30日止九个月，收入307.5亿元", {("2025", "Q1-3")}),
        ("截至2025年3月31日止三个月", {("2025", "Q1")}),
        ("截至2025年9月30日止三个月，公司收入约55.1亿元", {("2025", "Q3")}),  # three months to September: Q3
        ("截至2025年12月31日止六个月", {("2025", "H2")}),
        ("截至2025年10月31日止三个月", set()),  # a fiscal quarter: no calendar period
        ("截至2024年12月31日止年度业绩", {("2024", None)}),
        ("the first nine months of 2025", {("2025", "Q1-3")}),
        ("first half of 2025", {("2025", "H1")}),
        ("H2 2024", {("2024", "H2")}),
        # the months of a reporting period are that period too (and the range itself)
        ("报告显示，2025年1月至9月，公司实现营业收入138.7亿元", {("2025", "M01-09"), ("2025", "Q1-3")}),
        ("2025年7月至9月", {("2025", "M07-09"), ("2025", "Q3")}),
        ("2025年1-6月收入", {("2025", "M01-06"), ("2025", "H1")}),
        ("2025年1至10月", {("2025", "M01-10")}),  # no reporting period
        ("2025年8月至10月", {("2025", "M08-10")}),  # three months, but no quarter
        ("2026年1月28日", set()),  # a calendar date is no period
        ("2025万股", set()),  # nor a quantity that looks like a year
        ("2024家", set()),
        ("远川牧业（01932）:净利润12.6亿元", set()),  # nor four digits of a longer number (a ticker)
        # a month without a year is a period of monthly figures (a table row "7月", a question's "10月份")
        ("10月份载客量", {(None, "M10")}),
        ("7月:载客量（万人次）301.2", {(None, "M07")}),
        ("十月载客", {(None, "M10")}),
        ("2026年1月配售新H股", set()),  # with its year: an event's date
        # a month's end is a point in time: the end of the period it closes, never another month's end
        ("截至6月底现金", {(None, "M06-end")}),
        ("金蝶国际2025年3月末的云订阅ARR", {("2025", "M03-end")}),
        ("截至2025年6月30日，现金及现金等价物", {("2025", "M06-end")}),
        ("截至2025年6月30日止六个月收入", {("2025", "H1")}),  # a period that ends there, not the point
        ("公布截至2025年9月30日的第三季度业绩", set()),  # the quarter that ends there (its year from the context)
        # a range of months is a period of its own: never one month of it (the "10月" of "1至10月"), nor the year
        ("1-10月累计", {(None, "M01-10")}),
        ("今年1到10月累计完成", {(None, "M01-10")}),  # as a question writes it
        ("2025年1–10月累计吞吐量", {("2025", "M01-10")}),
        ("累计来看，2025年1至10月迅邦完成快递业务量208.7亿票", {("2025", "M01-10")}),
        # January to March, June or September: the first quarter, half or three quarters
        ("2025年1月至9月，某证券实现营业收入138.7亿元", {("2025", "M01-09"), ("2025", "Q1-3")}),
        ("1-6月累计", {(None, "M01-06"), (None, "H1")}),
        ("2025年1至3月", {("2025", "M01-03"), ("2025", "Q1")}),
        ("2025年4至6月", {("2025", "M04-06"), ("2025", "Q2")}),  # (the months of a quarter: that quarter too)
        ("前十个月累计载客2,816万人次", {(None, "M01-10")}),  # the first N months: from January
        ("2025年前两个月", {("2025", "M01-02")}),
        ("2025年6月至2026年3月", set()),  # a span across years is no reporting period
        # the first nine months with their year are the first three quarters (without it, a qualifier)
        ("2025年前九个月GMV约为182.6亿元", {("2025", "Q1-3")}),
        ("前九个月收入", set()),
        # a report named for its period: "中报" is the interim report
        ("城市燃气行业2025年中报横评", {("2025", "H1")}),
        ("2025年前九个月累计收入243.8亿元", {("2025", "Q1-3")}),  # the first nine months with their year
    ],
)
def test_periods(text, expected):
    assert periods(text) == expected


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("迅邦快递2025年6月的快递业务量是多少？", {("2025", "M06")}),  # a month with its year, no day
        ("| 2025年7月 | 21.36 | +18.2% |", {("2025", "M07")}),  # a table row's label
        ("公司2025年6月30日在港交所上市", set()),  # a day
        ("2025年6月末应收账款19.67亿元", set()),  # a month's end
        ("2025年1至10月累计业务量", set()),  # a range of months
        ("2025年11月份的业务量", set()),  # "月份": read by periods() already
    ],
)
def test_dated_months(text, months):
    assert dated_months(text) == months


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        # an English month is a period the way a Chinese one is ("10月份"); with its year, that month of that year
        ("What was Cathay Pacific's passenger load factor in November 2025?", {("2025", "M11")}),
        ("What was the load factor in November?", {(None, "M11")}),
        ("What was October's load factor?", {(None, "M10")}),
        ("How many passengers in the month of Oct.?", {(None, "M10")}),
        ("How much did it earn in May 2025?", {("2025", "M05")}),
        ("How much may it earn in 2025?", {("2025", None)}),  # "may" is a verb
        # a month's end is a point in time, a day's date no period
        ("How much cash did it hold as of end-June?", {(None, "M06-end")}),
        ("How many clients did it serve as of June 2025?", {("2025", "M06-end")}),
        ("How much cash did it hold as at 30 June 2025?", {("2025", "M06-end")}),
        ("How much cash did it hold on June 30, 2025?", {("2025", "M06-end")}),
        ("What price was set on November 13?", set()),
        ("What is the threshold under the relaxation that runs to August 2027?", set()),  # a span's bound
        # months counted to a month make the period they cover; a range of months is no one month
        ("What was the revenue in the nine months to September?", {(None, "Q1-3")}),
        ("What was the revenue in the nine months to September 2025?", {("2025", "Q1-3")}),
        ("What was the revenue in the six months ended June 2025?", {("2025", "H1")}),
        ("What was the throughput from January to October?", {(None, "M01-10")}),
        ("What was the Jan-Oct throughput?", {(None, "M01-10")}),
        ("What was the throughput in the first ten months?", {(None, "M01-10")}),
        ("What was the average daily turnover in the first 11 months of 2025?", {("2025", "M01-11")}),
        ("What was revenue in the first 9 months of 2025?", {("2025", "Q1-3")}),
        # quarters, halves, nine months, years
        ("What was the revenue in Q3 2025?", {("2025", "Q3")}),
        ("What was the third quarter revenue?", {(None, "Q3")}),
        ("What was the revenue in the first half?", {(None, "H1")}),
        ("What was H1 revenue?", {(None, "H1")}),
        ("What was 1H25 revenue?", {("2025", "H1")}),
        ("What was revenue in 9M 2025?", {("2025", "Q1-3")}),  # config/terms_en.toml [[periods]]
        ("9M25 revenue", {("2025", "Q1-3")}),
        ("6M 2025 profit", {("2025", "H1")}),
        ("It sold 9M units in 2025.", {("2025", None)}),  # a count, no period
        ("What was the revenue in the first three quarters?", {(None, "Q1-3")}),
        ("What was the FY2024 revenue?", {("2024", None)}),
        ("What was the revenue for FY24?", {("2024", None)}),
        ("What was the full-year 2025 target?", {("2025", None)}),
        # a quarter named for its last month; the first three or six months; the year ended 31 December;
        # "interim" and "half-year" without a year are the first half, as "中期" is
        ("What was revenue in the September quarter?", {(None, "Q3")}),
        ("What was revenue in the July-September quarter of 2025?", {("2025", "Q3")}),
        ("What was the margin in the first six months of 2025?", {("2025", "H1")}),
        ("What was revenue in the first three months of 2025?", {("2025", "Q1")}),
        ("What was revenue for the year ended December 31, 2024?", {("2024", None)}),
        ("What was the margin in the half year to June 2025?", {("2025", "H1")}),
        ("How did same-store sales do in the quarter to September 2025?", {("2025", "Q3")}),
        ("What was revenue in the quarter ended June 2025?", {("2025", "Q2")}),
        ("What was the margin in the half to June 2025?", {("2025", "H1")}),
        ("How much interim profit did it report?", {(None, "H1")}),
        ("What was the 2025 interim revenue?", {("2025", "H1")}),
        ("What were NAURA's third-quarter revenue and net profit?", {(None, "Q3")}),  # a hyphenated modifier
        ("What was first-half 2025 profit?", {("2025", "H1")}),
    ],
)
def test_english_periods_asked(question, asked):
    from chatbot.evidence import _asked_periods

    assert _asked_periods(question) == asked


@pytest.mark.parametrize(
    ("asked", "stated", "match"),
    [
        ({("2024", None)}, {("2024", None)}, True),
        ({("2024", None)}, {("2024", "end")}, True),  # a year is answered by its year-end figure
        ({("2024", None)}, {("2024", "H1")}, False),  # but not by a half year
        ({("2025", "H1")}, {("2024", "H1")}, False),
        # a month's end is answered at the end of the period it closes; never by another month's end,
        # and a half-year's figure is not stated by a date at its end ("截至6月30日，现金…")
        ({("2025", "M06-end")}, {("2025", "H1")}, True),
        ({("2025", "H1")}, {("2025", "M06-end")}, False),
        ({("2024", None)}, {("2024", "M12-end")}, True),
        ({("2025", "M03-end")}, {("2025", "M06-end")}, False),
        ({(None, "M06")}, {(None, "M07")}, False),
        # a month with its year ("November 2025") may date an event ("funded in August 2025"): only another
        # month stated refuses it
        ({("2025", "M11")}, {(None, "M11")}, True),
        ({("2025", "M11")}, {(None, "M10")}, False),
        ({("2025", "M11")}, {(None, "M10-end")}, False),
        ({("2025", "M08")}, {("2024", None)}, True),
        ({("2023", "M05")}, set(), True),
        # a range of months is not one month of it, and not the year
        ({("2025", "M10")}, {("2025", "M01-10")}, False),
        ({(None, "M10")}, {("2025", "M01-10")}, False),
        ({("2025", None)}, {("2025", "M01-10")}, False),
        ({(None, "M01-10")}, {("2025", "M01-10")}, True),
    ],
)
def test_period_match(asked, stated, match):
    assert period_match(asked, stated) is match


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("2025年7月", {("2025", "M07")}),  # a table of monthly figures: the row's month
        (" 2025年10月份 ", {("2025", "M10")}),
        ("2025年7月1日", set()),  # a day
        ("7月", set()),  # (a month alone is read by periods())
        ("凌跃体育", set()),
    ],
)
def test_row_label_periods(label, expected):
    assert row_label_periods(label) == expected


@pytest.mark.parametrize(("text", "lang"), [("What was the revenue?", "en"), ("收入是多少？", "zh"), ("Unisound的收入", "zh")])
def test_question_language(text, lang):
    assert question_language(text) == lang


def test_normalize_folds_width_case_and_separators():
    assert normalize("１，０５７％ A") == "1057%a"


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("云知声2024年的收入是多少", {"云知声", "收入", "2024年"}, {"的", "是", "多少"}),
        ("智谱的孖展超购", {"智谱", "孖展", "超购"}, {"的"}),  # lexicon words stay whole
        ("港交所18C章节", {"港交所", "18c"}, set()),
    ],
)
def test_tokenize(text, present, absent):
    toks = set(tokenize(text))
    assert present <= toks
    assert not (absent & toks)


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("收入6.0亿元〔新浪财经，2026-01-28〕", ["〔新浪财经，2026-01-28〕", "2026-01-28"]),
        ("2025-06-30止六个月", ["2025-06-30"]),
        ("收入6.0亿元", []),
    ],
)
def test_naming_spans_cover_source_notes_and_iso_dates(text, named):
    assert [text[a:b] for a, b in naming_spans(text)] == named


@pytest.mark.parametrize(
    ("text", "phrases"),
    [
        ("国泰航空10月份运了多少旅客？", ["10月份"]),
        ("那9月呢？", ["9月"]),
        ("十月的载客量", ["十月"]),
        ("2025年度收入", ["2025年度"]),
        ("2025年上半年", ["2025年上半年"]),
        ("2025Q3 和 H1", ["2025Q3", "H1"]),
        ("中远海控第三季度单季赚了多少", ["第三季度", "单季"]),
        ("前三季度与前九个月", ["前三季度", "前九个月"]),
        ("截至2025年6月30日", ["2025年"]),  # a calendar date: the year only, no month
        ("12个月内", []),
    ],
)
def test_period_phrases(text, phrases):
    from chatbot.text import period_phrase_re

    assert [m.group(0) for m in period_phrase_re().finditer(text)] == phrases


_OPENED_AT_IMPORT = """
import sys
opened = []
sys.addaudithook(lambda event, args: opened.append(str(args[0])) if event == "open" else None)
import chatbot.cli, chatbot.text  # noqa: E401
print("\\n".join(p for p in opened if "/config/" in p))
"""


def test_importing_the_cli_and_text_reads_no_config_file():
    """Word lists, period phrases and the tokenizer version are read on first use, so that
    `chatbot --help` stays light."""
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", _OPENED_AT_IMPORT], capture_output=True, text=True, check=True)
    assert out.stdout.split() == []


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("某公司2024年前三个季度的销量", {("2024", "Q1-3")}),  # a spoken spelling of 前三季度
        ("头三季度利润", set()),  # without a year: a qualifier only
        ("2023年前3季度收入", {("2023", "Q1-3")}),
        ("2025年头两个季度的订单", {("2025", "H1")}),  # the first two quarters are the first half
        ("2026年头九个月", {("2026", "Q1-3")}),
    ],
)
def test_spoken_spellings_of_a_period(text, asked):
    from chatbot.text import period_spellings, qualifiers

    assert periods(text) == asked
    assert qualifiers(period_spellings(text)) & {"Q1-3", "H1"}
