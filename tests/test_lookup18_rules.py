"""Table-driven tests of the session-18 rules (dev-18's look-up failures, by class): an elliptical question naming a
metric asks its figure; a follow-up naming a metric and no company, or a period of its own and a metric, is the
company's before; a verb naming the noun after it before a metric is a part ("增值服务收入"); a word before a noun for a
company is its trade, no part; city tiers and exports are segments; an English question's sentence must hold a sense
of one of its words, the change asked aside; two months in a year-on-year question are one period's range."""
import pytest

from chatbot.compute import read_derived
from chatbot.evidence import TermGroup, _kind_of_company, _verb_noun_part, analyse_question, evidence_config
from chatbot.followup import resolve_followup
from chatbot.glossary import Glossary, load_glossary
from chatbot.metric_scope import asked_segments


@pytest.fixture(scope="module")
def glossary():
    g = load_glossary()
    aliases = {**g.aliases, "衿彦服饰": "衿彦服饰", "犁原农机": "犁原农机", "橙电科技": "橙电科技", "漫电科技": "漫电科技"}
    return Glossary(aliases=aliases, terms=g.terms, metrics=g.metrics, synonyms=g.synonyms,
                    companies={*g.companies, "衿彦服饰", "犁原农机", "橙电科技", "漫电科技"})


@pytest.mark.parametrize(("question", "figure"), [
    ("And what about 橙电科技's third-quarter revenue?", True),  # a metric named: its figure asked
    ("How about 橙电科技's revenue?", True),
    ("那第二季度单季的收入呢？", True),
    ("那橙电科技呢？", False),  # no metric: a company swapped into the question before
    ("What about its strategy?", False),
])
def test_an_elliptical_question_naming_a_metric_asks_its_figure(glossary, question, figure):
    spec = analyse_question(question, glossary, lambda t: 3.0)
    assert spec.wants_figure is figure
    assert spec.amount is figure


def _history(q: str) -> list[dict]:
    return [{"role": "user", "content": q}, {"role": "assistant", "content": "…[1]"}]


@pytest.mark.parametrize(("before", "question", "standalone"), [
    ("衿彦服饰上半年收入多少？", "毛利率是多少？", "衿彦服饰上半年毛利率是多少？"),  # the company and the period carried
    ("衿彦服饰上半年收入多少？", "那2024年的毛利率是多少？", "衿彦服饰2024年的毛利率是多少？"),  # its own period kept
    ("犁原农机截至9月30日止九个月收入是多少？", "那第二季度单季的收入呢？", "犁原农机第二季度单季的收入是多少？"),
    ("衿彦服饰上半年收入多少？", "海外收入是多少？", "海外收入是多少？"),  # a subject of its own: not rewritten here
    ("犁原农机11月客车销量是多少？", "比10月多卖了多少辆？", "犁原农机11月客车销量比10月多卖了多少辆？"),  # another period
    ("犁原农机11月客车销量是多少？", "比衿彦服饰多多少？", "比衿彦服饰多多少？"),  # another company: not a period
    ("What was 衿彦服饰's revenue in the first half of 2025?", "What was the gross margin?",
     "What was 衿彦服饰's gross margin in the first half of 2025?"),  # English: the company and the period carried
    ("What was 衿彦服饰's revenue in the first half of 2025?", "And what was the net profit in 2024?",
     "What was 衿彦服饰's net profit in 2024?"),  # its own period kept
    ("What was 衿彦服饰's revenue in the first half of 2025?", "What was the reason?", "What was the reason?"),  # no metric
])
def test_a_follow_up_naming_a_metric_and_no_company_is_the_companys_before(glossary, before, question, standalone):
    assert resolve_followup(question, _history(before), glossary) == standalone


@pytest.mark.parametrize(("rest", "part"), [
    ("增值服务", "增值服务"),  # 增值 (a verb) names the services: the part asked
    ("租赁业务", None),  # a marked segment (业务): the segment markers hold it
    ("港股上市", None),  # ends in a verb: the listing's proceeds, an event
    ("归属股东的", None),  # a clause
    ("海外", None),  # too short to be a verb and its noun
    ("截至半年", None),  # a period's words ("截至今年6月底的半年净利润")
])
def test_a_verb_naming_the_noun_after_it_is_a_part(rest, part):
    groups = [TermGroup([w], 3.0) for w in ("增值", "服务", "租赁", "业务", "港股", "上市", "归属", "股东")]
    got = _verb_noun_part(rest, groups)
    assert (got.alternatives[0] if got else None) == part
    assert got is None or got.marked


@pytest.mark.parametrize(("word", "question", "trade"), [
    ("卫浴", "代码2941.HK的卫浴公司上半年毛利率是多少？", True),
    ("家电", "这家家电企业的收入是多少？", True),
    ("海外", "海外收入是多少？", False),
    ("卫浴", "卫浴业务收入是多少？", False),
])
def test_a_word_before_a_noun_for_a_company_is_its_trade(word, question, trade):
    assert _kind_of_company(word, question) is trade


