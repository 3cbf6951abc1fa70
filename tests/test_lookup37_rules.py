"""Table-driven tests of the session-37 rules (dev-37's misses, by mechanism): a caption's bracket naming what its unit
measures, an English sentence's base of comparison and its period, a month a sentence dates itself beside a quarter, a
fiscal year's half said the spoken way, a plan's word kept in a derived question, a coined word the keyword index holds
only in pieces, a verb that ends a run of unknown characters, a table row joining two items, a subsidiary in its
parent's own document, and the canonical name of a company two articles write differently."""

from __future__ import annotations

import pytest

from chatbot.glossary import load_glossary
from chatbot.models import Chunk, Passage
from chatbot.text import normalize

# --- a caption's bracket that names what its unit measures --------------------------------------------------------


@pytest.mark.parametrize(("caption", "unit", "states"), [
    ("被冻结账户明细（冻结金额：人民币万元）", "元", True),
    ("被冻结账户明细（冻结金额：人民币万元）", "万元", True),
    ("被冻结账户明细（冻结金额：人民币万元）", "美元", False),
    ("分产品收入（人民币千元）", "元", True),
    ("门店明细（注：见下文）", "元", False),
])
def test_a_caption_bracket_naming_what_its_unit_measures(caption, unit, states):
    from chatbot.evidence import _caption_states_unit

    assert _caption_states_unit(caption, unit) is states


@pytest.mark.parametrize(("line", "unit"), [
    ("被冻结账户明细（冻结金额：人民币万元）", "万元"),
    ("按地区划分的收入（百万港元）：", "百万港元"),
    ("实际交易金额（单位：人民币千元）：", "千元"),
    ("表一（注：见下）", ""),
])
def test_the_unit_a_caption_writes(line, unit):
    from chatbot.table_cells import caption_unit

    assert caption_unit(line) == unit


# --- periods: an English base of comparison, a month dated beside a quarter, a fiscal year's half -------------------


@pytest.mark.parametrize(("sentence", "named"), [
    ("The final dividend was cut to HK 3.5 cents per share, from HK 6.0 cents for FY2024.", set()),
    ("gross margin 24.8%, against 29.3% in FY2024.", set()),
    ("revenue rose 9.7% to NOK 4,105 million from NOK 3,742 million in 2024", set()),
    ("Sales rose from a low base in 2025, the company said", {("2025", None)}),  # (no figure: no base)
    ("Revenue in 2025 came from exports in Japan", {("2025", None)}),
])
def test_an_english_base_of_comparison_names_no_period_of_the_sentence(sentence, named):
    from chatbot.sentence_period import named_periods, own_text

    assert named_periods(own_text(sentence)) == named


def test_a_month_the_sentence_dates_itself_stays_beside_a_quarter():
    from chatbot.sentence_period import sentence_periods

    s = "第四季度收入2.71亿元，同比增长14.9%；2025年12月球台发货3,860张，同比增长26.2%。"
    found = sentence_periods(s, {("2025", "M12")}, set(), {("2025", None)}, False, "2026-01-20")
    assert {("2025", "M12"), ("2025", "Q4")} <= found
    # (a month carried from the sentence before, which this one does not write, gives its year only)
    carried = sentence_periods("第四季度收入2.71亿元。", {("2025", "M12")}, set(), {("2025", None)}, False, "2026-01-20")
    assert carried == {("2025", "Q4")}


@pytest.mark.parametrize(("text", "spelled"), [
    ("上半财年", "财年上半年"),
    ("2025上半财年", "2025财年上半年"),
    ("下半个财年", "财年下半年"),
    ("截至2025年底的那半个财年", "截至2025年12月31日止六个月"),  # (the spoken span first)
])
def test_a_fiscal_years_half_said_the_spoken_way(text, spelled):
    from chatbot.text import period_spellings

    assert period_spellings(text) == spelled


def test_a_follow_up_naming_a_fiscal_half_asks_the_metric_before_for_it():
    from chatbot.followup import resolve_followup

    history = [{"role": "user", "content": "云知声2025财年收入多少？"}, {"role": "assistant", "content": "…[1]。"}]
    assert resolve_followup("上半财年呢？", history, load_glossary()) == "云知声上半年收入多少？"


# --- the words of a question ----------------------------------------------------------------------------------------


def test_a_plans_word_is_kept_in_a_derived_question():
    from chatbot.compose.base import drop_absent
    from test_lookup20_rules import _idf

    kept = drop_absent("云知声打算把海外收入占比提高到多少？", load_glossary(), _idf("云知声 海外 收入 占比"), keep_plans=True)
    assert "打算" in kept


