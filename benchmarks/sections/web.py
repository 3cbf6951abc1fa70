"""Section "web": throughput in one run. The engine's own sequential rate, then 20
concurrent sessions through the REST API (/api/v1/ask) and through the Gradio chat's
`/ask` endpoint of one `chatbot serve` process on 127.0.0.1, with the CPU the server
and the clients spend per question (what each layer costs, robust to a busy machine).

    python -m benchmarks.run --only web                  # in the suite
    python -m benchmarks.sections.web --store var/index   # alone; --env K=V for the server

Closed loop: each session asks its next question when its last answer has arrived, so
throughput x mean latency ~ sessions. The load test (tests/test_load.py) uses
`run_sessions` and the clients.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.common import ROOT, env_for, fmt, free_port, g, load_questions, log, summary

SESSIONS, PER_SESSION = 20, 10


def _stats(latencies: list[float], wall: float, errors: list[str]) -> dict:
    """Throughput and latency (ms) of a run."""
    n = len(latencies)
    return {"answered": n, "errors": len(errors), "error_samples": errors[:5], "wall_s": round(wall, 2),
            "qps": round(n / wall, 2) if wall else 0.0, "latency_ms": summary([1000 * x for x in latencies])}


def session_order(questions: list[dict], sessions: int, per_session: int) -> list[list[dict]]:
    """The questions each session asks: session i starts at question i."""
    return [[questions[(i + k) % len(questions)] for k in range(per_session)] for i in range(sessions)]


def engine_rate(engine, questions: list[dict], sessions: int = SESSIONS, per_session: int = PER_SESSION) -> dict:
    """The engine alone, in this process, one question after another: the same questions
    the sessions ask, in turn."""
    engine.ask(questions[0]["question"])  # warm
    lat: list[float] = []
    t0, cpu0 = time.perf_counter(), time.process_time()
    for q in [q for s in session_order(questions, sessions, per_session) for q in s]:
        t = time.perf_counter()
        engine.ask(q["question"], q.get("history") or [])
        lat.append(time.perf_counter() - t)
    out = _stats(lat, time.perf_counter() - t0, [])
    out["cpu_ms_per_q"] = round(1000 * (time.process_time() - cpu0) / len(lat), 1)
    return out


# --- clients -------------------------------------------------------------------------------


def rest_client(url: str, headers: dict | None = None):
    """(client, ask, close) for the REST API; ask(q) -> the JSON answer."""
    import httpx

    c = httpx.Client(base_url=url, timeout=300, headers=headers or {})

    def ask(q: dict) -> dict:
        r = c.post("/api/v1/ask", json={"question": q["question"], "history": q.get("history") or []})
        r.raise_for_status()
        return r.json()

    return ask, c.close


def chat_client(url: str):
    """(ask, close) for the Gradio chat's /ask endpoint (its own Gradio session)."""
    from gradio_client import Client

    c = Client(url, verbose=False, httpx_kwargs={"timeout": 60})

    def ask(q: dict) -> dict:
        out = c.submit(q["question"], json.dumps(q.get("history") or [], ensure_ascii=False),
                       api_name="/ask").result(timeout=300)
        return json.loads(out[1]) if out[1] else {}

    def close() -> None:
        closer = getattr(c, "close", None)
        if callable(closer):
            closer()

    return ask, close


def browser_client(url: str):
    """(ask, close) for the chat's /ask endpoint through the queue protocol the browser's
    page speaks (benchmarks/gradio_http.py: one keep-alive connection pool per session,
    the server-sent events read as they arrive)."""
    from benchmarks.gradio_http import BrowserSession

    s = BrowserSession(url, timeout=60)

    def ask(q: dict) -> dict:
        out, _updates = s.call("ask", [q["question"], json.dumps(q.get("history") or [], ensure_ascii=False)])
        _text, data = out[0]  # the endpoint's one output: (text so far, the answer's JSON)
        return json.loads(data) if data else {}

    return ask, s.close


def page_client(url: str):
    """(ask, close) for the chat page itself, as the browser drives it (benchmarks/gradio_http.py):
    the question box's submit (the answer streamed into the chat, sources, history), then
    the page's two follow-up events (the suggested questions, the export file), each
    sending the conversation so far as the page does. ask(q) -> {"html": the answer
    message, "updates": streamed updates, "events": queue events}."""
    from benchmarks.gradio_http import BrowserSession

    s = BrowserSession(url, timeout=60)
    chain = s.then_chain(s.triggered_by(s.component_id("question"), "submit"))
    chat_id = s.component_id("chat")
    chat: list = []

    def ask(q: dict) -> dict:
        nonlocal chat
        updates = 0
        for k, fn in enumerate(chain):
            dep = s.dependencies[fn]
            # what the page sends: the question box, the chat as shown, None for the states
            data = [q["question"] if k == 0 and j == 0 else chat if i == chat_id else None
                    for j, i in enumerate(dep["inputs"])]
            out, n = s.call(fn, data)
            updates += n
            if chat_id in dep["outputs"] and isinstance(out[dep["outputs"].index(chat_id)], list):
                chat = out[dep["outputs"].index(chat_id)]
        last = chat[-1]["content"] if chat else ""
        html = "".join(p.get("text", "") for p in last) if isinstance(last, list) else str(last)
        return {"html": html, "updates": updates, "events": len(chain)}

    return ask, s.close


