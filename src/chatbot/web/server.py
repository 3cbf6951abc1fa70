"""Serving the web chat (`chatbot serve`): loopback by default, optional login from the
environment, the thread pool and queue sized from settings.web."""

from __future__ import annotations

import logging
import os

import gradio as gr

from chatbot.engine import Engine
from chatbot.web.blocks import build_blocks
from chatbot.web.ui import ChatUI

log = logging.getLogger(__name__)


def build_app(engine: Engine) -> gr.Blocks:
    """The web chat over `engine`: a Chat tab, an Articles tab and the `/ask` API."""
    return build_blocks(ChatUI(engine))


def login_from_env(engine: Engine) -> tuple[str, str] | None:
    """(user, password) when both environment variables named in settings are set."""
    web = engine.settings.web
    user, password = os.environ.get(web.user_env, ""), os.environ.get(web.password_env, "")
    return (user, password) if user and password else None


def launch(engine: Engine, host: str | None = None, port: int | None = None, **kwargs) -> gr.Blocks:
    """Serves the web chat: 127.0.0.1 unless told otherwise, optional login from the
    environment, the thread pool and queue sized from settings.web.concurrency_limit.
    Blocks until the server stops unless `prevent_thread_lock=True` is passed."""
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    web = engine.settings.web
    host = host or web.host or "127.0.0.1"
    port = port or web.port
    engine.warmup()
    auth = login_from_env(engine)
    demo = build_app(engine)
    log.info("serving on http://%s:%s (login %s)", host, port, "on" if auth else "off")
    demo.launch(
        server_name=host, server_port=port, auth=auth,
        auth_message="请登录后使用研报问答助手" if auth else None,
        max_threads=max(web.concurrency_limit + 4, 8), show_error=False, **kwargs,
    )
    return demo  # reached when launched with prevent_thread_lock=True, or after shutdown
