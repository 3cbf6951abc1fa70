"""Companies and bilingual terms from `config/glossary.toml`: which companies a text
names, their tickers, and the Chinese terms an English question stands for."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from chatbot.config import PROJECT_ROOT
from chatbot.tomlfile import read_toml

GLOSSARY_TOML = PROJECT_ROOT / "config" / "glossary.toml"
# a ticker's number after a ticker word ("港股代码2597", "股份代号：2657", "stock code 2597")
_TICKER_NUMBER = re.compile(r"(代码|代号|stock code|ticker)\s*(?:为|是)?\s*[:：]?\s*(\d{4,5})(?![\d.])", re.IGNORECASE)
# a ticker the question gives beside its ticker word ("ticker 1867.HK", "股票代码9936的公司", "代码为09936"): the company
# it names, not a stock code asked
_GIVEN_TICKER = re.compile(r"(?:(?:代码|代号|stock code|ticker(?: symbol)?)\s*(?:为|是|is)?\s*[:：]?\s*)?(?<!\d)\d{4,5}\.hk(?![a-z0-9])"
                           r"|(?:代码|代号|stock code|ticker(?: symbol)?)\s*(?:为|是|is)?\s*[:：]?\s*\d{4,5}(?![\d.])", re.IGNORECASE)
_ENTITIES_CACHED = 50_000  # texts whose companies are kept (a sentence each, ~100 bytes)


@dataclass
class Glossary:
    aliases: dict[str, str] = field(default_factory=dict)  # alias (lower) -> canonical
    tickers: dict[str, str] = field(default_factory=dict)  # canonical -> ticker
    terms: dict[str, list[str]] = field(default_factory=dict)  # english (lower) -> chinese
    metrics: dict[str, list[str]] = field(default_factory=dict)  # metric -> its forms (lower)
    synonyms: dict[str, list[str]] = field(default_factory=dict)  # word -> ways it is written
    companies: set[str] = field(default_factory=set)  # canonical names from [entities]
    doc_subjects: dict[str, set[str]] = field(default_factory=dict)  # doc id -> the companies it is about
    # doc id -> the generic words it defines as a company's name in its own text ("目标公司" -> 缃礼展览)
    doc_roles: dict[str, dict[str, str]] = field(default_factory=dict)
    # English word -> Chinese words the indexed documents use (CC-CEDICT); none by default
    translate: Callable[[str], list[str]] = field(default=lambda w: [], repr=False, compare=False)
    # (document ids, Chinese word) -> does one of those documents write it (chatbot/subjects.py CorpusText);
    # None: the documents' words are not known (a trade word is then read from the names alone)
    in_documents: Callable[[set[str], str], bool] | None = field(default=None, repr=False, compare=False)
    # Chinese text -> does any indexed document write it, inside a longer word too ("价" in 收购价); none by default
    written: Callable[[str], bool] = field(default=lambda s: False, repr=False, compare=False)
    names: list[str] = field(default_factory=list)  # [entities] and [others] as written, canonical first

    @cached_property
    def _alias_finders(self) -> list[tuple[Callable[[str], int], str]]:
        """(find position in lower-cased text or -1, canonical) per alias; ASCII aliases
        must stand as whole words. Built once: entities() runs for every sentence shown."""
        return [(_finder(alias, whole_word=alias.isascii()), canon) for alias, canon in self.aliases.items()]

    @cached_property
    def _term_patterns(self) -> list[tuple[str, re.Pattern]]:
        return [(t, re.compile(term_pattern(t))) for t in sorted(self.terms, key=len, reverse=True)]

    @cached_property
    def _metric_finders(self) -> list[tuple[str, list[Callable[[str], int]]]]:
        return [(m, [_finder(f, whole_word=f.isascii() and f[:1].isalnum(), plural=True) for f in forms])
                for m, forms in self.metrics.items()]

    def aliases_of(self, canon: str, codes: bool = True) -> list[str]:
        """The aliases (lower case) of a canonical name, in the glossary's order; without `codes`, not the all-digit
        ones (a listing code "9678" is no way of writing the name in a sentence)."""
        return [a for a, c in self.aliases.items() if c == canon and (codes or not a.isdigit())]

    def entities(self, text: str) -> list[str]:
        """Canonical companies named in the text, in order of first mention."""
        cache = self._entities_read
        if text not in cache:
            if len(cache) >= _ENTITIES_CACHED:
                cache.clear()
            low = text.lower()
            hits = sorted((pos, canon) for find, canon in self._alias_finders if (pos := find(low)) >= 0)
            if any(c in self._inside_others for _, c in hits):
                hits = [(pos, c) for pos, c in hits if not self._only_inside_others(c, low)]
            cache[text] = tuple(dict.fromkeys(canon for _, canon in hits))
        return list(cache[text])

    @cached_property
    def _inside_others(self) -> dict[str, list[tuple[str, list[str]]]]:
        """Canonical -> (its alias, the longer aliases of other companies that hold it) where any does: "车护" inside
        "漆然车护", "tongcheng" inside "tongcheng travel" (as a whole word). Built once a glossary."""
        found: dict[tuple[str, str], set[str]] = {}
        for b, d in self.aliases.items():  # each alias's shorter pieces that are another company's alias
            if b.isdigit():
                continue
            if b.isascii():  # whole words ("tongcheng" of "tongcheng travel")
                words = b.split()
                pieces = {" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)} - {b}
            else:
                pieces = {b[i:j] for i in range(len(b)) for j in range(i + 2, len(b) + 1)} - {b}
            for a in pieces:
                c = self.aliases.get(a)
                if c is not None and c != d:
                    found.setdefault((a, c), set()).add(b)
        out: dict[str, list[tuple[str, list[str]]]] = {}
        for (a, c), longer in sorted(found.items()):
            out.setdefault(c, []).append((a, sorted(longer, key=len, reverse=True)))
        return out

    def _only_inside_others(self, canon: str, low: str) -> bool:
        """Is every mention of `canon` in the text inside another company's longer name ("漆然车护" names 漆然车护,
        not a company "车护" the catalogue also holds)?"""
        inside = dict(self._inside_others.get(canon, []))
        for a, c in self.aliases.items():
            if c != canon or a not in low:
                continue
            find = _finder(a, whole_word=a.isascii())
            if a not in inside:
                if find(low) >= 0:
                    return False
                continue
            rest = low
            for b in inside[a]:
                rest = rest.replace(b, "\uffff")
            if find(rest) >= 0:
                return False
        return True

    @cached_property
    def _entities_read(self) -> dict[str, tuple[str, ...]]:
        """The companies of each text read: entities() is asked of every sentence of every passage
        scored, the same sentences question after question (this glossary's aliases fixed)."""
        return {}

    @cached_property
    def company_heads(self) -> dict[str, str]:
        """The heads of the companies' names a question may write alone ("恪安保安" of 恪安保安服务) -> the rest of
        the name ("" for a head of several companies' names): chatbot/short_names.py, read once a glossary."""
        from chatbot.short_names import heads_of

        return heads_of(sorted((a, c) for a, c in self.aliases.items() if c in self.companies))

    @cached_property
    def terms_with_metric(self) -> dict[str, list[str]]:
        """English terms of several words that hold a metric's English form ("average
        revenue per teu" holds "revenue"), longest first -> the forms of each metric
        inside: read as terms before the metric's own form is taken out of a question."""
        out: dict[str, list[str]] = {}
        for term in sorted(self.terms, key=len, reverse=True):
            if not term.isascii() or not re.search(r"[ \-]", term):  # (of several words: "after-sales" too)
                continue
            for forms in self.metrics.values():
                if any(f.isascii() and f != term and re.search(rf"(?<![a-z]){re.escape(f)}(?![a-z])", term) for f in forms):
                    out.setdefault(term, []).extend(forms)
        return out

    @cached_property
    def _shadowing_terms(self) -> list[re.Pattern]:
        """Terms that hold a metric's form but name another figure ("gross margin per
        cubic metre" -> 毛差, not 毛利率): no Chinese word of the term is a form of that
        metric. Inside such a term the metric is not asked."""
        return [re.compile(rf"(?<![a-z]){re.escape(term)}(?![a-z])") for term, forms in self.terms_with_metric.items()
                if not any(f in z for z in self.terms[term] for f in forms if not f.isascii())]

    def name_tickers(self, question: str) -> str:
        """A question that writes a ticker's number beside a ticker word ("港股代码2597对应的是哪家公司？")
        with the company the catalogue holds under that ticker after it ("港股代码2597（茶屿）…")."""
        def named(m: re.Match) -> str:
            canon = self.aliases.get(f"{m.group(2)}.hk") or self.aliases.get(f"{m.group(2).lstrip('0')}.hk")
            return f"{m.group(0)}（{canon}）" if canon and canon not in question else m.group(0)
        return _TICKER_NUMBER.sub(named, question)

    @staticmethod
    def without_given_tickers(question: str) -> str:
        """The question less the tickers it gives ("For the company with ticker 1867.HK, what was…", "…at 6135.HK?",
        "代码为09936的公司…" ask a figure of that company, not its stock code)."""
        return _GIVEN_TICKER.sub(" ", question)

    def metrics_in(self, text: str) -> list[str]:
        """Metrics the text names (any of their forms), less those inside a longer term
        that names another figure."""
        low = text.lower()
        for rx in self._shadowing_terms:
            low = rx.sub(" ", low)
        if re.search(r"[a-z]{2,}\s+[a-z]{2,}", low):
            from chatbot.en_phrases import phrase_pattern

            for phrase, _ in self.shadowing_phrases(low):
                low = phrase_pattern(phrase).sub(" ", low)
        found = [m for m, finders in self._metric_finders if any(find(low) >= 0 for find in finders)]
        return [m for m in found if not self._inside_longer_metric(m, found, low)]

    def shadowing_phrases(self, low: str) -> list[tuple[str, list[str]]]:
        """English phrases of a lower-cased text that the dictionary gives as one Chinese word none of whose words
        is a form of the metric whose English form the phrase holds ("sales volume" -> 销量: a volume, not the
        sales metric 收入; "net profit" -> 净利润 is the metric's own form and shadows nothing)."""
        from chatbot.en_phrases import dictionary_phrases

        out = []
        for phrase, forms in dictionary_phrases(low, self.translate):
            inside = [m for m, finders in self._metric_finders if any(find(phrase) >= 0 for find in finders)]
            if inside and not any(z.lower() in self.metrics[m] for m in inside for z in forms):
                out.append((phrase, forms))
        return out

    def outside_longer_metric(self, low: str, form: str) -> bool:
        """Does the lower-cased text hold `form` somewhere other than inside a longer form of a metric that
        does not count it ("盈利" of "每股基本盈利" is earnings per share, not profit)?"""
        longer = self._longer_metric_forms(form)
        spans = [(m.start(), m.end()) for m in re.finditer(re.escape(form), low)]
        if not longer:
            return bool(spans)
        cover = [(m.start(), m.end()) for f in longer for m in re.finditer(re.escape(f), low)]
        return any(not any(a <= s and e <= b for a, b in cover) for s, e in spans)

    @cached_property
    def _longer_forms(self) -> dict[str, tuple[str, ...]]:
        return {}  # form -> the longer forms of other metrics that hold it (filled as asked)

    def _longer_metric_forms(self, form: str) -> tuple[str, ...]:
        if form not in self._longer_forms:
            self._longer_forms[form] = tuple(f for forms in self.metrics.values() if form not in forms
                                             for f in forms if not f.isascii() and form in f and len(f) > len(form))
        return self._longer_forms[form]

    def paraphrased_metrics(self, text: str) -> list[str]:
        """Metrics a question asks in words of its own: a [synonyms] word whose forms include a metric
        ("赚了多少" -> 净利润: how much a company earned is its profit). Only for a text that names no
        metric itself ("赚钱还是亏钱？亏了多少？" asks the loss it names)."""
        if self.metrics_in(text):
            return []
        low = text.lower()
        return list(dict.fromkeys(m for word, forms in self.synonyms.items() if word in low
                                  for m in forms if m in self.metrics))

    def _inside_longer_metric(self, metric: str, found: list[str], low: str) -> bool:
        """Is every Chinese form of `metric` the text holds only a part of another metric's longer
        form there ("收益" of "每股收益", which is earnings per share, not revenue)? (English forms are
        matched as whole words: never a part.)"""
        longer = [(m.start(), m.end()) for other in found if other != metric
                  for f in self.metrics[other] if not f.isascii() for m in re.finditer(re.escape(f), low)]
        spans = [(m.start(), m.end()) for f in self.metrics[metric] if f for m in re.finditer(re.escape(f.lower()), low)]
        if not longer or not spans or any(f.isascii() and f in low for f in self.metrics[metric] if f):
            return False
        return all(any(a <= s and e <= b and (b - a) > (e - s) for a, b in longer) for s, e in spans)

    def english_metric_forms(self, text: str) -> str:
        """The text with the English forms of the metrics it names appended ("毛利率" -> "gross margin gross profit
        margin"): what a Chinese question must say to match an English article's words."""
        low = text.lower()
        extra = [f for m in self.metrics_in(text) for f in self.metrics.get(m, []) if f.isascii() and f not in low]
        return text if not extra else f"{text} {' '.join(dict.fromkeys(extra))}"

    def expand(self, text: str) -> str:
        """Chinese equivalents of the English terms and company names in the text,
        appended, so keyword search and sentence scoring can match Chinese passages."""
        low = original = text.lower()
        extra = [canon for canon in self.entities(text) if canon.lower() not in low]
        # a Chinese word's other ways of writing ("日活": 日均活跃用户), which a passage may use instead
        extra += [f for w, forms in self.synonyms.items() if not w.isascii() and w in original
                  for f in forms if f.lower() not in original]
        for term, pattern in self._term_patterns:
            if term in low and pattern.search(low):
                # only what the text does not already say: "2025年" after "2025年" would
                # only lengthen the query (each token costs ~1 ms to embed) and double its weight
                extra += [t for t in self.terms[term] if t.lower() not in original]
                low = pattern.sub(" ", low)
        from chatbot.lexicon import question_stop_words_en, stop_words

        stop = stop_words() | question_stop_words_en()  # ("given in the documents": where, not what)
        for w in re.findall(r"[a-z][a-z\-]{2,}", low):  # English words no term list knows
            if w not in stop:
                extra += [t for t in self.translate(w) if t not in original]
        return text if not extra else f"{text} {' '.join(dict.fromkeys(extra))}"


# the sections that name companies or translate terms: emptied to measure what the
# engine finds in the documents on its own (`chatbot eval --no-glossary`)
HAND_KEPT_SECTIONS = ("entities", "others", "tickers", "terms")


@lru_cache(maxsize=8)
def load_glossary(path: Path = GLOSSARY_TOML, hand_kept: bool = True, without: frozenset[str] = frozenset()) -> Glossary:
    """The glossary; with `hand_kept=False` its company and term sections are left out,
    and `without` drops the named companies (with their aliases) from every section."""
    if not path.exists():
        return Glossary()
    data = read_toml(path)
    if not hand_kept:
        data = {k: v for k, v in data.items() if k not in HAND_KEPT_SECTIONS}
    for section in ("entities", "others", "tickers"):
        data[section] = {k: v for k, v in data.get(section, {}).items() if k not in without}
    aliases: dict[str, str] = {}
    names: list[str] = []
    for section in ("entities", "others"):
        for canon, forms in data.get(section, {}).items():
            aliases[canon.lower()] = canon
            names.append(canon)
            for n in forms:
                aliases[n.lower()] = canon
                names.append(n)
    return Glossary(
        aliases=aliases,
        tickers=dict(data.get("tickers", {})),
        terms={k.lower(): list(v) for k, v in data.get("terms", {}).items()},
        metrics={k: [f.lower() for f in v] for k, v in data.get("metrics", {}).items()},
        synonyms={**{f.lower(): [g.lower() for g in group] for group in data.get("synonym_groups", {}).values()
                     for f in group},
                  **{k.lower(): [f.lower() for f in v] for k, v in data.get("synonyms", {}).items()}},
        companies=set(data.get("entities", {})),
        names=list(dict.fromkeys(names)),
    )


def term_pattern(term: str) -> str:
    """The regular expression of an English term as a whole word, its plural ending
    counting as the term ("gross margins" is the term "gross margin")."""
    plural = "(?:e?s)?" if term.isascii() and term[-1:].isalpha() else ""
    return rf"(?<![a-z]){re.escape(term)}{plural}(?![a-z])"


def _finder(form: str, whole_word: bool, plural: bool = False) -> Callable[[str], int]:
    """A function giving the first position of `form` in a lower-cased text, or -1;
    with `whole_word` it must not touch a letter or digit ("ai" is not in "paid"), and with
    `plural` an English word's plural ending counts as the word ("gross margins")."""
    if whole_word:
        ending = r"(?:e?s)?" if plural and form[-1:].isalpha() else ""
        pattern = re.compile(rf"(?<![0-9a-z]){re.escape(form)}{ending}(?![0-9a-z])")

        def find(low: str) -> int:
            if form not in low:  # the pattern holds the form as written: a plain scan rules most texts out
                return -1
            m = pattern.search(low)
            return m.start() if m else -1

        return find
    return lambda low: low.find(form)
