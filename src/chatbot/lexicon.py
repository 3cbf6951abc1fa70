"""The word lists behind tokenisation, read from `config/lexicon/*.txt`, and the
tokenizer version derived from them.

jieba's extra words are the domain terms of `terms.txt` plus the company names of
the glossary (`config/glossary.toml`): each name is written once, in the glossary.
`extra_words()` is the one place to add more sources (e.g. names learned from the
documents)."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from chatbot.config import PROJECT_ROOT
from chatbot.glossary import load_glossary

LEXICON_DIR = PROJECT_ROOT / "config" / "lexicon"
# Bump when the tokenizer's rules (code, not word lists) change.
TOKENIZER_RULES = "4"


def read_words(path: Path) -> list[str]:
    """The words of a lexicon file: one a line, blank lines and `#` comments skipped."""
    words = []
    for line in path.read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            words.append(word)
    return list(dict.fromkeys(words))


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """Words dropped from keyword tokens and question words."""
    return frozenset(read_words(LEXICON_DIR / "stopwords.txt"))


@lru_cache(maxsize=1)
def run_breakers() -> frozenset[str]:
    """Single characters that end a run of characters jieba could not place (config/lexicon/run_breakers.txt)."""
    return frozenset(read_words(LEXICON_DIR / "run_breakers.txt"))


@lru_cache(maxsize=1)
def question_stop_words_en() -> frozenset[str]:
    """English words that carry no meaning among a question's evidence terms."""
    return frozenset(read_words(LEXICON_DIR / "question_stopwords_en.txt"))


@lru_cache(maxsize=1)
def function_words_en() -> frozenset[str]:
    """English function words and pronouns, never translated into a term (chatbot/bilingual.py)."""
    return frozenset(w.lower() for w in read_words(LEXICON_DIR / "function_words_en.txt"))


def glossary_names() -> list[str]:
    """Company and institution names from the glossary that jieba must keep whole:
    the canonical names and their aliases written with Chinese characters."""
    g = load_glossary()
    canonical = set(g.aliases.values())
    return [n for n in g.names if n in canonical or not n.isascii()]


@lru_cache(maxsize=1)
def extra_words() -> tuple[str, ...]:
    """Every word added to jieba's dictionary, in a fixed order (the order changes
    jieba's frequencies). Extend here to add another source of names."""
    return tuple(dict.fromkeys(glossary_names() + read_words(LEXICON_DIR / "terms.txt")))


@lru_cache(maxsize=1)
def tokenizer_version() -> str:
    """Changes whenever the tokenizer's rules or any of its word lists change: a
    keyword index built by another version is rebuilt."""
    lists = "\n".join([TOKENIZER_RULES, *extra_words(), "--", *sorted(stop_words())])
    return f"{TOKENIZER_RULES}-{hashlib.sha256(lists.encode('utf-8')).hexdigest()[:12]}"
