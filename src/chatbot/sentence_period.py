"""The reporting period a sentence speaks of, when it does not say it in full.

An article on one quarter writes "经营利润为8.27亿元" under a title that names that quarter
first ("理想汽车第二季度收入302亿元，…，第三季度交付指引下滑"), and "第二季度交付新车…" with a
quarter but no year. A sentence's period is, in this order:

1. the periods it states with their year ("2025年第二季度"), plus each quarter or half it names
   without a year ("第二季度…", "较2024年第二季度…" gives only the first) in the context's year;
2. else, when it names none and a quarter is asked: the innermost heading that names a period,
   else the title's headline period (the first clause of the title that names one: a title's
   later periods are guidance or comparisons); when no quarter is asked, any period of the
   passage.

A quarter asked is therefore never answered by a sentence tied to another quarter only through
a neighbouring sentence or a later clause of the title."""

from __future__ import annotations

import re
from functools import lru_cache

from chatbot.evidence_config import evidence_config
from chatbot.text import english_period_forms, period_end_month, periods, qualifiers

_CLAUSE = re.compile(r"[，,；;：:|｜!！?？。—–]+|\s-\s")
# (a fiscal year's too: "2026财年上半年", "FY2026上半年", "2026财政年度第一季度")
_YEAR_BEFORE = re.compile(r"(?:19|20)\d{2}\s*(?:年|财年|财政年度|年度)?\s*(?:的|度)?\s*$")
_BARE_QUALIFIER = re.compile(
    r"上半年|下半年|前三季度|前九个月|第?[一二三四1-4]季度|\bQ[1-4]\b|(?:first|second|third|fourth) quarter|中期|H1|H2",
    re.IGNORECASE)


_PERIOD = (r"(?:截至\s*(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*止?\s*(?:年度|(?:三|六|九|十二|3|6|9|12)个月)"  # "较截至2024年6月30日止六个月"
           r"|(?:19|20)\d{2}\s*(?:财年|财政年度)?\s*年?\s*(?:度|全年|上半年|下半年|前三季度|前九个月|第?[一二三四1-4]季度|Q[1-4]|H[12]|年?末|年?底)?"
           r"|上半年|下半年|前三季度|前九个月|第?[一二三四1-4]季度|\bQ[1-4]\b|去年|上年"
           r"|(?<![\d.])(?:1[0-2]|0?[1-9])\s*月份?(?!\s*\d{1,2}\s*[日号]))")  # a month: "环比9月"


@lru_cache(maxsize=1)
def _comparisons() -> re.Pattern:
    cfg = evidence_config()["period"]
    alt = lambda words: "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # noqa: E731
    same = alt(cfg["same_period"])
    return re.compile(
        rf"(?:{alt(cfg['comparison_cues'])})\s*于?\s*{_PERIOD}(?:\s*的?\s*(?:{same}))?"  # "较2024年", "较第二季度"
        rf"|与\s*{_PERIOD}\s*(?:相比|相较)"
        rf"|[（(]\s*{_PERIOD}\s*(?:{alt(cfg['bracket_links'])})[^）)]*[）)]"  # "（2023年为147.7亿元）"
        rf"|{_PERIOD}\s*的?\s*(?:{same})")  # "2024年同期"


@lru_cache(maxsize=1)
def _comparisons_en() -> re.Pattern:
    """An English sentence's base of comparison: a cue, the base figure, then its period ("…, from HK 6.0 cents for
    FY2024", "against 29.3% in FY2024"; the period in the forms `english_period_forms` gives). No figure, no base:
    "rose from a low base in 2025" is 2025's."""
    cues = "|".join(re.escape(w) for w in sorted(evidence_config()["period"]["comparison_cues_en"], key=len, reverse=True))
    return re.compile(rf"(?i)(?P<keep>\b(?:{cues})\s+(?:[^,;，；。()\d]|,(?=\d)){{0,12}}\d(?:[^,;，；。()]|,(?=\d)){{0,24}}?\b(?:for|in)\s+){_PERIOD}")


