"""The standing of each figure in a checked answer, for the page to show beside it.

A figure (an amount, a percentage, a count, a ticker; see `text.claim_figures`) is
"verified" when a passage that its sentence cites holds it: the figure carries that
citation's number and the source sentence it was found in. It is "computed" when it
is the result of a formula written in the answer ("6.0亿÷11.8亿≈51%"): it carries the
formula. Anything else is "unsupported", which only an LLM answer can contain (the
extractive answerer drops such sentences).

This is data on the Answer (`Answer.figures`), not HTML: the web page, the API and the
export decide how to show it."""

from __future__ import annotations

import re

from chatbot.models import Citation, FigureState
from chatbot.table_cells import checkable
from chatbot.text import FIGURE_RE, claim_figures, figure_supported, naming_spans, normalize, split_sentences

MARKER = re.compile(r"\[(\d{1,3})\]")
# a sentence: up to and including a Chinese end mark or ! ?, or a line without one
_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]*")
# "A ÷ B ≈ C": operands with a short unit, at least one operator, then ≈ or = and the result
_OPERAND = r"\d[\d.,]*\s*[^\s\d≈=÷×*/+−，,。；;:：()（）]{0,4}"
FORMULA = re.compile(rf"(?:[(（]?{_OPERAND}[)）]?\s*[÷×*/+−]\s*)+[(（]?{_OPERAND}[)）]?\s*[≈=]\s*(?P<result>\d[\d.,]*\s*(?:%|％|倍|亿|万)?)")


def _pieces(quote: str) -> list[str]:
    """A passage cut into sentences, and table rows shown as their cells."""
    out: list[str] = []
    for line in quote.splitlines():
        s = line.strip()
        if not s or re.fullmatch(r"\|?[\s:|-]+\|?", s):
            continue
        if s.startswith("|"):
            out.append(" | ".join(c.strip() for c in s.strip("|").split("|")))
        else:
            out.extend(split_sentences(re.sub(r"^([-*+]|\d+[.)、])\s+", "", s), semicolons=False))
    return out


def supporting_sentence(figure: str, quote: str) -> str:
    """The sentence (or table row) of `quote` that holds the normalised figure, or ""."""
    pieces = _pieces(quote)
    for piece in pieces:
        if figure_supported(figure, normalize(MARKER.sub("", piece))):
            return piece
    # a table cell whose unit is in its header or row label ("充电量(亿度)" over "36.9"): the row with the number
    number = re.sub(r"[亿万千百].*$", "", figure)
    if number != figure and figure_supported(figure, checkable(quote)):
        return next((p for p in pieces if " | " in p and figure_supported(number, normalize(p))), "")  # (a row: cells)
    return ""


def annotate_figures(text: str, citations: list[Citation]) -> list[FigureState]:
    """Every claim figure in `text` with its standing, in text order."""
    by_n = {c.n: c for c in citations}
    out: list[FigureState] = []
    for sent in _SENTENCE.finditer(text):
        s, base = sent.group(0), sent.start()
        markers = [m.span() for m in MARKER.finditer(s)] + naming_spans(s)  # neither is a claim
        cited = [by_n[n] for n in dict.fromkeys(int(m.group(1)) for m in MARKER.finditer(s)) if n in by_n]
        formulas = [(f.start("result"), f.end("result"), f.group(0)) for f in FORMULA.finditer(s)]
        for m in FIGURE_RE.finditer(s):
            a, b = m.span()
            raw = m.group(0).rstrip()
            b = a + len(raw)
            if any(ma <= a < mb for ma, mb in markers) or not claim_figures(raw):
                continue
            fig = normalize(raw)
            state = FigureState(text=raw, start=base + a, end=base + b, state="unsupported")
            formula = next((f for fa, fb, f in formulas if fa <= a < fb), None)
            source = next(((c, q) for c in cited if (q := supporting_sentence(fig, c.quote))), None)
            if formula is not None:
                state.state, state.formula = "computed", formula.strip()
            elif source is not None:
                state.state, state.n, state.quote = "verified", source[0].n, source[1]
            out.append(state)
    return out
