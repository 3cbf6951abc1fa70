"""Table-driven tests of the session-28 rules (dev-28's misses, by mechanism): a table's column names quoted in its
lead-in, a fiscal year's half said the spoken way, two questions in one joined by a question mark, the month of an
event's day, names read from their sound before their kind ("Baiya mine"), a Chinese name in an English question as
the thing asked, English questions asking two figures "reported", Hong Kong corporate-action terms, a change of name,
a verb after a known name, "on its own", and English month ranges with their year."""

from __future__ import annotations

import pytest

from test_lookup25_rules import _dated_sentences

# --- tables and periods --------------------------------------------------------------------------------------------


def test_column_names_quoted_in_a_lead_in_are_the_tables_header_row():
    from ingest.loaders import pipe_tables

    text = ("以下为月度经营数据（按“月份 | 场次（场） | 玩家（万人次）”列出）：\n2025年10月 | 71,880 | 43.5\n"
            "2025年11月 | 60,240 | 36.7\n以上。")
    lines = pipe_tables(text).split("\n")
    assert lines[0] == "以下为月度经营数据（按“月份、场次（场）、玩家（万人次）”列出）："  # the lead-in, a line of its own
    assert [ln for ln in lines if ln.startswith("|")] == ["| 月份 | 场次（场） | 玩家（万人次） |", "|---|---|---|",
                                                          "| 2025年10月 | 71,880 | 43.5 |", "| 2025年11月 | 60,240 | 36.7 |"]


@pytest.mark.parametrize(("text", "found"), [
    ("截至2025年9月底的那半个财年", {("2025", None)} - {("2025", None)}),  # no calendar half: read beside the documents
    ("截至2025年底的那半个财年", {("2025", "H2")}),  # the six months to 31 December
    ("截至2025年底的半年", {("2025", "H2")}),
    ("截至2025年底的那个财年", {("2025", None)}),  # a fiscal year, not its half
])
def test_a_half_year_to_a_months_end_said_the_spoken_way_is_that_half(text, found):
    from chatbot.text import period_spellings, periods

    assert periods(period_spellings(text)) == found


def test_a_spoken_half_year_is_read_as_the_documents_name_it():
    from chatbot.text import spans_as_written

    texts = ["- 2026财年上半年（截至2025年9月30日止六个月）收入约4.37亿元，同比下降4.8%。"]
    assert "2026财年上半年" in spans_as_written("云知声截至2025年9月底的那半年，饰品卖了多少钱？", texts)


def test_dropping_words_no_passage_holds_keeps_the_period_asked():
    from chatbot.compose.base import drop_absent
    from chatbot.glossary import load_glossary
    from chatbot.text import periods
    from test_lookup20_rules import _idf

    kept = drop_absent("云知声截至2025年底的那半个财年，收入多少？", load_glossary(), _idf("云知声收入2025年截至12月31日"))
    assert periods(kept) == {("2025", "H2")}  # not "…的那 财年", a fiscal year


@pytest.mark.parametrize(("a", "b", "apart"), [
    (("2026", "H1"), ("2025", "H1"), True), (("2025", None), ("2024", None), True),
    (("2026", "H1"), ("2025", "H2"), False), (("2025", "H1"), ("2023", "H1"), False), (None, ("2025", "H1"), False),
])
def test_the_same_period_a_year_before_is_a_year_apart(a, b, apart):
    from chatbot.compose.figures import _year_apart

    assert _year_apart(a, b) is apart


@pytest.mark.parametrize(("text", "found"), [
    ("revenue for October to December 2025", {("2025", "M10-12"), ("2025", "Q4")}),
    ("sales from July to September", {(None, "M07-09"), (None, "Q3")}),
    ("between March 2024 and May 2025", set()),  # across years: no months of one year (nor a year: dates)
])
def test_an_english_range_of_months_keeps_its_year(text, found):
    from chatbot.text import periods

    assert periods(text) == found


@pytest.mark.parametrize(("text", "months"), [
    ("did not pay the coupon of US$17.85 million due on 15 December 2025", {("2025", "M12")}),
    ("未能支付于2025年12月15日到期的票息", {("2025", "M12")}),
    ("on March 3, 2024 the board met", {("2024", "M03")}),
    ("2025年12月的销量", set()),  # a month without its day: dated_months reads it where a month is asked
])
def test_the_month_of_an_events_day(text, months):
    from chatbot.text import day_dated_months

    assert day_dated_months(text) == months


