"""The benchmark's synthetic passages state nothing the bundled corpus does not: each is
made of whole corpus sentences that the reader splits back exactly as they were (no
sentence takes its subject from one line and its figure from another)."""

from __future__ import annotations

import re

from benchmarks import synth
from chatbot.text import split_sentences
from support import CORPUS


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_synthetic_passages_split_back_into_sentences_of_the_bundled_corpus():
    corpus = _flat("\n".join(p.read_text(encoding="utf-8") for p in CORPUS.rglob("*.md")))
    pool = set(synth.sentence_pool())
    texts = synth.passages(300, seed=3)
    assert len(set(texts)) == 300
    for text in texts:
        for semicolons in (False, True):  # as the reader reads a sentence, and its clauses
            for sentence in split_sentences(text, semicolons=semicolons):
                if not semicolons:
                    assert sentence in pool, sentence
                # the corpus states it (an end mark may have been added to a list item)
                assert _flat(sentence).rstrip("。；;") in corpus, sentence
