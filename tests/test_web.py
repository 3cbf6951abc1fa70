"""The Gradio web chat: presentation helpers and the upload sanitiser (unit level), the
`/ask` API through gradio_client, login/binding defaults, and end-to-end runs in a
real headless Chromium (Playwright driving Debian's /usr/bin/chromium) against a
server started on a free 127.0.0.1 port over a private copy of the corpus index.

Screenshots and the browser-side timings go to test-artifacts/."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path
from urllib.parse import quote, urlparse

import httpx
import pytest

from benchmarks.page import ANSWER_FINISHED_JS, CHAT_IDLE_JS, TIMING_JS
from chatbot.engine import DISCLAIMER
from chatbot.models import Answer, Citation
from chatbot.web import (
    UploadError,
    build_app,
    check_upload,
    format_answer,
    format_sources,
    highlight_quote,
    launch,
    message_text,
    normalise_history,
    safe_upload_name,
    save_upload,
)
from support import ARTIFACTS, CORPUS_EXTRA, free_port, make_settings

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PUBLISHERS = {"新浪财经", "搜狐财经", "36氪", "澎湃新闻", "Ginlix AI"}
EXTRA_ARTICLE = CORPUS_EXTRA / "02-wallstreetcn-minimax-debut.md"
# Only the extra article holds this figure: the bundled corpus refuses the question.
EXTRA_QUESTION, EXTRA_FIGURE = "MiniMax香港公开发售超额认购多少倍？", "1837"


# --- unit level: upload sanitiser -------------------------------------------------------


@pytest.mark.parametrize(("raw", "safe"), [
    ("../../etc/passwd", "passwd"),
    ("../../evil.md", "evil.md"),
    ("..\\..\\windows\\evil.txt", "evil.txt"),
    ("/abs/path/note.html", "note.html"),
    (".hidden.md", "hidden.md"),
    ("云知声 研报(2026).md", "云知声_研报_2026_.md"),
    ("a<b>|c?.pdf", "a_b_c_.pdf"),
    ("x" * 300 + ".md", "x" * 100 + ".md"),
])
def test_safe_upload_name_strips_traversal_and_odd_characters(raw, safe):
    assert safe_upload_name(raw) == safe


@pytest.mark.parametrize("raw", ["", "..", "../..", "/", "...//"])
def test_safe_upload_name_rejects_empty_names(raw):
    with pytest.raises(UploadError):
        safe_upload_name(raw)


def _file(folder: Path, name: str, data: bytes = "# 标题\n正文。\n".encode()) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("name", ["passwd", "evil.exe", "report.md.exe", "page.php", "archive.zip", "x.docx"])
def test_check_upload_rejects_unsupported_types(tmp_path, name):
    with pytest.raises(UploadError, match="不支持的文件类型"):
        check_upload(_file(tmp_path, name), max_mb=1)


def test_check_upload_rejects_oversize_and_empty_files(tmp_path):
    big = _file(tmp_path, "big.md", b"a" * (1024 * 1024 + 1))
    with pytest.raises(UploadError, match="文件过大"):
        check_upload(big, max_mb=1)
    with pytest.raises(UploadError, match="空"):
        check_upload(_file(tmp_path, "empty.md", b""), max_mb=1)
    assert check_upload(_file(tmp_path, "ok.MD"), max_mb=1) == "ok.MD"
    assert check_upload(_file(tmp_path, "page.htm"), max_mb=1) == "page.htm"


def test_save_upload_stays_inside_the_upload_folder(tmp_path):
    src_dir, uploads = tmp_path / "src", tmp_path / "uploads"
    src_dir.mkdir()
    src = _file(src_dir, "article.md")
    dest = save_upload(src, uploads, max_mb=1, original_name="../../../../tmp/escape.md")
    assert dest == (uploads / "escape.md").resolve()
    assert dest.read_bytes() == src.read_bytes()
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["article.md", "escape.md", "src", "uploads"]
    with pytest.raises(UploadError):
        save_upload(src, uploads, max_mb=1, original_name="../../etc/passwd")


# --- unit level: presentation -----------------------------------------------------------


def test_message_content_is_normalised_to_plain_text():
    parts = [{"type": "text", "text": "智谱的IPO"}, {"type": "text", "text": "估值是多少？"}]
    assert message_text(parts) == "智谱的IPO估值是多少？"
    assert message_text({"text": "a"}) == "a"
    assert message_text(None) == ""
    history = normalise_history(json.dumps([
        {"role": "user", "content": parts},
        {"role": "assistant", "content": "智谱约511亿港元[1]。"},
        {"role": "system", "content": "ignored"},
        {"role": "user", "content": "  "},
    ], ensure_ascii=False))
    assert history == [{"role": "user", "content": "智谱的IPO估值是多少？"},
                       {"role": "assistant", "content": "智谱约511亿港元[1]。"}]


def _citation(n=1, **kw):
    data = dict(n=n, doc_id="src-1", chunk_id="c1", title="云知声:2025年大模型业务收入预增超10倍",
                publisher="新浪财经", date="2026-01-28", url="https://finance.sina.com.cn/x.shtml",
                quote="## 要点\n2025年大模型相关业务收入预计约6.0亿–6.2亿元。另一句<script>alert(1)</script>。",
                highlights=["2025年大模型相关业务收入预计约6.0亿–6.2亿元。"])
    data.update(kw)
    return Citation(**data)


def test_answer_html_links_markers_and_carries_chips_and_disclaimer():
    a = Answer(question="q", text="收入约6.0亿元[1]。\n另见[2]与[9]。", citations=[_citation(1), _citation(2)],
               tickers=["9678.HK"])
    out = format_answer(a, turn=3)
    assert '<a class="cite" href="#cite-3-1"' in out
    assert 'href="#cite-3-2"' in out
    assert "[9]" in out
    assert "#cite-3-9" not in out
    assert '<span class="chip">9678.HK</span>' in out
    assert DISCLAIMER in out
    assert "refusal" not in out


def test_refusal_is_styled_differently_and_input_is_escaped():
    a = Answer(question="q", text="抱歉，无法回答。<b>x</b>", refused=True,
               notices=["question truncated to its first 2000 characters"])
    out = format_answer(a, turn=1)
    assert 'class="refusal"' in out
    assert "&lt;b&gt;" in out
    assert "<b>" not in out
    assert "前 2000 个字符" in out
    assert "chip" not in out


def test_sources_panel_shows_publisher_link_and_highlighted_sentence():
    turns = [{"turn": 1, "question": "旧问题", "citations": [_citation(1).model_dump()]},
             {"turn": 2, "question": "新问题", "citations": [_citation(1, url="javascript:alert(1)").model_dump()]}]
    out = format_sources(turns)
    assert out.index("新问题") < out.index("旧问题")  # newest first, older ones folded
    assert '<details class="turn" data-turn="1">' in out
    assert 'id="cite-2-1"' in out
    assert 'id="cite-1-1"' in out
    assert "新浪财经" in out
    assert "2026-01-28" in out
    assert 'href="https://finance.sina.com.cn/x.shtml"' in out
    assert "javascript:" not in out  # only http(s) links
    assert "<mark>2025年大模型相关业务收入预计约6.0亿–6.2亿元。</mark>" in out
    assert "<script>" not in out
    assert "&lt;script&gt;" in out


def test_highlight_quote_marks_sentences_with_or_without_markers():
    quote = "第一句。第二句[1][2]。第三句。"
    out = highlight_quote(quote, ["第二句[1][2]。", "第三句。", "不在引文里。"])
    assert out == "第一句。<mark>第二句[1][2]。第三句。</mark>"
    assert highlight_quote("a$b", []) == "a&#36;b"


# --- a live server over a private index copy --------------------------------------------


@pytest.fixture(scope="module")
def web_engine(corpus_index, tmp_path_factory):
    """A writable engine (own index copy and upload folder), warmed up."""
    from chatbot.engine import Engine

    root = tmp_path_factory.mktemp("web")
    shutil.copytree(corpus_index, root / "index")
    os.environ.setdefault("GRADIO_TEMP_DIR", str(root / "gradio-tmp"))
    engine = Engine(make_settings(root / "index", web={"upload_dir": str(root / "uploads")}))
    engine.warmup()
    return engine


@pytest.fixture(scope="module")
def server(web_engine):
    demo = build_app(web_engine)
    port = free_port()
    demo.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True)
    yield f"http://127.0.0.1:{port}/"
    demo.close()


def test_gradio_client_ask_api(server):
    from gradio_client import Client

    client = Client(server, verbose=False)
    assert "/ask" in client.view_api(return_format="dict", print_info=False)["named_endpoints"]

    text, data = client.predict("云知声2025年大模型相关业务收入预计多少？", "[]", api_name="/ask")
    data = json.loads(data)
    assert "6.0亿" in text
    assert "[1]" in text
    assert data["answer"] == text
    assert not data["refused"]
    assert data["citations"]
    assert all(c["url"].startswith("https://") for c in data["citations"])
    assert data["citations"][0]["n"] == 1
    assert data["citations"][0]["highlights"]
    assert "9678.HK" in data["tickers"]
    assert data["disclaimer"] == DISCLAIMER

    # streaming: the updates end with the final text and its JSON (a fast answer's lines
    # arrive as one update, paced by web.stream_interval_s; partial updates are tested
    # in test_web_ui with the interval at 0)
    job = client.submit("智谱的IPO估值是多少？", "[]", api_name="/ask")
    updates = list(job)
    final_text, final_json = job.result()
    assert updates
    assert updates[-1][0] == final_text
    assert json.loads(final_json)["citations"]
    assert all(u[1] == "" for u in updates[:-1])

    # a follow-up with history (content in Gradio's list-of-parts form is accepted too)
    history = [{"role": "user", "content": [{"type": "text", "text": "智谱的IPO估值是多少？"}]},
               {"role": "assistant", "content": final_text}]
    text, data = client.predict("那MiniMax呢？", json.dumps(history, ensure_ascii=False), api_name="/ask")
    assert ("461" in text or "504" in text)
    assert json.loads(data)["standalone_question"] != "那MiniMax呢？"

    text, data = client.predict("今天上海的天气怎么样？", "[]", api_name="/ask")
    assert json.loads(data)["refused"]
    assert not json.loads(data)["citations"]
    text, data = client.predict("x", "not json", api_name="/ask")
    assert "error" in json.loads(data)


def test_launch_defaults_loopback_and_optional_login(engine, monkeypatch):
    web = engine.settings.web
    monkeypatch.setenv(web.user_env, "analyst")
    monkeypatch.setenv(web.password_env, "s3cret-pw")
    demo = launch(engine, port=free_port(), prevent_thread_lock=True)
    try:
        assert demo.server_name == "127.0.0.1"
        assert not demo.share
        base = demo.local_url
        with httpx.Client(base_url=base, timeout=10) as http:
            assert http.get("/config").status_code == 401
            assert http.post("/login", data={"username": "analyst", "password": "wrong"}).status_code >= 400
            assert http.post("/login", data={"username": "analyst", "password": "s3cret-pw"}).status_code == 200
            assert http.get("/config").status_code == 200
    finally:
        demo.close()


# --- end to end in headless Chromium ----------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium fonts-wqy-microhei)")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    """A fresh page on the chat; records every request the page makes."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    pg = context.new_page()
    pg.requests = []
    pg.on("request", lambda r: pg.requests.append(r.url))
    pg.goto(server, wait_until="load")
    pg.wait_for_selector("#question textarea", timeout=30000)
    yield pg
    context.close()