def own_text(sentence: str) -> str:
    """The sentence without the periods it names only to compare (config/evidence.toml
    [period]): "全年收入132.6亿元，较2024年的122.6亿元增长8.2%" reports no 2024 figure."""
    if not re.search(r"[A-Za-z]", sentence):
        return _comparisons().sub(" ", sentence)
    # (an English sentence's periods in the forms compared: "(1H FY2025: 29.9%)" is "(2025财年H1: 29.9%)")
    english = _comparisons_en().sub(lambda m: f"{m.group('keep')} ", english_period_forms(sentence))
    return _comparisons().sub(" ", english)


def named_periods(text: str) -> set:
    """The periods a text names: with their year, or a quarter/half alone as (None, q)."""
    found = periods(text)
    if not found:
        found = {(None, q) for q in qualifiers(text) if q}
    return found


def _one_period(found: set) -> set:
    """The periods named, or none when they are several ("上半年业绩与第三季度业务更新" ties a
    sentence to neither)."""
    return found if len({q for _, q in found}) <= 1 else set()


def headline_period(title: str) -> set:
    """The period of the first clause of a title that names any (none if it names several)."""
    for clause in _CLAUSE.split(title or ""):
        found = named_periods(clause)
        if found:
            return _one_period(found)
    return set()


_BRACKETS = re.compile(r"[（(][^（）()]*[)）]")


def context_period(title: str, headings: list[str]) -> set:
    """The period a passage's innermost period-naming heading gives, else its title's
    headline (none when that heading names several)."""
    for h in reversed([h for h in headings if h != title]):
        found = named_periods(h)
        if len(found) > 1:  # a period and, in brackets, its dates ("2026财年第一季度（截至2025年12月31日止三个月）",
            # "First quarter of FY2026 (three months ended 31 December 2025)"): one period, as named before them
            found = named_periods(_BRACKETS.sub(" ", h)) or found
        if found:
            return _one_period(found)
    return headline_period(title)


def bare_qualifiers(text: str) -> set[str]:
    """Quarters and halves a sentence names without a year before them ("第二季度收入…" -> Q2;
    "较2024年第二季度的…" -> none)."""
    out = set()
    for m in _BARE_QUALIFIER.finditer(text):
        if _YEAR_BEFORE.search(text[max(0, m.start() - 10): m.start()]):
            continue
        q = qualifiers(m.group(0))
        out |= {x for x in q if x}
    return out


_DIGIT = re.compile(r"\d")
_CLAUSE_END = re.compile(r"[，,；;。]")


def through_first_figure(sentence: str) -> str:
    """The sentence up to the end of the clause that states its first figure ("" when it states none)."""
    m = _DIGIT.search(sentence)
    if not m:
        return ""
    end = _CLAUSE_END.search(sentence, m.end())
    return sentence[: end.start()] if end else sentence


def _figure_before_period(sentence: str) -> bool:
    """Does the sentence state a figure in a clause before any clause that names a period?"""
    head = through_first_figure(sentence)
    return bool(head) and not named_periods(head)


@lru_cache(maxsize=1)
def _period_restated() -> re.Pattern:
    """A clause that opens with a period and gives its figure ("2024年为13.7亿元", "6月底时为126万"):
    config/evidence.toml [period] bracket_links after the period."""
    links = "|".join(re.escape(w) for w in evidence_config()["period"]["bracket_links"])
    return re.compile(rf"^\s*(?:{_PERIOD}|(?:1[0-2]|0?[1-9])\s*月\s*(?:底|末))\s*(?:时|的)?\s*(?:{links})\s*[^，,；;。\d]{{0,6}}?[-+约]?\d")


def restates_earlier_period(sentence: str) -> bool:
    """Does the sentence open with a figure whose clause names no period, and name periods only in
    later clauses that give another period's figure ("…约29亿颗，2024年为21.6亿颗")?"""
    if not _figure_before_period(sentence):
        return False
    later = [c for c in _CLAUSE_END.split(sentence) if named_periods(c)]
    return bool(later) and all(_period_restated().match(c) for c in later)


