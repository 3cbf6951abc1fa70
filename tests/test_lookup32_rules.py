"""Table-driven tests of the session-32 rules (dev-32's misses, by mechanism): a volume asked is of one kind (sold,
made or processed) and a sentence or row stating only another kind's volume gives no answer; an English question
asking "how many <four words> did X sell" reads its verb; an English company name with a legal tail in running text
("… of Hallbrenn Zelltechnik GmbH, a maker of …") is catalogued, with the coined first word the text uses alone, so that
its figures are never the asked company's."""

from __future__ import annotations

import pytest

from test_lookup31_rules import _sentences

# --- a volume asked is of one kind --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("question", "kind"), [
    ("How many tonnes of potato starch did Unisound sell in FY2025?", "sold"),
    ("云知声2025年卖了多少吨淀粉？", "sold"),
    ("云知声2025年淀粉销量是多少？", "sold"),
    ("How many units did Unisound ship in 2025?", "sold"),
    ("云知声2025年淀粉产量是多少？", "made"),
    ("How much starch did Unisound produce in 2025?", "made"),
    ("云知声2025年加工了多少吨鲜薯？", "processed"),
    ("云知声2025年产销量是多少？", ""),  # both kinds: not checked
    ("云知声2025年收入是多少？", ""),
])
def test_the_kind_of_volume_asked(question, kind):
    from chatbot.evidence import volume_kind_asked

    assert volume_kind_asked(question) == kind


@pytest.mark.parametrize(("text", "kind", "other"), [
    ("内蒙古乌兰察布:年产能5.0万吨;2025财年产量4.36万吨", "sold", True),
    ("全年加工鲜薯62.4万吨，鲜薯平均收购价为每吨1,180元", "sold", True),
    ("2025年淀粉销量9.2万吨", "sold", False),
    ("2025年产量9.6万吨，销量9.2万吨", "sold", False),  # the asked kind is stated too
    ("2025年出货量9.2万吨", "sold", False),  # shipped is sold
    ("2025年淀粉销量9.2万吨", "made", True),
    ("Production was 43,600 tonnes in FY2025", "sold", True),
    ("收入12.48亿元，同比增长7.9%", "sold", False),  # no volume at all: other rules decide
])
def test_another_kind_of_volume(text, kind, other):
    from chatbot.evidence import states_other_volume

    assert states_other_volume(text, kind) is other


PLANTS = ("| 生产基地 | 年产能（万吨） | 2025财年产量（万吨） |\n|---|---|---|\n| 内蒙古乌兰察布 | 5.0 | 4.36 |\n"
          "| 甘肃定西 | 4.0 | 3.12 |\n| 合计 | 12.0 | 9.96 |")


@pytest.mark.parametrize(("question", "answered"), [
    ("How many tonnes of potato starch did Unisound sell in FY2025?", False),  # what the plants made: not what was sold
    ("云知声2025财年卖了多少吨淀粉？", False),
    ("云知声2025财年的产量是多少？", True),
])
def test_a_volume_sold_is_not_the_volume_made(question, answered):
    assert bool(_sentences(question, PLANTS, "云知声（Unisound）产能", kind="table")) is answered


# --- "how many <several words> did X <verb>" ----------------------------------------------------------------------------


@pytest.mark.parametrize(("question", "verb"), [
    ("How many tonnes of modified starch did Unisound sell in FY2025?", "sell"),
    ("How many tonnes did Unisound sell?", "sell"),
    ("How much feed did Unisound produce?", "produce"),
])
def test_an_english_volume_question_reads_its_verb(question, verb):
    from chatbot.volume_words import volume_asks

    asks = volume_asks(question, lambda w: [])
    assert [a.verb for a in asks] == [verb]


# --- English names with a legal tail in running text --------------------------------------------------------------------

ENGLISH = ("On 28 January 2026, Hydrelix Energy Holdings Limited (赫氢能源控股有限公司, 2819.HK) announced that a wholly owned "
           "subsidiary had signed an MOU with the two founders of Hallbrenn Zelltechnik GmbH, a maker of PEM stacks.\n"
           "Hallbrenn had revenue of EUR23.4 million in calendar 2024. The Company said it may proceed.")


@pytest.mark.parametrize(("text", "name", "aliases"), [
    (ENGLISH, "Hallbrenn Zelltechnik GmbH", {"Hallbrenn Zelltechnik", "Hallbrenn"}),
    ("The buyer, Kavrani Steel Limited, paid in cash. Kavrani Steel has two mills.", "Kavrani Steel Limited",
     {"Kavrani Steel"}),
])
def test_an_english_legal_name_in_running_text_is_a_company(text, name, aliases):
    from chatbot.entity_extract import extract

    entries = {e.name: e for e in extract("", [], text)}
    assert name in entries
    assert entries[name].kind == "company"
    assert aliases <= set(entries[name].aliases)


