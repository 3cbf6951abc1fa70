"""The OpenAI-compatible endpoint under /v1: chat completions (plain and streamed as
server-sent events) and the model list, for the `openai` SDK and chat front-ends.

The messages array is the conversation: the last user message is the question, the
turns before it the history. The reply's content is the cited answer with its `[n]`
markers followed by the reference list; `citations` carries them as data. A refusal
is a normal reply. Content is streamed once the answer has passed the citation check
(a wrong figure is worse than a late one), a line per chunk."""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import AsyncIterator

from fastapi import APIRouter, Depends
from fastapi.responses import StreamingResponse

from chatbot.api.auth import Access
from chatbot.api.schemas import ChatCompletionRequest, ModelList
from chatbot.api.service import Service, split_messages
from chatbot.citations import REFERENCES_HEADING, reference_lines
from chatbot.errors import error_body
from chatbot.models import Answer

log = logging.getLogger(__name__)
OWNER = "chatbot"


def reply_content(answer: Answer) -> str:
    """The answer text, then the reference list (none for a refusal)."""
    if not answer.citations:
        return answer.text
    return "\n".join([answer.text.rstrip(), "", REFERENCES_HEADING, *reference_lines(answer.citations)])


def _extras(answer: Answer) -> dict:
    return {"citations": [c.model_dump() for c in answer.citations], "refused": answer.refused,
            "tickers": answer.tickers}


def completion(answer: Answer, model: str, cid: str, created: int) -> dict:
    return {"id": cid, "object": "chat.completion", "created": created, "model": model,
            "choices": [{"index": 0, "finish_reason": "stop", "logprobs": None,
                         "message": {"role": "assistant", "content": reply_content(answer), "refusal": None}}],
            **_extras(answer)}


def _chunk(cid: str, created: int, model: str, delta: dict, finish: str | None = None, **extra) -> str:
    body = {"id": cid, "object": "chat.completion.chunk", "created": created, "model": model,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish, "logprobs": None}], **extra}
    return f"data: {json.dumps(body, ensure_ascii=False)}\n\n"


async def stream_events(answer_task, model: str, cid: str, created: int) -> AsyncIterator[str]:
    """The role first (at once), then the content a line per chunk, then the final chunk
    with finish_reason and the citations, then [DONE]."""
    yield _chunk(cid, created, model, {"role": "assistant", "content": ""})
    try:
        answer: Answer = await answer_task()
    except Exception as e:  # the status line has gone: the error travels as an event, and is logged
        log.exception("streamed answer failed")
        yield f"data: {json.dumps(error_body(500, 'answer_failed', type(e).__name__), ensure_ascii=False)}\n\n"
        yield "data: [DONE]\n\n"
        return
    for line in reply_content(answer).splitlines(keepends=True):
        yield _chunk(cid, created, model, {"content": line})
    yield _chunk(cid, created, model, {}, "stop", **_extras(answer))
    yield "data: [DONE]\n\n"


def openai_router(service: Service, access: Access) -> APIRouter:
    read = [Depends(access.check_read)]
    model_name = service.settings.api.model_name
    started = int(time.time())
    r = APIRouter(prefix="/v1", tags=["OpenAI-compatible"])

    @r.get("/models", response_model=ModelList, dependencies=read)
    def models() -> dict:
        return {"object": "list", "data": [{"id": model_name, "object": "model", "created": started, "owned_by": OWNER}]}

    @r.post("/chat/completions", dependencies=read,
            responses={200: {"content": {"text/event-stream": {}}, "description": "a chat.completion, or chunks when stream is true"}})
    async def chat_completions(body: ChatCompletionRequest):
        """Any `model` value is accepted (there is one assistant); sampling options are ignored."""
        question, history = split_messages(body.messages)
        cid, created = f"chatcmpl-{uuid.uuid4().hex[:24]}", int(time.time())
        if body.stream:
            return StreamingResponse(
                stream_events(lambda: service.ask(question, history), model_name, cid, created),
                media_type="text/event-stream", headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})
        return completion(await service.ask(question, history), model_name, cid, created)

    return r
