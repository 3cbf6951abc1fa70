"""Compositions about figures: a derived figure (the cited inputs and the formula,
labelled as a calculation), the latest dated figures (with the note that the
documents hold no live market data), and what is known when the asked figure is
missing (the figure for another period, with its period and source date)."""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise

from chatbot.compose.base import ComposeContext, Composition, Entry, as_of
from chatbot.compute import (
    DerivedQuestion,
    Fact,
    Operand,
    at_midpoint,
    calculate,
    closest_operand,
    dated_operands,
    facts_in,
    figure_re,
    find_operand,
    in_breakdown,
    is_bound,
    part_row,
    points_formula,
    priced_count,
    range_ends,
    read_derived,
    read_period_parts,
    read_period_sum,
    share_facts,
    synonyms,
    unit_word,
)
from chatbot.evidence import (
    asks_growth_only,
    forecast_re,
    heading_caption,
    money_figure,
    passage_sentences,
    period_heading,
    table_caption_of,
    total_stated,
    without_period_glosses,
)
from chatbot.evidence_config import evidence_config
from chatbot.intent import reader_config
from chatbot.models import Chunk, Passage
from chatbot.sentence_period import context_period
from chatbot.table_cells import line_before_table, own_table_text
from chatbot.text import (
    QUALIFIER_TEXT,
    claim_figures,
    content_words,
    dated_months,
    dictionary_tag,
    english_period_forms,
    normalize,
    period_match,
    period_phrase_re,
    period_spellings,
    period_word,
    periods,
    qualifiers,
)

# a period as the question writes it (text.period_phrase_re), and the English forms
_PERIOD_EN = re.compile(r"(?:first|second) half(?: of)?|\bin\b(?= (?:19|20)\d{2})", re.I)


def _period_text(text: str):
    """The period phrases of a question, Chinese and English, in order."""
    found = [*period_phrase_re().finditer(text), *_PERIOD_EN.finditer(text)]
    return sorted((m for m in found if m.group(0).strip()), key=lambda m: m.start())


def _all_passages(ctx: ComposeContext) -> list[Passage]:
    """The retrieved passages, then every other indexed passage (operands of a
    calculation may sit outside the top few); on a large index, the question's best
    keyword matches instead of every passage."""
    seen = {p.chunk.id for p in ctx.passages}
    rest = []
    if ctx.wider is not None:
        chunks = [p.chunk for p in ctx.wider(ctx.question)]
    else:
        chunks = [ln.chunk for d in ctx.structure.values() for b in d.blocks for ln in b.lines]
    for c in chunks:
        if c.id not in seen:
            seen.add(c.id)
            rest.append(Passage(chunk=c))
    return list(ctx.passages) + rest


def _facts(passages: list[Passage]) -> list[Fact]:
    """The money figures of the passages' sentences and table rows; a figure whose
    sentence states no period stands for the period its section heading, else its
    document's title, names ("中期…" -> the first half), unless its sentence speaks of
    another period or a forecast (config/reader.toml [compute] own_period: "全年收入有望…")."""
    cfg = reader_config()["compute"]
    own = re.compile(f'{cfg["own_period"]}|{cfg["forecast"]}')
    out = []
    prose: dict[str, str] = {}  # (a table passage's lead-in may be its document's prose retrieved beside it)
    for p in passages:
        if p.chunk.kind != "table":
            prose[p.chunk.doc_id] = prose.get(p.chunk.doc_id, "") + "\n" + p.chunk.text
    for pi, p in enumerate(passages):
        context: set | None = None
        # (and its table's caption, a lead-in stating no figure, which names the metric of every row: "按地区划分的收入
        # （百万港元）：")
        where = " ".join([*p.chunk.headings[1:], p.chunk.title, table_caption_of(line_before_table(p.chunk.text))])
        prose_where = " ".join([*p.chunk.headings[1:], p.chunk.title])
        text = _with_heading_caption(p.chunk)
        listed: list = []  # the periods the sentence before listed its figures for, in order
        for raw, shown, _, _ in passage_sentences(text):
            row = raw.lstrip().startswith("|")
            table = f"{_table_named(text, raw, prose.get(p.chunk.doc_id, ''))}" if row else ""
            facts = facts_in(shown, pi)
            _in_listed_order(facts, listed)
            listed = _listed_periods(facts) or listed
            for f in facts:
                f.context = where if row else prose_where  # (a table's caption is its rows', no sentence's)
                f.row, f.table_context, f.title = row, table, p.chunk.title
                if not f.periods and row and (captioned := _stated_periods(table)):
                    f.periods = set(captioned)  # a row of no period of its own: its table caption's ("2025财年分产品收入")
                if not f.periods and not own.search(f.clause):
                    if context is None:
                        context = _stated_periods(" ".join(p.chunk.headings[1:])) or _stated_periods(p.chunk.title)
                    f.periods = set(context)
                out.append(f)
    return out


def _listed_periods(facts: list[Fact]) -> list:
    """The periods a sentence lists its figures for, in the order written ("净亏损:2022年14.74亿元、2023年17.44亿元、
    2024年15.38亿元、2025年上半年16.01亿元": 2022, 2023, 2024, the first half of 2025), each figure of one period; []
    for a sentence of fewer than two."""
    out: list = []
    for f in facts:
        if len(f.periods) == 1 and (not out or out[-1] != next(iter(f.periods))):
            out.append(next(iter(f.periods)))
    return out if len(out) >= 2 and len(set(out)) == len(out) else []


def _in_listed_order(facts: list[Fact], listed: list) -> None:
    """Figures a clause gives "in order" ([compute] in_order_cues: "研发开支依次为10.18亿元、8.86亿元、8.27亿元、
    5.72亿元"), stating no period, as many as the periods the sentence before listed: each of its period, in turn."""
    cues = reader_config()["compute"].get("in_order_cues", [])
    ordered = [f for f in facts if not f.periods and any(c in f.clause for c in cues)]
    if listed and len(ordered) == len(listed) and len({f.clause for f in ordered}) == 1:
        for f, period in zip(ordered, listed, strict=True):
            f.periods = {period}


def _table_named(text: str, row: str, prose: str) -> str:
    """What a row's table says of every row: its caption and the lead-in's clause its total row sums to."""
    table = own_table_text(text, row)
    lead = line_before_table(table)
    return f"{table_caption_of(lead)} {total_stated(table, lead or prose)}"


def _with_heading_caption(chunk: Chunk) -> str:
    """A passage that opens with a table under a heading writing its unit ("## Financial summary (US$ million)",
    "## 出资安排（人民币万元）"), with that heading as the table's caption (evidence.heading_caption), so that its cells
    are read in the unit."""
    caption = heading_caption(chunk)
    return f"{caption}\n\n{chunk.text}" if caption else chunk.text


def _may_be_whole(f: Fact, part: Fact, op: Operand) -> bool:
    """May a figure be a share's whole beside its part: not the part's own figure, and no other part's table row (the
    part's own row may give its whole: "海南:种植面积18,600公顷;开割面积14,250公顷")?"""
    if (f.sentence, f.lo, f.hi) == (part.sentence, part.lo, part.hi):
        return False
    return not part_row(f, op) or f.sentence == part.sentence


def _value(f) -> float:
    """A figure's value in its currency's units (its range's low end), for comparing a part with its whole."""
    return f.lo


def _change_of_another_part(text: str, asked: tuple | None) -> bool:
    """Does every clause stating a change ("同比增长5.3%") state it of a part of a year other than the one asked
    ("2025年前三季度收入…同比增长5.3%" for the full year 2025's growth)? A clause naming no part of a year may be the
    asked period's."""
    if not asked:
        return False
    clauses = [c for c in re.split(r"[；;。]", text) if _STATED_CHANGE.search(c)]
    # (with its bare parts of a year: "10月至12月…第一季度收入…同比增长10.2%" names the fiscal first quarter too)
    parts = [{q for _, q in periods(c)} | set(qualifiers(c)) for c in clauses]
    return bool(clauses) and all(qs and None not in qs and asked[1] not in qs for qs in parts)


def _stated_periods(text: str) -> set:
    return periods(text) or {(None, q) for q in qualifiers(text) if q}


