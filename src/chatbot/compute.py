"""Derived figures computed in code from cited figures: shares, multiples,
differences and growth rates.

Operands are read from the evidence sentences as (clause, period, value range,
currency) facts; both ends of a range are carried through; two figures in
different currencies are never combined. A calculation is written as formulas
"6.0亿÷12.4亿≈48.4%", which `verify_formulas` re-computes for the citation check:
a computed figure is accepted only when its inputs are in the cited passages and
the arithmetic reproduces it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from chatbot.bilingual import _is_place, cedict_index, names_a_place
from chatbot.evidence_config import evidence_config
from chatbot.intent import is_function_word, is_numeral_word, is_verb, reader_config
from chatbot.text import (
    FIGURE_RE,
    content_words,
    dated_months,
    english_period_forms,
    figure_supported,
    normalize,
    period_match,
    period_phrase_re,
    periods,
    qualifiers,
    question_language,
)

_SCALE = {"亿": 1e8, "千万": 1e7, "百万": 1e6, "万": 1e4, "千": 1e3, "": 1.0, "thousand": 1e3, "million": 1e6, "billion": 1e9}
_SCALE_EN = {"thousand": "thousand", "k": "thousand", "million": "million", "mn": "million", "m": "million",
             "billion": "billion", "bn": "billion"}
_NUM = r"\d+(?:\.\d+)?"
_NUM_WRITTEN = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"  # "26,300名": thousands separators as sources write them


@lru_cache(maxsize=1)
def _money() -> re.Pattern:
    """A figure with its unit: an amount of money (its currency), or a count of things
    (config/reader.toml [compute] quantity_units: "25.12亿票", "26,300名", "780万股")."""
    units = reader_config()["compute"]["quantity_units"]
    return re.compile(
        rf"(?:人民币)?\s*(?P<a>{_NUM_WRITTEN})\s*(?P<ua>亿|千万|百万|万|千)?\s*(?:(?:[-–—~至到])\s*(?:人民币)?\s*(?P<b>{_NUM_WRITTEN})\s*(?P<ub>亿|千万|百万|万|千)?)?"
        rf"\s*(?P<cur>港元|美元|元人民币|元|{units})"
    )


# an amount written the English way ("HK$742.6 million", "US$38.2m", "RMB1.2 billion"): the currency first
_MONEY_EN = re.compile(
    rf"(?P<cur>HK\$|US\$|RMB|HKD|USD|CNY)\s?(?P<a>{_NUM_WRITTEN})\s?(?P<ua>thousand|million|billion|mn|bn|m|k)?\b"
    rf"(?:\s?(?:-|–|to)\s?(?:HK\$|US\$|RMB|HKD|USD|CNY)?\s?(?P<b>{_NUM_WRITTEN})\s?(?P<ub>thousand|million|billion|mn|bn|m|k)?\b)?")


def figure_re() -> re.Pattern:
    """A figure with its unit, as `facts_in` reads them."""
    return _money()


def _number(written: str) -> float:
    return float(written.replace(",", ""))


_PAREN = re.compile(r"[（(][^）)]*[）)]")
# "A较B 300港元": the figure after a comparison word is B's, not A's
_COMPARED = re.compile(r"较|相比|相较|比(?!例|重|率)|高于|低于|对比")
_SHARE_OF = re.compile(r"(?<!应)占[^，,。；;]*")
_CLAUSE = re.compile(r"[，;；。:：]|(?<!\d),|,(?!\d{3}(?:\D|$))")  # never inside "26,300"


@dataclass
class Fact:
    lo: float
    hi: float
    unit: str  # the scale word as written ("亿", "万", "")
    currency: str  # "CNY", "HKD", "USD"
    written: tuple[str, str]  # each end with its scale word ("6.0亿", "6.2亿")
    clause: str  # the clause, with the label it carries from the sentence
    periods: set
    sentence: str
    passage_idx: int
    source_text: str = ""  # the figure as the source writes it ("461-504亿港元")
    near: str = ""  # the words just before the figure, after a comparison word ("较前一交易日收市价")
    context: str = ""  # its section's headings and its document's title, when the reader knows them
    # a table row's: its table's caption and the lead-in's clause its total row sums to (evidence.total_stated); a row's
    # words are its own, its table's and its article's title (the company), never a section's (another table's rows
    # share those); a sentence's, its own and its sections', never the title's (a summary of the whole article)
    table_context: str = ""
    row: bool = False
    title: str = ""  # its document's title (in `context`): a summary of the article, no word of one figure's


def _currency(cur: str, text: str) -> str:
    """The kind of a figure's unit: a currency ("CNY", "HKD", "USD"), else the counted
    thing's unit word ("票", "名"); figures are combined only within one kind."""
    if cur in ("港元", "HK$", "HKD"):
        return "HKD"
    if cur in ("美元", "US$", "USD"):
        return "USD"
    if cur in ("元", "元人民币", "RMB", "CNY"):
        return "CNY"
    return cur


# period words that label no figure of their own ("2025年上半年约1.91亿元" carries the label before it)
_PERIOD_WORDS = "上半年|下半年|前三季度|前九个月|全年|年末|年底|年度|第?[一二三四1-4]季度|单季度?"


def facts_in(sentence: str, passage_idx: int = 0) -> list[Fact]:
    """Figures with their unit in a sentence with the clause that labels them; a clause with
    no words of its own ("2024年同口径约5187万元") carries the previous clause's label. A
    table row comes as evidence renders it, each cell with its row's or column's unit
    ("收入:2025年第二季度46.9亿元;2025年第三季度55.1亿元"). (A sentence is read once; each
    call gets its own facts.)"""
    return [replace(f, periods=set(f.periods), passage_idx=passage_idx) for f in _facts_read(sentence)]


_YEAR_MONTH = re.compile(r"((?:19|20)\d{2})\s*年\s*(1[0-2]|0?[1-9])\s*月(?!\s*\d{1,2}\s*[日号])")


def _months(text: str) -> set[tuple[str | None, str | None]]:
    """The months of a year a clause names as its period ("2025年7月:快递业务量21.36亿票", a
    table row's label): (year, "M07"). (text.periods reads "2025年7月" as a date, not a
    period; a monthly figure's row names its month so.)"""
    return {(m.group(1), f"M{int(m.group(2)):02d}") for m in _YEAR_MONTH.finditer(text)}


@lru_cache(maxsize=16384)  # a derived figure reads every sentence of every passage, question after question
def _facts_read(sentence: str, passage_idx: int = 0) -> tuple[Fact, ...]:
    out: list[Fact] = []
    label = ""
    carried_periods: set[tuple[str | None, str | None]] = set()
    # "第三季度营业收入:北方华创86.5亿元;拓荆科技18.4亿元": the words before the colon,
    # when they hold no figure, label every clause after it (a table row, a list's lead)
    head = re.match(r"^([^:：,，;；。\d]{2,30})[:：]", sentence)
    row_head = head.group(1) if head else ""
    for clause in _CLAUSE.split(sentence):
        bare = _PAREN.sub("", clause)
        words = re.sub(rf"同口径|同期|同比|增长|增至|降至|{_PERIOD_WORDS}|{_NUM}|[年月日约预计较比为至到–—\-~人民币港美元亿万%]", "", bare)
        words = re.sub(r"每股|每手|/股", "", words)  # a unit names no figure ("每股252港元")
        words = re.sub(reader_config()["compute"]["quantity_units"], "", words)
        own_label = len(re.findall(r"[\u4e00-\u9fffA-Za-z]", words)) >= 2
        context = clause if own_label else f"{label} {clause}"
        if row_head and row_head not in context:
            context = f"{row_head} {context}"
        if own_label:
            label = clause
        own_per = periods(bare) or _months(bare) or {(None, q) for q in qualifiers(bare) if q}
        per = own_per or carried_periods  # "第三季度…" of the article's year
        narrows = own_per and carried_periods and re.search(reader_config()["compute"]["narrowing_clause"], bare)
        if not (own_per and _COMPARED.search(bare)) and not narrows:  # "较去年底净增58家": the period compared with
            carried_periods = per  # is not the one the next clauses ("其中直营店812家") speak of; nor "其中第三季度…"
        if not own_per and re.search(reader_config()["compute"]["year_before_clause"], bare, re.I):
            per = {(str(int(y) - 1), q) for y, q in per if y}  # "而去年同期为净利润0.52亿元": last year's
        found = list(_money().finditer(bare))
        found += [m for m in _MONEY_EN.finditer(bare) if not any(o.start() < m.end() and m.start() < o.end() for o in found)]
        start = len(out)
        found.sort(key=lambda m: m.start())
        prev_end = 0
        for m in found:
            # a clause listing several periods' figures ("净亏损:2022年5.536亿元、…、2025年上半年6.093亿元"): each
            # figure is of the period written right before it
            lead = bare[prev_end:m.start()]
            own_lead = periods(lead) or _months(lead) or {(None, q) for q in qualifiers(lead) if q}
            fact_per = own_lead if len(own_per) > 1 and own_lead else per
            prev_end = m.end()
            a, b = m.group("a").replace(",", ""), (m.group("b") or "").replace(",", "")
            ua, ub = (_SCALE_EN.get(u.lower(), u) if m.re is _MONEY_EN else u for u in (m.group("ua") or "", m.group("ub") or ""))
            unit_a = ua or ub
            lo = _number(a) * _SCALE[unit_a]
            hi = _number(b) * _SCALE[ub or ua] if b else lo
            written = (_written(a, unit_a), _written(b, ub or ua) if b else _written(a, unit_a))
            before = bare[: m.start()]
            cut = list(_COMPARED.finditer(before))
            near = before[cut[-1].end():] if cut else ""
            out.append(Fact(lo, hi, unit_a, _currency(m.group("cur"), bare), written, context, set(fact_per), sentence,
                            passage_idx, re.sub(r"^人民币\s*", "", m.group(0).strip()), near))
        out[start:] = _ranges(out[start:], found, bare)
    return tuple(out)


def _written(number: str, unit: str) -> str:
    """A figure as a formula writes it: "6.0亿", "742.6 million" (an English scale word after a space)."""
    return f"{number} {unit}" if unit.isascii() and unit else f"{number}{unit}"


