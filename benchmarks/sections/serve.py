"""Section "serve": `chatbot serve` start-up, questions through the web API, RSS."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

from benchmarks.common import CHATBOT, MB, ROOT, env_for, fmt, free_port, g, load_questions, log, summary


def _pick_chat_endpoint(client, wanted: str | None):
    info = client.view_api(return_format="dict", print_info=False)
    named = info.get("named_endpoints", {})
    if wanted:
        name = wanted if wanted.startswith("/") else "/" + wanted
        return name, named.get(name, {}).get("parameters", [])
    for key in ("/ask", "chat", "ask", "respond", "answer", "predict"):
        for name, spec in named.items():
            if key in name.lower():
                return name, spec.get("parameters", [])
    if named:
        name, spec = next(iter(named.items()))
        return name, spec.get("parameters", [])
    raise RuntimeError("the web app exposes no named API endpoint")


def _call_args(params: list[dict], question: str, history: list[dict]) -> tuple[list, dict]:
    """Fill the endpoint's parameters: the first string-typed one gets the question, a
    "history" one the earlier turns (JSON text or a list, as typed), list/array ones an
    empty list, the rest their defaults."""
    args, used_q = [], False
    for p in params:
        t = json.dumps(p.get("python_type", {}) or p.get("type", {})).lower()
        name = str(p.get("parameter_name") or p.get("label") or "").lower()
        if not used_q and ("str" in t or "string" in t):
            args.append(question)
            used_q = True
        elif "history" in name:
            args.append(json.dumps(history, ensure_ascii=False) if "str" in t else history)
        elif "list" in t or "array" in t:
            args.append([])
        elif p.get("parameter_has_default"):
            args.append(p.get("parameter_default"))
        else:
            args.append(None)
    if not used_q:
        args = [question, *args[1:]]
    return args, {}


def _rss_tree(pid: int) -> dict:
    import psutil

    p = psutil.Process(pid)
    procs = [p, *p.children(recursive=True)]
    rss = sum(x.memory_info().rss for x in procs if x.is_running())
    hwm = None
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                hwm = int(line.split()[1]) * 1024
    except OSError:
        pass
    return {"rss_mb": round(rss / MB, 1), "peak_rss_mb": round(hwm / MB, 1) if hwm else None, "processes": len(procs)}


def _wait_http200(proc: subprocess.Popen, url: str, t0: float, logpath: Path, limit_s: float = 180) -> None:
    import httpx

    while time.perf_counter() < t0 + limit_s:
        if proc.poll() is not None:
            raise RuntimeError(f"serve exited with {proc.returncode}: " + logpath.read_text(errors="replace")[-800:])
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass  # not listening yet
        time.sleep(0.05)
    raise RuntimeError(f"serve did not answer HTTP 200 within {limit_s:.0f} s")


def _ask_web(client, endpoint: str, params: list[dict], n_questions: int) -> tuple[list[float], list[str]]:
    qs = load_questions()
    lat, errors = [], []
    for i in range(n_questions):
        q = qs[i % len(qs)]
        args, kw = _call_args(params, q["question"], q.get("history") or [])
        t = time.perf_counter()
        try:
            client.predict(*args, api_name=endpoint, **kw)
        except Exception as e:  # keep going: RSS is the point here; errors are counted and the first kept
            errors.append(f"{type(e).__name__}: {str(e)[:200]}")
        lat.append((time.perf_counter() - t) * 1000)
    return lat, errors


def bench_serve(tmp: Path, store: Path, n_questions: int, api_name: str | None) -> dict:
    """`chatbot serve` start-up until HTTP 200, then n questions through the web API, then RSS."""
    import importlib.util

    if importlib.util.find_spec("chatbot.web") is None:
        return {"measured": False, "reason": "chatbot.web does not exist"}
    port = free_port()
    cmd = [CHATBOT, "serve", "--port", str(port), "--store", str(store)]
    logf = open(tmp / "serve.log", "w")
    log(f"chatbot serve on port {port}")
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env_for(tmp), stdout=logf, stderr=subprocess.STDOUT)
    res: dict = {"measured": False, "port": port}
    url = f"http://127.0.0.1:{port}/"
    try:
        _wait_http200(proc, url, t0, tmp / "serve.log")
        res["startup_to_http200_s"] = round(time.perf_counter() - t0, 3)
        res["rss_after_start"] = _rss_tree(proc.pid)
        from gradio_client import Client

        client = Client(url, verbose=False)
        endpoint, params = _pick_chat_endpoint(client, api_name)
        res["api_name"] = endpoint
        lat, errors = _ask_web(client, endpoint, params, n_questions)
        res.update(measured=not errors or len(errors) < n_questions, questions=n_questions,
                   errors=len(errors), first_error=errors[0] if errors else None,
                   web_latency_ms=summary(lat), rss_after_questions=_rss_tree(proc.pid))
        return res
    except Exception as e:  # the section reports why it could not measure instead of stopping the run
        res["reason"] = f"{type(e).__name__}: {e}"
        return res
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
        logf.close()

def rows(r: dict) -> list[tuple[str, str, str]]:
    """Table rows of the serve section."""
    rows: list[tuple[str, str, str]] = []
    sv = r.get("serve", {})
    if not sv:
        pass
    elif sv.get("measured"):
        rows += [
            ("serve", "start until HTTP 200", fmt(sv.get("startup_to_http200_s"), "s")),
            ("serve", f"RSS after start / after {sv.get('questions')} questions (peak)",
             f"{fmt(g(sv, 'rss_after_start', 'rss_mb'), 'MB')} / {fmt(g(sv, 'rss_after_questions', 'rss_mb'), 'MB')} ({fmt(g(sv, 'rss_after_questions', 'peak_rss_mb'), 'MB')})"),
            ("serve", f"web API {sv.get('api_name')} p50 / p95", f"{fmt(g(sv, 'web_latency_ms', 'p50'), 'ms')} / {fmt(g(sv, 'web_latency_ms', 'p95'), 'ms')} ({sv.get('errors')} errors)"),
        ]
    else:
        if sv.get("startup_to_http200_s"):
            rows.append(("serve", "start until HTTP 200", fmt(sv.get("startup_to_http200_s"), "s")))
        rows.append(("serve", "RSS after questions", f"not measured: {sv.get('reason')}"))
    return rows
