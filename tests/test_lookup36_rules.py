"""Table-driven tests of the session-36 rules (dev-36's misses, by mechanism): a figure asked in a currency other than
元, 港元 and 美元, an English unit in a table's caption, a Chinese question over an article written in English (the
question's verbs and units in English for retrieval; its unit as the article writes it), a name-shaped word the
passages write inside a longer term, a period's words that join no items, a place asked by "在…的", a place that is
where the company lists, a volume written by its verb, words that say how much of a figure (no word of it), a month's
flow that takes no month from another paragraph, and a share's operand read by its head."""

from __future__ import annotations

import pytest

from chatbot.glossary import Glossary, load_glossary
from chatbot.models import Chunk, Passage
from chatbot.text import normalize

# --- a figure asked in another currency: the unit asked, written in the article's English form --------------------


@pytest.mark.parametrize(("question", "unit"), [
    ("璘峡海产2025年第四季度收入多少挪威克朗？", "挪威克朗"),
    ("收购余下股权要付多少新西兰元？", "新西兰元"),
    ("框架协议值多少欧元？", "欧元"),
    ("收入多少港元？", "港元"),
    ("收入多少亿？", "亿"),
    ("收入是多少？", ""),
])
def test_the_currency_asked(question, unit):
    from chatbot.evidence import asked_unit

    assert asked_unit(question) == unit


@pytest.mark.parametrize(("text", "unit", "written"), [
    ("fourth-quarter revenue rose 12.3% to NOK 4,105 million", "挪威克朗", True),
    ("consideration of NZ$86.4 million", "新西兰元", True),
    ("a framework agreement worth about EUR 185 million", "欧元", True),
    ("revenue rose 9.7% to 14,286 million", "挪威克朗", False),  # no currency written
    ("The Nokia brand", "挪威克朗", False),  # a word holding the code is none
    ("收入4,105百万挪威克朗", "港元", False),  # 港元 is read by the figures, not here
])
def test_a_currency_as_an_english_article_writes_it(text, unit, written):
    from chatbot.evidence import currency_written

    assert currency_written(text, unit) is written


def test_a_currency_asked_is_no_word_a_sentence_must_write():
    from chatbot.evidence import analyse_question
    from test_lookup20_rules import _idf

    spec = analyse_question("云知声2025年第四季度收入多少挪威克朗？", load_glossary(), _idf("云知声 2025 第四季度 收入"))
    assert spec.unit == "挪威克朗"
    assert not any("挪威克朗" in g.alternatives for g in spec.groups)


# --- a table's caption writing an English unit or currency --------------------------------------------------------


@pytest.mark.parametrize(("caption", "unit", "states"), [
    ("FY2025 harvest by farming region (tonnes GWT)", "tonnes", True),
    ("FY2025 harvest by farming region (tonnes GWT)", "吨", False),  # the Chinese unit is matched by its cells' forms
    ("FY2025 revenue by destination market (NOK million)", "挪威克朗", True),
    ("FY2025 revenue by destination market (NOK million)", "tonnes", False),
])
def test_a_caption_writing_an_english_unit(caption, unit, states):
    from chatbot.evidence import _caption_states_unit

    assert _caption_states_unit(caption, unit) is states


@pytest.mark.parametrize(("text", "unit", "states"), [
    (normalize("Guidance: the company expects to harvest about 195,000 tonnes in 2026."), "吨", True),
    (normalize("Guidance: the company expects to harvest about 195,000 tonnes in 2026."), "tonnes", True),
    ("Harvest volume rose 6.1% to 186,400 tonnes gutted weight.", "tonnes", True),
    ("revenue rose 9.7% to NOK 14,286 million", "吨", False),
    ("Shipments of 612 units", "辆", False),  # "units" counts any kind: no form of one unit
])
def test_a_chinese_unit_as_an_english_article_writes_it(text, unit, states):
    from chatbot.evidence import states_measure

    assert states_measure(text, unit) is states


# --- a Chinese question over an article written in English: what retrieval adds -------------------------------------


def test_a_chinese_questions_verbs_and_units_in_english():
    from chatbot.retrieval import with_english_nouns

    words = set(with_english_nouns("璘峡海产预计2026年收获多少吨三文鱼？").lower().split())
    assert {"harvest", "tonnes", "salmon", "guidance"} <= words


@pytest.mark.parametrize(("word", "form"), [
    ("收获", "harvest"),  # its first dictionary entry only points to a variant: the senses are in the next
    ("三文鱼", "salmon"),
    ("预计", "forecast"),
])
def test_a_words_english_forms_past_a_variant_entry(word, form):
    from chatbot.bilingual import english_forms

    assert form in english_forms(word)


