"""The analysis page's parts without a browser: the reader view (a stored document as
HTML with an anchor per passage and the cited sentence highlighted), figure states,
suggested questions (checked with the real engine), the Markdown export and the
answer HTML with figure badges. Real chunker, real engine and store (the session's
corpus index)."""

from __future__ import annotations

import gc
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from chatbot.config import load_settings
from chatbot.documents import Documents
from chatbot.engine import DISCLAIMER, Engine
from chatbot.figures import annotate_figures, supporting_sentence
from chatbot.glossary import load_glossary
from chatbot.models import Answer, Chunk, Citation
from chatbot.suggest import _heading_question, candidates, load_config, suggest
from chatbot.text import normalize
from chatbot.web.export import conversation_markdown, md_text, reference_line
from chatbot.web.page import AnalysisPage
from chatbot.web.reader import front_matter_tags, mark_text, reading_order, related_stocks, render_reader
from chatbot.web.render import answer_body_html, suggestions_html
from ingest.chunking import chunk_document
from ingest.loaders import SourceDocument, load_path
from llm_server import ScriptedOpenAIServer, passage_number
from support import CORPUS, make_settings

MARKUP = "<script>alert(1)</script>"
REPORT = CORPUS / "report" / "report.md"


@pytest.fixture(scope="module")
def report_chunks():
    doc = load_path(REPORT, load_settings())
    return doc, chunk_document(doc, load_settings().chunking)


# --- figures -----------------------------------------------------------------------------

QUOTE = "公司预计2025年度大模型相关业务收入约人民币6.0亿元至6.2亿元。全年收入约11.8亿元。"


@pytest.mark.parametrize(("text", "expected"), [
    ("大模型收入约6.0亿元至6.2亿元[1]。", [("6.0亿", "verified", 1), ("6.2亿", "verified", 1)]),
    ("大模型收入约6.0亿元[1]，客户有411家[1]。", [("6.0亿", "verified", 1), ("411家", "unsupported", None)]),
    ("占比约6.0亿÷11.8亿≈51%[1]。", [("6.0亿", "verified", 1), ("11.8亿", "verified", 1), ("51%", "computed", None)]),
    ("收入约6.0亿元。", [("6.0亿", "unsupported", None)]),  # no marker: nothing vouches for it
    ("2025年收入约6.0亿元[2]。", [("6.0亿", "unsupported", None)]),  # [2] is not this answer's
    ("见来源[1]。", []),  # a marker is not a figure
])
def test_annotate_figures_gives_each_figure_its_standing(text, expected):
    cites = [Citation(n=1, doc_id="d", chunk_id="c", quote=QUOTE)]
    got = annotate_figures(text, cites)
    assert [(f.text, f.state, f.n) for f in got] == expected
    for f in got:
        assert text[f.start:f.end] == f.text
        if f.state == "verified":
            assert normalize(f.text) in normalize(f.quote)
            assert f.quote in QUOTE
        if f.state == "computed":
            assert f.formula.endswith(f.text)
            assert "÷" in f.formula


def test_supporting_sentence_reads_a_table_row_as_cells():
    quote = "| 公司 | IPO估值 |\n|---|---|\n| 智谱AI(2513.HK) | ~511亿港元 |"
    assert supporting_sentence("511亿", quote) == "智谱AI(2513.HK) | ~511亿港元"


def test_engine_answers_carry_figure_states(engine):
    answer = engine.ask("云知声2025年大模型相关业务收入预计多少？")
    assert answer.figures
    assert all(f.state == "verified" for f in answer.figures)
    assert {"6.0亿", "6.2亿"} <= {f.text for f in answer.figures}
    for f in answer.figures:
        assert answer.text[f.start:f.end] == f.text
        assert f.n in {c.n for c in answer.citations}


# --- the reader view ------------------------------------------------------------------------


def test_reader_renders_the_report_as_a_page(report_chunks):
    doc, chunks = report_chunks
    html = render_reader(doc, chunks, tags=front_matter_tags(str(REPORT)))
    assert f"<h1 class=\"rd-title\">{doc.title}</h1>" in html
    assert "Ginlix AI" in html
    assert "2026-01-28" in html
    assert '<span class="tag">Neutral</span>' in html
    assert '<span class="tag">HK Stock</span>' in html
    assert re.search(r'<span class="chip stock" data-ticker="2513.HK">2513.HK 智谱</span>', html)
    assert '<h2 class="rd-h">一、云知声大模型业务收入暴增分析</h2>' in html
    assert '<h3 class="rd-h">1.1 业绩预告核心数据</h3>' in html
    assert html.count("<table>") >= 4
    assert "<th>维度</th>" in html
    assert "<td>中性偏谨慎</td>" in html
    refs = re.findall(r'<li class="ref" id="ref-(\d)" value="\d"><span class="ref-n">\[\d\]</span> <a href="(https://[^"]+)"', html)
    assert [n for n, _ in refs] == ["1", "2", "3", "4", "5", "6"]
    assert 'href="#ref-1" data-ref="1">[1]</a>' in html  # markers in the text point at the references
    assert '<p class="disclaimer">数据基于历史' in html
    # one section per passage, and the passages' shared (overlap) text shown once
    assert len(re.findall(r'<section class="passage"', html)) == len(chunks)
    assert html.count("尽管云知声实现了惊人的收入增长") == 1