def _entity_ok(ctx: ComposeContext, passages: list[Passage], strict: bool = False):
    """Is a fact about the entity: named in its clause, else its sentence, else its
    section's headings or document's title (strict: the only company named there)."""
    companies = ctx.glossary.companies

    def ok(f: Fact, entity: str | None) -> bool:
        if entity is None and ctx.spec.names:  # a name the catalogue does not know is asked ("黛研" for 黛研美妆)
            return _names_the_unknown(f, ctx.spec.names, passages[f.passage_idx].chunk)
        if entity is None:  # no company asked: a figure whose company cannot be told is nobody's in particular
            in_sentence = {e for e in ctx.glossary.entities(f.sentence) if e in companies}
            about = ctx.glossary.doc_subjects.get(passages[f.passage_idx].chunk.doc_id, set())
            return len(in_sentence) == 1 or (not in_sentence and len(about) < 2)
        named = [e for e in ctx.glossary.entities(f.clause) if e in companies]
        if named:
            return entity in named
        named = [e for e in ctx.glossary.entities(f.sentence) if e in companies]
        if len(set(named)) > 1:  # several: the one named last before the figure's clause ("栗岛和岚焙的收入只差…，但栗岛
            owner = _named_before(ctx, f, companies)  # 靠的是开店：上半年净增门店1,126家" is 栗岛's)
            return entity == owner if owner else entity in named
        if named:
            return entity in named
        c = passages[f.passage_idx].chunk
        named = [e for e in ctx.glossary.entities(" ".join([c.title, *c.headings])) if e in companies or e == entity]
        return entity in named and not (strict and len(set(named)) > 1)

    def _names_the_unknown(f: Fact, names: list[str], chunk) -> bool:
        """The figure's clause, else its sentence, names the asked name; one naming only
        another company is that company's; one naming none belongs to its section's or
        document's subject when that names the asked name and at most one company (its Chinese name)."""
        for text in (f.clause, f.sentence):
            if any(n in normalize(text) for n in names):
                return True
            if any(e in companies for e in ctx.glossary.entities(text)):
                return False
        head = " ".join([chunk.title, *chunk.headings])  # "CityGlow Media 城光传媒(2580.HK)": one company, two names
        return any(n in normalize(head) for n in names) and len({e for e in ctx.glossary.entities(head) if e in companies}) < 2

    return ok


def _named_before(ctx: ComposeContext, f: Fact, companies) -> str | None:
    """The company a sentence names last before a figure, None when it names none before it."""
    at = f.sentence.find(f.source_text or f.written[0])
    if at <= 0:
        return None
    before = f.sentence[:at]
    named = [e for e in ctx.glossary.entities(before) if e in companies]
    if not named:
        return None
    low = before.lower()
    return max(named, key=lambda e: max(low.rfind(a) for a in [e.lower(), *ctx.glossary.aliases_of(e)]))


# a rate of change stated with its figure ("同比增长21.3%", "增长18.9%", "同比+10.4%", "下降2.1%")
_STATED_CHANGE = re.compile(r"(?:增长|增加|下降|减少|下滑|上升|提升|回升|增|降|同比)\s*[-+−]?\s*\d+(?:\.\d+)?\s*%")


def _year_apart(a: tuple | None, b: tuple | None) -> bool:
    """Is `b` the same period as `a` a year before ((2026, "H1") and (2025, "H1"))?"""
    return bool(a and b and a[0] and b[0] and a[1] == b[1] and int(a[0]) - int(b[0]) == 1)


def with_part_asked(dq: DerivedQuestion, spec) -> DerivedQuestion:
    """A named ratio's two operands, each with the words the question holds besides the ratio's own (the spec's
    required words: "合肥", "分公司" of "峘撑模架合肥分公司2025财年的净利润率"): the part's profit over the part's revenue,
    never the group's two figures."""
    names = normalize(" ".join(dq.stated)).lower()
    extra = [list(g.alternatives) for g in spec.required
             if g.alternatives and not any(normalize(a).lower() in names for a in g.alternatives)]
    if not extra:
        return dq
    return replace(dq, a=replace(dq.a, held=[*dq.a.held, *extra]), b=replace(dq.b, held=[*dq.b.held, *extra]))


