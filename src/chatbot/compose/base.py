"""What every composer gets and gives back.

A composer turns the question's evidence into `Entry`s: label lines (no figures,
no citation) and quoted lines, each tied to the chunk it quotes. `render` numbers
the chunks as passages (adding any chunk that retrieval did not return, such as a
section's other passages for a summary), writes the markers and each figure's
as-of (the source and its date), and collects the lines to highlight."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache, partial

from chatbot.evidence import (
    Candidate,
    QuestionSpec,
    asked_measures,
    asks_growth_word,
    asks_several,
    forecast_re,
    measure_words,
    question_terms,
    score_candidates,
    select,
)
from chatbot.evidence_config import evidence_config
from chatbot.glossary import Glossary
from chatbot.intent import Intent, labels
from chatbot.models import Chunk, Passage
from chatbot.structure import DocStructure
from chatbot.text import claim_figures, period_phrase_re, period_spellings, split_sentences


@dataclass
class Entry:
    text: str
    chunks: list[Chunk] = field(default_factory=list)  # empty: a label or a note
    raw: list[str] = field(default_factory=list)  # lines to highlight
    as_of: bool = True  # add the source and date when the line states a figure
    bullet: bool = True  # shown as a list item in English answers


@dataclass
class ComposeContext:
    question: str  # standalone
    lang: str
    intent: Intent
    passages: list[Passage]
    cands: list[Candidate]
    spec: QuestionSpec
    glossary: Glossary
    idf: Callable[[str], float]
    structure: Mapping[str, DocStructure]
    min_relevance: float
    max_sentences: int
    # a large index: the question's best keyword matches, read instead of every passage
    wider: Callable[[str], list[Passage]] | None = None

    @property
    def labels(self) -> dict[str, str]:
        return labels(self.lang)

    @property
    def best(self) -> float:
        return self.cands[0].coverage if self.cands else 0.0

    def _whole_asked(self) -> bool:
        """Does the question name no part of its figure: a company, a metric and a period only ("铦记刀剪2025年的收入是
        多少"), or those and the growth asked beside them, where it names no word no document holds ("…revenue in FY2025,
        and how much did it grow?"; not "…phycocyanin revenue…, and its YoY growth?", whose part no document names)?"""
        spec, words = self.spec, [g for g in self.spec.groups if g.kind in ("word", "term")]
        if spec.segments or spec.required or spec.places:
            return False
        if not any(not g.absent for g in words):
            return True
        return not any(g.absent for g in words) and all(
            any(asks_growth_word(a, self.question) for a in g.alternatives) for g in words)

    def lookup_entries(self, wants_list: bool | None = None, max_sentences: int | None = None,
                       cands: list[Candidate] | None = None, passages: list[Passage] | None = None,
                       keep_ratio: float = 0.7) -> list[Entry]:
        """Today's look-up answer as entries: the best sentences, in source order."""
        chosen = select(cands if cands is not None else self.cands, self.min_relevance,
                        max_sentences or self.max_sentences,
                        wants_list=self.spec.wants_list if wants_list is None else wants_list, keep_ratio=keep_ratio,
                        one_item=not asks_several(self.question),
                        # (a question of a company, a metric and a period only: "铦记刀剪2025年的收入是多少")
                        whole_asked=self._whole_asked(),
                        whole_forms=tuple(f for forms in self.spec.metrics for f in forms))
        first: dict[int, int] = {}
        for rank, c in enumerate(chosen):
            first.setdefault(c.passage_idx, rank)
        chosen.sort(key=lambda c: (first[c.passage_idx], c.order))
        ps = passages or self.passages
        entries: list[Entry] = []
        for c in chosen:
            chunk = ps[c.passage_idx].chunk
            before = _referent_before(c.raw, chunk.text)
            if before and not any(before in e.raw[0] for e in entries) and not any(before in x.raw for x in chosen):
                entries.append(Entry(before.rstrip("。"), [chunk], [before]))  # ("该款折扇…": which fan, said before)
            entries.append(Entry(c.text, [chunk], [c.raw]))
        return entries

    def rescore(self, question: str, passages: list[Passage] | None = None) -> tuple[list[Candidate], QuestionSpec]:
        return score_candidates(drop_absent(question, self.glossary, self.idf), passages or self.passages,
                                self.glossary, self.idf)


def _referent_before(raw: str, text: str) -> str:
    """The sentence right before a sentence that goes on about the thing it named ("该款折扇零售价每把268元" after
    "旗下竹骨折扇“清风十八骨”获得红点设计奖…": config/reader.toml [structure] continuing_openers), "" for any other."""
    from chatbot.intent import reader_config
    from chatbot.text import split_sentences

    lead = raw.lstrip("-•*· ").strip()
    if not lead.startswith(tuple(reader_config()["structure"]["continuing_openers"])):
        return ""
    sentences = [s.lstrip("-•*· ").strip() for s in split_sentences(text, semicolons=False)]
    at = next((i for i, s in enumerate(sentences) if s and lead.startswith(s[:20])), None)
    return sentences[at - 1] if at else ""


def company_docs(ctx: ComposeContext, companies: list[str]) -> dict[str, list[Chunk]]:
    """The documents that name one of the companies (any of its names), each with its passages."""
    forms = [f for e in companies for f in [e.lower(), *ctx.glossary.aliases_of(e, codes=False)] if len(f) >= 2]
    out: dict[str, list[Chunk]] = {}
    for d in ctx.structure.values():
        chunks = list({ln.chunk.id: ln.chunk for b in d.blocks for ln in b.lines}.values())
        if any(f in c.text.lower() for c in chunks for f in forms):
            out[d.doc_id] = chunks
    return out


def company_passages(ctx: ComposeContext, companies: list[str]) -> list[Passage]:
    """The retrieved passages, then the other passages of the documents that name one of the companies (what a
    question asks of a company may sit outside the few passages retrieval returned)."""
    seen = {p.chunk.id for p in ctx.passages}
    out = list(ctx.passages)
    for chunks in company_docs(ctx, companies).values():
        for c in chunks:
            if c.id not in seen:
                seen.add(c.id)
                out.append(Passage(chunk=c))
    return out


def drop_absent(question: str, glossary: Glossary, idf: Callable[[str], float], keep_plans: bool = False) -> str:
    """The question without the terms no indexed passage holds: a reader's words
    ("比例", "结论", "compare") must not count against evidence that answers the
    question (`keep_plans`: a plan's word, "打算", is kept in a figure asked: a plan's target answers it). Terms read as the evidence scorer reads them (glossary terms and
    metrics are kept: they stand for their Chinese forms). The unit of measure asked
    ("多少平方米") is kept too: it is the figure asked, not the reader's phrasing; so is a share asked ("占比")."""
    # (a spoken period first written as a period word: dropping a word no passage holds from "截至2025年底的那半个财年"
    # would leave a fiscal year, "…的那 财年", another period than the one asked)
    question = period_spellings(question)
    # (a period asked is kept whole, its words held by no passage too: none of the documents' other periods answers it)
    # (and one written the English way, "1H FY2026", "Q3'25": config/catalogue.toml [question] period_tokens_en)
    extra: list[str] = []

    def hold(m: re.Match) -> str:
        extra.append(m.group(0))
        return chr(0xE100 + len(extra) - 1)

    spans = _english_period_tokens().sub(hold, question)
    kept = [m.group(0) for m in period_phrase_re().finditer(spans)]
    out = period_phrase_re().sub("\uE000", spans)
    units, unit_words = asked_measures(question), measure_words(question)
    share = re.compile(evidence_config()["scope"]["share_asked"])  # (a share asked is the figure asked: "占比")
    forecast = forecast_re()  # (so is a plan asked of a figure: "打算把海外收入占比提高到多少", its target the figure asked)
    for _ in range(3):  # segmentation changes once a word is gone ("A股对…区别")
        gone = [a for g in question_terms(out, glossary, idf) if g.absent and g.kind != "period" for a in g.alternatives
                if not (any(u in a for u in units) or a in unit_words or share.search(a) or (keep_plans and forecast.search(a)))]
        if not gone:
            break
        for a in gone:
            out = without_word(out, a)
    for phrase in kept:
        out = out.replace("\uE000", phrase, 1)
    return re.sub("[\uE100-\uE1FF]", lambda m: extra[ord(m.group(0)) - 0xE100], out)


def without_word(text: str, word: str) -> str:
    """The text without a word: an English one whole, with its plural ("herd" is no part of "shepherds"; "herds" goes
    whole, no "s" left behind), a Chinese one wherever written."""
    rx = rf"(?<![A-Za-z]){re.escape(word)}(?:e?s)?(?![A-Za-z])" if word.isascii() else re.escape(word)
    return re.sub(rx, " ", text, flags=re.IGNORECASE)


@lru_cache(maxsize=1)
def _english_period_tokens() -> re.Pattern:
    from chatbot.names import load_rules

    rx = load_rules().period_tokens_en
    spans = load_rules().period_spans_en
    tokens = rf"(?<![A-Za-z0-9])(?:{rx.pattern})(?![A-Za-z0-9])" if rx else r"(?!)"
    return re.compile(rf"{spans.pattern}|{tokens}" if spans else tokens, re.IGNORECASE)


@dataclass
class Composition:
    entries: list[Entry]
    refused: bool = False  # the asked figure is not in the documents (what is known may follow)
    intent: str = ""  # the intent the answer serves when not the one read from the question ("derived")


def with_marker(text: str, markers: str, suffix: str = "") -> str:
    """Put the markers (after an optional suffix such as the as-of note) before the
    closing punctuation, adding a full stop if none."""
    text = text.rstrip()
    m = re.search(r"[。！？；!?;.，,：:]$", text)
    if m:
        end = "。" if m.group(0) in "，,：:；;" else m.group(0)
        return f"{text[:-1]}{suffix}{markers}{end}"
    return f"{text}{suffix}{markers}。"


def _marker(numbers: list[int], m: re.Match) -> str:
    return f"[{numbers[int(m.group(1))]}]"


_SENTENCE_END = re.compile(r"\s*[。！？；!?;]+\s*")


def source_label(chunk: Chunk) -> str:
    """The source a line's as-of note names: the publisher, else the title, without the
    title's own sentence ends ("…还能走多远？"), so that the note reads as a name inside the
    line (text.split_sentences also never splits inside a 〔…〕 note)."""
    return _SENTENCE_END.sub(" ", chunk.publisher or chunk.title).strip()


def as_of(chunk: Chunk, lang: str) -> str:
    """"〔source, date〕", the source as source_label gives it."""
    lab = labels(lang)
    return lab["as_of"].format(src=source_label(chunk), date=chunk.date or lab["undated"])


def latin_text(text: str) -> bool:
    """Is the text written in English: outside brackets (where a Chinese name may stand, "Hydrelix Energy Holdings
    Limited (赫氢能源控股有限公司, 2819.HK)"), no Chinese, or Latin letters many times its Chinese characters (not
    "公司与Hallbrenn签订MOU", a Chinese sentence naming a company in English)?"""
    bare = re.sub(r"[（(][^（）()]*[)）]", " ", text)
    cjk, letters = len(re.findall(r"[\u4e00-\u9fff]", bare)), len(re.findall(r"[A-Za-z]", bare))
    return letters > 0 and (cjk == 0 or letters > 6 * cjk)


def render(comp: Composition, passages: list[Passage], lang: str, lead: str = "") -> tuple[str, dict[int, list[str]], list[Passage]]:
    """Answer text with [n] markers, highlights per passage number, and the passages
    the numbers refer to (the retrieved ones, then any chunk a line quotes besides)."""
    passages = list(passages)
    index = {p.chunk.id: i + 1 for i, p in enumerate(passages)}
    highlights: dict[int, list[str]] = {}
    lines: list[str] = []
    # (an English answer quoting only English text, an article written in English, does not say it quotes Chinese)
    # (a Chinese name in brackets, "Hydrelix Energy Holdings Limited (赫氢能源控股有限公司, 2819.HK)", leaves it English)
    as_written = lang == "en" and any(e.chunks for e in comp.entries) and all(
        latin_text(e.text) for e in comp.entries if e.chunks)
    for e in comp.entries:
        if not e.chunks:
            lines.append(e.text.replace(labels("en")["quoted_zh"], labels("en")["quoted_as_written"]) if as_written
                         else e.text)
            continue
        ns = []
        for c in e.chunks:
            if c.id not in index:
                passages.append(Passage(chunk=c, score=0.0))
                index[c.id] = len(passages)
            ns.append(index[c.id])
        for raw in e.raw:  # highlighted in the passage that holds it
            n = next((n for n, c in zip(ns, e.chunks, strict=True) if raw in c.text), ns[0])
            highlights.setdefault(n, []).append(raw)
        if "⟦" in e.text:  # markers placed inside the line, after each input
            line = re.sub(r"⟦(\d+)⟧", partial(_marker, ns), e.text).rstrip("。 ")
            line += "" if latin_text(line) and line.endswith(".") else "。"
        else:  # every sentence of the line gets the markers (the check reads sentence by sentence)
            marks = "".join(f"[{n}]" for n in dict.fromkeys(ns))
            sents = split_sentences(e.text, semicolons=False) or [e.text]
            line = "".join(with_marker(t, marks, as_of(e.chunks[0], lang) if e.as_of and claim_figures(t) else "")
                           for t in sents)
        lines.append(f"- {line}" if lang == "en" and e.bullet else line)
    body = "\n".join(lines)
    return (f"{lead}\n{body}" if lead else body), highlights, passages
