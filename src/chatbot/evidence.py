"""Evidence at sentence level: the retrieved passages cut into sentences and table
rows, each scored by how much of the question it covers.

A question becomes weighted term groups (jieba tokens and figures, IDF-weighted over
the index; an English term also matches its Chinese equivalents from the glossary).
A sentence's coverage is the weight of the groups it contains (half credit for a
group found only in its passage's title and headings) over the total. Terms no
passage holds keep their full weight.

Questions that ask for a figure carry hard constraints, so that a neighbouring
figure is never passed off as the answer: a sentence must name the metric asked
(收入, 净利润, 市盈率 …, glossary [metrics]) and one of the periods asked
("2025年" is not answered by a 2024 figure, nor a full year by a half year).
Sentences about another analysed company than the one asked are left out. List
questions get the items that follow the best sentence."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import pairwise, takewhile

from chatbot.bilingual import (
    _stems,
    cedict_index,
    demonym_place,
    english_forms,
    english_nouns,
    finance_term_forms,
    finance_terms,
    names_a_place,
    to_chinese,
    verb_glosses,
)
from chatbot.collapse import collapse, docs_about
from chatbot.defined_terms import defined_as
from chatbot.en_phrases import dictionary_phrases, phrase_pattern
from chatbot.evidence_config import evidence_config
from chatbot.glossary import Glossary, term_pattern
from chatbot.lexicon import function_words_en, question_stop_words_en
from chatbot.metric_scope import (
    asked_places,
    asked_regions,
    asked_segments,
    first_metric_prefix,
    names_segment,
    narrowing_rest,
    narrows,
    text_without,
)
from chatbot.models import Chunk, Passage
from chatbot.sentence_period import (
    context_period,
    metric_periods,
    named_periods,
    own_text,
    restates_earlier_period,
    sentence_periods,
    through_first_figure,
    year_before_figure,
    year_earlier,
)
from chatbot.subjects import institution_names, uncatalogued_names
from chatbot.table_cells import (
    caption_line,
    caption_unit,
    is_bare_number,
    line_before_table,
    own_table_text,
    table_header,
    with_caption_unit,
    with_row_unit,
    with_unit,
)
from chatbot.text import (
    _jieba,
    claim_figures,
    content_words,
    dated_months,
    day_dated_months,
    dictionary_tag,
    english_period_forms,
    english_period_phrases,
    month_end_closes,
    months_to_words,
    normalize,
    period_match,
    period_phrase_re,
    period_spellings,
    periods,
    plural_en,
    pos_tags,
    qualifiers,
    question_language,
    row_label_periods,
    spans_as_written,
    split_sentences,
    tokenize,
    yearless_day_months,
)
from chatbot.two_part import split_spec
from chatbot.volume_words import read_volumes, total_forms

_MARKER = re.compile(r"\[\d+\]")
_EMPHASIS = re.compile(r"\*\*|__")
_REFERENCE_ENTRY = re.compile(r"^\[\d{1,3}\]\s")
_TABLE_SEP = re.compile(r"^\|?[\s:|-]+\|?$")
# asks for one specific value (a figure, a name, a date): hard constraints apply
_ASKS_FIGURE = re.compile(
    r"多少|几[家个年倍位天月%]?|多大|多高|多长|是谁|哪家|哪一|何时|什么时候|哪天|哪年|"
    # (a calculation asked is a figure asked: "用…算一下全年毛利率", "Calculate X's margin from …")
    r"算一下|算一算|算算|计算一下|帮我算|\bcalculate\b|\bwork out\b|"
    r"how much|how many|what (?:was|is|were|are)|which|when|who|how (?:fast|quickly|rapidly)\b|"
    # ("What did X earn from storage?", "What did it generate in Fujian?": the amount)
    r"\bwhat did\b[^?？]{1,60}?\b(?:earn|make|generate|book|post|report|record|bring in|take in|spend|pay|raise)\b|"
    rf"what (?:{'|'.join(evidence_config()['figure_question']['en_part_words'])}) of\b",
    re.IGNORECASE,
)
# "what management fee does …", "what hurdle rate applies …": a noun naming a figure, then its verb ([figure_question]
# en_figure_nouns); the amount itself when an auxiliary or a verb follows ("What coupon does it pay"), not "is … of"
_FIGURE_NOUNS = "|".join(evidence_config()["figure_question"]["en_figure_nouns"])
_DOES_VERBS = "does|did|do|will|would|has|have|had|applies|apply|applied"  # (a verb or an auxiliary: the noun's own figure)


def _what_figure_noun_re(verbs: str) -> re.Pattern:
    """"what [up to three words] <figure noun> <verb>": groups `qual` (the words between), `noun` and `verb`."""
    return re.compile(rf"\bwhat\s+(?P<qual>(?:[a-z\-]+\s+){{0,3}}?)(?P<noun>{_FIGURE_NOUNS})s?\s+(?P<verb>{verbs})\b",
                      re.IGNORECASE)


_WHAT_FIGURE_NOUN = _what_figure_noun_re(_DOES_VERBS + "|is|was|are|were|of|on|for")
_WHAT_FIGURE_NOUN_DOES = _what_figure_noun_re(_DOES_VERBS)
# asks for an amount (not a name or a date): the metric asked must stand beside a figure
_ASKS_AMOUNT = re.compile(r"多少|(?<!哪)几[家个年倍位天月%]|多大|多高|多长|how much|how many|how (?:big|large|long|high|heavy|wide)\b",
                          re.IGNORECASE)
_CLAUSE_END = re.compile(r"[；;。]")
# an elliptical question ("And what about …?", "How about …?", "…呢？"): with a metric named, it asks that figure
_ELLIPTICAL_ASK = re.compile(r"^\s*(?:and\s+)?(?:what|how)\s+about\b|呢\s*[？?]?\s*$", re.IGNORECASE)
# "What was X's box office in November 2025?": an English question on a figure of a period asks its amount
_ASKS_VALUE_EN = re.compile(r"\bwhat (?:was|is|were|are)\b", re.IGNORECASE)
# "What gross margin does X expect for FY2025?", "What revenue does X target?": a metric named between "what" and
# its verb, in a question on a forecast (config/reader.toml [compute] forecast), asks that forecast's figure,
# though none of the figure words above opens the question
# (two figures so: "What head grade and output growth did X report for 9M25?")
_WHAT_METRIC_EN = re.compile(r"\bwhat\s+((?:[a-z\-]+\s+){1,6}?)(?:does|did|do|will|would|has|have|had)\b", re.IGNORECASE)
# "what was <company>'s <thing> at/in/for …": the thing asked, as "what <thing> did <company> …" names it (not across
# a relative clause: "What is the Shanhai model that Unisound's LLM business is built on?" asks the model)
_WHAT_OWN_EN = re.compile(r"\bwhat\s+(?:was|is|were|are)\s+(?!the\s+(?:report|article|analyst|author|source|document|market|sector|industry)s?\b)"
                          r"(?:(?!\b(?:that|which|who|whom|whose|where)\b)[^?]){1,60}?(?:'s|’s|'|’)\s+((?:[a-z0-9\-]+\s*){1,5}?)"
                          r"(?=\b(?:at|in|for|on|of|as|during|by|over|per|to|from|when|after|before)\b|[?？.]|$)",
                          re.IGNORECASE)
_PERIOD_WORDS_EN = re.compile(r"\b(?:months?|quarters?|half|year|ended|ending|period|fiscal|fy)\b", re.IGNORECASE)
# ("What revenue did X report for last year?": a year counted from now, no period left unread: the figure is asked)
_RELATIVE_YEAR_EN = re.compile(r"\b(?:last|this|the past|the latest|the most recent)\s+(?:fiscal\s+|financial\s+)?year\b", re.IGNORECASE)
_ASKS_COMPANY = re.compile(r"哪家公司|哪家企业|是哪家|哪一家|which company|what company", re.IGNORECASE)
ABSENT_WEIGHT = 2.0  # weight of a question term that no indexed passage contains
MAX_ABSENT_SHARE = 0.5  # a question mostly made of such terms is refused
_ASKS_LIST = re.compile(r"哪些|列出|列举|有什么|哪几|what are|which .*s\b|list", re.IGNORECASE)
_EN_STOP = question_stop_words_en()


@dataclass
class TermGroup:
    alternatives: list[str]  # normalised strings, any of which counts
    weight: float
    absent: bool = False  # no indexed passage holds any of the alternatives
    entity: str | None = None  # the company or institution this group names
    kind: str = "word"  # "metric", "entity", "period", "term" (an English term's Chinese forms) or "word"
    phrase: str = ""  # the company's name and this word as one, as the question writes it ("京东零售")
    source: str = ""  # the English term the Chinese forms translate ("selling expense ratio"), where the question says it
    marked: bool = False  # a segment the question marks as one ("煤化工" of "煤化工板块"): always held
    # the last word of a product's name written before the figure asked ("积木" of "奥特曼积木收入", "芯片" of
    # "征程芯片…出货"): the phrase as the question writes it, and the groups of its other words
    kind_phrase: str = ""
    kind_of: list[TermGroup] = field(default_factory=list)
    # the thing whose volume is asked ("毛棕榈油产量", "How much crude palm oil did X produce"), held like the word
    # written last ("…累计销量9,742吨" after "11月羽绒及羽毛销量…" goes on about the same thing)
    thing: str = ""


@dataclass
class QuestionSpec:
    groups: list[TermGroup]
    entities: set[str]  # companies and institutions the question names
    metrics: list[list[str]]  # hard: forms of each metric asked (when a figure is asked)
    periods: set  # hard: periods asked (when a figure is asked)
    wants_figure: bool
    wants_list: bool
    unit: str = ""  # "多少亿元" asks for a figure in 亿: a growth rate is no answer
    measures: list[str] = field(default_factory=list)  # "多少平方米", "how many tonnes": a figure in one of these units
    amount: bool = False  # asks an amount ("多少", "how much"): the metric's own clause must hold a figure
    names: list[str] = field(default_factory=list)  # hard: names the catalogue does not know, to be said
    required: list[TermGroup] = field(default_factory=list)  # hard: the words that specify the figure asked
    places: list[TermGroup] = field(default_factory=list)  # an English question's places the passages write in Chinese
    scope: str = ""  # "total": the company's figure asked, a segment's ranks lower; "explicit" ("总营收"): no segment's
    scope_forms: list[str] = field(default_factory=list)  # the forms of the figure whose scope is read
    semantic: bool = False  # the evidence was chosen by embedding similarity (chatbot/semantic_match.py)
    # hard: words of the question written as one ("全维持成本" = 维持 + 成本), each with its groups; those
    # some retrieved passage also writes as one are the documents' term for the figure asked
    compounds: list[tuple[str, list[TermGroup]]] = field(default_factory=list)
    # the things whose volume is asked by a verb ("How much crude palm oil did X produce": 棕榈油)
    volume_things: list[TermGroup] = field(default_factory=list)
    item: str = ""  # one part of a two-part question: the item it asks, as the question writes it
    missing: list[str] = field(default_factory=list)  # the items of a two-part question no sentence states
    # one part of a two-part question: the forms of the words its item writes (a sentence naming none of them
    # states another figure: "研发费用" is not answered by "第三季度毛利率为27.3%")
    item_forms: list[list[str]] = field(default_factory=list)
    # hard: the region, product tier or channel asked (config/evidence.toml [scope] segment_words), each as its forms
    segments: list[list[str]] = field(default_factory=list)
    # one part of a question asking one figure of two companies or more ("A、B、C三家上半年收入增速各是多少"): its item is
    # a company, the figure asked the whole question's
    by_company: bool = False
    # the same period a year before asked with no year ("上半年收入去年同期是多少"): only a sentence stating the
    # year-before figure ("去年同期：3.82亿元") answers, never the current period's
    year_before: bool = False
    # one of two questions in one ("…增加到多少个？天津的新机库预计哪一年投产？"): its own clause, which the part is
    # scored by (the rows the other clause names are not this one's)
    clause: str = ""

    @property
    def total(self) -> float:
        return sum(g.weight for g in self.groups)

    @property
    def absent_share(self) -> float:
        """The share of the question's weight that no indexed passage holds at all."""
        return sum(g.weight for g in self.groups if g.absent) / self.total if self.total else 1.0


@dataclass
class Candidate:
    passage_idx: int
    raw: str  # as written in the passage (for highlighting)
    text: str  # as shown in an answer (table rows read as prose, markers removed)
    order: int  # position inside the passage
    item: bool = False  # a list item or table row
    coverage: float = 0.0
    score: float = 0.0
    figures: list[str] = field(default_factory=list)
    periods: set = field(default_factory=set)  # the periods the sentence reports (its own, else carried)
    part: bool = False  # states the figure asked of a segment or product, where the question asks the company's total

    @property
    def is_row(self) -> bool:
        """A table row (a list item written as one)."""
        return self.item and self.raw.lstrip().startswith("|")


def _cjk_count(text: str) -> int:
    return len(re.findall(r"[\u4e00-\u9fff]", text))


def question_terms(question: str, glossary: Glossary, idf) -> list[TermGroup]:
    """Weighted term groups of a question. English words the glossary knows become a
    group of their Chinese equivalents; unknown English content words stay (so a
    question about something no passage mentions is not covered)."""
    groups: list[TermGroup] = []
    seen: set[str] = set()
    absent = idf("\uffff")  # the weight idf gives a token no passage holds
    # "单季", "财年": period words, not the figure's
    period_words = [*evidence_config()["period"]["single_period"], *evidence_config()["period"]["fiscal_year"],
                    *evidence_config()["period"]["school_year"]]
    # "今年": the documents' own year; "具体": how the question is put (config [required] weightless): no word to
    # hold or weigh
    weightless = {*evidence_config()["period"]["this_year"], *evidence_config()["required"]["weightless"]}

    def add(alts: list[str], entity: str | None = None, kind: str = "word", source: str = "", whole: bool = False,
            written_in_documents: frozenset[str] = frozenset()):
        written = [a for a in alts if a.strip() and a.isascii()]
        alts = [normalize(a) for a in alts if a.strip()]
        fresh = [a for a in alts if a and a not in seen]
        if not fresh or (kind in ("term", "word") and all(a.isascii() for a in fresh) and not all(a.isascii() for a in alts)):
            return  # (an English term or word whose Chinese forms another group holds: that group is the term's; "quail"
            # of "quail eggs" after "quails", both 鹌鹑)
        alts = fresh
        seen.update(alts)
        if set(alts) <= weightless:  # (kept as a word of the question, for a two-part question's items; weighing nothing)
            groups.append(TermGroup(alts, 0.0, kind="word", source=source))
            return
        # (an English term is weighed by its Chinese forms: the term itself is there for an article written in English,
        # and its being written in one does not make the Chinese forms present where they are absent)
        basis = [a for a in alts if not a.isascii()] if kind == "term" and not all(a.isascii() for a in alts) else alts
        w = min(idf(a) for a in basis)  # the commonest form
        if w >= absent and (whole or kind in ("entity", "term", "metric")):  # a name, an English term's Chinese ("前三季度") or a synonym's forms ("投资银行")
            w = min(_pieces_idf(a, idf, absent) for a in basis)
        if w >= absent and kind == "term" and basis is not alts and written:
            # (no Chinese form is written anywhere: the term is present when an article written in English holds
            # the words of one of its English forms, "9.50% senior notes" for a coupon)
            w = min(min(_pieces_idf(f, idf, absent) for f in (a, plural_en(a))) for a in written)  # ("herds" of herd)
        if w >= absent and any((normalize(a) in written_in_documents and len(a) >= 2)
                               or (kind == "term" and re.fullmatch(r"[\u4e00-\u9fff]", a) and glossary.written(a)) for a in basis):
            # (a dictionary's word, or a listed term's one character, that the documents write only inside longer words,
            # which the keyword index keeps whole: "price" -> 价, written in 收购价 and 售价; present, weighed as a word
            # the index does not hold; not a dictionary's one character, "wine" -> 酒 of 料酒: "persimmon wine" is no
            # 柿子醋)
            w = ABSENT_WEIGHT
        if kind in ("word", "term") and any(periods(a) or qualifiers(a) - {None} or a in period_words for a in alts):
            kind = "period"
        groups.append(TermGroup(alts, ABSENT_WEIGHT, True, entity, kind, source=source) if w >= absent
                      else TermGroup(alts, w, entity=entity, kind=kind, source=source))

    # an English period phrase is read as its words would be in the form `periods` reads ("six months ended
    # 30 June 2025" -> "first half of 2025"): no words "six", "months", "ended" for a passage to hold; only a
    # rewrite to fewer words ("the quarter to September 2025" -> "three months to September 2025" reads no better)
    rewritten = english_period_phrases(question)
    # (or to Chinese, "FY2026" -> "2026财年", or to a term, "the half-year" -> "first half", 上半年: not "half", "year")
    fewer = len(rewritten.split()) < len(question.split())
    to_term = rewritten != question and any(" " in t and t in rewritten.lower() and t not in question.lower()
                                            for t in glossary.terms)
    low = (rewritten if fewer or to_term or _cjk_count(rewritten) > _cjk_count(question) else question).lower()
    # a ticker given ("the company with stock code 06983.HK") names the company: no stock code asked, no term of one
    # (unless the company is what is asked: "Which company is listed under the ticker 2719.HK?")
    # (an English question only: "股票代码06580.HK的公司" keeps the words its catalogue entry is found by)
    given = (lambda t: t) if _ASKS_COMPANY.search(question) or re.search(r"[\u4e00-\u9fff]", question) \
        else glossary.without_given_tickers
    low = given(low)
    for term in glossary.terms_with_metric:  # "average revenue per teu" (单箱收入) before "revenue"
        if term not in low:  # (a plain scan first: hundreds of terms, few present)
            continue
        rx = rf"(?<![a-z]){re.escape(term)}(?:e?s)?(?![a-z])"
        if re.search(rx, low):
            add(_term_forms(glossary.terms[term], term, glossary), kind="term", source=term)
            low = re.sub(rx, " ", low)
    for phrase, forms in glossary.shadowing_phrases(low):  # "sales volume": 销量, not the metric sales (收入)
        add(forms, kind="term", source=phrase)
        low = phrase_pattern(phrase).sub(" ", low)
    for metric in glossary.metrics_in(given(question)):
        forms = glossary.metrics[metric]
        add([metric, *forms], kind="metric")
        for f in sorted(forms, key=len, reverse=True):
            low = low.replace(f, " ")
    for m in _designated_re().finditer(low):  # "溟珂7号": the numbered item asked, held whole
        name = m.group(0).strip()
        before = len(groups)
        add([name], whole=True, source=DESIGNATED_SOURCE)
        if len(groups) > before:
            groups[-1].marked = True
        low = low.replace(m.group(0), " ", 1)
    for canon in glossary.entities(question):
        aliases = glossary.aliases_of(canon, codes=False)
        add([canon, *aliases], entity=canon, kind="entity")
        for a in sorted([*aliases, canon.lower()], key=len, reverse=True):  # "蜜雪冰城" before "蜜雪"
            low = name_pattern(a).sub(" ", low)
            if re.fullmatch(r"\d{4,5}\.hk", a):  # (a ticker whose ".hk" went with the stock-code metric's forms)
                low = name_pattern(a[:-3]).sub(" ", low)
    for word in sorted(glossary.synonyms, key=len, reverse=True):
        if word in low:
            add(glossary.synonyms[word], kind="metric")
            low = low.replace(word, " ")
    for m in _per_unit_re().finditer(low):  # "每吨煤的生产成本": also "吨煤成本", "单吨成本", "元/吨"
        add(per_unit_forms(m.group(1), m.group(2) or ""), source=PER_UNIT_SOURCE)
    low = _per_unit_re().sub(lambda m: " " + (m.group(2) or ""), low)
    for term in sorted(glossary.terms, key=len, reverse=True):
        if term not in low:
            continue
        rx = term_pattern(term)  # "gross margins" is the term "gross margin"
        if re.search(rx, low):
            add(_term_forms(glossary.terms[term], term, glossary), kind="term", source=term)
            low = re.sub(rx, " ", low)
    for verb, forms in evidence_config()["required"].get("verb_nouns", {}).items():  # "被罚了多少钱": 罚款
        if re.search(rf"{re.escape(verb)}(?:了|过|到|下|出)*\s*(?:多少|几)", question):
            add(list(forms), kind="term", source=verb)
    for phrase, forms in dictionary_phrases(low, glossary.translate):  # "driving schools": 驾校, not 驾驶 + 学校
        add(forms, kind="term", source=phrase, written_in_documents=frozenset(forms))  # (the translator's words)
        # (one dictionary entry: as precise as a listed term)
        low = phrase_pattern(phrase).sub(" ", low)
    year_cut = evidence_config()["period"]["year_cut_tokens"]
    alike_periods = evidence_config()["period"].get("written_alike", {})
    for tok in content_words(low):
        if tok.isascii() and (tok in _EN_STOP or tok in function_words_en()):
            continue  # (a function word, "because", "while", names nothing a passage states)
        if tok in year_cut and re.search(rf"(?:19|20)\d{{2}}\s*{re.escape(tok)}", question):
            continue  # "2025年前三季度": the year and the period are groups of their own
        if re.fullmatch(r"(?:19|20)\d{2}", tok):
            add([tok, f"{tok}年"], kind="period")  # a year, written either way: one term, not two
            continue
        if (alike := alike_periods.get(tok)) and alike["asked"] in question:
            add(alike["forms"], kind="period")  # "前三季度": as a row writes it too ("九个月收益")
            continue
        if idf(tok) >= absent and re.fullmatch(r"[\u4e00-\u9fff]+", tok):
            if thing := counted_thing(tok, low):
                add(thing)  # "多少家店": 店, or 家数
                continue
            tok = _segment_stem(tok, idf, absent) or _indexed_neighbour(tok, low, idf, absent)
        if stem := _region_stem(tok):  # "西南地区": also as an enumeration writes it ("…，西南占14.7%")
            add([tok, stem])
            continue
        # (an English word ending in a consonant and "y" is also written as its plural in an article written in English:
        # "royalty" in "tiered royalties of 8% to 14%"; other plurals hold the word itself)
        plural = [f"{tok[:-1]}ies"] if re.fullmatch(r"[a-z\-]{2,}[^aeiou]y", tok) else []
        found = glossary.translate(tok) if re.fullmatch(r"[a-z][a-z\-]{2,}", tok) else []
        add([tok, *plural, *found], written_in_documents=frozenset(found))  # (the translator's words are written)
    return groups


@lru_cache(maxsize=1)
def _designated_re() -> re.Pattern:
    """A numbered name ("溟珂7号", "3号线", "二期项目": config/evidence.toml [required] designated_name)."""
    return re.compile(evidence_config()["required"]["designated_name"])


def designated_name(text: str) -> bool:
    """Is the text a numbered name ("溟珂3号", "3号线"), whole?"""
    return bool(_designated_re().fullmatch(normalize(text).lower()))


DESIGNATED_SOURCE = "numbered name"  # (the source of a numbered name's group: written whole, the company's short name in it)
PER_UNIT_SOURCE = "per unit"  # (the source of a per-unit group: "每平方米" and the ways documents write it)


@lru_cache(maxsize=1)
def _per_unit_re() -> re.Pattern:
    """"每吨煤", "每辆": a figure per unit of a thing (config/evidence.toml [units] per_units); group 1 the
    unit, group 2 the character after it (the thing counted), if any."""
    units = "|".join(map(re.escape, sorted(evidence_config()["units"]["per_units"], key=len, reverse=True)))
    return re.compile(rf"每\s*({units})([\u4e00-\u9fff](?<!的))?")


def per_unit_forms(unit: str, thing: str) -> list[str]:
    """The ways a document writes "每<unit><thing>" ("每吨煤" -> 每吨, 单吨, /吨, 吨煤): [units] per_unit_forms."""
    cfg = evidence_config()["units"]
    short = cfg["per_units"][unit]
    forms = [f.format(u=unit, s=short, x=thing) for f in cfg["per_unit_forms"] if thing or "{x}" not in f]
    forms += [normalize(f) for f in cfg.get("per_unit_forms_en", {}).get(unit, [])]  # ("US$1,420 per tonne")
    return list(dict.fromkeys(forms))


def name_pattern(name: str) -> re.Pattern:
    """A name as it stands in a lower-cased text: an ASCII edge must not touch a letter or
    digit ("ai" is not in "paid"); a Chinese edge may ("翰森制药2025年" names 翰森制药)."""
    before = r"(?<![0-9a-z])" if re.match(r"[0-9a-z]", name) else ""
    after = r"(?![0-9a-z])" if re.search(r"[0-9a-z]$", name) else ""
    return re.compile(before + re.escape(name) + after)


def _pieces_idf(name: str, idf, absent: float) -> float:
    """The weight of a name the keyword tokenizer cuts into pieces ("测试公司甲" -> 测试 公司 甲):
    its rarest piece's when every piece is indexed, `absent` otherwise. A name is
    tokenised by the same tokenizer as the passages, so a company a new document names
    is not taken for one no passage holds."""
    pieces = tokenize(name)
    weights = [idf(p) for p in pieces]
    return max(weights) if weights and max(weights) < absent else absent


def counted_thing(tok: str, text: str) -> list[str]:
    """A word of the question that takes in the measure word written after "多少" ("多少家店" cut 多少 + 家店, "多少艘船"):
    the thing counted ("店") and its count as a column names it ("家数", "新签艘数"); [] for any other word
    ([units] classifiers)."""
    i = text.find(tok)
    if len(tok) < 2 or tok[0] not in evidence_config()["units"]["classifiers"] or i < 0 \
            or not re.search(r"(?:多少|几)\s*$", text[:i]):
        return []
    return [tok[1:], f"{tok[0]}数"]


def _segment_stem(tok: str, idf, absent: float) -> str:
    """A word the index does not hold that ends in a segment marker ("广告业务", [required] segment_markers) or a
    region's suffix ("欧洲区", [scope] region_stem_suffixes): the
    segment's own name before it ("广告"), when the index holds that; "" otherwise."""
    cfg = evidence_config()
    # (or a region's suffix: "欧洲区" where the documents write 欧洲)
    marker = next((m for m in [*cfg["required"]["segment_markers"], *cfg["scope"]["region_stem_suffixes"]] if tok.endswith(m)), "")
    stem = tok[: -len(marker)] if marker else ""
    return stem if len(stem) >= 2 and idf(stem) < absent else ""


def _region_stem(tok: str) -> str:
    """The region a word names with its suffix ("西南地区" -> "西南", [scope] region_stem_suffixes), a place as jieba
    tags it; "" for any other word."""
    from chatbot.names import _posseg

    sfx = next((s for s in evidence_config()["scope"]["region_stem_suffixes"] if tok.endswith(s) and len(tok) - len(s) >= 2), "")
    if not sfx or not re.fullmatch(r"[\u4e00-\u9fff]+", tok):
        return ""
    stem = tok[: -len(sfx)]
    return stem if [f for _, f in _posseg(stem)] in (["ns"], ["s"], ["f"]) else ""


_FISCAL_WORD = re.compile(r"财年|财政年度|\bFY\s*'?\d|\bfiscal\b", re.I)
_ENDED_SPAN = re.compile(r"截至.{2,16}?止|\b(?:months?|year|quarter) end(?:ed|ing)\b", re.I)


def period_heading(chunk: Chunk) -> str:
    """The innermost section heading naming a period (its title aside), "" when none does."""
    return next((h for h in reversed(chunk.headings) if h != chunk.title and named_periods(h)), "")


def _section_period(chunk: Chunk, calendar: bool = True) -> set:
    """The one period the innermost section heading naming a period gives (its title aside): a year, or a part of one
    whose dates the heading writes ("2026财年上半年（截至2025年12月31日止六个月）", with the calendar span of those dates
    unless `calendar` is False); empty when it names none, several, or a part of a year without its dates."""
    h = period_heading(chunk)
    found = context_period(chunk.title, [h]) if h else set()  # (a year: "2025财年业绩"; a part of one may be a heading's
    # other word, "2028年中期目标" a medium-term target, no interim)
    year, part = next(iter(found)) if len(found) == 1 else (None, None)
    if year and part and _ENDED_SPAN.search(h):  # (and, `calendar`, the calendar span its dates write: the six months to
        # 31 December 2025 are 2025's second half too; not for a question asking fiscal periods, whose "2025财年下半年" is
        # another half)
        return found | ({x for x in named_periods(h) if x[1]} if calendar else set())
    return found if year and not part else set()


def _fiscal_section_period(sentence: str, chunk: Chunk) -> set:
    """The fiscal period of the section a sentence stands in, when the sentence writes its own period only as the dates
    it ends on ("截至2025年12月31日止三个月，收入1.58亿元" under "## 2026财年第一季度"); empty otherwise."""
    if _FISCAL_WORD.search(sentence) or not _ENDED_SPAN.search(sentence):
        return set()
    h = period_heading(chunk)
    if not h or not _FISCAL_WORD.search(h):
        return set()
    if found := context_period(chunk.title, [h]):
        if len(found) == 1 and (whole := next(iter(found)))[1] is None and whole[0] and (part := _opening_part(sentence, whole[0])):
            return {(whole[0], part)}  # (a whole fiscal year's section, "## 2026财年至今": a span of its opening months
            # that ends in the calendar year before the one it is named by, "截至2025年9月30日止六个月", is its first half)
        return found
    # (a heading of several periods, "## 2026财年上半年及1月": the one as long as the span the sentence ends on, "截至2025年
    # 12月31日止六个月" the half)
    kind = {3: r"Q\d", 6: r"H\d", 9: r"Q1-3"}.get(_span_months(sentence))
    same = {p for p in named_periods(h) if kind and p[1] and re.fullmatch(kind, p[1])}
    return same if len(same) == 1 else set()


def _opening_part(sentence: str, fiscal_year: str) -> str | None:
    """The part of fiscal year `fiscal_year` a sentence's six or nine months ended on a date of the calendar year before
    it are (H1, Q1-3: a fiscal year is named by the calendar year it ends in, so those months open it); None otherwise
    (three months may be any quarter)."""
    part = {6: "H1", 9: "Q1-3"}.get(_span_months(sentence))
    ended = _ENDED_YEAR.search(sentence)
    return part if part and ended and int(ended.group(1) or ended.group(2)) == int(fiscal_year) - 1 else None


_ENDED_YEAR = re.compile(r"截至\s*((?:19|20)\d{2})\s*年|\bend(?:ed|ing)\s+(?:\d{1,2}\s+[A-Z][a-z]+|[A-Z][a-z]+\s+\d{1,2}),?\s+((?:19|20)\d{2})")
_SPAN_MONTHS = re.compile(r"止\s*(三|六|九|3|6|9)\s*个月|\b(three|six|nine|3|6|9)[\s-]+months?\s+end", re.I)
_SPAN_LENGTHS = {"三": 3, "3": 3, "three": 3, "六": 6, "6": 6, "six": 6, "九": 9, "9": 9, "nine": 9}


def _span_months(sentence: str) -> int:
    """How many months the span a sentence ends on lasts ("截至…止六个月", "six months ended …": 6), 0 for none."""
    m = _SPAN_MONTHS.search(sentence)
    return _SPAN_LENGTHS.get((m.group(1) or m.group(2)).lower(), 0) if m else 0


# "20年", not "2025年" nor "25年度"; "three years", "a 10-year term"
_DURATION_YEARS = re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d)?\s*年(?![度初末底中前后份])|(?<![\w.,])(?:\d{1,2}|one|two|three|four|five|"
                             r"six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty)[\s-]+years?\b", re.IGNORECASE)


def _with_share_class(word: str, text: str) -> bool:
    """Does the text write a two-character word with a share class's letter inside ("新股" as "新H股", "港股" as…): a
    question's "配售新股" is the "新H股" a sentence places?"""
    return len(word) == 2 and word.endswith("股") and bool(re.search(rf"{re.escape(word[0])}[a-z]{re.escape(word[1])}", text))


def extreme_written(question: str) -> list[str]:
    """The words a sentence stating the extreme a question asks writes ("最高", "高点", "新高" for "股价最高涨到多少"), [] for a
    question asking none (config/evidence.toml [extremes])."""
    low = question.lower()
    cfg = evidence_config()["extremes"]
    if any(re.search(rf"(?<![a-z]){re.escape(w)}(?![a-z])", low) for w in cfg["which"]):
        return []
    return [w for forms in cfg.values() if isinstance(forms, dict)
            if any(re.search(rf"(?<![a-z\-]){re.escape(a)}(?![a-z\-])", low) for a in forms["asked"]) for w in forms["written"]]


def _indexed_neighbour(tok: str, text: str, idf, absent: float) -> str:
    """A Chinese word the index does not hold may be jieba cutting the question otherwise
    than the passages ("的翻台率" -> "的翻" + "台率", while passages hold "翻台率"): the
    word with a neighbouring character or two of the question, when the index holds that."""
    i = text.find(tok)
    if i < 0:
        return tok
    for k in (1, 2):
        for cand in (text[max(0, i - k): i + len(tok)], text[i: i + len(tok) + k]):
            if len(cand) == len(tok) + k and re.fullmatch(r"[\u4e00-\u9fff]+", cand) and idf(cand) < absent:
                return cand
    # ... or cut one character further on: "最高涨到" cut 最|高涨|到, while passages hold "最高" (the word's first character
    # with the one before it, when both make a word of the dictionary)
    if len(tok) == 2 and i >= 1 and re.fullmatch(r"[\u4e00-\u9fff]{2}", cand := text[i - 1: i + 1]) \
            and idf(cand) < absent and dictionary_tag(cand) and _lone_before(text, i):
        return cand  # (only a character jieba left alone: "调用量时" is 调用|量时, and 用 is 调用's, no 用量)
    return tok


def _lone_before(text: str, i: int) -> bool:
    """Is the character before position i a word of its own as jieba cuts the text ("最" of 最|高涨|到)?"""
    from chatbot.text import _jieba

    at = 0
    for w in _jieba().lcut(text):
        if at + len(w) == i:
            return len(w) == 1
        at += len(w)
        if at > i:
            return False
    return False


@lru_cache(maxsize=1)
def _substituted_re() -> re.Pattern:
    words = evidence_config()["figure_question"]["substituted"]
    return re.compile(r"(?:" + "|".join(map(re.escape, words)) + r")\s*(?:the\s+|a\s+)?(?:[\u4e00-\u9fff]{1,4}|[A-Za-z\-]+)",
                      re.IGNORECASE)


def without_substituted(question: str) -> str:
    """The question without the thing it says a figure stands in place of ("选股票代替现金" -> "选股票", "shares instead
    of cash"): config/evidence.toml [figure_question] substituted; the replaced thing is no metric asked."""
    return _substituted_re().sub(" ", question)


def _is_place(word: str) -> bool:
    """Is a word a place name: Chinese as jieba tags it ("泰国", "华南"; not "蒙特雷", a person's name to it), English as
    the dictionary gives it ("Japan": 日本)?"""
    from chatbot.bilingual import _is_place as place_zh
    from chatbot.bilingual import names_a_place

    if word.isascii():
        return word[:1].isupper() and names_a_place(word)
    return place_zh(word)


def _locative_scope(question: str, groups: list[TermGroup], entities: set[str], glossary: Glossary) -> list[TermGroup]:
    """The words of a question's "在…的" phrase after a company it names ([scope] locative: "在丰盛湾的"), each marked
    and read as the whole phrase first: the place or field asked, which the answer, its row or a heading must name
    (the country's total or another region's row is no answer for it). No period, company or metric word."""
    rx = evidence_config()["scope"].get("locative", "")
    names = [a for a in _forms_of(entities, glossary) if a and not a.isascii()]
    venues = evidence_config()["scope"].get("listing_venues", [])
    out: list[TermGroup] = []
    for m in re.finditer(rx, question) if rx and names else ():
        span = m.group(1)
        if not any(n in question[:m.start()] for n in names) or periods(span) or glossary.metrics_in(span) \
                or any(_is_place(w) for w in _jieba().lcut(span)) or any(v.lower() in span.lower() for v in venues):
            continue  # (a place the tokenizer knows is read as the other places are: "在中东市场的收入")
        for g in groups:  # (the phrase's first word, its distinctive one: not "市场" of "在某地市场的")
            if g.kind == "word" and not g.entity and span.startswith(g.alternatives[0]):
                if span not in g.alternatives:
                    g.alternatives = [span, *g.alternatives]
                g.marked = True
                out.append(g)
    return out


def _after_company(question: str, word: str, entities: set[str], glossary: Glossary) -> bool:
    """Does the question write the word right after a company it names ("翠橡农业美国…", "童舆控股的北美收入"), or after
    a word leading to a market ("窨橘控股出口新加坡…", [scope] place_leads)?"""
    names = sorted({a for a in _forms_of(entities, glossary) if a and not a.isascii()}, key=len, reverse=True)
    # (not where it lists: "…的香港上市文件", [scope] listing_after_place)
    venue = "|".join(map(re.escape, evidence_config()["scope"].get("listing_after_place", [])))
    leads = "|".join(map(re.escape, evidence_config()["scope"]["place_leads"]))
    return bool(names) and re.search(rf"(?:{'|'.join(map(re.escape, names))})\s*的?\s*(?:{leads})?\s*{re.escape(word)}"
                                     + (rf"(?!\s*(?:{venue}))" if venue else ""), question) is not None