@pytest.mark.parametrize(("question", "word", "not_word"), [
    ("闽鲡水产2026财年上半年烤鳗卖了多少钱？", "烤鳗", "烤鳗卖"),
    ("鳗苗买了多少？", "鳗苗", "鳗苗买"),
])
def test_a_verb_ends_a_run_of_unknown_characters(question, word, not_word):
    from chatbot.text import content_words

    words = content_words(question)
    assert word in words
    assert not_word not in words


def test_a_coined_word_written_whole_is_held_though_the_index_cuts_it():
    from chatbot.evidence import score_candidates

    text = ("- 2026财年上半年收入13.27亿元，同比增长9.8%。\n\n2026财年上半年分产品收入（人民币百万元）\n"
            "| 产品 | 收入 | 同比 |\n|---|---|---|\n| 烤鳗 | 812.4 | +11.5% |\n| 活鳗 | 402.6 | +6.2% |")
    known = {"云知声", "2026", "财年", "上半年", "收入", "同比", "增长", "产品", "烤", "鳗", "活"}

    def idf(t: str) -> float:  # (the index holds 烤 and 鳗 apart, never 烤鳗)
        return 3.0 if t in known else 5.0

    chunk = Chunk(id="x:1", doc_id="x", title="云知声公告", text=text, headings=["云知声公告"], date="2026-01-30")
    cands, spec = score_candidates("云知声2026财年上半年烤鳗卖了多少钱？", [Passage(chunk=chunk, score=1.0)],
                                   load_glossary(), idf)
    assert any("烤鳗" in a for g in spec.required for a in g.alternatives)
    assert cands
    assert all("烤鳗" in c.text for c in cands)


# --- rows and parties -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "asked", "question", "joint"), [
    ("| 球拍及底板胶皮 | 312,740 | +20.5% |", ["球拍"], "弧旋体育2025年单是球拍一项收入是多少？", True),
    ("| 球拍及底板胶皮 | 312,740 | +20.5% |", ["球拍"], "弧旋体育2025年球拍及底板胶皮收入是多少？", False),
    ("| 研发及其他 | 1,200 |", ["研发"], "单独研发一项收入多少？", True),
    ("| AIoT及BPaaS解决方案服务 | 12.54 |", ["aiot"], "其中AIoT业务收入多少？", False),  # (not asked alone: the
    # segment reported with another is the figure found, its label shown)
    ("| 球拍 | 312,740 |", ["球拍"], "单是球拍一项收入多少？", False),
    ("| 普及版 | 88 |", ["普及版"], "单是普及版一项收入多少？", False),  # (及 inside a word: no two items)
    ("| 高端（十年陈及以上） | 28,640 |", ["高端"], "单是高端黄酒收入多少？", False),  # (a bracket: the label's note)
    ("球拍及底板胶皮收入3.1亿元", ["球拍"], "单是球拍一项收入多少？", False),  # (prose: no row)
])
def test_a_row_joining_two_items_is_no_figure_of_one(raw, asked, question, joint):
    from chatbot.evidence import joint_row_label

    assert joint_row_label(raw, asked, question) is joint


@pytest.mark.parametrize(("subject", "asked", "own"), [
    ({"仙游楠樾"}, {"楠樾家具"}, True),
    ({"中国银行"}, {"中国平安"}, False),  # (a dictionary word shared: no subsidiary)
    ({"楠木家居"}, {"楠樾家具"}, False),
    ({"仙游楠樾", "鹭岛体育"}, {"楠樾家具"}, False),  # (another company besides)
    (set(), {"楠樾家具"}, False),
])
def test_a_subsidiary_holding_the_parents_coined_name(subject, asked, own):
    from chatbot.evidence import own_subsidiary

    assert own_subsidiary(subject, asked) is own


def test_a_companys_name_is_its_own_articles_when_two_are_used_as_often():
    from chatbot.catalogue import merged_glossary
    from chatbot.glossary import Glossary
    from chatbot.names import Entry

    passing = Entry(name="股中橄湾控股", kind="org", aliases=["Olivarra"])
    own = Entry(name="橄湾控股", kind="company", tickers=["6715.HK"], aliases=["Olivarra", "Olivarra Holdings"],
                primary=True)
    g = merged_glossary(Glossary(), {"news-374": [passing], "news-375": [own]})
    assert g.aliases["olivarra"] == "橄湾控股"
    assert g.aliases["股中橄湾控股"] == "橄湾控股"
    # (the other order of the articles: the same name)
    g = merged_glossary(Glossary(), {"news-375": [own], "news-374": [passing]})
    assert g.aliases["olivarra"] == "橄湾控股"


