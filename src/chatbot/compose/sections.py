"""Compositions built on the documents' structure: a summary (one cited line per
section and per summary place), the report's conclusion (its stance sentences and
assessment tables and concluding lists), why / how (the section or list whose
heading or announcing line matches, its points in order) and pros and cons (both
lists, each labelled, items sorted by the stance words)."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from chatbot.compose.base import ComposeContext, Composition, Entry, as_of, company_docs, company_passages, latin_text
from chatbot.compose.business import asks_business_model, business_model
from chatbot.evidence import passage_sentences, score_candidates
from chatbot.glossary import term_pattern
from chatbot.intent import has_cue, is_function_word, is_phrasing_word, reader_config, topic_text
from chatbot.structure import Block, DocStructure, Line
from chatbot.table_cells import caption_unit
from chatbot.text import claim_figures, content_words, normalize, period_phrase_re, periods, split_sentences


def _cfg() -> dict:
    return reader_config()["structure"]


def topic_groups(ctx: ComposeContext) -> list[tuple[list[str], float]]:
    """The question's topic words (cue words removed) with their IDF weights; a
    company named counts as any of its aliases."""
    topic = topic_text(ctx.question)
    groups: list[tuple[list[str], float]] = []
    low = topic.lower()
    for canon in ctx.glossary.entities(topic):
        alts = [canon, *ctx.glossary.aliases_of(canon, codes=False)]
        groups.append((alts, 3.0))
        for a in sorted(alts, key=len, reverse=True):  # the whole name before its opening ("…医疗集团有限公司")
            low = low.replace(a.lower(), " ")
    for term in sorted(ctx.glossary.terms, key=len, reverse=True):
        if term in low and re.search(term_pattern(term), low):  # "gross margins": the term "gross margin"
            groups.append((list(ctx.glossary.terms[term]), 1.0))
            low = re.sub(term_pattern(term), " ", low)
    for w in content_words(low):
        if w.isascii() and (len(w) < 2 or ctx.idf(w) >= ctx.idf("\uffff")):
            continue
        if not w.isascii() and (is_function_word(w) or (ctx.idf(w) >= ctx.idf("\uffff") and is_phrasing_word(w))):
            continue  # "这次", "这么", an absent "急着去": how the question is put, not what about
        groups.append(([w], min(ctx.idf(w), 3.0)))
    return groups


def overlap(groups: list[tuple[list[str], float]], text: str) -> float:
    norm = normalize(text)
    return sum(w for alts, w in groups if any(normalize(a) in norm for a in alts))


def asked_companies(ctx: ComposeContext) -> set[str]:
    """The companies the question names: the glossary's, and the one company a document is
    about (its subject) though no listing code made it a company ("港股代码6919的动岭健身")."""
    subjects = {next(iter(s)) for s in ctx.glossary.doc_subjects.values() if len(s) == 1}
    return set(ctx.glossary.entities(ctx.question)) & (set(ctx.glossary.companies) | subjects)


def _block_text(b: Block) -> str:
    return " ".join([*b.path, b.title, *(ln.text for ln in b.lines)])


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip("，,；;、") + "…"


def _entry(line: Line, text: str | None = None) -> Entry:
    return Entry(text or line.text, [line.chunk], [line.raw])


def _complete(text: str) -> bool:
    return bool(re.search(r"[。！？!?.）)”]$", text)) and not re.match(r"^注\s*[:：]", text)


def _latest_column(b: Block) -> int | None:
    """The cell of a rendered table's rows ("全年净增门店:原指引（2025年6月）30-35家;新指引（2025年11月）40-45家") that
    holds its latest version or period: the new version's ([structure] version_columns: its first and last column
    names open so), else the latest year's (and month's) when each column names one; None otherwise."""
    if not b.lines or any(":" not in ln.text for ln in b.lines):
        return None  # (a row without its head: no cell to pick)
    rows = [ln.text.split(":", 1)[1].split(";") for ln in b.lines]
    if any(len(r) != len(rows[0]) or len(r) < 2 for r in rows):
        return None
    cells = rows[0]
    if any(cells[0].startswith(a) and cells[-1].startswith(z) for a, z in _cfg()["version_columns"]):
        return len(cells) - 1
    dated = [re.match(r"\D{0,4}((?:19|20)\d{2})(?:年(\d{1,2})月)?", c) for c in cells]
    if not all(dated):
        return None
    keys = [(m.group(1), int(m.group(2) or 0)) for m in dated if m]
    return max(range(len(keys)), key=lambda i: keys[i])


def _block_line(b: Block, limit: int) -> Entry | None:
    """One line for a block: a table's rows (first two cells), a list's items, or the
    first complete sentence of a paragraph; cited to the chunks they come from."""
    short_items = b.kind == "list" and len(b.lines) > 2 and all(len(ln.text) <= 30 or b.labelled for ln in b.lines)
    if b.kind == "table" or short_items:
        parts = []
        for ln in b.lines:
            if b.kind == "table":  # an assessment's verdict, else the row's head
                part = re.split(r"——|;|；", ln.text)[0] if b.is_assessment() else re.split(r"[:：]", ln.text)[0]
            else:
                part = ln.text
            if b.labelled or (b.kind == "list" and re.match(r"^[^:：]{2,10}[:：]", part)):
                part = re.split(r"[:：]", part)[0]
            parts.append(part)
        if b.kind == "list" and b.labelled:  # the label and its first clause, when they all fit
            fuller = [re.split(r"[，,；;。]", ln.text)[0] for ln in b.lines]
            if len(b.title) + sum(len(f) + 1 for f in fuller) <= limit:
                parts = fuller
        if b.kind == "table" and not b.is_assessment():  # the rows whole, else each row's head and first
            # cell, when they all fit, else the heads (the rendered row is "head:cell;cell": a head may hold a
            # full-width colon, "其中：直营门店")
            # (a table whose columns are versions or periods in time order, "原指引 | 新指引", "2024财年 | 2025财年":
            # each row's head and its latest cell)
            at = _latest_column(b)
            latest = [f"{head}:{cells.split(';')[at]}" for head, cells in (ln.text.split(":", 1) for ln in b.lines)] \
                if at is not None else []
            fits = [rows for rows in ([ln.text for ln in b.lines], latest or [re.split(r";|——", ln.text)[0] for ln in b.lines])
                    if sum(len(r) + 1 for r in rows) <= limit]
            parts = fits[0] if fits else [ln.text.split(":", 1)[0] for ln in b.lines]
        text = "；".join(parts)
        head = b.title if b.title != b.heading else ""
        if head and b.kind == "list":
            text = f"{head.rstrip('：:')}：{text}"
        chunks = list(dict.fromkeys(ln.chunk.id for ln in b.lines))
        by_id = {ln.chunk.id: ln.chunk for ln in b.lines}
        return Entry(_cut(text, limit), [by_id[c] for c in chunks], [ln.raw for ln in b.lines])
    for ln in b.lines:
        first = split_sentences(ln.text, semicolons=False)[0] if ln.text else ""
        if _complete(first) and len(first) >= 12:  # a paragraph's first sentence
            return _entry(ln, _cut(first, limit))
    return None


# a note or a bracketed disclaimer line, or a line saying what the article's figures are not ([structure] disclaimer:
# "本文为合成示例，…仅作说明用途", "不构成投资建议"): no point of the article's
_NOTE = re.compile(r"^\s*(?:附?注\s*[:：]|(?i:note)\s*:|[（(][^（(]*[)）]\s*$|.*?(?:"
                   + reader_config()["structure"]["disclaimer"] + "))")


def _salience(text: str, keys: list[str]) -> int:
    """How much of a document's headline (its title and the section's heading: words
    and figures) a point repeats; a figure the headline states counts double; the
    analyst's rating ("维持"增持"评级", [structure] rating_cue) before all."""
    norm = normalize(text)
    rating = 100 if re.search(_cfg()["rating_cue"], text, re.I) else 0
    total = 2 if re.search(_cfg()["aggregate_cue"], norm) else 0  # a section's total sums up its parts
    return rating + total + sum((2 if re.search(r"\d", k) else 1) for k in keys if normalize(k) in norm)


def _headline_keys(doc: DocStructure, path: list[str]) -> list[str]:
    words = content_words(" ".join([doc.title, *path[1:]]))
    return list(dict.fromkeys(w for w in words if len(w) >= 2 and not re.fullmatch(r"[\d.]+", w)))


def _summary_points(blocks: list[Block], limit: int, news: list[str] | None = None) -> list[tuple[str, Line | None, Entry | None, bool]]:
    """A section's points in order: a table's line, and the first sentence of each list
    item or paragraph, and a sentence opening with the author's view ("笔者认为，…"; notes left out);
    then (flagged: they fill the room the others leave) a paragraph's later sentences that state
    a word or figure of the headline (`news`: the title's and the top heading's) that its first
    sentence lacks: a news lede's figures after its dateline ("…发布2025年第三季度报告。今年前三季度，
    公司实现营业收入312.4亿元…"), the second business the headline names ("正畸业务承压")."""
    out: list[tuple[str, Line | None, Entry | None, bool]] = []
    for b in blocks:
        if b.kind == "table":
            e = _block_line(b, limit)
            if e:
                out.append((e.text, None, e, False))
            continue
        rating = re.compile(_cfg()["rating_cue"], re.I)
        view = re.compile(_cfg()["view_cue"], re.I)
        for ln in b.lines:
            if _NOTE.match(ln.text):
                continue
            sents = split_sentences(ln.text, semicolons=False) if ln.text else []
            seen = normalize(sents[0]) if sents else ""
            first = True  # (a first sentence too short to say anything, "三季度业绩好于预期。", leaves the place to the next)
            for text in sents:  # its first sentence, one that states the rating or the author's view
                if not (_complete(text) and len(text) >= 12):
                    continue
                if first or rating.search(text) or view.match(text):
                    first = False
                    out.append((text, ln, None, False))
                elif news and any(normalize(w) in normalize(text) and normalize(w) not in seen for w in news):
                    out.append((text, ln, None, True))
                    seen += normalize(text)
    return out


