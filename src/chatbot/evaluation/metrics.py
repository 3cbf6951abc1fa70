"""The metric functions, pure (no engine, no I/O): fact matching, retrieval ranking
metrics, citation precision, unsupported figures, refusal rates and the one
percentile definition. `chatbot eval`, the benchmarks and the tests all use these.

- fact hit: every expected fact appears in the text after `text.normalize`
  (full-width to half-width, spaces and thousands separators removed, lower case);
  `a|b` means either form counts.
- recall@k (by document id): share of the expected source documents among the first
  k distinct documents of a ranking; hit@k: any of them is; reciprocal rank: 1/rank
  of the first expected document (0 when absent).
- source hit: any cited or retrieved document is among the expected sources.
- percentile: linear interpolation between closest ranks (numpy's default).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from typing import Any

from chatbot.text import claim_figures, figure_supported, normalize, split_sentences, tokenize

MARKER = re.compile(r"\[(\d{1,3})\]")
# a citation quote supports a sentence holding this share of the sentence's keyword tokens
TOKEN_SUPPORT_SHARE = 0.5

# --- facts ---------------------------------------------------------------------------


def fact_alternatives(fact: str) -> list[str]:
    """The normalised forms of one expected fact (`a|b` = either), empty ones dropped."""
    return [n for n in (normalize(a) for a in fact.split("|")) if n]


def fact_found(text: str, fact: str) -> bool:
    """Does one expected fact (`a|b` = either) appear in the text after normalisation?"""
    norm = normalize(text or "")
    return any(alt in norm for alt in fact_alternatives(fact))


def missing_facts(answer_text: str, expected_facts: Sequence[str]) -> list[str]:
    """The expected facts the text does not hold, in their order."""
    return [f for f in expected_facts if not fact_found(answer_text, f)]


def fact_hit(answer_text: str, expected_facts: Sequence[str]) -> bool:
    """True when every expected fact appears in the answer after normalisation
    (vacuously true for an empty list)."""
    return not missing_facts(answer_text, expected_facts)


# --- rankings --------------------------------------------------------------------------


def dedup(ids: Iterable[str]) -> list[str]:
    """The ids in first-seen order, each once."""
    return list(dict.fromkeys(ids))


def recall_at_k(retrieved_doc_ids: Sequence[str], expected_sources: Sequence[str], k: int) -> float | None:
    """Share of the expected documents found among the first k distinct retrieved
    documents; None when nothing is expected."""
    expected = set(expected_sources)
    if not expected:
        return None
    top = set(dedup(retrieved_doc_ids)[:k])
    return len(expected & top) / len(expected)


def hit_at_k(retrieved_doc_ids: Sequence[str], expected_sources: Sequence[str], k: int) -> bool | None:
    """Is any expected document among the first k distinct retrieved documents? None
    when nothing is expected."""
    r = recall_at_k(retrieved_doc_ids, expected_sources, k)
    return None if r is None else r > 0


def reciprocal_rank(retrieved_doc_ids: Sequence[str], expected_sources: Sequence[str]) -> float | None:
    """1/rank of the first expected document in the distinct-document ranking, 0 when
    none was retrieved; None when nothing is expected."""
    expected = set(expected_sources)
    if not expected:
        return None
    for rank, doc in enumerate(dedup(retrieved_doc_ids), 1):
        if doc in expected:
            return 1.0 / rank
    return 0.0


def mean(values: Iterable[float | None]) -> float | None:
    """Mean of the values that are not None; None when there are none."""
    vals = [v for v in values if v is not None]
    return sum(vals) / len(vals) if vals else None


def rate(flags: Sequence[bool]) -> float | None:
    """Share of true flags; None for no flags."""
    return sum(flags) / len(flags) if flags else None


def mean_reciprocal_rank(rankings: Sequence[Sequence[str]], expected: Sequence[Sequence[str]]) -> float | None:
    """Mean reciprocal rank over the questions that expect a source."""
    return mean(reciprocal_rank(r, e) for r, e in zip(rankings, expected, strict=False))


def source_hit(cited_doc_ids: Iterable[str], retrieved_doc_ids: Iterable[str], expected_sources: Sequence[str]) -> bool:
    """A hit when any cited or retrieved document is among the expected sources."""
    return bool(set(expected_sources) & (set(cited_doc_ids) | set(retrieved_doc_ids)))


# --- citations -------------------------------------------------------------------------


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
    if any(figure_supported(f, quote_norm) for f in claim_figures(sentence)):
        return True
    toks = set(tokenize(sentence))
    return bool(toks) and len(toks & quote_tokens) / len(toks) >= TOKEN_SUPPORT_SHARE


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
        if any(alt in qnorm for f in expected_facts for alt in fact_alternatives(f)):
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
    refusal with a figure and no citations reports that figure. A calculation's result
    counts as supported when its inputs are cited and the arithmetic reproduces it
    (the citation check's rule, compute.verify_formulas)."""
    from chatbot.compute import verify_formulas
    from chatbot.table_cells import checkable

    quotes = {_get(c, "n"): checkable(_get(c, "quote", "") or "") for c in citations}  # (table cells with their units)
    everything = " ".join(quotes.values())
    out: list[str] = []
    for sent, ns in answer_sentences(answer_text):
        evidence = " ".join(quotes.get(n, "") for n in ns) if ns else everything
        computed = verify_formulas(sent, evidence)
        for f in claim_figures(sent):
            if not figure_supported(f, evidence) and f not in computed and f not in out:
                out.append(f)
    return out


# --- refusals and latency ------------------------------------------------------------------


def refusal_correct(answerable: bool, refused: bool) -> bool:
    """Unanswerable questions must be refused, answerable ones must not."""
    return refused != answerable


def refusal_accuracy(answerable: Sequence[bool], refused: Sequence[bool]) -> float | None:
    """Share of the unanswerable questions that were refused."""
    return rate([ref for ans, ref in zip(answerable, refused, strict=False) if not ans])


def false_refusal_rate(answerable: Sequence[bool], refused: Sequence[bool]) -> float | None:
    """Share of the answerable questions that were refused."""
    return rate([ref for ans, ref in zip(answerable, refused, strict=False) if ans])


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
    """p50 and p95 of a list of latencies."""
    return {"p50": percentile(values_ms, 50), "p95": percentile(values_ms, 95)}
