"""Table-driven tests of the session-21 rules (dev-21's failures, by class): names the catalogue finds or misreads,
periods written as spoken or as a fiscal span, a list item's label as its segment, places as segments, peers named
in passing, and the reader intents' cues."""

from __future__ import annotations

import pytest

from chatbot.glossary import Glossary
from test_lookup20_rules import _idf, _sentences  # (one passage scored with the real glossary)

# --- names -------------------------------------------------------------------------------------------------------

_TWO = Glossary(aliases={"漆然车护": "漆然车护", "车护": "车护", "vernixa": "漆然车护"}, companies={"漆然车护", "车护"})


@pytest.mark.parametrize(("text", "named"), [
    ("漆然车护上调全年指引", ["漆然车护"]),  # "车护" only inside the longer name: not named
    ("漆然车护与车护同场竞争", ["漆然车护", "车护"]),  # written on its own too: named
    ("车护收入增长", ["车护"]),
    ("Vernixa raised its guidance", ["漆然车护"]),
])
def test_a_name_written_only_inside_another_companys_name_is_not_named(text, named):
    assert _TWO.entities(text) == named


@pytest.mark.parametrize(("title", "text", "names"), [  # (each article's front matter gives its subject's ticker)
    # a coined opening jieba tags a verb ("澄亮") belongs to the peer's name before 等 + a kind word
    ("漆然车护上调指引", "珠三角价格竞争最激烈，澄亮车护等区域连锁在当地打出低价套餐。漆然车护（3158.HK）收入。",
     {"漆然车护", "澄亮车护"}),
    # a rare character before a ticker ("淙", tagged a sound) opens the name
    ("淙川水电11月发电量", "西南地区水电运营商淙川水电（2582.HK）发布公告。淙川水电11月发电量18.64亿千瓦时。",
     {"淙川水电"}),
    # a unit in brackets after an English term is no Chinese name of it
    ("Quercamp FY2025: 栎营户外", "经调整EBITDA 1.069亿美元。\n| 经调整EBITDA（百万美元） | 71.2 |\n栎营户外（2459.HK）收入。",
     {"栎营户外"}),
])
def test_names_found_at_ingest(title, text, names):
    import re

    from chatbot.entity_extract import extract

    assert {e.name for e in extract(title, re.findall(r"\d{4}\.HK", text), text)} == names


# --- periods -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("question", "rewritten"), [
    ("昱轮精密头九个月的营收一共多少？", "昱轮精密前三季度的营收一共多少？"),
    ("前9个月收入", "前三季度收入"),
    ("上半年收入", "上半年收入"),
])
def test_a_count_of_months_is_read_as_the_period_word(question, rewritten):
    from chatbot.text import period_spellings

    assert period_spellings(question) == rewritten


@pytest.mark.parametrize(("text", "same_as"), [
    ("1H FY2026", "H1 FY2026"),
    ("2H FY26 revenue", "H2 FY26 revenue"),
])
def test_a_fiscal_half_written_number_first_reads_as_h1_h2(text, same_as):
    from chatbot.text import periods, qualifiers

    assert (periods(text), qualifiers(text)) == (periods(same_as), qualifiers(same_as))
    assert qualifiers(text)


@pytest.mark.parametrize(("question", "texts", "rewritten"), [
    # a span that makes no calendar period, as the document names it in brackets
    ("澔居地产截至2025年9月30日止六个月的收入是多少？", ["公布截至2025年9月30日止六个月（2026财年中期）业绩。"],
     "澔居地产2026财年中期的收入是多少？"),
    # no document names it: as written
    ("澔居地产截至2025年9月30日止六个月的收入是多少？", ["公司收入18.94亿港元。"],
     "澔居地产截至2025年9月30日止六个月的收入是多少？"),
    # a calendar span is read as it is (H1)
    ("截至2025年6月30日止六个月的收入", ["截至2025年6月30日止六个月（2025年中期）"], "截至2025年6月30日止六个月的收入"),
])
def test_a_fiscal_span_is_read_as_the_documents_name_it(question, texts, rewritten):
    from chatbot.text import spans_as_written

    assert spans_as_written(question, texts) == rewritten


def test_a_half_heading_ties_sentences_in_a_passage_of_years_and_month_ends():
    from chatbot.sentence_period import sentence_periods

    found = sentence_periods("服务单量612万单；平均客单价141元。", set(), {(None, "H1")},
                             {("2026", None), (None, "M09-end")}, False, "2025-11-19")
    assert {q for _, q in found} == {"H1"}  # the half, not the whole years


