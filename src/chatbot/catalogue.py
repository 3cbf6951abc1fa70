"""The entity catalogue: company and institution names learned from each document at
ingest, so that constraints, follow-ups and English questions work for companies no
hand-kept list knows.

Per document it finds:
- names with a ticker in brackets ("商汤(0020.HK)", "云知声智能科技股份有限公司（港股代码9678）");
- legal names ("…股份有限公司") and the short forms the text uses ("壁仞科技" -> "壁仞");
- Chinese/English pairs ("稀宇科技(MiniMax)", "国际数据公司(IDC)");
- words ending in a company or institution suffix (config/catalogue.toml), seen twice;
- the subject of the title when the front matter gives a ticker;
- pinyin romanisations of the Chinese names ("kuaishou" for 快手).

The catalogue is kept in the store folder (`catalogue.json`, keyed by document and
content hash) and reconciled with the store's manifest whenever it is read: a document
that left the index leaves the catalogue, one that is missing (an interrupted write)
is extracted again from its stored passages. `config/glossary.toml` is an override on
top (it adds names and corrects canonical forms)."""

from __future__ import annotations

import fcntl
import json
import logging
import re
from collections import Counter
from pathlib import Path

from chatbot.entity_extract import extract
from chatbot.jsonfile import atomic_write, one_record_a_line
from chatbot.names import CATALOGUE_FILE, EXTRACTOR_VERSION, Entry, romanise

__all__ = ["Catalogue", "Entry", "doc_text", "extract", "merged_glossary", "romanise"]  # extract and romanise: for tests


# --- the stored catalogue -----------------------------------------------------------


class Catalogue:
    """Entries per document, kept in `<store>/catalogue.json` and reconciled with the
    store's manifest (documents, content hashes) whenever it is read."""

    def __init__(self, store):
        self.store = store
        self._docs: dict[str, dict] = {}  # doc_id -> {"hash", "version", "entries": [Entry]}
        self._key = None

    @property
    def path(self) -> Path:
        return Path(self.store.path) / CATALOGUE_FILE

    def _read(self) -> dict[str, dict]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as e:  # a damaged cache is rebuilt from the store
            logging.getLogger(__name__).warning("%s unreadable (%s); extracting again", self.path, e)
            return {}
        return {d: {**v, "entries": [Entry(**x) for x in v["entries"]]} for d, v in raw.get("documents", {}).items()}

    def _write(self, docs: dict[str, dict]) -> None:
        # a cache (extracted again when damaged): not synced to disk
        records = {d: {"hash": v["hash"], "version": v["version"], "entries": [vars(e) for e in v["entries"]]}
                   for d, v in sorted(docs.items())}
        atomic_write(self.path, one_record_a_line({"version": EXTRACTOR_VERSION}, "documents", records), durable=False)

    def _locked(self):
        fd = open(Path(self.store.path) / ".catalogue.lock", "a+")
        fcntl.flock(fd, fcntl.LOCK_EX)
        return fd

    def update(self, record, chunks, entries: list[Entry] | None = None) -> list[Entry]:
        """Extract one document's entries (called by ingest right after the document is
        stored; `entries`: already extracted from these chunks, by ingest's text worker)."""
        return self.update_many([(record, chunks, entries)])[0]

    def update_many(self, items: list[tuple]) -> list[list[Entry]]:
        """`update` for many documents (record, chunks, entries or None), in one read and
        one write of the file (a bulk write of hundreds of documents: benchmarks/build_index.py)."""
        found = [e if e is not None else extract(r.title, list(r.tickers), doc_text(c)) for r, c, e in items]
        fd = self._locked()
        try:
            docs = self._read()
            for (record, _, _), entries in zip(items, found, strict=True):
                docs[record.doc_id] = {"hash": record.content_hash, "version": EXTRACTOR_VERSION, "entries": entries}
            docs = {d: v for d, v in docs.items() if d in self.store.docs}
            self._write(docs)
        finally:
            fd.close()
        self._key = None
        return found

    def sync(self) -> dict[str, dict]:
        """The catalogue for the store's current documents (re-read when the manifest changed)."""
        self.store.refresh()
        key = tuple(sorted((d, r.content_hash) for d, r in self.store.docs.items()))
        if key == self._key:
            return self._docs
        docs = self._read()
        stale = [d for d, r in self.store.docs.items()
                 if d not in docs or docs[d]["hash"] != r.content_hash or docs[d].get("version") != EXTRACTOR_VERSION]
        changed = bool(stale) or set(docs) - set(self.store.docs)
        for d in stale:  # each read from its own chunks: the cost follows the stale documents
            r = self.store.docs[d]
            docs[d] = {"hash": r.content_hash, "version": EXTRACTOR_VERSION,
                       "entries": extract(r.title, list(r.tickers), doc_text(self.store.doc_chunks(d)))}
        docs = {d: v for d, v in docs.items() if d in self.store.docs}
        if changed:
            fd = self._locked()
            try:
                self._write(docs)
            finally:
                fd.close()
        self._docs, self._key = docs, key
        return docs

    def entries_for(self, doc_id: str) -> list[Entry]:
        """What the catalogue found in one document (for the Articles tab)."""
        return list(self.sync().get(doc_id, {}).get("entries", []))

    def all_entries(self) -> dict[str, list[Entry]]:
        return {d: v["entries"] for d, v in self.sync().items()}


