"""chatbot.evaluation's pure parts, table-driven on hand-made cases with known values:
fact matching, retrieval metrics, citation precision, unsupported figures, refusal
rates, the percentile, judge replies, aggregation (overall and per intent), the
diagnosis and the gate."""

from __future__ import annotations

from pathlib import Path

import pytest

from chatbot.evaluation import (
    GATE,
    Record,
    aggregate,
    answer_sentences,
    check_gate,
    citation_precision,
    diagnose,
    evaluate_records,
    fact_found,
    fact_hit,
    false_refusal_rate,
    gate_rows,
    hit_at_k,
    latency_stats,
    llm_judge,
    mean_reciprocal_rank,
    missing_facts,
    parse_score,
    percentile,
    recall_at_k,
    reciprocal_rank,
    refusal_accuracy,
    refusal_correct,
    source_hit,
    unsupported_figures,
)
from chatbot.text import normalize
from support import make_settings

# --- fact matching and normalisation ---------------------------------------------------


def test_full_width_digits_and_thousands_separators_match():
    assert normalize("１，２３４") == normalize("1234") == "1234"
    assert fact_hit("收入为１，２３４万元", ["1234万"])
    assert fact_hit("收入为1,234万元", ["１２３４万"])
    assert fact_hit("收入为 1 234 万元", ["1234万"])
    assert fact_hit("增长１０５７％", ["1057%"])
    assert not fact_hit("收入为1,235万元", ["1234万"])


def test_every_fact_must_appear():
    text = "预计约人民币6.0亿元至6.2亿元"
    assert fact_hit(text, ["6.0亿", "6.2亿"])
    assert not fact_hit(text, ["6.0亿", "1057%"])
    assert missing_facts(text, ["6.0亿", "1057%", "6.2亿"]) == ["1057%"]
    assert fact_hit("anything", [])  # nothing expected: vacuous hit


def test_alternatives_either_form_counts():
    facts = ["116.20港元|116.2港元"]
    assert fact_hit("发行价116.2港元", facts)
    assert fact_hit("发行价116.20港元", facts)
    assert not fact_hit("发行价116.3港元", facts)
    # dashes and tildes normalise alike, and case does not matter
    assert fact_found("锁定期12~36个月", "12-36个月|12至36个月")
    assert fact_found("ticker 0100.hk", "0100.HK")


# --- retrieval metrics -------------------------------------------------------------------


def test_recall_at_k_by_document_id():
    ranking = ["src-4", "report", "src-2", "src-4", "src-1"]  # duplicates count once
    expected = ["src-2", "src-1"]
    assert recall_at_k(ranking, expected, 1) == 0.0
    assert recall_at_k(ranking, expected, 3) == 0.5
    assert recall_at_k(ranking, expected, 4) == 1.0  # 4 distinct docs: src-4, report, src-2, src-1
    assert recall_at_k(ranking, expected, 5) == 1.0
    assert recall_at_k([], expected, 5) == 0.0
    assert recall_at_k(ranking, [], 5) is None


RANKING = ["src-4", "report", "src-2", "src-4", "src-1"]


@pytest.mark.parametrize(
    ("ranking", "expected", "k", "recall", "hit"),
    [
        (RANKING, ["src-2", "src-1"], 1, 0.0, False),
        (RANKING, ["src-2", "src-1"], 3, 0.5, True),
        (RANKING, ["src-2", "src-1"], 4, 1.0, True),  # duplicates count once: 4 distinct docs
        (RANKING, ["src-4"], 1, 1.0, True),
        (RANKING, ["src-9"], 5, 0.0, False),
        ([], ["src-1"], 5, 0.0, False),
        (RANKING, [], 5, None, None),  # nothing expected: no figure
    ],
)
def test_recall_and_hit_at_k_table(ranking, expected, k, recall, hit):
    assert recall_at_k(ranking, expected, k) == recall
    assert hit_at_k(ranking, expected, k) is hit


@pytest.mark.parametrize(
    ("text", "fact", "found"),
    [
        ("收入为１，２３４万元", "1234万", True),
        ("收入为1,234万元", "１２３４万", True),
        ("发行价116.2港元", "116.20港元|116.2港元", True),
        ("发行价116.3港元", "116.20港元|116.2港元", False),
        ("ticker 0100.hk", "0100.HK", True),
        ("", "9678", False),
        ("anything", "|", False),  # an empty alternative never matches
    ],
)
def test_fact_found_table(text, fact, found):
    assert fact_found(text, fact) is found


