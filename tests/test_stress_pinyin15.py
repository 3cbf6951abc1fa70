"""End-to-end run of the session-15 stress set of pinyin names (tests/data/stress-15/pinyin.jsonl,
`s15-pinyin-NN`), written before the fix: English questions that name a company whose article gives it no
English name by the pinyin of its Chinese name, over the open articles (dev-8 … dev-14 and corpus-extra), with
an English word for its trade or legal form ("Qiong Ling Aluminium" for 邛岭铝业, "Yuanchuan Animal Husbandry"
for 远川牧业, "Shenghang Tech" for 昇航科技), a trade word that only loosely names it ("Weiting Snacks" for
味町食品), syllables spaced, hyphenated or in camel case ("Li Shuo", "Ding-Yan", "QiongLan"), the name
without its trade ("Jingtuo"), syllables that are also a place or another name ("Fengdu", "Yanzhou",
"Jinlong"), a question in lower case; and look-alikes to refuse: syllables of no covered company ("Dingyang
Cement", "Beisikan Dairy") or a covered name with another trade ("Taiheng Cement"). Each question runs on the
engine over its set's articles (`set`: the devN_engine fixture)."""

from __future__ import annotations

import pytest

from support import stress_params
from test_catalogue import _assert_as_expected

KNOWN_FAILURES: dict[str, str] = {}


@pytest.mark.slow
@pytest.mark.parametrize("q", stress_params("stress-15", "pinyin", KNOWN_FAILURES))
def test_pinyin_name_answered_and_look_alike_refused(request, q):
    """A company named by the pinyin of its Chinese name is answered from its article; a look-alike refused."""
    engine = request.getfixturevalue(f"{q['set']}_engine")
    _assert_as_expected(engine.ask(q["question"], q.get("history")), q)
