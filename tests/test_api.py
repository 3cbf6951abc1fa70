"""The REST API (/api/v1) against a real server on 127.0.0.1: answers in the
`ask --json` shape, JSON errors with the right status (bad JSON, missing field, huge
body, wrong token, disabled writes), the chat's login, uploads and URLs with the chat's
checks, and delete/upload races."""

from __future__ import annotations

import base64
import threading

import httpx
import pytest

from support import api_server, web_server

TOKEN = "test-token-123"
KNOWN_Q, KNOWN_FACT = "云知声2025年大模型相关业务收入预计多少？", "6.0亿"
NEW_DOC = """---
title: 测试公司甲2025年业绩
publisher: 测试通讯社
date: 2026-01-15
---

# 测试公司甲2025年业绩

测试公司甲（代码 9999.HK）2025年全年收入为12.34亿元，同比增长56%。
"""


def assert_error(r: httpx.Response, status: int, code: str | None = None) -> dict:
    assert r.status_code == status, (r.status_code, r.text[:300])
    assert r.headers["content-type"].startswith("application/json")
    err = r.json()["error"]
    assert err["status"] == status
    assert err["message"]
    assert "Traceback" not in r.text
    if code:
        assert err["code"] == code, err
    return err


@pytest.fixture
def api(writable_engine):
    with api_server(writable_engine, {"CHATBOT_API_TOKEN": TOKEN}) as url:
        with httpx.Client(base_url=url, timeout=300) as c:
            yield c


@pytest.fixture
def auth():
    return {"Authorization": f"Bearer {TOKEN}"}


def test_ask_returns_the_ask_json_shape(api, engine):
    r = api.post("/api/v1/ask", json={"question": KNOWN_Q})
    assert r.status_code == 200, r.text
    data = r.json()
    assert set(data) == set(engine.ask(KNOWN_Q).to_json())
    assert KNOWN_FACT in data["answer"]
    assert data["citations"]
    assert not data["refused"]
    follow = api.post("/api/v1/ask", json={"question": "那MiniMax呢？", "history": [
        {"role": "user", "content": "智谱的IPO估值是多少？"}, {"role": "assistant", "content": data["answer"]}]})
    assert follow.status_code == 200
    assert "MiniMax" in follow.json()["standalone_question"]


def test_refusal_is_a_normal_answer(api):
    r = api.post("/api/v1/ask", json={"question": "火星的首都是哪里？"})
    assert r.status_code == 200
    assert r.json()["refused"] is True
    assert r.json()["citations"] == []


@pytest.mark.parametrize(("body", "status", "code"), [
    (b'{"question": ', 400, "invalid_json"),
    (b"not json at all", 400, "invalid_json"),
    (b"{}", 422, "missing_field"),
    (b'{"history": []}', 422, "missing_field"),
    (b'{"question": ""}', 422, "invalid_field"),
    (b'{"question": "x", "history": "nope"}', 422, "invalid_field"),
    (b'{"question": "x", "history": [{"role": "robot", "content": "hi"}]}', 422, "invalid_field"),
])
def test_bad_requests_get_json_errors(api, body, status, code):
    r = api.post("/api/v1/ask", content=body, headers={"content-type": "application/json"})
    err = assert_error(r, status, code)
    if code == "missing_field":
        assert "question" in err["message"]


def test_huge_bodies_are_refused_with_413(api):
    huge = b'{"question": "' + b"x" * 400_000 + b'"}'
    assert_error(api.post("/api/v1/ask", content=huge, headers={"content-type": "application/json"}),
                 413, "payload_too_large")

    def chunks():  # no Content-Length: the limit is applied while the body streams in
        yield b'{"question": "'
        for _ in range(40):
            yield b"y" * 10_000
        yield b'"}'

    assert_error(api.post("/api/v1/ask", content=chunks(), headers={"content-type": "application/json"}),
                 413, "payload_too_large")
    assert api.post("/api/v1/ask", json={"question": KNOWN_Q}).status_code == 200  # still serving


def test_unknown_routes_and_methods_are_json(api):
    assert_error(api.get("/api/v1/nothing-here"), 404)
    assert_error(api.put("/api/v1/ask", json={}), 405)


