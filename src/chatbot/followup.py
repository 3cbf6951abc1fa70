"""Turn a follow-up into a standalone question before retrieval.

Rule-based (no LLM): "那MiniMax呢？" after "智谱的IPO估值是多少？" becomes
"MiniMax的IPO估值是多少？"; "那2025年呢？" swaps the year; "它/其/该公司/it/its"
becomes the company last discussed. With an LLM configured, the LLM condenses
instead and the rules are the fallback."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any

from chatbot.glossary import Glossary
from chatbot.intent import detect_intent, reader_config
from chatbot.lexicon import question_stop_words_en
from chatbot.text import (
    FIGURE_RE,
    english_period_forms,
    month_end_re,
    month_range_re,
    period_phrase_en_re,
    period_phrase_re,
    period_word,
    periods,
    qualifiers,
    question_language,
)

_ASKS_AMOUNT_ZH = re.compile(r"多少|几[家个年倍位天月%]|多大|多高|多长")
# the words a Chinese follow-up opens with ("那", "那么", "还有"; "换成…呢", "如果是…呢": the question before, of another)
_LEAD = r"(?:那么?|还有|再问一下)?\s*(?:换成|换作|换做|改成|如果是|要是|轮到)?"
_LEAD_ZH = re.compile(rf"^\s*{_LEAD}\s*")
_ELLIPSIS_ZH = re.compile(rf"^\s*{_LEAD}\s*(?P<x>.+?)\s*(?:的呢|呢|怎么样|如何)\s*[？?]?\s*$")
# "同样的问题问一下沉楹香业": the question before, of another ("沉楹香业呢？")
_SAME_ASKED_ZH = re.compile(r"^\s*(?:同样的问题|同一个问题|一样的问题)\s*[，,]?\s*(?:问一下|问问|换成|对于?|问)?\s*(?P<x>[^？?。，,]+?)"
                            r"\s*(?:呢)?\s*[？?。]?\s*$")
# "Sealorn Marine's order book": a name and the item of it asked
_POSSESSED_EN = re.compile(r"^(?P<name>[A-Z][\w&.\-]*(?:\s+[A-Z][\w&.\-]*){0,4})['’]s\s+(?P<item>[^'’]+)$")
_ELLIPSIS_EN = re.compile(r"^\s*(?:(?:and\s+)?(?:what|how)\s+about|and(?:\s+for)?|(?:and\s+)?(?:the\s+)?same\s+(?:question\s+|thing\s+)?"
                          r"(?:for|about|with))\s+(?P<x>.+?)\s*(?:,?\s*then)?\s*[?.]?\s*$", re.IGNORECASE)
# "Youyuan Shipin in the first half of FY2026": a company, then the period asked of it
_EN_NAME_PERIOD = re.compile(r"^(?P<name>.+?)\s+(?P<prep>in|for|during|over)\s+(?P<period>[^?]*\d[^?]*?)\s*$", re.IGNORECASE)
_PRONOUN_ZH = re.compile(r"它们|它|其(?!中|他|余|实)|该公司|这家公司|这家企业|该企业|那家公司|那家企业|他们")
# "the other one": the company the conversation named beside the one asked about
_OTHER_ONE = re.compile(r"^(?:另一家|另外一家|另一个|另外那家|另一家公司|the other(?: one| company)?"
                        r"|(?:its|their|the) (?:rival|peer|competitor)s?)$", re.IGNORECASE)
# (not the idiom "on its own", "on their own": alone)
_PRONOUN_EN = re.compile(r"\b(?!(?<=\bon )(?:its|their)\s+own\b)(it|its|they|their|the company)\b", re.IGNORECASE)
# "that supplier's revenue", "this company's margin": the company the conversation is about, by its role
_POINTER_EN = re.compile(r"\b(?:that|this) (?:company|firm|group|supplier|sponsor|partner|customer|buyer)(['’]s)?\b",
                         re.IGNORECASE)
# "What share of them…": the things a "How many <things> did X …" question before counted
_THEM_EN = re.compile(r"\b(?:them|those|these)\b", re.IGNORECASE)
_COUNTED_EN = re.compile(r"\bhow many\s+(?P<item>[a-z][a-z\- ]{1,40}?)\s+(?:did|does|do|has|have|had|will|were|was|are|is)\b",
                         re.IGNORECASE)
# "how much did it grow": "it" is the figure asked before, whose change is asked
_CHANGE_OF_IT = re.compile(r"\b(?:did|does|has|have|had|will|would)\s+(it)\s+(?:grow|rise|increase|fall|decline|drop|shrink|change|go\s+(?:up|down))\b",
                           re.IGNORECASE)
# the item an English question asks of a company ("What was X's net profit in Q3 2025?" -> "net profit")
_ITEM_EN = re.compile(r"(?:'s|’s)\s+(?P<item>[a-z][a-z\- ]*?)\s*(?:\b(?:in|for|during|over|at|as of|by|of|from|since)\b|[?,.]|$)",
                      re.IGNORECASE)
_YEAR = re.compile(r"(?:19|20)\d{2}(?!\d)")
# where the figure a Chinese question asks ends: its question word
_ASKS_ZH = re.compile(r"(?:是|有|为|达到|做到|占)?\s*(?:多少|几|多高|多大)")
# "其中X占多少": a part of the figure asked before
_PART_OF = re.compile(r"^\s*其中\s*(?P<x>.+?)\s*(?:占|是|有|为)?\s*(?:多少|几)")


def message_text(content: Any) -> str:
    """A chat message's content as plain text: Gradio 6 Blocks handlers may receive a
    list of parts (`[{"type": "text", "text": ...}]`), a dict or a plain string."""
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, dict):
        return str(content.get("text") or content.get("content") or "")
    if isinstance(content, (list, tuple)):
        return "".join(message_text(part) for part in content)
    return str(content)


def normalise_history(history: Any) -> list[dict]:
    """`[{"role", "content"}]` with plain-string content, from a list or a JSON string;
    anything that isn't a user/assistant message is dropped."""
    if isinstance(history, str):
        try:
            history = json.loads(history) if history.strip() else []
        except ValueError:
            return []
    if not isinstance(history, (list, tuple)):
        return []
    out = []
    for m in history or []:
        if isinstance(m, dict) and m.get("role") in ("user", "assistant"):
            text = message_text(m.get("content")).strip()
            if text:
                out.append({"role": m["role"], "content": text})
    return out



def user_turns(history: list[dict] | None) -> list[str]:
    return [_content(m) for m in (history or []) if m.get("role") == "user" and _content(m).strip()]


def _content(m: dict) -> str:
    return message_text(m.get("content"))


def last_entity(history: list[dict] | None, glossary: Glossary) -> str | None:
    """The company the conversation is about: the last user turn's, unless that turn asked who or which company
    ("谁赞助了…糕点?", "还有哪些企业?", "Who supplies …?": [followup] identity_asked) and the answer named one it did not
    (樨邨食品): then the answer's."""
    if (introduced := _introduced_by_answer(history, glossary)) is not None:
        return introduced
    for m in reversed(history or []):
        ents = glossary.entities(_content(m))
        if ents and m.get("role") == "user":
            return ents[0]
    for m in reversed(history or []):
        ents = glossary.entities(_content(m))
        if ents:
            return ents[0]
    return None