# --- computed figures: the operand as the question names it, plausible quotients, a part's ratio ----------------------


def _ok(_f, _entity) -> bool:
    return True


def test_a_period_term_leaves_no_year_character_among_an_operands_terms():
    from chatbot.compute import _drop_words, _phrase_terms

    terms = _phrase_terms("云知声2025年总收入 2024年 了 ？", load_glossary(), _drop_words())
    assert all("年总" not in g for g in terms)
    assert any("收入" in g for g in terms)


def test_the_figure_right_after_the_operands_words_and_as_the_question_names_it():
    from chatbot.compute import Operand, facts_in, find_operand

    facts = [*facts_in("IPO估值:智谱约511亿港元(发行价116.20港元/股)", 0), *facts_in("发售价每股116.20港元。", 1)]
    got = find_operand(facts, Operand(None, [["发行价", "发售价"]], None), _ok)
    assert got is not None
    assert got.lo == pytest.approx(116.2)
    range_first = [*facts_in("招股价区间165–205港元。", 0), *facts_in("公司上市,发行价205港元/股。", 1)]
    got = find_operand(range_first, Operand(None, [["发行价", "招股价"]], None), _ok)
    assert got is not None
    assert (got.lo, got.hi) == (205.0, 205.0)  # (the question's own word before another form: no marketing range)


@pytest.mark.parametrize(("a", "b", "kind", "computed"), [
    ("盘中最高496港元", "估值511亿港元", "multiple", False),  # (a price over a valuation: two kinds)
    ("估值511亿港元", "上限165港元", "difference", False),
    ("盘中最高496港元", "发行价116.20港元", "multiple", True),
    ("收入18.16亿元", "总收入23.58亿元", "share", True),
])
def test_a_quotient_no_report_could_state_is_not_computed(a, b, kind, computed):
    from chatbot.compute import calculate, facts_in

    calc = calculate(kind, facts_in(a)[0], facts_in(b)[0])
    assert (not isinstance(calc, str)) is computed
    if not computed:
        assert calc == "kinds"


@pytest.mark.parametrize(("alts", "text", "named"), [
    (["收盘价"], "收盘345港元,较发行价上涨约109%", True),
    (["开盘价"], "开盘120港元,比发行价高约3.27%", True),
    (["配售价"], "配售780万股新h股", False),  # (a count after the stem: no price)
    (["收盘价"], "收市价345港元", False),
])
def test_a_price_written_by_its_stem_before_its_figure(alts, text, named):
    from chatbot.compute import _in

    assert _in(alts, text, per_share=False) is named


@pytest.mark.parametrize(("question", "a", "b"), [
    ("智谱上市首日开盘价较发行价涨了多少？", "开盘价", "发行价"),
    ("云知声配售价比发行价高了多少？", "配售价", "发行价"),
])
def test_one_figure_against_another_by_a_verb_of_price(question, a, b):
    from chatbot.compute import read_derived

    dq = read_derived(question, load_glossary())
    assert dq is not None
    assert dq.kind == "difference"
    assert "growth" in dq.also  # (no unit asked: in percent too)
    assert any(a in g for g in dq.a.terms)
    assert any(b in g for g in dq.b.terms)


def test_a_ratio_of_a_part_holds_the_part_in_both_figures():
    from chatbot.compose.figures import with_part_asked
    from chatbot.compute import facts_in, find_operand, read_derived
    from chatbot.evidence import TermGroup

    dq = read_derived("云知声合肥分公司2025年的净利润率是多少？", load_glossary())
    assert dq is not None
    assert dq.ratio

    from types import SimpleNamespace

    spec = SimpleNamespace(required=[TermGroup(["合肥"], 3.0), TermGroup(["分公司"], 3.0), TermGroup(["净利率"], 3.0)])
    held = with_part_asked(dq, spec)
    assert held.a.held == [["合肥"], ["分公司"]]  # (the ratio's own name is no part)
    group = facts_in("2025年集团收入15.68亿元；股东应占溢利1.92亿元。", 0)
    for f in group:
        f.context = "云知声合肥分公司被责令停业整顿"  # (the title names the branch; the sentence is the group's)
    assert find_operand(group, dq.a, _ok) is not None
    assert find_operand(group, held.a, _ok) is None


