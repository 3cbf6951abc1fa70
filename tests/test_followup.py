"""Table-driven unit tests of the follow-up rules (followup.py)."""

from __future__ import annotations

import pytest

from chatbot.followup import message_text, normalise_history, resolve_followup, uncarried_company
from chatbot.glossary import load_glossary


def _asked(*questions: str) -> list[dict]:
    return [{"role": "user", "content": q} for q in questions]


@pytest.mark.parametrize(
    ("question", "history", "standalone"),
    [
        ("那MiniMax呢？", _asked("智谱的IPO估值是多少？"), "MiniMax的IPO估值是多少？"),  # another company
        ("And MiniMax?", _asked("What was Zhipu's IPO valuation?"), "What was MiniMax's IPO valuation?"),
        ("那MiniMax呢？", _asked("智谱IPO估值多少？"), "MiniMax IPO估值多少？"),  # a Latin name keeps a space before a Latin word
        ("那2025年呢？", _asked("云知声2024年收入是多少？"), "云知声2025年收入是多少？"),  # another period
        ("它的股票代码是什么？", _asked("介绍一下云知声"), "云知声的股票代码是什么？"),  # a pronoun
        ("What about its revenue?", _asked("Tell me about Zhipu"), "What was 智谱's revenue?"),  # its item, asked
        ("智谱的估值？", [], "智谱的估值？"),  # no history: unchanged
        ("天气如何？", _asked("云知声收入"), "天气如何？"),  # nothing to carry over
        ("MiniMax的收入是多少？", _asked("介绍一下云知声"), "MiniMax的收入是多少？"),  # stands alone
        # another quarter (no year), another item of the same company and period, a part of the figure
        ("那第二季度呢？", _asked("云知声第三季度收入多少？"), "云知声第二季度收入多少？"),
        ("那9月呢？", _asked("云知声8月交付量多少？"), "云知声9月交付量多少？"),  # another month
        # in English: the period named takes the place of the question's last one, keeping its year
        ("And in September?", _asked("What was Unisound's throughput in October 2025?"),
         "What was Unisound's throughput in September 2025?"),
        ("What about Q2?", _asked("What was Unisound's revenue in Q3 2025?"), "What was Unisound's revenue in Q2 2025?"),
        ("And in 2024?", _asked("What was Unisound's revenue in the first half of 2025?"),
         "What was Unisound's revenue in the first half of 2024?"),
        # in English, the period before the question's last one by a quarter, half, year or month
        ("And in the quarter before that?", _asked("How did Unisound's sales do in the quarter to September 2025?"),
         "How did Unisound's sales do in 2025年第二季度?"),
        ("What about the previous quarter?", _asked("What was Unisound's revenue in Q1 2025?"),
         "What was Unisound's revenue in 2024年第四季度?"),
        ("And a year earlier?", _asked("What was Unisound's revenue in the first nine months of 2025?"),
         "What was Unisound's revenue in 2024年前三季度?"),
        ("And the month before?", _asked("What was Unisound's throughput in October 2025?"),
         "What was Unisound's throughput in 2025年9月?"),
        ("And the half before that?", _asked("What was Unisound's revenue in H1 2025?"),
         "What was Unisound's revenue in 2024年下半年?"),
        ("And in the same quarter last year?", _asked("What was Unisound's revenue in Q3 2025?"),
         "What was Unisound's revenue in 2024年第三季度?"),
        ("那2025年上半年呢？", _asked("云知声2024年上半年收入多少？"), "云知声2025年上半年收入多少？"),
        ("经调整净利润呢？", _asked("云知声第三季度收入多少？"), "云知声第三季度经调整净利润多少？"),
        ("那毛利率呢？", _asked("智谱上半年的净亏损是多少？"), "智谱上半年的毛利率是多少？"),
        ("其中海外业务占多少？", _asked("云知声中期收入是多少"), "云知声中期海外业务收入是多少"),
        ("其中哪些是新客户？", _asked("云知声有哪些客户"), "其中哪些是新客户？"),  # "其中" is no pronoun
        ("最新的数据呢？", _asked("2025年上半年中国企业级大模型日均调用量是多少？"),
         "最新的 中国企业级大模型日均调用量是多少？"),  # no item of its own: the question before, for its latest figure
        ("那它2024年的收入增速呢？", _asked("智谱2024年收入是多少？"), "智谱2024年的收入增速是多少？"),  # a pronoun
        # no name, no pronoun, but pointing back: about the previous question's company and item
        ("为什么增长这么慢？", _asked("云知声2024年收入增长多少？"), "云知声2024年收入增长：为什么增长这么慢？"),
        ("那这笔钱怎么用？", _asked("智谱上市募资多少？"), "智谱上市募资：那这笔钱怎么用？"),
        ("怎么会这样？", _asked("云知声2024年净亏损多少？"), "云知声2024年净亏损：怎么会这样？"),
        ("Why is it so much lower than that?", _asked("What was Zhipu's revenue in 2024?"),
         "Why is 智谱 so much lower than that?"),  # a pronoun first
        ("Why is growth slower than that?", _asked("What was Zhipu's revenue in 2024?"),
         "What was Zhipu's revenue in 2024: Why is growth slower than that?"),  # English: the question before (no item cut)
        # a question naming no item that points back: the question before, less its question words
        ("为什么这一点值得担心？", _asked("云知声医疗AI客户的留存率怎么样？"), "云知声医疗AI客户的留存率：为什么这一点值得担心？"),
        # in English, another item of the company asked before, written as it was (known to a document or not)
        ("And its gross margin?", _asked("What was Kanghong Medical's revenue in the first half of 2025?"),
         "What was Kanghong Medical's gross margin in the first half of 2025?"),
        ("And net profit?", _asked("What was Zhipu's revenue in 2024?"), "What was Zhipu's net profit in 2024?"),
        # another company with an item of its own: a question of its own, not spliced into the one before (after a
        # figure asked, a figure again: "…是多少？")
        ("那同一天上市的天数智芯首日表现呢？", _asked("智谱是哪天在港股上市的？"), "同一天上市的天数智芯首日表现如何？"),
        ("那MiniMax同一年呢？", _asked("智谱2024年收入多少？"), "MiniMax同一年2024年收入多少？"),
        ("那MiniMax三季度的毛利率呢？", _asked("智谱第三季度收入多少？"), "MiniMax三季度的毛利率是多少？"),
        ("那MiniMax三季度的毛利率呢？", _asked("某某科技第三季度收入多少？"), "MiniMax三季度的毛利率是多少？"),  # (one no document names)
        # a period swap that also says the period is a sum ("加起来") or one quarter alone ("单季")
        # an English period after a Chinese question: the period as Chinese writes it, in the place of the question's
        ("And the first half?", _asked("云知声三季度收入多少？"), "云知声上半年收入多少？"),
        # a longer English period ("in the first three quarters") is a period too
        ("And in the first three quarters?", _asked("What was Unisound's revenue in Q3 2025?"),
         "What was Unisound's revenue in the first three quarters 2025?"),
        # "its rival" is the other company, not an item
        ("And its rival?", [*_asked("What was Zhipu's revenue in 2024?"),
                            {"role": "assistant", "content": "智谱2024年收入3.1亿元，高于MiniMax[1]。"}],
         "What was MiniMax's revenue in 2024?"),
        # a part of the figure asked before ("贡献", "带来": config/reader.toml [followup] part_cues)
        ("太二贡献了多少？", _asked("九毛九上半年收入多少？"), "九毛九上半年太二收入多少？"),
        # a pronoun for the company, with a metric and a period of its own: the figure asked
        ("那它2025年全年的收入呢？", _asked("天数智芯上市首日收盘价是多少？"), "天数智芯2025年全年的收入是多少？"),
        ("那前三季度加起来呢？", _asked("云知声第三季度收入多少？"), "云知声前三季度收入多少？"),
        ("二季度单季呢？", _asked("云知声前三季度收入多少？"), "云知声二季度单季收入多少？"),
        # a why with only what it asks of ("为什么会下滑？"): of the question before
        ("为什么增长慢？", _asked("云知声2024年收入增长多少？"), "云知声2024年收入增长：为什么增长慢？"),
        ("为什么会下滑？", _asked("云知声医疗AI客户的留存率怎么样？"), "云知声医疗AI客户的留存率：为什么会下滑？"),
        ("为什么云知声增长慢？", _asked("云知声2024年收入增长多少？"), "为什么云知声增长慢？"),  # names its subject
        # a pronoun beside a company the question names: the item asked before, without that company
        ("它占云知声总收入的比例是多少？", _asked("云知声的大模型业务2025年收入是多少？"), "大模型业务收入占云知声总收入的比例是多少？"),
        # a pronoun where no company is known: the figure asked before, whole
        ("黛研比它高多少？", _asked("澜肌生物上半年销售费用率是多少？"), "黛研比澜肌生物上半年销售费用率高多少？"),
        # English "that" as a pronoun: the figure asked before
        ("How much wider was that than in 2023, in percent?", _asked("What was Unisound's net loss in 2024?"),
         "How much wider was Unisound's net loss in 2024 than in 2023, in percent?"),
        # another item that names no metric narrows the metric asked before ("主品牌收入" -> the brand's 收入)
        ("那户外品牌呢？", _asked("云知声上半年主品牌收入多少？"), "云知声上半年户外品牌收入多少？"),
        ("那海外呢？", _asked("云知声上半年收入多少？"), "云知声上半年海外多少？"),  # the metric alone: replaced
        # another thing of the same kind as one the question before names before its period: swapped in its place
        ("中端产品呢？", _asked("云知声高端产品前三季度收入多少？"), "云知声中端产品前三季度收入多少？"),
        ("那华南地区呢？", _asked("云知声华东地区上半年收入多少？"), "云知声华南地区上半年收入多少？"),
        # a question opening with "那" that names its own item: that item of the company (and period) before
        ("那最新的年付费用户是多少？", _asked("云知声第三季度收入多少？"), "云知声最新的年付费用户是多少？"),
        ("那净利润是多少？", _asked("云知声第三季度收入多少？"), "云知声第三季度净利润是多少？"),
        ("码头吞吐量呢？", _asked("云知声前三季度归母净利润多少？"), "云知声前三季度码头吞吐量多少？"),  # another figure
        ("其中AIoT业务收入占多少？", _asked("云知声上半年收入多少？"), "云知声上半年AIoT业务收入多少？"),
        # only periods named: the question before, for those periods (a span written as one is read as two)
        ("今年头两个季度分别是多少？", _asked("云知声第三季度RevPAR多少？"), "云知声第一季度和第二季度RevPAR分别多少？"),
        ("7月和8月分别是多少？", _asked("云知声10月单票收入是多少？"), "云知声7月和8月单票收入分别是多少？"),
        ("第二季度有多少？", _asked("云知声第三季度产量多少？"), "云知声第二季度产量多少？"),
        ("第二季度门店有多少？", _asked("云知声第三季度产量多少？"), "第二季度门店有多少？"),  # an item too: not this rule
        # a point in time ("6月底", "2024年末") after a question asking the latest ("现在", "目前"): in its place
        ("6月底的时候是多少？", _asked("云知声现在有多少付费会员？"), "云知声6月底有多少付费会员？"),
        ("2024年末是多少？", _asked("云知声目前有多少员工？"), "云知声2024年末有多少员工？"),
        ("那6月末呢？", _asked("云知声9月末有多少家门店？"), "云知声6月末有多少家门店？"),
        ("6月底门店有多少？", _asked("云知声现在有多少员工？"), "6月底门店有多少？"),  # an item too: not this rule
        # English "how much did it grow": "it" is the figure asked before, not the company
        ("And over the first nine months, how much did it grow?", _asked("What was Unisound's net profit in Q3 2025?"),
         "And over the first nine months, how much did 云知声's net profit grow?"),
        # a generic subject opening the follow-up ("公司", "管理层") is the conversation's company
        ("公司对下半年怎么看？", _asked("云知声上半年纯利多少？"), "云知声公司对下半年怎么看？"),
        ("管理层对全年怎么看？", _asked("智谱三季度收入多少？"), "智谱管理层对全年怎么看？"),
        ("那集团下半年有什么计划？", _asked("MiniMax中期收入多少？"), "那MiniMax集团下半年有什么计划？"),
        ("分公司有多少家？", _asked("云知声门店多少？"), "分公司有多少家？"),  # not a subject of its own: unchanged
    ],
)
def test_resolve_followup(question, history, standalone):
    assert resolve_followup(question, history, load_glossary()) == standalone


