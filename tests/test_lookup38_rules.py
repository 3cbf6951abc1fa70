"""Table-driven tests of the session-38 rules (dev-38's misses, by mechanism): English words the dictionary gives only
as one character or a compound of characters, a hyphenated word the dictionary holds whole, an English change stated
after its figure, a level and its growth asked in one English question, a proper name or a catalogued brand that the
question names beside its company, figures listed "in order" after the periods of the sentence before, a whole summed
over several periods, a share's change in percentage points, a plain-text article's inline cause label, and a
conceded downside in a hedged sentence."""

from __future__ import annotations

import re

import pytest

from chatbot.glossary import load_glossary
from chatbot.models import Chunk, Passage
from chatbot.text import normalize

# --- English words: elements, compounds of characters, hyphenated dictionary words ----------------------------------


@pytest.mark.parametrize(("phrase", "chinese"), [
    ("antimony", ["锑"]),
    ("antimony oxide", ["氧化锑"]),
    ("lithium carbonate", ["碳酸锂"]),
    ("sodium chloride", ["氯化钠"]),
    ("revenue", []),  # (no element)
    ("antimony oxide powder", []),  # (a compound of two words only)
])
def test_an_element_and_a_compound_of_it(phrase, chinese):
    from chatbot.bilingual import _chemical

    assert _chemical(phrase)[:1] == chinese


@pytest.mark.parametrize(("word", "written", "found", "not_found"), [
    ("oranges", {"脐橙"}, "橙", ""),  # (the documents write 橙 inside 脐橙, "navel orange")
    ("board", {"全部"}, "", "部"),  # (部 only inside 全部, "all": no board)
    ("gift-box", {"礼盒"}, "礼盒", ""),  # (礼 of 礼品 + 盒 of 盒子)
    ("revenue-growth", set(), "", "入增"),  # (no character inside a sense: 收入增长 cut apart is no word)
    ("long-term", {"多条线路"}, "", "多条"),  # (多 of 多久, 条 of 条款: no first senses)
    ("big", {"大模型"}, "", "大"),  # (an adjective a question asks with: "How big is …")
])
def test_a_word_read_by_its_characters(word, written, found, not_found):
    from chatbot.bilingual import _by_characters

    got = _by_characters(word, lambda s: any(s in w for w in written))
    assert not found or found in got
    assert not not_found or not_found not in got


@pytest.mark.parametrize(("word", "compound"), [
    ("Western-style", True),
    ("Kong-listed", False),
    ("Alibaba-backed", False),
    ("Western", False),
])
def test_a_hyphenated_word_the_dictionary_holds_whole_is_no_name(word, compound):
    from chatbot.subjects import _dictionary_compound

    assert _dictionary_compound(word, set()) is compound


def test_western_style_names_no_company():
    from chatbot.subjects import unknown_names

    glossary = load_glossary()
    assert unknown_names("What did Unisound earn from Western-style products in 2025?", glossary,
                         lambda s: s in "西式刀具 收入") == []


# --- an English change after its figure; a level and its growth asked together --------------------------------------


@pytest.mark.parametrize(("after", "only"), [
    ("howfastdidthatlinegrow?", True),
    ("howfastdiditgrow?", True),
    ("howmuchdidthatsegmentearn?", False),
])
def test_a_second_question_asking_only_the_firsts_change(after, only):
    from chatbot.evidence_config import evidence_config

    rxs = evidence_config()["two_part"]["change_only_en"]
    assert any(re.match(rx, after) for rx in rxs) is only


@pytest.mark.parametrize(("question", "only"), [
    ("What was Anacara's profit attributable to shareholders in FY2025, and how much did it grow?", False),
    ("By how much did Anacara's capacity grow in 2025?", True),
    ("收入同比增长了多少？", True),
])
def test_a_level_asked_in_a_clause_of_its_own_before_the_growth(question, only):
    from chatbot.evidence import asks_growth_only

    assert asks_growth_only(question) is only


@pytest.mark.parametrize(("text", "stated"), [
    ("profit attributable to shareholders was RMB201.7 million, up 8.9%.", True),
    ("profit attributable to shareholders was RMB201.7 million; the group's revenue was RMB2,486.3 million.", False),
])
def test_an_english_change_opening_the_clause_after_the_figure(text, stated):
    from chatbot.evidence import metric_change_stated

    assert metric_change_stated(normalize(text), [["profitattributabletoshareholders"]]) is stated


# --- a proper name no passage writes; a catalogued brand after its company ------------------------------------------


def _passage(text: str, title: str = "嵚锑矿业公告") -> Passage:
    return Passage(chunk=Chunk(id="x:1", doc_id="x", title=title, text=text, headings=[title], date="2026-02-12"), score=1.0)


