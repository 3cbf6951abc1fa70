"""Synthetic corpora made from the real corpus text, written as Markdown documents whose
paragraphs each become exactly one chunk (a paragraph shorter than chunking.target_chars
is never split, and two such paragraphs never share a chunk).

A growing news index holds look-alikes: sentences of the same form about OTHER companies
and periods, not verbatim copies of the corpus. So each synthetic document is news about
invented companies (`synth-companies.toml`, none of them in the corpus or the question
sets), dated like news (a day of 2023-2025): its passages are sentences of the bundled
corpus recombined (~300 characters each) with, per sentence, every corpus company's name
or ticker replaced by the document's invented one (the first company a document names
becomes its subject, named in its title and front-matter ticker), every year shifted by
the document's offset (1-3 years back) and every other figure scaled by one factor
(0.55-0.9 or 1.1-1.6, the same for the whole sentence: a range stays a range). Sentences
with no company, year or figure (commentary) stay as they are, as wire copy repeats
itself. Deterministic for a seed.

A synthetic passage must state nothing about the corpus's companies that the bundled
corpus does not: the question sets' refusals are questions that corpus cannot answer.
So the pool holds whole sentences as the reader reads them (clauses joined by ；/; stay
together: they share a subject), each ending with its end mark (one is added to a list
item or a reference that has none), or, a paragraph line cut off in the source, left open
and put last in its passage (an added end mark made a whole sentence of it, scored above
the cut-off original: q17's "…允许符合18A、18C章的企业"), so that a passage splits back into exactly
its sentences and no sentence gets its subject from one line and its figure from
another ("1月2日:壁仞科技挂牌;" + "IPO本身规模很小:发行价205港元" read as 壁仞's offer
price). Sentences of ../shared/corpus-extra are left out by default: they hold facts
about the corpus's companies that the corpus lacks (智谱's opening price), which the
refusals ask for. The corpus's companies are the glossary's companies
(config/glossary.toml [entities]) and those the catalogue extracts from the corpus."""

from __future__ import annotations

import random
import re
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.common import CORPUS, EXTRA, ROOT

NAMES_FILE = Path(__file__).with_name("synth-companies.toml")
GLOSSARY = ROOT / "config" / "glossary.toml"
_TICKER = re.compile(r"\d{4}(\.HK)?")
# "公司" as a sentence's subject (its article's company): at the start, after punctuation or a date
_SUBJECT = re.compile(r"(^|[,，:：;；、(（]|[年月日末该本其])公司")

_END = ("。", "！", "？", "!", "?", "…")
# how the reader's evidence scoring tells a whole sentence from one cut off (chatbot/evidence.py)
_CLOSED = re.compile(r"[。！？!?.”」)）]$")


def sentence_pool(include_extra: bool = False) -> list[str]:
    from chatbot.config import load_settings
    from chatbot.text import split_sentences
    from ingest.loaders import discover, load

    settings = load_settings()
    roots = [CORPUS] + ([EXTRA] if include_extra and EXTRA.is_dir() else [])
    pool: list[str] = []
    for root in roots:
        for f in discover(root):
            try:
                doc = load(f, settings)
            except Exception as e:  # a file the loader rejects adds no sentences; say so
                print(f"synth: skipped {f}: {type(e).__name__}: {e}", file=sys.stderr)
                continue
            for line in doc.text.splitlines():
                line = line.strip()
                if not line or line.startswith(("#", "|")):
                    continue
                text = re.sub(r"^([-*+]|\d+[.)、]|\[\d+\])\s*", "", line)
                for s in split_sentences(text, semicolons=False):
                    ended = s
                    # a list item, a reference, a line ending with a bracket: a whole statement, given the end
                    # mark the reader splits at; a paragraph line cut off in the source stays open (is_open)
                    if not s.endswith(_END) and (text != line or _CLOSED.search(s)):
                        ended = s.rstrip("；;，,、：: ") + "。"
                        if split_sentences(ended, semicolons=False) != [ended]:
                            ended = s  # it ends already ('“……为什么是现在?”')
                    if 12 <= len(ended) <= 300:
                        pool.append(ended)
    return list(dict.fromkeys(pool))


def is_open(sentence: str) -> bool:
    """A pool sentence cut off in the source (a paragraph line with no end mark: "2025年5月,
    港交所推出…,允许符合18A、18C章的企业"): its copies stay cut off, so each is a passage's
    last sentence (anywhere else the next sentence would run on into it)."""
    return not sentence.endswith(_END) and not _CLOSED.search(sentence)


def invented_companies() -> dict[str, str]:
    """Name -> ticker, as kept in synth-companies.toml."""
    return tomllib.loads(NAMES_FILE.read_text(encoding="utf-8"))["companies"]


def corpus_companies() -> dict[str, str]:
    """Every form (name, alias, ticker) of the corpus's companies -> its company: the
    glossary's companies, and the companies the catalogue extracts from the corpus
    (joined to a glossary company by a shared form)."""
    from chatbot.catalogue import extract
    from chatbot.config import load_settings
    from ingest.loaders import discover, load

    forms: dict[str, str] = {}
    for canon, aliases in tomllib.loads(GLOSSARY.read_text(encoding="utf-8"))["entities"].items():
        for f in [canon, *aliases]:
            forms[f] = canon
    settings = load_settings()
    for f in discover(CORPUS):
        doc = load(f, settings)
        for e in extract(doc.title, list(doc.tickers), doc.text):
            if e.kind != "company":
                continue
            known = next((forms[x] for x in e.forms() if x in forms), e.name)
            for x in [e.name, *e.aliases, *e.tickers]:
                forms.setdefault(x, known)
    return forms


