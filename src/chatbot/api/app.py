"""One server process: the REST API (/api/v1), the OpenAI-compatible endpoint (/v1),
OpenAPI docs (/docs) and the Gradio chat mounted at /.

    app = create_app(engine)          # a FastAPI app; run it with any ASGI server
    serve(engine, host, port)         # `chatbot serve`: uvicorn, loopback by default

Every error under /api and /v1 is JSON with its status (`errors.error_body`), never a
traceback; bodies larger than api.max_json_kb (uploads: web.max_upload_mb) get 413
before they are read."""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from typing import Any

import gradio as gr
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Mount

from chatbot.api.auth import Access
from chatbot.api.limits import BodyLimit
from chatbot.api.openai_compat import openai_router
from chatbot.api.rest import rest_router
from chatbot.api.service import Service
from chatbot.engine import Engine
from chatbot.errors import ApiError, NotFound, error_body
from chatbot.web.blocks import build_blocks
from chatbot.web.ui import ChatUI

log = logging.getLogger(__name__)
API_PREFIXES = ("/api/", "/v1/", "/docs", "/openapi.json")
LOGIN_MESSAGE = "请登录后使用研报问答助手"


def _json_error(status: int, code: str, message: str, headers: dict | None = None) -> JSONResponse:
    return JSONResponse(error_body(status, code, message), status_code=status, headers=headers)


def _validation_message(errors: Sequence[Any]) -> tuple[int, str, str]:
    """(status, code, message): 400 for a body that is not JSON, 422 for a missing or
    wrong field (naming it)."""
    if any(e.get("type") == "json_invalid" for e in errors):
        return 400, "invalid_json", "the request body is not valid JSON"
    parts = []
    for e in errors[:5]:
        where = ".".join(str(x) for x in e.get("loc", ()) if x != "body") or "body"
        parts.append(f"{where}: {e.get('msg', 'invalid')}")
    missing = any(e.get("type") == "missing" for e in errors)
    return 422, "missing_field" if missing else "invalid_field", "; ".join(parts)


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError):
        headers = {"WWW-Authenticate": 'Bearer, Basic realm="chatbot"'} if exc.status == 401 else None
        return _json_error(exc.status, exc.code, exc.message, headers)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError):
        return _json_error(*_validation_message(exc.errors()))

    @app.exception_handler(ValidationError)
    async def invalid_body(request: Request, exc: ValidationError):
        return _json_error(*_validation_message(exc.errors()))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        code = {404: "not_found", 405: "method_not_allowed", 413: "payload_too_large"}.get(exc.status_code, "http_error")
        return _json_error(exc.status_code, code, str(exc.detail))

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception):  # logged with its traceback; the caller sees none
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return _json_error(500, "internal_error", f"internal error ({type(exc).__name__})")


def _add_fallback(app: FastAPI) -> None:
    """Unknown paths under /api and /v1 are JSON 404s (405 when the path exists with
    another method), not the chat's page."""
    from starlette.routing import Match

    async def fallback(request: Request):
        for route in app.routes:
            if isinstance(route, Mount) or getattr(route, "path", "").endswith("{rest:path}"):
                continue
            if route.matches(request.scope)[0] == Match.PARTIAL:
                raise ApiError(f"{request.method} is not allowed on {request.url.path}", status=405,
                               code="method_not_allowed")
        raise NotFound(f"no such endpoint: {request.method} {request.url.path}")

    methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]
    for prefix in ("/api", "/v1"):
        app.add_api_route(prefix + "/{rest:path}", fallback, methods=methods, include_in_schema=False)


def _session_user(gradio_app):
    """The chat's logged-in user for a request (Gradio's login cookie), or None."""
    def user(request: Request) -> str | None:
        cid = getattr(gradio_app, "cookie_id", "")
        token = request.cookies.get(f"access-token-{cid}") or request.cookies.get(f"access-token-unsecure-{cid}")
        return getattr(gradio_app, "tokens", {}).get(token) if token else None
    return user


def create_app(engine: Engine, blocks: gr.Blocks | None = None, ui: ChatUI | None = None) -> FastAPI:
    """The API and the chat over one engine, in one FastAPI app."""
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    settings = engine.settings
    ui = ui or ChatUI(engine)
    blocks = blocks or build_blocks(ui)
    service = Service(engine, ui)
    access = Access.from_env(settings)
    app = FastAPI(title="研报问答助手 API", version="1",
                  description="Cited answers over the report and its sources: a REST API, an "
                              "OpenAI-compatible chat endpoint, and the web chat at /.",
                  docs_url="/docs", redoc_url=None, openapi_url="/openapi.json")
    _add_error_handlers(app)
    app.include_router(rest_router(service, access))
    app.include_router(openai_router(service, access))
    _add_fallback(app)
    app.state.service = service

    web = settings.web
    blocks.max_threads = max(web.concurrency_limit + 4, 8)
    defaults = getattr(blocks, "launch_defaults", {})
    gr.mount_gradio_app(app, blocks, path="/", auth=access.login,
                        auth_message=LOGIN_MESSAGE if access.login else None, show_error=False,
                        **{k: v for k, v in defaults.items() if k in ("theme", "css", "max_file_size", "footer_links")})
    gradio_app = next(r.app for r in app.routes if isinstance(r, Mount))
    access.session_user = _session_user(gradio_app)
    app.add_middleware(BodyLimit, prefixes=API_PREFIXES, max_json=int(settings.api.max_json_kb * 1024),
                       max_upload=int(web.max_upload_mb * 1024 * 1024) + 64 * 1024)
    return app


def serve(engine: Engine, host: str | None = None, port: int | None = None) -> None:
    """`chatbot serve`: the chat and the API on one port, 127.0.0.1 unless told otherwise."""
    import uvicorn

    web = engine.settings.web
    host, port = host or web.host or "127.0.0.1", port or web.port
    engine.warmup()
    app = create_app(engine)
    access = Access.from_env(engine.settings)
    log.info("serving on http://%s:%s (chat login %s, API token %s)", host, port,
             "on" if access.login else "off", "set" if access.token else "not set: document changes off")
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
