"""Scale-out: the store's vectors live in a Chroma server (`chroma run`), chosen in
config (`store.backend = "http"`, host, port; token from the environment).

Needs CHATBOT_TEST_CHROMA_PORT (scripts/test.sh starts a server and sets it); without
it the server tests skip. Every test module run uses its own collection name, so runs
never see each other's data, and drops it afterwards. The unreachable-server tests
need no server.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from support import CORPUS, CORPUS_EXTRA, ROOT, free_port, make_settings

CHATBOT = ROOT / ".venv" / "bin" / "chatbot"
PORT_ENV = "CHATBOT_TEST_CHROMA_PORT"
FACTS = {  # questions from tests/questions.jsonl with their key facts
    "云知声2025年大模型相关业务收入预计多少？": ["6.0亿", "6.2亿"],
    "云知声2024年大模型相关业务收入是多少？": ["5187万"],
    "2025年上半年中国企业级大模型日均调用量是多少？": ["10万亿"],
}
EXTRA_ARTICLE = CORPUS_EXTRA / "08-gelonghui-4paradigm-2025-interim.md"
EXTRA_Q, EXTRA_FACT = "第四范式2025年上半年收入是多少？", "26.26亿"


def _port() -> int:
    port = os.environ.get(PORT_ENV)
    if not port:
        pytest.skip(f"{PORT_ENV} not set: no Chroma server for this run (scripts/test.sh starts one)")
    return int(port)


def http_settings(local: Path, port: int, collection: str, **store):
    return make_settings(local, store={"backend": "http", "host": "127.0.0.1", "port": port,
                                       "collection": collection, **store})


def _client(port: int):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    return chromadb.HttpClient(host="127.0.0.1", port=port, settings=ChromaSettings(anonymized_telemetry=False))


def _env(**extra) -> dict:
    env = dict(os.environ)
    env.setdefault("HF_HUB_OFFLINE", "1")
    env.update(extra)
    return env


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The bundled corpus ingested into a fresh collection on the server."""
    from ingest.pipeline import ingest

    port = _port()
    name = f"test-{uuid.uuid4().hex[:12]}"
    local = tmp_path_factory.mktemp("http-store")
    settings = http_settings(local, port, name)
    report = ingest([CORPUS], settings, show_progress=False)
    assert not report.failed, report.summary()
    assert len(report.added) == 7
    assert report.chunks_embedded == report.chunks_total > 0
    yield {"port": port, "collection": name, "local": local, "settings": settings, "report": report}
    try:
        _client(port).delete_collection(name)
    except Exception:
        pass


@pytest.mark.server
def test_vectors_live_on_the_server(server):
    from chatbot.store import Store

    store = Store(server["settings"])
    count = store.count()
    assert count["documents"] == 7
    assert count["chroma"] == count["keyword"] == count["manifest_chunks"] == server["report"].chunks_total
    assert not (server["local"] / "chroma").exists()  # nothing embedded locally
    col = _client(server["port"]).get_collection(server["collection"])
    assert col.count() == count["manifest_chunks"]


@pytest.mark.server
def test_answers_from_the_server(server):
    from chatbot.engine import Engine

    eng = Engine(server["settings"])
    for q, facts in FACTS.items():
        a = eng.ask(q)
        assert not a.refused, (q, a.text)
        for f in facts:
            assert f in a.text, (q, a.text)
        assert a.citations
    assert eng.ask("火星上的天气怎么样？").refused


@pytest.mark.server
def test_reingest_embeds_nothing(server):
    from chatbot.store import Store
    from ingest.pipeline import ingest

    before = Store(server["settings"]).count()
    report = ingest([CORPUS], server["settings"], show_progress=False)
    assert report.chunks_embedded == 0
    assert len(report.skipped) == 7
    assert not report.added
    assert not report.updated
    assert not report.failed
    assert Store(server["settings"]).count() == before


