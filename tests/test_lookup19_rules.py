"""Table-driven tests of the session-19 rules (dev-19's failures, by class): a fiscal year to any month, a fiscal
half-year and months counted in digits are periods; "What <metric> did X …", "What did X earn from …" and "how fast"
ask a figure; "how fast" is no how-question; a hyphenated English compound, a province and a region read in Chinese; a
labelled English brand in a ticker's bracket names the company; a change against another base is no year-on-year one;
follow-ups that name a range of months, a whole year, another item in English or a share of the figure before; a peer
named in passing gets no explanation; a sector's name is no company's."""
import pytest

from chatbot.bilingual import cedict_index, finance_terms, translator
from chatbot.en_phrases import dictionary_phrases
from chatbot.entity_extract import _labelled_brands, extract
from chatbot.evidence import (
    Candidate,
    QuestionSpec,
    TermGroup,
    _change_against_other_base,
    analyse_question,
    named_in_passing_only,
)
from chatbot.followup import resolve_followup
from chatbot.glossary import Glossary, load_glossary
from chatbot.intent import detect_intent
from chatbot.names import load_rules
from chatbot.subjects import _inside_held_term, _place_held
from chatbot.text import periods, qualifiers


@pytest.fixture(scope="module")
def glossary():
    g = load_glossary()
    names = {"栩发美业": "栩发美业", "岫菇生物": "岫菇生物", "匣安仓储": "匣安仓储", "cubora": "匣安仓储",
             "叠印智造": "叠印智造", "fabrinth": "叠印智造"}
    # (the engine's glossary: the finance term list merged, the dictionary read over documents that write anything)
    return Glossary(aliases={**g.aliases, **names}, terms={**finance_terms(), **g.terms}, metrics=g.metrics,
                    synonyms=g.synonyms, companies={*g.companies, "栩发美业", "岫菇生物", "匣安仓储", "叠印智造"},
                    translate=translator(lambda z: True))


@pytest.mark.parametrize(("text", "found"), [
    ("fiscal year to June 2025", {("2025", None)}),  # a year to any month: that fiscal year
    ("the year ended 31 March 2026", {("2026", None)}),
    ("the 12 months ending March 2026", {("2026", None)}),
    ("the year ended 31 December 2024", {("2024", None)}),
    ("截至2025年6月30日止财政年度收入", {("2025", None)}),
    ("截至2026年3月的财年", {("2026", None)}),
    ("截至2025年6月30日止六个月", {("2025", "H1")}),  # six months: the half, not the year
    ("2026财年中期", {("2026", "H1")}),  # a fiscal year's half
    ("2026财年上半年", {("2026", "H1")}),
    ("2025财年收入6.218亿美元", {("2025", None)}),
    ("nine months to September 2025", {("2025", "Q1-3")}),
])
def test_fiscal_years_and_their_halves_are_periods(text, found):
    assert periods(text) == found


@pytest.mark.parametrize(("text", "qualifier"), [
    ("前9个月收入14.37亿元", "Q1-3"),  # months counted in digits
    ("前6个月收入", "H1"),
    ("前六个月收入", "H1"),
    ("上半财年净增门店21家", "H1"),
])
def test_months_counted_in_digits_and_a_fiscal_half_are_qualifiers(text, qualifier):
    assert qualifiers(text) == {qualifier}


@pytest.mark.parametrize(("question", "figure"), [
    ("What turnover did Tessaro Golf report for its fiscal year to June 2025?", True),  # a metric before "did"
    ("What nine-month revenue did Longan Renal book in Fujian?", True),  # any period, or none
    ("What did Beiyuan Life earn from MSC storage in the interim period?", True),  # "what did X earn from"
    ("How fast did that line grow?", True),
    ("What strategy did the company adopt?", False),  # no metric, no amount verb
])
def test_what_a_metric_did_and_how_fast_ask_a_figure(glossary, question, figure):
    assert analyse_question(question, glossary, lambda t: 3.0).wants_figure is figure


@pytest.mark.parametrize(("question", "intent"), [
    ("How fast did MSC storage grow?", "lookup"),  # a degree asked: the figure
    ("How quickly did revenue rise in the first half?", "lookup"),
    ("How does Xiugu plan to absorb the new capacity?", "how"),
])
def test_how_fast_is_no_how_question(question, intent):
    assert detect_intent(question).name == intent


def test_a_hyphenated_compound_is_read_as_its_words():
    translate = translator(lambda z: z in {"脐带", "储存"})
    assert dictionary_phrases("what did it earn from umbilical-cord storage", translate) == [("umbilical-cord", ["脐带"])]


@pytest.mark.parametrize(("word", "chinese"), [("fujian", "福建"), ("guangdong", "广东"), ("zhejiang", "浙江")])
def test_a_province_is_read_by_its_own_name(word, chinese):
    assert chinese in cedict_index()[word]