@pytest.mark.parametrize(("question", "segments"), [
    ("漫电科技一线城市点位占比是多少？", [["一线城市", "一线"]]),
    ("How many coaches did it ship overseas in November?", [["海外", "境外", "出口", "overseas"]]),  # (as written too)
    ("漫电科技点位占比是多少？", []),
])
def test_city_tiers_and_exports_are_segments(question, segments):
    assert asked_segments(question, evidence_config()["scope"]["segment_words"]) == segments


@pytest.mark.parametrize(("question", "kind"), [
    ("犁原农机7至9月单季的营业额和同比增速各是多少？", None),  # one period's change on a year before: stated, not computed
    ("犁原农机7月至10月收入增长了多少？", "growth"),  # two months: the change between them
])
def test_two_months_in_a_year_on_year_question_are_one_period(glossary, question, kind):
    dq = read_derived(question, glossary)
    assert (dq.kind if dq else None) == kind


@pytest.mark.parametrize(("name", "group"), [
    ("三家港股卫浴公司", True),  # a count of companies
    ("这两家公司", True),
    ("几家企业", True),
    ("三和卫浴", False),  # a name that opens with a numeral character, no measure word
    ("晟伏电气", False),
])
def test_a_counted_group_of_companies_is_no_name(name, group):
    from chatbot.subjects import _counted_group

    assert _counted_group(name) is group


@pytest.mark.parametrize(("word", "held", "known"), [
    ("Swiss", {"瑞士"}, True),  # 瑞士人: a people, their country in the documents
    ("Swiss", set(), False),  # no document names the country: still a name-shaped word
    ("Torvane", {"瑞士"}, False),
])
def test_a_peoples_adjective_whose_country_the_documents_name_is_no_name(word, held, known):
    from chatbot.subjects import _place_held

    assert _place_held(word, lambda zh: zh in held) is known


@pytest.mark.parametrize(("sentence", "context", "month"), [
    ("公司当月销售客车4,862辆，同比增长14.7%，环比10月的4,115辆增长18.2%。", {(None, "M11")}, True),
    ("公司销售客车4,862辆，同比增长14.7%，环比10月的4,115辆增长18.2%。", {(None, "M11")}, False),  # October's only
])
def test_the_month_is_the_one_the_bulletin_reports(sentence, context, month):
    from chatbot.sentence_period import sentence_periods

    stated = {(None, "M10")}  # what the sentence names (its comparison month)
    assert ((None, "M11") in sentence_periods(sentence, stated, context, set(), False)) is month


@pytest.mark.parametrize(("word", "title", "claim"), [
    ("储能变流器", "晟伏电气(2793.HK)三季报点评：储能变流器放量，单季毛利率升至27.9%，维持买入", True),
    ("B站", "B站第三季度营收增长：广告收入创新高", False),  # the headline's subject, before its colon
    ("储能变流器", "储能变流器放量，单季毛利率升至27.9%", False),  # no colon: not told apart
])
def test_a_word_after_a_headlines_colon_is_its_claim(word, title, claim):
    from chatbot.entity_extract import _after_headline_colon

    assert _after_headline_colon(word, title) is claim


def test_the_claim_of_a_headline_is_no_short_name_of_its_company():
    from chatbot.entity_extract import extract

    text = ("晟伏电气(2793.HK)公布2025年第三季度业绩。储能变流器（PCS）业务继续高增长。储能变流器收入29.85亿元。"
            "储能变流器毛利率24.6%。")
    entries = extract("晟伏电气(2793.HK)三季报点评：储能变流器放量，维持买入", ["2793.HK"], text)
    company = next(e for e in entries if e.name == "晟伏电气")
    assert "储能变流器" not in company.aliases
    assert all(e.name != "储能变流器" for e in entries)


@pytest.mark.parametrize(("text", "whole"), [
    ("按地区划分，北美收入3.126亿美元；欧洲收入2.418亿美元。", None),  # only parts: no whole of a share
    ("公司全年收入9.472亿美元。按地区划分，北美收入3.126亿美元。", "9.472亿"),
    ("整车销售收入8.064亿美元；后市场服务及配件收入1.408亿美元。", None),
    ("布鲁可集团2025年上半年实现收入14.26亿元(上年同期10.18亿元)。", "14.26亿"),  # a figure and its comparison: one
])
def test_a_shares_whole_is_no_figure_of_a_breakdown_by_part(text, whole):
    from chatbot.compute import Operand, facts_in, find_operand

    found = find_operand(facts_in(text), Operand(None, [["收入", "营收"]], None), lambda f, e: True, whole=True)
    assert (found.written[0] if found else None) == whole


@pytest.mark.parametrize(("phrase", "reader"), [
    ("简要总结", True),  # "briefly sum up": the reader's words, no company the documents lack
    ("简单介绍", True),
    ("晟曜电气", False),
])
def test_a_request_for_a_brief_summary_is_no_name(phrase, reader):
    from chatbot.intent import is_reader_phrase

    assert is_reader_phrase(phrase) is reader


def test_a_word_that_is_a_form_of_the_metric_asked_is_no_specifier(glossary):
    spec = analyse_question("What was 衿彦服饰's net profit?", glossary, lambda t: 3.0)
    assert spec.metrics
    assert not any("净利润" in g.alternatives for g in spec.required)