@pytest.mark.server
def test_add_and_remove_a_document(server):
    from chatbot.engine import Engine

    eng = Engine(server["settings"])
    before = eng.store.count()
    report = eng.ingest([EXTRA_ARTICLE], prune=False)
    assert report.added == ["news-08"]
    ids = list(eng.store.docs["news-08"].chunk_ids)
    mid = eng.store.count()
    assert mid["documents"] == before["documents"] + 1
    assert mid["chroma"] == mid["keyword"] == mid["manifest_chunks"] == before["manifest_chunks"] + len(ids)
    assert EXTRA_FACT in eng.ask(EXTRA_Q).text
    assert eng.remove_document("news-08")
    assert eng.store.count() == before
    col = _client(server["port"]).get_collection(server["collection"])
    assert col.get(ids=ids, include=[])["ids"] == []  # the vectors left the server too
    assert eng.ask(EXTRA_Q).refused


@pytest.mark.server
def test_cli_configured_from_environment(server):
    """The deployment recipe: CHATBOT_STORE__* environment variables, a chat engine
    that stays up while `chatbot ingest` (another process) adds a document."""
    from chatbot.engine import Engine

    eng = Engine(server["settings"])
    assert FACTS
    assert "6.0亿" in eng.ask("云知声2025年大模型相关业务收入预计多少？").text
    env = _env(CHATBOT_STORE__BACKEND="http", CHATBOT_STORE__HOST="127.0.0.1",
               CHATBOT_STORE__PORT=str(server["port"]), CHATBOT_STORE__COLLECTION=server["collection"],
               CHATBOT_STORE__PATH=str(server["local"]))
    p = subprocess.run([str(CHATBOT), "ingest", str(EXTRA_ARTICLE)], cwd=ROOT, capture_output=True,
                       text=True, env=env, timeout=600)
    assert p.returncode == 0, p.stdout + p.stderr[-2000:]
    assert "added 1" in p.stdout, p.stdout + p.stderr[-2000:]
    try:
        a = eng.ask(EXTRA_Q)  # the running engine sees the other process's document
        assert EXTRA_FACT in a.text, a.text
        p = subprocess.run([str(CHATBOT), "ask", EXTRA_Q, "--json"], cwd=ROOT, capture_output=True,
                           text=True, env=env, timeout=600)
        assert p.returncode == 0, p.stderr[-2000:]
        assert EXTRA_FACT in json.loads(p.stdout)["answer"]
    finally:
        eng.remove_document("news-08")
    assert not (server["local"] / "chroma").exists()


# --- a token in front of the server -----------------------------------------------------


class _TokenProxy:
    """A minimal reverse proxy that demands `Authorization: Bearer <token>` and forwards
    to the Chroma server: what nginx/Envoy do in the deployment guide."""

    def __init__(self, upstream_port: int, token: str):
        import httpx

        upstream = httpx.Client(base_url=f"http://127.0.0.1:{upstream_port}", timeout=30)
        seen: list[str] = []

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _forward(self):
                auth = self.headers.get("Authorization", "")
                seen.append(auth)
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if auth != f"Bearer {token}":
                    payload = b'{"error":"Unauthorized","message":"missing or wrong token"}'
                    self.send_response(401)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                    return
                headers = {k: v for k, v in self.headers.items()
                           if k.lower() not in ("host", "content-length", "authorization", "connection")}
                r = upstream.request(self.command, self.path, content=body, headers=headers)
                self.send_response(r.status_code)
                for k, v in r.headers.items():
                    if k.lower() not in ("content-length", "transfer-encoding", "connection", "content-encoding"):
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(r.content)))
                self.end_headers()
                self.wfile.write(r.content)

            do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _forward

            def log_message(self, *args):
                pass

        self.seen = seen
        self.srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.srv.server_address[1]
        threading.Thread(target=self.srv.serve_forever, daemon=True).start()

    def close(self):
        self.srv.shutdown()
        self.srv.server_close()


@pytest.mark.server
def test_token_from_environment(server, tmp_path, monkeypatch):
    from chatbot.engine import Engine
    from chatbot.store import Store

    proxy = _TokenProxy(server["port"], "s3cret-token")
    try:
        local = tmp_path / "local"
        shutil.copytree(server["local"], local)  # the manifest; the vectors are on the server
        settings = http_settings(local, proxy.port, server["collection"], token_env="TEST_CHROMA_TOKEN")
        monkeypatch.setenv("TEST_CHROMA_TOKEN", "s3cret-token")
        eng = Engine(settings)
        assert "6.0亿" in eng.ask("云知声2025年大模型相关业务收入预计多少？").text
        assert proxy.seen
        assert set(proxy.seen) == {"Bearer s3cret-token"}
        # a wrong token is refused by the proxy: the store reports it, it does not hang
        monkeypatch.setenv("TEST_CHROMA_TOKEN", "wrong")
        with pytest.raises(Exception) as exc:  # noqa: PT011 - a refused token surfaces as whatever the Chroma client raises
            Store(settings).count()
        assert "s3cret-token" not in str(exc.value)  # the secret is never echoed
    finally:
        proxy.close()


