"""HTML for the web chat, built from plain data: questions, answers (inline [n] links,
figure badges, ticker chips, suggested questions, refusals, notices, the disclaimer),
the sources panel and the Articles tab's messages. (The reader view: reader.py.)

Every piece of user- or document-provided text goes through `esc`: a question or a
document that contains markup is shown as text, never run or dropped."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from chatbot.engine import DISCLAIMER
from chatbot.models import Answer, Citation, FigureState

if TYPE_CHECKING:
    from ingest.pipeline import IngestReport

APP_TITLE = "研报问答助手"
SOURCES_EMPTY = '<div class="sources-empty">提问后，这里会列出回答引用的原文段落。点击回答中的 [n] 可跳到对应来源。</div>'

_MARKER = re.compile(r"\[(\d+)\]")
_NOTICES = [(re.compile(r"question truncated to its first (\d+) characters"), "问题过长，只使用了前 {0} 个字符。")]


def esc(text: str) -> str:
    """Text made safe for HTML. "$" is escaped too: gr.HTML renders its value through a template."""
    return html.escape(str(text), quote=True).replace("$", "&#36;")


def _paragraphs(text: str, render=esc) -> str:
    return "".join(f"<p>{render(line)}</p>" for line in text.splitlines() if line.strip())


def safe_url(url: str | None) -> str:
    """The URL when it is http(s), else "" (no javascript:, data:, file: links)."""
    return url if url and re.match(r"https?://", url, re.I) else ""


def _link(url: str, text_html: str) -> str:
    return f'<a href="{esc(url)}" target="_blank" rel="noopener noreferrer">{text_html}</a>'


# --- chat messages ----------------------------------------------------------------------


def anchor_id(turn: int, n: int) -> str:
    return f"cite-{turn}-{n}"


def link_markers(escaped: str, turn: int, known: set[int]) -> str:
    """[n] -> a link to source n of this turn (markers without a source stay text)."""

    def repl(m: re.Match) -> str:
        n = int(m.group(1))
        if n not in known:
            return m.group(0)
        return f'<a class="cite" href="#{anchor_id(turn, n)}" title="在原文中查看来源 [{n}]">[{n}]</a>'

    return _MARKER.sub(repl, escaped)


def notice_text(notice: str) -> str:
    for pattern, zh in _NOTICES:
        m = pattern.fullmatch(notice)
        if m:
            return zh.format(*m.groups())
    return notice


# Characters (and line starts) that Markdown or HTML would interpret in a chat message.
_MARKUP = re.compile(r"[<>&*_`\[\]#|~\\$]|^\s*([-+=]|\d+[.)])(\s|$)", re.M)


def format_question(question: str) -> str:
    """The user's message as the chat shows it: plain text when Markdown would show it
    as typed (so the copy button copies the question), else escaped HTML in one block,
    which Markdown leaves alone: markup in a question is shown, never run or dropped."""
    if not _MARKUP.search(question):
        return question
    return f'<div class="question">{_paragraphs(question)}</div>'


def format_pending(partial: str = "") -> str:
    if not partial.strip():
        return '<div class="answer pending">正在检索资料并撰写回答…</div>'
    return f'<div class="answer streaming">{_paragraphs(partial)}<p>▌</p></div>'


def format_answer(answer: Answer, turn: int, suggestions: Iterable[str] = ()) -> str:
    """One assistant message: the answer (or a styled refusal) with each figure's
    standing, ticker chips, notices, suggested next questions and the disclaimer. Kept
    as one HTML block so Markdown leaves it alone."""
    notices = [notice_text(n) for n in answer.notices if n != "empty question"]
    parts = ['<div class="answer">']
    parts += [f'<div class="notice">{esc(n)}</div>' for n in notices]
    if answer.refused:
        parts.append(f'<div class="refusal">{esc(answer.text)}</div>')
    else:
        parts.append(answer_body_html(answer, turn))
        if answer.tickers:
            chips = "".join(f'<span class="chip">{esc(t)}</span>' for t in answer.tickers)
            parts.append(f'<div class="chips">{chips}</div>')
    parts.append(suggestions_html(list(suggestions)))
    parts.append(f'<div class="disclaimer">{esc(DISCLAIMER)}</div>')
    parts.append("</div>")
    return "".join(parts)


# --- figures and suggestions in an answer ------------------------------------------------

_BADGE = {"verified": "✓", "computed": "=", "unsupported": "?"}


def _figure_tip(f: FigureState) -> str:
    if f.state == "verified":
        return f'<span class="fig-tip">已核对：见来源 [{f.n}]<br>“{esc(f.quote)}”</span>'
    if f.state == "computed":
        return f'<span class="fig-tip">计算得出：{esc(f.formula)}</span>'
    return '<span class="fig-tip">⚠ 引用来源中未找到这个数字，请谨慎使用</span>'


def figure_html(f: FigureState) -> str:
    """A figure with its badge and a tip that CSS shows on hover or tap (focus)."""
    return (f'<span class="fig {esc(f.state)}" tabindex="0">'
            f'{esc(f.text)}<sup class="fig-badge">{_BADGE.get(f.state, "")}</sup>{_figure_tip(f)}</span>')


def answer_body_html(answer: Answer, turn: int) -> str:
    """The answer's lines as <p> elements: figures annotated (Answer.figures), markers linked."""
    known = {c.n for c in answer.citations}
    text = answer.text
    figures = sorted((f for f in answer.figures if 0 <= f.start < f.end <= len(text)), key=lambda f: f.start)
    out, pos = [], 0
    for line in text.splitlines(keepends=True):
        end = pos + len(line)
        parts, at = [], pos
        for f in figures:
            if f.start < at or f.end > end:
                continue
            parts += [link_markers(esc(text[at:f.start]), turn, known), figure_html(f)]
            at = f.end
        parts.append(link_markers(esc(text[at:end].rstrip("\n")), turn, known))
        if line.strip():
            out.append(f"<p>{''.join(parts)}</p>")
        pos = end
    return "".join(out)


