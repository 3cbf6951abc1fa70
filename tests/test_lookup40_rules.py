"""Table-driven tests of the session-40 rules (dev-40's misses, by mechanism): a bracket that glosses a fiscal period by
its months asks no calendar quarter of its own; a product no passage names, written right before the metric, is the
part asked; a question's forecast word ("估计") asks a forecast; a channel's sales asked by the verb alone are money; an
English term is present where an article writes its plural, and an English word is dropped whole; the growth asked
in English is the growth of the last thing named before the change."""

from __future__ import annotations

import pytest

from chatbot.evidence import ABSENT_WEIGHT, QuestionSpec, TermGroup

# --- a bracket glossing a fiscal period ------------------------------------------------------------------------------


@pytest.mark.parametrize(("question", "kept"), [
    ("篾韵家居2026财年第二季度（7月至9月）单季收入是多少？", "篾韵家居2026财年第二季度 单季收入是多少？"),
    ("X公司FY2026 Q1（10月至12月）收入是多少？", "X公司FY2026 Q1 收入是多少？"),
    # a bracket with a year of its own dates the period: kept
    ("2026财年第一季度（截至2025年12月31日止三个月）收入", "2026财年第一季度（截至2025年12月31日止三个月）收入"),
    # a calendar quarter's months: no fiscal period glossed
    ("2025年第三季度（7月至9月）收入", "2025年第三季度（7月至9月）收入"),
    # a bracket naming no period
    ("2026财年（未经审计）收入", "2026财年（未经审计）收入"),
])
def test_a_gloss_of_a_fiscal_period(question, kept):
    from chatbot.evidence import without_period_glosses

    assert without_period_glosses(question) == kept


@pytest.mark.parametrize(("question", "asked", "not_asked"), [
    ("篾韵家居2026财年第二季度（7月至9月）单季收入是多少？", ("2026", "Q2"), (None, "Q3")),
    ("2025年7月至9月的收入是多少？", ("2025", "Q3"), ("2025", "Q2")),
])
def test_the_periods_a_glossed_question_asks(question, asked, not_asked):
    from chatbot.evidence import _asked_periods

    periods = _asked_periods(question)
    assert asked in periods
    assert not_asked not in periods


# --- a product no passage names, right before the metric -------------------------------------------------------------


def _spec(groups: list[TermGroup], metrics: list[list[str]] | None = None, **kw) -> QuestionSpec:
    return QuestionSpec(groups=groups, entities=set(), metrics=metrics or [], periods=set(), wants_figure=True,
                        wants_list=False, **kw)


@pytest.mark.parametrize(("question", "word", "texts", "held"), [
    ("椰礁控股2025财年椰子油收入是多少？", "椰子油", ["椰子水:收入936,420", "椰子粉:收入312,830"], True),
    ("椰礁控股椰子油业务的收入是多少？", "椰子油", ["椰子水:收入936,420"], True),
    # a passage writes it: the part's own row answers
    ("椰礁控股椰子水收入是多少？", "椰子水", ["椰子水:收入936,420"], False),
    # another name of a thing the documents give ("路费" of their 通行费): no family member written
    ("峤通高速1-11月累计路费收入是多少？", "路费", ["公司累计通行费收入55.62亿元"], False),
    # no family written, but no passage writes the kind (油) at all: a thing of which the documents give nothing
    # (session 41: marked, no longer the hotel's total revenue)
    ("栖云酒店椰子油收入是多少？", "椰子油", ["收入21.46亿元"], True),
    # written elsewhere in the question, not before the metric
    ("椰子油涨价后椰礁控股的收入是多少？", "椰子油", ["收入21.46亿元"], False),
])
def test_an_absent_part_of_the_metric(question, word, texts, held):
    from chatbot.evidence import _absent_parts_of_metric

    spec = _spec([TermGroup([word], ABSENT_WEIGHT, absent=True)], metrics=[["收入", "营收"]])
    assert bool(_absent_parts_of_metric(question, spec, texts)) is held


# --- a forecast asked; a channel's sales ---------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "forecast"), [
    ("瓯荔果业估计冰雹会让2026年荔枝减产多少吨", True),
    ("公司预估全年收入增长10%", True),
    ("2025年收入7.42亿元", False),
])
def test_forecast_words(text, forecast):
    from chatbot.evidence import forecast_re

    assert bool(forecast_re().search(text)) is forecast


