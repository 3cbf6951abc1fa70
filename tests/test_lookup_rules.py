"""Table-driven tests of the look-up rules that keep a neighbouring figure from being
passed off as the answer: the words that specify a figure (evidence.required_groups),
a segment's figure against a company's total (metric_scope), two-part questions
(two_part), names in subject position (subjects), the unit of measure asked, a table
header's unit, and the metric's own clause holding the figure."""

from __future__ import annotations

import pytest

from chatbot.evidence import (
    analyse_question,
    asked_measure,
    metric_without_figure,
    per_unit_forms,
    score_candidates,
    states_measure,
)
from chatbot.evidence_config import evidence_config
from chatbot.glossary import load_glossary
from chatbot.metric_scope import first_metric_prefix, narrows
from chatbot.models import Chunk, Passage
from chatbot.table_cells import checkable, with_unit
from chatbot.text import figure_supported, normalize
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


@pytest.mark.parametrize(
    ("prefix", "narrowed"),
    [
        ("甲乙今年上半年的", False),  # a year written as a word is a period, no segment (config [scope] total_words)
        ("去年同期", False),
        ("甲乙今年酱料", True),
    ],
)
def test_a_year_word_narrows_nothing(prefix, narrowed):
    from chatbot.evidence_config import evidence_config

    assert narrows(prefix, ["甲乙"], evidence_config()["scope"]["total_words"]) is narrowed


def test_a_segment_figure_does_not_answer_an_explicit_total():
    assert not _answers("云知声第一季度总营收是多少？")  # only a segment's first-quarter figure
    assert _answers("云知声第三季度总收入是多少？")  # "期内总收入": the sentence says total itself
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


@pytest.mark.parametrize(
    ("question", "first", "second"),
    [
        # the segment word and the compound of the second item are not the first's (the total's)
        ("云知声第三季度汽车总销量和高端车型的销量分别是多少？", [], [["高端"]]),
        ("云知声第三季度总营收和海外市场的收入分别是多少？", [], [["海外"]]),
    ],
)
def test_two_part_segments_stay_with_their_item(question, first, second):
    spec = analyse_question(question, load_glossary(), _idf)
    got = split_spec(question, spec, ["以及", "和", "与", "及", "、", " and "])
    assert len(got) == 2
    assert [f[:1] for f in got[0].segments] == first
    assert [f[:1] for f in got[1].segments] == second
    assert not any(c in got[1].item and c not in got[0].item for c, _ in got[0].compounds)


def test_two_part_question_gets_both_figures():
    got = _answers("云知声第三季度收入和经调整净利润分别是多少？")  # (a half asked of a quarter's article: nothing)
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


def test_a_sentence_in_another_institutions_document_is_not_about_the_company_asked():
    """"IDC:…" is about IDC (an institution, no company): its sentences that name no company
    do not answer a question about a company the document never names."""
    from dataclasses import replace

    g = load_glossary()
    g = replace(g, aliases={**g.aliases, "idc": "IDC"}, doc_subjects={"idc-doc": {"IDC"}, "own": {"云知声"}})
    text = "2025年上半年中国AI云市场收入规模约223亿元。"
    chunk = Chunk(id="i:1", doc_id="idc-doc", title="IDC:中国AI云市场", text=text, headings=[])
    own = Chunk(id="o:1", doc_id="own", title="云知声业绩", text=text, headings=[])
    q = "云知声2025年上半年收入是多少？"

    def idf(term: str) -> float:
        return 1.0 if term in normalize(text + "云知声") else 5.0

    assert score_candidates(q, [Passage(chunk=own, score=1.0)], g, idf)[0]  # the company's own document
    assert not score_candidates(q, [Passage(chunk=chunk, score=1.0)], g, idf)[0]


def test_an_explainer_naming_no_company_states_no_companys_figure():
    """A document about no company (an explainer of metrics) does not answer a figure of a
    company, though its sentences hold the metric ("偿付能力充足率不得低于50%")."""
    text = "核心偿付能力充足率不得低于50%，综合偿付能力充足率不得低于100%。"
    chunk = Chunk(id="e:1", doc_id="explainer", title="看懂保险股的指标", text=text, headings=[])

    def idf(term: str) -> float:
        return 1.0 if term in normalize(text + "云知声") else 5.0

    g = load_glossary()
    assert not score_candidates("云知声的偿付能力充足率是多少？", [Passage(chunk=chunk, score=1.0)], g, idf)[0]
    assert score_candidates("核心偿付能力充足率不得低于多少？", [Passage(chunk=chunk, score=1.0)], g, idf)[0]


TABLE = (
    "| 生态 | 2025年上半年保费 | 同比 |\n|---|---|---|\n| 健康生态 | 62.3亿元 | +18.2% |\n"
    "| 汽车生态 | 19.8亿元 | +15.6% |\n| 合计 | 168.4亿元 | +12.5% |"
)