def _ranges(facts: list[Fact], found: list[re.Match], bare: str) -> list[Fact]:
    """A range whose two ends each carry their unit ("收入约人民币18.5亿元至19.2亿元") as one
    figure; not a change to a level ("净利润增加1.2亿元至5.6亿元": [compute] range_not_after)."""
    not_after = reader_config()["compute"]["range_not_after"]
    out: list[Fact] = []
    i = 0
    while i < len(facts):
        f = facts[i]
        if i + 1 < len(facts):
            g, m1, m2 = facts[i + 1], found[i], found[i + 1]
            if (re.fullmatch(r"\s*[至到\-–—~]\s*", bare[m1.end():m2.start()]) and f.currency == g.currency
                    and f.lo == f.hi and g.lo == g.hi and f.lo < g.lo
                    and not re.search(rf"(?:{not_after})\s*(?:约|人民币)*\s*$", bare[: m1.start()])):
                text = re.sub(r"^人民币\s*", "", bare[m1.start():m2.end()].strip())
                out.append(replace(f, hi=g.hi, written=(f.written[0], g.written[1]), source_text=text))
                i += 2
                continue
        out.append(f)
        i += 1
    return out


@dataclass
class Operand:
    entity: str | None
    terms: list[list[str]]  # groups; each group: alternatives, one of which must appear
    period: tuple | None
    exclude: list[str] = field(default_factory=list)
    # groups its own sentence (or a row's table) must write, never only a heading or the title: the part a ratio is
    # asked of ("合肥分公司" under the title "…合肥分公司被责令停业整顿…" names no figure of the group the branch's)
    held: list[list[str]] = field(default_factory=list)
    summed: bool = False  # a figure summed over several periods ("2022–2024年累计净亏损"), stated as their sum


def synonyms(alts: list[str]) -> list[str]:
    """A term's alternatives with the forms config/reader.toml [compute.synonyms] gives
    ("收盘价" ~ "收市价", "前一天" ~ "前一交易日")."""
    groups = reader_config()["compute"]["synonyms"]
    out = list(alts)
    for forms in groups:
        for a in alts:
            for f in forms:
                if f in a:
                    out += [a.replace(f, g) for g in forms if g != f]
    return list(dict.fromkeys(out))


def _in(alts: list[str], text: str, per_share: bool) -> bool:
    """One of the term's forms is in the text; a price ("配售价") also when its stem is
    ("配售") and the figure is a price per share ("每股252港元")."""
    if any(normalize(a) in text for a in alts):
        return True
    price = reader_config()["compute"]["price_suffixes"]
    if per_share and any(a in price for a in alts):  # "配售的价格": the price is the figure per share itself
        return True
    # (a price written by its stem right before its figure in money: "收盘345港元", "开盘120港元" for 收盘价, 开盘价; not
    # "配售780万股", a count)
    if any(len(a) > len(p) + 1 and a.endswith(p) and re.search(re.escape(normalize(a[: -len(p)])) + r"\s*(?:于|为|报)?\s*约?\d[\d,.]*\s*(?:港元|美元|元|港币|日元|欧元)", text)
           for a in alts for p in price):
        return True
    return per_share and any(len(a) > len(p) + 1 and a.endswith(p) and normalize(a[: -len(p)]) in text
                             for a in alts for p in price)


def _matches(f: Fact, op: Operand, entity_ok, by_meaning: bool = False, in_context: bool = False) -> bool:
    """Does the fact hold the operand: every term in the figure's clause (with the label
    it carries), and after a comparison word in the clause ("配售价较前一交易日收市价300港元")
    the words right before the figure. By meaning: terms with their synonyms, a price by
    its stem when the figure is per share; one term there, the others anywhere in the
    sentence ("IPO本身规模很小:发行价205港元"), or (in_context) in its section's headings or
    its document's title ("配售条款" over "预计所得净额约1.92亿港元")."""
    text = normalize(f.clause)
    near = normalize(f.near) if f.near else text
    per_share = by_meaning and bool(re.search(reader_config()["compute"]["per_share"], f.clause))
    if not op.terms:
        return False
    if by_meaning:
        # a term naming what the figure's unit counts ("cars" of "83,600辆": [compute] counted_by) is the unit itself
        counted = set(reader_config()["compute"]["counted_by"].get(f.currency, []))
        groups = [synonyms(g) for g in op.terms if not counted & set(g)]
        # "电商收入27.6亿元，约占总收入的31.9%": the whole of a stated share names no figure of its own
        # (a row's table caption is its own sentence's: "藻蓝蛋白:…15,820万元" under "…收入按产品划分" is a revenue)
        sentence = normalize(_SHARE_OF.sub(" ", f.sentence) + (f" {f.table_context}" if f.row else "")
                             + (f" {f.context}" if in_context else ""))
        if groups and (not any(_in(g, near, per_share) for g in groups)
                       or not all(_in(g, sentence, per_share) for g in groups)):
            return False
    elif not all(_in(g, near, False) for g in op.terms):
        return False
    if any(normalize(x) in text for x in op.exclude):
        return False
    own = normalize(f.sentence + (f" {f.table_context}" if f.row else ""))
    if op.held and not all(_in(g, own, False) for g in op.held):
        return False
    month = re.fullmatch(r"M(\d\d)", op.period[1] or "") if op.period else None
    if month and not f.periods and re.search(rf"(?<!\d)0?{int(month.group(1))}\s*月\s*\d{{1,2}}\s*[日号]", f.sentence):
        return entity_ok(f, op.entity)  # an event of the month that its sentence dates ("1月16日…配售…每股252港元")
    if op.period and not period_match({op.period}, f.periods):
        return False
    if month and not any(q == month.group(0) for _, q in f.periods):
        return False  # a month's figure is one its clause or row dates so ("2025年7月:…21.36亿票")
    return entity_ok(f, op.entity)


def closest_operand(facts: list[Fact], op: Operand, entity_ok) -> Fact | None:
    """Of the facts that hold the operand literally, the one whose figure follows the
    operand's words most closely ("营业收入236.8亿元" before "…慢于收入，二是…费用约3.6亿元")."""
    found = [f for f in facts if _matches(f, op, entity_ok)]
    return min(found, key=lambda f: _gap(f, op)) if found else None


def _gap(f: Fact, op: Operand) -> int:
    """How far the figure stands after the last of the operand's words in its clause (the
    clause's length when none is before it): "净额约2.06亿" 1, "募资总额约3.2亿" 2 for "募资净额"."""
    text = normalize(f.clause)
    at = text.find(normalize(f.source_text or f.written[0]))
    at = at if at >= 0 else len(text)
    ends = [text.rfind(normalize(a), 0, at) + len(normalize(a)) for g in op.terms for a in g if normalize(a) in text[:at]]
    return at - max(ends) if ends else len(text)


def dated_operands(facts: list[Fact], op: Operand, entity_ok) -> list[Fact]:
    """The facts that hold the operand (literally, else by meaning) and state a year."""
    for by_meaning in (False, True):
        found = [f for f in facts if any(y for y, _ in f.periods) and _matches(f, op, entity_ok, by_meaning)]
        if found:
            return found
    return []


def priced_count(facts: list[Fact], question: str, terms: list[list[str]] | None = None) -> tuple[Fact, Fact] | None:
    """A count and its price per unit stated in one sentence ("配售780万股新H股,每股252港元"),
    the count's unit named in the price's clause ("每股"); when the question states the two
    figures itself, the sentence's must be those. Of several such sentences, the one holding most of the question's
    words (`terms`: "储备棉轮入的成交" picks "…成交皮棉2.46万吨，成交均价每吨15,880元", not "加工皮棉21.8万吨，…每吨1.526万元")."""
    cfg = reader_config()["compute"]
    stated = {round(f.lo, 6) for f in facts_in(question)}
    by_sentence: dict[str, list[Fact]] = {}
    for f in facts:
        by_sentence.setdefault(f.sentence, []).append(f)
    pairs = []
    for count in facts:
        if count.currency in _CURRENCY_WORD:
            continue
        for price in by_sentence[count.sentence]:
            if (price.currency in _CURRENCY_WORD
                    and re.search(rf"(?:每|/|per ){re.escape(count.currency)}", price.clause)
                    and re.search(cfg["per_unit"], price.clause, re.I)
                    and (not stated or {round(count.lo, 6), round(price.lo, 6)} <= stated)):
                pairs.append((count, price))
                break
    if not pairs:
        return None
    words = [[normalize(a) for a in g] for g in terms or []]
    held = lambda pair: sum(any(a in normalize(pair[0].sentence) for a in g) for g in words)  # noqa: E731
    return max(pairs, key=held)  # (the first of those holding most: max keeps the first of equals)


def find_operand(facts: list[Fact], op: Operand, entity_ok, whole: bool = False) -> Fact | None:
    """The first fact that holds the operand literally, else by meaning (the one whose
    clause holds most of its terms: "该分部收入约32.5亿元" before "再生铝产量达到18万吨";
    of those, the one whose figure follows them most closely),
    else by meaning with its section and title; a share's whole (`whole`) that is the metric alone, a figure no
    part's noun qualifies first; a figure stated as a bound
    ("单季收入首次突破10亿元") only when no exact one holds it."""
    terms = [[normalize(a) for a in synonyms(g)] for g in op.terms]

    def held(f: Fact) -> int:
        """How many of the operand's terms the figure's clause holds (a row's with its table caption, which is nearer
        its figure than the document's title: "尼日利亚:2025财年538,760千港元" under "2025财年按地区划分收入" holds both,
        "2025财年收入29.86亿港元" under a title naming 尼日利亚 one)."""
        near = normalize(f.clause + (f" {f.table_context}" if f.row else ""))
        return sum(any(a in near for a in g) for g in terms)

    # (an operand naming revenue is an amount of money: "藻蓝蛋白销量186吨" in the sentence of the product's name is none)
    money = bool(set(reader_config()["compute"]["revenue_forms"]) & {a for g in op.terms for a in g})
    for by_meaning, in_context in ((False, False), (True, False), (True, True)):
        found = [f for f in facts if _matches(f, op, entity_ok, by_meaning, in_context)
                 and (not money or re.fullmatch(r"[A-Z]{3}", f.currency))]
        if whole and len(op.terms) == 1:  # a share's whole is no figure of a breakdown by part ("北美收入3.126亿美元；
            found = [f for f in found if not in_breakdown(f, op)]  # 欧洲收入2.418亿美元" is no revenue of the company's)
        # the metric alone ("前三季度总收入", a growth of "revenue"): the company's figure first ("前三季度文化纸收入96.5亿元"
        # after "…实现营业收入218.4亿元"; "第三季度交通票务服务收入21.3亿元" after the quarter's total)
        alone = len(op.terms) == 1
        if by_meaning:  # (the operand's last word, its head, in the figure's own clause counts once more: "内蒙古牧场的
            # 存栏" is the row's 存栏 cell, not its 牧场数量 one, which its caption's clause "肉牛存栏…" seems to hold too)
            found.sort(key=lambda f: (-held(f) - (len(terms) > 1 and any(a in normalize(f.clause) for a in terms[-1])),
                                      alone and is_qualified(f, op), _gap(f, op)))
        elif alone:
            found.sort(key=lambda f: is_qualified(f, op))
        if op.period and op.period[0] is None and op.period[1]:
            found = _latest_year_first(found, op.period[1])
        found.sort(key=lambda f: _a_flow(f, op))  # "净增门店1,126家" after "期末门店数…6,842家" for "门店数"
        if found and not by_meaning:  # (a figure its clause names only after it, "智谱约511亿港元(发行价116.20港元/股)" for
            # 发行价, after one the words come before; then one naming the figure as the question does, "发行价205港元/股",
            # before another form of it, "招股价区间165–205港元", the marketing range)
            asked = [normalize(g[0]) for g in op.terms if g]
            found.sort(key=lambda f: (_gap(f, op) >= len(normalize(f.clause)), -sum(a in normalize(f.clause) for a in asked)))
        if found:
            return next((f for f in found if not is_bound(f)), found[0])
    return None


