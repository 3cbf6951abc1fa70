"""Evidence at sentence level: the retrieved passages cut into sentences and table
rows, each scored by how much of the question it covers.

A question becomes weighted term groups (jieba tokens and figures, IDF-weighted over
the index; an English term also matches its Chinese equivalents from the glossary).
A sentence's coverage is the weight of the groups it contains (half credit for a
group found only in its passage's title and headings) over the total. Terms no
passage holds keep their full weight.

Questions that ask for a figure carry hard constraints, so that a neighbouring
figure is never passed off as the answer: a sentence must name the metric asked
(收入, 净利润, 市盈率 …, glossary [metrics]) and one of the periods asked
("2025年" is not answered by a 2024 figure, nor a full year by a half year).
Sentences about another analysed company than the one asked are left out. List
questions get the items that follow the best sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from chatbot.glossary import Glossary
from chatbot.lexicon import question_stop_words_en
from chatbot.models import Passage
from chatbot.text import claim_figures, content_words, normalize, period_match, periods, qualifiers, split_sentences

_MARKER = re.compile(r"\[\d+\]")
_TABLE_SEP = re.compile(r"^\|?[\s:|-]+\|?$")
# asks for one specific value (a figure, a name, a date): hard constraints apply
_ASKS_FIGURE = re.compile(
    r"多少|几[家个年倍位天月%]?|多大|多高|多长|是谁|哪家|哪一|何时|什么时候|哪天|哪年|"
    r"how much|how many|what (?:was|is|were|are)|which|when|who",
    re.IGNORECASE,
)
ABSENT_WEIGHT = 2.0  # weight of a question term that no indexed passage contains
MAX_ABSENT_SHARE = 0.5  # a question mostly made of such terms is refused
_ASKS_LIST = re.compile(r"哪些|列出|列举|有什么|哪几|what are|which .*s\b|list", re.IGNORECASE)
_EN_STOP = question_stop_words_en()


@dataclass
class TermGroup:
    alternatives: list[str]  # normalised strings, any of which counts
    weight: float
    absent: bool = False  # no indexed passage holds any of the alternatives


@dataclass
class QuestionSpec:
    groups: list[TermGroup]
    entities: set[str]  # companies and institutions the question names
    metrics: list[list[str]]  # hard: forms of each metric asked (when a figure is asked)
    periods: set  # hard: periods asked (when a figure is asked)
    wants_figure: bool
    wants_list: bool

    @property
    def total(self) -> float:
        return sum(g.weight for g in self.groups)

    @property
    def absent_share(self) -> float:
        """The share of the question's weight that no indexed passage holds at all."""
        return sum(g.weight for g in self.groups if g.absent) / self.total if self.total else 1.0


@dataclass
class Candidate:
    passage_idx: int
    raw: str  # as written in the passage (for highlighting)
    text: str  # as shown in an answer (table rows read as prose, markers removed)
    order: int  # position inside the passage
    item: bool = False  # a list item or table row
    coverage: float = 0.0
    score: float = 0.0
    figures: list[str] = field(default_factory=list)


def question_terms(question: str, glossary: Glossary, idf) -> list[TermGroup]:
    """Weighted term groups of a question. English words the glossary knows become a
    group of their Chinese equivalents; unknown English content words stay (so a
    question about something no passage mentions is not covered)."""
    groups: list[TermGroup] = []
    seen: set[str] = set()
    absent = idf("\uffff")  # the weight idf gives a token no passage holds

    def add(alts: list[str]):
        alts = [normalize(a) for a in alts if a.strip()]
        alts = [a for a in alts if a and a not in seen]
        if not alts:
            return
        seen.update(alts)
        w = min(idf(a) for a in alts)  # the commonest form
        groups.append(TermGroup(alts, ABSENT_WEIGHT, True) if w >= absent else TermGroup(alts, w))

    low = question.lower()
    for metric in glossary.metrics_in(question):
        forms = glossary.metrics[metric]
        add([metric, *forms])
        for f in sorted(forms, key=len, reverse=True):
            low = low.replace(f, " ")
    for canon in glossary.entities(question):
        aliases = [a for a, c in glossary.aliases.items() if c == canon and not a.isdigit()]
        add([canon, *aliases])
        for a in [*aliases, canon.lower()]:
            low = re.sub(rf"(?<![0-9a-z]){re.escape(a)}(?![0-9a-z])", " ", low)
    for word in sorted(glossary.synonyms, key=len, reverse=True):
        if word in low:
            add(glossary.synonyms[word])
            low = low.replace(word, " ")
    for term in sorted(glossary.terms, key=len, reverse=True):
        if re.search(rf"(?<![a-z]){re.escape(term)}(?![a-z])", low):
            add(glossary.terms[term])
            low = re.sub(rf"(?<![a-z]){re.escape(term)}(?![a-z])", " ", low)
    for tok in content_words(low):
        if tok.isascii() and tok in _EN_STOP:
            continue
        add([tok])
    return groups


def analyse_question(question: str, glossary: Glossary, idf) -> QuestionSpec:
    wants_figure = bool(_ASKS_FIGURE.search(question))
    metrics = [
        [normalize(f) for f in [m, *glossary.metrics[m]]] for m in glossary.metrics_in(question)
    ]
    return QuestionSpec(
        groups=question_terms(question, glossary, idf),
        entities=set(glossary.entities(question)),
        metrics=metrics if wants_figure else [],
        periods=periods(question) if wants_figure else set(),
        wants_figure=wants_figure,
        wants_list=bool(_ASKS_LIST.search(question)),
    )


