"""The one engine that the CLI, the web chat, the evaluation and the tests call:
question (+ history) -> standalone question -> hybrid retrieval -> answerer ->
citation check -> Answer."""

from __future__ import annotations

import logging
import re
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import replace
from functools import cached_property

from chatbot.answerers import Answerer, AnswerRequest, Draft, make_answerer, uses_llm
from chatbot.answerers.extractive import lead_in
from chatbot.bilingual import translator
from chatbot.catalogue import Catalogue, merged_glossary
from chatbot.citations import check_answer
from chatbot.compose import ComposeContext, compose, render
from chatbot.compose.base import drop_absent
from chatbot.config import Settings, load_settings
from chatbot.documents import Documents
from chatbot.english_names import resolve as resolve_english_names
from chatbot.evidence import (
    MAX_ABSENT_SHARE,
    analyse_question,
    named_in_passing_only,
    score_candidates,
    unmapped_phrase,
    unnamed_head,
    unnamed_head_zh,
)
from chatbot.figures import annotate_figures
from chatbot.followup import condense_with_llm, normalise_history, resolve_followup, uncarried_company, user_turns
from chatbot.glossary import Glossary, load_glossary
from chatbot.intent import (
    Intent,
    asks_what_term,
    defined_term,
    is_phrasing_word,
    is_reader_phrase,
    labels,
    question_intent,
    reader_config,
    topic_text,
)
from chatbot.models import Answer, Passage
from chatbot.retrieval import Mode, Retriever
from chatbot.script import question_as_simplified
from chatbot.semantic_match import SemanticFallback
from chatbot.short_names import complete as complete_short_names
from chatbot.store import DocRecord, Store
from chatbot.structure import LazyStructure, document_structure
from chatbot.subjects import (
    CorpusText,
    complete_written_names,
    firm_shaped,
    uncatalogued_names,
    uncatalogued_written_once,
    unknown_names,
    words_written,
    written_once_in_chinese,
)
from chatbot.text import TICKER_RE, is_cjk, question_language, with_year_before

log = logging.getLogger(__name__)

REFUSAL = {
    "zh": "抱歉，现有资料（分析报告及其引用的文章）中没有关于这个问题的信息，无法回答。",
    "en": "Sorry, the report and the articles it cites hold no information on this question.",
}
UNCARRIED = {
    "zh": "无法确定追问中的“{}”指哪家公司（对话中没有资料里的公司）：请写出公司名称再问。",
    "en": "I can't tell which company “{}” refers to (the conversation names none the documents hold): please ask again with the company's name.",
}
EMPTY_QUESTION = {"zh": "请输入一个问题。", "en": "Please enter a question."}
DISCLAIMER = "数据基于历史，不代表未来趋势；仅供投资者参考，不构成投资建议"
_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[@-_]")  # terminal escape sequences


_LATIN_BEFORE_YEAR = re.compile(r"(?<=[A-Za-z])(?=(?:19|20)\d{2}\s*(?:年|财年|财政年度))")


def apart_from_year(text: str) -> str:
    """A Latin name written right against a year ("MiniMax2025年收入", or a follow-up's "它" replaced so): the name and
    the year apart ("MiniMax 2025年"), so that the name is read as one."""
    return _LATIN_BEFORE_YEAR.sub(" ", text)


def clean_question(question: str, max_chars: int) -> tuple[str, list[str]]:
    """Control characters removed, white space folded, over-long input truncated."""
    notices = []
    q = _ANSI.sub("", str(question or ""))
    q = "".join(ch for ch in q if ch in "\n\t" or unicodedata.category(ch)[0] != "C")
    q = re.sub(r"\s+", " ", q).strip()
    q = apart_from_year(q)
    if len(q) > max_chars:
        q = q[:max_chars]
        notices.append(f"question truncated to its first {max_chars} characters")
    return q, notices


def _intent_note(intent: Intent, lang: str) -> str:
    """What a refusal still says for its intent: that no investment advice is given,
    or that the documents hold no live market data."""
    key = {"advice": "no_advice", "latest": "no_live_refused"}.get(intent.name)
    return "\n" + labels(lang)[key] if key else ""