def ask(page, question: str, timeout_ms: int = 60000) -> dict:
    """Types a question, presses Enter, waits for the finished answer; returns its text
    and the browser-side times (ms) to the first answer text and to the full answer."""
    page.wait_for_function(CHAT_IDLE_JS, timeout=timeout_ms)  # the previous answer is finished
    before = page.locator("#chat .answer").count()
    page.evaluate(TIMING_JS)
    page.fill("#question textarea", question)
    page.press("#question textarea", "Enter")
    page.wait_for_function("window.__timing.done !== null", timeout=timeout_ms)
    # the timing observer fires on the first new disclaimer; the answer read is the new, finished one
    page.wait_for_function(ANSWER_FINISHED_JS, arg=before, timeout=timeout_ms)
    t = page.evaluate("window.__timing")
    return {"text": page.locator("#chat .answer").last.inner_text(),
            "first_ms": t["first"] - t["start"], "full_ms": t["done"] - t["start"]}


def _record_timing(name: str, result: dict, capsys) -> None:
    path = ARTIFACTS / "web-timings.json"
    data = json.loads(path.read_text()) if path.exists() else {}
    data[name] = {"first_token_ms": round(result["first_ms"], 1), "full_answer_ms": round(result["full_ms"], 1)}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2))
    with capsys.disabled():
        print(f"\n[web timing] {name}: first token {result['first_ms']:.0f} ms, "
              f"full answer {result['full_ms']:.0f} ms (browser-side)")