def _as_written(question: str, word: str) -> str:
    """An English word as the question writes it ("japan" -> "Japan"); a Chinese word as it is."""
    if not word.isascii():
        return word
    m = re.search(rf"(?<![A-Za-z]){re.escape(word)}(?![A-Za-z])", question, re.IGNORECASE)
    return m.group(0) if m else word


def _after_place_word_en(question: str, forms: list[str]) -> bool:
    """Does an English question write the place after "in" or "from" ("revenue in Japan", "sales from Europe"), a place
    other than the documents' home market ("token usage in China" says where, no region of a breakdown: config/
    evidence.toml [scope] home_places)?"""
    home = set(evidence_config()["scope"]["home_places"])
    return not home & set(forms) and any(
        f.isascii() and re.search(rf"\b(?:in|from)\s+(?:the\s+)?{re.escape(f)}\b", question, re.IGNORECASE) for f in forms)


def asks_year_before(question: str) -> bool:
    """Does a question ask the same period a year before ("去年同期呢", "the same period a year earlier"; config/evidence.toml
    [period] year_before, year_before_en), not a change against it ("同比增长多少")?"""
    words, compared, changes = _year_before_words()
    low = question.lower()
    return any(w in low for w in words) and not compared.search(low) and not any(w in low for w in changes)


@lru_cache(maxsize=1)
def _year_before_words() -> tuple[list[str], re.Pattern, list[str]]:
    """asks_year_before's words: the year before's, the same compared with, and those asking a change."""
    cfg, scope = evidence_config()["period"], evidence_config()["scope"]
    words = [*cfg["year_before"], *cfg["year_before_en"]]
    compared = re.compile(r"(?:较|比|相比|相较|与|跟|和|than|from|over|versus|vs\.?)\s*(?:the\s+)?(?:"
                          + "|".join(map(re.escape, words)) + ")")
    changes = [w for w in [*scope["growth_asked"], *scope["change_words"]] if w not in ("+", "-")]  # (a hyphen of
    return words, compared, changes  # "year-ago" asks no change)


@lru_cache(maxsize=1)
def _rate_res() -> tuple[re.Pattern, re.Pattern]:
    """A metric that is a rate ([scope] rate_metric), and a row's words saying its percentages are rates or changes
    ([scope] growth_asked, rate_row_words)."""
    scope = evidence_config()["scope"]
    return (re.compile(scope["rate_metric"], re.IGNORECASE),
            re.compile("|".join(map(re.escape, [*scope["growth_asked"], *scope["rate_row_words"]]))))


@lru_cache(maxsize=1024)
def _table_view(text: str) -> tuple[str, str, str, str, str, str]:
    """How a passage's (first) table is read, normalised: its rows' opening text (table_head), its header row, its
    header lines, its lead-in, the caption that lead-in ends with and the caption its header's first cell writes."""
    table_head = normalize(" ".join(ln for ln in text.splitlines() if ln.startswith("|"))[:200])
    # a table's header row names what its columns hold ("| 季度 | 对应月份 | 内地同店销售同比 |"), not its other rows
    header_row = normalize(next((ln for ln in text.splitlines() if ln.lstrip().startswith("|")), ""))
    header_lines = normalize(table_header(text))  # (with a caption row over the column names)
    table_lead = normalize(line_before_table(text))  # (the table's lead-in: "分季度看，新签订单…：")
    # (a lead-in stating no figure of its own is the table's caption, whose metric is every row's: "按地区划分的
    # 收入（百万港元）：", not "前三季度公司综合毛利率为34.2%…。分板块看：")
    return table_head, header_row, header_lines, table_lead, table_caption_of(table_lead), _corner(header_row)


@lru_cache(maxsize=512)
def total_stated(table_text: str, lead: str) -> str:
    """The clause of a table's lead-in that states the figure its total row sums to ("公司2025年收入约人民币19.86亿元"
    over a table by product in 人民币万元 whose "合计" row is 198,600): the table's metric, when neither its header nor
    its lead-in's caption names one (its rows are parts of that figure). "" when the total matches no figure there.
    (config/evidence.toml [scope] total_rows: the total row's labels; [scope] total_match: how close the two must be.)"""
    from chatbot.compute import facts_in

    if not lead or not claim_figures(lead):
        return ""
    cfg = evidence_config()["scope"]
    totals = [f for _, shown, item, _ in passage_sentences(table_text) if item and normalize(shown).startswith(_total_labels())
              for f in facts_in(shown) if f.lo > 0]
    if not totals:
        return ""
    for f in facts_in(lead):
        if any(t.currency == f.currency and abs(t.lo - f.lo) <= cfg["total_match"] * t.lo for t in totals):
            return f.clause
    return ""


def _total_labels() -> tuple[str, ...]:
    """The labels of a table's total row ([scope] total_rows: "合计", "总计"; and "total", an article written in English)."""
    return (*evidence_config()["scope"]["total_rows"], "total")


def _is_total_label(row: str) -> bool:
    """Does a table row's first cell name a total?"""
    return normalize(row.strip().strip("|").split("|")[0]).lower().startswith(_total_labels())


def _total_named(passage: str, row: str, prose: str) -> str:
    """total_stated of the table a row is in, over the line that introduces it as written, else the prose of its
    document retrieved beside it (a table passage of its own)."""
    table = own_table_text(passage, row)
    return normalize(total_stated(table, line_before_table(table) or prose))


def _corner(header_row: str) -> str:
    """The first cell of a table's (normalised) header row when it captions the table rather than naming its label
    column ("按地区划分的收入(人民币千元)" over the regions' rows: their metric); "" for a short column name ("地区")."""
    cells = [c for c in header_row.strip().strip("|").split("|")]
    return cells[0] if cells and len(cells[0]) > 6 else ""


def _columns_name_others(header_row: str, forms: list[str]) -> bool:
    """Do a table's columns (after the first) name quantities, none of them the metric asked ("| 基地 | 养殖面积(亩) |
    2025财年产量(吨) |" under a section "收入结构与基地")? Then the section heading's metric is not its rows' (columns
    naming periods only, "| 地区 | 2025年 | 2024年 |", say nothing of what the rows hold)."""
    cells = [c.strip() for c in header_row.strip().strip("|").split("|")][1:]
    if not cells or any(f and f in c for c in cells for f in forms):
        return False
    # (a column in a unit of things, not of money: "养殖面积(亩)", "产量(吨)"; "截至…止九个月（人民币万元）" is money)
    units = [u for c in cells for u in re.findall(r"[（(]([^（()）]{1,8})[)）]", c)]
    money = [u for u in units if re.search(r"元|币|%|％", u) or currency_forms(u)]
    return bool(units) and not money  # (a column of money beside them, "销售额(万元)", may be the metric's)


def table_caption_of(lead: str) -> str:
    """The caption a table's lead-in ends with, whose metric is every row's: its last sentence, when that states no
    figure of its own ("…股东应占溢利1.52亿元。按渠道划分的收入占比：" -> "按渠道划分的收入占比："; not "前三季度公司综合毛利率为
    34.2%，同比下降6.8个百分点。分板块看：" for the gross margin)."""
    last = [s for s in re.split(r"(?<=[。！？!?])", lead) if s.strip()]
    caption = last[-1] if last else ""
    return "" if claim_figures(caption) else caption


# "share of the market by revenue", "ranked by sales": the basis of a share or a ranking,
# not the figure asked (a term of the question, no hard metric)
_BASIS_EN = re.compile(r"\b(?:by|in terms of|measured by|based on)\s+(?:[a-z\-]+\s+){0,2}[a-z\-]+", re.IGNORECASE)


def analyse_question(question: str, glossary: Glossary, idf) -> QuestionSpec:
    question = months_to_words(question)  # "截至9月底止九个月" asks 前三季度, as the sentences write it
    # (and a period's spoken spelling is its word: "头九个月" asks 前九个月, no topic words "九个")
    question = period_spellings(question)
    what_metric = _WHAT_METRIC_EN.search(question)
    asked_periods = _asked_periods(question)
    # ("What revenue does X expect for 2025?", "What net profit did X book in the three months to September?": a
    # forecast or a period named after it)
    # ("What nine-month revenue did X book in Fujian?": the words before "did" are a metric's own form, with a period
    # read or no words of one: "for the six months ended 30 September", a period not read, asks no figure of it)
    names_metric = bool(what_metric and glossary.metrics_in(what_metric.group(1))
                        and (forecast_re().search(question[what_metric.end():].lower())
                             or (_is_metric(what_metric.group(1), glossary)
                                 and (asked_periods or not _PERIOD_WORDS_EN.search(_RELATIVE_YEAR_EN.sub(" ", question))))))
    # ("And what about X's third-quarter revenue?", "那第二季度的收入呢？": an elliptical question naming a metric asks
    # its figure as "how much" does)
    elliptical_figure = bool(_ELLIPTICAL_ASK.search(question)) and bool(glossary.metrics_in(question))
    # ("What EBITDA did X report for …": a figure of a thing no metric names, reported; "What head grade and output
    # growth did X report": two things)
    # (a noun phrase holding a metric's words is the metric rules' to read: "What net profit margin did it post")
    figure_noun = bool((m := _WHAT_FIGURE_NOUN.search(question)) and not glossary.metrics_in(m.group(0)))
    wants_figure = bool(_ASKS_FIGURE.search(question)) or names_metric or elliptical_figure or figure_noun or bool(
        what_metric and (not glossary.metrics_in(what_metric.group(1)) or re.search(r"\band\b", what_metric.group(1)))
        and _reported_en().search(question[what_metric.end():]))
    asked = glossary.without_given_tickers(question)  # a ticker given names the company: no stock code asked
    asked = without_substituted(asked)  # "选股票代替现金": cash is what the figure stands in place of, not asked
    metrics = [
        [normalize(f) for f in [m, *glossary.metrics[m]]]
        for m in glossary.metrics_in(_BASIS_EN.sub(" ", asked)) or glossary.paraphrased_metrics(asked)
    ]
    metrics = [_with_term_list_forms(forms, asked) for forms in metrics]
    entities = set(glossary.entities(question))
    groups = question_terms(question, glossary, idf)
    unit = asked_unit(question)
    if currency_forms(unit):  # "多少挪威克朗": the unit asked, no word of the figure (an English article writes "NOK")
        groups = [g for g in groups if g.alternatives != [unit]]
    # an English word for the whole ("blended" -> 综合): the scope asked (_asked_scope), no word a sentence must write
    whole = set(evidence_config()["scope"]["explicit_total"])
    groups = [g for g in groups if not (g.kind == "term" and set(g.alternatives) <= whole)]
    volumes = read_volumes(groups, question, lambda w: glossary.translate(w) or cedict_index().get(w, []))  # 采浆量
    # the subject is a company the catalogue does not know; beside a known company, the other company or
    # institution named ("华启证券把昆岳特钢的目标价…": the broker whose figure it is) is to be said as well
    names = [normalize(n) for n in (uncatalogued_names(question, glossary) if not entities
                                    else institution_names(question, glossary))] if wants_figure else []
    own = _outside_names(groups, names)  # (a name's words are no word of the figure: the name is said whole)
    spec = QuestionSpec(
        groups=groups,
        entities=entities,
        metrics=metrics if wants_figure else [],
        periods=asked_periods if wants_figure else set(),
        wants_figure=wants_figure,
        wants_list=bool(_ASKS_LIST.search(question)),
        unit=unit,
        measures=asked_measures(question),
        # "股票代码是多少" asks an identifier, not an amount (config/evidence.toml [headings] metrics)
        amount=wants_figure and bool(_ASKS_AMOUNT.search(question) or names_metric or elliptical_figure)
        and not _asks_identifier(asked, glossary),
        # the subject is a company the catalogue does not know (when the question names a known company, other
        # names are its products or segments, "小米…AIoT分部", but for another company or institution's)
        names=names,
        # (one question: "…是多少？资金用途如何分配？" asks two, each sentence answering one)
        required=_with_phrases(_with_marked(required_groups(groups, names, question), own, question), question, entities,
                               glossary)
        if wants_figure and not re.search(r"[？?。；;!！]", question.strip().rstrip("？?。！! ")) else [],
    )
    if wants_figure:  # a place no passage names ("泰国2025年干胶产量", "output in Thailand"): the figure of a region the
        for g in groups:  # documents do not break out, which no other region's figure answers
            # (an English place the term list gives, in a question asking a figure's amount: "the United States" of
            # "What was X's gross profit from the United States?"; not the listing's place, "list in Hong Kong")
            term = g.kind == "term" and bool(g.source) and not g.absent and not _asks_identifier(asked, glossary) \
                and (spec.amount or bool(_ASKS_VALUE_EN.search(question)))
            if (g.kind == "word" or term) and not g.entity and not g.marked \
                    and any(_is_place(_as_written(question, a)) and not _before_verb_particle(question, a)
                            for a in g.alternatives) \
                    and ((not term and (g.absent or _after_company(question, g.alternatives[0], entities, glossary)))
                         or _after_place_word_en(question, [*g.alternatives, g.source])):
                g.marked = True  # (a place named right after the company, "翠橡农业美国2025年干胶产量", is the region asked
                if g not in spec.required:  # whether or not some document names it)
                    spec.required.append(g)
    if wants_figure:  # a numbered item named ("溟珂7号"): held, no other item's row answers for it
        spec.required += [g for g in groups if g.marked and g not in spec.required]
    if wants_figure and spec.amount:  # "在丰盛湾的猕猴桃销量": the place the figure is asked of, held (the tokenizer cut
        # "丰盛" off it)
        for g in _locative_scope(question, groups, entities, glossary):
            if g not in spec.required:
                spec.required.append(g)
    if wants_figure and asks_year_before(question):  # "上半年收入去年同期是多少": no year to count back from
        spec.year_before = True  # (with a year, the question is read as the year before's: text.with_year_before)
    # (a word that is a form of the metric asked, "净利润" of "net profit" where the article writes 纯利, specifies nothing
    # beyond the metric: the metric's check holds it)
    metric_forms = {f for forms in metrics for f in forms}
    spec.required = [g for g in spec.required if g.marked or not all(a in metric_forms for a in g.alternatives)]
    if wants_figure and not spec.amount and spec.periods and _ASKS_VALUE_EN.search(question) \
            and (metrics or any(g.kind == "term" and not g.absent for g in groups)) and not _asks_identifier(asked, glossary):
        spec.amount = True  # "what was <a metric> in <a period>" asks an amount as "how much" does
    if wants_figure and not metrics and (head := _reported_head(question, what_metric, groups, idf)) and head not in spec.required:
        spec.required.append(head)  # "What EBITDA did X report …": only a sentence naming EBITDA answers
    if wants_figure and not metrics and (head := _object_head(question, groups)) and head not in spec.required:
        head.marked = True  # "把机库机位增加到多少个": the thing counted is 机位, whatever else the question weighs,
        spec.required.append(head)  # named by the sentence or a heading over it (the title names the article's topic)
    if wants_figure:  # (a name the catalogue does not know is no term: spec.names holds it)
        spec.compounds = [(c, gs) for c, gs in compounds(question, groups) if not any(c in n for n in spec.names)]
    if wants_figure:  # the metric asked, else the word a total word stands before ("总保费")
        spec.scope_forms = [f for forms in metrics for f in forms] or _total_of(question, groups)
        spec.scope = _asked_scope(question, spec.scope_forms, entities, glossary, groups, bool(metrics))
        spec.volume_things = [v.thing for v in volumes if v.thing is not None and v.thing is not v.verb]
        spec.volume_things += [g for g in _written_before_volume(question, groups) if g not in spec.volume_things]
        if not spec.scope_forms and (volume := total_forms(volumes, groups)):  # "how much feed did X sell": the total's
            spec.scope_forms, spec.scope = volume, "total"
        if not re.search(r"[？?。；;!！]", question.strip().rstrip("？?。！! ")):  # (one question, as `required`)
            qualifiers = _prefix_qualifiers(question, spec.scope_forms, entities, glossary, own, names) \
                if spec.scope_forms else _compound_qualifiers(question, spec.required, own)
            for g in qualifiers:
                g.marked = True  # (held however many other words specify the figure)
                if g not in spec.required:
                    spec.required.append(g)
            _mark_kind_heads(question, spec, own)
        # (a company's name, or an English term that holds the word, names no segment: "online marketing" is 在线营销)
        low = question.lower()
        scope_cfg, not_segment = evidence_config()["scope"], [*_forms_of(entities, glossary), *spec.names,
                                                              *(t for t in glossary.terms if " " in t and t in low)]
        spec.segments = asked_segments(question, scope_cfg["segment_words"], not_segment)
        spec.segments += [r for r in asked_regions(question, scope_cfg.get("region_suffixes", []),
                                                   scope_cfg.get("region_pos", []), not_segment)
                          if r not in spec.segments]
        spec.segments += [r for r in asked_regions(question, scope_cfg.get("place_suffixes", []),
                                                   scope_cfg.get("place_pos", []), not_segment)
                          if r not in spec.segments]
        spec.segments += [r for r in asked_regions(question, scope_cfg.get("site_suffixes", []),
                                                   scope_cfg.get("region_pos", []), not_segment)
                          if r not in spec.segments and not any(r[1] in f for seg in spec.segments for f in seg)]
        spec.segments += [r for r in asked_places(question, scope_cfg.get("place_pos", []), scope_cfg.get("place_noun_pos", []),
                                                  scope_cfg.get("not_segment_places", []), not_segment,
                                                  (scope_cfg.get("place_after", []), scope_cfg.get("place_after_next", []),
                                                   scope_cfg.get("place_after_once", []))
                                                  if entities else ((), ()))
                          if not any(r[0] in f for seg in spec.segments for f in seg)]
        # an English question's place where a company's figure was made ("revenue in India": 印度, a place jieba's
        # dictionary tags) is a region asked too (not a market's own name: "China's enterprise LLMs")
        # (after a preposition, "in India", or before the part it places, "X's Hunan hospitals")
        # (a name with an apostrophe is one word: "Xi'an")
        # (or the place's Chinese name, which the question was given for its English: "Stagora's 西安 park")
        where = {w.lower() for w in re.findall(r"\b(?:in|from|to|across|at)\s+(?:the\s+|its\s+|their\s+)?([A-Z][a-z]+(?:'[a-z]+)?|[\u4e00-\u9fff]{2,4}(?=\s))",
                                               question)}
        where |= {w.lower() for w in re.findall(r"'s\s+([A-Z][a-z]+(?:'[a-z]+)?|[\u4e00-\u9fff]{2,4})\s+[a-z]", question)}
        # (a term too, "Europe" -> 欧洲; with the English word, which an article written in English writes, even where
        # the index holds no Chinese form of it)
        # (a place whose word the question's terms hold only in Chinese: "Xi'an", 西安)
        where_zh = {z for w in where if "'" in w for z in cedict_index().get(w, [])}
        spec.segments += [[*zh, *(where & set(g.alternatives))] for g in groups
                          if g.kind in ("word", "term") and not g.entity and (not g.absent or g.kind == "term") and entities
                          and (where & set(g.alternatives) or where_zh & set(g.alternatives))  # (the English word, and its Chinese)
                          and (zh := [a for a in g.alternatives if not a.isascii() and dictionary_tag(a) == "ns"])
                          and not any(z in f for z in zh for seg in spec.segments for f in seg)]
    if spec.amount:  # "单价是多少元每平方米": a figure per unit that no passage writes in any per-unit form is not given
        for g in groups:  # (the lump sum paid is no price per square metre)
            if g.source == PER_UNIT_SOURCE and g not in spec.required:  # (written by some passage or not: the
                # figure is per that unit, "每公斤多少": a revenue row of the thing bought is no price of it)
                g.marked = True
                spec.required.append(g)
    does = _WHAT_FIGURE_NOUN_DOES.search(question)
    if figure_noun and not metrics and does is not None and not does.group("qual") \
            and not does.group("verb").lower().startswith("appl"):
        # "What fine did X receive at its Vietnam base?": the noun alone names the figure, which the answer names (a row
        # of the base's output is no fine); not a noun a term or other words qualify ("clinical pregnancy rate",
        # "coupon": the documents write those in words of their own)
        head = next((g for g in groups if g.kind == "word" and not g.absent and not g.entity
                     and g.alternatives[0] == does.group("noun").lower()), None)
        if head is not None and head not in spec.required:
            head.marked = True
            spec.required.append(head)
    if wants_figure and spec.amount and not metrics and not any(g.kind == "metric" for g in groups) \
            and (head := _figure_head(question, spec, metric_forms)):
        # "来自美国的毛利是多少", "What was X's gross profit from the United States?": the thing whose figure is asked, a
        # finance term, is named by the answer (a Chinese word as the required words are: by the sentence, a heading
        # over it or its table's header; an English term, translated, by the sentence, its row or a heading)
        english = question_language(_without_entities(question, spec)) != "zh"
        head.marked = head.marked or english
        # (a Chinese question's head, when it names a part too, "来自美国的毛利": the part's row of another figure is the
        # look-alike; without a part, a generic head, "销量", is said by the table in words of its own, "出口量")
        if head not in spec.required and (english or spec.segments or any(g.marked for g in spec.required)):
            spec.required.append(head)
    # who says or expects the figure ("鞣川皮业估计…少收多少钱") is no part of it ([required] speaker_verbs)
    # ... nor is a count of things the question speaks of ("两条线停产会让…少收多少钱": the lines, no part of the revenue)
    speakers = set(evidence_config()["required"]["speaker_verbs"])
    counted = re.compile(evidence_config()["required"]["count_phrase"])
    spec.required = [g for g in spec.required if not set(g.alternatives) <= speakers
                     and not (len(g.alternatives) == 1 and counted.match(g.alternatives[0]))]
    return spec


def compounds(question: str, groups: list[TermGroup]) -> list[tuple[str, list[TermGroup]]]:
    """Runs of two or more words (no company, metric or period) that the question writes
    side by side ("全维持成本" cut 维持 + 成本, "户外品牌"): a term the glossary does not know, as
    the question writes it, with its groups."""
    q = normalize(question)
    placed = sorted(((q.find(g.alternatives[0]), g) for g in groups
                     if g.kind in ("word", "term") and not g.absent and q.find(g.alternatives[0]) >= 0),
                    key=lambda x: x[0])
    runs: list[list[tuple[int, TermGroup]]] = []
    per = evidence_config()["units"]["per_opener"]
    for start, g in placed:
        # (a figure per unit is no part of the thing's name: "专业唢呐每支的平均售价" names 专业唢呐, priced 每支)
        if runs and runs[-1][-1][0] + len(runs[-1][-1][1].alternatives[0]) == start \
                and not (g.alternatives[0].startswith(per) and len(g.alternatives[0]) == 2):
            runs[-1].append((start, g))
        else:
            runs.append([(start, g)])
    return [(q[run[0][0]: run[-1][0] + len(run[-1][1].alternatives[0])], [g for _, g in run])
            for run in runs if len(run) >= 2]


def _row_of_other_metric(norm: str, head: str, forms: list[str], glossary: Glossary) -> bool:
    """Does a table row whose table's header, caption or lead-in (`head`) names a metric of the glossary give none of
    the forms of the amount asked, in its cells or its head ("环保疏浚:2026财年上半年110.4百万元" under "…收入按业务
    划分" for 毛利)? Its figures are that metric's."""
    if not set(forms) & finance_term_forms() or set(forms) & set(evidence_config()["scope"]["growth_asked"]) \
            or (dictionary_tag(forms[0]) or "").startswith("v"):
        return False  # (a finance term's amount only: not a verb before the ask, "经营多少家门店", nor a growth, "增速")
    if not any(rx.search(f) for rx in _money_asked_res() for f in forms):
        return False  # (a sum of money, as the table's metrics are: not a count of head held, "存栏", which a row of
        # the sector's table writes by its kind, "9月末能繁母猪102万头")
    named = glossary.metrics_in(head)
    head_norm = normalize(head)
    return bool(named) and not any(f in norm or f in head_norm for f in forms) \
        and not any(f in m or m in f for f in forms for m in named)


def _held_apart_from_metric(norm: str, held: list[TermGroup], metrics: list[list[str]], glossary: Glossary) -> bool:
    """Does a sentence of several clauses name the metric asked, with its figure, only in clauses that name no word
    held, and a held word only in others that give another metric's figure ("2025年上半年收入4.86亿元…；毛利率41.3%；…；
    藻蓝蛋白销量186吨" for 藻蓝蛋白's margin)? A held word in the sentence's first clause is the whole sentence's subject."""
    clauses = [c for c in re.split(r"[；;。]", norm) if c.strip()]
    if len(clauses) < 2:
        return False
    asked = {f for forms in metrics for f in forms}
    holds = lambda c: any(a and a in c for g in held for a in g.alternatives)  # noqa: E731
    of_metric = [c for c in clauses if _names_metric(c, metrics) and re.search(r"\d", c)]
    of_other = [c for c in clauses if holds(c) and re.search(r"\d", c)
                and any(m not in asked and not any(m in f or f in m for f in asked)
                        for m in [*glossary.metrics_in(c), *(v for v in _volume_forms() if v in c)])]
    return bool(of_metric) and bool(of_other) and not holds(clauses[0]) and not any(holds(c) for c in of_metric)


def _head_without_kind(compound: str, groups: list[TermGroup], norm: str, context: str, table_head: str) -> bool:
    """Does a sentence name a Chinese compound's last word (its head: "注塑机" of "二板式大型注塑机", which the documents
    write as one) but not every word before it, nor the compound (in the sentence, its headings or its table's head)? It
    states the figure of all the head's kinds, or of another kind ("大型" rows by clamping force), not the one asked."""
    if compound.isascii() or compound in norm or compound in context or compound in table_head:
        return False
    named = lambda g: any(a in norm or a in table_head for a in g.alternatives if a)  # noqa: E731
    return named(groups[-1]) and not all(named(g) for g in groups[:-1])


def _with_phrases(required: list[TermGroup], question: str, entities: set[str], glossary: Glossary) -> list[TermGroup]:
    """A required word written right after the company's name ("京东零售", "京东物流") is that
    company's segment: the name and the word as one phrase, which a sentence holding it
    answers before one that holds the word alone ("即时零售")."""
    q = normalize(question)
    forms = sorted({normalize(f) for f in _forms_of(entities, glossary) if f and not f.isascii()}, key=len, reverse=True)
    for g in required:
        g.phrase = next((f + a for a in g.alternatives for f in forms if f + a in q), "")
    return required


def _with_marked(required: list[TermGroup], groups: list[TermGroup], question: str) -> list[TermGroup]:
    """The required words, less the segment markers (config/evidence.toml [required] segment_markers:
    "板块", "业务"), plus the distinctive word right before a marker ("煤化工" of "煤化工板块"), marked
    (also when no passage holds it: a segment no document gives)."""
    cfg = evidence_config()["required"]
    q = normalize(question)
    markers = [m for m in cfg.get("segment_markers", []) if m in q]
    if not markers:
        return required
    out = [g for g in required if g.alternatives[0] not in markers]
    pos = frozenset([*cfg["noun_pos"], *cfg.get("marked_extra_pos", [])])
    for m in markers:
        at = q.find(m)
        # (a word no passage holds is a segment no document gives: held, so that nothing answers for it)
        before = [g for g in groups if g.kind in ("word", "term")
                  and (g.weight >= cfg["min_weight"] or (g.absent and not g.alternatives[0].isascii()))
                  and g.alternatives[0] not in markers and (g.kind == "term" or _noun(g.alternatives[0], pos)) and g.alternatives[0] not in cfg["skip_words"]
                  and 0 <= at - (q.find(g.alternatives[0]) + len(g.alternatives[0])) <= 1
                  and q.find(g.alternatives[0]) >= 0]
        for g in before:
            g.marked = True
            if g not in out:
                out.append(g)
    return out


def _mark_kind_heads(question: str, spec: QuestionSpec, groups: list[TermGroup]) -> None:
    """The required word that ends the name of the thing whose figure is asked, when a figure word follows it: right
    before the metric ("积木" of "奥特曼积木收入"), or, with no metric, before the figure's own word ("芯片" of
    "征程芯片上半年出货多少套"; not "销量" of "生活用纸销量", the figure itself). It is the name's generic head: with
    the words written before it, side by side, it gets the phrase it ends ("奥特曼积木") and those words' groups."""
    cfg, q = evidence_config()["required"], normalize(question)
    placed = sorted(((q.find(g.alternatives[0]), g) for g in groups
                     if g.kind in ("word", "term") and not g.absent and q.find(g.alternatives[0]) >= 0), key=lambda x: x[0])
    for head in spec.required:
        word = head.alternatives[0]
        at = q.rfind(word)
        if at < 0 or not re.fullmatch(r"[\u4e00-\u9fff]+", word) or dictionary_tag(word) in cfg["proper_noun_pos"]:
            continue  # (a place or a person names no kind of thing: "越南" of "出口越南收入" is a market the documents
            # may not write, and "出口泰国收入" is another's figure)
        end = at + len(word)
        if spec.scope_forms:  # the metric right after it
            follows = any(f and q.startswith(f, end) for f in spec.scope_forms)
        else:  # a distinctive word after it that is no word of the change asked: the figure's own ("出货")
            follows = head in _last_written(spec.required, question) and any(
                g.kind == "word" and not g.absent and g.weight >= cfg["min_weight"] and g.alternatives[0] not in cfg["skip_words"]
                and not asks_growth_word(g.alternatives[0], question) and q.find(g.alternatives[0], end) >= end
                for g in groups)
        if not follows:
            continue
        before: list[TermGroup] = []
        start = at  # the words written right before it, side by side
        while prev := next((g for p, g in placed if p + len(g.alternatives[0]) == start and p >= 0), None):
            before.insert(0, prev)
            start -= len(prev.alternatives[0])
        if before and all(re.search(r"[\u4e00-\u9fff]", g.alternatives[0]) for g in before):
            head.kind_phrase, head.kind_of = q[start:end], before


def _outside_names(groups: list[TermGroup], names: list[str]) -> list[TermGroup]:
    """The groups less the Chinese words of the names the question gives ("证券" of "华启证券", "食品" of "霜源食品"):
    a name is said whole (QuestionSpec.names), none of its words specifies the figure."""
    return [g for g in groups if not (g.kind == "word" and re.search(r"[\u4e00-\u9fff]", g.alternatives[0])
                                      and any(g.alternatives[0] in n for n in names))]


def _forms_of(names: set[str], glossary: Glossary) -> list[str]:
    return [*names, *(a for a, c in glossary.aliases.items() if c in names)]


def _total_of(question: str, groups: list[TermGroup]) -> list[str]:
    """The forms of the word a question puts right after a total word ("总保费" -> 保费)."""
    q = normalize(question)
    words = [w for w in evidence_config()["scope"]["explicit_total"] if not w.isascii()]
    return next((g.alternatives for g in groups if g.kind in ("word", "term")
                 and any(w + a in q for w in words for a in g.alternatives)), [])


def _asked_scope(question: str, forms: list[str], entities: set[str], glossary: Glossary,
                 groups: list[TermGroup], by_metric: bool = True) -> str:
    """Whether a figure question asks a company's total (its metric not narrowed by a
    segment or product word), and says so ("总营收")."""
    cfg = evidence_config()["scope"]
    if not forms:
        return ""
    if not re.search(r"[\u4e00-\u9fff]", question):  # English: no word beside the company, metric and period
        # (nor one that refers to the company: "the company with stock code 06983.HK" is 公司, a total word)
        if not by_metric or any(g.kind in ("word", "term") and not g.absent and not set(g.alternatives) <= set(cfg["total_words"])
                                for g in groups):
            return ""
    else:
        pre = first_metric_prefix(question, forms)
        if pre is None or narrows(pre, _forms_of(entities, glossary), cfg["total_words"]):
            return ""
    low = question.lower()
    return "explicit" if any(w in low for w in cfg["explicit_total"]) else "total"


def _prefix_qualifiers(question: str, forms: list[str], entities: set[str], glossary: Glossary,
                       groups: list[TermGroup], names: list[str] | None = None) -> list[TermGroup]:
    """The distinctive words written right before the metric asked, in its clause, that are no company, period
    or total word ("短租" of "路畅租车第三季度短租收入", "欧洲" and "航线" of "欧洲航线收入"): they say which part
    of the figure is asked, so a sentence naming none of them states a neighbouring figure ([required]
    min_weight, skip_words, segment_markers; [scope] total_words). A noun, or a word the dictionary does not hold
    whole ("短租"); not a verb ("归属" of "归属股东的净利润" is the metric's own wording)."""
    cfg, pre = evidence_config(), first_metric_prefix(question, forms) if forms else None
    rest = narrowing_rest(pre, [*_forms_of(entities, glossary), *(names or [])], cfg["scope"]["total_words"]) if pre else ""
    if said := list(_speaker_verbs().finditer(rest)):
        rest = rest[said[-1].end():]  # who forecasts is no part of the figure ("管理层预计…收入": the revenue's growth)
    if lead := next((w for w in cfg["scope"]["place_after"] if rest.startswith(w) and len(rest) > len(w)), ""):
        rest = rest[len(lead):]  # where the figure was made ("来自美国的收入"): the place, no verb's event
    if any(c.strip() and c.strip() in rest for c in cfg["two_part"]["conjunctions"]):
        return []  # two items ("安踏品牌和FILA品牌收入"): each item's own words are its part's (chatbot/two_part.py)
    # (the thing a per-unit figure counts is no part: "每吨水泥的毛利" is the gross profit per tonne, of cement)
    rest = re.sub(_per_unit_re().pattern + r"[\u4e00-\u9fff]{0,3}?的", " ", rest)
    if any(g.kind == "word" and g.alternatives[0] in rest and _verb(g.alternatives[0]) for g in groups):
        # an event, not a part ("港股上市募资": the proceeds of the listing; "归属股东的净利润"), unless the verb
        # names the noun after it ("增值服务收入": the value-added services' revenue)
        part = _verb_noun_part(rest, groups)
        return [part] if part is not None else []
    req = cfg["required"]
    return [g for g in groups if rest and g.kind == "word" and len(g.alternatives) == 1 and not g.absent and g.weight >= req["min_weight"]
            and g.alternatives[0] not in [*req["skip_words"], *req.get("segment_markers", [])]
            and re.fullmatch(r"[\u4e00-\u9fff]+", g.alternatives[0]) and g.alternatives[0] in rest
            and not asks_growth_word(g.alternatives[0], question) and not _kind_of_company(g.alternatives[0], question)
            and (_noun(g.alternatives[0], frozenset(req["noun_pos"])) or not _in_dictionary(g.alternatives[0]))]


def _verb_noun_part(rest: str, groups: list[TermGroup]) -> TermGroup | None:
    """The words before the metric asked, when a verb there names the noun written after it and the words end in that
    noun ("增值服务" of "增值服务收入", "租赁业务"): the part asked, held as one word. None when the words end in a verb
    (an event: "港股上市募资") or hold "的" (a clause: "归属股东的净利润")."""
    from chatbot.names import _posseg

    if not re.fullmatch(r"[\u4e00-\u9fff]{3,10}", rest):
        return None
    words, cfg = _posseg(rest), evidence_config()
    if len(words) != 2 or not _verb(words[0][0]) or _verb(words[1][0]) \
            or not (words[1][1].startswith("n") or words[1][1] == "vn") \
            or words[1][0] in [*cfg["required"]["segment_markers"], *cfg["period"]["fiscal_year"],
                               *cfg["period"]["single_period"]]:
        return None  # (a verb and its noun: "截至半年", "上调后财年" say a period; "烹饪专业" a marked segment)
    weight = sum(g.weight for g in groups if g.kind == "word" and g.alternatives[0] in rest)
    return TermGroup([rest], weight, kind="word", marked=True)


def _compound_qualifiers(question: str, required: list[TermGroup], groups: list[TermGroup]) -> list[TermGroup]:
    """With no metric the glossary knows, the figure's head is the specifying word written last ("销量" of
    "生活用纸销量", "吞吐量" of "国际货邮吞吐量"): the distinctive words written right before it, side by side with
    it, say which part of the figure is asked ("生活", "用纸"; "货邮"), as words before a metric do."""
    if len(required) < 2 or any(g.kind == "metric" for g in groups):
        return []  # (beside a metric the words only say of what: "港股上市募资" asks the proceeds)
    cfg, q = evidence_config()["required"], normalize(question)
    head = _last_written(required, question)
    if not head:
        return []
    at, out = q.rfind(head[0].alternatives[0]), list[TermGroup]()
    while True:
        before = [g for g in groups if g.kind == "word" and not g.absent and g.alternatives[0]
                  and q.rfind(g.alternatives[0], 0, at) >= 0 and q.rfind(g.alternatives[0], 0, at) + len(g.alternatives[0]) == at]
        g = before[0] if before else None
        if g is None or len(g.alternatives) > 1 or g.weight < cfg["min_weight"] or g.alternatives[0] in [*cfg["skip_words"], *cfg.get("segment_markers", [])] \
                or not re.fullmatch(r"[\u4e00-\u9fff]+", g.alternatives[0]) \
                or not (_noun(g.alternatives[0], frozenset(cfg["noun_pos"])) or not _in_dictionary(g.alternatives[0])):
            return out
        out.append(g)
        at -= len(g.alternatives[0])


