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
        # "what <a metric> did X <verb> in <a period>" asks that figure, of that period
        ("What net profit did Unisound book in the three months to September 2025?", True, False, {"云知声"},
         {("2025", "Q3")}),
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


# an article that gives one quarter's cost and another quarter's output, and a month table
GOLD = "鸿岳黄金第三季度全维持成本约每盎司1,285美元。鸿岳黄金第三季度矿产金产量8.46吨，第二季度为7.95吨。"
MONTHS = "| 月份 | 快递业务量（亿票） | 同比 |\n|---|---|---|\n| 2025年7月 | 21.36 | +18.2% |\n| 2025年8月 | 22.05 | +17.5% |\n"


def _gold_idf(term: str) -> float:
    return 2.5 if term in normalize(GOLD + MONTHS) else 5.0


@pytest.mark.parametrize(
    ("question", "answers"),
    [
        # "全维持成本" is cut 全 / 维持 / 成本; the passage writes it as one: a sentence must name it
        ("鸿岳黄金第三季度的全维持成本是多少？", ["鸿岳黄金第三季度全维持成本约每盎司1,285美元。"]),
        ("鸿岳黄金第二季度的产量是多少？", ["鸿岳黄金第三季度矿产金产量8.46吨，第二季度为7.95吨。"]),
        ("鸿岳黄金第二季度的全维持成本是多少？", []),  # only output is given for Q2: not its cost
        # a month with its year: that month's row, no other month's
        ("鸿岳黄金2025年8月的快递业务量是多少？", ["2025年8月:快递业务量22.05亿票;同比+17.5%"]),
        ("鸿岳黄金2025年6月的快递业务量是多少？", []),
    ],
)
def test_a_compound_the_passage_writes_and_a_dated_month_are_hard(question, answers):
    # (a heading naming one word of the compound, "成本可控", does not make any sentence under it name the cost)
    passages = [Passage(chunk=Chunk(id="g:1", doc_id="g", text=GOLD, headings=["鸿岳黄金三季报点评：量价齐升，成本可控"])),
                Passage(chunk=Chunk(id="g:2", doc_id="g", text=MONTHS, kind="table", title="鸿岳黄金月度数据"))]
    cands, _ = score_candidates(question, passages, load_glossary(), _gold_idf)
    assert [c.text for c in select(cands, 0.3, 4)] == answers


@pytest.mark.parametrize(
    ("question", "compounds"),
    [
        ("鸿岳黄金第二季度的全维持成本是多少？", ["维持成本"]),
        ("云知声上半年海外业务收入多少？", ["海外业务"]),  # the company and the metric (收入) are no part of it
        ("鸿岳黄金第二季度成本是多少？", []),  # one word
    ],
)
def test_compounds(question, compounds):
    spec = analyse_question(question, load_glossary(), lambda t: 5.0 if t == "\uffff" else 2.5)  # every word indexed
    assert [c for c, _ in spec.compounds] == compounds


def test_a_compound_beside_a_known_metric_only_says_of_what():
    """"云知声港股上市募资多少" asks 募资 (a metric): "港股上市" says of what, and the sentence that states the
    proceeds ("募资约356.57亿港元") answers though it names neither 港股 nor 上市."""
    text = "云知声完成港股上市。云知声全球发售约1.356亿股，募资约356.57亿港元。"
    passages = [Passage(chunk=Chunk(id="c:1", doc_id="c", text=text))]
    cands, spec = score_candidates("云知声港股上市募资多少？", passages, load_glossary(),
                                   lambda t: 5.0 if t == "\uffff" else 2.5)
    assert [c for c, _ in spec.compounds] == ["港股上市"]
    assert "云知声全球发售约1.356亿股，募资约356.57亿港元。" in [c.text for c in select(cands, 0.3, 4)]


HERDS = ("| 公司 | 出栏量（万头） | 净利润（亿元） | 9月末能繁母猪（万头） |\n|---|---|---|---|\n"
         "| 青禾农业（002971） | 1,862 | 98.7 | 315 |")
STOCKS = "| 公司 | 6月末总资产（亿元） | 9月末总资产（亿元） |\n|---|---|---|\n| 青禾农业 | 1,200 | 1,260 |"


