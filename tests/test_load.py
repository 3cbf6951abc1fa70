"""A bounded load test of the web chat's HTTP API on 127.0.0.1.

20 concurrent chat sessions (threads, each with its own gradio_client.Client, i.e. its
own Gradio session) ask 10 questions each through the `/ask` API endpoint, while
another thread ingests 2 extra articles through engine.ingest into the same index.
Every answer must arrive without error and carry its expected figures (or be refused
when the question is unanswerable). p50/p95 latency and throughput are printed and
written to test-artifacts/load-test.json.

Bounded: 200 questions, one timeout per question, one for the whole run.
"""

from __future__ import annotations

import json
import os
import statistics
import threading
import time

import pytest

from chatbot.evaluation import fact_found, percentile, question_dicts
from support import ARTIFACTS, CORPUS_EXTRA, QUESTIONS, free_port

SESSIONS = 20
PER_SESSION = 10
QUESTION_IDS = ["q01", "q03", "q08", "q16", "q24", "q33", "q45", "q59", "q66", "q77"]
INGEST = [CORPUS_EXTRA / "08-gelonghui-4paradigm-2025-interim.md",
          CORPUS_EXTRA / "10-gelonghui-black-sesame-2025-interim.md"]
AFTER_INGEST_Q, AFTER_INGEST_FACT = "第四范式2025年上半年收入是多少？", "26.26亿"
PER_QUESTION_TIMEOUT_S = 300
JOIN_TIMEOUT_S = 60
RUN_TIMEOUT_S = 1500


def load_questions() -> list[dict]:
    by_id = {q["id"]: q for q in question_dicts(QUESTIONS)}
    return [by_id[i] for i in QUESTION_IDS]


@pytest.fixture
def web_app(writable_engine):
    import chatbot.web as web
    if not hasattr(web, "build_app"):
        pytest.skip("chatbot.web.build_app not there yet")
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    writable_engine.warmup()
    app = web.build_app(writable_engine)
    port = free_port()
    cfg = writable_engine.settings.web
    app.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True,
               max_threads=max(cfg.concurrency_limit + 4, 8))
    try:
        yield f"http://127.0.0.1:{port}/", writable_engine
    finally:
        app.close()


def _client(url: str):
    from gradio_client import Client

    # gradio_client posts to /queue/join with httpx's default 5 s timeout; on a saturated
    # 2-core CI box (20 sessions + an ingestion in one process) joining the queue can take
    # longer than that, which is a client-side abort, not a server error. A browser waits.
    return Client(url, verbose=False, httpx_kwargs={"timeout": JOIN_TIMEOUT_S})


def _close(client) -> None:
    close = getattr(client, "close", None)
    if callable(close):
        try:
            close()
        except Exception:
            pass


def _ask(client, question: str, history: list[dict]) -> tuple[str, dict]:
    job = client.submit(question, json.dumps(history, ensure_ascii=False), api_name="/ask")
    out = job.result(timeout=PER_QUESTION_TIMEOUT_S)
    text, data = out[0], out[1]
    return text, json.loads(data) if data else {}


def answer_problem(q: dict, data: dict) -> str | None:
    """What is wrong with an answer (ask --json shape) to question `q`, or None."""
    if q["answerable"]:
        missing = [f for f in q["expected_facts"] if not fact_found(data.get("answer", ""), f)]
        if data.get("refused") or missing:
            return f"refused={data.get('refused')} missing={missing}: {data.get('answer', '')[:120]}"
        return None if data.get("citations") else "no citations"
    return None if data.get("refused") else f"not refused: {data.get('answer', '')[:120]}"