def _verb(word: str) -> bool:
    return dictionary_tag(word) in ("v", "vd")


def _in_dictionary(word: str) -> bool:
    return dictionary_tag(word) is not None


def named_in_passing_only(spec: QuestionSpec, cands: list[Candidate], glossary: Glossary, once: set[str],
                          explains: bool = False) -> bool:
    """Does the question name only companies no document is about and that the documents name once (`once`: peers
    named in passing, "青蓝校服等区域品牌"), and does no sentence naming one of them hold any other word of the question
    ("青蓝校服上半年利润为什么下降？" against "青蓝校服等区域品牌也在加速进入线上渠道")? Then the documents say nothing of
    what is asked about it. (A company of an explainer's table is named more than once.) A question that asks for an
    explanation (`explains`: why, how, pros and cons) gets none from the one sentence that names a peer in passing
    ("为什么檬剪要在华东加速开店？" of "檬剪等快剪品牌在华东加速开店"): the documents say what, never why."""
    asked = spec.entities & glossary.companies
    subjects = set().union(*glossary.doc_subjects.values()) if glossary.doc_subjects else set()
    if explains and asked - subjects and (asked - subjects) <= once:
        return True  # (one of several: "为什么煦城供热的面积增长比暖垣热力慢" is explained of neither by 暖垣's article)
    if not asked or asked & subjects or not asked <= once:
        return False
    words = [g for g in spec.groups if not g.entity and not g.absent and g.kind != "period"]
    forms = [f.lower() for f in _forms_of(asked, glossary) if f]
    return not any(any(f in normalize(c.text).lower() for f in forms)
                   and any(a in normalize(c.text) for g in words for a in g.alternatives) for c in cands)


def _kind_of_company(word: str, question: str) -> bool:
    """Is the word written right before a noun for a company ("卫浴" of "代码2941.HK的卫浴公司", [required]
    company_nouns): the company's trade, no part of its figure?"""
    nouns = evidence_config()["required"]["company_nouns"]
    return any(f"{word}{n}" in question for n in nouns)


def asks_growth_word(word: str, question: str) -> bool:
    """Is the word part of the change the question asks ("变化" of "同比变化了多少", "增幅"): the growth asked, no
    part of the figure ([scope] growth_asked, change_words)?"""
    cfg = evidence_config()["scope"]
    return word in cfg["change_words"] or any(word in p for p in cfg["growth_asked"] if p in question.lower())


def required_groups(groups: list[TermGroup], names: list[str] | None = None, question: str = "") -> list[TermGroup]:
    """The words that specify the figure asked ("海外" in "海外收入", "车辆" in "车辆毛利率"):
    distinctive nouns held by some passage that carry much of the question (config/evidence.toml
    [required]), neither the company, the metric nor the period. The words of a name the
    catalogue does not know (`names`: "Daifeng Building Materials") weigh as one, as a known
    company's name does."""
    cfg = evidence_config()["required"]
    in_name = [g.weight for g in groups if g.kind == "word" and any(g.alternatives[0] in n for n in names or [])]
    outside = _outside_names(groups, names or [])
    total = (sum(g.weight for g in groups) - sum(in_name) + max(in_name, default=0.0)) or 1.0
    # an English finance term none of whose Chinese forms any passage holds names the item asked
    # ("return on equity" where no document gives one): required, so no neighbouring figure answers
    absent_terms = [g for g in groups if g.kind == "term" and g.absent]
    counted = set(measure_words(question)) if question else set()
    whole = set(evidence_config()["scope"]["total_words"])  # "综合": the whole, no part
    # a Chinese word in an English question is a name the user wrote, or one read from its pinyin ("Baiya mine" ->
    # 白崖矿): the thing asked of, however little of the question it weighs
    named = [g for g in outside if g.kind == "word" and not g.absent and question and question_language(question) == "en"
             and re.fullmatch(r"[\u4e00-\u9fff]{2,}", g.alternatives[0]) and _proper_name(g.alternatives[0])]
    return absent_terms + named + [g for g in outside if g not in named and g.kind in ("word", "term") and not g.absent
            and g.weight >= cfg["min_weight"]
            and g.weight / total >= cfg["min_share"] and g.alternatives[0] not in cfg["skip_words"]
            and g.alternatives[0] not in counted  # "人数" of "学员人数": the unit asked, said by a figure in it
            and not set(g.alternatives) <= whole
            and not (question and _kind_of_company(g.alternatives[0], question))
            and not asks_growth_word(g.alternatives[0], question)
            and not _only_in_aside(g.alternatives[0], question)
            and not _speaker(g.alternatives[0], question)
            and not (g.kind == "word" and (g.alternatives[0].isascii()  # an English word's dictionary senses: loose
                                           or not _noun(g.alternatives[0], frozenset(cfg["noun_pos"]))))]


def _proper_name(word: str) -> bool:
    """A Chinese word no dictionary and no finance term list holds ("白崖矿"; not "大模型", the Chinese of "LLMs")."""
    from chatbot.names import dictionary_word  # (names imports this module's neighbours: read on use)

    return not dictionary_word(word) and word not in finance_term_forms()


_ASIDE = re.compile(r"[（(]([^（）()]{1,20})[)）]")


@lru_cache(maxsize=1)
def _speaker_verbs() -> re.Pattern:
    """The verbs of forecasting or saying ([required] speaker_verbs: "预计", "表示")."""
    return re.compile("|".join(map(re.escape, evidence_config()["required"]["speaker_verbs"])))


def _speaker(word: str, question: str) -> bool:
    """Is the word written right before a verb of forecasting or saying ("管理层" of "管理层预计第四季度收入…";
    [required] speaker_verbs): who gives the figure, not what it is of?"""
    return bool(word) and any(question[:m.start()].rstrip().endswith(word) for m in _speaker_verbs().finditer(question))


def _only_in_aside(word: str, question: str) -> bool:
    """Is the word written only in a bracketed aside that names the thing before it again ("模板" of
    "自动化缝制单元（模板机）")? (An aside opening with one of [required] aside_qualifiers qualifies the figure.)"""
    openers = tuple(evidence_config()["required"]["aside_qualifiers"])
    asides = [m for m in _ASIDE.finditer(question) if word in m.group(1)]
    return bool(asides) and all(not m.group(1).strip().startswith(openers) for m in asides) \
        and word not in _ASIDE.sub(" ", question)


def unmapped_phrase(question: str, spec: QuestionSpec) -> str:
    """The words of an English figure question that name what is asked and that no passage holds in
    any of their Chinese senses: a run of at least [required] en_unmapped_run such words side by side
    ("revenue from blue-collar recruitment", "on-grid electricity"), none of them a name. A single such
    word may only phrase the question; a run names a thing no document gives a figure for. "" if none."""
    if not (spec.wants_figure and spec.amount) or re.search(r"[\u4e00-\u9fff]", _without_entities(question, spec)):
        return ""  # (a Chinese question; an English one keeps the Chinese name its company was resolved to)
    absent = _absent_english_words(spec)
    words = [*re.findall(r"[a-z0-9]+", question.lower()), ""]
    named = {f for forms in spec.metrics for f in forms if f.isascii()}
    placing = set(evidence_config()["required"]["en_unmapped_placing"])
    run: list[str] = []
    for i, word in enumerate(words):
        if word in absent and not _PERIOD_WORDS_EN.fullmatch(word):  # (a period's words are the period's rules')
            run.append(word)
            continue
        if len(run) >= evidence_config()["required"]["en_unmapped_run"]:
            ties = evidence_config()["required"]["en_unmapped_after"]
            before = [w for w in words[:i - len(run)] if w not in _EN_STOP or w in ties]
            # the figure's own words: after the company's "'s" or a word tying them to the figure ("from", "on"),
            # or right before the metric ("on-grid electricity", "revenue from blue-collar recruitment", "gross
            # margin on oyster sauce", "infant formula revenue"), not a verb of the question ("how much did …
            # investors take up")
            # ("in" places a thing the run qualifies, "stores in fourth-tier cities", not a place written last: "stock
            # code in Hong Kong")
            if (before and before[-1] in ties and (before[-1] not in placing or (word and word not in _EN_STOP))) \
                    or word in named:
                return " ".join(run)
        run = []
    return ""


def _without_entities(question: str, spec: QuestionSpec) -> str:
    """The question less the companies' names it holds (an English question whose company was resolved to its Chinese
    name, "What was 蒿宁日化's …", is still an English question)."""
    for form in sorted({a for g in spec.groups if g.kind == "entity" for a in g.alternatives}, key=len, reverse=True):
        question = question.replace(form, " ")
    return question


@lru_cache(maxsize=1)
def _reported_en() -> re.Pattern:
    """A verb of reporting a figure right after the company, then a period or the end ([required] en_report_verbs:
    "… did X report for the interim", not "… does the report see")."""
    verbs = "|".join(map(re.escape, evidence_config()["required"]["en_report_verbs"]))
    return re.compile(rf"^\s*[^?]{{1,60}}?\b(?:{verbs})(?:s|es|ed|d)?\s*(?:\b(?:for|in|during|over|at|on|as|from|through|"
                      rf"across|between|up|to|of|last|this|its|the)\b|[?？.]|$)", re.IGNORECASE)


def _object_head(question: str, groups: list[TermGroup]) -> TermGroup | None:
    """The group of the thing a Chinese question's object marker puts before the verb that asks its figure ("把机库
    机位增加到多少个" -> 机位; "把门店数量扩大到多少家" -> 门店, a count word aside: [required] object_markers,
    skip_words, [units] counted_as): its last noun, when a group holds it."""
    from chatbot.names import _posseg

    cfg = evidence_config()
    markers = cfg["required"]["object_markers"]
    at = max((question.find(m) for m in markers), default=-1)
    if at < 0 or not re.search(r"多少|几", question[at:]):
        return None
    words = _posseg(question[at:])[1:]  # (the marker itself first)
    nouns = list(itertools.takewhile(lambda w: not w[1].startswith("v"), words))
    skip = {*cfg["required"]["skip_words"], *cfg["units"]["counted_as"]}
    for word, tag in reversed(nouns):
        if not tag.startswith("n") or word in skip:
            continue
        return next((g for g in groups if g.kind == "word" and not g.entity and not g.absent
                     and g.alternatives[0] == word), None)
    return None


def _absent_qualifiers(question: str, spec: QuestionSpec, texts: list[str]) -> list[TermGroup]:
    """The Chinese words no passage holds (`texts`: the passages, normalised; the index may cut a written word, "抛釉砖")
    that a figure question writes right onto a required word, opening with a numeral that ranks the part asked ("四线"
    of "四线城市", where the rows are 一线城市 … 三线及以下城市): marked, so that no other part's figure answers (not any
    noun: "所得款项净额" is said "所得净额")."""
    q = normalize(question)
    out = []
    for g in spec.groups:
        word = g.alternatives[0]
        at = q.find(word)
        if not (g.absent and g.kind == "word" and re.fullmatch(r"[\u4e00-\u9fff]{2,}", word)) or at < 0 \
                or any(word in t for t in texts):
            continue
        end = at + len(word)
        if word[0] in _ORDINALS and any(
                q.startswith(r.alternatives[0], end) for r in spec.required if not r.absent):
            g.marked = True
            out.append(g)
    return out


def _absent_parts_of_metric(question: str, spec: QuestionSpec, texts: list[str], raw_texts: list[str] | None = None
                            ) -> list[TermGroup]:
    """The Chinese nouns no passage and no index token holds that a figure question writes right before the metric
    asked, or before a part word and the metric ("椰子油收入", "椰子油业务的收入"; [required] segment_markers), of a
    family whose other members the passages write (their rows are 椰子水, 椰子粉): the product or part whose figure is
    asked, which the documents do not break out: marked, so that the company's total does not answer for it."""
    q = normalize(question)
    forms = sorted({f for fs in spec.metrics for f in fs if f and not f.isascii()}, key=len, reverse=True)
    if not forms:
        return []
    cfg = evidence_config()["required"]
    between = "|".join(map(re.escape, [*cfg.get("segment_markers", []), *cfg["product_words"]]))
    # (a part word and a year may stand between: "扎染产品2025财年收入")
    right_before = re.compile(rf"(?:的)?(?:(?:{between})(?:的)?)?(?:\d{{4}}(?:财年|年度|年)?(?:的)?)?"
                              rf"(?:{'|'.join(map(re.escape, forms))})")
    out = []
    for g in spec.groups:
        word = g.alternatives[0]
        at = q.find(word)
        if not (g.absent and g.kind == "word" and not g.entity and re.fullmatch(r"[\u4e00-\u9fff]{2,}", word)) or at < 0 \
                or any(word in t for t in texts) or word in cfg["skip_words"] or word in cfg.get("segment_markers", []) \
                or not (_noun(word, frozenset(cfg["noun_pos"])) or not _in_dictionary(word)):
            continue
        # (the word may be a compound's opening, its head one character more: "柿叶" of "柿叶茶收入")
        end = at + len(word)
        compound = word if right_before.match(q, end) else \
            q[at:end + 1] if re.fullmatch(r"[\u4e00-\u9fff]", q[end:end + 1]) and right_before.match(q, end + 1) else ""
        if not compound:
            continue
        # (a product of a family the documents list, "椰子油" beside their 椰子水 and 椰子粉: not another name of a thing
        # they give, "路费" for their 通行费; or a thing of a kind no passage writes at all, "腊鱼" where the sausage
        # maker's passages write no 鱼, "柿叶茶" where the persimmon grower's write no 茶)
        stem = compound[:-1]
        siblings = len(compound) >= 3 and any(
            re.search(rf"{re.escape(stem)}(?!{re.escape(compound[-1])})[\u4e00-\u9fff]", t) for t in texts)
        # (a rare word, whose last two characters are no common word either: not "美国市场", "华北区域")
        # (a noun's, the question's own word: not a cut of the index's, "占总" of "占总收入", nor one across a period or
        # a written word, "年线" of "2025年线上", nor ending in a verb, "师给" of "估值师给的估值")
        spans = [(i, i + len(a)) for h in spec.groups if not h.absent and h is not g for a in h.alternatives
                 if a and (i := q.find(a)) >= 0]
        rare_word = all(_jieba_freq(w) < cfg["part_max_freq"] for w in {compound, compound[-2:]}) \
            and word in _jieba().lcut(q) \
            and not any(i < at + len(word) and at < j and not (i <= at and at + len(word) <= j) for i, j in spans)
        rare = rare_word and dictionary_tag(compound[-1]) in ("n", "ng")
        # (a rare craft or trade the dictionary holds as a verbal noun, "扎染" where the batik maker's passages write
        # 蜡染, "直营": a way of making or selling the documents do not break out, whatever their other words)
        craft = rare_word and compound == word and dictionary_tag(word) == "vn"
        if siblings or craft or (rare and not any(compound[-1] in t for t in texts)) or (rare and len(compound) >= 3 and _rows_ending_with(
                compound[-1], compound, raw_texts or []) >= 2):  # (or of a kind the rows list in others: "走马灯" beside 宫灯, 串灯)
            g.marked = True
            out.append(g)
    return out


def _absent_beside_written(question: str, spec: QuestionSpec, raw_texts: list[str]) -> list[TermGroup]:
    """A Chinese noun no passage holds, beside a word the passages write with another partner: the kind of thing asked,
    which the documents do not give (marked, so that the partner's figure does not answer for it):
    - written before a word that is no metric, which the passages write after another word ("儿童门票" beside their
      成人门票, "木筷销量" beside 竹筷销量);
    - after the word the passages write before a word of its length and last character, the same thing's other kind
      ("一次性木筷" beside 一次性竹筷; not "累计路费" beside 累计通行费, another name of it).
    (Words are read as jieba cuts the passages; a metric after the word is left to _absent_parts_of_metric. A word after
    a noun the passages write before another, "竹制砧板" beside 竹制餐具, is not marked: "征程芯片" is their 征程系列处理硬件.)"""
    q = normalize(question)
    cfg = evidence_config()["required"]
    noun_pos = frozenset(cfg["noun_pos"]) - {"vn", "v", "l", "x", "eng"}  # (things: not "变化", a change asked)
    metric_forms = {f for forms in spec.metrics for f in forms if f}
    tokens = [t for text in raw_texts for t in _jieba().lcut(normalize(text))]
    pairs = set(itertools.pairwise(tokens))
    nouns = {w for w, flag in pos_tags(q) if flag in noun_pos}  # (the question's own nouns: "灯带", no word of the dictionary)
    written = [g for g in spec.groups if not g.absent and not g.entity and g.kind in ("word", "term")]
    out = []
    for g in spec.groups:
        word = g.alternatives[0]
        at = q.find(word)
        if not (g.absent and g.kind == "word" and not g.entity and re.fullmatch(r"[\u4e00-\u9fff]{2,4}", word)) or at < 0 \
                or word in cfg["skip_words"] or word in cfg.get("segment_markers", []) \
                or (dictionary_tag(word) not in noun_pos and word not in nouns) \
                or any(re.match(p, word) for p in evidence_config()["scope"]["per_unit_before"]):
            # (a noun of the dictionary or of the question's cut: not "各是" of "各是多少"; nor a unit the figure is per, "每箱"
            # of "每箱出厂价")
            continue
        end = at + len(word)
        after = next((a for h in written for a in h.alternatives if a and q.startswith(a, end) and a not in metric_forms
                      and re.fullmatch(r"[\u4e00-\u9fff]{2,}", a) and dictionary_tag(a) in noun_pos), "")
        left = next((a for h in written for a in h.alternatives if a and q[:at].endswith(a)), "")
        right = next((a for h in written for a in h.alternatives if a and q.startswith(a, end)), "")
        same_shape = bool(left) and any(x == left and len(t) == len(word) and t[-1] == word[-1] and t[0] != word[0]
                                        and dictionary_tag(t) in noun_pos for x, t in pairs)
        if g.kind_phrase or (left and right and (left, right) in pairs):
            continue  # the generic head of a product's name ("芯片" of 征程芯片), or a word inserted into a phrase the
            # passages write ("所得款项净额": 所得净额)
        if (after and any(b == after and a != word and re.fullmatch(r"[\u4e00-\u9fff]{2,}", a) for a, b in pairs)) \
                or same_shape:
            g.marked = True
            out.append(g)
    return out


def _rows_ending_with(head: str, other_than: str, texts: list[str]) -> int:
    """How many table rows of the texts are labelled by a name ending with `head` other than `other_than` ("传统宫灯",
    "节庆串灯" for 灯)."""
    labels = {normalize(cells[0]) for t in texts for ln in t.splitlines() if "|" in ln
              and (cells := [c.strip() for c in ln.strip().strip("|").split("|")]) and cells[0]}
    return sum(1 for label in labels if label.endswith(head) and label != other_than and not label.endswith(other_than))


def _run_on_heads(question: str, spec: QuestionSpec, texts: list[str]) -> list[TermGroup]:
    """A word the passages write, run on in the question to one noun character that no passage writing the word holds
    ("栗子酒去年卖了多少" where the chestnut maker's passages write 栗子 and no 酒): a Chinese compound's last part is what
    it names, a thing the documents do not give, which no figure of the word's other things answers: marked. (Not a
    quantity or a measure of it, "板栗价", "门店数": [required] quantity_ends and the heads of skip_words; nor the start of
    a word the question goes on with, "纸尿裤业务", nor an ordinal's, "上市头两个季度", nor a verb asking the amount,
    "框架协议值多少欧元".)"""
    q = normalize(question)
    cfg = evidence_config()["required"]
    measures = {*cfg["quantity_ends"], *(w[0] for w in cfg["skip_words"])}
    noun_pos = frozenset(cfg["noun_pos"])
    cut = {w for w, _ in pos_tags(q) if len(w) == 1}  # (a character the question's cut leaves alone: not "手" of 手游)
    out = []
    for g in spec.groups:
        word = g.alternatives[0]
        at = q.find(word)
        if g.absent or g.kind != "word" or g.entity or not re.fullmatch(r"[\u4e00-\u9fff]{2,}", word) or at < 0 \
                or not (_noun(word, noun_pos) or not _in_dictionary(word)):
            continue
        head = q[at + len(word): at + len(word) + 1]
        if not head or not re.fullmatch(r"[\u4e00-\u9fff]", head) or head in measures or head not in cut \
                or _jieba_freq(q[at + len(word): at + len(word) + 2]) > 0 \
                or re.match(r"[\d两一二三四五六七八九十几半]|多少", q[at + len(word) + 1: at + len(word) + 3]) \
                or dictionary_tag(head) not in ("n", "ng") or any(h is not g and not h.absent and q.startswith(a, at + len(word))
                                                              for h in spec.groups for a in h.alternatives if a):
            continue
        holding = [t for t in texts if word in t]
        if holding and not any(head in t for t in holding):
            out.append(TermGroup([word + head], ABSENT_WEIGHT, absent=True, marked=True))
    return out


def _absent_parts_en(question: str, spec: QuestionSpec, texts: list[str]) -> list[TermGroup]:
    """The English words no passage holds that end a product's name whose first words the passages write before other
    last words ("camel milk yogurt" beside the rows "camel milk powder", "camel milk chocolate"): a product of a family
    the documents list, which they do not break out: marked, so that no other member's figure answers for it."""
    low = re.findall(r"[a-z][a-z\-]*", question.lower())
    stop = function_words_en()
    out = []
    for g in spec.groups:
        word = g.alternatives[0]
        if not (g.absent and g.kind == "word" and word.isascii() and word.isalpha()) or word in stop or word not in low:
            continue
        at = low.index(word)
        stem = " ".join(w for w in low[max(0, at - 2):at] if w not in stop)
        family = len(stem.split()) >= 2 and any(
            re.search(rf"(?<![a-z]){re.escape(stem)} (?!{re.escape(word)})[a-z]{{3,}}", t.lower()) for t in texts)
        # (or a word no passage holds right before a thing the rows of a table name in several kinds, "paper kites"
        # beside the rows 传统手工风筝, 儿童风筝: a kind they do not list)
        head = low[at + 1] if at + 1 < len(low) else ""
        kinds = [z for h in spec.groups if h is not g and head and (head in h.alternatives or plural_en(head) in h.alternatives
                                                                   or head in map(plural_en, h.alternatives))
                 for z in h.alternatives if re.fullmatch(r"[\u4e00-\u9fff]{2,}", z)]
        labels = {lab for lab in _table_labels(texts) for z in kinds if z in lab and lab != z}
        # (a word before it that a row holds says which kind: "traditional handmade kites" is the row 传统手工风筝,
        # whatever "handmade" is in Chinese)
        # (or after the thing: "rotary compressors for home air conditioners" is the row 家用空调压缩机)
        near = f" {' '.join(low[max(0, at - 2):at])} | {' '.join(low[at + 2:at + 6])} "
        said = {z for h in spec.groups if not h.absent and h is not g
                and any(a.isascii() and len(a) > 2 and (f" {a} " in near or f" {plural_en(a)} " in near)
                        for a in [*h.alternatives, h.source.lower()])
                for z in h.alternatives if re.fullmatch(r"[\u4e00-\u9fff]+", z)}
        if not family and not (len(labels) >= 2 and not any(z in lab for z in said for lab in labels)):
            continue
        g.marked = True
        out.append(g)
    return out


def _absent_heads_en(question: str, spec: QuestionSpec) -> list[TermGroup]:
    """The English word no passage holds in any sense that ends the name of the part whose money figure or price is asked
    ("revenue from persimmon wine", where the persimmon grower's passages write 柿子 and no 酒; "sales of wood ear sauce"),
    right after a word the passages do hold: an English compound names a kind of its last word, which the documents do
    not give; and a finance term that names the part ("price for phosphoric acid", 磷酸): marked, so that no row of the
    modifier's other things, no other product's price, answers for it. ([required] part_of_metric_en: the metric and its
    preposition; the name ends at a function word, a comma or the question's end.)"""
    cfg = evidence_config()["required"]
    low = question.lower()
    stop = function_words_en()
    out = []
    for m in re.finditer(cfg["part_of_metric_en"], low):
        words = re.findall(r"[a-z][a-z\-]*", m.group("part"))
        while words and words[-1] in stop:
            words.pop()
        part = " ".join(words)
        # (a finance term the passages write that names the part, "phosphoric acid" (磷酸): only its own figure answers,
        # not the price of another product, "黄磷平均售价")
        for t in spec.groups:
            if t.kind == "term" and not t.absent and t.source and part.endswith(t.source.lower()) and t not in out:
                t.marked = True
                out.append(t)
        if len(words) < 2:
            continue
        head, prev = words[-1], words[-2]
        g = next((x for x in spec.groups if x.absent and x.kind == "word" and x.alternatives[0] == head), None)
        held = any(not h.absent and h is not g and not h.entity and h.kind in ("word", "term") and any(
            prev in (a, plural_en(a)) or prev in a.split() for a in [*h.alternatives, h.source.lower()] if a.isascii())
                   for h in spec.groups)
        if g is not None and held and head not in cfg["not_heads_en"] and head not in spec.measures and g not in out:
            g.marked = True
            out.append(g)
    return out


def _named_parts(question: str, spec: QuestionSpec, glossary: Glossary) -> list[TermGroup]:
    """The catalogued names that are no company (a brand, a product named in two scripts: 燕麦奶 of "燕麦奶（Oatrivo）")
    a figure question writes after a company it names ("莜原食品燕麦奶业务的毛利率"): the part whose figure is asked,
    marked, so that the company's own figure (its gross margin) does not answer for the part's."""
    q = normalize(question)

    def ends(g: TermGroup) -> list[int]:
        return [q.find(normalize(a)) + len(normalize(a)) for a in g.alternatives if a and normalize(a) in q]

    def first(g: TermGroup) -> int:
        return min((q.find(normalize(a)) for a in g.alternatives if a and normalize(a) in q), default=-1)
    # (right after the company, or its "旗下"/"的": "所在国政府" later in the question is another party, no part)
    after = {e for g in spec.groups if g.kind == "entity" and g.entity in glossary.companies for e in ends(g)}
    out = []
    for g in spec.groups:
        at = first(g)
        if g.kind == "entity" and g.entity and g.entity not in glossary.companies and at > 0 \
                and any(re.fullmatch(r"(?:的|旗下的?|之)?", q[e:at]) for e in after if e <= at):
            g.marked = True
            out.append(g)
    return out


def in_another_scale(shown: str, unit: str, question: str) -> bool:
    """Does the sentence state an amount of the asked unit in another scale: "多少亿元" by "512,340千元" (not 港元 nor 美元),
    "多少万吨" (`unit` the scale asked, the thing counted written after it in the question) by "31,260吨": the source's own
    figure, which the answer quotes as written?"""
    if not re.fullmatch(r"百万|千万|[亿万千百]", unit):
        return False
    after = re.search(rf"{unit}\s*([\u4e00-\u9fff]{{1,3}}?)(?=[？?，,。！!；;\s]|$)", question)
    base = after.group(1) if after else ""
    scaled = r"\d[\d,]*(?:\.\d+)?\s*(?:百万|千万|[亿万千百])?\s*"
    if not base:  # (a scale alone: any amount with its unit, no year, month or day)
        return re.search(scaled + r"(?![年月日季财])[\u4e00-\u9fff]", shown) is not None
    if base == "元":  # (an amount in 元 is one in RMB: not 港元, 美元)
        return re.search(scaled + r"(?<![港美])元", shown) is not None
    return re.search(scaled + re.escape(base), shown) is not None


@lru_cache(maxsize=1)
def _disclaimer_re() -> re.Pattern:
    """A line saying what the article's figures are not (config/reader.toml [structure] disclaimer)."""
    from chatbot.intent import reader_config

    return re.compile(reader_config()["structure"]["disclaimer"])


def _absent_proper_names(question: str, spec: QuestionSpec, texts: list[str]) -> list[TermGroup]:
    """The words of a Chinese question that the dictionary tags as proper names ([required] proper_noun_pos: a place or
    a person) and that neither the index nor any passage (`texts`, normalised) writes: marked, so that only
    a sentence naming the thing answers ("冷水江" of "湖南基地里冷水江矿区的锑产量", where the article gives the Hunan
    base's output only). (A company no document holds is the name rules'; its words are entity groups, not these.)"""
    q = normalize(question)
    tags = set(evidence_config()["required"]["proper_noun_pos"])
    out = []
    for g in spec.groups:
        word = g.alternatives[0]
        if g.absent and g.kind == "word" and re.fullmatch(r"[\u4e00-\u9fff]{2,}", word) and word in q \
                and dictionary_tag(word) in tags and not any(word[i:i + 2] in t for i in range(len(word) - 1) for t in texts):
            # (nor two characters of it: "美国市场" is the row "美国"; "颗卫星", a count's measure word run onto its
            # noun, the passages' 卫星)
            g.marked = True
            out.append(g)
    return out


def _figure_head(question: str, spec: QuestionSpec, metric_forms: set[str]) -> TermGroup | None:
    """The finance term (config/terms_en.toml, a term group) a figure question names as the thing whose amount it asks,
    when no glossary metric is that thing: in Chinese, the word written right before "是多少" ("来自美国的毛利是多少":
    毛利); in English, the last words of "what <thing> did X …" or "what was X's <thing> (in|from|…)" ("What was X's
    FY2025 gross profit from the United States?": gross profit). None otherwise."""
    if re.search(r"[\u4e00-\u9fff]", _without_entities(question, spec)):
        q = normalize(question)
        asks = list(re.finditer(r"(?:是|为|有|达到|共)?\s*(?:多少|几)", q))
        if len(asks) != 1:
            return None
        cut = asks[0].start()
        placed = [(q.rfind(a, 0, cut) + len(a), g) for g in spec.groups if not g.absent
                  and (g.kind == "term" or (g.kind == "word" and g.alternatives[0] in finance_term_forms()))
                  for a in g.alternatives[:1] if re.search(r"[\u4e00-\u9fff]", a) and q.rfind(a, 0, cut) >= 0]
        end, head = max(placed, key=lambda x: x[0], default=(-1, None))
        # (a noun: "毛利", not a verbal noun that says what is done or expected, "经营", "预计"; nor a change, which the
        # change rules read)
        return head if head is not None and end == cut and not set(head.alternatives) & metric_forms \
            and dictionary_tag(head.alternatives[0]) != "vn" and _noun(head.alternatives[0], frozenset(
                evidence_config()["required"]["noun_pos"])) \
            and not asks_growth_word(head.alternatives[0], question) else None
    m = _WHAT_METRIC_EN.search(question) or _WHAT_OWN_EN.search(question)
    if not m:
        return None
    words = list(takewhile(lambda w: w not in evidence_config()["required"]["en_head_ends"],
                           re.findall(r"[a-z][a-z\-]*", m.group(1).lower())))
    if not words:
        return None
    phrase = " ".join(words)
    # (a term of two words or more, "gross profit", "housing allowance": one word, "volumes", has senses too many)
    return next((g for g in spec.groups if g.kind == "term" and not g.absent and " " in g.source
                 and re.search(rf"(?:^|\s){re.escape(g.source)}$", phrase) and not set(g.alternatives) & metric_forms
                 and not asks_growth_word(g.alternatives[0], question)), None)


def _reported_head(question: str, what: re.Match | None, groups: list[TermGroup], idf) -> TermGroup | None:
    """The group of the thing an English "What <thing> did <company> report …" asks (its last word before the verb
    or a tying word), when no metric is named and the documents write the word itself, in Latin letters only: "ebitda"
    of "What EBITDA did X report" (not "rate", whose senses are many: "临床妊娠率" is no sentence's "速度"; nor a word
    with Chinese forms, which a sentence may write otherwise)."""
    if not what or not _reported_en().search(question[what.end():]):
        return None
    words = list(takewhile(lambda w: w not in evidence_config()["required"]["en_head_ends"],
                           re.findall(r"[a-z][a-z\-]*", what.group(1).lower())))
    head = words[-1] if words else ""
    if not head or idf(head) >= idf("\uffff"):
        return None
    # (only a word the documents write as it is, in Latin letters, with no Chinese form to hold instead: "EBITDA")
    return next((g for g in groups if not g.absent and g.kind in ("word", "term") and all(a.isascii() for a in g.alternatives)
                 and (head in g.alternatives or head == g.source)), None) if head else None


def unnamed_head(question: str, spec: QuestionSpec) -> str:
    """The thing an English "what <thing> did <company> …" question asks, when its last word is one no passage holds
    in any of its senses ("What blended skim did X earn?", "What monetisation yield did X post?"): no document names
    what is asked, and the verb's figure ("earn": profit) is not it. "" otherwise (Chinese questions, names)."""
    m = _WHAT_METRIC_EN.search(question) or _WHAT_OWN_EN.search(question)
    if not m or re.search(r"[\u4e00-\u9fff]", m.group(1)):
        return ""
    # (the head ends before a word that ties what follows to it: "profit attributable to owners", "price per tonne")
    words = list(takewhile(lambda w: w not in evidence_config()["required"]["en_head_ends"],
                           re.findall(r"[a-z][a-z\-]*", m.group(1).lower())))
    return words[-1] if words and words[-1] in _absent_english_words(spec) else ""


def unnamed_head_zh(question: str, spec: QuestionSpec, contains: Callable[[str], bool] = lambda _: False) -> str:
    """The thing a Chinese figure question asks, written last before its "多少" ("回购均价是多少": 均价), when no passage
    holds that word: no document names what is asked, and the other words' figures are not it. "" otherwise (a metric
    asked, a word some passage holds, an English question)."""
    if not spec.amount or spec.metrics or not re.search(r"[\u4e00-\u9fff]", question):
        return ""
    q = normalize(question)
    asks = list(re.finditer(r"(?:是|为|有|达到|共)?\s*(?:多少|几)(?:钱)?", q))
    # (one question, ending with its ask: "…回购均价是多少？", not "每年能产多少叶菜" nor two questions in one)
    if len(asks) != 1 or re.search(r"[？?；;]", q[: asks[0].start()]) or not re.fullmatch(r"[呢啊呀]?[？?。！!\s]*",
                                                                                         q[asks[0].end():]):
        return ""
    cut = asks[0].start()
    skip = evidence_config()["required"]["skip_words"]
    noun_pos = frozenset(evidence_config()["required"]["noun_pos"])
    placed = [(q.rfind(g.alternatives[0], 0, cut) + len(g.alternatives[0]), g) for g in spec.groups
              if g.kind == "word" and not g.entity and re.fullmatch(r"[\u4e00-\u9fff]{2,}", g.alternatives[0])
              and g.alternatives[0] not in skip and not any(g.alternatives[0] in n for n in spec.names)
              and q.rfind(g.alternatives[0], 0, cut) >= 0]
    if not placed:
        return ""
    end, head = max(placed, key=lambda x: x[0])
    word = head.alternatives[0]
    if any(word.endswith(v) for v in evidence_config()["required"].get("verb_nouns", {})):
        return ""  # ("一年能省多少钱": a verb whose nouns the question's terms hold, [required] verb_nouns, no thing's name)
    verb = next((v for v in evidence_config()["required"]["head_verbs"] if q.startswith(v, end)), "")
    end += len(verb)  # ("儿童水杯卖了多少钱": the thing sold is asked)
    # (a compound whose words the documents write, "生产成本" beside 吨煤成本, "销售额" beside 销售收入, names a thing they
    # give in other words)
    # (... unless it names a quantity, "供热量": the documents' "供热收入" is money, no quantity of it)
    quantity = word.endswith(tuple(evidence_config()["required"]["quantity_ends"]))
    return word if head.absent and end >= cut - 1 and (_noun(word, noun_pos) or quantity) \
        and not (len(word) > 2 and not quantity and any(contains(word[i:i + 2]) for i in range(len(word) - 1))) else ""


def _absent_english_words(spec: QuestionSpec) -> set[str]:
    """The English words of the question that no passage holds in any of their senses, outside unknown names."""
    return {g.alternatives[0] for g in spec.groups if g.absent and g.kind == "word" and g.alternatives[0].isascii()
            and not any(g.alternatives[0] in n for n in spec.names)}


def _noun(word: str, noun_pos: frozenset[str]) -> bool:
    import jieba.posseg as pseg  # loaded on first use

    tag = dictionary_tag(word)
    tags = [tag] if tag else [p.flag for p in pseg.lcut(word)]
    if tags and all(t in noun_pos for t in tags):
        return True
    # (jieba's dictionary tags some rare nouns as verbs, "料酒" v: a rare word CC-CEDICT glosses with nouns and no verb,
    # and no verb asking a figure, is a noun; config/evidence.toml [required] noun_tagged_verb_freq)
    cfg = evidence_config()["required"]
    return tag == "v" and bool(english_nouns(word)) and not verb_glosses(word) and word not in cfg["head_verbs"] \
        and _jieba_freq(word) < cfg["noun_tagged_verb_freq"]


