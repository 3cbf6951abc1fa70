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
import os
import re
import tomllib
import unicodedata
from collections import Counter
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

from chatbot.config import PROJECT_ROOT

CATALOGUE_TOML = PROJECT_ROOT / "config" / "catalogue.toml"
CATALOGUE_FILE = "catalogue.json"
EXTRACTOR_VERSION = "4"  # bump when the rules change: every document is extracted again

_CJK = r"\u4e00-\u9fff"
_PUNCT = re.compile(r"[，。、；：,.;:!?！？“”\"'《》〈〉【】\[\]\s#*|/（）()—\-~～·]")
_EN_NAME = r"[A-Z][A-Za-z0-9&.\-]*(?: [A-Z][A-Za-z0-9&.\-]*){0,4}"
GENERIC_FREQ = 2000  # a word jieba's dictionary counts this often is a common word, not a name
_STOP_POS = {"u", "uj", "ul", "uz", "ud", "ug", "uv", "c", "p", "r", "d", "m", "t", "w", "y", "e", "o", "zg"}


@dataclass
class Entry:
    name: str
    kind: str = "org"  # "company" or "org" (an institution, a platform, a programme)
    aliases: list[str] = field(default_factory=list)  # short forms, English names
    tickers: list[str] = field(default_factory=list)
    pinyin: list[str] = field(default_factory=list)
    mentions: int = 0
    primary: bool = False  # the document is about it (front-matter ticker or title)

    def forms(self) -> list[str]:
        return list(dict.fromkeys([self.name, *self.aliases, *self.tickers, *self.pinyin]))


@dataclass(frozen=True)
class Rules:
    company_suffixes: tuple[str, ...]
    org_suffixes: tuple[str, ...]
    legal_tails: tuple[str, ...]
    descriptors: frozenset[str]
    name_pos: frozenset[str]
    max_name_chars: int
    min_mentions: int
    ticker_res: tuple[re.Pattern, ...]
    code_words: tuple[str, ...]
    not_names_en: frozenset[str]
    lead_words_zh: tuple[str, ...]
    en_legal_tails: frozenset[str]
    trade_words: tuple[str, ...] = ()
    en_trade_words: frozenset[str] = frozenset()


@lru_cache(maxsize=2)
def load_rules(path: Path = CATALOGUE_TOML) -> Rules:
    d = tomllib.loads(path.read_text(encoding="utf-8"))
    n, t, q = d["names"], d["tickers"], d["question"]
    return Rules(
        company_suffixes=tuple(sorted(n["company_suffixes"], key=len, reverse=True)),
        org_suffixes=tuple(sorted(n["org_suffixes"], key=len, reverse=True)),
        legal_tails=tuple(sorted(n["legal_tails"], key=len, reverse=True)),
        descriptors=frozenset(n["descriptors"]),
        name_pos=frozenset(n["name_pos"]),
        max_name_chars=int(n["max_name_chars"]),
        min_mentions=int(n["min_mentions"]),
        ticker_res=tuple(re.compile(p) for p in t["patterns"]),
        code_words=tuple(sorted(t["code_words"], key=len, reverse=True)),
        not_names_en=frozenset(q["not_names_en"]),
        lead_words_zh=tuple(sorted(q["lead_words_zh"], key=len, reverse=True)),
        en_legal_tails=frozenset(n["en_legal_tails"]),
        trade_words=tuple(sorted(n.get("trade_words", []), key=len, reverse=True)),
        en_trade_words=frozenset(n.get("en_trade_words", [])),
    )


# --- extraction -------------------------------------------------------------------


def _posseg(text: str):
    from chatbot.text import _jieba

    _jieba()  # the same dictionary and user words as the keyword index
    import jieba.posseg as pseg

    return [(w.word, w.flag) for w in pseg.lcut(text)]


