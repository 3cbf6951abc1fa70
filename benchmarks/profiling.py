"""Profiles for missed targets (pyinstrument: `.venv/bin/pip install pyinstrument`; it is
a benchmark tool, not a project dependency). Each profile runs the same worker the
benchmark uses under `python -m pyinstrument` and writes a text report to <out>/profiles/.

    python -m benchmarks.profiling answer  --store DIR [--limit N]   # engine.ask over the questions
    python -m benchmarks.profiling ingest  [--store DIR]             # cold ingest of corpus/
    python -m benchmarks.profiling help                              # `chatbot --help` start-up
    python -m benchmarks.profiling ask --store DIR                   # `chatbot ask` in a cold process
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.common import CACHE_10K, CORPUS, PY, ROOT, env_for, load_questions


def _pyinstrument(args: list[str], out_txt: Path, env: dict, interval: float = 0.001) -> dict:
    out_txt.parent.mkdir(parents=True, exist_ok=True)
    cmd = [PY, "-m", "pyinstrument", "-i", str(interval), "-r", "text", "-o", str(out_txt), *args]
    cp = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    if cp.returncode != 0:
        return {"error": cp.stderr[-1500:]}
    return {"report": str(out_txt), "top": top_frames(out_txt.read_text(errors="replace"))}


def top_frames(text: str, n: int = 12) -> list[str]:
    """The heaviest lines of a pyinstrument text report whose own module is the project's
    or a library (a coarse summary for results.json; read the file for the tree)."""
    rows = []
    for line in text.splitlines():
        m = re.match(r"^[\s│├└─]*([\d.]+)\s+(\S+)\s+(.*)$", line)
        if m:
            try:
                rows.append((float(m.group(1)), f"{m.group(1)} s  {m.group(2)}  {m.group(3).strip()}"))
            except ValueError:
                pass
    seen, out = set(), []
    for _, s in sorted(rows, key=lambda x: -x[0]):
        key = s.split("  ", 1)[1]
        if key not in seen:
            seen.add(key)
            out.append(s)
        if len(out) >= n:
            break
    return out


def profile_answer(store: Path, out: Path, tmp: Path, limit: int = 0) -> dict:
    args = ["-m", "benchmarks.worker", "questions", "--store", str(store), "--no-baselines"]
    if limit:
        args += ["--limit", str(limit)]
    return _pyinstrument(args, out / "profiles" / f"answer-{store.parent.name}-{store.name}.txt", env_for(tmp))


def profile_ingest(store: Path, out: Path, tmp: Path) -> dict:
    return _pyinstrument(["-m", "benchmarks.worker", "ingest", "--store", str(store), str(CORPUS)],
                         out / "profiles" / "ingest-cold.txt", env_for(tmp))


def profile_help(out: Path, tmp: Path) -> dict:
    return _pyinstrument(["-m", "chatbot.cli", "--help"], out / "profiles" / "help.txt", env_for(tmp), 0.0005)


def profile_ask_cold(store: Path, out: Path, tmp: Path, question: str) -> dict:
    return _pyinstrument(["-m", "chatbot.cli", "ask", question, "--store", str(store)],
                         out / "profiles" / "ask-cold.txt", env_for(tmp))


def profile_misses(r: dict, tmp: Path, out: Path) -> dict:
    """Profile what each missed target measures."""
    res = {}
    missed = {t["target"] for t in r.get("targets", []) if t["status"] == "MISS"}
    bundled = tmp / "bundled"
    if any("bundled corpus" in t or "retrieval p50" in t for t in missed):
        res["answer_bundled"] = profile_answer(bundled, out, tmp)
    if any("10,000" in t for t in missed):
        res["answer_10k"] = profile_answer(CACHE_10K / "store", out, tmp, limit=40)
    if any("cold ingest" in t for t in missed):
        res["ingest_cold"] = profile_ingest(tmp / "profile-ingest", out, tmp)
    if any("--help" in t for t in missed):
        res["help"] = profile_help(out, tmp)
    return res


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=["answer", "ingest", "help", "ask"])
    ap.add_argument("--store", type=Path)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--out", type=Path, default=ROOT / "var" / "bench")
    a = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="chatbot-prof-"))
    if a.what == "answer":
        if not a.store:
            ap.error("answer needs --store")
        r = profile_answer(a.store, a.out, tmp, a.limit)
    elif a.what == "ask":
        if not a.store:
            ap.error("ask needs --store")
        r = profile_ask_cold(a.store, a.out, tmp, load_questions()[0]["question"])
    elif a.what == "ingest":
        r = profile_ingest(a.store or tmp / "store", a.out, tmp)
    else:
        r = profile_help(a.out, tmp)
    print(r.get("report") or r.get("error"))
    for line in r.get("top", []):
        print("  " + line)


if __name__ == "__main__":
    main(sys.argv[1:])