def test_a_table_rows_label_is_its_scope():
    """"总保费" (no metric of the glossary) is answered by the table's 合计 row, not by a segment's row."""
    chunk = Chunk(id="t:1", doc_id="t", title="云知声上半年保费", text=TABLE, headings=["云知声上半年保费"], kind="table")

    def idf(term: str) -> float:
        return 3.0 if term in normalize(TABLE + "云知声") else 5.0

    cands, spec = score_candidates("云知声2025年上半年总保费是多少？", [Passage(chunk=chunk, score=1.0)], load_glossary(), idf)
    assert spec.scope == "explicit"
    assert [c.text for c in cands] == ["合计:2025年上半年保费168.4亿元;同比+12.5%"]


@pytest.mark.parametrize(
    ("question", "missing"),
    [
        ("云知声第三季度收入和退保率分别是多少？", ["退保率"]),  # a word no passage holds: said to be missing
        ("云知声第三季度收入和经调整净利润分别是多少？", []),  # both stated
    ],
)
def test_a_two_part_question_says_which_part_is_missing(question, missing):
    chunk = Chunk(id="x:1", doc_id="x", title=TITLE, text=ARTICLE, headings=[TITLE])
    cands, spec = score_candidates(question, [Passage(chunk=chunk, score=1.0)], load_glossary(), _idf)
    assert spec.missing == missing
    assert cands  # the part that is stated is answered


def test_a_half_asked_without_its_year_is_never_answered_by_the_other_half():
    text = "云知声预期下半年净息差将维持在2.0%至2.1%之间。云知声上半年净息差收窄至2.08%。"
    chunk = Chunk(id="h:1", doc_id="h", title="云知声中期业绩", text=text, headings=[])

    def idf(term: str) -> float:
        return 3.0 if term in normalize(text) else 5.0

    cands, spec = score_candidates("云知声上半年净息差是多少？", [Passage(chunk=chunk, score=1.0)], load_glossary(), idf)
    assert spec.periods == {(None, "H1")}
    assert [c.text for c in cands] == ["云知声上半年净息差收窄至2.08%。"]


# --- a company no document names, beside one the catalogue knows (subjects.unknown_names) ---

_KNOWN = {"金沙": "金沙中国", "金沙中国": "金沙中国", "澳门": "澳门", "燃气": "燃气", "蒙牛": "蒙牛乳业", "蒙牛乳业": "蒙牛乳业"}
_DOCUMENTS = "金沙中国第三季度经调整EBITDA为5.92亿美元。澳门博彩收入增长。蒙牛乳业奶粉收入下降，各业务承压。城市燃气零售气量增长。太二收入约21.3亿元，表现完美的门店。"


@pytest.mark.parametrize(
    ("question", "unknown"),
    [
        # a known name that does not open the name asked: another company ("澳门", "燃气" are known)
        ("永利澳门第三季度经调整EBITDA是多少？", ["永利澳门"]),
        ("中国燃气上半年零售气量是多少？", ["中国燃气"]),
        # a name before a month: the subject, although "中国" opens many descriptions
        ("中国国航10月份载客量多少？", ["中国国航"]),
        ("中国国航9月的客运运载率是多少？", ["中国国航"]),
        # a known company, then words the documents use: a segment, not another company
        ("蒙牛乳业奶粉业务的毛利率是多少？", []),
        ("金沙中国第三季度经调整EBITDA有多少？", []),
        ("金沙第三季度经调整EBITDA有多少？", []),
        # a verb before a known name opens no other name ("报告" is a lead word, "预测" a verb)
        ("报告预测金沙中国2026年的收入是多少？", []),
        # the reader's words before a known name ("概括一下" of a summary) open no other name
        ("概括一下金沙中国第三季度的业绩要点。", []),
        ("总结一下蒙牛乳业的经营情况", []),
        # a word the documents use, then a common word: no name ("太二" is a brand, "贡献" a verb)
        ("太二贡献了多少？", []),
        # but a company suffix makes a name, though its first word is in the documents ("完美的")
        ("美的集团上半年收入多少？", ["美的集团"]),
    ],
)
def test_a_name_beside_a_known_one_is_checked_on_its_own(question, unknown, monkeypatch):
    from chatbot import subjects
    from chatbot.glossary import Glossary

    asked: list[str] = []
    real = subjects.beside_known
    monkeypatch.setattr(subjects, "beside_known", lambda name, g: asked.append(name) or real(name, g))
    glossary = Glossary(aliases=dict(_KNOWN), companies=set(_KNOWN.values()))
    assert subjects.unknown_names(question, glossary, lambda s: s.lower() in _DOCUMENTS.lower()) == unknown
    assert len(asked) == len(set(asked))  # each name's known parts worked out once a question


# a subject made of common words that no dictionary holds as one word is a name ("钢铁城" is 钢铁 +
# 城); one holding a word for a part of a company, a trade or a market is none (config/catalogue.toml
# [question] part_words)
_PASSAGES = "钢铁行业需求回落。眼镜零售渠道扩张。坦克品牌销量增长。手机业务收入增长。城市化率提高。"


@pytest.mark.parametrize(
    ("question", "unknown"),
    [
        ("钢铁城第三季度营收多少？", ["钢铁城"]),
        ("手机银行2025年上半年的用户数是多少？", ["手机银行"]),
        # the passages write it: a name they hold
        ("眼镜零售上半年收入多少？", []),
        # a trade, a market, a brand, a segment of a company
        ("钢铁行业三季度利润是多少？", []),
        ("手机市场第二季度出货量多少？", []),
        ("坦克品牌第三季度销量是多少？", []),
        ("手机业务上半年收入多少？", []),
    ],
)
def test_a_subject_of_common_words_no_dictionary_holds_is_a_name(question, unknown):
    from chatbot.glossary import Glossary
    from chatbot.subjects import unknown_names

    assert unknown_names(question, Glossary(), lambda s: s.lower() in _PASSAGES.lower()) == unknown


