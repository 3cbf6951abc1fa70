"""Names in a question that no indexed document holds.

A question about a company the index does not cover must be refused, never answered
with another company's figure. A question's subject is taken as unknown when it is
name-shaped and appears nowhere in the indexed text, nor in the entity catalogue:
- runs of capitalised English words ("Pinduoduo", "Moore Threads"), less the words that
  are not names (config/catalogue.toml [question]) and English terms the engine translates;
- the head of a Chinese question before its first period, metric or particle
  ("寒武纪2025年上半年收入是多少？" -> "寒武纪");
- words with a company suffix anywhere in a Chinese question ("理想汽车");
- words CC-CEDICT glosses as a company or brand ("百度", "京东"), which jieba's
  dictionary holds as common words."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from chatbot.bilingual import cedict_index, demonym_place, is_english_word, names_a_place
from chatbot.english_names import chinese_runs
from chatbot.glossary import Glossary
from chatbot.intent import is_phrasing_word, is_reader_phrase
from chatbot.names import Rules, _has_suffix, dictionary_word, load_rules, name_after, name_before
from chatbot.text import dictionary_tag, period_phrase_re
from chatbot.trade_match import other_business

_CAPS_RUN = re.compile(r"(?<![A-Za-z0-9])[A-Z][A-Za-z0-9&\-]*(?:'s)?(?:\s+[A-Z][A-Za-z0-9&\-]*(?:'s)?)*")
_ASPECT_PARTICLES = ("了", "过")  # after a verb: what the company did, no part of its name
_CUT_ZH = re.compile(
    r"[\d\s，,。？?！!、：:；;（）()“”\"']|的|在|于|是|有|和|与|及|跟|同|第|今年|去年|明年|上半年|下半年|全年|前三季度|"
    r"季度|本年|年度|哪|什么|多少|几|如何|怎么|怎样|为什么|为何|对|将|把|被|从|目前|现在|当前|最近|近期|截至|上市|首日|招股|IPO|ipo"
)


class CorpusText:
    """Does any indexed passage (or a document's publisher) contain a string? (normalised, rebuilt when the index
    changes; the text is read from the keyword index's records part by part, and the
    answers for the strings asked about are kept: a miss scans the whole text)."""

    ANSWERS_KEPT = 4096

    def __init__(self, store):
        self.store = store
        self._stamp: str | None = None
        self._text = ""
        self._answers: dict[str, bool] = {}
        self._befores: dict[tuple, set[str]] = {}
        self._doc_texts: dict[str, str] = {}  # doc id -> its normalised text, for the stamp of self._stamp

    def contains(self, s: str) -> bool:
        self.store.refresh()
        stamp = self.store.stamp() if self.store.docs else ""
        if stamp != self._stamp:
            self._text = ""  # the old text goes before the new one is read
            parts: list[str] = []
            if self.store.docs:  # a document's publisher is a name the documents hold ("明川证券对…的观点")
                parts += [_norm(r.publisher).strip() for r in self.store.docs.values() if r.publisher.strip()]
                for title, headings, text in self.store.texts():
                    parts += [p for p in (_norm(title).strip(), _norm(" ".join(headings)).strip(), _norm(text).strip()) if p]
                # who published a document is named by it ("明川证券研究所": the broker whose note it is)
                parts += sorted({_norm(r.publisher).strip() for r in self.store.docs.values() if r.publisher.strip()})
            self._text = " ".join(parts)
            self._answers = {}
            self._doc_texts = {}
            self._stamp = stamp
        key = _norm(s)
        found = self._answers.get(key)
        if found is None:
            if len(self._answers) >= self.ANSWERS_KEPT:
                self._answers.clear()
            found = self._answers[key] = key in self._text
        return found

    def count(self, s: str) -> int:
        """How many times the indexed text (titles, headings, passages, publishers) writes `s`."""
        return self._text.count(_norm(s)) if s.strip() and self.contains(s) else 0

    def around(self, s: str, chars: int = 30) -> str:
        """The indexed text around the first place it writes `s` (`chars` either side), "" where it writes none."""
        key = _norm(s)
        at = self._text.find(key) if s.strip() and self.contains(s) else -1
        return self._text[max(0, at - chars): at + len(key) + chars] if at >= 0 else ""

    def in_documents(self, doc_ids: set[str], s: str) -> bool:
        """Does one of these documents (title, headings, passages) contain `s`? ("钢琴" in the article
        about 乐韵钢琴): what a company's own documents say of it."""
        if not s.strip() or not self.contains(s):  # (and the texts are those of the index now)
            return False
        key = _norm(s)
        for d in sorted(doc_ids):
            if d not in self._doc_texts:
                if len(self._doc_texts) >= 256:
                    self._doc_texts.clear()
                chunks = self.store.doc_chunks(d)
                self._doc_texts[d] = _norm(" ".join([chunks[0].title if chunks else "",
                                                     *(" ".join([*c.headings, c.text]) for c in chunks)]))
            if key in self._doc_texts[d]:
                return True
        return False

    def before(self, s: str, max_chars: int = 4) -> set[str]:
        """The Chinese words of 1 to `max_chars` characters the text writes right before `s`
        ("啤酒" -> {"岭", "北岭", "澜", "青澜", …}): where a pinyin name's characters are looked for."""
        if not s.strip() or not self.contains(s):  # (and the text is read)
            return set()
        cache_key = (self._stamp, _norm(s), max_chars)  # (a common word is written many times in a large index)
        if cache_key in self._befores:
            return self._befores[cache_key]
        key, at = _norm(s), 0
        out: set[str] = set()
        while (at := self._text.find(key, at)) >= 0:
            head = re.search(rf"[\u4e00-\u9fff]{{1,{max_chars}}}$", self._text[max(0, at - max_chars):at])
            if head:
                out.update(head.group(0)[-n:] for n in range(1, len(head.group(0)) + 1))
            at += len(key)
        if len(self._befores) >= 64:
            self._befores.clear()
        self._befores[cache_key] = out
        return out


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", s)).lower()


def _metric_forms(glossary: Glossary) -> list[str]:
    return sorted({f for forms in glossary.metrics.values() for f in forms if not f.isascii()}, key=len, reverse=True)