def derived(ctx: ComposeContext) -> Composition | None:
    lab = ctx.labels
    entries = ctx.lookup_entries(max_sentences=2)
    dq = read_derived(ctx.question, ctx.glossary)
    if dq is not None and dq.ratio:  # a ratio of a part ("合肥分公司的净利润率"): both figures the part's, none the group's
        dq = with_part_asked(dq, ctx.spec)
    points = points_change(ctx, entries) if dq is None or asks_points(ctx.question) else None
    if points is not None:  # a rate that moved: the change in percentage points
        return points
    if dq is None:  # no figure to compute ("基金公司和银行分别分到多大比例": two shares the source states): the look-up's
        if entries and _year_unstated(ctx.question, entries):  # ... unless the year asked is none of theirs ("按MiniMax
            # 2025年全年收入算…市销率" beside its 2026 listing day's figures): refused, what is known labelled so
            return Composition([Entry(lab["derived_missing"], bullet=False), Entry(lab["known"], bullet=False), *entries],
                               refused=True)
        return period_part(ctx)
    if dq.kind == "share" and asks_points(ctx.question) and len(periods(ctx.question)) == 2:
        return share_points(ctx, dq, entries)  # a share's change between two periods, in percentage points
    if dq.kind == "average":  # an amount per counted thing
        return per_counted(ctx, dq, entries)
    if dq.stated and any(states_share(e.text, dq.stated, ctx.question) for e in entries):
        return Composition(entries)  # the source states the share or ratio itself: quoted, not computed
    if (dq.kind == "growth" and (dq.previous or (_year_apart(dq.a.period, dq.b.period) and len(periods(period_spellings(ctx.question))) == 1))
            and any(_STATED_CHANGE.search(e.text) and not _change_of_another_part(e.text, dq.a.period) for e in entries)):
        return Composition(entries)  # a change on the year before the sources state ("增长21.3%"): quoted (the year
        # before asked in words, or the same period of the year before read as the base: "同比增幅是多少")
    passages = _all_passages(ctx)
    facts = _facts(passages)
    ok = _entity_ok(ctx, passages)
    whole = dq.kind == "share"  # the whole of a share: the company's own figure before a part's
    a, b = find_operand(facts, dq.a, ok), find_operand(facts, dq.b, ok, whole)
    if a is not None and b is not None and a.currency != b.currency and dq.kind in ("share", "multiple", "difference"):
        # two figures of one kind: the operand read in the other's unit, when one gives it ("其中50,907份获配" beside
        # "204,871份有效申请", not "超额分配561.29万股")
        a = find_operand([f for f in facts if f.currency == b.currency], dq.a, ok) or a
    if dq.kind == "part":  # a part's amount from its stated share of the total
        a, b = part_and_total(facts, passages, dq, ok)
    elif dq.kind == "product":  # a count and its price per unit, from one cited sentence
        # (the sentence naming the company asked: "绡原棉业…公告，公司在中国储备棉管理有限公司组织的…竞买中合共成交皮棉2.46万吨" is
        # its own purchase, whoever organised the auction)
        forms = [x for x in [dq.a.entity, *(ctx.glossary.aliases_of(dq.a.entity, codes=False) if dq.a.entity else [])] if x]
        a, b = priced_count([f for f in facts if ok(f, dq.a.entity) or any(x in f.sentence for x in forms if len(x) >= 2)],
                            ctx.question, dq.a.terms) or (None, None)
        if a is None and not re.search(reader_config()["compute"]["per_unit"], ctx.question, re.I):
            return period_part(ctx)  # a total asked with no price named ("成交总额是多少"): as the sources state it
    elif dq.range_ends:  # one range's two ends ("估值上限比下限多出多少")
        ends = range_ends(a) if a is not None else None
        a, b = ends if ends is not None else (None, None)
    elif dq.previous:  # the latest figure the sources state, against the same figure a year before
        a, b = year_before(facts, dq, ok)
    elif dq.b.period is None and a is not None and a.periods and not dq.b.summed:  # unstated: the same period as the first operand,
        years = {y for y, _ in a.periods}  # else the same year ("2024年末现金" / "2024年净亏损"; a month's or a
        # quarter's figure is no share of its year's: "2025年12月…98.3万顶" over "2025年出货量1,412万顶")
        yearly = all(q in (None, "end") for _, q in a.periods)
        b = (find_operand([f for f in facts if f.periods & a.periods], dq.b, ok, whole)
             or (find_operand([f for f in facts if {y for y, _ in f.periods} & years], dq.b, ok, whole) if yearly else None)
             or (_row_total(facts, a) if whole else None) or (b if yearly or b is None or b.periods & a.periods else None))
    if a is not None and dq.kind == "share" and dq.b.exclude and (total := _table_total(facts, a)) is not None:
        b = total  # a row's share of the total: its own table's total row, in its own unit ("尼日利亚…538,760千港元" of
        # "合计…2,986,300千港元", before "2025年总收入29.86亿港元" elsewhere)
    if a is not None and b is not None and dq.kind == "share" and dq.b.period is None and a.periods and b.periods \
            and not dq.b.summed and not _same_period(a.periods, b.periods):  # a share of a whole for another period is no share
        b = None
    if a is not None and b is not None and dq.kind == "share" and dq.b.exclude and a.lo > b.hi:
        b = None  # a part's whole is no smaller than the part ("9.9元与19.9元两档…合计贡献约46%" is no total revenue)
    if a is not None and b is not None and dq.kind == "share" and part_row(b, dq.b) and not dq.b.summed \
            and not (b.sentence == a.sentence and b.lo != a.lo):
        # a table row of another part is no whole ("豆腐猫砂:收入1,024.6百万元" for North America's share of revenue;
        # the part's own row gives its own whole: "海南:种植面积18,600公顷;开割面积14,250公顷")
        b = find_operand([f for f in facts if _may_be_whole(f, a, dq.b)], dq.b, ok, whole)
    if a is not None and b is not None and dq.kind == "share" and _value(a) > _value(b):
        # ... whatever the whole's words: a figure smaller than the part ("贡献收入2.18亿元" beside 北美收入652.4百万元) is
        # another figure; the whole is one no smaller, if the sources give one (and no other part's row)
        b = find_operand([f for f in facts if _value(f) >= _value(a) and _may_be_whole(f, a, dq.b)], dq.b, ok, whole)
    if a is not None and b is None and dq.kind == "share":  # a row's share of its table: the table's total row
        b = _table_total(facts, a)
    if a is not None and b is None and dq.kind == "share" and dq.b.exclude:  # a whole the source does not call
        b = _total_of(facts, passages, a, dq.b.exclude, ok, dq.b.entity)  # a total ("期内收入121.8亿元")
    if dq.ratio and a is not None and b is not None and a.passage_idx != b.passage_idx:
        # a named ratio is one statement's two figures ("毛利" and "收入" of one table): a denominator from another
        # passage may be another company's ("the group's revenue" beside its subsidiary's gross profit)
        b = find_operand([f for f in facts if f.passage_idx == a.passage_idx], dq.b, ok, whole)
    if a is not None and b is not None and (a.sentence, a.lo, a.hi) == (b.sentence, b.lo, b.hi):
        b = None  # one figure read for both operands: nothing to compute
    if (a is None or b is None) and dq.sequential and entries:
        return Composition(entries)  # "环比增长263%": what the sources state of the change
    if a is None or b is None:
        stated = set().union(*(_stated_periods(e.text) for e in entries)) if entries else set()
        # (a year asked whole, where the sources state only a part of that year: "2025年全年" beside 2025年前三季度)
        asked = [op.period for op in (dq.a, dq.b) if op.period and (op.period[1] or (
            op.period[0] and any(y == op.period[0] and q for y, q in stated)
            and not any(y == op.period[0] and not q for y, q in stated)))]
        # (an operand whose own words no passage writes, "日本收入占总收入的比例" where no region is Japan: a thing the
        # documents do not break out)
        texts = [normalize(p.chunk.text).lower() for p in passages]
        unnamed = any(not any(normalize(x).lower() in t for x in g for t in texts)
                      for op, f in ((dq.a, a), (dq.b, b)) if f is None for g in op.terms
                      if any(re.search(r"[\u4e00-\u9fff]", x) and dictionary_tag(x) == "ns" for x in g))
        # (a place: a metric's words may be said otherwise, "首日收156.8港元" for 收盘价; an English word left untranslated
        # is not judged)
        # (or a year no sentence found writes, nor its section or title: "按MiniMax 2025年全年收入算" beside its 2026 listing
        # day's figures)
        if entries and (dq.ratio or unnamed or (stated and any(not period_match({p}, stated) for p in asked))
                        or _year_unstated(ctx.question, entries)):
            # a named ratio the sources neither state nor give the inputs of, or a period asked where the
            # sources state only others ("第二季度…占上半年", "2025年全年…增速" beside 前三季度's): refused, what is
            # known labelled so
            return Composition([Entry(lab["derived_missing"], bullet=False), Entry(lab["known"], bullet=False), *entries],
                               refused=True)
        entries.append(Entry(lab["derived_missing"]))  # the sources may state the answer in other words
        return Composition(entries) if len(entries) > 1 else None
    mids: list[str] = []
    if dq.midpoint:  # "按预告区间的中值算": each range at its midpoint, the midpoint's formula shown first
        (a, ma), (b, mb) = at_midpoint(a), at_midpoint(b)
        mids = [x for x in (ma, mb) if x]
    calc = calculate(dq.kind, a, b)
    if not isinstance(calc, str) and mids:
        calc.formulas = mids + calc.formulas
    if isinstance(calc, str):
        names = {"CNY": "人民币", "HKD": "港元", "USD": "美元"}
        entries.append(Entry(lab["derived_units"].format(a=names.get(a.currency, a.currency), b=names.get(b.currency, b.currency)))
                       if calc == "units" else Entry(lab["derived_kinds"])
                       if calc == "kinds" else Entry(lab["derived_missing"]))
        return Composition(entries)
    for kind in dq.also:  # "多了多少人，增幅是多少": each asked calculation of the two figures
        more = calculate(kind, a, b)
        if not isinstance(more, str):
            calc.formulas += [f for f in more.formulas if f not in calc.formulas]
    entries.append(_calculation_entry(ctx, dq, calc, passages))
    return Composition(entries)


def _year_unstated(question: str, entries: list[Entry]) -> bool:
    """Does the question ask a year that none of the entries writes, in its sentence, its section's headings, its
    document's title or date?"""
    years = {y for y, _ in periods(question) if y}
    if not years:
        return False
    # (its document's date is its year too: "10月份公司完成快递业务量…" in an article of 2025-11-18)
    texts = [" ".join([e.text, *((e.chunks[0].title, *e.chunks[0].headings, e.chunks[0].date or "") if e.chunks else ())])
             for e in entries]
    return not any(y in t for y in years for t in texts)


def share_points(ctx: ComposeContext, dq: DerivedQuestion, entries: list[Entry]) -> Composition:
    """A share's change between the two periods a question names, in percentage points ("大模型收入占总收入的比重，比
    2024年提高了多少个百分点"): the share of each period computed from its own two figures, then their difference; when
    either period lacks a figure, nothing is computed and the answer says so, what is known labelled as such (the share
    of one period is no answer to its change)."""
    lab = ctx.labels
    passages = _all_passages(ctx)
    facts, ok = _facts(passages), _entity_ok(ctx, passages)
    later, earlier = sorted(periods(ctx.question), key=lambda p: (p[0] or "", p[1] or ""), reverse=True)
    shares = []
    for period in (later, earlier):
        a = find_operand(facts, replace(dq.a, period=period), ok)
        b = find_operand(facts, replace(dq.b, period=period), ok, True)
        calc = calculate("share", a, b) if a is not None and b is not None and a is not b else "missing"
        if isinstance(calc, str):
            return Composition([Entry(lab["derived_missing"], bullet=False), Entry(lab["known"], bullet=False), *entries],
                               refused=True)
        shares.append(calc)
    (x_lo, x_hi), (y_lo, y_hi) = ((100 * c.a.lo / c.b.hi, 100 * c.a.hi / c.b.lo) for c in shares)
    ends = sorted({(round(x_lo, 1), round(y_hi, 1)), (round(x_hi, 1), round(y_lo, 1))})
    points = [points_formula(f"{x:.1f}", f"{y:.1f}") for x, y in ends]
    return Composition([*entries, _calculation_entry(ctx, dq, shares[0], passages, more=(shares[1],), after=tuple(points))])


def per_counted(ctx: ComposeContext, dq: DerivedQuestion, entries: list[Entry]) -> Composition | None:
    """An amount per counted thing ("平均每辆车带来多少收入"): quoted when a cited sentence states the average
    itself ("吨均价262元"), else the amount over the count, from one document and one period; the sources'
    sentences otherwise, with the note that nothing is computed."""
    unit = dq.b.terms[0][0]
    if dq.stated and any(states_average(e.text, dq.stated, unit) for e in entries):
        return Composition(entries)
    stated = [Entry(shown, [p.chunk], [raw]) for p in ctx.passages for raw, shown, _, _ in passage_sentences(p.chunk.text)
              if dq.stated and states_average(shown, dq.stated, unit) and (dq.a.entity is None or dq.a.entity in shown or dq.a.entity in p.chunk.title)]
    if stated:  # a table row "吨均价:岱峰建材262元;鼎岩水泥248元" the look-up did not pick
        return Composition(stated[:2])
    passages = _all_passages(ctx)
    a, b = amount_and_count(_facts(passages), passages, dq, _entity_ok(ctx, passages))
    calc = calculate("average", a, b) if a is not None and b is not None else "missing"
    if isinstance(calc, str) or re.search(r"≈0(?:\.0+)?(?![.\d])", calc.formulas[0]):  # "512÷2615万≈0元": no average
        entries.append(Entry(ctx.labels["derived_missing"]))
        return Composition(entries) if len(entries) > 1 else None
    entries.append(_calculation_entry(ctx, dq, calc, passages))
    return Composition(entries)