def page_problem(q: dict, result: dict) -> str | None:
    """What is wrong with a page turn's answer message, or None (a finished answer with its
    disclaimer, no error message; the figures are checked through /ask and REST)."""
    html = result.get("html", "")
    if "chat-error" in html or 'class="disclaimer"' not in html:
        return f"no finished answer: {html[:160]}"
    return None


CHAT_CLIENTS: dict[str, Callable[[str], tuple[Callable[[dict], Any], Callable[[], None]]]] = {
    "chat": chat_client, "chat_browser": browser_client, "page": page_client}


def run_sessions(make_client: Callable[[], tuple[Callable[[dict], Any], Callable[[], None]]],
                 questions: list[dict], sessions: int = SESSIONS, per_session: int = PER_SESSION,
                 check: Callable[[dict, Any], str | None] | None = None) -> dict:
    """`sessions` threads, each with its own client, ask `per_session` questions each
    (session i starts at question i). `check(question, result)` may return a problem."""
    lat: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    barrier = threading.Barrier(sessions + 1)

    order = session_order(questions, sessions, per_session)

    def session(i: int) -> None:
        try:
            ask, close = make_client()
        except Exception as e:  # counted: a session that cannot connect is an error of the run
            with lock:
                errors.append(f"session {i}: {type(e).__name__}: {e}")
            barrier.abort()
            return
        try:
            barrier.wait(timeout=120)
            for q in order[i]:
                t = time.perf_counter()
                try:
                    result = ask(q)
                except Exception as e:  # counted, the session goes on
                    with lock:
                        errors.append(f"session {i} {q.get('id')}: {type(e).__name__}: {str(e)[:200]}")
                    continue
                dt = time.perf_counter() - t
                problem = check(q, result) if check else None
                with lock:
                    lat.append(dt)
                    if problem:
                        errors.append(f"session {i} {q.get('id')}: {problem}")
        finally:
            close()

    threads = [threading.Thread(target=session, args=(i,), daemon=True) for i in range(sessions)]
    for th in threads:
        th.start()
    try:
        barrier.wait(timeout=180)
    except threading.BrokenBarrierError:
        pass
    t0 = time.perf_counter()
    for th in threads:
        th.join(timeout=1800)
    return _stats(lat, time.perf_counter() - t0, errors)


# --- the server ----------------------------------------------------------------------------


def start_server(store: Path, port: int, log_path: Path, env: dict | None = None,
                 code: Path | None = None) -> subprocess.Popen:
    # log_path's folder is also the server's temp/cache folder; `code`: another checkout
    # of the project to serve (e.g. an earlier commit, for a before/after comparison)
    """`chatbot serve` on 127.0.0.1:port; returns once /api/v1/documents answers."""
    import httpx

    full_env = {**env_for(log_path.parent), **(env or {})}
    if code is not None:
        full_env["PYTHONPATH"] = os.pathsep.join([str(code / "src"), str(code)])
    logf = open(log_path, "w")
    proc = subprocess.Popen([sys.executable, "-m", "chatbot.cli", "serve", "--store", str(store), "--port", str(port)],
                            cwd=code or ROOT, env=full_env, stdout=logf, stderr=subprocess.STDOUT)
    deadline = time.time() + 240
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"serve exited: {log_path.read_text(errors='replace')[-1500:]}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass  # not listening yet
        time.sleep(0.2)
    proc.kill()
    raise RuntimeError("serve did not answer within 240 s")


def _cpu(pid: int) -> tuple[float, float]:
    """CPU seconds used so far by the server process and by this (the client) process."""
    import psutil

    st, me = psutil.Process(pid).cpu_times(), psutil.Process().cpu_times()
    return st.user + st.system, me.user + me.system


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(20)
    except subprocess.TimeoutExpired:
        proc.kill()


