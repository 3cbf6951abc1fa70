"""The documents' structure as evidence: each document read back from its chunks as
sections (heading path title > H2 > H3) holding blocks — paragraphs, lists and
tables — with the chunk each line is quoted from.

A list or table is titled by the line that announces it ("…仍需关注以下风险:") or
else by its section heading. Tables whose header names an assessment ("评估") and
risk tables are the report's own summary places, as are the lists at its end."""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from chatbot.evidence import heading_caption, passage_sentences
from chatbot.intent import reader_config
from chatbot.models import Chunk
from chatbot.text import normalize

_TABLE_SEP = re.compile(r"^\|?[\s:|-]+\|?$")
_ITEM = re.compile(r"^([-*+](?=\s)|\d+[.)、]|[(（]\d+[)）])\s*")  # "**加粗**" opens no list item
# a plain-text document's numbered heading line ("三、并购及扩张", "（二）风险因素"): short, no sentence
_NUMBERED_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])\s*[^。！？!?；;，,:：|]{2,24}$")
_LABELLED = re.compile(r"^[^:：，。,]{2,12}[:：]")


@dataclass
class Line:
    text: str  # as shown (table rows read as prose)
    raw: str  # as written in the chunk (for highlighting)
    chunk: Chunk


@dataclass
class Block:
    doc_id: str
    path: list[str]  # heading path
    kind: str  # "para" | "list" | "table"
    title: str  # the announcing line, or the section heading
    lines: list[Line] = field(default_factory=list)
    header: list[str] = field(default_factory=list)  # a table's header cells
    labelled: bool = False  # list items written "标签:说明"

    @property
    def heading(self) -> str:
        return self.path[-1] if self.path else ""

    @property
    def text(self) -> str:
        return " ".join([self.title, *(ln.text for ln in self.lines)])

    def is_assessment(self) -> bool:
        words = reader_config()["structure"]["assessment_headers"]
        return self.kind == "table" and any(w in h for h in self.header for w in words)

    def is_risk_table(self) -> bool:
        words = reader_config()["structure"]["risk_headers"]
        return self.kind == "table" and any(w in h for h in self.header[:1] for w in words)


@dataclass
class DocStructure:
    doc_id: str
    title: str
    publisher: str
    date: str
    blocks: list[Block]

    def sections(self) -> list[tuple[list[str], list[Block]]]:
        """Blocks grouped by heading path, in document order (the references left out)."""
        out: list[tuple[list[str], list[Block]]] = []
        for b in self.blocks:
            if out and out[-1][0] == b.path:
                out[-1][1].append(b)
            else:
                out.append((b.path, [b]))
        return [(p, bs) for p, bs in out if not _is_references(p, bs)]

    def summary_places(self) -> list[Block]:
        """Assessment tables, risk tables and the lists after the last section's prose."""
        places = [b for b in self.blocks if b.is_assessment() or b.is_risk_table()]
        tail_lists: list[Block] = []
        for b in reversed([b for b in self.blocks if not _is_references(b.path, [b])]):
            if b.kind == "list":
                tail_lists.insert(0, b)
            elif b.kind == "table" or len(b.lines) > 1:
                break
        else:  # no prose before them: a document written as lists has no concluding lists
            tail_lists = []
        return places + [b for b in tail_lists if b not in places]


def _is_references(path: list[str], blocks: list[Block]) -> bool:
    lines = [ln.raw for b in blocks for ln in b.lines]
    return bool(lines) and all(re.match(r"^\[\d+\]", ln) or "投资建议" in ln for ln in lines)


def _kind(raw: str) -> str:
    s = raw.strip()
    if s.startswith("|"):
        return "table"
    if _ITEM.match(s):
        return "list"
    return "para"


