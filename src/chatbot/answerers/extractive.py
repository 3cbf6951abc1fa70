"""The default answerer, no LLM needed: the sentences and table rows that answer the
question, quoted exactly as the sources write them, each followed by its `[n]`.
An English question gets an English lead-in over the quoted Chinese evidence."""

from __future__ import annotations

import re
from collections.abc import Generator

from chatbot.answerers.base import AnswerRequest, Draft
from chatbot.compose.base import with_marker
from chatbot.evidence import Candidate, select

LEAD_IN = {
    "zh": "",
    "en": "According to the report and its sources (quoted in the original Chinese):",
    # (every line quoted from an article written in English)
    "en-quoted": "According to the report and its sources (quoted as written):",
}


def lead_in(lang: str, quoted: list[str]) -> str:
    """The lead-in over quoted evidence: an English answer quoting only English text (an article written in English)
    does not say it quotes Chinese."""
    # (a Chinese name in brackets, "Anacara Holdings (安嘉果控股, …)", leaves an English line English: mostly Latin words)
    if lang == "en" and quoted and not any(len(re.findall(r"[\u4e00-\u9fff]", t)) * 4 > len(re.findall(r"[A-Za-z]", t))
                                           for t in quoted):
        return LEAD_IN["en-quoted"]
    return LEAD_IN.get(lang, "")


def extractive_answer(
    candidates: list[Candidate], min_relevance: float, max_sentences: int, lang: str, wants_list: bool = False
) -> tuple[str, dict[int, list[str]]]:
    """Answer text with markers numbered by passage (1-based), and the raw sentences
    to highlight per passage number. Empty text means: refuse."""
    chosen = select(candidates, min_relevance, max_sentences, wants_list=wants_list)
    if not chosen:
        return "", {}
    # keep the sources' own order within a passage, passages by relevance
    first_rank: dict[int, int] = {}
    for rank, c in enumerate(chosen):
        first_rank.setdefault(c.passage_idx, rank)
    chosen.sort(key=lambda c: (first_rank[c.passage_idx], c.order))
    lines: list[str] = []
    highlights: dict[int, list[str]] = {}
    for c in chosen:
        n = c.passage_idx + 1
        lines.append(with_marker(c.text, f"[{n}]"))
        highlights.setdefault(n, []).append(c.raw)
    lead = lead_in(lang, [c.text for c in chosen])
    body = "\n".join(f"- {line}" if lang == "en" else line for line in lines)
    return (f"{lead}\n{body}" if lead else body), highlights


class ExtractiveAnswerer:
    """The answerer without an LLM: exact quotes of the best evidence sentences. Its
    text is final, so it streams nothing; the engine streams the checked text."""

    def __init__(self, min_relevance: float, max_sentences: int):
        self.min_relevance = min_relevance
        self.max_sentences = max_sentences

    def stream(self, request: AnswerRequest) -> Generator[str, None, Draft]:
        """Return the quoted sentences as the draft (yields nothing): the intent's
        composition when the engine prepared one, else the best sentences."""
        yield from ()
        if request.prepared:
            return Draft(text=request.prepared, highlights=request.prepared_highlights, mode="extractive")
        text, highlights = extractive_answer(
            request.candidates, self.min_relevance, self.max_sentences, request.lang, request.spec.wants_list
        )
        return Draft(text=text, highlights=highlights, mode="extractive")
