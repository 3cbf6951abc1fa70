"""End-to-end run of the session-15 stress set of reader questions (tests/data/stress-15/reader.jsonl,
`s15-reader-NN`), written before the fix over open articles other than dev-15's (dev-9, dev-10, dev-12, dev-13,
dev-14), in other words than dev-15's failures: a comparison of one figure between two companies, each from its own
passage or a follow-up naming one of them ("枫渡文旅的客流增长比它快吗？"); a comparison the documents can make for
one company only (refused, saying which one is missing); the benefits and costs of a strategy from an article's
prose ("有什么好处和代价"); a column's conclusion without a heading that says so; how a company does something,
from its paragraphs; a multiple of two table cells. A question the engine still gets wrong is an xfail(strict)
with the eval's diagnosis."""

from __future__ import annotations

import pytest

from support import assert_reader_answer, stress_params

# the questions the engine still gets wrong, with the eval's diagnosis
STILL_WRONG: dict[str, str] = {}

# the engine of each article's dev set (dev-9 and dev-10 share one)
_ENGINE = {"news-93": "dev9_dev10_engine", "news-96": "dev9_dev10_engine", "news-103": "dev9_dev10_engine",
           "news-106": "dev9_dev10_engine", "news-124": "dev12_engine", "news-136": "dev13_engine",
           "news-145": "dev14_engine"}


@pytest.mark.slow
@pytest.mark.parametrize("q", stress_params("stress-15", "reader", STILL_WRONG))
def test_reader_questions_on_unseen_layouts(request, q):
    """The intent as labelled; a question to refuse refused; else its facts quoted (or computed), cited."""
    answer = request.getfixturevalue(_ENGINE[q["expected_sources"][0]]).ask(q["question"], history=q.get("history"))
    assert_reader_answer(answer, q)