def _news_keys(doc: DocStructure) -> list[str]:
    """The words and figures of a document's headline: its title and its top heading."""
    top = next((b.path[0] for b in doc.blocks if b.path), "")
    return _headline_keys(doc, [top, top])


def _fit(text: str, room: int) -> str | None:
    """The point, or its longest leading clause (cut at a ；/，) that fits the room and
    still says something (12 characters or more)."""
    if len(text) <= room:
        return text
    # (no cut inside a number: "38,600 tonnes" is no clause end)
    cuts = [m.start() for m in re.finditer(r"[；;，]|(?<!\d),|,(?!\d)", text) if 12 <= m.start() <= room]
    return text[: cuts[-1]] + ("." if latin_text(text) else "。") if cuts else None



_NUMBERING = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[、.．]|\d+(?:\.\d+)*(?:[、.．]|\s))\s*")


def _heading_label(path: list[str]) -> str:
    """The section's heading as the line's label ("MiniMax:C端多模态产品："), its numbering
    dropped; none when it states a figure (a label is never checked against a source)."""
    head = _NUMBERING.sub("", path[-1]).strip() if len(path) >= 2 else ""
    return "" if not head or re.search(r"\d", head) else head.rstrip("：:") + "："


def _section_line(ctx: ComposeContext, doc: DocStructure, path: list[str], blocks: list[Block], limit: int) -> Entry | None:
    """A section's key point as one line of at most `limit` characters, after its
    heading: its points taken by how much of the headline they repeat (the document's
    title and the section's heading), then in order, while they fit (a long point by its
    leading clauses). Shown in document order, each point cited to its own passage."""
    points = _summary_points(blocks, limit, _news_keys(doc))
    if not points:
        return None
    keys = _headline_keys(doc, path)
    label = _heading_label(path)
    ranked = sorted(range(len(points)), key=lambda i: (points[i][3], -_salience(points[i][0], keys), i))
    chosen: dict[int, str] = {}
    used = len(label)
    for i in ranked:
        text = _fit(points[i][0], limit - used) or (None if chosen else _cut(points[i][0], limit - used))
        if text:
            chosen[i] = text
            used += len(text)
    entries = [(points[i][2] or _entry(points[i][1], t), t) for i, t in sorted(chosen.items())]  # type: ignore[arg-type]
    chunks = list({c.id: c for e, _ in entries for c in e.chunks}.values())
    pos = {c.id: k for k, c in enumerate(chunks)}
    figures = any(claim_figures(t) for _, t in entries)
    parts = []
    for n, (e, t) in enumerate(entries):
        body = re.sub(r"[。！？!?.；;，,]+$", "", t)
        note = as_of(chunks[0], ctx.lang).strip() if figures and n == len(entries) - 1 else ""
        parts.append(body + note + "".join(f"⟦{pos[c.id]}⟧" for c in e.chunks) + ("." if latin_text(body) else "。"))
    return Entry(label + (" " if latin_text("".join(parts)) else "").join(parts), chunks, [r for e, _ in entries for r in e.raw])


def _doc_names(d: DocStructure) -> str:
    """What a reader calls a document by: its title, publisher and top heading."""
    top = next((b.path[0] for b in d.blocks if b.path), "")
    return " ".join([d.title, d.publisher, top])


def _target_doc(ctx: ComposeContext) -> DocStructure | None:
    """The document the question names (by title, publisher or top heading; the report
    when it says "report" or names nothing more specific; an article when it says
    "article"); else the document of the best passage."""
    if not ctx.structure:
        return None
    q = ctx.question
    groups = topic_groups(ctx)
    words = reader_config()["structure"]["doc_words"]
    says_report = re.search(words["report"], q, re.I)
    says_article = re.search(words["article"], q, re.I)
    asked = set(ctx.glossary.entities(q)) & set(ctx.glossary.companies)
    report = ctx.structure.get("report")
    # "report" names the report unless the question names a company it never mentions
    # ("丰穗种业那篇首次覆盖报告": a broker's report among the articles)
    # (or an institution: "IDC关于…的报告" is IDC's, where the report never names IDC)
    named = asked or set(ctx.glossary.entities(q))
    elsewhere = bool(named) and report is not None and not overlap(
        [([c], 1.0) for c in named], " ".join([report.title, *(b.text for b in report.blocks)]))
    if report is not None and not elsewhere and ((says_report and not says_article) or not groups):
        return report  # (no topic words beside a company the report never names: that company's documents, below)
    docs = [d for d in ctx.structure.values() if not (says_article and d.doc_id == "report")]
    # a company named: its own documents, when there are any ("a quick summary of Longan Renal's nine-month results" is
    # not another company's English release whose headings say "results")
    docs = [d for d in docs if asked & ctx.glossary.doc_subjects.get(d.doc_id, set())] or docs
    if ctx.intent.name == "summary" and has_cue(q, "why"):  # "Summarise why…": the document that says why
        groups = [*groups, (list(_cfg()["why_heading_words"]), 3.0)]

    # words of the question no document's names hold ("Onewo", written only in its text):
    # the retrieved passages that hold them count for their document
    named_somewhere = " ".join(_doc_names(d) for d in docs)
    rare = [g for g in groups if not overlap([g], named_somewhere)]
    retrieved: dict[str, str] = {}
    for p in ctx.passages:
        retrieved[p.chunk.doc_id] = retrieved.get(p.chunk.doc_id, "") + " " + p.chunk.text

    q_norm = normalize(q)
    total = sum(w for _, w in groups)

    def score(d: DocStructure) -> float:
        heads = " ".join(dict.fromkeys(b.heading for b in d.blocks))
        # a section it names by its heading, word for word ("…这篇报道里讲的排队规模和募资情况": "## 排队规模")
        named = any(len(h) >= 3 and normalize(h) in q_norm for h in dict.fromkeys(_NUMBERING.sub("", b.heading).strip()
                                                                             for b in d.blocks if len(b.path) >= 2))
        return (2.0 * overlap(groups, _doc_names(d)) + 0.5 * overlap(groups, heads) + overlap(rare, retrieved.get(d.doc_id, ""))
                + (total if named else 0.0))

    scored = sorted(docs, key=lambda d: -score(d))
    if scored and score(scored[0]) > 0:
        return scored[0]
    if ctx.passages:
        return ctx.structure.get(ctx.passages[0].chunk.doc_id)
    return ctx.structure.get("report")


def _focus_blocks(ctx: ComposeContext, doc: DocStructure) -> list[Block]:
    """The blocks a summary of one part of a document is about ("how the report says
    Hong Kong values AI companies"): those whose own title (a heading or the line that
    announces them) covers most of the question's topic; none when no part covers it."""
    groups = topic_groups(ctx)
    total = sum(w for _, w in groups)
    if len(groups) < 2 or total <= 0:
        return []
    share = _cfg()["summary_focus_share"]
    scored = [(overlap(groups, b.title), b) for b in doc.blocks if len(b.path) >= 2 and b.title != doc.title]
    scored = [(sc, b) for sc, b in scored if sc >= share * total]
    if not scored:
        return []
    top = max(sc for sc, _ in scored)
    return [b for sc, b in scored if sc >= top][:2]


def _named_blocks(ctx: ComposeContext, doc: DocStructure) -> list[Block]:
    """The section the question names by its heading ("…的核心观点"; a heading of two
    characters, like "概述", is a cue word, not a name; an English heading by its words, "the terms of X's exchange
    offer" naming "Terms of the offers")."""
    named = [b for b in doc.blocks if len(b.path) >= 2 and len(b.heading) >= 3
             and (b.heading in ctx.question or _names_english_heading(ctx.question, b.heading))]
    return named[: _cfg()["max_named_blocks"]]


def _names_english_heading(question: str, heading: str) -> bool:
    """Does an English question write every content word of an English heading (a plural as its singular)?"""
    if not heading.isascii():
        return False
    words = [w for w in re.findall(r"[a-z]+", heading.lower()) if len(w) >= 3 and not is_function_word(w)]
    low = question.lower()
    return bool(words) and all(re.search(rf"\b{re.escape(w[:-1] if w.endswith('s') and len(w) > 4 else w)}", low)
                               for w in words)


def summary(ctx: ComposeContext) -> Composition | None:
    doc = _target_doc(ctx)
    if doc is None:
        return None
    cfg = _cfg()
    # (an article written in English needs more characters for the same points)
    factor = cfg["english_chars_factor"] if latin_text(" ".join([doc.title, *(ln.text for b in doc.blocks[:3] for ln in b.lines)])) else 1
    limit, most = int(cfg["max_line_chars"] * factor), cfg["max_summary_lines"]
    section_chars = int(cfg["max_section_chars"] * factor)
    entries: list[Entry] = [Entry(ctx.labels["summary"])]
    named = _named_blocks(ctx, doc)
    if named:  # the section the question names, in full; then the other sections' points
        entries += [_entry(ln, _cut(ln.text, limit)) for b in named for ln in b.lines]
    focus = [] if named else _focus_blocks(ctx, doc)
    if focus:  # one part of the document: its points in full, in order
        for b in focus:
            if b.title != b.heading:
                entries.append(Entry(b.title.rstrip("：:") + "：", bullet=False))
            entries += [_entry(ln, _cut(ln.text, limit)) for ln in b.lines]
        return Composition(entries[: most + 1])
    places = doc.summary_places()
    sections = [(p, [b for b in bs if b not in places and b not in named]) for p, bs in doc.sections() if len(p) >= 2]
    sections = [(p, bs) for p, bs in sections if bs]
    lede = [b for p, bs in doc.sections() if len(p) < 2 and not named for b in bs if b not in places and b.kind == "para"]
    lines = [ln for b in lede for ln in b.lines if not _NOTE.match(ln.text)]
    if not sections:  # an article without headings: its paragraphs are its sections
        sections = [([], [Block(b.doc_id, b.path, "para", b.title, [ln])]) for b in lede for ln in b.lines
                    if not _NOTE.match(ln.text)]
    elif lines:  # a news article's lede (the report's "相关个股…" is no sentence): its first two sentences
        # (a first paragraph stating no figure, an editor's note or a salutation, gives way to the first that does:
        # "…年报摘录。中英文段落对照刊出" before "截至2025年6月30日止财政年度…收入38.47亿元")
        first = lines[0] if _amounts(lines[0].text) else next((ln for ln in lines if _amounts(ln.text)), lines[0])
        sents = [t for t in split_sentences(first.text, semicolons=False) if _complete(t) and len(t) >= 12]
        entries += [_entry(first, _cut(t, limit)) for t in sents[:2]]
    keep = re.compile(cfg["summary_keep_heading"], re.I)
    kept: list[Entry] = []  # the concluding sections ("结论", "核心观点"): never cut for length
    for path, blocks in sections:
        e = _section_line(ctx, doc, path, blocks, section_chars)
        if e:
            entries.append(e)
            if path and keep.search(_NUMBERING.sub("", path[-1])):
                kept.append(e)
    for b in places:
        e = _block_line(b, limit)
        if e:
            entries.append(e)
    while len(entries) > most + 1 and any(e not in kept for e in entries[1:]):
        entries.remove(next(e for e in reversed(entries) if e not in kept))  # the last line not kept first
    return Composition(entries) if len(entries) > 1 else None