def test_docs_and_chat_are_served(api):
    assert api.get("/docs").status_code == 200
    paths = api.get("/openapi.json").json()["paths"]
    assert {"/api/v1/ask", "/api/v1/documents", "/api/v1/documents/{doc_id}", "/v1/chat/completions",
            "/v1/models"} <= set(paths)
    page = api.get("/")
    assert page.status_code == 200
    assert "gradio" in page.text.lower()


# --- tokens and the login ---------------------------------------------------------------------


def test_wrong_token_is_401_everywhere(api):
    bad = {"Authorization": "Bearer wrong"}
    assert_error(api.post("/api/v1/ask", json={"question": KNOWN_Q}, headers=bad), 401, "invalid_token")
    assert_error(api.get("/api/v1/documents", headers=bad), 401, "invalid_token")
    assert_error(api.delete("/api/v1/documents/report", headers=bad), 401, "invalid_token")
    assert_error(api.post("/api/v1/documents", json={"url": "https://example.com/"}, headers=bad), 401)


def test_writes_need_the_token(api, auth):
    assert_error(api.delete("/api/v1/documents/report"), 401, "token_required")
    assert api.get("/api/v1/documents", headers=auth).status_code == 200  # the token reads too


def test_writes_are_off_without_a_configured_token(writable_engine):
    with api_server(writable_engine, {"CHATBOT_API_TOKEN": ""}) as url:
        r = httpx.delete(f"{url}/api/v1/documents/report", headers={"Authorization": "Bearer anything"})
        assert_error(r, 403, "writes_disabled")
        assert_error(httpx.delete(f"{url}/api/v1/documents/report"), 403, "writes_disabled")
        assert httpx.get(f"{url}/api/v1/documents").status_code == 200  # reads are open like the chat
        # a client that always sends an API key (the openai SDK) is not refused for it
        assert httpx.get(f"{url}/v1/models", headers={"Authorization": "Bearer sk-anything"}).status_code == 200
    assert any(d.doc_id == "report" for d in writable_engine.documents())


def test_the_chat_login_guards_the_api(writable_engine):
    env = {"CHATBOT_WEB_USER": "ana", "CHATBOT_WEB_PASSWORD": "pw-1", "CHATBOT_API_TOKEN": TOKEN}
    basic = lambda u, p: {"Authorization": "Basic " + base64.b64encode(f"{u}:{p}".encode()).decode()}  # noqa: E731
    with api_server(writable_engine, env) as url:
        ask = lambda h=None: httpx.post(f"{url}/api/v1/ask", json={"question": KNOWN_Q}, headers=h, timeout=300)  # noqa: E731
        assert_error(ask(), 401, "login_required")
        assert_error(ask(basic("ana", "wrong")), 401, "invalid_login")
        assert ask(basic("ana", "pw-1")).status_code == 200
        assert ask({"Authorization": f"Bearer {TOKEN}"}).status_code == 200
        with httpx.Client(base_url=url) as browser:  # the chat's own login cookie works too
            assert browser.post("/login", data={"username": "ana", "password": "pw-1"}).status_code == 200
            assert browser.get("/api/v1/documents").status_code == 200
        # the login alone does not allow writes
        assert_error(httpx.delete(f"{url}/api/v1/documents/report", headers=basic("ana", "pw-1")), 401)


# --- documents ----------------------------------------------------------------------------------


def _upload(api, auth, name: str, body: bytes):
    return api.post("/api/v1/documents", files={"file": (name, body, "text/markdown")}, headers=auth)