def states_average(text: str, words: list[str], unit: str = "") -> bool:
    """Does a sentence state an average amount itself: one of the words ([compute] average_stated: "均价",
    "平均售价"), or the asked unit after 每 ("售价为每吨512元"), then within a few characters an amount of
    money ("吨均价262元", "平均售价约为12.6万元")?"""
    # a price per the unit, not a change of it ("上调了每吨150元")
    per_unit = [rf"(?<!调了)(?<![调涨跌增减降升])每\s*{re.escape(unit)}"] if unit else []
    for w in [*words, *per_unit]:
        for m in re.finditer(w, text, re.I):
            f = figure_re().search(text[m.end(): m.end() + 12])
            if f is not None and f.group("cur") in ("港元", "美元", "元", "元人民币"):
                return True
    return False


def amount_and_count(facts: list[Fact], passages: list[Passage], dq: DerivedQuestion, ok) -> tuple[Fact | None, Fact | None]:
    """The amount (a) and the count in the asked unit (b) of an average: a count and an amount its own
    sentence states for the same period, the sentence naming the amount's words ("交易量合计8.36万辆…总收入
    为人民币24.8亿元"); else the amount the question names and the largest count of its document for the
    same period (the total, not a part: "销量152万吨", not "其中…41万吨"). A compared figure ("较去年同期的
    6.91万辆"), a bound or a forecast is never an input."""
    unit = dq.b.terms[0][0]

    def usable(f: Fact, op: Operand) -> bool:
        return (not f.near and not is_bound(f) and not forecast_re().search(f.clause) and ok(f, op.entity)
                and (op.period is None or period_match({op.period}, f.periods)))

    per_unit = re.compile(rf"(?:每|/)\s*{re.escape(unit)}")  # "每吨512元": a price per unit, no amount to divide
    money = [f for f in facts if f.currency in ("CNY", "HKD", "USD") and usable(f, dq.a) and not per_unit.search(f.clause)]
    counts = [f for f in facts if f.currency == unit and usable(f, dq.b)]

    def named(text: str) -> int:
        return sum(any(normalize(x) in normalize(text) for x in synonyms(g)) for g in dq.a.terms)

    # (one sentence stating both for no period, "11家基石投资者合计认购约29.8亿港元": one and the same occasion)
    pairs = [(c, f) for c in counts for f in money if f.sentence == c.sentence
             and ((f.periods and c.periods and _same_period(c.periods, f.periods)) or not (f.periods or c.periods))
             and named(c.sentence)]
    if pairs:
        c, f = max(pairs, key=lambda p: (named(p[0].sentence), named(p[1].clause)))  # the first of the best
        return f, c
    a = find_operand(money, dq.a, ok)
    if a is None or not a.periods:
        return None, None
    doc = passages[a.passage_idx].chunk.doc_id
    same = [c for c in counts if passages[c.passage_idx].chunk.doc_id == doc and c.periods and _same_period(c.periods, a.periods)]
    sold = reader_config()["compute"]["average_count_words"]
    return (a, max(same, key=lambda c: (any(w in c.clause for w in sold), c.lo))) if same else (None, None)


def part_and_total(facts: list[Fact], passages: list[Passage], dq: DerivedQuestion, ok) -> tuple[Fact | None, Fact | None]:
    """The total and the part's stated share of it ("欧洲占19.0%"), from one document and
    one period: the share the first passage states for the company, then the largest
    figure of the metric in that document for the share's period (a figure the clause
    compares with is another period's, one a share itself is a part's); none when the
    sources state the part's amount itself (a look-up then)."""
    words = [w for g in dq.b.terms for w in g]
    if any(_matches_part(f, dq, words) for f in facts if ok(f, dq.a.entity)):
        return None, None  # stated: the look-up's answer
    shares: list[Fact] = []
    for pi, p in enumerate(passages):
        for _, shown, _, _ in passage_sentences(_with_heading_caption(p.chunk)):
            for sh in share_facts(shown, words, pi):
                if not sh.periods:
                    sh.periods = _stated_periods(" ".join(p.chunk.headings[1:])) or _stated_periods(p.chunk.title)
                if ok(sh, dq.b.entity) and (dq.b.period is None or period_match({dq.b.period}, sh.periods)):
                    shares.append(sh)
    for share in shares:
        doc = passages[share.passage_idx].chunk.doc_id
        forms = dq.a.terms[0]
        totals = [f for f in facts if passages[f.passage_idx].chunk.doc_id == doc and f.currency in ("CNY", "HKD", "USD")
                  and any(w in f.clause for w in forms) and not f.near and not _a_share_itself(f) and ok(f, dq.a.entity)
                  and not any(w in f.clause for w in words) and f.periods and _same_period(f.periods, share.periods)]
        if totals:
            return max(totals, key=lambda f: f.lo), share
    return None, None


def _matches_part(f: Fact, dq: DerivedQuestion, words: list[str]) -> bool:
    """Does a money figure state the part's amount itself ("欧洲收入9.9亿元")?"""
    return (f.currency in ("CNY", "HKD", "USD") and any(w in f.clause for w in words)
            and any(m in f.clause for g in dq.a.terms for m in g)
            and (dq.a.period is None or period_match({dq.a.period}, f.periods)))


def year_before(facts: list[Fact], dq, ok) -> tuple[Fact | None, Fact | None]:
    """A figure against the same figure a year before ("年末经纪人比上年末多了多少"): of the
    facts holding the operand for the asked kind of period, the latest year's, and the one
    for the same kind of period a year earlier."""
    found = dated_operands(facts, dq.a, ok)
    if not found:  # (a figure whose year its passage does not write, "上半年…期内亏损约14.89亿元,较上年同期的24.77亿元收窄":
        # the year before's in its own sentence, or none)
        a = find_operand(facts, dq.a, ok) if dq.a.period else None
        return (a, _stated_year_before(facts, a)) if a is not None else (None, None)
    a = max(found, key=lambda f: max(int(y) for y, _ in f.periods if y))
    year, q = max(((y, q) for y, q in a.periods if y), key=lambda p: int(p[0]))
    prev = (str(int(year) - 1), q)
    b = next((f for f in found if prev in f.periods and f.currency == a.currency), None)  # the same kind of figure
    if b is None and dq.a.period:  # the latest asked by its period ("Q3 2025"): the year before's, looked for apart
        b = find_operand([f for f in facts if f.currency == a.currency], replace(dq.a, period=prev), ok)
    return a, b or _stated_year_before(facts, a)


def _stated_year_before(facts: list[Fact], a: Fact) -> Fact | None:
    """The figure a's own sentence writes as the year before's ("期内亏损约14.89亿元,较上年同期的24.77亿元收窄": 24.77亿元,
    after [compute] previous_cue), in a's unit; None when it writes none."""
    before = reader_config()["compute"]["previous_cue"]
    return next((f for f in facts if f.sentence == a.sentence and f is not a and f.currency == a.currency
                 and f.unit == a.unit and re.search(f"(?:{before})\\S{{0,2}}$", f.near, re.I)), None)


