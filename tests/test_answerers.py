"""The answerer interface (chatbot/answerers): the factory's choice, and the LLM
answerer's stream and its fallback, on real components without a store."""

from __future__ import annotations

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from chatbot.answerers import AnswerRequest, make_answerer
from chatbot.answerers.extractive import ExtractiveAnswerer
from chatbot.answerers.llm import LLMAnswerer
from chatbot.config import load_settings
from chatbot.evidence import score_candidates
from chatbot.glossary import load_glossary
from chatbot.models import Chunk, Passage

LLM = {"model": "m", "base_url": "http://127.0.0.1:9/v1"}


@pytest.mark.parametrize(
    ("answer", "llm", "kind"),
    [
        ({"backend": "extractive"}, LLM, ExtractiveAnswerer),
        ({"backend": "llm"}, {"model": ""}, ExtractiveAnswerer),  # no endpoint configured
        ({"backend": "llm"}, LLM, LLMAnswerer),
    ],
)
def test_factory_chooses_by_backend(answer, llm, kind):
    assert type(make_answerer(load_settings(answer=answer, llm=llm), lambda: None)) is kind


def _request() -> AnswerRequest:
    question = "云知声2024年收入是多少？"
    passages = [Passage(chunk=Chunk(id="a:1", doc_id="a", text="云知声2024年收入为9.39亿元。"))]
    cands, spec = score_candidates(question, passages, load_glossary(), lambda t: 1.0 if t in "云知声2024年收入" else 5.0)
    return AnswerRequest(question, passages, cands, spec, "zh")


def _run(answerer, request):
    deltas, gen = [], answerer.stream(request)
    try:
        while True:
            deltas.append(next(gen))
    except StopIteration as stop:
        return deltas, stop.value


def test_extractive_answerer_streams_nothing_and_quotes_the_evidence():
    deltas, draft = _run(ExtractiveAnswerer(0.35, 4), _request())
    assert deltas == []
    assert (draft.text, draft.mode, draft.streamed) == ("云知声2024年收入为9.39亿元[1]。", "extractive", False)


def test_llm_answerer_streams_the_model_text():
    model = FakeListChatModel(responses=["收入为9.39亿元[1]。"])
    deltas, draft = _run(LLMAnswerer(lambda: model, ExtractiveAnswerer(0.35, 4)), _request())
    assert "".join(deltas) == "收入为9.39亿元[1]。"
    assert (draft.text, draft.mode, draft.streamed) == ("收入为9.39亿元[1]。", "llm", True)


def test_llm_answerer_falls_back_with_a_notice_when_the_model_fails():
    def broken():
        raise ConnectionError("endpoint down")

    deltas, draft = _run(LLMAnswerer(broken, ExtractiveAnswerer(0.35, 4)), _request())
    assert deltas == []
    assert draft.text == "云知声2024年收入为9.39亿元[1]。"
    assert draft.mode == "extractive"
    assert draft.notices == ["LLM unavailable (ConnectionError); showing the extractive answer"]
