"""English and pinyin names in an English question, written the way the documents write
them (Chinese), so that the company, name and term rules apply as to a Chinese question.

A run of capitalised words that no catalogue entry knows ("Volcano Engine", "Xiyu
Technology", "Journey") may still be a name the documents hold in Chinese:
- word by word through the bilingual lexicon (config/terms_en.toml, CC-CEDICT):
  "Volcano Engine" -> 火山 + 引擎 -> "火山引擎", taken when an indexed passage holds it;
- pinyin words, with the English words among them romanised from their translation:
  "Xiyu Technology" -> "xiyu" + 科技 "keji" -> "xiyukeji", a catalogue romanisation of 稀宇科技.

Every word of the name must resolve (no partial matches: "Alibaba Health" is not
阿里巴巴), and a name that resolves neither way is left as written (the subject rules then
refuse it when no passage holds it). A Chinese run inside an English question is a name the
user wrote in Chinese ("What was 天数智芯's revenue?"): see `chinese_runs`."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from chatbot.bilingual import _stems, cedict_index, english_words, is_english_word, to_chinese
from chatbot.glossary import Glossary
from chatbot.lexicon import question_stop_words_en
from chatbot.names import Rules, common_word, load_rules, romanise
from chatbot.pinyin_readings import readings
from chatbot.text import question_language
from chatbot.trade_match import (
    chinese_of,
    core_matches,
    fits,
    foreign_trade,
    rest_after_core,
    trade_words,
    written_by,
)

# a name may open with a number ("361 Degrees"): the number is part of it, never a name of its own
_CAPS_RUN = re.compile(r"(?<![A-Za-z0-9])(?:\d{2,4}\s+)?[A-Z][A-Za-z0-9&\-]*(?:\s+(?:&\s+)?[A-Z][A-Za-z0-9&\-]*)*")
_POSSESSIVE = re.compile(r"'s\b")
_SYLLABLE_APOSTROPHE = re.compile(r"(?<=[A-Za-z])['’](?=[aeo])")
_WORD_WITH_U = re.compile(r"[A-Za-z]*[üÜ][A-Za-züÜ]*")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")
_MAX_OPTIONS = 8  # translations tried per word
_MAX_COMPOUNDS = 64  # joined forms tried per name
_MAX_PHRASE_WORDS = 3  # the lexicon's longest keys (chatbot/bilingual.py)
_MAX_TAIL_WORDS = 4  # English words after a pinyin name: a trade word and the words after it


@dataclass
class Resolved:
    question: str  # the question with each resolved name in its Chinese form
    names: dict[str, str] = field(default_factory=dict)  # English name -> Chinese form


def is_english(question: str) -> bool:
    """An English question, which may quote a Chinese name (chatbot/text.py `question_language`)."""
    return question_language(question) == "en"


def plain_pinyin(text: str, rules: Rules | None = None) -> str:
    """Pinyin as the catalogue writes it: ü as u in a word of pinyin syllables ("Lülan" -> "Lulan",
    not "Müller"), and no apostrophe before a syllable that opens with a vowel ("Chi'an" -> "Chian";
    not "'s", "don't")."""
    rules = rules or load_rules()

    def plain(m: re.Match) -> str:
        word = m.group(0).replace("ü", "u").replace("Ü", "U")
        return word if rules.syllables(word) else m.group(0)

    return _SYLLABLE_APOSTROPHE.sub("", _WORD_WITH_U.sub(plain, text))


def chinese_runs(question: str) -> list[str]:
    """Chinese words an English question quotes (names the user wrote in Chinese)."""
    return _CJK_RUN.findall(question) if is_english(question) else []


def _written_as_name(word: str, texts: list[str]) -> bool:
    """Does a passage write the word capitalised after a lower-case word or a comma ("…for its Pulse smart speed cube"),
    as a name, not at a sentence's start?"""
    rx = re.compile(rf"(?<=[a-z0-9,;] ){re.escape(word)}(?![A-Za-z])")
    return any(rx.search(t) for t in texts)


