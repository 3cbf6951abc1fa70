"""The reader view: one stored document rendered as a page, passage by passage.

The page is rebuilt from the document's indexed passages (so any ingested document can
be shown, whatever it was loaded from), in reading order, with the text that chunking
repeats at the start of a passage (its overlap) shown once. Each passage is an element
`<section class="passage" data-chunk="CHUNK_ID">`, so a citation (doc id, chunk id,
supporting sentences) finds its place; `render_reader(..., focus=citation)` marks that
passage and wraps its supporting sentences in `<mark class="hl">`.

Around the passages: a header with the title, publisher, date, link, the front
matter's tags (stance, market) and related-stock chips; headings from the passages'
section paths; Markdown tables as tables; a reference list ("[1] 出版方 - “标题” (URL)")
as numbered links, with [n] in the text pointing at them; the disclaimer styled as such.

Markdown is rendered by markdown-it-py with raw HTML off, so text from a document is
always shown as text; unsafe link schemes are dropped by markdown-it's link check."""

from __future__ import annotations

import html
import logging
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from markdown_it import MarkdownIt

from chatbot.engine import DISCLAIMER
from chatbot.models import Chunk, Citation
from chatbot.text import normalize
from chatbot.web.render import esc, safe_url

log = logging.getLogger(__name__)

TAG_KEYS = ("stance", "market")  # front matter fields shown as tags in the header
REFERENCE = re.compile(r"^\[(\d{1,3})\]\s+(.+?)\s*[(（]\s*(https?://[^\s)）]+)\s*[)）]\s*$")
MARKER = re.compile(r"\[(\d{1,3})\]")
_LIST_ITEM = re.compile(r"^([-*+]|\d+[.)])\s+")
_TICKER_NAME = re.compile(r"(\d{4,5}\.HK)\s*[(（]([^()（）\s,，、;；|]{1,16})[)）]", re.IGNORECASE)
_NAME_TICKER = re.compile(r"(?:^|[\s|,，、:：;；])([\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z0-9]{1,11})\s*[(（](\d{4,5}\.HK)[)）,，、]",
                          re.IGNORECASE | re.MULTILINE)
_TAG = re.compile(r"(<[^>]+>)")
_KEY_SKIP = set("|*`_")  # Markdown table and emphasis marks: not in the rendered text


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    return MarkdownIt("js-default")  # CommonMark + tables, raw HTML off


def front_matter_tags(source: str) -> list[str]:
    """The TAG_KEYS values of a local Markdown/text source's front matter ([] for URLs,
    other formats, missing files or front matter that does not parse)."""
    path = Path(source) if source and not re.match(r"https?://", source, re.I) else None
    if path is None or path.suffix.lower() not in (".md", ".markdown", ".txt") or not path.is_file():
        return []
    import frontmatter

    try:
        meta = frontmatter.loads(path.read_text(encoding="utf-8", errors="replace")).metadata
    except Exception as e:  # YAML errors come in many types: the tags are optional
        log.info("no front matter tags for %s: %s", source, e)
        return []
    return [str(meta[k]).strip() for k in TAG_KEYS if meta.get(k) not in (None, "")]


# --- passages ---------------------------------------------------------------------------


@dataclass
class ReaderPassage:
    chunk: Chunk
    text: str  # the passage without the overlap already shown by the one before


def _overlap(prev: str, text: str, min_chars: int = 6) -> int:
    """Length of the longest end of `prev` that `text` starts with (chunk overlap)."""
    for i in range(max(0, len(prev) - len(text)), len(prev) - min_chars + 1):
        if text.startswith(prev[i:]):
            return len(prev) - i
    return 0


def reading_order(chunks: Iterable[Chunk]) -> list[ReaderPassage]:
    """The passages by position, each without the text the previous one already holds."""
    out: list[ReaderPassage] = []
    prev: Chunk | None = None
    for c in sorted(chunks, key=lambda c: c.position):
        cut = _overlap(prev.text, c.text) if prev is not None and prev.headings == c.headings else 0
        out.append(ReaderPassage(c, c.text[cut:].lstrip("\n")))
        prev = c
    return out


