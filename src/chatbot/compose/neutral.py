"""Comparison (the same question asked of each company named, labelled by company),
definition (the look-up's explaining sentences) and advice (the neutral comparison
or assessment from the documents, plus one line that no investment advice is given)."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace

from chatbot.collapse import docs_about
from chatbot.compose.base import ComposeContext, Composition, Entry, company_passages
from chatbot.compose.sections import conclusion, overlap, pros_cons, topic_groups
from chatbot.evidence import designated_name, passage_sentences
from chatbot.evidence_config import evidence_config
from chatbot.intent import defined_term, is_function_word, is_phrasing_word, reader_config
from chatbot.models import Passage
from chatbot.text import claim_figures, normalize, period_phrase_re, split_sentences


def _without(question: str, others: list[str], ctx: ComposeContext) -> str:
    q = question
    for canon in others:
        for a in sorted([canon, *ctx.glossary.aliases_of(canon)], key=len, reverse=True):
            q = re.sub(re.escape(a), " ", q, flags=re.I)
    return re.sub(r"\s*(?:和|与|跟|及|、|and|vs\.?|versus)\s*(?=\s|的|$)", " ", q)


def comparison(ctx: ComposeContext) -> Composition | None:
    ents = [e for e in ctx.glossary.entities(ctx.question) if e in ctx.glossary.companies]
    if len(ents) < 2:  # a superlative over a table; two periods or parts of one company: the table rows the question
        rows = _superlative_rows(ctx) or _named_rows(ctx, ents) or _item_lines(ctx)  # names; else the look-up
        if rows:
            return Composition([Entry(ctx.labels["comparison"], bullet=False), *rows])
        found = ctx.lookup_entries(wants_list=True)
        return Composition(found) if found else None
    compared = company_figures(ctx, ents)  # None: no figure compared (business models, strategies)
    if compared is not None and compared.missing:  # a company whose figure no sentence states
        return _missing_figure(ctx, ents, compared)
    figures = compared.lines if compared is not None else None
    entries: list[Entry] = [Entry(ctx.labels["comparison"], bullet=False)]
    side_by_side = _table_rows(ctx, ents) or _table_columns(ctx, ents) or _company_sections(ctx, ents)
    if side_by_side and not _covers_topic(ctx, side_by_side):
        side_by_side = []  # the documents' comparison of other things ("商业模式", "IPO估值" for the cornerstone investors)
    if side_by_side:  # the documents' own comparison: a table column, or one section per company
        shown = {normalize(e.text) for e in side_by_side}  # and each company's figure it does not show (once)
        extra: list[Entry] = []
        for e in ents:
            lines = [ln for ln in (figures or {}).get(e, []) if not any(normalize(ln.text) in t for t in shown)]
            shown.update(normalize(ln.text) for ln in lines)
            extra += _labelled(e, lines)
        return Composition(entries + side_by_side + extra)
    used: set[str] = set()
    for e in ents:
        others = [o for o in ents if o != e]
        cands, _ = ctx.rescore(_without(ctx.question, others, ctx))
        cands = [c for c in cands if c.text not in used and not _about_other(ctx, c, e, others)]
        own = [ln for ln in (figures or {}).get(e, []) if ln.text not in used]  # its figure first
        lines = ctx.lookup_entries(wants_list=False, max_sentences=2, cands=cands) or _rows_about(ctx, e)
        lines = (own + [ln for ln in lines if not any(_repeats(ln.text, o.text) for o in own)])[:2]
        used.update(ln.text for ln in lines)
        entries += _labelled(e, lines)
    return Composition(entries) if len(entries) > 2 else None


def _covers_topic(ctx: ComposeContext, entries: list[Entry]) -> bool:
    """Do the entries name what the comparison asks about, where the question names a distinctive thing some retrieved
    passage writes ("基石" of "compare the cornerstone investors", no metric): the documents' side-by-side rows of
    other things are no answer to it. True when the question names no such thing (the rows are the comparison)."""
    if ctx.spec.metrics or ctx.spec.periods:
        return True  # (a figure compared: the rows' own figures, and each company's line below them)
    texts = [normalize(p.chunk.text) for p in ctx.passages]
    topic = [g for g in ctx.spec.groups if g.kind in ("word", "term") and not g.entity and not g.absent
             and g.weight >= reader_config()["comparison"]["topic_min_weight"]
             and any(not a.isascii() and len(a) >= 2 and any(a in t for t in texts) for a in g.alternatives)]
    shown = " ".join(normalize(e.text) for e in entries)
    if not topic or any(a in shown for g in topic for a in g.alternatives if not a.isascii() and len(a) >= 2):
        return True
    # (a concrete thing of each company's, stated with figures elsewhere: "11家基石投资者合计认购约29.8亿港元"; a topic
    # the documents speak of only in words, "商业化路线", may be what the side-by-side rows say in theirs: "商业模式")
    ents = [e for e in ctx.glossary.entities(ctx.question) if e in ctx.glossary.companies]
    forms = {e: [normalize(a).lower() for a in [e, *ctx.glossary.aliases_of(e, codes=False)] if len(a) >= 2] for e in ents}
    # (each sentence with the companies its document is about: a debut article's "11家基石投资者…" is its company's)
    sentences = [(normalize(shown_text).lower(), ctx.glossary.doc_subjects.get(p.chunk.doc_id, set()))
                 for p in ctx.passages for _, shown_text, _, _ in passage_sentences(p.chunk.text)]
    return not all(any((e in about or any(f in t for f in forms[e])) and claim_figures(t)
                       and any(a in t for g in topic for a in g.alternatives if not a.isascii() and len(a) >= 2)
                       for t, about in sentences) for e in ents)


def _labelled(company: str, lines: list[Entry]) -> list[Entry]:
    return [Entry(f"{company}：", bullet=False), *lines] if lines else []


def _repeats(a: str, b: str) -> bool:
    na, nb = normalize(a), normalize(b)
    return na in nb or nb in na


def figure_core(ctx: ComposeContext, ents: list[str]) -> str:
    """What a comparison asks of each company: the question less the companies' names, the words that join
    them and the words that compare ([comparison] strip): "比较一下栗岛咖啡和麦汀咖啡上半年的净利润。" ->
    "上半年的净利润", "绮朵护理的增速比柔禾卫品2025年成人失禁用品收入增长快吗？" -> "的增速 2025年成人失禁用品收入增长"."""
    cfg = reader_config()["comparison"]
    q = ctx.question
    for canon in ents:
        for a in sorted([canon, *ctx.glossary.aliases_of(canon, codes=False)],
                        key=len, reverse=True):
            q = re.sub(re.escape(a) + r"(?:['’]s\b)?", "\x00", q, flags=re.I)
    # between two names only their joiner stands, and a name's own character the catalogue left off ("和环" of
    # "澈源再生和环钴资源" where it knows 钴资源)
    q = re.sub(r"\x00[^\x00，,。？?\s]{0,3}\x00", " ", q).replace("\x00", " ")
    q = re.sub(rf"(?:(?<=\s)|^|那){cfg['joiners']}(?=\s|的|$)", " ", q, flags=re.I)
    for _ in range(2):  # a follow-up put after the question before it ("…2024年毛利率各：那净利率呢？哪家更高？"):
        for rx in cfg["strip"]:  # its own words, the last clause that is left, ask
            q = re.sub(rx, " ", q, flags=re.I)
        q = next((c for c in reversed(re.split(r"[：:；;？?。！!]", q)) if c.strip(" ，,、的")), "")
    return re.sub(r"\s+", " ", q).strip(" ，,、的")


def company_figures(ctx: ComposeContext, ents: list[str]) -> Compared | None:
    """A comparison of one figure: each company's figure as a look-up of its own finds it ("<company><core>是多少？":
    the company, metric, period and specifying words held), from the retrieved passages and those of the
    documents that name the company; None when the question compares no figure (it names no metric or
    period, and no word of [comparison] figure_cue) or names nothing to look up."""
    core = figure_core(ctx, ents)
    if not core:
        return None
    en = ctx.lang == "en"
    # (a Latin name apart from a year after it: "MiniMax 2024年收入", not one token "minimax2024")
    asks = {e: (f"How much was {e}'s {core}?" if en else f"{e}{' ' if e[-1:].isascii() and core[:1].isdigit() else ''}{core}是多少？")
            for e in ents}
    cue = re.search(reader_config()["comparison"]["figure_cue"], ctx.question, re.I)
    passages = company_passages(ctx, ents)
    texts = [normalize(p.chunk.text) for p in passages]
    words = [w for w in _asked_words(ctx, core) if any(w in t for t in texts)]  # (a name's leftover is none)
    out = Compared({}, [])
    metrics: list[list[str]] = []
    for e in ents:
        others = [o for o in ents if o != e]
        cands, spec = ctx.rescore(asks[e], passages)
        if not (spec.metrics or spec.required or words) or not (spec.metrics or spec.periods or cue):
            return None  # nothing that names a figure, or no figure asked
        metrics = metrics or spec.metrics
        cands = [c for c in cands if c.figures and not _about_other(ctx, c, e, others, passages)
                 and _states_for(ctx, c, e, ents, passages) and (not words or any(w in normalize(c.text) for w in words))]
        out.lines[e] = ctx.lookup_entries(wants_list=False, max_sentences=1, cands=cands, passages=passages)
    # missing: no line found, and (a metric asked) no sentence of the company's states the metric with a figure at all
    # (a look-up too strict for the question's words is no reason to say the documents lack it)
    out.missing = [e for e in ents if not out.lines[e] and not (metrics and _states_metric(ctx, e, ents, metrics, passages))]
    return out


@dataclass
class Compared:
    lines: dict[str, list[Entry]]  # each company's line stating the figure compared ([] none found)
    missing: list[str]  # the companies whose figure the documents do not state


def _states_metric(ctx: ComposeContext, company: str, ents: list[str], metrics: list[list[str]], passages: list[Passage]) -> bool:
    """Does some sentence state a figure of the company's with one of the metric's forms?"""
    forms = [normalize(f).lower() for fs in metrics for f in fs if not f.isascii()]
    cands, _ = ctx.rescore(f"{company}{metrics[0][0]}", passages)
    return any(c.figures and any(f in normalize(c.text).lower() for f in forms) and _states_for(ctx, c, company, ents, passages)
               for c in cands)


def _asked_words(ctx: ComposeContext, core: str) -> list[str]:
    """The words of a compared figure that are no metric, period or change word, as the question writes them side
    by side ("新签订单", "人均二次消费", "成人失禁用品", "净利率": jieba cuts "新签订单" into 新|签订|单, and "净利率" holds
    净利润's form 净利, so the look-up alone does not hold them): a company's figure line holds one of them. A metric's
    form counts only as a whole word; pronouns, adverbs and the like, and single characters, are none."""
    from chatbot.text import _jieba

    rest = period_phrase_re().sub(" ", core)
    forms = {f for m in ctx.glossary.metrics_in(rest) for f in [m, *ctx.glossary.metrics[m]]}
    forms |= set(evidence_config()["scope"]["change_words"])
    runs, run = [], ""
    for w in [*_jieba().lcut(rest), " "]:
        if re.fullmatch(r"[\u4e00-\u9fff]+", w) and w not in forms and w != "的" and not is_function_word(w):
            run += w
        else:
            runs.append(run)
            run = ""
    # (a word that only names the kind of figure ends no run: "门店数量" is the stores', [required] skip_words)
    skip = sorted(evidence_config()["required"]["skip_words"], key=len, reverse=True)
    runs = [next((r[: -len(w)] for w in skip if r.endswith(w) and len(r) > len(w)), r) for r in runs]
    return [normalize(r) for r in runs if len(r) >= 2 and not is_phrasing_word(r)]


def _owner_forms(ctx: ComposeContext, company: str, ents: list[str]) -> list[str]:
    """The names by which a text may speak of one of the companies compared: its aliases, and the first two characters
    of a Chinese name of four or more ("滨海" of 滨海铝业, a word of the dictionary the catalogue keeps no alias of) when no
    other company compared opens with them."""
    forms = [normalize(a).lower() for a in _aliases(ctx, company) if len(a) >= 2]
    head = company[:2]
    if re.fullmatch(r"[\u4e00-\u9fff]{4,}", company) and not any(o != company and o.startswith(head) for o in ents):
        forms.append(head)
    return forms


def _named_in(ctx: ComposeContext, text: str, ents: list[str]) -> list[tuple[int, str]]:
    """Where the text names each company compared (by _owner_forms), in order."""
    low = normalize(text).lower()
    return sorted((m.start(), e) for e in ents for f in _owner_forms(ctx, e, ents) for m in re.finditer(re.escape(f), low))


def _last_named(ctx: ComposeContext, text: str, ents: list[str]) -> str | None:
    named = _named_in(ctx, text, ents)
    return named[-1][1] if named else None


def _states_for(ctx: ComposeContext, cand, company: str, ents: list[str], passages: list[Passage]) -> bool:
    """Does the sentence state a figure of the company: one whose nearest compared company named before it is
    that one ("泰衡营收为45.1亿元…，增速明显快于陇轨" states none of 陇轨's; "MiniMax超过15亿美元,智谱超过83亿元人民币"
    one of each), or one of a sentence naming none of them (a section about the company, checked by the look-up)?"""
    low = normalize(cand.text).lower()
    named = _named_in(ctx, cand.text, ents)
    if not named:  # the company its paragraph names last before it ("先看禾沐。…毛利率为61.2%"), else its heading's, else
        chunk = passages[cand.passage_idx].chunk  # its document's when it is about that one alone
        line = next((ln for ln in chunk.text.splitlines() if cand.raw and cand.raw in ln), "")
        last = _last_named(ctx, line[: line.find(cand.raw)], ents) if line else None
        heads = {e for _, e in _named_in(ctx, " ".join(chunk.headings[1:]), ents)}
        about = ctx.glossary.doc_subjects.get(chunk.doc_id) or set(ctx.glossary.entities(chunk.title))
        return last == company if last else (company in heads if heads else not (set(ents) - {company}) & about)
    for f in cand.figures:
        at = low.find(normalize(f).lower())
        before = [e for pos, e in named if pos < at] if at >= 0 else []
        if before and before[-1] == company:
            return True
    return False


def _missing_figure(ctx: ComposeContext, ents: list[str], compared: Compared) -> Composition:
    """The figure compared is not stated for some company: say for which, then (as what is known) the others'."""
    missing, figures = compared.missing, compared.lines
    sep = "" if ctx.lang == "zh" else " "
    entries = [Entry(ctx.labels["missing"].format(asked=sep.join(["、".join(missing), figure_core(ctx, ents)])))]
    found = [x for e in ents for x in _labelled(e, figures[e])]
    if found:
        entries += [Entry(ctx.labels["known"], bullet=False), *found]
    return Composition(entries, refused=True)


def _named_rows(ctx: ComposeContext, ents: list[str]) -> list[Entry]:
    """Things of one company compared (its quarters, its segments: "一季度和三季度的新签订单"): the rows
    of one table headed by two or more of them, each in full (the same columns for each), or the rows of
    a table whose columns two of them head, those that name what is asked; in the documents about the
    company asked (its title names it), else in the retrieved ones, the best retrieved first."""
    q = normalize(ctx.question)
    rank: dict[str, int] = {}
    for i, p in enumerate(ctx.passages):
        rank.setdefault(p.chunk.doc_id, i)
    docs = sorted((d for d in ctx.structure.values() if d.doc_id in rank), key=lambda d: rank[d.doc_id])
    if ents:
        docs = [d for d in docs if set(ctx.glossary.entities(d.title)) & set(ents)] or docs
    groups = _asked_groups(ctx)
    items = compared_items(ctx.question)

    def named(head: str) -> bool:
        h = normalize(re.sub(r"^\W+|\W+$", "", head))
        return len(h) >= 2 and h in q

    for d in docs:
        for b in d.blocks:
            if b.kind != "table":
                continue
            rows = [ln for ln in b.lines if named(re.split(r"[:：]", ln.text)[0])]
            if len(rows) < 2 and len(items) == 2:  # each thing joined heads one row ("三季度": "2025年第三季度")
                per = [[ln for ln in b.lines if normalize(i) in normalize(re.split(r"[:：]", ln.text)[0])] for i in items]
                rows = [p[0] for p in per] if all(len(p) == 1 for p in per) and per[0][0] is not per[1][0] else rows
            if len(rows) >= 2:
                return [Entry(ln.text, [ln.chunk], [ln.raw]) for ln in rows]
            if sum(named(h) for h in b.header[1:]) >= 2 and groups:
                scores = [overlap(groups, re.split(r"[:：]", ln.text)[0]) for ln in b.lines]
                top = max(scores, default=0.0)
                if top > 0:
                    return [Entry(ln.text, [ln.chunk], [ln.raw]) for ln, sc in zip(b.lines, scores, strict=True) if sc == top][:3]
    return []


def _superlative_rows(ctx: ComposeContext) -> list[Entry]:
    """A superlative asked among several ([comparison] superlative: "谁的存货周转天数最短"): the rows of the table (three or
    more, in the retrieved documents, the best retrieved first) one of whose column headers names most of what is
    asked, every row in full, so that each one's cell is shown; none when no header names it."""
    if not re.search(reader_config()["comparison"]["superlative"], ctx.question, re.I):
        return []
    # (the question's own terms: the cue "谁的存货周转天数最短" holds what is asked, so the topic words lack it)
    groups = [(g.alternatives, g.weight) for g in ctx.spec.groups if not g.entity and g.kind != "period" and not g.absent]
    rank: dict[str, int] = {}
    for i, p in enumerate(ctx.passages):
        rank.setdefault(p.chunk.doc_id, i)
    best: tuple[float, list[Entry]] = (0.0, [])
    for d in sorted((d for d in ctx.structure.values() if d.doc_id in rank), key=lambda d: rank[d.doc_id]):
        for b in d.blocks:
            if b.kind != "table" or len(b.lines) < 3:
                continue
            top = max((overlap(groups, h) for h in b.header[1:]), default=0.0)
            if top > best[0]:
                best = (top, [Entry(ln.text, [ln.chunk], [ln.raw]) for ln in b.lines])
    if not best[1]:
        return []
    rows = {normalize(e.text) for e in best[1]}  # the best sentence first, when it is no row ("…为四家中最高")
    said = [e for e in ctx.lookup_entries(wants_list=False, max_sentences=1) if normalize(e.text) not in rows]
    return said + best[1]


def compared_items(question: str) -> list[str]:
    """The two things a comparison joins ("复合肥和新型肥料" -> 复合肥, 新型): the words either side of
    its first joining word ([intent] compared_join), each of two characters or more."""
    from chatbot.text import _jieba

    words = [w for w in _jieba().lcut(question) if w.strip()]
    join = set(reader_config()["intent"]["compared_join"])
    for i, w in enumerate(words[1:-1], start=1):
        if w.lower() in join:
            left = words[i - 1] if len(words[i - 1]) > 1 or i < 2 else words[i - 2] + words[i - 1]  # "种植"+"牙"
            right = words[i + 1] if len(words[i + 1]) > 1 or i + 2 >= len(words) else words[i + 1] + words[i + 2]
            items = [left, right]
            return items if all(len(x) >= 2 and re.search(r"\w", x) for x in items) else []
    return []


def _item_lines(ctx: ComposeContext) -> list[Entry]:
    """Two things of one company compared in prose ("复合肥和新型肥料销量哪个增长更快"): for each, the best
    evidence sentence that names it, the question read without the other; both, or none."""
    items = compared_items(ctx.question)
    if len(items) != 2:
        return []
    out: list[Entry] = []
    for item, other in (items, items[::-1]):
        cands, _ = ctx.rescore(re.sub(re.escape(other), " ", ctx.question))
        named = [c for c in cands if normalize(item) in normalize(c.text) and normalize(other) not in normalize(c.text)]
        lines = ctx.lookup_entries(wants_list=False, max_sentences=1, cands=named, keep_ratio=0.0) if named else []
        if not lines or any(e.text == lines[0].text for e in out):
            return []
        out.append(lines[0])
    return out


def _aliases(ctx: ComposeContext, entity: str) -> list[str]:
    return [entity.lower()] + [a.lower() for a in ctx.glossary.aliases_of(entity, codes=False)]


def _asked_groups(ctx: ComposeContext):
    """What the comparison is about: the topic words without the companies."""
    return [g for g in topic_groups(ctx) if not any(a in ctx.glossary.companies for a in g[0])]


def _table_rows(ctx: ComposeContext, ents: list[str]) -> list[Entry]:
    """A table with a column headed by what is asked ("商业模式") and a row headed by
    each company: each company's row, labelled."""
    groups = _asked_groups(ctx)
    q = ctx.question.lower()

    def asked(h: str) -> bool:  # by a topic word, or by the header itself (a cue word: "商业模式")
        return overlap(groups, h) > 0 or (len(h.strip()) >= 2 and h.strip().lower() in q)

    for d in sorted(ctx.structure.values(), key=lambda d: d.doc_id != "report"):
        for b in d.blocks:
            if b.kind != "table" or not any(asked(h) for h in b.header[1:]):
                continue
            rows = {}
            for e in ents:
                row = next((ln for ln in b.lines if any(a in re.split(r"[:：]", ln.text)[0].lower() for a in _aliases(ctx, e))), None)
                if row is not None:
                    rows[e] = row
            if len(rows) == len(ents):
                return [x for e in ents for x in (Entry(f"{e}：", bullet=False), Entry(rows[e].text, [rows[e].chunk], [rows[e].raw]))]
    return []


def _table_columns(ctx: ComposeContext, ents: list[str], most: int = 3) -> list[Entry]:
    """A table with a column headed by each company and rows headed by what is asked ("收入", "收入同比"
    for "谁的收入增长更好"): the rows that name most of it (each gives every company's cell), in the table's order."""
    groups = _asked_groups(ctx)
    if not groups:
        return []
    for d in sorted(ctx.structure.values(), key=lambda d: d.doc_id != "report"):
        for b in d.blocks:
            heads = [h.lower() for h in b.header[1:]]
            if b.kind != "table" or not all(any(a in h for h in heads for a in _aliases(ctx, e)) for e in ents):
                continue
            scores = [overlap(groups, re.split(r"[:：]", ln.text)[0]) for ln in b.lines]
            top = max(scores, default=0.0)
            if top > 0:  # the rows that name most of what is asked ("前三季度毛利率" before "前三季度营业收入")
                return [Entry(ln.text, [ln.chunk], [ln.raw]) for ln, sc in zip(b.lines, scores, strict=True) if sc == top][:most]
    return []


def _company_sections(ctx: ComposeContext, ents: list[str], most: int = 2) -> list[Entry]:
    """A document about what is asked (its title or top heading) with one section
    headed by each company: the heading as the company's label, its first points."""
    groups = _asked_groups(ctx)
    if not groups:
        return []
    for d in ctx.structure.values():
        if overlap(groups, " ".join([d.title, *(b.path[0] for b in d.blocks[:1] if b.path)])) <= 0:
            continue
        out: list[Entry] = []
        for e in ents:
            secs = [(p, bs) for p, bs in d.sections() if len(p) >= 2
                    and set(ctx.glossary.entities(p[-1])) & set(ctx.glossary.companies) == {e}]
            if len(secs) != 1:
                break
            path, blocks = secs[0]
            lines = [ln for b in blocks for ln in b.lines][:most]
            out += [Entry(f"{path[-1]}：", bullet=False)] + [Entry(ln.text, [ln.chunk], [ln.raw]) for ln in lines]
        else:
            return out
    return []


def _about_other(ctx: ComposeContext, cand, entity: str, others: list[str], passages: list[Passage] | None = None) -> bool:
    """Does the sentence sit in a section headed by another compared company (and not
    by this one), or name only other compared companies?"""
    chunk = (passages or ctx.passages)[cand.passage_idx].chunk
    named = set(ctx.glossary.entities(cand.text))
    if named & set(others) and entity not in named:
        return True
    head = set(ctx.glossary.entities(chunk.headings[-1])) if len(chunk.headings) > 1 else set()
    return bool(head & set(others)) and entity not in head and entity not in named


def _rows_about(ctx: ComposeContext, entity: str, most: int = 2) -> list[Entry]:
    """Table rows that the company heads (the report's comparison tables first), else, in a table with a column per
    company, each row's cell of the company under the row's label ("新车销量:途昇汽车22,940辆"), and all of its rating
    and target-price rows ([structure] rating_labels)."""
    aliases = [a.lower() for a in [entity, *ctx.glossary.aliases_of(entity)] if a]
    docs = sorted(ctx.structure.values(), key=lambda d: d.doc_id != "report")
    out, cells = [], []
    for d in docs:
        for b in d.blocks:
            if b.kind != "table":
                continue
            for ln in b.lines:
                head, _, rest = ln.text.partition(":")
                # (a numbered item named after the company, "溟珂3号" a ship of 溟珂海洋's fleet, heads no row about it)
                if any(a in head.lower() for a in aliases) and not designated_name(head):
                    out.append(Entry(ln.text, [ln.chunk], [ln.raw]))
                    continue
                clauses = rest.split(";")
                mine = [c for c in clauses if any(a in c.lower() for a in aliases)]
                if rest and len(clauses) >= 2 and len(mine) == 1:
                    cells.append(Entry(f"{head}:{mine[0]}", [ln.chunk], [ln.raw]))
    if not out and cells:  # (the rating rows, and `most` of the others)
        rated = [e for e in cells if _rating_row(e.text)]
        return [e for e in cells if e not in rated][:most] + rated
    return out[:most]


def _rating_row(text: str) -> bool:
    """Is a rendered table row one of an analyst's rating or target price ("评级:途昇汽车减持"; [structure]
    rating_labels)?"""
    label, colon, _ = text.partition(":")
    return bool(colon) and any(w in label.lower() for w in reader_config()["structure"]["rating_labels"])


def _about_only(ctx: ComposeContext, entity: str) -> ComposeContext:
    """The context narrowed to the documents about the company (the catalogue's subjects): their
    structure, passages and sentences; unchanged when none is known or retrieved."""
    docs = docs_about({entity}, ctx.glossary.doc_subjects)
    keep = [i for i, p in enumerate(ctx.passages) if p.chunk.doc_id in docs]
    if not keep:
        return ctx
    new_idx = {old: new for new, old in enumerate(keep)}
    return replace(ctx, passages=[ctx.passages[i] for i in keep],
                   cands=[replace(c, passage_idx=new_idx[c.passage_idx]) for c in ctx.cands if c.passage_idx in new_idx],
                   structure={d: s for d, s in ctx.structure.items() if d in docs})


def _report_assesses(ctx: ComposeContext, entity: str) -> bool:
    """Does the report's own assessment (its summary places) name the company?"""
    report = ctx.structure.get("report")
    if report is None:
        return False
    text = " ".join(" ".join([*b.path, b.title, *(ln.text for ln in b.lines)]) for b in report.summary_places())
    return entity in ctx.glossary.entities(text)


def _term_forms(term: str) -> list[str]:
    """The term, then its shorter endings at word boundaries, longest first ("港交所上市规则第18C章" ->
    "上市规则第18C章", "规则第18C章", "第18C章", "18C章"): a question names a term with words before it
    that its defining sentence does not repeat."""
    import jieba  # loaded on first use: the dictionary takes a second

    words = jieba.lcut(term)
    return [f for f in ("".join(words[i:]) for i in range(len(words))) if len(f) >= 2]


def _glossary_items(ctx: ComposeContext) -> list[Entry]:
    """The lines of a document's list of terms ("端侧智能：指在摄像机本体里…。好处是…") whose term the question
    names ("文中说的端侧智能指什么", "它那个项目型业务具体指什么"): the whole line, which goes on past the first
    sentence with what the term implies ([definition] glossary_item; the longest term named first)."""
    item = re.compile(reader_config()["definition"]["glossary_item"])
    asked = ctx.question.lower()
    found: list[tuple[int, Entry]] = []
    seen: set[str] = set()
    for d in ctx.structure.values():
        for b in (b for _, bs in d.sections() for b in bs):
            for ln in b.lines:
                m = item.match(ln.text)
                if m and m.group("term").lower() in asked and ln.text not in seen:
                    seen.add(ln.text)
                    found.append((len(m.group("term")), Entry(ln.text, [ln.chunk], [ln.raw])))
    return [e for _, e in sorted(found, key=lambda x: -x[0])]


def _defining_sentences(ctx: ComposeContext, term: str) -> list[Entry]:
    """Sentences that define the term: it in brackets after the name it stands for
    ("特专科技上市新规(18C章)"), or followed by 是 / 指 / 即 ([definition] patterns)."""
    cfg = reader_config()["definition"]
    terms = dict.fromkeys([term, re.sub(cfg["optional_prefix"], "", term),  # "第18C章", "18C章"
                           re.sub(cfg["optional_suffix"], "", term)])  # "已商业化公司", "已商业化"
    pats = [re.compile(p.replace("{t}", re.escape(t)), re.I) for p in cfg["patterns"] for t in terms]
    out: list[tuple[int, Entry]] = []
    seen: set[str] = set()
    for d in ctx.structure.values():  # a table's cells are values ("C1现金成本（美元/磅）1.62"), never definitions
        for b in (b for _, bs in d.sections() for b in bs if b.kind != "table"):
            for ln in b.lines:
                for t in split_sentences(ln.text, semicolons=False):  # a question defines nothing
                    rank = next((i for i, p in enumerate(pats) if p.search(t)), None)
                    if t not in seen and not t.rstrip().endswith(("？", "?")) and rank is not None:
                        seen.add(t)
                        out.append((rank // len(terms), Entry(t.lstrip("* "), [ln.chunk], [t if t in ln.raw else ln.raw])))
    return [e for _, e in sorted(out, key=lambda x: x[0])]  # the strongest pattern first (the order of the patterns)


def _described_at_first_mention(ctx: ComposeContext, term: str) -> list[Entry]:
    """Where no sentence defines the term: its first mention in a document about the company asked (else any) that
    writes it in quotes ("公司H股“全流通”申请…"), and the line after it in the same block, which says what it does ("8名内资股
    股东将把…非上市内资股…转换为H股。转换不涉及发行新股…"): the article's own account of the term; [] when none."""
    about = docs_about({e for e in ctx.glossary.entities(ctx.question) if e in ctx.glossary.companies},
                       ctx.glossary.doc_subjects)
    quoted = re.compile(rf"[“\"「『]{re.escape(term)}[”\"」』]")
    for d in (d for d in ctx.structure.values() if not about or d.doc_id in about):
        for b in (b for _, bs in d.sections() for b in bs if b.kind != "table"):
            for i, ln in enumerate(b.lines):
                if quoted.search(ln.text):
                    lines = b.lines[i: i + 2]
                    return [Entry(x.text.lstrip("* "), [x.chunk], [x.raw]) for x in lines]
    return []


def defining_entries(ctx: ComposeContext) -> list[Entry]:
    """The lines of a list of terms that the question names, else the sentences defining the asked term
    (its longest form that a sentence defines); at most two."""
    items = _glossary_items(ctx)[:2]
    if items:
        return items
    term = defined_term(ctx.question)
    for form in _term_forms(term) if term else []:
        found = _defining_sentences(ctx, form)[:2]
        if found:
            return found
    return []


def definition(ctx: ComposeContext) -> Composition | None:
    defining = defining_entries(ctx)
    if not defining and (term := defined_term(ctx.question)):
        defining = _described_at_first_mention(ctx, term)
    if not defining and (section := _defining_section(ctx)) is not None:
        return section
    defining = _with_continuations(defining)
    # ([definition] keep_ratio: a third sentence less close than a figure's, "…无需预埋边界线，依靠RTK定位…")
    keep = reader_config()["definition"]["keep_ratio"]
    entries = defining + [e for e in ctx.lookup_entries(wants_list=False, max_sentences=3, keep_ratio=keep)  # a question (a heading
                          if not any(e.text in d.text or d.text in e.text for d in defining)  # "X是什么？") is no answer
                          and not (defining and e.text.rstrip().endswith(("？", "?")))]
    return Composition(entries[:3]) if entries else None


def _with_continuations(entries: list[Entry]) -> list[Entry]:
    """Each defining line, then the sentence right after it in its passage when that one goes on about the thing it
    named ("该款折扇零售价每把268元" after "旗下竹骨折扇“清风十八骨”获得红点设计奖…": [structure] continuing_openers)."""
    openers = tuple(reader_config()["structure"]["continuing_openers"])
    out: list[Entry] = []
    for e in entries:
        out.append(e)
        if not e.chunks:
            continue
        sentences = [s.lstrip("-•* ").strip() for s in split_sentences(e.chunks[0].text, semicolons=False)]
        at = next((i for i, s in enumerate(sentences) if s and (s in e.text or e.text.rstrip("。") in s)), None)
        if at is not None and at + 1 < len(sentences) and sentences[at + 1].startswith(openers) \
                and not any(sentences[at + 1] in x.text for x in entries):
            nxt = sentences[at + 1]
            out.append(Entry(nxt.rstrip("。"), e.chunks, [nxt]))
    return out


def _defining_section(ctx: ComposeContext) -> Composition | None:
    """Where no sentence defines the term: the section whose heading names it ("## 双柜台安排" for "What does the
    dual-counter arrangement mean for Drivanta's shares?": the term's Chinese forms, config/terms_en.toml), in a
    document about the company asked: its heading, then its points in order (at most [definition] section_points)."""
    from chatbot.compose.sections import _entry, _heading_label, asked_companies

    cfg = reader_config()["definition"]
    m = re.search(cfg["term_en"], ctx.question, re.IGNORECASE)
    term = (m.group(1) if m else defined_term(ctx.question)).strip().lower()
    if not term:
        return None
    # (the term itself, or a compound term inside it, "dual-counter": no single generic word, "ipo" of "mini IPO")
    forms = [term] + [z for t, zs in ctx.glossary.terms.items() if re.search(r"[\s\-]", t)
                      and re.search(rf"(?<![a-z]){re.escape(t)}(?![a-z])", term) for z in zs]
    forms = [normalize(f) for f in forms if len(f) >= 2 and not f.isascii()]
    about = docs_about(asked_companies(ctx), ctx.glossary.doc_subjects)
    for d in ctx.structure.values():
        if not forms or (about and d.doc_id not in about):
            continue
        for path, blocks in d.sections():
            if len(path) >= 2 and any(f in normalize(path[-1]) for f in forms):
                points = [ln for ln in [ln for b in blocks for ln in b.lines][: cfg["section_points"]] if len(ln.text) >= 4]
                if points:
                    label = _heading_label(list(path))
                    return Composition(([Entry(label, bullet=False)] if label else []) + [_entry(ln) for ln in points])
    return None


def term_definition(ctx: ComposeContext) -> Composition | None:
    """A look-up asking what a term is, answered as a definition when the documents define the term;
    None otherwise (the look-up answers)."""
    comp = definition(ctx) if defining_entries(ctx) else None
    if comp is not None:
        comp.intent = "definition"
    return comp


def _heads_only(entries: list[Entry], label: Entry, moved: list[Entry]) -> bool:
    """Is `label` a label (no quoted line) whose own lines, up to the next label, all moved (the rating shown below the
    no-advice line): a label heading nothing where it stands?"""
    if label.chunks:
        return False
    at = entries.index(label)
    own = list(itertools.takewhile(lambda e: bool(e.chunks), entries[at + 1:]))
    return bool(own) and all(e in moved for e in own)


def _key_figures(ctx: ComposeContext, company: str) -> list[Entry]:
    """The company's latest results as a look-up over its own passages reads them ([advice] key_figures: revenue and
    profit or loss), the sentences that state figures."""
    cfg = reader_config()["advice"]
    passages = company_passages(ctx, [company])
    if not passages:
        return []
    cands, _ = ctx.rescore(cfg["key_figures"].format(company=company), passages)
    cands = [c for c in cands if c.figures]
    return ctx.lookup_entries(wants_list=False, max_sentences=cfg["key_figures_most"], cands=cands, passages=passages,
                              keep_ratio=0.6) if cands else []


def advice(ctx: ComposeContext) -> Composition | None:
    ents = [e for e in ctx.glossary.entities(ctx.question) if e in ctx.glossary.companies]
    entries: list[Entry] = [Entry(ctx.labels["advice"], bullet=False)]
    body = None
    if len(ents) >= 2:  # the report's own comparison rows, else the per-company comparison
        rows = [(e, _rows_about(ctx, e, most=1)) for e in ents]
        if all(r for _, r in rows):
            body = Composition([Entry(ctx.labels["comparison"], bullet=False)]
                               + [x for e, r in rows for x in (Entry(f"{e}：", bullet=False), *r)])
        else:
            body = comparison(ctx)
    if body is None and len(ents) == 1 and not _report_assesses(ctx, ents[0]):
        about = _rows_about(ctx, ents[0], most=2)  # what the report's tables say of it
        body = Composition(about) if about else None
    if body is None:
        # one company the report does not assess: its own articles' view and lists, never the report's
        # conclusion on other companies nor another company's article that mentions it in passing
        scoped = _about_only(ctx, ents[0]) if len(ents) == 1 and not _report_assesses(ctx, ents[0]) else ctx
        parts = [p for p in (conclusion(scoped, max_blocks=1), pros_cons(scoped)) if p]
        body = Composition([e for p in parts for e in p.entries]) if parts else None
    if body is None:
        return None
    rating = re.compile(reader_config()["structure"]["rating_cue"], re.I)  # a buy / sell rating is never relayed
    # as advice: it (or a comparison table's rating row, "评级:途昇汽车减持") follows the no-advice line, attributed to
    # the document's analyst
    rated = [e for e in body.entries if e.chunks and (rating.search(e.text) or _rating_row(e.text))]
    entries += [e for e in body.entries if e not in rated and not _heads_only(body.entries, e, rated)]
    if len(ents) == 1:  # the matter the question names beside the company ("主席辞世后…还值得持有吗"): the sources' lines
        # on it first, when the views above do not give them
        plain = [g for g in topic_groups(ctx) if not any(a in ctx.glossary.companies for a in g[0])]
        shown = {e.text for e in entries}
        matter = [e for e in ctx.lookup_entries(wants_list=False, max_sentences=2, keep_ratio=0.7)
                  if plain and e.text not in shown and overlap(plain, e.text) > 0]
        if matter:
            entries[1:1] = [Entry(ctx.labels["advice_matter"], bullet=False), *matter]
    if len(ents) == 1:  # (its latest results, the figures a reader weighs, when the views above do not state them)
        shown = {e.text for e in entries}
        figures = [e for e in _key_figures(ctx, ents[0]) if e.text not in shown]
        if figures:
            entries += [Entry(ctx.labels["advice_figures"], bullet=False), *figures]
    entries.append(Entry(ctx.labels["no_advice"], bullet=False))
    if rated:
        entries += [Entry(ctx.labels["advice_rating"], bullet=False), *rated]
    return Composition(entries)