def _exchange(question: str, answer: str) -> list[dict]:
    return [{"role": "user", "content": question}, {"role": "assistant", "content": answer}]


@pytest.mark.parametrize(
    ("question", "history", "standalone"),
    [
        # "the other one": the company the answer named beside the one asked
        ("那另一家呢？", _exchange("智谱上半年收入多少？", "智谱上半年收入1.9亿元；文章同时对比了MiniMax[1]。"),
         "MiniMax上半年收入多少？"),
        ("And the other one?", _exchange("What was Zhipu's revenue?", "Zhipu's revenue was 1.9亿; MiniMax's was higher."),
         "What was MiniMax's revenue?"),
        # no other company in the conversation: left as it is
        ("那另一家呢？", _exchange("智谱上半年收入多少？", "智谱上半年收入1.9亿元[1]。"), "那另一家呢？"),
        # two companies asked, the answer on one: the answer's item up to its figure, of the other
        ("那另一家呢？", _exchange("智谱和MiniMax谁的上半年收入高？", "智谱上半年收入1.9亿元，同比增长325%[1]。"),
         "MiniMax上半年收入是多少？"),
    ],
)
def test_the_other_company(question, history, standalone):
    assert resolve_followup(question, history, load_glossary()) == standalone


@pytest.mark.parametrize(
    ("question", "history", "standalone"),
    [
        # a comparison with another company that leaves out what is compared: the last question's subject
        ("和MiniMax比有什么不同？", _exchange("智谱的商业模式是什么？", "智谱以B端为主[1]。"),
         "智谱的商业模式和MiniMax比有什么不同？"),
        ("跟MiniMax相比呢？", _exchange("智谱2024年收入是多少？", "3.124亿元[1]。"), "智谱2024年收入跟MiniMax相比呢？"),
        ("Compared with MiniMax?", _exchange("What is Zhipu's business model?", "B2B [1]."),
         "What is Zhipu's business model compared with MiniMax?"),
        # the question names its own subject, or compares no company: not this rule
        ("智谱和MiniMax比有什么不同？", _exchange("智谱的商业模式是什么？", "智谱以B端为主[1]。"), "智谱和MiniMax比有什么不同？"),
        ("和2024年比呢？", _exchange("智谱2025年收入是多少？", "1.91亿元[1]。"), "和2024年比呢？"),
    ],
)
def test_a_comparison_follow_up_keeps_the_subject_asked_before(question, history, standalone):
    assert resolve_followup(question, history, load_glossary()) == standalone


