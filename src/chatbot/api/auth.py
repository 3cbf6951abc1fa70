"""Who may call the API: the chat's login (HTTP Basic with the same user and password,
or the chat's own session cookie) or the bearer token from the environment.

    reads  (ask, list, chat completions, models): like the chat, open when no login is
           configured; otherwise the login or the token
    writes (upload, delete): off (403) unless a token is configured; then the token only
A credential that is presented and wrong is 401; a bearer token sent while none is
configured is ignored (OpenAI clients always send an API key)."""

from __future__ import annotations

import base64
import hmac
import os
from collections.abc import Callable
from dataclasses import dataclass

from fastapi import Request

from chatbot.config import Settings
from chatbot.errors import Forbidden, Unauthorized

SessionUser = Callable[[Request], "str | None"]  # the chat's logged-in user for a request


def _same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


@dataclass
class Access:
    """The configured credentials and the checks the routes depend on."""

    login: tuple[str, str] | None = None
    token: str | None = None
    session_user: SessionUser | None = None

    @classmethod
    def from_env(cls, settings: Settings, session_user: SessionUser | None = None) -> Access:
        web, api = settings.web, settings.api
        user, password = os.environ.get(web.user_env, ""), os.environ.get(web.password_env, "")
        token = os.environ.get(api.token_env, "").strip()
        return cls((user, password) if user and password else None, token or None, session_user)

    # --- what a request presents -------------------------------------------------------

    def _presented(self, request: Request) -> tuple[str, str]:
        """('bearer'|'basic'|'', value) from the Authorization header."""
        header = request.headers.get("authorization", "")
        scheme, _, value = header.partition(" ")
        return scheme.lower(), value.strip()

    def _token_ok(self, value: str) -> bool:
        return bool(self.token) and _same(value, self.token or "")

    def _basic_ok(self, value: str) -> bool:
        if not self.login:
            return False
        try:
            user, _, password = base64.b64decode(value, validate=True).decode("utf-8").partition(":")
        except (ValueError, UnicodeDecodeError):
            return False
        return _same(user, self.login[0]) and _same(password, self.login[1])

    # --- the checks ------------------------------------------------------------------------

    def check_read(self, request: Request) -> None:
        scheme, value = self._presented(request)
        if scheme == "bearer" and self.token is None:
            scheme = ""  # no token configured: an API key that clients always send is ignored
        if scheme == "bearer":
            if not self._token_ok(value):
                raise Unauthorized("invalid bearer token", code="invalid_token")
            return
        if scheme == "basic":
            if not self._basic_ok(value):
                raise Unauthorized("invalid user or password", code="invalid_login")
            return
        if scheme:
            raise Unauthorized(f"unsupported authorization scheme {scheme!r}", code="invalid_token")
        if self.login is None:
            return
        if self.login and self.session_user is not None and self.session_user(request):
            return
        raise Unauthorized("log in (HTTP Basic, as in the chat) or send the bearer token", code="login_required")

    def check_write(self, request: Request) -> None:
        scheme, value = self._presented(request)
        if self.token is None:
            raise Forbidden("document changes through the API are off: set the bearer token "
                            "(environment variable named by api.token_env) to enable them", code="writes_disabled")
        if scheme != "bearer":
            raise Unauthorized("document changes need the bearer token", code="token_required")
        if not self._token_ok(value):
            raise Unauthorized("invalid bearer token", code="invalid_token")
