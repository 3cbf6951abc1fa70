"""Table-driven tests of the rules for figures in tables and figures derived from them: a table row
answers a growth question only when a cell of the metric asked states a change (its cells are its
clauses; config/evidence.toml [scope] growth_asked, change_words), a bare number is read with its
column's name and unit ("2025年第三季度 | 21.84" under "收入（亿元）"), a document's definition lets a
question use its words for the term defined ([defined]), and the operands and operations of derived
figures (config/reader.toml [compute]: a share "came from", "累计", an amount "in absolute terms",
a ratio stated on a basis not asked, a quarter asked with no year)."""

from __future__ import annotations

import pytest

from chatbot.compose.figures import states_share
from chatbot.compute import facts_in, find_operand, read_derived
from chatbot.defined_terms import defined_as, definitions
from chatbot.evidence import asks_growth_only, metric_change_stated, passage_sentences, states_measure
from chatbot.glossary import load_glossary
from chatbot.table_cells import with_unit
from chatbot.text import claim_figures, dated_months, normalize

REVENUE = [["收入", "营收", "营业收入"]]
MARGIN = [["毛利率"]]

FOUR_COMPANIES = (
    "| 公司 | 上半年收入 | 同比增速 | 毛利率 |\n|---|---|---|---|\n"
    "| 眸安科技 | 38.6亿元 | +8.4% | 44.1% |\n"
)
LEVELS_ONLY = (
    "| 公司 | 代码 | 上半年产量 | 上半年收入 | 上半年净利润 |\n|---|---|---|---|---|\n"
    "| 滇峰铜业 | 1733.HK | 12.6万吨 | 186.3亿元 | 24.8亿元 |\n"
)
METRICS_AS_ROWS = (
    "| 指标（2025年上半年） | 岱峰建材 | 鼎岩水泥 |\n|---|---|---|\n"
    "| 收入 | 68.2亿元 | 31.5亿元 |\n| 收入同比 | -11.3% | -15.8% |\n"
)
QUARTERS = "| 季度 | 收入（亿元） |\n|---|---|\n| 2024年第三季度 | 19.57 |\n| 2025年第二季度 | 21.02 |\n| 2025年第三季度 | 21.84 |\n"


def _rows(table: str) -> list[str]:
    return [shown for raw, shown, item, _ in passage_sentences(table) if item and raw.startswith("|")]


@pytest.mark.parametrize(("question", "growth_only"), [
    ("滇峰铜业上半年收入同比增长了多少？", True),
    ("眸安科技上半年毛利率同比提升了几个百分点？", True),  # a rate's change in points
    ("岱峰建材上半年收入同比下滑了多少？", True),
    ("By how much did its revenue grow year on year in H1 2025?", True),
    ("滇峰铜业上半年收入是多少？", False),
    ("收入是多少？同比增长多少？", False),  # the level asked too
])
def test_growth_asked_alone(question, growth_only):
    assert asks_growth_only(question) is growth_only


@pytest.mark.parametrize(("table", "metrics", "states_change"), [
    (FOUR_COMPANIES, REVENUE, True),  # "上半年收入38.6亿元;同比增速+8.4%": the change right after the metric's cell
    (FOUR_COMPANIES, MARGIN, False),  # "毛利率44.1%" is a level; the growth beside it is revenue's
    (LEVELS_ONLY, REVENUE, False),  # a row of levels states no growth
    (METRICS_AS_ROWS, REVENUE, True),  # the row "收入同比" (the first row "收入" states levels)
])
def test_a_table_row_states_the_metrics_change_only_in_its_own_cells(table, metrics, states_change):
    rows = [normalize(r) for r in _rows(table)]
    assert any(metric_change_stated(r, metrics) for r in rows) is states_change


def test_a_bare_number_in_a_two_column_table_reads_with_its_columns_name_and_unit():
    assert _rows(QUARTERS) == ["2024年第三季度:收入19.57亿元", "2025年第二季度:收入21.02亿元", "2025年第三季度:收入21.84亿元"]
    # a cell that is no bare number keeps its own words ("+5.7%"), and a row's unit in its label still applies
    assert _rows("| 季度 | 同店销售同比 |\n|---|---|\n| 第二季度 | +5.7% |\n") == ["第二季度:+5.7%"]


@pytest.mark.parametrize(("text", "words", "expected"), [
    ("本文表格中的产量是“矿产铜”，即公司自有矿山开采出来的铜金属量，不包括用外购铜精矿冶炼出的电解铜。",
     ["自有矿山", "电解铜", "矿产铜"], {"自有矿山": ["矿产铜"]}),  # what the term leaves out is no part of it
    ("信息服务收入（即TapTap平台的广告等收入）11.6亿元。", ["广告"], {"广告": ["信息服务收入"]}),
    ("C1现金成本是指生产每磅铜所需的直接现金成本。", ["直接现金成本"], {"直接现金成本": ["c1现金成本"]}),
    ("公司即将推出新的矿山项目。", ["矿山"], {}),  # "即" opening a sentence defines nothing
    ("产量同比增长8%，即增加1.2万吨。", ["增加"], {}),  # no term before the cue
])
def test_a_documents_definition_lets_a_question_use_its_words(text, words, expected):
    assert defined_as(words, text) == expected


