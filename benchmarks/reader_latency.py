"""Latency of reader questions by intent (issue 12): every question of a set asked
`--rounds` times on a warmed-up engine (extractive), p50/p95 of the whole answer and
of the answer stage (evidence, composition, citation check) printed per intent.

    python -m benchmarks.reader_latency [--questions tests/reader_questions.jsonl] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

from chatbot.evaluation.metrics import percentile

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--questions", default=str(ROOT / "tests" / "reader_questions.jsonl"))
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--store", default="")
    a = ap.parse_args()
    from chatbot.config import load_settings
    from chatbot.engine import Engine

    settings = load_settings(store={"path": a.store}) if a.store else load_settings()
    engine = Engine(settings)
    engine.warmup()
    qs = [json.loads(line) for line in Path(a.questions).read_text(encoding="utf-8").splitlines() if line.strip()]
    for q in qs:  # one unmeasured pass: caches (structure, jieba, embeddings of the model) warm
        engine.ask(q["question"], q.get("history"))
    total: dict[str, list[float]] = defaultdict(list)
    stage: dict[str, list[float]] = defaultdict(list)
    for _ in range(a.rounds):
        for q in qs:
            ans = engine.ask(q["question"], q.get("history"))
            for key in (ans.intent, "all"):
                total[key].append(ans.timings_ms["total"])
                stage[key].append(ans.timings_ms.get("answer", 0.0))  # a question about an unknown company is refused before answering
    print(f"{'intent':<12} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'answer p50':>11} {'answer p95':>11}")
    for key in sorted(total, key=lambda k: (k == "all", k)):
        t, s = total[key], stage[key]
        print(f"{key:<12} {len(t):>4} {percentile(t, 50):>8.1f} {percentile(t, 95):>8.1f} "
              f"{percentile(s, 50):>11.1f} {percentile(s, 95):>11.1f}")


if __name__ == "__main__":
    main()
