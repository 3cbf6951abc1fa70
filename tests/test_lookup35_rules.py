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
