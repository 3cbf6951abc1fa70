"""ASGI middleware: refuses request bodies over a size limit with 413 JSON, before the
body is read (by Content-Length) or while it streams in (chunked bodies: the app's
error handler turns the HTTPException raised by `receive` into the JSON error)."""

from __future__ import annotations

import json

from starlette.exceptions import HTTPException

from chatbot.errors import error_body


class BodyLimit:
    """Limits bodies of requests under `prefixes`: `max_upload` bytes for multipart
    uploads, `max_json` for everything else."""

    def __init__(self, app, prefixes: tuple[str, ...], max_json: int, max_upload: int):
        self.app, self.prefixes, self.max_json, self.max_upload = app, prefixes, max_json, max_upload

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or not scope["path"].startswith(self.prefixes):
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers") or [])
        ctype = headers.get(b"content-type", b"").decode("latin-1").lower()
        limit = self.max_upload if ctype.startswith("multipart/form-data") else self.max_json
        length = headers.get(b"content-length")
        if length is not None and length.isdigit() and int(length) > limit:
            return await self._refuse(send, limit)
        seen = 0

        async def limited_receive():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise HTTPException(413, f"the request body is larger than {limit} bytes")
            return message

        await self.app(scope, limited_receive, send)

    @staticmethod
    async def _refuse(send, limit: int) -> None:
        body = json.dumps(error_body(413, "payload_too_large", f"the request body is larger than {limit} bytes")).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})
