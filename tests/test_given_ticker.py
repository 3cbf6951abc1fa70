"""A ticker the question gives names the company it asks about; it asks no stock code (stress-13 breakdown:
"For the company with ticker 1867.HK, what was…", "…at 6135.HK?", "代码为09936的港股公司…"), and a period
written as one hyphenated adjective ("third-quarter net profit") is the period its words name."""

from __future__ import annotations

import pytest

from chatbot.evidence import analyse_question
from chatbot.glossary import Glossary, load_glossary


@pytest.mark.parametrize(("question", "left"), [
    ("For the company with ticker 1867.HK, what was revenue?", "For the company with  , what was revenue?"),
    ("What was the rate at 6135.HK?", "What was the rate at  ?"),
    ("代码为09936的港股公司收入多少？", " 的港股公司收入多少？"),
    ("股票代码9936的公司收入多少？", "股票 的公司收入多少？"),
    ("stock code: 02496, revenue?", " , revenue?"),
    # a stock code asked, or a number that is no ticker: kept
    ("晋昊能源的股票代码是多少？", "晋昊能源的股票代码是多少？"),
    ("What is Jinhao Energy's ticker?", "What is Jinhao Energy's ticker?"),
    ("2025年9月收入12345万元", "2025年9月收入12345万元"),
])
def test_given_tickers_are_taken_out(question, left):
    assert Glossary.without_given_tickers(question) == left


@pytest.mark.parametrize(("question", "identifier", "amount"), [
    ("For the company with ticker 1867.HK, what was third-quarter net profit?", False, True),
    ("What was the net profit in the third quarter at 6135.HK?", False, True),
    ("股票代码1867的公司第三季度净利润是多少？", False, True),
    ("晋昊能源的股票代码是多少？", True, False),
])
def test_a_given_ticker_asks_no_stock_code(question, identifier, amount):
    spec = analyse_question(question, load_glossary(), lambda _: 1.0)
    assert any("股票代码" in forms for forms in spec.metrics) is identifier
    assert spec.amount is amount


@pytest.mark.parametrize(("question", "asked"), [
    ("What was Jinhao Energy's third-quarter net profit?", {(None, "Q3")}),
    ("What was Jinhao Energy's first-half revenue?", {(None, "H1")}),
    ("What was Jinhao Energy's third quarter net profit?", {(None, "Q3")}),
])
def test_a_hyphenated_period_is_read(question, asked):
    assert analyse_question(question, load_glossary(), lambda _: 1.0).periods == asked