@pytest.mark.parametrize(
    ("history", "expected"),
    [
        ('[{"role":"user","content":"hi"},{"role":"system","content":"x"}]', [{"role": "user", "content": "hi"}]),
        ([{"role": "assistant", "content": [{"type": "text", "text": "答"}]}], [{"role": "assistant", "content": "答"}]),
        ([{"role": "user", "content": "   "}], []),  # empty turns dropped
        ("not json", []),
        (None, []),
        (42, []),
    ],
)
def test_normalise_history(history, expected):
    assert normalise_history(history) == expected


@pytest.mark.parametrize(
    ("content", "text"),
    [([{"type": "text", "text": "a"}, "b"], "ab"), ({"text": "c"}, "c"), ({"content": "d"}, "d"), (None, ""), (7, "7")],
)
def test_message_text(content, text):
    assert message_text(content) == text


@pytest.mark.parametrize(
    ("question", "history", "standalone"),
    [
        # a period without its year takes the year the answer gave the period asked before
        ("那全年的呢？", [{"role": "user", "content": "MiniMax前三季度收入多少？"},
                        {"role": "assistant", "content": "MiniMax 2025年前三季度收入5343.7万美元[1]。"}], "MiniMax2025年全年收入多少？"),
        ("那第二季度呢？", [{"role": "user", "content": "云知声第三季度收入多少？"},
                         {"role": "assistant", "content": "资料中没有这个数字。"}], "云知声第二季度收入多少？"),  # no year given
    ],
)
def test_a_period_follow_up_keeps_the_answers_year(question, history, standalone):
    assert resolve_followup(question, history, load_glossary()) == standalone


