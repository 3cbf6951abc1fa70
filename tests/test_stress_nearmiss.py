"""End-to-end run of the session-12 stress set of near-misses (tests/data/stress-12/nearmiss.jsonl,
`nearmiss-01`…): thirty-two questions, half English, about companies of the dev-12 articles and corpus-extra
whose figure the article does not give: an adjacent period (a quarter where the nine months are given, a
half where only the year is), a segment, region or product line not broken out, a metric not stated and not
computable (earnings per share, operating cash flow, gross margin), growth asked where only a level is given,
a forecast where only actuals are; and eleven answerable controls worded the same way. The articles are
ingested beside the bundled corpus. A near-miss must be refused, a control answered; what the engine still
gets wrong is an xfail(strict) with the eval's diagnosis."""

from __future__ import annotations

import json

import pytest

from support import CORPUS_EXTRA, question_params
from test_catalogue import _assert_as_expected

DATA = CORPUS_EXTRA.parent
QUESTIONS = [json.loads(line) for line in (DATA / "stress-12" / "nearmiss.jsonl").read_text(encoding="utf-8")
             .splitlines() if line.strip()]

KNOWN_FAILURES: dict[str, str] = {
    "nearmiss-02": "missed refusal: the catalogue takes 室分 (a segment) for a form of 粤信铁塔's name, so nothing of "
                   "'室分业务' is required and 毛利 is no glossary metric: the segments' revenue rows are quoted (catalogue)",
    "nearmiss-20": "missed refusal: 'infant' reads 幼儿, which passages hold, so 'infant formula' is no unmapped run and no "
                   "English word is required: the total's growth beside the formula's level is quoted",
}


@pytest.mark.slow
@pytest.mark.parametrize("q", question_params(QUESTIONS, KNOWN_FAILURES))
def test_near_miss_refused_and_control_answered(dev12_engine, q):
    _assert_as_expected(dev12_engine.ask(q["question"], q.get("history")), q)