def _stance_sentences(ctx: ComposeContext, doc: DocStructure, groups) -> list[Entry]:
    words = reader_config()["stance"]["stance_sentence"]
    out = []
    for b in doc.blocks:
        if b.kind != "para":
            continue
        for ln in b.lines:
            for sent in re.split(r"(?<=[。！？])", ln.text):
                if sent and _complete(sent) and any(w in sent for w in words) and (not groups or overlap(groups, sent) > 0):
                    out.append(Entry(sent, [ln.chunk], [sent]))
    return out


def _ranked_blocks(ctx: ComposeContext, blocks: list[Block]) -> list[tuple[float, Block]]:
    groups = topic_groups(ctx)
    scored = [(2 * overlap(groups, b.title) + overlap(groups, _block_text(b)), b) for b in blocks]  # its title first
    return sorted(scored, key=lambda x: -x[0])


def _asks_article(ctx: ComposeContext, report: DocStructure | None) -> bool:
    """Is the question about an article rather than the report: it says "article" (and
    not "report"), it names a company the report never names, or what it asks of the
    company is in an article's names more than in the report's ("the analyst's conclusion
    on Unisound's placing": "云知声上市半年后的配售融资")?"""
    if report is None:
        return True
    words = reader_config()["structure"]["doc_words"]
    if re.search(words["article"], ctx.question, re.I) and not re.search(words["report"], ctx.question, re.I):
        return True
    asked = set(ctx.glossary.entities(ctx.question)) & set(ctx.glossary.companies)
    named = set(ctx.glossary.entities(" ".join(b.text for b in report.blocks)))
    if asked and not asked & named:
        return True
    # what is asked of the company ("its placing after the IPO") names an article, not the report
    plain = [g for g in topic_groups(ctx) if not any(a in ctx.glossary.companies for a in g[0])]
    target = _target_doc(ctx)
    return (target is not None and target is not report
            and overlap(plain, _doc_names(target)) > overlap(plain, _doc_names(report)))


def _asks_company_view(ctx: ComposeContext) -> bool:
    """Does the question ask a company it opens with for its own view ("琰牌控股怎么看…", [structure]
    company_view_asked)?"""
    names = [a for c in set(ctx.glossary.entities(ctx.question)) & set(ctx.glossary.companies)
             for a in ctx.glossary.aliases_of(c, codes=False) if a and a in ctx.question]
    if not names:
        return False
    rx = _cfg()["company_view_asked"].replace("{company}", "|".join(map(re.escape, sorted(names, key=len, reverse=True))))
    return re.search(rx, ctx.question) is not None


def _amounts(text: str) -> list[str]:
    """The amounts a text states (money, magnitudes, percentages): no date, no ticker."""
    return [f for f in claim_figures(text) if re.search(r"[亿万%元]|illion", f)]


def _ends_on_view(doc: DocStructure) -> bool:
    """Does the article's last section say by its heading that it is the article's view ("分析师视角", "点评":
    [structure] view_heading)?"""
    sections = [p for p, _ in doc.sections() if len(p) >= 2]
    return bool(sections) and bool(re.search(_cfg()["view_heading"], _NUMBERING.sub("", sections[-1][-1]).strip(), re.I))


def _article_conclusion(ctx: ComposeContext, doc: DocStructure) -> Composition | None:
    """An article's conclusion: the points of its last section (where a news article
    sums up: "怎么看", "共同点与看点"), notes and disclaimers left out."""
    sections = [(p, bs) for p, bs in doc.sections() if len(p) >= 2]
    if len(sections) < 2:
        return None
    most = _cfg()["max_block_items"]
    last, label = sections[-1], "conclusion_article"
    if len(sections) >= 3 and re.search(_cfg()["risk_heading"], _NUMBERING.sub("", last[0][-1]).strip(), re.I):
        # a broker note ends on its risks ("风险"): its view is the section before ("公司点评")
        last, label = sections[-2], "conclusion_before_risks"
    if re.search(_cfg()["misc_heading"], _NUMBERING.sub("", last[0][-1]).strip(), re.I):
        # an announcement's last section is a miscellany ("其他": its cash, a peer, a caveat); its bottom line is the
        # first section that states amounts ("预期业绩": the expected range and the fall), prose first, then its table
        stating = next(((p, bs) for p, bs in sections[:-1] if any(_amounts(ln.text) for b in bs for ln in b.lines)), None)
        if stating is not None:
            lines = [ln for b in sorted(stating[1], key=lambda b: b.kind == "table") for ln in b.lines
                     if not _NOTE.match(ln.text)][:most]
            entries = [_entry(ln) for ln in lines if len(ln.text) >= 8]
            if entries:
                return Composition([Entry(ctx.labels["conclusion_figures"]), *entries])
    # its prose and lists: a table in the last section ("谁的路更可持续？" over a table, then the author's view) is
    # the data the view is drawn from, not the view
    blocks = [b for b in last[1] if b.kind != "table"] or last[1]
    lines = [ln for b in blocks for ln in b.lines if not _NOTE.match(ln.text)][:most]
    entries = [_entry(ln) for ln in lines if len(ln.text) >= 8]
    if not entries:
        return None
    return Composition([Entry(ctx.labels[label]), *_rating_sentences(doc, entries), *entries])


def _outlook_sentences(ctx: ComposeContext, doc: DocStructure) -> Composition | None:
    """An article's view when it has no concluding section: its sentences that look ahead
    ([structure] outlook_cues), those that hold most of the question's topic (the company
    left out) first, in the article's order."""
    cues = re.compile("|".join(_cfg()["outlook_cues"]), re.I)
    plain = [g for g in topic_groups(ctx) if not any(a in ctx.glossary.companies for a in g[0])]
    found: list[tuple[float, Line]] = []
    for b in doc.blocks:
        for ln in b.lines:
            if _NOTE.match(ln.text) or b.kind == "table":
                continue
            for t in split_sentences(ln.text, semicolons=False):
                if _complete(t) and cues.search(t):
                    found.append((overlap(plain, t), Line(t, t if t in ln.raw else ln.raw, ln.chunk)))
    if not found:
        return None
    top = max(sc for sc, _ in found)
    kept = [ln for sc, ln in found if sc >= 0.5 * top][: _cfg()["max_outlook_sentences"]]
    return Composition([Entry(ctx.labels["outlook_article"]), *(_entry(ln) for ln in kept)])


def _topic_overlap(groups: list[tuple[list[str], float]], comp: Composition) -> float:
    """The question's topic a composition's quoted lines hold (each word counted once)."""
    return overlap(groups, " ".join(e.text for e in comp.entries if e.chunks))


def _rating_sentences(doc: DocStructure, quoted: list[Entry]) -> list[Entry]:
    """The analyst's rating and target price stated earlier in the note ("维持"增持"评级，目标价由7.20港元上调至
    8.05港元", [structure] rating_cue) when the quoted last section gives no target figure of its own: the stance a
    broker note's conclusion only repeats ("维持"增持"")."""
    rating = re.compile(_cfg()["rating_cue"], re.I)
    if any(rating.search(e.text) and claim_figures(e.text) for e in quoted):
        return []
    for b in doc.blocks:
        for ln in b.lines:
            for sent in split_sentences(ln.text, semicolons=False):
                if rating.search(sent) and claim_figures(sent) and not any(sent in e.text for e in quoted):
                    return [Entry(sent, [ln.chunk], [sent if sent in ln.raw else ln.raw])]
    return []