@pytest.mark.browser
def test_browser_answer_streams_with_sources_offline(page, capsys):
    assert "云知声大模型业务收入暴增可持续性及港股AI公司估值逻辑分析" in page.inner_text("#reader .rd-title")

    result = ask(page, "云知声2025年大模型相关业务收入预计多少？")
    _record_timing("云知声2025年大模型相关业务收入预计多少？", result, capsys)
    assert "6.0亿" in result["text"]
    assert "[1]" in result["text"]
    assert result["first_ms"] <= result["full_ms"] < 30000
    last = page.locator("#chat .answer").last
    assert last.locator("a.cite", has_text="[1]").count() >= 1
    assert last.locator(".chip", has_text="9678.HK").count() == 1
    assert DISCLAIMER in last.inner_text()
    page.screenshot(path=str(ARTIFACTS / "web-chat-answer.png"), full_page=True)

    # the sources list holds source [1]: publisher, title, date, an https link, a highlight
    card = page.locator("#cite-1-1")
    card.scroll_into_view_if_needed()
    assert card.is_visible()
    meta = card.locator(".src-meta").inner_text()
    assert any(p in meta for p in PUBLISHERS), meta
    hrefs = [a.get_attribute("href") for a in card.locator("a").all()]
    assert hrefs
    assert all(h.startswith("https://") for h in hrefs)
    assert card.locator(".src-title").inner_text().strip()
    assert card.locator(".src-quote mark").count() >= 1  # the supporting sentence
    page.screenshot(path=str(ARTIFACTS / "web-chat-source.png"), full_page=False)

    # nothing left 127.0.0.1: no fonts, scripts or analytics from the internet
    hosts = {urlparse(u).hostname for u in page.requests if urlparse(u).scheme in ("http", "https", "ws", "wss")}
    assert hosts == {"127.0.0.1"}, hosts


