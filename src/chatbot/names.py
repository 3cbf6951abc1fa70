"""How names look in Chinese financial writing: the rules of config/catalogue.toml
(suffixes, legal tails, descriptors, ticker shapes), the words before or after a
position that form a name, the short forms a text uses, and pinyin romanisations.
Used by the entity catalogue (entity_extract.py, catalogue.py) and by the absent-name
check on questions (subjects.py)."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from chatbot.config import PROJECT_ROOT
from chatbot.tomlfile import read_toml

CATALOGUE_TOML = PROJECT_ROOT / "config" / "catalogue.toml"
CATALOGUE_FILE = "catalogue.json"
EXTRACTOR_VERSION = "35"  # bump when the rules change: every document is extracted again

_CJK = r"\u4e00-\u9fff"
_PUNCT = re.compile(r"[，。、；：,.;:!?！？“”\"'《》〈〉【】\[\]\s#*|/（）()—\-~～·]")
_EN_NAME = r"[A-Z][A-Za-z0-9&.\-]*(?: [A-Z][A-Za-z0-9&.\-]*){0,4}"
# an English company name with its legal tail, longer than a name in running text may be
# ("China Merchants Port Holdings Company Limited")
_EN_LEGAL_NAME = rf"{_EN_NAME}(?: [A-Z][A-Za-z0-9&.\-]*){{0,3}}"
_UNIT_HEADS = "年月日时亿万千百元股家个只倍次人名位%号期季"  # a number before these is a quantity or a date, no name
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
    # the words the document defines as standing for it in its own text ("目标公司" of "收购上海缃礼展览有限公司（“缃礼展览”
    # 或“目标公司”）"): its name in that document only, never in another
    roles: list[str] = field(default_factory=list)

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
    head_max_freq: int
    rare_char_freq: int
    unit_bracket: str
    ticker_res: tuple[re.Pattern, ...]
    code_words: tuple[str, ...]
    not_names_en: frozenset[str]
    lead_words_zh: tuple[str, ...]
    en_legal_tails: frozenset[str]
    en_strict_legal_tails: tuple[str, ...]
    en_name_openers: frozenset[str]
    trade_words: tuple[str, ...] = ()
    business_words: tuple[str, ...] = ()
    generic_tails: frozenset[str] = frozenset()
    head_cuts_zh: tuple[str, ...] = ()
    en_trade_words: frozenset[str] = frozenset()
    en_sector_words: frozenset[str] = frozenset()
    term_suffixes: tuple[str, ...] = ()
    period_tokens_en: re.Pattern | None = None
    period_spans_en: re.Pattern | None = None
    mainland_prefixes: dict[str, str] = field(default_factory=dict)
    bare_hk: re.Pattern | None = None
    # an English name's closing trade word -> the Chinese words names use for it ("beer" -> 啤酒)
    sector_words_en: dict[str, tuple[str, ...]] = field(default_factory=dict, hash=False, compare=False)
    # words naming a part of a company, not a company ("坦克品牌": the brand 坦克)
    part_words: frozenset[str] = frozenset()
    # a word that is pinyin syllables only ("dong", "weiting")
    pinyin_syllables: re.Pattern | None = None
    # company suffixes read in questions only ("铖罐实业")
    question_company_suffixes: tuple[str, ...] = ()
    # the words around a peer named in passing ("主要竞争对手包括…", "其他主要参与者包括…"), a regular expression
    peer_cues: str = ""
    # the tags of a word that reads as a name before a line of business ("北辰啤酒")
    sector_stem_pos: frozenset[str] = frozenset()
    # words that join two names ("西岭芯与澜舟芯科(8001.HK)"): the ticker is the last one's
    pair_joiners: tuple[str, ...] = ()
    # words that join two names in a question ("越醅酒业和绍醅酒业"): the text after one is read on its own
    name_joiners: tuple[str, ...] = ()
    name_leads: tuple[str, ...] = ()
    # a word pointing at a thing, then (a number and) its measure word ("那艘", "这两家"): phrasing, no name
    pointer_word: re.Pattern | None = None
    # not-name words that open a name when a name word follows them ("China" of "China Tower")
    name_openers_en: frozenset[str] = frozenset()
    # words before an institution suffix that make it a class of institutions ("地方政府")
    generic_org_heads: frozenset[str] = frozenset()
    peer_kinds: tuple[str, ...] = ()
    # the generic words a document may define as a company's name in its own text ("目标公司", "卖方")
    role_words: frozenset[str] = frozenset()
    common_char_freq: int = 10000
    # tags of single characters jieba leaves unjoined that may be pieces of a coined name ("璇星": 璇 g, 星 n)
    coined_char_pos: frozenset[str] = frozenset()
    # where a Chinese question puts a company it asks to buy or hold ("买入…的股票"): group "name"
    holding_slot: re.Pattern | None = None
    # descriptors that belong to a legal name they open ("中国蒙牛乳业有限公司")
    legal_name_heads: frozenset[str] = frozenset()
    # the endings that let a Chinese word before an acronym be a name ("国际数据公司（IDC）")
    acronym_pair_tails: tuple[str, ...] = ()
    # the words of a legal name's corporate form ("集团", "控股"): a legal name less them is its short form
    group_words: tuple[str, ...] = ()
    # words after a segment's name ("室分业务")
    segment_words: tuple[str, ...] = ()
    # words naming where a share is listed ("深交所创业板"), in a ticker's bracket: no name of the company
    exchange_words: tuple[str, ...] = ()
    # the Chinese label words before an English brand in a ticker's bracket ("门店品牌Cubora"): a name of the company
    brand_labels: tuple[str, ...] = ()
    # the words that end a sector's name, never a company's ("稀土永磁行业")
    sector_tails: tuple[str, ...] = ()
    # the endings of a word that names a trade's role before a name ("生产商", "品牌商"): a descriptor
    role_tails: tuple[str, ...] = ()
    # a character's other reading is tried in a pinyin name when pypinyin's phrases read it so this often
    reading_min_phrases: int = 3
    # part-of-speech tags of a one-character particle jieba reads inside a coined name before a ticker ("朔雪山地度假":
    # 地, tagged uv), when the words after it alone would make a word of the dictionary ("度假") and no name
    inner_particle_pos: frozenset[str] = frozenset()
    # a follow-up's name ending with one of these is a company's ("那澄净科技呢？"), and one-character words that open what
    # a question says is done, never a name ("为什么要终止协议": 要)
    firm_suffixes: tuple[str, ...] = ()
    verb_openers: frozenset[str] = frozenset()
    rename_cue: re.Pattern | None = None  # a sentence announcing a company's new name ([names] rename_cue)

    def describes(self, word: str) -> bool:
        """A word that stands before a name and is not part of it: a descriptor ("企业", "港股"), or a word of three
        characters or more ending in a role's tail ("医美注射产品生产商璞颜生物": 生产商; config/catalogue.toml)."""
        return word in self.descriptors or (len(word) >= 3 and word.endswith(self.role_tails))

    def syllables(self, word: str) -> bool:
        """A word made of pinyin syllables only ("Dong", "Ling", "Weiting"; config/catalogue.toml
        `pinyin_syllable`), whether or not it is also an English word."""
        return bool(self.pinyin_syllables and self.pinyin_syllables.fullmatch(word.lower()))

    def with_opener(self, whole: list[str], words: list[str]) -> list[str]:
        """The words left of a run once the words that are no names came off its start, with
        the words right before them that open a name (`name_openers_en`: "China" of "China
        Tower"): the name is the whole, not its last word ("Tower", which may be a word of
        another company's name). No name word left: none."""
        start = len(whole) - len(words)
        if any(w.endswith("s") and self.not_name_en(w[:-1]) for w in words):  # ("China IPOs": a not-name, plural)
            return words
        while words and start > 0 and whole[start - 1] in self.name_openers_en:
            start -= 1
        return whole[start:] if words else words

    def not_name_en(self, word: str) -> bool:
        """A capitalised English word that is no name: a question word, an abbreviation of a
        unit or currency, or a period written as one token ("FY2024", "1H25", "Q3'25")."""
        def one(p: str) -> bool:
            return p in self.not_names_en or bool(self.period_tokens_en and self.period_tokens_en.fullmatch(p))

        parts = re.split(r"[-–/]", word)  # "July-September", "Q2-Q3": each part no name
        return one(word) or (len(parts) > 1 and all(p and one(p) for p in parts))


