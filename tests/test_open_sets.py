"""benchmarks.open_sets' store cache: a store for a longer folder list starts from a copy of a
built prefix; it counts as built only once its own ingest has finished."""

from __future__ import annotations

import json
import subprocess

import pytest


def test_a_store_copied_from_a_prefix_is_not_complete_until_its_own_ingest_ends(tmp_path, monkeypatch):
    from benchmarks import open_sets

    folders = ["corpus", "tests/data/corpus-extra"]
    prefix = tmp_path / f"1-{open_sets.store_key(folders[:1])}"
    prefix.mkdir()
    (prefix / "data.bin").write_text("the prefix's index")
    (prefix / ".complete").write_text(json.dumps(folders[:1]))
    calls: list[list[str]] = []

    def stopped(cmd, **kwargs):
        calls.append(cmd)
        raise subprocess.CalledProcessError(-9, cmd)  # the ingest killed half-way

    monkeypatch.setattr(open_sets.subprocess, "run", stopped)
    with pytest.raises(subprocess.CalledProcessError):
        open_sets.build_store(folders, tmp_path, rebuild=False)
    target = tmp_path / f"2-{open_sets.store_key(folders)}"
    assert (target / "data.bin").exists()  # started from the prefix's copy
    assert calls[0][2:-2] == folders[1:]  # and ingested only the rest
    assert not (target / ".complete").exists()

    def finished(cmd, **kwargs):
        calls.append(cmd)
        return subprocess.CompletedProcess(cmd, 0)

    monkeypatch.setattr(open_sets.subprocess, "run", finished)
    assert open_sets.build_store(folders, tmp_path, rebuild=False) == target
    assert json.loads((target / ".complete").read_text()) == folders
    assert len(calls) == 2  # the stopped build was redone, not reused
