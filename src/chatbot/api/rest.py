"""The REST API under /api/v1: ask, list, add and remove documents."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from starlette.datastructures import UploadFile

from chatbot.api.auth import Access
from chatbot.api.schemas import AskRequest, AskResponse, DocumentList, ErrorOut, IngestOut, RemoveOut, UrlRequest
from chatbot.api.service import Service
from chatbot.errors import BadRequest

ERRORS: dict[int | str, dict[str, Any]] = {code: {"model": ErrorOut} for code in (400, 401, 403, 404, 409, 413, 422, 500)}


def rest_router(service: Service, access: Access) -> APIRouter:
    read = [Depends(access.check_read)]
    write = [Depends(access.check_write)]
    r = APIRouter(prefix="/api/v1", tags=["REST"], responses=ERRORS)

    @r.post("/ask", response_model=AskResponse, dependencies=read, summary="Ask a question")
    async def ask(body: AskRequest) -> dict:
        """The cited answer in the `chatbot ask --json` shape. A refusal (`refused: true`)
        is a normal 200 answer."""
        history = [m.model_dump() for m in body.history]
        answer = await service.ask(body.question, history)
        return answer.to_json()

    @r.get("/documents", response_model=DocumentList, dependencies=read, summary="List the documents")
    def documents() -> dict:
        return {"documents": service.documents()}

    @r.post("/documents", response_model=IngestOut, status_code=201, dependencies=write,
            summary="Add a document: a file (multipart field `file`) or a URL (JSON {\"url\": ...})",
            openapi_extra={"requestBody": {"content": {
                "application/json": {"schema": UrlRequest.model_json_schema()},
                "multipart/form-data": {"schema": {"type": "object", "required": ["file"], "properties": {
                    "file": {"type": "string", "format": "binary"}}}}}}})
    async def add_document(request: Request):
        """Same checks as the chat: md/txt/html/pdf up to web.max_upload_mb; URLs reach
        public addresses only unless web.allow_private_urls. 201 when a document was added
        or changed, 200 when it was already there unchanged."""
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if ctype == "multipart/form-data":
            form = await request.form(max_files=1, max_fields=4)
            file = form.get("file")
            if not isinstance(file, UploadFile):
                raise BadRequest("multipart field 'file' is missing", code="missing_field")
            data = await service.add_upload(file.filename or "", file.read)
        elif ctype == "application/json":
            body = UrlRequest.model_validate_json(await request.body())
            data = await service.add_url(body.url)
        else:
            raise BadRequest("send multipart/form-data with a 'file' field or JSON {\"url\": ...}",
                             code="unsupported_media_type", status=415)
        status = 201 if data["added"] or data["updated"] else 200
        return JSONResponse(IngestOut(**data).model_dump(), status_code=status)

    @r.delete("/documents/{doc_id}", response_model=RemoveOut, dependencies=write, summary="Remove a document")
    async def remove_document(doc_id: str) -> dict:
        return await service.remove(doc_id)

    return r
