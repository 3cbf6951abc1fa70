"""Reader questions of the hidden sets once opened (dev-29: written blind in session 28; dev-30: in session 29; dev-31:
in session 30), each
asked of the index its set was written for: the bundled corpus, corpus-extra and the set's ten articles (the same
engines as tests/test_unseen_sets.py). Summaries, conclusions, why and how, pros and cons, definitions, comparisons,
derived figures, the latest figure, advice and look-ups, in Chinese and English, with follow-ups and questions to
refuse. A question the engine still gets wrong is an xfail(strict) with the reason."""

from __future__ import annotations

import json

import pytest

from support import CORPUS_EXTRA, assert_reader_answer, question_params

DATA = CORPUS_EXTRA.parent


def _load(n: int) -> list[dict]:
    path = DATA / f"dev-{n}" / "reader_questions.jsonl"
    return [json.loads(ln) for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]


KNOWN_FAILURES: dict[str, str] = {
    # dev-36 (the session-35 hidden set, opened in session 36): its failures at the end of session 36
    # (and one loss of session 36, not narrowed in time: the whole of the share read as 募资 alone takes the abandoned
    # STAR-market plan's 9.12亿元; with mixed currencies nothing is computed, no figure is wrong)
    "h30-r23": "那次IPO的净额大约占募资总额的百分之几？ — "
               "the answer misses ['64.4%|64%'] (the whole read in 人民币: no computation; a session-36 loss)",
    "h35-r06": "德勤对2026年香港新股市场的结论是什么？ — "
               "the answer misses ['全球前三']",
    "h35-r11": "IDC统计公有云大模型调用量时是怎么界定口径的？ — "
               "the intent is read as definition (the set labels it how)",
    "h35-r15": "18C章所说的“已商业化”公司是什么意思？ — "
               "the answer misses ['2.5亿港元', '特专科技']",
    "h35-r16": "What does the 'pocket-sized IPO' label f… — "
               "the intent is read as lookup (the set labels it definition)",
    "h35-r18": "智谱和MiniMax走的商业化路线有什么不同？ — "
               "the answer misses ['511亿']",
    "h35-r22": "Roughly what percentage of Zhipu's gross… — "
               "the answer misses ['4.0%']",
    "h35-r29": "云知声IPO的发行价是多少？上市首日涨了多少？ — "
               "the intent is read as derived (the set labels it lookup)",
    "h35-r31": "那翠峦半导体呢？ — "
               "the intent is read as derived (the set labels it lookup)",
    "h35-r33": "概括一下Brennvik Seafood来港上市的安排。 — "
               "the answer misses ['NOK 96.40']",
    "h35-r34": "Summarise the antitrust penalty imposed … — "
               "the answer misses ['15日|15 days']",
    "h35-r35": "渥信金融被核数师出具无法表示意见，接下来会怎样？ — "
               "the answer misses ['暂停买卖']",
    "h35-r36": "What does Benyuan Muye expect the debt-t… — "
               "the intent is read as lookup (the set labels it conclusion)",
    "h35-r41": "How does the company plan to cope? — "
               "the answer misses ['槟城|Penang', '9至12个月|9 to 12 months', '复议|reconsideration']",
    "h35-r42": "昕签科技给澈芯微电子当基石投资者，有什么好处，又有什么代价？ — "
               "the answer misses ['六个月']",
    "h35-r43": "What are the upsides and the obligations… — "
               "the intent is read as lookup (the set labels it pros_cons)",
    "h35-r44": "什么叫以介绍方式上市？Brennvik说的第二个主要上市地是什么意思？ — "
               "the answer misses ['No new shares', 'second primary listing', 'fungible']",
    "h35-r45": "What kind of monopoly agreement was Puzh… — "
               "the intent is read as lookup (the set labels it definition)",
    "h35-r53": "觐星光学被公开谴责之后，还值得投资吗？ — "
               "the answer misses ['3.18亿']",
    "h35-r54": "Should I buy Woxin Financial shares now? — "
               "the answer misses ['暂停买卖|suspended', '6.84%']",
    "h35-r56": "When does Chexin list, and how long is t… — "
               "refused (or only what is known is said)",
    # dev-35 (the session-34 hidden set, opened in session 35): its failures at the end of session 35
    "h34-r05": "What does Deloitte conclude about Hong Kong's IPO market in … — "
               "refused (or only what is known is said)",
    "h34-r14": "What were the positives and the negatives in Horizon Robotic… — "
               "the answer misses ['65.4%']",
    "h34-r16": "In IDC's report on large-model public cloud services, which … — "
               "the intent is read as lookup (the set labels it definition)",
    "h34-r19": "How did Zhipu and MiniMax compare on their first day of trad… — "
               "the answer misses ['13.17%', '109%']",
    "h34-r21": "云知声这次配售的净额相当于IPO净募资的百分之多少？ — "
               "the answer misses ['93.2%']",
    "h34-r23": "其中第二季度收入占上半年的比例是多少？ — "
               "the answer misses ['59.0%|59%']",
    "h34-r25": "有更新的数据吗？ — "
               "the answer misses ['37.0万亿', '263%']",
    "h34-r28": "Should I buy Unisound shares after the placing? — "
               "the answer misses ['252港元|HK$252', '1.56亿|156 million', '53.3%']",
    "h34-r30": "How many times was Unisound's Hong Kong public offering over… — "
               "the intent is read as derived (the set labels it lookup)",
    "h34-r34": "Give me a quick summary of Amorevo's class-action settlement… — "
               "the answer misses ['does not admit', 'third quarter of 2026']",
    "h34-r35": "肃凝药业怎么判断这封FDA警告信的影响范围？南通工厂会受影响吗？ — "
               "the answer misses ['可能无法进入美国市场', '不受影响']",
    "h34-r41": "晰屏科技花这么多钱冠名体育馆，有什么好处和风险？ — "
               "the answer misses ['回报难以量化']",
    "h34-r42": "What are the strengths and the risks of XSB-217 based on Xis… — "
               "the answer misses ['73.8%', '未发现新的安全性信号|no new safety signal', '2027年下半年|second half of 2027']",
    "h34-r43": "胞膳控股完成De-SPAC后，有哪些积极因素，又有哪些隐忧？ — "
               "the answer misses ['新加坡食品局', '61.3%']",
    "h34-r46": "皙澍生物XSB-217对没用过生物制剂和用过生物制剂的患者，第16周PASI 90应答率差别大吗？ — "
               "refused (or only what is known is said)",
    "h34-r47": "崟塔起重2025财年塔式起重机和履带起重机的收入增速相比如何？ — "
               "the intent is read as derived (the set labels it comparison)",
    "h34-r50": "Carnivita的单位生产成本比胞膳低多少？ — "
               "answered; to be refused",
    "h34-r53": "肃凝药业收到FDA警告信之后，这只股票还能买吗？ — "
               "the answer misses ['2.86亿元', '11.4%', '3,800万元']",
    # dev-34 (the session-33 hidden set, opened in session 34): its failures at the end of session 34
    "h33-r10": "港交所推出的科企专线具体是怎么运作的？ — "
               "the answer misses ['保密形式']",
    "h33-r14": "What were the positives and negatives in SenseTime's 1H25 re… — "
               "the answer misses ['72.7%', '38.5%', '14.8%']",
    "h33-r16": "18C章里说的“已商业化”特专科技公司，收入门槛是怎么定的？ — "
               "the intent is read as how (the set labels it definition)",
    "h33-r19": "智谱和MiniMax上市首日的表现差别有多大？ — "
               "the answer misses ['13.17%']",
    "h33-r24": "按2025年全年净亏损算，云知声的净亏损率是多少？ — "
               "the intent is read as lookup (the set labels it derived)",
    "h33-r26": "What is the latest count of companies queuing for a Hong Kon… — "
               "the answer misses ['350', '13家']",
    "h33-r27": "那最新公布的前三季度数据呢？ — "
               "the answer misses ['44.02亿', '36.8%']",
    "h33-r29": "Given that, is Unisound stock worth buying? — "
               "the answer misses ['4.54亿', '53.3%']",
    "h33-r34": "Give me a quick summary of Xunli Mining's exploration-right … — "
               "the answer misses ['9.36亿', '212%']",
    "h33-r36": "Now that its acquisition has fallen through, what has Xuanbi… — "
               "the intent is read as latest (the set labels it conclusion)",
    "h33-r37": "为什么会亏这么多？ — "
               "the answer misses ['3.2万吨']",
    "h33-r41": "这样送红股对股东有什么好处，又有什么局限？ — "
               "the intent is read as lookup (the set labels it pros_cons)",
    "h33-r42": "What are the upsides and the caveats of Hosielle's Canton Fa… — "
               "the answer misses ['不具法律约束力', '65%']",
    "h33-r43": "文中说的“须予披露交易”是什么意思？渫川疏浚这次为什么属于这一类？ — "
               "the intent is read as why (the set labels it definition)",
    "h33-r44": "What exactly are the treasury shares Aurivo is selling? — "
               "the intent is read as lookup (the set labels it definition)",
    "h33-r49": "聆屿声学这次卖库存股份，比当初回购的平均成本每股高出多少港元？ — "
               "the answer misses ['8.46港元', '1.34港元']",
    "h33-r52": "绛络线束经历罢工之后还值得关注吗？主要有哪些风险？ — "
               "the answer misses ['8%', '11%', '1,850万']",
    "h33-r53": "Should Binqiang's governance problems put me off investing? — "
               "the intent is read as lookup (the set labels it advice)",
    # dev-33 (the session-32 hidden set, opened in session 33): its failures at the end of session 33
    "h32-r05": "So what does Deloitte conclude about Hong Kong's IPO market … — "
               "refused (or only what is known is said)",
    "h32-r10": "港交所的“科企专线”具体提供了哪些便利？ — "
               "the intent is read as lookup (the set labels it how)",
    "h32-r14": "What are the positives and negatives in Horizon Robotics' 1H… — "
               "the answer misses ['65.4%']",
    "h32-r16": "万点研究说云知声是“袖珍IPO”，这是什么意思？ — "
               "the answer misses ['0.89%']",
    "h32-r17": "What is Unisound's Shanhai model? — "
               "the intent is read as lookup (the set labels it definition)",
    "h32-r19": "智谱和MiniMax的IPO估值和商业模式有什么不同？ — "
               "the answer misses ['461亿']",
    "h32-r20": "Compare the first-day share price gains of Biren (壁仞科技) and … — "
               "the answer misses ['75.82%', '8.44%']",
    "h32-r23": "What share of 4Paradigm's 1H25 revenue came in the second qu… — "
               "refused (or only what is known is said)",
    "h32-r25": "按云知声2025年全年净亏损计算，它年末的现金能覆盖几个月的亏损？ — "
               "the intent is read as lookup (the set labels it derived)",
    "h32-r27": "What's the latest on its fundraising? — "
               "the answer misses ['1.92亿港元']",
    "h32-r29": "现在适合买入云知声吗？ — "
               "the answer misses ['增收不增利', '53.3%']",
    "h32-r34": "Summarise Lucidyne's Latin American licensing deal. — "
               "the answer misses ['8% to 14%', '10 years']",
    "h32-r35": "综合来看，镕昶焊材这次为海外附属公司担保的风险大不大？ — "
               "the intent is read as lookup (the set labels it conclusion)",
    "h32-r36": "What's the bottom line of Babei Mining's resource and reserv… — "
               "the answer misses ['1,928万吨|19.28 million', '约可开采11年|11 years']",
    "h32-r37": "宁夏赭杞饮品为什么会走到破产清算这一步？ — "
               "the answer misses ['大幅降价', '收购价上涨', '不足四成']",
    "h32-r43": "韫胶生物公告提到的高新技术企业是什么？要满足哪些条件？ — "
               "the intent is read as lookup (the set labels it definition)",
    "h32-r44": "In Babei Mining's announcement, how do resources differ from… — "
               "the intent is read as comparison (the set labels it definition)",
    "h32-r47": "溥洁环保这期专项计划的入池应收账款余额是优先级证券总规模的多少倍？ — "
               "the answer misses ['6.9亿元', '1.27', '1.12倍']",
    "h32-r48": "What share of Stagora's Spring Festival holiday park revenue… — "
               "the answer misses ['82.0%']",
    "h32-r51": "岜钡矿业值得长期持有吗？ — "
               "the answer misses ['150万至158万吨']",
    "h32-r52": "Is Fibranta worth buying after it joined the photonics fund? — "
               "the answer misses ['失败率高', '3.94亿元', '12.7%']",
    "h32-r53": "它的控股股东持有多少股？占多少？ — "
               "the intent is read as derived (the set labels it lookup)",
    # dev-32 (the session-31 hidden set, opened in session 32): its failures at the end of session 32
    "h31-r03": "Why did revenue fall? — "
               "the answer misses ['5.96', '4.74']",
    "h31-r04": "IDC统计的“公有云大模型调用量”具体指什么？能和沙利文的数据直接比较吗？ — "
               "the intent is read as comparison (the set labels it definition)",
    "h31-r05": "现在适合买入云知声吗？ — "
               "the answer misses ['53.3%']",
    "h31-r07": "按预告区间的中值算，云知声2025年大模型相关收入大约是2024年的多少倍？ — "
               "the answer misses ['11.8倍']",
    "h31-r11": "智谱和MiniMax两条商业化路线各有什么长处和隐忧？ — "
               "the answer misses ['B端', 'C端', '高亏损']",
    "h31-r15": "How will Shenyuan Starch fund the EPC contract, and how are … — "
               "the answer misses ['2亿元']",
    "h31-r17": "概括一下磬萤氟业关于H股全流通的公告。 — "
               "the answer misses ['2026年2月27日']",
    "h31-r19": "那第二季度单季，先知AI平台收入占第二季度总收入的比例是多少？ — "
               "refused (or only what is known is said)",
    "h31-r20": "What's the latest picture of the Hong Kong IPO pipeline at t… — "
               "the answer misses ['350']",
    "h31-r26": "What are the pros and cons for minority shareholders? — "
               "the answer misses ['68.4%', '51.7%', '38.00%']",
    "h31-r31": "Summarise Hydrelix Energy's MOU announcement. — "
               "the answer misses ['70%', 'EUR61.6 million', 'EUR8.5 million', '27 May 2026']",
    "h31-r32": "What share of Wanqing Steel Cable's 1H25 revenue came from m… — "
               "the answer misses ['168,240', '39.5%']",
    "h31-r37": "How does that compare with MiniMax's first day? — "
               "the answer misses ['345港元', '109%']",
    "h31-r38": "What is the bottom line of Maisheng Power's inside-informati… — "
               "the answer misses ['非现金|non-cash']",
    "h31-r39": "From Biren's allotment results, how much went on listing exp… — "
               "the intent is read as lookup (the set labels it derived)",
    "h31-r41": "What does the take-or-pay clause in Quarvella's supply agree… — "
               "the intent is read as lookup (the set labels it definition)",
    "h31-r44": "愈帛医疗拿到两张新注册证，现在值得投资吗？ — "
               "the answer misses ['2026年第二季度', '38.4%']",
    "h31-r47": "Is Shenyuan Starch a buy after the new EPC contract? — "
               "the answer misses ['3.28亿元', '18万吨']",
    "h31-r51": "中金对第四范式2025年中期业绩的总体判断是什么？ — "
               "the answer misses ['先知AI平台', '81.8%']",
    "h31-r56": "邺辉电气这次洪灾理赔，最终对公司2025年业绩意味着什么？ — "
               "the intent is read as lookup (the set labels it conclusion)",
    "h31-r58": "沄益生物的股东贷款资本化具体是怎么操作的？ — "
               "the answer misses ['特别授权']",
    # dev-31 (the session-30 hidden set, opened in session 31): its failures at the end of session 31
    "h30-r05": "According to the IDC coverage, who leads China's AI cloud ma… — "
               "the intent is read as why (the set labels it conclusion)",
    "h30-r09": "港交所的“科企专线”具体给18C、18A的申请人提供了哪些便利？ — "
               "the intent is read as lookup (the set labels it how)",
    "h30-r13": "What are the upsides and downsides of general-mandate placin… — "
               "the answer misses ['20%']",
    "h30-r14": "地平线2025年上半年业绩有哪些亮点，又有哪些隐忧？ — "
               "the answer misses ['65.4%']",
    "h30-r15": "18C章里说的“已商业化”特专科技公司是什么标准？ — "
               "the intent is read as lookup (the set labels it definition)",
    "h30-r16": "What does the 'mini IPO' label mean in Unisound's case? — "
               "the answer misses ['2.2%', '156.098万股|1.56 million shares', '3.2亿港元|HK$320 million']",
    "h30-r26": "云知声现在值得投资吗？ — "
               "the answer misses ['53.3%', '283天']",
    "h30-r27": "Is Black Sesame worth adding to a portfolio after its interi… — "
               "the intent is read as lookup (the set labels it advice)",
    "h30-r32": "Is Sonarix AI a good stock to buy right now? — "
               "the intent is read as latest (the set labels it advice)",
    "h30-r36": "What came out of Basalton's talks with its lenders after the… — "
               "the intent is read as lookup (the set labels it conclusion)",
    "h30-r41": "苔汐食品在漳浦拿地建新基地，有哪些好处，又有哪些风险？ — "
               "the answer misses ['94%', '3.6万吨', '12.4%']",
    "h30-r42": "What are the pros and cons of this for shareholders? — "
               "the answer misses ['恢复派息|resume dividends|resuming dividends', '开曼群岛大法院|Grand Court', '不受影响|not affected|unaffected']",
    "h30-r44": "砺棉保温公告里提到的交叉违约条款是怎么回事？ — "
               "the intent is read as how (the set labels it definition)",
    "h30-r47": "What share of Taixi Foods' 2025 revenue came from seaweed ro… — "
               "the answer misses ['198,600']",
    "h30-r48": "揉憩健康在美国的专利诉讼最新进展如何？ — "
               "the answer misses ['1,840万美元', '永久禁令']",
    "h30-r49": "What is the latest deadline for paying the rest of the land … — "
               "the intent is read as lookup (the set labels it latest): the last day allowed is no latest figure; "
               "the look-up gives the deadline and the deposit",
    "h30-r51": "Is Kneadora a buy after the patent verdict? — "
               "the answer misses ['1.31亿|131 million']",
    # failures at the end of session 30 (measured on these indexes): the intent read otherwise than the set labels
    # it, key facts missing from a composed answer, a derived figure not computed
    "h28-r04": "Give me a short summary of the arbitration award Mo'e Carbon won. — "
               "the answer misses ['Kavrani']",
    "h28-r05": "总结一下珂莓农业秘鲁附属公司引入投资者这笔交易。 — "
               "the answer misses ['3,600万美元', '30%', '70%']",
    "h28-r09": "What do analysts make of Suijing Hotels' rebuttal of the short-sell… — "
               "the intent is read as lookup (the set labels it conclusion)",
    "h28-r10": "毡禾地毯怎么看这次反倾销终裁对自己的影响？ — "
               "the answer misses ['稳定美国客户订单', '土耳其']",
    "h28-r14": "葵禾食品今年1月收入为什么涨得这么快？ — "
               "the answer misses ['24.1%']",
    "h28-r19": "How does Haoning's early redemption of its convertible bonds work? — "
               "the answer misses ['130%', '3.12', '2026年1月12日|12 January 2026']",
    "h28-r22": "What are the pros and cons for an AI company of listing in Hong Kon… — "
               "the answer misses ['20%', '6个月']",
    "h28-r23": "MiniMax上市首日的表现有什么亮点，背后又有什么隐忧？ — "
               "the answer misses ['109%', '1054亿港元', '4.652亿美元']",
    "h28-r25": "这样做对公司和老股东各有什么好处和坏处？ — "
               "the answer misses ['利息支出', '到期偿债压力', '摊薄']",
    "h28-r27": "What does 'mini IPO' mean in Unisound's case? — "
               "the answer misses ['2.2%', '156.098万']",
    "h28-r28": "“增收不增利”是什么意思？为什么这样形容云知声？ — "
               "the intent is read as why (the set labels it definition)",
    "h28-r29": "What makes Kemei's Peru deal a 'deemed disposal'? — "
               "the intent is read as why (the set labels it definition)",
    "h28-r30": "什么是强制性无条件现金要约？泓湾基金为什么必须提出？ — "
               "the intent is read as why (the set labels it definition)",
    "h28-r34": "温屹杯业上半财年各产品线里，哪个增长最快，哪个在下滑？ — "
               "the intent is read as lookup (the set labels it comparison)",
    "h28-r37": "What share of Black Sesame's 1H25 revenue came from autonomous-driv… — "
               "refused (or only what is known is said)",
    "h28-r39": "What was its gross margin in FY2025? — "
               "the intent is read as lookup (the set labels it derived)",
    "h28-r40": "葵禾食品2025年10月到12月的收入加起来是多少？ — "
               "refused (or only what is known is said)",
    "h28-r42": "云知声最近一次融资是什么时候、怎么做的？ — "
               "the answer misses ['1.84%']",
    "h28-r45": "What is the most recent monthly operating data Kuihe Foods has put … — "
               "refused (or only what is known is said)",
    "h28-r47": "现在适合买入云知声吗？ — "
               "the answer misses ['1.56亿']",
    "h28-r49": "我应该接受这个要约吗？ — "
               "the intent is read as lookup (the set labels it advice)",
    "h28-r50": "Is Corvessa Yachts worth investing in after the CEO change? — "
               "the answer misses ['412.5', '72%']",
    "h28-r52": "云知声IPO的发行价是多少？上市首日涨了多少？ — "
               "the intent is read as derived (the set labels it lookup)",
    "h29-r03": "概括一下涪芥食品这次老厂土地收回交易。 — "
               "the answer misses ['186.4亩', '2.91亿']",
    "h29-r08": "分析人士怎么看剩下那部分质押股份的风险？ — "
               "the answer misses ['2.65亿股']",
    "h29-r24": "烩麟食品应对清盘呈请，有哪些有利和不利因素？ — "
               "the answer misses ['真正争议', '6.12亿', '2.35亿']",
    "h29-r25": "What are the upsides and the risks of Runi Apparel's brand licensin… — "
               "the answer misses ['轻资产', '产品质量问题']",
    "h29-r27": "What does \"增收不增利\" mean when applied to Unisound? — "
               "the answer misses ['4.54亿']",
    "h29-r30": "How does IDC define the public-cloud token volume it counts? — "
               "the intent is read as how (the set labels it definition)",
    "h29-r32": "Compare MiniMax's and Zhipu's first-day share price performance. — "
               "the answer misses ['109%', '13.17%']",
    "h29-r33": "壁仞科技和天数智芯的香港公开发售分别超购多少倍？ — "
               "the intent is read as derived (the set labels it comparison)",
    "h29-r38": "越醅酒业股价从1月14日到1月19日累计跌了多少？ — "
               "refused (or only what is known is said)",
    "h29-r39": "What share of Miaoyin Pet Products' 2025 revenue came from North Am… — "
               "the answer misses ['22.7亿', '28.7%']",
    "h29-r40": "飒轨娱乐2025年9月到11月三个月合计收入多少万元？ — "
               "the intent is read as lookup (the set labels it derived)",
    "h29-r42": "之后股价最高涨到多少？ — "
               "the intent is read as lookup (the set labels it latest)",
    "h29-r44": "最新的前三季度数字呢？ — "
               "the answer misses ['44.02亿', '36.8%']",
    "h29-r46": "经审计的最终数字出来了吗？是多少？ — "
               "the intent is read as lookup (the set labels it latest)",
    "h29-r47": "现在适合买入云知声吗？ — "
               "the answer misses ['增收不增利', '1.56亿', '4.54亿']",
    "h29-r49": "越醅酒业被强制平仓后还值得持有吗？ — "
               "the answer misses ['2.65亿股']",
    # dev-37 (the session-36 hidden set, opened in session 37): its failures at the end of session 37
    "h36-r03": "总结一下要点。 — "
               "the answer misses ['23.58亿', '18.16亿', '38.5%']",
    "h36-r08": "Why did SenseTime's vision AI revenue sh… — "
               "the answer misses ['4.36亿', '5.12亿', '东北亚']",
    "h36-r10": "港交所18C章对特专科技公司的市值门槛是怎么一步步调整的？ — "
               "the answer misses ['40亿港元', '80亿港元']",
    "h36-r12": "具体是怎么配售的？钱打算怎么用？ — "
               "the answer misses ['780万股', '252港元']",
    "h36-r13": "投资港股AI公司，有哪些吸引人的地方，又有哪些风险？ — "
               "the answer misses ['制度包容性']",
    "h36-r15": "地平线2025年上半年业绩有哪些亮点，又有哪些隐忧？ — "
               "the answer misses ['65.4%']",
    "h36-r16": "什么是港股的18C章？ — "
               "the answer misses ['2.5亿港元']",
    "h36-r18": "IDC报告里的公有云大模型调用量是按什么口径统计的？ — "
               "the intent is read as lookup (the set labels it definition)",
    "h36-r19": "智谱和MiniMax走的商业化路线有什么不一样？ — "
               "the intent is read as lookup (the set labels it comparison)",
    "h36-r27": "MiniMax 2025年全年收入最终是多少？ — "
               "the intent is read as lookup (the set labels it latest)",
    "h36-r28": "现在适合买入云知声吗？ — "
               "the answer misses ['53.3%']",
    "h36-r30": "想参与港股AI公司打新，要注意哪些风险？ — "
               "the intent is read as pros_cons (the set labels it advice)",
    "h36-r33": "简单概括一下闽鲡水产这次低温冰冻灾害的公告。 — "
               "the answer misses ['1860吨', '2350万']",
    "h36-r36": "醍沅生化对董事长被留置一事会不会影响经营，最后是怎么说的？ — "
               "the intent is read as how (the set labels it conclusion)",
    "h36-r38": "Why did so many of Minli Shuichan's eels… — "
               "the answer misses ['1860吨']",
    "h36-r40": "How will the transfer of Guao Wangye's c… — "
               "refused (or only what is known is said)",
    "h36-r41": "弧旋体育当上国际巡回赛指定器材供应商，有什么好处，要付出什么代价？ — "
               "the answer misses ['180万美元', '赛事标识', '45%']",
    "h36-r26": "What is the most recent share-price milestone reported for Z… — "
               "refused: the 496港元 high is written with no word of the share price (刷新历史高点), and 'milestone' is in no "
               "document; it had been found only while 'price' was dropped as absent (an English term's plural, 'prices', "
               "is now read as present)",
    "h36-r43": "沉楹香业公告里说的出口配额具体指什么，涵盖哪些产品？ — "
               "the answer misses ['附录二']",
    "h36-r44": "What is the NEEQ quotation that Banglan … — "
               "the intent is read as lookup (the set labels it definition)",
    "h36-r45": "两个基地里哪个受灾更重？ — "
               "the intent is read as lookup (the set labels it comparison)",
    # dev-38 (the session-37 hidden set, opened in session 38): its failures at the end of session 38
    "h37-r04": "橼岗果业这次关于地理标志的公告主要讲了什么？ — "
               "the summary gives each section's first points; the premium (15%至20%) is a later point of the event section",
    "h37-r11": "为什么有文章说这次配售是云知声的“求生”之举？ — "
               "the why composition quotes the pressure section; the article's 增收不增利 line is not among the causes picked",
    "h37-r19": "珐昶炊具拿到海关高级认证以后，出口通关会有哪些变化？ — "
               "the intent is read as lookup (the set labels it how); the facts are all quoted",
    "h37-r20": "How is the board handling the chairmansh… — "
               "the intent is read as latest ('now'; the set labels it how); the acting chairman and the 3 months are quoted",
    "h37-r22": "What are the pros and cons of Hong Kong'… — "
               "the pros and cons come from the report's 18C lists, not src-4's placing lines (一般性授权, 缓冲, 稀释老股东)",
    "h37-r23": "第四范式上半年业绩有哪些亮点，又有什么隐忧？ — "
               "the highlights and worries miss the 81.8% line of passage 4",
    "h37-r28": "IDC统计的公有云大模型调用量是什么口径？ — "
               "the intent is read as lookup (the set labels it definition)",
    "h37-r29": "红枣期货的指定交割仓库是怎么回事？棘岭枣业这个交割仓库有哪些具体规定？ — "
               "the intent is read as how (the set labels it definition)",
    "h37-r30": "What does a change in presentation curre… — "
               "the intent is read as lookup (the set labels it definition); the restatement lines are quoted",
    "h37-r31": "智谱和MiniMax的IPO估值和商业模式有什么不同？ — "
               "the comparison quotes the report's row '461-504亿港元', which the set's fact '461亿' does not match as written",
    "h37-r41": "What was Anacara's capacity utilisation … — "
               "English quantities (tonnes) are no figures the calculation reads: the utilisation is not computed",
    "h37-r42": "那之后股价最高涨到过多少？ — "
               "'最高涨到' is cut 最/高涨/到: the intraday high (496港元) is not found; the intent is lookup (the set: latest)",
    "h37-r43": "What's the latest on how long Hong Kong'… — "
               "the latest answer quotes the listings of January, not the queue (350家, 50亿美元)",
    "h37-r47": "现在适合买入云知声吗？ — "
               "advice quotes the report's judgement and lists; the retention figure (53.3%) is not among them",
    "h37-r50": "麚峰鹿业主席辞世后，这只股票还值得继续持有吗？ — "
               "advice quotes the death and the trust's stake, not the acting chairman",
    # dev-39 (the session-38 hidden set, opened in session 39): its failures at the end of session 39
    "h38-r03": "总结一下港交所18C章上市门槛这几年是怎么变的。 — "
               "the summary gives each section's first points; the thresholds' changes (60亿→40亿港元, 100亿→80亿港元) are later points of their sections",
    "h38-r05": "What did Deloitte conclude about the outl… — "
               "'Deloitte' is in no document (its article writes 德勤 only, and no dictionary holds it): refused as a name no document holds",
    "h38-r08": "Why did SenseTime's vision AI revenue shr… — "
               "the why answer quotes the causes its section gives; the figure (4.36亿) and the region (东北亚) are in sentences it does not pick",
    "h38-r10": "How does the HKEX tech channel work for c… — "
               "the how answer quotes the look-up's sentences; the channel's dedicated team, confidential filing and innovative-company sentences are not among them",
    "h38-r18": "沙利文的“企业级日均调用量”和IDC统计的公有云调用量是一回事吗？ — "
               "the intent is read as lookup (the set labels it definition); the two figures (10万亿, 536.7万亿) are not both quoted",
    "h38-r19": "智谱和MiniMax的IPO估值各是多少？ — "
               "the intent is read as lookup (the set labels it comparison); both valuations are quoted",
    "h38-r22": "云知声2022到2024年三年累计净亏损，相当于三年累计收入的百分之多少？ — "
               "a whole summed over three years that no source states (6.01亿+7.3亿+9.39亿) is not computed",
    "h38-r25": "之后股价最高涨到过多少？ — "
               "refused: the article writes '刷新历史高点至496港元' with no word of the share price (never the offer price's 上限165港元 again); the set labels it latest",
    "h38-r27": "云知声现在值得长期持有吗？ — "
               "advice quotes the report's assessment rows; the retention rate (53.3%) and the placing's figures are not among them",
    "h38-r30": "云知声今年1月配售新股的价格是多少？较前一日收市价折让多少？ — "
               "the placing price is found; the discount (约16%) is stated in the next list item, which names no month",
    "h38-r35": "犛原乳业主席离婚分股以后，公司控制权会不会变？ — "
               "the intent is read as lookup (the set labels it conclusion); the control sentence (不发生变化) ties with two others and is not picked",
    "h38-r36": "What is the bottom line on how the export… — "
               "the conclusion quotes the last section; the cost estimate (2,150万元) is in the event section",
    "h38-r41": "甡樱果业拿到樱桃品种权，有什么好处，又有哪些局限？ — "
               "the intent is read as lookup ('局限' is no downside cue: as pros and cons the article's 许可收入有限 is no side the stance words read); the facts are quoted",
    "h38-r42": "What are the pros and cons of Xiaoyuan Co… — "
               "'state reserve' and 'lint' are read as 准备 and nothing: the reserve sale's sentences are not found",
    "h38-r43": "植物新品种权是什么？甡樱果业这两个品种受保护多少年？ — "
               "the intent is read as lookup (the set labels it definition); the term (20年) is found, 繁殖材料 is in the next sentence",
    "h38-r44": "In the Diatrix Minerals case, what exact… — "
               "the intent is read as lookup (the set labels it definition)",
    "h38-r50": "翾羽禽业的禽流感疫情最新进展如何？其他鸽场受影响了吗？ — "
               "the latest on the outbreak quotes the negative tests; the 21-day lockdown is in a sentence of the farm's share",
    "h38-r51": "What is the latest on Hippora Holdings' r… — "
               "'batch' and 'sea buckthorn' are no dictionary words the documents write (批次, 沙棘): refused",
    "h38-r53": "犛原乳业的股票现在能买吗？ — "
               "advice gives the neutral comparison; the 12-month lock-up undertaking is not among its lines",
    "h38-r54": "Should I sell the stock because of this? — "
               "advice after the vessel arrest quotes the analysts' two-week view; the 9.2万吨 target is not among its lines",
    # dev-40 (the session-39 hidden set, opened in session 40): its failures at the end of session 40
    "h39-r08": "Why did SenseTime's vision AI revenue fal… — "
               "the why answer quotes the causes its section gives; the figure (4.36亿) and the region (东北亚) are in sentences it does not pick (as h38-r08)",
    "h39-r14": "What were the strong and weak points of H… — "
               "the pros-and-cons answer quotes the growth and the shipments; the 65.4% and 52.33亿元 lines are not among its picks",
    "h39-r15": "AI公司去港股上市有什么好处，又有哪些风险？ — "
               "a pros-and-cons question naming no company (AI公司去港股上市) finds no list on both sides: refused",
    "h39-r16": "港交所的18C章是什么？ — "
               "the definition quotes the 18C statistics and the 2023 rule line; the month (2023年3月) is in a sentence it does not pick",
    "h39-r17": "What is meant by calling Unisound's listi… — "
               "the definition quotes the 2.2% sentence; the share count (156.1万股) is in another",
    "h39-r19": "What is MaaS in the IDC report on public-… — "
               "the intent is read as lookup ('What is MaaS…' with no article; the set labels it definition)",
    "h39-r20": "智谱和MiniMax的商业化路线有什么不同？ — "
               "the comparison quotes each company's route; the valuation (511亿港元) is not among its lines",
    "h39-r21": "How did MiniMax's debut compare? — "
               "the follow-up comparison quotes MiniMax's listing lines; its first-day gain (109%) and close (345港元) are in a sentence it does not pick",
    "h39-r23": "那这次配售按配售价算，总额大约多少港元？ — "
               "a follow-up total of the placing (780万股 × 252港元): the count and the price are not both found as operands; not computed",
    "h39-r26": "云知声最近一次公告说了什么？ — "
               "the latest answer quotes dated figures; the clarification announcement of 1月29日 (未经审计) is not among them",
    "h39-r27": "What is the most recent move in its share… — "
               "the 496港元 high is written with no word of the share price (刷新历史高点): refused (as h38-r25)",
    "h39-r28": "现在适合买入云知声吗？ — "
               "advice quotes the report's assessment; the retention rate (53.3%) is not among its lines (as h38-r27)",
    "h39-r34": "Summarise Dunevale Dairy's halal certific… — "
               "the summary gives each section's first points; the first shipment (May 2026) is a later point of its section",
    "h39-r36": "What does Paiyuan Forest Chemicals' board… — "
               "the conclusion quotes the first sentence of the board's line; the review at the 2026 interim results (2026年中期) is the line's next sentence",
    "h39-r37": "篾韵家居管理层为什么要减薪？ — "
               "the why answer quotes the cause (去库存导致订单下滑); the saving (860万元) is a purpose, not read as a cause",
    "h39-r39": "苠山油脂的新品种把每亩鲜果产量提高了多少？ — "
               "the intent is read as derived ('提高了多少'; the set labels it how)",
    "h39-r41": "椰礁控股收购汀椰饮品有什么好处和风险？ — "
               "pros and cons of an acquisition whose article says no side in stance words: the market share (18%) and the consideration (9.8亿元) are not picked",
    "h39-r42": "What are the positives and negatives in M… — "
               "the one rising market (日本及韩国 +3.4%) is a table row with no stance word; only the downside is given",
    "h39-r47": "What share of Dunevale Dairy's FY2025 raw… — "
               "a share of a region's raw milk in an English article: the region's row (Alxa 4,120) is not found as an operand; not computed",
    "h39-r55": "鸢逸文创现在有多少名扎制艺人？ — "
               "the intent is read as latest ('现在'; the set labels it lookup); the count (86名) is quoted",
    # dev-41 (the session-40 hidden set, opened in session 41): its failures at the end of session 41
    "h40-r03": "商汤2025年上半年的业绩有哪些重点？ — "
               "the intent is read as lookup (the set labels it summary); its lines are the look-up's",
    "h40-r05": "What is Deloitte's bottom line on the Hon… — "
               "'Deloitte' is read as a name no document holds (the documents write 德勤 only, and no dictionary gives it): refused",
    "h40-r06": "澎湃那篇讲国产大模型和算力企业扎堆港交所的文章，最后的结论是什么？ — "
               "the conclusion quotes the article's last section; the 350 queue figure is in an earlier sentence",
    "h40-r08": "Why did Fourth Paradigm's gross margin dr… — "
               "'Fourth Paradigm' is read as a name no document holds (the documents write 第四范式 only): refused",
    "h40-r12": "MiniMax靠什么赚钱？它走的是怎样的商业化路线？ — "
               "the business answer quotes the report's model line; the overseas share (七成) is in an article's sentence it does not pick",
    "h40-r14": "For an AI company, what are the advantag… — "
               "the pros-and-cons answer quotes the 18C lines; the 6-month lock-up is in a sentence it does not pick",
    "h40-r15": "地平线上半年的业绩有哪些亮点，又有哪些让人担心的地方？ — "
               "the intent is read as lookup (让人担心的地方 is no side word; the set labels it pros_cons)",
    "h40-r16": "18C章到底是什么规则？ — "
               "the definition quotes the 科企专线 sentence naming 18C; the 2.5亿/60亿港元 thresholds are in other sentences",
    "h40-r18": "报道里说云知声“增收不增利”，具体指什么？ — "
               "the definition quotes the phrase's own sentence; the net loss (4.54亿) is in another",
    "h40-r19": "智谱和MiniMax的IPO估值差多少？ — "
               "the intent is read as derived (差多少; the set labels it comparison)",
    "h40-r21": "云知声和星渚科技比，谁的2025年收入增长更快？ — "
               "the intent is read as lookup (the set labels it comparison); refused as it should be",
    "h40-r22": "云知声2022到2024年三年的净亏损，平均每年是多少？ — "
               "the intent is read as lookup (the set labels it derived); the three years' losses are not averaged",
    "h40-r24": "其中第二季度单季收入占上半年的比例是多少？ — "
               "the follow-up share: the quarter's 15.49亿 is found, the half's 26.26亿 in the same sentence is not taken as the whole; not computed",
    "h40-r25": "智谱上市以后股价最高冲到过多少？ — "
               "the intent is read as lookup (the set labels it latest)",
    "h40-r28": "现在适合买入云知声吗？ — "
               "advice quotes the report's assessment; the 1.56亿 and 53.3% lines are not among its picks (as h39-r28)",
    "h40-r30": "那现在还值得追吗？ — "
               "the intent is read as latest (现在; the set labels it advice)",
    "h40-r33": "寒岭菌业这次关于纪录片的公告主要说了些什么？ — "
               "the summary gives each section's first points; the 1.5亿 online target is the second sentence of an item",
    "h40-r34": "Sum up Verdaloe's carbon footprint annou… — "
               "the summary gives each section's points while they fit; the 15% reduction target does not fit the section's room",
    "h40-r41": "坪野食品和米其林餐厅集团的合作，好处在哪，局限又在哪？ — "
               "the intent is read as lookup (好处在哪, 局限 are no side words it reads; the set labels it pros_cons)",
    "h40-r42": "What are the upsides and the limits of S… — "
               "the intent is read as lookup ('limits' is no side word; the set labels it pros_cons)",
    "h40-r43": "What exactly does the product carbon foo… — "
               "the intent is read as lookup (the set labels it definition)",
    "h40-r44": "坪野食品说的Marronova是什么？ — "
               "the intent is read as lookup (a brand's 是什么; the set labels it definition)",
    "h40-r47": "锦针绣艺的博物馆如果一年接待的30万人次都买成人票，门票收入大约是多少？ — "
               "a hypothetical product (30万人次 × 60元) is read as a look-up; not computed",
    "h40-r50": "有没有更新一点的销售数据？ — "
               "the follow-up is answered with the January sales line, but its intent is read as lookup (the set labels it latest)",
    # dev-42 (the session-41 hidden set, opened in session 42): its failures at the end of session 42
    "h41-r06": "按IDC和Omdia两种统计口径,中国大模型云服务到底谁是第一?结论是什么? — "
               "the conclusion quotes the article's outlook sentence on Omdia; the IDC ranking (火山引擎 49.2%) is in an earlier section",
    "h41-r14": "What are the bright spots and the weak p… — "
               "'bright spots and weak points' is read as pros and cons, but SenseTime's interim lines (72.7%, 14.89亿) carry no stance word: refused",
    "h41-r15": "对AI公司来说,在港股融资有哪些好处,又要面对哪些风险? — "
               "the pros and cons are the placing article's and the report's risk table; the report's 18C章 line is not among them",
    "h41-r20": "How does that compare with MiniMax's ret… — "
               "an English follow-up comparison of tranches: the comparison composer quotes the two companies' positioning, not the retail and international tranches (1837倍, 36.76倍)",
    "h41-r21": "壁仞科技和天数智芯上市首日的表现差别有多大? — "
               "the comparison quotes 天数智芯's first-day line and a sources note for 壁仞科技; its 75.82% line is not picked",
    "h41-r22": "智谱2024年的经调整净亏损大约是当年收入的几倍? — "
               "the multiple is computed (24.66亿 ÷ 3.124亿 ≈ 7.89倍); the set writes 7.9",
    "h41-r23": "What share of 4Paradigm's first-half 202… — "
               "the share of the second quarter is not computed: the half's and the quarter's revenue are one sentence, read as one operand",
    "h41-r24": "云知声2026年大模型收入预计是2025年的几倍? — "
               "a 2026 multiple no document gives: the 2025 forecast is quoted (no calculation made), not refused",
    "h41-r25": "智谱上市以后股价最高冲到过多少?是哪天? — "
               "'最高冲到过多少' (the peak after listing) is read as latest: the IPO valuation line is quoted, not the 496港元 peak",
    "h41-r26": "Is there a more recent figure than that? — "
               "an English follow-up 'a more recent figure' is not carried to the token-volume topic: another article's line is quoted",
    "h41-r28": "我在考虑买天数智芯,它的亏损和毛利率情况怎么样? — "
               "advice with 天数智芯's losses and gross margin asked: refused (the look-up of two figures under an advice intent finds no line)",
    "h41-r30": "想买它的股票的话,财务上要注意些什么? — "
               "advice follow-up: the listing line is quoted, not 壁仞科技's losses and cash figures",
    "h41-r42": "What are the pros and cons of Jumei Tea'… — "
               "'drying lines' is not read as 烘干生产线: the company's results are quoted as strengths, not the lines' 35% and 20小时",
    "h41-r47": "窨橘控股的十年以上陈皮占2025财年收入的比例是多少? — "
               "the share is computed against the revenue sentence (9.46亿), not the table's total row (946,000千元) the set expects",
    "h41-r49": "What share of that came from standard pl… — "
               "an English follow-up share: the collectors' row is taken as the part (28.7%), not the standard cards' 318,640",
    "h41-r50": "菊湄茶业最新披露的是哪个期间的业绩?收入多少? — "
               "'which period' is not answered with the period's name: the half-year's lines are quoted without 2026财年上半年",
    "h41-r51": "Anything more recent than that? — "
               "an English follow-up 'more recent than that': the first quarter's line is quoted again, not the later 2,740万 figure",
    "h41-r52": "想买蔺苇帽业,世界杯订单靠得住吗?有哪些数字值得看? — "
               "advice on the order: the order's lines are quoted, the 26.9% gross margin is not",
    "h41-r10": "港交所的“科企专线”具体给申请人提供了哪些便利? — "
               "the intent is read as lookup (the set labels it how: '提供了哪些便利')",
    "h41-r39": "箬香食品嘉兴工厂改造后,效率提升具体体现在哪些方面? — "
               "the intent is read as latest ('改造后'; the set labels it how)",
    "h41-r41": "螯湖水产入选国宴食材名录,对公司来说有哪些好处,又有什么局限? — "
               "the intent is read as lookup ('有哪些好处,又有什么局限'; the set labels it pros_cons)",
    "h41-r44": "What is Leafolda in Ruoxiang Foods' busi… — "
               "the intent is read as lookup ('What is Leafolda in …'; the set labels it definition)",
    "h41-r58": "那竹韵扇业呢? — "
               "the intent is read as comparison (the conversation before compared; the set labels it lookup)",
    # dev-43 (the session-42 hidden set, opened in session 43): its failures at the end of session 43
    "h42-r04": "简单说说杷溪农业这次签的枇杷价格指数保险。 — "
               "read as a summary of the whole article: one point a section, so the event's premium (486万) and target "
               "price (9.6元) are cut (focusing the event's section by its first point narrowed whole-article summaries)",
    "h42-r07": "What is Deloitte's bottom line on Hong K… — "
               "'Deloitte' is written only as 德勤 in the article, and no dictionary gives it: read as a company no document names, refused",
    "h42-r16": "港交所推出的科企专线,具体给申请人提供了哪些便利? — "
               "the intent is read as lookup (the set labels it how); the answer quotes the channel's points",
    "h42-r23": "壁仞科技这家公司有哪些亮点,又有哪些隐忧? — "
               "the strengths quote the listing lines and the risks the losses; the 2346.53倍 subscription and the 前五大客户 concentration are not among them",
    "h42-r29": "什么是院士工作站?斛霭药业的工作站具体怎么安排? — "
               "a definition and a how in one question: the intent is read as how (the set labels it definition)",
    "h42-r30": "What does a manufacturing single champio… — "
               "the intent is read as lookup (the set labels it definition); the title sentence is quoted",
    "h42-r38": "第四范式第二季度的收入里,先知AI平台占了多大比重? — "
               "the second quarter's three businesses are one sentence without their names ('三项业务分别为13.44亿元、…'): the 先知AI平台 share is not computed",
    "h42-r41": "What share of it came from tremolo harmo… — "
               "an English follow-up share ('What share of it came from …'): the year's revenue of the turn before is not carried, so the share is not computed",
    "h42-r42": "智谱上市以后股价最高涨到过多少? — "
               "'股价' is held and the peak sentence writes '刷新历史高点至496港元' without it: refused",
    "h42-r44": "云知声经审计的2025年年报里,大模型收入最终是多少? — "
               "the intent is read as lookup (the set labels it latest); refused, as it should be",
    "h42-r47": "云知声现在值得买入吗? — "
               "advice: the neutral comparison quotes the report's judgement, not the placing's 1.56亿 and 53.3% (as h27-r47)",
    # dev-44 (the session-43 hidden set, opened in session 44): its failures at the end of session 44
    "h43-r03": "概括一下IDC关于2025年上半年中国公有云大模型调用量的报告讲了什么。 — "
               "the IDC article's summary (one point a section) cuts its first section after 'IDC此前的年度报告显示': the "
               "49.2% share of the next line is not quoted",
    "h43-r09": "港交所推出的“科企专线”给特专科技和生物科技申请人带来了哪些便利? — "
               "the intent is read as lookup ('带来了哪些便利'; the set labels it how)",
    "h43-r19": "Compare how heavily the Hong Kong public offers of Zhipu and… — "
               "'oversubscribed' is 超额认购, which Zhipu's line writes as '认购约1159.46倍': the comparison quotes the "
               "positioning sections",
    "h43-r26": "云知声2026年第一季度的收入是多少? — "
               "the intent is read as lookup (a quarter no source reports; the set labels it latest)",
    "h43-r27": "现在适合买入云知声吗? — "
               "advice: the neutral comparison quotes the report's judgement, not the placing's 1.56亿 and 53.3% (as h42-r47)",
    "h43-r35": "琬彩琉璃首批数字藏品的市场反应如何? — "
               "the intent is read as how ('如何'; the set labels it conclusion)",
    "h43-r36": "What did Zhishao Apparel say about the terms of the museum's… — "
               "the intent is read as lookup (the set labels it conclusion)",
    "h43-r40": "鹑畈食品供应科考队的产品要满足什么条件,首批什么时候出发? — "
               "the intent is read as lookup (the set labels it how)",
    "h43-r44": "这个园区是什么样的,游客在里面能看到什么? — "
               "the intent is read as lookup ('是什么样的'; the set labels it definition)",
    "h43-r45": "What is Cubenza's Pulse cube? — "
               "the intent is read as lookup (no article before 'Pulse cube'); the campaign's opening line is quoted, not "
               "the next passage's motion sensor and phone app",
    "h43-r49": "Roughly how much would that batch have brought in once ever… — "
               "computed right (3.6万×29.9≈107.64万元); the set writes the result to one decimal, 107.6万",
    # dev-45 (the session-44 hidden set, opened in session 45): its failures at the end of session 45
    "h44-r04": "报告对云知声大模型收入可持续性在短期和中期分别给出了什么评估? — "
               "the intent is read as lookup ('给出了什么评估'; the set labels it conclusion)",
    "h44-r35": "茝佩香业签订的工资集体合同对公司成本意味着什么? — "
               "the intent is read as lookup ('对…意味着什么'; the set labels it conclusion)",
    "h44-r43": "鹜香食品试行的四天工作制具体是什么安排? — "
               "the intent is read as lookup ('具体是什么安排'; the set labels it definition)",
    "h44-r44": "What is Chewvella? — "
               "the follow-up's 'What is <brand>?' is read as lookup (the set labels it definition)",
    "h44-r05": "What does Deloitte conclude about Hong Kong's IPO market in 2025? — "
               "the chunks of news-06 with 114只, 2863亿港元 and 全球交易所首位 are not retrieved for the English words: refused",
    "h44-r11": "How does the HKEX's TECH channel make listing easier for specialist technology companies? — "
               "the how answer quotes the channel's opening lines, not its 预先沟通 and 保密形式 points",
    "h44-r12": "它的基石投资者是怎么构成的? — "
               "the follow-up's how answer gives the cornerstone count and sum, not the 阿布扎比投资局 line",
    "h44-r22": "按预告区间下限计算,云知声2025年大模型收入占总收入的比例是多少? — "
               "the share of the lower ends of the two forecast ranges (6.0亿 of 11.8亿) is not computed",
    "h44-r28": "现在适合买入云知声吗? — "
               "advice: the neutral answer quotes the report's judgement, not the placing's 1.56亿 and 53.3% (as h27-r47)",
    "h44-r34": "Summarise what happened after the yo-yo player sponsored by Loopvane Holdings won the talent show. — "
               "the summary's event section quotes the announcement, the contract and the gift boxes, not the 138 million "
               "views and 426,000 orders line ('after' is read as no topic word)",
    "h44-r36": "What did Xiaqu Creative conclude it must do after the hacker attack on its online shop? — "
               "the conclusion quotes the planned security upgrade only, not the 38小时 outage and the 260万元 of vouchers",
    "h44-r45": "比较匣趣文创与饧记食品最近一个财年的毛利率。 — "
               "饧记食品 reports by calendar year (its articles never write 财年): its 2025 margin is not read as its latest "
               "fiscal year's and only 匣趣文创's is shown",
    "h44-r48": "Adding its first half and third quarter, what was Loopvane Holdings' revenue for the first nine months of FY2026? — "
               "a sum of two periods' figures (H1 + Q3) is no computation the engine makes: refused with both figures given",
}


