"""End-to-end run of the session-14 stress set of English questions over the dev-12 articles
(tests/data/stress-14/english.jsonl, `s14-english-NN`), written before the fix: a Chinese name inside an
English sentence ("What was 清衡环境's total revenue in FY2024?"), a ticker ("3329.HK"), a pinyin name
("Guitian Sugar"), English period wordings the articles write in Chinese ("FY2024", "six months ended 30
June 2025", "3Q25", "H1 2025", "the first half") and English metric terms (net sales, EBITDA margin,
utilisation rate, outpatient visits); a figure the article does not give is refused. An English question
is answered in English (its lead-in and refusal), also when it quotes a Chinese name."""

from __future__ import annotations

import pytest

from chatbot.text import is_cjk
from support import stress_params
from test_catalogue import _assert_as_expected

STILL_WRONG = {
    "s14-english-01": "'total revenue' reads as the term 总收入/总营收/收益 (config/terms_en.toml): the article's 全年收入 "
                      "is not found and '运营收入占总收入的比例' is quoted; adding 收入 to the term's forms answered it but "
                      "lost bundled-reader r42 and dev-6 h3-r08 (the metric group 收入 then reads as absent)",
}


@pytest.mark.slow
@pytest.mark.parametrize("q", stress_params("stress-14", "english", STILL_WRONG))
def test_english_questions_on_dev12_articles(dev12_engine, q):
    """The figure asked, from the article named; a figure it lacks refused; the answer's own words English."""
    answer = dev12_engine.ask(q["question"])
    _assert_as_expected(answer, q)
    opening = answer.text.lstrip("- ")[:8] if answer.text.startswith("-") else answer.text[:8]
    assert answer.text.startswith("-") or not is_cjk(opening), answer.text  # an English lead-in, or bullets


@pytest.mark.parametrize(("question", "lang"), [
    ("How many visitors went through the gates of 奇屿乐园 in 2024?", "en"),
    ("What was 清衡环境's total revenue in FY2024?", "en"),
    ("What is Kuaishou's revenue?", "en"),
    ("Azure Tide Cruises第三季度收入是多少？", "zh"),
    ("Tervalle Luggage North America上半年净销售额？", "zh"),
    ("澄氦气体FY2022的归母净利润是多少？", "zh"),
    ("云知声的revenue是多少", "zh"),
    ("2025", "en"),
])
def test_question_language_by_share_of_words(question, lang):
    from chatbot.text import question_language

    assert question_language(question) == lang


@pytest.mark.parametrize(("header", "cell", "text"), [
    ("FY2024", "59.4", "FY2024：59.4"),
    ("FY2024（亿元）", "59.4", "FY2024：59.4亿元"),
    ("2025年上半年收入（亿元）", "36.2", "2025年上半年收入36.2亿元"),
    ("收入", "12.3亿元", "收入12.3亿元"),
])
def test_cell_apart_from_a_header_ending_in_a_digit(header, cell, text):
    from chatbot.table_cells import with_unit
    from chatbot.text import figures

    assert with_unit(header, cell) == text
    assert cell.replace("亿元", "") in [f.removesuffix("亿") for f in figures(with_unit(header, cell))]


@pytest.mark.parametrize(("sentence", "left"), [
    ("销售净额为 US$684.2m，较截至2024年6月30日止六个月增加5.1%", "销售净额为 US$684.2m， 增加5.1%"),
    ("截至2025年6月30日止六个月，本集团收入为人民币21.36亿元", "截至2025年6月30日止六个月，本集团收入为人民币21.36亿元"),
])
def test_comparison_period_written_as_months_ended(sentence, left):
    from chatbot.sentence_period import own_text

    assert own_text(sentence) == left


@pytest.mark.parametrize(("question", "phrase"), [
    ("What were the net sales for the six months ended 30 June 2025?", "first half of 2025"),
    ("Revenue in FY24?", "fiscal 2024"),
    ("Revenue in 3Q25?", "Q3 2025"),
])
def test_english_period_phrases(question, phrase):
    from chatbot.text import english_period_phrases

    assert phrase in english_period_phrases(question)


def test_front_matter_ticker_goes_to_the_company_the_title_names():
    """A title whose words after the colon open with a metric ("…中期业绩：销售净额6.842亿美元") gives
    the front-matter ticker to the company it names by its English and Chinese names, not to the metric."""
    from chatbot.entity_extract import extract

    title = "Tervalle Luggage（泰途箱包）截至2025年6月30日止六个月中期业绩：销售净额6.842亿美元，亚洲增11.6%"
    text = ("# Tervalle Luggage International Limited（泰途箱包国际有限公司）\n\n（股份代号：6498）\n\n"
            "- 销售净额为 US$684.2m。\n- 销售净额增长5.1%。\n泰途箱包将继续扩大直营渠道。\n")
    entries = extract(title, ["6498.HK"], text)
    holder = [e for e in entries if "6498.HK" in e.tickers]
    assert [e.name for e in holder] == ["泰途箱包"], entries
