"""Table-driven tests of the session-33 rules (dev-33's misses, by mechanism): a change word right before "到"/"至"
names the level reached; CC-CEDICT definitions with a chemical formula after the name; a short form one company's
name shares with another's, never written on its own, names neither; a what-question whose noun names a figure asks
it; ", and what …" joins two questions; the thing a question counts after its unit, named by the document; a place
after 在 before any verb of what is done there; a year's end stated by 31 December; a question asking a day ranks
sentences writing one first; a product code's point is no decimal point; a head that opens and ends with a verb, a
copula or a kind word before a company suffix make no company name."""

from __future__ import annotations

import pytest

from test_lookup31_rules import _sentences

# --- a change word right before 到 / 至 states the level reached ---------------------------------------------------------

CAPACITY = "醴陵新厂的自动化装药线投产后，公司目标在2026年末把年产能提高到680万箱（2025年末为600万箱）。"
ADDED = "2025年末公司净增产能80万箱。"


@pytest.mark.parametrize(("question", "text", "answered"), [
    ("云知声2026年末的年产能目标是多少？", CAPACITY, True),  # "提高到680万箱": the level reached
    ("云知声2025年末的产能一共有多少？", ADDED, False),  # a net addition is no level
])
def test_a_change_word_before_dao_states_the_level(question, text, answered):
    assert bool(_sentences(question, text, "云知声经营数据")) is answered


# --- CC-CEDICT: a chemical formula after the name --------------------------------------------------------------------


@pytest.mark.parametrize(("definition", "keys"), [
    ("gypsum CaSO4·2(H2O)", ["gypsum"]),
    ("carbon dioxide CO2", ["carbon dioxide"]),
    ("ethylene glycol C2H4(OH)2 (antifreeze)", ["ethylene glycol"]),
    ("plaster", ["plaster"]),
    ("Model T4", ["model t4"]),  # a proper noun's code is part of it
])
def test_a_formula_after_a_definition_is_dropped(definition, keys):
    from chatbot.bilingual import _definition_keys

    assert _definition_keys(definition)[0] == keys


# --- a short form two companies' names share ------------------------------------------------------------------------

PARENT_AND_SUBSIDIARY = (
    "赭杞农业（3058.HK）内幕消息\n\n赭杞农业控股有限公司（股份代号3058）公告，公司持有70%权益的附属公司宁夏赭杞饮品有限公司"
    "申请破产清算。宁夏赭杞饮品有限公司主要生产枸杞饮料。赭杞农业表示核心业务不受影响。")


def test_a_short_form_shared_with_another_companys_name_is_neither():
    from chatbot.entity_extract import extract

    entries = {e.name: e for e in extract("赭杞农业（3058.HK）内幕消息", ["3058.HK"], PARENT_AND_SUBSIDIARY)}
    subsidiary = next(e for e in entries.values() if e.name.startswith("宁夏赭杞饮品"))
    assert "赭杞" not in [subsidiary.name, *subsidiary.aliases]  # written only inside the two names: not the subsidiary's
    assert "赭杞" in entries["赭杞农业"].aliases  # the document's own company, whose name opens with it ("Zheqi")


def test_a_form_written_on_its_own_stays():
    from chatbot.entity_extract import _drop_shared_cuts
    from chatbot.names import Entry

    a, b = Entry(name="赭杞", aliases=["宁夏赭杞饮品"]), Entry(name="赭杞农业", primary=True)
    _drop_shared_cuts([a, b], "赭杞农业和宁夏赭杞饮品。赭杞表示……")  # "赭杞" alone once: a form the text uses
    assert a.name == "赭杞"


# --- a what-question whose noun names a figure -----------------------------------------------------------------------


@pytest.mark.parametrize(("question", "figure"), [
    ("What management fee does the fund charge during the investment period?", True),
    ("What hurdle rate applies before carry?", True),
    ("What coupon does the senior tranche pay?", True),
    ("What dividend policy did Unisound adopt?", False),  # the noun of the question is the policy
    ("What does the report say about Unisound?", False),
])
def test_a_what_question_naming_a_figure_noun(question, figure):
    from chatbot.evidence import _WHAT_FIGURE_NOUN

    assert bool(_WHAT_FIGURE_NOUN.search(question)) is figure


# --- ", and what …" joins two questions ----------------------------------------------------------------------------

FUND = ("管理费：投资期内按实缴出资每年2.0%，退出期内按尚未退出的投资成本每年1.5%。\n\n"
        "收益分配：先返还实缴出资，再支付每年8%的门槛收益，其后的超额收益按80:20分配，即普通合伙人的附带权益为20%。")


