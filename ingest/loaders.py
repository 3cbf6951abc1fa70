"""Load one document — a Markdown/text, HTML or PDF file, or a URL — into clean text plus
metadata (`SourceDocument`). Every failure is a `LoadError` whose message is one line
naming the source."""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import html as htmllib
import io
import ipaddress
import json
import re
import socket
import sys
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

import charset_normalizer
import frontmatter

from chatbot.errors import LoadError  # re-exported: ingest code raises it
from chatbot.script import document_as_simplified, to_simplified

if TYPE_CHECKING:
    import httpx

    from chatbot.config import IngestSettings

TEXT_SUFFIXES = {".md", ".markdown", ".txt"}
HTML_SUFFIXES = {".html", ".htm"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | {".pdf"}

_MB = 1024 * 1024
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")
# A PDF line ending in one of these ends a sentence/paragraph and is not joined to the next.
_SENTENCE_END = tuple("。！？；：:;!?.…」』”’）)】》")


@dataclass
class SourceDocument:
    doc_id: str
    text: str  # Markdown-ish body: '#' headings, Markdown tables, blank-line paragraphs
    title: str
    publisher: str = ""
    date: str = ""  # ISO yyyy-mm-dd or ""
    url: str = ""
    language: str = ""
    tickers: list[str] = field(default_factory=list)
    source: str = ""  # the path or URL it was loaded from

    @property
    def content_hash(self) -> str:
        """sha256 over the text and metadata (not `source`): any change changes it."""
        fields = [self.doc_id, self.text, self.title, self.publisher, self.date,
                  self.url, self.language, list(self.tickers)]
        return hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode()).hexdigest()


def is_url(s: str) -> bool:
    return isinstance(s, str) and re.match(r"https?://\S+$", s.strip(), re.I) is not None


def discover(target: str | Path) -> list[Path]:
    """A file -> [file] (any suffix); a folder -> its supported, non-hidden files, sorted."""
    root = Path(target)
    if root.is_file():
        return [root]
    if not root.is_dir():
        raise LoadError(f"{root}: no such file or folder")
    return sorted(
        p for p in root.rglob("*")
        if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(root).parts)
    )


def load(target: str | Path, settings, public_urls_only: bool = False) -> SourceDocument:
    if isinstance(target, str) and is_url(target):
        return load_url(target.strip(), settings, public_only=public_urls_only)
    return load_path(Path(target), settings)


def load_path(path: Path, settings) -> SourceDocument:
    path = Path(path)
    src = str(path)
    if not path.exists():
        raise LoadError(f"{src}: no such file or folder")
    if path.is_dir():
        raise LoadError(f"{src}: is a folder, not a file")
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        kind = f"file type {suffix}" if suffix else "file type (no suffix)"
        raise LoadError(f"{src}: unsupported {kind} (supported: {', '.join(sorted(SUPPORTED_SUFFIXES))})")
    size, limit = path.stat().st_size, settings.ingest.max_file_mb
    if size > limit * _MB:
        raise LoadError(f"{src}: file too large ({size / _MB:.3g} MB > max_file_mb {limit:g})")
    if size == 0:
        raise LoadError(f"{src}: file is empty")
    try:
        data = path.read_bytes()
    except OSError as e:
        raise LoadError(f"{src}: cannot read: {e.strerror or e}") from e
    kind = "pdf" if suffix == ".pdf" else "html" if suffix in HTML_SUFFIXES else "text"
    return _parse(data, kind, src, settings.ingest, name=path.stem)


def non_public_address(host: str) -> str | None:
    """The first address `host` resolves to that is not on the public internet
    (loopback, private, link-local such as 169.254.169.254, reserved), or None."""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError):
        return None  # unresolvable: the fetch itself reports it
    for info in infos:
        ip = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if not ip.is_global:
            return str(ip)
    return None


