"""Shared fixtures and helpers, loaded as a pytest plugin (tests/conftest.py); test
modules import the helpers with `from support import ...`. The bundled corpus is embedded once per test session into a temp
index; tests that change an index get their own copy of it (no re-embedding)."""

from __future__ import annotations

import http.server
import json
import os
import shutil
import socket
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
CORPUS_EXTRA = ROOT / "tests" / "data" / "corpus-extra"  # test articles, see docs/contract.md
QUESTIONS = ROOT / "tests" / "questions.jsonl"
ARTIFACTS = ROOT / "test-artifacts"


def corpus_ids(folder: Path) -> set[str]:
    """The document ids of a corpus folder: a Markdown or text file's front-matter id, else the
    file's name without its suffix (as ingest names a page or a text file without one)."""
    import re

    ids = set()
    for f in folder.iterdir():
        text = f.read_text(encoding="utf-8")
        front = re.match(r"---\n(.*?)\n---", text, re.S) if f.suffix in (".md", ".txt") else None
        m = re.search(r"^id:\s*(\S+)", front.group(1), re.M) if front else None
        ids.add(m.group(1) if m else f.stem)
    return ids


def stress_params(folder: str, name: str, known_failures: dict[str, str]) -> list:
    """The questions of a stress set (tests/data/<folder>/<name>.jsonl) as `question_params`."""
    path = CORPUS_EXTRA.parent / folder / f"{name}.jsonl"
    return question_params([json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()],
                           known_failures)


def question_params(questions, known_failures: dict[str, str], unstable: dict[str, str] | None = None) -> list:
    """One pytest param a question (its id as the test id), a strict xfail with its reason
    for each question listed in `known_failures`; a non-strict one for each in `unstable` (a wrong answer
    that holds the expected facts on one machine and not on another: say why)."""
    unstable = unstable or {}

    def marks(qid: str) -> list:
        if qid in known_failures:
            return [pytest.mark.xfail(strict=True, reason=known_failures[qid])]
        if qid in unstable:
            return [pytest.mark.xfail(strict=False, reason=unstable[qid])]
        return []

    return [pytest.param(q, id=q["id"], marks=marks(q["id"])) for q in questions]


def assert_reader_answer(a, q: dict) -> None:
    """A reader question's answer as its set expects: the intent read as the set labels it; a question to refuse
    refused (any figure it gives said to be what is known instead); any other answered with all its facts (each
    with its `|` alternatives), citing one of its expected documents, every figure supported."""
    import re

    from chatbot.text import claim_figures, normalize

    assert a.intent == q["intent"]
    if not q["answerable"]:
        assert a.refused, a.text
        assert not (a.citations and claim_figures(a.text)) or re.search(r"资料中已知|What the sources do give", a.text), a.text
        return
    assert not a.refused, a.text
    missing = [f for f in q["expected_facts"]
               if not any(normalize(alt) in normalize(a.text) for alt in f.split("|"))]
    assert not missing, f"missing {missing} in: {a.text}"
    assert {c.doc_id for c in a.citations} & set(q["expected_sources"]), a.text
    assert not a.unsupported, a.unsupported


def assert_refused_without(answer, wrong: str) -> None:
    """A near-miss or a look-alike: refused, and the neighbouring figure nowhere in what is said."""
    assert answer.refused, answer.text
    assert wrong not in answer.text


def assert_answered_with(answer, facts: list[str]) -> None:
    """What the articles give: answered, every expected fact in the text."""
    assert not answer.refused, answer.text
    assert all(f in answer.text for f in facts), answer.text


def make_settings(store_path: Path, **overrides):
    from chatbot.config import load_settings

    store = {"path": str(store_path), **overrides.pop("store", {})}
    return load_settings(store=store, **overrides)


@contextmanager
def web_server(get):
    """A real HTTP server on 127.0.0.1 whose GET handler is `get(path) -> (status,
    headers dict, body bytes)`; yields its base URL and the list of requested paths."""
    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            status, headers, body = get(self.path)
            self.send_response(status)
            for k, v in {"Content-Length": str(len(body)), **headers}.items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *a):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", requests
    finally:
        server.shutdown()
        server.server_close()


