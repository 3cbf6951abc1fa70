"""What readers ask of a report (issue 12): intent recognition (table-driven), derived
figures and their check, the documents' structure, and the reader question set end
to end on the real corpus index with the extractive engine."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest

from chatbot.citations import check_answer
from chatbot.compute import calculate, facts_in, read_derived, read_period_part, verify_formulas
from chatbot.glossary import load_glossary
from chatbot.intent import INTENTS, detect_intent, is_phrasing_word, reader_config
from chatbot.text import claim_figures, normalize
from support import ROOT, corpus_ids, question_params

READER_QUESTIONS = ROOT / "tests" / "reader_questions.jsonl"


def _load(path, prefix: str = "") -> list[dict]:
    """A question set; `prefix` keeps the ids of several sets apart ("d3-r01")."""
    qs = [json.loads(ln) for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    return [{**q, "id": prefix + q["id"]} for q in qs]


READER_SET = _load(READER_QUESTIONS)
# sets written later, in other words, to check the compositions generalise; they are
# below the gate's thresholds, so they are tested here question by question only:
# reader_questions_2 (session 3), the round-2 held-out reader set now spent (dev-3) and
# reader_questions_4 (session 4, written before the engine was run on it)
READER_SET_2 = _load(ROOT / "tests" / "reader_questions_2.jsonl")
READER_SET_3 = _load(ROOT / "tests" / "data" / "dev-3" / "reader_questions.jsonl", "d3-")
READER_SET_4 = _load(ROOT / "tests" / "reader_questions_4.jsonl")
# the session-4 hidden set's reader questions (dev-5, spent and opened in session 5; over the bundled corpus)
READER_SET_5 = _load(ROOT / "tests" / "data" / "dev-5" / "reader_questions.jsonl")
# the session-5 hidden set's reader questions (dev-6, spent and opened in session 6): those over
# the bundled corpus here, those over its own articles in test_reader_articles.py
DEV6_ARTICLES = corpus_ids(ROOT / "tests" / "data" / "dev-6" / "corpus")
# (a question to refuse names the article that covers its company only for information: no source is expected)
READER_SET_6 = [{**q, "expected_sources": q["expected_sources"] if q["answerable"] else []}
                for q in _load(ROOT / "tests" / "data" / "dev-6" / "reader_questions.jsonl")
                if not set(q["expected_sources"]) <= DEV6_ARTICLES]
# the session-6 hidden set's reader questions (dev-7, spent and opened in session 7), the same split
DEV7_ARTICLES = corpus_ids(ROOT / "tests" / "data" / "dev-7" / "corpus")
READER_SET_7 = [{**q, "expected_sources": q["expected_sources"] if q["answerable"] else []}
                for q in _load(ROOT / "tests" / "data" / "dev-7" / "reader_questions.jsonl")
                if not set(q["expected_sources"]) <= DEV7_ARTICLES]
# the session-7 hidden set's reader questions (dev-8, spent and opened in session 8), the same split
DEV8_ARTICLES = corpus_ids(ROOT / "tests" / "data" / "dev-8" / "corpus")
READER_SET_8 = [{**q, "expected_sources": q["expected_sources"] if q["answerable"] else []}
                for q in _load(ROOT / "tests" / "data" / "dev-8" / "reader_questions.jsonl")
                if not set(q["expected_sources"]) <= DEV8_ARTICLES]
# the session-8 hidden set's reader questions (dev-9, spent and opened in session 9), the same split
DEV9_ARTICLES = corpus_ids(ROOT / "tests" / "data" / "dev-9" / "corpus")
READER_SET_9 = [{**q, "expected_sources": q["expected_sources"] if q["answerable"] else []}
                for q in _load(ROOT / "tests" / "data" / "dev-9" / "reader_questions.jsonl")
                if not set(q["expected_sources"]) <= DEV9_ARTICLES]
# the session-9 hidden set's reader questions (dev-10, spent and opened in session 10), the same split
DEV10_ARTICLES = corpus_ids(ROOT / "tests" / "data" / "dev-10" / "corpus")
READER_SET_10 = [{**q, "expected_sources": q["expected_sources"] if q["answerable"] else []}
                 for q in _load(ROOT / "tests" / "data" / "dev-10" / "reader_questions.jsonl")
                 if not set(q["expected_sources"]) <= DEV10_ARTICLES]
# the session-10 hidden set's reader questions (dev-11, spent and opened in session 11), the same split
DEV11_ARTICLES = corpus_ids(ROOT / "tests" / "data" / "dev-11" / "corpus")
READER_SET_11 = [{**q, "expected_sources": q["expected_sources"] if q["answerable"] else []}
                 for q in _load(ROOT / "tests" / "data" / "dev-11" / "reader_questions.jsonl")
                 if not set(q["expected_sources"]) <= DEV11_ARTICLES]
# the session-11 hidden set's reader questions (dev-12, spent and opened in session 12), the same split
DEV12_ARTICLES = corpus_ids(ROOT / "tests" / "data" / "dev-12" / "corpus")
READER_SET_12 = [{**q, "expected_sources": q["expected_sources"] if q["answerable"] else []}
                 for q in _load(ROOT / "tests" / "data" / "dev-12" / "reader_questions.jsonl")
                 if not set(q["expected_sources"]) <= DEV12_ARTICLES]
# the session-12 hidden set's reader questions (dev-13, spent and opened in session 13), the same split
DEV13_ARTICLES = corpus_ids(ROOT / "tests" / "data" / "dev-13" / "corpus")
READER_SET_13 = [{**q, "expected_sources": q["expected_sources"] if q["answerable"] else []}
                 for q in _load(ROOT / "tests" / "data" / "dev-13" / "reader_questions.jsonl")
                 if not set(q["expected_sources"]) <= DEV13_ARTICLES]
# the session-13 hidden set's reader questions (dev-14, spent and opened in session 14), the same split
DEV14_ARTICLES = corpus_ids(ROOT / "tests" / "data" / "dev-14" / "corpus")
READER_SET_14 = [{**q, "expected_sources": q["expected_sources"] if q["answerable"] else []}
                 for q in _load(ROOT / "tests" / "data" / "dev-14" / "reader_questions.jsonl")
                 if not set(q["expected_sources"]) <= DEV14_ARTICLES]
# the session-14 hidden set's reader questions (dev-15, spent and opened in session 15), the same split
DEV15_ARTICLES = corpus_ids(ROOT / "tests" / "data" / "dev-15" / "corpus")
READER_SET_15 = [{**q, "expected_sources": q["expected_sources"] if q["answerable"] else []}
                 for q in _load(ROOT / "tests" / "data" / "dev-15" / "reader_questions.jsonl")
                 if not set(q["expected_sources"]) <= DEV15_ARTICLES]
# the session-15 hidden set's reader questions (dev-16, spent and opened in session 16), the same split
DEV16_ARTICLES = corpus_ids(ROOT / "tests" / "data" / "dev-16" / "corpus")
READER_SET_16 = [{**q, "expected_sources": q["expected_sources"] if q["answerable"] else []}
                 for q in _load(ROOT / "tests" / "data" / "dev-16" / "reader_questions.jsonl")
                 if not set(q["expected_sources"]) <= DEV16_ARTICLES]
# the session-16 hidden set's reader questions (dev-17, spent and opened in session 17), the same split
DEV17_ARTICLES = corpus_ids(ROOT / "tests" / "data" / "dev-17" / "corpus")
READER_SET_17 = [{**q, "expected_sources": q["expected_sources"] if q["answerable"] else []}
                 for q in _load(ROOT / "tests" / "data" / "dev-17" / "reader_questions.jsonl")
                 if not set(q["expected_sources"]) <= DEV17_ARTICLES]
# the session-17 hidden set's reader questions (dev-18, spent and opened in session 18), the same split
DEV18_ARTICLES = corpus_ids(ROOT / "tests" / "data" / "dev-18" / "corpus")
READER_SET_18 = [{**q, "expected_sources": q["expected_sources"] if q["answerable"] else []}
                 for q in _load(ROOT / "tests" / "data" / "dev-18" / "reader_questions.jsonl")
                 if not set(q["expected_sources"]) <= DEV18_ARTICLES]
# the session-18 hidden set's reader questions (dev-19, spent and opened in session 19), the same split
DEV19_ARTICLES = corpus_ids(ROOT / "tests" / "data" / "dev-19" / "corpus")
READER_SET_19 = [{**q, "expected_sources": q["expected_sources"] if q["answerable"] else []}
                 for q in _load(ROOT / "tests" / "data" / "dev-19" / "reader_questions.jsonl")
                 if not set(q["expected_sources"]) <= DEV19_ARTICLES]
# the session-19 hidden set's reader questions (dev-20, spent and opened in session 20), the same split
DEV20_ARTICLES = corpus_ids(ROOT / "tests" / "data" / "dev-20" / "corpus")
READER_SET_20 = [{**q, "expected_sources": q["expected_sources"] if q["answerable"] else []}
                 for q in _load(ROOT / "tests" / "data" / "dev-20" / "reader_questions.jsonl")
                 if not set(q["expected_sources"]) <= DEV20_ARTICLES]
# the session-20 hidden set's reader questions (dev-21, spent and opened in session 21), the same split
DEV21_ARTICLES = corpus_ids(ROOT / "tests" / "data" / "dev-21" / "corpus")
READER_SET_21 = [{**q, "expected_sources": q["expected_sources"] if q["answerable"] else []}
                 for q in _load(ROOT / "tests" / "data" / "dev-21" / "reader_questions.jsonl")
                 if not set(q["expected_sources"]) <= DEV21_ARTICLES]
# the session-21 hidden set's reader questions (dev-22, spent and opened in session 22), the same split
DEV22_ARTICLES = corpus_ids(ROOT / "tests" / "data" / "dev-22" / "corpus")
READER_SET_22 = [{**q, "expected_sources": q["expected_sources"] if q["answerable"] else []}
                 for q in _load(ROOT / "tests" / "data" / "dev-22" / "reader_questions.jsonl")
                 if not set(q["expected_sources"]) <= DEV22_ARTICLES]
# the session-22 hidden set's reader questions (dev-23, spent and opened in session 23), the same split
DEV23_ARTICLES = corpus_ids(ROOT / "tests" / "data" / "dev-23" / "corpus")
READER_SET_23 = [{**q, "expected_sources": q["expected_sources"] if q["answerable"] else []}
                 for q in _load(ROOT / "tests" / "data" / "dev-23" / "reader_questions.jsonl")
                 if not set(q["expected_sources"]) <= DEV23_ARTICLES]
# the session-23 hidden set's reader questions (dev-24, spent and opened in session 24), the same split
DEV24_ARTICLES = corpus_ids(ROOT / "tests" / "data" / "dev-24" / "corpus")
READER_SET_24 = [{**q, "expected_sources": q["expected_sources"] if q["answerable"] else []}
                 for q in _load(ROOT / "tests" / "data" / "dev-24" / "reader_questions.jsonl")
                 if not set(q["expected_sources"]) <= DEV24_ARTICLES]
# the session-24 hidden set's reader questions (dev-25, spent and opened in session 25), the same split
DEV25_ARTICLES = corpus_ids(ROOT / "tests" / "data" / "dev-25" / "corpus")
READER_SET_25 = [{**q, "expected_sources": q["expected_sources"] if q["answerable"] else []}
                 for q in _load(ROOT / "tests" / "data" / "dev-25" / "reader_questions.jsonl")
                 if not set(q["expected_sources"]) <= DEV25_ARTICLES]
# the session-25 hidden set's reader questions (dev-26, spent and opened in session 26), the same split
DEV26_ARTICLES = corpus_ids(ROOT / "tests" / "data" / "dev-26" / "corpus")
READER_SET_26 = [{**q, "expected_sources": q["expected_sources"] if q["answerable"] else []}
                 for q in _load(ROOT / "tests" / "data" / "dev-26" / "reader_questions.jsonl")
                 if not set(q["expected_sources"]) <= DEV26_ARTICLES]
# the session-26 hidden set's reader questions (dev-27, spent and opened in session 27), the same split
DEV27_ARTICLES = corpus_ids(ROOT / "tests" / "data" / "dev-27" / "corpus")
READER_SET_27 = [{**q, "expected_sources": q["expected_sources"] if q["answerable"] else []}
                 for q in _load(ROOT / "tests" / "data" / "dev-27" / "reader_questions.jsonl")
                 if not set(q["expected_sources"]) <= DEV27_ARTICLES]
# the session-27 hidden set's reader questions (dev-28, spent and opened in session 28), the same split
DEV28_ARTICLES = corpus_ids(ROOT / "tests" / "data" / "dev-28" / "corpus")
READER_SET_28 = [{**q, "expected_sources": q["expected_sources"] if q["answerable"] else []}
                 for q in _load(ROOT / "tests" / "data" / "dev-28" / "reader_questions.jsonl")
                 if not set(q["expected_sources"]) <= DEV28_ARTICLES]
# wrong answers that hold the expected facts on one machine and not on another (non-strict)
UNSTABLE = {
    "h4-r10": "how the growth can last: the 18C section's points are quoted first; the report's sustainability line "
              "follows on this machine (the test passes) but not on the CI machine of session 12 (it failed there)",
}
# reader questions the engine gets wrong today, with the reason (strict: remove when fixed)
KNOWN_FAILURES = {
    "d3-r22": "follow-up '这够覆盖当年的亏损吗': the rules carry neither the company nor the year into the question",
    "t05": "'担忧' names no heading: the report's sentence is truncated and the retention figures sit in src-4 under 资金与亏损压力",
    "t11": "the survey method sentence (700家企业) is not picked",
    # dev-5 (the session-4 hidden set), on the bundled corpus alone (the eval adds corpus-extra)
    "h2-r03": "English look-up (oversubscribed tranche) refused: no sentence covers the English terms (look-up scoring)",
    "h2-r04": "follow-up '那这次配售能募到多少钱' is not resolved to 云知声's placing (follow-up rules)",
    "h2-r22": "'Kong-listed' is taken for an unknown name and the question is refused (English names)",
    "h2-r44": "customers in 2025 (absent): a note line about customer counts is quoted instead of a refusal (look-up)",
    # dev-6 (the session-5 hidden set, written blind), over the bundled corpus
    "h3-r17": "'…是什么？' with the term in quotes but no 什么是: read as a look-up (definition cues)",
    "h3-r28": "the set labels '云知声2026年第一季度收入是多少' latest (a period not yet reported); no latest cue: a look-up refusal",
    # dev-7 (the session-6 hidden set, opened in session 7), over the bundled corpus: failures at the session-7 start
    "h4-r15": "English definition of 'general mandate' (一般性授权): read as a look-up",
    "h4-r22": "English IPO price ('At what price did Unisound list'): refused; 发行价 is not reached from 'list at'",
    "h4-r27": "English follow-up 'And MiniMax?' after a comparison keeps the look-up intent",
    "h4-r28": "follow-up '那未商业化公司呢' (the 18C threshold for pre-commercial companies): refused",
    "h4-r32": "the set expects a refusal of a 2026 forecast as latest; read as a look-up that says what is known",
    # dev-8 (the session-7 hidden set, opened in session 8), over the bundled corpus: failures at the session-8 start
    "h5-r02": "What was Zhipu's IPO offer price per share? — the eval counts it right, but the answer lacks a key fact or cited source the test asserts",
    "h5-r16": "According to the report, what are the pros and cons of Ho… — wrong sentence chosen: '18C|未盈利|unprofitable' in retrieved passage #1; '锁定期|lock-up|6个月|6 months|six mo",
    "h5-r19": "Compare Zhipu's and MiniMax's revenue growth in their lat… — wrong sentence chosen: '325%' in retrieved passage #5; '175%' in retrieved passage #5",
    "h5-r29": "What was Zhipu's revenue for full year 2025? — the eval counts it right, but the answer lacks a key fact or cited source the test asserts",
    # dev-9 (the session-8 hidden set, opened in session 9), over the bundled corpus: failures at the session-9 start
    "h6-r03": "港交所现在排队等上市的企业有多少家？ — the eval (beside corpus-extra) counts it right; on the bundled corpus the test finds: intent read as latest, the set says lookup",
    "h6-r12": "港股18C章在2024年是怎么下调上市门槛的？ — the eval (beside corpus-extra) counts it right; on the bundled corpus the test finds: missing ['60亿港元', '40亿港元', '80亿港元'] in the answer",
    "h6-r18": "What is the HKEX \"科企专线\" (tech enterprises channe… — the eval (beside corpus-extra) counts it right; on the bundled corpus the test finds: refused: 抱歉，现有资料（分析报告及其引用的文章）中没有关于这个问题的信息，无法回答。",
    "h6-r30": "What was MiniMax's full-year 2025 revenue? — the eval (beside corpus-extra) counts it right; on the bundled corpus the test finds: intent read as lookup, the set says latest",
    # dev-10 (the session-9 hidden set, opened in session 10), over the bundled corpus: failures at the session-10 start
    "h7-r05": "简单概括一下这份分析报告讲了哪些内容。 — wrong sentence chosen: '增收不增利' in retrieved passage #9",
    "h7-r08": "What did the company say in the announcement it … — false refusal: all expected facts were in the retrieved passages",
    "h7-r16": "How were the Chapter 18C market-cap thresholds l… — the eval (beside corpus-extra) counts it right; on the bundled corpus the test finds: missing ['40亿港元', '80亿港元'] in the answer",
    "h7-r29": "What was MiniMax's revenue for the full year 2025? — the eval (beside corpus-extra) counts it right; on the bundled corpus the test finds: intent read as lookup, the set says latest",
    # dev-11 (the session-10 hidden set, opened in session 11), over the bundled corpus: failures at the session-11 start
    "h8-r13": "What are the advantages and risks of a Hong Kong… — wrong sentence chosen: '再融资' in retrieved passage #2",
    "h8-r14": "什么是港交所的第18C章？ — wrong sentence chosen: '特专科技' in retrieved passage #2",
    "h8-r28": "那MiniMax同一年呢？哪家更高？ — retrieval miss: '3052.3万美元' only in non-retrieved chunks of src-3",
    "h8-r30": "这一章是什么规定？门槛是多少？ — false refusal: all expected facts were in the retrieved passages",
    # dev-12 (the session-11 hidden set, opened in session 12), over the bundled corpus: failures at the session-12 start
    "h9-r09": "Why are Zhipu and MiniMax rushing to list in Hon… — wrong sentence chosen: '调用量|需求' in retrieved passage #5",
    "h9-r13": "云知声的“山海”大模型是怎样落地到具体场景里的？ — wrong sentence chosen: '医疗' in retrieved passage #1",
    "h9-r29": "And roughly what share of that would come from l… — retrieval miss: '48%' only in non-retrieved chunks of news-11, src-1; '53%' only in non-retrieved chunks o",
    "h9-r30": "为什么这一点值得担心？ — wrong sentence chosen: '可持续性' in retrieved passage #1",
    "h9-r31": "那同一天上市的天数智芯首日表现呢？ — wrong sentence chosen: '8.44%|156.8' in retrieved passage #2",
    # dev-13 (the session-12 hidden set, opened in session 13), over the bundled corpus: failures at the session-13 start
    "h10-r01": "What was Zhipu's IPO offer price per share? — the eval counts it right; in this test's index: AssertionError: Sorry, the report and the articles it cites hold no information on this question.",
    "h10-r20": "MiniMax最新披露的累计收入是哪个期间、多少钱？ — wrong sentence chosen: '5343.7万美元|5343.7万' in retrieved passage #3",
    "h10-r26": "智谱2025年全年收入是多少？ — the eval counts it right; in this test's index: AssertionError: assert 'lookup' == 'latest'",
    "h10-r28": "And MiniMax's? — the eval counts it right; in this test's index: AssertionError: assert 'lookup' == 'comparison'",
    "h10-r29": "它对研发开支占收入的比例有什么要求？ — the eval counts it right; in this test's index: AssertionError: assert 'derived' == 'how'",
    # dev-14 (the session-13 hidden set, opened in session 14), over the bundled corpus: failures at the session-14 start
    "h11-r01": "概括一下云知声2025年业绩预告说了些什么。 — the eval counts it right; in this test's index: AssertionError: missing ['11.8亿'] in: 要点（按章节，引自原文）：",
    "h11-r02": "Summarize the main points of the analysis report… — wrong sentence chosen: '6.0亿' in retrieved passage #6; '1057%' in retrieved passage #6",
    "h11-r06": "智谱和MiniMax路线不同却拿到同一批投资人的钱，文章最后怎么解读这一点？ — the eval counts it right; in this test's index: AssertionError: assert 'how' == 'conclusion'",
    "h11-r16": "对AI公司来说，在港股上市和在A股比有哪些好处和代价？ — false refusal: all expected facts were in the retrieved passages",
    "h11-r18": "What is the HKEX \"科企专线\" (technology enterprises … — the eval counts it right; in this test's index: AssertionError: 抱歉，现有资料（分析报告及其引用的文章）中没有关于这个问题的信息，无法回答。",
    "h11-r24": "按2024年的亏损速度，这些现金够撑几个月？ — false refusal: '4.1' only in non-retrieved chunks of news-08, news-140, news-145, news-148",
    # dev-15 (the session-14 hidden set, opened in session 15), over the bundled corpus: failures at the session-15 start
    "h12-r11": "How did Hong Kong change the Chapter 18C market-ca… — missing 60亿港元, 40亿港元, 80亿港元: the how answer quotes other points of the section",
    "h12-r17": "What is Xingye (星野) in MiniMax's product line? — intent read as lookup, the set says definition",
    "h12-r28": "Should I buy it now? — missing 高亏损 / 估值泡沫: the advice follow-up's neutral comparison does not quote the risk sentences",
    # dev-16 (the session-15 hidden set, opened in session 16): failures after the session-16 look-up fixes
    "h13-r08": "那篇文章最后对这两家公司的路线怎么看？ — missing 同一批投资人 / 两种商业化路径: the conclusion quotes the last section of another article (a follow-up's 'that article')",
    "h13-r47": "那现在适合买入云知声吗？ — missing 53.3%: the advice follow-up's neutral comparison does not quote the share-price sentence",
    "h13-r48": "Should I buy Zhipu or MiniMax shares? — missing 高亏损: the neutral comparison of two companies does not quote the risk sentence",
    # dev-17 (the session-16 hidden set, opened in session 17), over the bundled corpus: failures after the session-17 fixes
    "h14-r16": "港交所18C章在2024年是怎么下调上市门槛的？ — missing 60亿港元, 40亿港元: the how answer quotes the section's opening line, not its thresholds (as h12-r11)",
    "h14-r20": "这次配售是怎么定价的，折让多少？ — missing 300港元, 16%: the follow-up is read with its month (\"1月配售\") as a reporting period, so the discount sentence, dated no month, is refused",
    "h14-r23": "What are the advantages and drawbacks of listing a… — missing 包容未盈利企业: the English pros-and-cons lists leave out the listing-rules upside",
    "h14-r36": "云知声2024年末的现金能覆盖当年净亏损的多大比例？ — computed ≈34.4% (1.56亿÷4.54亿); the set writes 34% or 0.34",
    "h14-r38": "How many times Zhipu's first-half 2025 revenue was… — missing 5.8: the set reads it as compute cost over revenue (11亿÷1.91亿); no calculation is made",
    "h14-r48": "Should I buy MiniMax shares? — missing 估值泡沫: the neutral comparison does not quote the valuation-bubble risk (as h13-r48)",
    # dev-18 (the session-17 hidden set, opened in session 18), over the bundled corpus: failures after the session-18 fixes
    "h15-r18": "报告是怎样解释云知声收入暴增的驱动因素的？ — intent read as why (驱动因素), the set says how",
    "h15-r23": "这种配售方式对公司有什么好处，又有什么代价？ — missing 缓冲 / 稀释: the follow-up's pros and cons quote the 18C listing rules, not the placement's sentence",
    "h15-r42": "云知声最近一次在市场上融资是什么时候，融了多少？ — refused: the latest financing's words weigh little beside 最近 / 时候, no sentence covers enough",
    "h15-r48": "Should I buy MiniMax shares now that it has listed? — missing 估值泡沫风险 / 盈利兑现压力: the neutral comparison does not quote the report's risk lines (as h13-r48)",
    # dev-19 (the session-18 hidden set, opened in session 19), over the bundled corpus: failures after the session-19 fixes
    "h16-r08": "Why did its total revenue grow so much more slowly than that? — missing 26% / 传统业务: the why follow-up quotes the valuation-logic section, not the traditional business's growth",
    "h16-r12": "云知声大模型业务占全年收入的比重是怎么算出来的？ — intent read as derived (占…比重), the set says how (the range 48%–53% is quoted)",
    "h16-r19": "智谱走机构客户路线有什么好处，又有什么隐忧？ — missing 8000家: the upside list quotes the ranking, not the institutional customer count",
    "h16-r22": "什么是18C章？ — missing 2.5亿港元: the definition quotes the 2023 rule's sentence, not the revenue threshold",
    "h16-r23": "What is the 'tech enterprises channel' (科企专线) that HKEX introduced? — refused: the question's 科企专线 abbreviates the report's 科企上市专线, read as a name no document writes",
    "h16-r44": "Should I buy MiniMax shares now that it has listed? — missing 高亏损 / 估值泡沫: the neutral comparison does not quote the report's risk lines (as h13-r48)",
    "h16-r48": "云知声IPO时香港公开发售超额认购了多少倍？ — intent read as derived (多少倍), the set says lookup (91.66倍 is quoted)",
    # lost in session 20: the listing-wave summary's first section now shows the fundraising total (331亿港元, which
    # h9-r03, h14-r02, h16-r03 and h17-r03 ask) in the room MiniMax's listing took
    "h13-r03": "用几句话总结一下2026年开年港股AI与算力企业扎堆上市的情况。 — missing MiniMax: the timeline section's line gives "
               "the fundraising total and the first two listings, and MiniMax's listing no longer fits",
    # dev-20 (the session-19 hidden set, opened in session 20), over the bundled corpus: failures after the session-20 fixes
    "h17-r02": "Give me a short summary of why Zhipu and MiniMax are racing to list in Hong Kong now. — missing 363%: the "
               "why-section's cash-burn lines are quoted, not the market's call-volume growth",
    "h17-r18": "智谱和MiniMax各自靠什么方式做商业化？ — missing B端 / C端: the how answer quotes the listing article, not the "
               "report's two commercial routes",
    "h17-r23": "和A股相比，港股给AI公司估值有什么优势，又要注意哪些风险？ — missing 包容未盈利企业: over the bundled corpus alone "
               "the comparison table's profit-requirement row is not among the upsides (it is over dev-20's index)",
    "h17-r26": "港交所的第18C章是什么？ — missing 2023年3月: the definition quotes the report's 2023 sentence, not the month "
               "the rules took effect",
    "h17-r27": "What is Shanhai in Unisound's business? — intent read as lookup, the set says definition (山海 and 600亿 are quoted)",
    "h17-r42": "云知声最近一次融资是什么时候，规模多大？ — missing 1月16日 / 780万股: the latest answer quotes the IPO's size "
               "(规模) before the January placement",
    "h17-r48": "Should I buy Zhipu shares now that it has listed? — missing 高投入 / 高亏损: the neutral comparison does not "
               "quote src-6's risk line (as h16-r44)",
    "h17-r52": "云知声IPO时香港公开发售超额认购了多少倍？ — intent read as derived (多少倍), the set says lookup (as h16-r48)",
    # dev-21 (the session-20 hidden set, opened in session 21), over the bundled corpus: failures after the session-21 fixes
    "h18-r03": "概括一下港交所18C章的市值门槛这几年是怎么变化的。 — missing 60亿港元 / 40亿港元: the summary quotes the 2025 "
               "channel and the 2022 consultation, not the 2024 lowering (as h14-r16)",
    "h18-r08": "What did the coverage of Unisound's January 2026 share placing conclude … — missing 求生 / 增收不增利: the "
               "report's own assessment is quoted, not the placing article's closing lines",
    "h18-r17": "How did the HKEX's new tech-company channel change the way companies file … — missing 保密: the how answer "
               "quotes the valuation-logic section, not the channel's filing terms",
    "h18-r18": "它们俩分别靠什么路线赚钱？ — missing C端: the business-model answer quotes Zhipu's rows, not MiniMax's (as "
               "h17-r18)",
    "h18-r22": "What are the pros and cons for an AI company of listing in Hong Kong … — missing 20% / 6个月: the upsides "
               "table is quoted, not the lock-up and price-limit rows",
    "h18-r23": "智谱走B端、MiniMax走C端，这两条路线各有什么利弊？ — missing 基础设施化: the valuation table's rows are not "
               "among the retrieved passages",
    "h18-r26": "港交所的18C章是什么？ — missing 60亿港元: the definition quotes the report's 2023 sentence, not the "
               "thresholds (as h17-r26)",
    "h18-r27": "What does the 'mini IPO' (袖珍IPO) label mean in Unisound's case? — missing 3.2亿港元: over the bundled "
               "corpus alone the IPO-size sentence is not quoted beside the 2.2% share",
    "h18-r28": "新股报道里常说的“绿鞋”是什么意思？ — missing 超额 / 15%: the over-allotment option is not defined in a "
               "sentence the definition composer reads over the bundled corpus alone",
    "h18-r36": "按预告区间上限算，云知声2025年大模型收入比2024年多出多少？ — not computed: the range's upper end (6.2亿) is "
               "not read as the operand the question names",
    "h18-r42": "智谱上市后股价最高涨到了多少？ — missing 496港元: the IPO-valuation sentence is quoted, not the trading high",
    "h18-r43": "What was its market value at that point? — missing 300港元: the follow-up's 'that point' (the placing) is "
               "not carried; the market-value sentences are quoted",
    "h18-r48": "Should I subscribe to Hong Kong AI IPOs at today's valuations? — missing 估值泡沫: the neutral comparison "
               "does not quote the report's risk lines (as h16-r44)",
    "h18-r49": "智谱股价涨了这么多，现在还能追吗？ — missing 320% / 亏损: the neutral comparison quotes the valuation row, "
               "not the share-price rise and the losses",
    # dev-22 (the session-21 hidden set, opened in session 22), over the bundled corpus: failures after the session-22
    # fixes; the first seven ask of corpus-extra's articles, which this index does not hold
    "h19-r08": "德勤对2026年港股新股市场得出了什么结论？ — the forecast is in news-06 (corpus-extra): refused over the bundled "
               "corpus alone",
    "h19-r17": "How does the TECH channel (科企专线) change the way applicants file? — the channel's terms are in news-05 "
               "(corpus-extra): refused over the bundled corpus alone",
    "h19-r23": "智谱上市首日有哪些亮点和不足？ — the first day's figures are in news-01 (corpus-extra): the valuation rows are "
               "quoted over the bundled corpus alone",
    "h19-r27": "What does 'mini IPO' (袖珍IPO) mean in Unisound's case? — the IPO's size is in news-12 (corpus-extra): "
               "refused over the bundled corpus alone",
    "h19-r32": "Compare the first-day performance of Zhipu and MiniMax. — the first-day figures are in news-01 and news-02 "
               "(corpus-extra): the ranking sentences are quoted over the bundled corpus alone",
    "h19-r33": "壁仞科技和天数智芯的募资额相比如何？ — the two IPOs are in news-03 and news-04 (corpus-extra): not in this index",
    "h19-r44": "它上市后最新的股价高点是多少？ — the share-price high is in news-01 (corpus-extra): refused over the bundled "
               "corpus alone",
    "h19-r22": "According to the report, what are the pros and cons of a Hong Kong listing versus the A-share market …? — "
               "missing 20% / 12-36个月: the upsides table is quoted, not the placing-mandate and lock-up rows (as h18-r22)",
    "h19-r26": "什么是港股第18C章？ — missing 2.5亿港元: the definition quotes the report's 2023 sentence, not the thresholds "
               "(as h18-r26)",
    "h19-r48": "Should I subscribe to Hong Kong AI IPOs at current valuations? — missing 估值泡沫风险: the neutral comparison "
               "does not quote the report's risk lines (as h18-r48)",
    # dev-25 (the session-24 hidden set, opened in session 25), over the bundled corpus: failures after the session-25
    # fixes; r03, r06, r13, r15 and r24 ask of corpus-extra's articles, which this index does not hold
    "h24-r02": "Summarise the main points of the Ginlix report on how Hong Kong values AI companies. — missing 511亿: the "
               "summary's section lines do not include the market-value figure of src-6",
    "h24-r03": "简要总结一下商汤2025年中期业绩。 — the interim figures are in news-07 (corpus-extra)",
    "h24-r06": "德勤对2026年香港新股市场的判断是什么？ — Deloitte's forecast is in news-06 (corpus-extra)",
    "h24-r12": "按报告的对比，AI公司选择在港股而不是A股上市有什么利弊？ — missing 20% / 6个月: the upsides table is quoted, "
               "not the placing-mandate and lock-up rows (as h19-r22)",
    "h24-r13": "港交所“科企专线”给申请人带来哪些便利？还有什么没有豁免？ — the channel is in news-05 (corpus-extra)",
    "h24-r14": "港股第18C章所说的“已商业化”特专科技公司是什么意思？ — missing 2.5亿港元: the definition quotes the "
               "listing sentence, not the threshold (as h19-r26)",
    "h24-r15": "What is meant by Unisound's 'mini IPO' (袖珍IPO)? — the label is in news-12 (corpus-extra)",
    "h24-r23": "我该不该买云知声的股票？ — missing 4.54亿 / 53.3%: the neutral comparison quotes the report's judgement, "
               "not the loss and the retention figures",
    "h24-r24": "Should I invest in Black Sesame Intelligence shares? — the broker's rating is in news-10 (corpus-extra)",
    # dev-28 (the session-27 hidden set, opened in session 28), over the bundled corpus: failures after the session-28
    # fixes; fifteen ask of corpus-extra's articles, which this index does not hold
    "h27-r02": "Summarise SenseTime's 2025 interim results in a few lines. — SenseTime's interim is in news-07 (corpus-extra): not in this index",
    "h27-r03": "简单说说2025年香港新股市场全年的成绩。 — the year's IPO market is in news-06 (corpus-extra): not in this index",
    "h27-r05": "Give me a quick summary of Horizon Robotics' first-half 2025 results. — Horizon's interim is in news-09 (corpus-extra): not in this index",
    "h27-r09": "那它对2026年的判断是什么？ — Deloitte's 2026 forecast is in news-06 (corpus-extra): not in this index",
    "h27-r12": "Why did Biren's gross margin drop so sharply in the first half of 2025? — Biren's prospectus is in news-03 (corpus-extra): not in this index",
    "h27-r16": "港交所的“科企专线”具体怎么方便18C公司递表？ — The TECH channel is in news-05 (corpus-extra): not in this index",
    "h27-r20": "云知声的超额配股权是怎么行使的？又多募了多少钱？ — The over-allotment is in news-12 (corpus-extra): not in this index",
    "h27-r26": "18C章里说的“已商业化”公司是什么意思？ — The 2.5亿港元 revenue test is in news-05 (corpus-extra): not in this index",
    "h27-r29": "What is the 'green shoe' mentioned in Zhipu's Hong Kong offering? — Zhipu's offering is in news-01 (corpus-extra): not in this index",
    "h27-r30": "IDC统计的公有云大模型调用量是什么口径？ — IDC's definition is in news-11 (corpus-extra): not in this index",
    "h27-r32": "Compare how heavily Biren's and Iluvatar's Hong Kong public offerings were oversubscribed. — The two IPOs is in news-03/news-04 (corpus-extra): not in this index",
    "h27-r37": "How many percentage points is that up from a year earlier? — SenseTime's generative-AI share is in news-07 (corpus-extra): not in this index",
    "h27-r43": "What is the latest record high for Zhipu's shares mentioned in the coverage…? — Zhipu's share-price high is in news-01 (corpus-extra): not in this index",
    "h27-r48": "Should I buy Black Sesame shares now? — Black Sesame's rating is in news-10 (corpus-extra): not in this index",
    "h27-r53": "How many cornerstone investors did MiniMax bring in for its IPO? — MiniMax's cornerstones is in news-02 (corpus-extra): not in this index",
    "h27-r22": "According to the report, what are the pros and cons of Hong Kong versus the A-share market for AI "
               "listings? — missing 6个月 / 12-36个月: the lists quote the report's valuation points before its lock-up rows",
    "h27-r25": "智谱和MiniMax两条商业化路线各自押注的是什么？各有什么优劣？ — the pros and cons quote each company's ranking "
               "lines, not the report's table of their routes (基础设施化, C端AI商业爆发力)",
    "h27-r47": "现在适合买入云知声吗？ — missing 1.56亿: the neutral comparison quotes the report's judgement, not the "
               "placing's use of proceeds (as h26-r29)",
    # dev-27 (the session-26 hidden set, opened in session 27), over the bundled corpus: failures after the session-27
    # fixes; all but r01, r14, r18, r19 and r29 ask of corpus-extra's articles, which this index does not hold
    "h26-r01": "帮我概括一下云知声这次2025年业绩预告讲了什么。 — missing 11.8亿 / 12.4亿: the summary's section lines quote the large-model range, not the total revenue range",
    "h26-r02": "Give me a short summary of how the Chapter 18C market-cap t… — The TECH channel and 18C thresholds are in news-05 (corpus-extra)",
    "h26-r03": "简单总结一下MiniMax挂牌第一天的情况。 — MiniMax's debut is in news-02 (corpus-extra)",
    "h26-r06": "综合IDC和Omdia的数据，国内大模型云服务到底谁排第一？ — IDC's cloud data is in news-11 (corpus-extra)",
    "h26-r09": "那它的视觉AI收入为什么反而下降了？ — SenseTime's interim is in news-07 (corpus-extra)",
    "h26-r11": "How does the TECH channel (科企专线) make the listing process e… — The TECH channel and 18C thresholds are in news-05 (corpus-extra)",
    "h26-r12": "智谱的H股发行最后是怎么分配的？香港公开发售回拨以后有多少股？ — Zhipu's debut is in news-01 (corpus-extra)",
    "h26-r14": "What are the advantages and drawbacks for an AI company of … — missing general mandate / 6 months: the lists quoted are the report's valuation points, not the placing and lock-up rules",
    "h26-r15": "它上半年的业绩有哪些亮点，又有什么隐忧？ — Horizon's interim is in news-09 (corpus-extra)",
    "h26-r16": "文章里说的“袖珍IPO”是什么意思？ — The mini IPO is in news-12 (corpus-extra)",
    "h26-r17": "Under Chapter 18C, what counts as a 'commercialised' compan… — The TECH channel and 18C thresholds are in news-05 (corpus-extra)",
    "h26-r18": "报告形容云知声“增收不增利”，具体指什么？ — refused: the quoted phrase is in no document as written, and the definition is not read from the loss lines",
    "h26-r19": "智谱和MiniMax走的商业化路线有什么区别？ — missing 511亿: the comparison quotes each company's business lines, not Zhipu's IPO valuation",
    "h26-r20": "How did Zhipu's first trading day compare with MiniMax's? — Zhipu's debut is in news-01/news-02 (corpus-extra)",
    "h26-r21": "那天数智芯的亏损跟它比起来怎么样？ — Biren's IPO is in news-03/news-04 (corpus-extra)",
    "h26-r23": "What proportion of its gross IPO proceeds did Biren end up … — Biren's IPO is in news-03 (corpus-extra)",
    "h26-r25": "智谱上市以后股价最高涨到过多少？ — Zhipu's debut is in news-01 (corpus-extra)",
    "h26-r28": "黑芝麻智能现在值得买吗？ — Black Sesame's rating is in news-10 (corpus-extra)",
    "h26-r29": "Should I buy Unisound shares after its January placing? — missing 252港元 / 199亿港元: the neutral comparison quotes the report's judgement, not the placing terms (as h24-r23)",
    "h26-r30": "第四范式上半年先知AI平台的收入是多少？占比多少？ — 4Paradigm's interim is in news-08 (corpus-extra)",
    "h26-r31": "How much did the cornerstone investors in Zhipu's IPO subsc… — Zhipu's debut is in news-01 (corpus-extra)",
    # dev-26 (the session-25 hidden set, opened in session 26), over the bundled corpus: failures after the session-26
    # fixes; all but r47 ask of corpus-extra's articles, which this index does not hold
    "h25-r02": "Summarize how Zhipu's first trading day in Hong Kong went. — Zhipu's first day is in news-01 (corpus-extra)",
    "h25-r03": "简要说说德勤对明年港股新股市场的展望。 — Deloitte's outlook is in news-06 (corpus-extra)",
    "h25-r12": "Why did its vision AI revenue fall? — SenseTime's vision revenue is in news-07 (corpus-extra)",
    "h25-r17": "How does HKEX's TECH channel (科企专线) make listing easier for… — the TECH channel is in news-05 (corpus-extra)",
    "h25-r18": "How did Horizon Robotics grow its revenue so fast in 1H25? — Horizon's interim growth is in news-09 (corpus-extra)",
    "h25-r26": "什么是18C章？已商业化公司现在的市值门槛是多少？ — the threshold table is in news-05 (corpus-extra)",
    "h25-r27": "What is meant by Unisound's 'mini IPO'? — the mini IPO is in news-12 (corpus-extra)",
    "h25-r28": "IDC统计的公有云大模型调用量是什么口径？ — IDC's scope is in news-11 (corpus-extra)",
    "h25-r32": "Compare how much Biren and Iluvatar CoreX raised in their Ho… — Biren's proceeds is in news-03 (corpus-extra)",
    "h25-r37": "天数智芯2025年上半年的净亏损是收入的几倍？ — Iluvatar's loss and revenue is in news-04 (corpus-extra)",
    "h25-r42": "智谱上市后股价最新创下的历史高点是多少？ — Zhipu's share-price high is in news-01 (corpus-extra)",
    "h25-r43": "What is the latest cumulative figure it reported, for the fi… — 4Paradigm's nine-month figures is in news-08 (corpus-extra)",
    "h25-r48": "Is Black Sesame a good investment right now? — the broker's rating is in news-10 (corpus-extra)",
    "h25-r52": "MiniMax的14家基石投资者合计认购了多少？ — MiniMax's cornerstone investors is in news-02 (corpus-extra)",
    "h25-r47": "现在适合买入云知声吗？ — missing 1.56亿 / 53.3%: the neutral comparison quotes the report's judgement, "
               "not the loss and the retention figures (as h24-r23)",
    # dev-24 (the session-23 hidden set, opened in session 24), over the bundled corpus: failures after the session-24
    # fixes; r03, r06, r08, r14, r16, r23 and r27 ask of corpus-extra's articles, which this index does not hold
    "h21-r02": "Give me a quick rundown of why Zhipu and MiniMax were racing to list in Hong Kong. — read as why: the "
               "cash-burn points are quoted, not the token-volume growth (363%) of the same source",
    "h21-r03": "帮我总结一下商汤2025年中期业绩。 — the interim figures are in news-07 (corpus-extra)",
    "h21-r06": "德勤对2026年港股新股市场的结论是什么？ — Deloitte's forecast is in news-06 (corpus-extra)",
    "h21-r08": "Why did Horizon Robotics' gross margin fall in 1H25? — the figures are in news-09 (corpus-extra)",
    "h21-r11": "云知声当初的IPO是怎么发行的？发了多少股、募了多少钱？ — the offer's proceeds are quoted, the share count "
               "(156.1万股) of the same source is not",
    "h21-r13": "What are the pros and cons of an AI listing in Hong Kong versus onshore A-shares? — missing 6个月 / 20%: "
               "the upsides table is quoted, not the lock-up and placing-mandate rows (as h19-r22)",
    "h21-r14": "What are the positives and negatives in 4Paradigm's 1H25 print? — the print is news-08 (corpus-extra)",
    "h21-r15": "港股上市规则第18C章是什么？“已商业化”怎么界定？ — missing 2.5亿港元: the second question (the threshold) "
               "is not answered beside the definition",
    "h21-r16": "What does the 'mini IPO' label mean in Unisound's case? — the label is in news-12 (corpus-extra)",
    "h21-r17": "文中说云知声“增收不增利”，具体指什么？ — the phrase's sentence is quoted, not the loss figure (4.54亿) "
               "beside it",
    "h21-r21": "By what percentage did MiniMax's revenue grow from 2023 to 2024? — computed as ≈782.2%; the set expects "
               "the rounded 782% (or 8.8倍)",
    "h21-r22": "那这笔现金大概只够覆盖一年亏损的百分之多少？ — computed as ≈34.4%; the set expects the rounded 34%",
    "h21-r23": "智谱上市后股价最新创下的历史高点是多少？ — the share-price high is in news-01 (corpus-extra)",
    "h21-r26": "Is MiniMax a buy after its IPO? — missing 高亏损 / 估值泡沫: the neutral comparison quotes MiniMax's row, "
               "not the report's risk lines (as h19-r48)",
    "h21-r27": "云知声IPO的基石投资者有哪些？ — the cornerstone investors are in news-12 (corpus-extra)",
    # dev-23 (the session-22 hidden set, opened in session 23), over the bundled corpus: failures after the session-23
    # fixes; the first five ask of corpus-extra's articles, which this index does not hold
    "h20-r03": "简要总结一下MiniMax上市首日的表现。 — the first day's figures are in news-02 (corpus-extra): the report's "
               "sections are summarised over the bundled corpus alone",
    "h20-r06": "中金对第四范式2025年中期业绩的结论是什么？ — the broker's note is news-08 (corpus-extra): the report's own "
               "judgement is quoted over the bundled corpus alone",
    "h20-r11": "How does the HKEX \"Tech channel\" (科企专线) make listing easier …? — the channel is in news-05 "
               "(corpus-extra): refused over the bundled corpus alone",
    "h20-r23": "… what was 4Paradigm's revenue in the third quarter of 2025 alone? — the figures are in news-08 "
               "(corpus-extra): refused over the bundled corpus alone",
    "h20-r25": "智谱上市后股价最新创下的高点是多少？ — the share-price high is in news-01 (corpus-extra): refused over the "
               "bundled corpus alone",
    "h20-r01": "概括一下这份报告对云知声大模型收入暴增的主要判断。 — missing 6.0亿元至6.2亿元 / 1057%至1095%: the summary "
               "quotes the report's three-horizon judgement, not the forecast's figures",
    "h20-r14": "According to the report, what are the pros and cons of Hong Kong's market for AI companies? — missing "
               "包容未盈利企业: the positives are the valuation-logic list, not src-5's line on loss-making companies",
    "h20-r15": "What are the positives and the open questions in Unisound's 2025 LLM revenue forecast? — read as pros and "
               "cons since session 23, but only the positives are quoted: missing src-2's 没有给出利润指引",
    "h20-r16": "什么是港交所的18C章？ — missing 2.5亿港元: the definition quotes the report's 2023 sentence, not the "
               "thresholds (as h19-r26)",
    "h20-r17": "What is the Shanhai (山海) model that Unisound's LLM business is built on? — answered with the model's two "
               "sentences, but as a look-up: 'What is the … model' is not read as a definition",
    "h20-r22": "那这两年之间收入累计增长了百分之多少？ — the follow-up's two years' totals (9.39亿, 6.01亿) are not found: "
               "the large-model revenue sentence is quoted with 'no computation'",
    "h20-r27": "云知声最近一次融资是什么时候，配售价多少？ — missing 1月16日 / 252港元: the latest figure quoted is the "
               "placing's discount sentence, not its date and price",
    "h20-r28": "现在适合买入云知声吗？ — missing 增收不增利 / 53.3%: the neutral comparison quotes the report's judgement and "
               "pros and cons, not the loss figures",
    "h20-r29": "Is it a good investment then? — missing 高投入、高亏损: the follow-up's MiniMax row is quoted, not the "
               "report's risk sentence",
    "h20-r30": "港股AI公司估值这么高，现在入场要注意哪些风险？ — read as pros and cons (风险), the set says advice (入场)",
}



@pytest.mark.parametrize("question", [
    "What were its revenue in October and in 2024, respectively?",  # a month of any year beside a year
    "截至6月底及2024年的现金分别是多少？",
    "2025年11月份和2024年的收入分别是多少？",
    "How much revenue in Q3 2025 and in 2024?",
])
def test_periods_with_and_without_a_year_are_read_without_error(question):
    """A question naming a period with no year ("October", "6月底") beside a year alone ("2024") is
    read like any other: periods of which either part may be missing are ordered, not compared as None."""
    glossary = load_glossary()
    assert read_period_part(question, glossary) is None  # two periods asked: no single period to compute
    read_derived(question, glossary)

# --- intent ------------------------------------------------------------------------

@pytest.mark.parametrize(("question", "intent"), [
    ("云知声2024年净亏损是多少？", "lookup"),
    ("明天北京天气怎么样？", "lookup"),  # "怎么样" asks what something is like, not how it is done
    ("What was Unisound's net loss in 2024?", "lookup"),
    ("总结一下这份报告的主要观点", "summary"),
    ("Summarize the report.", "summary"),
    ("报告对云知声怎么看？", "conclusion"),
    ("What is the report's outlook for Unisound?", "conclusion"),
    ("云知声大模型收入为什么暴增？", "why"),
    ("Why did Unisound's revenue surge?", "why"),
    ("港股AI公司的估值逻辑是怎样的？", "how"),
    ("How are Hong Kong AI companies valued?", "how"),
    ("云知声的优势和风险有哪些？", "pros_cons"),
    # a question naming a document asks for its summary, whatever words describe the document
    ("概括一下那篇对比两家燃气公司的报道", "summary"),
    ("Summarise the article that compares Zhipu with MiniMax.", "summary"),
    ("那篇文章为什么说云知声增收不增利？", "why"),  # no summary cue: the why stands
    ("总结一下那篇文章，现在值得买吗？", "advice"),  # advice is never overridden
    ("小米最近一个季度的收入是多少？", "latest"),
    ("What are the pros and cons of Unisound?", "pros_cons"),
    ("什么是18C章？", "definition"),
    ("智谱和MiniMax的商业模式有什么区别？", "comparison"),
    ("Compare Zhipu and MiniMax.", "comparison"),
    ("云知声大模型收入占总收入的比例是多少？", "derived"),
    ("MiniMax收入是智谱的多少倍？", "derived"),
    ("What share of total revenue is the large-model business?", "derived"),
    ("云知声现在的股价是多少？", "latest"),
    ("What is Unisound's current market value?", "latest"),
    ("云知声值得买吗？", "advice"),
    ("现在适合买入这家公司吗？", "advice"),
    ("公司最近公布的月度吞吐量是多少？", "latest"),  # 现在 is no latest figure asked: advice comes first
    ("Should I buy Zhipu or MiniMax?", "advice"),
    ("智谱和MiniMax哪个更值得投资？", "advice"),  # advice wins over comparison
    ("云知声的客户数量从2022年到2024年如何变化？", "how"),
    # the cue families beyond the first wording of each intent
    ("智谱和MiniMax买哪只划算？", "advice"),  # advice wins over comparison
    ("Is Zhipu a good buy?", "advice"),
    ("现在上车MiniMax晚不晚？", "advice"),
    ("MiniMax涨了这么多，现在还能追吗？", "advice"),
    ("智谱和MiniMax的市值哪家高？", "comparison"),
    ("天数智芯是和哪家大模型公司同一天上市的？", "lookup"),  # "哪家大模型": 大 starts a noun, no comparison
    ("两家公司哪个大一些？", "comparison"),
    ('What is the "18C" listing regime?', "definition"),
    ('What is the HKEX "科企上市专线"?', "definition"),
    ("智谱的发行价比MiniMax的招股价上限便宜了多少？", "derived"),
    ("By how much did Zhipu's revenue grow from 2023 to 2024?", "derived"),
    ("云知声的现金相当于净亏损的百分之几？", "derived"),
    ("东亚银行2025年上半年股东应占溢利是多少？", "lookup"),  # 应占: attributable, no share
    ("股票代码2382的公司前三季度股东应占溢利是多少？", "lookup"),
    ("智谱为啥要去香港上市？", "why"),
    ("How come MiniMax lost so much money?", "why"),
    ("云知声收入增速为什么这么快？", "why"),  # a reason asked about a growth rate
    ("那篇讲港股排队的文章说了些啥？", "summary"),
    ("Sum up the article on Zhipu and MiniMax.", "summary"),
    ("作者对港股AI估值偏乐观还是偏谨慎？", "conclusion"),
    ("Does the report think Unisound's growth will last?", "conclusion"),
    ("MiniMax有什么亮点和隐患？", "pros_cons"),
    ("What are the upsides and downsides of the 18C route?", "pros_cons"),
    ("What is the ratio of Zhipu's revenue to MiniMax's?", "derived"),
    ("By how many percentage points did the company's gross margin rise from 2023 to 2024?", "derived"),
    ("公司毛利率比去年提高了几个百分点？", "derived"),
    ("What is Zhipu's P/E ratio now?", "latest"),  # a named ratio is a metric, not a calculation
    # a question that opens by asking for a summary asks for one, whatever it goes on to ask
    ("Summarise why Zhipu and MiniMax are rushing to list in Hong Kong now.", "summary"),
    ("总结一下智谱和MiniMax急着去港股上市的原因。", "summary"),
    ("Summarise the column comparing Qinglan Brewery with 北岭啤酒.", "summary"),
    ("Can you sum up why Unisound placed new shares?", "summary"),
    ("Summarise the pros and cons of the 18C route.", "pros_cons"),  # both lists asked: pros and cons first
    ("智谱为什么要总结上市经验？", "why"),  # 总结 not opening the question: no summary asked
    # a sum, a multiple asked in English, a change against another year written with 比 (no 了)
    ("云知声配售净额加上IPO募资净额，一共多少港元？", "derived"),
    ("丰牧农业和禾溪食品的净利润加起来是多少？", "derived"),
    ("By what multiple did MiniMax's revenue grow from 2023 to 2024?", "derived"),
    ("芯澜2025年收入预计比2024年增长多少？", "derived"),
    ("丰牧农业前三季度合计收入多少？", "lookup"),  # a stated total: no sum asked
    # a document's conclusion asked: the comparison or latest cue describes the document
    ("What does the Sina article on the Zhipu vs MiniMax race conclude?", "conclusion"),
    ("澜肌和黛研对比的那篇专栏，结论是什么？", "conclusion"),
    ("最新那篇报道的结论是什么？", "conclusion"),
    ("报告认为云知声面临哪些不利因素？", "pros_cons"),  # a question of its own is not a description
    ("比较两篇文章的观点有何不同", "comparison"),  # across several documents: no one document's
    ("Compare the conclusions of the two articles on Zhipu.", "comparison"),
])
def test_intent_is_recognised(question, intent):
    assert detect_intent(question).name == intent


def test_every_configured_intent_is_known_and_has_cues():
    cfg = reader_config()["intent"]
    assert set(cfg["order"]) == set(INTENTS) - {"lookup"}
    for name in cfg["order"]:
        assert cfg["cues"][name], name
    for lang in ("zh", "en"):
        assert {"summary", "pros", "cons", "no_advice", "no_live", "missing", "known", "as_of"} <= set(reader_config()["labels"][lang])


@pytest.mark.parametrize(("text", "stance"), [
    ("医疗AI垂直赛道龙头地位", 1),
    ("上市后再融资渠道畅通", 1),
    ("持续亏损,盈利能力未验证", -1),
    ("客户留存率下滑趋势", -1),
    ("估值泡沫风险:部分AI公司估值脱离基本面", -1),
    ("锁定期通常为6个月", 0),
    ("但有利于提升单店产出和加盟商的经营质量", 1),
])
def test_stance_words_sort_list_items(text, stance):
    from chatbot.compose.sections import stance_of

    assert stance_of(text) == stance


@pytest.mark.parametrize(("question", "topic_words"), [
    ("总结一下这份报告的主要观点", []),
    ("报告对云知声大模型业务的结论是什么？", ["云知声", "大模型"]),
    ("What is the report's overall view of Unisound?", ["unisound"]),
])
def test_topic_text_drops_cue_and_filler_words(question, topic_words):
    from chatbot.intent import topic_text
    from chatbot.text import content_words

    words = [w.lower() for w in content_words(topic_text(question)) if len(w) > 1]
    assert all(w in words for w in topic_words), words
    assert not {"总结", "结论", "观点", "view", "report"} & set(words), words


# --- derived figures -----------------------------------------------------------------

def test_facts_carry_ranges_periods_and_the_label_of_their_clause():
    facts = facts_in("2025年大模型相关业务收入预计约人民币6.0亿–6.2亿元,2024年同口径约5187万元,同比增幅约1057%–1095%。")
    assert [(f.written, f.currency) for f in facts] == [(("6.0亿", "6.2亿"), "CNY"), (("5187万", "5187万"), "CNY")]
    assert facts[0].periods == {("2025", None)}
    assert facts[1].periods == {("2024", None)}
    assert "大模型" in facts[1].clause  # "2024年同口径约5187万元" carries the label before it
    # a clause whose only words are a period ("2025年上半年约1.91亿元") carries the label too
    h1 = facts_in("智谱收入:2023年1.245亿元,2025年上半年约1.91亿元(同比+325%)")[-1]
    assert h1.periods == {("2025", "H1")}
    assert "收入" in h1.clause


def test_a_whole_of_its_own_keeps_its_terms_and_leaves_the_period_to_pairing():
    dq = read_derived("云知声2024年末的现金相当于全年净亏损的百分之多少？", load_glossary())
    assert dq.kind == "share"
    assert ["现金", "现金", "cash"] in dq.a.terms
    assert any("净亏损" in g for g in dq.b.terms)
    assert dq.b.period is None


@pytest.mark.parametrize(("a", "b", "kind", "formulas"), [
    ("2025年大模型收入6.0亿–6.2亿元", "2025年全部收入11.8亿–12.4亿元", "share", ["6.0亿÷12.4亿≈48.4%", "6.2亿÷11.8亿≈52.5%"]),
    ("2024年收入3.124亿元", "2023年收入1.245亿元", "growth", ["3.124亿÷1.245亿−1≈150.9%"]),
    ("智谱约511亿港元", "MiniMax约461亿–504亿港元", "difference", ["511亿−504亿≈7亿港元", "511亿−461亿≈50亿港元"]),
    ("2024年净亏损4.54亿元", "2023年净亏损3.76亿元", "multiple", ["4.54亿÷3.76亿≈1.21倍"]),
])
def test_calculation_carries_both_ends_of_a_range(a, b, kind, formulas):
    calc = calculate(kind, facts_in(a)[0], facts_in(b)[0])
    assert calc.formulas == formulas
    evidence = normalize(a + b)
    for f in formulas:  # the citation check reproduces every result
        assert normalize(f.split("≈")[1]) in verify_formulas(f, evidence)


def test_no_calculation_across_currencies():
    assert calculate("multiple", facts_in("2024年3052.3万美元")[0], facts_in("2024年3.124亿元")[0]) == "units"


@pytest.mark.parametrize(("sentence", "accepted"), [
    ("计算：6.0亿÷12.4亿≈48.4%", True),
    ("计算：6.0亿÷12.4亿≈51%", False),  # wrong arithmetic
    ("计算：6.0亿÷13.0亿≈46.2%", False),  # an input the evidence does not hold
    ("计算：3.124亿÷1.245亿−1≈150.9%", False),  # inputs from another passage
])
def test_formula_check(sentence, accepted):
    evidence = normalize("2025年大模型相关业务收入预计约人民币6.0亿–6.2亿元；2025年全部收入预计约11.8亿–12.4亿元")
    result = normalize(sentence.split("≈")[1])
    assert (result in verify_formulas(sentence, evidence)) is accepted


def test_citation_check_keeps_a_reproduced_calculation_and_drops_a_wrong_one(engine):
    chunk = next(c for c in engine.store.all_chunks() if c.doc_id == "src-1" and "11.8亿" in c.text)
    good = "计算：6.0亿–6.2亿元[1]，11.8亿–12.4亿元[1]；6.0亿÷12.4亿≈48.4%，6.2亿÷11.8亿≈52.5%。"
    bad = "计算：6.0亿÷11.8亿≈55%[1]。"
    checked = check_answer(good + "\n" + bad, {1: chunk})
    assert "48.4%" in checked.text
    assert "55%" not in checked.text
    assert checked.unsupported == ["计算：6.0亿÷11.8亿≈55%。"]


def test_attributable_is_no_share():
    assert read_derived("东亚银行上半年股东应占溢利是多少？", load_glossary()) is None  # 应占: attributable
    dq = read_derived("公司应占溢利占收入的比例是多少？", load_glossary())  # its share of revenue is one
    assert dq is not None
    assert dq.kind == "share"
    assert "溢利" in dq.a.terms[0]
    assert "收入" in dq.b.terms[0]


@pytest.mark.parametrize(("question", "kind"), [
    ("云知声大模型业务收入占2025年总收入的比例是多少？", "share"),
    ("智谱的IPO估值比MiniMax高多少？", "difference"),
    ("智谱2024年收入增速是多少？", "growth"),
    ("MiniMax 2024年收入是智谱2024年收入的多少倍？", "multiple"),
    ("What share of Unisound's total revenue in 2025 does the large-model business make up?", "share"),
    ("智谱2024年的经调整净亏损相当于当年收入的百分之几？", "share"),  # a whole that is a figure of its own
    ("MiniMax的发行价比智谱便宜了多少？", "difference"),
    ("How many times larger was MiniMax's 2024 revenue than its 2023 revenue?", "multiple"),
    ("How much higher was Zhipu's IPO valuation than MiniMax's valuation?", "difference"),
    # the sum of two stated figures, the operation read from the question's words
    ("云知声配售净额加上IPO募资净额，一共多少港元？", "sum"),
    ("丰牧农业和禾溪食品前三季度净利润加起来一共多少亿元？", "sum"),
    ("What were Zhipu's and MiniMax's 2024 revenues combined?", "sum"),
])
def test_derived_questions_are_read(question, kind):
    dq = read_derived(question, load_glossary())
    assert dq is not None
    assert dq.kind == kind
    assert dq.a.terms
    assert dq.b.terms


@pytest.mark.parametrize(("question", "kind", "periods"), [
    ("智谱2024年收入比2023年增长了百分之多少？", "growth", ("2024", "2023")),
    ("By roughly how many times did MiniMax's revenue grow from 2023 to 2024?", "multiple", ("2024", "2023")),
    ("How much did Unisound's total revenue grow from 2022 to 2024?", "growth", ("2024", "2022")),
    ("智谱2023年收入比2022年增长了多少？", "growth", ("2023", "2022")),
    ("By what multiple did MiniMax's revenue grow from 2023 to 2024?", "multiple", ("2024", "2023")),
    ("按预告区间，云知声2025年收入预计比2024年增长多少？", "growth", ("2025", "2024")),
])
def test_a_change_between_two_periods_is_read(question, kind, periods):
    """The later period's figure against the earlier one's, the same terms for both."""
    dq = read_derived(question, load_glossary())
    assert dq is not None
    assert dq.kind == kind
    assert (dq.a.period[0], dq.b.period[0]) == periods
    assert dq.a.terms
    assert dq.a.terms == dq.b.terms


@pytest.mark.parametrize(("sentence", "written", "near"), [
    ("配售价较前一交易日收市价300港元折让约16%。", "300", "前一交易日收市价"),  # the compared figure is B's
    ("1月16日云知声公告配售780万股新H股,每股252港元。", "252", ""),  # 每股 names no figure: the label is carried
])
def test_a_figure_after_a_comparison_word_belongs_to_the_compared_term(sentence, written, near):
    f = next(f for f in facts_in(sentence) if f.written[0] == written)
    assert f.near == near
    if not near:
        assert "配售" in f.clause


@pytest.mark.parametrize(("question", "sentence", "value"), [
    # a price by its stem when the figure is per share; the literal 配售价 clause holds the previous close
    ("云知声配售价比IPO发行价高多少？", "1月16日云知声公告配售780万股新H股,每股252港元。配售价较前一交易日收市价300港元折让约16%。", 252),
    # synonyms: 前一天收盘价 ~ 前一交易日收市价
    ("云知声前一天收盘价比配售价高多少？", "配售价较前一交易日收市价300港元折让约16%。", 300),
])
def test_operands_are_found_by_meaning(question, sentence, value):
    from chatbot.compute import find_operand

    dq = read_derived(question, load_glossary())
    facts = [f for t in re.split(r"(?<=。)", sentence) if t for f in facts_in(t)]
    found = find_operand(facts, dq.a, lambda f, e: True)
    assert found is not None
    assert found.lo == value


@pytest.mark.parametrize(("a", "b", "formula"), [
    ("70.4", "53.3", "70.4%−53.3%≈17.1个百分点"),
    ("2.08", "2.21", "2.21%−2.08%≈0.13个百分点"),
])
def test_a_rate_move_is_computed_in_points_and_checked(a, b, formula):
    from chatbot.compute import points_formula

    assert points_formula(a, b) == formula
    evidence = normalize(f"由{a}%变为{b}%")
    assert normalize(formula.split("≈")[1]) in verify_formulas(formula, evidence)
    wrong = formula.replace(formula.split("≈")[1], "20.0个百分点")
    assert not verify_formulas(wrong, evidence)


@pytest.mark.parametrize(("text", "a", "b", "moves"), [
    ("医疗AI主要客户留存率由2022年的70.4%降至2024年的53.3%", "70.4", "53.3", True),
    ("净息差由2.08%变为2.21%", "2.08", "2.21", True),
    ("The margin fell from 31.2% to 28.9%", "31.2", "28.9", True),
    # two figures' own changes: no rate moved from one to the other
    ("收入68.2亿元，同比下降11.3%，股东应占溢利2.35亿元，同比下降41.6%", "11.3", "41.6", False),
])
def test_a_rate_moves_between_two_percentages(text, a, b, moves):
    from chatbot.compose.figures import moves_between

    assert moves_between(text, a, b) is moves


@pytest.mark.parametrize(("question", "kind", "periods"), [
    ("How much did the company's revenue grow from Q2 to Q3 2025?", "growth", [("2025", "Q3"), ("2025", "Q2")]),
    ("公司2025年第三季度收入比第二季度增长了多少？", "growth", [("2025", "Q3"), ("2025", "Q2")]),
    ("公司下半年收入比上半年增长了百分之几？", "growth", [(None, "H2"), (None, "H1")]),
    ("公司2024年收入比2023年增长了多少？", "growth", [("2024", None), ("2023", None)]),
])
def test_a_change_between_two_quarters_of_one_year_is_read(question, kind, periods):
    """Two quarters (or halves) of one year: the year written once serves both, the later first."""
    dq = read_derived(question, load_glossary())
    assert dq is not None
    assert dq.kind == kind
    assert [dq.a.period, dq.b.period] == periods
    assert dq.a.terms == dq.b.terms


@pytest.mark.parametrize(("question", "numerator", "denominator"), [
    ("某公司上半年净利率大概是多少？", "归母净利润", "营收"),
    ("What was the company's net margin in the first half of 2025?", "净利润", "收入"),
])
def test_a_ratio_named_by_the_question_is_a_share_of_two_figures(question, numerator, denominator):
    dq = read_derived(question, load_glossary())
    assert dq is not None
    assert dq.kind == "share"
    assert numerator in dq.a.terms[0]
    assert denominator in dq.b.terms[0]
    assert "净利率" in dq.stated or "net margin" in dq.stated


def test_a_ratio_is_computed_from_a_table_row_and_checked():
    """净利率 from the row's 归母净利润 and 营收 cells, never the row's other percentages."""
    from chatbot.compute import find_operand

    row = "某公司:股票代码301498;2025年上半年营收32.6亿元;营收同比+30.1%;归母净利润3.95亿元;毛利率42.3%;海外收入占比约8%"
    dq = read_derived("上半年净利率是多少？", load_glossary())
    facts = facts_in(row)
    a, b = find_operand(facts, dq.a, lambda f, e: True), find_operand(facts, dq.b, lambda f, e: True)
    calc = calculate(dq.kind, a, b)
    assert calc.formulas == ["3.95亿÷32.6亿≈12.1%"]
    assert "12.1%" in verify_formulas(calc.formulas[0], normalize(row))


@pytest.mark.parametrize(("row", "cells"), [
    # a row as evidence renders it (evidence._render_row, table_cells.with_row_unit): each cell with its unit
    ("收入:2025年第一季度43.7亿元;2025年第二季度46.9亿元;2025年第三季度55.1亿元",
     [("2025", "Q1", 43.7e8), ("2025", "Q2", 46.9e8), ("2025", "Q3", 55.1e8)]),
    ("营业收入:2024年1200万元;2025年1500万元", [("2024", None, 1200e4), ("2025", None, 1500e4)]),
    ("2025年7月:快递业务量21.36亿票;业务量同比+18.2%", [("2025", "M07", 21.36e8)]),  # a month's row, a count
    ("收入同比增速:2025年第一季度14.2%;2025年第二季度10.8%", []),  # percentages: no amounts
])
def test_table_rows_are_read_as_evidence_renders_them(row, cells):
    facts = facts_in(row)
    assert [(next(iter(f.periods))[0], next(iter(f.periods))[1], round(f.lo)) for f in facts] == \
        [(y, q, round(v)) for y, q, v in cells]


@pytest.mark.parametrize(("sentence", "ranges"), [
    # a range whose two ends each write their unit is one figure
    ("收入约人民币18.5亿元至19.2亿元，2024年为13.7亿元；", [(18.5e8, 19.2e8), (13.7e8, 13.7e8)]),
    ("总收入为327.6亿元至340.4亿元", [(327.6e8, 340.4e8)]),
    # a change to a level is two figures, no range
    ("净利润增加1.2亿元至5.6亿元", [(1.2e8, 1.2e8), (5.6e8, 5.6e8)]),
    ("收入由12亿元增至15亿元", [(12e8, 12e8), (15e8, 15e8)]),
])
def test_a_range_with_a_unit_at_each_end_is_one_figure(sentence, ranges):
    assert [(round(f.lo), round(f.hi)) for f in facts_in(sentence)] == [(round(a), round(b)) for a, b in ranges]


@pytest.mark.parametrize(("sentence", "bound"), [
    ("单季收入首次突破10亿元", True),
    ("累计私募融资超过15亿美元", True),
    ("年收入在10亿元以上", True),
    ("第三季度收入10.25亿元", False),
    ("收入约32.5亿元", False),
])
def test_a_figure_stated_as_a_bound_is_told(sentence, bound):
    from chatbot.compute import is_bound

    assert is_bound(facts_in(sentence)[0]) is bound


@pytest.mark.parametrize(("question", "sentences", "value"), [
    # an exact figure before a bound one ("突破10亿元" is no value of the third quarter's revenue)
    ("第三季度收入比第二季度增长了多少？", ["三季度单季收入首次突破10亿元。", "2025年第三季度:收入10.25亿元人民币;同比+17.9%"], 10.25e8),
    # by meaning: the clause holding most of the asked words ("该分部收入", not "再生铝产量")
    ("再生铝分部收入占上半年总收入的比例是多少？", ["上半年邛岭的再生铝产量达到18万吨，同比增长约50%，该分部收入约32.5亿元。"], 32.5e8),
])
def test_the_operand_is_the_best_matching_exact_figure(question, sentences, value):
    from chatbot.compute import find_operand

    dq = read_derived(question, load_glossary())
    assert dq is not None
    facts = [f for t in sentences for f in facts_in(t)]
    found = find_operand(facts, dq.a, lambda f, e: True)
    assert found is not None
    assert round(found.lo) == round(value)


def test_an_operand_named_by_its_section_is_found_when_its_sentence_does_not_name_it():
    """"配售净额": "预计所得净额约1.92亿港元" under the heading "配售条款"; the IPO's net amount, in another section, is
    not the placing's; of two IPO figures by meaning, the one the asked words label most closely (净额, not 总额)."""
    from chatbot.compute import find_operand

    dq = read_derived("云知声配售净额加上IPO募资净额，一共多少港元？", load_glossary())
    assert dq is not None
    placing = [replace(f, context="配售条款") for f in facts_in("预计所得净额约1.92亿港元;新股约占扩大后已发行H股的1.84%。")]
    ipo = [replace(f, context="资金与亏损压力") for f in facts_in("IPO本身规模很小:发行价205港元,募资总额约3.2亿港元,净额约2.06亿港元。")]
    assert find_operand(ipo + placing, dq.a, lambda f, e: True).lo == 1.92e8
    assert find_operand(ipo + placing, dq.b, lambda f, e: True).lo == 2.06e8
    assert find_operand(ipo, dq.a, lambda f, e: True) is None  # no placing figure: none


