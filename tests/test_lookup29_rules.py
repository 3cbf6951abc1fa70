"""Table-driven tests of the session-29 rules (dev-29's misses, by mechanism): names the documents write in a longer
form ("泓湾基金" for 泓湾消费产业基金) or as a phrase before a word ("美国商务部终裁"), the thing sold before "卖了多少钱",
a Chinese question's words and units as a table written in English writes them, a trade word in an English name
("Mo'e Carbon"), an English question's place as the row asked, a table's own header when a passage holds two, the
caption a header's first cell writes, a subsidiary named by a table's lead-in, a word the tokenizer cut from the
character before it ("新一线城市"), the quarter to a month's end said in words, a follow-up naming
another company's item, and the latest of a month no document states."""

from __future__ import annotations

import pytest

from test_lookup20_rules import _idf

# --- names the documents write otherwise ---------------------------------------------------------------------------


def _before(text: str):
    """CorpusText.before over one text: the Chinese words of 1 to max_chars characters right before `s`."""
    import re

    def before(s: str, max_chars: int = 4) -> set[str]:
        out: set[str] = set()
        for m in re.finditer(re.escape(s), text):
            head = re.search(rf"[\u4e00-\u9fff]{{1,{max_chars}}}$", text[max(0, m.start() - max_chars):m.start()])
            if head:
                out.update(head.group(0)[-n:] for n in range(1, len(head.group(0)) + 1))
        return out
    return before


@pytest.mark.parametrize(("name", "text", "written"), [
    ("泓湾基金", "控股股东与泓湾消费产业基金（下称“要约人”）订立买卖协议", "泓湾消费产业基金"),
    ("泓湾科技", "控股股东与泓湾消费产业基金（下称“要约人”）订立买卖协议", ""),  # another suffix: a look-alike
    ("泓湾基金", "泓湾消费产业基金与泓湾成长基金", ""),  # two written names open so: neither
    ("泓湾基金", "泓湾基金入股", ""),  # written as asked: nothing left out
    ("岱衡资本", "岱衡融资提供定期贷款", ""),
])
def test_a_name_shortened_to_its_head_and_suffix_is_the_written_name(name, text, written):
    from chatbot.names import load_rules
    from chatbot.subjects import written_name

    assert written_name(name, _before(text), load_rules()) == written


@pytest.mark.parametrize(("name", "written", "held"), [
    ("美国商务部终裁", ["美国商务部", "终裁"], True),  # an institution the documents write, then a word they write
    ("美国商务部集团", ["美国商务部", "集团"], False),  # a company suffix makes it another name
    ("美国铝业", ["美国", "铝业"], False),  # too short a phrase to be a name of its own
    ("美国商务部终裁", ["终裁"], False),  # the phrase is not written
])
def test_a_written_phrase_then_written_words_is_no_unknown_name(name, written, held):
    from chatbot.names import load_rules
    from chatbot.subjects import _held_phrase_then_words

    assert _held_phrase_then_words(name, lambda s: s in written, load_rules()) is held


# --- what a Chinese figure question asks -----------------------------------------------------------------------------


@pytest.mark.parametrize(("question", "head"), [
    ("温屹杯业上半财年儿童水杯卖了多少钱？", "水杯"),  # the thing sold, which no passage holds
    ("温屹杯业上半财年儿童水杯收入多少？", ""),  # a metric asked: the metric rules decide
    ("温屹杯业上半财年保温杯卖了多少钱？", ""),  # a thing the passages hold
])
def test_the_thing_sold_before_its_verb_is_the_head_asked(question, head):
    from chatbot.evidence import analyse_question, unnamed_head_zh
    from chatbot.glossary import load_glossary

    known = "温屹杯业上半财年保温杯卖收入"
    spec = analyse_question(question, load_glossary(), _idf(known))
    assert unnamed_head_zh(question, spec, lambda s: s in known) == head


# --- Chinese questions over English text ---------------------------------------------------------------------------


@pytest.mark.parametrize(("zh", "english"), [
    ("交付", "deliver"),  # a verb's stem: "delivered", "deliveries"
    ("基本薪金", "base salary"),  # the finance term list, read backwards
    ("游艇", "yacht"),
    ("欧洲", "europe"),
])
def test_a_chinese_word_has_the_english_forms_an_english_article_writes(zh, english):
    from chatbot.bilingual import english_forms

    assert english in english_forms(zh)


