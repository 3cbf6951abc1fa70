"""Suggested next questions under an answer: questions the documents can answer, taken
from the structure around the answer's evidence and checked by asking them.

Candidates come from the cited passages and their neighbourhood, nearest first: the
other rows of a cited table ("{row}的{column}是什么？"), "label: content" lines with
the company they name ("{entity}的{label}是多少？"), the next passage and the next
section's heading ("{heading}是什么？"). Templates and limits are data
(config/suggest.toml). Each candidate is asked to the engine, without history, and kept
only when it is answered (not refused) with something other than the current answer,
so a suggestion is never refused when clicked."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from chatbot.config import PROJECT_ROOT
from chatbot.models import Answer, Chunk
from chatbot.text import normalize
from chatbot.tomlfile import read_toml

log = logging.getLogger(__name__)

SUGGEST_TOML = PROJECT_ROOT / "config" / "suggest.toml"
_NUMBERING = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?|[一二三四五六七八九十]+[、.]|[(（]\s*\w{1,3}\s*[)）])\s*")
_TABLE_SEP = re.compile(r"^\|?[\s:|-]+\|?$")
_LABEL = re.compile(r"^(?:[-*+]\s+)?([^:：,，。；;|]{2,})[:：]\s*\S")
_MARKER = re.compile(r"\[\d{1,3}\]")
_REFERENCES = re.compile(r"(?:\[\d{1,3}\][^\n]*\n?)+")


@dataclass(frozen=True)
class SuggestConfig:
    templates: dict[str, str]
    shown: int = 3
    candidates: int = 8
    min_heading_chars: int = 5
    max_part_chars: int = 16
    per_table: int = 2
    next_sections: int = 2


@lru_cache(maxsize=4)
def load_config(path: Path = SUGGEST_TOML) -> SuggestConfig:
    data = read_toml(path)
    return SuggestConfig(templates=dict(data["templates"]), **data.get("limits", {}))


def _clean(part: str) -> str:
    return _MARKER.sub("", part).strip().strip("*").strip()


def _table_questions(text: str, cfg: SuggestConfig, skip_rows: set[str]) -> list[str]:
    """"{row}的{column}是什么？" for the rows of each table in the passage that are not
    `skip_rows` (the rows already cited), using the second column's header."""
    out: list[str] = []
    lines = [line.strip() for line in text.splitlines()]
    for i, line in enumerate(lines):
        if not (line.startswith("|") and i + 1 < len(lines) and _TABLE_SEP.match(lines[i + 1])):
            continue
        header = [_clean(c) for c in line.strip("|").split("|")]
        n = 0
        for row in lines[i + 2:]:
            if not row.startswith("|") or n >= cfg.per_table:
                break
            cells = [_clean(c) for c in row.strip("|").split("|")]
            if normalize(row) in skip_rows or len(cells) < 2 or len(header) < 2:
                continue
            if 0 < len(cells[0]) <= cfg.max_part_chars and 0 < len(header[1]) <= cfg.max_part_chars:
                out.append(cfg.templates["table_cell"].format(row=cells[0], column=header[1]))
                n += 1
    return out


def _label_questions(text: str, cfg: SuggestConfig, glossary, skip: set[str]) -> list[str]:
    out = []
    for line in text.splitlines():
        m = _LABEL.match(line.strip())
        if not m or normalize(line) in skip:
            continue
        label = _clean(m.group(1))
        if not (2 <= len(label) <= cfg.max_part_chars) or re.search(r"[\d?？]", label):
            continue
        entities = glossary.entities(line) if glossary else []
        metric = bool(glossary and glossary.metrics_in(label))
        named = [e for e in entities if e.lower() in label.lower()]
        if metric and named:
            out.append(cfg.templates["label_amount"].format(label=label))
        elif metric and entities:
            out.append(cfg.templates["label_figure"].format(entity=entities[0], label=label))
        elif not metric:  # a bare metric ("收入") without its company is too vague
            out.append(cfg.templates["label"].format(label=label))
    return out