def _calculation_entry(ctx: ComposeContext, dq, calc, passages: list[Passage], more: tuple = (),
                       after: tuple[str, ...] = ()) -> Entry:
    """The calculation as one line: each input labelled with its period and words, as the
    source writes it, with its marker and as-of; then the formulas. (`more`: further
    calculations of the same kind shown in the same line, their inputs after the first's;
    `after`: formulas over their results, last.)"""
    lab = ctx.labels
    a, _b = calc.a, calc.b
    cur = unit_word(a.currency)

    def written(f: Fact) -> str:  # as the source writes it, so the check finds it verbatim
        return f.source_text or (f"{f.written[0]}–{f.written[1]}{cur}" if f.lo != f.hi else f"{f.written[0]}{cur}")

    def label(f: Fact, op) -> str:
        # (a period word that writes its year itself, "2025年8月末", is not given it twice)
        # (nor a year alone beside a part of it: "2025年" beside "8月末")
        shown = {(y, q) for y, q in f.periods if q or not any(y2 == y and q2 for y2, q2 in f.periods)}
        # (a fiscal year as its source writes it: "2026财年上半年", not the calendar's "2026年上半年")
        fiscal = set(re.findall(r"((?:19|20)\d{2})\s*财年", f"{f.sentence} {f.table_context} {f.context}"))
        per = "".join(sorted(f"{(f'{y}财年' if y in fiscal else f'{y}年') if y and not period_word(q).startswith(f'{y}年') else ''}"
                             f"{period_word(q)}" for y, q in shown))
        years = sorted(y for y, q in shown if y and not q)
        if len(years) >= 2 and len(years) == len(shown) and not fiscal:  # a figure of several years ("累计约12.05亿元")
            per = f"{years[0]}–{years[-1]}年"
        def words(text: str) -> str:  # the words before the text's first figure
            text = period_phrase_re().sub("", text)
            cut = figure_re().search(text)
            text = text[: cut.start()] if cut else text
            return re.sub(r"(?:约|预计|人民币|为|达|是|依次|分别)+$|^(?:约|预计)|[（(].*", "", text.strip(":：,， ")).strip(":：,， ")

        # the words before a compared figure, else the clause's own ("每股"), else its carried label
        head = words(f.near) if f.near else (words(f.clause.rsplit(" ", 1)[-1]) if " " in f.clause else "") \
            or words(f.clause.split(" ")[0])
        if f.row and " " in f.clause and not total_row_label(f) and (row_label := words(f.clause.split(" ")[0])) \
                and row_label not in head:
            head = f"{row_label}{head}"  # a row's label, then its column: "线上收入", "韩国收入", not "收入" alone
        if not re.search(r"[\u4e00-\u9fff]", f.clause):  # an English row or sentence: its words before the figure
            head = re.split(r"\s*(?:US\$|HK\$|RMB|USD|HKD)?\s*\d", f.clause, maxsplit=1)[0].strip(":：,， ") or head
        if total := total_row_label(f):  # a table's total row ("合计:…存栏48.6万头"): its own label and column, whatever the operand's words
            head = f"{total}{head}"
        elif op.terms and dq.kind not in ("product", "average") and not any(a.lower() in head.lower() for g in op.terms for a in g):
            # matched by meaning: the asked words
            head = op.terms[0][0]
        who = op.entity if op.entity and dq.a.entity != dq.b.entity and op.entity not in head else ""
        return (f"{who}{per}{head}".strip() + (" " if head.isascii() and head else "")) or per  # (two companies'
        # figures: each named; an English head apart from its figure)

    calcs = [calc, *more]
    facts = [f for c in calcs for f in (c.a, c.b)]
    chunks = [passages[f.passage_idx].chunk for f in facts]
    inputs = "，".join(f"{label(f, op)}{written(f)}⟦{i}⟧{as_of(c, ctx.lang)}"
                       for i, (f, op, c) in enumerate(zip(facts, [dq.a, dq.b] * len(calcs), chunks, strict=True)))
    formulas = [f for c in calcs for f in c.formulas] + list(after)
    text = f"{lab['derived']}{lab['derived_note']}：{inputs}；" + "，".join(formulas)
    return Entry(text, chunks, [f.sentence for f in facts], as_of=False, bullet=True)


def period_part(ctx: ComposeContext) -> Composition | None:
    """A figure for one period that no retrieved passage states, as the sum of its two
    parts ("上半年" = 第一季度 + 第二季度, compute.read_period_sum), else as a longer
    period's figure less the rest of it ("上半年" = 前三季度 − 第三季度,
    compute.read_period_part), both from one document and one year: said to be computed,
    inputs cited. Only the retrieved passages are read."""
    for read in (read_period_sum(ctx.question, ctx.glossary), *read_period_parts(ctx.question, ctx.glossary)):
        comp = _period_from_two(ctx, read) if read is not None else None
        if comp is not None:
            return comp
    return None


def _period_from_two(ctx: ComposeContext, read: tuple) -> Composition | None:
    """The asked period's figure from two figures of one document and one year: their sum
    (its two parts) or their difference (a longer period less the rest of it)."""
    asked, dq = read
    passages = list(ctx.passages)
    facts = [f for f in _facts(passages) if not forecast_re().search(f.clause)]  # a forecast is no reported figure
    ok = _entity_ok(ctx, passages, strict=True)  # a document about two companies: the figure names its own
    if find_operand(facts, Operand(dq.a.entity, dq.a.terms, asked), _entity_ok(ctx, passages)) is not None:
        return None  # stated: the look-up's answer
    a = closest_operand(facts, dq.a, ok)
    if a is None:
        return None
    years = {y for y, _ in a.periods}
    doc = passages[a.passage_idx].chunk.doc_id
    b = closest_operand([f for f in facts if passages[f.passage_idx].chunk.doc_id == doc
                      and ({y for y, _ in f.periods} & years or None in years | {y for y, _ in f.periods})], dq.b, ok)
    if b is None or (dq.kind == "difference" and b.hi >= a.lo) or (a.sentence, a.lo) == (b.sentence, b.lo):
        return None
    mids: list[str] = []
    if dq.midpoint:  # "按预告区间的中值算": each range at its midpoint, the midpoint's formula shown first
        (a, ma), (b, mb) = at_midpoint(a), at_midpoint(b)
        mids = [x for x in (ma, mb) if x]
    calc = calculate(dq.kind, a, b)
    if not isinstance(calc, str) and mids:
        calc.formulas = mids + calc.formulas
    if isinstance(calc, str):
        return None
    # the period as the question names it ("2025年上半年"), only it: not the longer one named as where it lies
    named = [m.group(0).strip() for m in _period_text(english_period_forms(ctx.question))]
    own = [t for t in named if asked[1] in qualifiers(t)]
    # (a name holding no part of a year, "2025" of "fourth quarter of 2025 revenue", is the year: the part asked is said)
    whole_year = not own and len(named) == 1 and not (qualifiers(named[0]) - {None})
    asked_text = "".join(own or named) if (own or len(named) == 1) and not whole_year else (
        f"{asked[1]} {asked[0]}" if ctx.lang == "en" and asked[0] else f"{asked[0] + '年' if asked[0] else ''}{QUALIFIER_TEXT.get(asked[1], '')}")
    label = "period_sum" if dq.kind == "sum" else "period_part"
    lead = Entry(ctx.labels[label].format(asked=asked_text), bullet=False)
    return Composition([lead, _calculation_entry(ctx, dq, calc, passages)], intent="derived")


def states_share(text: str, words: list[str], question: str = "") -> bool:
    """Does a sentence state the asked share or ratio as a percentage: one of the words,
    then within its clause a share cue ("占", "占比"; for a ratio's name, nothing), then
    the percentage ("海外收入占比约8%", "净利率21.9%")? config/reader.toml
    [compute] stated_share. A ratio on a basis the question does not ask ("经调整净利率34.9%" when
    the question asks the net margin: [compute] ratio_bases) is another ratio."""
    cfg = reader_config()["compute"]
    bases = [b for b in cfg["ratio_bases"] if b.lower() not in question.lower()] if question else []  # (no question: any basis)
    for w in words:
        between = r"[^。；;，,\d]{0,4}" if re.search(r"率$|margin$", w, re.I) else rf"[^。；;，,\d]{{0,10}}?(?:{cfg['stated_share']})[^。；;，,\d]{{0,4}}"
        for m in re.finditer(rf"{re.escape(w)}{between}\d+(?:\.\d+)?\s*%", text, re.I):
            if not any(text[: m.start()].lower().rstrip().endswith(b.lower()) for b in bases):
                return True
    return False


def _same_period(a: set, b: set) -> bool:
    """Do two figures stand for the same period: the same year (or one unstated) and the
    same half or quarter (a year's end and the year count as one)? text.period_match, both ways."""
    return period_match(a, b) or period_match(b, a)


def _total_of(facts: list[Fact], passages: list[Passage], part: Fact, exclude: list[str], ok, entity) -> Fact | None:
    """The whole a part belongs to when no figure is labelled a total: a revenue figure of
    the part's document, in its currency, larger than the part, that is none of the parts
    (no part's words, not itself a share of the total: "电商收入27.6亿元，约占总收入的31.9%"):
    the largest of those that state the part's period, else of those that state none."""
    forms = reader_config()["compute"]["revenue_forms"]
    # (the part's own words, not the metric it shares with the whole: "雪票及季卡收入" excludes 雪票, 季卡, not 收入)
    exclude = [x for x in exclude if not any(r in x for r in forms) and not x.isascii()]
    doc = passages[part.passage_idx].chunk.doc_id
    totals = tuple(reader_config()["compute"]["total_row_labels"])
    found = [f for f in facts
             if passages[f.passage_idx].chunk.doc_id == doc and f.currency == part.currency and f.lo > part.hi
             # (a table's total row, "合计 …2,861.3百万港元", under a caption naming the revenue: "按地区划分的收入")
             and (any(w in f.clause for w in forms) or (f.clause.lower().startswith(totals) and any(w in f.context for w in forms)))
             and not any(x in f.clause for x in exclude)
             and not _a_share_itself(f) and ok(f, entity)
             and not in_breakdown(f, Operand(entity, [list(forms)], None))]  # ("整车销售收入8.064亿美元；…": a part's)
    dated = [f for f in found if f.periods and _same_period(f.periods, part.periods)]
    pool = dated or [f for f in found if not f.periods]
    return max(pool, key=lambda f: f.lo) if pool else None


