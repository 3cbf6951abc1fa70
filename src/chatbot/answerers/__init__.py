"""Answerers: they write an answer from retrieved evidence (see base.py)."""

from chatbot.answerers.base import Answerer, AnswerRequest, Draft
from chatbot.answerers.factory import make_answerer, uses_llm

__all__ = ["AnswerRequest", "Answerer", "Draft", "make_answerer", "uses_llm"]
