"""systems.png: a grouped bar chart of the quality metrics (0..1) and the latency, one
bar per system."""

from __future__ import annotations

import math
from pathlib import Path

from chatbot.evaluation.report import METRICS
from chatbot.evaluation.result import EvalResult

CHART_METRICS = ["recall@1", "recall@3", "recall@5", "mrr", "fact_accuracy", "source_hit_rate",
                 "citation_precision", "refusal_accuracy", "false_refusal_rate"]
COLORS = {"hybrid": "#1f77b4", "dense": "#ff7f0e", "keyword": "#2ca02c"}


def render_chart(result: EvalResult, path: Path) -> None:
    """Write the chart of a run to `path` (PNG)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    names = list(result.systems)
    fig = Figure(figsize=(13, 5), dpi=110)
    FigureCanvasAgg(fig)
    gs = fig.add_gridspec(1, 2, width_ratios=[4, 1])
    ax, ax2 = fig.add_subplot(gs[0]), fig.add_subplot(gs[1])
    width = 0.8 / max(len(names), 1)
    xs = range(len(CHART_METRICS))
    for i, name in enumerate(names):
        o = result.systems[name].overall
        offset = (i - (len(names) - 1) / 2) * width
        vals = [float(v) if (v := o.get(m)) is not None else float("nan") for m in CHART_METRICS]
        bars = ax.bar([x + offset for x in xs], vals, width, label=name, color=COLORS.get(name))
        ax.bar_label(bars, labels=[("" if math.isnan(v) else f"{v:.2f}") for v in vals], fontsize=6, padding=1)
        lat = [o.get("latency_p50_ms") or 0.0, o.get("latency_p95_ms") or 0.0]
        ax2.bar([x + offset for x in range(2)], lat, width, color=COLORS.get(name), label=name)
    ax.set_xticks(list(xs), [METRICS[m][0] for m in CHART_METRICS], rotation=25, ha="right", fontsize=8)
    ax.set_ylim(0, 1.1)
    ax.set_ylabel("score (false-refusal rate: lower is better)")
    ax.set_title(f"{', '.join(p.name for p in result.questions_paths)}: {len(result.questions)} questions")
    ax.legend(loc="upper right", fontsize=8, ncols=len(names))
    ax.grid(axis="y", alpha=0.3)
    ax2.set_xticks([0, 1], ["p50", "p95"])
    ax2.set_ylabel("latency (ms)")
    ax2.set_title("latency")
    ax2.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    fig.savefig(path)
