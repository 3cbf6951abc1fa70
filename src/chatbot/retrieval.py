"""Hybrid retrieval: dense candidates from Chroma and keyword candidates from the jieba
BM25 index, fused by weighted reciprocal rank fusion, deduplicated by chunk, with an
optional cross-encoder reranker. `mode` "dense" / "keyword" give the baselines."""

from __future__ import annotations

import re
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Literal

from chatbot.bilingual import inflections
from chatbot.collapse import collapse, docs_about, lookalike_prior, other_company_prior
from chatbot.config import RetrievalSettings
from chatbot.evidence_config import evidence_config
from chatbot.glossary import Glossary
from chatbot.models import Chunk, Passage
from chatbot.store import Store
from chatbot.text import question_language, spelled_periods

Mode = Literal["hybrid", "dense", "keyword"]
MAX_EMBED_CHARS = 512  # a longer question is embedded by its start (the model reads ~512 tokens)
# the keyword search of a hybrid question runs here while the question is embedded (the
# embedder and SQLite release the GIL): its time is hidden behind the embedding's
_KEYWORD_POOL = ThreadPoolExecutor(max_workers=2, thread_name_prefix="keyword-search")


def rrf_fuse(
    ranked_lists: list[tuple[list[tuple[Chunk, float]], float]], rrf_k: int
) -> list[tuple[str, float]]:
    """Weighted reciprocal rank fusion over lists of (chunk, score); returns
    (chunk id, fused score), best first. A chunk found by several lists sums up."""
    fused: dict[str, float] = {}
    for items, weight in ranked_lists:
        for rank, (chunk, _) in enumerate(items):
            fused[chunk.id] = fused.get(chunk.id, 0.0) + weight / (rrf_k + rank + 1)
    return sorted(fused.items(), key=lambda kv: -kv[1])


def with_english_nouns(question: str) -> str:
    """A Chinese question with the English nouns of its words appended (chatbot/bilingual.py english_nouns), for an
    article written in English: "卖出了多少拉链" finds "Zipper sales volume…"."""
    from chatbot.bilingual import english_forms
    from chatbot.lexicon import stop_words
    from chatbot.text import _jieba

    stop = stop_words()  # ("多少", "什么": the question's own words)
    words = _jieba().lcut(question)
    # (the finance terms, nouns and verbs the dictionary gives: "收获" -> harvest, "预计" -> guidance; and a unit asked,
    # as the article writes it: "多少吨" -> tonnes)
    units = evidence_config()["units"].get("measures_en", {})
    nouns = [n for w in words if re.fullmatch(r"[\u4e00-\u9fff]{2,4}", w) and w not in stop for n in english_forms(w)]
    nouns += [en for w in words if len(w) == 1 for en, zh in units.items() if zh == [w]]
    extra = [n for n in dict.fromkeys(nouns) if n not in question.lower()]
    return f"{question} {' '.join(extra)}" if extra else question


