"""The entity catalogue against the gold file of every article's companies (tests/data/catalogue_gold.jsonl,
benchmarks/catalogue_quality.py): floors under the figures of extractor version 20, for the tuned part and the
held-out part (every third document, which no rule was tuned on). A floor is a little under the figure measured, so
that a change that loses a company, a form or an English name somewhere fails here and says which."""

from __future__ import annotations

import pytest

from benchmarks.catalogue_quality import KINDS, load_documents, load_gold, measure

# (part, kind) -> (precision floor, recall floor); measured at version 20: see the benchmark's output
FLOORS = {
    ("tuned", "names"): (0.95, 0.97), ("tuned", "short forms"): (0.98, 0.95),
    ("tuned", "English names"): (0.97, 0.92), ("tuned", "tickers"): (0.98, 0.98), ("tuned", "pinyin"): (0.97, 0.94),
    ("held-out", "names"): (0.95, 0.92), ("held-out", "short forms"): (0.98, 0.87),
    ("held-out", "English names"): (0.98, 0.90), ("held-out", "tickers"): (0.98, 0.97), ("held-out", "pinyin"): (0.97, 0.80),
}


@pytest.fixture(scope="module")
def figures():
    gold, holdout = load_gold()
    docs = load_documents(gold)
    assert set(docs) == set(gold), "every gold document is an article the project holds"
    parts = {"tuned": [d for d in gold if d not in holdout], "held-out": [d for d in gold if d in holdout]}
    return {part: measure(gold, docs, ids) for part, ids in parts.items()}


@pytest.mark.parametrize(("part", "kind"), list(FLOORS), ids=[f"{p}-{k}" for p, k in FLOORS])
def test_catalogue_quality_floor(figures, part, kind):
    assert kind in KINDS
    tally = figures[part][kind]
    precision, recall = tally.figures()
    p_floor, r_floor = FLOORS[(part, kind)]
    assert precision >= p_floor, (precision, [e for e in tally.errors if e.startswith("extra")])
    assert recall >= r_floor, (recall, [e for e in tally.errors if e.startswith("missed")])