def test_reading_order_removes_only_the_overlap(report_chunks):
    _, chunks = report_chunks
    passages = reading_order(chunks)
    for p in passages:
        assert p.chunk.text.endswith(p.text)  # only a leading part is ever cut
    assert sum(len(p.text) for p in passages) < sum(len(c.text) for c in chunks)


def test_reader_focus_marks_the_cited_passage_and_sentence(report_chunks):
    doc, chunks = report_chunks
    row = "| 中期(3-5年) | 中性偏谨慎 | 竞争加剧、巨头挤压、客户留存率下滑等问题可能逐步显现,盈利能力是关键考验 |"
    cited = next(c for c in chunks if row in c.text)
    focus = Citation(n=1, doc_id="report", chunk_id=cited.id, quote=cited.text, highlights=[row])
    html = render_reader(doc, chunks, focus=focus)
    assert "data-focus" in html
    section = re.search(r'<section class="passage focus" data-chunk="([^"]+)">(.*?)</section>', html, re.S)
    assert section
    assert section.group(1) == cited.id
    marks = re.findall(r'<mark class="hl">(.*?)</mark>', section.group(2))
    assert marks == ["中期(3-5年)", "中性偏谨慎", "竞争加剧、巨头挤压、客户留存率下滑等问题可能逐步显现,盈利能力是关键考验"]
    # a sentence given with its [n] markers is found across the marker links
    sent = "公司预计2025年度实现大模型相关业务收入约人民币6.0亿元至6.2亿元,较2024年的5187万元大幅增长约1057%至1095%[1][2]。"
    other = next(c for c in chunks if "5187万元" in c.text)
    html = render_reader(doc, chunks, focus=Citation(n=1, doc_id="report", chunk_id=other.id, highlights=[sent]))
    assert "<mark class=\"hl\">公司预计2025年度" in html.split("根据云知声于2026年1月28日发布的业绩预告,")[1][:40]


@pytest.mark.parametrize(("text", "expected"), [
    ("相关个股:2513.HK(智谱)、0100.HK(MiniMax)", [("2513.HK", "智谱"), ("0100.HK", "MiniMax")]),
    ("| 智谱AI(2513.HK) | B端 |", [("2513.HK", "智谱AI")]),
    ("MiniMax(0100.HK,稀宇科技)定于1月9日挂牌", [("0100.HK", "MiniMax")]),
    ("云知声（9678.HK）发布预告", [("9678.HK", "云知声")]),
    ("港股代码9678", []),
])
def test_related_stocks_take_names_from_the_text(text, expected):
    doc = SourceDocument(doc_id="d", title="t", text=text)
    assert related_stocks(doc, [text]) == expected


def test_reader_shows_document_markup_as_text():
    doc = SourceDocument(doc_id="evil", title=f"标题{MARKUP}", text=(
        f"# 标题\n\n正文{MARKUP}和<img src=x onerror=alert(1)>。\n\n[点我](javascript:alert(1)) 价格$5\n\n"
        f"| 列<b> | 值 |\n|---|---|\n| <i>x</i> | 1 |\n"), url="javascript:alert(1)", publisher="<b>p</b>")
    chunks = chunk_document(doc, load_settings().chunking)
    html = render_reader(doc, chunks, focus=Citation(n=1, doc_id="evil", chunk_id=chunks[0].id,
                                                            highlights=[f"正文{MARKUP}"]))
    assert "<script" not in html
    assert "<img" not in html
    assert "<b>" not in html
    assert "<i>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="javascript' not in html
    assert "[点我](javascript:alert(1))" in html  # an unsafe link stays text
    assert "$" not in html
    assert "&#36;5" in html
    assert '<mark class="hl">正文&lt;script&gt;alert(1)&lt;/script&gt;</mark>' in html


@pytest.mark.parametrize(("rendered", "target", "marked"), [
    ("<p>甲乙丙丁</p>", "乙丙", "<p>甲<mark class=\"hl\">乙丙</mark>丁</p>"),
    ("<td>a</td><td>b c</td>", "| a | b c |", "<td><mark class=\"hl\">a</mark></td><td><mark class=\"hl\">b c</mark></td>"),
    ("<p>x &lt;y&gt; z</p>", "<y>", "<p>x <mark class=\"hl\">&lt;y&gt;</mark> z</p>"),
    ("<p>甲乙</p>", "丙", "<p>甲乙</p>"),
])
def test_mark_text_wraps_the_target_in_each_text_node(rendered, target, marked):
    html, found = mark_text(rendered, target)
    assert html == marked
    assert found == (html != rendered)


