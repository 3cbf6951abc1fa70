"""ingest.loaders: real files in tmp_path and a real local HTTP server, no mocks."""

from __future__ import annotations

import dataclasses
import os
import socket
from pathlib import Path

import pytest

from chatbot.config import load_settings
from ingest.loaders import (
    SUPPORTED_SUFFIXES,
    LoadError,
    SourceDocument,
    discover,
    is_url,
    join_broken_lines,
    load,
    load_path,
    load_url,
)
from support import web_server

CORPUS = Path(__file__).resolve().parents[1] / "corpus"

ARTICLE_HTML = """<!doctype html>
<html lang="zh"><head><meta charset="utf-8">
<title>云知声大模型收入预增超10倍 - 测试财经网</title>
<meta property="og:title" content="云知声大模型收入预增超10倍">
<meta property="og:site_name" content="测试财经网">
<meta property="article:published_time" content="2026-01-28T09:30:00+08:00">
</head><body>
<nav><a href="/">首页</a> | <a href="/tech">科技</a></nav>
<article>
<h1>云知声大模型收入预增超10倍</h1>
<p>云知声于2026年1月28日发布业绩预告，公司预计2025年度实现大模型相关业务收入约人民币6.0亿元至6.2亿元，较2024年的5187万元大幅增长约1057%至1095%。</p>
<h2>客户结构</h2>
<p>公司客户数量从2022年的373家增长至2024年的411家，其中医疗AI客户约为166家，日常生活场景客户为309家。</p>
<table>
<tr><th>年份</th><th>大模型收入</th></tr>
<tr><td>2024</td><td>5187万元</td></tr>
<tr><td>2025E</td><td>6.0-6.2亿元</td></tr>
</table>
<p>2025年上半年，中国企业级大模型日均调用量突破10万亿tokens，较2024年下半年激增363%。</p>
</article>
<footer>版权所有 测试财经网</footer>
</body></html>
"""

PDF_PARAGRAPH = (
    "Unisound expects revenue from large model related business of about RMB 600 million "
    "to RMB 620 million for 2025, compared with RMB 51.87 million in 2024, an increase of "
    "roughly 1057 percent to 1095 percent according to the profit alert published on "
    "28 January 2026 by the company listed in Hong Kong under the ticker 9678.HK."
)


@pytest.fixture(scope="module")
def settings():
    return load_settings()


def _assert_one_line_error(exc: pytest.ExceptionInfo, source: str, *words: str) -> str:
    msg = str(exc.value)
    assert "\n" not in msg, msg
    assert msg.strip() == msg, msg
    assert source in msg, msg
    for w in words:
        assert w in msg.lower(), msg
    return msg


# --- bundled corpus ----------------------------------------------------------------------

EXPECTED = {
    "report": ("Ginlix AI", "2026-01-28", "https://www.ginlix.ai/news/", ["9678.HK", "2513.HK", "0100.HK"]),
    "src-1": ("新浪财经", "2026-01-28", "https://finance.sina.com.cn/tech/roll/2026-01-28/", []),
    "src-2": ("搜狐财经", "", "https://m.sohu.com/a/980885720_211762", []),
    "src-3": ("36氪", "", "https://m.36kr.com/p/3618868296200965", []),
    "src-4": ("新浪财经", "2026-01-20", "https://finance.sina.com.cn/stock/aigcy/2026-01-20/", []),
    "src-5": ("澎湃新闻", "2026-01-26", "https://m.thepaper.cn/newsDetail_forward_32466334", []),
    "src-6": ("新浪财经", "2026-01-05", "https://finance.sina.com.cn/cj/2026-01-05/", []),
}