@lru_cache(maxsize=2)
def load_rules(path: Path = CATALOGUE_TOML) -> Rules:
    d = read_toml(path)
    n, t, q = d["names"], d["tickers"], d["question"]
    return Rules(
        company_suffixes=tuple(sorted(n["company_suffixes"], key=len, reverse=True)),
        question_company_suffixes=tuple(n.get("question_company_suffixes", [])),
        peer_cues=n.get("peer_cues", ""),
        org_suffixes=tuple(sorted(n["org_suffixes"], key=len, reverse=True)),
        legal_tails=tuple(sorted(n["legal_tails"], key=len, reverse=True)),
        descriptors=frozenset(n["descriptors"]),
        name_pos=frozenset(n["name_pos"]),
        max_name_chars=int(n["max_name_chars"]),
        min_mentions=int(n["min_mentions"]),
        head_max_freq=int(n.get("head_max_freq", 0)),
        rare_char_freq=int(n.get("rare_char_freq", 0)),
        unit_bracket=n.get("unit_bracket", "(?!)"),
        ticker_res=tuple(re.compile(p) for p in t["patterns"]),
        code_words=tuple(sorted(t["code_words"], key=len, reverse=True)),
        not_names_en=frozenset(q["not_names_en"]),
        name_openers_en=frozenset(q.get("name_openers_en", [])),
        lead_words_zh=tuple(sorted(q["lead_words_zh"], key=len, reverse=True)),
        head_cuts_zh=tuple(q.get("head_cuts_zh", [])),
        en_legal_tails=frozenset(n["en_legal_tails"]),
        en_strict_legal_tails=tuple(n["en_strict_legal_tails"]),
        en_name_openers=frozenset(n["en_name_openers"]),
        trade_words=tuple(sorted(n.get("trade_words", []), key=len, reverse=True)),
        business_words=tuple(sorted(n.get("business_words", []), key=len, reverse=True)),
        generic_tails=frozenset(n.get("generic_tails", [])),
        en_trade_words=frozenset(n.get("en_trade_words", [])),
        en_sector_words=frozenset(n.get("en_sector_words", [])),
        term_suffixes=tuple(n.get("term_suffixes", [])),
        period_tokens_en=re.compile(q["period_tokens_en"]) if q.get("period_tokens_en") else None,
        period_spans_en=re.compile(q["period_spans_en"]) if q.get("period_spans_en") else None,
        mainland_prefixes=dict(t.get("mainland_prefixes", {})),
        bare_hk=re.compile(t["bare_hk"]) if t.get("bare_hk") else None,
        sector_words_en={k.lower(): tuple(v) for k, v in d.get("sector_words_en", {}).items()},
        part_words=frozenset(q.get("part_words", [])),
        pinyin_syllables=re.compile(f"(?:{q['pinyin_syllable']})+") if q.get("pinyin_syllable") else None,
        sector_stem_pos=frozenset(q.get("sector_stem_pos", [])),
        pair_joiners=tuple(n.get("pair_joiners", [])),
        name_joiners=tuple(q.get("name_joiners", [])),
        name_leads=tuple(q.get("name_leads", [])),
        pointer_word=re.compile(q["pointer_word"]) if q.get("pointer_word") else None,
        generic_org_heads=frozenset(n.get("generic_org_heads", [])),
        peer_kinds=tuple(n.get("peer_kinds", [])),
        role_words=frozenset(n.get("role_words", [])),
        common_char_freq=int(q.get("common_char_freq", 10000)),
        coined_char_pos=frozenset(q.get("coined_char_pos", [])),
        holding_slot=re.compile(q["holding_slot"]) if q.get("holding_slot") else None,
        legal_name_heads=frozenset(n.get("legal_name_heads", [])),
        acronym_pair_tails=tuple(n.get("acronym_pair_tails", [])),
        segment_words=tuple(n.get("segment_words", [])),
        group_words=tuple(n.get("group_words", [])),
        exchange_words=tuple(t.get("exchange_words", [])),
        brand_labels=tuple(t.get("brand_labels", [])),
        sector_tails=tuple(q.get("sector_tails", [])),
        role_tails=tuple(n.get("role_tails", [])),
        reading_min_phrases=int(n.get("reading_min_phrases", 3)),
        inner_particle_pos=frozenset(n.get("inner_particle_pos", [])),
        firm_suffixes=tuple(q.get("firm_suffixes", [])),
        verb_openers=frozenset(q.get("verb_openers", [])),
        rename_cue=re.compile(n["rename_cue"], re.IGNORECASE) if n.get("rename_cue") else None,
    )