def conclusion(ctx: ComposeContext, max_blocks: int = 2) -> Composition | None:
    if re.search(_cfg()["findings_asked"], ctx.question, re.I) and (
            found := _section_points(ctx, _cfg()["findings_heading_words"])):
        return found  # what an investigation found: the section of its findings
    report = ctx.structure.get("report")
    if _asks_article(ctx, report):
        target = _target_doc(ctx)
        if target is not None and target is not report:
            comp = _article_conclusion(ctx, target)
            ahead = _outlook_sentences(ctx, target)
            # (the article's view of what the question names, "德勤对2026年香港新股市场的判断": its sentences that look
            # ahead, when they hold more of the question's topic than its last section does)
            # (the question's words as the scorer reads them: an English one's in their Chinese forms)
            plain = [(g.alternatives, g.weight) for g in ctx.spec.groups if not g.entity and not g.absent]
            if comp and ahead and ctx.intent.name == "conclusion" and (_asks_company_view(ctx) or (
                    _topic_overlap(plain, ahead) > _topic_overlap(plain, comp) and not _ends_on_view(target)
                    and not re.search(_cfg()["last_asked"], ctx.question, re.I))):  # ("最后的结论": the last section;
                # advice: the article's stance, its rating in the last section; the company's own view asked: its
                # statements)
                comp = ahead
            if comp or ahead:
                return comp or ahead
    doc = report or _target_doc(ctx)
    if doc is None:
        return None
    groups = topic_groups(ctx)
    most = _cfg()["max_block_items"]
    entries = [Entry(ctx.labels["conclusion"])]
    entries += _stance_sentences(ctx, doc, [g for g in groups if g[1] >= 3.0])[:2]
    places = doc.summary_places()
    ranked = _ranked_blocks(ctx, places)
    top = ranked[0][0] if ranked else 0
    chosen = [b for s, b in ranked if s > 0 and s >= 0.5 * top][:max_blocks] if top > 0 else [b for _, b in ranked if b.is_assessment()]
    if not chosen:
        chosen = places[:max_blocks]
    for b in sorted(chosen, key=lambda b: doc.blocks.index(b)):
        if b.title != b.heading:
            entries.append(Entry(b.title.rstrip("：:") + "：", bullet=False))
        entries += [_entry(ln) for ln in b.lines[:most]]
    return Composition(entries) if len(entries) > 1 else None


def _about(ctx: ComposeContext, doc: DocStructure, points: list[Line], title: str, asked: set[str],
           peers_ok: bool = False) -> bool:
    """Is a section about one of the asked companies: named in its heading or in the
    points it gives (not in the rest of a long section: a report's last heading may hold
    everything after it), or in the title of a document about that one company? (True
    when none is asked.)"""
    if not asked:
        return True
    companies = set(ctx.glossary.companies) | asked
    named = set(ctx.glossary.entities(" ".join([title, *(ln.text for ln in points)]))) & companies
    if named & asked:  # (not a company a point of another company's article names in passing, its heading not:
        # "同属港股…的昕签科技…" in a cattle rancher's "为什么要降杠杆")
        subjects = ctx.glossary.doc_subjects.get(doc.doc_id, set())
        return not subjects or bool(subjects & asked) or bool(set(ctx.glossary.entities(title)) & asked)
    in_title = set(ctx.glossary.entities(doc.title)) & companies
    # (`peers_ok`, a section headed by the intent's words: peers a point names in passing, "常与澜滨疏浚、蛟港工程等同业
    # 竞争", are no subject of the document about the company)
    others = named & ctx.glossary.doc_subjects.get(doc.doc_id, set()) if peers_ok else named
    return not others and len(in_title) == 1 and bool(in_title & asked)


def _line_about(ctx: ComposeContext, e: Entry, asked: set[str]) -> bool:
    """Is a quoted line about the asked companies: named in it or its headings, else in
    its paragraph before it, else in its document's title? (True when none is asked.)"""
    if not asked:
        return True
    companies = set(ctx.glossary.companies) | asked
    chunk = e.chunks[0]
    named = set(ctx.glossary.entities(" ".join([e.text, *chunk.headings[1:]]))) & companies
    if not named and e.raw:  # "它的收入约七成来自…": the company its paragraph named before it
        line = next((ln for ln in chunk.text.splitlines() if e.raw[0] and e.raw[0] in ln), "")
        named = set(ctx.glossary.entities(line[: line.find(e.raw[0])])) & companies
    if named & asked:
        return True
    subjects = ctx.glossary.doc_subjects.get(chunk.doc_id, set())
    if named and (named & subjects or not subjects & asked):
        return False
    # (peers a line names in passing in the asked company's own article, "苇舍家居、荆篮工艺等同业亦面临类似压力", are no
    # subject of it: the line is the article's, about its company)
    return bool(subjects & asked) if named else bool(set(ctx.glossary.entities(chunk.title)) & asked)


def _points(blocks: list[Block], lead: re.Pattern) -> list[Line]:
    """A section's points in order, up to a line that announces the next list."""
    lines: list[Line] = []
    for b in blocks:
        for ln in b.lines:
            if lines and lead.search(ln.text):
                return lines
            lines.append(ln)
    return lines


def _section_points(ctx: ComposeContext, heading_words: list[str], heading_cues: list[str] | None = None,
                    topic_share: float | None = None) -> Composition | None:
    """The section (or announced list) whose heading holds the intent's heading words
    (or one of its cues: a heading that states a cause, "利润率受翻新拖累") and matches the question's topic (or, for a heading of the intent's words only, whose
    document's title or points cover most of the topic), about the company asked about;
    its points in order, then the best other evidence about that company. With `topic_share`
    (a how), a heading of none of the intent's words that names that share of the topic is one
    too ("三、并购及扩张" for "通过什么路径扩张"): the document's own name for the way asked about;
    its words then count as the topic for the other sentences ("推进下沉市场的并购整合")."""
    groups = topic_groups(ctx)
    if not groups:
        return None
    lead = re.compile(_cfg()["lead_line"])
    most = _cfg()["max_block_items"]
    share = _cfg()["why_title_share"]
    asked = set(ctx.glossary.entities(ctx.question)) & set(ctx.glossary.companies)
    # what is asked of the company: the topic without the company names (these are checked by _about)
    plain = [g for g in groups if not any(a in ctx.glossary.companies for a in g[0])] or groups
    total = sum(w for _, w in plain)
    best, best_score, best_doc, best_label, best_key = None, 0.0, None, "", ""
    # no company the documents name is asked: only the documents retrieval found on the question
    found = {p.chunk.doc_id for p in ctx.passages} if not asked else set()
    # the document of the best evidence is about the question, whatever words its title uses
    # ("陇窖酒业三季度收入降8.6%" for "陇窖酒业第三季度收入为什么同比下滑"), when it has one section of
    # causes (a why: a how's method section is no answer to how one figure changed)
    best_doc_id = ctx.passages[ctx.cands[0].passage_idx].chunk.doc_id if heading_cues and ctx.cands and ctx.passages else None
    # (a how asked of a year: "how did … change in 2024" asks that year's event)
    years = sorted({y for y, _ in periods(ctx.question) if y}) if topic_share is not None else []

    opinion = _cfg().get("opinion_headings", [])

    def headed(title: str) -> bool:
        if any(w in title for w in opinion):
            return False  # "市场怎么看": opinions, not the way asked
        return any(w in title for w in heading_words) or any(re.search(c, title) for c in heading_cues or [])

    for doc in ctx.structure.values():
        if found and doc.doc_id not in found:
            continue
        doc_topic = overlap(plain, _doc_names(doc))  # its title or top heading ("云知声上市半年后的配售融资")
        sections: dict[tuple, list[Block]] = {}
        for b in doc.blocks:
            sections.setdefault(tuple(b.path), []).append(b)
            if b.title != b.heading:  # an announced list or table is a section of its own
                sections[(*b.path, b.title)] = [b]
        if doc.doc_id == best_doc_id and sum(1 for k in sections if len(k) >= 2 and headed(k[-1])) == 1:
            doc_topic = max(doc_topic, share * total)
        # a how, in a document whose title names the method ("两条商业化路线"): the section headed by
        # the asked company alone ("MiniMax:C端多模态产品") is its way, when the title covers what is asked
        top = next((b.path[0] for b in doc.blocks if b.path), "")
        by_company = (bool(asked) and heading_cues is None and (headed(doc.title) or headed(top))
                      and total > 0 and overlap(plain, f"{doc.title} {top}") >= share * total)
        for key, blocks in sections.items():
            if len(key) < 2:
                continue  # the document's title is no section heading
            title = key[-1]
            named = set(ctx.glossary.entities(title)) & set(ctx.glossary.companies) if by_company else set()
            by_topic = (topic_share is not None and not headed(title) and total > 0
                        and overlap(plain, title) >= topic_share * total)
            if not headed(title) and not (len(named) == 1 and named <= asked) and not by_topic:
                continue
            points = _points(blocks, lead)
            if years and not any(y in title or any(y in ln.text for ln in points) for y in years):
                continue  # a how of a year's event ("How did Hong Kong loosen … in 2024?"): a standing section is none
            heading_topic = overlap(groups, title)  # its own heading, not the path it shares
            text_topic = overlap(plain, " ".join(ln.text for ln in points))
            if heading_topic <= 0 and (total <= 0 or max(doc_topic, text_topic) < share * total):
                continue
            if not _about(ctx, doc, points[:most], title, asked, peers_ok=headed(title)):
                continue
            score = 2.0 * heading_topic + (doc_topic if doc_topic >= share * total else 0.0) + 0.5 * text_topic
            if score > best_score:  # its heading, shown: it may say what the points do not ("为什么急于上市:烧钱速度")
                best, best_score, best_doc, best_label = points, score, doc, _heading_label(list(key))
                best_key = _NUMBERING.sub("", title) if by_topic else ""
    if not best or best_doc is None:
        return None
    entries = [_entry(ln) for ln in best[:most] if len(ln.text) >= 4]
    if entries and best_label:
        entries.insert(0, Entry(best_label, bullet=False))
    if entries:  # and the best other evidence about the same company, then the same document's
        extra = _cfg()["why_extra_sentences"]  # other sentences on the topic
        have = {e.text for e in entries}
        more = [e for e in ctx.lookup_entries(wants_list=False, max_sentences=extra) if _line_about(ctx, e, asked)]
        if heading_cues:  # a why: the evidence that states a cause first ("…远低于…,说明传统业务有所收缩")
            more = _cause_lines(ctx, asked)[1][:extra] + more
        words = [([w], 1.0) for w in content_words(best_key) if not any(w in a for alts, _ in plain for a in alts)]
        more += _topic_sentences(best_doc, best, plain + words, extra, re.compile("|".join(heading_cues)) if heading_cues else None)
        for e in more:
            if len(entries) - len(best[:most]) - bool(best_label) < 2 * extra and not any(e.text in h or h in e.text for h in have):
                entries.append(e)
                have.add(e.text)
    return Composition(entries) if entries else None


