"""The answer engine end to end with the extractive answerer, on the real corpus index:
every question of the project's question set, follow-ups, citation invariants, the
CLI's ask shapes."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from chatbot.compute import verify_formulas
from chatbot.evaluation import fact_found, question_dicts
from chatbot.text import claim_figures, figure_supported, normalize
from support import QUESTIONS, ROOT, make_settings, question_params

QUESTION_SET = question_dicts(QUESTIONS)
# Questions the extractive answerer gets wrong today, with the reason. strict: when one
# starts passing, the test says so and it must be taken off this list.
KNOWN_FAILURES: dict[str, str] = {}


@pytest.mark.parametrize(
    "q",
    question_params(QUESTION_SET, KNOWN_FAILURES),
)
def test_question_set(engine, q):
    a = engine.ask(q["question"], q.get("history"))
    if not q["answerable"]:
        assert a.refused, f"should refuse, answered: {a.text}"
        assert_refusal_shows_no_neighbour_as_answer(a)
        return
    assert not a.refused, f"refused; standalone={a.standalone_question!r}"
    missing = [f for f in q["expected_facts"] if not fact_found(a.text, f)]
    assert not missing, f"missing {missing} in: {a.text}"
    cited = {c.doc_id for c in a.citations}
    assert cited & set(q["expected_sources"]), f"cited {cited}, expected one of {q['expected_sources']}"


MISSING_LEAD = ("资料中没有", "The sources do not give")


def assert_refusal_shows_no_neighbour_as_answer(a):
    """A refusal carries no figure, unless it first says the asked figure is missing
    and then shows, cited, what the documents hold for other periods (issue 12)."""
    if a.citations:
        first = a.text.splitlines()[0]
        assert first.startswith(MISSING_LEAD), a.text
        assert not claim_figures(first), a.text
    else:
        assert not re.search(r"\d", a.text), a.text


def test_question_set_is_big_enough():
    tags = [t for q in QUESTION_SET for t in q["tags"]]
    assert len(QUESTION_SET) >= 40
    assert sum(q["lang"] == "en" for q in QUESTION_SET) >= 5
    assert sum(bool(q.get("history")) for q in QUESTION_SET) >= 5
    assert sum(not q["answerable"] for q in QUESTION_SET) >= 8
    assert tags.count("near-miss") >= 3
    assert tags.count("table") >= 3
    assert {s for q in QUESTION_SET for s in q["expected_sources"]} == {"report", *(f"src-{i}" for i in range(1, 7))}


@pytest.mark.slow
def test_every_answer_keeps_the_citation_invariants(engine):
    """Every [n] maps to a citation, citations are numbered 1..m in order of use, and
    every figure in an answer sentence appears in a passage that sentence cites (or is
    a calculation's result that its cited inputs reproduce)."""
    for q in QUESTION_SET:
        a = engine.ask(q["question"], q.get("history"))
        if a.refused:
            continue
        used = [int(n) for n in re.findall(r"\[(\d+)\]", a.text)]
        assert [c.n for c in a.citations] == list(range(1, len(a.citations) + 1))
        assert set(used) == {c.n for c in a.citations}, q["id"]
        assert list(dict.fromkeys(used)) == sorted(set(used)), q["id"]  # first use in order
        quotes = {c.n: normalize(c.quote) for c in a.citations}
        for sent in re.split(r"(?<=[。！？])", a.text):
            ns = [int(n) for n in re.findall(r"\[(\d+)\]", sent)]
            evidence = " ".join(quotes[n] for n in ns)
            claim = re.sub(r"\[\d+\]", "", sent)
            computed = verify_formulas(claim, evidence)  # a calculation's reproduced result
            for fig in claim_figures(claim):
                assert figure_supported(fig, evidence) or fig in computed, f"{q['id']}: {fig} not in cited passages"
        for c in a.citations:
            assert c.publisher
            assert c.title
            assert c.url.startswith("http")
            assert all(h in c.quote for h in c.highlights)


@pytest.mark.parametrize(
    ("history", "question", "standalone", "fact"),
    [
        (["智谱的IPO估值是多少？"], "那MiniMax呢？", "MiniMax的IPO估值是多少？", "461"),
        (["What was Zhipu's IPO valuation?"], "And MiniMax?", "What was MiniMax's IPO valuation?", "504"),
        (["云知声2025年大模型相关业务收入预计多少？"], "它2024年的净亏损是多少？", "云知声2024年的净亏损是多少？", "4.54亿"),
        (["云知声医疗AI主要客户2022年的留存率是多少？"], "那2024年呢？", "云知声医疗AI主要客户2024年的留存率是多少？", "53.3%"),
    ],
)
def test_followups_become_standalone(engine, history, question, standalone, fact):
    turns = []
    for h in history:
        turns += [{"role": "user", "content": h}, {"role": "assistant", "content": engine.ask(h).text}]
    a = engine.ask(question, turns)
    assert a.standalone_question == standalone
    assert fact_found(a.text, fact), a.text


def test_followup_after_a_refusal_keeps_refusing_the_missing_period(engine):
    turns = [{"role": "user", "content": "云知声2024年净亏损是多少？"}, {"role": "assistant", "content": "4.54亿元"}]
    a = engine.ask("那2025年呢？", turns)
    assert a.standalone_question == "云知声2025年净亏损是多少？"
    assert a.refused
    # the 2024 figure is never passed off as the answer: it follows the statement that
    # 2025 is missing, with its own period in the quoted sentence
    first, *rest = a.text.splitlines()
    assert first.startswith("资料中没有云知声2025年")
    assert "4.54" not in first
    assert any("4.54" in line and "2024" in line for line in rest), a.text


def test_english_question_gets_english_lead_in_over_chinese_quotes(engine):
    a = engine.ask("What was Unisound's large-model-related revenue in 2024?")
    assert a.text.startswith("According to the report")
    assert "5187万" in a.text
    assert re.search(r"\[1\]", a.text)


def test_table_rows_read_naturally(engine):
    a = engine.ask("报告对云知声收入可持续性的中期(3-5年)评估是什么？")
    assert "中期(3-5年):中性偏谨慎——竞争加剧" in a.text
    assert a.citations[0].doc_id == "report"
    assert a.citations[0].highlights == [
        next(ln for ln in a.citations[0].quote.splitlines() if ln.startswith("| 中期(3-5年) |"))]
    assert "短期" not in a.text
    assert "长期:" not in a.text


def test_near_miss_is_refused_not_answered_with_a_neighbouring_figure(engine):
    for q in ["云知声2025年净利润是多少？", "智谱的市盈率是多少？", "云知声2023年末现金储备是多少？"]:
        a = engine.ask(q)
        assert a.refused, (q, a.text)
        assert_refusal_shows_no_neighbour_as_answer(a)


def test_tickers_and_timings(engine):
    a = engine.ask("智谱的IPO估值是多少？")
    assert a.tickers == ["2513.HK"]
    assert {"retrieve", "answer", "total"} <= set(a.timings_ms)
    assert a.timings_ms["total"] > 0


def test_bad_questions_do_not_crash(engine):
    assert engine.ask("   ").refused
    long = engine.ask("云知声收入" * 30000)
    assert any("truncated" in n for n in long.notices)
    assert engine.ask("\x00\x1b[31m云知声\u200b2025年大模型收入？😀").standalone_question


def _cli(*args, store):
    return subprocess.run([sys.executable, "-m", "chatbot.cli", *args, "--store", str(store)],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)


@pytest.mark.slow
def test_cli_ask_json_shape(corpus_index):
    r = _cli("ask", "云知声2025年大模型相关业务收入预计多少？", "--json", store=corpus_index)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert set(out) >= {"question", "standalone_question", "answer", "refused", "citations", "timings_ms"}
    assert "6.0亿" in out["answer"]
    assert out["refused"] is False
    c = out["citations"][0]
    assert set(c) == {"n", "doc_id", "chunk_id", "title", "publisher", "date", "url", "quote"}
    assert {"retrieve", "answer", "total"} <= set(out["timings_ms"])


@pytest.mark.slow
def test_cli_ask_questions_file_one_process(corpus_index, tmp_path):
    qfile = tmp_path / "qs.jsonl"
    qfile.write_text("\n".join(json.dumps(q, ensure_ascii=False) for q in [*QUESTION_SET[:5], {"id": "f1", "question": "那MiniMax呢？", "history": [{"role": "user", "content": "智谱的IPO估值是多少？"}]}]), encoding="utf-8")
    r = _cli("ask", "--questions", str(qfile), "--json", store=corpus_index)
    assert r.returncode == 0, r.stderr
    lines = [json.loads(ln) for ln in r.stdout.splitlines()]
    assert [ln["id"] for ln in lines] == [q["id"] for q in QUESTION_SET[:5]] + ["f1"]
    assert "MiniMax" in lines[-1]["standalone_question"]


@pytest.mark.slow
def test_cli_plain_answer_has_references_and_disclaimer(corpus_index):
    r = _cli("ask", "智谱的IPO估值是多少？", store=corpus_index)
    assert r.returncode == 0, r.stderr
    assert "511亿港元" in r.stdout
    assert "[1] " in r.stdout
    assert "https://" in r.stdout
    assert "不构成投资建议" in r.stdout
    assert "2513.HK" in r.stdout


def test_glossary_expansion_adds_only_what_the_question_lacks(engine):
    g = engine.glossary
    english = g.expand("What was Zhipu's IPO valuation?")
    assert {"智谱", "估值", "上市"} <= set(english.split()[5:]), english
    # a Chinese question already saying IPO and 2025年 gets only 上市 (each extra token costs
    # embedding time and doubles its keyword weight)
    assert g.expand("MiniMax 2025年的IPO估值是多少？") == "MiniMax 2025年的IPO估值是多少？ 上市"
    assert g.expand("云知声2025年净利润是多少？") == "云知声2025年净利润是多少？"
    assert g.entities("2513.HK和Unisound") == ["智谱", "云知声"]
    assert g.entities("a prepaid 25130 order") == []  # ASCII aliases only as whole words
    assert g.metrics_in("云知声2024年收入是多少？") == ["收入"]


@pytest.mark.parametrize(("text", "expected"), [
    ("2025年净亏损", {("2025", None)}),
    ("2025年上半年收入", {("2025", "H1")}),
    ("截至2024年末现金", {("2024", "end")}),
    ("revenue in 2025 rose", {("2025", None)}),
    ("2026年1月28日发布", set()),  # a date, not a period
    ("拟发行不超过2025万股", set()),  # a quantity that looks like a year
    ("排队企业2024家", set()),
])
def test_periods_are_years_not_dates_or_quantities(text, expected):
    from chatbot.text import periods

    assert periods(text) == expected



@pytest.mark.parametrize(
    ("history", "reply"),
    [
        (None, "请输入一个问题。"),  # no conversation: Chinese
        ([{"role": "user", "content": "What was Unisound's revenue in 2024?"}], "Please enter a question."),
        ([{"role": "user", "content": "云知声2024年收入是多少？"}], "请输入一个问题。"),
    ],
)
def test_an_empty_question_is_answered_in_the_conversations_language(corpus_index, history, reply):
    from chatbot.engine import Engine

    answer = Engine(make_settings(corpus_index)).ask("  ", history)
    assert answer.refused
    assert answer.text == reply
    assert answer.notices == ["empty question"]