def test_table_rows_in_the_renderers_form():
    """The row a table renders to is the row facts_in reads: one form, no twin."""
    from chatbot.evidence import passage_sentences

    table = "| 指标 | 2025年第二季度 | 2025年第三季度 |\n|---|---|---|\n| 收入（亿元） | 46.9 | 55.1 |\n"
    (_, shown, _, _), = passage_sentences(table)
    assert [(f.lo, f.periods) for f in facts_in(shown)] == [(46.9e8, {("2025", "Q2")}), (55.1e8, {("2025", "Q3")})]


def test_a_column_unit_written_with_its_currency_reads_every_cell():
    """"收入（亿元人民币）" over "9.41": the cell is 9.41亿元 (config/evidence.toml table_units)."""
    from chatbot.evidence import passage_sentences

    table = "| 季度 | 收入（亿元人民币） | 同比 |\n|---|---|---|\n| 2025年第二季度 | 9.41 | +14.8% |\n| 2025年第三季度 | 10.25 | +17.9% |\n"
    rows = [shown for _, shown, _, _ in passage_sentences(table)]
    assert [(round(f.lo), f.currency, f.periods) for r in rows for f in facts_in(r)] == \
        [(941000000, "CNY", {("2025", "Q2")}), (1025000000, "CNY", {("2025", "Q3")})]