@pytest.mark.parametrize(
    ("name", "opening", "rest"),
    [("永利澳门", "永利", []), ("中国燃气", "中国", []), ("蒙牛乳业奶粉业务", "", ["奶粉", "业务"]),
     ("金沙中国", "", []), ("国航", "", []), ("Wynn Macau", "", [])],
)
def test_beside_known(name, opening, rest):
    from chatbot.glossary import Glossary
    from chatbot.subjects import beside_known

    assert beside_known(name, Glossary(aliases=dict(_KNOWN))) == (opening, rest)


@pytest.mark.parametrize(
    ("question", "metric"),
    [("金蝶上半年亏了多少？", "净亏损"), ("信义光能这次中期派息多少？", "股息"),  # a question's everyday words for a metric
     ("蒙牛上半年营收多少？", "收入"), ("康衢大药房上半年的营业额是多少？", "收入"),
     ("What was the group's turnover in the first half?", "收入"), ("芯澜预计2025年股东应占溢利多少？", "净利润")],
)
def test_a_metric_as_a_question_writes_it(question, metric):
    assert metric in load_glossary().metrics_in(question)


# --- units of measure, table headers' units, and the metric's own clause ------------------

UNITS_ARTICLE = (
    "云知声表示，第四季度是传统淡季，但预计收入仍将实现双位数同比增长；在营门店数已超过2,500家。\n\n"
    "截至6月30日，在管项目5,412个，人均管理面积同比提升约9%。\n\n"
    "| 季度 | 充电量(亿度) | 同比 |\n|---|---|---|\n| 2025年第三季度 | 36.9 | +41.2% |\n"
)


def _unit_answers(question: str) -> list[str]:
    chunk = Chunk(id="u:1", doc_id="u", title=TITLE, text=UNITS_ARTICLE, headings=[TITLE])
    idf = lambda t: 3.0 if t in normalize(UNITS_ARTICLE + TITLE) else 5.0  # noqa: E731
    cands, _ = score_candidates(question, [Passage(chunk=chunk, score=1.0)], load_glossary(), idf)
    return [c.text for c in cands]


@pytest.mark.parametrize(
    ("question", "unit"),
    [
        ("万物云在管物业面积有多少平方米？", "平方米"),
        ("特来电第三季度充电量是多少亿度？", "度"),
        ("招商局港口10月完成多少万标准箱？", "标准箱"),
        ("第三季度收入是多少亿元？", ""),  # money: evidence.asked_unit's
        ("第三季度充电量是多少？", ""),  # no unit named
    ],
)
def test_asked_measure(question, unit):
    assert asked_measure(question) == unit


@pytest.mark.parametrize(
    ("text", "unit", "states"),
    [
        ("充电量36.9亿度", "度", True),
        ("完成集装箱吞吐量1,612.5万标准箱", "标准箱", True),
        ("2025年第三季度收入40.2亿元", "度", False),  # "季度" is no figure in 度
        ("在管项目5,412个，管理面积同比提升约9%", "平方米", False),
    ],
)
def test_states_measure(text, unit, states):
    assert states_measure(text, unit) is states


@pytest.mark.parametrize(
    ("text", "without"),
    [
        ("第四季度是传统淡季，但预计收入仍将实现双位数同比增长；在营门店数已超过2,500家。", True),
        ("第三季度收入55.1亿元，同比增长13.4%；经调整净利润10.2亿元。", False),
        ("门店数已超过2,500家。", False),  # does not name the metric: not this rule's
        ("收入方面，公司表示增长稳健，第三季度收入为55.1亿元。", False),  # a clause naming it holds a figure
    ],
)
def test_metric_without_figure(text, without):
    assert metric_without_figure(text, [["收入", "营收"]]) is without


def test_a_near_miss_by_unit_or_by_clause_is_no_answer():
    assert not _unit_answers("云知声第四季度收入是多少？")  # the 收入 clause states no figure
    assert not _unit_answers("云知声在管项目的面积有多少平方米？")  # a count and a rate, no area
    assert any("36.9亿度" in t for t in _unit_answers("云知声第三季度充电量是多少亿度？"))


@pytest.mark.parametrize(
    ("header", "cell", "shown"),
    [
        ("充电量(亿度)", "36.9", "充电量36.9亿度"),
        ("载客量（万人次）", "289.5", "载客量289.5万人次"),
        ("收入（亿元）", "1,234.5", "收入1,234.5亿元"),
        ("同比(%)", "+12.5", "同比+12.5%"),
        ("销售收入（美元口径）", "23.82亿美元", "销售收入（美元口径）23.82亿美元"),  # a note, no unit
        ("充电量(亿度)", "—", "充电量—"),  # no number: no unit, nothing to attach
        ("使用率(亿度)", "88.7%", "使用率88.7%"),  # a rate is in no unit of amounts
        ("同比", "+41.2%", "同比+41.2%"),
    ],
)
def test_table_cell_with_its_headers_unit(header, cell, shown):
    assert with_unit(header, cell) == shown


