"""Crash-safe ingestion: `chatbot ingest` is killed with SIGKILL at several points of
its work. After every kill the index still answers from its previous content, every
document the manifest names has all its vectors, and re-running the ingestion reaches
exactly the state of an uninterrupted run (same documents, same chunk ids per
document, Chroma == keyword index == manifest chunk counts).

Kill positions are found by watching the process from outside: its stderr (the
progress bar), and the manifest and keyword-stamp files (each commit of a document
replaces manifest.json, then keyword/stamp.json). When a position is reached the
process is frozen with SIGSTOP at once, the on-disk state is recorded, and then it is
killed with SIGKILL, so the test knows exactly what the crash interrupted.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from support import CORPUS_EXTRA, ROOT, make_settings

CHATBOT = ROOT / ".venv" / "bin" / "chatbot"
KNOWN_Q = "云知声2025年大模型相关业务收入预计多少？"
KNOWN_FACT = "6.0亿"
EXTRA = [  # small articles: a few chunks each
    "08-gelonghui-4paradigm-2025-interim.md",
    "07-mingpao-sensetime-2025-interim.md",
    "10-gelonghui-black-sesame-2025-interim.md",
]
NEW_QUESTIONS = {  # answerable once the extra articles are in
    "第四范式2025年上半年收入是多少？": ["26.26亿"],
    "商汤上半年收入多少？": ["23.58亿"],
}
RUN_TIMEOUT_S = 600


def _env() -> dict:
    env = dict(os.environ)
    env.setdefault("HF_HUB_OFFLINE", "1")
    env.setdefault("ORT_DISABLE_TELEMETRY", "1")
    env.setdefault("ANONYMIZED_TELEMETRY", "False")
    env["PYTHONUNBUFFERED"] = "1"
    return env


def cli_ingest(target: Path, store: Path) -> subprocess.CompletedProcess:
    """`chatbot ingest TARGET --store STORE` in its own process; it must succeed."""
    p = subprocess.run([str(CHATBOT), "ingest", str(target), "--store", str(store)], cwd=ROOT,
                       capture_output=True, text=True, env=_env(), timeout=RUN_TIMEOUT_S)
    assert p.returncode == 0, p.stdout + p.stderr[-3000:]
    return p


def store_and_one_article(corpus_index: Path, extra_dir: Path, tmp_path: Path) -> tuple[Path, Path, Path]:
    """A copy of the corpus index, and a folder holding one extra article (news-08):
    (store, folder, article)."""
    store = tmp_path / "index"
    shutil.copytree(corpus_index, store)
    one = tmp_path / "one"
    one.mkdir()
    article = one / EXTRA[0]
    shutil.copy(extra_dir / EXTRA[0], article)
    return store, one, article


def revise(article: Path) -> None:
    """Change news-08 so that re-ingesting it replaces some of its chunks."""
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("2025年上半年收入26.26亿元", "2025年上半年收入26.26亿元(修订稿)"), encoding="utf-8")


def manifest_state(store: Path) -> dict[str, list[str]]:
    p = store / "manifest.json"
    data = json.loads(p.read_text(encoding="utf-8"))
    return {d["doc_id"]: d["chunk_ids"] for d in data["documents"]}


def _stamp(store: Path) -> str | None:
    try:
        return json.loads((store / "keyword" / "stamp.json").read_text())["stamp"]
    except (OSError, ValueError, KeyError):
        return None


def _sig(path: Path):
    try:
        st = path.stat()
        return (st.st_ino, st.st_mtime_ns, st.st_size)
    except OSError:
        return None


@pytest.fixture(scope="module")
def extra_dir(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("extra")
    for name in EXTRA:
        shutil.copy(CORPUS_EXTRA / name, d / name)
    return d


@pytest.fixture(scope="module")
def reference(corpus_index, extra_dir, tmp_path_factory):
    """An uninterrupted `chatbot ingest` of the extra articles into a copy of the corpus
    index: the state every interrupted-then-resumed run must reach."""
    store = tmp_path_factory.mktemp("reference") / "index"
    shutil.copytree(corpus_index, store)
    before = manifest_state(store)
    t = time.perf_counter()
    p = cli_ingest(extra_dir, store)
    dt = time.perf_counter() - t
    print(f"reference ingest: {dt:.1f} s\n{p.stdout}")
    state = manifest_state(store)
    assert set(state) - set(before) == {"news-07", "news-08", "news-10"}
    from chatbot.store import Store

    count = Store(make_settings(store)).count()
    assert count["chroma"] == count["keyword"] == count["manifest_chunks"]
    return {"state": state, "count": count, "before": before, "seconds": dt}


@dataclass
class Kill:
    """When to kill: `when(obs)` is polled every few milliseconds on an observation of
    the running ingest; `delay` waits that long after it first holds."""

    name: str
    when: object
    delay: float = 0.0


@dataclass
class Observation:
    elapsed: float = 0.0
    stderr: str = ""
    manifest_writes: int = 0
    keyword_writes: int = 0
    at_kill: dict = field(default_factory=dict)


KILLS = [
    Kill("at-start", lambda o: True),
    Kill("during-startup-1s", lambda o: o.elapsed >= 1.0),
    Kill("embedding-first-document", lambda o: "embedding" in o.stderr and o.manifest_writes == 0, delay=0.3),
    Kill("after-manifest-1-before-keyword", lambda o: o.manifest_writes >= 1),
    # a short delay: on a quiet machine the last documents embed within 0.2 s of the first keyword write
    Kill("after-keyword-1-doc-2-embedding", lambda o: o.keyword_writes >= 1, delay=0.05),
    Kill("after-manifest-2", lambda o: o.manifest_writes >= 2),
    Kill("after-last-manifest-before-keyword", lambda o: o.manifest_writes >= 3),
]


def run_and_kill(store: Path, target: Path, kill: Kill) -> Observation:
    obs = Observation()
    proc = subprocess.Popen([str(CHATBOT), "ingest", str(target), "--store", str(store)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=_env())
    buf: list[str] = []

    def pump():
        while True:
            chunk = proc.stderr.read1(4096) if hasattr(proc.stderr, "read1") else proc.stderr.read(4096)
            if not chunk:
                return
            buf.append(chunk.decode("utf-8", "replace"))

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    manifest, stamp = store / "manifest.json", store / "keyword" / "stamp.json"
    m_sig, k_sig = _sig(manifest), _sig(stamp)
    t0 = time.perf_counter()
    met_at = None
    try:
        while True:
            obs.elapsed = time.perf_counter() - t0
            s = _sig(manifest)
            if s != m_sig:
                m_sig, obs.manifest_writes = s, obs.manifest_writes + 1
            s = _sig(stamp)
            if s != k_sig and s is not None:
                k_sig, obs.keyword_writes = s, obs.keyword_writes + 1
            obs.stderr = "".join(buf)
            if met_at is None and kill.when(obs):
                met_at = obs.elapsed
            if met_at is not None and obs.elapsed - met_at >= kill.delay:
                os.kill(proc.pid, signal.SIGSTOP)  # freeze first: record exactly what is interrupted
                break
            if proc.poll() is not None:
                pytest.fail(f"{kill.name}: ingest finished (rc {proc.returncode}) before the kill point; "
                            f"saw {obs.manifest_writes} manifest writes\n{obs.stderr[-2000:]}")
            if obs.elapsed > RUN_TIMEOUT_S:
                pytest.fail(f"{kill.name}: kill point not reached in {RUN_TIMEOUT_S} s")
            time.sleep(0.002)
        obs.at_kill = {
            "elapsed_s": round(obs.elapsed, 2),
            "manifest_docs": sorted(manifest_state(store)) if manifest.exists() else None,
        }
        if manifest.exists():
            from chatbot.store import Store  # reads the manifest only

            obs.at_kill["keyword_matches_manifest"] = _stamp(store) == Store(make_settings(store)).stamp()
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        reader.join(timeout=5)
    assert proc.returncode == -signal.SIGKILL
    return obs


def vectors_present(store: Path, ids: list[str]) -> int:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    client = chromadb.PersistentClient(path=str(store / "chroma"), settings=ChromaSettings(anonymized_telemetry=False))
    col = client.get_collection(make_settings(store).store.collection)
    return len(col.get(ids=ids, include=[])["ids"]) if ids else 0


@pytest.mark.parametrize("kill", KILLS, ids=[k.name for k in KILLS])
def test_sigkill_during_ingest(kill, corpus_index, extra_dir, reference, tmp_path):
    from chatbot.engine import Engine
    from chatbot.store import Store
    from ingest.pipeline import ingest

    store = tmp_path / "index"
    shutil.copytree(corpus_index, store)
    obs = run_and_kill(store, extra_dir, kill)
    state = manifest_state(store)
    print(f"killed at {kill.name}: {obs.at_kill}, manifest writes seen {obs.manifest_writes}, "
          f"keyword writes seen {obs.keyword_writes}")

    # 1. the manifest still names the previous documents, unchanged, and each document it
    #    names (old or newly committed) has its reference chunk ids and all their vectors
    for doc_id, ids in reference["before"].items():
        assert state[doc_id] == ids
    for doc_id, ids in state.items():
        assert ids == reference["state"][doc_id], doc_id
        assert vectors_present(store, ids) == len(ids), f"{doc_id}: manifest names missing vectors"
    committed = sorted(set(state) - set(reference["before"]))
    print(f"documents committed before the kill: {committed}")

    # 2. a fresh engine answers from the previous content
    eng = Engine(make_settings(store))
    a = eng.ask(KNOWN_Q)
    assert not a.refused, a.text
    assert KNOWN_FACT in a.text, a.text
    for doc_id in committed:  # a committed document is already answerable
        if doc_id == "news-08":
            b = eng.ask("第四范式2025年上半年收入是多少？")
            assert "26.26亿" in b.text, b.text
    del eng

    # 3. re-running the ingestion reaches the uninterrupted run's state
    settings = make_settings(store)
    report = ingest([extra_dir], settings, show_progress=False)
    assert not report.failed, report.summary()
    assert sorted(report.added + report.skipped + report.updated) == ["news-07", "news-08", "news-10"]
    assert manifest_state(store) == reference["state"]
    count = Store(settings).count()
    assert count == reference["count"]
    assert count["chroma"] == count["keyword"] == count["manifest_chunks"]
    assert _stamp(store) == Store(settings).stamp()
    eng = Engine(settings)
    assert KNOWN_FACT in eng.ask(KNOWN_Q).text
    for q, facts in NEW_QUESTIONS.items():
        ans = eng.ask(q)
        assert any(f in ans.text for f in facts), (q, ans.text)


def test_sigkill_during_update_keeps_old_version(corpus_index, extra_dir, reference, tmp_path):
    """A changed document is being re-ingested when the process dies between the
    manifest write and the deletion of its stale vectors: the index still answers, and
    the re-run leaves no orphan vectors behind."""
    from chatbot.engine import Engine
    from chatbot.store import Store
    from ingest.pipeline import ingest

    store, one, article = store_and_one_article(corpus_index, extra_dir, tmp_path)
    p = cli_ingest(one, store)  # the first version
    assert "added 1" in p.stdout, p.stdout
    old_ids = manifest_state(store)["news-08"]
    revise(article)

    obs = run_and_kill(store, one, Kill("update-after-manifest", lambda o: o.manifest_writes >= 1))
    state = manifest_state(store)
    print(f"killed at update-after-manifest: {obs.at_kill}")
    assert state["news-08"] != old_ids  # the new version was committed ...
    assert vectors_present(store, state["news-08"]) == len(state["news-08"])
    eng = Engine(make_settings(store))  # ... and is what a fresh engine answers from
    assert "26.26亿" in eng.ask("第四范式2025年上半年收入是多少？").text
    assert KNOWN_FACT in eng.ask(KNOWN_Q).text
    del eng

    report = ingest([one], make_settings(store), show_progress=False)
    assert report.skipped == ["news-08"]
    assert report.chunks_embedded == 0
    count = Store(make_settings(store)).count()
    assert count["chroma"] == count["keyword"] == count["manifest_chunks"]
    stale = set(old_ids) - set(state["news-08"])
    assert stale
    assert vectors_present(store, sorted(stale)) == 0


def test_long_lived_engine_sees_cli_ingest(corpus_index, extra_dir, tmp_path):
    """A running engine (e.g. `chatbot serve`) on the embedded store, and a `chatbot
    ingest` in another process that changes a document: the next question must be
    answered from the new version (every search checks the manifest; the embedded
    Chroma client is replaced after another process's write)."""
    from chatbot.engine import Engine

    store, one, article = store_and_one_article(corpus_index, extra_dir, tmp_path)
    q = "第四范式2025年上半年收入是多少？"

    eng = Engine(make_settings(store))
    assert KNOWN_FACT in eng.ask(KNOWN_Q).text  # the engine is up, its Chroma client open
    cli_ingest(one, store)  # a new document
    a = eng.ask(q)
    assert "26.26亿" in a.text, a.text
    revise(article)
    cli_ingest(one, store)  # the same document, changed
    new_ids = set(manifest_state(store)["news-08"])
    qv = eng.store.embeddings.embed_query(q)
    dense_ids = {c.id for c, _ in eng.store.dense_search(qv, 20)}
    assert new_ids <= dense_ids, f"dense search misses the changed chunks: {sorted(new_ids - dense_ids)}"
    b = eng.ask(q)
    assert "26.26亿元(修订稿)" in b.text, b.text


def test_two_engines_on_one_folder_lose_nothing(index_copy):
    """Two engines (two chat processes, or a chat process and `chatbot ingest`) on one
    store folder: a document the first one adds must survive the second one's write."""
    from chatbot.engine import Engine
    from chatbot.store import Store

    a = Engine(make_settings(index_copy))
    b = Engine(make_settings(index_copy))
    assert a.ingest([CORPUS_EXTRA / EXTRA[0]], prune=False).added == ["news-08"]
    assert b.ingest([CORPUS_EXTRA / EXTRA[2]], prune=False).added == ["news-10"]
    state = manifest_state(index_copy)
    assert {"news-08", "news-10"} <= set(state), sorted(state)
    count = Store(make_settings(index_copy)).count()
    assert count["chroma"] == count["keyword"] == count["manifest_chunks"]
    assert vectors_present(index_copy, state["news-08"]) == len(state["news-08"])