def suggestions_html(questions: list[str]) -> str:
    """Suggested next questions as buttons: a click asks the button's text (static/page.js;
    the chat's sanitiser drops data- attributes)."""
    if not questions:
        return ""
    buttons = "".join(f'<button type="button" class="suggest">{esc(q)}</button>' for q in questions)
    return f'<div class="suggestions"><span class="suggestions-label">接着问：</span>{buttons}</div>'


def format_error(message: str) -> str:
    return f'<div class="answer"><div class="chat-error">出错了：{esc(message)}。请稍后再试或换一种问法。</div></div>'


# --- the sources panel ----------------------------------------------------------------


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
        out += [esc(quote[pos:a]), "<mark>", esc(quote[a:b]), "</mark>"]
        pos = b
    out.append(esc(quote[pos:]))
    return "".join(out)


def format_citation(c: Citation | dict, turn: int) -> str:
    c = c if isinstance(c, Citation) else Citation(**c)
    url = safe_url(c.url)
    title = esc(c.title or c.doc_id)
    meta = " · ".join(esc(x) for x in (c.publisher, c.date or "日期未注明") if x)
    link = f" · {_link(url, '原文链接')}" if url else ""
    return (
        f'<div class="src-card" id="{anchor_id(turn, c.n)}" data-doc-id="{esc(c.doc_id)}">'
        f'<div class="src-meta"><span class="src-n">[{c.n}]</span><span class="src-publisher">{meta}</span>{link}</div>'
        f'<div class="src-title">{_link(url, title) if url else title}</div>'
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
        n, question = int(t["turn"]), esc(t["question"])
        cards = "".join(format_citation(c, n) for c in t["citations"])
        if i == 0:
            parts.append(f'<div class="turn" data-turn="{n}"><div class="turn-head">第 {n} 问：{question}</div>'
                         f"{cards}</div>")
        else:
            parts.append(f'<details class="turn" data-turn="{n}"><summary>第 {n} 问：'
                         f'{question}（{len(t["citations"])} 个来源）</summary>{cards}</details>')
    parts.append("</div>")
    return "".join(parts)


# --- the Articles tab -----------------------------------------------------------------


def message_html(text: str, ok: bool) -> str:
    """A one-line status under the Articles tab's buttons."""
    return f'<div class="ingest-msg"><span class="{"ok" if ok else "err"}">{esc(text)}</span></div>'


def ingest_html(report: IngestReport, what: str, titles: dict[str, str]) -> str:
    """What an ingestion did, from its report; `titles` maps doc ids to titles."""
    if report.failed:
        return message_html("导入失败：" + "；".join(msg for _, msg in report.failed), ok=False)

    def names(ids: list[str]) -> str:
        return "、".join(f"《{titles.get(i) or i}》（{i}）" for i in ids)

    lines = []
    if report.added:
        lines.append(f"已添加 {names(report.added)}，现在就可以提问。")
    if report.updated:
        lines.append(f"已更新 {names(report.updated)}。")
    if report.skipped:
        lines.append(f"{names(report.skipped)} 内容未变化，已跳过。")
    if not lines:
        lines.append(f"{what}：没有可导入的内容。")
    return f'<div class="ingest-msg"><span class="ok">{"<br>".join(esc(line) for line in lines)}</span></div>'