@pytest.mark.parametrize(("question", "intent"), [
    ("云知声配售780万股，每股252港元，总共募资多少？", "derived"),
    ("云知声一共有多少员工？", "lookup"),
])
def test_a_total_of_a_count_at_a_price_is_derived(question, intent):
    from chatbot.intent import question_intent

    assert question_intent(question, question).name == intent


def test_a_rows_period_is_its_captions():
    from chatbot.compose.figures import _facts

    text = "2025财年分产品收入（人民币百万元）\n\n| 产品 | 收入 | 同比 |\n|---|---|---|\n| 味精 | 2,846.2 | +2.3% |\n| 合计 | 4,683.3 | +3.9% |"
    chunk = Chunk(id="x:1", doc_id="x", title="醍沅生化董事长被留置", text=text, headings=["醍沅生化董事长被留置"],
                  date="2026-02-03", kind="table")
    facts = [f for f in _facts([Passage(chunk=chunk, score=1.0)]) if f.lo == pytest.approx(2846.2e6)]
    assert facts
    assert facts[0].periods == {("2025", None)}


def test_a_calculations_result_is_supported_as_a_claim_reads_it():
    from chatbot.compute import verify_formulas
    from chatbot.text import claim_figures

    claim = "线上收入487.9百万元，直营门店收入212.4百万元；487.9百万−212.4百万≈275.5百万元。"
    ok = verify_formulas(claim, normalize("线上:收入487.9百万元 直营门店:收入212.4百万元"))
    assert all(f in ok or f in normalize("线上:收入487.9百万元 直营门店:收入212.4百万元")
               for f in claim_figures(claim))
    assert not verify_formulas("487.9百万−212.4百万≈270.0百万元", normalize("487.9百万元 212.4百万元")) & {"270.0百"}


@pytest.mark.parametrize(("question", "a", "b"), [
    ("How much more revenue did Unisound's rain boots generate than its canvas shoes in 2025?", "收入", "canvas"),
    ("What share of Unisound's 1H 2025 revenue came from Japan?", "日本", None),
])
def test_english_derived_questions_read_their_parts(question, a, b):
    from chatbot.compute import read_derived

    dq = read_derived(question, load_glossary())
    assert dq is not None
    assert any(a in x for g in dq.a.terms for x in g)
    if b is not None:
        assert any(b in x for g in dq.b.terms for x in g)
        assert any("收入" in g for g in dq.b.terms)  # (the figure's name carried to the other side)


# --- reader intents: cues, sides in English, a latest price -----------------------------------------------------------


@pytest.mark.parametrize(("question", "intent"), [
    ("醍沅生化董事长被留置了，现在还能买它的股票吗？", "advice"),
    ("现在还能持有智谱吗？", "advice"),
    ("云知声现在能买到多少股？", "latest"),
    ("What went right and what went wrong for Olivarra in FY2025?", "pros_cons"),
    ("醍沅生化这一年做得好的方面和问题分别是什么？", "pros_cons"),
])
def test_reader_intents_of_session_37(question, intent):
    from chatbot.intent import question_intent

    assert question_intent(question, question).name == intent


@pytest.mark.parametrize(("text", "side"), [
    ("Olive oil output rose 17.6% to 38,200 tonnes.", 1),
    ("Profit attributable to shareholders fell 31.5%.", -1),
    ("The final dividend was cut to HK 3.5 cents per share.", -1),
    ("Olivarra Holdings grows olives and presses olive oil in Spain.", 0),
    ("The group said its dropout rate was stable.", 0),  # (a word holding "drop" is none: whole words)
])
def test_a_side_in_an_article_written_in_english(text, side):
    from chatbot.compose.sections import stance_of

    assert stance_of(text) == side


@pytest.mark.parametrize(("text", "money"), [
    ("配售价252港元,较前一交易日收市价300港元折让约16%", True),
    ("IPO估值股价单日涨幅超90%", False),
    ("closed at HK$1.27", True),
    ("2025年6月30日上市", False),
])
def test_a_latest_price_is_an_amount_of_money(text, money):
    from chatbot.evidence import money_figure

    assert money_figure(text) is money


@pytest.mark.parametrize(("text", "dated"), [
    ("公司预计划转于2026年第二季度完成。", True),
    ("The board said it will hold the EGM on 27 March 2026.", True),
    ("市属国有资本运营公司:划转前持股475,200,000股;划转前比例52.8%", False),
])
def test_a_sentence_stating_when(text, dated):
    from chatbot.evidence import states_when

    assert states_when(text) is dated