def _introduced_by_answer(history: list[dict] | None, glossary: Glossary) -> str | None:
    turns = [m for m in history or [] if m.get("role") in ("user", "assistant")]
    if len(turns) < 2 or turns[-1].get("role") != "assistant" or turns[-2].get("role") != "user":
        return None
    asked = _content(turns[-2])
    if not re.search(reader_config()["followup"]["identity_asked"], asked, re.IGNORECASE):
        return None
    named = set(glossary.entities(asked))
    new = [e for e in glossary.entities(_content(turns[-1])) if e not in named and e in glossary.companies]
    return new[0] if new else None


def resolve_followup(question: str, history: list[dict] | None, glossary: Glossary) -> str:
    """Rule-based standalone question; returns the question unchanged when it already
    stands alone or there is nothing to carry over."""
    q = question.strip()
    prev_questions = user_turns(history)
    if not prev_questions:
        return q
    prev = prev_questions[-1]
    for span, written in reader_config()["followup"]["period_spans"].items():
        q = q.replace(span, written)  # ("上半财年呢？": a period, "上半年", not an item in place of the metric asked)
    if same := _SAME_ASKED_ZH.match(q):
        q = f"{same.group('x').strip()}呢？"
    if (then_asked := _ellipsis_then_ask(q, history, glossary)) is not None:
        return then_asked
    q = _year_before_named(q, prev)
    if (compared := _compared_with(q, prev, glossary)) is not None:
        return compared
    if (against := _compared_with_period(q, prev, glossary)) is not None:
        return against
    if (newest := _latest_of_before(q, prev)) is not None:
        return newest
    m = _ELLIPSIS_ZH.match(q) or _ELLIPSIS_EN.match(q)
    if m and (before := _period_before_en(prev, m.group("x").strip())) is not None:
        return before  # "And in the quarter before that?"
    if m and len(m.group("x")) <= (60 if m.group("x").isascii() else 24):  # ("the net profit attributable to
        # shareholders": English takes more letters for an item)
        x = m.group("x").strip()
        zh_period = _period_in_chinese(x, prev)
        if zh_period is not None:
            x = zh_period  # "And the first half?" after "城光传媒三季度收入多少？": "上半年"
        x_ents = glossary.entities(x)
        prev_ents = glossary.entities(prev)
        if x_ents and _own_item_beside(x, x_ents, glossary):
            # "那同一天上市的天数智芯首日表现呢？": a question of its own ("同一天上市的天数智芯首日表现如何？"); after a
            # figure asked ("…交易额是多少？"), a figure again ("那同业Paystead上半年的交易额呢？" -> "…交易额是多少？")
            ask = "是多少" if _ASKS_AMOUNT_ZH.search(prev) else "如何"
            return re.sub(r"(?:的呢|呢)\s*([？?]?)\s*$", ask + r"\1", re.sub(r"^\s*(?:那么?|还有)\s*", "", q))
        if x_ents and prev_ents and (owned := _POSSESSED_EN.match(x)) and glossary.entities(owned.group("name")):
            # "And what about Thermiva's revenue?"
            return _item_of(prev, prev_ents[0], owned.group("name"), owned.group("item"), glossary)
        if x_ents and prev_ents and question_language(prev) == "en" and (en := _EN_NAME_PERIOD.match(x)) \
                and glossary.entities(en.group("name")):
            # "What about Youyuan Shipin in the first half of FY2026?": the company and its period, in English
            swapped = _replace_entity(prev, prev_ents[0], en.group("name"), glossary)
            swapped = re.sub(r"\s+(?:in|for|during|over)\s+[^?]*?\d[^?]*?(?=[?.]?\s*$)", "", swapped, count=1)
            return f"{swapped.rstrip('?. ')} {en.group('prep')} {en.group('period')}?"
        if x_ents and prev_ents:  # another company, same attribute ("And 泊联停车's?": the name, not its possessive)
            name, period = _name_and_period(x)
            swapped = _replace_entity(prev, prev_ents[0], re.sub(r"['’]s$", "", name), glossary)
            found = list(period_phrase_re().finditer(swapped))
            if period and found:  # "那智谱2026年第一季度呢？": another company and another period
                span = swapped[found[0].start(): found[-1].end()]
                if not _YEAR.search(period) and (year := re.search(r"(?:19|20)\d{2}\s*年?", span)):
                    period = year.group(0) + period  # "那MiniMax上半年呢？": the year asked before
                return swapped[: found[0].start()] + period + swapped[found[-1].end():]
            return swapped
        if prev_ents and not x_ents and _latin(x[:1]) and (named := _uncatalogued_name_en(x, glossary)):
            # "And Boxamar Leasing's?" after "What was Cargolyn's 9M25 leasing revenue?": the same question of a company
            # the catalogue does not hold (asked so, it is refused unless a sentence naming it gives the figure)
            return _replace_entity(prev, prev_ents[0], named, glossary)
        if prev_ents and not x_ents and _latin(x[:1]) and (owned := _POSSESSED_EN.match(x)) \
                and (named := _uncatalogued_name_en(owned.group("name"), glossary)):
            # "And what about Sealorn Marine's order book?", a company the catalogue does not hold
            return _item_of(prev, prev_ents[0], named, owned.group("item"), glossary)
        if _OTHER_ONE.match(x):  # a company, never an item of the question before
            if (item := _other_of_answered(prev_ents, _last_answer(history), glossary)) is not None:
                return item
            other = _other_company(history, prev_ents, glossary) if prev_ents else None
            return _replace_entity(prev, prev_ents[0], other, glossary) if other else q
        if (other_period := _another_period_en(prev, x)) is not None:
            return other_period
        if (other_item := _another_item_en(prev, x, glossary)) is not None:
            return other_item  # "And its gross margin?" after "What was X's revenue in H1 2025?"
        if question_language(prev) == "en" and (
                new_item := _new_item_en(prev, x, prev_ents[0] if prev_ents else last_entity(history, glossary), glossary)):
            return new_item  # "And the total lettable area?" after "How many stores did X have at end-September?"
        dated = [m for m in period_phrase_re().finditer(prev) if _YEAR.match(m.group(0))]
        if _YEAR.match(x) and period_phrase_re().fullmatch(x) and dated:  # same question, another year's period
            return prev[: dated[0].start()] + x + prev[dated[0].end():]
        if x_ents:
            return f"{x} {prev}"
        if prev_ents and not _latin(x[:1]) and not _PRONOUN_ZH.search(x) and _own_period_and_metric(x, glossary):
            # "那第二季度单季的收入呢？" after "犁原农机…九个月收入是多少？": the company's figure of that period
            return f"{prev_ents[0]}{re.sub(r'的$', '', x)}是多少？"
        # (an item with a pronoun or a period of its own, "它2024年的收入增速", is resolved below)
        # (a range of months, "1到11月累计呢？", is a period too: the question before asked for it, below)
        own = _PRONOUN_ZH.search(x) or (period_phrase_re().search(x) and not period_phrase_re().fullmatch(x)) \
            or month_range_re().search(x)
        if (q.rstrip("？? ").endswith("呢") or zh_period) and not own \
                and (other := _another_item(prev, x, glossary, _last_answer(history))):
            return other
    if (periods_asked := _periods_only(q, prev)) is not None:
        return periods_asked
    if (share := _SHARE_OF_IT.match(q)) and (whole := _asked_item(prev, glossary)):
        return _share_of_whole(share.group("x").strip(), whole)  # "第三季度占了其中多大比例？"
    part = _PART_OF.match(q) or _part_cued(q)
    if part and (whole := _asked_item(prev, glossary)):
        before, item, after = whole
        x = part.group("x")  # "其中AIoT业务收入占多少": the part names the metric itself
        return f"{before}{x}{after}" if glossary.metrics_in(x) else f"{before}{x}{item}{after}"
    ent = last_entity(history, glossary)
    if (pointed := _pronoun_item(q, prev, glossary, ent is None)) is not None:
        return pointed
    if ent and not glossary.entities(q):
        if _PRONOUN_ZH.search(q):
            out = _PRONOUN_ZH.sub(ent, q, count=1)
            asked = _ELLIPSIS_ZH.match(out)  # "那它2025年全年的收入呢？" asks the figure: "天数智芯2025年全年的收入是多少？"
            return f"{asked.group('x')}是多少？" if asked and glossary.metrics_in(asked.group("x")) else out
        if subject := re.search(reader_config()["followup"]["generic_subject"], q):
            return q[: subject.start("w")] + ent + q[subject.start("w"):]
        if subject := re.search(reader_config()["followup"]["generic_subject_en"], q, flags=re.IGNORECASE):
            if subject.group("w").lower() in reader_config()["followup"].get("generic_self_en", []):
                return q[: subject.start()] + ent + q[subject.end():]  # "the company" -> "X"
            return q[: subject.start()] + f"{ent}'s " + q[subject.start("w"):]  # "the board" -> "X's board"
        if (change := _CHANGE_OF_IT.search(q)) and (item := _item_en(prev)):
            # "how much did it grow?" after "What was X's net profit in Q3?": the net profit grew, not X
            return q[: change.start(1)] + f"{ent}'s {item}" + q[change.end(1):]
        if (them := _THEM_EN.search(q)) and (counted := _COUNTED_EN.search(prev)):
            # "What share of them were in Guangdong?" after "How many petrol stations did X run…": X's petrol stations
            return q[: them.start()] + f"{ent}'s {counted.group('item').strip()}" + q[them.end():]
        if _POINTER_EN.search(q):
            return _POINTER_EN.sub(lambda mm: ent + ("'s" if mm.group(1) else ""), q, count=1)
        if _PRONOUN_EN.search(q):
            return _PRONOUN_EN.sub(lambda mm: ent + ("'s" if mm.group(1).lower() in ("its", "their") else ""), q, count=1)
        if (bare_en := _bare_figure_ask_en(q, prev, ent, glossary)) is not None:
            return bare_en  # "What was the gross margin?" after "What was X's first-half revenue?": X's, that period's
        if (bare := _bare_figure_ask(q, prev, glossary)) is not None:
            return bare  # "毛利率是多少？" after "衿彦服饰上半年收入多少？": the same company's, the same period's
        if _points_back(q) and (asked_own := _own_item(q)):  # "那最新的年付费用户是多少？": its own item, asked of
            cut = _asked_item(prev, glossary)  # the company (and period, unless the latest is asked) before
            head = ent if detect_intent(asked_own).name == "latest" or not cut else cut[0]
            if cut and head != ent and period_phrase_re().search(asked_own):  # "那第一季度单季收入…" after "…上半年收入":
                year = re.search(r"(?:19|20)\d{2}\s*(?:财)?年", cut[0])  # its own period, the year before's
                head = f"{ent}{year.group(0) if year else ''}"
            return f"{head}{asked_own}"
        if _points_back(q):  # "为什么增长这么慢？", "那这笔钱打算怎么用？": about what was just asked
            cut = _asked_item(prev, glossary)
            if cut:
                return f"{cut[0]}{cut[1]}：{q}"
            # "为什么这一点值得担心？" after "云知声医疗AI客户的留存率怎么样？": the question before, less its question words
            topic = re.sub(reader_config()["followup"]["asks_end"], "", prev, flags=re.IGNORECASE).strip()
            if not topic or question_language(topic) != question_language(q):
                topic = ent  # (a topic in another language than the question's: the company alone; an English one
                # naming the company in Chinese, "Why was one of 溟珂海洋's krill vessels held…", is English)
            return f"{topic}：{q}" if re.search(r"[\u4e00-\u9fff]", q) else f"{topic}: {q}"
        if question_language(q) == "zh" and detect_intent(q).name not in ("definition", "how", "comparison") \
                and re.search(reader_config()["followup"]["figures_asked_zh"], q):
            return f"{ent}{q}"  # "有没有更新一点的销售数据？": the figures of the company of the conversation
        if question_language(q) == "en" and detect_intent(q).name not in ("definition", "how", "comparison") \
                and _continues_topic_en(q, prev, _last_answer(history)):
            return f"{ent}: {q}"  # "What are the pros and cons of this for shareholders?": the company's (not "What does
            # that premium mean here?", a term's meaning, nor "Which grew faster…?", two things compared)
    return q


