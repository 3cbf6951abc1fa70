"""Section "startup": `chatbot --help` and a cold `chatbot ask`, the slowest imports."""

from __future__ import annotations

import subprocess
from pathlib import Path

from benchmarks.common import CHATBOT, PY, ROOT, env_for, fmt, g, load_questions, log, timed_runs


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


def rows(r: dict) -> list[tuple[str, str, str]]:
    """Table rows of the start-up section."""
    rows: list[tuple[str, str, str]] = []
    st = r.get("startup", {})
    rows += [] if not st else [
        ("start-up", "chatbot --help (median of runs)", fmt(g(st, "help", "median_s"), "s") if "median_s" in st.get("help", {}) else str(g(st, "help", "error"))),
        ("start-up", "chatbot ask (cold process, median)", fmt(g(st, "ask", "median_s"), "s") if "median_s" in st.get("ask", {}) else str(g(st, "ask", "error"))),
    ]
    return rows
