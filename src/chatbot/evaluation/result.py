"""`EvalResult`: a finished evaluation run (questions, each system's records and
metrics, the LLM grades, the gate) and its metrics.json shape."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from chatbot.evaluation.aggregate import SystemEval
from chatbot.evaluation.questions import Question


@dataclass
class EvalResult:
    """A finished run: the questions, each system's records and metrics, the gate."""

    questions_paths: list[Path]
    out_dir: Path
    questions: list[Question]
    systems: dict[str, SystemEval]
    llm_judged: dict[str, Any]
    config: dict[str, Any]
    gate_failures: list[str]
    thresholds: dict[str, float]
    created: str = ""
    corpus_error: str | None = field(default=None)

    @property
    def questions_path(self) -> Path:
        """The first question file (the only one unless several were given)."""
        return self.questions_paths[0]

    @property
    def primary(self) -> SystemEval:
        """The system the gate and the report's detail sections are about: "hybrid"
        when it ran, otherwise the first system run (`systems=` without hybrid)."""
        return self.systems["hybrid"] if "hybrid" in self.systems else next(iter(self.systems.values()))

    @property
    def hybrid(self) -> SystemEval:
        """The hybrid system's results; KeyError when it was not run."""
        if "hybrid" not in self.systems:
            raise KeyError(f"the hybrid system was not run (systems: {', '.join(self.systems)})")
        return self.systems["hybrid"]

    @property
    def metrics_path(self) -> Path:
        return self.out_dir / "metrics.json"

    @property
    def report_path(self) -> Path:
        return self.out_dir / "report.md"

    @property
    def chart_path(self) -> Path:
        return self.out_dir / "systems.png"

    def to_json(self) -> dict[str, Any]:
        """The metrics.json shape (DESIGN.md); keys are only ever added."""
        return {
            "created": self.created,
            "questions_file": ", ".join(str(p) for p in self.questions_paths),
            "questions_files": [str(p) for p in self.questions_paths],
            "n_questions": len(self.questions),
            "config": self.config,
            "systems": {name: {"overall": s.overall, "by_tag": s.by_tag, "by_intent": s.by_intent}
                        for name, s in self.systems.items()},
            "llm_judged": self.llm_judged,
            "thresholds": self.thresholds,
            "gate": {"system": self.primary.name, "passed": not self.gate_failures, "failures": self.gate_failures},
            "failed_questions": {
                name: [{"id": r.id, "cause": r.cause, "diagnosis": r.diagnosis} for r in s.failures]
                for name, s in self.systems.items()
            },
            "per_question": {name: [asdict(r) for r in s.records] for name, s in self.systems.items()},
            "corpus_error": self.corpus_error,
        }