def load_url(url: str, settings, public_only: bool = False) -> SourceDocument:
    """Fetch and parse a web page or PDF. With `public_only` (imports from the web chat)
    every request, redirects included, must go to a public address: a user of the chat
    cannot make the server read its own network."""
    import httpx  # here: a file ingest does not need it (its import is ~0.1 s of a cold `chatbot ingest FILE`)

    cap = int(settings.ingest.url_max_mb * _MB)
    too_big = LoadError(f"{url}: download exceeds url_max_mb {settings.ingest.url_max_mb:g}")

    def check(request: httpx.Request) -> None:
        host = request.url.host
        addr = non_public_address(host) if public_only else None
        if addr:
            raise LoadError(f"{url}: refused: {host} is a local or private address ({addr})")

    try:
        with httpx.Client(timeout=settings.ingest.url_timeout_s, follow_redirects=True,
                          headers={"User-Agent": "report-chatbot-ingest/0.1"},
                          event_hooks={"request": [check]}) as client, client.stream("GET", url) as r:
            if r.status_code >= 400:
                raise LoadError(f"{url}: cannot fetch: HTTP {r.status_code} {r.reason_phrase}")
            if int(r.headers.get("content-length") or 0) > cap:
                raise too_big
            data = bytearray()
            for chunk in r.iter_bytes():
                data += chunk
                if len(data) > cap:
                    raise too_big
            ctype = r.headers.get("content-type", "").lower()
    except httpx.TimeoutException as e:
        raise LoadError(f"{url}: cannot fetch: timed out after {settings.ingest.url_timeout_s:g} s") from e
    except (httpx.HTTPError, httpx.InvalidURL, UnicodeError) as e:
        raise LoadError(f"{url}: cannot fetch: {_reason(e)}") from e
    if not data:
        raise LoadError(f"{url}: empty response")

    parts = urlsplit(url)
    path = unquote(parts.path)
    suffix = Path(path).suffix.lower()
    if "html" in ctype:
        kind = "html"
    elif "pdf" in ctype or data[:5] == b"%PDF-":
        kind = "pdf"
    elif ctype.startswith("text/") or suffix in TEXT_SUFFIXES:
        kind = "text"
    elif suffix in HTML_SUFFIXES or not suffix:
        kind = "html"
    else:
        raise LoadError(f"{url}: unsupported content type {ctype.split(';')[0] or 'unknown'}")
    charset = re.search(r"charset=\"?([\w.:-]+)", ctype)
    name = f"{parts.hostname or ''}/{path.rsplit('.', 1)[0] if suffix else path}"
    return _parse(bytes(data), kind, url, settings.ingest, name=name, url=url,
                  charset=charset.group(1) if charset else None)


# --- parsing -----------------------------------------------------------------------------

def _parse(data: bytes, kind: str, src: str, ingest: IngestSettings, name: str, url: str = "",
           charset: str | None = None) -> SourceDocument:
    if kind == "pdf":
        text, meta = _read_pdf(data, src)
    elif kind == "html":
        text, meta = _read_html(_decode(data, src, charset), src, url)
    else:
        text, meta = _read_text(_decode(data, src, charset), src, ingest)
    text, traditional = document_as_simplified(text, ingest.traditional_min_share)
    if traditional:  # (indexed, quoted and matched in simplified characters: see chatbot/script.py)
        meta = {**meta, **{k: to_simplified(_str(meta.get(k))) for k in ("title", "publisher") if meta.get(k)}}
        meta.setdefault("language", "zh-Hant")
    tickers = meta.get("tickers") or []
    if isinstance(tickers, str):
        tickers = re.split(r"[,，、;\s]+", tickers)
    return SourceDocument(
        doc_id=_str(meta.get("id")) or _slug(name),
        text=text,
        title=_str(meta.get("title")) or _first_line(text) or name,
        publisher=_str(meta.get("publisher")),
        date=_iso_date(meta.get("date")),
        url=_str(meta.get("url")) or url,
        language=_str(meta.get("language")) or _guess_language(text),
        tickers=[str(t).strip() for t in tickers if str(t).strip()],
        source=src,
    )


def _decode(data: bytes, src: str, charset: str | None = None) -> str:
    """UTF-8 (BOM or not), else the declared charset, else charset-normalizer's best guess."""
    if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        candidates = ["utf-16"]
    else:
        if b"\x00" in data:
            raise LoadError(f"{src}: not a text file (binary content)")
        candidates = ["utf-8-sig"] + ([charset] if charset else [])
    for enc in candidates:
        try:
            text = data.decode(enc)
            break
        except (UnicodeDecodeError, LookupError):
            continue
    else:
        best = charset_normalizer.from_bytes(data).best()
        if best is None:
            raise LoadError(f"{src}: not a text file (unknown encoding)")
        text = str(best)
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f")
    if controls > 0.05 * len(text):
        raise LoadError(f"{src}: not a text file (binary content)")
    return text


