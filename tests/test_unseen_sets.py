"""End-to-end runs of the later unseen sets on a real store: dev-3 (the round-2
held-out set, now open: `news-30`…`news-38`) and dev4 (`news-50`…`news-52`, written with
its questions before the engine was run on them), both ingested beside the bundled
corpus and corpus-extra (no absent company of either set is named by the other's articles);
and dev-5 (the session-4 held-out set, now open: `news-40`…`news-49`), ingested beside the
bundled corpus and corpus-extra on its own, as its README says; dev-6 (the session-5 held-out set,
now open: `news-60`…`news-69`), dev-7 (the session-6 held-out set, now open: `news-70`…`news-79`)
dev-8 (the session-7 held-out set, now open: `news-80`…`news-89`), dev-9 (the session-8 held-out set, now open:
`news-90`…`news-99`) dev-10 (the session-9 held-out set, now open: `news-100`…`news-109`) dev-11 (the session-10 held-out set, now open:
`news-110`…`news-119`) dev-12 (the session-11 held-out set, now open: `news-120`…`news-129`), dev-13 (`news-130`…`news-139`) and
dev-14 (the session-13 hidden set, opened in session 14: `news-140`…`news-149`) and dev-15 (the session-14 hidden
set, opened in session 15: `news-150`…`news-159`) and dev-16 (the session-15 hidden set, opened in session 16:
`news-160`…`news-169`) and dev-17 (the session-16 hidden set, opened in session 17: `news-170`…`news-179`) and dev-18
(the session-17 hidden set, opened in session 18: `news-180`…`news-189`) and dev-19 (the session-18 hidden set,
opened in session 19: `news-190`…`news-199`) and dev-20 (the session-19 hidden set, opened in session 20:
`news-200`…`news-209`), dev-21, dev-22 (the session-21 hidden set, opened in session 22: `news-220`…`news-229`)
and dev-23 (the session-22 hidden set, opened in session 23: `news-230`…`news-239`) and dev-24 (the session-23
hidden set, opened in session 24: `news-240`…`news-249`) and dev-25 (the session-24 hidden set, opened in session 25:
`news-250`…`news-259`) likewise.
A question the engine still gets wrong is an xfail(strict) with the reason."""

from __future__ import annotations

import json

import pytest

from support import CORPUS_EXTRA, engine_beside_corpus, question_params
from test_catalogue import _assert_as_expected

DATA = CORPUS_EXTRA.parent

