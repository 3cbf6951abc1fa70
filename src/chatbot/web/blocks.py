"""The Gradio page over a `ChatUI`: a Chat tab (conversation, sources panel, example
questions), an Articles tab (list, upload, URL, remove) and the `/ask` API endpoint.

The page is built from parts that a different layout can reuse: `chat_panel` (the
conversation and its sources, wired to `ChatUI.respond`) and `articles_panel` (the
document list and its buttons). Handlers here only translate between Gradio values and
`ChatUI`'s plain data (gr.skip() for "unchanged", gr.update for lists)."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

import gradio as gr

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
# Local/system fonts only: nothing is fetched from the internet.
FONTS = ["PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei",
         "Noto Sans CJK SC", "Source Han Sans SC", "system-ui", "sans-serif"]
MONO_FONTS = ["ui-monospace", "SFMono-Regular", "Menlo", "Consolas", "monospace"]
PRIVATE = {"api_visibility": "private"}


def load_css() -> str:
    """The page's style sheet (package data: chatbot/web/static/chat.css)."""
    return resources.files("chatbot.web").joinpath("static/chat.css").read_text(encoding="utf-8")


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


# --- the chat -------------------------------------------------------------------------


@dataclass
class ChatPanel:
    """The chat's components, for layouts that add their own events."""

    chatbot: gr.Chatbot
    question: gr.Textbox
    sources: gr.HTML
    history: gr.State
    turns: gr.State

    @property
    def outputs(self) -> list:
        return [self.chatbot, self.question, self.sources, self.history, self.turns]


def _chat_values(u: ChatUpdate) -> tuple:
    return (u.chat, "" if u.clear_question else gr.skip(),
            gr.skip() if u.sources is None else u.sources, u.history, u.turns)


def chat_panel(ui: ChatUI) -> ChatPanel:
    """The conversation (left) and its sources (right), with send, new-chat and example
    buttons wired to `ui`. Call inside a gr.Blocks context."""
    history, turns = gr.State([]), gr.State([])
    with gr.Row(equal_height=False):
        with gr.Column(scale=3, min_width=420):
            chatbot = gr.Chatbot(
                label="对话", elem_id="chat", height=560, latex_delimiters=[],
                feedback_options=None, buttons=["copy"],
                placeholder="**请提问**：关于云知声、智谱、MiniMax 等港股 AI 公司的收入、估值与上市情况。",
            )
            with gr.Row(equal_height=True):
                question = gr.Textbox(
                    placeholder="输入问题，按回车发送（例如：云知声2025年大模型相关业务收入预计多少？）",
                    show_label=False, scale=6, elem_id="question", max_lines=4,
                )
                send = gr.Button("发送", variant="primary", scale=1, min_width=72, elem_id="send")
                clear = gr.Button("新对话", variant="secondary", scale=1, min_width=72, elem_id="new-chat")
            gr.Markdown("示例问题（点击即问）：", elem_classes="examples-label")
            with gr.Row(elem_classes="examples-row"):
                example_buttons = [gr.Button(q, size="sm", scale=0, min_width=0, elem_classes="example-q")
                                   for q in EXAMPLES]
        with gr.Column(scale=2, min_width=320):
            gr.Markdown("### 来源")
            sources = gr.HTML(SOURCES_EMPTY, elem_id="sources")
    panel = ChatPanel(chatbot, question, sources, history, turns)

    def respond(question: str, chat: list, history: list, turns: list):
        for update in ui.respond(question, chat, history, turns):
            yield _chat_values(update)

    def new_chat():
        return _chat_values(ui.new_chat())

    chat_io = {"inputs": [question, chatbot, history, turns], "outputs": panel.outputs, **PRIVATE}
    question.submit(respond, **chat_io)
    send.click(respond, **chat_io)
    for btn, q in zip(example_buttons, EXAMPLES):
        btn.click(lambda q=q: q, None, question, **PRIVATE).then(respond, **chat_io)
    for clear_event in (clear.click, chatbot.clear):  # the button and the chat's own bin
        clear_event(new_chat, None, panel.outputs, **PRIVATE)
    return panel


# --- the articles ---------------------------------------------------------------------


def articles_panel(ui: ChatUI, tab: gr.Tab | None = None) -> None:
    """The document list, upload, URL import and removal, wired to `ui` (one ingestion
    at a time). When `tab` is given, selecting it refreshes the list."""
    max_mb = ui.settings.web.max_upload_mb
    gr.Markdown("已导入的文章（问答只依据这些资料）。可上传 md、txt、html、pdf 文件"
                f"（单个不超过 {max_mb:g} MB）或输入网址添加新文章，导入后即可提问。")
    table = gr.Dataframe(
        value=ui.list_documents(), headers=["ID", "标题", "发布方", "日期", "段落数"],
        datatype=["str", "str", "str", "str", "number"], interactive=False, wrap=True,
        elem_id="doc-table", column_widths=["10%", "48%", "16%", "14%", "12%"],
    )
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
        return gr.update(value=ui.list_documents()), gr.update(choices=ui.document_choices(), value=None)

    def add_upload(file, progress=gr.Progress()):
        return (ui.add_upload(file, progress).html(), *refresh_docs())

    def add_url(url: str, progress=gr.Progress()):
        outcome = ui.add_url(url, progress)
        return (outcome.html(), *refresh_docs(), outcome.what if outcome.report is None else "")

    def remove_doc(doc_id: str | None):
        return (ui.remove_document(doc_id).html(), *refresh_docs())

    docs_out = [table, doc_pick]
    ingest_opts = {"concurrency_id": "ingest", "concurrency_limit": 1, **PRIVATE}
    upload_btn.click(add_upload, upload, [ingest_msg, *docs_out], **ingest_opts).then(
        lambda: None, None, upload, **PRIVATE)
    url_btn.click(add_url, url_box, [ingest_msg, *docs_out, url_box], **ingest_opts)
    remove_btn.click(remove_doc, doc_pick, [ingest_msg, *docs_out], **ingest_opts)
    if tab is not None:
        tab.select(refresh_docs, None, docs_out, **PRIVATE)


# --- the page -------------------------------------------------------------------------


def build_blocks(ui: ChatUI) -> ChatApp:
    """The whole page: header, Chat and Articles tabs, and the `/ask` API endpoint."""
    web = ui.settings.web
    launch_defaults = {
        "theme": make_theme(),
        "css": load_css(),
        "max_file_size": f"{web.max_upload_mb:g}mb",
        "footer_links": ["api", "settings"],
    }
    with ChatApp(title=APP_TITLE, analytics_enabled=False, launch_defaults=launch_defaults) as demo:
        gr.HTML(ui.header_html(), elem_id="app-header")
        with gr.Tabs():
            with gr.Tab("问答", id="chat"):
                chat_panel(ui)
            with gr.Tab("文章库", id="articles") as articles_tab:
                articles_panel(ui, articles_tab)
        gr.api(ui.ask_api, api_name="ask")
    demo.queue(default_concurrency_limit=web.concurrency_limit)
    return demo