def part_row(f: Fact, op: Operand) -> bool:
    """Is the figure a table row's ("豆腐猫砂:收入1,024.6百万元", as rows are rendered) whose label names a part, neither
    the operand's metric nor a whole ([compute] total_row_labels: "合计", "total")?"""
    m = re.match(r"\s*([^:：\d]{1,30})[:：]", f.sentence)
    if not m:
        return False
    label = normalize(m.group(1)).lower()
    totals = [normalize(t).lower() for t in reader_config()["compute"].get("total_row_labels", [])]
    return not any(t in label for t in totals) and not (op.entity and normalize(op.entity).lower() in label) \
        and not any(normalize(a).lower() in label for g in op.terms for a in g if a)  # (a company's own row is whole)


def _a_flow(f: Fact, op: Operand) -> bool:
    """Does a change word ([compute] flow_words) stand right before the operand's word in the figure's clause
    ("净增门店1,126家" for 门店), where the operand's own words hold none ("新签订单" is the figure asked)?"""
    words = reader_config()["compute"].get("flow_words", [])
    text = normalize(f.clause)
    for g in op.terms:
        for a in g:
            at = text.find(normalize(a))
            if at > 0 and any(text[:at].endswith(w) and w not in a for w in words):
                return True
    return False


def in_breakdown(f: Fact, op: Operand) -> bool:
    """Is the figure a part's, in a sentence that gives two or more parts' figures of the operand's metric, each right
    after its part's name ("北美收入3.126亿美元；欧洲收入2.418亿美元", "整车销售收入8.064亿美元；后市场服务及配件收入1.408亿
    美元")? (A figure and its comparisons, "实现收入14.26亿元(上年同期10.18亿元)", are one.)"""
    forms = sorted((a for a in op.terms[0] if a), key=len, reverse=True)
    if not forms:
        return False
    named = re.findall(rf"[\u4e00-\u9fff）)](?:{'|'.join(map(re.escape, forms))})\s*[:：]?\s*(?:为|约|达|达到)?\s*\d", f.sentence)
    return len(named) >= 2 and is_qualified(f, op)


def is_qualified(f: Fact, op: Operand) -> bool:
    """Does a noun stand before the operand's word in the figure's clause ("文化纸收入", "海外收入", a row headed
    "新梯销售及安装"): a part's figure, not the whole's? Periods, the company asked, and words that only phrase
    ("实现", "公司", "其中") are no such noun."""
    text = f.clause.split(f.source_text)[0] if f.source_text and f.source_text in f.clause else f.clause
    spans = [(text.rfind(a) + len(a), len(a)) for a in op.terms[0] if a and a in text]
    if not spans:
        return False
    end, length = max(spans)  # the last form, the longest ending there ("营业收入", not its "收入")
    before = re.sub(rf"(?:19|20)\d{{2}}\s*年?|{_PERIOD_WORDS}|前?[一二三四五六七八九十两\d]+个月|[\W\d_]+", " ",
                    text[: end - length])
    if op.entity:
        before = before.replace(op.entity, " ")
    # a part marked as one right before the metric ("度假业务收入", "其他收入"), whatever the word before the marker
    marks = [*evidence_config()["required"]["segment_markers"], "其他", "其它"]
    if any(before.rstrip().endswith(m) for m in marks):
        return True
    # any noun left ("新梯销售及安装 九个月收益", a table row's head), not only the word right before the metric
    return any(w not in _drop_words() and not is_verb(w) and not is_function_word(w) and not is_numeral_word(w)
               for w in content_words(before))


def _latest_year_first(found: list[Fact], part: str) -> list[Fact]:
    """A quarter or half asked with no year ("第三季度") is the latest year's: of the facts that hold
    it, an earlier year's goes after the others (a table of five quarters holds 2024年第三季度 above
    2025年第三季度); a fact that states no year keeps its place (stating the year is no reason to rank
    first: "第三季度ASMPT收入37.9亿港元" before a segment's row "| 半导体解决方案 | 2025年第三季度收入 18.6亿港元 |")."""
    years = [y for f in found for y, q in f.periods if y and q == part]
    if not years:
        return found
    latest = max(years)

    def rank(f: Fact) -> int:
        stated = {y for y, q in f.periods if q == part}
        return 0 if latest in stated or not any(stated) else 1
    return sorted(found, key=rank)


def is_bound(f: Fact) -> bool:
    """Is the figure a bound, not a value: a bound word right before or after it
    (config/reader.toml [compute] bound_before, bound_after: "突破10亿元", "10亿元以上")?"""
    cfg = reader_config()["compute"]
    at = f.clause.find(f.source_text) if f.source_text else -1
    if at < 0:
        return False
    return (re.search(rf"(?:{cfg['bound_before']})\s*$", f.clause[:at]) is not None
            or re.match(cfg["bound_after"], f.clause[at + len(f.source_text):]) is not None)


@dataclass
class Calculation:
    kind: str  # "share" | "multiple" | "difference" | "growth"
    a: Fact
    b: Fact
    formulas: list[str]  # "6.0亿÷12.4亿≈48.4%"


def _fmt(x: float, decimals: int = 1) -> str:
    s = f"{x:.{decimals}f}"
    return s.rstrip("0").rstrip(".") if "." in s else s


def _amount(value: float, unit: str) -> str:
    return _written(_fmt(value / _SCALE[unit], 2), unit)


_CURRENCY_WORD = {"CNY": "元", "HKD": "港元", "USD": "美元"}


def unit_word(kind: str) -> str:
    """A figure's unit as written after its number: "元", "港元", "美元", or the counted
    thing's word ("票")."""
    return _CURRENCY_WORD.get(kind, kind)


def _plausible_quotient(q: float, kind: str) -> bool:
    """Does a quotient of two cited figures round to something a report could say ([compute] quotient_bounds: a
    multiple that shows as 0倍, a share of 0.0%, a growth of millions of per cent are figures of two kinds)?"""
    lo, hi = reader_config()["compute"]["quotient_bounds"]
    return lo <= abs(q) <= hi


def calculate(kind: str, a: Fact, b: Fact) -> Calculation | str:
    """The calculation, or a reason not to compute ("units", "kinds": figures of two sizes no quotient of one kind gives,
    "missing")."""
    if kind == "part":
        if b.currency != "%" or a.currency == "%":
            return "units"  # a total (a) times a part's share of it (b)
    elif kind == "product":
        if a.currency in _CURRENCY_WORD or b.currency not in _CURRENCY_WORD:
            return "units"  # a count (a) times a price in money (b)
    elif kind == "average":
        if a.currency not in _CURRENCY_WORD or b.currency in _CURRENCY_WORD:
            return "units"  # an amount of money (a) over a count (b)
    elif a.currency != b.currency:
        return "units"  # two currencies, or two kinds of things counted
    pairs: list[tuple[int, int]]
    if kind in ("share", "multiple"):  # a / b: low with the other's high
        pairs = [(0, 1), (1, 0)] if (a.lo != a.hi or b.lo != b.hi) else [(0, 0)]
    elif kind == "growth":  # a / b - 1
        pairs = [(0, 1), (1, 0)] if (a.lo != a.hi or b.lo != b.hi) else [(0, 0)]
    else:  # difference a - b
        pairs = [(0, 1), (1, 0)] if (a.lo != a.hi or b.lo != b.hi) else [(0, 0)]
    vals_a, vals_b = (a.lo, a.hi), (b.lo, b.hi)
    formulas = []
    for i, j in pairs:
        x, y = vals_a[i], vals_b[j]
        if y == 0:
            return "missing"
        if kind in ("share", "multiple", "growth", "difference") and not _plausible_quotient(x / y, kind):
            return "kinds"  # "496÷511亿≈0倍": a price over a valuation, figures of two kinds in one currency
        wa, wb = a.written[i], b.written[j]
        if kind == "share":
            formulas.append(f"{wa}÷{wb}≈{100 * x / y:.1f}%")  # (one decimal, as a report writes a share: 24.0%)
        elif kind == "multiple":
            formulas.append(f"{wa}÷{wb}≈{_fmt(x / y, 2)}倍")
        elif kind == "growth":
            formulas.append(f"{wa}÷{wb}−1≈{100 * (x / y - 1):.1f}%")
        elif kind == "part":  # a total times a part's share: "52.36亿×19.0%≈9.95亿元"
            unit = a.unit
            formulas.append(f"{wa}×{wb}≈{_amount(x * y / 100, unit)}{unit_word(a.currency)}")
        elif kind == "sum":  # two parts of a period: "11.2亿+13.6亿≈24.8亿元"
            unit = a.unit or b.unit
            formulas.append(f"{wa}+{wb}≈{_amount(x + y, unit)}{unit_word(a.currency)}")
        elif kind == "average":  # an amount over a count: "24.8亿÷8.36万≈2.97万元" (per counted thing)
            v = x / y
            unit = "亿" if v >= 1e8 else "万" if v >= 1e4 else ""
            formulas.append(f"{wa.replace(',', '')}÷{wb.replace(',', '')}≈{_amount(v, unit)}{unit_word(a.currency)}")
        elif kind == "product":  # a count times its price: "780万×252≈19.66亿港元"
            unit = "亿" if x * y >= 1e8 else "万" if x * y >= 1e4 else ""
            formulas.append(f"{wa}×{wb}≈{_amount(x * y, unit)}{unit_word(b.currency)}")
        else:
            unit = a.unit or b.unit
            if x < y:  # the larger first: "300−252≈48港元" answers "cheaper by how much"
                x, y, wa, wb = y, x, wb, wa
            formulas.append(f"{wa}−{wb}≈{_amount(x - y, unit)}{unit_word(a.currency)}")
    return Calculation(kind, a, b, list(dict.fromkeys(formulas)))