def _topic_sentences(doc: DocStructure, points: list[Line], groups: list[tuple[list[str], float]], most: int,
                     cause: re.Pattern | None = None) -> list[Entry]:
    """A document's sentences outside the given points that hold the topic's words, the
    most covering first (ties in document order); for a why, those that state a cause
    ("文章将其解读为资金压力下的求生之举") before the others."""
    scored: list[tuple[int, float, int, Entry]] = []
    for b in (b for _, bs in doc.sections() for b in bs):  # the references left out
        for ln in b.lines:
            if ln in points or _NOTE.match(ln.text):
                continue
            for t in split_sentences(ln.text, semicolons=False):
                sc = overlap(groups, t)
                if sc > 0 and _complete(t):
                    first = 0 if cause is not None and cause.search(t) else 1
                    scored.append((first, -sc, len(scored), Entry(t, [ln.chunk], [t if t in ln.raw else ln.raw])))
    return [e for *_, e in sorted(scored, key=lambda x: x[:3])[:most]]


def _cause_lines(ctx: ComposeContext, asked: set[str]) -> tuple[list[Entry], list[Entry]]:
    """The evidence close to the best about the asked company, and the evidence close to
    the best that gives a cause (config/reader.toml [structure] cause_cues), about it too
    (a cause is kept even when it repeats a chosen sentence's figures)."""
    cue = re.compile("|".join(_cfg()["cause_cues"]))
    most, keep = 3 * _cfg()["why_extra_sentences"], _cfg()["why_cause_keep"]
    pool = ctx.lookup_entries(wants_list=False, max_sentences=most, keep_ratio=keep)
    pool = [e for e in pool if _line_about(ctx, e, asked)]
    floor = keep * ctx.cands[0].score if ctx.cands else 0.0
    stated = [c for c in ctx.cands if c.score >= floor and cue.search(c.text)]
    causes = ctx.lookup_entries(wants_list=False, max_sentences=most, cands=stated, keep_ratio=0.0) if stated else []
    in_pool = [e for e in pool if cue.search(e.text)]
    have = {e.text for e in pool}
    return pool, in_pool + [e for e in causes if e.text not in have and _line_about(ctx, e, asked)]


def _causal_sentences(ctx: ComposeContext) -> Composition | None:
    """No section answers the why: the evidence sentences that give a cause ("由于…",
    "主要因为…", "受…影响", "公司解释为…"; config/reader.toml [structure] cause_cues) among
    those close to the best, about the asked company; the best sentence first when it
    gives none (the figure whose cause is asked)."""
    asked = set(ctx.glossary.entities(ctx.question)) & set(ctx.glossary.companies)
    pool, causes = _cause_lines(ctx, asked)
    # the best evidence's own, then the other causes on the question's topic ("得益于半钢胎出口量增长…，公司三季度
    # 实现…": a sentence the look-up left out for its paragraph's first one)
    plain = [g for g in topic_groups(ctx) if not any(a in ctx.glossary.companies for a in g[0])]
    # (or one its own passage gives: "公司表示,…仓容不足是…主要瓶颈" beside the ground-breaking the question is about)
    best = {c.id for c in pool[0].chunks} if pool else set()
    causes = [*(e for e in causes if e in pool), *(e for e in causes if e not in pool and (
        overlap(plain, e.text) > 0 or best & {c.id for c in e.chunks}))]
    causes = causes[: _cfg()["why_extra_sentences"] + 1]
    if not causes:  # the look-up a little wider (as without a composition), then the documents' causes
        causes = _document_causes(ctx, asked)
        wider = ctx.lookup_entries(keep_ratio=0.5)
        have = {e.text for e in wider}
        # (the best evidence, the figure or event whose cause is asked, then the causes, then the rest)
        return Composition([*wider[:1], *(e for e in causes if e.text not in have), *wider[1:]]) if causes else None
    first = pool[0] if pool[0] not in causes else None
    return Composition(_with_referents(ctx, [*(e for e in pool if e is first or e in causes),
                                             *(e for e in causes if e not in pool)]))


def _with_referents(ctx: ComposeContext, entries: list[Entry]) -> list[Entry]:
    """Each line that points back at what its document said before ("主要受上述应收款减值拖累": [structure]
    referring_words), after the nearest earlier sentence of that document that writes the longest opening of the thing
    pointed at and states a figure ("公司此前已就相关应收款计提减值1,320万元"): the cause's own figure."""
    words = "|".join(map(re.escape, _cfg().get("referring_words", []))) or "(?!)"
    out: list[Entry] = []
    have = {e.text for e in entries}
    for e in entries:
        m = re.search(rf"(?:{words})([\u4e00-\u9fff]{{2,8}})", e.text)
        thing = m.group(1) if m else ""
        doc = ctx.structure[e.chunks[0].doc_id] if thing and e.chunks and e.chunks[0].doc_id in ctx.structure else None
        sentences = [Entry(t, [ln.chunk], [t if t in ln.raw else ln.raw]) for b in (doc.blocks if doc else [])
                     for ln in b.lines for t in split_sentences(ln.text, semicolons=False)]
        at = next((i for i, x in enumerate(sentences) if x.text.strip() in e.text), len(sentences))
        for n in range(len(thing), 1, -1):
            found = [x for x in sentences[:at] if thing[:n] in x.text and _amounts(x.text) and x.text not in have]
            if found:
                out.append(found[-1])
                have.add(found[-1].text)
                break
        out.append(e)
    return out


def _document_causes(ctx: ComposeContext, asked: set[str]) -> list[Entry]:
    """No evidence sentence gives a cause: the sentences of the retrieved documents that do,
    about the asked company (named in them or earlier in their paragraph: "它的收入约七成来自
    国内项目型业务…拖累了上半年表现") and on the question's topic (or right after a line on it), the most covering
    first."""
    if not asked:
        return []
    cue = re.compile("|".join(_cfg()["cause_cues"]))
    plain = [g for g in topic_groups(ctx) if not any(a in ctx.glossary.companies for a in g[0])]
    rank: dict[str, int] = {}
    for i, p in enumerate(ctx.passages):
        rank.setdefault(p.chunk.doc_id, i)
    scored: list[tuple[float, int, int, Entry]] = []
    for d in (ctx.structure[k] for k in rank if k in ctx.structure):
        for b in d.blocks:
            prev = 0.0
            for ln in b.lines:
                own = overlap(plain, ln.text)
                # (or the line right after one on the topic, in the same list or paragraph: "…上调主要产品出厂价…" then
                # "公司解释，调价主要因原材料价格上涨…", the cause of what the line before announced, in other words)
                sc, prev = (own if own > 0 else prev * _cfg()["why_next_line_share"]), own
                if sc <= 0 or _NOTE.match(ln.text):
                    continue
                for t in split_sentences(ln.text, semicolons=False):
                    e = Entry(t, [ln.chunk], [t if t in ln.raw else ln.raw])
                    if _complete(t) and cue.search(t) and _line_about(ctx, e, asked):
                        scored.append((-sc, rank[d.doc_id], len(scored), e))
    return [e for *_, e in sorted(scored, key=lambda x: x[:3])[: _cfg()["why_extra_sentences"]]]


def why(ctx: ComposeContext) -> Composition | None:
    unstated = _unstated_figure(ctx)
    if unstated is not None:  # why a figure moved that the documents do not give: said so, no cause quoted
        return unstated
    comp = _section_points(ctx, _cfg()["why_heading_words"], _cfg()["cause_cues"]) or _causal_sentences(ctx)
    if comp:
        comp.entries.insert(0, Entry(ctx.labels["why"]))
    return comp


def _unstated_figure(ctx: ComposeContext) -> Composition | None:
    """A why asked of one company's figure for a period ("为什么云知声2025年净利润大幅改善？": a metric and a period named)
    that no sentence of the documents about the company states ("云知声2025年净利润是多少？" finds nothing): refused,
    the figure said to be missing, what the documents hold for other periods given; None when the figure is stated
    or the question names no such figure."""
    asked = set(ctx.glossary.entities(ctx.question)) & set(ctx.glossary.companies)
    metrics = ctx.glossary.metrics_in(ctx.question)
    named = [m.group(0).strip() for m in period_phrase_re().finditer(ctx.question) if m.group(0).strip()]
    if ctx.lang != "zh":  # (an English question: its years, as a Chinese look-up writes them, "2025年")
        named = [f"{y}年" for y in re.findall(r"\b(?:19|20)\d{2}\b", ctx.question)]
        named = named if len(named) == 1 and not re.search(r"\b(?:Q[1-4]|H[12]|half|quarter|month|nine|first|second|"
                                                            r"third|fourth|interim|fiscal|FY)", ctx.question, re.I) else []
    if len(asked) != 1 or len(metrics) != 1 or not named:
        return None
    company = next(iter(asked))
    figure = f"{company}{''.join(named)}{metrics[0]}"
    passages = company_passages(ctx, [company])
    # (as the look-up reads it: a metric no passage holds, "净利润" where the sources give only 净亏损, is no reader's word)
    cands, spec = score_candidates(f"{figure}是多少？", passages, ctx.glossary, ctx.idf)
    if not spec.metrics or not spec.periods or any(c.figures and c.coverage >= ctx.min_relevance for c in cands):
        return None
    from chatbot.compose.figures import known_other_periods  # (figures imports this module)

    known = known_other_periods(replace(ctx, question=f"{figure}是多少？", spec=spec, cands=cands, passages=passages))
    return known or Composition([Entry(ctx.labels["missing"].format(asked=figure))], refused=True)


