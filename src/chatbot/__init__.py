"""Cited Q&A over a financial research report and its sources.

    from chatbot import Engine
    engine = Engine()                      # settings from config/ + environment
    answer = engine.ask("云知声2025年大模型收入预计多少？")
    print(answer.text, answer.citations)

Names are imported on first use, so `chatbot --help` starts without pydantic,
Chroma or the embedding model.
"""

__all__ = ["Answer", "Chunk", "Citation", "Documents", "Engine", "Passage", "Settings", "load_settings"]

_HOME = {
    "Answer": "chatbot.models", "Chunk": "chatbot.models", "Citation": "chatbot.models",
    "Passage": "chatbot.models", "Settings": "chatbot.config", "load_settings": "chatbot.config",
    "Engine": "chatbot.engine", "Documents": "chatbot.documents",
}


def __getattr__(name):
    if name in _HOME:
        import importlib

        return getattr(importlib.import_module(_HOME[name]), name)
    raise AttributeError(name)
