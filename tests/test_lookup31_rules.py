"""Table-driven tests of the session-31 rules (dev-31's misses, by mechanism): a month's figure asked as the month's
alone ("单月", "当月") is never the year's nor a balance at the year's end; a count in 份; a word whose last character
the tokenizer gave to a word no passage holds ("芝麻卷卖了"); a table whose total row sums to a figure its lead-in
states has that figure's metric; an English question's part written between the company's "'s" and its metric; a
finance term no passage writes is held; a follow-up that is an ellipsis and then its own ask, or names the year before;
an HTML table's caption read as the line that introduces it."""

from __future__ import annotations

import re

import pytest

from test_lookup20_rules import _idf
from test_lookup30_rules import _glossary


def _sentences(question: str, text: str, title: str, kind: str = "text") -> list[str]:
    """The sentences chosen from one passage of `text` (云知声, "Unisound", is a catalogued company)."""
    from chatbot.evidence import score_candidates
    from chatbot.models import Chunk, Passage

    chunk = Chunk(id="x:1", doc_id="x", title=title, text=text, headings=[title], kind=kind)
    cands, _ = score_candidates(question, [Passage(chunk=chunk, score=1.0)], _glossary(text + title), _idf(text + title))
    return [c.text for c in cands]


# --- a month's figure asked as the month's alone ----------------------------------------------------------------------

YEAR_POWER = "公司2025年实现上网电量18.62亿千瓦时，同比增长9.3%。\n\n截至2025年末，应收补贴款余额约21.45亿元。"
MONTH_POWER = "2025年12月，公司上网电量1.72亿千瓦时，同比增长4.1%。"


@pytest.mark.parametrize(("question", "text", "answered"), [
    ("云知声2025年12月单月的上网电量是多少？", YEAR_POWER, False),  # the year's, and a balance at its end: no month's
    ("云知声2025年12月当月的上网电量是多少？", YEAR_POWER, False),
    ("云知声2025年12月单月的上网电量是多少？", MONTH_POWER, True),
    ("云知声2025年的上网电量是多少？", YEAR_POWER, True),
])
def test_a_months_own_figure_is_never_the_years(question, text, answered):
    assert bool(_sentences(question, text, "云知声经营数据")) is answered


@pytest.mark.parametrize(("asked", "stated", "flow", "match"), [
    ({("2025", "M12")}, {("2025", "end")}, False, True),  # a balance at December's end: the year's end
    ({("2025", "M12")}, {("2025", "end")}, True, False),  # what was done over December: no balance gives it
    ({("2025", "M12")}, {("2025", None)}, True, False),  # nor the year's figure
    ({("2025", "M12")}, {("2025", None)}, False, True),  # (a month may be an event's date)
    ({("2025", "M12")}, {("2025", "M12")}, True, True),
])
def test_a_flow_over_a_month_is_stated_only_by_that_month(asked, stated, flow, match):
    from chatbot.text import period_match

    assert period_match(asked, stated, flow=flow) is match


@pytest.mark.parametrize(("question", "measures"), [
    ("云知声10月新签了多少份服务合同？", ["份"]),
    ("云知声在电商渠道占多少份额？", []),  # a share, no count
])
def test_a_count_in_copies(question, measures):
    from chatbot.evidence import measure_words

    assert measure_words(question) == measures


# --- a word whose last character went to the word after it ------------------------------------------------------------

PRODUCTS = ("公司2025年收入约人民币19.86亿元，全年销量3.64万吨。\n\n| 产品 | 2025年（人民币万元） | 2024年（人民币万元） |\n"
            "|---|---|---|\n| 芝麻卷 | 46,150 | 41,870 |\n| 苏打饼干 | 152,450 | 131,280 |\n| 合计 | 198,600 | 173,150 |\n")


