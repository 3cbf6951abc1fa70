"""`ChatUI` called as plain Python, without Gradio or a server: the chat's streaming,
escaping, follow-ups and API, and the Articles tab's upload / URL / remove methods,
over a real engine and Chroma store (the session's corpus index, or a private copy
for the tests that change it)."""

from __future__ import annotations

import json

import pytest

from chatbot.engine import DISCLAIMER, Engine
from chatbot.web.render import format_question, format_sources
from chatbot.web.ui import ChatUI, ChatUpdate
from support import CORPUS_EXTRA, HTML, make_settings, web_server

MARKUP = "<script>alert(1)</script>"
EXTRA_ARTICLE = CORPUS_EXTRA / "02-wallstreetcn-minimax-debut.md"


@pytest.fixture(scope="module")
def ui(engine) -> ChatUI:
    return ChatUI(engine)


def _run(ui: ChatUI, question, chat=None, history=None, turns=None) -> list[ChatUpdate]:
    return list(ui.respond(question, chat or [], history or [], turns or []))


# --- chat -------------------------------------------------------------------------------


def _paced_ui(engine, interval: float) -> ChatUI:
    web = engine.settings.web.model_copy(update={"stream_interval_s": interval})
    return ChatUI(engine, engine.settings.model_copy(update={"web": web}))


def test_respond_streams_pending_text_then_the_cited_answer(engine):
    updates = _run(_paced_ui(engine, 0), "云知声2025年大模型相关业务收入预计多少？")
    first, last = updates[0], updates[-1]
    assert first.clear_question
    assert first.sources is None
    assert first.chat[0] == {"role": "user", "content": "云知声2025年大模型相关业务收入预计多少？"}  # plain: copies as typed
    assert first.chat[1]["role"] == "assistant"
    assert "pending" in first.chat[-1]["content"]
    assert len(updates) >= 3
    assert all(u.sources is None for u in updates[:-1])
    assert "6.0亿" in last.chat[-1]["content"]
    assert 'href="#cite-1-1"' in last.chat[-1]["content"]
    assert DISCLAIMER in last.chat[-1]["content"]
    assert 'id="cite-1-1"' in last.sources
    assert "第 1 问" in last.sources
    assert last.history[0] == {"role": "user", "content": "云知声2025年大模型相关业务收入预计多少？"}
    assert "[1]" in last.history[1]["content"]
    assert "<" not in last.history[1]["content"]
    assert last.turns[0]["turn"] == 1
    assert last.turns[0]["citations"][0]["n"] == 1
    assert last.answer is not None
    assert last.answer.text == last.history[1]["content"]
    assert all(u.answer is None for u in updates[:-1])


def test_streamed_updates_are_paced(engine):
    """At most one update per web.stream_interval_s: an answer faster than the interval
    is the pending bubble, then the answer; with no interval every line is an update."""
    q = "云知声2025年大模型相关业务收入预计多少？"
    slow = _run(_paced_ui(engine, 60), q)
    every = _run(_paced_ui(engine, 0), q)
    assert len(slow) == 2
    assert slow[-1].answer is not None
    assert len(every) == 2 + len(every[-1].answer.text.splitlines(keepends=True))
    assert slow[-1].chat == every[-1].chat
    api = list(_paced_ui(engine, 60).ask_api(q))
    assert len(api) == 1  # only the final answer...
    assert json.loads(api[0][1])["citations"]  # ...with its JSON


def test_respond_follow_up_uses_the_history_and_numbers_the_turn(ui):
    done = _run(ui, "智谱的IPO估值是多少？")[-1]
    assert "511" in done.chat[-1]["content"]
    follow = _run(ui, "那MiniMax呢？", done.chat, done.history, done.turns)[-1]
    assert len(follow.chat) == 4
    assert len(follow.turns) == 2
    assert "461" in follow.chat[-1]["content"] or "504" in follow.chat[-1]["content"]
    assert 'href="#cite-2-1"' in follow.chat[-1]["content"]
    assert follow.sources.index("第 2 问") < follow.sources.index("第 1 问")