@pytest.mark.parametrize(("header", "unit", "stated"), [
    ("Remuneration of Mr. Ruan (HK$ thousand per year):", "千", True),
    ("remunerationofmr.ruan(hk$thousandperyear):", "千", True),  # normalised: no spaces
    ("| 按地区划分的收入（人民币千元） | 2025财年 |", "千", True),  # a magnitude before its currency
    ("| 按产品划分的销量（万平方米） | 2025财年 |", "万", True),  # ... or its measure
    ("| 项目（百万秘鲁索尔） | 2024财年 | 2025财年 |", "百", True),
    ("| 按地区划分的收入（人民币千元） | 2025财年 |", "万", False),
    ("Order book (EUR million)", "千", False),
    ("（单位：人民币千元）", "千元", True),
])
def test_a_captions_unit_in_either_language(header, unit, stated):
    from chatbot.evidence import _caption_states_unit

    assert _caption_states_unit(header, unit) is stated


@pytest.mark.parametrize(("header_row", "corner"), [
    ("|按地区划分的收入(人民币千元)|2025财年|", "按地区划分的收入(人民币千元)"),
    ("|地区|销量(吨)|同比|", ""),  # a label column's name
])
def test_a_header_rows_first_cell_captions_the_table_when_long(header_row, corner):
    from chatbot.evidence import _corner

    assert _corner(header_row) == corner


# --- several tables in one passage -----------------------------------------------------------------------------------


TWO_TABLES = "\n".join([
    "三、业绩", "| 按地区划分的收入（人民币千元） | 2025财年 |", "|---|---|", "| 美国 | 548,930 |", "| 合计 | 1,846,270 |",
    "| 按产品划分的销量（万平方米） | 2025财年 |", "|---|---|", "| 簇绒地毯 | 2,148 |", "| 合计 | 4,335 |"])


@pytest.mark.parametrize(("row", "header"), [
    ("| 簇绒地毯 | 2,148 |", "| 按产品划分的销量（万平方米） | 2025财年 |"),  # the second table's own header
    ("| 美国 | 548,930 |", "| 按地区划分的收入（人民币千元） | 2025财年 |"),  # the first: as before
])
def test_a_row_of_a_passages_second_table_reads_that_tables_header(row, header):
    from chatbot.table_cells import line_before_table, own_table_text, table_header

    own = own_table_text(TWO_TABLES, row)
    assert table_header(own).splitlines()[0] == header
    assert line_before_table(own) == "三、业绩"  # the prose before it, not the earlier table's last row


def test_a_row_of_the_second_table_is_answered_with_its_own_unit():
    from test_lookup20_rules import _sentences

    got = _sentences("云知声2025财年簇绒地毯销量是多少万平方米？", TWO_TABLES, "云知声2025财年业绩")
    assert got
    assert "2,148" in got[0]


# --- words as the documents write them --------------------------------------------------------------------------------


@pytest.mark.parametrize(("question", "texts", "segment"), [
    ("燧竞酒店在新一线城市一共有多少家门店？", ["| 一线城市 | 31 |", "| 新一线城市 | 46 |"], "新一线城市"),
    ("燧竞酒店在一线城市一共有多少家门店？", ["| 一线城市 | 31 |", "| 新一线城市 | 46 |"], "一线城市"),
])
def test_a_segment_cut_from_the_character_before_it_is_the_written_span(question, texts, segment):
    from chatbot.evidence import _widen_to_written, analyse_question
    from chatbot.glossary import load_glossary
    from chatbot.text import normalize

    spec = analyse_question(question, load_glossary(), _idf("燧竞酒店一线城市新一线城市门店"))
    _widen_to_written(spec, normalize(question), [normalize(t) for t in texts])
    assert spec.segments
    assert spec.segments[0][0] == segment


# --- periods said in words ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "found"), [
    ("截至2025年9月底的那个季度", {("2025", "Q3"), ("2025", "M07-09")}),
    ("截至2025年3月底的季度", {("2025", "Q1"), ("2025", "M01-03")}),
    ("截至2025年9月底的那半个财年", set()),  # a half: read beside the documents (session 28)
])
def test_the_quarter_to_a_months_end_said_the_spoken_way_is_its_three_months(text, found):
    from chatbot.text import period_spellings, periods

    assert periods(period_spellings(text)) == found


# --- follow-ups ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("question", "expected"), [
    ("And what about Sealorn Marine's revenue?", "What was Sealorn Marine"),  # the item asked before: that question
    ("And what about Sealorn Marine's order book?", "What is Sealorn Marine's order book?"),  # an item of its own
])
def test_a_follow_up_naming_another_companys_item_asks_it_of_that_company(question, expected):
    from chatbot.followup import resolve_followup
    from chatbot.glossary import load_glossary

    history = [{"role": "user", "content": "What was Unisound's revenue in 2024?"},
               {"role": "assistant", "content": "RMB939 million[1]."}]
    got = resolve_followup(question, history, load_glossary())
    assert got.startswith(expected)
    assert "Unisound" not in got