def resolve(question: str, glossary: Glossary, contains: Callable[[str], bool], rules: Rules | None = None,
            nearby: Callable[[str], list[str]] | None = None,
            before: Callable[[str], set[str]] | None = None) -> Resolved:
    """The question with its unknown English names replaced by their Chinese forms
    (`nearby`: the texts of the passages that best match the question, where a pinyin
    word no catalogue entry romanises is looked for: a brand, a product, a place;
    `before`: the Chinese words the documents write right before a word, where a pinyin
    name with an English trade word is looked for: "Beiling Beer" -> 北岭 before 啤酒)."""
    english = is_english(question)
    if not english and not _CAPS_RUN.search(question):
        return Resolved(question)  # (a Chinese question is read for the English names it writes in capitals only:
        # "Mianyuan Home 湖北的门店…" names 眠垣家居)
    rules = rules or load_rules()
    question = plain_pinyin(question, rules)
    out, names = question, {}
    text = _POSSESSIVE.sub("", question)
    near: list[list[str]] = []

    def texts() -> list[str]:  # searched once per question, and only when a name needs it
        if not near:
            near.append(nearby(question) if nearby else [])
        return near[0]

    for name, form in _numbered_names(question, texts, rules) if english else []:  # "the Qingyuan No. 2 farm": 清远二场
        names[name] = form
        out = out.replace(name, form)
        question = question.replace(name, form)
    # (a possessive ends a run of capitals: "Qiaotong Expressway's Jiangbei ring road" names two things)
    for m in _CAPS_RUN.finditer(cut := _POSSESSIVE.sub(", ", question)):
        if re.match(r"[.\-@/][A-Za-z0-9]", cut[m.end():m.end() + 2]) or re.search(r"[.\-@/]$", cut[:m.start()]):
            continue  # part of a longer token ("Trip.com"): not a name of words
        span = _trimmed(m.group(0).split(), rules, sentence_start=m.start() == 0)
        name = " ".join(span)
        if not span or name in names:
            continue
        if glossary.entities(name):  # a catalogued name's romanisation; the whole run may be another, longer one's
            whole = _pinyin(span, glossary, rules) if len(span) > 1 else ""  # ("Yuepei Wine": 越醅酒业, where "yuepei"
            if not whole or whole in glossary.entities(name):  # alone is the controlling shareholder 越醅投资's)
                continue
            names[name] = whole
            out = re.sub(rf"(?<![A-Za-z]){re.escape(name)}(?![A-Za-z])", whole, out)
            continue
        if len(span) == 1 and (span[0].lower() in glossary.terms or span[0] in rules.en_legal_tails
                               or span[0] in rules.en_trade_words or span[0].lower() in question_stop_words_en()):
            continue  # an English term ("Revenue"), a legal form ("Group") or a stop word ("OR") alone is no name
        # a catalogued company before a word of the texts: "Minmu" is 岷牧饲料, whose article also
        # writes 岷牧 (the pinyin of a name's opening and a trade word: "Guitian Sugar" -> 桂甜糖业)
        form = _compound(span, contains) or _pinyin(span, glossary, rules)
        if not form and before and (sector := _pinyin_sector(span, rules, before)):
            # (a catalogued company the pinyin opens, whose trade the English word names, before words the texts
            # write side by side: "Rouchuan Leather" is 鞣川皮业, though its subsidiary "鞣川皮革（辛集）" writes 鞣川皮革)
            core = "" if glossary.entities(sector) else _core_trade(span, glossary, rules)
            form = core or sector
        form = form or _core_trade(span, glossary, rules) or _translated_head(span, glossary, rules)
        by_sound = not form and bool(form := _pinyin_in(span, texts, rules))
        if not form and len(span) >= 2 and not _is_pinyin(span[-1]) and (head := _pinyin_in(span[:-1], texts, rules)):
            # a place found by its sound, then an English word for its kind, capitalised as part of the name
            # ("Hongze Lake"): as the texts write the place with that kind's Chinese after it (洪泽湖)
            lead = " ".join(span[:-1])
            if kind := _kind_after(lead, head, f"{lead} {span[-1].lower()}", texts, alone=False):
                form = kind[1]
        if form and not by_sound and len(span) == 1 and not glossary.entities(form) and _written_as_name(name, texts()):
            continue  # a word the passages write capitalised inside an English sentence ("its Pulse smart speed cube") is
            # that name as written there, no word to translate (跳动); a company's name is resolved ("to Hangarion
            # Aviation Services": 翼澄航空工程)
        if form and len(span) == 1 and common_word(form) and not (by_sound and _is_place(form)):
            continue  # one English word read as a common Chinese word ("Bank" -> 银行) is no name; a place the
            # documents write, spelt as it sounds, is its name ("Shenzhen" -> 深圳)
        if not form:  # a catalogued romanisation written syllable by syllable: joined, as the
            name, form = _syllable_name(span, glossary, rules)  # catalogue has it ("Dong Ling" -> "Dongling")
        if form and by_sound and (kind := _kind_after(name, form, out, texts)):
            name, form = kind  # the name and the English word for its kind after it, as the texts write them
            # ("Baiya mine" -> 白崖矿)
        if form:
            names[name] = form
            out = re.sub(rf"(?<![A-Za-z]){re.escape(name)}(?![A-Za-z])", form, out)
    for name, form in _lower_case_names(text, glossary, rules, set(names)) if english else []:
        names[name] = form
        out = re.sub(rf"(?<![A-Za-z]){re.escape(name)}(?![A-Za-z])", form, out)
    return Resolved(out, names)