def test_concurrent_sessions_with_ingestion(web_app):
    url, engine = web_app
    questions = load_questions()
    before = engine.store.count()
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    ingest_result: dict = {}
    start = threading.Barrier(SESSIONS + 1)

    def session(i: int):
        try:
            client = _client(url)
        except Exception as e:
            with lock:
                errors.append(f"session {i}: cannot connect: {type(e).__name__}: {e}")
            start.abort()
            return
        try:
            start.wait(timeout=120)
            order = questions[i % len(questions):] + questions[: i % len(questions)]
            for q in order[:PER_SESSION]:
                t = time.perf_counter()
                try:
                    text, data = _ask(client, q["question"], q.get("history", []))
                except Exception as e:
                    with lock:
                        errors.append(f"session {i} {q['id']}: {type(e).__name__}: {str(e)[:200]}")
                    continue
                dt = time.perf_counter() - t
                problem = f"empty response {text!r} {data!r}" if not text or not data else answer_problem(q, data)
                with lock:
                    latencies.append(dt)
                    if problem:
                        errors.append(f"session {i} {q['id']}: {problem}")
        finally:
            _close(client)

    def ingest():
        try:
            start.wait(timeout=120)
            t = time.perf_counter()
            report = engine.ingest(INGEST, prune=False)
            ingest_result.update(seconds=time.perf_counter() - t, added=report.added, failed=report.failed,
                                 embedded=report.chunks_embedded, finished_at=time.perf_counter())
        except Exception as e:
            ingest_result["error"] = f"{type(e).__name__}: {e}"

    threads = [threading.Thread(target=session, args=(i,), daemon=True) for i in range(SESSIONS)]
    threads.append(threading.Thread(target=ingest, daemon=True))
    for th in threads:
        th.start()
    t0 = time.perf_counter()
    deadline = t0 + RUN_TIMEOUT_S
    for th in threads:
        th.join(timeout=max(1.0, deadline - time.perf_counter()))
    wall = time.perf_counter() - t0
    alive = sum(th.is_alive() for th in threads)
    assert not alive, f"{alive} threads still running after {RUN_TIMEOUT_S} s"

    n = len(latencies)
    stats = {
        "sessions": SESSIONS, "questions_per_session": PER_SESSION, "answered": n, "errors": len(errors),
        "wall_s": round(wall, 1), "throughput_qps": round(n / wall, 2) if wall else 0,
        "p50_s": round(percentile(latencies, 50), 2) if n else None,
        "p95_s": round(percentile(latencies, 95), 2) if n else None,
        "max_s": round(max(latencies), 2) if n else None,
        "mean_s": round(statistics.mean(latencies), 2) if n else None,
        "concurrency_limit": engine.settings.web.concurrency_limit,
        "ingest_s": round(ingest_result.get("seconds", 0), 1),
        "ingest_finished_at_s": round(ingest_result["finished_at"] - t0, 1) if "finished_at" in ingest_result else None,
        "cpus": os.cpu_count(),
    }
    print("\nload test:", json.dumps(stats, ensure_ascii=False))
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "load-test.json").write_text(json.dumps({**stats, "error_samples": errors[:20]},
                                                         ensure_ascii=False, indent=1), encoding="utf-8")

    assert not errors, "\n".join(errors[:20])
    assert n == SESSIONS * PER_SESSION
    assert "error" not in ingest_result, ingest_result
    assert sorted(ingest_result["added"]) == ["news-08", "news-10"]
    assert not ingest_result["failed"]
    after = engine.store.count()
    assert after["documents"] == before["documents"] + 2
    assert after["chroma"] == after["keyword"] == after["manifest_chunks"]
    client = _client(url)  # the new articles are answerable through the web API right away
    try:
        _text, data = _ask(client, AFTER_INGEST_Q, [])
    finally:
        _close(client)
    assert fact_found(data["answer"], AFTER_INGEST_FACT), data["answer"]


# --- REST and chat beside the engine: a loose throughput ratio --------------------------------

# Loose on purpose (a busy 2-core CI box, server and clients in this one process): the
# figures and the real targets (REST >= 0.6x the engine with p95 <= 1 s; the chat through
# the browser's protocol >= 0.51x) are in `python -m benchmarks.run --only web`.
MIN_REST_VS_ENGINE = 0.3
MIN_CHAT_VS_ENGINE = 0.1          # gradio_client: a heavy client (~55 ms CPU a question)
MIN_CHAT_BROWSER_VS_ENGINE = 0.25  # the queue protocol the page speaks (benchmarks/gradio_http.py)
MIN_PAGE_VS_ENGINE = 0.1          # a page turn: the answer, then its suggestions (asked to check them) and export