@pytest.fixture(scope="module")
def documents(engine):
    return Documents(engine.settings, engine.store)


def test_reader_over_the_store_for_every_document(engine, documents):
    docs = documents.list()
    by_url = {d.url: d.doc_id for d in docs}
    for rec in docs:
        chunks = documents.chunks(rec.doc_id)
        assert [c.id for c in chunks] == sorted(rec.chunk_ids, key=lambda i: [c.id for c in chunks].index(i))
        html = render_reader(rec, chunks, docs_by_url=by_url)
        assert html.count('<section class="passage"') == len(rec.chunk_ids)
    report = render_reader(engine.store.docs["report"], documents.chunks("report"),
                           docs_by_url=by_url)
    assert re.findall(r'data-open-doc="(src-\d)"', report) == [f"src-{i}" for i in range(1, 7)]
    assert documents.chunks("no-such-doc") == []


# --- suggestions ----------------------------------------------------------------------------


def test_suggestions_come_from_the_neighbourhood_and_are_answered(engine, documents):
    answer = engine.ask("中期(3-5年)的评估是什么？")
    cands = candidates(answer, documents.chunks, engine.glossary)
    assert "短期(1-2年)的评估是什么？" in cands
    assert "中期(3-5年)的评估是什么？" not in cands
    shown = suggest(engine, answer, documents.chunks, asked=[answer.question])
    assert 2 <= len(shown) <= load_config().shown
    for q in shown:
        again = engine.ask(q)
        assert not again.refused
        assert again.citations
        assert again.text != answer.text


@pytest.mark.parametrize(("title", "heading", "text", "question"), [
    ("云知声:2025年大模型业务收入预增超10倍", "客户基础", "客户总数…", "云知声的客户基础是什么？"),
    ("港股AI大模型第一股之争,智谱与MiniMax的赛道博弈", "共同点与看点", "两家…", "共同点与看点是什么？"),
    ("某篇文章", "1.2 收入暴增的驱动因素", "(1)市场需求爆发", "收入暴增的驱动因素是什么？"),
    ("某篇文章", "事件", "2026年1月28日…", None),  # too short to ask without a company
    ("某篇文章", "为什么急于上市:烧钱速度", "…", None),
    ("云知声报告", "参考来源", "[1] 新浪财经 - “标题” (https://a.b/c)\n[2] 搜狐 - “x” (https://d.e/f)", None),
])
def test_heading_questions(title, heading, text, question):
    chunk = Chunk(id="c", doc_id="d", title=title, headings=["文档", heading], text=text)
    assert _heading_question(chunk, load_config(), load_glossary()) == question


def test_page_suggestions_reuse_checked_answers_until_the_documents_change(writable_engine):
    """The page asks each candidate once per state of the documents: the same answer's
    suggestions again (another session) are checked without asking the engine; after an
    article is added they are asked again, and the suggestions are the same as unchecked."""
    from chatbot.web.page import AnalysisPage
    from chatbot.web.ui import turn_record
    from support import CORPUS_EXTRA

    page = AnalysisPage(writable_engine)
    answer = writable_engine.ask("中期(3-5年)的评估是什么？")
    chat = [{"role": "user", "content": answer.question}, {"role": "assistant", "content": answer.text}]
    turns = [turn_record(1, answer.question, answer)]
    first = page.with_suggestions(chat, turns)
    asked = page.checked.misses
    assert first
    assert asked >= 2
    assert page.checked.hits == 0
    assert page.with_suggestions(chat, turns) == first
    assert page.checked.misses == asked
    assert page.checked.hits >= 2
    unchecked = suggest(writable_engine, answer, page.documents.chunks, [answer.question])
    assert all(q in first[-1]["content"] for q in unchecked)

    writable_engine.ingest([CORPUS_EXTRA / "08-gelonghui-4paradigm-2025-interim.md"], prune=False)
    assert page.with_suggestions(chat, turns) == first
    assert page.checked.misses >= 2 * asked


def test_no_suggestions_for_a_refusal(engine, documents):
    answer = engine.ask("苹果公司2025年的净利润是多少？")
    assert answer.refused
    assert suggest(engine, answer, documents.chunks) == []


# --- export ---------------------------------------------------------------------------------