def points_formula(a: str, b: str) -> str:
    """The change between two percentages in percentage points, the larger first
    ("70.4%−53.3%≈17.1个百分点")."""
    x, y = float(a), float(b)
    if x < y:
        a, b, x, y = b, a, y, x
    return f"{a}%−{b}%≈{_fmt(x - y, max(_decimals(a), _decimals(b), 1))}个百分点"


# --- verification (the citation check's side) -----------------------------------

@lru_cache(maxsize=1)
def _formula() -> re.Pattern:
    units = reader_config()["compute"]["quantity_units"]
    return re.compile(
        rf"(?P<a>{_NUM})\s?(?P<ua>亿|千万|百万|万|千|thousand|million|billion)?\s*(?P<op>[÷−×+])\s*(?P<b>{_NUM})\s?"
        rf"(?P<ub>亿|千万|百万|万|千|%|thousand|million|billion)?\s*(?P<minus1>−\s*1)?\s*≈\s*"
        rf"(?P<r>-?{_NUM})\s?(?P<ur>%|倍|亿|千万|百万|万|千|thousand|million|billion)?(?P<cur>港元|美元|元|{units})?"
    )


def _decimals(s: str) -> int:
    return len(s.split(".")[1]) if "." in s else 0


_MIDPOINT = re.compile(rf"\((?P<a>{_NUM})(?P<ua>亿|万|千)?\+(?P<b>{_NUM})(?P<ub>亿|万|千)?\)÷2≈(?P<r>{_NUM})(?P<ur>亿|万|千)?")
_POINTS = re.compile(rf"(?P<a>{_NUM})%−(?P<b>{_NUM})%≈(?P<r>{_NUM})个百分点")


def verify_formulas(sentence: str, evidence_norm: str) -> set[str]:
    """Normalised figures of the sentence that its formulas justify: each formula's
    inputs must be in the evidence and its result must be what the inputs give."""
    ok: set[str] = set()
    for m in _MIDPOINT.finditer(sentence):  # a range's midpoint: an input of the formulas after it
        lo, hi, mean = (float(m.group(k)) * _SCALE[m.group("u" + k) or ""] for k in ("a", "b", "r"))
        if (figure_supported(normalize(m.group("a") + (m.group("ua") or "")), evidence_norm)
                and figure_supported(normalize(m.group("b") + (m.group("ub") or "")), evidence_norm)
                and abs((lo + hi) / 2 - mean) <= 0.5 * 10 ** (-_decimals(m.group("r"))) * _SCALE[m.group("ur") or ""] + 1e-9):
            mid = normalize(m.group("r") + (m.group("ur") or ""))
            ok.update({mid, "2"})
            evidence_norm = f"{evidence_norm} {mid}"
    for m in _formula().finditer(sentence):
        a, b, r = float(m.group("a")), float(m.group("b")), float(m.group("r"))
        ua, ub, ur = m.group("ua") or "", m.group("ub") or "", m.group("ur") or ""
        if not (figure_supported(normalize(m.group("a")), evidence_norm) and figure_supported(normalize(m.group("b")), evidence_norm)):
            continue
        x, y = a * _SCALE[ua], (b / 100 if ub == "%" else b * _SCALE[ub])  # "52.36亿×19.0%"
        if m.group("op") == "÷":
            if y == 0:
                continue
            value = x / y - (1 if m.group("minus1") else 0)
            value = value * 100 if ur == "%" else value
            if ur not in ("%", "倍"):
                if m.group("minus1") or m.group("cur") not in _CURRENCY_WORD.values():
                    continue
                value = x / y / _SCALE[ur]  # an amount per counted thing: "24.8亿÷8.36万≈2.97万元"
        elif m.group("op") == "×":
            value = x * y / _SCALE.get(ur, 1.0)
        elif m.group("op") == "+":
            value = (x + y) / _SCALE.get(ur, 1.0)
        else:
            value = (x - y) / _SCALE.get(ur, 1.0)
        tol = 0.5 * 10 ** (-_decimals(m.group("r"))) + 1e-9
        if abs(value - r) <= tol:
            ok.update(normalize(f"{m.group(k)}{m.group(u) or ''}") for k, u in (("a", "ua"), ("b", "ub"), ("r", "ur")))
            ok.add(normalize(f"{m.group('r')}{m.group('ur') or ''}{m.group('cur') or ''}"))
            if m.group("r").startswith("-"):  # a fall ("≈-10.8%"): its figure as a claim reads it, without the sign
                ok.update(normalize(f"{m.group('r')[1:]}{m.group('ur') or ''}{c}") for c in ("", m.group("cur") or ""))
    # a change in percentage points, between two percentages the evidence states or the formulas before it give
    given = f"{evidence_norm} {' '.join(ok)}"
    for m in _POINTS.finditer(sentence):
        pa, pb = m.group("a") + "%", m.group("b") + "%"
        if figure_supported(normalize(pa), given) and figure_supported(normalize(pb), given):
            tol = 0.5 * 10 ** (-_decimals(m.group("r"))) + 1e-9
            if abs(abs(float(m.group("a")) - float(m.group("b"))) - float(m.group("r"))) <= tol:
                ok.update(normalize(f"{m.group('r')}{u}") for u in ("", "个", "个百分点"))
    # (and each as a claim reads it, one unit character: "275.5百万元" is claimed as "275.5百")
    return ok | {normalize(read.group(0)) for f in ok if (read := FIGURE_RE.match(f))}


# --- reading the question -------------------------------------------------------

# "X占Y的比例": a share; "应占" is "attributable to" (股东应占溢利), no share
@lru_cache(maxsize=1)
def _share_zh() -> re.Pattern:
    """"X占Y的比例", "X达到Y的多少": the part, a share verb ([compute] share_verbs), the whole."""
    verbs = reader_config()["compute"]["share_verbs"]
    return re.compile(rf"(?P<part>.+?)(?:{verbs})(?P<whole>.+?)(?:中的|的)?(?:比例|比重|占比|份额|多少|几成|百分之)")



_SHARE_EN = [
    # "what share of those applications ended up with an allotment": the whole, then what the part received
    re.compile(r"(?:share|percentage|proportion) of (?P<whole>.+?) (?:ended up with|ended up getting|received|got|won|"
               r"secured|obtained) (?P<part>.+)", re.I),
    # "what share of MiniMax's cornerstone subscription was taken by the Abu Dhabi Investment Authority": the whole, then
    # who took the part
    re.compile(r"(?:share|percentage|proportion) of (?P<whole>.+?) (?:was|were|is|are) (?:taken|taken up|subscribed|"
               r"bought|held|picked up|absorbed) by (?P<part>.+)", re.I),
    # "…capacity utilisation in FY2025, taking raw nuts processed against total annual capacity": the part over the whole
    re.compile(r"\b(?:taking|comparing|measuring|putting|setting|dividing) (?P<part>.+?) (?:against|over|relative to|by|with) "
               r"(?P<whole>.+?)[?.]?$", re.I),
    re.compile(r"share of (?P<whole>.+?) (?:does|do|did|is|was) (?P<part>.+?) (?:make up|account for|represent|contribute)", re.I),
    re.compile(r"(?P<part>.+?) as an? (?:share|percentage|proportion) of (?P<whole>.+)", re.I),
    # "what share of its revenue in the nine months came from overseas": the whole, then where the part comes from
    re.compile(r"(?:share|percentage|proportion|part) of (?P<whole>.+?) (?:came|comes|come|was|were|is|are) (?:generated |earned |derived )?(?:from|by) (?P<part>.+)", re.I),
    # "what share of its 9M25 revenue was booked in the third quarter": the part is a period of the whole's
    re.compile(r"share of (?P<whole>.+?) (?:was|were|is|are|came|comes) (?:booked|recorded|generated|earned|made|realised|"
               r"realized|reported|delivered) in (?P<part>.+)", re.I),
    re.compile(r"share of (?P<part>.+?) in (?P<whole>.+)", re.I),
]
_MULTIPLE_ZH = re.compile(r"(?P<a>.+?)(?:是|相当于|为)(?P<b>.+?)的(?:多少|几)倍")
_DIFF_ZH = re.compile(r"(?P<a>.+?)(?:比|较|和|与|跟)(?P<b>.+?)(?:多出|高出|低出|少出|便宜|贵|上涨|下跌|涨|跌|溢价|折让|高|低|多|少|相差|差|大|小)(?:了)?(?P<rate>百分之)?(?:多少|几)")
_MULTIPLE_EN = [
    re.compile(r"how many times (?:larger|bigger|higher|greater|more|as (?:large|big|high|much) as) (?:is|was|are|were) (?P<a>.+?) than (?P<b>.+?)\??$", re.I),
    re.compile(r"(?P<a>.+?) (?:is|was|are|were) how many times (?:larger than |bigger than |higher than |greater than |as (?:large|big|high|much) as )?(?P<b>.+?)\??$", re.I),
    # "how large was that loss relative to its revenue": a multiple of the second
    re.compile(r"how (?:large|big|high|much) (?:is|was|are|were) (?P<a>.+?) (?P<times>relative to) (?P<b>.+?)\??$", re.I),
    # "By what multiple did X's revenue exceed that of Y?": the first a multiple of the second
    re.compile(r"by what (?P<times>multiple|factor) (?:did|does|do|has|have|is|was|were) (?P<a>.+?) "
               r"(?:exceed|outpace|top|surpass|outstrip|beat)(?:ed)? (?P<b>.+?)\??$", re.I),
]
# "配售净额加上IPO募资净额，一共多少": the sum of two figures
# (not "与资产相关的一共有多少": "与…相关" says which, no second figure to add)
_SUM_ZH = re.compile(r"(?P<a>.+?)(?:加上|(?<!增)加|和|与|及|跟)(?![^，。？?]{0,20}(?:相关|有关))(?P<b>.+?)(?:一共|合计|总共|加起来|相加|之和)")
_SUM_EN = [
    re.compile(r"(?:sum|total) of (?P<a>.+?) (?:and|plus) (?P<b>.+?)\??$", re.I),
    re.compile(r"(?P<a>.+?) (?:plus|and) (?P<b>.+?),? (?:combined|together|added together|in total)\b", re.I),
    re.compile(r"(?P<a>.+?) plus (?P<b>.+?)\??$", re.I),
]
_DIFF_EN = re.compile(r"how much (?:higher|lower|more|less|bigger|larger|smaller|greater|cheaper|dearer) (?:is|was|are|were) (?P<a>.+?) than (?P<b>.+?)\??$", re.I)
# "How much more revenue did X's rain boots generate than its canvas shoes?": the figure's name with the first, the
# other after "than" (the metric carried to it)
_DIFF_VERB_EN = re.compile(r"how much (?:more|less|higher|lower|bigger|smaller|greater) (?P<a>[a-z][\w\s'’-]*? (?:did|does|do) .+?) "
                           r"(?:generate|earn|make|bring in|book|post|report|record|sell|ship|produce|deliver|have)\w* than "
                           r"(?P<b>.+?)\??$", re.I)
