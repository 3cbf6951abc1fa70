"""The written outputs of a run: the plain-text summary table (`chatbot eval`) and
report.md (systems table, definitions, LLM grades, the gate as aggregate.py decided
it, per-tag and per-intent tables, and every failed question with its diagnosis)."""

from __future__ import annotations

from typing import Any

from chatbot.evaluation.aggregate import gate_rows
from chatbot.evaluation.records import Record
from chatbot.evaluation.result import EvalResult

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
    "rejected_line_answers": ("answers w/ a line the check rejected", "count"),
    "errors": ("errors", "count"),
    "latency_p50_ms": ("latency p50 (ms)", "ms"),
    "latency_p95_ms": ("latency p95 (ms)", "ms"),
}

DEFINITIONS = """- **recall@k / MRR** (by document id): share of a question's expected source documents among the first k distinct retrieved documents; mean 1/rank of the first expected document (0 if none). Answerable questions only.
- **fact accuracy**: share of answerable questions whose answer holds every expected fact after normalisation (full-width → half-width, spaces and thousands separators removed; `a|b` = either). **fact recall**: the same per fact.
- **source hit rate**: share of answerable questions where a cited or retrieved document is an expected source.
- **citation precision**: mean over answers with citations of the share of citations whose quote holds an expected fact, or holds a claim figure of / at least half the keyword tokens of a sentence citing it.
- **refusal accuracy**: unanswerable questions refused; **false-refusal rate**: answerable questions refused.
- **answers w/ unsupported figures**: answers with a claim figure not found in the passages its sentence cites.
- **answers w/ a line the check rejected**: answers one of whose lines the citation check dropped (extractive) or marked (LLM) before they were shown. The extractive answerer quotes its sources exactly, so for it each such answer is a defect of composition (a line cut in two, a label read as a figure), not of the sources.
- **latency**: wall-clock time of `engine.ask`, after warm-up."""

GROUP_COLUMNS = [
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


def fmt(value: Any, kind: str = "rate") -> str:
    """A metric value for a table: rates with 3 decimals, counts as integers, ms with 1."""
    if value is None:
        return "–"
    if kind == "count":
        return str(int(value))
    if kind == "ms":
        return f"{value:.1f}"
    return f"{value:.3f}"


def text_table(header: list[str], rows: list[list[str]]) -> str:
    """A plain-text table, first column left-aligned, the others right-aligned."""
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows, strict=False)]

    def line(cells: list[str]) -> str:
        return "  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w)
                         for i, (c, w) in enumerate(zip(cells, widths, strict=False)))

    sep = "  ".join("-" * w for w in widths)
    return "\n".join([line(header), sep] + [line(r) for r in rows])


def md_table(header: list[str], rows: list[list[str]], align_right_from: int = 1) -> str:
    """A Markdown table; `|` and newlines in cells are escaped."""
    def esc(c: Any) -> str:
        return str(c).replace("|", "\\|").replace("\n", " ")

    out = ["| " + " | ".join(esc(h) for h in header) + " |",
           "|" + "|".join("---" if i < align_right_from else "---:" for i in range(len(header))) + "|"]
    out += ["| " + " | ".join(esc(c) for c in r) + " |" for r in rows]
    return "\n".join(out)


def metric_rows(result: EvalResult) -> list[list[str]]:
    """One row per metric, one column per system."""
    systems = result.systems.values()
    rows = [["questions (answerable/unanswerable)"] + [
        f"{s.overall['n']} ({s.overall['n_answerable']}/{s.overall['n_unanswerable']})" for s in systems]]
    for key, (label, kind) in METRICS.items():
        rows.append([label] + [fmt(s.overall.get(key), kind) for s in systems])
    return rows


def llm_judged_line(llm: dict[str, Any]) -> str:
    """One line on the LLM-judged metrics (or why they were skipped)."""
    if llm.get("skipped"):
        return llm["skipped"]
    parts = []
    for name, m in llm.items():
        if isinstance(m, dict):
            failed = f", {m['n_failed']} calls failed: {m.get('first_error')}" if m.get("n_failed") else ""
            parts.append(
                f"{name}: faithfulness {fmt(m.get('faithfulness'))}, answer relevance "
                f"{fmt(m.get('answer_relevance'))} (LLM-judged, {m.get('n_judged', 0)} answers{failed})"
            )
    return "LLM-judged metrics: " + "; ".join(parts)


def summary_table(result: EvalResult) -> str:
    """Plain-text summary: the metrics table, the LLM grades, the gate and the failures."""
    primary = result.primary
    text = text_table(["metric", *list(result.systems)], metric_rows(result))
    text += "\n\n" + llm_judged_line(result.llm_judged)
    if result.gate_failures:
        text += f"\nquality gate ({primary.name}): FAILED: " + "; ".join(result.gate_failures)
    else:
        text += f"\nquality gate ({primary.name}): passed"
    text += f"\nfailed questions ({primary.name}): {len(primary.failures)} of {len(primary.records)}"
    if primary.by_intent:
        text += f"\nfact accuracy by intent ({primary.name}): " + ", ".join(
            f"{i} {fmt(m.get('fact_accuracy'))} (n={m['n']})" for i, m in primary.by_intent.items())
    return text