def bench_web(store: Path, tmp: Path, sessions: int = SESSIONS, per_session: int = PER_SESSION,
              env: dict | None = None, only: tuple[str, ...] = ("engine", "rest", "chat", "chat_browser", "page"),
              before: Path | None = None) -> dict:
    """Engine sequential rate, then REST and the chat (both clients) at `sessions`
    concurrent sessions; with `before` (a checkout of an earlier commit), its chat too
    (the same clients), in the same run."""
    from chatbot.config import load_settings
    from chatbot.engine import Engine

    # the engine here runs as in `chatbot serve`, which sets this (before the runtime loads)
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    questions = load_questions()
    res: dict = {"measured": True, "sessions": sessions, "per_session": per_session, "cpus": os.cpu_count(),
                 "server_env": env or {}}
    if "engine" in only:
        log("web: the engine alone, sequentially")
        engine = Engine(load_settings(store={"path": str(store)}))
        res["engine"] = engine_rate(engine, questions, sessions, per_session)
        del engine
    port = free_port()
    proc = start_server(store, port, tmp / "serve-web.log", env)
    url = f"http://127.0.0.1:{port}"
    clients = {"rest": lambda: rest_client(url), **{k: (lambda f=f, u=url + "/": f(u)) for k, f in CHAT_CLIENTS.items()}}
    try:
        for name in ("rest", *CHAT_CLIENTS):
            if name in only:
                log(f"web: {sessions} sessions through {name}")
                res[name] = _measured(proc, clients[name], questions, sessions, per_session)
    finally:
        stop_server(proc)
    if before is not None:
        port = free_port()
        proc = start_server(store, port, tmp / "serve-before.log", env, code=before)
        try:
            for name, f in CHAT_CLIENTS.items():
                if name in only:
                    log(f"web: {sessions} sessions through {name} of {before}")
                    res[f"{name}_before"] = _measured(proc, lambda f=f, u=f"http://127.0.0.1:{port}/": f(u),
                                                      questions, sessions, per_session)
        finally:
            stop_server(proc)
    e = res.get("engine", {}).get("qps")
    for k in ("rest", *CHAT_CLIENTS):
        if e and k in res:
            res[f"{k}_vs_engine"] = round(res[k]["qps"] / e, 2)
        if k in res and res.get(f"{k}_before", {}).get("qps"):
            res[f"{k}_vs_before"] = round(res[k]["qps"] / res[f"{k}_before"]["qps"], 2)
    return res


def _measured(proc: subprocess.Popen, make_client, questions: list[dict], sessions: int, per_session: int) -> dict:
    """run_sessions, with the CPU the server and the clients spent per question."""
    cpu0 = _cpu(proc.pid)
    out = run_sessions(make_client, questions, sessions, per_session)
    cpu1 = _cpu(proc.pid)
    n = out["answered"] or 1
    out["server_cpu_ms_per_q"] = round(1000 * (cpu1[0] - cpu0[0]) / n, 1)
    out["client_cpu_ms_per_q"] = round(1000 * (cpu1[1] - cpu0[1]) / n, 1)
    return out


LAYERS = {"engine": "engine alone, sequential", "rest": "REST /api/v1/ask", "chat": "Gradio chat /ask (gradio_client)",
          "chat_browser": "Gradio chat /ask (browser protocol)",
          "page": "chat page turn: answer + suggestions + export (browser protocol)",
          "chat_before": "Gradio chat /ask (gradio_client), earlier commit",
          "chat_browser_before": "Gradio chat /ask (browser protocol), earlier commit",
          "page_before": "chat page turn (browser protocol), earlier commit"}


def rows(r: dict) -> list[tuple[str, str, str]]:
    """Table rows of the web section."""
    w = r.get("web") or {}
    if not w.get("measured"):
        return [("web", "throughput", f"not measured: {w.get('reason')}")] if w else []
    out = []
    for k, label in LAYERS.items():
        x = w.get(k)
        if not x:
            continue
        who = "" if k == "engine" else f", {w['sessions']} sessions"
        cpu = (f"{fmt(x.get('cpu_ms_per_q'), 'ms')} CPU/q" if k == "engine" else
               f"server {fmt(x.get('server_cpu_ms_per_q'), 'ms')} + client {fmt(x.get('client_cpu_ms_per_q'), 'ms')} CPU/q")
        out.append(("web", f"{label}{who}: q/s, p50 / p95",
                    f"{fmt(x['qps'])} q/s, {fmt(g(x, 'latency_ms', 'p50'), 'ms')} / {fmt(g(x, 'latency_ms', 'p95'), 'ms')}; "
                    f"{cpu}; {x['errors']} errors"))
    for k in ("rest", *CHAT_CLIENTS):
        if f"{k}_vs_engine" in w:
            out.append(("web", f"{LAYERS[k]} / engine throughput", fmt(w[f"{k}_vs_engine"])))
        if f"{k}_vs_before" in w:
            out.append(("web", f"{LAYERS[k]} / the earlier commit's", fmt(w[f"{k}_vs_before"])))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--store", type=Path, required=True, help="an ingested index folder")
    ap.add_argument("--sessions", type=int, default=SESSIONS)
    ap.add_argument("--per-session", type=int, default=PER_SESSION)
    ap.add_argument("--only", default="engine,rest,chat,chat_browser,page",
                    help="comma list of engine, rest, chat, chat_browser, page")
    ap.add_argument("--env", action="append", default=[], metavar="K=V", help="environment for the server")
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--before", type=Path, default=None, help="a checkout of an earlier commit: its chat is measured too")
    a = ap.parse_args(argv)
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        env = dict(kv.split("=", 1) for kv in a.env)
        res = bench_web(a.store.resolve(), Path(tmp), a.sessions, a.per_session, env,
                        tuple(x.strip() for x in a.only.split(",")), a.before)
    for _, metric, value in rows({"web": res}):
        print(f"{metric:55} {value}", file=sys.stderr)
    print(json.dumps(res, ensure_ascii=False))
    if a.out:
        a.out.write_text(json.dumps(res, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
