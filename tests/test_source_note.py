"""The as-of note after a quoted figure names its source and date. A document with no
publisher (a .txt or .html page) is named by its title, and a title may end a sentence
("…还能走多远？"): the note must not, or the citation check splits the cited line in two and
drops the half before the title's end, the quote itself."""

from __future__ import annotations

import pytest

from chatbot.citations import check_answer
from chatbot.compose.base import as_of, source_label, with_marker
from chatbot.models import Chunk

SENTENCE = "截至2025年9月30日，其门店总数达到412家"


def _chunk(title: str, publisher: str = "") -> Chunk:
    return Chunk(id="d:1", doc_id="d", text=SENTENCE + "。", title=title, publisher=publisher, date="2025-11-18")


@pytest.mark.parametrize(("title", "publisher", "label"), [
    ('专栏｜动岭健身的"小店扩张"还能走多远？', "", '专栏｜动岭健身的"小店扩张"还能走多远'),
    ("Can the small-store push last? A column", "", "Can the small-store push last A column"),
    ("业绩超预期！全年指引上调。", "", "业绩超预期 全年指引上调"),
    ("任何标题？", "财经快线", "财经快线"),  # the publisher is named when there is one
    ("三季度经营数据", "", "三季度经营数据"),
])
def test_a_source_label_has_no_sentence_end(title, publisher, label):
    assert source_label(_chunk(title, publisher)) == label


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("title", ['专栏｜动岭健身的"小店扩张"还能走多远？', "Why did margins rise? An explainer!"])
def test_the_quoted_line_survives_the_citation_check(lang, title):
    chunk = _chunk(title)
    line = with_marker(SENTENCE, "[1]", as_of(chunk, lang))
    text = f"- {line}" if lang == "en" else line
    checked = check_answer(text, {1: chunk}, lang=lang)
    assert SENTENCE in checked.text, checked.text
    assert "412家" in checked.text