def sentence_periods(sentence: str, stated: set, context: set, passage: set, asks_quarter: bool,
                     dated: str = "") -> set:
    """The periods `sentence` is about. `stated`: what it states (its periods, or those the
    sentence before it stated); `context`: `context_period` of its passage; `passage`: every
    period the passage names; `dated`: the document's date ("2025-09-02"), the year of "今年".
    A figure it gives for the same period a year before ("毛利率22.6%（去年同期：23.4%）") is that
    period's too."""
    found = _sentence_periods(sentence, stated, context, passage, asks_quarter, dated)
    months = {p for p in context if p[1] and re.fullmatch(r"M\d\d", p[1])}
    if len(months) == 1 and any(w in own_text(sentence) for w in evidence_config()["period"]["this_month"]):
        found |= months  # "公司当月销售客车4,862辆" under "…11月销量…": the month the bulletin reports
    if re.search(evidence_config()["period"]["this_month_end"], own_text(sentence)):
        dated_in = {(y, int(m)) for y, m in _DATE_IN_MONTH.findall(own_text(sentence))}
        if len({m for _, m in dated_in}) == 1:  # "…于2025年12月23日注销，月底已发行股份减至…": that month's end
            found = {(y or None, f"M{m:02d}-end") for y, m in dated_in}
        elif len(months) == 1:  # "月底已发行股份减至…" in the December return: December's end
            found |= {(y, f"{q}-end") for y, q in months}
    if year_before_figure().search(sentence):
        found |= year_earlier(found)
    return found


def year_earlier(found: set) -> set:
    """The periods a year before those found (what a "上年同期" figure adds to a sentence's periods)."""
    return {(str(int(y) - 1), q) for y, q in found if y and y.isdigit()}


_DATE_IN_MONTH = re.compile(r"(?:((?:19|20)\d{2})\s*年\s*)?(1[0-2]|0?[1-9])\s*月\s*\d{1,2}\s*[日号]")


@lru_cache(maxsize=1)
def year_before_figure() -> re.Pattern:
    """"去年同期：23.4%", "上年同期为7.9%", "去年同期的13.9万元": the same period a year before, with its
    figure (config/evidence.toml [period] year_before; "较去年同期提升0.8个百分点" gives no such figure)."""
    cfg = evidence_config()["period"]
    words = "|".join(map(re.escape, cfg["year_before"]))
    links = "|".join(map(re.escape, [*cfg["bracket_links"], "的"]))
    return re.compile(rf"(?:{words})\s*(?:{links})\s*[-+]?\d")


def _sentence_periods(sentence: str, stated: set, context: set, passage: set, asks_quarter: bool, dated: str) -> set:
    source = context or passage  # the periods whose years a period named without one takes
    own = own_text(sentence)
    if re.match(r"(?:19|20)\d{2}\b", dated) and any(w in own for w in evidence_config()["period"]["this_year"]):
        source = {(dated[:4], None)}  # "今年上半年…": the year the document is dated in
    bare = bare_qualifiers(own)
    if stated and bare and not periods(sentence):  # "…发布2025年第三季度报告。今年前三季度…": the periods carried
        # from the sentence before give their years, not their quarter, to a sentence naming its own
        # (a month it dates itself stays: "第四季度收入…；2025年12月球台发货3,860张" states December's shipments)
        own_months = {(y, q) for y, q in stated if q and re.fullmatch(r"M\d\d", q)
                      and re.search(rf"(?<!\d){int(q[1:])}\s*月", own)}
        stated, bare = {(y, q) for q in bare for y in _years_for(stated, dated, q)} | own_months, set()
    if stated:
        found = set(stated) | {(y, q) for q in bare for y in _years_for(source, dated, q)}
        if restates_earlier_period(own):  # "收入约18.5亿元至19.2亿元，2024年为13.7亿元": the opening
            found |= set(context)  # figure is of the heading's (or the headline's) period, the later one 2024's
        return found
    quals = qualifiers(own)
    if quals:  # "上半年收入…", "全年…": its own qualifier in the context's years
        found = {(y, q) for q in quals for y in _years_for(source, dated, q)}
        if _figure_before_period(own):  # "净息差为1.71%，…；今年一季度净息差为1.74%": the opening
            found |= set(context)  # figure is of the heading's (or the headline's) period, the later one of its own
        return found
    if any(w in own for w in evidence_config()["period"]["single_period"]) and (
            last := {(y, part) for y, q in context if (part := last_part(q))}):
        return last  # "单季毛利率24.6%" under a nine months' report ("三季报点评"): its last quarter alone
    if asks_quarter:  # a quarter is tied by the heading or the headline, never by a neighbour
        return set(context)
    halves = {q for y, q in context if y is None and q}
    if halves and passage and all(q is None or q.endswith("-end") for _, q in passage) and any(q is None for _, q in passage):
        # a heading's half or quarter without its year ("上半财年业绩") in a passage whose periods are years ("2026财年
        # 指引"), and points in time ("截至9月30日"): that part of those years, not the whole years
        return {(y, q) for q in halves for y in _years_for(passage, dated, q)}
    return set(passage) or set(context)