def test_bundled_corpus_loads_with_front_matter(settings):
    files = discover(CORPUS)
    assert files == sorted(files)
    assert len(files) == 7
    docs = {d.doc_id: d for d in (load(str(f), settings) for f in files)}
    assert set(docs) == set(EXPECTED)
    for doc_id, (publisher, date, url, tickers) in EXPECTED.items():
        d = docs[doc_id]
        assert (d.publisher, d.date, d.tickers, d.language) == (publisher, date, tickers, "zh")
        assert d.url.startswith(url)
        assert d.title
        assert d.source.endswith(".md")
        assert not d.text.startswith("---")
        assert d.text.startswith("# ")
        assert "\n\n\n" not in d.text
        assert "\r" not in d.text
    assert docs["report"].title == "云知声大模型业务收入暴增可持续性及港股AI公司估值逻辑分析"
    assert "6.0亿元至6.2亿元" in docs["report"].text
    assert "|" in docs["report"].text  # the report's Markdown tables are kept


def test_content_hash_covers_text_and_metadata(settings):
    d = load_path(CORPUS / "report" / "report.md", settings)
    h = d.content_hash
    assert len(h) == 64
    assert h == load_path(CORPUS / "report" / "report.md", settings).content_hash
    assert dataclasses.replace(d, source="elsewhere").content_hash == h
    for change in ({"text": d.text + "x"}, {"title": "t"}, {"doc_id": "x"}, {"publisher": "p"},
                   {"date": "2020-01-01"}, {"url": "u"}, {"language": "en"}, {"tickers": ["A"]}):
        assert dataclasses.replace(d, **change).content_hash != h, change