def chinese_head(question: str, glossary: Glossary, rules: Rules) -> str:
    """The words a Chinese question opens with, up to its first period, metric, question
    word or particle ("拼多多第三季度营收多少" -> "拼多多"), or a reader's predicate ("雁回食品值得长期持有吗": [question]
    head_cuts_zh)."""
    q = unicodedata.normalize("NFKC", question).strip()
    stripped = True
    while stripped:
        stripped = False
        for w in rules.lead_words_zh:
            if q.startswith(w):
                q, stripped = q[len(w):].lstrip(), True
                break
    head = _CUT_ZH.split(q, maxsplit=1)[0]
    for f in [*_metric_forms(glossary), *rules.head_cuts_zh]:
        i = head.find(f)
        if i >= 0:
            head = head[:i]
    return head.strip()


def unknown_names(question: str, glossary: Glossary, contains: Callable[[str], bool], rules: Rules | None = None,
                  before: Callable[[str], set[str]] | None = None) -> list[str]:
    """Name-shaped words of the question that neither the catalogue nor any indexed
    passage holds: the question is about something no document covers. (`before`: the
    words the documents write right before a word, CorpusText.before.)"""
    out = []
    sector = sector_head(question, glossary, contains, rules or load_rules(), before)
    if sector:
        out.append(sector)  # "跃力健身" where the documents cover 动岭健身: another company of that trade
    # ... anywhere in the question ("我该不该买入宸丰涂料的股票": 宸丰 before 涂料, the trade of 宸彩涂料)
    out += [n for n in trade_names(question, glossary, contains, rules or load_rules()) if n not in out]
    out += [n for n in near_names(question, glossary, contains) if n not in out]
    out += [n for n in _names_after_joiners(question, glossary, contains, rules or load_rules()) if n not in out]
    beside: dict[str, tuple[str, list[str]]] = {}  # beside_known of each name, worked out once
    # (and the name right after a joiner, read on its own: "比较商汤和灵曜智算…", where jieba cuts "和灵")
    found = _uncatalogued_names(question, glossary, rules, beside)
    # (only beside a company the catalogue holds, joined to it: "…维保改造两块业务", "牛油和面粉" join no names)
    found += [n for rest in _joiner_rests(question, rules or load_rules(), glossary)
              for n in _uncatalogued_names(rest, glossary, rules, beside) if rest.startswith(n) and n not in found]
    for n in found:
        other = business_after(question, n, rules or load_rules())
        if other and not contains(other):
            out.append(other)  # "嘉岳重工" where the documents write "嘉岳电梯" only: another company
            continue
        if contains(n) or (re.fullmatch(r"[A-Z]{2,}s", n) and contains(n[:-1])) \
                or any(contains(t) for t in glossary.terms.get(n.lower(), []) if not t.isascii()) \
                or any(contains(t) for t in cedict_index().get(n.lower(), []) if len(t) >= 2) \
                or _inside_held_term(n, question, glossary, contains):
            continue  # (an English term the documents write in Chinese: "North America", 北美, is no company; nor a
            # dictionary phrase they write so: "Golden Week", 黄金周)
        if _place_held(n, contains):
            continue  # a people's adjective whose country the documents name ("Swiss" watches: 瑞士), a province or
            # city they write ("Fujian": 福建)
        if _counted_group(n):
            continue  # "三家港股卫浴公司": a number of companies, no name
        opening, rest = _beside_known_once(n, glossary, beside)
        if not _opens_another_name(opening) and rest and all(contains(w) or _phrasing_word(w, rules or load_rules())
                                                             or _two_written_words(w, contains) or _says_what_is_done(w)
                                                             for w in rest):
            continue  # a known company, then words the documents use ("蒙牛乳业奶粉业务") or that phrase the question
            # ("凛途冷链一共有多大…": the head runs on into 一共)
        if _indexed_word_then_common(n, contains, rules or load_rules()):
            continue  # a word the documents use, then a common word ("太二贡献": "太二", "贡献")
        if _held_phrase_then_words(n, contains, rules or load_rules()):
            continue  # a phrase the documents write, then words they write that make no name ("美国商务部终裁")
        if before is not None and written_name(n, before, rules or load_rules()):
            continue  # a written name's head and its kind, the words between left out ("泓湾基金": 泓湾消费产业基金)
        if _opens_with_a_verb(n):
            continue  # "为什么要终止协议？": what is done (要, 会, 能, 还), no name
        out.append(n)
    return list(dict.fromkeys(out))


def _joiner_rests(question: str, rules: Rules, beside: Glossary | None = None) -> list[str]:
    """The text after each word joining two Chinese names ("和", "与"; config/catalogue.toml [question] name_joiners),
    where it opens with three Chinese characters or more. With `beside`: only after a catalogued company joined so
    ("商汤和灵曜智算…"), and also after a word opening a comparison (name_leads) where the rest's first joiner is
    followed by a catalogued company ("比较灵曜智算和商汤…")."""
    joiners = "|".join(map(re.escape, rules.name_joiners)) or "(?!)"
    rests = [question[m.end():] for m in re.finditer(joiners, question)
             if re.match(r"[\u4e00-\u9fff]{3,}", question[m.end():])
             and re.search(r"[\u4e00-\u9fff]", question[:m.start()][-1:])
             and (beside is None or _ends_with_company(question[:m.start()], beside))]
    lead = next((w for w in rules.name_leads if question.lstrip().startswith(w)), "") if beside is not None else ""
    if lead and re.match(r"[\u4e00-\u9fff]{3,}", rest := question.lstrip()[len(lead):]) \
            and (j := re.search(joiners, rest)) and _starts_with_company(rest[j.end():], beside):  # type: ignore[arg-type]
        rests.append(rest)
    return rests


def _company_forms(text: str, glossary: Glossary) -> list[str]:
    return [a.lower() for c in glossary.entities(text) if c in glossary.companies
            for a in [c, *glossary.aliases_of(c, codes=False)] if a]


def _ends_with_company(text: str, glossary: Glossary) -> bool:
    return any(text.lower().rstrip().endswith(a) for a in _company_forms(text, glossary))


def _starts_with_company(text: str, glossary: Glossary) -> bool:
    return any(text.lower().lstrip().startswith(a) for a in _company_forms(text, glossary))