class Engine:
    def __init__(self, settings: Settings | None = None, store: Store | None = None):
        self.settings = settings or load_settings()
        self.store = store or Store(self.settings)
        self.catalogue = Catalogue(self.store)
        self.corpus = CorpusText(self.store)
        self._base_glossary = load_glossary(hand_kept=self.settings.answer.use_glossary)
        self._merged: tuple[dict | None, Glossary] = (None, self._base_glossary)  # (catalogue state, glossary)
        self._once: tuple[dict | None, set[str]] = (None, set())  # (catalogue state, names written once)
        self.retriever = Retriever(self.store, self.settings.retrieval, self._base_glossary)
        self._chat_model = None
        self._semantic: SemanticFallback | None = None

    # --- the pieces -------------------------------------------------------------

    @property
    def glossary(self) -> Glossary:
        """The glossary override merged with the catalogue of the documents now indexed."""
        docs = self.catalogue.sync()
        if self._merged[0] is not docs:
            g = merged_glossary(self._base_glossary, {d: v["entries"] for d, v in docs.items()},
                                translator(self.corpus.contains), self.corpus.in_documents, self.corpus.contains)
            self._merged = (docs, g)
            self.retriever.glossary = g
        return self._merged[1]

    @property
    def chat_model(self):
        if self._chat_model is None and self.settings.llm.configured:
            from chatbot.answerers.llm import make_chat_model

            self._chat_model = make_chat_model(self.settings.llm)
        return self._chat_model

    @property
    def semantic(self) -> SemanticFallback:
        """The embedding-similarity fallback for English questions (its sentence cache lives as long as the engine)."""
        if self._semantic is None:
            self._semantic = SemanticFallback(self.store.embeddings)
        return self._semantic

    @property
    def uses_llm(self) -> bool:
        """True when answers (and follow-up condensing) use the LLM."""
        return uses_llm(self.settings)

    @property
    def answerer(self) -> Answerer:
        """The answerer for the current settings (cheap to build; the chat model is shared)."""
        return make_answerer(self.settings, lambda: self.chat_model)

    def standalone_question(self, question: str, history: list[dict] | None,
                            glossary: Glossary | None = None) -> str:
        """The question with a follow-up resolved against the history (`glossary`: the
        caller's merged glossary, so that one question reconciles the catalogue once)."""
        if not history:
            return question
        if self.uses_llm and self.settings.llm.condense:
            try:
                return condense_with_llm(question, history, self.chat_model)
            except Exception as e:  # the endpoint is down or failing: the rules still work
                log.warning("LLM condensing failed, using the follow-up rules: %r", e)
        glossary = glossary or self.glossary
        # the names a turn before wrote in English or pinyin, as the documents write them ("Kanghong
        # Medical" -> 康泓医疗…): the follow-up's company is found in the history by its catalogued names
        # (and a company named by the head of its name, "恪安保安" for 恪安保安服务: by the whole name)
        history = [{**m, "content": complete_short_names(resolve_english_names(
            m["content"], glossary, self.corpus.contains, before=self.corpus.before).question, glossary)}
                   if m.get("role") == "user" and isinstance(m.get("content"), str) else m for m in history]
        # (the follow-up's own English name too: "And Bolian Parking's?" swaps in 泊联停车)
        question = resolve_english_names(question, glossary, self.corpus.contains, before=self.corpus.before).question
        return resolve_followup(complete_short_names(question, glossary), history, glossary)

    def warmup(self) -> None:
        """Load the embedding model, the keyword index, jieba (with its part-of-speech
        tagger), the catalogue and the indexed text before the first question."""
        self.retriever.retrieve("云知声 warm up", k=1)
        self.corpus.contains("warm up")  # the indexed text, read once
        unknown_names("warm up 科技", self.glossary, self.corpus.contains)

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
        q = question_as_simplified(q, self.corpus.contains)  # 浚港航運 -> 浚港航运, as the index writes it
        history = [{**m, "content": question_as_simplified(m["content"], self.corpus.contains)}
                   for m in normalise_history(history)]
        if not q:  # answered in the conversation's language (Chinese when there is none)
            lang = question_language(user_turns(history)[-1]) if user_turns(history) else "zh"
            yield Answer(question=str(question or ""), text=EMPTY_QUESTION[lang], refused=True, notices=["empty question"])
            return
        lang = question_language(q)
        t = time.perf_counter()
        glossary = self.glossary
        standalone = apart_from_year(self.standalone_question(q, history, glossary))  # ("那MiniMax 2025年…")
        standalone = with_year_before(standalone)  # "2025年上半年…去年同期" asks 2024年上半年
        as_written = standalone  # (the names as the user wrote them: "柳滋食品 (Liuzi Foods)")
        # English names the documents write in Chinese ("Volcano Engine" -> 火山引擎)
        standalone = glossary.name_tickers(standalone)  # "港股代码2597" names the company listed under it
        standalone = complete_short_names(standalone, glossary)  # "恪安保安" -> 恪安保安服务
        standalone = complete_written_names(standalone, glossary, self.corpus.before)  # "泓湾基金" -> 泓湾消费产业基金
        standalone = resolve_english_names(standalone, glossary, self.corpus.contains,
                                           nearby=lambda text: self._nearby_texts(text, glossary),
                                           before=self.corpus.before).question
        # (the follow-up's own words too: "那镨锋磁材呢？" names a company no document holds, whatever the resolver
        # made of it beside the question before)
        unknown = [n for n in unknown_names(standalone, glossary, self.corpus.contains, before=self.corpus.before)
                   if not is_reader_phrase(n)]
        if standalone != q and history:  # (a follow-up's phrase made of the documents' words, "码头吞吐量呢？", is none;
            # an English name is read in the standalone question, where its Chinese form is resolved)
            unknown += [n for n in unknown_names(q, glossary, self.corpus.contains, before=self.corpus.before)
                        if n not in unknown and is_cjk(n) and not is_reader_phrase(n)
                        and (not words_written(n, self.corpus.contains) or firm_shaped(n, self.corpus.contains))]
        if unknown:  # about a company no document holds: never another company's figure
            intent = question_intent(q, standalone)
            yield Answer(question=q, standalone_question=standalone, text=REFUSAL[lang] + _intent_note(intent, lang),
                         refused=True, intent=intent.name,
                         notices=[*notices, f"no indexed document names {', '.join(unknown)}"],
                         timings_ms={"total": (time.perf_counter() - t0) * 1000})
            return
        pronoun = uncarried_company(standalone, history, glossary)
        if pronoun and (pronoun_intent := question_intent(q, standalone)).name in ("lookup", "derived"):
            # a figure of a company never named
            yield Answer(question=q, standalone_question=standalone, text=UNCARRIED[lang].format(pronoun), refused=True,
                         intent=pronoun_intent.name,
                         notices=[*notices, f"the follow-up's '{pronoun}' names no company the documents hold"],
                         timings_ms={"total": (time.perf_counter() - t0) * 1000})
            return
        timings = {"condense": (time.perf_counter() - t) * 1000}
        passages, rt = self.retriever.retrieve(standalone, mode=mode)
        timings["retrieve"] = sum(rt.values())
        t = time.perf_counter()
        cands, spec = score_candidates(standalone, passages, glossary, self.store.idf)
        intent = question_intent(q, standalone)
        if intent.name == "lookup" and self.semantic.applies(standalone, cands, spec):
            rescued, rescued_spec, verdict = self.semantic.rescue(standalone, passages, glossary, self.store.idf,
                                                                  self.settings.answer.min_relevance)
            if rescued is not None:  # (None: a declined fallback leaves a Chinese question's lexical choice)
                cands, spec = rescued, rescued_spec
            if verdict.chosen is not None:  # the user is told which sentence the fallback chose by similarity
                notices = [*notices, f"semantic fallback: similarity {verdict.similarity:.3f}"]
            else:
                log.info("semantic fallback declined: %s", verdict.reason)
        prepared, highlights, passages, known_only, served = self._compose(standalone, lang, intent, passages, cands, spec,
                                                                           glossary, as_written)
        if served and served != intent.name:  # a look-up answered by a calculation is a derived figure
            intent = replace(intent, name=served)
        numbered = {i + 1: p.chunk for i, p in enumerate(passages)}
        answer = Answer(question=q, standalone_question=standalone, passages=passages, notices=notices, intent=intent.name)

        draft = Draft()  # no composition (no evidence above min_relevance) is refused without an answerer
        if prepared:
            request = AnswerRequest(standalone, passages, cands, spec, lang, intent.name, prepared, highlights)
            if known_only:  # "not in the documents; known: …" is final: no LLM rewording of a refusal
                draft = Draft(text=prepared, highlights=highlights)
            else:
                draft = yield from self.answerer.stream(request)
            answer.notices += draft.notices

        checked = check_answer(draft.text, numbered, mode=draft.mode, lang=lang, highlights=draft.highlights)
        if not checked.citations:  # nothing left that a source supports: refuse
            answer.text, answer.refused = REFUSAL[lang], True
            answer.text += _intent_note(intent, lang)  # advice / live data: said even when refused
        else:
            answer.text, answer.citations, answer.unsupported = checked.text, checked.citations, checked.unsupported
            answer.refused = known_only  # the asked figure is missing; what is known is shown
            answer.tickers = self._tickers(answer, standalone, glossary)
            answer.figures = annotate_figures(answer.text, answer.citations)
        timings["answer"] = (time.perf_counter() - t) * 1000
        timings["total"] = (time.perf_counter() - t0) * 1000
        answer.timings_ms = timings
        if not draft.streamed:  # the text is final: stream it line by line
            yield from answer.text.splitlines(keepends=True)
        yield answer

    def _compose(self, question: str, lang: str, intent: Intent, passages: list[Passage], cands, spec,
                 glossary: Glossary, as_written: str = ""):
        """The intent's composition over the evidence (chatbot/compose/): its text with
        markers, the lines to highlight, the passages the markers number (retrieval's,
        then any other passage a line quotes), whether it only says what is known besides
        a missing figure, and the intent the composition served when it is not the one
        read from the question ("": that one). Empty text: refuse."""
        cfg = self.settings.answer
        if intent.name == "lookup" and asks_what_term(question):  # "X是什么？": as the documents define X, if they do
            defined = self._compose(question, lang, Intent("definition", tentative=True), passages, cands, spec, glossary)
            if defined[0]:
                return defined
        about = spec if intent.name == "lookup" else analyse_question(topic_text(question), glossary, self.store.idf)
        if intent.name != "lookup":  # English words outside the glossary, and absent words that only
            # phrase the question ("大致", "暴涨"), are the reader's, not the topic's
            about.groups = [g for g in about.groups if not g.absent or not (
                g.alternatives[0].isascii() or is_phrasing_word(g.alternatives[0]))]
            if intent.name in reader_config()["intent"]["phrasing"]["anchored_intents"] and about.entities:
                about.groups = [g for g in about.groups if not g.absent]
            term = defined_term(question) if intent.name == "definition" else ""
            if term and self.corpus.contains(term):  # the words around a term the documents hold ("猪企的PSY")
                about.groups = [g for g in about.groups if not g.absent]
        if (intent.name == "lookup" and not about.groups) or (
                about.groups and about.absent_share > MAX_ABSENT_SHARE and not about.semantic):
            return "", {}, passages, False, ""  # about things the documents never mention
        # (the head of "What are the upsides and the caveats of X's …" is a reader's word, no figure's name)
        if unmapped_phrase(question, spec) or (intent.name in ("lookup", "derived", "latest", "comparison")
                                               and unnamed_head(question, spec)) \
                or (intent.name == "lookup" and unnamed_head_zh(question, spec, self.corpus.contains)):
            return "", {}, passages, False, ""  # a figure of a thing no document names ("blue-collar recruitment", "skim")
        if intent.name == "lookup" and spec.wants_figure is False and (not cands or cands[0].coverage < cfg.min_relevance):
            return "", {}, passages, False, ""
        if intent.name == "derived" and any(not any(self.corpus.contains(f) for f in seg) for seg in spec.segments):
            return "", {}, passages, False, ""  # the part asked ("日本市场收入占比") is in no document: no other part's
        if intent.name != "lookup":  # the reader's own words ("比例", "结论") are not evidence terms
            cands, spec = score_candidates(drop_absent(question, glossary, self.store.idf, keep_plans=intent.name == "derived"), passages,
                                           glossary, self.store.idf)
        if intent.name not in ("lookup", "derived", "definition") and named_in_passing_only(
                about, cands, glossary, self._named_once(), explains=intent.name in ("why", "how", "pros_cons")):
            return "", {}, passages, False, ""  # a peer named in passing: nothing of what is asked about it
        if intent.name in (*reader_config()["passing"]["uncatalogued_intents"], "lookup") \
                and not (about.entities & glossary.companies) and (once := [
                    n for asked in dict.fromkeys([question, as_written]) if asked
                    for n in uncatalogued_names(asked, glossary) if self.corpus.contains(n) and self.corpus.count(n) <= 1]):
            # a peer named once in passing: its prospects, its figures, nothing; a look-up only from a sentence naming it
            cands = [c for c in cands if any(n in c.text for n in once)] if intent.name == "lookup" else []
            if not cands:
                return "", {}, passages, False, ""
        if intent.name in reader_config()["passing"]["intents"] and any(
                (not (about.entities & glossary.companies) and uncatalogued_written_once(asked, glossary, self.corpus))
                or written_once_in_chinese(asked, glossary, self.corpus) for asked in dict.fromkeys([question, as_written])
                if asked):
            return "", {}, passages, False, ""  # ... or one the catalogue does not hold ("与同行崟石玻纤、宸砾复材相比"),
            # beside the article's own company too when the question writes it as the article does ("为什么铖罐实业的罐体
            # 卖得比珩罐包装便宜？"): the documents name it, and say nothing of it
        scope = self._scope(passages)
        ctx = ComposeContext(question, lang, intent, passages, cands, spec, glossary, self.store.idf,
                             LazyStructure(lambda: document_structure(self.store, scope)),
                             cfg.min_relevance, cfg.max_sentences,
                             wider=None if scope is None else self._wider)
        comp = compose(ctx)
        if comp is None:
            return "", {}, passages, False, ""
        lead = lead_in(lang, [e.text for e in comp.entries if e.chunks]) \
            if intent.name in ("lookup", "definition") and not comp.refused and not comp.intent else ""
        text, highlights, passages = render(comp, passages, lang, lead)
        return text, highlights, passages, comp.refused, comp.intent

    def _named_once(self) -> set[str]:
        """The catalogued names the indexed documents write once in all (peers named in passing), counted once per
        catalogue state, as the merged glossary is."""
        docs = self.catalogue.sync()
        if self._once[0] is not docs:
            counts: dict[str, int] = {}
            for doc in docs.values():
                for e in doc["entries"]:
                    counts[e.name] = counts.get(e.name, 0) + e.mentions
            self._once = (docs, {n for n, k in counts.items() if k <= 1})
        return self._once[1]

    def _scope(self, passages: list[Passage]) -> dict[str, list[str] | None] | None:
        """What an answer may read of the documents: every document (None) on an index of
        up to `answer.whole_index_chunks` chunks; on a larger one, the report and the
        documents of the retrieved passages (doc id -> chunk ids, None: the whole
        document), a long document only around its retrieved passages, so that a
        question's cost does not grow with the index or with one document's length."""
        if self.store.manifest.chunk_count() <= self.settings.answer.whole_index_chunks:
            return None
        near, whole = self.settings.answer.scope_neighbours, self.settings.answer.whole_document_chunks
        hits: dict[str, set[str]] = {"report": set()} if "report" in self.store.docs else {}
        for p in passages:
            hits.setdefault(p.chunk.doc_id, set()).add(p.chunk.id)
        scope: dict[str, list[str] | None] = {}
        for d, ids in hits.items():
            rec = self.store.docs.get(d)
            if rec is None:
                continue
            if len(rec.chunk_ids) <= whole or not ids:
                scope[d] = None
                continue
            at = [i for i, cid in enumerate(rec.chunk_ids) if cid in ids]
            scope[d] = [cid for i, cid in enumerate(rec.chunk_ids) if any(abs(i - j) <= near for j in at)]
        return scope

    def _nearby_texts(self, question: str, glossary: Glossary) -> list[str]:
        """The texts of the question's best keyword matches (where an English question's
        pinyin name is looked for in Chinese)."""
        return [c.text for c, _ in self.store.keyword_search(glossary.expand(question), self.settings.retrieval.top_k * 2)]

    def _wider(self, question: str) -> list[Passage]:
        """Passages beyond the retrieved ones on a large index: the question's best keyword matches."""
        return [Passage(chunk=c, keyword_score=s) for c, s in self.store.keyword_search(
            self.retriever.glossary.expand(question), self.settings.answer.wider_k)]

    def _tickers(self, answer: Answer, question: str, glossary: Glossary) -> list[str]:
        """Tickers of the cited documents and passages, narrowed to the companies the
        question names (or else the answer names), when it names any."""
        found: list[str] = []
        for c in answer.citations:
            rec = self.store.docs.get(c.doc_id)
            found += (rec.tickers if rec else []) + [t.upper() for t in TICKER_RE.findall(c.quote)]
        named = glossary.entities(question) or glossary.entities(answer.text)
        named_tickers = {t for e in named if (t := glossary.tickers.get(e))}
        found = list(dict.fromkeys(found))
        if named_tickers:
            found = [t for t in found if t in named_tickers] or sorted(named_tickers)
        return found

    # --- deprecated: documents are managed by chatbot.documents.Documents ------------
    # Thin delegates kept while the web chat still calls them; remove once it uses
    # the documents service directly.

    @cached_property
    def _documents(self) -> Documents:
        return Documents(self.settings, self.store)

    def ingest(self, targets, prune: bool = True, rebuild: bool = False, show_progress: bool = False,
               on_progress=None, public_urls_only: bool = False):
        """Deprecated: use `Documents.add`."""
        return self._documents.add(targets, prune=prune, rebuild=rebuild, show_progress=show_progress,
                                   on_progress=on_progress, public_urls_only=public_urls_only)

    def documents(self) -> list[DocRecord]:
        """Deprecated: use `Documents.list`."""
        return self._documents.list()

    def remove_document(self, doc_id: str) -> bool:
        """Deprecated: use `Documents.remove`."""
        return self._documents.remove(doc_id)

    def ensure_index(self, show_progress: bool = True):
        """Deprecated: use `Documents.ensure_corpus`."""
        return self._documents.ensure_corpus(show_progress=show_progress)