def test_a_table_row_is_read_and_checked_with_its_headers_unit():
    from chatbot.evidence import passage_sentences

    rows = [shown for raw, shown, _, _ in passage_sentences(UNITS_ARTICLE) if raw.startswith("|")]
    assert rows == ["2025年第三季度:充电量36.9亿度;同比+41.2%"]
    assert figure_supported("36.9亿", checkable(UNITS_ARTICLE))
    assert not figure_supported("36.9亿", normalize(UNITS_ARTICLE))


@pytest.mark.parametrize(
    ("question", "found"),
    [
        ("云知声的股票代码是多少？", True),  # the code is only in the H1 heading
        ("云知声的港股代码是什么？", True),  # (not a figure question by its words: the metric says so)
        ("云知声第三季度收入是多少？", False),  # no heading metric: headings are no sentences
    ],
)
def test_a_code_stated_only_in_a_heading_answers(question, found):
    heading = "云知声（股票代码：9678）：第三季度点评"
    chunk = Chunk(id="h:1", doc_id="h", title=TITLE, text="云知声第三季度收入为18.2亿元。", headings=[heading, "业绩概要"])
    held = normalize(heading + chunk.text)
    cands, _ = score_candidates(question, [Passage(chunk=chunk, score=1.0)], load_glossary(),
                                lambda t: 3.0 if t in held else 5.0)
    assert (heading in [c.text for c in cands]) is found


@pytest.mark.parametrize(
    ("highlights", "quote"),
    [
        (["云知声（股票代码：9678）：第三季度点评"], "云知声（股票代码：9678）：第三季度点评\n云知声第三季度收入为18.2亿元。"),
        (["云知声第三季度收入为18.2亿元。"], "云知声第三季度收入为18.2亿元。"),  # a heading not quoted is not in the quote
        (None, "云知声第三季度收入为18.2亿元。"),
    ],
)
def test_a_quoted_heading_is_part_of_the_citation(highlights, quote):
    from chatbot.models import Citation

    chunk = Chunk(id="h:1", doc_id="h", title=TITLE, text="云知声第三季度收入为18.2亿元。",
                  headings=["云知声（股票代码：9678）：第三季度点评"])
    assert Citation.from_chunk(1, chunk, highlights).quote == quote


def test_a_row_label_writes_the_unit_of_its_cells():
    from chatbot.evidence import passage_sentences

    table = "| 指标 | 2025年第一季度 | 2025年第二季度 |\n|---|---|---|\n| 收入（亿元） | 43.7 | 46.9 |\n| 收入同比增速 | 14.2% | 10.8% |\n"
    rows = [shown for _, shown, _, _ in passage_sentences(table)]
    assert rows == ["收入:2025年第一季度43.7亿元;2025年第二季度46.9亿元", "收入同比增速:2025年第一季度14.2%;2025年第二季度10.8%"]
    assert figure_supported("43.7亿", checkable(table))


def test_a_figure_from_a_table_cell_is_verified_by_its_row():
    from chatbot.figures import supporting_sentence

    assert supporting_sentence("36.9亿", UNITS_ARTICLE) == "2025年第三季度 | 36.9 | +41.2%"
    assert supporting_sentence("37.0亿", UNITS_ARTICLE) == ""


@pytest.mark.parametrize(("text", "leads"), [
    ("- **为什么甲收入翻倍**:订单集中验收。三季度单季收入18.4亿元,接近上半年的总和。",
     ["", "为什么甲收入翻倍:订单集中验收。"]),
    ("订单集中验收,确认收入。三季度单季收入18.4亿元,接近上半年的总和。", ["", ""]),  # a paragraph: no lead
    ("- 第一项说明很长的一句话。\n- 第二项另一句很长的话。", ["", ""]),  # each item its own first sentence
])
def test_a_list_items_later_sentences_have_its_first_as_their_lead(text, leads):
    from chatbot.evidence import item_leads, passage_sentences

    assert len(item_leads(text)) == len(passage_sentences(text))
    assert [lead.replace("**", "") for lead in item_leads(text)] == leads


def test_a_list_items_later_sentence_is_about_the_company_its_first_names():
    """In an article on two companies, "- 为什么智谱…：…。三季度单季收入18.4亿元…" is about 智谱: the later
    sentence names no company, and it never answers a question about the other one."""
    from dataclasses import replace

    g = load_glossary()
    g = replace(g, doc_subjects={"two": {"智谱", "MiniMax"}})
    text = ("- **为什么智谱三季度收入翻倍**:公司表示,上半年发出的订单在三季度集中验收。三季度单季收入18.4亿元,接近上半年的总和。\n"
            "- **为什么MiniMax利润增速慢于收入**:研发投入继续加码。")
    chunk = Chunk(id="t:1", doc_id="two", title="智谱与MiniMax三季报对比", text=text, headings=["智谱与MiniMax三季报对比", "驱动因素"])

    def idf(term: str) -> float:
        return 1.0 if term in normalize(text) else 5.0

    def answers(q: str) -> list[str]:
        return [c.text for c in score_candidates(q, [Passage(chunk=chunk, score=1.0)], g, idf)[0]]

    assert any("18.4亿元" in a for a in answers("智谱三季度单季收入是多少？"))
    assert not any("18.4亿元" in a for a in answers("MiniMax三季度单季收入是多少？"))


