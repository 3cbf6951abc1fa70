"""The Gradio page over a `ChatUI` and an `AnalysisPage`: the analysis page (the
report in a reader view, the chat docked beside it on a wide screen and under it on a
narrow one), an Articles tab (list, open in the reader, upload, URL, remove) and the
`/ask` API endpoint.

The page is built from parts: `reader_panel` (the reader view and its document picker),
`chat_panel` (the conversation, its sources, suggestions and export, wired to
`ChatUI.respond`), `articles_panel` and the click bridges of static/page.js. Handlers here
only translate between Gradio values and the plain data of `ChatUI` / `AnalysisPage`
(gr.skip() for "unchanged", gr.update for lists)."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from html import unescape
from importlib import resources
from typing import Any

import gradio as gr

from chatbot.web.page import AnalysisPage
from chatbot.web.render import APP_TITLE, SOURCES_EMPTY
from chatbot.web.ui import ChatUI, ChatUpdate
from chatbot.web.uploads import UPLOAD_SUFFIXES

EXAMPLES = [
    "云知声2025年大模型相关业务收入预计多少？",
    "智谱的IPO估值是多少？",
    "那MiniMax呢？",
    "What was Unisound's large-model revenue in 2024?",
    "中期(3-5年)的评估是什么？",
]
ASK_PROMPT = "请使用下方的聊天框提出任何金融问题"
PAGE_TAB = "分析报告"
# Local/system fonts only: nothing is fetched from the internet.
FONTS = ["PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei",
         "Noto Sans CJK SC", "Source Han Sans SC", "system-ui", "sans-serif"]
MONO_FONTS = ["ui-monospace", "SFMono-Regular", "Menlo", "Consolas", "monospace"]
PRIVATE: dict[str, Any] = {"api_visibility": "private"}


def _static(name: str) -> str:
    return resources.files("chatbot.web").joinpath(f"static/{name}").read_text(encoding="utf-8")


def load_css() -> str:
    """The page's style sheets (package data: chatbot/web/static/chat.css and page.css)."""
    return _static("chat.css") + "\n" + _static("page.css")


def make_theme() -> gr.themes.Base:
    return gr.themes.Soft(primary_hue="blue", font=FONTS, font_mono=MONO_FONTS)