class Retriever:
    def __init__(self, store: Store, settings: RetrievalSettings, glossary: Glossary):
        self.store = store
        self.cfg = settings
        self.glossary = glossary
        self._reranker: Any = None  # a sentence-transformers CrossEncoder, loaded on first use

    def retrieve(self, question: str, mode: Mode = "hybrid", k: int | None = None) -> tuple[list[Passage], dict[str, float]]:
        k = k or self.cfg.top_k
        timings: dict[str, float] = {}
        # English terms and company names get their Chinese forms appended: the keyword
        # side needs them to match at all, and they sharpen the multilingual dense side
        # (flat similarities around 0.76 for an English question become a clear 0.89 hit)
        # (with a period's spoken spelling, the word documents most often write: "头九个月" and 前三季度)
        question = self.glossary.expand(" ".join([question, *dict.fromkeys(spelled_periods(question))]))
        # the documents about the asked company: their passages join the pool and outrank look-alikes
        asked = set(self.glossary.entities(question)) & self.glossary.companies
        about = docs_about(asked, self.glossary.doc_subjects)
        if about and question_language(question) == "zh" and any(
                (rec := self.store.docs.get(d)) is not None and question_language(rec.title) == "en" for d in about):
            question = self.glossary.english_metric_forms(question)  # the company is written about in English
            question = with_english_nouns(question)  # ("拉链": the article's "zipper")
        dense: list = []
        keyword: list = []
        pending = None
        if mode == "hybrid":
            pending = _KEYWORD_POOL.submit(self._keyword, question)
        if mode in ("hybrid", "dense"):
            t = time.perf_counter()
            vec = self.store.embeddings.embed_query(question[:MAX_EMBED_CHARS])
            timings["embed_query"] = (time.perf_counter() - t) * 1000
            t = time.perf_counter()
            dense = self.store.dense_search(vec, self.cfg.dense_k)
            if about:  # the asked company's own passages join the pool, however many look-alikes rank above them
                seen = {c.id for c, _ in dense}
                own = [h for h in self.store.dense_search(vec, self.cfg.dense_k, about) if h[0].id not in seen]
                dense = sorted(dense + own, key=lambda h: -h[1])
            timings["dense"] = (time.perf_counter() - t) * 1000
        if pending is not None:
            t = time.perf_counter()
            keyword, _ = pending.result()
            timings["keyword"] = (time.perf_counter() - t) * 1000  # what it added beyond the embedding
        elif mode == "keyword":
            keyword, timings["keyword"] = self._keyword(question)
        lists = []
        if dense:
            lists.append((dense, self.cfg.dense_weight))
        if keyword:
            lists.append((keyword, self.cfg.keyword_weight))
        fused = rrf_fuse(lists, self.cfg.rrf_k)
        chunks = {c.id: c for c, _ in dense + keyword}
        dscore = {c.id: s for c, s in dense}
        kscore = {c.id: s for c, s in keyword}
        passages = [
            Passage(chunk=chunks[cid], score=score, dense_score=dscore.get(cid), keyword_score=kscore.get(cid))
            for cid, score in fused
        ]
        passages = self._document_prior(passages, about, asked)
        if self.cfg.reranker_model and passages:
            t = time.perf_counter()
            passages = self._rerank(question, passages[: max(k * 3, 20)])
            timings["rerank"] = (time.perf_counter() - t) * 1000
        return passages[:k], timings

    def _document_prior(self, passages: list[Passage], about: set[str], asked: set[str]) -> list[Passage]:
        """Identical passages collapse to one copy; a passage of a document in `about` (those
        about the asked company) outranks its look-alikes elsewhere, and a passage elsewhere
        that names only other companies ranks lower (chatbot.collapse)."""
        kept = [k for k, _ in collapse(passages, lambda p: p.chunk.text, lambda p: p.chunk.doc_id,
                                       lambda p: p.chunk.date, about)]
        cfg = evidence_config()["lookalike"]
        changed = lookalike_prior(kept, lambda p: p.chunk.text, lambda p: p.chunk.doc_id, lambda p: p.score,
                                  about, cfg["passing_mention_factor"], cfg["shared_sentence_min_chars"])
        for i, s in changed.items():
            kept[i].score = s
        others = other_company_prior(kept, lambda p: p.chunk.text, lambda p: p.chunk.doc_id, lambda p: p.score,
                                     asked, about, self._companies_in, cfg["other_company_factor"],
                                     lambda doc: self.glossary.doc_subjects.get(doc, set()) & self.glossary.companies)
        for i, s in others.items():
            kept[i].score = s
        return sorted(kept, key=lambda p: -p.score) if changed or others else kept

    def _companies_in(self, text: str) -> set[str]:
        return set(self.glossary.entities(text)) & self.glossary.companies

    def _keyword(self, question: str) -> tuple[list, float]:
        t = time.perf_counter()
        # (an English word's other forms beside it: the index keeps words as written, "raised" is no "raise")
        more = [f for w in dict.fromkeys(re.findall(r"[a-z]{3,}", question.lower())) for f in inflections(w)]
        hits = self.store.keyword_search(" ".join([question, *more]) if more else question, self.cfg.keyword_k)
        return hits, (time.perf_counter() - t) * 1000

    def _rerank(self, question: str, passages: list[Passage]) -> list[Passage]:
        if self._reranker is None:
            import os

            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            from sentence_transformers import CrossEncoder

            self._reranker = CrossEncoder(self.cfg.reranker_model, device="cpu")
        scores = self._reranker.predict([(question, p.chunk.text) for p in passages])
        for p, s in zip(passages, scores, strict=True):
            p.score = float(s)
        return sorted(passages, key=lambda p: -p.score)
