"""Evaluation of the engine on a question set (DESIGN.md's JSONL format).

    questions.py  the question set and its one loader
    metrics.py    pure metric functions (fact matching, recall@k, MRR, citation
                  precision, unsupported figures, refusal rates, the percentile)
    records.py    one scored and diagnosed answer per question and system
    aggregate.py  metrics over records (overall, per tag, per intent) and the CI gate
    judge.py      the optional LLM judge (faithfulness, answer relevance)
    report.py     the summary table and report.md
    chart.py      systems.png
    result.py     EvalResult: a finished run and its metrics.json shape
    runner.py     run_evaluation: the batch run behind `chatbot eval` and the CI gate

The names below are the package's public interface (`from chatbot.evaluation import ...`).
"""

from chatbot.evaluation.aggregate import GATE, SystemEval, aggregate, check_gate, evaluate_records, gate_rows
from chatbot.evaluation.judge import LLM_SKIPPED, llm_judge, parse_score
from chatbot.evaluation.metrics import (
    answer_sentences,
    citation_precision,
    fact_alternatives,
    fact_found,
    fact_hit,
    false_refusal_rate,
    hit_at_k,
    latency_stats,
    mean,
    mean_reciprocal_rank,
    missing_facts,
    percentile,
    recall_at_k,
    reciprocal_rank,
    refusal_accuracy,
    refusal_correct,
    source_hit,
    unsupported_figures,
)
from chatbot.evaluation.questions import Question, load_question_files, load_questions, question_dicts
from chatbot.evaluation.records import KS, Record, diagnose, error_record, score_answer
from chatbot.evaluation.report import METRICS, fmt, llm_judged_line, metric_rows, render_report, summary_table
from chatbot.evaluation.result import EvalResult
from chatbot.evaluation.runner import SYSTEMS, run_evaluation

__all__ = [
    "GATE",
    "KS",
    "LLM_SKIPPED",
    "METRICS",
    "SYSTEMS",
    "EvalResult",
    "Question",
    "Record",
    "SystemEval",
    "aggregate",
    "answer_sentences",
    "check_gate",
    "citation_precision",
    "diagnose",
    "error_record",
    "evaluate_records",
    "fact_alternatives",
    "fact_found",
    "fact_hit",
    "false_refusal_rate",
    "fmt",
    "gate_rows",
    "hit_at_k",
    "latency_stats",
    "llm_judge",
    "llm_judged_line",
    "load_question_files",
    "load_questions",
    "mean",
    "mean_reciprocal_rank",
    "metric_rows",
    "missing_facts",
    "parse_score",
    "percentile",
    "question_dicts",
    "recall_at_k",
    "reciprocal_rank",
    "refusal_accuracy",
    "refusal_correct",
    "render_report",
    "run_evaluation",
    "score_answer",
    "source_hit",
    "summary_table",
    "unsupported_figures",
]