def test_reciprocal_rank_and_mrr():
    assert reciprocal_rank(["a", "b", "c"], ["c"]) == pytest.approx(1 / 3)
    assert reciprocal_rank(["a", "a", "b"], ["b"]) == 0.5  # rank among distinct docs
    assert reciprocal_rank(["a", "b"], ["b", "a"]) == 1.0
    assert reciprocal_rank(["a", "b"], ["z"]) == 0.0
    assert reciprocal_rank(["a"], []) is None
    mrr = mean_reciprocal_rank([["a", "b"], ["x", "y", "b"], ["q"], ["a"]], [["a"], ["b"], ["b"], []])
    assert mrr == pytest.approx((1 + 1 / 3 + 0) / 3)  # the question without sources is left out


def test_source_hit_uses_cited_or_retrieved():
    assert source_hit(["src-1"], [], ["src-1", "report"])
    assert source_hit([], ["report"], ["src-1", "report"])
    assert not source_hit(["src-2"], ["src-3"], ["src-1"])


# --- citation precision and unsupported figures -----------------------------------------


def test_citation_precision_known_value():
    text = "云知声2024年收入约9.39亿元[1]。客户数量增至411家[2]。公司面临巨头竞争[3]。"
    cits = [
        {"n": 1, "quote": "2024年公司总收入约9.39亿元，净亏损约4.54亿元。"},  # holds the sentence's figure
        {"n": 2, "quote": "智谱服务了8000家机构客户。"},  # neither figure nor words of its sentence
        {"n": 3, "quote": "报告认为，云知声面临巨头竞争和客户集中度等不利因素。"},  # words of its sentence
    ]
    assert citation_precision(text, cits) == pytest.approx(2 / 3)
    # an expected fact in the quote makes the citation precise whatever the sentence says
    assert citation_precision(text, cits, expected_facts=["8000家"]) == 1.0
    assert citation_precision("没有引用。", []) is None


def test_citation_precision_marker_after_the_full_stop():
    text = "MiniMax发行价为165港元。[1]\nIt listed on 9 January.[2]"
    cits = [{"n": 1, "quote": "最终发行价165港元"}, {"n": 2, "quote": "无关内容"}]
    assert answer_sentences(text) == [("MiniMax发行价为165港元。", [1]), ("It listed on 9 January.", [2])]
    assert citation_precision(text, cits) == 0.5


def test_unsupported_figures():
    cits = [{"n": 1, "quote": "预计约6.0亿元至6.2亿元"}, {"n": 2, "quote": "同比增长约1057%"}]
    text = "收入约6.0亿至6.2亿元，增长1057%[1]。增幅1057%[2]。"
    assert unsupported_figures(text, cits) == ["1057%"]  # the first sentence cites [1] only
    assert unsupported_figures("收入约6.0亿元[1]。增幅1057%。", cits) == []  # uncited: any cited quote
    assert unsupported_figures("收入约6.0亿元[12]。", cits) == ["6.0亿"]  # marker is no figure; [12] cites nothing
    assert unsupported_figures("抱歉，资料中没有5.5亿这个数。", []) == ["5.5亿"]
    assert unsupported_figures("MiniMax于2026年1月9日上市[1]。", cits) == []  # dates name, they do not claim


# --- refusals, latency, judge replies ---------------------------------------------------


def test_refusal_metrics():
    assert refusal_correct(answerable=False, refused=True)
    assert refusal_correct(answerable=True, refused=False)
    assert not refusal_correct(answerable=False, refused=False)
    assert not refusal_correct(answerable=True, refused=True)
    answerable = [True, True, True, True, False, False, False]
    refused = [False, True, False, False, True, True, False]
    assert refusal_accuracy(answerable, refused) == pytest.approx(2 / 3)
    assert false_refusal_rate(answerable, refused) == 0.25
    assert refusal_accuracy([True], [False]) is None


