"""The store folder's JSON writer (manifest and catalogue): one record a line, the same
object json reads, and atomic writes that leave no temporary behind."""

from __future__ import annotations

import json

import pytest

from chatbot.jsonfile import atomic_write, one_record_a_line

CASES = [
    ("a list of records", {"version": 1, "embedding_model": "m"}, "documents",
     [{"doc_id": "a", "chunk_ids": ["a:1", "a:2"]}, {"doc_id": "b", "chunk_ids": []}]),
    ("an empty list", {"version": 1, "embedding_model": "m"}, "documents", []),
    ("records keyed by id", {"version": "3"}, "documents",
     {"新闻-1": {"hash": "h", "entries": [{"name": "云知声", "ticker": "9678.HK"}]}, "b": {"hash": "g", "entries": []}}),
    ("an empty object", {"version": "3"}, "documents", {}),
    ("no head", {}, "rows", [1, "二", None]),
]


@pytest.mark.parametrize(("head", "key", "records"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_one_record_a_line(head, key, records):
    text = one_record_a_line(head, key, records)
    assert json.loads(text) == {**head, key: records}
    assert text.endswith("\n")
    assert "\\u" not in text
    assert len(text.splitlines()) == (len(records) + 2 if records else 1)


@pytest.mark.parametrize("durable", [True, False])
def test_atomic_write_replaces_the_file_and_leaves_no_temporary(tmp_path, durable):
    p = tmp_path / "f.json"
    atomic_write(p, "one", durable=durable)
    atomic_write(p, "二", durable=durable)
    assert p.read_text(encoding="utf-8") == "二"
    assert [q.name for q in tmp_path.iterdir()] == ["f.json"]
