"""Evaluation: run a question set (DESIGN.md's JSONL format) through the engine for
the hybrid system and the dense-only / keyword-only baselines (same answerer),
score every answer, and write `metrics.json`, `report.md` and `systems.png`.

Metric functions at the top are pure (no engine) and unit-tested; `run_evaluation`
is what `chatbot eval` and the CI quality gate call.

Definitions (also printed in report.md):

- fact hit: every expected fact appears in the answer after `text.normalize`
  (full-width to half-width, spaces and thousands separators removed, lower case);
  `a|b` means either form counts. Fact accuracy = share of answerable questions
  with a fact hit.
- recall@k (by document id): share of a question's expected source documents that
  appear among the first k distinct documents of the retrieved passages; MRR: mean
  of 1/rank of the first expected document in that ranking (0 when absent). Both
  over answerable questions with expected sources.
- source hit: any cited or retrieved document is among the expected sources.
- citation precision: see `citation_precision`.
- refusal accuracy: share of unanswerable questions refused; false-refusal rate:
  share of answerable questions refused.
- unsupported figures: see `unsupported_figures`; the metric counts answers with
  at least one.
- latency: wall-clock time of `engine.ask` per question, p50/p95 in ms.
"""

from __future__ import annotations

import json
import math
import re
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Sequence

from pydantic import BaseModel, Field, ValidationError, field_validator, model_validator

from chatbot.text import claim_figures, figure_supported, normalize, question_language, split_sentences, tokenize

SYSTEMS = ("hybrid", "dense", "keyword")
KS = (1, 3, 5)
LLM_SKIPPED = "LLM-judged metrics skipped: no LLM configured"
MARKER = re.compile(r"\[(\d{1,3})\]")

# metric key -> (label, kind) in display order; kind "rate" (0..1), "count" or "ms"
METRICS: dict[str, tuple[str, str]] = {
    "recall@1": ("recall@1", "rate"),
    "recall@3": ("recall@3", "rate"),
    "recall@5": ("recall@5", "rate"),
    "mrr": ("MRR", "rate"),
    "fact_accuracy": ("fact accuracy", "rate"),
    "fact_recall": ("fact recall (per fact)", "rate"),
    "source_hit_rate": ("source hit rate", "rate"),
    "citation_precision": ("citation precision", "rate"),
    "refusal_accuracy": ("refusal accuracy", "rate"),
    "false_refusal_rate": ("false-refusal rate", "rate"),
    "unsupported_figure_answers": ("answers w/ unsupported figures", "count"),
    "errors": ("errors", "count"),
    "latency_p50_ms": ("latency p50 (ms)", "ms"),
    "latency_p95_ms": ("latency p95 (ms)", "ms"),
}


# --- the question set ------------------------------------------------------------