def _read_text(raw: str, src: str, ingest: IngestSettings) -> tuple[str, dict]:
    if not raw.strip():
        raise LoadError(f"{src}: file is empty (whitespace only)")
    try:
        post = frontmatter.loads(raw)
    except Exception as e:  # YAML errors come in many types
        raise LoadError(f"{src}: invalid front matter: {_reason(e)}") from e
    text = bare_headings(numbered_headings(pipe_tables(clean_text(post.content))), ingest.bare_heading_width)
    if not text:
        raise LoadError(f"{src}: no text after the front matter")
    meta = dict(post.metadata)
    if not meta.get("title"):
        heading = re.search(r"^# +(.+)$", text, re.M)
        meta["title"] = heading.group(1).strip() if heading else ""
    if not meta.get("date"):
        meta["date"] = _dateline(text, ingest.dateline_lines, ingest.dateline_chars)
    return text, meta


def _dateline(text: str, max_lines: int, max_chars: int) -> str:
    """The date of a text without front matter: a short line (at most `max_chars`:
    "财经观察 · 2025年8月26日", not a sentence of the story) among its first `max_lines`
    non-blank lines that states a full date (a news story's dateline); "" when there is
    none. The limits are `ingest.dateline_lines` and `ingest.dateline_chars`."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()][:max_lines]
    for line in lines:
        m = _FULL_DATE.search(line)
        if m and len(line) <= max_chars:
            return _iso_date("-".join(m.groups()))
    return ""


_CAPTION_ROW = re.compile(r"^\|\s*(?P<caption>[^|\n]*?\S)\s*\|(?:\s*\|)+\s*\n\|(?:\s*:?-{3,}:?\s*\|)+\s*\n(?=\|[^\n]*\S[^\n]*\|[^\n]*\S)",
                          re.MULTILINE)


def caption_rows_as_lines(text: str) -> str:
    """A table's caption (HTML `<caption>`), which the HTML extractor writes as the table's first row with one cell
    filled ("| 2025年前九个月按产品划分的收入（人民币千元） |  |  |  |" over the header row), written as the line that
    introduces the table, as a Markdown article writes it: its rows' metric and unit, not a row of figures."""
    return _CAPTION_ROW.sub(lambda m: m.group("caption") + "\n\n", text)


def _read_html(markup: str, src: str, url: str) -> tuple[str, dict]:
    import trafilatura  # heavy import: only when needed

    body = trafilatura.extract(markup, url=url or None, output_format="markdown", include_tables=True,
                               include_formatting=True, include_links=False, include_images=False,
                               favor_recall=True)
    text = caption_rows_as_lines(clean_text(body or ""))
    if not text:
        raise LoadError(f"{src}: no extractable text in the HTML")
    info = trafilatura.extract_metadata(markup, default_url=url or None)
    title = info.title if info and info.title else ""
    if not title:
        m = re.search(r"<title[^>]*>(.*?)</title>", markup, re.I | re.S)
        title = " ".join(htmllib.unescape(m.group(1)).split()) if m else ""
    lang = re.search(r"<html[^>]*\blang=[\"']?([A-Za-z-]+)", markup, re.I)
    found = {
        "title": title,
        "date": _page_date(markup, (info.date if info else "") or ""),
        "publisher": (info.sitename if info else "") or "",
        "url": url or (info.url if info else "") or "",
        "language": lang.group(1).lower() if lang else "",
    }
    # the page's own front matter, where it gives it ("<meta name="tickers" content="6983.HK">"): it wins over what
    # is guessed from the page (a fetched page's id stays its address's: a site's own ids are no ids of ours)
    given = {k: v for k, v in page_meta(markup).items() if not (url and k in ("id", "url"))}
    return text, {**found, **given}


_META_KEYS = ("id", "title", "publisher", "date", "url", "language", "tickers")


class _MetaReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "meta":
            return
        a = {k.lower(): (v or "").strip() for k, v in attrs}
        name = a.get("name", "").lower()
        if name in _META_KEYS and a.get("content") and name not in self.found:
            self.found[name] = a["content"]