# --- extraction -------------------------------------------------------------------


def _posseg(text: str):
    from chatbot.text import pos_tags

    return pos_tags(text)  # the same dictionary and user words as the keyword index


def tools_loaded() -> bool:
    """Has this process loaded the text tools (jieba's dictionary and its POS tagger)?"""
    import sys

    from chatbot.text import jieba_loaded

    return jieba_loaded() and "jieba.posseg" in sys.modules


def load_tools() -> None:
    """Load what extraction needs now: jieba's dictionary and POS tagger and the pinyin
    tables, ~1 s of pure-Python start-up in a fresh process. Ingest runs it in a thread
    beside the model load and the embedding (native code that releases the GIL)."""
    _posseg("中文")
    romanise("中文")


def name_before(text: str, rules: Rules, lenient: bool = False, legal: bool = False) -> str:
    """The name that ends where `text` ends: words walked back from the end while they
    can be part of a name ("GPU企业天数智芯" -> "天数智芯", "年底创立的MiniMax" ->
    "MiniMax"). `lenient`: a ticker or a legal form follows, so the words before it are a
    name even where jieba tags them as verbs or places ("海底捞国际控股", "腾讯音乐娱乐集团");
    only a common verb at the front ("公布", "宣布") is dropped. `legal`: a legal form
    follows, so a legal name's opening descriptor ("中国蒙牛乳业") and a place or a
    suffix in brackets inside it ("康龙化成（北京）新药技术", "舜宇光学科技（集团）") are its own."""
    tail = next((t for t in rules.legal_tails if text.endswith(t)), "")
    if tail:  # "蜜雪冰城股份有限公司": the name before the legal form, with it
        name = name_before(text[: -len(tail)], rules, lenient=True, legal=True)
        return name + tail if name else ""
    if legal and (m := _INNER_BRACKET.search(text)) and _inner_part(m.group(1), rules):
        rest = text[m.end():]
        after = name_before(rest, rules, lenient=True) if rest else ""
        if after == rest:  # the whole segment after the bracket is a name: the bracket is inside it
            head = name_before(text[: m.start()], rules, lenient=True)
            if head:
                return f"{head}（{m.group(1)}）{after}"
    m = re.search(rf"(?<![A-Za-z0-9_.])({_EN_NAME})\s*$", text)  # (right after Chinese: "平台WaveTone Music")
    if m and re.search(rf"[{_CJK}]$", text[: m.start()]) and re.fullmatch(r"[A-Z0-9]+", m.group(1)):
        m = None  # capitals that end a Chinese name ("智谱AI"), no English name of their own
    if m and not re.search(r"[\d.][ \t]*\Z", text[: m.start()]):  # "Pop Mart International（泡泡玛特）"; not "2513.HK"
        # (a line break ends what is before: a paragraph opening with the name after a heading closing with a year)
        words = m.group(1).split()
        while words and words[0] in rules.not_names_en:
            words = words[1:]
        name = " ".join(words)
        return name if _name_shaped(name) else ""
    window = text[-(rules.max_name_chars + 8):]
    seg = _PUNCT.split(window)[-1]
    if not seg:
        return ""
    # the segment opens after a punctuation mark or at the text's start, not where the window cut it
    bounded = len(seg) < len(window) or len(window) == len(text)
    words = _posseg(seg)
    out: list[tuple[str, str]] = []
    from chatbot.text import _jieba

    freq = _jieba().dt.FREQ
    for at, (w, flag) in reversed(list(enumerate(words))):
        if flag == "q" and at > 0 and words[at - 1][1] == "m" and not re.fullmatch(rf"{_CJK_NUMERALS}|[\d.]+", words[at - 1][0]):
            break  # a measure word after a quantity asked ("多少台新能源教练车", "几家"), no part of a name; after a
            # numeral it may be one ("三只松鼠", "361度")
        if legal and w in rules.legal_name_heads:
            # "中国蒙牛乳业有限公司": the registered name opens with it; "美高梅中国控股有限公司":
            # before a suffix alone it is inside the name, which goes on before it
            inside = all(x in rules.company_suffixes or x in rules.trade_words for x, _ in out)
            out.insert(0, (w, flag))
            if inside:
                continue
            break
        if rules.describes(w) or w.strip() == "" or (w == "是" and out):
            break  # (the copula on its own ends what is named after it: "…账款余额是优先级证券")
        if lenient and re.fullmatch(rf"[{_CJK}]", w) and (flag == "zg" or (out and (freq.get(w) or 0) < rules.rare_char_freq)):
            out.insert(0, (w, flag))  # a rare character of a coined name ("金璟珠宝": 璟; "淙川水电": 淙, read as a sound)
            continue
        if lenient and out and flag == "m" and re.fullmatch(_CJK_NUMERALS, w) and words.index((w, flag)) <= 1 \
                and all(re.search(_CJK_NUMERALS, x) and not re.search(r"\d", x) for x, _ in words[: words.index((w, flag))]):
            # a numeral that opens the words before a legal form or a ticker, after at most one word holding
            # a numeral ("九毛九国际控股": 九 | 毛九; "八毛八国际控股": 八毛 | 八)
            out[:0] = words[: words.index((w, flag)) + 1]
            break
        if any(ch.isdigit() for ch in w) and not re.fullmatch(r"[A-Za-z]+\d*[A-Za-z]*", w):
            if lenient and re.fullmatch(r"\d{2,4}", w) and out and out[0][0][0] not in _UNIT_HEADS:
                out.insert(0, (w, flag))  # a number heads the name a ticker follows ("361度")
            elif not lenient and out and re.search(r"\d$", w):
                out.pop(0)  # the number's unit ("24小时智能门店": 小时), no first word of a name
            break
        # a word jieba's dictionary lacks, before a ticker, is a name whatever its tag ("特步", tagged an adverb)
        unknown_word = lenient and len(w) > 1 and not freq.get(w)
        # right before a ticker, a word of two characters jieba tags an adverb ends the name ("长岳高速": 高速)
        trade_adverb = lenient and out == [] and flag == "d" and len(w) > 1
        if out and len(w) >= 2 and w[0] in _FUNCTION_CHARS and not freq.get(w) and re.fullmatch(rf"[{_CJK}]+", w):
            out.insert(0, (w[1:], flag))  # "公司为颐椿养老": jieba glued 为 to the name's first character (为颐)
            break
        if (lenient and len(w) == 1 and flag in rules.inner_particle_pos and out and at > 0
                and dictionary_word("".join(x for x, _ in out)) and not rules.describes(words[at - 1][0])
                and words[at - 1][1] in rules.name_pos):
            out.insert(0, (w, flag))  # "朔雪山地度假（1573.HK）": 地 inside the name, "度假" alone no name
            continue
        if flag in _STOP_POS or (flag.startswith("v") and len(w) > 1) or (flag not in rules.name_pos and not flag.startswith("v")):
            if not (out == [] and flag == "m" and not any(c.isdigit() for c in w)) and not (lenient and flag not in _STOP_POS) \
                    and not unknown_word and not trade_adverb and not _opening_char(w, flag, out, words, bounded, lenient):
                break
        if sum(len(x) for x, _ in out) + len(w) > rules.max_name_chars:
            break
        out.insert(0, (w, flag))
    if lenient:
        while (out and out[0][1].startswith("v") and (freq.get(out[0][0]) or 0) >= GENERIC_FREQ
               and not _opening_char(*out[0], out[1:], words, bounded, lenient)):
            out.pop(0)
    name = "".join(w for w, _ in out)
    # a leading single character of a function word is not part of a name ("与智谱")
    while len(name) > 2 and name[0] in _FUNCTION_CHARS:
        name = name[1:]
    return name if _name_shaped(name) else ""