def _jieba_freq(word: str) -> int:
    from chatbot.text import _jieba

    return _jieba().dt.FREQ.get(word) or 0


# ("多少钱" asks a sum of money: a growth rate or a count beside it is no answer)
# ("多少百万美元" asks US dollars at any magnitude: "4,290万美元" and a table's "（百万美元）" row both answer)
@lru_cache(maxsize=1)
def _unit_asked_re() -> re.Pattern:
    """"多少亿", "多少港元", "多少百万美元", "多少挪威克朗" ([units] currencies): the unit a question asks its figure in."""
    foreign = "|".join(map(re.escape, sorted(evidence_config()["units"].get("currencies", {}), key=len, reverse=True)))
    money = f"{foreign}|港元|美元|元" if foreign else "港元|美元|元"
    return re.compile(rf"多少\s*(?:百万|千万)\s*({money})|多少\s*(亿|万|千|百)(?!{foreign or '$^'})|多少\s*({money}|人民币|钱)")


def currency_forms(unit: str) -> list[str]:
    """The English forms of a currency asked ([units] currencies), lower case; [] for 元, 港元, 美元 and non-money."""
    return evidence_config()["units"].get("currencies", {}).get(unit, [])


def currency_written(text: str, unit: str) -> bool:
    """Does the text write an amount in the currency asked in one of its English forms ("NOK 4,105 million",
    "NZ$86.4 million", "4,105 NOK")?"""
    low = text.lower()
    for f in currency_forms(unit):
        f = re.escape(f)
        edge = r"(?<![a-z])" if f[0].isalpha() else ""
        if re.search(rf"{edge}{f}\s*\d|\d\s*(?:(?:thousand|million|billion|mn|bn|m)\s*)?{edge}{f}(?![a-z])", low):
            return True
    return False


def _cell_unit(row: str, unit: str) -> bool:
    """Does a rendered table row give a cell under a column whose bracket writes the magnitude asked ("2025年6月:
    出货量（万把）517;…" is in 万)?"""
    return re.search(r"[（(][^（()）]{0,6}?" + re.escape(unit) + r"[^（()）]{0,4}[）)]\s*[-+]?\d", row) is not None


def _caption_states_unit(header: str, unit: str) -> bool:
    """Does a table's caption or header write the magnitude or currency asked for all its cells
    ("（单位：人民币千元）", "单位：万元", a heading's bracket "出资安排（人民币万元）", a bracket naming what its unit measures
    "（冻结金额：人民币万元）") — its bare-number rows are in it?"""
    low = re.sub(r"\s+", "", header.lower())  # (normalised text writes no spaces)
    return re.search(r"单位\s*[:：]\s*[^，。；）)|]{0,6}?" + re.escape(unit), header) is not None \
        or re.search(r"[（(](?:[^（()）:：，。]{1,10}[:：])?\s*(?:人民币|港币|美元)?\s*[千万亿百]{0,2}" + re.escape(unit)
                     + (r"[\u4e00-\u9fff]{0,6}" if unit and set(unit) <= set("千万亿百") else "") + r"\s*[）)]", header) is not None \
        or any(re.search(r"[（(][^（()）]{0,20}?" + re.escape(f), low)
               for f in (re.sub(r"\s+", "", x) for x in [*evidence_config()["units"].get("english_forms", {}).get(unit, []), *currency_forms(unit),
                                                          *([unit] if unit.isascii() else [])]))  # ("(HK$ thousand per year)",
    # an English unit asked, "(tonnes GWT)")


@lru_cache(maxsize=1)
def _money_subunit_re() -> re.Pattern:
    subs = evidence_config()["units"]["money_subunits"]
    return re.compile(r"\d\s*(?:" + "|".join(map(re.escape, subs)) + ")")


_MONEY_FIGURE = re.compile(r"(?:人民币)?\d[\d,]*(?:\.\d+)?\s*(?:千|万|亿|百万|千万)?\s*(?:港元|美元|欧元|英镑|日元|比索|港仙|元)|"
                           r"(?:rmb|hk\$|us\$|\$|eur|usd|hkd)\s*\d[\d,]*(?:\.\d+)?\s*(?:million|billion|thousand|mn|bn|m)?\b",
                           re.IGNORECASE)
_RATE_OR_DATE = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?\s*%|(?:19|20)\d{2}\s*(?:年|财年)?|\d{1,2}\s*月\s*\d{1,2}\s*日|\d{1,2}\s*月")


def money_figure(text: str) -> bool:
    """Does a text state an amount of money ("收市价300港元", "HK$1.27"), not only rates and dates?"""
    return _MONEY_FIGURE.search(text) is not None


def _with_term_list_forms(forms: list[str], question: str) -> list[str]:
    """A metric's forms and, for the English words of it a question writes, their Chinese in the finance term list
    (config/terms_en.toml): "export sales to Indonesia" asks 收入 as a sentence writing "销售额" states it."""
    if question_language(question) == "zh":
        return forms
    low = question.lower()
    # (a form is normalised without its spaces, "netprofit": written with or without them)
    written = [f for f in forms if f.isascii() and f.strip()
               and re.search(r"\b" + r"\s*".join(map(re.escape, f)) + r"\b", low)]
    # (the words of a longer form written are no form of their own: "profit" of "net profit" brings no 利润)
    written = [f for f in written if not any(f != g and f in g for g in written)]
    terms = _normalised_finance_terms()
    more = [normalize(z) for f in written for z in terms.get(normalize(f), [])]
    return list(dict.fromkeys(forms + more))


@lru_cache(maxsize=1)
def _normalised_finance_terms() -> dict[str, list[str]]:
    """The finance term list keyed as a metric's forms are written (normalised: "net profit" -> "netprofit")."""
    return {normalize(k): v for k, v in finance_terms().items()}


def _sold_how_much(question: str, spec: QuestionSpec) -> bool:
    """Does a question ask how much a channel or a business sold by the verb alone, with no unit, measure word, count
    or volume noun ("线上渠道卖了多少？", [required] segment_markers)? Then its sales in money answer it (a product's
    "荔枝卖了多少" asks a volume; [volume_kinds] forms: the nouns of one)."""
    low, cfg = question.lower(), evidence_config()
    if spec.unit or spec.measures:
        return False
    if question_language(question) != "zh":  # "How much did X sell online / in North America?": a sum of money
        # when no noun stands between "how much" and its verb ("how much garlic did X sell" asks a volume, as do "how
        # many" and a unit; [volume_kinds] forms name a volume)
        return bool(re.search(r"\bhow much (?:did|does|do|has|have|had|will)\b[^?]*\b(?:sell|sold)\b", low)) and not any(
            f in low for kind in cfg["volume_kinds"].values() for f in kind["forms"] if f.isascii() and f != "sold")
    nouns = {f for kind in cfg["volume_kinds"].values() for f in kind["forms"] if not f.isascii()}
    return not any(f in low for f in nouns) and any(m in question for m in cfg["required"]["segment_markers"])


def _asks_count_en(question: str, spec: QuestionSpec) -> bool:
    """Does an English question ask how many things, not a sum of money ("How many ostriches did X keep": a count; not
    "how many dollars", nor a money metric's "how many yuan of revenue")?"""
    return question_language(question) == "en" and re.search(r"\bhow many\b", question, re.IGNORECASE) is not None \
        and not _asks_money(question, spec)


def _asks_money(question: str, spec: QuestionSpec) -> bool:
    """Does a question ask an amount of money: a currency or "钱" asked ("卖了多少钱", "多少亿元"), or a metric that is one
    (revenue, profit: [units] money_metrics)?"""
    unit = asked_unit(question)
    if unit and (re.search(r"元|钱|港元|美元|\$|dollar|rmb|hk", unit, re.IGNORECASE) or currency_forms(unit)):
        return True
    return any(rx.search(question) for rx in _money_asked_res())


@lru_cache(maxsize=1)
def _money_asked_res() -> tuple[re.Pattern, ...]:
    return tuple(re.compile(rx, re.IGNORECASE) for rx in evidence_config()["units"].get("money_asked", []))


def volume_by_verb(form: str, norm: str) -> bool:
    """Does a sentence write a volume noun ("出货量", "销量") as its verb right before the figure ("出货68.4万台",
    "销售了12万吨")?"""
    return len(form) >= 3 and form.endswith("量") and re.search(
        re.escape(form[:-1]) + r"(?:了|约|近|逾|超过?)?\s*\d", norm) is not None


@lru_cache(maxsize=1)
def _volume_forms() -> tuple[str, ...]:
    """Every form a volume is written in, of any kind ([volume_kinds] forms: "销量", "产量", "shipments")."""
    return tuple(f for kind in evidence_config()["volume_kinds"].values() for f in kind["forms"])


@lru_cache(maxsize=1)
def _counted_head_re() -> re.Pattern:
    """A table header's volume column: a word of 量, or a unit of measure in brackets ("出栏量（万头）")."""
    return re.compile(r"量|[（(][^）)]*(?:" + "|".join(map(re.escape, evidence_config()["units"]["measures"])) + r")[）)]")


def _money_table(head: str, row: str) -> bool:
    """Does a table's header or caption name an amount of money ([units] money_asked: "收入", "销售额") and neither it nor
    the row a volume ([volume_kinds] forms)?"""
    text = f"{head} {row}".lower()
    # (a header with a volume's column beside the money, "出栏量（万头）| 营业收入（亿元）", is a volume's table too)
    counted = _counted_head_re().search(head)
    # (a header or caption writing an amount or a currency names money too: "所得款项净额用途（百万美元）| 金额 | 占比")
    money = any(rx.search(head) for rx in _money_asked_res()) or re.search(r"金额|[（(][^）)]*元[）)]", head) is not None
    return money and not counted and not any(v.lower() in text for v in _volume_forms())


def money_only(norm: str) -> bool:
    """Are all the figures a (normalised) sentence or row states amounts of money, beside rates and dates
    ("头戴式耳机:2025财年774,580千港元;同比+6.9%")? A volume asked ("出货量是多少") is none of them."""
    if not _MONEY_FIGURE.search(norm):
        return False
    return not re.search(r"\d", _RATE_OR_DATE.sub(" ", _MONEY_FIGURE.sub(" ", norm)))


def _money_subunit(text: str) -> bool:
    """Does the text write a figure in a currency's smaller unit ("4.2港仙", "8.6 cents": config [units]
    money_subunits)?"""
    return _money_subunit_re().search(text) is not None


def asks_any_currency(question: str) -> bool:
    """Does a question ask a sum of money in no currency of its own ("在英国卖了多少钱": [units] any_currency_asked)?"""
    return any(re.search(rx, question) for rx in evidence_config()["units"]["any_currency_asked"])


def asked_unit(question: str) -> str:
    m = _unit_asked_re().search(question)
    return (m.group(1) or m.group(2) or m.group(3).replace("人民币", "元").replace("钱", "元")) if m else ""


def asked_measure(question: str) -> str:
    """The unit of measure a figure question names ("有多少平方米" -> 平方米, "多少亿度" -> 度), the first of
    asked_measures."""
    return next(iter(asked_measures(question)), "")


def asked_measures(question: str) -> list[str]:
    """The units of measure a figure question names, any of which a figure answering it is written in: "多少平方米"
    -> [平方米], "how many tonnes" -> [吨], "how many units" -> [台, 辆, 套, …] (config/evidence.toml [units] measures,
    measures_en)."""
    return list(_measure_asked(question)[0])


def measure_words(question: str) -> list[str]:
    """The question's own words that name the unit asked ("多少吨" -> 吨, "how many tonnes of" -> tonnes)."""
    return list(_measure_asked(question)[1])


@lru_cache(maxsize=256)  # (read several times a question: its spec, its parts, its required words, the scorer)
def _measure_asked(question: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    cfg = evidence_config()["units"]
    units = sorted(cfg["measures"], key=len, reverse=True)
    other = cfg.get("not_unit_before", {})
    m = next((m for m in re.finditer(r"多少\s*(?:[亿万千百]\s*)?(" + "|".join(map(re.escape, units)) + ")(?!百分点)", question)
              if not question.startswith(tuple(other.get(m.group(1), [])), m.end())), None)
    if m:  # ("多少个百分点" asks a change of a rate, no count; "多少份额" a share, no count of 份)
        return (m.group(1),), (m.group(1),)
    # a count word ("学员人数", "门店家数"): a unit or classifier then [units] counted_as, not a numeral's ("两位数")
    forms = cfg.get("counted_forms", {})
    counts = sorted({*units, *cfg["classifiers"], *forms}, key=len, reverse=True)
    counted = "|".join(map(re.escape, sorted(cfg.get("counted_as", []), key=len, reverse=True)))
    m = re.search(r"(?<=[\u4e00-\u9fff])(?<![一二两三四五六七八九十双百千万几多])(" + "|".join(map(re.escape, counts))
                  + rf")(?:{counted})(?![据字值额码])", question) if counted else None
    if m:
        return tuple(forms.get(m.group(1), [m.group(1)])), (m.group(0),)
    en = cfg.get("measures_en", {})
    words = "|".join(map(re.escape, sorted(en, key=len, reverse=True)))
    m = re.search(rf"\bhow\s+many\s+(?:[a-z\-]+\s+){{0,2}}?({words})\b", question.lower()) if words else None
    if m:  # (and the English word itself, as an article written in English writes the figure: "612 units")
        return (*en[m.group(1)], m.group(1)), tuple(m.group(1).split())
    nouns = cfg.get("amount_nouns_en", {})  # "how much land": an area, in any of its units
    m = re.search(rf"\bhow\s+much\s+({'|'.join(map(re.escape, sorted(nouns, key=len, reverse=True)))})\b",
                  question.lower()) if nouns else None
    if m:
        return tuple(nouns[m.group(1)]), tuple(m.group(1).split())
    # a thing counted whose dictionary word is itself a unit ("how many customer visits": visits -> 人次)
    m = re.search(r"\bhow\s+many\s+((?:[a-z\-]+\s+){0,2}[a-z\-]+)", question.lower())
    thing = list(takewhile(lambda w: w not in _EN_STOP, m.group(1).split())) if m else []
    for word in reversed(thing):
        if unit := next((u for stem in _stems(word) for u in to_chinese(stem) if u in units), ""):
            return (unit,), (word,)
    return (), ()


def states_measure(text: str, unit: str) -> bool:
    """Does the text write a figure in the unit ("36.9亿度", "1,612.5万标准箱"), or a table's cell under a column
    that counts in it ("新签艘数19": config/evidence.toml [units] counted_as)?"""
    if unit.isascii():  # an English unit, as an article written in English states it ("612 units", "1.2 million tonnes")
        # (normalised text writes no spaces: there a word's end cannot be seen, "195000tonnesin2026")
        end = "(?![a-z])" if " " in text.strip() else ""
        return re.search(rf"\d\s*(?:(?:thousand|million|billion|mn|bn)\s*)?{re.escape(unit)}{end}", text.lower()) is not None
    cfg = evidence_config()["units"]
    # (a Chinese unit as an article written in English writes it: 吨 as "195,000 tonnes"; not a word for any unit)
    if any(unit in units and len(units) <= 2 and states_measure(text, en) for en, units in cfg.get("measures_en", {}).items()):
        return True
    counted = "|".join(map(re.escape, cfg.get("counted_as", [])))
    other = "|".join(map(re.escape, cfg.get("not_unit_before", {}).get(unit, [])))
    return (re.search(r"\d\s*(?:[亿万千百]\s*)?(?:多|余)?\s*" + re.escape(unit) + (f"(?!{other})" if other else ""), text) is not None
            or bool(counted and re.search(re.escape(unit) + rf"(?:{counted})\s*[:：]?\s*\d", text))
            # a row whose label gives its cells' unit ("飞机起降（万架次）:…34.85"), figures after it; or a cell
            # under a column that does ("2025年6月:出货量（万把）517;…")
            or re.search(r"[（(]\s*(?:[亿万千百]\s*)?" + re.escape(unit) + r"[^）)]{0,3}[）)]\s*(?:[:：][^。]*|[-+]?)\d", text) is not None)


def row_counts(shown: str, words: list[list[str]], measures: list[str]) -> bool:
    """Does a rendered table row give a count (a classifier asked: "关闭了多少家") as a bare whole number in a cell whose
    column names a word of the question ("湖北:…;下半年关闭15;…": the header counts, the cells write no 家)?"""
    if not set(measures) & set(evidence_config()["units"]["classifiers"]):
        return False
    _, _, rest = normalize(shown).partition(":")
    return any((m := re.fullmatch(r"([^\d]*?)\s*[-+]?\d[\d,]*", cell.strip())) and any(f in m.group(1) for forms in words for f in forms)
               for cell in rest.split(";"))


def _after_count_unit(question: str, measures: list[str], tail: str, magnitude: bool = False) -> str:
    """The Chinese characters a question writes right after "多少" and one of its units (with `magnitude`, also after a
    magnitude before the unit: "多少万吨"), as `tail` (a regex of the span and what follows it) reads them; "" if none."""
    if not measures:
        return ""
    mag = r"(?:[亿万千百]\s*)?" if magnitude else ""
    m = re.search(r"多少\s*" + mag + "(?:" + "|".join(map(re.escape, measures)) + r")" + tail, question)
    return m.group(1) if m else ""


def _counted_noun(question: str, measures: list[str]) -> str:
    """The noun a count asked counts, written right after its classifier ("有多少家门店" -> 门店); "" if none."""
    from chatbot.text import _jieba

    span = _after_count_unit(question, measures, r"([\u4e00-\u9fff]{1,8})")
    words = _jieba().lcut(span) if span else []
    return words[0] if words else ""  # (one character too: "多少家店" counts 店, as "门店数436" states it)


_MONTHS_EN = {m: i + 1 for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}
_DAY_ZH = re.compile(r"(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")
_DAY_EN = re.compile(r"\b(\d{1,2})\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|"
                     r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})\b", re.IGNORECASE)


def _month_day(groups: tuple) -> tuple[int, int] | None:
    """(month, day) from a match's groups: numbers, or an English month's first three letters and a number."""
    parts = [g for g in groups if g]
    if len(parts) != 2:
        return None
    month = next((_MONTHS_EN[p.lower()[:3]] for p in parts if p.lower()[:3] in _MONTHS_EN), None)
    nums = [int(p) for p in parts if p.isdigit()]
    if month is None:  # (Chinese: month first)
        return (nums[0], nums[1]) if len(nums) == 2 else None
    return (month, nums[0]) if nums else None


def asked_days(question: str) -> set[tuple[int, int]]:
    """The days a question asks a figure as of ([date_question] asked_day_zh, asked_day_en): (month, day) pairs."""
    cfg = evidence_config()["date_question"]
    out = set()
    for rx, flags in ((cfg.get("asked_day_zh"), 0), (cfg.get("asked_day_en"), re.IGNORECASE)):
        for m in re.finditer(rx, question, flags) if rx else ():
            if (md := _month_day(m.groups())) is not None:
                out.add(md)
    return out


def days_stated(text: str) -> set[tuple[int, int]]:
    """The calendar days a text writes ("2026年1月16日", "16 January", "January 16"): (month, day) pairs."""
    out = {(int(m.group(1)), int(m.group(2))) for m in _DAY_ZH.finditer(text)}
    out |= {md for m in _DAY_EN.finditer(text) if (md := _month_day(m.groups())) is not None}
    return out


def _amount_head(question: str, spec: QuestionSpec) -> list[str] | None:
    """The forms of the word a Chinese amount question asks last, right before its ask ("毛利是多少": 毛利; "研发费用是多少":
    费用), when the question does not ask that word's ratio ("毛利率"); None otherwise."""
    q = normalize(question)
    ask = re.search(r"(?:是|为|有)?(?:多少|几)", q)
    if not ask or not re.search(r"[\u4e00-\u9fff]", q):
        return None
    words = [(q.rfind(a, 0, ask.start()), g) for g in spec.groups if g.kind == "word" and not g.entity
             for a in g.alternatives[:1] if re.fullmatch(r"[\u4e00-\u9fff]{2,}", a) and 0 <= q.rfind(a, 0, ask.start())]
    if not words:
        return None
    at, head = max(words, key=lambda x: x[0])
    end = at + len(head.alternatives[0])
    if end != ask.start() or q.startswith(tuple(evidence_config()["scope"]["ratio_suffixes"]), end):
        return None
    # (the question's compound that ends in it is the amount's name: "平均售价是多少" asks the average price, a finance
    # term, which a row of the revenue table states nowhere)
    whole = [c for c, _ in spec.compounds if q.rfind(c, 0, ask.start()) == end - len(c) >= 0]
    return [*whole, *(normalize(a) for a in head.alternatives if not a.isascii())]


@lru_cache(maxsize=1)
def _signed_loss_re() -> re.Pattern:
    forms = evidence_config()["scope"]["signed_loss"]["forms"]
    return re.compile("(?:" + "|".join(map(re.escape, forms)) + r")[^\d;；,，。:：]{0,12}?[:：]?\s*[-−–]\s*\d", re.IGNORECASE)


def states_loss(norm: str) -> bool:
    """Does the (normalised) sentence give a profit-or-loss figure that is negative ("当季期货损益-1,260万元"), a loss
    stated in the column's own words ([scope] signed_loss)?"""
    return _signed_loss_re().search(norm) is not None


def only_as_ratio(norm: str, forms: list[str]) -> bool:
    """Does the (normalised) sentence write the forms only as the head of a ratio's name ("毛利率", "研发费用率",
    [scope] ratio_suffixes)?"""
    suffixes = tuple(evidence_config()["scope"]["ratio_suffixes"])
    hits = [m.end() for f in forms for m in re.finditer(re.escape(f), norm)]
    return bool(hits) and all(norm.startswith(suffixes, e) for e in hits)


def asked_holiday_forms(question: str) -> list[list[str]]:
    """The named holidays a question asks of ([period] holidays), each as its normalised forms."""
    low = question.lower()
    return [[normalize(f) for f in forms] for forms in evidence_config()["period"].get("holidays", [])
            if any(f in low for f in forms)]


def _counted_en(question: str, spec: QuestionSpec) -> str:
    """The Chinese words of the thing an English question counts ("How many tonnes of hairy crab did X produce": 蟹, of
    the word "crab" the passages write; [required] volume_thing_en), "" for none."""
    m = re.search(evidence_config()["required"]["volume_thing_en"], question.lower())
    words = set(re.findall(r"[a-z][a-z\-]*", m.group("part"))) if m else set()
    return " ".join(normalize(a) for g in spec.groups if not g.absent and g.alternatives[0] in words
                    for a in g.alternatives[1:] if not a.isascii())


def counted_after_unit(question: str, measures: list[str]) -> str:
    """The whole thing a Chinese question counts in its unit, written right after it and before the question ends
    ("处置了多少万吨医疗废物？" -> 医疗废物): what the figure is of, which a company's table in that unit ("分省份处置量
    （万吨）") need not repeat in each row."""
    span = _after_count_unit(question, measures, r"([\u4e00-\u9fff]{2,8}?)(?=[？?，,。；;]|$)", magnitude=True)
    return span if span and not re.search(r"[的了呢吗啊呀]$", span) else ""


def counts_noun(text: str, noun: str) -> bool:
    """Does the text give a count of the noun as a table's cell or a label does ("门店数（9月末）88", "门店数量：311")?"""
    return re.search(re.escape(noun) + r"(?:总数|数量|数)(?:\s*[（(][^）)]{0,12}[）)])?\s*[:：]?\s*(?:为|达|共)?\s*\d",
                     text) is not None


def _names_metric(clause: str, metrics: list[list[str]]) -> bool:
    """Does a (normalised) clause name the metric asked, by any of its forms?"""
    return any(f and f in clause for forms in metrics for f in forms)


def metric_without_figure(text: str, metrics: list[list[str]]) -> bool:
    """Does the sentence name the metric asked only in clauses that hold no figure ("预计收入仍将
    实现双位数同比增长；…在营酒店数已超过2,500家": the figure is another metric's)?"""
    clauses = [c for c in _CLAUSE_END.split(normalize(text)) if c.strip()]
    naming = [c for c in clauses if _names_metric(c, metrics)]
    # (a rate in words is a figure: "收入同比减少约二成", config/evidence.toml [scope] change_rate)
    rate = re.compile(evidence_config()["scope"]["change_rate"])
    return bool(naming) and not any(re.search(r"\d", c) or rate.search(c) for c in naming)


def segment_without_unit_figure(text: str, segments: list[list[str]], unit: str, any_currency: bool = False) -> bool:
    """Does the sentence name the segment asked only in clauses that hold no figure in the unit asked ("…华东…
    上半年收入6.76亿元…；西南地区基数较小，但收入增速最快，同比增长34.1%" for 西南's revenue in 亿元: its clause
    gives a growth, the amount is another region's)? With `any_currency` (a sum asked in no currency, "卖了多少钱"),
    a clause stating a sum of money in whatever currency its market uses ("波兰销售额2,160万兹罗提") has one."""
    norm = normalize(text)
    if any_currency and any(all(names_segment(c, forms) for forms in segments) and sum_in_own_currency(c)
                            for c in _CLAUSE_END.split(norm)):
        return False
    clauses = [c for c in _CLAUSE_END.split(norm) if c.strip()]
    naming = [c for c in clauses if all(names_segment(c, forms) for forms in segments)]
    # (the sentence's opening up to its first figure, dates aside, is the segment's: "猫三联疫苗于2025年4月获批，上市首两个
    # 季度销售约4,200万元")
    head = through_first_figure(_DATE.sub("", norm))
    if head and all(names_segment(head, forms) for forms in segments) and (figs := claim_figures(head)) \
            and (any(unit in f for f in figs) or (unit.endswith("元") and unit in head)):
        return False
    return bool(naming) and not any(unit in f for c in naming for f in claim_figures(c))


@lru_cache(maxsize=1)
def _sum_after_money_word_re() -> re.Pattern:
    """A money metric's word ([units] money_asked, the Chinese ones that are plain words), a figure, its magnitude and
    the word it is counted in: "销售额2,160万兹罗提" -> 兹罗提."""
    words = [w for w in evidence_config()["units"]["money_asked"] if re.fullmatch(r"[\u4e00-\u9fff]+", w)]
    return re.compile(rf"(?:{'|'.join(map(re.escape, words))})[^，。；;,\d]{{0,4}}?\d[\d,]*(?:\.\d+)?\s*(?:[亿万千百]+)?\s*"
                      r"([\u4e00-\u9fff]{1,6})")


def sum_in_own_currency(clause: str) -> bool:
    """Does a (normalised) clause state a sum of money after its money word, in a currency whatever its name: the word
    after the figure is no unit of measure, classifier, time or multiple ([units] measures, classifiers, not_currency)
    ("波兰销售额2,160万兹罗提", "卡塔尔销售额486万卡塔尔里亚尔"; not "销售额增长12倍", "销售额1.2万吨")?"""
    cfg = evidence_config()["units"]
    other = (*cfg["measures"], *cfg["classifiers"], *cfg["not_currency"])
    # (a name ending in 元 is a currency whatever it opens with: "日元" is no day)
    return any(not m.group(1).startswith(other) or re.match(r"[\u4e00-\u9fff]?元", m.group(1))
               for m in _sum_after_money_word_re().finditer(clause))


@lru_cache(maxsize=1)
def _per_unit_before() -> re.Pattern:
    return re.compile(rf"(?:{'|'.join(evidence_config()['scope']['per_unit_before'])})$")


def share_base_only(text: str, forms: list[str]) -> bool:
    """Does the (normalised) text name the metric (any of `forms`) only as the whole a share is of ("海外业务约占收入
    七成", "占总收入的46%": config/evidence.toml [scope] share_base_before, right before the metric; "海外收入占比",
    share_base_after, right after it)?"""
    spots = [(m.start(), m.end()) for f in forms if f and not f.isascii() for m in re.finditer(re.escape(f), text)]
    rx = re.compile(rf"(?:{evidence_config()['scope']['share_base_before']})$")
    # (or right before a share's word: "海外收入占比由19.8%升至23.6%" is a share, no revenue: share_base_after)
    after = re.compile(rf"(?:{evidence_config()['scope']['share_base_after']})")
    return bool(spots) and all(rx.search(text[max(0, at - 6):at]) or after.match(text, end) for at, end in spots)


def per_unit_only(text: str, forms: list[str]) -> bool:
    """Does the text name the metric (any of `forms`) only per unit of something ("单票收入2.05元": revenue per
    parcel; config/evidence.toml [scope] per_unit_before), never as such? A single quarter or month
    ("单季收入") is no unit."""
    singles = evidence_config()["period"]["single_period"]
    spots = [(m.start(), f) for f in forms if f and not f.isascii() for m in re.finditer(re.escape(f), text)]
    if not spots:
        return False
    rx = _per_unit_before()
    return all(rx.search(text[max(0, at - 2):at]) and not any(text[:at].endswith(w) for w in singles)
               for at, _ in spots)


def row_metric_without_figure(shown: str, metrics: list[list[str]]) -> bool:
    """Does a rendered table row ("蔬菜种子:2024年收入1.60亿元;占比9%;毛利率—") name the metric asked
    only in cells that hold no figure (a dash, "n/a", "未披露"), its label naming no metric?"""
    label, _, rest = normalize(shown).partition(":")
    if any(f in label for forms in metrics for f in forms):
        return False
    naming = [c for c in rest.split(";") if any(f in c for forms in metrics for f in forms)]
    return bool(naming) and not any(re.search(r"\d", c) for c in naming)


def named_in_empty_cell(shown: str, header: str, words: list[list[str]]) -> bool:
    """Does a rendered table row name one of the words (each a list of its forms) only as the column name of a cell it
    leaves empty ("渔线轮/北美:本期间收入96,210;…;本期间分部业绩" under a header "…| 本期间分部业绩 |": the segment result
    is not given for the region), not in its label nor in a cell with a value?"""
    label, _, rest = normalize(shown).partition(":")
    cells = [c for c in rest.split(";") if c]
    empty = [c for c in cells if not re.search(r"\d", c) and c in header]
    if not empty:
        return False
    filled = [c for c in cells if c not in empty]
    return any(not any(f in label for f in forms) and any(f in c for c in empty for f in forms)
               and not any(f in c for c in filled for f in forms) for forms in words)


def segment_growth_in_row(row: str, segments: list[list[str]]) -> bool:
    """Does a rendered row's cell naming the segment asked state a growth ("海外收入同比+12%"), or does
    no cell name it (the row is the segment's own: its label or header names it)?"""
    words = evidence_config()["scope"]["growth_stated"]
    head = re.split(r"\d", row, maxsplit=1)[0]  # (a label may hold a colon of its own: "其中：国际及地区旅客:2025年10月…")
    label = head[: head.rfind(":") + 1]
    if any(names_segment(label, forms) for forms in segments):
        return True  # the row is the segment's own
    cells = [c for c in row.partition(":")[2].split(";") if any(names_segment(c, forms) for forms in segments)]
    return not cells or any(w in c for c in cells for w in words)


# a clause that only restates a figure ("约148亿元", "折合约20.6亿港元")
_RESTATED = re.compile(r"[\d.,\s]+|约|即|合|折合|左右|亿|万|千|百|元|港元|美元|人民币")


def states_change(text: str) -> bool:
    """Does a text state a change at all: a word of one (config/evidence.toml [scope] growth_stated, less the signs), a
    signed figure or a percentage?"""
    words = [w for w in evidence_config()["scope"]["growth_stated"] if w not in "+-"]
    return any(w in text for w in words) or re.search(r"[+\-−]\s*\d|\d\s*%|百分点|倍", text) is not None


def asks_growth_only(question: str) -> bool:
    """Does the question ask a figure's growth and not its level too ("收入同比增长了多少"; "收入是多少？同比增长
    多少？" also asks the level, which a sentence may state alone)? (config/evidence.toml [scope] growth_asked)"""
    q = question.lower()
    at = min((q.find(w) for w in evidence_config()["scope"]["growth_asked"] if w in q), default=-1)
    # (a level asked in a clause before the growth word's, "收入多少？增速如何？", is asked too; not "By how much did
    # X's capacity grow", one clause)
    return at >= 0 and len(_ASKS_AMOUNT.findall(question)) <= 1 \
        and not re.search(f"(?:{_ASKS_AMOUNT.pattern})" + r"[^，,？?；;]*[，,？?；;]", question[:at], re.IGNORECASE) \
        and not re.search(evidence_config()["scope"]["level_asked_en"], question[:at], re.IGNORECASE)


def metric_change_stated(text: str, metrics: list[list[str]], asked: set | None = None,
                         then: list[list[str]] | None = None) -> bool:
    """Does a clause of the (normalised) sentence naming a metric asked state its change as a rate
    ("营业收入同比增长9.2%"), or the clause right after it open with the change ("营业收入86.4亿元，同比
    增长9.2%")? (config/evidence.toml [scope] change_words, change_rate.) A clause stating a period
    other than the `asked` ones is another period's figure ("前九个月总收入约15.7亿元，同比下降4.2%"
    when the third quarter's growth is asked). `then`: the metric of a part asked (`metrics`: the segment's
    word); a later clause of the same sentence part that opens with it and states a change speaks of the part
    ("煤化工板块主要产品为甲醇和烯烃，收入同比减少约二成")."""
    cfg = evidence_config()["scope"]
    words, rate = [*cfg["change_words"], *cfg.get("change_words_en", [])], re.compile(cfg["change_rate"])
    clauses = re.split(r"[，,；;。]", text)
    if not any(f and f in text for forms in metrics for f in forms):  # the metric in its heading only
        return any(w in text for w in words) and bool(rate.search(text))
    for i, clause in enumerate(clauses):
        at = min((clause.find(f) for forms in metrics for f in forms if f and f in clause), default=-1)
        if at < 0:
            continue
        own = clause[at:]
        if asked and (stated := periods(clause) or {(None, q) for q in qualifiers(clause) if q}) \
                and not period_match(asked, stated):
            continue
        if any(w in own for w in words) and rate.search(own):
            return True
        for after in (c.strip() for c in clauses[i + 1:]):  # past a figure restated ("…148.64亿元，约148亿元，同比上升16%")
            if any(after.startswith(w) for w in [*words, *cfg.get("change_openers_en", [])]) and rate.search(after):
                return True
            if re.search(r"[\u4e00-\u9fff]", _RESTATED.sub("", after)):
                break
    part_metrics = then or []
    for part in re.split(r"[；;。]", text) if part_metrics else []:
        pieces = [c.strip() for c in re.split(r"[，,]", part)]
        at = next((i for i, c in enumerate(pieces) if any(f and f in c for forms in metrics for f in forms)), len(pieces))
        if any(any(c.startswith(f) for forms in part_metrics for f in forms if f) and any(w in c for w in words) and rate.search(c)
               for c in pieces[at + 1:]):
            return True
    return False


@lru_cache(maxsize=1)
def forecast_re() -> re.Pattern:
    """config/reader.toml [compute] forecast: the words that make a figure a forecast."""
    from chatbot.intent import reader_config

    return re.compile(reader_config()["compute"]["forecast"])


def forecast_only(text: str) -> bool:
    """Are all the figures of a sentence a forecast's: each clause stating one follows a forecast
    word ("优驰预计2025年第三季度交易量为8.8万至9.2万辆"; "公司预计，全年收入…")? A reported figure beside
    a forecast ("上半年收入12亿元，预计全年增长10%") is not."""
    forecast, stated = False, []
    for clause in re.split(r"[，,；;。:：]", normalize(text)):
        forecast = forecast or bool(forecast_re().search(clause.lower()))
        if claim_figures(clause):
            stated.append(forecast)
    return bool(stated) and all(stated)


def states_point_in_time(text: str) -> bool:
    """Does a sentence or a row state a figure at a period's end ("期末点位数", "截至9月底", "at the end of June";
    config/evidence.toml [period] point_in_time)?"""
    low = text.lower()
    return any(w in low for w in evidence_config()["period"]["point_in_time"])


def asks_output(question: str) -> bool:
    """Does a figure question ask what was made ("实际生产了多少吨"), not what a facility can make
    (config/evidence.toml [capacity])?"""
    cfg, low = evidence_config()["capacity"], question.lower()
    return any(w in low for w in cfg["output_words"]) and not any(w in low for w in cfg["capacity_words"])


def volume_kind_asked(question: str) -> str:
    """The one kind of volume a question asks (config/evidence.toml [volume_kinds]: "sold", "made"), "" for none or
    both ("产销量")."""
    low = question.lower() + " "
    kinds = [k for k, cfg in evidence_config()["volume_kinds"].items() if any(w in low for w in cfg["asked"])]
    return kinds[0] if len(kinds) == 1 else ""


