"""End-to-end run of the session-14 stress set of paraphrased look-ups (tests/data/stress-14/paraphrase.jsonl,
`s14-paraphrase-NN`), written before the fix over the dev-12 articles: each asks a figure in everyday words the
article does not use ("欠银行多少钱" for 银行借款, "卖出去多少吨糖" for 食糖销量, "每吨付多少钱" for 甘蔗收购价,
"借钱的平均利率" for 平均融资成本), one in English around a Chinese name, and one near-miss (a figure the article
does not give: 污泥) that must be refused. At the session-14 start 11 of 15 held: a phrasing word or a verb before a
company suffix read as an unknown company ("欠银行"), and a question mostly in words no passage holds refused
(the embedding fallback ran for English questions only). A question the engine still gets wrong is an
xfail(strict) with the diagnosis."""

from __future__ import annotations

import pytest

from support import stress_params
from test_catalogue import _assert_as_expected

STILL_WRONG = {
    "s14-paraphrase-06": "false refusal: '卖给电网的电' is cut by jieba into '年卖给', '电网', '电有'; no sentence holds 电网 "
                         "(the article writes 上网电量), so no sentence passes the hard constraints and the embedding "
                         "fallback has nothing to choose from",
}


@pytest.mark.slow
@pytest.mark.parametrize("q", stress_params("stress-14", "paraphrase", STILL_WRONG))
def test_figures_asked_in_other_words(dev12_engine, q):
    """The figure asked, from its article; the near-miss refused."""
    _assert_as_expected(dev12_engine.ask(q["question"], q.get("history")), q)