_ELLIPSIS_THEN_ASK_ZH = re.compile(r"^(?P<x>\s*(?:那么?|还有)?[^？?。]{1,24}?(?:的呢|呢))\s*[？?，,]\s*(?P<ask>[^？?]*(?:多少|几)[^？?]*[？?]?)\s*$")
# ... or an ask of another kind ("和上年比怎么样？", "同比变化如何？"): no figure of its own asked
_ELLIPSIS_THEN_OTHER_ZH = re.compile(r"^(?P<x>\s*(?:那么?|还有)?[^？?。]{1,24}?(?:的呢|呢))\s*[？?，,]\s*(?P<ask>[^？?]{2,24}[？?]?)\s*$")


def _continues_topic_en(question: str, prev: str, answer: str) -> bool:
    """Does an English follow-up naming no company point back at the turn before: a word of [followup]
    points_back_en, or a content word of four letters or more that the question or the answer before wrote?"""
    if re.search(reader_config()["followup"]["points_back_en"], question, re.IGNORECASE):
        return True
    stop = question_stop_words_en()

    def words(text: str) -> set[str]:
        return {w.rstrip("s") for w in re.findall(r"[a-z]{4,}", text.lower()) if w not in stop}

    return bool(words(question) & words(f"{prev} {answer}"))


