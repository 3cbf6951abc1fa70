"""End-to-end run of `tests/data/stress-13/rdfig.jsonl` (session 13, issue 12): reader questions answered with
figures — derived (shares, multiples, differences, a net margin; a range's ends; two currencies never combined),
latest, definition and advice — asked in words no earlier set used, over the dev-12 articles (ingested beside the
bundled corpus and corpus-extra), written before the fix. What the engine still gets wrong is a strict xfail with
the reason."""

from __future__ import annotations

import pytest

from support import CORPUS_EXTRA, assert_reader_answer, stress_params

pytestmark = pytest.mark.slow  # an engine over 43 documents, built once (support.dev12_engine)
DATA = CORPUS_EXTRA.parent

KNOWN_FAILURES: dict[str, str] = {
    "s13-rdfig-03": "江海重工三季度新签合同金额比一季度少了多少亿美元？ — jieba cuts 新签合同金额 as 新|签合同|金额 and no "
                    "passage holds 签合同: the table's rows ('三季度:新签艘数17;合同金额17.1亿美元') are quoted, nothing is computed",
    "s13-rdfig-04": "Jianghai Heavy's order backlog is how many times … new orders … first nine months? — the backlog's "
                    "figure stands in a clause labelled only '金额约218亿美元' (手持订单 is two clauses before) and is dated "
                    "9月30日, not the nine months the question names for both operands: nothing is computed",
    "s13-rdfig-09": "桂甜糖业2024/25榨季的产糖量比上一个榨季多了多少万吨？ — a crushing season (2024/25榨季) is no period "
                    "chatbot.text reads: both operands get the year 2024 and nothing is computed",
    "s13-rdfig-12": "What is Guitian Sugar's most recent half-year revenue figure? — the revenue sentence ('期内收入34.8亿元') "
                    "names its period only through 期内 (the sentence before says 截至2025年6月30日止六个月); the half-year "
                    "kind ranks the by-product sentence that says 上半年 first",
    "s13-rdfig-08": "完成了全年产量指引的几成: no share cue for 完成了…的几成; read as a look-up, which quotes the article's own 约占全年指引中值的49%",
}


@pytest.mark.parametrize("q", stress_params("stress-13", "rdfig", KNOWN_FAILURES))
def test_stress13_reader_figures(dev12_engine, q):
    """Derived, latest, definition and advice questions in other words: the figure, its date, the defining sentence,
    the no-advice line."""
    assert_reader_answer(dev12_engine.ask(q["question"], q.get("history")), q)


def test_advice_on_a_company_the_report_does_not_assess_quotes_only_its_own_articles(dev12_engine):
    """s13-rdfig-15: advice on 江海重工 quoted the report's conclusion on 云知声 and 筑升租赁's article (which names
    江海重工 as a customer) as the neutral comparison; it quotes 江海重工's own article and the no-advice line."""
    a = dev12_engine.ask("江海重工订单排到2028年了，现在可以建仓吗？")
    assert a.intent == "advice"
    assert a.citations, a.text
    assert {c.doc_id for c in a.citations} == {"news-121"}, a.text
    assert "不构成投资建议" in a.text
