"""The OpenAI-compatible endpoint, called with the official `openai` client against a
real server on 127.0.0.1: plain and streamed replies, history, refusals, models, auth."""

from __future__ import annotations

import openai
import pytest

from support import api_server

TOKEN = "oa-token-456"
KNOWN_Q, KNOWN_FACT = "云知声2025年大模型相关业务收入预计多少？", "6.0亿"


@pytest.fixture(scope="module")
def base_url(corpus_index):
    from chatbot.engine import Engine
    from support import make_settings

    with api_server(Engine(make_settings(corpus_index)), {"CHATBOT_API_TOKEN": TOKEN}) as url:
        yield url + "/v1"


@pytest.fixture
def client(base_url):
    with openai.OpenAI(base_url=base_url, api_key=TOKEN, timeout=300, max_retries=0) as c:
        yield c


def test_plain_reply_has_markers_references_and_citations(client, engine):
    r = client.chat.completions.create(model="report-qa", messages=[{"role": "user", "content": KNOWN_Q}])
    content = r.choices[0].message.content
    assert r.choices[0].finish_reason == "stop"
    assert r.choices[0].message.role == "assistant"
    assert KNOWN_FACT in content
    assert "[1]" in content
    body, _, refs = content.partition("参考来源 / References:")
    citations = r.model_extra["citations"]
    assert citations
    assert len(refs.strip().splitlines()) == len(citations)
    for c in citations:  # each structured citation is listed and marked
        assert f"[{c['n']}]" in body
        assert f"[{c['n']}] {c['publisher']} · {c['title']}" in refs
    expected = engine.ask(KNOWN_Q)
    assert body.strip() == expected.text.strip()
    assert [c["chunk_id"] for c in citations] == [c.chunk_id for c in expected.citations]


def test_streamed_reply_equals_the_plain_one(client):
    plain = client.chat.completions.create(model="report-qa", messages=[{"role": "user", "content": KNOWN_Q}])
    chunks = list(client.chat.completions.create(model="report-qa", stream=True,
                                                 messages=[{"role": "user", "content": KNOWN_Q}]))
    assert len(chunks) >= 3
    assert chunks[0].choices[0].delta.role == "assistant"
    text = "".join(c.choices[0].delta.content or "" for c in chunks)
    assert text == plain.choices[0].message.content
    last = chunks[-1]
    assert last.choices[0].finish_reason == "stop"
    assert last.model_extra["citations"] == plain.model_extra["citations"]
    assert all(c.id == chunks[0].id for c in chunks)


def test_messages_are_the_history(client):
    first = client.chat.completions.create(model="report-qa", messages=[{"role": "user", "content": "智谱的IPO估值是多少？"}])
    follow = client.chat.completions.create(model="report-qa", messages=[
        {"role": "system", "content": "You are helpful."},
        {"role": "user", "content": "智谱的IPO估值是多少？"},
        {"role": "assistant", "content": first.choices[0].message.content},
        {"role": "user", "content": [{"type": "text", "text": "那MiniMax呢？"}]},
    ])
    assert "MiniMax" in follow.choices[0].message.content
    assert follow.model_extra["citations"]


def test_refusal_is_a_normal_reply(client):
    for stream in (False, True):
        r = client.chat.completions.create(model="anything", stream=stream,
                                           messages=[{"role": "user", "content": "火星的首都是哪里？"}])
        if stream:
            chunks = list(r)
            content = "".join(c.choices[0].delta.content or "" for c in chunks)
            extra, finish = chunks[-1].model_extra, chunks[-1].choices[0].finish_reason
        else:
            content, extra, finish = r.choices[0].message.content, r.model_extra, r.choices[0].finish_reason
        assert finish == "stop"
        assert extra["refused"] is True
        assert extra["citations"] == []
        assert "参考来源" not in content
        assert content


def test_models_and_errors(client, base_url):
    assert [m.id for m in client.models.list()] == ["report-qa"]
    with pytest.raises(openai.BadRequestError) as e:
        client.chat.completions.create(model="report-qa", messages=[{"role": "assistant", "content": "hi"}])
    assert e.value.status_code == 400
    assert e.value.body["code"] == "no_question"
    with pytest.raises(openai.UnprocessableEntityError):
        client.chat.completions.create(model="report-qa", messages=[])
    with openai.OpenAI(base_url=base_url, api_key="wrong", max_retries=0) as bad:
        with pytest.raises(openai.AuthenticationError):
            bad.models.list()
