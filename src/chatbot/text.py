"""Chinese/English text utilities shared by chunking, keyword search, the answerers,
the citation check and evaluation: sentence splitting, figure extraction,
normalisation and jieba tokenisation."""

from __future__ import annotations

import re
import tempfile
import threading
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from chatbot.evidence_config import evidence_config
from chatbot.lexicon import extra_words, run_breakers, stop_words
from chatbot.spoken_numbers import as_digits
from chatbot.tomlfile import read_toml

# A sentence ends at Chinese full stops/exclamations/questions/semicolons, or at an
# English . ! ? followed by white space (so "6.0亿" and "2513.HK" never split).
_SENT_END = re.compile(r"(?<=[。！？；!?;])|(?<=[.!?])(?=\s)")
_SENT_END_NO_SEMI = re.compile(r"(?<=[。！？!?])|(?<=[.!?])(?=\s)")
_CLOSERS = "”’」』)）]】\"'"

# Figures: numbers with optional decimals, thousands separators, ranges and units, and tickers.
FIGURE_RE = re.compile(
    r"\d{4}\.HK"
    r"|\d+(?:[.,]\d+)*\s?(?:%|％|亿|万|千|百|倍|家|港元|美元|元|股|个|位|天|年|月|日|tokens)?",
    re.IGNORECASE,
)
_SOURCE_NOTE = re.compile(r"〔[^〕]*〕")  # the as-of of a quoted line: its source and date
_ISO_DATE = re.compile(r"(?<!\d)(?:19|20)\d{2}-\d{2}-\d{2}(?!\d)")
TICKER_RE = re.compile(r"\b\d{4}\.HK\b", re.IGNORECASE)
_WORDISH = re.compile(r"[0-9A-Za-z.%]")


@lru_cache(maxsize=65536)  # the same passage sentences are normalised for every question
def normalize(text: str) -> str:
    """Full-width to half-width, spaces and thousands separators removed, lower case.
    Used to compare facts and figures (the normalisation of docs/contract.md)."""
    t = as_digits(unicodedata.normalize("NFKC", text))  # "十四点八三亿" -> "14.83亿"
    t = re.sub(r"(?<=\d),(?=\d{3})", "", t)
    t = t.replace("–", "-").replace("—", "-").replace("~", "-")
    return re.sub(r"\s+", "", t).lower()


def split_sentences(text: str, semicolons: bool = True) -> list[str]:
    """Split a paragraph into sentences, keeping the end punctuation (and any closing
    quote) with its sentence. Never splits inside a number or ticker. With
    `semicolons=False` clauses joined by ；/; stay together (they share a subject:
    "IPO估值:智谱约511亿港元;MiniMax约461亿–504亿港元"). A source note 〔…〕 is never split,
    though the title it names may end in a question mark."""
    out: list[str] = []
    for part in (_SENT_END if semicolons else _SENT_END_NO_SEMI).split(text):
        if not part:
            continue
        if out and out[-1].count("〔") > out[-1].count("〕"):  # an end mark inside a source note ("〔…走多远？，2025-11-18〕")
            out[-1] += part
            continue
        # move closing quotes that followed the end mark back onto the previous sentence
        while out and part and part[0] in _CLOSERS:
            out[-1] += part[0]
            part = part[1:]
        part = part.strip()
        if part:
            out.append(part)
    return out


def safe_cut(text: str, limit: int) -> int:
    """A cut position <= limit that falls at a comma/space if possible and never between
    two characters of a number, ticker or latin word."""
    if len(text) <= limit:
        return len(text)
    for marks in ("，,、：:", " "):
        pos = max(text.rfind(m, 0, limit) for m in marks)
        if pos > limit // 3:
            return pos + 1
    pos = limit
    while pos > 1 and _WORDISH.match(text[pos - 1]) and _WORDISH.match(text[pos]):
        pos -= 1
    return pos if pos > 1 else limit


def figures(text: str) -> list[str]:
    """The figures in a text, normalised ("6.0亿", "1057%", "2513.hk", "2025年")."""
    return [f for _, f in _figure_matches(text)]


def _figure_matches(text: str) -> list[tuple[re.Match, str]]:
    """Each figure of a text with its match in the NFKC form of the text (what follows it)."""
    found = []
    for m in FIGURE_RE.finditer(as_digits(unicodedata.normalize("NFKC", text))):  # (amounts in words too)
        f = normalize(m.group(0))
        if f and any(c.isdigit() for c in f):
            found.append((m, f))
    return found


def naming_spans(text: str) -> list[tuple[int, int]]:
    """Spans of `text` that name rather than claim: source notes "〔36氪，2026-01-28〕"
    and ISO dates. Figures inside them are no claims."""
    return [m.span() for pattern in (_SOURCE_NOTE, _ISO_DATE) for m in pattern.finditer(text)]


def claim_figures(text: str) -> list[str]:
    """Figures that state a fact: dates (years, months, days), list ordinals and bare
    one-digit numbers are left out, since they name rather than claim."""
    out = []
    text = _ISO_DATE.sub(" ", _SOURCE_NOTE.sub(" ", text))  # a source note "〔36氪，2026-01-28〕" names, not claims
    for m, f in _figure_matches(text):
        if re.fullmatch(r"\d{1,4}(年|月|日)?", f) and not re.fullmatch(r"\d{2,3}", f) and not _counted(m):
            continue
        if re.fullmatch(r"\d{1,4}", f) and m.string[m.end():m.end() + 1] in evidence_config()["units"]["naming_after"]:
            continue  # "20号线": a name's number
        if re.fullmatch(r"\d{1,2}", f) and (_EN_DAY_BEFORE_MONTH.match(m.string, m.end())
                                            or _EN_MONTH_BEFORE_DAY.search(m.string[max(0, m.start() - 12):m.start()])):
            continue  # an English date's day: "26 November 2025", "November 26, 2025"
        out.append(f)
    return out


_EN_MONTH_NAMES = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
_EN_DAY_BEFORE_MONTH = re.compile(rf"(?:st|nd|rd|th)?\s*{_EN_MONTH_NAMES}\b")
_EN_MONTH_BEFORE_DAY = re.compile(rf"\b{_EN_MONTH_NAMES}\.?\s+$")