def test_a_word_the_documents_write_only_in_other_forms_reads_the_next_stem():
    """"exports" is 出口货 in the dictionary, which no document writes; "export" is 出口."""
    assert translator(lambda z: z == "出口")("exports") == ["出口"]


@pytest.mark.parametrize(("name", "question", "held"), [
    ("South", "How much revenue did it generate in South China?", True),  # a region's term, its Chinese held
    ("South", "What was South Ocean Holdings' revenue?", False),  # no term holds it
])
def test_a_word_of_a_held_term_is_no_unknown_name(glossary, name, question, held):
    assert _inside_held_term(name, question, glossary, lambda z: z == "华南") is held


@pytest.mark.parametrize(("name", "contains", "held"), [
    ("Fujian", {"福建"}, True),  # a province the documents write
    ("Fujian", set(), False),
    ("Zhipu", {"智谱"}, False),  # no place
])
def test_a_province_the_documents_write_is_no_unknown_name(name, contains, held):
    assert _place_held(name, lambda z: z in contains) is held


@pytest.mark.parametrize(("inner", "brands"), [
    ("2964.HK，门店品牌Cubora", ["Cubora"]),
    ("2764.HK，海外品牌Fabrinth", ["Fabrinth"]),
    ("2917.HK，英文名Tessaro Golf", ["Tessaro Golf"]),
    ("2906.HK，核电阀门", []),
    ("2906.HK，品牌DAU", []),  # an acronym in capitals is no brand's name
])
def test_a_labelled_english_brand_in_a_tickers_bracket_names_the_company(inner, brands):
    assert _labelled_brands(inner, load_rules()) == brands


def test_the_catalogue_takes_the_brand_as_the_companys_name():
    text = "迷你仓运营商匣安仓储集团（2964.HK，门店品牌Cubora）11月19日公布业绩。匣安仓储上调指引。"
    entry = next(e for e in extract("", [], text) if e.name == "匣安仓储")
    assert "Cubora" in entry.aliases


@pytest.mark.parametrize(("sentence", "other"), [
    ("截至2025年9月30日，典当贷款结余31.6亿港元，较2025年3月31日的29.4亿港元增加7.5%", True),
    ("11月金针菇平均出厂价为每公斤5.86元，环比上涨7.3%", True),
    ("11月金针菇平均出厂价为每公斤5.86元，环比上涨7.3%，但同比仍下降2.2%", False),  # a year-on-year word said
    ("典当贷款结余31.6亿港元，同比增长9.8%", False),
    ("较去年同期增加7.5%", False),
])
def test_a_change_against_another_base_is_no_year_on_year_change(sentence, other):
    assert _change_against_other_base(sentence) is other


def _history(q: str) -> list[dict]:
    return [{"role": "user", "content": q}, {"role": "assistant", "content": "…[1]"}]


@pytest.mark.parametrize(("before", "question", "standalone"), [
    # a range of months in place of the month asked
    ("岫菇生物11月真姬菇卖了多少？", "1到11月累计呢？", "岫菇生物1到11月真姬菇卖了多少？"),
    # the whole of a year: that year, not its first nine months
    ("What was Fabrinth's revenue in the first nine months of 2025?", "And for the whole of 2024?",
     "What was Fabrinth's revenue in 2024?"),
    ("What was Fabrinth's revenue in the first nine months of 2025?", "And in 2024?",
     "What was Fabrinth's revenue in the first nine months of 2024?"),  # a year alone: the same period of it
    # another item in English: the company's, at the point or in the period asked before
    ("How many self-storage stores did Cubora have at end-September?", "And the total lettable area?",
     "What was 匣安仓储's total lettable area at end-September?"),
    # the share of the figure asked before: a period of it, or a part of its item
    ("栩发美业前9个月收入多少？", "第三季度占了其中多大比例？", "栩发美业第三季度收入占栩发美业前9个月收入的比例是多少？"),
    ("栩发美业前9个月收入多少？", "海外占了其中多少？", "栩发美业前9个月海外收入占栩发美业前9个月收入的比例是多少？"),
])
def test_follow_ups_of_periods_items_and_shares(glossary, before, question, standalone):
    assert resolve_followup(question, _history(before), glossary) == standalone


def _passing(intent_explains: bool) -> bool:
    spec = QuestionSpec(groups=[TermGroup(["檬剪"], 3.0, entity="檬剪", kind="entity"), TermGroup(["华东"], 2.0),
                                TermGroup(["开店"], 2.0)], entities={"檬剪"}, metrics=[], periods=set(),
                        wants_figure=False, wants_list=False)
    g = Glossary(aliases={"檬剪": "檬剪"}, terms={}, metrics={}, companies={"檬剪"})
    cand = Candidate(passage_idx=0, raw="", text="公司称，檬剪等快剪品牌在华东加速开店。", order=0)
    return named_in_passing_only(spec, [cand], g, {"檬剪"}, explains=intent_explains)