def states_volume_of(text: str, kind: str) -> bool:
    """Does a sentence or row write a volume of the kind asked ([volume_kinds] forms, or a form's verb before its figure:
    "销售了12万吨")?"""
    low = normalize(text).lower()
    forms = evidence_config()["volume_kinds"][kind]["forms"]
    return any(f in low or volume_by_verb(f, low) for f in forms)


def states_other_volume(text: str, kind: str) -> bool:
    """Does a sentence or row state another kind of volume than the one asked and none of the asked kind's
    ("2025财年产量4.36万吨" for a volume sold)?"""
    low, kinds = text.lower(), evidence_config()["volume_kinds"]
    if any(f in low for f in kinds[kind]["forms"]):
        return False
    return any(f in low for k, cfg in kinds.items() if k != kind for f in cfg["forms"])


def capacity_only(text: str) -> bool:
    """Are all the figures of a sentence capacities written as what a facility is built to make ("我们在柯嘎盐湖建设的
    年产1,000吨碳酸锂当量中试线已于2025年5月投料试车")? A figure outside them ("全年原盐产量426万吨") is not."""
    norm = normalize(text)
    figs = claim_figures(norm)
    if not figs:
        return False
    rest = re.sub(evidence_config()["capacity"]["attributive"], " ", norm)
    return not claim_figures(rest)


_PERIOD_END_MONTH = {"Q1": 3, "Q2": 6, "H1": 6, "Q3": 9, "Q1-3": 9, "Q4": 12, "H2": 12, None: 12}


def before_period_end(asked: set, date: str) -> bool:
    """Was a document dated before every asked period ended ("2025-08-26" for 2025年第三季度)? Its
    forecast for them is a forecast; one dated after a period (a profit alert) estimates a result."""
    m = re.match(r"(\d{4})-(\d{2})", date or "")
    if not m or not asked:
        return False
    doc = (int(m.group(1)), int(m.group(2)))
    for year, q in asked:  # (a period without a year: the document's year)
        month = int(q[1:]) if q and re.fullmatch(r"M\d\d", q) else _PERIOD_END_MONTH.get(q)
        if month is None or doc >= (int(year or doc[0]), month):
            return False
    return True


def _asked_periods(question: str) -> set:
    """The periods a question asks; a quarter or a half without a year ("第三季度收入",
    "上半年净息差") asks it of any year, so another quarter's figure is never the answer."""
    asked = periods(without_period_glosses(question))
    asked |= dated_months(question)  # "2025年6月的快递业务量" asks that month
    quarters = {q for q in qualifiers(question) if q and (q.startswith("Q") or q in ("H1", "H2"))}
    if quarters and not any(q in quarters for _, q in asked):
        asked |= {(None, q) for q in quarters}
        asked = {(y, q) for y, q in asked if q in quarters or y is None}
    return asked


_GLOSS = re.compile(r"[（(]([^（）()]{1,24})[)）]")


def without_period_glosses(question: str) -> str:
    """The question without the brackets that gloss a fiscal period written right before them by its months and no
    year ("2026财年第二季度（7月至9月）"): the months say which quarter of the fiscal year is meant, and ask no calendar
    quarter of any year of their own (a fiscal year's third quarter may be July to September too)."""
    def gloss(m: re.Match) -> str:
        before, inside = question[:m.start()], m.group(1)
        fiscal = re.search(r"(?:财年|财政年度|FY\s?\d{2,4})\s*\S{0,6}$", before, re.IGNORECASE)
        glossed = periods(inside)
        return " " if fiscal and glossed and not any(y for y, _ in glossed) else m.group(0)
    return _GLOSS.sub(gloss, question)


def _render_row(row: str, header: list[str]) -> str:
    # (bold marks off first: "**1,003,630**" is a bare number its column's unit reads)
    cells = with_row_unit([_EMPHASIS.sub("", c).strip() for c in row.strip().strip("|").split("|")])  # "收入（亿元）|43.7" -> 收入, 43.7亿元
    if len(cells) == 3 and len(header) == 3 and all(re.search(r"\d", c) for c in cells[1:]):
        # two figure columns: each figure with its column's name ("京东零售:第二季度收入3100.75亿元;经营利润…")
        return f"{cells[0]}:" + ";".join(with_unit(_dated(h, c), c) for h, c in zip(header[1:], cells[1:], strict=True))
    if len(cells) <= 3:  # (a bare number with its column's name and unit: "2025年第三季度:收入21.84亿元")
        head = cells[0]
        rest = [with_unit(h, c) if h and is_bare_number(c) else c
                for h, c in zip([*header[1:], *[""] * len(cells)], cells[1:], strict=False) if c]
        return f"{head}:{'——'.join(rest)}" if rest else head
    # (an empty cell keeps its column's name: the row names the figure and states none, "本期间分部业绩;", which the
    # checks of a metric named without its figure read: a sub-region's row gives no segment result)
    # (a date's column takes no unit a caption writes: "投入作业 2023年", not "投入作业（吨）2023年")
    parts = [with_unit(_dated(h, c), c) for h, c in zip(header[1:], cells[1:], strict=False)]
    return f"{cells[0]}:" + ";".join(parts)


def _dated(header: str, cell: str) -> str:
    """A column's header as a date cell under it reads: without the unit a caption gave it ("投入作业 2023年", not
    "投入作业（吨）2023年")."""
    return re.sub(r"[（(][^（）()]*[)）]\s*$", "", header) if _date_cell(cell) else header


def _date_cell(cell: str) -> bool:
    """Does a table cell hold a date alone ("2023年", "2025年10月", "October 2025")? (config/evidence.toml [rows])"""
    return bool(_rows_re("date_cell").fullmatch(_EMPHASIS.sub("", cell).strip()))


def _names_period_column(header: str) -> bool:
    """Does a column's header name the period of the row's figures ("期间", "财年", "Period")?"""
    low = header.lower()
    return any(w in low for w in evidence_config()["rows"]["period_headers"])


@lru_cache(maxsize=4)
def _rows_re(key: str) -> re.Pattern:
    return re.compile(evidence_config()["rows"][key], re.I)


def _row_periods(row: str, header: list[str], shown: str) -> set:
    """The periods a table row states. A row whose only periods are a month's end ("9月末能繁母猪"
    in one column's header) while other figure columns' headers name no period ("出栏量", "净利润")
    states those figures for the reporting period that closes there (the stock at 9月末, the
    flows of 前三季度: config/evidence.toml [period_phrases] month_end_closes). A row naming no period
    states the one its label column's header names ("| 指标（2025年上半年） | 陇轨装备 | 泰衡机车 |"). A cell holding a
    date alone under a header naming no period column ("投入作业: 2023年") dates the row's item, not its figures."""
    cells = [c.strip() for c in row.strip().strip("|").split("|")]
    for h, c in zip(header[1:], cells[1:], strict=False):
        if _date_cell(c) and not _names_period_column(h):  # when the row's item began, not its figures' period
            shown = shown.replace(_EMPHASIS.sub("", c), "", 1)
    found = periods(shown) | row_label_periods(cells[0])
    if not found and header:  # the label column's header names the period of every row ("指标（2025年上半年）")
        found = periods(header[0])
    closes = month_end_closes()
    flows = any(re.search(r"\d", c) and not periods(h) for h, c in zip(header[1:], cells[1:], strict=False))
    if flows and found and all(q in closes for _, q in found):
        found |= {(y, closes[q]) for y, q in found if q}
    return found


def _asks_identifier(question: str, glossary: Glossary) -> bool:
    """Does the question ask a metric that is an identifier, not an amount (a stock code)?"""
    return bool(set(glossary.metrics_in(question)) & set(evidence_config()["headings"]["metrics"]))


def _heading_sentences(chunk: Chunk, question: str, glossary: Glossary) -> list[tuple[str, str, bool, set]]:
    """The passage's headings as sentences, when the question names a metric that a document often
    states only in its heading (config/evidence.toml [headings]: "# 中创新航（股票代码：3931）：…")."""
    if not _asks_identifier(question, glossary):
        return []
    return [(h, h, False, periods(h)) for h in chunk.headings if h != chunk.title and len(h) >= 6]


# a table row's first cell indented under the row above (a full-width space, or two spaces, after the cell's border)
_SUB_ROW = re.compile(r"^ ?(?:\u3000| {2,}|\xa0)\s*\S")


def _prose(text: str) -> str:
    """The text without its table lines."""
    return "\n".join(ln for ln in text.splitlines() if not ln.lstrip().startswith("|"))


def passage_sentences(text: str, caption: str = "") -> list[tuple[str, str, bool, set]]:
    """(raw, shown, is_item, periods) for the sentences of paragraphs and list items,
    and table data rows rendered as prose ("中期(3-5年):中性偏谨慎——竞争加剧……").
    A sentence that names no period takes those of the sentence before it in the
    same paragraph ("净亏损:2022年…2024年4.54亿元。经调整净亏损分别为…"). `caption`: the line over a table the text
    opens with (its heading, "2025财年分产品收入（人民币千元）", see heading_caption), whose unit its cells are read in.
    (Read once per passage text; each call gets its own list and sets.)"""
    return [(raw, shown, item, set(per)) for raw, shown, item, per, *_ in _passage_sentences(text, caption)]


def month_figure_only(sentence: str) -> bool:
    """Does a sentence open with a month of a year as the period of its figures and name no other period of its own
    ("2026年1月线上销售额620万元，同比增长24.6%"; not a month's end, "2025年12月末", a point a year-end figure is stated at,
    nor a date of a guidance given, "新指引（2025年11月）18%-21%")?"""
    own = own_text(sentence)
    return bool(re.match(r"\s*(?:[-*•]\s*)?(?:19|20)\d{2}\s*年\s*(?:1[0-2]|0?[1-9])\s*月(?!\s*(?:末|底|份?止|\d))", own)) \
        and not periods(own) and not (qualifiers(own) - {None})


def heading_caption(chunk: Chunk) -> str:
    """The heading over a passage that opens with a table, when it writes the unit of the table's cells ("## 2025财年
    分产品收入（人民币千元）", "## FY2025 revenue by product (RMB million)"), else ""."""
    if len(chunk.headings) > 1 and chunk.text.lstrip().startswith("|") and caption_unit(chunk.headings[-1]):
        return chunk.headings[-1]
    return ""


_PERIOD_LEAD = re.compile(r"[\d\-–~至到年月季度前后上下半全累计合共期内的及其中首今去本财]+")


def continues_item(g: TermGroup, norm: str, before: str, spec: QuestionSpec, held: list[TermGroup]) -> bool:
    """Is the word asked said by the sentence before, the sentence going on about the same item with only a period in
    front of the figure's word ("11月羽绒及羽毛销量1,386吨…。1-11月累计销量9,742吨": the running total is the down and
    feathers' too)? Not when another word stands there ("…海外收入12亿元。国内收入8亿元" names another part)."""
    if not before or not any(a in before for a in g.alternatives):
        return False
    for other in spec.groups:
        if other in held or other.kind not in ("word", "metric", "term"):
            continue
        for a in other.alternatives:
            at = norm.find(a) if a and not a.isascii() else -1
            if at >= 0 and a in before:
                lead = re.split(r"[，,。；;：:、]", norm[:at])[-1]
                return not _PERIOD_LEAD.sub("", lead).strip()
    return False


def _title_lead(title: str, glossary: Glossary) -> set[str]:
    """The company a document's title opens with ("崟塔起重（3204.HK）建议…"): the one announcing; none for a title opening
    otherwise ("港股AI三巨头对比：…")."""
    t = normalize(title).lstrip("#*\"“「《 ")
    return {c for c in glossary.entities(t[:24]) if c in glossary.companies
            and any(a and not a.isdigit() and t.startswith(a) for a in [normalize(c), *glossary.aliases_of(c, codes=False)])}


def _text_before(text: str, raw: str, width: int = 200) -> str:
    """The (normalised) text of the passage before a sentence of it, to `width` characters."""
    at = text.find(raw)
    return normalize(text[max(0, at - width): at]) if at > 0 else ""


@lru_cache(maxsize=1)
def _demonstrative_re() -> re.Pattern:
    cfg = evidence_config()["required"]
    nouns = "|".join(map(re.escape, sorted(cfg["antecedent_nouns"], key=len, reverse=True)))
    return re.compile(rf"(?:{'|'.join(map(re.escape, cfg['demonstratives']))})({nouns})")


def antecedent(norm: str, before: str) -> str:
    """What a demonstrative of a (normalised) sentence stands for ("该厂", "该项目": config [required] demonstratives,
    antecedent_nouns): the nearest phrase of the text before it that ends in the same noun ("其潍坊肝素钠原料药工厂收到…"
    before "…对该厂的现场检查": "潍坊肝素钠原料药工厂"), figures left out; "" if none."""
    if not before:
        return ""
    cfg = evidence_config()["required"]
    for m in _demonstrative_re().finditer(norm):
        # (the nearest, and of nouns ending there the longest: "工厂" before "厂")
        ends = [(at + len(n), len(n), at, n) for n in cfg["antecedent_nouns"][m.group(1)] if (at := before.rfind(n)) >= 0]
        if not ends:
            continue
        *_, at, noun = max(ends)
        phrase = re.split(r"[，,。；;：:、\n]", before[max(0, at - cfg["antecedent_span"]): at])[-1]
        phrase = re.sub(r"[\d.%]+", " ", phrase).strip()
        if re.search(r"[\u4e00-\u9fff]{2}", phrase):
            return phrase + noun
    return ""


def item_leads(text: str) -> list[str]:
    """For each of passage_sentences(text): the first sentence of the list item it continues
    ("- 为什么拓荆…翻倍：…。三季度单季收入18.4亿元…" -> the second sentence's lead is the first), else ""."""
    return [lead for *_, lead, _ in _passage_sentences(text)]


def sentences_before(text: str) -> list[str]:
    """For each of passage_sentences(text): the sentence before it in its paragraph or list item, else ""."""
    return [prev for *_, prev in _passage_sentences(text)]


@lru_cache(maxsize=1)
def _part_of_above() -> re.Pattern:
    return re.compile(evidence_config()["rows"]["part_of_above"])


@lru_cache(maxsize=4096)  # the same passages are read for every question (and all of them for a refusal)
def _passage_sentences(text: str, caption: str = "") -> tuple[tuple[str, str, bool, frozenset, str, str], ...]:
    out: list[tuple[str, str, bool, set, str, str]] = []
    header: list[str] = []
    parent = ""  # the label of the table's last row that is not indented
    prose = caption  # the last line outside a table: its caption may write the unit of its cells ("（单位：人民币千元）")
    lines = text.splitlines()
    for i, line in enumerate(lines):
        s = line.strip()
        if not s:
            continue
        if s.startswith("|"):
            if _TABLE_SEP.match(s):
                continue
            if i + 1 < len(lines) and _TABLE_SEP.match(lines[i + 1].strip()):
                header = with_caption_unit([c.strip() for c in s.strip("|").split("|")], prose)
                prose = ""
                continue
            shown = _render_row(s, header)
            # a two-level table: an indented row is a part of the row above it that is not indented ("| **钓竿** |…"
            # over "| 　欧洲 |…": the rods' European revenue), read with that row's label in front
            label = s.strip("|").split("|")[0]
            # (so is a row of the owners' share of the row above, "本公司拥有人应占" under "年内溢利": config/evidence.toml
            # [rows] part_of_above)
            if _SUB_ROW.match(label) or _part_of_above().search(_EMPHASIS.sub("", label).strip()):
                shown = f"{parent}/{shown}" if parent else shown
            elif label.strip():
                parent = _EMPHASIS.sub("", label).strip()
            out.append((s, shown, True, _row_periods(s, header, shown), "", ""))
            continue
        parent = ""
        prose = s
        if _REFERENCE_ENTRY.match(s):
            continue  # "[3] 36氪 - “…” (https://…)": an entry of the reference list, no evidence
        item = re.match(r"^([-*+]|\d+[.)、])\s+", s) is not None
        s = re.sub(r"^([-*+]|\d+[.)、])\s+", "", s)
        carried: set = set()
        first = before = ""
        for sent in split_sentences(s, semicolons=False):
            # "而2024年同期净亏损…", "较2024年的…" compare: the years they name are no period of the sentence
            said = periods(own_text(sent)) or carried
            out.append((sent, sent, item, said, first if item else "", before))
            # (a sentence whose later clause restates its figure a year before, "毛利率30.2%,2024财年为29.4%", passes on no
            # 2024 to the next: its own figure is the heading's period)
            carried = carried if restates_earlier_period(own_text(sent)) else said
            first = first or sent
            before = sent
    # markers and bold marks removed: "**交付。** 理想汽车…" reads "交付。" + "理想汽车…"
    out = [(raw, _EMPHASIS.sub("", _MARKER.sub("", shown)).strip(), item, per, _EMPHASIS.sub("", lead),
            _EMPHASIS.sub("", _MARKER.sub("", prev)))
           for raw, shown, item, per, lead, prev in out]
    return tuple((raw, shown, item, frozenset(per), lead, prev) for raw, shown, item, per, lead, prev in out
                 if len(shown) >= 6)


def _term_forms(forms: list[str], term: str, glossary: Glossary | None = None) -> list[str]:
    """An English term's Chinese forms, and the term itself when it is a phrase of several words ("southeast asia") or a
    word of four letters or more ("export"): an article written in English says it so. (Not a word of a catalogued
    company's English name: "metering" of "Aquentra Metering" in a Chinese article's brackets states no metering.)"""
    t = term.strip().lower()
    if " " not in t and (len(t) < 4 or (glossary is not None and _in_english_name(t, glossary))):
        return list(forms)
    head, _, last = t.rpartition(" ")
    if head and last in _EN_STOP and len(head) >= 4:  # "exclusivity period": also "exclusivity" ("exclusivity for 120
        return [*forms, term, head]  # days"), a stop word adding nothing
    return [*forms, term]


@lru_cache(maxsize=4096)
def _english_forms(word: str) -> tuple[str, ...]:
    """A Chinese word's English forms as a normalised English sentence writes them ("拉链" -> zipper, "交付" -> deliver):
    what an article written in English says for the word of a Chinese question (chatbot/bilingual.py english_forms)."""
    if not re.fullmatch(r"[\u4e00-\u9fff]{2,4}", word):
        return ()
    if forms := english_forms(word):
        return tuple(normalize(n) for n in forms)
    if _is_place(word):  # a place is written in English as it sounds ("汕头": Shantou)
        from pypinyin import Style, lazy_pinyin

        return ("".join(lazy_pinyin(word, style=Style.NORMAL)),)
    cfg = evidence_config()["english_article"]
    if word[-1] in cfg["quantity_tails"] and len(word) >= 3 and (forms := english_forms(word[:-1])):
        return tuple(normalize(n) for n in forms)  # "出货量" as 出货: shipments
    if len(word) == 3:  # "电解槽" by 电解 (electrolysis): the stem "electroly" of "electrolyser" (not a compound of two
        # words, whose first word's stem names something else)
        stems = [f[: len(f) - cfg["stem_cut"]] for f in english_forms(word[:2]) if " " not in f]
        return tuple(normalize(st) for st in stems if len(st) >= cfg["stem_min"])
    return ()


def _in_english(word: str, norm: str) -> bool:
    """Does a normalised English text name a Chinese word by one of its English forms?"""
    return any(n in norm for n in _english_forms(word))


def _says_in_english(g: TermGroup, norm: str) -> bool:
    """Does a normalised English sentence name a Chinese word of the question by one of its English forms (a term too:
    a place the glossary keys in Chinese, 韩国, as "South Korea")?"""
    return g.kind in ("word", "metric", "term") and _in_english(g.alternatives[0], norm)


def _says_english_word(word: str, text: str) -> bool:
    """Does an English text write the short English term `word` as a word of its own ("new" in "new 9.50% senior
    notes", not in "renewal")? Longer terms are among the term's forms (`_term_forms`)."""
    return bool(word) and " " not in word and word.isascii() and len(word) < 4 and bool(
        re.search(rf"(?<![A-Za-z]){re.escape(word)}(?![A-Za-z])", text, re.IGNORECASE))


def _in_english_name(word: str, glossary: Glossary) -> bool:
    return any(re.search(rf"(?<![a-z]){re.escape(word)}", a) for a in glossary.aliases if " " in a and a.isascii())


def _opens_written_name(segment: list[str], q: str, texts: list[str], glossary: Glossary, longer: int = 3) -> bool:
    """Does the question write a segment word on into a name of `longer` more characters or more that a passage writes
    whole, none of whose words names a segment, a region or a metric, as the setting of what it asks ("在国际珠心算锦标赛
    上": an event, not the international business; [scope] setting_frame)? "国际业务收入", "海外市场", "内地同店销售"
    stay segments."""
    cfg = evidence_config()["scope"]
    parts = {*(w for forms in cfg["segment_words"] for w in forms), *cfg.get("region_suffixes", []), *cfg.get("place_suffixes", []),
             *cfg.get("site_suffixes", [])}
    for f in segment:
        at = q.find(f)
        if at < 0 or not re.fullmatch(r"[\u4e00-\u9fff]+", f):
            continue
        run = re.match(r"[\u4e00-\u9fff]*", q[at:]).group(0)  # type: ignore[union-attr]
        end = next((k for k in range(len(run), len(f) + longer - 1, -1) if any(run[:k] in t for t in texts)), 0)
        rest = run[len(f):end]
        framed = re.search(cfg["setting_frame"].format(name=re.escape(run[:end])), q) if end else None
        if framed and not glossary.metrics_in(rest) and not any(w in parts for w in _jieba().lcut(rest)):
            return True
    return False


def _before_verb_particle(question: str, word: str) -> bool:
    """Does the question write a Chinese word only right before a verb's particle ("上拿了": [required] verb_particles)?
    Then the tagger's place is a verb cut with the character before it, no place."""
    particles = tuple(evidence_config()["required"]["verb_particles"])
    at = [m.end() for m in re.finditer(re.escape(word), question)] if re.search(r"[\u4e00-\u9fff]", word) else []
    return bool(at) and all(question[i:].startswith(particles) for i in at)


def _market_revenue_forms(spec: QuestionSpec) -> None:
    """The revenue asked of a market an English question names ("How much revenue did X earn in Saudi Arabia") is
    what the company sold there: the place's 销售额 states it ([scope] market_revenue_metrics, market_revenue_words)."""
    if not spec.amount or not (spec.places or any(g.alternatives and _is_place(g.alternatives[0]) for g in spec.required)):
        return
    cfg = evidence_config()["scope"]
    spec.metrics = [[*forms, *(w for w in cfg["market_revenue_words"] if w not in forms)]
                    if forms and forms[0] in cfg["market_revenue_metrics"] else forms for forms in spec.metrics]


# Over 60 lines on purpose: the hard constraints (company, unknown name, metric, period,
# unit) are applied to each sentence in one pass and in this order, each a commented step.
def score_candidates(
    question: str, passages: list[Passage], glossary: Glossary, idf, keep_absent: bool = False
) -> tuple[list[Candidate], QuestionSpec]:
    """`keep_absent`: score a question that is mostly words no passage holds all the same
    (for the embedding fallback, which decides on its own whether a sentence matches)."""
    raw_texts = [p.chunk.text for p in passages]
    question = spans_as_written(question, raw_texts)
    spec = analyse_question(question, glossary, idf)
    if spec.wants_figure and question_language(question) == "zh":  # "烤鳗": written, though the index cuts it
        _hold_written_runs(spec, [normalize(t) for t in raw_texts], idf)
    if question_language(question) == "zh":  # "众筹" of a company an article written in English covers: "crowdfunding"
        _present_in_english(spec, [normalize(t) for t in raw_texts if question_language(t) == "en"])
    if not spec.groups or spec.total <= 0 or (spec.absent_share > MAX_ABSENT_SHARE and not keep_absent):
        return [], spec  # mostly about things the documents never mention
    cfg = evidence_config()["two_part"]
    texts = [normalize(p.chunk.text) for p in passages]
    # (a name-shaped word the passages write inside a longer term, as the question does: "电子设计自动化软件" of
    # "…软件许可" is a thing bought, no institution whose figure it is; only beside a catalogued company asked: a
    # question about a company the catalogue does not hold keeps its name, which only a sentence naming it answers)
    if spec.entities & glossary.companies:
        spec.names = [n for n in spec.names if not part_of_written_term(n, normalize(question), texts)]
    if spec.wants_figure:  # "范围三排放" where the passages write 范围一, 范围二: only a sentence naming 范围三 answers
        spec.required += [TermGroup([item], ABSENT_WEIGHT, marked=True)
                          for item in [*numbered_items(question, texts), *lettered_items(question, texts),
                                       *ordinal_items(question, texts), *counted_items(question, texts)]
                          if not any(item in a for g in spec.required for a in g.alternatives)]
    # (a segment word opening a longer name the passages write, "国际" of "国际珠心算锦标赛": an event's name, no segment)
    spec.segments = [seg for seg in spec.segments if not _opens_written_name(seg, normalize(question), texts, glossary)]
    _widen_to_written(spec, normalize(question), texts)  # "新一线城市": not 一线城市's row
    _with_full_forms(spec, passages, texts)  # "塔机": the 塔式起重机 of a table its document heads so
    _hold_row_parts(spec, normalize(question), raw_texts)  # "五轴联动加工中心的毛利率": that row's
    _hold_volume_things(spec, texts, raw_texts)  # "毛棕榈油产量68.2万吨" beside "鲜果串产量134.2万吨": the thing asked is held
    if spec.wants_figure and spec.amount:  # "i线光刻胶", "KrF光刻胶": a product named in two scripts, as a row writes it
        spec.required += [g for g in _mixed_script_parts(question, spec, raw_texts, glossary)
                          if g not in spec.required]
    if spec.wants_figure and spec.amount and question_language(question) != "zh":  # "X's rock wool boards": no total
        spec.required += [g for g in _possessed_parts_en(question, spec, texts, glossary) if g not in spec.required]
    if spec.wants_figure and spec.amount:  # "四线城市有多少家门店": a part no passage names, written onto the word asked
        spec.required += [g for g in _absent_qualifiers(question, spec, texts) if g not in spec.required]
        # "椰子油收入是多少": a product no passage names, written right before the metric
        spec.required += [g for g in _absent_parts_of_metric(question, spec, texts, raw_texts) if g not in spec.required]
        spec.required += [g for g in _run_on_heads(question, spec, texts) if g not in spec.required]  # "栗子酒"
        spec.required += [g for g in _absent_beside_written(question, spec, raw_texts) if g not in spec.required]  # "儿童门票"
        if question_language(question) != "zh":  # "revenue from camel milk yogurt" beside "camel milk powder"
            spec.required += [g for g in _absent_parts_en(question, spec, raw_texts) if g not in spec.required]
            spec.required += [g for g in _absent_heads_en(question, spec) if g not in spec.required]  # "persimmon wine"
        # "湖南基地里冷水江矿区…": a proper name no passage writes
        spec.required += [g for g in _absent_proper_names(question, spec, texts) if g not in spec.required]
        # "莜原食品燕麦奶业务的毛利率": a brand or product the catalogue holds, after the company it belongs to
        spec.required += [g for g in _named_parts(question, spec, glossary) if g not in spec.required]
    if spec.wants_figure and question_language(question) != "zh":  # "… NPL ratio … for its farmer loans": the part's
        spec.required += [g for g in _its_parts_en(question, spec, texts, glossary) if g not in spec.required]
    if spec.wants_figure and question_language(question) != "zh":  # "What interest rate does X's bank loan carry?"
        spec.required += [g for g in _possessed_terms_en(question, spec, glossary) if g not in spec.required]
    if spec.wants_figure and question_language(question) != "zh":  # "sell into India": only 印度's figure answers
        spec.places = _places_written(spec, texts)
        spec.required += [g for g in spec.places if g not in spec.required]
        _market_revenue_forms(spec)
    stated_by = cfg.get("stated_by", {})  # (a price no passage names by its word is written as an amount per share)
    parts = split_spec(question, spec, cfg["conjunctions"], cfg.get("clause_breaks", []),
                       written=lambda phrase: any(phrase in t or (phrase in stated_by and re.search(stated_by[phrase], t))
                                                  for t in texts),
                       respectively=cfg.get("respectively", []))
    if not parts:
        cands = _scored(question, spec, passages, glossary)
        # (a Chinese question's own words; an English one's are translations, a word's senses often not the article's:
        # the sentence must hold one sense of one of them, the change asked aside)
        english = question_language(question) != "zh"
        defined = _defined_in_documents(spec, passages) if cands and spec.amount and not spec.metrics else {}
        cands = [c for c in cands if not _says_nothing_of_figure(c, spec, passages, defined, question if english else "")
                 and not _change_only(c, spec, question)]
        return _dated_first(cands, question), spec
    # two things asked: each part's sentences, each part's best first (scores relative
    # to the part's best, so that neither part crowds the other out)
    cands = []
    # (a count asked by its word is one part's: "线上渠道收入和员工总人数分别是多少" asks 人 of the staff, not of the revenue)
    count_words = [w for w in measure_words(question) if w.endswith(tuple(evidence_config()["units"]["counted_as"]))]
    for part in parts:
        if count_words and part.item and not any(w in part.item for w in count_words):
            part = replace(part, measures=[])
        found = [] if part.missing else [c for c in _scored(part.clause or question, part, passages, glossary)
                                         if not _change_only(c, part, question)]
        if part.item_forms and not any(names_item(c.text, part.item_forms) for c in found):
            found = []  # only sentences about the other item or other figures: this one is missing
        if not found and part.item:
            spec.missing.append(part.item)  # said in the answer: "未在文档中找到：…"
        top = found[0].score if found else 1.0
        cands += [replace(c, score=c.score / top) for c in found]
    cands.sort(key=lambda c: -c.score)
    kept: dict[tuple[int, str], Candidate] = {}  # a sentence both parts found is quoted once, at the better part's score
    for c in cands:
        kept.setdefault((c.passage_idx, c.text), c)
    return list(kept.values()), spec


_DAY = re.compile(r"\d{1,2}\s*月\s*\d{1,2}\s*[日号]|\b\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b"
                  r"|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\b")


def states_when(text: str) -> bool:
    """Does a sentence state a date or a period of its own ("于2026年第二季度完成", "on 27 March 2026")?"""
    return bool(_DAY.search(text) or periods(english_period_forms(text)) or dated_months(text))


def _dated_first(cands: list[Candidate], question: str) -> list[Candidate]:
    """A question asking when ([figure_question] when_asked): the sentences stating a date or a period first, the
    others at a share of their score (a shareholding table's rows say nothing of when a transfer completes)."""
    cfg = evidence_config()["figure_question"]
    if not cands or not re.search(cfg["when_asked"], question, re.IGNORECASE):
        return cands
    dated = [states_when(c.text) for c in cands]  # (read once a sentence)
    if not any(dated):
        return cands
    weight = cfg["when_undated_weight"]
    out = [c if d else replace(c, score=c.score * weight) for c, d in zip(cands, dated, strict=True)]
    return sorted(out, key=lambda c: -c.score)


def part_of_written_term(name: str, question: str, texts: list[str]) -> bool:
    """Does the question write the name on into a longer term (the next character Chinese) that a passage writes
    the same way ("电子设计自动化软件许可")?"""
    at = question.find(name)
    if at < 0:
        return False
    # (the word after it a common word of two characters or more, "许可": not the rest of a name the finder cut short,
    # "海博思" of "海博思创", a company named in passing)
    after = next((w for w in _jieba().lcut(question[at + len(name):]) if w.strip()), "")
    from chatbot.names import load_rules

    rules = load_rules()  # (nor a word names end with, "电子" of a peer "铖联电子" the finder read as "铖联")
    return bool(re.fullmatch(r"[\u4e00-\u9fff]{2,}", after)) and _jieba_freq(after) >= evidence_config()["required"][
        "term_word_min_freq"] and after not in {*rules.company_suffixes, *rules.trade_words, *rules.org_suffixes} \
        and any(name + after in t for t in texts)


def _hold_row_parts(spec: QuestionSpec, q: str, raw_texts: list[str]) -> None:
    """A compound the question writes right before the metric asked ("五轴联动加工中心的毛利率") that a table of the
    passages names a row by ("| 五轴联动加工中心 | 1,246.8 |"): a part of the company, held whole: the group's blended
    figure ("综合毛利率29.4%") is no answer for it."""
    if not spec.metrics:
        return
    labels = _table_labels(raw_texts)
    forms = [f for fs in spec.metrics for f in fs if f and not f.isascii()]
    for c, _ in spec.compounds:
        if len(c) >= 4 and re.fullmatch(r"[\u4e00-\u9fff]+", c) and any(lab.startswith(c) for lab in labels) \
                and any(re.search(re.escape(c) + r"的?" + re.escape(f), q) for f in forms) \
                and not any(c in a for g in spec.required for a in g.alternatives):
            g = TermGroup([c], ABSENT_WEIGHT, kind="word", marked=True)
            spec.groups.append(g)  # (placed in the question: a two-part question gives it to its own item)
            spec.required.append(g)
    # ... and a compound written right before the metric that no row is, though the table's rows hold its words one by one
    # ("松香树脂收入" beside the rows 脂松香 and 萜烯树脂): an item the table does not list, no row's figure its answer
    texts = [normalize(t) for t in raw_texts]
    markers = tuple(evidence_config()["required"].get("segment_markers", []))
    for c, gs in spec.compounds:
        # (a part's marker is no word of its name: "屈光手术业务" is the row 屈光手术)
        words = [g.alternatives[0] for g in gs if g.alternatives and re.fullmatch(r"[\u4e00-\u9fff]{2,}", g.alternatives[0])
                 and g.alternatives[0] not in markers]
        while c.endswith(markers):
            c = c[:-len(next(m for m in markers if c.endswith(m)))]
        if len(c) >= 4 and re.fullmatch(r"[\u4e00-\u9fff]+", c) and len(words) >= 2 \
                and any(re.search(re.escape(c) + r"的?" + re.escape(f), q) for f in forms) \
                and not any(c in t for t in texts) and not any(c in lab for lab in labels) \
                and len({lab for lab in labels for w in words if w in lab}) >= 2 \
                and not any(all(w in lab for w in words) for lab in labels) \
                and not any(re.match(rf"{re.escape(w)}\s*(?:[（(]|$)", lab) for lab in labels for w in words) \
                and not any(c in a for g in spec.required for a in g.alternatives):
            # (a row named by one of its words alone, "高端（十年陈及以上）" of "高端黄酒", is the item asked)
            g = TermGroup([c], ABSENT_WEIGHT, absent=True, kind="word", marked=True)
            spec.groups.append(g)
            spec.required.append(g)
    # ... and a row's label the question writes whole right before the metric, though it joins two things ("樱桃果干及果酱
    # 的毛利率": the row "| 樱桃果干及果酱 | 58,370 |", no two items, and never the group's "毛利率31.8%")
    held = {a for g in spec.required for a in g.alternatives}
    for lab in sorted(labels, key=len, reverse=True):
        if len(lab) >= 4 and re.fullmatch(r"[\u4e00-\u9fff]+", lab) and lab not in held \
                and any(lab in a or a in lab for a in held) \
                and any(re.search(re.escape(lab) + r"的?" + re.escape(f), q) for f in forms):
            g = TermGroup([lab], ABSENT_WEIGHT, kind="word", marked=True)
            spec.groups.append(g)
            spec.required.append(g)
            held.add(lab)


def _written_before_volume(question: str, groups: list[TermGroup]) -> list[TermGroup]:
    """The words a Chinese question writes right before a volume's noun ("激光电视出货量", "毛棕榈油产量"): the thing
    counted (held where a table lists it by name: _hold_volume_things)."""
    q = normalize(question)
    forms = [f for f in _volume_forms() if not f.isascii()]
    out = []
    for g in groups:
        if g.kind not in ("word", "term") or g.entity or g.absent:
            continue
        if any(a and not a.isascii() and len(a) >= 2 and a + f in q for a in g.alternatives for f in forms):
            g.thing = g.thing or "written"
            out.append(g)
    return out


def _hold_volume_things(spec: QuestionSpec, texts: list[str], raw_texts: list[str]) -> None:
    """The thing whose volume is asked ("How much crude palm oil did X produce"), where a passage writes it right before
    a volume's noun ("毛棕榈油产量68.2万吨"): the documents tell volumes apart by their thing, so only a sentence, row or
    heading naming it answers ("印尼加里曼丹:…鲜果串产量134.2万吨" is another thing's)."""
    forms = [f for f in _volume_forms() if not f.isascii()]
    labels = _table_labels(raw_texts)
    for g in spec.volume_things:
        written = [a for a in g.alternatives if a and not a.isascii()]
        # (or a table lists it by name beside other things: "激光电视" of a revenue table by product)
        if any(a + f in t for a in written for f in forms for t in texts) or (g.thing == "written" and any(
                a in lab for a in written for lab in labels)):
            g.thing = "held"
            if g not in spec.required:
                spec.required.append(g)