def last_part(qualifier: str | None) -> str | None:
    """The last quarter (or month) of a span of several ("Q1-3" -> "Q3", "H1" -> "Q2", "M01-11" -> "M11"); None
    for a single quarter or month, or a year."""
    if not qualifier or not (qualifier in ("H1", "H2") or re.fullmatch(r"Q\d-\d|M\d\d-\d\d", qualifier)):
        return None
    end = period_end_month(qualifier) or 12  # (every span has its calendar end)
    return f"M{end:02d}" if qualifier.startswith("M") else f"Q{end // 3}"


def _years_for(source: set, dated: str, quarter: str | None) -> set:
    """The years of a period named without its year (`quarter`) in a document dated `dated`: those
    of the periods of `source` (its context's), less a plain year after the document's ("手持订单排至
    2028年" in a heading names no year whose results a note of 2025-10-28 reports; "2026财年第二季度"
    may be a fiscal year's quarter ended before); when none is left (or none is named), the document's
    year, and the year before too for a period not yet ended on that date ("第四季度" in January).
    {None}: any year (an undated document naming no year)."""
    years = {y for y, _ in source if y} or {None}
    m = re.match(r"((?:19|20)\d{2})-(\d{2})", dated or "")
    if not m:
        return years  # no date: any year the context says, or any year
    doc_year, doc_month = int(m.group(1)), int(m.group(2))
    kept = {y for y, q in source if y and (q or int(y) <= doc_year)}
    if kept:
        return kept
    end = period_end_month(quarter)
    return {str(doc_year)} if end is None or doc_month >= end else {str(doc_year), str(doc_year - 1)}


_CLAUSE_BREAK = re.compile(r"[，,；;。：:]")
_PERIOD_THEN_FIGURE = re.compile(rf"\s*(?:{_PERIOD})\s*(?:为|是|则为)?\s*约?\s*[-+]?\d")


def metric_periods(sentence: str, forms: list[str]) -> list[set]:
    """For each place the sentence names the metric (any of `forms`), the period in force there: the
    last one named before it, back through the sentence's clauses ("陇轨装备2024年全年营业收入312.6亿元，…；
    2025年上半年实现营业收入148.3亿元，…，归属于股东的净利润11.2亿元": the profit is the first half's, not
    2024's), and those a list after it gives a figure each. Periods named only to compare count for nothing; an
    empty set where none is named."""
    text = own_text(sentence)
    low = text.lower()
    spots = sorted({m.start() for f in forms if f and not f.isascii() for m in re.finditer(re.escape(f), low)})
    out = []
    for at in spots:
        found: set = set()
        before = text[:at]
        cuts = [0, *(m.end() for m in _CLAUSE_BREAK.finditer(before))]
        for start in reversed(cuts):  # this clause's words before the metric, then the clauses before it
            found = named_periods(before[start:])
            if found:
                break
            before = before[:start]
        # an enumeration after it, each clause a period and its figure ("一季度归母净利润11.2亿元，二季度13.6亿元，
        # 三季度19.4亿元"): the metric is named once for every period listed
        for clause in _CLAUSE_BREAK.split(text[at:])[1:]:
            if _PERIOD_THEN_FIGURE.match(clause):
                found = found | named_periods(clause)
        out.append(found)
    return out