@pytest.mark.parametrize(("question", "figure"), [
    ("云知声2025年芝麻卷卖了多少吨？", None),  # 芝麻 / 卷卖: the row is 芝麻卷, given in money only
    ("云知声2025年芝麻卷收入是多少？", "46,150"),
    ("云知声2025年芝麻卷卖了多少钱？", "46,150"),
])
def test_a_word_cut_short_by_the_tokenizer_is_read_as_the_passages_write_it(question, figure):
    found = _sentences(question, PRODUCTS, "云知声业绩")
    assert (figure is None and not found) or (figure is not None and found and figure in found[0])


# --- a table whose total row sums to a figure its lead-in states --------------------------------------------------------

@pytest.mark.parametrize(("text", "question", "figure"), [
    (PRODUCTS, "云知声2025年苏打饼干收入是多少？", "152,450"),  # 198,600万元 is the lead-in's 19.86亿元 of revenue
    (PRODUCTS, "云知声2025年苏打饼干净利润是多少？", None),  # no other metric
    (PRODUCTS.replace("19.86亿元", "21.40亿元"), "云知声2025年苏打饼干收入是多少？", None),  # the total is no figure stated
    ("For 2025, revenue rose 6.4% to RMB1,284.6 million.\n\n| Product | 2025 (RMB million) | 2024 (RMB million) |\n"
     "|---|---|---|\n| Rock wool boards | 742.8 | 801.5 |\n| Glass wool rolls | 541.8 | 406.5 |\n| Total | 1,284.6 | 1,208.0 |\n",
     "How much revenue did Unisound's rock wool boards bring in during 2025?", "742.8"),
])
def test_a_tables_total_row_gives_it_the_metric_its_lead_in_states(text, question, figure):
    found = _sentences(question, text, "云知声业绩")
    assert (figure is None and not found) or (figure is not None and found and figure in found[0])


def test_the_total_stated_is_the_lead_ins_clause():
    from chatbot.evidence import total_stated

    table = PRODUCTS[PRODUCTS.index("|"):]
    assert "收入" in total_stated(table, PRODUCTS[: PRODUCTS.index("|")])
    assert total_stated(table, "公司2025年净利润约2.31亿元。") == ""
    assert total_stated(table, "") == ""


# --- an English question's part of the company, and a finance term no passage writes ----------------------------------

WOOL = ("For 2025, revenue rose 6.4% to RMB1,284.6 million. The group also resells mineral fibre ceilings.\n\n| Product | 2025 (RMB million) | 2024 (RMB million) |\n"
        "|---|---|---|\n| Rock wool boards | 742.8 | 801.5 |\n| Glass wool rolls | 541.8 | 406.5 |\n| Total | 1,284.6 | 1,208.0 |\n\n"
        "| Covenant | 31 December 2025 |\n|---|---|\n| Net debt / EBITDA (times) | 3.92 |\n")


@pytest.mark.parametrize(("question", "figure"), [
    ("What were Unisound's glass wool sales in 2025?", "541.8"),
    ("What were Unisound's mineral fibre ceiling sales in 2025?", None),  # a part no figure is given of: not the total
    ("What was Unisound's revenue in 2025?", "1,284.6"),
    ("What was Unisound's net gearing at 31 December 2025?", None),  # no passage writes it: not another ratio
    ("What was Unisound's net debt to EBITDA at 31 December 2025?", "3.92"),
])
def test_an_english_questions_part_and_term_are_named_by_the_answer(question, figure):
    found = _sentences(question, WOOL, "Unisound results")
    assert (figure is None and not found) or (figure is not None and found and figure in found[0])


# --- follow-ups --------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("question", "before", "standalone"), [
    ("那第二季度呢？上网电量和收入各是多少？", "云知声2025年第三季度收入是多少？", "云知声第二季度上网电量和收入各是多少？"),
    ("电商渠道呢？收入和占比分别是多少？", "云知声2025年门店渠道收入是多少？", "云知声2025年电商渠道收入和占比分别是多少？"),
    ("上一个财年是多少？", "云知声2025财年来自美国的收入是多少？", "云知声2024财年来自美国的收入是多少？"),
    ("那上一年呢？", "云知声2025年的收入是多少？", "云知声2024年的收入是多少？"),
    ("那第二季度呢？", "云知声2025年第三季度收入是多少？", "云知声第二季度收入是多少？"),  # as before (the year: engine.with_year_before)
])
def test_a_follow_up_resolved(question, before, standalone):
    from chatbot.followup import resolve_followup
    from chatbot.glossary import load_glossary

    history = [{"role": "user", "content": before}, {"role": "assistant", "content": "……[1]"}]
    assert resolve_followup(question, history, load_glossary()) == standalone


