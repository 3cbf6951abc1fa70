"""English trade words against the Chinese of a catalogued name.

An English question writes a company the documents name only in Chinese as the pinyin of
its distinctive part and an English word for its trade ("Guitian Sugar" for 桂甜糖业,
"Kanghong Medical" for 康泓医疗集团有限公司), or the pinyin alone ("Dingyan" for 鼎岩水泥).
The trade word is read against the Chinese that follows the romanised part, from data:
the English words CC-CEDICT glosses its characters and words with (糖 "sugar", 业
"industry", 智能 "intelligent"), and config/catalogue.toml [sector_words_en] ("building
materials" -> 建材, 水泥). A trade word that glosses none of it, but names a line of business
(config/catalogue.toml business_words), names another company ("Dingyan Steel"
where the documents cover 鼎岩水泥 only): no catalogued company."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from chatbot.bilingual import _stems, glosses, to_chinese
from chatbot.glossary import Glossary
from chatbot.names import Rules
from chatbot.pinyin_readings import readings

_CJK = re.compile(r"[\u4e00-\u9fff]+")
_MAX_CORE = 4  # characters of a name's romanised part
_MIN_STEM = 5  # letters two forms of an English word share ("intelligence", "intelligent")
_MAX_PHRASE = 3  # words of a trade phrase looked up as one ("heavy industry", "building materials")


def _same_word(a: str, b: str) -> bool:
    """One English word in two forms: equal, or sharing all but a short ending ("medical",
    "medicine"; "intelligence", "intelligent")."""
    if a == b:
        return True
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n >= _MIN_STEM and n >= min(len(a), len(b)) - 3


def chinese_of(phrase: str, rules: Rules) -> list[str]:
    low = phrase.lower()
    return [*rules.sector_words_en.get(low, ()), *(z for s in _stems(low) for z in to_chinese(s))]


def _gloss_words(rest: str) -> set[str]:
    """The English words of the rest's characters and two-character words."""
    out: set[str] = set()
    for i in range(len(rest)):
        for n in (1, 2):
            if i + n <= len(rest):
                out |= glosses(rest[i:i + n])
    return out


def _glossed_words(rest: str, words: list[str], rules: Rules) -> int:
    """How many of the English words name the trade the Chinese `rest` writes: a phrase of up
    to three words whose translation the rest holds, else a word one of its characters'
    or words' glosses."""
    meanings = _gloss_words(rest)
    i = n = 0
    while i < len(words):
        for j in range(min(len(words), i + _MAX_PHRASE), i, -1):
            if any(z and z in rest for z in chinese_of(" ".join(words[i:j]), rules)):
                i, n = j, n + j - i
                break
        else:
            n += any(_same_word(s, m) for s in _stems(words[i].lower()) for m in meanings)
            i += 1
    return n


def glossed(rest: str, words: list[str], rules: Rules) -> bool:
    """Do the English words all name the trade the Chinese `rest` writes ("Sugar" and 糖业,
    "Heavy Industry" and 重工, "Building Materials" and 水泥)?"""
    return _glossed_words(rest, words, rules) == len(words)


def fits(rest: str, words: list[str], rules: Rules, foreign: Callable[[str], bool] | None = None,
         written: Callable[[str], bool] | None = None) -> int:
    """How well English trade words fit a name's Chinese trade: 2 all name it; 1 some do
    ("Coal Mining" of 煤业), or none names a line of business (a trade said freely:
    "Hospitals" of 医疗, "Optical" of 眼镜); 0 they name another line of business ("Steel" of 眼镜;
    `foreign`: is a Chinese word another line of business for this company, `foreign_trade`), or a thing
    the company's own documents never write in any of the dictionary's words for it (`written`,
    `written_by`: "Shafeng Paper" of the fan maker 箑风扇艺, whose article writes no 纸; "Jumei Coffee" of the
    tea maker 菊湄茶业)."""
    n = _glossed_words(rest, words, rules)
    if n == len(words):
        return 2
    if n:
        return 1
    return 0 if names_business(words, rules, foreign) or (written is not None and _unwritten(rest, words, rules, written)) \
        else 1


def _unwritten(rest: str, words: list[str], rules: Rules, written: Callable[[str], bool]) -> bool:
    """Does some English word name things (the dictionary's Chinese for it) none of which the documents write, even by
    its first character (牙 of 牙齿 for "Dental", in 种植牙; the dictionary's sense may not be the trade's), and none of
    which shares a character with the name's own trade (`rest`: "Coatings", 涂层, of 绿岚涂料 says its trade in other
    words)?"""
    meanings = [m for m in _gloss_words(rest) if len(m) >= 3]
    for w in words:
        if any(w.lower().startswith(m) for m in meanings):
            continue  # (a word grown from a gloss of the trade: "Fitness" of 健身, "to keep fit")
        zh = [z for z in chinese_of(w, rules) if _CJK.fullmatch(z)]
        if zh and not any(written(z) or written(z[0]) or set(z) & set(rest) for z in zh):
            return True
    return False


def written_by(glossary: Glossary, canon: str) -> Callable[[str], bool] | None:
    """Does one of the documents about a catalogued company write a Chinese word? None when the documents' words
    are not known or the company has no document about it."""
    docs = {d for d, subjects in glossary.doc_subjects.items() if canon in subjects}
    in_documents = glossary.in_documents
    if in_documents is None or not docs:
        return None
    return lambda z: in_documents(docs, z)