@pytest.mark.parametrize(("word", "place"), [
    ("European", "欧洲"),
    ("african", "非洲"),
    ("revenue", ""),
    ("Europe", ""),  # a place itself, no adjective of its people
])
def test_the_place_an_adjective_of_people_names(word, place):
    from chatbot.bilingual import demonym_place

    assert demonym_place(word) == place


@pytest.mark.parametrize(("question", "place", "written", "unknown"), [
    ("What share of Manakai Orchards' FY2025 kiwifruit sales volume came from New Zealand?", "Zealand", ["新西兰"], False),
    ("How much revenue did Qorvane Labs make in Saudi Arabia?", "Arabia", ["沙国"], False),
    ("What was Movantra's revenue in South Korea in 1H FY2026?", "Korea", [], True),  # no document writes it: unknown
])
def test_a_place_of_two_words_the_documents_write_is_no_unknown_name(question, place, written, unknown):
    from dataclasses import replace

    from chatbot.bilingual import cedict_index
    from chatbot.subjects import uncatalogued_names

    glossary = replace(load_glossary(), translate=lambda w: [z for z in cedict_index().get(w, []) if z in written])
    assert any(place in n for n in uncatalogued_names(question, glossary)) is unknown


# --- a name-shaped word the passages write inside a longer term -----------------------------------------------------


@pytest.mark.parametrize(("name", "question", "texts", "part"), [
    ("电子设计自动化软件", "采购电子设计自动化软件许可花了多少钱", ["电子设计自动化软件许可:采购额320万美元"], True),
    ("华启证券", "华启证券把目标价调到了多少", ["华启证券维持买入评级"], False),  # the broker: a name
    ("电子设计自动化软件", "电子设计自动化软件花了多少钱", ["电子设计自动化软件许可:采购额320万美元"], False),
    ("海博思", "海博思创2025年上半年的收入是多少", ["新方向包括与海博思创合作"], False),  # a name cut short
    ("铖联", "铖联电子2025年前三季度收入是多少", ["同业铖联电子的股价也随之走弱"], False),  # a name's own last word
])
def test_a_name_written_on_into_a_term_the_passages_write(name, question, texts, part):
    from chatbot.evidence import part_of_written_term

    assert part_of_written_term(name, question, texts) is part


# --- a period's words join no two items --------------------------------------------------------------------------


@pytest.mark.parametrize(("question", "parts"), [
    ("云知声去年10月和一家连锁超市签的框架协议值多少钱？", 0),  # one agreement, signed last October
    ("云知声今年一季度和二季度的收入分别是多少？", 2),  # the periods are the items
])
def test_a_periods_words_join_no_items(question, parts):
    from chatbot.evidence import analyse_question, split_spec
    from chatbot.evidence_config import evidence_config

    cfg = evidence_config()["two_part"]
    from test_lookup20_rules import _idf

    spec = analyse_question(question, load_glossary(), _idf(f"{question} 法国"))
    assert len(split_spec(question, spec, cfg["conjunctions"], cfg["clause_breaks"])) == parts


# --- a place asked by "在…的"; a place where the company lists is no region ---------------------------------------


@pytest.fixture(scope="module")
def orchard():
    aliases = {"蔓恺果业": "蔓恺果业", "璘峡海产": "璘峡海产"}
    return Glossary(aliases=aliases, companies=set(aliases.values()), metrics=load_glossary().metrics)


@pytest.mark.parametrize(("question", "held"), [
    ("蔓恺果业在丰盛湾的猕猴桃销量是多少？", "丰盛湾"),  # a place the tokenizer does not know: held whole
    ("蔓恺果业在2025年的猕猴桃销量是多少？", None),  # a period
])
def test_a_place_asked_by_zai_de_is_held(orchard, question, held):
    from chatbot.evidence import analyse_question
    from test_lookup20_rules import _idf

    spec = analyse_question(question, orchard, _idf("蔓恺果业 猕猴桃 销量 新西兰丰盛湾 2025"))
    marked = [g.alternatives[0] for g in spec.required if g.marked]
    assert (held in marked) if held else not any(a.startswith("2025") for a in marked)


@pytest.mark.parametrize(("question", "word", "after"), [
    ("璘峡海产的香港上市文件预计哪天刊发？", "香港", False),  # where it lists
    ("璘峡海产的香港收入是多少？", "香港", True),  # a region's revenue
])
def test_a_place_where_the_company_lists_is_no_region(orchard, question, word, after):
    from chatbot.evidence import _after_company

    assert _after_company(question, word, {"璘峡海产"}, orchard) is after


# --- a volume written by its verb; words of how much of a figure ----------------------------------------------------


