"""The one engine that the CLI, the web chat, the evaluation and the tests call:
question (+ history) -> standalone question -> hybrid retrieval -> answerer ->
citation check -> Answer."""

from __future__ import annotations

import re
import threading
import time
import unicodedata
from typing import Iterator

from chatbot.answer_extractive import extractive_answer
from chatbot.citations import check_answer
from chatbot.config import Settings, load_settings
from chatbot.evidence import score_candidates
from chatbot.followup import condense_with_llm, normalise_history, resolve_followup
from chatbot.catalogue import Catalogue, merged_glossary
from chatbot.glossary import Glossary, load_glossary
from chatbot.lexicon import translator
from chatbot.subjects import CorpusText, unknown_names
from chatbot.models import Answer, Passage
from chatbot.retrieval import Mode, Retriever
from chatbot.store import Store
from chatbot.text import TICKER_RE, question_language

REFUSAL = {
    "zh": "抱歉，现有资料（分析报告及其引用的文章）中没有关于这个问题的信息，无法回答。",
    "en": "Sorry, the report and the articles it cites hold no information on this question.",
}
EMPTY_QUESTION = {"zh": "请输入一个问题。", "en": "Please enter a question."}
DISCLAIMER = "数据基于历史，不代表未来趋势；仅供投资者参考，不构成投资建议"
_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[@-_]")  # terminal escape sequences


def clean_question(question: str, max_chars: int) -> tuple[str, list[str]]:
    """Control characters removed, white space folded, over-long input truncated."""
    notices = []
    q = _ANSI.sub("", str(question or ""))
    q = "".join(ch for ch in q if ch in "\n\t" or unicodedata.category(ch)[0] != "C")
    q = re.sub(r"\s+", " ", q).strip()
    if len(q) > max_chars:
        q = q[:max_chars]
        notices.append(f"question truncated to its first {max_chars} characters")
    return q, notices


