"""Data shapes shared by ingestion, retrieval, the answerers and every interface.
`Answer.to_json()` is the `ask --json` shape fixed in docs/contract.md."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class Chunk(BaseModel):
    """One indexed passage. `id` is a hash of the document id and the passage text."""

    id: str
    doc_id: str
    text: str
    title: str = ""
    publisher: str = ""
    date: str = ""
    url: str = ""
    tickers: list[str] = Field(default_factory=list)
    headings: list[str] = Field(default_factory=list)
    position: int = 0
    kind: str = "text"  # "text" or "table"

    def metadata(self) -> dict[str, Any]:
        """Flat metadata for Chroma (scalars only)."""
        return {
            "doc_id": self.doc_id,
            "title": self.title,
            "publisher": self.publisher,
            "date": self.date,
            "url": self.url,
            "tickers": ",".join(self.tickers),
            "headings": " > ".join(self.headings),
            "position": self.position,
            "kind": self.kind,
        }

    @classmethod
    def from_metadata(cls, chunk_id: str, text: str, meta: dict[str, Any]) -> Chunk:
        return cls(
            id=chunk_id,
            text=text,
            doc_id=meta.get("doc_id", ""),
            title=meta.get("title", ""),
            publisher=meta.get("publisher", ""),
            date=meta.get("date", ""),
            url=meta.get("url", ""),
            tickers=[t for t in str(meta.get("tickers", "")).split(",") if t],
            headings=[h for h in str(meta.get("headings", "")).split(" > ") if h],
            position=int(meta.get("position", 0)),
            kind=meta.get("kind", "text"),
        )


class Passage(BaseModel):
    """A retrieved chunk with its scores."""

    chunk: Chunk
    score: float = 0.0  # fused score used for ranking
    dense_score: float | None = None  # cosine similarity, when the dense side found it
    keyword_score: float | None = None  # BM25 score, when the keyword side found it


class Citation(BaseModel):
    n: int
    doc_id: str
    chunk_id: str
    title: str = ""
    publisher: str = ""
    date: str = ""
    url: str = ""
    quote: str = ""
    # the sentence(s) of the quote that support the answer, for highlighting
    highlights: list[str] = Field(default_factory=list)

    @classmethod
    def from_chunk(cls, n: int, chunk: Chunk, highlights: list[str] | None = None) -> Citation:
        return cls(
            n=n,
            doc_id=chunk.doc_id,
            chunk_id=chunk.id,
            title=chunk.title,
            publisher=chunk.publisher,
            date=chunk.date,
            url=chunk.url,
            quote=quoted_text(chunk, highlights),
            highlights=highlights or [],
        )


def quoted_text(chunk: Chunk, highlights: list[str] | None = None) -> str:
    """What a citation of the chunk quotes: its text, after the headings of it the answer
    quotes ("# 中创新航（股票代码：3931）：…" states the code no sentence does), and a table's caption, the heading right
    over it, which writes its cells' unit ("### 2025财年分产品收入（千港元）": the reader sees what "1,684,320" is in)."""
    heads = [h for h in chunk.headings if h in (highlights or []) and h not in chunk.text]
    # (a passage that opens with a table is read under its heading's unit too: evidence.heading_caption)
    if (chunk.kind == "table" or chunk.text.lstrip().startswith("|")) and len(chunk.headings) > 1 \
            and (cap := chunk.headings[-1]) not in chunk.text and cap not in heads:
        heads.append(cap)
    return "\n".join([*heads, chunk.text])


class FigureState(BaseModel):
    """The standing of one figure in an answer's text (`start`:`end` are offsets into
    Answer.text): "verified" (found in citation `n`, `quote` is the source sentence),
    "computed" (worked out from cited figures, `formula` shows how) or "unsupported"
    (in no cited passage: LLM answers only; extractive answers never keep one)."""

    text: str
    start: int
    end: int
    state: str  # "verified" | "computed" | "unsupported"
    n: int | None = None
    quote: str = ""
    formula: str = ""


class Answer(BaseModel):
    question: str
    standalone_question: str = ""
    text: str = ""
    refused: bool = False
    intent: str = "lookup"  # what the question asks for (chatbot/intent.py)
    citations: list[Citation] = Field(default_factory=list)
    tickers: list[str] = Field(default_factory=list)
    passages: list[Passage] = Field(default_factory=list)  # everything retrieved, best first
    unsupported: list[str] = Field(default_factory=list)  # sentences the citation check flagged
    notices: list[str] = Field(default_factory=list)  # e.g. "question truncated"
    figures: list[FigureState] = Field(default_factory=list)  # each figure's standing, in text order
    timings_ms: dict[str, float] = Field(default_factory=dict)

    @property
    def retrieved_doc_ids(self) -> list[str]:
        seen: list[str] = []
        for p in self.passages:
            if p.chunk.doc_id not in seen:
                seen.append(p.chunk.doc_id)
        return seen

    def to_json(self, qid: str | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if qid is not None:
            out["id"] = qid
        out.update(
            question=self.question,
            standalone_question=self.standalone_question,
            answer=self.text,
            refused=self.refused,
            intent=self.intent,
            citations=[c.model_dump(exclude={"highlights"}) for c in self.citations],
            tickers=self.tickers,
            retrieved=[
                {"doc_id": p.chunk.doc_id, "chunk_id": p.chunk.id, "score": round(p.score, 5)}
                for p in self.passages
            ],
            unsupported=self.unsupported,
            notices=self.notices,
            timings_ms={k: round(v, 2) for k, v in self.timings_ms.items()},
        )
        return out
