"""Table-driven tests of which words of a figure question specify the figure (session 15): the name of another
company or institution beside the one asked is said whole, none of its words is a part of the figure
(subjects.institution_names); a table's header supplies its word to a row; a product's generic head that no passage
writes with the product's name is said by the name's other words; the unit asked ("how many tonnes": config/
evidence.toml [units.measures_en]) must be the unit of the figure quoted; a change asked of a figure no metric names
is answered only by a clause of that figure stating a change."""

from __future__ import annotations

import pytest

from chatbot.evidence import asked_measures, measure_words, metric_change_stated, score_candidates
from chatbot.evidence_config import evidence_config
from chatbot.glossary import load_glossary
from chatbot.models import Chunk, Passage
from chatbot.subjects import institution_names
from chatbot.text import normalize


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("华启证券给云知声的目标价是多少？", ["华启证券"]),  # a broker beside the company asked
        ("What is 华启证券's target price on Unisound?", ["华启证券"]),  # an English question's name, written in Chinese
        ("云知声医疗业务收入是多少？", []),  # the company's own segment
        ("智谱AI研究院预计云知声2025年收入多少？", []),  # a catalogued name inside: no other institution
        ("云知声征程芯片出货多少套？", []),  # a product of the company asked, not a name with a suffix
    ],
)
def test_institution_names(question, names):
    assert institution_names(question, load_glossary()) == names


def _answers(question: str, text: str, title: str = "云知声业绩点评", publisher: str = "", idf=None) -> list[str]:
    chunk = Chunk(id="s:1", doc_id="s", title=title, text=text, headings=[title], publisher=publisher, date="2025-11-05")
    weights = idf or (lambda t: 0.5 if t in ("收入", "营业收入", "营收", "同比", "变化", "增长")
                      else 3.0 if t in normalize(text + title + publisher) else 5.0)
    cands, _ = score_candidates(question, [Passage(chunk=chunk, score=1.0)], load_glossary(), weights)
    return [c.text for c in cands]


NOTE = "我们维持增持评级，目标价由7.20港元上调至8.05港元。"


@pytest.mark.parametrize(
    ("question", "publisher", "answered"),
    [
        ("华启证券给云知声的目标价是多少？", "华启证券研究所", True),  # the broker's own note
        ("华启证券给云知声的目标价是多少？", "东衡证券研究所", False),  # another broker's target price is no answer
        ("What is 华启证券's target price on Unisound?", "华启证券研究所", True),
    ],
)
def test_a_broker_named_is_said_by_its_note(question, publisher, answered):
    assert bool(_answers(question, NOTE, publisher=publisher)) is answered


HORIZON = ("- 征程系列处理硬件上半年出货198万套，约翻一番。\n"
           "- 在辅助驾驶解决方案市场份额为32.4%。")


@pytest.mark.parametrize(
    ("question", "text", "found"),
    [
        # 芯片 of 征程芯片: no passage writes 征程芯片; 征程 names the product
        ("云知声征程芯片上半年出货多少套？", HORIZON, "198万套"),
        # written as the question does, the head is held: a sentence without it is another product's
        ("云知声征程芯片上半年出货多少套？", HORIZON + "\n- 征程芯片的研发投入持续增加。", None),
        # before a metric: 积木 of 奥特曼积木, a row naming the IP
        ("云知声上半年奥特曼积木收入多少？", "公司以积木起家。\n\n| 收入拆分（2025年上半年） | 收入（亿元） |\n|---|---|\n"
         "| 奥特曼IP系列 | 7.85 |\n| 变形金刚IP系列 | 2.21 |", "7.85"),
        # the table's header supplies a word of the question to its rows (品类 of 蚝油品类)
        ("云知声上半年蚝油品类收入是多少？", "| 品类 | 2025年上半年收入 | 同比 |\n|---|---|---|\n| 酱油 | 14.6亿元 | -1.5% |\n"
         "| 蚝油 | 5.8亿元 | +9.8% |", "5.8亿元"),
    ],
)
def test_generic_heads_and_headers(question, text, found):
    answers = _answers(question, text)
    if found is None:
        assert not any("198" in a for a in answers), answers
    else:
        assert answers
        assert found in answers[0], answers


