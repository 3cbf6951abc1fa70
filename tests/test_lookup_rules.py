"""Table-driven tests of the look-up rules that keep a neighbouring figure from being
passed off as the answer: the words that specify a figure (evidence.required_groups),
a segment's figure against a company's total (metric_scope), two-part questions
(two_part), and names in subject position (subjects)."""

from __future__ import annotations

import pytest

from chatbot.evidence import analyse_question, score_candidates
from chatbot.glossary import load_glossary
from chatbot.metric_scope import first_metric_prefix, narrows
from chatbot.models import Chunk, Passage
from chatbot.text import normalize
from chatbot.two_part import split_spec

ARTICLE = (
    "云知声第三季度营业收入为612.5亿元，同比增长20.5%。海外销量为13.1万辆。\n\n"
    "期内总收入为18.2亿元。影像产品收入为13.5亿元。经调整净利润为4.67亿元，同比增长71.3%。\n\n"
    "第一季度智能云业务收入约为1.5亿元。"
)
TITLE = "云知声第三季度业绩"


def _idf(term: str) -> float:
    """A word in the article weighs 3 (distinctive), "收入"-like metric words 0.5; others are absent."""
    if term in ("收入", "营业收入", "营收", "净利润"):
        return 0.5
    return 3.0 if term in normalize(ARTICLE + TITLE) else 5.0


def _answers(question: str) -> list[str]:
    chunk = Chunk(id="x:1", doc_id="x", title=TITLE, text=ARTICLE, headings=[TITLE])
    cands, _ = score_candidates(question, [Passage(chunk=chunk, score=1.0)], load_glossary(), _idf)
    return [c.text for c in cands]


@pytest.mark.parametrize(
    ("question", "required"),
    [
        ("云知声第三季度海外收入是多少？", ["海外"]),  # a distinctive word the article holds
        ("云知声第三季度收入是多少？", []),  # company, period, metric only
        ("云知声第三季度收入大概是多少？", []),  # an adverb only phrases the question
        ("云知声收入是什么时候公布的？", []),  # not a figure question
        ("云知声第三季度收入是多少？海外销量如何？", []),  # two questions: each sentence answers one
    ],
)
def test_required_words(question, required):
    spec = analyse_question(question, load_glossary(), _idf)
    assert [g.alternatives[0] for g in spec.required] == required


def test_a_sentence_without_the_word_asked_is_no_answer():
    assert not any("612.5" in t for t in _answers("云知声第三季度海外收入是多少？"))
    assert any("612.5" in t for t in _answers("云知声第三季度收入是多少？"))


@pytest.mark.parametrize(
    ("text", "prefix"),
    [
        ("期内总收入为18.2亿元。", "期内总"),
        ("同比增长20%，影像产品收入为13.5亿元。", "影像产品"),
        ("第一季度智能云业务营业收入约为1.5亿元。", "第一季度智能云业务"),
        ("毛利率为20%。", None),
    ],
)
def test_first_metric_prefix(text, prefix):
    assert first_metric_prefix(text, ["收入", "营业收入", "营收"]) == prefix


TOTAL = ["总", "净", "期内", "当季", "营业", "的", "为"]


@pytest.mark.parametrize(
    ("prefix", "narrowed"),
    [
        ("期内总", False),
        ("网易当季净", False),
        ("2025年第二季度", False),
        ("云知声第三季度", False),
        ("影像产品", True),
        ("第一季度可灵AI", True),
        ("车辆销售", True),
    ],
)
def test_narrows(prefix, narrowed):
    assert narrows(prefix, ["网易", "云知声", "甲乙"], TOTAL) is narrowed


def test_a_segment_figure_does_not_answer_an_explicit_total():
    assert not _answers("云知声第一季度总营收是多少？")  # only a segment's first-quarter figure
    got = _answers("云知声收入是多少？")
    rank = {fig: next(i for i, t in enumerate(got) if fig in t) for fig in ("18.2亿", "13.5亿", "1.5亿")}
    assert rank["18.2亿"] < rank["13.5亿"], got  # the total above the segments
    assert rank["18.2亿"] < rank["1.5亿"], got


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        ("云知声上半年收入和经调整净利润分别是多少？", [["收入"], ["净利润", "经调整"]]),
        ("云知声第三季度海外销量和营业收入分别是多少？", [["海外", "销量"], ["营业收入"]]),
        ("云知声第三季度收入是多少？", []),
    ],
)
def test_two_part_split(question, parts):
    g = load_glossary()
    spec = analyse_question(question, g, _idf)
    got = split_spec(question, spec, ["以及", "和", "与", "及", "、", " and "])
    asked = [{a for grp in p.groups if grp.kind in ("metric", "word") for a in grp.alternatives} for p in got]
    assert len(got) == len(parts)
    for want, have in zip(parts, asked, strict=True):
        assert set(map(normalize, want)) & have, (want, have)
    if got:  # each part without the other's item
        assert all(not (set(map(normalize, other)) <= have) for other, have in zip(parts[::-1], asked, strict=True))


def test_two_part_question_gets_both_figures():
    got = _answers("云知声上半年收入和经调整净利润分别是多少？")
    top = got[:3]
    assert any("18.2亿" in t for t in top), got
    assert any("4.67亿" in t for t in top), got


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("极氪第三季度交付量是多少？", ["极氪"]),  # an adverb-tagged first character, then a period
        ("What was BYD's revenue in Q3 2025?", ["BYD"]),  # a dictionary word only as a company's gloss
        ("What is the TABLE of revenue?", []),  # shouting, no name
        ("大致第三季度收入是多少？", []),  # common words
    ],
)
def test_subject_names(question, names):
    from chatbot.subjects import uncatalogued_names

    assert uncatalogued_names(question, load_glossary(hand_kept=False)) == names