def page_meta(markup: str) -> dict[str, str]:
    """The front-matter fields an HTML page states in its `<meta name=… content=…>` tags (id, title, publisher,
    date, url, language, tickers), the first of each."""
    head = re.split(r"(?i)<body\b", markup, maxsplit=1)[0]  # (meta tags live in the head)
    reader = _MetaReader()
    reader.feed(head)
    reader.close()
    return reader.found


_FULL_DATE = re.compile(r"((?:19|20)\d{2})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})")


def _page_date(markup: str, found: str) -> str:
    """The page's date: trafilatura's, unless it is only a year (it gives a bare year as
    1 January) and the page's text states a full date of that year (the first one: a
    news page's date line, "航旅财经快讯 · 2025年11月14日"); the first full date when it found none."""
    if found and not found.endswith("-01-01"):
        return found
    visible = re.sub(r"<[^>]+>", " ", re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", markup))
    for m in _FULL_DATE.finditer(visible):
        date = _iso_date("-".join(m.groups()))
        if date and (not found or date[:4] == found[:4]):
            return date
    return found


def _read_pdf(data: bytes, src: str) -> tuple[str, dict]:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise LoadError(f"{src}: PDF is encrypted (password required)")
        pages = [page.extract_text() or "" for page in reader.pages]
        title = _str(reader.metadata.title if reader.metadata else "")
    except LoadError:
        raise
    except Exception as e:  # pypdf raises many error types on malformed files
        raise LoadError(f"{src}: cannot read PDF: {_reason(e)}") from e
    text = clean_text("\n\n".join(join_broken_lines(p) for p in pages))
    if not text:
        raise LoadError(f"{src}: PDF has no extractable text (scanned images?)")
    return text, {"title": title}


# --- text helpers ------------------------------------------------------------------------

def clean_text(text: str) -> str:
    """Normalise line endings, strip trailing spaces, collapse runs of blank lines."""
    text = text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


_PIPE_ROW = re.compile(r"^(?!\|)[^|\n]*\S\s*\|.*$")
_QUOTED_HEADER = re.compile(r"^(.*?)[“「]([^”」|]*(?:\|[^”」|]*)+)[”」](.*)$")


def pipe_tables(text: str) -> str:
    """Rows written with pipes but no Markdown frame ("项目 | 附注 | 2025财年 | 2024财年" then "收入 | 3 | …"): a run
    of two or more such lines with the same number of cells is a table, written as Markdown (a frame on each row and
    a separator under the first) so that it is chunked, read and quoted as one. Text that is already Markdown, and
    a single line with a pipe, are left as they are."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        j = i
        cells = lines[i].count("|") if _PIPE_ROW.match(lines[i]) else 0
        while cells and j < len(lines) and _PIPE_ROW.match(lines[j]) and lines[j].count("|") == cells:
            j += 1
        if j - i >= 2:
            rows = ["| " + " | ".join(c.strip() for c in ln.split("|")) + " |" for ln in lines[i:j]]
            sep = "|" + "---|" * (cells + 1)
            if out and out[-1].strip():
                out.append("")  # (a table is a block of its own)
            if quoted := _QUOTED_HEADER.match(lines[i]):  # the column names quoted in a lead-in ("以下为月度数据（按“月份 |
                # 场次（场） | 玩家（万人次）”列出）："): the lead-in a line of its own, the names the header row
                names = [c.strip() for c in quoted.group(2).split("|")]
                out += [f"{quoted.group(1)}“{'、'.join(names)}”{quoted.group(3)}", ""]
                rows[0] = "| " + " | ".join(names) + " |"
            out += [rows[0], sep, *rows[1:]]
            if j < len(lines) and lines[j].strip():
                out.append("")
            i = j
            continue
        out.append(lines[i])
        i += 1
    return "\n".join(out)


_NUMBERED_HEADING = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）])[^。！？!?；;|]{1,28}$")


def numbered_headings(text: str) -> str:
    """A short line numbered with a Chinese numeral ("一、合同要点", "（二）2025财年业绩") and no sentence end, written
    right above its text as a plain-text article does: a section heading (a Markdown "##" line of its own), not the
    start of the paragraph under it ("一、合同要点纱影灯业集团有限公司…" had read as one line, the heading lost)."""
    lines = text.split("\n")
    out: list[str] = []
    for i, ln in enumerate(lines):
        nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if _NUMBERED_HEADING.match(ln.strip()) and nxt:
            if out and out[-1].strip():
                out.append("")
            out += [f"## {ln.strip()}", ""]
            continue
        out.append(ln)
    return "\n".join(out)


_HEADING_END = tuple("。！？；：:;!?.…，,、")


def bare_headings(text: str, max_width: int) -> str:
    """A plain-text article's section headings as Markdown "##" lines: in a text with no Markdown heading, a short line
    (at most `max_width` wide) with no sentence end, no table cell or list marker, a blank line (or the text's start)
    before it and a line of text right after it ("事件", "2025财年业绩(截至2025年3月31日止年度)", "分析师视角"). A text
    that marks its headings already is left as it is."""
    lines = text.split("\n")
    if any(ln.lstrip().startswith("#") for ln in lines):
        return text
    out: list[str] = []
    for i, ln in enumerate(lines):
        s = ln.strip()
        before = lines[i - 1].strip() if i else ""
        after = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if s and not before and after and _width(s) <= max_width and not s.endswith(_HEADING_END) \
                and "|" not in s and not re.match(r"[-*•·>]|\d+[.、)]", s):
            out.append(f"## {s}")
            continue
        out.append(ln)
    return "\n".join(out)


def join_broken_lines(text: str) -> str:
    """Re-join PDF lines broken mid-sentence: a line is joined to the next unless it ends a
    sentence, is blank, or is clearly shorter than a full line (a heading or paragraph end).
    The resulting lines are returned as blank-line separated paragraphs."""
    lines = [ln.strip() for ln in text.replace("\r", "").split("\n")]
    full = max((_width(ln) for ln in lines), default=0)
    out: list[str] = []
    joinable = False  # may the previous line continue onto this one?
    for ln in lines:
        if joinable and ln:
            prev = out[-1]
            if prev.endswith("-") and prev[-2:-1].isalpha() and ln[:1].islower():
                out[-1] = prev[:-1] + ln
            else:
                cjk = _CJK.match(prev[-1]) or _CJK.match(ln[0])
                out[-1] = prev + ("" if cjk else " ") + ln
        elif ln:
            out.append(ln)
        joinable = bool(ln) and not ln.endswith(_SENTENCE_END) and _width(ln) >= 0.75 * full
    return "\n\n".join(out)


def _width(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


def _first_line(text: str) -> str:
    for line in text.split("\n"):
        line = line.lstrip("#").strip()
        if line:
            return line[:80]
    return ""


def _guess_language(text: str) -> str:
    letters = [ch for ch in text[:5000] if ch.isalpha()]
    return "zh" if letters and sum(bool(_CJK.match(ch)) for ch in letters) > 0.3 * len(letters) else ""


def _slug(name: str) -> str:
    """Lowercase ASCII slug; a hash suffix keeps names with CJK (or very long ones) distinct."""
    base = re.sub(r"[^a-z0-9]+", "-", unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()).strip("-")
    lossy = any(ch.isalnum() and not unicodedata.normalize("NFKD", ch).encode("ascii", "ignore") for ch in name)
    if not base or lossy or len(base) > 60:
        digest = hashlib.sha1(name.encode()).hexdigest()[:8]
        return f"{base[:50].rstrip('-')}-{digest}" if base else f"doc-{digest}"
    return base


def _iso_date(value) -> str:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    m = re.search(r"(\d{4})\D{0,2}?(\d{1,2})\D{0,2}?(\d{1,2})", str(value or ""))
    if not m:
        return ""
    try:
        return dt.date(*map(int, m.groups())).isoformat()
    except ValueError:
        return ""


def _str(value) -> str:
    return "" if value is None else " ".join(str(value).split())


def _reason(e: BaseException) -> str:
    """A short, lowercase-first reason from an exception ('connection refused')."""
    msg = re.sub(r"^\[Errno -?\d+\]\s*", "", str(e).strip().split("\n")[0]) or type(e).__name__
    hx = sys.modules.get("httpx")  # not imported: `e` is no httpx error
    if hx is not None and isinstance(e, hx.ConnectError) and "all connection attempts failed" in msg.lower():
        msg = "connection refused"
    return msg[:1].lower() + msg[1:]