def _fence(text: str) -> str:
    return "```text\n" + (text or "(empty)").replace("```", "ʼʼʼ") + "\n```"


def _llm_section(result: EvalResult) -> list[str]:
    lines = ["## LLM-judged metrics", ""]
    if result.llm_judged.get("skipped"):
        lines.append(result.llm_judged["skipped"])
    else:
        rows = [[name, fmt(m.get("faithfulness")), fmt(m.get("answer_relevance")), str(m.get("n_judged", 0))]
                for name, m in result.llm_judged.items() if isinstance(m, dict)]
        lines.append(md_table(["system", "faithfulness", "answer relevance", "answers judged"], rows))
        lines.append("")
        lines.append("Each grade is one short prompt to the configured chat model (0..1); refused answers are not judged.")
    return [*lines, ""]


def _gate_section(result: EvalResult) -> list[str]:
    if not result.thresholds:
        return []
    rows = [[g["metric"], fmt(g["value"]), f"{g['op']} {g['limit']}", "pass" if g["passed"] else "**FAIL**"]
            for g in gate_rows(result.primary.overall, result.thresholds)]
    return [f"## Quality gate ({result.primary.name}, thresholds from config `[eval]`)", "",
            md_table(["metric", "value", "threshold", ""], rows), ""]


def _group_section(title: str, label: str, groups: dict[str, dict[str, Any]]) -> list[str]:
    rows = [[g] + [fmt(m.get(k), kind) for k, _, kind in GROUP_COLUMNS] for g, m in groups.items()]
    return [title, "", md_table([label] + [col for _, col, _ in GROUP_COLUMNS], rows), ""]


def _groups_sections(result: EvalResult) -> list[str]:
    primary, names = result.primary, list(result.systems)
    lines = _group_section(f"## Per tag ({primary.name})", "tag", primary.by_tag)
    if primary.by_intent:
        lines += _group_section(f"## Per intent ({primary.name})", "intent", primary.by_intent)
    if len(names) > 1:
        lines += ["## Per tag, all systems (fact accuracy / recall@5)", ""]
        tags = sorted({t for s in result.systems.values() for t in s.by_tag})
        rows = [[tag] + [
            f"{fmt(s.by_tag.get(tag, {}).get('fact_accuracy'))} / {fmt(s.by_tag.get(tag, {}).get('recall@5'))}"
            for s in result.systems.values()] for tag in tags]
        lines += [md_table(["tag", *names], rows), ""]
    return lines


def _failure_lines(r: Record, others: dict[str, set[str]]) -> list[str]:
    lines = [f"### {r.id} — {r.cause}: {r.question}", ""]
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
    lines += [f"- returned ({'refused' if r.refused else 'answered'}, {r.latency_ms:.0f} ms):", "",
              _fence(r.error or r.answer), ""]
    if r.citations:
        lines.append("- cited: " + ", ".join(f"[{c['n']}] {c['doc_id']} `{c['chunk_id'][:12]}`" for c in r.citations))
    lines.append("- retrieved passages: " + (", ".join(
        f"{p['rank']}. {p['doc_id']} `{p['chunk_id'][:12]}`" for p in r.retrieved) or "none"))
    if others:
        lines.append("- baselines: " + ", ".join(
            f"{n} {'also fails' if r.id in ids else 'passes'}" for n, ids in others.items()))
    return [*lines, ""]


def _failures_section(result: EvalResult) -> list[str]:
    primary = result.primary
    fails = primary.failures
    lines = [f"## Failed questions ({primary.name}): {len(fails)} of {len(primary.records)}", ""]
    if not fails:
        return lines
    causes: dict[str, list[str]] = {}
    for r in fails:
        causes.setdefault(r.cause, []).append(r.id)
    lines += [md_table(["cause", "count", "questions"], [[c, str(len(ids)), ", ".join(ids)] for c, ids in causes.items()]), ""]
    others = {n: {r.id for r in s.failures} for n, s in result.systems.items() if n != primary.name}
    for r in fails:
        lines += _failure_lines(r, others)
    return lines


def render_report(result: EvalResult) -> str:
    """report.md of a run."""
    qs = result.questions
    n_ans = sum(q.answerable for q in qs)
    files = ", ".join(f"`{p}`" for p in result.questions_paths)
    lines = [
        "# Evaluation report",
        "",
        f"- question set: {files} — {len(qs)} questions ({n_ans} answerable, {len(qs) - n_ans} unanswerable)",
        f"- run: {result.created}; systems: {', '.join(result.systems)} (same answerer, different retrieval)",
    ]
    if result.config:
        lines.append("- engine: " + ", ".join(f"{k} = `{v}`" for k, v in result.config.items() if v not in ("", None)))
    lines += ["", "## Systems", "", md_table(["metric", *list(result.systems)], metric_rows(result)), "", DEFINITIONS, ""]
    lines += _llm_section(result) + _gate_section(result) + _groups_sections(result) + _failures_section(result)
    return "\n".join(lines).rstrip() + "\n"