def _counted(m: re.Match) -> bool:
    """Is a bare number of up to four digits a count, not a year or an ordinal? Written with a
    thousands separator ("7,940") or before a unit of measure ("2310座", "1200辆": config/evidence.toml
    [units] measures)."""
    if "," in m.group(0):
        return not m.group(0).endswith(("年", "月", "日"))  # "2,024年" is still a year
    after = m.string[m.end():m.end() + 4].lstrip()
    units = evidence_config()["units"]
    return any(after.startswith(u) for u in units["measures"]) or (
        any(after.startswith(u) for u in units.get("counted_people", [])) and not after.startswith("人民")
        and m.string[max(0, m.start() - 1):m.start()] != "第")  # ("第1名" is a rank, no count)


def months_ending(end_month: int, count: int) -> str | None:
    """The reporting period of `count` months ending with `end_month`: "…9月30日止三个月" is the
    third quarter, "…6月30日止六个月" the first half, "…9月30日止九个月" the first three quarters;
    twelve months are the year (""); None when they make no calendar period (a fiscal year's quarter)."""
    if count == 12:
        return ""
    if count == 3 and end_month % 3 == 0:
        return f"Q{end_month // 3}"
    return {(6, 6): "H1", (6, 12): "H2", (9, 9): "Q1-3"}.get((count, end_month))


def figure_supported(fig: str, evidence_norm: str) -> bool:
    """Is a normalised figure present in normalised evidence text? "6.0亿" is also
    found as "6.0亿元", and "6.0亿元" in "6.0亿-6.2亿元" (the currency written once
    for a range); a bare number must not be part of a longer number."""
    bare = re.sub(r"(?<=[亿万千百])(?:港元|美元|元)$", "", fig)
    if bare != fig and figure_supported(bare, evidence_norm):
        return True
    for m in re.finditer(re.escape(fig), evidence_norm):
        before = evidence_norm[m.start() - 1] if m.start() else ""
        after = evidence_norm[m.end()] if m.end() < len(evidence_norm) else ""
        if before.isdigit() or (before == "." and evidence_norm[m.start() - 2: m.start() - 1].isdigit()):
            continue  # (inside a longer number; a point after a letter is no decimal point: "652" of "G.652D")
        if fig[-1].isdigit() and (after.isdigit() or (after == "." and evidence_norm[m.end() + 1 : m.end() + 2].isdigit())):
            continue
        return True
    return False


class _PeriodRules(NamedTuple):
    period_re: re.Pattern  # a year and its qualifier
    qualifier_re: re.Pattern  # a qualifier alone
    qualifiers: dict[str, str | None]  # qualifier as written (lower case) -> "H1", "Q1-3", "end", None (the year)


@lru_cache(maxsize=1)
def _period_rules() -> _PeriodRules:
    """The period patterns, with the reports named for their period ("中报": the interim
    report) of config/evidence.toml [period_phrases] report_words: read on first use."""
    report_words: dict[str, str] = evidence_config()["period_phrases"]["report_words"]
    reports = "|".join(sorted(map(re.escape, report_words), key=len, reverse=True))
    period_re = re.compile(
        rf"((?:19|20)\d{{2}})(?!\d)\s*(?:年(?!\s*\d{{1,2}}\s*月))?\s*(?:财年|财政年度)?\s*(上半财年|下半财年|上半年|下半年|前三季度|前九个月|第?[一二三四1-4]季度|Q[1-4]|{reports}|中期|全年|年末(?!期)|年底|末(?!期)|度|H1|H2)?",
        re.IGNORECASE,
    )
    qualifier_re = re.compile(rf"{reports}|上半财年|下半财年|上半年|下半年|前三季度|前九个月|(?:first )?(?:nine months|three quarters)|第?[一二三四1-4]季度|\bQ[1-4]\b|(?:first|second|third|fourth) quarter|(?:first|second) half|中期|年末(?!期)|年底|全年|H1|H2", re.IGNORECASE)
    # ("末期股息" is the final dividend: no year-end)
    return _PeriodRules(period_re, qualifier_re, {**_QUALIFIER, **report_words})


# "截至2025年6月30日止六个月" is H1 2025, "…9月30日止九个月" the first three quarters,
# "…12月31日止年度" the year; English "the first nine months of 2025" likewise; a question may leave
# out the year and write the month's end as a word ("截至9月底止九个月": the first three quarters, any year)
# (a relative year in place of the year, "截至今年9月30日止九个月", is kept as written before the period word: "今年前三季度")
_MONTHS_TO_RE = re.compile(
    r"截至\s*(?:((?:19|20)\d{2})\s*年\s*|(今年|本年|去年|上年)\s*)?(\d{1,2})\s*月\s*(?:\d{1,2}\s*日|底|末)\S{0,3}?"
    r"(三|六|九|十二|3|6|9|12)个月"
    r"|截至\s*((?:19|20)\d{2})\s*年\s*12\s*月\s*31\s*日止?(?:年度|全年)")
_MONTH_COUNT = {"三": 3, "六": 6, "九": 9, "十二": 12}
# "截至2025年10月31日止十个月": the months from January to that month's end (a span counted from January, as
# "前十个月" is; a span starting in another month is a fiscal period, read with its fiscal year elsewhere)
_MONTHS_FROM_JANUARY_TO_RE = re.compile(
    r"截至\s*((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(?:\d{1,2}\s*日|底|末)\s*止?\s*(十一|十|[一二两四五七八]|1[01]|[1-9])\s*个月")


def months_to_words(text: str) -> str:
    """"截至(2025年)9月底止九个月" written as the period word it names ("(2025年)前三季度"), so that a question
    asking it is covered by a sentence that writes the period as a word; a span making no calendar period
    stays as written."""
    def word(m: re.Match) -> str:
        if m.group(5):
            return f"{m.group(5)}年全年"
        q = months_ending(int(m.group(3)), _MONTH_COUNT.get(m.group(4)) or int(m.group(4)))
        if q is None:
            return m.group(0)
        year = m.group(1) + "年" if m.group(1) else m.group(2) or ""
        return f"{year}{QUALIFIER_TEXT.get(q, '全年')}"
    return _MONTHS_TO_RE.sub(word, text) if "截至" in text else text