def _lower_case_names(text: str, glossary: Glossary, rules: Rules, done: set[str]) -> list[tuple[str, str]]:
    """Pinyin names written in lower case ("how much feed did minmu feed sell"): a word of pinyin
    syllables that is no English word, and the words after it that all name its trade, when they
    name one catalogued company (`_core_trade`); the longest such run. A lower-case word that names
    no company is left as written (no capitals mark it as a name)."""
    words = list(re.finditer(r"(?<![A-Za-z'’])[a-z]+(?:-[a-z]+)*(?![A-Za-z])", text))
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(words):
        first = _joined(words[i].group(0))
        if len(first) < 4 or not _is_pinyin(first) or not rules.syllables(first):
            i += 1
            continue
        run = [words[i]]  # the words right after it, one space apart
        while (len(run) <= _MAX_TAIL_WORDS and i + len(run) < len(words)
               and text[run[-1].end():words[i + len(run)].start()] == " "):
            run.append(words[i + len(run)])
        for n in range(len(run), 0, -1):
            name = text[run[0].start():run[n - 1].end()]
            form = "" if name in done else _core_trade([w.group(0) for w in run[:n]], glossary, rules, all_glossed=True)
            if form:
                out.append((name, form))
                i += n - 1
                break
        i += 1
    return out


def _trimmed(words: list[str], rules: Rules, sentence_start: bool) -> list[str]:
    """The run less the words that are no names at its ends ("What", "Q2", a capital that
    only starts the sentence); the whole of the rest is the name (never a part of it)."""
    whole = words
    while words and (rules.not_name_en(words[0])
                     or (sentence_start and is_english_word(words[0]) and words[0][1:].islower()
                         and words[0] not in rules.name_openers_en)):
        words, sentence_start = words[1:], False
    words = rules.with_opener(whole, words)  # "China Tower": a place opening a name is part of it
    while words and rules.not_name_en(words[-1]):
        words = words[:-1]
    return words


def _translations(word: str) -> list[str]:
    for stem in _stems(word.lower()):
        found = to_chinese(stem)
        if found:
            return found[:_MAX_OPTIONS]
    return []


def _phrase_translations(phrase: str) -> list[str]:
    """A phrase of several words as the lexicon holds it ("Abu Dhabi" -> 阿布扎比)."""
    return to_chinese(phrase)[:_MAX_OPTIONS] if " " in phrase else _translations(phrase)