@pytest.mark.parametrize(("kind", "formula"), [
    ("growth", "55.1亿÷46.9亿−1≈17.5%"),
    ("difference", "55.1亿−46.9亿≈8.2亿元"),
])
def test_a_calculation_over_table_cells_is_checked(kind, formula):
    row = "收入:2025年第二季度46.9亿元;2025年第三季度55.1亿元"
    q2, q3 = facts_in(row)
    calc = calculate(kind, q3, q2)
    assert calc.formulas == [formula]
    assert verify_formulas(formula, normalize(row))


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("截至2024年末，集团签约经纪人数量为26,300名，2023年末为23,800名。", 26300, "名"),
    ("10月份公司完成快递业务量25.12亿票，同比增长15.8%", 25.12e8, "票"),
    ("配售780万股新H股,每股252港元", 780e4, "股"),
    ("持有人民币现金12亿元", 12e8, "CNY"),  # "人民币" is no count of people
])
def test_counts_are_figures_with_their_unit(text, value, unit):
    f = facts_in(text)[0]
    assert (round(f.lo), f.currency) == (round(value), unit)


def test_counts_combine_only_with_the_same_unit():
    a, b = facts_in("截至2024年末经纪人26,300名，2023年末为23,800名")
    calc = calculate("difference", a, b)
    assert calc.formulas == ["26300−23800≈2500名"]
    assert "2500名" in verify_formulas(calc.formulas[0], normalize(a.sentence))
    assert calculate("difference", a, facts_in("收入3.2亿元")[0]) == "units"