def _heading_question(chunk: Chunk, cfg: SuggestConfig, glossary=None) -> str | None:
    """"{heading}是什么？", or "{entity}的{heading}是什么？" when the document's title names
    one company and the heading does not (a short heading such as "客户基础" then reads well)."""
    if len(chunk.headings) < 2:
        return None
    heading = _NUMBERING.sub("", chunk.headings[-1]).strip()
    if re.search(r"[:：?？]", heading) or len(heading) > cfg.max_part_chars:  # "为什么急于上市:烧钱速度" reads badly
        return None
    if _REFERENCES.fullmatch(chunk.text.strip()):  # a reference list: nothing to ask
        return None
    entities = glossary.entities(chunk.title) if glossary else []
    if len(entities) == 1 and entities[0].lower() not in heading.lower() and len(heading) >= 2:
        return cfg.templates["heading_entity"].format(entity=entities[0], heading=heading)
    if len(heading) >= cfg.min_heading_chars:
        return cfg.templates["heading"].format(heading=heading)
    return None


def candidates(answer: Answer, doc_chunks, glossary=None, cfg: SuggestConfig | None = None) -> list[str]:
    """Candidate questions from the cited passages' neighbourhood, nearest first.
    `doc_chunks(doc_id)` gives a document's chunks in reading order."""
    cfg = cfg or load_config()
    skip = {normalize(h) for c in answer.citations for h in c.highlights}
    out: list[str] = []
    seen_sections: set[tuple] = set()
    for cit in answer.citations:
        chunks = doc_chunks(cit.doc_id)
        at = next((i for i, c in enumerate(chunks) if c.id == cit.chunk_id), None)
        if at is None:
            continue
        here = chunks[at]
        out += _table_questions(here.text, cfg, skip)
        out += _label_questions(here.text, cfg, glossary, skip)
        for nxt in chunks[at + 1 : at + 3]:
            out += _table_questions(nxt.text, cfg, skip) + _label_questions(nxt.text, cfg, glossary, skip)
        # the next sections' headings, then this section's
        later = [c for c in chunks[at + 1 :] if c.headings != here.headings]
        for c in [*later[:cfg.next_sections * 4], here]:
            key = tuple(c.headings)
            if key in seen_sections or (c is not here and len(seen_sections) >= cfg.next_sections + 1):
                continue
            seen_sections.add(key)
            if q := _heading_question(c, cfg, glossary):
                out.append(q)
    return list(dict.fromkeys(out))


def suggest(engine, answer: Answer, doc_chunks: Callable[[str], Sequence[Chunk]], asked: list[str] | None = None,
            cfg: SuggestConfig | None = None, ask: Callable[[str], Answer] | None = None) -> list[str]:
    """Up to `cfg.shown` candidate questions that the engine answers (not refused, not
    with the current answer's text) and that the conversation has not asked yet.
    `doc_chunks(doc_id)` gives a document's chunks in reading order (`Documents.chunks`);
    `ask(question)` answers a candidate without history (default `engine.ask`; the page
    passes one that remembers its answers while the documents are unchanged)."""
    ask = ask or engine.ask
    cfg = cfg or load_config()
    if answer.refused or not answer.citations:
        return []
    t0 = time.perf_counter()
    done = {normalize(q) for q in [*(asked or []), answer.question, answer.standalone_question] if q}
    doc_chunks = lru_cache(maxsize=None)(doc_chunks)  # each document read once per call

    shown: list[str] = []
    tried = 0
    for q in candidates(answer, doc_chunks, engine.glossary, cfg):
        if len(shown) >= cfg.shown or tried >= cfg.candidates:
            break
        if normalize(q) in done:
            continue
        tried += 1
        check = ask(q)
        if not check.refused and check.citations and normalize(check.text) != normalize(answer.text):
            shown.append(q)
            done.add(normalize(q))
    log.debug("suggestions: %d of %d candidates in %.0f ms", len(shown), tried, (time.perf_counter() - t0) * 1000)
    return shown