@pytest.mark.browser
def test_browser_follow_up_refusal_and_new_chat(page, capsys):
    # an example question by click, then a typed follow-up that needs the history
    n = page.locator("#chat .answer .disclaimer").count()
    page.locator(".example-q", has_text="智谱的IPO估值是多少？").click()
    page.wait_for_function(f"document.querySelectorAll('#chat .answer .disclaimer').length > {n}", timeout=60000)
    assert "511" in page.locator("#chat .answer").last.inner_text()

    result = ask(page, "那MiniMax呢？")
    _record_timing("那MiniMax呢？ (follow-up)", result, capsys)
    assert "461" in result["text"] or "504" in result["text"], result["text"]
    assert page.locator("#sources .turn-head").first.inner_text().startswith("第 2 问")
    page.screenshot(path=str(ARTIFACTS / "web-follow-up.png"), full_page=True)

    result = ask(page, "今天上海的天气怎么样？")
    refusal = page.locator("#chat .answer").last.locator(".refusal")
    assert refusal.is_visible()
    assert "无法回答" in refusal.inner_text()
    assert page.locator("#chat .answer").last.locator("a.cite").count() == 0
    page.screenshot(path=str(ARTIFACTS / "web-refusal.png"), full_page=False)

    page.click("#new-chat")
    page.wait_for_function("document.querySelectorAll('#chat .answer').length === 0")
    page.wait_for_selector("#sources .sources-empty")
    # a new conversation numbers its questions from 1 again
    ask(page, "智谱的IPO估值是多少？")
    assert page.locator("#sources .turn-head").first.inner_text().startswith("第 1 问")


