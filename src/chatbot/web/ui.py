"""`ChatUI`: what the web page does, as plain Python methods over the engine.

Each method takes and returns plain data (strings, lists of messages, dataclasses,
the ingestion report) and knows nothing about Gradio, so it can be called and tested
directly; `chatbot.web.blocks` wires the methods to the page's components. Nothing here
retrieves or ranks: answers come from `Engine.stream`, documents from
`Engine.ingest` / `Engine.documents` / `Engine.remove_document`.

    ui = ChatUI(engine)
    for update in ui.respond("智谱的IPO估值是多少？", chat=[], history=[], turns=[]):
        ...                       # ChatUpdate: chat messages, sources HTML, history, turns
    outcome = ui.add_url("https://example.com/article")   # IngestOutcome with the report
"""

from __future__ import annotations

import json
import logging
import re
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chatbot.config import Settings
from chatbot.engine import DISCLAIMER, Engine
from chatbot.followup import message_text, normalise_history
from chatbot.models import Answer
from chatbot.web import render
from chatbot.web.uploads import UploadError, safe_upload_name, save_upload

if TYPE_CHECKING:
    from ingest.pipeline import IngestReport

log = logging.getLogger(__name__)

Progress = Callable[..., Any]  # progress(fraction, desc="...") — gr.Progress fits


def _no_progress(fraction: float, desc: str | None = None) -> None:
    """The default progress callback: does nothing."""


@dataclass
class ChatUpdate:
    """One step of a streamed answer: the chat as shown, the engine's plain-text history,
    the answered turns (with their citations), the sources panel (None: unchanged),
    whether the question box should be cleared, on the last step the final Answer, and
    whether this is a step of the text being written (history and turns unchanged)."""

    chat: list[dict]
    history: list[dict]
    turns: list[dict]
    sources: str | None = None
    clear_question: bool = False
    answer: Answer | None = None
    streamed: bool = False


@dataclass
class IngestOutcome:
    """The result of adding a file or URL: the ingestion report, or why there is none."""

    what: str                              # the file name or URL, as the user gave it
    report: IngestReport | None = None     # None when refused (or crashed) before a report
    error: str | None = None               # the message for the user when there is no report
    titles: dict[str, str] = field(default_factory=dict)  # doc id -> title, after ingestion

    @property
    def ok(self) -> bool:
        return self.error is None and self.report is not None and not self.report.failed

    def to_json(self) -> dict:
        """Plain data for an API: ok, what, error, and the report's lists."""
        r = self.report
        lists = {k: list(getattr(r, k)) if r else [] for k in ("added", "updated", "skipped", "removed")}
        failed = [{"source": src, "reason": msg} for src, msg in (r.failed if r else [])]
        return {"ok": self.ok, "what": self.what, "error": self.error, **lists, "failed": failed}

    def html(self) -> str:
        if self.report is None:
            return render.message_html(self.error or "导入失败", ok=False)
        return render.ingest_html(self.report, self.what, self.titles)


@dataclass
class RemoveOutcome:
    """The result of removing a document."""

    doc_id: str
    title: str = ""
    removed: bool = False
    error: str | None = None

    def to_json(self) -> dict:
        return {"doc_id": self.doc_id, "title": self.title, "removed": self.removed, "error": self.error}

    def html(self) -> str:
        if self.removed:
            return render.message_html(f"已删除《{self.title or self.doc_id}》（{self.doc_id}）。", ok=True)
        return render.message_html(self.error or f"没有找到文章 {self.doc_id}。", ok=False)


def answer_payload(answer: Answer) -> dict:
    """The JSON an API returns for a final answer: the answer, refusal flag, citations
    with highlights, tickers, timings and the disclaimer (no retrieved passages)."""
    data = answer.to_json()
    data["citations"] = [c.model_dump() for c in answer.citations]
    data["disclaimer"] = DISCLAIMER
    data.pop("retrieved", None)
    return data


def turn_record(turn: int, question: str, answer: Answer) -> dict:
    """An answered turn as the page keeps it (plain data, for gr.State): what the
    sources panel, the suggestions and the export need, so the message can be drawn
    again without asking again."""
    return {"turn": turn, "question": question, "refused": answer.refused, "answer": answer.text,
            "citations": [c.model_dump() for c in answer.citations],
            "shown": answer.model_dump(mode="json", include={"question", "standalone_question", "text", "refused",
                                                             "tickers", "notices", "figures"})}


def parse_history(history: str | list | None) -> list[dict]:
    """History given as JSON text or a list -> plain {role, content} messages.
    Raises ValueError when it is neither a JSON list nor a list."""
    try:
        raw = json.loads(history) if isinstance(history, str) and history.strip() else (history or [])
    except ValueError as e:
        raise ValueError("history is not JSON") from e
    if not isinstance(raw, list):
        raise ValueError("history is not a list")
    return normalise_history(raw)