def _plan_lines(ctx: ComposeContext) -> Composition | None:
    """How money raised is to be spent ([structure] plan_question): the evidence that states
    the plan's shares ("约50%用于提升研发能力", [structure] plan_cue) about the asked
    company, then the best other evidence."""
    cfg = _cfg()
    if not re.search(cfg["plan_question"], ctx.question, re.I):
        return None
    cue = re.compile(cfg["plan_cue"], re.I)
    asked = set(ctx.glossary.entities(ctx.question)) & set(ctx.glossary.companies)
    stated = [c for c in ctx.cands if cue.search(c.text)]
    extra = cfg["why_extra_sentences"]
    plan = [e for e in ctx.lookup_entries(wants_list=False, max_sentences=extra + 1, cands=stated, keep_ratio=0.0)
            if _line_about(ctx, e, asked)] if stated else []
    if not plan and asked:  # the plan's shares no sentence found by the question's words states ("How will the proceeds be
        # used?": "资金用途:约50%用于提升研发能力…"): those of the asked company's documents, in their order
        seen: set[str] = set()
        for p in company_passages(ctx, sorted(asked)):
            for raw, shown, _, _ in passage_sentences(p.chunk.text):
                e = Entry(shown, [p.chunk], [raw])
                if cue.search(shown) and shown not in seen and _line_about(ctx, e, asked):
                    seen.add(shown)
                    plan.append(e)
        plan = plan[: extra + 1]
    if not plan:
        return None
    have = {e.text for e in plan}
    more = [e for e in ctx.lookup_entries(wants_list=False, max_sentences=extra, keep_ratio=0.5)
            if e.text not in have and _line_about(ctx, e, asked)]
    return Composition(plan + more)


def _method_lines(ctx: ComposeContext) -> Composition | None:
    """No section answers the how: the look-up a little wider, each line followed by the later
    sentences of its paragraph that say what is done ([structure] method_cues: "管理层表示，公司主动放缓了
    国内设备采购，把新增设备优先投放到…" after the price fall asked about)."""
    asked = set(ctx.glossary.entities(ctx.question)) & set(ctx.glossary.companies)
    found = ctx.lookup_entries(keep_ratio=0.5)
    if not found:  # nothing on the question: no answer (a figure asked of a thing no document names is refused)
        return None
    # (what is done is said in prose: a table's rows, its figures, come after the sentences)
    found = sorted(found, key=lambda e: bool(e.raw and e.raw[0] and e.raw[0].lstrip().startswith("|")))
    extra = _cfg()["why_extra_sentences"]
    # the sentences of the articles about the company asked that hold most of what is asked, and more of it than the
    # look-up's best, first: one outside the passages retrieved, or naming a partner company, which the look-up keeps
    # for no company asked ("电池方面，公司与…澈源再生签署了合作协议，…用户以旧换新时交回的…电池将由后者统一处理" for
    # "怎么处理用户以旧换新交回来的旧电池")
    plain = [g for g in topic_groups(ctx) if not any(a in ctx.glossary.companies for a in g[0])]
    best = overlap(plain, found[0].text)
    least = _cfg()["how_topic_sentence_share"] * sum(w for _, w in plain)
    topical = [e for d in ctx.structure.values() if asked & set(ctx.glossary.entities(d.title))
               for e in _topic_sentences(d, [], plain, extra) if overlap(plain, e.text) > max(best, least)
               and (_line_about(ctx, e, asked) or _own_subject(ctx, e.text))]
    found = list({e.text: e for e in [*sorted(topical, key=lambda e: -overlap(plain, e.text))[:extra], *found]}.values())
    # (what is done is said in a sentence: no note or bracketed disclaimer, no table's caption, "…收入（人民币百万元）")
    found = [e for e in found if not _NOTE.match(e.text) and not caption_unit(e.text)]
    if not found:
        return None
    cue = re.compile("|".join(_cfg()["method_cues"]))
    out: list[Entry] = []
    have = {e.text for e in found}
    for e in found:
        out.append(e)
        lines = e.chunks[0].text.splitlines()
        k = next((i for i, ln in enumerate(lines) if e.raw and e.raw[0] and e.raw[0] in ln), -1)
        line = lines[k] if k >= 0 else ""
        sents = [t for t in split_sentences(line, semicolons=False) if t.strip()]
        at = next((k for k, t in enumerate(sents) if normalize(t) == normalize(e.text) or normalize(e.text) in normalize(t)), None)
        if at is None:
            continue
        # (and the paragraph after it, the same section's: "…成本约2,150万元。" then "公司计划…提价3%至5%，并加快越南工厂的产能
        # 爬坡，以部分抵消影响。")
        following = next((ln for ln in lines[k + 1:] if ln.strip()), "")
        if following and _paragraph(following):
            sents += [t for t in split_sentences(following, semicolons=False) if t.strip()]
        for t in sents[at + 1: at + 1 + extra]:
            m = Entry(t, [e.chunks[0]], [t])
            if t not in have and _complete(t) and cue.search(t) and (_line_about(ctx, m, asked) or _own_subject(ctx, t)):
                out.append(m)
                have.add(t)
    return Composition(out)


def _paragraph(line: str) -> bool:
    """Is a line a paragraph of prose (no heading, table row, list item or section number opening it)?"""
    return not re.match(r"\s*(?:#|\||[-*+]\s|\d+[.)、]|[一二三四五六七八九十]+、|<)", line)


def _own_subject(ctx: ComposeContext, text: str) -> bool:
    """Does the sentence speak of its document's company as "公司" (the words of [followup] generic_subject) before it
    names any other ("公司与动力电池回收企业澈源再生签署了合作协议": a partner, not the subject)?"""
    m = re.search(reader_config()["followup"]["generic_subject"].lstrip("^"), text)
    if not m:
        return False
    low = text.lower()
    firsts = [low.find(a) for a in ctx.glossary.aliases if a and not a.isdigit() and a in low]
    return not firsts or m.start("w") < min(firsts)


def how(ctx: ComposeContext) -> Composition | None:
    if asks_business_model(ctx.question):  # how it makes money: what the documents say of its model
        model = business_model(ctx)
        if model:
            return model
    comp = (_plan_lines(ctx) or _section_points(ctx, _cfg()["how_heading_words"], topic_share=_cfg()["how_topic_heading_share"])
            or _method_lines(ctx))
    if comp:
        comp.entries.insert(0, Entry(ctx.labels["how"]))
    return comp


@lru_cache(maxsize=1)
def _good_high() -> re.Pattern | None:
    """A figure whose being high is an upside, then 高 or a rise ([stance] positive_high, high_words: "毛利率较高",
    "毛利率25.3%，同比提升"); read once."""
    st = reader_config()["stance"]
    words, high = st.get("positive_high", []), "|".join(st.get("high_words", ["较?高"]))
    # (the metric, then a few words or its figure and a comma: "毛利率较高", "毛利率25.3%，同比提升")
    return re.compile("(?:" + "|".join(map(re.escape, words)) + rf")(?:[^，,。；;、]{{0,3}}|[\d.%\s]+[，,]\s*(?:同比|环比)?)"
                      rf"(?:{high})") if words else None


def stance_of(text: str) -> int:
    """+1 strength/opportunity, -1 risk/weakness, 0 neither (the stance words)."""
    st = reader_config()["stance"]
    if st.get("not_stance"):  # ("第一季度" is no "第一")
        text = re.sub(st["not_stance"], " ", text)
    # (a figure whose being high is good, "毛利率较高": an upside, not the "较高" of a cost)
    good_high = _good_high()
    plain = good_high.sub("", text) if good_high else text
    if any(w in plain for w in st["negative"]) or (st.get("negative_en") and re.search(st["negative_en"], plain, re.I)):
        return -1
    if plain != text or any(w in text for w in st["positive"]) or (
            st.get("positive_en") and re.search(st["positive_en"], text, re.I)):
        return 1
    return _restated_rate_side(text)


def _restated_rate_side(text: str) -> int:
    """A figure whose being high is an upside ([stance] positive_high, or "margin" in English), stated with its value a
    year before ([stance] restated_rate: "毛利率22.7%,2024财年为24.0%"): +1 when higher now, -1 when lower, else 0."""
    st = reader_config()["stance"]
    if not (any(w in text for w in st.get("positive_high", [])) or re.search(r"\bmargins?\b", text, re.I)):
        return 0
    for rx in st.get("restated_rate", []):
        if m := re.search(rx, text, re.I):
            now, before = float(m.group("now")), float(m.group("before"))
            return (now > before) - (now < before)
    return 0


def heading_side(title: str) -> int:
    """+1 when a heading (or a list's announcing line, or an item's label) names the
    upside only ("驱动因素", "机会在于"), -1 the downside only ("风险提示"), else 0
    ([stance] side_headings)."""
    sides = reader_config()["stance"]["side_headings"]
    pro, con = re.search(sides["pros"], title, re.I), re.search(sides["cons"], title, re.I)
    return 1 if pro and not con else -1 if con and not pro else 0


_ITEM_LABEL = re.compile(r"^\**([^:：，。,*]{2,12})\**\s*[:：]")


def _block_side(b: Block, short: set[tuple[str, ...]]) -> int:
    """The side its announcing line names, else its section heading's when the section is
    short (a report whose lower headings were lost holds everything under its last one)."""
    own = heading_side(b.title) if b.title != b.heading else 0
    return own or (heading_side(b.heading) if tuple(b.path) in short else 0)


def _short_sections(docs) -> set[tuple[str, ...]]:
    most = reader_config()["stance"]["side_section_blocks"]
    sizes: dict[tuple[str, ...], int] = {}
    for d in docs:
        for b in d.blocks:
            sizes[tuple(b.path)] = sizes.get(tuple(b.path), 0) + 1
    return {p for p, n in sizes.items() if n <= most}


def _line_side(b: Block, ln: Line, short: set[tuple[str, ...]]) -> int:
    """A point's side: its own label's ("机会在于："), else its block's heading's (the
    announcing line, then the section heading) for a list item, a table row or a labelled
    paragraph (plain prose under a heading may argue either way), else a risk table's,
    else its stance words'."""
    label = _ITEM_LABEL.match(ln.text)
    side = heading_side(label.group(1)) if label else 0
    if not side and (label or b.kind != "para"):
        side = _block_side(b, short)
    return side or (-1 if b.is_risk_table() else stance_of(ln.text))


