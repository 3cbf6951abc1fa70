"""The reader intents and their evidence asked in other words than the sets the engine was tuned on
(tests/data/stress-10/reader.jsonl): the cue words of config/reader.toml, table-driven."""

from __future__ import annotations

import re

import pytest

from chatbot.intent import asks_what_term, detect_intent, question_intent, reader_config


@pytest.mark.parametrize(("question", "intent"), [
    # a conclusion: the bottom line, the analyst's leaning, the rating asked for
    ("What's the bottom line on the two cement makers?", "conclusion"),
    ("Is the author positive on the company?", "conclusion"),
    ("Is the analyst cautious about the bank's margins?", "conclusion"),
    ("What's the broker's take on the steelmaker?", "conclusion"),
    ("分析师看好这家种子公司吗？", "conclusion"),
    ("华启证券现在给这家钢厂什么评级？", "conclusion"),  # the rating asked, whatever "现在" says
    ("这篇文章最后的判断是什么？", "conclusion"),
    # a definition: 指什么, what a term means wherever the question goes on
    ("文中说的端侧智能指什么？", "definition"),
    ("它那个项目型业务具体指什么？", "definition"),
    ("养殖行业里说的PSY是什么指标？", "definition"),
    ("吨钢毛利是啥意思？", "definition"),
    ("What does 'full cost' mean in the comparison of the four farmers?", "definition"),
    ("What is meant by channel business?", "definition"),
    ("What does PSY stand for?", "definition"),
    # a why: a figure's move asked with 怎么, 是什么导致, 靠什么, "what led to"
    ("公司的毛利率怎么下滑了？", "why"),
    ("利润怎么比收入掉得还快？", "why"),
    ("那均价怎么一直在往下走？", "why"),
    ("这家水泥厂怎么从赚钱变成亏钱了？", "why"),
    ("是什么导致新梯业务收入下滑？", "why"),
    ("毛利率是靠什么提上去的？", "why"),
    ("What led to the drop in the bank's net interest margin?", "why"),
    # still a how, a look-up, a comparison
    ("公司打算怎么提升市场份额？", "how"),  # a plan, no figure's move
    ("公司靠什么赚钱？", "how"),
    ("募到的钱准备怎么花？", "how"),
    ("昆岳特钢的目标价是多少？", "lookup"),
    ("两家公司的毛利率对比如何？", "comparison"),
    ("为什么给增持评级？", "why"),  # a reason asked about the rating: no rating asked
])
def test_intent_in_other_words(question, intent):
    assert detect_intent(question).name == intent


@pytest.mark.parametrize(("line", "term"), [
    ("端侧智能：指在摄像机本体里直接完成人脸、车辆、行为等识别计算，不必把视频传回云端处理。好处是时延低。", "端侧智能"),
    ("**项目型业务**：面向政府、园区、交通等大客户，按项目招标交付，收入波动大。", "项目型业务"),
    ("“完全成本”：每出栏一公斤生猪所分摊的全部成本。", "完全成本"),
    ("九个月收益：41.26亿元", None),  # a figure, no explanation after the colon
    ("公司表示，下半年计划再新开约60家门店：重点布局华中。", None),  # a sentence before the colon, no term
])
def test_a_line_of_a_list_of_terms(line, term):
    m = re.match(reader_config()["definition"]["glossary_item"], line)
    assert (m.group("term") if m else None) == term


@pytest.mark.parametrize(("sentence", "cause"), [
    ("公司解释，自有品牌镜片销售占比提高，以及采购集中化带来的成本节约。", True),
    ("公司解释：一方面是经济型墓穴占比提升。", True),
    ("前九个月墓穴平均售价约为12.6万元人民币。", False),
])
def test_a_sentence_giving_a_cause(sentence, cause):
    cues = reader_config()["structure"]["cause_cues"]
    assert any(re.search(c, sentence) for c in cues) == cause


@pytest.mark.parametrize(("question", "intent"), [
    # advice, with a word for "now" or a time between the cue's parts: never the latest figure
    ("这只股票现在还值得买入吗？", "advice"),
    ("眼下还值得长期持有吗？", "advice"),
    ("Should I be buying the shares at the moment?", "advice"),
    ("值得一提的是哪家公司的收入更高？", "comparison"),  # 值得 that asks nothing of buying
    # a board that recommends a dividend asks for no advice; the user asking for a recommendation does
    ("What final dividend per share did the board recommend for FY2025?", "lookup"),
    ("Would you recommend buying Unisound shares?", "advice"),
    ("What do you recommend: Zhipu or MiniMax?", "advice"),
    # an English definition asked with the indefinite article
    ("What is a general mandate, as the report uses it?", "definition"),
    ("What is an overallotment option?", "definition"),
    ("What is the revenue of the company?", "lookup"),
])
def test_advice_and_definition_wordings(question, intent):
    assert detect_intent(question).name == intent


@pytest.mark.parametrize(("asked", "standalone", "intent"), [
    # the rewrite of "I" (a name helper's) took the advice cue away: the user's own words keep it
    ("Should I buy Zhipu or MiniMax shares right now?", "Should 小的 buy Zhipu or MiniMax shares right now?", "advice"),
    # a follow-up's rewrite decides every other intent
    ("那现在呢？", "智谱现在的市值是多少？", "latest"),
    ("为什么？", "为什么智谱的收入增长这么快？", "why"),
])
def test_advice_is_read_from_the_users_own_words(asked, standalone, intent):
    assert question_intent(asked, standalone).name == intent


