"""Reader questions about ingested news articles, not the report (tests/reader_questions_5.jsonl,
written before the engine was run on them): a summary of an article, why its figure moved, how
its company makes money, its risks, a derived figure, its conclusion; and the dev-6 reader
questions over dev-6's … dev-16's articles. The dev-5, dev-3, dev-6 … dev-16 articles are
ingested beside the
bundled corpus and corpus-extra. A question the engine still
gets wrong is an xfail(strict) with the reason."""

from __future__ import annotations

import json
import shutil

import pytest

from support import CORPUS_EXTRA, ROOT, assert_reader_answer, corpus_ids, make_settings, question_params

DATA = CORPUS_EXTRA.parent
def _load(path) -> list[dict]:
    return [json.loads(ln) for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]


# reader_questions_5, and the dev-6 reader questions over dev-6's own articles (the session-5
# hidden set, written blind; those over the bundled corpus are in test_reader.py)
DEV6 = DATA / "dev-6"
DEV7 = DATA / "dev-7"  # the session-6 hidden set, opened in session 7: its questions over its own articles
DEV8 = DATA / "dev-8"  # the session-7 hidden set, opened in session 8: the same
DEV9 = DATA / "dev-9"  # the session-8 hidden set, opened in session 9: the same
DEV10 = DATA / "dev-10"  # the session-9 hidden set, opened in session 10: the same
DEV11 = DATA / "dev-11"  # the session-10 hidden set, opened in session 11: the same
DEV12 = DATA / "dev-12"  # the session-11 hidden set, opened in session 12: the same
DEV13 = DATA / "dev-13"  # the session-12 hidden set, opened in session 13: the same
DEV14 = DATA / "dev-14"  # the session-13 hidden set, opened in session 14: the same
DEV15 = DATA / "dev-15"  # the session-14 hidden set, opened in session 15: the same
DEV16 = DATA / "dev-16"  # the session-15 hidden set, opened in session 16: the same
DEV17 = DATA / "dev-17"  # the session-16 hidden set, opened in session 17: the same
DEV18 = DATA / "dev-18"  # the session-17 hidden set, opened in session 18: the same
DEV19 = DATA / "dev-19"  # the session-18 hidden set, opened in session 19: the same
DEV20 = DATA / "dev-20"  # the session-19 hidden set, opened in session 20: the same
DEV21 = DATA / "dev-21"  # the session-20 hidden set, opened in session 21: the same
DEV22 = DATA / "dev-22"  # the session-21 hidden set, opened in session 22: the same
DEV23 = DATA / "dev-23"  # the session-22 hidden set, opened in session 23: the same
DEV24 = DATA / "dev-24"  # the session-23 hidden set, opened in session 24: the same
DEV25 = DATA / "dev-25"  # the session-24 hidden set, opened in session 25: the same
DEV26 = DATA / "dev-26"  # the session-25 hidden set, opened in session 26: the same
DEV27 = DATA / "dev-27"  # the session-26 hidden set, opened in session 27: the same
DEV28 = DATA / "dev-28"  # the session-27 hidden set, opened in session 28: the same
QUESTIONS = _load(ROOT / "tests" / "reader_questions_5.jsonl") + [
    q for dev in (DEV6, DEV7, DEV8, DEV9, DEV10, DEV11, DEV12, DEV13, DEV14, DEV15, DEV16, DEV17,
                DEV18, DEV19, DEV20, DEV21, DEV22, DEV23, DEV24, DEV25, DEV26, DEV27, DEV28)
    for q in _load(dev / "reader_questions.jsonl")
    if set(q["expected_sources"]) <= corpus_ids(dev / "corpus")]

