"""With an LLM configured, a reader question's intent-specific context (the summary's
section lines, a calculation with its formula) reaches the model beside the numbered
passages, and the model's figures still pass the citation check: a copied formula
is kept, a computed figure without one is flagged. A real OpenAI-compatible HTTP
server on 127.0.0.1 with scripted replies."""

from __future__ import annotations

import re

import pytest

from chatbot.engine import Engine
from llm_server import ScriptedOpenAIServer
from support import make_settings

Q_SHARE = "云知声大模型业务收入占2025年总收入的比例是多少？"
Q_SUMMARY = "总结一下这份报告的主要观点"


def _prepared(messages) -> str:
    user = messages[-1]["content"]
    m = re.search(r"Prepared evidence for this (\w+) question.*?:\n\n(.*?)\n\nQuestion:", user, flags=re.S)
    return m.group(2) if m else ""


def _script(messages):
    prepared = _prepared(messages)
    calc = next((line.lstrip("- ") for line in prepared.splitlines() if "≈" in line), "")
    if calc:  # copies the calculation, then adds a share of its own without a formula
        n = re.search(r"\[(\d+)\]", calc).group(1)
        return f"{calc}\n大模型收入约占全年收入的51%[{n}]。"
    lines = [line for line in prepared.splitlines() if re.search(r"\[\d+\]", line)]
    return "\n".join(lines[:3]) or "资料中没有关于这个问题的信息。"


@pytest.fixture(scope="module")
def server():
    with ScriptedOpenAIServer(_script) as s:
        yield s


def _engine(corpus_index, base_url: str) -> Engine:
    return Engine(make_settings(corpus_index, answer={"backend": "llm"},
                                llm={"provider": "openai", "base_url": base_url, "model": "scripted", "timeout_s": 20}))


def test_llm_gets_the_calculation_and_its_figures_are_checked(corpus_index, server):
    answer = _engine(corpus_index, server.base_url).ask(Q_SHARE)
    user = server.requests[-1]["body"]["messages"][-1]["content"]
    assert "Prepared evidence for this derived question" in user
    assert "6.0亿÷12.4亿≈48.4%" in user
    assert "6.2亿÷11.8亿≈52.5%" in user
    assert answer.intent == "derived"
    assert not answer.refused
    assert "48.4%" in answer.text
    assert "52.5%" in answer.text
    assert not any("48.4%" in u for u in answer.unsupported)
    assert any("51%" in u for u in answer.unsupported)  # a share the model computed itself is flagged
    assert "⚠" in answer.text[answer.text.index("51%"):]


def test_llm_gets_the_summary_lines(corpus_index, server):
    answer = _engine(corpus_index, server.base_url).ask(Q_SUMMARY)
    user = server.requests[-1]["body"]["messages"][-1]["content"]
    assert "Prepared evidence for this summary question" in user
    prepared = _prepared(server.requests[-1]["body"]["messages"])
    assert "中性偏谨慎" in prepared
    assert "估值泡沫风险" in prepared
    assert answer.intent == "summary"
    assert not answer.refused
    assert not answer.unsupported
    assert {c.doc_id for c in answer.citations} == {"report"}