_FUNCTION_CHARS = "与和及或由被将向对从在于是为的"  # a character that joins a name to the sentence, no part of it


def _opening_char(w: str, flag: str, out: list, words: list, bounded: bool, lenient: bool) -> bool:
    """A character jieba reads as an adverb, a verb or a sound ("都" of "都润控股", "环" of "环钴资源", "喵" of
    "喵垠宠物用品") that opens the words between a punctuation mark (or the text's start) and a ticker: the name's
    first character, not a word of the sentence before it."""
    return (lenient and bounded and len(w) == 1 and flag[:1] in ("d", "v", "o") and bool(words) and words[0] == (w, flag)
            and w not in _FUNCTION_CHARS and sum(len(x) for x, _ in out) >= 2)


_CJK_NUMERALS = "[一二三四五六七八九十百千万零两]+"
# a bracket of two to four Chinese characters that ends the words before a legal form, or stands
# before the last of them ("康龙化成（北京）新药技术", "舜宇光学科技（集团）")
_INNER_BRACKET = re.compile(rf"[（(]([{_CJK}]{{2,4}})[)）](?=[{_CJK}]*$)")


def _inner_part(word: str, rules: Rules) -> bool:
    """A place ("北京") or a company suffix ("集团") in brackets inside a legal name."""
    if word in rules.company_suffixes:
        return True
    words = _posseg(word)
    return len(words) == 1 and words[0][1] == "ns"


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
        if flag.startswith("v") and out and len(w) > 1 and body and body.count("".join(out)) == body.count("".join(out) + w):
            out.append(w)  # the text never uses the words before it alone ("华润万象" of "华润万象生活")
            continue
        if rules.describes(w) or flag in _STOP_POS or flag.startswith("v") or any(c.isdigit() for c in w):
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
        # used on its own, not inside the longer form ("哔哩" is only ever part of "哔哩哔哩")
        n = (body.replace(cand + out[i], "\0") if i < len(out) else body).count(cand) if body else 1
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
    return text.count(zh) >= rules.min_mentions and not common_word(zh)