def test_rest_and_chat_throughput_beside_the_engine(engine):
    from benchmarks.sections.web import (
        browser_client,
        chat_client,
        engine_rate,
        page_client,
        page_problem,
        rest_client,
        run_sessions,
    )
    from support import api_server

    questions = load_questions()
    engine.warmup()
    seq = engine_rate(engine, questions, SESSIONS, PER_SESSION)
    with api_server(engine) as url:
        runs = {name: run_sessions(lambda f=f: f(url), questions, SESSIONS, PER_SESSION, check=check)
                for name, f, check in (("rest", rest_client, answer_problem),
                                       ("chat", lambda u: chat_client(u + "/"), answer_problem),
                                       ("chat_browser", lambda u: browser_client(u + "/"), answer_problem),
                                       ("page", lambda u: page_client(u + "/"), page_problem))}
    stats: dict = {"engine": seq, **runs, **{f"{k}_vs_engine": round(r["qps"] / seq["qps"], 2) for k, r in runs.items()}}
    print("\nthroughput:", json.dumps({k: v if not isinstance(v, dict) else
                                       {"qps": v["qps"], "p95_ms": v["latency_ms"]["p95"]} for k, v in stats.items()}))
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "load-test-rest.json").write_text(json.dumps(stats, ensure_ascii=False, indent=1), encoding="utf-8")
    for name, r in runs.items():
        assert not r["errors"], (name, r["error_samples"])
        assert r["answered"] == SESSIONS * PER_SESSION, name
    assert stats["rest_vs_engine"] >= MIN_REST_VS_ENGINE, stats
    assert stats["chat_vs_engine"] >= MIN_CHAT_VS_ENGINE, stats
    assert stats["chat_browser_vs_engine"] >= MIN_CHAT_BROWSER_VS_ENGINE, stats
    assert stats["page_vs_engine"] >= MIN_PAGE_VS_ENGINE, stats


# --- concurrency without HTTP: the races a load can hit ----------------------------------

KNOWN_Q, KNOWN_FACT = "云知声2025年大模型相关业务收入预计多少？", "6.0亿"


def _together(fns) -> list[str]:
    """Runs the callables at the same moment in threads; returns their errors."""
    errors: list[str] = []
    barrier = threading.Barrier(len(fns))

    def run(fn):
        barrier.wait(timeout=60)
        try:
            fn()
        except Exception as e:
            errors.append(f"{type(e).__name__}: {e}")

    threads = [threading.Thread(target=run, args=(fn,), daemon=True) for fn in fns]
    for th in threads:
        th.start()
    for th in threads:
        th.join(timeout=PER_QUESTION_TIMEOUT_S)
    assert not any(th.is_alive() for th in threads)
    return errors


FRESH_PROCESS_SCRIPT = r"""
import json, sys, threading
sys.path.insert(0, sys.argv[2])
from support import make_settings
from chatbot.engine import Engine

eng = Engine(make_settings(sys.argv[1]))
errors, answers = [], []
barrier = threading.Barrier(8)

def run():
    barrier.wait()
    try:
        answers.append(eng.ask("云知声2025年大模型相关业务收入预计多少？").text)
    except Exception as e:
        errors.append(f"{type(e).__name__}: {e}")

threads = [threading.Thread(target=run) for _ in range(8)]
for t in threads: t.start()
for t in threads: t.join()
print(json.dumps({"errors": errors, "answers": answers}, ensure_ascii=False))
"""


def test_concurrent_first_questions_on_a_fresh_engine(corpus_index):
    """A freshly started process builds an Engine and its first 8 questions arrive at
    once (the Python API, or a web app built with build_app() without warmup()): none
    may fail while the store opens its Chroma client and keyword index."""
    import subprocess
    import sys

    from support import ROOT

    errors: list[str] = []
    for _ in range(2):
        p = subprocess.run([sys.executable, "-c", FRESH_PROCESS_SCRIPT, str(corpus_index), str(ROOT / "tests")],
                           cwd=ROOT, capture_output=True, text=True, timeout=PER_QUESTION_TIMEOUT_S)
        assert p.returncode == 0, p.stderr[-3000:]
        out = json.loads(p.stdout.strip().splitlines()[-1])
        errors += out["errors"]
        assert all(KNOWN_FACT in a for a in out["answers"])
    assert not errors, errors


def test_readers_of_a_stale_keyword_index_do_not_collide(index_copy):
    """Several chat processes share one store; the keyword index is stale (an ingest in
    another process has just replaced the manifest, or was killed before rebuilding it).
    Each process's next question must not fail while they all notice it at once."""
    from chatbot.engine import Engine
    from support import make_settings

    engines = [Engine(make_settings(index_copy)) for _ in range(4)]
    for e in engines:
        e.warmup()
    stamp = index_copy / "keyword" / "stamp.json"
    manifest = index_copy / "manifest.json"
    errors: list[str] = []
    for rnd in range(5):
        # what another process's ingest leaves for a moment (or for good, if it is killed
        # there): a new manifest, and a keyword index that does not match it yet
        stamp.write_text('{"stamp": "stale", "count": 0}')
        st = manifest.stat()
        os.utime(manifest, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000 * (rnd + 1)))
        answers: list[str] = []
        errors += _together([lambda e=e, out=answers: out.append(e.ask(KNOWN_Q).text) for e in engines])
        assert all(KNOWN_FACT in a for a in answers), answers
    assert not errors, errors