def build_structure(chunks: list[Chunk]) -> dict[str, DocStructure]:
    """Every document's blocks, read from its chunks in position order; a line that a
    chunk repeats from the previous one (the overlap) is read once."""
    lead = re.compile(reader_config()["structure"]["lead_line"])
    by_doc: dict[str, list[Chunk]] = {}
    for c in chunks:
        by_doc.setdefault(c.doc_id, []).append(c)
    out: dict[str, DocStructure] = {}
    for doc_id, cs in by_doc.items():
        cs.sort(key=lambda c: c.position)
        blocks: list[Block] = []
        seen: set[str] = set()
        numbered: tuple[list[str], str] | None = None  # (the headings it sits under, its line)
        for c in cs:
            rendered = {normalize(raw): shown for raw, shown, _, _ in passage_sentences(c.text, heading_caption(c))}
            lines = c.text.splitlines()
            header: list[str] = []
            for i, raw in enumerate(lines):
                s = raw.strip()
                if not s or _TABLE_SEP.match(s):
                    continue
                kind = _kind(s)
                if numbered is not None and numbered[0] != c.headings:  # a real heading ends it
                    numbered = None
                path = [*(c.headings or [c.title]), numbered[1]] if numbered else c.headings
                if kind == "table" and i + 1 < len(lines) and _TABLE_SEP.match(lines[i + 1].strip()):
                    header = [h.strip() for h in s.strip("|").split("|")]
                    key = normalize(s)
                    if key in seen:
                        continue
                    seen.add(key)
                    blocks.append(_new_block(blocks, doc_id, c, "table", lead, header, path))
                    continue
                key = normalize(s)
                if key in seen:
                    continue
                seen.add(key)
                if kind == "para" and len(c.headings) < 2 and _NUMBERED_HEADING.match(s):
                    numbered = (c.headings, s)  # a section of its own, as a Markdown heading would open
                    continue
                path = [*(c.headings or [c.title]), numbered[1]] if numbered else c.headings
                text = _ITEM.sub("", s) if kind == "list" else s
                # (a table's row as the evidence reads it: an indented row with the row above it, "钓竿/欧洲:…")
                shown = rendered.get(normalize(text), text) if kind != "table" else rendered.get(normalize(s)) or _row_text(s, header)
                prev = blocks[-1] if blocks else None
                labelled = kind == "list" and bool(_LABELLED.match(text))
                same = (prev is not None and prev.path == path and prev.kind == kind
                        and (kind != "list" or prev.labelled == labelled or len(prev.lines) < 4))
                if not same or prev is None:
                    prev = _new_block(blocks, doc_id, c, kind, lead, header if kind == "table" else [], path)
                    blocks.append(prev)
                    prev.labelled = labelled
                prev.lines.append(Line(re.sub(r"\[\d+\]|\*\*|__", "", shown).strip(), s, c))  # (no bold marks shown)
        blocks = [b for b in blocks if b.lines]
        first = cs[0]
        out[doc_id] = DocStructure(doc_id, first.title, first.publisher, first.date, blocks)
    return out


def _row_text(row: str, header: list[str]) -> str:
    from chatbot.evidence import _render_row

    return _render_row(row, header)


def _new_block(blocks: list[Block], doc_id: str, c: Chunk, kind: str, lead: re.Pattern, header: list[str],
               path: list[str] | None = None) -> Block:
    """A new block under `path` (the chunk's headings unless given), titled by the paragraph
    line just before it when that line announces it (or is cut off before its end, as the
    report's lead lines are)."""
    path = c.headings if path is None else path
    title = path[-1] if path else c.title
    prev = blocks[-1] if blocks else None
    if kind in ("list", "table") and prev is not None and prev.kind == "para" and prev.path == path and prev.lines:
        last = prev.lines[-1].text
        if lead.search(last) or not re.search(r"[。！？!?.）)]$", last):
            title = last.rstrip(":：")
    return Block(doc_id, list(path), kind, title, header=header)


_CACHE: dict[str, dict[str, DocStructure]] = {}
_DOC_CACHE: OrderedDict[tuple, DocStructure] = OrderedDict()  # (store, doc, hash): least recent first
DOC_CACHE_SIZE = 64  # documents whose structure is kept (a large index reads a few per question)


def document_structure(store, scope: Mapping[str, Sequence[str] | None] | None = None) -> dict[str, DocStructure]:
    """The structure of every indexed document (rebuilt when the index changes), or of
    the documents of `scope` only (doc id -> the chunk ids to read, None: all of them):
    each read from its own chunks and kept in a bounded cache, so that a large index is
    never read whole."""
    if scope is None:
        stamp = store.stamp()
        if stamp not in _CACHE:
            _CACHE.clear()
            _CACHE[stamp] = build_structure(store.all_chunks())
        return _CACHE[stamp]
    out: dict[str, DocStructure] = {}
    for d, ids in scope.items():
        rec = store.docs.get(d)
        if rec is None:
            continue
        key = (str(store.path), d, rec.content_hash, tuple(ids) if ids is not None else None)
        found = _DOC_CACHE.get(key)
        if found is None:
            chunks = store.doc_chunks(d)
            if ids is not None:
                wanted = set(ids)
                chunks = [c for c in chunks if c.id in wanted]
            found = build_structure(chunks).get(d)
            if found is None:
                continue
            _DOC_CACHE[key] = found
            while len(_DOC_CACHE) > DOC_CACHE_SIZE:
                _DOC_CACHE.popitem(last=False)
        _DOC_CACHE.move_to_end(key)
        out[d] = found
    return out


class LazyStructure(Mapping):
    """The structure a composer may read, built on first use (most look-ups never read it)."""

    def __init__(self, load: Callable[[], dict[str, DocStructure]]):
        self._load = load
        self._data: dict[str, DocStructure] | None = None

    @property
    def data(self) -> dict[str, DocStructure]:
        if self._data is None:
            self._data = self._load()
        return self._data

    def __getitem__(self, doc_id: str) -> DocStructure:
        return self.data[doc_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self.data)

    def __len__(self) -> int:
        return len(self.data)
