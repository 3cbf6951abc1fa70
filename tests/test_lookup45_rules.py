"""Session 45's look-up and reader rules, table by table: from dev-45's misses (the session-44 hidden set, opened) and
the clean-clone CI of session 44's end. Each rule reads data (config/evidence.toml, CC-CEDICT, jieba's tags), not a list
of this set's companies."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from chatbot.evidence import TermGroup, _fiscal_section_period, _opening_part, asks_growth_only, compounds
from chatbot.intent import detect_intent
from chatbot.subjects import _before_preposition


@pytest.mark.parametrize(("question", "growth"), [
    ("By how much did the capacity of X's Bozhou plant change from the previous year?", True),  # a change, no level
    ("How did X's revenue compare with the previous year?", False),  # (no amount asked: a comparison's words)
    ("What was the capacity of X's Bozhou plant?", False),
    ("X的亳州工厂产能比上年变化了多少?", True),
])
def test_a_change_named_by_the_year_it_is_measured_from(question, growth):
    assert asks_growth_only(question) is growth


def _groups(*words: str) -> list[TermGroup]:
    return [TermGroup([w], 3.0, kind="word") for w in words]


@pytest.mark.parametrize(("question", "words", "expected"), [
    ("铙韵乐器专业唢呐每支的平均售价是多少?", ("专业", "唢呐", "每支", "平均", "售价"), ["专业唢呐", "平均售价"]),  # 每支: per unit
    ("X的大型注塑机销量是多少?", ("大型", "注塑机", "销量"), ["大型注塑机销量"]),
])
def test_a_figure_per_unit_is_no_part_of_the_things_name(question, words, expected):
    assert [c for c, _ in compounds(question, _groups(*words))] == expected


@pytest.mark.parametrize(("head", "expected"), [
    ("丹垟果业以鲜果批发为主", "丹垟果业"),  # "为什么" opened the question; 以 a preposition
    ("丹垟果业", "丹垟果业"),
    ("以岭药业", "以岭药业"),  # (a name opening with the character: no word before it)
])
def test_a_questions_head_ends_before_its_first_preposition(head, expected):
    assert _before_preposition(head) == expected


@pytest.mark.parametrize(("sentence", "year", "part"), [
    ("截至2025年9月30日止六个月,收入1.72亿元,中期股息每股1.4港仙。", "2026", "H1"),  # ends in the year before FY2026's
    ("截至2025年12月31日止九个月,收入2.63亿元。", "2026", "Q1-3"),
    ("截至2025年12月31日止三个月,收入0.9亿元。", "2026", None),  # a quarter may be any one
    ("截至2026年3月31日止六个月,收入1.5亿元。", "2026", None),  # ends in FY2026's own calendar year: maybe its second half
    ("Revenue for the six months ended 30 September 2025 was RMB172 million.", "2026", "H1"),
])
def test_the_opening_months_of_a_fiscal_year(sentence, year, part):
    assert _opening_part(sentence, year) == part


@pytest.mark.parametrize(("heading", "sentence", "stated"), [
    ("2026财年上半年及1月", "截至2025年12月31日止六个月,收入2.16亿元,同比增长11.4%。", {("2026", "H1")}),  # as long as the span
    ("2026财年至今", "截至2025年9月30日止六个月,中期股息每股1.4港仙。", {("2026", "H1")}),
    ("2026财年第一季度", "截至2025年6月30日止三个月,收入0.8亿元。", {("2026", "Q1")}),
    ("2026财年上半年及1月", "2026年1月销售额3,680万元。", set()),  # (no span ended: its own month, elsewhere)
])
def test_a_span_under_a_fiscal_heading(heading, sentence, stated):
    chunk = SimpleNamespace(title="某公司公告", headings=["某公司公告", heading])
    assert _fiscal_section_period(sentence, chunk) == stated


@pytest.mark.parametrize(("question", "intent"), [
    ("霁蕈农业2025财年业绩有哪些亮点和不足?", "pros_cons"),  # 不足: the shortfalls, the side asked beside the highlights
    ("What are the strengths and shortcomings of X?", "pros_cons"),
    ("公司资金不足吗?", "lookup"),  # (a shortfall asked of, no side)
])
def test_highlights_and_shortfalls_are_pros_and_cons(question, intent):
    assert detect_intent(question).name == intent