def test_an_event_asked_in_a_month_is_answered_by_the_sentence_dating_it():
    text = ("- Unisound's revenue fell 10.9% YoY in 9M25.\n"
            "- The company did not pay the semi-annual coupon of US$17.85 million due on 15 December 2025.")
    chosen = _dated_sentences("Which coupon did Unisound fail to pay in December 2025?", text, "Unisound notes", "2026-01-16")
    assert chosen[:1] == ["The company did not pay the semi-annual coupon of US$17.85 million due on 15 December 2025."]


def test_a_lead_in_stating_the_total_answers_before_the_rows_of_its_parts():
    text = ("拟募集资金约17.9亿元人民币，投向如下（人民币万元）：\n\n| 项目 | 拟投入募集资金 |\n|---|---|\n"
            "| 扩产项目 | 78,000 |\n| 补充流动资金 | 35,000 |")
    chosen = _dated_sentences("云知声这次发A股预计募集多少资金？", text, "云知声A股上市", "2026-01-21")
    assert chosen[:1] == ["拟募集资金约17.9亿元人民币，投向如下（人民币万元）："]


# --- two questions in one -------------------------------------------------------------------------------------------

WARRANTS = ("- 云知声董事会公告，建议按合资格股东每持有5股现有股份获发1份红利认股权证的基准，发行红利认股权证。\n"
            "- 每份认股权证赋予持有人以每股2.35港元认购1股新股的权利。")
MONTHLY = ("以下为月度经营数据（按“月份、场次（场）、玩家（万人次）”列出）：\n\n| 月份 | 场次（场） | 玩家（万人次） |\n|---|---|---|\n"
           "| 2025年10月 | 71,880 | 43.5 |\n| 2025年11月 | 60,240 | 36.7 |")


@pytest.mark.parametrize(("question", "text", "expected"), [
    ("云知声的红利认股权证按什么比例派发？每份认购一股新股要付多少钱？", WARRANTS, ["每持有5股", "2.35港元"]),
    ("云知声11月一共开了多少场剧本杀？玩家有多少万人次？", MONTHLY, ["60,240"]),
])
def test_two_questions_joined_by_a_question_mark_are_each_answered(question, text, expected):
    chosen = _dated_sentences(question, text, "云知声公告", "2025-12-08")
    for fig in expected:
        assert any(fig in c for c in chosen), (fig, chosen)


# --- names ---------------------------------------------------------------------------------------------------------

def test_a_name_read_by_its_sound_takes_the_word_for_its_kind_after_it():
    from chatbot.english_names import resolve
    from chatbot.glossary import load_glossary

    texts = ["| 矿山 | 地区 | 钨精矿产量（吨） |\n|---|---|---|\n| 白崖矿 | 云南文山 | 1,110 |\n| 青岚矿 | 湖南郴州 | 2,470 |"]
    out = resolve("What output did Unisound's Baiya mine report for 9M25?", load_glossary(), lambda w: w in texts[0],
                  nearby=lambda q: texts).question
    assert "白崖矿" in out
    assert "Baiya" not in out


@pytest.mark.parametrize(("question", "required"), [
    ("What output growth did 云知声's 白崖矿 report for 9M25?", ["白崖矿"]),  # a name the user wrote in Chinese
    ("云知声前三季度白崖矿和青岚矿合计的钨精矿产量一共是多少？", None),  # a Chinese question: the usual weights decide
])
def test_a_chinese_name_in_an_english_question_is_the_thing_asked(question, required):
    from chatbot.evidence import analyse_question
    from chatbot.glossary import load_glossary
    from test_lookup20_rules import _idf

    spec = analyse_question(question, load_glossary(), _idf("云知声白崖矿产量前三季度"))
    names = [g.alternatives[0] for g in spec.required]
    assert ("白崖矿" in names) is bool(required)


@pytest.mark.parametrize("question", [
    "What head grade and output growth did Unisound report for 9M25?",  # two figures, five words before "did"
    "What EBITDA did Unisound report for 2025?",
])
def test_an_english_question_on_what_was_reported_asks_a_figure(question):
    from chatbot.evidence import analyse_question
    from chatbot.glossary import load_glossary
    from test_lookup20_rules import _idf

    assert analyse_question(question, load_glossary(), _idf("")).wants_figure