def doc_text(chunks) -> str:
    """A document's text from its passages: headings once, overlapping sentences once."""
    seen: set[str] = set()
    parts: list[str] = []
    for c in sorted(chunks, key=lambda c: c.position):
        for h in c.headings:
            if h not in seen:
                seen.add(h)
                parts.append(h)
        for line in c.text.splitlines():
            for piece in re.split(r"(?<=[。！？；])", line):
                if piece.strip() and piece not in seen:
                    seen.add(piece)
                    parts.append(piece)
    return "\n".join(parts)


# --- the glossary the engine uses -------------------------------------------------------


def merged_glossary(base, entries_by_doc: dict[str, list[Entry]], translate=None, in_documents=None, written=None):
    """`base` (config/glossary.toml, or its emptied form) with every catalogued company
    and institution added: entries of several documents that share a ticker or a form
    are one company; a glossary entry that shares one gives the canonical name
    (`translate`, `in_documents`, `written`: the Glossary's callables over the indexed text)."""
    groups: list[dict] = []  # {"forms": set, "tickers": set, "kind", "names": Counter, "docs": set}
    index: dict[str, dict] = {}

    def home_for(keys: set[str]) -> dict | None:
        homes = {id(index[k]): index[k] for k in keys if k in index}
        if not homes:
            return None
        first, *rest = homes.values()
        for h in rest:  # two groups turned out to be one company
            first["forms"] |= h["forms"]
            first["tickers"] |= h["tickers"]
            first["names"].update(h["names"])
            first["own"].update(h["own"])
            first["docs"] |= h["docs"]
            first["kind"] = "company" if "company" in (first["kind"], h["kind"]) else first["kind"]
            first["canon"] = first["canon"] or h["canon"]
            groups.remove(h)
        for k in first["forms"] | first["tickers"]:
            index[k] = first
        return first

    def add(forms: set[str], tickers: set[str], kind: str, name: str, doc: str | None, canon: str | None):
        keys = {f.lower() for f in forms if len(f) >= 2} | {t.lower() for t in tickers}
        g = home_for(keys)
        if g is None:
            g = {"forms": set(), "tickers": set(), "kind": kind, "names": Counter(), "own": Counter(), "docs": set(),
                 "canon": None}
            groups.append(g)
        g["forms"] |= {f.lower() for f in forms if len(f) >= 2}
        g["tickers"] |= {t.upper() for t in tickers}
        g["kind"] = "company" if "company" in (g["kind"], kind) else g["kind"]
        g["names"][name] += 1
        g["canon"] = g["canon"] or canon
        if doc:
            g["docs"].add(doc)
            g["own"][name] += 1
        for k in g["forms"] | {t.lower() for t in g["tickers"]}:
            index[k] = g

    by_canon: dict[str, set[str]] = {}
    for alias, canon in base.aliases.items():
        by_canon.setdefault(canon, set()).add(alias)
    for canon, known in by_canon.items():
        tick = {base.tickers[canon]} if canon in base.tickers else set()
        tick |= {a.upper() for a in known if re.fullmatch(r"\d{4,5}\.hk", a)}
        forms = {canon, *(a for a in known if not a.isdigit() and not re.fullmatch(r"\d{4,5}\.hk", a))}
        add(forms, tick, "company" if canon in base.companies else "org", canon, None, canon)
    terms = known_terms(base)
    for doc, entries in entries_by_doc.items():
        for e in entries:
            if not e.tickers and e.name.lower() in terms:
                continue  # a term the glossary translates ("大模型" of "大模型技术" twice in a long text): not a name
            add({e.name, *e.aliases, *e.pinyin}, set(e.tickers), e.kind, e.name, doc if e.primary else None, None)

    glossary = _glossary_of_groups(groups, base, by_canon, translate)
    glossary.in_documents = in_documents
    if written:
        glossary.written = written
    for doc, entries in entries_by_doc.items():  # a document's own words for a company ("目标公司"), in it only
        for e in entries:
            if e.roles and (canon := next(iter(glossary.entities(e.name)), None)):
                glossary.doc_roles.setdefault(doc, {}).update({r: canon for r in e.roles})
    return glossary


