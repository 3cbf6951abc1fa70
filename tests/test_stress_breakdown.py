"""End-to-end run of the session-13 stress set of look-up classes (tests/data/stress-13/breakdown.jsonl,
`s13-breakdown-NN`), written before the fix over the dev-6 and dev-9 … dev-13 articles: two-part questions
("各是多少", "以及…分别", "X and Y … respectively"), a segment's figure from a table whose header says 分部 or
板块 ("coal segment revenue"), a region's figure or share (欧洲, 北美, East China), ticker look-ups (股份代号2486,
02496.HK, "ticker 1867.HK", "at 6135.HK", "代码为09936"), monthly figures (10月单月, "in October", "for the month
of"), a Chinese company name inside an English sentence; and three the articles do not give (a region, a
month's revenue) that must be refused. The articles are ingested beside the bundled corpus and corpus-extra.
A question the engine still gets wrong is an xfail(strict) with the eval's diagnosis."""

from __future__ import annotations

import pytest

from support import CORPUS_EXTRA, engine_beside_corpus, stress_params
from test_catalogue import _assert_as_expected

DATA = CORPUS_EXTRA.parent
DEV_FOLDERS = [DATA / f"dev-{n}" / "corpus" for n in (6, 9, 10, 11, 12, 13)]

KNOWN_FAILURES: dict[str, str] = {
    "s13-breakdown-08": "'segment' reads 分部 only: with 板块 added (the branch's fix), stress-11 refuse-08 (Kaiwo's "
                        "small appliances segment, no such figure) was answered with the company's nine-month total; "
                        "reverted at the merge",
}


@pytest.mark.slow
@pytest.mark.parametrize("q", stress_params("stress-13", "breakdown", KNOWN_FAILURES))
def test_breakdown_lookups(breakdown_engine, q):
    """The figure of the part, segment, region, month or ticker's company asked; one the article lacks refused."""
    _assert_as_expected(breakdown_engine.ask(q["question"], q.get("history")), q)


@pytest.fixture(scope="module")
def breakdown_engine(corpus_index, tmp_path_factory):
    """The bundled index with corpus-extra and the dev-6, dev-9 … dev-13 articles beside it."""
    return engine_beside_corpus(corpus_index, tmp_path_factory, "stress13bd", [CORPUS_EXTRA, *DEV_FOLDERS], 12 + 60)