def _parts(words: list[str], contains: Callable[[str], bool]) -> list[list[str]] | None:
    """The name cut into the longest phrases the lexicon translates into words the
    documents use ("Abu Dhabi" + "Investment" + "Authority"); None when a word is left over."""
    out: list[list[str]] = []
    i = 0
    while i < len(words):
        for j in range(min(len(words), i + _MAX_PHRASE_WORDS), i, -1):
            found = [t for t in _phrase_translations(" ".join(words[i:j])) if contains(t)]
            if found:
                out.append(found)
                i = j
                break
        else:
            return None
    return out


def _compound(words: list[str], contains: Callable[[str], bool]) -> str:
    """"Volcano Engine" -> "火山引擎" when an indexed passage holds the joined translation."""
    # each part must itself be in the documents (a cheap check that keeps the product small)
    options = _parts(words, contains)
    if not options or (len(options) == 1 and len(words) > 1):
        return ""  # one lexicon phrase for the whole name is a common phrase ("Stock Exchange"), no name
    for combo in itertools.islice(itertools.product(*options), _MAX_COMPOUNDS):
        form = "".join(combo)
        if len(form) >= 2 and contains(form):
            return form
    return ""


def _pinyin(words: list[str], glossary: Glossary, rules: Rules) -> str:
    """"Xiyu Technology" -> the catalogued name whose romanisation is "xiyukeji"; at least
    one word must be pinyin, so an English name is never read as pinyin.
    An English word is read as the trade words names use for it (config/catalogue.toml
    [sector_words_en]: "Liquor" -> 酒业 "jiuye"), then as the lexicon translates it.
    A word of pinyin syllables that is also an English word ("Dong Ling", a name written
    syllable by syllable) is read both ways: only an exact catalogued romanisation matches."""
    options: list[list[str]] = []
    pinyin_words = 0
    for w in words:
        low = w.lower()
        if _is_pinyin(w):
            options.append([low])
            pinyin_words += 1
        else:
            zh = [*rules.sector_words_en.get(low, ()), *_translations(w)]
            romanised = [r for t in zh if (r := romanise(t))]
            syllables = rules.syllables(w)
            pinyin_words += syllables
            options.append(list(dict.fromkeys([low] * syllables + romanised)))
    if not pinyin_words or not all(options):
        return ""
    for combo in itertools.islice(itertools.product(*options), _MAX_COMPOUNDS):
        canon = glossary.aliases.get("".join(combo))
        if canon:
            return canon
    return ""


def _joined(word: str) -> str:
    """A word written in parts joined ("Dong-ling", "YingMou" -> "dongling", "yingmou")."""
    return word.replace("-", "").lower() if re.fullmatch(r"[A-Za-z]+(?:-[A-Za-z]+)*", word) else ""


def _translated_head(words: list[str], glossary: Glossary, rules: Rules) -> str:
    """"Horizon Robotics" -> 地平线, "Black Sesame Technologies" -> 黑芝麻: English words the lexicon translates (whole,
    or word by word and joined) into a name the catalogue holds for exactly one company, then only words that say what
    kind of company it is (a legal form, a trade word: config/catalogue.toml). The documents need not write the
    English name."""
    generic = {w.lower() for w in (*rules.en_legal_tails, *rules.en_trade_words)} | set(rules.sector_words_en)
    suffixes = (*rules.company_suffixes, *rules.trade_words)
    for k in range(len(words) - 1, 0, -1):
        head, tail = words[:k], words[k:]
        if not all(w.lower().rstrip(".") in generic for w in tail):
            continue
        options = list(_phrase_translations(" ".join(head)))
        if len(head) > 1 and all(parts := [_phrase_translations(w)[:4] for w in head]):
            options += ["".join(c) for c in itertools.islice(itertools.product(*parts), _MAX_COMPOUNDS)]
        found: dict[str, str] = {}
        for zh in dict.fromkeys(o for o in options if _CJK_RUN.fullmatch(o)):
            owners = {c for c in glossary.entities(zh) if c in glossary.companies}
            if len(owners) == 1 and ((canon := next(iter(owners))) == zh or zh in glossary.aliases_of(canon, codes=False)):
                found.setdefault(canon, zh)
            # ... or the opening of one, before a company suffix ("黑芝麻" of 黑芝麻智能)
            for canon in {c for c in glossary.companies if c.startswith(zh) and c[len(zh):] in suffixes}:
                found.setdefault(canon, canon)
        if len(found) == 1:
            return next(iter(found.values()))
    return ""