def _sided(b: Block, short: set[tuple[str, ...]]) -> bool:
    """A block whose points take a side from a heading or label (a risk table, a list under
    "风险提示", a paragraph labelled "机会在于：")."""
    if b.kind == "para":
        labels = [m.group(1) for m in (_ITEM_LABEL.match(ln.text) for ln in b.lines) if m]
        if not labels:  # prose under a heading that is its side alone ("## 风险": the risks the company names), in a
            # short section (prose under a longer heading may argue either way)
            only = reader_config()["stance"]["side_only_heading"]
            return re.fullmatch(only, _NUMBERING.sub("", b.heading).strip()) is not None and bool(_block_side(b, short))
        return bool(_block_side(b, short)) or any(heading_side(t) for t in labels)
    return b.is_risk_table() or bool(_block_side(b, short))


def _names_asked(ctx: ComposeContext, doc: DocStructure, b: Block, asked: set[str], short: set[tuple[str, ...]]) -> bool:
    """A block that takes a side from its heading, in a document whose title names an asked
    company, its points naming no other company: about the asked company (a column's risk
    section on two companies is both's)."""
    companies = set(ctx.glossary.companies) | asked
    named = set(ctx.glossary.entities(" ".join(ln.text for ln in b.lines))) & companies
    return _sided(b, short) and bool(set(ctx.glossary.entities(doc.title)) & asked) and not named - asked


def _company_sentences(ctx: ComposeContext, docs, asked: set[str]) -> list[Line]:
    """The sentences of the documents about one asked company (named in the title), in
    order; those naming another company only are left out."""
    companies = set(ctx.glossary.companies) | asked
    out: list[Line] = []
    for d in docs:
        if not set(ctx.glossary.entities(d.title)) & asked:
            continue
        for b in d.blocks:
            for ln in b.lines:
                if _NOTE.match(ln.text) or b.kind == "table":
                    continue
                for t in split_sentences(ln.text, semicolons=False):
                    named = set(ctx.glossary.entities(t)) & companies
                    if _complete(t) and (not named or named & asked):
                        out.append(Line(t, t if t in ln.raw else ln.raw, ln.chunk))
    return out


def _announced_points(ctx: ComposeContext, docs, asked: set[str]) -> list[tuple[Line, int]]:
    """Prose without headings that announces a side in a short sentence ("我对这家公司有三点担心。",
    "当然，也有积极的一面。"), in the articles about one asked company: the first sentence (the
    point) of each paragraph after it, on the side announced, up to the next announcement or at
    most [stance] announced_paragraphs paragraphs (the announcing paragraph's next sentence
    counts as its first point)."""
    st = reader_config()["stance"]
    out: list[tuple[Line, int]] = []
    for d in docs:
        if not set(ctx.glossary.entities(d.title)) & asked:
            continue
        for b in d.blocks:
            if b.kind != "para":
                continue
            side, left = 0, 0
            for ln in b.lines:
                sentences = [t for t in split_sentences(ln.text, semicolons=False) if t.strip()]
                if _NOTE.match(ln.text) or not sentences:
                    side = 0
                    continue
                own = heading_side(sentences[0]) if len(sentences[0]) <= st["announcing_chars"] else 0
                if own:
                    side, left = own, st["announced_paragraphs"]
                    sentences = sentences[1:]
                if side and left > 0 and sentences:
                    t = sentences[0]
                    out.append((Line(t, t if t in ln.raw else ln.raw, ln.chunk), side))
                    left -= 1
    return out


def _marked_sides(ctx: ComposeContext, docs, asked: set[str]) -> list[tuple[Line, int]]:
    """Prose that names the side of what it says ([stance] side_marker: "代价是经营利润率只有6.8%", "好处是…，代价是…")
    in the articles about an asked company, about it (named in the sentence, else last in its paragraph before it):
    each clause from a side word on, on that side; a sentence that opens with a cost or a risk so named follows the
    gain it is the price of, the sentence before it, put on the other side."""
    out: list[tuple[Line, int]] = []
    for d in docs:
        if not set(ctx.glossary.entities(d.title)) & asked:
            continue
        for b in d.blocks:
            if b.kind == "table":
                continue
            for ln in b.lines:
                sents = [t.lstrip("* ") for t in split_sentences(ln.text, semicolons=False) if t.strip("* ")]
                for k, t in enumerate(sents):
                    clauses = side_clauses(t)
                    if not clauses or not _line_about(ctx, Entry(t, [ln.chunk], [t]), asked):
                        continue
                    if t.startswith(clauses[0][0]) and k > 0 and not side_clauses(sents[k - 1]):
                        out.append((Line(sents[k - 1], sents[k - 1], ln.chunk), -clauses[0][1]))  # the gain it costs
                    out += [(Line(part, t, ln.chunk), side) for part, side in clauses]
    return out


def side_clauses(sentence: str) -> list[tuple[str, int]]:
    """The clauses of a sentence that name their side ([stance] side_marker), each from its side word on, with
    its side: "好处是时延低、节省带宽，代价是每台设备的芯片成本更高。" -> ("好处是时延低、节省带宽", +1),
    ("代价是每台设备的芯片成本更高。", -1)."""
    marks = [(m.start("w"), heading_side(m.group("w"))) for m in re.finditer(reader_config()["stance"]["side_marker"], sentence)]
    marks = [(at, side) for at, side in marks if side]
    if not marks:
        return []
    ends = [at for at, _ in marks[1:]] + [len(sentence)]
    return [(sentence[at:end].rstrip("，,；; ") if end < len(sentence) else sentence[at:], side)
            for (at, side), end in zip(marks, ends, strict=True)]


def _weighing_sentences(ctx: ComposeContext, docs, asked: set[str]) -> list[tuple[Line, int]]:
    """The sentences of the articles about an asked company that weigh the two sides, about the company, each part
    on its side (_hedge_split): a hedged sentence of the concluding section, their last one ("陇窖正在用短期增速换取渠道
    健康，这一选择长期看是合理的，但意味着第四季度业绩大概率仍将承压"), and anywhere one whose stance words put its two
    parts on opposite sides ("关闭低效门店虽然会在短期内拖累零售值，但有利于提升单店产出")."""
    out: list[tuple[Line, int]] = []
    for d in docs:
        sections = [bs for p, bs in d.sections() if len(p) >= 2] or [bs for _, bs in d.sections()]
        if not set(ctx.glossary.entities(d.title)) & asked:
            continue
        for k, blocks in enumerate(sections):
            last = k == len(sections) - 1 and len(sections) >= 2
            for ln in (ln for b in blocks if b.kind == "para" for ln in b.lines if not _NOTE.match(ln.text)):
                for t in split_sentences(ln.text, semicolons=False):
                    split = _hedge_split(t, strict=not last)
                    if split and re.match(r"(?:虽然|尽管|虽)", split[0]) and stance_of(split[0]) <= 0:
                        continue  # a concession with no upside's words ("虽然云知声未详细披露客户集中度数据")
                    if split and _line_about(ctx, Entry(t, [ln.chunk], [t]), asked):
                        out += [(Line(split[0], t, ln.chunk), 1), (Line(split[1], t, ln.chunk), -1)]
    return out


def _hedged(ctx: ComposeContext, groups, asked: set[str]) -> list[tuple[Line, Line]]:
    """Hedged sentences of the best evidence on the topic ("这给了公司缓冲,但每次配售都会
    稀释老股东"): the part before the contrast word is the upside, the part after it the
    downside ([stance] contrast), unless the stance words say the other way round (a
    conceded downside, then the upside)."""
    plain = [g for g in groups if not any(a in ctx.glossary.companies for a in g[0])]
    out = []
    for e in ctx.lookup_entries(wants_list=False, max_sentences=6, keep_ratio=0.5):
        if (plain and overlap(plain, e.text) <= 0) or not (plain or asked) or not _line_about(ctx, e, asked):
            continue
        split = _hedge_split(e.text)
        if split:
            out.append((Line(split[0], e.raw[0], e.chunks[0]), Line(split[1], e.raw[0], e.chunks[0])))
    return out


def _hedge_split(text: str, strict: bool = False) -> tuple[str, str] | None:
    """A hedged sentence's upside and downside: before and after its contrast word ([stance] contrast),
    or the other way round when the stance words say so ("虽然会拖累零售值，但有利于提升单店产出"); `strict`:
    only when the stance words put the two parts on opposite sides."""
    m = re.search(reader_config()["stance"]["contrast"], text)
    if not m:
        return None
    before, after = text[: m.start()].strip("，,；; "), text[m.end():].strip()
    if len(before) < 6 or len(after) < 6 or re.search(_cfg()["lead_line"], after.rstrip("。.")):
        return None  # "…，但投资者仍需关注以下风险:" announces a list: no downside of its own
    sb, sa = stance_of(before), stance_of(after)
    conceded = re.search(reader_config()["stance"]["concession"], before, re.I)
    if sb < 0 < sa or (conceded and sb <= 0 <= sa and (sb < 0 or sa > 0 or not strict)):
        return after, before  # (a conceded downside, then the point made: the upside)
    if (sb > 0 > sa) or (not strict and sb >= 0 and sa <= 0):
        return before, after
    return None


def _put_on_side(ln: Line, pros: list[Line], cons: list[Line]) -> None:
    """A sentence on the side its stance words give; a hedged one whose two parts the stance words put on
    opposite sides ("…订单价格可能不及前两年，但在手订单足以支撑…收入与利润") split, each part on its own."""
    if _NOTE.match(ln.text):
        return  # a note or a bracketed disclaimer ("（本文为…仅作示意…）") takes no side
    split = _hedge_split(ln.text, strict=True)
    if split:
        pros.append(Line(split[0], ln.raw, ln.chunk))
        cons.append(Line(split[1], ln.raw, ln.chunk))
        return
    st = stance_of(ln.text)
    (pros if st > 0 else cons if st < 0 else []).append(ln)