def _ellipsis_then_ask(question: str, history: list[dict] | None, glossary: Glossary) -> str | None:
    """"那第二季度呢？上网电量和收入各是多少？", "量贩零食店渠道呢？收入和占比分别是多少？": an elliptical follow-up, then its
    own ask: the elliptical part resolved against the question before (its company and period), then asked as the
    second part asks (a period named: the second part's items of that period; a part named: its items of that part).
    None when the follow-up is not so written, or its second part names a company of its own."""
    m = _ELLIPSIS_THEN_ASK_ZH.match(question)
    if not m and (then := _ELLIPSIS_THEN_OTHER_ZH.match(question)) and not glossary.entities(then.group("ask")) \
            and not glossary.entities(then.group("x")):
        # "毛利率呢？和上年比怎么样？": the elliptical part resolved, then its own ask of it as written (not another company
        # then a comparison, "那途昇汽车呢？两家谁更依赖豪华品牌？", read as the comparison it is)
        first = resolve_followup(then.group("x").strip() + "？", history, glossary)
        return None if first.strip() == then.group("x").strip() + "？" else f"{first}{then.group('ask').strip()}"
    if not m or glossary.entities(m.group("ask")):
        return None
    first = resolve_followup(m.group("x").strip() + "？", history, glossary)
    cut = _asked_item(first, glossary)
    if first.strip() == m.group("x").strip() + "？" or cut is None:
        return None
    x = _LEAD_ZH.sub("", m.group("x")).strip()
    x = re.sub(r"(?:的呢|呢)$", "", x)
    before = cut[0]
    part = "" if period_phrase_re().fullmatch(x) or x in before else x  # (a period: the resolved question has it)
    return f"{before}{part}{m.group('ask').strip()}"


def _year_before_named(question: str, prev: str) -> str:
    """"上一个财年是多少？" after "…2025财年来自美国的收入是多少？": the year before the one asked before, written as the
    documents write it ("2024财年"; config/reader.toml [followup] year_before_words); the question as it is otherwise."""
    years = _YEAR.findall(prev)
    if not years or not re.search(r"[\u4e00-\u9fff]", question):
        return question
    for word, written in sorted(reader_config()["followup"]["year_before_words"].items(), key=lambda kv: -len(kv[0])):
        at = question.find(word)
        if at >= 0 and not re.search(r"(?:和|与|跟|同|较|比|相比|对比)\s*$", question[:at]):
            # (not "和上一财年比怎么样": the year asked compared with the one before it)
            return question.replace(word, written.format(y=int(years[-1]) - 1))
    return question


def _item_of(prev: str, prev_ent: str, name: str, item: str, glossary: Glossary) -> str:
    """A follow-up's "<name>'s <item>": the question before asked of that company when it asked that item, else the
    item asked of it on its own ("What is Sealorn Marine's order book?")."""
    item = item.strip(" ?？")
    return _replace_entity(prev, prev_ent, name, glossary) if item.lower() in prev.lower() else f"What is {name}'s {item}?"


def _uncatalogued_name_en(x: str, glossary: Glossary) -> str:
    """The English name a follow-up's "And X's?" gives when X is all a name the catalogue does not hold ("Boxamar
    Leasing's" -> Boxamar Leasing); "" for a period, an item or anything else."""
    from chatbot.subjects import uncatalogued_names

    bare = re.sub(r"^(?:for|of|at)\s+", "", re.sub(r"['’]s$", "", x.strip(" ?？")), flags=re.IGNORECASE)
    names = uncatalogued_names(bare, glossary)
    return names[0] if len(names) == 1 and names[0] == bare else ""


def uncarried_company(standalone: str, history: list[dict] | None, glossary: Glossary) -> str:
    """The word of a standalone follow-up that still stands for a company ("its", "该公司") when the
    conversation names none the documents are known to hold (config/reader.toml [followup]
    company_pronouns); "" when there is none, or no history, or the question names a company."""
    if not user_turns(history) or glossary.entities(standalone):
        return ""
    for c in reader_config()["followup"]["company_pronouns"]:
        if m := re.search(c, standalone, re.IGNORECASE):
            return m.group(0)
    return ""


# "that" standing for the figure asked before ("How much wider was that than in 2023?"): a
# pronoun, not a determiner, when what follows it is no noun
_THAT_EN = re.compile(r"(?<!than )\b(?:that|this)\b(?=\s+(?:than|in|of|for|compared|versus|vs|from|to)\b|\s*[,?.!]|\s*$)", re.IGNORECASE)
_ASKS_EN = re.compile(r"^\s*(?:what|how much|how many)\s+(?:was|were|is|are|did|does)\s+(?:the\s+)?(?P<x>.+?)\s*\??\s*$", re.IGNORECASE)


def _pronoun_item(question: str, prev: str, glossary: Glossary, no_company: bool) -> str | None:
    """A pronoun that stands for the figure asked before, not a company: "它占凌跃上半年总收入的
    比例是多少？" after "凌跃体育的户外品牌岚峰上半年收入多少？" (the question names the company
    itself: 它 is the item, "户外品牌岚峰收入"); "黛研比它高多少？" after "澜肌生物上半年销售费用率是
    多少？" (another company: 它 is 澜肌生物's figure); "How much wider was that than in 2023?"
    after "What was Unisound's net loss in 2024?". (`no_company`: the conversation names no
    company the documents are known to hold: 它 can only be the item.) None when the question
    has no such pronoun."""
    named = glossary.entities(question)
    zh = _PRONOUN_ZH.search(question)
    if zh and (named or no_company) and re.search(r"[\u4e00-\u9fff]", prev):
        ask = _ASKS_ZH.search(prev)
        if not ask:
            return None
        item = prev[: ask.start()].strip()
        prev_named = glossary.entities(item)
        if prev_named and set(prev_named) <= set(named):  # the company is the question's own: the item alone
            item = period_phrase_re().sub("", _drop_names(item, prev_named, glossary)).lstrip("的 ")
        if not item:
            return None
        return question[: zh.start()] + item + question[zh.end():]
    that = _THAT_EN.search(question)
    if that and not named and not _PRONOUN_EN.search(question):
        asked = _ASKS_EN.match(prev)
        if asked:
            return question[: that.start()] + asked.group("x") + question[that.end():]
    return None


def _own_item_beside(x: str, names: list[str], glossary: Glossary) -> bool:
    """Does a follow-up's "那X呢" name, beside its company, an item of its own ("同一天上市的天数智芯首日表现":
    首日表现), not only the company and a period ("MiniMax同一年")? Chinese words left once the names,
    periods and config/reader.toml [followup] period_fillers are taken out ("三季度的毛利率": 毛利率), two at least."""
    rest = period_phrase_re().sub(" ", _drop_names(x, names, glossary))
    for filler in [*reader_config()["followup"]["period_fillers"], r"同一?(?:年|季度?|期|月)"]:
        rest = re.sub(filler, " ", rest)
    return len(re.findall(r"[\u4e00-\u9fff]", rest)) >= 2


def _part_cued(question: str) -> re.Match | None:
    """"太二贡献了多少？" after "九毛九上半年收入多少？": a part of the figure asked before, named with one of
    config/reader.toml [followup] part_cues (group "x": the part)."""
    cues = "|".join(reader_config()["followup"]["part_cues"])
    return re.match(rf"^\s*(?:那么?)?\s*(?P<x>[^，,。？?\s]{{1,12}}?)\s*(?:{cues})\s*(?:多少|几)", question)