@pytest.mark.slow
@pytest.mark.parametrize("q", question_params(_load(29), KNOWN_FAILURES))
def test_dev29_reader_question(dev29_engine, q):
    assert_reader_answer(dev29_engine.ask(q["question"], q.get("history")), q)


@pytest.mark.slow
@pytest.mark.parametrize("q", question_params(_load(30), KNOWN_FAILURES))
def test_dev30_reader_question(dev30_engine, q):
    assert_reader_answer(dev30_engine.ask(q["question"], q.get("history")), q)


@pytest.mark.slow
@pytest.mark.parametrize("q", question_params(_load(31), KNOWN_FAILURES))
def test_dev31_reader_question(dev31_engine, q):
    assert_reader_answer(dev31_engine.ask(q["question"], q.get("history")), q)


@pytest.mark.slow
@pytest.mark.parametrize("q", question_params(_load(32), KNOWN_FAILURES))
def test_dev32_reader_question(dev32_engine, q):
    assert_reader_answer(dev32_engine.ask(q["question"], q.get("history")), q)


@pytest.mark.slow
@pytest.mark.parametrize("q", question_params(_load(33), KNOWN_FAILURES))
def test_dev33_reader_question(dev33_engine, q):
    assert_reader_answer(dev33_engine.ask(q["question"], q.get("history")), q)