class Question(BaseModel):
    """One line of a question set (DESIGN.md)."""

    id: str
    question: str
    history: list[dict[str, str]] = Field(default_factory=list)
    # optional so that a plain list of questions works with `chatbot ask --questions`;
    # `run_evaluation` requires them (see `load_questions(..., for_eval=True)`)
    answerable: bool = True
    expected_facts: list[str] = Field(default_factory=list)
    expected_sources: list[str] = Field(default_factory=list)
    lang: str = ""
    tags: list[str] = Field(default_factory=list)

    @field_validator("id", "question")
    @classmethod
    def _not_blank(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("must not be empty")
        return v

    @field_validator("history")
    @classmethod
    def _turns(cls, v: list[dict[str, str]]) -> list[dict[str, str]]:
        for i, turn in enumerate(v):
            if turn.get("role") not in ("user", "assistant") or "content" not in turn:
                raise ValueError(f"turn {i} must be {{\"role\": \"user\"|\"assistant\", \"content\": ...}}")
        return v

    @model_validator(mode="after")
    def _defaults(self) -> "Question":
        if not self.lang:
            self.lang = question_language(self.question)
        return self


EVAL_KEYS = ("answerable", "expected_facts", "expected_sources")


def load_questions(path: str | Path, for_eval: bool = True) -> list[Question]:
    """Read a JSONL question set. Blank lines are skipped. Bad JSON, missing keys
    (the evaluation keys too when `for_eval`), wrong types and duplicate ids raise
    ValueError naming the file and line."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except FileNotFoundError:
        raise ValueError(f"{path}: question file not found") from None
    except (OSError, UnicodeDecodeError) as e:
        raise ValueError(f"{path}: cannot read question file: {e}") from None
    out: list[Question] = []
    first_line: dict[str, int] = {}
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as e:
            raise ValueError(f"{path}:{lineno}: invalid JSON: {e.msg} (column {e.colno})") from None
        if not isinstance(data, dict):
            raise ValueError(f"{path}:{lineno}: expected a JSON object, got {type(data).__name__}")
        absent = [k for k in EVAL_KEYS if for_eval and k not in data]
        if absent:
            raise ValueError(f"{path}:{lineno}: missing key(s): {', '.join(absent)}")
        try:
            q = Question.model_validate(data)
        except ValidationError as e:
            missing = [".".join(map(str, err["loc"])) for err in e.errors() if err["type"] == "missing"]
            if missing:
                raise ValueError(f"{path}:{lineno}: missing key(s): {', '.join(missing)}") from None
            err = e.errors()[0]
            where = ".".join(map(str, err["loc"])) or "line"
            raise ValueError(f"{path}:{lineno}: bad value for {where!r}: {err['msg']}") from None
        if q.id in first_line:
            raise ValueError(f"{path}:{lineno}: duplicate id {q.id!r} (first on line {first_line[q.id]})")
        first_line[q.id] = lineno
        out.append(q)
    if not out:
        raise ValueError(f"{path}: no questions in file")
    return out


# --- metric functions (pure) -----------------------------------------------------


def _alternatives(fact: str) -> list[str]:
    return [n for n in (normalize(a) for a in fact.split("|")) if n]


def fact_found(text: str, fact: str) -> bool:
    """Does one expected fact (`a|b` = either) appear in the text after normalisation?"""
    norm = normalize(text or "")
    return any(alt in norm for alt in _alternatives(fact))


def missing_facts(answer_text: str, expected_facts: Sequence[str]) -> list[str]:
    return [f for f in expected_facts if not fact_found(answer_text, f)]


def fact_hit(answer_text: str, expected_facts: Sequence[str]) -> bool:
    """True when every expected fact appears in the answer after normalisation
    (vacuously true for an empty list)."""
    return not missing_facts(answer_text, expected_facts)


def _dedup(ids: Iterable[str]) -> list[str]:
    out: list[str] = []
    for i in ids:
        if i not in out:
            out.append(i)
    return out


def recall_at_k(retrieved_doc_ids: Sequence[str], expected_sources: Sequence[str], k: int) -> float | None:
    """Share of the expected documents found among the first k distinct retrieved
    documents; None when nothing is expected."""
    expected = set(expected_sources)
    if not expected:
        return None
    top = set(_dedup(retrieved_doc_ids)[:k])
    return len(expected & top) / len(expected)


def reciprocal_rank(retrieved_doc_ids: Sequence[str], expected_sources: Sequence[str]) -> float | None:
    """1/rank of the first expected document in the distinct-document ranking, 0 when
    none was retrieved; None when nothing is expected."""
    expected = set(expected_sources)
    if not expected:
        return None
    for rank, doc in enumerate(_dedup(retrieved_doc_ids), 1):
        if doc in expected:
            return 1.0 / rank
    return 0.0


def mean(values: Iterable[float | None]) -> float | None:
    """Mean of the values that are not None; None when there are none."""
    vals = [v for v in values if v is not None]
    return sum(vals) / len(vals) if vals else None


def mean_reciprocal_rank(rankings: Sequence[Sequence[str]], expected: Sequence[Sequence[str]]) -> float | None:
    return mean(reciprocal_rank(r, e) for r, e in zip(rankings, expected))


def source_hit(cited_doc_ids: Iterable[str], retrieved_doc_ids: Iterable[str], expected_sources: Sequence[str]) -> bool:
    """A hit when any cited or retrieved document is among the expected sources."""
    return bool(set(expected_sources) & (set(cited_doc_ids) | set(retrieved_doc_ids)))


def _get(obj: Any, key: str, default: Any = None) -> Any:
    return obj.get(key, default) if isinstance(obj, dict) else getattr(obj, key, default)


def answer_sentences(text: str) -> list[tuple[str, list[int]]]:
    """The answer's sentences (markers removed) with the citation numbers each carries.
    Markers written after the end mark ("……。[1]") stay with their sentence."""
    text = re.sub(r"([。！？；!?;.])((?:\s*\[\d{1,3}\])+)", lambda m: m.group(2).strip() + m.group(1), text or "")
    out = []
    for line in text.splitlines():
        for sent in split_sentences(line):
            ns = [int(n) for n in MARKER.findall(sent)]
            claim = MARKER.sub("", sent).strip()
            if claim:
                out.append((claim, ns))
    return out


def _supports(quote_norm: str, quote_tokens: set[str], sentence: str) -> bool:
    figs = claim_figures(sentence)
    if any(figure_supported(f, quote_norm) for f in figs):
        return True
    toks = set(tokenize(sentence))
    return bool(toks) and len(toks & quote_tokens) / len(toks) >= 0.5


def citation_precision(answer_text: str, citations: Sequence[Any], expected_facts: Sequence[str] = ()) -> float | None:
    """Share of an answer's citations that are precise; None without citations.

    A citation [n] (object or dict with `n` and `quote`) is precise when
      (a) its quote contains, after normalisation, at least one expected fact
          (any `a|b` alternative), or
      (b) it supports a sentence of the answer that carries the marker [n]: the quote
          holds at least one of that sentence's claim figures (`claim_figures` /
          `figure_supported`), or at least half of the sentence's keyword tokens
          (`text.tokenize`, markers removed).
    """
    if not citations:
        return None
    sentences = answer_sentences(answer_text)
    good = 0
    for c in citations:
        quote = _get(c, "quote", "") or ""
        qnorm = normalize(quote)
        if any(alt in qnorm for f in expected_facts for alt in _alternatives(f)):
            good += 1
            continue
        n = _get(c, "n")
        qtoks = set(tokenize(quote))
        if any(n in ns and _supports(qnorm, qtoks, s) for s, ns in sentences):
            good += 1
    return good / len(citations)


def unsupported_figures(answer_text: str, citations: Sequence[Any]) -> list[str]:
    """Claim figures of the answer (normalised, markers ignored) that the passages it
    cites do not hold. A sentence with markers is checked against the quotes of the
    citations it names; a sentence without markers against every cited quote. A
    refusal with a figure and no citations reports that figure."""
    quotes = {_get(c, "n"): normalize(_get(c, "quote", "") or "") for c in citations}
    everything = " ".join(quotes.values())
    out: list[str] = []
    for sent, ns in answer_sentences(answer_text):
        evidence = " ".join(quotes.get(n, "") for n in ns) if ns else everything
        for f in claim_figures(sent):
            if not figure_supported(f, evidence) and f not in out:
                out.append(f)
    return out


def refusal_correct(answerable: bool, refused: bool) -> bool:
    """Unanswerable questions must be refused, answerable ones must not."""
    return refused != answerable


def refusal_accuracy(answerable: Sequence[bool], refused: Sequence[bool]) -> float | None:
    """Share of the unanswerable questions that were refused."""
    r = [ref for ans, ref in zip(answerable, refused) if not ans]
    return sum(r) / len(r) if r else None


def false_refusal_rate(answerable: Sequence[bool], refused: Sequence[bool]) -> float | None:
    """Share of the answerable questions that were refused."""
    r = [ref for ans, ref in zip(answerable, refused) if ans]
    return sum(r) / len(r) if r else None


def percentile(values: Sequence[float], q: float) -> float | None:
    """The q-th percentile (0..100) with linear interpolation between closest ranks
    (numpy's default); None for no values."""
    vals = sorted(values)
    if not vals:
        return None
    pos = (len(vals) - 1) * q / 100
    lo, hi = math.floor(pos), math.ceil(pos)
    return vals[lo] + (vals[hi] - vals[lo]) * (pos - lo)


def latency_stats(values_ms: Sequence[float]) -> dict[str, float | None]:
    return {"p50": percentile(values_ms, 50), "p95": percentile(values_ms, 95)}


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


# --- per-question records ----------------------------------------------------------


@dataclass
class Record:
    id: str
    system: str
    question: str
    tags: list[str]
    lang: str
    # optional so that a plain list of questions works with `chatbot ask --questions`;
    # `run_evaluation` requires them (see `load_questions(..., for_eval=True)`)
    answerable: bool = True
    expected_facts: list[str] = Field(default_factory=list)
    expected_sources: list[str] = Field(default_factory=list)
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


def score_answer(q: Question, system: str, answer: Any, latency_ms: float) -> Record:
    """Score one engine Answer against its question."""
    cits = [
        {"n": c.n, "doc_id": c.doc_id, "chunk_id": c.chunk_id, "quote": c.quote}
        for c in answer.citations
    ]
    retrieved_ids = list(answer.retrieved_doc_ids)
    facts_missing = missing_facts(answer.text, q.expected_facts) if q.answerable else []
    rec = Record(
        id=q.id, system=system, question=q.question, tags=list(q.tags), lang=q.lang,
        answerable=q.answerable, expected_facts=list(q.expected_facts),
        expected_sources=list(q.expected_sources), history=list(q.history),
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
    return rec


def error_record(q: Question, system: str, err: BaseException, latency_ms: float) -> Record:
    return Record(
        id=q.id, system=system, question=q.question, tags=list(q.tags), lang=q.lang,
        answerable=q.answerable, expected_facts=list(q.expected_facts),
        expected_sources=list(q.expected_sources), history=list(q.history),
        facts_missing=list(q.expected_facts), latency_ms=latency_ms,
        error=f"{type(err).__name__}: {err}", source_hit=False if q.answerable else None,
    )


def diagnose(rec: Record, passage_texts: dict[str, str], corpus: list[tuple[str, str, str]]) -> None:
    """Mark a record failed and name the cause: missed refusal, false refusal,
    retrieval miss (no missing fact is in any retrieved passage), wrong
    sentence chosen (a missing fact was in a retrieved passage), source miss,
    unsupported figures or error. `passage_texts`: retrieved chunk id -> normalised
    text; `corpus`: (doc id, chunk id, normalised text) of every indexed chunk."""
    notes: list[str] = []
    if rec.error:
        rec.failed, rec.cause, rec.diagnosis = True, "error", rec.error
        return
    if not rec.answerable:
        if not rec.refused:
            rec.failed, rec.cause = True, "missed refusal"
            cited = sorted({c["doc_id"] for c in rec.citations})
            rec.diagnosis = f"answered from {', '.join(cited) or 'no source'} although the corpus has no answer"
        elif rec.unsupported_figures:
            rec.failed, rec.cause = True, "unsupported figures"
            rec.diagnosis = f"refusal carries figures {rec.unsupported_figures}"
        return

    def where(fact: str) -> str:
        alts = _alternatives(fact)
        ranks = [r["rank"] for r in rec.retrieved if any(a in passage_texts.get(r["chunk_id"], "") for a in alts)]
        if ranks:
            return f"{fact!r} in retrieved passage #{ranks[0]}"
        holders = _dedup(doc for doc, _, text in corpus if any(a in text for a in alts))
        if holders:
            return f"{fact!r} only in non-retrieved chunks of {', '.join(holders)}"
        return f"{fact!r} not found in the corpus as written (check the question set)"

    def retrieved(fact: str) -> bool:
        alts = _alternatives(fact)
        return any(a in passage_texts.get(r["chunk_id"], "") for r in rec.retrieved for a in alts)

    missing = rec.facts_missing if not rec.refused else list(rec.expected_facts)
    if rec.refused:
        rec.cause = "false refusal"
        got = [f for f in missing if retrieved(f)]
        notes.append(
            "all expected facts were in the retrieved passages" if len(got) == len(missing) and missing
            else "; ".join(where(f) for f in missing if not retrieved(f)) or "no expected facts listed"
        )
    elif missing:
        # the answerer is at fault when it had any missing fact in front of it
        rec.cause = "wrong sentence chosen" if any(retrieved(f) for f in missing) else "retrieval miss"
        notes.append("; ".join(where(f) for f in missing))
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


# --- aggregation --------------------------------------------------------------------


def _rate(flags: list[bool]) -> float | None:
    return sum(flags) / len(flags) if flags else None


def aggregate(records: Sequence[Record]) -> dict[str, Any]:
    """The metrics of one system over a set of per-question records."""
    answerable = [r for r in records if r.answerable]
    with_sources = [r for r in answerable if r.expected_sources]
    n_facts = sum(len(r.expected_facts) for r in answerable)
    found = sum(len(r.expected_facts) - len(r.facts_missing) for r in answerable if not r.refused)
    lat = [r.latency_ms for r in records if not r.error]
    out: dict[str, Any] = {
        "n": len(records),
        "n_answerable": len(answerable),
        "n_unanswerable": len(records) - len(answerable),
    }
    for k in KS:
        out[f"recall@{k}"] = mean(r.recall.get(f"recall@{k}") for r in with_sources)
    out["mrr"] = mean(r.reciprocal_rank for r in with_sources)
    out["fact_accuracy"] = _rate([r.fact_hit for r in answerable])
    out["fact_recall"] = found / n_facts if n_facts else None
    out["source_hit_rate"] = _rate([bool(r.source_hit) for r in with_sources])
    out["citation_precision"] = mean(r.citation_precision for r in records)
    out["refusal_accuracy"] = refusal_accuracy([r.answerable for r in records], [r.refused for r in records])
    out["false_refusal_rate"] = false_refusal_rate([r.answerable for r in records], [r.refused for r in records])
    out["unsupported_figure_answers"] = sum(1 for r in records if r.unsupported_figures)
    out["errors"] = sum(1 for r in records if r.error)
    stats = latency_stats(lat)
    out["latency_p50_ms"] = stats["p50"]
    out["latency_p95_ms"] = stats["p95"]
    return out


@dataclass
class SystemEval:
    name: str
    records: list[Record]
    overall: dict[str, Any]
    by_tag: dict[str, dict[str, Any]]

    @property
    def failures(self) -> list[Record]:
        return [r for r in self.records if r.failed]


def evaluate_records(name: str, records: list[Record]) -> SystemEval:
    tags = sorted({t for r in records for t in r.tags})
    return SystemEval(
        name=name,
        records=records,
        overall=aggregate(records),
        by_tag={t: aggregate([r for r in records if t in r.tags]) for t in tags},
    )


def check_gate(overall: dict[str, Any], eval_settings: Any) -> list[str]:
    """The CI thresholds (config [eval]) the metrics miss; empty when all pass.
    A metric without questions behind it (None) is not checked."""
    checks = [
        ("fact_accuracy", ">=", eval_settings.min_fact_accuracy),
        ("source_hit_rate", ">=", eval_settings.min_source_hit),
        ("refusal_accuracy", ">=", eval_settings.min_refusal_accuracy),
        ("false_refusal_rate", "<=", eval_settings.max_false_refusal_rate),
    ]
    out = []
    for key, op, limit in checks:
        v = overall.get(key)
        if v is None:
            continue
        if (op == ">=" and v < limit) or (op == "<=" and v > limit):
            out.append(f"{key} = {v:.3f}, needs {op} {limit}")
    return out


# --- formatting ---------------------------------------------------------------------


def fmt(value: Any, kind: str = "rate") -> str:
    if value is None:
        return "–"
    if kind == "count":
        return str(int(value))
    if kind == "ms":
        return f"{value:.1f}"
    return f"{value:.3f}"


def _text_table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)]
    line = lambda cells: "  ".join(  # noqa: E731
        str(c).ljust(w) if i == 0 else str(c).rjust(w) for i, (c, w) in enumerate(zip(cells, widths))
    )
    sep = "  ".join("-" * w for w in widths)
    return "\n".join([line(header), sep] + [line(r) for r in rows])


