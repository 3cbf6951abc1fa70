"""One scored answer per question and system: `Record`, built from an engine Answer
(`score_answer`) or a failed call (`error_record`), then `diagnose`d: a failed record
names its cause and where the missing facts are."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from chatbot.evaluation.metrics import (
    citation_precision,
    dedup,
    fact_alternatives,
    missing_facts,
    recall_at_k,
    reciprocal_rank,
    refusal_correct,
    source_hit,
    unsupported_figures,
)
from chatbot.evaluation.questions import Question

KS = (1, 3, 5)  # the k of recall@k


@dataclass
class Record:
    """A question, the system's answer to it and its per-question scores."""

    id: str
    system: str
    question: str
    tags: list[str]
    lang: str
    answerable: bool = True
    expected_facts: list[str] = field(default_factory=list)
    expected_sources: list[str] = field(default_factory=list)
    history: list[dict[str, str]] = field(default_factory=list)
    standalone_question: str = ""
    answer: str = ""
    refused: bool = False
    citations: list[dict[str, Any]] = field(default_factory=list)
    retrieved: list[dict[str, Any]] = field(default_factory=list)
    retrieved_doc_ids: list[str] = field(default_factory=list)
    fact_hit: bool = False
    facts_missing: list[str] = field(default_factory=list)
    source_hit: bool | None = None
    refusal_correct: bool = False
    recall: dict[str, float | None] = field(default_factory=dict)
    reciprocal_rank: float | None = None
    citation_precision: float | None = None
    unsupported_figures: list[str] = field(default_factory=list)
    engine_unsupported: list[str] = field(default_factory=list)
    latency_ms: float = 0.0
    timings_ms: dict[str, float] = field(default_factory=dict)
    error: str | None = None
    failed: bool = False
    cause: str = ""
    diagnosis: str = ""
    intent: str = ""


def _question_fields(q: Question, system: str) -> dict[str, Any]:
    return {
        "id": q.id, "system": system, "question": q.question, "tags": list(q.tags), "lang": q.lang,
        "answerable": q.answerable, "expected_facts": list(q.expected_facts),
        "expected_sources": list(q.expected_sources), "history": list(q.history), "intent": q.intent,
    }


def score_answer(q: Question, system: str, answer: Any, latency_ms: float) -> Record:
    """Score one engine Answer against its question."""
    cits = [{"n": c.n, "doc_id": c.doc_id, "chunk_id": c.chunk_id, "quote": c.quote} for c in answer.citations]
    retrieved_ids = list(answer.retrieved_doc_ids)
    facts_missing = missing_facts(answer.text, q.expected_facts) if q.answerable else []
    return Record(
        **_question_fields(q, system),
        standalone_question=answer.standalone_question, answer=answer.text, refused=bool(answer.refused),
        citations=cits,
        retrieved=[
            {"rank": i, "doc_id": p.chunk.doc_id, "chunk_id": p.chunk.id, "score": round(float(p.score), 5)}
            for i, p in enumerate(answer.passages, 1)
        ],
        retrieved_doc_ids=retrieved_ids,
        fact_hit=q.answerable and not answer.refused and not facts_missing,
        facts_missing=facts_missing,
        source_hit=(source_hit([c["doc_id"] for c in cits], retrieved_ids, q.expected_sources)
                    if q.answerable and q.expected_sources else None),
        refusal_correct=refusal_correct(q.answerable, bool(answer.refused)),
        recall={f"recall@{k}": (recall_at_k(retrieved_ids, q.expected_sources, k) if q.answerable else None) for k in KS},
        reciprocal_rank=reciprocal_rank(retrieved_ids, q.expected_sources) if q.answerable else None,
        citation_precision=citation_precision(answer.text, answer.citations, q.expected_facts if q.answerable else ()),
        unsupported_figures=unsupported_figures(answer.text, answer.citations),
        engine_unsupported=list(answer.unsupported),
        latency_ms=latency_ms,
        timings_ms={k: round(v, 2) for k, v in (answer.timings_ms or {}).items()},
    )