@pytest.mark.parametrize(("question", "kind", "also", "periods", "previous"), [
    ("安衡年末经纪人比上年末多了多少人，增幅是多少？", "growth", ["difference"], ((None, "end"), None), True),
    ("年末门店比上年末多了多少家？", "difference", [], ((None, "end"), None), True),
    ("In percent, how much did the monthly parcel volume rise from July to October 2025?", "growth", [],
     (("2025", "M10"), ("2025", "M07")), False),
    ("7月至10月业务量增长了多少？", "growth", [], ((None, "M10"), (None, "M07")), False),
    ("How much wider was the net loss in 2024 than in 2023, in percent?", "growth", [], (("2024", None), ("2023", None)), False),
])
def test_a_change_against_a_month_or_the_year_before_is_read(question, kind, also, periods, previous):
    dq = read_derived(question, load_glossary())
    assert dq is not None
    assert (dq.kind, dq.also, (dq.a.period, dq.b.period), dq.previous) == (kind, also, periods, previous)


@pytest.mark.parametrize(("text", "words", "stated"), [
    ("海外收入占比约8%", ["海外"], True),
    ("经调整净利率21.9%", ["净利率"], True),
    ("net margin of 12%", ["net margin"], True),
    ("海外收入0.80亿元,同比增长186%", ["海外"], False),  # a growth rate is no share
    ("海外收入增186%", ["海外"], False),
    ("毛利率42.3%", ["净利率"], False),
])
def test_a_share_stated_by_the_source_is_recognised(text, words, stated):
    from chatbot.compose.figures import states_share

    assert states_share(text, words) is stated