_SHARE_OF_IT = re.compile(r"^\s*(?:那么?)?\s*(?P<x>[^，,。？?\s]{1,16}?)\s*(?:占了?|占到了?)\s*(?:其中|这个数|这部分|总数|总额|它|其)\s*"
                          r"(?:的)?\s*(?:多大|多少|几成|百分之多少)\s*(?:的)?\s*(?:比例|比重|份额)?")


def _share_of_whole(x: str, whole: tuple[str, str, str]) -> str:
    """"第三季度占了其中多大比例？" after "栩发美业前9个月收入多少？": the share of the part named (a period of the
    whole's, or a part of its item) in the figure asked before ("栩发美业第三季度收入占栩发美业前9个月收入的比例是多少？")."""
    before, item, _ = whole
    periods_at = list(period_phrase_re().finditer(before))
    if period_phrase_re().fullmatch(x) and periods_at:  # another period of the same company's item
        last = periods_at[-1]
        part = before[: last.start()] + x + before[last.end():] + item
    else:  # a part of the item ("海外占了其中多少？"): that part's item, the same period
        part = f"{before}{x}{item}"
    return f"{part}占{before}{item}的比例是多少？"


def _drop_names(text: str, canons: list[str], glossary: Glossary) -> str:
    """The text without any alias of the companies (and the "的" after one)."""
    aliases = sorted((a for a, c in glossary.aliases.items() if c in canons), key=len, reverse=True)
    for a in aliases:
        text = re.sub(re.escape(a) + "的?", "", text, flags=re.IGNORECASE)
    return text


_PREPOSITION_EN = re.compile(r"^(?:in|for|during|over|of|at|as of|as at)\s+", re.IGNORECASE)


def _another_period_en(prev: str, x: str) -> str | None:
    """"And in September?" after "What was X's throughput in October 2025?": the same question
    for the period named, in place of the last period of the question before (whose year it
    keeps when the period named has none): "…throughput in September 2025?"."""
    period = _ALONE_EN.sub("", _PREPOSITION_EN.sub("", x).strip()).strip()  # ("the third quarter on its own": that quarter)
    whole = _WHOLE_YEAR_EN.match(period)  # "And for the whole of 2024?": that year, not its first nine months
    period = period[whole.end():].strip() if whole else period
    if not period_phrase_en_re().fullmatch(period) or (whole and not _YEAR.fullmatch(period)):
        return None
    found = list(period_phrase_en_re().finditer(prev))
    if not found:
        return None
    last = found[-1]
    year = None if whole else _YEAR.search(last.group(0))  # (the whole year: in place of the period, as written)
    if year and _YEAR.fullmatch(period):  # "And in 2024?": the same period of that year
        period = last.group(0)[: year.start()] + period + last.group(0)[year.end():]
    elif year and not _YEAR.search(period) and year.group(0) != last.group(0):
        period = f"{period} {year.group(0)}"
    return prev[: last.start()] + period + prev[last.end():]


_ALONE_EN = re.compile(r"\s+(?:on\s+(?:its|their)\s+own|alone|by\s+itself|standalone|on\s+a\s+standalone\s+basis|as\s+a\s+whole|"
                       r"in\s+total|overall)\s*[?？.]?\s*$",
                       re.IGNORECASE)
_WHOLE_YEAR_EN = re.compile(r"^(?:the\s+)?(?:whole|entire|full)(?:\s+(?:fiscal\s+)?year)?(?:\s+of)?\s+", re.IGNORECASE)
_THE_ITEM_EN = re.compile(r"^(?:(?:the|its|their)\s+)?(?P<item>[a-z][a-z\- ]{2,40})$")
_CLAUSE_WORD_EN = re.compile(r"\b(?:how|what|why|when|which|who|whom|did|does|do|is|was|were|are|has|have|had|will|would|"
                             r"can|could|should|may|might)\b")
_POINT_EN = re.compile(r"\b(?:at|as of|as at|by)\s+(?:the\s+)?(?:end[- ]\w+|\w+[- ]end)\b|\b(?:in|for|during)\s+(?:the\s+)?[^?,.]{2,40}$",
                       re.IGNORECASE)


def _words_of_items(item: str, glossary: Glossary) -> bool:
    """Is `item` lower-case English words each of which the dictionary or the term list translates ("exports",
    "total lettable area"): a thing asked, no name?"""
    words = [w for w in re.split(r"[\s\-]+", item) if w]
    if _CLAUSE_WORD_EN.search(item):
        return False  # "how fast did its backlog grow": a question of its own, no item
    return bool(words) and item == item.lower() and all(
        w in glossary.terms or glossary.translate(w) or w in question_stop_words_en() for w in words) \
        and detect_intent(item).name == "lookup"


def _new_item_en(prev: str, x: str, company: str | None, glossary: Glossary) -> str | None:
    """"And the total lettable area?" after "How many stores did Cubora have at end-September?": that item of the
    company asked before, at the point or in the period it asked ("What was Cubora's total lettable area at
    end-September?"). None unless `x` is "the …" in lower-case words (no name) asking a look-up."""
    m = _THE_ITEM_EN.match(x.strip())
    if not m or not company or glossary.entities(m.group("item")) or period_phrase_en_re().search(m.group("item")) \
            or not _words_of_items(m.group("item"), glossary):
        return None
    point = _POINT_EN.search(prev.rstrip("?？ "))
    return f"What was {company}'s {m.group('item')}{' ' + point.group(0) if point else ''}?"


_ITS_EN = re.compile(r"^(?:its|their|the company's|the company’s)\s+(?P<item>[a-z][a-z\- ]*)$", re.IGNORECASE)


def _another_item_en(prev: str, x: str, glossary: Glossary) -> str | None:
    """"And its gross margin?" after "What was Kanghong Medical's revenue in the first half of 2025?":
    the question before for that item, of the company and period it names as it writes them ("What
    was Kanghong Medical's gross margin in the first half of 2025?"), whether or not a document is known
    to name the company (the name is resolved, or refused, as any question's is). None unless `x` is an
    item of the company ("its …", or a metric or term of the glossary) and `prev` asks one after a
    possessive."""
    its = _ITS_EN.match(x.strip())
    item = its.group("item").strip() if its else re.sub(r"^the\s+", "", x.strip(), flags=re.IGNORECASE)
    if not re.fullmatch(r"[A-Za-z][A-Za-z\- ]*", item) or glossary.entities(item) or period_phrase_en_re().search(item):
        return None
    if not its and not glossary.metrics_in(item) and item.lower() not in glossary.terms and not _words_of_items(item, glossary):
        return None  # "And Zhipu?": a name, not an item
    asked = _ITEM_EN.search(prev)
    if not asked or not asked.group("item").strip():
        return None
    return prev[: asked.start("item")] + item + prev[asked.start("item") + len(asked.group("item").rstrip()):]