def test_definitions_read_quoted_and_bracketed_terms():
    assert [t for t, _ in definitions("所谓“吨毛利”，即每吨产品的毛利。经营租赁收入（即设备出租收入）41.2亿元。")] == [
        "吨毛利", "经营租赁收入"]


@pytest.mark.parametrize(("question", "kind", "a_words", "b_words", "previous"), [
    # the whole, then where the part comes from: the part is the numerator
    ("What share of the revenue in the nine months to September 2025 came from overseas?", "share",
     ["overseas"], ["收入"], False),
    ("清衡环境的垃圾处理量从2022年到2024年累计增长了多少？", "growth", ["垃圾处理"], ["垃圾处理"], False),
    ("How much higher is the revenue in Q3 2025 than a year earlier, in absolute terms?", "difference",
     ["收入"], ["收入"], True),
])
def test_derived_questions_read(question, kind, a_words, b_words, previous):
    dq = read_derived(question, load_glossary())
    assert dq is not None
    assert dq.kind == kind
    assert dq.previous is previous
    assert all(any(w in g for g in dq.a.terms) for w in a_words)
    assert all(any(w in g for g in dq.b.terms) for w in b_words)
    assert not any("累计" in g or "absolute" in g for g in dq.a.terms)  # how it is asked, no word of the figure


@pytest.mark.parametrize(("sentence", "question", "stated"), [
    ("经调整净利润7.62亿元，经调整净利率34.9%", "职达科技第三季度净利率是多少？", False),  # another basis
    ("经调整净利润7.62亿元，经调整净利率34.9%", "职达科技第三季度经调整净利率是多少？", True),
    ("净利润5.9亿元，净利率27.2%", "职达科技第三季度净利率是多少？", True),
])
def test_a_stated_ratio_on_a_basis_not_asked_is_another_ratio(sentence, question, stated):
    assert states_share(sentence, ["净利率"], question) is stated


def test_a_quarter_asked_with_no_year_is_the_latest_years():
    """A table of five quarters: "第三季度" with no year is 2025年第三季度, not the 2024 row above it."""
    facts = [f for row in _rows(QUARTERS) for f in facts_in(row)]
    dq = read_derived("第三季度收入比第二季度环比增长了多少？", load_glossary())
    assert dq is not None
    a = find_operand(facts, dq.a, lambda f, e: True)
    b = find_operand(facts, dq.b, lambda f, e: True)
    assert (a.written[0], b.written[0]) == ("21.84亿", "21.02亿")


@pytest.mark.parametrize(("header", "cell", "shown"), [
    ("收入（亿元）", "43.7", "收入43.7亿元"),  # a name that ends in a word: the figure follows it
    ("同比", "+9.6%", "同比+9.6%"),
    ("FY2022", "5.12亿元", "FY2022：5.12亿元"),  # not "FY20225.12亿元", the figure 20225.12 and no year
    ("Q3", "21.8", "Q3：21.8"),
    ("2025年10月", "4.18万吨", "2025年10月：4.18万吨"),  # not the 4th of October
    ("2025年1-10月累计", "38.94", "2025年1-10月累计38.94"),
    ("月份", "7月", "月份7月"),
])
def test_a_cell_never_runs_on_from_its_columns_name(header, cell, shown):
    assert with_unit(header, cell) == shown


def test_a_row_under_period_columns_states_each_columns_period():
    fy = "| 指标 | FY2022 | FY2023 |\n|---|---|---|\n| 归母净利润 | 5.12亿元 | 5.86亿元 |\n"
    (row, periods_stated), = [(shown, per) for _, shown, item, per in passage_sentences(fy) if item]
    assert row == "归母净利润:FY2022：5.12亿元;FY2023：5.86亿元"
    assert claim_figures(row) == ["5.12亿", "5.86亿"]
    assert {("2022", None), ("2023", None)} <= periods_stated
    monthly = "| 指标 | 2025年10月 | 同比 |\n|---|---|---|\n| 货邮吞吐量（万吨） | 4.18 | +5.3% |\n"
    (row,) = _rows(monthly)
    assert dated_months(row) == {("2025", "M10")}  # October's figure, read where a month is asked


@pytest.mark.parametrize(("text", "words", "expected"), [
    # a table's note saying what a column sums: the column is the document's term for the things summed
    ("| 锂朔循环 | 39,500 |\n注：上半年指截至2025年6月30日止六个月；回收处理量为废旧电池及极片废料合计。",
     ["废旧电池", "上半年"], {"废旧电池": ["回收处理量"]}),
    ("收入为48.6亿元，较上年合计增长。", ["上年"], {}),  # no note
    ("注：北嵘以美元列报，其余两家以人民币列报。", ["美元"], {}),  # a note that sums nothing
])
def test_a_tables_note_defines_its_column_by_what_it_sums(text, words, expected):
    assert defined_as(words, text) == expected


@pytest.mark.parametrize(("text", "unit", "states"), [
    ("二季度:新签艘数19;合同金额20.3亿美元", "艘", True),  # a column counting in the unit ("新签艘数 | 19")
    ("二季度:新签订单19艘", "艘", True),
    ("二季度:合同金额20.3亿美元;同比+5%", "艘", False),  # no figure in the unit asked
    ("交付艘数未披露", "艘", False),  # a count's name with no figure
])
def test_a_count_is_stated_in_its_unit_or_under_a_column_counting_in_it(text, unit, states):
    assert states_measure(text, unit) is states
