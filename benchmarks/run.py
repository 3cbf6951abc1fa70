"""The benchmark suite, one command:

    .venv/bin/python -m benchmarks.run [--quick] [--out var/bench] [--profile]

Prints a table with PASS/MISS per target and writes <out>/results.json and
<out>/results.md. Heavy measurements run in subprocesses (benchmarks/worker.py,
benchmarks/baseline_langchain.py) so each has a clean peak RSS and cold imports.
The 10,000-chunk index is read from var/bench-cache/10k (built once by
`python -m benchmarks.build_10k`, or here with --build-10k); it is never rebuilt here.
Section "scale" reads a large index (--scale-store, default var/bench-cache/100k/store,
built by `python -m benchmarks.build_index --chunks 100000 --store DIR`).
Each section lives in benchmarks/sections/; the targets in config/benchmark-targets.toml.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import CACHE_10K, CORPUS, QUESTIONS, ROOT, load_average, log, quiet_env, worker
from benchmarks.report import print_report, targets
from benchmarks.sections import baseline, embedding, ingest, questions, scale, serve, startup, web


def _args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="small sizes (100 synthetic chunks, 20 questions, short embedding grid)")
    ap.add_argument("--out", type=Path, default=ROOT / "var" / "bench")
    ap.add_argument("--only", default="", help="comma list of sections: ingest,embedding,questions,10k,scale,serve,web,startup,baseline")
    ap.add_argument("--scale-store", type=Path, default=ROOT / "var" / "bench-cache" / "100k" / "store",
                    help="the large index of section scale (built by `python -m benchmarks.build_index`)")
    ap.add_argument("--build-10k", action="store_true", help="build the 10k index now if it is not cached (~30+ min)")
    ap.add_argument("--serve-questions", type=int, default=100)
    ap.add_argument("--api-name", default=None, help="the web chat's gradio api_name (default: guessed)")
    ap.add_argument("--profile", action="store_true", help="profile the sections whose target was missed (pyinstrument)")
    ap.add_argument("--keep", action="store_true", help="keep the temp folder")
    ap.add_argument("--wait-quiet", type=float, default=0, metavar="MIN",
                    help="first wait up to MIN minutes for the 1-minute load average to fall below 1.0")
    return ap.parse_args(argv)


def _meta(quick: bool) -> dict:
    return {
        "mode": "quick" if quick else "full",
        "started": time.strftime("%Y-%m-%d %H:%M:%S"),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "load_before": [round(x, 2) for x in load_average()],
        "git": subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip(),
        "questions_file": str(QUESTIONS),
        "warnings": [],
    }


def _run_10k(r: dict, tmp: Path, a: argparse.Namespace) -> None:
    if a.build_10k and questions.build_10k_status()["state"] != "cached":
        log("building the 10k index (once; cached in var/bench-cache/10k)")
        from benchmarks.build_10k import build

        build()
    r["cache_10k"] = questions.build_10k_status()
    if r["cache_10k"]["state"] == "cached":
        log("10k index: reusing the cache at " + str(CACHE_10K))
        r["questions_10k"] = questions.bench_questions(tmp, CACHE_10K / "store", a.quick, "the 10k index (cached)")
        r["add_article_10k"] = questions.bench_add_article(tmp)
    else:
        log(f"10k index not available ({r['cache_10k']['state']}); skipped")


def _run_sections(r: dict, tmp: Path, a: argparse.Namespace, want) -> None:
    bundled = tmp / "bundled"
    if want("ingest") or want("questions") or want("serve") or want("web") or want("startup"):
        r["ingest"] = ingest.bench_ingest(tmp, a.quick) if want("ingest") else {
            "cold": worker(["ingest", "--store", str(bundled), str(CORPUS)], tmp)}
    if want("embedding"):
        r["embedding"] = embedding.bench_embedding(tmp, a.quick)
    if want("questions"):
        r["questions_bundled"] = questions.bench_questions(tmp, bundled, a.quick, "the bundled corpus")
    if want("10k"):
        _run_10k(r, tmp, a)
    if want("scale"):
        r["scale"] = scale.bench_scale(tmp, a.scale_store, a.quick, a.serve_questions, a.api_name)
    if want("baseline"):
        r["baseline"] = baseline.bench_baseline(tmp, a.quick, bundled)
        r["ratios"] = baseline.ratios(r)
    if want("serve"):
        r["serve"] = serve.bench_serve(tmp, bundled, 10 if a.quick else a.serve_questions, a.api_name)
    if want("web"):
        try:
            r["web"] = web.bench_web(bundled, tmp, per_session=3 if a.quick else web.PER_SESSION)
        except RuntimeError as e:  # the server did not start: reported in the table, the run goes on
            r["web"] = {"measured": False, "reason": str(e)[:300]}
    if want("startup"):
        r["startup"] = startup.bench_startup(tmp, bundled, a.quick)
    r["targets"] = targets(r)
    if a.profile:
        from benchmarks.profiling import profile_misses

        r["profiles"] = profile_misses(r, tmp, a.out)


def _finish(r: dict, tmp: Path, a: argparse.Namespace, t_all: float) -> None:
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


def main(argv: list[str] | None = None) -> int:
    a = _args(argv)
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
    r: dict = {"meta": _meta(a.quick)}
    t_all = time.perf_counter()
    try:
        if questions.build_10k_status()["state"] == "building":
            r["meta"]["warnings"].append("the 10k index build is running in the background: every timing is taken under load")
        _run_sections(r, tmp, a, want)
    finally:
        _finish(r, tmp, a, t_all)
    md = print_report(r)
    (a.out / "results.md").write_text(md + "\n")
    print(f"\nwrote {a.out / 'results.json'} and {a.out / 'results.md'} ({r['meta']['seconds']} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