def _core_trade(words: list[str], glossary: Glossary, rules: Rules, all_glossed: bool = False) -> str:
    """"Guitian Sugar" -> 桂甜糖业, "Kanghong Medical" -> 康泓医疗集团有限公司, "Dingyan" -> 鼎岩水泥:
    pinyin words (joined when written in parts: "Dong-ling", "YingMou") that romanise the
    opening of exactly one catalogued company's Chinese name, then English words that name
    the trade its name writes after it (chatbot/trade_match.py), or none, or words that name
    no line of business ("Kanghong Hospitals"); legal forms ("Group", "Technology") are no
    trade. A trade word naming another line of business leaves the name unknown ("Dingyan Steel").
    `all_glossed`: every word after the pinyin must name the name's trade (a name in lower case,
    whose end the capitals do not mark: "minmu feed" of "did minmu feed sell")."""
    for k in range(len(words), 0, -1):
        head = [_joined(w) for w in words[:k]]
        if (not all(head) or any(rules.not_name_en(w) for w in words[:k])
                or not all(_is_pinyin(h) or rules.syllables(h) for h in head)):
            continue  # pinyin ("Guitian"; "Binhai", which CC-CEDICT also writes), or syllable by syllable ("Ding Yan")
        target = "".join(head)
        if len(target) < 4:
            return ""
        tail = trade_words(words[k:], rules)
        fit = {(alias, canon): 0 if n == 0 and _other_english_trade(target, tail, canon, glossary, rules)
               else fits(rest_after_core(alias, n, rules), tail, rules, foreign_trade(glossary, rules, canon),
                         written_by(glossary, canon))
               for alias, canon, n in core_matches(target, glossary)}
        best = max(fit.values(), default=0)  # all its trade words glossed, else a trade said freely
        found: dict[str, str] = {}  # each company by its shortest fitting name (the one readers write), whatever the catalogue's order
        for (alias, canon), f in sorted(fit.items(), key=lambda kv: (len(kv[0][0]), kv[0][0])):
            if f and f == best and (f == 2 or not all_glossed):
                found.setdefault(canon, alias)
        if len(found) == 1:
            return next(iter(found.values()))
        if found:
            return ""  # the pinyin of more than one company: no answer for either
    return ""


def _other_english_trade(target: str, tail: list[str], canon: str, glossary: Glossary, rules: Rules) -> bool:
    """Does a name opening with a catalogued English name's first word go on with trade words that English name does
    not write ("Bambrook Furniture" where the documents' company is "Bambrook Tableware", 禾筷集团): a look-alike,
    not that company. (Its first word alone, or with its own trade word, is that company.)"""
    if not tail:
        return False
    legal = {t.lower().rstrip(".") for t in rules.en_legal_tails}  # (the catalogue's aliases are in lower case)
    own = [[w for w in a.split()[1:] if w.rstrip(".") not in legal] for a in glossary.aliases_of(canon, codes=False)
           if " " in a and a.split(" ", 1)[0] == target]
    own = [ws for ws in own if ws]
    if not own or any({w.lower() for w in tail} <= set(ws) for ws in own):
        return False
    # (a trade said in other words, whose Chinese shares a character with the company's Chinese name: "Senwood
    # Furniture", 家具, of 森禾家居, whose English name says "Home Furnishings")
    chars = {c for a in glossary.aliases_of(canon, codes=False) if re.fullmatch(r"[\u4e00-\u9fff]+", a)
             for c in rest_after_core(a, 0, rules)}
    return not any(set(z) & chars for z in chinese_of(" ".join(tail), rules))