@pytest.mark.parametrize(
    ("question", "standalone"),
    [
        ("港股代码9678对应的是哪家公司？", "港股代码9678（云知声）对应的是哪家公司？"),  # the company listed under it
        ("股份代号：09678是谁？", "股份代号：09678（云知声）是谁？"),  # written with its leading zero
        ("港股代码1234对应的是哪家公司？", "港股代码1234对应的是哪家公司？"),  # no company under it: unchanged
        ("云知声去年有9678名员工吗？", "云知声去年有9678名员工吗？"),  # a number, no ticker word
    ],
)
def test_a_tickers_number_names_its_company(question, standalone):
    from chatbot.glossary import Glossary

    glossary = Glossary(aliases={"云知声": "云知声", "9678.hk": "云知声"})
    assert glossary.name_tickers(question) == standalone


def test_the_publisher_a_question_names_is_the_passages_context():
    """"明澈证券把X的目标价调到了多少" is answered by the broker's own "我们…上调至45.5港元": the passage's
    publisher is context for the question's words (never a company the passage is about)."""
    text = "我们维持买入评级，将云知声目标价由41.0港元上调至45.5港元。"
    passage = Passage(chunk=Chunk(id="b:1", doc_id="b", text=text, publisher="明澈证券研究所"))
    cands, _ = score_candidates("明澈证券把云知声的目标价调到了多少港元？", [passage], load_glossary(),
                                lambda t: 4.0 if t == "证券" else 1.0 if t in normalize(text) else 5.0)  # 证券: indexed, rare
    assert [c.text for c in cands] == [text]


@pytest.mark.parametrize(
    ("text", "answered"),
    [
        # companies named after "包括" take part in the figure: it is the document's company's
        ("18家基石投资者合计认购约15.83亿港元，约占发售股份43%，包括商汤、第四范式等。", True),
        ("基石投资者合计认购约15.83亿港元，例如商汤认购约3亿港元。", True),
        # a company named before the list is the sentence's subject: not the one asked
        ("商汤的基石投资者合计认购约15.83亿港元，包括第四范式等。", False),
    ],
)
def test_companies_listed_after_an_enumeration_are_not_the_subject(text, answered):
    from dataclasses import replace

    g = load_glossary()
    g = replace(g, doc_subjects={"own": {"天数智芯"}})
    chunk = Chunk(id="o:1", doc_id="own", title="天数智芯启动招股", text=text, headings=[])

    def idf(term: str) -> float:
        return 1.0 if term in normalize(text + "天数智芯") else 5.0

    cands, _ = score_candidates("天数智芯的基石投资者合计认购了多少？", [Passage(chunk=chunk, score=1.0)], g, idf)
    assert bool(cands) is answered, [c.text for c in cands]


MONTHLY = (
    "迅邦10月份完成快递业务量25.12亿票，同比增长15.8%。\n\n"
    "| 月份 | 快递业务量（亿票） | 业务量同比 |\n|---|---|---|\n| 2025年7月 | 21.36 | +18.2% |\n| 2025年8月 | 22.05 | +17.5% |\n\n"
    "累计来看，2025年1至10月迅邦完成快递业务量208.7亿票，同比增长19.4%。"
)


@pytest.mark.parametrize(
    ("question", "figure"),
    [
        # a row labelled "2025年7月" is July's; a month's question is never answered by the range holding it
        ("迅邦2025年7月份的快递业务量是多少？", "21.36"),
        ("迅邦10月份快递业务量同比增长多少？", "15.8%"),
        ("迅邦今年1到10月累计完成多少快递业务量？", "208.7亿"),
        ("迅邦2025年6月份的快递业务量是多少？", None),  # no row, no sentence for June
    ],
)
def test_monthly_rows_and_ranges_of_months(question, figure):
    chunk = Chunk(id="m:1", doc_id="m", title="迅邦快递经营简报", text=MONTHLY, headings=[])
    g = load_glossary()

    def idf(term: str) -> float:
        return 3.0 if term in normalize(MONTHLY + "迅邦") else 5.0

    from dataclasses import replace

    g = replace(g, aliases={**g.aliases, "迅邦": "迅邦"}, companies={*g.companies, "迅邦"}, doc_subjects={"m": {"迅邦"}})
    cands, _ = score_candidates(question, [Passage(chunk=chunk, score=1.0)], g, idf)
    if figure is None:
        assert cands == [], [c.text for c in cands]
    else:
        assert cands
        assert figure in cands[0].text.replace(",", ""), [c.text for c in cands]


BROKER = ("业务方面，前三季度经纪业务手续费净收入38.9亿元，同比增长52.3%；投资银行业务手续费净收入9.6亿元，"
          "同比增长18.2%，公司今年曾担任智谱H股配售等项目的承销商。\n\n"
          "报告显示，2025年1月至9月，迅邦实现营业收入138.7亿元；归属于母公司股东的净利润44.2亿元，同比增长48.6%。\n\n"
          "智谱H股配售募资12.5亿港元，为公司今年承销的项目之一。")