@pytest.mark.parametrize(("form", "text", "written"), [
    ("出货量", "期内各类望远镜及显微镜出货68.4万台，同比增长15.2%。", True),
    ("销量", "销售了12万吨", False),  # a form of two characters: no verb of one
    ("出货量", "出货安排已经恢复正常。", False),  # no figure after it
])
def test_a_volume_written_by_its_verb(form, text, written):
    from chatbot.evidence import volume_by_verb

    assert volume_by_verb(form, text) is written


def _answers(question: str, text: str, title: str = "云知声公告", date: str = "2025-07-10") -> list[str]:
    from chatbot.evidence import score_candidates
    from test_lookup20_rules import _idf

    chunk = Chunk(id="x:1", doc_id="x", title=title, text=text, headings=[title], date=date)
    cands, _ = score_candidates(question, [Passage(chunk=chunk, score=1.0)], load_glossary(), _idf(f"{title} {text}"))
    return [c.text for c in cands]


def test_words_of_how_much_of_a_figure_name_no_figure():
    text = "- 项目位于抚松产业园，主要产品为人参制品，一年加工鲜参约6,000吨。\n- 公司承诺项目全部投产后的年纳税额不低于8,000万元。"
    assert not _answers("云知声的抚松产业园全部达产后，一年能产出多少钱的产品？", text)  # (全部: the tax's sentence)


def test_a_months_flow_takes_no_month_from_another_paragraph():
    text = "- 利息收入3.84亿元，同比下降12.6%。\n- 2026财年第一季度新增放款5.62亿元；其中6月新增放款1.74亿元。"
    assert not _answers("云知声2025年6月一个月的利息收入是多少？", text)  # (the year's, the month from the line below)
    assert _answers("云知声2025年6月一个月新增放款多少？", text) == ["2026财年第一季度新增放款5.62亿元；其中6月新增放款1.74亿元。"]


# --- a share's operand read by its head; counts of head ------------------------------------------------------------


def test_a_row_of_head_counted():
    from chatbot.compute import facts_in

    assert [(f.lo, f.currency) for f in facts_in("存栏22.4万头")] == [(224000.0, "头")]


def test_a_share_operand_is_the_cell_its_head_names():
    from chatbot.compute import Operand, facts_in, find_operand

    facts = facts_in("内蒙古:牧场数量14座;存栏22.4万头")
    for f in facts:  # (the caption's clause names the other column's word too)
        f.row, f.table_context = True, " 肉牛存栏48.6万头"
    got = find_operand(facts, Operand(None, [["内蒙古"], ["牧场"], ["存栏"]], None), lambda f, e: True)
    assert got is not None
    assert got.lo == 224000.0


# --- an English question's part after "from" or "for its"; an amount of land; livestock sold and held -----------------


@pytest.mark.parametrize(("question", "held"), [
    ("How much revenue did Unisound make from microscopes in 1H FY2026?", ["microscopes"]),
    ("What NPL ratio did Unisound report for its farmer loans?", ["farmer"]),
    ("How much revenue did Unisound make in 1H FY2026?", []),
    ("How much revenue did Unisound make from blue-collar microscopes?", []),  # a part no passage writes: not held
    ("How much did Unisound's revenue change from a year earlier?", []),  # a comparison's base, no part
])
def test_the_part_an_english_question_asks_is_held(question, held):
    from chatbot.evidence import QuestionSpec, TermGroup, _its_parts_en

    groups = [TermGroup(["microscopes", "显微镜"], 3.0), TermGroup(["farmer", "农户"], 3.0), TermGroup(["earlier"], 3.0),
              TermGroup(["贷款", "loans"], 3.0, kind="term"), TermGroup(["blue-collar"], 5.0, absent=True)]
    spec = QuestionSpec(groups=groups, entities={"云知声"}, metrics=[], periods=set(), wants_figure=True, wants_list=False)
    got = _its_parts_en(question, spec, ["显微镜:收入198,460", "农户贷款:不良率4.37%", "a year earlier"], load_glossary())
    assert [g.alternatives[0] for g in got] == held
    assert all(g.marked for g in got)


@pytest.mark.parametrize(("question", "measures"), [
    ("How much land will the Fusong park use?", ["亩", "公顷", "平方米", "平方公里"]),
    ("How much electricity did the plant generate?", ["千瓦时", "度"]),
    ("How much revenue did the park make?", []),
])
def test_an_amount_of_land_is_asked_in_its_units(question, measures):
    from chatbot.evidence import asked_measures

    assert asked_measures(question) == measures


@pytest.mark.parametrize(("word", "form"), [("herd", "存栏"), ("cattle", "肉牛"), ("land", "用地"), ("pre-money valuation", "投前估值"),
                                           ("eps accretion", "每股盈利增厚"), ("debt-to-equity swap", "债转股")])
def test_sector_words_of_the_term_list(word, form):
    from chatbot.bilingual import to_chinese

    assert form in to_chinese(word)


