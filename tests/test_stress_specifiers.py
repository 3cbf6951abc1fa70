"""End-to-end run of the session-15 stress set on the words that specify a figure (tests/data/stress-15/
specifiers.jsonl, `s15-spec-NN`), written before the fix over dev-5, dev-7, dev-8 and dev-10 … dev-13 articles (not
the six session-14 regressions it was written for): a broker or other institution named beside the company asked,
in Chinese and in English pinyin (its target price answered from its own note, refused when the note is another
broker's); a table whose header supplies the question's word ("蚝油品类" of a row "蚝油" under "品类"); a product's
generic head the article does not write ("奥特曼积木" of the row "奥特曼IP系列"); the unit asked ("how many tonnes",
"多少吨") against figures in other units; and a year-on-year change asked of a figure the article gives only as a
level (refused), beside a control whose change it states. Each question runs on its dev set's engine (the bundled
corpus, corpus-extra and that set's articles). A question the engine still gets wrong is an xfail(strict) with the
eval's diagnosis."""

from __future__ import annotations

import pytest

from support import stress_params
from test_catalogue import _assert_as_expected

# the questions the engine still gets wrong, with the eval's diagnosis
STILL_WRONG = {
    "s15-spec-17": "How many tonnes of bulk cargo did China Merchants Port handle in October 2025? — refused since session "
                   "25: no word of the figure near '散杂货吞吐量4,380万吨' ('bulk' reads 主体 / 大量, 'handle' 处理); the "
                   "figure-word rule keeps a blind English near-miss refused (a refusal, never another figure)",
    "s15-spec-15": "retrieval miss: the paragraph holding '上半年食糖销量47.3万吨' is not retrieved for the English question "
                   "('sugar' is no indexed word, 'sell' reads 销售, not 销量); the by-products' revenue (3.6亿元), which "
                   "the first run quoted, is in no tonnes and is no answer now",
}


@pytest.mark.slow
@pytest.mark.parametrize("q", stress_params("stress-15", "specifiers", STILL_WRONG))
def test_words_that_specify_the_figure(request, q):
    """The figure of the thing, unit and change asked; the broker's, the tier's, the product's own; refused when
    the article gives none."""
    engine = request.getfixturevalue(f"dev{q['dev']}_engine")
    _assert_as_expected(engine.ask(q["question"], q.get("history")), q)