class Engine:
    def __init__(self, settings: Settings | None = None, store: Store | None = None):
        self.settings = settings or load_settings()
        self.store = store or Store(self.settings)
        self.catalogue = Catalogue(self.store)
        self.corpus = CorpusText(self.store)
        self._base_glossary = load_glossary(hand_kept=self.settings.answer.use_glossary)
        self._merged = (None, self._base_glossary)  # (catalogue state, glossary)
        self.retriever = Retriever(self.store, self.settings.retrieval, self._base_glossary)
        self._chat_model = None
        self._lock = threading.Lock()

    # --- the pieces -------------------------------------------------------------

    @property
    def glossary(self) -> Glossary:
        """The glossary override merged with the catalogue of the documents now indexed."""
        docs = self.catalogue.sync()
        if self._merged[0] is not docs:
            g = merged_glossary(self._base_glossary, {d: v["entries"] for d, v in docs.items()},
                                translator(self.corpus.contains))
            self._merged = (docs, g)
            self.retriever.glossary = g
        return self._merged[1]

    @property
    def chat_model(self):
        if self._chat_model is None and self.settings.llm.configured:
            from chatbot.answer_llm import make_chat_model

            self._chat_model = make_chat_model(self.settings.llm)
        return self._chat_model

    @property
    def uses_llm(self) -> bool:
        return self.settings.answer.backend == "llm" and self.settings.llm.configured

    def standalone_question(self, question: str, history: list[dict] | None) -> str:
        if not history:
            return question
        if self.uses_llm and self.settings.llm.condense:
            try:
                return condense_with_llm(question, history, self.chat_model)
            except Exception:
                pass  # the rules below still give a usable question
        return resolve_followup(question, history, self.glossary)

    def warmup(self) -> None:
        """Load the embedding model, the keyword index and jieba before the first question."""
        self.retriever.retrieve("云知声 warm up", k=1)

    # --- answering --------------------------------------------------------------

    def ask(self, question: str, history: list[dict] | None = None, mode: Mode = "hybrid") -> Answer:
        answer = None
        for event in self.stream(question, history, mode):
            if isinstance(event, Answer):
                answer = event
        assert answer is not None
        return answer

    def stream(self, question: str, history: list[dict] | None = None, mode: Mode = "hybrid") -> Iterator[str | Answer]:
        """Yields text deltas as the answer is written, then the final, checked Answer
        (whose text replaces what was streamed)."""
        t0 = time.perf_counter()
        q, notices = clean_question(question, self.settings.answer.max_question_chars)
        lang = question_language(q)
        if not q:
            yield Answer(question=str(question or ""), text=EMPTY_QUESTION["zh"], refused=True, notices=["empty question"])
            return
        history = normalise_history(history)
        t = time.perf_counter()
        glossary = self.glossary
        standalone = self.standalone_question(q, history)
        unknown = unknown_names(standalone, glossary, self.corpus.contains)
        if unknown:  # about a company no document holds: never another company's figure
            yield Answer(question=q, standalone_question=standalone, text=REFUSAL[lang], refused=True,
                         notices=notices + [f"no indexed document names {', '.join(unknown)}"],
                         timings_ms={"total": (time.perf_counter() - t0) * 1000})
            return
        timings = {"condense": (time.perf_counter() - t) * 1000}
        passages, rt = self.retriever.retrieve(standalone, mode=mode)
        timings["retrieve"] = sum(rt.values())
        t = time.perf_counter()
        cands, spec = score_candidates(standalone, passages, glossary, self.store.idf)
        cfg = self.settings.answer
        numbered = {i + 1: p.chunk for i, p in enumerate(passages)}
        best = cands[0].coverage if cands else 0.0
        answer = Answer(question=q, standalone_question=standalone, passages=passages, notices=notices)

        mode_used = "extractive"
        text, highlights = "", {}
        if best >= cfg.min_relevance and self.uses_llm:
            from chatbot.answer_llm import leak_guard, looks_like_refusal, stream_llm_answer

            parts: list[str] = []
            try:
                for delta in stream_llm_answer(self.chat_model, standalone, passages, lang):
                    parts.append(delta)
                    yield delta
                mode_used = "llm"
                text = leak_guard("".join(parts).strip())
                highlights = {c.passage_idx + 1: [c.raw] for c in cands[:8]}
                if looks_like_refusal(text) and not re.search(r"\[\d+\]", text):
                    text = ""
            except Exception as e:  # the endpoint is down or failing: answer without it
                answer.notices.append(f"LLM unavailable ({type(e).__name__}); showing the extractive answer")
        if best >= cfg.min_relevance and mode_used == "extractive":
            text, highlights = extractive_answer(cands, cfg.min_relevance, cfg.max_sentences, lang, spec.wants_list)

        checked = check_answer(text, numbered, mode=mode_used, lang=lang, highlights=highlights)
        if not checked.citations:  # nothing left that a source supports: refuse
            answer.text, answer.refused = REFUSAL[lang], True
        else:
            answer.text, answer.citations, answer.unsupported = checked.text, checked.citations, checked.unsupported
            answer.tickers = self._tickers(answer, standalone)
        timings["answer"] = (time.perf_counter() - t) * 1000
        timings["total"] = (time.perf_counter() - t0) * 1000
        answer.timings_ms = timings
        if mode_used == "extractive":  # the extractive text is final: stream it line by line
            for line in answer.text.splitlines(keepends=True):
                yield line
        yield answer

    def _tickers(self, answer: Answer, question: str) -> list[str]:
        """Tickers of the cited documents and passages, narrowed to the companies the
        question names (or else the answer names), when it names any."""
        found: list[str] = []
        for c in answer.citations:
            rec = self.store.docs.get(c.doc_id)
            found += (rec.tickers if rec else []) + [t.upper() for t in TICKER_RE.findall(c.quote)]
        named = self.glossary.entities(question) or self.glossary.entities(answer.text)
        named_tickers = {self.glossary.tickers.get(e) for e in named} - {None}
        found = list(dict.fromkeys(found))
        if named_tickers:
            found = [t for t in found if t in named_tickers] or sorted(named_tickers)
        return found

    # --- documents --------------------------------------------------------------

    def ingest(self, targets, prune: bool = True, rebuild: bool = False, show_progress: bool = False,
               on_progress=None, public_urls_only: bool = False):
        from ingest.pipeline import ingest

        with self._lock:
            return ingest(targets, self.settings, store=self.store, prune=prune, rebuild=rebuild,
                          show_progress=show_progress, on_progress=on_progress, public_urls_only=public_urls_only)

    def documents(self):
        self.store.refresh()
        return sorted(self.store.docs.values(), key=lambda d: d.doc_id)

    def remove_document(self, doc_id: str) -> bool:
        with self._lock:
            return self.store.remove_document(doc_id)

    def ensure_index(self, show_progress: bool = True):
        """Ingest the bundled corpus when the index is empty (first run)."""
        if not self.store.docs:
            return self.ingest([self.settings.resolve(self.settings.ingest.corpus_dir)], show_progress=show_progress)
        return None
