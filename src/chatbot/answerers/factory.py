"""Choose the answerer from `answer.backend`: "llm" (with the extractive answerer as
its fallback) when an LLM is configured, else the extractive answerer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from chatbot.answerers.base import Answerer
from chatbot.answerers.extractive import ExtractiveAnswerer
from chatbot.config import Settings


def uses_llm(settings: Settings) -> bool:
    """True when answers come from the LLM: backend "llm" and an endpoint configured."""
    return settings.answer.backend == "llm" and settings.llm.configured


def make_answerer(settings: Settings, chat_model: Callable[[], Any]) -> Answerer:
    """The configured answerer; `chat_model` returns the chat model when first needed."""
    extractive = ExtractiveAnswerer(settings.answer.min_relevance, settings.answer.max_sentences)
    if not uses_llm(settings):
        return extractive
    from chatbot.answerers.llm import LLMAnswerer

    return LLMAnswerer(chat_model, fallback=extractive)
