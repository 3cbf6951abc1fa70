"""The batch runner: ask every question of the set with each system ("hybrid", and
the "dense" and "keyword" baselines through the same answerer), score and diagnose
every answer, aggregate, check the gate and write metrics.json, report.md and
systems.png. `chatbot eval` and the CI quality gate call `run_evaluation`."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from chatbot.evaluation.aggregate import SystemEval, check_gate, evaluate_records, thresholds_of
from chatbot.evaluation.chart import render_chart
from chatbot.evaluation.judge import HYBRID_NOT_RUN, LLM_SKIPPED, llm_judge
from chatbot.evaluation.metrics import dedup
from chatbot.evaluation.questions import Question, load_question_files
from chatbot.evaluation.records import Record, diagnose, error_record, score_answer
from chatbot.evaluation.report import render_report
from chatbot.evaluation.result import EvalResult
from chatbot.text import normalize

log = logging.getLogger(__name__)

SYSTEMS = ("hybrid", "dense", "keyword")


def _engine_config(engine) -> dict[str, Any]:
    s = getattr(engine, "settings", None)
    if s is None:
        return {}
    return {
        "answer_backend": s.answer.backend,
        "llm_model": s.llm.model if getattr(engine, "uses_llm", False) else "",
        "embedding": s.embedding.backend + (f" ({s.embedding.model})" if s.embedding.model else ""),
        "top_k": s.retrieval.top_k,
        "reranker": s.retrieval.reranker_model,
        "min_relevance": s.answer.min_relevance,
    }


def _corpus_chunks(engine) -> tuple[list[tuple[str, str, str]], str | None]:
    """(doc id, chunk id, normalised text) of every indexed chunk, for the diagnosis of
    retrieval misses; on failure no chunks and the error (logged, and recorded in
    metrics.json as `corpus_error`)."""
    try:
        return [(c.doc_id, c.id, normalize(c.text)) for c in engine.store.all_chunks()], None
    except Exception as e:  # the run goes on; only the "only in non-retrieved chunks" notes are lost
        log.warning("cannot read the indexed chunks for the diagnosis: %s: %s", type(e).__name__, e)
        return [], f"{type(e).__name__}: {e}"


def _ask_one(engine, q: Question, system: str, corpus: list[tuple[str, str, str]]) -> Record:
    t = time.perf_counter()
    try:
        answer = engine.ask(q.question, q.history or None, mode=system)
    except Exception as e:  # one broken question must not hide the others; it is recorded as an error
        rec = error_record(q, system, e, (time.perf_counter() - t) * 1000)
        passage_texts: dict[str, str] = {}
    else:
        rec = score_answer(q, system, answer, (time.perf_counter() - t) * 1000)
        passage_texts = {p.chunk.id: normalize(p.chunk.text) for p in answer.passages}
    diagnose(rec, passage_texts, corpus)
    return rec


def _system_names(baselines: bool, systems: Sequence[str] | None) -> list[str]:
    names = list(systems) if systems else (list(SYSTEMS) if baselines else ["hybrid"])
    bad = [n for n in names if n not in SYSTEMS]
    if bad or not names:
        raise ValueError(f"unknown system(s) {bad}; choose from {', '.join(SYSTEMS)}")
    return dedup(names)


def _as_paths(questions_path: str | Path | Sequence[str | Path]) -> list[Path]:
    if isinstance(questions_path, (str, Path)):
        return [Path(questions_path)]
    return [Path(p) for p in questions_path]


def run_evaluation(
    engine,
    questions_path: str | Path | Sequence[str | Path],
    out_dir: str | Path,
    baselines: bool = True,
    show_progress: bool = True,
    systems: Sequence[str] | None = None,
) -> EvalResult:
    """Ask every question of the set (one file, or several read as one set) with each
    system ("hybrid", and with `baselines` also "dense" and "keyword", through the
    same answerer), score the answers and write metrics.json, report.md and
    systems.png into `out_dir`."""
    from tqdm.auto import tqdm

    paths = _as_paths(questions_path)
    questions = load_question_files(paths)
    names = _system_names(baselines, systems)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)

    if hasattr(engine, "warmup"):
        engine.warmup()  # model loading must not count as the first question's latency
    corpus, corpus_error = _corpus_chunks(engine)
    judge = bool(getattr(engine, "uses_llm", False)) and "hybrid" in names

    results: dict[str, SystemEval] = {}
    with tqdm(total=len(questions) * (len(names) + judge), desc="eval", unit="q",
              disable=not show_progress, dynamic_ncols=True) as bar:
        for name in names:
            bar.set_description(f"eval {name}")
            records = []
            for q in questions:
                records.append(_ask_one(engine, q, name, corpus))
                bar.update(1)
            results[name] = evaluate_records(name, records)
        llm: dict[str, Any]  # per system: the judge's scores, or why it was skipped
        if judge:
            bar.set_description("LLM judge")
            llm = {"hybrid": llm_judge(engine.chat_model, results["hybrid"].records, bar)}
        else:
            llm = {"skipped": HYBRID_NOT_RUN if getattr(engine, "uses_llm", False) else LLM_SKIPPED}

    result = EvalResult(
        questions_paths=paths, out_dir=out, questions=questions, systems=results, llm_judged=llm,
        config=_engine_config(engine), gate_failures=[], thresholds={},
        created=datetime.now(UTC).isoformat(timespec="seconds"), corpus_error=corpus_error,
    )
    eval_settings = getattr(getattr(engine, "settings", None), "eval", None)
    if eval_settings is not None:
        result.thresholds = thresholds_of(eval_settings)
        result.gate_failures = check_gate(result.primary.overall, eval_settings)
    result.metrics_path.write_text(json.dumps(result.to_json(), ensure_ascii=False, indent=2), encoding="utf-8")
    result.report_path.write_text(render_report(result), encoding="utf-8")
    render_chart(result, result.chart_path)
    return result