def _questions(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


DEV3 = _questions(DATA / "dev-3" / "questions.jsonl")
DEV4 = _questions(DATA / "questions-dev4.jsonl")
DEV5, DEV6, DEV7, DEV8, DEV9, DEV10, DEV11, DEV12, DEV13, DEV14, DEV15, DEV16, DEV17, DEV18, DEV19, DEV20, DEV21, \
    DEV22, DEV23, DEV24, DEV25, DEV26, DEV27, DEV28, DEV29, DEV30, DEV31, DEV32, DEV33, DEV34, DEV35, DEV36, DEV37, \
    DEV38, DEV39, DEV40, DEV41, DEV42, DEV43, DEV44, DEV45 = (
        _questions(DATA / f"dev-{n}" / "questions.jsonl") for n in range(5, 46))

KNOWN_FAILURES = {
    "d14": "'ChaPanda' is in no document (the article gives no English name): cannot be learned, refused",
    "d15": "'ChaPanda' is in no document (the article gives no English name): cannot be learned, refused",
    # dev-6 (Chinese look-ups)
    "h3-q13": "two-part: the total (31.6亿) is given, the cloud revenue (26.0亿, the next sentence) is not",
    "h3-q55": "near-miss: 怂火锅's same-store sales are not given; a sentence on 太二's same-store sales beside one on "
              "怂火锅's revenue is shown (two specifiers, only one is required)",
    # dev-7 (the session-6 hidden set, opened in session 7): its failures at the start of session 7
    "h4-q04": "overseas revenue growth (186%): the 海外 sentence is not among the retrieved passages",
    "h4-q18": "two-part on a region (海外码头 volume and growth): the region's row is not chosen",
    "h4-q19": "新招学员 (new enrolments): another figure of the article is quoted",
    # dev-9 (the session-8 hidden set, opened in session 9): its failures at the session-9 start (eval diagnosis)
    # dev-10 (the session-9 hidden set, opened in session 10): its failures at the session-10 start (eval diagnosis)
    # dev-11 (the session-10 hidden set, opened in session 11): its failures at the session-11 start (eval diagnosis)
    # dev-12 (the session-11 hidden set, opened in session 12): its failures at the session-12 start (eval diagnosis)
    "h9-q03": "在粤信铁塔的几块业务里，室内分布系统那块上半年收入同比涨了多少？ — false refusal: all expected facts were in the retrieved passages",
    # dev-13 (the session-12 hidden set, opened in session 13): its six failures at the session-13 start were fixed in it
    # dev-14 (the session-13 hidden set, opened in session 14): its failures at the session-14 start (eval diagnosis)
    # dev-20 (the session-19 hidden set, opened in session 20): its failures after the session-20 fixes
    "h17-q36": "臻循奢品第三季度的平台成交额是多少？ — the article writes GMV; a synonym group (GMV = 成交额 = 交易额) answered it "
               "but also answered stress rf-16's near-miss (an online channel's GMV) with another figure: withdrawn",
    "h17-q33": "What was Qicai Network's installed base of lottery sales terminals … — 'sales' of 'lottery sales terminals' "
               "is read as the revenue metric: a segment's revenue sentence is quoted, not the terminal count",
    # dev-21 (the session-20 hidden set, opened in session 21): its failures after the session-21 fixes
    "h18-q14": "How many meals did Zhu'an Catering serve …? — 'Catering' names 餐饮, and the company's name ends with 团膳, "
               "which no dictionary glosses: the English name is not linked to 箸安团膳",
    "h18-q24": "How many stores did Vernixa have in the Chengdu–Chongqing cluster …? — 'Chengdu–Chongqing' is not read as "
               "成渝 (CC-CEDICT's entry says 'Chengdu and Chongqing')",
    "h18-q25": "How many outlets was Qiran Auto Care running at the end of September 2025? — the store count is stated "
               "for 上半财年; the fiscal half's end (September 30) is not read as its month-end",
    # dev-23 (the session-22 hidden set, opened in session 23): its failures after the session-23 fixes
    "h20-q21": "瀛卤盐化2025财年原盐产量是多少？吨盐综合能耗下降了多少？ — the second part (the energy use per tonne) is "
               "not quoted",
    # dev-25 (the session-24 hidden set, opened in session 25): its failures after the session-25 fixes
    "h24-q04": "…租用青岛厂房的每年租金上限是多少？ — refused: the cap row says 厂房租赁 and the place (青岛) is only in the "
               "prose below it (before the figure-word rule a capacity sentence naming 青岛 was quoted)",
    "h24-q15": "粿谷食品2025财年财务成本里银行借款利息是多少？ — refused: '财务成本里银行' is read as an unknown bank's name",
    "h24-q18": "旅骐房车2025年全年交付了多少辆C型房车？ — a Chinese question about an article written in English: C型房车 "
               "does not find 'Class C motorhomes'",
    "h24-q20": "旅骐房车2025年11月交付了多少辆B型房车？ — the same: B型房车 does not find 'Class B motorhomes (van-based)'",
    "h24-q21": "旅骐房车2025年一辆B型房车平均卖多少钱？ — the same: 平均卖多少钱 of B型房车 does not find 'average selling "
               "price of a Class B motorhome'",
    "h24-q47": "舸拓海事出售的那家湛江拖轮公司…税后赚了多少？ — refused: the target company asked by a description (出售的那家"
               "湛江拖轮公司) is not read as the target's table",
    "h24-q73": "那11月呢？ (after B型房车's December deliveries) — the Chinese follow-up about the English article: as h24-q20",
    # failing in session 28's environment with the session's starting code too (a fresh install of the pinned
    # packages on this machine; not narrowed): a near-miss answered with a gross-margin row, an English turnover refused
    "h15-q33": "What was Torvix Lift's FY2025 turnover? — refused (the session-28 start code does the same on this "
               "machine)",
    # dev-36 (the session-35 hidden set, opened in session 36): its failures after the session-36 fixes
    "h35-q09": "椿岱参业的抚松产业园全部达产后，一年能产出多少钱的产品？能提供多少个工作岗位？ — "
               "refused (or only what is known is said)",
    "h35-q14": "渥信金融2025年6月一个月放出去多少新贷款？ — "
               "refused (or only what is known is said)",
    "h35-q28": "How fast did Puzhitang's gelatin cakes a… — "
               "refused (or only what is known is said)",
    "h35-q31": "How much revenue did Manakai Orchards ma… — "
               "refused (or only what is known is said)",
    # dev-35 (the session-34 hidden set, opened in session 35): its failures after the session-35 fixes
    "h34-q04": "What share of Tangyue CNC's 9M25 revenue came from overseas,… — "
               "the answer misses ['23.6%', '19.8%']",
    "h34-q13": "How much will Xiping Technology pay each year for the arena … — "
               "the answer misses ['3,600|3600万|36 million']",
    "h34-q19": "在皙澍生物的试验中，以前用过生物制剂的患者第16周PASI 90应答率是多少？ — "
               "the answer misses ['68.9']",
    "h34-q20": "When does Xishu Bio plan to file XSB-217 for approval in Chi… — "
               "refused (or only what is known is said)",
    "h34-q34": "棕汐种植的股份哪一天正式从新交所除牌？ — "
               "the answer misses ['2026年4月15日']",
    # dev-34 (the session-33 hidden set, opened in session 34): its failures after the session-34 fixes
    "h33-q03": "What was Harnexa's high-voltage harness revenue in 2025, and… — "
               "refused (or only what is known is said)",
    "h33-q37": "How much in intent orders did Hosielle take for medical comp… — "
               "the answer misses ['5,940', '35.6%']",
    # dev-33 (the session-32 hidden set, opened in session 33): its failures after the session-33 fixes
    "h32-q03": "What did Cuilong Fireworks make from aerial display shells i… — "
               "the answer misses ['186,250|186.25 million|1.8625亿', '21.3%']",
    "h32-q30": "How big is Pujie Environmental's medical-waste ABS, and what… — "
               "the answer misses ['8.6亿元|RMB860 million', '2.38%']",
    "h32-q36": "How many visitors did Stagora's Kaifeng park draw over the 2… — "
               "the answer misses ['9.2', '93.0%']",
    "h32-q39": "昙幕文旅春节假期哪一天来看演出的人最多？有多少人？ — "
               "the answer misses ['2月19日', '9.87万人次']",
    # dev-32 (the session-31 hidden set, opened in session 32): its failures after the session-32 fixes
    "h31-q06": "磬萤氟业这次全流通完成以后，H股会占到总股本的多大比例？ — "
               "the answer misses ['59.67%']",
    "h31-q23": "What was Wanqing Steel Cable's wire rope output in 2H24? — "
               "refused (or only what is known is said)",
    "h31-q38": "截至2025年9月底，奈拉对美元的汇率是多少？（据劢昇动力公告） — "
               "refused (or only what is known is said)",
    "h31-q47": "How big is the refundable deposit 2819.HK is paying under its Hallbrenn MOU, and how long is… — "
               "the exclusivity half answered; the deposit sentence loses to the MOU's opening one ('how big' read as a "
               "figure question fixed it, but refused two-part questions of dev-24 and dev-25: withdrawn)",
    "h31-q54": "劢昇动力因为汇率要在2026财年上半年亏多少钱？奈拉对美元贬了多少？ — "
               "the answer misses ['8,600万港元', '22.2%']",
    "h31-q76": "赫氢能源收购Hallbrenn 70%股权的指示性对价上限是多少？对应的全部股权估值是多少？ — "
               "refused (or only what is known is said)",
    # dev-31 (the session-30 hidden set, opened in session 31): its failures after the session-31 fixes
    "h30-q02": "秸焰新能卖掉这批减排量，扣掉核查和交易服务费用之后税前能赚多少？ — "
               "refused (or only what is known is said)",
    "h30-q03": "For Jieyan New Energy's Sixian straw-fired plant, how many t… — "
               "refused (or only what is known is said)",
    "h30-q12": "How much does Rouchuan Leather plan to spend on fixing the p… — "
               "the answer misses ['1,890万|18.9 million']",
    "h30-q14": "What did Rouchuan Leather's Dong Nai base in Vietnam produce… — "
               "refused (or only what is known is said)",
    "h30-q19": "砺棉保温上半财年（截至2025年12月底的六个月）毛利率是多少？上年同期是多少？ — "
               "refused (or only what is known is said)",
    "h30-q20": "砺棉保温那笔银团贷款到2025年底还剩多少没还？ — "
               "refused (or only what is known is said)",
    "h30-q22": "苔汐食品在漳浦拿下的这块地有多大？ — "
               "the answer misses ['126.5亩']",
    "h30-q27": "揉憩健康打算为这宗专利官司在账上预提多少钱？ — "
               "refused (or only what is known is said)",
    "h30-q33": "楮岚纸业2026财年上半年卷烟接装纸收入多少？上年同期呢？ — "
               "refused (or only what is known is said)",
    "h30-q41": "After the reorganisation, what will Vinorel's accumulated lo… — "
               "the answer misses ['5,600万|56 million', '10.42亿|1,042 million|1.042 billion']",
    "h30-q44": "渡岬教育改了结算日以后，本财务期从哪天开始、到哪天结束、一共多长？ — "
               "the answer misses ['2025年9月1日', '2026年12月31日', '16个月']",
    "h30-q47": "渡岬教育管理层预计截至2026年底的这十六个月收入大概多少？ — "
               "refused (or only what is known is said)",
    "h30-q74": "And at the previous test date, 30 June 2025? Give the tangib… — "
               "the answer misses ['5.3', '2,671']",
    # dev-30 (the session-29 hidden set, opened in session 30): its failures after the session-30 fixes
    "h29-q07": "被勒索病毒波及的啾鸭会员数据大概有多少条？公司估计直接成本多少钱？ — the second part is answered; '被勒索病毒波及' "
               "is not matched to the article's '受影响会员记录' (a paraphrase no dictionary holds)",
    "h29-q10": "烩麟食品被供应商追讨的欠款是多少？清盘呈请哪天聆讯？ — '追讨的欠款' is not read as the petition's amount, and the "
               "hearing part is not found in the two-part split",
    "h29-q22": "飒轨娱乐国庆黄金周所在的那个月，入场人次和收入各是多少？ — the month is said by its holiday (October), which is "
               "not read",
    "h29-q28": "榴珑果业2025年4月到9月的收入和毛利率是多少？ — the months April to September are not read as the fiscal half "
               "the article names (2026财年上半年, the year to March): only what is known is said",
    "h29-q31": "钜铆精工德国工厂裁员多少人？一次性重组费用估计多少？ — the restructuring-cost table's total row is not chosen "
               "(the cost in 万欧元 is only in the table)",
    "h29-q34": "What was Jumao Precision's revenue in its fourth fiscal quarter (July to September 2025), and how many tonnes "
               "of fasteners did it sell in FY2025? — 'fasteners' (紧固件) is a word no dictionary here gives: refused",
    "h29-q35": "钜铆匈牙利工厂的产能要扩到多少？每年预计节省多少成本？ — the second part is answered; the capacity part "
               "('扩到多少') is not matched to '年产能由1.8万吨扩至2.6万吨'",
    "h29-q45": "喵垠宠物用品对破产客户的应收账款有多少？出口信用保险承保额度多少？ — the second part is answered; the "
               "receivables part is cut at '客户' (a metric word) and not found",
    # dev-29 (the session-28 hidden set, opened in session 29): its failures after the session-29 fixes
    "h28-q03": "What revenue did Thermiva post for the six months to end-September 2025, and what was its gross margin? "
               "— refused: the English half-year to September is not read as the fiscal half the article names "
               "(2026财年上半年); mapping it so lost two dev questions whose sentences sit under a bare 上半年 heading",
    "h28-q33": "When is the ITC expected to make its final injury determination in the carpet case, and what China-wide "
               "dumping rate was set? — refused: 'ITC' is read as a company no document names (the article writes "
               "美国国际贸易委员会)",
    "h28-q41": "What revenue range does Vasquill's chairman expect for full-year 2025? — the range is quoted, but under "
               "'the sources do not give this figure': the chairman's 全年 states no year",
    "h28-q45": "蒿宁日化债券持有人转股的最后期限是哪天？ — the timetable row of the conversion deadline is not chosen "
               "(最后期限 is not read as 转换截止日)",
    # dev-28 (the session-27 hidden set, opened in session 28): its failures after the session-28 fixes
    "h27-q14": "How much raw nest did Walora Nest produce in the first nine months of 2025? — refused: the swiftlet-house "
               "table sits under a heading naming no company in the buyer's announcement, whose title names both the buyer "
               "and the target (now a catalogued company): whose table it is is not read",
    "h27-q21": "Which coupon did Bovara Marine fail to pay in December 2025, and how much of its 8.50% notes is "
               "outstanding? — the first part is answered; the second inherits December 2025, which the outstanding "
               "principal's sentence does not state",
    "h27-q23": "牧渡航运方案里的强制性可转换债券，转换价是每股多少？ — refused: the Chinese question on the English article; "
               "强制性 (mandatory) has no English noun to look it up by, and 可转换债券 is cut into words no row writes",
    # dev-27 (the session-26 hidden set, opened in session 27): its failures after the session-27 fixes
    "h26-q03": "按股东大会给的回购授权，磐烁民爆最多能买回多少股？截至年底已经用掉了多少？ — refused: '用掉了多少' (the mandate "
               "used) is not read as the cumulative shares bought back, and the first part's words are the second's",
    "h26-q10": "箱屿租赁这笔绿色债券募集的钱里，分给冷藏箱的有多少？ — refused: 冷藏箱 is 'reefer container' to CC-CEDICT; the "
               "English article writes 'refrigerated containers'",
    "h26-q35": "澄泉商净2025财年实际赚了多少净利润？业绩承诺完成率是多少？ — refused: the guarantee table is the acquired "
               "company's, which the article names once and then calls 目标公司",
    # dev-26 (the session-25 hidden set, opened in session 26): its failures after the session-26 fixes
    "h25-q15": "檐歌伞业截至2025年9月30日止六个月一共出货多少把伞？ — refused: the span is the fiscal year's first half "
               "(2026财年中期), and the shipment sentence's '上半财年' takes its year from the calendar months beside it",
    # dev-24 (the session-23 hidden set, opened in session 24): its failures after the session-24 fixes
    "h21-q07": "What was Lurevo Angling's reels segment result for 1H FY2026? — 'reels' (渔线轮) is in no lexicon: "
               "the segment note's opening sentence is quoted",
    "h21-q75": "And for the same period a year earlier? (after 'the six months to September 2025') — the English span of a "
               "fiscal half is not read as the article's 本期间 (mapping it cost dev-16's h13-q45, whose sections say 上半年)",
    "h21-q18": "釉岚陶瓷今年头十一个月瓷砖一共卖了多少万平方米？ — 瓷砖 is written by the page's <title> and the lead-in "
               "sentence only (the loader takes the <h1>, which does not): the table's total row is not read as the tiles'",
    # dev-22 (the session-21 hidden set, opened in session 22): its failures after the session-22 fixes
    "h19-q06": "纴捷智能的自动化缝制单元（模板机）第三季度收入是多少？ — refused: the transcript's answer says '三季度自动化"
               "缝制单元收入是3.1个亿' and names 模板机 only in the question line before it",
    "h19-q13": "按澜证国际的预测，畜佑生物2026年的市盈率是多少倍？ — refused: 按澜证国际 is read as an unknown name, the "
               "broker being the note's publisher and the P/E a forecast table's cell",
    "h19-q16": "How large an impairment charge does 砾膜科技 expect to book on its older wet-process lines? — refused: "
               "'wet-process lines' (湿法…产线) is not read",
    "h19-q24": "祁穰红茶上半年出口收入占比是多少？ — the roundup's revenue sentence is quoted with 'no computation'; the "
               "export share (35%) is in a later sentence of the company's paragraph",
    # dev-16: lost in session 19 (its "How fast" now asks a figure of fiscal 2025)
    "h13-q36": "How fast did Velorain Cycles' e-bike revenue grow in FY2025? — refused: the e-bike sentence carries 2024 "
               "and 2023 from the sentence before it, and the total's growth no longer stands for it (the title only "
               "mentions e-bikes)",
    # dev-18 (the session-17 hidden set, opened in session 18): failures after the session-18 fixes
    "h15-q19": "上半财年的平均客单价: the article writes '平均每单套餐价格4.62万元', which no word of the question names",
    "h11-q35": "What was Chenghai Gases' total revenue in FY2024… — false refusal: all expected facts were in the retrieved passages",
    "h11-q36": "How much did the average island shopper spend at… — wrong sentence chosen: '5420' in retrieved passage #6",
    "h11-q47": "What share of Azure Tide Cruises' third-quarter … — false refusal: '46%' only in non-retrieved chunks of news-140, news-144",
    "h11-q48": "How many ships does Azure Tide Cruises run, and … — wrong sentence chosen: '6艘' in retrieved passage #3",
    # dev-37 (the session-36 hidden set, opened in session 37): its failures after the session-37 fixes
    "h36-q30": "橄湾控股在安达卢西亚有多少公顷橄榄园？ — "
               "refused (or only what is known is said)",
    "h36-q37": "醍沅生化董事长被留置后，由谁暂代董事长？股票哪天恢复买卖？ — "
               "the answer misses ['执行董事兼总裁', '2月3日']",
    # dev-39 (the session-38 hidden set, opened in session 39): its failures at the end of session 39
    "h38-q02": "How much krill meal revenue did Mingke Marine book in 1H FY2026, … — "
               "'krill' is in no dictionary the engine reads (磷虾): the krill meal row is not found; refused",
    # dev-40 (the session-39 hidden set, opened in session 40): its failures at the end of session 40
    "h39-q02": "瓯荔果业估计冰雹会让2026年荔枝减产多少吨？保险大概能赔多少？ — "
               "two questions in one: the second (保险大概能赔多少) takes the first's 2026 and reads the insurer's payout line as a forecast made before that year ended; only the first part is answered",
    "h39-q25": "驼峦乳业2025财年原料骆驼奶的平均收购价是每公斤多少？ — "
               "a Chinese question over an article written wholly in English: 原料骆驼奶 and 收购价 are not read as the English text's words; refused",
    "h39-q26": "How much raw camel milk did Dunevale coll… — "
               "the English article's region row (Altay, Xinjiang: 3,260) is not taken for the place asked; the total collected is quoted",
    "h39-q28": "椰礁控股买了汀椰饮品多少股权？花了多少钱？ — "
               "a second question naming no thing of its own (花了多少钱？) is not split off; the stake's sentence (70%) states no money asked",
    "h39-q36": "藜鹄农业有几款产品入选航天食品供应目录？首批要供货多少？ — "
               "a count in Chinese numerals (三款产品) is read as no figure; only the second part (1.2吨) is answered",
    "h39-q48": "How much pine resin did Paiyuan tap in Gu… — "
               "'pine resin' and 'tap' are in no dictionary as 松脂 and 采集: refused",
    # dev-41 (the session-40 hidden set, opened in session 41): its failures at the end of session 41
    "h40-q06": "栈香食品那条破吉尼斯纪录的广式腊肠有多长？做了多久？ — "
               "two questions in one: the second (做了多久) is answered by the announcement's first line, not the 9小时 sentence",
    "h40-q08": "栈香食品的广式腊肠在2025年贡献了多少收入？ — "
               "贡献 is read as a word the figure must hold: the product row (广式腊肠 842.6) is not taken; refused",
    "h40-q14": "碧芦控股2025财年芦荟凝胶的收入是多少？ — "
               "a Chinese question over an article written wholly in English: 芦荟凝胶 is not read as 'Aloe gel'; refused",
    "h40-q25": "坪野食品第一年给米其林餐厅集团供多少甘栗仁？首批甜品计划什么时候推出？ — "
               "米其林餐厅集团 (the question's name for a partner the article calls 一家拥有米其林二星餐厅的餐饮集团) is read as a company no document holds; refused",
    # dev-42 (the session-41 hidden set, opened in session 42): its failures at the end of session 42
    "h41-q02": "窨橘控股那个新的陈化仓储基地要投多少钱?建成后能存多少吨陈皮? — "
               "two questions in one: the first part, worded '那个新的…要投', is not matched to the sentence opening '新基地' that the single question now finds; the second ('能存多少吨陈皮') takes the peel sales volume (3,260吨)",
    "h41-q37": "How many tonnes of hairy crab did Aohu Aq… — "
               "'crab' is 蟹, which the article writes only inside 大闸蟹 (no token of its own): read as a word no passage holds, refused (reading it as written made 'persimmon wine' present through 料酒 elsewhere)",
    "h41-q45": "How much did Linwei Hats earn from wheat… — "
               "'wheat-straw hats' is in no dictionary as 麦秆帽: refused",
    "h41-q46": "For Suisuan Agriculture's new Qingdao–Sa… — "
               "two questions in one, read as a comparison ('versus'): 'reefer route', 'voyage' and 'transhipment' are not the article's 冷藏直航, 航程, 中转 for the engine: refused",
    # dev-43 (the session-42 hidden set, opened in session 43): its failures at the end of session 43
    "h42-q04": "What interim dividend did Paxi Agricultu… — "
               "two questions in one, the second asking how much the attributable profit grew 'in that half': read as a derived growth of the second half over the first, so nothing is computed (the interim dividend is quoted); the half's stated 5.1% is not given",
    # dev-45 (the session-44 hidden set, opened in session 45): its failures at the end of session 45
    "h44-q47": "How much FY2025 revenue did 茝佩香业 make from its Dragon Boat Festival sachets? — "
               "'Dragon Boat Festival sachets' is the table row 端午香囊, a chunk not retrieved for the English words: refused",
}


@pytest.fixture(scope="module")
def unseen_engine(corpus_index, tmp_path_factory):
    return engine_beside_corpus(corpus_index, tmp_path_factory, "unseen",
                                 [CORPUS_EXTRA, DATA / "dev-3" / "corpus", DATA / "corpus-dev4"], 12 + 9 + 3)


def _params(questions):
    return question_params(questions, KNOWN_FAILURES)


@pytest.mark.slow
@pytest.mark.parametrize("q", _params(DEV3))
def test_dev3(unseen_engine, q):
    """Look-ups on nine articles about companies no config names: answered from their
    article (Chinese, English, tickers, two-part), near-misses and absent companies refused."""
    _assert_as_expected(unseen_engine.ask(q["question"], q.get("history")), q)


@pytest.mark.slow
@pytest.mark.parametrize("q", _params(DEV4))
def test_dev4(unseen_engine, q):
    """The same on three articles written for this set (a quarter, an interim, an IPO)."""
    _assert_as_expected(unseen_engine.ask(q["question"], q.get("history")), q)


@pytest.mark.slow
@pytest.mark.parametrize("q", _params(DEV5))
def test_dev5(dev5_engine, q):
    """Ten articles by someone who did not develop the engine: factual look-ups (Chinese, English,
    an explainer), follow-ups, tickers, two-part questions, near-misses and absent companies."""
    _assert_as_expected(dev5_engine.ask(q["question"], q.get("history")), q)


@pytest.mark.slow
@pytest.mark.parametrize("q", _params(DEV6))
def test_dev6(dev6_engine, q):
    """Ten articles written blind (monthly figures, two companies in one article, several dates of
    one metric): Chinese and English look-ups, follow-ups, tickers, two-part questions, near-misses and absent
    companies (a name beside a known one: "永利澳门", "中国燃气"; a name before a month: "中国国航10月份")."""
    _assert_as_expected(dev6_engine.ask(q["question"], q.get("history")), q)


@pytest.mark.slow
@pytest.mark.parametrize("q", _params(DEV7))
def test_dev7(dev7_engine, q):
    """Ten articles written blind in session 6 (a broker note, a filing, a column comparing two companies, a wire
    story of monthly volumes, a .txt and an .html page, a sector explainer with a four-company table): Chinese and
    English look-ups, follow-ups, tickers, two-part questions, near-misses and absent companies."""
    _assert_as_expected(dev7_engine.ask(q["question"], q.get("history")), q)


@pytest.mark.slow
@pytest.mark.parametrize("q", _params(DEV8))
def test_dev8(dev8_engine, q):
    """Ten articles written blind in session 7 (a four-company sportswear explainer, a column on two cosmetics
    companies, an exchange filing, a .txt and an .html page, several periods of one metric, companies with and without
    English names): Chinese and English look-ups, pinyin names, follow-ups, tickers, two-part questions, near-misses
    and absent companies."""
    _assert_as_expected(dev8_engine.ask(q["question"], q.get("history")), q)


@pytest.mark.slow
@pytest.mark.parametrize("q", _params(DEV9))
def test_dev9(dev9_engine, q):
    """Ten articles written blind in session 8 (a two-company beer column, a pork-farming explainer with a
    four-company table, a brokerage's nine months, monthly box office, a bank's interim, a .txt and an .html page):
    Chinese and English look-ups, pinyin names, follow-ups, tickers, two-part questions, near-misses and absent
    companies."""
    _assert_as_expected(dev9_engine.ask(q["question"], q.get("history")), q)


@pytest.mark.slow
@pytest.mark.parametrize("q", _params(DEV10))
def test_dev10(dev10_engine, q):
    """Ten articles written blind in session 9 (a three-company security-camera explainer with a table, two cement
    companies compared, a condiments column, a filing's nine months, a broker note, a .txt and an .html page, units
    such as tonnes, cars and burial plots): Chinese and English look-ups, pinyin names, follow-ups, tickers, two-part
    questions, near-misses and absent companies."""
    _assert_as_expected(dev10_engine.ask(q["question"], q.get("history")), q)


@pytest.mark.slow
@pytest.mark.parametrize("q", _params(DEV11))
def test_dev11(dev11_engine, q):
    """Ten articles written blind in session 10 (a coal broker note with a four-company explainer table, two
    aluminium companies compared, a .txt and an .html page, tickers such as （港股：2233） and （1929 HK）): Chinese and
    English look-ups, pinyin names, follow-ups, tickers, two-part questions, near-misses and absent companies."""
    _assert_as_expected(dev11_engine.ask(q["question"], q.get("history")), q)


@pytest.mark.slow
@pytest.mark.parametrize("q", _params(DEV12))
def test_dev12(dev12_engine, q):
    """Ten articles written blind in session 11 (a copper explainer with a four-company table, two infant-formula
    makers in one column, a .txt filing and an .html page, quarterly and segment tables): Chinese and English
    look-ups, pinyin names, follow-ups, tickers, two-part questions, near-misses and absent companies."""
    _assert_as_expected(dev12_engine.ask(q["question"], q.get("history")), q)


@pytest.mark.slow
@pytest.mark.parametrize("q", _params(DEV13))
def test_dev13(dev13_engine, q):
    """Ten articles written blind in session 12 (a PCB explainer with a four-company table, two rail-equipment
    makers in one column, a .txt wire story and an .html page, nine-month, quarterly and monthly figures, US$
    production figures): Chinese and English look-ups, pinyin names, follow-ups, tickers, two-part questions,
    near-misses and absent companies."""
    _assert_as_expected(dev13_engine.ask(q["question"], q.get("history")), q)


@pytest.mark.slow
@pytest.mark.parametrize("q", _params(DEV14))
def test_dev14(dev14_engine, q):
    """Ten articles written blind in session 13 (duty-free, education publishing, cold-chain, battery recycling
    with a three-company HTML table, cruise lines in US$, two theme parks in one column, industrial gases with a
    FY2022-FY2024 table, e-two-wheelers, an airport's monthly data, luggage): Chinese and English look-ups, pinyin
    and Chinese names in English questions, tickers, two-part, region and segment questions, near-misses and
    absent companies."""
    _assert_as_expected(dev14_engine.ask(q["question"], q.get("history")), q)


@pytest.mark.slow
@pytest.mark.parametrize("q", _params(DEV15))
def test_dev15(dev15_engine, q):
    """Ten articles written blind in session 14 (a vaccine broker note, an HTML medical-aesthetics story with a
    segment table, a .txt service-robot wire story, a drone maker's nine-month filing with its English name first,
    three coffee chains in one table, two diaper makers in one column, a feed maker's monthly bulletin, a futures
    broker, an e-cigarette ODM's three-year US$ series, a plasma company's guidance): Chinese and English
    look-ups, pinyin and Chinese names in English questions, tickers, two-part, table and monthly questions,
    near-misses and absent companies."""
    _assert_as_expected(dev15_engine.ask(q["question"], q.get("history")), q)


@pytest.mark.slow
@pytest.mark.parametrize("q", _params(DEV16))
def test_dev16(dev16_engine, q):
    """Ten articles written blind in session 15 (a wire-and-cable broker note, a cross-border payments interim
    with its English name first, an HTML KTV story, a .txt driving-school nine-month story, a bicycle maker's
    three-year US$ series, a toll road's monthly bulletin, three coatings makers in one table, a piano maker's
    nine-month filing, a hearing-aid retailer's guidance, a fitness chain's quarter): Chinese and English look-ups,
    pinyin and Chinese names in English questions, tickers, two-part, table, unit and monthly questions,
    near-misses and absent companies."""
    _assert_as_expected(dev16_engine.ask(q["question"], q.get("history")), q)


@pytest.mark.slow
@pytest.mark.parametrize("q", _params(DEV17))
def test_dev17(dev17_engine, q):
    """Ten articles written blind in session 16 (an LED-display broker note, a pet-hospital interim with its
    English name first, a security-guarding nine-month filing, a .txt ski-resort guidance story, a seafood
    farmer's monthly bulletin, three wedding-services companies in one table, a fire-safety maker's three-year
    US$ series, an HTML elderly-care story, a testing-and-certification quarter, a smart-parking quarter with
    October data): Chinese and English look-ups, pinyin names, tickers, two-part, table, unit and monthly
    questions, near-misses, absent companies and follow-ups."""
    _assert_as_expected(dev17_engine.ask(q["question"], q.get("history")), q)


@pytest.mark.slow
@pytest.mark.parametrize("q", _params(DEV18))
def test_dev18(dev18_engine, q):
    """Ten articles written blind in session 17 (a solar-inverter broker note, a forklift maker's fiscal year with
    its English name first and a US$ series, an HTML school-uniform interim, a .txt bus maker's monthly bulletin,
    a postpartum-care guidance story, three sanitary-ware makers in one table, an agricultural-machinery
    nine-month filing, a power-bank rental quarter with October data, a watch retailer's HK$ interim, a
    housekeeping platform's nine months): Chinese and English look-ups, pinyin names, tickers, two-part, table,
    unit and monthly questions, near-misses, absent companies and follow-ups."""
    _assert_as_expected(dev18_engine.ask(q["question"], q.get("history")), q)


@pytest.mark.slow
@pytest.mark.parametrize("q", _params(DEV19))
def test_dev19(dev19_engine, q):
    """Ten articles written blind in session 18 (an industrial-pump broker note, a golf-equipment maker's fiscal
    year to June with its English name first and a US$ series, an HTML cord-blood bank interim, a .txt mushroom
    grower's monthly bulletin, a self-storage guidance story, three rare-earth magnet makers in one table, a
    dialysis chain's nine-month filing, a hair-salon quarter with October data, a pawn lender's HK$ interim, a 3D
    printer maker's nine months): Chinese and English look-ups, pinyin names, tickers, two-part, table, unit and
    monthly questions, near-misses, absent companies and follow-ups."""
    _assert_as_expected(dev19_engine.ask(q["question"], q.get("history")), q)


@pytest.mark.slow
@pytest.mark.parametrize("q", _params(DEV20))
def test_dev20(dev20_engine, q):
    """Ten articles written blind in session 19 (a glass-fibre broker note, a home-fragrance maker's fiscal year to
    September with its English name first and a US$ series, an HTML hotel-linen laundry interim, a .txt egg
    producer's monthly bulletin, a co-working guidance story, three bottled-water makers in one table, a lottery
    systems nine-month filing, a luxury-resale quarter with October data, a bakery chain's HK$ interim, a robotic
    mower maker's nine months): Chinese and English look-ups, pinyin names, tickers, two-part, table, unit and
    monthly questions, near-misses, absent companies and follow-ups."""
    _assert_as_expected(dev20_engine.ask(q["question"], q.get("history")), q)


@pytest.mark.slow
@pytest.mark.parametrize("q", _params(DEV21))
def test_dev21(dev21_engine, q):
    """Ten articles written blind in session 20 (a bearings broker note, an outdoor-gear maker's fiscal year to June
    with its English name first and a US$ series, an HTML canteen caterer's interim, a .txt hydropower monthly
    bulletin, a car-care chain's raised guidance, three titanium-dioxide makers in one table, a fertility group's
    nine-month filing, a short-drama platform's quarter with October data, a property agency's HK$ interim, a smart-
    lock maker's nine months): Chinese and English look-ups, pinyin names, tickers, two-part, table, unit and
    monthly questions, near-misses, absent companies and follow-ups."""
    _assert_as_expected(dev21_engine.ask(q["question"], q.get("history")), q)


@pytest.mark.slow
@pytest.mark.parametrize("q", _params(DEV23))
def test_dev23(dev23_engine, q):
    """Ten articles written blind in session 22 (a zipper maker's English press release with a fiscal year to March, a
    market flash list of seven companies, a vending operator's quarterly table in 人民币千元, a salt maker's bilingual
    chairman's statement, an implant maker's correction notice, a satellite maker's scenario analysis, an exhibition
    organiser's acquisition with an earn-out, an HTML photo-studio chain's per-store data, a .txt glove maker's Q&A, a
    stationery maker's dividend history): Chinese and English look-ups, pinyin names, tickers, two-part, table, unit,
    region and monthly questions, near-misses, absent companies and follow-ups."""
    _assert_as_expected(dev23_engine.ask(q["question"], q.get("history")), q)


@pytest.mark.slow
@pytest.mark.parametrize("q", _params(DEV24))
def test_dev24(dev24_engine, q):
    """Ten articles written blind in session 23 (a heating operator's credit rating report, a fishing-tackle maker's
    two-level segment table for a fiscal half to September, a wig maker's IPO prospectus with cornerstone investors, an
    HTML ceramic-tile monthly bulletin, a festive-lighting profit warning in 万元 ranges, three car dealers in one broker
    table, a flower grower's AGM minutes, a .txt business-aviation quarter with figures in English, a carbon-black
    maker's disclosure of interests, a lubricant maker's ESG highlights): Chinese and English look-ups, pinyin names,
    tickers, two-part, table, unit, segment, region and monthly questions, near-misses, absent companies and
    follow-ups."""
    _assert_as_expected(dev24_engine.ask(q["question"], q.get("history")), q)


@pytest.mark.slow
@pytest.mark.parametrize("q", _params(DEV25))
def test_dev25(dev25_engine, q):
    """Ten articles written blind in session 24 (a can maker's continuing connected transaction with annual caps in
    人民币千元, a hot-spring resort's rights issue, a .txt rice-noodle maker's income statement in pipe rows with notes,
    an RV maker's monthly update written wholly in English, an HTML mattress retailer's stores by province, a lead-frame
    maker's customer concentration, an MDF maker's plant fire, a pipe maker's privatisation, a water-meter maker's
    contract awards, a tug operator's disposal of a subsidiary): Chinese and English look-ups, pinyin names, tickers,
    two-part, table, unit, segment, region and monthly questions, near-misses, absent companies and follow-ups."""
    _assert_as_expected(dev25_engine.ask(q["question"], q.get("history")), q)


@pytest.mark.slow
@pytest.mark.parametrize("q", _params(DEV26))
def test_dev26(dev26_engine, q):
    """Ten articles written blind in session 25 (an MRO investor day, a cashmere spin-off with assured entitlement, an
    HTML kindergarten enrolment update, an oilfield-services exchange offer written wholly in English, a .txt broker
    preview built on monthly umbrella shipments, a change in use of IPO proceeds, a toothpaste recall, a share award
    grant, a TCM procurement award, a vape maker's US tariff assessment): Chinese and English look-ups, pinyin names,
    tickers, two-part, table, unit, segment, region and monthly questions, near-misses, absent companies and
    follow-ups."""
    _assert_as_expected(dev26_engine.ask(q["question"], q.get("history")), q)


@pytest.mark.slow
@pytest.mark.parametrize("q", _params(DEV27))
def test_dev27(dev27_engine, q):
    """Ten articles written blind in session 26 (a civil-explosives maker's monthly return with a daily buy-back table,
    a container lessor's green notes written wholly in English, a vertical-farm joint venture, a psychiatric hospital
    group's resumption of trading, a .txt peanut-oil maker's terminated supply contract, an HTML ropeway operator's
    scrip dividend, a compressor maker's wealth-management subscriptions, a water-purifier maker's profit-guarantee
    shortfall, a rubber planter's sustainability-linked loan, a stroller maker's EGM poll): Chinese and English
    look-ups, pinyin names, two-part, table, unit, segment, region and monthly questions, near-misses, absent companies
    and follow-ups."""
    _assert_as_expected(dev27_engine.ask(q["question"], q.get("history")), q)


@pytest.mark.slow
@pytest.mark.parametrize("q", _params(DEV28))
def test_dev28(dev28_engine, q):
    """Ten articles written blind in session 27 (a lab-grown diamond maker's change of auditor, a mahjong-table maker's
    bonus warrants, a bird's-nest company's very substantial acquisition, a glucose-monitor maker's A-share plan, a
    livestock carrier's offshore debt restructuring written wholly in English, a .txt share consolidation, a tungsten
    miner's broker downgrade, a honey company's change of name, an HTML helmet maker's unusual price movement, a silk
    maker's factory lease): Chinese and English look-ups, pinyin names, two-part, table, unit, region and monthly
    questions, near-misses, absent companies and follow-ups."""
    _assert_as_expected(dev28_engine.ask(q["question"], q.get("history")), q)


@pytest.mark.slow
@pytest.mark.parametrize("q", _params(DEV22))
def test_dev22(dev22_engine, q):
    """Ten articles written blind in session 21 (a sewing-machine maker's call transcript with amounts said in words,
    a broker's initiation with a forecast table, a separator maker's profit warning, a placing with convertible bonds,
    five tea companies in one roundup, a ferry operator's results in traditional characters, a crop-protection maker's
    regions and products table, a refractory maker's restated year, an HTML freight forwarder's quarter, a .txt
    copper-foil monthly bulletin): Chinese and English look-ups, pinyin names, tickers, two-part, table, unit and
    monthly questions, near-misses, absent companies and follow-ups."""
    _assert_as_expected(dev22_engine.ask(q["question"], q.get("history")), q)


@pytest.mark.slow
def test_an_english_name_one_article_gives_finds_another_articles_chinese(unseen_engine):
    """news-30 gives 宁德时代's English name ("CATL"); news-06 writes only 宁德时代. The English
    question finds news-06's sentence (the largest IPO of the year), through the catalogue."""
    a = unseen_engine.ask("How much did CATL's H-share offering raise, the largest Hong Kong IPO of 2025?")
    assert not a.refused, a.text
    assert "410亿港元" in a.text
    assert "news-06" in {c.doc_id for c in a.citations}, a.text


@pytest.mark.slow
@pytest.mark.parametrize("q", _params(DEV29))
def test_dev29(dev29_engine, q):
    """Ten articles written blind in session 28 (a vacuum-flask maker's mandatory general offer, a snack maker's index
    inclusion with monthly data, a yacht builder's change of CEO written wholly in English, a graphite-electrode maker's
    arbitration award, an HTML esports-hotel chain's rebuttal of a short seller, a .txt carpet maker's anti-dumping
    ruling, a blueberry grower's deemed disposal, a catheter maker's chairman interview, a repellent maker's convertible
    bond redemption, an auction house's financial assistance): Chinese and English look-ups, pinyin names, two-part,
    table, unit, region and monthly questions, near-misses, absent companies and follow-ups."""
    _assert_as_expected(dev29_engine.ask(q["question"], q.get("history")), q)


@pytest.mark.slow
@pytest.mark.parametrize("q", _params(DEV30))
def test_dev30(dev30_engine, q):
    """Ten articles written blind in session 29 (a pickled-vegetable maker's land resumption, an HTML duck-neck chain's
    ransomware attack, a .txt noodle maker's winding-up petition, a rice-wine maker's forced share sale, a go-kart
    operator's sale and leaseback, a durian importer's customs reassessment, a fastener maker's plant closure, a
    wheelchair maker's distribution deal written wholly in English, a hanfu brand's licensing deal, a cat-litter maker's
    customer bankruptcy): Chinese and English look-ups, pinyin names, two-part, table, unit, region and monthly
    questions, near-misses, absent companies and follow-ups."""
    _assert_as_expected(dev30_engine.ask(q["question"], q.get("history")), q)


@pytest.mark.slow
@pytest.mark.parametrize("q", _params(DEV31))
def test_dev31(dev31_engine, q):
    """Ten articles written blind in session 30 (a straw-power producer's emission-reduction sale, an HTML photoresist
    maker's government grants, a tannery's environmental penalty, an insulation maker's covenant waiver written wholly in
    English, a seaweed-snack maker's land purchase, a massage-chair maker's US patent verdict, a tipping-paper maker's
    dividend policy, a .txt denim maker's buy-back offer, a wine importer's capital reduction, a study-abroad
    consultancy's change of financial year end): Chinese and English look-ups, pinyin names, two-part, table, unit,
    region and monthly questions, near-misses, absent companies and follow-ups."""
    _assert_as_expected(dev31_engine.ask(q["question"], q.get("history")), q)


@pytest.mark.slow
@pytest.mark.parametrize("q", _params(DEV32))
def test_dev32(dev32_engine, q):
    """Ten articles written blind in session 31 (a fluorite producer's H-share full circulation, an HTML electrical-equipment
    maker's flood insurance settlement, a quartz-sand maker's take-or-pay supply deal, an electrolyser maker's MOU for a German stack maker
    written wholly in English, a .txt generator maker's currency-loss warning, a wound-dressing maker's device
    registrations, a spicy-snack maker's price increase, a probiotics maker's loan capitalisation, a steel-cable maker's
    move to the main board, a starch maker's EPC contract): Chinese and English look-ups, pinyin names, two-part,
    table, unit, region and monthly questions, near-misses, absent companies and follow-ups."""
    _assert_as_expected(dev32_engine.ask(q["question"], q.get("history")), q)


@pytest.mark.slow
@pytest.mark.parametrize("q", _params(DEV33))
def test_dev33(dev33_engine, q):
    """Ten articles written blind in session 32 (a fireworks maker's lock-up expiry, a gypsum-board maker's perpetual
    capital securities, a biotech maker's high-tech tax rate, an IVD maker's Latin American licence written wholly in
    English, a .txt goji grower's subsidiary in bankruptcy, an optical-fibre maker's fund commitment, an HTML
    medical-waste company's ABS, a tourism-show operator's Spring Festival data, a welding-materials maker's guarantees, a barite
    miner's resource and reserve update): Chinese and English look-ups, pinyin names, two-part, table, unit, region and
    monthly questions, near-misses, absent companies and follow-ups."""
    _assert_as_expected(dev33_engine.ask(q["question"], q.get("history")), q)


@pytest.mark.slow
@pytest.mark.parametrize("q", _params(DEV34))
def test_dev34(dev34_engine, q):
    """Ten articles written blind in session 33 (a wire-harness maker's Mexican strike, a dredging group's newbuild order,
    an injection-moulding machine maker's bonus issue, a .txt battery maker's lead-futures hedging loss, an HTML lithium
    miner's exploration-right win, a power-tool maker's panda bonds written wholly in English, an earphone maker's
    treasury-share resale, a hosiery exporter's Canton Fair orders, a wallpaper maker's forensic review, an algae grower's
    terminated acquisition): Chinese and English look-ups, pinyin names, two-part, table, unit, region and monthly
    questions, near-misses, absent companies and follow-ups."""
    _assert_as_expected(dev34_engine.ask(q["question"], q.get("history")), q)


@pytest.mark.slow
@pytest.mark.parametrize("q", _params(DEV35))
def test_dev35(dev35_engine, q):
    """Ten articles written blind in session 34 (a machine-tool maker's GDR listing in Switzerland, a crane maker's
    distribution in specie, a projector maker's arena naming rights, a .txt biotech's phase III readout, an HTML
    cultivated-meat maker's de-SPAC, a dating-app company's class-action settlement written wholly in English, a palm-oil
    planter's SGX delisting, a fuel retailer's renminbi counter, a tuna fishery's redomiciliation, a heparin maker's FDA
    warning letter): Chinese and English look-ups, pinyin names, two-part, table, unit, region and monthly questions,
    near-misses, absent companies and follow-ups."""
    _assert_as_expected(dev35_engine.ask(q["question"], q.get("history")), q)


@pytest.mark.slow
@pytest.mark.parametrize("q", _params(DEV36))
def test_dev36(dev36_engine, q):
    """Ten articles written blind in session 35 (a salmon farmer's listing by introduction written wholly in English, a
    ginseng processor's investment agreement, a microlender's disclaimer of opinion, an HTML connector maker's Entity
    List addition, a chocolate maker's share-increase plan, a .txt gelatin maker's antitrust penalty, a kiwifruit
    grower's put option, a cattle rancher's debt-to-equity swap, a shelf-label maker's cornerstone investment, a
    telescope maker's public censure): Chinese and English look-ups, pinyin names, two-part, table, unit, region and
    monthly questions, near-misses, absent companies and follow-ups."""
    _assert_as_expected(dev36_engine.ask(q["question"], q.get("history")), q)


@pytest.mark.slow
@pytest.mark.parametrize("q", _params(DEV37))
def test_dev37(dev37_engine, q):
    """Ten articles written blind in session 36 (a pearl farmer's NEEQ quotation, an eel farmer's freeze loss, an HTML
    rosewood furniture maker's frozen accounts, a table-tennis maker's tour supplier deal, a .txt scaffolding renter's
    suspension, an olive-oil grower's EGM requisition written wholly in English, a fishing-net maker's state-share
    transfer, an MSG maker's chairman detained, an agarwood grower's export quota, a rubber-footwear maker's shareholder
    perks): Chinese and English look-ups, pinyin names, two-part, table, unit, region and monthly questions,
    near-misses, absent companies and follow-ups."""
    _assert_as_expected(dev37_engine.ask(q["question"], q.get("history")), q)


@pytest.mark.slow
@pytest.mark.parametrize("q", _params(DEV38))
def test_dev38(dev38_engine, q):
    """Ten articles written blind in session 37 (a red-date futures delivery warehouse, a kitchen-knife maker's
    time-honoured brand, an enamel-cookware maker's customs certification, an oat-milk maker's abolished supervisory
    committee, a deer-antler farmer's founder's death, an HTML antimony miner's nationalised mine, a navel-orange
    grower's geographical indication, a .txt yellow-phosphorus maker's maintenance shutdown, a cashew processor's
    presentation currency written wholly in English, a teaware maker's short-selling eligibility): Chinese and English
    look-ups, pinyin names, two-part, table, unit, region and monthly questions, near-misses, absent companies and
    follow-ups."""
    _assert_as_expected(dev38_engine.ask(q["question"], q.get("history")), q)


@pytest.mark.slow
@pytest.mark.parametrize("q", _params(DEV39))
def test_dev39(dev39_engine, q):
    """Ten articles written blind in session 38 (a krill fisher's vessel arrested in Montevideo, a pigeon breeder's
    avian-flu cull, a cherry grower's plant variety rights, an HTML cotton grower's state-reserve sale, a .txt badminton
    maker's export-rebate cut, a yak-dairy chairman's divorce share transfer, a sea-buckthorn juice recall, a
    frozen-food maker's board election, a diatomite miner's director dealing in a black-out period written wholly in
    English, a pepper-oil maker's industry standard): Chinese and English look-ups, pinyin names, two-part, table, unit,
    region and monthly questions, near-misses, absent companies and follow-ups."""
    _assert_as_expected(dev39_engine.ask(q["question"], q.get("history")), q)


@pytest.mark.slow
@pytest.mark.parametrize("q", _params(DEV40))
def test_dev40(dev40_engine, q):
    """Ten articles written blind in session 39 (a lychee grower's hailstorm, a crayfish brand's ambassador deal, an HTML
    camellia-oil maker's announcement, a kite maker's intangible-heritage listing, a camel-dairy's halal certificate
    written wholly in English, a coconut group's merger clearance, a .txt ham maker's gold medal, a quinoa grower's
    space-food listing, a rattan-furniture maker's pay cuts, a pine-resin chemist's dividend suspension): Chinese and
    English look-ups, pinyin names, two-part, table, unit, region and monthly questions, near-misses, absent companies
    and follow-ups."""
    _assert_as_expected(dev40_engine.ask(q["question"], q.get("history")), q)


@pytest.mark.slow
@pytest.mark.parametrize("q", _params(DEV41))
def test_dev41(dev41_engine, q):
    """Ten articles written blind in session 40 (a wood-ear grower's documentary, a sausage maker's world record, a
    persimmon grower's earthquake damage, an aloe group's carbon footprint certificate written wholly in English, a
    lavender grower's donation, an HTML bonsai nursery's China-Europe freight train, a .txt lantern maker's Asian Games contract, a chestnut
    maker's Michelin supply deal, a chopstick maker's settlement, an embroidery maker's museum): Chinese and English
    look-ups, pinyin names, two-part, table, unit, region and monthly questions, near-misses, absent companies and
    follow-ups."""
    _assert_as_expected(dev41_engine.ask(q["question"], q.get("history")), q)


@pytest.mark.slow
@pytest.mark.parametrize("q", _params(DEV42))
def test_dev42(dev42_engine, q):
    """Ten articles written blind in session 41 (a tangerine-peel maker's warehouse, a hairy-crab farmer's state-banquet
    listing, a folding-fan maker's design award, a bean-curd maker's anniversary written wholly in English, a
    chrysanthemum-tea maker's expo purchase, an HTML rice-dumpling maker's lighthouse factory, a .txt batik maker's
    industry college, a playing-card maker's gala, a straw-hat maker's World Cup order, a garlic grower's maiden voyage):
    Chinese and English look-ups, pinyin names, two-part, table, unit, region and monthly questions, near-misses, absent
    companies and follow-ups."""
    _assert_as_expected(dev42_engine.ask(q["question"], q.get("history")), q)


@pytest.mark.slow
@pytest.mark.parametrize("q", _params(DEV43))
def test_dev43(dev43_engine, q):
    """Ten articles written blind in session 42 (a loquat grower's price-index insurance, a cloisonné maker's stamp set,
    an ostrich farmer's design week, a harmonica maker's single-champion title written wholly in English, an HTML
    rice-cake maker's Bangkok pop-up, a .txt dendrobium grower's academician workstation, a billiard-table maker's
    100,000th table, a ginger exporter's RCEP shipment, an abacus school's championship, an osmanthus maker's
    well-known trademark): Chinese and English look-ups, pinyin names, two-part, table, unit, region and monthly
    questions, near-misses, absent companies and follow-ups."""
    _assert_as_expected(dev43_engine.ask(q["question"], q.get("history")), q)


@pytest.mark.slow
@pytest.mark.parametrize("q", _params(DEV44))
def test_dev44(dev44_engine, q):
    """Ten articles written blind in session 43 (a hawthorn-snack maker seen in a TV drama, a sturgeon farmer's 4A
    tourist park, a bean-paste maker's model worker, a speed-cube maker's crowdfunding written wholly in English, an
    HTML passion-fruit grower's order fair, a .txt quail-egg maker on a polar expedition's food list, a bowling-equipment
    maker's year-end bonus, a glass-art maker's digital collectibles, a qipao maker's museum collection, a herbal-jelly
    maker's disability-employment base): Chinese and English look-ups, pinyin names, two-part, table, unit, region and
    monthly questions, near-misses, absent companies and follow-ups."""
    _assert_as_expected(dev44_engine.ask(q["question"], q.get("history")), q)


@pytest.mark.slow
@pytest.mark.parametrize("q", _params(DEV45))
def test_dev45(dev45_engine, q):
    """Ten articles written blind in session 44 (see tests/data/dev-45/README.md): Chinese and English look-ups, pinyin
    names, two-part, table, unit, region and monthly questions, near-misses, absent companies and follow-ups."""
    _assert_as_expected(dev45_engine.ask(q["question"], q.get("history")), q)