def _md_table(header: list[str], rows: list[list[str]], align_right_from: int = 1) -> str:
    def esc(c: Any) -> str:
        return str(c).replace("|", "\\|").replace("\n", " ")

    out = ["| " + " | ".join(esc(h) for h in header) + " |",
           "|" + "|".join("---" if i < align_right_from else "---:" for i in range(len(header))) + "|"]
    out += ["| " + " | ".join(esc(c) for c in r) + " |" for r in rows]
    return "\n".join(out)


# --- the run --------------------------------------------------------------------------


@dataclass
class EvalResult:
    questions_path: Path
    out_dir: Path
    questions: list[Question]
    systems: dict[str, SystemEval]
    llm_judged: dict[str, Any]
    config: dict[str, Any]
    gate_failures: list[str]
    thresholds: dict[str, float]
    created: str = ""

    @property
    def hybrid(self) -> SystemEval:
        return self.systems.get("hybrid") or next(iter(self.systems.values()))

    @property
    def metrics_path(self) -> Path:
        return self.out_dir / "metrics.json"

    @property
    def report_path(self) -> Path:
        return self.out_dir / "report.md"

    @property
    def chart_path(self) -> Path:
        return self.out_dir / "systems.png"

    def metric_rows(self) -> list[list[str]]:
        rows = [["questions (answerable/unanswerable)"] + [
            f"{s.overall['n']} ({s.overall['n_answerable']}/{s.overall['n_unanswerable']})" for s in self.systems.values()
        ]]
        for key, (label, kind) in METRICS.items():
            rows.append([label] + [fmt(s.overall.get(key), kind) for s in self.systems.values()])
        return rows

    def summary_table(self) -> str:
        """Plain-text table: one row per metric, one column per system."""
        text = _text_table(["metric"] + list(self.systems), self.metric_rows())
        text += "\n\n" + llm_judged_line(self.llm_judged)
        if self.gate_failures:
            text += "\nquality gate (hybrid): FAILED: " + "; ".join(self.gate_failures)
        else:
            text += "\nquality gate (hybrid): passed"
        n_failed = len(self.hybrid.failures)
        text += f"\nfailed questions (hybrid): {n_failed} of {len(self.hybrid.records)}"
        return text

    def to_json(self) -> dict[str, Any]:
        return {
            "created": self.created,
            "questions_file": str(self.questions_path),
            "n_questions": len(self.questions),
            "config": self.config,
            "systems": {name: {"overall": s.overall, "by_tag": s.by_tag} for name, s in self.systems.items()},
            "llm_judged": self.llm_judged,
            "thresholds": self.thresholds,
            "gate": {"system": self.hybrid.name, "passed": not self.gate_failures, "failures": self.gate_failures},
            "failed_questions": {
                name: [{"id": r.id, "cause": r.cause, "diagnosis": r.diagnosis} for r in s.failures]
                for name, s in self.systems.items()
            },
            "per_question": {name: [asdict(r) for r in s.records] for name, s in self.systems.items()},
        }