def test_a_question_asking_when_puts_the_dated_sentence_first():
    from chatbot.evidence import Candidate, _dated_first

    undated = Candidate(0, "a", "划转前持股475,200,000股", 0, False, 1.0, 1.0, ["475,200,000股"], set())
    dated = Candidate(0, "b", "公司预计划转于2026年第二季度完成。", 1, False, 0.8, 0.8, [], set())
    assert _dated_first([undated, dated], "股份划转预计什么时候完成？")[0].text == dated.text
    assert _dated_first([undated, dated], "股份划转涉及多少股？")[0].text == undated.text


@pytest.mark.parametrize(("question", "growth"), [
    ("沉楹香业广东基地的种植面积同比增加多少？", True),
    ("罟岙网业绳缆收入同比增加多少？", True),
    ("罟岙网业绳缆收入是多少？", False),
])
def test_an_increase_asked_is_a_growth(question, growth):
    from chatbot.evidence import asks_growth_only

    assert asks_growth_only(question) is growth


@pytest.mark.parametrize(("question", "prev", "standalone"), [
    ("换成智谱呢？", "云知声2025年收入多少？", "智谱2025年收入多少？"),
    ("如果是智谱呢？", "云知声2025年收入多少？", "智谱2025年收入多少？"),
    ("同样的问题问一下智谱", "云知声2025年收入多少？", "智谱2025年收入多少？"),
    ("Same question for Zhipu.", "What was Unisound revenue in 2025?", "What was Zhipu revenue in 2025?"),
    ("What about Zhipu, then?", "What was Unisound revenue in 2025?", "What was Zhipu revenue in 2025?"),
])
def test_a_company_swap_said_in_other_words(question, prev, standalone):
    from chatbot.followup import resolve_followup

    history = [{"role": "user", "content": prev}, {"role": "assistant", "content": "…[1]。"}]
    assert resolve_followup(question, history, load_glossary()) == standalone


@pytest.mark.parametrize(("text", "figures"), [
    ("3名工人受伤送院", ["3"]),
    ("3人受伤", ["3"]),
    ("第4季度", []),
])
def test_people_counted_are_claimed_figures(text, figures):
    from chatbot.text import claim_figures

    assert claim_figures(text) == figures


@pytest.mark.parametrize(("word", "form"), [
    ("injured", "受伤"), ("scaffold", "脚手架"), ("perks", "优惠"), ("scheme", "计划"), ("cicc", "中金"),
    ("intraday high", "最高价"),
])
def test_english_terms_of_session_37(word, form):
    from chatbot.bilingual import finance_terms

    assert form in finance_terms()[word]


@pytest.mark.parametrize(("question", "noun"), [
    ("峘撑模架合肥分公司被罚了多少钱？", "罚款"),
    ("闽鲡水产保险公司预计能赔多少？", "赔偿"),
    ("云知声供应商说它欠了多少？", "欠款"),
    ("云知声罚款多少？", None),  # (the noun itself: no verb's group beside it)
])
def test_a_one_character_verb_asks_the_noun_the_documents_write(question, noun):
    from chatbot.evidence import question_terms
    from test_lookup20_rules import _idf

    groups = question_terms(question, load_glossary(), _idf(question))
    verb_groups = [g for g in groups if g.source and len(g.source) == 1]
    if noun is None:
        assert not verb_groups
    else:
        assert any(noun in g.alternatives for g in verb_groups)


@pytest.mark.parametrize(("sentence", "kept"), [
    ("1月21日,当地应急管理部门认定合肥分公司存在搭设方案审核不严、验收记录不全等问题,并处罚款85万元。", "合肥分公司"),
    ("轴承钢、齿轮钢、模具钢等高端特钢品种销量41万吨", "高端特钢品种销量41万吨"),
])
def test_a_list_of_members_opens_at_a_boundary(sentence, kept):
    from chatbot.evidence import without_attribution

    assert kept in without_attribution(sentence)
    if "轴承钢" in sentence:
        assert "齿轮钢" not in without_attribution(sentence)


@pytest.mark.parametrize(("question", "asks"), [
    ("When does Guao Wangye expect the transfer to be completed?", True),
    ("股份划转预计什么时候完成？", True),
    ("Which rating did Dongheng Securities give Fengsui Seed when it started covering the stock?", False),
])
def test_a_when_clause_is_no_question_of_when(question, asks):
    import re

    from chatbot.evidence_config import evidence_config

    assert bool(re.search(evidence_config()["figure_question"]["when_asked"], question, re.IGNORECASE)) is asks