@pytest.mark.slow
@pytest.mark.parametrize("q", question_params(_load(34), KNOWN_FAILURES))
def test_dev34_reader_question(dev34_engine, q):
    assert_reader_answer(dev34_engine.ask(q["question"], q.get("history")), q)


@pytest.mark.slow
@pytest.mark.parametrize("q", question_params(_load(35), KNOWN_FAILURES))
def test_dev35_reader_question(dev35_engine, q):
    assert_reader_answer(dev35_engine.ask(q["question"], q.get("history")), q)


@pytest.mark.slow
@pytest.mark.parametrize("q", question_params(_load(36), KNOWN_FAILURES))
def test_dev36_reader_question(dev36_engine, q):
    assert_reader_answer(dev36_engine.ask(q["question"], q.get("history")), q)


@pytest.mark.slow
@pytest.mark.parametrize("q", question_params(_load(37), KNOWN_FAILURES))
def test_dev37_reader_question(dev37_engine, q):
    assert_reader_answer(dev37_engine.ask(q["question"], q.get("history")), q)


@pytest.mark.slow
@pytest.mark.parametrize("q", question_params(_load(38), KNOWN_FAILURES))
def test_dev38_reader_question(dev38_engine, q):
    assert_reader_answer(dev38_engine.ask(q["question"], q.get("history")), q)