def common_word(word: str) -> bool:
    """A word jieba's dictionary counts as common (at least GENERIC_FREQ: "主动", "银行"): rarely a company's name."""
    from chatbot.text import _jieba

    return (_jieba().dt.FREQ.get(word) or 0) >= GENERIC_FREQ


def dictionary_word(word: str) -> bool:
    """A word of jieba's dictionary, however rare ("高端", "酱油"): a trade or a description, not a coined name."""
    from chatbot.text import _jieba

    return bool(_jieba().dt.FREQ.get(word))


def _has_suffix(name: str, suffixes) -> str:
    return next((s for s in suffixes if name.endswith(s) and len(name) > len(s)), "")


def _tickers_in(bracket: str, rules: Rules) -> list[str]:
    out = []
    for rx in rules.ticker_res:
        out += [_norm_ticker(m.group(0)) for m in rx.finditer(bracket)]
    if not out:
        for w in rules.code_words:  # ("A股代码601877，H股代码6899": both)
            codes = [m.group(1) for m in re.finditer(rf"{w}\s*[:：]?\s*(\d{{4,6}})(?![\d年月])", bracket)]
            out += [_mainland_ticker(c, rules) if len(c) == 6 else f"{int(c):04d}.HK" for c in codes]
            if codes:
                break
    return [t for t in out if t]