def _row_total(facts: list[Fact], part: Fact) -> Fact | None:
    """The total cell of the part's own table row ("2025年12月:电动自行车头盔98.3万顶;…;合计148.6万顶"): the whole of the
    row's parts, in the part's unit and period."""
    totals = "|".join(map(re.escape, reader_config()["compute"]["total_row_labels"]))

    def labelled_total(f: Fact) -> bool:  # (the cell's own label, right before its figure: "…;合计148.6万顶")
        at = f.sentence.find(f.source_text)
        return at > 0 and re.search(rf"(?:^|[;；:：,，\s])(?:{totals})\s*[:：]?\s*$", f.sentence[:at], re.IGNORECASE) is not None

    return next((f for f in facts if f.sentence == part.sentence and f is not part and f.currency == part.currency
                 and f.lo >= part.hi and labelled_total(f)), None)


def total_row_label(f: Fact) -> str:
    """The total label a table row's figure stands under ("合计" of "合计:…存栏48.6万头": [compute] total_row_labels),
    "" for a row of a part or a sentence."""
    low = normalize(f.sentence).lower()
    return next((w for w in reader_config()["compute"]["total_row_labels"] if f.row and low.startswith(w.lower())), "")


def _table_total(facts: list[Fact], part: Fact) -> Fact | None:
    """The total row of the part's own table, in the part's column ("合计:…2025年产量337.6万张" for "越南同奈:…2025年产量
    71.8万张"): the whole of a share asked of a table's row, whatever its unit (a count, not only revenue)."""
    if not part.row:
        return None

    def column(f: Fact) -> str:  # the cell's own words: its clause without the row's label and the figure
        label = re.split(r"[:：]", f.sentence, maxsplit=1)[0]
        return normalize(f.clause.replace(label, "", 1).replace(f.source_text, " ")).strip()

    return next((f for f in facts if f.row and f.passage_idx == part.passage_idx and f is not part
                 and total_row_label(f) and f.currency == part.currency
                 and f.periods == part.periods and f.lo >= part.hi and column(f) == column(part)), None)


def _a_share_itself(f: Fact) -> bool:
    """Does the figure's sentence say, right after it, that it is a share of something
    ("27.6亿元，同比增长21.0%，约占总收入的31.9%")?"""
    at = f.sentence.find(f.source_text)
    after = f.sentence[at + len(f.source_text):] if at >= 0 else ""
    return re.match(r"[^。；;]{0,20}?(?<!应)占[^。；;，,]{0,12}\d", after) is not None


def asks_points(question: str) -> bool:
    return bool(re.search(reader_config()["compute"]["points_cue"], question, re.I))


def points_change(ctx: ComposeContext, entries: list[Entry]) -> Composition | None:
    """A rate that moved ("留存率由2022年的70.4%降至2024年的53.3%"): among the best
    evidence sentences, the first that states a rate's move between two percentages
    (and the periods the question names), the change computed in percentage points."""
    move = re.compile(reader_config()["compute"]["rate_move"])
    asked = {y for y, _ in periods(ctx.question) if y}
    for e in entries:
        pcts = re.findall(r"(\d+(?:\.\d+)?)\s*%", e.text)
        years = {y for y, _ in periods(e.text) if y}  # (a sentence naming no year was chosen for the period asked: "比重
        # 由上年同期约60.4%升至77.0%" under the half-year's results)
        if len(pcts) < 2 or not move.search(e.text) or (years and not asked <= years):
            continue
        # (the two rates of the move, wherever they stand: "同比增72.7%，…比重由上年同期约60.4%升至77.0%")
        pair = next(((x, y) for x, y in pairwise(pcts) if moves_between(e.text, x, y)), None)
        if pair is None:
            continue  # two rates' own changes ("收入同比下降11.3%，利润同比下降41.6%"), not one rate's move
        formula = points_formula(*pair)
        lab = ctx.labels
        text = f"{lab['derived']}{lab['derived_note']}：{pair[0]}%、{pair[1]}%⟦0⟧；{formula}"
        return Composition([*entries, Entry(text, e.chunks, e.raw, as_of=False)])
    return _rate_of_two_periods(ctx, entries)


def _rate_of_two_periods(ctx: ComposeContext, entries: list[Entry]) -> Composition | None:
    """A rate asked from one period to another ("上架率从二季度末到三季度末提高了几个百分点") that a sentence states for
    both, the earlier in a clause naming its period ("整体上架率为76.5%，二季度末为72.1%": the other clause's is the
    later one's): the change in percentage points, the later less the earlier."""
    named = [m.group(0).strip() for m in _period_text(ctx.question)]
    rate = re.findall(r"[\u4e00-\u9fff]{1,6}率", ctx.question)
    if len(named) != 2 or not rate:
        return None
    earlier, later = named
    for e in entries:
        if not any(r[-3:] in e.text for r in rate):  # the rate asked ("上架率")
            continue
        clauses = [c for c in re.split(r"[，,；;。]", e.text) if re.search(r"\d\s*%", c)]
        if len(clauses) != 2:
            continue
        first = [c for c in clauses if earlier in c and later not in c]
        if len(first) != 1:
            continue
        other = next(c for c in clauses if c is not first[0])
        if re.search(period_phrase_re(), other) and later not in other:
            continue  # the other clause states another period's rate
        a = re.findall(r"(\d+(?:\.\d+)?)\s*%", first[0])
        b = re.findall(r"(\d+(?:\.\d+)?)\s*%", other)
        if len(a) != 1 or len(b) != 1:
            continue
        lab = ctx.labels
        text = f"{lab['derived']}{lab['derived_note']}：{b[0]}%、{a[0]}%⟦0⟧；{points_formula(a[0], b[0])}"
        return Composition([*entries, Entry(text, e.chunks, e.raw, as_of=False)])
    return None


def moves_between(text: str, a: str, b: str) -> bool:
    """Does the text move one rate from a% to b% ("由70.4%降至53.3%"): a word of config/reader.toml
    [compute] rate_move_to between the two?"""
    between = re.search(rf"{re.escape(a)}\s*%(.*?){re.escape(b)}\s*%", text)
    return bool(between and re.search(reader_config()["compute"]["rate_move_to"], between.group(1)))


_DATE = re.compile(r"(?:((?:19|20)\d{2})\s*年\s*)?(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?")


def as_of_date(sentence: str, doc_date: str) -> str:
    """When a sentence's figures stand ("YYYY-MM-DD"): the latest period it states (a
    period counts at its end: config/reader.toml [recency] period_end) or calendar date
    it names (a date without a year takes the document's year; one after the
    document's date is a forecast and does not count), else the document's date;
    "" when neither is known."""
    return stated_date(sentence, doc_date) or doc_date


def stated_date(sentence: str, doc_date: str) -> str:
    """The date a sentence's figures stand at by what it states itself (its latest
    period or calendar date, as `as_of_date` reads them); "" when it states none."""
    ends = reader_config()["recency"]["period_end"]
    found = [f"{y}-{ends.get(q or 'year', ends['year'])}" for y, q in periods(sentence) if y]
    for m in _DATE.finditer(sentence):
        year = m.group(1) or doc_date[:4]
        month = int(m.group(2))
        if not year or not 1 <= month <= 12:
            continue
        found.append(f"{year}-{month:02d}-{int(m.group(3) or 1):02d}")
    found = [d for d in found if not doc_date or d <= doc_date]  # a forecast stands at its document's date
    return max(found) if found else ""


def _companies_named(ctx: ComposeContext, cand, passages: list) -> tuple[set[str], bool]:
    """The companies the first of a sentence, its section's heading and its document's
    title that names any names; and whether that was the title."""
    companies = set(ctx.glossary.companies)
    chunk = passages[cand.passage_idx].chunk
    # (the sentence up to its first part stating a figure: "2026年1月线上商品交易额3,460万元…；与棘岭枣业合作的礼盒带动了
    # 年货销售" is its document's company's figure, the partner named after it)
    parts = re.split(r"(?<=[；;])", cand.text)
    own = "".join(parts[: next((i + 1 for i, s in enumerate(parts) if re.search(r"\d", s)), len(parts))])
    texts = (own, chunk.headings[-1] if len(chunk.headings) > 1 else "", chunk.title)
    for i, text in enumerate(texts):
        named = set(ctx.glossary.entities(text)) & companies
        if named:
            return named, i == len(texts) - 1
    return set(), False


