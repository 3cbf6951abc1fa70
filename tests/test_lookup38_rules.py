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
