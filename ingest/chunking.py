"""Split a document into passages that respect Chinese text: headings start a new
section, paragraphs and list items are packed up to a target size, long ones are
cut at sentence ends (。！？；), Markdown tables stay whole with their header (a long
table is split by rows with the header repeated), and no cut falls inside a
number or ticker. Chunk ids are content hashes."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from chatbot.config import ChunkingSettings
from chatbot.models import Chunk
from chatbot.text import is_cjk, safe_cut, split_sentences
from ingest.loaders import SourceDocument

_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_TABLE_SEP = re.compile(r"^\|?\s*:?-{2,}")


@dataclass
class _Unit:
    text: str
    kind: str  # "text" | "table"
    starts_block: bool = True  # False for the second and later sentences of a paragraph


def chunk_id(doc_id: str, headings: list[str], text: str) -> str:
    h = hashlib.sha256("\x1f".join([doc_id, *headings, text]).encode("utf-8")).hexdigest()
    return f"{doc_id}:{h[:16]}"


def _sections(text: str):
    """Yield (heading path, blocks) per section; a block is a paragraph, a list item or
    a whole table (its lines joined by newlines)."""
    path: list[str] = []
    blocks: list[_Unit] = []
    para: list[str] = []
    table: list[str] = []

    def flush_para():
        if para:
            blocks.append(_Unit("".join(para) if is_cjk(para[0][-1:]) else " ".join(para), "text"))
            para.clear()

    def flush_table():
        if table:
            blocks.append(_Unit("\n".join(table), "table"))
            table.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("|"):
            flush_para()
            table.append(line)
            continue
        flush_table()
        m = _HEADING.match(line)
        if m:
            flush_para()
            if blocks:
                yield list(path), blocks
                blocks = []
            level = len(m.group(1))
            path = [*path[:level - 1], m.group(2).strip()]
            continue
        if not line:
            flush_para()
        elif re.match(r"^([-*+]|\d+[.)、])\s+|^\[\d+\]\s", line):
            flush_para()
            blocks.append(_Unit(line, "text"))
        else:
            para.append(line)
    flush_para()
    flush_table()
    if blocks:
        yield list(path), blocks


def _split_table(table: str, max_chars: int) -> list[str]:
    lines = table.split("\n")
    if len(table) <= max_chars or len(lines) < 4 or not _TABLE_SEP.match(lines[1]):
        return [table]
    header, rows = lines[:2], lines[2:]
    parts: list[str] = []
    cur: list[str] = []
    for row in rows:
        if cur and len("\n".join(header + cur + [row])) > max_chars:
            parts.append("\n".join(header + cur))
            cur = []
        cur.append(row)
    parts.append("\n".join(header + cur))
    return parts


def _units(block: _Unit, cfg: ChunkingSettings) -> list[_Unit]:
    """Break a block into units no longer than max_chars (tables by rows, text by
    sentences, over-long sentences at commas)."""
    if block.kind == "table":
        return [_Unit(t, "table") for t in _split_table(block.text, cfg.max_chars)]
    if len(block.text) <= cfg.target_chars:
        return [block]
    units: list[_Unit] = []
    for sent in split_sentences(block.text):
        while len(sent) > cfg.max_chars:
            cut = safe_cut(sent, cfg.max_chars)
            units.append(_Unit(sent[:cut], "text", not units))
            sent = sent[cut:]
        if sent:
            units.append(_Unit(sent, "text", not units))
    return units


def chunk_document(doc: SourceDocument, cfg: ChunkingSettings) -> list[Chunk]:
    chunks: list[Chunk] = []

    def emit(path: list[str], units: list[_Unit]):
        text = _join(units)
        kind = "table" if any(u.kind == "table" for u in units) else "text"
        chunks.append(
            Chunk(
                id=chunk_id(doc.doc_id, path, text),
                doc_id=doc.doc_id,
                text=text,
                title=doc.title,
                publisher=doc.publisher,
                date=doc.date,
                url=doc.url,
                tickers=list(doc.tickers),
                headings=path,
                position=len(chunks),
                kind=kind,
            )
        )

    for path, blocks in _sections(doc.text):
        cur: list[_Unit] = []
        before: _Unit | None = None  # the block before this one
        for block in blocks:
            # a table's lead-in ("分产品收入（人民币万元）：") names its rows' metric and unit: a chunk that starts
            # with the table (or a later part of it) starts with its lead-in too
            lead = before if block.kind == "table" and before is not None and _lead_in(before) else None
            for unit in _units(block, cfg):
                if cur and len(_join([*cur, unit])) > (cfg.max_chars if unit.kind == "table" else cfg.target_chars):
                    emit(path, cur)
                    if unit.kind == "table":
                        cur = [lead] if lead is not None else []
                    else:
                        cur = _overlap(cur, cfg.overlap_chars)
                        if cur and len(_join([*cur, unit])) > cfg.max_chars:
                            cur = []
                cur.append(unit)
            before = block
        if cur:
            emit(path, cur)
    # identical passages repeated in one document collapse to one chunk
    seen: set[str] = set()
    unique = []
    for c in chunks:
        if c.id not in seen:
            seen.add(c.id)
            unique.append(c)
    for i, c in enumerate(unique):
        c.position = i
    return unique


_LEAD_IN_MAX_CHARS = 120


def _lead_in(block: _Unit) -> bool:
    """A short paragraph ending in a colon: the line that introduces the table after it."""
    text = block.text.strip()
    return block.kind == "text" and len(text) <= _LEAD_IN_MAX_CHARS and text.endswith(("：", ":"))


def _join(units: list[_Unit]) -> str:
    """Blocks (paragraphs, list items, tables) on their own lines; the sentences of one
    paragraph joined as written (no space between Chinese sentences)."""
    out = ""
    for u in units:
        if not out:
            out = u.text
        elif u.starts_block:
            out += "\n" + u.text
        else:
            out += ("" if "\u4e00" <= out[-1] <= "\u9fff" or out[-1] in "。！？；，：）”" else " ") + u.text
    return out


def _overlap(units: list[_Unit], overlap_chars: int) -> list[_Unit]:
    """The trailing text units (whole sentences) that fit in overlap_chars."""
    tail: list[_Unit] = []
    size = 0
    for u in reversed(units):
        if u.kind == "table" or size + len(u.text) > overlap_chars:
            break
        tail.insert(0, u)
        size += len(u.text)
    return tail