@pytest.mark.parametrize(
    ("question", "history", "standalone"),
    [
        ("那最新的情况呢？", _asked("2024年全国快递业务量有多少？"), "最新的 全国快递业务量有多少？"),
        ("现在呢？", _asked("上半年港股IPO融资额是多少？"), "现在 港股IPO融资额是多少？"),
        ("And the latest figure?", _asked("What was the average daily token volume in H1 2025?"),
         "latest What was the average daily token volume?"),
        ("那最新的年付费用户是多少？", _asked("同程旅行第三季度收入多少？"), None),  # an item of its own
        ("那2024年呢？", _asked("2025年上半年收入是多少？"), None),  # another period, not the latest
        # the kind of period asked for is no item of its own: it stays with the latest cue
        ("最新一个季度呢？", _asked("城光传媒一季度收入多少？"), "最新 一个季度 城光传媒收入多少？"),
        ("And what about the most recent quarter?", _asked("What was Kunyue's net profit in Q1 2025?"),
         "most recent quarter What was Kunyue's net profit?"),
        ("最新的季度数据呢？", _asked("云知声2024年收入多少？"), "最新的 季度 云知声收入多少？"),
    ],
)
def test_a_latest_follow_up_asks_the_question_before_for_its_latest_figure(question, history, standalone):
    """"那最新的数据呢？": the question before, without its period, for the latest figure."""
    from chatbot.followup import _latest_of_before

    assert _latest_of_before(question, history[-1]["content"]) == standalone


