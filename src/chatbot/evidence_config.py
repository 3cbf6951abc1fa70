"""config/evidence.toml, read once: the word lists and thresholds of evidence scoring
(chatbot/evidence.py, sentence_period.py)."""

from __future__ import annotations

import tomllib
from functools import lru_cache

from chatbot.config import PROJECT_ROOT

EVIDENCE_TOML = PROJECT_ROOT / "config" / "evidence.toml"


@lru_cache(maxsize=1)
def evidence_config() -> dict:
    return tomllib.loads(EVIDENCE_TOML.read_text(encoding="utf-8"))