def _mainland_ticker(code: str, rules: Rules) -> str:
    """A six-digit mainland code with its exchange ("603917" -> "603917.SH"), "" when its
    first digits are no exchange's (config/catalogue.toml [tickers] mainland_prefixes)."""
    exchange = rules.mainland_prefixes.get(code[:2], "")
    return f"{code}.{exchange}" if exchange else ""


def bare_code_ticker(bracket: str, rules: Rules) -> list[str]:
    """A bracket holding nothing but a listing code ("（002971）", "（02369）") after a name."""
    code = bracket.strip()
    if re.fullmatch(r"\d{6}", code):
        return [t] if (t := _mainland_ticker(code, rules)) else []
    if rules.bare_hk is not None and rules.bare_hk.fullmatch(code):
        return [f"{int(code):04d}.HK"]
    return []


def _norm_ticker(t: str) -> str:
    """"06181.HK", "6181 HK" -> "6181.HK" (Hong Kong codes have four digits with leading zeros)."""
    t = t.upper().replace("：", ":")
    m = re.fullmatch(r"0*(\d{1,5})[.\s]HK", t)
    return f"{int(m.group(1)):04d}.HK" if m else t


def _short_forms(name: str, text: str, rules: Rules) -> list[str]:
    """Shorter forms of a name that the text itself uses: the legal tail and company
    suffixes stripped one by one ("云知声智能科技股份有限公司" -> "云知声智能科技" -> "云知声",
    "Pop Mart International Group" -> "Pop Mart")."""
    out = []
    if re.fullmatch(_EN_LEGAL_NAME, name):
        words = name.split()
        # a legal tail comes off down to one word, a trade word down to two ("Tencent Music
        # Entertainment Group" -> "Tencent Music Entertainment" -> "Tencent Music")
        while len(words) > 1 and (words[-1].rstrip(".,") in rules.en_legal_tails
                                  or (len(words) > 2 and words[-1] in rules.en_trade_words | rules.en_sector_words)):
            words = words[:-1]
            out.append(" ".join(words))
        if len(words) == 2 and words[-1] in rules.en_sector_words and _coined(words[0]):
            out.append(words[0])
        elif len(words) >= 2 and _coined(words[0]) and re.search(
                rf"\b{re.escape(words[0])}\b(?!\s+{re.escape(words[1])})", text):
            out.append(words[0])  # a coined first word the text uses alone ("Hallbrenn had revenue of …")
        return out
    cur, stages = name, [name]
    # a legal name gives its short forms whether or not the text writes them ("康泓医疗集团有限公司"
    # -> "康泓医疗集团" -> "康泓医疗"): its legal form and the words of its corporate form (集团, 控股)
    # off; a trade word comes off only where the text uses the rest ("康泓" is no form unless written)
    legal = any(name.endswith(t) for t in rules.legal_tails)
    while True:
        tail = next((t for t in rules.legal_tails if cur.endswith(t) and len(cur) > len(t) + 1), "") or \
            _has_suffix(cur, rules.company_suffixes) or _has_suffix(cur, rules.trade_words)
        if not tail:
            break
        prev, cur = cur, cur[: -len(tail)]
        if len(cur) < 2 or not re.search(rf"[{_CJK}A-Za-z]", cur):
            break
        stages.append(cur)
        # used on its own: more often than as part of the next longer form ("腾讯音乐娱乐集团"
        # -> "腾讯音乐", but not "腾讯", which this text never uses alone)
        if _alone(cur, prev, text) and len(cur) >= 2:
            out.append(cur)
        elif legal and re.fullmatch(rf"[{_CJK}]+", cur) and (tail in rules.legal_tails or tail in rules.group_words):
            out.append(cur)
        if legal and not (tail in rules.legal_tails or tail in rules.group_words):
            legal = False  # past the corporate form: only forms the text uses
    # a place in brackets inside a legal name: the words before it are the brand ("康龙化成（北京）新药技术…")
    if (m := re.search(r"^([^（(]{2,})[（(]", name)) and _alone(m.group(1), name, text):
        out.append(m.group(1))
    out += [f for f in _brand_forms(stages, text, rules) if f not in out]
    return out + [f for f in _tail_forms(cur, text, rules) if f not in out]