def _render_row(row: str, header: list[str]) -> str:
    cells = [c.strip() for c in row.strip().strip("|").split("|")]
    if len(cells) <= 3:
        head, rest = cells[0], [c for c in cells[1:] if c]
        return f"{head}:{'——'.join(rest)}" if rest else head
    parts = [f"{h}{c}" if h and not c.startswith(h) else c for h, c in zip(header[1:], cells[1:], strict=False)]
    return f"{cells[0]}:" + ";".join(parts)


def passage_sentences(text: str) -> list[tuple[str, str, bool, set]]:
    """(raw, shown, is_item, periods) for the sentences of paragraphs and list items,
    and table data rows rendered as prose ("中期(3-5年):中性偏谨慎——竞争加剧……").
    A sentence that names no period takes those of the sentence before it in the
    same paragraph ("净亏损:2022年…2024年4.54亿元。经调整净亏损分别为…")."""
    out: list[tuple[str, str, bool, set]] = []
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
            shown = _render_row(s, header)
            out.append((s, shown, True, periods(shown)))
            continue
        item = re.match(r"^([-*+]|\d+[.)、])\s+", s) is not None
        s = re.sub(r"^([-*+]|\d+[.)、])\s+", "", s)
        carried: set = set()
        for sent in split_sentences(s, semicolons=False):
            carried = periods(sent) or carried
            out.append((sent, sent, item, carried))
    out = [(raw, _MARKER.sub("", shown).strip(), item, per) for raw, shown, item, per in out]
    return [t for t in out if len(t[1]) >= 6]


def score_candidates(
    question: str, passages: list[Passage], glossary: Glossary, idf
) -> tuple[list[Candidate], QuestionSpec]:
    spec = analyse_question(question, glossary, idf)
    total = spec.total
    cands: list[Candidate] = []
    if not spec.groups or total <= 0 or spec.absent_share > MAX_ABSENT_SHARE:
        return cands, spec  # mostly about things the documents never mention
    for pi, p in enumerate(passages):
        context_text = " ".join([p.chunk.title, *p.chunk.headings])
        context = normalize(context_text)
        context_companies = {e for e in glossary.entities(context_text) if e in glossary.companies}
        passage_periods = periods(context_text + " " + p.chunk.text)
        table_head = ""
        if p.chunk.kind == "table":
            table_head = normalize(" ".join(ln for ln in p.chunk.text.splitlines() if ln.startswith("|"))[:200])
        for order, (raw, shown, item, stated) in enumerate(passage_sentences(p.chunk.text)):
            norm = normalize(shown)
            mentioned = set(glossary.entities(shown))
            subject = {e for e in mentioned if e in glossary.companies} or context_companies
            if spec.entities and subject and not (spec.entities & (subject | mentioned)):
                continue  # about another company
            if spec.metrics and not all(any(f in norm for f in forms) for forms in spec.metrics):
                continue  # does not state the metric asked
            if spec.periods:
                if not stated and claim_figures(shown):
                    # "上半年收入…" under a 2025 heading: the passage's years with the
                    # sentence's own qualifier, else the passage's periods as they are
                    quals = qualifiers(shown)
                    stated = {(y, q) for y, _ in passage_periods for q in quals} if quals else passage_periods
                if not period_match(spec.periods, stated):
                    continue  # states another period, or nothing ties it to the one asked
                if re.match(r"^注\s*[:：]", shown):
                    continue  # an editors' note on sourcing is no answer to a figure
            got = 0.0
            for g in spec.groups:
                if any(a in norm for a in g.alternatives):
                    got += g.weight
                elif any(a in context or (item and a in table_head) for a in g.alternatives):
                    got += 0.5 * g.weight
            cov = got / total
            if re.match(r"^注\s*[:：]", shown):
                cov *= 0.5  # editors' notes on sourcing, not facts
            elif not item and not re.search(r"[。！？!?.”」)）]$", shown):
                cov *= 0.7  # a sentence cut off in the source ("…市值要求从60亿港元降至")
            figs = claim_figures(shown)
            score = cov
            if spec.wants_figure:
                score *= 1.0 if figs else 0.8
            score += 0.03 / (1 + pi)  # prefer better-ranked passages on ties
            cands.append(Candidate(pi, raw, shown, order, item, cov, score, figs))
    cands.sort(key=lambda c: -c.score)
    return cands, spec


def select(
    cands: list[Candidate], min_relevance: float, max_sentences: int, wants_list: bool = False,
    keep_ratio: float = 0.7, max_items: int = 8,
) -> list[Candidate]:
    """The best sentences: above the relevance floor and close to the best one, without
    repeating what an already chosen sentence says. For a list question, the list
    items (or table rows) that go with the best sentence come along."""
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
    if wants_list and chosen:
        top = chosen[0]
        items = {c.order: c for c in cands if c.passage_idx == top.passage_idx and c.item}
        start = top.order if top.item else top.order + 1
        if top.item:  # back up to the first item of the list the best one belongs to
            while start - 1 in items:
                start -= 1
        run = []
        while start in items and len(run) < max_items:
            run.append(items[start])
            start += 1
        chosen += [c for c in run if c not in chosen]
    return chosen


def _bare(figs: list[str]) -> set[str]:
    return {re.sub(r"(?<=[亿万千百])(?:港元|美元|元)$", "", f) for f in figs}


def _redundant(a: Candidate, b: Candidate) -> bool:
    """Does `a` repeat `b`: the same text, or (mostly) the same figures, as when the
    report restates a figure from the article it cites?"""
    na, nb = normalize(a.text), normalize(b.text)
    if na in nb or nb in na:
        return True
    fa, fb = _bare(a.figures), _bare(b.figures)
    if fa and fa <= fb:
        return True
    if len(fa) >= 2 and len(fa & fb) >= 0.6 * len(fa):
        return True
    sa, sb = set(na), set(nb)
    return len(sa & sb) / max(1, min(len(sa), len(sb))) > 0.85