@pytest.mark.parametrize(("question", "periods"), [
    ("ASMPT第三季度收入比第二季度高多少？", [("Q3",), ("Q2",)]),  # a quarter without its year
    ("敏实集团上半年电池盒收入占总收入的比例是多少？", [("H1",), ("H1",)]),
])
def test_a_half_or_quarter_without_its_year_is_the_operands_period(question, periods):
    dq = read_derived(question, load_glossary())
    assert dq is not None
    assert [(dq.a.period[1],), (dq.b.period[1],)] == periods


@pytest.mark.parametrize(("question", "asks"), [
    ("智谱是靠什么模式赚钱的？", True),
    ("心动公司是靠什么赚钱的？", True),
    ("How does Zhipu make money?", True),
    ("What is MiniMax's business model?", True),
    ("华润万象生活的收入从哪里来？", True),
    ("港交所是怎么调整18C章上市门槛的？", False),
    ("Where does Unisound's revenue come from?", True),
    # revenue from a market or segment asked as a figure is a look-up, not how the company makes money
    # (dev-12 h9-q53 was composed as a how after session 15's how change, not refused as a near-miss)
    ("What was WaveTone Music's revenue from overseas markets in Q3 2025?", False),
])
def test_business_model_questions_are_told(question, asks):
    from chatbot.compose.business import asks_business_model

    assert asks_business_model(question) is asks
    if asks:
        assert detect_intent(question).name == "how"