def llm_judged_line(llm: dict[str, Any]) -> str:
    if llm.get("skipped"):
        return llm["skipped"]
    parts = []
    for name, m in llm.items():
        if isinstance(m, dict):
            parts.append(
                f"{name}: faithfulness {fmt(m.get('faithfulness'))}, answer relevance "
                f"{fmt(m.get('answer_relevance'))} (LLM-judged, {m.get('n_judged', 0)} answers)"
            )
    return "LLM-judged metrics: " + "; ".join(parts)


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


def _judge(chat_model, prompt: str) -> float | None:
    from langchain_core.messages import HumanMessage

    try:
        reply = chat_model.invoke([HumanMessage(prompt)])
    except Exception:
        return None
    content = getattr(reply, "content", reply)
    if isinstance(content, list):
        content = "".join(p.get("text", "") if isinstance(p, dict) else str(p) for p in content)
    return parse_score(str(content))


def llm_judge(chat_model, records: Sequence[Record], progress=None) -> dict[str, Any]:
    """ragas-style faithfulness (answer vs. the passages it cites) and answer
    relevance (answer vs. question), each a 0..1 grade from one short prompt per
    answer; refused and failed answers are not judged."""
    faith: list[float | None] = []
    rel: list[float | None] = []
    for r in records:
        if r.refused or r.error or not r.answer:
            if progress:
                progress.update(1)
            continue
        passages = "\n\n".join(f"[{c['n']}] {c['quote']}" for c in r.citations) or "(none)"
        faith.append(_judge(chat_model, FAITHFULNESS_PROMPT.format(passages=passages, answer=r.answer)))
        rel.append(_judge(chat_model, RELEVANCE_PROMPT.format(question=r.standalone_question or r.question, answer=r.answer)))
        if progress:
            progress.update(1)
    return {
        "faithfulness": mean(faith),
        "answer_relevance": mean(rel),
        "n_judged": sum(1 for f in faith if f is not None),
        "n_unparsed": sum(1 for f in faith + rel if f is None),
    }


