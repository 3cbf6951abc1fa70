"""The analysis page's own behaviour, as plain methods over the engine (no Gradio):
the reader view (a document, or the passage a citation points at), suggested next
questions under the latest answer, and the conversation as a Markdown file.

    page = AnalysisPage(engine)
    page.reader_html("report")                       # the report as the page
    page.open('{"turn": 1, "n": 2}', turns)          # the passage [2] of answer 1 cites
    chat = page.with_suggestions(chat, turns)        # the last answer gains its suggestions
    path = page.export(turns)                        # Markdown file for a download button
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import tempfile
import weakref
from pathlib import Path

from chatbot.documents import Documents
from chatbot.engine import Engine
from chatbot.models import Answer, Citation
from chatbot.suggest import suggest
from chatbot.web import render
from chatbot.web.checked import CheckedAnswers
from chatbot.web.export import conversation_markdown
from chatbot.web.reader import front_matter_tags, render_reader

log = logging.getLogger(__name__)

MAIN_DOC = "report"  # the document the page opens with, when it is stored
NO_DOCUMENT = '<div class="sources-empty">还没有导入任何文章。请在“文章库”中上传文件或输入网址。</div>'


def turn_answer(turn: dict) -> Answer:
    """The Answer of a turn record (`ui.turn_record`), as far as the page needs it."""
    return Answer(**turn.get("shown", {"question": turn.get("question", ""), "text": turn.get("answer", "")}),
                  citations=[Citation(**c) for c in turn.get("citations", [])])


class AnalysisPage:
    def __init__(self, engine: Engine, documents: Documents | None = None):
        self.engine = engine
        self.documents = documents or Documents(engine.settings, engine.store)  # read here, never written
        # one folder for this page's export files, removed when the page goes (or the process ends)
        self._export_dir = Path(tempfile.mkdtemp(prefix="chatbot-export-"))
        weakref.finalize(self, shutil.rmtree, self._export_dir, True)
        self._exports_kept = engine.settings.web.export_files_kept
        self._exports: dict[Path, None] = {}  # the export folders, oldest first
        # suggested questions are checked by asking them; the same candidates come up under
        # the same answers in every session, so their answers are kept per documents state
        self.checked = CheckedAnswers(engine.ask, self.documents_key, engine.settings.web.checked_answers)

    # --- the reader view ------------------------------------------------------------------

    def main_document(self) -> str | None:
        docs = self.documents.list()
        ids = [d.doc_id for d in docs]
        return MAIN_DOC if MAIN_DOC in ids else (ids[0] if ids else None)

    def reader_html(self, doc_id: str | None = None, focus: Citation | dict | None = None) -> str:
        """A stored document as the reader shows it (the main document by default),
        with `focus`'s passage and supporting sentences marked."""
        doc_id = doc_id or self.main_document()
        docs = {d.doc_id: d for d in self.documents.list()}
        rec = docs.get(doc_id or "")
        if rec is None:
            return NO_DOCUMENT if not docs else render.message_html(f"没有找到文章 {doc_id}。", ok=False)
        known = {ticker: name for name, ticker in self.engine.glossary.tickers.items()}
        return render_reader(rec, self.documents.chunks(rec.doc_id), focus=focus,
                             tags=front_matter_tags(rec.source), known_names=known,
                             docs_by_url={d.url: d.doc_id for d in docs.values() if d.url})

    def documents_key(self) -> tuple:
        """Changes whenever a document is added, replaced or removed."""
        return tuple((d.doc_id, d.content_hash) for d in self.documents.list())

    def open(self, action: str | dict, turns: list[dict] | None) -> str | None:
        """The reader for a page action: {"turn", "n"} (a citation of an answer) or
        {"doc"} (a document). None when the action names nothing that exists."""
        try:
            act = json.loads(action) if isinstance(action, str) else dict(action or {})
        except ValueError:
            log.warning("ignored a malformed page action: %.80r", action)
            return None
        if not isinstance(act, dict):
            return None
        turn, n = act.get("turn"), act.get("n")
        if turn and n:
            rec = next((t for t in turns or [] if t.get("turn") == turn), None)
            cite = next((c for c in (rec or {}).get("citations", []) if c.get("n") == n), None)
            if cite is not None:
                return self.reader_html(cite["doc_id"], focus=cite)
        if act.get("doc"):
            return self.reader_html(str(act["doc"]))
        return None

    @staticmethod
    def question(action: str | dict) -> str:
        """The question of an "ask" action ({"q": ...}; "" when there is none)."""
        try:
            act = json.loads(action) if isinstance(action, str) else dict(action or {})
        except ValueError:
            return ""
        return str(act.get("q") or "").strip() if isinstance(act, dict) else ""

    # --- suggestions ----------------------------------------------------------------------

    def with_suggestions(self, chat: list[dict], turns: list[dict]) -> list[dict] | None:
        """The chat with the latest answer drawn again with its suggested next questions
        (None when there is nothing to add)."""
        if not chat or not turns or chat[-1].get("role") != "assistant":
            return None
        last = turns[-1]
        answer = turn_answer(last)
        asked = [t.get("question", "") for t in turns]
        try:
            questions = suggest(self.engine, answer, self.documents.chunks, asked, ask=self.checked)
        except Exception:  # suggestions are optional: the answer stands without them
            log.exception("suggestions failed")
            return None
        if not questions:
            return None
        return [*chat[:-1], {"role": "assistant", "content": render.format_answer(answer, last["turn"], questions)}]

    # --- export ---------------------------------------------------------------------------

    def export_markdown(self, turns: list[dict]) -> str:
        return conversation_markdown(turns or [], render.APP_TITLE)

    def export(self, turns: list[dict] | None) -> str | None:
        """The conversation written to a Markdown file (its path), or None when empty.
        A file is named by its text, so the same conversation is written once; only the
        newest `web.export_files_kept` are kept (the page hands each to Gradio, which
        serves its own copy)."""
        if not turns:
            return None
        text = self.export_markdown(turns)
        folder = self._export_dir / hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
        path = folder / f"对话记录-{len(turns)}问.md"
        if not path.exists():
            folder.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        self._exports.pop(folder, None)  # the newest used, whether written now or before
        self._exports[folder] = None
        while len(self._exports) > self._exports_kept:
            oldest = next(iter(self._exports))
            del self._exports[oldest]
            shutil.rmtree(oldest, ignore_errors=True)
        return str(path)