def test_a_proper_name_no_passage_writes_is_held():
    from chatbot.evidence import score_candidates

    text = "- 云知声湖南基地2025年锑产量6,420吨，同比增长3.1%。"
    cands, spec = score_candidates("云知声湖南基地里冷水江矿区2025年的锑产量是多少？", [_passage(text)], load_glossary(),
                                   lambda t: 3.0 if t in text else 6.0)
    assert any("冷水江" in g.alternatives for g in spec.required)
    assert cands == []
    cands, _ = score_candidates("云知声湖南基地2025年的锑产量是多少？", [_passage(text)], load_glossary(),
                                lambda t: 3.0 if t in text else 6.0)
    assert cands


# --- figures listed in order; a summed whole; a share's change in points --------------------------------------------


def test_figures_given_in_order_take_the_periods_listed_before():
    from chatbot.compose.figures import _facts

    text = ("- 净亏损:2022年14.74亿元、2023年17.44亿元、2024年15.38亿元、2025年上半年16.01亿元。\n"
            "- 研发开支依次为10.18亿元、8.86亿元、8.27亿元、5.72亿元。")
    facts = {round(f.lo / 1e6): f.periods for f in _facts([_passage(text, "壁仞科技招股")])}
    assert facts[827] == {("2024", None)}
    assert facts[572] == {("2025", "H1")}
    plain = {round(f.lo / 1e6): f.periods for f in _facts([_passage("- 研发开支为10.18亿元、8.86亿元。", "壁仞科技招股")])}
    assert plain[1018] == set()  # (no list of periods before: none given)


def test_a_whole_summed_over_periods():
    from chatbot.compute import read_derived

    dq = read_derived("云知声2024年的净亏损占2022–2024年累计净亏损的比例是多少？", load_glossary())
    assert dq is not None
    assert dq.kind == "share"
    assert dq.b.summed
    assert "累计" in dq.b.terms[-1]
    assert not read_derived("云知声2024年的净亏损占2022年净亏损的比例是多少？", load_glossary()).b.summed


def test_a_change_in_points_between_shares_the_formulas_give():
    from chatbot.compute import verify_formulas

    line = "6.0亿÷12.4亿≈48.4%，5187万÷9.39亿≈5.5%，48.4%−5.5%≈42.9个百分点"
    assert normalize("42.9个百分点") in verify_formulas(line, normalize("6.0亿元 12.4亿元 5187万元 9.39亿元"))
    assert normalize("42.9个百分点") not in verify_formulas("48.4%−5.5%≈42.9个百分点", normalize("6.0亿元 12.4亿元"))


@pytest.mark.parametrize(("question", "share_of"), [
    ("橼岗果业在保护范围内的种植面积：这部分面积占公司总种植面积的比例是多少？", "种植"),
    ("What was Anacara's capacity utilisation in FY2025, taking raw nuts processed against total annual capacity?",
     "capacity"),
])
def test_the_whole_of_a_share_after_a_colon_or_taken_against(question, share_of):
    from chatbot.compute import read_derived

    dq = read_derived(question, load_glossary())
    assert dq is not None
    assert dq.kind == "share"
    assert any(share_of in a for g in dq.b.terms for a in g)


# --- causes and sides -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "cause"), [
    ("【原因与安排】此次检修包括电炉大修、尾气回收系统改造。", True),
    ("【事件】公司2月19日公告停产检修。", False),
])
def test_an_inline_label_naming_the_cause(text, cause):
    from chatbot.intent import reader_config

    assert any(re.search(c, text) for c in reader_config()["structure"]["cause_cues"]) is cause


@pytest.mark.parametrize(("text", "upside"), [
    ("黄磷价格在2025年走弱，检修虽会减少一季度产量，但也可能收紧市场供应、托底价格。", "也可能收紧市场供应"),
    ("这给了公司缓冲资金，但每次配售都会稀释老股东。", "这给了公司缓冲资金"),
])
def test_a_conceded_downside_before_the_point_made(text, upside):
    from chatbot.compose.sections import _hedge_split

    split = _hedge_split(text)
    assert split is not None
    assert split[0].startswith(upside)


# --- the total beside its parts; the latest month; whose figure a sentence gives ------------------------------------