def test_two_english_questions_joined_by_and_what_get_both():
    got = _sentences("What management fee does Unisound's fund charge during the investment period, and what hurdle "
                     "rate applies before carry?", FUND, "云知声（Unisound）参与基金")
    assert any("2.0%" in s for s in got)
    assert any("8%" in s for s in got)


# --- the thing counted after the unit, named by the document ---------------------------------------------------------

WASTE = ("| 省份 | 处置量 |\n|---|---|\n| 湖南 | 8.7 |\n| 江西 | 6.2 |\n| 合计 | 14.9 |")


@pytest.mark.parametrize(("question", "thing"), [
    ("溥洁环保2025年在江西处置了多少万吨医疗废物？", "医疗废物"),
    ("公司有多少家门店？", ""),  # the question ends on the noun's classifier phrase: 门店 is counted, not a thing after
    ("一共卖了多少吨？", ""),
    ("卖了多少吨的？", ""),
])
def test_the_thing_counted_after_the_unit(question, thing):
    from chatbot.evidence import asked_measures, counted_after_unit

    assert counted_after_unit(question, asked_measures(question)) in (thing, "门店" if "门店" in question else thing)


def test_a_row_in_the_unit_asked_answers_for_the_thing_the_document_names():
    got = _sentences("云知声2025年在江西处置了多少万吨医疗废物？", f"2025年分省份处置量（万吨）\n\n{WASTE}",
                     "云知声运营医疗废物集中处置中心", kind="table")
    assert got
    assert all("江西" in s for s in got)


# --- a place after 在 before a verb of what is done there -----------------------------------------------------------


@pytest.mark.parametrize(("question", "places"), [
    ("云知声2025年在江西处置了多少万吨医疗废物？", [["江西"]]),
    ("云知声在云南有多少家门店？", [["云南"]]),
    ("云知声在香港上市的发行价是多少", []),  # done there once: where it listed
    ("云知声在香港发行的债券利率是多少", []),
])
def test_a_place_before_a_verb_of_what_is_done_there(question, places):
    from chatbot.evidence_config import evidence_config
    from chatbot.metric_scope import asked_places

    c = evidence_config()["scope"]
    assert asked_places(question, c["place_pos"], c["place_noun_pos"], c["not_segment_places"], ["云知声"],
                        (c["place_after"], c["place_after_next"], c["place_after_once"])) == places


# --- a year's end by its 31 December -------------------------------------------------------------------------------


@pytest.mark.parametrize(("asked", "stated", "match"), [
    ({("2025", "end")}, {("2025", "M12-end")}, True),  # "截至2025年末" by "截至2025年12月31日"
    ({("2025", "end")}, {("2025", "M06-end")}, False),
    ({("2025", "H1")}, {("2025", "M12-end")}, False),
])
def test_a_years_end_by_its_december_end(asked, stated, match):
    from chatbot.text import period_match

    assert period_match(asked, stated, point_in_time=True) is match


# --- a question asking a day ---------------------------------------------------------------------------------------

CALL = ("若首个赎回日不赎回，分派率会重设并在2036年后跳升，市场通常把首个赎回日视为实际到期日。\n\n"
        "首个赎回日为2031年1月28日，公司可于该日或其后任何分派支付日按本金赎回。")


def test_a_day_asked_is_answered_by_a_sentence_writing_one_first():
    got = _sentences("云知声这笔证券的首个赎回日是哪一天？", CALL, "云知声发行永续证券")
    assert got
    assert "2031年1月28日" in got[0]


def test_a_clause_asking_a_day_asks_no_amount():
    got = _sentences("云知声这笔证券的初始分派率是多少？首个赎回日是哪一天？",
                     "初始分派率为每年6.85%。\n\n" + CALL, "云知声发行永续证券")
    assert any("6.85%" in s for s in got)
    assert any("2031年1月28日" in s for s in got)


# --- a product code's point is no decimal point --------------------------------------------------------------------


@pytest.mark.parametrize(("figure", "evidence", "supported"), [
    ("652", "g.652d光纤第三季度平均售价约每芯公里18.6元", True),
    ("652", "增长1.652倍", False),  # a decimal's digits: no figure of their own
    ("18.6元", "g.652d光纤第三季度平均售价约每芯公里18.6元", True),
])
def test_a_code_point_is_no_decimal_point(figure, evidence, supported):
    from chatbot.text import figure_supported

    assert figure_supported(figure, evidence) is supported


# --- no company name: a verb phrase, a copula, a kind word before a suffix ------------------------------------------