def _engine_config(engine) -> dict[str, Any]:
    s = getattr(engine, "settings", None)
    if s is None:
        return {}
    try:
        return {
            "answer_backend": s.answer.backend,
            "llm_model": s.llm.model if getattr(engine, "uses_llm", False) else "",
            "embedding": s.embedding.backend + (f" ({s.embedding.model})" if s.embedding.model else ""),
            "top_k": s.retrieval.top_k,
            "reranker": s.retrieval.reranker_model,
            "min_relevance": s.answer.min_relevance,
        }
    except AttributeError:
        return {}


def _corpus_chunks(engine) -> list[tuple[str, str, str]]:
    try:
        return [(c.doc_id, c.id, normalize(c.text)) for c in engine.store.all_chunks()]
    except Exception:
        return []


def run_evaluation(
    engine,
    questions_path: str | Path,
    out_dir: str | Path,
    baselines: bool = True,
    show_progress: bool = True,
    systems: Sequence[str] | None = None,
) -> EvalResult:
    """Ask every question of the set with each system ("hybrid", and with
    `baselines` also "dense" and "keyword", through the same answerer), score the
    answers and write metrics.json, report.md and systems.png into `out_dir`."""
    from tqdm.auto import tqdm

    questions = load_questions(questions_path)
    names = list(systems) if systems else (list(SYSTEMS) if baselines else ["hybrid"])
    bad = [n for n in names if n not in SYSTEMS]
    if bad or not names:
        raise ValueError(f"unknown system(s) {bad}; choose from {', '.join(SYSTEMS)}")
    names = _dedup(names)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)

    if hasattr(engine, "warmup"):
        engine.warmup()  # model loading must not count as the first question's latency
    corpus = _corpus_chunks(engine)
    uses_llm = bool(getattr(engine, "uses_llm", False))
    judge_steps = len(questions) if uses_llm and "hybrid" in names else 0

    results: dict[str, SystemEval] = {}
    with tqdm(total=len(questions) * len(names) + judge_steps, desc="eval", unit="q",
              disable=not show_progress, dynamic_ncols=True) as bar:
        for name in names:
            bar.set_description(f"eval {name}")
            records = []
            for q in questions:
                t = time.perf_counter()
                try:
                    answer = engine.ask(q.question, q.history or None, mode=name)
                except Exception as e:  # one broken question must not hide the others
                    rec = error_record(q, name, e, (time.perf_counter() - t) * 1000)
                    passage_texts = {}
                else:
                    rec = score_answer(q, name, answer, (time.perf_counter() - t) * 1000)
                    passage_texts = {p.chunk.id: normalize(p.chunk.text) for p in answer.passages}
                diagnose(rec, passage_texts, corpus)
                records.append(rec)
                bar.update(1)
            results[name] = evaluate_records(name, records)

        if uses_llm and "hybrid" in names:
            bar.set_description("LLM judge")
            llm = {"hybrid": llm_judge(engine.chat_model, results["hybrid"].records, bar)}
        else:
            llm = {"skipped": LLM_SKIPPED if not uses_llm else "LLM-judged metrics skipped: hybrid system not run"}

    eval_settings = getattr(getattr(engine, "settings", None), "eval", None)
    thresholds = {}
    gate: list[str] = []
    primary = results.get("hybrid") or next(iter(results.values()))
    if eval_settings is not None:
        thresholds = {
            k: getattr(eval_settings, k)
            for k in ("min_fact_accuracy", "min_source_hit", "min_refusal_accuracy", "max_false_refusal_rate")
        }
        gate = check_gate(primary.overall, eval_settings)

    result = EvalResult(
        questions_path=Path(questions_path),
        out_dir=out,
        questions=questions,
        systems=results,
        llm_judged=llm,
        config=_engine_config(engine),
        gate_failures=gate,
        thresholds=thresholds,
        created=datetime.now(timezone.utc).isoformat(timespec="seconds"),
    )
    result.metrics_path.write_text(json.dumps(result.to_json(), ensure_ascii=False, indent=2), encoding="utf-8")
    result.report_path.write_text(render_report(result), encoding="utf-8")
    render_chart(result, result.chart_path)
    return result