def _syllable_name(words: list[str], glossary: Glossary, rules: Rules) -> tuple[str, str]:
    """The longest run of pinyin-syllable words whose joined letters are a catalogued
    romanisation ("Dong Ling" of "Dong Ling Fitness": "dongling" romanises 动岭): the run as
    written, and joined as one word ("Dongling"), the way the catalogue's romanisation is
    matched in an English question."""
    runs = [(i, j) for i in range(len(words)) for j in range(i + 2, len(words) + 1)
            if all(rules.syllables(w) for w in words[i:j])]
    for i, j in sorted(runs, key=lambda r: r[0] - r[1]):
        joined = "".join(words[i:j])
        if joined.lower() in glossary.aliases:
            return " ".join(words[i:j]), joined.capitalize()
    return "", ""


def _is_place(word: str) -> bool:
    """A place's name to jieba's dictionary ("深圳", "澳门")."""
    from chatbot.names import _posseg

    return [flag for _, flag in _posseg(word)] == ["ns"]


def _is_pinyin(word: str) -> bool:
    """A word of Latin letters that is no English word ("Beiling", "Xiyu")."""
    return bool(re.fullmatch(r"[A-Za-z]+", word)) and word.lower() not in english_words()


def _pinyin_sector(words: list[str], rules: Rules, before: Callable[[str], set[str]]) -> str:
    """"Beiling Beer" -> "北岭啤酒": pinyin words, then an English trade word
    (config/catalogue.toml [sector_words_en], a phrase of two words before one), found where
    the documents write the trade's Chinese word right after characters that romanise as
    the pinyin words, whole ("beiling" = 北岭). The trade word the text uses is kept. (A
    pinyin word may also be a word of the lexicon, "Hexi" a place: the whole romanisation
    of what the text writes before a trade word is the test.) The trade word may be followed
    by words the lexicon translates, written after it as one word ("Huaqi Securities Research
    Institute" -> 华启 before 证券研究所, a broker's research arm that publishes its notes)."""
    for n in range(min(len(words) - 1, _MAX_TAIL_WORDS), 0, -1):
        head, forms = words[:-n], _tail_forms(words[-n:], rules)
        if not head or not forms or not all(re.fullmatch(r"[A-Za-z]+", w) for w in head):
            continue
        target = "".join(head).lower()
        if len(target) < 4:
            return ""  # too short to tell one romanised name from another
        for zh in forms:
            found = sorted(p for p in before(zh) if target in readings(p))
            if found:
                return found[0] + zh
    return ""


def _tail_forms(tail: list[str], rules: Rules) -> list[str]:
    """The Chinese forms of the English words after a pinyin name: a trade word (config/catalogue.toml
    [sector_words_en], two words before one), then the lexicon's translations of the words after
    it, joined ("Securities Research Institute" -> 证券研究所, 证券研究院); [] when the words open
    with no trade word or a word after it does not translate."""
    for n in (2, 1):
        trade = " ".join(tail[:n]).lower()
        if n > len(tail) or trade not in rules.sector_words_en:
            continue
        after = _parts(tail[n:], lambda _: True) if tail[n:] else []
        if after is None:
            continue
        combos = itertools.product(rules.sector_words_en[trade], *after)
        return ["".join(c) for c in itertools.islice(combos, _MAX_COMPOUNDS)]
    if len(tail) == 1 and re.fullmatch(r"[A-Za-z]+", tail[0]) and tail[0].lower() in english_words():
        # a trade word the list lacks ("Rendun Medical"): the lexicon's Chinese words of two characters or more for
        # it; the caller still needs the documents to write, right before one, characters romanising the name
        return [t for t in _phrase_translations(tail[0]) if _CJK_RUN.fullmatch(t)][:_MAX_COMPOUNDS]
    return []


# a name the text sets apart: in quotes or brackets ("酸菜鱼品牌“太二”")
_SET_APART = re.compile(r"[“「『\"'《（(]([\u4e00-\u9fff]{2,6})[”」』\"'》）)]")


_NUMBERED_EN = re.compile(r"\b(?P<place>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\s+No\.?\s*(?P<n>\d{1,2})\b(?:\s+(?P<kind>[a-z]{3,}))?")
_ZH_NUMERALS = "零一二三四五六七八九十"


