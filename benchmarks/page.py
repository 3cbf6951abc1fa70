"""The analysis page in a real browser: how fast a reader gets the report and answers.

    python -m benchmarks.page [--store DIR] [--rounds 3]

Serves the web app on a free 127.0.0.1 port over the given index (the bundled corpus is
ingested into it when it is empty), drives headless Chromium (/usr/bin/chromium) and
prints medians, all measured in the browser:
  - app mounted: navigation to the question box;
  - report view: navigation to the report's first table;
  - first streamed text / full answer: Enter to the first answer text / the finished answer;
  - suggestions: the finished answer to its suggested questions;
  - citation: a click on [n] to the highlighted sentence inside the reader's visible area.
Targets (issue 13): first streamed text <= 300 ms, report view <= 1 s."""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.common import apply_env, free_port, load_average, log

CHROMIUM = "/usr/bin/chromium"
QUESTIONS = ["云知声2025年大模型相关业务收入预计多少？", "智谱的IPO估值是多少？", "中期(3-5年)的评估是什么？",
             "MiniMax的IPO估值是多少？"]
# The browser-side clock of a question (Enter -> first answer text -> full answer), in
# window.__timing; tests/test_web.py uses the same script.
TIMING_JS = """() => {
  const t = window.__timing = {start: null, first: null, done: null};
  const count = (sel) => document.querySelectorAll(sel).length;
  const base = {first: count('#chat .answer:not(.pending)'), done: count('#chat .answer .disclaimer')};
  document.querySelector('#question textarea').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && t.start === null) t.start = performance.now();
  }, {capture: true, once: true});
  const obs = new MutationObserver(() => {
    const now = performance.now();
    if (t.first === null && count('#chat .answer:not(.pending)') > base.first) t.first = now;
    if (t.done === null && count('#chat .answer .disclaimer') > base.done) { t.done = now; obs.disconnect(); }
  });
  obs.observe(document.body, {childList: true, subtree: true, characterData: true});
}"""
# no answer is being written (none pending or streaming)
CHAT_IDLE_JS = "() => document.querySelector('#chat .answer.pending, #chat .answer.streaming') === null"
# more answers than `n` and the last one finished: not pending, not streaming, its disclaimer shown
ANSWER_FINISHED_JS = """(n) => { const a = document.querySelectorAll('#chat .answer'); const last = a[a.length - 1];
  return a.length > n && !last.matches('.pending, .streaming') && last.querySelector('.disclaimer') !== null; }"""
_MARK_IN_VIEW = """() => { const el = document.querySelector('#reader mark.hl'); if (!el) return false;
  const r = el.getBoundingClientRect(), col = document.querySelector('#reader-col').getBoundingClientRect();
  return r.height > 0 && r.top >= Math.max(col.top, 0) && r.bottom <= Math.min(col.bottom, window.innerHeight); }"""


def measure(url: str, rounds: int) -> dict[str, list[float]]:
    from playwright.sync_api import sync_playwright

    out: dict[str, list[float]] = {k: [] for k in ("app_mounted", "report_view", "first_text", "full_answer",
                                                   "suggestions", "citation")}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for _ in range(rounds):
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(url, wait_until="commit")
            page.wait_for_selector("#question textarea", timeout=60000)
            out["app_mounted"].append(page.evaluate("performance.now()"))
            page.wait_for_selector("#reader article.reader table", timeout=60000)
            out["report_view"].append(page.evaluate("performance.now()"))
            page.wait_for_timeout(800)  # the page's load events
            for q in QUESTIONS:
                page.evaluate(TIMING_JS)
                page.fill("#question textarea", q)
                page.press("#question textarea", "Enter")
                page.wait_for_function("window.__timing.done !== null", timeout=60000)
                t = page.evaluate("window.__timing")
                out["first_text"].append(t["first"] - t["start"])
                out["full_answer"].append(t["done"] - t["start"])
                done = time.perf_counter()
                page.locator("#chat .answer").last.locator("button.suggest").first.wait_for(timeout=30000)
                out["suggestions"].append((time.perf_counter() - done) * 1000)
                started = time.perf_counter()
                page.locator("#chat .answer").last.locator("a.cite").first.click()
                page.wait_for_function(_MARK_IN_VIEW, timeout=10000)
                out["citation"].append((time.perf_counter() - started) * 1000)
            page.close()
        browser.close()
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--store", type=Path, default=None, help="index folder (default: the configured one)")
    ap.add_argument("--rounds", type=int, default=3, help=f"page loads; each asks {len(QUESTIONS)} questions")
    a = ap.parse_args(argv)
    apply_env(Path(tempfile.mkdtemp(prefix="bench-page-")))
    log("page: serving the app and measuring in Chromium")

    from chatbot.config import load_settings
    from chatbot.documents import Documents
    from chatbot.engine import Engine
    from chatbot.web import build_app

    settings = load_settings(**({"store": {"path": str(a.store)}} if a.store else {}))
    engine = Engine(settings)
    Documents(settings, engine.store).ensure_corpus(show_progress=False)
    engine.warmup()
    app = build_app(engine)
    port = free_port()
    app.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True)
    try:
        load_before = load_average()
        runs = measure(f"http://127.0.0.1:{port}/", a.rounds)
    finally:
        app.close()
    result = {k: {"median_ms": round(statistics.median(v), 1), "max_ms": round(max(v), 1), "n": len(v)}
              for k, v in runs.items() if v}
    result["load_average"] = {"before": load_before, "after": load_average()}
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