def _names_after_joiners(question: str, glossary: Glossary, contains: Callable[[str], bool], rules: Rules) -> list[str]:
    """Unknown names written right after a word that joins two names ("越醅酒业和绍醅酒业…谁更高": jieba cuts "和绍",
    and the second name is found only where the text after the joiner is read on its own; config/catalogue.toml
    [question] name_joiners)."""
    out: list[str] = []
    for rest in _joiner_rests(question, rules):
        out += [n for n in [*trade_names(rest, glossary, contains, rules), *near_names(rest, glossary, contains)]
                if rest.startswith(n) and n not in out]
    return out


def _name_words(rules: Rules) -> frozenset[str]:
    """The words a company's or an institution's name ends with (config/catalogue.toml [names] company_suffixes,
    trade_words, business_words, org_suffixes)."""
    return frozenset({*rules.company_suffixes, *rules.trade_words, *rules.business_words, *rules.org_suffixes})


def _held_phrase_then_words(name: str, contains: Callable[[str], bool], rules: Rules, shortest: int = 3) -> bool:
    """Is a Chinese name-shaped phrase a phrase of `shortest` characters or more that the documents write whole
    ("美国商务部"), then words they write none of which ends a name ("终裁" of "美国商务部终裁给…")? What the
    documents say of something they name, no other company ("美国铝业": 美国 is too short to be a name of its own;
    "泓湾资本" ends with a company suffix)."""
    from chatbot.text import _jieba

    if not re.fullmatch(r"[\u4e00-\u9fff]{5,}", name):
        return False
    ends = _name_words(rules)
    for cut in range(len(name) - 2, shortest - 1, -1):
        head, rest = name[:cut], name[cut:]
        if not contains(head):
            continue
        words = [w for w in _jieba().lcut(rest) if w.strip()]
        return all(len(w) >= 2 and contains(w) and w not in ends and not w.endswith(tuple(ends)) for w in words)
    return False


def _name_suffixes(rules: Rules) -> list[str]:
    """The company and institution suffixes, longest first (config/catalogue.toml [names] company_suffixes,
    org_suffixes)."""
    return sorted({*rules.company_suffixes, *rules.org_suffixes}, key=len, reverse=True)


def written_name(name: str, before: Callable[..., set[str]], rules: Rules, gap: int = 6) -> str:
    """The name the documents write for a Chinese name made of a written name's opening word and its last word, a
    company or institution suffix, with the words between left out ("泓湾基金" -> 泓湾消费产业基金; up to `gap`
    characters left out); "" when they write none, or several. `before`: CorpusText.before. A look-alike with another
    suffix ("泓湾科技") is none."""
    if not re.fullmatch(r"[\u4e00-\u9fff]{4,}", name):
        return ""
    tail = next((s for s in _name_suffixes(rules) if name.endswith(s) and len(name) - len(s) >= 2), "")
    head = name[: len(name) - len(tail)] if tail else ""
    if not head:
        return ""
    written = {w for w in before(tail, len(head) + gap) if w.startswith(head) and len(w) > len(head)}
    # (the whole run the text writes before the suffix: its shorter endings are in `before` too, none opens the head)
    return next(iter(written)) + tail if len(written) == 1 else ""


def complete_written_names(question: str, glossary: Glossary, before: Callable[..., set[str]],
                           rules: Rules | None = None) -> str:
    """The question with each name it shortens as written_name reads it written out ("泓湾基金向…" -> "泓湾消费产业基金
    向…"), so that the name constraints hold the sentences that name it."""
    rules = rules or load_rules()
    if not re.search(r"[\u4e00-\u9fff]{4}", question) or not any(s in question for s in _name_suffixes(rules)):
        return question  # (no name of that shape: the name finder is not run)
    for n in _uncatalogued_names(question, glossary, rules, {}):
        full = written_name(n, before, rules)
        if full:
            question = question.replace(n, full)
    return question


def _opens_with_a_verb(name: str) -> bool:
    """Does a Chinese phrase open with a one-character word that says what is done ("要终止协议", "会亏损", "还会增长":
    config/catalogue.toml [question] verb_openers), as jieba cuts it? No company's name does ("骋越汽车" opens with 骋)."""
    from chatbot.names import _posseg

    if not re.match(r"[\u4e00-\u9fff]", name):
        return False
    tokens = _posseg(name)
    return bool(tokens) and tokens[0][0] in load_rules().verb_openers


def near_names(question: str, glossary: Glossary, contains: Callable[[str], bool], shortest: int = 4) -> list[str]:
    """Chinese words of the question written as a catalogued company's name with one character changed ("檐雨伞业" where
    the documents cover 檐歌伞业, "漱宴日化" for 漱晏日化), which no indexed passage writes: another company, a
    look-alike of a covered one (a name of `shortest` characters or more; the catalogued name itself written in the
    question names that company)."""
    names = {n for n in (*glossary.companies, *glossary.aliases) if len(n) >= shortest and re.fullmatch(r"[\u4e00-\u9fff]+", n)}
    out: list[str] = []
    for run in re.findall(rf"[\u4e00-\u9fff]{{{shortest},}}", question):
        for n in names:
            if n in run:
                continue
            for i in range(len(run) - len(n) + 1):
                cut = run[i:i + len(n)]
                if (cut[0] == n[0] or cut[-2:] == n[-2:]) and sum(a != b for a, b in zip(cut, n, strict=True)) == 1 \
                        and cut not in out and not contains(cut) and not glossary.entities(cut):
                    out.append(cut)
    return out


def _inside_held_term(name: str, question: str, glossary: Glossary, contains: Callable[[str], bool]) -> bool:
    """Is an English name-shaped word part of a longer English term the question writes whose Chinese the documents
    hold ("South" of "South China", 华南)?"""
    if not re.fullmatch(r"[A-Za-z][A-Za-z\-]*", name):
        return False
    low, word = question.lower(), name.lower()
    return any(" " in term and re.search(rf"(?<![a-z]){re.escape(word)}(?![a-z])", term)
               and re.search(rf"(?<![a-z]){re.escape(term)}(?![a-z])", low)
               and any(contains(t) for t in zh if not t.isascii())
               for term, zh in glossary.terms.items() if word in term)


