"""The question set: one JSONL line per question (DESIGN.md), the one loader of it.

`load_questions` reads one file; `load_question_files` reads several into one set
(ids must be unique across the files), for `chatbot eval --questions A --questions B`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, ValidationError, field_validator, model_validator

from chatbot.text import question_language

# the keys `chatbot eval` needs on every line (optional for `chatbot ask --questions`)
EVAL_KEYS = ("answerable", "expected_facts", "expected_sources")


class Question(BaseModel):
    """One line of a question set (DESIGN.md)."""

    id: str
    question: str
    history: list[dict[str, str]] = Field(default_factory=list)
    # optional so that a plain list of questions works with `chatbot ask --questions`;
    # `run_evaluation` requires them (see `load_questions(..., for_eval=True)`)
    answerable: bool = True
    expected_facts: list[str] = Field(default_factory=list)
    expected_sources: list[str] = Field(default_factory=list)
    lang: str = ""
    tags: list[str] = Field(default_factory=list)
    # optional: the kind of question (look-up, summary, comparison ...); accuracy is
    # also reported per intent when the set has them
    intent: str = ""

    @field_validator("id", "question")
    @classmethod
    def _not_blank(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("must not be empty")
        return v

    @field_validator("history")
    @classmethod
    def _turns(cls, v: list[dict[str, str]]) -> list[dict[str, str]]:
        for i, turn in enumerate(v):
            if turn.get("role") not in ("user", "assistant") or "content" not in turn:
                raise ValueError(f"turn {i} must be {{\"role\": \"user\"|\"assistant\", \"content\": ...}}")
        return v

    @model_validator(mode="after")
    def _defaults(self) -> Question:
        if not self.lang:
            self.lang = question_language(self.question)
        return self


def _read_lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8-sig").splitlines()
    except FileNotFoundError:
        raise ValueError(f"{path}: question file not found") from None
    except (OSError, UnicodeDecodeError) as e:
        raise ValueError(f"{path}: cannot read question file: {e}") from None


def _parse_line(where: str, line: str, for_eval: bool) -> Question:
    try:
        data: Any = json.loads(line)
    except json.JSONDecodeError as e:
        raise ValueError(f"{where}: invalid JSON: {e.msg} (column {e.colno})") from None
    if not isinstance(data, dict):
        raise ValueError(f"{where}: expected a JSON object, got {type(data).__name__}")
    absent = [k for k in EVAL_KEYS if for_eval and k not in data]
    if absent:
        raise ValueError(f"{where}: missing key(s): {', '.join(absent)}")
    try:
        return Question.model_validate(data)
    except ValidationError as e:
        missing = [".".join(map(str, err["loc"])) for err in e.errors() if err["type"] == "missing"]
        if missing:
            raise ValueError(f"{where}: missing key(s): {', '.join(missing)}") from None
        err = e.errors()[0]
        loc = ".".join(map(str, err["loc"])) or "line"
        raise ValueError(f"{where}: bad value for {loc!r}: {err['msg']}") from None


def load_questions(path: str | Path, for_eval: bool = True) -> list[Question]:
    """Read a JSONL question set. Blank lines are skipped. Bad JSON, missing keys
    (the evaluation keys too when `for_eval`), wrong types and duplicate ids raise
    ValueError naming the file and line."""
    path = Path(path)
    out: list[Question] = []
    first_line: dict[str, int] = {}
    for lineno, line in enumerate(_read_lines(path), 1):
        if not line.strip():
            continue
        q = _parse_line(f"{path}:{lineno}", line, for_eval)
        if q.id in first_line:
            raise ValueError(f"{path}:{lineno}: duplicate id {q.id!r} (first on line {first_line[q.id]})")
        first_line[q.id] = lineno
        out.append(q)
    if not out:
        raise ValueError(f"{path}: no questions in file")
    return out


def load_question_files(paths: Sequence[str | Path], for_eval: bool = True) -> list[Question]:
    """Several question files as one set, in order; an id used in two files raises
    ValueError naming both."""
    if not paths:
        raise ValueError("no question file given")
    out: list[Question] = []
    seen: dict[str, Path] = {}
    for p in map(Path, paths):
        for q in load_questions(p, for_eval):
            if q.id in seen:
                raise ValueError(f"{p}: duplicate id {q.id!r} (also in {seen[q.id]})")
            seen[q.id] = p
            out.append(q)
    return out


def question_dicts(path: str | Path, for_eval: bool = True) -> list[dict[str, Any]]:
    """The questions as plain dicts (for benchmarks and tests that index by key)."""
    return [q.model_dump() for q in load_questions(path, for_eval)]