HTML = {"Content-Type": "text/html; charset=utf-8"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def corpus_index(tmp_path_factory) -> Path:
    """A folder holding the bundled corpus, ingested. Treat it as read-only."""
    from ingest.loaders import discover
    from ingest.pipeline import ingest

    path = tmp_path_factory.mktemp("corpus-index")
    report = ingest([CORPUS], make_settings(path), show_progress=False)
    assert not report.failed, report.failed
    assert len(report.added) == len(discover(CORPUS)), report.added  # every bundled document, once
    return path


@pytest.fixture(scope="session")
def engine(corpus_index):
    """An engine over the bundled corpus (read-only: don't ingest into it)."""
    from chatbot.engine import Engine

    return Engine(make_settings(corpus_index))


def engine_beside_corpus(corpus_index, tmp_path_factory, name: str, folders: list, added: int):
    """An engine over a copy of the bundled index with `folders` ingested beside it (`added`:
    how many documents they hold, each of which must be added)."""
    from chatbot.engine import Engine
    from ingest.pipeline import ingest

    path = tmp_path_factory.mktemp(name) / "index"
    shutil.copytree(corpus_index, path)
    report = ingest(folders, make_settings(path), prune=False, show_progress=False)
    assert len(report.added) == added, report.summary()
    assert not report.failed, report.summary()
    return Engine(make_settings(path))


@pytest.fixture(scope="session")
def dev9_dev10_engine(corpus_index, tmp_path_factory):
    """An engine over the bundled corpus, corpus-extra and the dev-9 and dev-10 articles, built once for
    the stress sets asked over them (read-only: don't ingest into it)."""
    data = CORPUS_EXTRA.parent
    return engine_beside_corpus(corpus_index, tmp_path_factory, "dev9-dev10",
                                [CORPUS_EXTRA, data / "dev-9" / "corpus", data / "dev-10" / "corpus"], 12 + 10 + 10)


def _dev_engine(n: int):
    """A session fixture `devN_engine`: an engine over the bundled corpus, corpus-extra and dev-N's ten articles,
    built once for every module that asks over them (test_unseen_sets, the stress sets; read-only: don't ingest
    into it)."""
    @pytest.fixture(scope="session", name=f"dev{n}_engine")
    def engine(corpus_index, tmp_path_factory):
        return engine_beside_corpus(corpus_index, tmp_path_factory, f"dev{n}",
                                    [CORPUS_EXTRA, CORPUS_EXTRA.parent / f"dev-{n}" / "corpus"], 12 + 10)
    return engine


dev5_engine, dev6_engine, dev7_engine, dev8_engine, dev9_engine, dev10_engine, dev11_engine, dev12_engine, \
    dev13_engine, dev14_engine, dev15_engine, dev16_engine, dev17_engine, dev18_engine, dev19_engine, dev20_engine, \
    dev21_engine, dev22_engine, dev23_engine, dev24_engine, dev25_engine, dev26_engine, dev27_engine, dev28_engine, \
    dev29_engine, dev30_engine, dev31_engine, dev32_engine, dev33_engine, dev34_engine, dev35_engine, dev36_engine, \
    dev37_engine, dev38_engine, dev39_engine, dev40_engine, dev41_engine, dev42_engine, dev43_engine, dev44_engine, \
    dev45_engine = (_dev_engine(n) for n in range(5, 46))


@pytest.fixture
def index_copy(corpus_index, tmp_path) -> Path:
    """A private, writable copy of the corpus index."""
    dst = tmp_path / "index"
    shutil.copytree(corpus_index, dst)
    return dst


@pytest.fixture
def writable_engine(index_copy):
    from chatbot.engine import Engine

    return Engine(make_settings(index_copy))


@pytest.fixture
def tokenised(monkeypatch) -> list[str]:
    """Every text the keyword index tokenises from now on (the real tokenizer still runs),
    in this process: the text tools are loaded here first, so an ingest does not work the
    terms out in a forked child (ingest.text_worker)."""
    import chatbot.keyword_index as keyword_index
    from chatbot.names import load_tools

    load_tools()

    seen: list[str] = []
    real = keyword_index.tokenize

    def counting(text):
        seen.append(text)
        return real(text)

    monkeypatch.setattr(keyword_index, "tokenize", counting)
    return seen


@contextmanager
def api_server(engine, env: dict[str, str] | None = None):
    """`chatbot serve`'s app (REST, OpenAI-compatible endpoint and the chat) over `engine`,
    served by uvicorn on 127.0.0.1 in a thread; `env` (e.g. the API token) is set while the
    app is built. Yields the base URL."""
    import time

    import uvicorn

    from chatbot.api import create_app

    saved = {k: os.environ.get(k) for k in (env or {})}
    os.environ.update(env or {})
    try:
        app = create_app(engine)
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 60
    while not server.started and thread.is_alive() and time.time() < deadline:
        time.sleep(0.05)
    assert server.started, "the API server did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