@pytest.mark.parametrize("text", [
    "The Company said revenue rose. The Group expects growth.",  # no legal tail
    "Revenue of the Limited Partnership rose.",  # a legal word, no name before it
])
def test_no_name_without_a_legal_tail_and_a_name(text):
    from chatbot.entity_extract import extract

    assert not [e for e in extract("", [], text) if e.name.isascii()]


# --- a Chinese question's word as an article written in English says it -------------------------------------------------


@pytest.mark.parametrize(("word", "form"), [
    ("出货量", "shipments"),  # without its quantity tail: 出货
    ("电解槽", "electroly"),  # its first two characters' form, as a stem ("electrolyser")
    ("拉链", "zipper"),  # the dictionary's own form
])
def test_english_forms_of_a_word_the_dictionaries_miss(word, form):
    from chatbot.evidence import _english_forms

    assert form in _english_forms(word)


# --- English figure questions and terms ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("question", "amount"), [
    ("How big is the refundable deposit Unisound is paying?", True),
    ("How long is the exclusivity period of Unisound's MOU?", True),
    ("Who is Unisound's auditor?", False),
])
def test_how_big_and_how_long_ask_an_amount(question, amount):
    from chatbot.evidence import _ASKS_AMOUNT

    assert bool(_ASKS_AMOUNT.search(question)) is amount


MOU = ("On 28 January 2026, Unisound signed an MOU to buy 70% of Hallbrenn Zelltechnik GmbH.\n\n"
       "Unisound will pay a refundable deposit of EUR8.5 million. The MOU grants exclusivity for 120 days, until 27 May 2026.")


@pytest.mark.parametrize(("question", "expected"), [
    ("How long is the exclusivity period of Unisound's MOU?", "120 days"),  # "period" is a stop word: "exclusivity"
    ("How many Class III registration certificates does Unisound hold?", "6张"),
    ("How many Class II registration certificates does Unisound hold?", "23张"),
])
def test_english_terms_found_as_written(question, expected):
    text = MOU if "exclusivity" in question else "加上本次两张，云知声共持有第三类医疗器械注册证6张、第二类医疗器械注册证23张。"
    assert any(expected in s for s in _sentences(question, text, "Unisound (云知声)"))


@pytest.mark.parametrize(("text", "answered"), [
    ("Unisound: 1H FY2026 electrolyser shipments 412 MW, against 286 MW a year earlier.", True),
    ("Unisound: 1H FY2026 electrolyser shipments 412 MW.", False),  # no figure of the year before
])
def test_an_english_article_states_the_year_before_its_own_way(text, answered):
    question = "What were Unisound's electrolyser shipments in the same period last year?"
    assert bool(_sentences(question, text, "Unisound (云知声)")) is answered


# --- a name no document holds, after a joining word or a comparison's opening word --------------------------------------

SENSETIME = "截至2025年6月30日的六个月，商汤总收入约23.58亿元人民币，同比增长35.6%。第四范式上半年收入26.26亿元。"


@pytest.mark.parametrize(("question", "unknown"), [
    ("比较商汤和灵曜智算2025年上半年的收入。", True),  # jieba cuts "和灵": the name read after the joiner
    ("比较灵曜智算和商汤的收入", True),  # ... and "比较灵": read after the opening word
    ("商汤和灵曜智算2025年上半年的收入分别是多少？", True),
    ("比较商汤和第四范式2025年上半年的收入", False),  # both held
    ("对比一下商汤和第四范式的收入", False),
])
def test_an_unknown_name_in_a_comparison_is_found(question, unknown):
    from chatbot.glossary import Glossary
    from chatbot.subjects import unknown_names

    g = Glossary(aliases={"商汤": "商汤", "第四范式": "第四范式"}, companies={"商汤", "第四范式"})
    assert bool(unknown_names(question, g, lambda s: s in SENSETIME)) is unknown


# --- a share's part: the row under its table's caption, before a sentence under the title ------------------------------

REGIONS = ("2025财年收入29.86亿港元，同比增长9.4%。\n\n2025财年按地区划分收入（千港元）\n\n| 地区 | 2025财年 | 2024财年 |\n|---|---|---|\n"
           "| 中国内地 | 1,286,420 | 1,204,560 |\n| 尼日利亚 | 538,760 | 486,950 |\n| 合计 | 2,986,300 | 2,729,790 |\n")