_NINE_MONTHS_EN_RE = re.compile(r"\b(?:first )?(?:nine months|three quarters) (?:of |ended [A-Za-z]+ \d{1,2},? )?((?:19|20)\d{2})\b", re.IGNORECASE)
_HALF_EN_RE = re.compile(r"\b(first|second) half (?:of )?((?:19|20)\d{2})\b|\b(H[12])\s*((?:19|20)\d{2})\b", re.IGNORECASE)
# "Q2 2025", "Q2 of 2025", "the second quarter of 2025": a quarter of that year, not of any year
_QUARTER_EN_RE = re.compile(r"\b(?:Q([1-4])|(first|second|third|fourth) quarter)\s*(?:of\s+|,\s*)?((?:19|20)\d{2})\b", re.IGNORECASE)
_EN_MONTH_BEFORE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(?:\d{1,2},?\s+)?$", re.IGNORECASE)
_QUANTITY_AFTER = re.compile(r"\s*(?:万|亿|千|百|股|元|港元|美元|家|个|倍|%|人|名|件|台|项|次|笔|户|位|tokens)", re.IGNORECASE)
_QUARTER_RE = re.compile(r"第?([一二三四1-4])季度|\bQ([1-4])\b|\b(first|second|third|fourth) quarter", re.IGNORECASE)
_QUARTER_NO = {"一": "1", "二": "2", "三": "3", "四": "4", "first": "1", "second": "2", "third": "3", "fourth": "4"}


def _qualifier(word: str) -> str | None:
    """"第三季度" / "Q3" / "third quarter" -> "Q3"; other qualifiers by the table."""
    m = _QUARTER_RE.fullmatch(word.strip())
    if m:
        n = m.group(1) or m.group(2) or m.group(3).lower()
        return f"Q{_QUARTER_NO.get(n, n)}"
    return _period_rules().qualifiers.get(word.lower())


_QUALIFIER: dict[str, str | None] = {"中期": "H1", "上半年": "H1", "上半财年": "H1", "下半财年": "H2", "h1": "H1", "下半年": "H2", "h2": "H2", "前三季度": "Q1-3", "前九个月": "Q1-3", "nine months": "Q1-3", "first nine months": "Q1-3",
              "three quarters": "Q1-3", "first three quarters": "Q1-3", "first half": "H1", "second half": "H2",
              "年末": "end", "年底": "end", "末": "end", "全年": None, "度": None, "": None}  # and config's report words


@lru_cache(maxsize=1)
def _english_period_forms() -> tuple[tuple[re.Pattern, str], ...]:
    """The rewrites of config/terms_en.toml [[periods]] ("3Q25" -> "Q3 2025")."""
    from chatbot.config import PROJECT_ROOT

    data = read_toml(PROJECT_ROOT / "config" / "terms_en.toml")
    return tuple((re.compile(r["pattern"], re.IGNORECASE), r["rewrite"]) for r in data.get("periods", []))


@lru_cache(maxsize=1)
def _period_spellings() -> tuple[tuple[re.Pattern, str], ...]:
    """config/evidence.toml [period_phrases] spellings: a period's spoken spellings and its word."""
    return tuple((re.compile(p), r) for p, r in evidence_config()["period_phrases"]["spellings"])


def period_spellings(text: str) -> str:
    """A period's spoken spellings as the word `periods` reads ("前三个季度" -> "前三季度")."""
    for rx, rewrite in _period_spellings():
        text = rx.sub(rewrite, text)
    return text


def _period_head(words: str) -> str:
    """The period a name before a bracket opens with ("公布2026财年中期业绩" -> "2026财年中期"): from its year to the
    end of the period's word; "" when it names none."""
    m = re.search(r"(?:19|20)\d{2}\s*(?:/\s*\d{2})?\s*(?:财年|财政年度|年度|年)\s*(?:上半年|下半年|中期|前三季度|第?[一二三四1-4]季度|全年)?",
                  words)
    return m.group(0) if m else ""


_EN_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
              "december")
_EN_COUNTS = {"three": 3, "six": 6, "nine": 9, "twelve": 12, "3": 3, "6": 6, "9": 9, "12": 12}
# "the nine months ended 31 December 2025", "six months to September 30, 2025": a count of months and the day they end
_EN_SPAN_RE = re.compile(
    r"\b(three|six|nine|twelve|3|6|9|12)[- ]months?\s+(?:ended|ending|to|through)\s+(?:(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,9})"
    r"|([a-z]{3,9})\s+(\d{1,2})(?:st|nd|rd|th)?),?\s+((?:19|20)\d{2})\b", re.IGNORECASE)


def _english_span(m: re.Match) -> tuple[int, int, int] | None:
    """(months, month ended, year) of an English span match; None when its month is no month."""
    name = (m.group(3) or m.group(4)).lower()
    month = next((i for i, full in enumerate(_EN_MONTHS, 1) if full.startswith(name[:3]) and full.startswith(name)), 0)
    return (_EN_COUNTS[m.group(1).lower()], month, int(m.group(6))) if month else None


def _english_spans_as_written(question: str, texts: list[str]) -> str:
    """An English span that makes no calendar period ("the nine months ended 31 December 2025", a fiscal year's first
    three quarters) rewritten as the documents name it where they write the same span with its period in brackets
    ("… nine months ended 31 December 2025 (9M FY2026) …"); otherwise as written."""
    if not re.search(r"[A-Za-z]", question):
        return question

    def named(m: re.Match) -> str:
        span = _english_span(m)
        if span is None or months_ending(span[1], span[0]) is not None:
            return m.group(0)  # (a calendar period: the period rules read it)
        for t in texts:
            for hit in _EN_SPAN_RE.finditer(t):
                bracket = re.match(r"\s*\(([^()]{2,24})\)", t[hit.end():])
                if bracket and _english_span(hit) == span:
                    name = bracket.group(1).strip()
                    if periods(english_period_phrases(name)) or qualifiers(english_period_phrases(name)) - {None}:
                        return name
        return m.group(0)
    return _EN_SPAN_RE.sub(named, question)