# --- an HTML table's caption --------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("| 按产品划分的收入（人民币千元） |  |  |\n|---|---|---|\n| 产品 | 2025年 | 2024年 |\n|---|---|---|\n| A | 1 | 2 |",
     "按产品划分的收入（人民币千元）\n\n| 产品 | 2025年 | 2024年 |\n|---|---|---|\n| A | 1 | 2 |"),
    ("| 产品 | 2025年 |  |\n|---|---|---|\n| A | 1 | 2 |", "| 产品 | 2025年 |  |\n|---|---|---|\n| A | 1 | 2 |"),  # a header
    ("| 风险 |\n|---|\n| 竞争 |", "| 风险 |\n|---|\n| 竞争 |"),  # one column
])
def test_an_html_tables_caption_is_the_line_before_it(text, expected):
    from ingest.loaders import caption_rows_as_lines

    assert caption_rows_as_lines(text) == expected


@pytest.mark.parametrize(("question", "before", "answer", "standalone"), [
    # points back at the turn before ("this", or a word it wrote): the conversation's company
    ("What are the pros and cons of this for shareholders?", "What has Unisound proposed?", "A share consolidation [1].",
     "云知声: What are the pros and cons of this for shareholders?"),
    ("When must the rest of the land price be paid?", "What land did Unisound win at auction?", "An industrial parcel [1].",
     "云知声: When must the rest of the land price be paid?"),
    # a question of its own: as asked
    ("What is chapter 18C?", "What was Unisound's revenue in 2025?", "RMB1.2 billion [1].", "What is chapter 18C?"),
])
def test_an_english_follow_up_pointing_back_carries_the_company(question, before, answer, standalone):
    from chatbot.followup import resolve_followup
    from chatbot.glossary import load_glossary

    history = [{"role": "user", "content": before}, {"role": "assistant", "content": answer}]
    assert resolve_followup(question, history, load_glossary()) == standalone


@pytest.mark.parametrize(("question", "intent"), [
    ("What is the latest deadline for paying the rest of the land price?", "lookup"),  # the last day allowed
    ("What is Unisound's latest revenue figure?", "latest"),
])
def test_the_latest_deadline_is_no_latest_figure(question, intent):
    from chatbot.intent import detect_intent

    assert detect_intent(question).name == intent


# --- computed figures: operands as the rows write them -----------------------------------------------------------------

@pytest.mark.parametrize(("question", "kind", "a_terms"), [
    ("云知声2025年芝麻卷收入占总收入的比例是多少？", "share", ["芝麻卷"]),  # 芝麻 / 卷: the row 芝麻卷, not "夹心芝麻"
    ("云知声2025年鞋面革收入同比下降了百分之多少？", "growth", ["鞋面革"]),  # a fall in percent is a growth asked
    ("What share of Unisound's 2025 revenue came from seaweed rolls (海苔卷)?", "share", ["海苔卷"]),  # the Chinese given
])
def test_a_derived_questions_part_is_read_as_written(question, kind, a_terms):
    from chatbot.compute import read_derived
    from chatbot.glossary import load_glossary

    dq = read_derived(question, load_glossary())
    assert dq is not None
    assert dq.kind == kind
    part = [g for g in dq.a.terms if not any(f in ("收入", "revenue") for f in g)]
    assert part == [a_terms]