def firm_shaped(name: str, contains: Callable[[str], bool]) -> bool:
    """Is a follow-up's phrase a company's name no document writes: it ends with a firm's suffix (config/catalogue.toml
    [question] firm_suffixes: "澄净科技呢") and the documents never write it whole?"""
    bare = re.sub(r"[呢吗么啊呀？?]+$", "", name)
    return len(bare) > 2 and bare.endswith(load_rules().firm_suffixes) and not contains(bare)


def words_written(name: str, contains: Callable[[str], bool]) -> bool:
    """Are all the words of two characters or more of a Chinese phrase ones the documents write ("码头吞吐量": 码头,
    吞吐量; not "镨锋磁材")? Such a phrase is the documents' vocabulary, no name of its own."""
    from chatbot.text import _jieba

    words = [w for w in _jieba().lcut(name) if len(w) >= 2 and re.fullmatch(r"[\u4e00-\u9fff]+", w)]
    if not words or not all(contains(w) for w in words):
        return False
    # (and no run of characters the tokenizer left single that the documents never write: "骋越" of "骋越汽车", a name's
    # opening before a written trade word)
    rest = re.sub("|".join(map(re.escape, sorted(words, key=len, reverse=True))), " ", name)
    return all(contains(run) for run in re.findall(r"[\u4e00-\u9fff]{2,}", rest))


def _place_held(name: str, contains: Callable[[str], bool]) -> bool:
    """Is an English word one the dictionary gives as a people or its language ("Swiss" -> 瑞士人, "Dutch" -> 荷兰语)
    whose country the documents write (瑞士, 荷兰), or as a province or city ("Fujian" -> 福建, 福建省) that they write?"""
    if re.fullmatch(r"[A-Za-z]+(?: [A-Za-z]+){1,2}", name):  # "North American": of North America (北美)
        return any(contains(t) for form in _region_nouns(name.lower()) for t in cedict_index().get(form, []) if len(t) >= 2)
    if not re.fullmatch(r"[A-Za-z]+", name):
        return False
    if (place := demonym_place(name)) and contains(place):
        return True
    return any((len(t) > 2 and ((t.endswith("人") and contains(t[:-1]))
                               or (t[-1] in "省市" and (contains(t) or contains(t[:-1])))))
               or (len(t) >= 2 and dictionary_tag(t) == "ns" and contains(t))  # "Africa": 非洲, tagged a place
               for t in cedict_index().get(name.lower(), []))


def _region_nouns(adjective: str) -> list[str]:
    """The place an English adjective of several words is of ("north american" -> "north america", "middle eastern"
    -> "middle east", "southeast asian" -> "southeast asia"): its last word less an adjective's ending."""
    head, _, last = adjective.rpartition(" ")
    return [f"{head} {last[:-k]}" for k in (1, 2, 3) if last.endswith(("n", "an", "ern")[k - 1])]


def _counted_group(name: str) -> bool:
    """Does a Chinese name-shaped phrase open with a count of things ("三家", "两家", "几家", "这三家"): a group of
    companies the question counts, no company's name?"""
    return re.match(r"^(?:这|那)?[一二两三四五六七八九十几多\d]+(?:家|个|间|只)", name) is not None


def sector_head(question: str, glossary: Glossary, contains: Callable[[str], bool], rules: Rules,
                before: Callable[[str], set[str]] | None = None) -> str:
    """The subject a Chinese question opens with when it is an uncommon word no document writes
    followed by a word naming a line of business ("跃力健身目前有多少家门店" -> "跃力健身"), "" otherwise.
    The line of business is a config/catalogue.toml business or trade word, or one the catalogue's
    own names end with ("邛岭铝业" -> 铝业), or one the documents write right after a catalogued
    name ("动岭健身": 动岭 is catalogued): a known company's trade with another name before it is
    another company of that trade, whether or not its first word reads as a name to jieba."""
    from chatbot.text import _jieba

    if not re.search(r"[\u4e00-\u9fff]", question):
        return ""
    head = chinese_head(question, glossary, rules)
    words = [w for w in _jieba().lcut(head) if w.strip()]
    if len(words) >= 4 and words[-1] in _ASPECT_PARTICLES:  # a verb and its particle end the name ("漱清日化召回了
        words = words[:-2]  # 多少支": 漱清日化)
        head = "".join(words)
    if len(words) < 2 or not re.fullmatch(r"[\u4e00-\u9fff]+", head):
        return ""
    tail = words[-1]
    stem = head[: len(head) - len(tail)]
    if len(tail) < 2 or len(stem) < 2 or glossary.entities(head) or glossary.entities(stem):
        return ""
    if contains(head) or contains(stem) or not _reads_as_name(stem, rules) or is_reader_phrase(stem):
        return ""  # a name the documents write, or a descriptive word ("高端健身"): no other company
    return head if _names_trade(tail, glossary, rules, before) else ""


def trade_names(question: str, glossary: Glossary, contains: Callable[[str], bool], rules: Rules) -> list[str]:
    """Names a Chinese question writes as an uncommon word no document writes, then a word naming a line of
    business (as sector_head reads the question's head), anywhere in it: "我该不该买入宸丰涂料的股票" -> 宸丰涂料
    where the documents cover 宸彩涂料."""
    from chatbot.names import GENERIC_FREQ
    from chatbot.text import _jieba

    if not re.search(r"[\u4e00-\u9fff]", question):
        return []
    freq = _jieba().dt.FREQ
    out, at, starts = [], 0, set()
    for w in _jieba().lcut(question):
        starts.add(at)
        at += len(w)
        if len(w) < 2 or not re.fullmatch(r"[\u4e00-\u9fff]+", w) or not _names_trade(w, glossary, rules, None):
            continue
        if at - len(w) - 2 not in starts:
            continue  # the two characters before it start inside a word ("6月底欠银行": 月底), no name's
        # the two characters before the trade word, a coined word: no word of the dictionary, one of its characters
        # rare and neither a common one ("宸丰" of "买入宸丰涂料"; not "篇讲" of "那篇讲涂料", nor "零售", "高端")
        stem = question[max(0, at - len(w) - 2): at - len(w)]
        if not re.fullmatch(r"[\u4e00-\u9fff]{2}", stem) or freq.get(stem) or is_reader_phrase(stem):
            continue
        counts = [freq.get(ch) or 0 for ch in stem]
        if min(counts) >= GENERIC_FREQ or max(counts) >= rules.common_char_freq:
            continue
        name = stem + w
        if not (glossary.entities(name) or glossary.entities(stem) or contains(name) or contains(stem)):
            out.append(name)
    return out


