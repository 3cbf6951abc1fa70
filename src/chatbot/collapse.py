"""Repeated text among the candidates collapses to one copy. News repeats itself (wire
copy syndicated, the same sentence in many articles): of the copies of one (normalised)
text, the one kept is from a document about the asked company (the catalogue's subject
companies), else the earliest-dated one; it takes the place of the best-ranked copy."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from chatbot.text import normalize, split_sentences

T = TypeVar("T")


def collapse(
    items: Sequence[T],
    text: Callable[[T], str],
    doc_id: Callable[[T], str],
    date: Callable[[T], str],
    about_asked: set[str],
) -> list[tuple[T, list[T]]]:
    """`items` best first; per normalised text the copy kept and all its copies (best
    first), in the order of each text's best-ranked copy. `about_asked`: ids of the
    documents about the company asked."""
    groups: dict[str, list[int]] = {}
    for i, it in enumerate(items):
        groups.setdefault(normalize(text(it)), []).append(i)

    def keep(idx: list[int]) -> int:
        own = [i for i in idx if doc_id(items[i]) in about_asked]
        if own:
            return own[0]
        dated = [i for i in idx if date(items[i])]
        # ISO dates sort as text; an undated copy only when no copy is dated
        return min(dated, key=lambda i: (date(items[i]), i)) if dated else idx[0]

    return [(items[keep(idx)], [items[i] for i in idx]) for idx in sorted(groups.values(), key=lambda g: g[0])]


def docs_about(companies: set[str], doc_subjects: dict[str, set[str]]) -> set[str]:
    """The documents whose subject companies include one of `companies`."""
    if not companies:
        return set()
    return {d for d, subj in doc_subjects.items() if subj & companies}


def sentences(text: str, min_chars: int) -> set[str]:
    """The normalised sentences of a passage (those of at least `min_chars`): each line
    split by `text.split_sentences` (a line without an end mark is a sentence of its own)."""
    return {n for line in text.splitlines() for n in map(normalize, split_sentences(line)) if len(n) >= min_chars}


def lookalike_prior(
    items: Sequence[T], text: Callable[[T], str], doc_id: Callable[[T], str], score: Callable[[T], float],
    about_asked: set[str], factor: float, min_chars: int,
) -> dict[int, float]:
    """Scores after the document prior: a passage from a document about the asked company
    takes the score of the best passage elsewhere that shares a sentence with it (its
    look-alike: the same sentence syndicated or recombined), which is multiplied by
    `factor`. Returns index -> new score for the items it changes."""
    own = [i for i, it in enumerate(items) if doc_id(it) in about_asked]
    if not own:
        return {}
    own_sents = {i: sentences(text(items[i]), min_chars) for i in own}
    changed: dict[int, float] = {}
    for j, it in enumerate(items):
        if j in own_sents:
            continue
        sj = sentences(text(it), min_chars)
        alike = [i for i in own if own_sents[i] & sj]
        if not alike:
            continue
        changed[j] = score(it) * factor
        for i in alike:
            changed[i] = max(changed.get(i, score(items[i])), score(it))
    return changed


def other_company_prior(
    items: Sequence[T], text: Callable[[T], str], doc_id: Callable[[T], str], score: Callable[[T], float],
    asked: set[str], about_asked: set[str], companies_in: Callable[[str], set[str]], factor: float,
    doc_companies: Callable[[str], set[str]] = lambda _doc: set(),
) -> dict[int, float]:
    """Scores after the company prior: when the question names companies (`asked`), a passage
    outside their documents that names other companies and none of them is about those
    others (news about another company in the same words: "X收入:2023年…" for the asked Y);
    its score is multiplied by `factor`; one that names no company is about its document's companies
    (`doc_companies`: "第三季度收入6.58亿元" in another company's filing). Returns index -> new score for the items
    it changes."""
    if not asked:
        return {}
    changed: dict[int, float] = {}
    for i, it in enumerate(items):
        if doc_id(it) in about_asked:
            continue
        named = companies_in(text(it)) or doc_companies(doc_id(it))
        if named and not named & asked:
            changed[i] = score(it) * factor
    return changed