def _with_full_forms(spec: QuestionSpec, passages: list[Passage], texts: list[str]) -> None:
    """A coined abbreviation the question asks by ("塔机", "新交所": no word of the dictionary) that a document writes
    beside its full form ("塔机行业…" and "塔式起重机销量3,940台"): the full form, written at least twice in that
    document's passages, its first and last characters the abbreviation's and the rest in order between them, no
    function word inside ([required] full_form_skip), is another form of the word. `texts`: the passages' normalised."""
    from chatbot.names import dictionary_word  # (read on use, as above)

    skip = set(evidence_config()["required"]["full_form_skip"])
    for g in spec.required:
        a = g.alternatives[0] if g.kind == "word" and not g.entity and len(g.alternatives) == 1 else ""
        if not re.fullmatch(r"[\u4e00-\u9fff]{2,3}", a) or dictionary_word(a):
            continue
        docs = {p.chunk.doc_id for p, t in zip(passages, texts, strict=True) if a in t}
        text = "\n".join(t for p, t in zip(passages, texts, strict=True) if p.chunk.doc_id in docs)
        gaps = "".join(f"{re.escape(c)}[\u4e00-\u9fff]{{0,3}}?" for c in a[:-1])
        found = Counter(m.group(0) for m in re.finditer(gaps + re.escape(a[-1]), text))
        g.alternatives += [f for f, n in found.items() if n >= 2 and f != a and len(f) <= 3 * len(a)
                           and not skip & set(f[1:-1])]


def _present_in_english(spec: QuestionSpec, english_texts: list[str]) -> None:
    """A Chinese word of the question that no passage writes in Chinese, where a retrieved passage written in English
    writes one of its English forms ("玑巧科技众筹筹到了多少钱": "crowdfunding"): present, weighed as a word the index
    does not hold, so that the question is not taken for one about things the documents never mention."""
    if not english_texts:
        return
    for g in spec.groups:
        if g.absent and g.kind == "word" and re.fullmatch(r"[\u4e00-\u9fff]{2,}", g.alternatives[0]) \
                and any(_in_english(g.alternatives[0], t) for t in english_texts):
            g.absent = False


def _hold_written_runs(spec: QuestionSpec, texts: list[str], idf) -> None:
    """A coined word of the question (no dictionary word: "烤鳗", a product) that the keyword index holds only in pieces
    (its tokenizer cuts what it cannot place into characters), so that it reads as no passage's: where a retrieved
    passage writes it whole, it is present, weighed as its pieces are, and held (a row "烤鳗 | 812.4" answers "烤鳗卖了
    多少钱", not the group's revenue)."""
    from chatbot.names import dictionary_word

    absent = idf("\uffff")
    share = re.compile(evidence_config()["scope"]["share_asked"])  # ("占比": the figure asked, a share, no thing)
    skip = set(evidence_config()["required"]["skip_words"])
    noun_pos = frozenset(evidence_config()["required"]["noun_pos"])
    for g in spec.groups:
        a = g.alternatives[0] if g.alternatives else ""
        if not (g.absent and g.kind == "word" and not g.entity and re.fullmatch(r"[\u4e00-\u9fff]{2,6}", a)) \
                or dictionary_word(a) or share.search(a) or a in skip or not any(a in t for t in texts) \
                or not _noun(a, noun_pos):  # (a thing's name, no "个月" of "前11个月")
            continue
        if (w := _pieces_idf(a, idf, absent)) >= absent:
            continue
        g.absent, g.weight = False, w
        if g not in spec.required:
            spec.required.append(g)


def _widen_to_written(spec: QuestionSpec, q: str, texts: list[str]) -> None:
    """A segment of a Chinese question (and its word) that the tokenizer cut from the character before it, where the
    passages write the two as one ("新一线城市": jieba reads 新 / 一线 / 城市, and the table's rows are 一线城市 and 新一线城市): the
    segment and the word are the longer span (another row's figure is no answer)."""
    units = evidence_config()["units"]
    classifiers = {*units["classifiers"], *units["measures"]}
    covered: set[int] = set()  # the question's characters some group's word spans
    for g in spec.groups:
        for a in g.alternatives:
            if (i := q.find(a)) >= 0 and a:
                covered.update(range(i, i + len(a)))

    def wider(form: str) -> str:
        at = q.find(form)
        if len(form) < 2 or not re.fullmatch(r"[\u4e00-\u9fff]+", form) or at < 1 \
                or not re.fullmatch(r"[\u4e00-\u9fff]", q[at - 1]) or at - 1 in covered:
            return form
        longer, tag = q[at - 1: at + len(form)], dictionary_tag(q[at - 1]) or ""
        # (an adjective or noun before it, no classifier: "多少家门店" counts 门店, though the texts write "311家门店")
        return longer if any(longer in t for t in texts) and tag[:1] in ("a", "n") \
            and q[at - 1] not in classifiers else form

    _take_from_absent_next(spec, q, texts)
    segment_forms = {f for forms in spec.segments for f in forms}
    spec.segments = [list(dict.fromkeys(wider(f) for f in forms)) for forms in spec.segments]
    for g in spec.groups:  # (a segment's word only: "镍产量" is still answered by "镍金属累计产量")
        if g.kind == "word" and not g.absent and len(g.alternatives) == 1 and g.alternatives[0] in segment_forms \
                and (w := wider(g.alternatives[0])) != g.alternatives[0]:
            g.alternatives = [w]


def _mixed_script_parts(question: str, spec: QuestionSpec, texts: list[str], glossary: Glossary) -> list[TermGroup]:
    """A name written in Latin letters and Chinese together ("i线光刻胶", "KrF光刻胶", "K9旗舰系列"), which the tokenizer cuts
    at the change of script (and drops a single letter): the part asked, held whole where a passage writes it. Not a
    company's name, a period ("2025年") or a figure with its unit."""
    out: list[TermGroup] = []
    names = [normalize(a) for a in _forms_of(spec.entities, glossary)] if spec.entities else []
    from chatbot.text import _jieba

    # (a table row's label, as a table names its parts: "KrF光刻胶", "g/i线光刻胶"; not a share class or a kind of
    # customer the prose writes, "H股", "AI客户": config [required] mixed_script_skip)
    labels = [normalize(ln.strip().strip("|").split("|")[0]) for t in texts for ln in t.splitlines() if ln.lstrip().startswith("|")]
    skip = tuple(evidence_config()["required"]["mixed_script_skip"])
    for m in re.finditer(r"(?<![A-Za-z0-9])([A-Za-z][A-Za-z0-9]*)([\u4e00-\u9fff]{1,8})", question):
        first = _jieba().lcut(m.group(2))[0]  # (the word written onto the Latin: "i线", not "AI等创新业务"'s 等)
        if (len(first) == 1 and first in "的和与及等之在为是了") or first.startswith(skip):
            continue
        form = normalize(m.group(1) + first)
        if any(form in n or n in form for n in names) or periods(form) or not any(form in lab for lab in labels):
            continue
        g = TermGroup([form], ABSENT_WEIGHT, kind="word", marked=True)
        spec.groups.append(g)  # (placed in the question: a two-part question gives it to its own item)
        out.append(g)
    return out


def _possessed_terms_en(question: str, spec: QuestionSpec, glossary: Glossary) -> list[TermGroup]:
    """The finance terms an English question asking a figure by its noun ("What interest rate does X's bank loan
    carry?") writes right after a catalogued company's "'s": the thing whose figure is asked, held (the answer names
    it) whether or not a passage writes it: another loan's rate is no answer."""
    if spec.metrics or not _WHAT_FIGURE_NOUN_DOES.search(question):
        return []
    out: list[TermGroup] = []
    for m in re.finditer(r"(?:'s|’s)\s+((?:[A-Za-z\-]+\s+){0,3}[A-Za-z\-]+)", question):
        owner = question[max(0, m.start() - 40): m.start() + 1]
        if not any(e in glossary.companies for e in glossary.entities(owner)):
            continue
        phrase = f" {m.group(1).lower()} "
        for g in spec.groups:
            if g.kind == "term" and g.source and f" {g.source.lower()} " in phrase:
                g.marked = True
                out.append(g)
    return out


def _possessed_parts_en(question: str, spec: QuestionSpec, texts: list[str], glossary: Glossary) -> list[TermGroup]:
    """The words of an English question written between a company's "'s" and its metric, a verb of earning or a
    preposition ("rock wool boards" of "How much revenue did X's rock wool boards bring in", "KrF photoresist" of "X's
    KrF photoresist sales"): the part of the company asked. Each that a retrieved passage writes in one of its forms
    is marked (held: the answer, its row or a heading names it); words no passage writes are left to the scoring.
    Only with a company the documents hold, and no period or metric word among them (config [required] en_part_ends)."""
    if not spec.entities or not spec.metrics:
        return []  # (no metric the glossary knows: the words are the figure's own name, "average daily client equity")
    ends = "|".join(map(re.escape, evidence_config()["required"]["en_part_ends"]))
    skip = set(evidence_config()["required"]["en_part_skip"])  # ("average daily revenue": the metric's own words)
    metric_en = {f.lower() for forms in spec.metrics for f in forms if f.isascii()}
    out: list[TermGroup] = []
    for m in re.finditer(rf"(?:'s|’s|s'|s’)\s+((?:[A-Za-z0-9\-]+\s+){{0,4}}?[A-Za-z0-9\-]+)\s+(?=(?:{ends})\b)", question):
        owner = question[max(0, m.start() - 40): m.start() + 1]  # (a company's part: not "Hong Kong's placing route")
        if not any(e in glossary.companies for e in glossary.entities(owner)):
            continue
        words = m.group(1).lower().split()
        # (the words before the metric only: "net profit rise or fall in" names no part)
        cut = next((i for i in range(len(words)) if any(" ".join(words[i:]).startswith(f) for f in metric_en)), len(words))
        out += _marked_written(words[:cut], spec, texts, skip)
    return out


def _marked_written(words: list[str], spec: QuestionSpec, texts: list[str], skip: set[str]) -> list[TermGroup]:
    """The question's plain-word groups of these English words (no stop, skipped or period word) that a retrieved
    passage writes in one of their forms, each marked: the part asked, held."""
    out: list[TermGroup] = []
    for word in words:
        g = next((g for g in spec.groups if g.kind == "word" and not g.entity and not g.absent
                  and g.alternatives[0] == word), None)
        if g is None or word in _EN_STOP or word in skip or _PERIOD_WORDS_EN.fullmatch(word):
            continue
        if any(a and a in t for a in g.alternatives for t in texts):
            g.marked = True
            out.append(g)
    return out


def _its_parts_en(question: str, spec: QuestionSpec, texts: list[str], glossary: Glossary) -> list[TermGroup]:
    """The words of an English question's "for its …", "from its …" phrase ("for its farmer loans", "from its
    European customers"): the part of the named company asked. Each plain word a retrieved passage writes in one of its
    forms is marked (held: the answer, its row or a heading names it), so the company's whole figure ("不良贷款率
    6.84%") does not answer for the part ("农户贷款 … 4.37%")."""
    if not any(e in glossary.companies for e in spec.entities):
        return []
    skip = set(evidence_config()["required"]["en_part_skip"])
    out: list[TermGroup] = []
    # (and "from" alone: "How much revenue did X make from microscopes?")
    # (and a figure's "on"/"for" after its metric: "gross margin on master teapots")
    for m in re.finditer(r"\b(?:(?:for|from|of|on|in)\s+(?:its|their)|from|(?:margins?|revenues?|sales|profits?|income)\s+"
                         r"(?:on|for))\s+((?:[A-Za-z0-9\-]+\s+){0,3}[A-Za-z0-9\-]+)", question):
        words = [w for w in m.group(1).lower().split() if w not in _EN_STOP and w not in skip
                 and not _PERIOD_WORDS_EN.fullmatch(w) and not re.search(r"\d", w)]
        if not all(any(w in g.alternatives and not g.absent and any(a and a in t for a in g.alternatives for t in texts)
                       for g in spec.groups) for w in words) and not m.group(0).lower().startswith(("margin", "profit")):
            continue  # a word of the part no passage writes ("blue-collar" of "from blue-collar recruitment"): a part
            # the documents do not break out, left to the refusal's checks (a margin's or a profit's part holds the
            # words that are written all the same: the company's own margin is no margin of "master teapots")
        out += _marked_written(words, spec, texts, skip)
    return out


def _take_from_absent_next(spec: QuestionSpec, q: str, texts: list[str]) -> None:
    """A word of a Chinese question whose last character the tokenizer gave to the word after it, a word no passage
    holds ("海苔卷卖了多少吨": jieba reads 海苔 / 卷卖, the table's row is 海苔卷): the word is the longer span the passages
    write, and what is left of the other is a word of its own (or none, one character left)."""
    for g in list(spec.groups):
        if g.kind != "word" or g.absent or g.entity or len(g.alternatives) != 1:
            continue
        form = g.alternatives[0]
        at = q.find(form)
        if at < 0 or not re.fullmatch(r"[\u4e00-\u9fff]{2,}", form):
            continue
        after = at + len(form)
        nxt = next((h for h in spec.groups if h.absent and h.kind == "word"
                    and re.fullmatch(r"[\u4e00-\u9fff]{2,}", h.alternatives[0]) and q.find(h.alternatives[0]) == after), None)
        if nxt is None or dictionary_tag(nxt.alternatives[0]) or not any(form + nxt.alternatives[0][0] in t for t in texts):
            continue  # (a word the dictionary holds, "销售额" of "鲜品销售额", is no leftover of a cut)
        g.alternatives = [form + nxt.alternatives[0][0]]
        rest = nxt.alternatives[0][1:]  # (and the senses the word was read in: "卖" sold, 销量)
        if alternatives := [*([rest] if len(rest) >= 2 else []), *nxt.alternatives[1:]]:
            nxt.alternatives = alternatives
        else:
            spec.groups.remove(nxt)
            if nxt in spec.required:
                spec.required.remove(nxt)


def _places_written(spec: QuestionSpec, texts: list[str]) -> list[TermGroup]:
    """The English words of a question that name a place (chatbot/bilingual.py names_a_place: "India") whose Chinese
    form the passages write (印度): the place asked, which the answering sentence or its row must name, as a Chinese
    question's place word must (another region's row, or the total, is no answer)."""
    return [g for g in spec.groups if g.kind == "word" and not g.entity and not g.absent and g.alternatives[0].isascii()
            and (names_a_place(g.alternatives[0]) or demonym_place(g.alternatives[0]))  # ("European customers")
            and any(not a.isascii() and any(a in t for t in texts) for a in g.alternatives[1:])]


_ORDINALS = "一二三四五六七八九十"


def lettered_items(question: str, texts: list[str]) -> list[str]:
    """The items of a lettered series a question names ("优先C级" of "优先C级的票面利率") that the texts write with another
    letter (优先A级, 优先B级): the item asked, normalised, which only a sentence naming it answers."""
    q = normalize(question)
    out = []
    for m in re.finditer(r"(?<=[\u4e00-\u9fff])([a-z])(?=[\u4e00-\u9fff])", q):
        letter, tail = m.group(1), q[m.end()]
        for n in (2, 1, 3, 4):  # (the shortest stem the texts write the series with: "优先" of "…环保优先C级")
            stem = q[max(0, m.start() - n): m.start()]
            if len(stem) == n and re.fullmatch(r"[\u4e00-\u9fff]+", stem) and any(
                    re.search(re.escape(stem) + r"(?!" + letter + r")[a-z]" + re.escape(tail), t) for t in texts):
                out.append(f"{stem}{letter}{tail}")
                break
    return out


def ordinal_items(question: str, texts: list[str]) -> list[str]:
    """The items of a series a question names by its ordinal ("the second panda bond series", "第二期") that the texts
    write with another ordinal only ("the first series under a RMB5.0 billion registration", "首期"): the item asked,
    normalised ([series] ordinals_en, nouns_en, nouns_zh), which only a sentence naming it answers."""
    cfg = evidence_config()["series"]
    out = []
    ords_en = cfg["ordinals_en"]
    en_item, stem_re, zh_item = _series_res()
    for m in en_item.finditer(question.lower()):
        n, noun = m.group(1), m.group(2)
        item = normalize(f"{n} {noun}")
        if any(normalize(f"{o} {noun}") in t for o in ords_en if o != n for t in texts) and not any(item in t for t in texts):
            out.append(item)
    stems = cfg.get("stems_zh", "")  # ("供应商丁" where the texts write 供应商甲, 乙, 丙: the 丁 no text names)
    for m in stem_re.finditer(question) if stem_re else ():
        for n in (2, 3, 4):  # (the shortest word before it the texts write the series with: "供应商" of "…壁纸供应商丁")
            base = question[max(0, m.start() - n): m.start()]
            if len(base) < n or not re.fullmatch(r"[\u4e00-\u9fff]+", base):
                break
            if any(re.search(re.escape(base) + rf"(?!{m.group(0)})[{stems}]", t) for t in texts):
                if not any(base + m.group(0) in t for t in texts):
                    out.append(base + m.group(0))
                break
    for m in zh_item.finditer(question):
        item, noun = m.group(0), m.group(2)
        others = [f"第{o}{noun}" for o in "一二三四五六七八九十" if o != m.group(1)] + ([f"首{noun}"] if m.group(1) != "一" else [])
        if any(o in t for o in others for t in texts) and not any(item in t for t in texts):
            out.append(item)
    return out


@lru_cache(maxsize=1)
def _series_res() -> tuple[re.Pattern, re.Pattern | None, re.Pattern]:
    """[series]'s patterns: an English ordinal before its noun, a heavenly stem, a Chinese ordinal before its noun."""
    cfg = evidence_config()["series"]
    en = re.compile(rf"\b({'|'.join(cfg['ordinals_en'])})\s+(?:[a-z\-]+\s+){{0,3}}?({'|'.join(cfg['nouns_en'])})\b")
    stems = cfg.get("stems_zh", "")
    nouns_zh = "|".join(map(re.escape, cfg["nouns_zh"]))
    return en, (re.compile(rf"[{stems}]") if stems else None), re.compile(rf"第([一二三四五六七八九十])({nouns_zh})")


_COUNT_NUMERALS = "一二两三四五六七八九十"


def counted_items(question: str, texts: list[str]) -> list[str]:
    """The items a question names by a count written before their name ("两年窖藏" of "两年窖藏火腿零售价") that the
    texts write with another count (三年窖藏火腿; [series] counted_measures_zh): the item asked, which only a sentence
    naming it with its own count answers (a three-year ham's price is no two-year ham's)."""
    measures = "".join(evidence_config()["series"].get("counted_measures_zh", []))
    if not measures:
        return []
    q, out = normalize(question), []
    for m in re.finditer(rf"(?<![\d{_COUNT_NUMERALS}])([{_COUNT_NUMERALS}]|\d{{1,2}})([{measures}])([\u4e00-\u9fff]{{2}})", q):
        n, unit, name = m.groups()
        if any(re.search(rf"(?<![\d{_COUNT_NUMERALS}])(?!{re.escape(n)}{unit})(?:[{_COUNT_NUMERALS}]|\d{{1,2}}){unit}{name}", t)
               for t in texts):
            out.append(m.group(0))
    return out


def numbered_items(question: str, texts: list[str]) -> list[str]:
    """The items of a numbered series a question names ("范围三" of "范围三排放"): a noun of the dictionary, then an
    ordinal the tokenizer keeps as a word of its own (not "一手", "三号", "前一交易日"), that the texts write with
    another ordinal (范围一, 范围二)."""
    import jieba.posseg as pseg  # loaded on first use

    words = [(w.word, w.flag) for w in pseg.lcut(question)]
    out = []
    for (stem, tag), (n, _) in pairwise(words):
        if len(stem) < 2 or not tag.startswith("n") or len(n) != 1 or n not in _ORDINALS:
            continue
        if any(f"{stem}{o}" in t for o in _ORDINALS if o != n for t in texts):
            out.append(stem + n)
    return out


@lru_cache(maxsize=1)
def _code_re() -> re.Pattern:
    from chatbot.names import load_rules

    words = "|".join(map(re.escape, load_rules().code_words))
    return re.compile(rf"(?:(?:{words})\s*[:：]?\s*(\d{{4,6}}))|(\d{{4,6}})(?=\.(?:hk|sh|sz)(?![a-z]))", re.IGNORECASE)


def without_codes(text: str, figures: list[str]) -> list[str]:
    """The figures of a text less its listing codes ("股份代号：02893", "06983.HK"; config/catalogue.toml [tickers]
    code_words): a stock code is no amount."""
    codes = {n for m in _code_re().finditer(text) for n in m.groups() if n}
    return [f for f in figures if f not in codes]


def _says_nothing_of_figure(c: Candidate, spec: QuestionSpec, passages: list[Passage],
                            defined_words: dict[str, dict[str, list[str]]] | None = None, english: str = "") -> bool:
    """Does a sentence answering a figure question that names no metric the glossary knows hold none of the words
    that name the figure ("研发投入" asked: "2025年收入42.68亿元…" names the company and the year, nothing of it), in
    itself, its document's title, its headings or its table's header? It states another figure. For an English
    question (`english`: its text) the words are the senses of its words, less those of the change asked ("How much
    did Voltiq's venue count grow?" is not answered by a revenue sentence that says "同比增长")."""
    if not spec.amount or spec.metrics:
        return False
    skip = evidence_config()["required"]["skip_words"]
    words = [g for g in spec.groups if g.kind in ("word", "term", "metric") and not g.entity]
    if english:  # (a dictionary sense is loose: the finance terms' forms, and every sense when a change is asked)
        growth = any(w in english.lower() for w in evidence_config()["scope"]["growth_asked"])
        words = [g for g in words if not g.absent and not any(asks_growth_word(a, english) for a in g.alternatives)
                 and not all(a.isascii() for a in g.alternatives)
                 and (growth or g.kind == "term"
                      or (not g.alternatives[0].isascii() and g.alternatives[0] in english))]  # (or written in Chinese)
        if not words:
            return False
    if not any(not g.absent and g.alternatives[0] not in skip for g in words):
        return False  # (a word no passage holds is said by none, though its other forms may be: "产了" as 产量; a word
        # that only names the kind of figure, "金额", asks nothing, though a sentence writing it says of the figure)
    chunk = passages[c.passage_idx].chunk
    text = normalize(" ".join([c.text, chunk.title, *chunk.headings, table_header(chunk.text) if c.item else ""]))
    defined = defined_words or {}  # the document's term for the question's words ("矿产铜" for "自有矿山")
    text += " " + " ".join(w for w, terms in defined.get(chunk.doc_id, {}).items() if any(t in text for t in terms))
    if english and any(names_segment(text, forms) for forms in spec.segments):
        return False  # the segment asked ("ship overseas": 出口) names the figure
    if english and spec.measures and any(states_measure(c.text, u) for u in spec.measures):
        return False  # a count in the unit asked ("customer visits": 1,265万人次) is the figure
    # (a Chinese question's word, as an article written in English says it: "拉链" by "Zipper sales volume…")
    english_text = question_language(c.text) == "en"
    # (an English question over an article written in English: the term as the question writes it, "ship" of "Units
    # shipped")
    return not any(any(a in text or volume_by_verb(a, text) for a in g.alternatives)  # ("出货68.4万台" of 出货量)
                   or (english_text and not english and _says_in_english(g, text))
                   or (english_text and english and g.kind == "term" and g.source and normalize(g.source) in text)
                   # (or by the English of its Chinese forms: "Output" of "produce", 产量)
                   or (english_text and english and g.kind == "term"
                       and any(not a.isascii() and _in_english(a, text) for a in g.alternatives))
                   for g in words)


def _term_names_metric(context: str, term: str, metric_forms: list[str], names: list[str]) -> bool:
    """Does a heading or title write the term right before a form of the metric asked (`metric_forms`, its Chinese
    forms: "…经调整净利润增71%", the adjusted profit), so that it names the figure of the sentences under it, or as the
    rest of the asked company's name (`names`, lower case: "江海重工…" for "Jianghai Heavy Industry", catalogued 江海)?
    A title that only mentions the term ("…蓝领与AI招聘助手双轮驱动") names no figure: the total's revenue under it is
    not the segment's."""
    if not metric_forms or any(term in f for f in metric_forms):
        return True  # (a word of the metric's own form, "股" of "stock ticker": 股票代码, specifies nothing more)
    if any(f"{a}{term}" in context.lower() for a in names):
        return True
    return any(re.search(re.escape(term) + r"\S{0,3}?" + re.escape(f), context) for f in metric_forms)


def _change_against_other_base(text: str) -> bool:
    """Does a sentence state its change against another base than a year before ("较2025年3月31日的29.4亿港元增加7.5%",
    "环比上涨7.3%") and say no year-on-year word ([scope] other_base, yoy_stated)?"""
    cfg = evidence_config()["scope"]
    return bool(re.search(cfg["other_base"], text)) and not any(w in text for w in cfg["yoy_stated"])


_YEAR_FIGURE = re.compile(r"(?:19|20)\d{2}\s*年?")


@lru_cache(maxsize=1)
def _level_reached_re() -> re.Pattern | None:
    """A change word right before "到" / "至" ([scope] level_reached): it names the level reached ("年产能提高到680万箱"
    is a level, no change)."""
    cfg = evidence_config()["scope"]
    changes = sorted([*cfg["change_words"], *cfg["flow_words"]], key=len, reverse=True)
    reached = cfg.get("level_reached", [])
    return re.compile("(?:" + "|".join(map(re.escape, changes)) + ")(?:" + "|".join(map(re.escape, reached)) + ")") if reached else None


def _change_only(c: Candidate, spec: QuestionSpec, question: str) -> bool:
    """Is every figure a sentence states in its clauses naming the thing asked a change ("上半年净增门店1,126家",
    "同店销售却下滑了2.3%"), when the question asks the level at a point ("上半年末一共有多少家店": [scope] level_asked)
    and no change? A net addition is not the count ("门店总数为9,846家，较6月30日净增631家" states both)."""
    cfg = evidence_config()["scope"]
    low = question.lower()
    changes = [*cfg["change_words"], *cfg["flow_words"]]
    if not spec.amount or any(w in low for w in [*cfg["growth_asked"], *changes]) or not any(w in low for w in cfg["level_asked"]):
        return False  # (a question that says a change, "9月末新增了多少家", asks one)
    words = [a for g in spec.groups if g.kind in ("word", "term", "metric") and not g.absent for a in g.alternatives]
    clauses = [cl for cl in re.split(r"[，,；;。]", normalize(c.text)) if any(a in cl for a in words) and claim_figures(cl)]
    reached = _level_reached_re()
    return bool(clauses) and all(0 <= cl.find(f) and any(w in (reached.sub("", cl[: cl.find(f)]) if reached else cl[: cl.find(f)])
                                                         for w in changes)
                                 for cl in clauses for f in claim_figures(cl) if not _YEAR_FIGURE.fullmatch(f))
    # (a clause's year, "2024年度收入同比增长约9.5%", is its period, no level of the figure)


def row_says(g: TermGroup, row: str, spec: QuestionSpec) -> bool:
    """Does a rendered table row (normalised) say a question's word in its table's own words? A period asked
    ("前三季度") by the periods its cells' column headers name ("截至2025年9月30日止九个月"), or a sentence's own
    words name ("2025财年"); a region or segment asked with its suffix ("华南地区") by its name alone ("华南")."""
    if g.kind == "period":  # (written in the row: not a label column's "指标（2025年上半年）", over every row)
        written = periods(row) | dated_months(row)
        return bool(spec.periods) and bool(written) and period_match(spec.periods, written)
    if any(set(g.alternatives) & set(forms) for forms in spec.segments):
        return any(names_segment(row, forms) for forms in spec.segments if set(g.alternatives) & set(forms))
    return False


def names_item(text: str, item_forms: list[list[str]]) -> bool:
    """Whether `text` writes one of the forms of some word of a two-part question's item (an English word as written
    only where the text is English: a Chinese text writes its Chinese forms, and an item with none is not checked)."""
    t = normalize(text).lower()
    if question_language(text) == "zh":  # (an English word's own form: a term's Latin form, "RevPAR", is kept)
        item_forms = [forms for forms in item_forms if not all(f.isascii() for f in forms)]
        if not item_forms:
            return True
    if any(f and f in t for forms in item_forms for f in forms):
        return True
    # (a price is named by an amount per share or per unit: "按每股8.46港元…出售" names the price asked, [two_part] stated_by)
    stated_by = evidence_config()["two_part"].get("stated_by", {})
    if any(re.search(stated_by[f], t) for forms in item_forms for f in forms if f in stated_by):
        return True
    # (an English text names a Chinese item word by its English forms: "交付到欧洲" by "Europe")
    return question_language(text) == "en" and any(_in_english(f, t) for forms in item_forms for f in forms)