@pytest.mark.parametrize(("question", "asks"), [
    ("港交所上市规则第18C章是什么？", True),
    ("栖云酒店那篇报道里的ADR是什么？", True),
    ("猪企的PSY是啥？", True),
    ("智谱的发行价是多少？", False),
    ("云知声的收入为什么是这样？", False),
    ("智谱和MiniMax的区别是什么，哪家更贵？", False),  # more than one thing asked
    ("报告表格对云知声收入可持续性的短期和长期评估分别是什么？", False),  # two things, each asked
    ("两家公司的毛利率各自是什么水平？", False),
])
def test_a_look_up_that_may_ask_what_a_term_is(question, asks):
    assert asks_what_term(question) == asks


@pytest.mark.parametrize(("sentence", "term", "defines"), [
    ("C1现金成本（C1 cash cost）是矿山行业常用的单位成本口径，指生产每磅铜所需的直接现金成本。", "C1现金成本", True),
    ("居民气价能否随采购成本上调（即“顺价”），决定了每立方米的毛差。", "顺价", True),
    ("完全成本指每出栏一公斤生猪所分摊的全部成本。", "完全成本", True),
    ("与之相关的是新业务价值率，即新业务价值除以首年保费。", "新业务价值率", True),
    ("2023年港交所正式推出特专科技上市新规(18C章)。", "18C章", True),
    ("C1现金成本是什么？", "C1现金成本", False),  # the question form
    ("C1现金成本是多少，各家差别很大。", "C1现金成本", False),
    ("四家中北嵘的C1最低。", "C1现金成本", False),
])
def test_a_sentence_defining_a_term(sentence, term, defines):
    pats = [p.replace("{t}", re.escape(term)) for p in reader_config()["definition"]["patterns"]]
    assert any(re.search(p, sentence) for p in pats) == defines


@pytest.mark.parametrize(("sentence", "view"), [
    ("笔者认为，行业的分化会继续，差异化品类和渠道效率决定谁能穿越周期。", True),
    ("我们认为公司估值仍处于历史低位。", True),
    ("We think the margin recovery has further to go.", True),
    ("有观点认为行业会继续分化。", False),  # someone else's view, not the author's
    ("公司认为下半年需求会回暖。", False),  # the company's, not the author's
])
def test_a_sentence_stating_the_authors_view(sentence, view):
    assert bool(re.match(reader_config()["structure"]["view_cue"], sentence, re.I)) == view


@pytest.mark.parametrize(("question", "intent"), [
    # an English "which … higher / lower" asks to compare, whatever comes between
    ("Which aluminium producer had lower all-in cost per tonne, Binhai or the other one?", "comparison"),
    ("Which of the two brewers posted faster volume growth in the first half?", "comparison"),
    ("Which company was bigger by revenue?", "comparison"),
    ("Which segment grew the most?", "lookup"),  # no two things compared: the look-up
])
def test_english_which_higher_compares(question, intent):
    assert detect_intent(question).name == intent


@pytest.mark.parametrize(("question", "intent"), [
    # session 13 (issue 12): a summary asked as 梳理, 核心意思/核心观点, 讲了哪些, 一句话, "takeaways", "main points"
    ("帮我梳理一下这篇快讯。", "summary"),
    ("那篇讲港口吞吐量的文章核心意思是什么？", "summary"),
    ("这份年报讲了哪些事？", "summary"),
    ("用一句话说说这篇公告。", "summary"),
    ("What are the main takeaways from the brewer's interim results?", "summary"),
    ("What are the main messages of the column?", "summary"),
    # a conclusion: the summing up the report ends with; the (one) takeaway
    ("报告最后怎么总结行业的竞争格局？", "conclusion"),
    ("报告对估值逻辑的总结是什么？", "conclusion"),
    ("What is the takeaway of the piece about 200-plus listings?", "conclusion"),
    # a how: 路径, 通过什么, 怎么做到, 采取了哪些措施
    ("公司打算通过什么路径扩张？", "how"),
    ("这家航司是怎么做到扭亏的？", "how"),
    ("管理层采取了哪些措施控制成本？", "how"),
    ("What steps is the miner taking to cut costs?", "how"),
    # pros and cons: both sides asked, whatever word names the upside ("drivers", 驱动, 看点)
    ("What are the growth drivers and the risks for the tower company?", "pros_cons"),
    ("What are the positives and negatives for the bank?", "pros_cons"),
    ("这家公司的增长驱动和风险分别是什么？", "pros_cons"),
    ("有哪些风险因素？", "pros_cons"),
    # a comparison: 比一比, 比起来, 差别, 和…比怎么样, 谁…更, 哪块…更, "and which", "stack up"
    ("两家银行的不良率比一比。", "comparison"),
    ("两家公司的海外收入占比比一比。", "comparison"),  # 比一比 decides over the share asked (占比)
    ("今年的毛利率和去年比怎么样？", "comparison"),
    ("两条产线的产能差别大吗？", "comparison"),
    ("两家船厂谁赚得更多？", "comparison"),
    ("哪块业务增长更快？", "comparison"),
    ("长协占比最高和最低的分别是哪家？", "comparison"),
    ("Which turned its inventory fastest and which slowest?", "comparison"),
    ("How do the two miners stack up on cash cost?", "comparison"),
    # still a look-up or a derived figure
    ("Which segment grew the most?", "lookup"),
    ("Revenue plus other income: what is the total?", "derived"),
])
def test_structure_intents_in_other_words(question, intent):
    assert detect_intent(question).name == intent
