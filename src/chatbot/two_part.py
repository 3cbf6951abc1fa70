"""Questions that ask for two things ("美图上半年收入和经调整净利润分别是多少？",
"京东零售和京东物流第二季度收入…", "revenue and net profit"): the question's term
groups split into one question spec per item, so that each item is looked up on its own
(a sentence rarely states both) and the answer quotes the best sentence for each.

The items are the two groups of one kind (metric, company, or a distinctive word) that
stand nearest either side of a conjunction (config/evidence.toml [two_part]). Words
between the conjunction and the second item modify the second item ("经调整" in
"收入和经调整净利润"); words between the first item and the last company or period
before it modify the first. Everything else (the company, the period) is shared."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from chatbot.evidence_config import evidence_config
from chatbot.text import normalize

if TYPE_CHECKING:  # evidence imports this module
    from chatbot.evidence import TermGroup

_ITEM_KINDS = ("metric", "entity", "word", "term")
_ITEM_END = re.compile(r"分别|各自|各|是|为|有|达|多少|几|如何|呢|[？?，,。；;!！\s]|$")


@dataclass
class _Placed:
    group: TermGroup
    start: int
    end: int


def _placed(question: str, groups) -> list[_Placed]:
    """Each group with the span of its first form the question writes (a group of an English
    term's Chinese forms where the question writes the term: "selling expense ratio"), and
    again where the question writes it once more ("2024年的净利润以及2025年上半年的净利润")."""
    q = normalize(question)
    out = []
    for g in groups:
        forms = [*g.alternatives, normalize(g.source)] if g.source else g.alternatives
        end = 0
        while (hit := _next_hit(q, forms, end)) is not None:
            out.append(_Placed(g, hit[0], hit[0] + hit[1]))
            end = hit[0] + hit[1]
    return sorted(out, key=lambda p: p.start)


def _next_hit(q: str, forms: list[str], after: int) -> tuple[int, int] | None:
    """The first form the question writes at or after `after`: (start, length)."""
    hits = [(at, len(a)) for a in forms if a and (at := q.find(a, after)) >= 0]
    return min(hits) if hits else None


def _raw_index(question: str) -> list[int]:
    """For each character of normalize(question), the index of the raw character it comes from
    (so that an item is shown as the question writes it: "truck and bus tyres", not "truckandbustyres")."""
    out: list[int] = []
    for r, ch in enumerate(question):
        if ch == "," and r and question[r - 1].isdigit() and re.match(r",\d{3}", question[r:r + 4]):
            continue  # a thousands separator
        out.extend([r] * len(normalize(ch)))
    return out if len(out) == len(normalize(question)) else []


def split_spec(question: str, spec, conjunctions: list[str], clause_breaks: list[str] | None = None,
               written: Callable[[str], bool] | None = None, respectively: list[str] | None = None) -> list:
    """Two specs, one per item asked, or [] when the question asks one thing. `clause_breaks`
    ("多少，"): where two questions are joined; split there only between two metrics. `written(text)`:
    whether a passage writes the (normalised) text; two words joined by a conjunction that a passage writes
    as one ("国际及地区" of "国际及地区旅客吞吐量", "维修保养及旧梯改造") are one name, not two items, unless
    the question asks them one by one (`respectively`: "分别", "各自")."""
    from chatbot.evidence import _asked_periods  # (evidence imports this module)

    if not spec.wants_figure:
        return []
    q = normalize(question)
    raw = _raw_index(question)  # (each normalised character's index in the question, read once)
    placed = _placed(question, spec.groups)
    joins = evidence_config()["two_part"].get("question_joins", [])  # (", and what …": two questions, tried first)
    breaks = [*joins, *(clause_breaks or [])]
    for conj in [*joins, *conjunctions, *(clause_breaks or [])]:
        word = conj.strip().lower()
        if conj in breaks:  # a pattern: "多少？", "多少支？" (a measure word may stand before the break)
            hit = re.search(conj, q)
            if hit is None:
                continue
            i, j = hit.start(), hit.end()
        else:
            if not word or (word.isascii() and not re.search(rf"(?<![a-z]){re.escape(word)}(?![a-z])", question.lower())):
                continue  # an English conjunction counts as a word of its own ("and", not "brand")
            # (the first occurrence outside a term: "and" of "sale-and-leaseback", 售后回租, joins no two items)
            w = normalize(word)
            rel = evidence_config()["two_part"].get("relation_ends", [])
            at_word = _word_starts(question, raw, q, w) if word.isascii() else None
            i = next((k for k in (m.start() for m in re.finditer(re.escape(w), q))
                      if (at_word is None or k in at_word)  # (a word of its own: not the "and" of "thousand")
                      and not any(p.start < k and p.end > k + len(w) and p.group.kind in ("term", "metric") for p in placed)
                      # (nor the opening of a word the question holds whole: "和" of "和田", a place)
                      and not any(p.start == k and p.end > k + len(w) and p.group.kind in ("word", "entity")
                                  and len(p.group.alternatives[0]) > len(w) for p in placed)
                      and not (rel and re.match(rf"[^，。？?,;；]{{1,20}}?(?:{'|'.join(map(re.escape, rel))})",
                                                q[k + len(w):]) and w in "与和跟同")),
                     -1)
            if i < 0:
                continue
            j = i + len(w)
            if word.isascii() and any(re.match(rx, q[j:]) for rx in evidence_config()["two_part"].get("change_only_en", [])):
                continue  # "…, and how fast did it grow?": the first figure's change, no second item
        # (an item no passage holds is asked all the same: the answer says it is missing)
        # (no word of a period: "去年10月和…" joins no period to an item, the month's "10" and "去年" are its words)
        # (unless the items are periods themselves: "今年一季度和二季度的收入")
        period_items = any(p.group.kind == "period" and j <= p.start <= j + 2 for p in placed)
        before = [p for p in placed if p.end <= i and p.group.kind in _ITEM_KINDS
                  and (period_items or not _period_word(p, placed))]
        # (a question of its own names its item after its ask too, "每人拿多少一次性奖金？": a word the passages write
        # there, no verb, "按什么比例派发？")
        asked_after = [p for p in placed if i <= p.start and p.end <= j and p.group.kind in _ITEM_KINDS
                       and not p.group.absent and not (p.group.kind == "word" and _is_verb(p.group.alternatives[0]))] \
            if conj in breaks else []
        before += asked_after
        if not before:
            continue
        left = before[-1]
        first_after = next((p for p in placed if p.start >= j and p.group.kind in _ITEM_KINDS), None)
        if left.group.kind == "entity" and first_after is not None and first_after.group.kind != "entity" \
                and (items := [p for p in before if p.group.kind != "entity"]):
            left = items[-1]  # (a company named at the end of the first item, "…for its 80% stake in Walora Nest, and
            # what is the valuer's figure…": the item is the figure before it, no company against another)
        after = [p for p in placed if p.start >= j and p.group.kind in _ITEM_KINDS
                 and (p.group.kind == "entity") == (left.group.kind == "entity")
                 and p.group.alternatives[0] not in evidence_config()["two_part"]["how_adjectives_en"]]
        # (the adjective of "how big was …" asks the size: no item, "…, and how big was the peak order book")
        # the same kind first ("收入和经调整净利润": 净利润), else any item ("销量和营业收入")
        right = next((p for p in after if p.group.kind == left.group.kind), after[0] if after else None)
        if right is not None and right.group.kind == "word" and right.group.absent and _is_verb(right.group.alternatives[0]):
            # (a verb no passage writes before the thing asked, "卖出了多少库存股份": the thing is the item)
            right = next((p for p in after if p.start > right.start and p.group.kind in ("word", "term", "metric")
                          and not p.group.absent), right)
        if right is not None and conj in breaks and re.fullmatch(r"[a-z\-]*\d[\w\-.]*", right.group.alternatives[0]):
            # (a code or number before the second question's words, "483表格列了几项观察项": the words are the item)
            right = next((p for p in after if p.start > right.start and not p.group.absent
                          and re.search(r"[\u4e00-\u9fff]", p.group.alternatives[0])), right)
        if right is None or (left.group.absent and right.group.absent):
            continue
        if conj in breaks and not (left.group.kind == right.group.kind == "metric") and not (
                {left.group.kind, right.group.kind} <= {"metric", "word", "term"} and not _asks_change(q[j:])
                and not right.group.absent and (re.search(r"[\u4e00-\u9fff]", right.group.alternatives[0])
                                                or (conj in joins and right.group.alternatives[0].isalpha()
                                                    and re.match(r"(?:when|(?:for)?howlong)", q[j:])))):
            continue  # (two figures of their own words, "所得税开支是多少？实际税率是多少？"; not a figure and its change,
            # nor words no document writes after the question: "…多少？<script>…")
        if (written is not None and left.group.kind == right.group.kind == "word" and conj not in breaks
                and not any(w and w in q for w in map(normalize, respectively or []))
                and written(q[left.start:right.end])):
            continue  # one name the documents write with the conjunction in it
        # (the same item asked twice, "2024年的净利润以及2025年上半年的净利润", or a second item with a period of its
        # own, "前三季度的收入和第三季度的毛利率": the period before each item is its own)
        own_period = any(p.group.kind == "period" and j <= p.start < right.end for p in placed)
        anchor_kinds = ("entity",) if right.group is left.group or own_period else ("entity", "period")
        anchors = [p for p in placed if p.end <= left.start and p.group.kind in anchor_kinds]
        left_from = anchors[-1].end if anchors else 0
        # (two questions in one: the words of the first up to its question mark are its own, "按什么比例派发？")
        left_mods = {id(p.group) for p in placed if left_from <= p.start < (j if conj in breaks else i)}
        if re.match(evidence_config()["two_part"]["second_question_en"], q[j:]):  # two questions joined (", and by how
            # much did …"): the first one's figure words, wherever it writes them ("What interim dividend did X declare
            # …"), are its own; its company and period are both's
            left_mods |= {id(p.group) for p in placed if p.start < i and p.group.kind in ("metric", "term")}
        tail = _ITEM_END.search(q, right.end)  # "退保率" is cut "退保" + "率": the item runs to "分别", "是"…
        right_to = tail.start() if tail else len(q)
        right_mods = {id(p.group) for p in placed if j <= p.start < right.end}
        trailing = [p for p in placed if right.end <= p.start < right_to]
        if any(p.group.kind in ("metric", "term") for p in placed if left.start <= p.start < i) \
                and not any(p.group.kind in ("entity", "period") for p in trailing):
            # the first item names its figure ("线上渠道收入和员工总人数"; not a term of the question's topic before
            # it, "18C章对已商业化和未商业化公司的研发开支占比"): what follows the second is the second's
            # (else it is both items' figure, "影像产品和智能云两块业务的收入"; or both items' company and period,
            # "the revenue and the gross margin of Xinyi Solar's solar glass business in the first half")
            right_mods |= {id(p.group) for p in trailing}
        # a segment the second item names ("…创新业务分部" of "A分部和B业务分部收入": the word before its marker)
        # is its own, though the figure after it is both items'
        right_mods |= {id(p.group) for p in trailing if p.group.marked}
        both = left_mods & right_mods  # (a word both items write is neither's own)
        # the conjunction's own words ("well" of "as well as", "以及") are neither item's
        joining = {id(p.group) for p in placed if p.start < j and p.end > i} - left_mods - right_mods
        # (an item the keyword index holds no token of may still be written inside a passage's word: "票息" of "年票息2.5%")
        unwritten = lambda g: g.absent and not (written is not None and any(written(normalize(a)) for a in g.alternatives if a))  # noqa: E731
        # (a second item asking only the first one's change, "…seamless wall-cloth revenue in 1H25, and the YoY
        # growth?", is the growth of that figure: it keeps the first item's words)
        right_own = [p.group for p in placed if id(p.group) in right_mods - both and p.group.kind in ("metric", "term", "word")]
        growth_of_left = bool(right_own) and all(_change_word(g) for g in right_own)
        parts = [_without(spec, (right_mods - both) | joining, _shown(question, raw, q, left_from, max(i, left.end)),
                          unwritten(left.group)),
                 _without(spec, joining if growth_of_left else (left_mods - both) | joining,
                          _shown(question, raw, q, j, right_to), unwritten(right.group))]
        item_periods = [p for p in placed if p.group.kind == "period"
                        and (left_from <= p.start < i or j <= p.start < right_to)]
        if item_periods and {left.group.kind, right.group.kind} <= {"metric", "term"}:
            # two figures, an item naming its own period ("net profit for the nine months … and its gross margin in
            # the third quarter"): each is asked of its own period only (not when the periods are the items)
            for part, (a, b) in ((parts[0], (j, right_to)), (parts[1], (left_from, i))):
                part.periods = _asked_periods(_cut(question, raw, a, b)) or spec.periods
        if left.group.kind == right.group.kind == "entity":  # two companies, one figure: the first's item names it too
            parts[0].item = f"{parts[0].item}{_shown(question, raw, q, right.end, right_to)}"
            for part in parts:
                part.by_company = True
            parts[0].missing = [parts[0].item] if parts[0].missing else []
        if conj in breaks:  # two questions in one: each asks in its own unit ("…合共多少支？召回成本估计多少？"), and
            # in its own words (the company and the period written once are both's)
            from chatbot.evidence import _ASKS_AMOUNT, asked_measures, asked_unit
            parts[0].clause, parts[1].clause = _cut(question, raw, j, len(q)), _cut(question, raw, 0, j)
            parts[0].measures, parts[1].measures = asked_measures(parts[0].clause), asked_measures(parts[1].clause)
            parts[0].unit, parts[1].unit = asked_unit(parts[0].clause), asked_unit(parts[1].clause)
            # (a period written only in the later question is that question's: "…索赔多少钱？这艘船在2025财年贡献了…多大比例"
            # asks the claim of no year; one written in the first goes on into the second, which writes none)
            if not _asked_periods(parts[0].clause) and _asked_periods(parts[1].clause):
                parts[0].periods = set()
            # (so is a metric: "…退税率从多少降到多少？公司…有多大比例的收入来自出口？" asks the rebate rate, no revenue)
            first_q, later_q = normalize(parts[0].clause).lower(), normalize(parts[1].clause).lower()
            parts[0].metrics = [m for m in parts[0].metrics if any(f and f.lower() in first_q for f in m)
                                or not any(f and f.lower() in later_q for f in m)]
            days = evidence_config()["date_question"]["day_asked"]
            for part in parts:  # (a question of its own asking a day asks no amount: "首个赎回日是哪一天？"; nor one
                # asking a name with no metric, "首席发酵师获得了什么称号？", beside "奖励了多少钱？")
                if (any(w in part.clause.lower() for w in days) or not part.metrics) and not _ASKS_AMOUNT.search(part.clause):
                    part.amount = False
            for part, later in ((parts[0], True), (parts[1], False)):
                gone = {id(p.group) for p in placed if p.group.kind not in ("entity", "period")
                        and all((o.start >= j) if later else (o.end <= i) for o in placed if o.group is p.group)}
                part.groups = [g for g in part.groups if id(g) not in gone]
                part.required = [g for g in part.required if id(g) not in gone]
        held = {id(g) for g in spec.required}
        parts[0].item_forms = _forms(placed, left_mods, held)
        # (what the second item names runs to its end, in English too: "how much did it spend on advertising")
        parts[1].item_forms = _forms(placed, right_mods | {id(p.group) for p in trailing}, held)
        for part, other in ((parts[0], parts[1]), (parts[1], parts[0])):
            # a segment or a compound named only in the other item is not this item's ("特钢总销量和轴承钢这类
            # 高端品种的销量": 高端 and 高端品种 are the second's)
            part.segments = [forms for forms in part.segments
                             if any(f in part.item for f in forms) or not any(f in other.item for f in forms)]
            part.compounds = [(c, gs) for c, gs in part.compounds if c in part.item or c not in other.item]
        return parts
    return []


def _word_starts(question: str, raw: list[int], q: str, word: str) -> set[int]:
    """Where in q (normalize(question), mapped to it by `raw`: _raw_index) the English word `word` (normalised) starts as
    a word of its own in the question ("and" of ", and how fast", not of "thousand"); every occurrence when the question
    cannot be mapped."""
    hits = {m.start() for m in re.finditer(re.escape(word), q)}
    if not raw:
        return hits
    low = question.lower()
    return {k for k in hits if k + len(word) - 1 < len(raw)
            and not re.match(r"[a-z0-9]", low[raw[k] - 1:raw[k]] or " ")
            and not re.match(r"[a-z0-9]", low[raw[k + len(word) - 1] + 1:raw[k + len(word) - 1] + 2] or " ")}


def _period_word(p: _Placed, placed: list[_Placed]) -> bool:
    """Is a placed word part of a period the question names: inside a period's span ("10" of "10月"), or a relative
    period word ([two_part] period_words: "去年")?"""
    return p.group.alternatives[0] in evidence_config()["two_part"].get("period_words", []) or any(
        o.group.kind == "period" and o.start <= p.start and p.end <= o.end and o is not p for o in placed)


def _asks_change(text: str) -> bool:
    """Does the (normalised) text ask a change ("同比变化多少", "增长了多少": config/evidence.toml [scope] growth_asked
    and [two_part] change_words)?"""
    from chatbot.evidence_config import evidence_config

    words = [*evidence_config()["scope"]["growth_asked"], *evidence_config()["two_part"]["change_words"]]
    return any(w in text.lower() for w in words)


def _shown(question: str, raw: list[int], q: str, start: int, end: int) -> str:
    """The question's own text of the normalised span q[start:end] (the normalised span when it cannot be mapped)."""
    while end > start and q[end - 1].isspace():
        end -= 1
    if not raw or end <= start:
        return q[start:end]
    return re.sub(r"^['’]s?(?![a-z])", "", question[raw[start]:raw[end - 1] + 1]).strip(" ,，")  # (not "Unisound's")


def _cut(question: str, raw: list[int], start: int, end: int) -> str:
    """The question without the normalised span q[start:end] (the other item)."""
    if not raw or end <= start:
        return question
    return question[:raw[start]] + " " + question[raw[end - 1] + 1:]


def _is_verb(word: str) -> bool:
    from chatbot.evidence import dictionary_tag  # (evidence imports this module)

    tag = dictionary_tag(word) or ""
    return tag.startswith("v") and not tag.startswith("vn")


def _function_word(word: str) -> bool:
    """A pronoun ("这次", "这笔"): it names no item (a word tagged otherwise, "永续", may)."""
    from chatbot.evidence import dictionary_tag  # (evidence imports this module)

    return bool(re.fullmatch(r"[\u4e00-\u9fff]+", word)) and (dictionary_tag(word) or "").startswith("r")


def _change_word(g) -> bool:
    """Is a group a word of a change asked ("YoY", "growth", "同比": [two_part] change_words, [scope] growth_asked)?"""
    return any(a.lower() in _change_words() for a in g.alternatives)


@lru_cache(maxsize=1)
def _change_words() -> frozenset[str]:
    return frozenset({*evidence_config()["two_part"]["change_words"], *evidence_config()["scope"]["growth_asked"]})


def _forms(placed: list[_Placed], ids: set[int], held: set[int] | None = None) -> list[list[str]]:
    """The forms of the item words among `ids`: a metric, a term or a Chinese word the question writes (not a
    company or a period; an English word as written only, its dictionary Chinese a guess: "operation" is no 营运,
    though an article written in English writes the word; and an English term's own words beside its Chinese).
    A word of `held` (ids of the words the answer must write) is read in its Chinese forms too ("seamless": 无缝)."""
    out = []
    for p in placed:
        if id(p.group) not in ids:
            continue
        if p.group.kind in ("metric", "term"):
            own = [normalize(p.group.source)] if p.group.source.isascii() and p.group.source else []
            out.append(list(dict.fromkeys([*(a.lower() for a in p.group.alternatives), *own])))
        elif p.group.kind == "word" and not _function_word(p.group.alternatives[0]):  # (not "这次": no item's name)
            out.append([a.lower() for a in p.group.alternatives] if held and id(p.group) in held
                       else [p.group.alternatives[0].lower()])
    return out


def _without(spec, drop: set[int], item: str, absent: bool):
    """A copy of `spec` without the groups whose ids are in `drop` (and their metrics,
    companies and required words), asking `item` (`absent`: no passage holds it)."""
    part = copy.copy(spec)
    part.item = item.strip(" 的是为")
    part.missing = [part.item] if absent else []
    gone = [g for g in spec.groups if id(g) in drop]
    part.groups = [g for g in spec.groups if id(g) not in drop]
    gone_metric_forms = {a for g in gone if g.kind == "metric" for a in g.alternatives}
    part.metrics = [m for m in spec.metrics if not set(m) & gone_metric_forms]
    part.entities = spec.entities - {g.entity for g in gone if g.entity}
    part.required = [g for g in spec.required if id(g) not in drop]
    part.compounds = [(c, gs) for c, gs in spec.compounds if not any(id(g) in drop for g in gs)]
    return part
