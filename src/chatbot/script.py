"""Traditional Chinese read as simplified (OpenCC's t2s). Hong Kong press writes 浚港航運、億、萬;
the engine's word lists, period rules and the other articles write 航运、亿、万. A document mostly
in traditional characters is indexed in simplified ones (its share of characters t2s changes is at
least `ingest.traditional_min_share`); a question's traditional characters are read as simplified,
except those the documents themselves write (a simplified article's 昇航科技 keeps its 昇)."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@lru_cache(maxsize=1)
def _converter():
    import opencc  # (a small C extension: imported when a text is first converted)

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    return _converter().convert(text) if _HAN.search(text) else text


def traditional_share(text: str) -> float:
    """The share of a text's Chinese characters that t2s changes (0 for a text without any)."""
    han = [c for c in text if _HAN.match(c)]
    if not han:
        return 0.0
    simplified = to_simplified("".join(han))
    if len(simplified) != len(han):  # (t2s maps character for character; a phrase table could differ)
        return 1.0
    return sum(a != b for a, b in zip(han, simplified, strict=True)) / len(han)


def document_as_simplified(text: str, min_share: float) -> tuple[str, bool]:
    """(the text in simplified characters, True) for a document written in traditional ones;
    (the text, False) otherwise."""
    if traditional_share(text) < min_share:
        return text, False
    return to_simplified(text), True


def question_as_simplified(text: str, written: Callable[[str], bool]) -> str:
    """A question with each traditional character read as its simplified one, unless the documents
    write the traditional character themselves (`written(char)`)."""
    simplified = to_simplified(text)
    if simplified == text:
        return text
    if len(simplified) != len(text):
        return simplified
    return "".join(s if s != t and not written(t) else t for t, s in zip(text, simplified, strict=True))
