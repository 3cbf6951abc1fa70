"""The LangChain face: the hybrid retriever as a `BaseRetriever` and the engine as a
`Runnable`, so both compose with other LangChain pieces.

    from chatbot.chains import EngineRunnable, HybridRetriever
    retriever = HybridRetriever(engine=engine, k=4)
    docs = retriever.invoke("智谱的IPO估值是多少？")      # Documents with metadata
    answer = EngineRunnable(engine=engine).invoke("智谱的IPO估值是多少？")   # an Answer
    answer = EngineRunnable(engine=engine).invoke({"question": "那MiniMax呢？", "history": [...]})
    answer = EngineRunnable(engine=engine).invoke([HumanMessage(...), AIMessage(...), HumanMessage(...)])

Both wrap the engine; nothing here ranks or answers on its own.
"""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.messages import BaseMessage
from langchain_core.retrievers import BaseRetriever
from langchain_core.runnables import RunnableConfig, RunnableSerializable
from pydantic import ConfigDict

from chatbot.engine import Engine
from chatbot.followup import message_text, normalise_history
from chatbot.models import Answer, Passage
from chatbot.retrieval import Mode

ROLES = {"human": "user", "user": "user", "ai": "assistant", "assistant": "assistant"}


def passage_document(p: Passage) -> Document:
    """A retrieved passage as a Document: its text, and its chunk's metadata with the scores."""
    c = p.chunk
    meta = {**c.metadata(), "chunk_id": c.id, "tickers": list(c.tickers), "headings": list(c.headings),
            "score": p.score, "dense_score": p.dense_score, "keyword_score": p.keyword_score}
    return Document(page_content=c.text, metadata=meta, id=c.id)


class HybridRetriever(BaseRetriever):
    """The engine's hybrid (dense + keyword) retriever: the top `k` passages as Documents."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    engine: Engine
    k: int | None = None
    mode: Mode = "hybrid"

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        passages, _ = self.engine.retriever.retrieve(query, mode=self.mode, k=self.k)
        return [passage_document(p) for p in passages]


def question_and_history(value: Any) -> tuple[str, list[dict]]:
    """A question string; {"question", "history"}; or a list of messages (LangChain
    messages, or {"role", "content"} dicts) whose last one is the question."""
    if isinstance(value, str):
        return value, []
    if isinstance(value, dict) and "question" in value:
        return str(value["question"]), normalise_history(value.get("history") or [])
    if isinstance(value, (list, tuple)) and value:
        msgs = [{"role": ROLES.get(m.type, m.type), "content": message_text(m.content)} if isinstance(m, BaseMessage)
                else m for m in value]
        last = msgs[-1]
        if not isinstance(last, dict) or last.get("role") not in ("user", "human"):
            raise ValueError("the last message must be the user's question")
        return message_text(last.get("content")), normalise_history(msgs[:-1])
    raise ValueError("expected a question, {'question': ..., 'history': [...]}, or a list of messages")


class EngineRunnable(RunnableSerializable[Any, Answer]):
    """The whole engine (follow-up resolution, retrieval, answer, citation check) as a
    Runnable: question or messages in, the checked `Answer` out."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    engine: Engine

    def invoke(self, input: Any, config: RunnableConfig | None = None, **kwargs: Any) -> Answer:
        return self._call_with_config(self._ask, input, config)

    def _ask(self, input: Any) -> Answer:
        question, history = question_and_history(input)
        return self.engine.ask(question, history)