@pytest.mark.parametrize(
    ("question", "figure"),
    [
        # in the asked company's own article, a company named after the clause of the first figure is its client
        ("迅邦前三季度投行业务的手续费净收入是多少？", "9.6亿"),
        # an abbreviation the question uses for what the article writes in full (config/glossary.toml [synonyms])
        ("迅邦2025年前三季度归母净利润是多少？", "44.2亿"),
        # a company named before the figure is the figure's subject: the client's proceeds are not the broker's
        ("迅邦H股配售募资多少？", None),
    ],
)
def test_the_subject_is_named_before_the_figure(question, figure):
    from dataclasses import replace

    chunk = Chunk(id="b:1", doc_id="b", title="迅邦证券前三季度业绩", text=BROKER, headings=[])
    g = load_glossary()
    g = replace(g, aliases={**g.aliases, "迅邦": "迅邦"}, companies={*g.companies, "迅邦"}, doc_subjects={"b": {"迅邦"}})

    def idf(term: str) -> float:
        return 3.0 if term in normalize(BROKER + "迅邦") else 5.0

    cands, _ = score_candidates(question, [Passage(chunk=chunk, score=1.0)], g, idf)
    if figure is None:
        assert not [c.text for c in cands if "12.5亿" in c.text]
    else:
        assert cands
        assert figure in cands[0].text, [c.text for c in cands]


HERD_TABLE = ("| 公司 | 出栏量（万头） | 9月末能繁母猪（万头） |\n|---|---|---|\n| 迅邦 | 636 | 102 |\n\n"
              "迅邦9月末能繁母猪淘汰量12万头。")


def test_a_row_states_the_figure_a_compounds_head_names():
    """The compound's last word (存栏) names the kind of figure: the row states one right after the
    compound's other words; a sentence naming another kind of figure of the same thing (淘汰量) does not."""
    question, figure = "迅邦9月末能繁母猪存栏多少？", "102万头"
    from dataclasses import replace

    chunk = Chunk(id="h:1", doc_id="h", title="生猪养殖企业对比", text=HERD_TABLE, headings=["四家公司前三季度数据对比"])
    g = load_glossary()
    g = replace(g, aliases={**g.aliases, "迅邦": "迅邦"}, companies={*g.companies, "迅邦"}, doc_subjects={"h": {"迅邦"}})

    def idf(term: str) -> float:  # (存栏: a rare word, which some other passage holds)
        return 4.6 if term == "存栏" else 3.0 if term in normalize(HERD_TABLE + "迅邦") else 5.0

    cands, _ = score_candidates(question, [Passage(chunk=chunk, score=1.0)], g, idf)
    assert [c.text for c in cands if figure in c.text], [c.text for c in cands]
    assert not [c.text for c in cands if "淘汰" in c.text]


@pytest.mark.parametrize(("question", "name", "expected"), [
    ("嘉岳重工前九个月收益是多少？", "嘉岳", "嘉岳重工"),  # a line of business after a name the documents hold
    ("凯沃厨电第三季度收入多少？", "凯沃", "凯沃厨电"),
    ("昆岳钢铁三季度营收多少？", "昆岳", "昆岳钢铁"),
    ("嘉岳集团前九个月收益是多少？", "嘉岳", ""),  # a generic tail: may be the company asked
    ("嘉岳前九个月收益是多少？", "嘉岳", ""),  # nothing after the name
    ("嘉岳电梯新梯业务收入多少？", "嘉岳电梯新梯业务", ""),
    ("What was Jiayue Steel's revenue?", "Jiayue", ""),  # English names are not read here
])
def test_business_after_reads_the_line_of_business_written_after_a_name(question, name, expected):
    from chatbot.names import load_rules
    from chatbot.subjects import business_after

    assert business_after(question, name, load_rules()) == expected


def _idf_all_indexed(term: str) -> float:
    """Every word is held by some passage of the index (metric words weigh little): nothing is absent
    (only the token no passage holds, which the index's idf is asked for, weighs more)."""
    if term == "\uffff":
        return 5.0
    return 0.5 if term in ("收入", "营业收入", "营收", "净利润") else 3.0