def name_before(text: str, rules: Rules, lenient: bool = False) -> str:
    """The name that ends where `text` ends: words walked back from the end while they
    can be part of a name ("GPU企业天数智芯" -> "天数智芯", "年底创立的MiniMax" ->
    "MiniMax"). `lenient`: a ticker or a legal form follows, so the words before it are a
    name even where jieba tags them as verbs or places ("海底捞国际控股", "腾讯音乐娱乐集团");
    only a common verb at the front ("公布", "宣布") is dropped."""
    tail = next((t for t in rules.legal_tails if text.endswith(t)), "")
    if tail:  # "蜜雪冰城股份有限公司": the name before the legal form, with it
        name = name_before(text[: -len(tail)], rules, lenient=True)
        return name + tail if name else ""
    m = re.search(rf"(?<![\w.])({_EN_NAME})\s*$", text)
    if m and not re.search(r"[\d.]\s*$", text[: m.start()]):  # "Pop Mart International（泡泡玛特）"; not "2513.HK"
        words = m.group(1).split()
        while words and words[0] in rules.not_names_en:
            words = words[1:]
        name = " ".join(words)
        return name if _name_shaped(name) else ""
    seg = _PUNCT.split(text[-(rules.max_name_chars + 8):])[-1]
    if not seg:
        return ""
    words = _posseg(seg)
    out: list[tuple[str, str]] = []
    for w, flag in reversed(words):
        if w in rules.descriptors or w.strip() == "":
            break
        if any(ch.isdigit() for ch in w) and not re.fullmatch(r"[A-Za-z]+\d*[A-Za-z]*", w):
            break
        if flag in _STOP_POS or (flag.startswith("v") and len(w) > 1) or (flag not in rules.name_pos and not flag.startswith("v")):
            if not (out == [] and flag == "m" and not any(c.isdigit() for c in w)) and not (lenient and flag not in _STOP_POS):
                break
        if sum(len(x) for x, _ in out) + len(w) > rules.max_name_chars:
            break
        out.insert(0, (w, flag))
    if lenient:
        from chatbot.text import _jieba

        freq = _jieba().dt.FREQ
        while out and out[0][1].startswith("v") and (freq.get(out[0][0]) or 0) >= GENERIC_FREQ:
            out.pop(0)
    name = "".join(w for w, _ in out)
    # a leading single character of a function word is not part of a name ("与智谱")
    while len(name) > 2 and name[0] in "与和及或由被将向对从在于是为的":
        name = name[1:]
    return name if _name_shaped(name) else ""


def name_after(text: str, rules: Rules, body: str = "") -> str:
    """The name that starts where `text` starts (a title's subject: "商汤上半年收入…" -> "商汤")."""
    m = re.match(_EN_NAME, text.strip())
    if m:  # "Pop Mart 2025 interim: …", "NIO Q3: …"
        words = m.group(0).split()
        while words and words[-1] in rules.not_names_en:
            words = words[:-1]
        name = " ".join(words)
        return name if _name_shaped(name) else ""
    seg = _PUNCT.split(text.strip())[0]
    out: list[str] = []
    for w, flag in _posseg(seg):
        if w in rules.descriptors or flag in _STOP_POS or flag.startswith("v") or any(c.isdigit() for c in w):
            break
        if flag not in rules.name_pos or sum(len(x) for x in out) + len(w) > rules.max_name_chars:
            break
        out.append(w)
        if _has_suffix(w, rules.company_suffixes + rules.org_suffixes):
            break
    # the prefix the body uses most ("云知声超额配股权…" -> "云知声"); ties go to the longer
    best, best_n = "", 0
    for i in range(1, len(out) + 1):
        cand = "".join(out[:i])
        n = body.count(cand) if body else 1
        if _name_shaped(cand) and n >= best_n and cand not in rules.company_suffixes:
            best, best_n = cand, n
    return best