def _numbered_names(question: str, texts: Callable[[], list[str]], rules: Rules) -> list[tuple[str, str]]:
    """A place's numbered site ("the Qingyuan No. 2 farm", "Linjiang No. 3 mine"), as the texts write it: the place found by
    its sound, its number (in figures or in Chinese, after "第" or before "号" or neither) and the kind's character
    (场 of 农场 for "farm"), when a text writes that whole ("清远二场"); the kind left as it is when no text writes it."""
    out = []
    for m in _NUMBERED_EN.finditer(question):
        place = _pinyin_in(m.group("place").split(), texts, rules)
        n = int(m.group("n"))
        if not place or n < 1:
            continue
        nums = [str(n), *([_ZH_NUMERALS[n]] if n <= 10 else [])]
        kind = m.group("kind") or ""
        senses = [*to_chinese(kind), *cedict_index().get(kind, [])] if kind else []
        kinds = list(dict.fromkeys([*(z[-1] for z in senses), *(z[0] for z in senses), *senses]))
        # (with no kind's character, only "号" makes the number a name: "清远1号", never "清远二" of "清远二场")
        found = next(((k, f"{place}{pre}{num}{suf}{k}") for k in [*kinds, ""] for num in nums for pre in ("", "第")
                      for suf in ("号", "") if (k or suf) and any(f"{place}{pre}{num}{suf}{k}" in t for t in texts())), None)
        if found:
            k, form = found
            out.append((m.group(0) if k else m.group(0)[: m.start("kind") - m.start()].rstrip() if kind else m.group(0),
                        form))
    return out


def _kind_after(name: str, form: str, question: str, texts: Callable[[], list[str]],
                alone: bool = True) -> tuple[str, str] | None:
    """A name found by its sound ("Baiya" -> 白崖) and the lower-case English word after it in the question ("mine"), when
    the texts write the name with that word's Chinese right after it ("白崖矿"): both as one (name, form). `alone`: as a
    word of its own (a capitalised kind, "Hongze Lake", is the place's name whatever follows it: "洪泽湖基地")."""
    m = re.search(rf"(?<![A-Za-z]){re.escape(name)}\s+([a-z]{{3,}})\b", question)
    if not m:
        return None
    word = m.group(1)  # (any sense, a function word's too: "mine" is 矿 here, not 我的)
    senses = [*to_chinese(word), *cedict_index().get(word, [])]
    # (a kind written with one character after a name: 矿 of 矿山, 矿井; "Taier restaurants" stays 太二, its 门店 a
    # word of its own)
    for zh in dict.fromkeys(z[0] for z in senses):  # (written as a word of its own: "| 白崖矿 |", not "太二门" of 太二门店)
        if any(re.search(re.escape(form + zh) + (r"(?![\u4e00-\u9fff])" if alone else ""), t) for t in texts()):
            return f"{name} {word}", form + zh
    return None


def _pinyin_in(words: list[str], texts: Callable[[], list[str]], rules: Rules | None = None) -> str:
    """"Taier" -> "太二": a word of the texts (set apart in quotes or brackets, or one
    word to jieba) whose romanisation is the name's pinyin; every word of the name must
    be pinyin (no English word, or pinyin syllables: "Tai Er"), and the romanisation must
    match whole."""
    rules = rules or load_rules()
    if not all(_is_pinyin(w) or rules.syllables(w) for w in words):
        return ""
    target = "".join(words).lower()
    if len(target) < 4:
        return ""
    from chatbot.text import _jieba

    words_of = [list(dict.fromkeys(_SET_APART.findall(text) + [w for w in _jieba().lcut(text) if _CJK_RUN.fullmatch(w)]))
                for text in texts()]
    for cands in words_of:
        for w in cands:
            if target in readings(w):
                return w
    # ... else a name before the one character of its kind ("Baiya mine": 白崖 of "白崖矿", "云南白崖矿")
    for cands in words_of:
        for w in cands:
            for head in dict.fromkeys(w[i:len(w) - 1] for i in range(len(w) - 2)):
                if target in readings(head):
                    return head
    return ""