@pytest.mark.parametrize(
    ("table", "periods"),
    [
        # flows under headers naming no period beside a stock at a month's end: the flows are of the
        # reporting period that closes there (前三季度), the stock at 9月末
        (HERDS, {(None, "M09-end"), (None, "Q1-3")}),
        # every figure column names its own point in time: no flow, no period beyond them
        (STOCKS, {(None, "M06-end"), (None, "M09-end")}),
    ],
)
def test_a_table_rows_periods(table, periods):
    assert passage_sentences(table)[0][3] == periods


@pytest.mark.parametrize(
    ("question", "measure", "answers"),
    [
        ("丰牧农业前三季度出栏了多少万头生猪？", "头", True),  # the header's unit (万头) read with the cell
        ("丰牧农业前三季度出栏了多少万吨生猪？", "吨", False),  # a count of heads is no weight
    ],
)
def test_a_count_of_livestock_is_a_measure(question, measure, answers):
    from chatbot.evidence import asked_measure, states_measure

    assert asked_measure(question) == measure
    assert states_measure(passage_sentences(HERDS)[0][1], measure) is answers


@pytest.mark.parametrize(
    ("question", "sentence", "answers"),
    [
        # a count asked by its classifier (config/evidence.toml [units] measures) is answered by a count in it
        ("某船厂今年交付了多少艘散货船？", "前十个月共交付散货船1,204艘。", True),
        ("某船厂今年交付了多少艘散货船？", "散货船均价约为3.2亿元。", False),
        ("某地产商上半年卖了多少套房子？", "上半年售出住宅2316套。", True),
    ],
)
def test_a_count_by_its_classifier_is_a_measure(question, sentence, answers):
    from chatbot.evidence import asked_measure, states_measure

    assert states_measure(sentence, asked_measure(question)) is answers



@pytest.mark.parametrize(
    ("question", "absent_word"),
    [
        ("汇湛证券2025年前三季度归母净利润是多少？", "年前"),  # 2025 / 年前 / 三季度: the year's 年 and the period's 前
        ("某公司2024年前十个月收入多少？", "年前"),
    ],
)
def test_a_token_cut_across_a_year_and_its_period_is_no_word_of_the_question(question, absent_word):
    spec = analyse_question(question, load_glossary(), lambda t: 5.0 if t == "\uffff" else 2.5)
    assert absent_word not in [a for g in spec.groups for a in g.alternatives]
    assert spec.periods  # the year and the period stay


# A period named without its year, in a dated article: each row a question, the article (title, date, text),
# and the figures of the sentences that answer it ([] : none does)
_JIANGHAI_TITLE = "云知声前三季度归母净利润21.7亿元增64%，新接订单61.5亿美元"
_JIANGHAI_HEADING = "云知声前三季度净利大增64%，手持订单排至2028年"
_JIANGHAI = ("单看第三季度，云知声营业收入109.8亿元，同比增长22.1%。前三季度综合毛利率为15.8%，较上年同期提升3.9个百分点。\n\n"
             "公司发布2025年第三季度报告。前三季度，云知声实现营业收入312.4亿元，同比增长18.6%。\n\n"
             "| 季度 | 新签艘数 |\n|---|---|\n| 三季度 | 17 |")


@pytest.mark.parametrize(
    ("question", "figures"),
    [
        # a plain year after the article's date ("排至2028年" in its heading) is no year of its results
        ("云知声2025年前三季度毛利率是多少？", ["15.8%"]),
        ("云知声2024年前三季度毛利率是多少？", []),
        # a quarter alone is not the three quarters: the sentence carrying "2025年第三季度报告" states 前三季度's revenue
        ("云知声2025年第三季度收入多少？", ["109.8亿"]),
        # "单季" says the period asked, no word a sentence must repeat (config/evidence.toml [period] single_period)
        ("云知声第三季度单季的收入有多少？", ["109.8亿"]),
        # the item asked named only in the title ("订单"): a sentence stating another metric's figure is no answer
        ("云知声三季度新签了多少订单？", ["17"]),
    ],
)
def test_a_period_without_its_year_in_a_dated_article(question, figures):
    chunk = Chunk(id="j:1", doc_id="j", text=_JIANGHAI, title=_JIANGHAI_TITLE, headings=[_JIANGHAI_HEADING], date="2025-10-28")
    cands, _ = score_candidates(question, [Passage(chunk=chunk)], load_glossary(), lambda t: 5.0 if t == "\uffff" else 2.5)
    got = [f for c in cands for f in c.figures if f in ("15.8%", "109.8亿", "312.4亿", "17")]
    assert sorted(set(got)) == sorted(figures)
