"""Table-driven tests of the session-15 look-up rules (dev-15's look-up failures, by class): the owners' share of a
profit written several ways ("股东应占溢利" / "本公司拥有人应占溢利"), a fiscal year ("2024财年"), a Hong Kong ticker with
its leading zero ("06983.HK"), a trade's role before a name ("医美注射产品生产商璞颜生物"), an HTML page's own front
matter (`<meta name="tickers">`), a segment named only as a member of a group ("湿巾、卫生巾等其他产品，合计8.3亿元"),
a stock code that is no amount, a figure nothing of which a sentence holds, a volume asked by its verb ("采了多少吨
血浆" / "How much feed did X sell"), a count asked with its measure word ("多少家店") at a period's end ("上半年末"),
where a net addition is no answer."""

from __future__ import annotations

import pytest

from chatbot.evidence import analyse_question, counted_thing, score_candidates, without_attribution, without_codes
from chatbot.glossary import Glossary, load_glossary
from chatbot.models import Chunk, Passage
from chatbot.text import claim_figures, normalize, periods


def _idf(known: str):
    """Words of `known` weigh 3, any other 5 (a word no passage holds)."""
    return lambda t: 3.0 if t and t in normalize(known) else 5.0


def _sentences(question: str, text: str, title: str = "云知声2025年上半年业绩", indexed: str = "") -> list[str]:
    """The sentences chosen from one passage of `text`; `indexed`: words other passages hold."""
    chunk = Chunk(id="x:1", doc_id="x", title=title, text=text, headings=[title])
    cands, _ = score_candidates(question, [Passage(chunk=chunk, score=1.0)], load_glossary(),
                                _idf(text + title + indexed))
    return [c.text for c in cands]


@pytest.mark.parametrize(("question", "written"), [
    ("云知声上半年股东应占溢利是多少？", "本公司拥有人应占溢利4.27亿元，同比增长33.8%。"),
    ("云知声上半年拥有人应占溢利是多少？", "归属于母公司股东的净利润约7.3亿元，同比增长81%。"),
    ("云知声上半年归母净利润是多少？", "本公司权益持有人应占溢利约43.6亿港元，同比增长8.4%。"),
])
def test_the_owners_share_in_any_wording(question, written):
    """One wording of the owners' share asked is answered by a sentence writing another: never a word that
    specifies the figure ("股东" held by the sentence)."""
    spec = analyse_question(question, load_glossary(), _idf(question + written))
    assert not any("股东" in g.alternatives for g in spec.required)
    assert _sentences(question, "云知声公布业绩：收入12.2亿元。" + written, indexed="股东")[:1] == [written]


@pytest.mark.parametrize(("question", "found"), [
    ("云知声2024财年的毛利率是多少？", {("2024", None)}),
    ("云知声2024财政年度的收入是多少？", {("2024", None)}),
])
def test_a_fiscal_year_is_the_period(question, found):
    spec = analyse_question(question, load_glossary(), _idf(""))
    assert spec.periods == found
    assert not spec.required  # "财年" is no word that specifies the figure
    assert _sentences(question, "| 项目 | FY2023 | FY2024 |\n|---|---|---|\n| 毛利率 | 37.6% | 38.9% |\n| 收入（亿元） | 11.0 | 12.9 |")


@pytest.mark.parametrize(("ticker", "forms"), [
    ("6983.HK", ["6983.hk", "06983.hk"]),
    ("06983.HK", ["06983.hk"]),
    ("600519.SH", ["600519.sh"]),
])
def test_ticker_forms(ticker, forms):
    from chatbot.catalogue import ticker_forms

    assert ticker_forms(ticker) == forms


@pytest.mark.parametrize(("question", "left"), [
    ("股票代码06580.HK的公司2024年毛利率是多少？", "股票 的公司2024年毛利率是多少？"),  # a Chinese character after ".HK"
    ("06580.HK的收入", " 的收入"),
])
def test_a_given_ticker_before_chinese(question, left):
    assert Glossary.without_given_tickers(question) == left


@pytest.mark.parametrize(("text", "name"), [
    ("医美注射产品生产商璞颜生物（Puyan Biotech，股票代码：06983.HK）公布中期业绩。期内收入9.74亿元。", "璞颜生物"),
    ("医疗器械代理商康禾医疗（股票代码：1234）公布全年业绩。", "康禾医疗"),
    ("化肥生产商沃丰农化（Wofeng Agrochem，股票代码：1716）今日公布业绩。", "沃丰农化"),
])
def test_a_role_before_a_name_is_no_part_of_it(text, name):
    from chatbot.entity_extract import extract

    assert name in [e.name for e in extract("业绩快讯", [], text)]


def test_an_html_pages_own_front_matter():
    from ingest.loaders import page_meta

    page = ('<html><head><meta charset="utf-8"><meta name="id" content="news-151">'
            '<meta content="6983.HK" name="Tickers"><meta name="publisher" content="美业财经观察">'
            '<title>t</title></head><body><meta name="tickers" content="0001.HK"><p>x</p></body></html>')
    assert page_meta(page) == {"id": "news-151", "tickers": "6983.HK", "publisher": "美业财经观察"}