@pytest.mark.parametrize(("sentence", "evidence", "accepted"), [
    ("902.6百万÷1011.8百万−1≈-10.8%", "鞋面革:2025年902.6百万元;2024年1011.8百万元", {"-10.8%", "10.8%"}),
    ("902.6百万÷1011.8百万−1≈-12.8%", "鞋面革:2025年902.6百万元;2024年1011.8百万元", set()),  # wrong arithmetic
])
def test_a_fall_computed_is_checked_with_or_without_its_sign(sentence, evidence, accepted):
    from chatbot.compute import verify_formulas
    from chatbot.text import normalize

    ok = verify_formulas(sentence, normalize(evidence))
    assert accepted <= ok
    assert (accepted or not any("%" in x for x in ok))


def test_a_rows_part_comes_from_its_row_never_the_articles_title():
    """A share whose part only the title names (a snack maker's "海苔零食基地") is never the company's total; a row's
    metric comes from its table's total row matching the lead-in's revenue."""
    from chatbot.compose.figures import _facts
    from chatbot.compute import find_operand, read_derived
    from chatbot.glossary import load_glossary
    from chatbot.models import Chunk, Passage

    text = ("公司2025年收入约人民币19.86亿元，同比增长14.7%。\n\n| 产品 | 2025年（人民币万元） |\n|---|---|\n"
            "| 芝麻卷 | 46,150 |\n| 夹心芝麻 | 152,450 |\n| 合计 | 198,600 |\n")
    chunk = Chunk(id="x:1", doc_id="x", title="云知声拟建年产3.6万吨芝麻零食基地", text=text, headings=["云知声", "业绩"])
    facts = _facts([Passage(chunk=chunk, score=1.0)])
    dq = read_derived("云知声2025年芝麻卷收入占总收入的比例是多少？", load_glossary())
    part = find_operand(facts, dq.a, lambda f, e: True)
    assert part is not None
    assert part.lo == 461_500_000


GRANTS = ("集团累计收到政府补助合共人民币6,380万元。其中与收益相关的补助2,150万元；与资产相关的补助4,230万元。\n\n"
          "| 日期 | 补助项目 | 金额 | 类别 |\n|---|---|---|---|\n| 2025年11月12日 | 专项资金 | 3,200 | 与资产相关 |\n"
          "| 2025年12月3日 | 研发补助 | 1,180 | 与收益相关 |\n| 2026年1月9日 | 设备补助 | 1,030 | 与资产相关 |\n")


def test_related_to_names_which_and_one_listed_item_is_no_total():
    """"与资产相关的一共有多少": "与…相关" says which grants (no second item, no sum to compute), and a dated row of one
    grant is no total beside the sentence stating the sum."""
    from chatbot.compute import read_derived
    from chatbot.intent import detect_intent

    question = "云知声这次披露的政府补助里，与资产相关的一共有多少？"
    assert detect_intent(question).name != "derived"
    assert read_derived(question, _glossary()) is None or read_derived(question, _glossary()).kind != "sum"
    found = _sentences(question, GRANTS, "云知声自愿公告")
    assert found
    assert "4,230万元" in found[0]


BASES = ("| 基地 | 年产能（万张） | 2025年产量（万张） |\n|---|---|---|\n| 河北辛集 | 180 | 161.2 |\n| 越南同奈 | 90 | 71.8 |\n"
         "| 合计 | 270 | 233.0 |\n")


def test_a_rows_share_of_its_table_is_over_the_tables_total_row_in_its_column():
    from chatbot.compose.figures import _facts, _table_total
    from chatbot.models import Chunk, Passage

    chunk = Chunk(id="x:1", doc_id="x", title="云知声生产基地", text=BASES, headings=["云知声", "生产基地"])
    facts = _facts([Passage(chunk=chunk, score=1.0)])
    part = next(f for f in facts if "71.8" in f.sentence and "产量" in f.clause)
    total = _table_total(facts, part)
    assert total is not None
    assert total.lo == 2_330_000  # the output column's total, not the capacity's (270)


@pytest.mark.parametrize(("question", "kind"), [
    ("云知声2026财年上半年卷烟纸收入同比下降了百分之多少？", "growth"),  # a change in percent
    ("What percentage of Unisound's 2025 revenue came from Europe?", "share"),
])
def test_a_change_or_share_asked_in_other_words(question, kind):
    from chatbot.compute import read_derived
    from chatbot.intent import detect_intent

    assert detect_intent(question).name == "derived"
    dq = read_derived(question, _glossary())
    assert dq is not None
    assert dq.kind == kind