KNOWN_FAILURES: dict[str, str] = {
    # dev-6 (the session-5 hidden set, written blind), over its own articles
    "h3-r31": "why 信义光能's profit fell: the price sentence is quoted, not the gross-margin sentence before it in the same line",
    "h3-r40": "follow-up '新奥能源呢' (新增居民接驳) resolves, but the table row states no period and the look-up refuses",
    "h3-r42": "an English share of a nine-month total (trans-Pacific volume): refused as naming no indexed document",
    "h3-r43": "'all the other businesses combined' (a complement of a part): no derived form for it; a look-up of 其他",
    "h3-r47": "the set labels '九毛九2025年全年净利润' latest (a period not yet reported); answered as a look-up that says "
              "the figure is missing",
    # dev-7 (the session-6 hidden set, opened in session 7), over its own articles: failures at the session-7 start
    "h4-r34": "English summary of Onewo's interim results: right on the dev-7 index (eval), but beside the dev-3/5/6 articles "
              "another results article (翰森制药's) is chosen: 'Onewo' is no catalogued name, only a word of the text",
    "h4-r36": "English risks of the two companies of a column: other articles' risk lists are quoted",
    "h4-r53": "English follow-up why ('its gross margin'): the company is not carried; other articles' reasons",
    "h4-r55": "the set expects a not-yet-reported quarter as latest; read as a look-up that says what is known",
    # dev-8 (the session-7 hidden set, opened in session 8), over its own articles: failures at the session-8 start
    "h5-r35": "黛研美妆上半年利润为什么下滑？ — wrong sentence chosen: '投流|销售费用|达人' in retrieved passage #1",
    "h5-r37": "迅邦快递的单票收入为什么回升？ — wrong sentence chosen: '反内卷|价格企稳' in retrieved passage #1; '高时效' in retrieved passage #2",
    "h5-r44": "黛研比它高多少？ — wrong sentence chosen: '44.9%' in retrieved passage #4",
    "h5-r46": "从文章看，澜肌生物的优势和隐忧分别是什么？ — wrong sentence chosen: '大单品|单一' in retrieved passage #2",
    # dev-9 (the session-8 hidden set, opened in session 9), over its own articles: failures at the session-9 start
    "h6-r48": "和省外比呢？ — the eval (dev-9 index) counts it right; beside the dev-3/5/6/7/8 articles the test finds: intent read as lookup, the set says comparison",
    "h6-r54": "星幕影业11月票房环比增长多少？ — the eval (dev-9 index) counts it right; beside the dev-3/5/6/7/8 articles the test finds: intent read as lookup, the set says derived",
    # dev-10 (the session-9 hidden set, opened in session 10), over its own articles: failures at the session-10 start
    "h7-r54": "What transaction volume did Youchi Used Cars act… — missed refusal: answered from news-105 although the corpus has no answer",
    # dev-11 (the session-10 hidden set, opened in session 11), over its own articles: failures at the session-11 start
    # dev-12 (the session-11 hidden set, opened in session 12), over its own articles: failures at the session-12 start
    "h9-r25": "What was MiniMax's revenue for the full year 2025? — the eval (dev-12 index) counts it right; beside the dev-3, dev-5 … dev-11 articles the test finds: intent read as lookup, the set says latest",
    "h9-r50": "清衡环境的看点和风险分别是什么？ — wrong sentence chosen: '派息|资本开支|自由现金流' in retrieved passage #1; '国补|补贴' in retrieved passage #3",
    # dev-13 (the session-12 hidden set, opened in session 13), over its own articles: failures at the session-13 start
    "h10-r31": "Summarise Frostline Foods' interim results. — wrong sentence chosen: '预制菜' in retrieved passage #2",
    "h10-r32": "那篇比较四家PCB厂商的文章主要讲了什么？ — wrong sentence chosen: '收入结构' in retrieved passage #3",
    # dev-14 (the session-13 hidden set, opened in session 14), over its own articles: failures at the session-14 start
    "h11-r28": "帮我定一下：我应该拿多少比例的积蓄买智谱？顺便给个目标价。 — the eval counts it right; in this test's index: AssertionError: assert 'lookup' == 'advice'",
    "h11-r31": "What net profit did Unisound report in its audit… — the eval counts it right; in this test's index: AssertionError: assert 'lookup' == 'latest'",
    "h11-r34": "Summarize the rest of that announcement. — wrong sentence chosen: '18.7万' in retrieved passage #3; '1.45' only in non-retrieved chunks of news-144",
    "h11-r40": "Why? — false refusal: '去库存' only in non-retrieved chunks of news-140, news-149; '关税' only in non-retrieved chunks of news-149",
    "h11-r47": "蓝汐邮轮的载客率超过了100%，这个载客率是按什么口径算的？ — the eval counts it right; in this test's index: AssertionError: assert 'lookup' == 'definition'",
    "h11-r52": "By how much did Frostway Logistics' East China r… — false refusal: '10688' not found in the corpus as written (check the question set)",
    "h11-r58": "Should I move my savings into Tervalle Luggage s… — the eval counts it right; in this test's index: AssertionError: assert 'lookup' == 'advice'",
    "h11-r59": "驰萤电动和枫渡文旅我该买哪个？直接给我个建议。 — missed refusal: answered from news-145, news-147 although the corpus has no answer",
    # dev-15 (the session-14 hidden set, opened in session 15), over its own articles: failures at the session-15 start
    "h12-r25": "云知声经审计的2025年年报里，大模型业务收入最终是多少？ — intent read as lookup, the set says latest (a figure to refuse: refused)",
    "h12-r42": "What is basis trading, as explained in the Hongche… — intent read as lookup, the set says definition (a term an article explains)",
    "h12-r52": "今年一季度呢？ — intent read as lookup, the set says latest (a follow-up to refuse: refused)",
    # dev-16 (the session-15 hidden set, opened in session 16): failures after the session-16 look-up fixes
    "h13-r05": "Give me a short summary of Velorain Cycles' FY2025… — missing 51.5%: the summary's section lines leave out the e-bike share",
    "h13-r10": "What is the article's bottom line on the three Hong Kong coatings stocks? — the conclusion of another article "
               "(news-106): no document writes a dictionary form of 'coatings' (涂层, 覆膜; the article writes 涂料, 'paint'), "
               "and the article is found only when the retriever happens to rank one of its chunks among the first",
    "h13-r29": "璐付科技所说的综合费率是怎么计算的？ — intent read as how, the set says definition (dev-8 h5-r49 reads '存货周转天数是怎么计算的' as how: the sets disagree; how is kept)",
    "h13-r25": "What are the positives and negatives in Maiyue Ent… — missing 58.6%: the English pros-and-cons lists leave out the KTV revenue share",
    "h13-r34": "Compare November toll revenue growth across Qiaoto… — missing 江北环线, 6.7%, 0.8%: the comparison across one company's four roads quotes the opening lines, not the table by road",
    "h13-r40": "So how many percentage points did it drop? — missing 30.1%, 32.6%, 2.5: the follow-up's percentage-point change is read of another figure (the acoustic pianos' line)",
    # dev-17 (the session-16 hidden set, opened in session 17): failures after the session-17 fixes
    "h14-r09": "What is the bottom line of the explainer on the three … — missing 提高利用率 / 提高客单价 / 扩大覆盖面: the conclusion quotes another explainer's last section",
    "h14-r12": "为什么毛利率会往下走？ — missing 薪酬, 5.4%: the why follow-up quotes a drivers list, not the guards' pay rise",
    "h14-r19": "How is 良缘禧事 coping with the decline in weddings? — missing 谢师宴, 非婚宴: the how answer quotes the revenue row, not the strategy sentence",
    "h14-r24": "焰盾消防北美业务占比提高，是好事还是坏事？ — intent read as derived (占比), the set says pros_cons",
    "h14-r32": "良缘禧事、鸾庭婚礼、佳偶汇三家上半年收入增速各是多少？ — intent read as derived (增速), the set says comparison (the growth row is answered)",
    "h14-r34": "Compare Hengzhun Testing's industrial and new-ener… — refused: a comparison of two of one company's segments finds no figure of each",
    "h14-r35": "比较一下腾讯混元和阿里通义千问的大模型收入。 — to refuse: the comparison quotes the sentences naming both models, which give no revenue",
    "h14-r40": "其中雪票及季卡收入占比多少？ — missing 12.58亿, 53.3%: the share's part (6.71亿) is found, the fiscal year's total is not",
    "h14-r53": "高瓴资本在MiniMax的持股比例是多少？ — intent read as derived (比例), the set says lookup",
    "h14-r56": "浔海水产的市销率是多少？ — intent read as lookup, the set says derived (a ratio of a company no document holds: refused)",
    # dev-18 (the session-17 hidden set, opened in session 18): failures after the session-18 fixes
    "h15-r04": "用几句话概括晟伏电气的三季报。 — missing 38.62亿 / 4.15亿: the summary's section lines quote the segment table, not the quarter's revenue and profit",
    "h15-r10": "What does the sanitary-ware explainer conclude … — missing 零售翻新 / 海外市场: the conclusion quotes the report's last section, not the explainer's",
    "h15-r25": "What are the strengths and the key risks for Shengfu Electric … — missing 第二增长曲线: the English strengths list is empty, the risks are quoted",
    "h15-r38": "比10月多卖了多少辆？ — the follow-up is carried (远骋客车11月客车销量比10月…), but 销量 is not read in '当月销售客车4,862辆': no difference computed",
    "h15-r50": "So is it a buy at this point? — missing 15.7% / 212天: the advice follow-up's neutral comparison does not quote the profit fall or the inventory days",
    # dev-19 (the session-18 hidden set, opened in session 19): failures after the session-19 fixes
    "h16-r10": "为什么沅渠流体三季度毛利率创了新高？ — missing 核电及高端阀门 / 3.4个百分点: the why answer quotes the core-view line, not the section whose heading says the valves lifted the margin",
    "h16-r21": "What are the pros and cons of Pledgora's heavy exposure to gold collateral? — missing 71.4%: the upside list quotes the revenue lines, not the gold collateral's share",
    "h16-r31": "Which grew faster in the first half at Beiyuan Life: cord-blood storage or MSC storage? — missing 7.9%: the comparison quotes the MSC sentences, not the cord-blood revenue row",
    "h16-r35": "按匣安仓储2025财年收入和新的增长指引，2026财年收入大约落在什么区间？ — missing 7.52亿: a figure grown by a guided range is no computation the engine makes",
    "h16-r42": "What is the latest monthly operating update from Xiugu Biotech? — refused in this test's index (every dev set's articles); answered over dev-19's own",
    "h16-r46": "Is it a good investment then? — missing 28.6%: the advice follow-up's neutral comparison quotes the filing's last section, not the net debt ratio",
    # dev-20 (the session-19 hidden set, opened in session 20): failures after the session-20 fixes
    "h17-r25": "What are the pros and cons of relying on barrelled water? — 'barrelled water' translates to no word the "
               "documents write (桶装水), and the follow-up carries nothing of the answer before: the report's lists are quoted",
    "h17-r40": "What net margin did Candrivo earn in fiscal 2025? — computed ≈11.0% from the sentences' 5,214万美元 and "
               "4.736亿美元; the set writes the table's 473.6",
    "h17-r41": "芮坪智能前三季度欧洲以外地区的收入合计是多少？ — the complement of a part (the total less Europe) is no "
               "computation the engine makes: the regions' sentence is quoted",
    # lost in session 21 (this test's index only: over dev-14's own articles the start code gives no downside either)
    "h11-r43": "锂朔循环有哪些优势，这个行业又有哪些风险？ — missing 小作坊: the industry's risk paragraph no longer ranks among "
               "the blocks the pros-and-cons answer reads in the index of every dev article (the retrieval changes of "
               "session 21 together move it; no single one does)",
    # dev-21 (the session-20 hidden set, opened in session 21): failures after the session-21 fixes
    "h18-r10": "What is the explainer's bottom line on how to tell the three Hong Kong titanium dioxide stocks apart? — in "
               "this test's index (every dev set's articles) another explainer's last section is quoted; right over dev-21's",
    "h18-r15": "为什么帧趣科技10月海外充值流水下滑了？ — the premise is false (the documents give no fall): the overseas "
               "business's lines are quoted as reasons, not refused",
    "h18-r19": "漆然车护打算怎么完成上调后的全年开店目标？ — missing 70至80家: the plan's sentence writes 新开门店, which the "
               "question's 开店 does not find",
    "h18-r25": "What are the positives and the risks in Yulun Precision's third-quarter print? — missing 25.3%: the upsides "
               "are the segment table's rows (its heading '双轮驱动' names a driver), not the core-view list",
    "h18-r39": "其中四川电站的发电量占了多大比例？ — not computed: the follow-up keeps 四川电站 but not the month's total "
               "output as the whole",
    # lost in session 23 when dev-23's articles joined this test's index (the session-22 code fails it there too)
    "h27-r34": "Which grew faster in 1H25, store-session revenue or script licensing? — one row given on this index "
               "(both rows on dev-28's own index): 'store-session' is not read as 门店场次",
    # lost in session 28 when dev-28's articles joined this test's index (not narrowed)
    # dev-28 (the session-27 hidden set, opened in session 28): failures after the session-28 fixes (on this index of
    # every dev set's articles)
    "h27-r04": "用几句话总结一下牧渡航运这次境外债务重组方案。 — the summary's section lines give the instruments' names, not "
               "their principals (252.0, 105.0)",
    "h27-r10": "What did Lumivra's board conclude about any disagreement with the outgoing auditor…? — the conclusion "
               "quotes the article's last section, not the board's confirmation of no disagreement",
    "h27-r13": "盔睿科技的股价1月7日为什么突然大涨？公司怎么解释？ — the reasons quote the announcement and the daily table, "
               "not the industry news (强制性国家标准) the board points to",
    "h27-r14": "Why is Sangqi Silk leasing a new factory rather than building its own? — the reasons quote the relocation "
               "and the capex saving, not the land resumption (收储) and its 0.92亿 compensation",
    "h27-r24": "What are the upsides and downsides of Tangheng Medical's planned A-share listing? — the lists quote the "
               "results, not the article's reasons (拓宽融资渠道) and the A/H price gap risk",
    "h27-r28": "什么是“非常重大收购”？燕珀这笔交易为什么会被归入这一类？ — read as why (the set says definition)",
    "h27-r33": "嶂钨的三座矿山里，哪座产量增长最快？哪座入选品位最高？ — read as a look-up (the set says comparison)",
    "h27-r38": "桑綦丝绸这份十年租约，租金合计一共要付多少？ — read as a look-up: a stepped rent over three bands of years "
               "is not summed",
    "h27-r41": "按云知声2025年的净利润算，它现在的市盈率是多少？ — refused as it should be, but read as a look-up (the set "
               "says derived)",
    "h27-r49": "那我手上的嶂钨股票还要继续拿着吗？ — read as conclusion (the set says advice): the follow-up's 继续拿着 is no "
               "advice cue",
    "h27-r50": "Are Bovara Marine's notes worth buying at this point? — the neutral comparison quotes the article's last "
               "section, not the utilisation and cash figures",
    "h27-r54": "Walora Nest一共有多少座燕屋？ — refused: the swiftlet-house table sits under a heading naming no company in "
               "the buyer's announcement whose title names both (as h27-q14)",
    # dev-27 (the session-26 hidden set, opened in session 27): failures after the session-27 fixes (on this index of
    # every dev set's articles)
    "h26-r27": "云知声2026年第一季度收入多少？ — refused as it should be, but read as a look-up (the set says latest)",
    "h26-r34": "Summarise what happened at Strollane's extraordinary general meeting. — the summary's section lines quote the "
               "first resolution's votes, not each resolution's percentage",
    "h26-r35": "宁愫医疗这次复牌公告的结论是什么？审计问题解决了吗？ — the conclusion quotes the resumption lines, not the new "
               "auditor's unqualified opinion (无保留意见)",
    "h26-r36": "What did Purivo conclude about whether its commercial water unit met the FY2025 profit guarantee? — the "
               "conclusion quotes the guarantee clause, not the table's 75.5% and the compensation",
    "h26-r40": "How does the interest margin on Cuixiang's syndicated loan move with its sustainability performance? — the "
               "how answer quotes the facility lines, not the margin step (0.05, 1.65%)",
    "h26-r41": "蔬穹农业和超市成立合资公司，有哪些好处，又有哪些风险？ — the pros and cons quote the revenue lines, not the "
               "offtake (60%) and the capacity (3,800吨)",
    "h26-r42": "What are the pros and cons of Strollane buying the Monterrey plant…? — refused: 'Monterrey' is read as a "
               "company no document names (the article writes 蒙特雷, which no dictionary gives)",
    "h26-r44": "Which assets count as eligible under Cargolyn's green financing framework? — read as a look-up (the set says "
               "definition): the use-of-proceeds table is not quoted",
    "h26-r45": "霆压机电几类压缩机前三季度的销量增速相比，哪一类最快？ — read as derived (the set says comparison): the growth "
               "rows are quoted without the fastest (40.4%)",
    "h26-r52": "磐烁民爆现在值得买入吗？ — the neutral comparison quotes the article's last section, not the net cash and the "
               "interim dividend",
    "h26-r53": "Is 霆压机电 still a sensible investment given how much cash it has parked in wealth-management products? — the "
               "neutral comparison quotes the outstanding principal, not the total (6.5亿) and the size test (7.8%)",
    "h26-r55": "How many tonnes of leafy greens did Leafrise produce in the first half of its FY2026? — refused: 'leafy "
               "greens' (叶菜) is in no lexicon",
    # dev-26 (the session-25 hidden set, opened in session 26): failures after the session-26 fixes (on this index of
    # every dev set's articles)
    "h25-r04": "概括一下碛原绒业分拆绒栖服饰的方案。 — the summary's section lines leave out the retained 70%",
    "h25-r08": "漱晏日化认为这次召回对公司影响大不大？ — read as a look-up (the set says conclusion): the board's view is "
               "quoted, not the after-tax impact (1,100万)",
    "h25-r19": "澐雾科技打算怎样应对美国关税上调？ — the how answer quotes the tariff lines, not the relocation to Batam (70%, "
               "900万美元)",
    "h25-r24": "簃阅科技这次股份奖励对股东有哪些好处和代价？ — the pros and cons quote the vesting table, not the board's reasons "
               "and the dilution",
    "h25-r25": "What positives and risks does the broker see for Eaveson? — the risks line is the heading '五、风险提示', not "
               "its text (美国关税)",
    "h25-r30": "What does the asset-light model mean in Tenonly's announcement? — refused: the definition sits in a bracket "
               "after 轻资产模式, which no English term names",
    "h25-r33": "翼澄航空工程哪个维修基地到2028年新增机位最多？ — read as a look-up (the set says comparison): no rows' difference "
               "is computed",
    "h25-r39": "What upside does that target imply from the current price? — read as latest ('current'); the history names "
               "no target price",
    "h25-r49": "澐雾科技受美国关税冲击，现在还适合投资吗？ — the neutral comparison quotes the tariff lines, not the US share "
               "of revenue (44.0%)",
    "h25-r50": "岐苓药业集采中选了，值得买入吗？ — the neutral comparison quotes the nine-month figures, not the award (17个, "
               "4.86亿)",
    # dev-25 (the session-24 hidden set, opened in session 25): failures after the session-25 fixes (on this index of
    # every dev set's articles; r40 and r52 are answered on dev-25's own index)
    "h24-r28": "云知声经审计的2025年年报里，大模型业务收入最终是多少？ — refused as it should be, but read as a look-up: the set "
               "says latest",
    "h24-r35": "从鋐框精密的公告看，公司对最大客户的依赖是在加深还是减轻？ — read as a look-up (the set says conclusion): the "
               "target sentence is quoted, not the share's rise from 31.6%",
    "h24-r39": "珩罐包装卖给珩泉啤酒的罐体价格是怎么定的？ — the how answer quotes the agreement's opening lines, not the pricing "
               "policy (铝材成本加加工费) under its own heading",
    "h24-r40": "How will Thermavera use the proceeds of its rights issue? — on this index the terms table is quoted, not the "
               "use-of-proceeds table (412 / 168 / 130)",
    "h24-r41": "代价怎么支付？ — the follow-up is read as pros and cons (代价, a cost), the set says how",
    "h24-r42": "参与汤岫温泉这次供股，对小股东有什么好处和风险？ — missing 22.0%: the discount to the last close is no upside "
               "word's",
    "h24-r43": "舸拓海事出售湛江拖轮公司股权有哪些利弊？ — missing 40%: the stake kept is not quoted on either side",
    "h24-r45": "What is the 'theoretical ex-rights price' …, and how does the subscription price compare with it? — two "
               "intents in one: read as comparison, the set says definition",
    "h24-r46": "眠垣家居2025年下半年各省份里，哪个同店销售增长最快、哪个最差？ — read as a look-up: the rows are quoted, the "
               "slowest province (湖北, -1.2%) is not picked out",
    "h24-r49": "… what price-to-book multiple does the consideration imply for 100% of the tug company …? — read as a look-up: "
               "a multiple of a grossed-up stake is no computation the engine makes",
    "h24-r50": "那下半年门店数净增长了百分之几？ — the total row is quoted; the growth between its two columns (3.9%) is not "
               "computed",
    "h24-r52": "Any update on when it will restart? — read as a look-up (the set says latest); the restart date is quoted "
               "on dev-25's own index",
    "h24-r54": "Should I take up my Thermavera rights entitlement? — missing 22.0%: the discount is not among the neutral "
               "facts",
    # dev-24 (the session-23 hidden set, opened in session 24): failures after the session-24 fixes (on this index of
    # every dev set's articles; r34 and r39 are answered on dev-24's own index)
    "h21-r28": "智谱和MiniMax谁的2026年全年收入更高？ — missed refusal (2026 is not covered): the listing-date sentence is "
               "quoted",
    "h21-r34": "Summarise Moqiong's latest disclosure-of-interests filings. — another disclosure article of this index is "
               "summarised beside it; the after-change stakes (10.35%, 6.17%) are not quoted",
    "h21-r37": "诚澍资信为什么上调暖垣热力的评级？ — the rating triggers are quoted first; the fuel-cost figures (912 → 1,036元/吨) "
               "are not",
    "h21-r39": "黛缕控股打算怎么用这次IPO募到的钱？ — on this index another IPO's use of proceeds is quoted",
    "h21-r40": "How does Lubrava plan to cut emissions, and how is its financing tied to ESG targets? — missing 光伏: the "
               "solar sentence is not among the quoted points",
    "h21-r42": "按汐岸证券的点评，鑫驭汽车服务相对同行的长处和短板分别是什么？ — the table's rows for the company (34.2%, -0.6%) "
               "are not read as its strengths and weaknesses",
    "h21-r44": "What is an FBO in Jetmora's business, and how busy were its FBOs in 3Q25? — two intents in one: read as how, "
               "the segment revenue sentence is quoted",
    "h21-r46": "Compare Lurevo's rods and reels segments in 1H FY2026. — 'rods' and 'reels' (钓竿, 渔线轮) are in no "
               "lexicon; the Chinese question is answered",
    "h21-r49": "那新财年最新一个季度的情况呢？ — the fiscal year's figures are quoted, not its new first quarter (4.37亿)",
    "h21-r52": "Is Tressiva's IPO worth subscribing to? — the cornerstone table is quoted, not the price range and the "
               "tariff risk",
    "h21-r58": "How big is 鸥翼航空服务's fleet? — on this index the name is not refused as a peer named in passing",
    # dev-23 (the session-22 hidden set, opened in session 23): failures after the session-23 fixes
    "h20-r34": "Summarise Fairvanta Exhibitions' acquisition of Xiangli Expo. — missing 1.2亿: the earn-out's cap is not "
               "among the summary's lines",
    "h20-r36": "What does Ostivo Medical's correction notice conclude about its trauma product revenue? — the notice's last "
               "section (no change to other figures) is quoted, not the corrected trauma line",
    "h20-r40": "韧盾医疗打算怎样应对美国加征关税？ — the how answer quotes the tariff question's first lines, not the "
               "Thailand plant that takes over US orders",
    "h20-r41": "晴简文具加大派息和回购，有哪些支撑，又有哪些隐忧？ — missing 出生人口下降: the worries are not quoted",
    "h20-r42": "What are the upside and downside cases for Orbixa in the broker's scenario analysis? — missing 12.60: the "
               "bear case's row is not among the downsides",
    "h20-r45": "和三线及以下城市比呢？ — the follow-up is read as a look-up, the set says comparison",
    "h20-r46": "How do Rendun Medical and Ostivo Medical differ as businesses? — the comparison quotes each article's "
               "Q&A and notice lines, not their business descriptions",
    "h20-r47": "瀚链控股上半财年金属拉链收入占总收入的比例是多少？ — refused: 金属拉链 does not find the English table row "
               "'Metal zippers' (the Chinese question about an English article)",
    "h20-r48": "And how much did that grow quarter on quarter? — the follow-up's revenue rows (612,038 / 561,248) are not "
               "computed: the trend sentences are quoted",
    "h20-r52": "Should I buy Inkory shares for the dividend? — missing 21.0港仙 / 1.5亿港元: the neutral comparison quotes "
               "the results, not the dividend and buy-back lines",
    "h20-r57": "What revenue did Tesvan Fasteners report for its latest half year? — read as latest (latest half year), "
               "the set says a look-up to refuse (a competitor named in passing)",
    # dev-22 (the session-21 hidden set, opened in session 22): failures after the session-22 fixes
    "h19-r05": "Give me a quick summary of how the five Hong Kong-listed tea companies did … — 'tea' is an English word no "
               "passage writes: the summary does not find the roundup among every dev set's articles",
    "h19-r10": "What conclusion does the tea-sector roundup draw at the end? — as h19-r05: the report's assessment is "
               "quoted, not the roundup's closing lines",
    "h19-r14": "Why did its profit grow so much faster than its revenue? — missing 3.2个百分点: the why answer quotes the "
               "regions' lines, not the gross-margin sentence",
    "h19-r19": "How will Kyrova split the combined net proceeds …? — intent read as derived (combined), the set says how",
    "h19-r20": "窑甫耐材的上年比较数字是怎么重述的？ — intent read as comparison (比较数字), the set says how",
    "h19-r24": "What are the positives and negatives in Limo Technology's profit warning? — missing 约六成: the positives "
               "are the shipment guidance line, not the line the set expects",
    "h19-r29": "What does that conversion premium mean here? — the follow-up's bond is not carried: the premium and the "
               "conversion price (6.35港元, 15.0%) are not quoted",
    "h19-r35": "隔澈新材和砾膜科技谁的隔膜出货量更大？ — 隔澈新材 is named once, in passing ('龙头隔澈新材等亦在扩产'), but "
               "not in a list of peers: the comparison quotes two sentences stating no shipment of either instead of "
               "refusing (refused in session 25 by a wider rule that cost a blind reader answer)",
    "h19-r40": "So what is that decline in percentage terms? — not computed: a rate from a stated change and the level "
               "after it (1.1 / (17.42 + 1.1)) is no computation the engine makes",
    "h19-r41": "按2026年预测净利润计算，MiniMax的市盈率是多少？ — intent read as lookup, the set says derived (the figure is "
               "absent either way)",
}