@pytest.mark.browser
def test_browser_question_with_markup_shows_as_text(page):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    question = "<script>alert(1)</script><img src=x onerror=alert(2)>智谱的IPO估值是多少？"
    ask(page, question)
    bubble = page.locator("#chat .question").last
    assert bubble.inner_text().strip() == question
    assert page.locator("#chat script, #chat img[src=x]").count() == 0
    assert DISCLAIMER in page.locator("#chat .answer").last.inner_text()
    page.screenshot(path=str(ARTIFACTS / "web-markup-question.png"), full_page=False)
    assert not dialogs


@pytest.mark.browser
def test_browser_upload_article_then_answer_then_remove(page, web_engine, capsys):
    assert "news-02" not in {d.doc_id for d in web_engine.documents()}
    page.get_by_role("tab", name="文章库").click()
    table = page.locator("#doc-table")
    table.wait_for()
    assert "src-1" in table.inner_text()
    assert "新浪财经" in table.inner_text()

    # a URL that isn't http(s) is refused with a message, nothing crashes
    page.fill("#url textarea, #url input", "file:///etc/passwd")
    page.click("#url-btn")
    page.wait_for_function("document.querySelector('#ingest-msg').innerText.includes('http')")
    # nor may the chat make the server read its own network
    page.fill("#url textarea, #url input", "http://169.254.169.254/latest/meta-data/")
    page.click("#url-btn")
    page.wait_for_function("document.querySelector('#ingest-msg').innerText.includes('local or private address')")

    page.set_input_files("#upload input[type=file]", str(EXTRA_ARTICLE))
    page.locator("#upload", has_text=EXTRA_ARTICLE.name).wait_for(timeout=30000)
    t0 = time.perf_counter()
    page.click("#upload-btn")
    page.wait_for_function("document.querySelector('#ingest-msg').innerText.includes('已添加')", timeout=120000)
    upload_s = time.perf_counter() - t0
    page.wait_for_function("document.querySelector('#doc-table').innerText.includes('news-02')")
    assert "MiniMax上市首日" in table.inner_text()
    uploaded = Path(web_engine.settings.resolve(web_engine.settings.web.upload_dir)) / EXTRA_ARTICLE.name
    assert uploaded.is_file()
    page.screenshot(path=str(ARTIFACTS / "web-articles-upload.png"), full_page=True)
    with capsys.disabled():
        print(f"\n[web timing] upload + ingest of {EXTRA_ARTICLE.name}: {upload_s:.1f} s")

    page.get_by_role("tab", name="分析报告").click()
    result = ask(page, EXTRA_QUESTION)
    _record_timing(f"{EXTRA_QUESTION} (uploaded article)", result, capsys)
    assert EXTRA_FIGURE in result["text"], result["text"]
    assert "华尔街见闻" in page.locator("#sources").inner_text()
    page.screenshot(path=str(ARTIFACTS / "web-upload-answer.png"), full_page=True)

    # remove it again: gone from the table, the index and the upload folder
    page.get_by_role("tab", name="文章库").click()
    page.locator("#doc-pick input").click()
    page.locator("#doc-pick input").fill("news-02")
    page.get_by_role("option", name="news-02").first.click()
    page.click("#remove-btn")
    page.wait_for_function("document.querySelector('#ingest-msg').innerText.includes('已删除')", timeout=60000)
    page.wait_for_function("!document.querySelector('#doc-table').innerText.includes('news-02')")
    assert "news-02" not in {d.doc_id for d in web_engine.documents()}
    assert not uploaded.exists()