def spans_as_written(question: str, texts: list[str]) -> str:
    """A span "截至2025年9月30日止六个月" that makes no calendar period (a fiscal year's half) rewritten as the
    documents name it where they write the span with its period in brackets ("…止六个月（2026财年中期）") or the period
    with the span in brackets ("2026财年中期业绩（截至2025年9月30日止六个月）"), so that the sentences under a heading
    "2026财年中期业绩" state it; otherwise as written."""
    if "截至" not in question:
        return _english_spans_as_written(question, texts)
    question = period_spellings(question)  # (the spoken span, "截至2025年9月底的那半年", as the report writes it)

    def named(m: re.Match) -> str:
        if m.group(5) or not m.group(1):
            return m.group(0)
        if months_ending(int(m.group(3)), _MONTH_COUNT.get(m.group(4)) or int(m.group(4))) is not None:
            return m.group(0)
        core = re.sub(r"\s+", "", m.group(0)[m.group(0).index(m.group(1)):])
        # (or the name first, the span in brackets after it: "2026财年中期业绩（截至2025年9月30日止六个月）")
        rx = re.compile(re.escape(core) + r"[（(]([^（()）]{2,16})[)）]|([^（()）,，。；;:：\s]{2,16})[（(](?:截至)?" + re.escape(core)
                        + r"[)）]")
        for t in texts:
            for hit in rx.finditer(re.sub(r"\s+", "", t)):
                name = hit.group(1) or _period_head(hit.group(2))
                if name and (periods(name) or qualifiers(name) - {None}):
                    return name
        return m.group(0)
    return _MONTHS_TO_RE.sub(named, question)


def spelled_periods(text: str) -> list[str]:
    """The period words of the spoken spellings in `text` ("头九个月" -> ["前三季度"]), for a query to add beside
    them (the documents write either)."""
    return [m.expand(rewrite) for rx, rewrite in _period_spellings() for m in rx.finditer(text)]


def english_period_phrases(text: str) -> str:
    """English period phrases rewritten as config/terms_en.toml [[periods]] says ("six months ended 30
    June 2025" -> "first half of 2025", "FY24" -> "fiscal 2024"), months left as written."""
    if not re.search(r"[A-Za-z]", text):
        return text
    for rx, rewrite in _english_period_forms():
        text = rx.sub(rewrite, text)
    return text


def english_period_forms(text: str) -> str:
    """Period phrases in the forms `periods` reads: Chinese spoken spellings ("前三个季度" ->
    "前三季度"), English ones ("1H25" -> "H1 2025", "2025 interim" -> "first half of 2025",
    "in November 2025" -> "11月")."""
    text = period_spellings(text)
    if not re.search(r"[A-Za-z]", text):
        return text
    return english_months(english_period_phrases(text))


_MONTH_ABBR = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH_HINT = re.compile(r"\b(?:" + "|".join(m.capitalize() for m in _MONTH_ABBR) + ")")
_MONTHS_HINT = re.compile(r"\bmonths\b", re.IGNORECASE)  # "the first 11 months": a count of months, no month named
_LAST_DAY = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # (a February's 28th is its end too)


@lru_cache(maxsize=1)
def _english_month_re() -> re.Pattern:
    """English month phrases (config/evidence.toml [period_phrases] months_en), in the order
    they are tried: months counted to a month, the first N months, a range of months, a
    month's end, a day's date, a month."""
    cfg = evidence_config()["period_phrases"]
    mon = r"\b(?:" + "|".join(f"(?:{p})" for p in cfg["months_en"]) + r")(?![A-Za-z])"
    year, day = r"(?:19|20)\d{2}", r"\d{1,2}(?:st|nd|rd|th)?(?!\d)"
    counts = "|".join(cfg["month_counts_en"])
    return re.compile(
        rf"(?i:(?:the\s+)?(?:(?P<n>three|six|nine|twelve|{counts}|\d{{1,2}})[- ]months?|(?P<qn>quarter))\s+(?:to|ended|ending|through|until)\s+"
        rf"(?:the\s+end\s+of\s+)?)(?:{day}\s+)?(?P<to>{mon})(?:\s+{day})?(?:,?\s+(?P<toy>{year}))?"
        rf"|(?i:(?:the\s+)?first\s+(?P<cnt>{counts}|\d{{1,2}})\s+months)(?:\s+of\s+(?P<cy>{year}))?"
        rf"|(?:(?i:between|from)\s+)?(?P<a>{mon})(?:\s+(?P<ay>{year}))?\s*(?:[-–~]|\s(?i:to|through|and|until)\s)\s*(?P<b>{mon})(?:,?\s+(?P<by>{year}))?"
        rf"|(?i:(?:the\s+)?end[- ](?:of\s+)?)(?P<e>{mon})(?:,?\s+(?P<ey>{year}))?"
        rf"|(?P<e2>{mon})[- ](?i:end)\b(?:,?\s+(?P<e2y>{year}))?"
        rf"|(?P<dd>{day})\s+(?P<dm>{mon})(?:,?\s+(?P<dy>{year}))?"
        rf"|(?P<dm2>{mon})\s+(?P<dd2>{day})(?:,?\s+(?P<dy2>{year}))?"
        rf"|(?i:the\s+month\s+of\s+)?(?P<m>{mon})(?:[’']s)?(?:,?\s+(?:of\s+)?(?P<my>{year}))?(?:[’']s)?"
    )