@pytest.mark.parametrize(
    ("values", "q", "expected"),
    [
        ([10, 20, 30, 40], 50, 25),
        ([40, 10, 30, 20], 95, 38.5),
        (list(range(1, 101)), 50, 50.5),
        (list(range(1, 101)), 95, 95.05),
        ([7.0], 95, 7.0),
        ([1, 2], 0, 1),
        ([1, 2], 100, 2),
        ([], 50, None),
    ],
)
def test_percentile_table(values, q, expected):
    assert percentile(values, q) == (pytest.approx(expected) if expected is not None else None)


def test_percentiles():
    assert percentile([10, 20, 30, 40], 50) == 25
    assert percentile([40, 10, 30, 20], 95) == pytest.approx(38.5)
    assert percentile(list(range(1, 101)), 50) == 50.5
    assert percentile(list(range(1, 101)), 95) == pytest.approx(95.05)
    assert percentile([7.0], 95) == 7.0
    assert percentile([], 50) is None
    assert latency_stats([100, 200, 300]) == {"p50": 200, "p95": pytest.approx(290)}


def test_parse_score():
    assert parse_score("0.8") == 0.8
    assert parse_score("Score: 8/10") == 0.8
    assert parse_score("85%") == 0.85
    assert parse_score("1") == 1.0
    assert parse_score("7.5 out of 10") == 0.75
    assert parse_score("no idea") is None


# --- aggregation, diagnosis, gate ---------------------------------------------------------


def _rec(id, answerable, refused=False, fact_hit=False, facts_missing=(), recall5=None, rr=None, **kw):
    r = Record(id=id, system="hybrid", question="?", tags=kw.pop("tags", []), lang="zh", answerable=answerable,
               expected_facts=kw.pop("expected_facts", list(facts_missing)),
               expected_sources=kw.pop("expected_sources", ["src-1"] if answerable else []), **kw)
    r.refused, r.fact_hit, r.facts_missing = refused, fact_hit, list(facts_missing)
    r.recall = {"recall@1": recall5, "recall@3": recall5, "recall@5": recall5}
    r.reciprocal_rank = rr
    return r


def test_aggregate_known_values():
    recs = [
        _rec("a", True, fact_hit=True, expected_facts=["x"], recall5=1.0, rr=1.0, source_hit=True, latency_ms=10),
        _rec("b", True, refused=True, expected_facts=["y", "z"], facts_missing=["y", "z"], recall5=0.5, rr=0.5,
             source_hit=True, latency_ms=20),
        _rec("c", True, expected_facts=["u", "v"], facts_missing=["v"], recall5=0.0, rr=0.0, source_hit=False,
             latency_ms=30, unsupported_figures=["9亿"], engine_unsupported=["一行〔标题？"]),
        _rec("d", False, refused=True, latency_ms=40),
    ]
    m = aggregate(recs)
    assert (m["n"], m["n_answerable"], m["n_unanswerable"]) == (4, 3, 1)
    assert m["fact_accuracy"] == pytest.approx(1 / 3)
    assert m["fact_recall"] == pytest.approx(2 / 5)  # x and u found; b refused
    assert m["recall@5"] == 0.5
    assert m["mrr"] == 0.5
    assert m["source_hit_rate"] == pytest.approx(2 / 3)
    assert m["refusal_accuracy"] == 1.0
    assert m["false_refusal_rate"] == pytest.approx(1 / 3)
    assert m["unsupported_figure_answers"] == 1
    assert m["rejected_line_answers"] == 1
    assert m["latency_p50_ms"] == 25
    assert m["latency_p95_ms"] == pytest.approx(38.5)

    settings = make_settings(Path("/nonexistent")).eval
    fails = check_gate(m, settings)
    assert any(f.startswith("fact_accuracy") for f in fails)
    assert any(f.startswith("false_refusal_rate") for f in fails)
    assert not any(f.startswith("refusal_accuracy") for f in fails)


