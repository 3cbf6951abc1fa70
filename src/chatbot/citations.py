"""Citation check, applied after either answerer.

Every `[n]` must point at a passage that was given to the answerer; a marker that
points at nothing is removed. Every figure in a sentence must appear in a passage
that sentence cites (or be the result of a formula whose inputs it cites and
whose arithmetic reproduces it, see compute.py); a sentence that fails is dropped (extractive) or marked as
unsupported (LLM). Markers are then renumbered 1..m in order of first use, and the
reference list is built from the cited passages only."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from chatbot.compute import verify_formulas
from chatbot.models import Chunk, Citation, quoted_text
from chatbot.table_cells import checkable
from chatbot.text import claim_figures, figure_supported, split_sentences

MARKER = re.compile(r"\[(\d{1,3})\]")
UNSUPPORTED_MARK = {"zh": "（⚠ 未在引用来源中找到依据）", "en": " (⚠ not supported by the cited sources)"}


@dataclass
class Checked:
    text: str
    citations: list[Citation]
    unsupported: list[str] = field(default_factory=list)


_SOURCE_NOTE = re.compile(r"〔[^〕\n]*〕")
# the end marks a source note may hold, hidden while the answer is split (private-use stand-ins)
_NOTE_HIDE = str.maketrans({c: chr(0xE000 + i) for i, c in enumerate("。！？；!?;.")})
_NOTE_SHOW = {ord(v): k for k, v in _NOTE_HIDE.items()}


def _sentences(text: str) -> list[str]:
    """Answer sentences, with markers written after the end mark pulled inside
    ("……。[1]" -> "……[1]。") so each marker stays with its sentence."""
    text = re.sub(r"([。！？；!?;.])((?:\s*\[\d{1,3}\])+)", lambda m: m.group(2).strip() + m.group(1), text)
    # a source note names its source: a title that asks ("〔专栏｜…还能走多远？，2025-11-18〕") ends no sentence
    text = _SOURCE_NOTE.sub(lambda m: m.group(0).translate(_NOTE_HIDE), text)
    out: list[str] = []
    for line in text.split("\n"):
        out.extend(s.translate(_NOTE_SHOW) for s in split_sentences(line, semicolons=False) if line.strip())
        out.append("\n")
    return out[:-1] if out else out


def _dropper(bad: set[int]) -> Callable[[re.Match[str]], str]:
    """A replacement for MARKER.sub that removes the markers numbered in `bad`."""
    return lambda m: "" if int(m.group(1)) in bad else m.group(0)


def check_answer(
    text: str,
    passages: dict[int, Chunk],
    mode: str = "extractive",
    lang: str = "zh",
    highlights: dict[int, list[str]] | None = None,
) -> Checked:
    """`passages` maps the numbers the answerer could cite to their chunks."""
    kept: list[str] = []
    unsupported: list[str] = []
    for sent in _sentences(text):
        if sent == "\n":
            kept.append("\n")
            continue
        ns = [int(n) for n in MARKER.findall(sent)]
        bad = [n for n in ns if n not in passages]
        if bad:
            sent = MARKER.sub(_dropper(set(bad)), sent)
            ns = [n for n in ns if n not in bad]
        evidence = checkable(" ".join(quoted_text(passages[n], (highlights or {}).get(n)) for n in dict.fromkeys(ns)))
        claim = MARKER.sub("", sent)
        computed = verify_formulas(claim, evidence)  # a calculation's inputs and reproduced results
        missing = [f for f in claim_figures(claim) if not figure_supported(f, evidence) and f not in computed]
        if missing:
            unsupported.append(claim.strip())
            if mode == "extractive":
                continue
            sent = sent.rstrip() + UNSUPPORTED_MARK.get(lang, UNSUPPORTED_MARK["en"])
        kept.append(sent)

    body = ""
    for s in kept:
        if s == "\n" or not body or body.endswith("\n"):
            body += s
        else:
            body += ("" if re.search(r"[\u4e00-\u9fff。！？；）)\]]$", body) else " ") + s
    body = re.sub(r"\n{3,}", "\n\n", body).strip()

    # renumber in order of first use
    order: dict[int, int] = {}
    for m in MARKER.finditer(body):
        order.setdefault(int(m.group(1)), len(order) + 1)
    body = MARKER.sub(lambda m: f"[{order[int(m.group(1))]}]", body)
    citations = [
        Citation.from_chunk(new, passages[old], (highlights or {}).get(old))
        for old, new in sorted(order.items(), key=lambda kv: kv[1])
    ]
    return Checked(body, citations, unsupported)

REFERENCES_HEADING = "参考来源 / References:"


def reference_lines(citations) -> list[str]:
    """One line per citation, as the CLI prints them: `[n] publisher · title · date · url`."""
    return [f"[{c.n}] {c.publisher} · {c.title} · {c.date or '日期不详'} · {c.url}" for c in citations]