@pytest.mark.parametrize(("name", "suffix", "kind_word"), [
    ("优先级证券", "证券", True),
    ("中信证券", "证券", False),
    ("次级证券", "证券", True),
])
def test_a_kind_word_before_a_company_suffix(name, suffix, kind_word):
    from chatbot.subjects import _attribute_then_suffix

    assert _attribute_then_suffix(name, suffix) is kind_word


@pytest.mark.parametrize(("head", "phrase"), [("分园区看", True), ("分地区看", True), ("昙幕文旅", False)])
def test_a_head_opening_and_ending_with_a_verb(head, phrase):
    from chatbot.subjects import _verb_phrase

    assert _verb_phrase(head) is phrase


def test_the_copula_ends_a_name_walked_back():
    from chatbot.names import load_rules, name_before

    assert name_before("入池应收账款余额是优先级证券", load_rules()) != "账款余额是优先级证券"


# --- a named holiday is a period of its own ------------------------------------------------------------------------

FESTIVAL = "春节假期共演出486场，观众68.4万人次，同比增长27.6%。"


@pytest.mark.parametrize(("question", "title", "answered"), [
    ("云知声2026年国庆假期观众有多少人次？", "云知声2026年经营数据", False),  # another holiday's figures
    ("云知声2026年春节假期观众有多少人次？", "云知声2026年经营数据", True),
    ("How many spectators did Unisound draw over the National Day holiday?", "云知声2026年春节假期经营数据", False),
])
def test_a_holiday_asked_is_answered_only_under_that_holiday(question, title, answered):
    assert bool(_sentences(question, FESTIVAL, title)) is answered


@pytest.mark.parametrize(("question", "holidays"), [
    ("昙幕文旅2025年国庆假期观众有多少人次？", [["国庆", "十一黄金周", "nationalday", "octobergoldenweek"]]),
    ("What was revenue over the Spring Festival?", [["春节", "springfestival", "lunarnewyear", "chinesenewyear", "农历新年"]]),
    ("昙幕文旅2025年收入是多少？", []),
])
def test_the_holidays_a_question_asks(question, holidays):
    from chatbot.evidence import asked_holiday_forms

    assert asked_holiday_forms(question) == holidays


# --- a figure as of one day ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("question", "days"), [
    ("What was Unisound's share price on 2026年1月15日?", {(1, 15)}),
    ("云知声1月16日的收市价是多少？", {(1, 16)}),
    ("What was the close on 16 January 2026?", {(1, 16)}),
    ("What was the close on January 16?", {(1, 16)}),
    ("自2月16日起上调多少？", set()),  # a day things start from: no figure as of it
    ("云知声2025年收入是多少？", set()),
])
def test_the_day_a_figure_is_asked_as_of(question, days):
    from chatbot.evidence import asked_days

    assert asked_days(question) == days


CLOSE = ("2026年1月19日，云知声公告以每股0.72港元配售新股。\n\n"
         "配售价较2026年1月16日收市价每股0.80港元折让10.0%。")


@pytest.mark.parametrize(("question", "answered"), [
    ("云知声1月15日的收市价是多少？", False),  # only other days' figures
    ("云知声1月16日的收市价是多少？", True),
])
def test_a_figure_of_another_day_is_no_answer(question, answered):
    got = _sentences(question, CLOSE, "云知声配售新股")
    assert bool(got) is answered


# --- the finance term after the company's "'s" is the thing asked ---------------------------------------------------

LOAN = "该笔股东贷款年利率8%，分两笔提取。"


@pytest.mark.parametrize(("question", "answered"), [
    ("What interest rate does Unisound's bank loan carry?", False),  # the shareholder loan's rate is no bank loan's
    ("What interest rate does Unisound's shareholder loan carry?", True),
])
def test_the_term_after_the_companys_possessive_is_held(question, answered):
    assert bool(_sentences(question, LOAN, "云知声关连交易")) is answered


# --- an English question's place written after the company's "'s", as an apostrophe name or in Chinese --------------


@pytest.mark.parametrize("question", [
    "What was Unisound's 西安 park revenue over the holiday?",  # "Xi'an", given its Chinese name by the resolver
    "What was Unisound's revenue in 西安 over the holiday?",
])
def test_a_place_after_the_possessive_in_chinese_is_a_region_asked(question):
    from chatbot.evidence import analyse_question
    from test_lookup31_rules import _glossary, _idf

    text = "西安:观众14.6万人次;上座率95.2%。园区总收入约1.94亿元。云知声"
    spec = analyse_question(question, _glossary(text), _idf(text))
    assert any("西安" in forms for forms in spec.segments)


