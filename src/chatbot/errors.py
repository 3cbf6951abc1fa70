"""Every error the chatbot raises on purpose, in one place. Each message is one line
that tells the user what went wrong and, where there is one, what to do; the CLI
prints it as `error: <message>` (see cli.py) and the web chat shows it as a notice.

    ChatbotError
    ├── ConfigError     a configuration file cannot be read or holds a bad value
    ├── StoreError      the index cannot be used as it is (wrong model, server down, ...)
    ├── EmbeddingError  an embedding model cannot be built or loaded (e5-onnx's export)
    ├── LoadError       a document could not be loaded (ingest/loaders.py)
    ├── UploadError     an upload or URL import from the web chat was refused
    └── ApiError        an HTTP API request refused, with its status (chatbot.api)
        ├── BadRequest 400, Unauthorized 401, Forbidden 403, NotFound 404,
        └── Conflict 409, PayloadTooLarge 413, Unprocessable 422

`error_body` is the JSON every API error response carries (OpenAI's error shape plus
the status), so the `openai` client and plain HTTP callers read it alike.
"""

from __future__ import annotations


class ChatbotError(Exception):
    """Base class: an expected failure whose message is one line for the user."""

    def __init__(self, message: object):
        super().__init__(" ".join(str(message).split()))


class ConfigError(ChatbotError):
    """A configuration file that is no valid TOML, or a setting with a bad value."""


class StoreError(ChatbotError):
    """A problem with the index that the user must act on."""


class EmbeddingError(ChatbotError):
    """An embedding model cannot be built or loaded (e.g. the ONNX export failed)."""


class LoadError(ChatbotError):
    """A document could not be loaded; the message names the source."""


class UploadError(ChatbotError, ValueError):
    """An upload or URL import from the web chat was refused."""


class ApiError(ChatbotError):
    """An API request refused: returned as `error_body(status, code, message)`."""

    status = 400
    code = "bad_request"

    def __init__(self, message: object, status: int | None = None, code: str | None = None):
        super().__init__(message)
        self.message = str(self)
        self.status = status or self.status
        self.code = code or self.code


class BadRequest(ApiError):
    status, code = 400, "bad_request"


class Unauthorized(ApiError):
    status, code = 401, "unauthorized"


class Forbidden(ApiError):
    status, code = 403, "forbidden"


class NotFound(ApiError):
    status, code = 404, "not_found"


class Conflict(ApiError):
    status, code = 409, "conflict"


class PayloadTooLarge(ApiError):
    status, code = 413, "payload_too_large"


class Unprocessable(ApiError):
    status, code = 422, "unprocessable"


ERROR_TYPES = {400: "invalid_request_error", 401: "authentication_error", 403: "permission_error",
               404: "not_found_error", 409: "conflict_error"}


def error_body(status: int, code: str, message: str) -> dict:
    """{"error": {"message", "type", "code", "status"}} for an API error response."""
    etype = ERROR_TYPES.get(status, "server_error" if status >= 500 else "invalid_request_error")
    return {"error": {"message": message, "type": etype, "code": code, "status": status}}