@lru_cache(maxsize=1)
def period_phrase_en_re() -> re.Pattern:
    """An English reporting period as a question writes it ("October 2025", "Q3 2025", "the
    third quarter", "the first half of 2025", "FY2024", "2025"): the English counterpart of
    `period_phrase_re`, for the follow-up resolver ("And in September?")."""
    year = r"(?:19|20)\d{2}"
    return re.compile(
        rf"{_english_month_re().pattern}"
        rf"|(?i:\b(?:end-)?(?:[1-4]Q|Q[1-4]|[12]H|H[12]|9M|6M|FY)'?\d{{2}}\b)"  # analyst forms with their year: "2Q25",
        # "1H25", "end-3Q25"
        rf"|(?i:(?:the\s+)?(?:end|close)\s+of\s+(?:the\s+year\s+)?{year}\b|\b(?:year-end|end-)\s*{year}\b)"  # a year's end
        rf"|(?i:(?:the\s+)?(?:Q[1-4]|[1-4]Q|(?:first|second|third|fourth)\s+quarter|(?:first|second)\s+half|H[12]|[12]H"
        rf"|(?:first\s+)?nine\s+months|first\s+three\s+quarters|full[- ]year|FY)\b(?:\s*(?:of\s+)?(?:FY\s*)?'?(?:{year}|\d{{2}})\b)?)"
        rf"|(?i:\bFY\s*{year}\b)"  # "FY2025", written as one word
        rf"|\b{year}\b"
    )


_AS_OF_BEFORE = re.compile(r"\b(?:as\s+(?:of|at)|at)\s+$", re.IGNORECASE)
_BOUND_BEFORE = re.compile(r"\b(?:to|until|till|through|from|since|before|after|by)\s+$", re.IGNORECASE)


def _month_no(word: str) -> int:
    return _MONTH_ABBR.index(word[:3].lower()) + 1


def _english_month(m: re.Match) -> str:
    cfg = evidence_config()["period_phrases"]
    g = m.groupdict()
    if g["to"]:  # "the nine months to September 2025" ("the quarter to September": three): the period they make
        counts = {"three": 3, "six": 6, "nine": 9, "twelve": 12, **cfg["month_counts_en"]}
        n = 3 if g["qn"] else counts.get(g["n"].lower()) or int(g["n"])
        last = _month_no(g["to"])
        word = cfg["months_to_en"].get(f"{n}:{last}")
        if word:
            return f"{g['toy']}年{word}".replace("年年", "年") if g["toy"] else word.replace("年度", "全年")
        return f"1-{last}月" if n == last else m.group(0)
    if g["cnt"]:  # "the first 11 months of 2025" -> "2025年1-11月" (the first 9 months: the first three quarters)
        n = int(g["cnt"]) if g["cnt"].isdigit() else cfg["month_counts_en"][g["cnt"].lower()]
        year = f"{g['cy']}年" if g["cy"] else ""
        word = cfg["months_to_en"].get(f"{n}:{n}") if n in (3, 6, 9) else None
        return f"{year}{word}" if word else f"{year}1-{n}月"
    if g["a"]:  # "October to December 2025" -> "2025年10-12月"
        if g["ay"] and g["by"] and g["ay"] != g["by"]:
            return m.group(0)  # a span across years ("March 2024 to May 2025") is no months of one year
        # (a change asked "from July to October 2025" is between two months, its year read apart: no span of that year)
        year = "" if re.match(r"(?i)between|from", m.group(0)) else g["by"] or g["ay"] or ""
        return f"{year}{'年' if year else ''}{_month_no(g['a'])}-{_month_no(g['b'])}月"
    end, year = g["e"] or g["e2"], g["ey"] or g["e2y"]
    dm, dd, dy = g["dm"] or g["dm2"], g["dd"] or g["dd2"], g["dy"] or g["dy2"]
    if dm and int(dd[:2] if dd[:2].isdigit() else dd[:1]) >= (28 if _month_no(dm) == 2 else _LAST_DAY[_month_no(dm) - 1]):
        end, year = dm, dy  # "30 June 2025": the month's end
    if end:
        return f"{year or ''}{'年' if year else ''}{_month_no(end)}月末"
    if g["m"] and _AS_OF_BEFORE.search(m.string, 0, m.start()):  # "as of June 2025": the month's end
        return f"{g['my'] or ''}{'年' if g['my'] else ''}{_month_no(g['m'])}月末"
    if dm or _BOUND_BEFORE.search(m.string, 0, m.start()):
        return m.group(0)  # a day's date, or a month that bounds a span ("runs to August 2027"), is no period
    return f"{g['my']}年{_month_no(g['m'])}月份" if g["my"] else f"{_month_no(g['m'])}月"


def english_months(text: str) -> str:
    """English month phrases as the Chinese ones `periods` reads ("in November 2025" -> "in 11月",
    "end-June 2025" -> "2025年6月末", "the nine months to September" -> "前三季度", "Jan-Oct" ->
    "1-10月"); a day's date stays as written."""
    if not _MONTH_HINT.search(text) and not _MONTHS_HINT.search(text):
        return text  # (most text names no English month: the long pattern is not tried)
    return _english_month_re().sub(_english_month, text)


@lru_cache(maxsize=1)
def period_phrase_re() -> re.Pattern:
    """A reporting period as a question or a label writes it, with or without its year
    ("2025年上半年", "2025年度", "第三季度", "10月份", "Q3"): config/evidence.toml
    [period_phrases], the one pattern of the follow-up resolver, the subject finder and
    the composers."""
    cfg = evidence_config()["period_phrases"]
    month = re.sub(r"\((?!\?)", "(?:", cfg["month"])  # no capture groups inside the phrase
    words = "|".join(w.replace("{month}", month) for w in cfg["words"])
    after_year = "|".join([*cfg["after_year"], *cfg["words"]]).replace("{month}", month.replace("年", ""))
    return re.compile(rf"(?:(?:19|20)\d{{2}}(?!\d)\s*年?\s*(?:{after_year})?|{words})", re.IGNORECASE)


@lru_cache(maxsize=16)
def _phrase_re(key: str) -> re.Pattern:
    """A pattern of config/evidence.toml [period_phrases] ("month", "month_end", "month_range", …)."""
    return re.compile(evidence_config()["period_phrases"][key])


def month_range_re() -> re.Pattern:
    """A range of months ("1到11月", "2025年1-10月"): [period_phrases] month_range."""
    return _phrase_re("month_range")


