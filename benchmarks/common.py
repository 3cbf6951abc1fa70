"""Shared helpers: paths, a quiet environment for subprocesses, percentiles, RSS."""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = ROOT / ".venv" / "bin"
PY = str(VENV_BIN / "python") if (VENV_BIN / "python").exists() else sys.executable
CHATBOT = str(VENV_BIN / "chatbot")
CORPUS = ROOT / "corpus"
EXTRA = ROOT / "tests" / "data" / "corpus-extra"  # a copy of ../shared/corpus-extra
QUESTIONS = ROOT / "tests" / "questions.jsonl"
CACHE_10K = ROOT / "var" / "bench-cache" / "10k"

for p in (str(ROOT), str(ROOT / "src")):
    if p not in sys.path:
        sys.path.insert(0, p)


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
    for k, v in quiet_env(tmp).items():
        os.environ.setdefault(k, v)


def pct(values: list[float], q: float) -> float:
    """Percentile by linear interpolation (q in 0..100)."""
    if not values:
        return float("nan")
    v = sorted(values)
    if len(v) == 1:
        return v[0]
    pos = (len(v) - 1) * q / 100
    lo = int(pos)
    hi = min(lo + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (pos - lo)


def summary(values: list[float]) -> dict[str, float]:
    return {
        "n": len(values),
        "p50": round(pct(values, 50), 2),
        "p95": round(pct(values, 95), 2),
        "mean": round(statistics.fmean(values), 2) if values else float("nan"),
        "max": round(max(values), 2) if values else float("nan"),
    }


def dir_size(path: Path) -> int:
    return sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file())


def peak_rss_self_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def load_questions(path: Path = QUESTIONS) -> list[dict]:
    """Prefer the project's loader when it exists; fall back to plain JSON lines."""
    try:
        from chatbot.evaluation import load_questions as lq  # type: ignore

        out = []
        for q in lq(path):
            d = q.model_dump() if hasattr(q, "model_dump") else (q if isinstance(q, dict) else vars(q))
            out.append(dict(d))
        if out and "question" in out[0]:
            return out
    except Exception:
        pass
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def load_average() -> tuple[float, float, float]:
    try:
        return os.getloadavg()
    except OSError:
        return (float("nan"),) * 3


class Timer:
    def __enter__(self):
        self.t0 = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.s = time.perf_counter() - self.t0
        self.ms = self.s * 1000