def test_a_parts_row_under_its_caption_comes_before_a_sentence_under_the_title():
    from chatbot.compose.figures import _facts
    from chatbot.compute import find_operand, read_derived
    from chatbot.models import Chunk, Passage
    from test_lookup30_rules import _glossary

    title = "云知声内幕消息：尼日利亚奈拉大幅贬值"  # the title names the part; the company's total sits under it
    chunk = Chunk(id="x:1", doc_id="x", title=title, text=REGIONS, headings=[title])
    facts = _facts([Passage(chunk=chunk, score=1.0)])
    dq = read_derived("云知声2025财年尼日利亚收入占总收入的比例是多少？", _glossary(REGIONS + title))
    part = find_operand(facts, dq.a, lambda f, e: True)
    assert part is not None
    assert part.lo == 538_760_000


# --- reader answers over an article written in English -------------------------------------------------------------------


@pytest.mark.parametrize(("text", "latin"), [
    ("On 28 January 2026, Hydrelix Energy Holdings Limited (赫氢能源控股有限公司, 2819.HK) signed an MOU.", True),
    ("2025年前三季度收入9.74亿元，同比下降18.6%。", False),
    ("公司与Hallbrenn签订MOU。", False),
    ("公司与Hallbrenn Zelltechnik GmbH签订MOU。", False),
])
def test_text_written_in_english_despite_a_chinese_name_in_brackets(text, latin):
    from chatbot.compose.base import latin_text

    assert latin_text(text) is latin


@pytest.mark.parametrize(("line", "note"), [
    ("Note: this is synthetic test material; the figures are fictional.", True),
    ("注：本文为合成测试材料。", True),
    ("Notes issued in 2025 bear interest at 9.5%.", False),
])
def test_a_note_line_is_no_key_point(line, note):
    from chatbot.compose.sections import _NOTE

    assert bool(_NOTE.match(line)) is note


# --- an English follow-up naming a long item -------------------------------------------------------------------------------


@pytest.mark.parametrize(("question", "before", "standalone"), [
    ("And the net profit attributable to shareholders?", "What was Unisound's revenue in FY2025?",
     "What was Unisound's net profit attributable to shareholders in FY2025?"),  # 42 letters: still an item
    ("And its gross margin?", "What was Unisound's revenue in FY2025?", "What was Unisound's gross margin in FY2025?"),
])
def test_an_english_follow_up_swaps_a_long_item(question, before, standalone):
    from chatbot.followup import resolve_followup
    from chatbot.glossary import load_glossary

    history = [{"role": "user", "content": before}, {"role": "assistant", "content": "……[1]"}]
    assert resolve_followup(question, history, load_glossary()) == standalone


# --- a period written in a later clause is that clause's, not the metric's ------------------------------------------------

RESULTS_FY = "收入6.84亿港元，同比增长9.6%；毛利率51.2%；股东应占亏损4,120万港元，2024财年亏损6,380万港元。"


@pytest.mark.parametrize(("question", "answered"), [
    ("云知声2024财年毛利率是多少？", False),  # the year is the loss's comparison: no 2024 gross margin
    ("What was Unisound's gross margin in FY2024?", False),
    ("云知声2025财年毛利率是多少？", True),  # the heading's year
    ("云知声2024财年亏损是多少？", True),  # the clause that names the year states its loss
])
def test_a_period_in_a_later_clause_is_that_clauses_own(question, answered):
    from chatbot.evidence import score_candidates
    from chatbot.models import Chunk, Passage
    from test_lookup20_rules import _idf
    from test_lookup30_rules import _glossary

    title = "云知声（Unisound）2025财年业绩"
    chunk = Chunk(id="x:1", doc_id="x", title=title, text=RESULTS_FY, headings=[title, "2025财年（截至2025年9月30日止年度）业绩"])
    cands, _ = score_candidates(question, [Passage(chunk=chunk, score=1.0)], _glossary(RESULTS_FY + title), _idf(RESULTS_FY + title))
    assert bool(cands) is answered


def test_a_later_clause_naming_no_metric_goes_on_with_the_metrics_figures():
    text = "毛利率波动大:2023年76.4%,2024年53.2%;2025年上半年31.9%,上年同期约71%。"
    found = _sentences("云知声2025年上半年毛利率是多少？", text, "云知声（Unisound）招股书财务数据")
    assert found
    assert "31.9%" in found[0]
