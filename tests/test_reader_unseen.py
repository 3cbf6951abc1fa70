"""Reader questions of the hidden sets once opened (dev-29: written blind in session 28; dev-30: in session 29), each
asked of the index its set was written for: the bundled corpus, corpus-extra and the set's ten articles (the same
engines as tests/test_unseen_sets.py). Summaries, conclusions, why and how, pros and cons, definitions, comparisons,
derived figures, the latest figure, advice and look-ups, in Chinese and English, with follow-ups and questions to
refuse. A question the engine still gets wrong is an xfail(strict) with the reason."""

from __future__ import annotations

import json

import pytest

from support import CORPUS_EXTRA, assert_reader_answer, question_params

DATA = CORPUS_EXTRA.parent


def _load(n: int) -> list[dict]:
    path = DATA / f"dev-{n}" / "reader_questions.jsonl"
    return [json.loads(ln) for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]


KNOWN_FAILURES: dict[str, str] = {}


@pytest.mark.slow
@pytest.mark.parametrize("q", question_params(_load(29), KNOWN_FAILURES))
def test_dev29_reader_question(dev29_engine, q):
    assert_reader_answer(dev29_engine.ask(q["question"], q.get("history")), q)


@pytest.mark.slow
@pytest.mark.parametrize("q", question_params(_load(30), KNOWN_FAILURES))
def test_dev30_reader_question(dev30_engine, q):
    assert_reader_answer(dev30_engine.ask(q["question"], q.get("history")), q)