@pytest.mark.parametrize(
    ("question", "missing", "found"),
    [
        # a part no sentence of the passages names (though other documents hold its words): said to be missing,
        # not answered by the other part's sentence or another figure
        ("云知声第三季度影像产品收入和研发费用分别是多少？", ["研发费用"], "13.5亿"),
        ("云知声第三季度影像产品收入和经调整净利润分别是多少？", [], "4.67亿"),  # both stated
    ],
)
def test_a_part_no_sentence_names_is_missing(question, missing, found):
    chunk = Chunk(id="x:1", doc_id="x", title=TITLE, text=ARTICLE, headings=[TITLE])
    cands, spec = score_candidates(question, [Passage(chunk=chunk, score=1.0)], load_glossary(), _idf_all_indexed)
    assert spec.missing == missing
    assert any(found in c.text for c in cands), [c.text for c in cands]


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        ("云知声第三季度总收入是多少，经调整净利润多少？", [["收入"], ["净利润", "经调整"]]),
        ("云知声第三季度营业收入是多少？毛利率呢？", [["营业收入"], ["毛利率"]]),
        ("云知声第三季度影像产品和智能云两块业务的收入分别是多少？", [["影像", "收入"], ["智能云", "收入"]]),  # both 收入
        ("云知声第三季度收入是多少，同比增长多少？", []),  # a figure and its growth: one sentence states both
    ],
)
def test_two_questions_joined_are_two_parts(question, parts):
    from chatbot.evidence_config import evidence_config

    cfg = evidence_config()["two_part"]
    spec = analyse_question(question, load_glossary(), _idf)
    got = split_spec(question, spec, cfg["conjunctions"], cfg["clause_breaks"])
    asked = [{a for grp in p.groups if grp.kind in ("metric", "word") for a in grp.alternatives} for p in got]
    assert len(got) == len(parts)
    for want, have, other in zip(parts, asked, parts[::-1], strict=True):
        assert set(map(normalize, want)) & have, (want, have)
        assert not set(map(normalize, other)) <= have


# --- a figure per unit of a thing ("每吨煤的成本" is written "吨煤成本", "单吨成本", "元/吨") ------------------


@pytest.mark.parametrize(
    ("question", "forms"),
    [
        ("黔川能源三季度每吨煤的生产成本是多少？", ["每吨", "单吨", "/吨", "吨煤"]),
        ("每辆车的平均售价是多少？", ["每辆", "单车", "/辆", "车车"]),
        ("每吨的成本是多少？", ["每吨", "单吨", "/吨"]),  # no thing named after the unit
        ("每股收益是多少？", []),  # not a unit of config/evidence.toml [units] per_units (a glossary metric)
    ],
)
def test_per_unit_forms(question, forms):
    spec = analyse_question(question, load_glossary(), lambda t: 3.0)
    found = [[a for a in g.alternatives if not a.isascii()] for g in spec.groups  # (the Chinese forms: the English
             if len(g.alternatives) > 1 and g.alternatives[0].startswith("每") and g.kind != "metric"]  # ones follow)
    assert found == ([forms] if forms else [])


@pytest.mark.parametrize(
    ("unit", "thing", "forms"),
    [("吨", "铝", ["每吨", "单吨", "/吨", "吨铝"]), ("辆", "", ["每辆", "单车", "/辆"]),
     ("平方米", "", ["每平方米", "单平", "/平方米"])],
)
def test_per_unit_forms_of_a_unit(unit, thing, forms):
    assert [f for f in per_unit_forms(unit, thing) if not f.isascii()] == forms  # (English forms: test_lookup43_rules)


PER_UNIT_ARTICLE = "第三季度自产煤吨煤成本：晋昊能源301元、黔川能源398元。\n\n黔川能源第三季度商品煤产量为620万吨。"


def test_a_per_unit_figure_is_found_as_the_document_writes_it():
    chunk = Chunk(id="c:1", doc_id="c", title="煤企第三季度", text=PER_UNIT_ARTICLE, headings=["煤企第三季度"])
    idf = lambda t: 3.0 if t in normalize(PER_UNIT_ARTICLE) else 5.0  # noqa: E731
    from dataclasses import replace

    g = load_glossary()
    g = replace(g, aliases={**g.aliases, "黔川能源": "黔川能源", "晋昊能源": "晋昊能源"},
                companies={*g.companies, "黔川能源", "晋昊能源"})
    cands, _ = score_candidates("黔川能源三季度每吨煤的成本是多少？", [Passage(chunk=chunk, score=1.0)], g, idf)
    assert [c.text for c in cands][:1] == ["第三季度自产煤吨煤成本：晋昊能源301元、黔川能源398元。"]


# --- the company a figure question asks, beside another name it holds ------------------

ROWS = ("| 公司 | 前三季度收入 | 长协销量占比 |\n|---|---|---|\n| 晋昊能源（1867.HK） | 312.6亿元 | 68% |\n"
        "| 北垣矿业（2866.HK） | 143.9亿元 | 72% |")


def test_another_name_in_the_question_does_not_let_another_companys_figure_answer():
    """The catalogue may take a common word for an organisation ("长协"): a sentence naming it and another
    company is still that company's figure."""
    from dataclasses import replace

    g = load_glossary()
    names = {"晋昊能源": "晋昊能源", "北垣矿业": "北垣矿业", "长协": "长协"}
    g = replace(g, aliases={**g.aliases, **names}, companies={*g.companies, "晋昊能源", "北垣矿业"})
    chunk = Chunk(id="r:1", doc_id="r", title="煤企对比", text=ROWS, headings=["煤企对比"])
    idf = lambda t: 3.0 if t in normalize(ROWS) else 5.0  # noqa: E731
    cands, _ = score_candidates("北垣矿业长协煤销量占比多少？", [Passage(chunk=chunk, score=1.0)], g, idf)
    assert cands
    assert all("北垣矿业" in c.text for c in cands)