@pytest.mark.parametrize(("term", "chinese"), [
    ("parallel trading", "并行买卖"), ("odd lot", "碎股"), ("board lot", "每手买卖单位"), ("share consolidation", "股份合并"),
    ("warrants", "认股权证"), ("exercise price", "行使价"), ("record date", "记录日期"), ("scheme of arrangement", "协议安排"),
    ("valuer", "估值师"), ("right-of-use asset", "使用权资产"), ("head grade", "入选品位"), ("general mandate", "一般性授权"),
])
def test_hong_kong_corporate_action_terms_are_finance_terms(term, chinese):
    from chatbot.bilingual import to_chinese

    assert chinese in to_chinese(term)


def test_the_names_a_change_of_name_announces_are_the_companys_own():
    from chatbot.entity_extract import extract

    text = ("- 蜜岭蜂业集团有限公司（Miling Apiary Group Limited，股份代号3792）公告，建议将公司英文名称改为“Honeyra Holdings "
            "Limited”，并采用“蜜岭控股有限公司”为中文第二名称。\n- 中文简称由“蜜岭蜂业”改为“蜜岭控股”。\n"
            "- 蜜岭蜂业2025财年收入7.46亿元。蜜岭控股的名称于2026年3月4日起生效，蜜岭控股继续在联交所买卖。")
    entries = extract("蜜岭蜂业（3792.HK）建议更改公司名称", ["3792.HK"], text)
    companies = [e for e in entries if e.kind == "company"]
    assert len(companies) == 1
    assert {"蜜岭控股", "Honeyra Holdings Limited", "蜜岭蜂业"} <= {companies[0].name, *companies[0].aliases}


@pytest.mark.parametrize(("question", "unknown"), [
    ("云知声新租的仓库有多大？", []),  # a verb after the known name ("新" + "租"), no other company
    ("云知声新建的厂房有多大？", []),
    ("云知声嘉岳的仓库有多大？", ["云知声嘉岳"]),  # an unknown word after it may be another name
])
def test_a_verb_written_after_a_known_name_is_no_other_company(question, unknown):
    from chatbot.glossary import load_glossary
    from chatbot.subjects import unknown_names

    held = "云知声租用仓库12,400平方米，新建厂房"
    assert unknown_names(question, load_glossary(), lambda w: w in held) == unknown


@pytest.mark.parametrize(("question", "standalone"), [
    ("And for the third quarter on its own?", "What was Unisound's revenue in the third quarter?"),
    ("And its gross margin?", None),  # "its" is still the company
])
def test_on_its_own_is_alone_not_the_company(question, standalone):
    from chatbot.followup import resolve_followup
    from chatbot.glossary import load_glossary

    history = [{"role": "user", "content": "What was Unisound's revenue in 9M25?"},
               {"role": "assistant", "content": "US$173.9 million [1]."}]
    out = resolve_followup(question, history, load_glossary())
    if standalone:
        assert out == standalone
    else:
        assert "gross margin" in out
        assert "Unisound" in out


# --- periods of a sentence, units of a table -------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "bare"), [
    ("2026财年上半年（截至2025年9月30日止六个月）收入约4.37亿元", set()),  # a fiscal year's half: its year before it
    ("FY2026上半年收入", set()),
    ("2025年上半年收入", set()),
    ("第二季度收入", {"Q2"}),
])
def test_a_half_after_its_fiscal_year_is_no_bare_half(text, bare):
    from chatbot.sentence_period import bare_qualifiers

    assert bare_qualifiers(text) == bare


@pytest.mark.parametrize(("question", "answered"), [
    ("云知声2025财年上半年的收入是多少？", False),  # the year before is the margin's, not the revenue's
    ("云知声2025财年上半年的毛利率是多少？", True),
])
def test_a_year_before_figure_answers_only_the_metric_of_its_clause(question, answered):
    text = "- 2026财年上半年收入约4.37亿元，同比下降4.8%；毛利率由上年同期的38.6%降至31.2%。"
    chosen = _dated_sentences(question, text, "云知声业绩", "2026-01-12")
    assert bool(chosen) is answered


@pytest.mark.parametrize(("line", "unit"), [
    ("Financial summary for the nine months ended 30 September (US$ million, unaudited):", "US$ million"),
    ("出资安排（人民币万元，未经审核）：", "万元"),
    ("公司同时自愿披露月度出货数据。分品类月度出货量（万顶）如下：", "万顶"),  # its last sentence, "如下" after the bracket
    ("以下为过去三个财年的财务资料（单位：人民币万元；门店为财年末数目）：", "万元"),  # a semicolon inside the bracket
])
def test_a_lead_ins_bracketed_unit_with_a_note_or_as_follows(line, unit):
    from chatbot.table_cells import caption_unit

    assert caption_unit(line) == unit