# --- outputs ---------------------------------------------------------------------------

DEFINITIONS = """- **recall@k / MRR** (by document id): share of a question's expected source documents among the first k distinct retrieved documents; mean 1/rank of the first expected document (0 if none). Answerable questions only.
- **fact accuracy**: share of answerable questions whose answer holds every expected fact after normalisation (full-width → half-width, spaces and thousands separators removed; `a|b` = either). **fact recall**: the same per fact.
- **source hit rate**: share of answerable questions where a cited or retrieved document is an expected source.
- **citation precision**: mean over answers with citations of the share of citations whose quote holds an expected fact, or holds a claim figure of / at least half the keyword tokens of a sentence citing it.
- **refusal accuracy**: unanswerable questions refused; **false-refusal rate**: answerable questions refused.
- **answers w/ unsupported figures**: answers with a claim figure not found in the passages its sentence cites.
- **latency**: wall-clock time of `engine.ask`, after warm-up."""

TAG_COLUMNS = [
    ("n", "n", "count"),
    ("fact_accuracy", "fact acc.", "rate"),
    ("source_hit_rate", "source hit", "rate"),
    ("recall@5", "recall@5", "rate"),
    ("mrr", "MRR", "rate"),
    ("citation_precision", "cit. prec.", "rate"),
    ("refusal_accuracy", "refusal acc.", "rate"),
    ("false_refusal_rate", "false refusal", "rate"),
    ("latency_p50_ms", "p50 ms", "ms"),
]