class ChatApp(gr.Blocks):
    """Blocks whose launch() defaults to this app's theme, CSS, upload limit and footer,
    so `build_app(engine).launch(...)` looks the same as `chatbot serve`."""

    def __init__(self, *args, launch_defaults: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.launch_defaults = launch_defaults or {}

    def launch(self, *args, **kwargs):
        for key, value in self.launch_defaults.items():
            kwargs.setdefault(key, value)
        kwargs["share"] = False  # never open a public tunnel
        return super().launch(*args, **kwargs)


# --- the reader -----------------------------------------------------------------------


@dataclass
class ReaderPanel:
    """The reader view and the picker of the document it shows."""

    reader: gr.HTML
    pick: gr.Dropdown
    built_for: tuple  # the documents when the page was built (AnalysisPage.documents_key)
    choices: Callable[[], list]  # the picker's (label, doc id) pairs, as the documents are now

    def refresh_on(self, event, page: AnalysisPage):
        """On `event` (the page's load), the main document again if the documents
        changed since the page was built."""
        def refresh():
            if page.documents_key() == self.built_for:
                return gr.skip(), gr.skip()
            return page.reader_html(), gr.update(choices=self.choices(), value=page.main_document())
        return event(refresh, None, [self.reader, self.pick], show_progress="hidden", **PRIVATE)

    def show(self, event, fn, inputs, **kwargs):
        """Wires `event` to `fn` (-> reader HTML or None for unchanged), then scrolls the
        reader to the highlighted passage (static/scroll.js)."""
        def run(*args):
            html = fn(*args)
            if html is None:
                return gr.skip(), gr.skip()
            shown = re.search(r'<article class="reader" data-doc-id="([^"]*)"', html)
            if not shown:
                return html, gr.skip()
            return html, gr.update(choices=self.choices(), value=unescape(shown.group(1)))
        return event(run, inputs, [self.reader, self.pick], **PRIVATE, **kwargs).then(
            None, None, None, js=_static("scroll.js"), **PRIVATE)


def reader_panel(ui: ChatUI, page: AnalysisPage) -> ReaderPanel:
    """A document picker over the reader view, which opens on the main document (the
    report). Call inside a gr.Blocks context."""
    pick = gr.Dropdown(label="阅读文章", choices=ui.document_choices(), value=page.main_document(),
                       elem_id="reader-pick", interactive=True)
    # the first view is part of the page itself (no extra round trip)
    reader = gr.HTML(page.reader_html(), elem_id="reader", js_on_load=None)
    panel = ReaderPanel(reader, pick, page.documents_key(), ui.document_choices)
    panel.show(pick.input, page.reader_html, pick)
    return panel


# --- the chat -------------------------------------------------------------------------


@dataclass
class ChatPanel:
    """The chat's components, for layouts that add their own events."""

    chatbot: gr.Chatbot
    question: gr.Textbox
    sources: gr.HTML
    history: gr.State
    turns: gr.State
    export: gr.DownloadButton

    @property
    def outputs(self) -> list:
        return [self.chatbot, self.question, self.sources, self.history, self.turns]


def _chat_values(u: ChatUpdate) -> tuple:
    """The panel's outputs for an update; a step of the text being written leaves the
    states alone (Gradio would otherwise copy the whole conversation at every step)."""
    states = (gr.skip(), gr.skip()) if u.streamed else (u.history, u.turns)
    return (u.chat, "" if u.clear_question else gr.skip(),
            gr.skip() if u.sources is None else u.sources, *states)


# Over 60 lines on purpose: Gradio wiring, the components and the small handlers that
# close over them read best in one place (the behaviour itself is in ChatUI and AnalysisPage).
def chat_panel(ui: ChatUI, page: AnalysisPage) -> tuple[ChatPanel, Callable]:
    """The conversation with its send, new-chat, example and export buttons and the
    sources list, wired to `ui`; each answer then gains its suggested questions and the
    export button the conversation so far. Call inside a gr.Blocks context. Returns the
    panel and `ask(event, inputs=None, from_url=False)`, which wires another trigger
    (a suggestion, the page load's ?q=) to the same steps."""
    history, turns = gr.State([]), gr.State([])
    chatbot = gr.Chatbot(
        label="对话", elem_id="chat", height=460, latex_delimiters=[],
        feedback_options=None, buttons=["copy"],
        placeholder="**请提问**：关于云知声、智谱、MiniMax 等港股 AI 公司的收入、估值与上市情况。",
    )
    with gr.Row(equal_height=True):
        question = gr.Textbox(
            placeholder="输入问题，按回车发送（例如：云知声2025年大模型相关业务收入预计多少？）",
            show_label=False, scale=6, elem_id="question", max_lines=4, min_width=160,
        )
        send = gr.Button("发送", variant="primary", scale=1, min_width=64, elem_id="send")
    with gr.Row(equal_height=True):
        clear = gr.Button("新对话", variant="secondary", size="sm", elem_id="new-chat")
        export = gr.DownloadButton("导出对话 (Markdown)", value=None, size="sm", elem_id="export", interactive=False)
    gr.Markdown("示例问题（点击即问）：", elem_classes="examples-label")
    with gr.Row(elem_classes="examples-row"):
        example_buttons = [gr.Button(q, size="sm", scale=0, min_width=0, elem_classes="example-q")
                           for q in EXAMPLES]
    with gr.Accordion("来源", open=True, elem_id="sources-box"):
        sources = gr.HTML(SOURCES_EMPTY, elem_id="sources")
    panel = ChatPanel(chatbot, question, sources, history, turns, export)

    def respond(question: str, chat: list, history: list, turns: list):
        for update in ui.respond(question, chat, history, turns):
            yield _chat_values(update)

    def after_answer(chat: list, turns: list):
        """The answer's suggested questions and the export file of the conversation so
        far, in one event (each event is a trip through the queue and the page's stream)."""
        path = page.export(turns)
        return (page.with_suggestions(chat, turns) or gr.skip(),
                gr.DownloadButton(value=path, interactive=path is not None))

    def new_chat():
        return (*_chat_values(ui.new_chat()), gr.DownloadButton(value=None, interactive=False))

    def respond_from_url(chat: list, history: list, turns: list, request: gr.Request):
        question = question_from_url(request)
        if not question:  # nothing to ask: leave the page (and whatever is typed) alone
            yield (gr.skip(),) * len(panel.outputs)
            return
        yield from respond(question, chat, history, turns)

    def ask(event, inputs=None, from_url: bool = False):
        """`event` asks the question box's question (`inputs`: the box and the chat
        state), or with `from_url` the page URL's ?q=: the answer, then its suggestions
        and the export file."""
        fn, inputs = (respond_from_url, [chatbot, history, turns]) if from_url else (respond, inputs)
        quiet = {"show_progress": "hidden"} if from_url else {}  # a plain page load shows no spinner
        return (event(fn, inputs, panel.outputs, **quiet, **PRIVATE)
                .then(after_answer, [chatbot, turns], [chatbot, export], **PRIVATE))

    chat_in = [question, chatbot, history, turns]
    ask(question.submit, chat_in)
    ask(send.click, chat_in)
    for btn, q in zip(example_buttons, EXAMPLES, strict=True):
        ask(btn.click(lambda q=q: q, None, question, **PRIVATE).then, chat_in)
    for clear_event in (clear.click, chatbot.clear):  # the button and the chat's own bin
        clear_event(new_chat, None, [*panel.outputs, export], **PRIVATE)
    return panel, ask


def bridge(role: str) -> gr.HTML:
    """A hidden component whose value static/page.js sets on a click in the page
    ("open": a citation or a document, "ask": a suggested question), with a submit event."""
    return gr.HTML("", elem_id=f"page-bridge-{role}", js_on_load=_static("page.js").replace("__ROLE__", role))


# --- the articles ---------------------------------------------------------------------


@dataclass
class ArticlesPanel:
    open_pick: gr.Dropdown  # the document to open in the reader
    open_btn: gr.Button


def articles_panel(ui: ChatUI, tab: gr.Tab | None = None) -> ArticlesPanel:
    """The document list, opening one in the reader (wired by the page), upload, URL
    import and removal, wired to `ui` (one ingestion at a time). When `tab` is given,
    selecting it refreshes the list."""
    max_mb = ui.settings.web.max_upload_mb
    gr.Markdown("已导入的文章（问答只依据这些资料）。可上传 md、txt、html、pdf 文件"
                f"（单个不超过 {max_mb:g} MB）或输入网址添加新文章，导入后即可提问。")
    table = gr.Dataframe(
        value=ui.list_documents(), headers=["ID", "标题", "发布方", "日期", "段落数", "识别的公司（代码；英文名）"],
        datatype=["str", "str", "str", "str", "number"], interactive=False, wrap=True,
        elem_id="doc-table", column_widths=["10%", "48%", "16%", "14%", "12%"],
    )
    with gr.Row(equal_height=True):
        open_pick = gr.Dropdown(label="在阅读器中打开", choices=ui.document_choices(), value=None,
                                elem_id="open-pick", scale=4)
        open_btn = gr.Button("打开", variant="primary", elem_id="open-btn", scale=1, min_width=72)
    with gr.Row(equal_height=False):
        with gr.Column():
            upload = gr.File(label="上传文章", file_types=list(UPLOAD_SUFFIXES), file_count="single",
                             type="filepath", elem_id="upload")
            upload_btn = gr.Button("上传并导入", variant="primary", elem_id="upload-btn")
        with gr.Column():
            url_box = gr.Textbox(label="文章网址", placeholder="https://...", elem_id="url")
            url_btn = gr.Button("从网址导入", elem_id="url-btn")
            doc_pick = gr.Dropdown(label="删除文章", choices=ui.document_choices(), value=None, elem_id="doc-pick")
            remove_btn = gr.Button("删除所选文章", variant="stop", elem_id="remove-btn")
    ingest_msg = gr.HTML("", elem_id="ingest-msg")

    def refresh_docs():
        choices = ui.document_choices()
        return (gr.update(value=ui.list_documents()), gr.update(choices=choices, value=None),
                gr.update(choices=choices))

    def add_upload(file, progress=gr.Progress()):
        return (ui.add_upload(file, progress).html(), *refresh_docs())

    def add_url(url: str, progress=gr.Progress()):
        outcome = ui.add_url(url, progress)
        return (outcome.html(), *refresh_docs(), outcome.what if outcome.report is None else "")

    def remove_doc(doc_id: str | None):
        return (ui.remove_document(doc_id).html(), *refresh_docs())

    docs_out = [table, doc_pick, open_pick]
    ingest_opts = {"concurrency_id": "ingest", "concurrency_limit": 1, **PRIVATE}
    upload_btn.click(add_upload, upload, [ingest_msg, *docs_out], **ingest_opts).then(
        lambda: None, None, upload, **PRIVATE)
    url_btn.click(add_url, url_box, [ingest_msg, *docs_out, url_box], **ingest_opts)
    remove_btn.click(remove_doc, doc_pick, [ingest_msg, *docs_out], **ingest_opts)
    if tab is not None:
        tab.select(refresh_docs, None, docs_out, **PRIVATE)
    return ArticlesPanel(open_pick, open_btn)


# --- the page -------------------------------------------------------------------------


def question_from_url(request: gr.Request) -> str:
    """The `q` query parameter of the page's URL ("" when absent)."""
    return (request.query_params.get("q") or "").strip() if request is not None else ""


def build_blocks(ui: ChatUI, page: AnalysisPage | None = None) -> ChatApp:
    """The whole page: the analysis page (reader + chat), the Articles tab, the click
    bridges, `?q=` asking on load, and the `/ask` API endpoint."""
    page = page or AnalysisPage(ui.engine)
    web = ui.settings.web
    launch_defaults = {
        "theme": make_theme(),
        "css": load_css(),
        "max_file_size": f"{web.max_upload_mb:g}mb",
        "footer_links": ["api", "settings"],
    }
    cache_age = web.gradio_cache_max_age_s
    with ChatApp(title=APP_TITLE, analytics_enabled=False, launch_defaults=launch_defaults,
                 delete_cache=(cache_age, cache_age)) as demo:
        with gr.Tabs(selected="page"):
            with gr.Tab(PAGE_TAB, id="page"):
                with gr.Row(equal_height=False, elem_id="page-row"):
                    with gr.Column(scale=3, min_width=340, elem_id="reader-col"):
                        reader = reader_panel(ui, page)
                    with gr.Column(scale=2, min_width=340, elem_id="chat-col"):
                        gr.HTML(f'<div class="ask-prompt">{ASK_PROMPT}</div>', elem_id="ask-prompt")
                        chat, ask = chat_panel(ui, page)
            with gr.Tab("文章库", id="articles") as articles_tab:
                articles = articles_panel(ui, articles_tab)
        ask(demo.load, from_url=True)  # a page opened with ?q=... asks it
        reader.refresh_on(demo.load, page)

        # clicks in the page: a citation or an "open" button -> the reader; a suggestion -> asked
        opener, asker = bridge("open"), bridge("ask")
        reader.show(opener.submit, page.open, [opener, chat.turns])
        ask(asker.submit(page.question, asker, chat.question, **PRIVATE).then,
            [chat.question, chat.chatbot, chat.history, chat.turns])
        # the Articles tab opens a document in the same reader; the conversation stays
        show_page = (f"() => {{ const tab = [...document.querySelectorAll('button[role=\"tab\"]')]"
                     f".find((b) => b.textContent.trim() === '{PAGE_TAB}'); if (tab) tab.click(); }}")
        reader.show(articles.open_btn.click(None, None, None, js=show_page, **PRIVATE).then,
                    lambda doc_id: page.reader_html(doc_id) if doc_id else None, articles.open_pick)
        gr.api(ui.ask_api, api_name="ask")
    # read by Gradio's Queue when it is created (an explicit environment variable wins)
    os.environ.setdefault("GRADIO_ANALYTICS_CACHE_FREQUENCY", str(web.queue_stats_every))
    os.environ.setdefault("GRADIO_ANALYTICS_MAX_EVENTS", str(web.queue_stats_events))
    demo.queue(default_concurrency_limit=web.concurrency_limit, status_update_rate=web.queue_status_interval_s or "auto")
    return demo