@pytest.mark.parametrize(("question", "unit", "measures", "money"), [
    ("瓯荔果业今年2月线上渠道卖了多少？", "", [], True),
    ("X公司海外业务卖了多少？", "", [], True),
    ("瓯荔果业2025年荔枝卖了多少？", "", [], False),  # a product: its volume
    ("线上渠道卖了多少吨？", "吨", ["吨"], False),  # a unit asked
    ("线上渠道的销量是多少？", "", [], False),  # a volume noun
])
def test_a_channels_sales_by_the_verb(question, unit, measures, money):
    from chatbot.evidence import _sold_how_much

    assert _sold_how_much(question, _spec([], unit=unit, measures=measures)) is money


# --- English words: plurals, and dropped whole ------------------------------------------------------------------------


@pytest.mark.parametrize(("word", "plural"), [
    ("herd", "herds"),
    ("box", "boxes"),
    ("company", "companies"),
    ("day", "days"),
    ("partner herd", "partner herds"),
    ("存栏", "存栏"),
])
def test_english_plurals(word, plural):
    from chatbot.text import plural_en

    assert plural_en(word) == plural


@pytest.mark.parametrize(("text", "word", "out"), [
    ("the partner herds hold", "herd", "the partner   hold"),
    ("the shepherds", "herd", "the shepherds"),
    ("one box or two boxes", "box", "one   or two  "),
    ("Herd size", "herd", "  size"),
    ("荔枝减产大概多少", "大概", "荔枝减产 多少"),
])
def test_an_absent_word_is_dropped_whole(text, word, out):
    from chatbot.compose.base import without_word

    assert without_word(text, word) == out


# --- the growth asked in English ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("question", "head"), [
    ("By how much did the number of camels in Dunevale Dairy's partner herds change year on year?", "herd"),
    ("How much did Dunevale's gross margin change from a year earlier?", "margin"),
    # a metric's growth, "top-line growth": the article's own words name it ("revenue growth"), no head read
    ("What top-line growth is Dunevale guiding to?", None),
])
def test_the_english_figure_whose_growth_is_asked(question, head):
    from chatbot.evidence import _growth_figure

    groups = [TermGroup(["驼峦乳业", "dunevaledairy"], 1.0, entity="驼峦乳业", kind="entity"),
              TermGroup(["camels"], 1.0), TermGroup(["存栏", "herd"], 1.0, kind="term"),
              TermGroup(["margin", "利润率"], 1.0), TermGroup(["change", "变化"], 1.0)]
    found = _growth_figure(question, _spec(groups))
    assert (head in found) if head else found == []


# --- an English second question after ", and": when, for how long ---------------------------------------------------


@pytest.mark.parametrize(("question", "joined"), [
    ("When was X's plant granted halal certification, and for how long is the certificate valid?", True),
    ("What was X's revenue, and when was the dividend paid?", True),
    ("What was X's revenue, and how long is the term?", True),
    ("What was X's revenue and gross margin?", False),
])
def test_an_english_second_question(question, joined):
    import re

    from chatbot.evidence_config import evidence_config
    from chatbot.text import normalize

    joins = evidence_config()["two_part"]["question_joins"]
    assert any(re.search(rx, normalize(question)) for rx in joins) is joined


@pytest.mark.parametrize(("text", "durations"), [
    ("The certificate is valid for three years.", ["three years"]),
    ("a 10-year term", ["10-year"]),
    ("保护期为20年", ["20年"]),
    ("2025年收入", []),
    ("FY2025 revenue", []),
])
def test_a_duration_in_years(text, durations):
    from chatbot.evidence import _DURATION_YEARS

    assert _DURATION_YEARS.findall(text) == durations


@pytest.mark.parametrize(("question", "day"), [
    ("When was Dunevale Dairy's plant granted halal certification?", True),
    ("When did X list in Hong Kong?", True),
    ("What was X's revenue when it listed?", False),
])
def test_when_asks_a_day(question, day):
    from chatbot.evidence_config import evidence_config

    assert any(w in question.lower() for w in evidence_config()["date_question"]["day_asked"]) is day


# --- items told apart by a count; a compound no row is --------------------------------------------------------------