@pytest.mark.parametrize(
    ("question", "items", "periods"),
    [
        # an item that names its own period is asked of that period only (the period before each is its own)
        ("云知声前三季度的收入和第三季度的毛利率分别是多少？", ["前三季度的收入", "第三季度的毛利率"],
         [{(None, "Q1-3")}, {(None, "Q3")}]),
        # the same figure asked of two periods: the repeated metric is each item's, the periods tell them apart
        ("云知声2024年的净利润以及2025年上半年的净利润各是多少？", ["2024年的净利润", "2025年上半年的净利润"],
         [{("2024", None)}, {("2025", "H1")}]),
        ("云知声上半年收入是多少？2024年全年的收入呢？", ["上半年收入", "2024年全年的收入"],
         [{(None, "H1")}, {("2024", None)}]),
        # a period both items share stays the question's
        ("云知声第三季度海外销量和营业收入分别是多少？", ["海外销量", "营业收入"], [{(None, "Q3")}, {(None, "Q3")}]),
        # periods that are the items themselves are both asked of each (the answer quotes either's sentence)
        ("云知声今年一季度和二季度的收入分别是多少？", ["今年一季度", "二季度的收入"],
         [{(None, "Q1"), (None, "Q2")}, {(None, "Q1"), (None, "Q2")}]),
        # an English item is shown as the question writes it; the conjunction's words are neither item's
        ("What were Unisound's revenue as well as its number of employees?", ["revenue", "its number of employees"],
         [set(), set()]),
    ],
)
def test_two_part_items_and_their_periods(question, items, periods):
    from chatbot.evidence_config import evidence_config

    cfg = evidence_config()["two_part"]
    got = split_spec(question, analyse_question(question, load_glossary(), _idf), cfg["conjunctions"], cfg["clause_breaks"])
    assert [p.item for p in got] == items
    assert [p.periods for p in got] == periods
    assert not any("well" in a for p in got for g in p.groups for a in g.alternatives)


def test_two_companies_one_figure_name_the_figure_in_both_items():
    from chatbot.evidence_config import evidence_config

    q = "云知声和智谱上半年的收入分别是多少？"
    cfg = evidence_config()["two_part"]
    got = split_spec(q, analyse_question(q, load_glossary(), _idf), cfg["conjunctions"], cfg["clause_breaks"])
    assert [p.item for p in got] == ["云知声上半年的收入", "智谱上半年的收入"]


@pytest.mark.parametrize(
    ("question", "second"),
    [
        # the segment the second item names is its own, though the figure after it is both items'
        ("小米第二季度手机×AIoT分部和智能电动汽车及AI等创新业务分部收入分别是多少？", "创新"),
    ],
)
def test_each_item_holds_only_its_own_segment(question, second):
    from chatbot.evidence_config import evidence_config

    cfg = evidence_config()["two_part"]
    parts = split_spec(question, analyse_question(question, load_glossary(), _idf), cfg["conjunctions"],
                       cfg["clause_breaks"])
    marked = [[a for g in p.required if g.marked for a in g.alternatives] for p in parts]
    assert len(parts) == 2
    assert second not in " ".join(marked[0])
    assert any(second in a for a in marked[1])



@pytest.mark.parametrize(("question", "written", "parts"), [
    # two words a passage writes as one name, with the conjunction in it: one row's name, not two items
    ("云知声10月国际及地区旅客吞吐量是多少？", "| 其中：国际及地区旅客（万人次） | 48.7 |", 0),
    ("云知声10月国际及地区旅客吞吐量是多少？", "国际航线旅客12万人次，地区航线旅客3万人次。", 2),  # written apart
    ("云知声10月国际及地区旅客吞吐量分别是多少？", "| 国际及地区旅客 | 48.7 |", 2),  # asked one by one
])
def test_a_name_the_documents_write_with_a_conjunction_is_one_item(question, written, parts):
    cfg = evidence_config()["two_part"]
    spec = analyse_question(question, load_glossary(), lambda term: 5.0 if term == "\uffff" else 3.0)  # (every word indexed)
    got = split_spec(question, spec, cfg["conjunctions"], cfg["clause_breaks"],
                     written=lambda phrase: phrase in normalize(written), respectively=cfg["respectively"])
    assert len(got) == parts


REGIONS = (
    "| 地区 | 截至2025年9月30日止九个月（人民币万元） | 截至2024年9月30日止九个月（人民币万元） | 变动 |\n"
    "|---|---|---|---|\n| 华东 | 121,530 | 110,842 | +9.6% |\n| 华南 | 68,214 | 58,163 | +17.3% |\n"
    "| 合计 | 278,436 | 249,045 | +11.8% |\n"
)


def test_a_region_row_answers_in_its_tables_words():
    """The row says the period by its columns ("截至…止九个月" for 前三季度), the region without its suffix ("华南"
    for 华南地区) and the growth by its change cell ("变动+17.3%"): it is relevant enough to answer, and only it."""
    chunk = Chunk(id="r:1", doc_id="r", title="云知声九个月业绩", text=REGIONS, headings=["云知声九个月业绩", "按地区划分之收入"],
                  kind="table")
    cands, _ = score_candidates("云知声前三季度华南地区收入多少？同比增长多少？", [Passage(chunk=chunk, score=1.0)],
                                load_glossary(), _idf)
    assert [c.text.split(":")[0] for c in cands] == ["华南"]
    assert cands[0].coverage >= 0.35  # (config/default.toml answer.min_relevance)
