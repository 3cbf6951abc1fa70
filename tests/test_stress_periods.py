"""End-to-end run of the session-12 stress set of periods and follow-ups (tests/data/stress-12/periods.jsonl,
`periods-01`…): questions written in other words than dev-12's, over the dev-9 and dev-10 articles, each exercising one
step that failed on dev-12: a period word the article writes otherwise (前9个月 / 前三季度, "first nine months" / 九个月,
当季 and 单季 for one quarter alone), a quarter not answered by the three quarters' figure, a follow-up that swaps the
period to a sum ("那前三季度加起来呢？"), swaps the item in English ("And its net profit?"), names another company with
an item of its own, and a follow-up on a company no document holds (refused, never another company's figure). The
articles are ingested beside the bundled corpus and corpus-extra. A question the engine still gets wrong is an
xfail(strict) with the eval's diagnosis."""

from __future__ import annotations

import json

import pytest

from support import CORPUS_EXTRA, question_params
from test_catalogue import _assert_as_expected

DATA = CORPUS_EXTRA.parent
QUESTIONS = [json.loads(line) for line in (DATA / "stress-12" / "periods.jsonl").read_text(encoding="utf-8")
             .splitlines() if line.strip()]

KNOWN_FAILURES: dict[str, str] = {}


@pytest.mark.slow
@pytest.mark.parametrize("q", question_params(QUESTIONS, KNOWN_FAILURES))
def test_periods_and_follow_ups(dev9_dev10_engine, q):
    """The figure asked, of the period asked, from its article; a follow-up on an unknown company refused."""
    _assert_as_expected(dev9_dev10_engine.ask(q["question"], q.get("history")), q)
