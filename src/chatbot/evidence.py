"""Evidence at sentence level: the retrieved passages cut into sentences and table
rows, each scored by how much of the question it covers.

A question becomes weighted term groups (jieba tokens and figures, IDF-weighted over
the index; an English term also matches its Chinese equivalents from the glossary).
A sentence's coverage is the weight of the groups it contains (half credit for a
group found only in its passage's title and headings) over the total. Terms no
passage holds keep their full weight, so "云知声2025年净利润" is not answered with
a sentence about its 2024 net loss. Sentences about another company than the one
asked are left out."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from chatbot.glossary import Glossary
from chatbot.models import Passage
from chatbot.text import claim_figures, normalize, split_sentences, tokenize

_MARKER = re.compile(r"\[\d+\]")
_TABLE_SEP = re.compile(r"^\|?[\s:|-]+\|?$")
_QUANTITY = re.compile(
    r"多少|几|多大|多高|占比|比例|增幅|增长|估值|价格|市值|收入|亏损|金额|规模|份额|"
    r"how much|how many|what was|what is|valuation|price|revenue|loss|rate|share|percent",
    re.IGNORECASE,
)
_EN_STOP = set(
    "the a an of to in on for is are was were be been what which who whom how much many does do did "
    "and or its it it's this that these those with by as at from about into than then there their they "
    "has have had will would can could should according report say says said tell me please give list "
    "expected expect main key".split()
)


@dataclass
class TermGroup:
    alternatives: list[str]  # normalised strings, any of which counts
    weight: float


@dataclass
class Candidate:
    passage_idx: int
    raw: str  # as written in the passage (for highlighting)
    text: str  # as shown in an answer (table rows read as prose, markers removed)
    order: int  # position inside the passage
    coverage: float = 0.0
    score: float = 0.0
    figures: list[str] = field(default_factory=list)


def question_terms(question: str, glossary: Glossary, idf) -> list[TermGroup]:
    """Weighted term groups of a question. English words the glossary knows become a
    group of their Chinese equivalents; unknown English content words stay (so a
    question about something no passage mentions is not covered)."""
    groups: list[TermGroup] = []
    seen: set[str] = set()

    def add(alts: list[str]):
        alts = [normalize(a) for a in alts if a.strip()]
        alts = [a for a in alts if a and a not in seen]
        if not alts:
            return
        seen.update(alts)
        groups.append(TermGroup(alts, max(idf(a) for a in alts)))

    low = question.lower()
    for canon in glossary.entities(question):
        aliases = [a for a, c in glossary.aliases.items() if c == canon and not a.isdigit()]
        add([canon, *aliases])
        for a in aliases + [canon.lower()]:
            low = re.sub(rf"(?<![0-9a-z]){re.escape(a)}(?![0-9a-z])", " ", low)
    for term in sorted(glossary.terms, key=len, reverse=True):
        if re.search(rf"(?<![a-z]){re.escape(term)}(?![a-z])", low):
            add(glossary.terms[term])
            low = re.sub(rf"(?<![a-z]){re.escape(term)}(?![a-z])", " ", low)
    for tok in tokenize(low):
        if tok.isascii() and (tok in _EN_STOP or len(tok) < 2) and not any(c.isdigit() for c in tok):
            continue
        add([tok])
    return groups


def _render_row(row: str, header: list[str]) -> str:
    cells = [c.strip() for c in row.strip().strip("|").split("|")]
    if len(cells) <= 3:
        head, rest = cells[0], [c for c in cells[1:] if c]
        return f"{head}:{'——'.join(rest)}" if rest else head
    parts = [f"{h}{c}" if h and not c.startswith(h) else c for h, c in zip(header[1:], cells[1:])]
    return f"{cells[0]}:" + ";".join(parts)


def passage_sentences(text: str) -> list[tuple[str, str]]:
    """(raw, shown) pairs: sentences of paragraphs and list items, and table data rows
    rendered as prose ("中期(3-5年):中性偏谨慎——竞争加剧……")."""
    out: list[tuple[str, str]] = []
    header: list[str] = []
    lines = text.splitlines()
    for i, line in enumerate(lines):
        s = line.strip()
        if not s:
            continue
        if s.startswith("|"):
            if _TABLE_SEP.match(s):
                continue
            if i + 1 < len(lines) and _TABLE_SEP.match(lines[i + 1].strip()):
                header = [c.strip() for c in s.strip("|").split("|")]
                continue
            out.append((s, _render_row(s, header)))
            continue
        s = re.sub(r"^([-*+]|\d+[.)、])\s+", "", s)
        for sent in split_sentences(s):
            out.append((sent, sent))
    return [(raw, _MARKER.sub("", shown).strip()) for raw, shown in out if len(_MARKER.sub("", shown).strip()) >= 6]


def score_candidates(
    question: str, passages: list[Passage], glossary: Glossary, idf
) -> tuple[list[Candidate], list[TermGroup]]:
    groups = question_terms(question, glossary, idf)
    total = sum(g.weight for g in groups)
    asked = set(glossary.entities(question))
    wants_figure = bool(_QUANTITY.search(question))
    cands: list[Candidate] = []
    if not groups or total <= 0:
        return cands, groups
    for pi, p in enumerate(passages):
        context = normalize(" ".join([p.chunk.title, *p.chunk.headings]))
        table_head = ""
        if p.chunk.kind == "table":
            table_head = normalize(" ".join(l for l in p.chunk.text.splitlines() if l.startswith("|"))[:200])
        for order, (raw, shown) in enumerate(passage_sentences(p.chunk.text)):
            norm = normalize(shown)
            named = set(glossary.entities(shown))
            if asked and named and not (named & asked):
                continue  # about another company
            got = 0.0
            for g in groups:
                if any(a in norm for a in g.alternatives):
                    got += g.weight
                elif any(a in context or (raw.startswith("|") and a in table_head) for a in g.alternatives):
                    got += 0.5 * g.weight
            cov = got / total
            figs = claim_figures(shown)
            score = cov
            if wants_figure:
                score *= 1.0 if figs else 0.8
            score += 0.03 / (1 + pi)  # prefer better-ranked passages on ties
            cands.append(Candidate(pi, raw, shown, order, cov, score, figs))
    cands.sort(key=lambda c: -c.score)
    return cands, groups


def select(cands: list[Candidate], min_relevance: float, max_sentences: int, keep_ratio: float = 0.8) -> list[Candidate]:
    """The best sentences: above the relevance floor and close to the best one, without
    repeating what an already chosen sentence says."""
    if not cands or cands[0].coverage < min_relevance:
        return []
    best = cands[0].score
    chosen: list[Candidate] = []
    for c in cands:
        if len(chosen) >= max_sentences:
            break
        if c.coverage < min_relevance or c.score < keep_ratio * best:
            continue
        if any(_redundant(c, o) for o in chosen):
            continue
        chosen.append(c)
    return chosen


def _redundant(a: Candidate, b: Candidate) -> bool:
    na, nb = normalize(a.text), normalize(b.text)
    if na in nb or nb in na:
        return True
    if a.figures and set(a.figures) <= set(b.figures):
        return True
    sa, sb = set(na), set(nb)
    return len(sa & sb) / max(1, min(len(sa), len(sb))) > 0.85