def _alone(short: str, longer: str, text: str) -> int:
    """How often the text writes `short` outside `longer` and not as part of a word of the
    dictionary ("中宠" of "中宠股份" is not alone in "家中宠物": 家中, 宠物)."""
    from chatbot.text import _jieba

    freq = _jieba().dt.FREQ
    n = 0
    for m in re.finditer(re.escape(short), text):
        if text.startswith(longer, m.start()):
            continue
        before, after = text[m.start() - 1: m.start()], text[m.end(): m.end() + 1]
        if (before and freq.get(before + short[0])) or (after and freq.get(short[-1] + after)):
            continue
        n += 1
    return n


def head_forms(name: str, text: str, rules: Rules, forms: tuple[str, ...] = ()) -> list[str]:
    """The name's leading characters, where the text uses them on their own at least
    `min_mentions` times ("黛研美妆" -> "黛研": "同期黛研收入24.1亿元"): the longest such
    head of two characters or more that leaves two or more, a coined word or a rare word of jieba's
    dictionary (below `head_max_freq`: the place 北岭 of 北岭啤酒), not the start of a dictionary word
    ("现制茶饮…" never gives "现制"), no common word ("北京银行" never gives "北京") and not always
    continued by one same character (part of another word). An occurrence that opens one of the
    entry's other `forms` is not on its own ("金沙" in "金沙中国", "蜜雪" in "蜜雪冰城")."""
    from chatbot.text import _jieba

    if not re.fullmatch(rf"[{_CJK}]{{4,}}", name):
        return []
    freq = _jieba().dt.FREQ
    longer = [f for f in {name, *forms} if len(f) > 2]
    for n in range(len(name) - 2, 1, -1):
        head = name[:n]
        alone = [m for m in re.finditer(re.escape(head), text)
                 if not any(len(f) > n and text.startswith(f, m.start()) for f in longer)]
        nexts = {text[m.end():m.end() + 1] for m in alone}
        continued = len(nexts) == 1 and bool(re.fullmatch(rf"[{_CJK}]", next(iter(nexts))))
        rare = head not in freq or 0 < freq[head] < rules.head_max_freq  # (0: only the start of a word)
        if len(alone) >= rules.min_mentions and rare and head not in rules.descriptors and not continued:
            return [head]
    return []