def _reads_as_name(word: str, rules: Rules) -> bool:
    """Is the word one uncommon word that jieba's dictionary lacks ("跃力"), or one it tags as a name
    reads (config/catalogue.toml [question] sector_stem_pos: "北辰", "腾跃")?"""
    from chatbot.names import _posseg
    from chatbot.text import _jieba

    tagged = [(w, flag) for w, flag in _posseg(word) if w.strip()]
    if len(tagged) != 1 or not _not_common_words(word):
        return False  # ("半挂": two words, a descriptive phrase; "生产": a common word)
    return not _jieba().dt.FREQ.get(word) or tagged[0][1] in rules.sector_stem_pos


def _names_trade(word: str, glossary: Glossary, rules: Rules, before: Callable[[str], set[str]] | None) -> bool:
    """Is the word a line of business: configured, a catalogued name's ending, or written right after one?"""
    if word in rules.business_words or word in rules.trade_words:
        return True
    names = {n for n in (*glossary.aliases, *glossary.companies) if n and re.fullmatch(r"[\u4e00-\u9fff]+", n)}
    if any(len(n) >= len(word) + 2 and n.endswith(word) for n in names):
        return True
    return before is not None and bool(before(word) & names)


def business_after(question: str, name: str, rules: Rules) -> str:
    """The name with the line of business the question writes right after it ("嘉岳" + "重工" in
    "嘉岳重工前九个月…", "枭桌" + "娱乐"), "" when none of config/catalogue.toml's business_words or trade_words
    follows it (its generic_tails, "集团", "国际", may still name the company asked)."""
    at = question.find(name)
    if at < 0 or not re.search(r"[\u4e00-\u9fff]", name):
        return ""
    after = question[at + len(name):]
    words = sorted({*rules.business_words, *rules.trade_words} - rules.generic_tails, key=len, reverse=True)
    word = next((w for w in words if after.startswith(w)), "")
    return name + word if word else ""


def _indexed_word_then_common(name: str, contains: Callable[[str], bool], rules: Rules) -> bool:
    """Is a Chinese name a word the documents use followed only by common words that are no
    part of a company name ("太二贡献" of "太二贡献了多少": the brand "太二", then a verb
    jieba tags as a noun)? "中国国航" (uncommon "国航") and "美的集团" (a company suffix) are not."""
    from chatbot.names import GENERIC_FREQ
    from chatbot.text import _jieba

    if not re.search(r"[\u4e00-\u9fff]", name):
        return False
    j = _jieba()
    words = [w for w in j.lcut(name) if w.strip()]
    if len(words) < 2 or len(words[0]) < 2 or not contains(words[0]):
        return False
    if not _not_common_words(name) and _coined_compound(name, rules):
        return False  # ("汽车街": common words, one no dictionary holds, is a name)
    name_words = set(rules.company_suffixes) | set(rules.trade_words) | set(rules.org_suffixes)
    return all((j.dt.FREQ.get(w) or 0) >= GENERIC_FREQ and w not in name_words for w in words[1:])


def beside_known(name: str, glossary: Glossary) -> tuple[str, list[str]]:
    """A Chinese name around the known names it holds: the words before the first one
    ("中国燃气", where "燃气" is known -> "中国"; "永利澳门" -> "永利") and the words after
    or between them ("蒙牛乳业奶粉业务" -> ["奶粉", "业务"]); ("", []) when it holds no known name."""
    low = unicodedata.normalize("NFKC", name).lower()
    if not re.search(r"[\u4e00-\u9fff]", low):
        return "", []
    found = sorted((a for a in glossary.aliases if a and not a.isascii() and a in low), key=len, reverse=True)
    if not found:
        return "", []
    for a in found:
        low = low.replace(a, "\0")
    opening, _, rest = low.partition("\0")
    from chatbot.text import _jieba

    words = [w for piece in rest.split("\0") if len(piece.strip()) >= 2 for w in _jieba().lcut(piece.strip()) if w.strip()]
    return opening.strip(), words


def _beside_known_once(name: str, glossary: Glossary, beside: dict[str, tuple[str, list[str]]]) -> tuple[str, list[str]]:
    """beside_known(name), kept in `beside` (one question's names)."""
    if name not in beside:
        beside[name] = beside_known(name, glossary)
    return beside[name]


def _other_name_beside(name: str, glossary: Glossary, beside: dict[str, tuple[str, list[str]]]) -> bool:
    """Does a name hold, beside a known name, words that name something else: words
    before it ("中国燃气", "永利澳门": the known "燃气", "澳门" do not open the name), or an
    uncommon word after it?"""
    opening, rest = _beside_known_once(name, glossary, beside)
    return _opens_another_name(opening) or (bool(rest) and _not_common_words("".join(rest)))


def _opens_another_name(opening: str) -> bool:
    """Are the words before a known name part of another name: an uncommon word ("永利") or
    a place ("中国" of "中国燃气"), not a verb or common word of the question ("预测" of
    "报告预测云知声…")?"""
    from chatbot.names import _posseg

    if len(opening) < 2 or is_reader_phrase(opening):  # "概括一下云知声": the reader's words
        return False
    return _not_common_words(opening) or all(flag == "ns" for _, flag in _posseg(opening))


def _before_preposition(head: str) -> str:
    """A question's head up to its first preposition after a word or more ("丹垟果业以鲜果批发为主" -> "丹垟果业", as
    "为什么" opened the question and nothing cut the head before 以); the head itself when none follows its first word."""
    from chatbot.names import _posseg

    words = _posseg(head) if re.search(r"[\u4e00-\u9fff]", head) else []
    at = next((i for i, (_, flag) in enumerate(words) if i > 0 and flag == "p"), None)
    return "".join(w for w, _ in words[:at]) if at is not None else head


def uncatalogued_names(question: str, glossary: Glossary, rules: Rules | None = None) -> list[str]:
    """Name-shaped words of the question that the catalogue does not know (a company
    the documents only mention in passing, like "腾讯" in a list of investors): an
    answer about it must name it."""
    return _uncatalogued_names(question, glossary, rules, {})