@pytest.mark.parametrize(("lead", "n"), [("公司收入分为两块：", 2), ("业务分为住宅与商业两大航道：", 2), ("产品分为五大类：", 5),
                                         ("主要收入来源如下：", 3)])
def test_a_lead_line_announces_its_count(lead, n):
    from chatbot.compose.business import _announced

    assert _announced(lead) == n


@pytest.mark.parametrize(("sentence", "cause"), [
    ("经调整净利润25.3亿元，同比下降4.1%，公司解释为行业价格竞争加剧以及对网点的补贴增加。", True),
    ("特步的利润增速高于收入增速，主要因为剥离了亏损的时尚品牌。", True),
    ("受香港银行同业拆息（HIBOR）回落影响，东亚银行净息差收窄至2.08%。", True),
    ("期内收入121.8亿元，同比增长10.3%。", False),
    # an explanation after the fact it explains
    ("总收入增速(约26%–32%)远低于大模型业务增速,说明传统业务可能有所收缩。", True),
    ("合同负债减少，这也表明经销商打款意愿走弱。", True),
    ("公司已于同日刊发招股说明书。", False),  # a prospectus, no explanation
])
def test_cause_cues(sentence, cause):
    cues = re.compile("|".join(reader_config()["structure"]["cause_cues"]))
    assert bool(cues.search(sentence)) is cause


@pytest.mark.parametrize(("question", "term"), [
    ("什么是港交所的18C章？", "18C章"),
    ("什么是“科企上市专线”？", "科企上市专线"),
    ('What is the HKEX "科企上市专线" (tech enterprise listing channel)?', "科企上市专线"),
])
def test_the_defined_term_is_read(question, term):
    from chatbot.intent import defined_term

    assert defined_term(question) == term


@pytest.mark.parametrize(("term", "sentence", "defines"), [
    ("第18C章", "2023年港交所正式推出特专科技上市新规(18C章),持续盈利不再成为硬门槛。", True),  # without its 第
    ("第18C章", "壁仞科技按第18C章(特专科技)上市,首日收涨约75%。", True),  # the term, then what it stands for
    ("18C章", "壁仞科技按第18C章(特专科技)上市,首日收涨约75%。", True),
    ("云知声", "云知声(9678.HK)公布业绩。", False),  # a code in brackets says nothing of what it is
    ("第18C章", "第18C章上市的公司有三家。", False),
])
def test_a_sentence_defining_the_term(term, sentence, defines):
    from types import SimpleNamespace

    from chatbot.compose.neutral import _defining_sentences
    from chatbot.models import Chunk
    from chatbot.structure import build_structure

    chunk = Chunk(id="d:1", doc_id="d", text=sentence, title="文章")
    ctx = SimpleNamespace(structure=build_structure([chunk]))
    assert bool(_defining_sentences(ctx, term)) is defines


def test_the_narrower_operand_excludes_the_wider_ones_words():
    """"经营现金净流出相当于年末现金的几倍": the cash operand is not the cash outflow."""
    dq = read_derived("云知声2024年经营现金净流出相当于年末现金的几倍？", load_glossary())
    assert dq is not None
    assert dq.kind == "multiple"
    assert dq.b.exclude
    assert not dq.a.exclude


@pytest.mark.parametrize(("sentence", "doc_date", "stated"), [
    ("10月:载客量（万人次）289.5;载客量同比+17.0%", "2025-11-14", "2025-10-01"),  # a month takes the document's year
    ("2025年第三季度:国内装车量13.9GWh", "2025-10-24", "2025-09-30"),
    ("董事会宣派中期股息每股0.20港元", "2025-11-14", ""),  # states no date: only its document's
    ("预计2026年收入增长", "2025-11-14", ""),  # a forecast states no date its figures stand at
])
def test_a_latest_answer_ranks_figures_by_the_date_their_sentence_states(sentence, doc_date, stated):
    from chatbot.compose.figures import stated_date

    assert stated_date(sentence, doc_date) == stated


@pytest.mark.parametrize(("question", "sentence", "doc_date", "end"), [
    ("今年最新一个季度的交付量是多少？", "一季度交付1.2万台，二季度1.5万台，三季度1.9万台", "2025-10-30", "2025-09-30"),
    ("最新的单季度净利润？", "第四季度净利润3.1亿元", "2026-03-20", "2025-12-31"),  # a quarter after the date: the year before
    ("What is the latest quarterly order intake?", "2024年第二季度订单额45亿元", "2025-10-30", "2024-06-30"),
    ("最新披露的单季营收是多少？", "前三季度营收12.0亿元", "2025-10-30", ""),  # nine months are no quarter
    ("最新半年度的收入？", "上半年收入8.8亿元，第三季度收入4.1亿元", "2025-10-30", "2025-06-30"),
])
def test_a_latest_question_for_one_kind_of_period_reads_the_latest_such_period(question, sentence, doc_date, end):
    from chatbot.compose.figures import latest_of_kind, period_kind

    kind = period_kind(question)
    assert kind is not None
    assert latest_of_kind(sentence, kind, doc_date) == end


@pytest.mark.parametrize("question", ["最新的收入是多少？", "前三季度收入最新是多少？", "第三季度最新的毛利率？", "上半年最新数据"])
def test_a_latest_question_naming_no_kind_of_period_has_none(question):
    from chatbot.compose.figures import period_kind

    assert period_kind(question) is None


@pytest.mark.parametrize(("path", "label"), [
    (["t", "1.1 业绩预告核心数据"], "业绩预告核心数据："), (["t", "一、云知声大模型业务"], "云知声大模型业务："),
    (["t", "(2)先发优势"], "先发优势："), (["t", "四家公司主要指标"], "四家公司主要指标："),  # 四 is a word, not numbering
    (["t", "MiniMax:C端多模态产品"], "MiniMax:C端多模态产品："), (["t", "2025年展望"], ""),  # a figure: no label
    (["t"], ""),  # the title alone is no section
])
def test_a_summary_line_is_labelled_by_its_section_heading(path, label):
    from chatbot.compose.sections import _heading_label

    assert _heading_label(path) == label


@pytest.mark.parametrize(("text", "room", "fitted"), [
    ("本公司权益股东应占利润约21.3亿元，同比下降16.2%，主要因对联营公司的投资计提减值。", 100, "本公司权益股东应占利润约21.3亿元，同比下降16.2%，主要因对联营公司的投资计提减值。"),
    ("本公司权益股东应占利润约21.3亿元，同比下降16.2%，主要因对联营公司的投资计提减值。", 30, "本公司权益股东应占利润约21.3亿元，同比下降16.2%。"),
    ("本公司权益股东应占利润约21.3亿元，同比下降16.2%，主要因对联营公司的投资计提减值。", 10, None),
])
def test_a_summary_point_too_long_gives_its_leading_clauses(text, room, fitted):
    from chatbot.compose.sections import _fit

    assert _fit(text, room) == fitted


@pytest.mark.parametrize(("sentence", "doc_date", "as_of"), [
    ("2025年上半年,中国企业级大模型日均调用量突破10万亿tokens", "2026-01-28", "2025-06-30"),
    ("后续数据(2026年2月发布):2025年下半年日均调用量升至约37.0万亿 tokens", "", "2026-02-01"),
    ("1月16日港股开市前,云知声公告配售780万股新H股", "2026-01-20", "2026-01-16"),
    ("毕马威预计2026年全年港股新股融资可能达约450亿美元", "2026-01-26", "2026-01-26"),  # a forecast
    ("配售公告时总市值约199亿港元", "2026-01-20", "2026-01-20"),  # no date of its own
    ("2024年末现金储备仅约1.56亿元人民币", "2026-01-20", "2024-12-31"),
    ("市场份额6.6%", "", ""),
])
def test_a_figure_stands_at_its_latest_stated_period_or_date(sentence, doc_date, as_of):
    from chatbot.compose.figures import as_of_date

    assert as_of_date(sentence, doc_date) == as_of


@pytest.mark.parametrize(("name", "reader_words"), [
    ("这份报告", True), ("Summarise", True), ("Overview", True), ("前景科技", False), ("特斯拉", False), ("Tesla", False),
    ("这份报告主要讲了", True), ("那篇文章写了", True), ("拼多多", False),
])
def test_reader_words_are_no_company_names(name, reader_words):
    from chatbot.intent import is_reader_phrase

    assert is_reader_phrase(name) is reader_words


@pytest.mark.parametrize(("question", "doc_id"), [
    ("概括一下澎湃新闻那篇关于港股上市潮的文章", "src-5"),  # by publisher
    ("用几句话说说36氪那篇讲智谱和MiniMax上市时点的文章", "src-3"),
    ("Give me a short summary of the article on Unisound's share placing.", "src-4"),  # by top heading
    ("总结一下这份报告的主要观点", "report"),
    ("Summarize the report.", "report"),
])
def test_a_summary_picks_the_document_the_question_names(engine, question, doc_id):
    a = engine.ask(question)
    assert a.intent == "summary"
    assert {c.doc_id for c in a.citations} == {doc_id}, a.text


def test_a_summary_of_one_part_gives_that_part_in_full(engine):
    a = engine.ask("Summarise how the report says Hong Kong values AI companies.")
    assert a.intent == "summary"
    assert not a.refused
    assert "制度包容性:18C章" in a.text
    assert "增长导向" in a.text


def test_a_why_section_must_be_about_the_asked_company(engine):
    """Another company's why-section (智谱/MiniMax 烧钱速度) never answers a question about 云知声."""
    a = engine.ask("Why did Unisound raise money again only about six months after its IPO?")
    assert a.intent == "why"
    assert not a.refused
    assert "1.56亿" in a.text
    assert "4.54亿" in a.text
    assert "24.66亿" not in a.text
    assert "算力" not in a.text


# --- structure -----------------------------------------------------------------------