def ticker_forms(ticker: str) -> list[str]:
    """A ticker as a text may write it, lower-cased: a Hong Kong code of four digits also with the leading zero of
    its five-digit form ("6983.HK" is written "06983.HK" as often as not)."""
    low = ticker.lower()
    return [low, f"0{low}"] if re.fullmatch(r"\d{4}\.hk", low) else [low]


def known_terms(base) -> set[str]:
    """The Chinese forms of the terms and metrics the glossary knows (config/glossary.toml,
    the finance term list), lower-cased: words of the trade, never a company's name."""
    from chatbot.bilingual import finance_terms

    forms = [*(z for v in {**finance_terms(), **base.terms}.values() for z in v),
             *base.metrics, *(f for v in base.metrics.values() for f in v)]
    return {f.lower() for f in forms if not f.isascii()}


def _glossary_of_groups(groups: list[dict], base, by_canon: dict[str, set[str]], translate):
    """The merged companies as a Glossary: one canonical name per group (the
    glossary's, else the name used most, its own article's first), its forms and tickers as aliases."""
    from chatbot.glossary import Glossary

    aliases: dict[str, str] = {}
    tickers: dict[str, str] = {}
    companies: set[str] = set()
    subjects: dict[str, set[str]] = {}
    for g in groups:
        # (of names used as often, the one the company's own article uses: "消费股中橄湾控股（Olivarra）" of another
        # article walks a name back into the words before it, "股中橄湾控股", where its own writes "橄湾控股")
        canon = g["canon"] or max(g["names"], key=lambda n: (g["names"][n], g["own"][n]))
        for f in g["forms"]:
            aliases.setdefault(f, canon)
        for t in sorted(g["tickers"]):
            for form in ticker_forms(t):
                aliases.setdefault(form, canon)
            tickers.setdefault(canon, t)
        if canon in base.tickers:
            tickers[canon] = base.tickers[canon]
        if g["kind"] == "company" and (canon in base.companies or canon not in by_canon):
            companies.add(canon)
        for d in g["docs"]:
            subjects.setdefault(d, set()).add(canon)
    from chatbot.bilingual import finance_terms

    glossary = Glossary(aliases=aliases, tickers=tickers, terms={**finance_terms(), **base.terms}, metrics=base.metrics,
                        synonyms=base.synonyms, companies=companies, doc_subjects=subjects)
    if translate:
        glossary.translate = translate
    return glossary