def side_clause(question: str, side_words: list[str], other_words: list[str]) -> str:
    """The one clause of a question that asks one side and not the other, its side words left out ("锂朔循环有哪些优势，
    这个行业又有哪些风险？" -> "锂朔循环有哪些 "); "" when no clause or several do, or one asks both."""
    def says(c: str, words: list[str]) -> bool:
        return any(re.search(w, c, re.I) for w in words)
    clauses = [c for c in re.split(r"[，,；;。？?！!]", question) if says(c, side_words) and not says(c, other_words)]
    if len(clauses) != 1:
        return ""
    return re.sub("|".join(f"(?:{w})" for w in side_words), " ", clauses[0], flags=re.I)


def _side_clause_lines(ctx: ComposeContext, side_words: list[str], other_words: list[str], asked: set[str]) -> list[Line]:
    """The evidence for the clause of the question that asks one side and not the other ("锂朔循环有哪些优势，这个行业又
    有哪些风险？": "锂朔循环有哪些优势"), its side words left out (the sentences that answer it need not say "优势"): the
    best sentences, about the company the clause names (none named: in the documents of the company asked)."""
    bare = side_clause(ctx.question, side_words, other_words)
    if not bare:
        return []
    named = set(ctx.glossary.entities(bare)) & (set(ctx.glossary.companies) | asked)
    # (a clause naming no company, "这个行业又有哪些风险", speaks of the documents of the company asked)
    passages = company_passages(ctx, sorted(asked)) if asked and not named else ctx.passages
    docs = set(company_docs(ctx, sorted(asked))) if asked and not named else None
    cands, _ = ctx.rescore(bare, passages)
    found = ctx.lookup_entries(wants_list=True, max_sentences=3, cands=cands, keep_ratio=0.5, passages=passages)
    return [Line(e.text, e.raw[0], e.chunks[0]) for e in found if e.raw and (not named or _line_about(ctx, e, named))
            and (docs is None or e.chunks[0].doc_id in docs)]


def pros_cons(ctx: ComposeContext) -> Composition | None:
    most = _cfg()["max_block_items"]
    short = _short_sections(ctx.structure.values())
    blocks = [b for d in ctx.structure.values() for b in d.blocks
              if (b.kind in ("list", "table") and len(b.lines) >= 3 and not b.is_assessment())
              or _sided(b, short)]  # a section or list headed by one side, a labelled paragraph
    groups = topic_groups(ctx)
    asked = asked_companies(ctx)
    docs = {d.doc_id: d for d in ctx.structure.values()}
    scored: list[tuple[float, Block]] = []
    unmatched: list[tuple[float, Block]] = []  # (a block on the company whose words the question does not write)
    for b in blocks:
        if not (_about(ctx, docs[b.doc_id], b.lines, b.heading, asked) or _names_asked(ctx, docs[b.doc_id], b, asked, short)):
            continue  # another company's lists (or the market's, for a company asked about)
        stances = [_line_side(b, ln, short) for ln in b.lines]
        mixed = 1 in stances and -1 in stances
        sided = 0.5 if b.is_risk_table() else 0.6 if _sided(b, short) else 0.0  # a heading that names its side
        s = 2 * overlap(groups, b.title) + overlap(groups, _block_text(b)) + (0.6 if mixed else sided)
        if any(stances):
            (scored if s > 0 else unmatched).append((s, b))
    rank: dict[str, int] = {}  # ties (a question whose words no heading holds): the document retrieval ranked first
    for i, p in enumerate(ctx.passages):
        rank.setdefault(p.chunk.doc_id, i)
    scored.sort(key=lambda x: (-x[0], rank.get(x[1].doc_id, len(ctx.passages))))
    pros: list[Line] = []
    cons: list[Line] = []
    def take(b: Block) -> None:
        for ln in b.lines:
            named = set(ctx.glossary.entities(ln.text)) & (set(ctx.glossary.companies) | asked)
            if asked and named and not named & asked:
                continue  # a line about another company
            if _NOTE.match(ln.text):
                continue  # a note or a disclaimer
            st = _line_side(b, ln, short)
            (pros if st > 0 else cons if st < 0 else []).append(ln)

    # (the best lists, and of the next ones those near the best in the matter the question asks beside the company: a
    # company's results list is no side of "离婚分股对公司是好事还是坏事", beside the event's own section)
    cues = reader_config()["intent"]["cues"]["pros_cons"]
    plain = [g for g in groups if not any(a in ctx.glossary.companies for a in g[0])
             and g[1] >= _cfg()["pros_matter_min_weight"]  # (a rare word: "离婚", not "投资" or "上市")
             and not any(stance_of(a) or heading_side(a) or any(re.search(c, a, re.I) for c in cues) for a in g[0])]
    # (nor the question's side words: "有利因素", "风险")

    def on_matter(b: Block) -> float:  # (its own heading and lines: every block of the article has its title's words)
        return 2 * overlap(plain, b.title) + overlap(plain, " ".join(ln.text for ln in b.lines))

    matter = {id(b): on_matter(b) for _, b in scored[:3]}
    best_matter = max(matter.values(), default=0.0)
    matter_docs = {b.doc_id for _, b in scored[:3] if best_matter and matter[id(b)] == best_matter}

    def on_side(b: Block) -> bool:  # (the matter's, or a list its article heads by a side: "## 风险" beside "## 收购理由")
        return on_matter(b) >= _cfg()["pros_block_share"] * best_matter or (_sided(b, short) and b.doc_id in matter_docs)

    for _, b in scored[:3]:
        if on_side(b):
            take(b)
    if scored and not (pros and cons):  # the best lists give one side only: the best block that gives the other
        missing = -1 if pros else 1
        # (else, for a company asked, a block of its own documents: a note's "核心观点" list beside its "风险提示")
        own = [(s, b) for s, b in unmatched if asked & ctx.glossary.doc_subjects.get(b.doc_id, set())]
        # (a filler for a company asked is a block of its own documents, or one naming it: not another company's
        # article's lists, "活牛价格持续走低…" for a shelf-label maker's cornerstone investment)
        fillers = [b for _, b in scored[3:] if not asked or asked & ctx.glossary.doc_subjects.get(b.doc_id, set())
                   or any(set(ctx.glossary.entities(ln.text)) & asked for ln in b.lines)]
        # (for a matter asked beside the company, a block saying something of it: no results list fills the other side)
        filler = next((b for b in [*fillers, *(b for _, b in own)]
                       if any(_line_side(b, ln, short) == missing for ln in b.lines)
                       and on_side(b)), None)
        if filler is not None:
            take(filler)
    entries: list[Entry] = []
    if not scored and asked:  # no list about the company: the points its articles announce a side for
        for ln, st in _announced_points(ctx, docs.values(), asked):
            (pros if st > 0 else cons).append(ln)
    if not scored and asked and not (pros and cons):  # else its sentences, sorted by the stance words
        for e in ctx.lookup_entries(wants_list=False, max_sentences=2 * most, keep_ratio=0.3):
            if _line_about(ctx, e, asked):
                _put_on_side(Line(e.text, e.raw[0], e.chunks[0]), pros, cons)
        if not (pros and cons):  # and the stance sentences of the articles about it
            have = {ln.text for ln in pros + cons}
            for ln in _company_sentences(ctx, docs.values(), asked):
                if ln.text not in have:
                    _put_on_side(ln, pros, cons)
    hedged = _hedged(ctx, groups, asked)  # "…给了公司缓冲,但每次配售都会稀释老股东": both sides, first
    pros = [h for h, _ in hedged] + [ln for ln in pros if ln.text not in {h.text for h, _ in hedged}]
    cons = [c for _, c in hedged] + cons
    # what a company did, asked of ("这种降价策略带来了什么好处，又付出了什么代价", "主动控货去库存，利弊各是什么"): the
    # sentences that name the side of what they say ("…客流明显回升。代价是…") and the concluding section's weighing,
    # before the lists (a question about the company as a whole is answered by its lists)
    side_words = re.compile("|".join(f"(?:{w})" for k in ("pros", "cons") for w in reader_config()["stance"]["sides"][k]), re.I)
    action = bool(asked) and (any(not any(a in ctx.glossary.companies or side_words.search(a) for a in alts) for alts, _ in groups)
                              or bool(re.search(reader_config()["stance"]["action_words"], ctx.question, re.I)))
    marked = [*_marked_sides(ctx, docs.values(), asked), *_weighing_sentences(ctx, docs.values(), asked)] if action else []
    lead = {1: len(hedged), -1: len(hedged)}  # after the hedged evidence on the topic asked
    for side in (1, -1):
        have = {normalize(ln.text) for ln in pros + cons}
        first = [ln for ln, s in marked if s == side and not any(normalize(ln.text) in h for h in have)]
        if side > 0:
            pros = pros[: lead[side]] + first + pros[lead[side]:]
        else:
            cons = cons[: lead[side]] + first + cons[lead[side]:]
    sides = reader_config()["stance"]["sides"]
    asks = {side: any(re.search(c, ctx.question, re.I) for c in sides[side]) for side in ("pros", "cons")}
    if asks["cons"] and not asks["pros"]:
        pros = []
    elif asks["pros"] and not asks["cons"]:
        cons = []
    for key, side in (("pros", 1), ("cons", -1)):  # a side its own clause asks and nothing gave: that clause's evidence
        if asks[key] and not (pros if side > 0 else cons):  # (none the other side holds, or its words or heading give)
            other = {normalize(ln.text) for ln in (cons if side > 0 else pros)}
            (pros if side > 0 else cons).extend(
                ln for ln in _side_clause_lines(ctx, sides[key], sides["cons" if side > 0 else "pros"], asked)
                if normalize(ln.text) not in other
                and stance_of(ln.text) != -side and heading_side(ln.chunk.headings[-1] if ln.chunk.headings else "") != -side)
    if not pros and not cons:
        return None
    if pros:
        entries += [Entry(ctx.labels["pros"], bullet=False)] + [_entry(ln) for ln in pros[:most]]
    if cons:
        entries += [Entry(ctx.labels["cons"], bullet=False)] + [_entry(ln) for ln in cons[:most]]
    return Composition(entries)