def _tail_forms(name: str, text: str, rules: Rules) -> list[str]:
    """A name less its parent's words, where the text uses the rest on its own at least
    `min_mentions` times ("华润万象生活" -> "万象生活"): three characters or more, at a word
    boundary, and no common word ("东亚银行" never gives "银行")."""
    from chatbot.text import _jieba

    freq = _jieba().dt.FREQ
    words = [w for w, _ in _posseg(name)]
    out = []
    for i in range(1, len(words)):
        tail = "".join(words[i:])
        nexts = {text[m.end():m.end() + 1] for m in re.finditer(re.escape(tail), text)}
        continued = len(nexts) == 1 and bool(re.fullmatch(rf"[{_CJK}]", next(iter(nexts))))  # "米哈游" of "米哈游网络"
        # (a word of the dictionary is the trade, not the company: "二手车" of "优驰二手车")
        if len(tail) >= 3 and not freq.get(tail) and re.fullmatch(rf"[{_CJK}]+", tail) \
                and text.count(tail) - text.count(name) >= rules.min_mentions and not continued:
            out.append(tail)
            break
    return out


def _brand_forms(stages: list[str], text: str, rules: Rules) -> list[str]:
    """A mainland legal name is a place, a brand, a trade and a legal form ("北京智谱华章科技
    股份有限公司"): each stage of it less the place, where the text uses that on its own
    ("上海米哈游网络科技…" -> "米哈游网络"), and the brand's leading words that the text uses
    on their own at least `min_mentions` times more than the whole brand ("智谱华章" -> "智谱")."""
    from chatbot.text import _jieba

    words = _posseg(stages[-1])
    if len(words) < 2 or words[0][1] != "ns" or len(words[0][0]) < 2 or not _jieba().dt.FREQ.get(words[0][0]):
        return []  # (a place is a word of the dictionary: "寒岭" of 寒岭菌业, tagged a place only by its context, is a
        # coined brand word, and "菌业" the trade)
    place = words[0][0]
    out, longer = [], stages[0]
    for s in stages:  # used on its own: more often than the longer form before it
        core = s[len(place):]
        # (a word of the dictionary or a trade word is the trade, not the brand: "北岭啤酒" never gives "啤酒")
        if len(core) >= 2 and text.count(core) > text.count(longer) and not _trade_only(core, rules):
            out.append(core)
        longer = core
    core, head = stages[-1][len(place):], ""
    for w, _ in words[1:-1]:  # word boundaries only, never the whole core
        head += w
        if len(head) >= 2 and _name_shaped(head, rules) and text.count(head) - text.count(core) >= rules.min_mentions:
            out.append(head)
    return out


def _trade_only(core: str, rules: Rules) -> bool:
    """A place's company whose rest is only a trade ("栖梧医疗" -> "医疗", "鹭岛语音" -> "语音"): a
    word the text uses for the trade itself, never the company's short name. A trade word or
    suffix of config/catalogue.toml, or a word of jieba's dictionary ("米哈游网络" and "智谱
    华章" are brands: coined words, or several)."""
    from chatbot.text import _jieba

    if core in rules.trade_words or core in rules.company_suffixes or core in rules.descriptors:
        return True
    return bool(_jieba().dt.FREQ.get(core))


def _coined(word: str) -> bool:
    """A brand's own word, no English word of the dictionary ("Hansoh", "ZTO"; not "Great")."""
    from chatbot.bilingual import english_words

    return len(word) >= 3 and word.lower() not in english_words()


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


