"""Table-driven tests of the session-40 reader rules (dev-40's reader misses, by mechanism): how big an impact asks
for the article's assessment (a conclusion); a line naming peers in passing in the asked company's own article is about
that company."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("question", "intent"), [
    ("藜鹄农业入选航天食品目录，对业绩影响大不大？", "conclusion"),
    ("这次停产对公司有多大影响？", "conclusion"),
    ("How big an impact will the listing have on the company's results?", "conclusion"),
    ("What impact will the tariff have on margins?", "conclusion"),
    # a figure asked stays a look-up
    ("藜鹄农业首批供货多少吨？", "lookup"),
    # strong and weak points ask both sides
    ("What were the strong and weak points of Horizon Robotics' first half of 2025?", "pros_cons"),
    ("What are the weak and strong points of the deal?", "pros_cons"),
])
def test_an_impact_asked_is_an_assessment(question, intent):
    from chatbot.intent import question_intent

    assert question_intent(question, question).name == intent


class _Names:
    """The names a catalogue would hold for the three articles' companies (the subject and two peers)."""

    def __init__(self) -> None:
        self.companies = ["篾韵家居", "苇舍家居", "荆篮工艺"]
        self.doc_subjects = {"news-408": {"篾韵家居"}, "news-500": {"苇舍家居"}}

    def entities(self, text: str) -> list[str]:
        return [c for c in self.companies if c in text]


@pytest.mark.parametrize(("doc_id", "text", "about"), [
    # peers named in passing in the asked company's article: the line is its article's
    ("news-408", "公司称，欧美客户去库存导致订单下滑，苇舍家居、荆篮工艺等同业亦面临类似压力。", True),
    # the asked company named: about it
    ("news-408", "篾韵家居估计减薪每年可节省约860万元。", True),
    # a peer's own article: about the peer
    ("news-500", "苇舍家居称订单下滑。", False),
    ("news-500", "公司称订单下滑，荆篮工艺亦面临类似压力。", False),
])
def test_a_line_naming_peers_in_passing(doc_id, text, about):
    from types import SimpleNamespace

    from chatbot.compose.base import Entry
    from chatbot.compose.sections import _line_about
    from chatbot.models import Chunk

    chunk = Chunk(id=f"{doc_id}:0", doc_id=doc_id, text=text, title="", publisher="", date="", url="", tickers=[],
                  headings=["x", "减薪安排"], position=0)
    ctx = SimpleNamespace(glossary=_Names())
    assert _line_about(ctx, Entry(text, [chunk], [text]), {"篾韵家居"}) is about