def _name_shaped(name: str, rules: Rules | None = None) -> bool:
    rules = rules or load_rules()
    if name in rules.not_names_en or name in rules.descriptors:
        return False
    if len(name) < 2 or len(name) > (40 if name.isascii() else 20):
        return False
    if re.fullmatch(r"[A-Za-z]", name) or name.isdigit():
        return False
    return bool(re.search(rf"[{_CJK}]", name)) or bool(re.match(r"[A-Z]", name))


def _pair_name(zh: str, text: str, rules: Rules) -> bool:
    """Is the Chinese side of a Chinese/English pair a name: it has a name suffix, or it
    recurs and is no common word of the dictionary ("海外(Talkie)" is not a name)."""
    if _has_suffix(zh, rules.company_suffixes + rules.org_suffixes + rules.legal_tails):
        return True
    from chatbot.text import _jieba

    return text.count(zh) >= rules.min_mentions and (_jieba().dt.FREQ.get(zh) or 0) < GENERIC_FREQ


def _has_suffix(name: str, suffixes) -> str:
    return next((s for s in suffixes if name.endswith(s) and len(name) > len(s)), "")


def _tickers_in(bracket: str, rules: Rules) -> list[str]:
    out = []
    for rx in rules.ticker_res:
        out += [_norm_ticker(m.group(0)) for m in rx.finditer(bracket)]
    if not out:
        for w in rules.code_words:
            m = re.search(rf"{w}\s*[:：]?\s*(\d{{4,5}})(?!\d)", bracket)
            if m:
                out.append(f"{int(m.group(1)):04d}.HK")
                break
    return out


def _norm_ticker(t: str) -> str:
    """"06181.HK" -> "6181.HK" (Hong Kong codes have four digits with leading zeros)."""
    t = t.upper().replace("：", ":")
    m = re.fullmatch(r"0*(\d{1,5})\.HK", t)
    return f"{int(m.group(1)):04d}.HK" if m else t


def _short_forms(name: str, text: str, rules: Rules) -> list[str]:
    """Shorter forms of a name that the text itself uses: the legal tail and company
    suffixes stripped one by one ("云知声智能科技股份有限公司" -> "云知声智能科技" -> "云知声",
    "Pop Mart International Group" -> "Pop Mart")."""
    out = []
    if re.fullmatch(_EN_NAME, name):
        words = name.split()
        # a legal tail comes off down to one word, a trade word down to two ("Tencent Music
        # Entertainment Group" -> "Tencent Music Entertainment" -> "Tencent Music")
        while len(words) > 1 and (words[-1].rstrip(".,") in rules.en_legal_tails
                                  or (len(words) > 2 and words[-1] in rules.en_trade_words)):
            words = words[:-1]
            out.append(" ".join(words))
        return out
    cur = name
    while True:
        tail = next((t for t in rules.legal_tails if cur.endswith(t) and len(cur) > len(t) + 1), "") or \
            _has_suffix(cur, rules.company_suffixes) or _has_suffix(cur, rules.trade_words)
        if not tail:
            break
        prev, cur = cur, cur[: -len(tail)]
        if len(cur) < 2 or not re.search(rf"[{_CJK}A-Za-z]", cur):
            break
        # used on its own: more often than as part of the next longer form ("腾讯音乐娱乐集团"
        # -> "腾讯音乐", but not "腾讯", which this text never uses alone)
        if text.count(cur) > text.count(prev) and len(cur) >= 2:
            out.append(cur)
    return out


@lru_cache(maxsize=4096)
def romanise(name: str) -> str:
    """"快手" -> "kuaishou" (Chinese names only)."""
    if not re.fullmatch(rf"[{_CJK}]{{2,8}}", name):
        return ""
    try:
        from pypinyin import lazy_pinyin
    except ImportError:  # an install without it: names are still found, not romanised
        logging.getLogger(__name__).warning("pypinyin is not installed: no pinyin forms for %s", name)
        return ""
    return "".join(lazy_pinyin(name))