# "How much did its Q3 revenue exceed Q1 revenue by?": the first against the second
_EXCEED_EN = re.compile(r"how much (?:did|does|do|has|have) (?P<a>.+?) (?:exceed|outpace|top|surpass|trail)(?:ed)? (?P<b>.+?)(?: by)?\??$", re.I)
@lru_cache(maxsize=1)
def _growth() -> re.Pattern:
    """config/reader.toml [compute] growth_asked."""
    return re.compile(reader_config()["compute"]["growth_asked"], re.I)


def _between_periods(question: str, glossary, entity: str | None) -> DerivedQuestion | None:
    """A change between two periods of one figure ("智谱2024年收入比2023年增长了百分之
    多少", "how many times did its revenue grow from 2023 to 2024"): the later period's
    figure against the earlier one's, as a growth rate, or a multiple when times are
    asked (cue words in config/reader.toml [compute])."""
    cfg = reader_config()["compute"]
    if not re.search(cfg["change_cue"], question, re.I):
        return None
    asked = _two_periods(question)
    if asked is not None and (asked[0][1] or "").startswith("M") and re.search(cfg["yoy_cue"], question, re.I):
        return None  # "7至9月单季的营业额和同比增速": one period's change on a year before, as the sources state it
    sequential = asked is None and re.search(cfg["sequential_cue"], question, re.I) is not None
    if sequential:
        asked = _with_the_one_before(_asked_periods(question))  # "10月票房环比增长多少": against September
    previous = asked is None and re.search(cfg["previous_cue"], question, re.I) is not None
    if asked is None and not previous:
        return None
    amount = re.search(cfg["difference_cue"], question, re.I) is not None  # "多了多少人"
    rate = re.search(cfg["rate_cue"], question, re.I) is not None  # "增幅是多少", "in percent"
    kind = "multiple" if re.search(cfg["times_cue"], question, re.I) else "difference" if amount and not rate else "growth"
    also = ["difference"] if kind == "growth" and amount else []
    bare = re.sub(f'{cfg["change_cue"]}|{cfg["change_fillers"]}', " ", question, flags=re.I)  # "一共增长": no term
    bare = re.sub(cfg["times_cue"], " ", bare, flags=re.I)  # "times" is how it is asked, not what
    bare = re.sub(f'{cfg["previous_cue"]}|{cfg["rate_cue"]}|{cfg["difference_cue"]}', " ", bare, flags=re.I)
    bare = re.sub(r"\b(?:from|to|between|and)\b|比|较|相比|从|到|至", " ", bare, flags=re.I)
    terms = _phrase_terms(bare, glossary, _drop_words() | {"同比", "环比", "增长", "多少", "growth", "rate", "roughly", "times", "many", "how", "much"})
    if not terms:
        return None
    if previous:  # "年末经纪人比上年末多了多少": the latest stated period against the one a year before
        own = _asked_periods(re.sub(cfg["previous_cue"], " ", question, flags=re.I))
        period = own[0] if len(own) == 1 else None
        return DerivedQuestion(kind, Operand(entity, terms, period), Operand(entity, terms, None), previous=True, also=also)
    assert asked is not None  # (not previous)
    early, late = asked
    return DerivedQuestion(kind, Operand(entity, terms, late), Operand(entity, terms, early), also=also, sequential=sequential)


def _two_periods(question: str) -> list[tuple] | None:
    """The two periods a change is asked between, the earlier first: two years of one
    kind of period ("2024年…比2023年"), or two quarters or halves of one year ("from Q2
    to Q3 2025", "第三季度比第二季度": the year written once serves both)."""
    asked = sorted(periods(question), key=_period_order)
    if len(asked) == 2 and asked[0][1] == asked[1][1] and asked[0][0] != asked[1][0]:
        return asked
    stated = [y for y, _ in asked if y]
    if len(asked) == 2 and stated and all(_at_end(q) for _, q in asked):  # "从2024年末到2025年6月末": two balance
        dated = [(y or stated[0], q) for y, q in asked]  # dates ("2025年3月末到9月末": the year written once)
        return sorted(dated, key=lambda p: (p[0], _at_end(p[1])))
    months = _MONTH_RANGE.search(english_period_forms(question))
    named = sorted({int(m) for m in _MONTH.findall(question)})
    if months or len(named) == 2:  # "from July to October 2025", "7月至10月", "10月票房比9月": two months of one year
        written = _YEAR.search(question)
        year = written.group(0) if written else None
        ends = [int(months.group(i)) for i in (1, 2)] if months else named
        return [(year, f"M{n:02d}") for n in ends]
    quals = sorted(q for q in qualifiers(question) if q and re.fullmatch(r"[QH][1-4]", q))
    years = {y for y, _ in asked}
    if len(asked) <= 1 and len(quals) == 2 and quals[0][0] == quals[1][0] and len(years) <= 1:
        year = next(iter(years), None)
        return [(year, quals[0]), (year, quals[1])]
    return None


def _at_end(qualifier: str | None) -> int:
    """The month a point-in-time period stands at ("end": a year's end, 12; "M06-end": June's end, 6), else 0."""
    if qualifier == "end":
        return 12
    m = re.fullmatch(r"M(\d\d)-end", qualifier or "")
    return int(m.group(1)) if m else 0


def _with_the_one_before(asked: list[tuple]) -> list[tuple] | None:
    """One month, quarter or half asked against the one before it ("环比", "quarter on
    quarter"): [the one before, the asked one]; a year's first goes back a year only when
    the year is written."""
    if len(asked) != 1:
        return None
    year, q = asked[0]
    m = re.fullmatch(r"(M|Q|H)(\d+)", q or "")
    if not m:
        return None
    kind, n = m.group(1), int(m.group(2))
    last = {"M": 12, "Q": 4, "H": 2}[kind]
    width = 2 if kind == "M" else 1
    if n > 1:
        return [(year, f"{kind}{n - 1:0{width}d}"), asked[0]]
    return [(str(int(year) - 1), f"{kind}{last:0{width}d}"), asked[0]] if year else None


_MONTH_RANGE = re.compile(r"(?<![\d年])(1[0-2]|0?[1-9])\s*月?份?\s*(?:[-–~]|到|至)\s*(1[0-2]|0?[1-9])\s*月")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
# a month a question names, not a date in it ("10月", "2025年9月"; not "1月16日")
_MONTH_END = re.compile(r"(?<!\d)(?:1[0-2]|0?[1-9])\s*月(?:末|底|初)")
_MONTH = re.compile(r"(?<!\d)(1[0-2]|0?[1-9])\s*月(?:份)?(?!\s*\d{1,2}\s*[日号])")


@dataclass
class DerivedQuestion:
    kind: str
    a: Operand
    b: Operand
    # words whose figure, when a source states it as a percentage, is the answer itself
    # ("净利率12%", "海外收入占比约8%"): nothing to compute
    stated: list[str] = field(default_factory=list)
    ratio: bool = False  # a ratio the question names ("净利率"): not computable and not stated is not given
    previous: bool = False  # b is a's figure a year before a's period ("比上年末", "than a year earlier")
    also: list[str] = field(default_factory=list)  # further calculations asked of the same two figures
    sequential: bool = False  # against the period before ("环比"): a source often states the change itself
    midpoint: bool = False  # a range's midpoint asked ("按预告区间的中值算"): ranges taken at their midpoints
    range_ends: bool = False  # one range's high end against its low end ("估值上限比下限多出多少")


