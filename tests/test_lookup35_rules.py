"""Table-driven tests of the session-35 rules (dev-35's misses, by mechanism): a company named by a longer opening of
its name than a head is kept as written ("崟塔起重" of 崟塔起重机械, not "崟塔起重机械重")."""

from __future__ import annotations

import pytest

from chatbot.glossary import Glossary, load_glossary

# --- a head of a name the question writes on with the rest's opening --------------------------------------------------


@pytest.fixture(scope="module")
def companies():
    aliases = {"崟塔起重机械": "崟塔起重机械", "崟塔起重机械股份有限公司": "崟塔起重机械", "崟塔起重": "崟塔起重机械",
               "恪安保安服务": "恪安保安服务"}
    return Glossary(aliases=aliases, companies=set(aliases.values()), metrics=load_glossary().metrics)


@pytest.mark.parametrize(("question", "completed"), [
    ("崟塔起重2025财年卖到中东的塔机有多少台？", "崟塔起重2025财年卖到中东的塔机有多少台？"),  # written on: as written
    ("崟塔起重机械的收入", "崟塔起重机械的收入"),  # the whole name
    ("那崟塔起重呢？", "那崟塔起重呢？"),
    ("崟塔的收入", "崟塔起重的收入"),  # the head alone: completed (to its shortest catalogued form)
    ("恪安保安收入多少", "恪安保安服务收入多少"),
])
def test_a_name_written_on_past_its_head_is_kept_as_written(companies, question, completed):
    from chatbot.short_names import complete

    assert complete(question, companies) == completed


# --- a demonstrative stands for the nearest phrase before it ending in its noun ---------------------------------------


@pytest.mark.parametrize(("sentence", "before", "word"), [
    ("警告信源于fda于2025年9月8日至9月16日对该厂的现场检查。", "其潍坊肝素钠原料药工厂收到fda发出的警告信。-", "潍坊"),
    ("该项目总投资约12亿元。", "公司在惠州的储能电池项目已动工。", "惠州"),
    ("该厂产能为每年5万吨。", "公司去年收入增长12%。", None),  # no plant before it
    ("警告信源于对工厂的现场检查。", "其潍坊工厂收到警告信。", None),  # no demonstrative
])
def test_a_demonstrative_stands_for_its_antecedent(sentence, before, word):
    from chatbot.evidence import antecedent

    phrase = antecedent(sentence, before)
    assert (word in phrase) if word else phrase == ""


# --- a volume asked by a word ending in the verb; "哪几天" asks days, no amount; a break before a code ----------------


@pytest.mark.parametrize(("question", "forms"), [
    ("胞膳生物2025年前九个月生产了多少公斤培养肉？", {"产量", "生产量"}),
])
def test_a_volume_asked_by_a_word_ending_in_its_verb(question, forms):
    from chatbot.evidence import analyse_question
    from test_lookup20_rules import _idf

    spec = analyse_question(question, load_glossary(), _idf("胞膳生物 2025 生产 公斤 培养 产量 公司 去年 销量"))
    assert forms <= {a for g in spec.groups for a in g.alternatives}


@pytest.mark.parametrize(("question", "amount"), [
    ("FDA对潍坊工厂的现场检查是哪几天？", False),
    ("检查持续了几天？", True),
])
def test_which_days_asks_no_amount(question, amount):
    from chatbot.evidence import _ASKS_AMOUNT

    assert bool(_ASKS_AMOUNT.search(question)) is amount


PLANT = ("- 肝素类原料药企业肃凝药业（股份代号6028）2026年1月26日公告，其潍坊肝素钠原料药工厂收到FDA发出的警告信。\n"
         "- 警告信源于FDA于2025年9月8日至9月16日对该厂的现场检查。检查结束时FDA出具了列有5项观察项的483表格。\n")


def test_a_plant_asked_is_named_by_the_demonstrative_of_the_next_sentence():
    from test_lookup31_rules import _sentences

    shown = _sentences("FDA对肃凝药业潍坊工厂的现场检查是哪几天？", PLANT, "肃凝药业收到FDA警告信")
    assert any("9月8日" in s for s in shown)


# --- a decimal is no year; a level asked before the growth; an English change-only second question -------------------


@pytest.mark.parametrize(("text", "years"), [
    ("履带起重机:收入1918.7", set()),  # "1,918.7" with its thousands comma normalised away
    ("收入2025.6万元", set()),
    ("1998年收入", {"1998"}),
    ("2025财年", {"2025"}),
])
def test_a_decimal_is_no_year(text, years):
    from chatbot.text import periods

    assert {y for y, _ in periods(text)} == years


