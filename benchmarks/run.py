"""The benchmark suite, one command:

    .venv/bin/python -m benchmarks.run [--quick] [--out var/bench] [--profile]

Prints a table with PASS/MISS per target and writes <out>/results.json and
<out>/results.md. Heavy measurements run in subprocesses (benchmarks/worker.py,
benchmarks/baseline_langchain.py) so each has a clean peak RSS and cold imports.
The 10,000-chunk index is read from var/bench-cache/10k (built once by
`python -m benchmarks.build_10k`, or here with --build-10k); it is never rebuilt here.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import (
    CACHE_10K,
    CHATBOT,
    CORPUS,
    PY,
    QUESTIONS,
    ROOT,
    dir_size,
    load_average,
    load_questions,
    quiet_env,
)

MB = 1024 * 1024


# --- helpers --------------------------------------------------------------------


def log(msg: str) -> None:
    la = load_average()[0]
    print(f"[{time.strftime('%H:%M:%S')} load {la:4.1f}] {msg}", file=sys.stderr, flush=True)


def env_for(tmp: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(quiet_env(tmp))
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), str(ROOT / "src")] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else []))
    return env


def worker(args: list[str], tmp: Path, module: str = "benchmarks.worker", timeout: float = 7200,
           extra_env: dict | None = None) -> dict:
    """Run a measurement in its own process; its last stdout line is JSON."""
    cmd = [PY, "-m", module, *args]
    env = env_for(tmp)
    env.update(extra_env or {})
    t = time.perf_counter()
    cp = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    wall = time.perf_counter() - t
    if cp.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[2:])} failed ({cp.returncode}):\n{cp.stderr[-3000:]}")
    out = json.loads(cp.stdout.strip().splitlines()[-1])
    out["wall_s"] = round(wall, 3)
    return out


def timed_runs(cmd: list[str], tmp: Path, n: int, timeout: float = 600) -> dict:
    times = []
    rc = None
    for _ in range(n):
        t = time.perf_counter()
        cp = subprocess.run(cmd, cwd=ROOT, env=env_for(tmp), capture_output=True, text=True, timeout=timeout)
        times.append(time.perf_counter() - t)
        rc = cp.returncode
        if rc != 0:
            return {"error": f"exit {rc}: {cp.stderr.strip()[-500:]}", "runs_s": [round(x, 3) for x in times]}
    return {"runs_s": [round(x, 3) for x in times], "median_s": round(statistics.median(times), 3),
            "min_s": round(min(times), 3)}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_10k_status() -> dict:
    from benchmarks.build_10k import is_complete, paths

    info = is_complete()
    if info:
        return {"state": "cached", "path": str(CACHE_10K), **info}
    logf = CACHE_10K.parent / "10k.log"
    last = ""
    if logf.exists():
        lines = [x for x in logf.read_text(errors="replace").splitlines() if x.strip()]
        last = lines[-1] if lines else ""
    state = "missing"
    try:
        import psutil

        for p in psutil.process_iter(["cmdline", "status"]):
            if p.pid != os.getpid() and "benchmarks.build_10k" in " ".join(p.info["cmdline"] or []):
                state = "paused (process stopped)" if p.info["status"] == psutil.STATUS_STOPPED else "building"
    except Exception:
        pass
    return {"state": state, "path": str(paths()["store"]), "last_log": last}


# --- sections -------------------------------------------------------------------


def bench_ingest(tmp: Path, quick: bool) -> dict:
    from benchmarks import synth

    res: dict = {}
    store = tmp / "bundled"
    log("cold ingest of corpus/ into a fresh store")
    res["cold"] = worker(["ingest", "--store", str(store), str(CORPUS)], tmp)
    log("warm re-ingest (unchanged corpus)")
    res["warm"] = worker(["ingest", "--store", str(store), str(CORPUS)], tmp)
    res["warm"]["ok_zero_embedded"] = res["warm"]["chunks_embedded"] == 0
    log("warm re-ingest through the CLI: chatbot ingest --store DIR corpus/")
    res["warm_cli"] = timed_runs([CHATBOT, "ingest", "--store", str(store), str(CORPUS)], tmp, 1 if quick else 3)
    n = 100 if quick else 1000
    docs = tmp / "synth-docs"
    files = synth.write_corpus(docs, n, per_doc=100, prefix="synth", seed=1000)
    log(f"synthetic corpus: {n} chunks in {len(files)} documents")
    r = worker(["ingest", "--store", str(tmp / "synth-store"), str(docs)], tmp)
    r["chunks_per_s_embed"] = round(r["chunks_embedded"] / r["embed_documents_s"], 2) if r["embed_documents_s"] else None
    r["chunks_per_s_total"] = round(r["chunks_embedded"] / r["seconds"], 2) if r["seconds"] else None
    r["index_mb"] = round(r["store_bytes"] / MB, 2)
    r["documents"] = len(files)
    res["synthetic"] = r
    shutil.rmtree(tmp / "synth-store", ignore_errors=True)
    return res


def bench_embedding(tmp: Path, quick: bool) -> dict:
    """Passages: one at a time vs batches, threads 1 and 2 (each in its own process, the
    thread count is fixed when the native engine loads). Queries: embed_query latency for
    threads 1 / 2 with libgomp's default wait policy and with OMP_WAIT_POLICY=PASSIVE
    (with other CPU load, 2 spinning threads stall at every barrier of a one-text call)."""
    batches = "1,8,8s" if quick else "1,4,8,16,32,8s"
    n = 16 if quick else 64
    nq = 20 if quick else 86
    rows, queries, rounds = [], [], []
    mean_chars = None
    for policy in ("default", "PASSIVE"):
        for threads in (1, 2):
            b = batches if policy == "default" else "8"
            log(f"embedding micro-benchmark: threads={threads}, OMP_WAIT_POLICY={policy}, batches {b}, {n} passages")
            extra_env = {"OMP_WAIT_POLICY": policy} if policy != "default" else {}
            r = worker(["embed", "--threads", str(threads), "--batches", b, "--n", str(n),
                        "--rounds", "1" if quick else "2", "--queries", str(nq)], tmp, extra_env=extra_env)
            mean_chars = r["mean_chars"]
            rows += r["rows"]
            if policy == "default":
                rounds += [{**x, "threads": threads} for x in r.get("all_rounds", [])]
            queries.append({"threads": threads, "omp_wait_policy": policy, **(r["query_ms"] or {})})
    grid = [x for x in rows if x["omp_wait_policy"] == "default"]
    best = min(grid, key=lambda x: x["seconds"])
    default = next((x for x in grid if x["threads"] == 2 and x["variant"] == "8"), None)
    gain = (default["seconds"] / best["seconds"] - 1) if default else None
    if default and best is not default and best["threads"] == default["threads"]:
        # a batch size must win in every round against the default measured beside it in the
        # same process, not just in its luckiest round: the smallest per-round gain counts
        per_round = {}
        for x in rounds:
            if x["threads"] == best["threads"] and x["variant"] in (best["variant"], "8"):
                per_round.setdefault(x["round"], {})[x["variant"]] = x["seconds"]
        ratios = [r["8"] / r[best["variant"]] - 1 for r in per_round.values() if len(r) == 2]
        gain = min(ratios) if ratios else gain
    rec = "passages: keep the default (batch_size=8, threads=2)"
    if gain is not None and gain <= 0.10 and default and best is not default:
        rec += f" (the fastest, {best['variant']}/{best['threads']} threads, gains {gain:.0%} in its worst round: noise)"
    if default and best is not default and gain and gain > 0.10:  # below 10%: run-to-run noise
        rec = (f"passages: batch_size={best['batch_size']}, threads={best['threads']}"
               + (" and sort by length before batching" if best["sorted_by_length"] else "")
               + f" is {gain:.0%} faster than the default (8, 2)")
    qbest = min(queries, key=lambda x: x.get("p95", float("inf")))
    qdef = next((x for x in queries if x["threads"] == 2 and x["omp_wait_policy"] == "default"), {})
    if qbest is qdef or not qdef:
        rec += f"; queries: the default (threads=2) is fastest here, p50/p95 {qdef.get('p50')}/{qdef.get('p95')} ms"
    else:
        rec += (f"; queries: threads={qbest['threads']} OMP_WAIT_POLICY={qbest['omp_wait_policy']} "
                f"p50/p95 {qbest.get('p50')}/{qbest.get('p95')} ms vs default {qdef.get('p50')}/{qdef.get('p95')} ms")
    return {"n": n, "mean_chars": mean_chars, "rows": rows, "queries": queries, "rounds": rounds,
            "best": best, "default": default, "best_query": qbest, "gain_worst_round": gain, "recommendation": rec}


def bench_questions(tmp: Path, store: Path, quick: bool, label: str) -> dict:
    args = ["questions", "--store", str(store)]
    if quick:
        args += ["--limit", "20"]
    log(f"questions on {label} ({store})")
    return worker(args, tmp)


def bench_add_article(tmp: Path) -> dict:
    """A user adds one article to the 10k index (on a copy of the cache): how much of the
    time is embedding its few chunks, and how much is rebuilding the keyword index."""
    from benchmarks.common import EXTRA

    files = sorted(EXTRA.glob("*.md")) if EXTRA.is_dir() else []
    if not files:
        return {"measured": False, "reason": f"no article in {EXTRA}"}
    copy = tmp / "10k-copy"
    shutil.copytree(CACHE_10K / "store", copy)
    log(f"adding one article ({files[0].name}) to a copy of the 10k index")
    r = worker(["ingest", "--store", str(copy), str(files[0])], tmp)
    shutil.rmtree(copy, ignore_errors=True)
    r["article"] = files[0].name
    r["overhead_s"] = round(r["seconds"] - r["embed_documents_s"] - r["keyword_rebuild_s"] - r["model_load_s"], 3)
    return r


def bench_baseline(tmp: Path, quick: bool, ours_store: Path | None = None) -> dict:
    log("plain LangChain baseline (own temp store)" + (", paired with ours in one process" if ours_store else ""))
    args = ["--store", str(tmp / "baseline")]
    if ours_store is not None and (ours_store / "manifest.json").exists():
        args += ["--ours-store", str(ours_store)]
    if quick:
        args += ["--limit", "20"]
    return worker(args, tmp, module="benchmarks.baseline_langchain")


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
        args = [question] + args[1:]
    return args, {}


def _rss_tree(pid: int) -> dict:
    import psutil

    p = psutil.Process(pid)
    procs = [p] + p.children(recursive=True)
    rss = sum(x.memory_info().rss for x in procs if x.is_running())
    hwm = None
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                hwm = int(line.split()[1]) * 1024
    except OSError:
        pass
    return {"rss_mb": round(rss / MB, 1), "peak_rss_mb": round(hwm / MB, 1) if hwm else None, "processes": len(procs)}


def bench_serve(tmp: Path, store: Path, n_questions: int, api_name: str | None) -> dict:
    """`chatbot serve` start-up until HTTP 200, then n questions through the web API, then RSS."""
    import httpx

    if not (ROOT / "src" / "chatbot" / "web").is_dir():
        return {"measured": False, "reason": "src/chatbot/web/ does not exist yet"}
    port = free_port()
    cmd = [CHATBOT, "serve", "--port", str(port), "--store", str(store)]
    logf = open(tmp / "serve.log", "w")
    log(f"chatbot serve on port {port}")
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env_for(tmp), stdout=logf, stderr=subprocess.STDOUT)
    res: dict = {"measured": False, "port": port}
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = t0 + 180
        while time.perf_counter() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(f"serve exited with {proc.returncode}: "
                                   + (tmp / "serve.log").read_text(errors="replace")[-800:])
            try:
                if httpx.get(url, timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.05)
        else:
            raise RuntimeError("serve did not answer HTTP 200 within 180 s")
        res["startup_to_http200_s"] = round(time.perf_counter() - t0, 3)
        res["rss_after_start"] = _rss_tree(proc.pid)
        try:
            from gradio_client import Client
        except ImportError:
            res["reason"] = "gradio_client is not installed"
            return res
        client = Client(url, verbose=False)
        endpoint, params = _pick_chat_endpoint(client, api_name)
        res["api_name"] = endpoint
        qs = load_questions()
        lat, errors = [], []
        for i in range(n_questions):
            q = qs[i % len(qs)]
            args, kw = _call_args(params, q["question"], q.get("history") or [])
            t = time.perf_counter()
            try:
                client.predict(*args, api_name=endpoint, **kw)
            except Exception as e:  # keep going: RSS is the point here
                errors.append(f"{type(e).__name__}: {str(e)[:200]}")
            lat.append((time.perf_counter() - t) * 1000)
        from benchmarks.common import summary

        res.update(measured=not errors or len(errors) < n_questions, questions=n_questions,
                   errors=len(errors), first_error=errors[0] if errors else None,
                   web_latency_ms=summary(lat), rss_after_questions=_rss_tree(proc.pid))
        return res
    except Exception as e:
        res["reason"] = f"{type(e).__name__}: {e}"
        return res
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
        logf.close()


def bench_startup(tmp: Path, store: Path, quick: bool) -> dict:
    log("start-up: chatbot --help")
    res = {"help": timed_runs([CHATBOT, "--help"], tmp, 3 if quick else 7)}
    q = load_questions()[0]["question"]
    log("start-up: chatbot ask in a cold process")
    res["ask"] = timed_runs([CHATBOT, "ask", q, "--store", str(store)], tmp, 1 if quick else 3)
    # which heavy modules does `chatbot --help` import?
    cp = subprocess.run([PY, "-X", "importtime", "-c", "from chatbot.cli import app; import sys; sys.argv=['chatbot','--help']\ntry:\n app()\nexcept SystemExit: pass"],
                        cwd=ROOT, env=env_for(tmp), capture_output=True, text=True)
    rows = []
    for line in cp.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            parts = line[len("import time:"):].split("|")
            try:
                rows.append((int(parts[1].strip()), parts[2][1:].rstrip()))
            except ValueError:
                pass
    # cumulative import time of the modules imported at depth <= 2 (the name's indent is 2 per level)
    shallow = [(us, n) for us, n in rows if len(n) - len(n.lstrip()) <= 4]
    res["help_imports_ms"] = {n.strip(): round(us / 1000, 1) for us, n in sorted(shallow, reverse=True)[:10]}
    return res


# --- targets and the table ----------------------------------------------------------


def g(d: dict, *keys, default=None):
    for k in keys:
        if not isinstance(d, dict) or k not in d:
            return default
        d = d[k]
    return d


def targets(r: dict) -> list[dict]:
    out = []

    def add(name, value, limit, unit, better="lower", note=""):
        if value is None:
            status = "n/a"
        else:
            status = "PASS" if (value <= limit if better == "lower" else value > limit) else "MISS"
        out.append({"target": name, "value": value, "limit": limit, "unit": unit, "status": status, "note": note})

    q = r.get("questions_bundled", {})
    add("extractive answer p50 (bundled corpus)", g(q, "answer_ms", "p50"), 100, "ms")
    add("extractive answer p95 (bundled corpus)", g(q, "answer_ms", "p95"), 250, "ms")
    q10 = r.get("questions_10k") or {}
    add("extractive answer p50 (10,000 chunks)", g(q10, "answer_ms", "p50"), 150, "ms",
        note="" if q10.get("answer_ms") or "cache_10k" not in r else f"10k index {g(r, 'cache_10k', 'state')}")
    add("cold ingest of corpus/ (whole process)", g(r, "ingest", "cold", "wall_s"), 20, "s")
    warm = g(r, "ingest", "warm_cli", "median_s")
    add("re-ingest unchanged corpus (`chatbot ingest`, median)", warm if warm is not None else g(r, "ingest", "warm", "wall_s"),
        2, "s", note="embedded chunks again!" if g(r, "ingest", "warm", "ok_zero_embedded") is False else "")
    add("`chatbot --help` (median)", g(r, "startup", "help", "median_s"), 0.5, "s")
    s = r.get("serve", {})
    rss = g(s, "rss_after_questions", "peak_rss_mb")
    add(f"`chatbot serve` peak RSS after {g(s, 'questions', default=0)} questions", rss, 1024, "MB",
        note="" if rss is not None else g(s, "reason", default=""))
    b = r.get("baseline", {})
    ours_rec = g(q, "recall@5", "hybrid")
    base_rec = b.get("recall@5")
    add("hybrid recall@5 > baseline recall@5", ours_rec if base_rec is not None else None,
        base_rec, "", better="higher")
    pair = b.get("paired") if b else None
    if pair:
        add("hybrid retrieval p50 <= baseline search p50", g(pair, "ours_retrieve_ms", "p50"),
            g(pair, "baseline_search_ms", "p50"), "ms", note="paired in one process, alternating")
    else:
        add("hybrid retrieval p50 <= baseline search p50", g(q, "retrieve_ms", "p50") if b else None,
            g(b, "latency_ms", "p50"), "ms", note="separate processes")
    return out


def _fmt(v, unit=""):
    if v is None:
        return "-"
    if isinstance(v, float):
        v = f"{v:.3g}" if abs(v) < 10 else f"{v:,.0f}" if abs(v) >= 1000 else f"{v:.1f}"
    return f"{v} {unit}".strip()


def rows_for_table(r: dict) -> list[tuple[str, str, str]]:
    """(section, metric, value) rows."""
    rows: list[tuple[str, str, str]] = []
    i = r.get("ingest", {})
    c, w, s = i.get("cold", {}), i.get("warm", {}), i.get("synthetic", {})
    rows += [] if not w else [
        ("ingest", "cold: whole process / ingest()", f"{_fmt(c.get('wall_s'), 's')} / {_fmt(c.get('seconds'), 's')}"),
        ("ingest", "cold: model load / embedding / keyword index", f"{_fmt(c.get('model_load_s'), 's')} / {_fmt(c.get('embed_documents_s'), 's')} ({c.get('chunks_embedded')} chunks) / {_fmt(c.get('keyword_rebuild_s'), 's')} ({c.get('keyword_rebuilds')} rebuilds)"),
        ("ingest", "cold: index size / peak RSS", f"{_fmt((c.get('store_bytes') or 0) / MB, 'MB')} / {_fmt(c.get('peak_rss_mb'), 'MB')}"),
        ("ingest", "warm re-ingest: whole process / ingest()", f"{_fmt(w.get('wall_s'), 's')} / {_fmt(w.get('seconds'), 's')} ({w.get('chunks_embedded')} embedded)"),
        ("ingest", "warm re-ingest: `chatbot ingest` (median)", _fmt(g(i, "warm_cli", "median_s"), "s")),
        ("ingest", f"synthetic {s.get('chunks_embedded')} chunks in {s.get('documents')} docs: chunks/s (embedding only / whole ingest)", f"{_fmt(s.get('chunks_per_s_embed'))} / {_fmt(s.get('chunks_per_s_total'))} (keyword rebuilds {_fmt(s.get('keyword_rebuild_s'), 's')})"),
        ("ingest", "synthetic: wall / index size / peak RSS", f"{_fmt(s.get('seconds'), 's')} / {_fmt(s.get('index_mb'), 'MB')} / {_fmt(s.get('peak_rss_mb'), 'MB')}"),
    ]
    e = r.get("embedding", {})
    if e:
        rows.append(("embedding", f"{e.get('n')} real passages, mean {e.get('mean_chars')} chars", "ms per passage"))
    for row in sorted(e.get("rows", []), key=lambda x: (x.get("omp_wait_policy") != "default", x["threads"],
                                                         x["batch_size"], x["sorted_by_length"])):
        tag = " <- fastest" if row == e.get("best") else ""
        pol = "" if row.get("omp_wait_policy", "default") == "default" else f" OMP_WAIT_POLICY={row['omp_wait_policy']}"
        rows.append(("embedding", f"passages threads={row['threads']} batch={row['variant']}{pol}",
                     f"{row['ms_per_passage']} ms ({row['passages_per_s']}/s){tag}"))
    for qr in e.get("queries", []):
        rows.append(("embedding", f"embed_query threads={qr['threads']} OMP_WAIT_POLICY={qr['omp_wait_policy']}",
                     f"p50 {_fmt(qr.get('p50'), 'ms')} / p95 {_fmt(qr.get('p95'), 'ms')}"))
    if e:
        rows.append(("embedding", "recommendation", e.get("recommendation", "")))
    for key, label in (("questions_bundled", "bundled"), ("questions_10k", "10k chunks")):
        q = r.get(key)
        if not q or "answer_ms" not in q:
            continue
        rows += [
            (f"questions ({label})", f"index chunks / questions", f"{q.get('store_chunks')} / {q.get('questions')}"),
            (f"questions ({label})", "retrieval p50 / p95", f"{_fmt(g(q, 'retrieve_ms', 'p50'), 'ms')} / {_fmt(g(q, 'retrieve_ms', 'p95'), 'ms')}"),
            (f"questions ({label})", "extractive answer p50 / p95", f"{_fmt(g(q, 'answer_ms', 'p50'), 'ms')} / {_fmt(g(q, 'answer_ms', 'p95'), 'ms')}"),
            (f"questions ({label})", "p50 parts: embed_query / dense / keyword / answer",
             " / ".join(_fmt(g(q, "parts_ms", k, "p50"), "ms") for k in
                        ("retrieve.embed_query", "retrieve.dense", "retrieve.keyword", "ask.answer"))),
            (f"questions ({label})", "recall@5 hybrid / dense / keyword",
             " / ".join(_fmt(g(q, "recall@5", m)) for m in ("hybrid", "dense", "keyword"))),
            (f"questions ({label})", "hit@5 hybrid / dense / keyword",
             " / ".join(_fmt(g(q, "hit@5", m)) for m in ("hybrid", "dense", "keyword"))),
            (f"questions ({label})", "answer fact accuracy / expected facts inside a top-5 passage",
             f"{_fmt(q.get('fact_accuracy'))} / {_fmt(q.get('facts_in_top5'))} ({q.get('answerable_with_facts')} questions)"),
            (f"questions ({label})", "refusal accuracy (questions to refuse)", _fmt(q.get("refusal_accuracy"))),
        ]
        if key == "questions_10k":
            rows.append((f"questions ({label})", "note",
                         "the synthetic passages recombine the corpus's own sentences, so they repeat its facts: "
                         "recall against the original document drops by construction; the fact rows are the measure"))
    cache = r.get("cache_10k")
    if cache:
        rows.append(("questions (10k chunks)", "10k index", f"{cache.get('state')}: {cache.get('path')}"
                 + (f" ({cache.get('last_log')})" if cache.get("last_log") else "")))
    ad = r.get("add_article_10k")
    if ad and "seconds" in ad:
        rows.append(("questions (10k chunks)", f"add 1 article ({ad.get('chunks_embedded')} chunks) to the 10k index",
                     f"{_fmt(ad.get('seconds'), 's')}: embedding {_fmt(ad.get('embed_documents_s'), 's')}, keyword "
                     f"rebuild {_fmt(ad.get('keyword_rebuild_s'), 's')}, model load {_fmt(ad.get('model_load_s'), 's')}, "
                     f"rest {_fmt(ad.get('overhead_s'), 's')}"))
    sv = r.get("serve", {})
    if not sv:
        pass
    elif sv.get("measured"):
        rows += [
            ("serve", "start until HTTP 200", _fmt(sv.get("startup_to_http200_s"), "s")),
            ("serve", f"RSS after start / after {sv.get('questions')} questions (peak)",
             f"{_fmt(g(sv, 'rss_after_start', 'rss_mb'), 'MB')} / {_fmt(g(sv, 'rss_after_questions', 'rss_mb'), 'MB')} ({_fmt(g(sv, 'rss_after_questions', 'peak_rss_mb'), 'MB')})"),
            ("serve", f"web API {sv.get('api_name')} p50 / p95", f"{_fmt(g(sv, 'web_latency_ms', 'p50'), 'ms')} / {_fmt(g(sv, 'web_latency_ms', 'p95'), 'ms')} ({sv.get('errors')} errors)"),
        ]
    else:
        if sv.get("startup_to_http200_s"):
            rows.append(("serve", "start until HTTP 200", _fmt(sv.get("startup_to_http200_s"), "s")))
        rows.append(("serve", "RSS after questions", f"not measured: {sv.get('reason')}"))
    st = r.get("startup", {})
    rows += [] if not st else [
        ("start-up", "chatbot --help (median of runs)", _fmt(g(st, "help", "median_s"), "s") if "median_s" in st.get("help", {}) else str(g(st, "help", "error"))),
        ("start-up", "chatbot ask (cold process, median)", _fmt(g(st, "ask", "median_s"), "s") if "median_s" in st.get("ask", {}) else str(g(st, "ask", "error"))),
    ]
    b, q = r.get("baseline", {}), r.get("questions_bundled", {})
    if b:
        rows += [
            ("baseline", "LangChain chunks (size 500) / index time", f"{b.get('chunks')} / {_fmt(b.get('index_s'), 's')}"),
            ("baseline", "similarity_search top-4 p50 / p95", f"{_fmt(g(b, 'latency_ms', 'p50'), 'ms')} / {_fmt(g(b, 'latency_ms', 'p95'), 'ms')}"),
            ("baseline", "recall@4 / recall@5 (hit@4 / hit@5)", f"{_fmt(b.get('recall@4'))} / {_fmt(b.get('recall@5'))} ({_fmt(b.get('hit@4'))} / {_fmt(b.get('hit@5'))})"),
        ]
        pr = b.get("paired")
        if pr:
            rows += [
                ("baseline", f"paired, one process ({pr['rounds']} rounds): baseline search / our retrieval / our answer p50",
                 f"{_fmt(g(pr, 'baseline_search_ms', 'p50'), 'ms')} / {_fmt(g(pr, 'ours_retrieve_ms', 'p50'), 'ms')} / {_fmt(g(pr, 'ours_answer_ms', 'p50'), 'ms')}"),
                ("baseline", "paired p95: baseline search / our retrieval / our answer",
                 f"{_fmt(g(pr, 'baseline_search_ms', 'p95'), 'ms')} / {_fmt(g(pr, 'ours_retrieve_ms', 'p95'), 'ms')} / {_fmt(g(pr, 'ours_answer_ms', 'p95'), 'ms')}"),
            ]
        ra = r.get("ratios", {})
        rows += [
            ("ours / baseline", "recall@5 (hybrid / baseline)", _fmt(ra.get("recall@5"), "x")),
            ("ours / baseline", "retrieval p50 (hybrid / similarity_search): paired / separate runs",
             f"{_fmt(ra.get('paired_retrieve_p50'), 'x')} / {_fmt(ra.get('retrieve_p50'), 'x')}"),
            ("ours / baseline", "whole extractive answer p50 / baseline search p50: paired / separate runs",
             f"{_fmt(ra.get('paired_answer_p50'), 'x')} / {_fmt(ra.get('answer_p50'), 'x')}"),
        ]
    return rows


def ratios(r: dict) -> dict:
    b, q = r.get("baseline", {}), r.get("questions_bundled", {})

    def div(a, c):
        return round(a / c, 3) if a is not None and c else None

    pair = b.get("paired") or {}
    return {
        "paired_retrieve_p50": pair.get("retrieve_p50_ratio"),
        "paired_answer_p50": pair.get("answer_p50_ratio"),
        "recall@5": div(g(q, "recall@5", "hybrid"), b.get("recall@5")),
        "retrieve_p50": div(g(q, "retrieve_ms", "p50"), g(b, "latency_ms", "p50")),
        "retrieve_p95": div(g(q, "retrieve_ms", "p95"), g(b, "latency_ms", "p95")),
        "answer_p50": div(g(q, "answer_ms", "p50"), g(b, "latency_ms", "p50")),
    }


def print_report(r: dict) -> str:
    rows = rows_for_table(r)
    tg = r.get("targets", [])
    md = ["| section | metric | value |", "|---|---|---|"] + [f"| {a} | {b} | {c} |" for a, b, c in rows]
    md += ["", "| target | value | limit | status | note |", "|---|---|---|---|---|"]
    md += [f"| {t['target']} | {_fmt(t['value'], t['unit'])} | {t['limit']} {t['unit']} | {t['status']} | {t['note']} |" for t in tg]
    try:
        from rich.console import Console
        from rich.table import Table

        con = Console(width=140)
        t = Table(title=f"benchmarks ({r['meta']['mode']}, load {r['meta']['load_before'][0]:.1f} before / {r['meta']['load_after'][0]:.1f} after)")
        for col in ("section", "metric", "value"):
            t.add_column(col)
        last = None
        for a, b, c in rows:
            t.add_row(a if a != last else "", b, c)
            last = a
        con.print(t)
        t2 = Table(title="targets (reported, not asserted)")
        for col in ("target", "value", "limit", "status", "note"):
            t2.add_column(col)
        for x in tg:
            color = {"PASS": "green", "MISS": "red"}.get(x["status"], "yellow")
            t2.add_row(x["target"], _fmt(x["value"], x["unit"]), f"{x['limit']} {x['unit']}",
                       f"[{color}]{x['status']}[/{color}]", x["note"])
        con.print(t2)
    except ImportError:
        print("\n".join(md))
    for w in r["meta"].get("warnings", []):
        print(f"warning: {w}")
    return "\n".join(md)


# --- main -------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="small sizes (100 synthetic chunks, 20 questions, short embedding grid)")
    ap.add_argument("--out", type=Path, default=ROOT / "var" / "bench")
    ap.add_argument("--only", default="", help="comma list of sections: ingest,embedding,questions,10k,serve,startup,baseline")
    ap.add_argument("--build-10k", action="store_true", help="build the 10k index now if it is not cached (~30+ min)")
    ap.add_argument("--serve-questions", type=int, default=100)
    ap.add_argument("--api-name", default=None, help="the web chat's gradio api_name (default: guessed)")
    ap.add_argument("--profile", action="store_true", help="profile the sections whose target was missed (pyinstrument)")
    ap.add_argument("--keep", action="store_true", help="keep the temp folder")
    ap.add_argument("--wait-quiet", type=float, default=0, metavar="MIN",
                    help="first wait up to MIN minutes for the 1-minute load average to fall below 1.0")
    a = ap.parse_args(argv)
    only = {x.strip() for x in a.only.split(",") if x.strip()}

    def want(name: str) -> bool:
        return not only or name in only

    if a.wait_quiet:
        deadline = time.time() + 60 * a.wait_quiet
        while load_average()[0] >= 1.0 and time.time() < deadline:
            log("waiting for a quiet machine")
            time.sleep(20)
    tmp = Path(tempfile.mkdtemp(prefix="chatbot-bench-"))
    os.environ.update(quiet_env(tmp))
    r: dict = {"meta": {
        "mode": "quick" if a.quick else "full",
        "started": time.strftime("%Y-%m-%d %H:%M:%S"),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "load_before": [round(x, 2) for x in load_average()],
        "git": subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip(),
        "questions_file": str(QUESTIONS),
        "warnings": [],
    }}
    t_all = time.perf_counter()
    try:
        st = build_10k_status()
        if st["state"] == "building":
            r["meta"]["warnings"].append("the 10k index build is running in the background: every timing is taken under load")
        bundled = tmp / "bundled"
        if want("ingest") or want("questions") or want("serve") or want("startup"):
            r["ingest"] = bench_ingest(tmp, a.quick) if want("ingest") else {
                "cold": worker(["ingest", "--store", str(bundled), str(CORPUS)], tmp)}
        if want("embedding"):
            r["embedding"] = bench_embedding(tmp, a.quick)
        if want("questions"):
            r["questions_bundled"] = bench_questions(tmp, bundled, a.quick, "the bundled corpus")
        if want("10k"):
            if a.build_10k and build_10k_status()["state"] != "cached":
                log("building the 10k index (once; cached in var/bench-cache/10k)")
                from benchmarks.build_10k import build

                build()
            r["cache_10k"] = build_10k_status()
            if r["cache_10k"]["state"] == "cached":
                log("10k index: reusing the cache at " + str(CACHE_10K))
                r["questions_10k"] = bench_questions(tmp, CACHE_10K / "store", a.quick, "the 10k index (cached)")
                r["add_article_10k"] = bench_add_article(tmp)
            else:
                log(f"10k index not available ({r['cache_10k']['state']}); skipped")
        if want("baseline"):
            r["baseline"] = bench_baseline(tmp, a.quick, bundled)
            r["ratios"] = ratios(r)
        if want("serve"):
            r["serve"] = bench_serve(tmp, bundled, 10 if a.quick else a.serve_questions, a.api_name)
        if want("startup"):
            r["startup"] = bench_startup(tmp, bundled, a.quick)
        r["targets"] = targets(r)
        if a.profile:
            from benchmarks.profiling import profile_misses

            r["profiles"] = profile_misses(r, tmp, a.out)
    finally:
        r["meta"]["load_after"] = [round(x, 2) for x in load_average()]
        r["meta"]["seconds"] = round(time.perf_counter() - t_all, 1)
        if max(r["meta"]["load_before"][0], r["meta"]["load_after"][0]) > 1.5:
            r["meta"]["warnings"].append(
                f"load average {r['meta']['load_before'][0]} before / {r['meta']['load_after'][0]} after on "
                f"{os.cpu_count()} cores: timings were taken under load")
        a.out.mkdir(parents=True, exist_ok=True)
        (a.out / "results.json").write_text(json.dumps(r, ensure_ascii=False, indent=1))
        if not a.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    md = print_report(r)
    (a.out / "results.md").write_text(md + "\n")
    print(f"\nwrote {a.out / 'results.json'} and {a.out / 'results.md'} ({r['meta']['seconds']} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