UNIT_TEXT = "上半年新签约客户57家。\n\n上半年冷链运输量约142.6万吨，同比增加15.2%。"


@pytest.mark.parametrize(
    ("question", "measures", "words"),
    [
        # (and the English word itself, as an article written in English writes the figure)
        ("How many tonnes of goods did it move?", ["吨", "tonnes"], ["tonnes"]),
        ("How many million tonnes of coal did it sell?", ["吨", "tonnes"], ["tonnes"]),  # (a magnitude between)
        ("How many units did it sell?", [*evidence_config()["units"]["measures_en"]["units"], "units"], ["units"]),
        ("How many customers did it sign?", [], []),  # no unit of measure
        ("上半年卖了多少吨？", ["吨"], ["吨"]),
        ("截至6月底一共开了多少家店？", ["家"], ["家"]),
    ],
)
def test_asked_measures(question, measures, words):
    assert asked_measures(question) == measures
    assert measure_words(question) == words


def test_english_units_are_data():
    assert evidence_config()["units"]["measures_en"]["tonnes"] == ["吨"]
    assert "片" in evidence_config()["units"]["measures_en"]["units"]  # ("5.2万片通用GPU产品": units of chips)


@pytest.mark.parametrize(
    ("text", "answers"),
    [("已向逾290名客户交付超过5.2万片通用GPU产品。", True),  # a count of chips
     ("GPU产品收入为5.2亿元。", False)],  # an amount of money is no count of units
)
def test_units_are_counted_in_any_classifier(text, answers):
    assert bool(_answers("How many GPU units had 云知声 delivered?", text)) is answers


@pytest.mark.parametrize(
    ("question", "found", "not_found"),
    [("云知声上半年冷链运输了多少吨？", "142.6万吨", "57家"),
     ("云知声上半年新签约了多少家客户？", "57家", "142.6万吨")],
)
def test_the_unit_asked_picks_the_figure(question, found, not_found):
    answers = _answers(question, UNIT_TEXT)
    assert answers
    assert found in answers[0], answers
    assert not any(not_found in a for a in answers), answers


def test_a_figure_in_another_unit_is_no_answer():
    answers = _answers("How many tonnes did 云知声 handle in the first half?", UNIT_TEXT)
    assert answers
    assert "142.6万吨" in answers[0], answers
    assert not any("57家" in a for a in answers), answers


LEVELS = ("| 指标（2025年上半年） | 云知声 | 甲公司 |\n|---|---|---|\n| 收入同比 | -11.3% | -15.8% |\n"
          "| 吨毛利 | 48元 | 31元 |")


@pytest.mark.parametrize(
    ("question", "text", "answered"),
    [
        # the level of the figure asked, and another figure's change: no answer
        ("云知声上半年吨毛利同比变化了多少？", LEVELS, False),
        ("云知声上半年吨毛利同比变化了多少？", "上半年吨毛利48元，同比下降20%。", True),
    ],
)
def test_a_change_asked_of_a_figure_given_as_a_level(question, text, answered):
    """(毛利 a common word, under [required] min_weight: no word of the question is held; the figure's word is
    the one written before the change asked)"""
    common = {"收入": 0.5, "同比": 0.5, "变化": 0.5, "毛利": 1.4}
    idf = lambda t: common.get(t, 3.0 if t in normalize(text + "云知声业绩点评") else 5.0)  # noqa: E731
    assert bool(_answers(question, text, idf=idf)) is answered


@pytest.mark.parametrize(
    ("text", "answered"),
    [
        ("煤化工板块主要产品为甲醇和烯烃，收入同比减少约二成", True),  # the part's metric opens the next clause
        ("煤化工板块主要产品为甲醇和烯烃，集团收入同比减少约二成", False),  # the group's
        ("煤化工板块主要产品为甲醇和烯烃；收入同比减少约二成", False),  # another part of the sentence
    ],
)
def test_a_parts_change_in_the_clause_after_it(text, answered):
    assert metric_change_stated(text, [["煤化工"]], None, [["收入", "营收"]]) is answered