def _phrase_terms(phrase: str, glossary, drop: set[str] | frozenset[str]) -> list[list[str]]:
    """Term groups of a phrase: its metrics (any form), English terms as their Chinese
    forms, other content words; companies, periods and question words dropped."""
    groups: list[list[str]] = []
    low = phrase.lower()
    for m in glossary.metrics_in(phrase):
        groups.append([m, *glossary.metrics[m]])
        for f in sorted(glossary.metrics[m], key=len, reverse=True):
            low = low.replace(f.lower(), " ")
    # (and the company words a short name is written with in the question, "芯澜微电子" of the catalogued 芯澜: no
    # operand's term, config/catalogue.toml company_suffixes, trade_words)
    tails = "|".join(map(re.escape, sorted(_company_tails(), key=len, reverse=True)))
    for canon in glossary.entities(phrase):
        names = glossary.aliases_of(canon)  # the longest first: "睿视眼镜" before "睿视"
        for a in sorted([*names, canon.lower()], key=len, reverse=True):
            name_tail = rf"(?:{tails})*" if re.search(r"[\u4e00-\u9fff]$", a) else ""
            low = (re.sub(re.escape(a) + name_tail, " ", low) if a == canon.lower()
                   else re.sub(rf"(?<![0-9a-z]){re.escape(a)}{name_tail}(?![0-9a-z])", " ", low))
    # (a term inside a longer phrase the dictionary holds is that phrase's word: "new" of "New Zealand", 新西兰)
    longer = []
    if re.search(r"[a-z]{2,}\s+[a-z]{2,}", low):
        from chatbot.en_phrases import dictionary_phrases

        longer = [p for p, _ in dictionary_phrases(low, glossary.translate)]
    for term in sorted(glossary.terms, key=len, reverse=True):  # (a substring test first: a pattern for every term of
        if any(term in p and len(term) < len(p) and term not in glossary.terms.get(p, []) for p in longer):
            continue
        if term in low and re.search(rf"(?<![a-z]){re.escape(term)}(?![a-z])", low):  # the list is slow to compile)
            if all(_PERIOD_WORD.fullmatch(t) for t in glossary.terms[term]):  # periods are not terms, and go with the
                # 年 after them ("2025年总收入": no term 年总)
                low = re.sub(rf"(?<![a-z]){re.escape(term)}(?![a-z])(?:\s*(?:财年|年))?", " ", low)
                continue
            groups.append([*glossary.terms[term], term])  # (and as an article written in English says it)
            low = re.sub(rf"(?<![a-z]){re.escape(term)}(?![a-z])", " ", low)
    if re.search(r"[a-z]{2,}\s+[a-z]{2,}", low):
        from chatbot.en_phrases import dictionary_phrases, phrase_pattern

        for phrase, forms in dictionary_phrases(low, glossary.translate):  # "golf balls": 高尔夫球, one thing
            groups.append(list(forms))
            low = phrase_pattern(phrase).sub(" ", low)
    low = re.sub(r"(?:19|20)\d{2}\s*年?(?:上半年|下半年|前三季度|全年|度|财年|财政年度)?", " ", low)
    low = re.sub(_PERIOD_WORDS + r"|第?[一二三四1-4]季度|\bq[1-4]\b", " ", low)  # a period without its year is no term
    low = re.sub(r"年?(?:前|头|首)\s*(?:十一|十|[一二两三四五六七八九]|1[01]|[1-9])\s*个月", " ", low)  # nor "前十个月"
    low = _MONTH.sub(" ", _MONTH_END.sub(" ", low))  # nor is a month ("1月配售的价格", "9月末")
    price = tuple(reader_config()["compute"]["price_suffixes"])
    for w in content_words(low):
        if w in drop or w.isdigit() or (w.isascii() and len(w) < 3) or is_function_word(w) or is_numeral_word(w):
            # "这次", "目前"; "一个", "亿美元"
            continue
        whole = re.search(rf"(?:(?![的之其和与及])[\u4e00-\u9fff]){{1,2}}{re.escape(w)}", low) if w.endswith(price) else None
        # (a character the tokenizer left alone after the word, before the metric taken out of the phrase: "海苔卷收入"
        # asks the row 海苔卷, which 海苔 alone would take for "夹心海苔")
        tail = re.search(rf"{re.escape(w)}([\u4e00-\u9fff])(?![\u4e00-\u9fff])", low) \
            if re.fullmatch(r"[\u4e00-\u9fff]{2,}", w) else None
        if tail and not is_function_word(tail.group(1)) and tail.group(1) not in _drop_words() \
                and tail.group(1) not in "的之其和与及占为是有一二两三四五六七八九十百千万亿几多量数额率值":
            # (not a figure's generic end: "垃圾处理量" is 垃圾处理's volume, as the sources may write it either way)
            w = w + tail.group(1)
        if w.isascii() and names_a_place(w):  # "came from Japan": the place as a Chinese source writes it, 日本
            groups.append([w, *(z for z in cedict_index().get(w, []) if _is_place(z))])
            continue
        groups.append([whole.group(0), w] if whole else [w])  # "配售价" that the tokenizer split as 配|售价
    # an English word left untranslated ("travel" of "Tongcheng Travel") is never in a
    # Chinese source's clause: dropped when the phrase has Chinese terms to match (a Chinese phrase writes its Latin
    # words as the sources do: "Mini/Micro LED直显" tells that row from "小间距LED直显")
    cjk = [g for g in groups if any(re.search(r"[\u4e00-\u9fff]", a) for a in g)]
    if not cjk:  # every word English ("yak yoghurt"): their Chinese as the documents write them (牦牛, 酸奶); beside a
        # term with Chinese forms an English word left over stays dropped, below ("monthly" of "monthly parcel volume")
        groups = [[*g, *glossary.translate(g[0])] if len(g) == 1 and re.fullmatch(r"[a-z][a-z\-]{2,}", g[0]) else g
                  for g in groups]
        cjk = [g for g in groups if any(re.search(r"[\u4e00-\u9fff]", a) for a in g)]
    if cjk and len(cjk) < len(groups) and question_language(phrase) == "zh":
        # (a Latin word written onto the Chinese, "LED直显", is the sources' own; one set apart by spaces, "seaweed rolls
        # (海苔卷)", is the question's English beside the Chinese it gives)
        return [g for g in groups if g in cjk or any(re.search(rf"[\u4e00-\u9fff/]\s*{re.escape(a)}|{re.escape(a)}\s*[\u4e00-\u9fff/]",
                                                               phrase.lower()) for a in g)]
    return cjk if cjk and len(cjk) < len(groups) else groups


@lru_cache(maxsize=1)
def _company_tails() -> tuple[str, ...]:
    """The words a company's name ends in (config/catalogue.toml company_suffixes, trade_words)."""
    from chatbot.names import load_rules

    rules = load_rules()
    return tuple(dict.fromkeys([*rules.company_suffixes, *rules.trade_words]))


_PERIOD_WORD = re.compile(r"(?:19|20)\d{2}年?|上半年|下半年|前三季度|前九个月|全年|年末|年底|第?[一二三四1-4]季度|[qQ][1-4]|(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月份?")
@lru_cache(maxsize=1)
def _drop_words() -> frozenset[str]:
    """Words of a question that name no operand's term (config/reader.toml [compute] operand_drop)."""
    return frozenset(reader_config()["compute"]["operand_drop"])


def _period_order(p: tuple) -> tuple[str, str]:
    """A sort key for (year, qualifier) periods, either of which may be None ("2025" alone, "Q3" of any year)."""
    return (p[0] or "", p[1] or "")


def _asked_periods(text: str) -> list[tuple]:
    """The periods a text names; a half or quarter without its year ("上半年",
    "第三季度") as one of any year."""
    # (a month with its year, "2025年12月", is the month asked here: a derived figure asks of a period)
    found = sorted(periods(text) | dated_months(text), key=_period_order)
    if not found:
        found = [(None, q) for q in sorted(q for q in qualifiers(text) if q)]
    return found


def read_derived(question: str, glossary) -> DerivedQuestion | None:
    """The two operands and the operation a derived-figure question asks for; a range's
    midpoint asked ([compute] midpoint_cue) marks it so, its words no term."""
    cfg = reader_config()["compute"]
    midpoint = re.search(cfg["midpoint_cue"], question, re.I) is not None
    dq = _read_derived(re.sub(cfg["midpoint_cue"], " ", question, flags=re.I), glossary)
    return replace(dq, midpoint=True) if dq is not None and midpoint else dq


def range_ends(f: Fact) -> tuple[Fact, Fact] | None:
    """A range's high end and low end as two figures ("461亿–504亿港元": 504亿, 461亿); none for a single figure."""
    if f.lo == f.hi:
        return None
    return (replace(f, lo=f.hi, written=(f.written[1], f.written[1])),
            replace(f, hi=f.lo, written=(f.written[0], f.written[0])))


# how a change between two figures is asked ("多出多少", "高了百分之几"): no term of either
_CHANGE_ASKED = re.compile(r"(?:多出|高出|低出|少出|便宜|贵|相差|差|高|低|多|少|大|小)了?(?:百分之)?(?:多少|几)|\bhow much (?:higher|more|larger|wider)\b|\bhow many times\b", re.I)


def at_midpoint(f: Fact) -> tuple[Fact, str]:
    """A range taken at its midpoint, and the formula that gives it ("(6.0亿+6.2亿)÷2≈6.1亿"); a
    single figure as it is (no formula)."""
    if f.lo == f.hi:
        return f, ""
    unit = f.unit
    mid = (f.lo + f.hi) / 2
    value = _fmt(mid / _SCALE[unit], max(_decimals(re.sub(r"[^\d.]", "", w)) for w in f.written) + 1)
    written = f"{value}{unit}"
    return replace(f, lo=mid, hi=mid, written=(written, written), source_text=f.source_text), \
        f"({f.written[0]}+{f.written[1]})÷2≈{written}"


def _period_only(phrase: str) -> bool:
    """Does an English phrase name a period and nothing else ("the third quarter", "1H25", "fiscal 2025")?
    (config/reader.toml [compute] period_words_en)"""
    words = set(reader_config()["compute"]["period_words_en"])
    rest = [w for w in re.findall(r"[a-z0-9]+", phrase.lower()) if w not in words
            and not re.fullmatch(r"(?:[1-4][hq]|[hq][1-4]|fy|9m|6m|3m)?\d{0,4}", w)]
    return bool(re.search(r"[a-z]", phrase, re.I)) and not rest


_SHARE_WITHIN = [  # "加油站中广东占比多少", "What share of X's petrol stations were in Guangdong?": a part of a counted whole
    re.compile(r"(?P<whole>[^，。？?]{2,24}?)(?:当中|之中|中|里)(?P<part>[^，。？?中里的]{1,12})(?:的)?(?:占比|比重|所占比例|占多少|占几成)"),
    re.compile(r"(?:share|percentage|proportion) of (?P<whole>.+?) (?:were|was|are|is) (?:located |based )?in (?P<part>[^?,]+)", re.I),
]


def _share_within(question: str, glossary, entity: str | None, period: tuple | None) -> DerivedQuestion | None:
    """A share of a whole counted by its parts ("燊驿能源2025年末的加油站中广东占比多少？"): the part is the whole's row for
    the part ("广东:加油站486" under "…加油站分布"), the whole the figure of its noun that names no part ("在营加油站1,354座").
    Only for a whole that is no metric of money (revenue shares are read by the patterns after this)."""
    m = next((mm for p in _SHARE_WITHIN if (mm := p.search(question))), None)
    if m is None or glossary.metrics_in(m.group("whole")) or glossary.metrics_in(m.group("part")):
        return None
    whole = _phrase_terms(m.group("whole"), glossary, _drop_words())
    part = _phrase_terms(m.group("part"), glossary, _drop_words())
    whole = [g for g in whole if g not in part and not any(e in g for e in ([entity] if entity else []))]
    # (an English word left as written, a place: its Chinese forms, "guangdong" -> 广东)
    part = [g + [z for z in glossary.translate(g[0]) if z not in g] if len(g) == 1 and g[0].isascii() else g for g in part]
    if not whole or not part:
        return None
    part_words = [a for g in part for a in g]
    return DerivedQuestion("share", Operand(entity, whole + part, period), Operand(entity, whole, period, exclude=part_words),
                           stated=part_words)