def test_upload_list_ask_delete(api, auth, tmp_path):
    before = {d["doc_id"] for d in api.get("/api/v1/documents").json()["documents"]}
    r = _upload(api, auth, "test-company.md", NEW_DOC.encode())
    assert r.status_code == 201, r.text
    added = r.json()["added"]
    assert len(added) == 1
    assert r.json()["documents"][0]["title"] == "测试公司甲2025年业绩"
    doc_id = added[0]
    assert {d["doc_id"] for d in api.get("/api/v1/documents").json()["documents"]} == before | {doc_id}
    answer = api.post("/api/v1/ask", json={"question": "测试公司甲2025年收入是多少？"}).json()
    assert "12.34亿" in answer["answer"]
    again = _upload(api, auth, "test-company.md", NEW_DOC.encode())
    assert again.status_code == 200
    assert again.json()["skipped"] == [doc_id]
    assert api.delete(f"/api/v1/documents/{doc_id}", headers=auth).json() == {
        "doc_id": doc_id, "title": "测试公司甲2025年业绩", "removed": True}
    assert_error(api.delete(f"/api/v1/documents/{doc_id}", headers=auth), 404, "no_such_document")


@pytest.mark.parametrize(("name", "body", "status"), [
    ("notes.exe", b"MZ binary", 400),       # the chat's type check
    ("empty.md", b"", 400),                 # the chat's empty-file check
    ("big.md", b"#" * (11 * 1024 * 1024), 413),  # over web.max_upload_mb (10)
])
def test_uploads_get_the_chats_checks(api, auth, name, body, status):
    assert_error(_upload(api, auth, name, body), status)


def test_upload_without_a_file_field_and_wrong_media_type(api, auth):
    r = api.post("/api/v1/documents", files={"other": ("a.md", b"x", "text/markdown")}, headers=auth)
    assert_error(r, 400, "missing_field")
    assert_error(api.post("/api/v1/documents", content=b"x", headers={**auth, "content-type": "text/plain"}), 415)
    assert_error(api.post("/api/v1/documents", json={}, headers=auth), 422, "missing_field")


def test_url_to_a_private_address_is_refused(api, auth):
    page = "<html><head><title>内网</title></head><body><p>内部页面。</p></body></html>".encode()
    with web_server(lambda path: (200, {"Content-Type": "text/html; charset=utf-8"}, page)) as (url, requests):
        err = assert_error(api.post("/api/v1/documents", json={"url": url + "/a"}, headers=auth), 422, "ingest_failed")
        assert requests == []  # refused before connecting
    assert "127.0.0.1" in err["message"] or "private" in err["message"].lower() or "公" in err["message"]
    assert_error(api.post("/api/v1/documents", json={"url": "ftp://example.com/x"}, headers=auth), 400, "refused")


# --- races --------------------------------------------------------------------------------------


def _together(calls) -> list[httpx.Response]:
    out: list = [None] * len(calls)
    barrier = threading.Barrier(len(calls))

    def run(i, fn):
        barrier.wait(timeout=60)
        out[i] = fn()

    threads = [threading.Thread(target=run, args=(i, fn)) for i, fn in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=600)
    return out


def test_concurrent_deletes_of_one_document(api, auth, writable_engine):
    results = _together([lambda: api.delete("/api/v1/documents/src-1", headers=auth) for _ in range(4)])
    assert sorted(r.status_code for r in results) == [200, 404, 404, 404], [r.text for r in results]
    for r in results:
        if r.status_code == 404:
            assert_error(r, 404, "no_such_document")
    count = writable_engine.store.count()
    assert count["chroma"] == count["keyword"] == count["manifest_chunks"]


def test_concurrent_uploads_and_delete(api, auth, writable_engine):
    up = lambda: _upload(api, auth, "race.md", NEW_DOC.encode())  # noqa: E731
    results = _together([up, up, up])
    statuses = sorted(r.status_code for r in results)
    assert statuses == [200, 200, 201], [r.text for r in results]  # one adds, the others find it unchanged
    doc_id = next(r for r in results if r.status_code == 201).json()["added"][0]
    results = _together([lambda: api.delete(f"/api/v1/documents/{doc_id}", headers=auth), up])
    assert {r.status_code for r in results} <= {200, 201, 404}, [r.text for r in results]
    present = any(d.doc_id == doc_id for d in writable_engine.documents())
    deleted, uploaded = results[0].status_code == 200, results[1].status_code == 201
    assert present == (uploaded or not deleted)  # whichever ran last decides, and the index agrees
    count = writable_engine.store.count()
    assert count["chroma"] == count["keyword"] == count["manifest_chunks"]