# --- the analysis page (issue 13) ------------------------------------------------------

_IN_VIEW_JS = """(sel) => {
  const el = document.querySelector(sel);
  if (!el) return false;
  const r = el.getBoundingClientRect();
  const inWindow = r.bottom > 0 && r.top < window.innerHeight && r.right > 0 && r.left < window.innerWidth;
  let box = el.parentElement;  // and inside every scrolling ancestor's visible area
  while (box && box !== document.body) {
    const s = getComputedStyle(box);
    if (/(auto|scroll)/.test(s.overflowY)) {
      const b = box.getBoundingClientRect();
      if (r.bottom <= b.top || r.top >= b.bottom) return false;
    }
    box = box.parentElement;
  }
  return inWindow && r.height > 0;
}"""


def _answers(page) -> int:
    return page.locator("#chat .answer .disclaimer").count()


def _wait_answer(page, before: int, timeout_ms: int = 60000) -> None:
    page.wait_for_function(f"document.querySelectorAll('#chat .answer .disclaimer').length > {before}",
                           timeout=timeout_ms)


def _record(name: str, value: float, capsys, unit: str = "ms") -> None:
    path = ARTIFACTS / "web-timings.json"
    data = json.loads(path.read_text()) if path.exists() else {}
    data[name] = round(value, 1)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2))
    with capsys.disabled():
        print(f"\n[web timing] {name}: {value:.0f} {unit} (browser-side)")