def test_a_peer_named_in_passing_gets_no_explanation():
    """"为什么檬剪要在华东加速开店？": the one sentence naming it says what, never why; a look-up of what it says
    is answered from that sentence."""
    assert _passing(True) is True
    assert _passing(False) is False


@pytest.mark.parametrize(("head", "sector"), [("稀土永磁行业", True), ("快剪赛道", True), ("稀土永磁公司", False)])
def test_a_sectors_name_is_no_companys(head, sector):
    assert head.endswith(load_rules().sector_tails) is sector


def _table(rows: list[str], kind: str = "table", heading: str = "指引调整"):
    from chatbot.models import Chunk
    from chatbot.structure import Block, Line

    chunk = Chunk(id="d:1", doc_id="d", title="T", text="", headings=["T", heading], date="2025-11-20")
    return Block("d", ["T", heading], kind, heading, [Line(r, r, chunk) for r in rows])


@pytest.mark.parametrize(("rows", "latest"), [
    (["收入增长:原指引（2025年6月）12%-15%;新指引（2025年11月）16%-19%",
      "全年净增门店:原指引（2025年6月）30-35家;新指引（2025年11月）40-45家"], 1),  # old and new versions
    (["收入:2023财年517.3;2024财年568.4;2025财年621.8"], 2),  # years in order
    (["门店总数:2025年6月30日9,862家;2024年12月31日9,437家"], 0),  # the latest date first
    (["工业泵:前三季度收入21.36亿元;同比+8.2%;毛利率26.4%"], None),  # one period's figures by kind
])
def test_a_table_of_versions_or_years_shows_its_latest_cell_in_a_summary(rows, latest):
    from chatbot.compose.sections import _latest_column

    assert _latest_column(_table(rows)) == latest


@pytest.mark.parametrize(("heading", "sided"), [("风险", True), ("主要风险", True), ("企业客户与竞争", False)])
def test_prose_under_a_heading_that_is_a_side_alone_takes_it(heading, sided):
    from chatbot.compose.sections import _sided

    block = _table(["美国关税政策变化、海外电商平台流量成本上升，以及专利纠纷是公司提示的主要风险。"], "para", heading)
    assert _sided(block, {("T", heading)}) is sided


@pytest.mark.parametrize(("text", "unit", "stated"), [
    ("飞机起降（万架次）:2025年10月：3.62;同比+6.1%;2025年1-10月累计34.85", "架", True),  # the label's unit
    ("旅客吞吐量:2025年10月：512.4万人次;同比+9.6%", "架", False),
    ("飞机起降3.62万架次", "架", True),
])
def test_a_rows_label_gives_its_cells_unit(text, unit, stated):
    from chatbot.evidence import states_measure

    assert states_measure(text, unit) is stated


def test_a_headings_half_takes_the_year_of_the_passage():
    """"上半财年业绩" over "2026财年指引": a half, not the whole year (a plain year after the document's date is no
    year of its results: the half of the document's year)."""
    from chatbot.sentence_period import sentence_periods

    found = sentence_periods("平均出租率84.2%，上年同期为81.5%。", set(), {(None, "H1")}, {("2026", None)}, False,
                             "2025-11-20")
    assert found
    assert {q for _, q in found} == {"H1"}


@pytest.mark.parametrize(("phrase", "held", "written"), [("码头吞吐量", {"码头", "吞吐量"}, True),
                                                          ("镨锋磁材", {"磁材"}, False)])
def test_a_follow_ups_phrase_of_the_documents_words_is_no_name(phrase, held, written):
    from chatbot.subjects import words_written

    assert words_written(phrase, lambda w: w in held) is written


def test_where_a_figure_is_given_is_no_word_to_translate():
    """"…given in the documents": no 一定 or 文件 added to the search."""
    g = Glossary(translate=lambda w: {"given": ["一定"], "documents": ["文件"], "value": ["价值"]}.get(w, []))
    assert g.expand("What is the market value given in the documents?").split("?")[1].split() == ["价值"]


@pytest.mark.parametrize(("context", "term", "names"), [
    ("沅渠流体三季报点评：经调整净利润增71%", "经调整", True),  # the term right before the metric: its figure
    ("职达科技3Q25点评：收入增11.6%，蓝领与AI招聘助手双轮驱动", "蓝领", False),  # only mentioned: no figure of its own
    ("江海重工前三季度净利大增64%", "重工", True),  # the rest of the asked company's name ("Jianghai Heavy Industry")
    ("智谱、MiniMax冲刺港股", "收", True),  # a word of the metric's own form ("收" of 收入) specifies nothing more
])
def test_a_title_names_a_terms_figure_only_before_the_metric(context, term, names):
    from chatbot.evidence import _term_names_metric

    assert _term_names_metric(context, term, ["净利润", "收入", "毛利率"], ["江海"]) is names
