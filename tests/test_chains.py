"""The LangChain face over the real engine and index: the hybrid retriever as a
BaseRetriever and the engine as a Runnable, alone and composed in a chain."""

from __future__ import annotations

import pytest
from langchain_core.documents import Document
from langchain_core.messages import AIMessage, HumanMessage, SystemMessage
from langchain_core.retrievers import BaseRetriever
from langchain_core.runnables import Runnable, RunnableLambda, RunnableParallel

from chatbot.chains import EngineRunnable, HybridRetriever, question_and_history
from chatbot.models import Answer

KNOWN_Q, KNOWN_FACT = "云知声2025年大模型相关业务收入预计多少？", "6.0亿"


def test_retriever_returns_the_engines_passages_as_documents(engine):
    retriever = HybridRetriever(engine=engine, k=4)
    assert isinstance(retriever, BaseRetriever)
    docs = retriever.invoke(KNOWN_Q)
    passages, _ = engine.retriever.retrieve(KNOWN_Q, k=4)
    assert [d.id for d in docs] == [p.chunk.id for p in passages]
    assert len(docs) == 4
    for d, p in zip(docs, passages, strict=False):
        assert isinstance(d, Document)
        assert d.page_content == p.chunk.text
        m = d.metadata
        assert (m["doc_id"], m["chunk_id"], m["title"], m["url"]) == (p.chunk.doc_id, p.chunk.id, p.chunk.title, p.chunk.url)
        assert m["score"] == p.score
        assert isinstance(m["tickers"], list)
    assert any(KNOWN_FACT in d.page_content for d in docs)
    dense = HybridRetriever(engine=engine, k=2, mode="dense").invoke(KNOWN_Q)
    assert len(dense) == 2
    assert all(d.metadata["keyword_score"] is None for d in dense)


def test_runnable_takes_a_question_a_dict_or_messages(engine):
    runnable = EngineRunnable(engine=engine)
    assert isinstance(runnable, Runnable)
    a = runnable.invoke(KNOWN_Q)
    assert isinstance(a, Answer)
    assert KNOWN_FACT in a.text
    assert a.citations
    first = runnable.invoke("智谱的IPO估值是多少？")
    history = [{"role": "user", "content": "智谱的IPO估值是多少？"}, {"role": "assistant", "content": first.text}]
    by_dict = runnable.invoke({"question": "那MiniMax呢？", "history": history})
    by_msgs = runnable.invoke([SystemMessage("be brief"), HumanMessage("智谱的IPO估值是多少？"),
                               AIMessage(first.text), HumanMessage("那MiniMax呢？")])
    assert "MiniMax" in by_dict.standalone_question
    assert by_msgs.standalone_question == by_dict.standalone_question
    assert by_msgs.text == by_dict.text
    refused, answered = runnable.batch(["火星的首都是哪里？", KNOWN_Q])
    assert refused.refused
    assert not answered.refused


@pytest.mark.parametrize("value", [42, [], [AIMessage("hi")], {"history": []}])
def test_runnable_rejects_other_input(value):
    with pytest.raises(ValueError, match=r"expected|last message"):
        question_and_history(value)


def test_a_small_chain(engine):
    """The README example: retrieve and answer side by side, then format."""
    chain = RunnableParallel(answer=EngineRunnable(engine=engine), sources=HybridRetriever(engine=engine, k=3)) | RunnableLambda(
        lambda r: {"text": r["answer"].text, "cited": [c.doc_id for c in r["answer"].citations],
                   "retrieved": [d.metadata["doc_id"] for d in r["sources"]]})
    out = chain.invoke(KNOWN_Q)
    assert KNOWN_FACT in out["text"]
    assert out["cited"]
    assert len(out["retrieved"]) == 3