def test_export_holds_answers_markers_and_references(engine):
    answer = engine.ask("智谱的IPO估值是多少？")
    turns = [{"question": f"{MARKUP} 智谱的IPO估值是多少？", "answer": answer.text, "refused": False,
              "citations": [c.model_dump() for c in answer.citations]}]
    md = conversation_markdown(turns, "研报问答助手", datetime(2026, 1, 30, tzinfo=UTC))
    assert "导出时间：2026-01-30 00:00 UTC" in md
    assert "## 问题 1：\\<script\\>alert(1)\\</script\\> 智谱的IPO估值是多少？" in md
    assert re.search(r"511亿港元.*\[1\]", md)
    for c in answer.citations:
        line = reference_line(c)
        assert line in md
        assert line.startswith(f"[{c.n}] {c.publisher}：《")
        assert c.date in line
        assert f"<{c.url}>" in line
    assert md_text(DISCLAIMER) in md


def _turn(question: str) -> dict:
    return {"question": question, "answer": "答案", "refused": False, "citations": []}


def test_export_files_are_bounded_and_removed_with_the_page(engine, monkeypatch):
    """A page writes an export after every answer: the same conversation is one file, only
    the newest `web.export_files_kept` stay on disk, and the folder goes with the page."""
    monkeypatch.setattr(engine.settings.web, "export_files_kept", 2)
    page = AnalysisPage(engine)
    first = page.export([_turn("问题一")])
    assert first is not None
    assert Path(first).read_text(encoding="utf-8").count("问题一") == 1
    assert page.export([_turn("问题一")]) == first  # the same conversation: the same file
    paths = [page.export([_turn("问题一"), _turn(f"问题{i}")]) for i in range(3)]
    kept = [p for p in [first, *paths] if p and Path(p).exists()]
    assert kept == paths[-2:]
    folder = Path(first).parent.parent
    assert sorted(f.name for f in folder.iterdir()) == sorted(Path(p).parent.name for p in paths[-2:])
    assert page.export([]) is None
    del page
    gc.collect()
    assert not folder.exists()


@pytest.mark.parametrize(("raw", "shown"), [
    ("<b>x</b>", "\\<b\\>x\\</b\\>"),
    ("- 列表", "\\- 列表"),
    ("1. 第一", "1\\. 第一"),
    ("a*b*_c_", "a\\*b\\*\\_c\\_"),
    ("[1] 保留", "[1] 保留"),
])
def test_md_text_keeps_text_literal(raw, shown):
    assert md_text(raw) == shown


# --- the answer's HTML ----------------------------------------------------------------------


def test_answer_html_shows_figure_badges_and_escapes(engine):
    answer = engine.ask("云知声2025年大模型相关业务收入预计多少？")
    html = answer_body_html(answer, turn=3)
    assert html.count('<span class="fig verified"') == len(answer.figures)
    assert re.search(r'6\.0亿<sup class="fig-badge">✓</sup><span class="fig-tip">已核对：见来源 \[1\]<br>“[^”]*6\.0亿', html)
    assert 'href="#cite-3-1"' in html
    fake = Answer(question="q", text=f"{MARKUP}约5%[1]", citations=[Citation(n=1, doc_id="d", chunk_id="c", quote="无")])
    fake.figures = annotate_figures(fake.text, fake.citations)
    html = answer_body_html(fake, 1)
    assert "<script" not in html
    assert '<span class="fig unsupported"' in html


def test_suggestion_buttons_escape_the_question():
    html = suggestions_html([f'{MARKUP}"x"'])
    assert "<script" not in html
    assert '>&lt;script&gt;alert(1)&lt;/script&gt;&quot;x&quot;</button>' in html
    assert suggestions_html([]) == ""


def test_llm_answer_marks_an_invented_figure_unsupported(corpus_index, monkeypatch):
    """Through a real OpenAI-compatible server on 127.0.0.1: the figure the LLM invents is
    "unsupported" on the Answer and shown with a warning badge; the cited one is verified."""
    def script(messages):
        n = passage_number(messages, "6.0亿元至6.2亿元")
        return f"云知声预计2025年大模型相关业务收入约6.0亿元至6.2亿元[{n}]。公司预计2025年净利润为3.2亿元[{n}]。"

    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    with ScriptedOpenAIServer(script) as server:
        engine = Engine(make_settings(corpus_index, answer={"backend": "llm"}, llm={
            "provider": "openai", "base_url": server.base_url, "model": "scripted", "condense": False}))
        answer = engine.ask("云知声2025年大模型相关业务收入预计多少？")
    states = {f.text: f.state for f in answer.figures}
    assert states["6.0亿"] == "verified"
    assert states["3.2亿"] == "unsupported"
    html = answer_body_html(answer, 1)
    assert '<span class="fig unsupported" tabindex="0">3.2亿<sup class="fig-badge">?</sup>' in html
    assert "引用来源中未找到这个数字" in html