@pytest.mark.parametrize(
    ("standalone", "history", "pronoun"),
    [
        # a word for a company still in the follow-up, the conversation naming none a document holds
        ("And its gross margin?", _asked("What was Kanghong Medical's revenue?"), "its"),
        ("该公司净利润多少？", _asked("某某科技收入多少？"), "该公司"),
        ("其毛利率是多少？", _asked("某某科技收入多少？"), "其"),
        # the company put in its place, no history, or a word that is no company's ("其中")
        ("What about 智谱's revenue?", _asked("Tell me about Zhipu"), ""),
        ("And its gross margin?", [], ""),
        ("其中海外收入占多少？", _asked("某某科技收入多少？"), ""),
    ],
)
def test_uncarried_company(standalone, history, pronoun):
    assert uncarried_company(standalone, history, load_glossary()) == pronoun


def test_the_other_company_of_the_article_on_two():
    """"那另一家呢？" when the conversation names one company: the other company of the articles about it (the
    catalogue's subjects of a document on two companies), when there is one."""
    from dataclasses import replace

    glossary = replace(load_glossary(), doc_subjects={"col": {"智谱", "MiniMax"}, "solo": {"云知声"}})
    assert resolve_followup("那另一家呢？", _asked("智谱2024年收入多少？"), glossary) == "MiniMax 2024年收入多少？"
    assert resolve_followup("那另一家呢？", _asked("云知声2024年收入多少？"), glossary) == "那另一家呢？"  # none other