@pytest.mark.slow
@pytest.mark.parametrize("q", question_params(_load(39), KNOWN_FAILURES))
def test_dev39_reader_question(dev39_engine, q):
    assert_reader_answer(dev39_engine.ask(q["question"], q.get("history")), q)


@pytest.mark.slow
@pytest.mark.parametrize("q", question_params(_load(40), KNOWN_FAILURES))
def test_dev40_reader_question(dev40_engine, q):
    assert_reader_answer(dev40_engine.ask(q["question"], q.get("history")), q)


@pytest.mark.slow
@pytest.mark.parametrize("q", question_params(_load(41), KNOWN_FAILURES))
def test_dev41_reader_question(dev41_engine, q):
    assert_reader_answer(dev41_engine.ask(q["question"], q.get("history")), q)


@pytest.mark.slow
@pytest.mark.parametrize("q", question_params(_load(42), KNOWN_FAILURES))
def test_dev42_reader_question(dev42_engine, q):
    assert_reader_answer(dev42_engine.ask(q["question"], q.get("history")), q)


@pytest.mark.slow
@pytest.mark.parametrize("q", question_params(_load(43), KNOWN_FAILURES))
def test_dev43_reader_question(dev43_engine, q):
    assert_reader_answer(dev43_engine.ask(q["question"], q.get("history")), q)


@pytest.mark.slow
@pytest.mark.parametrize("q", question_params(_load(44), KNOWN_FAILURES))
def test_dev44_reader_question(dev44_engine, q):
    assert_reader_answer(dev44_engine.ask(q["question"], q.get("history")), q)


@pytest.mark.slow
@pytest.mark.parametrize("q", question_params(_load(45), KNOWN_FAILURES))
def test_dev45_reader_question(dev45_engine, q):
    assert_reader_answer(dev45_engine.ask(q["question"], q.get("history")), q)