def test_diagnose_names_the_cause():
    corpus = [("src-4", "c9", normalize("应收账款周转天数约283天"))]
    passages = {"c1": normalize("经调整净亏损1.68亿元"), "c2": normalize("净亏损4.54亿元")}
    retrieved = [{"rank": 1, "doc_id": "src-2", "chunk_id": "c1"}, {"rank": 2, "doc_id": "src-1", "chunk_id": "c2"}]

    wrong = _rec("w", True, expected_facts=["1.68亿"], facts_missing=["1.68亿"], retrieved=retrieved)
    diagnose(wrong, passages, corpus)
    assert wrong.failed
    assert wrong.cause == "wrong sentence chosen"
    assert "#1" in wrong.diagnosis

    miss = _rec("m", True, expected_facts=["283天"], facts_missing=["283天"], retrieved=retrieved)
    diagnose(miss, passages, corpus)
    assert miss.cause == "retrieval miss"
    assert "src-4" in miss.diagnosis

    refused = _rec("r", True, refused=True, expected_facts=["1.68亿"], facts_missing=["1.68亿"], retrieved=retrieved)
    diagnose(refused, passages, corpus)
    assert refused.cause == "false refusal"
    assert "retrieved" in refused.diagnosis

    answered = _rec("u", False, refused=False, citations=[{"n": 1, "doc_id": "src-1"}])
    diagnose(answered, passages, corpus)
    assert answered.cause == "missed refusal"

    ok = _rec("ok", True, fact_hit=True, expected_facts=["1.68亿"], source_hit=True)
    diagnose(ok, passages, corpus)
    assert not ok.failed
    assert ok.cause == ""


def test_record_list_defaults_are_lists():
    r = Record(id="a", system="hybrid", question="?", tags=[], lang="zh")
    assert r.expected_facts == []
    assert r.expected_sources == []
    assert r.history == []
    r.expected_facts.append("x")
    assert Record(id="b", system="hybrid", question="?", tags=[], lang="zh").expected_facts == []


def test_accuracy_per_intent():
    recs = [
        _rec("a", True, fact_hit=True, expected_facts=["x"], recall5=1.0, rr=1.0, source_hit=True, intent="summary"),
        _rec("b", True, expected_facts=["y"], facts_missing=["y"], recall5=1.0, rr=1.0, source_hit=True,
             intent="summary"),
        _rec("c", True, fact_hit=True, expected_facts=["z"], recall5=1.0, rr=1.0, source_hit=True, intent="lookup"),
        _rec("d", False, refused=True),  # no intent: in no intent group
    ]
    s = evaluate_records("hybrid", recs)
    assert set(s.by_intent) == {"summary", "lookup"}
    assert s.by_intent["summary"]["fact_accuracy"] == 0.5
    assert s.by_intent["summary"]["n"] == 2
    assert s.by_intent["lookup"]["fact_accuracy"] == 1.0
    assert s.overall["fact_accuracy"] == pytest.approx(2 / 3)


@pytest.mark.parametrize(
    ("overall", "failed"),
    [
        ({"fact_accuracy": 0.9, "source_hit_rate": 1.0, "refusal_accuracy": 1.0, "false_refusal_rate": 0.0},
         ["fact_accuracy"]),
        ({"fact_accuracy": 1.0, "source_hit_rate": 0.5, "refusal_accuracy": 0.5, "false_refusal_rate": 0.5},
         ["source_hit_rate", "refusal_accuracy", "false_refusal_rate"]),
        ({"fact_accuracy": None, "source_hit_rate": None, "refusal_accuracy": None, "false_refusal_rate": None}, []),
    ],
)
def test_gate_rows_and_check_gate_agree(overall, failed):
    settings = make_settings(Path("/nonexistent")).eval
    thresholds = {tkey: getattr(settings, tkey) for _, _, tkey in GATE}
    rows = gate_rows(overall, thresholds)
    assert [r["metric"] for r in rows if not r["passed"]] == failed
    assert [f.split(" = ")[0] for f in check_gate(overall, settings)] == failed


def test_a_failing_judge_call_is_logged_and_counted(caplog):
    from langchain_core.language_models.fake_chat_models import FakeListChatModel

    rec = _rec("a", True, fact_hit=True, expected_facts=["x"])
    rec.answer, rec.citations = "收入约9.39亿元[1]。", [{"n": 1, "quote": "收入约9.39亿元"}]
    judge = FakeListChatModel(responses=[])  # no reply to give: every call raises IndexError
    with caplog.at_level("WARNING", logger="chatbot.evaluation.judge"):
        out = llm_judge(judge, [rec])
    assert out["faithfulness"] is None
    assert out["answer_relevance"] is None
    assert out["n_judged"] == 0
    assert out["n_failed"] == 2
    assert out["first_error"].startswith("IndexError")
    assert "LLM judge call failed" in caplog.text


