"""The Gradio web chat (`chatbot serve`): presentation only.

Every answer comes from `Engine.stream`; this module turns answers into HTML
(inline [n] links, a sources panel with the supporting sentences highlighted,
ticker chips, the disclaimer), manages the Articles tab (list, upload, URL,
remove) and exposes the chat as a named API endpoint (`/ask`) for
`gradio_client`. Nothing here retrieves or ranks.

    from chatbot.web import build_app, launch
    build_app(engine).launch(server_name="127.0.0.1", server_port=7860)
    launch(engine)                 # host/port/login/concurrency from settings.web
"""

from __future__ import annotations

import html
import json
import logging
import os
import re
import shutil
import unicodedata
from pathlib import Path
from typing import Any

import gradio as gr

from chatbot.engine import DISCLAIMER, Engine
from chatbot.followup import message_text, normalise_history
from chatbot.models import Answer, Citation

log = logging.getLogger(__name__)

APP_TITLE = "研报问答助手"
REPORT_TITLE = "云知声大模型业务收入暴增可持续性及港股AI公司估值逻辑分析"
EXAMPLES = [
    "云知声2025年大模型相关业务收入预计多少？",
    "智谱的IPO估值是多少？",
    "那MiniMax呢？",
    "What was Unisound's large-model revenue in 2024?",
    "中期(3-5年)的评估是什么？",
]
UPLOAD_SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm", ".pdf")
SOURCES_EMPTY = '<div class="sources-empty">提问后，这里会列出回答引用的原文段落。点击回答中的 [n] 可跳到对应来源。</div>'

# Local/system fonts only: nothing is fetched from the internet.
FONTS = ["PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei",
         "Noto Sans CJK SC", "Source Han Sans SC", "system-ui", "sans-serif"]
MONO_FONTS = ["ui-monospace", "SFMono-Regular", "Menlo", "Consolas", "monospace"]

CSS = """
.app-header h1 { margin: 0 0 .3em; font-size: 1.6em; }
.app-header p { margin: .2em 0; }
.app-header details { margin-top: .4em; }
.app-header ol { margin: .3em 0 .2em 1.2em; padding: 0; }
.app-header li { margin: .1em 0; font-size: .92em; }
.examples-row { flex-wrap: wrap; gap: 6px; }
.examples-row button { font-size: .88em !important; flex: 0 1 auto !important; }
.examples-label p { margin: .3em 0 0; font-size: .9em; }
.answer p { margin: 0 0 .45em; line-height: 1.7; }
.answer.pending { color: var(--body-text-color-subdued); font-style: italic; }
a.cite { text-decoration: none; font-weight: 600; color: var(--color-accent); padding: 0 1px; }
a.cite:hover { text-decoration: underline; }
.chips { margin: .4em 0 .2em; }
.chip { display: inline-block; border: 1px solid var(--color-accent); color: var(--color-accent);
        border-radius: 999px; padding: 0 .6em; margin: 0 .35em .2em 0; font-size: .82em; line-height: 1.6; }
.disclaimer { margin-top: .5em; padding-top: .35em; border-top: 1px dashed var(--border-color-primary);
              font-size: .8em; color: var(--body-text-color-subdued); }
.refusal { border-left: 4px solid #d97706; background: rgba(217, 119, 6, .10); padding: .55em .8em;
           border-radius: 6px; }
.refusal::before { content: "⚠ 无法回答"; display: block; font-weight: 700; color: #b45309; margin-bottom: .2em; }
.chat-error { border-left: 4px solid #dc2626; background: rgba(220, 38, 38, .08); padding: .55em .8em; border-radius: 6px; }
.notice { font-size: .82em; color: #b45309; margin-bottom: .3em; }
.sources-panel { max-height: 640px; overflow-y: auto; }
.sources-empty { color: var(--body-text-color-subdued); padding: .8em; font-size: .92em; }
.turn-head { font-weight: 600; margin: .2em 0 .4em; font-size: .95em; }
.sources-panel details > summary { cursor: pointer; color: var(--body-text-color-subdued); margin: .5em 0; }
.src-card { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: .55em .75em;
            margin: 0 0 .6em; background: var(--block-background-fill); scroll-margin-top: 12px; }
.src-card:target { outline: 2px solid var(--color-accent); }
.src-meta { font-size: .85em; color: var(--body-text-color-subdued); }
.src-n { font-weight: 700; color: var(--color-accent); margin-right: .3em; }
.src-title { font-weight: 600; margin: .15em 0 .3em; }
.src-title a { color: inherit; }
.src-quote { white-space: pre-wrap; font-size: .88em; line-height: 1.65; max-height: 16em; overflow-y: auto;
             border-left: 3px solid var(--border-color-primary); padding-left: .6em; }
.src-quote mark { background: #fde68a; color: inherit; padding: 0 1px; border-radius: 2px; }
.dark .src-quote mark { background: #854d0e; }
.ingest-msg .ok { color: #15803d; }
.ingest-msg .err { color: #b91c1c; }
"""