_STEPS = {"quarter": ("Q1", "Q2", "Q3", "Q4"), "half": ("H1", "H2"), "month": tuple(f"M{m:02d}" for m in range(1, 13))}


def _period_before_en(prev: str, x: str) -> str | None:
    """"And in the quarter before that?" after "…in the quarter to September 2025?": the question
    before for the period one quarter (half, year, month) before its last one ("…in 2025年第二季度?");
    config/reader.toml [followup] previous_period_en. None when that period cannot be told."""
    m = re.fullmatch(reader_config()["followup"]["previous_period_en"], _PREPOSITION_EN.sub("", x).strip(), re.IGNORECASE)
    if not m:
        return None
    unit = next(u for u in m.groups() if u).lower()
    text = english_period_forms(prev)
    found = [(f, per) for rx in (period_phrase_en_re(), period_phrase_re()) for f in rx.finditer(text)
             if len(per := periods(f.group(0))) == 1 and next(iter(per))[0]]
    if not found:
        return None
    last, per = max(found, key=lambda fp: (fp[0].end(), len(fp[0].group(0))))
    year, q = next(iter(per))
    y = int(year or 0)  # (every period found has its year)
    if unit == "year":
        q2 = q
        y -= 1
    elif q in _STEPS.get(unit, ()):
        steps = _STEPS[unit]
        i = steps.index(q)
        q2, y = (steps[i - 1], y) if i else (steps[-1], y - 1)
    else:
        return None  # "the quarter before" a half-year: no one period
    written = f"{y}年{period_word(q2)}"
    return text[: last.start()] + written + text[last.end():]


def _periods_only(question: str, prev: str) -> str | None:
    """"今年头两个季度分别是多少？" after "栖云酒店第三季度RevPAR多少？": a follow-up that names only
    periods asks the question before for them ("栖云酒店第一季度和第二季度RevPAR分别多少？"), in place
    of its last period (config/reader.toml [followup] period_fillers; its spans, "头两个季度", are written out as the
    follow-up is read: period_spans in resolve_followup)."""
    cfg = reader_config()["followup"]
    q = question
    found = list(_period_or_point().finditer(q))
    before = list(_period_or_point().finditer(prev))
    if not before:  # "动岭健身现在有多少付费会员？": the question before asks the latest, written with a word for now
        before = list(re.finditer("|".join(cfg["now_words"]), prev))
    if not found or not before or not re.search(r"[\u4e00-\u9fff]", q):
        return None
    rest = _period_or_point().sub(" ", q)
    for filler in cfg["period_fillers"]:
        rest = re.sub(filler, "", rest)
    if rest.strip():
        return None  # names something besides periods: an item, a company
    last = before[-1]
    out = prev[: last.start()] + q[found[0].start(): found[-1].end()] + prev[last.end():]
    ask = _ASKS_ZH.search(out, last.start())
    if "分别" in q and "分别" not in out and ask:  # each period's figure
        out = out[: ask.start()] + "分别" + out[ask.start():]
    return out


@lru_cache(maxsize=1)
def _period_or_point() -> re.Pattern:
    """A reporting period ("第三季度", "2024年"), or a point in time ("6月底", "2024年末") as a follow-up
    names one (config/evidence.toml [period_phrases] month_end)."""
    # (a range of months first: "1到11月累计呢？" names 1到11月, not its 11月)
    return re.compile(rf"{month_range_re().pattern}|(?:19|20)\d{{2}}\s*年\s*(?:末|底)|{month_end_re().pattern}|"
                      rf"{period_phrase_re().pattern}", re.IGNORECASE)


def _item_en(question: str) -> str:
    """The item an English question asks after a possessive ("X's net profit in Q3" -> "net profit")."""
    m = _ITEM_EN.search(question)
    return m.group("item").strip() if m and m.group("item").strip() else ""


def _own_item(question: str) -> str:
    """A Chinese figure question that only opens with "那" and names its own item ("那最新的年付费用户是多少？"
    -> "最新的年付费用户是多少？"); "" when it points back at the figure asked before ("这么", "这笔": the
    anaphora of config/reader.toml [followup] other than the opening "那") or asks no figure."""
    ask = _ASKS_ZH.search(question)
    if not ask or not re.search(r"[\u4e00-\u9fff]", question):
        return ""
    rest = re.sub(reader_config()["followup"]["own_item_openers"], "", question)
    if rest == question or any(re.search(c, rest, re.IGNORECASE) for c in reader_config()["followup"]["anaphora"]):
        return ""
    item = re.sub(r"[的\s]", "", rest[: ask.start() - (len(question) - len(rest))])
    return rest if len(re.findall(r"[\u4e00-\u9fff]", item)) >= 2 else ""


def _compared_with(question: str, prev: str, glossary: Glossary) -> str | None:
    """A comparison with another company that leaves out what is compared ("和MiniMax比有什么
    不同？" after "智谱的商业模式是什么？"): the last question's subject, then the question
    ("智谱的商业模式和MiniMax比有什么不同？"); None when it is no such follow-up
    (config/reader.toml [followup] compare_with)."""
    cfg = reader_config()["followup"]
    m = next(filter(None, (re.search(c, question, re.IGNORECASE) for c in cfg["compare_with"])), None)
    if not m:
        return None
    other = set(glossary.entities(m.group("x")))
    before = [e for e in glossary.entities(prev) if e not in other]
    if not other or not before or set(glossary.entities(question)) - other:
        return None  # no other company, nothing asked before, or the question names its own subject
    return _after_subject(question, prev, m)


def _after_subject(question: str, prev: str, m: re.Match) -> str | None:
    """The question before less its question words ([followup] asks_end), then this comparison ("远骋客车11月客车销量" +
    "比10月多卖了多少辆？"; "Zhipu's revenue" + " compared with MiniMax"); None when nothing is left of it."""
    subject = re.sub(reader_config()["followup"]["asks_end"], "", prev, flags=re.IGNORECASE).strip()
    if not subject:
        return None
    q = question.strip()
    return f"{subject}{q}" if re.search(r"[\u4e00-\u9fff]", question[: m.end()]) else f"{subject} {q[:1].lower()}{q[1:]}"


def _compared_with_period(question: str, prev: str, glossary: Glossary) -> str | None:
    """A comparison with another period that leaves out what is compared ("比10月多卖了多少辆？" after
    "远骋客车11月客车销量是多少？"): the last question's subject, then the question ("远骋客车11月客车销量比10月多卖了多少辆？");
    None when it is no such follow-up (config/reader.toml [followup] compare_period)."""
    cfg = reader_config()["followup"]
    m = next(filter(None, (re.search(c, question, re.IGNORECASE) for c in cfg["compare_period"])), None)
    if not m or glossary.entities(question) or not glossary.entities(prev) \
            or not period_phrase_re().search(english_period_forms(m.group("x"))):
        return None
    return _after_subject(question, prev, m)


