"""End-to-end run of the session-14 stress set on tables (tests/data/stress-14/table.jsonl, `s14-table-NN`),
written before the fix over the dev-9 … dev-12 articles (not dev-14's, where the class failed): a table's cell
asked by its row (a segment, a company, a metric) and its column (a quarter, a month, a year, a date), two-part
questions asking a row's level and its change, counts asked in their unit ("多少艘" of a column "新签艘数"), and
cells the tables do not hold (another quarter, another metric), which must be refused. The articles are ingested
beside the bundled corpus and corpus-extra. A question the engine still gets wrong is an xfail(strict) with the
eval's diagnosis."""

from __future__ import annotations

import pytest

from support import CORPUS_EXTRA, engine_beside_corpus, stress_params
from test_catalogue import _assert_as_expected

# the questions the engine still gets wrong, with the eval's diagnosis
STILL_WRONG = {
}


@pytest.fixture(scope="session")
def dev9_to_dev12_engine(corpus_index, tmp_path_factory):
    """An engine over the bundled corpus, corpus-extra and the dev-9 … dev-12 articles (read-only)."""
    data = CORPUS_EXTRA.parent
    return engine_beside_corpus(corpus_index, tmp_path_factory, "dev9-dev12",
                                [CORPUS_EXTRA, *(data / f"dev-{n}" / "corpus" for n in (9, 10, 11, 12))], 12 + 4 * 10)


@pytest.mark.slow
@pytest.mark.parametrize("q", stress_params("stress-14", "table", STILL_WRONG))
def test_table_cells_by_row_and_column(dev9_to_dev12_engine, q):
    """The cell asked, with its row and its column's period; a cell the table does not hold refused."""
    answer = dev9_to_dev12_engine.ask(q["question"])
    _assert_as_expected(answer, q)