def error_record(q: Question, system: str, err: BaseException, latency_ms: float) -> Record:
    """The record of a question whose `engine.ask` raised."""
    return Record(
        **_question_fields(q, system),
        facts_missing=list(q.expected_facts), latency_ms=latency_ms,
        error=f"{type(err).__name__}: {err}", source_hit=False if q.answerable else None,
    )


class _FactLocator:
    """Where an expected fact is: in a retrieved passage, elsewhere in the corpus, or nowhere."""

    def __init__(self, rec: Record, passage_texts: dict[str, str], corpus: list[tuple[str, str, str]]):
        self.rec, self.passage_texts, self.corpus = rec, passage_texts, corpus

    def retrieved(self, fact: str) -> bool:
        alts = fact_alternatives(fact)
        return any(a in self.passage_texts.get(r["chunk_id"], "") for r in self.rec.retrieved for a in alts)

    def where(self, fact: str) -> str:
        alts = fact_alternatives(fact)
        ranks = [r["rank"] for r in self.rec.retrieved
                 if any(a in self.passage_texts.get(r["chunk_id"], "") for a in alts)]
        if ranks:
            return f"{fact!r} in retrieved passage #{ranks[0]}"
        holders = dedup(doc for doc, _, text in self.corpus if any(a in text for a in alts))
        if holders:
            return f"{fact!r} only in non-retrieved chunks of {', '.join(holders)}"
        return f"{fact!r} not found in the corpus as written (check the question set)"


def _diagnose_unanswerable(rec: Record) -> None:
    if not rec.refused:
        rec.failed, rec.cause = True, "missed refusal"
        cited = sorted({c["doc_id"] for c in rec.citations})
        rec.diagnosis = f"answered from {', '.join(cited) or 'no source'} although the corpus has no answer"
    elif rec.unsupported_figures:
        rec.failed, rec.cause = True, "unsupported figures"
        rec.diagnosis = f"refusal carries figures {rec.unsupported_figures}"


def diagnose(rec: Record, passage_texts: dict[str, str], corpus: list[tuple[str, str, str]]) -> None:
    """Mark a record failed and name the cause: missed refusal, false refusal,
    retrieval miss (no missing fact is in any retrieved passage), wrong
    sentence chosen (a missing fact was in a retrieved passage), source miss,
    unsupported figures or error. `passage_texts`: retrieved chunk id -> normalised
    text; `corpus`: (doc id, chunk id, normalised text) of every indexed chunk."""
    if rec.error:
        rec.failed, rec.cause, rec.diagnosis = True, "error", rec.error
        return
    if not rec.answerable:
        _diagnose_unanswerable(rec)
        return
    loc = _FactLocator(rec, passage_texts, corpus)
    notes: list[str] = []
    missing = rec.facts_missing if not rec.refused else list(rec.expected_facts)
    if rec.refused:
        rec.cause = "false refusal"
        got = [f for f in missing if loc.retrieved(f)]
        notes.append(
            "all expected facts were in the retrieved passages" if len(got) == len(missing) and missing
            else "; ".join(loc.where(f) for f in missing if not loc.retrieved(f)) or "no expected facts listed"
        )
    elif missing:
        # the answerer is at fault when it had any missing fact in front of it
        rec.cause = "wrong sentence chosen" if any(loc.retrieved(f) for f in missing) else "retrieval miss"
        notes.append("; ".join(loc.where(f) for f in missing))
    elif rec.source_hit is False:
        rec.cause = "source miss"
        notes.append(f"facts present but no expected source ({', '.join(rec.expected_sources)}) cited or retrieved")
    elif rec.unsupported_figures:
        rec.cause = "unsupported figures"
    if rec.unsupported_figures:
        notes.append(f"unsupported figures: {', '.join(rec.unsupported_figures)}")
    if rec.cause:
        rec.failed = True
        rec.diagnosis = "; ".join(n for n in notes if n)