def _latest_of_before(question: str, prev: str) -> str | None:
    """A follow-up asking only for the latest figure ("那最新的数据呢？", "And the latest
    figure?"): the question before, for its latest figure instead of its period (words that
    name no item: config/reader.toml [followup] generic_items)."""
    if detect_intent(question).name != "latest":
        return None
    rest, cue = question, ""
    for c in reader_config()["intent"]["cues"]["latest"]:
        m = re.search(c, rest, re.IGNORECASE)
        if m:
            cue = cue or m.group(0)
            rest = re.sub(c, " ", rest, flags=re.IGNORECASE)
    kind = ""  # "最新一个季度呢？", "the most recent quarter": the kind of period, no item
    for k in reader_config()["recency"]["period_kinds"].values():
        m = re.search(rf"(?:一个|一|个)?(?:{k['cue']})", rest, re.IGNORECASE)
        if m:
            kind = kind or m.group(0).strip()
            rest = rest.replace(m.group(0), " ")
    rest = re.sub(reader_config()["followup"]["generic_items"], " ", rest, flags=re.IGNORECASE)
    if re.search(r"[\u4e00-\u9fffA-Za-z0-9]", rest):
        return None  # an item of its own ("那最新的年付费用户是多少？")
    # (an English period written short, "1H25", is read in the form the period pattern knows: "H1 2025")
    bare = period_phrase_en_re().sub(" ", period_phrase_re().sub("", english_period_forms(prev) if re.search(
        r"[A-Za-z]", prev) else prev))
    bare = " ".join(re.sub(r"\b(?:in|for|during|of|over)\s*(?=[?？.]|$)", "", bare, flags=re.IGNORECASE).split())
    bare = re.sub(r"\s+(?=[?？.])", "", bare)
    return " ".join(w for w in (cue.strip(), kind, bare) if w)


def _points_back(question: str) -> bool:
    """A question that names nothing and points back at the conversation ("这么", "这笔",
    "than that", a leading "那" or "And"): config/reader.toml [followup] anaphora."""
    return any(re.search(c, question, re.IGNORECASE) for c in reader_config()["followup"]["anaphora"])


def _other_company(history: list[dict] | None, asked: list[str], glossary: Glossary) -> str | None:
    """The company the conversation last named beside those asked about ("那另一家呢？"
    after an answer on 金沙中国 that also names 美高梅中国); else the one other company of the
    articles about the company asked (the catalogue's subjects of a document on two companies:
    "滨海铝业上半年净利润多少？" -> 邛岭铝业)."""
    for m in reversed(history or []):
        others = [e for e in glossary.entities(_content(m)) if e not in asked and e in glossary.companies]
        if others:
            return others[0]
    beside = {e for subjects in glossary.doc_subjects.values() if set(asked) & subjects
              for e in subjects if e not in asked and e in glossary.companies}
    return next(iter(beside)) if len(beside) == 1 else None


def _period_in_chinese(x: str, prev: str) -> str | None:
    """An English period alone ("the first half", "in Q2 2025") asked after a Chinese question: the period as
    Chinese writes it ("上半年", "2025年第二季度"), so that it takes the place of the question's; None otherwise."""
    period = _PREPOSITION_EN.sub("", x).strip()
    # (an English question naming a company in Chinese, "What were 泊联停车's orders in October?", is no Chinese one)
    if question_language(prev) != "zh" or not period.isascii() or not period_phrase_en_re().fullmatch(period):
        return None
    found = periods(period) | {(None, q) for q in qualifiers(period) if q}
    named = {(y, q) for y, q in found if q} or found
    if len(named) != 1:
        return None
    year, q = next(iter(named))
    written = f"{year}年{period_word(q)}" if year and q else (f"{year}年" if year else period_word(q))
    return written or None


def _other_of_answered(asked: list[str], answer: str, glossary: Glossary) -> str | None:
    """"那另一家呢？" after a question on two companies ("岱峰建材和鼎岩水泥上半年谁更赚钱？") answered for
    one ("岱峰建材上半年股东应占溢利2.35亿元…"): the answer's item up to its first figure, asked of the other
    company ("鼎岩水泥上半年股东应占溢利是多少？"); None unless the answer opens with one of the companies asked."""
    covered = [e for e in dict.fromkeys(glossary.entities(answer)) if e in glossary.companies]
    others = [e for e in dict.fromkeys(asked) if e in glossary.companies and e not in covered]
    if len(covered) != 1 or covered[0] not in asked or not others:
        return None
    first = FIGURE_RE.search(answer)
    head = answer[: first.start()] if first else ""
    if not head or re.search(r"[。！？!?；;\n]", head) or not re.search(r"[\u4e00-\u9fff]", head) \
            or covered[0] not in glossary.entities(head[:12]):
        return None
    return _replace_entity(head.rstrip("为是：:，, "), covered[0], others[0], glossary) + "是多少？"


def _asked_item(question: str, glossary: Glossary) -> tuple[str, str, str] | None:
    """A Chinese figure question cut around the item it asks ("众安在线上半年净利润多少？" ->
    ("众安在线上半年", "净利润", "多少？")): the words after its last company name or
    period and before its question word; None when it has no such item."""
    ask = _ASKS_ZH.search(question)
    if not ask or not re.search(r"[\u4e00-\u9fff]", question):
        return None
    head = question[: ask.start()]
    low = head.lower()
    ends = [m.end() for m in period_phrase_re().finditer(head)]
    for alias, canon in glossary.aliases.items():
        i = low.rfind(alias)
        if i >= 0 and canon in glossary.entities(question):
            ends.append(i + len(alias))
    start = max(ends, default=0)
    item = head[start:].strip()
    item_start = start + (len(head[start:]) - len(head[start:].lstrip()))
    if item.startswith("的"):
        item, item_start = item[1:], item_start + 1
    if not item or not start:
        return None
    return question[:item_start], item, question[ask.start():]


def _own_period_and_metric(x: str, glossary: Glossary) -> bool:
    """Does an elliptical follow-up's phrase name a period of its own and a metric ("第二季度单季的收入")?"""
    return bool(period_phrase_re().search(x)) and bool(glossary.metrics_in(x))


_BARE_ASK_EN = re.compile(r"^\s*(?:and\s+|so\s+)?(?P<ask>what|how much)\s+(?P<verb>was|is|were|are)\s+the\s+(?P<item>[^?]+?)\s*\??\s*$",
                          re.IGNORECASE)


def _bare_figure_ask_en(question: str, prev: str, company: str, glossary: Glossary) -> str | None:
    """An English figure question naming a metric and no company ("What was the gross margin?"): the company of the
    question before, with that question's period unless this one names its own ("What was X's gross margin in the
    first half of 2025?"); None otherwise."""
    m = _BARE_ASK_EN.match(question)
    if m is None or not glossary.metrics_in(m.group("item")):
        return None
    item = m.group("item")
    if not period_phrase_en_re().search(item) and (said := list(period_phrase_en_re().finditer(prev))):
        item = f"{item} {'in ' if not said[-1].group(0).lower().startswith(('in ', 'for ')) else ''}{said[-1].group(0)}"
    ask = m.group('ask')
    return f"{ask[0].upper()}{ask[1:]} {m.group('verb')} {company}'s {item}?"


