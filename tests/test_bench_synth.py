"""The benchmark's synthetic news: each passage is made of whole corpus sentences that the
reader splits back exactly as they were made (no sentence takes its subject from one line
and its figure from another), each a variation of its corpus sentence (companies, years
and figures changed, nothing else), naming none of the corpus's companies, and the same
for the same seed."""

from __future__ import annotations

import re

import pytest

from benchmarks import synth
from chatbot.text import split_sentences
from support import CORPUS, ROOT


@pytest.fixture(scope="module")
def docs() -> list[synth.SynthDoc]:
    return synth.documents(600, 250, "t", seed=3)


_TICKER = re.compile(r"\d{4}(\.HK)?")


def _shape(text: str, names: list[str]) -> str:
    """The sentence with every company name and every figure (tickers too) blanked."""
    for n in sorted(names, key=len, reverse=True):
        text = text.replace(n, "N")
    return re.sub(r"\d+(\.\d+)?", "0", text)


def test_synthetic_passages_split_back_into_variations_of_corpus_sentences(docs):
    pool = synth.sentence_pool()
    names = [n for n in [*synth.corpus_companies(), *synth.invented_companies()] if not _TICKER.fullmatch(n)]
    texts = [p for d in docs for p in d.passages]
    assert len(texts) == 600
    assert len(set(texts)) == 600
    assert [len(d.passages) for d in docs] == [250, 250, 100]
    varied = 0
    for doc in docs:
        for text, rows in zip(doc.passages, doc.sources, strict=True):
            sentences = split_sentences(text, semicolons=False)
            assert len(sentences) == len(rows), text
            for sentence, row in zip(sentences, rows, strict=True):
                assert _shape(sentence, names) == _shape(pool[row], names), (sentence, pool[row])
                varied += sentence != pool[row]
    assert varied > 0.2 * sum(len(r) for d in docs for r in d.sources)


def test_a_sentence_cut_off_in_the_source_stays_cut_off_and_ends_its_passage(docs):
    # q17: the report's line "…允许符合18A、18C章的企业" is cut off (the reader scores it so); a copy
    # given an end mark was a whole sentence, scored above the original and cited instead of the answer
    pool = synth.sentence_pool()
    cut = [s for s in pool if synth.is_open(s)]
    assert "2025年5月,港交所推出\"科企上市专线\",允许符合18A、18C章的企业" in cut
    assert not [s for s in cut if s.endswith(("。", "！", "？", "!", "?"))]
    assert synth.is_open("港股市场对AI公司的估值更多依赖于对")
    assert not synth.is_open("相关个股:2513.HK(智谱)、0100.HK(MiniMax)。")
    last = 0
    for doc in docs:
        for text, rows in zip(doc.passages, doc.sources, strict=True):
            assert not [r for r in rows[:-1] if synth.is_open(pool[r])], text
            if synth.is_open(pool[rows[-1]]):
                last += 1
                assert synth.is_open(split_sentences(text, semicolons=False)[-1]), text
    assert last > 0


def test_synthetic_news_names_no_corpus_company_and_shifts_its_years(docs):
    pool = synth.sentence_pool()
    corpus_names = [f for f in synth.corpus_companies() if not _TICKER.fullmatch(f)]
    invented = synth.invented_companies()
    years = re.compile(r"(?<![\d.])(20[0-3]\d)(?![\d])")
    for doc in docs:
        assert doc.ticker == invented[doc.title.split("(")[0]]
        shifts = set()
        for text, rows in zip(doc.passages, doc.sources, strict=True):
            assert not [n for n in corpus_names if n in text], text
            for sentence, row in zip(split_sentences(text, semicolons=False), rows, strict=True):
                if sentence != pool[row]:  # varied: every year moved by the document's offset
                    shifts |= {int(a) - int(b) for a, b in zip(years.findall(sentence), years.findall(pool[row]),
                                                               strict=True)}
        assert len(shifts) == 1
        assert shifts <= {-1, -2, -3}
    # market sentences (no company, "公司" not their subject) stay as they are
    assert any("2025年上半年,中国企业级大模型日均调用量" in p for d in docs for p in d.passages)


def test_synthetic_news_is_the_same_for_the_same_seed(docs):
    again = synth.documents(600, 250, "t", seed=3)
    assert [(d.title, d.date, d.passages) for d in again] == [(d.title, d.date, d.passages) for d in docs]
    assert synth.documents(10, 250, "t", seed=4)[0].passages != docs[0].passages[:10]


def test_invented_companies_occur_nowhere_in_the_corpus_or_the_questions():
    text = "\n".join(p.read_text(encoding="utf-8") for p in CORPUS.rglob("*.md"))
    text += (ROOT / "tests" / "questions.jsonl").read_text(encoding="utf-8")
    invented = synth.invented_companies()
    assert len(invented) >= 30
    assert len(set(invented.values())) == len(invented)
    assert not [n for n in invented if n in text]
    assert not [t for t in invented.values() if t in text]