class ChatUI:
    """The web chat's behaviour over one engine (see the module docstring)."""

    def __init__(self, engine: Engine, settings: Settings | None = None):
        self.engine = engine
        self.settings = settings or engine.settings
        self.upload_dir = Path(self.settings.resolve(self.settings.web.upload_dir))
        # one document change at a time (chat and API alike): an upload's copy in the
        # upload folder must not be overwritten while it is being ingested
        self.write_lock = threading.RLock()

    # --- chat -------------------------------------------------------------------------

    def respond(self, question: Any, chat: list | None, history: list | None,
                turns: list | None) -> Iterator[ChatUpdate]:
        """Streams one answer: the question with a pending reply, the text as it is
        written, then the final answer (or an error message) with its sources."""
        question = message_text(question).strip()
        chat, history, turns = list(chat or []), normalise_history(history), list(turns or [])
        if not question:
            yield ChatUpdate(chat, history, turns, sources=render.format_sources(turns), clear_question=True)
            return
        turn = len(turns) + 1
        limit = self.settings.answer.max_question_chars
        shown = question if len(question) <= limit else question[:limit] + "…"
        chat += [{"role": "user", "content": render.format_question(shown)},
                 {"role": "assistant", "content": render.format_pending()}]
        yield ChatUpdate(chat, history, turns, clear_question=True)
        answer = None
        try:
            for event in self._paced(self.engine.stream(question, history)):
                if isinstance(event, Answer):
                    answer = event
                else:
                    chat = [*chat[:-1], {"role": "assistant", "content": render.format_pending(event)}]  # a new list: each update is a snapshot
                    yield ChatUpdate(chat, history, turns, streamed=True)
        except Exception as e:  # shown to the user and logged, never raised into the page
            log.exception("answering failed")
            chat = [*chat[:-1], {"role": "assistant", "content": render.format_error(type(e).__name__)}]
            yield ChatUpdate(chat, history, turns, sources=render.format_sources(turns))
            return
        if answer is None:
            chat = [*chat[:-1], {"role": "assistant", "content": render.format_error("没有得到回答")}]
            yield ChatUpdate(chat, history, turns, sources=render.format_sources(turns))
            return
        chat = [*chat[:-1], {"role": "assistant", "content": render.format_answer(answer, turn)}]
        history = [*history, {"role": "user", "content": question}, {"role": "assistant", "content": answer.text}]
        turns = [*turns, turn_record(turn, question, answer)]
        yield ChatUpdate(chat, history, turns, sources=render.format_sources(turns), answer=answer)

    def _paced(self, events: Iterator[str | Answer]) -> Iterator[str | Answer]:
        """The engine's stream as the text so far, at most one update per
        web.stream_interval_s (deltas in between are gathered), then the Answer. Each
        update is a message to the browser and a trip through Gradio's queue: an answer
        computed faster than the interval arrives in one step, a slow LLM's text in steps."""
        interval = self.settings.web.stream_interval_s
        partial, last, pending = "", time.monotonic(), False
        for event in events:
            if isinstance(event, Answer):
                yield event
                return
            partial += event
            pending = True
            if time.monotonic() - last >= interval:
                yield partial
                last, pending = time.monotonic(), False
        if pending:  # a stream that ended without an Answer still shows its text
            yield partial

    def new_chat(self) -> ChatUpdate:
        """An empty conversation."""
        return ChatUpdate([], [], [], sources=render.SOURCES_EMPTY, clear_question=True)

    def ask_api(self, question: str, history: str = "[]") -> Iterator[tuple[str, str]]:
        """Ask a question about the report and its sources.

        A generator: yields the text written so far, then the final, citation-checked
        answer with its JSON (answer, refused, citations with highlights, tickers, timings).

        Args:
            question: the question, in Chinese or English
            history: earlier turns as JSON, [{"role": "user"|"assistant", "content": "..."}]
        """
        try:
            hist = parse_history(history)
        except (ValueError, TypeError):
            yield "history must be a JSON list of {role, content} messages", json.dumps({"error": "bad history"})
            return
        try:
            for event in self._paced(self.engine.stream(question, hist)):
                if isinstance(event, Answer):
                    yield event.text, json.dumps(answer_payload(event), ensure_ascii=False)
                else:
                    yield event, ""
        except Exception as e:  # reported to the caller and logged
            log.exception("answering failed")
            yield "answering failed", json.dumps({"error": type(e).__name__})

    # --- documents --------------------------------------------------------------------

    def list_documents(self) -> list[list]:
        """One row per document: id, title, publisher, date, number of passages, and the
        companies the entity catalogue learned from it (name, tickers, other names)."""
        return [[d.doc_id, d.title, d.publisher, d.date or "—", len(d.chunk_ids),
                 catalogue_summary(self.engine.catalogue.entries_for(d.doc_id))] for d in self.engine.documents()]

    def document_choices(self) -> list[tuple[str, str]]:
        """(label, doc id) pairs for picking a document to remove."""
        return [(f"{d.title or d.doc_id}（{d.doc_id}）", d.doc_id) for d in self.engine.documents()]

    def add_upload(self, file: Any, progress: Progress = _no_progress) -> IngestOutcome:
        """Checks an uploaded file, copies it into the upload folder and ingests it.
        `file` is a path (or an object with `.name`/`["path"]`). A copy that fails to
        ingest is deleted again unless it replaced an earlier upload."""
        with self.write_lock:
            return self._add_upload(file, progress)

    def _add_upload(self, file: Any, progress: Progress) -> IngestOutcome:
        src = file if isinstance(file, (str, Path)) else getattr(file, "name", None) or (file or {}).get("path")
        if not src:
            return IngestOutcome("", error="请先选择要上传的文件。")
        name = Path(src).name
        try:
            progress(0.0, desc="检查文件")
            existed = (self.upload_dir / safe_upload_name(name)).exists()
            dest = save_upload(src, self.upload_dir, self.settings.web.max_upload_mb)
        except UploadError as e:
            return IngestOutcome(name, error=f"无法上传：{e}")
        except OSError as e:
            log.warning("saving upload failed: %s", e)
            return IngestOutcome(name, error="无法保存上传的文件。")
        outcome = self._ingest(str(dest), dest.name, progress)
        if not outcome.ok and not existed:
            dest.unlink(missing_ok=True)
        return outcome

    def add_url(self, url: str, progress: Progress = _no_progress) -> IngestOutcome:
        """Fetches and ingests an http(s) article; only public addresses unless
        settings.web.allow_private_urls is set."""
        url = (url or "").strip()
        if not re.match(r"https?://[^\s/]+", url, re.I):
            return IngestOutcome(url, error="请输入以 http:// 或 https:// 开头的网址。")
        with self.write_lock:
            return self._ingest(url, url, progress, public_urls_only=not self.settings.web.allow_private_urls)

    def _ingest(self, target: str, what: str, progress: Progress, public_urls_only: bool = False) -> IngestOutcome:
        progress(0.05, desc="读取与切分")
        try:
            report = self.engine.ingest(
                [target], prune=False, public_urls_only=public_urls_only,
                on_progress=lambda f, m: progress(0.1 + 0.9 * float(f), desc=f"向量化 {m}"))
        except Exception as e:  # reported to the user and logged
            log.exception("ingest failed")
            first_line = str(e).splitlines()[0] if str(e) else ""
            return IngestOutcome(what, error=f"导入失败：{type(e).__name__}: {first_line}")
        titles = {d.doc_id: d.title for d in self.engine.documents()}
        return IngestOutcome(what, report=report, titles=titles)

    def remove_document(self, doc_id: str | None) -> RemoveOutcome:
        """Removes a document from the index, and its uploaded copy if it has one."""
        if not doc_id:
            return RemoveOutcome("", error="请先选择要删除的文章。")
        with self.write_lock:
            return self._remove_document(doc_id)

    def _remove_document(self, doc_id: str) -> RemoveOutcome:
        rec = next((d for d in self.engine.documents() if d.doc_id == doc_id), None)
        title = rec.title if rec and rec.title else doc_id
        try:
            removed = self.engine.remove_document(doc_id)
        except Exception as e:  # reported to the user and logged
            log.exception("remove failed")
            return RemoveOutcome(doc_id, title, error=f"删除失败：{type(e).__name__}")
        if removed and rec and rec.source:
            self._delete_uploaded_copy(Path(rec.source))
        return RemoveOutcome(doc_id, title, removed=removed)

    def _delete_uploaded_copy(self, src: Path) -> None:
        try:
            if src.resolve().parent == self.upload_dir.resolve() and src.is_file():
                src.unlink()
        except OSError as e:
            log.warning("could not delete the uploaded copy %s: %s", src, e)


def catalogue_summary(entries: list, limit: int = 4) -> str:
    """The catalogue's names of one document as one line, companies it is about first:
    "智谱 (2513.HK; Zhipu, Knowledge Atlas)"."""
    shown = sorted(entries, key=lambda e: (e.kind != "company", not e.primary, -e.mentions))[:limit]
    parts = []
    for e in shown:
        extra = "; ".join(x for x in (", ".join(e.tickers), ", ".join(a for a in e.aliases if a.isascii())) if x)
        parts.append(f"{e.name} ({extra})" if extra else e.name)
    return "；".join(parts)