@dataclass
class SynthDoc:
    doc_id: str
    title: str
    date: str
    ticker: str
    passages: list[str] = field(default_factory=list)
    sources: list[list[int]] = field(default_factory=list)  # per passage: the pool sentences it varies


class _Variation:
    """One document's variation of corpus sentences: its companies, year offset, figures."""

    def __init__(self, rng: random.Random, forms: dict[str, str], invented: dict[str, str], shift: int):
        self.rng = rng
        self.forms = forms
        self.names = list(invented)
        rng.shuffle(self.names)
        self.tickers = invented
        self.shift = shift
        self.mapping: dict[str, str] = {}  # corpus company -> invented one
        alts = []
        for f in sorted(forms, key=len, reverse=True):
            e = re.escape(f)
            alts.append(rf"(?<![\d.]){e}(?![\d])" if _TICKER.fullmatch(f) else e)
        self.pattern = re.compile(rf"(?P<co>{'|'.join(alts)})|(?<![\d.])(?P<num>\d+(?:\.\d+)?)(?![\d])")

    @property
    def subject(self) -> str:
        return self.mapping[next(iter(self.mapping))] if self.mapping else self.names[0]

    def company(self, form: str) -> str:
        canon = self.forms[form]
        if canon not in self.mapping:
            self.mapping[canon] = self.names[len(self.mapping) % len(self.names)]
        name = self.mapping[canon]
        if _TICKER.fullmatch(form):
            t = self.tickers[name]
            return t if form.endswith(".HK") else t.split(".")[0]
        return name

    def sentence(self, s: str) -> str:
        """The sentence about this document's companies and periods: varied if it names a
        corpus company or has "公司" (its article's company) as its subject; any other
        (the market, the exchange's rules, commentary) stays as it is, as wire copy."""
        if not _SUBJECT.search(s) and not any(m.group("co") for m in self.pattern.finditer(s)):
            return s
        factor = self.rng.choice([self.rng.uniform(0.55, 0.9), self.rng.uniform(1.1, 1.6)])

        def one(m: re.Match) -> str:
            if m.group("co"):
                return self.company(m.group("co"))
            v = m.group("num")
            before, after = s[max(0, m.start() - 1) : m.start()], s[m.end() : m.end() + 1]
            if "." not in v and len(v) == 4 and 2000 <= int(v) <= 2039:
                return str(int(v) + self.shift)  # a year
            if after in set("月日号线章季期") or re.fullmatch(r"[A-Za-z]", after) or before in ("第", "["):
                return v  # a date, an ordinal, a name ("18C", "20号线"), a reference
            decimals = len(v.split(".")[1]) if "." in v else 0
            new = f"{float(v) * factor:.{decimals}f}"
            return new if new != v else f"{float(v) + 10 ** -decimals:.{decimals}f}"

        return self.pattern.sub(one, s)


def documents(n_passages: int, per_doc: int, prefix: str, seed: int = 7,
              lo: int = 240, hi: int = 310) -> list[SynthDoc]:
    """ceil(n/per_doc) documents holding n_passages distinct passages of lo..hi characters."""
    pool = sentence_pool()
    forms = corpus_companies()
    invented = invented_companies()
    docs: list[SynthDoc] = []
    seen: set[str] = set()
    for d, start in enumerate(range(0, n_passages, per_doc)):
        rng = random.Random(f"{seed}:{d}")
        shift = -rng.randint(1, 3)
        var = _Variation(rng, forms, invented, shift)
        date = f"{rng.randint(2024, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        doc = SynthDoc(f"{prefix}-{d:03d}", "", date, "")
        while len(doc.passages) < min(per_doc, n_passages - start):
            parts: list[str] = []
            idx: list[int] = []
            size = 0
            for _ in range(40):
                i = rng.randrange(len(pool))
                if i in idx:
                    continue
                s = var.sentence(pool[i])
                if is_open(pool[i]):  # cut off in the source: only a passage's last sentence, left open
                    if lo <= size + len(s) <= hi:
                        parts.append(s)
                        idx.append(i)
                        size += len(s)
                        break
                    continue
                if size + len(s) <= hi:
                    parts.append(s)
                    idx.append(i)
                    size += len(s)
                if size >= lo:
                    break
            text = "".join(parts)
            if size >= lo and text not in seen:
                seen.add(text)
                doc.passages.append(text)
                doc.sources.append(idx)
        doc.ticker = invented[var.subject]
        doc.title = f"{var.subject}({doc.ticker}){2026 + shift}年经营与融资动态 {d:03d}"
        docs.append(doc)
    return docs


def write_corpus(folder: Path, n_passages: int, per_doc: int, prefix: str, seed: int = 7) -> list[SynthDoc]:
    """Write the documents of `documents(...)` as Markdown files `<prefix>-NNN.md`."""
    folder.mkdir(parents=True, exist_ok=True)
    docs = documents(n_passages, per_doc, prefix, seed=seed)
    for d, doc in enumerate(docs):
        body = "\n\n".join(doc.passages)
        (folder / f"{doc.doc_id}.md").write_text(
            f"---\nid: {doc.doc_id}\ntitle: {doc.title}\npublisher: benchmark\n"
            f"date: {doc.date}\nlanguage: zh\ntickers: {doc.ticker}\n---\n\n# 合成段落 {d:03d}\n\n{body}\n",
            encoding="utf-8",
        )
    return docs


def count_chunks(files: list[Path]) -> int:
    from chatbot.config import load_settings
    from ingest.chunking import chunk_document
    from ingest.loaders import load

    settings = load_settings()
    return sum(len(chunk_document(load(f, settings), settings.chunking)) for f in files)
