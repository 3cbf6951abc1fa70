"""On an index larger than `answer.whole_index_chunks` an answer reads only the report,
the documents of its retrieved passages and the question's best keyword matches (a
question's cost must not grow with the index). Forced here on the bundled corpus
(whole_index_chunks = 0): the scoped engine must state what the whole-index engine
states, and refuse what it refuses."""

from __future__ import annotations

import pytest

from support import ROOT, corpus_index, engine, make_settings  # noqa: F401  (fixtures)

# questions whose answers read beyond the retrieved passages: a figure's other periods
# (the asked period is missing), a change over years, a list of risks, a summary
QUESTIONS = ["q11", "q15", "q76", "q80", "q84"]


@pytest.fixture(scope="module")
def scoped_and_whole(corpus_index):  # noqa: F811
    from chatbot.engine import Engine

    return (Engine(make_settings(corpus_index, answer={"whole_index_chunks": 0})),
            Engine(make_settings(corpus_index)))


def test_structure_of_named_documents_is_the_whole_structure_of_them(engine):  # noqa: F811
    from chatbot.structure import document_structure

    whole = document_structure(engine.store)
    some = document_structure(engine.store, {"report": None, "src-1": None, "no-such-doc": None})
    assert sorted(some) == ["report", "src-1"]
    for d in some:
        assert [(b.kind, b.title, [ln.raw for ln in b.lines]) for b in some[d].blocks] == \
               [(b.kind, b.title, [ln.raw for ln in b.lines]) for b in whole[d].blocks]


def test_scope_is_every_document_on_a_small_index(scoped_and_whole):
    scoped, whole = scoped_and_whole
    passages, _ = whole.retriever.retrieve("云知声的客户数量")
    assert whole._scope(passages) is None
    scope = scoped._scope(passages)
    assert scope is not None
    assert next(iter(scope)) == "report"
    assert set(scope) == {"report", *(p.chunk.doc_id for p in passages)}
    assert all(ids is None for ids in scope.values())  # short documents are read whole


def test_a_long_document_is_read_around_its_retrieved_passages(corpus_index):  # noqa: F811
    from chatbot.engine import Engine
    from chatbot.models import Passage
    from chatbot.structure import document_structure

    e = Engine(make_settings(corpus_index, answer={"whole_index_chunks": 0, "whole_document_chunks": 1,
                                                   "scope_neighbours": 1}))
    report = e.store.docs["report"].chunk_ids
    assert len(report) > 4
    hit = e.store.doc_chunks("report")[2]
    scope = e._scope([Passage(chunk=hit)])
    assert scope == {"report": report[1:4]}
    read = {ln.chunk.id for b in document_structure(e.store, scope)["report"].blocks for ln in b.lines}
    assert hit.id in read
    assert read <= set(report[1:4])


@pytest.mark.parametrize("qid", QUESTIONS)
def test_scoped_answer_states_the_same_facts(scoped_and_whole, qid):
    from chatbot.evaluation import load_questions
    from chatbot.evaluation.metrics import fact_hit

    q = next(x for x in load_questions(ROOT / "tests" / "questions.jsonl") if x.id == qid)
    scoped, whole = (e.ask(q.question) for e in scoped_and_whole)
    assert scoped.refused == whole.refused
    if q.expected_facts:
        assert fact_hit(scoped.text, q.expected_facts) == fact_hit(whole.text, q.expected_facts)
        assert fact_hit(scoped.text, q.expected_facts)