def _scored(question: str, spec: QuestionSpec, passages: list[Passage], glossary: Glossary) -> list[Candidate]:
    """The sentences of the passages that meet the spec's hard constraints, best first."""
    asked_text = normalize(question)
    chinese_question = question_language(question) == "zh"  # (its words named in an English sentence by their nouns)
    # (the question's words in Chinese: an English question names a row by its translation, "Europe" the row 欧洲)
    asked_words = [a for g in spec.groups if not g.entity for a in g.alternatives if len(a) >= 2 and not a.isascii()]
    total = spec.total
    texts = [normalize(p.chunk.text) for p in passages]
    cands: list[Candidate] = []
    asks_quarter = any(q and q.startswith("Q") for _, q in spec.periods)
    asks_month = any(q and re.fullmatch(r"M\d\d", q) for _, q in spec.periods)
    month_only = any(w in question.lower() for w in evidence_config()["period"]["month_only"]) \
        or any(re.search(rx, question) for rx in evidence_config()["period"]["month_flow_heads"])
    asks_flow = asks_month and (re.search(evidence_config()["period"]["flow_asked"], question) is not None or month_only)
    # (a month named as a fiscal year's end, "上一个完整财年（截至2025年3月）", asks the year)
    asks_month_flow = asks_month and (
        any(forms[0] in evidence_config()["period"]["month_flow_metrics"] for forms in spec.metrics)
        or month_only) and not _FULL_YEAR.search(question)
    asked_years = {y for y, q in spec.periods if y}
    asked_holidays = asked_holiday_forms(question)
    amount_head = _amount_head(question, spec) if spec.amount and not spec.metrics else None
    days_asked = asked_days(question)
    asks_total = any(w in question.lower() for w in evidence_config()["scope"]["total_asked"])
    # the question's compound that a passage writes as one is the documents' term for the figure asked: a
    # sentence naming none of its words ("产量…第二季度为7.95吨" for "第二季度的全维持成本") states another figure
    # (the compound itself may stand in its headings: "…成本可控" heads the article, not its cost's figure)
    # (only when the question names no metric the glossary knows: "港股上市募资" asks 募资, "港股上市" says of what)
    terms = [(c, gs) for c, gs in spec.compounds if any(c in normalize(p.chunk.text) for p in passages)
             ] if not any(g.kind == "metric" for g in spec.groups) else []
    # (those a table names a row by, "| 二板式大型注塑机 |": a kind of its last word beside others)
    row_terms = [(c, gs) for c, gs in terms if any(re.search(r"(?m)^\|[^|\n]*" + re.escape(c), p.chunk.text) for p in passages)]
    asked_companies = spec.entities & glossary.companies  # (not an exchange or a regulator)
    # the words that say what figure is asked, no company, period, place asked or phrasing: one of them must be in
    # the sentence (or its row's header) that gives the figure
    segment_words = {f for forms in spec.segments for f in forms}
    # (no word of the period asked: "end" of "at end-September"; an English question's words by their dictionary senses,
    # which may miss the article's word, "handle" for 吞吐量: a refusal, never another figure)
    english_question = question_language(question) != "zh"
    figure_words = [g for g in spec.groups if g.kind in ("word", "term", "metric") and not g.entity and not g.absent
                    and g.weight > 0 and not (g.kind == "word" and segment_words & set(g.alternatives))
                    and not _of_period(g, question)
                    and g.alternatives[0] not in evidence_config()["required"].get("not_figure_words", [])]
    # a figure is the asked company's: another name the question holds ("北垣矿业长协煤销量占比", where the
    # catalogue took 长协 for an organisation) does not let another company's sentence naming it answer
    asked = asked_companies if asked_companies and spec.wants_figure else spec.entities
    asks_forecast = bool(forecast_re().search(question.lower()))
    output_asked = asks_output(question)  # "实际生产了多少吨": no capacity answers it
    volume_kind = volume_kind_asked(question) if spec.amount else ""  # sold or made
    # (a volume asked, not money: "卖了多少钱", "卖了多少亿元", "how much revenue … sold" ask an amount of money)
    sold_money = _sold_how_much(question, spec)  # ("How much did X sell in Canada?": its sales in money, 销售额)
    volume_only = bool(volume_kind) and not _asks_money(question, spec) and not sold_money
    asks_growth = any(w in question.lower() for w in evidence_config()["scope"]["growth_asked"])
    growth_only = asks_growth_only(question)
    # an amount asked of a metric that is no rate ("收入是多少", not "毛利率"): rows of percentages do not give it (a row
    # that names a growth or a rate, "收入增长指引: 原指引12%-15%", states its percentages as such)
    rate, rate_row = _rate_res()
    rows_amount_metric = spec.amount and bool(spec.metrics) and not any(rate.search(forms[0]) for forms in spec.metrics)
    asks_yoy = any(w in question.lower() for w in evidence_config()["scope"]["yoy_asked"])
    figure_item = spec.item if not spec.by_company else ""  # (a part's company is no figure of its own)
    # growth asked of a figure no metric names and no word held specifies ("吨毛利同比变化了多少"): the figure's word
    # (with the held word, or a table row's metric, the check below reads the figure's change where that names it)
    figure = _growth_figure(question, spec) if growth_only and not spec.metrics else []
    # (a level asked of a figure no metric names, "10月鸡蛋销量是多少": the word written last, when no word held is it)
    level_head: list[str] = [] if growth_only or spec.metrics else _growth_figure(question, spec)
    if level_head in [g.alternatives for g in spec.required]:
        level_head = []
    unit_words = set(measure_words(question)) if spec.measures else set()
    counted_noun = _counted_noun(question, spec.measures) if spec.measures else ""  # "多少家门店": 门店
    heading_metrics = {normalize(m) for m in evidence_config()["headings"]["metrics"]}
    # (what lets a title name a term's figure: the metric's Chinese forms, the asked companies' names; once a question)
    metric_forms_zh = [f for forms in spec.metrics for f in forms if f and not f.isascii()]
    asked_names = [a for canon in spec.entities for a in [canon.lower(), *glossary.aliases_of(canon, codes=False)] if a]
    defined = _defined_in_documents(spec, passages)
    # (a question asking a figure per unit, "每辆车的收入", "平均每票收入", is answered by one: "单车收入")
    share_asked = bool(re.search(evidence_config()["scope"]["share_asked"], question.lower()))
    alone_asked = any(w in question.lower() for w in evidence_config()["scope"]["alone_asked"])
    # (an English term read as the per-unit figure, "dividend per share" -> 每股股息, asks it as well)
    per_unit_asked = bool(_per_unit_re().search(question) or "均" in question
                          or any(per_unit_only(normalize(question), forms) for forms in spec.metrics)
                          or any(per_unit_only(a, forms) for g in spec.groups if g.kind == "term"
                                 for a in g.alternatives for forms in spec.metrics))
    # (of several specifying words, the head when no metric is asked; beside a metric the words before it are marked)
    head_asked = [] if any(g.kind == "metric" for g in spec.groups) else _last_written(spec.required, question)
    # the generic heads of product names that no retrieved passage writes as the question does ("征程芯片"): the
    # documents call the product otherwise ("征程系列处理硬件"), named by the phrase's other words
    generic = [g for g in spec.required if g.kind_phrase and not any(g.kind_phrase in t for t in texts)]
    asks_company = bool(_ASKS_COMPANY.search(question))  # the company is the answer: it must be named
    # (who stands in a relation to the company: "控股股东是谁")
    asks_party = re.search(evidence_config()["scope"]["party_asked"], question, re.IGNORECASE) is not None
    roles_cfg = evidence_config()["scope"]["party_roles"]
    party_roles = roles_cfg if any(r in question.lower() for r in roles_cfg) else []
    # the words a row may name only in an empty cell (its column's name, no value)
    row_words = [g.alternatives for g in spec.groups if g.kind in ("word", "term", "metric") and not g.entity and not g.absent]
    # (a table passage's lead-in may be another passage of its document: the prose retrieved beside it, where the figure
    # its total row sums to is stated, evidence.total_stated)
    # the finance terms asked of articles written in English that none of their passages writes in any form (a
    # Chinese article may write a term in words its list lacks: "新订单" for 新签订单)
    english_docs = any(question_language(t) == "en" for t in texts[:3])
    absent_terms = [g for g in spec.required if spec.amount and english_docs and g.kind == "term" and g.absent
                    and not any(normalize(a) in t for a in g.alternatives for t in texts)]
    doc_prose: dict[str, str] = {}
    for p in passages:
        if p.chunk.kind != "table":
            doc_prose[p.chunk.doc_id] = doc_prose.get(p.chunk.doc_id, "") + "\n" + p.chunk.text
    counted = normalize(counted_after_unit(question, spec.measures)) if spec.amount else ""
    if spec.amount and not counted and question_language(question) != "zh":  # "How many tonnes of hairy crab …": the
        counted = _counted_en(question, spec)  # thing's Chinese (蟹), which a table of tonnes need not repeat
    date_cfg = evidence_config()["date_question"]
    asks_day = any(w in question.lower() for w in date_cfg["day_asked"])
    part_labels = _part_labels(passages) if spec.scope == "total" else set()
    day_written = re.compile(date_cfg["day_written"])
    # (of a question asking two things, the item that names the extreme: "…coupon…, and how big was the peak order book")
    extreme = extreme_written(spec.item or question) if spec.wants_figure else []
    asks_years = bool(re.search(evidence_config()["units"]["years_asked"], question, re.I))
    asks_fiscal = bool(_FISCAL_WORD.search(question))
    asks_count = _asks_count_en(question, spec)
    any_currency = asks_any_currency(question)  # ("卖了多少钱": a sum in whatever currency; read once, not per sentence)
    for pi, p in enumerate(passages):
        # (a table of its own: the prose of its document retrieved beside it names the thing, "薰衣草" of "种植面积(亩)"; a
        # passage of prose names it itself: "…污泥协同处置" elsewhere does not make "处理生活垃圾2,215万吨" the sludge's)
        doc_text = normalize(f"{p.chunk.text} {doc_prose.get(p.chunk.doc_id, '') if p.chunk.kind == 'table' else ''}") \
            if counted else ""
        chunk_norm = normalize(p.chunk.text)  # (the passage as _refers_back reads it, once per passage)
        context_text = " ".join([p.chunk.title, *p.chunk.headings])
        # (and its publisher: "明澈证券把凌跃体育的目标价调到了多少" is answered by the broker's "我们…上调至45.5港元";
        # a publisher is no company the passage is about)
        context = normalize(context_text + " " + p.chunk.publisher)
        # a section heading states the metric of what is under it (not the document's title,
        # which the first heading repeats: "…收入暴增…" is no metric for its reference list)
        # (nor a headline that states a figure of its own: "…前三季度净利大增64%，手持订单排至2028年" is no label
        # of the orders table under it; nor the headline over the sections, which is the title in other words:
        # "# 清衡环境2024年业绩：运营收入占比升至七成" heads "## 现金流与派息", whose capital expenditure is no revenue)
        # (a metric documents often state only in their headline, a stock code, is read there too: [headings] metrics)
        heads = normalize(" ".join(h for h in p.chunk.headings[1 if len(p.chunk.headings) > 1 else 0:]
                                   if h != p.chunk.title and not _headline(h)))
        headline = normalize(" ".join(h for h in p.chunk.headings if h != p.chunk.title))
        context_companies = {e for e in glossary.entities(context_text) if e in glossary.companies}
        # the companies the document is about (catalogue): a sentence in 商汤's article
        # that names no company is about 商汤, not about the company asked
        context_companies |= glossary.doc_subjects.get(p.chunk.doc_id, set()) & glossary.companies
        # in an article on two companies, a section headed by one is about that one
        roles = glossary.doc_roles.get(p.chunk.doc_id, {})  # the document's own words for a company ("目标公司")
        context_companies = _section_companies(p.chunk.headings, glossary, roles) or context_companies
        # (the periods it names only to compare are none of its own: "较2024年同期的44.22亿元" in a half-year's
        # results states no 2024 figure)
        passage_periods = periods(context_text + " " + own_text(p.chunk.text))
        passage_periods |= named_periods(context_text)
        # (a table's years are its rows' periods: a sentence of the prose around it that names none is not about
        # them: "特别股息：另派…" above a dividend history of four years states no 2023 dividend)
        prose = _prose(p.chunk.text)
        prose_periods = passage_periods if prose == p.chunk.text else \
            periods(context_text + " " + own_text(prose)) | named_periods(context_text)
        doc_about = glossary.doc_subjects.get(p.chunk.doc_id, set())
        title_lead = _title_lead(p.chunk.title, glossary)
        table_head, header_row, header_lines, table_lead, table_caption, corner = _table_view(p.chunk.text)
        if p.chunk.kind != "table":
            table_head = ""
        heading_sents = _heading_sentences(p.chunk, question, glossary)
        leads = [""] * len(heading_sents) + item_leads(p.chunk.text)
        befores = [""] * len(heading_sents) + sentences_before(p.chunk.text)
        for order, (raw, shown, item, stated) in enumerate(heading_sents + passage_sentences(p.chunk.text,
                                                                                           heading_caption(p.chunk))):
            if _disclaimer_re().search(shown):
                continue  # "本文为合成示例，…仅作说明用途": what the figures are not, no evidence of any
            norm = normalize(shown)
            if words := [w for w, terms in defined.get(p.chunk.doc_id, {}).items() if any(t in norm for t in terms)]:
                norm += " " + " ".join(words)  # the document's term for the question's words ("矿产铜" for "自有矿山")
            if not raw.lstrip().startswith("|") and _demonstrative_re().search(norm) and (ante := antecedent(norm, _text_before(p.chunk.text, raw))):
                norm += " " + ante  # "…对该厂的现场检查": the plant the sentence before names ("其潍坊…工厂")
            if states_loss(norm):  # "当季期货损益-1,260万元" states a loss
                norm += " " + evidence_config()["scope"]["signed_loss"]["adds"]
            is_row = item and raw.lstrip().startswith("|")
            if is_row and (own_table := own_table_text(p.chunk.text, raw)) != p.chunk.text:  # a later table of the
                # passage: its own header, lead-in and caption
                table_head, header_row, header_lines, table_lead, table_caption, corner = _table_view(own_table)
            parts_of_before = not is_row and shown.lstrip().startswith(tuple(evidence_config()["required"]["parts_leads"]))
            english_text = chinese_question and question_language(shown) == "en"
            mentioned = set(glossary.entities(shown)) | _role_named(shown + (" " + header_lines if is_row else ""), roles)
            # a list item's later sentence that names no company is about the company its first sentence names
            lead_companies = {e for e in glossary.entities(leads[order]) if e in glossary.companies} if leads[order] else set()
            named = (set(glossary.entities(_before_enumeration(shown))) | _role_named(_before_enumeration(shown), roles)) \
                if mentioned else mentioned
            if named and spec.entities & doc_about:  # in the asked company's own document, a company named
                # after the clause of the first figure is its client or peer ("…9.6亿元，公司曾担任博拓…的承销商")
                first = through_first_figure(_before_enumeration(shown)) or shown
                named = set(glossary.entities(first)) | _role_named(first, roles)
            own_subject = {e for e in named if e in glossary.companies} or lead_companies
            if is_row and not own_subject:  # a table's lead-in naming the company asked gives its figures in the rows
                # ("珂莓安第斯财务资料（截至6月30日止财年）：" over a subsidiary's rows in its parent's announcement)
                own_subject = {e for e in glossary.entities(table_lead) if e in asked}
            subject = own_subject or context_companies
            if amount_head is not None and is_row and _row_of_other_metric(norm, f"{header_lines} {table_caption} {table_lead}",
                                                                          amount_head, glossary):
                continue  # "环保疏浚毛利是多少": a row of a revenue table ("…收入按业务划分") gives no gross profit
            if amount_head is not None and only_as_ratio(norm, amount_head):
                continue  # an amount asked ("毛利是多少", "研发费用是多少"): a sentence naming it only as a ratio's
                # name ("毛利率28.7%", "研发费用率维持在3%以上") states another figure
            if days_asked and (stated_days := days_stated(shown)) and not stated_days & days_asked:
                continue  # a figure as of another day ("1月16日收市价…" for the 15th's price; the announcement's date)
            if asked_holidays and not all(any(f in norm or f in context for f in forms) for forms in asked_holidays):
                continue  # a holiday asked ("国庆假期"): only a sentence under or naming that holiday states its figures
            if spec.entities and subject and not (asked & (subject | mentioned)) \
                    and not ((asks_party or any(r in norm for r in party_roles)) and spec.entities & doc_about) \
                    and not (spec.entities & doc_about and own_subsidiary(subject, asked)):
                continue  # about another company (unless a party of the asked company's own document is asked: "墨穹新材的
                # 控股股东是谁" is answered by the shareholder's row in its disclosure)
            if (spec.wants_figure and (passing := asked & mentioned - subject - context_companies)
                    and not (asked & subject) and not any(_figure_of(norm, normalize(f)) for c in passing
                                                          for f in [c, *glossary.aliases_of(c, codes=False)])):
                continue  # the company asked named only in passing, after the figures, in a clause stating none
            if spec.entities and spec.wants_figure and not own_subject and len(context_companies) >= 2 \
                    and not (asked & mentioned) and not (asked & _paragraph_names(p.chunk.text, raw, glossary)) \
                    and not (asked_companies and (doc_about & glossary.companies) == asked_companies and not is_row
                             and not _role_named(" ".join(p.chunk.headings[1:]), roles)) \
                    and not (asked_companies & title_lead and not _role_named(" ".join(p.chunk.headings[1:]), roles)):
                continue  # a sentence naming no company in a document on several (an explainer comparing three), in a
                # paragraph naming none asked ("再看贝思康。2024年公司实现…" is 贝思康's): the sector's, no figure of the one asked
                # (in the asked company's own announcement, its prose outside a section on a party is its own: "集团收入约
                # 人民币18.72亿元" of the group selling a subsidiary to a buyer; so are the sentences and rows of a document
                # whose title opens with its name, "崟塔起重（3204.HK）建议以实物分派方式派发骞升吊装股份": the announcer's)
            if spec.entities and not subject and doc_about and not (spec.entities & (doc_about | mentioned)):
                continue  # in a document about another institution ("IDC:…"), naming no company: not about the one asked
            if spec.entities and spec.wants_figure and not subject and not doc_about and not mentioned:
                continue  # an explainer's sentence names no company: it states no figure of the one asked
            if spec.names and not all(n in norm or n in context for n in spec.names):
                continue  # a company the catalogue does not know: only a sentence naming it answers
            if spec.names and spec.wants_figure and not all(n in context or _figure_of(norm, n) for n in spec.names):
                continue  # named after the figures, in a clause stating none ("…增长9.1%；主要竞争对手是港豪置业等"): a
                # peer named in passing, none of whose figures the sentence gives
            if spec.metrics and not all(any(f in norm or (f in (headline if forms[0] in heading_metrics else heads)
                                                          and not (is_row and _columns_name_others(header_row, forms)))
                                                or (parts_of_before and f in normalize(befores[order]))
                                                or (is_row and (f in table_caption or f in corner
                                                                or f in _total_named(p.chunk.text, raw, doc_prose.get(p.chunk.doc_id, ""))))
                                                for f in forms) for forms in spec.metrics):
                continue  # does not state the metric asked (a sentence listing the parts, "其中在线阅读8.92亿元，IP授权及
                # 衍生2.65亿元", states the metric of the sentence before it: "上半年收入13.74亿元。"; a table's rows, the
                # metric of the line that leads into it: "按地区划分的收入（百万港元）：")
            if spec.metrics and any(any(f and f in norm for f in forms)
                                    and not any(glossary.outside_longer_metric(norm, f) for f in forms if f and f in norm)
                                    for forms in spec.metrics):
                continue  # the metric's words only inside another metric's ("毛利" of "毛利率41.3%": a rate, no gross profit)
            if spec.metrics and not per_unit_asked and any(per_unit_only(norm, forms) for forms in spec.metrics):
                continue  # states the metric per unit only ("单票收入2.05元"): another figure than the one asked
            if spec.metrics and not share_asked and any(share_base_only(norm, forms) for forms in spec.metrics):
                continue  # names the metric only as the whole of a share ("海外业务约占收入七成"): no figure of it
            if spec.wants_figure and not is_row and not all(
                    any(_figure_or_rate_of(norm, f) for f in written) for forms in [*spec.metrics, *spec.segments]
                    if (written := [n for f in forms if f and (n := normalize(f)) in norm])):
                continue  # the metric or part asked named only in a clause stating no figure, the figures another's
                # ("…收入7.89亿元，毛利率最高" for the margin; "南美收入8.93亿元…；东南亚收入与上年基本持平" for 东南亚)
            # (a row's table names it in its caption too: "东莞基地…采购的主要美国原产物项（万美元）")
            if terms and not all(c in norm or c in context or (item and (c in table_head or (is_row and c in table_caption)))
                                 or any(a in norm or (item and a in table_head) for g in gs for a in g.alternatives)
                                 for c, gs in terms):
                continue  # names the company and period, but nothing of the figure asked
            if row_terms and any(_head_without_kind(c, gs, norm, context, table_head if is_row else "") for c, gs in row_terms):
                continue  # the compound's head alone ("注塑机销量1.86万台" for "二板式大型注塑机"): every kind's total
            if (spec.amount and not spec.metrics and (not spec.required or english_question) and figure_words
                    and not any(a in norm or a in heads or a in normalize(befores[order])
                                or (is_row and (a in header_lines or a in table_lead)) or (item and a in table_head)
                                for g in figure_words for a in g.alternatives)
                    and not (english_text and any(_says_in_english(g, f"{heads} {norm}") for g in figure_words))
                    and not any(volume_by_verb(a, norm) for g in figure_words for a in g.alternatives)
                    and not (sold_money and any(w in norm for w in evidence_config()["scope"]["sold_money_words"]))):
                continue  # names the company (and the place asked) but no word of the figure asked, nor do the sentence
                # before it, a heading over it or the table's lead-in ("青岛厂房的租金上限": "…于佛山、武汉、成都、青岛及沈阳设有
                # 五个生产基地，年产能…" states another figure; "按季度看，第一季度售出2,310座" continues "…共售出墓穴7,940座"); a
                # Chinese question with a word required is held by it instead
            segment = bool(spec.scope) and _segment_figure(shown, spec, glossary, doc_about,
                                                           raw.strip().strip("|").split("|")[0].strip() if is_row
                                                           else _item_label(shown, glossary) if item else "")
            if not segment and is_row and not spec.segments:  # a row of a table by part ("| 路段 | …", "## 分路段数据")
                segment = breakdown_row(header_row, p.chunk.headings, raw.strip().strip("|").split("|")[0], asked_text,
                                        asked_words)
            elif not segment and not is_row and not spec.segments and (label := _item_label(shown, glossary)):
                # ... or a labelled line under a heading by part ("二、分品类" over "品牌鲜蛋：11月销量24,860吨")
                segment = breakdown_row("", p.chunk.headings, label, asked_text, asked_words)
            if segment and spec.scope == "explicit":
                continue  # a segment's figure does not answer the company's total
            if segment is True and spec.scope == "total" and not is_row and _part_the_tables_name(shown, spec, part_labels):
                continue  # "2025年非油品零售收入约18.72亿元" for the company's revenue: a part its own table lists by name
            if (segment is True and is_row and asks_total and not spec.wants_list and _total_row(p.chunk.text)
                    and not _asks_which_part(asked_text, header_row)
                    and not _names_a_part(p.chunk.text, [g.alternatives for g in figure_words])):
                continue  # a part's row, where the table gives the total the question asks for ("一共", "in total":
                # "合计:…下半年新开174" over the provinces' rows, for the company's openings)
            names_metric = any(f in norm for forms in spec.metrics for f in forms)
            # one specifier ("海外收入"); a question with several distinctive words describes, and is paraphrased
            # (a table row by its own cells and the header row: the rows below name other segments; a section
            # heading names the figure under it, the document's title only the article's subject: "…墓穴平均售价下滑"
            # heads its revenue sentences too, so a term, a figure's name, is taken from the title only for a
            # sentence naming the metric asked: "经调整…净利润为4.67亿元" under "…经调整净利润增71%")
            # (of several, the figure's head, the one written last, is held: "货邮吞吐量" is not answered by a
            # passengers' sentence; and those right before the metric, marked: "欧洲航线收入" is not answered by
            # "日韩航线收入约占46%")
            # (the thing whose volume is asked is held besides: it leaves the one other word held as before)
            unthing = [g for g in spec.required if g.thing != "held"]
            held = unthing if len(unthing) == 1 else [
                g for g in unthing if g.marked or g in head_asked or (g in absent_terms)]
            held += [g for g in spec.required if g.thing == "held"]
            # (a finance term asked that no passage writes in any form, "net gearing" of an article written in English:
            # whatever else the question describes, a sentence without it gives another ratio, "Net debt / EBITDA")
            scoped = without_attribution(norm)  # (a region named as where the figure came from is not its scope)
            # (a table's header supplies a word to its rows: "高端产品" of a row "高端" under "产品档次")
            if any(g.marked for g in held) and not _marked_named(scoped, heads + (f" {header_lines} {table_caption}" if is_row else ""),
                                                                 spec, glossary, p.chunk.text, generic, p.chunk.title):
                continue  # a segment the question marks ("煤化工板块"), named nowhere but in a company's name
            # (a table's caption describes every row: its word held beside one the row names itself, "设计" of
            # "味精及谷氨酸设计年产能" over the row "宁夏 | 38", for "宁夏基地的设计年产能")
            # (the head of several is named by the sentence or a section heading over it, not only by the title:
            # "…10月旅客吞吐量…" heads passengers' sentences, no cargo figure)
            if held and not all(any(a in scoped or a in (context if (g.kind != "term" or (
                                                                  names_metric and _term_names_metric(context, a, metric_forms_zh, asked_names)))
                                                                          and len(spec.required) == 1 else heads)
                                                       or (item and a in (header_lines if is_row else table_head)
                                                           and "|" in raw)  # (a row's cells; a bullet of prose is no row)
                                                       or (is_row and a in table_caption and (g.thing == "held" or any(
                                                           b in scoped for h in held if h is not g for b in h.alternatives)))
                                                       for a in g.alternatives) or _states_compound_head(norm, g, spec)
                                                   or _named_by_kind(scoped, g, generic)
                                                   or continues_item(g, norm, normalize(befores[order]), spec, held)
                                                   or _refers_back(norm, chunk_norm, g, spec)
                                                   or (english_text and _says_in_english(g, scoped))
                                                   or any(_with_share_class(a, scoped) for a in g.alternatives)
                                                   or (counted and any(a in counted for a in g.alternatives)
                                                       and any(states_measure(norm, u) for u in spec.measures)
                                                       and (any(a in doc_text for a in g.alternatives)
                                                            or (english_text and _says_in_english(
                                                                g, normalize(f"{p.chunk.text} {doc_prose.get(p.chunk.doc_id, '')}")))))
                                                   for g in held if not g.marked):
                continue  # a neighbouring figure: not the overseas, segment or item asked
            if is_row and held and joint_row_label(raw, [a for g in held for a in g.alternatives], question):
                continue  # "球拍及底板胶皮" is two lines together: no figure of the rackets alone
            if spec.metrics and held and not is_row and _held_apart_from_metric(norm, held, spec.metrics, glossary):
                continue  # "…；毛利率41.3%；…；藻蓝蛋白销量186吨": the product's clause gives its volume, the margin is the group's
                # (the thing counted, "多少万吨医疗废物", is named by the passage or the document's passages around a
                # figure in the unit asked: "江西 | 6.2" under "2025年分省份处置量（万吨）")
            if is_row and alone_asked and re.search(r"[/／、及和&]|\band\b", raw.strip().strip("|").split("|")[0]):
                continue  # a part asked on its own ("单独的i线光刻胶"): a row of it together with another ("g/i线") is not it
                # (without such a word a row's "及" may be one segment's name: "行业级无人机及解决方案")
            if is_row and _aggregate_row(shown, [*(g.alternatives for g in spec.required), *spec.segments]):
                continue  # "料酒及其他", "Japan and others": several parts' sum, not the part asked
            if is_row and not all(any(a in norm or a in header_lines for a in g.alternatives) for g in spec.places):
                continue  # another row than the place's an English question asks ("sell into India": the row 印度; a
                # title naming the place, "…获裁定印度客户须赔付…", does not make every row's figure India's)
            if (held and not spec.metrics and not item
                    and not all(any(a in norm for a in g.alternatives) or (english_text and _says_in_english(g, norm))
                                for g in held if not g.marked)
                    and glossary.metrics_in(through_first_figure(shown))):
                continue  # the item asked only in the title ("新接订单…"), the sentence's figure another metric's ("营业收入…")
            if (held and not spec.metrics and not item and level_head
                    and not all(any(a in norm for a in g.alternatives) for g in held if not g.marked)
                    and not any(a in norm or a in heads for a in level_head)):
                continue  # the item asked only in the title ("…11月鸡蛋销量…"), and the figure asked ("销量") named neither by
                # the sentence nor a heading over it: another figure of the article ("在产蛋鸡存栏2,346万只")
            # (each segment asked, named by the sentence itself or its row's header; else only over it)
            said = [names_segment(scoped, forms) or (is_row and names_segment(header_row, forms))
                    or (english_text and any(_in_english(f, scoped) for f in forms if not f.isascii()))
                    for forms in spec.segments]  # (an article written in English: "Europe" of 欧洲)
            # (a table row's segment is named by its row, its header or a section heading over it: the title speaks of
            # another line of the table, "…国际及地区航线旅客增三成" over the cargo row)
            if not all(own or names_segment(f"{heads} {table_caption}" if is_row else context, forms)
                       for own, forms in zip(said, spec.segments, strict=True)):
                continue  # the total, or another region's or tier's figure: not the segment asked
            if is_row and asks_growth and spec.segments and not segment_growth_in_row(norm, spec.segments):
                continue  # the segment's cell is a level or a share, the row's growth another figure's
            # (a figure no glossary metric names, "上网电量同比增长了多少": the word that specifies it is its metric;
            # the segment or product asked states its own change: "收益…同比下降3.5%，其中婴幼儿配方奶粉收入52.1亿元"
            # gives the total's growth and the product's level; a table row's cells are checked for the metric asked)
            # (of several words held, the one written last is the figure's head: "箱板瓦楞纸销量" grows where "销量仅微增1.2%")
            grown = ([spec.metrics] if spec.metrics else []) if is_row else [
                forms for forms in (spec.metrics, *([g.alternatives] for g in _head_of(held, question, spec.groups, spec.required)), *([f] for f in spec.segments))
                if forms]
            if (growth_only and grown and not figure_item and not (is_row and spec.segments)
                    and not all(metric_change_stated(norm, forms, spec.periods, spec.metrics if forms is not spec.metrics else None)
                                for forms in grown)):
                continue  # the metric's level, or another figure's growth: not the growth asked
                # (a table row too: its cells are its clauses, "上半年收入186.3亿元;上半年净利润24.8亿元" states levels)
            if (growth_only and figure and held and not is_row and not figure_item
                    and figure not in [g.alternatives for g in held] and not any(a in norm or a in heads for a in figure)):
                continue  # the figure written right before the change asked is no word held, and neither the sentence nor
                # a heading over it names it: "涂料销量同比增长了多少" asks the volume's growth, not "原材料价格同比下降约12%"
            if (growth_only and not grown and figure and not figure_item and not (is_row and spec.segments)
                    and not (any(a in norm or a in heads for a in figure) and metric_change_stated(norm, [figure], spec.periods))):
                continue  # the level of the figure asked ("吨毛利:48元"), or another figure's change ("收入同比:-11.3%")
            if growth_only and (spec.wants_figure or asks_yoy) and not states_change(norm):
                continue  # a level alone ("前三季度炭黑销量41.3万吨，其中第三季度14.6万吨") is no change asked
            if extreme and not any(w in norm or w in shown.lower() for w in extreme):
                continue  # a figure asked at its extreme ("股价最高涨到多少"): a sentence stating none is another figure
            if spec.year_before and not (year_before_figure().search(shown)
                                         or any(w in shown for w in evidence_config()["period"]["year_before"])
                                         or any(w in shown.lower() for w in evidence_config()["period"]["year_before_stated_en"])):
                continue  # the same period a year before asked, no year: a sentence saying nothing of the year before
            if spec.periods:
                if is_row and stated and spec.metrics:
                    stated = _metric_cells_periods(shown, stated, spec.metrics)
                elif stated and spec.metrics:
                    # (every period it states a later clause's own: the metric's is its heading's or title's, and with
                    # none there nothing ties the figure to the period asked)
                    stated = _metric_clauses_periods(shown, stated, spec.metrics, glossary.metrics_in) \
                        or context_period(p.chunk.title, p.chunk.headings)
                    if not stated:
                        continue
                if asks_month:  # a row "2025年7月 | 21.36" states July's figure, not June's
                    stated = set(stated) | dated_months(shown)
                    if not stated and not asks_flow and not periods(own_text(shown)):
                        # a sentence stating no period: the month of an event's day (its year the article's when it
                        # writes none: "1月16日港股开市前…" in an article of 2026-01-20)
                        stated = day_dated_months(shown) or yearless_day_months(shown, p.chunk.date)
                        # ("did not pay the coupon of US$17.85 million due on 15 December 2025")
                if is_row and not stated and table_lead and (
                        (lead := line_before_table(table := own_table_text(p.chunk.text, raw)).strip()).endswith((":", "："))
                        or caption_line(table)):
                    # a row of no period of its own: its table's lead-in's, a line that introduces it ("2025年前三季度分产品
                    # 收入：" over "| 高端 | 28,640 |"; read as written: "1H FY2026 revenue by region (RMB million):"),
                    # or its caption ("表1:2025财年按产品划分收入(人民币千元)" under a half-year's heading), not a
                    # paragraph before it
                    stated = periods(lead)
                if not stated and not is_row and claim_figures(shown) and not periods(own_text(shown)) \
                        and not qualifiers(own_text(shown)) - {None} and (section := _section_period(p.chunk, calendar=not asks_fiscal)):
                    stated = section  # a sentence naming no period under a section heading of one dated period ("##
                    # 2025财年业绩（截至2025年9月30日止年度）" over "末期股息每股5.8港仙。"): that period's, not a year another
                    # sentence of the passage names ("毛利率31.8%，2024财年为29.5%")
                elif stated or claim_figures(shown):  # its own periods, else its heading's or title's
                    stated = sentence_periods(shown, stated, context_period(p.chunk.title, p.chunk.headings),
                                              passage_periods if is_row else prose_periods, asks_quarter, p.chunk.date)
                    if stated and not is_row and stated < (section := _section_period(p.chunk, calendar=not asks_fiscal)):
                        stated = section  # its section's period, also by the calendar span its heading dates ("中期股息…"
                        # under "2026财年上半年（截至2025年12月31日止六个月）": the six months to 31 December 2025)
                if spec.metrics and not is_row and (own_q := metric_clause_qualifiers(shown, spec.metrics)) is not None:
                    stated = {x for x in stated if x[1] in own_q} or stated  # the metric's clause names its own part
                if asks_fiscal and (fiscal := _fiscal_section_period(shown, p.chunk)):
                    stated = fiscal  # a fiscal period asked: "截至2025年12月31日止三个月" under "2026财年第一季度" is that
                    # quarter of the fiscal year, no fourth quarter of 2025
                if not period_match(spec.periods, stated, point_in_time=states_point_in_time(shown),
                                    flow=asks_flow or asks_month_flow):  # (a month's revenue: only that month's)
                    continue  # states another period, or nothing ties it to the one asked
                if month_figure_only(shown) and spec.periods and not any(re.fullmatch(r"M\d\d(?:-\d\d)?", q or "")
                                                                           for _, q in spec.periods):
                    continue  # a month's figure ("2026年1月线上销售额620万元" under a half-year's heading) is no year's,
                    # half's or quarter's asked
                if asks_month_flow and (((own_periods := periods(own_text(shown))) and all(q is None for _, q in own_periods))
                                        or (is_row and _FULL_YEAR.search(shown.partition(":")[0]))) \
                        and not dated_months(shown):
                    continue  # a month's revenue asked: the sentence states a year's ("2025年全年收入…"), no month's
                if asks_month_flow and not is_row and all(re.fullmatch(r"M\d\d", q or "") for _, q in spec.periods) \
                        and not periods(own_text(shown)) and not any(qualifiers(own_text(shown))) and not dated_months(shown) \
                        and not any(re.fullmatch(r"M\d\d", q or "") for _, q in
                                    {*context_period(p.chunk.title, p.chunk.headings), *periods(own_text(befores[order]))}):
                    continue  # a month's flow asked ("6月一个月放出去多少"): a sentence stating no period takes no month
                    # from another paragraph of its passage ("其中6月新增放款…" beside "利息收入3.84亿元…", the year's)
                if (spec.metrics and not is_row and year_before_figure().search(shown)
                        and not period_match(spec.periods, named_periods(own_text(shown)) or stated - year_earlier(stated))
                        and not any(_year_before_clause_names(shown, forms) for forms in spec.metrics)):
                    continue  # the period asked is only the year before of another metric's figure ("收入约4.37亿元…；
                    # 毛利率由上年同期的38.6%降至31.2%" states no revenue of the year before)
                if (asks_month and stated and not any(q for _, q in stated)
                        and any(re.fullmatch(r"M\d\d", q or "") and y in asked_years for y, q in passage_periods)
                        and _FULL_YEAR.search(f"{befores[order]} {shown}" if not periods(own_text(shown)) else shown)):
                    continue  # a month asked of a passage that states months' figures: its full year's figure ("For
                    # FY2025, exports totalled…", and the line after it that carries its year) is no month's (elsewhere a
                    # month may be an event's date, "the November fire", and the year's figure its effect)
                if spec.metrics and not item and len(named_periods(own_text(shown))) > 1 and (
                        at := [named for forms in spec.metrics for named in metric_periods(norm, forms)]) and not any(
                        not named or period_match(spec.periods, named) for named in at):
                    continue  # several periods: the asked one is another metric's ("2024年全年营业收入…；2025年上半年…净利润")
                if re.match(r"^注\s*[:：]", shown):
                    continue  # an editors' note on sourcing is no answer to a figure
            if asks_yoy and _change_against_other_base(shown):
                continue  # "典当贷款结余同比增长了多少": "较2025年3月31日…增加7.5%" is a change since another date
            got = 0.0
            for g in spec.groups:
                # (an English term's Chinese form counts only outside another metric's longer form: "盈利" of "earn"
                # is not said by "每股基本盈利", earnings per share)
                if any(a in norm and (g.kind != "term" or glossary.outside_longer_metric(norm, a)) for a in g.alternatives) \
                        or (g.entity and g.entity in doc_about and not asks_company):
                    got += g.weight  # said in the sentence, or the whole document is about it
                elif (is_row or g.kind == "period") and row_says(g, norm, spec):
                    got += g.weight  # said by the row in its table's words ("截至…止九个月", "华南", "变动+17.3%"), a
                    # period by a sentence in its own ("2025财年收入…" says the "2025年" asked of a fiscal year)
                elif g.alternatives[0] in unit_words and any(states_measure(shown, u) for u in spec.measures):
                    got += g.weight  # the unit asked ("tonnes"), said by a figure in it ("142.6万吨")
                elif english_text and _says_in_english(g, norm):
                    got += g.weight  # a Chinese question's word, as an article written in English says it ("拉链": zipper)
                elif g.kind == "term" and _says_english_word(g.source, shown):
                    got += g.weight  # a short English term as an article written in English says it, a word of its
                    # own ("the new notes": not "renewal", "news"), not among the term's forms matched inside words
                elif any(a in context or (item and a in table_head) for a in g.alternatives):
                    got += 0.5 * g.weight
            cov = got / total
            if re.match(r"^注\s*[:：]", shown):
                cov *= 0.5  # editors' notes on sourcing, not facts
            elif not item and raw not in p.chunk.headings and not re.search(r"[。！？!?.”」)）]$", shown) and not (
                    re.search(r"[：:]$", shown) and claim_figures(shown)):
                cov *= 0.7  # a sentence cut off in the source ("…市值要求从60亿港元降至"; not a table's lead-in, "拟募集
                # 资金约17.9亿元人民币，投向如下（人民币万元）：")
            figs = claim_figures(shown) or (_DURATION_YEARS.findall(shown) if asks_years else [])  # ("受保护多少年":
            # "保护期为20年" is a count of years, no calendar year)
            if is_row and rows_amount_metric and not share_asked and not asks_growth and not asks_yoy \
                    and not rate_row.search(norm) \
                    and (own := [f for f in without_codes(shown, figs) if not _YEAR_FIGURE.fullmatch(f)]) \
                    and all(f.endswith("%") for f in own):
                continue  # a row of shares ("电商:2025财年占比16%" under "按渠道划分的收入占比") is no amount of the metric
            if asks_count and money_only(norm):
                continue  # "How many ostriches …": a count of things, no row of revenue ("鸵鸟肉:收入118,700千元")
            if spec.amount and not without_codes(shown, figs):
                continue  # "how much": a sentence that states no figure (an announcement's opening line, its stock
                # code the only number: "润脉生物（股份代号：02893）3月23日公布…业绩") does not answer
            if spec.unit and not any(spec.unit in f for f in figs) and not (spec.unit.endswith("元") and spec.unit in shown) \
                    and not currency_written(shown, spec.unit) and not in_another_scale(shown, spec.unit, question) \
                    and not (is_row and (_caption_states_unit(f"{header_lines} {table_lead} {' '.join(p.chunk.headings)}", spec.unit)
                                         or _cell_unit(shown, spec.unit))) \
                    and not (spec.unit == "元" and _money_subunit(shown)) \
                    and not (spec.unit == "元" and any_currency and (money_figure(shown) or sum_in_own_currency(norm))):
                continue  # asks "多少亿元": a sentence with only percentages does not answer (a row under a caption
                # "（单位：人民币千元）" is in 千元; "每股派多少钱" is answered in 港仙)
            if spec.unit and spec.segments and not is_row and segment_without_unit_figure(
                    shown, spec.segments, spec.unit, any_currency=any_currency):
                continue  # the segment's own clause gives no amount: the sentence's amount is another segment's
            if spec.measures and not any(states_measure(shown, u) for u in spec.measures) \
                    and not (counted_noun and counts_noun(shown, counted_noun)) \
                    and not (is_row and any(_caption_states_unit(f"{header_lines} {table_lead} {' '.join(p.chunk.headings)}", u)
                                            for u in spec.measures)) \
                    and not (is_row and counted_noun and len(counted_noun) >= 2 and counted_noun in f"{heads} {table_lead}"
                             and not _caption_states_unit(f"{header_lines} {table_lead} {heads}", "元")) \
                    and not (english_text and counted_noun and re.search(r"\d", shown)
                             and _in_english(counted_noun, f"{norm} {header_lines if is_row else ''}")) \
                    and not (is_row and row_counts(shown, row_words, spec.measures)
                             and not _caption_states_unit(header_lines, "元")):  # (a table of money counts nothing)
                continue  # asks "多少平方米", "how many tonnes": a count or a rate beside the area or weight is no answer
            if spec.amount and spec.metrics and not item and metric_without_figure(shown, spec.metrics):
                continue  # the metric's own clause states no figure: the sentence's figures are another's
            if (spec.amount and spec.periods and not asks_forecast and before_period_end(spec.periods, p.chunk.date or "")
                    and forecast_only(shown)):
                continue  # a forecast made before the period ended ("预计第三季度交易量为8.8万至9.2万辆"), no result
            if (spec.amount and not spec.periods and not asks_forecast and (planned := periods(shown))
                    and before_period_end(planned, p.chunk.date or "") and forecast_only(shown)):
                continue  # no period asked: a plan for a period still to come ("公司计划2026年净增门店约150家") is no
                # figure the company has
            if spec.amount and output_asked and capacity_only(shown):
                continue  # "实际生产了多少吨": a line built to make 1,000 tonnes a year says nothing of what it made
            if volume_only and states_other_volume(f"{shown} {header_lines if is_row else ''}", volume_kind):
                continue  # "how many tonnes did X sell": a row of what its plants produced is another volume (a sum of
                # money asked, "卖了多少钱", is no volume: a revenue row of "五轴联动加工中心" is no volume processed)
            if volume_only and is_row and _money_table(f"{header_lines} {table_caption}", norm):
                continue  # "激光电视出货量是多少": a row of a revenue table ("产品 | 收入 | 同比") states money, no volume
            if volume_only and money_only(norm):
                continue  # "头戴式耳机出货量是多少": a row of the product's revenue ("774,580千港元") is no volume
            if is_row and named_in_empty_cell(shown, header_lines, row_words):
                continue  # a word asked named by the row only in an empty cell ("渔线轮/北美:本期间收入96,210;…;本期间
                # 分部业绩;": a region's row gives no segment result): its other figure is no answer
            if spec.metrics and is_row and row_metric_without_figure(shown, spec.metrics):
                continue  # the row's cell of the metric asked holds no figure ("毛利率 | —"): not given for it
            score = cov
            writes_day = asks_day and day_written.search(shown.lower()) is not None
            if spec.wants_figure:
                score *= 1.0 if figs or writes_day else 0.8  # (the day asked is the figure: "首个赎回日为2031年1月28日")
            if asks_day and not writes_day:
                score *= date_cfg["missing_factor"]  # "哪一天": a sentence writing no day ranks below one that does
            if volume_only and not states_volume_of(f"{shown} {header_lines if is_row else ''}", volume_kind):
                score *= evidence_config()["scope"]["volume_missing_factor"]  # "腊肠卖了多少": the line of its 销量 first,
                # before one that names the sausage and states other figures ("长度为1,286.4米")
            if segment or (asks_total and is_row and not spec.wants_list and not _is_total_label(raw)
                           and normalize(raw.strip().strip("|").split("|")[0]) not in asked_text):
                # (a row of one item, where the question asks what they come to: "与资产相关的一共有多少" over a list of
                # grants, each dated, beside the sentence that states their sum)
                score *= evidence_config()["scope"]["segment_factor"]
            if not all(said):
                score *= evidence_config()["scope"]["segment_context_factor"]  # the segment said only over it
            if asked_companies and doc_about and not asked_companies & doc_about:
                score *= evidence_config()["lookalike"]["passing_mention_factor"]  # another company's article
            score += 0.03 / (1 + pi)  # prefer better-ranked passages on ties
            cands.append(Candidate(pi, raw, shown, order, item, cov, score, figs, set(stated), part=bool(segment)))
    for g in spec.required:  # the segment as the question names it, where some sentence does
        if g.phrase and any(g.phrase in normalize(c.text) for c in cands):
            cands = [c for c in cands if g.phrase in normalize(c.text)]
    cands.sort(key=lambda c: -c.score)
    return _collapse_repeats(cands, passages, docs_about(asked_companies, glossary.doc_subjects))