def test_a_table_with_periods_as_rows_takes_its_captions_unit_in_every_items_column():
    from chatbot.table_cells import with_caption_unit

    header = ["月份", "电动自行车头盔", "摩托车头盔", "合计", "同比"]
    assert with_caption_unit(header, "分品类月度出货量（万顶）如下：") == [
        "月份", "电动自行车头盔（万顶）", "摩托车头盔（万顶）", "合计（万顶）", "同比"]


@pytest.mark.parametrize(("question", "formula"), [
    ("What was Unisound's adjusted EBITDA margin in 9M25?", "41.7 million÷173.9 million≈24.0%"),
    ("云知声2025年12月电动自行车头盔占当月出货的比例是多少？", "98.3万÷148.6万≈66.2%"),  # the month asked, both operands
])
def test_ratios_of_table_cells_are_computed_for_the_period_asked(question, formula):
    from dataclasses import replace

    from chatbot.bilingual import finance_terms
    from chatbot.compose import ComposeContext, compose
    from chatbot.evidence import score_candidates
    from chatbot.glossary import load_glossary
    from chatbot.intent import question_intent
    from chatbot.models import Chunk, Passage
    from test_lookup20_rules import _idf

    text = ("Financial summary for the nine months ended 30 September (US$ million, unaudited):\n\n| Item | 9M24 | 9M25 |\n"
            "|---|---|---|\n| Revenue | 195.2 | 173.9 |\n| Adjusted EBITDA | 58.6 | 41.7 |\n\n"
            "分品类月度出货量（万顶）如下：\n\n| 月份 | 电动自行车头盔 | 摩托车头盔 | 合计 |\n|---|---|---|---|\n"
            "| 2025年10月 | 72.4 | 31.6 | 116.8 |\n| 2025年12月 | 98.3 | 38.2 | 148.6 |\n\n- 2025年全年出货量1,412万顶。")
    base = load_glossary()
    glossary = replace(base, terms={**finance_terms(), **base.terms})
    passages = [Passage(chunk=Chunk(id="x:1", doc_id="x", title="云知声 Unisound", text=text, headings=["云知声"],
                                    date="2026-01-16"), score=1.0)]
    idf = _idf(text)
    cands, spec = score_candidates(question, passages, glossary, idf)
    intent = question_intent(question, question)
    comp = compose(ComposeContext(question, "en" if question.isascii() else "zh", intent, passages, cands, spec, glossary,
                                  idf, {}, 0.2, 5))
    assert comp is not None
    assert any(formula in e.text for e in comp.entries), [e.text for e in comp.entries]


# --- the parties of a deal ------------------------------------------------------------------------------------------

def test_a_party_defined_by_its_role_is_a_company_and_its_role_heads_its_section():
    from chatbot.entity_extract import extract

    text = ("## 交易概要\n- 燕珀控股有限公司（股份代号2519）公告，收购马来西亚燕屋运营商Walora Nest Sdn. Bhd.（“目标公司”）80%股权。\n"
            "- Walora Nest为马来西亚燕屋运营商。燕珀控股2025年上半年收入约6.38亿元。\n## 目标公司财务资料\n| 项目 | 2024年 |\n|---|---|\n"
            "| 收入 | 168.3 |")
    entries = {e.name: e for e in extract("燕珀控股（2519.HK）非常重大收购", ["2519.HK"], text)}
    target = next(e for e in entries.values() if "Walora Nest" in (e.name, *e.aliases))
    assert target.kind == "company"
    assert target.roles == ["目标公司"]
    assert not target.primary


def test_two_english_rows_of_one_table_are_not_redundant_for_sharing_letters():
    from chatbot.evidence import Candidate, _redundant

    def row(text, figures):
        return Candidate(passage_idx=0, raw="| " + text, text=text, order=0, item=True, coverage=1.0, score=1.0,
                         figures=figures)

    a = row("Revenue:9M24：US$195.2 million;9M25：US$173.9 million", ["24", "195.2", "25", "173.9"])
    b = row("Adjusted EBITDA:9M24：US$58.6 million;9M25：US$41.7 million", ["24", "58.6", "25", "41.7"])
    assert not _redundant(b, a)