@pytest.mark.parametrize(("question", "texts", "items"), [
    ("晾蹄食品两年窖藏火腿零售价是多少？", ["三年窖藏火腿目前年产约1.2万条，每条零售价2,680元"], ["两年窖藏"]),
    ("晾蹄食品三年窖藏火腿零售价是多少？", ["三年窖藏火腿目前年产约1.2万条", "两年窖藏火腿——评分89.2"], ["三年窖藏"]),
    # no other count written: nothing to tell apart
    ("晾蹄食品三年窖藏火腿零售价是多少？", ["三年窖藏火腿目前年产约1.2万条"], []),
    # a period, no count of a name: "2025年收入"
    ("晾蹄食品2025年收入是多少？", ["2024年收入9.03亿元"], []),
])
def test_items_told_apart_by_a_count(question, texts, items):
    from chatbot.evidence import counted_items

    assert counted_items(question, texts) == items


@pytest.mark.parametrize(("question", "compound", "words", "held"), [
    # the rows hold its words one by one: an item the table does not list
    ("蒎源林化2025年松香树脂收入是多少？", "松香树脂", ["松香", "树脂"], True),
    # one row holds both words ("腊肉及香肠"): that row's
    ("晾蹄食品2025年腊肉香肠收入是多少？", "腊肉香肠", ["腊肉", "香肠"], False),
    # a row named by one of its words alone ("高端（十年陈及以上）" of 高端黄酒): that row's
    ("越醅酒业前三季度高端黄酒收入多少万元？", "高端黄酒", ["高端", "黄酒"], False),
    # a part's marker is no word of its name ("屈光手术业务" is the row 屈光手术)
    ("明视眼科今年上半年屈光手术业务收入是多少？", "屈光手术业务", ["屈光", "手术", "业务"], False),
    # a row is the compound: held as that row's, written
    ("蒎源林化2025年萜烯树脂收入是多少？", "萜烯树脂", ["萜烯", "树脂"], False),
])
def test_a_compound_no_row_is(question, compound, words, held):
    from chatbot.evidence import _hold_row_parts

    raw = ["| 产品 | 收入 | 同比 |\n|---|---|---|\n| 脂松香 | 964.3 | -9.1% |\n| 萜烯树脂 | 204.6 | +3.6% |\n"
           "| 腊肉及香肠 | 142.6 | +3.1% |\n| 高端（十年陈及以上） | 28,640 | +9.7% |\n| 普通黄酒 | 9,120 | +1.2% |\n"
           "| 屈光手术 | 6.42 | +8.1% |\n| 白内障手术 | 3.10 | +5.0% |"]
    groups = [TermGroup([w], 1.0) for w in words]
    spec = _spec(groups, metrics=[["收入"]])
    spec.compounds = [(compound, groups)]
    _hold_row_parts(spec, question, raw)
    # (held as a thing no passage names: only a sentence naming it answers, and none does)
    assert any(compound in g.alternatives and g.absent for g in spec.required) is held


# --- a table's unit written in the heading over it ----------------------------------------------------------------


@pytest.mark.parametrize(("caption", "unit"), [
    ("2025财年分产品收入（人民币千元）", "千元"),
    ("2025年松脂采集量（按省份，吨）", "吨"),
    ("FY2025 revenue by product (RMB million)", "RMB million"),
    ("减薪范围", ""),
])
def test_a_headings_unit(caption, unit):
    from chatbot.table_cells import caption_unit

    assert caption_unit(caption) == unit


def test_rows_under_a_heading_that_writes_the_unit():
    from chatbot.evidence import heading_caption, passage_sentences
    from chatbot.models import Chunk

    text = "| 产品 | 收入 | 同比 |\n|---|---|---|\n| 椰子水 | 936,420 | +21.7% |"
    chunk = Chunk(id="n:0", doc_id="n", text=text, title="t", publisher="", date="", url="", tickers=[],
                  headings=["椰礁控股", "2025财年分产品收入（人民币千元）"], position=1)
    shown = [s for _, s, _, _ in passage_sentences(text, heading_caption(chunk))]
    assert shown == ["椰子水:收入936,420千元;同比+21.7%"]
    assert [s for _, s, _, _ in passage_sentences(text)] == ["椰子水:收入936,420;同比+21.7%"]