# wrong answers that hold the expected facts in one run and not in another (non-strict)
UNSTABLE = {
    "h16-r16": "How does Xiugu plan to absorb the new capacity …? — the how answer quotes the capacity section; the "
               "exports and deep-processing sentences follow in some runs, not in others",
}


@pytest.fixture(scope="module")
def articles_engine(corpus_index, tmp_path_factory):
    from chatbot.engine import Engine
    from ingest.pipeline import ingest

    path = tmp_path_factory.mktemp("articles") / "index"
    shutil.copytree(corpus_index, path)
    report = ingest([CORPUS_EXTRA, DATA / "dev-5" / "corpus", DATA / "dev-3" / "corpus", DEV6 / "corpus", DEV7 / "corpus",
                     DEV8 / "corpus", DEV9 / "corpus", DEV10 / "corpus", DEV11 / "corpus", DEV12 / "corpus",
                     DEV13 / "corpus", DEV14 / "corpus", DEV15 / "corpus", DEV16 / "corpus", DEV17 / "corpus",
                     DEV18 / "corpus", DEV19 / "corpus", DEV20 / "corpus",
                     DEV21 / "corpus", DEV22 / "corpus", DEV23 / "corpus", DEV24 / "corpus", DEV25 / "corpus",
                     DEV26 / "corpus", DEV27 / "corpus", DEV28 / "corpus"],
                    make_settings(path),
                    prune=False,
                    show_progress=False)
    assert not report.failed, report.summary()
    return Engine(make_settings(path))


@pytest.mark.slow
@pytest.mark.parametrize("q", question_params(QUESTIONS, KNOWN_FAILURES, UNSTABLE))
def test_reader_question_on_an_article(articles_engine, q):
    assert_reader_answer(articles_engine.ask(q["question"], q.get("history")), q)
