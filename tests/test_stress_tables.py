"""End-to-end run of the session-12 stress set on tables (tests/data/stress-12/tables.jsonl, `tables-01`…): figures
that stand in a table's cells, asked in other words than the dev sets' over the dev-9 and dev-10 articles, each
exercising one step that failed on dev-12: a row's cell matched to the question's metric words ('比重' for the
header's '占比', a verb for the column: '卖出了多少头生猪' for 出栏量), the kind asked (a growth asked of a row that
states only levels, or a rate's change in points beside another figure's growth, is refused), a growth stated in a
row of its own ('收入同比'), and figures derived from cells (a net margin from two columns, a sequential change
between two quarters' cells, a share stated in a cell). The articles are ingested beside the bundled corpus and
corpus-extra. A question the engine still gets wrong is an xfail(strict) with the eval's diagnosis."""

from __future__ import annotations

import json

import pytest

from support import CORPUS_EXTRA, question_params
from test_catalogue import _assert_as_expected

DATA = CORPUS_EXTRA.parent
QUESTIONS = [json.loads(line) for line in (DATA / "stress-12" / "tables.jsonl").read_text(encoding="utf-8")
             .splitlines() if line.strip()]

KNOWN_FAILURES: dict[str, str] = {
    "tables-12": "false refusal: '每吨水泥能赚多少毛利' reads 赚 as 净利润 ([synonyms]) and requires 每吨/单吨/吨水, "
                 "while the row writes '吨毛利' (a per-unit form of the metric, no form of config/evidence.toml per_unit_forms)",
}


@pytest.mark.slow
@pytest.mark.parametrize("q", question_params(QUESTIONS, KNOWN_FAILURES))
def test_table_cells_and_figures_derived_from_them(dev9_dev10_engine, q):
    """The figure asked, from its table's cell (or computed from cells); a growth asked of levels refused."""
    _assert_as_expected(dev9_dev10_engine.ask(q["question"], q.get("history")), q)