def _metric_cells_periods(row: str, stated, metrics: list[list[str]]) -> set:
    """The periods a table row states of the metric asked: its label's and those of the cells naming the metric
    ("澳门:收入（百万港元）118.3;同比+7.9%;门店数（9月末）27" states no period of its revenue: the month-end is the store
    count's column). A row whose cells name no metric asked keeps every period it states."""
    label, _, rest = row.partition(":")
    cells = [c for c in rest.split(";") if any(f and f in normalize(c) for forms in metrics for f in forms)]
    if not cells:
        return set(stated)
    return _periods_written_in(label + " " + " ".join(cells), stated)


def _periods_written_in(text: str, stated) -> set:
    """Those of the periods `stated` that `text` writes: the period, its qualifier, or a year's number."""
    own, quals = periods(text), qualifiers(text)
    return {p for p in stated if p in own or (p[1] and p[1] in quals) or (not p[1] and p[0] and p[0] in text)}


def _metric_clauses_periods(sentence: str, stated, metrics: list[list[str]], metrics_in: Callable[[str], list]) -> set:
    """The periods a sentence of several clauses (split at "；") states of the metric asked: not those a later clause
    naming another metric writes of its own figure ("收入6.84亿港元…；毛利率51.2%；股东应占亏损4,120万港元，2024财年亏损
    6,380万港元" states no 2024 gross margin: the year is the loss's comparison); a later clause naming no metric goes on
    with the metric's figures ("毛利率波动大:2023年76.4%,2024年53.2%;2025年上半年31.9%"). A sentence of one clause, or
    none naming the metric, keeps every period it states. `metrics_in`: the metrics a text names (the glossary's)."""
    clauses = re.split(r"[；;]", normalize(sentence))
    named = [i for i, c in enumerate(clauses) if _names_metric(c, metrics)]
    if len(clauses) < 2 or not named:
        return set(stated)
    own_clauses = "；".join(c for i, c in enumerate(clauses) if i <= max(named) or not metrics_in(c))
    written = periods(normalize(sentence))  # (a period carried from the sentence before, written nowhere in this one,
    # is kept)
    return {p for p in stated if p not in written} | _periods_written_in(own_clauses, stated)


def metric_clause_qualifiers(sentence: str, metrics: list[list[str]]) -> set | None:
    """The parts of the year the metric's own clauses (split at "；") name, when each names one and no year, in a sentence
    of several clauses ("…其中第四季度出货58.7万台；全年收入约人民币52.38亿元": {None}, the full year: no fourth-quarter
    revenue); None otherwise."""
    clauses = re.split(r"[；;]", normalize(sentence))
    named = [c for c in clauses if _names_metric(c, metrics)]
    if len(clauses) < 2 or not named or any(periods(c) for c in named):
        return None
    own = [qualifiers(c) for c in named]
    return set().union(*own) if all(own) else None


def _growth_figure(question: str, spec: QuestionSpec) -> list[str]:
    """The forms of the figure whose change a question asks when no metric names it: the Chinese word written last
    before the change asked ("毛利" of "吨毛利同比变化了多少"), whatever its weight, that is no word of the change, no
    company's or other name's and no word that only asks ([required] skip_words); a noun, or a word the dictionary
    does not hold whole. [] if none."""
    cfg, q, low = evidence_config(), normalize(question), question.lower()
    cut = min((q.find(normalize(w)) for w in cfg["scope"]["growth_asked"] if w in low and q.find(normalize(w)) >= 0),
              default=len(q))
    noun_pos = frozenset(cfg["required"]["noun_pos"])
    words = [(q.rfind(g.alternatives[0], 0, cut), g.alternatives) for g in spec.groups
             if g.kind == "word" and not g.absent and re.fullmatch(r"[\u4e00-\u9fff]{2,}", g.alternatives[0])
             and not asks_growth_word(g.alternatives[0], question) and g.alternatives[0] not in cfg["required"]["skip_words"]
             and not any(g.alternatives[0] in n for n in spec.names)
             and (_noun(g.alternatives[0], noun_pos) or not _in_dictionary(g.alternatives[0]))]
    placed = [(at, forms) for at, forms in words if at >= 0]
    if not placed and question_language(question) != "zh" and re.search(r"\bchange[sd]?\b", low):
        # an English question asking how a thing changed: the last word or term written before the change ("herds" of
        # "By how much did the number of camels in X's partner herds change year on year"), with the Chinese forms a
        # term gives it (not "top-line growth": a metric's growth, written in the article's own words, "revenue growth")
        change = min((low.find(w) for w in cfg["scope"]["growth_asked"] if w in low), default=len(low))
        changes = {*cfg["scope"]["change_words"], *cfg["scope"].get("change_words_en", []), *cfg["scope"]["growth_asked"]}
        for g in spec.groups:
            if g.kind not in ("word", "term") or g.entity or g.absent or g.weight <= 0 or set(g.alternatives) & changes \
                    or g.alternatives[0] in cfg["required"]["skip_words"]:
                continue
            placed += [(m.start(), g.alternatives) for a in g.alternatives if a.isascii()
                       for m in [re.search(rf"(?<![a-z]){re.escape(a.lower())}", low[:change])] if m]
    return max(placed)[1] if placed else []


def _last_written(required: list[TermGroup], question: str) -> list[TermGroup]:
    """The Chinese word of `required` (not marked) the question writes last (none in an English question)."""
    q = normalize(question)
    placed = [(q.rfind(g.alternatives[0]), i) for i, g in enumerate(required)
              if not g.marked and re.search(r"[\u4e00-\u9fff]", g.alternatives[0]) and q.rfind(g.alternatives[0]) >= 0]
    return [required[max(placed)[1]]] if placed else []


def _head_of(held: list[TermGroup], question: str, groups: list[TermGroup], required: list[TermGroup]) -> list[TermGroup]:
    """Of a question's several specifying words (`required`), the figure's head: the distinctive word the question
    writes last, required or not ("销量" of "箱板瓦楞纸销量同比增长多少", where 箱板 and 瓦楞纸 are required), no word
    of the change asked; one word held of one required is its own head."""
    if len(required) <= 1:
        return held
    cfg, q = evidence_config()["required"], normalize(question)
    words = [*required, *(g for g in groups if g.kind == "word" and not g.absent and g.weight >= cfg["min_weight"]
                      and g.alternatives[0] not in cfg["skip_words"] and not asks_growth_word(g.alternatives[0], question))]
    placed = [(q.rfind(g.alternatives[0]), i) for i, g in enumerate(words) if q.rfind(g.alternatives[0]) >= 0]
    return [words[max(placed)[1]]] if placed else held


def _is_metric(words: str, glossary: Glossary) -> bool:
    """Do the words end with a metric's own form ("net profit", "toll revenue": the revenue of tolls), not a longer
    term holding one ("net profit margin")?"""
    w = " ".join(words.lower().split())
    return any(w == f or w.endswith(f" {f}") or (not f.isascii() and w.endswith(f))
               for m in glossary.metrics_in(words) for f in {f.lower() for f in [m, *glossary.metrics[m]]} if f)


def _headline(heading: str) -> bool:
    """Does a heading state an amount or a rate of its own ("…净利大增64%…"; a ticker, "(2382.HK)", is none)?"""
    return any(re.search(r"%|[亿万千]|元", f) for f in claim_figures(heading))


@lru_cache(maxsize=1)
def _attribution_re() -> re.Pattern:
    cues = "|".join(map(re.escape, sorted(evidence_config()["required"]["attribution_cues"], key=len, reverse=True)))
    return re.compile(rf"[，,；;]\s*(?:{cues})[^，,；;。.\d]*(?=[，,；;。.]|$)")


@lru_cache(maxsize=1)
def _inclusion_re() -> re.Pattern:
    cues = "|".join(map(re.escape, sorted(evidence_config()["required"]["inclusion_cues"], key=len, reverse=True)))
    members = evidence_config()["required"].get("member_bracket", "")
    return re.compile(rf"[（(]\s*(?:{cues})[^（()）]*[）)]" + (f"|{members}" if members else ""))


@lru_cache(maxsize=1)
def _group_members_re() -> re.Pattern:
    return re.compile(evidence_config()["required"]["group_members"])


def _without_group_members(sentence: str) -> str:
    """The sentence less the items it lists as members of a group ("湿巾、卫生巾等其他产品，合计8.3亿元"), in each clause
    that does not give them figures one by one ("分别", [two_part] respectively)."""
    each = evidence_config()["two_part"].get("respectively", [])
    return "".join(c if any(w in c for w in each) else _group_members_re().sub("", c)
                   for c in re.split(r"(?<=[，,；;。])", sentence))


def without_attribution(sentence: str) -> str:
    """The sentence less the clauses after its figure that say where the figure came from and state no figure of
    their own ("海外收入6.9亿元，同比增长86%，主要来自中东和东南亚市场", "…收入14.02亿元，主要受订阅收入带动"; config/evidence.toml
    [required] attribution_cues), less the brackets that say what the figure includes ("产量（含镍铁及高冰镍）为3.42万吨":
    [required] inclusion_cues), and less the items listed as members of a group whose figure it states ("轴承钢、齿轮钢、
    模具钢等高端特钢品种销量41万吨": [required] group_members): a region or a product named there is no scope of the figure."""
    return _without_group_members(_inclusion_re().sub("", _attribution_re().sub("", sentence)))


def _defined_in_documents(spec: QuestionSpec, passages: list[Passage]) -> dict[str, dict[str, list[str]]]:
    """Per document, the question's words (its compounds, and its words that are no company, metric or period)
    that a definition among the document's passages uses, with the terms defined (chatbot.defined_terms)."""
    words = [c for c, _ in spec.compounds] + [g.alternatives[0] for g in spec.groups
                                              if g.kind in ("word", "term") and g.alternatives]
    texts: dict[str, list[str]] = {}
    for p in passages:
        texts.setdefault(p.chunk.doc_id, []).append(p.chunk.text)
    out = {d: defined_as(words, "\n".join(ts)) for d, ts in texts.items()} if words else {}
    return {d: m for d, m in out.items() if m}


@lru_cache(maxsize=1)
def _enumeration_re() -> re.Pattern:
    cues = evidence_config()["subject"]["enumeration_cues"]
    return re.compile("|".join(map(re.escape, sorted(cues, key=len, reverse=True))))


def _before_enumeration(sentence: str) -> str:
    """The sentence up to a list of names it gives ("…，包括中兴通讯、第四范式…"), less a clause naming peers ("雪菌农业
    等同业亦在扩产"): the companies listed there take part in what it reports; they are not whom it reports on."""
    m = _enumeration_re().search(sentence)
    sentence = sentence[: m.start()] if m else sentence
    markers = evidence_config()["subject"].get("peer_markers", [])
    if not any(w in sentence for w in markers):
        return sentence
    return "，".join(c for c in re.split(r"[，,；;]", sentence) if not any(w in c for w in markers))


def _marked_named(norm: str, heads: str, spec: QuestionSpec, glossary: Glossary, passage: str = "",
                  generic: list[TermGroup] | None = None, title: str = "") -> bool:
    """Does the sentence, or a section heading over it (or a table's header over a row), name each marked segment of
    the question outside the companies' names ("电器" of "small appliances" is not named by "凯沃电器")? A sentence
    that points back to a segment ("该分部毛利率为26.4%，经营亏损为3亿元") names the one its passage names. A generic
    head (`generic`, _named_by_kind) is named by the other words of its phrase."""
    parts = {a for g in spec.required if g.marked and g.kind == "entity" for a in g.alternatives}  # (_named_parts)
    forms = [f.lower() for f in _forms_of(spec.entities, glossary) if f and f.lower() not in parts]
    text = text_without(norm, forms) + " " + text_without(heads, forms)
    markers = evidence_config()["required"].get("segment_markers", [])
    if passage and any(f"{w}{m}" in norm for m in markers for w in ("该", "此")):
        text += " " + text_without(normalize(passage), forms)
    # (an article written in English names it in English: "Europe" of the row asked as 欧洲)
    whole = f"{norm} {heads}"  # (a numbered name holds the company's short name: "溟珂7号")
    return all(any(a in text for a in g.alternatives) or _named_by_kind(text, g, generic or [])
               or (g.source == DESIGNATED_SOURCE and any(a in whole for a in g.alternatives))
               or (bool(passage) and _refers_back(norm, normalize(passage), g, spec, normalize(title)))
               or (re.search(r"[a-z]{3,}", text) is not None and _says_in_english(g, text))
               or _refers_back_en(norm, normalize(f"{title} {passage}"), g, spec)
               for g in spec.required if g.marked)


def _refers_back_en(norm: str, before: str, g: TermGroup, spec: QuestionSpec) -> bool:
    """Does an English sentence open with "the" and a word of the question ("The campaign raised US$2.36 million…") that
    the title or its passage writes right after the marked word ("… crowdfunding campaign …"): the thing named before,
    the marked word not repeated? (Normalised text: no spaces.)"""
    lead = re.sub(r"^[\s\-•*·]+", "", norm)
    if not lead.startswith("the"):
        return False
    heads = [a for h in spec.groups if h is not g and h.kind in ("word", "term") and not h.entity
             for a in h.alternatives if re.fullmatch(r"[a-z]{3,}", a)]
    return any(lead.startswith(f"the{h}")
               and any(f"{a}{h}" in before.replace(lead, "") for a in g.alternatives if re.fullmatch(r"[a-z]{3,}", a))
               for h in heads)


@lru_cache(maxsize=1)
def _referent_openers() -> str:
    """[required] referent_openers as one alternation, built once."""
    return "|".join(map(re.escape, evidence_config()["required"]["referent_openers"]))


def _refers_back(norm: str, passage: str, g: TermGroup, spec: QuestionSpec, title: str = "") -> bool:
    """Does a sentence opening with a head word of the question, bare or after a referring word ("新基地总投资约3.6亿元",
    "直航航程约32天": [required] referent_openers), speak of the thing its passage named before with the marked word
    (the passage writes the word and, a few characters on, that head: "新陈化仓储基地", "青岛至巴西桑托斯大蒜冷藏直航")?"""
    lead = re.sub(r"^[\s\-•*·]+", "", norm)
    openers = _referent_openers()
    heads = [h.alternatives[0] for h in spec.groups if h.kind == "word" and not h.absent and not h.marked
             and not h.entity and re.fullmatch(r"[\u4e00-\u9fff]{2,}", h.alternatives[0])]
    before = passage[:max(0, passage.find(lead))]
    if any(re.match(rf"(?:{openers})?{re.escape(h)}", lead)
           and any(re.search(rf"{re.escape(a)}[\u4e00-\u9fff]{{0,10}}?{re.escape(h)}", before) for a in g.alternatives if a)
           for h in heads):
        return True
    # (a demonstrative and a measure word before the head, "这件旗袍由6名绣工完成…", an English question's word in Chinese
    # too: the thing the sentence before named with the marked word, anywhere in it, "伦敦一家设计美术馆…将…手工旗袍…")
    # (the passage's first sentence points at the title's thing: "…手工旗袍获伦敦设计美术馆永久收藏")
    head = before.rstrip("。！？!? \n-•*·")
    last = re.split(r"[。！？!?]", head)[-1] if head.strip() else title
    pointed = [a for h in spec.groups if h.kind == "word" and not h.absent and not h.marked and not h.entity
               for a in h.alternatives if re.fullmatch(r"[\u4e00-\u9fff]{2,}", a)]
    return bool(last) and any(re.match(rf"这[\u4e00-\u9fff]{re.escape(h)}", lead) and h in last
                              and any(a and a in last for a in g.alternatives) for h in pointed)


def own_subsidiary(subject: set[str], asked: set[str]) -> bool:
    """Is each company a sentence is about one whose name holds the coined head of an asked company's name (its
    opening two characters or more, no dictionary word: "楠樾" of "楠樾家具" in "仙游楠樾")? In the asked company's own
    document, that is its subsidiary: what the subsidiary owes, earns or holds is the company's own."""
    from chatbot.names import dictionary_word

    heads = [a[:n] for a in asked if re.fullmatch(r"[\u4e00-\u9fff]{3,}", a)
             for n in range(len(a) - 1, 1, -1) if not dictionary_word(a[:n])]
    return bool(subject) and bool(heads) and all(s not in asked and any(h in s for h in heads) for s in subject)


def joint_row_label(raw: str, asked: list[str], question: str) -> bool:
    """Does the question ask an item alone ([required] alone_words: "单是球拍一项收入") where a table row's label joins
    two items ("| 球拍及底板胶皮 | 312,740 |"), one of them the item asked (`asked`: the question's required words) and the
    other one the question does not name? The row's figure is both items' together, none of the one asked."""
    if not raw.lstrip().startswith("|") or not any(re.search(w, question, re.IGNORECASE)
                                                  for w in evidence_config()["required"]["alone_words"]):
        return False
    # (a bracket is the label's note, no item: "高端（十年陈及以上）")
    label = re.sub(r"[（(][^（()）]*[)）]", "", normalize(raw.strip().strip("|").split("|")[0]).lower())
    joiners = "|".join(re.escape(j.strip() or j) for j in sorted(evidence_config()["required"]["joint_label_joiners"],
                                                                    key=len, reverse=True))
    parts = [x.strip() for x in re.split(rf"\s*(?:{joiners})\s*", label) if x.strip()]
    if len(parts) < 2:
        return False
    words = [a.lower() for a in asked if len(a) >= 2]
    q = normalize(question).lower()
    return any(any(w in x for w in words) for x in parts) and any(
        not any(w in x for w in words) and x not in q for x in parts)


def _named_by_kind(text: str, g: TermGroup, generic: list[TermGroup]) -> bool:
    """Is `g` the generic head of a product's name ("积木" of "奥特曼积木", "芯片" of "征程芯片") that no retrieved
    passage writes as the question does (`generic`), and does the text name the product by the phrase's other words
    ("奥特曼IP系列", "征程系列处理硬件")? The head says what kind of thing the product is; the documents may say it
    otherwise."""
    return g in generic and bool(g.kind_of) and all(any(a in text for a in o.alternatives) for o in g.kind_of)


def _states_compound_head(norm: str, g: TermGroup, spec: QuestionSpec) -> bool:
    """Does the sentence state a figure right after the words of the question's compound that
    the required word ends ("能繁母猪存栏" asked, "9月末能繁母猪315万头" in a table's row): the
    compound's last word names the kind of figure that its other words' thing has."""
    for c, gs in spec.compounds:
        if len(gs) >= 3 and gs[-1] is g and c.endswith(g.alternatives[0]):
            thing = c[: len(c) - len(g.alternatives[0])]
            if re.search(re.escape(thing) + r"(?:[（(][^）)]{0,8}[）)])?[\d]", norm):
                return True
    return False


def _collapse_repeats(cands: list[Candidate], passages: list[Passage], about: set[str]) -> list[Candidate]:
    """One sentence said in several documents counts once, from the asked company's own
    document, else the earliest-dated (chatbot.collapse), at its best copy's score. List
    items and table rows stay: their place in their list matters."""
    def chunk(c: Candidate) -> Chunk:
        return passages[c.passage_idx].chunk

    sentences = [c for c in cands if not c.item]
    if len(sentences) < 2:
        return cands
    kept = [replace(k, score=copies[0].score) for k, copies in
            collapse(sentences, lambda c: c.text, lambda c: chunk(c).doc_id, lambda c: chunk(c).date, about)]
    out = kept + [c for c in cands if c.item]
    out.sort(key=lambda c: -c.score)
    return out


def _paragraph_names(text: str, raw: str, glossary: Glossary) -> set[str]:
    """The companies the paragraph (line) holding a sentence names before it ("再看贝思康。2024年公司实现…")."""
    key = raw.strip() if raw else ""
    line = next((ln for ln in text.splitlines() if key and key in ln), "")
    return set(glossary.entities(line[:line.find(key)])) if line else set()


def _role_named(text: str, roles: dict[str, str]) -> set[str]:
    """The companies a text names by the words its document defines for them ("目标公司2024年净利润…": the target)."""
    return {c for r, c in roles.items() if r in text}


def _year_before_clause_names(sentence: str, forms: list[str]) -> bool:
    """Does a clause of the sentence that gives a figure for the same period a year before ("毛利率由上年同期的38.6%…")
    name the metric (one of `forms`)?"""
    words = evidence_config()["period"]["year_before"]
    return any(any(w in clause for w in words) and any(f in clause for f in forms if f)
               for clause in re.split(r"[，,；;。]", normalize(sentence)))


def _section_companies(headings: list[str], glossary: Glossary, roles: dict[str, str] | None = None) -> set[str]:
    """The companies the deepest heading naming any names ("特步：专业跑鞋…" under "特步与361度…"), by name or by the
    word its document defines for one ("目标公司财务资料" under a title naming the buyer and the target: the target's;
    the title, the first heading, is read by name only)."""
    for i, h in reversed(list(enumerate(headings))):
        named = {e for e in glossary.entities(h) if e in glossary.companies} | (_role_named(h, roles) if roles and i else set())
        if named:
            return named
    return set()


def _of_period(g: TermGroup, question: str) -> bool:
    """Is an English word of the question (a group's first form) a part of the period it asks: the periods it names
    change without it ("end" of "at end-September")?"""
    word = g.alternatives[0]
    if not re.fullmatch(r"[a-z][a-z\-]*", word):
        return False
    without = re.sub(rf"(?i)(?<![a-z]){re.escape(word)}(?![a-z])", " ", question)
    return without != question and periods(without) != periods(question)


def _asks_which_part(question: str, header_row: str) -> bool:
    """Does the (normalised) question ask about the parts themselves: the word heading their column ("哪个省份…最快")
    or which one ("哪个", "which")?"""
    first = normalize(header_row.strip().strip("|").split("|")[0]) if header_row else ""
    return bool(first and first in question) or re.search(r"哪(?:个|家|些|一)|\bwhich\b", question) is not None


_FULL_YEAR = re.compile(r"\bFY\s?\d{2,4}\b|财年|全年|年度|\bfull[- ]year\b|\bfor the year\b|\bannual\b", re.IGNORECASE)
_SECTION_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|（[一二三四五六七八九十]{1,3}）|\d{1,2}[.、．]\s*)")


def _aggregate_row(row: str, asked: list[list[str]]) -> bool:
    """Is a rendered row ("料酒及其他:收入2,570万元", "鱿鱼及其他渔获:…") labelled with a part asked, then a word that adds
    the other parts (config/evidence.toml [scope] aggregate_row_tails: "及其他", "and others")?"""
    label = normalize(row.split(":", 1)[0]).lower()
    tails = _aggregate_tails()
    # (a noun may follow the tail: "鱿鱼及其他渔获")
    return any(label.startswith(a.lower()) and ((rest := label[len(a):].strip()) in tails or any(
        rest.startswith(t) and re.fullmatch(r"[\u4e00-\u9fff]{1,4}", rest[len(t):]) for t in tails if not t.isascii()))
               for forms in asked for a in forms if a) or any(
        label.endswith(t) and any(_in_english(a, label[: -len(t)]) for forms in asked for a in forms if a and not a.isascii())
        for t in tails if t.isascii())


@lru_cache(maxsize=1)
def _aggregate_tails() -> tuple[str, ...]:
    """config/evidence.toml [scope] aggregate_row_tails, normalised once (every table row of every answer reads them)."""
    return tuple(normalize(t).lower() for t in evidence_config()["scope"]["aggregate_row_tails"])


@lru_cache(maxsize=1024)
def _row_labels(text: str) -> tuple[str, ...]:
    """The (normalised) first cells of a passage's table lines, its header's first: each row's label."""
    return tuple(normalize(ln.strip().strip("|").split("|")[0]) for ln in text.splitlines()
                 if ln.lstrip().startswith("|") and not _TABLE_SEP.match(ln.strip()))


def _names_a_part(text: str, words: list[list[str]]) -> bool:
    """Does a word of the question name a row of a passage's table (its label: "再生类填充剂", "消费级无人机" for
    "consumer")? Then a part is asked, not the total."""
    return any(len(a) >= 2 and a in label for forms in words for a in forms for label in _row_labels(text)[1:])


@lru_cache(maxsize=1024)
def _total_row(text: str) -> bool:
    """Does a passage's table have a row of the total ([scope] total_rows: "| 合计 | …", "| Total | …")?"""
    totals = [w.lower() for w in evidence_config()["scope"]["total_rows"] if len(w) >= 2] + ["total"]
    return any(label.strip("* ").lower() in totals for label in _row_labels(text))


def breakdown_row(header_row: str, headings: list[str], label: str, question: str, words: Sequence[str] = ()) -> bool:
    """Is a table row one part's figure, in a table that breaks a total down by part (its first column headed by
    a word of config/evidence.toml [scope] part_columns, "| 路段 | …", or under a heading "分路段数据"), whose label
    the (normalised) question does not name, nor its words (`words`, the Chinese of an English question's) cover
    more than half of? A question asking the company's figure is answered by the total before any part's row."""
    cfg = evidence_config()["scope"]
    first = normalize(header_row.strip().strip("|").split("|")[0]) if header_row else ""
    # (a column of two levels names both: "分部 / 地区")
    # (a header ending in one, "维修基地" of "基地", "主要产品"; the part word of two characters or more)
    columns = [normalize(c) for c in cfg.get("part_columns", [])]  # (as the header is: "product line", productline)
    by_part = any(w.strip() in columns or any(
        len(c) >= 2 and not c.isascii() and w.strip().endswith(c) for c in columns)
        for w in re.split(r"[/／、]|及", first) if w.strip()) or any(
        re.match(cfg.get("part_heading", "$^"), _SECTION_NUMBER.sub("", h.lstrip("# ").strip())) for h in headings[1:])
    label = normalize(label)
    covered = {i for w in words if w in label for m in re.finditer(re.escape(w), label) for i in range(m.start(), m.end())}
    named = label in question or len(covered) > len(label) / 2  # (more than half of it in the question's words)
    return by_part and bool(label) and not named and not any(w in label for w in _total_labels())


_DATE = re.compile(r"(?:19|20)\d{2}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?|\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?")


def _figure_of(sentence: str, name: str) -> bool:
    """Could a figure of the sentence be `name`'s: it is named by the end of the clause of the first figure, or
    in a clause that states one, or the sentence states none? (A date is no figure: "2025年5月,港交所推出…" is
    港交所's sentence.)"""
    sentence = _DATE.sub("", sentence)
    if not re.search(r"\d", sentence):
        return True  # no figure to take for another's ("…断奶仔猪数（PSY）越高，…成本越低": what PSY is)
    if name in through_first_figure(sentence):
        return True
    return any(name in c and re.search(r"\d", c) for c in re.split(r"[，,；;。]", sentence))


def _figure_or_rate_of(sentence: str, name: str) -> bool:
    """`_figure_of`, or a clause naming `name` states a rate in words ("煤化工板块…收入同比减少约二成": [scope]
    change_rate)."""
    rate = re.compile(evidence_config()["scope"]["change_rate"])
    return _figure_of(sentence, name) or any(name in c and rate.search(c) for c in re.split(r"[，,；;。]", sentence))


_ITEM_LABEL = re.compile(r"^\s*([^：:，,。；;\d]{1,16})[：:]")


def _item_label(shown: str, glossary: Glossary) -> str:
    """The label a list item opens with ("四川：收入8.12亿元…" -> "四川"): whose figures the item states, as a table
    row's first cell does; none when the label is a metric ("收入：18.74亿元", "毛利：…") or names no part."""
    m = _ITEM_LABEL.match(shown)
    return "" if not m or glossary.metrics_in(m.group(1)) else m.group(1)


def _table_labels(texts: list[str]) -> set[str]:
    """The (normalised) labels of the table rows the passage texts hold, their headers' first cells aside."""
    return {lab for t in texts for lab in _row_labels(t)[1:]}


def _part_labels(passages: list[Passage]) -> set[str]:
    """The labels of the passages' table rows that name a part, no total ("非油品零售", "充换电"; not "合计")."""
    return {lab for lab in _table_labels([p.chunk.text for p in passages])
            if len(lab) >= 2 and re.search(r"[\u4e00-\u9fff]", lab) and not _is_total_label(lab)}


def _part_the_tables_name(shown: str, spec: QuestionSpec, labels: set[str]) -> bool:
    """Does the sentence's first figure of the metric belong to a part that a table of the passages lists by name (the
    words right before the metric end with a row's label: "2025年非油品零售收入…" beside the row "非油品零售")?"""
    pre = first_metric_prefix(shown, spec.scope_forms)
    if not pre:
        return False
    pre = normalize(period_phrase_re().sub("", pre))
    return any(len(lab) >= 2 and pre.endswith(lab) for lab in labels)


def _segment_figure(shown: str, spec: QuestionSpec, glossary: Glossary, doc_about: set[str], row_label: str = "") -> bool:
    """Does the sentence state its first figure of the metric asked for a segment or product?
    A table row's label says whose figure the row states ("健康生态", "合计", "总收入")."""
    cfg = evidence_config()["scope"]
    pre = first_metric_prefix(shown, spec.scope_forms)
    if row_label:
        pre = first_metric_prefix(row_label, spec.scope_forms)
        pre = row_label if pre is None else pre
    if pre is None or any(pre.rstrip().endswith(w) for w in cfg["explicit_total"] if not w.isascii()):
        return False  # none stated, or "…时总市值": the total, whatever the clause says before it
    return narrows(pre, _forms_of(spec.entities | doc_about, glossary), cfg["total_words"])


def select(
    cands: list[Candidate], min_relevance: float, max_sentences: int, wants_list: bool = False,
    keep_ratio: float = 0.7, max_items: int = 8, one_item: bool = True, whole_asked: bool = False,
    whole_forms: tuple[str, ...] = (),
) -> list[Candidate]:
    """The best sentences: above the relevance floor and close to the best one, without
    repeating what an already chosen sentence says. For a list question, the list
    items (or table rows) that go with the best sentence come along. `whole_asked`: the question names no part of its
    figure (no segment, no word it holds), so a part's table row beside the table's total (or beside a sentence that
    writes the metric asked, `whole_forms`, right before its figure) does not answer it."""
    if not cands or cands[0].coverage < min_relevance:
        return []
    best = cands[0].score
    # the whole asked, and a part's row first: the sentence that writes the metric right before its figure, close to the
    # best, answers before it ("Revenue was RMB742.6 million" under "## FY2025 results", whose period only its heading
    # gives, below "Competition yo-yos | 318.4" of a table headed "FY2025 revenue"); not before the company's own row of
    # a table across companies ("| 乖宝宠物 | … | 32.6亿元 |" is no part, "四家公司…合计营收约72.5亿元" no figure of its)
    whole = next((c for c in cands if not c.is_row and c.coverage >= min_relevance and c.score >= keep_ratio * best
                  and _states_figure_of(c.text, whole_forms)), None) if whole_asked and whole_forms else None
    if whole is not None and cands[0].is_row and cands[0].part and not whole.part and not _is_total_label(cands[0].raw):
        cands = [whole, *(c for c in cands if c is not whole)]
    else:
        whole = None  # (otherwise as before: "毛利率:禾沐营养61.2%;贝思康乳业48.5%" still answers a two-company question)
    chosen: list[Candidate] = []
    for c in cands:
        if len(chosen) >= max_sentences:
            break
        if c.coverage < min_relevance or c.score < keep_ratio * best:
            continue
        if one_item and chosen and _sibling_row_saying_less(c, chosen[0]):
            continue
        if whole_asked and one_item and c.is_row and not _is_total_label(c.raw) and any(
                o.is_row and o.passage_idx == c.passage_idx and _is_total_label(o.raw) and o.coverage >= c.coverage
                for o in chosen):
            continue  # a part's row beside its table's total, which answered better and says no less of the question:
            # "中式菜刀…" is no company revenue (a part the question names covers more of it: "consumer drones")
        if whole_asked and (one_item or (bool(chosen) and chosen[0] is whole)) and c.is_row and not _is_total_label(c.raw) and chosen and not chosen[0].is_row \
                and (chosen[0] is whole or chosen[0].coverage >= c.coverage) and _states_figure_of(chosen[0].text, whole_forms):
            continue  # ... or beside the sentence that states the whole ("收入8.74亿元" over a table by product; not
            # "上半年收入和毛利率双双下滑,并计提了应收账款减值1.26亿元", whose figure is another)
        if any(_redundant(c, o) for o in chosen):
            continue
        chosen.append(c)
    if wants_list and chosen:
        top = chosen[0]
        items = {c.order: c for c in cands if c.passage_idx == top.passage_idx and c.item}
        start = top.order if top.item else top.order + 1
        if top.item:  # back up to the first item of the list the best one belongs to
            while start - 1 in items:
                start -= 1
        run: list[Candidate] = []
        while start in items and len(run) < max_items:
            run.append(items[start])
            start += 1
        chosen += [c for c in run if c not in chosen]
    return chosen


def _states_figure_of(text: str, forms: tuple[str, ...]) -> bool:
    """Does a sentence write one of the metric's forms right before a figure ("收入8.74亿元", "revenue of RMB 512.4
    million")?"""
    norm = normalize(text).lower()
    return any(re.search(re.escape(f.lower()) + r"\s*(?:为|达|约|was|of|reached)?\s*(?:rmb|hk\$|us\$|人民币)?\s*[-+]?\d", norm)
               for f in forms if f)


def asks_several(question: str) -> bool:
    """Does the question ask two items or more ("短期和长期评估分别是什么", "revenue and net profit")
    ([two_part] conjunctions, respectively)?"""
    cfg, low = evidence_config()["two_part"], question.lower()
    return any(w in low for w in [*cfg["conjunctions"], *cfg["respectively"]])


def _sibling_row_saying_less(c: Candidate, top: Candidate) -> bool:
    """Another row of the best row's table that says less of the question ("大黄鱼:11月销量0.92万吨" beside
    "对虾:11月销量0.64万吨" for the prawns asked): the figure of another item, not a second answer."""
    return (c.is_row and top.is_row and c.passage_idx == top.passage_idx
            and c.coverage < top.coverage - evidence_config()["rows"]["sibling_margin"])


def _bare(figs: list[str]) -> set[str]:
    """Figures without their currency, less the years (periods, not amounts: "2024年" of two rows of one table)."""
    return {re.sub(r"(?<=[亿万千百])(?:港元|美元|元)$", "", f) for f in figs if not _YEAR_FIGURE.fullmatch(f)}


def _redundant(a: Candidate, b: Candidate) -> bool:
    """Does `a` repeat `b`: the same text, or (mostly) the same figures, as when the
    report restates a figure from the article it cites?"""
    na, nb = normalize(a.text), normalize(b.text)
    if na in nb or nb in na:
        return True
    fa, fb = _bare(a.figures), _bare(b.figures)
    if fa and fa <= fb:
        return True
    if len(fa) >= 2 and len(fa & fb) >= 0.6 * len(fa):
        return True
    if a.item and b.item and fa and fb and not fa & fb:
        return False  # other figures: another table row or list item, however alike its words
    # (Chinese by its characters, English by its words: two English rows share nearly all their letters)
    sa, sb = set(_UNITS_OF_TEXT.findall(na)), set(_UNITS_OF_TEXT.findall(nb))
    return len(sa & sb) / max(1, min(len(sa), len(sb))) > 0.85


_UNITS_OF_TEXT = re.compile(r"[a-z]+|\d+(?:\.\d+)?|[^\sa-z\d]", re.IGNORECASE)
