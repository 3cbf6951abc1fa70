"""Table-driven unit tests of the citation check (citations.py)."""

from __future__ import annotations

import pytest

from chatbot.citations import check_answer
from chatbot.models import Chunk

PASSAGES = {
    1: Chunk(id="a:1", doc_id="a", text="云知声2024年收入为9.39亿元，同比增长20%。"),
    2: Chunk(id="b:1", doc_id="b", text="智谱IPO估值约511亿港元。"),
}
WARN = "（⚠ 未在引用来源中找到依据）"


@pytest.mark.parametrize(
    ("answer", "mode", "text", "cited", "unsupported"),
    [
        # a supported sentence is kept as it is
        ("云知声2024年收入为9.39亿元[1]。", "extractive", "云知声2024年收入为9.39亿元[1]。", ["a:1"], []),
        # markers are renumbered 1..m in order of first use
        ("智谱估值约511亿港元[2]。", "extractive", "智谱估值约511亿港元[1]。", ["b:1"], []),
        ("收入9.39亿元[1]。估值约511亿港元[2]。", "extractive", "收入9.39亿元[1]。估值约511亿港元[2]。", ["a:1", "b:1"], []),
        # a marker written after the end mark is pulled inside
        ("收入9.39亿元。[1]", "extractive", "收入9.39亿元[1]。", ["a:1"], []),
        # a figure the cited passage does not hold: dropped (extractive) or marked (LLM)
        ("云知声收入为10亿元[1]。", "extractive", "", [], ["云知声收入为10亿元。"]),
        ("云知声收入为10亿元[1]。", "llm", "云知声收入为10亿元[1]。" + WARN, ["a:1"], ["云知声收入为10亿元。"]),
        # a figure from another passage than the one cited is not supported
        ("智谱估值约511亿港元[1]。", "extractive", "", [], ["智谱估值约511亿港元。"]),
        # a source note naming a title that ends in a question mark stays with its sentence and marker
        ("收入为9.39亿元〔云知声还能走多远？，2025-11-18〕[1]。", "extractive",
         "收入为9.39亿元〔云知声还能走多远？，2025-11-18〕[1]。", ["a:1"], []),
        # a marker that points at no passage is removed, and the sentence with it
        ("估值511亿港元[7]。", "extractive", "", [], ["估值511亿港元。"]),
        # a source note naming a document by a title that ends a clause ("？") stays with its line
        ("云知声2024年收入为9.39亿元〔专栏｜云知声还能涨吗？，2026-01-20〕[1]。", "extractive",
         "云知声2024年收入为9.39亿元〔专栏｜云知声还能涨吗？，2026-01-20〕[1]。", ["a:1"], []),
        # a source note whose title asks or exclaims ends no sentence: the quote keeps its figures and marker
        ("收入为9.39亿元〔专栏｜还能走多远？，2025-11-18〕[1]。", "extractive",
         "收入为9.39亿元〔专栏｜还能走多远？，2025-11-18〕[1]。", ["a:1"], []),
        ("- 收入为9.39亿元 〔Why it wins! Part 2. , 2025-11-18〕[1]。", "extractive",
         "- 收入为9.39亿元 〔Why it wins! Part 2. , 2025-11-18〕[1]。", ["a:1"], []),
    ],
)
def test_check_answer(answer, mode, text, cited, unsupported):
    checked = check_answer(answer, PASSAGES, mode=mode, lang="zh")
    assert checked.text == text
    assert [c.chunk_id for c in checked.citations] == cited
    assert [c.n for c in checked.citations] == list(range(1, len(cited) + 1))
    assert checked.unsupported == unsupported


def test_english_warning_for_an_english_answer():
    checked = check_answer("Revenue was 10 bn [1].", PASSAGES, mode="llm", lang="en")
    assert checked.text.endswith("(⚠ not supported by the cited sources)")


def test_highlights_reach_the_citation():
    checked = check_answer("收入9.39亿元[1]。", PASSAGES, highlights={1: ["云知声2024年收入为9.39亿元"]})
    assert checked.citations[0].highlights == ["云知声2024年收入为9.39亿元"]


@pytest.mark.parametrize(("title", "publisher", "src"), [
    ('专栏｜动岭健身的"小店扩张"还能走多远？', "", '专栏｜动岭健身的"小店扩张"还能走多远'),
    ("Can Zhipu keep growing?", "", "Can Zhipu keep growing"),
    ("还能走多远？", "港讯社", "港讯社"),  # a publisher names the source: the title is not used
])
def test_a_quoted_line_keeps_its_source_label_whole(title, publisher, src):
    """The "〔source, date〕" label after a quoted line names a document without a publisher by
    its title, less the marks that end a sentence: the citation check keeps the whole line."""
    from chatbot.compose.base import as_of

    chunk = Chunk(id="a:1", doc_id="a", text="公司计划新开门店80家。", title=title, publisher=publisher, date="2025-11-18")
    label = as_of(chunk, "zh")
    assert src in label
    assert "2025-11-18" in label
    checked = check_answer(f"公司计划新开门店80家{label}[1]。", {1: chunk})
    assert "新开门店80家" in checked.text
    assert checked.citations
