"""How a company makes money (its business model), from what the documents write about
it: a table row whose header names the model ("商业模式"), the section of a document
headed by the company's name (a comparison article's "智谱:B端 + 开源 + API"), and the
sentences that state where its revenue comes from ("公司收入分为两块：" with the lines it
announces, "主要来自…", "通过…变现"). The cue words are data: config/reader.toml
[business]."""

from __future__ import annotations

import re
from functools import lru_cache

from chatbot.compose.base import ComposeContext, Composition, Entry
from chatbot.intent import reader_config
from chatbot.structure import Block, DocStructure, Line


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    cfg = reader_config()["business"]
    return (re.compile(cfg["question_cue"], re.I), re.compile("|".join(cfg["sentence_cues"]), re.I),
            re.compile("|".join(cfg["header_words"])))


def asks_business_model(question: str) -> bool:
    """Does the question ask how a company makes money ("靠什么赚钱", "business model")?"""
    return bool(_patterns()[0].search(question))


def _named(ctx: ComposeContext, text: str) -> set[str]:
    return set(ctx.glossary.entities(text)) & set(ctx.glossary.companies)


def _about(ctx: ComposeContext, doc: DocStructure, block: Block, line: Line, asked: set[str]) -> bool:
    """A line about the asked company: it names it (and no other company), else its
    section heading does, else the document is about that one company (its title)."""
    for text in (line.text, block.heading if len(block.path) > 1 else ""):
        named = _named(ctx, text)
        if named:
            return named <= asked
    named = _named(ctx, doc.title)
    return bool(named) and named <= asked


def _table_rows(ctx: ComposeContext, asked: set[str]) -> list[Entry]:
    """Rows of a table whose header names the model, for the asked company."""
    header = _patterns()[2]
    out = []
    for d in ctx.structure.values():
        for b in d.blocks:
            if b.kind == "table" and any(header.search(h) for h in b.header):
                out += [Entry(_to_model_cell(ln.text, header), [ln.chunk], [ln.raw])
                        for ln in b.lines if _named(ctx, ln.text) & asked]
    return out


def _to_model_cell(row: str, header: re.Pattern) -> str:
    """A table row as read ("公司:智谱AI;商业模式:B端开源+API调用;IPO估值…") cut after the
    cell whose header names the model."""
    cells = row.split(";")
    last = next((i for i, c in enumerate(cells) if header.search(c)), len(cells) - 1)
    return ";".join(cells[: last + 1])


def _company_sections(ctx: ComposeContext, asked: set[str], most: int) -> list[Entry]:
    """A section headed by the asked company's name (and no other's) in a document about
    several companies: its heading (what the article calls its model), then its first points."""
    out: list[Entry] = []
    for d in ctx.structure.values():
        if len(_named(ctx, " ".join(b.heading for b in d.blocks) + d.title)) < 2:
            continue
        done: set[str] = set()
        for b in d.blocks:
            named = _named(ctx, b.heading)
            if len(b.path) < 2 or b.heading in done or not named or not named <= asked:
                continue
            done.add(b.heading)
            lines = [ln for bb in d.blocks if bb.path == b.path for ln in bb.lines][:most]
            if lines:
                out.append(Entry(b.heading, [lines[0].chunk], [lines[0].raw], as_of=False))
                out += [Entry(ln.text, [ln.chunk], [ln.raw]) for ln in lines]
    return out


def _structure_sections(ctx: ComposeContext, asked: set[str], most: int) -> list[Entry]:
    """The lines of a section of the asked company's own document headed as its revenue's make-up ("## 收入结构",
    "## 分业务": config/reader.toml [business] section_headings): the streams its money comes from, in order."""
    heading = re.compile("|".join(reader_config()["business"]["section_headings"]), re.I)
    out: list[Entry] = []
    for d in ctx.structure.values():
        named = _named(ctx, d.title)
        if not named or not named <= asked:
            continue
        for b in d.blocks:
            if len(b.path) > 1 and heading.search(b.heading) and b.kind != "table":
                out += [Entry(ln.text, [ln.chunk], [ln.raw]) for ln in b.lines[:most]]
    return out


def _revenue_sentences(ctx: ComposeContext, asked: set[str], most: int) -> list[Entry]:
    """Lines that state where the company's revenue comes from, each with the lines it
    announces when it ends in a colon ("公司收入分为两块：")."""
    cue = _patterns()[1]
    lead = re.compile(r"[:：]$")
    out: list[Entry] = []
    for d in ctx.structure.values():
        lines = [(b, ln) for b in d.blocks for ln in b.lines]
        for i, (b, ln) in enumerate(lines):
            if not cue.search(ln.text) or not _about(ctx, d, b, ln, asked):
                continue
            out.append(Entry(ln.text, [ln.chunk], [ln.raw]))
            if lead.search(ln.text):  # the lines it announces (as many as it says: "分为两块"), in the same section
                for bb, nxt in lines[i + 1: i + 1 + min(most, _announced(ln.text))]:
                    if bb.path != b.path or lead.search(nxt.text):
                        break
                    out.append(Entry(nxt.text, [nxt.chunk], [nxt.raw]))
    return out


_COUNT = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "2": 2, "3": 3, "4": 4, "5": 5, "6": 6}


def _announced(text: str) -> int:
    """How many lines a lead line announces ("分为两块：" -> 2); 3 when it does not say."""
    m = re.search(r"([两二三四五六2-6])\s*(?:块|类|大|个|项|部分|条)", text)
    return _COUNT[m.group(1)] if m else 3


def business_model(ctx: ComposeContext) -> Composition | None:
    """The asked company's business model from the documents; None when the question
    names no company the documents hold or they say nothing about its model."""
    asked = _named(ctx, ctx.question)
    if not asked:
        return None
    most = reader_config()["structure"]["max_block_items"]
    entries: list[Entry] = []
    seen: set[str] = set()
    for e in [*_table_rows(ctx, asked), *_company_sections(ctx, asked, 2), *_structure_sections(ctx, asked, most),
              *_revenue_sentences(ctx, asked, most)]:
        if e.text not in seen and not any(e.text in s for s in seen):
            seen.add(e.text)
            entries.append(e)
    if not entries:
        return None
    return Composition([Entry(ctx.labels["business"]), *entries[:most]])
