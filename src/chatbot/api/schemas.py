"""Request and response bodies of the REST API (/api/v1) and of the OpenAI-compatible
endpoint (/v1), as pydantic models: FastAPI validates them and lists them at /docs."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

# --- REST ---------------------------------------------------------------------------------


class Message(BaseModel):
    role: Literal["user", "assistant", "system", "developer", "tool"]
    content: Any = ""  # a string, or OpenAI-style parts [{"type": "text", "text": ...}]


class AskRequest(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [
        {"question": "智谱的IPO估值是多少？", "history": []},
        {"question": "那MiniMax呢？", "history": [{"role": "user", "content": "智谱的IPO估值是多少？"},
                                                  {"role": "assistant", "content": "…"}]}]})

    question: str = Field(min_length=1, description="the question, Chinese or English")
    history: list[Message] = Field(default_factory=list, description="earlier turns, oldest first")


class AskResponse(BaseModel):
    """The `chatbot ask --json` shape (DESIGN.md)."""

    model_config = ConfigDict(extra="allow")

    question: str
    standalone_question: str = ""
    answer: str
    refused: bool
    citations: list[dict]
    tickers: list[str]
    retrieved: list[dict]
    unsupported: list[Any] = Field(default_factory=list)
    notices: list[str]
    timings_ms: dict[str, float]


class DocumentOut(BaseModel):
    doc_id: str
    title: str = ""
    publisher: str = ""
    date: str | None = None
    url: str = ""
    passages: int = 0


class DocumentList(BaseModel):
    documents: list[DocumentOut]


class UrlRequest(BaseModel):
    url: str = Field(min_length=1, description="an http(s) address (public addresses only unless web.allow_private_urls)")


class IngestOut(BaseModel):
    ok: bool
    what: str
    error: str | None = None
    added: list[str] = Field(default_factory=list)
    updated: list[str] = Field(default_factory=list)
    skipped: list[str] = Field(default_factory=list)
    removed: list[str] = Field(default_factory=list)
    failed: list[dict] = Field(default_factory=list)
    documents: list[DocumentOut] = Field(default_factory=list, description="the documents this request added or updated")


class RemoveOut(BaseModel):
    doc_id: str
    title: str = ""
    removed: bool


class ErrorDetail(BaseModel):
    message: str
    type: str
    code: str
    status: int


class ErrorOut(BaseModel):
    error: ErrorDetail


# --- OpenAI-compatible ---------------------------------------------------------------------


class ChatCompletionRequest(BaseModel):
    """The fields this server reads; others that clients send (temperature, top_p, ...)
    are accepted and ignored: answers are extracted from the documents, not sampled."""

    model_config = ConfigDict(extra="allow")

    model: str = ""
    messages: list[Message] = Field(min_length=1)
    stream: bool = False
    stream_options: dict | None = None
    n: int = Field(1, ge=1, le=1)


class ModelOut(BaseModel):
    id: str
    object: Literal["model"] = "model"
    created: int
    owned_by: str


class ModelList(BaseModel):
    object: Literal["list"] = "list"
    data: list[ModelOut]
