"""What the routes call: answers from the engine (on worker threads, at most
`api.engine_threads` at once) and document changes through the chat's `ChatUI` (so
uploads and URLs pass the same checks as in the chat), one change at a time. No
retrieval or ranking happens here."""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import anyio
from anyio import to_thread

from chatbot.documents import Documents
from chatbot.engine import Engine
from chatbot.errors import ApiError, BadRequest, Conflict, NotFound, PayloadTooLarge, Unprocessable, UploadError
from chatbot.followup import message_text, normalise_history
from chatbot.models import Answer
from chatbot.web.ui import ChatUI, IngestOutcome
from chatbot.web.uploads import safe_upload_name

log = logging.getLogger(__name__)
T = TypeVar("T")
CHUNK = 1 << 16


def split_messages(messages: list[Any]) -> tuple[str, list[dict]]:
    """OpenAI-style messages -> (the last user message, the turns before it).
    System, developer and tool messages are dropped. Raises BadRequest without a
    final user message."""
    msgs = [m if isinstance(m, dict) else m.model_dump() for m in messages]
    turns = [m for m in msgs if m.get("role") in ("user", "assistant")]
    if not turns or turns[-1]["role"] != "user" or not message_text(turns[-1].get("content")).strip():
        raise BadRequest("the last message must be a non-empty user message", code="no_question")
    return message_text(turns[-1]["content"]), normalise_history(turns[:-1])


class Service:
    """The engine and the documents behind the API, with its concurrency limits."""

    def __init__(self, engine: Engine, ui: ChatUI | None = None):
        self.engine = engine
        self.ui = ui or ChatUI(engine)
        self.settings = engine.settings
        self.docs = Documents(self.settings, engine.store)  # listing only: changes go through the chat's ChatUI
        self.answer_limiter = anyio.CapacityLimiter(max(1, self.settings.api.engine_threads))
        self.write_limiter = anyio.CapacityLimiter(4)

    # --- answers -------------------------------------------------------------------------

    async def ask(self, question: str, history: list[dict]) -> Answer:
        return await to_thread.run_sync(self.engine.ask, question, history, limiter=self.answer_limiter)

    # --- documents ------------------------------------------------------------------------

    def documents(self) -> list[dict]:
        return [document_json(d) for d in self.docs.list()]

    async def _write(self, fn: Callable[..., T], *args) -> T:
        """Runs a document change on a thread once no other change is running (waits up
        to api.write_wait_s, then 409)."""
        wait = self.settings.api.write_wait_s

        def locked() -> T:
            if not self.ui.write_lock.acquire(timeout=wait):
                raise Conflict(f"another document change is still running after {wait:g} s; try again",
                               code="busy")
            try:
                return fn(*args)
            finally:
                self.ui.write_lock.release()

        return await to_thread.run_sync(locked, limiter=self.write_limiter)

    async def add_url(self, url: str) -> dict:
        return self._ingest_result(await self._write(self.ui.add_url, url))

    async def add_upload(self, name: str, read: Callable[[int], Any]) -> dict:
        """Stores the uploaded bytes (read in chunks with the async `read`) under their
        own name in a temporary folder, then hands the file to the chat's upload path."""
        try:
            safe = safe_upload_name(name)
        except UploadError as e:
            raise BadRequest(str(e), code="bad_upload") from e
        limit = self.settings.web.max_upload_mb * 1024 * 1024
        with tempfile.TemporaryDirectory(prefix="api-upload-") as tmp:
            path = Path(tmp) / safe
            size = 0
            with path.open("wb") as f:
                while chunk := await read(CHUNK):
                    size += len(chunk)
                    if size > limit:
                        raise PayloadTooLarge(f"the file is larger than {self.settings.web.max_upload_mb:g} MB",
                                              code="file_too_large")
                    f.write(chunk)
            return self._ingest_result(await self._write(self.ui.add_upload, str(path)))

    async def remove(self, doc_id: str) -> dict:
        outcome = await self._write(self.ui.remove_document, doc_id)
        if outcome.error:
            raise ApiError(outcome.error, status=500, code="remove_failed")
        if not outcome.removed:
            raise NotFound(f"no document {doc_id!r}", code="no_such_document")
        return {"doc_id": outcome.doc_id, "title": outcome.title, "removed": True}

    def _ingest_result(self, outcome: IngestOutcome) -> dict:
        if outcome.report is None:  # refused by the chat's checks (type, size, URL form) or crashed
            raise BadRequest(outcome.error or "refused", code="refused")
        data = outcome.to_json()
        if outcome.report.failed and not (data["added"] or data["updated"] or data["skipped"]):
            reasons = "; ".join(f"{f['source']}: {f['reason']}" for f in data["failed"])
            raise Unprocessable(f"could not ingest: {reasons}", code="ingest_failed")
        changed = set(data["added"]) | set(data["updated"]) | set(data["skipped"])
        data["documents"] = [document_json(d) for d in self.docs.list() if d.doc_id in changed]
        return data


def document_json(d) -> dict:
    return {"doc_id": d.doc_id, "title": d.title, "publisher": d.publisher, "date": d.date or None,
            "url": getattr(d, "url", "") or "", "passages": len(d.chunk_ids)}