def test_an_amount_asked_of_a_change_is_no_growth_rate():
    from chatbot.intent import reader_config

    assert not re.search(reader_config()["compute"]["growth_asked"], "云知声2025年收入同比增长多少亿元？")


SHIPMENTS = ("该基地目前光刻胶年产能500吨，公司计划在2027年底前把年产能提升至1,200吨。截至2025年9月底，公司产品已进入48家晶圆厂的"
             "供应名单。\n\n| 月份 | 出货量（吨） |\n|---|---|\n| 2025年10月 | 18.6 |\n| 2025年11月 | 21.3 |\n")


@pytest.mark.parametrize(("question", "figure"), [
    ("云知声2025年11月出货量是多少？", "21.3"),
    ("云知声2025年9月出货量是多少？", None),  # a month before the rows: no capacity, no count at the month's end
    ("How many tonnes did Unisound ship in September 2025?", None),
    ("How many tonnes did Unisound ship in November 2025?", "21.3"),
])
def test_a_volume_over_a_month_is_only_that_months(question, figure):
    found = _sentences(question, SHIPMENTS, "云知声经营数据")
    if figure is None:
        assert not found
    else:
        assert found
        assert figure in found[0]


@pytest.mark.parametrize(("text", "capacity"), [
    ("该基地目前光刻胶年产能500吨，公司计划把年产能提升至1,200吨。", True),
    ("10月出货18.6吨，年产能500吨。", False),  # a shipment beside the capacity
])
def test_a_capacity_stated_as_a_figure_is_no_output(text, capacity):
    from chatbot.evidence import capacity_only

    assert capacity_only(text) is capacity



def test_a_speaker_or_a_count_is_no_part_of_the_figure():
    from chatbot.evidence import analyse_question

    question = "云知声估计两条线停产会让今年一季度少收多少钱？"  # who estimates, and the lines counted: no part
    spec = analyse_question(question, _glossary(), _idf("云知声 收入 一季度 停产 两条线 估计"))
    assert not [a for g in spec.required for a in g.alternatives if a in ("估计", "两条线")]


@pytest.mark.parametrize(("word", "count"), [("两条线", True), ("三家门店", True), ("四线城市", False), ("一线城市", False)])
def test_a_numeral_and_a_classifier_open_a_count(word, count):
    from chatbot.evidence_config import evidence_config

    assert bool(re.match(evidence_config()["required"]["count_phrase"], word)) is count


def test_a_company_words_written_after_its_short_name_are_no_operand_term():
    from chatbot.compute import read_derived

    dq = read_derived("按预告区间，云知声电子2025年收入预计比2024年增长多少？", _glossary())
    assert dq is not None
    assert not any("电子" in x for g in dq.a.terms for x in g)


@pytest.mark.parametrize(("question", "text", "held"), [
    ("云知声2025年前九个月i线光刻胶收入是多少？", "| 产品 | 2025年前九个月 |\n|---|---|\n| g/i线光刻胶 | 218,460 |\n", ["i线"]),
    ("云知声H股的发售价是多少？", "| 类别 | 股数 |\n|---|---|\n| H股 | 2.45亿股 |\n", []),  # a share class: no part
    ("云知声的AI客户留存率是多少？", "AI客户留存率为72%。", []),  # no row names it
])
def test_a_two_script_part_is_a_tables_row_name(question, text, held):
    from chatbot.evidence import score_candidates
    from chatbot.models import Chunk, Passage

    chunk = Chunk(id="x:1", doc_id="x", title="云知声", text=text, headings=["云知声"])
    _, spec = score_candidates(question, [Passage(chunk=chunk, score=1.0)], _glossary(text), _idf(text))
    assert [a for g in spec.required if g.marked for a in g.alternatives if re.search(r"[a-z]", a)] == held