# --- no server ---------------------------------------------------------------------------




def test_unreachable_server_is_a_clear_error(corpus_index, tmp_path):
    """No Chroma server at the configured address: a clear one-line error naming it,
    not a traceback (no server needed for this test)."""
    store = tmp_path / "local"
    shutil.copytree(corpus_index, store)
    shutil.rmtree(store / "chroma")
    port = free_port()
    env = _env(CHATBOT_STORE__BACKEND="http", CHATBOT_STORE__HOST="127.0.0.1", CHATBOT_STORE__PORT=str(port))
    for args in (["ask", "云知声2025年大模型相关业务收入预计多少？"], ["ingest", str(EXTRA_ARTICLE)]):
        p = subprocess.run([str(CHATBOT), *args, "--store", str(store)], cwd=ROOT, capture_output=True,
                           text=True, env=env, timeout=300)
        assert p.returncode != 0, p.stdout
        assert "Traceback" not in p.stderr, p.stderr[-3000:]
        errors = [ln for ln in p.stderr.splitlines() if ln.startswith("error:")]
        assert len(errors) == 1, p.stderr[-3000:]
        assert str(port) in errors[0], p.stderr[-3000:]


def test_unreachable_server_raises_store_error(corpus_index, tmp_path):
    from chatbot.engine import Engine
    from chatbot.store import StoreError

    store = tmp_path / "local"
    shutil.copytree(corpus_index, store)
    port = free_port()
    eng = Engine(http_settings(store, port, "report_chunks"))
    with pytest.raises(StoreError) as exc:
        eng.ask("云知声2025年大模型相关业务收入预计多少？")
    assert str(port) in str(exc.value)
    assert "\n" not in str(exc.value)


@pytest.mark.server
def test_cli_ingest_while_serving_loses_nothing(server):
    """The deployment runs chat processes and `chatbot ingest` against one store: a
    document added by the CLI while a chat process is up must survive that chat
    process's own next write (e.g. a web upload), vectors included."""
    from chatbot.engine import Engine
    from chatbot.store import Store

    other = CORPUS_EXTRA / "10-gelonghui-black-sesame-2025-interim.md"
    serving = Engine(server["settings"])
    assert "6.0亿" in serving.ask("云知声2025年大模型相关业务收入预计多少？").text  # up and loaded
    env = _env(CHATBOT_STORE__BACKEND="http", CHATBOT_STORE__HOST="127.0.0.1",
               CHATBOT_STORE__PORT=str(server["port"]), CHATBOT_STORE__COLLECTION=server["collection"],
               CHATBOT_STORE__PATH=str(server["local"]))
    p = subprocess.run([str(CHATBOT), "ingest", str(other)], cwd=ROOT, capture_output=True, text=True,
                       env=env, timeout=600)
    assert p.returncode == 0, p.stdout + p.stderr[-2000:]
    assert "added 1" in p.stdout, p.stdout + p.stderr[-2000:]
    try:
        report = serving.ingest([EXTRA_ARTICLE], prune=False)  # the chat process's upload
        assert report.added == ["news-08"]
        fresh = Store(server["settings"])
        assert {"news-08", "news-10"} <= set(fresh.docs), sorted(fresh.docs)
        count = fresh.count()
        assert count["chroma"] == count["keyword"] == count["manifest_chunks"]
        col = _client(server["port"]).get_collection(server["collection"])
        ids10 = fresh.docs["news-10"].chunk_ids
        assert len(col.get(ids=ids10, include=[])["ids"]) == len(ids10)
    finally:
        cleanup = Engine(server["settings"])
        for doc_id in ("news-08", "news-10"):
            cleanup.remove_document(doc_id)
        cleanup.store.repair()