# --- scope: a list item's label, a place -------------------------------------------------------------------------

def test_a_list_items_label_is_its_segment():
    text = "- 收入：18.74亿元，较2024年同期增长13.6%。\n- 四川：收入8.12亿元，增长10.6%。\n- 云南：收入4.96亿元，增长12.9%。"
    assert _sentences("云知声前三季度的收入是多少？", text, "云知声前三季度业绩")[:1] == ["收入：18.74亿元，较2024年同期增长13.6%。"]


@pytest.mark.parametrize(("question", "segments"), [
    ("淙川水电11月四川电站发电量同比增长多少？", [["四川"]]),
    ("澔居地产香港住宅收入多少？", [["香港"]]),
    ("公司中国内地收入多少？", []),  # a country as a whole names no part
    ("在香港上市的公司收入多少？", []),  # a place before a verb
])
def test_a_place_before_a_noun_is_a_segment(question, segments):
    from chatbot.evidence_config import evidence_config
    from chatbot.metric_scope import asked_places

    cfg = evidence_config()["scope"]
    assert asked_places(question, cfg["place_pos"], cfg["place_noun_pos"], cfg["not_segment_places"], ["淙川水电", "澔居地产"]) == segments


# --- a peer named in passing -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "name", "of_it"), [
    ("内地业务收入折合港元后增长9.1%；公司在当地的主要竞争对手是港豪置业等港资代理行。", "港豪置业", False),
    ("港豪置业中期收入12.3亿港元。", "港豪置业", True),
    ("据港豪置业公告，公司收入12.3亿港元。", "港豪置业", True),
    ("收入12.3亿港元，其中港豪置业贡献3.1亿港元。", "港豪置业", True),
    ("2025年5月,港交所推出科企上市专线,允许符合18A、18C章的企业申请。", "港交所", True),  # a date is no figure
    ("每头母猪每年提供的断奶仔猪数（PSY）越高，摊到每头猪上的母猪成本越低。", "PSY", True),  # no figure at all
])
def test_a_name_after_the_figures_in_a_clause_stating_none_is_a_passing_mention(sentence, name, of_it):
    from chatbot.evidence import _figure_of

    assert _figure_of(sentence, name) is of_it


# --- reader intents ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("question", "intent"), [
    ("What capex is Vernixa now guiding to for FY2026?", "lookup"),  # a period named: not the latest
    ("What is Vernixa's capex guidance now?", "latest"),
    ("钛白粉是什么东西，主要用在哪里？", "definition"),
    ("What are the positives and the risks in Yulun Precision's third-quarter print?", "pros_cons"),
])
def test_intent_cues(question, intent):
    from chatbot.intent import detect_intent

    assert detect_intent(question).name == intent


def test_the_defined_term_is_the_defining_clauses():
    from chatbot.intent import defined_term

    assert defined_term("钛白粉是什么东西，主要用在哪里？") == "钛白粉"


@pytest.mark.parametrize(("text", "side"), [
    ("三季度单季毛利率25.3%，同比提升1.8个百分点", 1),  # a margin that rises: an upside
    ("毛利率较高", 1),
    ("毛利率下降2个点，费用率提升", -1),  # another figure's rise is no upside; the margin's fall a downside (session 36)
])
def test_a_margin_that_rises_is_an_upside(text, side):
    from chatbot.compose.sections import stance_of

    assert stance_of(text) == side


@pytest.mark.parametrize(("text", "chosen"), [
    # the figure asked named by no sentence of the company's: refused, never its revenue
    ("收入18.94亿港元，同比增长7.9%。股东应占溢利1.27亿港元。", []),
    ("收入18.94亿港元，同比增长7.9%。经调整EBITDA 2.1亿港元。", ["经调整EBITDA 2.1亿港元。"]),
])
def test_what_thing_did_a_company_report_asks_that_things_figure(text, chosen):
    question = "What EBITDA did Unisound report?"
    # (EBITDA is held by another article in the index: the word is known, the company's figure is not)
    from chatbot.evidence import score_candidates
    from chatbot.glossary import load_glossary
    from chatbot.models import Chunk, Passage

    chunk = Chunk(id="x:1", doc_id="x", title="云知声中期业绩", text=text, headings=["云知声中期业绩"])
    cands, spec = score_candidates(question, [Passage(chunk=chunk, score=1.0)], load_glossary(), _idf(text + "云知声 EBITDA ebitda"))
    assert spec.wants_figure
    assert [c.text for c in cands][:1] == chosen