def test_a_parts_row_beside_its_tables_total_is_no_answer_to_the_whole():
    from chatbot.evidence import score_candidates, select

    text = ("2025年分产品收入（人民币百万元）：\n\n| 产品 | 2025年 | 同比 |\n|---|---|---|\n| 中式菜刀 | 486.2 | +7.1% |\n"
            "| 西式刀具 | 302.5 | +15.8% |\n| 合计 | 1,248.0 | +8.9% |")
    known = {"云知声", "2025", "收入", "同比", "产品", "中式", "菜刀", "西式", "刀具", "合计"}

    def idf(t: str) -> float:
        return 3.0 if t in known else 5.0

    chunk = Chunk(id="x:1", doc_id="x", title="云知声公告", text=text, headings=["云知声公告"], date="2026-02-13")
    cands, _ = score_candidates("云知声2025年的收入是多少？", [Passage(chunk=chunk, score=1.0)], load_glossary(), idf)
    chosen = [c.text for c in select(cands, 0.1, 5, whole_asked=True)]
    assert chosen
    assert chosen[0].startswith("合计")
    assert not any(t.startswith(("中式菜刀", "西式刀具")) for t in chosen)
    asked, _ = score_candidates("云知声2025年西式刀具的收入是多少？", [Passage(chunk=chunk, score=1.0)], load_glossary(), idf)
    assert select(asked, 0.1, 5, whole_asked=False)[0].text.startswith("西式刀具")


@pytest.mark.parametrize(("question", "kind"), [
    ("埏砂壶艺最近公布的月度经营数据是什么？", "M(?:0[1-9]|1[0-2])"),
    ("最新披露的单季营收是多少？", "Q[1-4]"),
])
def test_the_kind_of_period_a_latest_question_asks(question, kind):
    from chatbot.compose.figures import period_kind

    assert period_kind(question)["qualifiers"] == kind


def test_the_latest_month_a_sentence_states():
    from chatbot.compose.figures import latest_of_kind, period_kind

    kind = period_kind("最近的月度数据")
    assert latest_of_kind("2026年1月线上商品交易额3,460万元，同比增长22.5%", kind, "2026-02-21") == "2026-01-31"
    assert latest_of_kind("2025年收入6.93亿元", kind, "2026-02-21") == ""


@pytest.mark.parametrize(("text", "disclaimer"), [
    ("本文为合成示例，公司、人物与数据均为虚构，文中全部数字仅作说明用途（all figures are illustrative）。", True),
    ("以上内容不构成投资建议。", True),
    ("公司2025年收入6.93亿元。", False),
])
def test_a_disclaimer_line_is_no_evidence(text, disclaimer):
    from chatbot.evidence import _disclaimer_re

    assert bool(_disclaimer_re().search(text)) is disclaimer


# --- reader intents and wordings -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("question", "intent"), [
    ("壁仞科技和天数智芯2024年的收入和亏损怎么比？", "comparison"),
    ("两家公司的估值怎么比较？", "comparison"),
    ("云知声的收入怎么比去年少了？", "why"),
    ("Give me a quick rundown of SenseTime's first-half 2025 results.", "summary"),
    ("What was Anacara's capacity utilisation in FY2025, taking raw nuts processed against total annual capacity?",
     "derived"),
])
def test_reader_intents_of_session_38(question, intent):
    from chatbot.intent import question_intent

    assert question_intent(question, question).name == intent


@pytest.mark.parametrize(("quoted", "as_written"), [
    (["Anacara Holdings (安嘉果控股, stock code 9448) said on 17 February 2026 that its board had resolved to change."],
     True),
    (["收入9.36亿元人民币，同比增长7.4%"], False),
])
def test_an_english_line_with_a_chinese_name_in_brackets_is_quoted_as_written(quoted, as_written):
    from chatbot.answerers.extractive import LEAD_IN, lead_in

    assert (lead_in("en", quoted) == LEAD_IN["en-quoted"]) is as_written


def test_a_defined_word_without_its_generic_head():
    from chatbot.intent import reader_config

    cfg = reader_config()["definition"]
    assert re.sub(cfg["optional_suffix"], "", "已商业化公司") == "已商业化"
    assert re.sub(cfg["optional_suffix"], "", "公司") == "公司"  # (a head alone stays)


def test_counts_in_fen_and_an_operand_in_the_other_operands_unit():
    from chatbot.compute import facts_in, read_derived

    facts = facts_in("香港公开发售收到204,871份有效申请,其中50,907份获配", 0)
    assert [(f.lo, f.currency) for f in facts] == [(204871.0, "份"), (50907.0, "份")]
    assert facts_in("其股份于3月份上市", 0) == []
    from chatbot.bilingual import finance_terms

    glossary = load_glossary()
    glossary.terms = {**finance_terms(), **glossary.terms}  # (as the catalogue's glossary holds them)
    dq = read_derived("And what share of 智谱's valid applications ended up with an allotment?", glossary)
    assert dq is not None
    assert dq.kind == "share"
    assert any("获配" in g for g in dq.a.terms)