@pytest.mark.parametrize(("sentence", "left"), [
    ("其余为湿巾、卫生巾等其他产品，合计8.3亿元。", "其他产品，合计8.3亿元。"),
    ("其中轴承钢、齿轮钢、模具钢等高端特钢品种销量41万吨", "高端特钢品种销量41万吨"),
    ("轴承钢、齿轮钢等产品销量分别为10万吨、8万吨", "轴承钢、齿轮钢等产品销量分别为10万吨、8万吨"),  # each its own
    ("卫生巾收入19.6亿元，同比增长6.3%", "卫生巾收入19.6亿元，同比增长6.3%"),
    ("收入与行业平均水平相等", "收入与行业平均水平相等"),
])
def test_members_of_a_group_are_no_scope(sentence, left):
    assert without_attribution(sentence) == left


def test_a_segment_named_only_in_a_group_is_not_answered():
    text = "云知声2025年收入46.3亿元。其中婴儿纸尿裤收入31.2亿元；其余为湿巾、卫生巾等其他产品，合计8.3亿元。"
    assert _sentences("云知声2025年卫生巾业务收入是多少？", text) == []
    assert _sentences("云知声2025年婴儿纸尿裤业务收入是多少？", text)


@pytest.mark.parametrize(("text", "amounts"), [
    ("血液制品企业润脉生物（股份代号：02893）3月23日公布截至2025年12月31日止年度业绩。", []),
    ("璞颜生物（Puyan Biotech，股票代码：06983.HK）周四晚间公布中期业绩。", []),
    ("茶屿控股（港股代码2597）收入12.3亿元", ["12.3亿"]),
    ("门店2597家", ["2597家"]),
])
def test_a_stock_code_is_no_amount(text, amounts):
    assert without_codes(text, claim_figures(text)) == amounts


def test_a_sentence_holding_nothing_of_the_figure_does_not_answer():
    text = "云知声（股份代号：02893）公布年度业绩。2025年收入42.68亿元，同比增长9.4%。2025年研发开支3.1亿元。"
    question, held_elsewhere = "云知声2025年的研发投入是多少？", "研发 投入"
    assert _sentences(question, text, indexed=held_elsewhere) == ["2025年研发开支3.1亿元。"]
    assert _sentences(question, text.replace("2025年研发开支3.1亿元。", ""), indexed=held_elsewhere) == []


@pytest.mark.parametrize(("question", "forms", "thing_forms"), [
    ("润脉生物2025年采了多少吨血浆？", {"采浆量", "采集量"}, {"采浆量"}),
    ("逸擎机器人第三季度卖出去多少台清洁机器人？", {"销量", "销售量"}, set()),
    ("How much feed did Minmu Feed sell in November 2025?", {"销量", "销售量"}, set()),
    ("How much sewage did Beijing Enterprises Water treat in the first half?", {"处理量", "水处理量"}, {"水处理量"}),
    ("润脉生物去年静丙卖了多少钱？", None, None),  # a sum of money sold is the revenue, no volume
    ("润脉生物2025年收入是多少？", None, None),
])
def test_a_volume_asked_by_its_verb(question, forms, thing_forms):
    from chatbot.volume_words import volume_asks

    chinese = {"sewage": ["污水"], "feed": ["饲料"], "plasma": ["电浆"]}
    asks = volume_asks(question, lambda w: chinese.get(w, []))
    if forms is None:
        assert asks == []
    else:
        assert len(asks) == 1
        assert set(asks[0].forms) == forms
        assert set(asks[0].thing_forms) == thing_forms


def test_a_volume_asked_by_its_verb_is_answered_by_its_noun():
    text = "2025年采浆量1,382吨，同比增长10.6%。2025年收入42.68亿元。"
    assert _sentences("云知声2025年采了多少吨血浆？", text) == ["2025年采浆量1,382吨，同比增长10.6%。"]


@pytest.mark.parametrize(("text", "found"), [
    ("上半年末", {(None, "M06-end")}),
    ("2025年上半年末", {("2025", "M06-end")}),
    ("三季度末", {(None, "M09-end")}),
    ("前三季度末", {(None, "M09-end")}),
    ("第四季度末", {(None, "M12-end")}),
    ("上半年", set()),  # (a qualifier: `qualifiers` reads it)
    ("末期股息每股0.4港元", set()),
])
def test_the_end_of_a_period_is_the_end_of_its_month(text, found):
    assert periods(text) == found


@pytest.mark.parametrize(("question", "token", "read"), [
    ("栗岛咖啡上半年末一共有多少家店？", "家店", ["店", "家数"]),
    ("江海重工二季度新签了多少艘船？", "艘船", ["船", "艘数"]),
    ("有几个浆站？", "个浆站", ["浆站", "个数"]),
    ("国家店铺", "家店", []),  # no "多少" before it: no count
])
def test_a_measure_word_comes_off_the_thing_counted(question, token, read):
    assert counted_thing(token, question) == read


def test_a_count_at_a_periods_end_is_not_a_net_addition():
    text = ("| 项目 | 2025年6月30日 | 2024年12月31日 |\n|---|---|---|\n| 门店总数 | 9,862家 | 9,437家 |\n\n"
            "期内新开门店643家，关闭门店218家，净增425家。")
    found = _sentences("云知声上半年末一共有多少家店？", text)
    assert found
    assert "9,862" in found[0]
    assert not any("净增425家" in s for s in found)
    assert any("净增425家" in s for s in _sentences("云知声上半年净增了多少家店？", text))  # the change asked