# --- reader questions: the intent of their openings and cues; a quarter as the half-year less the other ------------


@pytest.mark.parametrize(("question", "intent"), [
    ("比较一下蔓恺果业2025财年金果和绿果的收入和增速。", "comparison"),  # not a derived growth
    ("渥信金融被核数师出具无法表示意见，接下来会怎样？", "conclusion"),
    ("What happens next for Woxin Financial after the disclaimer?", "conclusion"),
    ("Should investors consider Black Sesame shares? What is the analyst view?", "advice"),
    ("蔓恺果业2025财年金果收入增速是多少？", "derived"),
])
def test_reader_intents_of_openings_and_cues(question, intent):
    from chatbot.intent import detect_intent

    assert detect_intent(question).name == intent


def test_a_quarter_is_its_half_year_less_the_other_quarter():
    from chatbot.compute import read_period_part

    read = read_period_part("云知声2025年第一季度收入是多少？", load_glossary())
    assert read is not None
    asked, dq = read
    assert asked == ("2025", "Q1")
    assert (dq.a.period, dq.b.period) == (("2025", "H1"), ("2025", "Q2"))


@pytest.mark.parametrize(("question", "prev", "standalone"), [
    ("How does the company plan to cope?", "What did Unisound say about the placing?", "How does 云知声 plan to cope?"),
    ("What did the board say?", "What did Unisound say about the placing?", "What did 云知声's board say?"),
    ("那第一季度单季收入大概是多少？", "云知声2025年上半年收入是多少？", "云知声2025年第一季度单季收入大概是多少？"),
])
def test_a_follow_up_of_the_company_and_of_its_own_period(question, prev, standalone):
    from chatbot.followup import resolve_followup

    history = [{"role": "user", "content": prev}, {"role": "assistant", "content": "…[1]。"}]
    assert resolve_followup(question, history, load_glossary()) == standalone


def test_a_market_where_the_shares_trade_is_no_locative_scope(orchard):
    from chatbot.evidence import _locative_scope, question_terms
    from test_lookup20_rules import _idf

    question = "蔓恺果业在港股的股票代码是多少？"
    groups = question_terms(question, orchard, _idf("蔓恺果业 港股 股票代码"))
    assert _locative_scope(question, groups, {"蔓恺果业"}, orchard) == []


# --- a company another company's article names in passing is no subject of that article's lists ------------------


@pytest.mark.parametrize(("heading", "subjects", "about"), [
    ("为什么要降杠杆", {"犇原牧业"}, False),  # the cattle rancher's article, the shelf-label maker named in passing
    ("昕签科技入股的代价", {"犇原牧业"}, True),  # its heading names the company asked
    ("入股的好处", {"昕签科技"}, True),  # its own article
    ("入股的好处", set(), True),  # an article about no company the catalogue knows
])
def test_a_company_named_in_passing_owns_no_list(heading, subjects, about):
    from types import SimpleNamespace

    from chatbot.compose.sections import _about
    from chatbot.structure import DocStructure, Line

    aliases = {"昕签科技": "昕签科技", "犇原牧业": "犇原牧业"}
    glossary = Glossary(aliases=aliases, companies=set(aliases.values()), metrics={}, doc_subjects={"d": subjects})
    chunk = Chunk(id="d:1", doc_id="d", title="t", text="", headings=["t"], date="2026-01-27")
    line = Line("同属港股的昕签科技则在推进基石投资。", "", chunk)
    doc = DocStructure(doc_id="d", title="某公司公告", publisher="", date="", blocks=[])
    assert _about(SimpleNamespace(glossary=glossary), doc, [line], heading, {"昕签科技"}) is about


@pytest.mark.parametrize(("text", "side"), [
    ("2026财年第一季度新增放款5.62亿元，同比下降23.4%", -1),  # a fall; "第一季度" ranks nothing
    ("按收入计排名第一", 1),
    ("第一季度新增放款5.62亿元", 0),
])
def test_a_periods_words_take_no_side(text, side):
    from chatbot.compose.sections import stance_of

    assert stance_of(text) == side


@pytest.mark.parametrize(("row", "head", "forms", "other"), [
    ("金垄畜牧:出栏量636万头;营业收入298.6亿元;9月末能繁母猪102万头", "|公司|出栏量(万头)|营业收入(亿元)|9月末能繁母猪(万头)|",
     ["存栏"], False),  # a count of head held, which the row writes by its kind
    ("环保疏浚:2026财年上半年110.4百万元", "各业务收入按业务划分", ["毛利"], True),  # a revenue row for a gross profit
])
def test_a_row_of_a_tables_other_metric_is_money_asked_only(row, head, forms, other):
    from chatbot.evidence import _row_of_other_metric

    assert _row_of_other_metric(normalize(row), head, forms, load_glossary()) is other
