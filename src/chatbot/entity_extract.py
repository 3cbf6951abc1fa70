"""The companies and institutions one document names, found at ingest (what is
found, and where it is kept: catalogue.py)."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from functools import lru_cache

from chatbot.names import (
    _CJK,
    _EN_LEGAL_NAME,
    _EN_NAME,
    _FUNCTION_CHARS,
    _PUNCT,
    Entry,
    Rules,
    _has_suffix,
    _name_shaped,
    _norm_ticker,
    _pair_name,
    _short_forms,
    _tickers_in,
    bare_code_ticker,
    common_word,
    dictionary_word,
    head_forms,
    load_rules,
    name_after,
    name_before,
)
from chatbot.pinyin_readings import pinyin_forms

_QUOTED_NAME = re.compile(r"[“「『\"]([^”」』\"]{2,40})[”」』\"]")  # a name in quotation marks


def _with_coined_opening(before: str, name: str) -> str:
    """The name with the word before it when that word opens the clause and no dictionary holds it ("，澄亮车护等区域
    连锁": jieba tags the coined 澄亮 a verb, yet it is the name's first word, not "车护" alone)."""
    seg = _PUNCT.split(before)[-1]
    rest = seg[: -len(name)] if name and seg.endswith(name) else ""
    if 2 <= len(rest) <= 3 and re.fullmatch(rf"[{_CJK}]+", rest) and rest[0] not in _FUNCTION_CHARS \
            and not dictionary_word(rest):
        return rest + name
    return name


# a bracket after a name: its ticker, English name, short form or role ("（“缃礼展览”或“目标公司”）")
_BRACKET = re.compile(r"[(（]([^()（）\n]{2,60})[)）]")


# Over 60 lines on purpose: the numbered passes below share the `found` table and its
# `add`; apart they would pass both around for no gain in reading.
def extract(title: str, tickers: list[str], text: str, rules: Rules | None = None) -> list[Entry]:
    """The companies and institutions one document names."""
    rules = rules or load_rules()
    # "Fengsui Seed Co., Ltd.": an English legal form after a comma is part of the name
    text = _EN_LEGAL_COMMA.sub(" ", unicodedata.normalize("NFKC", text))
    title = _EN_LEGAL_COMMA.sub(" ", unicodedata.normalize("NFKC", title or ""))
    full = f"{title}\n{text}"
    found: dict[str, Entry] = {}

    def add(name: str, kind: str, tick=(), aliases=()) -> Entry | None:
        name = _last_of_pair(name.strip(), full, rules)
        others = tuple(f for e in found.values() for f in [e.name, *e.aliases])
        if (kind == "company" or _has_suffix(name, rules.legal_tails)) and (short := _without_description(name, full, rules, others)) != name:
            # "现制茶饮连锁茶屿控股（港股代码2597）": the name is "茶屿控股" (the words before it describe it);
            # a place before it is the registered name's own ("上海米哈游网络科技股份有限公司": an alias)
            name, aliases = short, [*aliases, name] if _place(name[: len(name) - len(short)]) else aliases
        if not _name_shaped(name) or name in rules.company_suffixes + rules.trade_words:  # "集团" alone names nobody
            return None
        if (tail := next((t for t in rules.legal_tails if name.endswith(t)), "")) and _suffixes_only(name[: -len(tail)], rules):
            return None  # "国际控股有限公司": the words of a name cut off before it
        if not tick and re.search(rf"[{_CJK}]$", name) and _has_suffix(name, rules.term_suffixes):
            return None  # "综合成本率（COR）": a metric, not a name
        e = found.setdefault(name, Entry(name=name))
        if kind == "company":
            e.kind = "company"
        e.tickers += [t for t in tick if t not in e.tickers]
        e.aliases += [a for a in aliases if a != name and a not in e.aliases]
        return e

    # 1. a name with a ticker (or an English name) in the brackets after it
    for m in _BRACKET.finditer(full):
        before = full[max(0, m.start() - 60): m.start()]  # (an English name of five words whole)
        inner = m.group(1)
        tick = _tickers_in(inner, rules) or bare_code_ticker(inner, rules)
        # a ticker or an English name (not an acronym such as "DAU") in the brackets: the
        # words before them are a name
        en_name = bool(re.fullmatch(_EN_NAME, inner.strip())) and not inner.strip().isupper()
        name = name_before(before, rules, lenient=bool(tick) or en_name or bool(_legal_english(inner, rules)))
        if not name:
            continue
        named = re.findall(r"(?:简称|下称)\s*[“\"「]?([^”\"」,，;；]{2,12})[”\"」]?", inner)
        named += [n.strip() for n in re.findall(rf"英文名(?:称)?\s*[:：]?\s*({_EN_NAME})", inner)]
        if named and not tick:  # 蜜雪冰城股份有限公司（简称“蜜雪集团”，英文名MIXUE Group）
            # (an English name beside the short one is a form too: "（Kunyue Special Steel Group，以下简称…）")
            named += [p for p in _bracket_parts(inner) if re.fullmatch(_EN_NAME, p) and not p.isupper() and p not in named]
            add(name, "company" if _has_suffix(name, rules.legal_tails) else "org", aliases=named)
            continue
        if tick and not any(t.endswith(".HK") for t in tick) and _bracket_pair(name, inner, rules, add, tick):
            continue  # a mainland code with a pair of names: "NAURA(北方华创科技集团股份有限公司,股票代码:002371)"
        if tick:
            en = named + [p.strip() for p in re.split(r"[,，、;；]", inner) if re.fullmatch(rf"[{_CJK}]{{2,12}}|(?:\d{{2,4}} )?{_EN_LEGAL_NAME}", p.strip())
                  and not _tickers_in(p, rules) and not any(w in p for w in rules.exchange_words)]  # not "深交所创业板"
            # (the English brand a bracket labels beside the ticker: "（2964.HK，门店品牌Cubora）", "海外品牌Fabrinth")
            en += [b for b in _labelled_brands(inner, rules) if b not in en]
            add(name, "company", tick, en)
            continue
        if _bracket_pair(name, inner, rules, add):
            continue
        inner = re.sub(r"^(?:英文名(?:称)?|英文|简称|下称|以下简称)\s*[:：]?\s*", "", inner.strip())
        if re.fullmatch(_EN_NAME, inner) and re.search(rf"[{_CJK}]", name) and _pair_name(name, full, rules) \
                and not _term_abbreviation(name, inner, rules):
            add(name, "org", aliases=[inner])  # 国际数据公司(IDC), 稀宇科技(MiniMax)
        elif (re.fullmatch(rf"[{_CJK}]{{2,12}}", inner) and re.fullmatch(_EN_NAME, name) and _pair_name(inner, full, rules)
              and not re.fullmatch(rules.unit_bracket, inner)):  # not "EBITDA（百万美元）": a figure's unit
            add(name, "org", aliases=[inner])  # MiniMax(稀宇科技)
    # 1b. a table row that gives a name in one cell and its listing code in the next
    # ("| 赛途体育 | 股票代码：2306 | 41.2 |", "| 踏锋国际（Tafeng International） | 港股代码1862 |")
    for line in full.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")] if line.lstrip().startswith("|") else []
        for cell, code in itertools.pairwise(cells):
            tick = (_tickers_in(code, rules) or bare_code_ticker(code, rules)) if _CELL_CODE.fullmatch(code) else []
            head = re.split(r"[(（]", cell, maxsplit=1)[0].strip()
            if tick and head and (name_before(head, rules, lenient=True) == head or _cell_name(head, rules)):
                add(head, "company", tick)
    # 2. legal names
    tails = "|".join(map(re.escape, rules.legal_tails))
    for m in re.finditer(rf"(?:{tails})", full):
        name = name_before(full[max(0, m.start() - 24): m.start()], rules, lenient=True, legal=True)
        if name and len(name) >= 2 and not _suffixes_only(name, rules):  # not "控股有限公司"
            add(name + m.group(0), "company")
    # 2b. an English name with a legal tail in running text ("… with the two founders of Hallbrenn Zelltechnik GmbH, a
    # maker of …"): a company, unless some entry already holds it (a pair's English side)
    strict = "|".join(map(re.escape, sorted(rules.en_strict_legal_tails, key=len, reverse=True)))
    for m in re.finditer(rf"(?<![A-Za-z])((?:[A-Z][A-Za-z0-9&\-]+ ){{1,5}})({strict})(?![A-Za-z])", full):
        words = m.group(1).split()
        while words and words[0].lower() in rules.en_name_openers:  # "On", "The"
            words = words[1:]
        name = " ".join([*words, m.group(2)])
        if words and not any(name in (e.name, *e.aliases) for e in found.values()):
            add(name, "company", aliases=[f for f in _short_forms(name, full, rules) if f in full])
    # 3. words with a company or institution suffix, seen at least twice
    counts: Counter = Counter()
    suffixes = rules.company_suffixes + rules.org_suffixes
    sfx = "|".join(map(re.escape, suffixes))
    for m in re.finditer(rf"(?:{sfx})", full):
        name = name_before(full[max(0, m.start() - 20): m.end()], rules)
        if name and _has_suffix(name, suffixes) and len(name) - len(_has_suffix(name, suffixes)) >= 2 \
                and name[: -len(_has_suffix(name, suffixes))] not in rules.generic_org_heads:  # not "地方政府"
            counts[name] += 1
    counts = Counter({n: c for n, c in counts.items() if not _always_continued(n, full) and not _always_qualified(n, full)})
    for name, c in counts.items():
        if c >= rules.min_mentions:
            add(name, "org")
    # 3b. a peer named once in passing, right before 等 and a word for its kind ("唱域KTV等区域品牌")
    if rules.peer_kinds:
        kinds = "|".join(map(re.escape, rules.peer_kinds))
        for m in re.finditer(rf"等(?:[\u4e00-\u9fff]{{0,4}}?)(?:{kinds})", full):
            name = _with_coined_opening(full[max(0, m.start() - 20): m.start()], name_before(full[max(0, m.start() - 20): m.start()], rules))
            if name and len(name) >= 2 and not common_word(name) and not dictionary_word(name):
                add(name, "company")
    # 4. the title's subject holds the front-matter ticker nobody else holds
    tickers = [_norm_ticker(t) for t in tickers]
    free = [t for t in tickers if not any(t.upper() in e.tickers for e in found.values())]
    # the title's subject; a title may open with a column name ("V观财报|云知声预计…"),
    # so each part of it and the first line of the text are tried, the one the text
    # names most wins
    first_line = next((ln.strip("# ").strip() for ln in text.splitlines() if ln.strip()), "")
    parts = re.split(r"([|｜:：])", title)
    options, speakers = [], set()
    for i in range(0, len(parts), 2):
        o = (name_after(parts[i], rules, text) or _title_head(parts[i], text, rules)) if parts[i].strip() else ""
        if o and _is_metric(o):
            o = ""  # "发行价17.50港元": the title's claim, not its subject
        if o and i + 1 < len(parts) and parts[i + 1] in ":：" and o == parts[i].strip():
            speakers.add(o)  # "德勤:2025年港股…": who says it, not whose ticker the article carries
        options.append(o)
    options = [o for o in [*options, name_after(first_line, rules, text)] if o]
    holders = [e for e in found.values() if set(e.tickers) & {t.upper() for t in tickers}]
    # a common word of the dictionary is no subject unless the text gives it a front-matter ticker
    # ("陇窖酒业…：主动控货去库存" under "陇窖酒业（股票代码：603917）" is about 陇窖酒业, not "主动")
    held = {f for e in holders for f in [e.name, *e.aliases]}
    # a word of the dictionary that is no start of the front-matter ticker holder's names describes
    # the subject ("昆岳特钢(1839.HK)三季度点评：高端特钢放量": 昆岳特钢, not "高端", however often written)
    # a title's word the text writes before a segment word ("室分业务") names a segment of the
    # company, not a company (config/catalogue.toml segment_words)
    options = [o for o in options if o in held or not _part_named(o, full, rules)]
    subject = max(options, key=lambda o: (o in held or not common_word(o),
                                          not dictionary_word(o) or any(h.startswith(o) for h in held),
                                          text.count(o), len(o)), default="")
    if subject and text.count(subject) < rules.min_mentions and title.count(subject) == 0:
        subject = ""
    if not subject and len(free) == 1 and not holders:
        # no title word reads as a subject ("Tervalle Luggage（泰途箱包）截至…中期业绩：销售净额…"), but the
        # title writes one name the text gives a company (its legal name "泰途箱包国际有限公司" opens with
        # the title's "泰途箱包"): that company holds the ticker
        legal = [e.name for e in found.values() if e.kind == "company"]
        named = [e.name for e in found.values() if any(f in title for f in [e.name, *e.aliases])
                 and (e.kind == "company" or any(n.startswith(f) for n in legal for f in [e.name, *e.aliases]))]
        subject = named[0] if len(named) == 1 else ""
    while subject and subject in title and _always_continued(subject, full) and len(subject) < rules.max_name_chars:
        longer = subject + full[full.index(subject) + len(subject)]
        if longer not in title:
            break
        subject = longer  # "金岸中国三季度…" read as "金岸" before the descriptor 中国: the text never writes it alone
    if subject and len(holders) >= 2 and not free and subject not in {f for e in found.values() for f in [e.name, *e.aliases]}:
        subject = ""  # "猪价回落之下…" over four companies each with its ticker: the article's topic, no company
    if subject and holders and subject not in found and _after_headline_colon(subject, title):
        pass  # "晟伏电气(2793.HK)三季报点评：储能变流器放量…": a word of the headline's claim, after its colon, no name
    elif (subject and subject not in found and len(holders) == 1 and subject in _outside(title, [holders[0].name, *holders[0].aliases])
            and any(f in first_line for f in [holders[0].name, *holders[0].aliases])):
        # the title calls the company the first line names with a front-matter ticker by a
        # short name of its own ("B站…" over "哔哩哔哩(9626.HK)公布…"): one company, which
        # holds the front matter's other tickers too
        holders[0].aliases.append(subject)
        holders[0].tickers += free
    elif (subject and holders and subject not in found and subject not in _outside(title, held_forms := [f for h in holders for f in [h.name, *h.aliases]])
          and not any(f.startswith(subject) for f in held_forms)):
        pass  # "优岚二手车第二季度…": the trade 二手车 is in the title only inside the ticker holder's name, not at its head
    elif subject:
        own = free[:1] if len(free) == 1 and subject not in speakers else ()
        e = add(subject, "company" if own else "org", own)
        if e:
            e.primary = True
    for e in found.values():
        if set(e.tickers) & {t.upper() for t in tickers}:
            e.primary = True
    # a change of name ("建议将公司英文名称改为“Honeyra Holdings Limited”，并采用“蜜岭控股有限公司”为中文第二名称"): the names
    # the sentence quotes, old and new, are the document's company's, however another step read them
    owners = [e for e in found.values() if e.primary]  # (one company: its entries share a ticker)
    if rules.rename_cue is not None and owners and all(set(o.tickers) & set(owners[0].tickers) for o in owners):
        for sentence in re.split(r"[。；;\n]", full):
            if rules.rename_cue.search(sentence):
                owners[0].aliases += [q for q in dict.fromkeys(_QUOTED_NAME.findall(sentence))
                                      if _name_shaped(q, rules) and q != owners[0].name and q not in owners[0].aliases
                                      and not re.search(r"\d", q)]
    # a brand in Latin letters run on to the Chinese name the text also writes alone ("Jetmora翊云公务航空（2692.HK）"
    # beside "Jetmora Aviation Holdings（翊云公务航空控股）"): the Chinese name and the brand are forms of one company
    for e in list(found.values()):
        run_on = _LATIN_THEN_CJK.fullmatch(e.name)
        if run_on and full.replace(e.name, "").count(run_on.group(2)) >= 1:
            e.aliases += [f for f in (run_on.group(2), run_on.group(1).strip()) if f not in e.aliases]
    # fold entries that are forms of each other ("云知声智能科技股份有限公司" and "云知声")
    for e in list(found.values()):
        for form in [e.name, *e.aliases]:  # "Tencent Music Entertainment Group" -> "Tencent Music"
            e.aliases += [s for s in _short_forms(form, full, rules) if s not in e.aliases and s != e.name]
    if len(tickers) == 1 and not any(e.primary for e in found.values()):
        # no subject read from the title, none holding the front matter's one ticker, but the title opens with one
        # company's name or short form ("泷安肾病医疗截至2025年9月30日止九个月…业绩公告摘要", its bracketed ticker in
        # the heading the passages do not keep): that company is the document's, under that ticker
        opening = [e for e in found.values() if e.kind == "company"
                   and any(len(f) >= 2 and title.startswith(f) for f in [e.name, *e.aliases])]
        if len(opening) == 1:
            opening[0].primary = True
            opening[0].tickers += [t.upper() for t in tickers if t.upper() not in opening[0].tickers]
    merged = _merge(list(found.values()), rules)
    _add_roles(merged, full, rules)
    _drop_shared_cuts(merged, full)
    for e in merged:
        _name_used_alone(e, full)
        # the leading part the text uses on its own ("黛研" of 黛研美妆): an alias, the name stays
        e.aliases += [s for s in head_forms(e.name, full, rules, tuple(e.aliases)) if s not in e.aliases]
        e.mentions = sum(full.count(f) for f in {e.name, *e.aliases} if f)
        forms = [e.name, *e.aliases]
        e.pinyin = pinyin_forms(forms)
    return sorted(merged, key=lambda e: (-e.primary, -e.mentions, e.name))


def _add_roles(entries: list[Entry], full: str, rules: Rules) -> None:
    """The generic words a bracket after a name defines as standing for it ("收购上海缃礼展览有限公司（“缃礼展览”或
    “目标公司”）": 目标公司), as the roles of the entry of that name ([names] role_words)."""
    for m in _BRACKET.finditer(full):
        roles = [q for q in re.findall(r"[“\"「]([^”\"」]{2,12})[”\"」]", m.group(1)) if q in rules.role_words]
        if not roles or not (name := name_before(full[max(0, m.start() - 60): m.start()], rules, lenient=True)):
            continue
        owner = next((e for e in entries if name in (e.name, *e.aliases)), None) or \
            next((e for e in entries if e.name in name), None)
        if owner is None and _name_shaped(name, rules):  # a company the text names once, defined by its role
            # ("收购…Walora Nest Sdn. Bhd.（“目标公司”）80%股权"): a party of the deal, whose figures are its own
            owner = Entry(name=name, kind="company", aliases=[f for f in _short_forms(name, full, rules) if f in full])
            entries.append(owner)
        if owner is not None:
            owner.roles += [r for r in roles if r not in owner.roles]


def _outside(text: str, forms: list[str]) -> str:
    """`text` less the forms ("二手车" is not in "优岚二手车第二季度…" outside "优岚二手车")."""
    for f in sorted(forms, key=len, reverse=True):
        text = text.replace(f, "\0")
    return text


def _place(word: str) -> bool:
    """One word jieba reads as a place ("上海")."""
    from chatbot.names import _posseg

    words = _posseg(word)
    return len(words) == 1 and words[0][1] == "ns"


def _cell_name(cell: str, rules: Rules) -> bool:
    """A table cell before a listing code's cell that is a name as a whole, whatever jieba
    reads in it ("| 中宠股份 | 002891 |": 股份 is a descriptor in running text)."""
    return bool(re.fullmatch(rf"[{_CJK}]{{2,10}}", cell)) and not common_word(cell) and not _suffixes_only(cell, rules)


def _name_used_alone(e: Entry, text: str) -> None:
    """The name is a form the text uses on its own: a form only ever written inside a longer
    form of the entry ("东方教育" of "中国东方教育", walked back from a ticker past the
    descriptor "中国") gives way to the shortest form used alone, and is no alias unless it
    opens a longer form."""
    forms = sorted({e.name, *e.aliases}, key=len)

    def alone(f: str) -> int:
        rest = text
        for longer in sorted((g for g in forms if f in g and g != f), key=len, reverse=True):
            rest = rest.replace(longer, "\0")
        return rest.count(f)

    if not re.search(rf"[{_CJK}]", e.name) or alone(e.name):
        return
    used = [f for f in forms if re.fullmatch(rf"[{_CJK}]+", f) and alone(f)]
    if not used:
        return
    old, e.name = e.name, used[0]
    e.aliases = [a for a in e.aliases if a != e.name]
    if any(f.startswith(old) and f != old for f in forms):
        e.aliases.append(old)


def _drop_shared_cuts(entries: list[Entry], text: str) -> None:
    """A short form cut from one company's name that also opens or sits inside another company's name and that the
    text never writes outside the two ("赭杞" of the subsidiary "宁夏赭杞饮品有限公司", in a text about its parent
    "赭杞农业"): no form of the other company; the document's own company (primary) keeps it, and gets it where its
    name opens with it ("Zheqi" is the parent's)."""
    forms = {f for e in entries for f in (e.name, *e.aliases) if f}
    for e in entries:
        if e.primary:
            continue
        own = {e.name, *e.aliases}
        shared = [a for a in own if re.fullmatch(rf"[{_CJK}]{{2,}}", a) and any(
            a in f and a != f for o in entries if o is not e for f in (o.name, *o.aliases))
                  and not _outside(text, [f for f in forms if a in f and f != a]).count(a)]
        if not shared or not (kept := [f for f in [e.name, *e.aliases] if f not in shared]):
            continue
        if e.name in shared:  # the shortest Chinese form left is the name
            zh = [f for f in kept if re.fullmatch(rf"[{_CJK}]+", f)]
            e.name = min(zh or kept, key=len)
        e.aliases = [a for a in kept if a != e.name]
        for p in (o for o in entries if o.primary and o is not e):
            p.aliases += [a for a in shared if p.name.startswith(a) and a not in (p.name, *p.aliases)]


def _suffixes_only(name: str, rules: Rules) -> bool:
    """A name walked back from a legal form that is only suffixes ("控股" of "…控股有限公司")."""
    rest = name
    while tail := (_has_suffix(rest, rules.company_suffixes) or _has_suffix(rest, rules.trade_words)):
        rest = rest[: -len(tail)]
    return rest in rules.company_suffixes or rest in rules.trade_words


def _term_abbreviation(zh: str, inner: str, rules: Rules) -> bool:
    """A term and its abbreviation or a product and its code ("原子层沉积(ALD)", "启妥利单抗（QH-101）"):
    capitals or a code in the brackets after Chinese words with no company or institution ending."""
    code = inner.isupper() or bool(re.search(r"\d", inner))
    named = _has_suffix(zh, rules.company_suffixes + rules.org_suffixes + rules.legal_tails + rules.acronym_pair_tails)
    return code and not named


def _part_named(word: str, text: str, rules: Rules) -> bool:
    """Does the text write `word` right before a segment word ("室分业务", "智联业务"): a
    segment of a company, not a company itself."""
    return any(word + p in text for p in rules.segment_words)


def _last_of_pair(name: str, text: str, rules: Rules) -> str:
    """A name walked back from a ticker or a suffix may take in a pair of names joined by
    a word such as "与" ("西岭芯与澜舟芯科(8001.HK)同日上市": jieba reads "与澜舟" as one
    word): the name is the last of the pair when both sides are at least two characters
    and the text uses the last on its own, outside the pair. A name with the joiner inside
    ("中和农信") has one character before it, or a last part the text never writes alone."""
    for i in range(len(name) - 2, 1, -1):  # the last joiner first
        if name[i] not in rules.pair_joiners:
            continue
        last = name[i + 1:]
        if len(last) >= 2 and _name_shaped(last, rules) and text.count(last) > text.count(name):
            return last
    return name


def _without_description(name: str, text: str, rules: Rules, others: tuple[str, ...] = ()) -> str:
    """A name walked back from a ticker or a legal form may take in the words that describe
    the company ("现制茶饮连锁茶屿控股", "主打功效护肤的澜肌生物"): when the name's core (its
    suffixes and legal tail off) is written only there, and the text uses an end of it on
    its own, after other characters than the ones the name puts before it ("茶屿" in
    "第三季度茶屿…", "截至9月末茶屿…"), that end is the name, with the suffixes it had
    ("茶屿控股", "澜肌生物"). The end must be a coined word (none of jieba's dictionary), so
    that a trade ("风电" of "北岚风电") is never taken for the name; an end written inside another company's
    name (`others`: "车护" in "漆然车护", beside "澄亮车护") is not used on its own there."""
    if not re.fullmatch(rf"[{_CJK}]+", name):
        return name
    core = name
    while tail := (next((t for t in rules.legal_tails if core.endswith(t)), "")
                   or _has_suffix(core, rules.company_suffixes) or _has_suffix(core, rules.trade_words)):
        core = core[: -len(tail)]
    if text.count(core) > 1:
        return name  # the text calls the company so elsewhere: a name, not a description
    from chatbot.text import _jieba

    freq = _jieba().dt.FREQ
    words = {*rules.company_suffixes, *rules.trade_words, *rules.descriptors, *rules.org_suffixes}
    for start in range(2, len(core) - 1):  # the longest end first, at least two characters before it
        end, before = core[start:], core[start - 1]
        if end in words or freq.get(end) or not _name_shaped(end, rules):
            continue
        inside = [o for o in others if end in o and o != name and not o.endswith(name)]
        rest = text
        for o in sorted(inside, key=len, reverse=True):
            rest = rest.replace(o, "\0" * len(o))
        alone = sum(1 for m in re.finditer(re.escape(end), rest) if rest[m.start() - 1: m.start()] != before)
        if alone >= rules.min_mentions:
            return end + name[len(core):]
    return name


# ", Ltd." after an English name: the legal form, one name with it
_EN_LEGAL_COMMA = re.compile(r"(?<=[A-Za-z.]),\s*(?=(?:Ltd|Limited|Inc|Co|Corp|LLC|PLC)\b)")

# a table cell that is a listing code and nothing else ("2683.HK", "股票代码：2306", "港股代码1862")
_CELL_CODE = re.compile(r"(?:[\u4e00-\u9fff]{0,4}(?:代码|代号)\s*[:：]?\s*)?(?:\d{4,6}(?:\.[A-Za-z]{2})?)")


# a listing code in a bracket, of any exchange ("股票代码:688072"): it says the bracket is about a company
_CODE = re.compile(r"^(?:[\u4e00-\u9fff]{0,6}(?:代码|代号)|(?i:stock\s+code|hkex))\s*[:：]?\s*\d{4,6}$")


def _bracket_parts(inner: str) -> list[str]:
    return [p.strip().strip("\"“”「」'") for p in re.split(r"[,，、;；]", inner) if p.strip()]


def _labelled_brands(inner: str, rules: Rules) -> list[str]:
    """English names a bracket's parts give after a Chinese label word (config/catalogue.toml brand_labels:
    "门店品牌Cubora", "海外品牌：Fabrinth", "英文名Tessaro")."""
    labels = "|".join(map(re.escape, rules.brand_labels))
    return [m.group(1) for p in re.split(r"[,，、;；]", inner)
            if (m := re.fullmatch(rf"[{_CJK}]{{0,4}}(?:{labels})\s*[:：]?\s*({_EN_NAME})", p.strip())) and not m.group(1).isupper()]


def _legal_english(inner: str, rules: Rules) -> list[str]:
    """The English names with a legal tail among a bracket's parts ("Beijing Enterprises Water Group
    Limited" in "(Beijing Enterprises Water Group Limited,"北控水务")")."""
    return [p for p in _bracket_parts(inner)
            if re.fullmatch(_EN_LEGAL_NAME, p) and p.split()[-1].rstrip(".") in {w.rstrip(".") for w in rules.en_legal_tails}]


def _bracket_pair(name: str, inner: str, rules: Rules, add, tick: list[str] | tuple = ()) -> bool:
    """A Chinese name and its English one on either side of a bracket that also holds a listing
    code or a quoted short name: "北控水务集团有限公司(Beijing Enterprises Water Group Limited,"北控水务")",
    "拓荆科技股份有限公司(Piotech,股票代码:688072)", "NAURA(北方华创科技集团股份有限公司,股票代码:002371)".
    Adds the company and says whether it did."""
    parts = _bracket_parts(inner)
    if len(parts) < 2:
        return False
    codes = [p for p in parts if _CODE.match(p)]
    cjk = [p for p in parts if re.fullmatch(rf"[{_CJK}]{{2,24}}", p)]
    english = [p for p in parts if re.fullmatch(_EN_LEGAL_NAME, p) and not p.isupper()]
    if len(codes) + len(cjk) + len(english) != len(parts):
        return False  # a bracket of other words ("(PVD、CVD)", "(OEM/ODM,即…)")
    if re.search(rf"[{_CJK}]", name) and english and (codes or _legal_english(inner, rules)):
        return add(name, "company", tick, aliases=[*english, *cjk]) is not None
    legal = [p for p in cjk if _has_suffix(p, rules.legal_tails)]
    if re.fullmatch(_EN_NAME, name) and legal and codes:
        return add(legal[0], "company", tick, aliases=[name, *[p for p in cjk if p != legal[0]]]) is not None
    return False


_HEAD_CUT = re.compile(r"[\d\s，,。、；;！!？?]|第|上半年|下半年|前三季度|全年|[一二三四]?季度|年度")


_LATIN_THEN_CJK = re.compile(rf"([A-Za-z][A-Za-z0-9&.'\- ]*?)\s*([{_CJK}]{{2,}})")


def _title_head(part: str, body: str, rules: Rules) -> str:
    """A title's opening words up to its first figure or period ("B站第二季度营收…" -> "B站"),
    when jieba cannot read them as a name and the body uses them on their own."""
    head = _HEAD_CUT.split(part.strip(), maxsplit=1)[0]
    ok = 2 <= len(head) <= 6 and re.search(rf"[{_CJK}]", head) and body.count(head) >= rules.min_mentions
    return head if ok else ""


def _is_metric(word: str) -> bool:
    """A metric's name (config/glossary.toml [metrics]: "发行价", "营收"): no company's."""
    return word.lower() in _metric_words()


@lru_cache(maxsize=1)
def _metric_words() -> frozenset[str]:
    from chatbot.glossary import load_glossary

    metrics = load_glossary(hand_kept=False).metrics
    return frozenset(f.lower() for m, forms in metrics.items() for f in [m, *forms])


def _always_continued(name: str, text: str) -> bool:
    """Is every use of `name` followed by the same Chinese character: a cut of a longer
    word ("百度智能" of "百度智能云"), not a name of its own?"""
    nexts = {text[m.end(): m.end() + 1] for m in re.finditer(re.escape(name), text)}
    return len(nexts) == 1 and bool(re.fullmatch(rf"[{_CJK}]", next(iter(nexts))))


def _always_qualified(name: str, text: str) -> bool:
    """Is every use of `name` preceded by one same word of the dictionary that is no place ("永续" before each
    "资本证券": the perpetual capital securities issued, a term; not an institution)?"""
    from chatbot.text import _jieba

    before = {text[max(0, m.start() - 2): m.start()] for m in re.finditer(re.escape(name), text)}
    word = next(iter(before)) if len(before) == 1 else ""
    return bool(re.fullmatch(rf"[{_CJK}]{{2}}", word)) and bool(_jieba().dt.FREQ.get(word)) and not _place(word)


def _subject_with_ticker(short: Entry, long: Entry, rules: Rules) -> bool:
    """The title's subject ("中通", "心动") and the name the text gives a ticker without front
    matter ("中通快递(2057.HK)", "心动公司（港股代码2400）"): one company, when the longer name is
    the subject with a trade word, a company suffix or a descriptor after it."""
    if not (short.primary and not short.tickers and long.tickers):
        return False
    words = {*rules.trade_words, *rules.company_suffixes, *rules.descriptors}
    return any(f.startswith(short.name) and f[len(short.name):] in words for f in [long.name, *long.aliases])


def _merge(entries: list[Entry], rules: Rules) -> list[Entry]:
    """One entry per company: entries sharing a ticker or a form are one; the shortest
    form the text uses most is the name."""
    out: list[Entry] = []
    for e in sorted(entries, key=lambda e: (not e.tickers, len(e.name))):
        keys = {e.name, *e.aliases, *e.tickers}
        home = next((o for o in out if keys & {o.name, *o.aliases, *o.tickers}
                     # the title's "老铺" and the ticker's "老铺黄金": the document's subject, twice
                     or (e.primary and o.primary and (o.name.startswith(e.name) or e.name.startswith(o.name)))
                     or _subject_with_ticker(e, o, rules)), None)
        if home is None:
            out.append(e)
            continue
        home.aliases += [a for a in [e.name, *e.aliases] if a != home.name and a not in home.aliases]
        home.tickers += [t for t in e.tickers if t not in home.tickers]
        home.roles += [r for r in e.roles if r not in home.roles]
        home.kind = "company" if "company" in (home.kind, e.kind) else home.kind
        home.primary = home.primary or e.primary
    for e in out:  # the shortest Chinese form is the name ("壁仞科技" over its legal name)
        # (all in Chinese characters first: "哔哩哔哩" over the nickname "B站")
        zh = [f for f in [e.name, *e.aliases] if re.fullmatch(rf"[{_CJK}]+", f)] or \
            [f for f in [e.name, *e.aliases] if re.search(rf"[{_CJK}]", f)]
        best = min(zh, key=len) if zh else e.name
        if best != e.name:
            e.aliases = [a for a in [e.name, *e.aliases] if a != best]
            e.name = best
    return out


def _after_headline_colon(word: str, title: str) -> bool:
    """Is the word written only after the colon of a headline that names its company before it ("…三季报点评：储能变流器
    放量"): the claim of the headline, not its subject?"""
    cut = min((i for i in (title.find("："), title.find(":")) if i >= 0), default=-1)
    return cut >= 0 and word in title[cut:] and word not in title[:cut]
