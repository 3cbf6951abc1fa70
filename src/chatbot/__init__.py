"""Cited Q&A over a financial research report and its sources.

    from chatbot import Engine
    engine = Engine()                      # settings from config/ + environment
    answer = engine.ask("云知声2025年大模型收入预计多少？")
    print(answer.text, answer.citations)
"""

from chatbot.config import Settings, load_settings
from chatbot.models import Answer, Chunk, Citation, Passage

__all__ = ["Answer", "Chunk", "Citation", "Engine", "Passage", "Settings", "load_settings"]


def __getattr__(name):  # Engine pulls in the store and models: import it on first use
    if name == "Engine":
        from chatbot.engine import Engine

        return Engine
    raise AttributeError(name)