def institution_names(question: str, glossary: Glossary, rules: Rules | None = None) -> list[str]:
    """The names a question gives of another company or institution than the catalogued ones it asks about: a
    Chinese name the name finder reads (uncatalogued_names) that ends with a company or organisation suffix
    (config/catalogue.toml [names] company_suffixes, org_suffixes: "华启证券", "某某研究所") and is neither a
    catalogued name, nor holds one ("蒙牛乳业奶粉业务" is the company and its segment), nor is a part of one
    ("安衡保险" of 安衡保险经纪). The broker whose target price is asked, the source of an estimate: whose figure
    it is, not a word of the figure."""
    rules = rules or load_rules()
    suffixes = (*rules.company_suffixes, *rules.org_suffixes)
    known = [a for a in (*glossary.aliases, *glossary.companies) if a and not a.isascii()]
    return [n for n in uncatalogued_names(question, glossary, rules)
            if re.fullmatch(r"[\u4e00-\u9fff]{3,}", n) and n.endswith(suffixes) and not glossary.entities(n)
            and not any(n in a for a in known)]


def _uncatalogued_names(question: str, glossary: Glossary, rules: Rules | None,
                        beside: dict[str, tuple[str, list[str]]]) -> list[str]:
    """uncatalogued_names, keeping in `beside` the beside_known of each name it looked at."""
    rules = rules or load_rules()
    out: list[str] = []
    terms = set(glossary.terms)
    # a name is known when the catalogue holds it, and it adds no uncommon word of its own
    known = lambda name: (bool(glossary.entities(name)) and not _other_name_beside(name, glossary, beside)  # noqa: E731
                          and not _other_trade_after(name, glossary, rules))

    # a possessive parts two names ("Tervalle's Trailnest backpack brand": Trailnest of Tervalle)
    runs = [(m.start() if i == 0 else -1, piece) for m in _CAPS_RUN.finditer(question)
            for i, piece in enumerate(re.split(r"(?<='s)\s+", m.group(0)))]
    for start, run in runs:
        words = [re.sub(r"'s$", "", w) for w in run.split()]
        # a hyphenated word the dictionary holds whole is a word, no name ("Western-style": 西式)
        words = [w for w in words if not _dictionary_compound(w, terms)]
        if not words:
            continue
        # an English word after a hyphen makes a modifier of the name before it ("Hong
        # Kong-listed", "A-share", "Alibaba-backed"): the name is what stands before the hyphen
        words = [re.sub(r"-([a-z]+)$", lambda h: "" if _is_modifier(h.group(1)) else h.group(0), w) for w in words]
        first, whole = words[0], words
        if len(words) > 1 and names_a_place(" ".join(words).lower()) and glossary.translate(" ".join(words).lower()):
            continue  # a place the dictionary holds and the documents write, "New Zealand" (新西兰): no company ("new" is
            # a term); a place no document writes, "South Korea", is a name no document holds, as before
        # words that are no names come off the ends ("What", "Q2", "Hong Kong"), not the
        # middle ("Hua Hong Semiconductor")
        while words and (rules.not_name_en(words[0]) or words[0].lower() in terms):
            words = words[1:]
        words = rules.with_opener(whole, words)  # "China Tower": a place opening a name is part of it
        # (an acronym that opens a term ends the name: "Yuexin Tower's EBITDA margin" names Yuexin Tower)
        while words and (rules.not_name_en(words[-1]) or words[-1].lower() in terms
                         or (words[-1].isupper() and any(t.startswith(f"{words[-1].lower()} ") for t in terms))):
            words = words[:-1]
        opens = start == 0 or (start > 0 and bool(re.search(r"[:：.?!。？！]\s*$", question[:start])))
        if (opens and words and words[0] == first and is_english_word(first) and not _gloss_of_company(first)
                and first not in rules.name_openers_en):
            words = words[1:]  # a capital that only starts the sentence (or the question after "溟珂海洋: ")
        # an ALL-CAPS ordinary word is shouting or code ("DROP TABLE", "${HOME}"), not a
        # name; an acronym that is no English word ("NIO", "BYD", "SMIC") still is one
        if known(" ".join(words)):  # a catalogued name written in capitals ("COSCO SHIPPING Holdings")
            continue
        words = [w for w in words if not (w.isupper() and len(w) > 1 and is_english_word(w) and not _gloss_of_company(w))]
        name = " ".join(words)
        if len(name) >= 2 and not known(name) and (not any(known(w) for w in words)
                                                   or _other_trade_after(name, glossary, rules)):
            out.append(name)
    # a name an English question writes in Chinese ("What was 天数智芯's revenue?")
    out += [w for w in chinese_runs(question) if not known(w) and not _metric_word(w, glossary)]
    if re.search(r"[\u4e00-\u9fff]", question):
        head = _before_preposition(chinese_head(question, glossary, rules))
        name = name_after(head, rules)  # "毕马威预计…" -> "毕马威"
        if len(name) < 2:  # a name jieba cannot tag ("拼多多"): the head, unless made of common
            # words or opening with a word no name opens with ("按预告区间测算", "港股…", "总结")
            # ("极氪第三季度…": an adverb-tagged first character, but a period follows: a subject)
            name = head if (_not_common_words(head) or coined_run(head, rules)) and (
                _may_open_name(head, rules) or _period_follows(question, head)) and not _verb_phrase(head) else ""
        if (2 <= len(name) <= 8 and re.search(r"[\u4e00-\u9fff]", name) and not name.endswith(rules.sector_tails)
                and (_not_common_words(name) or _coined_compound(name, rules) or coined_run(name, rules))
                and not known(name)
                and not is_phrasing_word(name, dictionary_only=True)):  # "说到底，…" opens with phrasing, not a name
            out.append(name)
        out += [w for w in _dictionary_companies(question) if not known(w) and w not in out]
        # the company whose shares the question asks to buy or hold, anywhere in it ("现在适合买入璇星卫星的股票吗？")
        for m in rules.holding_slot.finditer(question) if rules.holding_slot else ():
            name = name_after(m.group("name"), rules) or m.group("name")
            if len(name) >= 2 and (_not_common_words(name) or coined_run(name, rules)) and not known(name) \
                    and name not in out and not is_phrasing_word(name, dictionary_only=True):
                out.append(name)
        suffixes = (*rules.company_suffixes, *rules.question_company_suffixes)
        sfx = "|".join(map(re.escape, suffixes))
        for m in re.finditer(rf"(?:{sfx})", question):
            name = name_before(question[: m.end()], rules)
            if _verb_then_object(name, m.group(0)) or _attribute_then_suffix(name, m.group(0)):
                continue  # a verb governing the suffix's word: "欠银行多少钱", "花多少钱做资本开支"; or a word of kind
                # before it: "优先级证券" (senior securities), no brand
            if _has_suffix(name, suffixes) and not known(name) and name not in out:
                out.append(name)
    return list(dict.fromkeys(out))