def make_theme() -> gr.themes.Base:
    return gr.themes.Soft(primary_hue="blue", font=FONTS, font_mono=MONO_FONTS)


# --- answers as HTML -----------------------------------------------------------------

_MARKER = re.compile(r"\[(\d+)\]")
_NOTICES = [(re.compile(r"question truncated to its first (\d+) characters"), "问题过长，只使用了前 {0} 个字符。")]


def _esc(text: str) -> str:
    # "$" is escaped too: gr.HTML renders its value through a template.
    return html.escape(text, quote=True).replace("$", "&#36;")


def anchor_id(turn: int, n: int) -> str:
    return f"cite-{turn}-{n}"


def link_markers(escaped: str, turn: int, known: set[int]) -> str:
    """[n] -> a link to source n of this turn (markers without a source stay text)."""

    def repl(m: re.Match) -> str:
        n = int(m.group(1))
        if n not in known:
            return m.group(0)
        return f'<a class="cite" href="#{anchor_id(turn, n)}" title="查看来源 [{n}]">[{n}]</a>'

    return _MARKER.sub(repl, escaped)


def notice_text(notice: str) -> str:
    for pattern, zh in _NOTICES:
        m = pattern.fullmatch(notice)
        if m:
            return zh.format(*m.groups())
    return notice


def format_pending(partial: str = "") -> str:
    if not partial.strip():
        return '<div class="answer pending">正在检索资料并撰写回答…</div>'
    lines = "".join(f"<p>{_esc(line)}</p>" for line in partial.splitlines() if line.strip())
    return f'<div class="answer streaming">{lines}<p>▌</p></div>'


def format_answer(answer: Answer, turn: int) -> str:
    """One assistant message: the answer (or a styled refusal), ticker chips, notices
    and the disclaimer. Kept as one HTML block so Markdown leaves it alone."""
    notices = [notice_text(n) for n in answer.notices if n != "empty question"]
    parts = ['<div class="answer">']
    parts += [f'<div class="notice">{_esc(n)}</div>' for n in notices]
    if answer.refused:
        parts.append(f'<div class="refusal">{_esc(answer.text)}</div>')
    else:
        known = {c.n for c in answer.citations}
        for line in answer.text.splitlines():
            if line.strip():
                parts.append(f"<p>{link_markers(_esc(line), turn, known)}</p>")
        if answer.tickers:
            chips = "".join(f'<span class="chip">{_esc(t)}</span>' for t in answer.tickers)
            parts.append(f'<div class="chips">{chips}</div>')
    parts.append(f'<div class="disclaimer">{_esc(DISCLAIMER)}</div>')
    parts.append("</div>")
    return "".join(parts)


def format_error(message: str) -> str:
    return f'<div class="answer"><div class="chat-error">出错了：{_esc(message)}。请稍后再试或换一种问法。</div></div>'


