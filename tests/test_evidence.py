"""Unit tests of evidence scoring (evidence.py): the hard constraints that keep a
neighbouring figure from being passed off as the answer, and sentence selection."""

from __future__ import annotations

import pytest

from chatbot.evidence import Candidate, analyse_question, passage_sentences, score_candidates, select
from chatbot.glossary import load_glossary
from chatbot.models import Chunk, Passage
from chatbot.text import normalize

TEXT = "云知声2024年收入为9.39亿元。智谱2024年收入为3.1亿元。云知声2023年收入为7.27亿元。云知声2024年净亏损为4.54亿元。"


def _idf(term: str) -> float:
    """Every term the passage holds weighs 1; any other term is absent (weighs more)."""
    return 1.0 if term in normalize(TEXT) else 5.0


@pytest.mark.parametrize(
    ("question", "figure", "lst", "entities", "periods"),
    [
        ("云知声2024年收入是多少？", True, False, {"云知声"}, {("2024", None)}),
        ("How much revenue did Unisound make in the first half of 2025?", True, False, {"云知声"}, {("2025", "H1")}),
        ("港股18C公司有哪些？", False, True, set(), set()),  # a list, no figure: no period constraint
        # "what share of" asks a figure (config/evidence.toml [figure_question]), its period with it
        ("What share of Unisound's H1 2025 revenue came from overseas?", True, False, {"云知声"}, {("2025", "H1")}),
        ("What proportion of Unisound's revenue came from overseas in 2024?", True, False, {"云知声"}, {("2024", None)}),
    ],
)
def test_analyse_question(question, figure, lst, entities, periods):
    spec = analyse_question(question, load_glossary(), _idf)
    assert (spec.wants_figure, spec.wants_list, spec.entities, spec.periods) == (figure, lst, entities, periods)


@pytest.mark.parametrize(
    ("question", "answers"),
    [
        # the company, the metric and the period asked: the other three sentences are left out
        ("云知声2024年收入是多少？", ["云知声2024年收入为9.39亿元。"]),
        ("智谱2024年收入是多少？", ["智谱2024年收入为3.1亿元。"]),
        ("云知声2023年收入是多少？", ["云知声2023年收入为7.27亿元。"]),
        ("云知声2024年净亏损是多少？", ["云知声2024年净亏损为4.54亿元。"]),
        ("云知声2022年收入是多少？", []),  # no sentence states that period: refuse
    ],
)
def test_hard_constraints_pick_the_one_answer(question, answers):
    passages = [Passage(chunk=Chunk(id="a:1", doc_id="a", text=TEXT))]
    cands, _ = score_candidates(question, passages, load_glossary(), _idf)
    assert [c.text for c in select(cands, 0.35, 4)] == answers


def test_a_question_about_what_no_passage_mentions_gets_no_candidates():
    passages = [Passage(chunk=Chunk(id="a:1", doc_id="a", text=TEXT))]
    cands, spec = score_candidates("量子计算机的专利数量是多少？", passages, load_glossary(), _idf)
    assert cands == []
    assert spec.absent_share > 0.5


def _cand(text: str, coverage: float, order: int, figures: list[str]) -> Candidate:
    return Candidate(0, text, text, order, coverage=coverage, score=coverage, figures=figures)


@pytest.mark.parametrize(
    ("cands", "chosen"),
    [
        ([_cand("甲收入9.39亿元。", 0.9, 0, ["9.39亿"])], ["甲收入9.39亿元。"]),
        ([_cand("甲收入9.39亿元。", 0.3, 0, ["9.39亿"])], []),  # below the relevance floor
        # a restatement of the same figure is left out
        ([_cand("甲收入9.39亿元。", 0.9, 0, ["9.39亿"]), _cand("报告称甲收入9.39亿元。", 0.8, 1, ["9.39亿"])], ["甲收入9.39亿元。"]),
        # far below the best one: left out
        ([_cand("甲收入9.39亿元。", 0.9, 0, ["9.39亿"]), _cand("乙亏损1亿元。", 0.4, 1, ["1亿"])], ["甲收入9.39亿元。"]),
    ],
)
def test_select(cands, chosen):
    assert [c.text for c in select(cands, 0.35, 4)] == chosen


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("智谱收入:2024年3.124亿元。", ["智谱收入:2024年3.124亿元。"]),
        # an entry of a reference list is a pointer to a source, not evidence
        ("[3] 36氪 - “智谱、MiniMax冲刺港股:AI大模型第一股,为什么是现在?” (https://m.36kr.com/p/1)", []),
        ("- 发行价116.20港元。\n[1] 新浪财经 - “云知声:2025年大模型业务收入预增超10倍”", ["发行价116.20港元。"]),
    ],
)
def test_passage_sentences_leave_out_reference_entries(text, shown):
    assert [s for _, s, _, _ in passage_sentences(text)] == shown


@pytest.mark.parametrize(
    ("indexed", "absent"),
    [
        ({"测试", "公司", "甲"}, False),  # the tokenizer cut the name apart; every piece is indexed
        ({"测试", "公司"}, True),  # one piece no passage holds: the name is absent
        (set(), True),
    ],
)
def test_a_name_the_tokenizer_cuts_apart_is_present_when_its_pieces_are(indexed, absent):
    from chatbot.evidence import question_terms
    from chatbot.glossary import Glossary

    glossary = Glossary(aliases={"测试公司甲": "测试公司甲"}, companies={"测试公司甲"})
    groups = question_terms("测试公司甲2025年收入是多少？", glossary, lambda t: 1.0 if t in indexed else 5.0)
    entity = next(g for g in groups if g.kind == "entity")
    assert entity.absent is absent


def test_what_is_read_once_per_text_is_handed_out_fresh_each_time():
    """periods(), passage_sentences(), facts_in() and Glossary.entities() keep what they read of a
    text: a caller adding to the set or list it got must not change the next reading."""
    from chatbot.text import periods

    text = "2025年上半年收入419.6亿元。净利润21.3亿元。"
    first = periods(text)
    first.add(("1999", None))
    assert periods(text) == {("2025", "H1")}
    rows = passage_sentences(text)
    rows[1][3].add(("1999", None))
    rows.append(("x", "x", False, set()))
    assert passage_sentences(text) == [(s, s, False, {("2025", "H1")}) for s in ("2025年上半年收入419.6亿元。", "净利润21.3亿元。")]
    from chatbot.compute import facts_in

    fact = facts_in(text, 3)[0]
    fact.periods.add(("1999", None))
    assert [(f.lo, f.periods, f.passage_idx) for f in facts_in(text, 5)] == [(419.6e8, {("2025", "H1")}, 5), (21.3e8, {("2025", "H1")}, 5)]
    g = load_glossary()
    name = next(iter(g.companies))
    named = g.entities(f"{name}发布业绩")
    named.append("另一家")
    assert g.entities(f"{name}发布业绩") == [name]