def _fence(text: str) -> str:
    return "```text\n" + (text or "(empty)").replace("```", "ʼʼʼ") + "\n```"


def render_report(result: EvalResult) -> str:
    qs = result.questions
    n_ans = sum(q.answerable for q in qs)
    names = list(result.systems)
    hyb = result.hybrid
    lines = [
        "# Evaluation report",
        "",
        f"- question set: `{result.questions_path}` — {len(qs)} questions ({n_ans} answerable, {len(qs) - n_ans} unanswerable)",
        f"- run: {result.created}; systems: {', '.join(names)} (same answerer, different retrieval)",
    ]
    if result.config:
        lines.append("- engine: " + ", ".join(f"{k} = `{v}`" for k, v in result.config.items() if v not in ("", None)))
    lines += ["", "## Systems", "", _md_table(["metric"] + names, result.metric_rows()), "", DEFINITIONS, ""]

    lines += ["## LLM-judged metrics", ""]
    if result.llm_judged.get("skipped"):
        lines.append(result.llm_judged["skipped"])
    else:
        rows = [[name, fmt(m.get("faithfulness")), fmt(m.get("answer_relevance")), str(m.get("n_judged", 0))]
                for name, m in result.llm_judged.items() if isinstance(m, dict)]
        lines.append(_md_table(["system", "faithfulness", "answer relevance", "answers judged"], rows))
        lines.append("")
        lines.append("Each grade is one short prompt to the configured chat model (0..1); refused answers are not judged.")
    lines.append("")

    if result.thresholds:
        lines += [f"## Quality gate ({hyb.name}, thresholds from config `[eval]`)", ""]
        o = hyb.overall
        rows = []
        for key, tkey, op in [("fact_accuracy", "min_fact_accuracy", ">="), ("source_hit_rate", "min_source_hit", ">="),
                              ("refusal_accuracy", "min_refusal_accuracy", ">="),
                              ("false_refusal_rate", "max_false_refusal_rate", "<=")]:
            v, lim = o.get(key), result.thresholds[tkey]
            ok = v is None or (v >= lim if op == ">=" else v <= lim)
            rows.append([key, fmt(v), f"{op} {lim}", "pass" if ok else "**FAIL**"])
        lines += [_md_table(["metric", "value", "threshold", ""], rows), ""]

    lines += [f"## Per tag ({hyb.name})", ""]
    rows = [[tag] + [fmt(m.get(k), kind) for k, _, kind in TAG_COLUMNS] for tag, m in hyb.by_tag.items()]
    lines += [_md_table(["tag"] + [label for _, label, _ in TAG_COLUMNS], rows), ""]
    if len(names) > 1:
        lines += ["## Per tag, all systems (fact accuracy / recall@5)", ""]
        tags = sorted({t for s in result.systems.values() for t in s.by_tag})
        rows = [[tag] + [
            f"{fmt(s.by_tag.get(tag, {}).get('fact_accuracy'))} / {fmt(s.by_tag.get(tag, {}).get('recall@5'))}"
            for s in result.systems.values()] for tag in tags]
        lines += [_md_table(["tag"] + names, rows), ""]

    fails = hyb.failures
    lines += [f"## Failed questions ({hyb.name}): {len(fails)} of {len(hyb.records)}", ""]
    if fails:
        causes: dict[str, list[str]] = {}
        for r in fails:
            causes.setdefault(r.cause, []).append(r.id)
        lines += [_md_table(["cause", "count", "questions"], [[c, str(len(ids)), ", ".join(ids)] for c, ids in causes.items()]), ""]
        others = {n: {r.id for r in s.failures} for n, s in result.systems.items() if n != hyb.name}
    for r in fails:
        lines.append(f"### {r.id} — {r.cause}: {r.question}")
        lines.append("")
        meta = [f"tags: {', '.join(r.tags) or '–'}", f"lang: {r.lang}", f"answerable: {'yes' if r.answerable else 'no'}"]
        lines.append("- " + "; ".join(meta))
        if r.history:
            lines.append("- history: " + " / ".join(f"{t['role']}: {t['content']}" for t in r.history))
        if r.standalone_question and r.standalone_question != r.question:
            lines.append(f"- standalone question: {r.standalone_question}")
        if r.answerable:
            facts = ", ".join(f"~~{f}~~ (missing)" if f in r.facts_missing else f for f in r.expected_facts)
            lines.append(f"- expected facts: {facts or '–'}")
            lines.append(f"- expected sources: {', '.join(r.expected_sources) or '–'}")
        else:
            lines.append("- expected: a refusal")
        lines.append(f"- diagnosis: {r.diagnosis or '–'}")
        lines.append(f"- returned ({'refused' if r.refused else 'answered'}, {r.latency_ms:.0f} ms):")
        lines.append("")
        lines.append(_fence(r.error or r.answer))
        lines.append("")
        if r.citations:
            lines.append("- cited: " + ", ".join(f"[{c['n']}] {c['doc_id']} `{c['chunk_id'][:12]}`" for c in r.citations))
        lines.append("- retrieved passages: " + (", ".join(
            f"{p['rank']}. {p['doc_id']} `{p['chunk_id'][:12]}`" for p in r.retrieved) or "none"))
        if fails and others:
            lines.append("- baselines: " + ", ".join(
                f"{n} {'also fails' if r.id in ids else 'passes'}" for n, ids in others.items()))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