def _about_another(ctx: ComposeContext, cand, entities: list[str], passages: list) -> bool:
    """Is the sentence about other companies only: the first of the sentence, its
    section's heading and its document's title that names a company names none of
    these? (A sentence of a document about several of them stays: who it is about is
    not known.)"""
    named, _ = _companies_named(ctx, cand, passages)
    return bool(named) and not named & set(entities)


def headline_lead(title: str) -> str:
    """The words a headline leads with, before its first colon, bracket or bar
    ("丰穗种业（1929 HK）首次覆盖：…" -> "丰穗种业"): where it names its subject."""
    return re.split(r"[：:（(|｜]", title, maxsplit=1)[0].strip()


def _names_any(ctx: ComposeContext, cand, entities: list[str]) -> bool:
    """Is the sentence about one of the companies: named in it, else in its section's
    heading, else in the title of a document about that one company?"""
    named, by_title = _companies_named(ctx, cand, ctx.passages)
    if by_title and len(named) > 1:  # "丰穗种业（1929 HK）首次覆盖：转基因…": the company the headline leads with
        named = set(ctx.glossary.entities(headline_lead(ctx.passages[cand.passage_idx].chunk.title))) & set(ctx.glossary.companies)
        return len(named) == 1 and bool(named & set(entities))
    return bool(named & set(entities))


def latest(ctx: ComposeContext) -> Composition | None:
    """The most recent figures on the asked subject, newest first: by the date their
    sentence states (its latest period or calendar date), else their document's date."""
    cues = reader_config()["intent"]["cues"]["latest"]
    kind = period_kind(ctx.question)
    q = ctx.question
    for c in cues:
        q = re.sub(c, " ", q, flags=re.I)
    if kind is not None:  # (after the cues: "最近一个季度" is one of them)
        q = re.sub(kind["cue"], " ", q, flags=re.I)
    cands, _ = ctx.rescore(q)
    if not cands or cands[0].coverage < ctx.min_relevance:
        return None
    if re.search(reader_config()["recency"]["progress_asked"], ctx.question, re.I) and not ctx.spec.amount:
        events = _latest_events(ctx, cands, q)  # "疫情最新进展如何": what the sources say of it, no figure needed
        if events is not None:
            return events
    all_cands = cands
    top = cands[0].coverage  # the figures of a series often repeat fewer of the question's words
    ratio = reader_config()["recency"]["keep_ratio"]  # than a sentence about it without one
    cands = [c for c in cands if c.coverage >= ratio * top and c.figures]
    if re.search(reader_config()["recency"]["money_asked"], ctx.question, re.I):
        # a price asked: an amount before its change in per cent, when the sources give one
        cands = [c for c in cands if money_figure(c.text)] or cands
    if not cands:
        return None
    named = [e for e in ctx.glossary.entities(q) if e in ctx.glossary.companies]
    if named:  # figures of the asked company (named in the sentence or its section)
        cands = [c for c in cands if _names_any(ctx, c, named)]
        if not cands:
            return None
    dated = {p for p in periods(q) if p[0]}  # "2025年全年业绩最新情况": the latest of that period
    months = dated_months(q)  # ... or of that month ("最新公布的2026年2月销量")
    if (dated and not any(period_match(dated, _periods_of(ctx, c)) for c in cands)) or (
            months and not any(months & (dated_months(c.text) | _periods_of(ctx, c)) for c in cands)):
        return _latest_not_stated(ctx, cands, named)
    if kind is not None:  # "最新披露的单季营收": the latest quarter a sentence states, not a nine months' total
        # (or its section heading, where the sentence states none: "收入1.24亿元" under "2026财年第一季度（截至2025年11月30日
        # 止三个月）", which ends on the day the heading dates)
        ends = {id(c): latest_of_kind(c.text, kind, ctx.passages[c.passage_idx].chunk.date or "")
                or _section_end(ctx.passages[c.passage_idx].chunk, c.text, kind) for c in cands}
        if any(ends.values()):
            best_kind = max(c.coverage for c in cands if ends[id(c)])
            cands = sorted((c for c in cands if ends[id(c)] and c.coverage >= ratio * best_kind),
                           key=lambda c: (ends[id(c)], c.coverage), reverse=True)
            return _latest_entries(ctx, cands, kind)
    best = max(c.coverage for c in cands)  # wider than a look-up's: a later figure of a series
    pool = [c for c in cands if c.coverage >= ratio * best]
    band = reader_config()["recency"]["answer_band"] * best
    series = _series(ctx, all_cands, max(pool, key=lambda c: c.coverage), q)
    pool += [c for c in series if c not in pool]

    def recency(c) -> tuple[bool, bool, str, float, bool]:
        """The sentences that answer best first (a sentence only near the topic never
        outranks them by its date); among them a figure dated by its own sentence (its
        period or date) before one dated only by its document; the latest first; of those alike, one stating a
        figure its document's headline states (the news of a monthly update: "…11月鲜菇销量3.86万吨同比增9.4%")."""
        chunk = ctx.passages[c.passage_idx].chunk
        doc_date = chunk.date or ""
        stated = stated_date(c.text, doc_date)
        headline = normalize(chunk.title or "")
        return (c.coverage >= band or c in series, bool(stated), stated or doc_date, c.coverage,
                any(normalize(f) in headline for f in c.figures))

    pool.sort(key=recency, reverse=True)
    return _latest_entries(ctx, pool)


def _periods_of(ctx: ComposeContext, c) -> set:
    """The periods a candidate states, else those its section's headings or its document's title name
    ("全年资本开支:…新指引约1.8亿元" under "2026财年指引")."""
    chunk = ctx.passages[c.passage_idx].chunk
    return c.periods or periods(c.text) or context_period(chunk.title, chunk.headings)


def _latest_not_stated(ctx: ComposeContext, cands: list, named: list[str]) -> Composition:
    """The latest of a period no sentence states ("2025年全年" where the documents stop at nine months): said to be
    missing, then what they hold, newest first (a refusal that says what is known)."""
    lab = ctx.labels
    asked = "、".join(m.group(0).strip() for m in _period_text(ctx.question))
    ranked = sorted(cands, key=lambda c: stated_date(c.text, ctx.passages[c.passage_idx].chunk.date or "")
                    or ctx.passages[c.passage_idx].chunk.date or "", reverse=True)
    entries = [Entry(lab["missing"].format(asked=(named[0] if named else "") + asked)), Entry(lab["known"], bullet=False)]
    return Composition(entries + _first_quoted(ctx, ranked, 3), refused=True)


def _latest_entries(ctx: ComposeContext, ranked: list, kind: dict | None = None) -> Composition:
    """The latest answer: its label, the first three sentences as ranked (with a kind of period asked, one stating no
    period of its own led by its section's heading, which says which period it is and when it ends), the no-live-data
    note."""
    entries = _first_quoted(ctx, ranked, 3)
    for e in entries:
        if kind is not None and _section_end(e.chunks[0], e.text, kind) and _DAY_ENDED.search(period_heading(e.chunks[0])):
            # (a heading that dates the period's end, "（截至2025年11月30日止三个月）": a review's title heading,
            # "…2025年三季度业绩点评", over a cumulative line says no period of that line)
            e.text = f"{period_heading(e.chunks[0]).strip()}{ctx.labels['heading_sep']}{e.text}"
    return Composition([Entry(ctx.labels["latest"], bullet=False), *entries, Entry(ctx.labels["no_live"])])


_DAY_ENDED = re.compile(r"截至(\d{4})年(\d{1,2})月(\d{1,2})日|\b(?:to|ended|ending)\s+(\d{1,2})\s+([A-Z][a-z]+)\s+(\d{4})")
_MONTHS_EN = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
              "november", "december"]


def _section_end(chunk: Chunk, sentence: str, kind: dict) -> str:
    """The day ("YYYY-MM-DD") a sentence's section ends on, when the sentence states no period and its section heading
    names a period of the kind asked with the day it ends ("2026财年第一季度（截至2025年11月30日止三个月）"); "" otherwise."""
    heading = period_heading(chunk)
    if not heading or periods(sentence) or dated_months(sentence) or not any(re.fullmatch(kind["qualifiers"], q or "") for _, q in periods(heading)):
        return ""
    m = _DAY_ENDED.search(heading)
    if m is None:
        return latest_of_kind(heading, kind, chunk.date or "")
    if m.group(1):
        return f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    month = _MONTHS_EN.index(m.group(5).lower()) + 1 if m.group(5).lower() in _MONTHS_EN else 0
    return f"{m.group(6)}-{month:02d}-{int(m.group(4)):02d}" if month else ""