@pytest.mark.parametrize(("question", "word", "held"), [
    ("What was Dunevale Dairy's FY2025 revenue from camel milk yogurt?", "yogurt", True),
    # no member of its family written: a word the question only phrases with
    ("What was Dunevale Dairy's FY2025 revenue from goat cheese?", "cheese", False),
    # a word not written after the family's first words
    ("What were Dunevale Dairy's FY2025 earnings?", "earnings", False),
])
def test_an_absent_english_member_of_a_family(question, word, held):
    from chatbot.evidence import _absent_parts_en

    texts = ["| Camel milk powder | 312.4 | +17.6% |\n| Camel milk chocolate and snacks | 48.9 | +15.3% |"]
    spec = _spec([TermGroup([word], ABSENT_WEIGHT, absent=True)], metrics=[["收入", "revenue"]])
    assert bool(_absent_parts_en(question, spec, texts)) is held


@pytest.mark.parametrize(("sentence", "month_only"), [
    ("2026年1月线上销售额620万元，同比增长24.6%。", True),
    ("2025年12月末贷款余额86.4亿元", False),  # a month's end: a point a year-end figure is stated at
    ("2025年收入4.26亿元，其中12月收入0.5亿元", False),  # the year named too
    ("第四季度收入3.72亿元", False),
    ("收入4.26亿元", False),
    ("全年收入增长:原指引（2025年6月）14%-17%;新指引（2025年11月）18%-21%", False),  # a guidance's date
    ("- 2026年1月线上销售额620万元", True),
])
def test_a_months_figure(sentence, month_only):
    from chatbot.evidence import month_figure_only

    assert month_figure_only(sentence) is month_only



@pytest.mark.parametrize(("question", "word", "held"), [
    # a kind the table's rows (传统手工风筝, 儿童风筝, 运动及特技风筝) do not list
    ("What was Yuanyi's revenue from paper kites in FY2025?", "paper", True),
    # a word before it that a row holds says which kind
    ("What was Yuanyi's revenue from traditional handmade kites in FY2025?", "handmade", False),
])
def test_an_absent_english_kind_before_a_listed_thing(question, word, held):
    from chatbot.evidence import _absent_parts_en

    texts = ["| 产品 | 收入 | 同比 |\n|---|---|---|\n| 传统手工风筝 | 128,460 | +14.2% |\n| 儿童风筝 | 92,770 | +3.8% |\n"
             "| 运动及特技风筝 | 156,380 | +6.1% |"]
    groups = [TermGroup([word], ABSENT_WEIGHT, absent=True), TermGroup(["风筝", "kite"], 1.0, kind="term"),
              TermGroup(["传统", "traditional"], 1.0, kind="term")]
    spec = _spec(groups, metrics=[["收入", "revenue"]])
    assert bool(_absent_parts_en(question, spec, texts)) is held


def test_a_word_after_the_thing_says_which_kind():
    """"rotary compressors for home air conditioners": the row 家用空调转子压缩机 is the kind asked, whatever "rotary" is."""
    from chatbot.evidence import _absent_parts_en

    texts = ["| 产品 | 销量 |\n|---|---|\n| 家用空调转子压缩机 | 1,862 |\n| 商用空调压缩机 | 312 |\n| 冰箱压缩机 | 905 |"]
    groups = [TermGroup(["rotary"], ABSENT_WEIGHT, absent=True), TermGroup(["compressors", "压缩机"], 1.0),
              TermGroup(["空调"], 1.0, kind="term", source="air conditioner")]
    question = "What about rotary compressors for home air conditioners, how many units?"
    assert _absent_parts_en(question, _spec(groups, metrics=[["销量"]]), texts) == []
    groups[2] = TermGroup(["冷柜"], 1.0, kind="term", source="freezer")  # (no kind the rows list named)
    assert _absent_parts_en(question, _spec(groups, metrics=[["销量"]]), texts) == [groups[0]]


def test_a_bold_total_row_is_checked_in_its_captions_unit():
    """A rendered total row ("合计:本期间收入1,003,630千港元") is supported by its passage: the bold cells read in the unit
    of the heading over the table, as the row is rendered."""
    from chatbot.models import Chunk, quoted_text
    from chatbot.table_cells import checkable

    text = "| 分部 | 本期间收入 | 上年同期收入 |\n|---|---|---|\n| **合计** | **1,003,630** | **920,300** |\n\n分部业绩为各分部毛利…"
    chunk = Chunk(id="n:1", doc_id="n", text=text, title="t", publisher="", date="", url="", tickers=[],
                  headings=["鳍川渔具", "附注4：分部收入及业绩（千港元）"], position=1, kind="text")
    assert "本期间收入1003630千港元" in checkable(quoted_text(chunk))