CHART_METRICS = ["recall@1", "recall@3", "recall@5", "mrr", "fact_accuracy", "source_hit_rate",
                 "citation_precision", "refusal_accuracy", "false_refusal_rate"]


def render_chart(result: EvalResult, path: Path) -> None:
    """A grouped bar chart: quality metrics (0..1) and latency, one bar per system."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    names = list(result.systems)
    colors = {"hybrid": "#1f77b4", "dense": "#ff7f0e", "keyword": "#2ca02c"}
    fig = Figure(figsize=(13, 5), dpi=110)
    FigureCanvasAgg(fig)
    gs = fig.add_gridspec(1, 2, width_ratios=[4, 1])
    ax, ax2 = fig.add_subplot(gs[0]), fig.add_subplot(gs[1])
    width = 0.8 / max(len(names), 1)
    xs = range(len(CHART_METRICS))
    for i, name in enumerate(names):
        o = result.systems[name].overall
        vals = [o.get(m) if o.get(m) is not None else float("nan") for m in CHART_METRICS]
        bars = ax.bar([x + (i - (len(names) - 1) / 2) * width for x in xs], vals, width,
                      label=name, color=colors.get(name))
        ax.bar_label(bars, labels=[("" if math.isnan(v) else f"{v:.2f}") for v in vals], fontsize=6, padding=1)
        lat = [o.get("latency_p50_ms") or 0.0, o.get("latency_p95_ms") or 0.0]
        ax2.bar([x + (i - (len(names) - 1) / 2) * width for x in range(2)], lat, width, color=colors.get(name), label=name)
    ax.set_xticks(list(xs), [METRICS[m][0] for m in CHART_METRICS], rotation=25, ha="right", fontsize=8)
    ax.set_ylim(0, 1.1)
    ax.set_ylabel("score (false-refusal rate: lower is better)")
    ax.set_title(f"{result.questions_path.name}: {len(result.questions)} questions")
    ax.legend(loc="upper right", fontsize=8, ncols=len(names))
    ax.grid(axis="y", alpha=0.3)
    ax2.set_xticks([0, 1], ["p50", "p95"])
    ax2.set_ylabel("latency (ms)")
    ax2.set_title("latency")
    ax2.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    fig.savefig(path)
