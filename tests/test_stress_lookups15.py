"""End-to-end run of the session-15 stress set of look-ups (tests/data/stress-15/lookups.jsonl, `s15-lookups-NN`),
written before the fix, over open articles other than dev-15's: each question exercises one class of the dev-15
look-up failures in other words and on another company: the owners' share of a profit written otherwise than the
article ("股东应占溢利" for "拥有人应占净利润", "权益股东应占利润"), a count asked by its measure word and a bare noun at a
period's end ("上半年末一共有多少家店", where a net addition stands beside the total), the year written as a fiscal
year ("2023财年"), an English verb for a volume the article writes as a noun ("sell" for 销量, "produce" for 产量), a
figure no sentence says anything of (only the company and the period: refused), a Hong Kong ticker written with
its leading zero ("06580.HK"), and a segment named only as one member of a group whose figure is given
("轴承钢、齿轮钢、模具钢等…销量41万吨": refused). Each question runs on the engine of its open set (`dev`)."""

from __future__ import annotations

import pytest

from support import stress_params
from test_catalogue import _assert_as_expected

STILL_WRONG: dict[str, str] = {}


@pytest.mark.slow
@pytest.mark.parametrize("q", stress_params("stress-15", "lookups", STILL_WRONG))
def test_lookups_in_other_words(request, q):
    """The figure asked, from its article; a near-miss refused."""
    engine = request.getfixturevalue(q["dev"].replace("-", "") + "_engine")
    _assert_as_expected(engine.ask(q["question"], q.get("history")), q)