def month_end_re() -> re.Pattern:
    """A month's end as a point in time ("6月底", "2025年9月末", "9月30日"): [period_phrases] month_end."""
    return _phrase_re("month_end")


def dated_months(text: str) -> set[tuple[str, str]]:
    """The months a text writes with their year and no day ("2025年6月的业务量", a row "2025年7月"):
    (year, "M06"). Read only where a month is asked: elsewhere such a month dates an event."""
    t = unicodedata.normalize("NFKC", text)
    return {(m.group(1), f"M{int(m.group(2)):02d}") for m in _phrase_re("dated_month").finditer(t)}


def day_dated_months(text: str) -> set[tuple[str, str]]:
    """The months of the dates a text writes with their day and year ("2025年12月15日", "15 December 2025",
    "December 15, 2025" -> ("2025", "M12")): the days of events, read only where a month is asked of a sentence
    that states no period of its own."""
    t = unicodedata.normalize("NFKC", text)
    out = {(m.group(1), f"M{int(m.group(2)):02d}") for m in _phrase_re("day_date").finditer(t)}
    if _MONTH_HINT.search(t):
        for m in _english_month_re().finditer(t):
            month, year = m.group("dm") or m.group("dm2"), m.group("dy") or m.group("dy2")
            if month and year:
                out.add((year, f"M{_month_no(month):02d}"))
    return out


_YEARLESS_DAY = re.compile(r"(?<![\d年])(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")


def yearless_day_months(text: str, dated: str) -> set[tuple[str, str]]:
    """The months of the days a text writes without a year ("1月16日港股开市前…"), in the year of its document's date
    (`dated`, "2026-01-20"), or the year before for a month after the date's: an article reports days past."""
    m0 = re.match(r"((?:19|20)\d{2})-(\d{2})", dated or "")
    if not m0:
        return set()
    year, month = int(m0.group(1)), int(m0.group(2))
    return {(str(year if int(m.group(1)) <= month else year - 1), f"M{int(m.group(1)):02d}")
            for m in _YEARLESS_DAY.finditer(unicodedata.normalize("NFKC", text)) if 1 <= int(m.group(1)) <= 12}


def row_label_periods(label: str) -> set[tuple[str | None, str | None]]:
    """The month a table row's label names ("2025年7月" -> ("2025", "M07")): in a table of
    monthly figures the label is the row's period, not an event's date."""
    m = _phrase_re("row_month").fullmatch(label)
    return {(m.group(1), f"M{int(m.group(2)):02d}")} if m else set()


@lru_cache(maxsize=1)
def month_end_closes() -> dict[str, str]:
    """"M06-end" -> "H1": the reporting period a month's end closes (config/evidence.toml)."""
    return {f"M{m}-end": q for m, q in evidence_config()["period_phrases"]["month_end_closes"].items()}


# a period qualifier as Chinese writes it
QUALIFIER_TEXT = {"Q1-3": "前三季度", "H1": "上半年", "H2": "下半年", "Q1": "第一季度", "Q2": "第二季度", "Q3": "第三季度", "Q4": "第四季度"}


_PERIOD_END_MONTH = {"Q1": 3, "Q2": 6, "H1": 6, "Q3": 9, "Q1-3": 9, "Q4": 12, "H2": 12, "end": 12, None: 12}


def period_end_month(q: str | None) -> int | None:
    """The month a period qualifier ends in ("Q3" -> 9, "H1" -> 6, "M07" -> 7, "M01-10" -> 10, a year -> 12);
    None for one without a calendar end."""
    month = re.fullmatch(r"M(?:\d\d-)?(\d\d)(?:-end)?", q or "")
    return int(month.group(1)) if month else _PERIOD_END_MONTH.get(q)


def period_word(q: str | None) -> str:
    """A period qualifier as Chinese writes it ("H1" -> 上半年, "M07" -> 7月)."""
    month = re.fullmatch(r"M(\d\d)", q or "")
    if span := re.fullmatch(r"M(\d\d)-(\d\d)", q or ""):  # a range of months ("M01-10" -> 1-10月)
        return f"{int(span.group(1))}-{int(span.group(2))}月"
    if end := re.fullmatch(r"M(\d\d)-end", q or ""):  # a month's end ("M06-end" -> 6月末)
        return f"{int(end.group(1))}月末"
    return f"{int(month.group(1))}月" if month else QUALIFIER_TEXT.get(q or "", "")


_MONTH_NO = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "十一": 11, "十二": 12}


def periods(text: str) -> set[tuple[str | None, str | None]]:
    """Reporting periods a text names, as (year, qualifier): "2025年上半年" ->
    ("2025", "H1"), "2024年末" -> ("2024", "end"), "2025年度" -> ("2025", None).
    Calendar dates ("2026年1月28日") are not periods; a month without a year ("10月份")
    is one: (None, "M10"). (A new set each call: callers add to it.)"""
    return set(_periods(text))