def romanise_words(name: str) -> str:
    """"舜宇光学" -> "shunyu guangxue": a name of four or six characters read as words of two,
    the way English text writes pinyin ("" otherwise: "海底捞" is written "Haidilao")."""
    if not romanise(name) or len(name) % 2 or len(name) < 4:
        return ""
    from pypinyin import lazy_pinyin

    return " ".join("".join(lazy_pinyin(name[i:i + 2])) for i in range(0, len(name), 2))


def extract(title: str, tickers: list[str], text: str, rules: Rules | None = None) -> list[Entry]:
    """The companies and institutions one document names."""
    rules = rules or load_rules()
    text = unicodedata.normalize("NFKC", text)
    title = unicodedata.normalize("NFKC", title or "")
    full = f"{title}\n{text}"
    found: dict[str, Entry] = {}

    def add(name: str, kind: str, tick=(), aliases=()) -> Entry | None:
        name = name.strip()
        if not _name_shaped(name) or name in rules.company_suffixes + rules.trade_words:  # "集团" alone names nobody
            return None
        e = found.setdefault(name, Entry(name=name))
        if kind == "company":
            e.kind = "company"
        e.tickers += [t for t in tick if t not in e.tickers]
        e.aliases += [a for a in aliases if a != name and a not in e.aliases]
        return e

    # 1. a name with a ticker (or an English name) in the brackets after it
    for m in re.finditer(r"[(（]([^()（）\n]{2,60})[)）]", full):
        before = full[max(0, m.start() - 30): m.start()]
        inner = m.group(1)
        tick = _tickers_in(inner, rules)
        # a ticker or an English name (not an acronym such as "DAU") in the brackets: the
        # words before them are a name
        en_name = bool(re.fullmatch(_EN_NAME, inner.strip())) and not inner.strip().isupper()
        name = name_before(before, rules, lenient=bool(tick) or en_name)
        if not name:
            continue
        named = re.findall(r"(?:简称|下称)\s*[“\"「]?([^”\"」,，;；]{2,12})[”\"」]?", inner)
        named += [n.strip() for n in re.findall(rf"英文名(?:称)?\s*[:：]?\s*({_EN_NAME})", inner)]
        if named and not tick:  # 蜜雪冰城股份有限公司（简称“蜜雪集团”，英文名MIXUE Group）
            add(name, "company" if _has_suffix(name, rules.legal_tails) else "org", aliases=named)
            continue
        if tick:
            en = named + [p.strip() for p in re.split(r"[,，、;；]", inner) if re.fullmatch(rf"[{_CJK}]{{2,12}}|{_EN_NAME}", p.strip())
                  and not _tickers_in(p, rules)]
            add(name, "company", tick, en)
            continue
        inner = re.sub(r"^(?:英文名(?:称)?|英文|简称|下称|以下简称)\s*[:：]?\s*", "", inner.strip())
        if re.fullmatch(_EN_NAME, inner) and re.search(rf"[{_CJK}]", name) and _pair_name(name, full, rules):
            add(name, "org", aliases=[inner])  # 国际数据公司(IDC), 稀宇科技(MiniMax)
        elif re.fullmatch(rf"[{_CJK}]{{2,12}}", inner) and re.fullmatch(_EN_NAME, name) and _pair_name(inner, full, rules):
            add(name, "org", aliases=[inner])  # MiniMax(稀宇科技)
    # 2. legal names
    tails = "|".join(map(re.escape, rules.legal_tails))
    for m in re.finditer(rf"(?:{tails})", full):
        name = name_before(full[max(0, m.start() - 24): m.start()], rules, lenient=True)
        if name and len(name) >= 2:
            add(name + m.group(0), "company")
    # 3. words with a company or institution suffix, seen at least twice
    counts: Counter = Counter()
    suffixes = rules.company_suffixes + rules.org_suffixes
    sfx = "|".join(map(re.escape, suffixes))
    for m in re.finditer(rf"(?:{sfx})", full):
        name = name_before(full[max(0, m.start() - 20): m.end()], rules)
        if name and _has_suffix(name, suffixes) and len(name) - len(_has_suffix(name, suffixes)) >= 2:
            counts[name] += 1
    for name, c in counts.items():
        if c >= rules.min_mentions:
            add(name, "org")
    # 4. the title's subject holds the front-matter ticker nobody else holds
    tickers = [_norm_ticker(t) for t in tickers]
    free = [t for t in tickers if not any(t.upper() in e.tickers for e in found.values())]
    # the title's subject; a title may open with a column name ("V观财报|云知声预计…"),
    # so each part of it and the first line of the text are tried, the one the text
    # names most wins
    first_line = next((ln.strip("# ").strip() for ln in text.splitlines() if ln.strip()), "")
    options = [name_after(part, rules, text) for part in re.split(r"[|｜:：]", title) if part.strip()]
    options = [o for o in [*options, name_after(first_line, rules, text)] if o]
    subject = max(options, key=lambda o: (text.count(o), len(o)), default="")
    if subject and text.count(subject) < rules.min_mentions and title.count(subject) == 0:
        subject = ""
    if subject:
        e = add(subject, "company" if free else "org", free[:1] if len(free) == 1 else ())
        if e:
            e.primary = True
    for e in found.values():
        if set(e.tickers) & {t.upper() for t in tickers}:
            e.primary = True
    # fold entries that are forms of each other ("云知声智能科技股份有限公司" and "云知声")
    for e in list(found.values()):
        for form in [e.name, *e.aliases]:  # "Tencent Music Entertainment Group" -> "Tencent Music"
            e.aliases += [s for s in _short_forms(form, full, rules) if s not in e.aliases and s != e.name]
    merged = _merge(list(found.values()))
    for e in merged:
        e.mentions = sum(full.count(f) for f in {e.name, *e.aliases} if f)
        forms = [e.name, *e.aliases]
        e.pinyin = [p for p in dict.fromkeys([*(romanise(f) for f in forms), *(romanise_words(f) for f in forms)]) if p]
    return sorted(merged, key=lambda e: (-e.primary, -e.mentions, e.name))