@pytest.mark.parametrize(("question", "only"), [
    ("收入同比增长了多少", True),
    ("营收增速是多少", True),
    ("崟塔起重履带起重机业务2025财年收入多少？增速如何？", False),  # the level, then its growth
    ("收入是多少？同比增长多少？", False),
    ("By how much did the clinker capacity grow year on year?", True),  # one clause: the growth alone
])
def test_a_level_asked_before_its_growth(question, only):
    from chatbot.evidence import asks_growth_only

    assert asks_growth_only(question) is only


@pytest.mark.parametrize(("question", "split"), [
    ("How much revenue did the laser TV line bring in during 2025, and how fast did it grow?", False),
    ("What was the laser TV revenue in 2025, and what was the YoY growth?", False),
    ("What was the laser TV revenue in 2025, and how much did accessories bring in?", True),
])
def test_an_english_second_question_asking_only_the_change(question, split):

    from chatbot.evidence import analyse_question
    from chatbot.evidence_config import evidence_config
    from chatbot.two_part import split_spec
    from test_lookup20_rules import _idf

    spec = analyse_question(question, load_glossary(), _idf("激光电视 收入 配件 2025 增长"))
    cfg = evidence_config()["two_part"]
    parts = split_spec(question, spec, cfg["conjunctions"], cfg.get("clause_breaks", []))
    assert bool(parts) is split


# --- a coined abbreviation by its full form; the company a title opens with -------------------------------------------

CRANES_TABLE = "### 2025财年塔式起重机销量（台）\n| 地区 | 销量 |\n|---|---|\n| 中国内地 | 2,435 |\n| 中东 | 612 |\n"
CRANES_TEXT = "- 塔式起重机销量3,940台。\n- 塔机行业仍处于出清阶段。\n"
CRANES_TITLE = "崟塔起重（3204.HK）建议以实物分派方式派发骞升吊装股份"


def test_a_coined_abbreviation_is_answered_by_its_full_form():
    from chatbot.evidence import score_candidates
    from chatbot.models import Chunk, Passage
    from test_lookup20_rules import _idf
    from test_lookup30_rules import _glossary

    passages = [Passage(chunk=Chunk(id=f"x:{i}", doc_id="x", title=CRANES_TITLE, text=t, headings=[CRANES_TITLE], kind=k),
                        score=1.0) for i, (t, k) in enumerate([(CRANES_TABLE, "table"), (CRANES_TEXT, "text")])]
    text = CRANES_TABLE + CRANES_TEXT + CRANES_TITLE
    cands, _ = score_candidates("2025财年中东的塔机销量是多少台？", passages, _glossary(text), _idf(text))
    assert any("612" in c.text for c in cands)


@pytest.mark.parametrize(("title", "lead"), [
    ("崟塔起重（3204.HK）建议以实物分派方式派发骞升吊装股份", {"崟塔起重机械"}),
    ("港股AI三巨头对比：崟塔起重与恪安保安", set()),
])
def test_the_company_a_title_opens_with(companies, title, lead):
    from chatbot.evidence import _title_lead

    assert _title_lead(title, companies) == lead


# --- a metric named only as a share's base; the thing whose volume is asked; an aggregate row's noun ------------------


@pytest.mark.parametrize(("text", "only"), [
    ("海外收入占比由上年同期的19.8%升至23.6%；截至2025年末，在手订单约人民币31.4亿元。", True),
    ("海外业务约占收入七成", True),
    ("2025年前三季度收入人民币48.63亿元，同比增长14.2%", False),
    ("收入48.63亿元，海外收入占比23.6%", False),  # the revenue stated too
])
def test_a_metric_named_only_as_a_shares_base(text, only):
    from chatbot.evidence import normalize, share_base_only

    assert share_base_only(normalize(text), ["收入", "营收"]) is only


PALM = ("- 毛棕榈油产量68.2万吨；鲜果串单产每公顷21.4吨。\n\n### 种植园分布\n| 地区 | 2025财年鲜果串产量（万吨） |\n|---|---|\n"
        "| 马来西亚沙巴 | 178.6 |\n| 印尼加里曼丹 | 134.2 |\n")


@pytest.mark.parametrize(("question", "shown", "not_shown"), [
    ("How much crude palm oil did it produce?", "68.2", "134.2"),  # another thing's volume is no answer
])
def test_the_thing_whose_volume_is_asked_is_held(question, shown, not_shown):
    from test_lookup31_rules import _sentences

    got = _sentences(question, PALM, "棕汐种植2025财年业绩")
    assert any(shown in s for s in got)
    assert not any(not_shown in s for s in got)