def uncatalogued_written_once(question: str, glossary: Glossary, corpus: CorpusText) -> bool:
    """Does the question name companies the catalogue does not hold that the documents write, each once ("宸砾复材" of
    "与同行崟石玻纤、宸砾复材相比")? Peers named in passing: the documents say nothing of why or how of them."""
    odd = [n for n in uncatalogued_names(question, glossary) if corpus.contains(n)]
    return bool(odd) and all(corpus.count(n) <= 1 for n in odd)


@lru_cache(maxsize=1)
def _peer_cues() -> re.Pattern | None:
    cues = load_rules().peer_cues
    return re.compile(cues) if cues else None


def written_once_in_chinese(question: str, glossary: Glossary, corpus: CorpusText) -> bool:
    """... each named by the question in Chinese as the documents write it, in a list of peers ([names] peer_cues:
    "为什么铖罐实业的罐体卖得比珩罐包装便宜？" of "其他主要参与者包括铖罐实业及宁泓制罐等"): a peer the article names once
    beside its own company, of which it says nothing."""
    odd = [n for n in uncatalogued_names(question, glossary) if corpus.contains(n)]
    peers = _peer_cues()
    return bool(odd) and peers is not None and all(
        corpus.count(n) <= 1 and re.fullmatch(r"[\u4e00-\u9fff]+", n) and n in question and peers.search(corpus.around(n))
        for n in odd)


def _two_written_words(word: str, contains: Callable[[str], bool]) -> bool:
    """Is a word jieba keeps whole, which the documents do not write, two words they do ("华南地区": 华南, 地区;
    the article writes "华南收入" and "其他地区")?"""
    return len(word) >= 4 and any(contains(word[:i]) and contains(word[i:]) for i in range(2, len(word) - 1))


def _says_what_is_done(word: str) -> bool:
    """A word of two characters after a known name that is a verb and the word before it ("新租" of "桑綦丝绸新租的仓库",
    "已签", "再建"): each character a word of its own in jieba's dictionary, an adjective or adverb then a verb (jieba
    may keep the two as one noun, "新租", or a place, "新建"); no name's end."""
    return (len(word) == 2 and (dictionary_tag(word[0]) or "")[:1] in ("a", "d")
            and (dictionary_tag(word[1]) or "").startswith("v"))


def _phrasing_word(word: str, rules: Rules) -> bool:
    """A dictionary word after a known name that phrases the question ("一共", "大概", "到底"; or a pointer and its
    measure word, "那艘", "这两家": config/catalogue.toml [question] pointer_word): jieba's dictionary tags it as no noun, and it is no word a company's name is made of (a company suffix, a trade
    or business word). Nouns ("华南", "物流") and words jieba does not know stay part of a name."""
    if rules.pointer_word is not None and rules.pointer_word.fullmatch(word):
        return True  # "溟珂海洋那艘…": the company, then a word pointing at its ship
    tag = dictionary_tag(word)
    return tag is not None and tag != "" and not tag.startswith(("n", "vn", "eng")) and word not in _name_words(rules)


def _verb_then_object(name: str, suffix: str) -> bool:
    """Does the name before a company suffix end in a one-character verb, so that the suffix's word is
    that verb's object ("欠银行", "钱做资本" of "花多少钱做资本开支"), not the end of a name? Only common nouns
    stand before the verb, and the words before the suffix are no dictionary word: "蔚来汽车" (蔚, a rare
    character, then 来), "远达证券" (an adjective before the verb) and "信达生物" (信达, a word of jieba's
    dictionary though its tagger cuts it) are names."""
    from chatbot.names import GENERIC_FREQ, _posseg
    from chatbot.text import _jieba

    stem = name[: -len(suffix)] if name.endswith(suffix) else ""
    words = _posseg(stem) if stem else []
    freq = _jieba().dt.FREQ
    return (bool(words) and len(words[-1][0]) == 1 and words[-1][1] == "v" and (len(words) == 1 or not freq.get(stem))
            and all((freq.get(w) or 0) >= GENERIC_FREQ and flag == "n" for w, flag in words[:-1]))


def _other_trade_after(name: str, glossary: Glossary, rules: Rules) -> bool:
    """Does an English name hold a catalogued name, then words (its own after its first word,
    and the rest) naming another line of business ("Ruishi Steel" where 睿视眼镜 is "Ruishi")?
    Then it is another company."""
    if not name.isascii():
        return False
    low, canons = name.lower(), set(glossary.entities(name))
    for alias, canon in glossary.aliases.items():
        m = (re.search(rf"(?<![a-z0-9]){re.escape(alias)}(?![a-z0-9])", low)
             if canon in canons and alias.isascii() and alias else None)
        if m and (other_business(name[m.start():].split()[1:], canon, glossary, rules)
                  or _other_than_english_name(name[m.start():].split(), canon, glossary, rules)):
            return True
    return False


def _stem_en(word: str) -> str:
    return word.lower().rstrip(".").removesuffix("s")


def _other_than_english_name(words: list[str], canon: str, glossary: Glossary, rules: Rules) -> bool:
    """Does an English name open as a company's English name that its documents write ("Reedhaven Instruments"),
    then say another trade ("Reedhaven Music Group": Music where its own name says Instruments)? The documents' own
    English name is how its readers name it; one with other trade words is another company, and so is one with any
    trade word where the documents' English name is its legal form alone ("Cuevale Holdings": "Cuevale Sports Clubs"
    is none of theirs). A pinyin name ("Paxi Nongye") says no trade to compare."""
    legal = {_stem_en(w) for w in rules.en_legal_tails}
    if " ".join(words).lower() in glossary.aliases or any(rules.syllables(w) for w in words[1:]):
        return False  # a name the catalogue holds, or romanised Chinese ("Miling Fengye" of 蜜岭蜂业): no trade in English
    asked = {_stem_en(w) for w in words[1:]} - legal
    if not asked:
        return False
    first = words[0].lower()
    own = [a.split() for a in glossary.aliases_of(canon, codes=False)
           if a.isascii() and " " in a and a.split()[0] == first and not all(rules.syllables(w) for w in a.split())]
    trades = [{_stem_en(w) for w in a[1:]} - legal for a in own]
    if own and not any(trades):  # (its English name is its legal form alone, "Cubenza Technologies": a name saying a
        # trade, "Cubenza Toys", is none the documents write, another company's; a wrong figure is worse than a refusal)
        return True
    trades = [t for t in trades if t]
    return bool(trades) and not any(asked & t for t in trades)