def test_discover_recurses_skips_hidden_and_unsupported(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    for name in ["b/z.md", "a.txt", "c.PDF", "d.docx", ".secret.md", ".hidden/x.md", "README.md", "e.htm"]:
        (tmp_path / name).write_text("x")
    assert [p.relative_to(tmp_path).as_posix() for p in discover(tmp_path)] == [
        "README.md", "a.txt", "b/z.md", "c.PDF", "e.htm"]
    assert discover(tmp_path / "d.docx") == [tmp_path / "d.docx"]
    assert is_url("https://example.com/a")
    assert is_url("http://127.0.0.1:8/x")
    assert not is_url("corpus/x.md")
    assert not is_url("ftp://x")
    assert SUPPORTED_SUFFIXES == {".md", ".markdown", ".txt", ".html", ".htm", ".pdf"}


# --- Markdown / text ---------------------------------------------------------------------

def test_front_matter_variants_and_defaults(tmp_path, settings):
    fm = tmp_path / "with-fm.md"
    fm.write_text("---\nid: news-99\ntitle: T\ndate: '2026/1/5'\ntickers: 2513.HK, 0100.HK\n---\n\n"
                  "Body   \n\n\n\n\nMore\r\n", encoding="utf-8")
    d = load_path(fm, settings)
    assert (d.doc_id, d.title, d.date, d.tickers) == ("news-99", "T", "2026-01-05", ["2513.HK", "0100.HK"])
    assert d.text == "Body\n\nMore"
    assert d.source == str(fm)

    plain = tmp_path / "My Notes_2025.txt"
    plain.write_text("\n\nFirst line is the title here\nsecond line\n", encoding="utf-8")
    d = load_path(plain, settings)
    assert (d.doc_id, d.title, d.date, d.url, d.tickers) == ("my-notes-2025", "First line is the title here", "", "", [])

    heading = tmp_path / "h.md"
    heading.write_text("intro\n\n# The Heading\n\ntext", encoding="utf-8")
    assert load_path(heading, settings).title == "The Heading"

    cjk = tmp_path / "云知声笔记.md"
    cjk.write_text("没有标题的中文笔记。" * 20, encoding="utf-8-sig")  # with BOM
    d = load_path(cjk, settings)
    assert d.doc_id.startswith("doc-")
    assert len(d.doc_id) == 12
    assert d.text.startswith("没有标题")
    assert len(d.title) == 80
    assert d.language == "zh"


def test_gbk_text_file(tmp_path, settings):
    text = ("# 云知声业绩预告\n\n云知声于2026年1月28日发布业绩预告，预计2025年度大模型相关业务收入约人民币6.0亿元至6.2亿元，"
            "较2024年的5187万元大幅增长。智谱与MiniMax先后在港交所挂牌。\n")
    f = tmp_path / "gbk-article.txt"
    f.write_bytes(text.encode("gbk"))
    d = load_path(f, settings)
    assert d.text == text.strip()
    assert d.title == "云知声业绩预告"


def test_big5_markdown_file_is_decoded_then_indexed_in_simplified_characters(tmp_path, settings):
    text = ("---\ntitle: 雲知聲業績預告\npublisher: 明報\n---\n\n雲知聲於2026年1月28日發佈業績預告，預計2025年度大模型相關業務"
            "收入約人民幣6.0億元至6.2億元，較2024年的5187萬元大幅增長。商湯與第四範式亦公佈中期業績。\n")
    f = tmp_path / "big5-article.md"
    f.write_bytes(text.encode("big5"))
    d = load_path(f, settings)
    # Big5 decoded right (a wrong codec gives no such words), then read as simplified, as the word lists write
    assert (d.title, d.publisher) == ("云知声业绩预告", "明报")
    assert "云知声于2026年1月28日发布业绩预告" in d.text
    assert "6.0亿元至6.2亿元" in d.text
    assert "億" not in d.text
    assert d.language == "zh-Hant"


# --- HTML, URLs --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def server(tmp_path_factory):
    pdf = tmp_path_factory.mktemp("pdf") / "served.pdf"
    _make_pdf(pdf)
    routes = {
        "/article.html": ("text/html; charset=utf-8", ARTICLE_HTML.encode()),
        "/notes": ("text/markdown; charset=utf-8", "---\nid: news-42\npublisher: 测试\n---\n# 标题\n\n正文。".encode()),
        "/gbk.txt": ("text/plain; charset=gbk", "港股人工智能公司估值逻辑。".encode("gbk")),
        "/report": ("application/pdf", pdf.read_bytes()),
        "/big": ("text/plain", b"x" * 200_000),
    }

    def get(path):
        if path == "/moved":
            return 302, {"Location": "/article.html"}, b""
        if path not in routes:
            return 404, {"Content-Type": "text/plain"}, b"Not Found"
        ctype, body = routes[path]
        return 200, {"Content-Type": ctype}, body

    with web_server(get) as (base, _):
        yield base


def _assert_article(d: SourceDocument):
    assert d.title == "云知声大模型收入预增超10倍"
    assert (d.date, d.publisher, d.language) == ("2026-01-28", "测试财经网", "zh")
    assert "# 云知声大模型收入预增超10倍" in d.text
    assert "## 客户结构" in d.text
    assert "医疗AI客户约为166家" in d.text
    assert "激增363%" in d.text
    assert "| 2024 | 5187万元 |" in d.text  # table as Markdown
    assert "首页" not in d.text
    assert "版权所有" not in d.text


def test_html_by_url(server, settings):
    url = f"{server}/article.html"
    d = load(url, settings)
    _assert_article(d)
    assert d.url == url
    assert d.source == url
    assert d.doc_id == "127-0-0-1-article"
    redirected = load_url(f"{server}/moved", settings)
    assert redirected.text == d.text


def test_html_file(tmp_path, settings):
    f = tmp_path / "Sina Article.html"
    f.write_text(ARTICLE_HTML, encoding="utf-8")
    d = load(f, settings)
    _assert_article(d)
    assert (d.doc_id, d.url, d.source) == ("sina-article", "", str(f))


def test_text_and_pdf_by_url(server, settings):
    d = load(f"{server}/notes", settings)
    assert (d.doc_id, d.publisher, d.title, d.text) == ("news-42", "测试", "标题", "# 标题\n\n正文。")
    assert d.url == f"{server}/notes"
    assert load(f"{server}/gbk.txt", settings).text == "港股人工智能公司估值逻辑。"
    pdf = load(f"{server}/report", settings)
    assert pdf.title == "Unisound profit alert"
    assert "RMB 51.87 million in 2024" in pdf.text


# --- PDF ---------------------------------------------------------------------------------

def _cjk_font() -> str | None:
    for root in ("/usr/share/fonts", "/usr/local/share/fonts", os.path.expanduser("~/.fonts")):
        for dirpath, _, names in os.walk(root):
            for n in sorted(names):
                if n.lower().endswith((".ttf", ".otf")) and any(k in n.lower() for k in ("wqy", "cjk", "droidsansfallback", "simhei", "simsun")):
                    return os.path.join(dirpath, n)
    return None


def _make_pdf(path: Path, cjk_font: str | None = None) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_title("Unisound profit alert")
    pdf.add_page()
    pdf.set_font("Helvetica", size=16)
    pdf.cell(0, 10, "Profit alert", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, PDF_PARAGRAPH, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.multi_cell(0, 6, "Customers: 373 (2022), 411 (2024).", new_x="LMARGIN", new_y="NEXT")
    if cjk_font:
        pdf.add_font("cjk", fname=cjk_font)
        pdf.set_font("cjk", size=11)
        pdf.multi_cell(0, 6, "云知声预计2025年度大模型相关业务收入约人民币6.0亿元至6.2亿元，较2024年的5187万元大幅增长约1057%至1095%，"
                             "客户数量从2022年的373家增长至2024年的411家。", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))


def test_pdf_file(tmp_path, settings):
    font = _cjk_font()
    f = tmp_path / "profit-alert.pdf"
    _make_pdf(f, font)
    d = load_path(f, settings)
    assert (d.doc_id, d.title, d.source) == ("profit-alert", "Unisound profit alert", str(f))
    assert PDF_PARAGRAPH in d.text  # lines wrapped by the layout are joined again
    assert d.text.startswith("Profit alert\n\n")
    assert "411 (2024)." in d.text
    if font:
        assert "较2024年的5187万元大幅增长约1057%至1095%，客户数量" in d.text


def test_join_broken_lines():
    cjk = ("一、云知声收入分析\n云知声预计2025年度大模型相关业务收入约人民币6.0亿\n元至6.2亿元，较2024年的5187万元大幅增长约1057%\n"
           "至1095%。\n客户数量从2022年的373家增长至2024年的411家，其中医疗\nAI客户约为166家。\n\n短行")
    assert join_broken_lines(cjk) == (
        "一、云知声收入分析\n\n云知声预计2025年度大模型相关业务收入约人民币6.0亿元至6.2亿元，较2024年的5187万元大幅增长约1057%至1095%。\n\n"
        "客户数量从2022年的373家增长至2024年的411家，其中医疗AI客户约为166家。\n\n短行")
    latin = ("Revenue from large model business grew strongly in\nthe second half of the year and the relevant infor-\n"
             "mation is public.\nShort heading\nNext paragraph.")
    assert join_broken_lines(latin) == (
        "Revenue from large model business grew strongly in the second half of the year and the relevant "
        "information is public.\n\nShort heading\n\nNext paragraph.")


# --- errors ------------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_url_errors(server, settings):
    url = f"{server}/missing.html"
    with pytest.raises(LoadError) as e:
        load(url, settings)
    _assert_one_line_error(e, url, "404", "cannot fetch")

    url = f"http://127.0.0.1:{_free_port()}/x"
    with pytest.raises(LoadError) as e:
        load(url, settings)
    _assert_one_line_error(e, url, "cannot fetch", "refused")

    url = f"{server}/big"
    with pytest.raises(LoadError) as e:
        load(url, load_settings(ingest={"url_max_mb": 0.1}))
    _assert_one_line_error(e, url, "url_max_mb")


@pytest.mark.parametrize(("case", "words"), [
    ("missing", ["no such file or folder"]),
    ("empty", ["empty"]),
    ("whitespace", ["empty"]),
    ("binary", ["not a text file"]),
    ("docx", ["unsupported file type .docx", ".md", ".pdf"]),
    ("oversize", ["too large"]),
    ("bad-pdf", ["cannot read pdf"]),
    ("no-text-html", ["no extractable text"]),
    ("only-front-matter", ["no text"]),
])
def test_file_errors(tmp_path, settings, case, words):
    s = settings
    if case == "missing":
        path = tmp_path / "nope" / "x.md"
    elif case == "empty":
        path = tmp_path / "empty.md"
        path.write_bytes(b"")
    elif case == "whitespace":
        path = tmp_path / "blank.txt"
        path.write_text("  \n\t\n   \r\n")
    elif case == "binary":
        path = tmp_path / "image.md"
        path.write_bytes(bytes(range(256)) * 8)
    elif case == "docx":
        path = tmp_path / "report.docx"
        path.write_bytes(b"PK\x03\x04 not really a docx")
    elif case == "oversize":
        path = tmp_path / "big.md"
        path.write_text("# big\n\n" + "数据" * 200, encoding="utf-8")
        s = load_settings(ingest={"max_file_mb": 0.0001})
    elif case == "bad-pdf":
        path = tmp_path / "broken.pdf"
        path.write_bytes(b"%PDF-1.4\nthis is not really a pdf\n")
    elif case == "no-text-html":
        path = tmp_path / "empty.html"
        path.write_text("<html><head><title>x</title><script>var a = 1;</script></head><body></body></html>")
    else:
        path = tmp_path / "fm-only.md"
        path.write_text("---\nid: x\n---\n\n")
    with pytest.raises(LoadError) as e:
        load(str(path), s)
    _assert_one_line_error(e, str(path), *words)
    if case == "missing":
        with pytest.raises(LoadError) as e:
            discover(path)
        _assert_one_line_error(e, str(path), *words)


@pytest.mark.parametrize(("markup", "found", "date"), [
    # trafilatura gives a bare year as 1 January: the page's own date line wins
    ("<h1>国泰航空2025年10月载客量</h1><p class='meta'>航旅快讯 · 2025年11月14日</p>", "2025-01-01", "2025-11-14"),
    ("<p class='meta'>测试编写 · 2025-11-19</p>", "", "2025-11-19"),  # none found: the page's first full date
    ("<p>2025-11-19</p>", "2025-11-20", "2025-11-20"),  # a full date found stands
    ("<p>发布于2024年3月5日</p>", "2025-01-01", "2025-01-01"),  # another year's date is no better
    ("<script>var d='2025-06-01'</script><p>无日期</p>", "", ""),  # script text is not the page's
])
def test_html_page_date(markup, found, date):
    from ingest.loaders import _page_date

    assert _page_date(markup, found) == date


@pytest.mark.parametrize(("text", "date"), [
    # a plain-text story: title, then a short dateline
    ("九毛九上半年收入27.6亿元\n\n测试用合成稿 · 餐饮资本观察 · 2025年8月26日\n\n正文……", "2025-08-26"),
    ("标题\n2025-11-19\n正文", "2025-11-19"),
    # a date inside the story's sentences is not the document's date
    ("标题\n\n截至2025年6月30日止六个月，集团收入约27.6亿元人民币，较上年同期的30.3亿元下降8.9%。", ""),
    # a dateline far below the top is not one
    ("标题\n一\n二\n三\n四\n2025年8月26日", ""),
    ("标题\n\n没有日期的正文。", ""),
])
def test_text_dateline(tmp_path, text, date):
    path = tmp_path / "story.txt"
    path.write_text(text, encoding="utf-8")
    assert load(str(path), load_settings()).date == date


@pytest.mark.parametrize(("text", "limits", "date"), [
    ("标题\n一\n二\n三\n四\n2025年8月26日", {"dateline_lines": 6}, "2025-08-26"),  # looks further down
    ("标题\n\n测试用合成稿 · 餐饮资本观察 · 2025年8月26日", {"dateline_chars": 20}, ""),  # longer than allowed
    ("标题\n\n测试用合成稿 · 餐饮资本观察 · 2025年8月26日", {"dateline_chars": 30}, "2025-08-26"),
])
def test_dateline_limits_are_settings(tmp_path, text, limits, date):
    path = tmp_path / "story.txt"
    path.write_text(text, encoding="utf-8")
    settings = load_settings()
    settings.ingest = settings.ingest.model_copy(update=limits)
    assert load(str(path), settings).date == date
