"""English phrases the dictionary gives as one Chinese word ("driving schools" -> 驾校, "sales volume" -> 销量):
read as one term, more precise than their words one by one."""
from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise

from chatbot.lexicon import question_stop_words_en


def dictionary_phrases(text: str, translate: Callable[[str], list[str]]) -> list[tuple[str, list[str]]]:
    """Runs of two or three English content words (no stop word) that the dictionary gives as one Chinese word the
    documents hold ("driving schools" -> 驾校, where "driving" and "schools" alone read 驾驶, 学校), longest first.
    A hyphenated word is such a run too ("umbilical-cord" -> 脐带, as "umbilical cord")."""
    stop = question_stop_words_en()
    words = list(re.finditer(r"[a-z][a-z\-]+", text))
    out: list[tuple[str, list[str]]] = []
    i = 0
    while i < len(words):
        for n in (3, 2, 1):
            run = words[i:i + n]
            if len(run) < n or any(w.group(0) in stop for w in run) \
                    or any(text[a.end():b.start()].strip() for a, b in pairwise(run)) \
                    or (n == 1 and "-" not in run[0].group(0).strip("-")):
                continue
            phrase = " ".join(w.group(0) for w in run)
            if forms := translate(phrase) or ("-" in phrase and translate(phrase.replace("-", " "))):
                out.append((phrase, forms))
                i += n
                break
        else:
            i += 1
    return out


def phrase_pattern(phrase: str) -> re.Pattern:
    """The phrase as whole words in a lower-cased text."""
    return re.compile(rf"(?<![a-z]){re.escape(phrase)}(?![a-z])")