# --- units: a scale asked, a figure in another; a column's own scale and counted thing --------------------------------


@pytest.mark.parametrize(("shown", "unit", "question", "answers"), [
    ("灰枣:2025财年512,340千元;同比+6.2%", "亿", "灰枣收入是多少亿元？", True),
    ("灰枣:2025财年512,340千元;同比+6.2%", "亿", "灰枣收入是多少亿港元？", False),
    ("新疆阿克苏（交割仓库）:库容18,000;2025财年出库量31,260吨", "万", "出库量多少万吨？", True),
    ("2025年出口收入约1,420万美元", "亿", "出口收入多少亿元？", False),
    ("毛利率28.6%，2024财年为26.9%", "万", "毛利多少万？", False),
])
def test_a_scale_asked_is_answered_by_the_source_figure_in_another(shown, unit, question, answers):
    from chatbot.evidence import in_another_scale

    assert in_another_scale(shown, unit, question) is answers


@pytest.mark.parametrize(("header", "caption", "rendered"), [
    (["基地", "种植面积（亩）", "果树（万株）"], "各基地种植面积与挂果树（亩；万株）：", ["基地", "种植面积（亩）", "果树（万株）"]),
    (["地区", "2025财年（注）", "同比"], "按地区收入（人民币千元）：", ["地区", "2025财年（注）（千元）", "同比"]),
])
def test_a_column_writing_its_own_scale_keeps_it(header, caption, rendered):
    from chatbot.table_cells import with_caption_unit

    assert with_caption_unit(header, caption) == rendered


@pytest.mark.parametrize(("word", "derived"), [
    ("west african", "west africa"),
    ("indian", "india"),
    ("totally", None),
])
def test_a_peoples_or_regions_adjective_reads_its_place(word, derived):
    from chatbot.bilingual import _derived

    assert (derived in _derived(word)) if derived else not any(" " in d for d in _derived(word))


@pytest.mark.parametrize(("question", "forecast"), [
    ("How many new stores does Xianji plan to open over 2026-2028?", True),
    ("The company intends to list in 2027.", True),
    ("What was Xianji's revenue in 2025?", False),
])
def test_a_plan_asked_in_english_is_a_forecast(question, forecast):
    from chatbot.evidence import forecast_re

    assert bool(forecast_re().search(question.lower())) is forecast


@pytest.mark.parametrize(("question", "held"), [
    ("珐昶炊具认证后一年能省下多少钱？", "节省"),
    ("莜原食品取消监事会一年能省多少钱？", "节省"),
    ("云知声被罚了多少钱？", "罚款"),
])
def test_a_verb_asks_the_documents_noun(question, held):
    from chatbot.evidence import analyse_question, unnamed_head_zh

    spec = analyse_question(question, load_glossary(), lambda t: 3.0)
    assert any(held in g.alternatives for g in spec.groups)
    assert unnamed_head_zh(question, spec) == ""


def test_a_metrics_words_only_inside_another_metrics_state_no_figure_of_it():
    from chatbot.glossary import Glossary

    glossary = Glossary(metrics={"净亏损": ["净亏损", "亏损"], "每股收益": ["每股收益", "每股亏损"]})
    assert not glossary.outside_longer_metric("每股亏损0.12元", "亏损")  # (earnings per share, no net loss)
    assert glossary.outside_longer_metric("净亏损4.54亿元", "净亏损")


# --- company swaps in English follow-ups ---------------------------------------------------------------------------

_ASKED = [{"role": "user", "content": "What was Unisound's revenue in 2024?"},
          {"role": "assistant", "content": "Revenue was about RMB939 million [1]."}]


@pytest.mark.parametrize(("question", "standalone"), [
    ("And for Zhipu?", "What was Zhipu's revenue in 2024?"),
    ("What about Zhipu in the first half of 2025?", "What was Zhipu's revenue in the first half of 2025?"),
    ("And MiniMax?", "What was MiniMax's revenue in 2024?"),
])
def test_a_company_swap_in_english_keeps_the_question_and_takes_its_own_period(question, standalone):
    from chatbot.followup import resolve_followup

    assert resolve_followup(question, _ASKED, load_glossary()) == standalone


@pytest.mark.parametrize(("text", "side"), [
    ("公司初步估计，2025年度须就该矿计提减值3.2亿元至3.6亿元", -1),
    ("失去该矿后集团产量将减少约三成", -1),
    ("使用专用标志的礼盒橙售价可比普通果高，公司计划提价", 1),
])
def test_the_sides_of_an_impairment_a_lost_asset_and_a_price_rise(text, side):
    from chatbot.compose.sections import stance_of

    assert (stance_of(text) > 0) - (stance_of(text) < 0) == side