def _bare_figure_ask(question: str, prev: str, glossary: Glossary) -> str | None:
    """A Chinese figure question naming a metric and, before it, nothing but a period ("毛利率是多少？",
    "那上半年的毛利率是多少？"): the company of the question before, with that question's period unless this one names
    its own ("衿彦服饰上半年毛利率是多少？"); None otherwise."""
    ask = _ASKS_AMOUNT_ZH.search(question)
    if ask is None or not re.search(r"[\u4e00-\u9fff]", question):
        return None
    head = _LEAD_ZH.sub("", question[: ask.start()])
    at = [head.lower().find(f.lower()) for m in glossary.metrics_in(head) for f in [m, *glossary.metrics[m]]
          if f and f.lower() in head.lower()]
    names = glossary.entities(prev)
    if not at or not names:
        return None
    before = head[: min(at)].strip().removesuffix("的")
    if before and not period_phrase_re().fullmatch(before):
        return None  # a subject of the question's own ("门店数量…", "海外收入")
    body = _LEAD_ZH.sub("", question)
    cut = _asked_item(prev, glossary)
    return f"{names[0]}{body}" if before or cut is None else f"{cut[0]}{body}"


def _last_answer(history: list[dict] | None) -> str:
    return next((_content(m) for m in reversed(history or []) if m.get("role") == "assistant"), "")


def _another_item(prev: str, x: str, glossary: Glossary, answer: str = "") -> str | None:
    """"那第二季度呢？" after "中通快递第三季度包裹量多少？": the same question for another
    period; "经调整净利润呢？" after "中通快递第三季度收入多少？": for another item."""
    if detect_intent(x).name == "latest":  # "最新的数据呢？" is no item: the latest composer reads the history's topic
        return None
    if period_phrase_re().fullmatch(x):
        found = list(period_phrase_re().finditer(prev))
        if found:
            last = found[-1]
            # "那全年的呢？" after "MiniMax前三季度收入多少？" answered for "2025年前三季度": that year's
            year = re.search(rf"((?:19|20)\d{{2}})\s*年\s*{re.escape(last.group(0).strip())}", answer)
            if year and not _YEAR.search(last.group(0)) and not _YEAR.search(x):
                x = f"{year.group(1)}年{x}"
            return prev[: last.start()] + x + prev[last.end():]
        return None
    cut = _asked_item(prev, glossary)
    if cut is None:
        return None
    before, item, after = cut
    if x in reader_config()["followup"]["share_words"]:
        return f"{before}{item}{x}{after}"  # "占比呢？" after "…电商渠道收入是多少？": that item's share
    # "那户外品牌呢？" after "…主品牌收入多少？": the brand's 收入
    kept = "" if glossary.metrics_in(x) else _metric_kept(item, glossary)
    kept = kept if kept and _narrows_alike(x, item, kept) else ""
    if not kept and not glossary.metrics_in(x) and (swapped := _swap_alike(before, x, glossary)):
        return f"{swapped}{item}{after}"  # "中端产品呢？" after "X高端产品前三季度收入多少？": 中端产品's 收入
    return f"{before}{x}{kept}{after}"


def _swap_alike(before: str, x: str, glossary: Glossary) -> str:
    """`before` (the company, segment and period of the question before) with the segment that
    ends as `x` ends replaced by `x` ("陇窖酒业高端产品前三季度" + "中端产品" -> "陇窖酒业中端产品前三季度"):
    the same kind of thing, another one. "" when no word of `before` ends so, or the swap would
    touch a company's name."""
    if not re.fullmatch(r"[\u4e00-\u9fff]{3,8}", x):
        return ""
    for k in range(len(x) - 1, 1, -1):  # the longest common end, two characters at least
        head, tail = x[:-k], x[-k:]
        for m in re.finditer(rf"([\u4e00-\u9fff]{{{len(head)}}}){re.escape(tail)}", before):
            if m.group(1) == head:
                continue
            swapped = before[: m.start()] + x + before[m.end():]
            if glossary.entities(swapped) == glossary.entities(before):
                return swapped
    return ""


def _metric_kept(item: str, glossary: Glossary) -> str:
    """The metric an item ends with, when words before it narrow it ("主品牌收入" -> "收入"): an item
    named in its place that names no metric narrows the same metric. "" otherwise (the item is a
    metric alone, "收入", or names none: the item named replaces it)."""
    low = item.lower()
    forms = sorted({f.lower() for m in glossary.metrics_in(item) for f in [m, *glossary.metrics[m]]}, key=len, reverse=True)
    form = next((f for f in forms if f and low.endswith(f) and len(low) > len(f)), "")
    return item[len(item) - len(form):] if form else ""


def _narrows_alike(x: str, item: str, kept: str) -> bool:
    """Is `x` the same kind of word as what narrows the item's metric ("户外品牌" for "主品牌", "线下" for
    "线上": a character in common), not another figure ("码头吞吐量" for "归母")?"""
    narrowing = item[: len(item) - len(kept)]
    return bool(set(re.findall(r"[\u4e00-\u9fff]", x)) & set(narrowing))


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _name_and_period(x: str) -> tuple[str, str]:
    """A follow-up's company and the period written right after it ("智谱2026年第一季度" -> ("智谱",
    "2026年第一季度")); the period "" when none follows."""
    m = re.search(rf"(?:{period_phrase_re().pattern})+\s*的?$", x)
    if not m or not m.start() or not m.group(0).strip():
        return x, ""
    return x[: m.start()].rstrip(), m.group(0).strip().removesuffix("的")


def _replace_entity(prev: str, old_canon: str, new: str, glossary: Glossary) -> str:
    """Replace every alias of `old_canon` in `prev` with `new`."""
    aliases = sorted(glossary.aliases_of(old_canon), key=len, reverse=True)
    out = prev
    for a in aliases:  # a Latin name before a Latin word keeps a space ("MiniMax IPO估值", not "MiniMaxIPO")
        out = re.sub(re.escape(a), lambda m: new + (" " if _latin(new[-1:]) and _latin(m.string[m.end():m.end() + 1]) else ""),
                     out, flags=re.IGNORECASE)
    return out


CONDENSE_PROMPT = (
    "Rewrite the user's last question as a standalone question that can be understood "
    "without the conversation: resolve pronouns and ellipsis (e.g. '那MiniMax呢？' after a "
    "question about 智谱's IPO valuation means 'MiniMax的IPO估值是多少？'). Keep the "
    "question's language. Reply with the question only."
)


def condense_with_llm(question: str, history: list[dict], chat_model) -> str:
    from langchain_core.messages import AIMessage, HumanMessage, SystemMessage

    msgs: list[Any] = [SystemMessage(CONDENSE_PROMPT)]
    for m in history[-6:]:
        cls = HumanMessage if m.get("role") == "user" else AIMessage
        msgs.append(cls(_content(m)[:1500]))
    msgs.append(HumanMessage(f"Last question: {question}\nStandalone question:"))
    out = chat_model.invoke(msgs).content
    out = (out if isinstance(out, str) else str(out)).strip().splitlines()[0] if out else ""
    return out.strip() or question
