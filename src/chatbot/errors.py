"""Every error the chatbot raises on purpose, in one place. Each message is one line
that tells the user what went wrong and, where there is one, what to do; the CLI
prints it as `error: <message>` (see cli.py) and the web chat shows it as a notice.

    ChatbotError
    ├── StoreError      the index cannot be used as it is (wrong model, server down, ...)
    ├── LoadError       a document could not be loaded (ingest/loaders.py)
    └── UploadError     an upload or URL import from the web chat was refused
"""

from __future__ import annotations


class ChatbotError(Exception):
    """Base class: an expected failure whose message is one line for the user."""

    def __init__(self, message: object):
        super().__init__(" ".join(str(message).split()))


class StoreError(ChatbotError):
    """A problem with the index that the user must act on."""


class LoadError(ChatbotError):
    """A document could not be loaded; the message names the source."""


class UploadError(ChatbotError, ValueError):
    """An upload or URL import from the web chat was refused."""
