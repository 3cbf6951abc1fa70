"""The one answerer interface. An answerer gets the standalone question, the
retrieved passages and the scored evidence sentences, streams text deltas, and
returns a `Draft`: the answer text with `[n]` markers numbered by passage, and the
sentences to highlight per passage. The engine then runs the citation check on the
draft (citations.py), whichever answerer wrote it."""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass, field
from typing import Literal, Protocol

from chatbot.evidence import Candidate, QuestionSpec
from chatbot.models import Passage

AnswerMode = Literal["extractive", "llm"]


@dataclass
class AnswerRequest:
    """What every answerer receives."""

    question: str  # the standalone question
    passages: list[Passage]
    candidates: list[Candidate]  # evidence sentences, best first (evidence.score_candidates)
    spec: QuestionSpec
    lang: str  # "zh" or "en"


@dataclass
class Draft:
    """An answer before the citation check. `streamed` is true when the text was
    already sent as deltas (the engine then does not stream it again)."""

    text: str = ""
    highlights: dict[int, list[str]] = field(default_factory=dict)
    mode: AnswerMode = "extractive"
    streamed: bool = False
    notices: list[str] = field(default_factory=list)


class Answerer(Protocol):
    """Writes an answer from evidence; empty text means: refuse."""

    def stream(self, request: AnswerRequest) -> Generator[str, None, Draft]:
        """Yield text deltas as they are written; return the finished draft."""
        ...