def test_respond_shows_markup_in_a_question_as_text(ui):
    question = f"{MARKUP}智谱的IPO估值是多少？"
    updates = _run(ui, question)
    bubble = updates[0].chat[0]["content"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;智谱的IPO估值是多少？" in bubble
    assert "<script" not in bubble
    last = updates[-1]
    assert last.chat[0] == updates[0].chat[0]
    assert "<script" not in last.chat[-1]["content"]
    assert last.history[0]["content"] == question  # the engine gets the text as typed


def test_sources_panel_escapes_the_question():
    citation = {"n": 1, "doc_id": "src-1", "chunk_id": "c1", "title": "t", "publisher": "p", "date": "",
                "url": "", "quote": "q", "highlights": []}
    turns = [{"turn": 1, "question": f"旧{MARKUP}", "citations": [citation]},
             {"turn": 2, "question": f"新{MARKUP}", "citations": [citation]}]
    out = format_sources(turns)
    assert "<script" not in out
    assert out.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 2


@pytest.mark.parametrize(("question", "shown"), [
    ("a*b*_c_ $x$", "<p>a*b*_c_ &#36;x&#36;</p>"),
    ("第一行\n\n第二行 & <b>", "<p>第一行</p><p>第二行 &amp; &lt;b&gt;</p>"),
    ('"><img src=x onerror=alert(1)>', "<p>&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</p>"),
])
def test_format_question_escapes_everything(question, shown):
    assert format_question(question) == f'<div class="question">{shown}</div>'


@pytest.mark.parametrize(("question", "plain"), [
    ("智谱的IPO估值是多少？", True),
    ("What was Unisound's large-model revenue in 2024?", True),
    ("中期(3-5年)的评估是什么？", True),
    ("1. 收入多少", False),          # would become a list
    ("- 收入", False),
    ("# 标题", False),
    ("a|b", False),
    ("[1]是什么", False),
    ("x\\y", False),
])
def test_format_question_keeps_plain_questions_as_text(question, plain):
    out = format_question(question)
    assert (out == question) is plain
    if not plain:
        assert out.startswith('<div class="question">')


def test_empty_question_changes_nothing_and_new_chat_empties(ui):
    chat = [{"role": "user", "content": "x"}]
    (only,) = _run(ui, "   ", chat=chat)
    assert only.chat == chat
    assert only.clear_question
    assert "sources-empty" in only.sources
    fresh = ui.new_chat()
    assert fresh.chat == fresh.history == fresh.turns == []
    assert "sources-empty" in fresh.sources


def test_refusal_keeps_the_sources_panel_empty(ui):
    last = _run(ui, "今天上海的天气怎么样？")[-1]
    assert 'class="refusal"' in last.chat[-1]["content"]
    assert "sources-empty" in last.sources
    assert last.turns[0]["refused"]
    assert not last.turns[0]["citations"]


def test_ask_api_streams_text_then_json(ui):
    updates = list(ui.ask_api("智谱的IPO估值是多少？", "[]"))
    text, data = updates[-1]
    data = json.loads(data)
    assert data["answer"] == text
    assert "511" in text
    assert data["citations"]
    assert data["disclaimer"] == DISCLAIMER
    assert "retrieved" not in data
    assert all(u[1] == "" for u in updates[:-1])
    (bad,) = ui.ask_api("x", '{"role": "user"}')
    assert json.loads(bad[1]) == {"error": "bad history"}


def test_documents_list_and_choices(ui, engine):
    rows = ui.list_documents()
    ids = [r[0] for r in rows]
    assert ids == sorted(d.doc_id for d in engine.documents())
    assert "report" in ids
    assert "src-1" in ids
    src1 = rows[ids.index("src-1")]
    assert src1[2] == "新浪财经"
    assert src1[4] > 0
    assert src1[5].startswith("云知声 (9678.HK")  # the company the catalogue learned from the article
    assert dict((v, k) for k, v in ui.document_choices())["src-1"].endswith("（src-1）")


# --- articles: a writable engine with its own upload folder -----------------------------


@pytest.fixture
def writable_ui(index_copy, tmp_path) -> ChatUI:
    return ChatUI(Engine(make_settings(index_copy, web={"upload_dir": str(tmp_path / "uploads")})))


def test_upload_ingest_then_remove(writable_ui, tmp_path):
    ui = writable_ui
    steps = []
    outcome = ui.add_upload(str(EXTRA_ARTICLE), lambda f, desc=None: steps.append(f))
    assert outcome.ok
    assert outcome.report.added == ["news-02"]
    assert not outcome.report.failed
    assert steps
    assert steps == sorted(steps)
    assert steps[-1] <= 1.0
    assert "已添加" in outcome.html()
    assert "MiniMax上市首日" in outcome.html()
    assert outcome.to_json() == {"ok": True, "what": EXTRA_ARTICLE.name, "error": None, "added": ["news-02"],
                                 "updated": [], "skipped": [], "removed": [], "failed": []}
    copy = ui.upload_dir / EXTRA_ARTICLE.name
    assert copy.is_file()
    assert "news-02" in [r[0] for r in ui.list_documents()]

    again = ui.add_upload(str(EXTRA_ARTICLE))
    assert again.report.skipped == ["news-02"]
    assert "内容未变化" in again.html()

    removed = ui.remove_document("news-02")
    assert removed.removed
    assert "已删除" in removed.html()
    assert "MiniMax上市首日" in removed.html()
    assert not copy.exists()
    assert "news-02" not in [r[0] for r in ui.list_documents()]
    missing = ui.remove_document("news-02")
    assert not missing.removed
    assert "没有找到文章 news-02" in missing.html()
    assert missing.to_json() == {"doc_id": "news-02", "title": "news-02", "removed": False, "error": None}
    assert "请先选择" in ui.remove_document(None).html()


def test_upload_refusals_leave_nothing_behind(writable_ui, tmp_path):
    ui = writable_ui
    exe = tmp_path / "tool.exe"
    exe.write_bytes(b"MZ")
    refused = ui.add_upload(str(exe))
    assert refused.report is None
    assert "不支持的文件类型" in refused.html()
    assert not refused.ok
    assert "请先选择" in ui.add_upload(None).html()

    broken = tmp_path / "broken.pdf"  # passes the checks, fails to load
    broken.write_bytes(b"not a pdf at all")
    failed = ui.add_upload(str(broken))
    assert failed.report is not None
    assert failed.report.failed
    assert not failed.ok
    assert "导入失败" in failed.html()
    assert failed.to_json()["failed"][0]["source"].endswith("broken.pdf")
    assert not failed.to_json()["ok"]
    assert not ui.upload_dir.exists() or not any(ui.upload_dir.iterdir())


def test_add_url_only_public_addresses_by_default(writable_ui):
    page = f"<html><head><title>测试文章</title></head><body><p>{MARKUP}示例公司2025年收入为12.3亿元。</p></body></html>"
    with web_server(lambda path: (200, HTML, page.encode())) as (base, requests):
        bad = writable_ui.add_url("file:///etc/passwd")
        assert bad.report is None
        assert "http://" in bad.html()
        private = writable_ui.add_url(f"{base}/a.html")
        assert private.report.failed
        assert "local or private address" in private.html()
        assert not requests
        assert "<script" not in private.html()


def test_add_url_from_a_private_address_when_allowed(index_copy, tmp_path):
    settings = make_settings(index_copy, web={"upload_dir": str(tmp_path / "up"), "allow_private_urls": True})
    ui = ChatUI(Engine(settings))
    body = "<html><head><title>测试文章</title></head><body>" + "<p>示例公司2025年收入为12.3亿元，同比增长。</p>" * 20
    with web_server(lambda path: (200, HTML, (body + "</body></html>").encode())) as (base, requests):
        outcome = ui.add_url(f"  {base}/article.html ")
    assert outcome.ok
    assert len(outcome.report.added) == 1
    assert requests == ["/article.html"]
    assert "已添加" in outcome.html()
