"""Shared helpers of the benchmarks: paths, the quiet environment for subprocesses,
running a measurement in its own process, summaries (the percentile is
`chatbot.evaluation.metrics.percentile`), RSS, the question set and the targets
(config/benchmark-targets.toml)."""

from __future__ import annotations

import json
import os
import socket
import statistics
import subprocess
import sys
import time
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = ROOT / ".venv" / "bin"
PY = str(VENV_BIN / "python") if (VENV_BIN / "python").exists() else sys.executable
# the console script beside the interpreter when the project has no .venv of its own (a worktree)
CHATBOT = str(VENV_BIN / "chatbot") if (VENV_BIN / "chatbot").exists() else str(Path(sys.executable).parent / "chatbot")
CORPUS = ROOT / "corpus"
EXTRA = ROOT / "tests" / "data" / "corpus-extra"  # a copy of ../shared/corpus-extra
QUESTIONS = ROOT / "tests" / "questions.jsonl"
CACHE_10K = ROOT / "var" / "bench-cache" / "10k"
TARGETS_FILE = ROOT / "config" / "benchmark-targets.toml"
MB = 1024 * 1024

for p in (str(ROOT), str(ROOT / "src")):
    if p not in sys.path:
        sys.path.insert(0, p)


# --- environment and subprocesses -------------------------------------------------------


def quiet_env(tmp: Path | None = None) -> dict[str, str]:
    """Offline, no telemetry, caches in a temp folder: applied to this process and to
    the subprocesses the benchmark starts."""
    env = {
        "HF_HUB_OFFLINE": "1",
        "ORT_DISABLE_TELEMETRY": "1",
        "ANONYMIZED_TELEMETRY": "False",
        "GRADIO_ANALYTICS_ENABLED": "False",
        "TOKENIZERS_PARALLELISM": "false",
        "CHATBOT_ANSWER__BACKEND": "extractive",
    }
    if tmp is not None:
        env["XDG_CACHE_HOME"] = str(tmp / "cache")
        env["GRADIO_TEMP_DIR"] = str(tmp / "gradio")
    return env


def apply_env(tmp: Path | None = None) -> None:
    """The quiet environment for this process (values already set win)."""
    for k, v in quiet_env(tmp).items():
        os.environ.setdefault(k, v)


def env_for(tmp: Path) -> dict[str, str]:
    """The environment of a measurement subprocess: ours, quiet, with the project importable."""
    env = dict(os.environ)
    env.update(quiet_env(tmp))
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), str(ROOT / "src")] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else []))
    return env


def log(msg: str) -> None:
    """A progress line on stderr with the time and the load average."""
    la = load_average()[0]
    print(f"[{time.strftime('%H:%M:%S')} load {la:4.1f}] {msg}", file=sys.stderr, flush=True)


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
    """Run a command n times; wall times, median and minimum (or the first error)."""
    times = []
    for _ in range(n):
        t = time.perf_counter()
        cp = subprocess.run(cmd, cwd=ROOT, env=env_for(tmp), capture_output=True, text=True, timeout=timeout)
        times.append(time.perf_counter() - t)
        if cp.returncode != 0:
            return {"error": f"exit {cp.returncode}: {cp.stderr.strip()[-500:]}", "runs_s": [round(x, 3) for x in times]}
    return {"runs_s": [round(x, 3) for x in times], "median_s": round(statistics.median(times), 3),
            "min_s": round(min(times), 3)}


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- figures ------------------------------------------------------------------------------


def summary(values: list[float]) -> dict[str, Any]:
    """n, p50, p95, mean and max (rounded to 0.01); None for no values."""
    from chatbot.evaluation.metrics import percentile

    def r2(v: float | None) -> float | None:
        return None if v is None else round(v, 2)

    return {
        "n": len(values),
        "p50": r2(percentile(values, 50)),
        "p95": r2(percentile(values, 95)),
        "mean": r2(statistics.fmean(values)) if values else None,
        "max": r2(max(values)) if values else None,
    }


def dir_size(path: Path) -> int:
    """Bytes of all files under a folder."""
    return sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file())


def peak_rss_self_mb() -> float:
    """This process's peak RSS in MB."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def load_average() -> tuple[float, float, float]:
    """The 1/5/15-minute load averages (NaN where unavailable)."""
    try:
        return os.getloadavg()
    except OSError:
        return (float("nan"),) * 3


def load_questions(path: Path = QUESTIONS) -> list[dict]:
    """The question set as dicts, read by the project's one loader."""
    from chatbot.evaluation.questions import question_dicts

    return question_dicts(path)


def load_targets(path: Path = TARGETS_FILE) -> dict[str, float]:
    """The speed and size targets (limits) of the benchmark run."""
    with open(path, "rb") as f:
        return tomllib.load(f)["targets"]


# --- the results table ----------------------------------------------------------------------


def g(d: dict, *keys, default=None):
    """d[k1][k2]... or `default` when a key is missing."""
    for k in keys:
        if not isinstance(d, dict) or k not in d:
            return default
        d = d[k]
    return d


def fmt(v, unit: str = "") -> str:
    """A figure for the results table: 3 significant digits below 10, no decimals from 1,000."""
    if v is None:
        return "-"
    if isinstance(v, float):
        v = f"{v:.3g}" if abs(v) < 10 else f"{v:,.0f}" if abs(v) >= 1000 else f"{v:.1f}"
    return f"{v} {unit}".strip()
