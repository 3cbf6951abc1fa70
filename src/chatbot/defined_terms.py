"""Terms a document defines in other words: "本文表格中的产量是“矿产铜”，即公司自有矿山开采出来的铜金属量"
makes 矿产铜 the document's term for what a question calls "自有矿山产的铜", and "信息服务收入（即TapTap平台的
广告等收入）" makes 信息服务收入 its term for the platform's advertising revenue. A question's word that a
document's definition uses stands, in that document, for the term defined (a table's header "矿产铜产量" then
answers "自有矿山产了多少铜"). The definition cues are data (config/evidence.toml [defined])."""

from __future__ import annotations

import re
from functools import lru_cache

from chatbot.evidence_config import evidence_config
from chatbot.text import normalize, split_sentences

_TERM = r"[\u4e00-\u9fffA-Za-z0-9]"


@lru_cache(maxsize=1)
def _definition_res() -> tuple[re.Pattern, re.Pattern]:
    """A quoted term then a cue ("“矿产铜”，即…"), or a sentence opening with a term and a cue of two characters or
    more ("C1现金成本是指…"; "公司即将…" defines nothing); a term then its definition in brackets ("信息服务收入（即…）")."""
    cfg = evidence_config()["defined"]
    cues = "|".join(map(re.escape, sorted(cfg["cues"], key=len, reverse=True)))
    opening = "|".join(map(re.escape, sorted((c for c in cfg["cues"] if len(c) >= 2), key=len, reverse=True)))
    n = cfg["max_term_chars"]
    return (re.compile(rf"[“\"「]([^”\"」]{{2,{n}}})[”\"」]\s*[，,]?\s*(?:{cues})|^({_TERM}{{2,{n}}}?)(?:{opening})"),
            re.compile(rf"({_TERM}{{2,{n}}})[（(]\s*(?:{cues})([^）)]+)[）)]"))


@lru_cache(maxsize=1)
def _sum_note_re() -> tuple[re.Pattern, re.Pattern]:
    """A note's opening ("注：") and a note's clause defining a term by what it sums ("回收处理量为废旧电池…合计")."""
    cfg = evidence_config()["defined"]
    n = cfg["max_term_chars"]
    marks = "|".join(map(re.escape, cfg["note_marks"]))
    cues = "|".join(map(re.escape, cfg["sum_cues"]))
    ends = "|".join(map(re.escape, cfg["sum_ends"]))
    return (re.compile(rf"^\s*(?:{marks})\s*[:：]"),
            re.compile(rf"^\s*({_TERM}{{2,{n}}}?)(?:{cues})(.+?)(?:{ends})\s*[。.]?\s*$"))


def _sum_notes(sentence: str) -> list[tuple[str, str]]:
    """(term, what it sums) for each clause of a note that defines a column by its sum."""
    mark, clause = _sum_note_re()
    if not (m := mark.match(sentence)):
        return []
    return [(c.group(1), c.group(2)) for part in re.split(r"[；;]", sentence[m.end():]) if (c := clause.match(part))]


def definitions(text: str) -> list[tuple[str, str]]:
    """(term, what defines it) for each definition in the text, in its normalised form, up to what
    the definition leaves out ("…，不包括用外购铜精矿冶炼出的电解铜": 电解铜 is no 矿产铜)."""
    out = []
    ends = evidence_config()["defined"]["body_ends"]
    leading, bracketed = _definition_res()
    found: list[tuple[str, str]] = []
    for sent in split_sentences(normalize(text), semicolons=False):
        found += [((m.group(1) or m.group(2)), sent[m.end():]) for m in leading.finditer(sent)]
        found += [(m.group(1), m.group(2)) for m in bracketed.finditer(sent)]
    # (a table's note stands on a line of its own under the table's rows, which a sentence runs on from)
    found += [note for line in text.splitlines() for note in _sum_notes(normalize(line))]
    for term, body in found:
        cut = min((i for w in ends if (i := body.find(w)) >= 0), default=len(body))
        out.append((term.strip(), body[:cut]))
    return out


def defined_as(words: list[str], text: str) -> dict[str, list[str]]:
    """For each of the question's `words` that a definition of the text uses, the terms it defines
    ("自有矿山" -> ["矿产铜"]); a word inside the term defined stands for nothing else."""
    out: dict[str, list[str]] = {}
    for term, body in definitions(text):
        for w in words:
            if len(w) >= 2 and w in body and w not in term and term not in out.get(w, []):
                out.setdefault(w, []).append(term)
    return out