def _merge(entries: list[Entry]) -> list[Entry]:
    """One entry per company: entries sharing a ticker or a form are one; the shortest
    form the text uses most is the name."""
    out: list[Entry] = []
    for e in sorted(entries, key=lambda e: (not e.tickers, len(e.name))):
        keys = {e.name, *e.aliases, *e.tickers}
        home = next((o for o in out if keys & {o.name, *o.aliases, *o.tickers}
                     # the title's "老铺" and the ticker's "老铺黄金": the document's subject, twice
                     or (e.primary and o.primary and (o.name.startswith(e.name) or e.name.startswith(o.name)))), None)
        if home is None:
            out.append(e)
            continue
        home.aliases += [a for a in [e.name, *e.aliases] if a != home.name and a not in home.aliases]
        home.tickers += [t for t in e.tickers if t not in home.tickers]
        home.kind = "company" if "company" in (home.kind, e.kind) else home.kind
        home.primary = home.primary or e.primary
    for e in out:  # the shortest Chinese form is the name ("壁仞科技" over its legal name)
        zh = [f for f in [e.name, *e.aliases] if re.search(rf"[{_CJK}]", f)]
        best = min(zh, key=len) if zh else e.name
        if best != e.name:
            e.aliases = [a for a in [e.name, *e.aliases] if a != best]
            e.name = best
    return out


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
        data = {"version": EXTRACTOR_VERSION, "documents": {
            d: {"hash": v["hash"], "version": v["version"], "entries": [asdict(e) for e in v["entries"]]}
            for d, v in sorted(docs.items())}}
        tmp = self.path.with_suffix(f".tmp{os.getpid()}")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=0), encoding="utf-8")
        os.replace(tmp, self.path)

    def _locked(self):
        fd = open(Path(self.store.path) / ".catalogue.lock", "a+")
        fcntl.flock(fd, fcntl.LOCK_EX)
        return fd

    def update(self, record, chunks) -> list[Entry]:
        """Extract one document's entries (called by ingest right after the document is stored)."""
        entries = extract(record.title, list(record.tickers), _doc_text(chunks))
        fd = self._locked()
        try:
            docs = self._read()
            docs[record.doc_id] = {"hash": record.content_hash, "version": EXTRACTOR_VERSION, "entries": entries}
            docs = {d: v for d, v in docs.items() if d in self.store.docs}
            self._write(docs)
        finally:
            fd.close()
        self._key = None
        return entries

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
        if stale:
            by_doc: dict[str, list] = {}
            for c in self.store.all_chunks():
                by_doc.setdefault(c.doc_id, []).append(c)
            for d in stale:
                r = self.store.docs[d]
                docs[d] = {"hash": r.content_hash, "version": EXTRACTOR_VERSION,
                           "entries": extract(r.title, list(r.tickers), _doc_text(by_doc.get(d, [])))}
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