# --- an amount asked is not stated by the ratio the word names ----------------------------------------------------


@pytest.mark.parametrize(("text", "forms", "ratio"), [
    ("2025年上半年收入约8.46亿元；毛利率28.7%", ["毛利"], True),
    ("公司须把研发费用率维持在3%以上", ["研发费用"], True),
    ("近三个会计年度研发费用占销售收入比例不低于3%", ["费用"], True),
    ("毛利2.43亿元，毛利率28.7%", ["毛利"], False),  # the amount is written too
    ("收入约8.46亿元", ["毛利"], False),  # not named at all: other rules decide
])
def test_a_word_written_only_as_a_ratios_name(text, forms, ratio):
    from chatbot.evidence import only_as_ratio
    from chatbot.text import normalize

    assert only_as_ratio(normalize(text), forms) is ratio


@pytest.mark.parametrize(("question", "answered"), [
    ("云知声2025年上半年毛利是多少？", False),
    ("云知声2025年上半年毛利率是多少？", True),
])
def test_an_amount_asked_is_not_its_ratio(question, answered):
    got = _sentences(question, "2025年上半年收入约人民币8.46亿元，同比增长14.2%；毛利率28.7%。", "云知声中期业绩")
    assert bool(got) is answered


# --- a lettered series -----------------------------------------------------------------------------------------------

TRANCHES = "| 档次 | 规模 | 票面利率 |\n|---|---|---|\n| 优先A级 | 6.90 | 2.38% |\n| 优先B级 | 1.27 | 2.65% |"


@pytest.mark.parametrize(("question", "items"), [
    ("溥洁环保优先C级的票面利率是多少？", ["优先c级"]),  # the texts write 优先A级 and 优先B级
    ("溥洁环保优先B级的票面利率是多少？", ["优先b级"]),
    ("溥洁环保2025年收入是多少？", []),
])
def test_the_lettered_item_asked(question, items):
    from chatbot.evidence import lettered_items
    from chatbot.text import normalize

    assert lettered_items(question, [normalize(TRANCHES)]) == items


@pytest.mark.parametrize(("question", "answered"), [
    ("云知声优先C级的票面利率是多少？", False),  # no such tranche: the A and B rows are no answer
    ("云知声优先B级的票面利率是多少？", True),
])
def test_an_item_of_the_series_no_text_writes(question, answered):
    got = _sentences(question, TRANCHES, "云知声资产支持专项计划", kind="table")
    assert bool(got) is answered


# --- the figure noun is held; a per-unit figure no passage writes per unit is not given ----------------------------

BASES = ("| 基地 | 年产能 | 2025年产量 |\n|---|---|---|\n| 越南同奈 | 90万张 | 71.8万张 |\n\n"
         "三项违法行为合计罚款人民币486万元，并责令辛集基地两条生产线停产整改。")


@pytest.mark.parametrize(("question", "answered"), [
    ("What fine did Unisound receive at its 越南 base?", False),  # the Vietnam base's output is no fine
    ("What fine did Unisound receive at its 辛集 base?", True),
])
def test_the_figure_noun_asked_is_held(question, answered):
    assert bool(_sentences(question, BASES, "云知声收到环保处罚")) is answered


LAND = "地块挂牌起始价为人民币7,080万元，经多轮报价后以8,640万元成交，溢价率22.0%。"


@pytest.mark.parametrize(("question", "answered"), [
    ("云知声竞得的地块单价是多少元每平方米？", False),  # the lump sum is no price per square metre
    ("云知声竞得的地块以多少钱成交？", True),
])
def test_a_per_unit_figure_no_passage_writes_per_unit(question, answered):
    assert bool(_sentences(question, LAND, "云知声竞得工业用地")) is answered


# --- an English word's "-ies" plural in an article written in English -----------------------------------------------


def test_an_english_words_ies_plural_is_its_form():
    from chatbot.evidence import question_terms
    from test_lookup31_rules import _glossary, _idf

    text = "Sanvoria will pay tiered royalties of 8% to 14% on its net sales. 云知声"
    groups = question_terms("What royalty does Unisound receive?", _glossary(text), _idf(text))
    royalty = next(g for g in groups if g.alternatives[0] == "royalty")
    assert "royalties" in royalty.alternatives
    fee = next((g for g in question_terms("What fee does Unisound pay?", _glossary(text), _idf(text))
                if g.alternatives[0] == "fee"), None)
    assert fee is None or "fees" not in fee.alternatives  # (a plain plural holds the word already)