_ASKS_HOW_MUCH = re.compile(r"多少|几何|\bhow much\b", re.IGNORECASE)


def _read_derived(question: str, glossary) -> DerivedQuestion | None:
    cfg = reader_config()["compute"]
    # (fillers out, the companies and periods a filler names kept: "按珩罐包装披露的数字，…" asks of 珩罐包装, "按2024年的
    # 数字，…" of 2024)
    question = re.sub(cfg["fillers"], lambda m: " " + " ".join(
        [*glossary.entities(m.group(0)), *(p.group(0) for p in period_phrase_re().finditer(m.group(0)))]) + " ", question)
    if re.search(cfg["range_ends_cue"], question, re.I):  # "MiniMax的IPO估值上限比下限多出多少亿港元"
        kind = ("multiple" if re.search(cfg["times_cue"], question, re.I)
                else "growth" if re.search(cfg["rate_cue"], question, re.I) else "difference")
        bare = _CHANGE_ASKED.sub(" ", re.sub(cfg["range_ends_cue"], " ", question, flags=re.I))
        ents, asked = glossary.entities(question), _asked_periods(question)
        op = Operand(ents[0] if ents else None, _phrase_terms(bare, glossary, _drop_words()), asked[0] if len(asked) == 1 else None)
        return DerivedQuestion(kind, op, op, range_ends=True) if op.terms else None
    ents = glossary.entities(question)
    entity = ents[0] if ents else None
    asked = _asked_periods(question)
    period = asked[0] if len(asked) == 1 else None
    whole_forms = list(cfg["whole_forms"])
    average = _per_counted(question, glossary, entity, period)
    if average is not None:
        return average
    if (re.search(cfg["product_cue"], question, re.I) and (
            re.search(cfg["per_unit"], question, re.I)
            or (re.search(cfg["total_amount_cue"], question, re.I) and not re.search(cfg["total_amount_not"], question, re.I)))) \
            or (re.search(cfg["sellout_cue"], question, re.I) and _ASKS_HOW_MUCH.search(question)):
        # "配售780万股、每股252港元，按此算配售总额多少": a count times its price per unit
        terms = _phrase_terms(re.sub(f'{cfg["product_cue"]}|{cfg["per_unit"]}|{cfg["sellout_cue"]}', " ", question, flags=re.I), glossary,
                              _drop_words() | {"多少", "按此算", "按此", "大约"})
        return DerivedQuestion("product", Operand(entity, terms, period), Operand(entity, terms, period))
    part = _part_of_total(question, glossary, entity, period)
    if part is not None:
        return part
    within = _share_within(question, glossary, entity, period)
    if within is not None:
        return within
    m = _share_zh().search(question)
    en = None
    if not m:
        en = next((p.search(question) for p in _SHARE_EN if p.search(question)), None)
    if (mm := m or en) is not None:
        part_terms = _phrase_terms(mm.group("part"), glossary, _drop_words())
        whole_phrase = re.sub(cfg["share_whole_tail"], "", mm.group("whole"))  # "前三季度里占了": "前三季度"
        metric_groups = [[x, *glossary.metrics[x]] for x in glossary.metrics_in(whole_phrase)]
        whole_terms = _phrase_terms(whole_phrase, glossary, _drop_words())
        is_total = any(w in whole_phrase for w in whole_forms) or re.search(cfg["total_words"], whole_phrase, re.I)
        counted = _phrase_terms(re.sub(cfg["total_words"], " ", whole_phrase, flags=re.I), glossary, _drop_words())
        if is_total and counted and not metric_groups and any(g not in counted for g in part_terms):
            # "直营店占全部门店的比例": the whole is all of its noun, the part one kind of it
            part_own = [a for g in part_terms if g not in counted for a in g]
            return DerivedQuestion("share", Operand(entity, part_terms, period),
                                   Operand(entity, counted, period, exclude=part_own), stated=part_own)
        pp, wp = _asked_periods(mm.group("part")), _asked_periods(whole_phrase)
        cumulative = [w for w in cfg.get("cumulative_words", []) if re.search(rf"(?<![a-z]){re.escape(w)}(?![a-z])",
                                                                              whole_phrase, re.I)]
        if whole_terms and cumulative:  # a whole summed over periods: the figure stated as their sum
            return DerivedQuestion("share", Operand(entity, part_terms, pp[0] if len(pp) == 1 else period),
                                   Operand(entity, [*whole_terms, list(cfg["cumulative_words"])], None, summed=True))
        if whole_terms and len(pp) == 1 and len(wp) == 1 and pp != wp and _period_only(mm.group("part")):
            # "what share of its 9M25 revenue was booked in the third quarter": one figure for two periods
            return DerivedQuestion("share", Operand(entity, whole_terms, pp[0]), Operand(entity, whole_terms, wp[0]))
        if whole_terms and not is_total:
            # "现金相当于净亏损的百分之多少": the whole is a figure of its own, not the total
            wp, pp = _asked_periods(whole_phrase), _asked_periods(mm.group("part"))
            part_metrics = [[x, *glossary.metrics[x]] for x in glossary.metrics_in(mm.group("part"))]
            own = [a for g in part_terms if g not in part_metrics for a in g]  # "中国区" of "中国区收入占比"
            return DerivedQuestion("share", Operand(entity, part_terms, pp[0] if len(pp) == 1 else period),
                                   Operand(entity, whole_terms, wp[0] if len(wp) == 1 else None), stated=own)
        part_terms = [g for g in part_terms if g not in metric_groups] + metric_groups
        distinct = [a for g in part_terms if g not in metric_groups for a in g]
        pp, wp = _asked_periods(mm.group("part")), _asked_periods(whole_phrase)
        if (not distinct or not whole_terms) and len(pp) == 1 and len(wp) == 1 and pp != wp and part_terms:
            # "上半年收入相当于2024年全年收入的多少": one figure for two periods
            return DerivedQuestion("share", Operand(entity, part_terms, pp[0]), Operand(entity, part_terms, wp[0]))
        if not distinct:
            return None
        # (the whole in the metric's own words too: "2025年上半年收入4.86亿元", a table's total row under "收入按产品划分")
        whole = list(dict.fromkeys([*whole_forms, *(f for g in metric_groups for f in g)]))
        return DerivedQuestion("share", Operand(entity, part_terms, period),
                               Operand(entity, [whole], period, exclude=distinct), stated=distinct)
    change = _between_periods(question, glossary, entity)
    if change is not None:
        return change
    rest = _complement(question, glossary, entity, period)
    if rest is not None:
        return rest
    m = _MULTIPLE_ZH.search(question) or _DIFF_ZH.search(question) or _SUM_ZH.search(question)
    m_en = None if m else (next((p.search(question) for p in [*_MULTIPLE_EN, _DIFF_EN, _DIFF_VERB_EN, _EXCEED_EN, *_SUM_EN] if p.search(question)), None))
    if (m := m or m_en) is not None:
        kind = "multiple" if ("倍" in m.group(0) or "times" in m.group(0).lower() or m.groupdict().get("times")) else "difference"
        if m.re is _SUM_ZH or m.re in _SUM_EN:
            kind = "sum"
        if kind == "difference" and "rate" in m.groupdict() and m.group("rate") == "百分之":
            kind = "growth"  # "配售价比发行价高了百分之多少": the first against the second, in percent
        ops = []
        for side in ("a", "b"):
            phrase = re.sub(cfg["same_period_words"], " ", m.group(side), flags=re.I)  # "同期收入": a's period
            e = glossary.entities(phrase)
            p = _asked_periods(phrase)
            # a month the other side names is that figure's date ("1月配售的价格比IPO发行价"), not this one's
            shared = None if side == "b" and period and re.fullmatch(r"M\d\d", period[1] or "") else period
            ops.append(Operand(e[0] if e else entity, _phrase_terms(phrase, glossary, _drop_words()), p[0] if p else shared))
        a, b = ops
        if not b.terms:
            b.terms = a.terms
        if not a.terms:
            a.terms = b.terms
        metric = [[x, *glossary.metrics[x]] for x in glossary.metrics_in(m.group("a"))]
        if metric and not glossary.metrics_in(m.group("b")):
            # "A's revenue … how many times that of B": the other company's figure of the same metric
            b.terms = metric + [g for g in b.terms if g not in metric]
        if a.terms != b.terms and all(g in a.terms for g in b.terms):  # "经营现金净流出" vs "现金":
            b.exclude = [x for g in a.terms if g not in b.terms for x in g]  # the other is not the narrower one
        elif a.terms != b.terms and all(g in b.terms for g in a.terms):
            a.exclude = [x for g in b.terms if g not in a.terms for x in g]
        if not a.terms or (a.entity == b.entity and a.period == b.period and a.terms == b.terms):
            return None
        # "配售价比发行价高了多少": no unit asked, so the difference and how much higher in percent
        also = ["growth"] if kind == "difference" and re.search(cfg["bare_difference"], question) else []
        return DerivedQuestion(kind, a, b, also=also)
    ratio = _ratio(question, entity, period)
    if ratio is not None:
        return ratio
    if _growth().search(question) and period and period[0]:
        terms = _phrase_terms(_growth().sub(" ", question), glossary, _drop_words() | {"同比", "增长", "多少", "growth", "rate"})
        if not terms:
            return None
        prev = (str(int(period[0]) - 1), period[1])
        return DerivedQuestion("growth", Operand(entity, terms, period), Operand(entity, terms, prev))
    return None


def average_cue(question: str) -> re.Match | None:
    """Where a question asks an average per counted thing ([compute] average_cue: the first of its expressions that
    matches; group u the measure word, or group w the English word of the thing)."""
    cfg = reader_config()["compute"]
    cues = [cfg["average_cue"]] if isinstance(cfg["average_cue"], str) else cfg["average_cue"]
    things = "|".join(sorted({w for forms in cfg["counted_by"].values() for w in forms if w.isascii()}, key=len, reverse=True))
    return next((m for rx in cues if (m := re.search(rx.replace("{things}", things), question, re.I))), None)