def highlight_quote(quote: str, highlights: list[str]) -> str:
    """The quote, escaped, with each highlight sentence found in it wrapped in <mark>."""
    spans: list[tuple[int, int]] = []
    for h in highlights:
        h = h.strip()
        for candidate in (h, _MARKER.sub("", h).strip()):
            if candidate and (i := quote.find(candidate)) >= 0:
                spans.append((i, i + len(candidate)))
                break
    merged: list[list[int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    out, pos = [], 0
    for a, b in merged:
        out += [_esc(quote[pos:a]), "<mark>", _esc(quote[a:b]), "</mark>"]
        pos = b
    out.append(_esc(quote[pos:]))
    return "".join(out)


def _safe_url(url: str) -> str:
    return url if re.match(r"https?://", url or "", re.I) else ""


def format_citation(c: Citation | dict, turn: int) -> str:
    c = c if isinstance(c, Citation) else Citation(**c)
    url = _safe_url(c.url)
    title = _esc(c.title or c.doc_id)
    title_html = f'<a href="{_esc(url)}" target="_blank" rel="noopener noreferrer">{title}</a>' if url else title
    meta = " · ".join(_esc(x) for x in (c.publisher, c.date or "日期未注明") if x)
    link = f' · <a href="{_esc(url)}" target="_blank" rel="noopener noreferrer">原文链接</a>' if url else ""
    return (
        f'<div class="src-card" id="{anchor_id(turn, c.n)}" data-doc-id="{_esc(c.doc_id)}">'
        f'<div class="src-meta"><span class="src-n">[{c.n}]</span><span class="src-publisher">{meta}</span>{link}</div>'
        f'<div class="src-title">{title_html}</div>'
        f'<div class="src-quote">{highlight_quote(c.quote, c.highlights)}</div>'
        "</div>"
    )


def format_sources(turns: list[dict]) -> str:
    """The sources panel: the newest answer's citations open, earlier ones folded."""
    shown = [t for t in turns if t.get("citations")]
    if not shown:
        return SOURCES_EMPTY
    parts = ['<div class="sources-panel">']
    for i, t in enumerate(reversed(shown)):
        cards = "".join(format_citation(c, t["turn"]) for c in t["citations"])
        head = f'<div class="turn-head">第 {t["turn"]} 问：{_esc(t["question"])}</div>'
        if i == 0:
            parts.append(f'<div class="turn" data-turn="{t["turn"]}">{head}{cards}</div>')
        else:
            parts.append(f'<details class="turn" data-turn="{t["turn"]}"><summary>第 {t["turn"]} 问：'
                         f'{_esc(t["question"])}（{len(t["citations"])} 个来源）</summary>{cards}</details>')
    parts.append("</div>")
    return "".join(parts)


def header_html(engine: Engine) -> str:
    docs = {d.doc_id: d for d in engine.documents()}
    report = docs.get("report")
    report_title = report.title if report and report.title else REPORT_TITLE
    cited = sorted((d for k, d in docs.items() if re.fullmatch(r"src-\d+", k)), key=lambda d: int(d.doc_id[4:]))
    items = []
    for d in ([report] if report else []) + cited:
        url = _safe_url(d.url)
        title = _esc(d.title or d.doc_id)
        title = f'<a href="{_esc(url)}" target="_blank" rel="noopener noreferrer">{title}</a>' if url else title
        items.append(f"<li>{_esc(d.publisher)}：{title}{'（' + _esc(d.date) + '）' if d.date else ''}</li>")
    n_cited = len(cited) or 6
    return (
        '<div class="app-header">'
        f"<h1>{APP_TITLE}</h1>"
        f"<p>依据分析报告《{_esc(report_title)}》及其引用的 {n_cited} 篇文章回答问题，每个回答都标注来源 [n]，"
        "点击即可查看原文段落与出处。资料之外的问题会如实说明无法回答。</p>"
        + (f"<details><summary>资料来源（{len(items)} 篇）</summary><ol>{''.join(items)}</ol></details>" if items else "")
        + "</div>"
    )


# --- uploads ---------------------------------------------------------------------------


class UploadError(ValueError):
    """An upload refused before it reaches ingestion (the message is shown to the user)."""


def safe_upload_name(name: str) -> str:
    """A file name that is safe to create inside the upload folder: the last path
    component only (either separator), letters/digits (CJK included) and `-_.` kept,
    no leading dots, at most 120 characters. Raises UploadError when nothing is left."""
    base = re.split(r"[\\/]", unicodedata.normalize("NFKC", str(name or "")))[-1]
    base = "".join(ch if (ch.isalnum() or ch in "-_.") else "_" for ch in base)
    base = re.sub(r"_+", "_", base).strip("._ ")
    stem, dot, suffix = base.rpartition(".")
    if dot and len(stem) > 100:
        base = f"{stem[:100]}.{suffix[:10]}"
    base = base[:120]
    if not base:
        raise UploadError("文件名无效")
    return base


def check_upload(path: str | Path, max_mb: float, original_name: str | None = None) -> str:
    """Validates an uploaded file (type by suffix, size) and returns its safe name."""
    path = Path(path)
    name = safe_upload_name(original_name or path.name)
    suffix = Path(name).suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        raise UploadError(f"不支持的文件类型{('「' + suffix + '」') if suffix else ''}，"
                          f"只接受 {'、'.join(s.lstrip('.') for s in UPLOAD_SUFFIXES)}")
    if not path.is_file():
        raise UploadError("上传的文件不存在")
    size = path.stat().st_size
    if size == 0:
        raise UploadError("文件是空的")
    if size > max_mb * 1024 * 1024:
        raise UploadError(f"文件过大（{size / 1024 / 1024:.1f} MB），上限 {max_mb:g} MB")
    return name


def save_upload(path: str | Path, upload_dir: str | Path, max_mb: float, original_name: str | None = None) -> Path:
    """Copies a validated upload into `upload_dir` under its sanitised name."""
    name = check_upload(path, max_mb, original_name)
    folder = Path(upload_dir).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    dest = (folder / name).resolve()
    if dest.parent != folder:  # belt and braces: the name has no separators left
        raise UploadError("文件名无效")
    shutil.copyfile(path, dest)
    return dest


# --- the app ---------------------------------------------------------------------------


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


def _doc_rows(engine: Engine) -> list[list]:
    return [[d.doc_id, d.title, d.publisher, d.date or "—", len(d.chunk_ids)] for d in engine.documents()]


def _doc_choices(engine: Engine) -> list[tuple[str, str]]:
    return [(f"{d.title or d.doc_id}（{d.doc_id}）", d.doc_id) for d in engine.documents()]


def _ingest_message(engine: Engine, report, what: str) -> str:
    if report.failed:
        reasons = "；".join(_esc(msg) for _, msg in report.failed)
        return f'<div class="ingest-msg"><span class="err">导入失败：{reasons}</span></div>'
    docs = {d.doc_id: d for d in engine.documents()}

    def names(ids):
        return "、".join(f"《{_esc(docs[i].title or i) if i in docs else _esc(i)}》（{_esc(i)}）" for i in ids)

    lines = []
    if report.added:
        lines.append(f"已添加 {names(report.added)}，现在就可以提问。")
    if report.updated:
        lines.append(f"已更新 {names(report.updated)}。")
    if report.skipped:
        lines.append(f"{names(report.skipped)} 内容未变化，已跳过。")
    if not lines:
        lines.append(f"{_esc(what)}：没有可导入的内容。")
    return f'<div class="ingest-msg"><span class="ok">{"<br>".join(lines)}</span></div>'


def _error_message(text: str) -> str:
    return f'<div class="ingest-msg"><span class="err">{_esc(text)}</span></div>'


def build_app(engine: Engine) -> gr.Blocks:
    """The web chat over `engine`: a Chat tab, an Articles tab and the `/ask` API."""
    web = engine.settings.web
    upload_dir = engine.settings.resolve(web.upload_dir)

    # --- chat handlers -----------------------------------------------------------

    def respond(question: str, chat: list, history: list, turns: list):
        """Streams one answer into the chat; history holds plain text for the engine."""
        question = message_text(question).strip()
        chat = list(chat or [])
        history = normalise_history(history)
        turns = list(turns or [])
        if not question:
            yield chat, "", format_sources(turns), history, turns
            return
        turn = len(turns) + 1
        limit = engine.settings.answer.max_question_chars
        shown = question if len(question) <= limit else question[:limit] + "…"
        chat += [{"role": "user", "content": shown}, {"role": "assistant", "content": format_pending()}]
        yield chat, "", gr.skip(), history, turns
        answer, partial = None, ""
        try:
            for event in engine.stream(question, history):
                if isinstance(event, Answer):
                    answer = event
                else:
                    partial += event
                    chat[-1] = {"role": "assistant", "content": format_pending(partial)}
                    yield chat, gr.skip(), gr.skip(), history, turns
        except Exception as e:  # shown, never raised into Gradio
            log.exception("answering failed")
            chat[-1] = {"role": "assistant", "content": format_error(type(e).__name__)}
            yield chat, gr.skip(), format_sources(turns), history, turns
            return
        if answer is None:
            chat[-1] = {"role": "assistant", "content": format_error("没有得到回答")}
            yield chat, gr.skip(), format_sources(turns), history, turns
            return
        chat[-1] = {"role": "assistant", "content": format_answer(answer, turn)}
        history = history + [{"role": "user", "content": question}, {"role": "assistant", "content": answer.text}]
        turns = turns + [{"turn": turn, "question": question, "refused": answer.refused,
                          "citations": [c.model_dump() for c in answer.citations]}]
        yield chat, gr.skip(), format_sources(turns), history, turns

    def new_chat():
        return [], "", SOURCES_EMPTY, [], []

    def ask_api(question: str, history: str = "[]") -> tuple[str, str]:
        """Ask a question about the report and its sources.

        A generator: yields the text written so far, then the final, citation-checked
        answer with its JSON (answer, refused, citations with highlights, tickers, timings).

        Args:
            question: the question, in Chinese or English
            history: earlier turns as JSON, [{"role": "user"|"assistant", "content": "..."}]
        """
        try:
            raw = json.loads(history) if isinstance(history, str) and history.strip() else (history or [])
            if not isinstance(raw, list):
                raise ValueError("not a list")
            hist = normalise_history(raw)
        except (ValueError, TypeError):
            yield "history must be a JSON list of {role, content} messages", json.dumps({"error": "bad history"})
            return
        partial = ""
        try:
            for event in engine.stream(question, hist):
                if isinstance(event, Answer):
                    data = event.to_json()
                    data["citations"] = [c.model_dump() for c in event.citations]
                    data["disclaimer"] = DISCLAIMER
                    data.pop("retrieved", None)
                    yield event.text, json.dumps(data, ensure_ascii=False)
                else:
                    partial += event
                    yield partial, ""
        except Exception as e:
            log.exception("answering failed")
            yield "answering failed", json.dumps({"error": type(e).__name__})

    # --- article handlers -------------------------------------------------------------

    def refresh_docs():
        return gr.update(value=_doc_rows(engine)), gr.update(choices=_doc_choices(engine), value=None)

    def add_upload(file, progress=gr.Progress()):
        if not file:
            return (_error_message("请先选择要上传的文件。"), *refresh_docs())
        src = file if isinstance(file, str) else getattr(file, "name", None) or file.get("path")
        try:
            progress(0.0, desc="检查文件")
            existed = (upload_dir / safe_upload_name(Path(src).name)).exists()
            dest = save_upload(src, upload_dir, web.max_upload_mb)
        except UploadError as e:
            return (_error_message(f"无法上传：{e}"), *refresh_docs())
        except OSError as e:
            log.warning("saving upload failed: %s", e)
            return (_error_message("无法保存上传的文件。"), *refresh_docs())
        msg = _run_ingest(str(dest), dest.name, progress)
        if "导入失败" in msg and not existed:
            dest.unlink(missing_ok=True)
        return (msg, *refresh_docs())

    def add_url(url: str, progress=gr.Progress()):
        url = (url or "").strip()
        if not re.match(r"https?://[^\s/]+", url, re.I):
            return (_error_message("请输入以 http:// 或 https:// 开头的网址。"), *refresh_docs(), url)
        public_only = not engine.settings.web.allow_private_urls
        return (_run_ingest(url, url, progress, public_only), *refresh_docs(), "")

    def _run_ingest(target: str, what: str, progress, public_urls_only: bool = False) -> str:
        progress(0.05, desc="读取与切分")
        try:
            report = engine.ingest([target], prune=False, public_urls_only=public_urls_only,
                                   on_progress=lambda f, m: progress(0.1 + 0.9 * float(f), desc=f"向量化 {m}"))
        except Exception as e:
            log.exception("ingest failed")
            return _error_message(f"导入失败：{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}")
        return _ingest_message(engine, report, what)

    def remove_doc(doc_id: str | None):
        if not doc_id:
            return (_error_message("请先选择要删除的文章。"), *refresh_docs())
        rec = next((d for d in engine.documents() if d.doc_id == doc_id), None)
        try:
            removed = engine.remove_document(doc_id)
        except Exception as e:
            log.exception("remove failed")
            return (_error_message(f"删除失败：{type(e).__name__}"), *refresh_docs())
        if not removed:
            return (_error_message(f"没有找到文章 {doc_id}。"), *refresh_docs())
        if rec and rec.source:  # an uploaded copy goes too
            src = Path(rec.source)
            try:
                if src.resolve().parent == upload_dir.resolve() and src.is_file():
                    src.unlink()
            except OSError:
                pass
        title = rec.title if rec else doc_id
        return (f'<div class="ingest-msg"><span class="ok">已删除《{_esc(title)}》（{_esc(doc_id)}）。</span></div>',
                *refresh_docs())

    # --- layout -------------------------------------------------------------------------

    launch_defaults = {
        "theme": make_theme(),
        "css": CSS,
        "max_file_size": f"{web.max_upload_mb:g}mb",
        "footer_links": ["api", "settings"],
    }
    with ChatApp(title=APP_TITLE, analytics_enabled=False, launch_defaults=launch_defaults) as demo:
        history = gr.State([])
        turns = gr.State([])
        gr.HTML(header_html(engine), elem_id="app-header")
        with gr.Tabs():
            with gr.Tab("问答", id="chat"):
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

            with gr.Tab("文章库", id="articles") as articles_tab:
                gr.Markdown("已导入的文章（问答只依据这些资料）。可上传 md、txt、html、pdf 文件"
                            f"（单个不超过 {web.max_upload_mb:g} MB）或输入网址添加新文章，导入后即可提问。")
                table = gr.Dataframe(
                    value=_doc_rows(engine), headers=["ID", "标题", "发布方", "日期", "段落数"],
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
                        doc_pick = gr.Dropdown(label="删除文章", choices=_doc_choices(engine), value=None,
                                               elem_id="doc-pick")
                        remove_btn = gr.Button("删除所选文章", variant="stop", elem_id="remove-btn")
                ingest_msg = gr.HTML("", elem_id="ingest-msg")

        # --- events ---------------------------------------------------------------------
        chat_io = dict(inputs=[question, chatbot, history, turns],
                       outputs=[chatbot, question, sources, history, turns], api_visibility="private")
        question.submit(respond, **chat_io)
        send.click(respond, **chat_io)
        for btn, q in zip(example_buttons, EXAMPLES):
            btn.click(lambda q=q: q, None, question, api_visibility="private").then(respond, **chat_io)
        for clear_event in (clear.click, chatbot.clear):  # the button and the chat's own bin
            clear_event(new_chat, None, [chatbot, question, sources, history, turns], api_visibility="private")

        docs_out = [table, doc_pick]
        ingest_opts = dict(concurrency_id="ingest", concurrency_limit=1, api_visibility="private")
        upload_btn.click(add_upload, upload, [ingest_msg, *docs_out], **ingest_opts).then(
            lambda: None, None, upload, api_visibility="private")
        url_btn.click(add_url, url_box, [ingest_msg, *docs_out, url_box], **ingest_opts)
        remove_btn.click(remove_doc, doc_pick, [ingest_msg, *docs_out], **ingest_opts)
        articles_tab.select(refresh_docs, None, docs_out, api_visibility="private")

        gr.api(ask_api, api_name="ask")

    demo.queue(default_concurrency_limit=web.concurrency_limit)
    return demo


def login_from_env(engine: Engine) -> tuple[str, str] | None:
    """(user, password) when both environment variables named in settings are set."""
    web = engine.settings.web
    user, password = os.environ.get(web.user_env, ""), os.environ.get(web.password_env, "")
    return (user, password) if user and password else None


def launch(engine: Engine, host: str | None = None, port: int | None = None, **kwargs) -> gr.Blocks:
    """Serves the web chat: 127.0.0.1 unless told otherwise, optional login from the
    environment, the thread pool and queue sized from settings.web.concurrency_limit.
    Blocks until the server stops unless `prevent_thread_lock=True` is passed."""
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    web = engine.settings.web
    host = host or web.host or "127.0.0.1"
    port = port or web.port
    engine.warmup()
    auth = login_from_env(engine)
    demo = build_app(engine)
    log.info("serving on http://%s:%s (login %s)", host, port, "on" if auth else "off")
    demo.launch(
        server_name=host, server_port=port, auth=auth,
        auth_message="请登录后使用研报问答助手" if auth else None,
        max_threads=max(web.concurrency_limit + 4, 8), show_error=False, **kwargs,
    )
    return demo  # reached when launched with prevent_thread_lock=True, or after shutdown