def related_stocks(doc, texts: Iterable[str], known: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """(ticker, name) for the document's tickers and those its text names, with the name
    the text gives ("2513.HK(智谱)", "智谱AI(2513.HK)") or else `known`'s."""
    names: dict[str, str] = {}
    found: list[str] = [t.upper() for t in doc.tickers]
    for text in texts:
        for t, name in _TICKER_NAME.findall(text):
            names.setdefault(t.upper(), name)
            found.append(t.upper())
        for name, t in _NAME_TICKER.findall(text):
            names.setdefault(t.upper(), name)
            found.append(t.upper())
    known = {k.upper(): v for k, v in (known or {}).items()}
    return [(t, names.get(t) or known.get(t, "")) for t in dict.fromkeys(found)]


# --- rendering --------------------------------------------------------------------------


def _blocks(text: str) -> list[tuple[str, list[str]]]:
    """A passage's lines grouped: ("table", rows), ("list", items), ("refs", lines) or
    ("para", [line]); each line of a passage is its own paragraph (chunking joins the
    paragraphs of a passage with single newlines)."""
    out: list[tuple[str, list[str]]] = []
    for line in text.split("\n"):
        s = line.strip()
        if not s:
            continue
        kind = ("table" if s.startswith("|") else "refs" if REFERENCE.match(s)
                else "list" if _LIST_ITEM.match(s) else "para")
        if out and out[-1][0] == kind and kind != "para":
            out[-1][1].append(s)
        else:
            out.append((kind, [s]))
    return out


def _link_attrs(rendered: str) -> str:
    return rendered.replace("<a href=", '<a target="_blank" rel="noopener noreferrer" href=')


def _link_markers(rendered: str, refs: set[int]) -> str:
    """[n] in text (not inside tags) -> a link to reference n, when the document has one."""
    def repl(m: re.Match) -> str:
        n = int(m.group(1))
        return f'<a class="ref-link" href="#ref-{n}" data-ref="{n}">[{n}]</a>' if n in refs else m.group(0)

    parts = _TAG.split(rendered)
    return "".join(p if i % 2 else MARKER.sub(repl, p) for i, p in enumerate(parts))


def _reference_item(line: str, docs_by_url: dict[str, str]) -> str:
    m = REFERENCE.match(line)
    assert m is not None  # only reference lines come here
    n, label, url = int(m.group(1)), m.group(2), safe_url(m.group(3))
    open_doc = docs_by_url.get(url.rstrip("/"))
    reader_link = (f' <button type="button" class="open-doc" data-open-doc="{esc(open_doc)}">在阅读器中打开</button>'
                   if open_doc else "")
    link = f'<a href="{esc(url)}" target="_blank" rel="noopener noreferrer">{esc(label)}</a>' if url else esc(label)
    return f'<li class="ref" id="ref-{n}" value="{n}"><span class="ref-n">[{n}]</span> {link}{reader_link}</li>'


def render_passage(text: str, refs: set[int], docs_by_url: dict[str, str]) -> str:
    md = _markdown()
    parts: list[str] = []
    disclaimer = normalize(DISCLAIMER)
    for kind, lines in _blocks(text):
        if kind == "refs":
            parts.append(f'<ol class="refs">{"".join(_reference_item(line, docs_by_url) for line in lines)}</ol>')
        elif kind == "para" and normalize(lines[0]) == disclaimer:
            parts.append(f'<p class="disclaimer">{esc(lines[0])}</p>')
        else:
            parts.append(_link_markers(_link_attrs(md.render("\n".join(lines))), refs))
    return "".join(parts)


def _headings(prev: list[str], path: list[str], title: str) -> str:
    """The headings of `path` that differ from `prev` (the title itself is the page's h1)."""
    out = []
    for i, h in enumerate(path):
        if i < len(prev) and prev[i] == h:
            continue
        if i == 0 and h.strip() == title.strip():
            continue
        level = max(2, min(i + 1, 6))
        out.append(f'<h{level} class="rd-h">{esc(h)}</h{level}>')
    return "".join(out)


def _header(doc, tags: list[str], stocks: list[tuple[str, str]]) -> str:
    url = safe_url(doc.url)
    tags_html = "".join(f'<span class="tag">{esc(t)}</span>' for t in tags)
    meta = " · ".join(esc(x) for x in (doc.publisher, doc.date) if x)
    link = f' · <a href="{esc(url)}" target="_blank" rel="noopener noreferrer">原文链接</a>' if url else ""
    chips = "".join(f'<span class="chip stock" data-ticker="{esc(t)}">{esc(t)}{(" " + esc(n)) if n else ""}</span>'
                    for t, n in stocks)
    return (
        '<header class="rd-head">'
        + (f'<div class="rd-tags">{tags_html}</div>' if tags else "")
        + f'<h1 class="rd-title">{esc(doc.title or doc.doc_id)}</h1>'
        + f'<div class="rd-meta">{meta}{link}</div>'
        + (f'<div class="rd-chips"><span class="rd-chips-label">相关个股</span>{chips}</div>' if chips else "")
        + "</header>"
    )


def render_reader(doc, chunks: Iterable[Chunk], focus: Citation | dict | None = None, tags: Iterable[str] = (),
                  docs_by_url: dict[str, str] | None = None, known_names: dict[str, str] | None = None) -> str:
    """The document as one HTML article (see the module docstring). `doc` is its stored
    record (doc_id, title, publisher, date, url, tickers); `tags` are shown in the
    header (see `front_matter_tags`); `docs_by_url` maps the URLs of stored documents to
    their ids (a reference to one of them gets an "open in reader" button);
    `known_names` maps tickers to names for the chips."""
    passages = reading_order(chunks)
    docs_by_url = {u.rstrip("/"): d for u, d in (docs_by_url or {}).items() if u}
    refs = {int(m.group(1)) for p in passages for line in p.text.split("\n") if (m := REFERENCE.match(line.strip()))}
    stocks = related_stocks(doc, (p.text for p in passages), known_names)
    focus = Citation(**focus) if isinstance(focus, dict) else focus
    body: list = []  # heading HTML, or [chunk id, passage HTML(, True when cited)]
    prev: list[str] = []
    for p in passages:
        body.append(_headings(prev, p.chunk.headings, doc.title))
        prev = p.chunk.headings
        inner = render_passage(p.text, refs, docs_by_url)
        body.append([p.chunk.id, inner])
    body_html = _apply_focus(body, focus) if focus is not None else body
    sections = "".join(
        b if isinstance(b, str) else
        f'<section class="passage{" focus" if b[2:] else ""}" data-chunk="{esc(b[0])}">{b[1]}</section>'
        for b in body_html
    )
    out = (f'<article class="reader" data-doc-id="{esc(doc.doc_id)}"{" data-focus" if focus else ""}>'
           f'{_header(doc, list(tags), stocks)}'
           f'<div class="rd-body">{sections}</div></article>')
    return out.replace("$", "&#36;")  # gr.HTML renders its value through a template


def _apply_focus(body: list, focus: Citation) -> list:
    """Marks the cited passage (a third list element) and wraps its supporting sentences
    in <mark class="hl">: looked for in that passage, then in the one before it (whose
    text the passage may share), then anywhere in the document."""
    idx = [i for i, b in enumerate(body) if not isinstance(b, str)]
    at = next((i for i in idx if body[i][0] == focus.chunk_id), None)
    if at is not None:
        body[at] = [*body[at], True]
    targets = [h for h in focus.highlights if h.strip()]
    if at is not None and not targets:
        return body
    near = [at, *[i for i in reversed(idx) if i < at][:1]] if at is not None else []
    order = near + [i for i in idx if i not in near]
    for target in targets:
        for i in order:
            marked, found = mark_text(body[i][1], target)
            if found:
                body[i][1] = marked
                if at is None:
                    body[i] = [*body[i][:2], True]
                    at = i
                break
    return body


# --- highlighting inside rendered HTML ---------------------------------------------------


def _key(text: str) -> tuple[str, list[int]]:
    """A comparison form of plain text (NFKC, lower case, no spaces, table/emphasis marks
    or [n] markers) and, per key character, its index in `text`."""
    keep = [True] * len(text)
    for m in MARKER.finditer(text):
        for i in range(*m.span()):
            keep[i] = False
    key, where = [], []
    for i, ch in enumerate(text):
        if not keep[i] or ch.isspace() or ch in _KEY_SKIP:
            continue
        for k in unicodedata.normalize("NFKC", ch).lower():
            key.append(k)
            where.append(i)
    return "".join(key), where


def mark_text(rendered: str, target: str) -> tuple[str, bool]:
    """`rendered` HTML with the text `target` (compared in key form, so a table row
    "| a | b |" matches across its cells) wrapped in <mark class="hl">, one mark per text
    node it spans. Returns (html, found)."""
    want, _ = _key(target)
    if len(want) < 2:
        return rendered, False
    parts = _TAG.split(rendered)
    plain_parts = [html.unescape(p) if i % 2 == 0 else "" for i, p in enumerate(parts)]
    plain, owner = "", []
    for i, p in enumerate(plain_parts):
        plain += p
        owner += [(i, j) for j in range(len(p))]
    key, where = _key(plain)
    at = key.find(want)
    if at < 0:
        return rendered, False
    first, last = where[at], where[at + len(want) - 1]
    spans: dict[int, list[int]] = {}
    for pos in range(first, last + 1):
        part, j = owner[pos]
        spans.setdefault(part, [j, j])[1] = j
    for part, (a, b) in spans.items():
        p = plain_parts[part]
        if not p[a : b + 1].strip():
            continue
        parts[part] = f'{html.escape(p[:a], quote=False)}<mark class="hl">{html.escape(p[a:b + 1], quote=False)}</mark>{html.escape(p[b + 1:], quote=False)}'
    return "".join(parts), True