@pytest.mark.parametrize(("row", "aggregate"), [
    ("鱿鱼及其他渔获:收入512,680;同比+11.8%", True),
    ("料酒及其他:收入2,570万元", True),
    ("鱿鱼:收入512,680", False),
])
def test_an_aggregate_rows_label_may_end_in_a_noun(row, aggregate):
    from chatbot.evidence import _aggregate_row

    assert _aggregate_row(row, [["鱿鱼"], ["料酒"]]) is aggregate


# --- a table's quote carries its caption (the unit of its cells); an English definition's term ------------------------


@pytest.mark.parametrize(("kind", "headings", "first"), [
    ("table", ["鲔洋渔业业绩", "## 2025财年业绩", "### 2025财年分产品收入（千港元）"], "### 2025财年分产品收入（千港元）"),
    # a passage that opens with the table, whatever its kind: its rows are read in the heading's unit too (session 40)
    ("text", ["鲔洋渔业业绩", "## 2025财年业绩"], "## 2025财年业绩"),
    ("table", ["鲔洋渔业业绩"], "| 产品 | 收入 |"),  # no heading over the table but the title
])
def test_a_tables_quote_carries_its_caption(kind, headings, first):
    from chatbot.models import Chunk, quoted_text

    chunk = Chunk(id="x:1", doc_id="x", title="鲔洋渔业业绩", text="| 产品 | 收入 |\n|---|---|\n| 超低温金枪鱼 | 1,684,320 |",
                  headings=headings, kind=kind)
    assert quoted_text(chunk).splitlines()[0] == first


def test_a_prose_quote_carries_no_caption():
    from chatbot.models import Chunk, quoted_text

    chunk = Chunk(id="x:1", doc_id="x", title="鲔洋渔业业绩", text="收入16.8亿港元。\n\n| 产品 | 收入 |\n|---|---|\n| 金枪鱼 | 1,684 |",
                  headings=["鲔洋渔业业绩", "## 2025财年业绩"], kind="text")
    assert quoted_text(chunk).splitlines()[0] == "收入16.8亿港元。"


@pytest.mark.parametrize(("question", "term"), [
    ("What does the dual-counter arrangement mean for Drivanta's shares?", "dual-counter arrangement"),
    ("What does distribution in specie refer to?", "distribution in specie"),
    ("What was the revenue?", None),
])
def test_the_term_an_english_definition_asks(question, term):
    import re

    from chatbot.intent import reader_config

    m = re.search(reader_config()["definition"]["term_en"], question, re.IGNORECASE)
    assert (m.group(1) if m else None) == term


# --- a share of a counted whole; "them" after a "how many <things>" question -------------------------------------------


@pytest.mark.parametrize(("question", "part", "whole"), [
    ("2025年末的加油站中广东占比多少？", [["加油站"], ["广东"]], [["加油站"]]),
    ("What share of the petrol stations were in Guangdong?", [["加油站", "petrol stations"], ["guangdong", "广东"]],
     [["加油站", "petrol stations"]]),
    ("海外收入占总收入的比例是多少？", None, None),  # a metric of money: the revenue share patterns read it
])
def test_a_share_of_a_counted_whole(question, part, whole):
    from chatbot.compute import _share_within
    from test_lookup30_rules import _glossary

    got = _share_within(question, _glossary("广东 加油站"), None, None)
    if part is None:
        assert got is None
    else:
        assert (got.a.terms, got.b.terms) == (part, whole)


def test_them_after_a_question_counting_things():
    from chatbot.followup import resolve_followup

    g = load_glossary()
    company = sorted(g.companies)[0]
    history = [{"role": "user", "content": f"How many petrol stations did {company} run at the end of 2025?"},
               {"role": "assistant", "content": "It had 1,354 petrol stations [1]."}]
    assert resolve_followup("What share of them were in Guangdong?", history, g) == \
        f"What share of {company}'s petrol stations were in Guangdong?"


# --- near-misses over dev-35's articles: a part's figure, another period's clause, another thing's volume --------------

PROJECTORS = ("## 经营数据\n- 2025年投影仪出货量186.4万台，同比增长12.5%，其中第四季度出货58.7万台；全年收入约人民币52.38亿元，"
              "同比增长9.6%。\n\n### 2025年分产品收入（人民币百万元）\n| 产品 | 收入 | 同比 |\n|---|---|---|\n"
              "| 家用智能投影 | 3,412.6 | +8.8% |\n| 激光电视 | 1,106.3 | +18.4% |\n")
