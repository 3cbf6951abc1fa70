"""The LLM answerer through LangChain's ChatOpenAI against a real OpenAI-compatible HTTP
server on 127.0.0.1 with scripted replies: streaming, grounded citations, a citation
to a passage that does not exist, an invented figure, a refusal, LLM condensing of
follow-ups, and the fallback when the endpoint is down."""

from __future__ import annotations

import pytest

from chatbot.answerers.llm import SYSTEM_PROMPT
from chatbot.engine import Engine
from chatbot.followup import CONDENSE_PROMPT
from llm_server import ScriptedOpenAIServer, passage_number
from support import free_port, make_settings

Q_REVENUE = "云知声2025年大模型相关业务收入预计多少？"


def _engine(corpus_index, base_url: str) -> Engine:
    return Engine(make_settings(corpus_index, answer={"backend": "llm"},
                                llm={"provider": "openai", "base_url": base_url, "model": "scripted", "timeout_s": 20}))


def _script(messages):
    system = messages[0]["content"]
    user = messages[-1]["content"]
    if system.startswith(CONDENSE_PROMPT[:40]):
        return "MiniMax的IPO估值是多少？" if "那MiniMax呢" in user else user
    if "MiniMax的IPO估值" in user:
        n = passage_number(messages, "461")
        return f"MiniMax的IPO估值约461亿–504亿港元[{n}]。"
    if "收入预计多少" in user:
        n = passage_number(messages, "6.0亿元至6.2亿元")
        return (f"云知声预计2025年大模型相关业务收入约6.0亿元至6.2亿元[{n}]。"
                f"这一增长约为1057%至1095%[9]。"  # [9] points at no passage
                f"公司预计2025年净利润为3.2亿元[{n}]。")  # an invented figure
    if "留存率" in user:
        return "资料中没有关于这个问题的信息。"
    return "资料中没有关于这个问题的信息。"


@pytest.fixture(scope="module")
def server():
    with ScriptedOpenAIServer(_script) as s:
        yield s


def test_llm_answer_streams_and_is_grounded(corpus_index, server, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-secret")
    engine = _engine(corpus_index, server.base_url)
    events = list(engine.stream(Q_REVENUE))
    deltas, answer = [e for e in events if isinstance(e, str)], events[-1]
    assert len(deltas) > 5  # token by token from the server's event stream
    assert "".join(deltas).startswith("云知声预计2025年")
    req = server.requests[-1]
    assert req["body"]["stream"] is True
    assert req["auth"] == "Bearer sk-test-secret"
    assert req["body"]["messages"][0]["content"] == SYSTEM_PROMPT.format(lang="Chinese")
    # the grounded sentence is kept with its citation, renumbered to [1]
    assert "约6.0亿元至6.2亿元[1]" in answer.text
    assert not answer.refused
    assert "6.0亿元至6.2亿元" in answer.citations[0].quote


def test_citation_to_a_missing_passage_is_caught(corpus_index, server):
    answer = _engine(corpus_index, server.base_url).ask(Q_REVENUE)
    assert "[9]" not in answer.text
    # the sentence that cited nothing real now has no support for its figures: marked
    flagged = [u for u in answer.unsupported if "1057%" in u]
    assert flagged
    line = next(s for s in answer.text.split("。") if "1057%" in s)
    assert "⚠" in answer.text[answer.text.index(line):]


def test_invented_figure_is_marked_unsupported(corpus_index, server):
    answer = _engine(corpus_index, server.base_url).ask(Q_REVENUE)
    assert any("3.2亿元" in u for u in answer.unsupported)
    after = answer.text[answer.text.index("3.2亿元"):]
    assert after.split("。")[0].count("⚠") or "⚠" in after[:60]
    assert {c.n for c in answer.citations} == {1}  # only real passages are listed


def test_llm_refusal_is_a_refusal(corpus_index, server):
    answer = _engine(corpus_index, server.base_url).ask("云知声医疗AI主要客户留存率是多少？")
    assert answer.refused
    assert answer.citations == []


def test_weak_evidence_is_refused_before_calling_the_llm(corpus_index, server):
    n = len(server.requests)
    answer = _engine(corpus_index, server.base_url).ask("智谱的市盈率是多少？")
    assert answer.refused
    assert len(server.requests) == n


def test_followup_condensed_by_the_llm(corpus_index, server):
    engine = _engine(corpus_index, server.base_url)
    history = [{"role": "user", "content": "智谱的IPO估值是多少？"}, {"role": "assistant", "content": "约511亿港元[1]。"}]
    answer = engine.ask("那MiniMax呢？", history)
    assert answer.standalone_question == "MiniMax的IPO估值是多少？"
    assert any(r["body"]["messages"][0]["content"] == CONDENSE_PROMPT for r in server.requests)
    assert "461亿–504亿港元[1]" in answer.text


def test_endpoint_down_falls_back_to_extractive(corpus_index):
    engine = _engine(corpus_index, f"http://127.0.0.1:{free_port()}/v1")
    engine.settings.llm.timeout_s = 3
    answer = engine.ask(Q_REVENUE)
    assert "6.0亿" in answer.text
    assert not answer.refused
    assert any("LLM unavailable" in n for n in answer.notices)


def test_fake_chat_model_through_the_same_engine(corpus_index):
    """LangChain's fake chat model plugged in where the real one goes."""
    from langchain_core.language_models.fake_chat_models import FakeListChatModel

    engine = _engine(corpus_index, "http://127.0.0.1:9/v1")
    question = "云知声2024年净亏损是多少？"
    passages, _ = engine.retriever.retrieve(question)
    n = next(i for i, p in enumerate(passages, 1) if "4.54亿" in p.chunk.text)
    engine._chat_model = FakeListChatModel(responses=[f"云知声2024年净亏损约4.54亿元[{n}]。"])
    answer = engine.ask(question)
    assert answer.text == "云知声2024年净亏损约4.54亿元[1]。"
    assert answer.citations[0].chunk_id == passages[n - 1].chunk.id
    assert not answer.unsupported