def _first_quoted(ctx: ComposeContext, ranked: list, most: int) -> list[Entry]:
    """The first `most` different sentences of the ranked candidates, each quoted with its passage."""
    out: list[Entry] = []
    for c in ranked:
        if len(out) < most and c.text not in {e.text for e in out}:
            out.append(Entry(c.text, [ctx.passages[c.passage_idx].chunk], [c.raw]))
    return out


def period_kind(question: str) -> dict | None:
    """The kind of period a question asks the latest figure of ("单季", "quarterly":
    config/reader.toml [recency.period_kinds]), or None."""
    kinds = reader_config()["recency"]["period_kinds"]
    return next((k for k in kinds.values() if re.search(k["cue"], question, re.I)), None)


_CAPTION = re.compile(r"^\s*(?:表|图|Table|Figure|Chart)\s*\d", re.I)


def _latest_events(ctx: ComposeContext, cands: list, q: str) -> Composition | None:
    """The latest asked of a matter ([recency] progress_asked): the sentences on it that answer best, of the asked
    company (named in the sentence or its section), the newest document's first, each in its source order."""
    ratio = reader_config()["recency"]["keep_ratio"]
    top = cands[0].coverage
    pool = [c for c in cands if c.coverage >= ratio * top]
    named = [e for e in ctx.glossary.entities(q) if e in ctx.glossary.companies]
    if named:
        pool = [c for c in pool if _names_any(ctx, c, named)]
    if not pool:
        return None
    entries = [e for e in ctx.lookup_entries(cands=pool, wants_list=True, keep_ratio=ratio)
               if not _CAPTION.match(e.text)]  # (a table's caption says nothing of the matter)
    if not entries:
        return None
    # (ISO dates sort as text; the sort is stable: a document's sentences keep their order, undated ones last)
    dated = sorted(entries, key=lambda e: (e.chunks[0].date or "") if e.chunks else "", reverse=True)
    return Composition([Entry(ctx.labels["latest_events"], bullet=False), *dated,
                        Entry(ctx.labels["no_live_refused"])])


def latest_of_kind(sentence: str, kind: dict, doc_date: str) -> str:
    """The end date ("YYYY-MM-DD") of the latest period of the kind a sentence states
    ("第一季度…第二季度…第三季度2,950座" -> the third quarter's end); a period without its year
    is of its document's year, or the year before when it would end after the document's
    date; "" when it states none."""
    ends = reader_config()["recency"]["period_end"]
    dated = {(y, q) for y, q in periods(sentence) if q} | dated_months(sentence)  # (a month: "2026年1月…")
    found = dated | {(None, q) for q in qualifiers(sentence) if q and q not in {d for _, d in dated}}
    out = []
    for y, q in found:
        if not re.fullmatch(kind["qualifiers"], q) or q not in ends:
            continue
        year = y or doc_date[:4]
        if not year:
            continue
        end = f"{year}-{ends[q]}"
        if not y and doc_date and end > doc_date:
            end = f"{int(year) - 1}-{ends[q]}"
        out.append(end)
    return max(out, default="")


def _series(ctx: ComposeContext, cands: list, best, question: str) -> list:
    """The sentences that continue the best one's series: in its passage, with figures,
    naming the question's head word (the last content word, where a Chinese phrase
    names its metric: "…日均调用量", "…集装箱吞吐量") when the best one names it too,
    and stating a later date than it ("后续数据:2025年下半年日均调用量升至约37.0万亿")."""
    words = content_words(question)
    head = words[-1] if words else ""
    if len(head) < reader_config()["recency"]["series_head_chars"] or head not in best.text:  # "公司" names no series
        return []
    chunk = ctx.passages[best.passage_idx].chunk
    since = stated_date(best.text, chunk.date or "")
    if not since:  # a best sentence without a date of its own starts no series
        return []
    return [c for c in cands if c is not best and c.figures and head in c.text
            and ctx.passages[c.passage_idx].chunk.id == chunk.id and stated_date(c.text, chunk.date or "") > since]


def known_other_periods(ctx: ComposeContext) -> Composition | None:
    """The asked figure is not in the documents: say so, then give the same company's
    same metric for the periods the documents do hold. (Not when the part asked is a thing no document names,
    "走马灯收入": no period has its figure, and the company's for another period is no part's.)"""
    if not (ctx.spec.wants_figure and ctx.spec.periods) or any(g.marked and g.absent for g in ctx.spec.required):
        return None
    asked = ctx.spec.periods
    bare = _PERIOD_EN.sub(" ", period_phrase_re().sub(" ", ctx.question))
    passages = _all_passages(ctx)  # the other periods may sit outside the retrieved few
    cands, spec = ctx.rescore(bare, passages)
    if not spec.metrics:
        return None
    known = []
    for c in cands:
        if c.coverage < ctx.min_relevance or not c.figures:
            continue
        stated = c.periods or periods(c.text)  # (a period named to compare is not the sentence's)
        if not stated or period_match(asked, stated):
            continue
        known.append(c)
    named = [e for e in ctx.glossary.entities(ctx.question) if e in ctx.glossary.companies]
    if named:  # never another company's figures passed off as the asked one's
        known = [c for c in known if not _about_another(ctx, c, named, passages)]
    # prefer sentences where a money figure's own clause names the metric
    forms = [f for fs in spec.metrics for f in fs]
    labelled = [c for c in known if any(any(m in f.clause.lower() for m in forms) for f in facts_in(c.text))]
    known = labelled or known
    if not known:
        return None
    lab = ctx.labels
    asked_text = "、".join(sorted(m.group(0).strip() for m in _period_text(without_period_glosses(ctx.question)) if re.search(r"\d|季度|半年|月", m.group(0))))
    ents = ctx.glossary.entities(ctx.question)
    metric = ctx.glossary.metrics_in(ctx.question)
    segment = "".join(forms[0] for forms in ctx.spec.segments if forms)  # "华南地区": the part asked, not the whole
    subject = (ents[0] if ents else "") + asked_text + segment + (metric[0] if metric else "")
    entries = [Entry(lab["missing"].format(asked=subject or asked_text)), Entry(lab["known"], bullet=False)]
    entries += ctx.lookup_entries(wants_list=False, max_sentences=2, cands=sorted(known, key=lambda c: -c.score), passages=passages)
    return Composition(entries, refused=True)


def known_level(ctx: ComposeContext) -> Composition | None:
    """A figure's growth is asked and no sentence or table row states it for the period asked (a row of
    levels, "上半年收入186.3亿元", is no growth): say so, then give the figure's level the documents hold
    for that period (config/evidence.toml [scope] growth_asked: the words dropped to find it)."""
    if not (ctx.spec.wants_figure and ctx.spec.metrics and asks_growth_only(ctx.question)):
        return None
    words = sorted(evidence_config()["scope"]["growth_asked"], key=len, reverse=True)
    found = [w for w in words if w in ctx.question.lower()]
    bare = re.sub("|".join(map(re.escape, found)), " ", ctx.question, flags=re.I)
    cands, spec = ctx.rescore(bare)
    if not spec.metrics:
        return None
    known = [c for c in cands if c.coverage >= ctx.min_relevance and c.figures]
    named = [e for e in ctx.glossary.entities(ctx.question) if e in ctx.glossary.companies]
    if named:  # never another company's figures passed off as the asked one's
        known = [c for c in known if not _about_another(ctx, c, named, ctx.passages)]
    if not known:
        return None
    metric = ctx.glossary.metrics_in(ctx.question)
    periods_asked = " ".join(m.group(0).strip() for m in _period_text(ctx.question))
    growth = min(found, key=lambda w: (ctx.question.lower().find(w), -len(w)))  # as the question writes it first
    sep = "" if ctx.lang == "zh" else " "  # ("北嵘矿业资源 H1 2025 收入 grow": a year glued to a period reads as a figure)
    subject = sep.join(x for x in (named[0] if named else "", periods_asked, metric[0] if metric else "", growth) if x)
    lab = ctx.labels
    entries = [Entry(lab["missing"].format(asked=subject)), Entry(lab["known"], bullet=False)]
    entries += ctx.lookup_entries(wants_list=False, max_sentences=2, cands=known)
    return Composition(entries, refused=True)


def says_not_given(entries: list[Entry]) -> bool:
    """Do the quoted lines only say that the figure was not given ("管理层此次没有给出全年收入指引"), with no figure
    of their own (config/reader.toml [not_given] cues)?"""
    quoted = [e for e in entries if e.chunks]
    cues = reader_config()["not_given"]["cues"]
    return bool(quoted) and all(any(c in e.text for c in cues) and not claim_figures(e.text) for e in quoted)


def has_figures(comp: Composition) -> bool:
    return any(e.chunks and claim_figures(e.text) for e in comp.entries)