STATIONS = ("## 经营数据\n- 2025年非油品零售收入约人民币18.72亿元，同比增长13.6%。\n\n### 2025年上半年分业务收入（人民币百万元）\n"
            "| 业务 | 收入 | 同比 |\n|---|---|---|\n| 汽油 | 14,218.5 | -2.6% |\n| 非油品零售 | 906.4 | +12.9% |\n")
MACHINES = ("## 前三季度经营\n- 2025年前三季度收入人民币48.63亿元；综合毛利率29.4%，上年同期为27.9%。\n\n"
            "### 2025年前三季度分产品收入（人民币百万元）\n| 产品 | 收入 | 同比 |\n|---|---|---|\n"
            "| 五轴联动加工中心 | 1,246.8 | +30.5% |\n| 数控车床 | 1,102.6 | +6.8% |\n")


@pytest.mark.parametrize(("question", "text", "shown"), [
    ("2025年第四季度收入是多少？", PROJECTORS, None),  # the revenue's clause is the full year's
    ("2025年收入是多少？", PROJECTORS, "52.38"),
    ("2025年激光电视出货量是多少？", PROJECTORS, None),  # a revenue row, and the projectors' shipments, are no answer
    ("2025年投影仪出货量是多少？", PROJECTORS, "186.4"),
    ("2025年全年收入是多少？", STATIONS, "!18.72"),  # a part its own table lists by name
    ("前三季度五轴联动加工中心的毛利率是多少？", MACHINES, None),  # the blended margin is no part's
    ("前三季度综合毛利率是多少？", MACHINES, "29.4%"),
])
def test_a_near_miss_gets_no_neighbouring_figure(question, text, shown):
    from test_lookup31_rules import _sentences

    got = _sentences(question, text, "公司公告", kind="table" if "|" in text else "text")
    if shown is None:
        assert got == []
    elif shown.startswith("!"):
        assert not any(shown[1:] in s for s in got)
    else:
        assert any(shown in s for s in got)


@pytest.mark.parametrize(("sentence", "own"), [
    ("2025年投影仪出货量186.4万台，其中第四季度出货58.7万台；全年收入约人民币52.38亿元", {None}),
    ("上半年收入10亿元；下半年收入12亿元", {"H1", "H2"}),
    ("2025年收入48.63亿元；毛利率29.4%", None),  # a year written: its own periods are read as before
])
def test_the_part_of_the_year_a_metrics_clause_names(sentence, own):
    from chatbot.evidence import metric_clause_qualifiers

    assert metric_clause_qualifiers(sentence, [["收入"]]) == own


@pytest.mark.parametrize(("head", "row", "money"), [
    ("|产品|收入|同比| 2025年分产品收入（人民币百万元）", "激光电视:收入1106.3;同比+18.4%", True),
    ("|公司|出栏量（万头）|完全成本（元/公斤）|营业收入（亿元）|", "禾溪食品:出栏量1214", False),  # a volume's column beside
    ("|渠道|出货量|", "海外:出货量32.3", False),
    ("|用途|金额|占比| 所得款项净额用途（百万美元）", "德国斯图加特应用中心:金额62.3;占比31%", True),  # an amount in a currency
])
def test_a_revenue_tables_row_states_no_volume(head, row, money):
    from chatbot.evidence import _money_table

    assert _money_table(head, row) is money


TRANSFORMERS = ("### 2025年分季度变压器产量（万千伏安）\n| 季度 | 产量 | 同比变动 |\n|---|---|---|\n"
                "| 第一季度 | 1,286 | +9.4% |\n| 第二季度 | 1,034 | -14.7% |\n")


@pytest.mark.parametrize(("question", "text", "shown", "not_shown"), [
    ("2025年第二季度的变压器产量是多少？", TRANSFORMERS, "1,034", "1,286"),  # the thing in the table's caption
])
def test_the_thing_held_beside_the_word_held(question, text, shown, not_shown):
    from test_lookup31_rules import _sentences

    got = _sentences(question, text, "公司公告", kind="table")
    assert any(shown in s for s in got)
    assert not any(not_shown in s for s in got)


PLANTS = ("- 2025年前三季度，潍坊工厂对美国客户的销售额约人民币2.86亿元，约占集团同期收入的11.4%。\n"
          "- FDA未对公司位于南通的另一家工厂采取行动。\n")


@pytest.mark.parametrize(("question", "shown"), [
    ("2025年前三季度南通工厂的销售额是多少？", None),  # another site's figure is no answer
    ("2025年前三季度潍坊工厂的销售额是多少？", "2.86亿元"),
])
def test_a_site_asked_is_held(question, shown):
    from test_lookup31_rules import _sentences

    got = _sentences(question, PLANTS, "公司公告")
    assert (any(shown in s for s in got) if shown else got == [])