def _metric_word(word: str, glossary: Glossary) -> bool:
    """A metric or term written in Chinese ("What was SenseTime's 毛利率?"), not a name."""
    return bool(glossary.metrics_in(word)) or any(word in zh for zh in glossary.terms.values())


def _dictionary_companies(question: str) -> list[str]:
    """Words of the question that CC-CEDICT glosses as a company or brand ("百度",
    "京东"): common words to jieba, so the head rule above lets them pass."""
    from chatbot.bilingual import company_words
    from chatbot.text import _jieba

    names = company_words()
    return [w for w in _jieba().lcut(question) if w in names]


def _not_common_words(head: str) -> bool:
    """Is some word of the head no common dictionary word ("报告总结" is two common
    words, "寒武纪" and "英伟达" are not)?"""
    from chatbot.names import GENERIC_FREQ
    from chatbot.text import _jieba

    j = _jieba()
    return any((j.dt.FREQ.get(w) or 0) < GENERIC_FREQ for w in j.lcut(head) if w.strip())


def coined_run(name: str, rules: Rules) -> str:
    """The first run of two or more single characters jieba leaves unjoined in the name, each tagged as a piece of a
    name can be ([question] coined_char_pos), that its dictionary does not hold as one word: the coined part of a
    name made of common characters ("璇星" of "璇星卫星": 璇 and 星 are common, "璇星" is no word). "" if none; the
    caller checks that no document writes it."""
    from chatbot.names import _posseg
    from chatbot.text import _jieba

    run: list[str] = []
    for w, flag in [*_posseg(name), ("", "")]:
        if len(w) == 1 and re.fullmatch(r"[\u4e00-\u9fff]", w) and flag in rules.coined_char_pos:
            run.append(w)
            continue
        if len(run) >= 2 and not _jieba().dt.FREQ.get("".join(run)):
            return "".join(run)
        run = []
    return ""


def _coined_compound(name: str, rules: Rules) -> bool:
    """Is a name made of common words no dictionary holds as one word ("汽车街": 汽车 + 街,
    where "汽车行业", "港股市场" or "坦克品牌" end in a word naming a sector, a market or a part
    of a company)? Such a subject, when no indexed passage writes it, is a company the
    documents do not cover; the caller checks the passages."""
    from chatbot.names import _posseg
    from chatbot.text import _jieba

    j = _jieba()
    words = [(w, flag) for w, flag in _posseg(name) if w.strip()]
    if len(words) < 2 or j.dt.FREQ.get(name):
        return False
    general = rules.descriptors | rules.part_words
    return all(flag.startswith("n") and w not in general for w, flag in words) and not any(w in general for w in j.lcut(name))


def _may_open_name(head: str, rules: Rules) -> bool:
    from chatbot.names import _posseg

    words = _posseg(head)
    if not words:
        return False
    w, flag = words[0]
    return w not in rules.descriptors and flag not in ("p", "c", "u", "r", "d", "t", "m") and not (flag.startswith("v") and len(w) > 1)


def _attribute_then_suffix(name: str, suffix: str) -> bool:
    """Is the name one word of the dictionary that says a kind (jieba's tags b, a: "优先级", "永续") before a company
    suffix that is also a common noun ("证券": securities)? A kind of instrument, no company."""
    from chatbot.names import _posseg

    head = name[: -len(suffix)] if name.endswith(suffix) else ""
    words = _posseg(head) if head else []
    return len(words) == 1 and words[0][1] in ("b", "a") and dictionary_word(head)


def _verb_phrase(head: str) -> bool:
    """A head that opens and ends with a verb ("分园区看": by park, looking): how the question looks at the figures,
    no name."""
    from chatbot.names import _posseg

    words = _posseg(head)
    return len(words) >= 3 and words[0][1].startswith("v") and words[-1][1].startswith("v")


_RELATIVE_YEAR = re.compile(r"\s*(?:今年|去年|本年)")


def _period_follows(question: str, head: str) -> bool:
    """Does a period ("2025年", "第三季度", "上半年", "10月份") follow the head: the head is
    what the question asks about?"""
    q = unicodedata.normalize("NFKC", question)
    i = q.find(head)
    if i < 0:
        return False
    rest = q[i + len(head):]
    m = period_phrase_re().match(rest.lstrip())
    return bool(_RELATIVE_YEAR.match(rest) or (m and m.group(0)))


def _gloss_of_company(w: str) -> bool:
    """An English word CC-CEDICT uses only in the glosses of companies' headwords ("BYD"
    for 比亚迪): a name, although a word of its definitions."""
    return w.lower() in _company_only_gloss_words()


@lru_cache(maxsize=1)
def _company_only_gloss_words() -> frozenset[str]:
    from chatbot.bilingual import cedict_index, company_words

    companies = company_words()
    in_company: set[str] = set()
    elsewhere: set[str] = set()
    for gloss, heads in cedict_index().items():
        (in_company if any(h in companies for h in heads) else elsewhere).update(gloss.split())
    return frozenset(in_company - elsewhere)


def _dictionary_compound(word: str, terms: set[str]) -> bool:
    """A hyphenated word whose parts, read as one phrase, are a phrase of the dictionary or a term
    ("Western-style" -> "western style": 西式); "Hong Kong-listed" or "Alibaba-backed" is none."""
    if "-" not in word.strip("-"):
        return False
    phrase = word.lower().replace("-", " ")
    return phrase in terms or phrase in cedict_index()


def _is_modifier(w: str) -> bool:
    """An English word, or a form of one ("backed", "listed"), after a hyphen."""
    from chatbot.bilingual import is_english_word

    return is_english_word(w)