def test_report_structure_finds_its_summary_places(engine):
    from chatbot.structure import document_structure

    report = document_structure(engine.store)["report"]
    places = report.summary_places()
    assert any(b.is_assessment() and any("中性偏谨慎" in ln.text for ln in b.lines) for b in places)
    assert any(b.is_risk_table() and b.title.endswith("需关注以下风险") for b in places)
    logic = next(b for b in report.blocks if b.title.startswith("港股AI公司的估值逻辑"))
    assert [ln.text.split(":")[0] for ln in logic.lines] == ["制度包容性", "增长导向", "国际化溢价", "流动性分层", "股东价值"]
    assert all(p[-1] != "参考来源" for p, _ in report.sections())


# --- end to end: the reader question set ----------------------------------------------

def test_reader_set_covers_the_issue():
    by_intent = {}
    for q in READER_SET:
        by_intent.setdefault(q["intent"], []).append(q)
    assert set(by_intent) == set(INTENTS)
    assert all(len(v) >= 5 for v in by_intent.values()), {k: len(v) for k, v in by_intent.items()}
    assert len(READER_SET) >= 60
    assert sum(q["lang"] == "en" for q in READER_SET) >= 10
    assert sum(bool(q.get("history")) for q in READER_SET) >= 8
    assert sum(not q["answerable"] for q in READER_SET) >= 8


def _ok(text: str, fact: str) -> bool:
    return any(normalize(a) in normalize(text) for a in fact.split("|"))


@pytest.mark.parametrize("q", question_params(READER_SET + READER_SET_2 + READER_SET_3 + READER_SET_4 + READER_SET_5
                                               + READER_SET_6 + READER_SET_7 + READER_SET_8 + READER_SET_9
                                               + READER_SET_10 + READER_SET_11 + READER_SET_12 + READER_SET_13
                                               + READER_SET_14 + READER_SET_15 + READER_SET_16 + READER_SET_17
                                               + READER_SET_18 + READER_SET_19 + READER_SET_20 + READER_SET_21
                                               + READER_SET_22 + READER_SET_23 + READER_SET_24 + READER_SET_25
                                               + READER_SET_26 + READER_SET_27 + READER_SET_28,
                                               KNOWN_FAILURES, UNSTABLE))
def test_reader_question(engine, q):
    a = engine.ask(q["question"], q.get("history"))
    assert a.to_json()["intent"] == a.intent
    if not q["answerable"]:
        assert a.refused, a.text
        says_missing = a.text.startswith(("资料中没有", "The sources do not give"))
        if "missing-period" in q["tags"]:  # says the asked figure is missing, then what is known
            assert says_missing, a.text
        if says_missing:  # what is known is labelled as such (other periods, cited)
            assert re.search(r"资料中已知的相关数字|What the sources do give", a.text), a.text
        else:
            assert not a.citations, a.text
            assert not claim_figures(a.text), a.text
    else:
        assert not a.refused, a.text
    missing = [f for f in q["expected_facts"] if not _ok(a.text, f)]
    assert not missing, f"missing {missing} in: {a.text}"
    if q["expected_sources"]:
        assert {c.doc_id for c in a.citations} & set(q["expected_sources"]), a.text
    assert a.intent == q["intent"]
    if a.intent == "advice":  # never a recommendation; always the no-advice line
        assert re.search(r"不构成投资建议|not investment advice", a.text)
    if a.intent == "latest":
        assert re.search(r"实时行情|live market data", a.text)
    if a.intent == "summary":  # bounded: one line per section or summary place
        assert len(a.text.splitlines()) <= reader_config()["structure"]["max_summary_lines"] + 1
    if a.intent == "derived" and "≈" in a.text:  # a calculation is labelled and cites its inputs
        line = next(ln for ln in a.text.splitlines() if "≈" in ln)
        assert re.search(r"计算|Calculation", line)
        assert re.search(r"\[\d+\]", line)
    if q["lang"] == "en" and not a.refused:
        assert not re.match(r"[\u4e00-\u9fff]", a.text.splitlines()[0]), "English lead-in or label first"
    assert not a.unsupported, a.unsupported


def test_followup_about_another_company_says_what_is_known(engine):
    """'那智谱呢？' after Unisound's 2025 large-model revenue: Zhipu's 2025 full-year
    figure is not given; its 2024 and first-half 2025 revenue are, with their dates."""
    turns = [{"role": "user", "content": "云知声2025年大模型业务收入预计多少？"}, {"role": "assistant", "content": "约6.0亿–6.2亿元。"}]
    a = engine.ask("那智谱呢？", turns)
    assert a.refused
    assert a.text.startswith("资料中没有智谱2025年")
    assert "3.124亿" in a.text
    assert "1.91亿" in a.text
    assert "2025年上半年" in a.text
    assert {c.doc_id for c in a.citations} == {"src-3"}
    assert "〔36氪，日期未注明〕" in a.text  # the as-of: the source and (here missing) date


@pytest.mark.parametrize(("word", "phrasing"), [
    ("大致", True), ("那么", True), ("这波", True), ("暴涨", True), ("手里", True), ("说到底", True), ("慢", True),
    ("市盈率", False), ("毛利率", False), ("特斯拉", False), ("汽车", False), ("股息率", False),
])
def test_phrasing_words_are_told_from_topic_words(word, phrasing):
    """An absent word that only phrases the question does not refuse a reader question;
    an absent noun (a metric or a company the documents lack) still does."""
    assert is_phrasing_word(word) is phrasing


def test_a_question_opening_with_phrasing_names_no_company(engine):
    """'说到底，…' is an idiom jieba knows, not an unknown company; an absent company
    opening a question (百度) still is one."""
    from chatbot.subjects import unknown_names

    contains = engine.corpus.contains
    assert unknown_names("说到底，报告觉得云知声的收入增长能持续吗？", engine.glossary, contains) == []
    assert unknown_names("总的来说，智谱的商业模式是什么？", engine.glossary, contains) == []
    assert unknown_names("百度现在的股价是多少？", engine.glossary, contains) == ["百度"]


def test_a_total_of_a_count_at_its_price_is_computed_and_checked():
    """"按此算配售总额多少": the count and its price per unit from one sentence, multiplied."""
    from chatbot.compute import priced_count

    sentence = "云知声公告按“尽最大努力”方式配售780万股新H股,每股252港元。"
    question = "云知声这次配售780万股、每股252港元，按此算配售总额大约多少港元？"
    dq = read_derived(question, load_glossary())
    assert dq is not None
    assert dq.kind == "product"
    count, price = priced_count(facts_in(sentence), question)
    calc = calculate("product", count, price)
    assert calc.formulas == ["780万×252≈19.66亿港元"]
    assert "19.66亿" in verify_formulas(calc.formulas[0], normalize(sentence))
    assert not verify_formulas("780万×252≈20.66亿港元", normalize(sentence))  # wrong arithmetic: not accepted
    assert priced_count(facts_in(sentence), "配售500万股、每股252港元，总额多少？") is None  # the question's own figures


@pytest.mark.parametrize(("question", "intent"), [
    ("According to the report, what are the pros and cons of Hong Kong versus the A-share market?", "pros_cons"),
    ("港股和A股相比，各有什么优劣？", "pros_cons"),  # both lists asked: not a comparison
    ("从文章看，这家公司的优势和隐忧分别是什么？", "pros_cons"),
    ("持有这只股票有哪些有利因素，又有哪些不利因素？", "pros_cons"),
    ("并购这家公司对集团有什么好处和坏处？", "pros_cons"),
    ("搬迁总部的好处与弊端分别是什么？", "pros_cons"),
    ("这家酒店集团的看点与隐忧有哪些？", "pros_cons"),
    ("关掉这么多门店有什么坏处？", "pros_cons"),  # one side asked: its cue word is no topic word
    ("现在值得去打新这家券商吗？", "advice"),
    ("这只新股我要不要参与申购新股抽签？", "advice"),
    ("Should I subscribe to the IPO of this chipmaker?", "advice"),
    ("打新收益率是多少？", "lookup"),  # a figure about subscribing, no advice asked
    # a superlative over several companies is a comparison, whatever figure it names
    ("几家快递公司中，哪家的单票收入最低？", "comparison"),
    ("四家品牌里谁的线上占比最高？", "comparison"),
    ("Which of the three miners has the highest gross margin?", "comparison"),
    ("公司哪个季度收入最高？", "lookup"),  # one company's periods: no comparison of companies
    ("港股和A股有什么区别？", "comparison"),
    ("该不该买？优缺点是什么", "advice"),  # advice is never overridden
])
def test_a_question_asking_both_lists_is_pros_and_cons(question, intent):
    from chatbot.intent import detect_intent

    assert detect_intent(question).name == intent


@pytest.mark.parametrize(
    ("sentence", "doc_subjects", "entity", "ok"),
    [
        # no company asked: a figure is an operand only when its company can be told
        ("澜肌生物上半年营收28.6亿元。", {"乙", "甲"}, None, True),  # the sentence names one company
        ("上半年营收28.6亿元。", {"甲"}, None, True),  # none, in a document about one
        ("上半年营收28.6亿元。", {"甲", "乙"}, None, False),  # none, in a column on two: whose?
        ("澜肌生物营收28.6亿元，黛研美妆24.1亿元。", {"甲"}, None, False),  # two in one sentence
        # a company asked: the one named in the clause or sentence
        ("澜肌生物上半年营收28.6亿元。", {"甲", "乙"}, "澜肌生物", True),
        ("澜肌生物上半年营收28.6亿元。", {"甲", "乙"}, "黛研美妆", False),
    ],
)
def test_whose_figure_an_operand_is(sentence, doc_subjects, entity, ok):
    from dataclasses import replace
    from types import SimpleNamespace

    from chatbot.compose.figures import _entity_ok
    from chatbot.compute import Fact
    from chatbot.models import Chunk, Passage

    g = load_glossary()
    g = replace(g, aliases={**g.aliases, "澜肌生物": "澜肌生物", "黛研美妆": "黛研美妆"},
                companies={*g.companies, "澜肌生物", "黛研美妆"}, doc_subjects={"d": doc_subjects})
    passage = Passage(chunk=Chunk(id="d:1", doc_id="d", title="国货美妆半年报", text=sentence, headings=[]), score=1.0)
    fact = Fact(28.6, 28.6, "亿", "CNY", ("28.6亿", "28.6亿"), sentence, set(), sentence, 0)
    assert _entity_ok(SimpleNamespace(glossary=g, spec=SimpleNamespace(names=[])), [passage])(fact, entity) is ok


# --- derived figures in other words (dev-9: written blind) ----------------------------

@pytest.mark.parametrize(("question", "kind", "a_period", "b_period"), [
    # "高了百分之多少": the first figure against the second, in percent; the month one side names is its own
    ("某公司3月配售的价格比IPO发行价高了百分之多少？", "growth", (None, "M03"), None),
    ("某公司配售价比发行价高多少？", "difference", None, None),
    # two months named apart, the later first
    ("某影业10月票房比9月环比增长了多少？", "growth", (None, "M10"), (None, "M09")),
    ("某公司2025年8月销量比7月增长了多少？", "growth", ("2025", "M08"), ("2025", "M07")),
])
def test_a_change_between_two_named_figures_is_read(question, kind, a_period, b_period):
    dq = read_derived(question, load_glossary())
    assert dq is not None
    assert dq.kind == kind
    assert (dq.a.period, dq.b.period) == (a_period, b_period)
    assert not any(re.fullmatch(r"\d+月", t) for g in dq.a.terms + dq.b.terms for t in g)  # a month is no term
    assert not any(t == "环比" for g in dq.a.terms for t in g)


@pytest.mark.parametrize(("question", "month", "sentence", "found"), [
    # a price per share in a sentence dated in the asked month is that month's
    ("某公司3月配售的价格比发行价高了百分之多少？", 3, "3月16日公司公告配售780万股新H股,每股252港元。", 252),
    ("某公司3月配售的价格比发行价高了百分之多少？", 3, "4月16日公司公告配售780万股新H股,每股252港元。", None),
])
def test_a_month_operand_is_an_event_its_sentence_dates(question, month, sentence, found):
    from chatbot.compute import find_operand

    dq = read_derived(question, load_glossary())
    assert dq.a.period == (None, f"M{month:02d}")
    f = find_operand(facts_in(sentence), dq.a, lambda f, e: True)
    assert (f.lo if f else None) == found


@pytest.mark.parametrize(("question", "asked", "parts"), [
    ("So what was the company's net profit for the first half as a whole?", (None, "H1"), [(None, "Q1"), (None, "Q2")]),
    ("公司2025年下半年营业收入是多少？", ("2025", "H2"), [("2025", "Q3"), ("2025", "Q4")]),
    ("公司2025年第三季度收入是多少？", None, None),  # a quarter has no two parts in [[compute.period_sums]]
])
def test_a_period_is_read_as_the_sum_of_its_two_parts(question, asked, parts):
    from chatbot.compute import read_period_sum

    read = read_period_sum(question, load_glossary())
    if asked is None:
        assert read is None
        return
    assert read is not None
    assert read[0] == asked
    assert read[1].kind == "sum"
    assert [read[1].a.period, read[1].b.period] == parts


@pytest.mark.parametrize(("sentence", "values"), [
    # a clause that names only its quarter carries the previous clause's label
    ("分季度看：一季度归母净利润11.2亿元，二季度13.6亿元，三季度19.4亿元。", [("Q1", 11.2e8), ("Q2", 13.6e8), ("Q3", 19.4e8)]),
])
def test_a_quarter_clause_carries_the_label(sentence, values):
    facts = facts_in(sentence)
    assert [(q, round(f.lo)) for f in facts for _, q in f.periods] == [(q, round(v)) for q, v in values]
    assert all("净利润" in f.clause for f in facts)


@pytest.mark.parametrize(("formula", "evidence", "ok"), [
    ("11.2亿+13.6亿≈24.8亿元", "一季度11.2亿元，二季度13.6亿元", True),
    ("11.2亿+13.6亿≈25.8亿元", "一季度11.2亿元，二季度13.6亿元", False),  # wrong arithmetic
    ("11.2亿+13.7亿≈24.9亿元", "一季度11.2亿元，二季度13.6亿元", False),  # an input not in the evidence
])
def test_a_sum_is_checked(formula, evidence, ok):
    result = normalize(formula.split("≈")[1])
    assert (result in verify_formulas(formula, normalize(evidence))) == ok


@pytest.mark.parametrize(("question", "metric", "part"), [
    ("按地区占比测算，某公司上半年欧洲收入大约多少亿元？", "收入", "欧洲"),
    ("按业务占比估算，公司海外收入是多少亿元？", "收入", "海外"),
])
def test_a_part_asked_from_its_share_is_read(question, metric, part):
    dq = read_derived(question, load_glossary())
    assert dq is not None
    assert dq.kind == "part"
    assert any(metric in g for g in dq.a.terms)
    assert any(part in g for g in dq.b.terms)


