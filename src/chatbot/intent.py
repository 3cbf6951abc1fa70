"""What a reader asks of a report: the question's intent (look-up, summary, conclusion,
why, how, pros and cons, definition, comparison, derived figure, latest, advice),
recognised in Chinese and English from the cue words in `config/reader.toml`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from chatbot.config import PROJECT_ROOT
from chatbot.tomlfile import read_toml

READER_TOML = PROJECT_ROOT / "config" / "reader.toml"
INTENTS = ("lookup", "summary", "conclusion", "why", "how", "pros_cons", "definition",
           "comparison", "derived", "latest", "advice")


@lru_cache(maxsize=4)
def reader_config(path: Path = READER_TOML) -> dict[str, Any]:
    return read_toml(path)


@dataclass(frozen=True)
class Intent:
    name: str
    cue: str = ""  # the text that signalled it ("" for a look-up)
    # read from the question's form alone ("X是什么？"): answered so only when the documents bear it
    # out (they define X), else as the look-up
    tentative: bool = False


@lru_cache(maxsize=4)
def _cues(path: Path = READER_TOML) -> list[tuple[str, list[re.Pattern]]]:
    cfg = reader_config(path)["intent"]
    business = reader_config(path)["business"]["question_cue"]  # how a company makes money is a "how"
    return [(name, [re.compile(c, re.IGNORECASE) for c in [*cfg["cues"].get(name, []), *([business] if name == "how" else [])]])
            for name in cfg["order"]]


def detect_intent(question: str, path: Path = READER_TOML) -> Intent:
    """The first intent (in the configured order) whose cue the question holds; but a
    question that names a document and asks for one of the document intents ("概括一下
    那篇比较智谱和MiniMax的文章", "Summarize the article comparing…") asks for that, whatever
    the words that describe the document, unless it is one of the intents never overridden
    (advice)."""
    found: list[tuple[str, str]] = []
    spans = _term_spans(question)  # ("the latest time for acceptance" is a term: its "latest" is no cue of the latest)
    for name, patterns in _cues(path):
        m = next((m for p in patterns for m in p.finditer(question)  # (a cue that is a whole term is one: "percentage of")
                  if not any(a <= m.start() and m.end() <= b and m.end() - m.start() < b - a for a, b in spans)), None)
        if m:
            found.append((name, m.group(0)))
    cfg = reader_config(path)["intent"]
    from chatbot.text import periods  # (jieba-free; imported here to keep `chatbot --help` light)

    if found and any(q is None or not q.endswith("-end") for _, q in periods(question)):
        now = cfg.get("period_named_cues", "")
        found = [(name, cue) for name, cue in found
                 if name not in cfg.get("period_named_over", []) or not (now and re.fullmatch(now, cue.strip(), re.I))]
    if not found:
        return Intent("lookup")
    if found[0][0] not in cfg["never_overridden"]:  # "the pros and cons of A versus B" asks for both lists
        for name, cues in cfg["decisive"].items():
            m = next(filter(None, (re.search(c, question, re.I) for c in cues)), None)
            if m:
                return Intent(name, m.group(0))
    words = reader_config(path)["structure"]["doc_words"]
    several = cfg.get("several_documents")
    if found[0][0] not in cfg["never_overridden"] and any(re.search(w, question, re.I) for w in words.values()) and not (
            several and re.search(several, question, re.I)):
        over = cfg.get("document_intent_over", {})
        for name, cue in found:
            if name in cfg["document_intents"] and (
                    name not in over or all(other in over[name] for other, _ in found if other != name)):
                return Intent(name, cue)
    return Intent(*found[0])


@lru_cache(maxsize=1)
def _term_phrases() -> tuple[str, ...]:
    from chatbot.bilingual import finance_terms

    return tuple(t for t in finance_terms() if " " in t)


def _term_spans(question: str) -> list[tuple[int, int]]:
    """Where the question writes a finance term of several words (config/terms_en.toml: "latest time for acceptance",
    "current ratio"): a cue word inside one is the term's, no cue of an intent."""
    if not re.search(r"[A-Za-z]{3,}\s+[A-Za-z]{3,}", question):
        return []
    low = question.lower()
    return [(m.start(), m.end()) for term in _term_phrases() if term in low
            for m in re.finditer(rf"(?<![a-z]){re.escape(term)}(?![a-z])", low)]


def question_intent(asked: str, standalone: str, path: Path = READER_TOML) -> Intent:
    """The intent of the standalone question (the user's words with the conversation and the
    names resolved), unless the user's own words ask for an intent never overridden (advice):
    a rewrite of the words ("I", a follow-up's subject) never turns advice into a look-up."""
    intent = detect_intent(standalone, path)
    own = detect_intent(asked, path)
    never = reader_config(path)["intent"]["never_overridden"]
    return own if own.name in never and intent.name not in never else intent


def asks_what_term(question: str, path: Path = READER_TOML) -> bool:
    """A look-up's form that may ask what a term is ("港交所上市规则第18C章是什么？"; [definition] term_question)."""
    return bool(re.search(reader_config(path)["definition"]["term_question"], question))


def defined_term(question: str) -> str:
    """The term a definition question asks about: a quoted one, else the last phrase of
    its topic ("什么是港交所的18C章" -> "18C章")."""
    quoted = re.search(r"[“\"「]([^”\"」]{2,20})[”\"」]", question)
    if quoted:
        return quoted.group(1)
    # of a Chinese question's clauses, the one asking the definition ("钛白粉是什么东西，主要用在哪里？": 钛白粉)
    cues = dict(_cues()).get("definition", [])
    clauses = [c for c in re.split(r"[，；？。]", question) if c.strip()]
    if len(clauses) > 1 and (asking := next((c for c in clauses if any(p.search(c) for p in cues)), "")):
        question = asking
    topic = re.sub(r"[\s？?。！!，,]+", " ", topic_text(question)).strip()
    tail = re.split(r"的|\s", topic)[-1] if topic else ""
    return tail if len(tail) >= 2 else ""


def has_cue(question: str, name: str, path: Path = READER_TOML) -> bool:
    """Does the question hold one of an intent's cues ("Summarise why…" holds the why's)?"""
    return any(p.search(question) for n, patterns in _cues(path) if n == name for p in patterns)


def labels(lang: str) -> dict[str, str]:
    cfg = reader_config()["labels"]
    return cfg.get(lang) or cfg["zh"]


def topic_text(question: str) -> str:
    """The question without its cue words and the intents' filler words: what it is
    about ("总结一下这份报告的主要观点" -> "的")."""
    out = question
    for _, patterns in _cues():
        for p in patterns:
            out = p.sub(" ", out)
    for w in sorted(reader_config()["intent"]["filler"]["words"], key=len, reverse=True):
        out = out.replace(w, " ")
    return out


def is_phrasing_word(word: str, path: Path = READER_TOML, dictionary_only: bool = False) -> bool:
    """A word that only phrases the question ("大致", "那么", "暴涨", "手里"): jieba tags
    every piece of it with a part of speech that names no topic (pronoun, adverb, verb,
    adjective, place word…; config/reader.toml [intent.phrasing] pos). Nouns and words
    jieba does not know stay topics: an absent noun ("市盈率", "特斯拉") still refuses."""
    return _tagged(word, set(reader_config(path)["intent"]["phrasing"]["pos"]), dictionary_only)


def is_function_word(word: str, path: Path = READER_TOML) -> bool:
    """A pronoun, adverb or the like ("这次", "这么", "急着"): never a question's topic,
    even when the documents hold it ([intent.phrasing] function_pos)."""
    return _tagged(word, set(reader_config(path)["intent"]["phrasing"]["function_pos"]))


def is_numeral_word(word: str, path: Path = READER_TOML) -> bool:
    """A numeral or a number's unit as one dictionary word ("一个", "多少", "亿美元", "万吨"):
    never a term that names a figure ([intent.phrasing] numeral_pos)."""
    return _tagged(word, set(reader_config(path)["intent"]["phrasing"]["numeral_pos"]), dictionary_only=True)


def is_verb(word: str, path: Path = READER_TOML) -> bool:
    """A verb as one dictionary word ("实现", "录得"): it states a figure, never qualifies one ([intent.phrasing] verb_pos)."""
    return _tagged(word, set(reader_config(path)["intent"]["phrasing"]["verb_pos"]), dictionary_only=True)


def _tagged(word: str, flags: set[str], dictionary_only: bool = False) -> bool:
    import jieba.posseg as pseg  # loaded on first use: the dictionary takes a second

    if dictionary_only:  # one dictionary entry with such a tag ("说到底", "总的来说"); pieces say nothing
        return pseg.dt.word_tag_tab.get(word) in flags
    tags = [pseg.dt.word_tag_tab.get(word)] if word in pseg.dt.word_tag_tab else [p.flag for p in pseg.lcut(word)]
    if tags and tags[0] == "r" and len(tags) > 1:  # a demonstrative phrase ("这波", "那次") names no topic
        return True
    return bool(tags) and all(t in flags for t in tags)


def is_reader_phrase(name: str, path: Path = READER_TOML) -> bool:
    """A would-be name made only of the reader's words: intent cues and filler
    ("这份报告", "Summarise", "这份报告主要讲了"), so no company the documents lack."""
    rest = topic_text(name)
    return not re.sub(r"[\W_]+", "", rest) or _points_back(name)


def _points_back(name: str) -> bool:
    """Does a would-be name open with a demonstrative ("这份业绩", "那家企业", "该公司": jieba's pronoun or
    numeral-classifier word written with 这, 那, 该 or 此)? It points at something the conversation named, no company."""
    import jieba.posseg as pseg

    first = next(iter(pseg.lcut(name.strip())), None)
    return first is not None and first.word[:1] in "这那该此" and first.flag in ("r", "mq")