def names_business(words: list[str], rules: Rules, foreign: Callable[[str], bool] | None = None) -> bool:
    """Does a phrase of the English words name a line of business ("Steel" -> 钢铁;
    config/catalogue.toml business_words, not the looser trade words: "Optical" may be said
    of an eyewear chain), or one `foreign` says is another company's ("Piano" -> 钢琴)?"""
    trades = set(rules.business_words)
    for i in range(len(words)):
        for j in range(i + 1, min(len(words), i + _MAX_PHRASE) + 1):
            if any(z in trades or (foreign and foreign(z)) for z in chinese_of(" ".join(words[i:j]), rules)):
                return True
    return False


def foreign_trade(glossary: Glossary, rules: Rules, canon: str) -> Callable[[str], bool] | None:
    """Is a Chinese word a line of business foreign to a catalogued company: a trade another
    catalogued company's name ends with (`catalogued_trades`: "钢琴" of 乐韵钢琴) that the documents
    about this company never write ("Yuedong Piano" where the article on 跃动健身 says nothing of
    pianos; not "Beisikang Nutrition", whose column writes 营养 of its rival 禾沐营养). None when the
    documents' words are not known (the glossary has no `in_documents`) or the company has no
    document about it."""
    docs = {d for d, subjects in glossary.doc_subjects.items() if canon in subjects}
    if glossary.in_documents is None or not docs:
        return None
    trades, written = catalogued_trades(glossary, rules), glossary.in_documents
    return lambda z: z in trades and not written(docs, z)


_TRADES_KEPT: dict[int, tuple[Glossary, frozenset[str]]] = {}


def catalogued_trades(glossary: Glossary, rules: Rules) -> frozenset[str]:
    """The trades the catalogued companies' Chinese names end with, learned from the documents: a name's last
    word, of two characters or more and in jieba's dictionary, after at least two characters of its
    own ("钢琴" of 乐韵钢琴, "驾校" of 驰安驾校, "玻璃" of 晶拓玻璃); its legal form and corporate words
    ("集团", "控股") are no trade. Worked out once for a glossary."""
    kept = _TRADES_KEPT.get(id(glossary))
    if kept and kept[0] is glossary:
        return kept[1]
    from chatbot.text import _jieba

    jieba = _jieba()
    generic = {*rules.group_words, *rules.legal_tails, *rules.org_suffixes}
    out = set()
    for alias, canon in glossary.aliases.items():
        if not _CJK.fullmatch(alias) or canon not in glossary.companies:
            continue
        name = alias
        while tail := next((t for t in [*rules.legal_tails, *rules.group_words] if name.endswith(t) and len(name) > len(t)), ""):
            name = name[: -len(tail)]
        words = jieba.lcut(name)
        last = words[-1] if words else ""
        if len(last) >= 2 and len(name) - len(last) >= 2 and jieba.dt.FREQ.get(last) and last not in generic:
            out.add(last)
    if len(_TRADES_KEPT) >= 4:
        _TRADES_KEPT.clear()
    _TRADES_KEPT[id(glossary)] = (glossary, frozenset(out))
    return frozenset(out)


def trade_words(words: list[str], rules: Rules) -> list[str]:
    """The words of an English name less its legal forms ("Group", "Holdings", "Technology")."""
    return [w for w in words if w not in rules.en_legal_tails and w.rstrip(".") not in rules.en_legal_tails]


def rest_after_core(alias: str, core_chars: int, rules: Rules) -> str:
    """What a Chinese name writes after its romanised part, less its legal form
    ("康泓医疗集团有限公司" after 康泓 -> "医疗")."""
    rest = alias[core_chars:]
    for tail in rules.legal_tails:
        if rest.endswith(tail):
            rest = rest[: -len(tail)]
            break
    return rest


@lru_cache(maxsize=8192)
def _core_lengths(alias: str) -> dict[str, int]:
    """Each romanisation of each opening of a Chinese name (2 to 4 characters) -> its length."""
    return {r: n for n in range(2, min(_MAX_CORE, len(alias)) + 1) for r in readings(alias[:n])}


def core_matches(target: str, glossary: Glossary) -> list[tuple[str, str, int]]:
    """(Chinese name, canonical, characters of it the target stands for) of every catalogued
    company whose Chinese name opens with characters that romanise as `target` ("guitian" ->
    桂甜糖业, 2), or whose English name opens with it as a word ("binhai" of "Binhai
    Aluminium" -> 滨海铝业, 0: the English word stands for no characters of it)."""
    out = []
    english = set()
    for alias, canon in glossary.aliases.items():
        if _CJK.fullmatch(alias):
            n = _core_lengths(alias).get(target)
            if n:
                out.append((alias, canon, n))
        elif alias.split(" ", 1)[0] == target and " " in alias:
            english.add(canon)
    for canon in english - {c for _, c, _ in out}:
        out += [(a, canon, 0) for a in glossary.aliases_of(canon) if _CJK.fullmatch(a)]
    return out


def other_business(name_words: list[str], canon: str, glossary: Glossary, rules: Rules) -> bool:
    """Do the English words after a catalogued name's first word name a line of business
    that none of its Chinese names writes ("Ruishi Steel" of 睿视眼镜; not "Mengtai Coal
    Mining" of 蒙泰煤业)?"""
    words = trade_words(name_words, rules)
    if not words:
        return False
    names = [a for a in glossary.aliases_of(canon) if _CJK.fullmatch(a)] or [canon]
    foreign = foreign_trade(glossary, rules, canon)
    return not any(fits(n, words, rules, foreign) for n in names)