def counted_unit(question: str) -> str | None:
    """The unit of the thing an amount is asked per ("平均每辆车…": 辆; "average revenue per tonne": 吨, by
    config/reader.toml [compute] counted_by), when the question asks an average per counted thing ([compute]
    average_cue); else none."""
    cfg = reader_config()["compute"]
    m = average_cue(question)
    if m is None:
        return None
    if "u" in m.re.groupindex:
        return m.group("u")
    words = re.findall(r"[a-z]+", m.group("w").lower())  # (the thing's noun among the words: "Zhipu's cornerstone investors")
    return next((u for w in words for u, forms in cfg["counted_by"].items() if w in forms), None)


def _complement(question: str, glossary, entity: str | None, period: tuple | None) -> DerivedQuestion | None:
    """The whole less one part ("欧洲以外地区的收入合计", "revenue outside Europe combined"): the company's figure of
    the metric asked less the part's ([compute] complement: the group `part` names the part left out)."""
    m = next((m for rx in reader_config()["compute"]["complement"] if (m := re.search(rx, question, re.I))), None)
    if not m:
        return None
    metric = [[x, *glossary.metrics[x]] for x in glossary.metrics_in(question)]
    # the part is the word written right before "以外" ("芮坪智能前三季度欧洲": 欧洲), not the company or period
    part = [g for g in _phrase_terms(m.group("part"), glossary, _drop_words()) if g not in metric][-1:]
    if not metric or not part:
        return None
    if entity and set(part[0]) & {entity, *glossary.aliases_of(entity)}:
        return None  # "云知声以外的公司": other companies, no part of one
    return DerivedQuestion("difference", Operand(entity, metric, period),
                           Operand(entity, [*metric, *part], period))


def _per_counted(question: str, glossary, entity: str | None, period: tuple | None) -> DerivedQuestion | None:
    """An amount per counted thing ("优驰第二季度平均每辆车带来多少收入", "average revenue per vehicle"): the
    amount (a: the question's words, else revenue) over the count in the thing's unit (b); the thing's own
    word ("车", "墓穴") is no term. A source stating the average itself is quoted ([compute] average_stated)."""
    cfg = reader_config()["compute"]
    unit = counted_unit(question)
    if unit is None:
        return None
    m = average_cue(question)
    assert m is not None  # (counted_unit found it)
    # the thing counted: the word after the cue, or inside it after the measure word ("每家基石投资者平均": 基石投资者)
    inner = [w for w in content_words(question[m.end("u"):m.end()]) if w not in ("平均", "均")] \
        if "u" in m.re.groupindex else []
    after = inner or content_words(question[m.end():])
    if "w" in m.re.groupindex:  # (an English cue names the thing: "each of X's cornerstone investors")
        after = [m.group("w").lower()]
    thing = set(cfg["counted_by"].get(unit, [])) | ({after[0]} if after and not glossary.metrics_in(after[0]) else set())
    between = re.sub(r"^\s*(?:on )?average\b|\b(?:per|each)\b.*$", " ", m.group(0), flags=re.I | re.S) \
        if "w" in m.re.groupindex else " "
    bare = re.sub(cfg["average_drop"], " ", f"{question[:m.start()]} {between} {question[m.end():]}", flags=re.I)
    terms = [g for g in _phrase_terms(bare, glossary, _drop_words() | {"平均", "多少", "per"}) if not thing & set(g)]
    # a price asked ("卖多少钱", "average price per tonne") is the average a source states ("平均售价", "每吨512元");
    # an amount named ("每辆车带来多少收入", "average revenue per vehicle") is computed: a selling price is no revenue
    stated = [] if glossary.metrics_in(bare) else list(cfg["average_stated"])
    amount = Operand(entity, terms or [list(cfg["revenue_forms"])], period)
    return DerivedQuestion("average", amount, Operand(entity, [[unit, *cfg["counted_by"].get(unit, [])]], period), stated=stated)


def _part_of_total(question: str, glossary, entity: str | None, period: tuple | None) -> DerivedQuestion | None:
    """An amount asked for a part that the sources give only as a share of its total
    ("按地区占比测算，欧洲收入大约多少亿元"): the total (a: the metric) times the part's
    stated share (b: the part's words). config/reader.toml [compute] part_share_cue and
    part_amount_cue."""
    cfg = reader_config()["compute"]
    if not (re.search(cfg["part_share_cue"], question, re.I) and re.search(cfg["part_amount_cue"], question, re.I)):
        return None
    bare = re.sub(f'{cfg["part_share_cue"]}|{cfg["part_amount_cue"]}', " ", question, flags=re.I)
    metrics = [[x, *glossary.metrics[x]] for x in glossary.metrics_in(bare)]
    words = [g for g in _phrase_terms(bare, glossary, _drop_words() | {"多少", "大约", "大概", "亿元", "万元"}) if g not in metrics]
    if not metrics or not words:
        return None
    return DerivedQuestion("part", Operand(entity, metrics, period), Operand(entity, words, period))


def share_facts(sentence: str, words: list[str], passage_idx: int = 0) -> list[Fact]:
    """The shares a sentence states for a part: one of the words, then in its clause a
    share cue ([compute] stated_share: "欧洲占19.0%", "海外收入占比约8%"), then the
    percentage; as facts whose unit is "%"."""
    cue = reader_config()["compute"]["stated_share"]
    out = []
    for w in words:
        for m in re.finditer(rf"{re.escape(w)}[^。；;，,\d%]{{0,6}}?(?:{cue})[^。；;，,\d%]{{0,4}}?(?P<v>\d+(?:\.\d+)?)\s*%",
                             sentence, re.I):
            v = float(m.group("v"))
            label = m.group(0)[: m.start("v") - m.start()]  # the words before the percentage ("欧洲占")
            out.append(Fact(v, v, "", "%", (f"{m.group('v')}%", f"{m.group('v')}%"), label, periods(sentence),
                            sentence, passage_idx, f"{m.group('v')}%"))
    return out


def names_ratio(question: str) -> bool:
    """Does the question name a ratio that is a quotient of two figures (config/reader.toml [[compute.ratios]]:
    "毛利率", "net margin")?"""
    return _ratio(question, None, None) is not None


def ratio_name(forms: list[str]) -> bool:
    """Is one of the (normalised) forms the name of a ratio that is a quotient of two figures ("经调整ebitda利润率",
    "adjustedebitdamargin": config/reader.toml [[compute.ratios]])?"""
    return any(re.sub(r"\s+", "", f.lower()) in _ratio_names() for f in forms)


@lru_cache(maxsize=1)
def _ratio_names() -> frozenset[str]:
    return frozenset(re.sub(r"\s+", "", n.lower()) for r in reader_config()["compute"]["ratios"] for n in r["names"])


def _ratio(question: str, entity: str | None, period: tuple | None) -> DerivedQuestion | None:
    """A ratio the question names that is a quotient of two figures ("净利率" = net profit
    ÷ revenue: config/reader.toml [[compute.ratios]]), as a share of the two."""
    low = question.lower()
    for r in reader_config()["compute"]["ratios"]:
        names = [n for n in r["names"] if n.lower() in low]
        if names:
            return DerivedQuestion("share", Operand(entity, [list(r["numerator"])], period),
                                   Operand(entity, [list(r["denominator"])], period, exclude=list(r["denominator_exclude"])),
                                   stated=list(r["names"]), ratio=True)
    return None


def _one_period_asked(question: str, asked: list[tuple], glossary,
                      needs_year: bool) -> tuple[tuple, list[list[str]], str | None] | None:
    """The one period a question asks a figure for (`asked`: its _asked_periods), the figure's terms and the company."""
    if len(asked) != 1 or (needs_year and asked[0][0] is None):
        return None
    bare = re.sub(reader_config()["compute"]["period_part_drop"], " ", question)
    terms = _phrase_terms(bare, glossary, _drop_words() | {"多少", "是多少", "how", "much", "was", "what"})
    if not terms:
        return None
    ents = glossary.entities(question)
    return asked[0], terms, ents[0] if ents else None


def read_period_part(question: str, glossary) -> tuple[tuple, DerivedQuestion] | None:
    """A figure asked for one period that a longer period and its remainder give
    ("上半年" = "前三季度" − "第三季度": config/reader.toml [[compute.period_parts]]): the
    asked period and the difference of the two figures it is read from (the first rule's: read_period_parts)."""
    return next(iter(read_period_parts(question, glossary)), None)


def read_period_parts(question: str, glossary) -> list[tuple[tuple, DerivedQuestion]]:
    """Every way [[compute.period_parts]] gives the one period asked, in their order ("上半年" = "前三季度" − "第三季度",
    else the year less its second half)."""
    asked = _asked_periods(question)
    rules = reader_config()["compute"]["period_parts"]
    if len(asked) == 2:  # the longer period named as where the one asked lies ("前三季度里，上半年…"): that one asked
        inner = [p for p in asked for r in rules if r["period"] == p[1] and any(o[1] == r["whole"] for o in asked if o != p)]
        asked = inner[:1] if len(inner) == 1 else asked
    out = []
    for rule in (r for r in rules if len(asked) == 1 and r["period"] == asked[0][1]):
        whole = None if rule["whole"] == "year" else rule["whole"]
        read = _one_period_asked(question, asked, glossary, needs_year=whole is None)  # a full year needs its year
        if read is None:
            continue
        (year, _), terms, entity = read
        out.append(((year, rule["period"]), DerivedQuestion("difference", Operand(entity, terms, (year, whole)),
                                                            Operand(entity, terms, (year, rule["less"])))))
    return out


def read_period_sum(question: str, glossary) -> tuple[tuple, DerivedQuestion] | None:
    """A figure asked for one period that its two parts give ("上半年" = "第一季度" +
    "第二季度": config/reader.toml [[compute.period_sums]]): the asked period and the sum
    of the two figures it is read from."""
    asked = _asked_periods(question)
    rule = next((r for r in reader_config()["compute"]["period_sums"] if len(asked) == 1 and r["period"] == asked[0][1]), None)
    if rule is None:
        return None
    read = _one_period_asked(question, asked, glossary, needs_year=False)
    if read is None:
        return None
    (year, _), terms, entity = read
    first, second = rule["parts"]
    return (year, rule["period"]), DerivedQuestion("sum", Operand(entity, terms, (year, first)), Operand(entity, terms, (year, second)))