@lru_cache(maxsize=16384)  # read for every sentence of every passage scored, question after question
def _periods(text: str) -> frozenset[tuple[str | None, str | None]]:
    out: set[tuple[str | None, str | None]] = set()
    t = english_period_forms(unicodedata.normalize("NFKC", text))
    for m in _phrase_re("month").finditer(t):
        n = m.group(1)
        out.add((None, f"M{int(n) if n.isdigit() else _MONTH_NO[n]:02d}"))
    for m in _phrase_re("month_of_year").finditer(t):  # "2025年11月份" ("November 2025"): that month, or a date in it
        out.add((m.group(1), f"M{int(m.group(2)):02d}"))
    for m in _phrase_re("month_range").finditer(t):  # "2025年1至10月": the range, no one month of it
        if int(m.group(2)) < int(m.group(3)):
            out.add((m.group(1), f"M{int(m.group(2)):02d}-{int(m.group(3)):02d}"))
            # the months of a reporting period are that period too: "2025年1月至9月" the first three quarters, "7月至9月" Q3
            q = months_ending(int(m.group(3)), int(m.group(3)) - int(m.group(2)) + 1)
            if q is not None:
                out.add((m.group(1), q))
    for m in _phrase_re("months_from_january").finditer(t):  # "前十个月": January to October
        n = _MONTH_NO.get(m.group(2).replace("两", "二")) or int(m.group(2))
        q = months_ending(n, n) if n in (3, 6, 9) else None
        if m.group(1) or not q:  # (without its year, "前九个月" is a qualifier: `qualifiers` reads it)
            out.add((m.group(1), q or f"M01-{n:02d}"))
    for m in _phrase_re("month_end").finditer(t):  # "2025年6月末": the figure at that month's end
        out.add((m.group(1), f"M{int(m.group(2)):02d}-end"))
    for m in _MONTHS_TO_RE.finditer(t):  # "截至2025年6月30日的六个月" is H1 2025
        if m.group(5):
            out.add((m.group(5), None))
            continue
        q = months_ending(int(m.group(3)), _MONTH_COUNT.get(m.group(4)) or int(m.group(4)))
        if q is not None:
            out.add((m.group(1), q or None))
    for m in _MONTHS_FROM_JANUARY_TO_RE.finditer(t):
        n = _MONTH_NO.get(m.group(3).replace("两", "二")) or int(m.group(3))
        if n == int(m.group(2)) and months_ending(n, n) is None:
            out.add((m.group(1), f"M01-{n:02d}"))
    for m in _NINE_MONTHS_EN_RE.finditer(t):
        out.add((m.group(1), "Q1-3"))
    for m in _HALF_EN_RE.finditer(t):  # "first half of 2025", "H1 2025"
        half = "H1" if (m.group(1) or m.group(3) or "").lower() in ("first", "h1") else "H2"
        out.add((m.group(2) or m.group(4), half))
    for m in _QUARTER_EN_RE.finditer(t):
        n = m.group(1) or m.group(2).lower()
        out.add((m.group(3), f"Q{_QUARTER_NO.get(n, n)}"))
    for m in _period_rules().period_re.finditer(t):
        if any(y == m.group(1) and q for y, q in out) and not m.group(2) \
                and not re.match(r"\s*(?:财年|财政年度|年度)", t[m.end(1):]):
            continue  # the year of a half-year already read (not a fiscal year written beside it: "2024财年：748.9;
            # first nine months of 2024：556.0")
        if m.start(1) and t[m.start(1) - 1].isdigit():
            continue  # four digits of a longer number: the ticker "01932" names no year 1932
        tail = t[m.end(1):m.end(1) + 6]
        if re.match(r"\s*年\s*\d{1,2}\s*(?:[-–~至到]\s*\d{1,2}\s*)?月", t[m.end(1):m.end(1) + 12]) or re.match(r"[-/.]\d{1,2}[-/.]", tail):
            continue  # a date, or a range of months ("2025年1–10月": not the year)
        if _QUANTITY_AFTER.match(tail):
            continue  # a quantity that looks like a year: "2025万股", "2024家"
        if re.match(r"\.\d", tail) and (m.group(1) < "2000" or re.match(r"\.\d+\s*(?:[万亿千百%元]|\d{3})", tail)):
            continue  # a decimal: "收入1918.7" (a thousands comma normalised away), "2025.6万元"
        if _EN_MONTH_BEFORE.search(t[max(0, m.start(1) - 16):m.start(1)]):
            continue  # an English date: "the end of June 2025", "March 3, 2025"
        out.add((m.group(1), _qualifier(m.group(2) or "")))
    return frozenset(out)


def qualifiers(text: str) -> set[str | None]:
    """The period qualifiers a text names without a year ("上半年收入…" -> {"H1"}, "the
    first half" -> {"H1"}), English forms read as `periods` reads them ("1H25" is H1)."""
    return {_qualifier(m.group(0)) for m in _period_rules().qualifier_re.finditer(english_period_forms(text))}


def period_match(asked: set, stated: set, point_in_time: bool = False, flow: bool = False) -> bool:
    """Does a sentence state one of the asked periods? A plain year is also answered
    by its year-end figure; a half-year is not a full year. `point_in_time`: the sentence states a figure at a
    period's end ("期末点位数"), which a quarter's column gives at the month that closes it. `flow`: the question
    asks what was done over a month ("11月份回购了多少股", "12月单月的发电量"), which no figure at the month's end gives
    (nor the balance at the end of the period the month closes)."""
    closes = month_end_closes()
    # (a period without its year beside the same period with one, "上半年" under a heading beside "2025年上半年", is that
    # year's: no other year's half)
    stated = {(y, s) for y, s in stated if y or not any(y2 and s2 == s for y2, s2 in stated)}
    for year, q in asked:
        if year and q and re.fullmatch(r"M\d\d", q) and not flow and not any(
                s and ((s.startswith("M") and (s[:3] != q or (y and y != year)))
                       or s in QUALIFIER_TEXT)
                for y, s in stated):  # (what was done over the month asked: only a sentence stating that month)
            return True  # a month with its year may be an event's date ("funded in August 2025", "the D3 round
            # in May 2023"): it refuses another month's figure (of another year too: "2025年6月:…517" is no June
            # 2024) or a reporting period's ("前三季度…218.6万人次" is no November figure), never a sentence that
            # states no month
        for y, s in stated:
            if not (y == year or year is None or y is None):
                continue
            if s == q or (q is None and s == "end"):
                return True
            # a month's end asked is answered at the end of the period it closes ("6月底" by the
            # half-year's figure), never at another month's end; a year, or its end ("2025年末"), by its December's end
            if (q in closes and s == closes[q] and not flow) or (q in (None, "end") and closes.get(s) == "end"):
                return True  # (a half-year's figure is not stated by a date at its end: one way only)
            if point_in_time and q in closes and s in QUALIFIER_TEXT and period_end_month(s) == period_end_month(q):
                return True  # ... or of a quarter it closes: "第四季度末的点位数" by the row "期末点位数" in the
                # "2024年第四季度" column
    return False


def is_cjk(text: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in text)


_LATIN_WORD = re.compile(r"[A-Za-z]+")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")


