"""Metrics of one system over its records (overall, per tag, per intent) and the CI
quality gate: the ONLY place the thresholds of config `[eval]` are checked."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from chatbot.evaluation.metrics import false_refusal_rate, latency_stats, mean, rate, refusal_accuracy
from chatbot.evaluation.records import KS, Record

# the gate: (metric key, comparison, threshold key of config [eval])
GATE: tuple[tuple[str, str, str], ...] = (
    ("fact_accuracy", ">=", "min_fact_accuracy"),
    ("source_hit_rate", ">=", "min_source_hit"),
    ("refusal_accuracy", ">=", "min_refusal_accuracy"),
    ("false_refusal_rate", "<=", "max_false_refusal_rate"),
)


def aggregate(records: Sequence[Record]) -> dict[str, Any]:
    """The metrics of one system over a set of per-question records."""
    answerable = [r for r in records if r.answerable]
    with_sources = [r for r in answerable if r.expected_sources]
    n_facts = sum(len(r.expected_facts) for r in answerable)
    found = sum(len(r.expected_facts) - len(r.facts_missing) for r in answerable if not r.refused)
    flags = ([r.answerable for r in records], [r.refused for r in records])
    out: dict[str, Any] = {
        "n": len(records),
        "n_answerable": len(answerable),
        "n_unanswerable": len(records) - len(answerable),
    }
    for k in KS:
        out[f"recall@{k}"] = mean(r.recall.get(f"recall@{k}") for r in with_sources)
    out["mrr"] = mean(r.reciprocal_rank for r in with_sources)
    out["fact_accuracy"] = rate([r.fact_hit for r in answerable])
    out["fact_recall"] = found / n_facts if n_facts else None
    out["source_hit_rate"] = rate([bool(r.source_hit) for r in with_sources])
    out["citation_precision"] = mean(r.citation_precision for r in records)
    out["refusal_accuracy"] = refusal_accuracy(*flags)
    out["false_refusal_rate"] = false_refusal_rate(*flags)
    out["unsupported_figure_answers"] = sum(1 for r in records if r.unsupported_figures)
    out["rejected_line_answers"] = sum(1 for r in records if r.engine_unsupported)
    out["errors"] = sum(1 for r in records if r.error)
    stats = latency_stats([r.latency_ms for r in records if not r.error])
    out["latency_p50_ms"] = stats["p50"]
    out["latency_p95_ms"] = stats["p95"]
    return out


@dataclass
class SystemEval:
    """One system's records and their metrics, overall and per group."""

    name: str
    records: list[Record]
    overall: dict[str, Any]
    by_tag: dict[str, dict[str, Any]]
    by_intent: dict[str, dict[str, Any]]

    @property
    def failures(self) -> list[Record]:
        return [r for r in self.records if r.failed]


def evaluate_records(name: str, records: list[Record]) -> SystemEval:
    """Aggregate a system's records overall, per tag and per intent (records without
    an intent are in no intent group)."""
    tags = sorted({t for r in records for t in r.tags})
    intents = sorted({r.intent for r in records if r.intent})
    return SystemEval(
        name=name,
        records=records,
        overall=aggregate(records),
        by_tag={t: aggregate([r for r in records if t in r.tags]) for t in tags},
        by_intent={i: aggregate([r for r in records if r.intent == i]) for i in intents},
    )


def thresholds_of(eval_settings: Any) -> dict[str, float]:
    """The gate's thresholds from config [eval]."""
    return {tkey: getattr(eval_settings, tkey) for _, _, tkey in GATE}


def gate_rows(overall: dict[str, Any], thresholds: dict[str, float]) -> list[dict[str, Any]]:
    """Each gate check: metric, value, comparison, limit and whether it passed. A
    metric without questions behind it (None) is not checked and passes."""
    rows = []
    for key, op, tkey in GATE:
        v, limit = overall.get(key), thresholds[tkey]
        ok = v is None or (v >= limit if op == ">=" else v <= limit)
        rows.append({"metric": key, "value": v, "op": op, "limit": limit, "passed": ok})
    return rows


def check_gate(overall: dict[str, Any], eval_settings: Any) -> list[str]:
    """The CI thresholds (config [eval]) the metrics miss; empty when all pass.
    A metric without questions behind it (None) is not checked."""
    return [f"{r['metric']} = {r['value']:.3f}, needs {r['op']} {r['limit']}"
            for r in gate_rows(overall, thresholds_of(eval_settings)) if not r["passed"]]
