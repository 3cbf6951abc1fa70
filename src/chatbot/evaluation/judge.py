"""The optional LLM judge (ragas-style): faithfulness (answer vs. the passages it
cites) and answer relevance (answer vs. question), each a 0..1 grade from one short
prompt per answer. A failed judge call is logged and counted, never hidden."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import Any

from chatbot.evaluation.metrics import mean
from chatbot.evaluation.records import Record

log = logging.getLogger(__name__)

LLM_SKIPPED = "LLM-judged metrics skipped: no LLM configured"
HYBRID_NOT_RUN = "LLM-judged metrics skipped: hybrid system not run"

FAITHFULNESS_PROMPT = """You grade an answer produced from source passages.

Passages:
{passages}

Answer:
{answer}

What fraction of the factual claims in the answer is directly supported by the passages? Reply with one number between 0 and 1 and nothing else."""

RELEVANCE_PROMPT = """You grade an answer to a question.

Question: {question}

Answer:
{answer}

How directly and completely does the answer address the question (1 = fully, 0 = not at all)? Reply with one number between 0 and 1 and nothing else."""


def parse_score(text: str) -> float | None:
    """A 0..1 grade from a judge's reply: the first number; "85%" or 85 -> 0.85,
    8 (out of 10) -> 0.8; clamped to [0, 1]. None when there is no number."""
    m = re.search(r"(\d+(?:\.\d+)?)\s*(%)?", text or "")
    if not m:
        return None
    v = float(m.group(1))
    if m.group(2) or 10 < v <= 100:
        v /= 100
    elif 1 < v <= 10:
        v /= 10
    return min(max(v, 0.0), 1.0)


class JudgeCallError(Exception):
    """The chat model could not be asked for a grade."""


def _judge(chat_model, prompt: str) -> float | None:
    """One grade; None when the reply holds no number. A failed call raises
    JudgeCallError (the caller counts it)."""
    from langchain_core.messages import HumanMessage

    try:
        reply = chat_model.invoke([HumanMessage(prompt)])
    except Exception as e:  # any provider error: network, auth, rate limit, bad model name
        raise JudgeCallError(f"{type(e).__name__}: {e}") from e
    content = getattr(reply, "content", reply)
    if isinstance(content, list):
        content = "".join(p.get("text", "") if isinstance(p, dict) else str(p) for p in content)
    return parse_score(str(content))


def llm_judge(chat_model, records: Sequence[Record], progress=None) -> dict[str, Any]:
    """Grade every answered record; refused and failed answers are not judged. The
    result counts unparsed replies (`n_unparsed`) and failed calls (`n_failed`, with
    the first error in `first_error`)."""
    grades: dict[str, list[float | None]] = {"faithfulness": [], "answer_relevance": []}
    errors: list[str] = []

    def grade(key: str, prompt: str) -> None:
        try:
            grades[key].append(_judge(chat_model, prompt))
        except JudgeCallError as e:
            log.warning("LLM judge call failed (%s): %s", key, e)
            errors.append(str(e))

    for r in records:
        if not (r.refused or r.error or not r.answer):
            passages = "\n\n".join(f"[{c['n']}] {c['quote']}" for c in r.citations) or "(none)"
            grade("faithfulness", FAITHFULNESS_PROMPT.format(passages=passages, answer=r.answer))
            grade("answer_relevance", RELEVANCE_PROMPT.format(question=r.standalone_question or r.question,
                                                              answer=r.answer))
        if progress:
            progress.update(1)
    faith, rel = grades["faithfulness"], grades["answer_relevance"]
    return {
        "faithfulness": mean(faith),
        "answer_relevance": mean(rel),
        "n_judged": sum(1 for f in faith if f is not None),
        "n_unparsed": sum(1 for f in faith + rel if f is None),
        "n_failed": len(errors),
        "first_error": errors[0] if errors else None,
    }