@lru_cache(maxsize=1)
def _cjk_chars_per_word() -> int:
    """config/catalogue.toml [question] cjk_chars_per_word: Chinese characters counted as one word."""
    from chatbot.config import PROJECT_ROOT

    return int(read_toml(PROJECT_ROOT / "config" / "catalogue.toml")["question"]["cjk_chars_per_word"])


def question_language(text: str) -> str:
    """"en" when Latin words outnumber the Chinese words (each run of Chinese characters
    counted as its length over config/catalogue.toml [question] cjk_chars_per_word, rounded
    up): an English sentence that quotes a Chinese name ("How many visitors went through
    the gates of 奇屿乐园 in 2024?") is English; a Chinese one naming an English company
    ("Azure Tide Cruises第三季度收入是多少？") is Chinese; a text with no Chinese character is "en"."""
    per = max(1, _cjk_chars_per_word())
    zh = sum(-(-len(run) // per) for run in _CJK_RUN.findall(text))
    en = len(_LATIN_WORD.findall(text))
    return "en" if en > zh or not zh else "zh"


# --- keyword tokenisation -------------------------------------------------------

# The word lists live in config/lexicon/ (see lexicon.py, read on first use); a keyword
# index built by another tokenizer version (lexicon.tokenizer_version()) is rebuilt.
_TOKEN_KEEP = re.compile(r"\w", re.UNICODE)


_JIEBA_LOCK = threading.Lock()  # loaded once: `add_word` twice would count the user words twice


def _jieba():
    """Jieba with its dictionary loaded and the user words added (once per process, also
    when a warm-up thread and the caller ask at the same time)."""
    if _load_jieba.cache_info().currsize == 0:
        with _JIEBA_LOCK:
            return _load_jieba()
    return _load_jieba()


def dictionary_tag(word: str) -> str | None:
    """The part of speech jieba's dictionary (with the user words) gives the whole word ("非洲": ns, "苹果": n), None
    when it does not hold it."""
    import jieba.posseg as pseg  # loaded on first use

    _jieba()
    return pseg.dt.word_tag_tab.get(word)


def pos_tags(text: str) -> list[tuple[str, str]]:
    """The words of a text as jieba cuts it, each with its part of speech (the dictionary and user words the keyword
    index reads)."""
    import jieba.posseg as pseg  # loaded on first use

    _jieba()
    return [(w.word, w.flag) for w in pseg.lcut(text)]


def jieba_loaded() -> bool:
    return _load_jieba.cache_info().currsize > 0


@lru_cache(maxsize=1)
def _load_jieba():
    import jieba

    cache = Path(tempfile.gettempdir()) / "chatbot-jieba"
    cache.mkdir(parents=True, exist_ok=True)
    jieba.dt.tmp_dir = str(cache)
    jieba.setLogLevel(60)
    for w in extra_words():
        jieba.add_word(w)
    return jieba


_MONTH_THEN_WORD = re.compile(r"(\d{1,2}月)份?(?![末底初中内])")


def content_words(text: str) -> list[str]:
    """The words of a question for evidence scoring: jieba's precise mode (no
    overlapping sub-words), runs of single characters jieba could not place merged back
    into one word ("孖","展" -> "孖展"), stop words and punctuation dropped, figures and
    tickers whole."""
    t = unicodedata.normalize("NFKC", text)
    # a month written in digits ends a word: "1-11月光伏发电量" is 11月 | 光伏, never 月光 (jieba's "moonlight");
    # "10月份" is the month, no word 月份
    t = _MONTH_THEN_WORD.sub(r"\1 ", t)
    stop = stop_words()
    breakers = run_breakers()  # ("烤鳗卖了多少钱": 烤鳗, then the verb asked with, no word 烤鳗卖)
    words: list[str] = []
    run = ""
    for w in [*_jieba().lcut(t), " "]:
        if len(w) == 1 and is_cjk(w) and w not in stop and not (run and w in breakers):
            run += w
            continue
        if len(run) > 1:
            words.append(run)
        run = ""
        lw = w.lower().strip()
        if lw and _TOKEN_KEEP.search(lw) and lw not in stop and len(lw) > 1:
            words.append(lw)
    words += [f for f in figures(t) if len(f) > 1]
    return list(dict.fromkeys(words))


def tokenize(text: str) -> list[str]:
    """Keyword tokens: jieba search-mode words (lower-cased, no punctuation or stop
    words) plus whole figures and tickers ("2513.hk", "5187万", "18c")."""
    t = unicodedata.normalize("NFKC", text)
    stop = stop_words()
    toks = [
        w.lower()
        for w in _jieba().lcut_for_search(t)
        if _TOKEN_KEEP.search(w) and w.strip() and w.lower() not in stop
    ]
    toks += [f for f in figures(t) if len(f) > 1]
    toks += [m.group(0).lower() for m in re.finditer(r"\b\d+[A-Za-z]\b", t)]  # 18C, 18A
    return toks


_YEAR_THEN_YEAR_BEFORE = re.compile(r"((?:19|20)\d{2})(\s*(?:年|财年|年度|财政年度))([^，,。？?；;]{0,16}?)的?\s*(?:去年同期|上年同期)")


def with_year_before(text: str) -> str:
    """A question asking the same period a year before a named one ("2025年上半年收入去年同期是多少？") as the question
    of that year ("2024年上半年收入是多少？"): the period it asks is the earlier one."""
    m = _YEAR_THEN_YEAR_BEFORE.search(text)
    if not m or re.search(r"(?:比|较|相比|与|和|同)$", m.group(3)):
        return text  # "…第一季度收入比上年同期增长多少": the change on the year before, asked of the year named
    return f"{text[:m.start()]}{int(m.group(1)) - 1}{m.group(2)}{m.group(3)}{text[m.end():]}"



def plural_en(word: str) -> str:
    """The plural of an English word or of a phrase's last word ("herd" -> "herds", "box" -> "boxes", "company" ->
    "companies"), as an article may write the thing a term names in the singular."""
    if not re.fullmatch(r"[A-Za-z][A-Za-z\- ]*", word):
        return word
    if re.search(r"(?:s|x|z|ch|sh)$", word):
        return word + "es"
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    return word + "s"