@pytest.mark.parametrize("question", [
    "欧洲收入占总收入的比例是多少？",  # a share asked, not an amount
    "公司上半年欧洲收入是多少亿元？",  # an amount asked, no share to compute it from
])
def test_no_part_without_a_share_and_an_amount(question):
    dq = read_derived(question, load_glossary())
    assert dq is None or dq.kind != "part"


@pytest.mark.parametrize(("sentence", "word", "value"), [
    ("中国内地收入占68.0%，欧洲占19.0%，北美占13.0%。", "欧洲", 19.0),
    ("海外收入占比约8%。", "海外", 8.0),
    ("欧洲收入同比增长41.5%，主要受匈牙利工厂二期投产带动。", "欧洲", None),  # a growth rate is no share
])
def test_a_stated_share_is_read_as_a_percentage(sentence, word, value):
    from chatbot.compute import share_facts

    found = share_facts(sentence, [word])
    assert (found[0].lo if found else None) == value


def test_a_part_from_its_share_is_computed_and_checked():
    from chatbot.compute import Fact

    evidence = "收入约人民币52.36亿元。中国内地收入占68.0%，欧洲占19.0%，北美占13.0%。"
    total = next(f for f in facts_in(evidence) if f.written[0] == "52.36亿")
    share = Fact(19.0, 19.0, "", "%", ("19.0%", "19.0%"), "欧洲占", set(), evidence, 0, "19.0%")
    calc = calculate("part", total, share)
    assert calc.formulas == ["52.36亿×19.0%≈9.95亿元"]
    assert normalize("9.95亿") in verify_formulas(calc.formulas[0], normalize(evidence))
    assert not verify_formulas("52.36亿×19.0%≈10.95亿元", normalize(evidence))
    assert calculate("part", share, total) == "units"  # a share is never the total


def test_the_other_side_of_a_multiple_takes_the_asked_metric():
    """"A's revenue … how many times that of B": B's figure is B's revenue."""
    dq = read_derived("Zhipu's revenue in 2024 was how many times that of MiniMax?", load_glossary())
    assert dq is not None
    assert dq.kind == "multiple"
    assert dq.a.terms[0] == dq.b.terms[0]


@pytest.mark.parametrize(("question", "periods"), [
    ("某影业10月票房环比增长了多少？", [(None, "M10"), (None, "M09")]),
    ("公司2025年第三季度收入环比增长了多少？", [("2025", "Q3"), ("2025", "Q2")]),
    ("How much did the company's revenue grow quarter on quarter in Q1 2025?", [("2025", "Q1"), ("2024", "Q4")]),
    ("公司第一季度收入环比增长了多少？", None),  # a first quarter without its year: the one before is unknown
])
def test_a_sequential_change_is_against_the_period_before(question, periods):
    dq = read_derived(question, load_glossary())
    if periods is None:
        assert dq is None or dq.kind != "growth" or dq.b.period is None
        return
    assert dq is not None
    assert dq.kind == "growth"
    assert [dq.a.period, dq.b.period] == periods


@pytest.mark.parametrize(("title", "side"), [
    ("主要风险", -1),
    ("投资亮点", 1),
    ("增长驱动力", 1),
    ("机遇与挑战", 0),  # both sides named: the heading decides nothing
    ("经营回顾", 0),
    ("Key risks", -1),
    ("Growth drivers", 1),
    ("我对这家公司有三点担心。", -1),  # a short sentence of prose that announces the points after it
    ("当然，也有积极的一面。", 1),
])
def test_a_heading_names_the_side_of_its_points(title, side):
    from chatbot.compose.sections import heading_side

    assert heading_side(title) == side


def test_prose_without_headings_announces_the_side_of_the_paragraphs_after_it():
    """A column with no headings: "有三点担心。" puts the first sentence of each paragraph after it
    on the downside, "也有积极的一面。" the sentence after it on the upside; a note ends the list."""
    from types import SimpleNamespace

    from chatbot.compose.sections import _announced_points
    from chatbot.glossary import Glossary
    from chatbot.models import Chunk
    from chatbot.structure import build_structure

    text = "\n\n".join(["动岭健身门店总数达到412家。", "我对这家公司有三点担心。", "其一，加盟店不好管。口碑受损则流失快。",
                        "其二，同质化竞争。", "当然，也有积极的一面。管理层指引年末门店440家。", "（作者为研究员。）", "其三，不是要点。"])
    chunk = Chunk(id="c:1", doc_id="c", text=text, title="专栏｜动岭健身还能走多远？")
    ctx = SimpleNamespace(glossary=Glossary(aliases={"动岭": "动岭"}))
    points = _announced_points(ctx, build_structure([chunk]).values(), {"动岭"})
    assert [(ln.text, side) for ln, side in points] == [
        ("其一，加盟店不好管。", -1), ("其二，同质化竞争。", -1), ("管理层指引年末门店440家。", 1)]
    assert _announced_points(ctx, build_structure([chunk]).values(), {"别家"}) == []  # another company's article


@pytest.mark.parametrize(("kind", "path", "title", "text", "short", "side"), [
    # a list under a short section headed by one side: its items are on that side, whatever their words
    ("list", ["某公司深度报告", "需要警惕的地方"], "需要警惕的地方", "海外订单确认节奏", True, 0),  # no side named, no stance words
    ("list", ["某公司深度报告", "潜在风险"], "潜在风险", "新产能投放领先同行", True, -1),
    ("list", ["某公司深度报告", "潜在风险"], "潜在风险", "新产能投放领先同行", False, 1),  # a long section: its words
    ("list", ["某公司深度报告", "前景分析"], "值得关注的风险如下", "大客户订单恢复", False, -1),  # the announcing line
    ("para", ["某公司深度报告", "前景分析"], "前景分析", "机会在于：下沉市场门店仍在扩张。", False, 1),  # its own label
    ("para", ["某公司深度报告", "潜在风险"], "潜在风险", "公司门店数量保持增长。", True, 1),  # plain prose: its words
])
def test_a_point_takes_its_side_from_its_label_heading_or_words(kind, path, title, text, short, side):
    from chatbot.compose.sections import _line_side
    from chatbot.models import Chunk
    from chatbot.structure import Block, Line

    chunk = Chunk(id="c", doc_id="d", text=text, headings=path)
    block = Block("d", path, kind, title, [Line(text, text, chunk)])
    assert _line_side(block, block.lines[0], {tuple(path)} if short else set()) == side


@pytest.mark.parametrize(("sentence", "rating"), [
    ('我们上调至"买入"评级，对应2026年15倍市盈率。', True),
    ("维持“增持”评级。", True),
    ("给予目标价32.5元。", True),
    ("评级：持有", True),
    ("We reiterate our Overweight rating on the stock.", True),
    ("公司上半年收入增长12%。", False),
    ("投资者买入意愿增强。", False),
])
def test_a_rating_sentence_is_a_sections_key_point(sentence, rating):
    from chatbot.compose.sections import _salience

    assert (_salience(sentence, []) >= 100) == rating


@pytest.mark.parametrize(("heading", "kept"), [
    ("结论", True), ("五、结论与建议", True), ("核心观点", True), ("投资建议", True), ("Conclusion", True),
    ("Bottom line", True), ("风险提示", False), ("业绩回顾", False), ("观点对比", False),
])
def test_a_summary_keeps_its_concluding_sections(heading, kept):
    from chatbot.compose.sections import _NUMBERING

    assert bool(re.search(reader_config()["structure"]["summary_keep_heading"], _NUMBERING.sub("", heading), re.I)) == kept


@pytest.mark.parametrize(("key", "text", "told"), [
    # a question about spending money raised
    ("plan_question", "这笔增发融资打算怎么用？", True),
    ("plan_question", "募集资金的用途是什么？", True),
    ("plan_question", "How will the company use the proceeds from the share sale?", True),
    ("plan_question", "Where will the money from the placement go?", True),
    ("plan_question", "公司是如何实现扭亏的？", False),
    ("plan_question", "How does the company make its products?", False),
    # a sentence stating a plan's shares
    ("plan_cue", "所得款项净额约60%将用于扩充产能，30%用于偿还贷款。", True),
    ("plan_cue", "募集资金拟用于海外门店建设。", True),
    ("plan_cue", "About 70% will go to new stores and the rest to working capital.", True),
    ("plan_cue", "毛利率提升2.1个百分点至35%。", False),
    ("plan_cue", "公司收入同比增长15%，主要用户来自华东。", False),
])
def test_money_raised_and_its_plan_are_told(key, text, told):
    assert bool(re.search(reader_config()["structure"][key], text, re.I)) == told


@pytest.mark.parametrize(("paragraph", "sentence", "asked", "about"), [
    # a sentence that names no company is about the one its paragraph named before it
    ("乙公司是三家中唯一利润下滑的。它的成本主要受原料涨价拖累。", "它的成本主要受原料涨价拖累。", "乙公司", True),
    ("乙公司是三家中唯一利润下滑的。它的成本主要受原料涨价拖累。", "它的成本主要受原料涨价拖累。", "甲集团", False),
    ("它的成本主要受原料涨价拖累。乙公司则不同。", "它的成本主要受原料涨价拖累。", "甲集团", True),  # none before it: the title's
    ("甲集团收入增长。乙公司的成本受原料涨价拖累。", "乙公司的成本受原料涨价拖累。", "甲集团", False),  # its own name first
])
def test_a_sentence_is_about_the_company_its_paragraph_named_before_it(paragraph, sentence, asked, about):
    from types import SimpleNamespace

    from chatbot.compose.base import Entry
    from chatbot.compose.sections import _line_about
    from chatbot.glossary import Glossary
    from chatbot.models import Chunk

    glossary = Glossary(aliases={"甲集团": "甲集团", "乙公司": "乙公司"}, companies={"甲集团", "乙公司"})
    chunk = Chunk(id="c", doc_id="d", text=f"- {paragraph}\n- 另一条。", title="甲集团中期业绩点评", headings=["甲集团中期业绩点评", "业绩回顾"])
    ctx = SimpleNamespace(glossary=glossary)
    assert _line_about(ctx, Entry(sentence, [chunk], [sentence]), {asked}) == about  # type: ignore[arg-type]


@pytest.mark.parametrize(("sentence", "written", "period"), [
    # a clause of last year's figure is of the year before the sentence's period
    ("2025年上半年甲公司收入12.0亿元，而上年同期为收入10.5亿元", "10.5亿", ("2024", "H1")),
    ("2025年上半年甲公司收入12.0亿元，而上年同期为收入10.5亿元", "12.0亿", ("2025", "H1")),
    # a period named after a comparison word is the compared one; the next clause speaks of the sentence's
    ("截至9月底共有网点530家，较年初新增41家，其中自营网点302家", "302", (None, "M09-end")),
])
def test_a_figures_period_is_the_one_its_clause_speaks_of(sentence, written, period):
    f = next(f for f in facts_in(sentence) if f.written[0] == written)
    assert f.periods == {period}


@pytest.mark.parametrize(("question", "kind", "a_terms", "b_terms", "b_period", "also"), [
    # "达到…的多少": one figure for two periods
    ("今年上半年的营业收入已经达到2024年全年的多少？", "share", ["收入"], ["收入"], ("2024", None), []),
    # the whole is all of its noun, the part one kind of it
    ("自营网点占所有网点的比例是多少？", "share", ["自营网点"], ["网点"], None, []),
    # "同期": the other operand's period, no term of its own
    ("2024年的研发开支是同期营收的几倍？", "multiple", ["研发开支"], ["收入"], ("2024", None), []),
    # a difference asked with no unit is given in percent too; with a unit, not
    ("新发行价比上次配售价贵了多少？", "difference", ["发行价"], ["配售价"], None, ["growth"]),
    ("新发行价比上次配售价贵了多少港元？", "difference", ["发行价"], ["配售价"], None, []),
    # "relative to": a multiple of the second; "the same period" is the first one's
    ("How big was the 2024 net loss relative to revenue in the same period?", "multiple", ["亏损"], ["收入"], ("2024", None), []),
])
def test_a_derived_question_is_read_into_its_operands(question, kind, a_terms, b_terms, b_period, also):
    dq = read_derived(question, load_glossary())
    assert dq is not None
    assert dq.kind == kind
    assert all(any(t in a or a in t for g in dq.a.terms for a in g) for t in a_terms), dq.a.terms  # (as jieba cuts them)
    assert all(any(t in a or a in t for g in dq.b.terms for a in g) for t in b_terms), dq.b.terms
    assert not any("同期" in a for g in dq.b.terms for a in g)
    assert dq.b.period == b_period
    assert dq.also == also


@pytest.mark.parametrize(("title", "lead"), [
    ("青禾乳业（2110.HK）首次覆盖：低温奶放量，给予增持", "青禾乳业"),
    ("华屹物流: 三季度点评", "华屹物流"),
    ("辰星软件 | 年报速评", "辰星软件"),
    ("两家航司中期业绩对比", "两家航司中期业绩对比"),  # no lead: the whole headline
])
def test_a_headline_names_its_subject_before_its_first_colon_or_bracket(title, lead):
    """A latest answer about one company takes the sentences of a document whose headline leads with it."""
    from chatbot.compose.figures import headline_lead

    assert headline_lead(title) == lead


@pytest.mark.parametrize(("rows", "limit", "line"), [
    # the rows whole when they fit, else each row's head and first cell; a head may hold a full-width colon
    (["门店总数:2025年6月30日9,862家;2024年12月31日9,437家", "其中：直营门店:2025年6月30日6,915家;2024年12月31日6,702家"], 160,
     "门店总数:2025年6月30日9,862家;2024年12月31日9,437家；其中：直营门店:2025年6月30日6,915家;2024年12月31日6,702家"),
    (["门店总数:2025年6月30日9,862家;2024年12月31日9,437家", "其中：直营门店:2025年6月30日6,915家;2024年12月31日6,702家"], 70,
     "门店总数:2025年6月30日9,862家；其中：直营门店:2025年6月30日6,915家"),
    (["热管理系统:21.08——+35.2%——40.3%", "内外饰件:13.83——+5.6%——26.4%"], 40, "热管理系统:21.08；内外饰件:13.83"),
    # too long for the line: the heads only, whole
    (["门店总数:2025年6月30日9,862家;2024年12月31日9,437家", "其中：直营门店:2025年6月30日6,915家;2024年12月31日6,702家"], 30,
     "门店总数；其中：直营门店"),
])
def test_a_summary_line_of_a_table_gives_each_rows_first_figure_when_it_fits(rows, limit, line):
    from chatbot.compose.sections import _block_line
    from chatbot.models import Chunk
    from chatbot.structure import Block, Line

    chunk = Chunk(id="t:1", doc_id="t", text="\n".join(rows))
    block = Block("t", ["公告", "门店网络"], "table", "门店网络", [Line(r, r, chunk) for r in rows], header=["项目", "2025年6月30日"])
    entry = _block_line(block, limit)
    assert entry is not None
    assert entry.text == line