def _doc_text(chunks) -> str:
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


def merged_glossary(base, entries_by_doc: dict[str, list[Entry]], translate=None):
    """`base` (config/glossary.toml, or its emptied form) with every catalogued company
    and institution added: entries of several documents that share a ticker or a form
    are one company; a glossary entry that shares one gives the canonical name."""
    from chatbot.glossary import Glossary

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
            g = {"forms": set(), "tickers": set(), "kind": kind, "names": Counter(), "docs": set(), "canon": None}
            groups.append(g)
        g["forms"] |= {f.lower() for f in forms if len(f) >= 2}
        g["tickers"] |= {t.upper() for t in tickers}
        g["kind"] = "company" if "company" in (g["kind"], kind) else g["kind"]
        g["names"][name] += 1
        g["canon"] = g["canon"] or canon
        if doc:
            g["docs"].add(doc)
        for k in g["forms"] | {t.lower() for t in g["tickers"]}:
            index[k] = g

    by_canon: dict[str, set[str]] = {}
    for alias, canon in base.aliases.items():
        by_canon.setdefault(canon, set()).add(alias)
    for canon, aliases in by_canon.items():
        tick = {base.tickers[canon]} if canon in base.tickers else set()
        tick |= {a.upper() for a in aliases if re.fullmatch(r"\d{4,5}\.hk", a)}
        forms = {canon, *(a for a in aliases if not a.isdigit() and not re.fullmatch(r"\d{4,5}\.hk", a))}
        add(forms, tick, "company" if canon in base.companies else "org", canon, None, canon)
    for doc, entries in entries_by_doc.items():
        for e in entries:
            add({e.name, *e.aliases, *e.pinyin}, set(e.tickers), e.kind, e.name, doc if e.primary else None, None)

    aliases: dict[str, str] = {}
    tickers: dict[str, str] = {}
    companies: set[str] = set()
    subjects: dict[str, set[str]] = {}
    for g in groups:
        canon = g["canon"] or g["names"].most_common(1)[0][0]
        for f in g["forms"]:
            aliases.setdefault(f, canon)
        for t in sorted(g["tickers"]):
            aliases.setdefault(t.lower(), canon)
            tickers.setdefault(canon, t)
        if canon in base.tickers:
            tickers[canon] = base.tickers[canon]
        if g["kind"] == "company" and (canon in base.companies or canon not in by_canon):
            companies.add(canon)
        for d in g["docs"]:
            subjects.setdefault(d, set()).add(canon)
    from chatbot.bilingual import finance_terms

    g = Glossary(aliases=aliases, tickers=tickers, terms={**finance_terms(), **base.terms}, metrics=base.metrics,
                 synonyms=base.synonyms, companies=companies, doc_subjects=subjects)
    if translate:
        g.translate = translate
    return g