@pytest.mark.browser
def test_browser_report_is_the_page(browser, server, capsys):
    """The report renders as the page (header, tags, chips, headings, tables, references,
    disclaimer); the time from navigation to the report's first table is recorded."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    pg = context.new_page()
    pg.goto(server, wait_until="commit")
    pg.wait_for_selector("#reader article.reader table", timeout=30000)
    load_ms = pg.evaluate("performance.now()")
    _record("report view load (navigation to first table)", load_ms, capsys)
    reader = pg.locator("#reader article.reader")
    assert reader.get_attribute("data-doc-id") == "report"
    assert pg.inner_text("#reader .rd-title") == "云知声大模型业务收入暴增可持续性及港股AI公司估值逻辑分析"
    assert "Ginlix AI" in pg.inner_text("#reader .rd-meta")
    assert "2026-01-28" in pg.inner_text("#reader .rd-meta")
    assert [t.strip() for t in reader.locator(".rd-tags .tag").all_inner_texts()] == ["Neutral", "HK Stock"]
    chips = " ".join(reader.locator(".rd-chips .chip").all_inner_texts())
    assert "2513.HK" in chips
    assert "0100.HK" in chips
    assert "9678.HK" in chips
    assert reader.locator("h2.rd-h", has_text="一、云知声大模型业务收入暴增分析").count() == 1
    assert reader.locator("h3.rd-h").count() >= 2
    assert reader.locator("table").count() >= 4
    assert "维度" in reader.locator("th").all_inner_texts()
    refs = reader.locator("li.ref")
    assert refs.count() == 6
    assert all(h.startswith("https://") for h in [refs.nth(i).locator("a").first.get_attribute("href") for i in range(6)])
    assert "不构成投资建议" in reader.locator(".disclaimer").inner_text()
    assert "请使用下方的聊天框提出任何金融问题" in pg.inner_text("#ask-prompt")
    pg.screenshot(path=str(ARTIFACTS / "page-wide.png"), full_page=False)
    context.close()


@pytest.mark.browser
def test_browser_citation_opens_the_passage_highlighted(page):
    """[n] in an answer scrolls the reader to the cited passage with its sentence marked,
    opening the cited document when it is not the one shown; the sources list stays."""
    before = _answers(page)
    ask(page, "中期(3-5年)的评估是什么？")
    _wait_answer(page, before)
    page.locator("#chat .answer").last.locator("a.cite", has_text="[1]").first.click()
    page.wait_for_function("document.querySelector('#reader mark.hl') !== null")
    page.wait_for_function(_IN_VIEW_JS, arg="#reader mark.hl", timeout=5000)
    assert "中性偏谨慎" in " ".join(page.locator("#reader mark.hl").all_inner_texts())
    assert page.locator("#reader .passage.focus").count() == 1
    assert page.locator("#sources #cite-1-1").count() == 1  # the sources list is still there
    page.screenshot(path=str(ARTIFACTS / "page-citation-report.png"), full_page=False)

    # a citation into one of the cited articles opens that article
    before = _answers(page)
    ask(page, "智谱的IPO估值是多少？")
    _wait_answer(page, before)
    last = page.locator("#chat .answer").last
    link = last.locator("a.cite").first
    n = int(link.inner_text().strip("[]"))
    doc = page.locator(f"#sources .turn[data-turn] .src-card[id$='-{n}']").first.get_attribute("data-doc-id")
    link.click()
    page.wait_for_function(f"document.querySelector('#reader article.reader').dataset.docId === '{doc}'")
    page.wait_for_function(_IN_VIEW_JS, arg="#reader mark.hl", timeout=5000)
    assert "511" in " ".join(page.locator("#reader mark.hl").all_inner_texts())
    assert page.locator("#reader-pick input").input_value().endswith(f"（{doc}）")
    page.screenshot(path=str(ARTIFACTS / "page-citation-source.png"), full_page=False)


@pytest.mark.browser
def test_browser_figure_badge_shows_its_quote(page):
    before = _answers(page)
    ask(page, "云知声2025年大模型相关业务收入预计多少？")
    _wait_answer(page, before)
    fig = page.locator("#chat .answer").last.locator(".fig.verified", has_text="6.0亿").first
    tip = fig.locator(".fig-tip")
    assert not tip.is_visible()
    fig.hover()
    tip.wait_for(state="visible", timeout=3000)
    text = tip.inner_text()
    assert "已核对" in text
    assert "[1]" in text
    assert "6.0亿" in text  # the source sentence holding the figure
    assert "6.2亿" in text
    page.screenshot(path=str(ARTIFACTS / "page-figure-badge.png"), full_page=False)
    # a tap (focus) shows it too
    page.mouse.move(0, 0)
    fig.focus()
    tip.wait_for(state="visible", timeout=3000)


@pytest.mark.browser
def test_browser_suggestion_click_asks_an_answerable_question(page):
    before = _answers(page)
    ask(page, "中期(3-5年)的评估是什么？")
    _wait_answer(page, before)
    buttons = page.locator("#chat .answer").last.locator("button.suggest")
    buttons.first.wait_for(timeout=30000)
    assert 2 <= buttons.count() <= 3
    question = buttons.first.inner_text().strip()
    before = _answers(page)
    buttons.first.click()
    _wait_answer(page, before)
    assert page.locator("#chat .message").filter(has_text=question).count() >= 1
    last = page.locator("#chat .answer").last
    assert last.locator(".refusal").count() == 0
    assert last.locator("a.cite").count() >= 1


@pytest.mark.browser
def test_browser_export_holds_answers_markers_and_references(page):
    before = _answers(page)
    ask(page, "智谱的IPO估值是多少？")
    _wait_answer(page, before)
    answer_line = page.locator("#chat .answer").last.locator("p").first.inner_text()
    page.wait_for_selector("#export:not([disabled])", timeout=30000)  # the file is ready
    with page.expect_download(timeout=30000) as dl:
        page.click("#export")
    md = Path(dl.value.path()).read_text(encoding="utf-8")
    assert "## 问题 1：智谱的IPO估值是多少？" in md
    assert "511亿港元" in md
    assert "[1]" in md
    refs = [line for line in md.splitlines() if line.startswith("[1] ") or line.startswith("[2] ")]
    assert refs
    assert all("《" in r and "<https://" in r for r in refs)
    assert answer_line.replace("✓", "")[:12] in md
    (ARTIFACTS / "page-export.md").write_text(md, encoding="utf-8")


@pytest.mark.browser
def test_browser_q_parameter_asks_on_load(browser, server):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    pg = context.new_page()
    pg.goto(server + "?q=" + "智谱的IPO估值是多少？", wait_until="load")
    pg.wait_for_selector("#chat .answer .disclaimer", timeout=60000)
    assert pg.locator("#chat .message").filter(has_text="智谱的IPO估值是多少？").count() >= 1
    assert "511" in pg.locator("#chat .answer").last.inner_text()
    # markup in the URL's question is shown as written, never run
    dialogs = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    question = "<script>alert(1)</script>智谱的IPO估值是多少？"
    pg.goto(server + "?q=" + quote(question), wait_until="load")
    pg.wait_for_selector("#chat .answer .disclaimer", timeout=60000)
    assert pg.locator("#chat .question").last.inner_text().strip() == question
    assert pg.locator("#chat script").count() == 0
    assert not dialogs
    context.close()


@pytest.mark.browser
def test_browser_articles_tab_opens_a_document_and_keeps_the_chat(page):
    before = _answers(page)
    ask(page, "智谱的IPO估值是多少？")
    _wait_answer(page, before)
    chat_before = page.locator("#chat .answer").count()
    page.get_by_role("tab", name="文章库").click()
    page.locator("#open-pick input").click()
    page.locator("#open-pick input").fill("src-3")
    page.get_by_role("option", name="src-3").first.click()
    page.click("#open-btn")
    page.wait_for_function("document.querySelector('#reader article.reader') &&"
                           " document.querySelector('#reader article.reader').dataset.docId === 'src-3'")
    assert page.locator("#reader").is_visible()  # back on the page
    assert "36氪" in page.inner_text("#reader .rd-meta")
    assert page.locator("#chat .answer").count() == chat_before  # the conversation stays
    assert "511" in page.locator("#chat .answer").last.inner_text()


@pytest.mark.browser
def test_browser_narrow_screen(browser, server):
    """At 390 px: no sideways scrolling; the article, then the chat under it; asking
    and opening a citation work."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN",
                                  device_scale_factor=2, is_mobile=True, has_touch=True)
    pg = context.new_page()
    pg.goto(server, wait_until="load")
    pg.wait_for_selector("#reader article.reader table", timeout=30000)
    pg.screenshot(path=str(ARTIFACTS / "page-narrow-top.png"), full_page=False)
    assert pg.evaluate("document.documentElement.scrollWidth") <= 392
    reader_box, chat_box = pg.locator("#reader").bounding_box(), pg.locator("#chat").bounding_box()
    assert chat_box["y"] > reader_box["y"] + reader_box["height"] - 1  # the chat comes after the article
    pg.fill("#question textarea", "中期(3-5年)的评估是什么？")
    pg.press("#question textarea", "Enter")
    pg.wait_for_selector("#chat .answer button.suggest", timeout=60000)  # answered, suggestions added
    pg.locator("#chat .answer").last.scroll_into_view_if_needed()
    pg.screenshot(path=str(ARTIFACTS / "page-narrow-answer.png"), full_page=False)
    pg.locator("#chat .answer").last.locator("a.cite").first.tap()
    pg.wait_for_function(_IN_VIEW_JS, arg="#reader mark.hl", timeout=10000)
    pg.screenshot(path=str(ARTIFACTS / "page-narrow-citation.png"), full_page=False)
    assert pg.evaluate("document.documentElement.scrollWidth") <= 392
    context.close()
