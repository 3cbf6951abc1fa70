"""A company named in a question by the head of its catalogued name ("恪安保安" for 恪安保安服务, whose article never
writes it so): the question with the whole name, so that the company rules apply.

A run of the question is read as a company's name when it opens one of that company's Chinese forms and no other
company's, is itself no word of the dictionary (a coined head, "恪安保安"; not "中信" of 中信证券), and the rest of
the form is made of dictionary words ("服务", "保安服务": the trade, which people leave out)."""

from __future__ import annotations

import re

from chatbot.glossary import Glossary
from chatbot.names import dictionary_word

_CJK_FORM = re.compile(r"[\u4e00-\u9fff]{3,}")


def complete(question: str, glossary: Glossary) -> str:
    """The question with each company head it writes followed by the rest of that company's name."""
    if not re.search(r"[\u4e00-\u9fff]{2}", question):
        return question
    heads = glossary.company_heads  # head -> the rest of its one company's name ("" for several companies')
    longest = max(map(len, heads), default=0)
    out, i = [], 0
    while i < len(question):
        hit = next(((h, rest) for n in range(min(len(question) - i, longest), 1, -1)
                    if (h := question[i:i + n]) in heads and (rest := heads[h])
                    and not _name_goes_on(question[i + n:], glossary)),
                   None)
        if hit and (written := _written_part(question[i + len(hit[0]):], hit[1])):
            out.append(hit[0] + written)  # (the name goes on as its form does, "崟塔起重" of 崟塔起重机械: as written)
            i += len(hit[0]) + len(written)
        elif hit:
            out.append(hit[0] + hit[1])
            i += len(hit[0])
        else:
            out.append(question[i])
            i += 1
    return "".join(out)


def _written_part(after: str, rest: str) -> str:
    """The opening of the rest of a name the question writes right after its head ("重" of 重机械 in "崟塔起重2025财年…")."""
    n = 0
    while n < min(len(after), len(rest)) and after[n] == rest[n]:
        n += 1
    return rest[:n]


def _name_goes_on(after: str, glossary: Glossary) -> bool:
    """Do nouns follow the head that end a name ("嘉岳重工", "嘉岳智能科技": a company no document holds, not 嘉岳电梯)?
    A metric ("恪安保安收入多少"), no noun ("恪安保安截至…", "恪安的…"), or nouns that end no name (a product or a
    place of the company: "喵垠豆腐猫砂", "钜铆匈牙利工厂") leave the head a name of its own (config/catalogue.toml
    [names] company_suffixes, trade_words, business_words, org_suffixes)."""
    from chatbot.names import _posseg, load_rules

    rules = load_rules()
    ends = {*rules.company_suffixes, *rules.trade_words, *rules.business_words, *rules.org_suffixes}
    for word, flag in [(w, f) for w, f in _posseg(after[:8]) if w.strip()][:3]:
        if not re.fullmatch(r"[\u4e00-\u9fff]+", word) or not (flag.startswith("n") or flag == "vn") \
                or glossary.metrics_in(word):
            return False
        if word in ends:
            return True
    return False


def heads_of(aliases: list[tuple[str, str]]) -> dict[str, str]:
    """The heads of the companies' Chinese forms (`aliases`: (form, canonical) pairs), each -> the rest of its form."""
    known = {a for a, _ in aliases}
    found: dict[str, tuple[str, str]] = {}  # head -> (canonical, rest)
    clash: set[str] = set()
    for form, canon in aliases:
        if not _CJK_FORM.fullmatch(form):
            continue
        for n in range(len(form) - 1, 1, -1):
            head, rest = form[:n], form[n:]
            if head in known or dictionary_word(head) or not _dictionary_words(rest):
                continue
            if head in found and found[head][0] != canon:
                clash.add(head)
            found.setdefault(head, (canon, rest))
    return {h: ("" if h in clash else rest) for h, (_, rest) in found.items()}


def _dictionary_words(text: str) -> bool:
    """Is the text made of words of the dictionary ("服务", "保安服务")?"""
    from chatbot.text import _jieba

    words = _jieba().lcut(text, HMM=False)
    return bool(words) and all(len(w) > 1 and dictionary_word(w) for w in words)
